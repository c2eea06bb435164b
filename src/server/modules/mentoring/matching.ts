/**
 * Matching a member with peer supporters: an in-memory index of supporters and a ranking.
 * Rules in short (MATCHING.md has the why):
 *
 * Hard filters — a supporter is never offered when
 *   - they are not accepting, or away (awayUntil > now), or at capacity (activeMentees >= capacity);
 *   - their id is in `exclude` (blocked, already asked, the member's current supporter…);
 *   - the member named languages and the supporter shares none of them (exact tag, case-insensitive);
 *   - the member asked for a supporter gender and the supporter did not state that gender.
 *
 * Score — a weighted sum of parts, each in [0, 1], weights in MATCH_WEIGHTS:
 *   experience       shared requested tags / requested tags (0 when none requested: no one gains)
 *   availableHours   hours available in the next 24 h / AVAILABLE_HOURS_FULL, capped at 1
 *   availableSoon    1 − (quarter hours until the first available one) / 96; 0 if none in 24 h
 *   spareCapacity    free places / capacity
 *   timeZoneOverlap  (asked only) hours per week the supporter is available during the member's
 *                    08:00–22:00 local day / TZ_OVERLAP_FULL_HOURS, capped at 1
 *   fairnessRecent   1 / (1 + assignments in the last 7 days)
 *   fairnessLast     days since the last assignment / 7, capped at 1 (never assigned: 1)
 * The sum is rounded to 6 decimals so that equal supporters tie exactly. Ties: the older
 * lastAssignedAt first (never assigned first), then a hash of (userId, UTC day), so no one is
 * favoured by their id, then the id (a hash collision).
 *
 * Time: availability is counted on a grid of UTC quarter hours; a quarter hour counts as
 * available when the supporter is available at its start (availableAt). "The next 24 h" are the
 * 96 quarter hours from the one `now` falls in. Real zones' offsets are whole quarter hours, so
 * windows on quarter hours are exact.
 *
 * Performance: supporters are kept as struct-of-arrays (typed arrays, swap-remove), tags and
 * languages as bitmasks, and availability as a bitmap of 768 UTC quarter hours (8 days) from the
 * Monday 00:00 UTC of the current week (the "epoch"), so one request is a linear scan of integer
 * operations with a bounded heap for the top n. Time-zone overlap (21 words per supporter) is
 * counted only for supporters who could still enter the heap, and remembered per member offset
 * profile for the week.
 *
 * DST: a supporter's bitmap depends on the windows and on their zone's offsets over the 8 days from
 * the epoch. Per zone, the index keeps the offsets as constant-offset segments found through Intl
 * (a probe every 12 h, bisection to the millisecond at a change). When a request's `now` falls in a
 * different week, every zone's segments are recomputed for the new epoch and only supporters of
 * zones whose segments (relative to the epoch) changed are rebuilt — in a DST week, those zones;
 * otherwise none. Upserts that change the zone or windows mark the supporter for a rebuild at the
 * next top().
 */
import { EXPERIENCE_TAGS } from '../../../contracts/accounts.js';

// ── public types ────────────────────────────────────────────────────────────────

/** ISO weekday 1–7 (Monday = 1), 'HH:MM' in the supporter's own IANA zone; end > start, end may be '24:00'. A window past midnight is two windows. */
export interface AvailabilityWindow {
  day: number;
  start: string;
  end: string;
}

export interface SupporterCandidate {
  userId: string;
  experienceTags: readonly string[];
  languages: readonly string[];
  gender: string | null;
  timeZone: string;
  availability: readonly AvailabilityWindow[];
  capacity: number;
  activeMentees: number;
  accepting: boolean;
  /** ISO instant; away while awayUntil > now. */
  awayUntil: string | null;
  /** Assignments in the last 7 days (the service counts them). */
  recentAssignments: number;
  /** ISO instant of the last assignment, or null if never assigned. */
  lastAssignedAt: string | null;
}

export interface MatchRequest {
  experienceTags: readonly string[];
  languages: readonly string[];
  supporterGender: string | null;
  memberTimeZone: string | null;
  wantTimeZoneOverlap: boolean;
  exclude: ReadonlySet<string>;
}

/** Why a supporter was suggested, in terms a member can be shown. */
export type MatchReason =
  | { kind: 'shared_experience'; tags: string[] }
  | { kind: 'language'; language: string }
  | { kind: 'available_now' }
  | { kind: 'available_soon'; hours: number }
  | { kind: 'spare_capacity' }
  | { kind: 'time_zone_overlap' };

export interface RankedSupporter {
  userId: string;
  score: number;
  reasons: MatchReason[];
}

// ── the rules' constants ────────────────────────────────────────────────────────

/**
 * Weights of the score parts (each part is in [0, 1]). Experience leads: members ask most for
 * "someone who has been there". Availability (hours + soonness) comes next: a reply within the
 * day matters more than a perfect match next week. Fairness is strong enough to rotate equals and
 * to let a slightly less matched but rested supporter win over a busy one, not to override a clear
 * difference in experience.
 */
export const MATCH_WEIGHTS = {
  experience: 40,
  availableHours: 15,
  availableSoon: 10,
  spareCapacity: 10,
  timeZoneOverlap: 10,
  fairnessRecent: 10,
  fairnessLast: 5,
} as const;

/** Hours available in the next 24 h that count as fully available (a long evening is plenty). */
export const AVAILABLE_HOURS_FULL = 8;
/** Weekly hours of overlap with the member's day that count as full overlap (two a day). */
export const TZ_OVERLAP_FULL_HOURS = 14;
/** The member's day, local minutes [start, end). */
export const MEMBER_DAY = { start: 8 * 60, end: 22 * 60 } as const;
/** Reasons are shown from these levels on. */
const SPARE_CAPACITY_REASON = 0.5;
const TZ_OVERLAP_REASON_HOURS = TZ_OVERLAP_FULL_HOURS / 2;

// ── time ────────────────────────────────────────────────────────────────────────

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05T00:00Z, a Monday: weeks are counted from it. */
const MONDAY0_MS = 4 * DAY_MS;
export const SLOT_MS = 15 * MINUTE_MS;
const SLOTS_PER_WEEK = WEEK_MS / SLOT_MS; // 672
const SLOTS_24H = DAY_MS / SLOT_MS; // 96
/** The bitmap covers a week and a day from the epoch, so [now, now + 24 h) always fits. */
const SPAN_SLOTS = SLOTS_PER_WEEK + SLOTS_24H; // 768
const SPAN_WORDS = SPAN_SLOTS / 32; // 24
const WEEK_WORDS = SLOTS_PER_WEEK / 32; // 21
/** Zones change offset at most once between two probes this far apart. */
const PROBE_MS = 12 * HOUR_MS;

const mod = (a: number, b: number) => ((a % b) + b) % b;
/** Monday 00:00 UTC of the week `ms` falls in. */
export const weekStartUtc = (ms: number) => ms - mod(ms - MONDAY0_MS, WEEK_MS);

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new RangeError(`unknown time zone: ${zone}`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in ms (local = utc + offset), from Intl's time-zone data. */
export function zoneOffsetMs(zone: string, ms: number): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of formatter(zone).formatToParts(ms)) {
    switch (p.type) {
      case 'year': y = Number(p.value); break;
      case 'month': mo = Number(p.value); break;
      case 'day': d = Number(p.value); break;
      case 'hour': h = Number(p.value); break;
      case 'minute': mi = Number(p.value); break;
      case 'second': s = Number(p.value); break;
      default:
    }
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

/** [from, to) cut into pieces of constant offset, exact to the millisecond. */
function zoneSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  let segStart = from;
  let t = from;
  let o = zoneOffsetMs(zone, from);
  while (t < to - 1) {
    const probe = Math.min(t + PROBE_MS, to - 1);
    const op = zoneOffsetMs(zone, probe);
    if (op === o) {
      t = probe;
      continue;
    }
    let lo = t;
    let hi = probe; // offset(lo) = o, offset(hi) ≠ o: find the first ms of the new offset
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zoneOffsetMs(zone, mid) === o) lo = mid;
      else hi = mid;
    }
    out.push({ start: segStart, end: hi, offset: o });
    segStart = hi;
    t = hi;
    o = zoneOffsetMs(zone, hi);
  }
  out.push({ start: segStart, end: to, offset: o });
  return out;
}

const digit = (s: string, i: number) => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
function parseClock(hhmm: string, what: string): number {
  const h = hhmm.length === 5 && hhmm[2] === ':' ? digit(hhmm, 0) * 10 + digit(hhmm, 1) : NaN;
  const mi = digit(hhmm, 3) * 10 + digit(hhmm, 4);
  if (!(h <= 24 && mi <= 59) || (h === 24 && mi > 0)) throw new RangeError(`availability ${what} must be HH:MM, got ${JSON.stringify(hhmm)}`);
  return h * 60 + mi;
}

/** Windows as [start, end) pairs in ms from local Monday 00:00. */
function windowRanges(windows: readonly AvailabilityWindow[]): number[] {
  const out: number[] = [];
  for (const w of windows) {
    if (!Number.isInteger(w.day) || w.day < 1 || w.day > 7) throw new RangeError(`availability day must be 1–7, got ${w.day}`);
    const start = parseClock(w.start, 'start');
    const end = parseClock(w.end, 'end');
    if (end <= start) throw new RangeError(`availability window must end after it starts (${w.start}–${w.end}); split a window past midnight in two`);
    const day = (w.day - 1) * DAY_MS;
    out.push(day + start * MINUTE_MS, day + end * MINUTE_MS);
  }
  return out;
}

function sameAvailability(a: SupporterCandidate, b: SupporterCandidate): boolean {
  if (a.timeZone !== b.timeZone || a.availability.length !== b.availability.length) return false;
  for (let k = 0; k < a.availability.length; k++) {
    const x = a.availability[k]!;
    const y = b.availability[k]!;
    if (x.day !== y.day || x.start !== y.start || x.end !== y.end) return false;
  }
  return true;
}

function inRanges(ranges: readonly number[], msOfWeek: number): boolean {
  for (let k = 0; k < ranges.length; k += 2) if (msOfWeek >= ranges[k]! && msOfWeek < ranges[k + 1]!) return true;
  return false;
}

/** Whether `at` falls in one of the supporter's weekly windows, in their zone. Windows only: accepting, away and capacity are the caller's concern. */
export function availableAt(c: Pick<SupporterCandidate, 'timeZone' | 'availability'>, at: Date): boolean {
  const t = at.getTime();
  return inRanges(windowRanges(c.availability), mod(t + zoneOffsetMs(c.timeZone, t) - MONDAY0_MS, WEEK_MS));
}

/** The first instant ≥ from inside one of the supporter's windows (DST-correct), or null if they have none. Windows only, like availableAt. */
export function nextAvailableAt(c: Pick<SupporterCandidate, 'timeZone' | 'availability'>, from: Date): Date | null {
  const ranges = windowRanges(c.availability);
  if (ranges.length === 0) return null;
  const t0 = from.getTime();
  // Two weeks: a window can vanish for one week in a DST gap, never for two.
  for (const seg of zoneSegments(c.timeZone, t0, t0 + 2 * WEEK_MS + DAY_MS)) {
    const x = seg.start + seg.offset - MONDAY0_MS; // local ms since the local Monday 0
    const week = Math.floor(x / WEEK_MS) * WEEK_MS;
    let best = Infinity;
    for (let k = 0; k < ranges.length; k += 2) {
      for (const base of [week - WEEK_MS, week, week + WEEK_MS]) {
        const a = base + ranges[k]!;
        const b = base + ranges[k + 1]!;
        if (b <= x) continue;
        best = Math.min(best, Math.max(a, x));
      }
    }
    const at = best - seg.offset + MONDAY0_MS;
    if (at < seg.end) return new Date(at);
  }
  return null;
}

/** Hours of the supporter's windows within [from, from + hours), exact to the millisecond and DST-correct. */
export function hoursAvailableWithin(c: Pick<SupporterCandidate, 'timeZone' | 'availability'>, from: Date, hours: number): number {
  const ranges = windowRanges(c.availability);
  const t0 = from.getTime();
  if (ranges.length === 0 || !(hours > 0)) return 0;
  let total = 0;
  for (const seg of zoneSegments(c.timeZone, t0, t0 + hours * HOUR_MS)) {
    const lo = seg.start + seg.offset - MONDAY0_MS;
    const hi = seg.end + seg.offset - MONDAY0_MS;
    for (let base = Math.floor(lo / WEEK_MS) * WEEK_MS - WEEK_MS; base < hi; base += WEEK_MS) {
      for (let k = 0; k < ranges.length; k += 2) total += Math.max(0, Math.min(hi, base + ranges[k + 1]!) - Math.max(lo, base + ranges[k]!));
    }
  }
  return total / HOUR_MS;
}

// ── bit helpers ─────────────────────────────────────────────────────────────────

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
/** Index of the lowest set bit of a non-zero word. */
const lowestBit = (x: number) => 31 - Math.clz32(x & -x);

function setBits(words: Uint32Array, base: number, lo: number, hi: number): void {
  for (let b = lo; b < hi; ) {
    const w = b >>> 5;
    const from = b & 31;
    const to = Math.min(32, from + (hi - b));
    const mask = to - from === 32 ? 0xffffffff : ((1 << (to - from)) - 1) << from;
    words[base + w] = (words[base + w]! | mask) >>> 0;
    b += to - from;
  }
}

/** FNV-1a of the id: fixed per supporter; mixed with the day for tie-breaking. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function mixDay(idHash: number, day: number): number {
  let h = (idHash ^ Math.imul(day, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
/** The tie-break key of a supporter on a UTC day (`floor(ms / 86 400 000)`): lower ranks first. Changes daily so no one is favoured by their id. */
export function tieBreakHash(userId: string, utcDay: number): number {
  return mixDay(fnv1a(userId), utcDay);
}

const TAG_BITS = new Map<string, number>(EXPERIENCE_TAGS.map((t, i) => [t, 1 << i]));
function tagMask(tags: readonly string[]): number {
  let m = 0;
  for (const t of tags) m |= TAG_BITS.get(t) ?? 0;
  return m >>> 0;
}
function tagsOf(mask: number): string[] {
  return EXPERIENCE_TAGS.filter((_, i) => (mask >>> i) & 1);
}
const normalize = (s: string) => s.trim().toLowerCase();
const isoMs = (s: string | null, fallback: number) => {
  if (s === null) return fallback;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO instant: ${JSON.stringify(s)}`);
  return t;
};

// ── the index ───────────────────────────────────────────────────────────────────

/** A member zone's 08:00–22:00 this week, and each supporter's overlap with it, counted on first need. */
interface MemberDay {
  mask: Uint32Array;
  /** Quarter hours of overlap per supporter slot; UNCOUNTED until counted. */
  overlap: Uint16Array;
}
const UNCOUNTED = 0xffff;

interface ZoneState {
  name: string;
  /** Segments over the epoch's span, in slots from the epoch: [u0, u1) with offset ms. */
  segments: { u0: number; u1: number; offset: number }[];
  key: string;
}

/**
 * Supporters kept for ranking. One instance per process, fed by the service on every change of a
 * supporter's profile or load; `top` is synchronous and does not allocate in proportion to the
 * number of supporters.
 */
export class SupporterIndex {
  private n = 0;
  private cap = 0;
  private readonly slotOf = new Map<string, number>();
  private ids: string[] = [];
  private candidates: SupporterCandidate[] = [];
  private ranges: number[][] = [];
  private tags = new Uint32Array(0);
  private langWords = 2;
  private langs = new Uint32Array(0);
  private gender = new Int32Array(0);
  private zone = new Int32Array(0);
  private capacity = new Int32Array(0);
  private active = new Int32Array(0);
  private accepting = new Uint8Array(0);
  private awayUntil = new Float64Array(0);
  private recent = new Int32Array(0);
  private lastAssigned = new Float64Array(0);
  private idHash = new Uint32Array(0);
  private bitmap = new Uint32Array(0);
  private stale = new Uint8Array(0);
  private excluded = new Uint8Array(0);
  private staleIds: string[] = [];

  private readonly languageIds = new Map<string, number>();
  private readonly languageNames: string[] = [];
  private readonly genderIds = new Map<string, number>();
  private readonly zoneIds = new Map<string, number>();
  private readonly zones: ZoneState[] = [];
  private epoch = NaN;
  /** Member days of this epoch by zone name, shared by zones with the same offsets. */
  private readonly memberDays = new Map<string, MemberDay>();
  private readonly memberDaysByOffsets = new Map<string, MemberDay>();

  get size(): number {
    return this.n;
  }

  /** The ids of every supporter in the index (a copy). */
  userIds(): string[] {
    return this.ids.slice(0, this.n);
  }

  get(userId: string): SupporterCandidate | undefined {
    const i = this.slotOf.get(userId);
    return i === undefined ? undefined : this.candidates[i];
  }

  /**
   * Adds or replaces a supporter. Throws RangeError on an unknown zone, a malformed window or
   * instant (and then changes nothing). The index keeps `c` as given (get() returns it): pass a
   * fresh object for each change rather than mutating one already upserted.
   */
  upsert(c: SupporterCandidate): void {
    let i = this.slotOf.get(c.userId);
    const previous = i === undefined ? undefined : this.candidates[i];
    // Load changes (the common upsert) keep the windows: no parsing, no rebuild.
    const sameWindows = previous !== undefined && sameAvailability(previous, c);
    const ranges = sameWindows ? null : windowRanges(c.availability);
    if (!sameWindows) formatter(c.timeZone); // validates the zone
    const awayUntil = isoMs(c.awayUntil, -Infinity);
    const lastAssigned = isoMs(c.lastAssignedAt, -Infinity);
    const langIds = c.languages.map((l) => this.languageId(normalize(l)));
    if (i === undefined) {
      if (this.n === this.cap) this.grow(Math.max(64, this.cap * 2));
      i = this.n++;
      this.slotOf.set(c.userId, i);
      this.ids[i] = c.userId;
      this.idHash[i] = fnv1a(c.userId);
    }
    this.candidates[i] = c;
    this.tags[i] = tagMask(c.experienceTags);
    const lb = i * this.langWords;
    this.langs.fill(0, lb, lb + this.langWords);
    for (const id of langIds) this.langs[lb + (id >>> 5)] = (this.langs[lb + (id >>> 5)]! | (1 << (id & 31))) >>> 0;
    this.gender[i] = c.gender === null ? -1 : this.genderId(normalize(c.gender));
    this.capacity[i] = c.capacity;
    this.active[i] = c.activeMentees;
    this.accepting[i] = c.accepting ? 1 : 0;
    this.awayUntil[i] = awayUntil;
    this.recent[i] = c.recentAssignments;
    this.lastAssigned[i] = lastAssigned;
    if (ranges) {
      this.ranges[i] = ranges;
      this.zone[i] = this.zoneId(c.timeZone);
      if (!this.stale[i]) {
        this.stale[i] = 1;
        this.staleIds.push(c.userId);
      }
    }
  }

  remove(userId: string): void {
    const i = this.slotOf.get(userId);
    if (i === undefined) return;
    this.slotOf.delete(userId);
    const last = --this.n;
    if (i !== last) this.move(last, i);
    this.ids.length = this.n;
    this.candidates.length = this.n;
    this.ranges.length = this.n;
    this.stale[last] = 0;
  }

  /**
   * The best `n` eligible supporters for `req` at `now`, best first (rules at the top of this
   * file). Deterministic for the same index, request and UTC day.
   */
  top(req: MatchRequest, n: number, now: Date): RankedSupporter[] {
    const nowMs = now.getTime();
    if (!(n >= 1) || this.n === 0) return [];
    this.refresh(nowMs);

    // The request, encoded.
    const reqTags = tagMask(req.experienceTags);
    const reqTagCount = popcount(reqTags);
    const reqLangs = new Uint32Array(this.langWords);
    const reqLangIds: number[] = [];
    for (const l of req.languages) {
      const id = this.languageIds.get(normalize(l));
      if (id === undefined) continue;
      reqLangIds.push(id);
      reqLangs[id >>> 5] = (reqLangs[id >>> 5]! | (1 << (id & 31))) >>> 0;
    }
    const filterLanguages = req.languages.length > 0;
    if (filterLanguages && reqLangIds.length === 0) return [];
    let wantGender = -1;
    if (req.supporterGender !== null) {
      const g = this.genderIds.get(normalize(req.supporterGender));
      if (g === undefined) return [];
      wantGender = g;
    }
    const memberDay = req.wantTimeZoneOverlap && req.memberTimeZone ? this.memberDay(req.memberTimeZone) : null;

    // The next 24 h on the bitmap: 96 bits from slot s0, read as three 32-bit chunks.
    const slot0Ms = nowMs - mod(nowMs, SLOT_MS);
    const s0 = (slot0Ms - this.epoch) / SLOT_MS;
    const w0 = s0 >>> 5;
    const sh = s0 & 31;
    const day = Math.floor(nowMs / DAY_MS);

    const W = MATCH_WEIGHTS;
    const size = Math.min(n, this.n);
    const heapSlot = new Int32Array(size);
    const heapScore = new Float64Array(size);
    let filled = 0;

    for (const id of req.exclude) {
      const i = this.slotOf.get(id);
      if (i !== undefined) this.excluded[i] = 1;
    }
    const LW = this.langWords;
    const { tags, langs, gender, capacity, active, accepting, awayUntil, recent, lastAssigned, bitmap, excluded } = this;

    for (let i = 0; i < this.n; i++) {
      const cap = capacity[i]!;
      const act = active[i]!;
      if (!accepting[i] || act >= cap || awayUntil[i]! > nowMs || excluded[i]) continue;
      if (wantGender >= 0 && gender[i] !== wantGender) continue;
      if (filterLanguages) {
        let shared = 0;
        for (let w = 0, b = i * LW; w < LW; w++) shared |= langs[b + w]! & reqLangs[w]!;
        if (shared === 0) continue;
      }
      const last = lastAssigned[i]!;
      const experience = reqTagCount === 0 ? 0 : W.experience * (popcount(tags[i]! & reqTags) / reqTagCount);
      const spare = W.spareCapacity * ((cap - act) / cap);
      const fairRecent = W.fairnessRecent * (1 / (1 + recent[i]!));
      const fairLast = W.fairnessLast * (last === -Infinity ? 1 : Math.min(1, Math.max(0, (nowMs - last) / WEEK_MS)));
      if (filled === size) {
        // The best this supporter could score with full availability: if that cannot enter the
        // heap, skip the bitmap. Same order of additions as the score, so never below it.
        const bound = experience + W.availableHours + W.availableSoon + spare + fairRecent + fairLast + (memberDay ? W.timeZoneOverlap : 0);
        if (Math.round(bound * 1e6) / 1e6 < heapScore[0]!) continue;
      }
      const base = i * SPAN_WORDS + w0;
      let c0 = bitmap[base]!;
      let c1 = bitmap[base + 1]!;
      let c2 = bitmap[base + 2]!;
      if (sh !== 0) {
        const back = 32 - sh;
        const c3 = bitmap[base + 3]!;
        c0 = (c0 >>> sh) | (c1 << back);
        c1 = (c1 >>> sh) | (c2 << back);
        c2 = (c2 >>> sh) | (c3 << back);
      }
      const availableSlots = popcount(c0) + popcount(c1) + popcount(c2);
      const first = availableSlots === 0 ? -1 : c0 !== 0 ? lowestBit(c0) : c1 !== 0 ? 32 + lowestBit(c1) : 64 + lowestBit(c2);
      let raw =
        experience +
        W.availableHours * Math.min(1, availableSlots / 4 / AVAILABLE_HOURS_FULL) +
        (first < 0 ? 0 : W.availableSoon * (1 - first / SLOTS_24H)) +
        spare +
        fairRecent +
        fairLast;
      if (memberDay) {
        // Only worth counting when it could lift this supporter into the heap.
        if (filled === size && Math.round((raw + W.timeZoneOverlap) * 1e6) / 1e6 < heapScore[0]!) continue;
        let overlap = memberDay.overlap[i]!;
        if (overlap === UNCOUNTED) {
          overlap = 0;
          for (let w = 0, b = i * SPAN_WORDS; w < WEEK_WORDS; w++) overlap += popcount(bitmap[b + w]! & memberDay.mask[w]!);
          memberDay.overlap[i] = overlap;
        }
        raw += W.timeZoneOverlap * Math.min(1, overlap / 4 / TZ_OVERLAP_FULL_HOURS);
      }
      const score = Math.round(raw * 1e6) / 1e6;
      if (filled < size) {
        // Sift up: the root is the worst kept.
        let k = filled++;
        while (k > 0) {
          const p = (k - 1) >> 1;
          if (!this.before(heapSlot[p]!, heapScore[p]!, i, score, day)) break;
          heapSlot[k] = heapSlot[p]!;
          heapScore[k] = heapScore[p]!;
          k = p;
        }
        heapSlot[k] = i;
        heapScore[k] = score;
      } else if (this.before(i, score, heapSlot[0]!, heapScore[0]!, day)) {
        // Replace the root and sift down.
        let k = 0;
        for (;;) {
          const l = 2 * k + 1;
          if (l >= size) break;
          const r = l + 1;
          let m = l;
          if (r < size && this.before(heapSlot[l]!, heapScore[l]!, heapSlot[r]!, heapScore[r]!, day)) m = r;
          if (!this.before(i, score, heapSlot[m]!, heapScore[m]!, day)) break;
          heapSlot[k] = heapSlot[m]!;
          heapScore[k] = heapScore[m]!;
          k = m;
        }
        heapSlot[k] = i;
        heapScore[k] = score;
      }
    }
    for (const id of req.exclude) {
      const i = this.slotOf.get(id);
      if (i !== undefined) this.excluded[i] = 0;
    }

    const order = Array.from({ length: filled }, (_, k) => k).sort((a, b) =>
      this.before(heapSlot[a]!, heapScore[a]!, heapSlot[b]!, heapScore[b]!, day) ? -1 : 1,
    );
    return order.map((k) => {
      const i = heapSlot[k]!;
      return { userId: this.ids[i]!, score: heapScore[k]!, reasons: this.reasons(i, reqTags, reqLangIds, memberDay, nowMs, s0) };
    });
  }

  // ── internals ──

  /** Whether supporter a (with score sa) ranks before supporter b. */
  private before(a: number, sa: number, b: number, sb: number, day: number): boolean {
    if (sa !== sb) return sa > sb;
    const la = this.lastAssigned[a]!;
    const lb = this.lastAssigned[b]!;
    if (la !== lb) return la < lb;
    const ha = mixDay(this.idHash[a]!, day);
    const hb = mixDay(this.idHash[b]!, day);
    if (ha !== hb) return ha < hb;
    return this.ids[a]! < this.ids[b]!;
  }

  private reasons(i: number, reqTags: number, reqLangIds: number[], memberDay: MemberDay | null, nowMs: number, s0: number): MatchReason[] {
    const out: MatchReason[] = [];
    const shared = this.tags[i]! & reqTags;
    if (shared) out.push({ kind: 'shared_experience', tags: tagsOf(shared) });
    const lang = reqLangIds.find((id) => (this.langs[i * this.langWords + (id >>> 5)]! >>> (id & 31)) & 1);
    if (lang !== undefined) out.push({ kind: 'language', language: this.languageNames[lang]! });
    const b = i * SPAN_WORDS;
    for (let s = s0; s < s0 + SLOTS_24H; s++) {
      if ((this.bitmap[b + (s >>> 5)]! >>> (s & 31)) & 1) {
        const wait = this.epoch + s * SLOT_MS - nowMs;
        out.push(wait <= 0 ? { kind: 'available_now' } : { kind: 'available_soon', hours: Math.max(1, Math.ceil(wait / HOUR_MS)) });
        break;
      }
    }
    if ((this.capacity[i]! - this.active[i]!) / this.capacity[i]! >= SPARE_CAPACITY_REASON) out.push({ kind: 'spare_capacity' });
    if (memberDay) {
      let overlap = 0;
      for (let w = 0; w < WEEK_WORDS; w++) overlap += popcount(this.bitmap[b + w]! & memberDay.mask[w]!);
      if (overlap / 4 >= TZ_OVERLAP_REASON_HOURS) out.push({ kind: 'time_zone_overlap' });
    }
    return out;
  }

  private languageId(lang: string): number {
    let id = this.languageIds.get(lang);
    if (id === undefined) {
      id = this.languageNames.length;
      this.languageIds.set(lang, id);
      this.languageNames.push(lang);
      if (id >= this.langWords * 32) this.widenLanguages(this.langWords * 2);
    }
    return id;
  }

  private widenLanguages(words: number): void {
    const next = new Uint32Array(this.cap * words);
    for (let i = 0; i < this.n; i++) next.set(this.langs.subarray(i * this.langWords, (i + 1) * this.langWords), i * words);
    this.langs = next;
    this.langWords = words;
  }

  private genderId(g: string): number {
    let id = this.genderIds.get(g);
    if (id === undefined) this.genderIds.set(g, (id = this.genderIds.size));
    return id;
  }

  private zoneId(name: string): number {
    let id = this.zoneIds.get(name);
    if (id === undefined) {
      id = this.zones.length;
      this.zoneIds.set(name, id);
      this.zones.push({ name, segments: [], key: '' });
      if (!Number.isNaN(this.epoch)) this.profileZone(this.zones[id]!);
    }
    return id;
  }

  /** The zone's constant-offset segments over the epoch's span; returns whether they changed. */
  private profileZone(z: ZoneState): boolean {
    const end = this.epoch + SPAN_SLOTS * SLOT_MS;
    const segments = zoneSegments(z.name, this.epoch, end).map((s) => ({
      u0: Math.ceil((s.start - this.epoch) / SLOT_MS),
      u1: Math.ceil((s.end - this.epoch) / SLOT_MS),
      offset: s.offset,
    }));
    const key = segments.map((s) => `${s.u0}:${s.offset}`).join(';');
    if (key === z.key) return false;
    z.key = key;
    z.segments = segments;
    return true;
  }

  /** Moves to `now`'s week if needed (rebuilding zones whose offsets differ), then builds stale bitmaps. */
  private refresh(nowMs: number): void {
    const epoch = weekStartUtc(nowMs);
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.clearMemberDays();
      const changed = new Uint8Array(this.zones.length);
      let any = false;
      for (let z = 0; z < this.zones.length; z++) {
        if (this.profileZone(this.zones[z]!)) {
          changed[z] = 1;
          any = true;
        }
      }
      if (any) {
        for (let i = 0; i < this.n; i++) {
          if (changed[this.zone[i]!]) {
            this.build(i);
            this.stale[i] = 0;
          }
        }
      }
    }
    for (const id of this.staleIds) {
      const i = this.slotOf.get(id);
      if (i !== undefined && this.stale[i]) {
        this.build(i);
        this.stale[i] = 0;
      }
    }
    this.staleIds = [];
  }

  /** Bit u of the bitmap = availableAt(epoch + u quarter hours). */
  private build(i: number): void {
    for (const day of this.memberDaysByOffsets.values()) day.overlap[i] = UNCOUNTED;
    const base = i * SPAN_WORDS;
    this.bitmap.fill(0, base, base + SPAN_WORDS);
    const ranges = this.ranges[i]!;
    for (const seg of this.zones[this.zone[i]!]!.segments) {
      for (let k = 0; k < ranges.length; k += 2) {
        // Slots u with (u·SLOT + offset) mod WEEK in [a, b): one range per week shift.
        for (let shift = -WEEK_MS; shift <= WEEK_MS; shift += WEEK_MS) {
          const lo = Math.max(seg.u0, Math.ceil((ranges[k]! + shift - seg.offset) / SLOT_MS));
          const hi = Math.min(seg.u1, Math.ceil((ranges[k + 1]! + shift - seg.offset) / SLOT_MS));
          if (lo < hi) setBits(this.bitmap, base, lo, hi);
        }
      }
    }
  }

  /** The member zone's 08:00–22:00 in this epoch's week, as a mask of quarter hours. */
  private memberDay(zoneName: string): MemberDay {
    const known = this.memberDays.get(zoneName);
    if (known) return known;
    const segments = zoneSegments(zoneName, this.epoch, this.epoch + WEEK_MS);
    const key = segments.map((seg) => `${seg.start}:${seg.offset}`).join(';');
    let day = this.memberDaysByOffsets.get(key);
    if (!day) {
      // Bounded: a new week, or more distinct offsets than real zones have, starts afresh.
      if (this.memberDaysByOffsets.size >= 64) this.clearMemberDays();
      const mask = new Uint32Array(WEEK_WORDS);
      const dayStart = MEMBER_DAY.start * MINUTE_MS;
      const dayEnd = MEMBER_DAY.end * MINUTE_MS;
      for (const seg of segments) {
        const u0 = Math.ceil((seg.start - this.epoch) / SLOT_MS);
        const u1 = Math.ceil((seg.end - this.epoch) / SLOT_MS);
        // (u·SLOT + offset) mod DAY in [dayStart, dayEnd), for each day the segment touches.
        for (let d = -1; d <= 8; d++) {
          const lo = Math.max(u0, Math.ceil((d * DAY_MS + dayStart - seg.offset) / SLOT_MS));
          const hi = Math.min(u1, Math.ceil((d * DAY_MS + dayEnd - seg.offset) / SLOT_MS));
          if (lo < hi) setBits(mask, 0, lo, hi);
        }
      }
      day = { mask, overlap: new Uint16Array(this.cap).fill(UNCOUNTED) };
      this.memberDaysByOffsets.set(key, day);
    }
    this.memberDays.set(zoneName, day);
    return day;
  }

  private clearMemberDays(): void {
    this.memberDays.clear();
    this.memberDaysByOffsets.clear();
  }

  private move(from: number, to: number): void {
    const id = this.ids[from]!;
    this.slotOf.set(id, to);
    this.ids[to] = id;
    this.candidates[to] = this.candidates[from]!;
    this.ranges[to] = this.ranges[from]!;
    this.tags[to] = this.tags[from]!;
    this.langs.copyWithin(to * this.langWords, from * this.langWords, (from + 1) * this.langWords);
    this.gender[to] = this.gender[from]!;
    this.zone[to] = this.zone[from]!;
    this.capacity[to] = this.capacity[from]!;
    this.active[to] = this.active[from]!;
    this.accepting[to] = this.accepting[from]!;
    this.awayUntil[to] = this.awayUntil[from]!;
    this.recent[to] = this.recent[from]!;
    this.lastAssigned[to] = this.lastAssigned[from]!;
    this.idHash[to] = this.idHash[from]!;
    this.bitmap.copyWithin(to * SPAN_WORDS, from * SPAN_WORDS, (from + 1) * SPAN_WORDS);
    this.stale[to] = this.stale[from]!;
    for (const day of this.memberDaysByOffsets.values()) day.overlap[to] = day.overlap[from]!;
  }

  private grow(cap: number): void {
    const widen = <T extends Uint32Array | Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T, stride = 1): T => {
      const next = make(cap * stride);
      next.set(a);
      return next;
    };
    this.tags = widen(this.tags, (k) => new Uint32Array(k));
    this.langs = widen(this.langs, (k) => new Uint32Array(k), this.langWords);
    this.gender = widen(this.gender, (k) => new Int32Array(k));
    this.zone = widen(this.zone, (k) => new Int32Array(k));
    this.capacity = widen(this.capacity, (k) => new Int32Array(k));
    this.active = widen(this.active, (k) => new Int32Array(k));
    this.accepting = widen(this.accepting, (k) => new Uint8Array(k));
    this.awayUntil = widen(this.awayUntil, (k) => new Float64Array(k));
    this.recent = widen(this.recent, (k) => new Int32Array(k));
    this.lastAssigned = widen(this.lastAssigned, (k) => new Float64Array(k));
    this.idHash = widen(this.idHash, (k) => new Uint32Array(k));
    this.bitmap = widen(this.bitmap, (k) => new Uint32Array(k), SPAN_WORDS);
    this.stale = widen(this.stale, (k) => new Uint8Array(k));
    this.excluded = widen(this.excluded, (k) => new Uint8Array(k));
    this.clearMemberDays();
    this.cap = cap;
  }
}
