/**
 * Community read paths, measured in-process (`app.inject`) on an app whose database is already
 * seeded (e.g. by `npm run demo` or the performance issue's seeder): the latest list, the top
 * list, one thread page, search and related threads, as a signed-in member sees them.
 * Figures only; the performance issue wires this into `bench/run.ts` with a seeded data set.
 */
import type { KindredApp } from '../src/server/app.js';

export interface CommunityFigure {
  name: string;
  value: number;
  unit: string;
}

/** Mean latency per request over `n` requests for each read path, with `cookie` as the reader's session. */
export async function benchCommunity(app: KindredApp, cookie: string, n = 200): Promise<CommunityFigure[]> {
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const first = (await get('/api/threads?limit=1')).json() as { threads: { id: string }[] };
  const threadId = first.threads[0]?.id;
  const paths: [string, string][] = [
    ['latest list (30)', '/api/threads?limit=30'],
    ['top list, week (30)', '/api/threads?list=top&period=week&limit=30'],
    ['search "sleep"', '/api/search?q=sleep'],
    ...(threadId ? ([['thread page (50 posts)', `/api/threads/${threadId}`], ['related threads', `/api/threads/${threadId}/related`]] as [string, string][]) : []),
  ];
  const out: CommunityFigure[] = [];
  for (const [name, url] of paths) {
    await get(url);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const res = await get(url);
      if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode}`);
    }
    out.push({ name: `community ${name}`, value: Math.round(((performance.now() - t0) / n) * 100) / 100, unit: 'ms per request' });
  }
  return out;
}
