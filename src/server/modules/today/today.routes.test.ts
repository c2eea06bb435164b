import { describe, expect, it } from 'vitest';
import type { TodayView } from '../../../contracts/today.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, programSpace, type BuiltUser } from '../../../../test/factories.js';
import { TestClient } from '../../../../test/client.js';
import { matchedPair } from '../../../../test/supervision-factories.js';
import type { KindredApp } from '../../app.js';
import { newId } from '../../platform/ids.js';

const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';
const ACTIVE = 'I want to kill myself.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function today(u: BuiltUser): Promise<TodayView> {
  return ok<TodayView>(await u.client.get('/api/me/today'));
}

async function openSpace(u: BuiltUser): Promise<string> {
  const spaces = (await u.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[];
  return spaces.find((s) => s.allowAnonymous)!.id;
}

/** A group in a new program, led by a new facilitator, with one member who joined it. */
async function groupWithMember(app: KindredApp) {
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, {
      name: 'Thursday circle of support',
      description: 'A small group for anxiety, meeting on Thursday evenings.',
      timeZone: 'Europe/London',
      agreement: AGREEMENT,
      facilitatorIds: [facilitator.id],
    }),
    201,
  );
  const member = await buildUser(app);
  await ok(await member.client.post(`/api/programs/${program.id}/join`, {}));
  await ok(await member.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
  return { facilitator, member, groupId: group.id };
}

describe.each(testDatabases)('today on $name', (database) => {
  const t = useTestApp(database);

  it('asks who is calling, and tells a visitor to sign in', async () => {
    expect((await new TestClient(t.app).get('/api/me/today')).statusCode).toBe(401);
  });

  it('shows a new member nothing waiting and no role parts, then their check-in, unread messages, waiting request and followed threads', async () => {
    const member = await buildUser(t.app);
    expect(await today(member)).toEqual({
      checkedInToday: false,
      unreadNotifications: 0,
      followedThreadsWithNews: 0,
      conversations: [],
      requestWaiting: false,
      nextMeeting: null,
      supporter: null,
      supervisor: null,
      facilitator: null,
    });

    // A check-in today; tomorrow (in their zone) the gentle prompt is back.
    await ok(await member.client.post('/api/me/checkins', { mood: 3 }), 201);
    expect((await today(member)).checkedInToday).toBe(true);
    t.clock.advance(24 * 3_600_000);
    expect((await today(member)).checkedInToday).toBe(false);

    // A request nobody can take yet (a language no supporter speaks) waits.
    await ok(await member.client.post('/api/mentoring/requests', { topic: 'I would like someone to talk to about sleep.', preferences: { languages: ['en-xnobody'] } }), 201);
    expect((await today(member)).requestWaiting).toBe(true);

    // A followed thread with a new reply: one thread, however many replies.
    const author = await buildUser(t.app);
    const thread = await ok<{ thread: { id: string } }>(await author.client.post(`/api/spaces/${await openSpace(author)}/threads`, { kind: 'story', title: 'Evenings alone', body: 'The evenings are the long part of the day.' }), 201);
    await ok(await member.client.put(`/api/threads/${thread.thread.id}/follow`));
    for (const body of ['Evenings were long for me too.', 'A call with a friend at seven helped me.']) await ok(await author.client.post(`/api/threads/${thread.thread.id}/posts`, { body }), 201);
    await t.app.kindred.dispatcher.idle();
    const view = await today(member);
    expect(view.followedThreadsWithNews).toBe(1);
    expect(view.unreadNotifications).toBeGreaterThanOrEqual(1);
    await ok(await member.client.post('/api/notifications/read', { all: true }));
    expect(await today(member)).toMatchObject({ unreadNotifications: 0, followedThreadsWithNews: 0 });
  });

  it('stops counting a followed thread with news once its reader may no longer read it (they left its program)', async () => {
    const { leaver, stayer, programId, spaceId } = await programSpace(t.app);
    const thread = await ok<{ thread: { id: string } }>(await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'story', title: 'Nights again', body: 'Back on nights this week.' }), 201);
    await ok(await leaver.client.put(`/api/threads/${thread.thread.id}/follow`));
    await ok(await stayer.client.post(`/api/threads/${thread.thread.id}/posts`, { body: 'Three more to go.' }), 201);
    await t.app.kindred.dispatcher.idle();
    expect((await today(leaver)).followedThreadsWithNews).toBe(1);
    await ok(await leaver.client.delete(`/api/programs/${programId}/membership`));
    expect((await today(leaver)).followedThreadsWithNews).toBe(0);
  });

  it("lists the member's conversations with unread messages, and the supporter's mentees waiting and offers", async () => {
    const { supporter, member, mentorshipId } = await matchedPair(t.app);
    expect((await today(member)).conversations).toEqual([]);
    await ok(await supporter.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Hello, I am glad you asked. How are you today?', clientId: newId() }), 201);
    expect((await today(member)).conversations).toEqual([{ mentorshipId, unread: 1 }]);
    expect((await today(supporter)).supporter).toMatchObject({ menteesWaiting: 0 });

    await ok(await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Thank you. A bit tired, but here.', clientId: newId() }), 201);
    const s = await today(supporter);
    expect(s.supporter).toMatchObject({ menteesWaiting: 1, offers: 0 });
    // The supporter's own conversations as a supporter are not "theirs" to read as a member's.
    expect(s.conversations).toEqual([]);
    // No text of the conversation, and no one's handle, in either answer.
    for (const u of [member, supporter]) {
      const body = (await u.client.get('/api/me/today')).body;
      expect(body).not.toContain('glad you asked');
      expect(body).not.toContain(member.handle);
    }
  });

  it('counts for a supporter the requests offered to them and the questions nobody answered, only in the spaces they may read', async () => {
    const { supporter } = await matchedPair(t.app, { capacity: 3 });
    const lang = ((await supporter.client.get('/api/mentoring/supporter-profile')).json().profile as { languages: string[] }).languages[0]!;
    const before = (await today(supporter)).supporter!;

    const asker = await buildUser(t.app);
    await ok(await asker.client.post('/api/mentoring/requests', { topic: 'Exams again, and I cannot sleep.', preferences: { languages: [lang] } }), 201);
    expect((await today(supporter)).supporter!.offers).toBe(before.offers + 1);

    // A question in an open space counts; one in a program's space the supporter is not in does not.
    await ok(await asker.client.post(`/api/spaces/${await openSpace(asker)}/threads`, { kind: 'question', title: 'How do you wind down?', body: 'What helps you sleep before an exam?' }), 201);
    const { stayer, spaceId } = await programSpace(t.app);
    await ok(await stayer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'question', title: 'Night shifts and sleep', body: 'How do you sleep in the day?' }), 201);
    expect((await today(supporter)).supporter!.unansweredQuestions).toBe(before.unansweredQuestions + 1);
    // A member sees no supporter part at all.
    expect((await today(asker)).supporter).toBeNull();
  });

  it('shows supervisors (and admins) the open alerts and held items with the oldest one’s time, and nobody else', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const before = (await today(supervisor)).supervisor!;
    const writer = await buildUser(t.app, { region: 'GB' });
    const raisedAt = t.clock.now().toISOString();
    expect((await ok<{ safety: { level: number } }>(await writer.client.patch('/api/me/profile', { bio: ACTIVE }))).safety.level).toBe(3);
    t.clock.advance(60_000);
    const author = await buildUser(t.app);
    await ok(await author.client.post(`/api/spaces/${await openSpace(author)}/threads`, { kind: 'story', title: 'Where I am tonight', body: METHOD, anonymous: true }), 201);
    await t.app.kindred.dispatcher.idle();

    const view = (await today(supervisor)).supervisor!;
    expect(view.alerts.count).toBe(before.alerts.count + 2);
    expect(view.held.count).toBe(before.held.count + 1);
    expect(view.alerts.oldestAt! <= raisedAt).toBe(true);
    expect(view.held.oldestAt).not.toBeNull();
    const body = (await supervisor.client.get('/api/me/today')).body;
    for (const secret of [author.handle, writer.handle, '40 pills', 'kill myself']) expect(body).not.toContain(secret);

    expect((await today(await ensureAdmin(t.app))).supervisor).not.toBeNull();
    for (const role of [[], ['peer_supporter'], ['facilitator']] as const) {
      expect((await today(await buildUser(t.app, { roles: [...role] }))).supervisor).toBeNull();
    }
  });

  it('counts an acknowledged alert until it is resolved, and a held item until it is decided', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const openIds = async () => new Set(((await supervisor.client.get('/api/safety/alerts?status=open&limit=200')).json().alerts as { id: string }[]).map((a) => a.id));
    const known = await openIds();
    const before = (await today(supervisor)).supervisor!;
    for (const bio of [ACTIVE, METHOD]) await ok(await (await buildUser(t.app, { region: 'GB' })).client.patch('/api/me/profile', { bio }));
    await t.app.kindred.dispatcher.idle();
    const raised = [...(await openIds())].filter((id) => !known.has(id));
    expect(raised).toHaveLength(2);
    expect((await today(supervisor)).supervisor).toMatchObject({ alerts: { count: before.alerts.count + 2 }, held: { count: before.held.count + 1 } });

    // Acknowledged is still open work; resolved is not.
    await ok(await supervisor.client.post(`/api/safety/alerts/${raised[0]}/acknowledge`));
    expect((await today(supervisor)).supervisor!.alerts.count).toBe(before.alerts.count + 2);
    await ok(await supervisor.client.post(`/api/safety/alerts/${raised[1]}/resolve`, { outcome: 'member_safe_and_supported' }));
    expect((await today(supervisor)).supervisor!.alerts.count).toBe(before.alerts.count + 1);
    await ok(await supervisor.client.post(`/api/safety/alerts/${raised[0]}/resolve`, { outcome: 'member_safe_and_supported' }));
    expect((await today(supervisor)).supervisor!.alerts.count).toBe(before.alerts.count);

    const held = (await supervisor.client.get('/api/safety/held')).json().items as { id: string; createdAt: string }[];
    const newest = held.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b));
    await ok(await supervisor.client.post(`/api/safety/held/${newest.id}/decision`, { action: 'remove' }));
    expect((await today(supervisor)).supervisor!.held.count).toBe(before.held.count);
  });

  it("does not count for a supporter a mentee whose mentorship has ended", async () => {
    const { supporter, member, mentorshipId } = await matchedPair(t.app);
    await ok(await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Thank you. A bit tired, but here.', clientId: newId() }), 201);
    expect((await today(supporter)).supporter!.menteesWaiting).toBe(1);
    await ok(await member.client.post(`/api/mentoring/mentorships/${mentorshipId}/end`, {}));
    expect((await today(supporter)).supporter!.menteesWaiting).toBe(0);
  });

  it('counts the unanswered questions its list shows: not a held or removed one, nor one under a warning the reader hides, and up to a cap', async () => {
    const { supporter } = await matchedPair(t.app);
    const asker = await buildUser(t.app, { region: 'GB' });
    const space = await openSpace(asker);
    const count = async () => (await today(supporter)).supporter!.unansweredQuestions;
    const listed = async () => ((await supporter.client.get('/api/threads?list=unanswered&limit=100')).json().threads as unknown[]).length;
    const before = await count();

    // Held for review (method detail): not visible, so not waiting for an answer; then removed.
    const heldQuestion = await ok<{ thread: { id: string } }>(await asker.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Is this the only way out?', body: METHOD, anonymous: true }), 201);
    expect(await count()).toBe(before);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const held = (await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectType: string; objectId: string; createdAt: string }[];
    const item = held.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b));
    await ok(await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'remove' }));
    expect(await count()).toBe(before);
    expect((await supporter.client.get(`/api/threads/${heldQuestion.thread.id}`)).statusCode).not.toBe(200);

    // Under a warning the reader hides: neither listed nor counted; shown again when they show it.
    await ok(await supporter.client.put('/api/me/content-warnings', { prefs: { eating: 'hide' } }));
    const listedBefore = await listed();
    await ok(await asker.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Mealtimes with family', body: 'How do you get through family dinners?', warnings: ['eating'] }), 201);
    expect(await count()).toBe(before);
    expect(await listed()).toBe(listedBefore);
    await ok(await supporter.client.put('/api/me/content-warnings', { prefs: { eating: 'show' } }));
    expect(await count()).toBe(before + 1);

    // The count stops at its cap (the home shows "100 or more").
    const actor = { userId: supporter.id, handle: supporter.handle, roles: ['member', 'peer_supporter'] as const, sessionId: '', region: null };
    expect(before + 1).toBeGreaterThan(1);
    expect(await t.app.kindred.communities.unansweredQuestionCount({ ...actor, roles: [...actor.roles] }, 1)).toBe(1);
  });

  it("counts a supporter's own held question, as their unanswered list shows it to them, and nobody else's", async () => {
    const { supporter } = await matchedPair(t.app);
    const other = await matchedPair(t.app);
    const space = await openSpace(supporter);
    const count = async (u: BuiltUser) => (await today(u)).supporter!.unansweredQuestions;
    const listedIds = async (u: BuiltUser) => ((await u.client.get('/api/threads?list=unanswered&limit=100')).json().threads as { id: string }[]).map((x) => x.id);
    const [mine, theirs] = [await count(supporter), await count(other.supporter)];

    // Held for review (method detail): in the author's own unanswered list, so in their count.
    const held = await ok<{ thread: { id: string; state: string } }>(await supporter.client.post(`/api/spaces/${space}/threads`, { kind: 'question', title: 'Is this the only way out?', body: METHOD }), 201);
    expect(held.thread.state).toBe('pending');
    expect(await listedIds(supporter)).toContain(held.thread.id);
    expect(await count(supporter)).toBe(mine + 1);
    // Someone else neither sees nor counts it.
    expect(await listedIds(other.supporter)).not.toContain(held.thread.id);
    expect(await count(other.supporter)).toBe(theirs);
  });

  it("shows a member their group's next meeting and a facilitator each group's next one, without the meeting link", async () => {
    const { facilitator, member, groupId } = await groupWithMember(t.app);
    expect((await today(member)).nextMeeting).toBeNull();
    expect((await today(facilitator)).facilitator).toEqual({ meetings: [] });
    // Weekly from a week ahead, in the group's zone (the test clock reads mid-January or later).
    const now = t.clock.now();
    const start = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    await ok(
      await facilitator.client.post(`/api/groups/${groupId}/meetings`, { title: 'Thursday meeting', mode: 'online', link: 'https://meet.example.org/private-room', startLocal: `${start}T18:00`, frequency: 'weekly' }),
      201,
    );
    const next = { groupId, groupName: 'Thursday circle of support', title: 'Thursday meeting', startUtc: `${start}T18:00:00.000Z` };
    expect((await today(member)).nextMeeting).toMatchObject(next);
    const led = await today(facilitator);
    expect(led.facilitator!.meetings).toEqual([expect.objectContaining(next)]);
    // The group they lead is not "their next meeting" as a member.
    expect(led.nextMeeting).toBeNull();
    expect((await member.client.get('/api/me/today')).body).not.toContain('private-room');
    expect((await today(member)).facilitator).toBeNull();
  });
});
