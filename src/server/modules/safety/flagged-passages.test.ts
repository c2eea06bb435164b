import { describe, expect, it } from 'vitest';
import type { Screening } from '../../../safety/types.js';
import { flaggedPassages } from './safety.service.js';

/** A method-detail verdict whose one reason covers `span` of the screened text. */
const verdict = (span: [number, number]): Screening => ({
  level: 5,
  categories: ['suicide'],
  reasons: [{ code: 'method.stockpile', category: 'suicide', level: 5, span }],
  methodDetail: true,
  subject: 'self',
  version: 'test',
});

/**
 * A still-held edit names each passage in the field it is in, with its span in that field (ADR 055): an
 * opening post is screened as `title + "\n\n" + body`.
 */
describe('flaggedPassages', () => {
  const title = 'Pills';
  const body = 'take them all';
  const text = `${title}\n\n${body}`;

  it('places a span inside the title in the title', () => {
    expect(flaggedPassages(verdict([0, 5]), text, title, body)).toEqual([{ field: 'title', words: 'Pills', start: 0, end: 5, code: 'method.stockpile', level: 5 }]);
  });

  it('cuts a span that runs from the title into the blank line at the title’s end', () => {
    expect(flaggedPassages(verdict([0, 6]), text, title, body)).toEqual([{ field: 'title', words: 'Pills', start: 0, end: 5, code: 'method.stockpile', level: 5 }]);
  });

  it('places a span that starts in the blank line between title and body in the body, from its start (never end < start)', () => {
    for (const start of [5, 6]) {
      expect(flaggedPassages(verdict([start, 16]), text, title, body)).toEqual([{ field: 'text', words: 'take them', start: 0, end: 9, code: 'method.stockpile', level: 5 }]);
    }
  });

  it('gives a body span its offsets in the body', () => {
    expect(flaggedPassages(verdict([12, 16]), text, title, body)).toEqual([{ field: 'text', words: 'them', start: 5, end: 9, code: 'method.stockpile', level: 5 }]);
    expect(flaggedPassages(verdict([5, 9]), body, null, body)).toEqual([{ field: 'text', words: 'them', start: 5, end: 9, code: 'method.stockpile', level: 5 }]);
  });
});
