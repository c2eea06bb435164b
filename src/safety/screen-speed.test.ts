/**
 * The speed gates of the screen (ADR 038) skip work only where it cannot find anything: each gate
 * must admit every text (or word) that the check behind it would match. Property tests over the
 * texts of the safety test tables and variants of them (case, jest marks, case-folding letters);
 * each fails if a gate were narrowed so that it skipped a match. The verdicts themselves are
 * compared with the previous screen by `scripts/screen-equivalence.ts` (zero differences).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_RULES, CUE_RULES, DISTRESS_RULES, MARKER_RULES, METHOD_RULES, PREPARATION_RULES } from './lexicon.js';
import { SPEED_GATES } from './screen.js';
import { ONE_RUN_MAX, TYPO_KEYS, TYPO_VARIANTS, correctTypos } from './typos.js';

/** Every string literal of the safety test files: the cases of their tables. */
function tableTexts(): string[] {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts') && e.name !== 'screen-speed.test.ts') {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
      }
    }
  };
  walk(dir);
  return [...new Set(out)].filter((t) => t.length > 0);
}

function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

const TEXTS = tableTexts();
const JEST_BITS = ['lol', 'LOLOL', 'lmao', 'LMFAO', 'rofl', 'hahaha', 'Hehe', 'jk', 'JK', 'j\u212a', 'xD', 'XDD', '😂', '🤣', '💀', '😆', '😅', 'ſ', '\u212a', '_', '\u00a0'];

/** The table texts, and each with case changed and jest marks or folding letters put in at random places. */
function variants(): string[] {
  const r = rng(38);
  const out: string[] = [];
  for (const t of TEXTS) {
    out.push(t, t.toUpperCase());
    for (let k = 0; k < 3; k++) {
      const at = r(t.length + 1);
      const bit = JEST_BITS[r(JEST_BITS.length)]!;
      const glue = [' ', '', '.', ',', '\n'][r(5)]!;
      out.push(t.slice(0, at) + glue + bit + glue + t.slice(at));
    }
  }
  return out;
}

describe('speed gates admit everything the checks behind them match', () => {
  it('has the table texts to read (the property would hold vacuously without them)', () => {
    expect(TEXTS.length).toBeGreaterThan(1000);
  });

  it('the char pass lets JEST_MARK run on every text it matches (jestPossible)', () => {
    const { jestMark, jestPossible } = SPEED_GATES;
    let matched = 0;
    const missed: string[] = [];
    for (const t of variants()) {
      if (!jestMark.test(t)) continue;
      matched++;
      if (!jestPossible(t)) missed.push(t);
    }
    expect(missed).toEqual([]);
    expect(matched).toBeGreaterThan(1000);
  });

  it('keeps the Kelvin sign and the emoji: under /iu "j\u212a" is the jest mark "jk"', () => {
    for (const t of ['ok j\u212a', 'J\u212a.', 'so tired 😂', '🤣', 'dead 💀', '😆😅']) {
      expect(SPEED_GATES.jestMark.test(t)).toBe(true);
      expect(SPEED_GATES.jestPossible(t)).toBe(true);
    }
    // And lets through no text without a mark's opening word or char.
    expect(SPEED_GATES.jestPossible('I went to the market with my neighbour.')).toBe(false);
  });

  it('lets JEST_MARK run on every match of each alternative of JEST_MARKS, in any case and context (fast-check)', () => {
    const { jestMarks, jestMark, jestPossible, asciiFolds } = SPEED_GATES;
    // Matches of the marks generated from the regex itself (fast-check's stringMatching takes no
    // `i` flag and no \b: case and folds are put in below, word boundaries by the context).
    const mark = fc.stringMatching(new RegExp(`^(?:${jestMarks.source.replace(/\\b/g, '')})$`, 'u'));
    const fold = Object.fromEntries(Object.entries(asciiFolds).map(([a, c]) => [a, String.fromCharCode(c)]));
    const sep = fc.constantFrom('', ' ', '.', ',', '\n', '_', "'", '\u00a0', '😂', 'é', 'x');
    let matched = 0;
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), sep, mark, fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }), sep, fc.string({ maxLength: 8 }), (left, before, m, how, after, right) => {
        // Each letter as written, upper-cased, or (k, s) as the non-ASCII char that folds onto it.
        const written = [...m].map((ch, i) => (how[i % how.length] === 1 ? ch.toUpperCase() : how[i % how.length] === 2 ? (fold[ch.toLowerCase()] ?? ch) : ch)).join('');
        const text = left + before + written + after + right;
        if (!jestMark.test(text)) return;
        matched++;
        expect(jestPossible(text), JSON.stringify(text)).toBe(true);
      }),
      { numRuns: 5000, seed: 38 },
    );
    expect(matched).toBeGreaterThan(1000);
  });

  it('knows every non-ASCII char that folds onto an ASCII letter or digit under /iu (the gate reads only those)', () => {
    const folds: number[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (/^[a-z0-9]$/iu.test(String.fromCodePoint(c))) folds.push(c);
    }
    expect(folds).toEqual(Object.values(SPEED_GATES.asciiFolds).sort((a, b) => a - b));
  });

  it('derives the jest gate from JEST_MARKS: an added mark is gated on its own opening, or the module refuses to load', () => {
    const { jestMarks, jestOpenings, jestGate } = SPEED_GATES;
    expect(jestOpenings(jestMarks)).toEqual(jestGate);
    expect(jestGate.words).toContain('lol');
    // A new word mark adds its opening, and the fold of its "s" (ſmh matches /smh/iu).
    const withSmh = jestOpenings(new RegExp(jestMarks.source.replace('|jk|', '|jk|smh|ded+|lo?x|'), jestMarks.flags));
    expect(withSmh.words.filter((w) => !jestGate.words.includes(w))).toEqual(['smh', 'ded', 'l']);
    expect(withSmh.chars.filter((c) => !jestGate.chars.includes(c))).toEqual([0x17f]);
    // A new emoji adds its first code unit.
    expect(jestOpenings(new RegExp(`${jestMarks.source}|🙃`, jestMarks.flags)).chars).toEqual(jestGate.chars);
    expect(jestOpenings(/\b(?:lol)\b|☠/u).chars).toEqual([0x2620]);
    // A mark the char pass cannot see opening a word: refused, with the alternative named.
    for (const bad of [/\b(?:lol)\b|smh/iu, /\b(?:lol|\w+ded)\b/iu, /\b(?:lol)(?:x|y)\b/iu, /\b(?:lol)\b|:\)/iu, /\b(?:lol)\b|é/iu, /\b(?:lol)\b|/iu, /\b(?:o?lol)\b/iu]) {
      expect(() => jestOpenings(bad), String(bad)).toThrow(/jest mark alternative .* could not gate it/);
    }
  });

  it('the char pass lets correctTypos run on every text in which it corrects a word (typoPossible)', () => {
    // Every misspelling as a word, in each case, glued to apostrophes and punctuation, and put into the table texts.
    const r = rng(1815);
    // 1.8.16: each key with one letter stretched past ONE_RUN_MAX (shortened before the lookup), and "overdoes" before "on".
    const stretched = TYPO_KEYS.flatMap((k) => [...k].map((c, i) => k.slice(0, i) + c.repeat(ONE_RUN_MAX + 1 + r(6)) + k.slice(i + 1)));
    // 1.8.17: "too" before a verb of dying, "wan't" with each apostrophe.
    const words = [...TYPO_VARIANTS.keys(), ...stretched, 'overdoes on my', 'too die', 'too kill myself', 'too end it', "wan't", 'wan’t', 'wan‘t', 'wan`t', 'wan´t'];
    const texts = [...variants()];
    for (const w of words) {
      const t = TEXTS[r(TEXTS.length)]!;
      const at = r(t.length + 1);
      // 1.8.17: a capital inside the word too ("wNat").
      const written = [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1), `${w.slice(0, 1)}'${w.slice(1)}`, w.slice(0, 1) + w.slice(1, 2).toUpperCase() + w.slice(2)][r(5)]!;
      texts.push(written, `${t.slice(0, at)} ${written}${[' ', '.', ',', '!', "'", ''][r(6)]!}${t.slice(at)}`);
    }
    let corrected = 0;
    const missed: string[] = [];
    for (const t of texts) {
      if (correctTypos(t) === null) continue;
      corrected++;
      if (!SPEED_GATES.typoPossible(t)) missed.push(t);
    }
    expect(missed.slice(0, 10)).toEqual([]);
    expect(corrected).toBeGreaterThan(words.length);
    // And lets through no text without a word whose hash may be a misspelling's.
    expect(SPEED_GATES.typoPossible('I went to the market with my neighbour and we want to come back tonight.')).toBe(false);
    // "want" and "too" pass the bit test since 1.8.17, and only with an apostrophe inside or a verb of dying after them.
    expect(SPEED_GATES.typoPossible('I want to go too, it was too late to die down.')).toBe(false);
    expect(SPEED_GATES.typoPossible("i wan't to go")).toBe(true);
    expect(SPEED_GATES.typoPossible('i want too die')).toBe(true);
  });

  it('the char pass records every word that one of its stems matches (SLOT_ANY / SLOT_FOURTH)', () => {
    const stems = new Set([CORE_RULES, METHOD_RULES, CUE_RULES, DISTRESS_RULES, MARKER_RULES, PREPARATION_RULES].flat().flatMap((rule) => rule.anchors));
    // Every stem as a word, with a suffix, cut short by a letter and upper-cased, beside the table texts.
    const words = [...stems].flatMap((s) => [s, `${s}ing`, `${s}s`, s.slice(0, -1), s.toUpperCase(), `${s.slice(0, 3)}x${s.slice(4)}`]);
    let admitted = 0;
    const missed: string[] = [];
    for (const t of [...variants(), words.join(' '), ...words]) {
      const hits = new Set(SPEED_GATES.anchorHits(t));
      for (const at of SPEED_GATES.stemWords(t)) {
        admitted++;
        if (!hits.has(at)) missed.push(`${t.slice(at, at + 20)} in ${t.slice(0, 60)}`);
      }
    }
    expect(missed.slice(0, 10)).toEqual([]);
    expect(admitted).toBeGreaterThan(10000);
  });
});
