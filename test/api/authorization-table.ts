import { randomBytes, randomUUID } from 'node:crypto';
import { buildUser, type BuiltUser } from '../factories.js';
import { ACTIVE, ALL_WEEK, METHOD, ok, RESOURCE, type MarkerName, type MatrixRole, type World } from './authorization-world.js';

/*
 * ── The authorization table: who may call which route on which object ──────────────────────────
 *
 * authorization-matrix.test.ts calls every route of the OpenAPI document as each of the seven
 * roles (anonymous, member, other member, peer supporter, facilitator, supervisor, admin) and
 * checks the status against this table. A route in the API that is missing here fails the test,
 * and so does an entry here whose route is gone.
 *
 * HOW TO DECLARE A NEW ROUTE
 *   1. Add `'METHOD /api/path/{param}': { … }` under its module, with a one-line comment saying
 *      who may call it and why (the path is spelled as in the OpenAPI document: `{id}`, not `:id`).
 *   2. `on`: the object the call addresses, from its owner's side ("the member's journal entry").
 *   3. `call`: fills the path parameters, the query and a VALID body (an invalid body is a 400
 *      before authorization is even asked). Objects come from the world (authorization-world.ts);
 *      add one there if the route addresses a new kind. A call that changes or ends its object
 *      builds a fresh one in `call` (`w.freshCircle()` …), so the other calls keep theirs: `call`
 *      runs once for each role that succeeds; the refused roles call first, on the object made
 *      for the first role that succeeds (a refused call changes nothing).
 *      `players` names who plays a role on a fresh object (the mentee of a fresh mentorship
 *      plays the member). `freshCaller: true` gives each role a new account of its kind, and runs
 *      `call` per role (sign-out, erase, password change: calls that would spend the role's session).
 *   4. `allow`: the roles that succeed (any 2xx); every other signed-in role gets `deny`
 *      (403 when the caller may know the object exists, 404 when its existence must not leak:
 *      circles, journals, conversations), and anonymous gets 401. `except` overrides single roles.
 *   5. A route with several objects (owned / not owned, open / closed) lists several cases.
 *   6. Private text the route returns: plant a marker in authorization-world.ts and declare who
 *      may read it in MARKER_READERS below; realtime rooms go in REALTIME_ROOMS.
 */

export interface CallContext {
  w: World;
  /** The role calling (the first role that succeeds, for the run the refused roles share). */
  role: MatrixRole;
  /** The account making the call: the role's world account, or its fresh stand-in (`freshCaller`). */
  caller: BuiltUser | null;
}

export interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Who plays a role on this call's fresh object (its participants); default: the role's own account. */
  players?: Partial<Record<MatrixRole, BuiltUser>>;
}

export interface Case {
  /** The object addressed, from its owner's side. */
  on: string;
  call?: (ctx: CallContext) => Call | Promise<Call>;
  /** Roles whose call succeeds (2xx). */
  allow: readonly MatrixRole[];
  /** Status for every signed-in role not allowed (anonymous gets 401). */
  deny?: 400 | 401 | 403 | 404 | 409 | 410;
  /** Per-role statuses that differ from allow/deny, with the reason in a comment. */
  except?: Partial<Record<MatrixRole, number>>;
  /** Each role calls from a new account with the same platform roles. */
  freshCaller?: boolean;
}

export type RouteSpec = Case | readonly Case[];

// Role sets used below.
const EVERYONE = ['anonymous', 'member', 'otherMember', 'supporter', 'facilitator', 'supervisor', 'admin'] as const satisfies readonly MatrixRole[];
const SIGNED_IN = ['member', 'otherMember', 'supporter', 'facilitator', 'supervisor', 'admin'] as const satisfies readonly MatrixRole[];
const OWNER = ['member'] as const satisfies readonly MatrixRole[];
/** Community moderators, alert responders and library curators. */
const MODERATORS = ['supervisor', 'admin'] as const satisfies readonly MatrixRole[];
const ADMIN = ['admin'] as const satisfies readonly MatrixRole[];
/** The member and their supporter: the two participants of the member's mentorship. */
const PARTICIPANTS = ['member', 'supporter'] as const satisfies readonly MatrixRole[];
/** The member (joined, agreement accepted) and the facilitator of the member's group. */
const GROUP_PARTICIPANTS = ['member', 'facilitator'] as const satisfies readonly MatrixRole[];
/** Who may see the member's group at all: participants and admins (program leads). */
const GROUP_READERS = ['member', 'facilitator', 'admin'] as const satisfies readonly MatrixRole[];

/** Peer supporters and facilitators: the people who have a supervisor. */
const SUPPORTERS = ['supporter', 'facilitator'] as const satisfies readonly MatrixRole[];
/** The supporter and their assigned supervisor: the two people of the supporter's supervision request. */
const SUPERVISION_PAIR = ['supporter', 'supervisor'] as const satisfies readonly MatrixRole[];

/**
 * A supervisor's answer on a conversation they hold no grant for: 403 (a grant could let them in;
 * as on the mentorship itself). An admin, like anyone else, gets 404.
 */
const RESPONDERS_WITHOUT_GRANT = { supervisor: 403 } as const;

const hex = () => randomBytes(4).toString('hex');
const NEW_THREAD = { kind: 'story', title: 'Another small win', body: 'I made it to the shop today.' };
const MEETING = { title: 'Thursday evening', mode: 'online', link: 'https://meet.example.org/thursday', startLocal: '2026-02-05T19:00', frequency: 'weekly', count: 10 };
const STRATEGY = { title: 'Five senses', steps: ['Name five things you can see'], whenItHelps: 'When everything feels too much.' };

/** A fresh mentorship for calls that change it; its mentee plays the member and its supporter the supporter. */
async function onFreshMentorship(w: World) {
  const m = await w.freshMentorship();
  return { m, players: { member: m.member, supporter: m.supporter } };
}

/** A handover proposed on a fresh mentorship to a colleague, who plays the supporter unless `supporterIs: 'from'`. */
async function freshHandover(w: World, opts: { acceptedByColleague?: boolean; supporterIs: 'from' | 'to' }) {
  const m = await w.freshMentorship();
  const { supporter: colleague } = await w.spareSupporter('colleague');
  const h = await ok<{ handover: { id: string } }>(
    m.supporter.client.post(`/api/mentoring/mentorships/${m.id}/handovers`, { toSupporterId: colleague.id, note: 'Moving to evening shifts; a colleague will take over.' }),
    'handover',
  );
  if (opts.acceptedByColleague) await ok(colleague.client.post(`/api/mentoring/handovers/${h.handover.id}/accept`), 'accept handover');
  return { params: { id: h.handover.id }, players: { member: m.member, supporter: opts.supporterIs === 'from' ? m.supporter : colleague } };
}

/** A fresh mentorship whose member consented to supervisor review; its supporter's supervisor is the world's supervisor. */
async function consentedConversation({ w }: CallContext): Promise<Call> {
  const m = await w.consentedMentorship('supervisor');
  return { params: { id: m.id }, players: { member: m.member, supporter: m.supporter } };
}

/** The same, but the supporter's supervisor is supervisor2: the consent does not reach the world's supervisor. */
async function consentedElsewhere({ w }: CallContext): Promise<Call> {
  const m = await w.consentedMentorship('supervisor2');
  return { params: { id: m.id }, players: { member: m.member, supporter: m.supporter } };
}

/** A fresh safety alert, raised by a new member's journal entry. */
async function freshAlert(w: World): Promise<string> {
  const writer = await buildUser(w.app);
  const entry = await ok<{ entry: { id: string } }>(writer.client.post('/api/me/journal', { body: ACTIVE }), 'alerting journal entry');
  return w.alertOn(entry.entry.id);
}

/** A fresh circle alert, raised by the member's message in a fresh circle of theirs. */
async function freshCircleAlert(w: World): Promise<string> {
  const circle = await w.freshCircle();
  const res = await ok<{ message: { id: string } }>(w.member.client.post(`/api/circles/${circle}/messages`, { body: ACTIVE }), 'alerting circle message');
  return w.alertOn(res.message.id);
}

/** A group (with the member in it) of a new organization whose staff supervisor is the supervisor. */
async function staffedGroup({ w }: CallContext): Promise<Call> {
  const org = await ok<{ id: string }>(w.admin.client.post('/api/admin/organizations', { name: `Staffed ${hex()}` }), 'organization');
  await ok(w.admin.client.post(`/api/admin/organizations/${org.id}/staff`, { userId: w.users.supervisor.id, role: 'supervisor' }), 'staff');
  const program = await ok<{ id: string }>(w.admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Staffed program', joinPolicy: 'open' }), 'program');
  await ok(w.member.client.post(`/api/programs/${program.id}/join`, {}), 'join program');
  const group = await ok<{ id: string }>(
    w.admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Staffed group', description: 'A group.', timeZone: 'Europe/London', agreement: 'We listen with respect and keep what is said here.', facilitatorIds: [w.facilitator2.id] }),
    'group',
  );
  await ok(w.member.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }), 'join group');
  return { params: { id: group.id } };
}

/** A new trainee's sign-off request, declined by supervisor2; returns its id. */
async function declinedSignOff(w: World): Promise<string> {
  const id = await w.signOffRequest();
  await ok(w.supervisor2.client.post(`/api/supervision/sign-off-requests/${id}/decline`, { note: 'Let us talk first.' }), 'decline sign-off');
  return id;
}

/** A program of the world's organization made for one call (joining, leaving, codes, requests). */
async function freshProgram(w: World, joinPolicy: 'open' | 'request' | 'invitation' = 'open'): Promise<string> {
  const p = await ok<{ id: string }>(w.admin.client.post(`/api/admin/organizations/${w.ids.org}/programs`, { name: `Program ${hex()}`, joinPolicy }), 'program');
  return p.id;
}

export const AUTHORIZATION_TABLE: Record<string, RouteSpec> = {
  // ── operations ──────────────────────────────────────────────────────────────────────────────
  // Public: a browser asks for its CSRF token before signing in; probes ask for health.
  'GET /api/auth/csrf': { on: 'a CSRF token', allow: EVERYONE },
  'GET /api/health': { on: 'liveness', allow: EVERYONE },
  'GET /api/ready': { on: 'readiness', allow: EVERYONE },

  // ── accounts ────────────────────────────────────────────────────────────────────────────────
  // Anyone may make an account (a signed-in browser too: it becomes the new account).
  'POST /api/auth/sign-up': {
    on: 'a new account',
    freshCaller: true,
    call: () => ({ body: { handle: `new_${hex()}`, password: `pw-${hex()}${hex()}`, ageConfirmed: true } }),
    allow: EVERYONE,
  },
  // Anyone may sign in with their own credentials.
  'POST /api/auth/sign-in': {
    on: "the caller's own account",
    freshCaller: true,
    call: async ({ w, caller }) => {
      const u = caller ?? (await buildUser(w.app));
      return { body: { handle: u.handle, password: u.password } };
    },
    allow: EVERYONE,
  },
  'POST /api/auth/sign-out': { on: "the caller's session", freshCaller: true, allow: SIGNED_IN },
  'GET /api/me': { on: "the caller's account", allow: SIGNED_IN },
  // The home page's counts (ADR 045): everyone signed in gets their own; the role parts are null for others (today.routes.test.ts).
  'GET /api/me/today': { on: "what waits for the caller", allow: SIGNED_IN },
  // Who is signed in, asked by every page: a visitor gets 200 "signed out", not 401.
  'GET /api/auth/session': { on: "the caller's session, if any", allow: EVERYONE },
  'PATCH /api/me/profile': { on: "the caller's profile", call: () => ({ body: { pronouns: 'they/them' } }), allow: SIGNED_IN },
  'POST /api/me/password': {
    on: "the caller's password",
    freshCaller: true,
    call: ({ caller }) => ({ body: { currentPassword: caller?.password ?? 'not-signed-in', newPassword: `pw-${hex()}${hex()}` } }),
    allow: SIGNED_IN,
  },
  'GET /api/me/sessions': { on: "the caller's sessions", allow: SIGNED_IN },
  // One's own session may be ended; another person's session id is not found.
  'DELETE /api/me/sessions/{id}': [
    { on: "the caller's own session", freshCaller: true, call: ({ caller }) => ({ params: { id: caller?.actor.sessionId ?? randomUUID() } }), allow: SIGNED_IN },
    { on: "another account's session", call: async ({ w }) => ({ params: { id: (await buildUser(w.app)).actor.sessionId } }), allow: [], deny: 404 },
  ],
  'POST /api/me/sessions/revoke-others': { on: "the caller's other sessions", freshCaller: true, allow: SIGNED_IN },
  // "Who saw my data" and "Download my data": the caller's own, for everyone signed in.
  'GET /api/me/audit': { on: "the caller's audit log", allow: SIGNED_IN },
  'GET /api/me/export': { on: "the caller's data", allow: SIGNED_IN },
  'POST /api/me/erase': {
    on: "the caller's account",
    freshCaller: true,
    call: ({ caller }) => ({ body: { password: caller?.password ?? 'not-signed-in', publicPosts: 'anonymize', confirm: 'DELETE' } }),
    allow: SIGNED_IN,
  },
  // A public profile (pseudonymous) for anyone signed in.
  'GET /api/users/{id}': { on: "the member's public profile", call: ({ w }) => ({ params: { id: w.member.id } }), allow: SIGNED_IN },
  // Admins run accounts and roles.
  'GET /api/admin/users': { on: 'the account list', allow: ADMIN, deny: 403 },
  'PUT /api/admin/users/{id}/roles': {
    on: "a new member's roles",
    call: async ({ w }) => ({ params: { id: (await buildUser(w.app)).id }, body: { roles: ['member', 'peer_supporter'] } }),
    allow: ADMIN,
    deny: 403,
  },

  // ── safety ──────────────────────────────────────────────────────────────────────────────────
  // Crisis lines are for everyone, signed in or not.
  'GET /api/crisis-resources': { on: 'the crisis lines', call: () => ({ query: { region: 'GB' } }), allow: EVERYONE },
  // Supervisors and admins take duty and work alerts.
  'GET /api/safety/duty': { on: "the responder's duty", allow: MODERATORS, deny: 403 },
  'PUT /api/safety/duty': { on: "the responder's duty", call: () => ({ body: { onDuty: false } }), allow: MODERATORS, deny: 403 },
  'GET /api/safety/alerts': { on: 'the alert queue', allow: MODERATORS, deny: 403 },
  'GET /api/safety/alerts/{id}': { on: "an alert about the member's journal", call: ({ w }) => ({ params: { id: w.ids.journalAlert } }), allow: MODERATORS, deny: 403 },
  'POST /api/safety/alerts/{id}/acknowledge': { on: 'a new alert', call: async ({ w }) => ({ params: { id: await freshAlert(w) } }), allow: MODERATORS, deny: 403 },
  'POST /api/safety/alerts/{id}/notes': { on: "an alert about the member", call: ({ w }) => ({ params: { id: w.ids.journalAlert }, body: { body: 'Called, left a message.' } }), allow: MODERATORS, deny: 403 },
  'POST /api/safety/alerts/{id}/resolve': { on: 'a new alert', call: async ({ w }) => ({ params: { id: await freshAlert(w) }, body: { outcome: 'no_risk_on_review' } }), allow: MODERATORS, deny: 403 },
  'GET /api/safety/held': { on: 'the held-content queue', allow: MODERATORS, deny: 403 },
  'POST /api/safety/held/{id}/decision': {
    on: 'a newly held bio',
    call: async ({ w }) => {
      const writer = await buildUser(w.app);
      await ok(writer.client.patch('/api/me/profile', { bio: METHOD }), 'held bio');
      const held = await w.app.kindred.database.db.selectFrom('held_content').select('id').where('user_id', '=', writer.id).executeTakeFirstOrThrow();
      return { params: { id: held.id }, body: { action: 'remove' } };
    },
    allow: MODERATORS,
    deny: 403,
  },
  // The one way into a circle from outside: the responder working (having acknowledged) an alert
  // raised there; not found for everyone else, so a circle's existence never leaks.
  'GET /api/safety/alerts/{id}/circle-context': [
    {
      on: 'a circle alert the caller acknowledged',
      call: async ({ w, role }) => {
        const id = await freshCircleAlert(w);
        if (role === 'supervisor' || role === 'admin') await ok(w.clientOf(role).post(`/api/safety/alerts/${id}/acknowledge`), 'acknowledge');
        return { params: { id } };
      },
      allow: MODERATORS,
      deny: 404,
    },
    // Another responder works it: the admin acknowledged it, so the supervisor waits.
    {
      on: 'a circle alert the admin acknowledged',
      call: async ({ w }) => {
        const id = await freshCircleAlert(w);
        await ok(w.admin.client.post(`/api/safety/alerts/${id}/acknowledge`), 'acknowledge');
        return { params: { id } };
      },
      allow: ADMIN,
      deny: 404,
      except: { supervisor: 409 },
    },
    // Nobody is working it yet: responders are told to acknowledge first.
    { on: 'a circle alert nobody acknowledged', call: ({ w }) => ({ params: { id: w.ids.circleAlert } }), allow: [], deny: 404, except: { supervisor: 409, admin: 409 } },
  ],

  // ── community: spaces, threads, posts ───────────────────────────────────────────────────────
  'GET /api/spaces': { on: 'the spaces list', allow: SIGNED_IN },
  // An open space is for every member; a program space for its members and the moderators.
  'GET /api/spaces/{id}': [
    { on: 'an open space', call: ({ w }) => ({ params: { id: w.ids.space } }), allow: SIGNED_IN },
    { on: "the member's program space", call: ({ w }) => ({ params: { id: w.ids.programSpace } }), allow: ['member', ...MODERATORS], deny: 404 },
  ],
  'POST /api/spaces/{id}/threads': [
    { on: 'an open space', call: ({ w }) => ({ params: { id: w.ids.space }, body: NEW_THREAD }), allow: SIGNED_IN },
    { on: "the member's program space", call: ({ w }) => ({ params: { id: w.ids.programSpace }, body: NEW_THREAD }), allow: ['member', ...MODERATORS], deny: 404 },
  ],
  'GET /api/threads': { on: 'the latest threads', allow: SIGNED_IN },
  'GET /api/threads/{id}': [
    { on: "the member's thread in an open space", call: ({ w }) => ({ params: { id: w.ids.thread } }), allow: SIGNED_IN },
    { on: "the member's thread in a program space", call: ({ w }) => ({ params: { id: w.ids.programThread } }), allow: ['member', ...MODERATORS], deny: 404 },
    { on: "the member's anonymous thread", call: ({ w }) => ({ params: { id: w.ids.anonymousThread } }), allow: SIGNED_IN },
  ],
  'GET /api/threads/{id}/posts': [
    { on: "the member's thread in an open space", call: ({ w }) => ({ params: { id: w.ids.thread } }), allow: SIGNED_IN },
    { on: "the member's thread in a program space", call: ({ w }) => ({ params: { id: w.ids.programThread } }), allow: ['member', ...MODERATORS], deny: 404 },
    { on: "the member's anonymous thread", call: ({ w }) => ({ params: { id: w.ids.anonymousThread } }), allow: SIGNED_IN },
  ],
  'POST /api/threads/{id}/posts': [
    { on: "the member's thread in an open space", call: ({ w }) => ({ params: { id: w.ids.thread }, body: { body: 'Sending strength.' } }), allow: SIGNED_IN },
    { on: "the member's thread in a program space", call: ({ w }) => ({ params: { id: w.ids.programThread }, body: { body: 'Sending strength.' } }), allow: ['member', ...MODERATORS], deny: 404 },
  ],
  'GET /api/threads/{id}/related': { on: "the member's thread", call: ({ w }) => ({ params: { id: w.ids.thread } }), allow: SIGNED_IN },
  // Only the thread's author marks the reply that helped.
  'PUT /api/threads/{id}/helped': { on: "the member's thread", call: ({ w }) => ({ params: { id: w.ids.thread }, body: { postId: w.ids.otherPost } }), allow: OWNER, deny: 403 },
  'PUT /api/threads/{id}/follow': { on: "the member's thread", call: ({ w }) => ({ params: { id: w.ids.thread } }), allow: SIGNED_IN },
  'DELETE /api/threads/{id}/follow': { on: "the member's thread", call: ({ w }) => ({ params: { id: w.ids.thread } }), allow: SIGNED_IN },
  // Authors edit and delete their own posts; moderators use the moderation routes.
  'PATCH /api/posts/{id}': { on: "the member's reply", call: async ({ w }) => ({ params: { id: await w.freshPost() }, body: { body: 'Edited: thank you for sharing.' } }), allow: OWNER, deny: 403 },
  'DELETE /api/posts/{id}': { on: "the member's reply", call: async ({ w }) => ({ params: { id: await w.freshPost() } }), allow: OWNER, deny: 403 },
  'PUT /api/posts/{id}/reactions/{kind}': [
    { on: "the other member's reply", call: ({ w }) => ({ params: { id: w.ids.otherPost, kind: 'relate' } }), allow: SIGNED_IN },
    { on: "the member's anonymous reply", call: ({ w }) => ({ params: { id: w.ids.anonymousPost, kind: 'relate' } }), allow: SIGNED_IN },
  ],
  'DELETE /api/posts/{id}/reactions/{kind}': { on: "the other member's reply", call: ({ w }) => ({ params: { id: w.ids.otherPost, kind: 'strength' } }), allow: SIGNED_IN },
  // Who reacted is for the post's author only.
  'GET /api/posts/{id}/reactions': [
    { on: "the member's post", call: ({ w }) => ({ params: { id: w.ids.post } }), allow: OWNER, deny: 403 },
    { on: "the member's anonymous reply", call: ({ w }) => ({ params: { id: w.ids.anonymousPost } }), allow: OWNER, deny: 403 },
  ],
  'GET /api/search': { on: 'community search', call: () => ({ query: { q: 'walk' } }), allow: SIGNED_IN },
  'GET /api/me/content-warnings': { on: "the caller's warning preferences", allow: SIGNED_IN },
  'PUT /api/me/content-warnings': { on: "the caller's warning preferences", call: () => ({ body: { prefs: { suicide: 'ask' } } }), allow: SIGNED_IN },
  // Each member's own reports: the route takes no object, so every caller reads only theirs (tested in my-reports.routes.test.ts).
  'GET /api/me/reports': { on: "the caller's own reports", allow: SIGNED_IN },
  'POST /api/posts/{id}/reports': { on: "the other member's new reply", call: async ({ w }) => ({ params: { id: await w.freshPost(w.users.otherMember) }, body: { reason: 'spam' } }), allow: SIGNED_IN },

  // ── community moderation (supervisors and admins) ───────────────────────────────────────────
  'GET /api/moderation/queue': { on: 'the moderation queue', allow: MODERATORS, deny: 403 },
  'POST /api/moderation/reports/{id}/resolve': {
    on: 'a new report',
    call: async ({ w }) => {
      const post = await w.freshPost();
      const r = await ok<{ id: string }>(w.users.otherMember.client.post(`/api/posts/${post}/reports`, { reason: 'spam' }), 'report');
      return { params: { id: r.id }, body: { action: 'dismiss' } };
    },
    allow: MODERATORS,
    deny: 403,
  },
  'POST /api/moderation/posts/{id}/hide': { on: "the member's new reply", call: async ({ w }) => ({ params: { id: await w.freshPost() }, body: { note: 'Off topic.' } }), allow: MODERATORS, deny: 403 },
  'POST /api/moderation/posts/{id}/restore': {
    on: "the member's hidden reply",
    call: async ({ w }) => {
      const id = await w.freshPost();
      await ok(w.admin.client.post(`/api/moderation/posts/${id}/hide`, { note: 'Off topic.' }), 'hide');
      return { params: { id } };
    },
    allow: MODERATORS,
    deny: 403,
  },
  'POST /api/moderation/posts/{id}/approve': {
    on: "a new member's first post, held for a moderator",
    call: async ({ w }) => {
      const writer = await buildUser(w.app);
      await ok(w.admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 }), 'hold first posts');
      const res = await ok<{ post: { id: string } }>(writer.client.post(`/api/threads/${w.ids.thread}/posts`, { body: 'Hello, I am new here.' }), 'held post');
      await ok(w.admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 }), 'release hold');
      return { params: { id: res.post.id } };
    },
    allow: MODERATORS,
    deny: 403,
  },
  'POST /api/moderation/posts/{id}/edit': { on: "the member's new reply", call: async ({ w }) => ({ params: { id: await w.freshPost() }, body: { body: 'Edited by a moderator.', note: 'Removed a name.' } }), allow: MODERATORS, deny: 403 },
  'POST /api/moderation/posts/{id}/warn': { on: "the member's reply", call: async ({ w }) => ({ params: { id: await w.freshPost() }, body: { note: 'Please keep it kind.' } }), allow: MODERATORS, deny: 403 },
  'GET /api/moderation/posts/{id}/history': [
    { on: "the member's post", call: ({ w }) => ({ params: { id: w.ids.post } }), allow: MODERATORS, deny: 403 },
    { on: "the member's anonymous reply, edited by the member", call: ({ w }) => ({ params: { id: w.ids.anonymousPost } }), allow: MODERATORS, deny: 403 },
  ],
  // Naming an anonymous author is a moderator's audited act.
  'POST /api/moderation/posts/{id}/reveal-author': { on: "the member's anonymous reply", call: ({ w }) => ({ params: { id: w.ids.anonymousPost }, body: { reason: 'Looking into a report of harassment.' } }), allow: MODERATORS, deny: 403 },
  'PUT /api/moderation/threads/{id}/slow-mode': { on: "the member's thread", call: ({ w }) => ({ params: { id: w.ids.thread }, body: { seconds: 0 } }), allow: MODERATORS, deny: 403 },
  'POST /api/moderation/users/{id}/suspend': { on: 'a new member', call: async ({ w }) => ({ params: { id: (await buildUser(w.app)).id }, body: { days: 1, reason: 'Repeated spam.' } }), allow: MODERATORS, deny: 403 },

  // ── community administration (admins) ───────────────────────────────────────────────────────
  'POST /api/admin/spaces': { on: 'a new space', call: () => ({ body: { slug: `space-${hex()}`, name: 'New space', description: 'A new space.', houseRules: 'Be kind.' } }), allow: ADMIN, deny: 403 },
  'PATCH /api/admin/spaces/{id}': { on: 'the program space', call: ({ w }) => ({ params: { id: w.ids.programSpace }, body: { description: 'Only for the program.' } }), allow: ADMIN, deny: 403 },
  'POST /api/admin/programs': { on: 'a new community program', call: () => ({ body: { name: `Program ${hex()}` } }), allow: ADMIN, deny: 403 },
  'POST /api/admin/programs/{id}/members': {
    on: 'the community program',
    call: async ({ w }) => ({ params: { id: w.ids.communityProgram }, body: { userId: (await buildUser(w.app)).id } }),
    allow: ADMIN,
    deny: 403,
  },
  'GET /api/admin/community-settings': { on: 'community settings', allow: ADMIN, deny: 403 },
  'PUT /api/admin/community-settings': { on: 'community settings', call: () => ({ body: { holdFirstPosts: 0 } }), allow: ADMIN, deny: 403 },

  // ── notifications (the caller's own) ────────────────────────────────────────────────────────
  'GET /api/notifications': { on: "the caller's notifications", allow: SIGNED_IN },
  'POST /api/notifications/read': { on: "the caller's notifications", call: () => ({ body: { all: true } }), allow: SIGNED_IN },
  'GET /api/me/notification-preferences': { on: "the caller's preferences", allow: SIGNED_IN },
  'PUT /api/me/notification-preferences': { on: "the caller's preferences", call: () => ({ body: { prefs: { reaction: true } } }), allow: SIGNED_IN },

  // ── mentoring: supporter profile, requests and offers ───────────────────────────────────────
  // Only peer supporters keep a supporter profile and answer offers.
  'GET /api/mentoring/supporter-profile': { on: "the caller's supporter profile", allow: ['supporter'], deny: 403 },
  'PUT /api/mentoring/supporter-profile': {
    on: "the caller's supporter profile",
    call: ({ w }) => ({
      body: {
        experienceTags: ['anxiety'],
        languages: [w.ids.supporterLang],
        timeZone: 'Europe/London',
        availability: ALL_WEEK,
        capacity: 5,
      },
    }),
    allow: ['supporter'],
    deny: 403,
  },
  'PUT /api/mentoring/supporter-profile/away': { on: "the caller's supporter profile", call: () => ({ body: { away: null } }), allow: ['supporter'], deny: 403 },
  'GET /api/mentoring/supporters': { on: 'the supporters directory', allow: SIGNED_IN },
  // A member sees the supporter they had; supporters see colleagues; supervisors see everyone.
  'GET /api/mentoring/supporters/{id}': { on: "the member's supporter", call: ({ w }) => ({ params: { id: w.users.supporter.id } }), allow: ['member', 'supporter', 'supervisor'], deny: 404 },
  // Private feedback about a supporter is for their assigned supervisor (another supervisor: 403 too).
  'GET /api/mentoring/supporters/{id}/feedback': [
    { on: 'the supporter (the supervisor supervises them)', call: ({ w }) => ({ params: { id: w.users.supporter.id } }), allow: ['supervisor'], deny: 403 },
    { on: 'supporter2 (supervisor2 supervises them)', call: ({ w }) => ({ params: { id: w.supporter2.id } }), allow: [], deny: 403 },
  ],
  'POST /api/mentoring/requests': {
    on: "the caller's new support request",
    freshCaller: true,
    call: () => ({ body: { topic: 'I would like to talk about feeling low.', preferences: { languages: ['zu-xnobody'] } } }),
    allow: SIGNED_IN,
  },
  'GET /api/mentoring/requests/current': { on: "the caller's request", allow: SIGNED_IN },
  'POST /api/mentoring/requests/{requestId}/cancel': {
    on: "a new member's waiting request (the new member plays the member)",
    call: async ({ w }) => {
      const asker = await buildUser(w.app);
      const id = await w.request(asker, 'zu-xnobody');
      return { params: { requestId: id }, players: { member: asker } };
    },
    allow: OWNER,
    deny: 404,
  },
  'GET /api/mentoring/offers': { on: "the supporter's offers", allow: ['supporter'], deny: 403 },
  'POST /api/mentoring/offers/{requestId}/accept': {
    on: 'a request offered to a new supporter (who plays the supporter)',
    call: async ({ w }) => {
      const s = await buildUser(w.app, { roles: ['peer_supporter'] });
      const lang = await w.supporterProfile(s);
      const id = await w.request(await buildUser(w.app), lang);
      return { params: { requestId: id }, players: { supporter: s } };
    },
    allow: ['supporter'],
    deny: 403,
  },
  'POST /api/mentoring/offers/{requestId}/decline': {
    on: 'a request offered to a new supporter (who plays the supporter)',
    call: async ({ w }) => {
      const s = await buildUser(w.app, { roles: ['peer_supporter'] });
      const lang = await w.supporterProfile(s);
      const id = await w.request(await buildUser(w.app), lang);
      return { params: { requestId: id }, players: { supporter: s } };
    },
    allow: ['supporter'],
    deny: 403,
  },

  // ── mentoring: mentorships ──────────────────────────────────────────────────────────────────
  'GET /api/mentoring/mentorships': { on: "the caller's mentorships", allow: SIGNED_IN },
  // The two participants only; a supervisor only under a consent or escalation grant (without
  // one: 403, supervisors oversee mentoring and may know a mentorship exists; anyone else 404).
  // Consent admits only the supporter's assigned supervisor (the new members there are nobody's stand-in).
  'GET /api/mentoring/mentorships/{id}': [
    { on: "the member's mentorship", call: ({ w }) => ({ params: { id: w.ids.mentorship } }), allow: PARTICIPANTS, deny: 404, except: { supervisor: 403 } },
    { on: "the other member's mentorship", call: ({ w }) => ({ params: { id: w.ids.otherMentorship } }), allow: ['otherMember'], deny: 404, except: { supervisor: 403 } },
    { on: "a mentorship opened to its supporter's supervisor (the supervisor)", call: ({ w }) => ({ params: { id: w.ids.consentedMentorship } }), allow: ['supervisor'], deny: 404 },
    { on: "a mentorship opened to its supporter's supervisor (supervisor2)", call: ({ w }) => ({ params: { id: w.ids.consentedElsewhere } }), allow: [], deny: 404, except: { supervisor: 403 } },
  ],
  'POST /api/mentoring/mentorships/{id}/end': {
    on: 'a fresh mentorship',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      return { params: { id: m.id }, body: { closingMessage: 'Thank you for everything.' }, players };
    },
    allow: PARTICIPANTS,
    deny: 404,
  },
  // Only the member asks for another supporter.
  'POST /api/mentoring/mentorships/{id}/switch': {
    on: 'a fresh mentorship',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      return { params: { id: m.id }, players };
    },
    allow: OWNER,
    deny: 404,
    except: { supporter: 403 },
  },
  // Only the supporter hands the mentorship to a colleague.
  'POST /api/mentoring/mentorships/{id}/handovers': {
    on: 'a fresh mentorship',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      return { params: { id: m.id }, body: { toSupporterId: w.supporter2.id, note: 'Moving to evening shifts.' }, players };
    },
    allow: ['supporter'],
    deny: 404,
    except: { member: 403 },
  },
  // Feedback is the member's, once the mentorship ended.
  'POST /api/mentoring/mentorships/{id}/feedback': {
    on: 'a fresh mentorship that ended',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      await ok(m.member.client.post(`/api/mentoring/mentorships/${m.id}/end`, {}), 'end');
      return { params: { id: m.id }, body: { rating: 5 }, players };
    },
    allow: OWNER,
    deny: 404,
    except: { supporter: 403 },
  },
  'POST /api/mentoring/mentorships/{id}/reports': { on: "the member's mentorship", call: ({ w }) => ({ params: { id: w.ids.mentorship }, body: { reason: 'other', note: 'A question about boundaries.' } }), allow: PARTICIPANTS, deny: 404 },
  // The member alone lets a supervisor read the conversation.
  'POST /api/mentoring/mentorships/{id}/supervisor-consent': {
    on: 'a fresh mentorship',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      return { params: { id: m.id }, body: { grant: true, days: 7 }, players };
    },
    allow: OWNER,
    deny: 404,
    except: { supporter: 403 },
  },
  // The supporter alone escalates to a supervisor.
  'POST /api/mentoring/mentorships/{id}/escalate': {
    on: 'a fresh mentorship',
    call: async ({ w }) => {
      const { m, players } = await onFreshMentorship(w);
      return { params: { id: m.id }, body: { note: 'I am worried about their safety.' }, players };
    },
    allow: ['supporter'],
    deny: 404,
    except: { member: 403 },
  },
  'GET /api/mentoring/handovers': { on: "the caller's handovers", allow: SIGNED_IN },
  // The colleague a handover is proposed to accepts or declines it.
  // (The mentee, a party to it, is told it is not theirs to answer: 409.)
  'POST /api/mentoring/handovers/{id}/accept': { on: 'a handover proposed to a new colleague (who plays the supporter)', call: ({ w }) => freshHandover(w, { supporterIs: 'to' }), allow: ['supporter'], deny: 404, except: { member: 409 } },
  'POST /api/mentoring/handovers/{id}/decline': { on: 'a handover proposed to a new colleague (who plays the supporter)', call: ({ w }) => freshHandover(w, { supporterIs: 'to' }), allow: ['supporter'], deny: 404, except: { member: 409 } },
  // The proposing supporter withdraws it (the mentee: 409, as above).
  'POST /api/mentoring/handovers/{id}/cancel': { on: 'a handover the supporter proposed', call: ({ w }) => freshHandover(w, { supporterIs: 'from' }), allow: ['supporter'], deny: 404, except: { member: 409 } },
  // The member consents once the colleague accepted.
  'POST /api/mentoring/handovers/{id}/consent': {
    on: "a handover of the member's mentorship, accepted by the colleague",
    call: async ({ w }) => ({ ...(await freshHandover(w, { supporterIs: 'from', acceptedByColleague: true })), body: { consent: true } }),
    allow: OWNER,
    deny: 404,
    // The proposing supporter is a party to it: 403.
    except: { supporter: 403 },
  },
  'GET /api/mentoring/blocks': { on: "the caller's blocks", allow: SIGNED_IN },
  'POST /api/mentoring/blocks': { on: "the caller's blocks", call: async ({ w }) => ({ body: { userId: (await buildUser(w.app)).id } }), allow: SIGNED_IN },
  'DELETE /api/mentoring/blocks/{userId}': {
    on: 'a person the caller blocked',
    call: async ({ w, caller }) => {
      const blocked = await buildUser(w.app);
      if (caller) await ok(caller.client.post('/api/mentoring/blocks', { userId: blocked.id }), 'block');
      return { params: { userId: blocked.id } };
    },
    allow: SIGNED_IN,
  },
  // Reports about mentorships are worked by supervisors.
  'GET /api/mentoring/reports': { on: 'the mentoring reports queue', allow: ['supervisor'], deny: 403 },
  'POST /api/mentoring/reports/{id}/resolve': {
    on: 'a new report about a mentorship',
    call: async ({ w }) => {
      const m = await w.freshMentorship();
      const r = await ok<{ id: string }>(m.member.client.post(`/api/mentoring/mentorships/${m.id}/reports`, { reason: 'other' }), 'report');
      return { params: { id: r.id } };
    },
    allow: ['supervisor'],
    deny: 403,
  },
  'GET /api/mentoring/supervision/conversations': { on: 'conversations opened to supervisors', allow: ['supervisor'], deny: 403 },

  // ── mentoring: the private conversation ─────────────────────────────────────────────────────
  // Participants only. A supervisor without a grant gets 403 (not 404), as on the mentorship: a
  // grant could let them in (conversations.service.ts accessOf); nobody else, admins included,
  // learns it exists.
  'GET /api/mentoring/mentorships/{id}/messages': [
    { on: "the member's conversation", call: ({ w }) => ({ params: { id: w.ids.mentorship } }), allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
    { on: "the other member's conversation", call: ({ w }) => ({ params: { id: w.ids.otherMentorship } }), allow: ['otherMember'], deny: 404, except: RESPONDERS_WITHOUT_GRANT },
    // After a handover the former supporter has no part in the member's new conversation.
    {
      on: "the member's conversation after a handover (the former supporter plays the supporter)",
      call: async ({ w }) => {
        const h = await freshHandover(w, { supporterIs: 'from', acceptedByColleague: true });
        const res = await ok<{ newMentorshipId: string }>(h.players.member.client.post(`/api/mentoring/handovers/${h.params.id}/consent`, { consent: true }), 'consent');
        return { params: { id: res.newMentorshipId }, players: h.players };
      },
      allow: OWNER,
      deny: 404,
      except: RESPONDERS_WITHOUT_GRANT,
    },
    // With the member's consent the supporter's assigned supervisor reads (audited); an admin still does not.
    { on: "a conversation the member opened to the supporter's supervisor", call: consentedConversation, allow: [...PARTICIPANTS, 'supervisor'], deny: 404 },
    // Consent reaches only the assigned supervisor: another supervisor is refused as without a grant.
    { on: "a conversation the member opened to the supporter's supervisor (supervisor2)", call: consentedElsewhere, allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
  ],
  'POST /api/mentoring/mentorships/{id}/messages': [
    { on: "the member's conversation", call: ({ w }) => ({ params: { id: w.ids.mentorship }, body: { body: 'Thank you, talk soon.', clientId: randomUUID() } }), allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
    // A supervisor reads under a grant but never writes in someone else's conversation.
    { on: 'a conversation the member opened to supervisors', call: async (ctx) => ({ ...(await consentedConversation(ctx)), body: { body: 'Hello.', clientId: randomUUID() } }), allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
  ],
  'GET /api/mentoring/mentorships/{id}/messages/{messageId}': [
    { on: "the member's message", call: ({ w }) => ({ params: { id: w.ids.mentorship, messageId: w.ids.mentorshipMessage } }), allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
    { on: "another conversation's message, through the member's conversation", call: ({ w }) => ({ params: { id: w.ids.mentorship, messageId: w.ids.otherMentorshipMessage } }), allow: [], deny: 404, except: RESPONDERS_WITHOUT_GRANT },
  ],
  // Receipts name a message of the other side.
  'POST /api/mentoring/mentorships/{id}/delivered': {
    on: "the member's conversation",
    call: ({ w, role }) => ({ params: { id: w.ids.mentorship }, body: { upTo: role === 'supporter' ? w.ids.mentorshipMessage : w.ids.supporterMessage } }),
    allow: PARTICIPANTS,
    deny: 404,
    except: RESPONDERS_WITHOUT_GRANT,
  },
  'POST /api/mentoring/mentorships/{id}/read': {
    on: "the member's conversation",
    call: ({ w, role }) => ({ params: { id: w.ids.mentorship }, body: { upTo: role === 'supporter' ? w.ids.mentorshipMessage : w.ids.supporterMessage } }),
    allow: PARTICIPANTS,
    deny: 404,
    except: RESPONDERS_WITHOUT_GRANT,
  },
  'POST /api/mentoring/mentorships/{id}/typing': [
    { on: "the member's conversation", call: ({ w }) => ({ params: { id: w.ids.mentorship } }), allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
    // A supervisor reading under consent is not a participant: no typing, no receipts.
    { on: "a conversation the member opened to the supporter's supervisor", call: consentedConversation, allow: PARTICIPANTS, deny: 404, except: RESPONDERS_WITHOUT_GRANT },
  ],
  'GET /api/mentoring/conversations': { on: "the caller's unread summary", allow: SIGNED_IN },
  // The supporter's own load.
  'GET /api/mentoring/me/load': { on: "the caller's load", allow: ['supporter'], deny: 403 },

  // ── supervision: assignments (admins) ─────────────────────────────────────────────────────
  // Admins assign supervisors and see the load, nothing more (they do not read check-ins or notes).
  'GET /api/supervision/assignments': { on: 'every supervisor and supporter', allow: ADMIN, deny: 403 },
  'PUT /api/supervision/assignments/{supporterId}': {
    on: 'a new peer supporter',
    call: async ({ w }) => ({ params: { supporterId: (await buildUser(w.app, { roles: ['peer_supporter'] })).id }, body: { supervisorId: w.users.supervisor.id } }),
    allow: ADMIN,
    deny: 403,
  },
  'DELETE /api/supervision/assignments/{supporterId}': [
    { on: 'a new peer supporter the supervisor supervises', call: async ({ w }) => ({ params: { supporterId: (await w.supervisedSupporter()).id } }), allow: ADMIN, deny: 403 },
    // Nothing to remove: 404 to the admin.
    { on: 'a new peer supporter without a supervisor', call: async ({ w }) => ({ params: { supporterId: (await buildUser(w.app, { roles: ['peer_supporter'] })).id } }), allow: [], deny: 403, except: { admin: 404 } },
  ],

  // ── supervision: the supervisor's side ────────────────────────────────────────────────────
  // Only the supporter's assigned supervisor. Anyone else signed in gets 403 (the supporter too:
  // supervision notes are never theirs to read), a supervisor who does not supervise them 404.
  'GET /api/supervision/dashboard': { on: "the caller's supporters", allow: ['supervisor'], deny: 403 },
  'GET /api/supervision/supporters/{supporterId}': [
    { on: 'the supporter', call: ({ w }) => ({ params: { supporterId: w.users.supporter.id } }), allow: ['supervisor'], deny: 403 },
    { on: 'the facilitator', call: ({ w }) => ({ params: { supporterId: w.users.facilitator.id } }), allow: ['supervisor'], deny: 403 },
    { on: 'supporter2 (supervisor2 supervises them)', call: ({ w }) => ({ params: { supporterId: w.supporter2.id } }), allow: [], deny: 403, except: { supervisor: 404 } },
    // A former supervisor sees nothing more once the supporter is reassigned.
    {
      on: 'a supporter reassigned from the supervisor to supervisor2',
      call: async ({ w }) => {
        const s = await w.supervisedSupporter();
        await w.assignSupervisor(s, w.supervisor2);
        return { params: { supporterId: s.id } };
      },
      allow: [],
      deny: 403,
      except: { supervisor: 404 },
    },
  ],
  'POST /api/supervision/checkins/{id}/follow-up': [
    { on: "the supporter's new low check-in", call: async ({ w }) => ({ params: { id: await w.lowWellbeingCheckin(w.users.supporter) } }), allow: ['supervisor'], deny: 403 },
    { on: "supporter2's low check-in", call: ({ w }) => ({ params: { id: w.ids.otherWellbeingCheckin } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  'GET /api/supervision/supporters/{supporterId}/notes': [
    { on: 'notes about the supporter', call: ({ w }) => ({ params: { supporterId: w.users.supporter.id } }), allow: ['supervisor'], deny: 403 },
    { on: 'notes about supporter2', call: ({ w }) => ({ params: { supporterId: w.supporter2.id } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  'POST /api/supervision/supporters/{supporterId}/notes': [
    { on: 'notes about the supporter', call: ({ w }) => ({ params: { supporterId: w.users.supporter.id }, body: { body: 'Ask how the evenings are going.' } }), allow: ['supervisor'], deny: 403 },
    { on: 'notes about supporter2', call: ({ w }) => ({ params: { supporterId: w.supporter2.id }, body: { body: 'A note.' } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  // The note's author, while they supervise the supporter.
  'DELETE /api/supervision/notes/{id}': [
    { on: "the supervisor's new note about the supporter", call: async ({ w }) => ({ params: { id: await w.supervisionNote(w.users.supervisor, w.users.supporter) } }), allow: ['supervisor'], deny: 403 },
    { on: "supervisor2's note about supporter2", call: ({ w }) => ({ params: { id: w.ids.otherSupervisionNote } }), allow: [], deny: 403, except: { supervisor: 404 } },
    {
      on: "the supervisor's note about a supporter since reassigned to supervisor2",
      call: async ({ w }) => {
        const s = await w.supervisedSupporter();
        const id = await w.supervisionNote(w.users.supervisor, s);
        await w.assignSupervisor(s, w.supervisor2);
        return { params: { id } };
      },
      allow: [],
      deny: 403,
      except: { supervisor: 404 },
    },
  ],
  'GET /api/supervision/supporters/{supporterId}/review': [
    { on: "the supporter's replies", call: ({ w }) => ({ params: { supporterId: w.users.supporter.id } }), allow: ['supervisor'], deny: 403 },
    { on: "supporter2's replies", call: ({ w }) => ({ params: { supporterId: w.supporter2.id } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  'GET /api/supervision/supporters/{supporterId}/coaching-notes': [
    { on: 'coaching notes for the supporter', call: ({ w }) => ({ params: { supporterId: w.users.supporter.id } }), allow: ['supervisor'], deny: 403 },
    { on: 'coaching notes for supporter2', call: ({ w }) => ({ params: { supporterId: w.supporter2.id } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  'POST /api/supervision/supporters/{supporterId}/coaching-notes': [
    {
      on: "the supporter's public reply",
      call: ({ w }) => ({ params: { supporterId: w.users.supporter.id }, body: { itemKind: 'post', itemId: w.ids.supporterPost, body: 'Good to leave room for their answer.' } }),
      allow: ['supervisor'],
      deny: 403,
    },
    // Only replies the supervisor may review: not someone else's post, not an anonymous one, not a 1:1 reply without consent.
    { on: "the member's post, as if the supporter's", call: ({ w }) => ({ params: { supporterId: w.users.supporter.id }, body: { itemKind: 'post', itemId: w.ids.post, body: 'A note.' } }), allow: [], deny: 403, except: { supervisor: 404 } },
    {
      on: "the supporter's 1:1 reply without the member's consent",
      call: ({ w }) => ({ params: { supporterId: w.users.supporter.id }, body: { itemKind: 'message', itemId: w.ids.supporterMessage, body: 'A note.' } }),
      allow: [],
      deny: 403,
      except: { supervisor: 404 },
    },
    { on: "supporter2's replies", call: ({ w }) => ({ params: { supporterId: w.supporter2.id }, body: { itemKind: 'post', itemId: w.ids.otherPost, body: 'A note.' } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],
  'GET /api/supervision/supporters/{supporterId}/empathy': [
    { on: "the supporter's trend", call: ({ w }) => ({ params: { supporterId: w.users.supporter.id }, query: { weeks: '12' } }), allow: ['supervisor'], deny: 403 },
    { on: "supporter2's trend", call: ({ w }) => ({ params: { supporterId: w.supporter2.id }, query: { weeks: '12' } }), allow: [], deny: 403, except: { supervisor: 404 } },
  ],

  // ── supervision: the supporter's own side ─────────────────────────────────────────────────
  // Everyone signed in may ask whether they have a supervisor; the rest is for peer supporters and facilitators.
  'GET /api/me/supervision': { on: "the caller's supervision", allow: SIGNED_IN },
  'GET /api/me/supervision/checkins': { on: "the caller's wellbeing check-ins", allow: SUPPORTERS, deny: 403 },
  'POST /api/me/supervision/checkins': { on: "the caller's new wellbeing check-in", call: () => ({ body: { energy: 4, manageable: 4, supported: 5, note: 'A good week.' } }), allow: SUPPORTERS, deny: 403 },
  'GET /api/me/supervision/empathy': { on: "the caller's empathy trend", call: () => ({ query: { weeks: '4' } }), allow: SUPPORTERS, deny: 403 },
  'GET /api/me/supervision/coaching-notes': { on: "the caller's coaching notes", allow: SUPPORTERS, deny: 403 },
  // Opens a request with the caller's supervisor, or continues the open one; without a supervisor, 409.
  'POST /api/me/supervision/requests': [
    { on: "the caller's supervisor", call: () => ({ body: { body: 'Could we talk this week?' } }), allow: SUPPORTERS, deny: 403 },
    {
      on: 'no supervisor yet (new supporters play the supporter and the facilitator)',
      call: async ({ w }) => ({
        body: { body: 'Could we talk this week?' },
        players: { supporter: await buildUser(w.app, { roles: ['peer_supporter'] }), facilitator: await buildUser(w.app, { roles: ['facilitator'] }) },
      }),
      allow: [],
      deny: 403,
      except: { supporter: 409, facilitator: 409 },
    },
  ],

  // ── supervision: the request channel (its supporter and their supervisor now only) ────────
  'GET /api/supervision/requests': { on: "the caller's requests", allow: SIGNED_IN },
  'GET /api/supervision/requests/{id}': [
    { on: "the supporter's request", call: ({ w }) => ({ params: { id: w.ids.supervisionRequest } }), allow: SUPERVISION_PAIR, deny: 404 },
    { on: "supporter2's request to supervisor2", call: ({ w }) => ({ params: { id: w.ids.otherSupervisionRequest } }), allow: [], deny: 404 },
    // A reassignment closes the open request; access follows the assignment: its history goes with
    // the supporter to the new supervisor, and the former supervisor no longer finds it.
    {
      on: "a new supporter's request, closed when they were reassigned from the supervisor to supervisor2 (the new supporter plays the supporter)",
      call: async ({ w }) => {
        const s = await w.supervisedSupporter();
        const id = await w.supervisionRequest(s);
        await w.assignSupervisor(s, w.supervisor2);
        return { params: { id }, players: { supporter: s } };
      },
      allow: ['supporter'],
      deny: 404,
    },
    {
      on: "a new supporter's request to supervisor2, closed when they were reassigned to the supervisor (the new supporter plays the supporter)",
      call: async ({ w }) => {
        const s = await w.supervisedSupporter('supervisor2');
        const id = await w.supervisionRequest(s);
        await w.assignSupervisor(s, w.users.supervisor);
        return { params: { id }, players: { supporter: s } };
      },
      allow: SUPERVISION_PAIR,
      deny: 404,
    },
  ],
  'POST /api/supervision/requests/{id}/messages': [
    { on: "the supporter's request", call: ({ w }) => ({ params: { id: w.ids.supervisionRequest }, body: { body: 'Thank you, Monday works.' } }), allow: SUPERVISION_PAIR, deny: 404 },
    { on: "supporter2's request to supervisor2", call: ({ w }) => ({ params: { id: w.ids.otherSupervisionRequest }, body: { body: 'Hello.' } }), allow: [], deny: 404 },
    // A closed request takes no more messages (its two people hear 409; others still 404).
    {
      on: "a new supporter's closed request (the new supporter plays the supporter)",
      call: async ({ w }) => {
        const s = await w.supervisedSupporter();
        const id = await w.supervisionRequest(s);
        await ok(s.client.post(`/api/supervision/requests/${id}/close`), 'close request');
        return { params: { id }, body: { body: 'One more thing.' }, players: { supporter: s } };
      },
      allow: [],
      deny: 404,
      except: { supporter: 409, supervisor: 409 },
    },
  ],
  'POST /api/supervision/requests/{id}/close': [
    {
      on: "a new supporter's open request (the new supporter plays the supporter)",
      call: async ({ w }) => {
        const s = await w.supervisedSupporter();
        return { params: { id: await w.supervisionRequest(s) }, players: { supporter: s } };
      },
      allow: SUPERVISION_PAIR,
      deny: 404,
    },
    { on: "supporter2's request to supervisor2", call: ({ w }) => ({ params: { id: w.ids.otherSupervisionRequest } }), allow: [], deny: 404 },
  ],

  // ── groups: organizations and programs ──────────────────────────────────────────────────────
  'POST /api/admin/organizations': { on: 'a new organization', call: () => ({ body: { name: `Org ${hex()}` } }), allow: ADMIN, deny: 403 },
  'PATCH /api/admin/organizations/{id}': { on: 'the organization', call: ({ w }) => ({ params: { id: w.ids.org }, body: { description: 'A peer-run charity.' } }), allow: ADMIN, deny: 403 },
  'POST /api/admin/organizations/{id}/staff': {
    on: 'the organization',
    call: async ({ w }) => ({ params: { id: w.ids.org }, body: { userId: (await buildUser(w.app)).id, role: 'supervisor' } }),
    allow: ADMIN,
    deny: 403,
  },
  'DELETE /api/admin/organizations/{id}/staff/{userId}/{role}': {
    on: "a new staff member's role",
    call: async ({ w }) => {
      const u = await buildUser(w.app);
      await ok(w.admin.client.post(`/api/admin/organizations/${w.ids.org}/staff`, { userId: u.id, role: 'supervisor' }), 'staff');
      return { params: { id: w.ids.org, userId: u.id, role: 'supervisor' } };
    },
    allow: ADMIN,
    deny: 403,
  },
  'POST /api/admin/organizations/{id}/programs': { on: 'the organization', call: ({ w }) => ({ params: { id: w.ids.org }, body: { name: `Program ${hex()}`, joinPolicy: 'invitation' } }), allow: ADMIN, deny: 403 },
  'GET /api/organizations': { on: 'organizations the caller staffs', allow: SIGNED_IN },
  // An organization's page is for its staff and admins; nobody else learns it exists.
  'GET /api/organizations/{id}': { on: 'the organization', call: ({ w }) => ({ params: { id: w.ids.org } }), allow: ADMIN, deny: 404 },
  'GET /api/organizations/{id}/programs': { on: 'the organization', call: ({ w }) => ({ params: { id: w.ids.org } }), allow: ADMIN, deny: 404 },
  'GET /api/programs': { on: "the caller's and the open programs", allow: SIGNED_IN },
  // An invitation code is the key: whoever holds a valid one joins.
  'POST /api/programs/join-by-code': {
    on: 'a new invitation-only program',
    call: async ({ w }) => {
      const id = await freshProgram(w, 'invitation');
      const code = await ok<{ code: string }>(w.admin.client.post(`/api/programs/${id}/invitation-code`), 'code');
      return { body: { code: code.code } };
    },
    allow: SIGNED_IN,
  },
  'GET /api/programs/{id}': [
    { on: 'an open program', call: ({ w }) => ({ params: { id: w.ids.program } }), allow: SIGNED_IN },
    { on: 'an invitation-only program', call: async ({ w }) => ({ params: { id: await freshProgram(w, 'invitation') } }), allow: ADMIN, deny: 404 },
  ],
  // Program leads (admins here) run programs.
  'PATCH /api/programs/{id}': { on: 'the open program', call: ({ w }) => ({ params: { id: w.ids.program }, body: { description: 'Small groups after work.' } }), allow: ADMIN, deny: 403 },
  'POST /api/programs/{id}/invitation-code': { on: 'a new program', call: async ({ w }) => ({ params: { id: await freshProgram(w, 'invitation') } }), allow: ADMIN, deny: 404 },
  'DELETE /api/programs/{id}/invitation-code': { on: 'a new program', call: async ({ w }) => ({ params: { id: await freshProgram(w, 'invitation') } }), allow: ADMIN, deny: 404 },
  'POST /api/programs/{id}/join': { on: 'a new open program', call: async ({ w }) => ({ params: { id: await freshProgram(w) }, body: {} }), allow: SIGNED_IN },
  'DELETE /api/programs/{id}/membership': {
    on: 'a new open program the member joined',
    call: async ({ w }) => {
      const id = await freshProgram(w);
      await ok(w.member.client.post(`/api/programs/${id}/join`, {}), 'join');
      return { params: { id } };
    },
    allow: OWNER,
    // The program is open, so it is no secret: leaving one you are not in is a conflict.
    deny: 409,
  },
  'GET /api/programs/{id}/join-requests': { on: 'the open program', call: ({ w }) => ({ params: { id: w.ids.program } }), allow: ADMIN, deny: 403 },
  'POST /api/programs/{id}/join-requests/{requestId}': [
    {
    on: "a new member's request to join",
    call: async ({ w }) => {
      const id = await freshProgram(w, 'request');
      const asker = await buildUser(w.app);
      await ok(asker.client.post(`/api/programs/${id}/join`, { note: 'I would like to join.' }), 'ask to join');
      const list = await ok<{ requests: { id: string }[] }>(w.admin.client.get(`/api/programs/${id}/join-requests`), 'requests');
      return { params: { id, requestId: list.requests[0]!.id }, body: { decision: 'approve' } };
    },
    allow: ADMIN,
    deny: 403,
  },
    { on: "another program's join request, through the open program", call: ({ w }) => ({ params: { id: w.ids.program, requestId: w.ids.otherJoinRequest }, body: { decision: 'decline' } }), allow: [], deny: 403, except: { admin: 404 } },
  ],
  'POST /api/programs/{id}/groups': {
    on: 'the open program',
    call: ({ w }) => ({ params: { id: w.ids.program }, body: { name: `Group ${hex()}`, description: 'A group.', timeZone: 'Europe/London', agreement: 'We listen with respect and keep what is said here.' } }),
    allow: ADMIN,
    deny: 403,
  },

  // ── groups: groups, agreements, membership ──────────────────────────────────────────────────
  // A group is seen by its program's members, its participants, staff and admins.
  'GET /api/groups/{id}': [
    { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_READERS, deny: 404 },
    { on: "the other member's group (another program, another facilitator)", call: ({ w }) => ({ params: { id: w.ids.otherGroup } }), allow: ['otherMember', 'admin'], deny: 404 },
  ],
  'PATCH /api/groups/{id}': [
    { on: 'a group (its description)', call: async ({ w }) => ({ params: { id: await w.freshGroup([]) }, body: { description: 'A small group.' } }), allow: ADMIN, deny: 404, except: { member: 403, facilitator: 403 } },
    { on: 'a group (its agreement)', call: async ({ w }) => ({ params: { id: await w.freshGroup([]) }, body: { agreement: 'We listen with respect, and keep it here.' } }), allow: ['facilitator', 'admin'], deny: 404, except: { member: 403 } },
  ],
  'POST /api/groups/{id}/facilitators': {
    on: 'a new group',
    call: async ({ w }) => ({ params: { id: await w.freshGroup([]) }, body: { userId: (await buildUser(w.app, { roles: ['facilitator'] })).id } }),
    allow: ADMIN,
    deny: 404,
    except: { member: 403, facilitator: 403 },
  },
  'DELETE /api/groups/{id}/facilitators/{userId}': {
    on: "a new group's facilitator",
    call: async ({ w }) => ({ params: { id: await w.freshGroup([]), userId: w.users.facilitator.id } }),
    allow: ADMIN,
    deny: 404,
    except: { member: 403, facilitator: 403 },
  },
  'POST /api/groups/{id}/agreement/accept': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group }, body: { version: 1 } }), allow: OWNER, deny: 404, except: { facilitator: 403, admin: 403 } },
  // A program member joins a group of the program.
  'POST /api/groups/{id}/join': { on: "a new group in the member's program", call: async ({ w }) => ({ params: { id: await w.freshGroup([]) }, body: { agreementVersion: 1 } }), allow: OWNER, deny: 404, except: { facilitator: 403, admin: 403 } },
  'DELETE /api/groups/{id}/membership': { on: 'a new group the member is in', call: async ({ w }) => ({ params: { id: await w.freshGroup() } }), allow: OWNER, deny: 404, except: { facilitator: 409, admin: 409 } },
  'DELETE /api/groups/{id}/members/{userId}': [
    {
    on: "a member of a new group (the friend)",
    call: async ({ w }) => ({ params: { id: await w.freshGroup(), userId: w.friend.id } }),
    allow: ['facilitator', 'admin'],
    deny: 404,
    except: { member: 403 },
  },
    { on: "someone outside a new group", call: async ({ w }) => ({ params: { id: await w.freshGroup(), userId: w.users.otherMember.id } }), allow: [], deny: 404, except: { member: 403 } },
  ],

  // ── groups: meetings and calendar feeds ─────────────────────────────────────────────────────
  'GET /api/groups/{id}/meetings': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_READERS, deny: 404 },
  // Facilitators schedule; an admin sets up the group but does not run its meetings.
  'POST /api/groups/{id}/meetings': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group }, body: { ...MEETING, title: 'Extra session' } }), allow: ['facilitator'], deny: 404, except: { member: 403, admin: 403 } },
  'PUT /api/groups/{id}/meetings/{meetingId}': [
    {
    on: "the member's group's meeting",
    call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.meeting }, body: { ...MEETING, link: w.meetingLink } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, body: MEETING }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'POST /api/groups/{id}/meetings/{meetingId}/cancel': [
    {
    on: "a new meeting of the member's group",
    call: async ({ w }) => {
      const m = await ok<{ id: string }>(w.users.facilitator.client.post(`/api/groups/${w.ids.group}/meetings`, { ...MEETING, title: 'One-off' }), 'meeting');
      return { params: { id: w.ids.group, meetingId: m.id }, body: { cancelled: true } };
    },
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, body: { cancelled: true } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'GET /api/groups/{id}/occurrences': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_READERS, deny: 404 },
  'GET /api/me/meetings': { on: "the caller's meetings", allow: SIGNED_IN },
  'PUT /api/groups/{id}/meetings/{meetingId}/rsvp': [
    {
    on: "the member's group's meeting",
    call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.meeting }, body: { occurrence: w.ids.occurrence, response: 'yes' } }),
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, body: { occurrence: '2026-02-02T18:00:00.000Z', response: 'yes' } }), allow: [], deny: 404, except: { admin: 403 } },
  ],
  // Attendance and private meeting notes are the facilitator's.
  'PUT /api/groups/{id}/meetings/{meetingId}/attendance': [
    {
    on: "the member's group's meeting",
    call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.meeting }, body: { occurrence: w.ids.occurrence, records: [{ userId: w.member.id, status: 'present' }] } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, body: { occurrence: '2026-02-02T18:00:00.000Z', records: [{ userId: w.users.otherMember.id, status: 'present' }] } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'GET /api/groups/{id}/meetings/{meetingId}/attendance': [
    {
    on: "the member's group's meeting",
    call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.meeting }, query: { occurrence: w.ids.occurrence } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, query: { occurrence: '2026-02-02T18:00:00.000Z' } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'PUT /api/groups/{id}/meetings/{meetingId}/note': [
    {
    on: "the member's group's meeting",
    call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.meeting }, body: { occurrence: w.ids.occurrence, body: 'A quiet, warm session.' } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's meeting, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, meetingId: w.ids.otherGroupMeeting }, body: { occurrence: '2026-02-02T18:00:00.000Z', body: 'A note.' } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'GET /api/me/calendar-feeds': { on: "the caller's feeds", allow: SIGNED_IN },
  'POST /api/me/calendar-feed': { on: "the caller's feed", freshCaller: true, allow: SIGNED_IN },
  'DELETE /api/me/calendar-feed': {
    on: "the caller's feed",
    freshCaller: true,
    call: async ({ caller }) => {
      if (caller) await ok(caller.client.post('/api/me/calendar-feed'), 'feed');
      return {};
    },
    allow: SIGNED_IN,
  },
  // A group's own feed: its members and facilitators.
  'POST /api/groups/{id}/calendar-feed': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_PARTICIPANTS, deny: 404, except: { admin: 403 } },
  'DELETE /api/groups/{id}/calendar-feed': {
    on: "the caller's feed of the member's group",
    call: async ({ w, caller }) => {
      // Whoever may have one makes it first; for everyone else there is nothing to turn off.
      if (caller) await caller.client.post(`/api/groups/${w.ids.group}/calendar-feed`);
      return { params: { id: w.ids.group } };
    },
    allow: GROUP_PARTICIPANTS,
    deny: 404,
  },
  // A feed URL is a capability: its secret token, not a cookie, is the key.
  'GET /api/calendar/feed.ics': [
    { on: "the member's feed token", call: ({ w }) => ({ query: { token: w.feedToken } }), allow: EVERYONE },
    { on: 'a made-up token', call: () => ({ query: { token: randomBytes(24).toString('base64url') } }), allow: [], deny: 404, except: { anonymous: 404 } },
  ],

  // ── groups: chat ────────────────────────────────────────────────────────────────────────────
  // Nobody outside a group's participants reads its chat: not admins, not supervisors.
  'GET /api/groups/{id}/messages': [
    { on: "the member's group chat", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_PARTICIPANTS, deny: 404, except: { admin: 403 } },
    { on: "the other member's group chat", call: ({ w }) => ({ params: { id: w.ids.otherGroup } }), allow: ['otherMember'], deny: 404, except: { admin: 403 } },
    // The member left a new group of their program: the group stays readable (program), its chat does not.
    {
      on: 'a group the member left',
      call: async ({ w }) => {
        const id = await w.freshGroup();
        await ok(w.member.client.delete(`/api/groups/${id}/membership`), 'leave');
        return { params: { id } };
      },
      allow: ['facilitator'],
      deny: 404,
      except: { member: 403, admin: 403 },
    },
    // Taking a facilitator's request to check in on the member opens no door to the group's chat.
    {
      on: 'a group where the supervisor took a request about the member',
      call: async ({ w }) => {
        const id = await w.freshGroup();
        const r = await ok<{ id: string }>(w.users.facilitator.client.post(`/api/groups/${id}/members/${w.member.id}/supervisor-request`, { note: 'Please check in.' }), 'request');
        await ok(w.users.supervisor.client.post(`/api/supervisor-requests/${r.id}/take`), 'take');
        return { params: { id } };
      },
      allow: GROUP_PARTICIPANTS,
      deny: 404,
      except: { admin: 403 },
    },
    // Organization staff (the supervisor as the organization's supervisor) see the dashboard, not the chat.
    { on: "a group of an organization the supervisor staffs", call: staffedGroup, allow: ['member'], deny: 404, except: { supervisor: 403, admin: 403 } },
  ],
  'POST /api/groups/{id}/messages': [
    { on: "the member's group chat", call: ({ w }) => ({ params: { id: w.ids.group }, body: { body: 'Good to see everyone.' } }), allow: GROUP_PARTICIPANTS, deny: 404, except: { admin: 403 } },
    { on: "the other member's group chat", call: ({ w }) => ({ params: { id: w.ids.otherGroup }, body: { body: 'Good to see everyone.' } }), allow: ['otherMember'], deny: 404, except: { admin: 403 } },
  ],
  'GET /api/groups/{id}/messages/{messageId}': [
    {
    on: "the member's group chat message",
    call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.groupMessage } }),
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
    { on: "another group's message, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.otherGroupMessage } }), allow: [], deny: 404, except: { admin: 403 } },
  ],
  // The author takes a message back; the facilitator removes one.
  'DELETE /api/groups/{id}/messages/{messageId}': [
    {
    on: "the member's new group chat message",
    call: async ({ w }) => {
      const m = await ok<{ message: { id: string } }>(w.member.client.post(`/api/groups/${w.ids.group}/messages`, { body: 'Sorry, wrong group.' }), 'message');
      return { params: { id: w.ids.group, messageId: m.message.id } };
    },
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
    { on: "another group's message, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.otherGroupMessage } }), allow: [], deny: 404 },
    // A reported message: an admin removes it too, as moderator of last resort (ADR 018); the reporter may not.
    {
    on: "the friend's group chat message the member reported",
    call: async ({ w }) => {
      const m = await ok<{ message: { id: string } }>(w.friend.client.post(`/api/groups/${w.ids.group}/messages`, { body: 'You are all pathetic.' }), 'message');
      await ok(w.member.client.post(`/api/groups/${w.ids.group}/messages/${m.message.id}/reports`, { reason: 'harassment' }), 'report');
      return { params: { id: w.ids.group, messageId: m.message.id } };
    },
    allow: ['facilitator', 'admin'],
    deny: 404,
    except: { member: 403 },
  },
  ],
  'PUT /api/groups/{id}/messages/{messageId}/pin': [
    {
    on: "the member's group chat message",
    call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.groupMessage }, body: { pinned: false } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "another group's message, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.otherGroupMessage }, body: { pinned: true } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'POST /api/groups/{id}/messages/{messageId}/reports': [
    {
    on: "the friend's new group chat message",
    call: async ({ w }) => {
      const m = await ok<{ message: { id: string } }>(w.friend.client.post(`/api/groups/${w.ids.group}/messages`, { body: 'Anyone up for a walk?' }), 'message');
      return { params: { id: w.ids.group, messageId: m.message.id }, body: { reason: 'other' } };
    },
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
    { on: "another group's message, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, messageId: w.ids.otherGroupMessage }, body: { reason: 'spam' } }), allow: [], deny: 404, except: { admin: 403 } },
  ],
  // The facilitator, and an admin as moderator of last resort (only the reported messages, audited: ADR 018).
  'GET /api/groups/{id}/reports': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: ['facilitator', 'admin'], deny: 404, except: { member: 403 } },
  'POST /api/groups/{id}/reports/{reportId}/resolve': [
    {
    on: 'a new report in the member’s group',
    call: async ({ w }) => {
      const m = await ok<{ message: { id: string } }>(w.friend.client.post(`/api/groups/${w.ids.group}/messages`, { body: 'Buy followers!' }), 'message');
      const r = await ok<{ id: string }>(w.member.client.post(`/api/groups/${w.ids.group}/messages/${m.message.id}/reports`, { reason: 'spam' }), 'report');
      return { params: { id: w.ids.group, reportId: r.id } };
    },
    allow: ['facilitator', 'admin'],
    deny: 404,
    except: { member: 403 },
  },
    { on: "another group's report, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, reportId: w.ids.otherGroupReport } }), allow: [], deny: 404, except: { member: 403 } },
  ],
  'PUT /api/groups/{id}/members/{userId}/mute': [
    {
    on: "the friend in the member's group",
    call: ({ w }) => ({ params: { id: w.ids.group, userId: w.friend.id }, body: { minutes: 1 } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "someone outside the member's group", call: ({ w }) => ({ params: { id: w.ids.group, userId: w.users.otherMember.id }, body: { minutes: 1 } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'DELETE /api/groups/{id}/members/{userId}/mute': {
    on: "the friend in the member's group",
    call: ({ w }) => ({ params: { id: w.ids.group, userId: w.friend.id } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },

  // ── groups: goals, facilitator tools, supervisor requests ──────────────────────────────────
  'GET /api/groups/{id}/goals': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_PARTICIPANTS, deny: 404, except: { admin: 403 } },
  // Participants set goals together and log progress.
  'POST /api/groups/{id}/goals': {
    on: "the member's group",
    call: ({ w }) => ({ params: { id: w.ids.group }, body: { title: 'Drink water', targetPerMember: 5, unit: 'days' } }),
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
  'POST /api/groups/{id}/goals/{goalId}/progress': [
    {
    on: "the member's group's goal",
    call: ({ w }) => ({ params: { id: w.ids.group, goalId: w.ids.groupGoal }, body: { amount: 1 } }),
    allow: GROUP_PARTICIPANTS,
    deny: 404,
    except: { admin: 403 },
  },
    { on: "another group's goal, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, goalId: w.ids.otherGroupGoal }, body: { amount: 1 } }), allow: [], deny: 404, except: { admin: 403 } },
  ],
  // Whoever set a goal, or a facilitator, removes it (the member did not set this one).
  'DELETE /api/groups/{id}/goals/{goalId}': [
    {
    on: "a new goal of the member's group",
    call: async ({ w }) => {
      const g = await ok<{ id: string }>(w.users.facilitator.client.post(`/api/groups/${w.ids.group}/goals`, { title: 'Read a chapter', targetPerMember: 3, unit: 'chapters' }), 'goal');
      return { params: { id: w.ids.group, goalId: g.id } };
    },
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403 },
  },
    { on: "another group's goal, through the member's group", call: ({ w }) => ({ params: { id: w.ids.group, goalId: w.ids.otherGroupGoal } }), allow: [], deny: 404 },
  ],
  // The dashboard: the facilitator, program leads and admins, organization supervisors.
  'GET /api/groups/{id}/dashboard': [
    { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: ['facilitator', 'admin'], deny: 404, except: { member: 403 } },
    { on: "the other member's group (not the facilitator's)", call: ({ w }) => ({ params: { id: w.ids.otherGroup } }), allow: ADMIN, deny: 404, except: { otherMember: 403 } },
    { on: "a group of an organization the supervisor staffs", call: staffedGroup, allow: ['supervisor', 'admin'], deny: 404, except: { member: 403 } },
  ],
  'POST /api/groups/{id}/members/{userId}/supervisor-request': [
    {
    on: "the member in a new group",
    call: async ({ w }) => ({ params: { id: await w.freshGroup(), userId: w.member.id }, body: { note: 'Please check in with this member.' } }),
    allow: ['facilitator'],
    deny: 404,
    except: { member: 403, admin: 403 },
  },
    { on: "someone outside the member's group", call: ({ w }) => ({ params: { id: w.ids.group, userId: w.users.otherMember.id }, body: { note: 'Please check in.' } }), allow: [], deny: 404, except: { member: 403, admin: 403 } },
  ],
  'GET /api/supervisor-requests': { on: 'the supervisor requests queue', allow: MODERATORS, deny: 403 },
  'POST /api/supervisor-requests/{id}/take': {
    on: 'a new supervisor request',
    call: async ({ w }) => {
      const r = await ok<{ id: string }>(w.users.facilitator.client.post(`/api/groups/${await w.freshGroup()}/members/${w.member.id}/supervisor-request`, { note: 'Please check in.' }), 'request');
      return { params: { id: r.id } };
    },
    allow: MODERATORS,
    deny: 403,
  },
  // Goals members chose to share, for the group's participants.
  'GET /api/groups/{id}/shared-goals': { on: "the member's group", call: ({ w }) => ({ params: { id: w.ids.group } }), allow: GROUP_PARTICIPANTS, deny: 404, except: { admin: 403 } },

  // ── circles: exist only for their members ───────────────────────────────────────────────────
  'GET /api/circles': { on: "the caller's circles", allow: SIGNED_IN },
  'POST /api/circles': { on: 'a new circle', call: () => ({ body: { name: 'My people' } }), allow: SIGNED_IN },
  'GET /api/circles/{id}': [
    { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle } }), allow: OWNER, deny: 404 },
    { on: "the friend's circle the member is in", call: ({ w }) => ({ params: { id: w.ids.friendCircle } }), allow: OWNER, deny: 404 },
    { on: "the other member's circle", call: ({ w }) => ({ params: { id: w.ids.otherCircle } }), allow: ['otherMember'], deny: 404 },
  ],
  // Its maker renames, invites, closes; a member who did not make it is told so (403).
  'PATCH /api/circles/{id}': [
    { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle }, body: { name: 'Close friends' } }), allow: OWNER, deny: 404 },
    { on: "the friend's circle the member is in", call: ({ w }) => ({ params: { id: w.ids.friendCircle }, body: { name: 'Close friends' } }), allow: [], deny: 404, except: { member: 403 } },
  ],
  'DELETE /api/circles/{id}': { on: "a new circle of the member's", call: async ({ w }) => ({ params: { id: await w.freshCircle() } }), allow: OWNER, deny: 404 },
  'DELETE /api/circles/{id}/membership': { on: "the friend's new circle the member is in", call: async ({ w }) => ({ params: { id: await w.freshCircle(w.friend, [w.member]) } }), allow: OWNER, deny: 404 },
  'DELETE /api/circles/{id}/members/{userId}': [
    { on: "the friend in a new circle of the member's", call: async ({ w }) => ({ params: { id: await w.freshCircle(), userId: w.friend.id } }), allow: OWNER, deny: 404 },
    { on: "someone outside a new circle of the member's", call: async ({ w }) => ({ params: { id: await w.freshCircle(), userId: w.users.otherMember.id } }), allow: [], deny: 404 },
  ],
  'POST /api/circles/{id}/invitations': [
    { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle }, body: {} }), allow: OWNER, deny: 404 },
    { on: "the friend's circle the member is in", call: ({ w }) => ({ params: { id: w.ids.friendCircle }, body: {} }), allow: [], deny: 404, except: { member: 403 } },
  ],
  'GET /api/circles/{id}/invitations': { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle } }), allow: OWNER, deny: 404 },
  'DELETE /api/circles/{id}/invitations/{invitationId}': [
    {
    on: "a new invitation to the member's circle",
    call: async ({ w }) => {
      const inv = await ok<{ id: string }>(w.member.client.post(`/api/circles/${w.ids.circle}/invitations`, {}), 'invitation');
      return { params: { id: w.ids.circle, invitationId: inv.id } };
    },
    allow: OWNER,
    deny: 404,
  },
    { on: "another circle's invitation, through the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle, invitationId: w.ids.otherCircleInvitation } }), allow: [], deny: 404 },
  ],
  // An invitation link is the key: whoever holds it joins (once).
  'POST /api/circle-invitations/accept': {
    on: "a new invitation to the friend's circle",
    call: async ({ w }) => {
      const circle = await w.freshCircle(w.friend, []);
      const inv = await ok<{ token: string }>(w.friend.client.post(`/api/circles/${circle}/invitations`, {}), 'invitation');
      return { body: { token: inv.token } };
    },
    allow: SIGNED_IN,
  },
  'GET /api/circles/{id}/messages': [
    { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle } }), allow: OWNER, deny: 404 },
    { on: "the friend's circle the member is in", call: ({ w }) => ({ params: { id: w.ids.friendCircle } }), allow: OWNER, deny: 404 },
    { on: "the other member's circle", call: ({ w }) => ({ params: { id: w.ids.otherCircle } }), allow: ['otherMember'], deny: 404 },
    // Leaving closes the door: the member left the friend's new circle.
    {
      on: 'a circle the member left',
      call: async ({ w }) => {
        const id = await w.freshCircle(w.friend, [w.member]);
        await ok(w.member.client.delete(`/api/circles/${id}/membership`), 'leave');
        return { params: { id } };
      },
      allow: [],
      deny: 404,
    },
    // Working an alert raised in a circle opens its context (audited), never the circle itself.
    {
      on: "a circle whose alert the supervisor is working",
      call: async ({ w }) => {
        const alert = await freshCircleAlert(w);
        await ok(w.users.supervisor.client.post(`/api/safety/alerts/${alert}/acknowledge`), 'acknowledge');
        const context = await ok<{ circleId: string }>(w.users.supervisor.client.get(`/api/safety/alerts/${alert}/circle-context`), 'circle context');
        return { params: { id: context.circleId } };
      },
      allow: OWNER,
      deny: 404,
    },
  ],
  'POST /api/circles/{id}/messages': { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle }, body: { body: 'Thinking of you all.' } }), allow: OWNER, deny: 404 },
  'GET /api/circles/{id}/messages/{messageId}': [
    { on: "the member's circle message", call: ({ w }) => ({ params: { id: w.ids.circle, messageId: w.ids.circleMessage } }), allow: OWNER, deny: 404 },
    { on: "another circle's message, through the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle, messageId: w.ids.otherCircleMessage } }), allow: [], deny: 404 },
  ],
  'DELETE /api/circles/{id}/messages/{messageId}': [
    {
    on: "the member's new circle message",
    call: async ({ w }) => {
      const m = await ok<{ message: { id: string } }>(w.member.client.post(`/api/circles/${w.ids.circle}/messages`, { body: 'Oops.' }), 'message');
      return { params: { id: w.ids.circle, messageId: m.message.id } };
    },
    allow: OWNER,
    deny: 404,
  },
    { on: "another circle's message, through the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle, messageId: w.ids.otherCircleMessage } }), allow: [], deny: 404 },
  ],
  'POST /api/me/circle-checkins': { on: "the caller's check-in", call: () => ({ body: { mood: 4 } }), allow: SIGNED_IN },
  'GET /api/me/circle-checkins': { on: "the caller's check-ins", allow: SIGNED_IN },
  'GET /api/circles/{id}/checkins': { on: "the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle } }), allow: OWNER, deny: 404 },
  'DELETE /api/circles/{id}/checkins/{checkinId}': [
    {
    on: "the member's new check-in shared with their circle",
    call: async ({ w }) => {
      const c = await ok<{ checkin: { id: string } }>(w.member.client.post('/api/me/circle-checkins', { mood: 4, shareWith: [w.ids.circle] }), 'check-in');
      return { params: { id: w.ids.circle, checkinId: c.checkin.id } };
    },
    allow: OWNER,
    deny: 404,
  },
    { on: "another circle's check-in, through the member's circle", call: ({ w }) => ({ params: { id: w.ids.circle, checkinId: w.ids.otherCircleCheckin } }), allow: [], deny: 404 },
  ],

  // ── library ─────────────────────────────────────────────────────────────────────────────────
  'GET /api/library/strategies': { on: 'the strategies', allow: SIGNED_IN },
  'POST /api/library/strategies': { on: 'a new strategy', call: () => ({ body: STRATEGY }), allow: SIGNED_IN },
  'GET /api/library/strategies/mine': { on: "the caller's strategies", allow: SIGNED_IN },
  'GET /api/library/strategies/unreviewed': { on: 'the review queue', allow: MODERATORS, deny: 403 },
  'GET /api/library/strategies/{id}': { on: "the member's strategy", call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: SIGNED_IN },
  // Its author, or a curator, removes a strategy.
  'DELETE /api/library/strategies/{id}': {
    on: "the member's new strategy",
    call: async ({ w }) => ({ params: { id: (await ok<{ strategy: { id: string } }>(w.member.client.post('/api/library/strategies', STRATEGY), 'strategy')).strategy.id } }),
    allow: ['member', ...MODERATORS],
    deny: 403,
  },
  'POST /api/library/strategies/{id}/helped': { on: "the member's strategy", call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: SIGNED_IN },
  'DELETE /api/library/strategies/{id}/helped': { on: "the member's strategy", call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: SIGNED_IN },
  'POST /api/library/strategies/{id}/reviewed': { on: "the member's strategy", call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: MODERATORS, deny: 403 },
  'GET /api/library/resources': { on: 'the directory', allow: SIGNED_IN },
  'POST /api/library/resources': { on: 'a suggested resource', call: () => ({ body: RESOURCE }), allow: SIGNED_IN },
  'GET /api/library/resources/pending': { on: 'suggestions to verify', allow: MODERATORS, deny: 403 },
  'GET /api/library/resources/stale': { on: 'entries to check again', allow: MODERATORS, deny: 403 },
  'GET /api/library/resources/{id}': [
    { on: 'a verified resource', call: ({ w }) => ({ params: { id: w.ids.resource } }), allow: SIGNED_IN },
    { on: "the member's suggestion, not yet verified", call: ({ w }) => ({ params: { id: w.ids.pendingResource } }), allow: ['member', ...MODERATORS], deny: 404 },
  ],
  'PUT /api/library/resources/{id}': { on: 'a verified resource', call: ({ w }) => ({ params: { id: w.ids.resource }, body: { ...RESOURCE, name: 'Town talking therapies' } }), allow: MODERATORS, deny: 403 },
  'DELETE /api/library/resources/{id}': {
    on: "the member's new suggestion",
    call: async ({ w }) => ({ params: { id: (await ok<{ resource: { id: string } }>(w.member.client.post('/api/library/resources', RESOURCE), 'resource')).resource.id } }),
    allow: MODERATORS,
    deny: 403,
  },
  'POST /api/library/resources/{id}/verify': {
    on: "the member's new suggestion",
    call: async ({ w }) => ({ params: { id: (await ok<{ resource: { id: string } }>(w.member.client.post('/api/library/resources', RESOURCE), 'resource')).resource.id } }),
    allow: MODERATORS,
    deny: 403,
  },

  // ── recovery: the member's own, nobody else's (not supervisors, not admins) ─────────────────
  'GET /api/me/recovery/goals': { on: "the caller's goals", allow: SIGNED_IN },
  'POST /api/me/recovery/goals': { on: 'a new goal', call: () => ({ body: { title: 'Walk more' } }), allow: SIGNED_IN },
  'PATCH /api/me/recovery/goals/{id}': { on: "the member's goal", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal }, body: { targetDate: null } }), allow: OWNER, deny: 404 },
  'DELETE /api/me/recovery/goals/{id}': {
    on: "the member's new goal",
    call: async ({ w }) => ({ params: { id: (await ok<{ goal: { id: string } }>(w.member.client.post('/api/me/recovery/goals', { title: 'Walk more' }), 'goal')).goal.id } }),
    allow: OWNER,
    deny: 404,
  },
  'POST /api/me/recovery/goals/{id}/steps': { on: "the member's goal", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal }, body: { text: 'Lights out by eleven' } }), allow: OWNER, deny: 404 },
  'PATCH /api/me/recovery/goals/{id}/steps/{stepId}': [
    { on: "the member's goal step", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal, stepId: w.ids.recoveryStep }, body: { done: true } }), allow: OWNER, deny: 404 },
    { on: "the other member's step, through the member's goal", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal, stepId: w.ids.otherRecoveryStep }, body: { done: true } }), allow: [], deny: 404 },
  ],
  'DELETE /api/me/recovery/goals/{id}/steps/{stepId}': [
    {
    on: "the member's new goal step",
    call: async ({ w }) => {
      const g = await ok<{ goal: { id: string; steps: { id: string }[] } }>(w.member.client.post('/api/me/recovery/goals', { title: 'Walk more', steps: ['Ten minutes'] }), 'goal');
      return { params: { id: g.goal.id, stepId: g.goal.steps[0]!.id } };
    },
    allow: OWNER,
    deny: 404,
  },
    { on: "the other member's step, through the member's goal", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal, stepId: w.ids.otherRecoveryStep } }), allow: [], deny: 404 },
  ],
  'GET /api/me/recovery/goal-shares': { on: "the caller's shares", allow: SIGNED_IN },
  // Sharing one's own goal into a group one takes part in.
  'PUT /api/me/recovery/goals/{id}/shares/{groupId}': [
    {
    on: "the member's new goal and group",
    call: async ({ w }) => ({
      params: { id: (await ok<{ goal: { id: string } }>(w.member.client.post('/api/me/recovery/goals', { title: 'Walk more' }), 'goal')).goal.id, groupId: w.ids.group },
    }),
    allow: OWNER,
    deny: 404,
  },
    { on: "the member's goal into a group the member is not in", call: ({ w }) => ({ params: { id: w.ids.recoveryGoal, groupId: w.ids.otherGroup } }), allow: [], deny: 404 },
  ],
  'DELETE /api/me/recovery/goals/{id}/shares/{groupId}': {
    on: "the member's new goal shared with their group",
    call: async ({ w }) => {
      const g = await ok<{ goal: { id: string } }>(w.member.client.post('/api/me/recovery/goals', { title: 'Walk more' }), 'goal');
      await ok(w.member.client.put(`/api/me/recovery/goals/${g.goal.id}/shares/${w.ids.group}`), 'share');
      return { params: { id: g.goal.id, groupId: w.ids.group } };
    },
    allow: OWNER,
    deny: 404,
  },
  'GET /api/me/recovery/strategies': { on: "the caller's saved strategies", allow: SIGNED_IN },
  'PUT /api/me/recovery/strategies/{id}': { on: 'a library strategy', call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: SIGNED_IN },
  'DELETE /api/me/recovery/strategies/{id}': { on: 'a library strategy', call: ({ w }) => ({ params: { id: w.ids.strategy } }), allow: SIGNED_IN },
  'GET /api/me/recovery/safety-plan': { on: "the caller's safety plan", allow: SIGNED_IN },
  'PUT /api/me/recovery/safety-plan': { on: "the caller's safety plan", freshCaller: true, call: () => ({ body: { reasonForLiving: 'My dog' } }), allow: SIGNED_IN },
  'POST /api/me/checkins': { on: 'a new check-in', call: () => ({ body: { mood: 4 } }), allow: SIGNED_IN },
  'GET /api/me/checkins': { on: "the caller's check-ins", allow: SIGNED_IN },
  'GET /api/me/checkins/trend': { on: "the caller's trend", allow: SIGNED_IN },
  'GET /api/me/checkins/reminder': { on: "the caller's reminder", allow: SIGNED_IN },
  'PUT /api/me/checkins/reminder': { on: "the caller's reminder", call: () => ({ body: { enabled: false, time: '20:00' } }), allow: SIGNED_IN },
  'GET /api/me/checkins/{id}': { on: "the member's check-in", call: ({ w }) => ({ params: { id: w.ids.checkin } }), allow: OWNER, deny: 404 },
  'DELETE /api/me/checkins/{id}': {
    on: "the member's new check-in",
    call: async ({ w }) => ({ params: { id: (await ok<{ checkin: { id: string } }>(w.member.client.post('/api/me/checkins', { mood: 3 }), 'check-in')).checkin.id } }),
    allow: OWNER,
    deny: 404,
  },
  'GET /api/me/journal': { on: "the caller's journal", allow: SIGNED_IN },
  'POST /api/me/journal': { on: 'a new journal entry', call: () => ({ body: { body: 'A calm day.' } }), allow: SIGNED_IN },
  'GET /api/me/journal/{id}': [
    { on: "the member's journal entry", call: ({ w }) => ({ params: { id: w.ids.journal } }), allow: OWNER, deny: 404 },
    { on: "the other member's journal entry", call: ({ w }) => ({ params: { id: w.ids.otherJournal } }), allow: ['otherMember'], deny: 404 },
  ],
  'PUT /api/me/journal/{id}': {
    on: "the member's journal entry",
    call: ({ w }) => ({ params: { id: w.ids.journal }, body: { title: 'Tuesday', body: `Therapy went well. ${w.markers.journal}` } }),
    allow: OWNER,
    deny: 404,
  },
  'DELETE /api/me/journal/{id}': {
    on: "the member's new journal entry",
    call: async ({ w }) => ({ params: { id: (await ok<{ entry: { id: string } }>(w.member.client.post('/api/me/journal', { body: 'Scratch that.' }), 'journal')).entry.id } }),
    allow: OWNER,
    deny: 404,
  },
  // The therapist summary draws on the caller's own data; naming someone else's entry finds nothing.
  'POST /api/me/recovery/summary': [
    { on: "the caller's summary", call: () => ({ body: { from: '2026-01-01', to: '2026-01-31', include: { moodTrend: true, goals: true, safetyPlan: true } } }), allow: SIGNED_IN },
    {
      on: "a summary naming the member's journal entry",
      call: ({ w }) => ({ body: { from: '2026-01-01', to: '2026-01-31', include: { journalEntryIds: [w.ids.journal] } } }),
      allow: OWNER,
      deny: 404,
    },
  ],

  // ── training and certification ─────────────────────────────────────────────────────────────
  // Every signed-in person may take the training; each call is about the caller's own training.
  'GET /api/training': { on: "the caller's training", allow: SIGNED_IN },
  'GET /api/training/modules/{id}': { on: 'a module (its quiz without answers)', call: () => ({ params: { id: 'listening' } }), allow: SIGNED_IN },
  'POST /api/training/modules/{id}/lesson-read': { on: "the caller's progress", call: () => ({ params: { id: 'listening' } }), allow: SIGNED_IN },
  // The answer tells the right options only once the attempt passed (the leak check holds it to that).
  'POST /api/training/modules/{id}/quiz': [
    { on: "the caller's passing quiz attempt", call: ({ w }) => ({ params: { id: 'listening' }, body: { answers: w.quizAnswers('listening', 'right') } }), allow: SIGNED_IN },
    { on: "the caller's failed quiz attempt", call: ({ w }) => ({ params: { id: 'listening' }, body: { answers: w.quizAnswers('listening', 'wrong') } }), allow: SIGNED_IN },
  ],
  'POST /api/training/modules/{id}/practice/{scenarioId}': {
    on: "the caller's practice reply",
    call: () => ({ params: { id: 'listening', scenarioId: 'lonely-evening' }, body: { reply: 'That sounds really hard. What would help tonight?' } }),
    allow: SIGNED_IN,
  },
  // With every module passed: a new account of each kind asks; the peer supporter is certified already (409).
  'POST /api/training/sign-off-requests': {
    on: "the caller's request for sign-off",
    freshCaller: true,
    call: async ({ w, caller }) => {
      if (caller) await w.passTraining(caller);
      return { body: { kind: 'peer_supporter' } };
    },
    allow: ['member', 'otherMember', 'facilitator', 'supervisor', 'admin'],
    except: { supporter: 409 },
  },
  // A trainee's assigned supervisor signs off, or an admin; a trainee nobody supervises is in the
  // shared queue of every supervisor. Nobody signs off their own training. Another supervisor's
  // trainee is not found (404): a supervisor does not learn who the others' supporters are.
  'GET /api/supervision/sign-off-requests': [
    { on: 'requests waiting for sign-off', allow: MODERATORS, deny: 403 },
    { on: 'decided requests', call: () => ({ query: { status: 'decided' } }), allow: MODERATORS, deny: 403 },
  ],
  'POST /api/supervision/sign-off-requests/{id}/approve': [
    { on: "a new trainee's request (nobody supervises them: the shared queue)", call: async ({ w }) => ({ params: { id: await w.signOffRequest() }, body: {} }), allow: MODERATORS, deny: 403 },
    { on: "the request of a supporter the supervisor supervises", call: async ({ w }) => ({ params: { id: await w.supervisedSignOffRequest('supervisor') }, body: {} }), allow: MODERATORS, deny: 403 },
    { on: 'the request of a supporter supervisor2 supervises', call: async ({ w }) => ({ params: { id: await w.supervisedSignOffRequest('supervisor2') }, body: {} }), allow: ADMIN, deny: 403, except: { supervisor: 404 } },
    { on: "a request of the supervisor's own (a new supervisor plays the supervisor)", call: async ({ w }) => { const s = await buildUser(w.app, { roles: ['supervisor'] }); return { params: { id: await w.signOffRequest(s) }, body: {}, players: { supervisor: s } }; }, allow: ADMIN, deny: 403 },
    // Decided once: another supervisor declined it already.
    { on: "a new trainee's request declined by supervisor2", call: async ({ w }) => ({ params: { id: await declinedSignOff(w) }, body: {} }), allow: [], deny: 403, except: { supervisor: 409, admin: 409 } },
  ],
  'POST /api/supervision/sign-off-requests/{id}/decline': [
    { on: "a new trainee's request (nobody supervises them: the shared queue)", call: async ({ w }) => ({ params: { id: await w.signOffRequest() }, body: { note: 'Let us talk first.' } }), allow: MODERATORS, deny: 403 },
    { on: "the request of a supporter the supervisor supervises", call: async ({ w }) => ({ params: { id: await w.supervisedSignOffRequest('supervisor') }, body: { note: 'Let us talk first.' } }), allow: MODERATORS, deny: 403 },
    { on: 'the request of a supporter supervisor2 supervises', call: async ({ w }) => ({ params: { id: await w.supervisedSignOffRequest('supervisor2') }, body: { note: 'Let us talk first.' } }), allow: ADMIN, deny: 403, except: { supervisor: 404 } },
    { on: "a request of the supervisor's own (a new supervisor plays the supervisor)", call: async ({ w }) => { const s = await buildUser(w.app, { roles: ['supervisor'] }); return { params: { id: await w.signOffRequest(s) }, body: { note: 'No.' }, players: { supervisor: s } }; }, allow: ADMIN, deny: 403 },
    { on: "a new trainee's request declined by supervisor2", call: async ({ w }) => ({ params: { id: await declinedSignOff(w) }, body: { note: 'Let us talk first.' } }), allow: [], deny: 403, except: { supervisor: 409, admin: 409 } },
  ],
  'GET /api/supervision/certificates': { on: 'everyone\'s current certificates', allow: MODERATORS, deny: 403 },
  'POST /api/admin/certificates': [
    { on: "a new member's prior training", call: async ({ w }) => ({ body: { userId: (await buildUser(w.app)).id, kind: 'peer_supporter', note: 'Peer support course, 2025.' } }), allow: ADMIN, deny: 403 },
    // Nobody vouches for themselves: the admin's own training is recorded by another admin.
    { on: "the admin's own prior training", call: ({ w }) => ({ body: { userId: w.admin.id, kind: 'facilitator', note: 'My own course.' } }), allow: [], deny: 403 },
  ],
  'POST /api/certificates/{id}/revoke': [
    { on: "a new supporter's certificate", call: async ({ w }) => ({ params: { id: await w.certificate() }, body: { reason: 'Shared a member’s story outside the conversation.' } }), allow: MODERATORS, deny: 403 },
    { on: 'an unknown certificate', call: () => ({ params: { id: randomUUID() }, body: { reason: 'A reason.' } }), allow: [], deny: 403, except: { supervisor: 404, admin: 404 } },
    // Nobody withdraws their own certificate: an admin or a supervisor does.
    {
      on: "the supervisor's own certificate (a new supervisor with one plays the supervisor)",
      call: async ({ w }) => {
        const s = await buildUser(w.app, { roles: ['supervisor'] });
        return { params: { id: await w.certificate(s) }, body: { reason: 'A reason.' }, players: { supervisor: s } };
      },
      allow: ['admin'],
      deny: 403,
    },
    {
      on: "the admin's own certificate (a new admin with one plays the admin)",
      call: async ({ w }) => {
        const a = await buildUser(w.app, { roles: ['admin'] });
        return { params: { id: await w.certificate(a) }, body: { reason: 'A reason.' }, players: { admin: a } };
      },
      allow: ['supervisor'],
      deny: 403,
    },
  ],
};

/**
 * Who may read each planted marker (authorization-world.ts). Every response a role receives in the
 * matrix and the leak sweep, and every realtime message on its socket, is searched for the markers
 * it may not read.
 */
export const MARKER_READERS: Record<MarkerName, readonly MatrixRole[]> = {
  // A 1:1 conversation: its two participants (a supervisor only under a grant, and none is given).
  mentorshipMessage: PARTICIPANTS,
  // Group chat: the group's participants; not admins, not supervisors.
  groupMessage: GROUP_PARTICIPANTS,
  // A circle: its members (the friend, and the member among the roles).
  circleMessage: OWNER,
  circleCheckin: OWNER,
  // Recovery: the member alone.
  journal: OWNER,
  checkinNote: OWNER,
  safetyPlan: OWNER,
  recoveryGoal: OWNER,
  // "Who saw my data" is the member's.
  audit: OWNER,
  email: OWNER,
  // A report about a mentorship: its writer and the supervisors (not the supporter, not admins).
  mentoringReport: ['member', 'supervisor'],
  // A facilitator's private meeting note: the facilitator alone.
  meetingNote: ['facilitator'],
  // "Bring in a supervisor": the facilitator who asked and the responders who take it.
  supervisorRequest: ['facilitator', ...MODERATORS],
  // A program-only space: its members and the moderators (not search, lists or related threads for others).
  programThread: ['member', ...MODERATORS],
  // Held by the safety screen: its author and the moderators who decide it.
  heldPost: ['member', ...MODERATORS],
  // A suggestion waiting for verification: who suggested it and the curators.
  pendingResource: ['member', ...MODERATORS],
  // A meeting's link: the group's members and facilitators, not others who may see the group.
  // (The member's calendar feed URL is a capability: whoever holds it reads it, as the member does.)
  meetingLink: GROUP_PARTICIPANTS,
  // Supervision: a wellbeing check-in's note is written to the supervisor; a supervision note is
  // the supervisor's alone (never the supporter's: ADR 010); a request's messages and coaching
  // notes are between the two. Admins run assignments and read none of it.
  wellbeingNote: SUPERVISION_PAIR,
  supervisionNote: ['supervisor'],
  supervisionMessage: SUPERVISION_PAIR,
  coachingNote: SUPERVISION_PAIR,
  // A practice reply: its writer alone (supervisors see only counts and averages at sign-off).
  practiceReply: OWNER,
  // A note on a sign-off decision: the trainee it is for, and the supervisor who wrote it.
  signOffNote: ['otherMember', 'supervisor'],
};

/**
 * Realtime rooms and who may subscribe to them. Anonymous sockets are refused at the handshake.
 */
export const REALTIME_ROOMS: { room: (w: World) => string; on: string; allow: readonly MatrixRole[] }[] = [
  // A person's own room is joined at connect; nobody subscribes to it, not even that person.
  { room: (w) => `user:${w.member.id}`, on: "the member's own room", allow: [] },
  { room: (w) => `mentorship:${w.ids.mentorship}`, on: "the member's conversation", allow: PARTICIPANTS },
  { room: (w) => `mentorship:${w.ids.otherMentorship}`, on: "the other member's conversation", allow: ['otherMember'] },
  { room: (w) => `group:${w.ids.group}`, on: "the member's group", allow: GROUP_PARTICIPANTS },
  { room: (w) => `circle:${w.ids.circle}`, on: "the member's circle", allow: OWNER },
  { room: (w) => `thread:${w.ids.thread}`, on: 'a thread in an open space', allow: SIGNED_IN },
  { room: (w) => `thread:${w.ids.programThread}`, on: 'a thread in a program space', allow: ['member', ...MODERATORS] },
  { room: (w) => `space:${w.ids.programSpace}`, on: 'a program space', allow: ['member', ...MODERATORS] },
  { room: () => 'safety:all', on: 'every alert', allow: MODERATORS },
  // Consent opens a conversation's room to the supporter's assigned supervisor only.
  { room: (w) => `mentorship:${w.ids.consentedMentorship}`, on: "a conversation opened to its supporter's supervisor (the supervisor)", allow: ['supervisor'] },
  { room: (w) => `mentorship:${w.ids.consentedElsewhere}`, on: "a conversation opened to its supporter's supervisor (supervisor2)", allow: [] },
  { room: (w) => `supervision:${w.ids.supervisionRequest}`, on: "the supporter's supervision request", allow: SUPERVISION_PAIR },
  { room: (w) => `supervision:${w.ids.otherSupervisionRequest}`, on: "supporter2's supervision request", allow: [] },
  // The on-duty room needs duty taken, and nobody in the world is on duty.
  { room: () => 'safety:duty', on: 'alerts for responders on duty', allow: [] },
];
