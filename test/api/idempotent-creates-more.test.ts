import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';
import { CRISIS_TEXT } from '../outbox.js';
import { matchedPair } from '../supervision-factories.js';
import type { KindredApp } from '../../src/server/app.js';
import { DatabaseUnavailableError } from '../../src/server/platform/db.js';
import { isUncommittedTwin } from '../../src/server/platform/idempotency.js';

// ADR 042, the creates that took no key before (its amendment of 2026-11-27, gaps): recovery goals
// and their steps, coping strategies, support requests and circle invitations; and, for every
// create with a key, a retry not counted by the per-account write limit. Every text is a crisis
// text, so a doubled screening or alert would show.

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** A writer with a goal, a circle, and a supporter of their own language pool (who gets offers). */
async function writerWithPlaces(app: KindredApp) {
  const writer = await buildUser(app, { region: 'GB' });
  const goal = await ok<{ goal: { id: string } }>(await writer.client.post('/api/me/recovery/goals', { title: 'Sleep better', steps: [] }), 201);
  const circle = await ok<{ id: string }>(await writer.client.post('/api/circles', { name: 'Close friends' }), 201);
  const lang = `en-x${randomBytes(3).toString('hex')}`;
  const supporter = await buildUser(app, { roles: ['peer_supporter'] });
  await ok(await supporter.client.put('/api/mentoring/supporter-profile', { experienceTags: ['anxiety'], languages: [lang], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 3 }));
  return { writer, supporter, goalId: goal.goal.id, circleId: circle.id, lang };
}
type Places = Awaited<ReturnType<typeof writerWithPlaces>>;

interface Create {
  name: string;
  url(p: Places): string;
  body(words: string, p: Places): Record<string, unknown>;
  /** What identifies what was created in the answer (a step: the goal's steps). */
  idOf(answer: Record<string, unknown>): string;
  rows(app: KindredApp, p: Places): Promise<unknown[]>;
  /** The words are screened (an invitation carries none). */
  screened: boolean;
}

type Json = Record<string, { id: string; steps?: { id: string }[] }>;

const CREATES: Create[] = [
  {
    name: 'a recovery goal',
    url: () => '/api/me/recovery/goals',
    body: (words) => ({ title: words, steps: ['Call Sam'] }),
    idOf: (a) => (a as Json).goal!.id,
    rows: (app, p) => app.kindred.database.db.selectFrom('recovery_goals').select('id').where('user_id', '=', p.writer.id).execute(),
    screened: true,
  },
  {
    name: 'a step of a goal',
    url: (p) => `/api/me/recovery/goals/${p.goalId}/steps`,
    body: (words) => ({ text: words }),
    idOf: (a) => JSON.stringify((a as Json).goal!.steps!.map((s) => s.id)),
    rows: (app, p) => app.kindred.database.db.selectFrom('recovery_goal_steps').select('id').where('goal_id', '=', p.goalId).execute(),
    screened: true,
  },
  {
    name: 'a coping strategy',
    url: () => '/api/library/strategies',
    body: (words) => ({ title: 'When it gets dark', steps: [words], whenItHelps: 'Late at night' }),
    idOf: (a) => (a as Json).strategy!.id,
    rows: (app, p) => app.kindred.database.db.selectFrom('coping_strategies').select('id').where('author_id', '=', p.writer.id).execute(),
    screened: true,
  },
  {
    name: 'a support request',
    url: () => '/api/mentoring/requests',
    body: (words, p) => ({ topic: words, preferences: { languages: [p.lang] } }),
    idOf: (a) => (a as Json).request!.id,
    rows: (app, p) => app.kindred.database.db.selectFrom('support_requests').select('id').where('member_id', '=', p.writer.id).execute(),
    screened: true,
  },
  {
    name: 'a circle invitation',
    url: (p) => `/api/circles/${p.circleId}/invitations`,
    body: (words) => ({ expiresInHours: words === CRISIS_TEXT ? 24 : 48 }),
    idOf: (a) => `${(a as { id: string }).id} ${(a as { token: string }).token}`,
    rows: (app, p) => app.kindred.database.db.selectFrom('circle_invitations').select('id').where('circle_id', '=', p.circleId).execute(),
    screened: false,
  },
];

describe.each(testDatabases)('idempotent creates of goals, steps, strategies, requests and invitations on $name', (database) => {
  const t = useTestApp(database);

  it.each(CREATES)('stores $name once when it is retried, with nothing screened, alerted or announced again; refuses its key for another request', async (create) => {
    const p = await writerWithPlaces(t.app);
    const db = t.app.kindred.database.db;
    const send = (words: string, clientId: unknown) => p.writer.client.post(create.url(p), { ...create.body(words, p), clientId });
    const counts = async () => {
      await t.app.kindred.dispatcher.idle();
      return {
        rows: (await create.rows(t.app, p)).length,
        screenings: (await db.selectFrom('screenings').select('id').where('user_id', '=', p.writer.id).execute()).length,
        alerts: (await db.selectFrom('safety_alerts').select('id').where('user_id', '=', p.writer.id).execute()).length,
        events: (await db.selectFrom('outbox').select('id').execute()).length,
        notifications: (await db.selectFrom('notifications').select('id').execute()).length,
        offers: (await db.selectFrom('support_request_offers').selectAll().execute()).length,
      };
    };
    const before = await counts();

    const key = randomUUID();
    const first = await send(CRISIS_TEXT, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await counts();
    expect(afterFirst.rows).toBe(before.rows + 1);
    if (create.screened) {
      expect(afterFirst.screenings).toBeGreaterThan(before.screenings);
      expect(afterFirst.alerts).toBe(before.alerts + 1);
    }

    // A retry: the same answer, marked as a replay; nothing stored, screened, alerted or announced.
    const again = await send(CRISIS_TEXT, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(create.idOf(again.json())).toBe(create.idOf(first.json()));
    if (create.screened) expect(again.json().safety ?? again.json().notice).toEqual(first.json().safety ?? first.json().notice);
    expect(await counts()).toEqual(afterFirst);

    // The same key for another request: refused, nothing stored.
    const changed = await send('A calmer evening after all.', key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(await counts()).toEqual(afterFirst);

    // A malformed key is a 400 that names it and its rule, and stores nothing.
    const bad = await send(CRISIS_TEXT, 'abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/clientId/);
    expect(bad.json().error.message).toMatch(/16 to 64/);
    expect(await counts()).toEqual(afterFirst);
  });
});

const WRITES_PER_MINUTE = 30;

interface Limited {
  name: string;
  /** Sends the create with `clientId` (the same words each time). */
  setUp(app: KindredApp): Promise<{ writer: BuiltUser; send(clientId: string): ReturnType<BuiltUser['client']['post']> }>;
}

const LIMITED: Limited[] = [
  ...CREATES.map(
    (c): Limited => ({
      name: c.name,
      setUp: async (app) => {
        const p = await writerWithPlaces(app);
        return { writer: p.writer, send: (clientId) => p.writer.client.post(c.url(p), { ...c.body(CRISIS_TEXT, p), clientId }) };
      },
    }),
  ),
  {
    name: 'a journal entry',
    setUp: async (app) => {
      const writer = await buildUser(app);
      return { writer, send: (clientId) => writer.client.post('/api/me/journal', { body: CRISIS_TEXT, clientId }) };
    },
  },
  {
    name: 'a 1:1 message',
    setUp: async (app) => {
      const { member, mentorshipId } = await matchedPair(app);
      return { writer: member, send: (clientId) => member.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Are you there? My train is in a tunnel.', clientId }) };
    },
  },
];

describe.each(testDatabases)('a retried create and the per-account write limit on $name', (database) => {
  const t = useTestApp(database, { config: { writeRateLimitPerMinute: WRITES_PER_MINUTE } });

  it.each(LIMITED)('answers a retry of $name even when the account is at its write limit, and does not count it', async (limited) => {
    const { writer, send } = await limited.setUp(t.app);
    const key = randomUUID();
    const first = await send(key);
    expect(first.statusCode, first.body).toBe(201);
    // Retries, many of them: none counted.
    for (let i = 0; i < WRITES_PER_MINUTE + 5; i++) {
      const again = await send(key);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    // New writes are still counted, up to the limit.
    let refused = null;
    for (let i = 0; i < WRITES_PER_MINUTE + 1 && !refused; i++) {
      const res = await writer.client.put('/api/me/checkins/reminder', { enabled: false, time: '20:30' });
      if (res.statusCode === 429) refused = res;
      else expect(res.statusCode, res.body).toBe(200);
    }
    expect(refused?.json().error.code).toBe('too_many_requests');
    // At the limit, a new create is refused; its retry is still answered.
    expect((await send(randomUUID())).statusCode).toBe(429);
    const retried = await send(key);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    await t.app.kindred.dispatcher.idle();
  });
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(testDatabases)('a key after its 24 h on $name', (database) => {
  const t = useTestApp(database);

  it('a circle invitation with a key met again after its 24 h is a new, live link (its token is not the first one’s)', async () => {
    const a = await buildUser(t.app);
    const circle = (await a.client.post('/api/circles', { name: 'Close friends' })).json() as { id: string };
    const url = `/api/circles/${circle.id}/invitations`;
    const key = randomUUID();
    const first = await a.client.post(url, { expiresInHours: 168, clientId: key });
    expect(first.statusCode, first.body).toBe(201);
    const inv = first.json() as { id: string; token: string };
    // Within the 24 h a retry still gives back the same link.
    const retry = await a.client.post(url, { expiresInHours: 168, clientId: key });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toMatchObject({ id: inv.id, token: inv.token });
    expect((await a.client.delete(`${url}/${inv.id}`)).statusCode).toBe(200);

    t.clock.advance(DAY_MS + 60_000);
    const fresh = await a.client.post(url, { expiresInHours: 168, clientId: key });
    expect(fresh.statusCode, fresh.body).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    const second = fresh.json() as { id: string; token: string; revokedAt?: unknown };
    expect(second.id).not.toBe(inv.id);
    expect(second.token).not.toBe(inv.token);
    // Live: someone can join with it (the first, revoked link cannot).
    const b = await buildUser(t.app);
    expect((await b.client.post('/api/circle-invitations/accept', { token: inv.token })).statusCode).not.toBe(200);
    const joined = await b.client.post('/api/circle-invitations/accept', { token: second.token });
    expect(joined.statusCode, joined.body).toBe(200);

    // After the sweep too: another 25 h on, the swept key makes a third link.
    t.clock.advance(DAY_MS + 60_000);
    expect(await t.app.kindred.creates.sweep()).toBeGreaterThan(0);
    const third = await a.client.post(url, { expiresInHours: 168, clientId: key });
    expect(third.statusCode, third.body).toBe(201);
    expect(third.headers['idempotent-replayed']).toBeUndefined();
    expect([inv.id, second.id]).not.toContain(third.json().id);
  });
});

describe.each(testDatabases)('a 1:1 message key met again on $name', (database) => {
  const t = useTestApp(database, { config: { writeRateLimitPerMinute: 5 } });

  it('with other words at the write limit: 409 each time, with nothing screened or stored', async () => {
    const { member, mentorshipId } = await matchedPair(t.app);
    const url = `/api/mentoring/mentorships/${mentorshipId}/messages`;
    const db = t.app.kindred.database.db;
    const key = randomUUID();
    expect((await member.client.post(url, { body: 'hello there', clientId: key })).statusCode).toBe(201);
    let limited = false;
    for (let i = 0; i < 10 && !limited; i++) limited = (await member.client.post(url, { body: `new ${i}`, clientId: randomUUID() })).statusCode === 429;
    expect(limited).toBe(true);
    const rows = async () => (await db.selectFrom('mentorship_messages').select('id').where('mentorship_id', '=', mentorshipId).execute()).length;
    const before = await rows();
    // Counted at the call, not by rows: a screened write that rolls back leaves none.
    const safety = t.app.kindred.safety as unknown as { screenAndRecord: (...args: unknown[]) => Promise<unknown> };
    const screenAndRecord = safety.screenAndRecord;
    let screened = 0;
    safety.screenAndRecord = (...args: unknown[]) => {
      screened++;
      return screenAndRecord.apply(safety, args);
    };
    try {
      for (let i = 0; i < 6; i++) {
        const res = await member.client.post(url, { body: `${CRISIS_TEXT} ${i}`, clientId: key });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().error.code).toBe('idempotency_key_reused');
      }
    } finally {
      safety.screenAndRecord = screenAndRecord;
    }
    expect(screened).toBe(0);
    expect(await rows()).toBe(before);
    // The same words are still answered with the first message.
    const retry = await member.client.post(url, { body: 'hello there', clientId: key });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });

  it('a retry of a message a supervisor removed is answered already_created, as every create’s is', async () => {
    const { member, mentorshipId } = await matchedPair(t.app);
    const url = `/api/mentoring/mentorships/${mentorshipId}/messages`;
    const key = randomUUID();
    const words = 'this is easier on snap, add me: sam_j22 or text 07700 900123';
    const held = await member.client.post(url, { body: words, clientId: key });
    expect(held.statusCode, held.body).toBe(201);
    const reviewer = await buildUser(t.app, { roles: ['supervisor'] });
    const item = ((await reviewer.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).find((i) => i.objectId === held.json().message.id)!;
    expect((await reviewer.client.post(`/api/safety/held/${item.id}/decision`, { action: 'remove' })).statusCode).toBe(200);
    const again = await member.client.post(url, { body: words, clientId: key });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('already_created');
  });
});

describe.each(testDatabases)('a key in its last minute on $name', (database) => {
  const t = useTestApp(database, { config: { writeRateLimitPerMinute: 5 } });

  it('no longer spares a request the write limit: a create that finds it expired a moment later is counted', async () => {
    const a = await buildUser(t.app);
    const key = randomUUID();
    expect((await a.client.post('/api/me/recovery/goals', { title: 'Walk', steps: [], clientId: key })).statusCode).toBe(201);
    t.clock.advance(DAY_MS - 30_000);
    // Still a retry while the account is under its limit.
    const early = await a.client.post('/api/me/recovery/goals', { title: 'Walk', steps: [], clientId: key });
    expect(early.headers['idempotent-replayed']).toBe('true');
    let limited = false;
    for (let i = 0; i < 10 && !limited; i++) limited = (await a.client.put('/api/me/checkins/reminder', { enabled: false, time: '20:30' })).statusCode === 429;
    expect(limited).toBe(true);
    expect((await a.client.post('/api/me/recovery/goals', { title: 'Walk', steps: [], clientId: key })).statusCode).toBe(429);
  });
});

describe.each(testDatabases)('telling the key’s own 503 from a create’s unique index on $name', (database) => {
  const t = useTestApp(database);

  it('names the claim’s violation, not another table’s', async () => {
    const db = t.app.kindred.database.db;
    const a = await buildUser(t.app);
    const circle = (await a.client.post('/api/circles', { name: 'Close friends' })).json() as { id: string };
    const violation = async (insert: () => Promise<unknown>) => {
      await insert();
      return insert().then(
        () => expect.fail('the second insert was accepted'),
        (err: unknown) => err,
      );
    };
    const key = { user_id: a.id, client_id: randomUUID(), kind: 'test', request_digest: 'd', object_id: 'o', created_at: new Date().toISOString() };
    const claim = await violation(() => db.insertInto('idempotency_keys').values(key).execute());
    const other = await violation(() => db.insertInto('circle_invitations').values({ id: randomUUID(), circle_id: circle.id, token_digest: 'same', created_by: a.id, created_at: key.created_at, expires_at: key.created_at }).execute());
    expect(isUncommittedTwin(new DatabaseUnavailableError(claim))).toBe(true);
    expect(isUncommittedTwin(new DatabaseUnavailableError(other))).toBe(false);
    expect(isUncommittedTwin(claim)).toBe(false);
  });
});
