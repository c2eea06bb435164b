import { describe, it, expect } from 'vitest';
import { screen } from '../index.js';
import { screenDetailed } from '../screen.js';
import { BITS } from './features.js';
import { DESPAIR_THRESHOLD, MODEL_VERSION, despairScore } from './despair.js';
import { MODEL_WEIGHTS } from './weights.js';

// Written for these tests; not in the training sentences of scripts/train-safety.ts.
const DESPAIR_NO_KEYWORDS = 'I cannot see myself being around much longer, I am so tired and I have given up on everything';

const IDIOMS_AND_EVERYDAY = [
  'this exam is killing me',
  'This exam is killing me, I have revised the same chapter five times and still forget it.',
  "I'd die for a pizza right now",
  'I was dying of laughter when my brother tried to dance at the wedding, it was the best night',
  'We watched Suicide Squad last night and the popcorn was terrible',
  'Today I went to the market with my neighbour and we bought apples, bread and a bunch of flowers.',
  'Work has been hectic this week, with three deadlines and a manager who keeps changing the plan.',
  'My cat knocked a glass off the table again and then looked at me as if it were my fault.',
  'Can someone recommend a podcast for the commute, something calm but not boring?',
  'We are painting the spare room green and I keep changing my mind about the shade.',
];

describe('model.despair (learned second signal)', () => {
  it('loads synchronously with the expected size and a version in SCREEN_VERSION', () => {
    expect(MODEL_WEIGHTS.bits).toBe(BITS);
    expect(MODEL_VERSION).toBe(MODEL_WEIGHTS.version);
    expect(screen('hello').version).toContain(MODEL_VERSION);
    expect(Number.isFinite(DESPAIR_THRESHOLD)).toBe(true);
  });

  it('is deterministic', () => {
    const a = despairScore(DESPAIR_NO_KEYWORDS);
    const b = despairScore(DESPAIR_NO_KEYWORDS);
    expect(a).toEqual(b);
    expect(screen(DESPAIR_NO_KEYWORDS)).toEqual(screen(DESPAIR_NO_KEYWORDS));
  });

  it('raises despair written without crisis keywords to level 2, with an explainable reason', () => {
    const d = screenDetailed(DESPAIR_NO_KEYWORDS, {}, DESPAIR_THRESHOLD);
    expect(d.rulesLevel).toBeLessThan(2);
    const s = d.screening;
    expect(s.level).toBe(2);
    expect(s.subject).toBe('self');
    expect(s.categories).toContain('suicide');
    const r = s.reasons.find((x) => x.code === 'model.despair');
    expect(r).toBeDefined();
    expect(r!.level).toBe(2);
    const [a, b] = r!.span;
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThanOrEqual(DESPAIR_NO_KEYWORDS.length);
    expect(DESPAIR_NO_KEYWORDS.slice(a, b)).toMatch(/^\w/);
  });

  it('never raises a text above level 2 on its own (no supervisor alert from the model)', () => {
    const d = screenDetailed(DESPAIR_NO_KEYWORDS, {}, -Infinity);
    expect(d.screening.level).toBe(2);
    expect(d.screening.methodDetail).toBe(false);
  });

  it.each(IDIOMS_AND_EVERYDAY)('leaves idioms and everyday text at 0: %s', (text) => {
    const s = screen(text);
    expect(s.level).toBe(0);
    expect(s.reasons.some((r) => r.code === 'model.despair')).toBe(false);
  });

  it('does not override negation, idioms or second person that the rules recognise, whatever the score', () => {
    for (const text of [
      "I'm not suicidal, I am just so tired and I have given up on everything lately",
      'this homework makes me want to kill myself lol, I cannot see myself being around much longer in this class',
      'are you thinking about suicide, I am so tired and I have given up on everything',
    ]) {
      const d = screenDetailed(text, {}, -Infinity);
      expect(d.screening.reasons.some((r) => r.code === 'model.despair')).toBe(false);
    }
  });

  it('reads only the sentences outside a cancelled signal', () => {
    const text = "I'm not suicidal. I am so tired and I have given up on everything, nothing helps anymore";
    const d = screenDetailed(text, {}, -Infinity);
    const model = d.screening.reasons.find((r) => r.code === 'model.despair');
    expect(model).toBeDefined();
    expect(model!.span[0]).toBeGreaterThanOrEqual(text.indexOf('I am so tired'));
    // The cancelled sentence alone is too short to be read.
    expect(screenDetailed("I'm not suicidal.", {}, -Infinity).modelLogit).toBeNull();
  });

  it("scores in the screen's single pass exactly as the trainer's feature extraction does", () => {
    for (const text of [
      DESPAIR_NO_KEYWORDS,
      "I don't know, I can’t keep going and it's 'all' my fault''",
      "  'leading quote, trailing apostrophe' and ‘curly’ ``ticks`` don´t matter ",
      'MIXED Case words, digits 42 and 7am; émigré İstanbul ẞ 😂 still here',
      "word'",
      "end with apostrophe plus letter at the very end of the text: it'",
    ]) {
      const d = screenDetailed(text, {}, -Infinity);
      if (d.modelLogit !== null) expect(d.modelLogit).toBe(despairScore(text).logit);
      const model = d.screening.reasons.find((r) => r.code === 'model.despair');
      if (model !== undefined) expect(model.span).toEqual(despairScore(text).span);
    }
  });

  it('does not score very short texts', () => {
    expect(screenDetailed('so tired', {}, -Infinity).modelLogit).toBeNull();
  });
});
