import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/seed.js';
import { CONTENT_WARNINGS } from '../../src/contracts/communities.js';
import { communitiesRepository, type SearchOptions } from '../../src/server/modules/communities/communities.repository.js';
import type { DatabaseHandle, ExecutedQuery } from '../../src/server/platform/db.js';
import type { Database } from '../../src/server/platform/schema.js';
import { testDatabases } from '../databases.js';
import { openSeededDatabase } from '../seeded-search.js';

/**
 * PostgreSQL's search walks its matches in batches and stops when the page is full (ADR 032, 028's
 * amendment, 051). Whatever the batches and the statements' plans, its answer must be the one a read
 * of every match gives (ADR 016's order): each visible thread once, by its opening post when the
 * title has every word, else by its newest visible matching post; title hits first, then by that
 * post, newest first. This compares the repository's search with that definition, written here as
 * one plain statement over every match, for several hundred random searches over a seeded set
 * (bench/seed.ts: realistic texts, busy threads, title hits), with posts held for review and
 * hidden, threads hidden, readers who cannot see some spaces (program-only ones), kinds, hidden
 * warnings and page sizes from 1 to 50.
 */

type Db = Kysely<Database>;


/**
 * The definition: every visible match whose text (title or body: weights A and B of the vector,
 * never the scope words of migrations 0024/0028) has every word, in a visible thread the reader may
 * search; one per thread by title hit, then newest; title hits first, then newest.
 */
async function reference(db: Db, o: SearchOptions): Promise<{ thread_id: string; post_id: string }[]> {
  const words = sql`plainto_tsquery('english', ${o.terms.join(' ')})`;
  const rows = (await sql<{ post_id: string; thread_id: string; in_title: boolean }>`
    select p.id as post_id, p.thread_id,
      (p.is_opening = 1 and ts_filter(p.search_vector, '{a}') @@ ${words}) as in_title
    from posts p join threads t on t.id = p.thread_id
    where ts_filter(p.search_vector, '{a,b}') @@ ${words}
      and p.state = 'visible' and t.state = 'visible'
      and t.space_id in (${sql.join(o.spaceIds.map((s) => sql`${s}`))})
      ${o.kind ? sql`and t.kind = ${o.kind}` : sql``}
      ${o.excludeThreadId ? sql`and t.id <> ${o.excludeThreadId}` : sql``}
      ${sql.join(o.hiddenWarnings.map((w) => sql`and not (p.warnings::jsonb ? ${w}) and not (t.warnings::jsonb ? ${w})`), sql` `)}`.execute(db)).rows;
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const b = best.get(r.thread_id);
    if (!b || (r.in_title && !b.in_title) || (r.in_title === b.in_title && r.post_id > b.post_id)) best.set(r.thread_id, r);
  }
  return [...best.values()]
    .sort((a, b) => Number(b.in_title) - Number(a.in_title) || (a.post_id < b.post_id ? 1 : -1))
    .slice(0, o.limit)
    .map(({ thread_id, post_id }) => ({ thread_id, post_id }));
}

// PostgreSQL's walk only (SQLite's is checked by ADR 022/039's tests); each database is listed, so a
// SQLite-only run reports this file as skipped rather than empty.
describe.each(testDatabases)('search on $name against its definition, over random searches (ADR 051)', (database) => {
  describe.skipIf(database.name !== 'postgres')('PostgreSQL', () => {
    let handle: DatabaseHandle;
    let spaces: string[];
    let vocabulary: { bodies: string[]; titles: string[] };
    let threadIds: string[];
    const captured: ExecutedQuery[] = [];
    let capturing = false;

    beforeAll(async () => {
      ({ handle, spaces } = await openSeededDatabase(database, 2_500, (q) => void (capturing && captured.push(q))));
      const db = handle.db;
      // States the seed does not write: posts held for review, more hidden, threads hidden or removed.
      await sql`update posts set state = 'pending' where is_opening = 0 and right(id, 1) in ('0', '1')`.execute(db);
      await sql`update posts set state = 'hidden' where is_opening = 0 and right(id, 1) = '2'`.execute(db);
      await sql`update threads set state = 'hidden' where right(id, 2) in ('a0', 'a1', 'a2', 'a3')`.execute(db);
      await sql`update threads set state = 'removed' where right(id, 2) in ('b0', 'b1')`.execute(db);
      await sql`vacuum analyze posts, threads`.execute(db);
      const posts = await db.selectFrom('posts').select(['body_text', 'search_title']).orderBy('id').execute();
      vocabulary = { bodies: posts.map((p) => p.body_text), titles: posts.filter((p) => p.search_title).map((p) => p.search_title) };
      threadIds = (await db.selectFrom('threads').select('id').execute()).map((t) => t.id);
    }, 240_000);

    afterAll(async () => {
      await handle?.close();
    });

    it('gives the same threads, posts and order as a read of every match, for 720 random searches', async () => {
      const rnd = mulberry32(9051); // as the seed draws: the same searches on every run
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      /** 1–4 words side by side in a post or title (words that go together, as people search), or drawn apart. */
      const terms = (): string[] => {
        const r = rnd();
        const from = wordsOf(pick(r < 0.25 ? vocabulary.titles : vocabulary.bodies));
        if (from.length === 0) return ['sleep'];
        const n = 1 + Math.floor(rnd() * Math.min(4, from.length));
        if (r > 0.9) return Array.from({ length: n }, () => pick(from));
        const at = Math.floor(rnd() * (from.length - n + 1));
        const ws = from.slice(at, at + n);
        return rnd() < 0.05 ? [...ws, 'gardening'] : ws;
      };
      let compared = 0;
      let nonEmpty = 0;
      let full = 0;
      const mismatches: string[] = [];
      for (let i = 0; i < 720; i++) {
        const r = rnd();
        const spaceIds = r < 0.55 ? spaces : r < 0.75 ? [pick(spaces)] : spaces.filter(() => rnd() < 0.6);
        const o: SearchOptions = {
          terms: terms(),
          match: 'all',
          order: 'newest',
          spaceIds: spaceIds.length ? spaceIds : [spaces[0]!],
          kind: rnd() < 0.25 ? pick(['story', 'question', 'what_helped']) : undefined,
          hiddenWarnings: rnd() < 0.3 ? CONTENT_WARNINGS.filter(() => rnd() < 0.4) : [],
          excludeThreadId: rnd() < 0.05 ? pick(threadIds) : undefined,
          limit: rnd() < 0.6 ? 20 : 1 + Math.floor(rnd() * 50),
        };
        const got = (await communitiesRepository.search(handle.db, 'postgres', o)).rows.map(({ thread_id, post_id }) => ({ thread_id, post_id }));
        const want = await reference(handle.db, o);
        compared += 1;
        if (want.length) nonEmpty += 1;
        if (want.length === o.limit) full += 1;
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${JSON.stringify(o)}: ${got.length} hits, ${want.length} expected`);
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBe(720);
      // The draw reaches both ends: searches with no hit and full pages, and many in between.
      expect(nonEmpty).toBeGreaterThan(400);
      expect(full).toBeGreaterThan(150);
    }, 240_000);

    it('reads several words\' hits and texts by key, not every match through the GIN index', async () => {
      // The planner estimates words together as if independent (here 5–20 % of posts say all three),
      // and took the GIN index for a batch of 40 or for the 20 hits' texts, reading every match.
      captured.length = 0;
      capturing = true;
      const o: SearchOptions = { terms: ['medication', 'side', 'effects'], match: 'all', order: 'newest', spaceIds: spaces, hiddenWarnings: [], limit: 20 };
      const res = await communitiesRepository.search(handle.db, 'postgres', o);
      capturing = false;
      expect(res.rows.map(({ thread_id, post_id }) => ({ thread_id, post_id }))).toEqual(await reference(handle.db, o));
      expect(res.rows).toHaveLength(20);
      const indexes: string[][] = [];
      for (const q of captured) {
        const plan = await handle.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${q.sql}`, [...q.parameters]));
        indexes.push(plan.rows.map((r) => r['QUERY PLAN']).join('\n').match(/using \w+|on posts_search_idx/gi) ?? []);
      }
      // The first batch (with the titles) and the texts: posts by key only; no GIN read of all posts' words.
      expect(indexes.flat().filter((i) => /posts_search_idx/.test(i)), JSON.stringify(indexes)).toEqual([]);
    }, 60_000);
  });
});
