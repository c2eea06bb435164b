import { CompiledQuery, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import type { KindredApp } from '../../app.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';
import type { ExecutedQuery } from '../../platform/db.js';
import { notificationsRepository } from '../notifications/notifications.repository.js';
import { communitiesRepository } from './communities.repository.js';

/**
 * The reply's write path of ADR 027: what decides on a reply is read in one statement and the
 * thread's new counts are not read back on SQLite. Each check below would fail if the folded read
 * lost one of the rules it replaced, or if the row the reply announces differed from the stored one.
 */
async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newThread(u: BuiltUser, space: string): Promise<string> {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Evenings after work', body: 'I have been trying to rest more in the evenings.' });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return (res.json() as { thread: { id: string } }).thread.id;
}

const reply = (u: BuiltUser, threadId: string, body: Record<string, unknown> = {}) =>
  u.client.post(`/api/threads/${threadId}/posts`, { body: 'A walk before dinner helps me switch off.', ...body });

describe.each(testDatabases)('a reply’s write path on $name (ADR 027)', (database) => {
  it('announces the thread row as stored, follows once, and reads what decides on it in one statement', async () => {
    const bus = new InProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe((e) => void seen.push(e));
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { bus, onQuery: (q) => capturing && queries.push(q) });
    try {
      const [author, replier] = await Promise.all([buildUser(app), buildUser(app)]);
      const threadId = await newThread(author!, await spaceId(app, 'carers'));
      const db = app.kindred.database.db;
      const stored = () => db.selectFrom('threads').select(['reply_count', 'score', 'last_activity_at', 'updated_at', 'content_version']).where('id', '=', threadId).executeTakeFirstOrThrow();
      const before = await stored();
      for (let i = 0; i < 3; i++) {
        capturing = i === 2;
        const res = await reply(replier!, threadId, { body: `Reply number ${i + 1}: a walk before dinner helps me switch off.` });
        capturing = false;
        expect(res.statusCode).toBe(201);
        await app.kindred.dispatcher.idle();
        const after = await stored();
        // What the reply announced is what the thread holds now.
        const activity = seen.filter((e) => e.type === 'community.thread_activity').at(-1)!.data as { replyCount: number; lastActivityAt: string };
        expect(activity).toMatchObject({ replyCount: after.reply_count, lastActivityAt: after.last_activity_at });
        expect(after).toMatchObject({ reply_count: before.reply_count + i + 1, score: before.score + i + 1, last_activity_at: after.updated_at });
        // One version a reply, as before (ADR 021): the thread page cache depends on it.
        expect(Number(after.content_version)).toBe(Number(before.content_version) + i + 1);
      }
      const follows = await db.selectFrom('thread_follows').select('user_id').where('thread_id', '=', threadId).where('user_id', '=', replier!.id).execute();
      expect(follows).toHaveLength(1);
      // The third reply: the thread, its space, membership, suspension, follow and setting in one
      // read, and no write of a follow that already exists.
      // (The dispatcher's statements, which may run meanwhile, read lists of ids: `in (…)`.)
      const sqlOf = queries.map((q) => q.sql).filter((s) => !/ in \(/.test(s));
      expect(sqlOf.filter((s) => /^select .* from "threads"/.test(s))).toHaveLength(1);
      expect(sqlOf.filter((s) => /^select .* from "threads"/.test(s))[0]).toMatch(/"spaces".*"program_members".*"community_suspensions".*"thread_follows".*"settings"/);
      expect(sqlOf.some((s) => /^select [^(]*from "(spaces|settings|community_suspensions|program_members)"/.test(s))).toBe(false);
      expect(sqlOf.some((s) => /insert into "thread_follows"/.test(s))).toBe(false);
    } finally {
      await close();
    }
  });

  it('keeps every rule the separate reads decided: program-only spaces, anonymity, suspension, slow mode, the first-post hold', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const admin = await buildUser(app, { roles: ['admin'] });
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      const [insider, outsider, member, newcomer] = await Promise.all([buildUser(app), buildUser(app), buildUser(app), buildUser(app)]);

      // A program-only space: its member replies; someone outside it is told the thread is not there.
      const program = (await admin.client.post('/api/admin/programs', { name: 'Harbour program' })).json().id as string;
      expect((await admin.client.post(`/api/admin/programs/${program}/members`, { userId: insider!.id })).statusCode).toBe(201);
      const closed = (await admin.client.post('/api/admin/spaces', { slug: `harbour-${Date.now()}`, name: 'Harbour', description: 'Program only.', houseRules: 'Kind.', visibility: 'program', programId: program, allowAnonymous: false })).json().id as string;
      const inside = await newThread(insider!, closed);
      expect((await reply(insider!, inside)).statusCode).toBe(201);
      expect((await reply(outsider!, inside)).statusCode).toBe(404);
      expect((await reply(outsider!, inside.slice(0, -1) + (inside.endsWith('0') ? '1' : '0'))).statusCode).toBe(404);

      // Anonymous replies only where the space allows them.
      const open = await spaceId(app, 'carers');
      const thread = await newThread(member!, open);
      const allows = async (space: string) => (await app.kindred.database.db.selectFrom('spaces').select('allow_anonymous').where('id', '=', space).executeTakeFirstOrThrow()).allow_anonymous === 1;
      expect(await allows(closed)).toBe(false);
      expect((await reply(insider!, inside, { anonymous: true })).statusCode).toBe(400);
      expect((await reply(member!, thread, { anonymous: true })).statusCode).toBe((await allows(open)) ? 201 : 400);

      // Suspended: 403 with the date.
      const suspended = await supervisor.client.post(`/api/moderation/users/${outsider!.id}/suspend`, { days: 2, reason: 'Adverts.' });
      expect(suspended.statusCode).toBe(200);
      const blocked = await reply(outsider!, thread);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('suspended');

      // Slow mode: the second reply within the window waits; a moderator does not.
      expect((await supervisor.client.put(`/api/moderation/threads/${thread}/slow-mode`, { seconds: 600 })).statusCode).toBe(200);
      expect((await reply(member!, thread)).statusCode).toBe(429);
      expect((await reply(insider!, thread)).statusCode).toBe(201);
      expect((await reply(insider!, thread)).statusCode).toBe(429);
      expect((await reply(supervisor, thread)).statusCode).toBe(201);
      expect((await reply(supervisor, thread)).statusCode).toBe(201);

      // The first-post hold: a newcomer's first reply waits for review; a member with posts does not.
      expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(200);
      const held = await reply(newcomer!, thread);
      expect(held.statusCode).toBe(201);
      expect(held.json().post.state).toBe('pending');
      expect(held.json().safety.held).toBe(false);
      const other = await newThread(insider!, open);
      const kept = await reply(insider!, other);
      expect(kept.json().post.state).toBe('visible');
    } finally {
      await close();
    }
  });

  it('reads only the followers without an unread notice of the thread, and notifies exactly those (ADR 012)', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const [author, replier, ...followers] = await Promise.all(Array.from({ length: 6 }, () => buildUser(app)));
      const threadId = await newThread(author!, await spaceId(app, 'carers'));
      for (const f of followers) expect((await f!.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
      const db = app.kindred.database.db;
      const followed = async () =>
        (await db.selectFrom('notifications').select(['user_id']).where('thread_id', '=', threadId).where('kind', '=', 'followed').orderBy('id').execute()).map((r) => r.user_id);
      const without = async () => new Set((await communitiesRepository.followersWithoutNotice(db, [threadId])).get(threadId) ?? []);

      expect(await without()).toEqual(new Set([author!.id, ...followers.map((f) => f!.id)]));
      expect((await reply(replier!, threadId)).statusCode).toBe(201);
      await app.kindred.dispatcher.idle();
      // One notice each for the four followers (the author hears of it as a reply, the replier not at all).
      expect((await followed()).sort()).toEqual(followers.map((f) => f!.id).sort());
      // Now every follower holds an unread notice but the author and the replier (who follows now).
      expect(await without()).toEqual(new Set([author!.id, replier!.id]));

      // One of them reads theirs: the next reply is news to them alone.
      expect((await followers[0]!.client.post('/api/notifications/read', { all: true })).statusCode).toBe(200);
      expect(await without()).toEqual(new Set([author!.id, replier!.id, followers[0]!.id]));
      expect((await reply(replier!, threadId, { body: 'And tea after the walk, most days.' })).statusCode).toBe(201);
      await app.kindred.dispatcher.idle();
      const all = await followed();
      expect(all).toHaveLength(5);
      expect(all.at(-1)).toBe(followers[0]!.id);
      // Another thread's followers and notices are not mixed in.
      const other = await newThread(followers[1]!, await spaceId(app, 'carers'));
      const both = await communitiesRepository.followersWithoutNotice(db, [threadId, other]);
      expect(both.get(other)).toEqual([followers[1]!.id]);
      expect(new Set(both.get(threadId))).toEqual(new Set([author!.id, replier!.id]));
    } finally {
      await close();
    }
  });

  it.runIf(database.name === 'sqlite')('probes the followed-notice index for each follower and member notified, even with statistics taken while there were no notices', async () => {
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => capturing && queries.push(q) });
    try {
      const [author, replier, follower] = await Promise.all(Array.from({ length: 3 }, () => buildUser(app)));
      const threadId = await newThread(author!, await spaceId(app, 'carers'));
      expect((await follower!.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
      const db = app.kindred.database.db;
      // Statistics of an empty table (an `ANALYZE` on a young file, as the bench's seed runs it): with
      // them the planner took the member's unread notices (`notifications_unread_newest_idx`) instead.
      expect((await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(0);
      await sql`analyze`.execute(db);
      expect((await reply(replier!, threadId)).statusCode).toBe(201);
      await app.kindred.dispatcher.idle();

      capturing = true;
      const without = await communitiesRepository.followersWithoutNotice(db, [threadId]);
      // The same question of `notifyMany`, for the members it is about to notify.
      const holding = await notificationsRepository.unreadFollowed(db, [threadId], [author!.id, follower!.id]);
      capturing = false;
      // The follower holds a notice now; the author (a reply notice) and the replier do not hold one.
      expect(new Set(without.get(threadId))).toEqual(new Set([author!.id, replier!.id]));
      expect(holding).toEqual(new Set([`${follower!.id} ${threadId}`]));
      expect(queries).toHaveLength(2);
      for (const read of queries) {
        const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${read.sql}`, [...read.parameters]));
        const probe = plan.rows.map((r) => r.detail).find((d) => / notifications /.test(d));
        expect(probe, read.sql).toMatch(/USING (COVERING )?INDEX notifications_followed_unread_idx \(thread_id=\? AND user_id=\?\)/);
      }
    } finally {
      await close();
    }
  });
});
