import { describe, expect, it, vi } from 'vitest';
import { buildTestApp, LogCapture } from '../../../test/app.js';
import { TestClient } from '../../../test/client.js';
import { testDatabases } from '../../../test/databases.js';
import { InProcessBus, type BusEvent } from './bus.js';
import { ManualClock } from './clock.js';
import { LEASE_TAKEOVER_GRACE_MS, NestedUnitOfWorkError, unitGuardEnabled, type BeforeCommit } from './outbox.js';

describe.each(testDatabases)('outbox on $name', (database) => {
  it('commits an event with its change and delivers it after commit; a rolled-back change emits nothing', async () => {
    const bus = new InProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const { app, close } = await buildTestApp(database, { bus });
    try {
      await app.kindred.uow.run(async (tx) => {
        await tx.emit('account.roles_changed', { userId: 'u1', roles: ['member'] }, ['user:u1']);
      });
      await app.kindred.dispatcher.idle();
      expect(seen.map((e) => e.type)).toEqual(['account.roles_changed']);
      expect(seen[0]!.rooms).toEqual(['user:u1']);

      await expect(
        app.kindred.uow.run(async (tx) => {
          await tx.emit('account.roles_changed', { userId: 'u2', roles: [] }, ['user:u2']);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await app.kindred.dispatcher.idle();
      expect(seen).toHaveLength(1);
      const left = await app.kindred.database.db.selectFrom('outbox').selectAll().execute();
      expect(left).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps units of work that run together apart: one that fails leaves nothing and emits nothing, the others are stored', async () => {
    const bus = new InProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const { app, close } = await buildTestApp(database, { bus });
    try {
      // Started in one turn of the event loop: on SQLite they share one transaction (ADR 017).
      const write = (key: string, fail: boolean) =>
        app.kindred.uow.run(async (tx) => {
          await tx.trx.insertInto('settings').values({ key, value: '1', updated_at: tx.now.toISOString() }).execute();
          await tx.emit('account.roles_changed', { userId: key, roles: [] }, [`user:${key}`]);
          if (fail) throw new Error(`${key} failed`);
          return key;
        });
      const results = await Promise.allSettled([write('together_a', false), write('together_b', true), write('together_c', false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const stored = await app.kindred.database.db.selectFrom('settings').select('key').where('key', 'like', 'together_%').orderBy('key').execute();
      expect(stored.map((r) => r.key)).toEqual(['together_a', 'together_c']);
      await app.kindred.dispatcher.idle();
      const users = seen.filter((e) => e.type === 'account.roles_changed').map((e) => (e.data as { userId: string }).userId);
      // One SQLite group keeps its units' order; PostgreSQL commits the three apart, in any order.
      expect(database.name === 'sqlite' ? users : [...users].sort()).toEqual(['together_a', 'together_c']);
    } finally {
      await close();
    }
  });

  it('a commit hook that throws fails only its own caller; the others of its group get their results', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const write = (key: string, hookThrows: boolean) =>
        app.kindred.uow.run(async (tx) => {
          await tx.trx.insertInto('settings').values({ key, value: '1', updated_at: tx.now.toISOString() }).execute();
          if (hookThrows) tx.afterCommit(() => {
            throw new Error(`${key} hook failed`);
          });
          return key;
        });
      const results = await Promise.allSettled([write('hook_a', false), write('hook_b', true), write('hook_c', false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
      // Stored all the same: the hook ran after the commit, as it always did.
      const stored = await app.kindred.database.db.selectFrom('settings').select('key').where('key', 'like', 'hook_%').orderBy('key').execute();
      expect(stored.map((r) => r.key)).toEqual(['hook_a', 'hook_b', 'hook_c']);
      // And the next unit of work still runs.
      await expect(write('hook_d', false)).resolves.toBe('hook_d');
    } finally {
      await close();
    }
  });

  it('runs before-commit work once a transaction, after all its units\' work, never for a unit that failed; if it throws, nothing of the transaction is stored', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const db = app.kindred.database.db;
      /** What each run of the shared work saw: the keys its transaction stored, as it ran. */
      const sawShared: string[][] = [];
      const shared: BeforeCommit = async (trx) => {
        const rows = await trx.selectFrom('settings').select('key').where('key', 'like', 'before_%').orderBy('key').execute();
        sawShared.push(rows.map((r) => r.key));
      };
      let failedUnitsWorkRan = false;
      const failedUnitsWork: BeforeCommit = async () => {
        failedUnitsWorkRan = true;
      };
      const write = (key: string, fail: boolean) =>
        app.kindred.uow.run(async (tx) => {
          await tx.trx.insertInto('settings').values({ key, value: '1', updated_at: tx.now.toISOString() }).execute();
          tx.beforeCommit(shared);
          tx.beforeCommit(shared);
          if (fail) {
            tx.beforeCommit(failedUnitsWork);
            throw new Error(`${key} failed`);
          }
          return key;
        });
      // Started in one turn of the event loop: on SQLite they share one transaction (ADR 017).
      const results = await Promise.allSettled([write('before_a', false), write('before_b', true), write('before_c', false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(failedUnitsWorkRan).toBe(false);
      // SQLite: once for the group, after both units that stored something. PostgreSQL: once in
      // each of their transactions, which commit apart (each sees its own row, perhaps the other's).
      if (database.name === 'sqlite') expect(sawShared).toEqual([['before_a', 'before_c']]);
      else {
        expect(sawShared).toHaveLength(2);
        expect(new Set(sawShared.flat())).toEqual(new Set(['before_a', 'before_c']));
      }

      // Work that throws before the commit: the whole transaction is undone, every caller hears it.
      const failing: BeforeCommit = async () => {
        throw new Error('before-commit work failed');
      };
      const writeThenFail = (key: string) =>
        app.kindred.uow.run(async (tx) => {
          await tx.trx.insertInto('settings').values({ key, value: '1', updated_at: tx.now.toISOString() }).execute();
          await tx.emit('account.roles_changed', { userId: key, roles: [] }, [`user:${key}`]);
          tx.beforeCommit(failing);
          return key;
        });
      const failedResults = await Promise.allSettled([writeThenFail('undone_a'), writeThenFail('undone_b')]);
      expect(failedResults.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await db.selectFrom('settings').select('key').where('key', 'like', 'undone_%').execute()).toEqual([]);
      expect(await db.selectFrom('outbox').select('id').where('payload', 'like', '%undone_%').execute()).toEqual([]);
      // And the next unit of work still runs.
      await expect(write('before_d', false)).resolves.toBe('before_d');
    } finally {
      await close();
    }
  });

  it('a commit hook that throws skips nothing after it: the unit\'s other hooks and the commit listeners run, and the log has no message text', async () => {
    const logStream = new LogCapture();
    const { app, close } = await buildTestApp(database, { logStream });
    const heard: string[][] = [];
    app.kindred.uow.onCommit((types) => void heard.push([...types]));
    const ran: string[] = [];
    try {
      const out = app.kindred.uow.run(async (tx) => {
        await tx.emit('account.roles_changed', { userId: 'u1', roles: [] }, ['user:u1']);
        tx.afterCommit(() => {
          throw new Error('hook failed on words-only-the-writer-should-see');
        });
        tx.afterCommit(() => void ran.push('second'));
        return 'stored';
      });
      // Its caller hears of the failure (its change is stored), as before.
      await expect(out).rejects.toThrow();
      expect(ran).toEqual(['second']);
      expect(heard).toEqual([['account.roles_changed']]);
      const line = logStream.text.split('\n').find((l) => l.includes('after-commit hook'));
      expect(line).toContain('"name":"Error"');
      expect(logStream.text).not.toContain('words-only-the-writer-should-see');
    } finally {
      await close();
    }
  });

  it('on close, a unit of work under way finishes and the ones queued behind it are refused, not left hanging', async () => {
    const { app, close } = await buildTestApp(database);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let closing: Promise<void> | null = null;
    try {
      const slow = app.kindred.uow.run(async (tx) => {
        await tx.trx.insertInto('settings').values({ key: 'close_slow', value: '1', updated_at: tx.now.toISOString() }).execute();
        started();
        await gate;
        return 'slow';
      });
      // Once the first one is under way (in its transaction), queue another behind it and close the app.
      await Promise.race([running, slow]);
      let queuedStarted!: () => void;
      const queuedRunning = new Promise<void>((resolve) => (queuedStarted = resolve));
      const queued = app.kindred.uow.run(async () => {
        queuedStarted();
        return 'queued';
      });
      // On PostgreSQL it is not queued: it runs in a transaction of its own. Under way before the
      // close (not still waiting for a connection from a pool about to end), it finishes.
      if (database.name === 'postgres') await Promise.race([queuedRunning, queued]);
      closing = app.close();
      const queuedResult = await Promise.race([queued.then(() => 'resolved', () => 'refused'), new Promise((resolve) => setTimeout(() => resolve('hanging'), 5_000))]);
      release();
      // On PostgreSQL every unit has its own transaction: the queued one simply ran.
      expect(queuedResult).toBe(database.name === 'sqlite' ? 'refused' : 'resolved');
      await expect(slow).resolves.toBe('slow');
      await closing;
      await expect(app.kindred.uow.run(async () => 'after')).rejects.toThrow();
    } finally {
      release();
      if (!closing) await close();
    }
  });

  /** How a promise settled, or 'hanging' if it had not within 5 s (the test fails rather than hangs). */
  const settled = (p: Promise<unknown>) =>
    Promise.race([p.then((v) => ({ ok: v }), (err: unknown) => ({ err })), new Promise((resolve) => setTimeout(() => resolve('hanging'), 5_000))]);

  it('refuses a unit of work started inside another at once, naming the mistake; the outer unit goes on and commits', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const uow = app.kindred.uow;
      let inner: unknown = null;
      const outer = uow.run(async (tx) => {
        await tx.trx.insertInto('settings').values({ key: 'nested_outer', value: '1', updated_at: tx.now.toISOString() }).execute();
        inner = await settled(uow.run(async (tx2) => tx2.trx.insertInto('settings').values({ key: 'nested_inner', value: '1', updated_at: tx2.now.toISOString() }).execute()));
        return 'outer';
      });
      expect(await settled(outer)).toEqual({ ok: 'outer' });
      expect(inner).not.toBe('hanging');
      const err = (inner as { err: unknown }).err;
      expect(err).toBeInstanceOf(NestedUnitOfWorkError);
      expect((err as Error).message).toMatch(/inside another unit of work.*use the tx you were given/);
      const stored = await app.kindred.database.db.selectFrom('settings').select('key').where('key', 'like', 'nested_%').execute();
      expect(stored.map((r) => r.key)).toEqual(['nested_outer']);
      // Once a unit has returned, what it left running may start units of its own (it is not nested any more).
      let later!: Promise<unknown>;
      await uow.run(async () => {
        later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => uow.run(async () => 'later'));
      });
      expect(await settled(later)).toEqual({ ok: 'later' });
      // Between units the guard's storage is off (ADR 026: it costs every Promise of every read), and
      // the next unit turns it on again: a unit nested in it is still refused.
      expect(unitGuardEnabled()).toBe(false);
      const again = await settled(uow.run(async () => {
        expect(unitGuardEnabled()).toBe(true);
        return settled(uow.run(async () => 'inner'));
      }));
      expect(((again as { ok: { err: unknown } }).ok).err).toBeInstanceOf(NestedUnitOfWorkError);
      expect(unitGuardEnabled()).toBe(false);
    } finally {
      await close();
    }
  });

  it('refuses a unit of work started by an outbox consumer (it holds the dispatch transaction)', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const { uow, dispatcher } = app.kindred;
      const heard: unknown[] = [];
      dispatcher.register({
        name: 'nesting-consumer',
        types: ['test.nesting'],
        handle: async () => {
          heard.push(await settled(uow.run(async () => 'inner')));
        },
      });
      await uow.run((tx) => tx.emitInternal('test.nesting', {}));
      expect(await settled(dispatcher.idle())).toEqual({ ok: undefined });
      expect(heard).toHaveLength(1);
      expect((heard[0] as { err: unknown }).err).toBeInstanceOf(NestedUnitOfWorkError);
    } finally {
      await close();
    }
  });

  it('refuses a unit of work started by before-commit work, of a unit or of a consumer, at once (it runs in their transaction)', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const { uow, dispatcher } = app.kindred;
      // A unit's before-commit work: on SQLite the inner unit would queue behind the group waiting for it.
      let inner: unknown = null;
      const outer = uow.run(async (tx) => {
        tx.beforeCommit(async () => {
          inner = await settled(uow.run(async () => 'inner'));
        });
        return 'outer';
      });
      expect(await settled(outer)).toEqual({ ok: 'outer' });
      expect(inner).not.toBe('hanging');
      expect((inner as { err: unknown }).err).toBeInstanceOf(NestedUnitOfWorkError);
      // A consumer's before-commit work runs in the dispatch transaction: the same.
      const heard: unknown[] = [];
      dispatcher.register({
        name: 'nesting-before-commit',
        types: ['test.nesting_before_commit'],
        handle: async (_event, tx) => {
          tx.beforeCommit(async () => {
            heard.push(await settled(uow.run(async () => 'inner')));
          });
        },
      });
      await uow.run((tx) => tx.emitInternal('test.nesting_before_commit', {}));
      expect(await settled(dispatcher.idle())).toEqual({ ok: undefined });
      expect(heard).toHaveLength(1);
      expect((heard[0] as { err: unknown }).err).toBeInstanceOf(NestedUnitOfWorkError);
      expect(unitGuardEnabled()).toBe(false);
    } finally {
      await close();
    }
  });

  it('runs a consumer\'s before-commit work in the dispatch transaction, and never that of a consumer that failed', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const { uow, dispatcher } = app.kindred;
      const db = app.kindred.database.db;
      const ran: string[] = [];
      const keep = (key: string): BeforeCommit => async (trx) => {
        ran.push(key);
        await trx.insertInto('settings').values({ key, value: '1', updated_at: new Date().toISOString() }).execute();
      };
      const delivered = keep('hook_delivered');
      const failedConsumers = keep('hook_failed');
      dispatcher.register({ name: 'hook-ok', types: ['test.hook_ok'], handle: async (_event, tx) => tx.beforeCommit(delivered) });
      dispatcher.register({
        name: 'hook-fails',
        types: ['test.hook_fails'],
        handle: async (_event, tx) => {
          tx.beforeCommit(failedConsumers);
          throw new Error('the consumer failed');
        },
      });
      // One unit, so one dispatch batch takes both events.
      await uow.run(async (tx) => {
        await tx.emitInternal('test.hook_ok', {});
        await tx.emitInternal('test.hook_fails', {});
      });
      await dispatcher.idle();
      expect(ran).toEqual(['hook_delivered']);
      expect((await db.selectFrom('settings').select('key').where('key', 'like', 'hook_%').execute()).map((r) => r.key)).toEqual(['hook_delivered']);
    } finally {
      await close();
    }
  });

  // A crisis event ends its batch; the held queue's change (a safety event, not a crisis) does not.
  for (const [type, urgent] of [['safety.alert_escalated', true], ['safety.held_queue_changed', false]] as const) {
    it(`${urgent ? 'publishes' : 'does not rush'} ${type} ${urgent ? 'as soon as its batch commits, not after the fan-outs queued behind it' : 'ahead of the fan-outs queued behind it: only crisis events end a batch'}`, async () => {
      const db = await database.create({ persistent: true });
      const config = { databaseUrl: db.url, secret: 'urgent-secret-urgent-secret-urgent-secret', logLevel: 'silent' as const };
      const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
      const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
      try {
        // Written with the dispatcher off: a crisis escalation, then five events whose consumers fan out.
        const first = await buildTestApp(reuse, { dispatchEvents: false, config, ...pg });
        await first.app.kindred.uow.run(async (tx) => {
          if (type === 'safety.alert_escalated') await tx.emit(type, { alertId: 'a1', level: 4, dueAt: tx.now.toISOString() }, ['supervisors']);
          else await tx.emit(type, { heldId: 'h1', objectType: 'post', status: 'pending' }, ['safety:all']);
          for (let i = 0; i < 5; i++) await tx.emitInternal('test.slow_fan_out', { n: i });
        });
        await first.app.close();

        const bus = new InProcessBus();
        const order: string[] = [];
        bus.subscribe((e) => void order.push(`published ${e.type}`));
        const second = await buildTestApp(reuse, { bus, dispatchEvents: false, config, ...pg });
        const dispatcher = second.app.kindred.dispatcher;
        dispatcher.register({ name: 'test fan-out', types: ['test.slow_fan_out'], handle: async (e) => void order.push(`consumed ${(e.data as { n: number }).n}`) });
        // Built with dispatching off so the consumer is in place before the first drain; now on.
        (dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
        dispatcher.kick();
        await dispatcher.idle();
        // Urgent: its batch is itself, published before the fan-outs run; else one batch, consumed then published.
        expect(order[0]).toBe(urgent ? `published ${type}` : 'consumed 0');
        expect(order.filter((x) => x.startsWith('consumed'))).toEqual(['consumed 0', 'consumed 1', 'consumed 2', 'consumed 3', 'consumed 4']);
        expect(order).toContain(`published ${type}`);
        await second.app.close();
      } finally {
        await db.cleanup();
      }
    });
  }

  it('stores a fan-out as one row and delivers each of its events, in emit order, with its own id and rooms', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'fanout-secret-fanout-secret-fanout-secret', logLevel: 'silent' as const };
    const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    const recipients = Array.from({ length: 250 }, (_, i) => `u${i}`);
    try {
      // Written with the dispatcher off, to see the rows: three, whatever the number of recipients.
      const first = await buildTestApp(reuse, { dispatchEvents: false, config, ...pg });
      await first.app.kindred.uow.run(async (tx) => {
        await tx.emit('account.roles_changed', { userId: 'first', roles: [] }, ['user:first']);
        await tx.emitMany('account.roles_changed', recipients.map((userId) => ({ data: { userId, roles: ['member'] }, rooms: [`user:${userId}`] })));
        await tx.emitInternal('test.last', { n: 1 });
      });
      const rows = await first.app.kindred.database.db.selectFrom('outbox').select('type').orderBy('id').execute();
      expect(rows.map((r) => r.type)).toEqual(['account.roles_changed', 'account.roles_changed', 'test.last']);
      await first.app.close();

      const bus = new InProcessBus();
      const seen: BusEvent[] = [];
      bus.subscribe((e) => seen.push(e));
      const second = await buildTestApp(reuse, { bus, config, ...pg });
      await second.app.kindred.dispatcher.idle();
      const ours = seen.filter((e) => e.type === 'test.last' || (e.type === 'account.roles_changed' && /^(first|u\d+)$/.test((e.data as { userId: string }).userId)));
      expect(ours.map((e) => (e.type === 'test.last' ? 'last' : (e.data as { userId: string }).userId))).toEqual(['first', ...recipients, 'last']);
      expect(ours.slice(1, -1).map((e) => e.rooms)).toEqual(recipients.map((u) => [`user:${u}`]));
      expect(new Set(ours.map((e) => e.id)).size).toBe(ours.length);
      expect(await second.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });

  it('publishes the live pushes a consumer emits right after its dispatch commits, from the rows it wrote leased (no drain reads them back); one whose publish failed goes out at the next start, its consumer not run again', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'leased-secret-leased-secret-leased-secret', logLevel: 'silent' as const };
    const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    /** The outbox rows marked delivered by a drain, statement by statement (ADR 035's `markConsumed`). */
    const marks: number[] = [];
    const onQuery = (q: { sql: string; parameters: readonly unknown[] }) => {
      if (/^update "outbox" set "consumed_at"/.test(q.sql)) marks.push(q.parameters.length - 2);
    };
    /** Refuses the live pushes while `down`: what a crash between the commit and the publish leaves. */
    class FlakyBus extends InProcessBus {
      down = false;
      override publish(event: BusEvent): Promise<void> {
        if (this.down && event.type === 'test.live_push') return Promise.reject(new Error('bus down'));
        return super.publish(event);
      }
    }
    let consumed = 0;
    const consumer = {
      name: 'test pushes',
      types: ['test.makes_push'],
      handle: async (e: BusEvent, tx: import('./outbox.js').Tx) => {
        consumed += 1;
        await tx.emitInternal('test.live_push', { n: (e.data as { n: number }).n });
      },
    };
    try {
      const bus = new FlakyBus();
      const seen: string[] = [];
      bus.subscribe((e) => void seen.push(`${e.type} ${(e.data as { n: number }).n}`));
      const first = await buildTestApp(reuse, { bus, config, onQuery, dispatchEvents: false, ...pg });
      const dispatcher = first.app.kindred.dispatcher;
      dispatcher.register(consumer);
      (dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
      await first.app.kindred.uow.run((tx) => tx.emitInternal('test.makes_push', { n: 1 }));
      await dispatcher.idle();
      expect(seen).toEqual(['test.makes_push 1', 'test.live_push 1']);
      // One drain marked the consumed event; the push it emitted was never taken by another.
      expect(marks).toEqual([1]);
      expect(await first.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);

      bus.down = true;
      await first.app.kindred.uow.run((tx) => tx.emitInternal('test.makes_push', { n: 2 }));
      await dispatcher.idle();
      expect(seen).toEqual(['test.makes_push 1', 'test.live_push 1', 'test.makes_push 2']);
      const kept = await first.app.kindred.database.db.selectFrom('outbox').select(['type', 'consumed_at']).execute();
      expect(kept).toEqual([{ type: 'test.live_push', consumed_at: expect.any(String) }]);
      await first.app.close();

      // Next life, a while later (a lease younger than LEASE_TAKEOVER_GRACE_MS may be a live
      // instance's): the push goes out at start; the consumer that emitted it does not run again.
      const again = new FlakyBus();
      const later: string[] = [];
      again.subscribe((e) => void later.push(`${e.type} ${(e.data as { n: number }).n}`));
      const clock = new ManualClock();
      clock.advance(LEASE_TAKEOVER_GRACE_MS + 1);
      const second = await buildTestApp(reuse, { bus: again, config, dispatchEvents: false, clock, ...pg });
      second.app.kindred.dispatcher.register(consumer);
      (second.app.kindred.dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
      second.app.kindred.dispatcher.start();
      await second.app.kindred.dispatcher.idle();
      expect(later).toEqual(['test.live_push 2']);
      expect(consumed).toBe(2);
      expect(await second.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });

  it('deletes published rows with the next dispatch, not in a transaction of their own when the dispatcher runs dry; idle, after a second; a crash before leaves them to publish again (ADR 059)', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'settle-secret-settle-secret-settle-secret', logLevel: 'silent' as const };
    const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    /** Every statement, in order. */
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => void statements.push(q.sql);
    /** Each delete of outbox rows with the statement after it. */
    const deletes = () => statements.flatMap((sql, i) => (/^delete from "outbox"/.test(sql) ? [statements[i + 1] ?? ''] : []));
    try {
      const bus = new InProcessBus();
      const seen: BusEvent[] = [];
      bus.subscribe((e) => void seen.push(e));
      const first = await buildTestApp(reuse, { bus, config, onQuery, dispatchEvents: false, ...pg });
      const dispatcher = first.app.kindred.dispatcher;
      (dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
      const outbox = () => first.app.kindred.database.db.selectFrom('outbox').select(['id', 'consumed_at']).orderBy('id').execute();
      /** A drain as a commit asks for one, waited for without `idle()` (which also deletes what was published). */
      const dispatched = async (userId: string) => {
        await first.app.kindred.uow.run((tx) => tx.emit('account.roles_changed', { userId, roles: [] }, [`user:${userId}`]));
        await vi.waitFor(() => expect(seen.some((e) => (e.data as { userId: string }).userId === userId)).toBe(true), { timeout: 10_000, interval: 5 });
        while ((dispatcher as unknown as { running: Promise<void> | null }).running) await (dispatcher as unknown as { running: Promise<void> }).running;
        return seen.find((e) => (e.data as { userId: string }).userId === userId)!;
      };

      const a = await dispatched('u-a');
      // Published and left, delivered and leased (no drain takes it), for the next dispatch to delete.
      expect(await outbox()).toEqual([{ id: a.id, consumed_at: expect.any(String) }]);
      expect(deletes()).toEqual([]);
      const b = await dispatched('u-b');
      // B's dispatch deleted A with its own work: in its transaction, right before it read the due rows.
      expect(await outbox()).toEqual([{ id: b.id, consumed_at: expect.any(String) }]);
      expect(deletes()).toEqual([expect.stringMatching(/^select .*from "outbox"/)]);
      // Nothing more is written: a drain is asked for after a second and deletes B.
      await vi.waitFor(async () => expect(await outbox()).toEqual([]), { timeout: 10_000, interval: 50 });
      expect(seen.map((e) => e.id)).toEqual([a.id, b.id]);

      // A crash after a publish, before its delete (the process's memory of what to delete is lost):
      // the row stays leased and goes out again, under its own id, at the next start (at least once, ADR 035).
      const c = await dispatched('u-c');
      (dispatcher as unknown as { published: string[] }).published.length = 0;
      expect(await outbox()).toEqual([{ id: c.id, consumed_at: expect.any(String) }]);
      await first.app.close();
      const again = new InProcessBus();
      const later: BusEvent[] = [];
      again.subscribe((e) => void later.push(e));
      // Restarted a moment later: the lease is younger than the grace (it could be a live instance's, whose
      // delete is a second away), so the start leaves it; once the grace has passed, the poll ends it.
      const moment = new ManualClock();
      moment.advance(1);
      const second = await buildTestApp(reuse, { bus: again, config, clock: moment, ...pg });
      await second.app.kindred.dispatcher.idle();
      expect(later.filter((e) => e.type === 'account.roles_changed')).toEqual([]);
      second.clock.advance(LEASE_TAKEOVER_GRACE_MS);
      second.app.kindred.dispatcher.poll();
      await second.app.kindred.dispatcher.idle();
      expect(later.filter((e) => e.type === 'account.roles_changed').map((e) => e.id)).toEqual([c.id]);
      expect(await second.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });

  it('a starting instance leaves alone the rows a running one published and has yet to delete: nothing is published twice (review of ADR 059)', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'live-a-secret-live-a-secret-live-a-secret', logLevel: 'silent' as const };
    const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    try {
      const busA = new InProcessBus();
      const seenA: BusEvent[] = [];
      busA.subscribe((e) => void seenA.push(e));
      const a = await buildTestApp(reuse, { bus: busA, config, dispatchEvents: false, ...pg });
      const dispatcherA = a.app.kindred.dispatcher;
      (dispatcherA as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
      // A publishes (a commit kicks its drain) and keeps the row, leased, for its next dispatch to delete.
      await a.app.kindred.uow.run((tx) => tx.emit('account.roles_changed', { userId: 'u-live', roles: [] }, ['user:u-live']));
      await vi.waitFor(() => expect(seenA.filter((e) => e.type === 'account.roles_changed')).toHaveLength(1), { timeout: 10_000, interval: 5 });
      while ((dispatcherA as unknown as { running: Promise<void> | null }).running) await (dispatcherA as unknown as { running: Promise<void> }).running;
      const [published] = seenA.filter((e) => e.type === 'account.roles_changed');
      const outbox = () => a.app.kindred.database.db.selectFrom('outbox').select(['id', 'consumed_at', 'retry_at']).execute();
      expect(await outbox()).toEqual([{ id: published!.id, consumed_at: expect.any(String), retry_at: expect.any(String) }]);

      // B starts at once (its clock at A's instant), on the same database: it publishes nothing again.
      const busB = new InProcessBus();
      const seenB: BusEvent[] = [];
      busB.subscribe((e) => void seenB.push(e));
      const b = await buildTestApp(reuse, { bus: busB, config, ...pg });
      await b.app.kindred.dispatcher.idle();
      expect(seenB.filter((e) => e.type === 'account.roles_changed')).toEqual([]);
      // (A's own settle timer, 1 s of real time, may have deleted the row by now on a slow machine: no check of the
      // table here — it was there when B started, above, and B published nothing.)
      // A deletes it (its next dispatch, here its stop); B's second take-over, after the grace, finds nothing.
      await dispatcherA.idle();
      expect(await outbox()).toEqual([]);
      b.clock.advance(LEASE_TAKEOVER_GRACE_MS);
      b.app.kindred.dispatcher.poll();
      await b.app.kindred.dispatcher.idle();
      expect(seenB.filter((e) => e.type === 'account.roles_changed')).toEqual([]);
      expect(seenA.filter((e) => e.type === 'account.roles_changed').map((e) => e.id)).toEqual([published!.id]);
      await b.app.close();
      await a.app.close();
    } finally {
      await db.cleanup();
    }
  });

  it('delivers at the next start what a crash left undispatched', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'restart-secret-restart-secret-restart-secret', logLevel: 'silent' as const };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    try {
      // First life: the sign-up commits, but the process "dies" before dispatching.
      const first = await buildTestApp({ ...database, create: async () => ({ ...db, cleanup: async () => undefined }) }, { dispatchEvents: false, config, ...pg });
      const res = await new TestClient(first.app).post('/api/auth/sign-up', { handle: 'crash_test', password: 'a long enough password', ageConfirmed: true });
      expect(res.statusCode).toBe(201);
      const pending = await first.app.kindred.database.db.selectFrom('outbox').select('type').execute();
      expect(pending.map((p) => p.type)).toContain('account.created');
      await first.app.close();

      // Second life: the event goes out at start.
      const bus = new InProcessBus();
      const seen: BusEvent[] = [];
      bus.subscribe((e) => seen.push(e));
      const second = await buildTestApp({ ...database, create: async () => ({ ...db, cleanup: async () => undefined }) }, { bus, config, ...pg });
      await second.app.kindred.dispatcher.idle();
      expect(seen.filter((e) => e.type === 'account.created')).toHaveLength(1);
      expect((seen[0]!.data as { userId: string }).userId).toBe(res.json().id);
      expect(await second.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });
});
