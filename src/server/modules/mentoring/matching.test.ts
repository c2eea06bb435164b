/**
 * The matching rules (matching.ts, MATCHING.md) as pure unit tests: a table of ranking cases, the
 * fairness simulation, DST, and a property that the index ranks exactly like a brute-force
 * reference built from Intl and the same weights.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPERIENCE_TAGS } from '../../../contracts/accounts.js';
import {
  AVAILABLE_HOURS_FULL,
  MATCH_WEIGHTS,
  MEMBER_DAY,
  TZ_OVERLAP_FULL_HOURS,
  SupporterIndex,
  availableAt,
  hoursAvailableWithin,
  nextAvailableAt,
  tieBreakHash,
  type AvailabilityWindow,
  type MatchRequest,
  type SupporterCandidate,
} from './matching.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const EVERY_DAY = (start: string, end: string): AvailabilityWindow[] => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));

function supporter(userId: string, over: Partial<SupporterCandidate> = {}): SupporterCandidate {
  return {
    userId,
    experienceTags: [],
    languages: ['en'],
    gender: null,
    timeZone: 'UTC',
    availability: EVERY_DAY('08:00', '20:00'),
    capacity: 4,
    activeMentees: 0,
    accepting: true,
    awayUntil: null,
    recentAssignments: 0,
    lastAssignedAt: null,
    ...over,
  };
}

function request(over: Partial<MatchRequest> = {}): MatchRequest {
  return { experienceTags: [], languages: [], supporterGender: null, memberTimeZone: null, wantTimeZoneOverlap: false, exclude: new Set(), ...over };
}

function indexOf(cs: SupporterCandidate[]): SupporterIndex {
  const ix = new SupporterIndex();
  for (const c of cs) ix.upsert(c);
  return ix;
}

/** Monday 2025-07-07, 10:00 UTC. */
const MONDAY_10Z = new Date('2025-07-07T10:00:00Z');

describe('SupporterIndex ranking: table of cases', () => {
  const cases: { name: string; supporters: SupporterCandidate[]; req?: Partial<MatchRequest>; now?: Date; n?: number; order: string[] }[] = [
    {
      name: 'shared experience ranks above none; more of the requested tags above fewer',
      supporters: [supporter('none'), supporter('one', { experienceTags: ['anxiety'] }), supporter('both', { experienceTags: ['anxiety', 'grief_and_loss', 'ocd'] })],
      req: { experienceTags: ['anxiety', 'grief_and_loss'] },
      order: ['both', 'one', 'none'],
    },
    {
      name: 'a supporter without the tags still matches when no one has them',
      supporters: [supporter('other', { experienceTags: ['ocd'] })],
      req: { experienceTags: ['anxiety'] },
      order: ['other'],
    },
    {
      name: 'languages: only supporters sharing one of the named languages (case-insensitive)',
      supporters: [supporter('en'), supporter('fr', { languages: ['fr'] }), supporter('fr-en', { languages: ['EN', 'fr'], activeMentees: 1 })],
      req: { languages: ['fr'] },
      order: ['fr', 'fr-en'],
    },
    {
      name: 'languages: any of several named languages is enough',
      supporters: [supporter('en', { activeMentees: 2 }), supporter('fr', { languages: ['fr'], activeMentees: 1 }), supporter('de', { languages: ['de'] })],
      req: { languages: ['fr', 'en'] },
      order: ['fr', 'en'],
    },
    {
      name: 'languages: nobody speaks the named language',
      supporters: [supporter('en')],
      req: { languages: ['pt-BR'] },
      order: [],
    },
    {
      name: 'gender: not asked, so stated and unstated genders all match',
      supporters: [supporter('woman', { gender: 'woman' }), supporter('unstated', { activeMentees: 1 }), supporter('man', { gender: 'man', activeMentees: 2 })],
      order: ['woman', 'unstated', 'man'],
    },
    {
      name: 'gender: asked, so only supporters who stated it',
      supporters: [supporter('woman', { gender: 'woman', activeMentees: 2 }), supporter('unstated'), supporter('man', { gender: 'man' })],
      req: { supporterGender: 'woman' },
      order: ['woman'],
    },
    {
      name: 'available within 24 h beats free only in 3 days; sooner beats later',
      supporters: [
        supporter('thursday', { availability: [{ day: 4, start: '12:00', end: '14:00' }] }),
        supporter('tonight', { availability: [{ day: 1, start: '20:00', end: '22:00' }] }),
        supporter('noon', { availability: [{ day: 1, start: '12:00', end: '14:00' }] }),
      ],
      order: ['noon', 'tonight', 'thursday'],
    },
    {
      name: 'more hours in the next 24 h rank higher',
      supporters: [supporter('short', { availability: [{ day: 1, start: '11:00', end: '12:00' }] }), supporter('long', { availability: [{ day: 1, start: '11:00', end: '18:00' }] })],
      order: ['long', 'short'],
    },
    {
      name: 'full, away, not accepting and excluded supporters are never offered; away in the past is back',
      supporters: [
        supporter('full', { capacity: 2, activeMentees: 2 }),
        supporter('no-capacity', { capacity: 0 }),
        supporter('away', { awayUntil: '2025-07-08T00:00:00Z' }),
        supporter('back', { awayUntil: '2025-07-07T09:00:00Z' }),
        supporter('paused', { accepting: false }),
        supporter('blocked'),
      ],
      req: { exclude: new Set(['blocked', 'nobody-known']) },
      order: ['back'],
    },
    {
      name: 'spare capacity breaks a tie',
      supporters: [supporter('busy', { capacity: 4, activeMentees: 3 }), supporter('free', { capacity: 4, activeMentees: 1 })],
      order: ['free', 'busy'],
    },
    {
      name: 'fairness: fewer assignments in the last 7 days first',
      supporters: [supporter('two', { recentAssignments: 2 }), supporter('none'), supporter('one', { recentAssignments: 1 })],
      order: ['none', 'one', 'two'],
    },
    {
      name: 'fairness: the longer since the last assignment, the earlier',
      supporters: [supporter('yesterday', { lastAssignedAt: '2025-07-06T10:00:00Z' }), supporter('never'), supporter('last-week', { lastAssignedAt: '2025-07-02T10:00:00Z' })],
      order: ['never', 'last-week', 'yesterday'],
    },
    {
      name: 'fairness: exact tie (both over a week ago) goes to the one assigned longest ago',
      supporters: [supporter('eight-days', { lastAssignedAt: '2025-06-29T10:00:00Z' }), supporter('ten-days', { lastAssignedAt: '2025-06-27T10:00:00Z' })],
      order: ['ten-days', 'eight-days'],
    },
    {
      name: 'fairness does not override a clear difference in experience',
      supporters: [supporter('busy-match', { experienceTags: ['ptsd_and_trauma'], recentAssignments: 3, lastAssignedAt: '2025-07-07T09:00:00Z' }), supporter('rested')],
      req: { experienceTags: ['ptsd_and_trauma'] },
      order: ['busy-match', 'rested'],
    },
    {
      name: 'time-zone overlap not asked: the sooner supporter first',
      // Now is Monday 12:00Z. Tokyo's day (08–22 JST) is 23:00–13:00Z.
      supporters: [supporter('tokyo-day', { availability: EVERY_DAY('00:00', '08:00') }), supporter('tokyo-night', { availability: EVERY_DAY('14:00', '22:00') })],
      now: new Date('2025-07-07T12:00:00Z'),
      req: { memberTimeZone: 'Asia/Tokyo' },
      order: ['tokyo-night', 'tokyo-day'],
    },
    {
      name: "time-zone overlap asked: the supporter awake in the member's day first",
      supporters: [supporter('tokyo-day', { availability: EVERY_DAY('00:00', '08:00') }), supporter('tokyo-night', { availability: EVERY_DAY('14:00', '22:00') })],
      now: new Date('2025-07-07T12:00:00Z'),
      req: { memberTimeZone: 'Asia/Tokyo', wantTimeZoneOverlap: true },
      order: ['tokyo-day', 'tokyo-night'],
    },
    {
      name: 'time-zone overlap asked, top 1: overlap lifts a supporter over one met earlier in the scan',
      // Without overlap "evening" leads by 8.3 points; the full overlap (10) turns it round.
      supporters: [supporter('evening', { availability: EVERY_DAY('13:00', '22:00') }), supporter('tokyo-day', { availability: EVERY_DAY('00:00', '06:00') })],
      now: new Date('2025-07-07T12:00:00Z'),
      req: { memberTimeZone: 'Asia/Tokyo', wantTimeZoneOverlap: true },
      n: 1,
      order: ['tokyo-day'],
    },
    {
      name: 'top(n) with fewer candidates than n returns them all',
      supporters: [supporter('a', { activeMentees: 1 }), supporter('b')],
      n: 10,
      order: ['b', 'a'],
    },
    {
      name: 'top(n) returns n',
      supporters: [supporter('a', { activeMentees: 1 }), supporter('b'), supporter('c', { activeMentees: 2 })],
      n: 2,
      order: ['b', 'a'],
    },
  ];

  it.each(cases)('$name', ({ supporters, req, now, n, order }) => {
    const ix = indexOf(supporters);
    expect(ix.top(request(req), n ?? 10, now ?? MONDAY_10Z).map((r) => r.userId)).toEqual(order);
  });

  it('n = 0 and an empty index give nothing', () => {
    expect(indexOf([supporter('a')]).top(request(), 0, MONDAY_10Z)).toEqual([]);
    expect(new SupporterIndex().top(request(), 10, MONDAY_10Z)).toEqual([]);
  });

  it('gives reasons a member can be shown', () => {
    const ix = indexOf([supporter('a', { experienceTags: ['grief_and_loss', 'anxiety'], languages: ['fr', 'en'], availability: [{ day: 1, start: '12:00', end: '14:00' }] })]);
    const [best] = ix.top(request({ experienceTags: ['anxiety', 'ocd'], languages: ['de', 'FR'] }), 1, MONDAY_10Z);
    expect(best!.reasons).toEqual([
      { kind: 'shared_experience', tags: ['anxiety'] },
      { kind: 'language', language: 'fr' },
      { kind: 'available_soon', hours: 2 },
      { kind: 'spare_capacity' },
    ]);
    const [now] = indexOf([supporter('b')]).top(request(), 1, MONDAY_10Z);
    expect(now!.reasons).toContainEqual({ kind: 'available_now' });
  });

  it('upsert replaces, remove forgets, and the rest stay intact after a swap', () => {
    const ix = indexOf([supporter('a'), supporter('b', { languages: ['fr'] }), supporter('c', { languages: ['de'] })]);
    ix.remove('a');
    ix.remove('missing');
    expect(ix.size).toBe(2);
    expect(ix.get('a')).toBeUndefined();
    expect(ix.top(request({ languages: ['de'] }), 10, MONDAY_10Z).map((r) => r.userId)).toEqual(['c']);
    ix.upsert(supporter('c', { languages: ['fr'], accepting: false }));
    expect(ix.get('c')?.accepting).toBe(false);
    expect(ix.top(request({ languages: ['fr'] }), 10, MONDAY_10Z).map((r) => r.userId)).toEqual(['b']);
  });

  it('time-zone overlap follows a supporter who changes their windows or moves in the index', () => {
    const now = new Date('2025-07-07T12:00:00Z');
    const tokyo = request({ memberTimeZone: 'Asia/Tokyo', wantTimeZoneOverlap: true });
    const ix = indexOf([
      supporter('x', { availability: EVERY_DAY('00:00', '06:00') }),
      supporter('y', { availability: EVERY_DAY('13:00', '22:00') }),
      supporter('z', { availability: EVERY_DAY('13:00', '22:00'), capacity: 3, activeMentees: 1 }),
    ]);
    expect(ix.top(tokyo, 1, now).map((r) => r.userId)).toEqual(['x']);
    // Seoul has Tokyo's offsets, so the overlaps counted for Tokyo are reused: they must follow the change.
    const seoul = request({ memberTimeZone: 'Asia/Seoul', wantTimeZoneOverlap: true });
    ix.upsert(supporter('x', { availability: EVERY_DAY('13:00', '22:00') }));
    ix.upsert(supporter('y', { availability: EVERY_DAY('00:00', '06:00') }));
    expect(ix.top(seoul, 3, now).map((r) => r.userId)).toEqual(['y', 'x', 'z']);
    ix.remove('y'); // z moves into y's place and keeps its own (zero) overlap
    expect(ix.top(tokyo, 3, now).map((r) => r.userId)).toEqual(['x', 'z']);
  });

  it('keeps languages apart beyond 64 distinct languages', () => {
    const many = Array.from({ length: 100 }, (_, i) => supporter(`s${i}`, { languages: [`l${i}`] }));
    const ix = indexOf(many);
    expect(ix.top(request({ languages: ['l0'] }), 10, MONDAY_10Z).map((r) => r.userId)).toEqual(['s0']);
    expect(ix.top(request({ languages: ['l99'] }), 10, MONDAY_10Z).map((r) => r.userId)).toEqual(['s99']);
  });

  it('rejects malformed windows and unknown zones', () => {
    const ix = new SupporterIndex();
    expect(() => ix.upsert(supporter('a', { availability: [{ day: 1, start: '17:00', end: '09:00' }] }))).toThrow(RangeError);
    expect(() => ix.upsert(supporter('a', { availability: [{ day: 8, start: '09:00', end: '10:00' }] }))).toThrow(RangeError);
    expect(() => ix.upsert(supporter('a', { timeZone: 'Mars/Olympus' }))).toThrow(RangeError);
    expect(ix.size).toBe(0);
  });
});

describe('fairness over repeated requests', () => {
  it('spreads 30 requests over 5 equal supporters: each gets 6', () => {
    // Accepting adds to the winner's recent assignments; as the others then score higher, the
    // winner is always one with the fewest, so counts never differ by more than one: with 30
    // requests over 5 supporters that is exactly ceil(30 / 5) = 6 each.
    const cs = ['a', 'b', 'c', 'd', 'e'].map((id) => supporter(id, { experienceTags: ['anxiety'] }));
    const ix = indexOf(cs);
    const wins = new Map<string, number>();
    for (let k = 0; k < 30; k++) {
      const [winner] = ix.top(request({ experienceTags: ['anxiety'] }), 3, MONDAY_10Z);
      wins.set(winner!.userId, (wins.get(winner!.userId) ?? 0) + 1);
      const c = ix.get(winner!.userId)!;
      ix.upsert({ ...c, recentAssignments: c.recentAssignments + 1 });
    }
    expect([...wins.values()]).toEqual([6, 6, 6, 6, 6]);
  });

  it('spreads load when supporters differ a little and time moves on', () => {
    // One hour between requests; acceptance also fills a place and stamps lastAssignedAt. The
    // supporters differ in spare capacity and hours; the best one must not take everything:
    // each wins at least once and none more than twice their fair share (12 of 30).
    const cs = [
      supporter('roomy', { capacity: 10 }),
      supporter('long-hours', { capacity: 6, availability: EVERY_DAY('00:00', '24:00') }),
      supporter('plain', { capacity: 6 }),
      supporter('half-full', { capacity: 6, activeMentees: 3 }),
      supporter('evenings', { capacity: 6, availability: EVERY_DAY('17:00', '23:00') }),
    ];
    const ix = indexOf(cs);
    const wins = new Map<string, number>();
    for (let k = 0; k < 30; k++) {
      const now = new Date(MONDAY_10Z.getTime() + k * HOUR);
      const [winner] = ix.top(request(), 1, now);
      wins.set(winner!.userId, (wins.get(winner!.userId) ?? 0) + 1);
      const c = ix.get(winner!.userId)!;
      ix.upsert({ ...c, recentAssignments: c.recentAssignments + 1, activeMentees: c.activeMentees + 1, lastAssignedAt: now.toISOString() });
    }
    expect(wins.size).toBe(5);
    for (const n of wins.values()) expect(n).toBeLessThanOrEqual(12);
  });

  it('breaks exact ties by a daily hash, not by id', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `supporter-${i}`);
    const ix = indexOf(ids.map((id) => supporter(id)));
    const firsts = new Set<string>();
    for (let d = 0; d < 14; d++) {
      const ranked = ix.top(request(), 8, new Date(MONDAY_10Z.getTime() + d * 7 * DAY));
      expect(new Set(ranked.map((r) => r.score)).size).toBe(1); // a real tie
      firsts.add(ranked[0]!.userId);
    }
    // Over 14 days the first place moves between supporters (a fixed id order would give one).
    expect(firsts.size).toBeGreaterThan(1);
  });
});

describe('availability across time zones and DST', () => {
  const london = supporter('london', { timeZone: 'Europe/London', availability: [{ day: 1, start: '09:00', end: '17:00' }] });

  it('a 09:00–17:00 Monday in London is 08:00Z in July and 09:00Z in January', () => {
    expect(availableAt(london, new Date('2025-07-07T08:00:00Z'))).toBe(true);
    expect(availableAt(london, new Date('2025-07-07T07:59:00Z'))).toBe(false);
    expect(availableAt(london, new Date('2025-07-07T15:59:00Z'))).toBe(true);
    expect(availableAt(london, new Date('2025-07-07T16:00:00Z'))).toBe(false);
    expect(availableAt(london, new Date('2025-01-06T08:00:00Z'))).toBe(false);
    expect(availableAt(london, new Date('2025-01-06T09:00:00Z'))).toBe(true);
    expect(availableAt(london, new Date('2025-01-06T16:59:00Z'))).toBe(true);
    expect(availableAt(london, new Date('2025-01-07T09:00:00Z'))).toBe(false);
  });

  it('the index agrees, and follows the clocks when the week rolls over a DST change', () => {
    const ix = indexOf([london]);
    const soon = (at: string) => ix.top(request(), 1, new Date(at))[0]!.reasons.find((r) => r.kind === 'available_now' || r.kind === 'available_soon');
    expect(soon('2025-03-24T07:00:00Z')).toEqual({ kind: 'available_soon', hours: 2 }); // GMT: 09:00Z
    expect(soon('2025-03-31T07:00:00Z')).toEqual({ kind: 'available_soon', hours: 1 }); // BST since Sunday: 08:00Z
    expect(soon('2025-07-07T08:00:00Z')).toEqual({ kind: 'available_now' });
    expect(soon('2025-10-27T08:00:00Z')).toEqual({ kind: 'available_soon', hours: 1 }); // GMT again: 09:00Z
    expect(soon('2025-01-06T08:00:00Z')).toEqual({ kind: 'available_soon', hours: 1 });
  });

  it('nextAvailableAt crosses DST changes', () => {
    expect(nextAvailableAt(london, new Date('2025-03-29T12:00:00Z'))).toEqual(new Date('2025-03-31T08:00:00Z'));
    expect(nextAvailableAt(london, new Date('2025-10-25T12:00:00Z'))).toEqual(new Date('2025-10-27T09:00:00Z'));
    expect(nextAvailableAt(london, new Date('2025-07-07T10:30:00Z'))).toEqual(new Date('2025-07-07T10:30:00Z'));
    expect(nextAvailableAt(london, new Date('2025-07-07T16:00:00Z'))).toEqual(new Date('2025-07-14T08:00:00Z'));
    // Sunday 01:00–02:00 does not exist in London on 30 March 2025: the next one is a week later.
    const gap = supporter('gap', { timeZone: 'Europe/London', availability: [{ day: 7, start: '01:00', end: '02:00' }] });
    expect(nextAvailableAt(gap, new Date('2025-03-29T12:00:00Z'))).toEqual(new Date('2025-04-06T00:00:00Z'));
    // 01:00–03:00 that night starts when the clocks jump to 02:00 BST (01:00Z).
    const across = supporter('across', { timeZone: 'Europe/London', availability: [{ day: 7, start: '01:00', end: '03:00' }] });
    expect(nextAvailableAt(across, new Date('2025-03-30T00:30:00Z'))).toEqual(new Date('2025-03-30T01:00:00Z'));
    expect(nextAvailableAt(supporter('none', { availability: [] }), new Date('2025-03-30T00:30:00Z'))).toBeNull();
    // Half-hour zone with its own DST: St John's, Friday 18:00 local, before and after 9 March 2025.
    const stJohns = supporter('nl', { timeZone: 'America/St_Johns', availability: [{ day: 5, start: '18:00', end: '19:00' }] });
    expect(nextAvailableAt(stJohns, new Date('2025-03-03T00:00:00Z'))).toEqual(new Date('2025-03-07T21:30:00Z'));
    expect(nextAvailableAt(stJohns, new Date('2025-03-10T00:00:00Z'))).toEqual(new Date('2025-03-14T20:30:00Z'));
  });

  it('hoursAvailableWithin counts the repeated hour when the clocks go back', () => {
    const night = supporter('night', { timeZone: 'Europe/London', availability: [{ day: 7, start: '00:00', end: '04:00' }] });
    expect(hoursAvailableWithin(night, new Date('2025-10-25T22:00:00Z'), 8)).toBe(5);
    expect(hoursAvailableWithin(night, new Date('2025-03-29T22:00:00Z'), 8)).toBe(3);
    expect(hoursAvailableWithin(london, new Date('2025-07-07T00:00:00Z'), 24)).toBe(8);
    expect(hoursAvailableWithin(london, new Date('2025-07-07T12:00:00Z'), 1.5)).toBe(1.5);
    expect(hoursAvailableWithin(london, new Date('2025-07-07T12:00:00Z'), 6 * 24)).toBe(4);
    expect(hoursAvailableWithin(london, new Date('2025-07-07T12:00:00Z'), 7 * 24)).toBe(8);
  });
});

// ── the reference: obviously correct, slow ──────────────────────────────────────

const SLOT = 15 * 60_000;
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const clockMemo = new Map<string, { weekday: number; minute: number }>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
/** ISO weekday and minute of the day on the wall clock of `zone` at `ms`. */
function wallClock(zone: string, ms: number): { weekday: number; minute: number } {
  const key = `${zone}@${ms}`;
  const hit = clockMemo.get(key);
  if (hit) return hit;
  let f = clockFormats.get(zone);
  if (!f) clockFormats.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const out = { weekday: WEEKDAYS[parts.weekday!]!, minute: Number(parts.hour) * 60 + Number(parts.minute) };
  clockMemo.set(key, out);
  return out;
}
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
function inWindow(c: SupporterCandidate, ms: number): boolean {
  const { weekday, minute } = wallClock(c.timeZone, ms);
  return c.availability.some((w) => w.day === weekday && minute >= minutes(w.start) && minute < minutes(w.end));
}

function referenceRanking(cs: SupporterCandidate[], req: MatchRequest, now: Date): { userId: string; score: number }[] {
  const t = now.getTime();
  const W = MATCH_WEIGHTS;
  const reqTags = new Set(req.experienceTags);
  const reqLangs = new Set(req.languages.map((l) => l.toLowerCase()));
  const slot0 = t - (((t % SLOT) + SLOT) % SLOT);
  const date = new Date(t);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY;
  const scored = cs
    .filter(
      (c) =>
        c.accepting &&
        c.activeMentees < c.capacity &&
        !(c.awayUntil !== null && Date.parse(c.awayUntil) > t) &&
        !req.exclude.has(c.userId) &&
        (reqLangs.size === 0 || c.languages.some((l) => reqLangs.has(l.toLowerCase()))) &&
        (req.supporterGender === null || c.gender === req.supporterGender),
    )
    .map((c) => {
      const shared = new Set(c.experienceTags.filter((x) => reqTags.has(x))).size;
      let hours = 0;
      let first = -1;
      for (let k = 0; k < 96; k++) {
        if (inWindow(c, slot0 + k * SLOT)) {
          hours++;
          if (first < 0) first = k;
        }
      }
      const last = c.lastAssignedAt === null ? null : Date.parse(c.lastAssignedAt);
      let raw =
        (reqTags.size === 0 ? 0 : W.experience * (shared / reqTags.size)) +
        W.availableHours * Math.min(1, hours / 4 / AVAILABLE_HOURS_FULL) +
        (first < 0 ? 0 : W.availableSoon * (1 - first / 96)) +
        W.spareCapacity * ((c.capacity - c.activeMentees) / c.capacity) +
        W.fairnessRecent * (1 / (1 + c.recentAssignments)) +
        W.fairnessLast * (last === null ? 1 : Math.min(1, Math.max(0, (t - last) / (7 * DAY))));
      if (req.wantTimeZoneOverlap && req.memberTimeZone) {
        let overlap = 0;
        for (let u = 0; u < 672; u++) {
          const at = monday + u * SLOT;
          const member = wallClock(req.memberTimeZone, at).minute;
          if (member >= MEMBER_DAY.start && member < MEMBER_DAY.end && inWindow(c, at)) overlap++;
        }
        raw += W.timeZoneOverlap * Math.min(1, overlap / 4 / TZ_OVERLAP_FULL_HOURS);
      }
      return { c, score: Math.round(raw * 1e6) / 1e6, last: last ?? -Infinity, hash: tieBreakHash(c.userId, Math.floor(t / DAY)) };
    });
  scored.sort((a, b) => b.score - a.score || a.last - b.last || a.hash - b.hash || (a.c.userId < b.c.userId ? -1 : 1));
  return scored.map((s) => ({ userId: s.c.userId, score: s.score }));
}

describe('property: the index ranks like the brute-force reference', () => {
  const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
  const TAGS = EXPERIENCE_TAGS.slice(0, 6);
  const LANGS = ['en', 'fr', 'de'];
  const GENDERS = ['woman', 'man', 'non_binary'];
  // Around DST changes (EU, US, southern hemisphere, Chatham, Newfoundland) and anywhere in 2024–2026.
  const CHANGES = ['2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2025-04-05T16:00:00Z', '2025-09-27T16:00:00Z', '2025-03-09T05:30:00Z'].map(Date.parse);
  const instant = fc.oneof(
    fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
    fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -9 * DAY, max: 9 * DAY })).map(([c, d]) => c + d),
  );
  const clock = fc.oneof(
    fc.integer({ min: 0, max: 96 }).map((q) => q * 15), // on quarter hours, as most people set them
    fc.integer({ min: 0, max: 1440 }),
  );
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const window = fc
    .tuple(fc.integer({ min: 1, max: 7 }), clock, clock)
    .filter(([, a, b]) => a !== b)
    .map(([day, a, b]) => ({ day, start: hhmm(Math.min(a, b)), end: hhmm(Math.max(a, b)) }));
  const candidate = (userId: string) =>
    fc.record({
      userId: fc.constant(userId),
      experienceTags: fc.subarray(TAGS),
      languages: fc.subarray(LANGS),
      gender: fc.option(fc.constantFrom(...GENDERS), { nil: null }),
      timeZone: fc.constantFrom(...ZONES),
      availability: fc.array(window, { maxLength: 6 }),
      // Mostly eligible, so that the ranking (not the filters) is what gets compared.
      capacity: fc.integer({ min: 0, max: 4 }),
      activeMentees: fc.integer({ min: 0, max: 2 }),
      accepting: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
      awayOffset: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.integer({ min: -3 * DAY, max: 3 * DAY }), weight: 1 }),
      recentAssignments: fc.integer({ min: 0, max: 3 }),
      lastOffset: fc.option(fc.integer({ min: 0, max: 10 * DAY }), { nil: null }),
    });
  const population = fc.integer({ min: 1, max: 30 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => candidate(`user-${i}`))));
  const req = fc.record({
    experienceTags: fc.subarray(TAGS, { maxLength: 3 }),
    languages: fc.subarray(LANGS, { maxLength: 2 }),
    supporterGender: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.constantFrom(...GENDERS), weight: 1 }),
    memberTimeZone: fc.option(fc.constantFrom(...ZONES), { nil: null }),
    wantTimeZoneOverlap: fc.boolean(),
    excludeEvery: fc.integer({ min: 0, max: 4 }),
  });

  it('for random populations, requests and instants (the same index reused across weeks)', () => {
    fc.assert(
      fc.property(population, req, fc.array(instant, { minLength: 1, maxLength: 3 }), fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 32 })), (raw, r, instants, n) => {
        const ix = new SupporterIndex();
        // Churn first: a stale version of everyone and a few extra supporters, removed again.
        for (const c of raw) ix.upsert(supporter(c.userId, { timeZone: 'Asia/Tokyo', availability: EVERY_DAY('03:00', '04:00'), languages: ['xx'] }));
        for (let k = 0; k < 3; k++) ix.upsert(supporter(`extra-${k}`));
        const anchor = instants[0]!;
        for (const at of instants) {
          const cs: SupporterCandidate[] = raw.map(({ awayOffset, lastOffset, ...c }) => ({
            ...c,
            awayUntil: awayOffset === null ? null : new Date(anchor + awayOffset).toISOString(),
            lastAssignedAt: lastOffset === null ? null : new Date(anchor - lastOffset).toISOString(),
          }));
          for (const c of cs) ix.upsert(c);
          for (let k = 0; k < 3; k++) ix.remove(`extra-${k}`);
          const request: MatchRequest = {
            experienceTags: r.experienceTags,
            languages: r.languages,
            supporterGender: r.supporterGender,
            memberTimeZone: r.memberTimeZone,
            wantTimeZoneOverlap: r.wantTimeZoneOverlap,
            exclude: new Set(r.excludeEvery === 0 ? [] : cs.filter((_, i) => i % r.excludeEvery === 0).map((c) => c.userId)),
          };
          const now = new Date(at);
          const got = ix.top(request, n, now);
          expect(got.map(({ userId, score }) => ({ userId, score }))).toEqual(referenceRanking(cs, request, now).slice(0, n));
          for (const g of got) expect(request.exclude.has(g.userId)).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('availableAt agrees with the wall clock at random instants', () => {
    fc.assert(
      fc.property(candidate('x'), fc.array(instant, { minLength: 1, maxLength: 20 }), (c, instants) => {
        const s = supporter('x', { timeZone: c.timeZone, availability: c.availability });
        for (const at of instants) {
          const minuteStart = at - (at % 60_000);
          expect(availableAt(s, new Date(minuteStart))).toBe(inWindow(s, minuteStart));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('nextAvailableAt is the first available minute', () => {
    fc.assert(
      fc.property(candidate('x'), instant, (c, at) => {
        const s = supporter('x', { timeZone: c.timeZone, availability: c.availability });
        const from = at - (at % 60_000);
        const next = nextAvailableAt(s, new Date(from));
        if (s.availability.length === 0) {
          expect(next).toBeNull();
          return;
        }
        expect(next).not.toBeNull();
        const t = next!.getTime();
        expect(availableAt(s, next!)).toBe(true);
        // Nothing earlier: every minute between is outside the windows (checked hourly, then the last hour minute by minute).
        for (let m = from; m < t - HOUR; m += HOUR) expect(inWindow(s, m)).toBe(false);
        for (let m = Math.max(from, t - HOUR); m < t; m += 60_000) expect(inWindow(s, m)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
