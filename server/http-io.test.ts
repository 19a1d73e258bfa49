// The address behind a reverse proxy: X-Forwarded-For is believed only from a proxy we named,
// and only up to the first address that is not one of ours (what a client put before it is forged).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './http-io';

const req = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

describe('client address', () => {
  const proxies = new Set(['10.0.0.2']);
  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress(req('::ffff:203.0.113.7', '1.1.1.1'), new Set())).toBe('203.0.113.7');
  });
  it('is the nearest untrusted forwarded address behind a trusted proxy', () => {
    expect(clientAddress(req('10.0.0.2', '6.6.6.6, 203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(req('::ffff:10.0.0.2', '203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.2'), proxies)).toBe('10.0.0.2');
  });
});
