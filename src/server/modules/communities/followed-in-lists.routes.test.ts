import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';

/** Lists mark the threads the reader follows from the reader's follows read whole (migration 0017). */
describe.each(testDatabases)('followed threads in lists on $name', (database) => {
  const t = useTestApp(database);

  it('marks exactly the threads the reader follows, in the latest list and on the thread page, and stops after unfollowing', async () => {
    const author = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const space = (await author.client.get('/api/spaces')).json().spaces[0].id as string;
    const ids: string[] = [];
    for (const title of ['Morning walks', 'Evening pages', 'Weekend calls']) {
      const res = await author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'Something that helped me this week.' });
      expect(res.statusCode).toBe(201);
      ids.push((res.json() as { thread: { id: string } }).thread.id);
    }
    expect((await reader.client.put(`/api/threads/${ids[1]}/follow`)).statusCode).toBe(200);
    const followed = async () => {
      const list = (await reader.client.get('/api/threads?list=latest')).json() as { threads: { id: string; following: boolean }[] };
      return list.threads.filter((x) => ids.includes(x.id) && x.following).map((x) => x.id);
    };
    expect(await followed()).toEqual([ids[1]]);
    expect(((await reader.client.get(`/api/threads/${ids[1]}`)).json() as { thread: { following: boolean } }).thread.following).toBe(true);
    expect(((await reader.client.get(`/api/threads/${ids[0]}`)).json() as { thread: { following: boolean } }).thread.following).toBe(false);
    // The author follows their own threads; the reader's marks are the reader's alone.
    expect(((await author.client.get('/api/threads?list=latest')).json() as { threads: { id: string; following: boolean }[] }).threads.filter((x) => ids.includes(x.id)).every((x) => x.following)).toBe(true);
    expect((await reader.client.delete(`/api/threads/${ids[1]}/follow`)).statusCode).toBe(200);
    expect(await followed()).toEqual([]);
  });
});
