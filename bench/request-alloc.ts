/**
 * Bytes allocated per request (V8's sampling heap profiler, objects collected by either GC
 * included), by function: unlike CPU time, allocation hardly moves with the machine's load, so a
 * change of a few hundred bytes a request shows on the shared VM (ADR 043). The app of `checkout`
 * (or `ceiling`: bare Fastify answering the health probe's 15 bytes) is built in this process on
 * the seeded database of `bench/read-paths.ts --db DIR` and listens on a port;
 * autocannon drives it from a child process (10 connections, 2 s warm-up, then 3 s sampled).
 *
 *   npx tsx bench/request-alloc.ts [checkout|ceiling] [/api/health] [--db DIR]
 */
import { spawn } from 'node:child_process';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import fs from 'node:fs';
import Fastify from 'fastify';
import { buildApp, option, root, signIn } from './harness.js';

const dir = path.resolve(option('db') ?? '/tmp/kindred-read-paths');
const [checkout = root, url = '/api/health'] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--db');
const s = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
const ceiling = checkout === 'ceiling';
const app = ceiling ? Fastify({ logger: false }) : await buildApp(checkout, { databaseUrl: `sqlite:${path.join(dir, 'kindred.db')}`, keyFile: path.join(dir, 'kindred.key') });
const body = Buffer.from('{"status":"ok"}');
if (ceiling) app.get('/api/health', (_req, reply) => reply.code(200).type('application/json; charset=utf-8').send(body));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const { cookie } = ceiling ? { cookie: 'x=y' } : await signIn(address, s.benchUser);
const cannon = (secs: number) => new Promise<number>((resolve) => {
  const c = spawn(process.execPath, [path.join(root, 'node_modules/autocannon/autocannon.js'), '-j', '-c', '10', '-d', String(secs), '-H', `cookie=${cookie}`, address + url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = ''; c.stdout.on('data', (d) => (out += d)); c.on('exit', () => resolve(JSON.parse(out).requests.total));
});
await cannon(2);
const session = new inspector.Session(); session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
const n = await cannon(3);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
const walk = (node: Node, stack: string[]): number => {
  const f = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/')}:${node.callFrame.lineNumber + 1}`;
  self.set(f, (self.get(f) ?? 0) + node.selfSize);
  total += node.selfSize;
  let sum = node.selfSize;
  for (const c of node.children) sum += walk(c, [...stack, f]);
  if (!stack.includes(f)) incl.set(f, (incl.get(f) ?? 0) + sum);
  return sum;
};
walk(profile.head, []);
console.log(`${url}: ${n} requests, ${(total / n / 1024).toFixed(1)} KB allocated per request (sampled)`);
console.log('self:');
for (const [f, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(b / n).toFixed(0).padStart(6)} B  ${f}`);
console.log('inclusive:');
for (const [f, b] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${(b / n).toFixed(0).padStart(6)} B  ${f}`);
await app.close();
process.exit(0);
