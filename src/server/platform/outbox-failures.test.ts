import { describe, expect, it } from 'vitest';
import { buildTestApp, LogCapture } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { InProcessBus, type BusEvent } from './bus.js';
import type { OutboxConsumer, Tx } from './outbox.js';

const TOKEN = 'outbox-metrics-token-0123456789-abcdef';
/** Text the failing event carries: it must never reach a log line. */
const SECRET = 'words-only-the-writer-should-see';
/** Words the safety screen raises an alert for. */
const CRISIS_TEXT = 'I want to kill myself.';

/**
 * An app whose dispatcher starts once the test consumer is registered (ADR 024): events written
 * before are taken in one drain, in commit order, like those a crash or a busy minute leaves.
 */
async function appWith(database: (typeof testDatabases)[number], consumer: OutboxConsumer) {
  const bus = new InProcessBus();
  const published: BusEvent[] = [];
  bus.subscribe((e) => void published.push(e));
  const logStream = new LogCapture();
  const built = await buildTestApp(database, { bus, dispatchEvents: false, logStream, config: { metricsToken: TOKEN } });
  const dispatcher = built.app.kindred.dispatcher;
  dispatcher.register(consumer);
  const start = () => {
    (dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
  };
  const drain = async () => {
    dispatcher.kick();
    await dispatcher.idle();
  };
  const outbox = () =>
    built.app.kindred.database.db.selectFrom('outbox').select(['id', 'type', 'payload', 'attempts', 'failed_at', 'retry_at', 'dead_at']).orderBy('id').execute();
  const stored = async (prefix: string) =>
    (await built.app.kindred.database.db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((r) => r.key);
  const metric = async (name: string) => {
    const text = (await built.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };
  return { ...built, published, logStream, start, drain, outbox, stored, metric };
}

type Item = { n: number; bad?: boolean; secret?: string };

/** Writes a settings row per event (a real write in the dispatch transaction) and emits a follow-up event. */
async function store(tx: Tx, prefix: string, e: BusEvent) {
  const { n } = e.data as Item;
  await tx.trx.insertInto('settings').values({ key: `${prefix}${n}`, value: e.id, updated_at: tx.now.toISOString() }).execute();
  await tx.emitInternal('test.echo', { n });
}

describe.each(testDatabases)('outbox failure isolation on $name', (database) => {
  it('a batch consumer failing on one event: the others and a safety alert behind it are delivered and published; the bad one stays, its attempt counted', async () => {
    const batches: number[][] = [];
    const t = await appWith(database, {
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
    });
    try {
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
    } finally {
      await t.close();
    }
  });

  it('sets an event aside after five failures, with backoff between them, and reports it on /metrics', async () => {
    let tries = 0;
    const t = await appWith(database, {
      name: 'test always fails',
      types: ['test.poison'],
      async handle() {
        tries += 1;
        throw new Error(`cannot handle ${SECRET}`);
      },
    });
    try {
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
    } finally {
      await t.close();
    }
  });

  it('a transient failure that succeeds on retry delivers every event exactly once, a fan-out included', async () => {
    // Each fails twice: in its run, and alone when the run is retried event by event; then it works.
    const failures = new Map([
      [1, 2],
      [12, 2],
    ]);
    const committed: number[] = [];
    const t = await appWith(database, {
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
    });
    try {
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
    } finally {
      await t.close();
    }
  });

  it('a crisis alert whose consumer keeps failing is never set aside: retried at least every minute, logged each time, counted on /metrics, then delivered once', async () => {
    let failing = true;
    let tries = 0;
    const t = await appWith(database, {
      name: 'test alert pager',
      types: ['safety.alert_raised'],
      async handle(e, tx) {
        tries += 1;
        const row = { key: `paged_${(e.data as { alertId: string }).alertId}`, value: e.id, updated_at: tx.now.toISOString() };
        await tx.trx.insertInto('settings').values(row).execute();
        // A real failing statement (the same key twice), until whatever it depends on is mended.
        if (failing) await tx.trx.insertInto('settings').values(row).execute();
      },
    });
    try {
      // A real alert, raised by the safety screen of a member's own words.
      const member = await buildUser(t.app);
      await member.client.patch('/api/me/profile', { bio: CRISIS_TEXT });
      const [alertRow] = (await t.outbox()).filter((r) => r.type === 'safety.alert_raised');
      expect(alertRow).toBeDefined();
      t.start();
      await t.drain();
      expect(tries).toBe(1);
      // 5 s, 20 s, then never more than 60 s between tries, long after a normal event would be set aside (5 failures).
      const waits = [5, 20, 60, 60, 60, 60, 60, 60, 60, 60, 60];
      for (const [i, seconds] of waits.entries()) {
        t.clock.advance((seconds - 1) * 1000);
        await t.drain();
        expect(tries, `still backing off before try ${i + 2}`).toBe(i + 1);
        t.clock.advance(1000);
        await t.drain();
        expect(tries, `try ${i + 2}`).toBe(i + 2);
      }
      const [row] = (await t.outbox()).filter((r) => r.id === alertRow!.id);
      expect(row).toMatchObject({ attempts: 12, dead_at: null, retry_at: new Date(t.clock.now().getTime() + 60_000).toISOString() });
      expect(await t.metric('kindred_outbox_failing_safety_events')).toBe(1);
      expect(await t.metric('kindred_outbox_failing_events')).toBe(1);
      expect(await t.metric('kindred_outbox_dead_events')).toBe(0);
      // An error line at every failure, by type, id and attempt; never what the member wrote.
      const lines = t.logStream.text.split('\n').filter((l) => l.includes('"crisis":true'));
      expect(lines).toHaveLength(12);
      expect(lines.every((l) => l.includes(alertRow!.id) && l.includes('safety.alert_raised') && l.includes('"level":50'))).toBe(true);
      expect(lines.at(-1)).toContain('"attempts":12');
      expect(t.logStream.text).not.toContain(CRISIS_TEXT);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised')).toEqual([]);

      // Mended: the next try delivers it, once, and the gauge falls back to 0.
      failing = false;
      t.clock.advance(60_000);
      await t.drain();
      expect(tries).toBe(13);
      expect(t.published.filter((e) => e.type === 'safety.alert_raised').map((e) => e.id)).toEqual([alertRow!.id]);
      expect(await t.stored('paged_')).toHaveLength(1);
      expect((await t.outbox()).filter((r) => r.id === alertRow!.id)).toEqual([]);
      expect(await t.metric('kindred_outbox_failing_safety_events')).toBe(0);
    } finally {
      await t.close();
    }
  });
});
