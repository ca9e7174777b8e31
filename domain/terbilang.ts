/**
 * Amounts in words in Bahasa Indonesia (terbilang), as contracts write the value next to its figure:
 * "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)". Lower case; callers capitalise if they must.
 */

/** The largest amount spelled: just under one thousand trillion (there is no common word beyond triliun). */
export const TERBILANG_MAX = 999_999_999_999_999;

const ONES = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** Largest first. Only "ribu" takes the "se-" prefix for one (seribu, but satu juta / satu miliar). */
const SCALES: ReadonlyArray<readonly [number, string]> = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/** 1 … 999. */
function below1000(n: number): string {
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${ONES[n - 10]} belas`;
  if (n < 100) return n % 10 ? `${ONES[Math.floor(n / 10)]} puluh ${ONES[n % 10]}` : `${ONES[n / 10]} puluh`;
  const hundreds = Math.floor(n / 100);
  const head = hundreds === 1 ? 'seratus' : `${ONES[hundreds]} ratus`;
  return n % 100 ? `${head} ${below1000(n % 100)}` : head;
}

/** 0 → "nol", 1001 → "seribu satu", 2 300 000 000 → "dua miliar tiga ratus juta". */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > TERBILANG_MAX) {
    throw new RangeError(`terbilang takes a whole number from 0 to ${TERBILANG_MAX}, got ${n}`);
  }
  if (n === 0) return ONES[0]!;
  const words: string[] = [];
  let rest = n;
  for (const [scale, word] of SCALES) {
    const count = Math.floor(rest / scale);
    rest -= count * scale;
    if (count === 0) continue;
    words.push(count === 1 && scale === 1e3 ? 'seribu' : `${below1000(count)} ${word}`);
  }
  if (rest) words.push(below1000(rest));
  return words.join(' ');
}

/** 1 250 000 → "satu juta dua ratus lima puluh ribu rupiah". */
export function rupiahInWords(n: number): string {
  return `${terbilang(n)} rupiah`;
}
