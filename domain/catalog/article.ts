// Article (артикул) search keys: managers type articles in Cyrillic, Latin, or a mix of
// look-alike letters, with or without separators. Two keys per spelling let "К561ЛА7",
// "K561LA7" and "k561-la7" meet: one reads Cyrillic letters by their look, one by their sound.

// Cyrillic letters that look like Latin ones: a manager on a Russian layout types these by mistake.
const LOOKALIKE: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  Ё: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

// Transliteration as used for Soviet/Russian part numbers written in Latin (КР1533 → KR1533).
const TRANSLIT: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'Y',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SCH',
  Ъ: '',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
};

// Everything that is not a letter or digit is a separator and does not count.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

function mapLetters(upper: string, primary: Record<string, string>): string {
  let out = '';
  for (const ch of upper) out += primary[ch] ?? TRANSLIT[ch] ?? ch;
  return out;
}

/** The key that reads look-alike Cyrillic letters as the Latin ones they resemble. */
export function lookalikeKey(article: string): string {
  return mapLetters(article.toUpperCase().replace(SEPARATORS, ''), LOOKALIKE);
}

/** The key that transliterates Cyrillic letters by sound. */
export function translitKey(article: string): string {
  return mapLetters(article.toUpperCase().replace(SEPARATORS, ''), TRANSLIT);
}

/** Both keys of one spelling; equal for pure Latin articles. */
export function articleKeys(article: string): [string, string] {
  return [lookalikeKey(article), translitKey(article)];
}

/** Levenshtein distance capped at `max` (returns max + 1 when farther): cheap early exit. */
export function editDistanceAtMost(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The spellings of a key with one character deleted: the neighbourhood used to find typos fast. */
export function singleDeletions(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}
