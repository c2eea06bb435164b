/**
 * Typos and stretched letters in the screen's own key words (since 1.8.15): "i wnat to die",
 * "kill myslef", "urge to cut is bacck", "kmsss tonight". People in distress write fast, on phones,
 * without looking back; the lexicon spells its words one way (with a few misspellings written out).
 *
 * The screen reads a text as written and, when it holds a misspelled key word, reads it again with
 * those words spelled right (`correctTypos`), keeping the higher reading (screen.ts, `screenDetailed`):
 * every rule (negation, idiom, past, someone else, hypotheticals, jokes) applies unchanged to the
 * corrected text, and no reading can go down. Spans are mapped back onto the characters written.
 *
 * Which words count as misspelled: exactly the keys of `TYPO_VARIANTS`, generated at load from
 * `TYPO_KEYS` (two letters swapped, one dropped from a key of four letters or more, letters
 * stretched), less every real English word (`TYPO_REAL_WORDS`: "ill", "lie", "pill", "dad", "ned",
 * "overdoes" are never corrected; "dye", "dine", "diet", "skill", "cute", "bake", "wand" are not
 * even generated). Words are the model's words (ASCII letters and digits, joined across an inner
 * apostrophe, case ignored), so that the screen can gate the whole thing with one bit test per word
 * on the hash its char pass computes anyway, outside that pass's loop (`TYPO_BUCKET_BITS`, `typoMet`
 * in screen.ts).
 */

import { MASK } from './model/features.js';

/** Key words whose misspellings are read as them. Order matters only where one variant comes from two keys (the first wins). */
export const TYPO_KEYS = [
  'want', 'wanna', 'die', 'dead', 'kill', 'killing', 'myself', 'suicidal', 'suicide', 'end', 'life', 'overdose', 'pills', 'cut', 'cutting', 'back', 'kms', 'urge', 'tonight',
  // 1.8.16: inflected forms and the goodbye words ("i already ovrdosed", "im endng my lfie", "goodbye evryone").
  'overdosed', 'overdosing', 'ending', 'everyone', 'goodbye',
] as const;

/**
 * Stretched letters: one run of a key's letter up to this long ("dieeeeee"), or two runs up to TWO_RUNS_MAX each ("diiieee").
 * A longer run ("kmsssssssss") is shortened to this length before the lookup (typoKey, since 1.8.16).
 */
export const ONE_RUN_MAX = 7;
const TWO_RUNS_MAX = 3;

/**
 * Variants that are real words (or everyday chat words) and are never corrected. Built once from the
 * SCOWL word lists (Debian `wamerican-large` and `wbritish-large`, see README.md *Data and licences*):
 * every generated variant found there, listed so the screen needs no word list at run time.
 * A test checks every entry is still a generated variant (a stale entry is a sign the keys changed).
 */
export const TYPO_REAL_WORDS: readonly string[] = ['anna', 'ant', 'dad', 'dea', 'ide', 'ill', 'ills', 'lie', 'lief', 'mks', 'ned', 'overdoes', 'overdoing', 'pill', 'wat'];

/** Chat words and abbreviations that are no misspelling, though the word lists lack them (DEI, ack, "ure" you're, "uge" huge, KSM a name: a band, a defendant). */
export const TYPO_CHAT_WORDS: readonly string[] = ['dei', 'ack', 'ure', 'uge', 'rge', 'ksm'];

/**
 * Misspellings the word lists hold as a rare word (and so left out of TYPO_REAL_WORDS), read as the key because that is how chat
 * writes it ("i wan to die"), or because the word is another spelling of the key ("goodby").
 */
export const TYPO_KEPT: Readonly<Record<string, string>> = { wan: 'want', goodby: 'goodbye' };

/**
 * Real words read as a key only before certain words (since 1.8.16): "gonna overdoes on my meds" is "overdose", "she overdoes it"
 * stays as written. The next word must follow after spaces alone.
 */
/**
 * 1.8.17: "i want too die", "gonna too kill myself": "too" never comes right before these verbs.
 * 1.8.18: not "want too end it with him" (a relationship) nor "want too die my hair".
 */
const TO_BEFORE_VERB =
  /\s+(?:die(?! (?:my|your|her|his|their) hair)|kill|end (?:it(?! with (?:him|her|them|my (?:bf|gf|boyfriend|girlfriend|partner|husband|wife|ex)\b))|my|this)|unalive|commit suicide|overdose|hang my ?self|off my ?self)\b/iy;

export const TYPO_BEFORE: ReadonlyMap<string, { key: string; next: RegExp }> = new Map([
  ['overdoes', { key: 'overdose', next: /\s+(?:on|my|all)\b/iy }],
  ['too', { key: 'to', next: TO_BEFORE_VERB }],
  // 1.8.20: "i want ot die" (two letters swapped; "OT" is overtime, an off-topic mark, never before these verbs).
  ['ot', { key: 'to', next: TO_BEFORE_VERB }],
]);

/**
 * Real or chat words read as a key only after certain words (since 1.8.20): "dei" (DEI, a chat word) right after "to",
 * "wanna", "gonna"… ("i wanna dei"), and "dye" as "die" only after a verb of wanting or intending ("want / need / going /
 * 'm about to", "wanna", "gonna"; never "way / how / time / ready to": "whats the fastest way to dye?" is about dyeing),
 * and not before a direct object (`notNext`: "dye my hair", "dye it", "dye the shirts") nor in a sentence that speaks of
 * dyeing (`unless`, read from the sentence's start to its end: "my brows are so light, i want to dye"; the sentence
 * before does not count: "dyed my hair yesterday. i want to dye tonight" reads as "die"). Whatever else follows reads as
 * "die": "i want to dye 😭", "… :(", "… tomorrow", "… and never wake up". `prev` is tested on the characters before the
 * word and must match up to it (it ends in `$`); `notNext`, sticky, at the word's end.
 */
export const TYPO_AFTER: ReadonlyMap<string, { key: string; prev: RegExp; notNext?: RegExp; unless?: RegExp }> = new Map([
  ['dei', { key: 'die', prev: /\b(?:to|too|ot|wanna|gonna|finna|tryna|just|i)\s+$/i }],
  [
    'dye',
    {
      key: 'die',
      // Since 1.8.21 also after a wish ("i wish i could dye", "wish i would just dye"), as "i wish i could die" reads.
      prev: /(?:\b(?:want|wanted|wnat|wan|need|going|planning|trying|deserve|(?:i'?m|am) about)\s+(?:to|too|ot)|\b(?:wanna|gonna|finna|tryna)|\bwish(?:ed|ing)?\s+(?:that\s+)?(?:i|id|i['’]d)(?:\s+(?:could|would|will))?)\s+(?:(?:just|really|fucking|simply)\s+)?$/i,
      notNext:
        /\s+(?:my|your|his|her|their|our|its?|them|him|me|us|the|a|an|this|that|these|those|some|every\w*|all|both|each|with|using|hair|roots|brows|eyebrows|lashes|beard|clothes|shirts?|jeans|fabric|yarn|wool|eggs?|pink|purple|green|blonde?|silver|teal|orange|brown|ginger)\b/iy,
      unless:
        /\b(?:hair|roots|brows|eyebrows|lashes|beard|bleach\w*|blonde?|brunette|ginger|highlights|henna|tint|pink|purple|green|silver|teal|shirts?|clothes|fabric|jeans|yarn|wool|eggs?|easter|tie)\b/i,
    },
  ],
]);
/** How many characters before a word TYPO_AFTER's `prev` reads. */
const AFTER_WINDOW = 32;
/** How many characters on each side of a word TYPO_AFTER's `unless` reads, at most (within the word's sentence). */
const AFTER_TOPIC = 80;
/** The end of a sentence: `unless` reads no further. */
const SENTENCE_END = /[.!?\n]/;

/** The sentence around text[s, e), at most AFTER_TOPIC characters on each side. */
function sentenceAround(text: string, s: number, e: number): string {
  let from = s;
  const lowest = Math.max(0, s - AFTER_TOPIC);
  while (from > lowest && !SENTENCE_END.test(text[from - 1]!)) from--;
  let to = e;
  const highest = Math.min(text.length, e + AFTER_TOPIC);
  while (to < highest && !SENTENCE_END.test(text[to]!)) to++;
  return text.slice(from, to);
}

/** Whether `word` (lower case) at text[s, e) is one of TYPO_AFTER in its place. */
function afterMet(text: string, word: string, s: number, e: number): string | undefined {
  const after = TYPO_AFTER.get(word);
  if (after === undefined || !after.prev.test(text.slice(Math.max(0, s - AFTER_WINDOW), s))) return undefined;
  if (after.notNext !== undefined) {
    after.notNext.lastIndex = e;
    if (after.notNext.test(text)) return undefined;
  }
  if (after.unless !== undefined && after.unless.test(sentenceAround(text, s, e))) return undefined;
  return after.key;
}

/**
 * Key words written with an apostrophe inside (since 1.8.17): "wan't to die" is "want" (an autocorrected or
 * mistyped "want"; "want" has no contraction). Looked up on the word as written, lower case, apostrophes kept.
 */
export const TYPO_APOSTROPHE: ReadonlyMap<string, string> = new Map([
  ["wan't", 'want'],
  ['wan’t', 'want'],
  ['wan‘t', 'want'],
  ['wan`t', 'want'],
  ['wan´t', 'want'],
]);

/** Runs of one letter: "kill" → [['k',1],['i',1],['l',2]]. */
function runs(word: string): [string, number][] {
  const out: [string, number][] = [];
  for (const c of word) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === c) last[1]++;
    else out.push([c, 1]);
  }
  return out;
}

function fromRuns(rs: [string, number][]): string {
  let s = '';
  for (const [c, k] of rs) s += c.repeat(k);
  return s;
}

/** The generated misspellings of one key (without filtering), by edit kind. */
export function variantsOf(key: string): Set<string> {
  const out = new Set<string>();
  const n = key.length;
  // Adjacent letters swapped ("wnat", "myslef"), for every key.
  for (let i = 0; i + 1 < n; i++) if (key[i] !== key[i + 1]) out.add(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2));
  // One letter dropped ("wan", "myslf"): keys of four letters or more (a three-letter key less a letter is a different word).
  if (n >= 4) for (let i = 0; i < n; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  // (A letter changed or added, "myselg", "suiciadal", is left out: 26 variants a position would make
  // the gate in screen.ts pass ≈ 1 everyday word in 12; the lexicon reads "suicid…" whatever follows.)
  // Stretched letters ("dieee", "bacck", "kmsss", "killll"): one run longer, or two.
  const rs = runs(key);
  for (let a = 0; a < rs.length; a++) {
    for (let ka = rs[a]![1] + 1; ka <= ONE_RUN_MAX; ka++) {
      const one = rs.map((r) => [...r] as [string, number]);
      one[a]![1] = ka;
      out.add(fromRuns(one));
      if (ka > TWO_RUNS_MAX) continue;
      for (let b = a + 1; b < rs.length; b++) {
        for (let kb = rs[b]![1] + 1; kb <= TWO_RUNS_MAX; kb++) {
          const two = one.map((r) => [...r] as [string, number]);
          two[b]![1] = kb;
          out.add(fromRuns(two));
        }
      }
    }
  }
  out.delete(key);
  return out;
}

/** Every misspelling read as a key word → that key (lower case, no apostrophes). */
export const TYPO_VARIANTS: ReadonlyMap<string, string> = (() => {
  const keys = new Set<string>(TYPO_KEYS);
  const never = new Set([...TYPO_REAL_WORDS, ...TYPO_CHAT_WORDS]);
  const map = new Map<string, string>();
  for (const key of TYPO_KEYS) {
    for (const v of variantsOf(key)) {
      if (keys.has(v) || never.has(v) || map.has(v)) continue;
      map.set(v, key);
    }
  }
  for (const [v, key] of Object.entries(TYPO_KEPT)) map.set(v, key);
  return map;
})();

/** A run of one letter longer than ONE_RUN_MAX (tested on a lower-case word). */
const LONG_RUN = new RegExp(`([a-z0-9])\\1{${ONE_RUN_MAX},}`, 'g');

/**
 * The key a word (lower case, no apostrophes) is a misspelling of, or undefined. A run of one letter longer than
 * ONE_RUN_MAX ("kmsssssssss", "liiiiiiiiife") is shortened to ONE_RUN_MAX first, so that no stretch is too long (since
 * 1.8.16); that is tried only for a word that failed the plain lookup.
 */
export function typoKey(word: string): string | undefined {
  const key = TYPO_VARIANTS.get(word);
  if (key !== undefined || word.length <= ONE_RUN_MAX) return key;
  LONG_RUN.lastIndex = 0;
  if (!LONG_RUN.test(word)) return undefined;
  return TYPO_VARIANTS.get(word.replace(LONG_RUN, (_, c: string) => c.repeat(ONE_RUN_MAX)));
}

/** Whether correctTypos may correct a word (lower case, no apostrophes): a misspelling, or a word of TYPO_BEFORE (whatever follows it). */
export function typoCandidate(word: string): boolean {
  return typoKey(word) !== undefined || TYPO_BEFORE.has(word);
}

/**
 * Whether correctTypos corrects the model word text[s, e) (lower case, no apostrophes: `word`): a misspelling, a word of
 * TYPO_BEFORE before its next word, or a word of TYPO_APOSTROPHE as written (since 1.8.17; the screen's gate).
 */
export function typoCandidateAt(text: string, word: string, s: number, e: number): boolean {
  if (typoKey(word) !== undefined || afterMet(text, word, s, e) !== undefined) return true;
  const before = TYPO_BEFORE.get(word);
  if (before !== undefined) {
    before.next.lastIndex = e;
    return before.next.test(text);
  }
  return APOSTROPHE_BARE.has(word) && TYPO_APOSTROPHE.has(text.slice(s, e).toLowerCase());
}

/** The words of TYPO_APOSTROPHE without their apostrophe ("want"): the gate's bits hold them. */
const APOSTROPHE_BARE = new Set([...TYPO_APOSTROPHE.keys()].map((w) => w.replace(/['’‘`´]/g, '')));

/** FNV-1a of a lower-case ASCII word, as the char pass hashes a model word. */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The screen's gate (typoMet in screen.ts): a bit per model feature bucket (`hash & MASK`, 2^16 bits,
 * 8 KB) that some variant's hash falls in, and a bit per the hash's high 16 bits (TYPO_HIGH_BITS,
 * checked on the ≈ 1 word in 120 that passes the first). A word missing either bit cannot be a variant.
 */
export const TYPO_BUCKET_BITS = new Int32Array((MASK + 1) >>> 5);
export const TYPO_HIGH_BITS = new Int32Array(1 << 11);
for (const v of [...TYPO_VARIANTS.keys(), ...TYPO_BEFORE.keys(), ...TYPO_AFTER.keys(), ...APOSTROPHE_BARE]) {
  const h = wordHash(v);
  const b = h & MASK;
  TYPO_BUCKET_BITS[b >>> 5]! |= 1 << (b & 31);
  TYPO_HIGH_BITS[h >>> 21]! |= 1 << ((h >>> 16) & 31);
}

/** A text with its misspelled key words spelled right, and where each replacement sits in both. */
export interface Corrected {
  text: string;
  /** Flat quadruples: start and end in the original, start and end in the corrected text, in order. */
  edits: number[];
  /** correctTypos: whether a word spelled out letter by letter was joined, and whether a misspelling was corrected. */
  spelled?: boolean;
  typos?: boolean;
  /** correctTypos with readSpaced: whether a sentence spaced out letter by letter was read as words (since 1.8.21). */
  spaced?: boolean;
}

/** A model word: letters/digits joined across an apostrophe that is followed by a letter or digit (as `scanFeatures`). */
const MODEL_WORD = /[A-Za-z0-9]+(?:['’‘`´][A-Za-z0-9]+)*/g;
const APOSTROPHES = /['’‘`´]/g;
/** Three lower-case letters before a capital: a title run into the body (as TITLE_GLUE in screen.ts). */
const TITLE_JOIN = /[a-z]{3}[A-Z]/;

/**
 * A word spelled out letter by letter (since 1.8.20): "k.m.s", "k-m-s", "u.n.a.l.i.v.e", "d i e", "k. m. s" — three or more
 * single letters with the same separator between each two (one of . - _ * ~ + | / •, optionally with a space before and
 * after, or a space; "/", "•" and the space before since 1.8.21: "d/i/e", "d - i - e"),
 * not inside a longer word; spaced out, a first "i" is read as the pronoun ("I w a n t to d I e" is "I want to dIe"). Read from a single-letter model word on (sticky), as the screen's gate (SPELLED_OUT_MIN letters
 * in a row, typoMet in screen.ts) does.
 */
const SPELLED_OUT = /[A-Za-z](?:( ?[.\-_*~+|/\u2022] ?| )[A-Za-z])(?:\1[A-Za-z])+(?![A-Za-z0-9]|['’‘`´][A-Za-z0-9])/y;
/**
 * The same with the separators mixed ("k.m-s", "k-m.s", "u.n-a.l.i.v.e"; since 1.8.24): read only where SPELLED_OUT does
 * not give a key word, so a run it joins is joined as before.
 */
const SPELLED_OUT_MIXED = /[A-Za-z](?: ?[.\-_*~+|/\u2022] ?[A-Za-z]){2,}(?![A-Za-z0-9]|['’‘`´][A-Za-z0-9])/y;
/** The fewest letters SPELLED_OUT reads as a word. */
export const SPELLED_OUT_MIN = 3;
/** Whether a gap of this many characters between two single-letter words may be a SPELLED_OUT separator (" - " since 1.8.21). */
export function spelledOutGap(gap: number): boolean {
  return gap >= 1 && gap <= 3;
}

/**
 * The words a run spelled out letter by letter is written as one word for (lower case): the key words and the words of
 * a stated wish or method, never anything else — a joke marker spelled out ("l.o.l", "h a h a", "l m a o") stays as
 * written, since joined it would read the text as a joke (a first 1.8.20 draft read "i wnat to die l.o.l" 3 → 1).
 * Run-together phrases come out of a whole sentence spaced out ("i w a n t t o d i e" → "wanttodie").
 */
export const SPELLED_KEYS: ReadonlySet<string> = new Set([
  ...TYPO_KEYS,
  'kms', 'kys', 'ctb', 'od', 'unalive', 'sewerslide', 'suicide', 'suicidal', 'self', 'harm', 'selfharm', 'death', 'dying', 'hang',
  'noose', 'rope', 'jump', 'bridge', 'gun', 'pill', 'slit', 'wrists', 'bleed', 'overdosed', 'gonna', 'going', 'need', 'kill', 'killmyself',
  'wanttodie', 'wannadie', 'iwanttodie', 'wanttokillmyself', 'iwanttokillmyself', 'wanttodietonight', 'imgoingtokillmyself',
  'goingtokillmyself', 'gonnakillmyself', 'gonnakms', 'endmylife', 'endit', 'enditall', 'wanttoendit', 'wanttoendmylife',
]);

/**
 * Key phrases of the lexicon a sentence spaced out letter by letter is read for (since 1.8.21), written by the project with
 * their word boundaries: "i w a n t t o d i e" joins to "iwanttodie", whose word boundaries are lost; the phrase "i want to
 * die" found in it puts them back ("i want to die"), and the rules read the words as written. No dictionary split: the
 * letters outside a phrase stay one word (less a negation at its end: "i d o n t w a n t t o d i e" is "i dont want to
 * die"). Phrases of fewer than SPACED_PHRASE_MIN letters are not looked for inside a run (a short one turns up by chance in
 * spaced letters), nor a key word alone ("suicide"): the letters left around it would be one word, their subject and
 * negation lost ("m y d a d d i e d b y s u i c i d e"); a phrase carries its own ("i am suicidal", "kill myself"). A whole
 * run that is one key word is joined by SPELLED_OUT as in 1.8.20.
 */
export const SPACED_PHRASES: readonly string[] = [
  'i want to die', 'want to die', 'i wanna die', 'wanna die', 'want to die tonight', 'want to be dead', 'wanna be dead', 'wish i was dead',
  'wish i were dead', 'better off dead', 'dont want to live', 'dont want to be alive', 'dont want to exist',
  'kill myself', 'kill my self', 'killing myself', 'want to kill myself', 'i want to kill myself', 'wanna kill myself',
  'im going to kill myself', 'going to kill myself', 'gonna kill myself', 'gonna kms', 'going to kms', 'want to kms',
  'end my life', 'end it all', 'want to end it', 'want to end my life', 'take my life', 'commit suicide', 'im suicidal', 'i am suicidal',
  'feel suicidal', 'feeling suicidal', 'unalive myself', 'hang myself', 'want to overdose', 'going to overdose', 'gonna overdose',
  'cut myself', 'hurt myself', 'self harm',
  // Since 1.8.22: more of the common ideation phrases (each reads as it does written in words).
  'think about suicide', 'thinking about suicide', 'i think about suicide', 'thoughts of suicide', 'suicidal thoughts',
  'want to end it all', 'i want to end it', 'end it all tonight', 'end my own life', 'kill myself tonight',
  'hang my self', 'hanging myself', 'do not want to live', 'dont want to live anymore', 'i dont want to live', 'dont want to be here',
  'i dont want to be here', 'dont want to be here anymore', 'i am going to kill myself',
];
/** The fewest letters of a phrase looked for inside a spaced-out run. */
const SPACED_PHRASE_MIN = 6;
/** The fewest single letters in a row read as a spaced-out sentence (the gate: four single-letter words a separator apart). */
export const SPACED_MIN = 4;

interface SpacedPhrase {
  /** The phrase's letters, lower case, without spaces. */
  letters: string;
  /** Where its words start, as offsets into `letters` (the first word's 0 left out). */
  cuts: number[];
}

/** SPACED_PHRASES by first letter, longest first (read leftmost, then longest). */
const SPACED_BY_FIRST: ReadonlyMap<string, SpacedPhrase[]> = (() => {
  const map = new Map<string, SpacedPhrase[]>();
  for (const phrase of SPACED_PHRASES) {
    const words = phrase.split(' ');
    const letters = words.join('');
    if (letters.length < SPACED_PHRASE_MIN) throw new Error(`safety screen: spaced phrase "${phrase}" is too short`);
    const cuts: number[] = [];
    let at = 0;
    for (const w of words.slice(0, -1)) cuts.push((at += w.length));
    const list = map.get(letters[0]!) ?? [];
    list.push({ letters, cuts });
    map.set(letters[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.letters.length - a.letters.length);
  return map;
})();

/**
 * Single letters in a row, a separator apart: a space (up to three: a wider one is a word boundary, "I  A M  S O"), one of
 * . - _ * ~ + | / • with a space before or after or none, or a comma, !, ?, ;, : and a space (a word boundary). Each letter
 * is a word of its own (not before a letter, digit or an apostrophe and a letter).
 */
const SPACED_RUN =
  /[A-Za-z](?![A-Za-z0-9]|['’‘`´][A-Za-z0-9])(?:(?:[ \t\u00a0]{1,3}|[ \t]?[.\-_*~+|/\u2022][ \t]?|[,!?;:][ \t]{1,2})[A-Za-z](?![A-Za-z0-9]|['’‘`´][A-Za-z0-9]))+/y;
/** Joke markers: left as written when spelled out (as SPELLED_KEYS leaves them), so that they never read a crisis as a joke. */
const SPACED_JEST = /^(?:lol+|lmf?ao+|rofl|(?:ha){2,}h?|(?:he){2,}|jk|xd+)$/;
/**
 * The letters before a phrase found inside a run with no written word boundary (since 1.8.22): the phrase starts a word
 * only at the run's start, after another phrase, or after a pronoun, a negation, "to", a verb of will or having ("i w a n
 * t t o e n d i t a l l", "i w i l l e n d m y l i f e", "i h a v e s u i c i d a l t h o u g h t s"), and words that
 * only stress what follows ("i d o n t r e a l l y w a n t t o d i e"); each is a word of its own. A phrase that starts
 * with "i" carries its subject and may start anywhere ("s o m e t i m e s i w a n t t o d i e"). Without this, "end it
 * all" was read inside "b l e n d i t a l l" and "t h e w e e k e n d i t a l l s t a r t s" (3 on 1.8.21).
 */
const SPACED_BEFORE =
  /^(.*?)(i|im|ive|id|ill|to|wanna|gonna|gotta|will|would|could|should|might|must|can|and|then|be|am|was|have|had|having|got|get|getting|with|my|about|of|feel|feeling|keep|been|dont|donot|didnt|doesnt|never|not|wont|cant)((?:really|even|actually|truly|just|ever|honestly|literally|still|so|kinda|sometimes|always)*)$/;
/** The letters SPACED_BEFORE reads before a phrase (a negation and a few stressing words). */
const SPACED_BEFORE_LONGEST = 40;
/** The stressing words of SPACED_BEFORE's third group, one by one. */
const SPACED_STRESS = /really|even|actually|truly|just|ever|honestly|literally|still|so|kinda|sometimes|always/g;
/**
 * Words that may follow a phrase inside a run with no written word boundary (since 1.8.22): a phrase ends a word only at the
 * run's end, before another phrase, or before these ("k i l l m y s e l f t o n i g h t", "i w a n t t o d i e l o l"; "i"
 * and "a" are the written word after the run: "i h a v e s u i c i d a l t h o u g h t s i never …"); "i w a n t t o d
 * i e t" is "diet" (3 on 1.8.21).
 */
const SPACED_AFTER: ReadonlySet<string> = new Set([
  'i', 'a', 'tonight', 'tonite', 'today', 'tomorrow', 'now', 'right', 'rn', 'already', 'anymore', 'all', 'to', 'too', 'so',
  'bad', 'badly', 'much', 'lol', 'lo', 'lmao', 'haha', 'pls', 'please', 'fr', 'tbh', 'ngl', 'honestly', 'literally', 'soon',
  'omg', 'goodbye', 'bye', 'help', 'me',
]);
/** A phrase that ends in a word no longer word starts with ("myself", "suicidal") ends at a word's edge wherever the run goes on. */
const SPACED_END_FREE = /(?:myself|suicidal)$/;
const SPACED_AFTER_LONGEST = Math.max(...[...SPACED_AFTER].map((w) => w.length));
/** Where `letters` [from, to) splits into SPACED_AFTER words: the offsets where each word after the first starts, or null. */
function spacedAfterCuts(letters: string, from: number, to: number): number[] | null {
  if (from === to) return [];
  for (let k = Math.min(to, from + SPACED_AFTER_LONGEST); k > from; k--) {
    if (!SPACED_AFTER.has(letters.slice(from, k))) continue;
    const rest = spacedAfterCuts(letters, k, to);
    if (rest !== null) return k === to ? rest : [k, ...rest];
  }
  return null;
}

/** Whether the letters at text[a] and text[b] differ in case: a word written after the run ("d i e K never", "D I E i dm"). */
function caseBreak(text: string, a: number, b: number): boolean {
  return (text.charCodeAt(a) < 97) !== (text.charCodeAt(b) < 97);
}

/** Whether a SPACED_PHRASES phrase starts at `letters[at]`. */
function spacedPhraseAt(letters: string, at: number): boolean {
  for (const ph of SPACED_BY_FIRST.get(letters[at]!) ?? []) if (letters.startsWith(ph.letters, at)) return true;
  return false;
}

/**
 * The spaced-out sentence at text[start, ...) (SPACED_RUN matched there: `run`), read as words (since 1.8.21), appended to
 * `out` with its `edits`; the new `out`, or null when the run holds no key phrase and no key word between word boundaries
 * (then nothing is appended). Word boundaries: a wider gap than the run's usual one (two spaces among single ones, a space
 * among dots, ". " among spaces), and those of a key phrase found in the letters (SPACED_PHRASES, leftmost then longest,
 * not across a written word boundary; where the run has such boundaries, only from one to another).
 */
function readSpacedRun(text: string, start: number, run: string, out: string, edits: number[]): string | null {
  const at: number[] = [];
  let letters = '';
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) {
      at.push(start + i);
      letters += String.fromCharCode(c);
    }
  }
  const n = letters.length;
  // The usual gap (the commonest); any other holding a space or a comma … is a written word boundary.
  const counts = new Map<string, number>();
  for (let k = 1; k < n; k++) {
    const gap = text.slice(at[k - 1]! + 1, at[k]!);
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let usual = '';
  let most = 0;
  for (const [gap, count] of counts) {
    if (count > most) {
      usual = gap;
      most = count;
    }
  }
  const written = new Uint8Array(n + 1);
  let anyWritten = false;
  for (let k = 1; k < n; k++) {
    const gap = text.slice(at[k - 1]! + 1, at[k]!);
    if (gap !== usual && /[\s,!?;:]/.test(gap)) {
      written[k] = 1;
      anyWritten = true;
    }
  }
  written[0] = 1;
  written[n] = 1;
  // Key phrases in the letters.
  const cut = new Uint8Array(n + 1);
  const inPhrase = new Uint8Array(n);
  let found = false;
  // Since 1.8.22, in a run with no written word boundary a phrase must start and end at a word's edge (SPACED_BEFORE,
  // SPACED_AFTER): the letters before it from the last phrase, the letters after it to the run's end or the next phrase.
  let lastCut = 0;
  for (let p = 0; p < n; ) {
    let len = 0;
    let startsWord: boolean | undefined = anyWritten || p === lastCut ? true : undefined; // read when a phrase is there
    if (!anyWritten || written[p] === 1) {
      for (const ph of SPACED_BY_FIRST.get(letters[p]!) ?? []) {
        const end = p + ph.letters.length;
        if (end > n || !letters.startsWith(ph.letters, p) || (anyWritten && written[end] !== 1)) continue;
        startsWord ??= SPACED_BEFORE.test(letters.slice(Math.max(lastCut, p - SPACED_BEFORE_LONGEST), p));
        if (!startsWord && ph.letters[0] !== 'i') continue; // "i want to die", "im suicidal" carry their subject
        if (!anyWritten && end < n && !SPACED_END_FREE.test(ph.letters) && !spacedPhraseAt(letters, end) && !caseBreak(text, at[end - 1]!, at[end]!) && spacedAfterCuts(letters, end, n) === null) continue;
        let fits = true;
        for (let k = p + 1; k < end && fits; k++) if (written[k] === 1 && !ph.cuts.includes(k - p)) fits = false;
        if (!fits) continue;
        cut[p] = 1;
        cut[end] = 1;
        for (const c of ph.cuts) cut[p + c] = 1;
        inPhrase.fill(1, p, end);
        len = ph.letters.length;
        break;
      }
    }
    if (len > 0) {
      found = true;
      p += len;
      lastCut = p;
    } else p++;
  }
  // The words after the last phrase of a run with no written word boundary, one by one ("tonight", "lol").
  if (!anyWritten && lastCut > 0 && lastCut < n) for (const k of spacedAfterCuts(letters, lastCut, n) ?? []) cut[k] = 1;
  for (let k = 0; k <= n; k++) if (written[k] === 1) cut[k] = 1;
  // The words: a pronoun or a negation ending the letters before a phrase, and the words stressing it, are words of their own.
  const words: [number, number][] = [];
  for (let a = 0; a < n; ) {
    let b = a + 1;
    while (b < n && cut[b] !== 1) b++;
    const m = inPhrase[a] === 1 || b === n || inPhrase[b] !== 1 ? null : SPACED_BEFORE.exec(letters.slice(a, b));
    if (m !== null) {
      const head = a + m[1]!.length;
      const stress = head + m[2]!.length;
      if (head > a) words.push([a, head]);
      words.push([head, stress]);
      for (const w of m[3]!.matchAll(SPACED_STRESS)) words.push([stress + w.index, stress + w.index + w[0].length]);
    } else words.push([a, b]);
    a = b;
  }
  if (!found && !(anyWritten && words.some(([a, b]) => SPELLED_KEYS.has(letters.slice(a, b))))) return null;
  let from = start;
  for (let w = 0; w < words.length; w++) {
    const [a, b] = words[w]!;
    const word = letters.slice(a, b);
    if (w > 0 && written[a] !== 1) {
      // A boundary the phrase (or a negation) put in: one space in place of the separator written.
      const gapStart = at[a - 1]! + 1;
      if (text.slice(gapStart, at[a]!) !== ' ') {
        out += text.slice(from, gapStart);
        edits.push(gapStart, at[a]!, out.length, out.length + 1);
        out += ' ';
        from = at[a]!;
      }
    }
    if (b - a === 1 || SPACED_JEST.test(word)) continue; // one letter, or a joke marker: as written
    out += text.slice(from, at[a]!);
    let joined = '';
    for (let k = a; k < b; k++) joined += text[at[k]!];
    edits.push(at[a]!, at[b - 1]! + 1, out.length, out.length + joined.length);
    out += joined;
    from = at[b - 1]! + 1;
  }
  return out + text.slice(from, start + run.length);
}

/**
 * `text` with every misspelled key word spelled right (in the case it was written in) and, when `joinSpelled`, every key
 * word spelled out letter by letter written as one word (SPELLED_OUT and SPELLED_KEYS, since 1.8.20), or null when there is
 * none. `spelled` / `typos`: whether a spelled-out word was joined / a misspelling was corrected. With `readSpaced` (since
 * 1.8.21), a sentence spaced out letter by letter (SPACED_MIN single letters or more) is read as words (readSpacedRun), and
 * `spaced` says whether one was; "o.d" / "O.D" is read as "od" after a verb of wanting or intending, or before "'d".
 */
export function correctTypos(text: string, joinSpelled = true, readSpaced = false): Corrected | null {
  let out = '';
  let from = 0;
  const edits: number[] = [];
  let spelledJoined = false;
  let typoFixed = false;
  let spacedRead = false;
  /** The end of the last spaced-out run read without a key phrase: its later letters are not read again (no quadratic cost). */
  let spacedTried = -1;
  MODEL_WORD.lastIndex = 0;
  for (let m = MODEL_WORD.exec(text); m !== null; m = MODEL_WORD.exec(text)) {
    const written = m[0];
    if (written.length === 1) {
      if (readSpaced && m.index >= spacedTried) {
        SPACED_RUN.lastIndex = m.index;
        const run = SPACED_RUN.exec(text);
        if (run !== null && countLetters(run[0]) >= SPACED_MIN) {
          const before = out + text.slice(from, m.index);
          const read = readSpacedRun(text, m.index, run[0], before, edits);
          if (read !== null) {
            out = read;
            from = m.index + run[0].length;
            MODEL_WORD.lastIndex = from;
            spacedRead = true;
            continue;
          }
          spacedTried = m.index + run[0].length;
        }
      }
      O_D.lastIndex = m.index;
      if (joinSpelled && O_D.test(text) && odMet(text, m.index)) {
        out += text.slice(from, m.index);
        edits.push(m.index, m.index + 3, out.length, out.length + 2);
        out += text[m.index]! + text[m.index + 2]!;
        from = m.index + 3;
        MODEL_WORD.lastIndex = from;
        spelledJoined = true;
        continue;
      }
      SPELLED_OUT.lastIndex = m.index;
      let spelled = SPELLED_OUT.exec(text);
      if (joinSpelled && (spelled === null || !SPELLED_KEYS.has(spelled[0].replace(/[^A-Za-z]/g, '').toLowerCase()))) {
        // Mixed separators ("k.m-s", since 1.8.24): only when they give a key word.
        SPELLED_OUT_MIXED.lastIndex = m.index;
        const mixed = SPELLED_OUT_MIXED.exec(text);
        if (mixed !== null && SPELLED_KEYS.has(mixed[0].replace(/[^A-Za-z]/g, '').toLowerCase())) spelled = mixed;
      }
      if (spelled === null) continue;
      // Spaced out, a first "i" is the pronoun ("I w a n t to d I e": "I want", not "Iwant"), if three letters are left.
      const pronoun = spelled[1] === ' ' && (written === 'i' || written === 'I') && spelled[0].length >= 7 ? 2 : 0;
      const at = m.index + pronoun;
      const word = spelled[0].slice(pronoun).replace(/[^A-Za-z]/g, '');
      if (!joinSpelled || !SPELLED_KEYS.has(word.toLowerCase())) {
        // Not joined: go on after the run, whose letters are single letters (no misspelling).
        MODEL_WORD.lastIndex = m.index + spelled[0].length;
        continue;
      }
      spelledJoined = true;
      out += text.slice(from, at);
      edits.push(at, m.index + spelled[0].length, out.length, out.length + word.length);
      out += word;
      from = m.index + spelled[0].length;
      MODEL_WORD.lastIndex = from;
      continue;
    }
    if (written.length < 3 && !TYPO_BEFORE.has(written.toLowerCase())) continue;
    const lower = written.toLowerCase();
    const upper = written === written.toUpperCase();
    const capital = !upper && written.slice(1) === lower.slice(1);
    // A word with a capital inside ("i wNat to die", since 1.8.17) is corrected in lower case, unless three lower-case
    // letters come before the capital: that is a title run into the body ("wnatHow"), which the screen reads split.
    const mixed = !upper && !capital && written !== lower;
    if (mixed && TITLE_JOIN.test(written)) continue;
    const bare = lower.replace(APOSTROPHES, '');
    let key = typoKey(bare) ?? TYPO_APOSTROPHE.get(lower) ?? afterMet(text, bare, m.index, m.index + written.length);
    if (key === undefined) {
      const before = TYPO_BEFORE.get(bare);
      if (before === undefined) continue;
      before.next.lastIndex = m.index + written.length;
      if (!before.next.test(text)) continue;
      key = before.key;
    }
    const spelled = mixed ? key : upper ? key.toUpperCase() : capital && written !== lower ? key[0]!.toUpperCase() + key.slice(1) : key;
    out += text.slice(from, m.index);
    edits.push(m.index, m.index + written.length, out.length, out.length + spelled.length);
    out += spelled;
    from = m.index + written.length;
    typoFixed = true;
  }
  if (edits.length === 0) return null;
  return { text: out + text.slice(from), edits, spelled: spelledJoined, typos: typoFixed, spaced: spacedRead };
}

/** How many letters a SPACED_RUN match holds. */
function countLetters(run: string): number {
  let k = 0;
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) k++;
  }
  return k;
}

/**
 * "o.d" / "O.D" (two letters, so no SPELLED_OUT word) as "od", overdose (since 1.8.21): followed by "'d" ("i o.d'd last
 * night"), or after a verb of wanting or intending ("i'm going to o.d tonight", "i want to O.D.", "gonna o.d"). Elsewhere
 * it is a title or a dose ("Dr. Smith, O.D.", "take 1 tablet o.d.", the right eye) and stays as written. "o.d.'d" and
 * "o.d.ed" the lexicon reads as written.
 */
const O_D = /[oO]\.[dD](?![A-Za-z0-9]|\.['’‘`´]?[A-Za-z0-9])/y;
const O_D_PAST = /['’]d\b/y;
const O_D_AFTER =
  /(?:\b(?:to|wanna|gonna|gunna|finna|tryna|will|might|may|could|would|should|i|i['’]?ll|ill|i['’]?m|im|just|almost|nearly)\s+(?:(?:just|really|fucking|finally|probably|prob|def|definitely|accidentally|literally|gonna|going\s+to)\s+)*)$/i;

/**
 * "o.d." in its other senses near it (since 1.8.22; within O_D_NEAR characters either side): the right eye (oculus dexter,
 * beside an eye, drops, ointment: "apply 1 drop to o.d. twice daily", "i'm going to o.d. the right eye drops") and the
 * officer of the day ("i will o.d. tomorrow at the base"); 1.8.21 read them as an overdose (2, 4).
 */
const O_D_OTHER_SENSE =
  /\b(?:eyes?|eye ?drops?|drops?(?! dead)|ointment|instill\w*|ophthalm\w*|optometr\w*|optician|pupils?|cornea|retina|o\.[su]\b|officer|duty|base|barracks|army|navy|military|battalion|regiment|platoon|squadron|brigade|garrison|quarterdeck|sentry)\b/i;
const O_D_NEAR = 80;

/**
 * Whether "o.d" at text[s, s + 3) (O_D matched there) reads as "od": O_D_PAST after it, or O_D_AFTER before it and, since
 * 1.8.22, no other sense of "o.d." near it (O_D_OTHER_SENSE).
 */
function odMet(text: string, s: number): boolean {
  O_D_PAST.lastIndex = s + 3;
  if (O_D_PAST.test(text)) return true;
  return (
    O_D_AFTER.test(text.slice(Math.max(0, s - AFTER_WINDOW), s)) &&
    !O_D_OTHER_SENSE.test(text.slice(Math.max(0, s - O_D_NEAR), s)) &&
    !O_D_OTHER_SENSE.test(text.slice(s + 3, s + 3 + O_D_NEAR))
  );
}

/**
 * A position in the corrected text → the position in the original: inside a replaced word, clamped to the word written.
 * Binary search over the edits (in order in both texts), so that mapping every span of a long styled text stays linear.
 */
export function originalPosition(edits: number[], p: number): number {
  // The last edit whose corrected start lies before p (cStart < p), or none.
  let lo = 0;
  let hi = edits.length / 4;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edits[mid * 4 + 2]! < p) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return p;
  const i = (lo - 1) * 4;
  const oStart = edits[i]!;
  const oEnd = edits[i + 1]!;
  const cStart = edits[i + 2]!;
  const cEnd = edits[i + 3]!;
  if (p < cEnd) return Math.min(oStart + (p - cStart), oEnd);
  return p + (oEnd - cEnd);
}
