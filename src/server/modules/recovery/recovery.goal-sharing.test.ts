import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';

const AGREEMENT = 'What is said in the group stays in the group. We listen with respect and give no advice unless asked.';
const MISSING = '0190f0e0-0000-7000-8000-000000000000';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

type Shared = { goals: Record<string, unknown>[] };

async function world(app: KindredApp) {
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }), 201);
  const group = async (name: string) =>
    (await ok<{ id: string }>(await admin.client.post(`/api/programs/${program.id}/groups`, { name, description: 'A small group meeting in the evening.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [facilitator.id] }), 201)).id;
  const groupA = await group('Thursday group');
  const groupB = await group('Monday group');
  const join = async (u: BuiltUser, groupId: string) => ok(await u.client.post(`/api/groups/${groupId}/join`, { agreementVersion: 1 }));
  const me = await buildUser(app);
  const peerA = await buildUser(app);
  const peerB = await buildUser(app);
  for (const u of [me, peerA, peerB]) await ok(await u.client.post(`/api/programs/${program.id}/join`, {}));
  await join(me, groupA);
  await join(me, groupB);
  await join(peerA, groupA);
  await join(peerB, groupB);
  const goal = await ok<{ goal: { id: string } }>(
    await me.client.post('/api/me/recovery/goals', { title: 'Walk to the park every week', targetDate: '2027-03-01', steps: ['Find my shoes by the door', 'Walk to the corner'] }),
    201,
  );
  const steps = (await ok<{ goals: { id: string; steps: { id: string }[] }[] }>(await me.client.get('/api/me/recovery/goals'))).goals[0]!.steps;
  await ok(await me.client.patch(`/api/me/recovery/goals/${goal.goal.id}/steps/${steps[0]!.id}`, { done: true }));
  return { admin, facilitator, program: program.id, groupA, groupB, me, peerA, peerB, goalId: goal.goal.id };
}

describe.each(testDatabases)('sharing a recovery goal into a support group on $name', (database) => {
  const t = useTestApp(database);
  const seen = async (u: BuiltUser, groupId: string) => (await ok<Shared>(await u.client.get(`/api/groups/${groupId}/shared-goals`))).goals;

  it('keeps a goal private until shared; shared into A it shows only the presented fields in A, not in B; unsharing takes it out', async () => {
    const w = await world(t.app);
    expect(await seen(w.peerA, w.groupA)).toEqual([]);
    expect(await seen(w.peerB, w.groupB)).toEqual([]);
    expect(await seen(w.facilitator, w.groupA)).toEqual([]);
    const before = await ok<{ groups: { id: string; name: string }[]; shares: unknown[] }>(await w.me.client.get('/api/me/recovery/goal-shares'));
    expect(before.shares).toEqual([]);
    expect(before.groups.map((g) => g.id).sort()).toEqual([w.groupA, w.groupB].sort());

    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const socket = await TestSocket.open(t.app, w.peerA.client);
    try {
      expect(await socket.subscribe(`group:${w.groupA}`)).toMatchObject({ type: 'subscribed' });
      const shared = await ok<{ shares: { goalId: string; groupId: string }[] }>(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {}));
      expect(shared.shares).toEqual([expect.objectContaining({ goalId: w.goalId, groupId: w.groupA })]);
      await t.app.kindred.dispatcher.idle();
      const event = await socket.next((m) => m.type === 'event' && m.event.type === 'group.goal_progress');
      expect(event).toMatchObject({ event: { data: { groupId: w.groupA, goalId: w.goalId } } });
      // Ids only on the wire.
      expect(JSON.stringify(event)).not.toMatch(/park/);
    } finally {
      socket.close();
    }

    const expected = { goalId: w.goalId, handle: w.me.handle, title: 'Walk to the park every week', stepsDone: 1, stepsTotal: 2, reached: false, targetDate: '2027-03-01' };
    expect(await seen(w.peerA, w.groupA)).toEqual([expected]);
    expect(await seen(w.facilitator, w.groupA)).toEqual([expected]);
    // The steps' words stay private.
    expect(JSON.stringify(await seen(w.peerA, w.groupA))).not.toMatch(/shoes|corner/);
    expect(await seen(w.peerB, w.groupB)).toEqual([]);
    expect(await seen(w.me, w.groupB)).toEqual([]);
    // Sharing again is the same state, not a second row.
    await ok(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {}));
    expect(await seen(w.peerA, w.groupA)).toHaveLength(1);

    // Reaching the goal shows as reached.
    await ok(await w.me.client.patch(`/api/me/recovery/goals/${w.goalId}`, { done: true }));
    expect((await seen(w.peerA, w.groupA))[0]).toMatchObject({ reached: true });

    // Unsharing takes it out of the group.
    expect((await ok<{ shares: unknown[] }>(await w.me.client.delete(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`))).shares).toEqual([]);
    expect(await seen(w.peerA, w.groupA)).toEqual([]);
    expect((await w.me.client.delete(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`)).statusCode).toBe(404);

    // Deleting the goal removes its shares (cascade).
    await ok(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupB}`, {}));
    expect(await seen(w.peerB, w.groupB)).toHaveLength(1);
    await ok(await w.me.client.delete(`/api/me/recovery/goals/${w.goalId}`));
    expect(await seen(w.peerB, w.groupB)).toEqual([]);
    expect(await t.app.kindred.database.db.selectFrom('goal_shares').selectAll().execute()).toEqual([]);
  });

  it('refuses a group I am not in exactly like one that does not exist, writes nothing, and keeps outsiders out of the list', async () => {
    const w = await world(t.app);
    const stranger = await buildUser(t.app);
    const notIn = await w.peerA.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {});
    expect(notIn.statusCode).toBe(404); // not peerA's goal
    const peerGoal = await ok<{ goal: { id: string } }>(await w.peerA.client.post('/api/me/recovery/goals', { title: 'Sleep before midnight' }), 201);
    const notMine = await w.peerA.client.put(`/api/me/recovery/goals/${peerGoal.goal.id}/shares/${w.groupB}`, {});
    const missing = await w.peerA.client.put(`/api/me/recovery/goals/${peerGoal.goal.id}/shares/${MISSING}`, {});
    expect(notMine.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(notMine.json().error.message).toBe(missing.json().error.message);
    expect(await t.app.kindred.database.db.selectFrom('goal_shares').selectAll().execute()).toEqual([]);
    expect(await t.app.kindred.database.db.selectFrom('outbox').selectAll().where('type', '=', 'group.goal_progress').execute()).toEqual([]);

    const outsider = await stranger.client.get(`/api/groups/${w.groupA}/shared-goals`);
    const none = await stranger.client.get(`/api/groups/${MISSING}/shared-goals`);
    expect(outsider.statusCode).toBe(404);
    expect(none.statusCode).toBe(404);
    expect(outsider.json().error.message).toBe(none.json().error.message);

    // Bad ids are 400 with a field to act on.
    const bad = await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/not-a-group`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('groupId must be a valid id');
    expect((await w.me.client.put(`/api/me/recovery/goals/nope/shares/${w.groupA}`, {})).statusCode).toBe(400);
    expect((await w.me.client.delete(`/api/me/recovery/goals/${w.goalId}/shares/nope`)).statusCode).toBe(400);
    expect((await w.me.client.get('/api/groups/nope/shared-goals')).statusCode).toBe(400);
  });

  it('keeps a goal whose words the screen would hold from others (method details) out of the group', async () => {
    const w = await world(t.app);
    // Private text is never held from its writer, so the goal is stored and shown to them.
    const goal = await ok<{ goal: { id: string } }>(await w.me.client.post('/api/me/recovery/goals', { title: 'I have saved up 40 pills and I am going to take them all tonight.' }), 201);
    const res = await w.me.client.put(`/api/me/recovery/goals/${goal.goal.id}/shares/${w.groupA}`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ message: expect.stringMatching(/can’t be shared with a group/) });
    expect(await t.app.kindred.database.db.selectFrom('goal_shares').selectAll().execute()).toEqual([]);
    expect(await seen(w.peerA, w.groupA)).toEqual([]);
  });

  it('lets only a member who accepted the current agreement share', async () => {
    const w = await world(t.app);
    await ok(await w.admin.client.patch(`/api/groups/${w.groupA}`, { agreement: `${AGREEMENT} We start and end on time.` }));
    const refused = await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('agreement_required');
    expect(await t.app.kindred.database.db.selectFrom('goal_shares').selectAll().execute()).toEqual([]);
    expect((await ok<{ groups: { id: string }[] }>(await w.me.client.get('/api/me/recovery/goal-shares'))).groups.map((g) => g.id)).toEqual([w.groupB]);
    // Once accepted again, sharing works.
    await ok(await w.me.client.post(`/api/groups/${w.groupA}/agreement/accept`, { version: 2 }));
    await ok(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {}));
    expect(await seen(w.facilitator, w.groupA)).toHaveLength(1);
  });

  it('hides the shares of someone who left, puts shares in the export and erases them with the account', async () => {
    const w = await world(t.app);
    await ok(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupA}`, {}));
    await ok(await w.me.client.put(`/api/me/recovery/goals/${w.goalId}/shares/${w.groupB}`, {}));
    const exported = await ok<{ recovery: { goalShares: { goalId: string; groupId: string }[] } }>(await w.me.client.get('/api/me/export'));
    expect(exported.recovery.goalShares.map((s) => s.groupId).sort()).toEqual([w.groupA, w.groupB].sort());
    await ok(await w.me.client.delete(`/api/groups/${w.groupA}/membership`));
    expect(await seen(w.peerA, w.groupA)).toEqual([]);
    expect(await seen(w.peerB, w.groupB)).toHaveLength(1);
    await ok(await w.me.client.post('/api/me/erase', { password: w.me.password, publicPosts: 'delete', confirm: 'DELETE' }));
    expect(await t.app.kindred.database.db.selectFrom('goal_shares').selectAll().where('user_id', '=', w.me.id).execute()).toEqual([]);
  });
});
