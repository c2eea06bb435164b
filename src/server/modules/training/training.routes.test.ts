import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, certify, ensureAdmin, signInAgain, type BuiltUser } from '../../../../test/factories.js';
import { assignSupervisor } from '../../../../test/supervision-factories.js';
import { rateEmpathy } from '../../../safety/empathy.js';
import type { KindredApp } from '../../app.js';

/**
 * Training and certification against the fixed test curriculum (test/fixtures/curriculum):
 * "listening" (both certificates, pass mark 0.8 of 5 questions) and "running-a-group" (facilitators
 * only, 0.6). The test clock starts on Thursday 15 January 2026, 12:00 UTC.
 */

const DAY = 86_400_000;
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
const KIND_REPLY = 'That sounds really lonely, and I am sorry today felt so heavy. It makes sense you feel invisible when nobody answers. What would help most tonight?';

/** A response body as a test reads it: parsed JSON, untyped (as `res.json()` is). */
type Body = ReturnType<typeof JSON.parse>;

async function ok<T = Body>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/** The right answers, read from the curriculum the server loaded (never from the API). */
function rightAnswers(app: KindredApp, moduleId: string): Record<string, string[]> {
  const m = app.kindred.training.curriculum.byId.get(moduleId)!;
  return Object.fromEntries(m.quiz.map((q) => [q.id, [...q.correct]]));
}

/** Right answers except for the first `wrong` questions. */
function answers(app: KindredApp, moduleId: string, wrong = 0): Record<string, string[]> {
  const m = app.kindred.training.curriculum.byId.get(moduleId)!;
  return Object.fromEntries(m.quiz.map((q, i) => [q.id, i < wrong ? [q.options.find((o) => !q.correct.includes(o.id))!.id] : [...q.correct]]));
}

async function pass(app: KindredApp, user: BuiltUser, moduleId: string) {
  return ok(await user.client.post(`/api/training/modules/${moduleId}/quiz`, { answers: rightAnswers(app, moduleId) }), 201);
}

async function kindOf(user: BuiltUser, kind: 'peer_supporter' | 'facilitator') {
  return (await ok<{ kinds: { kind: string; state: string; remaining: string[]; refresher: boolean; canRequestSignOff: boolean; certificate: { id: string; status: string; expiresAt: string } | null; lastDecision: { status: string; note: string | null } | null }[] }>(await user.client.get('/api/training'))).kinds.find((k) => k.kind === kind)!;
}

/** Passes every module the kind needs, asks for sign-off, and has a supervisor approve it. */
async function trainAndSignOff(app: KindredApp, user: BuiltUser, supervisor: BuiltUser, kind: 'peer_supporter' | 'facilitator' = 'peer_supporter') {
  for (const m of app.kindred.training.curriculum.modules.filter((x) => x.requiredFor.includes(kind))) await pass(app, user, m.id);
  const request = await ok<{ id: string }>(await user.client.post('/api/training/sign-off-requests', { kind }), 201);
  return ok<{ request: Body; certificate: { id: string; expiresAt: string; status: string } }>(await supervisor.client.post(`/api/supervision/sign-off-requests/${request.id}/approve`, { note: 'Warm, careful answers. Welcome aboard.' }));
}

const profile = (over: Record<string, unknown> = {}) => ({
  experienceTags: ['anxiety'],
  languages: [`en-x${randomBytes(3).toString('hex')}`],
  timeZone: 'Europe/London',
  availability: ALL_WEEK,
  capacity: 3,
  ...over,
});

/** A person's notifications once every committed event has been handled (some come from consumers, after commit). */
async function notificationsOf(user: BuiltUser): Promise<{ kind: string; message: string | null }[]> {
  await user.client.app.kindred.dispatcher.idle();
  return (await ok<{ notifications: { kind: string; message: string | null }[] }>(await user.client.get('/api/notifications'))).notifications;
}

describe.each(testDatabases)('training and certification on $name', (database) => {
  describe('taking the training', () => {
    const t = useTestApp(database);

    it('lists the modules with my progress and what is left for each certificate', async () => {
      const me = await buildUser(t.app);
      const overview = await ok(await me.client.get('/api/training'));
      expect(overview.modules.map((m: { id: string }) => m.id)).toEqual(['listening', 'running-a-group']);
      expect(overview.modules[0]).toMatchObject({ title: 'Listening first', passMark: 0.8, requiredFor: ['peer_supporter', 'facilitator'], questionCount: 5, practiceCount: 2, progress: { lessonReadAt: null, attempts: 0, lastAttempt: null, passedAt: null } });
      expect(overview.kinds).toEqual([
        expect.objectContaining({ kind: 'peer_supporter', state: 'training', remaining: ['listening'], required: ['listening'], canRequestSignOff: false, certificate: null }),
        expect.objectContaining({ kind: 'facilitator', state: 'training', remaining: ['listening', 'running-a-group'], canRequestSignOff: false }),
      ]);
      expect(overview).toMatchObject({ refresherDays: 30, certificates: [], curriculumVersion: t.app.kindred.training.curriculum.version });
    });

    it('sends the lesson as safe HTML and the quiz without its answers until it is submitted', async () => {
      const me = await buildUser(t.app);
      const res = await me.client.get('/api/training/modules/listening');
      const detail = await ok(res);
      expect(detail.module.lessonHtml).toContain('<strong>listen</strong>');
      expect(detail.module.lessonHtml).toContain('rel="nofollow ugc noopener noreferrer"');
      expect(detail.module.lessonHtml).not.toContain('<script');
      expect(detail.questions).toHaveLength(5);
      expect(detail.questions[2]).toMatchObject({ id: 'q3', multiple: true, kind: 'multiple_choice', scenario: null });
      expect(detail.questions[3]).toMatchObject({ kind: 'scenario', scenario: expect.stringMatching(/feel alone/), multiple: false });
      // Neither the right options nor the explanations leave the server before an attempt.
      expect(res.body).not.toMatch(/"correct"|explanation|Explanation \d/i);
      expect(detail.practice.map((p: { id: string }) => p.id)).toEqual(['lonely-evening', 'exam-stress']);
      expect((await me.client.get('/api/training/modules/no-such-module')).statusCode).toBe(404);
      expect((await me.client.get('/api/training/modules/..%2Fetc')).statusCode).toBe(400);

      const read = await ok(await me.client.post('/api/training/modules/listening/lesson-read'));
      expect(read.progress.lessonReadAt).toBe(t.clock.now().toISOString());
    });

    it('grades a failed attempt (right/wrong and explanations, not the answers), then a passing retake; every attempt is kept', async () => {
      const me = await buildUser(t.app);
      const failed = await ok(await me.client.post('/api/training/modules/listening/quiz', { answers: answers(t.app, 'listening', 2) }), 201);
      expect(failed.attempt).toMatchObject({ score: 3, outOf: 5, passed: false, passMark: 0.8 });
      expect(failed.results.map((r: { right: boolean }) => r.right)).toEqual([false, false, true, true, true]);
      expect(failed.results[0]).toMatchObject({ questionId: 'q1', chosen: ['b'], correct: null, explanation: 'Explanation 1: listening comes first.' });
      expect(failed.kinds.find((k: { kind: string }) => k.kind === 'peer_supporter')).toMatchObject({ state: 'training', remaining: ['listening'] });

      // Four of five is the pass mark; "choose all that apply" needs every right option and no other.
      const partial = answers(t.app, 'listening', 1);
      partial.q3 = ['a'];
      expect((await ok(await me.client.post('/api/training/modules/listening/quiz', { answers: partial }), 201)).attempt).toMatchObject({ score: 3, passed: false });

      const passed = await pass(t.app, me, 'listening');
      expect(passed.attempt).toMatchObject({ score: 5, outOf: 5, passed: true });
      expect(passed.results[2]).toMatchObject({ right: true, correct: ['a', 'd'] });
      expect(passed.kinds.find((k: { kind: string }) => k.kind === 'peer_supporter')).toMatchObject({ state: 'ready', remaining: [], canRequestSignOff: true });
      const progress = (await ok(await me.client.get('/api/training'))).modules[0].progress;
      expect(progress).toMatchObject({ attempts: 3, passedAt: t.clock.now().toISOString(), lastAttempt: { score: 5, outOf: 5, passed: true } });
      const stored = await t.app.kindred.database.db.selectFrom('training_quiz_attempts').select(['answers', 'passed']).where('user_id', '=', me.id).orderBy('created_at').execute();
      expect(stored.map((a) => a.passed)).toEqual([0, 0, 1]);
      expect(JSON.parse(stored[0]!.answers)).toMatchObject({ q1: ['b'], q3: ['a', 'd'] });
    });

    it('answers bad quiz input with a 400 naming the question', async () => {
      const me = await buildUser(t.app);
      const missing = answers(t.app, 'listening');
      delete missing.q4;
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ answers: missing }, /Question 4 has no answer/],
        [{ answers: { ...answers(t.app, 'listening'), q9: ['a'] } }, /no such question/],
        [{ answers: { ...answers(t.app, 'listening'), q1: ['z'] } }, /Question 1: ..z.. is not one of its answers/],
        [{ answers: { ...answers(t.app, 'listening'), q1: ['a', 'b'] } }, /takes one answer/],
        [{ answers: { ...answers(t.app, 'listening'), q1: [] } }, /choose at least one answer/],
        [{ answers: 'all of them' }, /answers/],
        [{}, /answers/],
      ];
      for (const [body, message] of cases) {
        const res = await me.client.post('/api/training/modules/listening/quiz', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(JSON.stringify(res.json().error)).toMatch(message);
      }
      expect((await me.client.post('/api/training/modules/nope/quiz', { answers: { q1: ['a'] } })).statusCode).toBe(404);
      expect(await t.app.kindred.database.db.selectFrom('training_quiz_attempts').selectAll().where('user_id', '=', me.id).execute()).toEqual([]);
    });

    it('stores a practice reply sealed, with the empathy rating computed on the server; only its writer reads it', async () => {
      const me = await buildUser(t.app);
      const other = await buildUser(t.app);
      const res = await ok(await me.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: KIND_REPLY }), 201);
      expect(res.practice).toMatchObject({ scenarioId: 'lonely-evening', reply: KIND_REPLY });
      // The server's rating is the library's, for the scenario's seeker post.
      const seeker = t.app.kindred.training.curriculum.byId.get('listening')!.practice.find((p) => p.id === 'lonely-evening')!.seekerPost;
      expect(res.feedback).toEqual(JSON.parse(JSON.stringify(rateEmpathy(seeker, KIND_REPLY))));
      expect(res.feedback.emotionalReactions).toBeGreaterThanOrEqual(1);
      expect(res.practice.rating).toEqual({ emotionalReactions: res.feedback.emotionalReactions, interpretations: res.feedback.interpretations, explorations: res.feedback.explorations });
      expect(res.empathyVersion).toMatch(/empathy/);
      expect(res.safety).toMatchObject({ showCrisisResponse: false, held: false });
      const advice = await ok(await me.client.post('/api/training/modules/listening/practice/exam-stress', { reply: 'Just relax, at least it is only an exam. Cheer up!' }), 201);
      expect(advice.feedback.notes.map((n: { code: string }) => n.code)).toContain('minimizing');

      const mine = await ok(await me.client.get('/api/training/modules/listening'));
      expect(mine.myPractice.map((p: { reply: string }) => p.reply)).toContain(KIND_REPLY);
      expect(mine.progress.practiceReplies).toBe(2);
      const theirs = await ok(await other.client.get('/api/training/modules/listening'));
      expect(theirs.myPractice).toEqual([]);
      const rows = await t.app.kindred.database.db.selectFrom('training_practice_replies').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain('invisible');
      expect(rows.find((r) => r.user_id === me.id)).toMatchObject({ emotional_reactions: res.feedback.emotionalReactions });

      expect((await me.client.post('/api/training/modules/listening/practice/no-such-post', { reply: KIND_REPLY })).statusCode).toBe(404);
      expect((await me.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: '   ' })).statusCode).toBe(400);
      expect((await me.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: 'x'.repeat(4001) })).statusCode).toBe(400);
    });

    it('screens a practice reply like every text: risk in the trainee’s own words reaches them (and a supervisor) at once', async () => {
      const me = await buildUser(t.app);
      const res = await ok(await me.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: 'Honestly I want to kill myself too.' }), 201);
      expect(res.safety).toMatchObject({ showCrisisResponse: true, held: false });
      expect(res.safety.level).toBeGreaterThanOrEqual(3);
      const alerts = await t.app.kindred.database.db.selectFrom('safety_alerts').select('user_id').where('user_id', '=', me.id).execute();
      expect(alerts).toHaveLength(1);
    });
  });

  describe('sign-off and certificates', () => {
    const t = useTestApp(database);

    it('passing the quizzes plus a supervisor’s sign-off grants the role; only then can a supporter become available', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const me = await buildUser(t.app);
      // Not trained: the role alone (as an admin might grant it) does not let anyone take new mentees.
      const admin = await ensureAdmin(t.app);
      await ok(await admin.client.put(`/api/admin/users/${me.id}/roles`, { roles: ['member', 'peer_supporter'] }));
      const refused = await me.client.put('/api/mentoring/supporter-profile', profile());
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'certificate_required', kind: 'peer_supporter', reason: 'none', message: expect.stringMatching(/needs a peer supporter certificate/) });
      // Saving the profile without becoming available stays open.
      expect((await me.client.put('/api/mentoring/supporter-profile', profile({ accepting: false }))).statusCode).toBe(200);

      const early = await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' });
      expect(early.statusCode).toBe(409);
      expect(early.json().error).toMatchObject({ remaining: ['listening'], message: expect.stringMatching(/Still to pass: “Listening first”/) });
      await pass(t.app, me, 'listening');
      const request = await ok(await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' }), 201);
      expect(request).toMatchObject({ kind: 'peer_supporter', status: 'pending', refresher: false });
      expect((await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' })).statusCode).toBe(409);
      expect(await kindOf(me, 'peer_supporter')).toMatchObject({ state: 'awaiting_sign_off', canRequestSignOff: false });
      expect(await notificationsOf(supervisor)).toContainEqual(expect.objectContaining({ kind: 'training', message: `${me.handle} has passed the peer supporter training and asks for your sign-off.` }));

      const queue = await ok(await supervisor.client.get('/api/supervision/sign-off-requests'));
      const mine = queue.requests.find((r: { id: string }) => r.id === request.id);
      expect(mine).toMatchObject({ trainee: { id: me.id, handle: me.handle }, kind: 'peer_supporter', modules: [{ id: 'listening', title: 'Listening first', score: 5, outOf: 5 }], practice: { count: 0, average: null }, currentCertificate: null });

      const approved = await ok(await supervisor.client.post(`/api/supervision/sign-off-requests/${request.id}/approve`, { note: 'Thoughtful answers.' }));
      expect(approved.certificate).toMatchObject({ kind: 'peer_supporter', source: 'training', status: 'valid', issuedAt: t.clock.now().toISOString(), expiresAt: '2027-01-15T12:00:00.000Z', signedOffBy: { id: supervisor.id, handle: supervisor.handle } });
      expect(approved.request).toMatchObject({ status: 'approved', decidedBy: { id: supervisor.id } });
      expect((await supervisor.client.post(`/api/supervision/sign-off-requests/${request.id}/approve`, {})).statusCode).toBe(409);

      expect((await ok(await me.client.get('/api/me'))).roles).toContain('peer_supporter');
      const status = await kindOf(me, 'peer_supporter');
      expect(status).toMatchObject({ state: 'certified', certificate: { status: 'valid' }, lastDecision: { status: 'approved', note: 'Thoughtful answers.' } });
      const told = (await notificationsOf(me)).map((n) => n.message);
      expect(told).toContainEqual(expect.stringMatching(/signed off your peer supporter training\. Your certificate is valid until 15 January 2027/));
      // certificate.issued: the supervision module makes the signing supervisor theirs (they had none).
      expect(told).toContainEqual(`${supervisor.handle} is now your supervisor. You can ask them for supervision at any time.`);
      // The note is sealed at rest; the role change is in the member's audit view.
      const stored = await t.app.kindred.database.db.selectFrom('training_signoff_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain('Thoughtful');
      const audit = (await ok(await me.client.get('/api/me/audit'))).entries as { action: string; actorRole: string; reason: string }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'training.signed_off', actorRole: 'supervisor', reason: 'A supervisor signed off your peer supporter training.' }));

      expect((await me.client.put('/api/mentoring/supporter-profile', profile())).statusCode).toBe(200);
      // Asking again while certified: the refresher opens 30 days before the expiry.
      const again = await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/valid until 15 January 2027\. The refresher opens on 16 December 2026/);
    });

    it('a declined request carries the supervisor’s note to the trainee, who can ask again', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const me = await buildUser(t.app);
      await pass(t.app, me, 'listening');
      const request = await ok<{ id: string }>(await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' }), 201);
      expect((await supervisor.client.post(`/api/supervision/sign-off-requests/${request.id}/decline`, {})).statusCode).toBe(400);
      const declined = await ok(await supervisor.client.post(`/api/supervision/sign-off-requests/${request.id}/decline`, { note: 'Let us talk about boundaries first; book a call with me.' }));
      expect(declined).toMatchObject({ request: { status: 'declined' }, certificate: null });
      expect(await kindOf(me, 'peer_supporter')).toMatchObject({ state: 'ready', canRequestSignOff: true, lastDecision: { status: 'declined', note: 'Let us talk about boundaries first; book a call with me.' } });
      expect((await notificationsOf(me)).map((n) => n.message)).toContainEqual(expect.stringMatching(/has not signed off your peer supporter training yet/));
      expect((await ok(await me.client.get('/api/me'))).roles).not.toContain('peer_supporter');
      expect((await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' })).statusCode).toBe(201);
      const decided = await ok(await supervisor.client.get('/api/supervision/sign-off-requests?status=decided'));
      expect(decided.requests.map((r: { id: string }) => r.id)).toContain(request.id);
    });

    it('only supervisors sign off, and never their own training', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const other = await buildUser(t.app, { roles: ['supervisor'] });
      const admin = await ensureAdmin(t.app);
      await pass(t.app, supervisor, 'listening');
      const own = await ok<{ id: string }>(await supervisor.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' }), 201);
      const self = await supervisor.client.post(`/api/supervision/sign-off-requests/${own.id}/approve`, {});
      expect(self.statusCode).toBe(403);
      expect(self.json().error.message).toMatch(/cannot sign off your own training/);
      expect((await supervisor.client.post(`/api/supervision/sign-off-requests/${own.id}/decline`, { note: 'no' })).statusCode).toBe(403);
      for (const who of [await buildUser(t.app), await buildUser(t.app, { roles: ['peer_supporter'] })]) {
        expect((await who.client.get('/api/supervision/sign-off-requests')).statusCode).toBe(403);
        expect((await who.client.post(`/api/supervision/sign-off-requests/${own.id}/approve`, {})).statusCode).toBe(403);
        expect((await who.client.post(`/api/supervision/sign-off-requests/${own.id}/decline`, { note: 'no' })).statusCode).toBe(403);
      }
      // Nobody supervises this supervisor: the request is in the shared queue of the others (and the admin's).
      expect((await ok(await admin.client.get('/api/supervision/sign-off-requests'))).requests.map((r: { id: string }) => r.id)).toContain(own.id);
      expect((await other.client.post(`/api/supervision/sign-off-requests/${own.id}/approve`, {})).statusCode).toBe(200);
      expect((await other.client.post(`/api/supervision/sign-off-requests/00000000-0000-7000-8000-000000000000/approve`, {})).statusCode).toBe(404);
    });

    it('a trainee who has a supervisor is theirs to sign off (or an admin’s): another supervisor is told nothing and gets 404', async () => {
      const mine = await buildUser(t.app, { roles: ['supervisor'] });
      const colleague = await buildUser(t.app, { roles: ['supervisor'] });
      const admin = await ensureAdmin(t.app);
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      await assignSupervisor(t.app, supporter, mine);
      await pass(t.app, supporter, 'listening');
      await pass(t.app, supporter, 'running-a-group');
      const request = await ok<{ id: string }>(await supporter.client.post('/api/training/sign-off-requests', { kind: 'facilitator' }), 201);
      const asks = expect.objectContaining({ message: `${supporter.handle} has passed the facilitator training and asks for your sign-off.` });
      expect(await notificationsOf(mine)).toContainEqual(asks);
      expect(await notificationsOf(colleague)).not.toContainEqual(asks);
      const idsIn = async (who: BuiltUser, status = 'pending') => (await ok<{ requests: { id: string }[] }>(await who.client.get(`/api/supervision/sign-off-requests?status=${status}`))).requests.map((r) => r.id);
      expect(await idsIn(mine)).toContain(request.id);
      expect(await idsIn(admin)).toContain(request.id);
      expect(await idsIn(colleague)).not.toContain(request.id);
      for (const res of [await colleague.client.post(`/api/supervision/sign-off-requests/${request.id}/approve`, {}), await colleague.client.post(`/api/supervision/sign-off-requests/${request.id}/decline`, { note: 'Not yet.' })]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.message).toBe('That sign-off request was not found.');
      }
      await ok(await mine.client.post(`/api/supervision/sign-off-requests/${request.id}/decline`, { note: 'Let us run one together first.' }));
      expect(await idsIn(mine, 'decided')).toContain(request.id);
      expect(await idsIn(colleague, 'decided')).not.toContain(request.id);
      // Asked again, an admin signs off (audited as an admin's decision).
      const again = await ok<{ id: string }>(await supporter.client.post('/api/training/sign-off-requests', { kind: 'facilitator' }), 201);
      expect((await colleague.client.post(`/api/supervision/sign-off-requests/${again.id}/approve`, {})).statusCode).toBe(404);
      await ok(await admin.client.post(`/api/supervision/sign-off-requests/${again.id}/approve`, {}));
      const audit = (await ok(await supporter.client.get('/api/me/audit'))).entries as { action: string; actorRole: string }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'training.signed_off', actorRole: 'admin' }));
    });

    it('an admin records prior training (audited), never their own; the role comes with it', async () => {
      const admin = await ensureAdmin(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const someone = await buildUser(t.app);
      const body = { userId: someone.id, kind: 'facilitator', note: 'Facilitation course at the Riverside charity, 2025.' };
      expect((await supervisor.client.post('/api/admin/certificates', body)).statusCode).toBe(403);
      expect((await someone.client.post('/api/admin/certificates', body)).statusCode).toBe(403);
      expect((await admin.client.post('/api/admin/certificates', { ...body, userId: admin.id })).statusCode).toBe(403);
      expect((await admin.client.post('/api/admin/certificates', { ...body, completedOn: '2026-02-01' })).statusCode).toBe(400);
      const stale = await admin.client.post('/api/admin/certificates', { ...body, completedOn: '2024-06-01' });
      expect(stale.statusCode).toBe(400);
      expect(stale.json().error.message).toMatch(/has run out: the certificate would have expired on 1 June 2025/);
      expect((await admin.client.post('/api/admin/certificates', { ...body, userId: '00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
      const cert = await ok(await admin.client.post('/api/admin/certificates', { ...body, completedOn: '2025-06-01' }), 201);
      expect(cert).toMatchObject({ kind: 'facilitator', source: 'prior_training', status: 'valid', issuedAt: '2025-06-01T00:00:00.000Z', expiresAt: '2026-06-01T00:00:00.000Z', note: body.note, signedOffBy: { id: admin.id } });
      expect((await ok(await someone.client.get('/api/me'))).roles).toContain('facilitator');
      const audit = (await ok(await someone.client.get('/api/me/audit'))).entries as { action: string }[];
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['training.prior_training_recorded', 'account.roles_changed']));
      // A refresher window is open (within 30 days of 1 June? no: 15 January is months away).
      expect(await kindOf(someone, 'facilitator')).toMatchObject({ state: 'certified', certificate: { id: cert.id } });
      const listed = await ok(await supervisor.client.get('/api/supervision/certificates?kind=facilitator'));
      expect(listed.certificates).toContainEqual(expect.objectContaining({ id: cert.id, holder: { id: someone.id, handle: someone.handle } }));
      expect((await someone.client.get('/api/supervision/certificates')).statusCode).toBe(403);
    });

    it('revocation (supervisor or admin, with a reason, audited) stops new mentees at once; current mentorships go on', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      const p = profile();
      await ok(await supporter.client.put('/api/mentoring/supporter-profile', p));
      const member = await buildUser(t.app);
      const asked = await ok<{ request: { id: string } }>(await member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: p.languages } }), 201);
      expect((await ok(await supporter.client.get('/api/mentoring/offers'))).offers).toHaveLength(1);
      const cert = (await kindOf(supporter, 'peer_supporter')).certificate!;

      expect((await member.client.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Because.' })).statusCode).toBe(403);
      expect((await supporter.client.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Because.' })).statusCode).toBe(403);
      expect((await supervisor.client.post(`/api/certificates/${cert.id}/revoke`, { reason: '' })).statusCode).toBe(400);
      const revoked = await ok(await supervisor.client.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Shared a member’s story outside the conversation.' }));
      expect(revoked).toMatchObject({ status: 'revoked', revokedAt: t.clock.now().toISOString(), revokeReason: 'Shared a member’s story outside the conversation.' });
      expect((await supervisor.client.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Again.' })).statusCode).toBe(409);
      await t.app.kindred.dispatcher.idle();

      // Offers let go, not accepting, the request widens; becoming available again says why not.
      expect((await ok(await supporter.client.get('/api/mentoring/offers'))).offers).toEqual([]);
      expect((await ok(await supporter.client.get('/api/mentoring/supporter-profile'))).profile.accepting).toBe(false);
      expect((await supporter.client.post(`/api/mentoring/offers/${asked.request.id}/accept`)).json().error.code).toBe('certificate_required');
      const again = await supporter.client.put('/api/mentoring/supporter-profile', p);
      expect(again.statusCode).toBe(403);
      expect(again.json().error).toMatchObject({ code: 'certificate_required', reason: 'revoked', revokedOn: t.clock.now().toISOString(), message: 'Your peer supporter certificate was withdrawn on 15 January 2026, so you cannot do this now. Your supervisor can talk with you about what comes next.' });
      expect(await kindOf(supporter, 'peer_supporter')).toMatchObject({ state: 'revoked', remaining: ['listening'], certificate: { status: 'revoked', revokeReason: 'Shared a member’s story outside the conversation.' } });
      expect((await notificationsOf(supporter)).map((n) => n.message)).toContainEqual(expect.stringMatching(/has withdrawn your peer supporter certificate\. Your current mentorships continue/));
      const audit = (await ok(await supporter.client.get('/api/me/audit'))).entries as { action: string; actorRole: string }[];
      expect(audit).toContainEqual(expect.objectContaining({ action: 'training.certificate_revoked', actorRole: 'supervisor' }));
      // The role stays (they are still someone's supporter); the certificate decides what is new.
      expect((await ok(await supporter.client.get('/api/me'))).roles).toContain('peer_supporter');
    });
  });

  describe('expiry and the refresher (manual clock)', () => {
    const t = useTestApp(database);

    it('an expired certificate removes the ability, tells the supporter kindly, releases offers; mentorships continue', async () => {
      const supporter = await buildUser(t.app);
      await certify(t.app, supporter, 'peer_supporter', { expiresOn: '2026-02-20' });
      const p = profile({ capacity: 2 });
      await ok(await supporter.client.put('/api/mentoring/supporter-profile', p));
      const first = await buildUser(t.app);
      const r1 = await ok<{ request: { id: string } }>(await first.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: p.languages } }), 201);
      const mentorship = await ok<{ id: string }>(await supporter.client.post(`/api/mentoring/offers/${r1.request.id}/accept`));
      const second = await buildUser(t.app);
      await ok(await second.client.post('/api/mentoring/requests', { topic: 'Sleep has been hard lately.', preferences: { languages: p.languages } }), 201);
      expect((await ok(await supporter.client.get('/api/mentoring/offers'))).offers).toHaveLength(1);

      // Within 30 days of the expiry: the refresher opens, once.
      t.clock.advance(7 * DAY);
      expect(await t.app.kindred.training.sweep()).toEqual({ reminded: 1, lapsed: 0 });
      expect(await t.app.kindred.training.sweep()).toEqual({ reminded: 0, lapsed: 0 });
      expect((await notificationsOf(supporter)).map((n) => n.message)).toContainEqual(expect.stringMatching(/runs until 20 February 2026\. The refresher is open/));
      expect(await kindOf(supporter, 'peer_supporter')).toMatchObject({ state: 'refresher_due', refresher: true, remaining: ['listening'] });

      t.clock.advance(20 * DAY);
      for (const u of [supporter, first]) await u.client.get('/api/me'); // sessions slide with use
      t.clock.advance(10 * DAY);
      expect(await t.app.kindred.training.sweep()).toEqual({ reminded: 0, lapsed: 1 });
      expect(await t.app.kindred.training.sweep()).toEqual({ reminded: 0, lapsed: 0 });
      await t.app.kindred.dispatcher.idle();
      expect((await notificationsOf(supporter)).map((n) => n.message)).toContainEqual('Your peer supporter certificate has expired. Your current mentorships continue; take the refresher to welcome new people.');
      expect((await ok(await supporter.client.get('/api/mentoring/offers'))).offers).toEqual([]);
      const refused = await supporter.client.put('/api/mentoring/supporter-profile', p);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'certificate_required', reason: 'expired', expiredOn: '2026-02-20T00:00:00.000Z', message: expect.stringMatching(/^Your peer supporter certificate expired on 20 February 2026\. Take the refresher/) });
      // The mentorship under way continues: both can still talk.
      expect((await supporter.client.get(`/api/mentoring/mentorships/${mentorship.id}`)).statusCode).toBe(200);
      expect((await supporter.client.post(`/api/mentoring/mentorships/${mentorship.id}/messages`, { body: 'Still here for you this week.', clientId: '00000000-0000-7000-8000-00000000c0de' })).statusCode).toBe(201);
      // A new member asking is not offered to the lapsed supporter.
      const third = await buildUser(t.app);
      const r3 = await ok<{ request: { offeredCount: number } }>(await third.client.post('/api/mentoring/requests', { topic: 'Work has been overwhelming.', preferences: { languages: p.languages } }), 201);
      expect(r3.request.offeredCount).toBe(0);

      // The refresher: retake, ask, sign-off; the certificate runs 12 months from now (it had expired).
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const renewed = await trainAndSignOff(t.app, supporter, supervisor);
      expect(renewed.request).toMatchObject({ refresher: true });
      expect(renewed.certificate.expiresAt).toBe(new Date(Date.UTC(2027, 1, 21, 12)).toISOString());
      expect((await supporter.client.put('/api/mentoring/supporter-profile', p)).statusCode).toBe(200);
      const certificates = (await ok(await supporter.client.get('/api/training'))).certificates as { status: string }[];
      expect(certificates.map((c) => c.status)).toEqual(['valid', 'replaced']);
    });

    it('renewing during the refresher window continues from the old expiry; passes from before the window do not count', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const me = await buildUser(t.app);
      const first = await trainAndSignOff(t.app, me, supervisor);
      const expires = new Date(first.certificate.expiresAt);
      t.clock.advance(expires.getTime() - t.clock.now().getTime() - 10 * DAY);
      for (const u of [me, supervisor]) await signInAgain(t.app, u);
      expect(await kindOf(me, 'peer_supporter')).toMatchObject({ state: 'refresher_due', remaining: ['listening'], canRequestSignOff: false });
      expect((await me.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' })).statusCode).toBe(409);
      const renewed = await trainAndSignOff(t.app, me, supervisor);
      expect(renewed.certificate.expiresAt).toBe(new Date(Date.UTC(expires.getUTCFullYear() + 1, expires.getUTCMonth(), expires.getUTCDate(), expires.getUTCHours())).toISOString());
      // The replaced certificate never lapses: nothing to sweep when its old date passes.
      t.clock.advance(11 * DAY);
      await t.app.kindred.training.sweep();
      expect(await kindOf(me, 'peer_supporter')).toMatchObject({ state: 'certified' });
      expect((await notificationsOf(me)).map((n) => n.message)).not.toContainEqual(expect.stringMatching(/has expired/));
    });

    it('an expired facilitator cannot facilitate (403 with the reason) but stays in the group; the program lead is told', async () => {
      const admin = await signInAgain(t.app, await ensureAdmin(t.app));
      const lead = await buildUser(t.app);
      const facilitator = await buildUser(t.app);
      const soon = new Date(t.clock.now().getTime() + 5 * DAY).toISOString().slice(0, 10);
      await certify(t.app, facilitator, 'facilitator', { expiresOn: soon });
      const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Harbour Peers', description: 'Peer-run.' }), 201);
      await ok(await admin.client.post(`/api/admin/organizations/${org.id}/staff`, { userId: lead.id, role: 'program_lead' }), 201);
      const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evenings', description: 'Groups after work.', joinPolicy: 'open' }), 201);
      const group = await ok<{ id: string }>(
        await lead.client.post(`/api/programs/${program.id}/groups`, { name: 'Monday group', description: 'A small group on Mondays.', timeZone: 'Europe/London', agreement: 'What is said here stays here. We listen first.', facilitatorIds: [facilitator.id] }),
        201,
      );
      const meeting = { title: 'Monday meeting', mode: 'online', link: 'https://meet.example.org/m', startLocal: '2026-12-07T18:00', frequency: 'weekly', durationMinutes: 60 };
      expect((await facilitator.client.post(`/api/groups/${group.id}/meetings`, meeting)).statusCode).toBe(201);

      t.clock.advance(6 * DAY);
      await t.app.kindred.training.sweep();
      await t.app.kindred.dispatcher.idle();
      const refused = await facilitator.client.post(`/api/groups/${group.id}/meetings`, meeting);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'certificate_required', kind: 'facilitator', reason: 'expired' });
      expect((await facilitator.client.get(`/api/groups/${group.id}/dashboard`)).json().error.code).toBe('certificate_required');
      // Still in the group: reads its chat.
      expect((await facilitator.client.get(`/api/groups/${group.id}/messages`)).statusCode).toBe(200);
      // A lead managing the group is not facilitating it: no certificate needed.
      expect((await lead.client.get(`/api/groups/${group.id}/dashboard`)).statusCode).toBe(200);
      expect(await notificationsOf(lead)).toContainEqual(expect.objectContaining({ kind: 'group', message: `${facilitator.handle}’s facilitator certificate is no longer valid, so they cannot facilitate "Monday group" until they renew it. Please make sure the group has a facilitator meanwhile.` }));
      expect((await notificationsOf(facilitator)).map((n) => n.message)).toContainEqual(expect.stringMatching(/^Your facilitator certificate has expired/));
      // Naming them again says why not.
      const named = await lead.client.post(`/api/groups/${group.id}/facilitators`, { userId: facilitator.id });
      expect(named.statusCode).toBe(403);
      expect(named.json().error.message).toMatch(new RegExp(`^${facilitator.handle}’s facilitator certificate expired on`));
    });
  });

  describe('authorization and privacy', () => {
    const t = useTestApp(database);

    it('every route: anonymous 401; the trainee’s own data only; staff routes by role', async () => {
      const anon = new TestClient(t.app);
      const id = '00000000-0000-7000-8000-000000000000';
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/training'],
        ['GET', '/api/training/modules/listening'],
        ['POST', '/api/training/modules/listening/lesson-read'],
        ['POST', '/api/training/modules/listening/quiz', { answers: { q1: ['a'] } }],
        ['POST', '/api/training/modules/listening/practice/lonely-evening', { reply: 'Hello' }],
        ['POST', '/api/training/sign-off-requests', { kind: 'peer_supporter' }],
        ['GET', '/api/supervision/sign-off-requests'],
        ['POST', `/api/supervision/sign-off-requests/${id}/approve`, {}],
        ['POST', `/api/supervision/sign-off-requests/${id}/decline`, { note: 'no' }],
        ['GET', '/api/supervision/certificates'],
        ['POST', '/api/admin/certificates', { userId: id, kind: 'peer_supporter', note: 'Some course' }],
        ['POST', `/api/certificates/${id}/revoke`, { reason: 'A reason' }],
      ];
      for (const [method, url, body] of routes) {
        expect((await anon.request(method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(401);
      }

      // Someone else's training is never addressable: every trainee route is about the signed-in person.
      const owner = await buildUser(t.app);
      const other = await buildUser(t.app);
      await pass(t.app, owner, 'listening');
      await ok(await owner.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: 'Pelican-sized hug, that sounds so lonely.' }), 201);
      const theirs = await ok(await other.client.get('/api/training'));
      expect(theirs.modules[0].progress).toMatchObject({ attempts: 0, practiceReplies: 0 });
      expect(JSON.stringify(await ok(await other.client.get('/api/training/modules/listening')))).not.toMatch(/pelican/i);
      // Supervisors see numbers, never practice words.
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await ok(await owner.client.post('/api/training/sign-off-requests', { kind: 'peer_supporter' }), 201);
      const queue = await supervisor.client.get('/api/supervision/sign-off-requests');
      expect(queue.body).not.toMatch(/pelican/i);
      expect(queue.json().requests.find((r: { trainee: { id: string } }) => r.trainee.id === owner.id).practice).toMatchObject({ count: 1, average: expect.any(Object) });
      // Staff routes by role: members and supporters get 403.
      for (const who of [other, await buildUser(t.app, { roles: ['peer_supporter'] })]) {
        for (const [method, url, body] of routes.slice(6)) expect((await who.client.request(method as 'GET', url, body)).statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await supervisor.client.post(`/api/certificates/${id}/revoke`, { reason: 'A reason' })).statusCode).toBe(404);
    });

    it('exports a member’s training and erases it with the account', async () => {
      const me = await buildUser(t.app, { password: 'a long enough password' });
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await ok(await me.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: 'That sounds so heavy, I hear you.' }), 201);
      await trainAndSignOff(t.app, me, supervisor);
      const exported = await ok(await me.client.get('/api/me/export'));
      expect(exported.training).toMatchObject({
        quizAttempts: [expect.objectContaining({ moduleId: 'listening', passed: true, answers: expect.objectContaining({ q3: ['a', 'd'] }) })],
        practiceReplies: [expect.objectContaining({ reply: 'That sounds so heavy, I hear you.' })],
        signOffRequests: [expect.objectContaining({ status: 'approved', note: 'Warm, careful answers. Welcome aboard.' })],
        certificates: [expect.objectContaining({ kind: 'peer_supporter', status: 'valid' })],
      });
      await ok(await me.client.post('/api/me/erase', { password: 'a long enough password', publicPosts: 'delete', confirm: 'DELETE' }));
      const db = t.app.kindred.database.db;
      for (const table of ['training_progress', 'training_quiz_attempts', 'training_practice_replies', 'training_signoff_requests', 'certificates'] as const) {
        expect(await db.selectFrom(table).selectAll().where('user_id', '=', me.id).execute(), table).toEqual([]);
      }
    });
  });
});
