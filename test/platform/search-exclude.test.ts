import { describe, expect, it } from 'vitest';
import { communitiesRepository } from '../../src/server/modules/communities/communities.repository.js';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

/** `SearchOptions.excludeThreadId` holds for every order on both engines (SQLite's newest dropped it, ADR 039 amendment). */
describe.each(testDatabases)('search leaving a thread out on $name', (database) => {
  const t = useTestApp(database);

  it('leaves the thread out of a newest-first search as of a relevance one, and only that thread', async () => {
    const a = await buildUser(t.app);
    const space = (await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'students').executeTakeFirstOrThrow()).id;
    const made: string[] = [];
    for (const title of ['Heron at the lock', 'A heron again', 'Quiet week']) {
      const res = await a.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'A heron stood in the shallows all morning.' });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json().thread.id);
    }
    const db = t.app.kindred.database.db;
    for (const order of ['newest', 'relevance'] as const) {
      const search = async (excludeThreadId?: string) =>
        (await communitiesRepository.search(db, database.name, { terms: ['heron'], match: 'all', order, spaceIds: [space], hiddenWarnings: [], excludeThreadId, limit: 10 })).rows.map((r) => r.thread_id).sort();
      expect(await search(), order).toEqual([...made].sort());
      expect(await search(made[1]), order).toEqual([made[0], made[2]].sort());
    }
  });
});
