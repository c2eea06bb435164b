import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin } from '../factories.js';
import { TestClient } from '../client.js';
import type { KindredApp } from '../../src/server/app.js';

// The "one at a time" 409s a racing twin meets on a unique index (a request waiting, a request to
// join, a sign-off asked, a handle) answer for that index alone: any other unique violation of
// the same unit of work goes through as the error it is, not as that 409.
//
// Each check before the insert passes (nothing clashes yet); a trigger the test puts on the table
// then does, just before the insert, what a twin committing in between would do: it gives a row
// set aside by the test the values the index keeps unique (or, for "another index", the new row's
// primary key). The insert then meets the real database's own violation, on both databases.
// (A message's clientId, whose catch answers with the twin's stored message, needs the twin
// committed, which a trigger's write is not: conversations.routes.test.ts races eight sends with
// one key on both databases, and fails if that catch does not name its index.)

const db = (app: KindredApp) => app.kindred.database.db;

/**
 * Runs `statement` before every insert into `table` (NEW is the row being inserted) until the
 * returned function drops it. The same statement text serves both databases.
 */
async function beforeInsert(app: KindredApp, table: string, statement: string): Promise<() => Promise<void>> {
  const name = `twin_${randomUUID().replace(/-/g, '')}`;
  const d = db(app);
  if (app.kindred.database.dialect === 'postgres') {
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${statement}; return new; end $$`).execute(d);
    await sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`).execute(d);
    return async () => {
      await sql.raw(`drop trigger ${name} on ${table}`).execute(d);
      await sql.raw(`drop function ${name}()`).execute(d);
    };
  }
  await sql.raw(`create trigger ${name} before insert on ${table} for each row begin ${statement}; end`).execute(d);
  return async () => {
    await sql.raw(`drop trigger ${name}`).execute(d);
  };
}

/** Runs `request` with the trigger in place, and drops it whatever happens. */
async function withTrigger<T>(app: KindredApp, table: string, statement: string, request: () => Promise<T>): Promise<T> {
  const drop = await beforeInsert(app, table, statement);
  try {
    return await request();
  } finally {
    await drop();
  }
}

interface Answer {
  statusCode: number;
  body: string;
  json(): { error?: { message?: string } };
}

function expectConflict(res: Answer, message: string) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().error?.message).toBe(message);
}

/** Another unique index's violation: the server's own error, not the 409 of the index it is not. */
function expectNotMistaken(res: Answer, message: string) {
  expect(res.statusCode, res.body).toBe(500);
  expect(res.body).not.toContain(message);
}

const ALREADY_WAITING = 'You already have a request waiting for a supporter. You can cancel it, or wait: we will tell you as soon as someone accepts.';
const ALREADY_ASKED_TO_JOIN = 'You have already asked to join; the program lead will answer.';
const ALREADY_ASKED = 'You have already asked for sign-off. A supervisor will look at it soon; we will tell you when they do.';
const HANDLE_TAKEN = 'That handle is taken. Try another one.';

describe.each(testDatabases)('409s of a unique index, for that index only, on $name', (database) => {
  const t = useTestApp(database);

  it('a support request: the one-waiting index is "already waiting"; the request’s primary key is not', async () => {
    const member = await buildUser(t.app);
    const at = new Date().toISOString();
    // Set aside: a cancelled request of the member, which neither the check nor the index sees.
    const aside = randomUUID();
    await db(t.app)
      .insertInto('support_requests')
      .values({ id: aside, member_id: member.id, topic_enc: 'sealed', topic_held: 0, preferences: '{}', preferred_supporter_id: null, status: 'cancelled', round: 0, next_widen_at: null, exhausted: 0, screening_level: 0, safety_notice: null, mentorship_id: null, created_at: at, updated_at: at })
      .execute();
    const ask = () => member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', clientId: randomUUID() });

    const waiting = await withTrigger(t.app, 'support_requests', `update support_requests set status = 'waiting' where id = '${aside}'`, ask);
    expectConflict(waiting, ALREADY_WAITING);

    await db(t.app).updateTable('support_requests').set({ status: 'cancelled' }).where('id', '=', aside).execute();
    const sameId = await withTrigger(t.app, 'support_requests', `update support_requests set id = NEW.id where id = '${aside}'`, ask);
    expectNotMistaken(sameId, ALREADY_WAITING);
    // Nothing of either refused request was kept; without the trigger the member may ask.
    const rows = await db(t.app).selectFrom('support_requests').select(['id', 'status']).where('member_id', '=', member.id).execute();
    expect(rows).toEqual([{ id: aside, status: 'cancelled' }]);
    expect((await ask()).statusCode).toBe(201);
  });

  it('a request to join a program: the one-pending index is "already asked to join"; the request’s primary key is not', async () => {
    const admin = await ensureAdmin(t.app);
    const org = (await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' })).json() as { id: string };
    const program = (await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'request' })).json() as { id: string };
    const person = await buildUser(t.app);
    const aside = randomUUID();
    await db(t.app)
      .insertInto('program_join_requests')
      .values({ id: aside, program_id: program.id, user_id: person.id, note_enc: null, status: 'declined', decided_by: null, decided_at: null, created_at: new Date().toISOString() })
      .execute();
    const join = () => person.client.post(`/api/programs/${program.id}/join`, { clientId: randomUUID() });

    const pending = await withTrigger(t.app, 'program_join_requests', `update program_join_requests set status = 'pending' where id = '${aside}'`, join);
    expectConflict(pending, ALREADY_ASKED_TO_JOIN);

    await db(t.app).updateTable('program_join_requests').set({ status: 'declined' }).where('id', '=', aside).execute();
    const sameId = await withTrigger(t.app, 'program_join_requests', `update program_join_requests set id = NEW.id where id = '${aside}'`, join);
    expectNotMistaken(sameId, ALREADY_ASKED_TO_JOIN);
    const rows = await db(t.app).selectFrom('program_join_requests').select(['id', 'status']).where('user_id', '=', person.id).execute();
    expect(rows).toEqual([{ id: aside, status: 'declined' }]);
    expect((await join()).json()).toMatchObject({ membership: 'pending' });
  });

  it('a sign-off request: the one-pending index is "already asked"; the request’s primary key is not', async () => {
    const trainee = await buildUser(t.app);
    const { curriculum } = t.app.kindred.training;
    for (const m of curriculum.modules.filter((x) => x.requiredFor.includes('peer_supporter'))) {
      const answers = Object.fromEntries(m.quiz.map((q) => [q.id, [...q.correct]]));
      expect((await trainee.client.post(`/api/training/modules/${m.id}/quiz`, { answers })).statusCode).toBe(201);
    }
    const aside = randomUUID();
    await db(t.app)
      .insertInto('training_signoff_requests')
      .values({ id: aside, user_id: trainee.id, kind: 'peer_supporter', refresher: 0, status: 'declined', requested_at: new Date().toISOString(), decided_at: null, decided_by: null, decision_note_enc: null, decision_note_held: 0, certificate_id: null })
      .execute();
    const ask = () => trainee.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' });

    const pending = await withTrigger(t.app, 'training_signoff_requests', `update training_signoff_requests set status = 'pending' where id = '${aside}'`, ask);
    expectConflict(pending, ALREADY_ASKED);

    await db(t.app).updateTable('training_signoff_requests').set({ status: 'declined' }).where('id', '=', aside).execute();
    const sameId = await withTrigger(t.app, 'training_signoff_requests', `update training_signoff_requests set id = NEW.id where id = '${aside}'`, ask);
    expectNotMistaken(sameId, ALREADY_ASKED);
    const rows = await db(t.app).selectFrom('training_signoff_requests').select(['id', 'status']).where('user_id', '=', trainee.id).execute();
    expect(rows).toEqual([{ id: aside, status: 'declined' }]);
    expect((await ask()).statusCode).toBe(201);
  });

  it('a sign-up: the handle’s unique key is "handle taken"; the account’s primary key is not', async () => {
    await ensureAdmin(t.app);
    const someone = await db(t.app).selectFrom('users').selectAll().limit(1).executeTakeFirstOrThrow();
    const aside = randomUUID();
    await db(t.app)
      .insertInto('users')
      .values({ ...someone, id: aside, handle: `aside-${aside.slice(0, 8)}`, handle_key: `aside-${aside.slice(0, 8)}` })
      .execute();
    const handle = `river${randomUUID().slice(0, 8)}`;
    const signUp = () => new TestClient(t.app, '10.9.0.1').post('/api/auth/sign-up', { handle, password: 'a long and careful passphrase 42', ageConfirmed: true });

    const taken = await withTrigger(t.app, 'users', `update users set handle_key = NEW.handle_key where id = '${aside}'`, signUp);
    expectConflict(taken, HANDLE_TAKEN);

    await db(t.app).updateTable('users').set({ handle_key: `aside-${aside.slice(0, 8)}` }).where('id', '=', aside).execute();
    const sameId = await withTrigger(t.app, 'users', `update users set id = NEW.id where id = '${aside}'`, signUp);
    expectNotMistaken(sameId, HANDLE_TAKEN);
    expect(await db(t.app).selectFrom('users').select('id').where('handle_key', '=', handle).execute()).toEqual([]);
    expect((await signUp()).statusCode).toBe(201);
  });
});
