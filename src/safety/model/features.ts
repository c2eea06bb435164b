/**
 * Feature extraction shared by the trainer (`scripts/train-safety.ts`) and the screen: lower-cased
 * word tokens (ASCII letters and digits; apostrophes dropped so "don't" = "dont"), hashed with
 * FNV-1a into 2^BITS buckets, unigrams and bigrams. One pass over char codes, no slicing.
 */
export const BITS = 16;
export const MASK = (1 << BITS) - 1;
export const BIGRAM_SALT = 0x9e3779b1;

/**
 * Per UTF-16 code unit: the lower-cased ASCII letter or digit it stands for (a–z, 0–9), 0 for
 * anything else. One table look-up replaces the range tests in the hot loop.
 */
export const WORD_LOWER = new Uint8Array(65536);
for (let c = 48; c <= 57; c++) WORD_LOWER[c] = c;
for (let c = 97; c <= 122; c++) WORD_LOWER[c] = c;
for (let c = 65; c <= 90; c++) WORD_LOWER[c] = c + 32;

/** Apostrophes dropped inside a word (straight, curly, backtick, acute). */
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4;
}

/**
 * Scratch output of `scanFeatures` (the screen is synchronous and never re-entered; grown on
 * demand): bucket and span [start, end) of feature k, valid until the next call.
 */
export const FEATURES = { bucket: new Int32Array(1024), start: new Int32Array(1024), end: new Int32Array(1024) };

/** Makes room for `n` features in FEATURES (a text of n chars has at most n + 1). */
export function ensureFeatureCapacity(n: number): void {
  while (FEATURES.bucket.length < n) grow();
}

function grow(): void {
  const cap = FEATURES.bucket.length * 2;
  const b = new Int32Array(cap);
  const s = new Int32Array(cap);
  const e = new Int32Array(cap);
  b.set(FEATURES.bucket);
  s.set(FEATURES.start);
  e.set(FEATURES.end);
  FEATURES.bucket = b;
  FEATURES.start = s;
  FEATURES.end = e;
}

/**
 * Writes every unigram and bigram of `text`, in order, into `FEATURES` (valid until the next call) and returns their number. No allocation per word.
 */
export function scanFeatures(text: string): number {
  const n = text.length;
  let prevHash = 0;
  let prevStart = -1;
  let count = 0;
  let { bucket, start: starts, end: ends } = FEATURES;
  let i = 0;
  while (i < n) {
    while (i < n && WORD_LOWER[text.charCodeAt(i)] === 0) i++;
    if (i >= n) break;
    const start = i;
    let h = 0x811c9dc5;
    while (i < n) {
      const c = text.charCodeAt(i);
      const w = WORD_LOWER[c]!;
      if (w !== 0) {
        h = Math.imul(h ^ w, 0x01000193);
        i++;
        continue;
      }
      if (isApostrophe(c) && i + 1 < n && WORD_LOWER[text.charCodeAt(i + 1)] !== 0) {
        i++;
        continue;
      }
      break;
    }
    h >>>= 0;
    if (count + 2 > bucket.length) {
      grow();
      ({ bucket, start: starts, end: ends } = FEATURES);
    }
    bucket[count] = h & MASK;
    starts[count] = start;
    ends[count] = i;
    count++;
    if (prevStart >= 0) {
      bucket[count] = (Math.imul(prevHash ^ BIGRAM_SALT, 0x01000193) ^ h) & MASK;
      starts[count] = prevStart;
      ends[count] = i;
      count++;
    }
    prevHash = h;
    prevStart = start;
  }
  return count;
}

/**
 * Calls `visit(bucket, start, end)` for every unigram and bigram of `text` (end exclusive, indices into
 * `text`). Returns the number of features visited.
 */
export function forEachFeature(text: string, visit: (bucket: number, start: number, end: number) => void): number {
  const count = scanFeatures(text);
  // Copy first: `visit` may itself screen text and overwrite the scratch buffers.
  const b = FEATURES.bucket.slice(0, count);
  const s = FEATURES.start.slice(0, count);
  const e = FEATURES.end.slice(0, count);
  for (let k = 0; k < count; k++) visit(b[k]!, s[k]!, e[k]!);
  return count;
}
