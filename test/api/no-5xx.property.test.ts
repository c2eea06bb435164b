import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Operation {
  method: Method;
  path: string;
  bodyKeys: string[];
  queryKeys: string[];
}

/** Every operation the OpenAPI document describes: the property test cannot forget a new route. */
function operationsOf(doc: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }; parameters?: { in: string; name: string }[] }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      ops.push({
        method: method.toUpperCase() as Method,
        path,
        bodyKeys: Object.keys(props),
        queryKeys: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      });
    }
  }
  return ops;
}

const pathParam = fc.oneof(fc.uuid(), fc.string({ maxLength: 80 }), fc.constantFrom('', '..', '%00', 'null', '0'));

function bodyFor(op: Operation) {
  const shaped = op.bodyKeys.length
    ? fc.dictionary(fc.constantFrom(...op.bodyKeys, 'unexpected'), fc.anything({ maxDepth: 3 }), { maxKeys: op.bodyKeys.length + 1 })
    : fc.constant({});
  return fc.oneof(shaped, fc.anything({ maxDepth: 4 }), fc.constant(undefined));
}

function queryFor(op: Operation) {
  const keys = [...op.queryKeys, 'extra'];
  return fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 40 }), { maxKeys: keys.length });
}

describe.each(testDatabases)('random input to every route on $name', (database) => {
  const t = useTestApp(database);

  it('never gets a 5xx, signed in or not', async () => {
    const doc = (await new TestClient(t.app).get('/api/openapi.json')).json();
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    const seenStatuses = new Set<number>();
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(fc.boolean(), pathParam, bodyFor(op), queryFor(op), async (signedIn, param, body, query) => {
          const client = signedIn ? (await buildUser(t.app, { roles: ['supervisor', 'admin'] })).client : new TestClient(t.app);
          const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(param)) + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
          const res = await client.request(op.method, url, op.method === 'GET' || op.method === 'DELETE' ? undefined : body);
          seenStatuses.add(res.statusCode);
          expect(res.statusCode, `${op.method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.message, `${op.method} ${op.path}`).toEqual(expect.any(String));
        }),
        { numRuns: 12 },
      );
    }
    // The inputs reached validation and authorization, not just one status.
    expect([...seenStatuses]).toEqual(expect.arrayContaining([400, 401]));
    // It walks every route (about 130, each 12 runs with a fresh account): the time grows with the API.
  }, 240_000);
});
