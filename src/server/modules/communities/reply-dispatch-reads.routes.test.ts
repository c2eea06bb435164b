import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, newThread, post, type BuiltUser } from '../../../../test/factories.js';
import type { ExecutedQuery } from '../../platform/db.js';

/**
 * What the reply's dispatch reads (ADR 031): only the members being notified are asked about
 * their unread followed-thread notices, and opening posts are read for empathy ratings only when a
 * supporter replied. The outcomes are those of ADR 012 and the supervision ratings, unchanged.
 */
const openingReads = (queries: ExecutedQuery[]) => queries.filter((q) => /from "posts" where "thread_id" in .* and "is_opening" = (\?|\$\d+)/.test(q.sql));

describe.each(testDatabases)('reply dispatch reads on $name (ADR 031)', (database) => {
  it('keeps one followed notice a thread for members who hold one, asking only about the members being notified', async () => {
    const queries: ExecutedQuery[] = [];
    const { app, close } = await buildTestApp(database, { onQuery: (q) => queries.push(q) });
    try {
      const [author, holder, bystander, newcomer, replier] = await Promise.all(Array.from({ length: 5 }, () => buildUser(app)));
      const threadId = await newThread(app, author!, 'Evenings after work');
      for (const u of [holder!, bystander!]) expect((await u.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
      const first = await post(replier!, `/api/threads/${threadId}/posts`, { body: 'A short walk before dinner helps me.' });
      await app.kindred.dispatcher.idle();
      const followedRows = async (u: BuiltUser) =>
        (await app.kindred.database.db.selectFrom('notifications').select(['kind', 'thread_id', 'post_id']).where('user_id', '=', u.id).where('kind', '=', 'followed').execute()).map(
          (r) => [r.thread_id, r.post_id],
        );
      expect(await followedRows(holder!)).toEqual([[threadId, first.post.id]]);
      expect(await followedRows(bystander!)).toEqual([[threadId, first.post.id]]);

      // Followed notices asked for directly: the holder (who has an unread one) gets nothing more,
      // the newcomer one notice however many replies name them.
      const before = queries.length;
      const made = await app.kindred.uow.run((tx) =>
        app.kindred.notifications.notifyMany(tx, [
          { userId: holder!.id, kind: 'followed', threadId, postId: first.post.id, actorId: replier!.id, actorAnonymous: false },
          { userId: newcomer!.id, kind: 'followed', threadId, postId: first.post.id, actorId: replier!.id, actorAnonymous: false },
          { userId: newcomer!.id, kind: 'followed', threadId, postId: first.post.id, actorId: replier!.id, actorAnonymous: false },
        ]),
      );
      expect(made).toBe(1);
      expect(await followedRows(holder!)).toEqual([[threadId, first.post.id]]);
      expect(await followedRows(newcomer!)).toEqual([[threadId, first.post.id]]);
      // The bystander also holds a notice of this thread: not read, as they are not being notified.
      const asked = queries.slice(before).filter((q) => /from "notifications"(?: indexed by "\w+")?\s+where "thread_id" in/.test(q.sql));
      expect(asked).toHaveLength(1);
      expect(asked[0]!.parameters).toEqual(expect.arrayContaining([threadId, holder!.id, newcomer!.id]));
      expect(asked[0]!.parameters).not.toContain(bystander!.id);
    } finally {
      await close();
    }
  });

  it('rates supporters’ replies only, reading opening posts only for a batch a supporter replied in', async () => {
    const queries: ExecutedQuery[] = [];
    const { app, close } = await buildTestApp(database, { onQuery: (q) => queries.push(q) });
    try {
      const [author, member] = [await buildUser(app), await buildUser(app)];
      const supporter = await buildUser(app, { roles: ['peer_supporter'] });
      const threadId = await newThread(app, author, 'Sleep before exams');
      await app.kindred.dispatcher.idle();

      let before = queries.length;
      const byMember = await post(member, `/api/threads/${threadId}/posts`, { body: 'I listen to the same calm playlist every night.' });
      await app.kindred.dispatcher.idle();
      expect(openingReads(queries.slice(before))).toEqual([]);
      const ratings = () => app.kindred.database.db.selectFrom('empathy_ratings').select(['user_id', 'source_id']).execute();
      expect(await ratings()).toEqual([]);

      before = queries.length;
      const bySupporter = await post(supporter, `/api/threads/${threadId}/posts`, { body: 'That sounds exhausting. What usually goes through your mind when you cannot sleep?' });
      await app.kindred.dispatcher.idle();
      expect(openingReads(queries.slice(before))).toHaveLength(1);
      expect(await ratings()).toEqual([{ user_id: supporter.id, source_id: bySupporter.post.id }]);
      expect((await ratings()).some((r) => r.source_id === byMember.post.id)).toBe(false);
    } finally {
      await close();
    }
  });
});
