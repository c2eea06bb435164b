import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, newThread, type BuiltUser } from '../factories.js';
import { CRISIS_TEXT } from '../outbox.js';
import { assignSupervisor, matchedPair } from '../supervision-factories.js';
import type { KindredApp } from '../../src/server/app.js';

// ADR 042, amendment of 2026-11-27 "the last creates": coaching notes, mentoring handovers and
// escalations, group goal progress, group "bring in a supervisor" requests and training practice
// replies take a clientId, with the contract of every other keyed create.

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';

/** An open program with a group: two members (`writer`, `other`) and two facilitators. */
async function programWithGroup(app: KindredApp) {
  const admin = await ensureAdmin(app);
  const [facilitator, cofacilitator] = await Promise.all([buildUser(app, { roles: ['facilitator'] }), buildUser(app, { roles: ['facilitator'] })]);
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, {
      name: 'Thursday circle',
      description: 'A small group for anxiety on Thursdays.',
      timeZone: 'Europe/London',
      agreement: AGREEMENT,
      facilitatorIds: [facilitator.id, cofacilitator.id],
    }),
    201,
  );
  const [writer, other] = await Promise.all([buildUser(app), buildUser(app)]);
  for (const u of [writer, other]) {
    await ok(await u.client.post(`/api/programs/${program.id}/join`, {}));
    await ok(await u.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
  }
  return { admin, groupId: group.id, writer, other, facilitator, cofacilitator };
}

/** A peer supporter with a supervisor, and a public reply of the supporter's to coach. */
async function supervisedWithReply(app: KindredApp) {
  const [supporter, supervisor] = await Promise.all([buildUser(app, { roles: ['peer_supporter'] }), buildUser(app, { roles: ['supervisor'] })]);
  await assignSupervisor(app, supporter, supervisor);
  const threadId = await newThread(app, supporter, 'Evenings are the hardest part');
  const opening = await app.kindred.database.db.selectFrom('posts').select('id').where('thread_id', '=', threadId).executeTakeFirstOrThrow();
  return { supporter, supervisor, url: `/api/supervision/supporters/${supporter.id}/coaching-notes`, postId: opening.id };
}

const db = (app: KindredApp) => app.kindred.database.db;

interface Sender {
  writer: BuiltUser;
  url: string;
  /** Their body, where the writer's names the writer's own things (else the writer's `body`). */
  body?(words: string): Record<string, unknown>;
}

interface Keyed extends Sender {
  body(words: string): Record<string, unknown>;
  /** The rows this create stores (for both writers). */
  rows(): Promise<unknown[]>;
  /** The created object's id in an answer. */
  idOf(answer: Record<string, unknown>): unknown;
  /** Someone else who may make the same create (at their own url, where the url names the writer's own). */
  second: Sender;
  /** Takes the writer's access to what they created away, where anything can (else undefined). */
  revoke?(): Promise<void>;
}

interface Route {
  name: string;
  /**
   * What the route answers a writer who lost access (`revoke`), as the module's own routes do: 404
   * where they may no longer know of it, 403 for a group member who left (the group is still
   * readable to its program's members); undefined where nothing takes access away.
   */
  lostAccess?: 403 | 404;
  setUp(app: KindredApp): Promise<Keyed>;
}

const ROUTES: Route[] = [
  {
    name: 'a coaching note',
    lostAccess: 404,
    setUp: async (app) => {
      const first = await supervisedWithReply(app);
      const second = await supervisedWithReply(app);
      return {
        writer: first.supervisor,
        url: first.url,
        body: (words) => ({ itemKind: 'post', itemId: first.postId, body: `Good reflection. ${words}` }),
        rows: () => db(app).selectFrom('coaching_notes').select('id').execute(),
        idOf: (a) => (a.note as { id: string }).id,
        second: { writer: second.supervisor, url: second.url, body: (words) => ({ itemKind: 'post', itemId: second.postId, body: `Good reflection. ${words}` }) },
        // Another supervisor takes the supporter over: the former one reads none of their coaching notes.
        revoke: () => assignSupervisor(app, first.supporter, second.supervisor),
      };
    },
  },
  {
    name: 'a mentorship handover',
    setUp: async (app) => {
      const { supporter, mentorshipId } = await matchedPair(app);
      const { supporter: to } = await matchedPair(app);
      const other = await matchedPair(app);
      return {
        writer: supporter,
        url: `/api/mentoring/mentorships/${mentorshipId}/handovers`,
        body: (words) => ({ toSupporterId: to.id, note: `They would like evening hours. ${words}` }),
        rows: () => db(app).selectFrom('handovers').select('id').execute(),
        idOf: (a) => (a.handover as { id: string }).id,
        second: { writer: other.supporter, url: `/api/mentoring/mentorships/${other.mentorshipId}/handovers` },
        // A mentorship keeps both its people (ended or handed over): nothing takes a handover from its writer.
      };
    },
  },
  {
    name: 'a mentorship escalation',
    setUp: async (app) => {
      const { supporter, mentorshipId } = await matchedPair(app);
      const other = await matchedPair(app);
      return {
        writer: supporter,
        url: `/api/mentoring/mentorships/${mentorshipId}/escalate`,
        body: (words) => ({ note: `They mentioned not feeling safe at home. ${words}` }),
        rows: () => db(app).selectFrom('supervisor_access_grants').select('id').where('kind', '=', 'escalation').where('granted_by', 'is not', null).execute(),
        idOf: (a) => (a.mentorship as { supervisorAccess: { kind: string; id: string }[] }).supervisorAccess.filter((g) => g.kind === 'escalation').map((g) => g.id),
        second: { writer: other.supporter, url: `/api/mentoring/mentorships/${other.mentorshipId}/escalate` },
      };
    },
  },
  {
    name: 'group goal progress',
    lostAccess: 403,
    setUp: async (app) => {
      const g = await programWithGroup(app);
      const goal = await ok<{ id: string }>(await g.writer.client.post(`/api/groups/${g.groupId}/goals`, { title: 'Walk', targetPerMember: 5, unit: 'walks' }), 201);
      const url = `/api/groups/${g.groupId}/goals/${goal.id}/progress`;
      return {
        writer: g.writer,
        url,
        body: (words) => ({ amount: 1, note: words }),
        rows: () => db(app).selectFrom('group_goal_logs').select('id').where('goal_id', '=', goal.id).execute(),
        // The answer is the goal: the writer's own progress in it tells one log from two.
        idOf: (a) => a,
        second: { writer: g.other, url },
        revoke: async () => void (await ok(await g.writer.client.delete(`/api/groups/${g.groupId}/membership`))),
      };
    },
  },
  {
    name: 'a request to bring in a supervisor',
    lostAccess: 404,
    setUp: async (app) => {
      const g = await programWithGroup(app);
      const url = `/api/groups/${g.groupId}/members/${g.writer.id}/supervisor-request`;
      return {
        writer: g.facilitator,
        url,
        body: (words) => ({ note: `Please check in with them. ${words}` }),
        rows: () => db(app).selectFrom('group_supervisor_requests').select('id').where('group_id', '=', g.groupId).execute(),
        idOf: (a) => a.id,
        second: { writer: g.cofacilitator, url },
        revoke: async () => void (await ok(await g.admin.client.delete(`/api/groups/${g.groupId}/facilitators/${g.facilitator.id}`))),
      };
    },
  },
  {
    name: 'a training practice reply',
    setUp: async (app) => {
      const m = app.kindred.training.curriculum.modules.find((x) => x.practice.length > 0)!;
      const url = `/api/training/modules/${m.id}/practice/${m.practice[0]!.id}`;
      const [writer, other] = await Promise.all([buildUser(app), buildUser(app)]);
      return {
        writer,
        url,
        body: (words) => ({ reply: `That sounds so hard. ${words}` }),
        rows: () => db(app).selectFrom('training_practice_replies').select('id').execute(),
        idOf: (a) => (a.practice as { id: string }).id,
        second: { writer: other, url },
        // A practice reply is its writer's own, always theirs to read.
      };
    },
  },
];

describe.each(testDatabases)('the last creates, retried with a clientId, on $name', (database) => {
  const t = useTestApp(database);

  const counter = (keyed: Keyed) => async () => {
    await t.app.kindred.dispatcher.idle();
    return {
      rows: (await keyed.rows()).length,
      events: (await db(t.app).selectFrom('outbox').select('id').execute()).length,
      notifications: (await db(t.app).selectFrom('notifications').select('id').execute()).length,
      alerts: (await db(t.app).selectFrom('safety_alerts').select('id').execute()).length,
      screenings: (await db(t.app).selectFrom('screenings').select('id').execute()).length,
      audit: (await db(t.app).selectFrom('audit_log').select('id').execute()).length,
      keys: (await db(t.app).selectFrom('idempotency_keys').select('client_id').execute()).length,
    };
  };
  const change = (from: Record<string, number>, to: Record<string, number>) => Object.fromEntries(Object.keys(from).map((k) => [k, to[k]! - from[k]!]));

  it.each(ROUTES)('stores $name once and answers the retry with the first answer; refuses its key for another request', async (route) => {
    const keyed = await route.setUp(t.app);
    const send = (words: string, clientId: string) => keyed.writer.client.post(keyed.url, { ...keyed.body(words), clientId });
    const count = counter(keyed);
    const before = await count();
    const key = randomUUID();
    const first = await send(CRISIS_TEXT, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await count();
    expect(afterFirst.rows).toBe(before.rows + 1);

    // The retry: the same answer, marked as a replay; nothing stored, screened, alerted, announced or notified again.
    const again = await send(CRISIS_TEXT, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await count()).toEqual(afterFirst);

    // The same key for another request: 409, nothing stored.
    const changed = await send('A calmer evening after all.', key);
    expect(changed.statusCode, changed.body).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_key_reused');
    expect(await count()).toEqual(afterFirst);

    // A malformed key is a 400 naming it, as on every keyed create.
    const bad = await keyed.writer.client.post(keyed.url, { ...keyed.body('Another one.'), clientId: 'abc' });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toMatch(/clientId/);
  });

  it.each(ROUTES)('stores $name once when two requests with one key arrive together, with the side effects of one create', async (route) => {
    // What one create does (crisis words: screened, alerted, notified, announced, audited, keyed)...
    const single = await route.setUp(t.app);
    const countSingle = counter(single);
    const s0 = await countSingle();
    expect((await single.writer.client.post(single.url, { ...single.body(CRISIS_TEXT), clientId: randomUUID() })).statusCode).toBe(201);
    const once = change(s0, await countSingle());
    expect(once.rows).toBe(1);
    // ...and two requests with one key together: exactly that, in every table.
    const keyed = await route.setUp(t.app);
    const count = counter(keyed);
    const before = await count();
    const key = randomUUID();
    const both = await Promise.all([0, 1].map(() => keyed.writer.client.post(keyed.url, { ...keyed.body(CRISIS_TEXT), clientId: key })));
    expect(both.map((r) => r.statusCode), both.map((r) => r.body).join('\n')).toEqual([201, 201]);
    expect(both.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(both[1]!.json()).toEqual(both[0]!.json());
    expect(change(before, await count())).toEqual(once);
  });

  it('answers a retry of a practice reply rated by an earlier rater with its stored numbers and no notes of the current rater', async () => {
    const m = t.app.kindred.training.curriculum.modules.find((x) => x.practice.length > 0)!;
    const url = `/api/training/modules/${m.id}/practice/${m.practice[0]!.id}`;
    const writer = await buildUser(t.app);
    const body = { reply: 'That sounds so hard. It makes sense you feel worn out. What has been the hardest part?', clientId: randomUUID() };
    const first = await ok<{ practice: { id: string }; feedback: { notes: unknown[] }; empathyVersion: string }>(await writer.client.post(url, body), 201);
    expect(first.feedback.notes.length).toBeGreaterThan(0);
    // As if stored by the rater before this one (with the numbers it gave).
    await db(t.app).updateTable('training_practice_replies').set({ empathy_version: 'kindred-empathy-0.9.0', emotional_reactions: 0, interpretations: 0, explorations: 0 }).where('id', '=', first.practice.id).execute();
    const again = await ok<{ feedback: Record<string, unknown>; empathyVersion: string }>(await writer.client.post(url, body), 201);
    expect(again.empathyVersion).toBe('kindred-empathy-0.9.0');
    expect(again.feedback).toEqual({ emotionalReactions: 0, interpretations: 0, explorations: 0, notes: [] });
  });

  it('answers a retry of a held handover note and a held escalation note as held, as the first did, and as released once a supervisor releases them', async () => {
    const HELD = 'I have saved up 40 pills and I am going to take them all tonight.';
    const { supporter, mentorshipId } = await matchedPair(t.app);
    const { supporter: to } = await matchedPair(t.app);
    const handoverKey = randomUUID();
    const escalationKey = randomUUID();
    const handover = () => supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/handovers`, { toSupporterId: to.id, note: HELD, clientId: handoverKey });
    const escalation = () => supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/escalate`, { note: HELD, clientId: escalationKey });
    const h1 = await ok<{ handover: { id: string; note: string }; notice: { held: boolean } }>(await handover(), 201);
    const e1 = await ok<{ mentorship: { supervisorAccess: { kind: string; id: string }[] }; notice: { held: boolean } }>(await escalation(), 201);
    expect(h1.notice.held).toBe(true);
    expect(h1.handover.note).toBe('');
    expect(e1.notice.held).toBe(true);
    // The retries: what the first said, held and all.
    expect(await ok(await handover(), 201)).toEqual(h1);
    expect(await ok(await escalation(), 201)).toEqual(e1);

    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const ours = new Set([h1.handover.id, ...e1.mentorship.supervisorAccess.filter((g) => g.kind === 'escalation').map((g) => g.id)]);
    const items = (await ok<{ items: { id: string; objectId: string }[] }>(await supervisor.client.get('/api/safety/held'))).items.filter((i) => ours.has(i.objectId));
    expect(items).toHaveLength(2);
    for (const item of items) await ok(await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' }));

    // After the release the retries say what is stored now: no longer held, the note shown.
    const h2 = await ok<{ handover: { id: string; note: string }; notice: { held: boolean } }>(await handover(), 201);
    const e2 = await ok<{ notice: { held: boolean } }>(await escalation(), 201);
    expect(h2.handover).toMatchObject({ id: h1.handover.id, note: HELD });
    expect(h2.notice.held).toBe(false);
    expect(e2.notice.held).toBe(false);
  });

  it.each(ROUTES)('takes the same key from someone else for $name as their own new create, never a replay of the first', async (route) => {
    const keyed = await route.setUp(t.app);
    const key = randomUUID();
    const words = 'The same words, from two people.';
    const first = await keyed.writer.client.post(keyed.url, { ...keyed.body(words), clientId: key });
    expect(first.statusCode, first.body).toBe(201);
    const before = (await keyed.rows()).length;
    const theirs = await keyed.second.writer.client.post(keyed.second.url, { ...(keyed.second.body ?? keyed.body)(words), clientId: key });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(keyed.idOf(theirs.json())).not.toEqual(keyed.idOf(first.json()));
    expect(await keyed.rows()).toHaveLength(before + 1);
  });

  it.each(ROUTES.filter((r) => r.lostAccess))(
    'answers a retry of $name after its writer lost access as the route answers them now (no replay)',
    async (route) => {
      const keyed = await route.setUp(t.app);
      const key = randomUUID();
      const words = 'Before things changed.';
      expect((await keyed.writer.client.post(keyed.url, { ...keyed.body(words), clientId: key })).statusCode).toBe(201);
      const rows = (await keyed.rows()).length;
      await keyed.revoke!();
      // What the route answers this writer now for a new create, and the retry: the same refusal.
      const fresh = await keyed.writer.client.post(keyed.url, { ...keyed.body('Something new.'), clientId: randomUUID() });
      const retry = await keyed.writer.client.post(keyed.url, { ...keyed.body(words), clientId: key });
      expect(fresh.statusCode, fresh.body).toBe(route.lostAccess);
      expect(retry.statusCode, retry.body).toBe(fresh.statusCode);
      expect(retry.json().error.message).toBe(fresh.json().error.message);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await keyed.rows()).toHaveLength(rows);
    },
  );
});
