import type { Clock } from './clock.js';
import { DatabaseUnavailableError, precompiled, type Db, type Executor } from './db.js';
import { HttpError } from './errors.js';
import type { Tx, UnitOfWork } from './outbox.js';
import type { PersonalDataContributor } from './privacy.js';

/** How long a key answers a retry (ADR 042): far past any client's retries, short enough to sweep. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** A key this close to its expiry no longer spares a request the write limit (see `holds`). */
export const HOLD_MARGIN_MS = 60 * 1000;

/** Expired keys one statement of the sweep deletes at most. */
export const SWEEP_BATCH = 500;

/** A key's object while its create runs (never committed: the same unit of work fills it in). */
const CLAIMED = '';

/**
 * The claim filled in with what was created: sent `later` on PostgreSQL, with the create's own held
 * writes and the commit (ADR 028, amendment of 2026-11-27 morning). Its row is the claim, inserted
 * at once earlier in the same transaction.
 */
const fillIn = precompiled((db, objectId: string, userId: string, clientId: string) =>
  db.updateTable('idempotency_keys').set({ object_id: objectId }).where('user_id', '=', userId).where('client_id', '=', clientId),
);

/** What a create was asked to do; two requests with one key must agree on all of it. */
export interface CreateRequest {
  /** The kind of write, e.g. `community.reply`: a key used for a reply is not a key for a thread. */
  kind: string;
  /** What it is written in or about (the thread of a reply), so the same words elsewhere differ. */
  target: string;
  /** The validated body without its `clientId`. */
  body: unknown;
}

export interface Created<T> {
  result: T;
  /** True when a retry was answered with what the key's first request created (nothing stored). */
  replayed: boolean;
}

export interface IdempotencyDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  /** The keyring's keyed digest: the request is compared without keeping its words. */
  digest(data: string): string;
}

/** JSON with object keys sorted, so the digest does not depend on the order a client wrote them in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether an error is the key's own 503: a twin with the same key held it and did not commit. A
 * create's own unique violation (a module's "one at a time" index) is something else.
 */
export function isUncommittedTwin(err: unknown): boolean {
  return err instanceof DatabaseUnavailableError && isKeyClaimViolation(err.cause);
}

/**
 * The claim's primary key (person, key) refused, and no other constraint: PostgreSQL's 23505 names
 * the constraint (`idempotency_keys_pk`, migration 0031); better-sqlite3's SQLITE_CONSTRAINT_PRIMARYKEY
 * names no constraint, only the table's columns in its message.
 */
export function isKeyClaimViolation(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code === '23505') return e.constraint === 'idempotency_keys_pk';
  return e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && (e.message ?? '').includes('idempotency_keys.user_id, idempotency_keys.client_id');
}

/** 409 for a key met again with another request (every create's key, ADR 042). */
export const keyReused = () =>
  new HttpError(
    409,
    'idempotency_key_reused',
    'This clientId was already used for a different request. Make a new clientId for each new post, reply or report; reuse it only to retry the same one.',
  );

/** 409 for a retry of a create whose object has since been removed (ADR 042). */
export const createdThenRemoved = () =>
  new HttpError(409, 'already_created', 'This was already saved and has since been removed, so it was not saved again.');

/**
 * "A retried create is stored once" for every module (ADR 042). A person's request may carry a
 * `clientId`; the key is written with what it created, in the same transaction, under the primary
 * key (person, key). A repeat with the same request is answered with the first one's object (the
 * service re-presents it: nothing is screened, alerted or announced again); with another request
 * it is refused. Keys are the writer's own: another person's key matches nothing.
 */
export class IdempotentCreates {
  constructor(private readonly deps: IdempotencyDeps) {}

  /**
   * Runs `create` in a unit of work, once per (person, key). Without a key it simply runs it.
   * `replay` presents the object a key's first request created, or undefined if it is gone.
   */
  async run<T>(
    userId: string,
    clientId: string | undefined,
    request: CreateRequest,
    create: (tx: Tx) => Promise<T>,
    idOf: (result: T) => string,
    replay: (objectId: string) => Promise<T | undefined>,
  ): Promise<Created<T>> {
    if (clientId === undefined) return { result: await this.deps.uow.run(create), replayed: false };
    const digest = this.deps.digest(`${request.kind}\n${request.target}\n${canonicalJson(request.body)}`);
    // A sequential retry (the common one) is answered before anything is checked or screened again.
    const prior = await this.find(this.deps.db, userId, clientId);
    if (prior && !prior.expired) return this.answer(prior, request.kind, digest, replay);
    try {
      const retryKey = this.deps.digest(`retry\n${userId}\n${clientId}`);
      const result = await this.deps.uow.run(async (tx) => {
        tx.retryKey = retryKey;
        // An expired key is replaced; only while still expired, so a twin that replaced it first keeps its key.
        if (prior) {
          await tx.trx
            .deleteFrom('idempotency_keys')
            .where('user_id', '=', userId)
            .where('client_id', '=', clientId)
            .where('created_at', '<=', this.cutoff(tx.now))
            .execute();
        }
        // Claimed first, before anything is checked or screened: a twin racing this one fails here
        // on the primary key (on PostgreSQL it waits for this transaction to end), before it could
        // meet this create's own effects (slow mode seeing this post) and answer with their error.
        // The claim is filled in with what was created at the end, in the same unit of work, so a
        // create that fails leaves no key.
        await tx.trx
          .insertInto('idempotency_keys')
          .values({ user_id: userId, client_id: clientId, kind: request.kind, request_digest: digest, object_id: CLAIMED, created_at: tx.now.toISOString() })
          .execute();
        const written = await create(tx);
        await fillIn.later(tx.trx, idOf(written), userId, clientId);
        return written;
      });
      return { result, replayed: false };
    } catch (err) {
      // Only the claim's own violation is a twin's key; any other unique index the create met (one
      // waiting request, one sign-off asked) is the create's own answer, as it would be without a key.
      if (!isKeyClaimViolation(err)) throw err;
      const winner = await this.find(this.deps.db, userId, clientId);
      // The twin that held the key did not commit (on SQLite its group's transaction failed after
      // this unit was refused): nothing is stored, and the same request may well succeed now.
      if (!winner) throw new DatabaseUnavailableError(err, 'The create holding this key did not commit');
      return this.answer(winner, request.kind, digest, replay);
    }
  }

  private async answer<T>(
    row: { kind: string; request_digest: string; object_id: string },
    kind: string,
    digest: string,
    replay: (objectId: string) => Promise<T | undefined>,
  ): Promise<Created<T>> {
    if (row.kind !== kind || row.request_digest !== digest) throw keyReused();
    const result = await replay(row.object_id);
    if (result === undefined) throw createdThenRemoved();
    return { result, replayed: true };
  }

  /**
   * Whether this person holds this key, live (or being claimed by a create still running): a
   * request with it is a retry, answered from what it stored; the write limit does not count it.
   */
  async holds(userId: string, clientId: string): Promise<boolean> {
    const row = await this.find(this.deps.db, userId, clientId);
    // In its last minute a key is not taken as held: `run` may find it expired a moment later and
    // create anew, and a create must be counted. A retry answered then is merely counted too.
    return !!row && Date.parse(row.created_at) > this.deps.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS + HOLD_MARGIN_MS;
  }

  private async find(db: Executor, userId: string, clientId: string) {
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['kind', 'request_digest', 'object_id', 'created_at'])
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { ...row, expired: Date.parse(row.created_at) <= this.deps.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS };
  }

  /** Forgets keys older than a day; returns how many. */
  async sweep(): Promise<number> {
    const cutoff = this.cutoff(this.deps.clock.now());
    let swept = 0;
    // In batches, each its own short statement: a day's keys of a busy community are many rows,
    // and one DELETE of them all would hold SQLite's write lock (or a long PostgreSQL statement)
    // while requests wait.
    for (;;) {
      const result = await this.deps.db
        .deleteFrom('idempotency_keys')
        .where((eb) =>
          eb(
            eb.refTuple('user_id', 'client_id'),
            'in',
            eb.selectFrom('idempotency_keys').select(['user_id', 'client_id']).where('created_at', '<=', cutoff).orderBy('created_at').limit(SWEEP_BATCH).$asTuple('user_id', 'client_id'),
          ),
        )
        .executeTakeFirst();
      const n = Number(result.numDeletedRows);
      swept += n;
      if (n < SWEEP_BATCH) return swept;
    }
  }

  /** Keys written at or before this are expired. */
  private cutoff(now: Date): string {
    return new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS).toISOString();
  }

  /** A person's keys are about them: exported (kind and time, never the digest) and erased with them. */
  contributor(): PersonalDataContributor {
    return {
      name: 'idempotencyKeys',
      export: async (tx, userId) =>
        (await tx.trx.selectFrom('idempotency_keys').select(['kind', 'object_id', 'created_at']).where('user_id', '=', userId).execute()).map((k) => ({
          kind: k.kind,
          objectId: k.object_id,
          at: k.created_at,
        })),
      erase: async (tx, userId) => {
        await tx.trx.deleteFrom('idempotency_keys').where('user_id', '=', userId).execute();
      },
    };
  }
}

/**
 * The headers of a create's 201: a retry gets what the first request got, marked
 * `Idempotent-Replayed: true` (as Stripe does) so a client or a log can tell.
 */
export function createdHeaders(written: Created<unknown>): Record<string, string> {
  return written.replayed ? { 'idempotent-replayed': 'true' } : {};
}
