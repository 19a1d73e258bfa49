// The taxpayer number (ИНН) of a Russian company (10 digits) or person / sole trader (12 digits),
// with its check digits: the ERP's client cards are taken only with a number that passes them.
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

const check = (digits: number[], weights: number[]): number =>
  (weights.reduce((s, w, i) => s + w * digits[i]!, 0) % 11) % 10;

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (d.length === 10) return check(d, W10) === d[9];
  return check(d, W11) === d[10] && check(d, W12) === d[11];
}
