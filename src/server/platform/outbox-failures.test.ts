import type { Migration } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { migrations } from '../../../migrations/index.js';
import { buildTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { BusFailingFor, CRISIS_TEXT, outboxApp, type OutboxApp } from '../../../test/outbox.js';
import { BusUnavailableError, type Bus, type BusEvent } from './bus.js';
import { ManualClock } from './clock.js';
import { openDatabase } from './db.js';
import { newId } from './ids.js';
import { schemaMigrator } from './migrator.js';
import { LEASE_TAKEOVER_GRACE_MS, PUBLISH_LEASE_MS, retryDelayMs, type OutboxConsumer, type Tx } from './outbox.js';

/** Text the failing event carries: it must never reach a log line. */
const SECRET = 'words-only-the-writer-should-see';
/** Method details: held for a supervisor's decision (and an alert raised). */
const METHOD_TEXT = 'I have saved up 40 pills and I am going to take them all tonight.';

/**
 * A consumer of `type` that records each event it handles in a settings row (`${prefix}<key>`)
 * and counts its tries; while `failing()` it writes that row twice, a real failing statement (on
 * PostgreSQL it aborts the transaction until the savepoint is rolled back).
 */
function recorder(type: string, prefix: string, keyOf: (e: BusEvent) => string, failing: () => boolean = () => false) {
  const seen = { tries: 0 };
  const consumer: OutboxConsumer = {
    name: `test ${type}`,
    types: [type],
    async handle(e, tx) {
      seen.tries += 1;
      const row = { key: `${prefix}${keyOf(e)}`, value: e.id, updated_at: tx.now.toISOString() };
      await tx.trx.insertInto('settings').values(row).execute();
      if (failing()) await tx.trx.insertInto('settings').values(row).execute();
    },
  };
  return { consumer, seen };
}
/** A bus that never answers a publish until released (a frozen Redis, or a process about to die). */
class FrozenBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly pending: (() => void)[] = [];
  get waiting(): number {
    return this.pending.length;
  }
  publish(): Promise<void> {
    return new Promise((_, reject) => this.pending.push(() => reject(new BusUnavailableError('no answer', 'BUS_TIMEOUT'))));
  }
  subscribe(): () => void {
    return () => undefined;
  }
  release(): void {
    for (const fail of this.pending.splice(0)) fail();
  }
  async close(): Promise<void> {
    this.release();
  }
}

const alertKey = (e: BusEvent) => (e.data as { alertId: string }).alertId;

type Item = { n: number; bad?: boolean; secret?: string };

/** Writes a settings row per event (a real write in the dispatch transaction) and emits a follow-up event. */
async function store(tx: Tx, prefix: string, e: BusEvent) {
  const { n } = e.data as Item;
  await tx.trx.insertInto('settings').values({ key: `${prefix}${n}`, value: e.id, updated_at: tx.now.toISOString() }).execute();
  await tx.emitInternal('test.echo', { n });
}

describe.each(testDatabases)('outbox failure isolation on $name', (database) => {
  /** The app a test drives, with its consumers and bus, closed however the test ends. */
  const withApp = async (consumers: OutboxConsumer[], bus: Bus | undefined, body: (t: OutboxApp) => Promise<void>) => {
    const t = await outboxApp(database, consumers, bus);
    try {
      await body(t);
    } finally {
      await t.close();
    }
  };

  it('a batch consumer failing on one event: the others and a safety alert behind it are delivered and published; the bad one stays, its attempt counted', async () => {
    const batches: number[][] = [];
    await withApp([{
      name: 'test batch',
      types: ['test.batch'],
      handle: () => Promise.reject(new Error('handleBatch is used for this type')),
      async handleBatch(events, tx) {
        batches.push(events.map((e) => (e.data as Item).n));
        for (const e of events) {
          await store(tx, 'iso_', e);
          // A real failing statement (on PostgreSQL it aborts the transaction until the savepoint is rolled back).
          if ((e.data as Item).bad) await tx.trx.insertInto('settings').values({ key: `iso_${(e.data as Item).n}`, value: 'again', updated_at: tx.now.toISOString() }).execute();
        }
      },
    }], undefined, async (t) => {
      await t.app.kindred.uow.run(async (tx) => {
        for (const n of [0, 1, 2, 3]) await tx.emitInternal('test.batch', n === 2 ? { n, bad: true, secret: SECRET } : { n });
        await tx.emit('safety.alert_escalated', { alertId: 'a1', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']);
      });
      t.start();
      await t.drain();

      // The whole run first, then (after it failed) event by event.
      expect(batches).toEqual([[0, 1, 2, 3], [0], [1], [2], [3]]);
      expect(await t.stored('iso_')).toEqual(['iso_0', 'iso_1', 'iso_3']);
      const types = t.published.map((e) => (e.type === 'test.batch' || e.type === 'test.echo' ? `${e.type} ${(e.data as Item).n}` : e.type));
      expect(types).toEqual(['test.batch 0', 'test.batch 1', 'test.batch 3', 'safety.alert_escalated', 'test.echo 0', 'test.echo 1', 'test.echo 3']);
      const left = await t.outbox();
      expect(left).toHaveLength(1);
      expect(JSON.parse(left[0]!.payload).data).toEqual({ n: 2, bad: true, secret: SECRET });
      expect(left[0]).toMatchObject({ type: 'test.batch', attempts: 1, failed_at: t.clock.now().toISOString(), dead_at: null });
      expect(left[0]!.retry_at! > t.clock.now().toISOString()).toBe(true);

      // Logged by type and id, never with what the event carries.
      expect(t.logStream.text).toContain(left[0]!.id);
      expect(t.logStream.text).toContain('test.batch');
      expect(t.logStream.text).not.toContain(SECRET);
      expect(await t.metric('kindred_outbox_failing_events')).toBe(1);
      expect(await t.metric('kindred_outbox_dead_events')).toBe(0);

      // Waiting out its backoff, it is not taken again: later events go straight through.
      await t.app.kindred.uow.run((tx) => tx.emitInternal('test.batch', { n: 4 }));
      await t.drain();
      expect(batches.slice(5)).toEqual([[4]]);
      expect(await t.stored('iso_')).toEqual(['iso_0', 'iso_1', 'iso_3', 'iso_4']);
    });
  });

  it('sets an event aside after five failures, with backoff between them, and reports it on /metrics', async () => {
    let tries = 0;
    await withApp([{
      name: 'test always fails',
      types: ['test.poison'],
      async handle() {
        tries += 1;
        throw new Error(`cannot handle ${SECRET}`);
      },
    }], undefined, async (t) => {
      await t.app.kindred.uow.run((tx) => tx.emitInternal('test.poison', { n: 1, secret: SECRET }));
      t.start();
      await t.drain();
      expect(tries).toBe(1);
      // Within the backoff nothing is retried, however often the dispatcher polls.
      await t.drain();
      await t.drain();
      expect(tries).toBe(1);
      for (let attempt = 2; attempt <= 5; attempt++) {
        t.clock.advance(30 * 60_000);
        await t.drain();
        expect(tries).toBe(attempt);
      }
      const [row] = await t.outbox();
      expect(row).toMatchObject({ type: 'test.poison', attempts: 5, dead_at: t.clock.now().toISOString(), retry_at: null });
      // Set aside: never taken again.
      t.clock.advance(24 * 60 * 60_000);
      await t.drain();
      expect(tries).toBe(5);
      expect(await t.metric('kindred_outbox_dead_events')).toBe(1);
      expect(await t.metric('kindred_outbox_failing_events')).toBe(0);
      expect(await t.metric('kindred_outbox_pending_events')).toBe(0);
      expect(await t.metric('kindred_outbox_oldest_pending_age_seconds')).toBe(0);
      expect(t.logStream.text).toContain('set aside');
      expect(t.logStream.text).toContain(row!.id);
      expect(t.logStream.text).not.toContain(SECRET);
      // Safety events written afterwards still flow.
      await t.app.kindred.uow.run((tx) => tx.emit('safety.alert_escalated', { alertId: 'a2', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']));
      await t.drain();
      expect(t.published.map((e) => e.type)).toEqual(['safety.alert_escalated']);
      // An operator requeues it (README "Restarts and monitoring"): taken at the next drain.
      await t.app.kindred.database.db.updateTable('outbox').set({ dead_at: null, retry_at: null, attempts: 0 }).where('id', '=', row!.id).execute();
      await t.drain();
      expect(tries).toBe(6);
    });
  });

  it('a transient failure that succeeds on retry delivers every event exactly once, a fan-out included', async () => {
    // Each fails twice: in its run, and alone when the run is retried event by event; then it works.
    const failures = new Map([
      [1, 2],
      [12, 2],
    ]);
    const committed: number[] = [];
    await withApp([{
      name: 'test flaky',
      types: ['test.flaky', 'test.flaky_many'],
      async handle(e, tx) {
        const { n } = e.data as Item;
        await store(tx, 'flaky_', e);
        tx.afterCommit(() => committed.push(n));
        const left = failures.get(n) ?? 0;
        if (left > 0) {
          failures.set(n, left - 1);
          throw new Error('temporarily unavailable');
        }
      },
    }], undefined, async (t) => {
      await t.app.kindred.uow.run(async (tx) => {
        for (const n of [0, 1, 2]) await tx.emitInternal('test.flaky', { n });
        // A test type, so no real consumer runs: emitMany is typed for the app's events only.
        const emitAny = tx.emitMany as (type: string, events: { data: unknown; rooms: string[] }[]) => Promise<void>;
        await emitAny('test.flaky_many', [10, 11, 12, 13].map((n) => ({ data: { n }, rooms: [`room:${n}`] })));
      });
      t.start();
      await t.drain();
      expect(committed).toEqual([0, 2, 10, 11, 13]);
      const left = await t.outbox();
      expect(left.map((r) => r.type)).toEqual(['test.flaky', 'test.flaky_many']);
      // The fan-out row keeps only its undelivered event.
      expect((JSON.parse(left[1]!.payload).fanOut as { data: Item }[]).map((e) => e.data.n)).toEqual([12]);

      t.clock.advance(60_000);
      await t.drain();
      expect(committed).toEqual([0, 2, 10, 11, 13, 1, 12]);
      expect(await t.stored('flaky_')).toEqual(['flaky_0', 'flaky_1', 'flaky_10', 'flaky_11', 'flaky_12', 'flaky_13', 'flaky_2']);
      expect(await t.outbox()).toEqual([]);
      const delivered = t.published.filter((e) => e.type.startsWith('test.flaky'));
      expect(delivered.map((e) => (e.data as Item).n).sort((a, b) => a - b)).toEqual([0, 1, 2, 10, 11, 12, 13]);
      expect(new Set(delivered.map((e) => e.id)).size).toBe(7);
      expect(t.published.filter((e) => e.type === 'test.echo').map((e) => (e.data as Item).n).sort((a, b) => a - b)).toEqual([0, 1, 2, 10, 11, 12, 13]);
    });
  });

  it('a crisis alert whose consumer keeps failing is never set aside: retried at least every minute, logged each time, counted on /metrics, then delivered once', async () => {
    let failing = true;
    // Failing until whatever it depends on is mended.
    const pager = recorder('safety.alert_raised', 'paged_', alertKey, () => failing);
    await withApp([pager.consumer], undefined, async (t) => {
      const alertRow = await t.raiseCrisisAlert();
      t.start();
      await t.drain();
      expect(pager.seen.tries).toBe(1);
      // 5 s, 20 s, then never more than 60 s between tries, long after a normal event would be set aside (5 failures).
      const waits = [5, 20, 60, 60, 60, 60, 60, 60, 60, 60, 60];
      for (const [i, seconds] of waits.entries()) {
        t.clock.advance((seconds - 1) * 1000);
        await t.drain();
        expect(pager.seen.tries, `still backing off before try ${i + 2}`).toBe(i + 1);
        t.clock.advance(1000);
        await t.drain();
        expect(pager.seen.tries, `try ${i + 2}`).toBe(i + 2);
      }
      const [row] = (await t.outbox()).filter((r) => r.id === alertRow.id);
      expect(row).toMatchObject({ attempts: 12, dead_at: null, retry_at: new Date(t.clock.now().getTime() + 60_000).toISOString() });
      expect(await t.metric('kindred_outbox_failing_safety_events')).toBe(1);
      expect(await t.metric('kindred_outbox_failing_events')).toBe(1);
      expect(await t.metric('kindred_outbox_dead_events')).toBe(0);
      // An error line at every failure, by type, id and attempt; never what the member wrote.
      const lines = t.logStream.text.split('\n').filter((l) => l.includes('"crisis":true'));
      expect(lines).toHaveLength(12);
      expect(lines.every((l) => l.includes(alertRow.id) && l.includes('safety.alert_raised') && l.includes('"level":50'))).toBe(true);
      expect(lines.at(-1)).toContain('"attempts":12');
      expect(t.logStream.text).not.toContain(CRISIS_TEXT);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised')).toEqual([]);

      // Mended: the next try delivers it, once, and the gauge falls back to 0.
      failing = false;
      t.clock.advance(60_000);
      await t.drain();
      expect(pager.seen.tries).toBe(13);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised').map((e) => e.id)).toEqual([alertRow.id]);
      expect(await t.stored('paged_')).toHaveLength(1);
      expect((await t.outbox()).filter((r) => r.id === alertRow.id)).toEqual([]);
      expect(await t.metric('kindred_outbox_failing_safety_events')).toBe(0);
    });
  });

  it('a crisis alert set aside in the database (by an older instance during a rolling deploy) is put back and delivered when the dispatcher starts; other set-aside events stay', async () => {
    const pager = recorder('safety.alert_raised', 'paged_', alertKey);
    await withApp([pager.consumer], undefined, async (t) => {
      const alertRow = await t.raiseCrisisAlert();
      await t.app.kindred.uow.run((tx) => tx.emitInternal('test.poison', { n: 1 }));
      const set = t.clock.now().toISOString();
      // What an instance of the version before never-set-aside wrote after five failures.
      await t.app.kindred.database.db.updateTable('outbox').set({ attempts: 5, failed_at: set, dead_at: set, retry_at: null }).execute();

      // A drain alone takes nothing set aside: the row really is dead until the start pass.
      t.start();
      await t.drain();
      expect(pager.seen.tries).toBe(0);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised')).toEqual([]);

      await t.boot();
      expect(pager.seen.tries).toBe(1);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised').map((e) => e.id)).toEqual([alertRow.id]);
      const left = await t.outbox();
      expect(left.filter((r) => r.type.startsWith('safety.alert'))).toEqual([]);
      expect(left.filter((r) => r.type === 'test.poison')).toMatchObject([{ dead_at: set }]);
      expect(t.logStream.text).toContain(alertRow.id);
      expect(t.logStream.text).not.toContain(CRISIS_TEXT);
    });
  });

  it('a bus publish that fails keeps that event in the outbox, published again later; the events behind it, a crisis alert last, are published at once; logged without the payload', async () => {
    let down = true;
    await withApp([{ name: 'test counter', types: ['test.live'], handle: (e, tx) => store(tx, 'live_', e) }], new BusFailingFor((e) => down && e.type === 'test.live' && (e.data as Item).n === 1), async (t) => {
      await t.app.kindred.uow.run(async (tx) => {
        for (const n of [0, 1, 2]) await tx.emitInternal('test.live', n === 1 ? { n, secret: SECRET } : { n });
        await tx.emit('safety.alert_escalated', { alertId: 'a1', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']);
      });
      const [, failing] = await t.outbox();
      t.start();
      await t.drain();
      const named = () => t.published.map((e) => (e.type === 'test.live' || e.type === 'test.echo' ? `${e.type} ${(e.data as Item).n}` : e.type));
      expect(named()).toEqual(['test.live 0', 'test.live 2', 'safety.alert_escalated', 'test.echo 0', 'test.echo 1', 'test.echo 2']);
      // Its consumer ran once; the event is back in the outbox, under its own id, to be published only.
      expect(await t.stored('live_')).toEqual(['live_0', 'live_1', 'live_2']);
      const [kept] = await t.outbox();
      expect(kept).toMatchObject({ id: failing!.id, type: 'test.live', attempts: 1, dead_at: null });
      expect(kept!.retry_at! > t.clock.now().toISOString()).toBe(true);
      const line = t.logStream.text.split('\n').find((l) => l.includes('not published'));
      expect(line).toContain(failing!.id);
      expect(line).toContain('test.live');
      expect(line).toContain('MaxRetriesPerRequestError');
      expect(t.logStream.text).not.toContain(SECRET);

      // Within its backoff it waits, however often the dispatcher runs; still failing, it stays.
      await t.drain();
      expect(named().filter((n) => n === 'test.live 1')).toEqual([]);
      t.clock.advance(5_000);
      await t.drain();
      expect(await t.outbox()).toMatchObject([{ id: failing!.id, attempts: 2, dead_at: null }]);
      // The bus is back: published once, with its own id, and its consumer did not run again.
      down = false;
      t.clock.advance(60_000);
      await t.drain();
      expect(t.published.filter((e) => e.id === failing!.id)).toHaveLength(1);
      expect(t.published.find((e) => e.id === failing!.id)).toMatchObject({ type: 'test.live', data: { n: 1, secret: SECRET } });
      expect(await t.stored('live_')).toEqual(['live_0', 'live_1', 'live_2']);
      expect(await t.outbox()).toEqual([]);
    });
  });

  it('a consumer\'s after-commit hook that throws skips nothing: the other hooks run and every event of the batch, a crisis alert last, is published; logged without the message', async () => {
    const ran: string[] = [];
    await withApp([{
      name: 'test hooks',
      types: ['test.hooked'],
      async handle(e, tx) {
        const { n } = e.data as Item;
        tx.afterCommit(() => {
          if (n === 0) throw new Error(`hook failed on ${SECRET}`);
          ran.push(`hook ${n}`);
        });
      },
    }], undefined, async (t) => {
      await t.app.kindred.uow.run(async (tx) => {
        for (const n of [0, 1]) await tx.emitInternal('test.hooked', { n });
        await tx.emit('safety.alert_escalated', { alertId: 'a1', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']);
      });
      t.start();
      await t.drain();
      expect(ran).toEqual(['hook 1']);
      expect(t.published.map((e) => e.type)).toEqual(['test.hooked', 'test.hooked', 'safety.alert_escalated']);
      expect(await t.outbox()).toEqual([]);
      const line = t.logStream.text.split('\n').find((l) => l.includes('after-commit hook'));
      expect(line).toContain('"name":"Error"');
      expect(t.logStream.text).not.toContain(SECRET);
      // Nothing else went wrong: the dispatcher did not give up on the batch.
      expect(t.logStream.text).not.toContain('outbox dispatch failed');
    });
  });

  it('a held text\'s decision (its author waits for it) is never set aside: retried at least every minute, not counted as a crisis, put back if an older version set it aside, then delivered once', async () => {
    let failing = true;
    const notice = recorder('safety.held_content_decided', 'told_', (e) => (e.data as { heldId: string }).heldId, () => failing);
    await withApp([notice.consumer], undefined, async (t) => {
      // A real held text (method details), decided by a real supervisor.
      const author = await buildUser(t.app);
      expect((await author.client.patch('/api/me/profile', { bio: METHOD_TEXT })).json().safety.held).toBe(true);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const item = ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).find((h) => h.objectId === author.id)!;
      expect((await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' })).statusCode).toBe(200);
      const [decided] = (await t.outbox()).filter((r) => r.type === 'safety.held_content_decided');
      expect(decided).toBeDefined();
      t.start();
      await t.drain();
      expect(notice.seen.tries).toBe(1);
      // Far past the five failures that set an ordinary event aside.
      for (const [i, seconds] of [5, 20, 60, 60, 60, 60, 60].entries()) {
        t.clock.advance((seconds - 1) * 1000);
        await t.drain();
        expect(notice.seen.tries, `still backing off before try ${i + 2}`).toBe(i + 1);
        t.clock.advance(1000);
        await t.drain();
        expect(notice.seen.tries, `try ${i + 2}`).toBe(i + 2);
      }
      expect((await t.outbox()).find((r) => r.id === decided!.id)).toMatchObject({ attempts: 8, dead_at: null });
      expect(await t.metric('kindred_outbox_dead_events')).toBe(0);
      expect(await t.metric('kindred_outbox_failing_events')).toBe(1);
      // Not a crisis: the gauge that pages someone stays at 0, and its log lines do not say crisis.
      expect(await t.metric('kindred_outbox_failing_safety_events')).toBe(0);
      const lines = t.logStream.text.split('\n').filter((l) => l.includes(decided!.id));
      expect(lines).toHaveLength(8);
      expect(lines.every((l) => l.includes('never set aside') && !l.includes('"crisis":true'))).toBe(true);
      expect(t.logStream.text).not.toContain(METHOD_TEXT);

      // An older version set it aside (a rolling deploy): the start pass puts it back; mended, delivered once.
      const set = t.clock.now().toISOString();
      await t.app.kindred.database.db.updateTable('outbox').set({ dead_at: set, retry_at: null }).where('id', '=', decided!.id).execute();
      failing = false;
      await t.boot();
      expect(notice.seen.tries).toBe(9);
      expect(t.published.filter((e) => e.type === 'safety.held_content_decided')).toMatchObject([{ id: decided!.id, rooms: [`user:${author.id}`], data: { status: 'released' } }]);
      expect(await t.stored('told_')).toHaveLength(1);
      expect(await t.outbox()).toEqual([]);
    });
  });

  it('the dispatcher puts back a crisis alert set aside in the database about once a minute while it runs, not only at start', async () => {
    const pager = recorder('safety.alert_raised', 'paged_', alertKey);
    await withApp([pager.consumer], undefined, async (t) => {
      await t.boot();
      // After the start pass: an older instance takes an alert and sets it aside (its five failures
      // are its own); this one does not take it meanwhile.
      t.options.enabled = false;
      await t.raiseCrisisAlert();
      t.options.enabled = true;
      const set = t.clock.now().toISOString();
      await t.app.kindred.database.db.updateTable('outbox').set({ attempts: 5, failed_at: set, dead_at: set, retry_at: null }).where('type', '=', 'safety.alert_raised').execute();
      const [alertRow] = (await t.outbox()).filter((r) => r.type === 'safety.alert_raised');
      expect(alertRow).toMatchObject({ dead_at: set });
      // The polls within the minute after the start pass leave it (2 s, 20 s, 59 s after it).
      for (const seconds of [2, 18, 39]) {
        t.clock.advance(seconds * 1000);
        await t.poll();
      }
      expect(pager.seen.tries).toBe(0);
      expect((await t.outbox()).filter((r) => r.id === alertRow!.id)).toMatchObject([{ dead_at: set }]);
      // The first poll a minute after the start pass puts it back, and the drain delivers it.
      t.clock.advance(1000);
      await t.poll();
      expect(pager.seen.tries).toBe(1);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised').map((e) => e.id)).toEqual([alertRow!.id]);
      expect(await t.outbox()).toEqual([]);
      expect(t.logStream.text.split('\n').filter((l) => l.includes('had been set aside') && l.includes(alertRow!.id))).toHaveLength(1);
    });
  });

  it('a crash between the dispatch commit and the publish loses no event: the row stays, consumed, and the next start publishes it (once its lease is older than the take-over grace), without running its consumer again; a running instance leaves a leased row alone until its lease is over', async () => {
    const made = await database.create({ persistent: true });
    // Two lives of the app on one database; the second's cleanup drops it.
    const life = { ...database, create: async () => ({ ...made, cleanup: async () => undefined }) };
    const frozen = new FrozenBus();
    const live = recorder('test.live', 'live_', (e) => String((e.data as Item).n));
    const first = await outboxApp(life, [live.consumer], frozen);
    let second: OutboxApp | null = null;
    try {
      await first.app.kindred.uow.run((tx) => tx.emitInternal('test.live', { n: 1, secret: SECRET }));
      const [row] = await first.outbox();
      // First life: the consumer's work commits, then the publish never returns (the process dies there).
      first.start();
      first.app.kindred.dispatcher.kick();
      await vi.waitFor(() => expect(frozen.waiting).toBe(1), { timeout: 10_000, interval: 20 });
      expect(await first.stored('live_')).toEqual(['live_1']);
      expect(await first.outbox()).toMatchObject([{ id: row!.id, consumed_at: first.clock.now().toISOString(), attempts: 0 }]);

      // Second life, on the same database, a moment later: a lease this young may be a live
      // instance's (published, its delete a second away), so the start leaves it. Once the grace has
      // passed, the poll takes the lease over and publishes the row once, without consuming it again
      // (a live push does not wait out the 30 s lease after a crash).
      const moment = new ManualClock();
      moment.advance(1);
      second = await outboxApp({ ...database, create: async () => made }, [live.consumer], undefined, { clock: moment });
      await second.boot();
      expect(second.published.filter((e) => e.type === 'test.live')).toEqual([]);
      second.clock.advance(LEASE_TAKEOVER_GRACE_MS);
      await second.poll();
      expect(second.published.filter((e) => e.type === 'test.live')).toMatchObject([{ id: row!.id, data: { n: 1, secret: SECRET } }]);
      expect(live.seen.tries).toBe(1);
      expect(await second.stored('live_')).toEqual(['live_1']);
      expect(await second.outbox()).toEqual([]);

      // Once running, an instance leaves a row another one leased alone until the lease is over.
      const leasedAt = second.clock.now();
      const leased = { id: newId(), type: 'test.live', payload: JSON.stringify({ rooms: [], data: { n: 2 } }), created_at: leasedAt.toISOString(), attempts: 0, consumed_at: leasedAt.toISOString(), retry_at: new Date(leasedAt.getTime() + PUBLISH_LEASE_MS).toISOString() };
      await second.app.kindred.database.db.insertInto('outbox').values(leased).execute();
      second.clock.advance(PUBLISH_LEASE_MS - 1_000);
      await second.drain();
      expect(second.published.filter((e) => e.type === 'test.live').map((e) => e.id)).toEqual([row!.id]);
      second.clock.advance(1_000);
      await second.drain();
      expect(second.published.filter((e) => e.type === 'test.live').map((e) => e.id)).toEqual([row!.id, leased.id]);
      expect(live.seen.tries).toBe(1);
      expect(await second.outbox()).toEqual([]);
    } finally {
      // The first life's publish fails at last; settling finds the row gone and changes nothing.
      frozen.release();
      await first.close();
      await (second ?? { close: made.cleanup }).close();
    }
  });

  it('publish-only rows sharing batches with fresh ones never run their consumers again, and a backlog of them does not hold back a crisis alert past its own batch', async () => {
    const live = recorder('test.live', 'live_', (e) => String((e.data as Item).n));
    await withApp([live.consumer], undefined, async (t) => {
      // A backlog left by a Redis outage, due again: more than a batch's rows (200), of a type that
      // has a consumer; two written by a version before 0029 (the flag in the payload).
      const at = t.clock.now().toISOString();
      const backlog = Array.from({ length: 250 }, (_, n) => ({
        id: newId(),
        type: 'test.live',
        payload: JSON.stringify({ rooms: [], data: { n }, ...(n < 2 ? { publishOnly: true } : {}) }),
        created_at: at,
        attempts: 1,
        consumed_at: n < 2 ? null : at,
      }));
      await t.app.kindred.database.db.insertInto('outbox').values(backlog).execute();
      await t.app.kindred.uow.run(async (tx) => {
        await tx.emitInternal('test.live', { n: 1000 });
        await tx.emit('safety.alert_escalated', { alertId: 'a1', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']);
        await tx.emitInternal('test.live', { n: 1001 });
      });
      t.start();
      await t.drain();
      // Only the fresh events were consumed, each once, though the batches mixed them with the backlog.
      expect(live.seen.tries).toBe(2);
      expect(await t.stored('live_')).toEqual(['live_1000', 'live_1001']);
      // Everything published once, in commit order: the alert ends its batch, right after the backlog.
      const order = t.published.filter((e) => e.type !== 'test.echo').map((e) => (e.type === 'test.live' ? (e.data as Item).n : e.type));
      expect(order).toEqual([...backlog.map((_, n) => n), 1000, 'safety.alert_escalated', 1001]);
      expect(await t.outbox()).toEqual([]);
    });
  });

  it('with a large maxAttempts, the wait between retries stops growing at a day: retry_at stays a real date that sorts after now', async () => {
    let tries = 0;
    await withApp([{
      name: 'test always fails',
      types: ['test.poison'],
      async handle() {
        tries += 1;
        throw new Error('cannot handle it');
      },
    }], undefined, async (t) => {
      t.options.maxAttempts = 1000;
      await t.app.kindred.uow.run((tx) => tx.emitInternal('test.poison', { n: 1 }));
      t.start();
      // 4^24 x 5 s would be year ~10^6 uncapped; 30 tries go well past it.
      for (let attempt = 1; attempt <= 30; attempt++) {
        await t.drain();
        expect(tries).toBe(attempt);
        const [row] = await t.outbox();
        const now = t.clock.now();
        expect(row!.retry_at! > now.toISOString(), `attempt ${attempt}: ${row!.retry_at}`).toBe(true);
        expect(Date.parse(row!.retry_at!) - now.getTime()).toBe(Math.min(5_000 * 4 ** (attempt - 1), 24 * 60 * 60_000));
        t.clock.advance(24 * 60 * 60_000);
      }
    });
  });
});

describe.each(testDatabases)('migration 0027 on an outbox written before it, on $name', (database) => {
  it('puts the crisis events an older version set aside back in the queue, and leaves the other set-aside events as they were', async () => {
    const made = await database.create({ persistent: true });
    const handle = openDatabase(made.url, made.pgSchema ? { schema: made.pgSchema } : {});
    const set = '2026-01-15T11:00:00.000Z';
    const row = (id: string, type: string) => ({ id, type, payload: JSON.stringify({ rooms: [], data: { n: id } }), created_at: set, attempts: 5, failed_at: set, retry_at: null, dead_at: set });
    try {
      // The schema as it was before 0027, with what that version left: events set aside after five failures.
      const before: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) if (name < '0027') before[name] = { up: (db) => m.up(db, { dialect: handle.dialect }) };
      const migrator = schemaMigrator(handle.db, { getMigrations: async () => before }, made.pgSchema);
      const { error } = await migrator.migrateToLatest();
      if (error) throw error;
      await handle.db
        .insertInto('outbox')
        .values([row('e1', 'safety.alert_raised'), row('e2', 'safety.alert_escalated'), row('e3', 'safety.alert_updated'), row('e4', 'test.poison'), row('e5', 'safety.held_content_decided')])
        .execute();
    } finally {
      await handle.close();
    }
    // The app migrates on start; its dispatcher is off, so what the migration did is what is seen.
    const built = await buildTestApp({ ...database, create: async () => made }, { dispatchEvents: false });
    try {
      const rows = await built.app.kindred.database.db.selectFrom('outbox').select(['id', 'attempts', 'retry_at', 'dead_at']).orderBy('id').execute();
      expect(rows).toEqual([
        // Live again, taken at the next poll; their attempts kept (the next failure waits the capped minute).
        { id: 'e1', attempts: 5, retry_at: null, dead_at: null },
        { id: 'e2', attempts: 5, retry_at: null, dead_at: null },
        { id: 'e3', attempts: 5, retry_at: null, dead_at: null },
        // Not crisis events: the migration leaves them (the held decision is put back by the dispatcher's start pass, tested above).
        { id: 'e4', attempts: 5, retry_at: null, dead_at: set },
        { id: 'e5', attempts: 5, retry_at: null, dead_at: set },
      ]);
    } finally {
      await built.close();
    }
  });
});

describe('outbox retry delay', () => {
  it('grows four times per failure from the base, capped at the cap given and never past a day', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, 5_000))).toEqual([5_000, 20_000, 80_000]);
    expect(retryDelayMs(10, 5_000)).toBe(24 * 60 * 60_000);
    expect(retryDelayMs(1_000_000, 5_000)).toBe(24 * 60 * 60_000);
    expect(retryDelayMs(4, 5_000, 60_000)).toBe(60_000);
    expect(retryDelayMs(1_000, 5_000, Number.MAX_SAFE_INTEGER)).toBe(24 * 60 * 60_000);
    // Whatever the attempts, a date from it is a four-digit year.
    expect(new Date(Date.UTC(9000, 0) + retryDelayMs(1e9, 1e9)).toISOString()).toMatch(/^9000-01-02T/);
  });
});
