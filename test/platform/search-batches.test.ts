import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KindredApp } from '../../src/server/app.js';
import { nextBatch, PG_SEARCH_BATCHES, SEARCH_BATCH_MIN } from '../../src/server/modules/communities/communities.repository.js';
import type { ExecutedQuery } from '../../src/server/platform/db.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';

/**
 * ADR 039: SQLite's walk (ADR 022) sizes each batch after the first by what the page still needs,
 * at the rate the rows read so far gave new threads, instead of doubling: a page that fills early
 * in the next batch no longer reads all of it. The answers stay those of the doubling walk.
 */

describe('the size of a walk\'s next batch (ADR 039)', () => {
  it('asks for what the page still needs at the rate found so far, between the least batch and twice the last', () => {
    // 15 threads in 40 rows, 5 more wanted: ~14 rows, half again and 16 more, but never under the least batch.
    expect(nextBatch(40, 40, 15, 20)).toBe(SEARCH_BATCH_MIN);
    // 4 threads in 40 rows, 16 wanted: 200 rows by that rate, so twice the last batch.
    expect(nextBatch(40, 40, 4, 20)).toBe(80);
    // Nothing found yet: twice the last, as before.
    expect(nextBatch(80, 120, 0, 20)).toBe(160);
    // In between: 10 threads in 120 rows, 10 more wanted: 180 + 16 rows.
    expect(nextBatch(160, 120, 10, 20)).toBe(196);
  });
});

const word = () => `sb${randomBytes(3).toString('hex')}`;

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newThread(u: BuiltUser, space: string, body: string): Promise<{ thread: { id: string }; post: { id: string } }> {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'A question about the week', body });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json();
}

/**
 * Oldest first: 30 threads, then (with `busierReplies`) a thread with that many replies, then 14
 * more threads, then a busy thread with 25 replies, each post saying a new word once (in its body:
 * no title hits). Newest first, the first 40 matches are the busy thread's 26 and the 14 threads':
 * 15 threads; a page of 20 needs 5 more. Returns the word and the page's thread ids in the order
 * expected.
 */
async function busyThreadBeforeOlderOnes(a: BuiltUser, space: string, busierReplies = 0): Promise<{ w: string; expected: string[] }> {
  const w = word();
  const replies = async (threadId: string, n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await a.client.post(`/api/threads/${threadId}/posts`, { body: `Reply ${i}: ${w} again.` });
      expect(res.statusCode, res.body).toBe(201);
    }
  };
  const older = [];
  for (let i = 0; i < 30; i++) older.push(await newThread(a, space, `Older ${i}: ${w} again.`));
  const busier = busierReplies ? await newThread(a, space, `Busier: ${w} again.`) : null;
  if (busier) await replies(busier.thread.id, busierReplies);
  const newer = [];
  for (let i = 0; i < 14; i++) newer.push(await newThread(a, space, `Newer ${i}: ${w} again.`));
  const busy = await newThread(a, space, `Busy: ${w} again.`);
  await replies(busy.thread.id, 25);
  const rest = busier ? [busier, ...older.reverse().slice(0, 4)] : older.reverse().slice(0, 5);
  return { w, expected: [busy, ...newer.reverse(), ...rest].map((t) => t.thread.id) };
}

/** The statements `url` sends, and its page's thread ids. */
async function searched(reader: BuiltUser, queries: ExecutedQuery[], capture: (on: boolean) => void, url: string): Promise<string[]> {
  capture(true);
  const res = await reader.client.get(url);
  capture(false);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().hits as { thread: { id: string } }[]).map((h) => h.thread.id);
}

describe.each(testDatabases.filter((d) => d.name === 'sqlite'))('a narrowed search\'s walk on $name (ADR 039)', (database) => {
  it('reads a second batch sized by what the page still needs, with the same threads in the same order', async () => {
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => void (capturing && queries.push(q)) });
    try {
      const a = await buildUser(app);
      const reader = await buildUser(app);
      const space = await spaceId(app, 'students');
      const { w, expected } = await busyThreadBeforeOlderOnes(a, space);
      const hits = await searched(reader, queries, (on) => (capturing = on), `/api/search?q=${w}&space=${space}&kind=question`);
      expect(hits).toEqual(expected);
      // The post tier's walk: the length of its batch is the last value it binds.
      // (It picks in its statement and reads the picks' marks there: ADR 063.)
      const walks = queries.filter((q) => q.sql.includes('search_pick('));
      expect(walks).toHaveLength(2);
      // With doubling (ADR 022) the second was 80.
      expect(walks.map((q) => q.parameters.at(-1))).toEqual([40, SEARCH_BATCH_MIN]);
    } finally {
      await close();
    }
  });
});

/**
 * ADR 028, amendment of 2026-11-27: PostgreSQL's walk (ADR 032) sizes its second batch the same
 * way, between the first's length and PG_SEARCH_BATCHES' most; it was always the most (16 rows
 * per hit), which made the planner read and recheck every match through the GIN index.
 */
describe.each(testDatabases.filter((d) => d.name === 'postgres'))('a search\'s walk on $name (ADR 028, amendment)', (database) => {
  it('reads a second batch sized by what the page still needs, with the same threads in the same order', async () => {
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => void (capturing && queries.push(q)) });
    try {
      const a = await buildUser(app);
      const reader = await buildUser(app);
      const { w, expected } = await busyThreadBeforeOlderOnes(a, await spaceId(app, 'students'));
      // Unfiltered: PostgreSQL walks (a search narrowed to one space is one statement there).
      const hits = await searched(reader, queries, (on) => (capturing = on), `/api/search?q=${w}`);
      expect(hits).toEqual(expected);
      // The post tier's batches: the length of each is the last value it binds.
      const walks = queries.filter((q) => q.sql.includes('sum(g.n) over ()'));
      expect(walks).toHaveLength(2);
      // 40 rows gave 15 threads, 5 more wanted: ~36 rows, so the first's length (it was 16 × 20 = 320).
      expect(walks.map((q) => q.parameters.at(-1))).toEqual([PG_SEARCH_BATCHES[0] * 20, PG_SEARCH_BATCHES[0] * 20]);
    } finally {
      await close();
    }
  });

  it('reads a bounded batch of the most when the sized one comes back full with the page short, before the rest', async () => {
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => void (capturing && queries.push(q)) });
    try {
      const a = await buildUser(app);
      const reader = await buildUser(app);
      // A busier thread older than the 14: its 46 matches fill the sized second batch (40 rows) with one new thread.
      const { w, expected } = await busyThreadBeforeOlderOnes(a, await spaceId(app, 'students'), 45);
      const hits = await searched(reader, queries, (on) => (capturing = on), `/api/search?q=${w}`);
      expect(hits).toEqual(expected);
      const walks = queries.filter((q) => q.sql.includes('sum(g.n) over ()'));
      // 40 rows: 15 threads; 40 more: 1 (the busier thread), 4 still wanted; then 16 per hit, not every match at once.
      expect(walks.map((q) => q.parameters.at(-1))).toEqual([PG_SEARCH_BATCHES[0] * 20, PG_SEARCH_BATCHES[0] * 20, PG_SEARCH_BATCHES[1] * 20]);
    } finally {
      await close();
    }
  });
});
