import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/contracts/events.js';
import { useTestApp } from '../app.js';
import { TestClient } from '../client.js';
import { testDatabases } from '../databases.js';
import type { BuiltUser } from '../factories.js';
import { TestSocket } from '../realtime.js';
import { AUTHORIZATION_TABLE, MARKER_READERS, REALTIME_ROOMS, type Call, type Case } from './authorization-table.js';
import { MATRIX_ROLES, ok, World, type MarkerName, type MatrixRole, type SignedInRole } from './authorization-world.js';

/*
 * Every route of the OpenAPI document, called as each of the seven roles on objects they own and
 * objects they do not, checked against the declared table (authorization-table.ts, which says how
 * to declare a new route). Then the leak check: marker words planted in private content must not
 * appear in anything a role that may not read them receives, over HTTP or realtime.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** A response a role received; `about` lists the ids its path named. */
interface Received {
  what: string;
  route: string;
  method: string;
  about: string[];
  body: string;
}
/** The one route that names an anonymous author, to a moderator, audited in the author's log. */
const REVEAL_AUTHOR = 'POST /api/moderation/posts/{id}/reveal-author';
/** The one route that tells the quiz key (why each answer is right; which options are, once passed): the answer to an attempt. */
const QUIZ_SUBMIT = 'POST /api/training/modules/{id}/quiz';
/** A capability URL: whoever holds the member's feed token reads the member's calendar, as intended. */
const CAPABILITY = 'GET /api/calendar/feed.ics';
const cases = (key: string): readonly Case[] => {
  const spec = AUTHORIZATION_TABLE[key]!;
  return Array.isArray(spec) ? spec : [spec as Case];
};

/** The status a role must get for a case: any 2xx when allowed (`'2xx'`), else the declared denial. */
function expectedStatus(c: Case, role: MatrixRole): number | '2xx' {
  if (c.except?.[role] !== undefined) return c.except[role]!;
  if (c.allow.includes(role)) return '2xx';
  if (role === 'anonymous') return 401;
  if (c.deny === undefined) throw new Error(`case "${c.on}" must declare the status for roles it does not allow`);
  return c.deny;
}

function urlOf(path: string, params: Record<string, string> = {}, query?: Record<string, string>): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(value);
  });
  return query && Object.keys(query).length ? `${filled}?${new URLSearchParams(query)}` : filled;
}

/** Every operation the OpenAPI document lists, as "METHOD /path". */
function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Every object in a JSON value, depth first. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objectsIn(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objectsIn(v);
  }
}

describe.each(testDatabases)('authorization matrix on $name', (database) => {
  // Rate limits are tested elsewhere; here one role makes hundreds of calls a minute.
  const t = useTestApp(database, { config: { rateLimitPerMinute: 1_000_000 } });
  let w: World;
  /** Every answer each role received, for the leak check. */
  const received = new Map<MatrixRole, Received[]>(MATRIX_ROLES.map((r) => [r, []]));
  /** Routes the matrix called in this run (all, unless filtered with -t): the leak check sweeps the others itself. */
  const matrixRan = new Set<string>();

  beforeAll(async () => {
    w = await World.build(t.app);
  }, 120_000);

  /** Calls one route as one role for one case; returns a line describing a mismatch, or null. */
  async function callAs(key: string, c: Case, role: MatrixRole, prepared?: Promise<Call>): Promise<string | null> {
    const [method, path] = key.split(' ') as [Method, string];
    let caller: BuiltUser | null = role === 'anonymous' ? null : w.users[role];
    if (c.freshCaller) caller = await w.freshAs(role);
    const call = (await (prepared ?? c.call?.({ w, role, caller }))) ?? {};
    caller = call.players?.[role] ?? caller;
    const client = caller ? caller.client : w.anonymous();
    const url = urlOf(path, call.params, call.query);
    const res: LightMyRequestResponse = await client.request(method, url, call.body);
    received.get(role)!.push({ what: `${key} (${c.on})`, route: key, method, about: Object.values(call.params ?? {}), body: res.body });
    const expected = expectedStatus(c, role);
    const okay = expected === '2xx' ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === expected;
    if (!okay) return `${role} on ${c.on}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`;
    if (res.statusCode >= 400 && typeof res.json()?.error?.message !== 'string') return `${role} on ${c.on}: ${res.statusCode} without an error message`;
    return null;
  }

  /**
   * One case as all seven roles. `call` runs once per role that succeeds; the refused roles call
   * first, on the object made for the first role that succeeds (a refused call changes nothing).
   */
  async function runCase(key: string, c: Case): Promise<string[]> {
    const allowed = MATRIX_ROLES.filter((role) => expectedStatus(c, role) === '2xx');
    const refused = MATRIX_ROLES.filter((role) => !allowed.includes(role));
    const first = allowed[0] ?? 'anonymous';
    let shared: Promise<Call> | undefined;
    const prepared = (role: MatrixRole) =>
      c.freshCaller || !c.call || (allowed.includes(role) && role !== first)
        ? undefined
        : (shared ??= Promise.resolve(c.call({ w, role: first, caller: first === 'anonymous' ? null : w.users[first] })));
    const results: (string | null)[] = [];
    if (key.startsWith('GET ')) {
      // Reads change nothing: side by side.
      results.push(...(await Promise.all(MATRIX_ROLES.map((role) => callAs(key, c, role, prepared(role))))));
    } else {
      // Writes one after another (some switch a setting around their call), the refused first.
      for (const role of [...refused, ...allowed]) results.push(await callAs(key, c, role, prepared(role)));
    }
    return results.filter((r): r is string => r !== null);
  }

  it('declares every route of the OpenAPI document, and no route that is gone', async () => {
    const doc = await ok<{ paths: Record<string, Record<string, unknown>> }>(new TestClient(t.app).get('/api/openapi.json'), 'openapi');
    const documented = documentedRoutes(doc);
    expect(documented.length).toBeGreaterThan(200);
    const declared = Object.keys(AUTHORIZATION_TABLE);
    expect(documented.filter((r) => !declared.includes(r)), 'routes missing from test/api/authorization-table.ts').toEqual([]);
    expect(declared.filter((r) => !documented.includes(r)), 'declared routes that no longer exist').toEqual([]);
  });

  for (const key of Object.keys(AUTHORIZATION_TABLE)) {
    it(key, async () => {
      const mismatches: string[] = [];
      for (const c of cases(key)) mismatches.push(...(await runCase(key, c)));
      expect(mismatches).toEqual([]);
      matrixRan.add(key);
    });
  }

  it('refuses realtime rooms to every role that may not read them, and anonymous sockets altogether', async () => {
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    // A signed-out socket is closed at once with "sign in first".
    const anonymous = await TestSocket.open(t.app, w.anonymous());
    const code = await new Promise<number>((resolve) => anonymous.ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);

    const roles = MATRIX_ROLES.filter((r): r is SignedInRole => r !== 'anonymous');
    const sockets = new Map<SignedInRole, TestSocket>();
    for (const role of roles) sockets.set(role, await TestSocket.open(t.app, w.users[role].client));
    const mismatches: string[] = [];
    for (const { room, on, allow } of REALTIME_ROOMS) {
      for (const role of roles) {
        const answer = await sockets.get(role)!.subscribe(room(w));
        const expected = allow.includes(role) ? 'subscribed' : 'denied';
        if (answer.type !== expected) mismatches.push(`${role} on ${on}: expected ${expected}, got ${answer.type}`);
      }
    }
    expect(mismatches).toEqual([]);

    // New private words while every socket listens: their events reach the rooms' members (ids
    // only: clients fetch the words through the routes above), and no socket carries words its
    // role may not read.
    for (const role of roles) await sockets.get(role)!.subscribe(`space:${w.ids.space}`);
    const { member } = w.users;
    const m = w.markers;
    await ok(member.client.post(`/api/mentoring/mentorships/${w.ids.mentorship}/messages`, { body: `Again, ${m.mentorshipMessage}`, clientId: randomUUID() }));
    await ok(member.client.post(`/api/groups/${w.ids.group}/messages`, { body: `Again, ${m.groupMessage}` }));
    await ok(member.client.post(`/api/circles/${w.ids.circle}/messages`, { body: `Again, ${m.circleMessage}` }));
    await ok(member.client.post('/api/me/circle-checkins', { mood: 3, note: `Again, ${m.circleCheckin}`, shareWith: [w.ids.circle] }));
    await ok(member.client.post('/api/me/journal', { body: `Again, ${m.journal}` }));
    await ok(member.client.post('/api/me/checkins', { mood: 3, note: `Again, ${m.checkinNote}` }));
    const { supporter, supervisor } = w.users;
    await ok(supporter.client.post(`/api/supervision/requests/${w.ids.supervisionRequest}/messages`, { body: `Again, ${m.supervisionMessage}` }));
    await ok(supporter.client.post('/api/me/supervision/checkins', { energy: 1, manageable: 2, supported: 3, note: `Again, ${m.wellbeingNote}` }));
    await ok(supervisor.client.post(`/api/supervision/supporters/${supporter.id}/notes`, { body: `Again, ${m.supervisionNote}` }));
    // The bus delivers in commit order: once every socket has the thread written last, it has had everything before it.
    const last = await ok<{ thread: { id: string } }>(member.client.post(`/api/spaces/${w.ids.space}/threads`, { kind: 'story', title: 'The last word', body: 'Good night, everyone.' }));
    for (const role of roles) await sockets.get(role)!.next((msg) => msg.type === 'event' && msg.room === `space:${w.ids.space}` && JSON.stringify(msg.event).includes(last.thread.id));
    // The members of the rooms did get the new words' events (so the sockets were listening).
    expect(sockets.get('supporter')!.messages.some((msg) => msg.type === 'event' && msg.room === `mentorship:${w.ids.mentorship}`)).toBe(true);
    expect(sockets.get('facilitator')!.messages.some((msg) => msg.type === 'event' && msg.room === `group:${w.ids.group}`)).toBe(true);
    expect(sockets.get('supervisor')!.messages.some((msg) => msg.type === 'event' && msg.room === `supervision:${w.ids.supervisionRequest}`)).toBe(true);
    for (const role of roles) {
      const text = JSON.stringify(sockets.get(role)!.messages satisfies ServerMessage[]);
      for (const [name, readers] of Object.entries(MARKER_READERS) as [MarkerName, readonly MatrixRole[]][]) {
        if (!readers.includes(role) && text.includes(m[name])) mismatches.push(`${role}'s socket carried the ${name} marker`);
      }
    }
    for (const s of sockets.values()) s.close();
    expect(mismatches).toEqual([]);
  });

  it('leaks no private content through any route, search, notification or export', async () => {
    // Every GET route as every role: what the matrix received, and a sweep of those it did not call.
    for (const key of Object.keys(AUTHORIZATION_TABLE).filter((k) => k.startsWith('GET ') && !matrixRan.has(k))) {
      for (const c of cases(key)) {
        for (const role of MATRIX_ROLES) {
          const caller = role === 'anonymous' ? null : w.users[role];
          const call = (await c.call?.({ w, role, caller })) ?? {};
          const client = (call.players?.[role] ?? caller)?.client ?? w.anonymous();
          const res = await client.get(urlOf(key.slice(4), call.params, call.query));
          received.get(role)!.push({ what: `${key} (${c.on})`, route: key, method: 'GET', about: Object.values(call.params ?? {}), body: res.body });
        }
      }
    }
    // Searches for the private words themselves.
    for (const role of MATRIX_ROLES) {
      const client = w.clientOf(role);
      for (const word of Object.values(w.markers)) {
        for (const url of [`/api/search?q=${word}`, `/api/me/journal?q=${word}`, `/api/library/strategies?q=${word}`]) {
          const res = await client.get(url);
          received.get(role)!.push({ what: `GET ${url}`, route: 'GET /search', method: 'GET', about: [], body: res.body });
        }
      }
    }

    const leaks: string[] = [];
    const anonymousIds = new Set([w.ids.anonymousPost, w.ids.anonymousThread, w.ids.anonymousThreadPost]);
    // The quiz key: each question's explanation (as it appears in JSON) and a `correct` list. Only
    // the answer to a submitted attempt tells it, and the right options only when the attempt passed.
    const explanations = w.app.kindred.training.curriculum.modules.flatMap((mod) => mod.quiz.map((q) => JSON.stringify(q.explanation).slice(1, -1)));
    const tellsCorrect = (body: unknown) => [...objectsIn(body)].some((o) => 'correct' in o && o.correct !== null);
    let quizKeyTold = false;
    for (const role of MATRIX_ROLES) {
      for (const r of received.get(role)!) {
        if (r.route === CAPABILITY) continue;
        const json: unknown = r.body.startsWith('{') ? JSON.parse(r.body) : null;
        if (r.route === QUIZ_SUBMIT) {
          quizKeyTold ||= explanations.some((e) => r.body.includes(e)) && tellsCorrect(json);
          const passed = (json as { attempt?: { passed?: boolean } } | null)?.attempt?.passed;
          if (passed === false && tellsCorrect(json)) leaks.push(`${role} was told the right options of a failed attempt in ${r.what}`);
        } else if (explanations.some((e) => r.body.includes(e)) || tellsCorrect(json)) {
          leaks.push(`${role} saw the quiz key in ${r.what}`);
        }
        for (const [name, readers] of Object.entries(MARKER_READERS) as [MarkerName, readonly MatrixRole[]][]) {
          if (!readers.includes(role) && r.body.includes(w.markers[name])) leaks.push(`${role} read the ${name} marker in ${r.what}`);
        }
        // Anonymous authorship: no answer about an anonymous post or thread, and no object naming
        // one, names its author, except to the author and through the audited reveal.
        if (role === 'member' || r.route === REVEAL_AUTHOR || !r.body.startsWith('{')) continue;
        const namesAuthor = (text: string) => text.includes(w.member.id) || text.includes(w.member.handle);
        if (r.about.some((id) => anonymousIds.has(id)) && namesAuthor(r.body)) leaks.push(`${role} saw who wrote an anonymous post in ${r.what}`);
        for (const o of objectsIn(JSON.parse(r.body))) {
          const names = [o.id, o.postId, o.threadId].some((v) => typeof v === 'string' && anonymousIds.has(v));
          if (names && namesAuthor(JSON.stringify(o))) leaks.push(`${role} saw who wrote an anonymous post in ${r.what}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // A passing attempt's answer told the key (so the check can see it).
    expect(quizKeyTold).toBe(true);
    // Each marker did reach one of its readers (so the words were planted and the check can see them).
    for (const [name, readers] of Object.entries(MARKER_READERS) as [MarkerName, readonly MatrixRole[]][]) {
      expect(readers.some((role) => received.get(role)!.some((r) => r.body.includes(w.markers[name]))), name).toBe(true);
    }
  }, 120_000);
});
