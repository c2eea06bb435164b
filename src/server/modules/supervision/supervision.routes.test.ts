import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { assignSupervisor, matchedPair } from '../../../../test/supervision-factories.js';
import type { KindredApp } from '../../app.js';

const DAY_MINUTES = 24 * 60;
const SEEKER_POST = 'I have been feeling so anxious before my exams, I cannot sleep and I feel alone with it.';
const WARM_REPLY = 'That sounds really hard, and it makes sense you feel overwhelmed. It sounds like the nights are the worst part. What has helped you even a little?';

interface Team {
  supporter: BuiltUser;
  supervisor: BuiltUser;
}

/** A peer supporter with their assigned supervisor. */
async function team(app: KindredApp): Promise<Team> {
  const supporter = await buildUser(app, { roles: ['peer_supporter'] });
  const supervisor = await buildUser(app, { roles: ['supervisor'] });
  await assignSupervisor(app, supporter, supervisor);
  return { supporter, supervisor };
}

/** Once every committed event has been handled: some notifications come from outbox consumers. */
async function notificationsOf(u: BuiltUser): Promise<string[]> {
  await u.client.app.kindred.dispatcher.idle();
  const res = await u.client.get('/api/notifications?limit=50');
  return (res.json().notifications as { kind: string; message: string | null }[]).filter((n) => n.kind === 'supervision').map((n) => n.message ?? '');
}

async function auditOf(u: BuiltUser) {
  return (await u.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string | null; reason: string; objectType: string }[];
}

async function openSpace(app: KindredApp): Promise<string> {
  const row = await app.kindred.database.db.selectFrom('spaces').select('id').where('visibility', '=', 'members').orderBy('sort_order').executeTakeFirstOrThrow();
  return row.id;
}

async function listening(app: KindredApp): Promise<void> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
}

describe.each(testDatabases)('supervision on $name', (database) => {
  const t = useTestApp(database);

  describe('assignments', () => {
    it('only an admin assigns, reassigns and unassigns; the admin view shows each supervisor’s load and the unassigned supporters', async () => {
      const admin = await ensureAdmin(t.app);
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      const facilitator = await buildUser(t.app, { roles: ['facilitator'] });
      const first = await buildUser(t.app, { roles: ['supervisor'] });
      const second = await buildUser(t.app, { roles: ['supervisor'] });
      const member = await buildUser(t.app);
      const url = `/api/supervision/assignments/${supporter.id}`;

      expect((await new TestClient(t.app).get('/api/supervision/assignments')).statusCode).toBe(401);
      for (const u of [member, supporter, first]) {
        expect((await u.client.get('/api/supervision/assignments')).statusCode).toBe(403);
        expect((await u.client.put(url, { supervisorId: first.id })).statusCode).toBe(403);
        expect((await u.client.delete(url)).statusCode).toBe(403);
      }
      // Input a person can act on.
      expect((await admin.client.put(url, { supervisorId: 'nope' })).statusCode).toBe(400);
      expect((await admin.client.put(url, {})).json().error.message).toMatch(/supervisorId/);
      expect((await admin.client.put(`/api/supervision/assignments/${randomUUID()}`, { supervisorId: first.id })).statusCode).toBe(404);
      const notSupervisor = await admin.client.put(url, { supervisorId: member.id });
      expect(notSupervisor.statusCode).toBe(409);
      expect(notSupervisor.json().error.message).toMatch(/does not have the supervisor role/);
      expect((await admin.client.put(`/api/supervision/assignments/${member.id}`, { supervisorId: first.id })).json().error.message).toMatch(/not a peer supporter or facilitator/);

      let view = (await admin.client.get('/api/supervision/assignments')).json();
      expect(view.supporters.find((s: { id: string }) => s.id === supporter.id)).toMatchObject({ supervisor: null });
      expect(view.supporters.find((s: { id: string }) => s.id === facilitator.id)).toMatchObject({ roles: expect.arrayContaining(['facilitator']), supervisor: null });
      const unassignedBefore = view.unassigned as number;

      const assigned = await admin.client.put(url, { supervisorId: first.id });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json()).toMatchObject({ supporter: { id: supporter.id }, supervisor: { id: first.id, handle: first.handle } });
      await assignSupervisor(t.app, facilitator, first);
      view = (await admin.client.get('/api/supervision/assignments')).json();
      expect(view.supervisors.find((s: { id: string }) => s.id === first.id)).toMatchObject({ supporters: 2 });
      expect(view.supervisors.find((s: { id: string }) => s.id === second.id)).toMatchObject({ supporters: 0 });
      expect(view.unassigned).toBe(unassignedBefore - 2);
      // Unassigned supporters are listed first.
      const order = (view.supporters as { supervisor: unknown }[]).map((s) => s.supervisor === null);
      expect(order).toEqual([...order].sort((a, b) => Number(b) - Number(a)));

      // Reassign: everyone concerned hears; the supporter's "Who saw my data" says who now sees their check-ins.
      expect((await admin.client.put(url, { supervisorId: second.id })).statusCode).toBe(200);
      expect(await notificationsOf(supporter)).toEqual(expect.arrayContaining([`${second.handle} is now your supervisor. You can ask them for supervision at any time.`]));
      expect(await notificationsOf(first)).toEqual(expect.arrayContaining([`You no longer supervise ${supporter.handle}.`]));
      expect(await notificationsOf(second)).toEqual(expect.arrayContaining([`You now supervise ${supporter.handle}.`]));
      const audit = await auditOf(supporter);
      expect(audit.filter((a) => a.action === 'supervision.supervisor_assigned').map((a) => a.reason)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${second.handle} became your supervisor`))]));

      expect((await admin.client.delete(url)).statusCode).toBe(200);
      expect((await admin.client.delete(url)).statusCode).toBe(404);
      expect((await supporter.client.get('/api/me/supervision')).json()).toMatchObject({ supervisor: null, checkinDueAt: null });
    });
  });

  describe('a supervisor sees only their own supporters', () => {
    it('every supporter route answers the assigned supervisor, 404 to another supervisor, 403 to anyone else', async () => {
      const { supporter, supervisor } = await team(t.app);
      const other = await buildUser(t.app, { roles: ['supervisor'] });
      const admin = await ensureAdmin(t.app);
      const member = await buildUser(t.app);
      const colleague = await buildUser(t.app, { roles: ['peer_supporter'] });
      const checkin = (await supporter.client.post('/api/me/supervision/checkins', { energy: 1, manageable: 2, supported: 2 })).json().checkin as { id: string };
      const note = (await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: 'Check in about boundaries next week.' })).json().note as { id: string };
      const base = `/api/supervision/supporters/${supporter.id}`;
      const routes: [string, (u: BuiltUser) => ReturnType<TestClient['get']>][] = [
        ['detail', (u) => u.client.get(base)],
        ['notes', (u) => u.client.get(`${base}/notes`)],
        ['add note', (u) => u.client.post(`${base}/notes`, { body: 'A note.' })],
        ['review', (u) => u.client.get(`${base}/review`)],
        ['coaching', (u) => u.client.get(`${base}/coaching-notes`)],
        ['empathy', (u) => u.client.get(`${base}/empathy`)],
        ['follow-up', (u) => u.client.post(`/api/supervision/checkins/${checkin.id}/follow-up`)],
        ['delete note', (u) => u.client.delete(`/api/supervision/notes/${note.id}`)],
      ];
      for (const [name, call] of routes) {
        expect([name, (await call(other)).statusCode]).toEqual([name, 404]);
        for (const u of [admin, member, colleague, supporter]) expect([name, u.handle, (await call(u)).statusCode]).toEqual([name, u.handle, 403]);
        expect([name, (await call(supervisor)).statusCode]).toEqual([name, name === 'add note' ? 201 : 200]);
      }
      expect((await new TestClient(t.app).get(base)).statusCode).toBe(401);
      // The dashboards: mine lists my supporter, another supervisor's does not; nobody else has one.
      const mine = (await supervisor.client.get('/api/supervision/dashboard')).json();
      expect(mine.supporters.map((s: { supporter: { id: string } }) => s.supporter.id)).toEqual([supporter.id]);
      expect((await other.client.get('/api/supervision/dashboard')).json().supporters.map((s: { supporter: { id: string } }) => s.supporter.id)).not.toContain(supporter.id);
      for (const u of [admin, member, supporter]) expect((await u.client.get('/api/supervision/dashboard')).statusCode).toBe(403);
      // The feedback mentoring keeps about them, too.
      expect((await other.client.get(`/api/mentoring/supporters/${supporter.id}/feedback`)).statusCode).toBe(403);
      expect((await supervisor.client.get(`/api/mentoring/supporters/${supporter.id}/feedback`)).statusCode).toBe(200);
    });

    it('the dashboard shows load, last activity, feedback and check-ins, with alerts and reports about mentees and overdue items first, each with its time limit', async () => {
      const { supporter, supervisor } = await team(t.app);
      const calm = await team(t.app);
      // The second supporter shares the supervisor, and has nothing urgent.
      await assignSupervisor(t.app, calm.supporter, supervisor);
      const { member, mentorshipId } = await matchedPair(t.app, { supporter });
      // The mentee writes something that raises a level-3 alert (30 minutes); the supporter reports the conversation.
      const crisis = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'I have been thinking about killing myself every day.', clientId: randomUUID() });
      expect(crisis.statusCode).toBe(201);
      expect((await supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'Worried about how this went.' })).statusCode).toBe(201);
      await t.app.kindred.dispatcher.idle();

      let dash = (await supervisor.client.get('/api/supervision/dashboard')).json();
      let line = dash.supporters.find((s: { supporter: { id: string } }) => s.supporter.id === supporter.id);
      expect(line.load).toMatchObject({ activeMentees: 1, capacity: 3, groupsFacilitated: 0, level: 'ok' });
      expect(line.lastActiveAt).not.toBeNull();
      expect(line.feedback).toEqual({ count: 0, averageRating: null });
      const alert = line.items.find((i: { kind: string }) => i.kind === 'safety_alert');
      expect(alert).toMatchObject({ level: 3, status: 'open', relation: 'mentee', timeLimitMinutes: 30, overdue: false, supporter: { id: supporter.id } });
      // No names or words on the dashboard: opening the alert (audited) is where the member is named.
      expect(JSON.stringify(dash)).not.toContain(member.handle);
      expect(JSON.stringify(dash)).not.toContain('killing');
      expect(line.items.find((i: { kind: string }) => i.kind === 'report')).toMatchObject({ relation: 'mentee', reason: 'other', timeLimitMinutes: 7 * DAY_MINUTES });

      // Past the alert's time limit it is overdue, and this supporter comes first.
      t.clock.advanceMinutes(31);
      dash = (await supervisor.client.get('/api/supervision/dashboard')).json();
      expect(dash.supporters[0].supporter.id).toBe(supporter.id);
      expect(dash.items[0]).toMatchObject({ kind: 'safety_alert', overdue: true });
      const overdue = dash.items.map((i: { overdue: boolean }) => i.overdue);
      expect(overdue).toEqual([...overdue].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      line = dash.supporters.find((s: { supporter: { id: string } }) => s.supporter.id === calm.supporter.id);
      expect(line.items).toEqual([]);
    });
  });

  describe('wellbeing check-ins', () => {
    it('a low score tells the supervisor and shows on the dashboard until followed up; the note is screened and sealed; a week without one reminds and is overdue', async () => {
      const { supporter, supervisor } = await team(t.app);
      const member = await buildUser(t.app);
      expect((await member.client.post('/api/me/supervision/checkins', { energy: 3, manageable: 3, supported: 3 })).statusCode).toBe(403);
      const bad = await supporter.client.post('/api/me/supervision/checkins', { energy: 6, manageable: 3 });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().error)).toMatch(/energy/);

      const fine = await supporter.client.post('/api/me/supervision/checkins', { energy: 4, manageable: 4, supported: 5 });
      expect(fine.statusCode).toBe(201);
      expect(fine.json()).toMatchObject({ checkin: { low: false }, supervisorTold: false, safety: null });
      expect(await notificationsOf(supervisor)).not.toEqual(expect.arrayContaining([expect.stringMatching(/check-in was low/)]));

      const low = await supporter.client.post('/api/me/supervision/checkins', { energy: 2, manageable: 1, supported: 4, note: 'Two of my mentees had a hard week and I am exhausted.' });
      expect(low.statusCode).toBe(201);
      expect(low.json()).toMatchObject({ checkin: { low: true, note: 'Two of my mentees had a hard week and I am exhausted.' }, supervisorTold: true });
      expect(await notificationsOf(supervisor)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${supporter.handle}’s weekly check-in was low`))]));
      const row = await t.app.kindred.database.db.selectFrom('wellbeing_checkins').selectAll().where('id', '=', low.json().checkin.id).executeTakeFirstOrThrow();
      expect(row.note_enc).not.toContain('exhausted');
      expect(await t.app.kindred.database.db.selectFrom('screenings').select('id').where('object_id', '=', row.id).where('object_type', '=', 'wellbeing_checkin').execute()).toHaveLength(1);

      let item = (await supervisor.client.get('/api/supervision/dashboard')).json().items.find((i: { kind: string; id: string }) => i.kind === 'low_checkin' && i.id === row.id);
      expect(item).toMatchObject({ timeLimitMinutes: 72 * 60, overdue: false });
      const detail = (await supervisor.client.get(`/api/supervision/supporters/${supporter.id}`)).json();
      expect(detail.checkins[0]).toMatchObject({ id: row.id, low: true, note: 'Two of my mentees had a hard week and I am exhausted.' });
      expect(detail.lastCheckin).toMatchObject({ energy: 2 });
      expect(detail.lastCheckin.note).toBeUndefined();

      expect((await supervisor.client.post(`/api/supervision/checkins/${row.id}/follow-up`)).statusCode).toBe(200);
      expect((await supervisor.client.post(`/api/supervision/checkins/${row.id}/follow-up`)).statusCode).toBe(409);
      expect((await supervisor.client.post(`/api/supervision/checkins/${fine.json().checkin.id}/follow-up`)).statusCode).toBe(409);
      item = (await supervisor.client.get('/api/supervision/dashboard')).json().items.find((i: { id: string }) => i.id === row.id);
      expect(item).toBeUndefined();

      // A crisis in the note: the writer gets the crisis response, supervisors an alert.
      const crisis = await supporter.client.post('/api/me/supervision/checkins', { energy: 1, manageable: 1, supported: 1, note: 'Honestly I have been thinking about killing myself.' });
      expect(crisis.json().safety).toMatchObject({ showCrisisResponse: true, held: false });
      expect(await t.app.kindred.database.db.selectFrom('screenings').innerJoin('safety_alerts', 'safety_alerts.screening_id', 'screenings.id').select('safety_alerts.id').where('screenings.object_id', '=', crisis.json().checkin.id).execute()).toHaveLength(1);

      // A week later with no check-in: one reminder (not two), and an overdue item.
      const mine = (await supporter.client.get('/api/me/supervision')).json();
      expect(mine).toMatchObject({ supervisor: { id: supervisor.id }, checkinDue: false });
      t.clock.advanceMinutes(7 * DAY_MINUTES + 1);
      expect((await supporter.client.get('/api/me/supervision')).json()).toMatchObject({ checkinDue: true });
      expect(await t.app.kindred.supervision.sweepCheckinReminders()).toBeGreaterThanOrEqual(1);
      const reminders = (await notificationsOf(supporter)).filter((m) => m.startsWith('A week has passed'));
      expect(reminders).toHaveLength(1);
      await t.app.kindred.supervision.sweepCheckinReminders();
      expect((await notificationsOf(supporter)).filter((m) => m.startsWith('A week has passed'))).toHaveLength(1);
      item = (await supervisor.client.get('/api/supervision/dashboard')).json().items.find((i: { kind: string; supporter: { id: string } }) => i.kind === 'checkin_missing' && i.supporter.id === supporter.id);
      expect(item).toMatchObject({ overdue: true, timeLimitMinutes: 7 * DAY_MINUTES });
      expect((await supporter.client.get('/api/me/supervision/checkins')).json().checkins).toHaveLength(3);
    });
  });

  describe('supervision notes', () => {
    it('are for the assigned supervisor only: never the supporter, another supervisor or an admin; sealed; the supporter’s export lists their dates, not their words', async () => {
      const { supporter, supervisor } = await team(t.app);
      const admin = await ensureAdmin(t.app);
      const other = await buildUser(t.app, { roles: ['supervisor'] });
      const words = 'Seems stretched thin; suggest fewer late-night replies.';
      const written = await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: words });
      expect(written.statusCode).toBe(201);
      expect(written.json().note).toMatchObject({ body: words, mine: true, author: { id: supervisor.id } });
      expect((await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: '   ' })).statusCode).toBe(400);
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).json().notes.map((n: { body: string }) => n.body)).toEqual([words]);
      expect((await supporter.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).statusCode).toBe(403);
      expect((await admin.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).statusCode).toBe(403);
      expect((await other.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).statusCode).toBe(404);
      const stored = await t.app.kindred.database.db.selectFrom('supervision_notes').selectAll().where('supporter_id', '=', supporter.id).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.body_enc).not.toContain('stretched');

      const exported = (await supporter.client.get('/api/me/export')).body;
      expect(exported).not.toContain('stretched');
      expect(JSON.parse(exported).supervision.supervisionNotesAboutMe).toMatchObject({ count: 1, dates: [stored[0]!.created_at] });

      // A new supervisor takes over the supporter's file; the former one no longer reads it.
      await assignSupervisor(t.app, supporter, other);
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).statusCode).toBe(404);
      const handedOver = (await other.client.get(`/api/supervision/supporters/${supporter.id}/notes`)).json().notes;
      expect(handedOver).toEqual([expect.objectContaining({ body: words, mine: false })]);
      expect((await other.client.delete(`/api/supervision/notes/${handedOver[0].id}`)).statusCode).toBe(403);
    });
  });

  describe('the supervision request channel', () => {
    it('a supporter asks at any time; only they and their supervisor read and write it, the realtime room included; messages are sealed and screened; notifications per turn', async () => {
      await listening(t.app);
      const { supporter, supervisor } = await team(t.app);
      const other = await buildUser(t.app, { roles: ['supervisor'] });
      const admin = await ensureAdmin(t.app);
      const alone = await buildUser(t.app, { roles: ['peer_supporter'] });
      const member = await buildUser(t.app);

      expect((await member.client.post('/api/me/supervision/requests', { body: 'hello' })).statusCode).toBe(403);
      const noSupervisor = await alone.client.post('/api/me/supervision/requests', { body: 'Can we talk?' });
      expect(noSupervisor.statusCode).toBe(409);
      expect(noSupervisor.json().error.message).toMatch(/You do not have a supervisor yet/);

      const asked = await supporter.client.post('/api/me/supervision/requests', { body: 'A mentee said something that is staying with me. Can we talk?' });
      expect(asked.statusCode).toBe(201);
      const requestId = asked.json().request.id as string;
      expect(asked.json()).toMatchObject({ request: { status: 'open', role: 'supporter', supervisor: { id: supervisor.id }, awaitingReplySince: expect.any(String) }, message: { mine: true } });
      expect((await supporter.client.get('/api/me/supervision')).json().openRequestId).toBe(requestId);
      expect(await notificationsOf(supervisor)).toEqual(expect.arrayContaining([`${supporter.handle} asked you for supervision.`]));
      // Asking again continues the open request.
      expect((await supporter.client.post('/api/me/supervision/requests', { body: 'It was about their safety.' })).json().request.id).toBe(requestId);
      expect((await notificationsOf(supervisor)).filter((m) => /asked you for supervision|wrote to you/.test(m))).toHaveLength(1);
      const dashItem = (await supervisor.client.get('/api/supervision/dashboard')).json().items.find((i: { id: string }) => i.id === requestId);
      expect(dashItem).toMatchObject({ kind: 'supervision_request', timeLimitMinutes: 24 * 60 });

      // The room: the two of them, nobody else.
      const sockets = await Promise.all([supporter, supervisor, other, admin, member].map((u) => TestSocket.open(t.app, u.client)));
      try {
        const [ss, sv, so, sa, sm] = sockets;
        for (const s of [so!, sa!, sm!]) expect(await s.subscribe(`supervision:${requestId}`)).toMatchObject({ type: 'denied' });
        expect(await sv!.subscribe(`supervision:${requestId}`)).toMatchObject({ type: 'subscribed' });
        expect(await ss!.subscribe(`supervision:${requestId}`)).toMatchObject({ type: 'subscribed' });
        const from = ss!.messages.length;
        const reply = await supervisor.client.post(`/api/supervision/requests/${requestId}/messages`, { body: 'Of course. I am free at four today, does that work?' });
        expect(reply.statusCode).toBe(201);
        const event = await ss!.next((m) => m.type === 'event' && m.event.type === 'supervision.message_created', 5000, from);
        expect(JSON.stringify(event)).not.toContain('four today');
        expect(event).toMatchObject({ event: { data: { requestId, messageId: reply.json().message.id, senderId: supervisor.id } } });
      } finally {
        for (const s of sockets) s.close();
      }
      expect(await notificationsOf(supporter)).toEqual(expect.arrayContaining([`${supervisor.handle} replied to your supervision request.`]));
      expect((await supervisor.client.get('/api/supervision/dashboard')).json().items.find((i: { id: string }) => i.id === requestId)).toBeUndefined();

      // Reading and writing: the two of them; everyone else 404.
      for (const u of [other, admin, member]) {
        expect((await u.client.get(`/api/supervision/requests/${requestId}`)).statusCode).toBe(404);
        expect((await u.client.post(`/api/supervision/requests/${requestId}/messages`, { body: 'hi' })).statusCode).toBe(404);
        expect((await u.client.post(`/api/supervision/requests/${requestId}/close`)).statusCode).toBe(404);
      }
      const thread = (await supervisor.client.get(`/api/supervision/requests/${requestId}`)).json();
      expect(thread.messages.map((m: { body: string; mine: boolean }) => [m.mine, m.body])).toEqual([
        [false, 'A mentee said something that is staying with me. Can we talk?'],
        [false, 'It was about their safety.'],
        [true, 'Of course. I am free at four today, does that work?'],
      ]);
      const rows = await t.app.kindred.database.db.selectFrom('supervision_messages').select('body_enc').where('request_id', '=', requestId).execute();
      expect(rows.map((r) => r.body_enc).join(' ')).not.toMatch(/mentee|four today/);
      expect(await t.app.kindred.database.db.selectFrom('screenings').select('id').where('object_type', '=', 'supervision_message').where('user_id', '=', supporter.id).execute()).toHaveLength(2);
      expect((await supervisor.client.get('/api/supervision/requests')).json().requests.map((r: { id: string }) => r.id)).toContain(requestId);

      // Closed: read-only for both; a new ask opens a new request.
      expect((await supporter.client.post(`/api/supervision/requests/${requestId}/close`)).json()).toMatchObject({ status: 'closed' });
      expect((await supervisor.client.post(`/api/supervision/requests/${requestId}/messages`, { body: 'One more thing' })).statusCode).toBe(409);
      const again = await supporter.client.post('/api/me/supervision/requests', { body: 'Another question.' });
      expect(again.json().request.id).not.toBe(requestId);

      // A new supervisor: the open request (written to the former one) closes. Access follows the
      // assignment: the supporter's history goes with them to the new supervisor, and the former
      // supervisor no longer reads, writes, lists or subscribes to any of it.
      const againId = again.json().request.id as string;
      await assignSupervisor(t.app, supporter, other);
      expect((await supporter.client.get(`/api/supervision/requests/${againId}`)).json().request.status).toBe('closed');
      for (const id of [requestId, againId]) {
        const history = await other.client.get(`/api/supervision/requests/${id}`);
        expect(history.statusCode).toBe(200);
        expect(history.json().request).toMatchObject({ role: 'supervisor', supervisor: { id: supervisor.id }, status: 'closed' });
        const former = await supervisor.client.get(`/api/supervision/requests/${id}`);
        expect(former.statusCode).toBe(404);
        expect(former.body).not.toMatch(/four today|mentee/);
        expect((await supervisor.client.post(`/api/supervision/requests/${id}/close`)).statusCode).toBe(404);
        expect((await supervisor.client.post(`/api/supervision/requests/${id}/messages`, { body: 'Still here?' })).statusCode).toBe(404);
      }
      expect((await other.client.get(`/api/supervision/requests/${requestId}`)).json().messages).toHaveLength(3);
      expect((await supervisor.client.get('/api/supervision/requests')).json().requests.map((r: { id: string }) => r.id)).not.toContain(requestId);
      expect((await other.client.get('/api/supervision/requests')).json().requests.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([requestId, againId]));
      const [formerSocket, newSocket] = await Promise.all([supervisor, other].map((u) => TestSocket.open(t.app, u.client)));
      try {
        expect(await formerSocket!.subscribe(`supervision:${requestId}`)).toMatchObject({ type: 'denied' });
        expect(await newSocket!.subscribe(`supervision:${requestId}`)).toMatchObject({ type: 'subscribed' });
      } finally {
        formerSocket!.close();
        newSocket!.close();
      }
      // Nobody supervises them: the history stays with the supporter alone.
      expect((await admin.client.delete(`/api/supervision/assignments/${supporter.id}`)).statusCode).toBe(200);
      expect((await other.client.get(`/api/supervision/requests/${requestId}`)).statusCode).toBe(404);
      expect((await supporter.client.get(`/api/supervision/requests/${requestId}`)).statusCode).toBe(200);
    });
  });

  describe('quality review, coaching and the empathy trend', () => {
    it('shows community replies, and 1:1 replies only with the member’s consent (audited); coaching notes reach the supporter; ratings are numbers computed after commit', async () => {
      const { supporter, supervisor } = await team(t.app);
      const other = await buildUser(t.app, { roles: ['supervisor'] });
      const seeker = await buildUser(t.app);
      const space = await openSpace(t.app);
      const thread = await seeker.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Exams and no sleep', body: SEEKER_POST });
      expect(thread.statusCode).toBe(201);
      const reply = await supporter.client.post(`/api/threads/${thread.json().thread.id}/posts`, { body: WARM_REPLY });
      expect(reply.statusCode).toBe(201);
      const anonymous = await supporter.client.post(`/api/threads/${thread.json().thread.id}/posts`, { body: 'Sending strength, you are not alone in this.', anonymous: true });
      const postId = reply.json().post.id as string;

      const { member, mentorshipId } = await matchedPair(t.app, { supporter });
      const send = (u: BuiltUser, body: string) => u.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body, clientId: randomUUID() });
      expect((await send(member, 'I keep waking at 3am and my mind races about failing.')).statusCode).toBe(201);
      const answer = await send(supporter, 'Waking at 3am with your mind racing sounds exhausting. What goes through your mind then?');
      expect(answer.statusCode).toBe(201);
      const messageId = answer.json().message.id as string;
      await t.app.kindred.dispatcher.idle();

      // Ratings: numbers only, for the supporter's own replies under their name (not the anonymous one).
      const ratings = await t.app.kindred.database.db.selectFrom('empathy_ratings').selectAll().where('user_id', '=', supporter.id).execute();
      expect(ratings.map((r) => [r.source, r.source_id]).sort()).toEqual([['message', messageId], ['post', postId]].sort());
      expect(ratings.find((r) => r.source_id === anonymous.json().post.id)).toBeUndefined();
      expect(JSON.stringify(ratings)).not.toMatch(/3am|overwhelmed/);
      const mineTrend = (await supporter.client.get('/api/me/supervision/empathy?weeks=4')).json();
      expect(mineTrend.weeks).toHaveLength(4);
      expect(mineTrend.replies).toBe(2);
      expect(mineTrend.weeks[3]).toMatchObject({ replies: 2, emotionalReactions: expect.any(Number), interpretations: expect.any(Number), explorations: expect.any(Number) });
      expect(mineTrend.weeks[0]).toMatchObject({ replies: 0, emotionalReactions: null });
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/empathy?weeks=4`)).json().weeks).toEqual(mineTrend.weeks);
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/empathy?weeks=99`)).statusCode).toBe(400);
      expect((await member.client.get('/api/me/supervision/empathy')).statusCode).toBe(403);

      // Without consent: community replies only, and no 1:1 words; nothing in the member's audit.
      let review = (await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/review`)).json();
      expect(review.communityReplies.map((r: { id: string }) => r.id)).toEqual([postId]);
      expect(review.communityReplies[0]).toMatchObject({ text: WARM_REPLY, context: SEEKER_POST, empathy: expect.any(Object) });
      expect(review).toMatchObject({ conversationReplies: [], consentedConversations: 0 });
      expect((await auditOf(member)).filter((a) => a.action === 'supervision.replies_reviewed')).toEqual([]);
      const refused = await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'message', itemId: messageId, body: 'Lovely open question.' });
      expect(refused.statusCode).toBe(404);

      // With consent: the supporter's replies and what they answered, audited for the member and the supporter.
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 7 })).statusCode).toBe(200);
      expect((await other.client.get(`/api/supervision/supporters/${supporter.id}/review`)).statusCode).toBe(404);
      review = (await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/review`)).json();
      expect(review.consentedConversations).toBe(1);
      expect(review.conversationReplies).toEqual([
        expect.objectContaining({ id: messageId, text: expect.stringMatching(/^Waking at 3am/), context: 'I keep waking at 3am and my mind races about failing.', mentorshipId, empathy: expect.any(Object) }),
      ]);
      const memberAudit = (await auditOf(member)).filter((a) => a.action === 'supervision.replies_reviewed');
      expect(memberAudit).toEqual([expect.objectContaining({ actorHandle: supervisor.handle, objectType: 'mentorship', reason: expect.stringMatching(/You gave consent/) })]);
      expect((await auditOf(supporter)).filter((a) => a.action === 'supervision.replies_reviewed')).toHaveLength(1);

      // Coaching notes on reviewed replies, for the supporter to read.
      const onMessage = await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'message', itemId: messageId, body: 'Lovely open question: you reflected first, then asked.' });
      expect(onMessage.statusCode).toBe(201);
      const onPost = await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'post', itemId: postId, body: 'Warm and validating.' });
      expect(onPost.statusCode).toBe(201);
      expect((await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'post', itemId: anonymous.json().post.id, body: 'x' })).statusCode).toBe(404);
      expect((await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'post', itemId: thread.json().post.id, body: 'x' })).statusCode).toBe(404);
      const notes = (await supporter.client.get('/api/me/supervision/coaching-notes')).json().notes;
      expect(notes.map((n: { body: string; excerpt: string }) => [n.body, n.excerpt])).toEqual([
        ['Warm and validating.', expect.stringMatching(/^That sounds really hard/)],
        ['Lovely open question: you reflected first, then asked.', expect.stringMatching(/^Waking at 3am/)],
      ]);
      expect(await notificationsOf(supporter)).toEqual(expect.arrayContaining([`${supervisor.handle} left you a coaching note on one of your replies.`]));
      const stored = await t.app.kindred.database.db.selectFrom('coaching_notes').select('body_enc').where('supporter_id', '=', supporter.id).execute();
      expect(stored.map((s) => s.body_enc).join()).not.toContain('Warm');
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/review`)).json().communityReplies[0].coachingNotes).toBe(1);

      // Consent withdrawn: the 1:1 replies leave the review.
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: false });
      expect((await supervisor.client.get(`/api/supervision/supporters/${supporter.id}/review`)).json().conversationReplies).toEqual([]);
    });
  });

  describe('certificates (events from the training module, by name)', () => {
    it('a certificate signed off by a supervisor makes them the supporter’s supervisor when there is none; a lapsed one tells the supervisor kindly', async () => {
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      const signer = await buildUser(t.app, { roles: ['supervisor'] });
      const later = await buildUser(t.app, { roles: ['supervisor'] });
      const emit = async (type: string, data: unknown) => {
        await t.app.kindred.uow.run((tx) => tx.emitInternal(type, data));
        await t.app.kindred.dispatcher.idle();
      };
      await emit('certificate.issued', { userId: supporter.id, kind: 'peer_supporter', signedOffBy: signer.id });
      expect((await supporter.client.get('/api/me/supervision')).json().supervisor).toEqual({ id: signer.id, handle: signer.handle });
      expect((await auditOf(supporter)).find((a) => a.action === 'supervision.supervisor_assigned')!.reason).toMatch(/when they signed off your training/);
      // A second certificate (signed by someone else) does not replace the supervisor.
      await emit('certificate.issued', { userId: supporter.id, kind: 'facilitator', signedOffBy: later.id });
      expect((await supporter.client.get('/api/me/supervision')).json().supervisor.id).toBe(signer.id);

      await emit('certificate.lapsed', { userId: supporter.id, kind: 'peer_supporter', reason: 'expired' });
      expect(await notificationsOf(signer)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${supporter.handle}’s peer supporter certificate has expired. .*A kind check-in may help.$`))]));
    });
  });

  describe('personal data', () => {
    it('the supporter’s export holds their check-ins, messages and coaching; erasure leaves no supervision row naming them', async () => {
      const { supporter, supervisor } = await team(t.app);
      await supporter.client.post('/api/me/supervision/checkins', { energy: 4, manageable: 4, supported: 4, note: 'A steady week.' });
      const asked = (await supporter.client.post('/api/me/supervision/requests', { body: 'Could we review my boundaries?' })).json();
      await supervisor.client.post(`/api/supervision/requests/${asked.request.id}/messages`, { body: 'Yes, let us talk on Friday.' });
      await supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: 'Doing well.' });
      const exported = (await supporter.client.get('/api/me/export')).json().supervision;
      expect(exported.supervisor).toMatchObject({ handle: supervisor.handle });
      expect(exported.wellbeingCheckins).toEqual([expect.objectContaining({ note: 'A steady week.' })]);
      expect(exported.supervisionMessagesSent.map((m: { body: string }) => m.body)).toEqual(['Could we review my boundaries?']);

      const erased = await supporter.client.post('/api/me/erase', { password: supporter.password, publicPosts: 'delete', confirm: 'DELETE' });
      expect(erased.statusCode).toBe(200);
      const db = t.app.kindred.database.db;
      expect(await db.selectFrom('supervisor_assignments').select('supporter_id').where('supporter_id', '=', supporter.id).execute()).toEqual([]);
      expect(await db.selectFrom('wellbeing_checkins').select('id').where('user_id', '=', supporter.id).execute()).toEqual([]);
      expect(await db.selectFrom('supervision_requests').select('id').where('supporter_id', '=', supporter.id).execute()).toEqual([]);
      expect(await db.selectFrom('supervision_messages').select('id').where('request_id', '=', asked.request.id).execute()).toEqual([]);
      expect(await db.selectFrom('supervision_notes').select('id').where('supporter_id', '=', supporter.id).execute()).toEqual([]);
      expect((await supervisor.client.get('/api/supervision/dashboard')).json().supporters).toEqual([]);
    });
  });
});
