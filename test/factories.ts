import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../src/contracts/accounts.js';
import { CERTIFICATE_KINDS, type CertificateKind, type CertificateView } from '../src/contracts/training.js';
import type { KindredApp } from '../src/server/app.js';
import type { Actor } from '../src/server/platform/actor.js';
import { TestClient } from './client.js';

export interface BuiltUser {
  id: string;
  handle: string;
  password: string;
  roles: Role[];
  client: TestClient;
  actor: Actor;
}

let counter = 0;

async function signUpUser(app: KindredApp, opts: { handle?: string; region?: string; password?: string; ip?: string }) {
  counter += 1;
  const handle = opts.handle ?? `user${counter}_${randomBytes(3).toString('hex')}`;
  const password = opts.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const client = new TestClient(app, opts.ip ?? `10.0.${Math.floor(counter / 250)}.${counter % 250}`);
  const res = await client.post('/api/auth/sign-up', { handle, password, ageConfirmed: true, ...(opts.region ? { region: opts.region } : {}) });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const me = res.json() as { id: string; roles: Role[] };
  const actor = (await app.kindred.accounts.resolveSession(client.sessionToken()!))!;
  return { id: me.id, handle, password, roles: me.roles, client, actor };
}

/**
 * A signed-in user made through the real sign-up route (extra roles granted through the admin
 * service). The first account of a fresh app becomes its admin, as in production, so a plain
 * member is only made after an admin exists.
 */
export async function buildUser(
  app: KindredApp,
  opts: { roles?: Role[]; handle?: string; region?: string; password?: string; ip?: string } = {},
): Promise<BuiltUser> {
  const admin = await ensureAdmin(app);
  const user = await signUpUser(app, opts);
  if (opts.roles?.length) {
    user.roles = await app.kindred.accounts.setRoles(admin.actor, user.id, [...new Set([...user.roles, ...opts.roles])]);
    // Supporters and facilitators need a valid certificate to act as one: record prior training.
    for (const kind of CERTIFICATE_KINDS) if (opts.roles.includes(kind)) await certify(app, user, kind);
    // A role change rotates the session at its next request, as a browser's would: the client takes the new cookie.
    await user.client.get('/api/me');
    user.actor = (await app.kindred.accounts.resolveSession(user.client.sessionToken()!))!;
  }
  return user;
}

/**
 * Certifies someone as an admin recording prior training does (the real service: audited, the
 * role comes with it). `expiresOn` (YYYY-MM-DD) sets a short validity for expiry tests.
 */
export async function certify(app: KindredApp, user: Pick<BuiltUser, 'id'>, kind: CertificateKind, opts: { expiresOn?: string } = {}): Promise<CertificateView> {
  const admin = await ensureAdmin(app);
  return app.kindred.training.recordPriorTraining(admin.actor, { userId: user.id, kind, note: 'Test factory: trained before joining.', ...(opts.expiresOn ? { expiresOn: opts.expiresOn } : {}) });
}

/**
 * Signs the user in again (sessions end 30 days after their last use): for tests that move the
 * clock by months.
 */
export async function signInAgain(app: KindredApp, user: BuiltUser): Promise<BuiltUser> {
  const res = await user.client.post('/api/auth/sign-in', { handle: user.handle, password: user.password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  user.actor = (await app.kindred.accounts.resolveSession(user.client.sessionToken()!))!;
  return user;
}

/** The app's first account, its admin (made on first use). */
export async function ensureAdmin(app: KindredApp): Promise<BuiltUser> {
  let admin = admins.get(app);
  if (!admin) {
    admin = signUpUser(app, { handle: `admin_${randomBytes(3).toString('hex')}` });
    admins.set(app, admin);
  }
  return admin;
}
const admins = new WeakMap<KindredApp, Promise<BuiltUser>>();

/** A POST by `u` through the real route that must answer 201 (a thread, a reply): its body. */
export async function post(u: BuiltUser, url: string, body: Record<string, unknown>) {
  const res = await u.client.post(url, body);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { thread?: { id: string }; post: { id: string }; safety: { held: boolean } };
}

/** A story thread by `author` in the seeded "carers" space, through the real route: its id. */
export async function newThread(app: KindredApp, author: BuiltUser, title: string): Promise<string> {
  const space = await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow();
  return (await post(author, `/api/spaces/${space.id}/threads`, { kind: 'story', title, body: `${title}: some words to start with.` })).thread!.id;
}

/** A GET read twice by the same member: both answer 200 with the same bytes (the second from what the first kept); the body. */
export async function bodyReadTwice(user: BuiltUser, url: string): Promise<string> {
  const first = await user.client.get(url);
  expect(first.statusCode).toBe(200);
  const second = await user.client.get(url);
  expect(second.statusCode).toBe(200);
  expect(second.body).toBe(first.body);
  return first.body;
}

/** A program with two members (`leaver`, `stayer`) and a program-only space in it, made by the admin. */
export async function programSpace(app: KindredApp): Promise<{ leaver: BuiltUser; stayer: BuiltUser; programId: string; spaceId: string }> {
  const admin = await ensureAdmin(app);
  const [leaver, stayer] = await Promise.all([buildUser(app), buildUser(app)]);
  const tag = randomBytes(4).toString('hex');
  const program = (await admin.client.post('/api/admin/programs', { name: `Night workers ${tag}` })).json() as { id: string };
  for (const u of [leaver, stayer]) expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: u.id })).statusCode).toBe(201);
  const created = await admin.client.post('/api/admin/spaces', {
    slug: `nights-${tag}`,
    name: 'Night shifts',
    description: 'Working nights.',
    houseRules: 'Be kind.',
    visibility: 'program',
    programId: program.id,
  });
  expect(created.statusCode).toBe(201);
  return { leaver, stayer, programId: program.id, spaceId: (created.json() as { id: string }).id };
}

/** A post and its thread, as the hold/hide tests name it. */
export interface PostRef {
  threadId: string;
  postId: string;
}

/** A post as a thread's page shows it (the fields the hold/hide tests read). */
export interface PagePost {
  id: string;
  state: string;
  bodyHtml: string | null;
  pendingReason: string | null;
}

/** `author`'s reply, through the real routes, in a story thread `starter` opens in `spaceId` for it. */
export async function replyInNewThread(starter: BuiltUser, author: BuiltUser, spaceId: string, body: string): Promise<PostRef> {
  const threadId = (await post(starter, `/api/spaces/${spaceId}/threads`, { kind: 'story', title: `Checking in ${randomBytes(4).toString('hex')}`, body: 'How is everyone doing this week?' })).thread!.id;
  return { threadId, postId: (await post(author, `/api/threads/${threadId}/posts`, { body })).post.id };
}

/** The post on its thread's page as `who` reads it (null: not on it, or the thread is not readable by them). */
export async function postAs(who: BuiltUser, p: PostRef): Promise<PagePost | null> {
  const res = await who.client.get(`/api/threads/${p.threadId}`);
  if (res.statusCode === 404) return null;
  if (res.statusCode !== 200) throw new Error(`/api/threads/${p.threadId}: ${res.statusCode} ${res.body}`);
  return (res.json().posts as PagePost[]).find((x) => x.id === p.postId) ?? null;
}
