/**
 * Characters used to dodge a word filter (since 1.8.17): invisible characters inside a word ("k\u200Bms",
 * "su\u200Bicide", "kill my\u200Dself", a soft hyphen), letters of another script that look like Latin ones
 * ("mysеlf" with a Cyrillic е, "dіe" with a Cyrillic і) and fullwidth Latin ("ｋｍｓ").
 *
 * The screen reads a text as written and, when it holds any of these, reads it again normalised
 * (`normalizeText`), keeping the higher reading (screen.ts, `screenDetailed`), as it does for typos: no
 * reading can go down. Spans are mapped back onto the characters written (`originalPosition` in typos.ts,
 * with the same flat edit quadruples).
 *
 * - Invisible characters (soft hyphen, zero-width space / non-joiner / joiner, word joiner, BOM, Mongolian
 *   vowel separator) are dropped wherever they are (since 1.8.19; before, only after a letter or digit), but for an emoji
 *   sequence's joiner or variation selector after an emoji or symbol.
 * - Fullwidth ASCII (U+FF01–FF5E) becomes ASCII, the ideographic space a space; since 1.8.18 a Latin letter with diacritics
 *   its ASCII letter ("kíll"), ʼ (U+02BC) an apostrophe; bidi marks, invisible operators, variation selectors and
 *   combining marks (strikethrough "k̶m̶s̶") are dropped as the invisible characters are.
 * - Styled letters (since 1.8.20, `STYLED_LETTERS`) become their plain letter: mathematical alphanumerics U+1D400–1D7FF
 *   ("𝗶 𝘄𝗮𝗻𝘁 𝘁𝗼 𝗱𝗶𝗲", "𝒌𝒎𝒔"), letterlike symbols (the italic ℎ), circled, parenthesised, squared and negative
 *   enclosed letters ("ⓚⓜⓢ", "🅳🅸🅴"), regional indicators used as letters ("🇰🇲🇸"), small capitals ("ᴅɪᴇ") and
 *   superscript / subscript letters. An astral letter (two code units) becomes one, recorded as a replacement edit, so a
 *   span ends after the whole character written.
 * - Cyrillic and Greek look-alikes become the Latin letter they look like, only in a word that is all Latin
 *   once they are (so that "mysеlf" and a lone Cyrillic "і" are read, and a Russian or Greek word is left as
 *   written: it holds letters without a Latin look-alike).
 *
 * Fast path: a text whose every char code is below U+00AD (plain ASCII and Latin-1 punctuation) returns
 * null after one loop over its char codes.
 */

import type { Corrected } from './typos.js';

/** An emoji sequence's joiner or variation selector (kept after an emoji or symbol). */
function emojiJoiner(c: number): boolean {
  return c === 0x200d || c === 0xfe0e || c === 0xfe0f;
}

/**
 * Pass 1 writes a zero-width space in place of the low surrogate of an astral styled letter and marks its position in a
 * `pairSecond` array: pass 2 reads it as part of the word (an invisible character), pass 3 folds it into its letter.
 */
const PAIR_SECOND = 0x200b;

/** Invisible characters, dropped wherever they are (since 1.8.19; before, only after a letter or digit). */
function invisible(c: number): boolean {
  return (
    c === 0xad ||
    (c >= 0x200b && c <= 0x200f) || // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks (1.8.18)
    (c >= 0x2060 && c <= 0x2064) || // word joiner; invisible function application, times, separator, plus (1.8.18)
    c === 0xfeff ||
    (c >= 0x180b && c <= 0x180e) || // Mongolian free variation selectors (1.8.18), vowel separator
    c === 0xfe0e ||
    c === 0xfe0f || // variation selectors (1.8.18)
    (c >= 0x300 && c <= 0x36f) // combining marks (1.8.18): a decomposed accent, the grapheme joiner U+034F, strikethrough U+0335–U+0338
  );
}

/**
 * Latin letters with diacritics (U+00C0–U+024F, U+1E00–U+1EFF) whose canonical decomposition is an ASCII letter and combining
 * marks → that ASCII letter ("kíll", "dïe"; since 1.8.18). One code unit each, so no position moves.
 */
const DIACRITIC_BASE = new Map<number, number>();
for (const [lo, hi] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const) {
  for (let c = lo; c <= hi; c++) {
    const d = String.fromCharCode(c).normalize('NFD');
    if (d.length < 2 || !/^[A-Za-z][\u0300-\u036f]+$/.test(d)) continue;
    DIACRITIC_BASE.set(c, d.charCodeAt(0));
  }
}
/** The modifier letter apostrophe ʼ (U+02BC), read as an apostrophe (since 1.8.18). */
const MODIFIER_APOSTROPHE = 0x2bc;

/**
 * Styled letters → their plain ASCII letter or digit (since 1.8.20). Read from NFKC where it gives one ASCII letter or digit
 * (mathematical alphanumerics, letterlike symbols such as ℎ, circled and squared letters, superscript and subscript
 * letters), and written out where Unicode gives none: negative circled and squared letters, parenthesised letters (NFKC
 * "(a)"), regional indicators (read as lower-case letters) and small capitals. Keys are code points (astral ones too).
 */
export const STYLED_LETTERS: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  // Small capitals (IPA and phonetic extensions; ꜰ ꜱ): ᴀ ʙ ᴄ ᴅ ᴇ ꜰ ɢ ʜ ɪ ᴊ ᴋ ʟ ᴍ ɴ ᴏ ᴘ ʀ ꜱ ᴛ ᴜ ᴠ ᴡ ʏ ᴢ.
  const smallCapitals = new Map(
    [...'\u1d00\u0299\u1d04\u1d05\u1d07\ua730\u0262\u029c\u026a\u1d0a\u1d0b\u029f\u1d0d\u0274\u1d0f\u1d18\u0280\ua731\u1d1b\u1d1c\u1d20\u1d21\u028f\u1d22'].map(
      (c, i) => [c, 'abcdefghijklmnoprstuvwyz'.charCodeAt(i)] as const,
    ),
  );
  const fromNfkc = (lo: number, hi: number): void => {
    for (let cp = lo; cp <= hi; cp++) {
      const plain = String.fromCodePoint(cp).normalize('NFKC');
      if (plain.length === 1 && /[A-Za-z0-9]/.test(plain)) map.set(cp, plain.charCodeAt(0));
      // Superscript small capitals (ᶦ ᶫ ᶰ ᶸ, how "tiny text" generators write i l n u) NFKC to the small capital (since 1.8.20).
      else if (smallCapitals.has(plain)) map.set(cp, smallCapitals.get(plain)!);
    }
  };
  fromNfkc(0x1d400, 0x1d7ff); // mathematical bold, italic, script, fraktur, double-struck, sans-serif, monospace; digits
  fromNfkc(0x2100, 0x214f); // letterlike symbols: the italic ℎ and the script, fraktur and double-struck capitals missing from U+1D400
  map.delete(0x2139); // ℹ, the information emoji
  fromNfkc(0x24b6, 0x24e9); // circled Ⓐ–ⓩ
  fromNfkc(0x1f130, 0x1f149); // squared 🄰–🅉
  fromNfkc(0x2b0, 0x2b8); // modifier ʰ ʲ ʳ ʷ ʸ
  fromNfkc(0x2e0, 0x2e4); // modifier ˡ ˢ ˣ
  fromNfkc(0x1d2c, 0x1d6a); // modifier ᴬ–ᵛ, subscripts ᵢ ᵣ ᵤ ᵥ
  fromNfkc(0x1d9c, 0x1dbf); // modifier ᶜ ᶠ ᶻ …
  fromNfkc(0x2071, 0x209c); // ⁱ ⁿ, subscripts ₐ–ₜ (superscript and subscript digits are left alone: footnotes, m², H₂O)
  for (let cp = 0x2070; cp <= 0x209c; cp++) if (map.has(cp) && map.get(cp)! < 0x41) map.delete(cp);
  const run = (lo: number, first: string, count = 26): void => {
    for (let i = 0; i < count; i++) map.set(lo + i, first.charCodeAt(0) + i);
  };
  run(0x1f150, 'A'); // negative circled 🅐–🅩
  run(0x1f170, 'A'); // negative squared 🅰–🆉
  run(0x1f110, 'A'); // parenthesised 🄐–🄩
  run(0x249c, 'a'); // parenthesised ⒜–⒵
  run(0x1f1e6, 'a'); // regional indicators 🇦–🇿
  for (const [c, to] of smallCapitals) map.set(c.codePointAt(0)!, to);
  return map;
})();
/** The lowest BMP styled letter (ɢ U+0262): normalize looks a code below it up in no styled map. */
const STYLED_MIN = Math.min(...STYLED_LETTERS.keys());
/** High surrogates of the astral styled letters (U+1D400–1D7FF: 0xD835; U+1F100–1F1FF: 0xD83C). */
const STYLED_HIGH = new Set([...STYLED_LETTERS.keys()].filter((cp) => cp > 0xffff).map((cp) => 0xd800 + ((cp - 0x10000) >> 10)));

/** Cyrillic and Greek letters that look like a Latin letter → that letter. */
export const LOOKALIKES: ReadonlyMap<number, number> = new Map(
  (
    [
      // Cyrillic lower case: а е о р с у х ѕ і ј ԁ ӏ һ ԛ ԝ, and к (1.8.18)
      ['\u043a', 'k'], ['\u0430', 'a'], ['\u0435', 'e'], ['\u043e', 'o'], ['\u0440', 'p'], ['\u0441', 'c'], ['\u0443', 'y'], ['\u0445', 'x'],
      ['\u0455', 's'], ['\u0456', 'i'], ['\u0458', 'j'], ['\u0501', 'd'], ['\u04cf', 'l'], ['\u04bb', 'h'], ['\u051b', 'q'], ['\u051d', 'w'],
      // Cyrillic upper case: А В Е К М Н О Р С Т Х Ѕ І Ј У
      ['\u0410', 'A'], ['\u0412', 'B'], ['\u0415', 'E'], ['\u041a', 'K'], ['\u041c', 'M'], ['\u041d', 'H'], ['\u041e', 'O'], ['\u0420', 'P'],
      ['\u0421', 'C'], ['\u0422', 'T'], ['\u0425', 'X'], ['\u0405', 'S'], ['\u0406', 'I'], ['\u0408', 'J'], ['\u0423', 'Y'],
      // Greek: ο α ι ν κ ρ τ (lower), Α Β Ε Η Ι Κ Μ Ν Ο Ρ Τ Χ Υ Ζ (upper)
      ['\u03bf', 'o'], ['\u03b1', 'a'], ['\u03b9', 'i'], ['\u03bd', 'v'], ['\u03ba', 'k'], ['\u03c1', 'p'], ['\u03c4', 't'],
      ['\u0391', 'A'], ['\u0392', 'B'], ['\u0395', 'E'], ['\u0397', 'H'], ['\u0399', 'I'], ['\u039a', 'K'], ['\u039c', 'M'], ['\u039d', 'N'],
      ['\u039f', 'O'], ['\u03a1', 'P'], ['\u03a4', 'T'], ['\u03a7', 'X'], ['\u03a5', 'Y'], ['\u0396', 'Z'],
    ] as const
  ).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]),
);

/**
 * Every char code normalizeText may change (1 = an invisible character, a look-alike, fullwidth ASCII, the ideographic
 * space): the screen's char pass notes whether a text holds one (ODD_SEEN in screen.ts) and normalises only then.
 */
export const NORMALIZE_CHAR = new Uint8Array(0x10000);
for (const c of [0xad, 0xfeff, 0xfe0e, 0xfe0f, 0x3000, MODIFIER_APOSTROPHE, ...LOOKALIKES.keys(), ...DIACRITIC_BASE.keys()]) NORMALIZE_CHAR[c] = 1;
for (const [lo, hi] of [
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x180b, 0x180e],
  [0x300, 0x36f],
] as const) {
  for (let c = lo; c <= hi; c++) NORMALIZE_CHAR[c] = 1;
}
for (let c = 0xff01; c <= 0xff5e; c++) NORMALIZE_CHAR[c] = 1;
// Styled letters (1.8.20): a BMP one itself; an astral one's high surrogate is STYLED_PAIR_HIGH (2), and the char pass
// then looks the whole code point up (styledPairAt), since 0xD83C is also the high half of most emoji, flags and skin tones.
for (const cp of STYLED_LETTERS.keys()) if (cp <= 0xffff) NORMALIZE_CHAR[cp] = 1;
/** NORMALIZE_CHAR's mark of a high surrogate that may begin an astral styled letter. */
export const STYLED_PAIR_HIGH = 2;
for (const high of STYLED_HIGH) NORMALIZE_CHAR[high] = STYLED_PAIR_HIGH;

/** Whether text[at] begins an astral styled letter (a high surrogate marked STYLED_PAIR_HIGH, read with its low half). */
export function styledPairAt(text: string, at: number): boolean {
  return STYLED_LETTERS.has(text.codePointAt(at)!);
}
/** The lowest such code: a char pass tests a non-letter below it once. */
export const NORMALIZE_CHAR_MIN = 0xad;

function asciiLetterOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** A letter of a word as the look-alike pass reads it: ASCII, Cyrillic, Greek, or Latin-1/Extended letters. */
function wordChar(c: number): boolean {
  return asciiLetterOrDigit(c) || (c >= 0x370 && c <= 0x52f) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** The string of codes[from, to), in chunks (a spread of a long array would overflow the stack). */
function fromCodes(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let a = from; a < to; a += 4096) s += String.fromCharCode(...codes.subarray(a, Math.min(to, a + 4096)));
  return s;
}

/**
 * `text` normalised (see above), with the edits that map its positions back (flat quadruples: start and end in
 * the original, start and end in the normalised text; only dropped characters and astral letters change lengths), or null
 * when nothing changes. Styled letters are read only with `styled` (since 1.8.20; see normalizeStyled).
 */
export function normalizeText(text: string, styled = false): Corrected | null {
  return normalize(text, styled);
}

/**
 * `text` normalised with its styled letters read as plain ones (since 1.8.20), or null when it holds no styled letter. A
 * third reading beside the text as written and normalizeText's: a styled letter was a separator until 1.8.19 ("𝐚su\u200Bicide"
 * read "suicide" then, and reads "asuicide" here), so the screen keeps the highest of the three and no reading goes down.
 */
export function normalizeStyled(text: string): Corrected | null {
  const out = normalize(text, true);
  return out !== null && STYLED_MET ? out : null;
}

/** Whether the last normalize with `styled` mapped a styled letter. */
let STYLED_MET = false;

function normalize(text: string, styled: boolean): Corrected | null {
  STYLED_MET = false;
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) < 0xad) i++;
  if (i === n) return null;
  // Pass 1: fullwidth to ASCII (one code unit each), so that look-alike words and invisible characters are read on Latin letters.
  const codes = new Uint16Array(n);
  let pairSecond: Uint8Array | null = null;
  let changed = false;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xff01 && c <= 0xff5e) {
      codes[k] = c - 0xfee0;
      changed = true;
    } else if (c === 0x3000) {
      codes[k] = 0x20;
      changed = true;
    } else if (c === MODIFIER_APOSTROPHE) {
      codes[k] = 0x27;
      changed = true;
    } else if (styled && c >= 0xd800 && STYLED_HIGH.has(c) && k + 1 < n) {
      // An astral styled letter ("𝗱", "🅳", "🇰"): its letter in the high surrogate's place, the low surrogate marked as a
      // letter's second half (PAIR_SECOND: part of the word for pass 2, folded into a replacement edit by pass 3).
      const plain = STYLED_LETTERS.get(text.codePointAt(k)!);
      codes[k] = c;
      if (plain !== undefined) {
        codes[k] = plain;
        codes[++k] = PAIR_SECOND;
        (pairSecond ??= new Uint8Array(n))[k] = 1;
        changed = true;
        STYLED_MET = true;
      }
    } else {
      let base = c >= 0xc0 ? DIACRITIC_BASE.get(c) : undefined;
      if (base === undefined && styled && c >= STYLED_MIN) {
        base = STYLED_LETTERS.get(c);
        if (base !== undefined) STYLED_MET = true;
      }
      if (base !== undefined) {
        codes[k] = base;
        changed = true;
      } else codes[k] = c;
    }
  }
  // Pass 2: look-alikes, word by word (a word here runs across invisible characters too: "mys\u200Bеlf").
  for (let k = i > 0 ? i - 1 : 0; k < n; ) {
    const c = codes[k]!;
    if (!wordChar(c) && !invisible(c)) {
      k++;
      continue;
    }
    let e = k;
    let lookalike = false;
    let latinAfter = true;
    let ascii = false;
    let cyrillicK = false;
    while (e < n && (wordChar(codes[e]!) || invisible(codes[e]!))) {
      const w = codes[e]!;
      if (LOOKALIKES.has(w)) {
        lookalike = true;
        if (w === 0x43a) cyrillicK = true;
      } else if (asciiLetterOrDigit(w)) ascii = true;
      else if (!invisible(w)) latinAfter = false;
      e++;
    }
    // A lower-case Cyrillic к only beside a Latin letter ("кms", "кill"): "как" is a Russian word.
    if (lookalike && latinAfter && (ascii || !cyrillicK)) {
      for (let q = k; q < e; q++) {
        const to = LOOKALIKES.get(codes[q]!);
        if (to !== undefined) codes[q] = to;
      }
      changed = true;
    }
    k = e;
  }
  // Pass 3: drop invisible characters wherever they are (since 1.8.19; before, only after a letter or digit, so one at the
  // start of a word, "i want to \u200Bdie", or a U+200E after each space hid the text). Only an emoji sequence's joiner and
  // variation selector stay: after an emoji or symbol (a surrogate or a code from U+2000 up), or after one of them kept.
  const edits: number[] = [];
  let out = '';
  let from = 0;
  let prevEmoji = false;
  for (let k = 0; k < n; k++) {
    const c = codes[k]!;
    if (pairSecond !== null && pairSecond[k] === 1) {
      // The second half of an astral styled letter: the pair [k - 1, k + 1) written is the one letter just before it.
      out += fromCodes(codes, from, k);
      edits.push(k - 1, k + 1, out.length - 1, out.length);
      from = k + 1;
      prevEmoji = false;
      continue;
    }
    if (invisible(c)) {
      if (prevEmoji && emojiJoiner(c)) continue;
      out += fromCodes(codes, from, k);
      edits.push(k, k + 1, out.length, out.length);
      from = k + 1;
      continue;
    }
    prevEmoji = c >= 0x2000 && !wordChar(c);
  }
  if (edits.length === 0 && !changed) return null;
  out += fromCodes(codes, from, n);
  return { text: out, edits };
}
