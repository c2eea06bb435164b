import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/contracts/accounts.js';
import type { KindredApp } from '../../src/server/app.js';
import { TestClient } from '../client.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';

/**
 * The fixture world of the authorization matrix (authorization-matrix.test.ts): one of each role,
 * and one object of every kind the API addresses, made once per database through the real routes.
 * The member owns most objects; the other roles stand in a declared relation to them (the
 * supporter is the member's supporter, the facilitator runs the member's group, the supervisor is
 * the assigned supervisor of the supporter and the facilitator, …).
 */

/** The seven roles every route is called as. */
export const MATRIX_ROLES = ['anonymous', 'member', 'otherMember', 'supporter', 'facilitator', 'supervisor', 'admin'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export type SignedInRole = Exclude<MatrixRole, 'anonymous'>;

/** The platform roles each matrix role holds (the admin is the app's first account). */
const PLATFORM_ROLES: Record<Exclude<SignedInRole, 'admin'>, Role[]> = {
  member: [],
  otherMember: [],
  supporter: ['peer_supporter'],
  facilitator: ['facilitator'],
  supervisor: ['supervisor'],
};

/** Words that trip the screen (the same sentences the module tests use). */
export const ACTIVE = 'I want to kill myself.';
export const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
export const AGREEMENT = 'What is said in the group stays in the group. We listen with respect and give no advice unless asked.';
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
export const RESOURCE = { kind: 'peer_group', name: 'Riverside walking group', region: 'GB', languages: ['en'], cost: 'free', url: 'https://walks.example.org', description: 'A weekly walk and talk.' };

/** A word found nowhere else: letters only, so no screen (contact details, numbers) reacts to it. */
function marker(kind: string): string {
  const letters = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `leak${kind}${letters}`;
}

/**
 * Marker words planted in private content. The leak check (authorization-table.ts declares who may
 * read each) looks for them in every response and realtime message a role receives.
 */
export function makeMarkers() {
  return {
    /** In a 1:1 message of the member's mentorship. */
    mentorshipMessage: marker('dm'),
    /** In the member's group chat message. */
    groupMessage: marker('groupchat'),
    /** In the member's circle message. */
    circleMessage: marker('circlemsg'),
    /** In the member's check-in shared with their circle. */
    circleCheckin: marker('circlecheckin'),
    /** In the member's journal entry. */
    journal: marker('journal'),
    /** In the note of the member's private (unshared) mood check-in. */
    checkinNote: marker('checkinnote'),
    /** In the member's safety plan. */
    safetyPlan: marker('safetyplan'),
    /** In the title of the member's personal recovery goal (not shared). */
    recoveryGoal: marker('recoverygoal'),
    /** In the reason a moderator gave for revealing the member's anonymous post: the member's audit log. */
    audit: marker('audit'),
    /** The member's e-mail address (its local part). */
    email: marker('email'),
    /** In the note of the member's report about their mentorship (for supervisors). */
    mentoringReport: marker('mentoringreport'),
    /** In the facilitator's private note on a meeting of the member's group. */
    meetingNote: marker('meetingnote'),
    /** In the facilitator's note asking a supervisor to check in with the member. */
    supervisorRequest: marker('supervisorrequest'),
    /** In the member's thread in a program-only space. */
    programThread: marker('programthread'),
    /** In the member's reply held by the safety screen (method details). */
    heldPost: marker('heldpost'),
    /** In the member's resource suggestion, not yet verified. */
    pendingResource: marker('pendingresource'),
    /** In the link of the member's group meeting (given to the group's members and facilitators only). */
    meetingLink: marker('meetinglink'),
    /** In the note of the supporter's weekly wellbeing check-in (written to their supervisor). */
    wellbeingNote: marker('wellbeingnote'),
    /** In the supervisor's supervision note about the supporter (never shown to the supporter). */
    supervisionNote: marker('supervisionnote'),
    /** In the messages of the supporter's supervision request (the supporter's and the supervisor's). */
    supervisionMessage: marker('supervisionmsg'),
    /** In the supervisor's coaching note on the supporter's reply. */
    coachingNote: marker('coachingnote'),
    /** In the member's practice reply in training (theirs alone; supervisors see counts and averages). */
    practiceReply: marker('practicereply'),
    /** In the supervisor's note declining the other member's request for sign-off (for the other member). */
    signOffNote: marker('signoffnote'),
  };
}
export type Markers = ReturnType<typeof makeMarkers>;
export type MarkerName = keyof Markers;

/** Fails world-building loudly when a set-up step does not succeed. */
export async function ok<T = Record<string, unknown>>(res: LightMyRequestResponse | Promise<LightMyRequestResponse>, what = 'set-up'): Promise<T> {
  const r = await res;
  if (r.statusCode < 200 || r.statusCode > 299) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}

/** The world's objects by name (filled in as the world is built). "Other" objects are the other member's. */
export interface Ids {
  // community
  /** An open space (seeded "anxiety"). */
  space: string;
  /** A community program with the member in it, and its program-only space and a thread there. */
  communityProgram: string;
  programSpace: string;
  programThread: string;
  /** The member's question thread in the open space, its opening post, and the other member's reply. */
  thread: string;
  post: string;
  otherPost: string;
  /** The member's anonymous reply in that thread, and the member's anonymous thread and its opening post. */
  anonymousPost: string;
  anonymousThread: string;
  anonymousThreadPost: string;
  // mentoring
  /** The language pool that reaches the supporter (and only them). */
  supporterLang: string;
  /** The member's mentorship with the supporter, the member's message in it and the supporter's reply. */
  mentorship: string;
  mentorshipMessage: string;
  supporterMessage: string;
  otherMentorship: string;
  otherMentorshipMessage: string;
  // groups
  org: string;
  /** An open program with the member (and friend) in it, and its group run by the facilitator. */
  program: string;
  group: string;
  meeting: string;
  /** The first occurrence of that meeting (UTC). */
  occurrence: string;
  groupGoal: string;
  groupMessage: string;
  /** The other member's group, in another program, run by another facilitator, and its objects. */
  otherGroup: string;
  otherGroupMessage: string;
  otherGroupReport: string;
  otherGroupMeeting: string;
  otherGroupGoal: string;
  /** A join request waiting in a third program. */
  otherJoinRequest: string;
  // circles
  /** The member's circle (with the friend) and the member's message there. */
  circle: string;
  circleMessage: string;
  /** The friend's circle, with the member in it. */
  friendCircle: string;
  otherCircle: string;
  otherCircleMessage: string;
  otherCircleCheckin: string;
  otherCircleInvitation: string;
  // recovery
  recoveryGoal: string;
  recoveryStep: string;
  otherRecoveryStep: string;
  journal: string;
  otherJournal: string;
  checkin: string;
  // library
  /** The member's strategy, a verified resource, and the member's suggestion not yet verified. */
  strategy: string;
  resource: string;
  pendingResource: string;
  // safety
  /** Alerts raised by the member's journal entry and circle message. */
  journalAlert: string;
  circleAlert: string;
  // supervision
  /** The supporter's low weekly wellbeing check-in (its note is for their supervisor). */
  wellbeingCheckin: string;
  /** The supervisor's supervision note about the supporter. */
  supervisionNote: string;
  /** The supporter's reply in the member's thread, reviewed and coached by the supervisor. */
  supporterPost: string;
  /** The supporter's open supervision request to the supervisor (with a message each way). */
  supervisionRequest: string;
  /** The same objects of supporter2, whose supervisor is supervisor2 (not the world's supervisor). */
  otherWellbeingCheckin: string;
  otherSupervisionNote: string;
  otherSupervisionRequest: string;
  /**
   * Mentorships of new members who consented to supervisor review: one whose supporter the
   * supervisor supervises, and one whose supporter supervisor2 supervises.
   */
  consentedMentorship: string;
  consentedElsewhere: string;
}

let pool = 0;
/** A language tag of its own, so a support request reaches exactly the supporter meant for it. */
const poolLanguage = () => `en-x${(pool++).toString(36).padStart(3, '0')}${randomBytes(2).toString('hex')}`;

export class World {
  readonly markers = makeMarkers();
  readonly users = {} as Record<SignedInRole, BuiltUser>;
  /** In the member's circle and group, and nobody's stand-in: the other voice in them. */
  friend!: BuiltUser;
  /** The other member's supporter (a mentorship the supporter has no part in). */
  supporter2!: BuiltUser;
  /** Runs the other member's group (a group the facilitator has no part in). */
  facilitator2!: BuiltUser;
  /**
   * A supervisor who is not the world's: supervises supporter2 and facilitator2. (The world's
   * supervisor is the assigned supervisor of the supporter and the facilitator.)
   */
  supervisor2!: BuiltUser;
  readonly ids = {} as Ids;
  /** The member's calendar feed token (a capability URL). */
  feedToken = '';
  /** The online meeting link of the member's group. */
  readonly meetingLink = `https://meet.example.org/${this.markers.meetingLink}`;

  private constructor(readonly app: KindredApp) {}

  get member() {
    return this.users.member;
  }
  get admin() {
    return this.users.admin;
  }

  /** The client a role calls with (a fresh signed-out one for anonymous, each on its own address). */
  clientOf(role: MatrixRole): TestClient {
    return role === 'anonymous' ? this.anonymous() : this.users[role].client;
  }

  anonymous(): TestClient {
    return new TestClient(this.app, `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  }

  /** A new account holding the role's platform roles: for calls that would spend the role's own session or account. */
  async freshAs(role: MatrixRole): Promise<BuiltUser | null> {
    if (role === 'anonymous') return null;
    if (role === 'admin') return buildUser(this.app, { roles: ['admin'] });
    return buildUser(this.app, { roles: PLATFORM_ROLES[role] });
  }

  /** A peer supporter with a profile in a language pool of their own; returns the pool. */
  async supporterProfile(s: BuiltUser, capacity = 5): Promise<string> {
    const lang = poolLanguage();
    await ok(
      s.client.put('/api/mentoring/supporter-profile', {
        experienceTags: ['anxiety'],
        languages: [lang],
        timeZone: 'Europe/London',
        availability: ALL_WEEK,
        capacity,
        intro: 'I have lived with anxiety for years and I am glad to listen.',
      }),
      'supporter profile',
    );
    return lang;
  }

  /** A support request by `member` offered to the supporter of pool `lang`. */
  async request(member: BuiltUser, lang: string): Promise<string> {
    const res = await ok<{ request: { id: string } }>(
      member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress and sleeping badly.', preferences: { languages: [lang] } }),
      'support request',
    );
    return res.request.id;
  }

  /**
   * A peer supporter with room for another mentee, from a small pool per purpose (a supporter
   * takes up to 10): fresh mentorships share their supporters, which saves making one each time.
   */
  async spareSupporter(purpose: 'mentor' | 'colleague' | 'supervisedElsewhere'): Promise<{ supporter: BuiltUser; lang: string }> {
    let spare = this.spares.get(purpose);
    if (!spare || spare.used >= 10) {
      const supporter = await buildUser(this.app, { roles: ['peer_supporter'] });
      spare = { supporter, lang: await this.supporterProfile(supporter, 10), used: 0 };
      this.spares.set(purpose, spare);
    }
    spare.used += 1;
    return spare;
  }
  private readonly spares = new Map<string, { supporter: BuiltUser; lang: string; used: number }>();

  /**
   * A fresh mentorship of a new member (for calls that change or end one). Its supporter is a
   * spare one; `supervisedElsewhere` picks one whose supervisor will be supervisor2.
   */
  async freshMentorship(purpose: 'mentor' | 'supervisedElsewhere' = 'mentor') {
    const member = await buildUser(this.app);
    const { supporter, lang } = await this.spareSupporter(purpose);
    const requestId = await this.request(member, lang);
    const m = await ok<{ id: string }>(supporter.client.post(`/api/mentoring/offers/${requestId}/accept`), 'accept offer');
    return { member, supporter, id: m.id, lang };
  }

  /** The admin makes `supervisor` the supporter's supervisor, through the real route (the same again changes nothing). */
  async assignSupervisor(supporter: BuiltUser, supervisor: BuiltUser): Promise<void> {
    await ok(this.admin.client.put(`/api/supervision/assignments/${supporter.id}`, { supervisorId: supervisor.id }), 'assign supervisor');
  }

  /**
   * A fresh mentorship whose member consented to supervisor review. Consent admits only the
   * supporter's assigned supervisor: the world's supervisor, or supervisor2.
   */
  async consentedMentorship(supervisedBy: 'supervisor' | 'supervisor2' = 'supervisor') {
    const elsewhere = supervisedBy === 'supervisor2';
    const m = await this.freshMentorship(elsewhere ? 'supervisedElsewhere' : 'mentor');
    await this.assignSupervisor(m.supporter, elsewhere ? this.supervisor2 : this.users.supervisor);
    await ok(m.member.client.post(`/api/mentoring/mentorships/${m.id}/supervisor-consent`, { grant: true, days: 7 }), 'consent');
    return m;
  }

  /** A supervision request opened by `supporter` (who has a supervisor) with a first message; returns its id. */
  async supervisionRequest(supporter: BuiltUser, body = 'Could we talk about a hard conversation I had this week?'): Promise<string> {
    const res = await ok<{ request: { id: string } }>(supporter.client.post('/api/me/supervision/requests', { body }), 'supervision request');
    return res.request.id;
  }

  /** A new peer supporter whose supervisor is the world's supervisor (or supervisor2). */
  async supervisedSupporter(supervisedBy: 'supervisor' | 'supervisor2' = 'supervisor'): Promise<BuiltUser> {
    const s = await buildUser(this.app, { roles: ['peer_supporter'] });
    await this.assignSupervisor(s, supervisedBy === 'supervisor' ? this.users.supervisor : this.supervisor2);
    return s;
  }

  /** A low weekly wellbeing check-in by `supporter` (one their supervisor follows up); returns its id. */
  async lowWellbeingCheckin(supporter: BuiltUser, note?: string): Promise<string> {
    const res = await ok<{ checkin: { id: string } }>(supporter.client.post('/api/me/supervision/checkins', { energy: 2, manageable: 3, supported: 4, ...(note ? { note } : {}) }), 'wellbeing check-in');
    return res.checkin.id;
  }

  /** A supervision note by `supervisor` about `supporter`; returns its id. */
  async supervisionNote(supervisor: BuiltUser, supporter: BuiltUser, body = 'Talk about boundaries next week.'): Promise<string> {
    const res = await ok<{ note: { id: string } }>(supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body }), 'supervision note');
    return res.note.id;
  }

  /** A fresh circle owned by the member with the friend in it. */
  async freshCircle(owner: BuiltUser = this.member, others: BuiltUser[] = [this.friend]): Promise<string> {
    const circle = await ok<{ id: string }>(owner.client.post('/api/circles', { name: 'Close friends' }), 'circle');
    for (const o of others) {
      const inv = await ok<{ token: string }>(owner.client.post(`/api/circles/${circle.id}/invitations`, {}), 'invitation');
      await ok(o.client.post('/api/circle-invitations/accept', { token: inv.token }), 'accept invitation');
    }
    return circle.id;
  }

  /** A fresh support group in the world's program, run by the facilitator, with the member and the friend in it. */
  async freshGroup(members: BuiltUser[] = [this.member, this.friend]): Promise<string> {
    const group = await ok<{ id: string }>(
      this.admin.client.post(`/api/programs/${this.ids.program}/groups`, {
        name: `Group ${randomBytes(3).toString('hex')}`,
        description: 'A small group for anxiety.',
        timeZone: 'Europe/London',
        agreement: AGREEMENT,
        facilitatorIds: [this.users.facilitator.id],
      }),
      'group',
    );
    for (const m of members) await ok(m.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }), 'join group');
    return group.id;
  }

  /** A fresh reply by `author` in the world's thread. */
  async freshPost(author: BuiltUser = this.member, body = 'Thank you for sharing this, it sounds like a real step.', anonymous = false): Promise<string> {
    const res = await ok<{ post: { id: string } }>(author.client.post(`/api/threads/${this.ids.thread}/posts`, { body, anonymous }), 'reply');
    return res.post.id;
  }

  /** The safety alert raised by a piece of writing (no route names an alert by what raised it). */
  async alertOn(objectId: string): Promise<string> {
    const row = await this.app.kindred.database.db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .select('safety_alerts.id')
      .where('screenings.object_id', '=', objectId)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  static async build(app: KindredApp): Promise<World> {
    const w = new World(app);
    w.users.admin = await ensureAdmin(app);
    for (const role of ['member', 'otherMember', 'supporter', 'facilitator', 'supervisor'] as const) {
      w.users[role] = await buildUser(app, { roles: PLATFORM_ROLES[role], region: 'GB' });
    }
    w.friend = await buildUser(app);
    w.supporter2 = await buildUser(app, { roles: ['peer_supporter'] });
    w.facilitator2 = await buildUser(app, { roles: ['facilitator'] });
    w.supervisor2 = await buildUser(app, { roles: ['supervisor'] });
    await w.community();
    await w.mentoring();
    await w.groups();
    await w.circles();
    await w.recovery();
    await w.library();
    await w.safety();
    await w.supervision();
    await w.training();
    return w;
  }

  private async community() {
    const { member, otherMember, admin, supervisor } = this.users;
    await ok(member.client.patch('/api/me/profile', { email: `${this.markers.email}@example.org` }), 'e-mail');
    const spaces = await ok<{ spaces: { id: string; slug: string }[] }>(member.client.get('/api/spaces'), 'spaces');
    this.ids.space = spaces.spaces.find((sp) => sp.slug === 'anxiety')!.id;
    // A program-only space the member belongs to and the other member does not.
    const program = await ok<{ id: string }>(admin.client.post('/api/admin/programs', { name: 'Matrix community program' }), 'community program');
    this.ids.communityProgram = program.id;
    await ok(admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: member.id }), 'program member');
    const space = await ok<{ id: string }>(
      admin.client.post('/api/admin/spaces', { slug: 'matrix-program-space', name: 'Program space', description: 'Only for the program.', houseRules: 'Be kind.', visibility: 'program', programId: program.id }),
      'program space',
    );
    this.ids.programSpace = space.id;

    const thread = await ok<{ thread: { id: string }; post: { id: string } }>(
      member.client.post(`/api/spaces/${this.ids.space}/threads`, { kind: 'question', title: 'What helps you on a bad morning?', body: 'I went for a short walk every morning and it helped a little.' }),
      'thread',
    );
    this.ids.thread = thread.thread.id;
    this.ids.post = thread.post.id;
    this.ids.otherPost = await this.freshPost(otherMember, 'Walking helps me too, well done.');
    // The anonymous reply: nobody but the member may see who wrote it.
    this.ids.anonymousPost = await this.freshPost(member, 'Writing this without my name: some days are still hard.', true);
    // Held by the safety screen: its author and the moderators (deciding it) read it, nobody else.
    await this.freshPost(member, `${METHOD} ${this.markers.heldPost}`);
    const anonThread = await ok<{ thread: { id: string }; post: { id: string } }>(
      member.client.post(`/api/spaces/${this.ids.space}/threads`, { kind: 'question', title: 'Asking without my name', body: 'How do you tell your family?', anonymous: true }),
      'anonymous thread',
    );
    this.ids.anonymousThread = anonThread.thread.id;
    this.ids.anonymousThreadPost = anonThread.post.id;
    const programThread = await ok<{ thread: { id: string } }>(
      member.client.post(`/api/spaces/${this.ids.programSpace}/threads`, { kind: 'story', title: 'Program only thread', body: `Only people in the program read this. ${this.markers.programThread}` }),
      'program thread',
    );
    this.ids.programThread = programThread.thread.id;
    await ok(member.client.put(`/api/posts/${this.ids.otherPost}/reactions/relate`), 'reaction');
    await ok(otherMember.client.post(`/api/posts/${this.ids.post}/reports`, { reason: 'spam', note: 'Looks like an advert.' }), 'report');
    // The anonymous reply edited by its author, reacted to and reported: its history, reactions and
    // the moderation queue must still not name the author.
    await ok(member.client.patch(`/api/posts/${this.ids.anonymousPost}`, { body: 'Writing this without my name: some days are still very hard.' }), 'anonymous edit');
    await ok(otherMember.client.put(`/api/posts/${this.ids.anonymousPost}/reactions/strength`), 'anonymous reaction');
    await ok(otherMember.client.post(`/api/posts/${this.ids.anonymousPost}/reports`, { reason: 'other', note: 'Worried about this person.' }), 'anonymous report');
    // The member's audit log: a moderator looked up the anonymous author, with a reason.
    await ok(supervisor.client.post(`/api/moderation/posts/${this.ids.anonymousPost}/reveal-author`, { reason: `Checking a report ${this.markers.audit}` }), 'reveal author');
  }

  private async mentoring() {
    const { member, otherMember, supporter } = this.users;
    this.ids.supporterLang = await this.supporterProfile(supporter);
    const request = await this.request(member, this.ids.supporterLang);
    this.ids.mentorship = (await ok<{ id: string }>(supporter.client.post(`/api/mentoring/offers/${request}/accept`), 'accept')).id;
    const sent = await ok<{ message: { id: string } }>(
      member.client.post(`/api/mentoring/mentorships/${this.ids.mentorship}/messages`, { body: `Thank you for listening, ${this.markers.mentorshipMessage}`, clientId: randomUUID() }),
      'message',
    );
    this.ids.mentorshipMessage = sent.message.id;
    const reply = await ok<{ message: { id: string } }>(
      supporter.client.post(`/api/mentoring/mentorships/${this.ids.mentorship}/messages`, { body: 'I am glad you wrote.', clientId: randomUUID() }),
      'reply',
    );
    this.ids.supporterMessage = reply.message.id;
    // The other member's mentorship, with a supporter who is nobody's stand-in.
    const req2 = await this.request(otherMember, await this.supporterProfile(this.supporter2));
    this.ids.otherMentorship = (await ok<{ id: string }>(this.supporter2.client.post(`/api/mentoring/offers/${req2}/accept`), 'accept 2')).id;
    const otherMessage = await ok<{ message: { id: string } }>(otherMember.client.post(`/api/mentoring/mentorships/${this.ids.otherMentorship}/messages`, { body: 'Hello.', clientId: randomUUID() }), 'other message');
    this.ids.otherMentorshipMessage = otherMessage.message.id;
    await ok(member.client.post(`/api/mentoring/mentorships/${this.ids.mentorship}/reports`, { reason: 'other', note: `A question about boundaries, ${this.markers.mentoringReport}` }), 'mentoring report');
  }

  private async groups() {
    const { member, facilitator, admin } = this.users;
    const org = await ok<{ id: string }>(admin.client.post('/api/admin/organizations', { name: 'Matrix Wellbeing', description: 'A peer-run charity.' }), 'organization');
    this.ids.org = org.id;
    const program = await ok<{ id: string }>(
      admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'open' }),
      'program',
    );
    this.ids.program = program.id;
    for (const u of [member, this.friend]) await ok(u.client.post(`/api/programs/${program.id}/join`, {}), 'join program');
    this.ids.group = await this.freshGroup();
    const meeting = await ok<{ id: string }>(
      facilitator.client.post(`/api/groups/${this.ids.group}/meetings`, { title: 'Thursday evening', mode: 'online', link: this.meetingLink, startLocal: '2026-02-05T19:00', frequency: 'weekly', count: 10 }),
      'meeting',
    );
    this.ids.meeting = meeting.id;
    this.ids.occurrence = '2026-02-05T19:00:00.000Z';
    const goal = await ok<{ id: string }>(facilitator.client.post(`/api/groups/${this.ids.group}/goals`, { title: 'Walk every day', targetPerMember: 7, unit: 'walks' }), 'group goal');
    this.ids.groupGoal = goal.id;
    await ok(facilitator.client.put(`/api/groups/${this.ids.group}/meetings/${meeting.id}/note`, { occurrence: this.ids.occurrence, body: `Quiet session, ${this.markers.meetingNote}` }), 'meeting note');
    const msg = await ok<{ message: { id: string } }>(member.client.post(`/api/groups/${this.ids.group}/messages`, { body: `Thank you all, ${this.markers.groupMessage}` }), 'group message');
    this.ids.groupMessage = msg.message.id;
    const friendMsg = await ok<{ message: { id: string } }>(this.friend.client.post(`/api/groups/${this.ids.group}/messages`, { body: 'Buy cheap followers now!' }), 'friend message');
    await ok(member.client.post(`/api/groups/${this.ids.group}/messages/${friendMsg.message.id}/reports`, { reason: 'spam' }), 'group report');
    await ok(facilitator.client.post(`/api/groups/${this.ids.group}/members/${member.id}/supervisor-request`, { note: `Could someone check in with this member? ${this.markers.supervisorRequest}` }), 'supervisor request');
    const feed = await ok<{ url: string }>(member.client.post('/api/me/calendar-feed'), 'calendar feed');
    this.feedToken = new URL(feed.url).searchParams.get('token')!;

    // The other member's group, in another program, run by another facilitator.
    const otherProgram = await ok<{ id: string }>(admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Daytime support', joinPolicy: 'open' }), 'other program');
    const otherGroup = await ok<{ id: string }>(
      admin.client.post(`/api/programs/${otherProgram.id}/groups`, { name: 'Monday group', description: 'A small group.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [this.facilitator2.id] }),
      'other group',
    );
    this.ids.otherGroup = otherGroup.id;
    for (const u of [this.users.otherMember, this.friend]) {
      await ok(u.client.post(`/api/programs/${otherProgram.id}/join`, {}), 'join other program');
      await ok(u.client.post(`/api/groups/${otherGroup.id}/join`, { agreementVersion: 1 }), 'join other group');
    }
    // Objects of the other group, to be addressed through the member's group (they must not be found there).
    const otherMessage = await ok<{ message: { id: string } }>(this.users.otherMember.client.post(`/api/groups/${otherGroup.id}/messages`, { body: 'Hello Monday people.' }), 'other group message');
    this.ids.otherGroupMessage = otherMessage.message.id;
    const friendOther = await ok<{ message: { id: string } }>(this.friend.client.post(`/api/groups/${otherGroup.id}/messages`, { body: 'Follow my page!' }), 'friend other message');
    this.ids.otherGroupReport = (await ok<{ id: string }>(this.users.otherMember.client.post(`/api/groups/${otherGroup.id}/messages/${friendOther.message.id}/reports`, { reason: 'spam' }), 'other report')).id;
    this.ids.otherGroupMeeting = (await ok<{ id: string }>(this.facilitator2.client.post(`/api/groups/${otherGroup.id}/meetings`, { title: 'Monday', mode: 'in_person', place: 'Library room 2', startLocal: '2026-02-02T18:00' }), 'other meeting')).id;
    this.ids.otherGroupGoal = (await ok<{ id: string }>(this.facilitator2.client.post(`/api/groups/${otherGroup.id}/goals`, { title: 'Sleep eight hours', targetPerMember: 5, unit: 'nights' }), 'other goal')).id;
    // A join request waiting in a third program, to be addressed through the member's program.
    const requestProgram = await ok<{ id: string }>(admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'By request', joinPolicy: 'request' }), 'request program');
    await ok(this.friend.client.post(`/api/programs/${requestProgram.id}/join`, { note: 'Hello.' }), 'ask to join');
    this.ids.otherJoinRequest = (await ok<{ requests: { id: string }[] }>(admin.client.get(`/api/programs/${requestProgram.id}/join-requests`), 'join requests')).requests[0]!.id;
  }

  private async circles() {
    const { member } = this.users;
    this.ids.circle = await this.freshCircle();
    const msg = await ok<{ message: { id: string } }>(member.client.post(`/api/circles/${this.ids.circle}/messages`, { body: `Love you all, ${this.markers.circleMessage}` }), 'circle message');
    this.ids.circleMessage = msg.message.id;
    await ok(this.friend.client.post(`/api/circles/${this.ids.circle}/messages`, { body: 'Thinking of you today.' }), 'friend circle message');
    await ok(member.client.post('/api/me/circle-checkins', { mood: 3, note: `An okay day, ${this.markers.circleCheckin}`, shareWith: [this.ids.circle] }), 'circle check-in');
    await ok(member.client.post(`/api/circles/${this.ids.circle}/invitations`, {}), 'open invitation');
    // The friend's circle, which the member is in without having made it; and the other member's.
    this.ids.friendCircle = await this.freshCircle(this.friend, [member]);
    this.ids.otherCircle = await this.freshCircle(this.users.otherMember, [this.friend]);
    const other = this.users.otherMember;
    this.ids.otherCircleMessage = (await ok<{ message: { id: string } }>(other.client.post(`/api/circles/${this.ids.otherCircle}/messages`, { body: 'Hi both.' }), 'other circle message')).message.id;
    this.ids.otherCircleCheckin = (await ok<{ checkin: { id: string } }>(other.client.post('/api/me/circle-checkins', { mood: 4, shareWith: [this.ids.otherCircle] }), 'other circle check-in')).checkin.id;
    this.ids.otherCircleInvitation = (await ok<{ id: string }>(other.client.post(`/api/circles/${this.ids.otherCircle}/invitations`, {}), 'other invitation')).id;
    // A message that raises a safety alert, for the supervisor's escalation path into the circle.
    const crisis = await ok<{ message: { id: string } }>(member.client.post(`/api/circles/${this.ids.circle}/messages`, { body: ACTIVE }), 'circle crisis message');
    this.ids.circleAlert = await this.alertOn(crisis.message.id);
  }

  /** The member's practice reply in the test curriculum's first module (test/fixtures/curriculum). */
  private async training() {
    const { member, otherMember, supervisor } = this.users;
    await ok(
      member.client.post('/api/training/modules/listening/practice/lonely-evening', { reply: `That sounds so lonely, I am glad you wrote. ${this.markers.practiceReply}` }),
      'practice reply',
    );
    // The member waits for sign-off (supervisors see their practice in numbers only); the other
    // member's request was declined with a note for them.
    await this.signOffRequest(member);
    const declined = await this.signOffRequest(otherMember);
    await ok(supervisor.client.post(`/api/supervision/sign-off-requests/${declined}/decline`, { note: `Let us practise together first, ${this.markers.signOffNote}` }), 'decline sign-off');
  }

  /** Answers to a module's quiz from the server's curriculum: all right, or all wrong (an option that is not right, for each question). */
  quizAnswers(moduleId: string, which: 'right' | 'wrong'): Record<string, string[]> {
    const m = this.app.kindred.training.curriculum.byId.get(moduleId)!;
    return Object.fromEntries(m.quiz.map((q) => [q.id, which === 'right' ? q.correct : [q.options.find((o) => !q.correct.includes(o.id))!.id]]));
  }

  /** Passes every module a certificate needs, as `user`, with the right answers read from the server's curriculum. */
  async passTraining(user: BuiltUser, kind: 'peer_supporter' | 'facilitator' = 'peer_supporter'): Promise<void> {
    for (const m of this.app.kindred.training.curriculum.modules.filter((x) => x.requiredFor.includes(kind))) {
      await ok(user.client.post(`/api/training/modules/${m.id}/quiz`, { answers: this.quizAnswers(m.id, 'right') }), 'quiz');
    }
  }

  /** A new trainee (or `trainee`) who passed and asks for sign-off; returns the request's id. */
  async signOffRequest(trainee?: BuiltUser, kind: 'peer_supporter' | 'facilitator' = 'peer_supporter'): Promise<string> {
    const who = trainee ?? (await buildUser(this.app));
    await this.passTraining(who, kind);
    return (await ok<{ id: string }>(who.client.post('/api/training/sign-off-requests', { kind }), 'sign-off request')).id;
  }

  /** A new peer supporter supervised by the world's supervisor (or supervisor2) asks for the facilitator sign-off; returns its id. */
  async supervisedSignOffRequest(supervisedBy: 'supervisor' | 'supervisor2'): Promise<string> {
    return this.signOffRequest(await this.supervisedSupporter(supervisedBy), 'facilitator');
  }

  /** A peer supporter certificate for `holder` (default: a new member), prior training recorded by the admin; returns its id. */
  async certificate(holder?: BuiltUser): Promise<string> {
    holder ??= await buildUser(this.app);
    return (await ok<{ id: string }>(this.admin.client.post('/api/admin/certificates', { userId: holder.id, kind: 'peer_supporter', note: 'Trained elsewhere.' }), 'certificate')).id;
  }

  private async recovery() {
    const { member } = this.users;
    const goal = await ok<{ goal: { id: string; steps: { id: string }[] } }>(
      member.client.post('/api/me/recovery/goals', { title: `Sleep better ${this.markers.recoveryGoal}`, steps: ['No screens after ten'] }),
      'recovery goal',
    );
    this.ids.recoveryGoal = goal.goal.id;
    this.ids.recoveryStep = goal.goal.steps[0]!.id;
    const journal = await ok<{ entry: { id: string } }>(member.client.post('/api/me/journal', { title: 'Tuesday', body: `Therapy went well. ${this.markers.journal}` }), 'journal');
    this.ids.journal = journal.entry.id;
    const otherJournal = await ok<{ entry: { id: string } }>(this.users.otherMember.client.post('/api/me/journal', { body: 'A long walk today.' }), 'other journal');
    this.ids.otherJournal = otherJournal.entry.id;
    const otherGoal = await ok<{ goal: { id: string; steps: { id: string }[] } }>(this.users.otherMember.client.post('/api/me/recovery/goals', { title: 'Run a 5k', steps: ['Buy shoes'] }), 'other goal');
    this.ids.otherRecoveryStep = otherGoal.goal.steps[0]!.id;
    const checkin = await ok<{ checkin: { id: string } }>(member.client.post('/api/me/checkins', { mood: 2, feelings: ['tired'], note: `Rough night, ${this.markers.checkinNote}` }), 'check-in');
    this.ids.checkin = checkin.checkin.id;
    await ok(member.client.put('/api/me/recovery/safety-plan', { warningSigns: [`Not sleeping, ${this.markers.safetyPlan}`] }), 'safety plan');
    // A journal entry that raises an alert: the supervisor learns the level, never the words.
    const crisis = await ok<{ entry: { id: string } }>(member.client.post('/api/me/journal', { body: `${ACTIVE} ${this.markers.journal}` }), 'crisis journal');
    this.ids.journalAlert = await this.alertOn(crisis.entry.id);
  }

  private async library() {
    const { member, admin } = this.users;
    const strategy = await ok<{ strategy: { id: string } }>(
      member.client.post('/api/library/strategies', { title: 'Box breathing', steps: ['Breathe in for four', 'Hold for four', 'Breathe out for four'], whenItHelps: 'When panic starts to rise.' }),
      'strategy',
    );
    this.ids.strategy = strategy.strategy.id;
    const suggestion = { ...RESOURCE, description: `A weekly walk and talk, ${this.markers.pendingResource}` };
    this.ids.pendingResource = (await ok<{ resource: { id: string } }>(member.client.post('/api/library/resources', suggestion), 'resource')).resource.id;
    const verified = await ok<{ resource: { id: string } }>(admin.client.post('/api/library/resources', { ...RESOURCE, name: 'Town talking therapies' }), 'admin resource');
    this.ids.resource = verified.resource.id;
    await ok(admin.client.post(`/api/library/resources/${this.ids.resource}/verify`), 'verify resource');
  }

  private async safety() {
    // Something held for review: a profile bio with method details.
    await ok(this.users.otherMember.client.patch('/api/me/profile', { bio: METHOD }), 'held bio');
  }

  private async supervision() {
    const { supporter, facilitator, supervisor } = this.users;
    const m = this.markers;
    // The world's supervisor supervises the supporter and the facilitator; supervisor2 the others.
    for (const s of [supporter, facilitator]) await this.assignSupervisor(s, supervisor);
    for (const s of [this.supporter2, this.facilitator2]) await this.assignSupervisor(s, this.supervisor2);
    this.ids.wellbeingCheckin = await this.lowWellbeingCheckin(supporter, `A heavy week, ${m.wellbeingNote}`);
    this.ids.supervisionNote = await this.supervisionNote(supervisor, supporter, `Gentle with boundaries, ${m.supervisionNote}`);
    this.ids.supervisionRequest = await this.supervisionRequest(supporter, `A conversation stayed with me, ${m.supervisionMessage}`);
    await ok(supervisor.client.post(`/api/supervision/requests/${this.ids.supervisionRequest}/messages`, { body: `Let us talk on Monday, ${m.supervisionMessage}` }), 'supervisor reply');
    // A public reply under the supporter's name, which the supervisor reviews and coaches.
    this.ids.supporterPost = await this.freshPost(supporter, 'That sounds really hard, and it makes sense you feel tired. What has helped you even a little?');
    await ok(
      supervisor.client.post(`/api/supervision/supporters/${supporter.id}/coaching-notes`, { itemKind: 'post', itemId: this.ids.supporterPost, body: `Lovely open question, ${m.coachingNote}` }),
      'coaching note',
    );
    // The same kinds of object between supporter2 and supervisor2.
    this.ids.otherWellbeingCheckin = await this.lowWellbeingCheckin(this.supporter2);
    this.ids.otherSupervisionNote = await this.supervisionNote(this.supervisor2, this.supporter2);
    this.ids.otherSupervisionRequest = await this.supervisionRequest(this.supporter2);
    this.ids.consentedMentorship = (await this.consentedMentorship('supervisor')).id;
    this.ids.consentedElsewhere = (await this.consentedMentorship('supervisor2')).id;
  }
}
