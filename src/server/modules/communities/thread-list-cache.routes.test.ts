import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { approximateBytes, ThreadListCache, type SharedList } from './thread-list-cache.js';

const BOUND = 200 * 1024;

describe.each(testDatabases)('the thread list cache on $name', (database) => {
  it('is bounded by approximate bytes: a few huge lists push out the small ones, and it never holds more than the bound', async () => {
    let queries = 0;
    const t = await buildTestApp(database, { config: { threadListCacheBytes: BOUND }, onQuery: () => void (queries += 1) });
    try {
      const { app } = t;
      const lists = (app.kindred.communities as unknown as { lists: ThreadListCache }).lists;
      const author = await buildUser(app);
      const reader = await buildUser(app);
      const space = (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
      for (let i = 0; i < 40; i++) {
        // Titles at their longest (140): the lists of them are large.
        const title = `Long walks and small wins, week ${String(i).padStart(2, '0')}: `.padEnd(140, 'what helped me through the winter ');
        const res = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'A short walk every morning helped a little.' });
        expect(res.statusCode, res.body).toBe(201);
      }
      // The threads' events empty the cache when they arrive over the bus: let them all arrive first.
      await app.kindred.dispatcher.idle();
      /** Reads a list; returns how many SQL statements that took (one fewer on a cache hit). */
      const read = async (query: string) => {
        const before = queries;
        const res = await reader.client.get(`/api/threads?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return queries - before;
      };
      // Four small lists (1 to 4 threads, one key per page size), each read twice: a miss, then a hit.
      let miss = 0;
      let hit = 0;
      for (let n = 1; n <= 4; n++) {
        miss = await read(`list=latest&limit=${n}`);
        hit = await read(`list=latest&limit=${n}`);
      }
      expect(hit).toBeLessThan(miss);
      expect(lists.stats.entries).toBe(4);
      const small = lists.stats.bytes;
      expect(small).toBeLessThan(BOUND / 4);

      // A few huge ones (all 40 threads each): together they pass the bound.
      const bigMisses: number[] = [];
      for (const query of ['list=latest&limit=100', 'list=top&limit=100', 'list=latest&limit=99']) bigMisses.push(await read(query));
      const { entries, bytes } = lists.stats;
      expect(bytes).toBeLessThanOrEqual(BOUND);
      expect(entries).toBeLessThan(4 + 3);
      // The oldest went first: the small lists are read again from the database...
      expect(await read('list=latest&limit=1')).toBeGreaterThan(hit);
      // ...while the newest huge one is still served from the cache.
      expect(await read('list=latest&limit=99')).toBeLessThan(bigMisses[2]!);
    } finally {
      await t.close();
    }
  });
});

describe('approximate bytes of a thread list', () => {
  const row = (id: string, title: string) => ({ id, title, space_id: 's', author_handle: 'h' }) as unknown as SharedList['rows'][number];
  it('grows with the text kept and refuses an entry larger than the whole bound', () => {
    const a = { rows: [row('1', 'short')], templates: new Map(), arrays: null };
    const b = { rows: [row('1', 'x'.repeat(5000))], templates: new Map(), arrays: null };
    expect(approximateBytes('k', b) - approximateBytes('k', a)).toBe(2 * (5000 - 5));
    const cache = new ThreadListCache(5_000, 4_000);
    cache.put('small', a, 0, cache.mark());
    cache.put('huge', b, 0, cache.mark());
    // Over the bound on its own: not kept, and nothing pushed out for it.
    expect(cache.get('huge', 1)).toBeNull();
    expect(cache.get('small', 1)).toBe(a);
    expect(cache.stats.entries).toBe(1);
    cache.clear();
    expect(cache.stats).toMatchObject({ entries: 0, bytes: 0 });
  });
});
