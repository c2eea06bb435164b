import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { KindredApp } from '../../src/server/app.js';
import { communitiesRepository, MARK_START } from '../../src/server/modules/communities/communities.repository.js';
import type { ExecutedQuery } from '../../src/server/platform/db.js';
import { buildTestApp } from '../app.js';
import { sqliteTestDatabase } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';

/**
 * ADR 039: SQLite's search reads a title hit's post (with its marks) in a statement after the walk
 * that found it, and other requests run in between, so that read checks again what the walk checked.
 * A post tier hit's post and marks are read by the walk's statement that picked it (ADR 063): a
 * change after it is seen by the next search.
 * communities.routes.test.ts tests the re-checks through a Kysely plugin, which sends the search's
 * statements through Kysely, built each time. Production runs them precompiled, on the
 * connection's cached statements, without Kysely (`directReads`): this file tests that path. The
 * change is made in `onQuery`, which `directReads` calls synchronously once the walk's rows are
 * read, through a second connection to the same database file.
 */

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newThread(u: BuiltUser, space: string, title: string, body: string) {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json() as { thread: { id: string }; post: { id: string } };
}

async function replyTo(u: BuiltUser, threadId: string, body: string) {
  const res = await u.client.post(`/api/threads/${threadId}/posts`, { body });
  if (res.statusCode !== 201) throw new Error(`reply: ${res.statusCode} ${res.body}`);
  return res.json() as { post: { id: string } };
}

describe('SQLite search re-checks its hits on the precompiled path (ADR 039, 063)', () => {
  it('leaves out a title hit edited not to match between the walk and the read; a post tier hit is read with its walk', async () => {
    const made = await sqliteTestDatabase.create({ persistent: true });
    // The change to make once the walk of this index has read its rows.
    let change: { table: 'posts_fts' | 'posts_title_fts'; run: () => void } | null = null;
    const onQuery = (q: ExecutedQuery) => {
      if (change && q.sql.includes('indexed by posts_search_walk_idx') && new RegExp(`from "${change.table}"( f left join .*)? where "${change.table}" match`, 's').test(q.sql)) {
        const { run } = change;
        change = null;
        run();
      }
    };
    const built = await buildTestApp({ ...sqliteTestDatabase, create: async () => made }, { onQuery });
    const other = new SQLite(made.url.slice('sqlite:'.length));
    other.pragma('busy_timeout = 5000');
    try {
      const app = built.app;
      const db = app.kindred.database.db;
      // No plugin: the search's statements run precompiled, as in production.
      expect(db.getExecutor().plugins).toHaveLength(0);
      const a = await buildUser(app);
      const space = await spaceId(app, 'students');
      const search = async (word: string) =>
        (await communitiesRepository.search(db, 'sqlite', { terms: [word], match: 'all', order: 'newest', spaceIds: [space], hiddenWarnings: [], limit: 10 })).rows.map((r) => ({ post: r.post_id, thread: r.thread_id, marked: r.snippet_marked.toLowerCase().includes(`${MARK_START}${word}`) }));
      const after = (table: 'posts_fts' | 'posts_title_fts', run: () => void) => {
        change = { table, run };
      };

      // Post tier (ADR 063): a hit's post and marks are read by the statement that picked it.
      // Hidden after it: listed as read; left out by the next search.
      const shore = await newThread(a, space, 'Shore walk', 'Down to the water.');
      const kelp = await replyTo(a, shore.thread.id, 'Kelp piled up by the steps.');
      const kelpHit = [{ post: kelp.post.id, thread: shore.thread.id, marked: true }];
      expect(await search('kelp')).toEqual(kelpHit);
      after('posts_fts', () => other.prepare(`update posts set state = 'hidden' where id = ?`).run(kelp.post.id));
      expect(await search('kelp')).toEqual(kelpHit);
      expect(change).toBeNull();
      expect(await search('kelp')).toEqual([]);

      // Deleted after the walk, its key (the newest, max + 1) taken at once by a post in another
      // thread of the same space: listed as read; the next search lists the other thread's post.
      const away = await newThread(a, space, 'Another harbour', 'Somewhere else.');
      const harbour = await newThread(a, space, 'Harbour', 'Boats in.');
      const eelgrass = await replyTo(a, harbour.thread.id, 'Eelgrass under the pontoon.');
      const eelgrassHit = [{ post: eelgrass.post.id, thread: harbour.thread.id, marked: true }];
      expect(await search('eelgrass')).toEqual(eelgrassHit);
      after('posts_fts', () => {
        const key = (other.prepare('select search_key from posts where id = ?').get(eelgrass.post.id) as { search_key: number }).search_key;
        other.transaction(() => {
          other.prepare('create temporary table moved as select * from posts where id = ?').run(eelgrass.post.id);
          other.prepare('delete from posts where id = ?').run(eelgrass.post.id);
          other.prepare(`update moved set id = id || '-x', thread_id = ?, body_text = 'Eelgrass, but not for this reader.', search_key = null`).run(away.thread.id);
          other.prepare('insert into posts select * from moved').run();
          // Keyed as a transaction of the app keys its new posts before it commits (migration 0032).
          other.prepare(`update posts set search_key = (select coalesce(max(search_key), 0) + 1 from posts) where id = ?`).run(`${eelgrass.post.id}-x`);
          other.prepare('drop table moved').run();
        })();
        expect((other.prepare('select search_key from posts where id = ?').get(`${eelgrass.post.id}-x`) as { search_key: number }).search_key).toBe(key);
      });
      expect(await search('eelgrass')).toEqual(eelgrassHit);
      expect(change).toBeNull();
      expect(await search('eelgrass')).toEqual([{ post: `${eelgrass.post.id}-x`, thread: away.thread.id, marked: true }]);

      // Edited after the walk to drop the word: listed with the snippet its walk read, marked
      // (never an unmarked snippet); gone next time.
      const limpet = await replyTo(a, shore.thread.id, 'A limpet on the rock.');
      const limpetHit = [{ post: limpet.post.id, thread: shore.thread.id, marked: true }];
      expect(await search('limpet')).toEqual(limpetHit);
      after('posts_fts', () => other.prepare(`update posts set body_text = 'A barnacle on the rock.' where id = ?`).run(limpet.post.id));
      expect(await search('limpet')).toEqual(limpetHit);
      expect(change).toBeNull();
      expect(await search('limpet')).toEqual([]);

      // A title hit whose title drops the word in between (its body still says it): not listed as a title hit.
      const cove = await newThread(a, space, 'Samphire by the path', 'The samphire is back.');
      // (A title hit's snippet is its text's start, unmarked.)
      expect(await search('samphire')).toEqual([{ post: cove.post.id, thread: cove.thread.id, marked: false }]);
      after('posts_title_fts', () => other.prepare(`update posts set search_title = 'Sea beet by the path' where id = ?`).run(cove.post.id));
      expect(await search('samphire')).toEqual([]);
      expect(change).toBeNull();
      // Read afresh, it is found through its post.
      expect(await search('samphire')).toEqual([{ post: cove.post.id, thread: cove.thread.id, marked: true }]);

      // A post between two hits edited in between to say the word: the hits, read by their walk, stay.
      const older = await newThread(a, space, 'Cliffs at dawn', 'A guillemot on the ledge.');
      const between = await newThread(a, space, 'Cliffs at noon', 'Nothing on the ledge.');
      const newer = await newThread(a, space, 'Cliffs at dusk', 'A guillemot again.');
      const both = [{ post: newer.post.id, thread: newer.thread.id, marked: true }, { post: older.post.id, thread: older.thread.id, marked: true }];
      expect(await search('guillemot')).toEqual(both);
      after('posts_fts', () => other.prepare(`update posts set body_text = 'A guillemot on the ledge too.' where id = ?`).run(between.post.id));
      expect(await search('guillemot')).toEqual(both);
      expect(change).toBeNull();
    } finally {
      other.close();
      await built.close();
      await made.cleanup();
    }
  });
});
