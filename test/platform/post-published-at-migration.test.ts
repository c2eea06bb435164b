import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, replyInNewThread, type BuiltUser } from '../factories.js';

// Migration 0039's backfill of posts.published_at (ADR 052, amendment "published once"), on a live
// database holding each kind of post it must tell apart. Later migrations have run there and cannot be
// undone, so the column is dropped and 0039's up is run again by hand (as the 0038 migration test does).

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

describe.each(testDatabases)('migration 0039 backfilling published_at, on $name', (database) => {
  it('dates the posts readers had and leaves null those held from their creation and never shown', async () => {
    const built = await buildTestApp(database);
    try {
      const { app, clock } = built;
      const [author, reader, supervisor] = await Promise.all([buildUser(app), buildUser(app), buildUser(app, { roles: ['supervisor'] })]);
      const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
      const write = (body: string) => replyInNewThread(reader, author, space, body);
      const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
        const r = await res;
        if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`);
      };
      const itemOf = async (who: BuiltUser, postId: string) =>
        ((await who.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[]).find((i) => i.objectId === postId)!.id;

      const published = await write('A quiet week, mostly good.');
      const heldNow = await write(METHOD);
      const heldThenHidden = await write(METHOD);
      await ok(supervisor.client.post(`/api/moderation/posts/${heldThenHidden.postId}/hide`, { note: 'Checking in with you first.' }));
      const heldThenReleased = await write(METHOD);
      await ok(supervisor.client.post(`/api/safety/held/${await itemOf(supervisor, heldThenReleased.postId)}/decision`, { action: 'release' }));
      const editedIntoHeld = await write('Another quiet week.');
      // A later unit of work: its held item is not written with the post.
      clock.advance(60_000);
      await ok(author.client.patch(`/api/posts/${editedIntoHeld.postId}`, { body: METHOD }));
      const heldThenDeleted = await write(METHOD);
      await ok(author.client.delete(`/api/posts/${heldThenDeleted.postId}`));
      const heldThenRemoved = await write(METHOD);
      await ok(supervisor.client.post(`/api/safety/held/${await itemOf(supervisor, heldThenRemoved.postId)}/decision`, { action: 'remove' }));
      // A new member's first post waiting for a moderator's approval (no held item: the screen passed it).
      const admin = await ensureAdmin(app);
      await ok(admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 }));
      const newcomer = await buildUser(app);
      const first = await newcomer.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Hello, I am new here', body: 'Glad to have found this place.' });
      if (first.statusCode !== 201) throw new Error(`${first.statusCode} ${first.body}`);
      const waitingFirst = { postId: first.json().post.id as string };

      const db = app.kindred.database.db;
      const ids = [published, heldNow, heldThenHidden, heldThenReleased, editedIntoHeld, heldThenDeleted, heldThenRemoved, waitingFirst].map((p) => p.postId);
      const states = async () => {
        const rows = await db.selectFrom('posts').select(['id', 'state', 'created_at', 'published_at']).where('id', 'in', ids).execute();
        return ids.map((id) => rows.find((r) => r.id === id)!);
      };
      expect((await states()).map((r) => r.state)).toEqual(['visible', 'pending', 'hidden', 'visible', 'pending', 'deleted', 'removed', 'pending']);

      // The database as it was before 0039, then 0039.
      await sql`alter table posts drop column published_at`.execute(db);
      await migrations['0039_post_published_at']!.up(db, { dialect: app.kindred.database.dialect });

      const after = await states();
      expect(after.map((r) => (r.published_at === null ? null : r.published_at === r.created_at ? 'created_at' : r.published_at))).toEqual([
        'created_at', // shown from its creation
        null, // held from its creation, still waiting
        null, // held from its creation, then hidden: no reader ever had it
        'created_at', // held from its creation and released: readers have it now
        'created_at', // readers had it before its edit was held
        null, // held from its creation, then deleted by its author: no reader ever had it
        null, // held from its creation, then removed by the safety queue: no reader ever had it
        null, // a new member's first post, still waiting for a moderator's approval
      ]);
    } finally {
      await built.close();
    }
  });
});
