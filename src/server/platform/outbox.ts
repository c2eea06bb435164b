import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { CompiledQuery } from 'kysely';
import type { EventMap, EventType } from '../../contracts/events.js';
import { BusUnavailableError, type Bus, type BusEvent } from './bus.js';
import type { Clock } from './clock.js';
import { allowLongStatements, precompiled, precompiledPerShape, type Db, type Dialect, type Executor, type Precompiled, type Trx } from './db.js';
import { errorKind } from './errors.js';
import { newId } from './ids.js';

/**
 * A consumer runs once per event, inside the transaction that removes the event from the outbox:
 * its database writes and the removal commit together, so a crash repeats both or neither.
 */
export interface OutboxConsumer {
  name: string;
  types: readonly string[];
  handle(event: BusEvent, tx: Tx): Promise<void>;
  /**
   * Optional: handles consecutive events of one type (in commit order) at once, with the effect
   * `handle` would have had on each in turn, in the same transaction (ADR 021): a dispatch batch
   * of replies costs a few set-based statements instead of a few per reply.
   */
  handleBatch?(events: readonly BusEvent[], tx: Tx): Promise<void>;
}

/** The transaction handle services work in: queries plus `emit` for events that commit with them. */
export interface Tx {
  trx: Trx;
  now: Date;
  emit<T extends EventType>(type: T, data: EventMap[T], rooms?: string[]): Promise<void>;
  /** Many events of one type as one outbox row (a notification per follower of a busy thread), delivered one by one. */
  emitMany<T extends EventType>(type: T, events: { data: EventMap[T]; rooms: string[] }[]): Promise<void>;
  /** Server-side events that never reach a browser (e.g. an escalation timer). */
  emitInternal(type: string, data: unknown): Promise<void>;
  /**
   * Runs `fn` in this process once the transaction has committed, before the caller gets its
   * result (never if it rolls back): local caches forget what changed before the next request.
   */
  afterCommit(fn: () => void): void;
  /**
   * Runs `fn` in this transaction once its work is done, just before it commits: on SQLite after
   * every unit of work of its group (ADR 017), once for the group however many of its units asked
   * for the same `fn` (not for a unit that failed). For work cheaper done once a transaction than
   * once a unit: new posts enter the full-text indexes together (ADR 031, amendment of
   * 2026-11-27). Should it throw, nothing of the transaction is stored and every caller hears so.
   */
  beforeCommit(fn: BeforeCommit): void;
  /**
   * Keeps `note` for the error handler should this unit of work fail: the error it fails with
   * carries the notes of its unit (`notesOfFailedUnit`), never those of a unit that committed. The
   * safety screen leaves its verdict on the words this way, so a write a foreign key refused after
   * they were screened is answered from that verdict (ADR 061, amendment 2026-11-28).
   */
  noteIfFails(note: unknown): void;
  /**
   * Set by `IdempotentCreates.run` on the unit of a create sent with a `clientId`: a keyed digest of
   * (writer, clientId), never the words. The safety screen keys a refused write's alert on it, so
   * the retry of that write (same key) finds it exactly (ADR 061, amendment "a retry alerts once").
   */
  retryKey?: string;
}

const FAILED_UNIT_NOTES = Symbol('kindred.failedUnitNotes');

/** The notes (`Tx.noteIfFails`) of the unit of work `err` failed, oldest first; none for any other error. */
export function notesOfFailedUnit(err: unknown): readonly unknown[] {
  const notes = err && typeof err === 'object' ? (err as { [FAILED_UNIT_NOTES]?: unknown[] })[FAILED_UNIT_NOTES] : undefined;
  return notes ?? [];
}

/** Hands a failed unit's notes to its error (a unit's error is its own: a group's failure is not noted). */
function noteFailure(err: unknown, notes: unknown[]): void {
  if (notes.length === 0 || !err || typeof err !== 'object' || Object.isFrozen(err)) return;
  try {
    Object.defineProperty(err, FAILED_UNIT_NOTES, { value: [...notesOfFailedUnit(err), ...notes], configurable: true, enumerable: false });
  } catch {
    // An error that takes no property: answered without the notes.
  }
}

/** Work run in a transaction just before it commits (`Tx.beforeCommit`); the same function runs once. */
export type BeforeCommit = (trx: Trx) => Promise<void>;

interface StoredPayload {
  rooms: string[];
  data: unknown;
  /**
   * A fan-out: many events of one type stored as one row (a notification per follower of a busy
   * thread), each with its own id. The dispatcher delivers them one by one, as if they were rows.
   */
  fanOut?: { id: string; rooms: string[]; data: unknown }[];
  /**
   * Written by versions before migration 0029 for an event whose consumers had run but whose
   * publish failed (ADR 033): read as `consumed_at` set (its consumers never run again).
   */
  publishOnly?: true;
}

interface PendingRow {
  id: string;
  type: string;
  payload: StoredPayload;
}

/** The savepoints' statements, as they are: nothing to build or compile each time (ADR 027). */
const STATEMENT = Object.fromEntries(
  ['savepoint', 'release', 'rollback to'].flatMap((verb) => ['unit_of_work', 'outbox_run'].map((name) => [`${verb} ${name}`, CompiledQuery.raw(`${verb} ${name}`)])),
) as Record<`${'savepoint' | 'release' | 'rollback to'} ${'unit_of_work' | 'outbox_run'}`, CompiledQuery>;

/** Inserts of up to this many outbox rows are built and compiled once per row count (a request emits a few). */
const PRECOMPILED_ROWS = 8;
const outboxInserts: Precompiled<unknown[], unknown>[] = [];
function outboxInsert(rows: number) {
  return (outboxInserts[rows] ??= precompiled((db, ...v: unknown[]) =>
    db.insertInto('outbox').values(Array.from({ length: rows }, (_, i) => ({ id: v[4 * i], type: v[4 * i + 1], payload: v[4 * i + 2], created_at: v[4 * i + 3] }) as never)),
  ));
}

/**
 * The same for rows written already delivered, under a publish lease (`LeasedRows`): six columns a
 * row, the last two (consumed, lease end) the same for every row.
 */
const leasedInserts: ((db: Executor, ...values: unknown[]) => Promise<unknown[]>)[] = [];
function leasedInsert(rows: number) {
  return (leasedInserts[rows] ??= precompiled((db, ...v: unknown[]) =>
    db.insertInto('outbox').values(
      Array.from({ length: rows }, (_, i) => ({ id: v[4 * i], type: v[4 * i + 1], payload: v[4 * i + 2], created_at: v[4 * i + 3], consumed_at: v[4 * rows], retry_at: v[4 * rows + 1] }) as never),
    ),
  ));
}

/** Outbox rows a statement may carry: four columns a row stays far below every driver's bound-parameter limit. */
const INSERT_ROWS = 200;

/**
 * The dispatcher's statements of every batch, compiled once (per shape of their id lists, up to
 * this many ids; longer lists are built each time): building them with Kysely cost about what
 * SQLite takes to run them (ADR 031, amendment of 2026-11-27).
 */
const DISPATCH_PRECOMPILED_IDS = 64;
const deleteRows = precompiledPerShape(DISPATCH_PRECOMPILED_IDS, (db, [ids]) => db.deleteFrom('outbox').where('id', 'in', ids as string[]));
/** Lists: `[consumedAt, leaseEnd]`, then the ids. */
const markConsumed = precompiledPerShape(DISPATCH_PRECOMPILED_IDS + 2, (db, [times, ids]) =>
  db
    .updateTable('outbox')
    .set({ consumed_at: times![0] as string, retry_at: times![1] as string })
    .where('id', 'in', ids as string[]),
);
/** The rows due, oldest first (set-aside ones and those waiting out a backoff or a lease are not: ADR 024, 035). */
const dueRows = (db: Executor, nowIso: string) =>
  db
    .selectFrom('outbox')
    .select(['id', 'type', 'payload', 'created_at', 'attempts', 'consumed_at'])
    .where('dead_at', 'is', null)
    .where((eb) => eb.or([eb('retry_at', 'is', null), eb('retry_at', '<=', nowIso)]))
    .orderBy('id')
    .limit(OUTBOX_BATCH_ROWS);
const takeDueRows = {
  sqlite: precompiled(dueRows),
  // Several instances on one PostgreSQL: each takes rows no one else holds.
  postgres: precompiled((db, nowIso: string) => dueRows(db, nowIso).forUpdate().skipLocked()),
};

/**
 * The Tx a transaction's work gets, and `flush` to run just before it commits: events are kept in
 * memory and written together (one multi-row insert for the few events a request emits, instead
 * of one statement each). Their ids are taken at emit time, so their order is the emit order.
 */
function txFor(
  trx: Trx,
  clock: Clock,
  committed: (() => void)[] = [],
  emitted = new Set<string>(),
  written: WrittenEvent[] = [],
  notes: unknown[] = [],
): { tx: Tx; flush(leased?: LeasedRows): Promise<number>; mark(): TxMark; undo(mark: TxMark): void; beforeCommit: BeforeCommit[] } {
  const now = clock.now();
  const pending: PendingRow[] = [];
  const beforeCommit: BeforeCommit[] = [];
  const add = (type: string, payload: StoredPayload) => {
    emitted.add(type);
    pending.push({ id: newId(), type, payload });
    return Promise.resolve();
  };
  const tx: Tx = {
    trx,
    now,
    emit: (type, data, rooms = []) => add(type, { rooms, data }),
    emitMany: (type, events) => {
      if (events.length === 0) return Promise.resolve();
      return add(type, { rooms: [], data: null, fanOut: events.map((e) => ({ id: newId(), rooms: e.rooms, data: e.data })) });
    },
    emitInternal: (type, data) => add(type, { rooms: [], data }),
    afterCommit: (fn) => committed.push(fn),
    beforeCommit: (fn) => beforeCommit.push(fn),
    noteIfFails: (note) => notes.push(note),
  };
  const flush = async (leased?: LeasedRows) => {
    const at = clock.now().toISOString();
    if (leased) {
      const now = pending.filter((row) => leased.takes(row.type));
      if (now.length > 0) {
        const later = pending.filter((row) => !leased.takes(row.type));
        pending.length = 0;
        pending.push(...later);
        for (let i = 0; i < now.length; i += INSERT_ROWS) {
          const part = now.slice(i, i + INSERT_ROWS).map((row) => ({ ...row, raw: JSON.stringify(row.payload) }));
          if (part.length <= PRECOMPILED_ROWS) await leasedInsert(part.length)(trx, ...part.flatMap((row) => [row.id, row.type, row.raw, at]), leased.consumedAt, leased.leaseEnd);
          else
            await trx
              .insertInto('outbox')
              .values(part.map((row) => ({ id: row.id, type: row.type, payload: row.raw, created_at: at, consumed_at: leased.consumedAt, retry_at: leased.leaseEnd })))
              .execute();
          for (const row of part) leased.rows.push({ id: row.id, type: row.type, attempts: 0, payload: row.payload, raw: row.raw, events: eventsOf(row, at, row.payload) });
        }
      }
    }
    const count = pending.length;
    for (const row of pending) {
      if (row.payload.fanOut) for (const e of row.payload.fanOut) written.push({ id: e.id, type: row.type });
      else written.push({ id: row.id, type: row.type });
    }
    while (pending.length > 0) {
      const part = pending.splice(0, INSERT_ROWS);
      if (part.length <= PRECOMPILED_ROWS) {
        // Nothing reads them back in this transaction: on PostgreSQL they go with the commit, in
        // one statement with the unit's other deferred writes (`later`).
        await outboxInsert(part.length).later(trx, ...part.flatMap((row) => [row.id, row.type, JSON.stringify(row.payload), at]));
        continue;
      }
      await trx
        .insertInto('outbox')
        .values(part.map((row) => ({ id: row.id, type: row.type, payload: JSON.stringify(row.payload), created_at: at })))
        .execute();
    }
    return count;
  };
  // A savepoint rolled back must take back what its work emitted and its commit hooks too.
  const mark = (): TxMark => ({ pending: pending.length, committed: committed.length, beforeCommit: beforeCommit.length });
  const undo = (m: TxMark) => {
    pending.length = m.pending;
    committed.length = m.committed;
    beforeCommit.length = m.beforeCommit;
  };
  return { tx, flush, mark, undo, beforeCommit };
}

/**
 * Events a dispatch transaction's consumers emitted that no consumer takes (live pushes: a notice's
 * `notification.created`): written already delivered, under a publish lease, and published with the
 * batch right after its commit, from memory, instead of by a later drain that would read them back
 * and mark them (ADR 046). The row is kept until the bus has taken them, as every delivered row is
 * (ADR 035): a crash before that publishes them once the lease is over, or at the next start.
 */
interface LeasedRows {
  takes(type: string): boolean;
  consumedAt: string;
  leaseEnd: string;
  /** Filled by `flush`, in emit order. */
  rows: PublishRow[];
}

/** The events a stored row carries (several for a fan-out), as the dispatcher publishes them. */
function eventsOf(row: { id: string; type: string }, createdAt: string, payload: StoredPayload): BusEvent[] {
  return payload.fanOut
    ? payload.fanOut.map((e) => ({ id: e.id, type: row.type, occurredAt: createdAt, rooms: e.rooms, data: e.data }))
    : [{ id: row.id, type: row.type, occurredAt: createdAt, rooms: payload.rooms, data: payload.data }];
}

/** An event a unit of work's rows will publish: the row's id, or each of a fan-out's. */
interface WrittenEvent {
  id: string;
  type: string;
}

/**
 * Own events whose commit hooks ran that an instance remembers at most, waiting to hear them back
 * (ADR 062): an event is normally heard within milliseconds; one dropped early is only emptied for
 * again, as on any other instance.
 */
const OWN_EVENTS_KEPT = 10_000;

/** How far a transaction's in-memory events and commit hooks had got (to undo a savepoint's share). */
export interface TxMark {
  pending: number;
  committed: number;
  beforeCommit: number;
}

/**
 * Each distinct `beforeCommit` function of a transaction's units once, in the order first asked for.
 * Marked as a unit's work: it runs in the open transaction, so a `uow.run` in it is refused at once
 * (on SQLite it would otherwise queue behind the group that waits for it, and never return).
 */
async function runBeforeCommit(trx: Trx, fns: Iterable<BeforeCommit>): Promise<void> {
  for (const fn of new Set(fns)) await marked(() => fn(trx));
}

/**
 * The unit of work (or dispatch batch) whose callback runs in this async context, `open` until the
 * callback has returned: a continuation it left behind that runs later (a timer, a promise nobody
 * awaited) is not inside it any more. One store for the process: nesting across instances is the
 * same mistake.
 */
const insideUnit = new AsyncLocalStorage<{ open: boolean }>();
/**
 * Marked callbacks running now. On Node 20 an enabled AsyncLocalStorage hooks the creation of
 * every Promise in the process (measured: 0.2 µs more per await, tens of them per request), reads
 * included; so the storage is disabled whenever no unit is open, and `run` enables it again
 * (ADR 026). Nothing is lost: while a unit is open the count is above zero, and a continuation of a
 * closed one would find `open: false` anyway.
 */
let openUnits = 0;

/** Runs a unit's (or a dispatch batch's) callback marked as such, for `UnitOfWork.run` to refuse nesting. */
async function marked<T>(fn: () => Promise<T>): Promise<T> {
  const scope = { open: true };
  openUnits += 1;
  try {
    return await insideUnit.run(scope, fn);
  } finally {
    scope.open = false;
    if (--openUnits === 0) insideUnit.disable();
  }
}

/** Whether the nesting guard's storage is enabled now (tests: it must be off between units). */
export function unitGuardEnabled(): boolean {
  return (insideUnit as unknown as { enabled: boolean }).enabled;
}

/**
 * `uow.run` called from inside another unit of work's callback (or an outbox consumer). Refused at
 * once (ADR 017): on SQLite the inner unit would wait for the outer one's transaction to commit,
 * which waits for the inner one, so neither ever returned; on PostgreSQL it would take a second
 * connection and commit apart from the outer transaction. Pass the outer `tx` down instead.
 */
export class NestedUnitOfWorkError extends Error {
  constructor() {
    super('uow.run was called inside another unit of work (or an outbox consumer): use the tx you were given instead of starting a new unit.');
    this.name = 'NestedUnitOfWorkError';
  }
}

/** A unit of work waiting for the transaction of its group (SQLite). */
interface QueuedWork {
  work: (tx: Tx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** Units of work one SQLite transaction holds at most (each waits for the group's commit). */
const GROUP_MAX_WORKS = 16;

/**
 * Runs work in a transaction, then nudges the dispatcher once it has committed. Every state
 * change with consequences (alerts, realtime) goes through here so the event commits with it.
 *
 * On SQLite, units of work that arrive together share one transaction (group commit, ADR 017):
 * SQLite runs one transaction at a time anyway, and a commit writes every page the transaction
 * changed; ten replies in one transaction write the thread, index and full-text pages they share
 * once, not ten times. Each runs in a savepoint of its own: one that fails is undone alone, and
 * no caller gets its result before the transaction holding its changes has committed.
 */
export class UnitOfWork {
  private readonly commitListeners: ((eventTypes: ReadonlySet<string>) => void)[] = [];
  private readonly queue: QueuedWork[] = [];
  /** The groups being run (SQLite), until the queue is empty: close() waits for it. */
  private grouping: Promise<void> | null = null;
  private closed = false;
  /** The types whose own events a bus listener of this instance may skip (`skipOwnEvents`). */
  private readonly skippable: ((type: string) => boolean)[] = [];
  /**
   * Ids of the events (outbox rows, or a fan-out's entries) of those types whose unit's commit
   * listeners and after-commit hooks have all run here, in that order, oldest first: taken out when
   * the event is heard (`commitHooksRan`); at most OWN_EVENTS_KEPT, the oldest dropped (an event
   * never heard back: its publish failed, or it was heard before its hooks ran).
   */
  private readonly hooksRan = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    private readonly clock: Clock,
    private readonly dispatcher: OutboxDispatcher,
    private readonly log?: FastifyBaseLogger,
    /** PostgreSQL: the statement timeout of `runLong`'s transactions, in ms (0: none; left out: the pool's, as `run`). */
    private readonly longStatementTimeoutMs?: number,
  ) {}

  /**
   * Hears, in this process, the types of the events every transaction emitted, once it committed
   * and before its caller gets the result (caches of this instance; other instances hear the
   * events themselves over the bus, a moment later).
   */
  onCommit(listener: (eventTypes: ReadonlySet<string>) => void): void {
    this.commitListeners.push(listener);
  }

  /**
   * Lets a bus listener of this instance skip the events of these types whose commit hooks ran here
   * (`commitHooksRan`): only their ids are kept, not those of every event a commit writes.
   */
  skipOwnEvents(types: (type: string) => boolean): void {
    this.skippable.push(types);
  }

  /**
   * The commit that wrote this event ran in this instance, and its commit listeners (`onCommit`)
   * and `afterCommit` hooks have all run, without failing, for it: true once per event id (taken
   * out of the set), so one bus listener per event type may ask. False for an event heard before
   * those hooks ran (its COMMIT's answer is slower than another instance's dispatch of the row),
   * for one whose hooks never ran (COMMIT's answer lost: the caller got an error, the rows are
   * stored), for other instances' events, and for those a dispatch's consumers wrote: the listener
   * then acts on the event as every other instance does (ADR 062).
   */
  commitHooksRan(event: Pick<BusEvent, 'id'>): boolean {
    return this.hooksRan.delete(event.id);
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.runWith(work, false);
  }

  /**
   * A unit of work long by nature (an account's erasure or export walks everything the person
   * wrote): on PostgreSQL its transaction's statements have the long timeout instead of the
   * requests' (ADR 041), which would cut it off for a prolific member every time it was retried.
   */
  async runLong<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.runWith(work, this.longStatementTimeoutMs !== undefined);
  }

  private async runWith<T>(work: (tx: Tx) => Promise<T>, long: boolean): Promise<T> {
    if (insideUnit.getStore()?.open) throw new NestedUnitOfWorkError();
    if (this.dialect === 'sqlite') {
      if (this.closed) throw new Error('The database is closing: this change was not stored.');
      return new Promise<T>((resolve, reject) => {
        this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        // On SQLite a transaction runs start to end without giving the event loop a turn (every
        // statement answers at once), so a group forms from the requests that reach this point in
        // the same turn: it starts on the next one.
        this.grouping ??= new Promise<void>((started) => setImmediate(started)).then(() => this.runGroups());
      });
    }
    const committed: (() => void)[] = [];
    const emitted = new Set<string>();
    const written: WrittenEvent[] = [];
    const notes: unknown[] = [];
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        if (long) await allowLongStatements(trx, this.dialect, this.longStatementTimeoutMs!);
        const { tx, flush, beforeCommit } = txFor(trx, this.clock, committed, emitted, written, notes);
        const out = await marked(() => work(tx));
        await runBeforeCommit(trx, beforeCommit);
        await flush();
        return out;
      });
    } catch (err) {
      noteFailure(err, notes);
      throw err;
    }
    const [hookError] = this.committed([{ committed, emitted, written }]);
    if (hookError !== undefined) throw hookError;
    return result;
  }

  /**
   * After a commit: each unit's own hooks, then the listeners of this instance. Each runs on its
   * own: one that throws is logged (its error's kind, never its message) and skips nothing after
   * it, and fails only its own unit's caller (its changes are stored, as they always were when a
   * hook failed after the commit); the others' callers still get their results.
   */
  private committed(works: { committed: (() => void)[]; emitted: Set<string>; written: WrittenEvent[] }[]): (unknown | undefined)[] {
    const errors = works.map((w) => {
      const failures = w.committed.map((fn) => runHook(fn, this.log));
      if (w.emitted.size > 0) for (const listener of this.commitListeners) failures.push(runHook(() => listener(w.emitted), this.log));
      const failed = failures.find((err) => err !== undefined);
      // Only now have this unit's hooks done what a listener would skip; none of it if one failed.
      if (failed === undefined) this.keepHooksRan(w.written);
      return failed;
    });
    // Only a commit that wrote events has anything for the dispatcher: a drain on PostgreSQL is
    // three round trips (begin, the locking read, commit), once per check-in before (ADR 028).
    if (works.some((w) => w.emitted.size > 0)) this.dispatcher.kick();
    return errors;
  }

  private keepHooksRan(written: WrittenEvent[]): void {
    if (this.skippable.length === 0) return;
    for (const e of written) if (this.skippable.some((takes) => takes(e.type))) this.hooksRan.add(e.id);
    for (const id of this.hooksRan) {
      if (this.hooksRan.size <= OWN_EVENTS_KEPT) break;
      this.hooksRan.delete(id);
    }
  }

  /** Waits for the units of work already started, and refuses the ones still queued (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = new Error('The database is closing: this change was not stored.');
    // Those queued behind the running group are refused at once; the running group finishes.
    for (const item of this.queue.splice(0)) item.reject(stopping);
    await this.grouping;
  }

  private async runGroups(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.runGroup();
        // A turn for timers and I/O between groups, even when requests keep the queue full.
        if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.grouping = null;
    }
  }

  /** One transaction for the works queued (and those that queue while it runs, up to GROUP_MAX_WORKS). */
  private async runGroup(): Promise<void> {
    const done: { item: QueuedWork; out: unknown; committed: (() => void)[]; emitted: Set<string>; written: WrittenEvent[]; beforeCommit: BeforeCommit[] }[] = [];
    const failed: { item: QueuedWork; err: unknown }[] = [];
    let current: QueuedWork | null = null;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let n = 0; n < GROUP_MAX_WORKS && this.queue.length > 0; n++) {
          const item = this.queue.shift()!;
          current = item;
          const committed: (() => void)[] = [];
          const emitted = new Set<string>();
          const written: WrittenEvent[] = [];
          const notes: unknown[] = [];
          await trx.executeQuery(STATEMENT['savepoint unit_of_work']);
          try {
            const { tx, flush, beforeCommit } = txFor(trx, this.clock, committed, emitted, written, notes);
            const out = await marked(() => item.work(tx));
            await flush();
            await trx.executeQuery(STATEMENT['release unit_of_work']);
            done.push({ item, out, committed, emitted, written, beforeCommit });
          } catch (err) {
            // Its changes are undone, the others' kept. Should undoing fail, the group fails whole.
            await trx.executeQuery(STATEMENT['rollback to unit_of_work']);
            await trx.executeQuery(STATEMENT['release unit_of_work']);
            noteFailure(err, notes);
            failed.push({ item, err });
          }
          current = null;
        }
        // After every unit's savepoint: on SQLite a savepoint (and a statement that may need undoing
        // part-way, such as a multi-row insert) makes FTS5 write what it holds as a segment of its
        // own, so work done here once (new posts' index entries) is one segment for the group.
        await runBeforeCommit(trx, done.flatMap((d) => d.beforeCommit));
      });
    } catch (err) {
      // Not committed: nothing of the group is stored, and every caller hears so.
      for (const d of done) d.item.reject(err);
      (current as QueuedWork | null)?.reject(err);
      for (const f of failed) f.item.reject(f.err);
      // The transaction could not even begin (the connection is closed or broken): no unit was
      // taken, so refuse those waiting rather than retry forever on a database that cannot answer.
      if (done.length === 0 && failed.length === 0 && !current) for (const item of this.queue.splice(0)) item.reject(err);
      return;
    }
    for (const f of failed) f.item.reject(f.err);
    const hookErrors = done.length > 0 ? this.committed(done) : [];
    done.forEach((d, i) => (hookErrors[i] === undefined ? d.item.resolve(d.out) : d.item.reject(hookErrors[i])));
  }
}

/**
 * Runs one after-commit hook (or commit listener) on its own: returns what it threw (undefined
 * when it did not), logged by kind only, since an error's message may quote what someone wrote.
 */
function runHook(fn: () => void, log: FastifyBaseLogger | undefined): unknown {
  try {
    fn();
    return undefined;
  } catch (err) {
    log?.error({ err: errorKind(err) }, 'an after-commit hook failed; the hooks and publishes after it still run');
    return err ?? new Error('a commit hook failed');
  }
}

/** Events taken per dispatch transaction: those without consumers, and those with (the slow kind). */
const OUTBOX_BATCH_ROWS = 200;
const OUTBOX_BATCH_CONSUMED = 10;
/** Least time between the end of one drain and the start of the next (a few replies' worth under load). */
const DISPATCH_SPACING_MS = 5;
/** Failures after which an event is set aside (ADR 024), and the wait before the first retry (x4 each time). */
const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 5_000;
/** Longest wait between retries of an event that is never set aside (a crisis alert, ADR 024). */
const NEVER_SET_ASIDE_RETRY_MAX_MS = 60_000;
/** Longest wait between retries of any event: with a large maxAttempts, 4^n would pass year 9999 (and sort wrongly as text). */
const RETRY_MAX_MS = 24 * 60 * 60_000;
/**
 * After a publish failed for want of the bus (BusUnavailableError) the dispatcher stops publishing for this long (a circuit breaker), then
 * twice as long after each further failed try, up to BUS_BACKOFF_MAX_MS: what it takes meanwhile
 * is put back at once, without waiting on Redis (ADR 033). A frozen Redis then holds the drain loop
 * for one publish timeout per try, not per batch.
 */
const BUS_BACKOFF_MS = 5_000;
const BUS_BACKOFF_MAX_MS = 30_000;
/**
 * A live push not published for this long is dropped instead of put back (its consumers ran; a
 * page refetches what it shows on reconnect), unless its type is never set aside (a crisis alert,
 * a held text's decision): the outbox does not grow without bound through a long Redis outage.
 */
export const PUBLISH_ONLY_MAX_AGE_MS = 5 * 60_000;
/** How often the periodic pass puts back crisis events an older instance set aside (and at every start). */
const REQUEUE_EVERY_MS = 60_000;
/**
 * How long a delivered row is held back from every drain while its publish is under way (ADR 035):
 * past the publish timeout and its put-back, so only a crash (or a stalled process) lets another
 * drain take it, to be published, never consumed, again.
 */
export const PUBLISH_LEASE_MS = 30_000;
/**
 * How long rows whose events the bus took wait, once the dispatcher has nothing to do, for the next
 * dispatch transaction to delete them with its own work before a drain is asked for to do it (ADR
 * 059). Any write in the meantime kicks a dispatch that deletes them for nothing more than a
 * statement; far below the lease, so no other drain takes them.
 */
export const SETTLE_IDLE_MS = 1_000;
/**
 * How old a publish lease must be (since its row's `consumed_at`, when the lease was written) for a
 * starting dispatcher to end it (`takeOverLeases`). A live instance's leased rows are younger: its
 * publish runs right after the lease is committed, and the row is deleted by its next dispatch or
 * within SETTLE_IDLE_MS idle (plus a drain). An older one is a crashed (or stalled) life's. Rows
 * leased in the grace before a start are taken over once the grace has passed since the start
 * (the poll), if they are still there; rows leased after the start are never this start's to take.
 */
export const LEASE_TAKEOVER_GRACE_MS = 5_000;

/**
 * The wait before retry number `attempts` (1 after the first failure): `baseMs` times 4 for each
 * failure before, never more than `capMs` (a day at most for any event, a minute for a crisis alert).
 */
export function retryDelayMs(attempts: number, baseMs: number, capMs = RETRY_MAX_MS): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(baseMs * 4 ** exponent, capMs, RETRY_MAX_MS);
}

export interface DispatcherOptions {
  db: Db;
  dialect: Dialect;
  bus: Bus;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Tests turn this off to simulate a crash between commit and dispatch. */
  enabled: boolean;
  pollMs?: number;
  /** Failures of an event's consumers before it is set aside (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry of a failed event; each later one waits four times longer (default 5 s). */
  retryBaseMs?: number;
  /**
   * Event types never set aside however often their consumers fail (crisis alerts, ADR 024; a
   * held text's decision, which its author waits for, ADR 033): they are retried with the same
   * backoff, capped at `neverSetAsideRetryMaxMs`, for as long as it takes.
   */
  neverSetAside?: readonly string[];
  /** Which of those are crisis events, logged with `crisis: true` (default: all of them). */
  crisis?: readonly string[];
  /** Longest wait between two retries of a `neverSetAside` event (default 60 s). */
  neverSetAsideRetryMaxMs?: number;
}

/** A delivered outbox row and its events, to publish and then settle (ADR 035). */
interface PublishRow {
  id: string;
  type: string;
  /** Failures so far (the wait, should its publish fail). */
  attempts: number;
  payload: StoredPayload;
  /** The payload as stored: a fan-out's is written back only if it is unchanged (`keepInFanOut`). */
  raw: string;
  events: BusEvent[];
}

/** An event taken from the outbox that a consumer failed on, to record after the batch (ADR 024). */
interface FailedRow {
  id: string;
  type: string;
  attempts: number;
  dead: boolean;
  /** A type that is never set aside (a crisis alert, a held text's decision): retried for as long as it takes. */
  kept: boolean;
  /** A crisis event (logged with `crisis: true`). */
  crisis: boolean;
  retryAt: string | null;
  err: unknown;
}

/**
 * Delivers committed events: runs the in-process consumers (exactly once, transactionally),
 * then publishes to the bus for realtime fan-out (at least once: the row stays, marked consumed,
 * until the bus has taken its events, so a crash or a Redis failure before or during the publish
 * delays the live push, never loses it; sockets drop an id they already got, ADR 035).
 * Undispatched events left by a crash are delivered at the next start, and every `pollMs` for
 * events another instance left.
 */
export class OutboxDispatcher {
  private readonly consumers: OutboxConsumer[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private lastDrainEnd = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Put back set-aside crisis events before the next drain (at start, then every REQUEUE_EVERY_MS). */
  private requeueDue = false;
  /** Publish at once, at start, the rows whose publish a previous life of the app leased (takeOverLeases). */
  private leasesDue = false;
  /**
   * The lease starts (dispatcher clock, ms) before which `takeOverLeases` ends a lease, still to
   * use: the start less LEASE_TAKEOVER_GRACE_MS at once, then the start itself once the grace is over.
   */
  private leaseCutoffs: number[] = [];
  private startedAt = -Infinity;
  /** When (by the dispatcher's clock) the set-aside events were last put back. */
  private lastRequeue = -Infinity;
  /** Until when (dispatcher clock, ms) no publish is tried, and the failed tries in a row (BUS_BACKOFF_MS). */
  private busDownUntil = -Infinity;
  private busFailures = 0;
  /**
   * Rows whose events the bus took, still to delete (ADR 035): the next dispatch transaction
   * deletes them with its own work, or the drain loop once it has nothing more to do, so a busy
   * dispatcher spends no commit of its own on them. Until then their lease keeps them from drains.
   */
  private published: string[] = [];
  /** Asks for a drain once SETTLE_IDLE_MS has passed with published rows still to delete (`settleLater`). */
  private settleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: DispatcherOptions) {}

  register(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
  }

  /**
   * Starts delivering: at once (what a crash left), then every `pollMs`. Crisis alert events set
   * aside in the database go back to the queue first, and again about once a minute on the poll:
   * migration 0027 put back those set aside before it, but during a rolling deploy an instance of
   * an older version can still set one aside after it (ADR 024).
   */
  start(): void {
    if (!this.opts.enabled) return;
    this.requeueDue = (this.opts.neverSetAside?.length ?? 0) > 0;
    this.startedAt = this.opts.clock.now().getTime();
    this.leaseCutoffs = [this.startedAt - LEASE_TAKEOVER_GRACE_MS, this.startedAt];
    this.leasesDue = true;
    this.kick();
    const pollMs = this.opts.pollMs ?? 2000;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.poll(), pollMs);
      this.timer.unref();
    }
  }

  /**
   * What the timer does every `pollMs`: a drain, preceded by putting back set-aside events that
   * are never set aside once REQUEUE_EVERY_MS has passed (by the clock) since the last time, and
   * by the second take-over of leases once LEASE_TAKEOVER_GRACE_MS has passed since the start.
   */
  poll(): void {
    const now = this.opts.clock.now().getTime();
    if ((this.opts.neverSetAside?.length ?? 0) > 0 && now - this.lastRequeue >= REQUEUE_EVERY_MS) this.requeueDue = true;
    if (this.leaseCutoffs.length > 0 && now - this.startedAt >= LEASE_TAKEOVER_GRACE_MS) this.leasesDue = true;
    this.kick();
  }

  /** Asks for a drain soon; many kicks during one drain coalesce into one more pass. */
  kick(): void {
    if (!this.opts.enabled || this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.spaced()
      .then(() => this.drainLoop())
      .finally(() => {
        this.running = null;
        this.lastDrainEnd = performance.now();
      });
  }

  /**
   * Under load, waits until a few milliseconds have passed since the last drain, so that one pass
   * takes the events of every request that committed meanwhile (on SQLite each dispatch
   * transaction queues for the one connection between two requests'). Idle, it starts at once.
   */
  private async spaced(): Promise<void> {
    const wait = this.lastDrainEnd + DISPATCH_SPACING_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /**
   * Resolves when everything committed so far has been dispatched and what was published is deleted
   * (tests and shutdown: a graceful stop leaves nothing to publish again at the next start).
   */
  async idle(): Promise<void> {
    if (!this.opts.enabled) return;
    this.kick();
    while (this.running) await this.running;
    if (this.published.length === 0) return;
    try {
      await this.deletePublished();
    } catch (err) {
      // As a drain's failure: logged, and the rows (put back) deleted by a later dispatch.
      this.opts.log.error({ err: errorKind(err) }, 'outbox dispatch failed; will retry');
      this.settleLater();
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.idle().catch(() => undefined);
    this.closed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }

  /**
   * The drain loop stopped with published rows still to delete: they wait for the next dispatch
   * transaction (a write commits and kicks one; the poll does too), and after SETTLE_IDLE_MS a drain
   * is asked for. Deleting them at once cost a write transaction of its own whenever the loop ran
   * dry, which under a steady trickle of replies is once a reply (ADR 059). Until deleted they are
   * leased (no drain takes them); a crash before leaves them to be published again at the next start,
   * as a crash between a publish and its delete always has (ADR 035: at least once).
   */
  private settleLater(): void {
    if (this.settleTimer || this.closed || this.published.length === 0) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.published.length > 0) this.kick();
    }, SETTLE_IDLE_MS);
    this.settleTimer.unref();
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        if (this.requeueDue) await this.requeueNeverSetAside();
        if (this.leasesDue) await this.takeOverLeases();
        while (await this.drainBatch()) {
          /* keep going while there may be work */
        }
        if (!this.again) this.settleLater();
      } catch (err) {
        // The error's kind only: a database error's message may quote the values of a statement.
        this.opts.log.error({ err: errorKind(err) }, 'outbox dispatch failed; will retry');
        return;
      }
    } while (this.again && !this.closed);
  }

  /**
   * Puts back in the queue the events of a never-set-aside type (crisis alerts) that are set aside
   * in the database: only an instance of an older version sets one aside. Their attempts are kept,
   * so their next failure waits the capped minute, not 5 s. One statement over the set-aside rows.
   */
  private async requeueNeverSetAside(): Promise<void> {
    const types = this.opts.neverSetAside ?? [];
    this.lastRequeue = this.opts.clock.now().getTime();
    if (types.length === 0) {
      this.requeueDue = false;
      return;
    }
    const rows = await this.opts.db
      .updateTable('outbox')
      .set({ dead_at: null, retry_at: null })
      .where('dead_at', 'is not', null)
      .where('type', 'in', [...types])
      .returning(['id', 'type'])
      .execute();
    // Only once it worked: a failure (logged by the drain loop) is tried again at the next drain.
    this.requeueDue = false;
    for (const row of rows)
      if (this.isCrisis(row.type))
        this.opts.log.error(
          { eventType: row.type, eventId: row.id, crisis: true },
          'outbox crisis event had been set aside (by an older version); put back in the queue, it is never set aside',
        );
      else this.opts.log.error({ eventType: row.type, eventId: row.id }, 'outbox event had been set aside (by an older version); put back in the queue, it is never set aside');
  }

  /**
   * At start, ends the lease (or the publish's backoff) of every consumed row still waiting for its
   * publish whose lease began over LEASE_TAKEOVER_GRACE_MS ago: this process has no publish under
   * way, so such a row is one a crashed (or older) life left, and its live push should not wait out
   * the 30 s lease (crisis alerts among them). A younger one may be a live instance's, published and
   * waiting (up to SETTLE_IDLE_MS) for its delete: ending its lease would publish the last seconds'
   * events again (review of ADR 059). Those leased before the start are taken over by the poll once
   * the grace has passed, if still there (a crash just before a quick restart); a live instance has
   * deleted its own by then. Another instance on the same PostgreSQL may still be publishing an older
   * one (a publish stalled past the grace): it is then published twice, which sockets drop (ADR 035
   * amendment). Rows never consumed keep their backoff.
   */
  private async takeOverLeases(): Promise<void> {
    const cutoff = this.leaseCutoffs[0];
    if (cutoff !== undefined) {
      const nowIso = this.opts.clock.now().toISOString();
      await this.opts.db
        .updateTable('outbox')
        .set({ retry_at: null })
        .where('consumed_at', 'is not', null)
        .where('consumed_at', '<', new Date(cutoff).toISOString())
        .where('dead_at', 'is', null)
        .where('retry_at', '>', nowIso)
        .execute();
      this.leaseCutoffs.shift();
    }
    // Only once it worked: a failure (logged by the drain loop) is tried again at the next drain.
    this.leasesDue = false;
  }

  /** Deletes the rows whose events were published, on their own (`idle`, shutdown); kept for the next try should it fail. */
  private async deletePublished(): Promise<void> {
    const ids = this.published.splice(0);
    try {
      for (let i = 0; i < ids.length; i += INSERT_ROWS) await deleteRows(this.opts.db, [ids.slice(i, i + INSERT_ROWS)]);
    } catch (err) {
      this.published.push(...ids);
      throw err;
    }
  }

  private isCrisis(type: string): boolean {
    return (this.opts.crisis ?? this.opts.neverSetAside ?? []).includes(type);
  }

  /**
   * One batch of events in one transaction, in the order they were committed: up to
   * OUTBOX_BATCH_ROWS, of which up to OUTBOX_BATCH_CONSUMED with consumers (one batch holds
   * SQLite's only connection, and an event whose consumers fan out widely must not keep a crisis
   * alert, or any request, waiting for long). The consumers' writes, the events they emit and the
   * removal of what was taken commit together; then everything taken is published, in order.
   * Returns true when work may be left (a full batch, or consumers emitted new events); an event
   * committed meanwhile kicks the dispatcher itself. Measured (ADR 017): a batch used to end at the
   * first event with consumers that followed others, so every reply (two events for its rooms, then
   * one for its notifications) took its own dispatch transactions, four of them, even under load.
   */
  private async drainBatch(): Promise<boolean> {
    const { db, dialect, clock } = this.opts;
    const maxAttempts = this.opts.maxAttempts ?? MAX_ATTEMPTS;
    const retryBaseMs = this.opts.retryBaseMs ?? RETRY_BASE_MS;
    const neverSetAside = new Set(this.opts.neverSetAside ?? []);
    const keptMaxMs = this.opts.neverSetAsideRetryMaxMs ?? NEVER_SET_ASIDE_RETRY_MAX_MS;
    /** The rows delivered, each kept until its events are published (ADR 035). */
    const toPublish: PublishRow[] = [];
    const committed: (() => void)[] = [];
    const failedRows: FailedRow[] = [];
    let more = false;
    // The rows the last batch published are deleted with this one's work (put back if it fails).
    const settling = this.published.splice(0);
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < settling.length; i += INSERT_ROWS) await deleteRows(trx, [settling.slice(i, i + INSERT_ROWS)]);
      const now = clock.now();
      const nowIso = now.toISOString();
      // Set-aside events, and failed ones still waiting out their backoff, are not taken (ADR 024).
      const rows = await takeDueRows[dialect](trx, nowIso);
      if (rows.length === 0) return;
      const { tx, flush, mark, undo, beforeCommit } = txFor(trx, clock, committed);
      /** The rows taken, each with its events (several for a fan-out). */
      const taken: { id: string; type: string; attempts: number; payload: StoredPayload; raw: string; events: BusEvent[] }[] = [];
      /** The events taken that have consumers, in commit order. */
      const consumedEvents: BusEvent[] = [];
      let consumed = 0;
      // A crisis event (an alert raised, escalated or changed: `crisis`): the batch ends with it, so it is
      // published as soon as this transaction commits, not after the fan-outs of the replies behind it
      // (ADR 017). Other safety events (the held queue changed, a duty ended) wait their turn like any.
      const urgentAt = rows.findIndex((r) => this.isCrisis(r.type));
      for (const [i, row] of rows.entries()) {
        const payload = JSON.parse(row.payload) as StoredPayload;
        // Its consumers ran already (its publish is due again, or a crash cut it short): publish only.
        const hasConsumers = row.consumed_at === null && !payload.publishOnly && this.consumers.some((c) => c.types.includes(row.type));
        if (hasConsumers && consumed >= OUTBOX_BATCH_CONSUMED) break;
        const events = eventsOf(row, row.created_at, payload);
        if (hasConsumers) {
          consumed += 1;
          consumedEvents.push(...events);
        }
        taken.push({ id: row.id, type: row.type, attempts: Number(row.attempts), payload, raw: row.payload, events });
        if (i === urgentAt) break;
      }
      const failed = await this.consume(consumedEvents, tx, trx, mark, undo);
      await runBeforeCommit(trx, beforeCommit);
      const leaseIso = new Date(now.getTime() + PUBLISH_LEASE_MS).toISOString();
      const leased: LeasedRows = { takes: (type) => !this.consumers.some((c) => c.types.includes(type)), consumedAt: nowIso, leaseEnd: leaseIso, rows: [] };
      /** Emitted rows left for a later drain (their consumers have to run). */
      const emitted = await flush(leased);
      const deliveredIds: string[] = [];
      /** Events delivered from a fan-out row whose other events failed: a row of their own, to publish. */
      const split: { id: string; type: string; payload: string; created_at: string; consumed_at: string; retry_at: string }[] = [];
      for (const row of taken) {
        const left = row.events.filter((e) => failed.has(e.id));
        if (left.length === 0) {
          deliveredIds.push(row.id);
          toPublish.push({ id: row.id, type: row.type, attempts: row.attempts, payload: row.payload, raw: row.raw, events: row.events });
          continue;
        }
        const delivered = row.events.filter((e) => !failed.has(e.id));
        if (delivered.length > 0) {
          // Under the first delivered event's id (a fan-out entry's id is never a row's): unique, and in order.
          const payload: StoredPayload = {
            rooms: [],
            data: null,
            fanOut: row.payload.fanOut!.filter((e) => !failed.has(e.id)),
          };
          const raw = JSON.stringify(payload);
          split.push({ id: delivered[0]!.id, type: row.type, payload: raw, created_at: delivered[0]!.occurredAt, consumed_at: nowIso, retry_at: leaseIso });
          toPublish.push({ id: delivered[0]!.id, type: row.type, attempts: 0, payload, raw, events: delivered });
        }
        // The row stays, holding only what is still to deliver: a fan-out's delivered events are not delivered twice.
        const attempts = row.attempts + 1;
        // A crisis alert is never set aside: a missed crisis is the worst failure (ADR 024).
        const kept = neverSetAside.has(row.type);
        const crisis = kept && this.isCrisis(row.type);
        const dead = !kept && attempts >= maxAttempts;
        const retryAt = new Date(now.getTime() + retryDelayMs(attempts, retryBaseMs, kept ? keptMaxMs : RETRY_MAX_MS)).toISOString();
        await trx
          .updateTable('outbox')
          .set({
            attempts,
            failed_at: nowIso,
            retry_at: dead ? null : retryAt,
            dead_at: dead ? nowIso : null,
            ...(row.payload.fanOut && left.length < row.events.length
              ? { payload: JSON.stringify({ ...row.payload, fanOut: row.payload.fanOut.filter((e) => failed.has(e.id)) }) }
              : {}),
          })
          .where('id', '=', row.id)
          .execute();
        failedRows.push({ id: row.id, type: row.type, attempts, dead, kept, crisis, retryAt: dead ? null : retryAt, err: failed.get(left[0]!.id) });
      }
      // Delivered rows stay, held back from every drain, until the bus has taken their events; then
      // they are deleted (ADR 035). Committed with the consumers' work: a crash before the publish
      // leaves them to be published (never consumed) again once the lease is over.
      // Sent later on PostgreSQL: with the events the consumers emitted, in one statement before the commit.
      if (deliveredIds.length > 0) await markConsumed.later(trx, [[nowIso, leaseIso], deliveredIds]);
      if (split.length > 0) await trx.insertInto('outbox').values(split).execute();
      // After what was taken: committed later, published after it.
      toPublish.push(...leased.rows);
      more = rows.length === OUTBOX_BATCH_ROWS || taken.length < rows.length || emitted > 0;
    }).catch((err: unknown) => {
      // Rolled back: those rows are still there, to delete next time.
      this.published.push(...settling);
      throw err;
    });
    for (const f of failedRows) {
      // The event's type and id only: its payload, and an error's message, may hold what someone wrote.
      const fields = { eventType: f.type, eventId: f.id, attempts: f.attempts, retryAt: f.retryAt, err: errorKind(f.err) };
      if (f.crisis)
        this.opts.log.error(
          { ...fields, crisis: true },
          'outbox crisis event failed in a consumer; it is never set aside and is retried at least every minute: see kindred_outbox_failing_safety_events and README "Restarts and monitoring"',
        );
      else if (f.kept)
        this.opts.log.error(fields, 'outbox event failed in a consumer; someone waits for it, so it is never set aside and is retried at least every minute: see README "Restarts and monitoring"');
      else if (f.dead) this.opts.log.error(fields, 'outbox event set aside after repeated consumer failures; see README "Restarts and monitoring"');
      else this.opts.log.error(fields, 'outbox event failed in a consumer; the events behind it go on, it will be retried');
    }
    // Each hook on its own: one that throws must not skip the others, nor the publishes below.
    for (const fn of committed) runHook(fn, this.opts.log);
    await this.publish(toPublish, retryBaseMs, keptMaxMs);
    return more;
  }

  /**
   * Publishes what a dispatch delivered, all at once (in order: each publish is queued before the
   * next starts), so a bus that does not answer costs one bounded wait for the batch, not one per
   * event (ADR 033). Each publish fails alone: the events behind a failed one, a crisis alert at
   * the end of its batch, are still published. Then each row is settled in place (ADR 035): deleted
   * once its events are published (or dropped, stale), with the next batch (`published`); otherwise kept, to be published only, after
   * a wait that grows with each failure up to a minute, never set aside, so a Redis outage loses no
   * event. Should settling fail, the rows keep their lease: published again once it is over.
   */
  private async publish(rows: readonly PublishRow[], baseMs: number, capMs: number): Promise<void> {
    const events = rows.flatMap((row) => row.events);
    if (events.length === 0) return;
    let results: PromiseSettledResult<void>[];
    if (this.opts.clock.now().getTime() < this.busDownUntil) {
      // The breaker is open: not tried, put back at once.
      const reason = new BusUnavailableError('backing off after a failed publish', 'BUS_BACKING_OFF');
      results = events.map(() => ({ status: 'rejected', reason }));
    } else {
      results = await Promise.allSettled(events.map((event) => this.opts.bus.publish(event)));
      // The bus itself is unavailable (no connection, no answer): not an error of one event.
      if (results.some((r) => r.status === 'rejected' && r.reason instanceof BusUnavailableError)) {
        this.busFailures += 1;
        this.busDownUntil = this.opts.clock.now().getTime() + Math.min(BUS_BACKOFF_MAX_MS, BUS_BACKOFF_MS * 2 ** (this.busFailures - 1));
      } else this.busFailures = 0;
    }
    const now = this.opts.clock.now();
    const nowIso = now.toISOString();
    const neverSetAside = new Set(this.opts.neverSetAside ?? []);
    const errors = new Map<string, unknown>();
    const dropped: BusEvent[] = [];
    for (const [i, event] of events.entries()) {
      const r = results[i]!;
      if (r.status !== 'rejected') continue;
      // A stale live push is dropped (PUBLISH_ONLY_MAX_AGE_MS); a kept type never is.
      if (!neverSetAside.has(event.type) && now.getTime() - new Date(event.occurredAt).getTime() > PUBLISH_ONLY_MAX_AGE_MS) dropped.push(event);
      else errors.set(event.id, r.reason);
    }
    if (dropped.length > 0) {
      const types = [...new Set(dropped.map((e) => e.type))];
      this.opts.log.warn({ dropped: dropped.length, eventTypes: types }, 'outbox: live pushes not published for over 5 minutes are dropped (pages refetch on reconnect)');
    }
    const done: string[] = [];
    /** Rows still to publish, by the attempts they will have: one update per group, not per row. */
    const again = new Map<number, string[]>();
    const trimmed: { row: PublishRow; left: BusEvent[] }[] = [];
    for (const row of rows) {
      const left = row.events.filter((e) => errors.has(e.id));
      if (left.length === 0) done.push(row.id);
      else if (left.length < row.events.length) trimmed.push({ row, left });
      else again.set(row.attempts + 1, [...(again.get(row.attempts + 1) ?? []), row.id]);
    }
    const retryAt = (attempts: number) => new Date(now.getTime() + retryDelayMs(attempts, baseMs, capMs)).toISOString();
    let kept = true;
    try {
      const db = this.opts.db;
      // Deleted by the next dispatch transaction, or when the drain loop stops.
      this.published.push(...done);
      for (const [attempts, ids] of again)
        for (let i = 0; i < ids.length; i += INSERT_ROWS)
          await db.updateTable('outbox').set({ attempts, failed_at: nowIso, retry_at: retryAt(attempts) }).where('id', 'in', ids.slice(i, i + INSERT_ROWS)).execute();
      // A fan-out some of whose events were published keeps only the others: none is pushed twice.
      // Written only over what was read: an erasure that trimmed it meanwhile is not undone, and
      // should it have taken every event left, the row goes with the published ones.
      for (const { row, left } of trimmed) {
        const ids = new Set(left.map((e) => e.id));
        const attempts = row.attempts + 1;
        const after = await keepInFanOut(db, row.id, row.raw, (e) => ids.has(e.id), { attempts, failed_at: nowIso, retry_at: retryAt(attempts) });
        if (after?.kept === 0) this.published.push(row.id);
      }
    } catch (err) {
      kept = false;
      this.opts.log.error({ err: errorKind(err) }, 'outbox: could not settle published events; they stay in the outbox, published again once their lease is over');
    }
    for (const row of rows)
      for (const event of row.events) {
        if (!errors.has(event.id)) continue;
        const err = errors.get(event.id);
        // Type and id only: the event's data, and the error's message, may hold what someone wrote.
        const attempts = row.attempts + 1;
        const fields = { eventType: event.type, eventId: event.id, attempts, err: errorKind(err), ...(this.isCrisis(event.type) ? { crisis: true } : {}) };
        if (kept) this.opts.log.error({ ...fields, retryAt: retryAt(attempts) }, 'outbox event delivered but not published to the bus; kept in the outbox, to be published again at retryAt');
        else this.opts.log.error(fields, 'outbox event delivered but not published to the bus; kept in the outbox under its lease');
      }
  }

  /**
   * Runs the consumers of the events taken, in commit order, a run of consecutive events of one
   * type at a time (events without consumers change nothing, so they do not break a run). When a
   * consumer of that type has `handleBatch`, each consumer takes the whole run in turn (the batching
   * one at once, the others event by event): the community's notifications and supervision's
   * empathy rating of new posts, neither reading what the other writes. Types no consumer batches
   * are handled as before, event by event, each event's consumers in turn.
   *
   * Each run works in a savepoint (ADR 024): if a consumer throws, the run's writes (and what it
   * emitted) are undone and its events are tried again one by one, each in a savepoint of its own,
   * so the good ones commit and only the failing ones are left. Returns the failed events' ids.
   */
  private async consume(
    events: readonly BusEvent[],
    tx: Tx,
    trx: Trx,
    mark: () => TxMark,
    undo: (m: TxMark) => void,
  ): Promise<Map<string, unknown>> {
    const failed = new Map<string, unknown>();
    for (let start = 0; start < events.length; ) {
      const type = events[start]!.type;
      let end = start + 1;
      while (end < events.length && events[end]!.type === type) end += 1;
      const run = events.slice(start, end);
      const consumers = this.consumers.filter((c) => c.types.includes(type));
      const handle = async (part: readonly BusEvent[]) => {
        if (consumers.some((c) => c.handleBatch)) {
          for (const c of consumers) {
            if (c.handleBatch) await marked(() => c.handleBatch!(part, tx));
            else for (const event of part) await marked(() => c.handle(event, tx));
          }
        } else {
          for (const event of part) for (const c of consumers) await marked(() => c.handle(event, tx));
        }
      };
      const err = await isolated(trx, mark, undo, () => handle(run));
      if (err !== undefined) {
        if (run.length === 1) failed.set(run[0]!.id, err);
        else
          for (const event of run) {
            const one = await isolated(trx, mark, undo, () => handle([event]));
            if (one !== undefined) failed.set(event.id, one);
          }
      }
      start = end;
    }
    return failed;
  }
}

/**
 * Runs `fn` in a savepoint: on a throw, undoes its writes and what it emitted, and returns the
 * error instead (undefined when it succeeded). Should the savepoint itself fail, that throws: the
 * whole dispatch transaction rolls back, as before. The release is inside the `try`: on PostgreSQL a
 * write `fn` sent `later` (ADR 028) goes out just before the release, and its failure is `fn`'s, to be
 * undone with the savepoint, not a failure of the whole dispatch (exported for that test).
 */
export async function isolated(trx: Trx, mark: () => TxMark, undo: (m: TxMark) => void, fn: () => Promise<void>): Promise<unknown> {
  const at = mark();
  await trx.executeQuery(STATEMENT['savepoint outbox_run']);
  try {
    await fn();
    await trx.executeQuery(STATEMENT['release outbox_run']);
  } catch (err) {
    await trx.executeQuery(STATEMENT['rollback to outbox_run']);
    await trx.executeQuery(STATEMENT['release outbox_run']);
    undo(at);
    return err ?? new Error('a consumer failed');
  }
  return undefined;
}

/** Whom an erasure is for, as outbox payloads may name them (ADR 035). */
export interface ErasedPerson {
  userId: string;
  handle: string;
  /** Ids of what they wrote that an event may carry without naming them (their anonymous posts' ids): matched under any key. */
  ids?: readonly string[];
  /** Titles of theirs an event may carry without naming them (their anonymous threads'): matched only under title keys. */
  titles?: readonly string[];
  /**
   * Event types left whatever they hold: crisis alerts, whose events name no one by contract, must
   * not be lost to anything that happens to read like one of their words.
   */
  spare?: readonly string[];
}

/**
 * Keys whose value is a handle (`handle` in a person's reference, `actorHandle`…). A handle is
 * matched only there: it may be a common word ("member", "open", "revoked") that other people's
 * events hold as a role, a status or a reason. Every presented handle sits next to its person's id
 * (`{ id, handle }`), and a label showing it (`label`, `actorLabel`) next to that, so those match by
 * the id; a handle inside someone's words or a notice's sentence (`message`) is not matched.
 */
const HANDLE_KEY = /handle$/i;
/** Keys whose value is a thread's title (`title`, `threadTitle`): an anonymous thread's title is matched only there. */
const TITLE_KEY = /title$/i;

/** Outbox rows an erasure reads at a time. */
const ERASE_PAGE_ROWS = 500;

/**
 * Account erasure's part of the outbox (ADR 035): every row that names the person (their id or a
 * `user:` room of theirs, under any key; their handle, any case, under a handle key) or carries
 * what they wrote (`ids` under any key, `titles` under a title key) is deleted, whatever its
 * state: waiting for its consumers, failed, set aside, or consumed and waiting to be published.
 * Of a fan-out only the events that do are removed; the others' are still delivered. A crisis
 * alert's event stays (`spare`): it carries its alert's id, level, categories and due time, no
 * one's name (the alert itself goes with the safety module's erasure; duty supervisors refetch,
 * find it gone). Runs in the erasure's transaction: the events the erasure itself emits are
 * written after it. Returns how many events were removed.
 */
export async function eraseFromOutbox(trx: Trx, person: ErasedPerson): Promise<number> {
  const handle = person.handle.toLowerCase();
  const ids = new Set([person.userId, `user:${person.userId}`, ...(person.ids ?? [])]);
  const titles = new Set(person.titles ?? []);
  const spare = new Set(person.spare ?? []);
  /** An array's items are read under the array's key (a list of handles is under a handle key). */
  const names = (value: unknown, key = ''): boolean => {
    if (typeof value === 'string') return ids.has(value) || (HANDLE_KEY.test(key) && value.toLowerCase() === handle) || (TITLE_KEY.test(key) && titles.has(value));
    if (Array.isArray(value)) return value.some((v) => names(v, key));
    if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => names(v, k));
    return false;
  };
  const gone: string[] = [];
  const trimmed: { id: string; raw: string }[] = [];
  let removed = 0;
  for (let after = ''; ; ) {
    const rows = await trx.selectFrom('outbox').select(['id', 'type', 'payload']).where('id', '>', after).orderBy('id').limit(ERASE_PAGE_ROWS).execute();
    for (const row of rows) {
      if (spare.has(row.type)) continue;
      const payload = JSON.parse(row.payload) as StoredPayload;
      if (!payload.fanOut) {
        if (names(payload)) {
          gone.push(row.id);
          removed += 1;
        }
      } else if (payload.fanOut.some((e) => names(e))) trimmed.push({ id: row.id, raw: row.payload });
    }
    if (rows.length < ERASE_PAGE_ROWS) break;
    after = rows.at(-1)!.id;
  }
  for (const row of trimmed) {
    const left = await keepInFanOut(trx, row.id, row.raw, (e) => !names(e));
    if (!left) continue;
    removed += left.dropped;
    if (left.kept === 0) gone.push(row.id);
  }
  for (let i = 0; i < gone.length; i += INSERT_ROWS) await trx.deleteFrom('outbox').where('id', 'in', gone.slice(i, i + INSERT_ROWS)).execute();
  return removed;
}

/**
 * Keeps in a fan-out row only the events `keep` accepts, writing the payload back only if it is
 * still `raw`, as it was read: should another writer have changed it since (an erasure trimmed it,
 * a dispatcher settled it), it is read again and `keep` applied to what is there now, so neither
 * write undoes the other (ADR 035). Payloads only ever lose events, so this ends. `set`: other
 * columns written with it. Nothing is written when no event is left (`kept` 0: the caller deletes
 * the row), nor when none is dropped and there is nothing to `set`; null when the row is gone.
 */
async function keepInFanOut(
  db: Executor,
  id: string,
  raw: string,
  keep: (event: NonNullable<StoredPayload['fanOut']>[number]) => boolean,
  set: { attempts?: number; failed_at?: string; retry_at?: string } = {},
): Promise<{ kept: number; dropped: number } | null> {
  for (let read: string | undefined = raw; read !== undefined; ) {
    const payload = JSON.parse(read) as StoredPayload;
    const fanOut = payload.fanOut ?? [];
    const kept = fanOut.filter(keep);
    const dropped = fanOut.length - kept.length;
    if (kept.length === 0) return { kept: 0, dropped };
    const changed = dropped > 0 ? { payload: JSON.stringify({ ...payload, fanOut: kept }) } : {};
    if (dropped === 0 && Object.keys(set).length === 0) return { kept: kept.length, dropped };
    const res = await db.updateTable('outbox').set({ ...set, ...changed }).where('id', '=', id).where('payload', '=', read).executeTakeFirst();
    if (res.numUpdatedRows > 0n) return { kept: kept.length, dropped };
    read = (await db.selectFrom('outbox').select('payload').where('id', '=', id).executeTakeFirst())?.payload;
  }
  return null;
}
