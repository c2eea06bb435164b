import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp, useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { assignSupervisor } from '../../../../test/supervision-factories.js';
import type { KindredApp } from '../../app.js';
import type { ManualClock } from '../../platform/clock.js';
import type { ExecutedQuery } from '../../platform/db.js';
import { CONVERSATIONS_LISTED } from './mentoring.repository.js';

const HOPELESS = 'I feel so hopeless and alone, nothing seems worth it anymore.';
const CALM_TOPIC = 'I would like to talk about exam stress and sleeping badly.';
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

/** A language tag no other test uses: matching filters on language, so each test has its own pool of supporters. */
const poolLanguage = () => `en-x${randomBytes(3).toString('hex')}`;

interface ProfileOpts {
  experienceTags?: string[];
  languages?: string[];
  capacity?: number;
  timeZone?: string;
  availability?: { day: number; start: string; end: string }[];
  gender?: string | null;
}

async function supporter(app: KindredApp, opts: ProfileOpts = {}): Promise<BuiltUser> {
  const s = await buildUser(app, { roles: ['peer_supporter'] });
  const res = await s.client.put('/api/mentoring/supporter-profile', {
    experienceTags: opts.experienceTags ?? ['anxiety'],
    languages: opts.languages ?? ['en'],
    timeZone: opts.timeZone ?? 'Europe/London',
    availability: opts.availability ?? ALL_WEEK,
    capacity: opts.capacity ?? 3,
    canHelpWith: 'Exam stress, worry, sleep.',
    cannotHelpWith: 'Medication questions.',
    intro: 'I have lived with anxiety for years and I am glad to listen.',
    gender: opts.gender ?? null,
  });
  if (res.statusCode !== 200) throw new Error(`profile: ${res.statusCode} ${res.body}`);
  return s;
}

async function ask(member: BuiltUser, body: Record<string, unknown>) {
  const res = await member.client.post('/api/mentoring/requests', { topic: CALM_TOPIC, ...body });
  if (res.statusCode !== 201) throw new Error(`request: ${res.statusCode} ${res.body}`);
  return res.json() as { request: { id: string; round: number; offeredCount: number; nextWidenAt: string | null }; notice: { level: number; showCrisisResponse: boolean } };
}

async function offerIds(s: BuiltUser): Promise<string[]> {
  const res = await s.client.get('/api/mentoring/offers');
  expect(res.statusCode).toBe(200);
  return (res.json().offers as { requestId: string }[]).map((o) => o.requestId);
}

/** A member matched with a supporter of their own language pool; returns the mentorship id. */
async function matched(app: KindredApp, opts: { supporter?: BuiltUser; member?: BuiltUser; capacity?: number } = {}) {
  const lang = poolLanguage();
  const s = opts.supporter ?? (await supporter(app, { languages: [lang], capacity: opts.capacity ?? 3 }));
  if (opts.supporter) {
    const current = (await s.client.get('/api/mentoring/supporter-profile')).json().profile;
    await s.client.put('/api/mentoring/supporter-profile', {
      experienceTags: current.experienceTags,
      languages: [...current.languages, lang],
      timeZone: current.timeZone,
      availability: current.availability,
      capacity: current.capacity,
    });
  }
  const m = opts.member ?? (await buildUser(app));
  const { request } = await ask(m, { preferences: { languages: [lang] } });
  const accepted = await s.client.post(`/api/mentoring/offers/${request.id}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { supporter: s, member: m, mentorshipId: accepted.json().id as string, requestId: request.id };
}

describe.each(testDatabases)('mentoring on $name', (database) => {
  const t = useTestApp(database);

  describe('supporter profile', () => {
    it('only peer supporters keep a profile; bad input is a 400 naming the field', async () => {
      const member = await buildUser(t.app);
      expect((await member.client.get('/api/mentoring/supporter-profile')).statusCode).toBe(403);
      expect((await member.client.put('/api/mentoring/supporter-profile', { experienceTags: ['anxiety'], languages: ['en'], timeZone: 'Europe/London', availability: [], capacity: 2 })).statusCode).toBe(403);
      expect((await new TestClient(t.app).get('/api/mentoring/supporter-profile')).statusCode).toBe(401);

      const s = await buildUser(t.app, { roles: ['peer_supporter'] });
      expect((await s.client.get('/api/mentoring/supporter-profile')).json()).toEqual({ profile: null });
      const base = { experienceTags: ['anxiety'], languages: ['en'], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 2 };
      const tooMany = await s.client.put('/api/mentoring/supporter-profile', { ...base, capacity: 11 });
      expect(tooMany.statusCode).toBe(400);
      expect(JSON.stringify(tooMany.json().error)).toMatch(/capacity/);
      const backwards = await s.client.put('/api/mentoring/supporter-profile', { ...base, availability: [{ day: 1, start: '18:00', end: '09:00' }] });
      expect(backwards.statusCode).toBe(400);
      expect(JSON.stringify(backwards.json().error)).toMatch(/end after it starts/);
      const badZone = await s.client.put('/api/mentoring/supporter-profile', { ...base, timeZone: 'Mars/Olympus' });
      expect(badZone.statusCode).toBe(400);
      const badGender = await s.client.put('/api/mentoring/supporter-profile', { ...base, gender: 'robot' });
      expect(badGender.statusCode).toBe(400);

      const saved = await s.client.put('/api/mentoring/supporter-profile', { ...base, intro: 'Hello, I listen.', autoReply: 'Thanks for your message, I reply in the evenings.' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().profile).toMatchObject({ capacity: 2, activeMentees: 0, intro: 'Hello, I listen.', introState: 'visible', accepting: true, away: null, availableNow: true });
      expect(saved.json().notices.map((n: { field: string }) => n.field).sort()).toEqual(['autoReply', 'intro']);
    });

    it('availability is read in the supporter’s zone (DST cases: mentoring.presenter.test.ts)', async () => {
      // The test clock reads Thursday 15 January 2026, 12:00 UTC: 07:00 in New York (UTC−5).
      const s = await supporter(t.app, { timeZone: 'America/New_York', availability: [{ day: 4, start: '09:00', end: '17:00' }], languages: [poolLanguage()] });
      const p = (await s.client.get('/api/mentoring/supporter-profile')).json().profile;
      expect(p.availableNow).toBe(false);
      expect(p.nextAvailableAt).toBe('2026-01-15T14:00:00.000Z');
    });
  });

  describe('asking for support', () => {
    it('offers go to the best-matched supporters first, then widen after the round with the manual clock', async () => {
      const lang = poolLanguage();
      const both = await supporter(t.app, { experienceTags: ['anxiety', 'depression'], languages: [lang] });
      const anxiety = await supporter(t.app, { experienceTags: ['anxiety'], languages: [lang] });
      const depression = await supporter(t.app, { experienceTags: ['depression'], languages: [lang] });
      const grief = await supporter(t.app, { experienceTags: ['grief_and_loss'], languages: [lang] });
      const otherLanguage = await supporter(t.app, { experienceTags: ['anxiety', 'depression'], languages: [poolLanguage()] });
      const member = await buildUser(t.app);

      const { request, notice } = await ask(member, { preferences: { experienceTags: ['anxiety', 'depression'], languages: [lang] } });
      expect(notice.showCrisisResponse).toBe(false);
      expect(request).toMatchObject({ round: 1, offeredCount: 3 });
      expect(request.nextWidenAt).toBe(new Date(t.clock.now().getTime() + 15 * 60_000).toISOString());
      for (const s of [both, anxiety, depression]) expect(await offerIds(s)).toContain(request.id);
      for (const s of [grief, otherLanguage]) expect(await offerIds(s)).not.toContain(request.id);
      const offer = (await both.client.get('/api/mentoring/offers')).json().offers.find((o: { requestId: string }) => o.requestId === request.id);
      expect(offer).toMatchObject({ topic: CALM_TOPIC, topicHeld: false, member: { id: member.id, handle: member.handle }, sharedExperienceTags: ['anxiety', 'depression'], sharedLanguages: [lang], requestedYou: false });

      // Before the round is over, the sweep leaves it alone.
      t.clock.advanceMinutes(14);
      await t.app.kindred.mentoring.sweep();
      expect((await member.client.get('/api/mentoring/requests/current')).json().request.round).toBe(1);
      t.clock.advanceMinutes(1);
      await t.app.kindred.mentoring.sweep();
      let current = (await member.client.get('/api/mentoring/requests/current')).json().request;
      expect(current).toMatchObject({ status: 'waiting', round: 2, offeredCount: 4, pendingCount: 4, noSupporterAvailable: false });
      expect(await offerIds(grief)).toContain(request.id);
      expect(await offerIds(otherLanguage)).not.toContain(request.id);

      // Nobody else to ask: honest, and still open; once everyone declined, "no supporter available".
      t.clock.advanceMinutes(15);
      await t.app.kindred.mentoring.sweep();
      current = (await member.client.get('/api/mentoring/requests/current')).json().request;
      expect(current).toMatchObject({ status: 'waiting', round: 2, nextWidenAt: null, noSupporterAvailable: false });
      for (const s of [both, anxiety, depression, grief]) expect((await s.client.post(`/api/mentoring/offers/${request.id}/decline`)).statusCode).toBe(200);
      current = (await member.client.get('/api/mentoring/requests/current')).json().request;
      expect(current).toMatchObject({ status: 'waiting', declinedCount: 4, pendingCount: 0, noSupporterAvailable: true });
      expect((await both.client.post(`/api/mentoring/offers/${request.id}/accept`)).json().error.message).toMatch(/declined/);

      // A new supporter who fits becomes free: the next sweep offers it to them.
      const newcomer = await supporter(t.app, { experienceTags: ['anxiety'], languages: [lang] });
      t.clock.advanceMinutes(15);
      await t.app.kindred.mentoring.sweep();
      expect(await offerIds(newcomer)).toContain(request.id);
      const cancel = await member.client.post(`/api/mentoring/requests/${request.id}/cancel`);
      expect(cancel.statusCode).toBe(200);
      expect(cancel.json().status).toBe('cancelled');
      expect(await offerIds(newcomer)).not.toContain(request.id);
    });

    it('one open request per member; the topic is encrypted at rest; a topic that screens ≥ 2 carries crisis resources', async () => {
      const member = await buildUser(t.app, { region: 'GB' });
      const lang = poolLanguage();
      const { request, notice } = await ask(member, { topic: HOPELESS, preferences: { languages: [lang] } });
      expect(notice.level).toBeGreaterThanOrEqual(2);
      expect(notice.showCrisisResponse).toBe(true);
      const current = (await member.client.get('/api/mentoring/requests/current')).json().request;
      expect(current.topic).toBe(HOPELESS);
      expect(current.safetyNotice.resources.length).toBeGreaterThan(0);
      expect(current.noSupporterAvailable).toBe(true);

      const again = await member.client.post('/api/mentoring/requests', { topic: CALM_TOPIC });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.message).toMatch(/already have a request waiting/);

      const row = await t.app.kindred.database.db.selectFrom('support_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
      expect(row.topic_enc.startsWith('enc1.')).toBe(true);
      expect(JSON.stringify(row)).not.toMatch(/hopeless|alone/);

      for (const bad of [{ topic: 'hi' }, { topic: 'x'.repeat(501) }, { topic: CALM_TOPIC, preferences: { supporterGender: 'robot' } }, { topic: CALM_TOPIC, extra: 1 }, { topic: CALM_TOPIC, preferredSupporterId: 'nope' }]) {
        const res = await (await buildUser(t.app)).client.post('/api/mentoring/requests', bad);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message.length).toBeGreaterThan(5);
      }
      await member.client.post(`/api/mentoring/requests/${request.id}/cancel`);
    });

    it('away mode: no offers while away, offers in hand are let go, mentees see the return date and message', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const lang = (await s.client.get('/api/mentoring/supporter-profile')).json().profile.languages[0] as string;
      const waiting = await ask(await buildUser(t.app), { preferences: { languages: [lang] } });
      expect(await offerIds(s)).toContain(waiting.request.id);

      const until = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
      const away = await s.client.put('/api/mentoring/supporter-profile/away', { away: { until, message: 'Taking a week to rest, back soon.' } });
      expect(away.statusCode).toBe(200);
      expect(away.json().profile.away).toEqual({ until, message: 'Taking a week to rest, back soon.' });
      expect(await offerIds(s)).toEqual([]);

      const seen = (await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json();
      expect(seen.supporter.away).toEqual({ until, message: 'Taking a week to rest, back soon.' });
      expect(seen.supporter.availableNow).toBe(false);
      expect(seen.supporter.nextAvailableAt).toBe(until);

      const another = await ask(await buildUser(t.app), { preferences: { languages: [lang] } });
      expect(another.request.offeredCount).toBe(0);
      expect(await offerIds(s)).toEqual([]);

      const past = await s.client.put('/api/mentoring/supporter-profile/away', { away: { until: new Date(t.clock.now().getTime() - 1000).toISOString() } });
      expect(past.statusCode).toBe(400);
      expect((await s.client.put('/api/mentoring/supporter-profile/away', { away: null })).json().profile.away).toBeNull();
      t.clock.advanceMinutes(15);
      await t.app.kindred.mentoring.sweep();
      expect((await offerIds(s)).sort()).toEqual([waiting.request.id, another.request.id].sort());
    });
  });

  describe('requests nobody takes', () => {
    it('close after 14 days, and the member is told', async () => {
      const member = await buildUser(t.app);
      const { request } = await ask(member, { preferences: { languages: [poolLanguage()] } });
      t.clock.advanceMinutes(14 * 24 * 60 - 1);
      await t.app.kindred.mentoring.sweep();
      expect((await member.client.get('/api/mentoring/requests/current')).json().request.status).toBe('waiting');
      t.clock.advanceMinutes(2);
      await t.app.kindred.mentoring.sweep();
      const closed = (await member.client.get('/api/mentoring/requests/current')).json().request;
      expect(closed).toMatchObject({ id: request.id, status: 'expired', nextWidenAt: null, safetyNotice: null });
      // A new request may be made at once.
      const again = await ask(member, { preferences: { languages: [poolLanguage()] } });
      await member.client.post(`/api/mentoring/requests/${again.request.id}/cancel`);
    });
  });

  describe('events and roles', () => {
    it('the member hears over the socket when a supporter accepts; the supporter hears offers arrive', async () => {
      const lang = poolLanguage();
      const s = await supporter(t.app, { languages: [lang] });
      const member = await buildUser(t.app);
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const [ms, ss] = await Promise.all([TestSocket.open(t.app, member.client), TestSocket.open(t.app, s.client)]);
      try {
        const { request } = await ask(member, { preferences: { languages: [lang] } });
        await t.app.kindred.dispatcher.idle();
        const offer = await ss.next((m) => m.type === 'event' && m.event.type === 'mentoring.offer_received');
        expect(offer).toMatchObject({ room: `user:${s.id}`, event: { data: { offer: { requestId: request.id, topic: CALM_TOPIC } } } });
        const accepted = await s.client.post(`/api/mentoring/offers/${request.id}/accept`);
        await t.app.kindred.dispatcher.idle();
        const started = await ms.next((m) => m.type === 'event' && m.event.type === 'mentoring.mentorship_started');
        expect(started).toMatchObject({ room: `user:${member.id}`, event: { data: { mentorshipId: accepted.json().id } } });
        const updated = await ms.next((m) => m.type === 'event' && m.event.type === 'mentoring.request_updated' && (m.event.data as { request: { status: string } }).request.status === 'matched');
        expect(updated).toMatchObject({ event: { data: { request: { id: request.id, mentorshipId: accepted.json().id } } } });
      } finally {
        ms.close();
        ss.close();
      }
    });

    it('a supporter whose role is removed lets go of their offers and gets no new ones', async () => {
      const lang = poolLanguage();
      const s = await supporter(t.app, { languages: [lang] });
      const { request } = await ask(await buildUser(t.app), { preferences: { languages: [lang] } });
      expect(await offerIds(s)).toContain(request.id);
      const admin = await ensureAdmin(t.app);
      expect((await admin.client.put(`/api/admin/users/${s.id}/roles`, { roles: [] })).statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();
      const rows = await t.app.kindred.database.db.selectFrom('support_request_offers').select('response').where('supporter_id', '=', s.id).execute();
      expect(rows.map((r) => r.response)).toEqual(['withdrawn']);
      await vi.waitFor(() => expect(t.app.kindred.mentoring.index.get(s.id)).toBeUndefined());
      const next = await ask(await buildUser(t.app), { preferences: { languages: [lang] } });
      expect(next.request.offeredCount).toBe(0);
    });
  });

  describe('capacity under concurrency', () => {
    it('20 accepts for the last slot: exactly one wins, the rest get a clear 409', async () => {
      const lang = poolLanguage();
      const s = await supporter(t.app, { languages: [lang], capacity: 2 });
      await matched(t.app, { supporter: s });
      const requests: string[] = [];
      for (let i = 0; i < 20; i++) requests.push((await ask(await buildUser(t.app), { preferences: { languages: [lang] } })).request.id);
      expect((await offerIds(s)).length).toBe(20);

      const results = await Promise.all(requests.map((id) => s.client.post(`/api/mentoring/offers/${id}/accept`)));
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(19);
      for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.message).toMatch(/You are at your capacity of 2 mentees/);
      const active = await t.app.kindred.database.db.selectFrom('mentorships').select('id').where('supporter_id', '=', s.id).where('status', '=', 'active').execute();
      expect(active).toHaveLength(2);
    });

    it('20 supporters accept the same request: one wins, the others are told someone else did', async () => {
      const lang = poolLanguage();
      const supporters: BuiltUser[] = [];
      for (let i = 0; i < 20; i++) supporters.push(await supporter(t.app, { languages: [lang] }));
      const { request } = await ask(await buildUser(t.app), { preferences: { languages: [lang] } });
      for (let round = 0; round < 4; round++) {
        t.clock.advanceMinutes(15);
        await t.app.kindred.mentoring.sweep();
      }
      for (const s of supporters) expect(await offerIds(s)).toContain(request.id);
      const results = await Promise.all(supporters.map((s) => s.client.post(`/api/mentoring/offers/${request.id}/accept`)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      const losers = results.filter((r) => r.statusCode === 409);
      expect(losers).toHaveLength(19);
      for (const r of losers) expect(r.json().error.message).toMatch(/Someone else has already accepted this request|no longer offered/);
      const rows = await t.app.kindred.database.db.selectFrom('mentorships').select('id').where('request_id', '=', request.id).execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('mentorship', () => {
    it('either side ends it with a kind closing message (screened, encrypted); the member then leaves feedback once, for supervisors only', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const other = await buildUser(t.app);
      expect((await other.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(404);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 5 })).statusCode).toBe(409);

      const closing = 'It was good to talk with you. Take care of yourself.';
      const ended = await s.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, { closingMessage: closing });
      expect(ended.statusCode).toBe(200);
      expect(ended.json().mentorship).toMatchObject({ status: 'ended', endedByMe: true, endReason: 'supporter_ended', role: 'supporter' });
      const stored = await t.app.kindred.database.db.selectFrom('mentorship_messages').selectAll().where('mentorship_id', '=', mentorshipId).execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ kind: 'closing', sender_id: s.id, state: 'visible' });
      expect(stored[0]!.body_enc).not.toContain('good to talk');
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, {})).statusCode).toBe(409);

      expect((await s.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 5 })).statusCode).toBe(403);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 6 })).statusCode).toBe(400);
      const fb = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 4, note: 'Patient and kind, helped me sleep better.' });
      expect(fb.statusCode).toBe(201);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 5 })).statusCode).toBe(409);
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ feedbackGiven: true, endReason: 'supporter_ended', endedByMe: false });
      const row = await t.app.kindred.database.db.selectFrom('mentorship_feedback').selectAll().where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
      expect(row.note_enc).not.toContain('Patient');

      expect((await s.client.get(`/api/mentoring/supporters/${s.id}/feedback`)).statusCode).toBe(403);
      expect((await member.client.get(`/api/mentoring/supporters/${s.id}/feedback`)).statusCode).toBe(403);
      // Only the supporter's own supervisor reads it.
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      expect((await supervisor.client.get(`/api/mentoring/supporters/${s.id}/feedback`)).statusCode).toBe(403);
      await assignSupervisor(t.app, s, supervisor);
      const read = await supervisor.client.get(`/api/mentoring/supporters/${s.id}/feedback`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ count: 1, averageRating: 4, feedback: [{ rating: 4, note: 'Patient and kind, helped me sleep better.' }] });
      const audit = (await s.client.get('/api/me/audit')).json().entries as { action: string }[];
      expect(audit.map((a) => a.action)).toContain('mentoring.feedback_read');
    });

    it('a closing message that shares contact details is held, not passed on, and goes to the review queue', async () => {
      const { member, mentorshipId } = await matched(t.app);
      const ended = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, { closingMessage: 'Thanks so much! Text me any time on 07700 900123.' });
      expect(ended.statusCode).toBe(200);
      expect(ended.json().closingHeld).toBe('contact_details');
      const row = await t.app.kindred.database.db.selectFrom('mentorship_messages').selectAll().where('mentorship_id', '=', mentorshipId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: 'closing', state: 'held', hold_reason: 'contact_details' });
      expect(row.body_enc).not.toContain('07700');
      const held = await t.app.kindred.database.db.selectFrom('held_content').selectAll().where('object_id', '=', row.id).executeTakeFirst();
      expect(held).toMatchObject({ object_type: 'mentorship_message', status: 'pending' });
    });

    it('the member switches without explaining: the supporter reads only that it ended, and the new request skips them', async () => {
      const lang = poolLanguage();
      const first = await supporter(t.app, { languages: [lang] });
      const second = await supporter(t.app, { languages: [lang] });
      const member = await buildUser(t.app);
      const { request } = await ask(member, { preferences: { languages: [lang] } });
      const accepted = await first.client.post(`/api/mentoring/offers/${request.id}/accept`);
      const mentorshipId = accepted.json().id as string;
      expect(await offerIds(second)).not.toContain(request.id);

      expect((await first.client.post(`/api/mentoring/mentorships/${mentorshipId}/switch`)).statusCode).toBe(403);
      const switched = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/switch`);
      expect(switched.statusCode).toBe(201);
      expect(switched.json().mentorship.endReason).toBe('switched');
      const next = switched.json().request;
      expect(next).toMatchObject({ status: 'waiting', topic: CALM_TOPIC, round: 1, offeredCount: 1 });
      expect(await offerIds(second)).toContain(next.id);
      expect(await offerIds(first)).not.toContain(next.id);
      expect((await first.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', endReason: 'member_ended' });
      // Continuity: the member may ask for the first supporter again by name.
      await member.client.post(`/api/mentoring/requests/${next.id}/cancel`);
      const again = await ask(member, { preferredSupporterId: first.id, preferences: { languages: [lang] } });
      expect(again.request.offeredCount).toBe(1);
      expect(await offerIds(first)).toContain(again.request.id);
      expect(await offerIds(second)).not.toContain(again.request.id);
      const stranger = await supporter(t.app, { languages: [lang] });
      const byNameUnknown = await (await buildUser(t.app)).client.post('/api/mentoring/requests', { topic: CALM_TOPIC, preferredSupporterId: stranger.id });
      expect(byNameUnknown.statusCode).toBe(400);
      await member.client.post(`/api/mentoring/requests/${again.request.id}/cancel`);
    });

    it('handover: the supporter proposes, the colleague accepts, and only the member’s consent moves the mentorship', async () => {
      const { supporter: from, member, mentorshipId } = await matched(t.app);
      const to = await supporter(t.app, { languages: [poolLanguage()], capacity: 1 });
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/handovers`, { toSupporterId: to.id, note: 'x' })).statusCode).toBe(403);
      expect((await from.client.post(`/api/mentoring/mentorships/${mentorshipId}/handovers`, { toSupporterId: member.id, note: 'x' })).statusCode).toBe(400);
      const proposed = await from.client.post(`/api/mentoring/mentorships/${mentorshipId}/handovers`, { toSupporterId: to.id, note: 'They would like someone with evening hours.' });
      expect(proposed.statusCode).toBe(201);
      const handoverId = proposed.json().handover.id as string;
      expect((await member.client.post(`/api/mentoring/handovers/${handoverId}/consent`, { consent: true })).statusCode).toBe(409);
      expect((await to.client.get('/api/mentoring/handovers')).json().handovers[0]).toMatchObject({ id: handoverId, status: 'proposed', note: 'They would like someone with evening hours.' });
      expect((await to.client.post(`/api/mentoring/handovers/${handoverId}/accept`)).json().status).toBe('accepted_by_supporter');
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json().handover).toMatchObject({ id: handoverId, status: 'accepted_by_supporter' });

      const consented = await member.client.post(`/api/mentoring/handovers/${handoverId}/consent`, { consent: true });
      expect(consented.statusCode).toBe(200);
      const newId = consented.json().newMentorshipId as string;
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', endReason: 'handed_over' });
      const now = (await member.client.get(`/api/mentoring/mentorships/${newId}`)).json();
      expect(now).toMatchObject({ status: 'active', supporter: { id: to.id, hasCapacity: false } });
      expect((await to.client.get('/api/mentoring/supporter-profile')).json().profile.activeMentees).toBe(1);
    });

    it('two handover proposals at once with different keys: one is stored, the other gets the sequential 409 (migration 0041)', async () => {
      const { supporter: from, member, mentorshipId } = await matched(t.app);
      const [to1, to2] = await Promise.all([supporter(t.app, { languages: [poolLanguage()] }), supporter(t.app, { languages: [poolLanguage()] })]);
      const url = `/api/mentoring/mentorships/${mentorshipId}/handovers`;
      const propose = (to: BuiltUser) => () => from.client.post(url, { toSupporterId: to.id, note: 'They would like evening hours.', clientId: randomUUID() });
      // PostgreSQL: both pass the "already under way" check, then wait to insert (the handover's
      // foreign key waits for the locked mentorship row), so only the index can keep them apart.
      // SQLite runs one write transaction at a time.
      const answers =
        database.name === 'postgres'
          ? await queuedBehindRowLock(t.app.kindred.database.db, 'mentorships', mentorshipId, propose(to1), propose(to2))
          : await Promise.all([propose(to1)(), propose(to2)()]);
      expect(answers.map((r) => r.statusCode).sort(), answers.map((r) => r.body).join('\n')).toEqual([201, 409]);
      const refused = answers.find((r) => r.statusCode === 409)!;
      expect(refused.json().error.message).toBe('A handover for this mentorship is already under way.');
      const open = await t.app.kindred.database.db.selectFrom('handovers').select(['id', 'to_supporter_id']).where('mentorship_id', '=', mentorshipId).where('status', 'in', ['proposed', 'accepted_by_supporter']).execute();
      expect(open).toEqual([{ id: answers.find((r) => r.statusCode === 201)!.json().handover.id, to_supporter_id: expect.any(String) }]);
      // Only the colleague of the stored one is asked; the member sees that one.
      const loser = open[0]!.to_supporter_id === to1.id ? to2 : to1;
      expect((await loser.client.get('/api/mentoring/handovers')).json().handovers).toEqual([]);
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json().handover).toMatchObject({ id: open[0]!.id, status: 'proposed' });
    });

    /** A matched pair, and a handover to a colleague that the colleague has accepted (waiting for the member's consent). */
    async function acceptedHandover() {
      const { supporter: from, member, mentorshipId } = await matched(t.app);
      const to = await supporter(t.app, { languages: [poolLanguage()] });
      const proposed = await from.client.post(`/api/mentoring/mentorships/${mentorshipId}/handovers`, { toSupporterId: to.id, note: 'They would like evening hours.' });
      expect(proposed.statusCode, proposed.body).toBe(201);
      const handoverId = proposed.json().handover.id as string;
      expect((await to.client.post(`/api/mentoring/handovers/${handoverId}/accept`)).statusCode).toBe(200);
      return { from, member, mentorshipId, to, handoverId };
    }

    it.runIf(database.name === 'postgres')('PostgreSQL: the member consenting while the supporter ends the mentorship does not deadlock; the consent goes first, the end is refused', async () => {
      const { from, member, mentorshipId, to, handoverId } = await acceptedHandover();
      // The consent queues first for the handover's row, the end after it. Ending locks the mentorship
      // and then cancels its open handovers; a consent that took the handover first and the mentorship
      // second waited for the end while the end waited for it: PostgreSQL broke the deadlock with a 500.
      const [consent, end] = await queuedBehindRowLock(
        t.app.kindred.database.db,
        'handovers',
        handoverId,
        () => member.client.post(`/api/mentoring/handovers/${handoverId}/consent`, { consent: true }),
        () => from.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, {}),
      );
      expect([consent.statusCode, end.statusCode], `${consent.body}\n${end.body}`).toEqual([200, 409]);
      expect(end.json().error.message).toBe('This mentorship has already ended.');
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', endReason: 'handed_over' });
      const next = (await member.client.get(`/api/mentoring/mentorships/${consent.json().newMentorshipId as string}`)).json();
      expect(next).toMatchObject({ status: 'active', supporter: { id: to.id } });
    });

    it.runIf(database.name === 'postgres')('PostgreSQL: the colleague taking over erasing their account while the member consents does not deadlock; the erasure goes first, the consent is refused', async () => {
      const { from, member, mentorshipId, to, handoverId } = await acceptedHandover();
      // The erasure queues first for the handover's row, the consent after it. The consent locks the
      // mentorship, then the colleague's supporter profile, then the handover; an erasure that wrote the
      // handover first and deleted the profile after waited for the consent while the consent waited
      // for it: PostgreSQL broke the deadlock with a 500.
      const [erase, consent] = await queuedBehindRowLock(
        t.app.kindred.database.db,
        'handovers',
        handoverId,
        () => to.client.post('/api/me/erase', { password: to.password, publicPosts: 'delete', confirm: 'DELETE' }),
        () => member.client.post(`/api/mentoring/handovers/${handoverId}/consent`, { consent: true }),
      );
      expect([erase.statusCode, consent.statusCode], `${erase.body}\n${consent.body}`).toEqual([200, 409]);
      expect(consent.json().error.message).toBe('That supporter can no longer take over. Your current mentorship continues.');
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'active', supporter: { id: from.id } });
      const row = await t.app.kindred.database.db.selectFrom('handovers').select(['to_supporter_id']).where('id', '=', handoverId).executeTakeFirstOrThrow();
      expect(row.to_supporter_id).toBeNull();
    });
  });

  describe('blocks and reports', () => {
    it('a member blocks their supporter: it ends, their requests never reach that supporter, and asking by name is refused without detail', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const lang = (await s.client.get('/api/mentoring/supporter-profile')).json().profile.languages[0] as string;
      expect((await member.client.post('/api/mentoring/blocks', { userId: member.id })).statusCode).toBe(400);
      expect((await member.client.post('/api/mentoring/blocks', { userId: s.id })).statusCode).toBe(201);
      expect((await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', endReason: 'blocked', endedByMe: true });
      expect((await s.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', endReason: 'member_ended' });
      expect((await member.client.get('/api/mentoring/blocks')).json().blocks).toEqual([expect.objectContaining({ userId: s.id, handle: s.handle })]);

      const byName = await member.client.post('/api/mentoring/requests', { topic: CALM_TOPIC, preferredSupporterId: s.id });
      expect(byName.statusCode).toBe(409);
      expect(byName.json().error.message).toBe('You cannot ask for this supporter by name. You can still ask for support without choosing someone.');
      const { request } = await ask(member, { preferences: { languages: [lang] } });
      expect(request.offeredCount).toBe(0);
      expect(await offerIds(s)).not.toContain(request.id);
      await member.client.post(`/api/mentoring/requests/${request.id}/cancel`);
      expect((await member.client.delete(`/api/mentoring/blocks/${s.id}`)).statusCode).toBe(200);
      expect((await member.client.delete(`/api/mentoring/blocks/${s.id}`)).statusCode).toBe(404);
    });

    it('a supporter blocks a member: that member’s requests never reach them', async () => {
      const { supporter: s, member } = await matched(t.app);
      const lang = (await s.client.get('/api/mentoring/supporter-profile')).json().profile.languages[0] as string;
      expect((await s.client.post('/api/mentoring/blocks', { userId: member.id })).statusCode).toBe(201);
      const { request } = await ask(member, { preferences: { languages: [lang] } });
      expect(await offerIds(s)).not.toContain(request.id);
      const byName = await member.client.post('/api/mentoring/requests', { topic: CALM_TOPIC, preferredSupporterId: s.id });
      expect(byName.statusCode).toBe(409);
      await member.client.post(`/api/mentoring/requests/${request.id}/cancel`);
    });

    it('reports reach supervisors only, and each review is in the reported person’s audit log', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const res = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'boundary', note: 'They asked for my phone number.' });
      expect(res.statusCode).toBe(201);
      expect((await (await buildUser(t.app)).client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'spam' })).statusCode).toBe(404);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'nonsense' })).statusCode).toBe(400);
      expect((await member.client.get('/api/mentoring/reports')).statusCode).toBe(403);
      expect((await s.client.get('/api/mentoring/reports')).statusCode).toBe(403);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const list = (await supervisor.client.get('/api/mentoring/reports')).json().reports as { id: string; note: string; reported: { id: string } }[];
      const mine = list.find((r) => r.id === res.json().id)!;
      expect(mine).toMatchObject({ note: 'They asked for my phone number.', reported: { id: s.id } });
      const audit = (await s.client.get('/api/me/audit')).json().entries as { action: string }[];
      expect(audit.map((a) => a.action)).toContain('mentoring.report_reviewed');
    });
  });

  describe('supervisor access', () => {
    it('lists a supervisor’s own consented conversation behind more than a page of newer grants to other supervisors', async () => {
      const mine = await matched(t.app);
      const theirs = await matched(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const otherSupervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await assignSupervisor(t.app, mine.supporter, supervisor);
      await assignSupervisor(t.app, theirs.supporter, otherSupervisor);
      for (const m of [mine, theirs]) expect((await m.member.client.post(`/api/mentoring/mentorships/${m.mentorshipId}/supervisor-consent`, { grant: true, days: 3 })).statusCode).toBe(200);
      const db = t.app.kindred.database.db;
      const grant = await db.selectFrom('supervisor_access_grants').selectAll().where('mentorship_id', '=', theirs.mentorshipId).executeTakeFirstOrThrow();
      // More than a page of consent grants newer than this supervisor's, all to the other supervisor.
      const newer = Array.from({ length: CONVERSATIONS_LISTED + 5 }, (_, i) => ({ ...grant, id: randomUUID(), created_at: new Date(Date.parse(grant.created_at) + 1000 + i).toISOString() }));
      for (let i = 0; i < newer.length; i += 50) await db.insertInto('supervisor_access_grants').values(newer.slice(i, i + 50)).execute();
      const listed = (await supervisor.client.get('/api/mentoring/supervision/conversations')).json().conversations as { mentorshipId: string }[];
      expect(listed.map((c) => c.mentorshipId)).toContain(mine.mentorshipId);
      const theirList = (await otherSupervisor.client.get('/api/mentoring/supervision/conversations')).json().conversations as { mentorshipId: string }[];
      expect(theirList).toHaveLength(CONVERSATIONS_LISTED);
      expect(new Set(theirList.map((c) => c.mentorshipId))).toEqual(new Set([theirs.mentorshipId]));
    });

    it('without a grant a supervisor is refused; with the member’s consent (the supporter’s own supervisor) or an escalation (any supervisor) they may open it, and each opening is in the member’s audit view', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const otherSupervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await assignSupervisor(t.app, s, supervisor);
      const mentoring = t.app.kindred.mentoring;
      expect((await supervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(403);
      expect(await mentoring.mayReadConversation(supervisor.actor, mentorshipId)).toBeNull();
      expect(await mentoring.mayReadConversation(member.actor, mentorshipId)).toBe('participant');
      expect(await mentoring.mayReadConversation(s.actor, mentorshipId)).toBe('participant');

      // Consent: only the member can give it.
      expect((await s.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true })).statusCode).toBe(403);
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 0 })).statusCode).toBe(400);
      const consent = await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true, days: 3 });
      expect(consent.statusCode).toBe(200);
      expect(consent.json().supervisorAccess).toEqual([expect.objectContaining({ kind: 'consent', active: true })]);
      expect(await mentoring.mayReadConversation(supervisor.actor, mentorshipId)).toBe('supervisor');
      // Consent reaches the supporter's assigned supervisor, not every supervisor.
      expect(await mentoring.mayReadConversation(otherSupervisor.actor, mentorshipId)).toBeNull();
      expect((await otherSupervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(403);
      expect(((await otherSupervisor.client.get('/api/mentoring/supervision/conversations')).json().conversations as { mentorshipId: string }[]).map((c) => c.mentorshipId)).not.toContain(mentorshipId);
      const opened = await supervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`);
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toMatchObject({ role: 'supervisor', member: { id: member.id }, supporter: { id: s.id } });
      let entries = (await member.client.get('/api/me/audit')).json().entries as { action: string; reason: string }[];
      expect(entries.filter((e) => e.action === 'mentoring.conversation_opened').map((e) => e.reason)).toEqual([expect.stringMatching(/consent/)]);

      // Revoked: refused again. Expired consent is refused too.
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: false });
      expect((await supervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(403);

      // Escalation by the supporter: the note is for supervisors and the supporter, not the member.
      expect((await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/escalate`, { note: 'help' })).statusCode).toBe(403);
      const esc = await s.client.post(`/api/mentoring/mentorships/${mentorshipId}/escalate`, { note: 'They mentioned not feeling safe at home.' });
      expect(esc.statusCode).toBe(201);
      const escGrant = (esc.json().mentorship.supervisorAccess as { kind: string; note: string | null; active: boolean }[]).find((g) => g.kind === 'escalation')!;
      expect(escGrant).toMatchObject({ active: true, note: 'They mentioned not feeling safe at home.' });
      // The ask is an alert in the supervisors' queue (with its time limit), about the member.
      const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string; level: number; categories: string[] }[];
      const referral = alerts.find((a) => a.categories.includes('peer_referral'));
      expect(referral).toMatchObject({ level: 3 });
      expect((await supervisor.client.get(`/api/safety/alerts/${referral!.id}`)).json().member).toMatchObject({ id: member.id });
      const memberSees = (await member.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json().supervisorAccess as { kind: string; note: string | null }[];
      expect(memberSees.find((g) => g.kind === 'escalation')!.note).toBeNull();
      const list = (await supervisor.client.get('/api/mentoring/supervision/conversations')).json().conversations as { mentorshipId: string; grant: { note: string } }[];
      expect(list.find((c) => c.mentorshipId === mentorshipId)!.grant.note).toBe('They mentioned not feeling safe at home.');
      expect((await member.client.get('/api/mentoring/supervision/conversations')).statusCode).toBe(403);
      expect((await supervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(200);
      // The safety path stays open to every supervisor: an escalation is not limited to the assigned one.
      expect(await mentoring.mayReadConversation(otherSupervisor.actor, mentorshipId)).toBe('supervisor');
      entries = (await member.client.get('/api/me/audit')).json().entries as { action: string; reason: string }[];
      const openings = entries.filter((e) => e.action === 'mentoring.conversation_opened').map((e) => e.reason);
      expect(openings).toHaveLength(2);
      expect(openings).toEqual(expect.arrayContaining([expect.stringMatching(/supporter asked them for help/), expect.stringMatching(/consent/)]));

      // The escalation lapses after its days.
      t.clock.advanceMinutes(8 * 24 * 60);
      expect((await supervisor.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).statusCode).toBe(403);
    });

    it('lists consent only to the supporter’s current supervisor (it moves with a reassignment), escalations to every supervisor, newest first', async () => {
      const a = await matched(t.app);
      const b = await matched(t.app);
      const unassigned = await matched(t.app);
      const first = await buildUser(t.app, { roles: ['supervisor'] });
      const second = await buildUser(t.app, { roles: ['supervisor'] });
      await assignSupervisor(t.app, a.supporter, first);
      await assignSupervisor(t.app, b.supporter, second);
      const clock = t.app.kindred.clock as ManualClock;
      for (const m of [a, b, unassigned]) {
        clock.advance(1000);
        expect((await m.member.client.post(`/api/mentoring/mentorships/${m.mentorshipId}/supervisor-consent`, { grant: true, days: 3 })).statusCode).toBe(200);
      }
      const listOf = async (u: BuiltUser) => {
        const res = await u.client.get('/api/mentoring/supervision/conversations');
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().conversations as { mentorshipId: string; grant: { kind: string } }[]).filter((c) => [a, b, unassigned].some((m) => m.mentorshipId === c.mentorshipId)).map((c) => `${c.mentorshipId} ${c.grant.kind}`);
      };
      expect(await listOf(first)).toEqual([`${a.mentorshipId} consent`]);
      expect(await listOf(second)).toEqual([`${b.mentorshipId} consent`]);
      // b's supporter now answers to the first supervisor: b's consent goes with them.
      await assignSupervisor(t.app, b.supporter, first);
      expect(await listOf(first)).toEqual([`${b.mentorshipId} consent`, `${a.mentorshipId} consent`]);
      expect(await listOf(second)).toEqual([]);
      // An escalation is for any supervisor (this test runs after the one above, which looks for the
      // file's first peer-referral alert), whoever supervises the supporter (the unassigned one too).
      clock.advance(1000);
      expect((await unassigned.supporter.client.post(`/api/mentoring/mentorships/${unassigned.mentorshipId}/escalate`, { note: 'Please look at this one.' })).statusCode).toBe(201);
      expect(await listOf(second)).toEqual([`${unassigned.mentorshipId} escalation`]);
      expect((await listOf(first))[0]).toBe(`${unassigned.mentorshipId} escalation`);
      expect(await listOf(first)).toHaveLength(3);
    });

    it('a crisis screening in the conversation (through grantEscalationAccess) opens it to supervisors; the realtime room admits only participants and granted supervisors', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const stranger = await buildUser(t.app);
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const sockets = await Promise.all([member, s, supervisor, stranger].map((u) => TestSocket.open(t.app, u.client)));
      try {
        const [ms, ss, sup, str] = sockets;
        const room = `mentorship:${mentorshipId}`;
        expect((await ms!.subscribe(room)).type).toBe('subscribed');
        expect((await ss!.subscribe(room)).type).toBe('subscribed');
        expect((await str!.subscribe(room)).type).toBe('denied');
        expect((await sup!.subscribe(room)).type).toBe('denied');

        await t.app.kindred.uow.run((tx) => t.app.kindred.mentoring.grantEscalationAccess(tx, mentorshipId, null, 'A message suggested someone might be at risk, so a supervisor may read this conversation.'));
        expect((await sup!.subscribe(room)).type).toBe('subscribed');
        const entries = (await member.client.get('/api/me/audit')).json().entries as { action: string; reason: string }[];
        expect(entries.find((e) => e.action === 'mentoring.conversation_opened')!.reason).toMatch(/might be at risk/);
      } finally {
        for (const so of sockets) so.close();
      }
    });
  });

  describe('privacy', () => {
    it('export has the member’s requests, mentorships, messages and feedback; erasure leaves no row naming them', async () => {
      const { supporter: s, member, mentorshipId } = await matched(t.app);
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/supervisor-consent`, { grant: true });
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'Just checking how reports work.' });
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, { closingMessage: 'Thank you for everything.' });
      await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/feedback`, { rating: 5, note: 'Lovely.' });
      await member.client.post('/api/mentoring/blocks', { userId: s.id });
      const waiting = await ask(member, { preferences: { languages: [poolLanguage()] } });

      const exported = (await member.client.get('/api/me/export')).json().mentoring;
      expect(exported.requests.map((r: { topic: string }) => r.topic)).toEqual([CALM_TOPIC, CALM_TOPIC]);
      expect(exported.mentorships).toEqual([expect.objectContaining({ id: mentorshipId, role: 'member' })]);
      expect(exported.messagesSent).toEqual([expect.objectContaining({ kind: 'closing', body: 'Thank you for everything.' })]);
      expect(exported.feedbackGiven).toEqual([expect.objectContaining({ rating: 5, note: 'Lovely.' })]);

      const erase = await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' });
      expect(erase.statusCode).toBe(200);
      const db = t.app.kindred.database.db;
      const id = member.id;
      expect(await db.selectFrom('support_requests').select('id').where((eb) => eb.or([eb('member_id', '=', id), eb('id', '=', waiting.request.id)])).execute()).toEqual([]);
      expect(await db.selectFrom('mentorships').select('id').where((eb) => eb.or([eb('member_id', '=', id), eb('supporter_id', '=', id), eb('ended_by', '=', id)])).execute()).toEqual([]);
      expect(await db.selectFrom('mentorship_messages').select('id').where('sender_id', '=', id).execute()).toEqual([]);
      expect(await db.selectFrom('mentorship_feedback').select('mentorship_id').where('mentorship_id', '=', mentorshipId).execute()).toEqual([]);
      expect(await db.selectFrom('mentoring_blocks').select('blocker_id').where((eb) => eb.or([eb('blocker_id', '=', id), eb('blocked_id', '=', id)])).execute()).toEqual([]);
      expect(await db.selectFrom('supervisor_access_grants').select('id').where('granted_by', '=', id).execute()).toEqual([]);
      expect(await db.selectFrom('mentoring_reports').select('id').where((eb) => eb.or([eb('reporter_id', '=', id), eb('reported_id', '=', id)])).execute()).toEqual([]);
      expect(await db.selectFrom('support_request_offers').select('request_id').where('supporter_id', '=', id).execute()).toEqual([]);
      // The supporter keeps their side of the record, without the member's name.
      expect((await s.client.get(`/api/mentoring/mentorships/${mentorshipId}`)).json()).toMatchObject({ status: 'ended', member: null });
    });

    /** `n` copies of a mentorship, straight into the table (hundreds without hundreds of supporters), older than it. */
    async function copiesOf(mentorshipId: string, n: number, patch: Partial<{ status: 'active' | 'ended'; ended_at: string | null; end_reason: 'member_ended' | null }> = {}): Promise<string[]> {
      const db = t.app.kindred.database.db;
      const model = await db.selectFrom('mentorships').selectAll().where('id', '=', mentorshipId).executeTakeFirstOrThrow();
      const rows = Array.from({ length: n }, (_, i) => {
        const at = new Date(Date.parse(model.started_at) - (i + 1) * 60_000).toISOString();
        return { ...model, ...patch, id: `${mentorshipId}-${String(i).padStart(4, '0')}`, started_at: at, created_at: at };
      });
      for (let i = 0; i < rows.length; i += 100) await db.insertInto('mentorships').values(rows.slice(i, i + 100)).execute();
      return rows.map((r) => r.id);
    }

    it('export lists every mentorship of the person, however many (more than a page of them)', async () => {
      const { member, mentorshipId } = await matched(t.app);
      const older = await copiesOf(mentorshipId, 220, { status: 'ended', ended_at: new Date().toISOString(), end_reason: 'member_ended' });
      const exported = (await member.client.get('/api/me/export')).json().mentoring;
      const ids = (exported.mentorships as { id: string }[]).map((m) => m.id);
      expect(ids).toHaveLength(221);
      expect(new Set(ids)).toEqual(new Set([mentorshipId, ...older]));
    });

    it('erasure ends every active mentorship of the person, however many (more than a page of them)', async () => {
      const { member, mentorshipId } = await matched(t.app);
      const ids = [mentorshipId, ...(await copiesOf(mentorshipId, 220))];
      const erase = await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' });
      expect(erase.statusCode).toBe(200);
      const db = t.app.kindred.database.db;
      const rows = await db.selectFrom('mentorships').select(['status', 'end_reason']).where('id', 'in', ids).execute();
      expect(rows).toHaveLength(ids.length);
      expect(rows.filter((r) => r.status !== 'ended' || r.end_reason !== 'member_ended')).toEqual([]);
    });
  });
});

describe.each(testDatabases)('a supervisor’s conversation list on $name', (database) => {
  it('is one statement, however many supporters’ consent grants are in force (the supervisor filter is in SQL)', async () => {
    const queries: ExecutedQuery[] = [];
    let capturing = false;
    const { app, close } = await buildTestApp(database, { onQuery: (q) => void (capturing && queries.push(q)) });
    try {
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      const other = await buildUser(app, { roles: ['supervisor'] });
      const pairs = [];
      for (let i = 0; i < 4; i += 1) {
        const m = await matched(app);
        await assignSupervisor(app, m.supporter, i % 2 ? other : supervisor);
        expect((await m.member.client.post(`/api/mentoring/mentorships/${m.mentorshipId}/supervisor-consent`, { grant: true, days: 3 })).statusCode).toBe(200);
        pairs.push(m);
      }
      capturing = true;
      const res = await supervisor.client.get('/api/mentoring/supervision/conversations');
      capturing = false;
      expect(res.statusCode, res.body).toBe(200);
      expect(new Set((res.json().conversations as { mentorshipId: string }[]).map((c) => c.mentorshipId))).toEqual(new Set([pairs[0]!.mentorshipId, pairs[2]!.mentorshipId]));
      // Before, a page of every grant in force, then each supporter's supervisor asked one by one.
      expect(queries.filter((q) => /supervisor_access_grants|supervisor_assignments/.test(q.sql))).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
