/**
 * Setting the 13 headers every answer carries on a reply's header map, three ways, in isolation (a
 * model of Fastify's map: a fresh `{}`, the headers, then the five a signed-in read adds after
 * them, then Node's walk over the map in `writeHead`): `reply.headers` (one `reply.header` call
 * each, lower-casing the name), one `Object.assign`, and a spread copy of the prepared map.
 * Interleaved rounds, medians (ADR 043).
 *
 *   npx tsx bench/header-set.ts
 */
import { kindredSecurityHeaders } from '../src/server/platform/security-headers.js';

/** What every answer of an API-only server carries: the instance's name and the security headers. */
const H: Record<string, string> = { 'x-kindred-instance': 'node-a', ...kindredSecurityHeaders([]) };
type Map = Record<string, string | string[]>;
/** Fastify's `Reply.prototype.header` (5.x), set-cookie aside. */
function header(m: Map, key: string, value: string): void {
  key = key.toLowerCase();
  if (m[key] && key === 'set-cookie') (m[key] as string[]).push(value);
  else m[key] = value;
}
function viaHeaders(m: Map): Map {
  const keys = Object.keys(H);
  for (let i = 0; i !== keys.length; ++i) header(m, keys[i]!, H[keys[i]!]!);
  return m;
}
/** What a read adds after the pipeline (limit, type, length), then Node's `_storeHeader` walk. */
function finish(m: Map): number {
  header(m, 'x-ratelimit-limit', '300');
  header(m, 'x-ratelimit-remaining', '3');
  header(m, 'x-ratelimit-reset', '60');
  m['content-type'] = 'application/json; charset=utf-8';
  m['content-length'] = '15';
  let n = 0;
  for (const k in m) if (Object.prototype.hasOwnProperty.call(m, k)) n += m[k]!.length;
  return n;
}
const arms: [string, () => number][] = [
  ['reply.headers', () => finish(viaHeaders({}))],
  ['Object.assign', () => finish(Object.assign({}, H))],
  ['spread copy', () => finish({ ...H })],
];
const ns = new Map<string, number[]>();
for (let r = 0; r < 15; r++) {
  for (const [name, f] of r % 2 ? [...arms].reverse() : arms) {
    const n = 300_000;
    let sink = 0;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) sink += f();
    ns.set(name, [...(ns.get(name) ?? []), Number(process.hrtime.bigint() - t) / n + sink * 0]);
  }
}
for (const [name, xs] of ns) console.log(`${name.padEnd(14)} median ${xs.sort((a, b) => a - b)[7]!.toFixed(0)} ns`);
