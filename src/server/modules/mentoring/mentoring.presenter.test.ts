import { describe, expect, it } from 'vitest';
import { presentRequest, presentSupporter } from './mentoring.presenter.js';
import type { ProfileRow, RequestRow } from './mentoring.repository.js';

function profile(over: Partial<ProfileRow> = {}): ProfileRow {
  return {
    user_id: 's1',
    handle: 'quiet_oak',
    pronouns: 'they/them',
    experience_tags: '["anxiety"]',
    languages: '["en"]',
    time_zone: 'America/New_York',
    // Sundays 09:00–17:00 local.
    availability: JSON.stringify([{ day: 7, start: '09:00', end: '17:00' }]),
    capacity: 2,
    can_help_with: null,
    cannot_help_with: null,
    intro: 'Hello',
    intro_state: 'visible',
    gender: null,
    away_until: null,
    away_message: null,
    away_message_state: 'visible',
    auto_reply: 'Back tonight',
    auto_reply_state: 'visible',
    accepting: 1,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

describe('SupporterView', () => {
  it('finds the next window in the supporter’s zone across the spring DST change (New York, 8 March 2026)', () => {
    // Saturday 07:00 EST (UTC−5); Sunday's window opens at 09:00 EDT (UTC−4) = 13:00 UTC, not 14:00.
    const v = presentSupporter(profile(), 0, new Date('2026-03-07T12:00:00.000Z'));
    expect(v).toMatchObject({ availableNow: false, nextAvailableAt: '2026-03-08T13:00:00.000Z' });
    expect(presentSupporter(profile(), 0, new Date('2026-03-08T13:30:00.000Z')).availableNow).toBe(true);
    expect(presentSupporter(profile(), 0, new Date('2026-03-08T21:00:00.000Z')).availableNow).toBe(false);
  });

  it('and across the autumn change (London, 25 October 2026: BST ends)', () => {
    const p = profile({ time_zone: 'Europe/London', availability: JSON.stringify([{ day: 7, start: '09:00', end: '10:00' }]) });
    // Saturday 24 Oct 12:00 UTC is 13:00 BST; Sunday 09:00 GMT is 09:00 UTC.
    expect(presentSupporter(p, 0, new Date('2026-10-24T12:00:00.000Z')).nextAvailableAt).toBe('2026-10-25T09:00:00.000Z');
    // A week earlier, still BST: 09:00 local is 08:00 UTC.
    expect(presentSupporter(p, 0, new Date('2026-10-17T12:00:00.000Z')).nextAvailableAt).toBe('2026-10-18T08:00:00.000Z');
  });

  it('away: not available, back at the return date (or the first window after it), with the message', () => {
    const p = profile({ away_until: '2026-03-10T00:00:00.000Z', away_message: 'Resting', time_zone: 'UTC', availability: JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }))) });
    const v = presentSupporter(p, 0, new Date('2026-03-05T12:00:00.000Z'));
    expect(v).toMatchObject({ availableNow: false, nextAvailableAt: '2026-03-10T00:00:00.000Z', away: { until: '2026-03-10T00:00:00.000Z', message: 'Resting' } });
    expect(presentSupporter(p, 0, new Date('2026-03-11T12:00:00.000Z'))).toMatchObject({ availableNow: true, away: null });
  });

  it('shows whether there is room, never the counts; hides a held intro; names only the handle', () => {
    expect(presentSupporter(profile(), 1, new Date()).hasCapacity).toBe(true);
    expect(presentSupporter(profile(), 2, new Date()).hasCapacity).toBe(false);
    expect(presentSupporter(profile({ accepting: 0 }), 0, new Date()).hasCapacity).toBe(false);
    const v = presentSupporter(profile({ intro_state: 'pending' }), 0, new Date());
    expect(v.intro).toBeNull();
    expect(Object.keys(v).sort()).toEqual(
      ['availability', 'availableNow', 'away', 'canHelpWith', 'cannotHelpWith', 'experienceTags', 'gender', 'handle', 'hasCapacity', 'id', 'intro', 'languages', 'nextAvailableAt', 'pronouns', 'timeZone'].sort(),
    );
    expect(JSON.stringify(v)).not.toMatch(/Back tonight|capacity"/);
  });
});

describe('SupportRequestView', () => {
  const row: RequestRow = {
    id: 'r1',
    member_id: 'm1',
    topic_enc: 'enc1.x',
    topic_held: 0,
    preferences: JSON.stringify({ experienceTags: [], languages: ['en'], supporterGender: null, timeZoneOverlap: false, memberTimeZone: null, excludeSupporterIds: ['s9'] }),
    preferred_supporter_id: null,
    status: 'waiting',
    round: 2,
    next_widen_at: '2026-01-15T12:30:00.000Z',
    exhausted: 0,
    screening_level: 2,
    safety_notice: JSON.stringify({ level: 2, showCrisisResponse: true, headline: 'h', firstStep: 'f', helperGuidance: null, held: false, heldReason: null, region: null, resources: [] }),
    mentorship_id: null,
    created_at: '2026-01-15T12:00:00.000Z',
    updated_at: '2026-01-15T12:00:00.000Z',
  };

  it('tells the member honestly where it stands, without the supporters it skips', () => {
    const v = presentRequest(row, 'topic', { offered: 8, declined: 2, pending: 6 });
    expect(v).toMatchObject({ round: 2, offeredCount: 8, declinedCount: 2, pendingCount: 6, nextWidenAt: '2026-01-15T12:30:00.000Z', noSupporterAvailable: false });
    expect(v.safetyNotice?.showCrisisResponse).toBe(true);
    expect(JSON.stringify(v)).not.toContain('s9');
    const exhausted = presentRequest({ ...row, exhausted: 1 }, 'topic', { offered: 8, declined: 8, pending: 0 });
    expect(exhausted).toMatchObject({ nextWidenAt: null, noSupporterAvailable: true });
    expect(presentRequest({ ...row, status: 'matched' }, 'topic', { offered: 8, declined: 0, pending: 0 }).safetyNotice).toBeNull();
  });
});
