import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';
import { TestSocket } from '../realtime.js';
import type { KindredApp } from '../../src/server/app.js';

const TOKEN = 'metrics-token-0123456789-abcdefghij';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

async function scrape(app: KindredApp, token = TOKEN) {
  return app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
}

/** The value of one sample, e.g. sample(text, 'kindred_http_requests_total', {route: '/api/spaces'}); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

async function firstSpace(user: BuiltUser): Promise<string> {
  return ((await user.client.get('/api/spaces')).json() as { spaces: { id: string }[] }).spaces[0]!.id;
}

describe.each(testDatabases)('/metrics on $name', (database) => {
  const t = useTestApp(database, { config: { metricsToken: TOKEN } });

  it('answers 401 without the right bearer token, and 404 when no token is configured', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toMatch(/kindred_/);
    for (const wrong of ['nope', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      const res = await scrape(t.app, wrong);
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toMatch(/kindred_/);
    }
    // A session cookie is no substitute, not even an admin's.
    const admin = await buildUser(t.app);
    expect((await admin.client.get('/metrics')).statusCode).toBe(401);
    const ok = await scrape(t.app);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);

    const off = await buildTestApp(database);
    try {
      const res = await off.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toMatch(/kindred_/);
    } finally {
      await off.close();
    }
  });

  it('counts requests and their latencies by route pattern and status class', async () => {
    const member = await buildUser(t.app);
    const space = await firstSpace(member);
    const thread = (await member.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Counting small wins', body: 'A short walk today.' })).json() as { thread: { id: string } };
    const route = '/api/threads/:id';
    const before = (await scrape(t.app)).body;
    for (let i = 0; i < 3; i++) expect((await member.client.get(`/api/threads/${thread.thread.id}`)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await member.client.get(`/api/threads/${randomUUID()}`)).statusCode).toBe(404);
    expect((await member.client.get('/api/no-such-route')).statusCode).toBe(404);
    const after = (await scrape(t.app)).body;

    const ok = { method: 'GET', route, status: '2xx' };
    const missing = { method: 'GET', route, status: '4xx' };
    expect(sample(after, 'kindred_http_requests_total', ok) - sample(before, 'kindred_http_requests_total', ok)).toBe(3);
    expect(sample(after, 'kindred_http_requests_total', missing) - sample(before, 'kindred_http_requests_total', missing)).toBe(2);
    const unmatched = { method: 'GET', route: '(unmatched)', status: '4xx' };
    expect(sample(after, 'kindred_http_requests_total', unmatched) - sample(before, 'kindred_http_requests_total', unmatched)).toBe(1);
    // The histogram agrees with the counter, and its buckets are cumulative.
    expect(sample(after, 'kindred_http_request_duration_seconds_count', ok)).toBe(sample(after, 'kindred_http_requests_total', ok));
    expect(sample(after, 'kindred_http_request_duration_seconds_bucket', { ...ok, le: '+Inf' })).toBe(sample(after, 'kindred_http_requests_total', ok));
    expect(sample(after, 'kindred_http_request_duration_seconds_bucket', { ...ok, le: '0.005' })).toBeLessThanOrEqual(sample(after, 'kindred_http_request_duration_seconds_bucket', { ...ok, le: '10' }));
    expect(sample(after, 'kindred_http_request_duration_seconds_sum', ok)).toBeGreaterThan(0);
    // Scrapes do not count themselves.
    expect(after).not.toMatch(/route="\/metrics"/);
  });

  it('reports open WebSocket connections from the gateway', async () => {
    const member = await buildUser(t.app);
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const base = sample((await scrape(t.app)).body, 'kindred_websocket_connections');
    const socket = await TestSocket.open(t.app, member.client);
    await socket.subscribe(`user:${member.id}`).catch(() => undefined);
    expect(sample((await scrape(t.app)).body, 'kindred_websocket_connections')).toBe(base + 1);
    socket.close();
    for (let i = 0; i < 100 && sample((await scrape(t.app)).body, 'kindred_websocket_connections') !== base; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sample((await scrape(t.app)).body, 'kindred_websocket_connections')).toBe(base);
  });

  it('reports open safety alerts by age and the overdue ones, and an empty outbox once dispatched', async () => {
    const writer = await buildUser(t.app);
    const space = await firstSpace(writer);
    const overdueBefore = sample((await scrape(t.app)).body, 'kindred_safety_alerts_overdue');
    const res = await writer.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Tonight', body: METHOD });
    expect(res.statusCode).toBe(201);
    await t.app.kindred.dispatcher.idle();
    const fresh = (await scrape(t.app)).body;
    expect(sample(fresh, 'kindred_safety_alerts_open', { age: '0-5m' })).toBeGreaterThanOrEqual(1);
    expect(sample(fresh, 'kindred_outbox_pending_events')).toBe(0);
    expect(sample(fresh, 'kindred_outbox_oldest_pending_age_seconds')).toBe(0);

    // Twenty minutes later it waits in the 15–60 minute bucket and is past its acknowledgement time.
    t.clock.advance(20 * 60_000);
    const later = (await scrape(t.app)).body;
    expect(sample(later, 'kindred_safety_alerts_open', { age: '0-5m' })).toBe(0);
    expect(sample(later, 'kindred_safety_alerts_open', { age: '15-60m' })).toBeGreaterThanOrEqual(1);
    expect(sample(later, 'kindred_safety_alerts_overdue')).toBeGreaterThan(overdueBefore);
  });

  it('reports outbox lag while events wait for delivery', async () => {
    const stuck = await buildTestApp(database, { dispatchEvents: false, config: { metricsToken: TOKEN } });
    try {
      const member = await buildUser(stuck.app);
      const space = await firstSpace(member);
      expect((await member.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Waiting', body: 'Just a note.' })).statusCode).toBe(201);
      stuck.clock.advance(90_000);
      const text = (await scrape(stuck.app)).body;
      const pending = await stuck.app.kindred.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(sample(text, 'kindred_outbox_pending_events')).toBe(Number(pending.n));
      expect(Number(pending.n)).toBeGreaterThan(0);
      expect(sample(text, 'kindred_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(90);
    } finally {
      await stuck.close();
    }
  });

  it('carries no ids, handles or words of the people using it', async () => {
    const member = await buildUser(t.app, { handle: 'metrics_marmalade' });
    const space = await firstSpace(member);
    const created = (await member.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Quince jelly confession', body: 'Nobody knows about the quince jelly.' })).json() as { thread: { id: string }; post: { id: string } };
    await member.client.get(`/api/threads/${created.thread.id}?q=quince`);
    await member.client.get(`/api/search?q=quince`);
    await new TestClient(t.app).get(`/api/users/metrics_marmalade`);
    const text = (await scrape(t.app)).body;
    for (const secret of [member.id, member.handle, created.thread.id, created.post.id, space, 'quince', 'Quince', TOKEN]) expect(text).not.toContain(secret);
    // Every label value is a method, a route pattern, a status class, a bucket bound or an age bucket.
    for (const [, key, value] of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      expect(key).toMatch(/^(method|route|status|le|age)$/);
      if (key === 'route') expect(value).toMatch(/^(\/[a-z0-9\-/:*.]*|\(unmatched\))$/);
      expect(value).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });
});
