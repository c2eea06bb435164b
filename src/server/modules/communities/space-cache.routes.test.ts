import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionCount } from '../../platform/compression.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, programSpace, type BuiltUser } from '../../../../test/factories.js';
import { buildTwoInstances } from '../../../../test/two-instances.js';
import type { KindredApp } from '../../app.js';

const redisUrl = process.env.TEST_REDIS_URL;

const spaceIds = async (u: BuiltUser, app?: KindredApp) => {
  const res = app ? await app.inject({ method: 'GET', url: '/api/spaces', headers: { cookie: u.client.cookieHeader } }) : await u.client.get('/api/spaces');
  expect(res.statusCode).toBe(200);
  return (res.json() as { spaces: { id: string; name: string }[] }).spaces;
};

async function openSpaceWithThread(admin: BuiltUser, member: BuiltUser, slug: string) {
  const created = await admin.client.post('/api/admin/spaces', { slug, name: 'Night shifts', description: 'Working nights.', houseRules: 'Be kind.' });
  expect(created.statusCode).toBe(201);
  const spaceId = (created.json() as { id: string }).id;
  const th = await member.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Sleeping in the day', body: 'Blackout curtains helped me a lot.' });
  expect(th.statusCode).toBe(201);
  return { spaceId, threadId: (th.json() as { thread: { id: string } }).thread.id };
}

/**
 * The spaces are kept in memory (ADR 019): a change to a space, above all making it program-only,
 * applies on the very next read on this instance, with no event delivered yet (dispatcher off).
 */
describe.each(testDatabases)('space cache on $name', (database) => {
  const t = useTestApp(database, { dispatchEvents: false });

  it('hides a space made program-only, and everything in it, from non-members at the next read; shows a new or renamed space at once', async () => {
    const admin = await ensureAdmin(t.app);
    const member = await buildUser(t.app);
    const { spaceId, threadId } = await openSpaceWithThread(admin, member, 'night-shifts');
    // Read twice: the second read comes from the cache.
    expect((await spaceIds(member)).map((s) => s.id)).toContain(spaceId);
    expect((await spaceIds(member)).map((s) => s.id)).toContain(spaceId);
    expect((await member.client.get(`/api/threads/${threadId}?limit=21`)).statusCode).toBe(200);

    const program = (await admin.client.post('/api/admin/programs', { name: 'Night workers' })).json() as { id: string };
    expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
    expect((await spaceIds(member)).map((s) => s.id)).not.toContain(spaceId);
    expect((await member.client.get(`/api/spaces/${spaceId}`)).statusCode).toBe(404);
    expect((await member.client.get(`/api/threads/${threadId}?limit=21`)).statusCode).toBe(404);
    const latest = (await member.client.get('/api/threads?list=latest')).json() as { threads: { id: string }[] };
    expect(latest.threads.map((x) => x.id)).not.toContain(threadId);

    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: member.id })).statusCode).toBe(201);
    expect((await member.client.get(`/api/threads/${threadId}?limit=21`)).statusCode).toBe(200);
    // The space list reads the member's programs now that a space is program-only (ADR 030).
    expect((await spaceIds(member)).map((s) => s.id)).toContain(spaceId);

    // Each space's JSON is written once per cached row (ADR 030): a rename shows in the list and on the thread page at once.
    expect((await member.client.get(`/api/threads/${threadId}?limit=21`)).json()).toMatchObject({ space: { id: spaceId, name: 'Night shifts' } });
    expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { name: 'Night and early shifts', description: 'Nights and early mornings.' })).statusCode).toBe(200);
    expect((await spaceIds(member)).find((s) => s.id === spaceId)?.name).toBe('Night and early shifts');
    expect((await member.client.get(`/api/threads/${threadId}?limit=21`)).json()).toMatchObject({ space: { id: spaceId, name: 'Night and early shifts', description: 'Nights and early mornings.' } });
    const another = await openSpaceWithThread(admin, member, 'early-shifts');
    expect((await spaceIds(member)).map((s) => s.id)).toContain(another.spaceId);
  });
});

/** The space list's bytes are kept per set of spaces shown (ADR 053): each reader gets the bytes of their own set. */
describe.each(testDatabases)('kept space lists on $name', (database) => {
  const t = useTestApp(database, { dispatchEvents: false });

  it('never hands a program member\'s list to an outsider, reading in turn, and drops a member who left at once', async () => {
    const { leaver, stayer, programId, spaceId } = await programSpace(t.app);
    const outsider = await buildUser(t.app);
    const admin = await ensureAdmin(t.app);
    for (let round = 0; round < 2; round++) {
      expect((await spaceIds(stayer)).map((s) => s.id)).toContain(spaceId);
      expect((await spaceIds(outsider)).map((s) => s.id)).not.toContain(spaceId);
      expect((await spaceIds(leaver)).map((s) => s.id)).toContain(spaceId);
      expect((await spaceIds(admin)).map((s) => s.id)).toContain(spaceId);
    }
    // The outsider's list is every other space, in the same order as the member's.
    expect((await spaceIds(outsider)).map((s) => s.id)).toEqual((await spaceIds(stayer)).map((s) => s.id).filter((id) => id !== spaceId));
    expect((await leaver.client.delete(`/api/programs/${programId}/membership`)).statusCode).toBe(200);
    expect((await spaceIds(leaver)).map((s) => s.id)).not.toContain(spaceId);
    expect((await spaceIds(stayer)).map((s) => s.id)).toContain(spaceId);
  });

  it('sends a kept list compressed from one Brotli copy, to each reader their own list', async () => {
    const { stayer, spaceId } = await programSpace(t.app);
    const outsider = await buildUser(t.app);
    const br = (u: BuiltUser) => t.app.inject({ method: 'GET', url: '/api/spaces', headers: { cookie: u.client.cookieHeader, 'accept-encoding': 'gzip, br' } });
    const decoded = async (u: BuiltUser) => {
      const res = await br(u);
      expect(res.headers['content-encoding']).toBe('br');
      return JSON.parse(brotliDecompressSync(res.rawPayload).toString('utf8')) as { spaces: { id: string }[] };
    };
    // The first reads make each list's copy; after them, none is made again.
    const stayerList = await decoded(stayer);
    const outsiderList = await decoded(outsider);
    const compressions = compressionCount();
    for (let round = 0; round < 2; round++) {
      expect(await decoded(stayer)).toEqual(stayerList);
      expect(await decoded(outsider)).toEqual(outsiderList);
    }
    expect(compressionCount()).toBe(compressions);
    expect(stayerList.spaces.map((s) => s.id)).toContain(spaceId);
    expect(outsiderList.spaces.map((s) => s.id)).not.toContain(spaceId);
  });
});

describe.skipIf(!redisUrl).each(testDatabases)('space cache across two instances over Redis on $name', (database) => {
  it('B stops showing a space made program-only through A once the change\'s event arrives', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'spaces');
    try {
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const { spaceId, threadId } = await openSpaceWithThread(admin, member, 'night-shifts');
      expect((await spaceIds(member, b.app)).map((s) => s.id)).toContain(spaceId);
      const program = (await admin.client.post('/api/admin/programs', { name: 'Night workers' })).json() as { id: string };
      expect((await admin.client.patch(`/api/admin/spaces/${spaceId}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      await expect.poll(async () => (await spaceIds(member, b.app)).map((s) => s.id)).not.toContain(spaceId);
      const onB = await b.app.inject({ method: 'GET', url: `/api/threads/${threadId}?limit=21`, headers: { cookie: member.client.cookieHeader } });
      expect(onB.statusCode).toBe(404);
    } finally {
      await close();
    }
  });
});
