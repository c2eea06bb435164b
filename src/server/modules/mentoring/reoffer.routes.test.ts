import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';
import { SUPPORTER_FREED } from './mentoring.service.js';

/**
 * A request waiting with nobody to ask is offered at once to a supporter who becomes free (an open
 * profile saved, away mode off, a mentorship ended), not at the next round of the sweep. The clock
 * never moves in these tests: without the immediate offer the request would wait 15 minutes.
 */
const TOPIC = 'I would like to talk about exam stress and sleeping badly.';
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
/** A language tag no other test uses: each test has its own pool of supporters. */
const poolLanguage = () => `en-x${randomBytes(3).toString('hex')}`;

function profile(lang: string, opts: { capacity?: number; accepting?: boolean } = {}) {
  return { experienceTags: ['anxiety'], languages: [lang], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: opts.capacity ?? 3, accepting: opts.accepting ?? true };
}

async function supporter(app: KindredApp, lang: string, opts: { capacity?: number; accepting?: boolean } = {}): Promise<BuiltUser> {
  const s = await buildUser(app, { roles: ['peer_supporter'] });
  const res = await s.client.put('/api/mentoring/supporter-profile', profile(lang, opts));
  if (res.statusCode !== 200) throw new Error(`profile: ${res.statusCode} ${res.body}`);
  return s;
}

async function ask(member: BuiltUser, lang: string): Promise<string> {
  const res = await member.client.post('/api/mentoring/requests', { topic: TOPIC, preferences: { languages: [lang] } });
  if (res.statusCode !== 201) throw new Error(`request: ${res.statusCode} ${res.body}`);
  return res.json().request.id as string;
}

async function offerIds(s: BuiltUser): Promise<string[]> {
  const res = await s.client.get('/api/mentoring/offers');
  expect(res.statusCode).toBe(200);
  return (res.json().offers as { requestId: string }[]).map((o) => o.requestId).sort();
}

async function current(member: BuiltUser) {
  return (await member.client.get('/api/mentoring/requests/current')).json().request as { id: string; status: string; pendingCount: number; declinedCount: number; noSupporterAvailable: boolean };
}

describe.each(testDatabases)('offering waiting requests to a supporter who becomes free, on $name', (database) => {
  const t = useTestApp(database);
  const idle = () => t.app.kindred.dispatcher.idle();

  it('a waiting request is offered the moment a supporter opens their profile, and again when one comes back from away; both sides hear it live', async () => {
    const lang = poolLanguage();
    const member = await buildUser(t.app);
    const s = await supporter(t.app, lang, { accepting: false });
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const [ms, ss] = await Promise.all([TestSocket.open(t.app, member.client), TestSocket.open(t.app, s.client)]);
    try {
      const requestId = await ask(member, lang);
      await idle();
      expect(await current(member)).toMatchObject({ id: requestId, status: 'waiting', pendingCount: 0, noSupporterAvailable: true });
      expect(await offerIds(s)).toEqual([]);

      // The supporter opens their profile: offered at once, no sweep, no clock moved.
      const from = ms.messages.length;
      expect((await s.client.put('/api/mentoring/supporter-profile', profile(lang))).statusCode).toBe(200);
      await idle();
      expect(await offerIds(s)).toEqual([requestId]);
      expect(await current(member)).toMatchObject({ status: 'waiting', pendingCount: 1, noSupporterAvailable: false });
      const offer = await ss.next((m) => m.type === 'event' && m.event.type === 'mentoring.offer_received');
      expect(offer).toMatchObject({ room: `user:${s.id}`, event: { data: { offer: { requestId, topic: TOPIC } } } });
      const updated = await ms.next(
        (m) => m.type === 'event' && m.event.type === 'mentoring.request_updated' && (m.event.data as { request: { noSupporterAvailable: boolean } }).request.noSupporterAvailable === false,
        5000,
        from,
      );
      expect(updated).toMatchObject({ room: `user:${member.id}`, event: { data: { request: { id: requestId, pendingCount: 1 } } } });

      // Away lets the offer go; away off brings it back at once (a withdrawn offer may be made again).
      const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
      expect((await s.client.put('/api/mentoring/supporter-profile/away', { away: { until } })).statusCode).toBe(200);
      await idle();
      expect(await offerIds(s)).toEqual([]);
      expect(await current(member)).toMatchObject({ pendingCount: 0 });
      expect((await s.client.put('/api/mentoring/supporter-profile/away', { away: null })).statusCode).toBe(200);
      await idle();
      expect(await offerIds(s)).toEqual([requestId]);
      expect(await current(member)).toMatchObject({ pendingCount: 1, noSupporterAvailable: false });
      expect((await s.client.post(`/api/mentoring/offers/${requestId}/accept`)).statusCode).toBe(200);
    } finally {
      ms.close();
      ss.close();
    }
  });

  it('a supporter who declined the request is not offered it again when they save their profile or come back; a newcomer is', async () => {
    const lang = poolLanguage();
    const s = await supporter(t.app, lang);
    const member = await buildUser(t.app);
    const requestId = await ask(member, lang);
    expect(await offerIds(s)).toEqual([requestId]);
    expect((await s.client.post(`/api/mentoring/offers/${requestId}/decline`)).statusCode).toBe(200);
    await idle();
    expect(await current(member)).toMatchObject({ status: 'waiting', declinedCount: 1, pendingCount: 0 });

    expect((await s.client.put('/api/mentoring/supporter-profile', profile(lang, { capacity: 4 }))).statusCode).toBe(200);
    const until = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect((await s.client.put('/api/mentoring/supporter-profile/away', { away: { until } })).statusCode).toBe(200);
    expect((await s.client.put('/api/mentoring/supporter-profile/away', { away: null })).statusCode).toBe(200);
    await idle();
    expect(await offerIds(s)).toEqual([]);
    expect(await current(member)).toMatchObject({ status: 'waiting', pendingCount: 0 });

    // The same path does offer it to someone who has not declined it.
    const newcomer = await supporter(t.app, lang);
    await idle();
    expect(await offerIds(newcomer)).toEqual([requestId]);
    expect(await offerIds(s)).toEqual([]);
    expect(await current(member)).toMatchObject({ pendingCount: 1, noSupporterAvailable: false });
  });

  it('two mentorships ending at once free two places: exactly two waiting requests are offered, and both can be accepted', async () => {
    const lang = poolLanguage();
    const s = await supporter(t.app, lang, { capacity: 2 });
    const mentees: { member: BuiltUser; mentorshipId: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const member = await buildUser(t.app);
      const requestId = await ask(member, lang);
      const accepted = await s.client.post(`/api/mentoring/offers/${requestId}/accept`);
      expect(accepted.statusCode).toBe(200);
      mentees.push({ member, mentorshipId: accepted.json().id as string });
    }
    // Full: three more members wait with nobody to ask.
    const waiting = await Promise.all([0, 1, 2].map(() => buildUser(t.app)));
    const requestIds: string[] = [];
    for (const w of waiting) requestIds.push(await ask(w, lang));
    await idle();
    expect(await offerIds(s)).toEqual([]);

    const ended = await Promise.all(mentees.map((m) => m.member.client.post(`/api/mentoring/mentorships/${m.mentorshipId}/end`, {})));
    expect(ended.map((r) => r.statusCode)).toEqual([200, 200]);
    await idle();

    const offered = await offerIds(s);
    expect(offered).toHaveLength(2);
    const states = await Promise.all(waiting.map((w) => current(w)));
    expect(states.filter((r) => r.noSupporterAvailable)).toHaveLength(1);
    expect(states.filter((r) => r.pendingCount === 1).map((r) => r.id).sort()).toEqual(offered);

    for (const id of offered) expect((await s.client.post(`/api/mentoring/offers/${id}/accept`)).statusCode).toBe(200);
    const load = (await s.client.get('/api/mentoring/supporter-profile')).json().profile;
    expect(load).toMatchObject({ capacity: 2, activeMentees: 2 });
    await idle();
    expect(await offerIds(s)).toEqual([]);
    const left = requestIds.find((id) => !offered.includes(id))!;
    expect(states.find((r) => r.id === left)).toMatchObject({ status: 'waiting', noSupporterAvailable: true });
  });

  it.skipIf(database.name !== 'postgres')('two freed events handled at once (two instances) never offer a supporter more requests than they have free places', async () => {
    const lang = poolLanguage();
    const s = await supporter(t.app, lang, { capacity: 2, accepting: false });
    const requestIds: string[] = [];
    for (let i = 0; i < 3; i++) requestIds.push(await ask(await buildUser(t.app), lang));
    await idle();
    expect(await offerIds(s)).toEqual([]);
    // Open again with no event written: only the two consumers below offer anything.
    const db = t.app.kindred.database.db;
    await db.updateTable('supporter_profiles').set({ accepting: 1 }).where('user_id', '=', s.id).execute();
    const consumer = t.app.kindred.mentoring.consumers().find((c) => c.name === 'mentoring.offer_to_freed_supporters')!;
    const freed = (n: number) => () =>
      t.app.kindred.uow.run((tx) => consumer.handle({ id: `freed-${n}-${s.id}`, type: SUPPORTER_FREED, occurredAt: t.clock.now().toISOString(), rooms: [], data: { userIds: [s.id] } }, tx));
    // Both would offer the oldest request first: the first waits behind its row, the second behind
    // the first (the supporter's row with the fix, the request's row without it).
    await queuedBehindRowLock(db, 'support_requests', requestIds[0]!, freed(1), freed(2));
    await idle();
    expect(await offerIds(s)).toHaveLength(2);
  });

  it('a save that gives no more room (a bio edit, fewer places, the same again) emits no freed event; more places or opening again does', async () => {
    const lang = poolLanguage();
    const s = await supporter(t.app, lang);
    await idle(); // the new profile's own event, before counting
    const freedFor: string[] = [];
    t.app.kindred.dispatcher.register({
      name: `test.count_freed.${s.id}`,
      types: [SUPPORTER_FREED],
      handle: async (event) => {
        if ((event.data as { userIds: string[] }).userIds.includes(s.id)) freedFor.push(event.id);
      },
    });
    const save = async (body: object) => expect((await s.client.put('/api/mentoring/supporter-profile', body)).statusCode).toBe(200);
    await save({ ...profile(lang), intro: 'I have been through exams too.' });
    await save({ ...profile(lang), intro: 'I have been through exams too.' });
    await save(profile(lang, { capacity: 2 }));
    await idle();
    expect(freedFor).toHaveLength(0);
    await save(profile(lang, { capacity: 3 }));
    await idle();
    expect(freedFor).toHaveLength(1);
    await save(profile(lang, { accepting: false }));
    await save(profile(lang));
    await idle();
    expect(freedFor).toHaveLength(2);
  });

  it('a freed supporter reaches a matching request behind more than a page of older waiting requests they do not fit', async () => {
    const lang = poolLanguage();
    const other = poolLanguage();
    const db = t.app.kindred.database.db;
    // 150 older requests in a language nobody here speaks (rows copied from one asked for real).
    const template = await buildUser(t.app);
    const firstId = await ask(template, other);
    const user = await db.selectFrom('users').selectAll().where('id', '=', template.id).executeTakeFirstOrThrow();
    const request = await db.selectFrom('support_requests').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
    for (let i = 0; i < 150; i++) {
      const id = `${template.id.slice(0, -6)}${String(i).padStart(6, '0')}`;
      await db.insertInto('users').values({ ...user, id, handle: `${user.handle}${i}`, handle_key: `${user.handle_key}${i}` }).execute();
      await db.insertInto('support_requests').values({ ...request, id: `${firstId.slice(0, -6)}${String(i).padStart(6, '0')}`, member_id: id }).execute();
    }
    const s = await supporter(t.app, lang, { accepting: false });
    const member = await buildUser(t.app);
    const requestId = await ask(member, lang);
    await idle();
    expect(await offerIds(s)).toEqual([]);
    expect((await s.client.put('/api/mentoring/supporter-profile', profile(lang))).statusCode).toBe(200);
    await idle();
    expect(await offerIds(s)).toEqual([requestId]);
  });
});
