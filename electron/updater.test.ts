import { describe, expect, it } from 'vitest';
import { startUpdater } from './updater';

const fakeUpdater = () => {
  const calls: string[] = [];
  return {
    calls,
    setFeedURL: (o: { url: string }) => void calls.push(`feed ${o.url}`),
    checkForUpdatesAndNotify: async () => void calls.push('check'),
    on: () => undefined,
  };
};

describe('updates', () => {
  it('come only from an https feed', () => {
    const logs: string[] = [];
    const plain = fakeUpdater();
    expect(startUpdater(plain, 'http://desk.example.ru/updates', (m) => logs.push(m))).toBe(false);
    expect(plain.calls).toEqual([]);
    expect(logs[0]).toMatch(/not https/);
    const secure = fakeUpdater();
    expect(startUpdater(secure, 'https://desk.example.ru/updates', () => undefined)).toBe(true);
    expect(secure.calls).toEqual(['feed https://desk.example.ru/updates', 'check']);
  });
});
