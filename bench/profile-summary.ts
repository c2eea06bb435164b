/**
 * A V8 CPU profile (`--cpu-prof`, `bench/read-paths.ts --profile`) summed up: self time by package
 * (node_modules/<name>), by our source file, by Node internals, and the top functions.
 *
 *   npx tsx bench/profile-summary.ts file.cpuprofile [--top 40] [--owners [--per N]]
 *
 * `--owners`: self time by the innermost function of our code (src/) on each sample's stack, and
 * whether a statement was running (SQLite's time shows as its JavaScript caller's: Kysely's driver,
 * better-sqlite3 or `platform/db.ts`). After an `await` V8 keeps only the continuation's frames, so
 * this names the step (the repository function, the screen's, the service's) where the inclusive
 * view cannot; statements run with none of our frames under them (SQL, no frame of ours) are
 * Kysely's continuations: commits and `begin`. `--per N` adds µs per unit (N replies in the profile).
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...rest] = process.argv.slice(2);
const top = rest.includes('--top') ? Number(rest[rest.indexOf('--top') + 1]) : 40;
const profile = JSON.parse(fs.readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
// --after-first NAME: only samples from one second after the first sample inside function NAME
// (e.g. routeHandler: skips a server's start and the load's warm-up second).
const afterFirst = rest.includes('--after-first') ? rest[rest.indexOf('--after-first') + 1] : undefined;
let startAt = 0;
if (afterFirst) {
  let t = 0;
  outer: for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    for (let cur: number | undefined = profile.samples[i]; cur !== undefined; cur = parentOf.get(cur)) {
      if (byId.get(cur)!.callFrame.functionName === afterFirst) {
        startAt = t + 1_000_000;
        break outer;
      }
    }
  }
}
const self = new Map<number, number>();
let clockUs = 0;
profile.samples.forEach((id, i) => {
  clockUs += profile.timeDeltas[i] ?? 0;
  if (clockUs >= startAt && id !== undefined) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

function groupOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : `(native) ${fn}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}…`;
  const src = /\/(src\/.*|bench\/.*|test\/.*)$/.exec(url);
  return src ? src[1]! : url;
}

const total = [...self.values()].reduce((a, b) => a + b, 0);
const groups = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const g = groupOf(n.callFrame.url, n.callFrame.functionName);
  groups.set(g, (groups.get(g) ?? 0) + us);
  const f = `${n.callFrame.functionName || '(anonymous)'}  ${groupOf(n.callFrame.url, '')}:${n.callFrame.lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nby package / file (self):`);
for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${g}`);
console.log('\nby function (self):');
for (const [f, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${f}`);

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    const f = `${n.callFrame.functionName || '(anonymous)'}  ${groupOf(n.callFrame.url, '')}:${n.callFrame.lineNumber + 1}`;
    if (seen.has(f)) continue;
    seen.add(f);
    inclusive.set(f, (inclusive.get(f) ?? 0) + us);
  }
}
console.log('\nby function (inclusive):');
for (const [f, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) console.log(`${pct(us)}  ${f}`);

// --callers NAME: where the self time of function NAME comes from (its callers, three frames up).
if (rest.includes('--callers')) {
  const name = rest[rest.indexOf('--callers') + 1];
  const callers = new Map<string, number>();
  for (const [id, us] of self) {
    if (byId.get(id)!.callFrame.functionName !== name) continue;
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      chain.push(`${n.callFrame.functionName || '(anon)'}@${groupOf(n.callFrame.url, '')}:${n.callFrame.lineNumber + 1}`);
    }
    const k = chain.join(' < ');
    callers.set(k, (callers.get(k) ?? 0) + us);
  }
  console.log(`\ncallers of ${name}:`);
  for (const [k, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${pct(us)}  ${k}`);
}

// --under NAME: self time below function NAME (inclusive of NAME), by function.
if (rest.includes('--under')) {
  const name = rest[rest.indexOf('--under') + 1];
  const below = new Map<string, number>();
  let sum = 0;
  for (const [id, us] of self) {
    let inside = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === name) inside = true;
    if (!inside) continue;
    const n = byId.get(id)!;
    const f = `${n.callFrame.functionName || '(anonymous)'}  ${groupOf(n.callFrame.url, '')}:${n.callFrame.lineNumber + 1}`;
    below.set(f, (below.get(f) ?? 0) + us);
    sum += us;
  }
  console.log(`\nunder ${name} (${pct(sum)} in all):`);
  for (const [f, us] of [...below].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)}  ${f}`);
}

// --owners: self time by our innermost frame, split by whether a statement was running (see the header).
if (rest.includes('--owners')) {
  const per = rest.includes('--per') ? Number(rest[rest.indexOf('--per') + 1]) : 0;
  const sqlFrame = (url: string) => /node_modules\/(kysely|better-sqlite3)\//.test(url) || /src\/server\/platform\/db\.ts$/.test(url);
  const ours = (url: string) => /\/src\//.test(url) && !/src\/server\/platform\/db\.ts$/.test(url);
  const owners = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const leaf = byId.get(id)!.callFrame;
    if (leaf.functionName === '(idle)') continue;
    let owner: Node['callFrame'] | undefined;
    let sql = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (ours(f.url)) {
        owner = f;
        break;
      }
      if (sqlFrame(f.url)) sql = true;
    }
    const name = owner ? `${owner.functionName || '(anonymous)'}  ${groupOf(owner.url, '')}` : `no frame of ours: ${groupOf(leaf.url, leaf.functionName)}`;
    const k = `${sql ? 'SQL' : '   '}  ${name}`;
    owners.set(k, (owners.get(k) ?? 0) + us);
    busy += us;
  }
  const sqlUs = [...owners].filter(([k]) => k.startsWith('SQL')).reduce((a, [, us]) => a + us, 0);
  console.log(`\nby our innermost function (idle left out; SQL: a statement was running), SQLite and its driver ${((100 * sqlUs) / busy).toFixed(1)} % of the busy time:`);
  for (const [k, us] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / busy).toFixed(1).padStart(5)} %${per ? `${(us / per).toFixed(0).padStart(7)} µs` : ''}  ${k}`);
  }
}
