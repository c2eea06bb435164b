import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { buildTestApp, LogCapture, useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';
import { createBus, InProcessBus } from '../../src/server/platform/bus.js';

const redisUrl = process.env.TEST_REDIS_URL;
const WRITES_PER_MINUTE = 3;

/** A fresh address per run: counters in a shared Redis outlive one run by up to a minute. */
const freshIp = () => `10.${200 + (randomBytes(1)[0]! % 50)}.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 250)}`;
const write = (client: TestClient, n: number) => client.patch('/api/me/profile', { pronouns: `they/them ${n}` });

describe.each(testDatabases)('rate limits on $name', (database) => {
  describe('per account, on state changes', () => {
    const t = useTestApp(database, { config: { writeRateLimitPerMinute: WRITES_PER_MINUTE } });

    it('a member over the write limit gets 429 with Retry-After and a message to act on; another member is unaffected', async () => {
      const member = await buildUser(t.app);
      const other = await buildUser(t.app);
      for (let i = 0; i < WRITES_PER_MINUTE; i++) expect((await write(member.client, i)).statusCode).toBe(200);
      const refused = await write(member.client, 99);
      expect(refused.statusCode).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.json().error).toMatchObject({ code: 'too_many_requests' });
      expect(refused.json().error.message).toMatch(/wait \d+ seconds and try again/);
      // Nothing of the refused change was stored; reading still works.
      const me = await member.client.get('/api/me');
      expect(me.statusCode).toBe(200);
      expect(me.json().pronouns).toBe(`they/them ${WRITES_PER_MINUTE - 1}`);
      expect((await write(other.client, 1)).statusCode).toBe(200);
    });

    it('counts one account together across two addresses', async () => {
      const member = await buildUser(t.app);
      const laptop = new TestClient(t.app, freshIp());
      expect((await laptop.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      // Sign-in itself is not counted against the account (nobody is signed in when it starts).
      expect((await write(member.client, 1)).statusCode).toBe(200);
      expect((await write(laptop, 2)).statusCode).toBe(200);
      expect((await write(member.client, 3)).statusCode).toBe(200);
      expect((await write(laptop, 4)).statusCode).toBe(429);
      expect((await write(member.client, 5)).statusCode).toBe(429);
    });

    it('counts neither reads nor changes refused earlier (no CSRF token)', async () => {
      const member = await buildUser(t.app);
      for (let i = 0; i < WRITES_PER_MINUTE * 2; i++) {
        expect((await member.client.get('/api/me')).statusCode).toBe(200);
        expect((await member.client.request('PATCH', '/api/me/profile', { pronouns: 'x' }, { csrf: false })).statusCode).toBe(403);
      }
      for (let i = 0; i < WRITES_PER_MINUTE; i++) expect((await write(member.client, i)).statusCode).toBe(200);
    });
  });

  describe('per address, on every request', () => {
    const t = useTestApp(database, { config: { rateLimitPerMinute: 12 } });

    it('two accounts behind one address share its limit; another address is unaffected', async () => {
      const ip = freshIp();
      const a = await buildUser(t.app, { ip });
      const b = await buildUser(t.app, { ip });
      const elsewhere = await buildUser(t.app);
      let refused = null;
      for (let i = 0; i < 30 && !refused; i++) {
        const res = await (i % 2 ? a : b).client.get('/api/me');
        if (res.statusCode === 429) refused = res;
        else expect(res.statusCode).toBe(200);
      }
      expect(refused).not.toBeNull();
      expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused!.json().error.message).toMatch(/wait \d+ seconds and try again/);
      expect((await a.client.get('/api/me')).statusCode).toBe(429);
      expect((await b.client.get('/api/me')).statusCode).toBe(429);
      expect((await elsewhere.client.get('/api/me')).statusCode).toBe(200);
      // The crisis lines are never behind a limit, whatever else the address has been doing.
      for (let i = 0; i < 20; i++) expect((await a.client.get('/api/crisis-resources')).statusCode).toBe(200);
      // Nor are the load balancer's probes: a 429 there would take a healthy instance out of service.
      for (const probe of ['/api/health', '/api/ready']) expect((await a.client.get(probe)).statusCode, probe).toBe(200);
    });
  });

  /**
   * A Redis of this test's own (the machine's shared one is not ours to stop), stopped to make the
   * outage and started again on the same port.
   */
  describe.skipIf(!hasRedisServer)('when Redis goes away and comes back', () => {
    it('counts in this process meanwhile (the crisis lines stay open), warns once without secrets, and counts in Redis again once it answers', async () => {
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const port = await freePort();
      let server = await startRedis(port, password);
      const logs = new LogCapture();
      const perMinute = 5;
      const t = await buildTestApp(database, { logStream: logs, bus: new InProcessBus(), config: { redisUrl: `redis://:${password}@127.0.0.1:${port}`, rateLimitPerMinute: perMinute } });
      const peek = () => quietRedis(port, password);
      /** Requests from a fresh address until refused; returns how many went through. */
      const throughUntilRefused = async (client: TestClient) => {
        for (let i = 0; i < perMinute * 3; i++) {
          const res = await client.get('/api/auth/csrf');
          if (res.statusCode === 429) return i;
          expect(res.statusCode).toBe(200);
        }
        return Infinity;
      };
      try {
        const before = freshIp();
        expect(await throughUntilRefused(new TestClient(t.app, before))).toBe(perMinute);
        const r = peek();
        expect(Number(await r.get(`kindred-rl:${before}`))).toBe(perMinute + 1);
        r.disconnect();

        await stopRedis(server);
        const during = new TestClient(t.app, freshIp());
        expect(await throughUntilRefused(during)).toBe(perMinute);
        for (let i = 0; i < 10; i++) expect((await during.get('/api/crisis-resources')).statusCode).toBe(200);
        // Another address has its own count in memory too.
        expect(await throughUntilRefused(new TestClient(t.app, freshIp()))).toBe(perMinute);
        const warnings = logs.lines.filter((l) => l.includes('Redis is unreachable'));
        expect(warnings).toHaveLength(1);
        expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40 });
        expect(logs.text).not.toContain(password);

        server = await startRedis(port, password);
        // ioredis reconnects by itself: wait until a request is counted in Redis again.
        let after = freshIp();
        for (let tries = 0; ; tries++) {
          after = freshIp();
          expect((await new TestClient(t.app, after).get('/api/auth/csrf')).statusCode).toBe(200);
          const p = peek();
          const counted = await p.get(`kindred-rl:${after}`).catch(() => null);
          p.disconnect();
          if (counted) break;
          if (tries > 200) throw new Error('the rate limiter never went back to Redis');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await throughUntilRefused(new TestClient(t.app, after))).toBe(perMinute - 1);
        expect(logs.lines.filter((l) => l.includes('Redis answers again'))).toHaveLength(1);
        expect(logs.lines.filter((l) => l.includes('Redis is unreachable'))).toHaveLength(1);
        expect(logs.text).not.toContain(password);
      } finally {
        await t.close();
        await stopRedis(server);
      }
    });
  });

  /** Two instances on one database and one Redis: the account's counter is shared. */
  describe.skipIf(!redisUrl)('in Redis, across two instances', () => {
    it('a member writing through A and B is refused once the shared counter passes the limit', async () => {
      const db = await database.create({ persistent: true });
      const shared = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
      const config = { databaseUrl: db.url, redisUrl, writeRateLimitPerMinute: WRITES_PER_MINUTE, secret: 'rate-limit-secret-rate-limit-secret-0123456789' };
      const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
      const channel = `kindred:test:rate-limits:${Date.now()}:${Math.random()}`;
      const buses = [await createBus(redisUrl, channel), await createBus(redisUrl, channel)] as const;
      const a = await buildTestApp(shared, { config, ...pg, bus: buses[0] });
      const b = await buildTestApp(shared, { config, ...pg, bus: buses[1] });
      try {
        const member = await buildUser(a.app, { ip: freshIp() });
        // The same browser, its requests spread over both instances by a load balancer.
        const onB = Object.create(member.client, { app: { value: b.app } }) as TestClient;
        expect((await write(member.client, 1)).statusCode).toBe(200);
        expect((await write(onB, 2)).statusCode).toBe(200);
        expect((await write(member.client, 3)).statusCode).toBe(200);
        const refused = await write(onB, 4);
        expect(refused.statusCode).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect((await write(member.client, 5)).statusCode).toBe(429);
      } finally {
        await b.app.close();
        await a.app.close();
        for (const bus of buses) await bus.close();
        await db.cleanup();
      }
    });
  });
});

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as net.AddressInfo).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** A client of the test's own Redis that neither retries nor reports errors it throws anyway. */
function quietRedis(port: number, password: string): Redis {
  const r = new Redis({ port, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  return r;
}

/** A throwaway redis-server (no persistence) as a child process, ready to answer. */
async function startRedis(port: number, password: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password], { stdio: 'ignore' });
  for (let tries = 0; ; tries++) {
    const r = quietRedis(port, password);
    try {
      await r.connect();
      await r.ping();
      return child;
    } catch {
      if (tries > 100) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      r.disconnect();
    }
  }
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
