import { describe, expect, it } from 'vitest';
import type { KindredApp } from '../../src/server/app.js';
import type { SessionCache } from '../../src/server/modules/accounts/session-cache.js';
import type { SpaceCache } from '../../src/server/modules/communities/space-cache.js';
import type { ThreadListCache } from '../../src/server/modules/communities/thread-list-cache.js';
import type { Bus, BusEvent } from '../../src/server/platform/bus.js';
import { holdAfterCommit } from '../commit-gate.js';
import { testDatabases, type TestDatabase } from '../databases.js';
import { TestClient } from '../client.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';
import { buildTwoInstances } from '../two-instances.js';

const SESSIONS_CHANGED = 'account.sessions_changed';

const redisUrl = process.env.TEST_REDIS_URL;

/**
 * ADR 062: the instance whose commit wrote an event emptied its caches for it at that commit; when
 * the event comes back over the bus it keeps what it has read since, while every other instance
 * empties its own. A does not dispatch here, B does (as after a lease takeover, or on another
 * PostgreSQL instance's poll): A's reads between its commit and the event's arrival are deterministic.
 */
type Pair = { a: KindredApp; b: KindredApp; close(): Promise<void> };

/** Two instances on one database, A not dispatching: on one in-process bus (`redis` undefined) or over Redis. */
function twoInstances(redis: string | undefined) {
  return async (database: TestDatabase): Promise<Pair> => {
    const { a, b, close } = await buildTwoInstances(database, redis, 'own-events', { a: { dispatchEvents: false } });
    return { a: a.app, b: b.app, close };
  };
}

const caches = (app: KindredApp) => ({
  lists: (app.kindred.communities as unknown as { lists: ThreadListCache }).lists,
  spaces: (app.kindred.communities as unknown as { spaces: SpaceCache }).spaces,
  profiles: app.kindred.accounts.profiles,
  sessions: app.kindred.accounts.sessions as SessionCache,
});

/**
 * B dispatches everything A committed, and both have heard it: a marker published after those
 * events is heard by each bus subscriber only after them (one channel, one connection, in order).
 */
async function delivered(pair: Pair): Promise<void> {
  await pair.b.kindred.dispatcher.idle();
  const id = `marker-${Math.random()}`;
  const heard = (bus: Bus) =>
    new Promise<void>((resolve) => {
      const stop = bus.subscribe((e: BusEvent) => {
        if (e.id !== id) return;
        stop();
        resolve();
      });
    });
  const both = Promise.all([heard(pair.a.kindred.bus), heard(pair.b.kindred.bus)]);
  await pair.b.kindred.bus.publish({ id, type: 'test.marker', occurredAt: new Date().toISOString(), rooms: [], data: null });
  await both;
}

const get = async (app: KindredApp, u: BuiltUser, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: u.client.cookieHeader } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
};
const latest = async (app: KindredApp, u: BuiltUser) => (await get(app, u, '/api/threads?list=latest&limit=5')).threads as { id: string; replyCount: number }[];
const spaceNames = async (app: KindredApp, u: BuiltUser) => ((await get(app, u, '/api/spaces')).spaces as { id: string; name: string }[]).map((s) => s.name);

function ownEventsOnce(build: (database: TestDatabase) => Promise<Pair>) {
  return (database: TestDatabase) => {
    it('the writer builds a thread list once after a reply and keeps it when the reply\'s event comes back; the other instance empties its own', async () => {
      const pair = await build(database);
      try {
        const { a, b } = pair;
        const author = await buildUser(a);
        const replier = await buildUser(a);
        const space = ((await get(a, author, '/api/spaces')).spaces as { id: string }[])[0]!.id;
        const th = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Heard back once', body: 'A thread written on A.' });
        expect(th.statusCode).toBe(201);
        const threadId = (th.json() as { thread: { id: string } }).thread.id;
        await delivered(pair);
        // Both instances keep the latest list (one key: same reader, same query).
        expect((await latest(a, author)).find((t) => t.id === threadId)?.replyCount).toBe(0);
        expect((await latest(b, author)).find((t) => t.id === threadId)?.replyCount).toBe(0);
        expect(caches(a).lists.stats.entries).toBe(1);
        expect(caches(b).lists.stats.entries).toBe(1);

        expect((await replier.client.post(`/api/threads/${threadId}/posts`, { body: 'A reply written on A.' })).statusCode).toBe(201);
        // A emptied its lists at commit: its next read builds the list again, with the reply.
        expect(caches(a).lists.stats.entries).toBe(0);
        expect((await latest(a, author)).find((t) => t.id === threadId)?.replyCount).toBe(1);
        expect(caches(a).lists.stats.entries).toBe(1);
        // B still has the list it read before (the event has not arrived yet).
        expect((await latest(b, author)).find((t) => t.id === threadId)?.replyCount).toBe(0);

        await delivered(pair);
        // A built its list once for this write: the event it wrote, heard back, left it kept.
        expect(caches(a).lists.stats.entries).toBe(1);
        // B, which did not write it, emptied its own and shows the reply.
        expect(caches(b).lists.stats.entries).toBe(0);
        expect((await latest(b, author)).find((t) => t.id === threadId)?.replyCount).toBe(1);
        expect((await latest(a, author)).find((t) => t.id === threadId)?.replyCount).toBe(1);
      } finally {
        await pair.close();
      }
    });

    it('keeps the writer\'s space, profile and session reads made after its commit, and the other instance forgets its own', async () => {
      const pair = await build(database);
      try {
        const { a, b } = pair;
        const admin = await ensureAdmin(a);
        const member = await buildUser(a);
        const space = ((await get(a, admin, '/api/spaces')).spaces as { id: string }[])[0]!.id;
        await delivered(pair);
        const nowA = () => a.kindred.clock.now().getTime();
        const nowB = () => b.kindred.clock.now().getTime();
        // B keeps the spaces, the member's profile and session as they are now.
        await spaceNames(b, member);
        expect((await get(b, member, `/api/users/${member.id}`)).pronouns).toBeNull();
        expect(caches(b).spaces.get(nowB())).not.toBeNull();
        expect(caches(b).profiles.get(member.id, nowB())).not.toBeNull();
        const sessionsOnB = caches(b).sessions.size;

        // Written on A: a space renamed, the member's pronouns and region (their sessions).
        expect((await admin.client.patch(`/api/admin/spaces/${space}`, { name: 'Renamed on A' })).statusCode).toBe(200);
        expect((await member.client.patch('/api/me/profile', { pronouns: 'they/them', region: 'IE' })).statusCode).toBe(200);
        // A reads them again after its commit and keeps them.
        expect(await spaceNames(a, member)).toContain('Renamed on A');
        expect((await get(a, member, `/api/users/${member.id}`)).pronouns).toBe('they/them');
        await get(a, member, '/api/me');
        const sessionsOnA = caches(a).sessions.size;
        expect(caches(a).spaces.get(nowA())).not.toBeNull();
        expect(caches(a).profiles.get(member.id, nowA())).not.toBeNull();

        await delivered(pair);
        // A's events came back: what A read after its commit is still kept, but for the spaces: the
        // room check of a changed space empties them on every instance, the writer too (ADR 062).
        expect(caches(a).spaces.get(nowA())).toBeNull();
        expect(caches(a).profiles.get(member.id, nowA())).not.toBeNull();
        expect(caches(a).sessions.size).toBe(sessionsOnA);
        // B forgot its own copies, and reads the changes.
        expect(caches(b).spaces.get(nowB())).toBeNull();
        expect(caches(b).profiles.get(member.id, nowB())).toBeNull();
        expect(caches(b).sessions.size).toBeLessThan(sessionsOnB);
        expect(await spaceNames(b, member)).toContain('Renamed on A');
        expect((await get(b, member, `/api/users/${member.id}`)).pronouns).toBe('they/them');
      } finally {
        await pair.close();
      }
    });

    // Skipping is for an event whose commit hooks already ran here, not merely one this instance
    // wrote: heard before them (a slow COMMIT answer while B dispatched), or with none ever run (the
    // answer lost), A must forget the sessions when the event arrives.
    const orders = { 'normal order': 'normal', 'the event heard before the writer\'s commit hooks ran': 'heard', 'the COMMIT stored, its answer lost': 'lost' } as const;
    for (const [name, order] of Object.entries(orders)) {
      it(`the writer does not serve a session revoked on it once the event arrived: ${name}`, async () => {
        const pair = await build(database);
        try {
          const { a, b } = pair;
          const member = await buildUser(a);
          const second = new TestClient(a, '10.9.0.1');
          expect((await second.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
          const old = second.cookieHeader;
          const me = (cookie: string) => a.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
          // A keeps the old session.
          expect((await me(old)).statusCode).toBe(200);
          await delivered(pair);
          const gate = holdAfterCommit(a, b.kindred.dispatcher);
          let meanwhile = 0;
          if (order === 'heard') gate.heardFirst(SESSIONS_CHANGED, async () => void (meanwhile = (await me(old)).statusCode));
          if (order === 'lost') gate.lost();
          const res = await member.client.post('/api/me/sessions/revoke-others', {});
          expect(res.statusCode).toBe(order === 'lost' ? 500 : 200);
          // What A served between hearing the event and its hooks' running.
          if (order === 'heard') expect(meanwhile).toBe(401);
          await delivered(pair);
          expect((await me(old)).statusCode).toBe(401);
          gate.restore();
        } finally {
          await pair.close();
        }
      });
    }
  };
}

describe.each(testDatabases)('own events heard back once, two instances on one in-process bus, on $name', (database) => ownEventsOnce(twoInstances(undefined))(database));

describe.skipIf(!redisUrl).each(testDatabases)('own events heard back once, two instances over Redis, on $name', (database) => ownEventsOnce(twoInstances(redisUrl))(database));
