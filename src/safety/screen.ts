/**
 * The crisis screen: a pure, synchronous, rules-based reader of one piece of text.
 *
 * How it works (see README.md for the full story):
 *  1. The lexicon's rules, split into alternatives and compiled once, run only where they can match:
 *     one pass over the char codes finds anchor words and trigram positions (and the model's
 *     features); an alternative runs in windows around its anchors, and only where its necessary
 *     literals can sit. Matches are resolved per pass (core, methods/means, cues, distress) as one
 *     alternation would resolve them; each is tied back to the rule that produced it.
 *  2. Each match is read in its context: the clause and sentence around it decide negation
 *     ("I'm not suicidal"), distant past ("two years ago I tried"), who it is about ("my sister
 *     said she wants to die"), hypotheticals and fiction, jokes and idioms.
 *  3. Signals are combined: ideation + method → plan (4); intent/act + "tonight" or a goodbye →
 *     imminent (5). The highest level wins; when in doubt the screen chooses the higher level.
 */
import { CORE_RULES, CUE_RULES, DIE_BY_END, DIE_TIME, DISTRESS_RULES, DRUG_AMOUNT, DRUG_AMOUNT_PRE, DRUG_AMOUNT_PRESCRIBED, LEAVE_WORLD_MANNER, MARKER_RULES, METHOD_RULES, PILL_WORD, PREPARATION_RULES, SLEEP_AID_WORD, type Rule } from './lexicon.js';
import { DESPAIR_THRESHOLD, MIN_WORDS, MODEL_VERSION, despairFromFeatures, type DespairScore } from './model/despair.js';
import { BIGRAM_SALT, FEATURES, MASK, WORD_LOWER, ensureFeatureCapacity } from './model/features.js';
import { NORMALIZE_CHAR, NORMALIZE_CHAR_MIN, STYLED_PAIR_HIGH, normalizeStyled, normalizeText, styledPairAt } from './normalize.js';
import type { Corrected } from './typos.js';
import { ONE_RUN_MAX, SPACED_MIN, SPELLED_OUT_MIN, TYPO_BUCKET_BITS, TYPO_HIGH_BITS, correctTypos, originalPosition, spelledOutGap, typoCandidate, typoCandidateAt } from './typos.js';
import { RISK_LEVELS, type RiskCategory, type RiskLevel, type RiskSubject, type ScreenOptions, type ScreenReason, type Screening } from './types.js';

/** Version of the rules and model weights, stored with every screening. Bump when the lexicon, the logic or the weights change. */
export const SCREEN_VERSION = `kindred-rules-1.8.36+${MODEL_VERSION}`;

// ---------------------------------------------------------------------------------------------
// Compilation (once, at module load)
// ---------------------------------------------------------------------------------------------

/** An apostrophe of any kind, a space where one was stripped ("don t", "i m"), or none. */
const APOS = "(?:['’‘`´]|\\s)?";

/** Expands the lexicon conventions: `'` = optional apostrophe of any kind, ` ` = optional whitespace. */
function src(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      out += c + (re[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === "'") out += APOS;
    else if (c === ' ') out += '\\s*';
    else out += c;
  }
  return out;
}

interface Compiled {
  rule: Rule;
  re: RegExp;
  /** Pass (0 core, 1 method, 2 cues, 3 distress): overlaps are resolved within a pass only. */
  pass: number;
  /** Position in its pass: an earlier rule wins an overlap at the same start, as in an alternation. */
  order: number;
  /** Anchors of this alternative (a subset of the rule's anchors). */
  anchors: string[];
  /**
   * Necessary literals: for each group, at least one of its lower-case strings occurs in every match.
   * Checked with `indexOf` on the window before the regular expression runs (a cheap reject).
   */
  needles: string[][];
  /**
   * When every match starts at the start of a word that is an anchor hit of this alternative
   * (see startAnchored), the same expression, sticky: it is tried only at those words instead of
   * scanning the whole window. Otherwise null.
   */
  sticky: RegExp | null;
}

/** Splits regex source at its top-level `|` (outside groups and classes). */
function topLevelAlternatives(re: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let last = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(re.slice(last, i));
      last = i + 1;
    }
  }
  out.push(re.slice(last));
  return out;
}

/** Index of the `)` closing the group opened at `open`, or -1. */
function closingParen(re: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Splits a rule into its alternatives, distributing `\b(?:A|B)\b` into `\bA\b` and `\bB\b`, so that
 * each alternative can be anchored on its own words and run alone (much cheaper than the whole
 * alternation). Matches are then resolved like the original alternation: leftmost, then the
 * earlier alternative.
 */
function splitRule(re: string): string[] {
  const out: string[] = [];
  for (const alt of topLevelAlternatives(re)) {
    const m = /^(\\b)?\(\?:/.exec(alt);
    if (m !== null) {
      const open = m[0].length - 3;
      const close = closingParen(alt, open);
      const suffix = close < 0 ? '' : alt.slice(close + 1);
      if (close > 0 && (suffix === '' || suffix === '\\b')) {
        const inner = alt.slice(open + 3, close);
        const parts = topLevelAlternatives(inner);
        if (parts.length > 1) {
          for (const p of parts) out.push(...splitRule((m[1] ?? '') + p + suffix));
          continue;
        }
      }
    }
    out.push(alt);
  }
  return out;
}

/** The longest run of letters/digits in a plain option (spaces and apostrophes are optional in the lexicon). */
function longestRun(s: string): string {
  let best = '';
  for (const part of s.split(/[^a-z0-9]+/)) if (part.length > best.length) best = part;
  return best;
}

/**
 * Necessary literals of one alternative, found by a conservative reading of its source: top-level
 * letter runs that are not optional, top-level groups whose options are all plain words, and other
 * top-level groups through the necessary literals of each of their options. Anything
 * it does not understand adds no constraint, so the filter can only skip windows where the regex
 * cannot match.
 */
function necessaryLiterals(alt: string): string[][] {
  const groups: string[][] = [];
  let run = '';
  const flush = (): void => {
    if (run.length >= 2) groups.push([run]);
    run = '';
  };
  const quantAt = (j: number): string => alt[j] ?? '';
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i]!;
    if (c === '\\') {
      flush();
      i++;
      continue;
    }
    if (c === '[') {
      flush();
      while (i < alt.length && alt[i] !== ']') i += alt[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') {
      flush();
      const close = closingParen(alt, i);
      if (close < 0) return groups;
      const body = alt.slice(i, close + 1);
      const q = quantAt(close + 1);
      const optional = q === '?' || q === '*' || (q === '{' && alt[close + 2] === '0');
      if (body.startsWith('(?:') && !optional) {
        const opts = topLevelAlternatives(body.slice(3, -1));
        if (opts.every((o) => /^[a-z0-9 ']+$/i.test(o))) {
          const needles = opts.map((o) => longestRun(o.toLowerCase()));
          if (needles.every((n) => n.length >= 2)) groups.push(needles);
        } else {
          // Options with inner structure: each option contributes the literals of its own most
          // selective necessary group (every match of the option contains one of them).
          const needles: string[] = [];
          let ok = true;
          for (const o of opts) {
            let best: string[] | null = null;
            for (const g of necessaryLiterals(o)) {
              const min = Math.min(...g.map((x) => x.length));
              const bestMin = best === null ? 0 : Math.min(...best.map((x) => x.length));
              if (best === null || min > bestMin || (min === bestMin && g.length < best.length)) best = g;
            }
            if (best === null) {
              ok = false;
              break;
            }
            for (const x of best) if (!needles.includes(x)) needles.push(x);
          }
          if (ok) groups.push(needles);
        }
      }
      i = close;
      continue;
    }
    if (/[a-z0-9]/i.test(c)) {
      const q = quantAt(i + 1);
      if (q === '?' || q === '*' || q === '{') {
        flush();
        continue;
      }
      run += c.toLowerCase();
      if (q === '+') flush();
      continue;
    }
    if (c === '?' || c === '*' || c === '+' || c === '{') {
      // A quantifier after a group or class was handled there; after a literal it was handled above.
      if (c === '{') while (i < alt.length && alt[i] !== '}') i++;
      continue;
    }
    flush(); // space, apostrophe, dot, anchors...
  }
  flush();
  return groups;
}

/** The letters/digits an expression must start with (up to its first optional or special char). */
function leadingLiteral(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (!/[a-z0-9]/i.test(c) || /[?*+{]/.test(re[i + 1] ?? '')) break;
    out += c.toLowerCase();
  }
  return out;
}

/**
 * True when every match of the alternative starts, at a word boundary, with one of its anchor stems
 * of three or more letters: `\bword…` or `\b(?:word…|word…)…` where each option's leading literal
 * begins with such a stem. Such a match begins at the start of a word the single pass recorded as an
 * anchor hit of this alternative, so trying the expression at those words finds every match the
 * scan of the window would find, in the same order (read conservatively: anything else is false).
 */
function startAnchored(alt: string, anchors: string[]): boolean {
  if (!alt.startsWith('\\b')) return false;
  const rest = alt.slice(2);
  let prefixes: string[];
  if (rest.startsWith('(?:')) {
    const close = closingParen(rest, 0);
    if (close < 0 || /[?*+{]/.test(rest[close + 1] ?? '')) return false;
    prefixes = topLevelAlternatives(rest.slice(3, close)).map(leadingLiteral);
  } else prefixes = [leadingLiteral(rest)];
  const stems = anchors.filter((a) => a.length >= 3);
  return prefixes.every((p) => stems.some((stem) => p.startsWith(stem)));
}

const COMPILED: Compiled[] = [];
/** The lexicon source of each compiled alternative (before `src()`), for SPEED_GATES.alternatives only. */
const COMPILED_SOURCE: string[] = [];
[CORE_RULES, METHOD_RULES, CUE_RULES, DISTRESS_RULES, MARKER_RULES, PREPARATION_RULES].forEach((rules, pass) => {
  rules.forEach((rule, order) => {
    if (new RegExp(`${src(rule.re)}|`, 'i').exec('')!.length !== 1) {
      throw new Error(`safety lexicon: rule ${rule.code} contains a capturing group`);
    }
    const alts = splitRule(rule.re);
    const lower = alts.map((a) => a.toLowerCase().replace(/[-' ?]/g, ''));
    // A stem that is written nowhere literally (e.g. "k1l" matched by "k[i1]ll") anchors every alternative.
    const hidden = rule.anchors.filter((stem) => !lower.some((a) => a.includes(stem)));
    alts.forEach((alt, k) => {
      const own = rule.anchors.filter((stem) => lower[k]!.includes(stem));
      const anchors = own.length === 0 ? rule.anchors : [...own, ...hidden];
      const sticky = startAnchored(alt, anchors) ? new RegExp(src(alt), 'iy') : null;
      COMPILED.push({ rule, re: new RegExp(src(alt), 'gi'), pass, order: order * 1000 + k, anchors, needles: necessaryLiterals(alt), sticky });
      COMPILED_SOURCE.push(alt);
    });
  });
});

// Anchor index: a word's first three letters (or the whole word when shorter), as a number, →
// the stems and rules anchored there. Numbers avoid allocating a string per word.
function letterIndex(c: number): number {
  if (c >= 97 && c <= 122) return c - 96;
  if (c >= 65 && c <= 90) return c - 64;
  if (c >= 48 && c <= 57) return c - 21; // 27..36
  return 0;
}

/** letterIndex for every UTF-16 code unit (0 = not an ASCII letter or digit): one look-up in the hot loop. */
const LETTER = new Uint8Array(65536);
for (let c = 0; c < 128; c++) LETTER[c] = letterIndex(c);

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

interface Anchor {
  stem: string;
  /** Compiled alternatives anchored on this stem. */
  idxs: number[];
}
const ANCHOR_SLOT = new Int32Array(37 * 37 * 37);
const ANCHOR_LISTS: Anchor[][] = [[]];
COMPILED.forEach((c, idx) => {
  for (const stem of c.anchors) {
    const s0 = letterIndex(stem.charCodeAt(0));
    const s1 = stem.length > 1 ? letterIndex(stem.charCodeAt(1)) : 0;
    const s2 = stem.length > 2 ? letterIndex(stem.charCodeAt(2)) : 0;
    const key = (s0 * 37 + s1) * 37 + s2;
    let slot = ANCHOR_SLOT[key]!;
    if (slot === 0) {
      slot = ANCHOR_LISTS.length;
      ANCHOR_LISTS.push([]);
      ANCHOR_SLOT[key] = slot;
    }
    const list = ANCHOR_LISTS[slot]!;
    const same = list.find((x) => x.stem === stem);
    if (same === undefined) list.push({ stem, idxs: [idx] });
    else if (!same.idxs.includes(idx)) same.idxs.push(idx);
  }
});
/** Bit set of the keys with an anchor slot (6 KB, read for every word, instead of the 200 KB ANCHOR_SLOT). */
const ANCHOR_BITS = new Int32Array((ANCHOR_SLOT.length >> 5) + 1);
ANCHOR_SLOT.forEach((slot, key) => {
  if (slot !== 0) ANCHOR_BITS[key >>> 5]! |= 1 << (key & 31);
});
/**
 * Which words of a slot can match one of its stems at all, read before a word is recorded as an
 * anchor hit (so that "for", "was", "this", "work" — whose keys only hold longer stems such as
 * "forg", "wast", "thin", "worl" — cost nothing after the char pass). A stem of three letters or
 * fewer matches every word with its key (a key of fewer than three letters only comes from a word of
 * that length); a longer stem needs a word of four letters or more whose fourth letter is the stem's
 * (findMatches then compares the rest). SLOT_ANY[slot] = 1: some stem has three letters or fewer;
 * SLOT_FOURTH[slot * 37 + letter index] = 1: some longer stem has that fourth letter.
 */
const SLOT_ANY = new Uint8Array(ANCHOR_LISTS.length);
const SLOT_FOURTH = new Uint8Array(ANCHOR_LISTS.length * 37);
ANCHOR_LISTS.forEach((list, slot) => {
  for (const { stem } of list) {
    if (!/^[a-z0-9]+$/.test(stem)) throw new Error(`safety lexicon: anchor stem "${stem}" is not lower-case letters and digits`);
    if (stem.length <= 3) SLOT_ANY[slot] = 1;
    else SLOT_FOURTH[slot * 37 + letterIndex(stem.charCodeAt(3))] = 1;
  }
});
/** Jest markers that do not take back a stated intent (see screenDetailed). JEST_OPENINGS is derived from it. */
const JEST_MARKS = /\b(?:lol+|lmao+|lmfao+|rofl|haha\w*|hehe\w*|jk|xd+)\b|😂|🤣|💀|😆|😅/giu;
/**
 * Non-ASCII chars that match an ASCII letter under /iu (Unicode simple case folding): the Kelvin sign
 * K ≈ k and the long s ſ ≈ s. The char pass sees them as non-letters, so a jest word spelt with one
 * would not show its opening (screen-speed.test.ts checks that no other char folds onto ASCII).
 */
const ASCII_FOLDS: Record<string, number> = { k: 0x212a, s: 0x17f };

/**
 * What the char pass must look for so that a regex of jest marks cannot match where it saw none:
 * `words`, the opening letters (up to three) of each word alternative, and `chars`, the UTF-16 code
 * units whose presence alone is enough (an emoji alternative's first unit; the fold of a letter of an
 * opening). Read from the regex source: its top-level alternatives must be `\b(?:a|b|...)\b` (or
 * `\b` + one word) with each word alternative opening on literal ASCII letters or digits, or a literal
 * run of caseless non-ASCII chars (an emoji). Anything else throws, at module load for JEST_MARKS: a mark
 * the gate cannot see must not be added silently (ADR 038).
 */
function jestOpenings(re: RegExp): { words: string[]; chars: number[] } {
  const words: string[] = [];
  const chars = new Set<number>();
  const fail = (alt: string, why: string): never => {
    throw new Error(`safety screen: jest mark alternative "${alt}" of /${re.source}/ ${why}; the char pass (JEST_OPENINGS) could not gate it`);
  };
  for (const alt of topLevelAlternatives(re.source)) {
    if (alt.startsWith('\\b')) {
      let body = alt.slice(2);
      if (body.endsWith('\\b')) body = body.slice(0, -2);
      for (const w of topLevelAlternatives(groupBody(body) ?? body)) {
        const m = /^[A-Za-z0-9]+/.exec(w);
        if (m === null) fail(w, 'does not open on a literal ASCII letter or digit');
        let open = m![0];
        // A quantifier that allows zero of the last letter ("lo?", "lo*", "lo{0,2}") leaves it out of the opening.
        if (/^[?*{]/.test(w.slice(open.length))) open = open.slice(0, -1);
        if (open.length === 0) fail(w, 'has no letter that every match opens with');
        open = open.slice(0, 3).toLowerCase();
        words.push(open);
        for (const letter of open) if (ASCII_FOLDS[letter] !== undefined) chars.add(ASCII_FOLDS[letter]);
      }
    } else {
      // Its first code unit then opens every match: no ASCII (so no regex syntax) and no case to fold.
      if (alt.length === 0 || /[\x00-\x7f]/.test(alt) || alt.toLowerCase() !== alt || alt.toUpperCase() !== alt) {
        fail(alt, 'is neither \\b + words nor a literal run of caseless non-ASCII chars (an emoji)');
      }
      chars.add(alt.charCodeAt(0));
    }
  }
  return { words, chars: [...chars].sort((a, b) => a - b) };
}

/** The inside of `source` when it is one non-capturing group, "(?:...)", as a whole; else null. */
function groupBody(source: string): string | null {
  if (!source.startsWith('(?:')) return null;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === source.length - 1 ? source.slice(3, -1) : null;
  }
  return null;
}

/**
 * The char pass's gate of JEST_MARK, derived from JEST_MARKS at load. A jest mark starts at a word
 * boundary, so at the start of a run of letters of the char pass: JEST_WORD_BITS holds the keys
 * (first three letters, as ANCHOR_SLOT's) of the words that may open one ("lol", "lma", "jk" + any
 * third letter or none...); JEST_CHAR the code units that may (an emoji's first half, K, ...), all at
 * or above JEST_CHAR_MIN so that an ASCII char costs one comparison. The pass reports
 * jestPossible when it meets either; without them JEST_MARK cannot match.
 */
const JEST_OPENINGS = jestOpenings(JEST_MARKS);
const JEST_WORD_BITS = new Int32Array(ANCHOR_BITS.length);
{
  const set = (k: number): void => {
    JEST_WORD_BITS[k >>> 5]! |= 1 << (k & 31);
  };
  for (const w of JEST_OPENINGS.words) {
    const k0 = letterIndex(w.charCodeAt(0)) * 1369;
    // Fewer than three letters fixed: every letter (or none, index 0) in the free places.
    for (let b = 0; b < 37; b++) {
      if (w.length > 1 && b !== letterIndex(w.charCodeAt(1))) continue;
      for (let c = 0; c < 37; c++) {
        if (w.length > 2 && c !== letterIndex(w.charCodeAt(2))) continue;
        set(k0 + b * 37 + c);
      }
    }
  }
}
const JEST_CHAR = new Uint8Array(65536);
for (const c of JEST_OPENINGS.chars) JEST_CHAR[c] = 1;
const JEST_CHAR_MIN = Math.min(0xffff, ...JEST_OPENINGS.chars);
if (JEST_CHAR_MIN < 0x80) throw new Error('safety screen: a jest char below U+0080 would be read as a letter or a separator by the char pass');
/** Stems of ANCHOR_LISTS by id, and the lists flat: ANCHOR_PROG[ANCHOR_AT[slot]...] = [count of stems, (stem id, count of alternatives, idx*)*]. */
const STEMS: string[] = [];
const STEM_LEN: number[] = [];
const anchorProg: number[] = [];
const ANCHOR_AT = new Int32Array(ANCHOR_LISTS.length);
ANCHOR_LISTS.forEach((list, slot) => {
  ANCHOR_AT[slot] = anchorProg.length;
  anchorProg.push(list.length);
  for (const { stem, idxs } of list) {
    STEM_LEN.push(stem.length);
    anchorProg.push(STEMS.push(stem) - 1, idxs.length, ...idxs);
  }
});
const ANCHOR_PROG = Int32Array.from(anchorProg);
const STEM_LENGTH = Int32Array.from(STEM_LEN);


// Scratch state of findMatches (the screen is synchronous and never re-entered, so one set of
// buffers serves every call; nothing in them outlives a call's result).
const STICKY = Uint8Array.from(COMPILED, (c) => (c.sticky !== null ? 1 : 0));
const WIN_START = new Int32Array(COMPILED.length).fill(-1);
const WIN_END = new Int32Array(COMPILED.length);
const TOUCHED = new Int32Array(COMPILED.length);
const CHECKED = new Uint32Array(COMPILED.length);
const PASSED = new Uint8Array(COMPILED.length);
let GENERATION = 0;
/**
 * Anchor-word starts of the current window of each sticky alternative, as linked lists in a pool
 * reset per text: CAND_HEAD/CAND_TAIL[idx] → node; CAND_POS[node], CAND_NEXT[node] (grown on demand).
 */
const CAND_HEAD = new Int32Array(COMPILED.length).fill(-1);
const CAND_TAIL = new Int32Array(COMPILED.length);
let CAND_POS = new Int32Array(1024);
let CAND_NEXT = new Int32Array(1024);
let candCount = 0;

function addCandidate(idx: number, at: number): void {
  const tail = CAND_TAIL[idx]!;
  if (CAND_HEAD[idx]! >= 0 && CAND_POS[tail] === at) return; // the same word through two stems
  if (candCount === CAND_POS.length) {
    const pos = new Int32Array(candCount * 2);
    pos.set(CAND_POS);
    CAND_POS = pos;
    const next = new Int32Array(candCount * 2);
    next.set(CAND_NEXT);
    CAND_NEXT = next;
  }
  const node = candCount++;
  CAND_POS[node] = at;
  CAND_NEXT[node] = -1;
  if (CAND_HEAD[idx]! < 0) CAND_HEAD[idx] = node;
  else CAND_NEXT[tail] = node;
  CAND_TAIL[idx] = node;
}
/** Words of the current text whose 3-letter key has anchors: start, end and anchor slot (grown on demand). */
let HIT_START = new Int32Array(1024);
let HIT_END = new Int32Array(1024);
let HIT_SLOT = new Int32Array(1024);
/**
 * Trigram positions of the current text, in one array so that nothing is cleared between calls:
 * TRI_LAST[k] - TRI_BASE is the end of the last occurrence of a trigram hashed to k (the letter
 * indices of three consecutive chars in base 37, hashed into 8,192 slots so that the table stays in
 * the L1 cache), negative when none occurs; each call starts TRI_BASE past every value written
 * before. Two trigrams sharing a slot only make a pre-check pass where it could have failed: a
 * regular expression then runs for nothing, never the other way round.
 */
const TRI_SHIFT = 19;
const TRI_LAST = new Int32Array(1 << (32 - TRI_SHIFT)).fill(-1);
let TRI_BASE = 0;
/** Offset of the current text in TRI_LAST (the TRI_BASE it was scanned with). */
let TRI_CURRENT = 0;
/** TRI_PREV[j]: end of the previous occurrence of the trigram ending at j, or -1 (grown on demand). */
let TRI_PREV = new Int32Array(1024);

/**
 * Trigrams of a literal: enough of them that their presence is a good proxy (first, middle, last),
 * as [key, offset] pairs, followed by the literal's length.
 */
function trigramKeys(needle: string): number[] {
  const keys: number[] = [];
  for (const at of [0, (needle.length - 3) >> 1, needle.length - 3]) {
    const raw = (letterIndex(needle.charCodeAt(at)) * 37 + letterIndex(needle.charCodeAt(at + 1))) * 37 + letterIndex(needle.charCodeAt(at + 2));
    const k = Math.imul(raw, 0x9e3779b1) >>> TRI_SHIFT;
    if (!keys.some((x, i) => i % 2 === 0 && x === k)) keys.push(k, at);
  }
  keys.push(needle.length);
  return keys;
}
/**
 * The pre-check program, flat in typed arrays (no pointer chasing in the hot loop).
 *  - Every distinct necessary literal ("needle") has an id; NEEDLE_KEYS[NEEDLE_AT[id]...] holds
 *    [count of keys, (key, offset)*, length] (see trigramKeys).
 *  - GROUPS[GROUP_AT[idx]...] holds, per compiled alternative, [count of groups, (count of needles,
 *    needle id*)*]; the most selective groups first (fewest, then longest literals), so that the
 *    check usually fails on its first group. Needles shorter than 3 make their group always true
 *    (the group is left out).
 */
const NEEDLE_IDS = new Map<string, number>();
const needleKeys: number[] = [];
const needleAt: number[] = [];
const groupList: number[] = [];
const GROUP_AT = new Int32Array(COMPILED.length);
COMPILED.forEach((c, idx) => {
  const groups = c.needles
    .filter((g) => g.every((n) => n.length >= 3))
    .sort((a, b) => a.length - b.length || Math.min(...b.map((n) => n.length)) - Math.min(...a.map((n) => n.length)));
  GROUP_AT[idx] = groupList.length;
  groupList.push(groups.length);
  for (const g of groups) {
    groupList.push(g.length);
    for (const needle of g) {
      let id = NEEDLE_IDS.get(needle);
      if (id === undefined) {
        id = needleAt.length;
        NEEDLE_IDS.set(needle, id);
        needleAt.push(needleKeys.length);
        const keys = trigramKeys(needle);
        needleKeys.push((keys.length - 1) >> 1, ...keys);
      }
      groupList.push(id);
    }
  }
});
const NEEDLE_KEYS = Int32Array.from(needleKeys);
/**
 * Bit set of the trigram slots that some pre-check reads (the keys in NEEDLE_KEYS): the single pass
 * records a trigram's position only when its bit is set, so that the 1 KB table of bits, not the
 * 32 KB table of positions, is what every letter touches.
 */
const TRI_WANTED = new Int32Array(TRI_LAST.length >> 5);
for (let p = 0; p < needleKeys.length; ) {
  const nKeys = needleKeys[p++]!;
  for (let q = 0; q < nKeys; q++, p += 2) TRI_WANTED[needleKeys[p]! >>> 5]! |= 1 << (needleKeys[p]! & 31);
  p++; // the needle's length
}
const NEEDLE_AT = Int32Array.from(needleAt);
const GROUPS = Int32Array.from(groupList);
/** Memo of "every trigram of needle id occurs in the text": NEEDLE_GEN[id] === generation → NEEDLE_SEEN[id]. */
const NEEDLE_GEN = new Uint32Array(needleAt.length);
const NEEDLE_SEEN = new Uint8Array(needleAt.length);

/**
 * True when the needle may occur inside text[ws, we): each of its trigrams occurs where the needle
 * would put it. Walks the positions of a trigram backwards from its last occurrence in the text.
 */
function occursIn(id: number, ws: number, we: number): boolean {
  let p = NEEDLE_AT[id]!;
  const nKeys = NEEDLE_KEYS[p++]!;
  const len = NEEDLE_KEYS[p + 2 * nKeys]!;
  const base = TRI_CURRENT;
  for (let q = 0; q < nKeys; q++, p += 2) {
    // The trigram at offset `at` of a needle starting at s ends at s + at + 2.
    const at = NEEDLE_KEYS[p + 1]!;
    const lo = ws + at + 2;
    const hi = we - len + at + 2;
    let e = TRI_LAST[NEEDLE_KEYS[p]!]! - base; // negative when the trigram does not occur in this text
    while (e > hi) e = TRI_PREV[e]!;
    if (e < lo) return false;
  }
  return true;
}

/** True when every trigram of needle id occurs somewhere in the text (memoised per text). */
function needleSeen(id: number, gen: number): boolean {
  if (NEEDLE_GEN[id] === gen) return NEEDLE_SEEN[id] === 1;
  let p = NEEDLE_AT[id]!;
  const nKeys = NEEDLE_KEYS[p++]!;
  const base = TRI_CURRENT;
  let seen = 1;
  for (let q = 0; q < nKeys; q++, p += 2) {
    if (TRI_LAST[NEEDLE_KEYS[p]!]! < base) {
      seen = 0;
      break;
    }
  }
  NEEDLE_GEN[id] = gen;
  NEEDLE_SEEN[id] = seen;
  return seen === 1;
}

/** False only when some necessary literal of the alternative cannot occur in the text (a trigram is missing). */
function mayMatch(idx: number, gen: number): boolean {
  let p = GROUP_AT[idx]!;
  const nGroups = GROUPS[p++]!;
  for (let g = 0; g < nGroups; g++) {
    const nNeedles = GROUPS[p++]!;
    let any = false;
    for (let k = 0; k < nNeedles; k++) {
      if (needleSeen(GROUPS[p + k]!, gen)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
    p += nNeedles;
  }
  return true;
}

/** False when some necessary literal of the alternative cannot occur inside text[ws, we). */
function mayMatchIn(idx: number, ws: number, we: number): boolean {
  let p = GROUP_AT[idx]!;
  const nGroups = GROUPS[p++]!;
  for (let g = 0; g < nGroups; g++) {
    const nNeedles = GROUPS[p++]!;
    let any = false;
    for (let k = 0; k < nNeedles; k++) {
      if (occursIn(GROUPS[p + k]!, ws, we)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
    p += nNeedles;
  }
  return true;
}

/** Case-insensitive check that text[at..] starts with the lower-case `stem` (ASCII letters and digits). */
function startsWithStem(text: string, at: number, stem: string): boolean {
  if (at + stem.length > text.length) return false;
  for (let k = 3; k < stem.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== stem.charCodeAt(k)) return false;
  }
  return true;
}

const WINDOW_BACK = 90;
const WINDOW_FWD = 80;
/** How far a window may stretch over one word at either end (longer words are cut, not followed). */
const MAX_WORD_STRETCH = 64;

// Context readers. All run on short slices around a match, never on the whole text.
const A = APOS;
/**
 * Negation, bound to the phrase it negates (since 1.5.0; before, any negator up to three words back
 * cancelled a match, so "no friends writing my note" and "no sleep again i want to die" read as
 * negated). Two kinds of negator:
 *  - a clause negator ("not", "never", "don't", "no longer", "without"…) negates its clause up to
 *    three words on (five through a verb chain, see LONG_CHAIN) ("I'm not going to kill myself", "I don't have any thoughts of suicide"), but not past
 *    a word that starts another clause: a new subject ("not my fault i wanted to die"; an "I" after
 *    a verb of saying stays inside: "not saying I want to die") or "and", "so", "just"…;
 *  - a determiner ("no", "nothing") negates the noun right after it: the match must follow
 *    directly, or through a modifier and a governing noun ("no suicidal thoughts", "no real
 *    intention of ending it", "no thoughts of ending it"), so "no friends i want to die" is not negated.
 */
const CLAUSE_NEGATORS = new Set([
  'not', 'never', 'nor', 'hardly', 'without', 'dont', 'wont', 'didnt', 'isnt', 'arent', 'aint', 'wasnt', 'werent',
  'havent', 'hasnt', 'wouldnt', 'doesnt',
]);
const DETERMINER_NEGATORS = new Set(['no', 'nothing']);
/**
 * Words that start a new clause inside a clause (no comma): a new subject ("not friday i want to
 * die", "it won't, someone else could die") or a new verb phrase ("I don't sleep anymore, just want
 * to die", "not suicidal just exhausted"). A clause negator does not reach past them.
 */
const CLAUSE_RESTART = new Set([
  'i', 'im', 'ive', 'id', 'ill', 'he', 'she', 'they', 'we', 'you', 'u', 'hes', 'shes', 'theyre', 'someone', 'somebody',
  'everyone', 'everybody', 'people', 'and', 'so', 'because', 'cause', 'cuz', 'coz', 'then', 'just', 'now',
]);
/**
 * The scope of a clause negator is three words; four or five only when all of them carry the
 * negation on to the match ("I don't have any thoughts of suicide", "I'm not going to try to kill
 * myself"), so that "I don't want to liveI am killing myself" is not read as negated.
 */
const LONG_CHAIN = new Set([
  'have', 'had', 'any', 'real', 'active', 'serious', 'thoughts', 'plans', 'plan', 'intention', 'intentions', 'desire',
  'urge', 'urges', 'of', 'about', 'to', 'going', 'gonna', 'want', 'wanna', 'try', 'trying', 'planning', 'really',
  'even', 'ever', 'actually', 'be', 'been', 'feel', 'feeling', 'like',
]);
/** After one of these, "I" is the subject of what is said, still inside the negation ("not saying I want to die"). */
// Not "think": "I don't think I'm going to kill myself" is a hedge, not a denial (read the higher).
const COMPLEMENT_VERBS = new Set(['saying', 'say', 'said', 'mean', 'meaning', 'meant', 'claiming', 'telling', 'that']);
const FIRST_PERSON = new Set(['i', 'im', 'ive', 'id', 'ill']);
/** Between "no" and the match: modifiers and governing nouns with their preposition ("no *real intention of* ending it"). */
const DETERMINER_BRIDGE = new Set([
  'means', 'more', 'real', 'actual', 'serious', 'active', 'current', 'such', 'further', 'immediate', 'specific', 'big',
  'intention', 'intentions', 'intent', 'plan', 'plans', 'desire', 'desires', 'urge', 'urges', 'thought', 'thoughts',
  'wish', 'interest', 'need', 'want', 'temptation', 'inclination', 'ideation', 'history', 'sign', 'signs',
  'of', 'to', 'about', 'for', 'in', 'on', 'ever', 'really', 'actually', 'even',
]);
const NEGATION_WORDS = /[a-z0-9]+/g;
/** Some negator word of the two sets above (or "n't" in any spelling): a cheap necessary condition. */
const NEGATOR_PRESENT = /\b(?:no|not|never|nor|nothing|hardly|without)\b|n(?:['’‘`´]|\s)?t\b/i;
const NEGATION_JOIN = /['’‘`´]|\b(don|won|didn|isn|aren|ain|haven|hasn|wasn|weren|wouldn|doesn|couldn|can)\s+(?=t\b)|\b(i)\s+(?=(?:m|ve|d|ll)\b)/g;

/** True when the end of `clauseTail` (the words just before a match) negates the match. */
function negatedBefore(clauseTail: string): boolean {
  // Most clauses hold no negator at all: one quick test before splitting words.
  if (!NEGATOR_PRESENT.test(clauseTail)) return false;
  const words = clauseTail.toLowerCase().replace(NEGATION_JOIN, '$1$2').match(NEGATION_WORDS);
  if (words === null) return false;
  const n = words.length;
  for (let p = n - 1; p >= 0 && p >= n - 5; p--) {
    const w = words[p]!;
    // "no longer" negates a clause ("I am no longer suicidal"); its bridge starts after "longer".
    if (CLAUSE_NEGATORS.has(w) || (w === 'no' && words[p + 1] === 'longer')) {
      const from = w === 'no' ? p + 2 : p + 1;
      if (n - from > 3 && (n - from > 5 || !words.slice(from).every((x) => LONG_CHAIN.has(x)))) continue;
      let complement = false;
      let ok = true;
      for (let q = from; q < n; q++) {
        const b = words[q]!;
        if (COMPLEMENT_VERBS.has(b)) complement = true;
        if (!CLAUSE_RESTART.has(b) || (complement && FIRST_PERSON.has(b))) continue;
        ok = false;
        break;
      }
      if (ok) return true;
    } else if (DETERMINER_NEGATORS.has(w)) {
      if (n - (p + 1) > 3) continue;
      let ok = true;
      for (let q = p + 1; q < n; q++) {
        if (!DETERMINER_BRIDGE.has(words[q]!)) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
  }
  return false;
}
const NEGATION_EXCEPTION = new RegExp(
  `\\b(?:can${A}t|cannot|couldn${A}t) (?:stop|help|wait|stand|shake|get rid|handle|take|bear)|\\b(?:don${A}t|do not|didn${A}t) (?:know|care|see why|understand|think i can|like (?:that|how|it when))|\\bnot sure|\\bno ?one|\\bnobody|\\bno (?:reason|point|way out|hope|other (?:way|choice|option))|\\bnot (?:even )?(?:joking|kidding)|\\bnever (?:stop|stopped)|\\bnothing (?:but|except|left)|\\bno longer (?:want|care|see)|\\bno matter|\\bwhy not\\b|\\b(?:not|never|wouldn${A}t|won${A}t|didn${A}t|don${A}t) (?:even )?(?:hesitate|think twice)|\\bif i (?:don${A}t|do not|didn${A}t)(?:\\s+just)?\\s*$`,
  'i',
);
/**
 * Not expecting to live past a time said with a negation that is the doubt itself ("I don't see myself living past 25",
 * "I don't picture myself alive past 30", "im not gonna make it past this week"): not a denial, for passive.no_future
 * only (the tail ends where its match starts; since 1.8.24).
 */
const NO_FUTURE_NOT_DENIED = new RegExp(
  `\\b(?:don${A}t|dont|do not) (?:really |even )?(?:see|picture|imagine) (?:myself|me)\\s*$|\\b(?:i${A}m|im|i am) (?:just |really |prob(?:ably)? )?not (?:gonna|going to|going 2) (?:make it|survive|last)\\s*$`,
  'i',
);
/** "i'm not going to leave this world quietly / without saying goodbye": the manner is denied, the leaving meant (since 1.8.26). */
const LEAVE_WORLD_MANNER_MATCHED = new RegExp(`^world\\s+${LEAVE_WORLD_MANNER}`, 'i');
/**
 * A negation that does not deny the act (since 1.6.0), read only for the rules in UNDENIED_CODES
 * (killing oneself, ending one's life) and for ideation at all for the comparative:
 *  - a comparative: "I've never wanted to kill myself more than tonight", "never been more
 *    suicidal" (not "more than once": a count, still a denial);
 *  - "yet": "I didn't kill myself yet", "I haven't yet ended it" (the act is still pending);
 *  - a reason not to: "my only motivation to not kill myself", "the only reason I don't kill
 *    myself is my cat", "give me one reason not to end it" (the thought is there; the reason holds it back).
 */
const UNDENIED_CODES = new Set(['ideation.kill_myself', 'ideation.end_life', 'ideation.unalive']);
const NEVER = /\bnever\b/i;
const COMPARATIVE_AFTER =
  /^\s*(?:(?:any|even|ever|so)\s+)?(?:more|worse|(?:this|so)\s+(?:much|badly|bad))(?:\s+ever)?(?:\s*(?:[.!?,;\n]|$|(?:but|and|so|because|cause|cuz)\b)|(?:\s+th[ae]n)?(?:\s+i\s+(?:do|did|have|am|feel))?\s+(?:(?:right\s+)?now\b|tonight|today|ever\b|before\b|lately|recently|(?:in\s+)?(?:the|these|this|last)\s+(?:past\s+|last\s+)?(?:few\s+|couple\s+(?:of\s+)?)?(?:days?|weeks?|months?|years?|nights?)|in\s+(?:my\s+(?:whole\s+|entire\s+)?life|years|ages|a\s+long\s+time)))/i;
const COMPARATIVE_BEFORE = /\bnever\s+(?:(?:been|felt|wanted|was|were|had)\s+)?(?:so\s+|this\s+)?more\s+(?:like\s+)?$/i;
const YET_AFTER = /^\s*(?:just\s+)?yet\b/i;
const YET_BEFORE = /\byet\s*$/i;
const REASON_NOT = new RegExp(
  `\\bwhy\\s+(?:should|shouldn${A}t|shouldnt)\\s+i\\s+(?:not\\s*)?$|\\b(?:give\\s+me|is\\s+there|tell\\s+me)\\s+(?:a|one|any)\\s+(?:good\\s+)?reason\\s+(?:to\\s+)?not(?:\\s+to)?\\s*$|\\b(?:reasons?|motivation|thing|things)\\b(?:\\s+[a-z'’]{1,12}){0,3}?\\s+(?:(?:for|to)\\s+)?(?:me\\s+)?(?:to\\s+)?(?:not|don${A}t|dont|do not|haven${A}t|havent|have not)(?:\\s+to)?\\s*$`,
  'i',
);

/**
 * A denial taken back in the same sentence: "I don't want to die but it feels like my only option",
 * "I'm not going to kill myself but the thought keeps coming back", "I don't want to end it but I
 * feel I must" — ambivalence about acting is ideation (since 1.6.0).
 */
const BUT_STILL =
  /^[^.!?]{0,20}?\bbut\b[^.!?]{0,60}?\b(?:(?:my|the) only (?:option|way out|choice|answer|solution)|no (?:other )?(?:choice|option|way out)|i (?:feel (?:like )?i (?:must|have to)|(?:feel (?:like )?)?(?:have to|need to))(?= ?(?:[.!?,;]|$|(?:do it|end it|die|for being|because|cause|since|now|tonight|soon|and|but|though|anyway)\b))|(?:that'?s|thats) where (?:things|it|i|this|my life) (?:seems? to be |is |are |am )?(?:heading|headed|going)|the (?:thought|thoughts|urge|urges) (?:keeps?|won'?t|will not|(?:is|are) (?:always |still )?there|(?:keeps? )?(?:coming|pushing))|i (?:still |keep |always )?think(?:ing)? about it|i (?:could|almost|nearly|so nearly) (?:have|did)(?= ?(?:[.!?,;]|$|(?:and|though|easily|tonight|today)\b))|i (?:really |still |so )?(?:wanted|want) to(?=,? ?(?:(?:so bad|so badly|really bad|really badly|sometimes|though)\b)?[ ,]*(?:[.!?]|$)))/i;

/** True when a negation before an ideation match does not deny it (see UNDENIED_CODES and BUT_STILL). */
function negationUndone(code: string, tail: string, post: string): boolean {
  if (NEVER.test(tail) && (COMPARATIVE_AFTER.test(post) || COMPARATIVE_BEFORE.test(tail))) return true;
  if (BUT_STILL.test(post)) return true;
  if (!UNDENIED_CODES.has(code)) return false;
  return YET_AFTER.test(post) || YET_BEFORE.test(tail) || REASON_NOT.test(tail);
}
const INTENT = new RegExp(
  `(?:\\bgoing\\s*to|\\bgonna|\\bgunna|\\bgoin\\s*to|\\bwill|${A}ll|\\bi\\s*ll|\\babout\\s*to|\\bplan(?:ning)?\\s*(?:to|on)|\\bdecided\\s*to|\\bready\\s*to|\\bdetermined\\s*to|\\bmade\\s*up\\s*my\\s*mind\\s*to|\\btonight\\s*i|\\btoday\\s*i|\\bfinally)\\s*(?:just\\s+|really\\s+|finally\\s+|actually\\s+|definitely\\s+|go\\s+(?:and\\s+)?|do\\s+it\\s+and\\s+|try\\s+(?:to|and)\\s+)*$`,
  'i',
);
const INTENT_IN_MATCH = /^(?:going|gonna|decided|ready|plan|planning|time)\b/i;
const URGE = /\b(?:want|wanna|urges?|tempted|need|thinking|think about|feel like|craving)\b/i;
const JOKE = /\b(?:lol+|lmao+|lmfao+|rofl|haha\w*|hehe\w*|jk|jkjk|just kidding|kidding|joking|xd+)\b|😂|🤣|💀|😆|\/s\b/iu;
const IDIOM_AFTER =
  /^\s*(?:of|from)\s+(?:laughter|laughing|embarrassment|cringe|boredom|cuteness|happiness|excitement|(?:the\s+)?heat|thirst|hunger|curiosity|jealousy|envy|secondhand)|^\s*(?:laughing|inside|on (?:that|this) hill)/i;
const HYPOTHETICAL =
  /\b(?:hypothetical\w*|in (?:a|the|this|that|my|his|her) (?:movie|film|book|novel|show|series|game|song|story|episode|anime|manga|essay|paper|poem|play|fanfic)|the (?:character|protagonist|villain|lyrics?)|lyrics?\b|for (?:a|my|our) (?:class|essay|paper|project|research|assignment|presentation)|role ?play|fan ?fic\w*|(?:book|movie|show|song|story) (?:about|where))\b|\b(?:that|this|the|a|my (?:fav(?:ou?rite)?|new)) song (?:called |named |titled )?["“][^"“”]{1,60}["”] (?:is|was|by|goes|slaps|bangs|hits)\b|\bmy (?:oc|ocs|character|characters|original character) (?:says?|said|would say|goes|thinks?)\b/i;
const DISTANT =
  /\b(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|several|few|couple(?: of)?)\s+(?:years?|yrs?|months?)\s+ago|when i was (?:younger|little|small|a (?:kid|child|teen\w*)|\d+|in (?:high|middle|elementary|primary|secondary) school|at (?:school|uni|college))|(?:back )?in (?:high|middle) school,? i|back (?:then|in (?:high school|the day|\d{4}|college|school))|in the past(?! (?:\d+|few|couple|several|two|three|four|many|week|month|year|days?|weeks|months|years|hours?|night)\b)|as a (?:kid|child|teen\w*)|years back|(?<=^\s*)years ago(?=,?\s+i\b[^.!?]*\bnow\s*,?\s*(?:i\s+)?(?:love\s+(?:it|life|my\s+life|being\s+alive)|know\s+better)\b)|used to(?!(?<=\b(?:like|as|than|the way)(?: how)?(?: (?:i|it|we|they|he|she|you|things))? used to)\s*(?:[.!?,;:]|$|and\b|but\b|anymore\b|before\b|so\b|i\b))|(?:i'?ve|i have|i'?m|i am) (?:been )?(?:clean|sober)|clean for|recovered|survived|survivor|(?:doing|feeling|getting)(?<!\b(?:not|never|nothing|nothing is|isn'?t|aren'?t|ain'?t|wasn'?t|stopped|stop)\s{1,3}(?:\w{1,12}\s{1,3})?(?:doing|feeling|getting)) (?:much |a lot |so much |way )?better|in recovery|got (?:the )?help|last year|in \d{4}|at (?:age )?\d{1,2}\b(?<!\b(?:want|wanna|going|gonna|will|ll|hope|hoping|plan|planning|ready)(?: to)? (?:die|be dead|be gone) at (?:age )?[1-5]\d)(?!\s*(?:am|pm|a\.m|p\.m|o'?clock|h\b|[:.,]\d|-\d|%|percent|mins?\b|minutes?|hours?|hrs?|in the (?:morning|night|afternoon|evening)))|when i was)\b/i;
const PRESENT =
  /\b(?:still|again|now(?<!\b(?:doing|feeling|getting|am|i'?m|im) (?:much |a lot |so much |way |a bit )?(?:better|okay|ok|fine|good|well|safe) now)|lately|these days|currently|right now|tonight|today|every day|everyday|keep|can'?t stop|since then)\b/i;
/**
 * Recovery said in the present ("now I'm ok", "today I'm doing better", "these days I'm fine"): its
 * "now" / "today" is not a present or recent time of the crisis the sentence tells ("Years ago I
 * tried to kill myself, now I'm ok" is the past; "years ago I was happy, now I want to die" is not).
 * Since 1.8.0; before, "Two years ago I tried to kill myself, today I'm better" was read as an
 * attempt today (5). Since 1.8.24 also "now I love it / life", "now I know better", "now I'm 40" ("I used to wish I
 * was dead, now I love it" had read "now" as the wish's present: 2).
 */
const RECOVERED_NOW =
  /\b(?:now|today|these days|nowadays|currently)\s*,?\s*(?:i['’‘`´]?m|im|i am)\s+(?:doing\s+|feeling\s+)?(?:much\s+|a lot\s+|so much\s+|way\s+|a bit\s+|pretty\s+)?(?:better|okay|ok|fine|good|well|safe|happy|happier|alright|all right|clean|sober|in a (?:better|good) place)\b(?!\s*(?:with|to|about|enough|that|if|off|at|in|from|without|hiding|pretending|now that)\b)|\bnow\s*,?\s*(?:i\s+)?(?:love\s+(?:it|life|my\s+life|being\s+alive)|know\s+better)\b(?!\s*(?:but|though|tho|except|when|if)\b)|\bnow\s*,?\s*(?:i['’‘`´]?m|im|i\s+am)\s+\d{1,2}\b(?!\s*(?:am|pm|[:.]\d|mins?|minutes?|hours?|days?|weeks?|months?|and|but)\b)/gi;
/**
 * The next sentence says the past is present, elliptically ("Years ago I wanted to die. I still do.",
 * "... These days I still feel that way"): the distant past read in the sentence does not hold.
 */
/**
 * (A second review of 1.8.1 added farewells, notes, plans and dates: "tried to ctb 2 years ago now
 * im good. farewell" had read as the past.)
 * What, said after "now I'm ok", takes the recovery back or says the crisis is present (since 1.8.1;
 * the review of 1.8.0: "now I'm fine but I want to die", "now im ok lol not really, I want to die").
 */
const RECOVERY_TAKEN_BACK =
  /\b(?:but|though|tho|however|except|not really|kidding|jk|j\/k|lie|lying|lied|not true|lol|haha|want\w*|wanna|wish\w*|die|dying|dead|death|kill\w*|kms|ctb|suicid\w*|unaliv\w*|end (?:it|my|this)|hurt\w*|cut\w*|harm\w*|overdos\w*|pills?|rope|gun|still|again|back|thoughts?|urges?|tomorrow|tonight|try|trying|attempt\w*|can'?t|cannot|hopeless|pretend\w*|hid\w*|fake|faking|mask\w*|same|bye|goodbye|farewell|note|letters?|last|peace|ready|way out|soon|ends?|ending|over|gone|go|leave|leaving|other side|funeral|plan\w*|decided|forever|tmrw|tmr|weekend|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b|🙃/i;
const STILL_NEXT =
  /^[.!?;\s]{1,4}(?:(?:and|but|honestly|sometimes|these days|today|now|even now|to this day),?\s+){0,2}(?:i|it|that)\s+still\s+(?:do|does|am|is|want to|wanna|feel (?:that way|the same|like (?:it|that))|think about it)\b(?=\s*(?:[.!?,;]|$|today|now|sometimes|every day|(?:some|most) days|too))/i;
const RECENT =
  /\b(?:last night|yesterday|today|tonight|this (?:morning|afternoon|evening|week)|earlier|just now|an? (?:hour|few hours|couple (?:of )?hours) ago|\d+ (?:hours?|hrs?|mins?|minutes?) ago|(?:a )?(?:few|couple of|two|three|2|3) days ago|last week|again|just (?:tried|took|did|cut|overdosed|attempted))\b/i;
/**
 * Trivial causes that make a plea to be killed an idiom ("someone kill me, this lecture is endless",
 * "pls kill me, monday again"). Narrow on purpose: work, family or school in general are real
 * sources of despair and do not lower it.
 */
const MUNDANE_CAUSE =
  /\b(?:meetings?|lectures?|class(?:es)?|exams?|quiz(?:zes)?|homework|assignments?|essay|traffic|queue|mondays?|hangover|hungover|this (?:song|game|show|episode|weather|heat)|cringe\w*|so boring|boring|bored|endless|embarrass\w*|awkward)\b/i;
/**
 * A question with the generic "you" ("what can you overdose on", "how can you die from ..."), read
 * before a method: since 1.6.1 only "how/what can you" directly followed by a method verb, so that
 * "which signs should you watch for, like saving up pills?" stays a supporter's question.
 */
const GENERIC_YOU_QUESTION = /\b(?:what|how)\s+(?:can|could)\s+(?:you|u|one)\s+(?:just\s+)?(?:overdose|od|die|kill|hang|take|swallow|cut|jump|drown|shoot|poison|suffocate|bleed|end)\b/i;
const CONDITIONAL = /\b(?:if|unless|when(?:ever)?)\b/i;
/**
 * Everyday readings of crisis phrases found by the review of 1.7.1 (since 1.7.2). Each is narrow
 * and is cancelled by any crisis word in the same sentence (EVERYDAY_GUARD).
 * - "end it" (bare) said by "we" of a named everyday thing in the same sentence ("we're going to end
 *   it in a few weeks, the lease"), or after a sentence that opens on one ("This meeting is dragging, I'm going to end it in
 *   5 minutes"); a thing named after "end it" is not read ("I'm going to end it, this meeting with my
 *   therapist was my last try").
 * - "nobody would notice if I was gone from the office / work / class".
 * - "jump in front of the train to get a seat / to catch it / to take a photo".
 * - "best way to die? old / of old age / peacefully at 90" (a wish about old age: 1); "… in my
 *   sleep / peacefully" without an age stays passive (2), without method detail.
 */
const EVERYDAY_GUARD =
  /\b(?:last|goodbye|bye|sorry|forgive\w*|tonight|for good|forever|once and for all|anymore|any more|can'?t|cannot|pain\w*|hurt\w*|life|lives|living|alive|die|dying|dead|death|kill\w*|suicid\w*|therap\w*|hope\w*|hopeless|tired|done with|myself|my ?self|pills?|note|love you|together|pact|both of us|worthless|burden|over with)\b/i;
const WE_SUBJECT = /\bwe(?:['’ ](?:re|ll|d|ve)| are| will| would| should| have| might| may| can| could| must| were)?(?:\s+(?:just|really|finally|both|all|probably|definitely))?\s*$/i;
const EVERYDAY_THING_NAMED = /\b(?:the|this|that|our)\s+(?:[a-z]{1,16}\s+)?(?:meeting|lease|call|stream|livestream|contract|subscription|podcast|trial|poll|tenancy)s?\b/i;
/** "X and I are ending it": a shared subject, like "we" (since 1.8.0). */
const AND_I_SUBJECT = /\band\s+(?:i|me)(?:\s+(?:are|will|were|have|might|may|should|both|just|really|finally|decided to|agreed to|are going to|are gonna))*\s*$/i;
/**
 * What "we" / "X and I" end when it is no life, said in the same sentence: a break-up, a divorce, a
 * lease, a contract or a subscription (since 1.8.1). 1.8.0 also read a relationship named nearby
 * ("we've been married 40 years") and so cancelled suicide pacts; the review of 1.8.0 found it, and
 * 1.8.1 reads no relationship word.
 */
const WE_THING_SAME_SENTENCE =
  /\b(?:break(?:ing)? ?up|breakups?|broke up|split(?:ting)? up|divorc\w*|(?:the|this|that|our|my|a)\s+(?:[a-z]{1,16}\s+)?(?:lease|contract|subscription)s?)\b/i;
/**
 * Anywhere in the text, a means, a crisis or a distress word keeps "we are ending it" a shared act (a
 * pact), whatever else is named (with EVERYDAY_GUARD, read over the whole text).
 */
// Date words stay: "our parents made us break up so we are ending it on saturday" is a pact. So
// "me and my bf are ending it on sunday, we are breaking up for good" reads 3, a false alarm kept.
const PACT_NEAR =
  /\b(?:suicid\w*|kill\w*|kms|ctb|unaliv\w*|die|dying|dead|death|pills?|pact|overdos\w*|rope|noose|guns?|knife|knives|blade|bridge|jump\w*|hang\w*|poison\w*|gas|exhaust|carbon monoxide|suffer\w*|pain\w*|no way out|nothing left|nothing for us|can'?t (?:live|go on|take|bear|do this)|cannot (?:live|go on)|live without|together forever|forever|for good|our terms|miss us|better off|no one|nobody|hopeless|too much|too long|won'?t let us|never accept|goodbye|farewell|last|end (?:it all|everything|our lives)|sick|cancer|debt|evict\w*|tonight|tomorrow|tmrw|weekend|sunday|monday|tuesday|wednesday|thursday|friday|saturday|together|made us|forced us|won'?t let us)\b/i;
const EVERYDAY_THING_BEFORE = /^\s*(?:(?:so|ugh|ok|okay|well|honestly|lol),?\s+)?(?:this|that|the|our)\s+(?:[a-z]{1,16}\s+)?(?:meeting|lease|call|stream|livestream|contract|subscription|podcast|trial|poll|tenancy)s?\s+(?:is|are|has|was|keeps|just|still|feels|seems|won['’]?t|isn['’]?t)\b[^.!?\n]{0,60}$/i;
const GONE_FROM_PLACE = /^\s*(?:was|were|am|['’]?m|wasn['’]?t|weren['’]?t)?\s*(?:gone|away|missing|absent|out|off)\s+(?:from|at|of|in)\s+(?:the\s+|my\s+|this\s+|our\s+|that\s+)?(?:office|work|school|class|meeting|party|group ?chat|chat|team|job|desk|shift|gym|lecture|call|zoom|stand ?up|lab|store|shop|counter|reception|practice|rehearsal)\b/i;
const TRAIN_PURPOSE = /^\s*to\s+(?:(?:get|grab|find|save|take)\s+(?:a|my|the|us\s+a|me\s+a)\s+(?:seat|spot|place)|(?:catch|board|get on|make)\s+(?:it|the (?:train|bus|tram)|my (?:train|bus|tram))\b(?!\s+to\b)|(?:take|get|snap)\s+(?:a\s+)?(?:photo|picture|pic|selfie|video)|film\s+it|hold\s+the\s+doors?)\b/i;
const DIE_OLD = /^\s*[?:]\s*(?:old|old age|of old age|when (?:i['’]?m |im )?(?:old|[6-9]\d|1[01]\d)|at (?:a ripe old age|[6-9]\d|1[01]\d)|peacefully (?:at|when i['’]?m|when im) (?:[6-9]\d|1[01]\d|old))(?=[\s.,!?;]|$)/i;
const DIE_ASLEEP = /^\s*[?:]\s*(?:peacefully\s+)?(?:in (?:my|your|one['’]?s) sleep|peacefully)(?=[\s.,!?;]|$)/i;
/** A time cue "in <n> hours / minutes" (see DURATION_BEFORE). */
const DURATION_IN = /^in\s/i;
/**
 * Eating, sleeping or contact, negated or in a perfect, right before "in <n> hours" (at most three
 * words between, no "and / but"): a span of time gone by ("haven't eaten in 26 hours", "nothing to eat
 * in", "the first meal in", "I've been awake in", "haven't talked to anyone in 3 days"). 1.7.0 took any
 * "no / not / haven't" within three words, which read "no more pain in an hour", "nobody cares in an
 * hour", "i haven't told anyone and in an hour I'm gone" as time gone by (5 → 4, 4 → 3); 1.7.1 not.
 */
const DURATION_BEFORE =
  /(?:\b(?:haven|hasn|hadn|didn|don|doesn|couldn|wasn|weren|ain)['’‘`´ ]?t|\b(?:not|never|nothing|no|first|only|longest)|\b(?:have|has|had|ve)(?: (?:not|never|only|barely|even))?)(?:\s+[a-z'’]{1,20}){0,2}?\s+(?:eaten|ate|eat|food|meal|slept|sleep|awake|showered|shower|talked|spoken|spoke|texted|heard from|left (?:the|my) (?:house|room|flat|bed))\b(?:\s+(?!(?:and|but|so|then|now)\b)[a-z'’]{1,20}){0,3}\s*$/i;
/** ... unless an act to come is spoken of in the same clause ("I've decided I'll do it in 2 hours"). */
const FUTURE_BEFORE = /\b(?:will|ll|gonna|going to|about to|be (?:dead|gone)|do it|end it|plan|planning|decided)\b|['’‘`´]ll\b/i;
/** 'they sent me "you should kill yourself' — an open quote said or sent to the writer before a harassment match (1.8.28). */
const TOLD_ME_QUOTE =
  /\b(?:said|says|told|tells|texted|texts|wrote|messaged|messages|dm['’]?d|dmed|sent|sends|commented|replied|posted|snapped|yelled|screamed|keeps? (?:saying|telling|sending))\s+(?:to\s+)?me\b[\s,:-]*["“][^"“”\n]{0,80}$/i;
/**
 * After being told to die, the writer's own going along (1.8.28): "i'm going to do it", "i think i will", "maybe they're
 * right", "i'll do it"; not "i think i will report them" nor "i'm not going to".
 */
const WRITER_GOES_ALONG =
  /\b(?:(?:i(?:['’]?m| am|m)\s+(?:really\s+|just\s+|actually\s+|finally\s+)?(?:going\s+to|gonna|gna|about\s+to|bout\s+to|ready\s+to|planning\s+to|gunna|finna)|imma|ima|i['’]?mma)\s+(?:just\s+)?(?:jump\b(?=\s*(?:[.!?,;…\n"”]|$|now\b|rn\b|tonight\b|today\b|off\b))|do\s+(?:it\b|that(?=\s*(?:[.!?,;…\n"”]|$|now|tonight|today|lol\b|and\b|for\s+(?:them|him|her|once|real)\b|this\s+time\b|finally\b))|what\s+(?:they|he|she)\s+(?:said|say)\b)|listen(?:\s+to\s+(?:them|him|her|what\s+(?:they|he|she)\s+(?:said|say)))?(?!\s+to\b))|i\s+(?:think|guess|feel\s+like)\s+i\s+(?:will|might|should|shall|could)(?:\s+(?:just\s+)?(?:do\s+it|listen|do\s+that))?(?=\s*(?:[.!?,;…\n"”]|$|tbh|honestly|now|tonight|today|lol\b))|i['’]?ll\s+(?:just\s+)?do\s+(?:it\b|that(?=\s*(?:[.!?,;…\n"”]|$|now|tonight|today|lol\b|and\b|for\s+(?:them|him|her|once|real)\b|this\s+time\b|finally\b))|what\s+(?:they|he|she)\s+(?:said|say)\b)|i\s+(?:will|might|should)\s+(?:just\s+)?(?:do\s+it|listen)\b|(?:maybe|honestly|tbh|prob(?:ably)?|i\s+think)\s+(?:they|he|she|you|u)(?:['’]?re|\s+are|['’]?s|\s+is|\s+were|\s+was)\s+right\b|(?<!\b(?:don['’]?t|dont|do\s+not|didn['’]?t|didnt|never|not|doubt|thinks|says|said|believes|feels|tells\s+me|told\s+me)\s+(?:(?:think|believe|feel|agree)\s+)?(?:(?:that|like)\s+)?)(?:they|he|she)(?:['’]?re|\s+are|['’]?s|\s+is)\s+(?:probably\s+|prob\s+|honestly\s+|kinda\s+|actually\s+)?right\b(?!\s+about\s+(?:the\b|one\s+thing|something|that\s+(?!i\b)))|i\s+agree\s+with\s+(?:them|him|her)\b|(?:idk\s+|honestly\s+|tbh\s+)?maybe\s+i\s+(?:will|should|might)(?=\s*(?:[.!?,;…\n"”]|$|tbh\b|honestly\b|tonight\b|lol\b)))(?!\s+that\s+(?![^.!?\n]{0,50}\b(?:die|dead|kms|kys|kill|end\s+it|do\s+it|suicide|disappear|not\s+be\s+here|not\s+exist|worthless|deserve\s+to)))/i;
/** 'someone said "kys' — an open quote after a verb of saying or sending, its addressee after the quote ('… "kys" to me'). */
const QUOTE_SAID_OPEN =
  /\b(?:said|says|texted|wrote|messaged|dm['’]?d|dmed|sent|commented|replied|posted|yelled|screamed)\s*[,:-]?\s*["“][^"“”\n]{0,80}$/i;
/** Someone else named as the one who said or is right, before the writer's "she's right" / "i agree with them". */
const OTHER_NAMED_SAYS =
  /\b(?:mom|mum|mommy|mother|dad|father|parents?|therapist|counsell?or|friends?|teacher|doctor|sister|brother|wife|husband|girlfriend|boyfriend|partner|bf|gf|everyone|everybody)\b(?:\s+(?:said|says|told\s+me|tells\s+me|thinks?|agrees?|and)\b|(?<=\btold\s+(?:my\s+)?\w+))/i;
/** The goodbye forms new in 1.8.28: tomorrow misspelt or short, and "a better place". */
const GOODBYE_FORM_1828 = /\b(?:tmrw|tmr|2morrow|2moro|tomorow|tommorow|tommorrow)\b|\bbetter place\b/i;
/** Told to the writer before the match ("told me to", "said"); since 1.8.32 also sent, dm'd, snapped or replied, with "me". */
const REPORTED_TO_ME =
  /\b(?:(?:told|tells|telling|tell|said|says|saying|called|calls|texted|texts|wrote|messaged|commented|keeps? saying|yelled|screamed)\s+(?:me|at me|to me)?|(?:dm['’]?d|dm['’]?ed|dmed|dms|sent|sends|snapped|replied)\s+(?:me|to me)|\b(?:they|someone|somebody|some\s+\w+|people|ppl|he|she|everyone|kids|guys)\s+(?:just\s+|literally\s+|keeps?\s+|kept\s+)?(?:sent|sends|dm['’]?d|dm['’]?ed|dmed|snapped|replied)|\bkeeps?\s+(?:sending|dming|dm['’]?ing|messaging|texting|snapping)\s+(?:me|to\s+me)|\bi\s+(?:got|get|was|keep\s+getting|kept\s+getting|(?:have|['’]?ve)\s+been|been)\s+(?:sent|dm['’]?d|dm['’]?ed|dmed|messaged|texted))\s*(?:to\s+)?(?:just\s+|go\s+)*$/i;
// "you" after "thank", "love", "miss", "bless" or "see" is a formula, not who the next clause is about.
const SUBJECT = new RegExp(
  `\\b(?:(i|i${A}m|im|i${A}ve|ive|i${A}d|i${A}ll|me|my|myself|anyone else|any1 else|any ?one else)|(he|she|they|he${A}s|she${A}s|they${A}re|hes|shes|theyre|someone|somebody|(?:friend|friends|sister|brother|sis|bro|mom|mum|mother|dad|father|son|daughter|cousin|aunt|uncle|girlfriend|boyfriend|gf|bf|wife|husband|partner|roommate|classmate|kid|child|grandma|grandpa|student|patient|client|bestie|bff|coworker|colleague|mate|niece|nephew)(?:(?=\\s*$)|(?:\\s+\\w+)?\\s+(?:is|was|has|had|keeps|kept|said|says|told|texted|posted|wrote|talks|talked|mentioned|thinks|feels|seems|wants|wanted|tried|just|been|might|may|could|will|would|should|can|${A}s)))|(?<!\\b(?:thank|thanks|love|miss|bless|see)\\s+)(you|u|your|ur|you${A}re|youre|yourself))\\b`,
  'gi',
);
/** "od and die" right after the match ("od & die", "od then die"): read by the overdose rule since 1.8.24. */
const OD_AND_DIE = /^\s*(?:(?:and|&|n)\s+(?:just\s+|then\s+)?|then\s+)die\b/i;
/** "od and die" beside a threading tool: a diameter and a die. */
const TAP_AND_DIE = /\btaps?\s+(?:and|&|n)\s+dies?\b|\blathe\b/i;
/** A fear before "od and die", an accident after it. */
const OD_FEARED = /\b(?:scared|afraid|terrified|worried|worry|fear|fearing|anxious|nervous|might|could)\b/i;
/** "… then i od and die": "i" right before "od", a time ahead in its clause (since 1.8.25's second review). */
const OD_PLAN_I = /(?:^|[^\w'’‘`´])i\s+$/i;
const OD_PLAN_TIME = /\b(?:\d+|one|two|three|four|five|a few|couple(?: of)?) (?:more )?(?:days?|hours?|weeks?|nights?)\b|\b(?:tonight|tonite|tomorrow|tmrw|then|after (?:that|this)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:weekend|week))\b/i;
const OD_ACCIDENT = /\b(?:by accident|accidentally|accidental|by mistake)\b/i;
/** Accidental overuse ("took too much codeine") and the words that make it deliberate (since 1.6.1). */
const TOO_MUCH = /\b(?:took|taken|take)\s+(?:way\s+)?too\s+much\s+(?!(?:drugs|alcohol)\b)/i;
const OVERDOSE_INTENT =
  /\b(?:die|dying|dead|death|kill\w*|end (?:it|my life|things|everything)|suicid\w*|on purpose|intentional\w*|deliberate\w*|(?:all )?at once|in one go|at the same time|wanted to|trying to|tried to|so (?:that )?i (?:would|could|wouldn'?t|won'?t|don'?t|never)|(?:not|never) (?:to )?wake|overdos\w*|hop(?:e|ed|ing)|to od|goodbye|sorry)\b/i;
const SEVERE_BODY = /\b(?:faint\w*|passed out|dizz\w*|heart (?:is )?(?:racing|pounding|skipping|palpitations)|chest pains?|hospital\w*|collaps\w*)\b/i;
const SELF_HARM_URGE = /\b(?:want|wanna|urges?|need|tempted|thinking)\b/i;
const SELF_HARM_INTENT = /\b(?:going to|gonna)\b/i;
/** Taking one's medicine as told: "like the doctor said", "as prescribed", "for my headache" (since 1.8.6). */
const ADHERENCE = /\b(?:like|as|what) (?:the |my )?(?:doctor|dr|gp|doc|psychiatrist|nurse|pharmacist)\b|\bas (?:prescribed|directed|instructed|told)\b|\b(?:for|because of) (?:my|the|a) (?:headache|migraine|cold|flu|fever|cramps|period|back|tooth|toothache|pain|infection|allergies)\b|\bon time\b|\b(?:remembered|forgot) to take\b/i;
/** Said in the sentences after it, takes the medicine-as-told reading back ("took all my pills for the week. goodbye"; since 1.8.8). */
const ADHERENCE_TAKEN_BACK = /\b(?:die|dying|dead|kill\w*|kms|suicid\w*|good-?bye|farewell|end (?:it|my life)|overdos\w*|never wake|sleep forever|this is it)\b/i;
/** A whole supply or a count of ten and more (since 1.8.6). */
const OVERDOSE_AMOUNT = /\b(?:all|every|everything|whole|entire|handfuls?|bottles?|rest of|[1-9]\d+)(?:\b|(?=[x*] ?\d))/i;
/** "after I swallowed a bottle of pills": a past act told as the frame of another (since 1.8.6). */
const PAST_FRAME = /\b(?:after|when|since|before|until|once|the time|the day|the night|the year)\s+(?:i\s+)?$/i;
/** After a method: what it is for, its end ("… and never wake up", "… and sleep forever"; since 1.8.30). */
/** "i wish i could …", "if i …", "i would …": a method wished or imagined, which its end does not make imminent (1.8.30). */
const WISHED_ONLY = /\b(?:wish|wished|could|would|if|might|imagine|imagining|fantasi[sz]e|dream)\b/i;
const METHOD_CONSEQUENCE =
  /^[^.!?;,\n]{0,40}?\b(?:and|&|n|then) (?:just |then |finally |hopefully )?(?:never (?:ever )?wake up|not wake up|won'?t wake up|sleep forever|be gone(?! for)|end it(?: all)?(?! (?:with|between)))\b/i;

const ACT_NOW = /\b(?:i'?ve|i have|just|already|i'?m|im|i am)\b|\bbleeding|\brope|\bnoose|\bgun|\bknife|\bblade|\brazor|\bgarage|\bbelt is (?:tied )?around my neck/i;

type Subject = 'self' | 'other' | 'you' | 'none';
type Context = 'cluster' | 'negated' | 'past' | 'other' | 'hypothetical' | 'joke' | 'idiom' | 'conditional' | 'recent' | 'intent' | 'reported';

interface Hit {
  rule: Rule;
  start: number;
  end: number;
  level: RiskLevel;
  subject: Subject;
  context: Context[];
  /** False when context cancels the signal (negated, joke, fiction...). */
  active: boolean;
}

// ---------------------------------------------------------------------------------------------
// Context windows
// ---------------------------------------------------------------------------------------------

const MAX_BACK = 200;
const MAX_FWD = 160;

function isSentenceBreak(c: number): boolean {
  // . ! ? ; newline
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 10;
}

function sentenceStart(text: string, at: number): number {
  const min = Math.max(0, at - MAX_BACK);
  for (let i = at - 1; i >= min; i--) if (isSentenceBreak(text.charCodeAt(i))) return i + 1;
  return min;
}

function sentenceEnd(text: string, at: number): number {
  const max = Math.min(text.length, at + MAX_FWD);
  for (let i = at; i < max; i++) if (isSentenceBreak(text.charCodeAt(i))) return i;
  return max;
}

const CLAUSE_BREAK = /[,:()]|\b(?:but|however|though|although|except|yet|and now|so now)\b/gi;

/** The part of `pre` after the last clause break (commas, "but", ...). */
function clauseOf(pre: string): string {
  CLAUSE_BREAK.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(pre)) !== null) last = m.index + m[0].length;
  return last === 0 ? pre : pre.slice(last);
}

/** "told me", "texted me:", "said to us that" right before an opening quote: whom the quoted words were said to. */
const TOLD_ME =
  /\b(said|says|say|told|tells|tell|texted|texts|text|wrote|writes|messaged|messages|dm['’]?d|dmed|sent|sends|asked|asks|whispered|screamed|yelled|posted|snapchatted|snapped)\s+(?:to\s+)?(?:me|us)\b(?=[\s,:-]*(?:(?:that|this|saying|like|just|once|again|today|yesterday|last night)[\s,:-]*)*$)/gi;
/**
 * The verb of saying left of "me" (TOLD_ME); "sent", "messaged", "dm'd", "snapped" read as "texted" (since 1.8.27), the verb
 * the subject reader knows after "my friend": 'my friend sent me "kms"' is her words, as 'my friend texted me "kms"'.
 */
function toldAsSaid(_: string, verb: string): string {
  return /^(?:sent|sends|messaged|messages|dm['’]?d|dmed|snapped|snapchatted)$/i.test(verb) ? 'texted' : verb;
}
/**
 * Who is speaking at the end of `preSentence`, the words before a match, and `after` the words after it (from the match's
 * end; undefined where the caller reads no words after it: no quote is then read as someone else's words told to me).
 */
function resolveSubject(preSentence: string, matched = '', after?: string): Subject {
  // Reported speech: 'she said "I want to die"' is about her.
  let pre = preSentence;
  const q = Math.max(pre.lastIndexOf('"'), pre.lastIndexOf('“'));
  if (q >= 0) {
    const quotes = (pre.match(/["“”]/g) ?? []).length;
    if (quotes % 2 === 1) {
      const outer = resolveLast(pre.slice(0, q));
      if (outer === 'other') return 'other';
      // 'my friend texted me "i want to die"': the one told ("me", "us") after a verb of saying is no subject (since 1.8.24),
      // only for their own closed first-person words with no agreement of the writer's after them (toldMeQuote).
      if (outer === 'self' && after !== undefined) {
        const told = toldMeQuote(pre, q, matched, after);
        if (told !== null) return told;
      }
      pre = pre.slice(q + 1);
    }
  }
  return resolveLast(pre);
}

/** The quoted words' own first person singular: the speaker's ("she told me "i want to die""). */
const QUOTED_I = /\b(?:i|i['’‘`´]?m|im|i['’‘`´]?ve|ive|i['’‘`´]?ll|i['’‘`´]?d|my|myself|me|mine)\b/i;
/**
 * "kms" (kill myself) as the quoted speaker's own words ('my friend texted me "kms tonight"'; since 1.8.26): only with no
 * you / should / said before it in the quote. "you said kms", "u should kms" are the writer's words or the writer told to
 * do it: the writer's own risk (1.8.26's review).
 */
const QUOTED_KMS = /^(?:(?!\b(?:you|u|ur|your|you['’‘`´]?re|youre|should|shud|said|saying|say|says)\b).)*\bkms\b/is;
/** The quoted words put to the writer ("she asked me "do you want to die""). */
const QUOTED_YOU = /\b(?:you|u|your|ur|you['’‘`´]?re|youre|yourself)\b/i;
/**
 * After the closing quote (in its sentence or the next), the writer agreeing, joining or answering yes: 'she told me
 * "i want to die" and honestly so do i', '… so i said "me too"', '… and i feel exactly the same way', '… and i'm going to
 * join her', 'my sister texted me "i wish i was dead" and i wish i was too', 'she asked me "do you want to die" and i said
 * yes' (since 1.8.24's review: these are the writer's own words, and stay theirs).
 */
const QUOTE_AGREED = new RegExp(
  [
    `\\b(?:so|neither|nor) (?:do|am|did|would|have|was|could|will|can) i\\b`,
    `\\b(?:me|mee+) (?:too|2|to|neither|either|as well|also)\\b`,
    `(?:^|[^\\w'’‘\`´])["“]?\\s*(?:honestly |tbh |ngl |lowkey |literally |and |so |i mean )*(?:same|samee+|mood|big mood|relatable|felt that)\\b(?!\\s+(?:thing|time|day|way|place|person|one|as|old|stuff|shit|again|night)\\b)`,
    `\\bi\\b[^.!?"“”\\n]{0,40}\\b(?:too|as well|also)\\b`,
    `\\b(?:i|i['’‘\`´]?m|im|i am) (?:\\w+ ){0,3}(?:the same|same here|same way)\\b`,
    `\\b(?:feel|felt|think|thought|been|am|feeling)\\s+(?:\\w+\\s+)?(?:the same|same way|that way too)\\b`,
    `\\bi (?:relate|get it|agree|agreed|understand(?: her| him| them)? completely)\\b`,
    `\\b(?:that['’‘\`´]?s|thats|that is|it['’‘\`´]?s|its) (?:literally |exactly |so |basically )*(?:me|how i feel|what i feel|what i want|me too)\\b`,
    `\\bjoin(?:ing)? (?:her|him|them|you|my \\w+)\\b`,
    `\\b(?:with|along with) (?:her|him|them)\\b(?<=\\b(?:do it|die|go|going|end it|kill myself|come)\\s+(?:\\w+\\s+)?(?:with|along with) (?:her|him|them))`,
    `\\bi (?:said|say|told (?:her|him|them)|answered|replied|texted(?: back)?|wrote back|nodded|admitted)\\W{0,4}(?:honestly |that )?(?:yes|yeah|yea|yep|yup|ya|yh|ye|mhm|i do|i am|i have|i want to|sometimes|kinda|kind of|a little|maybe)\\b`,
  ]
    .join('|')
    .replace(/ /g, '\\s+'),
  'i',
);
/**
 * 'she told me "i want to die"': quoted words someone else said to the writer (since 1.8.24): 'other' when they are the
 * speaker's own first-person words ("i", "my", "myself"), the quote closes after the match (in its sentence, or right after
 * its last stop: '… die."') and the writer does not agree, join or answer yes after it (QUOTE_AGREED); 'self' when the
 * quoted words were put to the writer ("do you want to die") and the writer answers yes; else null (read as before 1.8.24:
 * an unclosed quote, "''", a question to the writer, a pact quoted stay the writer's words). `q` is the opening quote in `pre`.
 */
function toldMeQuote(pre: string, q: number, matched: string, after: string): Subject | null {
  if (resolveLast(pre.slice(0, q).replace(TOLD_ME, toldAsSaid)) !== 'other') return null;
  // Only words said: a title or a poem named ('a poem for my mum "end my life" is the title') stays the writer's.
  if (!SAID_BEFORE_QUOTE.test(pre.slice(Math.max(0, q - 60), q))) return null;
  const close = QUOTE_CLOSE.exec(after);
  if (close === null) return null;
  const quoted = pre.slice(q + 1) + matched + after.slice(0, close.index);
  if (QUOTED_WE.test(quoted)) return null;
  const rest = after.slice(close.index + close[0].length);
  const next = QUOTE_NEXT.exec(rest);
  const agreed = QUOTE_AGREED.test(next === null ? rest.slice(0, 200) : rest.slice(0, Math.min(200, next[0].length)));
  if (QUOTED_I.test(quoted) || QUOTED_KMS.test(quoted)) return agreed || writerAfterQuote(rest) ? null : 'other';
  return agreed && QUOTED_YOU.test(quoted) ? 'self' : null;
}
/**
 * The writer's own words after someone else's quoted words (since 1.8.25's second review): the quote is read as only the
 * other's ('other') when what follows it, to the end of the next sentence, is nothing or only concern for them ("i don't
 * know what to do", "i'm so worried about her", "i called her mom", "please help"); any other clause of the writer's
 * (i, me, my, we, us, "with you", "together", "let's", "ditto") keeps the text the writer's: a listed agreement missed
 * ('… and i can relate', '… and i wish i had the guts') would otherwise lose the alert for the writer (level 3 self).
 * A sentence wholly of concern does not end the window ('"…". i'm worried. also i keep thinking about my pills').
 */
function writerAfterQuote(rest: string): boolean {
  QUOTE_SENTENCE.lastIndex = 0;
  let window = '';
  let taken = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTE_SENTENCE.exec(rest)) !== null && window.length < 300) {
    if (m[0] === '') {
      QUOTE_SENTENCE.lastIndex++;
      continue;
    }
    const sentence = m[0];
    window += sentence;
    if (QUOTE_AGREED.test(sentence) || QUOTE_WRITER.test(sentence.replace(QUOTE_CONCERN, concernGone))) return true;
    // The sentence the quote closes in and the next one; a sentence of concern (or of nothing) lets the window go on.
    const concern = sentence.replace(QUOTE_CONCERN, ' ');
    const goesOn = concern !== sentence || !/[a-z0-9]/i.test(concern.replace(QUOTE_NEUTRAL, ' '));
    if (++taken >= 2 && !goesOn) break;
    if (taken >= 5) break;
  }
  return false;
}
/** One sentence (its stops included) after the closing quote. */
const QUOTE_SENTENCE = /[^.!?;\n]*[.!?;\n]*/g;
/** The writer speaking of themself (or of "we"); read after QUOTE_CONCERN is taken out. */
const QUOTE_WRITER =
  /\b(?:i|i['’‘`´]?m|im|i['’‘`´]?ve|ive|i['’‘`´]?ll|i['’‘`´]?d|me|my|mine|myself|we|we['’‘`´]?re|we['’‘`´]?ll|we['’‘`´]?ve|us|our|ours|ourselves|let['’‘`´]?s|lets|together|ditto)\b|\bwith (?:you|u)\b/i;
/** Words that say nothing of anyone (what is left of a sentence of concern: "and", "honestly", "so"). */
const QUOTE_NEUTRAL = /\b(?:and|but|so|also|then|now|honestly|tbh|ngl|just|really|like|pls|please|omg|idk|rn)\b|[^a-z0-9]+/gi;
/** Concern for the one quoted, said by the writer: not the writer's own risk. */
const QUOTE_CONCERN = new RegExp(
  [
    `\\bi (?:really |honestly |just )?(?:don['’‘\`´]?t|do not|dont) know (?:what to (?:do|say)|how to help(?: her| him| them)?)\\b`,
    `\\bwhat (?:do|should|can|would) i (?:do|say)\\b`,
    `\\bhow (?:do|can|should|could) i (?:help|support|reach)(?: her| him| them)?\\b`,
    `\\b(?:i['’‘\`´]?m|im|i am) (?:so |really |very |super |kinda |kind of )?(?:worried|scared|terrified|frightened|concerned|freaking out)(?: (?:for|about) (?:her|him|them|my \\w+))?(?=\\s*(?:$|[,.;!?\\n]|and\\b|but\\b|what\\b|how\\b|please\\b|any\\b))`,
    `\\bi (?:called|rang|phoned|texted|told|messaged) (?:her|him|them|911|999|112|988|the police|an ambulance|(?:her|his|their) \\w+)\\b[^,.;!?\\n]*`,
    `\\bplease help(?: me)?\\b`,
    `\\bany (?:advice|tips|help)\\b`,
  ]
    .join('|')
    .replace(/ /g, '\\s+'),
  'gi',
);
/** A concern phrase taken out of the sentence; "i told her …", "i called …" only when what follows says nothing of the writer. */
function concernGone(phrase: string): string {
  const told = /^i\s+(?:called|rang|phoned|texted|told|messaged)\s+\S+(.*)$/is.exec(phrase);
  if (told === null) return ' ';
  const tail = told[1]!.replace(/\bi['’‘`´]?m here(?: for (?:her|him|them))?\b|\bi (?:love|care about) (?:her|him|them|you)\b/gi, ' ');
  return QUOTE_WRITER.test(tail) ? phrase : ' ';
}
/** The closing quote after the match: before the sentence ends, or right after its last stop ('… die."', '… die!!"'). */
const QUOTE_CLOSE = /^[^"“”.!?;\n]*?(?:[.!?;…]+\s*)?["”]/;
/** The end of the sentence after the one the quote closes in (the agreement may be said there: '"…". so do i.'). */
const QUOTE_NEXT = /^[^.!?;\n]*[.!?;\n]+[^.!?;\n]*[.!?;\n]/;

/**
 * The verb of saying before an opening quote ('she told me "…'; since 1.8.24): only words said; a pact quoted from someone
 * else ('my friend said "we're killing ourselves friday"') stays the writer's (1.8.12: a writer who joins it is at risk).
 */
const SAID_BEFORE_QUOTE =
  /\b(?:said|says|say|told|tells|tell|texted|texts|text|wrote|writes|messaged|messages|dm['’]?d|dmed|sent|sends|asked|asks|whispered|screamed|yelled|posted|snapchatted|snapped|goes|went|was like|is like)(?:\s+(?:to\s+)?(?:me|us|him|her|them))?[\s,:-]*(?:(?:that|this|saying|like|just|once|again|today|yesterday|last night)[\s,:-]*)*$/i;
const QUOTED_WE = /\b(?:we|ourselves|us|our|let['’‘`´]?s|together)\b/i;
/** Whether the match ends someone else's own quoted words (toldMeQuote 'other'), for a rule whose subject is 'self'. */
function quotedFromOther(preSentence: string, matched: string, after: string): boolean {
  const q = Math.max(preSentence.lastIndexOf('"'), preSentence.lastIndexOf('“'));
  if (q < 0) return false;
  if ((preSentence.match(/["“”]/g) ?? []).length % 2 === 0) return false;
  return toldMeQuote(preSentence, q, matched, after) === 'other';
}

/**
 * 'my friend texted me "kms tonight lol" and i don't know what to do': a laugh inside someone else's quoted words is theirs
 * and makes no joke of them when the writer, after the quote, says they are worried (QUOTE_CONCERN) and does not laugh
 * (since 1.8.26). Only for quoted words read as the other's (toldMeQuote 'other'); 'my friend texted me "kms lol"' alone, or
 * with the writer's own laugh after it, stays a joke.
 */
function worriedAfterQuotedJoke(preSentence: string, matched: string, after: string): boolean {
  const q = Math.max(preSentence.lastIndexOf('"'), preSentence.lastIndexOf('“'));
  if (q < 0 || (preSentence.match(/["“”]/g) ?? []).length % 2 === 0) return false;
  if (toldMeQuote(preSentence, q, matched, after) !== 'other') return false;
  const close = QUOTE_CLOSE.exec(after);
  if (close === null) return false;
  const rest = after.slice(close.index + close[0].length);
  const next = QUOTE_NEXT.exec(rest);
  const window = next === null ? rest.slice(0, 200) : rest.slice(0, Math.min(200, next[0].length));
  QUOTE_CONCERN.lastIndex = 0;
  return QUOTE_CONCERN.test(window) && !JOKE.test(window);
}

function resolveLast(pre: string): Subject {
  SUBJECT.lastIndex = 0;
  let found: Subject = 'none';
  let m: RegExpExecArray | null;
  while ((m = SUBJECT.exec(pre)) !== null) {
    found = m[1] !== undefined ? 'self' : m[2] !== undefined ? 'other' : 'you';
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Reading one match in context
// ---------------------------------------------------------------------------------------------

function clampLevel(n: number): RiskLevel {
  return (n < 0 ? 0 : n > 5 ? 5 : n) as RiskLevel;
}

/** A "sentence" longer than this is unpunctuated run-on text; its time words are read near the match only. */
const LONG_SENTENCE = 240;
const TIME_BACK = 100;
const TIME_FWD = 50;
const HYPOTHETICAL_FLAG = 1;
/** A distant-past phrase ("years ago", "when I was 12"); the match is past unless PRESENT_FLAG. */
const DISTANT_FLAG = 2;
const RECENT_FLAG = 4;
/** A present-time word ("still", "now"); read only when DISTANT_FLAG is set. */
const PRESENT_FLAG = 8;
/**
 * Sentence-level context of the current text, memoised by sentence span: several matches often
 * share a sentence (a distress word matched by two rules, ideation next to a time cue). Cleared by
 * `screenDetailed` before each text; holds at most SENTENCE_MEMO entries.
 */
const SENTENCE_MEMO = 16;
const MEMO_START = new Int32Array(SENTENCE_MEMO);
const MEMO_END = new Int32Array(SENTENCE_MEMO);
const MEMO_FLAGS = new Uint8Array(SENTENCE_MEMO);
let memoSize = 0;

/** Hypothetical/fiction, distant past (with present-time words), recent: the sentence-level readings of text[sStart, sEnd). */
function sentenceFlags(sentence: string, sStart: number, sEnd: number, text: string, after: number): number {
  for (let k = 0; k < memoSize; k++) if (MEMO_START[k] === sStart && MEMO_END[k] === sEnd) return MEMO_FLAGS[k]!;
  const distant = DISTANT.test(sentence);
  let present = distant && PRESENT.test(sentence);
  let recent = RECENT.test(sentence);
  if (present || recent) {
    // "now I'm ok", "today I'm doing better": recovery, not the time of the crisis (since 1.8.0).
    RECOVERED_NOW.lastIndex = 0;
    // Only when nothing of a crisis, a retraction or a "but" follows the recovery phrase in the text
    // (1.8.0 read "now I'm fine but I want to die" as the past; fixed in 1.8.1).
    if (RECOVERED_NOW.test(sentence) && !RECOVERY_TAKEN_BACK.test(sentence.slice(RECOVERED_NOW.lastIndex) + ' ' + text.slice(after, after + 200))) {
      const rest = sentence.replace(RECOVERED_NOW, ' ');
      present = distant && PRESENT.test(rest);
      recent = RECENT.test(rest);
    }
  }
  const flags =
    (HYPOTHETICAL.test(sentence) ? HYPOTHETICAL_FLAG : 0) |
    (distant ? DISTANT_FLAG : 0) |
    (present ? PRESENT_FLAG : 0) |
    (recent ? RECENT_FLAG : 0);
  const slot = memoSize < SENTENCE_MEMO ? memoSize++ : sStart % SENTENCE_MEMO;
  MEMO_START[slot] = sStart;
  MEMO_END[slot] = sEnd;
  MEMO_FLAGS[slot] = flags;
  return flags;
}

/**
 * Everyday readings of crisis phrases (since 1.7.2, found by the review of 1.7.1; one rule since
 * 1.8.0): a crisis phrase whose object, purpose or answer the words right around it name as an
 * everyday thing — a meeting, a lease, the office, a seat on the train, old age — is read as
 * everyday (level 1 at most, or the passive wish of dying in one's sleep), unless the sentence (the
 * phrase's own last word left out) or the words read after it hold a crisis word (EVERYDAY_GUARD). Each entry
 * names the phrase (its rule and how its match ends) and where its everyday thing is read.
 */
interface EverydayReading {
  code: string;
  /** How the phrase's match ends ("end it", "if I", "the train", "way to die"). */
  ends: RegExp;
  /** Characters read after the phrase beyond its sentence (the answer to a question), guarded too. */
  after: number;
  /** The everyday reading the words around the phrase give, or null. */
  reads: (a: Around) => 'idiom' | 'wish' | null;
}
interface Around {
  text: string;
  start: number;
  end: number;
  clause: string;
  preSentence: string;
  sentence: string;
  post: string;
}
const EVERYDAY_READINGS: EverydayReading[] = [
  // "This meeting is dragging, I'm going to end it"; "we're ending it, the lease"; "we've been together 3 years. We are ending it" (1.8.0).
  { code: 'ideation.end_life', ends: /\bend(?:ing)? it$/i, after: 0,
    reads: (a) => ((WE_SUBJECT.test(a.clause) && EVERYDAY_THING_NAMED.test(a.sentence)) || EVERYDAY_THING_BEFORE.test(a.preSentence) || weEndEverydayThing(a.text, a.clause, a.sentence) ? 'idiom' : null) },
  // "nobody would notice if I was gone from the office".
  { code: 'passive.better_off', ends: /\bif i$/i, after: 0, reads: (a) => (GONE_FROM_PLACE.test(a.post) ? 'idiom' : null) },
  // "jump in front of the train to get a seat".
  { code: 'method.place', ends: /\b(?:train|bus)s?$/i, after: 0, reads: (a) => (TRAIN_PURPOSE.test(a.post) ? 'idiom' : null) },
  // "best way to die? old / of old age" (1); "… in my sleep / peacefully" (a passive wish, 2).
  { code: 'method.dose_question', ends: /\b(?:die|dying)$/i, after: 60,
    reads: (a) => {
      const after = a.text.slice(a.end, a.end + 60);
      return DIE_OLD.test(after) ? 'idiom' : DIE_ASLEEP.test(after) ? 'wish' : null;
    } },
];
const EVERYDAY_CODES = new Set(EVERYDAY_READINGS.map((e) => e.code));

/** The everyday reading of the phrase text[start, end) of `rule`, or null (see EVERYDAY_READINGS). */
function everydayReading(rule: Rule, text: string, start: number, end: number, clause: string, preSentence: string, sentence: string, post: string): 'idiom' | 'wish' | null {
  if (!EVERYDAY_CODES.has(rule.code)) return null;
  const matched = text.slice(start, end);
  for (const e of EVERYDAY_READINGS) {
    const ending = e.code === rule.code ? e.ends.exec(matched) : null;
    if (ending === null) continue;
    // The sentence is guarded without the phrase's own last word ("die" of "best way to die").
    if (EVERYDAY_GUARD.test(preSentence + matched.slice(0, ending.index) + ' ' + post)) return null;
    if (e.after > 0 && EVERYDAY_GUARD.test(text.slice(end, end + e.after).replace(/^[?\s.,:!-]{0,4}/, ''))) return null;
    return e.reads({ text, start, end, clause, preSentence, sentence, post });
  }
  return null;
}

/**
 * "We're breaking up, we are ending it" / "my girlfriend and I are ending it, we're splitting up":
 * the "it" is named in the same sentence, and nothing anywhere in the text speaks of a crisis, a
 * means, a distress or a date (since 1.8.0; narrowed in 1.8.1, see WE_THING_SAME_SENTENCE).
 */
function weEndEverydayThing(text: string, clause: string, sentence: string): boolean {
  if (!WE_SUBJECT.test(clause) && !AND_I_SUBJECT.test(clause)) return false;
  return WE_THING_SAME_SENTENCE.test(sentence) && !EVERYDAY_GUARD.test(text) && !PACT_NEAR.test(text);
}

/**
 * "I'm going to do it tonight / tomorrow / on my birthday / in 2 hours" (since 1.8.0): read only in a
 * text that already holds the writer's active ideation (3+) or a strong method (4+), where the "it"
 * is the act (addDoItPlans); everyday "do it" (homework, laundry) is never looked at.
 */
const DO_IT_PLAN =
  /(?:\b(?:going to|goin to|gonna|gunna|i['’‘`´]?ll|i will|i['’‘`´]?m|im|i am|decided to|ready to|plan(?:ning)? (?:to|on)|about to|finally|want to|wanna|gotta|have to|need to)\s+(?:(?:just|finally|actually|really|definitely|probably|gonna|going to)\s+){0,2}(?:do|doing)|(?<=(?:^|[.!?;:\n])\s{0,4})doing)\s+it,?\s+(?:(?:this|on|by|before|my|next)\s+){0,2}(tonight|tonite|2night|today|tomorrow|tmrw|soon|weekend|birthday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in\s+(?:an|a few|\d{1,3}|a couple of|one|two|three)\s+(?:hours?|minutes?|mins?|hrs?))\b/gi;
const PLAN_DO_IT: Rule = { code: 'plan.do_it', kind: 'plan', category: 'suicide', level: 0, anchors: [], re: '' };
const DO_IT_DENIED = /\b(?:not|never|won['’‘`´]?t|wont|don['’‘`´]?t|dont|can['’‘`´]?t|cant|cannot|wouldn['’‘`´]?t|no way)\b[^,.;!?]{0,30}\b(?:do|doing)\s+it\b/i;
/** Everyday tasks an "it" may stand for. */
const TASK_WORD = /\b(?:homework|essay|assignment|project|exam|test|laundry|dishes|room|clean\w*|wash\w*|finish\w*|study\w*|revis\w*|work|job|chores?|email|call|appointment|paper|report|taxes|shopping|groceries|cook\w*|workout|gym|run|haircut|interview|presentation|application|form|update|install\w*|fix\w*|paint\w*|move|moving|ask(?:ed)? (?:her|him|them) out|tell (?:her|him|them|my)|doctors?|dr|gp|help|therap\w*|counsel+or\w*|counsel+ing|hotline|helpline|crisis line|psychiatrist|psychologist|appointments?)\b/gi;
/**
 * True when an everyday task is named in the 120 characters before `at`: the "it" of "I'll do it
 * tomorrow" may be that task ("This homework makes me want to die, I'll do it tomorrow"), so it is no plan.
 */
function taskBefore(text: string, at: number): boolean {
  TASK_WORD.lastIndex = 0;
  // A job, work or school said to be hell is where the despair comes from, not the "it" (since 1.8.3:
  // "my job is hell and i want to die. i'm going to do it tomorrow" had read 3).
  if (TASK_WORD.test(text.slice(Math.max(0, at - 120), at).replace(TASK_IS_HELL, ' '))) return true;
  // Help-seeking said right after ("going to do it tomorrow, seeing a therapist"; since 1.8.1).
  HELP_AFTER.lastIndex = 0;
  return HELP_AFTER.test(text.slice(at, at + 60));
}
const TASK_IS_HELL = /\b(?:job|work|school|class|college|uni)\s+(?:is|'s|has been|feels like|was)\s+(?:a\s+)?(?:(?:living|absolute|pure|fucking|literal|total)\s+)?hell\b/gi;
const HELP_AFTER = /\b(?:doctors?|dr|gp|help|therap\w*|counsel+or\w*|counsel+ing|hotline|helpline|crisis line|psychiatrist|psychologist|appointments?)\b/gi;

/**
 * The past said elsewhere in the sentence is not the time of a phrase said in the present in its own
 * clause: "I tried to kill myself 2 years ago and I want to die" — "want to die" is now (since 1.8.1;
 * the review of 1.8.0, whose bare "years ago" made such sentences the past; 1.7.2 did it too with a
 * count: "2 years ago"). The own clause runs from the last comma, "and", "but", "so" before the
 * phrase; it is present when it holds a present-tense verb and no past one and no past time itself.
 */
const OWN_CLAUSE_BREAK = /[,;:()]|\b(?:and|but|so|however|though|although|yet|then|now)\b/gi;
const PRESENT_VERB =
  /\b(?:want|wants|wanna|wana|need|needs|wish|am|are|i['’‘`´]?m|im|gonna|going to|gotta|have to|can['’‘`´]?t|cannot|feel|keep|still|think)\b/i;
const PAST_VERB =
  /\b(?:wanted|was|were|tried|attempted|used|had|felt|did|thought|overdosed|took|swallowed|jumped|hanged|survived|went|would|could|should|if|when|ago|back|since|before|after)\b/i;
function presentInOwnClause(preSentence: string, matched: string, post: string): boolean {
  OWN_CLAUSE_BREAK.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = OWN_CLAUSE_BREAK.exec(preSentence)) !== null) last = m.index + m[0].length;
  const own = preSentence.slice(last) + matched;
  if (!PRESENT_VERB.test(own) || PAST_VERB.test(own) || DISTANT.test(own)) return false;
  // The past said in the rest of the own clause is the phrase's own ("I want to die at 90").
  OWN_CLAUSE_BREAK.lastIndex = 0;
  const next = OWN_CLAUSE_BREAK.exec(post);
  return !DISTANT.test(next === null ? post : post.slice(0, next.index));
}

/** "not joking", "no joke": a joke word denied is no joke ("kms fr not joking", since 1.8.9). */
const NOT_JOKING = /\b(?:not|no|never|ain['’]?t)\s+(?:even\s+)?(?:joking|kidding|a joke|joke|jk)\b/gi;
function unjoked(s: string): string {
  return s.replace(NOT_JOKING, ' ');
}

function read(text: string, rule: Rule, start: number, end: number, surface: ScreenOptions['surface']): Hit | null {
  if (rule.kind === 'neutral') return null;
  const sStart = sentenceStart(text, start);
  const sEnd = sentenceEnd(text, end);
  const preSentence = text.slice(sStart, start);
  const clause = clauseOf(preSentence);
  const post = text.slice(end, sEnd);
  const sentence = text.slice(sStart, sEnd);
  const matched = text.slice(start, end);
  const context: Context[] = [];

  const afterMatch = text.slice(end, end + 400);
  let subject: Subject = rule.subject ?? resolveSubject(preSentence, matched, afterMatch);
  if (rule.subject === undefined && subject === 'none') subject = 'self';
  // 'she told me "i'm going to kill myself"': "myself" inside someone else's quoted words is theirs (since 1.8.24).
  else if (rule.subject === 'self' && quotedFromOther(preSentence, matched, afterMatch)) subject = 'other';
  // 1.8.12 removed two readings of 1.8.9: a quoted phrase named as a song or title was dropped, and a
  // pact quoted from someone else was read as theirs. A review found the first lowered 33 crisis texts
  // ('"kms" is a meme until it isnt. the rope is ready': 4 → 0) and the second sent 25 writers who
  // joined the pact to the helper's path. A quote stays the writer's words; a title is a false alarm.

  const tail = clause.slice(-60);
  const denied =
    negatedBefore(tail) &&
    !NEGATION_EXCEPTION.test(tail) &&
    !(rule.code === 'passive.no_future' && NO_FUTURE_NOT_DENIED.test(tail)) &&
    !(rule.code === 'ideation.leave_world' && LEAVE_WORLD_MANNER_MATCHED.test(matched));
  // A denial taken back ("I'm not going to kill myself but the thought keeps coming back") is
  // ideation, but its intent words were denied: not raised to a plan.
  const undone = denied && ((rule.kind === 'ideation' && negationUndone(rule.code, tail, post)) || (rule.kind === 'method' && rule.strong === true && REASON_NOT.test(tail)));
  const negated = denied && !undone;
  if (negated) context.push('negated');
  let flags = sentenceFlags(sentence, sStart, sEnd, text, sEnd);
  if ((flags & (HYPOTHETICAL_FLAG | DISTANT_FLAG)) !== 0 && sEnd - sStart > LONG_SENTENCE) {
    // Unpunctuated writing runs on for hundreds of characters: there, "when I was 12" or "in the
    // movie" far from the match says nothing about the match, so the readings that lower it must
    // also hold in a narrower window around it. Readings that raise (recent, present) still count
    // anywhere in the sentence: between two readings the screen takes the higher.
    const wStart = Math.max(sStart, start - TIME_BACK);
    const wEnd = Math.min(sEnd, end + TIME_FWD);
    const near = sentenceFlags(text.slice(wStart, wEnd), wStart, wEnd, text, sEnd);
    flags &= near | RECENT_FLAG | PRESENT_FLAG;
  }
  const hypothetical = (flags & HYPOTHETICAL_FLAG) !== 0;
  if (hypothetical) context.push('hypothetical');
  const distant =
    (flags & DISTANT_FLAG) !== 0 && (flags & PRESENT_FLAG) === 0 && !STILL_NEXT.test(text.slice(sEnd, sEnd + 80)) && !presentInOwnClause(preSentence, matched, post);
  if (distant) context.push('past');
  const recent = (flags & RECENT_FLAG) !== 0;
  if (recent) context.push('recent');

  let level: number = rule.level;
  let active = true;

  switch (rule.kind) {
    case 'support':
      return { rule, start, end, level: 0, subject: 'you', context, active: true };

    case 'harass': {
      if (negated) return null;
      // Since 1.8.28: told to die, then the writer goes along with it ('they sent me "kys" and i think i will'): the
      // writer's own risk (3, self); a quote keeps the sender's words harassment (the second hit, in screen()).
      // After review of 1.8.28: told to the writer themself ("told me to", "i was told to"; not "keep saying kys to my son"),
      // or 'said "kys" to me'; not going along when someone else named is the one who is right ("i told my mom and she's
      // right", "my therapist says he's right"), when "i'm going to do it" turns out to be reporting or blocking them, nor
      // "back then i thought maybe they were right". Inside someone else's quoted words the agreement is theirs ('other').
      const toldQuoteOpen = !REPORTED_TO_ME.test(clause) && TOLD_ME_QUOTE.test(text.slice(Math.max(0, start - 120), start));
      const toldQuoteToMe = !REPORTED_TO_ME.test(clause) && !toldQuoteOpen && QUOTE_SAID_OPEN.test(text.slice(Math.max(0, start - 120), start)) && /^[^"“”\n]{0,4}["”]\s*,?\s*(?:to|at)\s+me\b/i.test(text.slice(end, end + 20));
      const toldInQuote = toldQuoteOpen || toldQuoteToMe;
      // Withdrawn before shipping 1.8.31: requiring "me" (TOLD_TO_ME) lowered "they said kys so im gonna do it tonight" and
      // "they wrote kys on my locker and im going to do it" (4-5 on 1.8.28) to 1; 1.8.28's reading is kept, and with it its
      // false alarm for words said to someone else ("kids keep saying kys to my son and he thinks they're right", 3 self).
      if (REPORTED_TO_ME.test(clause) || toldInQuote) {
        const after = text.slice(end, end + 200);
        const close = toldInQuote ? /["”]/.exec(after) : null;
        const from = close === null ? 0 : close.index + 1;
        const window = after.slice(from, from + 120);
        const along = toldInQuote && close === null ? null : WRITER_GOES_ALONG.exec(window);
        const before = along === null ? '' : window.slice(0, along.index);
        const rest = along === null ? '' : window.slice(along.index + along[0].length, along.index + along[0].length + 60);
        // After review of 1.8.29 (these had lowered 1.8.28's crisis readings): someone else is the one who is right only
        // when named in the last clause before it ("my mom says they're wrong but they're right" goes along); "do it" is
        // done to them only when a report or block is its object right after it ("do it: report them", not "do it,
        // already blocked everyone so no one can stop me": a report or block said as done, or beside "stop me"); past only when the agreement itself is past ("back then i
        // thought maybe they were right", not "years ago and i think they were right") and not held still.
        const lastClause = before.split(/\b(?:but|though|however|yet)\b/i).pop() ?? '';
        const otherIsRight = along !== null && /right|agree/i.test(along[0]) && OTHER_NAMED_SAYS.test(lastClause);
        const doneToThem = along !== null && /\bdo\s+it\b/i.test(along[0]) && /\b(?:report|block|mute|ignore)(?:ing)?\s+(?:them|him|her|it|that|this|the|those|these|their|his|and|&|to)\b|\b(?:report|block|mute|ignore)\s*(?:[.!]|$)/i.test(rest) && !/\b(?:die|dead|kill|suicide|pills?|rope|goodbye|end\s+it|myself|stop\s+me|no\s+one|nobody|already)\b/i.test(rest);
        const pastOnly = along !== null && /\b(?:were|was)\s+right\b/i.test(along[0]) && !/\bi\s+think\b/i.test(along[0]) && /\b(?:back\s+then|at\s+the\s+time|i\s+thought|i\s+believed|i\s+felt|used\s+to)\b/i.test(before + along[0]) && !/\b(?:st\s?i\s?l\s?l|to\s+this\s+day|now)\b/i.test(rest);
        if (along !== null && !otherIsRight && !doneToThem && !pastOnly) {
          // Since 1.8.33 the going along read after the first one too ("he sent me kys and hes right im about to do it": the
          // first, "hes right", is no intent; the second is at hand).
          const further = WRITER_GOES_ALONG.exec(window.slice(along.index + along[0].length));
          const said = along[0] + (further === null ? '' : ' ' + further[0]);
          // "i'm going to do it", "i'll do it": intent (4), as "i'm going to kill myself" reads.
          const intent = /\b(?:going\s+to|gonna|gna|gunna|finna|imma|ima|i['’]?mma|about\s+to|bout\s+to|ready\s+to|planning\s+to|i['’]?ll|i\s+will)\b/i.test(said);
          // "… and im about to do it" (since 1.8.32): the act is at hand, as "right now" makes a plan imminent (5); since 1.8.33
          // also "finna" (fixing to), "imma" / "ima", as the review asked.
          const imminent = intent && /\b(?:(?:about|bout)\s+to|finna|imma|ima|i['’]?mma)\b/i.test(said);
          const theirs = quotedFromOther(preSentence, matched, afterMatch);
          context.push('reported', 'intent');
          return { rule: { ...rule, code: 'ideation.told_to_die_agreed', kind: 'ideation', category: 'suicide' }, start, end, level: imminent ? 5 : intent ? 4 : 3, subject: theirs ? 'other' : 'self', context, active: true };
        }
      }
      if (REPORTED_TO_ME.test(clause)) {
        // The writer is being told to die: a risk factor for them, not harassment by them.
        context.push('reported');
        return { rule: { ...rule, category: null }, start, end, level: 1, subject: 'self', context, active: true };
      }
      return { rule, start, end, level: 0, subject: 'none', context, active: true };
    }

    case 'bereaved':
      if (negated || hypothetical) return null;
      return { rule, start, end, level: 1, subject: 'other', context, active: true };

    case 'distress':
      if (negated) return null;
      return { rule, start, end, level: 1, subject: subject === 'none' ? 'self' : subject, context, active: true };

    case 'ideation': {
      if (rule.hyperbole && IDIOM_AFTER.test(post)) return null;
      if (negated || hypothetical) {
        level = Math.min(level, 1);
        active = false;
      } else if (
        rule.hyperbole &&
        (JOKE.test(unjoked(post.slice(0, 40))) || JOKE.test(unjoked(clause.slice(-30)))) &&
        !(subject === 'other' && worriedAfterQuotedJoke(preSentence, matched, afterMatch))
      ) {
        context.push('joke');
        level = Math.min(level, 1);
        active = false;
      } else if (distant) {
        level = Math.min(level, 1);
      } else if (level >= 3 && !undone && (INTENT.test(clause.slice(-60)) || INTENT_IN_MATCH.test(matched) || (/^killing/i.test(matched) && /\bi['’]?m\s*$|\bim\s*$|\bwe(?:['’]?re|\s+are)\s*$/i.test(clause)))) {
        context.push('intent');
        level = CONDITIONAL.test(clause) ? 3 : 4;
      }
      if (rule.plea && !active) {
        // Cancelled above (negated, fiction, a joke): stays cancelled.
      } else if (rule.plea && MUNDANE_CAUSE.test(sentence)) {
        // "pls kill me, this meeting is endless": the plea names a trivial cause, an idiom (distress at most).
        context.push('idiom');
        level = Math.min(level, 1);
        active = false;
      }
      if (active && everydayReading(rule, text, start, end, clause, preSentence, sentence, post) !== null) {
        // Said of a meeting, a lease, an office (since 1.7.2; one rule since 1.8.0: EVERYDAY_READINGS).
        context.push('idiom');
        level = Math.min(level, 1);
        active = false;
      }
      if (rule.plea && subject === 'you') subject = 'self'; // "i m begging you pls kill me": said to you, about me
      if (subject === 'you') {
        // Generic "you" or a supporter's question: not the writer's own risk.
        const supportive = surface === 'reply' || surface === 'message' || surface === 'group_message';
        return { rule, start, end, level: supportive ? 0 : 1, subject: 'you', context, active: false };
      }
      break;
    }

    case 'attempt': {
      if (trivialOverdose(text, start, end, sentence)) return { rule, start, end, level: 1, subject, context: [...context, 'idiom'], active: false };
      if (negated || hypothetical) {
        level = 1;
        active = false;
      } else if (recent && !distant) level = 4;
      else if (distant) level = 1;
      else level = 2;
      if (subject === 'you') return { rule, start, end, level: 1, subject: 'you', context, active: false };
      break;
    }

    case 'self_harm': {
      if (negated || hypothetical) {
        level = Math.min(level, 1);
        active = false;
      } else if (rule.level <= 1) {
        level = 1;
      } else if (distant && !recent) {
        level = 1;
      } else if (rule.code === 'self_harm.urge_back') {
        // "the urge to cut is back": the return of self-harm, not a passing urge (since 1.8.8).
        level = 3;
      } else if (SELF_HARM_INTENT.test(clause.slice(-30)) || SELF_HARM_INTENT.test(matched)) {
        level = 3;
      } else if (SELF_HARM_URGE.test(clause.slice(-30)) || SELF_HARM_URGE.test(matched)) {
        level = 2;
      }
      if (subject === 'you') return { rule, start, end, level: 1, subject: 'you', context, active: false };
      break;
    }

    case 'harm_others': {
      subject = 'self';
      if (negated || hypothetical) return null;
      if (JOKE.test(sentence) || (rule.hyperbole && CONDITIONAL.test(sentence))) {
        context.push(JOKE.test(sentence) ? 'joke' : 'conditional');
        level = 1;
      }
      break;
    }

    case 'abuse': {
      if (negated || hypothetical) return null;
      if (rule.subject !== 'self') subject = 'self'; // the writer tells what is done to them (or to their family)
      if (distant && !recent) level = Math.min(level, 1);
      else if (recent && level === 2) level = 2;
      break;
    }

    case 'eating': {
      if (negated || hypothetical) return null;
      if (distant) level = Math.min(level, 1);
      else if (level >= 2 && SEVERE_BODY.test(sentence)) level = 3;
      break;
    }

    case 'substance': {
      if (negated || hypothetical) {
        if (rule.level >= 3) return { rule, start, end, level: 1, subject, context, active: false };
        return null;
      }
      if (rule.code === 'substance.overdose' && trivialOverdose(text, start, end, sentence)) return { rule, start, end, level: 1, subject, context: [...context, 'idiom'], active: false };
      // "2 inch od and die cast", "OD and die set", "tap and die": a diameter and a threading die (since 1.8.24's review).
      const odAndDie = rule.code === 'substance.overdose' && OD_AND_DIE.test(post);
      // (A number or a unit before "od", "cast / set / size …" after "die": the rule itself does not match, lexicon.ts.)
      if (odAndDie && TAP_AND_DIE.test(sentence)) return null;
      if (rule.code === 'substance.overdose') {
        const wanting = URGE.test(clause.slice(-40)) || INTENT.test(clause.slice(-40));
        if (wanting) {
          level = INTENT.test(clause.slice(-40)) ? 4 : 3;
        } else if (distant && !recent) level = 1;
        else if (/\b(?:took|taken|swallowed|drank)\b/i.test(matched)) level = recent || /\b(?:i'?ve|i have|just)\b/i.test(clause) ? 5 : 4;
        else if (/\b(?:i'?ve|i have|just)\b/i.test(clause.slice(-20))) level = 5;
        else if (recent) level = 4;
        else level = subject === 'self' ? 2 : 2;
        // "I took too much adderall before my exam": too much of a medicine with no word of intent
        // is accidental overuse, a substances matter below the alert (since 1.6.1). "Too many
        // pills", "took all my pills" and "took 30 tylenol to die" keep their level.
        if (!wanting && TOO_MUCH.test(matched) && !OVERDOSE_INTENT.test(sentence)) level = Math.min(level, 2);
        // "i'm scared i'll od and die by accident": a fear, not a plan (3; since 1.8.24's review).
        if (odAndDie && (OD_FEARED.test(clause.slice(-60)) || OD_ACCIDENT.test(post))) level = Math.min(level, 3);
        else if (odAndDie && !wanting && OD_PLAN_I.test(clause) && OD_PLAN_TIME.test(clause)) level = Math.max(level, 4);
      } else if (distant) level = Math.min(level, 1);
      if (subject === 'you') return { rule, start, end, level: 1, subject: 'you', context, active: false };
      break;
    }

    case 'method':
    case 'act': {
      if (negated || hypothetical) {
        return { rule, start, end, level: 1, subject, context, active: false };
      }
      if (subject === 'you' && rule.strong && GENERIC_YOU_QUESTION.test(preSentence.slice(-120) + matched.slice(0, 24)) && !CONDITIONAL.test(preSentence.slice(-120)) && surface !== 'reply' && surface !== 'message' && surface !== 'group_message') {
        // "what can you overdose on, what is the easiest way to die": the generic "you" of a
        // question the writer asks for themselves, not a supporter's question (since 1.6.0).
        subject = 'self';
      }
      if (subject === 'you') return { rule, start, end, level: 1, subject: 'you', context, active: false };
      const everyday = everydayReading(rule, text, start, end, clause, preSentence, sentence, post);
      if (everyday !== null) {
        // "jump in front of the train to get a seat": a purpose, not a method; "best way to die? old,
        // in my sleep": the answer is a wish about old age (since 1.7.2; one rule since 1.8.0).
        context.push('idiom');
        if (everyday === 'wish') return { rule: { ...rule, kind: 'ideation' }, start, end, level: 2, subject, context, active: true };
        return { rule, start, end, level: 1, subject, context, active: false };
      }
      if (rule.kind === 'act') {
        // "I took all my pills like the doctor said": taking one's medicine as prescribed (since 1.8.6).
        if (PILL_WORD.test(matched) && ADHERENCE.test(sentence) && !OVERDOSE_INTENT.test(sentence) && !ADHERENCE_TAKEN_BACK.test(text.slice(sEnd, sEnd + 120))) return { rule, start, end, level: 1, subject, context, active: false };
        if (distant && !recent) level = 1;
        // A whole supply or a count of ten and more already swallowed is an overdose under way (since 1.8.6).
        else if (recent || ACT_NOW.test(clause.slice(-20)) || ACT_NOW.test(matched) || (OVERDOSE_AMOUNT.test(matched) && !PAST_FRAME.test(clause.slice(-16)) && PILL_WORD.test(matched + (/(?:bottles?|pack|packet|box)$/i.exec(matched) ? (/^ of [^.!?\n]{0,36}/.exec(text.slice(end, end + 40))?.[0] ?? '') : ''))) || (rule.code === 'act.ingested' && /\bwith (?:the|my|a) /i.test(matched))) level = 5;
        else level = 4;
      } else if (distant && !recent) {
        level = 1;
      } else if (!rule.strong) {
        level = 0; // weak means: raised only when risk is present (see combine)
      }
      // Since 1.8.30: a method told with its end ("im going to take 40 pills and never wake up", "… jump off the bridge
      // and sleep forever", "… and end it"): the writer says what the means is for, as a goodbye would: imminent.
      if (rule.strong && level === 4 && METHOD_CONSEQUENCE.test(text.slice(end, end + 80)) && !WISHED_ONLY.test(clause.slice(-40))) level = 5;
      break;
    }

    case 'goodbye': {
      if (negated || hypothetical) return null;
      if (subject === 'you') return null;
      // No everyday-reason lowering here: 1.8.27's ("i won't be here tomorrow, dentist appointment" → 0) also lowered
      // crisis texts naming a doctor, an illness, a visit or a trip, and was withdrawn after review (src/safety/README.md).
      break;
    }

    case 'plan':
    case 'farewell':
    case 'time':
      if (negated) return null;
      // "haven't eaten in 26 hours", "first meal in two days": "in <n> hours" after a perfect, a
      // negation or "first / only" is a span of time gone by, not the time of an act to come (since 1.7.0).
      if (rule.kind === 'time' && DURATION_IN.test(matched) && DURATION_BEFORE.test(clause.slice(-60)) && !FUTURE_BEFORE.test(clause.slice(-60))) return null;
      return { rule, start, end, level: clampLevel(rule.level), subject, context, active: true };
  }

  if (subject === 'other') {
    context.push('other');
    // Someone the writer worries about: at least passive-ideation level so a supporter can act,
    // unless the signal was cancelled (negated, past, fiction).
    if (active && rule.level >= 2 && level >= 1 && !distant) level = Math.max(level, 2);
  }
  return { rule, start, end, level: clampLevel(level), subject, context, active };
}

interface Raw {
  idx: number;
  start: number;
  end: number;
}

/**
 * Runs alternative `idx` over text[ws, we) and collects its matches. The window is first checked for
 * the alternative's necessary literals (through the trigram positions of the text): a window without
 * one of them cannot hold a match, and the regular expression is not run.
 */
function runWindow(text: string, idx: number, ws: number, we: number, raws: Raw[]): void {
  const c = COMPILED[idx]!;
  const head = CAND_HEAD[idx]!;
  CAND_HEAD[idx] = -1;
  if (!mayMatchIn(idx, ws, we)) return;
  const sticky = c.sticky;
  if (sticky !== null) {
    // Every match starts at one of the anchor words: try there only, leftmost first, without overlaps.
    const slice = text.slice(ws, we);
    let lastEnd = ws;
    for (let node = head; node >= 0; node = CAND_NEXT[node]!) {
      const at = CAND_POS[node]!;
      if (at < lastEnd) continue;
      // `test`, not `exec`: a sticky match starts at lastIndex and ends where test leaves it (no match array allocated).
      sticky.lastIndex = at - ws;
      if (!sticky.test(slice) || sticky.lastIndex === at - ws) continue;
      lastEnd = ws + sticky.lastIndex;
      raws.push({ idx, start: at, end: lastEnd });
    }
    return;
  }
  const re = c.re;
  const slice = text.slice(ws, we);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    raws.push({ idx, start: ws + m.index, end: ws + m.index + m[0].length });
  }
}

function compareRaw(a: Raw, b: Raw): number {
  const ca = COMPILED[a.idx]!;
  const cb = COMPILED[b.idx]!;
  return ca.pass - cb.pass || a.start - b.start || ca.order - cb.order || b.end - a.end;
}

/**
 * Finds rule matches. Instead of running every pattern over the whole text, a single pass over
 * the words looks up anchor stems; each alternative then runs only on the windows around its anchors
 * (overlapping windows of one alternative are merged).
 */
/** Letter index (1–36) → the lower-case char code it stands for, as the model hashes it. */
const LETTER_CODE = new Uint8Array(37);
for (let c = 48; c <= 122; c++) if (LETTER[c] !== 0) LETTER_CODE[LETTER[c]!] = c >= 65 && c <= 90 ? c + 32 : c;

function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 96 || c === 0xb4;
}

/** Number of model features written into FEATURES by the last scanText. */
let FEATURE_COUNT = 0;

/**
 * The one pass over the char codes of a text. It records
 *  - the positions of every trigram (TRI_LAST / TRI_PREV, offset by `base`), for the necessary-literal
 *    pre-checks;
 *  - the words whose first three letters are an anchor key (HIT_*; looked up by the caller once every
 *    trigram of the text is known);
 *  - the model's hashed unigrams and bigrams with their spans (FEATURES, FEATURE_COUNT), exactly as `scanFeatures`
 *    computes them (words joined across an inner apostrophe, ASCII lower-cased, FNV-1a).
 * Returns the number of anchor words and whether a jest mark may occur (see JEST_WORD_BITS). Module
 * arrays are read into locals: the loop runs ~1,000 times per text.
 */
/**
 * Whether a char pass since screenDetailed began met a character normalizeText reads (NORMALIZE_CHAR: an invisible
 * character, a look-alike letter, fullwidth Latin; since 1.8.17). Only ever set here and reset by screenDetailed, so that
 * plain ASCII text pays nothing for normalisation: those characters are not letters of the char pass, and a non-letter below
 * SPECIAL_MIN is tested once, as before.
 */
let ODD_SEEN = false;
/**
 * Whether a char pass since screenSpelled cleared it met SPACED_MIN single-letter words in a row, each a separator's gap
 * after the last (since 1.8.21): a necessary condition of correctTypos reading a sentence spaced out letter by letter
 * (readSpaced, SPACED_RUN in typos.ts), looked for only in a text typoMet already let through.
 */
let SPACED_SEEN = false;

const SPECIAL_MIN = Math.min(JEST_CHAR_MIN, NORMALIZE_CHAR_MIN);

function scanText(text: string, base: number): CharPass {
  const n = text.length;
  if (TRI_PREV.length < n) TRI_PREV = new Int32Array(n);
  if (HIT_START.length < (n >> 1) + 1) {
    HIT_START = new Int32Array((n >> 1) + 1);
    HIT_END = new Int32Array((n >> 1) + 1);
    HIT_SLOT = new Int32Array((n >> 1) + 1);
  }
  ensureFeatureCapacity(n + 2);
  const letter = LETTER;
  const letterCode = LETTER_CODE;
  const triLast = TRI_LAST;
  const triPrev = TRI_PREV;
  const triWanted = TRI_WANTED;
  const anchorSlot = ANCHOR_SLOT;
  const anchorBits = ANCHOR_BITS;
  const slotAny = SLOT_ANY;
  const slotFourth = SLOT_FOURTH;
  const jestBits = JEST_WORD_BITS;
  const jestChar = JEST_CHAR;
  const jestCharMin = JEST_CHAR_MIN;
  const oddChar = NORMALIZE_CHAR;
  let jest = false;
  let odd = false;
  const hitStart = HIT_START;
  const hitEnd = HIT_END;
  const hitSlot = HIT_SLOT;
  const fBucket = FEATURES.bucket;
  const fStart = FEATURES.start;
  const fEnd = FEATURES.end;
  let nWords = 0;
  let nFeatures = 0;
  let mStart = -1; // model word (joined across an inner apostrophe)
  let h = 0;
  let prevHash = 0;
  let prevStart = -1;
  let j = 0;
  while (j < n) {
    const code = text.charCodeAt(j);
    const c0 = letter[code]!;
    if (c0 === 0) {
      if (code >= SPECIAL_MIN) {
        if (code >= jestCharMin && jestChar[code] === 1) jest = true;
        const oddMark = oddChar[code]!;
        if (oddMark === 1 || (oddMark === STYLED_PAIR_HIGH && styledPairAt(text, j))) odd = true;
      }
      j++;
      continue;
    }
    // A run of letters/digits: an anchor word (split at apostrophes), part of a model word.
    const start = j;
    if (mStart < 0) {
      mStart = j;
      h = 0x811c9dc5;
    }
    h = Math.imul(h ^ letterCode[c0]!, 0x01000193);
    let wordKey = c0 * 1369; // the first three letter indices in base 37
    let k2 = 0; // letter index two chars back × 37² (0 until the run has two letters)
    let k1 = c0 * 37; // letter index one char back × 37
    j++;
    while (j < n) {
      const c = letter[text.charCodeAt(j)]!;
      if (c === 0) break;
      if (k2 !== 0) {
        // Only trigrams of three letters/digits are recorded: necessary literals are made of nothing else.
        const key = Math.imul(k2 + k1 + c, 0x9e3779b1) >>> TRI_SHIFT;
        if ((triWanted[key >>> 5]! & (1 << (key & 31))) !== 0) {
          const last = triLast[key]! - base;
          triPrev[j] = last >= 0 ? last : -1;
          triLast[key] = base + j;
        }
      } else if (j - start === 1) wordKey += c * 37;
      if (j - start === 2) wordKey += c;
      h = Math.imul(h ^ letterCode[c]!, 0x01000193);
      k2 = k1 * 37;
      k1 = c * 37;
      j++;
    }
    if ((jestBits[wordKey >>> 5]! & (1 << (wordKey & 31))) !== 0) jest = true;
    if ((anchorBits[wordKey >>> 5]! & (1 << (wordKey & 31))) !== 0) {
      const slot = anchorSlot[wordKey]!;
      // Only a word some stem of its slot can match (see SLOT_ANY).
      if (slotAny[slot] === 1 || (j - start >= 4 && slotFourth[slot * 37 + letter[text.charCodeAt(start + 3)]!] === 1)) {
        hitStart[nWords] = start;
        hitEnd[nWords] = j;
        hitSlot[nWords++] = slot;
      }
    }
    // The model word goes on across an apostrophe followed by a letter ("don't" = "dont").
    if (j + 1 < n && isApostropheCode(text.charCodeAt(j)) && letter[text.charCodeAt(j + 1)] !== 0) continue;
    h >>>= 0;
    fBucket[nFeatures] = h & MASK;
    fStart[nFeatures] = mStart;
    fEnd[nFeatures++] = j;
    if (prevStart >= 0) {
      fBucket[nFeatures] = (Math.imul(prevHash ^ BIGRAM_SALT, 0x01000193) ^ h) & MASK;
      fStart[nFeatures] = prevStart;
      fEnd[nFeatures++] = j;
    }
    prevHash = h;
    prevStart = mStart;
    mStart = -1;
  }
  FEATURE_COUNT = nFeatures;
  if (odd) ODD_SEEN = true;
  return { words: nWords, jestPossible: jest };
}

/** The char pass over `text` with trigram offsets past every earlier text's (findMatches' first step; SPEED_GATES reads it too). */
function charPass(text: string): CharPass {
  const n = text.length;
  if (TRI_BASE + n + 1 > 0x3fffffff) {
    TRI_LAST.fill(-1);
    TRI_BASE = 0;
  }
  const base = TRI_BASE;
  TRI_CURRENT = base;
  TRI_BASE += n + 1;
  return scanText(text, base);
}

/**
 * Per text: whether any alternative anchored on a stem can match anywhere in the text (memoised,
 * so that a common anchor word such as "have" or "time" whose alternatives all lack a literal
 * costs one look-up per occurrence).
 */
const STEM_GEN = new Uint32Array(STEMS.length);
const STEM_LIVE = new Uint8Array(STEMS.length);
function stemLive(stemId: number, first: number, end: number, gen: number): boolean {
  if (STEM_GEN[stemId] === gen) return STEM_LIVE[stemId] === 1;
  let live = 0;
  for (let k = first; k < end; k++) {
    const idx = ANCHOR_PROG[k]!;
    if (CHECKED[idx] !== gen) {
      CHECKED[idx] = gen;
      PASSED[idx] = mayMatch(idx, gen) ? 1 : 0;
    }
    live |= PASSED[idx]!;
  }
  STEM_GEN[stemId] = gen;
  STEM_LIVE[stemId] = live;
  return live === 1;
}

/** What the char pass reports beside its scratch arrays (HIT_*, TRI_*, FEATURES). */
interface CharPass {
  /** Anchor words recorded in HIT_*. */
  words: number;
  /** Whether JEST_MARK may match the text (a jest word's opening or a JEST_CHAR met); false = it cannot. */
  jestPossible: boolean;
}

const APOSTROPHES = /['’‘`´]/g;

/**
 * Whether a word of `text` is a misspelled key word (a key of TYPO_VARIANTS), read from the model's
 * unigram features of the char pass just run over it (at 0, 1, 3, 5…: each word after the first
 * is followed by its bigram): a word whose bucket has no bit in TYPO_BUCKET_BITS cannot be one; for
 * the others (≈ 1 everyday word in 120) the whole hash is computed again, and only a word whose high
 * bits are in TYPO_HIGH_BITS too is looked up. Outside the char pass's loop on purpose: a bit test
 * per word inside it cost 3–4 % of the screen (1.8.15 drafts). A necessary condition of correctTypos
 * correcting a word, whose words are the same model words (a title split from the body by
 * screenGlued is read split, and correctTypos leaves such mixed-case words as written).
 */
function typoMet(text: string): boolean {
  const { bucket, start, end } = FEATURES;
  const bits = TYPO_BUCKET_BITS;
  const count = FEATURE_COUNT;
  // Single-letter words in a row, each a separator's gap after the last: a word spelled out ("k.m.s", since 1.8.20), which
  // correctTypos writes as one word (SPELLED_OUT in typos.ts; this is a necessary condition of it).
  let singles = 0;
  let lastEnd = -3;
  for (let k = 0; k < count; k += k === 0 ? 1 : 2) {
    const b = bucket[k]!;
    const s = start[k]!;
    const e = end[k]!;
    if (e - s === 1) {
      singles = spelledOutGap(s - lastEnd) ? singles + 1 : 1;
      if (singles >= SPELLED_OUT_MIN) return true;
      // "o.d" (since 1.8.21: correctTypos reads it as "od" after a verb of wanting or intending).
      if (s - lastEnd === 1 && (text.charCodeAt(s) | 32) === 0x64 && text.charCodeAt(lastEnd) === 0x2e && (text.charCodeAt(s - 2) | 32) === 0x6f) return true;
      lastEnd = e;
      continue;
    }
    // "o.d'd" (since 1.8.21), and since 1.8.22 "o.d'd" glued to what follows ("i O.D’dhahaha": O_D reads its "o.d").
    if (s - lastEnd === 1 && e - s >= 3 && (text.charCodeAt(s) | 32) === 0x64 && text.charCodeAt(lastEnd) === 0x2e && (text.charCodeAt(s - 2) | 32) === 0x6f) return true;
    lastEnd = -3;
    if ((bits[b >>> 5]! & (1 << (b & 31))) !== 0) {
      // The word's whole hash (the bucket is its low 16 bits), for its high bits, before any string is made.
      let h = 0x811c9dc5;
      for (let i = s; i < e; i++) {
        const w = WORD_LOWER[text.charCodeAt(i)]!;
        if (w !== 0) h = Math.imul(h ^ w, 0x01000193);
      }
      if ((TYPO_HIGH_BITS[h >>> 21]! & (1 << ((h >>> 16) & 31))) !== 0 && typoCandidateAt(text, wordAt(text, s, e), s, e)) return true;
    }
    // A letter stretched past ONE_RUN_MAX ("kmsssssssss"), which typoKey shortens: the shortest such word is a key of three
    // letters with one run of ONE_RUN_MAX + 1, so only words that long are scanned for a run (since 1.8.16).
    if (e - s > ONE_RUN_MAX + 2 && longRun(text, s, e) && typoCandidate(wordAt(text, s, e))) return true;
  }
  return false;
}

/** The model word at [s, e) as typos.ts looks it up: lower case, no apostrophes. */
function wordAt(text: string, s: number, e: number): string {
  return text.slice(s, e).toLowerCase().replace(APOSTROPHES, '');
}

/** Whether the model word at [s, e) holds a run of one letter (case ignored, apostrophes skipped) longer than ONE_RUN_MAX. */
function longRun(text: string, s: number, e: number): boolean {
  let last = 0;
  let run = 0;
  for (let i = s; i < e; i++) {
    const w = WORD_LOWER[text.charCodeAt(i)]!;
    if (w === 0) continue;
    run = w === last ? run + 1 : 1;
    if (run > ONE_RUN_MAX) return true;
    last = w;
  }
  return false;
}

/** The rules' matches in `text`, and whether the same pass met a possible jest mark. */
function findMatches(text: string): { raws: Raw[]; jestPossible: boolean; typoPossible: boolean } {
  const pass = charPass(text);
  // Before anything else reads or compacts FEATURES (dropFeaturesIn).
  const typoPossible = typoMet(text);
  if (typoPossible && spacedRunMet()) SPACED_SEEN = true;
  return { raws: matchAnchors(text, pass.words), jestPossible: pass.jestPossible, typoPossible };
}

/** Whether the char pass just run met SPACED_MIN single-letter words in a row a separator apart (read from FEATURES, as typoMet). */
function spacedRunMet(): boolean {
  const { start, end } = FEATURES;
  const count = FEATURE_COUNT;
  let singles = 0;
  let lastEnd = -4;
  for (let k = 0; k < count; k += k === 0 ? 1 : 2) {
    const s = start[k]!;
    const e = end[k]!;
    if (e - s !== 1) {
      singles = 0;
      continue;
    }
    singles = singles > 0 && spelledOutGap(s - lastEnd) ? singles + 1 : 1;
    if (singles >= SPACED_MIN) return true;
    lastEnd = e;
  }
  return false;
}

/** The matches of the alternatives anchored on the `nWords` words the char pass just recorded. */
function matchAnchors(text: string, nWords: number): Raw[] {
  const n = text.length;
  const gen = ++GENERATION;
  candCount = 0;
  const raws: Raw[] = [];
  if (nWords === 0) return raws;
  let nTouched = 0;
  for (let w = 0; w < nWords; w++) {
    const start = HIT_START[w]!;
    const i = HIT_END[w]!;
    const len = i - start;
    let p = ANCHOR_AT[HIT_SLOT[w]!]!;
    const nStems = ANCHOR_PROG[p++]!;
    let ws = -1;
    let we = -1;
    for (let a = 0; a < nStems; a++) {
      const stemId = ANCHOR_PROG[p]!;
      const nIdxs = ANCHOR_PROG[p + 1]!;
      const first = p + 2;
      p = first + nIdxs;
      const stemLen = STEM_LENGTH[stemId]!;
      if (stemLen < 3 ? len !== stemLen : stemLen > 3 && !startsWithStem(text, start, STEMS[stemId]!)) continue;
      if (!stemLive(stemId, first, p, gen)) continue;
      if (ws < 0) {
        ws = start - WINDOW_BACK;
        if (ws < 0) ws = 0;
        // Stretch to whole words, but never more than MAX_WORD_STRETCH over one word: a 20,000-char
        // "word" would otherwise reach every rule's regex (lookbehinds over words are superlinear in it).
        const backLimit = ws - MAX_WORD_STRETCH;
        while (ws > 0 && ws > backLimit && isWordCode(text.charCodeAt(ws - 1))) ws--;
        we = i + WINDOW_FWD;
        if (we > n) we = n;
        const fwdLimit = we + MAX_WORD_STRETCH;
        while (we < n && we < fwdLimit && isWordCode(text.charCodeAt(we))) we++;
      }
      for (let k = first; k < p; k++) {
        const idx = ANCHOR_PROG[k]!;
        const cur = WIN_START[idx]!;
        if (cur < 0) {
          if (PASSED[idx] === 0) continue; // checked by stemLive for this text
          WIN_START[idx] = ws;
          WIN_END[idx] = we;
          TOUCHED[nTouched++] = idx;
        } else if (ws <= WIN_END[idx]!) {
          if (we > WIN_END[idx]!) WIN_END[idx] = we;
        } else {
          runWindow(text, idx, cur, WIN_END[idx]!, raws);
          WIN_START[idx] = ws;
          WIN_END[idx] = we;
        }
        if (STICKY[idx] === 1) addCandidate(idx, start);
      }
    }
  }
  for (let t = 0; t < nTouched; t++) {
    const idx = TOUCHED[t]!;
    runWindow(text, idx, WIN_START[idx]!, WIN_END[idx]!, raws);
    WIN_START[idx] = -1;
  }
  if (raws.length === 0) return raws;
  // Within a pass, keep non-overlapping matches as one combined alternation would: leftmost first,
  // then the earlier rule; so "suicide squad" hides "suicide", and "don't kill yourself" hides "kill yourself".
  raws.sort(compareRaw);
  const kept: Raw[] = [];
  let pass = -1;
  let lastEnd = -1;
  for (const r of raws) {
    const p = COMPILED[r.idx]!.pass;
    if (p !== pass) {
      pass = p;
      lastEnd = -1;
    }
    if (r.start < lastEnd) continue;
    kept.push(r);
    lastEnd = r.end;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Combining signals
// ---------------------------------------------------------------------------------------------

const RISK_KINDS = new Set(['ideation', 'attempt', 'self_harm', 'substance', 'goodbye', 'method', 'act']);
const NEAR = 240;
/** A later day said with leaving this world (its own match holds the day; since 1.8.25). */
const LEAVE_WORLD_LATER = /\b(?:tomorrow|tmrw|this weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/**
 * Leaving this world on a later day ("i'm going to leave this world tomorrow", "on friday i'll leave this world";
 * since 1.8.25): the day is a time cue for that match, as "tonight" is (ideation + a time → plan, 4). Before
 * combine(), so that a "tonight" or a goodbye beside it raises it further as it would a match raised by "tonight".
 */
function addLeaveWorldLater(hits: Hit[], text: string): void {
  for (const h of hits) {
    if (h.active && h.rule.code === 'ideation.leave_world' && h.level === 3 && LEAVE_WORLD_LATER.test(text.slice(Math.max(0, h.start - 48), h.end))) {
      h.level = 4;
    }
  }
}
/** Distinct signs of despair in one text that together count as possible passive ideation. */
const DESPAIR_CLUSTER = 2;

function near(a: Hit, b: Hit): boolean {
  return Math.abs(a.start - b.start) <= NEAR || Math.abs(a.end - b.end) <= NEAR;
}

/** Which kind of farewell a hit is, by its first word ("thank", "nobody", "i've", ...). */
function farewellShape(text: string, h: Hit): string {
  return FAREWELL_SHAPE.exec(text.slice(h.start, h.end))![0].toLowerCase();
}
const FAREWELL_SHAPE = /^\S*/;

/** What the marker pass (MARKER_RULES) saw in the text being screened: a bit per marker, and the spans of "the thoughts are back". */
const MARK_DO_IT = 1;
const MARK_JOIN = 2;
const MARK_GOODBYE = 4;
const MARK_TOGETHER = 8;
const MARK_BITS: Record<string, number> = { 'marker.do_it': MARK_DO_IT, 'marker.join': MARK_JOIN, 'marker.goodbye': MARK_GOODBYE, 'marker.together': MARK_TOGETHER };
/** `goodbye`: the span of the last goodbye marker, or [-1, -1]; `dieTime`: the spans of "die" before a time or in "tonight i die" (since 1.8.21). */
const MARKERS = { seen: 0, thoughts: [] as number[], goodbye: [-1, -1], dieTime: [] as number[] };

/**
 * Despair said around a "do it" + time, in a text with no ideation of the writer's (since 1.8.3; issue
 * #3): "I can't take it anymore. I'm going to do it tonight", "Nobody would care anyway. I'll do it
 * tomorrow" read as a plan, 4; "My job is hell. Doing it on Friday" (hell said of a job, school, home)
 * as 3. Narrow on purpose: tiredness, stress, "so done for today", "hopeless at maths", "no point
 * starting now", "give up on this puzzle" are no despair here (1.8.0 tried distress in general and
 * raised 8 of 13 everyday sentences). A negated phrase ("I don't hate my life") does not count. Since
 * 1.8.8 also life or everything said to be pointless (since 1.8.9 not "in this game / meeting"), and "I can't
 * cope anymore" (not "with the traffic").
 */
const DO_IT_DESPAIR =
  /\b(?:can['’‘`´]?t|cannot|can not)\s+(?:take|do|handle|bear|stand|deal with)\s+(?:it|this|any of (?:this|it)|life|living)\s*(?:any ?more|no more)\b|\b(?:can['’‘`´]?t|cannot)\s+go\s+on\b|\bno\s+point(?:\s+(?:anymore|any more|in (?:living|life|anything|trying|going on|being (?:alive|here))))?(?=\s*(?:[.!,;\n]|$))|\b(?:i['’‘`´]?m|im|i am|i feel|feel(?:ing)?|i['’‘`´]?ve been|everything(?:['’‘`´]s| is| feels)|life(?:['’‘`´]s| is| feels)|it(?:['’‘`´]s| is) all|all)\s+(?:(?:so|just|completely|totally|utterly|really|fucking|empty|and|such|a|lost)\s+){0,3}(?:hopeless|worthless)\b(?!\s+(?:at|with|about|in|when)\b)|\b(?:a|such a|just a)\s+burden\b|\b(?:no ?one|nobody|no body)\s+(?:would |will |even |really )*(?:care|cares|miss me|loves? me|notice|wants? me|needs? me)\b(?!\s+(?:about|for|like|if i (?!(?:was|were|wasn\S*|weren\S*|wasnt|werent|died|disappeared|vanished|left|went|never|didn['’‘`´]?t (?:wake|exist)|stopped (?:existing|living|breathing)|killed|ended|took)\b)))|\bhate\s+(?:my ?self|myself|my life|being alive|being me|living)\b(?!\s+for\s+(?!(?:being|existing|living|breathing|everything|anything|nothing|something)\b)[a-z]+ing\b(?!\s+(?:everything|everyone|everybody|it all|my (?:family|life|kids|children|parents|marriage|wife|husband|partner|relationship|friends))\b))|\b(?:tired|sick)\s+of\s+(?:living|life|being alive|being me|everything|it all|this life|existing|this world)\b(?!\s+(?:being|in|at|on|with|about|except|but)\b)|\b(?:had|have had|ve had)\s+enough(?:\s+of\s+(?:this life|life|living|everything|it all))?(?=\s*(?:[.!,;\n]|$|of (?:this life|life|living|everything|it all)))|\bdone\s+with\s+(?:everything|life|living|it all|this life|all of (?:this|it)|the world|this world|existing)\b|\b(?:i['’‘`´]?m|im|i am)\s+(?:so\s+|just\s+|fucking\s+)?done\s*(?:[.!]|$)|\bi\s+give\s+up\b(?!\s+(?:on\s+(?!life|everything|myself|living)|trying(?!\s+to\s+(?:live|stay|go on|be (?:alive|here|happy|okay|ok)|keep going|survive|fight|cope|get better|hold on))|the|this|that|my|(?!trying|everything|nothing|anything|something|living|existing|being)[a-z]+ing)\b)|\bnothing\s+(?:left|matters)(?:\s+for\s+me|\s+anymore)?(?=\s*(?:[.!,;\n]|$|for me|anymore))(?!\s*(?:anymore\s+)?(?:except|but|apart from|besides|other than)\b(?!\s+(?:(?:making|to make|for)\s+)?(?:the|this|my)\s+pain\s+(?:to\s+)?(?:stop|end)|\s+(?:dying|death|ending it|not being here)\b))|\bno\s+(?:reason to (?:live|stay|go on)|way out)\b|\bwant\s+(?:it|the pain|everything)\s+(?:all\s+)?to\s+(?:stop|end)\b|\bend of my rope\b|\b(?:my\s+)?life\s+(?:is|'s|has been|feels like)\s+(?:a\s+)?(?:(?:living|absolute|pure|fucking|literal|total)\s+)?hell\b|\bliving hell\b|(?<=(?:^|[.!?\n,;]|\band)\s*)(?:(?:so|completely|totally|utterly|just|feel(?:ing)?|fucking)\s+){0,3}(?:hopeless|worthless)\b(?!\s+(?:at|with|about|in|when|to|for|on)\b)|\bi\s+give\s+up\s+(?:fighting|pretending|trying|hoping|caring|struggling)(?=\s*(?:[.!;\n]|$))|\b(?:everything|life|my life|living|existence|it all|all of (?:this|it))(?:['’‘`´]s|\s+is|\s+feels|\s+seems)\s+(?:(?:so|just|completely|totally|utterly|fucking|really)\s+)*(?:pointless|meaningless)\b(?!\s+(?:to|without)\b|\s+(?:in|at|about|for|with|on|during)\s+(?:this|that|the|a|these|those|my|our)\s+(?!(?:world|life|universe|place|house|family)\b))|\b(?:can['’‘`´]?t|cannot|can not)\s+cope\s*(?:any ?more|no more)\b(?!\s+(?:with|at|in)\b)/gi;
/** Hell said of the writer's job, school or home ("My job is hell"): a source of despair, level 3. */
const DO_IT_HELL =
  /\b(?:job|work|school|home|class|college|uni|everything|this|it|the world|my family)\s+(?:is|'s|has been|feels like|was)\s+(?:a\s+)?(?:(?:living|absolute|pure|fucking|literal|total)\s+)?hell\b|\bhell on earth\b/gi;
/** What the "it" is, said right after the time ("… tomorrow, the essay", "… tomorrow: buzz cut!", "… with my tutor"). */
const DO_IT_EXPLAINED =
  /^\s*(?:[,:;(–—-]\s*(?:the|my|a|an|i mean|talking|telling|calling|asking|cleaning|quit\w*|buying|visiting|moving|buzz|call|tell|ask|clean|finish|start|get|getting)\b|(?:with|at)\s+(?:the|my|a|an|our|his|her|work|school|class|lunch|dinner|breakfast)\b)/i;
/** A death or self-harm cue: keeps an explanation after "do it" from being an everyday one, and makes a pact of "ending it together" (see addPactCues). */
const DEATH_CUE =
  /\b(?:suicid\w*|kill\w*|kms|ctb|unaliv\w*|die|dying|dead|death|pills?|pact|overdos\w*|od|rope|noose|guns?|knife|knives|blades?|razors?|bridge|jump\w*|hang\w*|poison\w*|carbon monoxide|exhaust|(?:can['’‘`´]?t|cannot) (?:live|go on)|(?:don['’‘`´]?t|do not|dont) want to (?:live|be alive|be here|wake up)|never wake|other side|funeral|heaven|last (?:message|words|time|post)|note|wrists?|bleed\w*|cut\w*|bleach|gone by|not be here|asleep|goodbye|farewell)\b/i;

/** A thing named as what the despair is about, right after it: ", this apartment is a mess", ", my knees hurt". */
const DESPAIR_OF_A_THING =
  /^\s*[,:;–—-]+\s*(?:this|that|the|my|our)\s+(?!(?:life|pain|head|mind|brain|thoughts?|family|parents|world|loneliness|bullying|voices?|body|heart|soul|chest|marriage|relationship|divorce|mom|mum|mother|dad|father|son|daughter|kids?|children|wife|husband|partner|boyfriend|girlfriend|bf|gf|ex|brother|sister|friends?|best friend)\b)[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|was|were|hurts?|keeps?|has|have|won['’‘`´]?t)\b/i;
/** An eagerness said after it ("… anymore — the tattoo I've wanted for ten years"). */
const DESPAIR_EAGER = /^[^\n]{0,60}?\b(?:i['’‘`´]?ve (?:always )?wanted|i['’‘`´]?ve been wanting|i['’‘`´]?ve dreamt|i['’‘`´]?ve dreamed|can['’‘`´]?t wait|so excited)\b/i;

/** Whether what follows despair (or passive ideation) ending at `end` says it is about a thing or an everyday choice (since 1.8.4). */
function despairOfAThing(text: string, end: number): boolean {
  const rest = text.slice(end, sentenceEnd(text, end));
  return DESPAIR_OF_A_THING.test(rest) || DESPAIR_EAGER.test(rest) || NOTICE_IF_I.test(text.slice(Math.max(0, end - 8), end) + rest);
}
/** "Nobody would notice if i quit the band": what would go unnoticed is a choice, not the writer's absence. */
const NOTICE_IF_I =
  /^.{0,8}?\bif\s+i\s+(?!(?:was|were|wasn\S*|weren\S*|wasnt|werent|died|disappeared|vanished|left|went|never|didn['’‘`´]?t (?:wake|exist)|stopped (?:existing|living|breathing)|killed|ended|took|just)\b)[a-z]+\s+(?:the|my|a|an|this|that|our)\b/i;

/** Verbs of a method or a leaving, never read as a task after "do it" + a time ("…, taking everything in the cabinet"). */
const RISKY_VERB = String.raw`(?:take|taking|took|swallow\w*|drink\w*|drive|drove|driving(?!\s+(?:test|lesson|exam))|walk\w*|step\w*|jump\w*|hang\w*|cut(?!ting\s+my\s+(?:own\s+)?(?:hair|bangs|fringe|nails))\w*|slit\w*|overdos\w*|end\w*|finish\w*|leav\w*|writ\w*|say\w*|said|told|tell\w*|tie|tying|load\w*|lock\w*|fill\w*|mix\w*|crash\w*|check\w*\s+out|go|goes|going|sleep\w*|rest\w*|join\w*|follow\w*|use|using|burn\w*|pull\w*\s+the|shoot\w*|buy\w*\s+(?:a|the)\s+(?:rope|gun|pills?))\b`;
/**
 * A task named after the time of a "do it" (since 1.8.4): a gerund or a verb phrase after a comma, colon
 * or dash ("…, painting the living room teal", ": sell the car", "— decluttering the flat"), "and" + an
 * everyday verb phrase ("and book a physio", "and dye my hair pink"), "with" + fresh eyes or
 * company ("with fresh eyes", "with my tutor") or a trailing "myself" (a job done by hand); or a gerund opening the next sentence. What the
 * writer says after the time in a crisis starts otherwise: a subject ("I've decided", "the pills are in
 * my drawer"), a time clause ("when they're at work", "after everyone's asleep"), or words that only
 * stress it ("for real", "for good", "this time"); those are never read as a task.
 */
const DO_IT_TASK_AFTER = new RegExp(
  String.raw`^\s*(?:(?:[,:;(–—-]+|\bthen\b)\s*(?!(?:i|i['’‘\`´]\w+|im|ive|id|ill|we|we['’‘\`´]\w+|they|they['’‘\`´]\w+|he|she|you|u|everyone|everybody|nobody|no one|noone|it|it['’‘\`´]s|its|there|that['’‘\`´]s|thats|this time|my (?:mind|plan|decision|letters?|note|will|goodbyes?)|when|after|before|once|while|as|if|because|cause|cuz|since|so|but|until|till|for|fr|frfr|promise|honestly|anyway|too|already|finally|at last|alone|then|ok|okay|sorry|bye|goodbye|farewell|love|please|tbh|ngl|idc|whatever|no matter|forever|maybe|probably|definitely|seriously|trust me|watch me|nothing|going|gonna|ending|dying|leaving|saying|being|doing|killing|hanging|jumping|overdosing|sleeping|finishing (?:it|this|myself))\b)(?!${RISKY_VERB})(?:[a-z]+ing\b|[a-z]+\s+(?:[a-z]+\s+){0,2}?(?:my|the|a|an|that|this|his|her|our|some|all|in|out|up|off|for|kit|test|haul)\b)|\s*and\s+(?!(?:stop|be|never|finally|just|make|get|die|disappear|kill|i|then|it|everyone|nobody|no one)\b)(?!${RISKY_VERB})[a-z]+\s+(?:my|the|a|an|that|this|in|out|up|off|some|his|her|our)\b|\s*with\s+(?:fresh|a fresh|a clear|clearer|new|more|some help|help|friends|the (?:team|kids|family|crew)|my (?:friends|mates|team|tutor|coach|trainer|teacher|dad|mum|mom|sister|brother|partner|roommates?|flatmates?))\b|\s*myself\s*[.!]*\s*$)`,
  'i',
);
/** A gerund opening the sentence after "do it" + a time ("Doing it tonight. Painting the fence."). */
const DO_IT_TASK_NEXT = new RegExp(
  String.raw`^[.!?…\s]+(?!(?:going|gonna|ending|dying|leaving|saying|being|doing|killing|hanging|jumping|overdosing|sleeping|nothing|everything)\b)(?!${RISKY_VERB})[a-z]+ing\s+(?:my|the|a|an|that|this|his|her|our|some|all|in|out|up|off)\b`,
  'i',
);
/**
 * Putting affairs in order, said after the time (since 1.8.5): giving away a pet or things, deleting
 * accounts, sorting a will, texting or calling family "first", packing up "so nobody has to", "and then
 * that's it". C-SSRS counts these as preparatory acts, so they never read as the everyday task the "it" is.
 */
const DO_IT_PREPARATION =
  /\b(?:giv\w*|gave)\s+(?:away\b|(?:all\s+)?(?:my|his|her)\s+(?:(?:\w+\s+)?(?:cats?|dogs?|pets?|kitten|puppy|rabbit|hamster|bird|fish|things|stuff|belongings|clothes|books|games|guitar|jewel\w*|savings|money))\s+(?:away|to)\b)|\bdelet\w*\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+(?:\w+\s+)?(?:accounts?|profiles?|socials?|photos|pics|messages|posts|history|data)\b|\b(?:sort\w*|writ\w*|wrote|mak\w*|updat\w*|finish\w*|sign\w*)\s+(?:out\s+)?(?:my|a)\s+will\b|\b(?:text\w*|call\w*|ring\w*|hug\w*|messag\w*|see|seeing|visit\w*|kiss\w*)\s+(?:my\s+)?(?:little\s+|big\s+|baby\s+)?(?:sister|brother|sis|bro|mum|mom|dad|mother|father|parents|family|kids|son|daughter|wife|husband|partner|best friend|friends?|nan|gran\w*|girlfriend|boyfriend|gf|bf)\b[^.!?\n]{0,24}?\b(?:first|one last time|goodbye|before)\b|\bso\s+(?:that\s+)?(?:nobody|no one|noone|mum|mom|dad|they|my \w+)\s+(?:(?:doesn|don|won|wouldn)['’]?t|does not|do not|will not|wont|dont|doesnt|would not)\s+(?:have|need)\s+to\b|\bso\s+(?:that\s+)?(?:nobody|no one|noone)\s+(?:has|have|needs?|will have)\s+to\b|\bthen\s+that['’]?s\s+it\b|\b(?:say|said|saying)\s+(?:my\s+)?goodbyes?\b/i;
/** DEATH_CUE without "cut" and "bleach" said of a task ("cutting my own bangs", "bleach kit"), read in an explanation of the "it" (since 1.8.4). */
const DEATH_CUE_IN_TASK = new RegExp(
  replaceOnce(
    replaceOnce(DEATH_CUE.source, '|cut\\w*', '|cut(?:s|ting)?(?=\\s+(?:myself|my (?:wrists?|arms?|legs?|thighs?|skin|throat|stomach)|deep(?:er)?|again)\\b)'),
    '|bleach',
    '|(?<=(?:drink\\w*|swallow\\w*|downing|chug\\w*)\\s+(?:the\\s+|some\\s+)?)bleach',
  ),
  'i',
);
/** `s` with `from` replaced; throws at module load if `from` is missing (DEATH_CUE was edited). */
function replaceOnce(s: string, from: string, to: string): string {
  if (!s.includes(from)) throw new Error(`safety screen: ${from} not found in DEATH_CUE`);
  return s.replace(from, to);
}

/** The strongest despair said within 240 characters before and 120 after `at`: 4, hell alone 3, or 0 (see DO_IT_DESPAIR). */
function despairAround(text: string, at: number): number {
  const from = Math.max(0, at - 240);
  const near = text.slice(from, Math.min(text.length, at + 120));
  let best = 0;
  for (const [re, lvl] of [[DO_IT_DESPAIR, 4], [DO_IT_HELL, 3]] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (best < lvl && (m = re.exec(near)) !== null) {
      const abs = from + m.index;
      // Despair said of a thing or an eagerness (since 1.8.4): "I can't take it anymore, this apartment
      // is a mess", "I can't stand it anymore — the tattoo I've wanted for ten years".
      if (despairOfAThing(text, abs + m[0].length)) continue;
      const tail = clauseOf(text.slice(sentenceStart(text, abs), abs)).slice(-60);
      if (negatedBefore(tail) && !NEGATION_EXCEPTION.test(tail)) continue; // "I don't hate my life"
      const subject = resolveSubject(text.slice(sentenceStart(text, abs), abs));
      if (subject === 'other' || subject === 'you') continue; // "she says her life is hell"
      best = lvl;
    }
  }
  return best;
}

/**
 * Adds a plan for each "going to do it tonight / tomorrow …" of the writer's (since 1.8.0), level 4 in
 * a text that holds their active ideation (3+) or a strong method (4+): the "it" is then the act. Since
 * 1.8.3 also beside their passive ideation (2) near it (4), or despair said near it with nothing after
 * the time that says what the "it" is (DO_IT_DESPAIR 4, DO_IT_HELL 3; despairAround), and sentence-first
 * "Doing it on Friday". Not when denied ("I'm not going to do it tonight"), said of someone else, or when
 * an everyday task named before it may be the "it" ("Mom wants me to clean my room, I'll do it
 * tomorrow"). Its time word is read as before: "tonight", "in 2 hours" by time.imminent, "tomorrow",
 * "on Saturday" as no cue (a plan, 4, not imminent).
 */
/** "i'm about to" right before a match (since 1.8.33): the act is at hand. */
const ABOUT_TO_BEFORE = /\b(?:i['’‘`´]?m|im|i\s+am)\s+(?:(?:just|really|literally|actually|finally|so|now)\s+)?(?:about|bout)\s+to\s+(?:(?:just|finally|actually|really|go)\s+)?$/i;
/** The writer's own "do it" to come, with nothing after it in its clause but a time now (since 1.8.33). */
const DO_IT_NOW =
  /\b(?:(?:i['’‘`´]?m|im|i\s+am)\s+(?:(?:just|really|literally|actually|finally|so|now)\s+)?(about\s+to|bout\s+to|finna|going\s+to|gonna|gunna)|(imma|ima|i['’‘`´]?mma))\s+(?:(?:just|finally|actually|really|go)\s+)?do\s+it\b(?=\s*(now|rn|right\s+now|tonight|tonite)?\s*(?:[.!…\n]|$|bye\b|goodbye\b|and\s+(?:no\s+one|nobody|end)\b))/gi;
/** Means the writer says they hold, in the sentence before "and im about to do it". */
const HAVE_MEANS = /\bi\s+(?:have|['’‘`´]?ve\s+got|got|bought|have\s+got)\s+(?:(?:the|my|all\s+(?:the|my)|enough|a|some|his|her)\s+)?(?:pills|tablets|rope|noose|gun|pistol|razor|razors|blade|blades|charcoal|helium)\b[^.!?\n]{0,40}?$/i;
/** "i'm about to jump", alone at the end of the text: the jump is at hand. */
const ABOUT_TO_JUMP_END = /\b(?:i['’‘`´]?m|im|i\s+am)\s+(?:(?:just|really|literally|actually|finally|so|now)\s+)?(?:about|bout)\s+to\s+jump[\s.!…]*$/i;
const JUMP_PLAY_BEFORE = /\b(?:pool|lake|sea|ocean|river|water|beach|trampoline|bungee|bungy|parachut\w*|skydiv\w*|plane|dive|diving|swim\w*|cliff\s*jump\w*|rope|game|minecraft|fortnite|roblox|call|zoom|meeting|queue|line|stage|car|battery|ship|gun|scare|horse|hurdle|rope|shower|bed|hype|excit\w*|omg|yay)\b/i;
const ABOUT_TO_RULE: Rule = { code: 'plan.about_to', kind: 'plan', category: 'suicide', level: 0, anchors: [], re: '' };

/**
 * The act at hand (since 1.8.33; 1.8.32 read it only on the told-to path): "i'm about to" right before the writer's own
 * intent to die or a method (4 → 5: "im about to kill myself", "im about to take all my pills"); "im about to do it" / "im
 * finna do it" beside their active ideation (3+) or a strong method, or after means they hold in the same sentence ("i
 * have the pills and im about to do it"), 5; "im going to do it" there, 4 (5 with "tonight" by the time cue); "im about
 * to jump" closing the text, 5. Only raises; an everyday "about to" ("im about to end it with my boyfriend", "about to
 * take my meds") has no match of ≥ 4 to raise and no ideation beside it.
 */
function addAboutTo(hits: Hit[], text: string): void {
  if (!/\b(?:about|bout)\s+to\b|\bfinna\b|\bim?ma\b|\bdo\s+it\b/i.test(text)) return;
  for (const h of hits) {
    if (!h.active || h.subject !== 'self' || h.level !== 4) continue;
    if (h.rule.kind !== 'ideation' && h.rule.kind !== 'method') continue;
    if (h.rule.category !== 'suicide') continue;
    const sStart = sentenceStart(text, h.start);
    const pre = clauseOf(text.slice(sStart, h.start));
    // Not where a condition or an everyday cause follows ("im about to kill myself if i have to sit through another
    // meeting", "… this homework is so hard"): those keep their reading of 1.8.32 (4).
    const sentence = text.slice(sStart, sentenceEnd(text, h.end));
    if (ABOUT_TO_BEFORE.test(pre) && !CONDITIONAL.test(pre) && !CONDITIONAL.test(text.slice(h.end, sentenceEnd(text, h.end))) && !MUNDANE_CAUSE.test(sentence)) {
      h.level = 5;
      if (!h.context.includes('intent')) h.context.push('intent');
    }
  }
  let eligible = false;
  for (const h of hits) {
    if (h.active && h.subject === 'self' && h.level >= 3 && RISK_KINDS.has(h.rule.kind) && h.rule.category === 'suicide') eligible = true;
    else if (h.active && (h.rule.kind === 'method' || h.rule.kind === 'act') && h.rule.strong === true && h.level >= 4) eligible = true;
  }
  DO_IT_NOW.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DO_IT_NOW.exec(text)) !== null) {
    const sStart = sentenceStart(text, m.index);
    const pre = text.slice(sStart, m.index);
    if (DO_IT_DENIED.test(clauseOf(pre + m[0]).slice(-60)) || CONDITIONAL.test(clauseOf(pre)) || taskBefore(text, m.index + m[0].length)) continue;
    const means = HAVE_MEANS.test(pre);
    if (!eligible && !means) continue;
    const atHand = m[2] !== undefined || m[3] !== undefined || /^(?:about|bout|finna)/i.test(m[1] ?? '');
    hits.push({ rule: ABOUT_TO_RULE, start: m.index, end: m.index + m[0].length, level: atHand ? 5 : 4, subject: 'self', context: ['intent'], active: true });
  }
  const jump = ABOUT_TO_JUMP_END.exec(text);
  if (jump !== null) {
    const pre = text.slice(sentenceStart(text, jump.index), jump.index);
    if (!JUMP_PLAY_BEFORE.test(pre) && !CONDITIONAL.test(pre) && !negatedBefore(clauseOf(pre).slice(-40))) {
      hits.push({ rule: ABOUT_TO_RULE, start: jump.index, end: jump.index + jump[0].trimEnd().length, level: 5, subject: 'self', context: ['intent'], active: true });
    }
  }
}

function addDoItPlans(hits: Hit[], text: string): void {
  if ((MARKERS.seen & MARK_DO_IT) === 0) return;
  let eligible = false;
  const passive: Hit[] = [];
  for (const h of hits) {
    if (h.active && h.subject === 'self' && h.level >= 3 && RISK_KINDS.has(h.rule.kind)) eligible = true;
    else if (h.active && (h.rule.kind === 'method' || h.rule.kind === 'act') && h.rule.strong === true && h.level >= 4) eligible = true;
    else if (h.active && h.subject === 'self' && h.level === 2 && h.rule.kind === 'ideation' && h.rule.category === 'suicide') passive.push(h);
  }
  DO_IT_PLAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DO_IT_PLAN.exec(text)) !== null) {
    const at = m.index + m[0].length - m[1]!.length;
    const sStart = sentenceStart(text, m.index);
    const pre = text.slice(sStart, at);
    if (DO_IT_DENIED.test(clauseOf(pre).slice(-60)) || taskBefore(text, at)) continue;
    const subject = resolveSubject(text.slice(sStart, m.index + m[0].length - m[1]!.length));
    if (subject === 'other' || subject === 'you') continue;
    let level = 4;
    if (!eligible) {
      const end = at + m[1]!.length;
      const after = text.slice(end, sentenceEnd(text, end));
      const next = text.slice(sentenceEnd(text, end), sentenceEnd(text, sentenceEnd(text, end) + 1));
      if ((DO_IT_EXPLAINED.test(after) || DO_IT_TASK_AFTER.test(after) || DO_IT_TASK_NEXT.test(next)) && !DEATH_CUE_IN_TASK.test(after) && !DO_IT_PREPARATION.test(after + next)) continue;
      level = passive.some((h) => h.start >= at - 240 && h.start <= end + 120 && !despairOfAThing(text, h.end)) ? 4 : despairAround(text, at);
      if (level === 0) continue;
    }
    hits.push({ rule: PLAN_DO_IT, start: at, end: at + m[1]!.length, level: level as RiskLevel, subject: 'self', context: [], active: true });
  }
}

/**
 * "The thoughts are back" after the writer's own suicide or self-harm named earlier in the text (since
 * 1.8.3; issue #3): "Years ago I tried to kill myself. Now I'm ok but tonight the thoughts are back" is
 * active ideation said now (C-SSRS: a lifetime attempt with current thoughts of suicide), 3; a time
 * cue near it raises it to 4 like any ideation (combine). The return is present whatever the earlier
 * sentence's past ("years ago"), so "are / have come / are coming back" are not made the past; "came
 * back" in a sentence in the past ("in 2015 the thoughts came back") is read as written. "My panic
 * attacks are back", "the thoughts about exams are back" (no suicide before, or thoughts of something)
 * are not read.
 */
/** Suicide or self-harm named in so many words (since 1.8.4; addReturnedThoughts). */
const RISK_NAMED =
  /\b(?:suicid\w*|kill\w* my ?self|kms|ctb|unaliv\w*|self[- ]?harm\w*|sh\b|cut(?:ting|s)?(?! (?:my hair|class))|hang\w* my ?self|end(?:ed|ing)? (?:my (?:own )?life|it all|it)|t(?:ake|aking|ook) my (?:own )?life|(?:burn|scratch|hurt|harm)(?:ed|ing|s)? my ?self|overdos\w*|od['’‘`´]?d|pills|jump\w*|wrists?|ideation|want(?:ed)? to die|to die)\b/i;
const TRIVIAL_OVERDOSE = /\boverdos\w*\s+on\s+(?:caffeine|coffee|sugar|chocolate|candy|energy drinks?|red bull|netflix|tv|carbs)\b/i;
/**
 * "i overdosed on coffee lol": an overdose of something harmless, with no medicine and no other risk
 * word in its sentence, is an idiom (since 1.8.6; it had read 2, and 5 with "today").
 */
function trivialOverdose(text: string, start: number, end: number, sentence: string): boolean {
  if (!TRIVIAL_OVERDOSE.test(text.slice(start, Math.min(text.length, end + 30)))) return false;
  const rest = sentence.replace(new RegExp(TRIVIAL_OVERDOSE.source, 'gi'), ' ');
  return !RISK_NAMED.test(rest) && !PILL_WORD.test(sentence);
}
/** Words before "thoughts/urges" that name them as risk; plain words that name nothing. */
const THOUGHTS_RISK_WORD = /^(?:suicidal|suicide|dark|darker|old|bad|intrusive|negative|horrible|self-harm|harm|sh|kms|ctb|death|dying|cutting|scary|same)$/;
const THOUGHTS_PLAIN_WORD = /^(?:the|those|these|my|them|they|and|but|now|tonight|today|so|then|again|when|because|all|that|this|back|ok|okay|and now|lately|recently)$/;
/** Thoughts said to be of something: "back on my patients", "back with exams coming up". */
const THOUGHTS_OF = /^\s*(?:again\s+)?(?:on|about|for|of|with|around|in the sense|onto|into)\b/i;
const THOUGHTS_BACK_PRESENT = /\b(?:are|is|have|has|r|['’‘`´]re|['’‘`´]ve|coming|returning|creeping|starting|having|getting|thinking)\b/i;
const THOUGHTS_BACK_RULE: Rule = { code: 'ideation.thoughts_back', kind: 'ideation', category: 'suicide', level: 3, subject: 'self', anchors: [], re: '' };

function addReturnedThoughts(hits: Hit[], text: string, surface: ScreenOptions['surface']): void {
  if (MARKERS.thoughts.length === 0) return;
  let first = -1;
  let firstNamed = -1; // the first that names suicide or self-harm ("tried to hang myself", not "my attempt")
  let category: RiskCategory = 'suicide';
  for (const h of hits) {
    const k = h.rule.kind;
    if ((k === 'ideation' || k === 'attempt' || k === 'self_harm') && h.subject === 'self' && h.context.indexOf('negated') < 0 && h.context.indexOf('hypothetical') < 0) {
      if (first < 0 || h.start < first) {
        first = h.start;
        category = h.rule.category === 'self_harm' ? 'self_harm' : 'suicide';
      }
      const around = text.slice(Math.max(0, h.start - 20), h.end + 20);
      if (RISK_NAMED.test(around) && !TRIVIAL_OVERDOSE.test(around) && (firstNamed < 0 || h.start < firstNamed)) firstNamed = h.start;
    }
  }
  if (first < 0) return;
  for (let k = 0; k < MARKERS.thoughts.length; k += 2) {
    const start = MARKERS.thoughts[k]!;
    const end = MARKERS.thoughts[k + 1]!;
    const phrase = text.slice(start, end);
    if (start <= first) continue;
    // "her thoughts are back" is about someone else.
    if (/\b(?:his|her|their|your|ur)\s+$/i.test(text.slice(Math.max(0, start - 8), start))) continue;
    // Since 1.8.4: which thoughts. A risk word before them ("the dark thoughts") is enough; "the / those
    // thoughts" need the suicide or self-harm before named ("I tried to hang myself", not "after my
    // attempt", "overdosed on caffeine") or named in their sentence; any other word ("my running
    // thoughts", "the good urges") or thoughts of something ("back on my patients", "back with exams")
    // are not read unless suicide or self-harm is named in their sentence.
    const sentence = text.slice(sentenceStart(text, start), sentenceEnd(text, end));
    const namedHere = RISK_NAMED.test(sentence.replace(/\bsuicide attempt\b/gi, ' ')) && !TRIVIAL_OVERDOSE.test(sentence);
    const before = /(?:^|[^\w'’‘`´-])([\w'’‘`´-]+)\s+$/.exec(clauseOf(text.slice(sentenceStart(text, start), start)));
    const word = before === null ? '' : before[1]!.toLowerCase();
    if (!namedHere) {
      if (THOUGHTS_OF.test(text.slice(end, end + 20))) continue;
      if (word !== '' && !THOUGHTS_RISK_WORD.test(word) && !THOUGHTS_PLAIN_WORD.test(word)) continue;
      if (!THOUGHTS_RISK_WORD.test(word) && (firstNamed < 0 || start <= firstNamed)) continue;
    }
    const rule = category === 'suicide' ? THOUGHTS_BACK_RULE : { ...THOUGHTS_BACK_RULE, category };
    const hit = read(text, rule, start, end, surface);
    if (hit === null) continue;
    if (hit.active && hit.context.includes('past') && THOUGHTS_BACK_PRESENT.test(phrase)) {
      hit.context.splice(hit.context.indexOf('past'), 1);
      hit.level = 3;
    } else if (hit.active && !THOUGHTS_BACK_PRESENT.test(phrase) && DISTANT.test(text.slice(sentenceStart(text, start), sentenceEnd(text, start)))) {
      // "In 2019 the thoughts came back and I got help, now I'm great": a return told as past.
      if (!hit.context.includes('past')) hit.context.push('past');
      hit.level = 1;
    }
    hits.push(hit);
  }
}

/**
 * A wish to join or follow someone who died ("I miss my dad so much, I want to join him", "my husband
 * died and i want to join him"): a wish to be dead, C-SSRS passive ideation, 2 (since 1.8.3; issue #3);
 * said as intent ("I'm going to join him") or of someone who died by suicide, 3; with a time or a means
 * after it, 4 (since 1.8.4). Read only with a death in the text (DIED_CONTEXT: died, passed away, a
 * person lost, their funeral, heaven…) and no living person placed between it and the phrase
 * (LIVING_CLAUSE, since 1.8.4), or missing the person with nothing of them being alive elsewhere
 * ("he moved to Berlin", "she's in Spain", a trip, a club, a band, a place name); the phrase
 * must close its clause or go on to the afterlife ("in heaven", "on the other side"), so "join him
 * there next summer", "join her in Paris", "join them at the gym" are not read.
 */
const JOIN_DEAD =
  /\b(?:want|wanna|wish|wished|long|longing|ready|going|gonna|gunna|need|decided|plan|planning|can['’‘`´]?t wait|will|['’‘`´]ll)\b(?:\s+(?:to|i|could|can|would|so|bad|badly|much|just|really|only|go|and))*\s+(?:join|follow)\s+(?:him|her|them)\b(?:\s+(?:again|soon|already|now|asap|in heaven|up there|on the other side|in the afterlife|in death|wherever (?:he|she|they) (?:is|are)))?(?:\s+(?:tonight|tonite|2night|today|tomorrow|tmrw|this (?:week(?:end)?|evening|morning|afternoon)|in (?:an|a few|\d{1,3}) (?:hours?|minutes?|mins?|days?)|right now|rn|on (?:his|her|their) (?:birthday|anniversary)))?(?=\s*(?:[.!,;…\n]|$|so\b|because\b|cause\b|cuz\b|and\b(?!\s+(?:become|be an?|study|work|train|learn|take up|do(?!\s+it\s+(?:the (?:same )?way|like|how)\s+(?:he|she|they)\b)|go into|get into)\b)|but\b|i\b|please\b))/gi;
/**
 * "I just want to be with him again" (since 1.8.8): the same wish said without "join", read only where a
 * death is said (never with a bare "miss": missing a living partner is everyday) and never as the
 * hope of meeting again one day ("I'll be with her again someday" is comfort, not a wish to die), nor, since
 * 1.8.9, as the wish for one more day with them ("…be with her again, one more christmas with her").
 */
const BE_WITH_DEAD =
  /\b(?:want|wanna|wish|wished|long|longing|need|ready|can['’‘`´]?t wait)\b(?:\s+(?:to|i|could|can|would|so|bad|badly|much|just|really|only|go|and))*\s+be\s+with\s+(?:him|her|them)\s+(?:again|in heaven|up there|on the other side|in the afterlife|forever)\b(?!\s+(?:one day|someday|some day|when|after|in (?:the|a|\d)|next|soon|this|for (?:the|a|christmas|dinner|lunch)|at|on)\b|\s*,\s*(?:just\s+)?(?:one more|once more|for (?:one|a|just one) (?:day|hour|minute|christmas|birthday))\b)(?:\s+(?:tonight|tonite|2night|today|tomorrow|tmrw|right now|rn))?(?=\s*(?:[.!,;…\n]|$|so\b|because\b|cause\b|cuz\b|and\b|but\b|i\b|please\b))/gi;
/** A time said right after "join him" (since 1.8.4: "I'm going to join him tonight, I have his pills"). */
const JOIN_TIME = /\s(?:tonight|tonite|2night|today|tomorrow|tmrw|this (?:week(?:end)?|evening|morning|afternoon)|in (?:an|a few|\d{1,3}) (?:hours?|minutes?|mins?|days?)|right now|rn|on (?:his|her|their) (?:birthday|anniversary))$/i;
/** A means said right after "join him" (since 1.8.4). */
const JOIN_MEANS = /\b(?:pills?|meds|tablets|sleeping pills|rope|noose|gun|knife|blades?|razors?|bridge|overdos\w*|poison\w*)\b/i;
/** Persons whose loss, death or funeral says someone died ("lost my husband", not "lost my keys", "lost our match"). */
const PERSON =
  '(?:(?:little|big|baby|older|younger|twin|best|only|dear|beloved|late|first|step|grand)\\s+)*(?:mom|mum|mommy|mummy|mother|dad|daddy|father|parents?|son|daughter|boy|girl|baby|babies|child|children|kids?|wife|husband|partner|boyfriend|girlfriend|bf|gf|fianc[eé]e?|brother|sister|twin|sibling|friend|bestie|grandma|grandpa|gran|granny|nan|nana|grandad|granddad|grandmother|grandfather|grandparents?|aunt|auntie|uncle|cousin|niece|nephew|family|everyone|love|soulmate|spouse)s?';
/**
 * Positive signs that someone died (since 1.8.4): died, passed away / passed on (bare "passed" only when
 * not passing something: "passed his exams"), a person lost, the funeral or grave of someone, suicide.
 * Since 1.8.5 also "passed the day after…", "the funeral / grave", a cemetery, "buried mum", "was killed".
 */
const DIED_CONTEXT = new RegExp(
  "\\b(?:died|dead|death|passed(?:\\s+away|\\s+on)?(?!\\s+(?:his|her|my|the(?!\\s+(?:day|night|week|weekend|month|year|morning|evening|afternoon|summer|winter|spring|autumn|fall)\\b)|a|an|its|their|our|your|me|him|them|it|out|over|up|by|through|along|around|down|with|exams?|tests?|driving|all|both|every|first|second|level|grade|class|course|inspection|go)\\b)|pass away|lost (?:(?:my|our|his|her) " + PERSON + "|him|her|them)\\b|is gone|are gone|s gone|gone now|gone forever|(?:his|her|their|['’‘`´]s|the) (?:funeral|grave|memorial|burial|ashes)|cemetery|graveyard|buried (?:him|her|them|my|our|" + PERSON + ")|(?:" + PERSON + "|he|she|they)\\s+(?:was|were|got|had been|has been)\\s+(?:killed|murdered|shot dead|shot and killed)|heaven|rip|in peace|killed (?:him|her|them)sel(?:f|ves)|took (?:his|her|their) (?:own )?li(?:fe|ves)|suicide|miscarriage|stillborn|widow\\w*|late (?:husband|wife|father|mother|dad|mom|mum|son|daughter))\\b",
  'i',
);
const MISS_CONTEXT = /\bmiss(?:ing)?\s+(?:my|him|her|them)\b/i;
/** Someone is alive elsewhere: a place, a trip, a club ("visit" only when not a grave; "moved on" is grief). */
const ALIVE_ELSEWHERE =
  /\b(?:moved(?!\s+on\b)|moving|lives|living|live in|abroad|overseas|deployed|studying|semester|working|works|trip|travel\w*|visit\w*(?!\s+(?:(?:his|her|their|the|my)\s+)?(?:grave|cemetery|memorial|urn|ashes|plot))|holiday|vacation|cruise|boat|coast|retired|remarried|flight|fly|flying|airport|beach|party|gym|club|team|band|class|course|game|there|city|country|camp|church|meeting|call|instagram|insta|twitter|tiktok|online|discord|server|group|college|uni|university|school|job|work|army|navy|military|prison|jail|hospital|home soon|coming home|back home)\b/i;
/**
 * A living person or group said to be somewhere or doing something ("Dad's alone now", "grandpa goes
 * fishing", "the kids are in the garden", "my partner is in Melbourne", "she's in Spain"): read between
 * the death and "join them", or anywhere with a bare "miss", the one joined is them (since 1.8.4).
 */
const LIVING_CLAUSE =
  /\b(?:(?:(?:my|our|his|her|the|their)\s+(?:\w+\s+)?)?(?:mom|mum|mother|dad|father|parents|son|daughter|kids|children|wife|husband|partner|boyfriend|girlfriend|brother|sister|friends?|grandma|grandpa|gran|nan|grandad|grandmother|grandfather|aunt|uncle|cousins?|family|coach|captain|team|everyone|everybody|he|she|they)(?:['’‘`´]s|['’‘`´]re|\s+is|\s+are|\s+was|\s+were)\s+(?:(?!(?:killed|murdered|shot|buried|died|lost|taken|hit|struck|gone|dead)\b)\w+\s+){0,2}?(?:alone|in(?!\s+(?:heaven|peace|a better place|the ground|a coma)\b)|at|on|with|going|heading|setting|doing|buying|celebrating|out|away|off|home|living|staying|working|studying|a|an)\b|\b(?:mom|mum|mother|dad|father|parents|son|daughter|kids|children|wife|husband|partner|brother|sister|friends|grandma|grandpa|gran|nan|grandad|grandmother|grandfather|aunt|uncle|cousins|family|coach|captain|he|she|they)\s+(?:goes|go|meet|meets|lives|live|moved|retired|went|is going|are going|started|joined|plays?|runs?|wants?)\b)/i;
const LIVING_FEMALE = /\b(?:mom|mum|mother|daughter|wife|girlfriend|sister|grandma|gran|nan|grandmother|aunt|she)\b/i;
const LIVING_MALE = /\b(?:dad|father|son|husband|boyfriend|brother|grandpa|grandad|grandfather|uncle|he)\b/i;
const LIVING_PLURAL = /\b(?:parents|grandparents|kids|children|friends|cousins|family|team|everyone|everybody|they|guys|people)\b/i;
/** Whether a living person placed in `between` (LIVING_CLAUSE) is one the pronoun of the join phrase can refer to (since 1.8.5). */
function livingJoinable(between: string, phrase: string): boolean {
  const pronoun = /\b(him|her|them)\b/i.exec(phrase)?.[1]?.toLowerCase();
  const re = new RegExp(LIVING_CLAUSE.source, 'gi');
  for (let m: RegExpExecArray | null; (m = re.exec(between)) !== null; ) {
    const female = LIVING_FEMALE.test(m[0]), male = LIVING_MALE.test(m[0]), plural = LIVING_PLURAL.test(m[0]);
    if (!female && !male && !plural) return true; // partner, friend, coach: either pronoun
    if ((pronoun === 'her' && female) || (pronoun === 'him' && male) || (pronoun === 'them' && (plural || LIVING_PLURAL.test(between.slice(m.index))))) return true;
  }
  return false;
}
const JOIN_INTENT = /^(?:going|gonna|gunna|decided|plan|planning|will|['’‘`´]ll)\b/i;
const JOIN_RULE: Rule = { code: 'passive.join_dead', kind: 'ideation', category: 'suicide', level: 2, anchors: [], re: '' };

function addJoinTheDead(hits: Hit[], text: string, surface: ScreenOptions['surface']): void {
  if ((MARKERS.seen & MARK_JOIN) === 0) return;
  for (const re of [JOIN_DEAD, BE_WITH_DEAD]) readJoinTheDead(hits, text, surface, re);
}

function readJoinTheDead(hits: Hit[], text: string, surface: ScreenOptions['surface'], re: RegExp): void {
  const beWith = re === BE_WITH_DEAD;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const from = Math.max(0, m.index - 300);
    const near = text.slice(from, Math.min(text.length, m.index + m[0].length + 80));
    const afterlife = /\b(?:heaven|up there|other side|afterlife|in death)\b/i.test(m[0]);
    // The last sign of a death before the phrase (or after it): what lies between names who is joined.
    let lastDeath = -1;
    const deaths = new RegExp(DIED_CONTEXT.source, 'gi');
    let d: RegExpExecArray | null;
    let died = false;
    while ((d = deaths.exec(near)) !== null) {
      died = true;
      // Since 1.8.5 from the start of the death's sentence: "my friends are at the funeral home. I'll join them".
      if (from + d.index < m.index) lastDeath = sentenceStart(text, from + d.index);
    }
    if (!died) {
      if (beWith) continue;
      // "Miss X" alone is not a death: read only when nothing places the person among the living.
      if (!MISS_CONTEXT.test(near) || ALIVE_ELSEWHERE.test(near) || LIVING_CLAUSE.test(near) || /(?<=[a-z,;]\s+)[A-Z][a-z]{2,}/.test(near)) continue;
    } else if (!afterlife) {
      // "My aunt died. My cousins are at the pub after the wake, I'll join them": the one joined is alive.
      // Since 1.8.5 only a living person "him / her / them" can refer to: "mom died. dad is a mess and i want to join her".
      if (lastDeath >= 0 && livingJoinable(text.slice(lastDeath, m.index), m[0])) continue;
      // "Mom passed away, dad moved to Spain and I want to join him": the one joined may be alive.
      if (ALIVE_ELSEWHERE.test(near) && !/\b(?:died|passed|dead|gone|lost|funeral|killed|took)\b/i.test(text.slice(sentenceStart(text, m.index), m.index))) continue;
    }
    const hit = read(text, JOIN_RULE, m.index, m.index + m[0].length, surface);
    if (hit === null) continue;
    // Since 1.8.8 also "join / follow him" where a death is said ("my brother was killed in afghanistan and I want to
    // join him"): with the death named, joining can only mean dying; a bare "miss" or "be with him again" stays 2.
    if (hit.active && hit.level === 2 && hit.subject === 'self' && (JOIN_INTENT.test(m[0]) || (died && !beWith) || hits.some((h) => h.rule.code === 'bereaved.died_by_suicide'))) {
      hit.level = 3;
      hit.context.push('intent');
    }
    // A time said with it ("join him tonight") or a means right after ("… I have his pills") is a plan, 4.
    if (hit.active && hit.subject === 'self' && hit.level >= 2 && (JOIN_TIME.test(m[0]) || JOIN_MEANS.test(text.slice(m.index + m[0].length, m.index + m[0].length + 80)))) {
      hit.level = 4;
      if (!hit.context.includes('intent')) hit.context.push('intent');
    }
    hits.push(hit);
  }
}

/**
 * The writer says they will die, with a time (since 1.8.21): "i'm going to die tonight", "gonna die tn", "i'll die
 * tomorrow", "im going to die today" — intent, 4; with a goodbye or an apology to everyone before or after it ("gonna die
 * tonight, sorry everyone", "i'm going to die tonight. goodbye") or said as "tonight i die", 5; in a sentence with a
 * condition ("if he leaves i'm going to die tonight"), 3. Read at the "die" the marker pass found before a time
 * (`marker.die_time`), only with "I" or opening a sentence or clause ("gonna die tonight"), so that a phone, a battery or
 * a plant "is going to die tonight" is never read. Not read (no hit at all, so that the model's reading is as before):
 * fear or a belief before it ("i feel like i'm going to die tonight", "scared i'm gonna die today"), a hedge ("probably"),
 * a trivial cause near it (a concert, a game, a workout, the heat, exams, a phone, laughter, "lol": "gonna die tonight at
 * this concert lol", "i'm going to die tomorrow, 3 exams") unless a second crisis signal is near (a goodbye, pills, a note,
 * "kill myself"; exams and the like also give way to despair: "failed", "can't face", "hopeless"), a place or a thing right
 * after the time that is no crisis ("at work", "in fortnite", "of boredom"), negation, fiction and the past (read()).
 */
const DIE_AT_TIME_RULE: Rule = { code: 'ideation.die_at_time', kind: 'ideation', category: 'suicide', level: 3, anchors: [], re: '' };
const DIE_HEDGE = '(?:(?:just|really|actually|literally|finally|definitely|seriously|so|probably|prob|prolly|maybe)\\s+)*';
/** Before "die": the writer's intent ("i'm going to", "i'll", "imma"), by "I". */
const DIE_BY_I = new RegExp(
  `\\b(?:(?:i['’‘\`´]?m|im|i\\s+am)\\s+${DIE_HEDGE}(?:going\\s+to|goin\\s*(?:to|2)|gonna|gna|gunna|bout\\s+to|about\\s+to|finna)|ima|imma|i['’‘\`´]?ma|i\\s*['’‘\`´]?\\s*ll|i\\s+will|i\\s+shall)\\s+(?:(?:just|really|actually|finally|fucking|probably|prob|prolly|maybe|go(?:\\s+and)?)\\s+)*$`,
  'i',
);
/** Before "die": the same without "I", opening the sentence or a clause ("gonna die tonight", "ok so going to die today"). */
const DIE_OPENING = new RegExp(
  `(?:^|[.!?;,:\\n…(])\\s*(?:(?:ok|okay|so|yeah|well|welp|honestly|tbh|ngl|fr|and|but|just|then|now)\\s*,?\\s+)*${DIE_HEDGE}(?:going\\s+to|goin\\s*(?:to|2)|gonna|gna|gunna|bout\\s+to|about\\s+to|finna|ima|imma)\\s+(?:(?:just|really|actually|finally|fucking|go(?:\\s+and)?)\\s+)*$`,
  'i',
);
/**
 * The time opening the clause, "die" closing it: "tonight i die" (5, as "tonight I end it" reads), "tonight i'm going to
 * die", "tomorrow i'll die" (4). Group 1: the bare "i".
 */
const DIE_FRONTED = new RegExp(
  `(?:^|[.!?;,:\\n…(])\\s*(?:(?:and|so|but|then|ok|okay)\\s*,?\\s+)?(?:(?:after|before)\\s+(?:the\\s+|my\\s+|this\\s+)?\\w+\\s+)?(?:tonight|tonite|2nite|2night|today|tomorrow|tmrw|2morrow)\\s*,?\\s*(?:(i)|(?:i['’‘\`´]?m|im|i\\s+am)\\s+${DIE_HEDGE}(?:going\\s+to|goin\\s*(?:to|2)|gonna|gna|gunna|finna)|ima|imma|i\\s*['’‘\`´]?\\s*ll|i\\s+will|(?:going\\s+to|gonna|gna|gunna))\\s+(?:(?:just|really|actually|finally|fucking|go(?:\\s+and)?)\\s+)*$`,
  'i',
);
/** "i die tonight." opening its clause (5, as "tonight i die"). */
const DIE_BARE_I = /(?:^|[.!?;,:\n…(])\s*(?:(?:and|so|but|then|ok|okay)\s*,?\s+)?i\s+$/i;
const DIE_TIME_AFTER = new RegExp(`\\s*(?:together\\s+)?(?:by\\s+)?(?:${DIE_TIME.replace(/ /g, '\\s+')}|${DIE_BY_END.replace(/ /g, '\\s+')})\\b`, 'iy');
/** What closes "tonight i die": the clause's end, a goodbye, "and" + more of the same. */
const DIE_FRONTED_END = /^\s*(?:[^\w\s'’‘`´?]|$|(?:good\s*bye|bye|farewell|and)\b)/i;
/** Fear, a belief or a hedge before the phrase: "i feel like i'm going to die tonight", "i'm scared i'll die tomorrow". */
const DIE_FEAR = /\b(?:feel|feels|felt|feeling|scared|afraid|terrified|worried|worry|fear|fearing|thought|swear|bet|panic\w*|anxious|nervous|convinced|might|doctors?|dr|says|said|say|saying|told(?! my ?self))\b/i;
/** A belief or a resolve before it (since 1.8.23: read at 3, not skipped): "i'm sure / i think / i told myself i'm going to die tonight". */
const DIE_BELIEF = /\b(?:think|sure|told my ?self)\b/i;
/** "tonight's the night i die", "today is the day i die" (since 1.8.23): read as "tonight i die". */
const DIE_THE_NIGHT = /(?:^|[.!?;,:\n…(])\s*(?:(?:and|so|but|then|ok|okay)\s*,?\s+)?(?:tonight|tonite|today|tomorrow|tmrw)(?:['’‘`´]?s|\s+is)\s+the\s+(?:night|day)\s+(?:that\s+)?i\s+(?:(?:finally|just|will|['’‘`´]?ll)\s+)?$/i;
/** Hair dyeing said in the sentence before ("finally got the purple. gonna dye tonight!", since 1.8.23). */
const DIE_HAIR = /\b(?:hair|bleach\w*|dyed|dyeing|dye|purple|pink|blue|green|teal|blonde|brunette|ginger|colou?r(?:ed|ing)?|manic panic|roots|box dye|highlights)\b/i;
/** A hedge on the intent (since 1.8.22: read, at 3): "i'm probably going to die tonight", "i'll maybe die tomorrow". */
const DIE_MAYBE = /\b(?:probably|prob|prolly|maybe|likely)\b/i;
/**
 * Someone else's words reported right before "i'm going to die tonight" (since 1.8.22): "he said i'm going to die
 * tonight", "my friend texted me 'i'm going to die tonight'" — concern about them (subject 'other', at the level the words
 * read: 4, as "my friend said she is going to kill herself tonight" reads other). Not a doctor's words (skipped as before).
 */
const DIE_REPORTED =
  /(?:^|[^\w'’‘`´])(?:he|she|they|someone|somebody|(?:my|our|a)\s+(?:\w+\s+)?(?:friend|sister|brother|sis|bro|mom|mum|mother|dad|father|son|daughter|cousin|girlfriend|boyfriend|gf|bf|wife|husband|partner|roommate|classmate|bestie|bff|coworker|colleague|mate|niece|nephew|kid|child|student|client))\s+(?:just\s+)?(?:said|says|told me|texted|texts|wrote|messaged|posted|sent)(?:\s+(?:me|to me|us))?(?:\s+(?:that|this|saying|like))?\s*[:,]?\s*["'“‘]?\s*$/i;
/**
 * "we're going to die tonight" said of the writer and another (a pact, since 1.8.22; "we'll / we will die" since 1.8.24); never
 * "we're all ...". Since 1.8.24's review also "we'll both die", after a decision ("we decided we'll die tonight", "my bf and i
 * decided …"), and "tonight we'll die together" (DIE_FRONTED_WE).
 */
const DIE_WE_DECIDED = `(?:(?:we|(?:my|me)\\s+\\w+\\s+and\\s+(?:i|me)|(?:i|me)\\s+and\\s+my\\s+\\w+)\\s+(?:(?:have|just|finally|both)\\s+)*(?:decided|agreed|promised|planned|chose)(?:\\s+that)?\\s+)?`;
const DIE_WE_INTENT = `(?:(?:we['’‘\`´]?re|were|we\\s+are)\\s+(?:(?:just|really|actually|finally|both)\\s+)*(?:going\\s+to|goin\\s*(?:to|2)|gonna|gna|gunna)|we\\s*['’‘\`´]?\\s*ll|we\\s+will|we\\s+shall)\\s+(?:(?:just|really|actually|finally|both)\\s+)*`;
const DIE_BY_WE = new RegExp(`(?:^|[.!?;,:\\n…(])\\s*(?:(?:ok|okay|so|and|then|now)\\s*,?\\s+)?${DIE_WE_DECIDED}${DIE_WE_INTENT}$`, 'i');
/** "we'll die" after "and", "but" or a clause with no stop ("after my boss fired me we'll die tomorrow"). */
const DIE_BY_WE_LOOSE = new RegExp(`\\b${DIE_WE_DECIDED}${DIE_WE_INTENT}$`, 'i');
const DIE_FRONTED_WE = new RegExp(
  `(?:^|[.!?;,:\\n…(])\\s*(?:(?:and|so|but|then|ok|okay)\\s*,?\\s+)?(?:tonight|tonite|2nite|2night|today|tomorrow|tmrw|2morrow)\\s*,?\\s*${DIE_WE_INTENT}$`,
  'i',
);
/**
 * What "we" would die of, said before "we'll die tomorrow" in its sentence or in a short sentence before with its time (since
 * 1.8.24's review: "exam tomorrow. we'll die tomorrow", "ugh the heat, we'll die tomorrow", "our team plays city tomorrow, …").
 */
const DIE_WE_CAUSE =
  /\b(?:exams?|tests?|finals|midterms?|quiz\w*|homework|assignments?|essays?|deadlines?|presentations?|interviews?|leg day|gym|workout|cardio|practice|training|marathon|hike|hiking|heat|heatwave|humid\w*|boss(?: fights?)?|raid|games?|match|team|playoffs|concerts?|festival|shift|lectures?|dentist|finale)\b/i;
const DIE_WE_TIME = new RegExp(`\\b${DIE_TIME}\\b`, 'i');
/** A pact said in so many words: its everyday readings are not looked for ("we decided we'll die tonight"). */
const DIE_WE_PACT = /\b(?:together|decided|agreed|promised|planned|pact)\b/i;
/**
 * "he's going to die tonight", "my brother said he's going to die tonight" (since 1.8.24): someone else who will die, with
 * a time — concern about them (subject 'other'): their own words reported (DIE_REPORTED) read as the words say (4); said
 * by the writer, 2 (the crisis response and helper guidance, no alert: it may be the writer's fear for them).
 */
const DIE_PERSON =
  '(?:friend|sister|brother|sis|bro|mom|mum|mother|dad|father|son|daughter|cousin|girlfriend|boyfriend|gf|bf|wife|husband|partner|roommate|classmate|bestie|bff|coworker|colleague|mate|niece|nephew|kid|child|student|client)';
const DIE_BY_THEM = new RegExp(
  `\\b(?:(?:he|she)(?:['’‘\`´]?s|\\s+is)|they(?:['’‘\`´]?re|\\s+are)|theyre|(?:my|our)\\s+(?:\\w+\\s+)?${DIE_PERSON}(?:['’‘\`´]?s|\\s+is))\\s+${DIE_HEDGE}(?:going\\s+to|goin\\s*(?:to|2)|gonna|gna|gunna|about\\s+to|finna)\\s+(?:(?:just|really|actually|finally|fucking|go(?:\\s+and)?)\\s+)*$|\\b(?:he|she|they)\\s*(?:['’‘\`´]\\s*ll|\\s+will)\\s+(?:(?:just|really|actually|finally)\\s+)*$`,
  'i',
);
/**
 * Near "he's going to die tonight": an illness, old age, a pet, a doctor — a prognosis or a grief, not a crisis. Since 1.8.24's
 * review not "old" or "age" alone ("my 16 year old brother"), "team", or a hospital left ("just got out of the hospital");
 * never read beside an attempt or a goodbye (DIE_THEM_CRISIS).
 */
const DIE_THEM_EVERYDAY =
  /\b(?:sick|ill|illness|disease|cancer|tumou?r|stroke|heart attack|hospice|(?:in|at|to) (?:the )?hospital|icu|ventilator|vets?|(?:doctors?|dr)\s+(?:said|says|told|tells|think|thinks|gave)|(?:said|says|told (?:us|me|them)|tells (?:us|me)) (?:(?:the|his|her|their) )?(?:doctors?|dr)|nurses?|surgeon|surgery|operation|diagnos\w*|terminal|palliative|prognosis|(?:very|so|really|too|getting) old|old age|elderly|grand(?:pa|ma|father|mother|dad|mum|mom)|nan|nana|gran|dogs?|cats?|pets?|pupp(?:y|ies)|kitten|hamster|fish|bird|rabbit|bunny|horse|turtle|tortoise|guinea pig|snake|lizard|parrot|goldfish|plants?|tree|kill (?:him|her|them)|murder\w*)\b/i;
/** "… said he's going to die tonight": a verb of saying right before, whoever said it (the words are theirs). */
const DIE_THEM_SAID =
  /\b(?:said|says|told (?:me|us)|tells (?:me|us)|texted|texts|wrote|messaged|posted|sent|keeps saying|kept saying|is saying|was saying)(?:\s+(?:me|to me|us))?(?:\s+(?:that|this|saying|like))?\s*[:,]?\s*["'“‘]?\s*$/i;
/** A story, a game or a match (read only when the words are not reported as theirs: "he said he's going to die tonight"). */
const DIE_THEM_FICTION = /\b(?:character|sim|villain|hero|player|fighter|boxer|finale|episode|season|show|series|movie|film|book|game|boss|lol|lmao|haha\w*)\b/i;
/** Near "she's going to die tonight": an attempt, a goodbye, a means — a crisis whatever else is said. */
const DIE_THEM_CRISIS =
  /\b(?:attempt\w*|tried to (?:kill|end|hang|overdose)|suicid\w*|kill(?:ing)? (?:him|her|them)sel(?:f|ves)|overdos\w*|good\s*-?bye|farewell|saying bye|pills?|meds|rope|noose|gun|knife|blades?|razors?|bridge|note|letters?|gave away|giving away|took|swallowed|roof|rooftop|ledge|said (?:she|he|they)['’‘`´]?(?:s| is| are|re) done)\b/i;
/** What "we" would die of when it is no pact: weather, a trip, a game, fright ("we're going to die tonight, the storm"). */
const DIE_WE_EVERYDAY =
  /\b(?:all|both gonna|storm|hurricane|tornado|flood\w*|snow|ice|icy|roads?|driv\w*|car|plane|boat|camping|tent|zombies?|ghosts?|coach|teacher|mom|mum|dad|kills? us|murder\w*|killed|without (?:the |any |our )?(?:wifi|wi-fi|internet|power|electricity|ac|aircon|air con|heating|coffee|snacks|food)|wifi|prophecy|prophesied|quot(?:e|es|ing)|hobbit|lotr|lyrics?)\b/i;
/**
 * "i'm dying tonight" closing its clause (since 1.8.22): the end, punctuation (no "?"), "guys", a goodbye; since 1.8.24 after
 * words that only stress it ("im dying tonight fr").
 */
const DYING_END = /^(?:\s*(?:fr|frfr|for real|no cap|ngl|tbh|i swear)\b)*\s*(?:[.!,;:…\n]|$|(?:guys|every(?:one|body)|y['’‘`´]?all|good\s*bye|bye|farewell)\b)/i;
/** "i'm dying tonight" of an illness, tiredness or a feeling: everyday. */
const DYING_EVERYDAY = /\b(?:sick|ill|cold|flu|covid|fever|cough\w*|sore|cramps?|period|migraine|headache|hurts?|pain|tired|exhausted|sleepy|sleep|hot|heat|cold|laugh\w*|dead|crying|cry|inside|of|from|with|over|cause|because|bc|cuz)\b|[\u{1F300}-\u{1FAFF}\u2600-\u27BF]/iu;
/** After "i'm dying today" (since 1.8.24's review): work, a weekday, being busy, hair dye. */
const DYING_TODAY_EVERYDAY =
  /\b(?:work\w*|job|office|shift|meetings?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|busy|so much to do|hair|bleach\w*|dye\w*|purple|pink|blonde|brunette|ginger|teal|colou?r\w*|roots|highlights)\b/i;
/** Said near "i'm dying today": it is meant (since 1.8.25's second review: "… mondays won't matter anymore"). */
const DYING_TODAY_FINAL = /\b(?:anymore|any more|won['’‘`´]?t matter|wont matter|doesn['’‘`´]?t matter|doesnt matter|made my peace|(?:won['’‘`´]?t|wont|will not|not) (?:be )?go(?:ing)? home)\b/i;
/** Glee around "i'm dying tonight" ("omg i'm dying tonight", "i'm dying tonight!!"): laughter or excitement. */
const DYING_GLEE = /\b(?:omg|omfg|yay|yess+|ahh+|excited|hype\w*|can['’‘`´]?t wait)\b|!!/i;
/** The sentence before is only the time ("tonight.", "its tonight.", "tomorrow!"). */
const DIE_PREV_TIME = /(?:^|[.!?\n])\s*(?:(?:it['’‘`´]?s|its|it is|so|ok|okay|and)\s+)?(?:tonight|tonite|2nite|2night|today|tomorrow|tmrw|2morrow)\s*[.!…]+\s*$/i;
/** A trivial cause or an everyday thing near the phrase. */
const DIE_EVERYDAY =
  /\b(?:phone|battery|batteries|charger|laptop|ipad|iphone|airpods|headphones|plants?|flowers?|tamagotchi|character|champion|raid|boss fight|respawn\w*|lvl|games?|gaming|fortnite|minecraft|roblox|valorant|warzone|apex|overwatch|league|elden ring|dark souls|call of duty|cod|dnd|d&d|campaign|concerts?|gigs?|shows?|festival|party|rave|club|wedding|prom|recital|match|gym|workout|leg day|cardio|practice|training|marathon|5k|10k|hike|hiking|climb\w*|heat|hot|humid\w*|heatwave|freezing|spicy|hot sauce|wings|peppers?|laugh\w*|embarrass\w*|cringe\w*|excite\w*|excited|hype\w*|boredom|bored|boring|episode|finale|season|premiere|movie|film|horror|scary|rollercoaster|ride|flight|turbulence|traffic|hangover|hungover|drunk|drinking|shots|tequila|dance|stage|cuteness|sees|see this|finds? out|catch(?:es)? me|hears|reads this|caffeine|coffee|lol+|lmao+|lmfao+|haha\w*|hehe\w*|jk|xd+|rofl|haunted|surgery|operation|dentist|vaccine|injection|crush|first day|nervous|degrees|sunburn|team|playoffs|boss|chores|cleaning|see my|when (?:she|he|they|my \w+) sees?|food|eat|eating|hungry|starving|snacks?|pizza|dinner|lunch|breakfast|results|grades|report card|exams?|tests?|finals|quiz\w*|midterms?|homework|assignments?|essays?|deadlines?|shift|lectures?|presentation|interview|new job|start(?:ing)? (?:my|a) (?:new )?(?:job|school|class)|tickets?|taylor swift|vape|vaping|bus|crowded|album|drops|miles|run(?:ning)? \d+|(?:is|gonna|going to) kill me|insane|omg|omfg|school|class|church|recess|semester|sleepover)\b|!{3,}|😂|🤣|💀|😆|😅|😭😭/iu;
/** What a condition that makes it an idiom is about: "i'm going to die tonight if i don't sleep / eat / get coffee". */
const DIE_CONDITION_TRIVIAL = /\b(?:sleep|nap|rest|coffee|caffeine|water|drink|shower|charge|charger|wifi|internet|air ?con|a\/?c|fan|finish|done|pass|study|studying)\b/i;
/** A laugh right after the phrase, across its full stop: "tonite i die. 😂", "gonna die tomorrow. lol". */
const DIE_LAUGH_AFTER = /^[\s.!…]*(?:😂|🤣|💀|😆|😅|lol|lmao|lmfao|haha)/iu;
/** Despair said near the phrase: it overrides every everyday cause (since 1.8.23; before, only exams and the like). */
const DIE_DESPAIR =
  /\b(?:failed|failing|fail|can['’‘`´]?t face|disappoint\w*|ruined|hopeless|worthless|burden|alone|hate my ?self|nobody|no ?one|tired of|done with|give up|gave up|no point|hating my ?self|disgusted with my ?self|can['’‘`´]?t (?:do this|go on|take (?:it|this)|anymore)|for real|both of us|(?<!\bnot\s)(?<!n['’‘`´]?t\s)ready|made up our minds|nothing left)\b/i;
/** A second crisis signal: the everyday readings give way to it. */
const DIE_SECOND =
  /\b(?:suicid\w*|kill(?:ing)? my ?self|kms|end (?:it|my life|things)|unaliv\w*|pills?|overdos\w*|meds|rope|noose|gun|knife|blades?|razors?|bridge|cliffs?|jump\w*|notes?|letters?|(?:will|gonna|going to|is going to) find (?:us|me|our bodies|my body)|good\s*-?bye|farewell|forgive me|sorry (?:for everything|every(?:one|body)|all|guys|mom|mum|dad)|love (?:you|u) (?:all|guys|mom|mum|dad)|this is it|my last|better off without me|no reason to live|(?:want|wanna) (?:to )?die|don['’‘`´]?t want to (?:live|be here|wake up)|see (?:you|ya|u) on the other side)\b/i;
/** Right after the time: a place, a game or a cause that is no crisis ("at work", "in fortnite", "of boredom"). */
const DIE_ELSEWHERE =
  /^\s*,?\s*(?:(?:at|in|on|during)\s+(?:(?:the|my|a|this|that|our|his|her)\s+)?(?:work|job|office)\b|(?:at|in|on|during|after|before)\s+(?:(?:the|my|a|this|that|our|his|her)\s+)?(?:school|class|practice|church|gym|mall|store|concert|game|party|show|match|club|camp|meeting|lecture|exam|test|fortnite|minecraft|roblox|valorant|\w*craft)\b|(?:playing|watching|of|from|with|because of|cause of|cuz of|bc of)\b(?!\s+(?:(?:the|my|a|this|that)\s+)?(?:bridge|tracks|train tracks|railway|river|lake|sea|ocean|cliffs?|woods|forest|garage|roof|rooftop|ledge|room|home|house|flat|apartment|sleep|bed|bath|bathtub|tub|hospital|motel|hotel|peace|pain|pills?|meds|overdose|rope|gun|everyone|everybody|you all|(?:my )?own hands?|(?:my )?own terms)\b))/i;
/** A goodbye or an apology to everyone before or after it: 5. */
const DIE_FAREWELL =
  /\b(?:(?:good\s*-?bye|bye|farewell)\b(?=\s*(?:[^\w\s'’‘`´]|$|every(?:one|body)|all|guys|y['’‘`´]?all|world|forever|friends|family|mom|mum|dad|cruel|for good|i love|love you|sorry))|sorry (?:to )?(?:every(?:one|body)|all|guys|y['’‘`´]?all|mom|mum|dad|for everything)|(?:i['’‘`´]?m|im|i am) (?:so )?sorry(?=\s*(?:[^\w\s'’‘`´]|$))|forgive me|(?:i )?love (?:you|u) (?:all|guys|every(?:one|body)|mom|mum|dad)|this is it|see (?:you|ya|u) on the other side|my last (?:post|message|words)|take care of (?:my|the) (?:\w+ )?(?:cats?|dogs?|pets?|kitten|puppy|rabbit|hamster|bird|fish|kids?|little (?:brother|sister)|plants?|mom|mum|dad|family)(?: for me)?)/i;
/** Nothing after the phrase's time but stops, emoji or a laugh (the sentence-before cause reads only then). */
const DIE_BARE_AFTER = /^(?:[\s\p{P}\p{S}]|lol|lmao|lmfao|haha\w*|hehe\w*|xd)*$/iu;
const DIE_CONDITION_AFTER = /^[^.!?\n]{0,40}?\b(?:if|unless)\b/i;

function addDieAtTime(hits: Hit[], text: string, surface: ScreenOptions['surface']): void {
  const spans = MARKERS.dieTime;
  const otherSignal = hits.some((h) => h.active && h.subject === 'self' && (h.rule.category === 'suicide' || h.rule.kind === 'farewell' || h.rule.code === 'distress.despair'));
  for (let k = 0; k < spans.length; k += 2) {
    const dieEnd = spans[k + 1]!;
    // "i'll be dead by tonight" (since 1.8.23): read as "i'll die tonight", from "be".
    const dead = (text.charCodeAt(spans[k]! + 1) | 32) === 101;
    const be = dead ? /\bbe\s+$/i.exec(text.slice(Math.max(0, spans[k]! - 6), spans[k]!)) : null;
    if (dead && be === null) continue;
    const dieStart = spans[k]! - (be === null ? 0 : be[0].length);
    const ss = sentenceStart(text, dieStart);
    const pre = text.slice(Math.max(ss, dieStart - 80), dieStart);
    const opensAt = ss >= dieStart - 80 ? pre : ' x ' + pre;
    let start: number;
    let end: number;
    let fronted = false;
    DIE_TIME_AFTER.lastIndex = dieEnd;
    const timed = DIE_TIME_AFTER.exec(text);
    const intentByI = timed === null ? null : DIE_BY_I.exec(pre);
    const bareI = timed === null || intentByI !== null ? null : DIE_BARE_I.exec(opensAt);
    const byI = intentByI ?? bareI;
    const opening = timed === null || byI !== null ? null : DIE_OPENING.exec(opensAt);
    const front = timed !== null ? null : DIE_FRONTED.exec(opensAt) ?? DIE_THE_NIGHT.exec(opensAt);
    const dying = (text.charCodeAt(dieStart + 1) | 32) === 121; // "dying" (since 1.8.22), else "die"
    let byWe = timed === null || byI !== null || opening !== null || dying ? null : DIE_BY_WE.exec(opensAt);
    // "this heat is unbearable and we'll die tonight, goodbye" (since 1.8.25's second review): "we" opening no clause of
    // its own is read only with a second sign of crisis or a goodbye near it.
    if (byWe === null && timed !== null && byI === null && opening === null && !dying) {
      const loose = DIE_BY_WE_LOOSE.exec(opensAt);
      const nearWe = text.slice(Math.max(0, dieStart - 160), Math.min(text.length, dieEnd + 160));
      if (loose !== null && (DIE_SECOND.test(nearWe) || DIE_FAREWELL.test(nearWe))) byWe = loose;
    }
    // "tonight we'll die together" (since 1.8.24's review), read as "we'll die tonight".
    const frontWe = timed !== null || front !== null || dying || dead ? null : DIE_FRONTED_WE.exec(opensAt);
    const byThem = timed === null || byI !== null || opening !== null || byWe !== null || dying || dead ? null : DIE_BY_THEM.exec(pre);
    let reported = false;
    let maybe = false;
    let pact = false;
    let them = false;
    if (dying) {
      // "i'm dying tonight" (the marker saw "i'm" before it): only closing its clause, never of an illness or a feeling.
      if (timed === null) continue;
      end = timed.index + timed[0].length;
      if (!DYING_END.test(text.slice(end, end + 20))) continue;
      if ((DYING_EVERYDAY.test(text.slice(end, sentenceEnd(text, end) + 1)) || DYING_GLEE.test(text.slice(Math.max(0, dieStart - 60), end + 4))) && !DIE_SECOND.test(text.slice(Math.max(0, dieStart - 160), end + 160))) continue;
      // "i'm dying today" is far more often hyperbole than "tonight" (since 1.8.24's review): an everyday cause said after it,
      // in its sentence or the next ("i'm dying today, so much work", "i'm dying today. mondays"), or hair dye ("purple").
      if (/^\s*(?:today|2day)/i.test(timed[0])) {
        const se = sentenceEnd(text, end);
        const after = text.slice(end, sentenceEnd(text, se + 1) + 1);
        const nearToday = text.slice(Math.max(0, dieStart - 160), Math.min(text.length, end + 160));
        if ((DYING_TODAY_EVERYDAY.test(after) || DIE_EVERYDAY.test(after)) && !DIE_SECOND.test(nearToday) && !DIE_DESPAIR.test(nearToday) && !DIE_FAREWELL.test(nearToday) && !DYING_TODAY_FINAL.test(nearToday) && !otherSignal) continue;
      }
      const im = /(?:i['’‘`´]?m|im|i\s+am)\s+(?:(?:really|actually|literally|so)\s+)?$/i.exec(pre);
      if (im === null) continue;
      start = dieStart - pre.length + im.index;
    } else if (byWe !== null || frontWe !== null) {
      // "we're going to die tonight": the writer and another, a pact (since 1.8.22); everyday where a storm, a trip or
      // a game is said (DIE_WE_EVERYDAY, DIE_EVERYDAY below) or "we're all".
      if (byWe !== null) {
        end = timed!.index + timed![0].length;
        start = dieStart - opensAt.length + byWe.index + byWe[0].search(/[a-z0-9]/i);
      } else {
        const together = /^\s+together\b/i.exec(text.slice(dieEnd, dieEnd + 12));
        end = dieEnd + (together === null ? 0 : together[0].length);
        if (!DIE_FRONTED_END.test(text.slice(end, end + 20))) continue;
        start = dieStart - opensAt.length + frontWe!.index + frontWe![0].search(/[a-z0-9]/i);
      }
      const said = text.slice(start, Math.min(text.length, end + 12)); // "… tonight together"
      const weSentence = text.slice(Math.max(ss, start - 120), sentenceEnd(text, end) + 1);
      const weCrisis = text.slice(Math.max(0, start - 160), Math.min(text.length, end + 160));
      // Since 1.8.25's second review not beside a second sign of crisis or a goodbye ("…, my mom will find us", "…, we're
      // taking the car to the cliff", "…, we have the pills and the note").
      if (!/\b(?:decided|agreed|promised|planned|pact)\b/i.test(said) && DIE_WE_EVERYDAY.test(weSentence) && !DIE_SECOND.test(weCrisis) && !DIE_FAREWELL.test(weCrisis)) continue;
      if (!DIE_WE_PACT.test(said)) {
        // Since 1.8.24's review: an everyday cause in its sentence or the one before ("exam tomorrow. we'll die tomorrow",
        // "ugh the heat, we'll die tomorrow"), unless a pact is said ("together", "decided") or a sign of crisis is near.
        // The sentence before only when short and naming the cause with its time ("exam tomorrow."): read further, an
        // everyday word lowered crisis texts the phrase was spliced into (as 1.8.23 found for "i'm going to die tonight").
        const weBefore = ss > 0 ? text.slice(sentenceStart(text, Math.max(0, ss - 2)), ss) : '';
        // Since 1.8.25's second review only when nothing but a stop, an emoji or a laugh follows the time: "exam tomorrow. we're
        // going to die tomorrow. we've written our notes" is a crisis whose first sentence happens to name an exam.
        const causeBefore = weBefore.trim().length <= 80 && DIE_WE_CAUSE.test(weBefore) && DIE_WE_TIME.test(weBefore) && DIE_BARE_AFTER.test(text.slice(end));
        const weNear = text.slice(Math.max(0, start - 160), Math.min(text.length, end + 160));
        if ((DIE_WE_CAUSE.test(text.slice(Math.max(ss, start - 120), start)) || causeBefore) && !DIE_SECOND.test(weNear) && !DIE_DESPAIR.test(weNear) && !DIE_FAREWELL.test(weNear) && !otherSignal) continue;
      }
      pact = true;
    } else if (byThem !== null) {
      // "he's going to die tonight" (since 1.8.24): someone else; never beside an illness, old age, a pet or a game.
      end = timed!.index + timed![0].length;
      start = dieStart - pre.length + byThem.index + byThem[0].search(/[a-z0-9]/i);
      const around = text.slice(Math.max(0, start - 160), sentenceEnd(text, end) + 1);
      // Since 1.8.24's review: never beside an attempt, a goodbye or a means; their own words reported are read as said
      // ("my friend got kicked off the team and he said he's going to die tonight"), but a prognosis or a pet still is not.
      if (!DIE_THEM_CRISIS.test(text.slice(Math.max(0, start - 160), Math.min(text.length, end + 160)))) {
        if (DIE_THEM_EVERYDAY.test(around)) continue;
        if (!DIE_REPORTED.test(text.slice(ss, start)) && !DIE_THEM_SAID.test(text.slice(ss, start)) && DIE_THEM_FICTION.test(around)) continue;
      }
      them = true;
    } else if (timed === null && front === null && DIE_PREV_TIME.test(text.slice(Math.max(0, ss - 30), ss))) {
      // "its tonight. im going to die" (since 1.8.22): the time said in the sentence before, "I" opening this one.
      const m = DIE_BY_I.exec(opensAt);
      if (m === null || !/^[\s"'“‘(]*$/.test(opensAt.slice(0, m.index)) || !DIE_FRONTED_END.test(text.slice(dieEnd, dieEnd + 20))) continue;
      start = dieStart - opensAt.length + m.index + m[0].search(/[a-z0-9]/i);
      end = dieEnd;
    } else if (timed !== null && (byI !== null || opening !== null)) {
      // The phrase starts at "i'm" / "i'll" or at the verb opening its clause ("gonna").
      const m = (byI ?? opening)!;
      start = dieStart - opensAt.length + m.index + m[0].search(/[a-z0-9]/i);
      end = timed.index + timed[0].length;
      // "i die tonight." said as a fact, like "tonight i die".
      if (bareI !== null) {
        if (!DIE_FRONTED_END.test(text.slice(end, end + 20))) continue;
        fronted = true;
      }
    } else if (front !== null && DIE_FRONTED_END.test(text.slice(dieEnd, dieEnd + 20))) {
      fronted = front[1] !== undefined || front.length === 1;
      start = dieStart - opensAt.length + front.index + front[0].search(/[a-z0-9]/i);
      end = dieEnd;
    } else continue;
    const clause = clauseOf(text.slice(ss, start));
    reported = !dying && !pact && (DIE_REPORTED.test(text.slice(ss, start)) || (them && DIE_THEM_SAID.test(text.slice(ss, start))));
    const feared = DIE_FEAR.test(clause); // "said", "told" are here: read before 1.8.22 only as reported words
    if (!reported && feared && !them) continue; // "i'm scared he's going to die tonight" is concern for him
    maybe = DIE_MAYBE.test(text.slice(Math.max(ss, start - 20), end)) || (!reported && DIE_BELIEF.test(clause));
    const near = text.slice(Math.max(0, start - 160), Math.min(text.length, end + 160));
    const second = DIE_SECOND.test(near);
    if (!second) {
      if (!fronted && DIE_ELSEWHERE.test(text.slice(end, end + 60))) continue;
      // Since 1.8.23: the everyday cause is looked for in the phrase's own clause before it (not 120 characters back:
      // "my phone will be off. im going to die tonight" is read) and in its own sentence; despair said near it overrides
      // them ("… nobody will notice"). A laugh right after the phrase is a joke ("tonite i die. 😂"). Not the next sentence:
      // read there, an everyday word lowered crisis texts the phrase was spliced into ("… What are you drinking?"), so
      // "im going to die today. so much homework" stays an accepted false alarm (when in doubt, the higher level).
      const se = sentenceEnd(text, end);
      const local = clauseOf(text.slice(ss, start)) + ' ' + text.slice(start, Math.min(text.length, se + 1));
      // Someone else's own words reported are read as said (since 1.8.24's review: "… kicked off the team and he said he's
      // going to die tonight"): their everyday readings are DIE_THEM_EVERYDAY's.
      const everyday = !(them && reported) && (DIE_EVERYDAY.test(local) || DIE_LAUGH_AFTER.test(text.slice(end, end + 8)));
      // Another signal of the writer's (ideation, a farewell, despair) anywhere in the text overrides it too.
      if (everyday && !DIE_DESPAIR.test(near) && !DIE_FAREWELL.test(near) && !otherSignal) continue;
      // "finally got the purple. gonna dye tonight!": hair dye said the sentence before (the typo pass read "dye" as "die").
      if (ss > 0 && DIE_HAIR.test(text.slice(sentenceStart(text, Math.max(0, ss - 2)), ss))) continue;
    }
    const hit = read(text, DIE_AT_TIME_RULE, start, end, surface);
    if (hit === null || !hit.active || hit.context.includes('past')) continue;
    if (pact) hit.subject = 'self';
    if (hit.subject !== 'self' && !reported && !them) continue;
    const conditional = CONDITIONAL.test(clause) || DIE_CONDITION_AFTER.test(text.slice(end, sentenceEnd(text, end)));
    if (conditional && !second && DIE_CONDITION_TRIVIAL.test(text.slice(ss, sentenceEnd(text, end)))) continue;
    // "my mom said i'm going to die tonight if i don't clean my room": a threat said to the writer, not their words.
    if (reported && feared && conditional && !second) continue;
    const farewell = DIE_FAREWELL.test(text.slice(Math.max(0, start - 200), start)) || DIE_FAREWELL.test(text.slice(end, end + 200));
    hit.level = maybe ? 3 : fronted || farewell ? 5 : conditional ? 3 : 4;
    // Someone else will die, in the writer's words: concern, 2 (their own words reported read as said, below); with an
    // attempt, a goodbye or a means near it as the words say (since 1.8.24's review: "my friend is going to die tonight, she
    // took pills"); a condition ("he'll die tomorrow if he eats that") is no concern.
    if (them && !reported) {
      const crisis = DIE_THEM_CRISIS.test(near);
      if (conditional && !crisis) continue;
      if (!crisis) hit.level = 2;
    }
    if (reported || them) {
      // Someone else's words (since 1.8.22): concern about them at the level their words say, as "my friend said she is
      // going to kill herself tonight" reads (other, 5) and "my sister said she wants to die" (other, 3).
      hit.subject = 'other';
      for (const c of reported ? (['other', 'reported'] as const) : (['other'] as const)) if (!hit.context.includes(c)) hit.context.push(c);
    }
    if (!hit.context.includes('intent')) hit.context.push('intent');
    hits.push(hit);
  }
}

/**
 * A pact or a goodbye beside a death cue (since 1.8.3; issue #3): "we're ending it together" with a
 * death or self-harm cue elsewhere in the text ("we have the pills", "we don't want to live") is a plan,
 * 4, whatever relationship is named; and a goodbye said bare at the end ("… goodbye", "Farewell.") beside
 * the writer's own risk (2+) and a death cue other than "ending it" is a goodbye (4, 5 with ideation in
 * combine). Without a death cue nothing changes: "the band is breaking up, we're ending it together on
 * Sunday" stays 3 (a known false alarm), "we're ending it, the divorce is final. goodbye" stays 0.
 */
/** After a bare goodbye: only whom it is said to, then the end of the text. */
const GOODBYE_TAIL = /^(?:\s+(?:all|now|guys|friends|everyone|everybody|world|forever|for now))?\s*[.!…]*\s*$/i;
/** Before it: a sentence or clause break, perhaps "this is" / "so" (GOODBYE_HEAD_START: or the text's start). */
const GOODBYE_HEAD = /[.!?,;:\n…]\s*(?:(?:this is|so|and|well|ok|okay)\s+)?$/i;
const GOODBYE_HEAD_START = /(?:^|[.!?,;:\n…])\s*(?:(?:this is|so|and|well|ok|okay)\s+)?$/i;
const END_IT_PHRASE = /\bend(?:ing)?\s+it(?:\s+together)?\b/gi;
const TOGETHER_END = /\bend(?:ing)?\s+it\s+together\b/i;
const BARE_GOODBYE_RULE: Rule = { code: 'goodbye.bare', kind: 'goodbye', category: 'suicide', level: 4, anchors: [], re: '' };

/** A risk said in jest: "i wish i was dead lol" (since 1.8.4). */
const JOKE_AFTER = /^[^.!?\n]{0,4}?\b(?:lol|lmao|lmfao|haha\w*|jk|xd|rofl)\b|^\s*[😂🤣😆😅]/iu;
/** The writer says they are safe (since 1.8.4; addPactCues). "I'm not okay" is not. */
const SAFETY_STATED =
  /\b(?<!not\s)(?:i['’‘`´]?m|im|i am)\s+(?:(?:so|really|totally|actually|feeling|definitely|safe and|okay and|ok and)\s+)?(?:safe|ok|okay|alright)\b(?!\s+with\b)|\b(?:therapy|treatment|(?:my|the) meds|medication|counsel+ing)\s+(?:is|are|has been|have been)\s+(?:really\s+)?help\w*|\bthanks?(?: you)? (?:all |so much |guys )?for (?:the|this) (?:chat|talk)\b/i;
/** Right after a safety statement: a hedge or a contradiction ("i'm okay i guess", "i'm safe for now", "therapy is helping they say", "i'm ok. not really"; since 1.8.5). */
const SAFETY_HEDGED = /^[\s,.!…–—-]*(?:(?:really|honestly|i mean|lol)[\s,.!…–—-]+)?(?:i guess|i think|i suppose|i thought|for now|for today|(?:or )?so they say|they say|apparently|supposedly|kinda|sort of|not really|or not|jk|not)\b/i;

/**
 * Whether the writer says they are safe before the goodbye at `gs` (since 1.8.4), meant: not when the
 * last such statement is hedged or contradicted, or the writer's own ideation (2+) follows it ("i'm okay,
 * really. i just don't want to be alive anymore. goodbye"): masking, not safety (since 1.8.5).
 */
function safetyStated(hits: Hit[], text: string, gs: number): boolean {
  const pre = text.slice(0, gs);
  let last: RegExpExecArray | null = null;
  const re = new RegExp(SAFETY_STATED.source, 'gi');
  for (let m: RegExpExecArray | null; (m = re.exec(pre)) !== null; ) last = m;
  if (last === null) return false;
  const after = last.index + last[0].length;
  if (SAFETY_HEDGED.test(pre.slice(after))) return false;
  return !hits.some((h) => h.active && h.subject === 'self' && h.level >= 2 && RISK_KINDS.has(h.rule.kind) && h.start >= after && h.start < gs);
}
/** DEATH_CUE without funeral and heaven (someone else's death is no pact); read after stripMetaphors. */
const DEATH_CUE_PACT = new RegExp(DEATH_CUE.source.replace('|funeral|heaven', ''), 'i');
/** Death words said of a thing, in jest or to a thing ("the startup is dead", "killing us", "goodbye, old us"); since 1.8.5 not of life or the world ("this life is dead to us", "goodbye, old life"). */
const PACT_METAPHOR = new RegExp(
  "\\b(?:the|this|our|my|that|their)\\s+(?!(?:" + PERSON + "|life|lives|world)\\b)[a-z&'’-]+(?:\\s+[a-z&'’-]+)?\\s+(?:is|was|are|were|['’]s)\\s+(?:(?:totally|basically|so|pretty much|already|officially|completely)\\s+)?dead\\b" +
    "|\\bdead\\s+(?:boring|quiet|tired|serious|easy|simple|funny|set|wrong|right|good|cute|slow|heavy)\\b|\\b(?:is|was|are|were|been|['’]s)\\s+killing\\s+(?:us|me|it)\\b|\\bkills\\b(?!\\s+(?:me|myself|us|ourselves|him|her|them)\\b)" +
    "|\\bdied\\s+(?:a\\s+(?:\\w+\\s+)?death|in the ratings|on (?:its|the) vine)\\b|\\b(?:dead|dying|died|killed|death)\\b[^.!?\\n]{0,10}?\\b(?:lol|lmao|haha\\w*|jk|xd)\\b" +
    "|\\b(?:good-?bye|farewell),?\\s+(?:to\\s+)?(?:old|my old|our old|the old)\\s+(?!(?:life|lives|world)\\b)\\w+|\\bfarewell\\s+(?:event|party|tour|show|concert|dinner|gig|match|game|episode|drinks|lunch|stream)\\b",
  'gi',
);
function stripMetaphors(text: string): string {
  PACT_METAPHOR.lastIndex = 0;
  return text.replace(PACT_METAPHOR, ' ');
}

/**
 * A means the writer has at hand, said just before a bare goodbye at the end ("i've got the rope.
 * goodbye", "the pills are ready. bye everyone"): an act under way, 5 (since 1.8.8; 1.8.7 read 0, and
 * "i'm ok. i've got the rope. goodbye" 0). A safety statement said before the means is masking and does
 * not cancel it; one said after it does ("i've got the rope for the tent, i'm ok. bye" is not read).
 * The means must close its sentence, so a purpose after it ("bought a rope for the swing") is not read.
 */
const MEANS_AT_HAND = new RegExp(
  "(?:\\b(?:i['’‘`´]?ve|i have|ive|i|just|finally)\\s+(?:(?:just|already|finally)\\s+)?(?:got|have|bought|found|grabbed|picked up|got hold of)|\\b(?:i['’‘`´]?m|im|i am)\\s+holding|(?<=(?:^|[.!?;,\\n])\\s{0,3})(?:got|bought|found|grabbed|holding))\\s+" +
    "(?:(?:the|enough|all (?:the|my|of my)|dad['’‘`´]?s|mum['’‘`´]?s|mom['’‘`´]?s|his|her|a bottle of|a bunch of)\\s+(?:\\w+\\s+)?(?:rope|noose|pills|tablets|meds|gun|pistol|rifle|razor|blades?|knife|belt|cord|charcoal|helium|bleach)|(?:my|a)\\s+(?:rope|noose|gun|pistol|rifle|shotgun))" +
    "(?:\\s+(?:ready|here|now|with me|in my (?:hand|bag|pocket|car|room)))?(?=\\s*(?:[.!;,\\n…]|$))" +
    "|\\b(?:the|my)\\s+(?:rope|noose|pills|tablets|gun|razor|knife)\\s+(?:is|are)\\s+(?:ready|here|tied|up|in my hand|with me)(?=\\s*(?:[.!;,\\n…]|$))",
  'gi',
);
const MEANS_GOODBYE_RULE: Rule = { code: 'act.means_goodbye', kind: 'act', category: 'suicide', level: 5, strong: true, anchors: [], re: '' };

function addMeansGoodbye(hits: Hit[], text: string): void {
  const gs = MARKERS.goodbye[0]!;
  const ge = MARKERS.goodbye[1]!;
  if (gs < 0 || !GOODBYE_TAIL.test(text.slice(ge)) || /\bfor now\b/i.test(text.slice(ge))) return;
  if (!(gs <= 24 ? GOODBYE_HEAD_START : GOODBYE_HEAD).test(text.slice(Math.max(0, gs - 24), gs))) return;
  if (hits.some((h) => h.active && h.level >= 5)) return;
  const from = Math.max(0, gs - 200);
  MEANS_AT_HAND.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  const near = text.slice(from, gs);
  for (let m: RegExpExecArray | null; (m = MEANS_AT_HAND.exec(near)) !== null; ) last = m;
  if (last === null) return;
  const start = from + last.index;
  const end = start + last[0].length;
  const tail = clauseOf(text.slice(sentenceStart(text, start), start)).slice(-60);
  if (negatedBefore(tail) && !NEGATION_EXCEPTION.test(tail)) return;
  if (HYPOTHETICAL.test(text.slice(sentenceStart(text, start), gs))) return;
  if (new RegExp(SAFETY_STATED.source, 'i').test(text.slice(end, gs))) return;
  hits.push({ rule: MEANS_GOODBYE_RULE, start, end, level: 5, subject: 'self', context: ['intent'], active: true });
}

function addPactCues(hits: Hit[], text: string): void {
  const together = (MARKERS.seen & MARK_TOGETHER) !== 0;
  // The last goodbye said bare at the very end ("… we don't want to live. goodbye"), read on short
  // slices around the marker's span rather than over the text.
  let bare = -1;
  const gs = MARKERS.goodbye[0]!;
  const ge = MARKERS.goodbye[1]!;
  if (gs >= 0 && GOODBYE_TAIL.test(text.slice(ge)) && (gs <= 24 ? GOODBYE_HEAD_START : GOODBYE_HEAD).test(text.slice(Math.max(0, gs - 24), gs))) {
    if (!hits.some((h) => h.rule.kind === 'goodbye' && h.end > gs) && hits.some((h) => h.active && h.subject === 'self' && h.level >= 2 && RISK_KINDS.has(h.rule.kind) && !JOKE_AFTER.test(text.slice(h.end, h.end + 14)))) bare = gs;
    // Since 1.8.4: not when the writer says they are safe ("but I'm safe", "tonight I'm okay", "therapy is helping", "thanks for the chat").
    if (bare >= 0 && safetyStated(hits, text, gs)) bare = -1;
  }
  if (!together && bare < 0) return;
  // The death cue must be something else than the "ending it" phrases and the goodbye themselves.
  const rest = (bare >= 0 ? text.slice(0, bare) : text).replace(END_IT_PHRASE, ' ');
  if (!DEATH_CUE.test(rest)) return;
  // Since 1.8.4 a pact needs a death cue that is not said of a thing or in jest ("the startup is dead",
  // "the finale kills", "this was killing us", "everyone dead lol", "Goodbye, old us", a farewell event).
  if (together && DEATH_CUE_PACT.test(stripMetaphors(rest))) {
    for (const h of hits) {
      if (h.active && h.rule.code === 'ideation.end_life' && h.level === 3 && TOGETHER_END.test(text.slice(h.start, h.end + 12))) {
        h.level = 4;
        h.context.push('intent');
      }
    }
  }
  if (bare >= 0) hits.push({ rule: BARE_GOODBYE_RULE, start: gs, end: ge, level: 4, subject: 'self', context: [], active: true });
}

function combine(hits: Hit[], text: string): void {
  const risk = hits.filter(
    (h) => h.active && RISK_KINDS.has(h.rule.kind) && h.level >= 2 && (h.subject === 'self' || h.subject === 'other'),
  );
  const hasRisk = risk.length > 0;
  const methods = hits.filter((h) => h.active && (h.rule.kind === 'method' || h.rule.kind === 'act'));
  const hasMethod = methods.some((h) => h.level >= 4 || !h.rule.strong);
  const farewellSelf = hits.some((h) => h.active && h.rule.kind === 'farewell' && h.subject === 'self');

  for (const h of hits) {
    if (!h.active) continue;
    switch (h.rule.kind) {
      case 'method':
        // A weak means ("the pills in the cabinet", "my dad's gun") becomes a plan when risk is present.
        if (!h.rule.strong && hasRisk && !h.context.includes('past')) h.level = 4;
        else if (!h.rule.strong && farewellSelf && !h.context.includes('past')) {
          // ... or beside the writer's own farewell ("the rope is ready. I'm sorry for everything"):
          // the farewell says whose means it is, and raises it below like any other risk.
          h.level = 4;
          risk.push(h);
        }
        break;
      case 'plan':
        if (h.rule.code === 'plan.do_it') break; // raised where it was read (addDoItPlans)
        if (hasRisk || hasMethod) h.level = 4;
        // A plan that names a means ("how I'd do it, the pills in the cabinet") is method detail.
        for (const m of methods) if (!m.rule.strong && !m.context.includes('past')) m.level = 4;
        break;
      case 'goodbye':
        if (risk.some((r) => r !== h && r.rule.kind !== 'goodbye' && r.level >= 2)) h.level = 5;
        break;
      default:
        break;
    }
  }
  // Many distinct signs of despair (hopeless, burden, alone, hate myself, give up...) with no
  // explicit ideation: treat as possible passive ideation so the writer sees support (no alert).
  let despair = 0;
  let firstDespair: Hit | null = null;
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.rule.kind !== 'distress' || h.subject !== 'self') continue;
    const key = h.rule.code === 'distress.despair' ? h.rule.code + ':' + h.start : h.rule.code;
    if (seen.has(key)) continue;
    seen.add(key);
    despair += h.rule.code === 'distress.despair' ? 1 : 0;
    if (firstDespair === null && h.rule.code === 'distress.despair') firstDespair = h;
  }
  if (despair >= DESPAIR_CLUSTER && firstDespair !== null && !hits.some((h) => h.level >= 2)) {
    firstDespair.level = 2;
    firstDespair.context.push('cluster');
  }
  // Two farewells of different kinds with nothing else ("I've sorted everything out now so nobody
  // has to worry about me anymore"): read as a goodbye, level 3 (an alert, the lowest time limit).
  const farewells = hits.filter((h) => h.active && h.rule.kind === 'farewell' && h.subject === 'self');
  if (farewells.length >= 2 && new Set(farewells.map((h) => farewellShape(text, h))).size >= 2 && !hits.some((h) => h.level >= 2)) {
    const first = farewells[0]!;
    first.rule = { ...first.rule, category: 'suicide' };
    first.level = 3;
    first.context.push('cluster');
  }
  // Ideation plus method or plan in the same text: plan level.
  const planned = hits.some((h) => h.active && (h.rule.kind === 'method' || h.rule.kind === 'plan') && h.level >= 4);
  for (const h of hits) {
    if (!h.active) continue;
    if (planned && (h.rule.kind === 'ideation' || h.rule.kind === 'self_harm') && h.level >= 3) h.level = 4;
  }
  // Time and farewell cues: intent or act + "tonight" → imminent; ideation + "tonight" → plan.
  for (const cue of hits) {
    if (!cue.active) continue;
    if (cue.rule.kind === 'time') {
      for (const h of risk) {
        if (!near(cue, h)) continue;
        // "I'm going to die tonight" was levelled with its own time (addDieAtTime).
        if (h.rule === DIE_AT_TIME_RULE) continue;
        if (h.level >= 4) h.level = 5;
        else if (h.level === 3 && h.rule.kind === 'ideation') h.level = 4;
      }
    } else if (cue.rule.kind === 'farewell' && cue.rule.code !== 'time.imminent') {
      // A farewell beside a wish to be dead ("nobody has to worry about me anymore" after "I'd be
      // better off gone") reads as more than a passing wish: one step up at every level.
      for (const h of risk) {
        if (h.level >= 4) h.level = 5;
        else if (h.level === 3) h.level = 4;
        else if (h.level === 2 && h.rule.category === 'suicide') h.level = 3;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The public function
// ---------------------------------------------------------------------------------------------

/** What the learned signal saw; for the evaluation script (not part of the public API). */
export interface ScreenDetail {
  screening: Screening;
  /** Level from the rules alone. */
  rulesLevel: RiskLevel;
  /** Model logit, or null when the model was not consulted (rules ≥ 2, a cancelled signal, too short). */
  modelLogit: number | null;
}

/** Screens one text; guarantees a verdict for any string (never throws), with spans into `text`, in one synchronous pass. */
export function screen(text: string, options: ScreenOptions = {}): Screening {
  return screenDetailed(text, options, DESPAIR_THRESHOLD).screening;
}

/**
 * The screen with an explicit model threshold (Infinity = rules only). The model may raise a text
 * the rules put at 0 or 1 to level 2 (crisis resources, no alert), never higher, and never when the
 * rules recognised a cancelling context (negation, idiom, joke, fiction, past, second person,
 * bereavement, a neutral compound such as "suicide squad").
 */
/**
 * Keeps, at the front of FEATURES, the first `count` features whose span lies wholly outside every
 * [start, end) pair of `spans`; returns how many were kept.
 */
function dropFeaturesIn(spans: number[], count: number): number {
  const { bucket, start, end } = FEATURES;
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const s = start[k]!;
    const e = end[k]!;
    let inside = false;
    for (let i = 0; i < spans.length; i += 2) {
      if (e > spans[i]! && s < spans[i + 1]!) {
        inside = true;
        break;
      }
    }
    if (inside) continue;
    bucket[kept] = bucket[k]!;
    start[kept] = s;
    end[kept++] = e;
  }
  return kept;
}

/** How far from a wish to die a drug amount is read as beside it (since 1.8.32). */
const AMOUNT_NEAR = 160;
const CUE_OR_DISTRESS = new Set(['distress', 'time', 'plan', 'farewell']);
/** Farewells that are also everyday thanks and love ("thanks for everything", "I love you all"). */
const EVERYDAY_FAREWELL = /^(?:thank|i love you)/i;

/**
 * A title run into the body without a space ("Gonna jump off a bridgeHow high is enough",
 * "I hate myselfI don't even feel sad anymore"), as some exports and forms join them: a lower-case
 * word glued to a capitalised one. Looked for only in the first TITLE_HEAD characters (where a
 * title ends), so that it costs one short regex test per text; "iPhone", "McDonald", "YouTube" (fewer
 * than three lower-case letters before the capital) and "ADHD" are not split. Since 1.6.0.
 */
const TITLE_GLUE = /[a-z]{3}(?=[A-Z][a-z'’ ])/g;
/** A cheap necessary condition of TITLE_GLUE (a simpler expression runs ≈ 3× faster on the head). */
const TITLE_GLUE_PRE = /[a-z][A-Z]/;
const TITLE_HEAD = 200;
/**
 * The word (ASCII letters) a TITLE_GLUE junction sits in must be shaped as words run together (since 1.8.32): a first word
 * of three lower-case letters or more (a capital before it allowed), then capitalised words ("bridgeHow", "killMyself",
 * "wantToDie", "myselfI"); the last is "I", "A", a word of three letters or more, or a two-letter word ("killMe",
 * "giveUp"). Random case ("theM", "ReadY", "TakinG", "BettEr", "doiNG") is not split: up to 1.8.31 "I hAvE 100 MeLATONiN anD
 * ToNIght I'M tAking theM aLL" read "taking the M all" and lost the plan its lower-case twin reads.
 */
const TITLE_GLUE_WORD = /^[A-Z]?[a-z]{3,}(?:[A-Z][a-z]+)*(?:[IA]|[A-Z][a-z]{2,}|(?:M[ey]|To|I[tnsfmd]|U[ps]|So|Do|Go|O[nfrk]|B[ey]|N[o]|A[mnts]|He|We))$/;
/** The junctions of a TITLE_GLUE_WORD: before each capital but the first letter. */
const TITLE_GLUE_JUNCTION = /[a-z](?=[A-Z])/g;
function isLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** The highest reading (5): a text there cannot read higher a second time. */
const MAX_LEVEL = RISK_LEVELS[RISK_LEVELS.length - 1]!;

export function screenDetailed(text: string, options: ScreenOptions, threshold: number): ScreenDetail {
  ODD_SEEN = false;
  const detail = screenSpelled(text, options, threshold);
  // Invisible characters inside a word, look-alike letters of another script and fullwidth Latin ("k\u200Bms",
  // "mysеlf" with a Cyrillic е, "ｋｍｓ"), used to dodge a filter: the text is read again normalised and the
  // higher reading is kept, as for typos (since 1.8.17; normalize.ts). Only when the char pass met such a character
  // (ODD_SEEN): a plain ASCII text costs nothing more.
  if (ODD_SEEN && typeof text === 'string' && detail.screening.level < MAX_LEVEL) {
    let best = detail;
    const normal = normalizeText(text);
    if (normal !== null) best = higherReading(best, normal, options, threshold);
    // Styled letters ("𝗶 𝘄𝗮𝗻𝘁 𝘁𝗼 𝗱𝗶𝗲", "ⓚⓜⓢ", "ᴅɪᴇ"; since 1.8.20): a third reading, since until 1.8.19 such a letter was a
    // separator, and a text where it sits beside a dodged word ("𝐚su\u200Bicide") read the word then (normalizeStyled).
    const styled = best.screening.level < MAX_LEVEL ? normalizeStyled(text) : null;
    if (styled !== null) best = higherReading(best, styled, options, threshold);
    return best;
  }
  return detail;
}

/** The screening of the normalised `changed` text, its spans mapped back onto `text`, if it reads higher than `best`; else `best`. */
function higherReading(best: ScreenDetail, changed: Corrected, options: ScreenOptions, threshold: number): ScreenDetail {
  const again = screenSpelled(changed.text, options, threshold);
  if (again.screening.level <= best.screening.level) return best;
  for (const reason of again.screening.reasons) reason.span = [originalPosition(changed.edits, reason.span[0]), originalPosition(changed.edits, reason.span[1])];
  return again;
}

/** The screen of `text` as written and, when it holds a misspelled key word, spelled right (the higher reading). */
function screenSpelled(text: string, options: ScreenOptions, threshold: number): ScreenDetail {
  SPACED_SEEN = false;
  const { detail, typoPossible } = screenAsWritten(text, options, threshold);
  const spacedPossible = SPACED_SEEN;
  // Misspelled key words ("i wnat to die", "urge to cut is bacck", "kmsss tonight"): the text is read
  // again with them spelled right, and the higher reading is kept, so that every rule reads the words
  // it knows and no reading goes down (since 1.8.15; typos.ts). typoPossible: the char pass met a
  // misspelled key word (typoMet), a necessary condition of correctTypos correcting one.
  // Not when the text already reads the highest level: the second reading cannot go higher (since 1.8.16).
  if (typoPossible && detail.screening.level < MAX_LEVEL && typeof text === 'string') {
    let best = detail;
    const corrected = correctTypos(text);
    if (corrected !== null) best = higherTypoReading(best, corrected, options, threshold);
    // Words spelled out letter by letter are joined in a reading of their own, kept only when higher: joined beside
    // corrected misspellings, a word could change how the rest reads, and the misspellings alone must read as in 1.8.19.
    if (corrected?.spelled === true && corrected.typos === true && best.screening.level < MAX_LEVEL) {
      const typosOnly = correctTypos(text, false);
      if (typosOnly !== null) best = higherTypoReading(best, typosOnly, options, threshold);
    }
    // A sentence spaced out letter by letter ("i w a n t t o d i e", since 1.8.21) is read as words in a reading of its own,
    // kept only when higher: its word boundaries come from the lexicon's key phrases (SPACED_PHRASES in typos.ts), so the
    // readings above (the 1.8.20 one-word joins) stay as they were and none goes down.
    if (spacedPossible && best.screening.level < MAX_LEVEL) {
      const spaced = correctTypos(text, true, true);
      if (spaced?.spaced === true) best = higherTypoReading(best, spaced, options, threshold);
    }
    return best;
  }
  return detail;
}

/** The screening as written of the typo-corrected `corrected` text, its spans mapped back, if it reads higher than `best`; else `best`. */
function higherTypoReading(best: ScreenDetail, corrected: Corrected, options: ScreenOptions, threshold: number): ScreenDetail {
  const again = screenAsWritten(corrected.text, options, threshold).detail;
  if (again.screening.level <= best.screening.level) return best;
  for (const reason of again.screening.reasons) reason.span = [originalPosition(corrected.edits, reason.span[0]), originalPosition(corrected.edits, reason.span[1])];
  return again;
}

/** The screen of `text` as written (titles run into the body split, nervous laughter read both ways), and whether its char pass met a possible misspelled key word. */
function screenAsWritten(text: string, options: ScreenOptions, threshold: number): { detail: ScreenDetail; typoPossible: boolean } {
  const { detail, jestPossible, typoPossible } = screenGlued(text, options, threshold);
  // Nervous laughter beside a stated intent with a time, a means or a goodbye ("i'm going to kill
  // myself tonight lol", "i'm going to kms lol. goodbye") is not a joke: such a text reads at least
  // what it reads without the markers (since 1.8.7). The markers become spaces, so spans still fit.
  // jestPossible: the char pass of the screening above (of `text`, or of `text` with spaces put in
  // at title junctions, which only adds word starts) met a word or char a jest mark needs.
  if (typeof text === 'string' && jestPossible && JEST_MARK.test(text) && jestIntent(text)) {
    const bare = screenGlued(text.replace(JEST_MARKS, (m) => ' '.repeat(m.length)), options, threshold).detail;
    if (bare.screening.level > detail.screening.level) return { detail: bare, typoPossible };
  }
  return { detail, typoPossible };
}

/** A screening, and whether its char pass met a possible jest mark (CharPass.jestPossible; false when it did not run). */
interface Reading {
  detail: ScreenDetail;
  jestPossible: boolean;
  /** Whether the same char pass met a misspelled key word (typoMet; false when it did not run). */
  typoPossible: boolean;
}

/**
 * Run only where the char pass found a word or char a jest mark needs (CharPass.jestPossible, from
 * JEST_WORD_BITS and JEST_CHAR): its `\b` and case folding under the `u` flag make V8 try every
 * position slowly (≈ 14 µs per 1 KB text, a fifth of the screen before 1.8.12's speed work). The
 * gate is derived from JEST_MARKS at load (jestOpenings), which throws on a mark it cannot gate.
 */
const JEST_MARK = new RegExp(JEST_MARKS.source, 'iu');
const JEST_TIME =
  '\\b(?:tonight|tonite|today|tomorrow|tmrw?|tmr|this (?:morning|afternoon|evening|weekend|week)|next week|(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|at (?:\\d|midnight|noon)|in (?:an?|\\d+|a few) (?:hours?|minutes?|days?)|after (?:school|work|class)|when (?:every(?:one|body)|they)\\b[^.!?\\n]{0,20}\\b(?:asleep|sleeps?|gone|leaves?))\\b';
const JEST_MEANS =
  '\\b(?:pills?|overdos\\w*|od|rope|noose|hang\\w*|gun|shoot\\w*|jump\\w*|bridge|knife|blade|razor|cut\\w*|train|wrists?|bleach|car|roof|building|meds|medication)\\b';
const JEST_BYE = '\\b(?:good\\s*bye|goodbye|bye (?:guys|everyone|everybody|all|world|y[\'’]?all)|farewell|this is (?:it|the end)|see (?:you|ya|u) on the other side|my last (?:post|message|words))\\b';
/**
 * JEST_BYE as a last goodbye (since 1.8.18): not "goodbye" followed by a thing ("goodbye weekend", "goodbye to my gpa"); a
 * goodbye to people, to life or the world, or with nothing after it stays one.
 */
const JEST_BYE_LAST = JEST_BYE.replace(
  '(?:good\\s*bye|goodbye|',
  "(?:(?:good\\s*bye|goodbye)\\b(?!\\s+(?:to\\s+)?(?:(?:my|the|this|that|these|those|your|our|all)\\s+)?(?!(?:to|my|the|this|that|these|those|your|our|everyone|everybody|all|guys|y['’]?all|world|cruel|friends?|family|fam|mom|mum|mother|dad|father|people|forever|for|love|loves|you|u|ya|i|life|earth|again|now|then|x+)\\b)[a-z])|",
);
if (JEST_BYE_LAST === JEST_BYE) throw new Error('safety screen: JEST_BYE_LAST not built');
const JEST_ADV = '(?:(?:really|just|actually|literally|finally|so|definitely|probably|seriously)\\s+)*';
/** Everyday things a complaint is about, read right after "kms today" as what the time qualifies (since 1.8.9). */
const JEST_OBJECT =
  '(?:homework|exam|test|quiz|episode|show|game|match|lecture|class|shift|meeting|wifi|wi-fi|internet|traffic|weather|bus|printer|essay|assignment|deadline|presentation|interview|workout|lesson|practice|finale|season|stream|update|commute|boss|teacher)s?\\b';
/** First-person intent to kill oneself with a time, a means or a goodbye; a wish to die with a goodbye; "kms tonight" opening a sentence. */
const JEST_INTENT = new RegExp(
  `\\bi(?:(?:\\s*[\'’]?\\s*m|\\s+am)\\s+${JEST_ADV}(?:going\\s+to|gonna|gunna|about\\s+to)|\\s*[\'’]?\\s*ll|\\s+will)\\s+${JEST_ADV}(?:kill\\s+my\\s*self|kms|end\\s+it(?:\\s+all)?|end\\s+my\\s+life|unalive\\s+my\\s*self)\\b(?=[\\s\\S]*(?:${JEST_TIME}|${JEST_MEANS}|${JEST_BYE}))` +
    `|\\bi\\s+(?:really\\s+|just\\s+)?(?:want\\s+to|wanna)\\s+die\\b(?=[\\s\\S]*${JEST_BYE})` +
    // Since 1.8.17: the bare intent opening a sentence, with a goodbye after it ("gonna kms lol. goodbye").
    `|(?:^|[.!?\\n]\\s*)(?:(?:ok(?:ay)?|so|yeah|welp|well|ngl|honestly)\\s*,?\\s+)?(?:gonna|gunna|going\\s+to|about\\s+to)\\s+${JEST_ADV}(?:kms|kill\\s+my\\s*self|end\\s+it(?:\\s+all)?|end\\s+my\\s+life|unalive\\s+my\\s*self)\\b(?=[\\s\\S]*${JEST_BYE_LAST})` +
    // Since 1.8.8: the bare slang opening a sentence, with its time right after ("kms tonight lol").
    // Since 1.8.9 also after a leading "ok" / "so" and "in an hour"; not when the time is the object of a
    // complaint ("kms tonight's homework is 40 pages lol", "kms today, the wifi is down again lol").
    `|(?:^|[.!?\\n]\\s*)(?:(?:ok(?:ay)?|so|yeah|welp|well|ngl|honestly)\\s*,?\\s+)?(?:(?:gonna|going\\s+to|about\\s+to|finally|just)\\s+)?(?:kms|kill\\s+my\\s*self|end\\s+it\\s+all)\\s+(?:tonight|tonite|today|tomorrow|tmrw?|tmr|rn|right\\s+now|this\\s+(?:evening|weekend)|at\\s+(?:\\d|midnight)|in\\s+(?:an?|\\d+|a\\s+few)\\s+(?:hours?|hrs?|minutes?|mins?))\\b(?!\\s*['’]\\s*s\\b|\\s*,?\\s*(?:(?:the|my|this|our|that)\\s+)?(?:\\w+\\s+)?${JEST_OBJECT})`,
  'iu',
);

/**
 * JEST_INTENT in a sentence without a condition: "i'm going to kill myself tomorrow if i fail lol"
 * and "gonna kms when the train is late again lol" are hyperbole and keep their jest.
 */
function jestIntent(text: string): boolean {
  const m = JEST_INTENT.exec(text);
  if (m === null) return false;
  const from = Math.max(text.lastIndexOf('.', m.index), text.lastIndexOf('!', m.index), text.lastIndexOf('?', m.index), text.lastIndexOf('\n', m.index)) + 1;
  const to = text.slice(m.index).search(/[.!?\n]/);
  const sentence = text.slice(from, to < 0 ? text.length : m.index + to);
  return !CONDITIONAL.test(sentence.replace(/\bwhen\s+(?:every(?:one|body)|they)\b/gi, ''));
}

function screenGlued(text: string, options: ScreenOptions, threshold: number): Reading {
  if (typeof text === 'string' && text.length > 3) {
    const head = text.length > TITLE_HEAD ? text.slice(0, TITLE_HEAD) : text;
    TITLE_GLUE.lastIndex = 0;
    if (TITLE_GLUE_PRE.test(head) && TITLE_GLUE.test(head)) {
      // The junctions as read up to 1.8.31 (every TITLE_GLUE in the head), and since 1.8.32 those of a word shaped as words
      // run together (TITLE_GLUE_WORD), at each of its capitals ("wantToDie").
      const glued: number[] = [];
      const camel: number[] = [];
      TITLE_GLUE.lastIndex = 0;
      let m: RegExpExecArray | null;
      let wordEnd = -1;
      while ((m = TITLE_GLUE.exec(head)) !== null) {
        glued.push(m.index + 3);
        if (m.index < wordEnd) continue;
        let ws = m.index;
        while (ws > 0 && isLetterCode(text.charCodeAt(ws - 1))) ws--;
        let we = m.index + 3;
        while (we < text.length && isLetterCode(text.charCodeAt(we))) we++;
        wordEnd = we;
        const word = text.slice(ws, we);
        if (!TITLE_GLUE_WORD.test(word)) continue;
        TITLE_GLUE_JUNCTION.lastIndex = 0;
        let j: RegExpExecArray | null;
        while ((j = TITLE_GLUE_JUNCTION.exec(word)) !== null) camel.push(ws + j.index + 1);
      }
      const old = screenSpacedAt(text, glued, options, threshold);
      if (camel.length === glued.length && camel.every((p, k) => p === glued[k])) return old;
      // Random case ("tAking theM aLL", "ReadY To go") split at its capitals broke the phrase its lower-case twin reads:
      // the reading split only where words run together is kept when it is higher (never lower than 1.8.31's reading).
      const shaped = screenSpacedAt(text, camel, options, threshold);
      const best = shaped.detail.screening.level > old.detail.screening.level ? shaped : old;
      return { detail: best.detail, jestPossible: old.jestPossible || shaped.jestPossible, typoPossible: old.typoPossible || shaped.typoPossible };
    }
  }
  return screenText(text, options, threshold);
}

/** The screen of `text` with a space put in at each of the (ascending) positions `at`, its spans mapped back onto `text`. */
function screenSpacedAt(text: string, at: number[], options: ScreenOptions, threshold: number): Reading {
  if (at.length === 0) return screenText(text, options, threshold);
  let spaced = '';
  let from = 0;
  for (const a of at) {
    spaced += text.slice(from, a) + ' ';
    from = a;
  }
  spaced += text.slice(from);
  const r = screenText(spaced, options, threshold);
  const back = (p: number): number => {
    let k = 0;
    while (k < at.length && at[k]! + k < p) k++;
    return p - k;
  };
  for (const reason of r.detail.screening.reasons) reason.span = [back(reason.span[0]), back(reason.span[1])];
  return r;
}

/**
 * A cancelled match of a `cancelLeavesModel` rule that reads as over ("I don't hate being alive anymore", "i'm no
 * longer too tired to live", "I used to …") with no "but" after it: its sentence is left out of the model like any
 * cancelled signal. A bare negation ("I don't hate being alive but I cry every night") leaves the model's reading as it
 * was (since 1.8.24).
 */
const RECOVERED_WORDS = /\b(?:no longer|any ?more|used to|not now)\b/i;
const RECOVERY_BUT = /\b(?:but|though|tho|however|yet|except|still)\b/i;
function recoveredCancel(text: string, start: number, end: number): boolean {
  const sStart = sentenceStart(text, start);
  const sEnd = sentenceEnd(text, end);
  return RECOVERED_WORDS.test(text.slice(sStart, sEnd)) && !RECOVERY_BUT.test(text.slice(end, sEnd));
}

function screenText(text: string, options: ScreenOptions, threshold: number): Reading {
  const hits: Hit[] = [];
  let jestPossible = false;
  let typoPossible = false;
  /** Sentences [start, end) that hold a cancelled risk signal, as flat pairs (the model does not read them). */
  const cancelledSentences: number[] = [];
  if (typeof text === 'string' && text.length > 0) {
    const surface = options.surface;
    memoSize = 0;
    MARKERS.seen = 0;
    MARKERS.thoughts.length = 0;
    MARKERS.dieTime.length = 0;
    MARKERS.goodbye[0] = MARKERS.goodbye[1] = -1;
    const matches = findMatches(text);
    jestPossible = matches.jestPossible;
    typoPossible = matches.typoPossible;
    for (const r of matches.raws) {
      const rule = COMPILED[r.idx]!.rule;
      if (rule.kind === 'marker') {
        if (rule.code === 'marker.thoughts_back') MARKERS.thoughts.push(r.start, r.end);
        else if (rule.code === 'marker.die_time') MARKERS.dieTime.push(r.start, r.end);
        else MARKERS.seen |= MARK_BITS[rule.code]!;
        if (rule.code === 'marker.goodbye') {
          MARKERS.goodbye[0] = r.start;
          MARKERS.goodbye[1] = r.end;
        }
        continue;
      }
      const hit = read(text, rule, r.start, r.end, surface);
      if (hit === null) {
        // A negated distress word or cue ("not lonely", "not tonight") says nothing about ideation:
        // only a cancelled risk signal (negated, idiom, fiction...) keeps the model out.
        // Nor does a cancelled match of a rule marked `cancelLeavesModel` (since 1.8.24).
        // Nor a cancelled goodbye of a form first read in 1.8.28 ("won't be here tomorow", "a better place"), which 1.8.27 left
        // to the model (after review of 1.8.28: nothing lowered against 1.8.27).
        if (!CUE_OR_DISTRESS.has(rule.kind) && (rule.cancelLeavesModel !== true || recoveredCancel(text, r.start, r.end)) && !(rule.code === 'goodbye.last_message' && GOODBYE_FORM_1828.test(text.slice(r.start, r.end)))) {
          cancelledSentences.push(sentenceStart(text, r.start), sentenceEnd(text, r.end));
        }
        continue;
      }
      const k = hit.rule.kind;
      if (k === 'distress' || (hit.rule.cancelLeavesModel === true && (hit.active || !recoveredCancel(text, hit.start, hit.end))) || (k === 'act' && hit.level < 2 && SLEEP_AID_WORD.test(text.slice(hit.start, hit.end)))) {
        // Distress in the past or about someone else does not cancel either (nor, since 1.8.24, a rule marked
        // `cancelLeavesModel`, unless its cancelled match reads as over: "I don't hate being alive anymore"). A denied
        // "leave this world" stays in the model's reading (1.8.26's review: the denial left the model for crisis texts).
        // Nor a sleep aid's count read low ('i took 40 melatonin on time and it's breaking me': since 1.8.28 a match, which
        // must not take from the model the words 1.8.27 let it read; after review of 1.8.28).
      } else if (!hit.active || hit.subject === 'you' || k === 'support' || k === 'harass' || k === 'bereaved' || hit.context.includes('past')) {
        cancelledSentences.push(sentenceStart(text, hit.start), sentenceEnd(text, hit.end));
      }
      hits.push(hit);
      // The sender's quoted words stay harassment beside the writer's agreement (since 1.8.28).
      if (hit.rule.code === 'ideation.told_to_die_agreed' && !REPORTED_TO_ME.test(clauseOf(text.slice(sentenceStart(text, hit.start), hit.start)))) {
        hits.push({ rule, start: hit.start, end: hit.end, level: 0, subject: 'none', context: [], active: true });
      }
    }
    addDoItPlans(hits, text);
    addJoinTheDead(hits, text, surface);
    if (MARKERS.dieTime.length > 0) addDieAtTime(hits, text, surface);
    if ((MARKERS.seen & MARK_GOODBYE) !== 0) addMeansGoodbye(hits, text);
    if (hits.length > 0) {
      addReturnedThoughts(hits, text, surface);
      addPactCues(hits, text);
    }
    if (hits.length > 0) addLeaveWorldLater(hits, text);
    if (hits.length > 1) combine(hits, text);
    addAboutTo(hits, text);
  }

  let level = 0;
  let methodDetail = false;
  let selfLevel = 0;
  let otherLevel = 0;
  const categories: RiskCategory[] = [];
  const reasons: ScreenReason[] = [];
  for (const h of hits) {
    // Cues that did not raise anything are not reasons of their own.
    if ((h.rule.kind === 'time' || h.rule.kind === 'plan' || h.rule.kind === 'farewell') && h.level === 0) continue;
    if (h.rule.kind === 'method' && h.level === 0) continue;
    const lvl = h.level;
    if (lvl > level) level = lvl;
    if (h.subject === 'self' && lvl > selfLevel) selfLevel = lvl;
    if (h.subject === 'other' && lvl > otherLevel) otherLevel = lvl;
    if (h.active && (h.rule.kind === 'method' || h.rule.kind === 'act') && lvl >= 4) methodDetail = true;
    const cat = h.rule.category;
    if (cat !== null && h.active && (lvl >= 1 || cat === 'harassment') && !categories.includes(cat)) categories.push(cat);
    // Method/act signals about harm are suicide or self-harm; an overdose act is also a substance matter.
    if (h.active && h.rule.kind === 'act' && (/pill|tablet|med|bottle|pack|box/i.test(text.slice(h.start, h.end)) || PILL_WORD.test(text.slice(h.start, h.end)))) {
      if (!categories.includes('substances')) categories.push('substances');
    }
    const reason: ScreenReason = {
      code: h.rule.code,
      category: cat,
      level: lvl,
      span: [h.start, h.end],
    };
    if (h.context.length > 0) reason.context = h.context;
    reasons.push(reason);
  }

  // A drug amount beside the writer's own wish to die ("400 mg of melatonin and i want to die"; since 1.8.32): a substances
  // matter too. The category and a reason only; the level stays the wish's.
  if (selfLevel >= 3 && !categories.includes('substances')) {
    const wish = hits.find((h) => h.rule.kind === 'ideation' && h.active && h.subject === 'self' && h.level >= 3);
    if (wish !== undefined) {
      const from = Math.max(0, wish.start - AMOUNT_NEAR);
      const near = text.slice(from, wish.end + AMOUNT_NEAR);
      let amount: RegExpExecArray | null = null;
      if (DRUG_AMOUNT_PRE.test(near)) {
        DRUG_AMOUNT.lastIndex = 0;
        while ((amount = DRUG_AMOUNT.exec(near)) !== null && DRUG_AMOUNT_PRESCRIBED.test(near.slice(Math.max(0, amount.index - 16), amount.index)));
      }
      if (amount !== null) {
        categories.push('substances');
        reasons.push({ code: 'substance.amount_with_ideation', category: 'substances', level: 3, span: [from + amount.index, from + amount.index + amount[0].length], context: ['ideation'] });
      }
    }
  }

  let subject: RiskSubject = 'none';
  if (selfLevel >= 2) subject = 'self';
  else if (otherLevel >= 2) subject = 'other';
  else if (selfLevel >= 1) subject = 'self';
  else if (otherLevel >= 1) subject = 'other';

  const rulesLevel = clampLevel(level);
  let modelLogit: number | null = null;
  if (level < 2 && typeof text === 'string' && text.length > 0) {
    // The features of `text` from findMatches' pass; when a risk signal was cancelled ("I'm not
    // suicidal", an idiom, a story), only the words outside its sentence.
    // The words of an everyday farewell ("thanks for everything", "I love you all") are left out
    // too: they raise the model's despair below (one step) only when something else is despair, and
    // must not be what the model read as despair (since 1.7.0). Other farewells ("I gave my guitar to
    // my brother and wrote letters to everyone I love") are read as written (1.7.1; 1.7.0 left every
    // farewell out and lowered such a text 3 → 1).
    const riskCancelled = cancelledSentences.length > 0;
    for (const h of hits) {
      if (h.rule.kind === 'farewell' && h.active && EVERYDAY_FAREWELL.test(text.slice(h.start, h.end))) cancelledSentences.push(h.start, h.end);
    }
    let m: DespairScore;
    let logit: number;
    if (cancelledSentences.length === 0) {
      m = despairFromFeatures(FEATURE_COUNT);
      logit = m.logit;
    } else {
      // (The full reading first: dropFeaturesIn compacts the features in place.)
      const full = riskCancelled ? despairFromFeatures(FEATURE_COUNT).logit : Infinity;
      m = despairFromFeatures(dropFeaturesIn(cancelledSentences, FEATURE_COUNT));
      logit = m.logit;
      // Reading around a cancelled risk signal may only lower the model's score: leaving out a
      // negated sentence also leaves out its everyday words, which had raised the rest's score ("I'm
      // not suicidal, I love my job and my dog" + a tired line). Since 1.7.0: the lower of the two;
      // since 1.7.1 only when a risk signal was cancelled, not for an everyday farewell left out.
      logit = Math.min(full, logit);
    }
    if (m.words >= MIN_WORDS) {
      modelLogit = logit;
      if (logit >= threshold && m.span !== null) {
        level = 2;
        if (selfLevel < 2) subject = 'self';
        if (!categories.includes('suicide')) categories.push('suicide');
        reasons.push({ code: 'model.despair', category: 'suicide', level: 2, span: m.span, context: ['model'] });
        // Despair written as a farewell ("I've sorted everything out now so nobody has to worry
        // about me anymore"): as with a rule's wish to be dead, one step up.
        // Thanks and love alone ("thank you for everything", "I love you all") are said every day:
        // beside the model's reading only, they do not make it an alert (since 1.7.0).
        if (reasons.some((r) => r.code.startsWith('farewell.') && !EVERYDAY_FAREWELL.test(text.slice(r.span[0], r.span[1])))) level = 3;
      }
    }
  }
  return {
    detail: {
      screening: { level: clampLevel(level), categories, reasons, methodDetail, subject, version: SCREEN_VERSION },
      rulesLevel,
      modelLogit,
    },
    jestPossible,
    typoPossible,
  };
}

/**
 * The speed gates, for `screen-speed.test.ts` only (not part of the public API, see index.ts): each
 * must admit everything the check it guards would find, so that skipping on it changes no verdict.
 * The hooks run the char pass as a screening does: they write only its per-call scratch arrays,
 * which no later screening reads before rewriting them.
 */
export const SPEED_GATES = {
  /** Whether the char pass over `text` lets screenDetailed normalise it (ODD_SEEN; since 1.8.17). */
  oddPossible(text: string): boolean {
    ODD_SEEN = false;
    if (text.length > 0) charPass(text);
    return ODD_SEEN;
  },
  /** JEST_MARKS and JEST_MARK, and whether the char pass lets screenDetailed run JEST_MARK on `text`. */
  jestMarks: JEST_MARKS,
  jestMark: JEST_MARK,
  jestPossible(text: string): boolean {
    return text.length > 0 && charPass(text).jestPossible;
  },
  /** The derivation of the jest gate from a regex of marks (throws on one it cannot gate), and its result for JEST_MARKS. */
  jestOpenings,
  jestGate: JEST_OPENINGS,
  /** The non-ASCII chars the gate assumes to be the only ones folding onto ASCII letters under /iu. */
  asciiFolds: ASCII_FOLDS,
  /** Whether the char pass lets screenDetailed look for misspelled key words in `text` (CharPass.typoPossible). */
  typoPossible(text: string): boolean {
    if (text.length === 0) return false;
    charPass(text);
    return typoMet(text);
  },
  /** Whether the char pass lets screenSpelled read `text` as a sentence spaced out letter by letter (typoMet and spacedRunMet). */
  spacedPossible(text: string): boolean {
    if (text.length === 0) return false;
    charPass(text);
    return typoMet(text) && spacedRunMet();
  },
  /**
   * The alternatives the anchored scan runs, as it runs them (for `anchors.test.ts`): the rule's code, the alternative's
   * source in the lexicon's conventions (before `src()`), the stems it is tried at, and whether it runs as a sticky regex
   * at those words only.
   */
  /** The window an alternative is run in around an anchor word: chars before its start and after its end (anchors.test.ts). */
  window: { back: WINDOW_BACK, fwd: WINDOW_FWD },
  alternatives(): { code: string; source: string; anchors: string[]; sticky: boolean }[] {
    return COMPILED.map((c, idx) => ({ code: c.rule.code, source: COMPILED_SOURCE[idx]!, anchors: [...c.anchors], sticky: c.sticky !== null }));
  },
  /** Starts of the words of `text` the char pass records as anchor hits (after SLOT_ANY / SLOT_FOURTH). */
  anchorHits(text: string): number[] {
    const { words } = charPass(text); // first: it may grow HIT_START
    return Array.from(HIT_START.subarray(0, words));
  },
  /** Starts of the words of `text` with a stem findMatches accepts, found without the gate (every letter run, every stem of its key). */
  stemWords(text: string): number[] {
    const out: number[] = [];
    for (const m of text.matchAll(/[a-z0-9]+/gi)) {
      const w = m[0];
      const key = (letterIndex(w.charCodeAt(0)) * 37 + (w.length > 1 ? letterIndex(w.charCodeAt(1)) : 0)) * 37 + (w.length > 2 ? letterIndex(w.charCodeAt(2)) : 0);
      const slot = ANCHOR_SLOT[key]!;
      if (slot === 0) continue;
      const accepted = ANCHOR_LISTS[slot]!.some(({ stem }) => (stem.length < 3 ? w.length === stem.length : stem.length === 3 || startsWithStem(text, m.index, stem)));
      if (accepted) out.push(m.index);
    }
    return out;
  },
};
