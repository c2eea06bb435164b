import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { sqliteTestDatabase, testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';
import { INLINE_CSS, miniBuild } from '../web-build.js';

/**
 * Every response's headers, exactly (ADR 043): the security headers and the instance name, each
 * with its value, then what the route, the limits and Node add, in that order, and nothing else.
 * The request pipeline sets them its own way for speed; a header dropped, renamed, changed or added
 * on any kind of answer fails here. Shared by `response-headers.test.ts` (the pipeline's fast path)
 * and `response-headers-fallback.test.ts` (the public way, when Fastify's header map is not found).
 */
const CSP = (styleSrc: string) =>
  `default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src ${styleSrc};connect-src 'self'`;
const SECURITY = {
  'x-kindred-instance': 'node-a',
  // The API-only test app serves no page: no style hash.
  'content-security-policy': CSP("'self'"),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const LIMIT = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
const JSON_TYPE = 'application/json; charset=utf-8';

type Case = [what: string, res: LightMyRequestResponse, status: number, rest: string[]];

function expectHeaders(cases: Case[], security: Record<string, string> = SECURITY): void {
  for (const [what, res, status, rest] of cases) {
    expect(res.statusCode, what).toBe(status);
    expect(Object.keys(res.headers), what).toEqual([...Object.keys(security), ...rest]);
    for (const [name, value] of Object.entries(security)) expect(res.headers[name], `${what}: ${name}`).toBe(value);
  }
}

export function describeResponseHeaders(how: string): void {
  describe.each(testDatabases.slice(0, 1))(`response headers (${how}) on $name`, (database) => {
    const t = useTestApp(database, { config: { instanceId: 'node-a', rateLimitPerMinute: 300 } });

    it("are exactly the security headers, then the route's, the limit's and Node's, on reads, refusals, errors and probes", async () => {
      const member = await buildUser(t.app, { ip: '10.77.0.1' });
      const anonymous = new TestClient(t.app, '10.77.0.2');
      const headers = { cookie: member.client.cookieHeader };
      const cases: Case[] = [
        ['a signed-in read', await member.client.get('/api/spaces'), 200, [...LIMIT, 'content-type', 'vary', 'content-length', 'date', 'connection']],
        ['a HEAD of it', await t.app.inject({ method: 'HEAD', url: '/api/spaces', headers, remoteAddress: member.client.ip }), 200, [...LIMIT, 'content-type', 'vary', 'content-length', 'date', 'connection']],
        ['a read refused (401)', await anonymous.get('/api/me'), 401, [...LIMIT, 'cache-control', 'vary', 'content-type', 'content-length', 'date', 'connection']],
        ['an unknown path (404)', await anonymous.get('/api/no-such-route'), 404, ['content-type', 'content-length', 'date', 'connection']],
        ['the health probe', await member.client.get('/api/health'), 200, ['content-type', 'content-length', 'date', 'connection']],
        ['a change refused by CSRF (403)', await member.client.request('PATCH', '/api/me/profile', { pronouns: 'x' }, { csrf: false }), 403, ['content-type', 'content-length', 'date', 'connection']],
        ['a body that is not JSON (400)', await member.client.request('PATCH', '/api/me/profile', undefined, { rawBody: '{"pronouns":' }), 400, [...LIMIT, 'connection', 'content-type', 'content-length', 'date']],
        ['a body that fails validation (400)', await member.client.patch('/api/me/profile', { pronouns: 42 }), 400, [...LIMIT, 'content-type', 'content-length', 'date', 'connection']],
      ];
      expectHeaders(cases);
      for (const [what, res] of cases) expect(res.headers['content-type'], what).toBe(JSON_TYPE);
      expect(cases[0]![1].headers['x-ratelimit-limit']).toBe('300');
    });

    it('are the same on a JSON answer sent compressed (Brotli)', async () => {
      const member = await buildUser(t.app, { ip: '10.77.0.3' });
      const res = await member.client.request('GET', '/api/spaces', undefined, { headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding']).toBe('br');
      expectHeaders([['a compressed read', res, 200, [...LIMIT, 'content-type', 'vary', 'content-encoding', 'content-length', 'date', 'connection']]]);
    });
  });

  describe.each(testDatabases.slice(0, 1))(`response headers (${how}) past the per-address limit on $name`, (database) => {
    const t = useTestApp(database, { config: { instanceId: 'node-a', rateLimitPerMinute: 2 } });

    it('are the same on a 429', async () => {
      const anonymous = new TestClient(t.app, '10.77.1.1');
      for (let i = 0; i < 2; i++) expect((await anonymous.get('/api/spaces')).statusCode).not.toBe(429);
      const refused = await anonymous.get('/api/spaces');
      expectHeaders([['a read past the limit (429)', refused, 429, [...LIMIT, 'retry-after', 'content-type', 'content-length', 'date', 'connection']]]);
    });
  });

  // Serving files does not touch the database: SQLite is enough.
  describe(`response headers (${how}) of the web app`, () => {
    const t = useTestApp(sqliteTestDatabase, { config: { instanceId: 'node-a' }, serveWeb: true, webDir: miniBuild() });
    const hash = `'sha256-${createHash('sha256').update(INLINE_CSS).digest('base64')}'`;
    const security = { ...SECURITY, 'content-security-policy': CSP(`'self' ${hash}`) };

    const PAGE_HEADERS = [...LIMIT, 'content-type', 'cache-control', 'vary', 'content-length', 'date', 'connection'];
    const PAGE_HEADERS_BR = [...LIMIT, 'content-type', 'cache-control', 'vary', 'content-encoding', 'content-length', 'date', 'connection'];
    const ASSET_HEADERS = [...LIMIT, 'accept-ranges', 'cache-control', 'last-modified', 'etag', 'content-type', 'content-length', 'vary', 'date', 'connection'];
    const ASSET_HEADERS_BR = [...LIMIT, 'accept-ranges', 'cache-control', 'last-modified', 'etag', 'content-type', 'content-length', 'vary', 'content-encoding', 'date', 'connection'];

    it('are the same on the page and a static asset, compressed or not', async () => {
      const get = (url: string, encoding?: string) => t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
      const web: Case[] = [
          ['the page', await get('/community'), 200, PAGE_HEADERS],
          ['the page, Brotli', await get('/community', 'br'), 200, PAGE_HEADERS_BR],
          ['an asset', await get('/assets/app-1.js'), 200, ASSET_HEADERS],
          ['an asset, Brotli', await get('/assets/app-1.js', 'br'), 200, ASSET_HEADERS_BR],
      ];
      expectHeaders(web, security);
    });
  });
}
