/**
 * Feature extraction shared by the trainer (`scripts/train-safety.ts`) and the screen: lower-cased
 * word tokens (ASCII letters and digits; apostrophes dropped so "don't" = "dont"), hashed with
 * FNV-1a into 2^BITS buckets, unigrams and bigrams. One pass over char codes, no slicing.
 */
export const BITS = 16;
export const MASK = (1 << BITS) - 1;
export const BIGRAM_SALT = 0x9e3779b1;

function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4;
}

/**
 * Calls `visit(bucket, start, end)` for every unigram and bigram of `text` (end exclusive, indices into
 * `text`). Returns the number of features visited.
 */
export function forEachFeature(text: string, visit: (bucket: number, start: number, end: number) => void): number {
  const n = text.length;
  let prevHash = 0;
  let prevStart = -1;
  let count = 0;
  let i = 0;
  while (i < n) {
    while (i < n && !isWord(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (isApostrophe(c) && i + 1 < n && isWord(text.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      if (!isWord(c)) break;
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    h >>>= 0;
    visit(h & MASK, start, i);
    count++;
    if (prevStart >= 0) {
      visit((Math.imul(prevHash ^ BIGRAM_SALT, 0x01000193) ^ h) & MASK, prevStart, i);
      count++;
    }
    prevHash = h;
    prevStart = start;
  }
  return count;
}
