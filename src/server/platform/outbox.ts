import type { FastifyBaseLogger } from 'fastify';
import type { EventMap, EventType } from '../../contracts/events.js';
import type { Bus, BusEvent } from './bus.js';
import type { Clock } from './clock.js';
import type { Db, Dialect, Trx } from './db.js';
import { newId } from './ids.js';

/**
 * A consumer runs once per event, inside the transaction that removes the event from the outbox:
 * its database writes and the removal commit together, so a crash repeats both or neither.
 */
export interface OutboxConsumer {
  name: string;
  types: readonly string[];
  handle(event: BusEvent, tx: Tx): Promise<void>;
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
}

interface StoredPayload {
  rooms: string[];
  data: unknown;
  /**
   * A fan-out: many events of one type stored as one row (a notification per follower of a busy
   * thread), each with its own id. The dispatcher delivers them one by one, as if they were rows.
   */
  fanOut?: { id: string; rooms: string[]; data: unknown }[];
}

interface PendingRow {
  id: string;
  type: string;
  payload: StoredPayload;
}

/** Outbox rows a statement may carry: four columns a row stays far below every driver's bound-parameter limit. */
const INSERT_ROWS = 200;

/**
 * The Tx a transaction's work gets, and `flush` to run just before it commits: events are kept in
 * memory and written together (one multi-row insert for the few events a request emits, instead
 * of one statement each). Their ids are taken at emit time, so their order is the emit order.
 */
function txFor(trx: Trx, clock: Clock, committed: (() => void)[] = [], emitted = new Set<string>()): { tx: Tx; flush(): Promise<void> } {
  const now = clock.now();
  const pending: PendingRow[] = [];
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
  };
  const flush = async () => {
    const at = clock.now().toISOString();
    while (pending.length > 0) {
      const part = pending.splice(0, INSERT_ROWS);
      await trx
        .insertInto('outbox')
        .values(part.map((row) => ({ id: row.id, type: row.type, payload: JSON.stringify(row.payload), created_at: at })))
        .execute();
    }
  };
  return { tx, flush };
}

/**
 * Runs work in a transaction, then nudges the dispatcher once it has committed. Every state
 * change with consequences (alerts, realtime) goes through here so the event commits with it.
 */
export class UnitOfWork {
  private readonly commitListeners: ((eventTypes: ReadonlySet<string>) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /**
   * Hears, in this process, the types of the events every transaction emitted, once it committed
   * and before its caller gets the result (caches of this instance; other instances hear the
   * events themselves over the bus, a moment later).
   */
  onCommit(listener: (eventTypes: ReadonlySet<string>) => void): void {
    this.commitListeners.push(listener);
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const committed: (() => void)[] = [];
    const emitted = new Set<string>();
    const result = await this.db.transaction().execute(async (trx) => {
      const { tx, flush } = txFor(trx, this.clock, committed, emitted);
      const out = await work(tx);
      await flush();
      return out;
    });
    for (const fn of committed) fn();
    if (emitted.size > 0) for (const listener of this.commitListeners) listener(emitted);
    this.dispatcher.kick();
    return result;
  }
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
}

/**
 * Delivers committed events: runs the in-process consumers (exactly once, transactionally),
 * then publishes to the bus for realtime fan-out (at least once). Undispatched events left by a
 * crash are delivered at the next start, and every `pollMs` for events another instance left.
 */
export class OutboxDispatcher {
  private readonly consumers: OutboxConsumer[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {}

  register(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
  }

  start(): void {
    if (!this.opts.enabled) return;
    this.kick();
    const pollMs = this.opts.pollMs ?? 2000;
    if (pollMs > 0) {
      this.timer = setInterval(() => this.kick(), pollMs);
      this.timer.unref();
    }
  }

  /** Asks for a drain soon; many kicks during one drain coalesce into one more pass. */
  kick(): void {
    if (!this.opts.enabled || this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when everything committed so far has been dispatched (tests and shutdown). */
  async idle(): Promise<void> {
    if (!this.opts.enabled) return;
    this.kick();
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.idle().catch(() => undefined);
    this.closed = true;
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        while (await this.drainBatch()) {
          /* keep going while there is work */
        }
      } catch (err) {
        this.opts.log.error({ err: errorSummary(err) }, 'outbox dispatch failed; will retry');
        return;
      }
    } while (this.again && !this.closed);
  }

  /** One batch in one transaction. Returns true when it found work. */
  private async drainBatch(): Promise<boolean> {
    const { db, dialect, clock } = this.opts;
    const published: BusEvent[] = [];
    const committed: (() => void)[] = [];
    let taken = 0;
    await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('outbox').select(['id', 'type', 'payload', 'created_at']).orderBy('id').limit(OUTBOX_BATCH_ROWS);
      // Several instances on one PostgreSQL: each takes rows no one else holds.
      if (dialect === 'postgres') q = q.forUpdate().skipLocked();
      const rows = await q.execute();
      const { tx, flush } = txFor(trx, clock, committed);
      const takenIds: string[] = [];
      let consumed = 0;
      for (const row of rows) {
        const consumers = this.consumers.filter((c) => c.types.includes(row.type));
        // Few events with consumers per batch: one batch holds SQLite's only connection, and an
        // event whose consumers fan out widely must not keep a crisis alert (or any request)
        // waiting behind it for long. Events for browsers only (most of them) cost a publish, and
        // those already taken are committed and published before such an event's consumers run
        // (a reply reaches the open thread before its followers' notifications are written).
        if (consumers.length > 0 && (consumed >= OUTBOX_BATCH_CONSUMED || takenIds.length > consumed)) break;
        const payload = JSON.parse(row.payload) as StoredPayload;
        const events: BusEvent[] = payload.fanOut
          ? payload.fanOut.map((e) => ({ id: e.id, type: row.type, occurredAt: row.created_at, rooms: e.rooms, data: e.data }))
          : [{ id: row.id, type: row.type, occurredAt: row.created_at, rooms: payload.rooms, data: payload.data }];
        for (const event of events) for (const c of consumers) await c.handle(event, tx);
        if (consumers.length > 0) consumed += 1;
        takenIds.push(row.id);
        published.push(...events);
      }
      await flush();
      // The outbox is a queue, not a log: a delivered event leaves nothing behind (erasure relies on it).
      for (let i = 0; i < takenIds.length; i += OUTBOX_BATCH_ROWS) await trx.deleteFrom('outbox').where('id', 'in', takenIds.slice(i, i + OUTBOX_BATCH_ROWS)).execute();
      taken = takenIds.length;
    });
    for (const fn of committed) fn();
    for (const event of published) await this.opts.bus.publish(event);
    return taken > 0;
  }
}

/** Rows read per dispatch transaction, and how many of them may have consumers (the slow kind). */
const OUTBOX_BATCH_ROWS = 200;
const OUTBOX_BATCH_CONSUMED = 10;

/** Never log an error's payload (it may contain user text): name and message only. */
export function errorSummary(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: 'Unknown', message: String(err).slice(0, 300) };
}
