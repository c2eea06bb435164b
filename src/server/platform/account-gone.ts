import { forKeyShareOnPostgres, type Dialect, type Executor } from './db.js';
import { HttpError } from './errors.js';

/**
 * A write from a person whose account was erased while the write was under way (their last request,
 * or another device's): what they are told (ADR 061). Nothing of the write was stored.
 */
export const ACCOUNT_GONE = 'Your account has been deleted, so nothing was saved.';
/** Its error code, distinct from a plain 401's `unauthorized`: the web client shows the deleted-account page on it (ADR 061). */
export const ACCOUNT_GONE_CODE = 'account_gone';

/** The 401 for a write whose writer's account is gone; `details` may carry a safety notice (ADR 061). */
export function accountGone(details?: Record<string, unknown>): HttpError {
  return new HttpError(401, ACCOUNT_GONE_CODE, ACCOUNT_GONE, details);
}

/**
 * A foreign key refused a row (PostgreSQL 23503, SQLite SQLITE_CONSTRAINT_FOREIGNKEY): on a write by a
 * signed-in person, most often a row naming them written after their erasure deleted their account.
 * The error handler then asks `accountExists`; only if they are gone is it a 401 (ADR 061).
 */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * A signed-in person's write refused by a foreign key while their own account is still there:
 * something else the write names (a post, a thread, a mentorship, another person's account) was
 * deleted by another request between the route's read and its insert (ADR 061, amendment
 * 2026-11-28). Nothing of the write was stored; trying again after a refresh is what the person can do.
 */
export const GONE_MEANWHILE =
  "Something this refers to was removed while you were saving (a post, a thread or a person's account), so nothing was saved. Refresh the page and try again.";
/** Its error code (a 409): the web client keeps the person's draft and shows the message where they wrote. */
export const GONE_MEANWHILE_CODE = 'gone_meanwhile';

/**
 * Which foreign key refused the row, for the log (never the statement's text or values): PostgreSQL
 * names the constraint and the table; SQLite names neither (its message says only that a foreign key
 * failed), so the log there has the route alone. Keeps a programming error (a write naming a row
 * that never existed) told apart from the race in the logs.
 */
export function foreignKeyOf(err: unknown): { constraint?: string; table?: string } {
  const e = err as { constraint?: unknown; table?: unknown } | null;
  const name = (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9_.]{1,80}$/.test(v) ? v : undefined);
  const constraint = name(e?.constraint);
  const table = name(e?.table);
  return { ...(constraint ? { constraint } : {}), ...(table ? { table } : {}) };
}

/** Whether the person's account is there now (a plain read, outside any unit of work: after a write failed). */
export async function accountExists(db: Executor, userId: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst());
}

/**
 * Inside a write's transaction: throws the 401 unless the person's account is still there, its row
 * held `for key share` on PostgreSQL (as a foreign key naming them would take it) until the
 * transaction ends: an erasure under way (`lockUserForErasure`, `for update`) is waited for and then
 * found gone; an erasure that comes after waits for this write, and its `erased` look sees what the
 * write left. For writes that must decide before writing (a circle made or joined, whose erasure
 * would otherwise leave it ownerless); every other write needs nothing: its foreign key's failure is
 * answered the same way by the error handler, at no cost to the writes that succeed (ADR 061).
 * Taken after the write's other row locks (the object, then the person, as an erasure takes them).
 */
export async function requireAccountHere(db: Executor, dialect: Dialect, userId: string): Promise<void> {
  const here = await forKeyShareOnPostgres(db.selectFrom('users').select('id').where('id', '=', userId), dialect).executeTakeFirst();
  if (!here) throw accountGone();
}

/** Keys of a request body that never hold words a person wrote. */
const NOT_WORDS = new Set(['password', 'newPassword', 'currentPassword', 'token', 'clientId', 'confirm']);

/**
 * The words in a write's body (its strings, and strings in its arrays, a level down at most). Used
 * only for a write whose writer's account is gone and whose unit of work screened nothing before
 * failing: a create with a `clientId` claims its key first (ADR 042), and that claim is the row the
 * gone writer's foreign key refuses, before the route's own screen could run (ADR 061, amendment).
 */
export function wordsOf(body: unknown): string {
  const words: string[] = [];
  const take = (value: unknown, depth: number) => {
    if (typeof value === 'string') words.push(value);
    else if (Array.isArray(value) && depth < 2) for (const v of value) take(v, depth + 1);
    else if (value && typeof value === 'object' && depth < 2) for (const [k, v] of Object.entries(value)) if (!NOT_WORDS.has(k)) take(v, depth + 1);
  };
  take(body, 0);
  return words.join('\n\n');
}
