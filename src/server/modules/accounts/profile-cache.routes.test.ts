import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { bodyReadTwice, buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { buildTwoInstances } from '../../../../test/two-instances.js';
import type { KindredApp } from '../../app.js';
import { PROFILE_CHANGED } from './profile-cache.js';

const redisUrl = process.env.TEST_REDIS_URL;
/** Held by the safety screen for a supervisor (method details): shown to nobody but its author until decided. */
const HELD_BIO = 'I have saved up 40 pills and I am going to take them all tonight.';

/** `reader`'s view of `user`'s public profile on `app`: status and body. */
async function profileOn(app: KindredApp, reader: BuiltUser, user: { id: string }) {
  const res = await app.inject({ method: 'GET', url: `/api/users/${user.id}`, headers: { cookie: reader.client.cookieHeader } });
  if (res.statusCode === 200) expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return { status: res.statusCode, body: res.body, json: res.statusCode === 200 ? (res.json() as { bio: string | null; pronouns: string | null; experienceTags: string[]; roles: string[] }) : null };
}

/** Resolves when `app`'s bus has delivered the next PROFILE_CHANGED event for this person (its cache heard it first). */
function profileChangeArrives(app: KindredApp, userId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = app.kindred.bus.subscribe((event) => {
      if (event.type === PROFILE_CHANGED && (event.data as { userId: string }).userId === userId) {
        stop();
        resolve();
      }
    });
  });
}

/**
 * Public profiles are kept as their bytes (ADR 053). Every change to what one shows applies on the
 * very next read on the instance that made it, with no event delivered (dispatcher off) and the
 * clock standing still (the TTL never runs out here).
 */
describe.each(testDatabases)('kept public profiles on $name', (database) => {
  const t = useTestApp(database, { dispatchEvents: false });

  it('shows an edit, hides a bio the screen held, shows it once released, and new roles, at the next read', async () => {
    const member = await buildUser(t.app);
    const reader = await buildUser(t.app);
    expect((await member.client.patch('/api/me/profile', { bio: 'Gardening helps me.', pronouns: 'she/her' })).statusCode).toBe(200);
    const first = JSON.parse(await bodyReadTwice(reader, `/api/users/${member.id}`));
    expect(first).toMatchObject({ bio: 'Gardening helps me.', pronouns: 'she/her', experienceTags: [], roles: ['member'] });
    expect(t.app.kindred.accounts.profiles.size).toBeGreaterThan(0);

    expect((await member.client.patch('/api/me/profile', { pronouns: 'they/them', experienceTags: ['depression'] })).statusCode).toBe(200);
    expect((await profileOn(t.app, reader, member)).json).toMatchObject({ bio: 'Gardening helps me.', pronouns: 'they/them', experienceTags: ['depression'] });

    // A bio the screen holds replaces a visible one: the reader sees neither the new words nor the old.
    const held = (await member.client.patch('/api/me/profile', { bio: HELD_BIO })).json() as { bioPending: boolean };
    expect(held.bioPending).toBe(true);
    const whileHeld = await profileOn(t.app, reader, member);
    expect(whileHeld.json!.bio).toBeNull();
    expect(whileHeld.body).not.toContain('pills');
    expect(whileHeld.body).not.toContain('Gardening');

    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const item = ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).find((h) => h.objectId === member.id)!;
    expect((await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'Things have been very hard lately.' })).statusCode).toBe(200);
    expect((await profileOn(t.app, reader, member)).json!.bio).toBe('Things have been very hard lately.');

    const admin = await ensureAdmin(t.app);
    expect((await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['peer_supporter'] })).statusCode).toBe(200);
    expect((await profileOn(t.app, reader, member)).json!.roles).toEqual(['member', 'peer_supporter']);
  });

  it('keeps only the bytes sent: nothing of a held bio, no row, no slice of a shared buffer', async () => {
    const member = await buildUser(t.app);
    const reader = await buildUser(t.app);
    expect((await member.client.patch('/api/me/profile', { bio: HELD_BIO })).json().bioPending).toBe(true);
    const sent = await bodyReadTwice(reader, `/api/users/${member.id}`);
    const kept = t.app.kindred.accounts.profiles.get(member.id, t.clock.now().getTime())!;
    expect(kept.bytes.toString('utf8')).toBe(sent);
    // What the entry retains, its bytes written out as text: the held words appear nowhere.
    expect(JSON.stringify({ ...kept, bytes: kept.bytes.toString('utf8') })).not.toContain('pills');
    expect(Object.values(kept).filter((value) => typeof value === 'object')).toEqual([kept.bytes]);
    // A slice of Node's 8 KB pool would keep the whole pool alive as long as the profile is kept.
    expect(kept.bytes.buffer.byteLength).toBe(kept.bytes.length);
  });

  it('answers 404 for an erased account at the next read, and never keeps one that is not there', async () => {
    const member = await buildUser(t.app);
    const reader = await buildUser(t.app);
    await bodyReadTwice(reader, `/api/users/${member.id}`);
    expect((await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'anonymize', confirm: 'DELETE' })).statusCode).toBe(200);
    expect((await profileOn(t.app, reader, member)).status).toBe(404);
    expect((await profileOn(t.app, reader, member)).status).toBe(404);
  });

  it('is the same bytes for every reader, and says nothing of what its owner posted anonymously', async () => {
    const author = await buildUser(t.app);
    const [reader, another] = await Promise.all([buildUser(t.app), buildUser(t.app)]);
    const before = await bodyReadTwice(reader, `/api/users/${author.id}`);
    const space = ((await author.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[]).find((s) => s.allowAnonymous)!;
    const th = await author.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Said without my name', body: 'Nobody should know this was me.', anonymous: true });
    expect(th.statusCode).toBe(201);
    for (const r of [reader, another, author]) {
      const seen = await profileOn(t.app, r, author);
      expect(seen.body).toBe(before);
      expect(seen.body).not.toContain((th.json() as { thread: { id: string } }).thread.id);
      expect(Object.keys(JSON.parse(seen.body)).sort()).toEqual(['bio', 'experienceTags', 'handle', 'id', 'pronouns', 'roles']);
    }
  });
});

describe.skipIf(!redisUrl).each(testDatabases)('kept public profiles across two instances over Redis on $name', (database) => {
  it('B shows a change made through A (a held bio, new roles, an erasure) once its event arrives, not its kept bytes', async () => {
    const { a, b, close } = await buildTwoInstances(database, redisUrl!, 'profiles');
    try {
      const admin = await ensureAdmin(a.app);
      const member = await buildUser(a.app);
      const reader = await buildUser(a.app);
      expect((await member.client.patch('/api/me/profile', { bio: 'Walking the dog helps.' })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      // B keeps the profile as it is now.
      expect((await profileOn(b.app, reader, member)).json!.bio).toBe('Walking the dog helps.');
      expect((await profileOn(b.app, reader, member)).json!.bio).toBe('Walking the dog helps.');

      let arrived = profileChangeArrives(b.app, member.id);
      expect((await member.client.patch('/api/me/profile', { bio: HELD_BIO })).json().bioPending).toBe(true);
      await a.app.kindred.dispatcher.idle();
      await arrived;
      const onB = await profileOn(b.app, reader, member);
      expect(onB.json!.bio).toBeNull();
      expect(onB.body).not.toContain('Walking');

      arrived = profileChangeArrives(b.app, member.id);
      expect((await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['peer_supporter'] })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      await arrived;
      expect((await profileOn(b.app, reader, member)).json!.roles).toEqual(['member', 'peer_supporter']);

      arrived = profileChangeArrives(b.app, member.id);
      expect((await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
      await a.app.kindred.dispatcher.idle();
      await arrived;
      expect((await profileOn(b.app, reader, member)).status).toBe(404);
    } finally {
      await close();
    }
  });
});
