import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { CRISIS_TEXT } from '../../../../test/outbox.js';
import type { KindredApp } from '../../app.js';

// A group report's note is screened (ADR: every text is screened); the writer in crisis gets the
// crisis response in the answer ({ id, notice }), as a community report's writer does.

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function groupWithMessage(app: KindredApp): Promise<{ groupId: string; messageId: string; reporter: BuiltUser }> {
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Thursday circle of support', description: 'A small group for anxiety.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [facilitator.id] }),
    201,
  );
  const join = async () => {
    const u = await buildUser(app);
    await ok(await u.client.post(`/api/programs/${program.id}/join`, {}));
    await ok(await u.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
    return u;
  };
  const author = await join();
  const reporter = await join();
  const written = await ok<{ message: { id: string } }>(await author.client.post(`/api/groups/${group.id}/messages`, { body: 'Nobody here understands anything.' }), 201);
  return { groupId: group.id, messageId: written.message.id, reporter };
}

describe.each(testDatabases)('a group report’s notice on $name', (database) => {
  const t = useTestApp(database);
  const screeningsOf = (id: string) => t.app.kindred.database.db.selectFrom('screenings').select(['level', 'user_id']).where('object_type', '=', 'group_report').where('object_id', '=', id).execute();

  it('a note in crisis: the answer carries the crisis response (a retry answers it again); a calm note a quiet notice; no note a null notice', async () => {
    const s = await groupWithMessage(t.app);
    const url = `/api/groups/${s.groupId}/messages/${s.messageId}/reports`;
    const clientId = randomUUID();
    const first = await s.reporter.client.post(url, { reason: 'other', note: CRISIS_TEXT, clientId });
    expect(first.statusCode, first.body).toBe(201);
    const { id, notice } = first.json() as { id: string; notice: { level: number; showCrisisResponse: boolean; held: boolean } | null };
    expect(notice).toMatchObject({ showCrisisResponse: true, held: false });
    expect(notice!.level).toBeGreaterThanOrEqual(3);
    expect(await screeningsOf(id)).toEqual([expect.objectContaining({ user_id: s.reporter.id })]);
    const again = await s.reporter.client.post(url, { reason: 'other', note: CRISIS_TEXT, clientId });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());

    const calm = await s.reporter.client.post(url, { reason: 'harassment', note: 'This felt unkind.' });
    expect(calm.statusCode, calm.body).toBe(201);
    expect(calm.json().notice).toMatchObject({ level: 0, showCrisisResponse: false, held: false });
    const bare = await s.reporter.client.post(url, { reason: 'spam' });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toEqual({ id: expect.any(String), notice: null });
  });

  it('a note naming a method is refused with 422 and nothing is stored', async () => {
    const s = await groupWithMessage(t.app);
    const res = await s.reporter.client.post(`/api/groups/${s.groupId}/messages/${s.messageId}/reports`, { reason: 'other', note: METHOD });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'held_by_safety', message: expect.stringMatching(/leave out details of methods/) });
    expect(await t.app.kindred.database.db.selectFrom('group_message_reports').select('id').where('reporter_id', '=', s.reporter.id).execute()).toEqual([]);
  });
});
