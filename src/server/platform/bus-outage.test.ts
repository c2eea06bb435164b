import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp, LogCapture } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';
import { buildUser } from '../../../test/factories.js';
import { matchedPair } from '../../../test/supervision-factories.js';
import { BusUnavailableError, createBus, type BusEvent } from './bus.js';
import { newId } from './ids.js';

/** A real Redis server of our own, on a port of its own, that the test stops and starts (the shared one is left alone). */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await vi.waitFor(
    () =>
      new Promise<void>((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve()));
        s.once('error', reject);
      }),
    { timeout: 10_000, interval: 50 },
  );
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/**
 * Redis stops while the app runs: a publish fails at once (the publishing connection has no
 * offline queue) instead of waiting through ioredis' reconnection attempts, the event is kept in
 * the outbox, and it is published once Redis is back (ADR 033).
 */
describe.each(testDatabases)('the outbox while Redis is down, on $name', (database) => {
  it.skipIf(!hasRedisServer)('a publish fails fast while Redis is down, the event stays in the outbox, and it is published once Redis is back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    const bus = await createBus(url, `kindred:test:outage:${newId()}`);
    const heard: BusEvent[] = [];
    bus.subscribe((e) => void heard.push(e));
    const logStream = new LogCapture();
    const t = await buildTestApp(database, { bus, logStream });
    try {
      const member = await buildUser(t.app);
      const pair = await matchedPair(t.app);
      await t.app.kindred.dispatcher.idle();
      await stopRedis(redis);
      // Once the client has seen its connection close (a moment after the server died), a publish fails at once.
      const probe: BusEvent = { id: newId(), type: 'test.probe', occurredAt: new Date().toISOString(), rooms: [], data: null };
      await vi.waitFor(() => expect(bus.publish(probe)).rejects.toBeInstanceOf(BusUnavailableError), { timeout: 10_000, interval: 50 });
      // The request path: a typing hint straight on the bus is dropped, answered at once, never a 5xx.
      const typing = await pair.member.client.post(`/api/mentoring/mentorships/${pair.mentorshipId}/typing`);
      expect(typing.statusCode).toBe(200);
      expect(typing.json()).toEqual({ forwarded: false });
      // A real request whose events are published after the commit: roles changed by an admin is
      // one; a profile update with crisis words raises an alert (a crisis event) — both are kept.
      const res = await member.client.patch('/api/me/profile', { bio: 'I want to kill myself.' });
      expect(res.statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();
      const kept = await t.app.kindred.database.db.selectFrom('outbox').select(['id', 'type', 'attempts', 'dead_at', 'retry_at']).orderBy('id').execute();
      const alert = kept.find((r) => r.type === 'safety.alert_raised');
      expect(alert, JSON.stringify(kept)).toMatchObject({ attempts: 1, dead_at: null });
      // Failed at once, by the bus's own check: not after ioredis' retries (MaxRetriesPerRequestError).
      const lines = logStream.text.split('\n').filter((l) => l.includes('not published'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.includes('BusUnavailableError'))).toBe(true);
      expect(logStream.text).not.toContain('kill myself');
      expect(heard.filter((e) => e.id === alert!.id)).toEqual([]);

      // Redis is back on the same port: ioredis reconnects, and the next try after the wait publishes it.
      redis = await startRedis(port);
      // Both connections back (publishing and listening, re-subscribed): a probe is heard.
      await vi.waitFor(
        async () => {
          await bus.publish({ ...probe, id: newId() }).catch(() => undefined);
          expect(heard.some((e) => e.type === 'test.probe')).toBe(true);
        },
        { timeout: 40_000, interval: 200 },
      );
      await vi.waitFor(
        async () => {
          t.clock.advance(60_000);
          await t.app.kindred.dispatcher.idle();
          expect(heard.filter((e) => e.id === alert!.id).length).toBeGreaterThanOrEqual(1);
        },
        // ioredis reconnects on its own backoff (at most 2 s between tries); a loaded machine adds to it.
        { timeout: 40_000, interval: 200 },
      );
      expect(await t.app.kindred.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
      // At least once: a publish that timed out (an event loop stalled past PUBLISH_TIMEOUT_MS on a
      // loaded machine) may yet have reached Redis, and is published again; sockets drop the repeat.
      expect(heard.filter((e) => e.id === alert!.id).length).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
      await bus.close();
      await stopRedis(redis);
    }
  }, 90_000);

  it.skipIf(!hasRedisServer)('with Redis frozen, one timed-out publish opens a breaker: later batches are put back without waiting, and stale live pushes are dropped while the crisis alert stays', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    // A short publish timeout keeps the test short; the breaker does not depend on it.
    const bus = await createBus(`redis://127.0.0.1:${port}`, `kindred:test:outage:${newId()}`, 200);
    const logStream = new LogCapture();
    const t = await buildTestApp(database, { bus, logStream });
    const outbox = () => t.app.kindred.database.db.selectFrom('outbox').select(['id', 'type', 'payload', 'consumed_at']).orderBy('id').execute();
    const failureOf = (id: string) =>
      logStream.text
        .split('\n')
        .filter((l) => l.includes('not published'))
        .map((l) => JSON.parse(l) as { eventId: string; err: { name: string; code?: string } })
        .find((l) => l.eventId === id)?.err;
    try {
      const member = await buildUser(t.app);
      await t.app.kindred.dispatcher.idle();
      await t.app.kindred.database.db.deleteFrom('outbox').execute();
      redis.kill('SIGSTOP');
      // A first batch: its publish waits, gets no answer, fails.
      await t.app.kindred.uow.run((tx) => tx.emit('account.roles_changed', { userId: 'u1', roles: ['member'] }, ['user:u1']));
      await t.app.kindred.dispatcher.idle();
      const [first] = await outbox();
      expect(failureOf(first!.id)).toEqual({ name: 'BusUnavailableError', code: 'BUS_TIMEOUT' });
      // The next batches, the crisis alert's included, are not held up by Redis: put back at once.
      await t.app.kindred.uow.run((tx) => tx.emit('account.roles_changed', { userId: 'u2', roles: ['member'] }, ['user:u2']));
      expect((await member.client.patch('/api/me/profile', { bio: 'I want to kill myself.' })).statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();
      const kept = await outbox();
      const second = kept.find((r) => r.type === 'account.roles_changed' && r.id !== first!.id)!;
      const alert = kept.find((r) => r.type === 'safety.alert_raised')!;
      expect(failureOf(second.id)).toEqual({ name: 'BusUnavailableError', code: 'BUS_BACKING_OFF' });
      expect(failureOf(alert.id)).toEqual({ name: 'BusUnavailableError', code: 'BUS_BACKING_OFF' });
      // Kept in place, consumed: published only, never consumed again (ADR 035).
      expect(kept.every((r) => r.consumed_at !== null)).toBe(true);

      // Six minutes on, Redis still frozen: the next try fails again; the stale live pushes are
      // dropped (pages refetch on reconnect), the crisis alert is kept.
      t.clock.advance(6 * 60_000);
      t.app.kindred.dispatcher.poll();
      await t.app.kindred.dispatcher.idle();
      const left = await outbox();
      expect(left.map((r) => r.id)).toContain(alert.id);
      expect(left.filter((r) => r.type === 'account.roles_changed')).toEqual([]);
      expect(logStream.text).toContain('dropped');
      expect(logStream.text).not.toContain('kill myself');
    } finally {
      redis.kill('SIGCONT');
      await t.close();
      await bus.close();
      await stopRedis(redis);
    }
  }, 90_000);
});
