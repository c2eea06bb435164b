/** One rated reply: the three EPITOME dimensions, 0 (none) to 2 (strong). */
export interface RatedReply {
  writtenAt: string;
  emotionalReactions: number;
  interpretations: number;
  explorations: number;
}

export interface EmpathyWeek {
  weekStart: string;
  replies: number;
  emotionalReactions: number | null;
  interpretations: number | null;
  explorations: number | null;
}

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStartOf(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/** The first instant the trend covers: Monday of the oldest of `weeks` weeks ending with this one. */
export function trendStart(now: Date, weeks: number): Date {
  return new Date(weekStartOf(now).getTime() - (weeks - 1) * 7 * DAY_MS);
}

const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

/**
 * Weekly averages per dimension, oldest week first, one entry per week (a week without rated
 * replies has nulls: a gap, not a zero). Replies outside the window are ignored.
 */
export function weeklyEmpathy(ratings: readonly RatedReply[], now: Date, weeks: number): EmpathyWeek[] {
  const start = trendStart(now, weeks);
  const buckets = Array.from({ length: weeks }, (_, i) => ({ start: new Date(start.getTime() + i * 7 * DAY_MS), items: [] as RatedReply[] }));
  for (const r of ratings) {
    const i = Math.floor((new Date(r.writtenAt).getTime() - start.getTime()) / (7 * DAY_MS));
    if (i >= 0 && i < weeks) buckets[i]!.items.push(r);
  }
  return buckets.map((b) => ({
    weekStart: b.start.toISOString().slice(0, 10),
    replies: b.items.length,
    emotionalReactions: avg(b.items.map((r) => r.emotionalReactions)),
    interpretations: avg(b.items.map((r) => r.interpretations)),
    explorations: avg(b.items.map((r) => r.explorations)),
  }));
}
