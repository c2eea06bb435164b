import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';
import { CRISIS_TEXT } from '../outbox.js';
import { assignSupervisor, matchedPair } from '../supervision-factories.js';
import type { KindredApp } from '../../src/server/app.js';
import { DatabaseUnavailableError, isUniqueViolationOf } from '../../src/server/platform/db.js';

// ADR 042, amendment of 2026-11-27 "the rest of the creates": the creates that took no key until
// now, and a create's own unique violation answered as its own (not the key's 503).

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';

/** A program (open, or joined by request) with a group whose two members are `writer` and `other`. */
async function programWithGroup(app: KindredApp, joinPolicy: 'open' | 'request' = 'open') {
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Thursday circle', description: 'A small group for anxiety on Thursdays.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [facilitator.id] }),
    201,
  );
  const [writer, other] = await Promise.all([buildUser(app), buildUser(app)]);
  if (joinPolicy === 'open') {
    for (const u of [writer, other]) {
      await ok(await u.client.post(`/api/programs/${program.id}/join`, {}));
      await ok(await u.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
    }
  }
  return { orgId: org.id, programId: program.id, groupId: group.id, writer, other };
}

/** A peer supporter with a supervisor of their own. */
async function supervised(app: KindredApp) {
  const [supporter, supervisor] = await Promise.all([buildUser(app, { roles: ['peer_supporter'] }), buildUser(app, { roles: ['supervisor'] })]);
  await assignSupervisor(app, supporter, supervisor);
  return { supporter, supervisor };
}

interface Keyed {
  /** Who sends it, where, with which words (the words differ for "another request"). */
  writer: BuiltUser;
  url: string;
  body(words: string): Record<string, unknown>;
  /** The rows the create stores. */
  rows(): Promise<unknown[]>;
}

interface Route {
  name: string;
  /** The first answer's status (a join answers 200). */
  status: number;
  setUp(app: KindredApp): Promise<Keyed>;
}

const db = (app: KindredApp) => app.kindred.database.db;

/** Method details the screen holds for review where others will read them. */
const HELD_NOTE = 'I have saved up 40 pills and I am going to take them all tonight.';

const ROUTES: Route[] = [
  {
    name: 'a group goal',
    status: 201,
    setUp: async (app) => {
      const g = await programWithGroup(app);
      return {
        writer: g.writer,
        url: `/api/groups/${g.groupId}/goals`,
        body: (words) => ({ title: words, targetPerMember: 3, unit: 'walks' }),
        rows: () => db(app).selectFrom('group_goals').select('id').where('group_id', '=', g.groupId).execute(),
      };
    },
  },
  {
    name: 'a report of a group message',
    status: 201,
    setUp: async (app) => {
      const g = await programWithGroup(app);
      const message = await ok<{ message: { id: string } }>(await g.other.client.post(`/api/groups/${g.groupId}/messages`, { body: 'Buy cheap watches at example dot com' }), 201);
      return {
        writer: g.writer,
        url: `/api/groups/${g.groupId}/messages/${message.message.id}/reports`,
        body: (words) => ({ reason: 'spam', note: words }),
        rows: () => db(app).selectFrom('group_message_reports').select('id').where('group_id', '=', g.groupId).execute(),
      };
    },
  },
  {
    name: 'a request to join a program',
    status: 200,
    setUp: async (app) => {
      const g = await programWithGroup(app, 'request');
      return {
        writer: g.writer,
        url: `/api/programs/${g.programId}/join`,
        body: (words) => ({ note: words }),
        rows: () => db(app).selectFrom('program_join_requests').select('id').where('program_id', '=', g.programId).execute(),
      };
    },
  },
  {
    name: 'a suggested library resource',
    status: 201,
    setUp: async (app) => {
      const writer = await buildUser(app, { roles: ['peer_supporter'] });
      return {
        writer,
        url: '/api/library/resources',
        body: (words) => ({ kind: 'hotline', name: 'Night line', region: 'GB', languages: ['en'], cost: 'free', phone: '0800 000 000', description: `Listening through the night. ${words}` }),
        rows: () => db(app).selectFrom('resources').select('id').where('suggested_by', '=', writer.id).execute(),
      };
    },
  },
  {
    name: 'a note on a safety alert',
    status: 201,
    setUp: async (app) => {
      const member = await buildUser(app);
      await ok(await member.client.post('/api/me/journal', { body: CRISIS_TEXT }), 201);
      const alert = await db(app).selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).executeTakeFirstOrThrow();
      const writer = await buildUser(app, { roles: ['supervisor'] });
      return {
        writer,
        url: `/api/safety/alerts/${alert.id}/notes`,
        body: (words) => ({ body: `Called them back. ${words}` }),
        rows: () => db(app).selectFrom('safety_alert_notes').select('id').where('alert_id', '=', alert.id).execute(),
      };
    },
  },
  {
    name: 'a report of a mentorship',
    status: 201,
    setUp: async (app) => {
      const { member, mentorshipId } = await matchedPair(app);
      return {
        writer: member,
        url: `/api/mentoring/mentorships/${mentorshipId}/reports`,
        body: (words) => ({ reason: 'inappropriate', note: words }),
        rows: () => db(app).selectFrom('mentoring_reports').select('id').where('mentorship_id', '=', mentorshipId).execute(),
      };
    },
  },
  {
    name: 'a supervision check-in',
    status: 201,
    setUp: async (app) => {
      const { supporter } = await supervised(app);
      return {
        writer: supporter,
        url: '/api/me/supervision/checkins',
        body: (words) => ({ energy: 1, manageable: 2, supported: 1, note: words }),
        rows: () => db(app).selectFrom('wellbeing_checkins').select('id').where('user_id', '=', supporter.id).execute(),
      };
    },
  },
  {
    name: 'a supervisor’s note',
    status: 201,
    setUp: async (app) => {
      const { supporter, supervisor } = await supervised(app);
      return {
        writer: supervisor,
        url: `/api/supervision/supporters/${supporter.id}/notes`,
        body: (words) => ({ body: `Spoke about boundaries. ${words}` }),
        rows: () => db(app).selectFrom('supervision_notes').select('id').where('supporter_id', '=', supporter.id).execute(),
      };
    },
  },
  {
    name: 'a request for supervision',
    status: 201,
    setUp: async (app) => {
      const { supporter } = await supervised(app);
      return {
        writer: supporter,
        url: '/api/me/supervision/requests',
        body: (words) => ({ body: words }),
        rows: () => db(app).selectFrom('supervision_messages').select('id').where('sender_id', '=', supporter.id).execute(),
      };
    },
  },
  {
    name: 'a message in a supervision request',
    status: 201,
    setUp: async (app) => {
      const { supporter, supervisor } = await supervised(app);
      const opened = await ok<{ request: { id: string } }>(await supporter.client.post('/api/me/supervision/requests', { body: 'Can we talk today?' }), 201);
      return {
        writer: supervisor,
        url: `/api/supervision/requests/${opened.request.id}/messages`,
        body: (words) => ({ body: `Yes, at four. ${words}` }),
        rows: () => db(app).selectFrom('supervision_messages').select('id').where('request_id', '=', opened.request.id).execute(),
      };
    },
  },
];

describe.each(testDatabases)('the rest of the creates, retried with a clientId, on $name', (database) => {
  const t = useTestApp(database);

  it.each(ROUTES)('stores $name once and answers the retry with the first answer; refuses its key for another request', async (route) => {
    const keyed = await route.setUp(t.app);
    const send = (words: string, clientId: string) => keyed.writer.client.post(keyed.url, { ...keyed.body(words), clientId });
    const count = async () => {
      await t.app.kindred.dispatcher.idle();
      return { rows: (await keyed.rows()).length, events: (await db(t.app).selectFrom('outbox').select('id').execute()).length, notifications: (await db(t.app).selectFrom('notifications').select('id').execute()).length };
    };
    const before = await count();
    const key = randomUUID();
    const first = await send(CRISIS_TEXT, key);
    expect(first.statusCode, first.body).toBe(route.status);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await count();
    expect(afterFirst.rows).toBe(before.rows + 1);

    // The retry: the same answer, marked as a replay; nothing stored, announced or notified again.
    const again = await send(CRISIS_TEXT, key);
    expect(again.statusCode, again.body).toBe(route.status);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count()).toEqual(afterFirst);

    // The same key for another request: 409, nothing stored.
    const changed = await send('A calmer evening after all.', key);
    expect(changed.statusCode, changed.body).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(await count()).toEqual(afterFirst);
  });

  it('answers a retried mentorship report whose note was held with held: true, as the first answer did', async () => {
    const { member, mentorshipId } = await matchedPair(t.app);
    const send = (clientId: string) => member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: HELD_NOTE, clientId });
    const key = randomUUID();
    const first = await ok<{ id: string; notice: { held: boolean } }>(await send(key), 201);
    expect(first.notice.held).toBe(true);
    const again = await send(key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first);
  });

  it('answers a former supervisor’s retried message or note with 404 once the supporter is reassigned, not with what is there now', async () => {
    const { supporter, supervisor } = await supervised(t.app);
    const opened = await ok<{ request: { id: string } }>(await supporter.client.post('/api/me/supervision/requests', { body: 'Can we talk today?' }), 201);
    const message = (clientId: string) => supervisor.client.post(`/api/supervision/requests/${opened.request.id}/messages`, { body: 'Yes, at four.', clientId });
    const note = (clientId: string) => supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: 'Spoke about boundaries.', clientId });
    const [messageKey, noteKey] = [randomUUID(), randomUUID()];
    await ok(await message(messageKey), 201);
    await ok(await note(noteKey), 201);

    await assignSupervisor(t.app, supporter, await buildUser(t.app, { roles: ['supervisor'] }));
    for (const retry of [await message(messageKey), await note(noteKey)]) {
      expect(retry.statusCode, retry.body).toBe(404);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
    }
    // The supporter's own retry still answers: they take part in their request whoever supervises.
    const asked = randomUUID();
    const first = await ok(await supporter.client.post('/api/me/supervision/requests', { body: 'And about Tuesday?', clientId: asked }), 201);
    expect((await supporter.client.post('/api/me/supervision/requests', { body: 'And about Tuesday?', clientId: asked })).json()).toEqual(first);
  });

  it('a join of an open program is idempotent without a key too: a retry is a clear 409, one membership', async () => {
    const g = await programWithGroup(t.app);
    const newcomer = await buildUser(t.app);
    const url = `/api/programs/${g.programId}/join`;
    expect((await ok(await newcomer.client.post(url, {}))).membership).toBe('member');
    const again = await newcomer.client.post(url, {});
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.message).toMatch(/already a member/);
    const key = randomUUID();
    const other = await buildUser(t.app);
    const both = await Promise.all([other.client.post(url, { clientId: key }), other.client.post(url, { clientId: key })]);
    expect(both.map((r) => [r.statusCode, r.json().membership])).toEqual([
      [200, 'member'],
      [200, 'member'],
    ]);
    const members = await db(t.app).selectFrom('program_members').select('user_id').where('program_id', '=', g.programId).where('user_id', 'in', [newcomer.id, other.id]).execute();
    expect(members).toHaveLength(2);
  });
});

describe.each(testDatabases)('requests to join a program racing each other on $name', (database) => {
  const t = useTestApp(database);

  it('store one pending request and tell the lead once; the others get the same 409 as one after another', async () => {
    const admin = await ensureAdmin(t.app);
    const g = await programWithGroup(t.app, 'request');
    const lead = await buildUser(t.app);
    await ok(await admin.client.post(`/api/admin/organizations/${g.orgId}/staff`, { userId: lead.id, role: 'program_lead' }), 201);
    const url = `/api/programs/${g.programId}/join`;
    // Each with its own key (four tabs), so only the index, not the key, can keep them apart.
    const answers = await Promise.all(['Hello', 'Hello again', 'Me once more', 'And again'].map((note) => g.writer.client.post(url, { note, clientId: randomUUID() })));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([200, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.statusCode === 409)) expect(refused.json().error.message).toBe('You have already asked to join; the program lead will answer.');
    const pending = await db(t.app).selectFrom('program_join_requests').select('id').where('program_id', '=', g.programId).where('user_id', '=', g.writer.id).where('status', '=', 'pending').execute();
    expect(pending).toHaveLength(1);
    await t.app.kindred.dispatcher.idle();
    expect(await db(t.app).selectFrom('notifications').select('id').where('user_id', '=', lead.id).execute()).toHaveLength(1);
  });
});

describe.each(testDatabases)('a keyed create that meets another unique index on $name', (database) => {
  const t = useTestApp(database);

  it('gets the unique violation it would get without a key (not 503), and leaves no key', async () => {
    const { creates, database: handle } = t.app.kindred;
    const a = await buildUser(t.app);
    const circle = (await a.client.post('/api/circles', { name: 'Close friends' })).json() as { id: string };
    const at = new Date().toISOString();
    const invitation = () => ({ id: randomUUID(), circle_id: circle.id, token_digest: `same-${circle.id}`, created_by: a.id, created_at: at, expires_at: at });
    await handle.db.insertInto('circle_invitations').values(invitation()).execute();
    const key = randomUUID();
    const failed = await creates
      .run(
        a.id,
        key,
        { kind: 'test.duplicate', target: circle.id, body: {} },
        async (tx) => {
          await tx.trx.insertInto('circle_invitations').values(invitation()).execute();
          return 'never';
        },
        (id) => id,
        async () => 'never',
      )
      .then(
        () => expect.fail('the duplicate was accepted'),
        (err: unknown) => err,
      );
    expect(failed).not.toBeInstanceOf(DatabaseUnavailableError);
    expect(isUniqueViolationOf(failed, 'circle_invitations_token_digest_key', 'circle_invitations.token_digest'), String(failed)).toBe(true);
    expect(await handle.db.selectFrom('idempotency_keys').select('client_id').where('user_id', '=', a.id).where('client_id', '=', key).execute()).toEqual([]);
  });
});
