import { describe, expect, it } from 'vitest';
import { addMonths, certificateRequired, counts, countsFrom, standingOf } from './certification.js';

const cert = (o: Partial<{ issued_at: string; expires_at: string; revoked_at: string | null; replaced_by: string | null }> = {}) => ({
  issued_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2027-01-01T00:00:00.000Z',
  revoked_at: null,
  replaced_by: null,
  ...o,
});
const at = (iso: string) => new Date(iso);

describe('standing of a certificate', () => {
  it('none, valid, refresher due (30 days before), expired at the very instant, revoked first', () => {
    expect(standingOf(undefined, at('2026-06-01T00:00:00Z'), 30).state).toBe('none');
    expect(standingOf(cert(), at('2026-12-01T23:59:59Z'), 30).state).toBe('valid');
    expect(standingOf(cert(), at('2026-12-02T00:00:00Z'), 30).state).toBe('refresher_due');
    expect(standingOf(cert(), at('2026-12-31T23:59:59Z'), 30).state).toBe('refresher_due');
    expect(standingOf(cert(), at('2027-01-01T00:00:00Z'), 30).state).toBe('expired');
    expect(standingOf(cert({ revoked_at: '2026-03-01T00:00:00.000Z' }), at('2027-02-01T00:00:00Z'), 30).state).toBe('revoked');
  });

  it('counts while valid or due for the refresher, never expired or revoked', () => {
    expect(counts(standingOf(cert(), at('2026-06-01T00:00:00Z'), 30))).toBe(true);
    expect(counts(standingOf(cert(), at('2026-12-15T00:00:00Z'), 30))).toBe(true);
    expect(counts(standingOf(cert(), at('2027-01-01T00:00:00Z'), 30))).toBe(false);
    expect(counts(standingOf(cert({ revoked_at: '2026-03-01T00:00:00.000Z' }), at('2026-06-01T00:00:00Z'), 30))).toBe(false);
    expect(counts(standingOf(undefined, at('2026-06-01T00:00:00Z'), 30))).toBe(false);
  });

  it('counts quiz passes from ever (never certified), the refresher window, or the revocation', () => {
    expect(countsFrom(standingOf(undefined, at('2026-06-01T00:00:00Z'), 30), 30)).toBeNull();
    expect(countsFrom(standingOf(cert(), at('2027-03-01T00:00:00Z'), 30), 30)).toBe('2026-12-02T00:00:00.000Z');
    expect(countsFrom(standingOf(cert({ revoked_at: '2026-03-01T00:00:00.000Z' }), at('2026-06-01T00:00:00Z'), 30), 30)).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('addMonths', () => {
  it('adds calendar months in UTC, clamping to the end of a shorter month', () => {
    expect(addMonths(at('2026-01-15T12:00:00Z'), 12).toISOString()).toBe('2027-01-15T12:00:00.000Z');
    expect(addMonths(at('2026-01-31T08:00:00Z'), 1).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(addMonths(at('2028-01-31T08:00:00Z'), 1).toISOString()).toBe('2028-02-29T08:00:00.000Z');
    expect(addMonths(at('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });
});

describe('certificate_required', () => {
  it('names why: none, expired on DATE, revoked; for the actor or for someone named', () => {
    const none = certificateRequired('peer_supporter', standingOf(undefined, at('2026-06-01T00:00:00Z'), 30));
    expect(none).toMatchObject({ statusCode: 403, code: 'certificate_required', details: { kind: 'peer_supporter', reason: 'none' } });
    const expired = certificateRequired('facilitator', standingOf(cert(), at('2027-02-01T00:00:00Z'), 30));
    expect(expired.message).toBe('Your facilitator certificate expired on 1 January 2027. Take the refresher in Training to do this again; what you have already started continues.');
    expect(expired.details).toEqual({ kind: 'facilitator', reason: 'expired', expiredOn: '2027-01-01T00:00:00.000Z' });
    const revoked = certificateRequired('facilitator', standingOf(cert({ revoked_at: '2026-03-01T10:00:00.000Z' }), at('2026-06-01T00:00:00Z'), 30), 'willow');
    expect(revoked.message).toBe('willow’s facilitator certificate was withdrawn on 1 March 2026.');
    expect(revoked.details).toMatchObject({ reason: 'revoked', revokedOn: '2026-03-01T10:00:00.000Z' });
  });
});
