import type { CertificateKind } from '../../../contracts/training.js';
import { HttpError } from '../../platform/errors.js';

/**
 * The rules of certificates, pure (no I/O), shared by the training service and by the modules
 * whose actions need a certificate (mentoring, groups).
 */

const DAY_MS = 86_400_000;

/** What the rules need of a certificate row. */
export interface CertificateFacts {
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  replaced_by: string | null;
}

/**
 * none: never certified; valid; refresher_due: valid, but within `refresherDays` of expiring;
 * expired; revoked. Only a person's current certificate of a kind (not replaced) is judged.
 */
export type StandingState = 'none' | 'valid' | 'refresher_due' | 'expired' | 'revoked';

export interface Standing<C extends CertificateFacts = CertificateFacts> {
  state: StandingState;
  certificate: C | null;
}

/** Judges a current certificate at `now`. Guarantees: revoked beats expired; valid means now < expires_at. */
export function standingOf<C extends CertificateFacts>(certificate: C | undefined | null, now: Date, refresherDays: number): Standing<C> {
  if (!certificate) return { state: 'none', certificate: null };
  if (certificate.revoked_at) return { state: 'revoked', certificate };
  const expires = new Date(certificate.expires_at).getTime();
  if (expires <= now.getTime()) return { state: 'expired', certificate };
  if (expires - refresherDays * DAY_MS <= now.getTime()) return { state: 'refresher_due', certificate };
  return { state: 'valid', certificate };
}

/** A certificate counts (for mentoring and groups) while valid, the refresher window included. */
export function counts(standing: Standing): boolean {
  return standing.state === 'valid' || standing.state === 'refresher_due';
}

/**
 * From when passing a quiz counts towards the next certificate: ever (never certified); since the
 * refresher window opened (renewal, before or after expiry); since the revocation (a revoked
 * certificate asks for every module again). Null means "any attempt".
 */
export function countsFrom(standing: Standing, refresherDays: number): string | null {
  const c = standing.certificate;
  if (!c) return null;
  if (standing.state === 'revoked') return c.revoked_at;
  return new Date(new Date(c.expires_at).getTime() - refresherDays * DAY_MS).toISOString();
}

/** `date` plus whole calendar months (UTC), clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** "15 January 2027": dates in server messages, in UTC like every stored time. */
export function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const KIND_NAME: Record<CertificateKind, string> = { peer_supporter: 'peer supporter', facilitator: 'facilitator' };

/**
 * The 403 for an action that needs a valid certificate, naming why it is missing: none, expired on
 * DATE, or revoked. `subject` names someone else (a program lead naming a facilitator); without it
 * the message speaks to the actor.
 */
export function certificateRequired(kind: CertificateKind, standing: Standing, subject?: string): HttpError {
  const name = KIND_NAME[kind];
  const c = standing.certificate;
  const reason = standing.state === 'revoked' ? 'revoked' : standing.state === 'expired' ? 'expired' : 'none';
  const details: Record<string, unknown> = { kind, reason };
  let message: string;
  if (reason === 'revoked' && c?.revoked_at) {
    details.revokedOn = c.revoked_at;
    message = subject
      ? `${subject}’s ${name} certificate was withdrawn on ${longDate(c.revoked_at)}.`
      : `Your ${name} certificate was withdrawn on ${longDate(c.revoked_at)}, so you cannot do this now. Your supervisor can talk with you about what comes next.`;
  } else if (reason === 'expired' && c) {
    details.expiredOn = c.expires_at;
    message = subject
      ? `${subject}’s ${name} certificate expired on ${longDate(c.expires_at)}.`
      : `Your ${name} certificate expired on ${longDate(c.expires_at)}. Take the refresher in Training to do this again; what you have already started continues.`;
  } else {
    message = subject
      ? `${subject} has no ${name} certificate yet.`
      : `This needs a ${name} certificate. Take the training (Training in the menu) and ask a supervisor to sign you off.`;
  }
  return new HttpError(403, 'certificate_required', message, details);
}
