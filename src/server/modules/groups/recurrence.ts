/**
 * Meeting times in a group's IANA time zone, expanded to UTC instants with the zone rules the
 * runtime ships (Intl), so a weekly 18:00 meeting stays at 18:00 local across a daylight-saving
 * change while its UTC time moves by the offset difference. Pure: no I/O, no clock.
 */

export const FREQUENCIES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

export interface Series {
  /** Local wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm`, in `timeZone`. */
  startLocal: string;
  timeZone: string;
  durationMinutes: number;
  frequency: Frequency;
  /** Last local date (inclusive, `YYYY-MM-DD`) an occurrence may start on; null: no end. */
  untilDate: string | null;
  /** At most this many occurrences in all; null: no limit. */
  count: number | null;
}

export interface Occurrence {
  /** 0-based position in the series (before the window was applied). */
  index: number;
  startUtc: Date;
  endUtc: Date;
  /** The wall-clock start in the series' zone, `YYYY-MM-DDTHH:mm`. */
  startLocal: string;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses `YYYY-MM-DDTHH:mm`; null when it is not a real calendar time. */
export function parseLocal(text: string): LocalDateTime | null {
  const m = LOCAL_RE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return null;
  return { year, month, day, hour, minute };
}

export function isLocalDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function formatLocal(l: LocalDateTime): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(l.year, 4)}-${p(l.month)}-${p(l.day)}T${p(l.hour)}:${p(l.minute)}`;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(utcMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The wall-clock time in a zone at an instant. */
export function toLocal(utc: Date, timeZone: string): LocalDateTime {
  const shifted = new Date(utc.getTime() + offsetAt(utc.getTime(), timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/**
 * The UTC instant of a wall-clock time in a zone, as RFC 5545 reads a DTSTART with a TZID:
 * a time that happens twice (clocks go back) is the first of the two; a time that does not exist
 * (clocks go forward) is read with the offset from before the gap, so 01:30 on the morning
 * London springs forward is 02:30 BST.
 */
export function zonedToUtc(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const candidates = [...new Set([wall - before, wall - after])].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (candidates.length) return new Date(Math.min(...candidates));
  return new Date(wall - before);
}

/** The local start of the n-th occurrence, or null when that month has no such day (the 31st). */
function nthLocal(first: LocalDateTime, frequency: Frequency, n: number): LocalDateTime | null {
  if (frequency === 'none') return n === 0 ? first : null;
  if (frequency === 'monthly') {
    const monthIndex = first.month - 1 + n;
    const year = first.year + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    // RFC 5545: a monthly rule on the 31st skips months without one, rather than moving the day.
    if (first.day > daysInMonth(year, month)) return null;
    return { ...first, year, month };
  }
  const stepDays = frequency === 'weekly' ? 7 : 14;
  const d = new Date(Date.UTC(first.year, first.month - 1, first.day + stepDays * n));
  return { ...first, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Occurrences of a series that overlap [from, to), in order, at most `max` of them. */
export function expand(series: Series, from: Date, to: Date, max = 500): Occurrence[] {
  const first = parseLocal(series.startLocal);
  if (!first) throw new Error('startLocal is not a valid local time');
  const untilKey = series.untilDate ? series.untilDate.replaceAll('-', '') : null;
  const durationMs = series.durationMinutes * 60_000;
  const out: Occurrence[] = [];
  // Months without the day are skipped but still count as steps; 20 years of weekly meetings is the ceiling.
  const maxSteps = series.frequency === 'none' ? 1 : series.frequency === 'monthly' ? 240 : 1100;
  // Jump close to the window for long weekly series instead of walking every past week.
  let n = 0;
  let index = 0;
  if ((series.frequency === 'weekly' || series.frequency === 'biweekly') && series.count === null) {
    const step = (series.frequency === 'weekly' ? 7 : 14) * DAY_MS;
    const firstUtc = zonedToUtc(first, series.timeZone).getTime();
    n = Math.max(0, Math.floor((from.getTime() - durationMs - firstUtc) / step) - 1);
    index = n;
  }
  for (; n < maxSteps && out.length < max; n += 1) {
    const local = nthLocal(first, series.frequency, n);
    if (series.frequency === 'none' && n > 0) break;
    if (!local) continue;
    if (series.count !== null && index >= series.count) break;
    const key = `${local.year}${String(local.month).padStart(2, '0')}${String(local.day).padStart(2, '0')}`;
    if (untilKey && key > untilKey) break;
    const startUtc = zonedToUtc(local, series.timeZone);
    if (startUtc.getTime() >= to.getTime()) break;
    const endUtc = new Date(startUtc.getTime() + durationMs);
    if (endUtc.getTime() > from.getTime()) out.push({ index, startUtc, endUtc, startLocal: formatLocal(local) });
    index += 1;
  }
  return out;
}

/** True when `startUtc` is the start of one of the series' occurrences. */
export function isOccurrenceStart(series: Series, startUtc: Date): boolean {
  const hits = expand(series, new Date(startUtc.getTime() - 1), new Date(startUtc.getTime() + 1), 5);
  return hits.some((o) => o.startUtc.getTime() === startUtc.getTime());
}
