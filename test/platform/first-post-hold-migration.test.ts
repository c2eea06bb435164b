import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, postAs, type BuiltUser } from '../factories.js';

// Migration 0042's backfill of posts.first_post_hold (ADR 052, amendment "the first-post hold is its own
// fact"), on a live database holding each kind of post it must tell apart. Later code already wrote the
// column, so it is dropped and 0042's up is run again by hand (as the 0038 and 0039 migration tests do).

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

describe.each(testDatabases)('migration 0042 backfilling first_post_hold, on $name', (database) => {
  it('marks the posts waiting as first posts, and cautiously those the screen holds among their author\'s first posts, whatever roles the author has now; a release then leaves them for approval', async () => {
    const built = await buildTestApp(database);
    try {
      const { app } = built;
      const [reader, supervisor, admin] = await Promise.all([buildUser(app), buildUser(app, { roles: ['supervisor'] }), ensureAdmin(app)]);
      const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
      const ok = async (res: Promise<{ statusCode: number; body: string }>, status = 200) => {
        const r = await res;
        if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`);
        return r as unknown as { json(): { thread: { id: string }; post: { id: string } } };
      };
      const thread = async (who: BuiltUser, body: string) => {
        const res = await ok(who.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Checking in this week', body }), 201);
        return { threadId: res.json().thread.id, postId: res.json().post.id };
      };

      // Written before the admin turned first-post holds on.
      const shown = await thread(reader, 'A quiet week, mostly good.');
      const earlyMember = await buildUser(app);
      const heldBeforeSetting = await thread(earlyMember, METHOD);

      await ok(admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 }));
      const newcomer = await buildUser(app);
      const waitingFirst = await thread(newcomer, 'Hello everyone, glad to be here.');
      const heldNewcomer = await buildUser(app);
      const heldFirst = await thread(heldNewcomer, METHOD);
      const secondTimer = await buildUser(app);
      const approved = await thread(secondTimer, 'Hello, my first words here.');
      await ok(supervisor.client.post(`/api/moderation/posts/${approved.postId}/approve`));
      const heldSecond = await thread(secondTimer, METHOD);
      const heldBySupervisor = await thread(supervisor, METHOD);
      // A member's first post the screen held, written under the setting; the member is made a peer
      // supporter afterwards. Today's roles say nothing of who wrote the post then.
      const promoted = await buildUser(app);
      const heldThenPromoted = await thread(promoted, METHOD);

      const db = app.kindred.database.db;
      await db.insertInto('user_roles').values({ user_id: promoted.id, role: 'peer_supporter', granted_by: admin.id, granted_at: new Date().toISOString() }).execute();
      const posts = [shown, heldBeforeSetting, waitingFirst, heldFirst, approved, heldSecond, heldBySupervisor, heldThenPromoted];
      const ids = posts.map((p) => p.postId);
      const flags = async () => {
        const rows = await db.selectFrom('posts').select(['id', 'pending_reason', 'first_post_hold']).where('id', 'in', ids).execute();
        return ids.map((id) => rows.find((r) => r.id === id)!);
      };
      expect((await flags()).map((r) => r.pending_reason)).toEqual([null, 'safety', 'first_post', 'safety', null, 'safety', 'safety', 'safety']);

      // The database as it was before 0042, then 0042.
      await sql`alter table posts drop column first_post_hold`.execute(db);
      await migrations['0042_first_post_hold']!.up(db, { dialect: app.kindred.database.dialect });

      expect((await flags()).map((r) => r.first_post_hold)).toEqual([
        0, // shown
        1, // held by the screen, its author's first post, written before the setting: counted, cautiously
        1, // waiting as a first post
        1, // a new member's first post the screen also held
        0, // approved
        0, // held by the screen, its author's second post
        1, // held by the screen, a supervisor's first post: today's roles are not asked, cautiously
        1, // a member's first post the screen held, its author made a peer supporter since
      ]);

      // The backfilled flag does its work: releasing the held first post leaves it for a moderator's approval.
      const items = (await supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[];
      await ok(supervisor.client.post(`/api/safety/held/${items.find((i) => i.objectId === heldFirst.postId)!.id}/decision`, { action: 'release' }));
      expect(await postAs(heldNewcomer, heldFirst)).toMatchObject({ state: 'pending', pendingReason: 'first_post' });
      expect((await reader.client.get(`/api/threads/${heldFirst.threadId}`)).statusCode).toBe(404);
      await ok(admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 }));
    } finally {
      await built.close();
    }
  });
});
