import { describe, expect, it } from 'vitest';
import { communitiesRepository, SQLITE_SEARCH_SHAPES, sqliteSearchShapesKept } from '../../src/server/modules/communities/communities.repository.js';
import { precompiledStatementTexts, type ExecutedQuery } from '../../src/server/platform/db.js';
import { buildTestApp } from '../app.js';
import { sqliteTestDatabase } from '../databases.js';
import { buildUser } from '../factories.js';

/**
 * ADR 039, amendment: SQLite's search statements are compiled once per shape, and any member
 * chooses shapes (warnings hidden, spaces, kind, page length). The lists are padded to a few
 * lengths, the kept shapes are the most recently used, and their texts are not named for
 * PostgreSQL: many shapes can neither fill the cache for good (the default search then compiled on
 * every call) nor grow the process's set of prepared names.
 */
describe('SQLite search statement shapes (ADR 039, amendment)', () => {
  it('stay few and bounded whatever a member asks for through the API, and the default search stays kept', async () => {
    const texts = new Set<string>();
    const onQuery = (q: ExecutedQuery) => {
      if (/"posts(_title)?_fts" match/.test(q.sql)) texts.add(q.sql);
    };
    const { app, close } = await buildTestApp(sqliteTestDatabase, { onQuery, config: { rateLimitPerMinute: 1_000_000 } as never });
    try {
      const a = await buildUser(app);
      const spaces = ((await a.client.get('/api/spaces')).json().spaces as { id: string }[]).map((s) => s.id);
      for (let i = 0; i < 30; i++) {
        const res = await a.client.post(`/api/spaces/${spaces[0]}/threads`, { kind: 'story', title: `Thread ${i}`, body: `A heron by the river ${i}.` });
        expect(res.statusCode, res.body).toBe(201);
      }
      // Every count of warnings hidden (1–7), every page length (1–50), unnarrowed, narrowed to a
      // space, to a space and a kind: 1,050 searches, each filter's statements at most 14 shapes
      // (2 walks, marks of 2 tables × 3 lengths × windowed or not), 7 × 3 filters before padding.
      const warnings = ['self_harm', 'suicide', 'eating', 'abuse', 'substance_use', 'violence', 'loss'];
      const filters = new Set<string>();
      for (let hidden = warnings.length; hidden >= 1; hidden--) {
        const prefs = Object.fromEntries(warnings.map((w, i) => [w, i < hidden ? 'hide' : 'show']));
        expect((await a.client.put('/api/me/content-warnings', { prefs })).statusCode).toBe(200);
        for (const narrow of ['', `&space=${spaces[0]}`, `&space=${spaces[0]}&kind=story`]) {
          filters.add(`${2 ** Math.ceil(Math.log2(hidden))} ${narrow.split('&').length}`);
          for (let limit = 1; limit <= 50; limit++) expect((await a.client.get(`/api/search?q=heron&limit=${limit}${narrow}`)).statusCode).toBe(200);
        }
      }
      expect(filters.size).toBe(4 * 3);
      expect(texts.size).toBeLessThanOrEqual(filters.size * 14);
      expect(sqliteSearchShapesKept().length).toBeLessThanOrEqual(SQLITE_SEARCH_SHAPES);
      // None of these texts is given a name to prepare on PostgreSQL (kept for the life of the process).
      expect(precompiledStatementTexts().filter((q) => texts.has(q))).toEqual([]);

      // The default search (no warning hidden, limit 20, not narrowed) of another member, after
      // all those: its shapes are kept, so the next one compiles nothing.
      const b = await buildUser(app);
      expect((await b.client.get('/api/search?q=heron')).json().hits).toHaveLength(20);
      const kept = sqliteSearchShapesKept();
      // The post tier's marks are read by its walk (ADR 063): no statement of their own.
      for (const statement of [/^walk posts_title_fts 0,/, /^walk posts_fts 0,/]) {
        expect(kept.some((k) => statement.test(k)), String(statement)).toBe(true);
      }
    } finally {
      await close();
    }
    // 1,050 searches through HTTP: ~5 s on a quiet machine, 20–25 s on a loaded one (30 s is the default).
  }, 120_000);

  it('padded, give one shape per power of two of the spaces and warnings hidden, with the same hits; past the bound, the least recently used make way', async () => {
    const texts = new Set<string>();
    const onQuery = (q: ExecutedQuery) => {
      if (/indexed by posts_search_walk_idx/.test(q.sql)) texts.add(q.sql);
    };
    const { app, close } = await buildTestApp(sqliteTestDatabase, { onQuery });
    try {
      const a = await buildUser(app);
      const spaces = ((await a.client.get('/api/spaces')).json().spaces as { id: string }[]).map((s) => s.id);
      const res = await a.client.post(`/api/spaces/${spaces[0]}/threads`, { kind: 'story', title: 'Otters', body: 'An otter by the weir.' });
      expect(res.statusCode, res.body).toBe(201);
      const warnings = ['self_harm', 'suicide', 'eating', 'abuse', 'substance_use', 'violence', 'loss'];
      // Spaces that do not exist pad the real one's list to 1–24 ids (24 → 32); 1–7 warnings hidden.
      // Meanwhile one shape is used again and again (one space, no warning hidden), as the common ones are.
      const hot = () => communitiesRepository.search(app.kindred.database.db, 'sqlite', { terms: ['otter'], match: 'all', order: 'newest', spaceIds: [spaces[0]!], hiddenWarnings: [], limit: 20 });
      for (let spaceCount = 1; spaceCount <= 24; spaceCount++) {
        expect((await hot()).rows).toHaveLength(1);
        for (let hidden = 1; hidden <= warnings.length; hidden++) {
          for (const kind of [undefined, 'story']) {
            for (const limit of [20, 50]) {
              const spaceIds = [spaces[0]!, ...Array.from({ length: spaceCount - 1 }, (_, i) => `no-such-space-${i}`)];
              const found = await communitiesRepository.search(app.kindred.database.db, 'sqlite', { terms: ['otter'], match: 'all', order: 'newest', spaceIds, kind, hiddenWarnings: warnings.slice(0, hidden), limit });
              expect(found.rows.map((r) => r.thread_id)).toEqual([res.json().thread.id]);
            }
          }
        }
      }
      // Spaces 1, 2, 4, 8, 16, 32 × warnings 1, 2, 4, 8 × kind or not × the two walks (titles,
      // posts), and the repeated search's two.
      expect(texts.size).toBeLessThanOrEqual(6 * 4 * 2 * 2 + 2);
      // More shapes than are kept: the most recently used are. A shape used again moves to the end
      // of the order (least recently used first), whenever it was first compiled.
      expect(sqliteSearchShapesKept()).toHaveLength(SQLITE_SEARCH_SHAPES);
      const spaceIds = [spaces[0]!, ...Array.from({ length: 40 }, (_, i) => `no-such-space-${i}`)];
      expect((await communitiesRepository.search(app.kindred.database.db, 'sqlite', { terms: ['otter'], match: 'all', order: 'newest', spaceIds, hiddenWarnings: [], limit: 20 })).rows).toHaveLength(1);
      expect(sqliteSearchShapesKept().slice(-3)).toContain('walk posts_title_fts 0,64,0,0');
      expect((await hot()).rows).toHaveLength(1);
      expect(sqliteSearchShapesKept().slice(-3).sort()).toEqual(['marks posts_title_fts 0,1,0,0 10 true', 'walk posts_fts 0,1,0,0', 'walk posts_title_fts 0,1,0,0']);
      // A search after them all (the default: no warning hidden, every space the member sees, a
      // shape none of them had) is kept too, rather than compiled on every call.
      const b = await buildUser(app);
      expect((await b.client.get('/api/search?q=otter')).json().hits).toHaveLength(1);
      const seen = ((await b.client.get('/api/spaces')).json().spaces as unknown[]).length;
      expect(seen).toBeGreaterThan(1);
      const spacesPadded = 2 ** Math.ceil(Math.log2(seen));
      expect(sqliteSearchShapesKept()).toContain(`walk posts_title_fts 0,${spacesPadded},0,0`);
      expect(sqliteSearchShapesKept()).toContain(`marks posts_title_fts 0,${spacesPadded},0,0 10 true`);
    } finally {
      await close();
    }
  });
});
