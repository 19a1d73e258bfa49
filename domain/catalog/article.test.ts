import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleKeys, editDistanceAtMost, lookalikeKey, singleDeletions, translitKey } from './article';

const same = (a: string, b: string): boolean => {
  const [x1, x2] = articleKeys(a);
  const [y1, y2] = articleKeys(b);
  return [x1, x2].some((x) => [y1, y2].includes(x));
};

describe('article keys', () => {
  it('meet for Cyrillic, Latin, mixed case and separators', () => {
    expect(same('К561ЛА7', 'K561LA7')).toBe(true);
    expect(same('К561ЛА7', 'k561-la7')).toBe(true);
    expect(same('КР1533ЛА3', 'KR1533LA3')).toBe(true);
    expect(same('STM32F103C8T6', 'stm32 f103 c8t6')).toBe(true);
    // Look-alike typing on a Russian layout: Cyrillic С, Т, М in a Latin article.
    expect(same('SТМ32F103С8Т6', 'STM32F103C8T6')).toBe(true);
  });

  it('keep different articles apart', () => {
    expect(same('К561ЛА7', 'К561ЛА9')).toBe(false);
    expect(same('LM317T', 'LM337T')).toBe(false);
  });

  it('ignore separators and case for any string (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        fc.array(fc.constantFrom('-', ' ', '.', '/', '_'), { maxLength: 3 }),
        (s, seps) => {
          const withSeps = s
            .split('')
            .map((c, i) => (i === 1 && seps.length ? seps.join('') + c : c))
            .join('')
            .toLowerCase();
          expect(lookalikeKey(withSeps)).toBe(lookalikeKey(s));
          expect(translitKey(withSeps)).toBe(translitKey(s));
        },
      ),
    );
  });
});

describe('edit distance with a cap', () => {
  it('counts one typo as one and stops early', () => {
    expect(editDistanceAtMost('K561LA7', 'K561LA7', 1)).toBe(0);
    expect(editDistanceAtMost('K561LA7', 'K561A7', 1)).toBe(1);
    expect(editDistanceAtMost('K561LA7', 'K516LA7', 1)).toBe(2);
    expect(editDistanceAtMost('ABC', 'XYZWV', 1)).toBe(2);
  });

  it('finds every single-typo neighbour through the deletion neighbourhood (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{3,10}$/), fc.nat(), fc.constantFrom('A', 'Z', '7'), (key, pos, ch) => {
        const i = pos % key.length;
        const typo = key.slice(0, i) + ch + key.slice(i + 1); // substitution
        const probes = new Set([typo, ...singleDeletions(typo)]);
        const indexed = new Set([key, ...singleDeletions(key)]);
        expect([...probes].some((p) => indexed.has(p))).toBe(true);
      }),
    );
  });
});
