import { describe, expect, it } from 'vitest';
import { communitiesRepository, MARK_END, MARK_START } from '../../src/server/modules/communities/communities.repository.js';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

/**
 * ADR 063: SQLite's post tier picks its page inside the walk's statement (`search_pick`: the first
 * visible row of a thread not yet listed) and reads each pick's snippet there. A thread's newer
 * matching post that the reader may not see must not take its thread's place (its older visible
 * post does), a busy thread counts once, and every snippet is the pick's own, marked. The same
 * page on PostgreSQL, whose walk is its own.
 */
describe.each(testDatabases)('search picks in its walk on $name (ADR 063)', (database) => {
  const t = useTestApp(database);

  it('lists each thread once by its newest visible match, a hidden newer post and a held one passed over, with its own marked snippet', async () => {
    const a = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const space = (await db.selectFrom('spaces').select('id').where('slug', '=', 'students').executeTakeFirstOrThrow()).id;
    const thread = async (title: string) => {
      const res = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title, body: 'Nothing yet.' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().thread.id as string;
    };
    const reply = async (threadId: string, body: string) => {
      const res = await a.client.post(`/api/threads/${threadId}/posts`, { body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().post.id as string;
    };
    const [older, between, busy] = [await thread('At the lock'), await thread('By the lake'), await thread('On the pier')];
    const olderSeen = await reply(older, 'A cormorant first, then a heron on the weir.');
    const betweenSeen = await reply(between, 'One grey heron by the reeds.');
    const hidden = await reply(older, 'The heron came back to the weir today.');
    const held = await reply(older, 'Heron again, a third time at the weir.');
    const busyPosts = [await reply(busy, 'A heron on the rail.'), await reply(busy, 'The heron flew off.'), await reply(busy, 'Heron back on the rail.')];
    // The newest matches of the older thread: one hidden by a moderator, one held for review.
    await db.updateTable('posts').set({ state: 'hidden' }).where('id', '=', hidden).execute();
    await db.updateTable('posts').set({ state: 'pending' }).where('id', '=', held).execute();

    const expected = [
      { thread: busy, post: busyPosts[2], words: ['Heron'] },
      { thread: between, post: betweenSeen, words: ['heron'] },
      { thread: older, post: olderSeen, words: ['heron'] },
    ];
    for (const narrowed of [{ spaceIds: [space], kind: 'question' as const }, { spaceIds: [space] }]) {
      for (const limit of [1, 2, 3, 10]) {
        const res = await communitiesRepository.search(db, database.name, { terms: ['heron'], match: 'all', order: 'newest', hiddenWarnings: [], limit, ...narrowed });
        expect(res.rows.map((r) => ({ thread: r.thread_id, post: r.post_id })), `${JSON.stringify(narrowed)} ${limit}`).toEqual(expected.slice(0, limit).map(({ thread, post }) => ({ thread, post })));
        for (const [i, r] of res.rows.entries()) {
          // The pick's own text, its word marked.
          const words = [...r.snippet_marked.matchAll(new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g'))].map((m) => m[1]);
          expect(words, r.snippet_marked).toEqual(expected[i]!.words);
          expect(r.snippet_marked.replaceAll(MARK_START, '').replaceAll(MARK_END, '')).toContain(
            { [busyPosts[2]!]: 'Heron back on the rail', [betweenSeen]: 'grey heron by the reeds', [olderSeen]: 'heron on the weir' }[r.post_id],
          );
        }
      }
    }
  });
});
