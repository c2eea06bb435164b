import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, certify, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';

const ACTIVE = 'I want to kill myself.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';

interface Setup {
  admin: BuiltUser;
  facilitator: BuiltUser;
  orgId: string;
  programId: string;
  groupId: string;
}

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function setup(app: KindredApp, o: { sizeLimit?: number; timeZone?: string; joinPolicy?: 'open' | 'request' | 'invitation' } = {}): Promise<Setup> {
  const admin = await ensureAdmin(app);
  const facilitator = await buildUser(app, { roles: ['facilitator'] });
  const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
  const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: o.joinPolicy ?? 'open' }), 201);
  const group = await ok<{ id: string }>(
    await admin.client.post(`/api/programs/${program.id}/groups`, {
      name: 'Thursday circle of support',
      description: 'A small group for anxiety, meeting on Thursday evenings.',
      timeZone: o.timeZone ?? 'Europe/London',
      agreement: AGREEMENT,
      facilitatorIds: [facilitator.id],
      ...(o.sizeLimit ? { sizeLimit: o.sizeLimit } : {}),
    }),
    201,
  );
  return { admin, facilitator, orgId: org.id, programId: program.id, groupId: group.id };
}

async function member(app: KindredApp, s: Setup, join = true): Promise<BuiltUser> {
  const u = await buildUser(app);
  await ok(await u.client.post(`/api/programs/${s.programId}/join`, {}));
  if (join) await ok(await u.client.post(`/api/groups/${s.groupId}/join`, { agreementVersion: 1 }));
  return u;
}

describe.each(testDatabases)('groups on $name', (database) => {
  const t = useTestApp(database);

  describe('organizations and programs', () => {
    it('lets an admin set up an organization, staff and programs; members see theirs and join by request or code', async () => {
      const s = await setup(t.app, { joinPolicy: 'request' });
      const lead = await buildUser(t.app);
      const someone = await buildUser(t.app);
      expect((await someone.client.post('/api/admin/organizations', { name: 'Nope org' })).statusCode).toBe(403);
      expect((await s.admin.client.post(`/api/admin/organizations/${s.orgId}/staff`, { userId: lead.id, role: 'program_lead' })).statusCode).toBe(201);
      expect((await lead.client.get(`/api/organizations/${s.orgId}`)).json().staff).toEqual([{ user: { id: lead.id, handle: lead.handle }, role: 'program_lead' }]);
      expect((await someone.client.get(`/api/organizations/${s.orgId}`)).statusCode).toBe(404);

      // By request: the lead approves; the member then sees the program and what it offers.
      const overview = await ok<{ available: { id: string; groups: { name: string }[]; membership: string | null }[] }>(await someone.client.get('/api/programs'));
      const offered = overview.available.find((p) => p.id === s.programId)!;
      expect(offered).toMatchObject({ membership: null, groups: [{ name: 'Thursday circle of support' }] });
      expect((await ok(await someone.client.post(`/api/programs/${s.programId}/join`, { note: 'I would like to join a small group.' }))).membership).toBe('pending');
      expect((await someone.client.post(`/api/programs/${s.programId}/join`, {})).statusCode).toBe(409);
      expect((await someone.client.get(`/api/programs/${s.programId}/join-requests`)).statusCode).toBe(403);
      const requests = await ok<{ requests: { id: string; note: string; user: { id: string } }[] }>(await lead.client.get(`/api/programs/${s.programId}/join-requests`));
      expect(requests.requests).toEqual([expect.objectContaining({ note: 'I would like to join a small group.', user: expect.objectContaining({ id: someone.id }) })]);
      await ok(await lead.client.post(`/api/programs/${s.programId}/join-requests/${requests.requests[0]!.id}`, { decision: 'approve' }));
      const mine = await ok<{ mine: { id: string; membership: string; groups: { id: string }[] }[] }>(await someone.client.get('/api/programs'));
      expect(mine.mine.map((p) => [p.id, p.membership])).toContainEqual([s.programId, 'member']);
      const notes = (await someone.client.get('/api/notifications')).json().notifications as { kind: string; message: string }[];
      expect(notes[0]).toMatchObject({ kind: 'group', message: expect.stringMatching(/now a member/) });

      // By invitation code: shown once, case-insensitive, rotating retires the old one.
      await ok(await lead.client.patch(`/api/programs/${s.programId}`, { joinPolicy: 'invitation' }));
      const outsider = await buildUser(t.app);
      expect((await outsider.client.get(`/api/programs/${s.programId}`)).statusCode).toBe(404);
      expect((await outsider.client.post(`/api/programs/${s.programId}/join`, {})).statusCode).toBe(404);
      const first = await ok<{ code: string }>(await lead.client.post(`/api/programs/${s.programId}/invitation-code`), 201);
      const second = await ok<{ code: string }>(await lead.client.post(`/api/programs/${s.programId}/invitation-code`), 201);
      expect((await outsider.client.post('/api/programs/join-by-code', { code: first.code })).statusCode).toBe(404);
      const joined = await ok<{ id: string; membership: string }>(await outsider.client.post('/api/programs/join-by-code', { code: second.code.toLowerCase() }));
      expect(joined).toMatchObject({ id: s.programId, membership: 'member' });
      const row = await t.app.kindred.database.db.selectFrom('programs').select('invitation_code_digest').where('id', '=', s.programId).executeTakeFirstOrThrow();
      expect(row.invitation_code_digest).not.toContain(second.code);
    });

    it('lists an organization’s programs, invitation-only ones included, to its staff and admins only', async () => {
      const s = await setup(t.app, { joinPolicy: 'invitation' });
      const open = await ok<{ id: string }>(await s.admin.client.post(`/api/admin/organizations/${s.orgId}/programs`, { name: 'Daytime drop-in', description: 'Open to all.', joinPolicy: 'open' }), 201);
      const supervisor = await buildUser(t.app);
      await ok(await s.admin.client.post(`/api/admin/organizations/${s.orgId}/staff`, { userId: supervisor.id, role: 'supervisor' }), 201);
      const outsider = await buildUser(t.app);
      const otherOrg = await ok<{ id: string }>(await s.admin.client.post('/api/admin/organizations', { name: 'Hillside Students', description: 'A university service.' }), 201);
      const otherStaff = await buildUser(t.app);
      await ok(await s.admin.client.post(`/api/admin/organizations/${otherOrg.id}/staff`, { userId: otherStaff.id, role: 'program_lead' }), 201);

      // The invitation-only program is not in a member's list, but its organization lists it.
      const overview = await ok<{ mine: { id: string }[]; available: { id: string }[] }>(await outsider.client.get('/api/programs'));
      expect([...overview.mine, ...overview.available].map((p) => p.id)).not.toContain(s.programId);
      for (const reader of [s.admin, supervisor]) {
        const list = await ok<{ programs: { id: string; name: string; joinPolicy: string; canManage: boolean; groups: { id: string }[] }[] }>(await reader.client.get(`/api/organizations/${s.orgId}/programs`));
        expect(list.programs.map((p) => [p.id, p.joinPolicy])).toEqual([
          [open.id, 'open'],
          [s.programId, 'invitation'],
        ]);
        expect(list.programs.find((p) => p.id === s.programId)!.groups.map((g) => g.id)).toEqual([s.groupId]);
        expect(list.programs[0]!.canManage).toBe(reader === s.admin);
      }
      // Nobody else learns the organization exists, let alone its programs.
      expect((await outsider.client.get(`/api/organizations/${s.orgId}/programs`)).statusCode).toBe(404);
      expect((await otherStaff.client.get(`/api/organizations/${s.orgId}/programs`)).statusCode).toBe(404);
      expect((await s.admin.client.get('/api/organizations/0190a0a0-0000-7000-8000-000000000000/programs')).statusCode).toBe(404);
      expect(await ok(await otherStaff.client.get(`/api/organizations/${otherOrg.id}/programs`))).toEqual({ programs: [] });
    });

    it('keeps communities working: a program-only space shows up as what the program offers', async () => {
      const s = await setup(t.app);
      const space = await ok<{ id: string }>(
        await s.admin.client.post('/api/admin/spaces', { slug: `evening-${Date.now()}`, name: 'Evening space', description: 'For the program.', houseRules: 'Be kind.', visibility: 'program', programId: s.programId }),
        201,
      );
      const m = await member(t.app, s, false);
      const program = await ok<{ spaces: { id: string }[] }>(await m.client.get(`/api/programs/${s.programId}`));
      expect(program.spaces.map((x) => x.id)).toEqual([space.id]);
      expect((await m.client.get(`/api/spaces/${space.id}`)).statusCode).toBe(200);
      const other = await buildUser(t.app);
      expect((await other.client.get(`/api/spaces/${space.id}`)).statusCode).toBe(404);
    });
  });

  describe('agreements and joining', () => {
    it('refuses to join until the current agreement is accepted, and a new version stops chat and RSVP until accepted again', async () => {
      const s = await setup(t.app);
      const u = await member(t.app, s, false);
      const refused = await u.client.post(`/api/groups/${s.groupId}/join`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'agreement_required', agreementVersion: 1, message: expect.stringMatching(/accept the group agreement/) });
      expect((await u.client.post(`/api/groups/${s.groupId}/join`, { agreementVersion: 2 })).json().error.code).toBe('agreement_changed');
      const group = await ok<{ me: { member: boolean; acceptedVersion: number; agreementCurrent: boolean } }>(await u.client.post(`/api/groups/${s.groupId}/agreement/accept`, { version: 1 }));
      expect(group.me).toMatchObject({ member: false, acceptedVersion: 1, agreementCurrent: true });
      const joined = await ok<{ me: { member: boolean }; memberCount: number }>(await u.client.post(`/api/groups/${s.groupId}/join`, {}));
      expect(joined).toMatchObject({ me: { member: true }, memberCount: 1 });
      const acceptance = await t.app.kindred.database.db.selectFrom('group_agreement_acceptances').selectAll().where('user_id', '=', u.id).execute();
      expect(acceptance.map((a) => a.version)).toEqual([1]);
      expect((await u.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Hello everyone, glad to be here.' })).statusCode).toBe(201);

      // Members cannot change the agreement; the facilitator can, and that is version 2.
      expect((await u.client.patch(`/api/groups/${s.groupId}`, { agreement: `${AGREEMENT} Phones on silent.` })).statusCode).toBe(403);
      const changed = await ok<{ agreement: { version: number } }>(await s.facilitator.client.patch(`/api/groups/${s.groupId}`, { agreement: `${AGREEMENT} Phones on silent, please.` }));
      expect(changed.agreement.version).toBe(2);
      const meeting = await ok<{ id: string }>(
        await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Weekly meeting', mode: 'online', link: 'https://meet.example.org/thursday', startLocal: '2026-02-05T18:00', frequency: 'weekly' }),
        201,
      );
      const chat = await u.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Can I still write?' });
      expect(chat.statusCode).toBe(409);
      expect(chat.json().error).toMatchObject({ code: 'agreement_required', agreementVersion: 2 });
      const rsvp = await u.client.put(`/api/groups/${s.groupId}/meetings/${meeting.id}/rsvp`, { occurrence: '2026-02-05T18:00:00.000Z', response: 'yes' });
      expect(rsvp.statusCode).toBe(409);
      expect((await u.client.get(`/api/groups/${s.groupId}/messages`)).statusCode).toBe(409);
      expect(await t.app.kindred.groups.mayJoinGroupRoom(u.actor, s.groupId)).toBe(false);
      expect((await u.client.post(`/api/groups/${s.groupId}/agreement/accept`, { version: 1 })).statusCode).toBe(409);
      await ok(await u.client.post(`/api/groups/${s.groupId}/agreement/accept`, { version: 2 }));
      expect((await u.client.put(`/api/groups/${s.groupId}/meetings/${meeting.id}/rsvp`, { occurrence: '2026-02-05T18:00:00.000Z', response: 'yes' })).statusCode).toBe(200);
      expect(await t.app.kindred.groups.mayJoinGroupRoom(u.actor, s.groupId)).toBe(true);
      const notes = (await u.client.get('/api/notifications')).json().notifications as { message: string }[];
      expect(notes.some((n) => /agreement .* has changed/.test(n.message))).toBe(true);
    });

    it('holds the size limit under 20 concurrent joins', async () => {
      const s = await setup(t.app, { sizeLimit: 5 });
      const people = await Promise.all(Array.from({ length: 20 }, () => member(t.app, s, false)));
      const results = await Promise.all(people.map((p) => p.client.post(`/api/groups/${s.groupId}/join`, { agreementVersion: 1 })));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses.filter((x) => x === 200)).toHaveLength(5);
      expect(statuses.filter((x) => x === 409)).toHaveLength(15);
      expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('group_full');
      const count = await t.app.kindred.database.db.selectFrom('group_members').select((eb) => eb.fn.countAll<number>().as('n')).where('group_id', '=', s.groupId).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(5);
      expect((await s.facilitator.client.get(`/api/groups/${s.groupId}`)).json()).toMatchObject({ memberCount: 5, full: true });
    });

    it('needs program membership to join, and a certified facilitator (global role or organization staff) to facilitate', async () => {
      const s = await setup(t.app);
      const stranger = await buildUser(t.app);
      expect((await stranger.client.get(`/api/groups/${s.groupId}`)).statusCode).toBe(404);
      expect((await stranger.client.post(`/api/groups/${s.groupId}/join`, { agreementVersion: 1 })).statusCode).toBe(404);
      const plain = await buildUser(t.app);
      const bad = await s.admin.client.post(`/api/groups/${s.groupId}/facilitators`, { userId: plain.id });
      expect(bad.statusCode).toBe(403);
      expect(bad.json().error).toMatchObject({ code: 'certificate_required', reason: 'none', message: `${plain.handle} has no facilitator certificate yet.` });
      // Organization staff as a facilitator: still trained first.
      await ok(await s.admin.client.post(`/api/admin/organizations/${s.orgId}/staff`, { userId: plain.id, role: 'facilitator' }), 201);
      expect((await s.admin.client.post(`/api/groups/${s.groupId}/facilitators`, { userId: plain.id })).json().error.code).toBe('certificate_required');
      await certify(t.app, plain, 'facilitator');
      const group = await ok<{ facilitators: { id: string }[] }>(await s.admin.client.post(`/api/groups/${s.groupId}/facilitators`, { userId: plain.id }));
      expect(group.facilitators.map((f) => f.id)).toContain(plain.id);
      expect((await s.facilitator.client.post(`/api/groups/${s.groupId}/facilitators`, { userId: stranger.id })).statusCode).toBe(403);
    });
  });

  describe('meetings', () => {
    it('expands a weekly London meeting across the March change: 18:00 local, UTC moves from 18:00 to 17:00', async () => {
      const s = await setup(t.app);
      const u = await member(t.app, s);
      const m = await ok<{ id: string; timeZone: string; link: string }>(
        await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Thursday meeting', mode: 'online', link: 'https://meet.example.org/t', startLocal: '2026-03-19T18:00', frequency: 'weekly', durationMinutes: 90 }),
        201,
      );
      expect(m).toMatchObject({ timeZone: 'Europe/London', link: 'https://meet.example.org/t' });
      const page = await ok<{ occurrences: { startUtc: string; endUtc: string; startLocal: string; timeZone: string; link: string }[] }>(
        await u.client.get(`/api/groups/${s.groupId}/occurrences?from=2026-03-15T00:00:00.000Z&to=2026-04-06T00:00:00.000Z`),
      );
      expect(page.occurrences.map((o) => [o.startUtc, o.startLocal])).toEqual([
        ['2026-03-19T18:00:00.000Z', '2026-03-19T18:00'],
        ['2026-03-26T18:00:00.000Z', '2026-03-26T18:00'],
        ['2026-04-02T17:00:00.000Z', '2026-04-02T18:00'],
      ]);
      expect(page.occurrences[2]).toMatchObject({ endUtc: '2026-04-02T18:30:00.000Z', timeZone: 'Europe/London', link: 'https://meet.example.org/t' });
      // Program members who have not joined see the schedule, not the link.
      const looker = await member(t.app, s, false);
      const theirs = (await looker.client.get(`/api/groups/${s.groupId}/occurrences?from=2026-03-15T00:00:00.000Z&to=2026-04-06T00:00:00.000Z`)).json().occurrences;
      expect(theirs[0].link).toBeNull();
      // RSVP names an occurrence; a time that is not one is refused.
      expect((await u.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/rsvp`, { occurrence: '2026-04-02T17:00:00.000Z', response: 'maybe' })).statusCode).toBe(200);
      expect((await u.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/rsvp`, { occurrence: '2026-04-02T18:00:00.000Z', response: 'yes' })).statusCode).toBe(400);
      const mine = await ok<{ occurrences: { occurrence: string; myRsvp: string | null; rsvps: { maybe: number } }[] }>(await u.client.get('/api/me/meetings?from=2026-04-01T00:00:00.000Z&to=2026-04-03T00:00:00.000Z'));
      expect(mine.occurrences).toEqual([expect.objectContaining({ occurrence: '2026-04-02T17:00:00.000Z', myRsvp: 'maybe', rsvps: { yes: 0, no: 0, maybe: 1 } })]);
    });

    it('expands a New York meeting across both changes, in person, and checks its input', async () => {
      const s = await setup(t.app, { timeZone: 'America/New_York' });
      const u = await member(t.app, s);
      const bad = await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Missing place', mode: 'in_person', startLocal: '2026-03-05T19:00' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/place/);
      expect((await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Bad day', mode: 'in_person', place: 'Library', startLocal: '2026-02-30T19:00' })).statusCode).toBe(400);
      expect((await u.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Member meeting', mode: 'in_person', place: 'Library', startLocal: '2026-03-05T19:00' })).statusCode).toBe(403);
      await ok(
        await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Biweekly', mode: 'in_person', place: 'Community library, room 2', startLocal: '2026-02-26T19:00', frequency: 'biweekly' }),
        201,
      );
      const spring = (await u.client.get(`/api/groups/${s.groupId}/occurrences?from=2026-02-20T00:00:00.000Z&to=2026-03-20T00:00:00.000Z`)).json().occurrences as { startUtc: string; startLocal: string; place: string }[];
      expect(spring.map((o) => o.startUtc)).toEqual(['2026-02-27T00:00:00.000Z', '2026-03-12T23:00:00.000Z']);
      expect(spring[0]!.place).toBe('Community library, room 2');
      const autumn = (await u.client.get(`/api/groups/${s.groupId}/occurrences?from=2026-10-20T00:00:00.000Z&to=2026-11-21T00:00:00.000Z`)).json().occurrences as { startUtc: string; startLocal: string }[];
      expect(autumn.map((o) => [o.startUtc, o.startLocal])).toEqual([
        ['2026-10-22T23:00:00.000Z', '2026-10-22T19:00'],
        ['2026-11-06T00:00:00.000Z', '2026-11-05T19:00'],
        ['2026-11-20T00:00:00.000Z', '2026-11-19T19:00'],
      ]);
      expect((await u.client.get(`/api/groups/${s.groupId}/occurrences?from=2026-01-01T00:00:00.000Z&to=2028-01-01T00:00:00.000Z`)).statusCode).toBe(400);
      expect((await u.client.get(`/api/groups/${s.groupId}/occurrences?from=yesterday`)).statusCode).toBe(400);
    });

    it('serves an iCalendar feed without a cookie that ical.js parses, with the right occurrences across the DST change; rotating and revoking work', async () => {
      const s = await setup(t.app);
      const u = await member(t.app, s);
      await ok(
        await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Thursday; with, commas', mode: 'online', link: 'https://meet.example.org/t', startLocal: '2026-03-19T18:00', frequency: 'weekly', count: 3 }),
        201,
      );
      const feed = await ok<{ url: string }>(await u.client.post('/api/me/calendar-feed'), 201);
      const path = feed.url.slice(feed.url.indexOf('/api/'));
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const vcalendar = new ICAL.Component(ICAL.parse(res.body));
      const events = vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-03-19T18:00:00.000Z', '2026-03-26T18:00:00.000Z', '2026-04-02T17:00:00.000Z']);
      expect(events.map((e) => e.endDate.toJSDate().toISOString())[2]).toBe('2026-04-02T18:30:00.000Z');
      expect(events[0]!.summary).toBe('Thursday circle of support: Thursday; with, commas');
      expect(new Set(events.map((e) => e.uid)).size).toBe(3);
      // A group feed too; the stored token is a digest.
      const groupFeed = await ok<{ url: string }>(await u.client.post(`/api/groups/${s.groupId}/calendar-feed`), 201);
      expect((await t.app.inject({ method: 'GET', url: groupFeed.url.slice(groupFeed.url.indexOf('/api/')) })).statusCode).toBe(200);
      const token = new URL(feed.url).searchParams.get('token')!;
      const stored = await t.app.kindred.database.db.selectFrom('calendar_feeds').select('token_digest').execute();
      expect(JSON.stringify(stored)).not.toContain(token);
      // Rotating retires the old URL; revoking turns the feed off.
      const rotated = await ok<{ url: string }>(await u.client.post('/api/me/calendar-feed'), 201);
      expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
      const rotatedPath = rotated.url.slice(rotated.url.indexOf('/api/'));
      expect((await t.app.inject({ method: 'GET', url: rotatedPath })).statusCode).toBe(200);
      await ok(await u.client.delete('/api/me/calendar-feed'));
      expect((await t.app.inject({ method: 'GET', url: rotatedPath })).statusCode).toBe(404);
      // Leaving the group ends its group feed.
      await ok(await u.client.delete(`/api/groups/${s.groupId}/membership`));
      expect((await t.app.inject({ method: 'GET', url: groupFeed.url.slice(groupFeed.url.indexOf('/api/')) })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/calendar/feed.ics?token=not-a-real-token-at-all-xx' })).statusCode).toBe(404);
    });

    it('reminds members once before a meeting, skipping those who said no; facilitators record attendance and an encrypted note', async () => {
      const s = await setup(t.app);
      const yes = await member(t.app, s);
      const no = await member(t.app, s);
      const now = t.clock.now();
      // Tomorrow at 18:00 London (January: UTC+0).
      const day = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
      const m = await ok<{ id: string }>(
        await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'Reminder test', mode: 'in_person', place: 'Hall', startLocal: `${day}T18:00`, reminderMinutes: 60 }),
        201,
      );
      const occurrence = `${day}T18:00:00.000Z`;
      await ok(await no.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/rsvp`, { occurrence, response: 'no' }));
      const reminders = async (u: BuiltUser) => ((await u.client.get('/api/notifications')).json().notifications as { kind: string; message: string }[]).filter((n) => n.kind === 'meeting_reminder' && n.message.includes('Reminder test'));
      expect(await t.app.kindred.groups.sweepReminders()).toBe(0);
      t.clock.advance(new Date(`${day}T17:10:00.000Z`).getTime() - now.getTime());
      expect(await t.app.kindred.groups.sweepReminders()).toBeGreaterThanOrEqual(2);
      expect(await t.app.kindred.groups.sweepReminders()).toBe(0);
      expect(await reminders(yes)).toEqual([expect.objectContaining({ message: expect.stringMatching(/in 50 minutes, at 18:00 Europe\/London/) })]);
      expect(await reminders(no)).toEqual([]);
      expect(await reminders(s.facilitator)).toHaveLength(1);

      const note = 'Quiet session; one member seemed low, follow up gently.';
      expect((await yes.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/attendance`, { occurrence, records: [{ userId: yes.id, status: 'present' }] })).statusCode).toBe(403);
      await ok(await s.facilitator.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/attendance`, { occurrence, records: [{ userId: yes.id, status: 'present' }, { userId: no.id, status: 'excused' }] }));
      const saved = await ok<{ note: string; records: { status: string }[] }>(await s.facilitator.client.put(`/api/groups/${s.groupId}/meetings/${m.id}/note`, { occurrence, body: note }));
      expect(saved).toMatchObject({ note, records: expect.arrayContaining([expect.objectContaining({ status: 'present' }), expect.objectContaining({ status: 'excused' })]) });
      expect((await yes.client.get(`/api/groups/${s.groupId}/meetings/${m.id}/attendance?occurrence=${occurrence}`)).statusCode).toBe(403);
      const raw = await t.app.kindred.database.db.selectFrom('meeting_notes').select('body_enc').execute();
      expect(JSON.stringify(raw)).not.toContain('follow up');
      const dash = await ok<{ attendanceTrend: { present: number; excused: number }[]; members: { user: { id: string }; attended: number }[] }>(await s.facilitator.client.get(`/api/groups/${s.groupId}/dashboard`));
      expect(dash.attendanceTrend).toEqual([{ occurrence, present: 1, absent: 0, excused: 1 }]);
      expect(dash.members.find((x) => x.user.id === yes.id)!.attended).toBe(1);
    });
  });

  describe('group chat', () => {
    it('screens, encrypts and delivers messages live (ids only), with pins, mutes, reports and keyset pages', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const outsider = await member(t.app, s, false);
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const socket = await TestSocket.open(t.app, b.client);
      const strangerSocket = await TestSocket.open(t.app, outsider.client);
      try {
        expect(await socket.subscribe(`group:${s.groupId}`)).toMatchObject({ type: 'subscribed' });
        expect(await strangerSocket.subscribe(`group:${s.groupId}`)).toMatchObject({ type: 'denied' });
        const secret = 'My sister is visiting and the marmalade helped me sleep.';
        const written = await ok<{ message: { id: string; body: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: secret }), 201);
        await t.app.kindred.dispatcher.idle();
        const event = await socket.next((m) => m.type === 'event' && m.event.type === 'group.message_created');
        expect(event).toMatchObject({ type: 'event', event: { data: { groupId: s.groupId, messageId: written.message.id } } });
        expect(JSON.stringify(event)).not.toContain('marmalade');
        expect((await ok<{ body: string }>(await b.client.get(`/api/groups/${s.groupId}/messages/${written.message.id}`))).body).toBe(secret);
        expect((await outsider.client.get(`/api/groups/${s.groupId}/messages`)).statusCode).toBe(403);
        expect((await s.admin.client.get(`/api/groups/${s.groupId}/messages`)).statusCode).toBe(403);
        const rows = await t.app.kindred.database.db.selectFrom('group_messages').select('body_enc').where('group_id', '=', s.groupId).execute();
        expect(rows[0]!.body_enc).toMatch(/^enc1\./);
        expect(JSON.stringify(rows)).not.toContain('marmalade');
        expect(JSON.stringify((await s.admin.client.get('/api/search?q=marmalade')).json())).not.toContain('marmalade');
      } finally {
        socket.close();
        strangerSocket.close();
      }

      // Keyset pages, newest first.
      for (let i = 0; i < 5; i += 1) await ok(await b.client.post(`/api/groups/${s.groupId}/messages`, { body: `Message number ${i}` }), 201);
      const first = await ok<{ messages: { body: string }[]; nextCursor: string }>(await a.client.get(`/api/groups/${s.groupId}/messages?limit=3`));
      expect(first.messages.map((m) => m.body)).toEqual(['Message number 4', 'Message number 3', 'Message number 2']);
      const second = await ok<{ messages: { body: string }[]; nextCursor: string | null }>(await a.client.get(`/api/groups/${s.groupId}/messages?limit=3&cursor=${first.nextCursor}`));
      expect(second.messages.map((m) => m.body)).toEqual(['Message number 1', 'Message number 0', expect.stringContaining('marmalade')]);
      expect((await a.client.get(`/api/groups/${s.groupId}/messages?cursor=nonsense`)).statusCode).toBe(400);

      // Pin (facilitators only).
      const target = first.messages[0] as unknown as { id: string };
      expect((await a.client.put(`/api/groups/${s.groupId}/messages/${target.id}/pin`, { pinned: true })).statusCode).toBe(403);
      expect((await ok<{ pinned: boolean }>(await s.facilitator.client.put(`/api/groups/${s.groupId}/messages/${target.id}/pin`, { pinned: true }))).pinned).toBe(true);
      expect((await a.client.get(`/api/groups/${s.groupId}/messages`)).json().pinned.map((m: { id: string }) => m.id)).toEqual([target.id]);

      // Mute: 403 with the end time; facilitators lift it.
      expect((await a.client.put(`/api/groups/${s.groupId}/members/${b.id}/mute`, { minutes: 60 })).statusCode).toBe(403);
      const muted = await ok<{ until: string }>(await s.facilitator.client.put(`/api/groups/${s.groupId}/members/${b.id}/mute`, { minutes: 60 }));
      const refused = await b.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Am I muted?' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'muted', until: muted.until });
      expect((await b.client.get(`/api/groups/${s.groupId}/messages`)).statusCode).toBe(200);
      t.clock.advanceMinutes(61);
      expect((await b.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Back again after the pause.' })).statusCode).toBe(201);

      // Reports go to the facilitators (and organization supervisors), with the reporter's note.
      const orgSupervisor = await buildUser(t.app);
      await ok(await s.admin.client.post(`/api/admin/organizations/${s.orgId}/staff`, { userId: orgSupervisor.id, role: 'supervisor' }), 201);
      expect((await ok<{ id: string }>(await a.client.post(`/api/groups/${s.groupId}/messages/${target.id}/reports`, { reason: 'harassment', note: 'This felt unkind.' }), 201)).id).toBeTruthy();
      const reports = await ok<{ reports: { note: string; message: { id: string } }[] }>(await s.facilitator.client.get(`/api/groups/${s.groupId}/reports`));
      expect(reports.reports).toEqual([expect.objectContaining({ note: 'This felt unkind.', message: expect.objectContaining({ id: target.id }) })]);
      expect((await a.client.get(`/api/groups/${s.groupId}/reports`)).statusCode).toBe(403);
      const supNotes = (await orgSupervisor.client.get('/api/notifications')).json().notifications as { message: string }[];
      expect(supNotes.some((n) => /was reported/.test(n.message))).toBe(true);
      expect(JSON.stringify(supNotes)).not.toContain('Message number 4');
    });

    it('lets an admin act on a reported message as moderator of last resort: only reported words, audited for their author', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const reported = await ok<{ message: { id: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Honestly nobody here cares what you think, so stop posting.' }), 201);
      const unreported = await ok<{ message: { id: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: 'The walk by the river helped me this week.' }), 201);
      // Nothing reported yet: the admin sees no reports and removes nothing; the chat stays closed to them.
      expect((await ok<{ reports: unknown[] }>(await s.admin.client.get(`/api/groups/${s.groupId}/reports`))).reports).toEqual([]);
      expect((await s.admin.client.delete(`/api/groups/${s.groupId}/messages/${reported.message.id}`)).statusCode).toBe(403);
      const report = await ok<{ id: string }>(await b.client.post(`/api/groups/${s.groupId}/messages/${reported.message.id}/reports`, { reason: 'harassment', note: 'This was aimed at me.' }), 201);

      const reports = await ok<{ reports: { id: string; note: string; message: { id: string; body: string } }[] }>(await s.admin.client.get(`/api/groups/${s.groupId}/reports`));
      expect(reports.reports).toEqual([expect.objectContaining({ id: report.id, note: 'This was aimed at me.', message: expect.objectContaining({ id: reported.message.id, body: 'Honestly nobody here cares what you think, so stop posting.' }) })]);
      expect(JSON.stringify(reports)).not.toContain('river');
      expect((await s.admin.client.get(`/api/groups/${s.groupId}/messages`)).statusCode).toBe(403);
      expect((await s.admin.client.get(`/api/groups/${s.groupId}/messages/${unreported.message.id}`)).statusCode).toBe(403);
      expect((await s.admin.client.delete(`/api/groups/${s.groupId}/messages/${unreported.message.id}`)).statusCode).toBe(403);
      // A facilitator reading the reports is part of the group: not an entry in anyone's log.
      await ok(await s.facilitator.client.get(`/api/groups/${s.groupId}/reports`));

      const audit = async (who: BuiltUser) => (await ok<{ entries: { action: string; actorRole: string; reason: string }[] }>(await who.client.get('/api/me/audit'))).entries.filter((e) => e.action.startsWith('group.'));
      expect(await audit(a)).toEqual([expect.objectContaining({ action: 'group.report_read', actorRole: 'admin', reason: expect.stringContaining('another member reported it') })]);
      expect(await audit(b)).toEqual([]);

      await ok(await s.admin.client.delete(`/api/groups/${s.groupId}/messages/${reported.message.id}`));
      expect((await ok<{ body: string | null; state: string }>(await b.client.get(`/api/groups/${s.groupId}/messages/${reported.message.id}`))).body).toBeNull();
      expect((await audit(a)).map((e) => e.action).sort()).toEqual(['group.message_removed', 'group.report_read']);
      await ok(await s.admin.client.post(`/api/groups/${s.groupId}/reports/${report.id}/resolve`, {}));
      expect((await ok<{ reports: unknown[] }>(await s.admin.client.get(`/api/groups/${s.groupId}/reports`))).reports).toEqual([]);
      expect((await s.admin.client.post(`/api/groups/${s.groupId}/reports/${report.id}/resolve`, {})).statusCode).toBe(404);
      // Still not a member's or a supervisor's power.
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      expect((await supervisor.client.get(`/api/groups/${s.groupId}/reports`)).statusCode).toBe(404);
      expect((await b.client.get(`/api/groups/${s.groupId}/reports`)).statusCode).toBe(403);
    });

    it('raises an alert for a level-3 message, shows it on the dashboard, and brings in a supervisor (audited for the member)', async () => {
      const s = await setup(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await ok(await s.admin.client.post(`/api/admin/organizations/${s.orgId}/staff`, { userId: supervisor.id, role: 'supervisor' }), 201);
      const a = await member(t.app, s);
      const written = await ok<{ safety: { level: number; showCrisisResponse: boolean } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: ACTIVE, warnings: [] }), 201);
      expect(written.safety.level).toBeGreaterThanOrEqual(3);
      expect(written.safety.showCrisisResponse).toBe(true);
      const dash = await ok<{ members: { user: { id: string }; openAlert: { alertId: string } | null; agreementCurrent: boolean }[]; upcoming: unknown[] }>(await s.facilitator.client.get(`/api/groups/${s.groupId}/dashboard`));
      const row = dash.members.find((m) => m.user.id === a.id)!;
      expect(row.openAlert).not.toBeNull();
      expect(row.agreementCurrent).toBe(true);
      expect((await a.client.get(`/api/groups/${s.groupId}/dashboard`)).statusCode).toBe(403);
      expect((await supervisor.client.get(`/api/groups/${s.groupId}/dashboard`)).statusCode).toBe(200);
      const req = await ok<{ id: string; alertId: string }>(await s.facilitator.client.post(`/api/groups/${s.groupId}/members/${a.id}/supervisor-request`, { note: 'Please check in with them today.' }), 201);
      expect(req.alertId).toBe(row.openAlert!.alertId);
      const list = await ok<{ requests: { id: string; note: string; member: { id: string } }[] }>(await supervisor.client.get('/api/supervisor-requests'));
      expect(list.requests).toEqual([expect.objectContaining({ id: req.id, note: 'Please check in with them today.', member: expect.objectContaining({ id: a.id }) })]);
      expect((await a.client.get('/api/supervisor-requests')).statusCode).toBe(403);
      const requested = async () => (await s.facilitator.client.get(`/api/groups/${s.groupId}/dashboard`)).json().members.find((m: { user: { id: string } }) => m.user.id === a.id).supervisorRequested;
      expect(await requested()).toBe(true);
      await ok(await supervisor.client.post(`/api/supervisor-requests/${req.id}/take`));
      expect((await supervisor.client.post(`/api/supervisor-requests/${req.id}/take`)).statusCode).toBe(409);
      expect(await requested()).toBe(false);
      const facNotes = (await s.facilitator.client.get('/api/notifications')).json().notifications as { message: string }[];
      expect(facNotes[0]!.message).toMatch(/taking up your request/);
      const audit = (await a.client.get('/api/me/audit')).json().entries as { action: string }[];
      expect(audit.map((e) => e.action)).toContain('groups.supervisor_requested');
    });
  });

  describe('held messages', () => {
    it('holds method details for a supervisor: only the author sees them meanwhile; the review is audited', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const held = await ok<{ message: { id: string; state: string; body: string }; safety: { held: boolean } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: METHOD }), 201);
      expect(held).toMatchObject({ message: { state: 'pending', body: METHOD }, safety: { held: true } });
      expect((await b.client.get(`/api/groups/${s.groupId}/messages/${held.message.id}`)).statusCode).toBe(404);
      expect((await b.client.get(`/api/groups/${s.groupId}/messages`)).json().messages).toEqual([]);
      expect((await a.client.get(`/api/groups/${s.groupId}/messages`)).json().messages.map((m: { id: string }) => m.id)).toEqual([held.message.id]);
      const queue = (await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectType: string; objectId: string; text: string }[];
      const item = queue.find((i) => i.objectId === held.message.id)!;
      expect(item).toMatchObject({ objectType: 'group_message', text: METHOD });
      expect(((await a.client.get('/api/me/audit')).json().entries as { action: string }[]).map((e) => e.action)).toContain('groups.held_message_reviewed');
      await ok(await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'I am having a really hard night.' }));
      expect((await b.client.get(`/api/groups/${s.groupId}/messages/${held.message.id}`)).json()).toMatchObject({ state: 'visible', body: 'I am having a really hard night.' });
    });

    it('a held message its author took back leaves the review queue (withdrawn) and stays removed: every decision on it is refused (409), nothing screened or audited (ADR 052, 055)', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const held = await ok<{ message: { id: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: METHOD }), 201);
      const queue = async () => ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).filter((i) => i.objectId === held.message.id);
      const [item] = await queue();
      const db = t.app.kindred.database.db;
      // The same words raised an alert about their writer.
      const alert = await db
        .selectFrom('safety_alerts')
        .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
        .select('safety_alerts.id')
        .where('screenings.object_id', '=', held.message.id)
        .executeTakeFirstOrThrow();
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const socket = await TestSocket.open(t.app, supervisor.client);
      const authorSocket = await TestSocket.open(t.app, a.client);
      try {
        expect(await socket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
        await ok(await a.client.delete(`/api/groups/${s.groupId}/messages/${held.message.id}`));
        // Supervisors' open lists hear it leave, ids only.
        const heard = await socket.next((m) => m.type === 'event' && m.event.type === 'safety.held_queue_changed' && (m.event.data as { heldId: string; status: string }).heldId === item!.id && (m.event.data as { status: string }).status === 'withdrawn');
        expect(heard).toMatchObject({ room: 'safety:all', event: { data: { heldId: item!.id, objectType: 'group_message', status: 'withdrawn' } } });
        expect(JSON.stringify(heard)).not.toContain(a.id);
        // Its author is told no decision: they took the words back themselves.
        await t.app.kindred.dispatcher.idle();
        authorSocket.send({ type: 'ping' });
        await authorSocket.next((m) => m.type === 'pong');
        expect(authorSocket.messages.some((m) => m.type === 'event' && m.event.type === 'safety.held_content_decided')).toBe(false);
      } finally {
        socket.close();
        authorSocket.close();
      }
      expect(await queue()).toEqual([]);
      const row = await db.selectFrom('held_content').select(['status', 'decided_by', 'decided_at']).where('id', '=', item!.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'withdrawn', decided_by: null });
      expect(row.decided_at).not.toBeNull();
      // The person may still be at risk: the alert stays open.
      expect((await supervisor.client.get(`/api/safety/alerts/${alert.id}`)).json()).toMatchObject({ status: 'open' });
      const screenings = async () => (await db.selectFrom('screenings').select('id').where('object_id', '=', held.message.id).execute()).length;
      const before = await screenings();
      for (const body of [
        { action: 'edit', text: 'I am having a really hard night.' },
        { action: 'edit', text: METHOD, publishAnyway: true },
        { action: 'release' },
        { action: 'remove' },
      ]) {
        const res = await supervisor.client.post(`/api/safety/held/${item!.id}/decision`, body);
        expect({ status: res.statusCode, message: res.json().error.message }).toEqual({
          status: 409,
          message: 'The writer deleted it (or took it back) before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.',
        });
      }
      expect(await screenings()).toBe(before);
      expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'safety.held_published_anyway').where('object_id', '=', held.message.id).execute()).toEqual([]);
      expect(await db.selectFrom('held_content').select('status').where('id', '=', item!.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn' });
      for (const who of [a, b]) expect((await who.client.get(`/api/groups/${s.groupId}/messages/${held.message.id}`)).json()).toMatchObject({ state: 'removed', body: null });
      expect(JSON.stringify((await b.client.get(`/api/groups/${s.groupId}/messages`)).json())).not.toContain('hard night');
    });

    it.runIf(database.name === 'postgres')('PostgreSQL: new words from the safety queue, queued behind its author taking the held message back, are refused (409) and do not bring it back', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const held = await ok<{ message: { id: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: METHOD }), 201);
      const item = ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).find((i) => i.objectId === held.message.id)!;
      const [takeBack, edit] = await queuedBehindRowLock(
        t.app.kindred.database.db,
        'group_messages',
        held.message.id,
        () => a.client.delete(`/api/groups/${s.groupId}/messages/${held.message.id}`),
        () => supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'I am having a really hard night.' }),
      );
      await ok(takeBack);
      expect(edit.statusCode).toBe(409);
      expect((await b.client.get(`/api/groups/${s.groupId}/messages/${held.message.id}`)).json()).toMatchObject({ state: 'removed', body: null });
    });

    it.runIf(database.name === 'postgres')('PostgreSQL: a pin queued behind its author taking the message back is refused; the removed message stays unpinned', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const sent = await ok<{ message: { id: string } }>(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: 'Walking helped me today.' }), 201);
      const url = `/api/groups/${s.groupId}/messages/${sent.message.id}`;
      // The pin read the message visible before the take-back committed: it decides from the locked row.
      const [takeBack, pin] = await queuedBehindRowLock(
        t.app.kindred.database.db,
        'group_messages',
        sent.message.id,
        () => a.client.delete(url),
        () => s.facilitator.client.put(`${url}/pin`, { pinned: true }),
      );
      await ok(takeBack);
      expect({ status: pin.statusCode, message: pin.statusCode === 409 ? pin.json().error.message : pin.body }).toEqual({ status: 409, message: 'Only a visible message can be pinned.' });
      expect((await b.client.get(url)).json()).toMatchObject({ state: 'removed', body: null, pinned: false });
      expect((await b.client.get(`/api/groups/${s.groupId}/messages`)).json().pinned).toEqual([]);
    });
  });

  describe('shared goals', () => {
    it('counts private progress without naming it and shows group-visible progress by member', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      const b = await member(t.app, s);
      const goal = await ok<{ id: string; progress: { target: number } }>(await a.client.post(`/api/groups/${s.groupId}/goals`, { title: 'Each of us walks three times this week', targetPerMember: 3, unit: 'walks' }), 201);
      expect(goal.progress.target).toBe(6);
      await ok(await a.client.post(`/api/groups/${s.groupId}/goals/${goal.id}/progress`, { amount: 2, visibility: 'group', note: 'Two short walks by the river.' }), 201);
      const after = await ok<{ progress: { total: number; privateLogs: number; shared: { user: { id: string }; amount: number }[]; mine: number } }>(
        await b.client.post(`/api/groups/${s.groupId}/goals/${goal.id}/progress`, { amount: 1 }),
        201,
      );
      expect(after.progress).toEqual({ total: 3, target: 6, privateLogs: 1, shared: [{ user: { id: a.id, handle: a.handle }, amount: 2 }], mine: 1 });
      const seenByA = (await a.client.get(`/api/groups/${s.groupId}/goals`)).json().goals[0];
      expect(seenByA.progress).toMatchObject({ total: 3, privateLogs: 1, mine: 2 });
      expect(JSON.stringify(seenByA)).not.toContain(b.id);
      const raw = await t.app.kindred.database.db.selectFrom('group_goal_logs').select('note_enc').execute();
      expect(JSON.stringify(raw)).not.toContain('river');
      const looker = await member(t.app, s, false);
      expect((await looker.client.get(`/api/groups/${s.groupId}/goals`)).statusCode).toBe(403);
    });
  });

  describe('personal data', () => {
    it('exports a member’s group data and erases it', async () => {
      const s = await setup(t.app);
      const a = await member(t.app, s);
      await ok(await a.client.post(`/api/groups/${s.groupId}/messages`, { body: 'A thing I said in the group about gardening.' }), 201);
      const exported = (await a.client.get('/api/me/export')).json() as { groups: { messages: { body: string }[]; agreementAcceptances: { version: number }[] } };
      expect(exported.groups.messages.map((m) => m.body)).toEqual(['A thing I said in the group about gardening.']);
      expect(exported.groups.agreementAcceptances).toEqual([expect.objectContaining({ version: 1 })]);
      await ok(await a.client.post('/api/me/erase', { password: a.password, publicPosts: 'delete', confirm: 'DELETE' }));
      const db = t.app.kindred.database.db;
      expect(await db.selectFrom('group_messages').selectAll().where('group_id', '=', s.groupId).execute()).toEqual([]);
      expect(await db.selectFrom('group_members').selectAll().where('group_id', '=', s.groupId).execute()).toEqual([]);
    });
  });

  it('answers bad input with 4xx naming the field', async () => {
    const s = await setup(t.app);
    const res = await s.facilitator.client.post(`/api/groups/${s.groupId}/meetings`, { title: 'x', mode: 'online', link: 'javascript:alert(1)', startLocal: 'tomorrow' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.length).toBeGreaterThan(0);
    expect((await s.admin.client.post(`/api/programs/${s.programId}/groups`, { name: 'Zone', description: 'd', timeZone: 'Mars/Olympus', agreement: AGREEMENT })).json().error.message).toMatch(/IANA/);
    expect((await new TestClient(t.app).get(`/api/groups/${s.groupId}`)).statusCode).toBe(401);
  });
});
