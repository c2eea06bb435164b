import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { createBus, InProcessBus } from '../../platform/bus.js';

const redisUrl = process.env.TEST_REDIS_URL;
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

/**
 * Two app instances on one database: each keeps its own supporter index, and a change made
 * through one (a new profile, away mode) reaches the other's index through the bus, so a request
 * made on the other instance is matched on current facts. Redis when TEST_REDIS_URL is set.
 */
describe.each(testDatabases)('mentoring index across two instances on $name', (database) => {
  it('a supporter saved or going away on A is ranked accordingly on B', async () => {
    const db = await database.create({ persistent: true });
    const shared = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const config = { databaseUrl: db.url, secret: 'two-instances-secret-two-instances-secret-0123', logLevel: 'silent' as const };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    const channel = `kindred:test:mentoring:${Date.now()}:${Math.random()}`;
    const memoryBus = new InProcessBus();
    const busFor = async () => (redisUrl ? createBus(redisUrl, channel) : memoryBus);
    const a = await buildTestApp(shared, { config, ...pg, bus: await busFor() });
    const b = await buildTestApp(shared, { config, ...pg, bus: await busFor() });
    try {
      const lang = `en-x${randomBytes(3).toString('hex')}`;
      const supporter = await buildUser(a.app, { roles: ['peer_supporter'] });
      const saved = await supporter.client.put('/api/mentoring/supporter-profile', { experienceTags: ['anxiety'], languages: [lang], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 2 });
      expect(saved.statusCode).toBe(200);
      // B loaded its index before the profile existed: only the bus can have told it.
      await a.app.kindred.dispatcher.idle();
      await vi.waitFor(() => expect(b.app.kindred.mentoring.index.get(supporter.id)).toBeDefined(), { timeout: 5000 });

      // The member's session works on either instance (one database): ask through B.
      const member = await buildUser(a.app);
      const onB = Object.create(member.client, { app: { value: b.app } }) as typeof member.client;
      const asked = await onB.post('/api/mentoring/requests', { topic: 'I would like to talk about worry.', preferences: { languages: [lang] } });
      expect(asked.statusCode).toBe(201);
      expect(asked.json().request.offeredCount).toBe(1);

      const until = new Date(a.clock.now().getTime() + 3 * 86_400_000).toISOString();
      expect((await supporter.client.put('/api/mentoring/supporter-profile/away', { away: { until } })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      await vi.waitFor(() => expect(b.app.kindred.mentoring.index.get(supporter.id)?.awayUntil).toBe(until), { timeout: 5000 });
      const other = await buildUser(a.app);
      const onB2 = Object.create(other.client, { app: { value: b.app } }) as typeof other.client;
      expect((await onB2.post('/api/mentoring/requests', { topic: 'Worry again, a different person.', preferences: { languages: [lang] } })).json().request.offeredCount).toBe(0);
    } finally {
      await b.app.close();
      await a.app.close();
      await db.cleanup();
    }
  });
});
