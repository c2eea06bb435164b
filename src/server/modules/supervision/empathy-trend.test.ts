import { describe, expect, it } from 'vitest';
import { trendStart, weekStartOf, weeklyEmpathy } from './empathy-trend.js';

const rated = (writtenAt: string, e: number, i: number, x: number) => ({ writtenAt, emotionalReactions: e, interpretations: i, explorations: x });

describe('weekly empathy trend', () => {
  it('weeks start on Monday 00:00 UTC', () => {
    expect(weekStartOf(new Date('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-12T00:00:00.000Z'); // a Thursday
    expect(weekStartOf(new Date('2026-01-12T00:00:00Z')).toISOString()).toBe('2026-01-12T00:00:00.000Z'); // Monday itself
    expect(weekStartOf(new Date('2026-01-18T23:59:59Z')).toISOString()).toBe('2026-01-12T00:00:00.000Z'); // Sunday
    expect(trendStart(new Date('2026-01-15T12:00:00Z'), 3).toISOString()).toBe('2025-12-29T00:00:00.000Z');
  });

  it('averages each dimension per week, leaves empty weeks as gaps and ignores replies outside the window', () => {
    const now = new Date('2026-01-15T12:00:00Z');
    const weeks = weeklyEmpathy(
      [
        rated('2025-12-20T10:00:00Z', 2, 2, 2), // before the window
        rated('2025-12-29T08:00:00Z', 0, 1, 0),
        rated('2025-12-31T08:00:00Z', 2, 1, 1),
        rated('2026-01-13T09:00:00Z', 1, 0, 2),
      ],
      now,
      3,
    );
    expect(weeks).toEqual([
      { weekStart: '2025-12-29', replies: 2, emotionalReactions: 1, interpretations: 1, explorations: 0.5 },
      { weekStart: '2026-01-05', replies: 0, emotionalReactions: null, interpretations: null, explorations: null },
      { weekStart: '2026-01-12', replies: 1, emotionalReactions: 1, interpretations: 0, explorations: 2 },
    ]);
  });
});
