import { describe, expect, it } from 'vitest';
import { expand, isOccurrenceStart, offsetAt, parseLocal, toLocal, zonedToUtc, type Series } from './recurrence.js';

const iso = (d: Date) => d.toISOString();
const series = (over: Partial<Series>): Series => ({
  startLocal: '2026-03-19T18:00',
  timeZone: 'Europe/London',
  durationMinutes: 90,
  frequency: 'weekly',
  untilDate: null,
  count: null,
  ...over,
});

describe('zone math', () => {
  it('knows the offsets either side of a change', () => {
    expect(offsetAt(Date.parse('2026-03-28T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(offsetAt(Date.parse('2026-03-30T12:00:00Z'), 'Europe/London')).toBe(3_600_000);
    expect(offsetAt(Date.parse('2026-03-07T12:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(offsetAt(Date.parse('2026-03-09T12:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(Date.parse('2026-07-01T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
  });

  it('reads a gap with the offset before it and a repeated hour as its first pass (RFC 5545)', () => {
    // London springs forward at 01:00 GMT on 29 March 2026: 01:30 does not exist.
    expect(iso(zonedToUtc(parseLocal('2026-03-29T01:30')!, 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
    // London falls back at 02:00 BST on 25 October 2026: 01:30 happens twice; the first is BST.
    expect(iso(zonedToUtc(parseLocal('2026-10-25T01:30')!, 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    // New York: 02:30 on 8 March 2026 does not exist; 01:30 on 1 November 2026 happens twice.
    expect(iso(zonedToUtc(parseLocal('2026-03-08T02:30')!, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(zonedToUtc(parseLocal('2026-11-01T01:30')!, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    expect(toLocal(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 });
  });

  it('refuses impossible local times', () => {
    expect(parseLocal('2026-02-30T10:00')).toBeNull();
    expect(parseLocal('2026-01-01T24:00')).toBeNull();
    expect(parseLocal('2026-1-1T10:00')).toBeNull();
  });
});

describe('expanding a series', () => {
  it('keeps a weekly London meeting at 18:00 local across the March change (UTC moves an hour)', () => {
    const got = expand(series({}), new Date('2026-03-01T00:00:00Z'), new Date('2026-04-10T00:00:00Z'));
    expect(got.map((o) => iso(o.startUtc))).toEqual([
      '2026-03-19T18:00:00.000Z',
      '2026-03-26T18:00:00.000Z',
      '2026-04-02T17:00:00.000Z',
      '2026-04-09T17:00:00.000Z',
    ]);
    expect(got.map((o) => o.startLocal)).toEqual(['2026-03-19T18:00', '2026-03-26T18:00', '2026-04-02T18:00', '2026-04-09T18:00']);
    expect(iso(got[2]!.endUtc)).toBe('2026-04-02T18:30:00.000Z');
  });

  it('keeps a biweekly New York meeting at 19:00 local across both changes of 2026', () => {
    const s = series({ startLocal: '2026-02-26T19:00', timeZone: 'America/New_York', frequency: 'biweekly' });
    const spring = expand(s, new Date('2026-02-20T00:00:00Z'), new Date('2026-03-20T00:00:00Z'));
    expect(spring.map((o) => iso(o.startUtc))).toEqual(['2026-02-27T00:00:00.000Z', '2026-03-12T23:00:00.000Z']);
    const autumn = expand(s, new Date('2026-10-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z'));
    expect(autumn.map((o) => o.startLocal)).toEqual(['2026-10-22T19:00', '2026-11-05T19:00', '2026-11-19T19:00']);
    expect(autumn.map((o) => iso(o.startUtc))).toEqual(['2026-10-22T23:00:00.000Z', '2026-11-06T00:00:00.000Z', '2026-11-20T00:00:00.000Z']);
  });

  it('skips months without the day on a monthly series, and honours count and until', () => {
    const monthly = series({ startLocal: '2026-01-31T10:00', frequency: 'monthly', count: 4 });
    expect(expand(monthly, new Date('2026-01-01Z'), new Date('2027-01-01Z')).map((o) => o.startLocal)).toEqual([
      '2026-01-31T10:00',
      '2026-03-31T10:00',
      '2026-05-31T10:00',
      '2026-07-31T10:00',
    ]);
    const until = series({ untilDate: '2026-04-02' });
    expect(expand(until, new Date('2026-01-01Z'), new Date('2027-01-01Z')).map((o) => o.startLocal.slice(0, 10))).toEqual(['2026-03-19', '2026-03-26', '2026-04-02']);
    const once = series({ frequency: 'none' });
    expect(expand(once, new Date('2026-01-01Z'), new Date('2027-01-01Z'))).toHaveLength(1);
  });

  it('finds the window of a long series without walking from the start, with the right index', () => {
    const s = series({ startLocal: '2026-01-01T09:00' });
    const got = expand(s, new Date('2030-06-01T00:00:00Z'), new Date('2030-06-15T00:00:00Z'));
    expect(got.map((o) => o.startLocal)).toEqual(['2030-06-06T09:00', '2030-06-13T09:00']);
    expect(got[0]!.index).toBe(Math.round((Date.parse('2030-06-06') - Date.parse('2026-01-01')) / (7 * 86_400_000)));
    expect(isOccurrenceStart(s, got[0]!.startUtc)).toBe(true);
    expect(isOccurrenceStart(s, new Date(got[0]!.startUtc.getTime() + 3_600_000))).toBe(false);
  });
});
