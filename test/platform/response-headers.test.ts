import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

/**
 * Every response's headers, exactly (ADR 043): the security headers and the instance name, each
 * with its value, then what the route, the limits and Node add, in that order, and nothing else.
 * The request pipeline sets them its own way for speed; a header dropped, renamed, changed or added
 * on any kind of answer fails here. (The test app serves no web client: the CSP has no style hash.)
 */
const SECURITY = {
  'x-kindred-instance': 'node-a',
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';connect-src 'self'",
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

describe.each(testDatabases.slice(0, 1))('response headers on $name', (database) => {
  const t = useTestApp(database, { config: { instanceId: 'node-a', rateLimitPerMinute: 300 } });

  it('are exactly the security headers, then the route\'s, the limit\'s and Node\'s, on reads, refusals, errors and probes', async () => {
    const member = await buildUser(t.app, { ip: '10.77.0.1' });
    const anonymous = new TestClient(t.app, '10.77.0.2');
    const cases: [string, Awaited<ReturnType<TestClient['get']>>, number, string[]][] = [
      ['a signed-in read', await member.client.get('/api/spaces'), 200, [...LIMIT, 'content-type', 'vary', 'content-length', 'date', 'connection']],
      ['a read refused (401)', await anonymous.get('/api/me'), 401, [...LIMIT, 'cache-control', 'vary', 'content-type', 'content-length', 'date', 'connection']],
      ['an unknown path (404)', await anonymous.get('/api/no-such-route'), 404, ['content-type', 'content-length', 'date', 'connection']],
      ['the health probe', await member.client.get('/api/health'), 200, ['content-type', 'content-length', 'date', 'connection']],
      ['a change refused by CSRF (403)', await member.client.request('PATCH', '/api/me/profile', { pronouns: 'x' }, { csrf: false }), 403, ['content-type', 'content-length', 'date', 'connection']],
    ];
    for (const [what, res, status, rest] of cases) {
      expect(res.statusCode, what).toBe(status);
      expect(Object.keys(res.headers), what).toEqual([...Object.keys(SECURITY), ...rest]);
      for (const [name, value] of Object.entries(SECURITY)) expect(res.headers[name], `${what}: ${name}`).toBe(value);
      expect(res.headers['content-type'], what).toBe(JSON_TYPE);
      if (rest.includes('x-ratelimit-limit')) expect(res.headers['x-ratelimit-limit'], what).toBe('300');
    }
  });
});
