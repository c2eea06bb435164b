import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { CRISIS_TEXT } from '../../../../test/outbox.js';
import type { BusEvent } from '../../platform/bus.js';
import { IDEMPOTENCY_KEY_TTL_MS, SWEEP_BATCH, isUncommittedTwin } from '../../platform/idempotency.js';
import type { KindredApp } from '../../app.js';

// ADR 042: a create retried with its clientId (a lost answer, a 503 after an unknown COMMIT, two
// presses of "Post") is stored once and answered as the first time.

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

function postThread(u: BuiltUser, space: string, body: Record<string, unknown>) {
  return u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A hard night again', body: 'Writing it down helps me a little.', ...body });
}

function postReply(u: BuiltUser, threadId: string, body: Record<string, unknown>) {
  return u.client.post(`/api/threads/${threadId}/posts`, { body: 'Thank you for sharing this with us.', ...body });
}

/** Every bus event from now on whose payload names `id` (a post, a thread): what rooms and notifications hear. */
function eventsNaming(app: KindredApp) {
  const seen: BusEvent[] = [];
  const stop = app.kindred.bus.subscribe((e) => void seen.push(e));
  return { stop, count: () => seen.length, about: (id: string) => seen.filter((e) => JSON.stringify(e.data).includes(id)).map((e) => e.type).sort() };
}

describe.each(testDatabases)('idempotent creates on $name', (database) => {
  const t = useTestApp(database);

  it('answers a retried thread with the first one: same status and body, one row, one screening, one alert, one set of events; anonymous stays anonymous', async () => {
    const writer = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const db = t.app.kindred.database.db;
    const events = eventsNaming(t.app);
    const clientId = randomUUID();
    const body = { title: 'I cannot go on', body: CRISIS_TEXT, anonymous: true, clientId };
    const first = await postThread(writer, space, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    await t.app.kindred.dispatcher.idle();
    const afterFirst = { alerts: await db.selectFrom('safety_alerts').select('id').where('user_id', '=', writer.id).execute() };
    expect(afterFirst.alerts).toHaveLength(1);

    await t.app.kindred.dispatcher.idle();
    const eventsBeforeRetry = events.count();
    const again = await postThread(writer, space, body);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const [a, b] = [first.json(), again.json()];
    expect(b.thread.id).toBe(a.thread.id);
    expect(b.post.id).toBe(a.post.id);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    // The writer sees the crisis notice again, and their own anonymous post as they saw it first.
    expect(b.safety).toEqual(a.safety);
    expect(b.safety.showCrisisResponse).toBe(true);
    expect(b.post.author).toEqual(a.post.author);
    expect(b.post.author.anonymous).toBe(true);

    await t.app.kindred.dispatcher.idle();
    events.stop();
    expect(await db.selectFrom('threads').select('id').where('author_id', '=', writer.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('posts').select('id').where('author_id', '=', writer.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('screenings').select('id').where('user_id', '=', writer.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('safety_alerts').select('id').where('user_id', '=', writer.id).execute()).toHaveLength(1);
    expect(events.about(a.post.id).length).toBeGreaterThan(0);
    // What the first write published, and nothing at all for the retry (a second thread's events would name another id).
    expect(events.count()).toBe(eventsBeforeRetry);
  });

  it('stores one reply when two identical requests race, and tells the thread’s follower once', async () => {
    const author = await buildUser(t.app);
    const replier = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const thread = (await postThread(author, space, {})).json() as { thread: { id: string } };
    await t.app.kindred.dispatcher.idle();
    const db = t.app.kindred.database.db;
    const clientId = randomUUID();
    const results = await Promise.all([postReply(replier, thread.thread.id, { clientId }), postReply(replier, thread.thread.id, { clientId })]);
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    expect(results.map((r) => r.headers['idempotent-replayed'] ?? 'first').sort()).toEqual(['first', 'true']);
    expect(results[0]!.json().post.id).toBe(results[1]!.json().post.id);
    await t.app.kindred.dispatcher.idle();
    expect(await db.selectFrom('posts').select('id').where('author_id', '=', replier.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('screenings').select('id').where('user_id', '=', replier.id).execute()).toHaveLength(1);
    expect((await db.selectFrom('threads').select('reply_count').where('id', '=', thread.thread.id).executeTakeFirstOrThrow()).reply_count).toBe(1);
    expect(await db.selectFrom('notifications').select('id').where('user_id', '=', author.id).where('post_id', '=', results[0]!.json().post.id).execute()).toHaveLength(1);
  });

  it('answers a twin racing into a slow-mode thread with the post, not with slow mode (the key is claimed before any check)', async () => {
    const author = await buildUser(t.app);
    const replier = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const thread = (await postThread(author, await spaceId(t.app, 'anxiety'), {})).json() as { thread: { id: string } };
    expect((await supervisor.client.put(`/api/moderation/threads/${thread.thread.id}/slow-mode`, { seconds: 60 })).statusCode).toBe(200);
    const clientId = randomUUID();
    const results = await Promise.all([postReply(replier, thread.thread.id, { clientId }), postReply(replier, thread.thread.id, { clientId })]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results[0]!.json().post.id).toBe(results[1]!.json().post.id);
    expect(await t.app.kindred.database.db.selectFrom('posts').select('id').where('author_id', '=', replier.id).execute()).toHaveLength(1);
  });

  it('stores one thread when two retries of an expired key race: the first to replace it keeps it', async () => {
    const writer = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const clientId = randomUUID();
    expect((await postThread(writer, space, { clientId })).statusCode).toBe(201);
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1000);
    const results = await Promise.all([postThread(writer, space, { clientId }), postThread(writer, space, { clientId })]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results[0]!.json().thread.id).toBe(results[1]!.json().thread.id);
    expect(await t.app.kindred.database.db.selectFrom('threads').select('id').where('author_id', '=', writer.id).execute()).toHaveLength(2);
  });

  it('tells a twin whose key holder did not commit to try again (503), never a raw unique violation', async () => {
    const writer = await buildUser(t.app);
    const creates = t.app.kindred.creates;
    const clientId = randomUUID();
    const request = { kind: 'test.create', target: 'here', body: { n: 1 } };
    const same = async (id: string) => id;
    // The holder's transaction fails at its commit: on SQLite the twin ran in the same group and
    // was refused on the key before the group failed.
    const holder = creates.run(writer.id, clientId, request, async (tx) => {
      tx.beforeCommit(async () => {
        throw new Error('the commit failed');
      });
      return 'holder';
    }, (id) => id, same);
    const twin = creates.run(writer.id, clientId, request, async () => 'twin', (id) => id, same);
    const [h, tw] = await Promise.allSettled([holder, twin]);
    // Raw: the rejection itself a unique violation, of the key or of any other index. The twin's
    // 503 on SQLite keeps the key's violation as its cause, by design; the error answered is the 503.
    const code = (err: unknown) => String((err as { code?: unknown } | null)?.code ?? '');
    for (const r of [h, tw]) if (r.status === 'rejected') expect(code(r.reason) !== '23505' && !/^SQLITE_CONSTRAINT/.test(code(r.reason)), String(r.reason)).toBe(true);
    if (database.name === 'sqlite') {
      expect(h.status).toBe('rejected');
      expect(tw.status === 'rejected' && isUncommittedTwin(tw.reason)).toBe(true);
    }
    // On PostgreSQL the one that comes second waits on the key: it stores its own once the holder
    // rolled back, or is answered from a twin that committed; either way no unique violation.
  });

  it('answers a retried held post as held while it is, with the same pending post, and as released once a supervisor released it', async () => {
    const writer = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const thread = (await postThread(await buildUser(t.app), await spaceId(t.app, 'depression'), {})).json() as { thread: { id: string } };
    const clientId = randomUUID();
    const first = await postReply(writer, thread.thread.id, { body: METHOD, clientId });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().safety.held).toBe(true);
    const again = await postReply(writer, thread.thread.id, { body: METHOD, clientId });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().safety).toEqual(first.json().safety);
    expect(again.json().post).toMatchObject({ id: first.json().post.id, state: 'pending' });
    expect(await t.app.kindred.database.db.selectFrom('held_content').select('id').where('object_id', '=', first.json().post.id).execute()).toHaveLength(1);

    const item = (await supervisor.client.get('/api/safety/held')).json().items.find((h: { objectId: string }) => h.objectId === first.json().post.id);
    expect((await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' })).statusCode).toBe(200);
    const afterRelease = await postReply(writer, thread.thread.id, { body: METHOD, clientId });
    expect(afterRelease.statusCode).toBe(201);
    expect(afterRelease.json().post).toMatchObject({ id: first.json().post.id, state: 'visible' });
    expect(afterRelease.json().safety).toMatchObject({ held: false, heldReason: null, showCrisisResponse: true });
  });

  it('lists a person’s keys in their export (kind, object, time; no digest, no words) and erases them with the person', async () => {
    const writer = await buildUser(t.app);
    const clientId = randomUUID();
    const words = 'A sentence only this export test writes.';
    const thread = await postThread(writer, await spaceId(t.app, 'anxiety'), { body: words, clientId });
    expect(thread.statusCode).toBe(201);
    const db = t.app.kindred.database.db;
    const { request_digest: digest } = await db.selectFrom('idempotency_keys').select('request_digest').where('user_id', '=', writer.id).executeTakeFirstOrThrow();
    const exported = (await writer.client.get('/api/me/export')).json() as Record<string, unknown>;
    expect(exported.idempotencyKeys).toEqual([{ kind: 'community.thread', objectId: thread.json().thread.id, at: expect.any(String) }]);
    const keys = JSON.stringify(exported.idempotencyKeys);
    expect(keys).not.toContain(digest);
    expect(keys).not.toContain(clientId);
    expect(keys).not.toContain(words);
    expect((await writer.client.post('/api/me/erase', { password: writer.password, publicPosts: 'delete', confirm: 'DELETE' })).statusCode).toBe(200);
    expect(await db.selectFrom('idempotency_keys').select('client_id').where('user_id', '=', writer.id).execute()).toHaveLength(0);
  });

  it('refuses the same key for a different request, and stores nothing for it', async () => {
    const writer = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const clientId = randomUUID();
    const first = await postThread(writer, space, { clientId });
    expect(first.statusCode).toBe(201);
    const changed = await postThread(writer, space, { clientId, body: 'Something else entirely this time.' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error).toMatchObject({ code: 'idempotency_key_reused', message: expect.stringMatching(/clientId/) });
    // The same key for another kind of write is a different request too.
    const asReply = await postReply(writer, first.json().thread.id, { clientId });
    expect(asReply.statusCode).toBe(409);
    const db = t.app.kindred.database.db;
    expect(await db.selectFrom('posts').select('id').where('author_id', '=', writer.id).execute()).toHaveLength(1);

    // A key is the writer's own: another person's same key is their own new thread, never this one.
    const other = await buildUser(t.app);
    const theirs = await postThread(other, space, { clientId });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().thread.id).not.toBe(first.json().thread.id);
  });

  it('answers a retried report with the first report', async () => {
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const post = (await postThread(author, space, {})).json().post.id as string;
    const clientId = randomUUID();
    const first = await reporter.client.post(`/api/posts/${post}/reports`, { reason: 'spam', clientId });
    const again = await reporter.client.post(`/api/posts/${post}/reports`, { reason: 'spam', clientId });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json()).toEqual(first.json());
    expect(await t.app.kindred.database.db.selectFrom('post_reports').select('id').where('reporter_id', '=', reporter.id).execute()).toHaveLength(1);
  });

  it('forgets a key after a day: the sweep removes it, and an expired key is a new request', async () => {
    const writer = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const clientId = randomUUID();
    const first = await postThread(writer, space, { clientId });
    expect(first.statusCode).toBe(201);
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1000);
    const later = await postThread(writer, space, { clientId });
    expect(later.statusCode).toBe(201);
    expect(later.json().thread.id).not.toBe(first.json().thread.id);
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1000);
    // A key made a moment ago must survive the sweep.
    const fresh = randomUUID();
    expect((await postThread(writer, space, { clientId: fresh })).statusCode).toBe(201);
    expect(await t.app.kindred.creates.sweep()).toBeGreaterThanOrEqual(1);
    expect((await t.app.kindred.database.db.selectFrom('idempotency_keys').select('client_id').where('user_id', '=', writer.id).execute()).map((k) => k.client_id)).toEqual([fresh]);
  });

  it('sweeps expired keys in batches until none is left, and only those', async () => {
    const writer = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const old = new Date(t.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS - 1000).toISOString();
    const expired = 2 * SWEEP_BATCH + 3;
    const row = (i: number, at: string) => ({ user_id: writer.id, client_id: `sweep-test-key-${String(i).padStart(6, '0')}`, kind: 'test', request_digest: 'd', object_id: 'o', created_at: at });
    for (let i = 0; i < expired; i += 200) await db.insertInto('idempotency_keys').values(Array.from({ length: Math.min(200, expired - i) }, (_, j) => row(i + j, old))).execute();
    await db.insertInto('idempotency_keys').values(row(expired, t.clock.now().toISOString())).execute();
    expect(await t.app.kindred.creates.sweep()).toBe(expired);
    expect(await db.selectFrom('idempotency_keys').select('client_id').where('user_id', '=', writer.id).execute()).toEqual([{ client_id: row(expired, '').client_id }]);
  });

  it('takes a well-formed key and refuses a malformed one with a message that says what a key must be', async () => {
    const writer = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    expect((await postThread(writer, space, { clientId: 'draft_0123456789-abc' })).statusCode).toBe(201);
    for (const clientId of ['short', 'x'.repeat(65), 'has spaces in it, sixteen+', 42]) {
      const res = await postThread(writer, space, { clientId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/clientId.*16 to 64 letters/);
    }
  });
});
