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
  /** Many events of one type in a few statements (a notification per follower of a busy thread). */
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
}

function txFor(trx: Trx, clock: Clock, committed: (() => void)[] = [], emitted = new Set<string>()): Tx {
  const now = clock.now();
  const insert = async (type: string, payload: StoredPayload) => {
    emitted.add(type);
    await trx.insertInto('outbox').values({ id: newId(), type, payload: JSON.stringify(payload), created_at: clock.now().toISOString() }).execute();
  };
  const insertMany = async (type: string, payloads: StoredPayload[]) => {
    emitted.add(type);
    // Four columns a row: 200 rows stay far below every driver's bound-parameter limit.
    for (let i = 0; i < payloads.length; i += 200) {
      const at = clock.now().toISOString();
      await trx
        .insertInto('outbox')
        .values(payloads.slice(i, i + 200).map((payload) => ({ id: newId(), type, payload: JSON.stringify(payload), created_at: at })))
        .execute();
    }
  };
  return {
    trx,
    now,
    emit: (type, data, rooms = []) => insert(type, { rooms, data }),
    emitMany: (type, events) => insertMany(type, events.map((e) => ({ rooms: e.rooms, data: e.data }))),
    emitInternal: (type, data) => insert(type, { rooms: [], data }),
    afterCommit: (fn) => committed.push(fn),
  };
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
    const result = await this.db.transaction().execute((trx) => work(txFor(trx, this.clock, committed, emitted)));
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
    await db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('outbox').select(['id', 'type', 'payload', 'created_at']).orderBy('id').limit(OUTBOX_BATCH_ROWS);
      // Several instances on one PostgreSQL: each takes rows no one else holds.
      if (dialect === 'postgres') q = q.forUpdate().skipLocked();
      const rows = await q.execute();
      const tx = txFor(trx, clock, committed);
      let consumed = 0;
      for (const row of rows) {
        const consumers = this.consumers.filter((c) => c.types.includes(row.type));
        // Few events with consumers per batch: one batch holds SQLite's only connection, and an
        // event whose consumers fan out widely must not keep a crisis alert (or any request)
        // waiting behind it for long. Events for browsers only (most of them) cost a publish, and
        // those already taken are committed and published before such an event's consumers run
        // (a reply reaches the open thread before its followers' notifications are written).
        if (consumers.length > 0 && (consumed >= OUTBOX_BATCH_CONSUMED || published.length > consumed)) break;
        const payload = JSON.parse(row.payload) as StoredPayload;
        const event: BusEvent = { id: row.id, type: row.type, occurredAt: row.created_at, rooms: payload.rooms, data: payload.data };
        for (const c of consumers) await c.handle(event, tx);
        if (consumers.length > 0) consumed += 1;
        published.push(event);
      }
      // The outbox is a queue, not a log: a delivered event leaves nothing behind (erasure relies on it).
      const ids = published.map((e) => e.id);
      for (let i = 0; i < ids.length; i += OUTBOX_BATCH_ROWS) await trx.deleteFrom('outbox').where('id', 'in', ids.slice(i, i + OUTBOX_BATCH_ROWS)).execute();
    });
    for (const fn of committed) fn();
    for (const event of published) await this.opts.bus.publish(event);
    return published.length > 0;
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
