import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';
import { CRISIS_TEXT } from '../outbox.js';
import type { KindredApp } from '../../src/server/app.js';

// ADR 042 beyond the community (whose creates are tested in
// src/server/modules/communities/idempotent-writes.routes.test.ts): journal entries, mood
// check-ins, circle messages and check-ins, group chat. Each is retried in turn, raced, and
// reused for a different request; every text is a crisis text, so a doubled alert would show.

const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/** A writer who is in a circle (with a friend) and a program's support group. */
async function writerWithPlaces(app: KindredApp) {
  const writer = await buildUser(app);
  const friend = await buildUser(app);
  const circle = await ok<{ id: string }>(await writer.client.post('/api/circles', { name: 'Close friends' }), 201);
  const inv = await ok<{ token: string }>(await writer.client.post(`/api/circles/${circle.id}/invitations`, {}), 201);
  await ok(await friend.client.post('/api/circle-invitations/accept', { token: inv.token }));
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Thursday group', description: 'A small group for anxiety.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [facilitator.id] }),
    201,
  );
  await ok(await writer.client.post(`/api/programs/${program.id}/join`, {}));
  await ok(await writer.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
  return { writer, circleId: circle.id, groupId: group.id };
}

interface Create {
  name: string;
  url(p: { circleId: string; groupId: string }): string;
  body(words: string): Record<string, unknown>;
  idOf(answer: Record<string, { id: string }>): string;
  rows(app: KindredApp, userId: string): Promise<unknown[]>;
  /** The safety screen holds method details written here for a supervisor (others read it). */
  holds?: true;
}

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

const CREATES: Create[] = [
  {
    name: 'a journal entry',
    url: () => '/api/me/journal',
    body: (words) => ({ title: 'Tonight', body: words }),
    idOf: (a) => a.entry!.id,
    rows: (app, userId) => app.kindred.database.db.selectFrom('journal_entries').select('id').where('user_id', '=', userId).execute(),
  },
  {
    name: 'a mood check-in',
    url: () => '/api/me/checkins',
    body: (words) => ({ mood: 1, feelings: ['sad', 'numb'], note: words }),
    idOf: (a) => a.checkin!.id,
    rows: (app, userId) => app.kindred.database.db.selectFrom('mood_checkins').select('id').where('user_id', '=', userId).execute(),
  },
  {
    name: 'a circle message',
    url: (p) => `/api/circles/${p.circleId}/messages`,
    body: (words) => ({ body: words }),
    idOf: (a) => a.message!.id,
    holds: true,
    rows: (app, userId) => app.kindred.database.db.selectFrom('circle_messages').select('id').where('author_id', '=', userId).execute(),
  },
  {
    name: 'a circle check-in',
    url: () => '/api/me/circle-checkins',
    body: (words) => ({ mood: 1, note: words }),
    idOf: (a) => a.checkin!.id,
    rows: (app, userId) => app.kindred.database.db.selectFrom('circle_checkins').select('id').where('user_id', '=', userId).execute(),
  },
  {
    name: 'a group chat message',
    url: (p) => `/api/groups/${p.groupId}/messages`,
    body: (words) => ({ body: words }),
    idOf: (a) => a.message!.id,
    holds: true,
    rows: (app, userId) => app.kindred.database.db.selectFrom('group_messages').select('id').where('author_id', '=', userId).execute(),
  },
];

describe.each(testDatabases)('idempotent creates beyond the community on $name', (database) => {
  const t = useTestApp(database);

  it.each(CREATES)('stores $name once when it is retried or raced, and refuses its key for another request', async (create) => {
    const { writer, ...places } = await writerWithPlaces(t.app);
    const db = t.app.kindred.database.db;
    const send = (u: BuiltUser, words: string, clientId: string) => u.client.post(create.url(places), { ...create.body(words), clientId });
    const alerts = () => db.selectFrom('safety_alerts').select('id').where('user_id', '=', writer.id).execute();

    // A retry: the same answer, marked as a replay; no second row, screening or alert.
    const key = randomUUID();
    const first = await send(writer, CRISIS_TEXT, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(writer, CRISIS_TEXT, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(create.idOf(again.json())).toBe(create.idOf(first.json()));
    expect(again.json().safety).toEqual(first.json().safety);
    expect(await create.rows(t.app, writer.id)).toHaveLength(1);
    expect(await alerts()).toHaveLength(1);

    // Two identical requests at once: one row, one alert.
    const racing = randomUUID();
    const raced = await Promise.all([send(writer, CRISIS_TEXT, racing), send(writer, CRISIS_TEXT, racing)]);
    for (const r of raced) expect(r.statusCode, r.body).toBe(201);
    expect(create.idOf(raced[0]!.json())).toBe(create.idOf(raced[1]!.json()));
    expect(await create.rows(t.app, writer.id)).toHaveLength(2);
    expect(await alerts()).toHaveLength(2);

    // The same key with other words: refused, nothing stored.
    const changed = await send(writer, 'A calmer evening after all.', key);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(await create.rows(t.app, writer.id)).toHaveLength(2);
    await t.app.kindred.dispatcher.idle();
  });

  it.each(CREATES.filter((c) => c.holds))('answers a retry of $name held while it is held, and not held once a supervisor released it', async (create) => {
    const { writer, ...places } = await writerWithPlaces(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const key = randomUUID();
    const send = () => writer.client.post(create.url(places), { ...create.body(METHOD), clientId: key });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().safety.held).toBe(true);
    expect((await send()).json().safety).toEqual(first.json().safety);
    const id = create.idOf(first.json());
    const item = (await supervisor.client.get('/api/safety/held')).json().items.find((h: { objectId: string }) => h.objectId === id);
    expect((await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' })).statusCode).toBe(200);
    const afterRelease = await send();
    expect(afterRelease.statusCode).toBe(201);
    expect(create.idOf(afterRelease.json())).toBe(id);
    expect(afterRelease.json().safety).toMatchObject({ held: false, heldReason: null });
  });
});
