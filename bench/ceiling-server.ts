/**
 * The ceilings the benchmark compares Kindred with, in their own process: a bare Fastify server
 * (no plugins, no logger) with `GET /hello` (hello world) and, for each scenario, `/size/<name>`
 * answering GET or POST with a precomputed body of the same bytes as that scenario's response
 * (read from the JSON file named by argv[2]: { name: { status, body } }). Whatever Kindred does
 * beyond this — sessions, validation, queries, presenters — shows as the gap to these figures.
 * `/hashed/<name>` first verifies a password against an Argon2id hash made with Kindred's own
 * production parameters, then answers the same body: the ceiling of a sign-in, which cannot be
 * faster than its password hash.
 *
 *   tsx bench/ceiling-server.ts <bodies.json> <port>
 */
import fs from 'node:fs';
import Fastify from 'fastify';
import { createPasswordHasher } from '../src/server/modules/accounts/passwords.js';

const [file, port] = process.argv.slice(2);
const bodies = file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { status: number; body: string }>) : {};
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
const hasher = createPasswordHasher('production');
const password = 'correct horse battery staple';
const hashed = await hasher.hash(password);
for (const [name, { status, body }] of Object.entries(bodies)) {
  const buf = Buffer.from(body, 'utf8');
  app.route({ method: ['GET', 'POST'], url: `/size/${name}`, handler: (_req, reply) => reply.code(status).type('application/json; charset=utf-8').send(buf) });
  app.route({
    method: ['GET', 'POST'],
    url: `/hashed/${name}`,
    handler: async (_req, reply) => {
      if (!(await hasher.verify(hashed, password))) throw new Error('the ceiling hash did not verify');
      return reply.code(status).type('application/json; charset=utf-8').send(buf);
    },
  });
}
await app.listen({ port: Number(port ?? 0), host: '127.0.0.1' });
console.log(`ceiling listening on ${port}`);
