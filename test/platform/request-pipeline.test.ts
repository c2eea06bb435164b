import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';

/**
 * The request pipeline (ADR 026): one onRequest hook does what several did, in the same order.
 * Each rule it holds is checked on the responses a browser gets: the headers every answer carries,
 * which requests the per-address limit counts, and that a change refused by an earlier check
 * (CSRF, the per-account limit) is not counted by a later one.
 */
const PER_MINUTE = 40;
const freshIp = () => `10.${100 + (randomBytes(1)[0]! % 50)}.${randomBytes(1)[0]!}.${1 + (randomBytes(1)[0]! % 250)}`;

describe.each(testDatabases)('request pipeline on $name', (database) => {
  const t = useTestApp(database, { config: { rateLimitPerMinute: PER_MINUTE, writeRateLimitPerMinute: 2, instanceId: 'node-a' } });

  const remaining = (res: { headers: Record<string, unknown> }) => Number(res.headers['x-ratelimit-remaining']);

  it('sets the security headers and the instance name on reads, errors, refusals and unknown paths alike', async () => {
    const member = await buildUser(t.app, { ip: freshIp() });
    const anonymous = new TestClient(t.app, freshIp());
    const answers = [
      await member.client.get('/api/me'),
      await anonymous.get('/api/me'), // 401
      await anonymous.get('/api/no-such-route'), // 404
      await member.client.request('PATCH', '/api/me/profile', { pronouns: 'x' }, { csrf: false }), // 403 CSRF
      await member.client.get('/api/health'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 401, 404, 403, 200]);
    for (const res of answers) {
      expect(res.headers['x-kindred-instance']).toBe('node-a');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  it('counts every request of an address on the routes without a limit of their own, and says so in its headers', async () => {
    const member = await buildUser(t.app, { ip: freshIp() });
    await member.client.csrfToken();
    const first = await member.client.get('/api/me');
    expect(first.headers['x-ratelimit-limit']).toBe(String(PER_MINUTE));
    const reset = Number(first.headers['x-ratelimit-reset']);
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);
    const left = remaining(first);
    // Reads, signed in or not, and writes all count.
    expect(remaining(await member.client.get('/api/spaces'))).toBe(left - 1);
    expect(remaining(await member.client.patch('/api/me/profile', { pronouns: 'they' }))).toBe(left - 2);
    // Unknown paths, the probes and the crisis lines are not counted (and carry no limit headers).
    for (const url of ['/api/no-such-route', '/api/health', '/api/ready', '/api/crisis-resources']) {
      const res = await member.client.get(url);
      expect(res.headers['x-ratelimit-limit'], url).toBeUndefined();
    }
    expect(remaining(await member.client.get('/api/me'))).toBe(left - 3);
  });

  it('leaves sign-in to its own stricter limit, counted apart', async () => {
    const ip = freshIp();
    const member = await buildUser(t.app, { ip });
    const visitor = new TestClient(t.app, ip);
    const before = remaining(await visitor.get('/api/me'));
    const signIn = await visitor.post('/api/auth/sign-in', { handle: member.handle, password: member.password });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.headers['x-ratelimit-limit']).toBe('20');
    // Sign-in counted against its own limit, not the address's general one (its CSRF fetch was).
    expect(remaining(await visitor.get('/api/me'))).toBe(before - 2);
  });

  it('does not count a change refused by the CSRF check or the per-account limit against the address', async () => {
    const member = await buildUser(t.app, { ip: freshIp() });
    await member.client.csrfToken();
    const left = remaining(await member.client.get('/api/me'));
    const refused = await member.client.request('PATCH', '/api/me/profile', { pronouns: 'x' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('csrf_failed');
    expect(refused.headers['x-ratelimit-limit']).toBeUndefined();
    expect(remaining(await member.client.get('/api/me'))).toBe(left - 1);
    // Two changes a minute for this account (the config above), then 429 before the address is counted.
    expect((await member.client.patch('/api/me/profile', { pronouns: 'a' })).statusCode).toBe(200);
    expect((await member.client.patch('/api/me/profile', { pronouns: 'b' })).statusCode).toBe(200);
    const tooMany = await member.client.patch('/api/me/profile', { pronouns: 'c' });
    expect(tooMany.statusCode).toBe(429);
    expect(tooMany.json().error.message).toMatch(/changes in a short time/);
    expect(tooMany.headers['x-ratelimit-limit']).toBeUndefined();
    expect(tooMany.headers['x-kindred-instance']).toBe('node-a');
    expect(remaining(await member.client.get('/api/me'))).toBe(left - 4);
  });

  it('refuses an address over its limit with 429, Retry-After and the limit headers, and the security headers still set', async () => {
    const client = new TestClient(t.app, freshIp());
    let res = await client.get('/api/auth/session');
    for (let i = 0; i < PER_MINUTE && res.statusCode !== 429; i++) res = await client.get('/api/auth/session');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('too_many_requests');
    expect(res.headers['x-ratelimit-limit']).toBe(String(PER_MINUTE));
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.headers['retry-after']).toBe(res.headers['x-ratelimit-reset']);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-kindred-instance']).toBe('node-a');
  });

  it('knows a signed-in member on every read, from the session cache or the database alike', async () => {
    const member = await buildUser(t.app, { ip: freshIp() });
    t.app.kindred.accounts.sessions.clear();
    expect((await member.client.get('/api/me')).json().handle).toBe(member.handle); // read from the database
    expect((await member.client.get('/api/me')).json().handle).toBe(member.handle); // from the cache, without a Promise
    const stranger = new TestClient(t.app, freshIp());
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'kindred_session=not-a-session' }, remoteAddress: '10.99.0.1' })).statusCode).toBe(401);
    expect((await stranger.get('/api/me')).statusCode).toBe(401);
  });

  it('survives a client that leaves while its session is read from the database (no address left to count)', async () => {
    // A cookie no cache holds sends the hook to the database; the socket is gone when it comes back,
    // so req.ip is undefined. That once threw inside a Promise's callback: an unhandled rejection
    // ends the process on Node 20 (vitest fails the run on one as well).
    const members = await Promise.all(Array.from({ length: 5 }, () => buildUser(t.app, { ip: freshIp() })));
    t.app.kindred.accounts.sessions.clear();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    for (const member of members) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(`GET /api/me HTTP/1.1\r\nHost: localhost\r\nCookie: kindred_session=${member.client.sessionToken()}\r\n\r\n`);
          setImmediate(() => {
            socket.destroy();
            resolve();
          });
        });
      });
    }
    // Each lookup keeps its session in the cache as it comes back, and the pipeline goes on from it
    // in the same turn: once all five are cached, every abandoned request is past the step that threw.
    await vi.waitFor(() => {
      for (const member of members) expect(t.app.kindred.accounts.cachedRequestSession(member.client.sessionToken()!)?.actor.userId).toBe(member.id);
    }, { timeout: 10_000, interval: 10 });
    const res = await fetch(`${address}/api/health`);
    expect(res.status).toBe(200);
  });
});
