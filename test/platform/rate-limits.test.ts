import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';
import { createBus } from '../../src/server/platform/bus.js';

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
