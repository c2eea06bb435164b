import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';
import { BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from '../../src/server/platform/json-body.js';

/** Hostile bodies are refused early with a 4xx a person can act on: never a 5xx, never a crash. */
describe.each(testDatabases)('oversized and deeply nested JSON on $name', (database) => {
  const t = useTestApp(database);

  async function threadOf(client: TestClient): Promise<string> {
    const spaces = (await client.get('/api/spaces')).json() as { spaces: { id: string }[] };
    const res = await client.post(`/api/spaces/${spaces.spaces[0]!.id}/threads`, { kind: 'story', title: 'Limits', body: 'Testing the limits kindly.' });
    return (res.json() as { thread: { id: string } }).thread.id;
  }

  it('refuses a body over the limit with 413 and says what the limit is', async () => {
    const member = await buildUser(t.app);
    const thread = await threadOf(member.client);
    const res = await member.client.post(`/api/threads/${thread}/posts`, { body: 'x'.repeat(BODY_LIMIT_BYTES + 10) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'too_large', message: expect.stringMatching(/larger than the 256 KB limit/) } });
    // Before sign-in too: the sign-up form is open to anyone.
    const anonymous = await new TestClient(t.app).post('/api/auth/sign-up', { handle: 'big_one', password: 'p'.repeat(BODY_LIMIT_BYTES), ageConfirmed: true });
    expect(anonymous.statusCode).toBe(413);
  });

  it('refuses 10,000 levels of nesting with 400, on open and signed-in routes, and keeps serving', async () => {
    const member = await buildUser(t.app);
    const thread = await threadOf(member.client);
    const deepArray = '['.repeat(10_000) + ']'.repeat(10_000);
    const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const bodies = [deepArray, deepObject, `{"body":${deepArray}}`, `{"body":"hello","extra":${deepObject}}`];
    for (const rawBody of bodies) {
      for (const [client, url] of [
        [member.client, `/api/threads/${thread}/posts`],
        [new TestClient(t.app), '/api/auth/sign-up'],
        [member.client, '/api/me/profile'],
      ] as const) {
        const res = url === '/api/me/profile' ? await client.request('PATCH', url, undefined, { rawBody }) : await client.post(url, undefined, { rawBody });
        expect(res.statusCode, `${url}`).toBe(400);
        expect(res.json().error.message).toMatch(/nested too deeply/);
      }
    }
    // One level past the limit is refused; the limit itself only goes on to validation (400 for the schema).
    const over = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect((await member.client.post(`/api/threads/${thread}/posts`, undefined, { rawBody: over })).json().error.message).toMatch(/nested too deeply/);
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    const validated = await member.client.post(`/api/threads/${thread}/posts`, undefined, { rawBody: atLimit });
    expect(validated.statusCode).toBe(400);
    expect(validated.json().error.message).not.toMatch(/nested/);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('counts only real nesting: brackets inside text are words, not structure', async () => {
    const member = await buildUser(t.app);
    const thread = await threadOf(member.client);
    const text = `My notes [[[${'['.repeat(200)} with a quote \\" and {{{${'{'.repeat(200)} inside`;
    const res = await member.client.post(`/api/threads/${thread}/posts`, { body: text });
    expect(res.statusCode).toBe(201);
    // Fastify's own parser still refuses prototype poisoning.
    const poisoned = await member.client.post(`/api/threads/${thread}/posts`, undefined, { rawBody: '{"body":"hi","__proto__":{"admin":true}}' });
    expect(poisoned.statusCode).toBe(400);
  });

  it('refuses text holding the NUL character with 400 on every route and database (PostgreSQL text cannot store it)', async () => {
    const member = await buildUser(t.app);
    const thread = await threadOf(member.client);
    const spaces = (await member.client.get('/api/spaces')).json() as { spaces: { id: string }[] };
    const attempts = [
      member.client.post(`/api/spaces/${spaces.spaces[0]!.id}/threads`, { kind: 'story', title: 'A hard\u0000 week', body: 'Checking in with everyone.' }),
      member.client.post(`/api/threads/${thread}/posts`, { body: 'Walks help\u0000 me too.' }),
      member.client.request('PATCH', '/api/me/profile', { bio: 'Hello\u0000' }),
      member.client.post(`/api/threads/${thread}/posts`, undefined, { rawBody: '{"body":"fine","\\u0000":"key"}' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/NUL character/);
    }
    // Spelled as words (an escaped backslash before "u0000") it is ordinary text.
    const spelled = await member.client.post(`/api/threads/${thread}/posts`, { body: 'The escape is written \\u0000 in JSON.' });
    expect(spelled.statusCode).toBe(201);
    const page = (await member.client.get(`/api/threads/${thread}`)).json() as { posts: { bodyHtml?: string; body?: string }[] };
    expect(JSON.stringify(page)).toContain('u0000');
  });

  it('refuses a NUL (%00) in an address with 400, never reaching the database', async () => {
    const member = await buildUser(t.app);
    for (const url of ['/api/notifications?cursor=a%00', '/api/search?q=hello%00world', '/api/threads/abc%00def', '/api/spaces?cursor=%00']) {
      const res = await member.client.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message).toMatch(/NUL character/);
    }
    expect((await member.client.get('/api/search?q=100%2500')).statusCode).toBe(200);
  });
});
