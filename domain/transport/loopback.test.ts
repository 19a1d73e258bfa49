import { describe, expect, it } from 'vitest';
import { insecureReason, isLoopbackHost } from './loopback';

describe('plain http only on this machine', () => {
  it('allows https anywhere and http on loopback', () => {
    expect(insecureReason('https://desk.example.ru')).toBeNull();
    expect(insecureReason('http://127.0.0.1:7410')).toBeNull();
    expect(insecureReason('http://localhost:7410')).toBeNull();
    expect(insecureReason('http://[::1]:7410')).toBeNull();
  });
  it('refuses http and ws to any other host, a lookalike name included', () => {
    expect(insecureReason('http://10.0.0.5:7410')).toMatch(/not encrypted/);
    expect(insecureReason('ws://desk.example.ru/sync')).toMatch(/not encrypted/);
    expect(insecureReason('http://localhost.evil.example')).toMatch(/not encrypted/);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});
