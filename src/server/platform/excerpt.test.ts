import { describe, expect, it } from 'vitest';
import { excerptOf } from './excerpt.js';

describe('excerptOf', () => {
  it('keeps a short text whole, on one line', () => {
    expect(excerptOf('  A short\n\nnote.  ', 20)).toBe('A short note.');
  });

  it('cuts a long text at a word, with an ellipsis, within the limit', () => {
    const out = excerptOf('one two three four five six seven eight nine ten', 20);
    expect(out).toBe('one two three four…');
    expect(Array.from(out).length).toBeLessThanOrEqual(20);
  });

  it('never cuts an emoji in half', () => {
    const out = excerptOf('😀'.repeat(30), 10);
    expect(out).toBe(`${'😀'.repeat(9)}…`);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('adds the ellipsis when the caller read only the start, even if it fits once collapsed', () => {
    // The last word read may be cut in the middle, so it goes too.
    expect(excerptOf('first paragraph\n\n\n\nsecond', 40, true)).toBe('first paragraph…');
  });
});
