import { describe, expect, it } from 'vitest';
import { takesUnreadPush, type UnreadMark } from './unread-order.js';

/** The count the bell ends with after these pushes arrive in this order (as realtime.tsx applies them). */
function bellAfter(pushes: UnreadMark[]): number | null {
  let held: UnreadMark | null = null;
  for (const p of pushes) if (takesUnreadPush(held, p)) held = p;
  return held?.count ?? null;
}

describe('takesUnreadPush', () => {
  const older = '0190a000-0000-7000-8000-000000000000';
  const newer = '0190a000-0001-7000-8000-000000000000';

  it('keeps the newest count when an older push arrives last (a request notice drained after a dispatch published its own)', () => {
    expect(bellAfter([{ asOf: newer, count: 11 }, { asOf: older, count: 1 }])).toBe(11);
  });

  it('takes a newer push, lower or higher (the count may have dropped after a read)', () => {
    expect(bellAfter([{ asOf: older, count: 5 }, { asOf: newer, count: 2 }])).toBe(2);
    expect(bellAfter([{ asOf: older, count: 1 }, { asOf: newer, count: 2 }])).toBe(2);
  });

  it('on the same marker keeps the larger count (taken later, it saw more rows)', () => {
    expect(bellAfter([{ asOf: newer, count: 2 }, { asOf: newer, count: 1 }])).toBe(2);
    expect(bellAfter([{ asOf: newer, count: 1 }, { asOf: newer, count: 2 }])).toBe(2);
  });

  it('takes the first push', () => {
    expect(bellAfter([{ asOf: older, count: 3 }])).toBe(3);
  });

  it('takes a push without a marker (written before the deploy) and the first marked push after one', () => {
    expect(bellAfter([{ asOf: newer, count: 4 }, { asOf: undefined, count: 5 }])).toBe(5);
    expect(bellAfter([{ asOf: undefined, count: 5 }, { asOf: older, count: 6 }])).toBe(6);
  });
});
