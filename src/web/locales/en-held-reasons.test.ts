import { describe, expect, it } from 'vitest';
import { HELD_REASONS } from '../../contracts/safety.js';
import en from './en.js';

// The server holds text for these reasons (`held_content.reason`, typed from HELD_REASONS); the review
// list shows each as a badge. A reason without a text shows supervisors a raw key.
describe('the held reasons', () => {
  it('have a text for every reason the server can hold for, and no other', () => {
    const texts = en.supervision.heldReason as Record<string, string>;
    expect(Object.keys(texts).sort()).toEqual([...HELD_REASONS].sort());
    for (const reason of HELD_REASONS) expect(texts[reason]!.trim().length).toBeGreaterThan(5);
  });
});
