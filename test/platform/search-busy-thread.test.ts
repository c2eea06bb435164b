import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communitiesRepository, PG_SEARCH_WALK_ROWS, PG_SEARCH_BATCHES, type SearchOptions } from '../../src/server/modules/communities/communities.repository.js';
import type { DatabaseHandle, ExecutedQuery } from '../../src/server/platform/db.js';
import { testDatabases } from '../databases.js';
import { openSeededDatabase } from '../seeded-search.js';

/**
 * Several words said again and again in one busy thread (ADR 051, amendment): the first batch of
 * PostgreSQL's walk meets one thread, so the sized batch would be 16 per hit and its walk of the
 * newest posts 25 times that (8,000 posts at 20 hits) before the GIN read of the rest anyway. The
 * search must walk no more than the first batch's window, and give the definition's hits.
 */
describe.each(testDatabases)('search on $name: several words in one busy thread (ADR 051)', (database) => {
  describe.skipIf(database.name !== 'postgres')('PostgreSQL', () => {
    let handle: DatabaseHandle;
    let spaces: string[];
    const captured: ExecutedQuery[] = [];
    let capturing = false;

    beforeAll(async () => {
      ({ handle, spaces } = await openSeededDatabase(database, 2_500, (q) => void (capturing && captured.push(q))));
      const db = handle.db;
      // One busy thread's 120 newest replies (the newest posts of all) say the two words; no other post does.
      const template = (await sql<{ id: string }>`select id from posts where is_opening = 0 and state = 'visible' order by id desc limit 1`.execute(db)).rows[0]!.id;
      const cols = (await sql<{ c: string }>`select column_name as c from information_schema.columns where table_schema = current_schema() and table_name = 'posts' and is_generated = 'NEVER' and column_name <> 'id' order by ordinal_position`.execute(db)).rows.map((r) => r.c);
      const values = cols.map((c) => (c === 'body_text' ? `'we talked about lithium levels again today'` : c === 'search_key' ? `(select max(search_key) from posts) + g` : `"${c}"`));
      await sql.raw(`insert into posts (id, ${cols.map((c) => `"${c}"`).join(', ')}) select 'fff' || lpad(g::text, 29, '0'), ${values.join(', ')} from posts, generate_series(1, 120) g where id = '${template}'`).execute(db);
      await sql`vacuum analyze posts, threads`.execute(db);
    }, 240_000);

    afterAll(async () => {
      await handle?.close();
    });

    it.each([20, 50])('walks at most the first batch\'s window of posts, and finds the thread (%i hits asked)', async (limit) => {
      const o: SearchOptions = { terms: ['lithium', 'levels'], match: 'all', order: 'newest', spaceIds: spaces, hiddenWarnings: [], limit };
      captured.length = 0;
      capturing = true;
      const res = await communitiesRepository.search(handle.db, 'postgres', o);
      capturing = false;
      // The definition: the one thread, by its newest post.
      const newest = (await sql<{ id: string; thread_id: string }>`select id, thread_id from posts where id like 'fff%' order by id desc limit 1`.execute(handle.db)).rows[0]!;
      expect(res.rows.map(({ thread_id, post_id }) => ({ thread_id, post_id }))).toEqual([{ thread_id: newest.thread_id, post_id: newest.id }]);
      // Rows each statement read from posts by key (the walks' backward scans of posts_pkey, the texts' reads).
      let walked = 0;
      const visit = (node: Record<string, unknown>) => {
        if (node['Index Name'] === 'posts_pkey') walked += Number(node['Actual Rows'] ?? 0) * Number(node['Actual Loops'] ?? 1);
        for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) visit(child);
      };
      for (const q of captured) {
        const plan = await handle.db.executeQuery<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, [...q.parameters]));
        visit(plan.rows[0]!['QUERY PLAN'][0]!.Plan);
      }
      expect(walked).toBeGreaterThan(0);
      expect(walked).toBeLessThanOrEqual(PG_SEARCH_WALK_ROWS * PG_SEARCH_BATCHES[0] * limit);
    }, 60_000);
  });
});
