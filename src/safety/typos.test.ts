import { describe, expect, it } from 'vitest';
import { screen } from './index.js';
import { SPEED_GATES } from './screen.js';
import { normalizeStyled, normalizeText } from './normalize.js';
import { SPACED_PHRASES, TYPO_CHAT_WORDS, TYPO_KEYS, TYPO_KEPT, TYPO_REAL_WORDS, TYPO_VARIANTS, correctTypos, originalPosition, typoKey, variantsOf } from './typos.js';

describe('typos: misspelled key words (1.8.15)', () => {
  it('reads typos, dropped and swapped letters and stretched letters of the key words as the key', () => {
    const expected: Record<string, string> = {
      wnat: 'want', wan: 'want', wnana: 'wanna', dieee: 'die', diiieee: 'die', ded: 'dead', myslef: 'myself', myslf: 'myself', suicdal: 'suicidal',
      suicdie: 'suicide', lfie: 'life', liffe: 'life', overdsoe: 'overdose', pils: 'pills', ctu: 'cut', cuttin: 'cutting', bacck: 'back', bcak: 'back',
      kmsss: 'kms', killll: 'kill', killng: 'killing', ureg: 'urge', tonigth: 'tonight', edn: 'end', ennd: 'end',
    };
    for (const [written, key] of Object.entries(expected)) expect([written, TYPO_VARIANTS.get(written)]).toEqual([written, key]);
  });

  it('never corrects a real word, a key word itself or a chat word, so "kill" never becomes "kil" and "dye" never "die"', () => {
    for (const word of ['dye', 'dine', 'diet', 'died', 'dies', 'cute', 'bake', 'wand', 'wants', 'kilns', 'skill', 'ill', 'lie', 'pill', 'dad', 'ant', 'and', 'ends',
      'lief', 'putting', 'willing', 'billing', 'overdoes', 'overdosed', 'suicides', 'killings', 'ure', 'wat', 'ned', 'dei', 'myselg', 'suicidel', ...TYPO_KEYS]) {
      expect([word, TYPO_VARIANTS.get(word)]).toEqual([word, undefined]);
    }
    expect(correctTypos('i want to kill the lights, the kilns are hot and my skill is to dye wool')).toBeNull();
  });

  it('lists only real words that the keys generate (a stale entry means the keys or edits changed)', () => {
    const generated = new Set(TYPO_KEYS.flatMap((k) => [...variantsOf(k)]));
    expect(TYPO_REAL_WORDS.filter((w) => !generated.has(w))).toEqual([]);
    expect(TYPO_CHAT_WORDS.filter((w) => !generated.has(w))).toEqual([]);
    expect(Object.keys(TYPO_KEPT).filter((w) => !generated.has(w))).toEqual([]);
  });

  it('shortens a letter stretched past ONE_RUN_MAX before the lookup, and reads "overdoes" as "overdose" only before on/my/all (1.8.16)', () => {
    for (const [written, key] of [['kmsssssssss', 'kms'], ['liiiiiiiiife', 'life'], ['wantttttttttttt', 'want'], ['dieeeeeeeeeeeeeee', 'die']] as const) {
      expect([written, typoKey(written)]).toEqual([written, key]);
    }
    expect(typoKey('zzzzzzzzzzzz')).toBeUndefined();
    expect(correctTypos('gonna overdoes on my meds')!.text).toBe('gonna overdose on my meds');
    expect(correctTypos('i will Overdoes all of them')!.text).toBe('i will Overdose all of them');
    expect(correctTypos('she always overdoes it')).toBeNull();
    expect(correctTypos('the ksm album dropped')).toBeNull();
    for (const [written, key] of [['ovrdosed', 'overdosed'], ['ovrdosing', 'overdosing'], ['endng', 'ending'], ['evryone', 'everyone'], ['godbye', 'goodbye'], ['goodby', 'goodbye']] as const) {
      expect([written, TYPO_VARIANTS.get(written)]).toEqual([written, key]);
    }
    expect(TYPO_VARIANTS.get('overdoing')).toBeUndefined();
  });

  it('corrects in the case written and maps positions back onto the words written', () => {
    const text = 'OK I WNAT to diee. Myslef, bacck!';
    const c = correctTypos(text)!;
    expect(c.text).toBe('OK I WANT to die. Myself, back!');
    // Word starts and ends map onto the words as written; a position inside a word stays inside it.
    expect(originalPosition(c.edits, c.text.indexOf('WANT'))).toBe(text.indexOf('WNAT'));
    expect(originalPosition(c.edits, c.text.indexOf('die.') + 3)).toBe(text.indexOf('diee.') + 4);
    expect(originalPosition(c.edits, c.text.indexOf('die.') + 2)).toBe(text.indexOf('diee.') + 2);
    expect(originalPosition(c.edits, c.text.length)).toBe(text.length);
    expect(originalPosition(c.edits, 0)).toBe(0);
    // A word with a capital inside may be a title run into the body: left as written.
    expect(correctTypos('i wnaT To die')).toBeNull();
  });

  it('screens the corrected text and points spans at the characters written', () => {
    for (const [text, written] of [
      ['kmsss tonight lmaoo', 'kmsss'],
      ['OK I WNAT TO DIE', 'WNAT TO DIE'],
      ['Honestly. I wan to die', 'wan to die'],
      ['urge to cut is bacck', 'urge to cut is bacck'],
    ] as const) {
      const s = screen(text);
      expect(s.level).toBeGreaterThanOrEqual(3);
      expect(s.reasons.map((r) => text.slice(r.span[0], r.span[1]))).toContain(written);
    }
  });

  it('never lowers a reading: a text reads at least what it reads as written', () => {
    // As written the lexicon's own misspelling reads 3; spelled right it is the film (0): 3 is kept.
    expect(screen('suicde squad was a great movie').level).toBe(3);
    expect(screen('suicde squad was a great movie').reasons[0]!.code).toBe('ideation.suicidal');
  });
});

describe('typos: "too" before a verb of dying, "wan\'t", a capital inside a word (1.8.17)', () => {
  it('reads "too" as "to" only right before die / kill / end it', () => {
    expect(correctTypos('i want too die')!.text).toBe('i want to die');
    expect(correctTypos('gonna too kill myself')!.text).toBe('gonna to kill myself');
    expect(correctTypos('i want too end it all')!.text).toBe('i want to end it all');
    expect(correctTypos('me too! die hard is on tv')).toBeNull();
    expect(correctTypos('way too many dishes')).toBeNull();
  });

  it('reads "wan\'t" (any apostrophe) as "want", and leaves "want" and "won\'t" as written', () => {
    expect(correctTypos("i wan't to die")!.text).toBe('i want to die');
    expect(correctTypos('i wan’t to die')!.text).toBe('i want to die');
    expect(correctTypos("i want to go, i won't stay")).toBeNull();
  });

  it('corrects a misspelled key word with a capital inside, in lower case, but not a title run into the body', () => {
    expect(correctTypos('i wNat to die')!.text).toBe('i want to die');
    expect(correctTypos('so tired. mYslef again')!.text).toBe('so tired. myself again');
    expect(correctTypos('wnatHow to fix this')).toBeNull();
  });

  it('maps spans back onto the characters written', () => {
    for (const [text, written] of [
      ["i wan't to die", "wan't to die"],
      ['i wNat to die', 'wNat to die'],
    ] as const) {
      const s = screen(text);
      expect(s.level).toBe(3);
      expect(s.reasons.map((r) => text.slice(r.span[0], r.span[1]))).toContain(written);
    }
  });
});

describe('typos: words spelled out letter by letter, "ot", "dei" and "dye" (1.8.20)', () => {
  it('writes a word spelled out with one separator as one word, and maps positions back', () => {
    for (const [text, out] of [
      ['k.m.s', 'kms'],
      ['k-m-s now', 'kms now'],
      ['i want to u.n.a.l.i.v.e', 'i want to unalive'],
      ['i want to d i e', 'i want to die'],
      ['k. m. s.', 'kms.'],
      ['k_m_s and k*m*s', 'kms and kms'],
      ['k.m-s', 'kms'], // mixed separators (1.8.24), only for a key word
      ['i want to d.i-e', 'i want to die'],
    ] as const) {
      expect([text, correctTypos(text)?.text]).toEqual([text, out]);
    }
    // Two letters, mixed separators that make no key word, or letters inside a longer word are left as written.
    for (const text of ['a.m. or p.m.', 'a.b-c', 'u.s-a is big', 'a.b.com', 'e.g. this']) expect([text, correctTypos(text)]).toEqual([text, null]);
    const text = 'ok so k.m.s tonight';
    const c = correctTypos(text)!;
    const at = c.text.indexOf('kms');
    expect(text.slice(originalPosition(c.edits, at), originalPosition(c.edits, at + 3))).toBe('k.m.s');
    expect(originalPosition(c.edits, c.text.indexOf('tonight'))).toBe(text.indexOf('tonight'));
    const s = screen(text);
    expect(s.reasons.map((r) => text.slice(r.span[0], r.span[1]))).toContain('k.m.s');
  });

  it('lets the screen look for a spelled-out word only where three single letters stand a separator apart', () => {
    for (const t of ['k.m.s', 'i want to d i e', 'k. m. s', 'u-n-a-l-i-v-e']) expect([t, SPEED_GATES.typoPossible(t)]).toEqual([t, true]);
    for (const t of ['i want to kms now', 'a.m. or p.m.', 'i c', 'a, b and c']) expect([t, SPEED_GATES.typoPossible(t)]).toEqual([t, false]);
  });

  it('reads "ot" as "to" only before a verb of dying, "dei" and "dye" as "die" only after to / wanna / gonna', () => {
    expect(correctTypos('i want ot die')!.text).toBe('i want to die');
    expect(correctTypos('I want ot go home')).toBeNull();
    expect(correctTypos('i wanna dei')!.text).toBe('i wanna die');
    expect(correctTypos('the DEI program')).toBeNull();
    expect(correctTypos('i want to dye')!.text).toBe('i want to die');
    expect(correctTypos('i want to dye tonight')!.text).toBe('i want to die tonight');
    expect(correctTypos('i want to dye my hair')).toBeNull();
    expect(correctTypos('my hair is so boring, i want to dye.')).toBeNull();
    expect(correctTypos('the dye is cast')).toBeNull();
  });
});

describe('typos: sentences spelled letter by letter and "o.d" (1.8.21)', () => {
  it('reads a spaced-out sentence as the words of the key phrase found in its letters, in a reading of its own', () => {
    for (const [text, out] of [
      ['i w a n t t o d i e', 'i want to die'],
      ['i w a n n a d i e', 'i wanna die'],
      ['k i l l m y s e l f', 'kill myself'],
      ['I W A N T T O D I E', 'I WANT TO DIE'],
      ['i-w-a-n-t-t-o-d-i-e', 'i want to die'],
      ['i.w.a.n.t t.o d.i.e', 'i want to die'],
      ['i  w a n t  t o  d i e', 'i  want  to  die'],
      ['s o m e t i m e s i w a n t t o d i e', 'sometimes i want to die'],
      ['i d o n t w a n t t o d i e', 'i dont want to die'],
      ['i w a n t t o d i e l o l', 'i want to die l o l'],
      ['ok. i w a n t t o d i e. g o o d b y e', 'ok. i want to die. goodbye'],
    ] as const) {
      expect([text, correctTypos(text, true, true)?.text]).toEqual([text, out]);
    }
    // The 1.8.20 reading is unchanged: a run-together key is one word there.
    expect(correctTypos('i w a n t t o d i e')?.text).toBe('i wanttodie');
    // No key phrase (or, between written word boundaries, no key word): nothing is read.
    for (const text of ['s o  t i r e d', 'I  A M  S O  H A P P Y', 'i w a n t t o g o h o m e', 'I N E E D F O O D', 'm y d a d d i e d b y s u i c i d e', 'a b c d e f g h i j k l m n o p q r s t u v w x y z', 'a/b/c/d']) {
      expect([text, correctTypos(text, true, true)?.spaced ?? false]).toEqual([text, false]);
    }
    // Positions map back onto the letters written.
    const text = 'so i w a n t t o d i e';
    const c = correctTypos(text, true, true)!;
    for (const [word, written] of [['want', 'w a n t'], ['to', 't o'], ['die', 'd i e']] as const) {
      const at = c.text.indexOf(word);
      expect(text.slice(originalPosition(c.edits, at), originalPosition(c.edits, at + word.length))).toBe(written);
    }
  });

  it('reads "o.d" as "od" only after a verb of wanting or intending, or before "\'d"', () => {
    expect(correctTypos('i want to o.d')?.text).toBe('i want to od');
    expect(correctTypos("i'm going to O.D. tonight")?.text).toBe("i'm going to OD. tonight");
    expect(correctTypos("i o.d'd last night")?.text).toBe("i od'd last night");
    for (const text of ['Dr. Jane Smith, O.D.', 'take 1 tablet o.d.', 'O.D. green paint', "i o.d.'d last night", 'the o.d. was 20mm']) expect([text, correctTypos(text)]).toEqual([text, null]);
  });

  it('lets the screen read a spaced-out sentence or "o.d" only where the char pass let it (typoPossible)', () => {
    const texts: string[] = [];
    for (const phrase of SPACED_PHRASES) {
      for (const sep of [' ', '-', '.', ' - ', '/', '_', '\u2022']) {
        const spaced = [...phrase.replace(/ /g, '')].join(sep);
        texts.push(spaced, `ok so ${spaced} now`, `${spaced.toUpperCase()}!`, `i ${spaced}, really`);
      }
      texts.push(phrase.split(' ').map((w) => [...w].join(' ')).join('  '));
    }
    let read = 0;
    for (const t of texts) {
      if (correctTypos(t, true, true)?.spaced !== true) continue;
      read++;
      expect([t, SPEED_GATES.spacedPossible(t)]).toEqual([t, true]);
    }
    expect(read).toBeGreaterThan(SPACED_PHRASES.length * 7);
    for (const t of ['i want to o.d', "i o.d'd", 'i O.D’d again', 'gonna O.D.', 'just o.d tonight']) {
      expect([t, correctTypos(t) !== null, SPEED_GATES.typoPossible(t)]).toEqual([t, true, true]);
    }
    for (const t of ['i c', 'J. K. Rowling', 'go.do it', 'a.m. or p.m.']) expect([t, SPEED_GATES.typoPossible(t)]).toEqual([t, false]);
    // Three single letters (a word spelled out) pass typoMet, but not the spaced-sentence gate, which wants four.
    for (const t of ['k.m.s', 'i want to d i e', 'U S A']) expect([t, SPEED_GATES.spacedPossible(t)]).toEqual([t, false]);
  });
});

describe('originalPosition (binary search, 1.8.20)', () => {
  /** The linear scan it replaced. */
  function linear(edits: number[], p: number): number {
    let delta = 0;
    for (let i = 0; i < edits.length; i += 4) {
      if (p <= edits[i + 2]!) break;
      if (p < edits[i + 3]!) return Math.min(edits[i]! + (p - edits[i + 2]!), edits[i + 1]!);
      delta = edits[i + 1]! - edits[i + 3]!;
    }
    return p + delta;
  }

  it('maps every position as the linear scan does, over typo, spelled-out, dropped and styled edits', () => {
    const texts = ['i wnat to k.m.s tonigth, kill myslef', 'k\u200Bm\u200B\u200Bs a\u00ADb', 'ok \u{1D5F1}\u{1D5F6}\u{1D5F2} now \u{1D48C}\u{1D48E}\u{1D494}'];
    for (const t of texts) {
      const c = correctTypos(t) ?? normalizeText(t) ?? normalizeStyled(t);
      expect(c).not.toBeNull();
      for (let p = 0; p <= c!.text.length; p++) expect([t, p, originalPosition(c!.edits, p)]).toEqual([t, p, linear(c!.edits, p)]);
    }
  });
});
