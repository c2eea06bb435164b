import { afterAll, expect, it, vi } from 'vitest';

/**
 * The request pipeline's public way of setting the headers (`reply.headers`), taken when Fastify's
 * header map cannot be found (ADR 043): the lookup of `fastify/lib/symbols.js` fails here, as it
 * would if a Fastify version moved it, and every kind of answer must carry the same headers.
 */
const lookups = vi.hoisted(() => ({ failed: 0 }));
vi.mock('node:module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:module')>();
  const createRequire: typeof actual.createRequire = (from) => {
    const real = actual.createRequire(from);
    return Object.assign((id: string) => {
      if (id === 'fastify/lib/symbols.js') {
        lookups.failed++;
        throw new Error(`Cannot find module '${id}'`);
      }
      return real(id) as unknown;
    }, real) as NodeJS.Require;
  };
  return { ...actual, default: { ...actual, createRequire }, createRequire };
});

// Files share modules in a worker (isolate: false): load the pipeline afresh under the mock, and
// let the files after this one load it afresh without it.
vi.resetModules();
const { describeResponseHeaders } = await import('./response-header-cases.js');
afterAll(() => {
  vi.doUnmock('node:module');
  vi.resetModules();
});

describeResponseHeaders('the public way, Fastify\'s header map not found');

it("took the public way (Fastify's symbols could not be loaded)", () => {
  expect(lookups.failed).toBeGreaterThan(0);
});
