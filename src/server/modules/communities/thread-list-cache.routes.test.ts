import { describe, expect, it } from 'vitest';
import { ThreadListQuery } from '../../../contracts/communities.js';
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

  it("keeps a list's threads array as bytes for readers filling in the same values, another for other values, each counted in the bound (ADR 037, amendment)", async () => {
    const t = await buildTestApp(database, { config: { threadListCacheBytes: BOUND } });
    try {
      const { app } = t;
      const lists = (app.kindred.communities as unknown as { lists: ThreadListCache }).lists;
      const author = await buildUser(app);
      const [a, c, follower] = [await buildUser(app), await buildUser(app), await buildUser(app)];
      const space = (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
      const ids: string[] = [];
      for (const title of ['A better week', 'Night shifts', 'First week back at work']) {
        const res = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: `${title}, in a few words.` });
        expect(res.statusCode, res.body).toBe(201);
        ids.push((res.json() as { thread: { id: string } }).thread.id);
      }
      expect((await follower.client.put(`/api/threads/${ids[1]}/follow`)).statusCode).toBe(200);
      // Every change above empties the cache when its event arrives: all of them first.
      await app.kindred.dispatcher.idle();
      const query = ThreadListQuery.parse({ list: 'latest', limit: 10 });
      const read = (u: typeof a) => app.kindred.communities.listThreads(u.actor, query);

      // a fills in the same values as c (no folds, no follows): c is given the very bytes a's read kept.
      const forA = await read(a);
      expect(forA.threadsBytes).not.toBeNull();
      const afterA = lists.stats;
      const forC = await read(c);
      expect(forC.threadsBytes).toBe(forA.threadsBytes);
      // Nothing added: the same shared list, and no second copy counted.
      expect(lists.stats).toEqual(afterA);
      expect(afterA.entries).toBe(1);

      // The follower's values differ (one thread followed): bytes of their own, with their follow in them, counted.
      const forFollower = await read(follower);
      expect(forFollower.threadsBytes).not.toBeNull();
      expect(forFollower.threadsBytes).not.toBe(forA.threadsBytes);
      const followed = (JSON.parse(forFollower.threadsBytes!.bytes.toString('utf8')) as { id: string; following: boolean }[]).filter((x) => x.following);
      expect(followed.map((x) => x.id)).toEqual([ids[1]]);
      expect(JSON.parse(forA.threadsBytes!.bytes.toString('utf8')).some((x: { following: boolean }) => x.following)).toBe(false);
      // The key is two characters a thread (two bytes each); no response around the array yet (this read is not over HTTP).
      expect(lists.stats.bytes - afterA.bytes).toBe(forFollower.threadsBytes!.bytes.length + 2 * 'xx'.repeat(ids.length).length);
      expect(forFollower.threadsBytes!.heldBytes).toBe(lists.stats.bytes - afterA.bytes);
      expect(lists.stats.entries).toBe(1);
      expect((await read(follower)).threadsBytes).toBe(forFollower.threadsBytes);
      expect((await read(a)).threadsBytes).toBe(forA.threadsBytes);
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

  it('counts kept bytes against the bound: older entries go first; an entry grown past the whole bound goes alone', () => {
    const list = (title: string): SharedList => ({ rows: [row('1', title)], templates: new Map(), arrays: null });
    const [a, b, c] = [list('a'), list('b'), list('c')];
    const one = approximateBytes('a', a);
    const cache = new ThreadListCache(5_000, 10 * one);
    for (const [key, l] of [['a', a], ['b', b], ['c', c]] as const) cache.put(key, l, 0, cache.mark());
    expect(cache.stats).toMatchObject({ entries: 3, bytes: 3 * one });
    // Grown within the bound: counted, nothing pushed out.
    cache.grew('b', b, 2 * one);
    expect(cache.stats).toMatchObject({ entries: 3, bytes: 5 * one });
    // Past it: the oldest (a) goes, the grown one and the rest stay.
    cache.grew('c', c, 6 * one);
    expect(cache.stats).toMatchObject({ entries: 2, bytes: 10 * one });
    expect(cache.get('a', 1)).toBeNull();
    expect(cache.get('b', 1)).toBe(b);
    // Shrunk (an older kept array dropped for a smaller one): counted down.
    cache.grew('c', c, -one);
    expect(cache.stats.bytes).toBe(9 * one);
    // Not the list kept at that key any more (replaced, or emptied and read again): not counted.
    cache.grew('b', list('b'), one);
    expect(cache.stats.bytes).toBe(9 * one);
    // Larger than the whole bound on its own: that entry (the newer) is dropped, and nothing older for it (as `put`).
    cache.grew('c', c, 10 * one);
    expect(cache.get('c', 1)).toBeNull();
    expect(cache.get('b', 1)).toBe(b);
    expect(cache.stats).toMatchObject({ entries: 1, bytes: 3 * one });
  });
});
