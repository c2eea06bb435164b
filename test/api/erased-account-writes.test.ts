import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindredApp } from '../../src/server/app.js';
import { buildTestApp, LogCapture } from '../app.js';
import { TestClient } from '../client.js';
import { ownTables, testDatabases } from '../databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../factories.js';
import { queuedBehindRowLock, queuedBehindRowWrite } from '../row-lock.js';
import { matchedPair } from '../supervision-factories.js';
import { UNSAVED_RETRY_WINDOW_MINUTES } from '../../src/server/modules/safety/safety.service.js';

/**
 * A write from a person whose account is erased while the write is under way (ADR 061). Two app
 * instances on one database, each with a bus of its own: instance B has not heard of the erasure
 * done on A, so its cached session lets the person's phone in after the account has gone, as a
 * request let in a moment before the erasure is. Whatever module it writes to, the answer is 401
 * with words the person can understand (never a 500 from the foreign key), and nothing of it is stored.
 */
const ACCOUNT_GONE = 'Your account has been deleted, so nothing was saved.';
const GONE_MEANWHILE = "Something this refers to was removed while you were saving (a post, a thread or a person's account), so nothing was saved. Refresh the page and try again.";
const AGREEMENT = 'What is said in the group stays in the group. We listen with respect, give no advice unless asked, and follow the crisis procedure.';
const METRICS_TOKEN = 'erased-writes-metrics-token-0123456789';
const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/**
 * Rows in every table of the app's schema, by table (what a late write must leave as it was). `tables`
 * is read once per database (`ownTables` reads every schema's tables, slower as a test database's
 * schemas accumulate).
 */
async function rowCounts(app: KindredApp, tables: readonly string[]): Promise<Record<string, number>> {
  const db = app.kindred.database.db;
  const out: Record<string, number> = {};
  for (const table of tables) {
    // The outbox empties as the dispatcher delivers; rate-limit counters count requests, not writes.
    if (table === 'outbox' || table === 'throttle' || table.includes('fts') || table.includes('search')) continue;
    out[table] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  }
  return out;
}

describe.each(testDatabases)('a write from an erased account on $name', (database) => {
  let a: Awaited<ReturnType<typeof buildTestApp>>;
  let b: Awaited<ReturnType<typeof buildTestApp>>;
  let cleanup: () => Promise<void>;
  let tables: string[] = [];
  /** What A logs (B logs nothing): a 409's key and route, never the words. */
  const logs = new LogCapture();
  const counts = () => rowCounts(a.app, tables);

  beforeAll(async () => {
    const db = await database.create({ persistent: true });
    const shared = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    const config = { databaseUrl: db.url, secret: 'erased-writes-secret-erased-writes-secret-0123' };
    a = await buildTestApp(shared, { config: { ...config, metricsToken: METRICS_TOKEN }, ...pg, logStream: logs });
    b = await buildTestApp(shared, { config, ...pg });
    cleanup = db.cleanup;
    tables = await ownTables(a.app.kindred.database.db);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await cleanup?.();
  });

  /**
   * `x` made on A, signed in on B (its session cached there by a read), then erased through A; returns
   * B's client for x. `prepare` runs before the erasure (memberships, a mentorship).
   */
  async function erasedButLetInOnB(prepare?: (x: BuiltUser) => Promise<void>): Promise<{ x: BuiltUser; phone: TestClient }> {
    const x = await buildUser(a.app, { region: 'GB' });
    await prepare?.(x);
    const phone = new TestClient(b.app, `10.8.${randomBytes(1)[0]}.${randomBytes(1)[0]}`);
    await ok(await phone.post('/api/auth/sign-in', { handle: x.handle, password: x.password }));
    await ok(await phone.get('/api/me'));
    await phone.csrfToken();
    await ok(await x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' }));
    expect(await a.app.kindred.database.db.selectFrom('users').select('id').where('id', '=', x.id).execute()).toEqual([]);
    return { x, phone };
  }

  async function lateWriteRefused(phone: TestClient, write: (phone: TestClient) => Promise<{ statusCode: number; body: string; json(): unknown }>) {
    await a.app.kindred.dispatcher.idle();
    await b.app.kindred.dispatcher.idle();
    const before = await counts();
    const res = await write(phone);
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'account_gone', message: ACCOUNT_GONE } });
    expect(await counts()).toEqual(before);
    return res.json() as { error: { safety?: { showCrisisResponse: boolean; firstStep: string; resources: unknown[] } } };
  }

  async function carersSpace(): Promise<string> {
    return (await a.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow()).id;
  }

  async function someonesThread(): Promise<{ threadId: string; postId: string }> {
    const other = await buildUser(a.app);
    const made = await ok<{ thread: { id: string }; post: { id: string } }>(
      await other.client.post(`/api/spaces/${await carersSpace()}/threads`, { kind: 'story', title: 'Evenings are long', body: 'Some words to start with, about long evenings.' }),
      201,
    );
    return { threadId: made.thread.id, postId: made.post.id };
  }

  it('community: a new thread, a reply, a reaction, a report', async () => {
    const { threadId, postId } = await someonesThread();
    const space = await carersSpace();
    const { phone } = await erasedButLetInOnB();
    await lateWriteRefused(phone, (p) => p.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Written while leaving', body: 'A thread written while my account was going.' }));
    await lateWriteRefused(phone, (p) => p.post(`/api/threads/${threadId}/posts`, { body: 'A reply written while my account was going.' }));
    await lateWriteRefused(phone, (p) => p.put(`/api/posts/${postId}/reactions/relate`));
    await lateWriteRefused(phone, (p) => p.post(`/api/posts/${postId}/reports`, { reason: 'spam', note: 'Reported while leaving.' }));
    await lateWriteRefused(phone, (p) => p.put(`/api/threads/${threadId}/follow`, { following: true }));
  });

  it('a reply whose words screen as a crisis: no alert can name a person who is gone, but the writer is shown the crisis lines in the 401', async () => {
    const { threadId } = await someonesThread();
    const { phone } = await erasedButLetInOnB();
    const answer = await lateWriteRefused(phone, (p) => p.post(`/api/threads/${threadId}/posts`, { body: 'I am going to take all my pills tonight, I have them ready.' }));
    expect(answer.error.safety).toMatchObject({ showCrisisResponse: true, resources: expect.arrayContaining([expect.anything()]) });
    // No supporter will check in, nor can one be asked, without an account: the first step says only what is there.
    const ideation = await lateWriteRefused(phone, (p) => p.post(`/api/threads/${threadId}/posts`, { body: 'I want to kill myself.' }));
    expect(ideation.error.safety).toMatchObject({ showCrisisResponse: true, firstStep: 'You can talk to someone right now: a crisis line is free and there for exactly this.' });
    const calm = await lateWriteRefused(phone, (p) => p.post(`/api/threads/${threadId}/posts`, { body: 'Thank you all, this helped.' }));
    expect(calm.error.safety).toBeUndefined();
  });

  it('recovery: a check-in (with a note or not), a journal entry, a goal', async () => {
    const { phone } = await erasedButLetInOnB();
    await lateWriteRefused(phone, (p) => p.post('/api/me/checkins', { mood: 3, feelings: ['tired'], note: 'A check-in while leaving.' }));
    await lateWriteRefused(phone, (p) => p.post('/api/me/checkins', { mood: 3 }));
    await lateWriteRefused(phone, (p) => p.post('/api/me/journal', { title: 'Leaving', body: 'A journal entry written while my account was going.' }));
    await lateWriteRefused(phone, (p) => p.post('/api/me/recovery/goals', { title: 'Walk to the park every week', steps: ['Find my shoes'] }));
  });

  it('library and notifications: a strategy, notification preferences', async () => {
    const { phone } = await erasedButLetInOnB();
    await lateWriteRefused(phone, (p) =>
      p.post('/api/library/strategies', { title: 'Counting colours on the tram', steps: ['Sit down somewhere quiet.', 'Name three colours you can see.'], whenItHelps: 'When the evening feels long.', conditions: ['anxiety'], situations: ['lonely_evening'] }),
    );
    await lateWriteRefused(phone, (p) => p.put('/api/me/notification-preferences', { prefs: { reaction: false } }));
  });

  it('mentoring: a request for a supporter (401); a message in the mentorship the erasure ended (401 or 404, never 500)', async () => {
    const lang = `en-x${randomBytes(3).toString('hex')}`;
    const supporter = await buildUser(a.app, { roles: ['peer_supporter'] });
    await ok(await supporter.client.put('/api/mentoring/supporter-profile', { experienceTags: ['anxiety'], languages: [lang], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 3 }));
    let mentorshipId = '';
    const { phone } = await erasedButLetInOnB(async (x) => {
      const asked = await ok<{ request: { id: string } }>(await x.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: [lang] } }), 201);
      mentorshipId = (await ok<{ id: string }>(await supporter.client.post(`/api/mentoring/offers/${asked.request.id}/accept`))).id;
    });
    await lateWriteRefused(phone, (p) => p.post('/api/mentoring/requests', { topic: 'Another request, while leaving.', preferences: { languages: [lang] } }));
    const sent = await phone.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'A message written while my account was going.', clientId: randomUUID() });
    // The erasure ended the mentorship: gone is gone, whichever the server finds first.
    expect([401, 404], sent.body).toContain(sent.statusCode);
  });

  it('groups: a program join (401); a message in group chat, whose membership went with the account (401, 403 or 404, never 500)', async () => {
    const admin = await ensureAdmin(a.app);
    const facilitator = await buildUser(a.app, { roles: ['facilitator'] });
    const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' }), 201);
    const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups.', joinPolicy: 'open' }), 201);
    const group = await ok<{ id: string }>(
      await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Thursday circle', description: 'A small group for anxiety.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [facilitator.id] }),
      201,
    );
    const { phone } = await erasedButLetInOnB(async (x) => {
      await ok(await x.client.post(`/api/programs/${program.id}/join`, {}));
      await ok(await x.client.post(`/api/groups/${group.id}/join`, { agreementVersion: 1 }));
    });
    const res = await phone.post(`/api/groups/${group.id}/messages`, { body: 'A message written while my account was going.' });
    // Their membership went with the account: a 403/404 from the membership check is as good as the 401.
    expect([401, 403, 404], res.body).toContain(res.statusCode);
    await lateWriteRefused(phone, (p) => p.post(`/api/programs/${program.id}/join`, {}));
  });

  /**
   * A write by `x`, who is still here, that names a row another connection deletes between the
   * route's read and its insert (ADR 061, amendment 2026-11-28). PostgreSQL: the row held `for update`
   * and deleted by another connection while the insert's foreign key check waits for it
   * (`queuedBehindRowWrite`); SQLite (one writer at a time): a trigger deletes it in the write's own
   * transaction, between the read and the insert (so that delete is rolled back with the write).
   */
  async function refusedMeanwhile<R>(table: 'posts' | 'users' | 'safety_alerts' | 'mentorships', id: string, child: string, childColumn: string, write: () => Promise<R>): Promise<R> {
    const db = a.app.kindred.database.db;
    const vanish = async (trx: typeof db) => {
      await trx.deleteFrom(table).where('id', '=', id).execute();
    };
    if (database.name === 'postgres') return queuedBehindRowWrite(db, table, id, write, vanish);
    await sql`create trigger vanish_meanwhile before insert on ${sql.table(child)} for each row when new.${sql.ref(childColumn)} = ${sql.lit(id)} begin delete from ${sql.table(table)} where id = new.${sql.ref(childColumn)}; end`.execute(db);
    try {
      return await write();
    } finally {
      await sql`drop trigger vanish_meanwhile`.execute(db);
    }
  }

  /** Rows of x's screenings and alerts, and whether any of the other tables gained a row. */
  async function settledCounts() {
    await a.app.kindred.dispatcher.idle();
    await b.app.kindred.dispatcher.idle();
    return counts();
  }

  it('a reaction to a post deleted (by another request) between the route\'s read and its insert: 409 gone_meanwhile, nothing stored, the writer still here', async () => {
    const db = a.app.kindred.database.db;
    const { threadId } = await someonesThread();
    const other = await buildUser(a.app);
    const reply = await ok<{ post: { id: string } }>(await other.client.post(`/api/threads/${threadId}/posts`, { body: 'A reply that is deleted while someone reacts to it.' }), 201);
    const postId = reply.post.id;
    const x = await buildUser(a.app, { region: 'GB' });
    const before = await settledCounts();
    const res = await refusedMeanwhile('posts', postId, 'reactions', 'post_id', () => x.client.put(`/api/posts/${postId}/reactions/relate`));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'gone_meanwhile', message: GONE_MEANWHILE } });
    const after = await settledCounts();
    // Nothing gained a row. PostgreSQL: the post's delete committed (it and what named it, a
    // notification of the reply, went); SQLite: it was rolled back with the reaction, nothing changed.
    for (const [table, n] of Object.entries(after)) expect(n, table).toBeLessThanOrEqual(before[table]!);
    expect(after.posts).toBe(before.posts! - (database.name === 'postgres' ? 1 : 0));
    if (database.name === 'sqlite') expect(after).toEqual(before);
    expect(await db.selectFrom('reactions').select('post_id').where('user_id', '=', x.id).execute()).toEqual([]);
    expect(await db.selectFrom('users').select('id').where('id', '=', x.id).execute()).toEqual([{ id: x.id }]);
  });

  it('a report in a mentorship whose supporter\'s account goes meanwhile, its note a crisis: 409 with the crisis notice, and an alert for the writer raised on its own', async () => {
    const db = a.app.kindred.database.db;
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
    const xScreenings = () => db.selectFrom('screenings').select(['id', 'object_type', 'level']).where('user_id', '=', member.id).execute();
    const xAlerts = () => db.selectFrom('safety_alerts').select(['id', 'screening_id', 'level', 'status']).where('user_id', '=', member.id).execute();
    const screeningsBefore = await xScreenings();
    const alertsBefore = await xAlerts();
    const before = await settledCounts();
    const res = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', () =>
      member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'I want to kill myself.' }),
    );
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { error: { code: string; message: string; safety?: { showCrisisResponse: boolean; firstStep: string; held: boolean; resources: unknown[] } } };
    expect(body.error).toMatchObject({ code: 'gone_meanwhile', message: GONE_MEANWHILE });
    // The person is still here: the crisis lines, and (the alert below being raised) the check-in promised as after any post.
    expect(body.error.safety).toMatchObject({ showCrisisResponse: true, held: false, resources: expect.arrayContaining([expect.anything()]) });
    expect(body.error.safety!.firstStep).toMatch(/A supporter here will also check in with you soon/);
    const after = await settledCounts();
    expect(await db.selectFrom('mentoring_reports').select('id').where('reporter_id', '=', member.id).execute()).toEqual([]);
    // Nothing of the write: no table gained a row but x's one screening and its alert (the supporter's
    // delete, committed on PostgreSQL, took rows of theirs away).
    for (const [table, n] of Object.entries(after)) {
      if (table === 'screenings' || table === 'safety_alerts') expect(n, table).toBeLessThanOrEqual(before[table]! + 1);
      else expect(n, table).toBeLessThanOrEqual(before[table]!);
    }
    if (database.name === 'sqlite') expect(after).toEqual({ ...before, screenings: before.screenings! + 1, safety_alerts: before.safety_alerts! + 1 });
    const screenings = await xScreenings();
    expect(screenings.length).toBe(screeningsBefore.length + 1);
    const unsaved = screenings.find((s) => !screeningsBefore.some((b) => b.id === s.id))!;
    expect(unsaved).toMatchObject({ object_type: 'unsaved_write', level: 3 });
    const alerts = await xAlerts();
    expect(alerts.length).toBe(alertsBefore.length + 1);
    expect(alerts.find((al) => al.screening_id === unsaved.id)).toMatchObject({ level: 3, status: 'open' });
    // The log names the key and route at warn (a programming bug would show there), never the words.
    const logged = logs.lines.filter((l) => l.includes('deleted meanwhile (answered 409')).map((l) => JSON.parse(l) as { level: number; foreignKey: { route: string; constraint?: string; table?: string } });
    expect(logged.at(-1)).toMatchObject({ level: 40, foreignKey: { route: '/api/mentoring/mentorships/:id/reports' } });
    if (database.name === 'postgres') expect(logged.at(-1)!.foreignKey).toMatchObject({ table: 'mentoring_reports', constraint: expect.stringContaining('reported_id') });
    expect(logs.text).not.toContain('kill myself');
    // The supervisors' queue shows it, through the real route.
    const queue = await ok<{ alerts: { id: string; objectType: string }[] }>(await supervisor.client.get('/api/safety/alerts?status=open&limit=100'));
    expect(queue.alerts.find((al) => al.objectType === 'unsaved_write' && alerts.some((mine) => mine.id === al.id))).toBeTruthy();
  });

  /**
   * A retry of crisis words refused meanwhile (ADR 061, amendment "a retry alerts once"): the person
   * presses Post again with the same words and the same clientId (the form keeps its draft and key).
   */
  function mentoringReportSender(member: BuiltUser, mentorshipId: string, note: string) {
    const clientId = randomUUID();
    return () => member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note, clientId });
  }
  async function alertsAbout(userId: string) {
    await a.app.kindred.dispatcher.idle();
    return a.app.kindred.database.db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .select(['safety_alerts.id', 'safety_alerts.status', 'screenings.object_type', 'screenings.object_id'])
      .where('safety_alerts.user_id', '=', userId)
      .orderBy('safety_alerts.id')
      .execute();
  }
  const unsavedScreenings = (userId: string) =>
    a.app.kindred.database.db.selectFrom('screenings').select('id').where('user_id', '=', userId).where('object_type', '=', 'unsaved_write').execute();

  it('crisis words refused meanwhile and sent again (same clientId), refused again: the first alert stands, no second one', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const send = mentoringReportSender(member, mentorshipId, 'I want to kill myself.');
    const first = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', send);
    expect(first.statusCode, first.body).toBe(409);
    const raised = await alertsAbout(member.id);
    expect(raised).toEqual([expect.objectContaining({ status: 'open', object_type: 'unsaved_write' })]);
    const before = await settledCounts();
    // Pressed again: this time the mentorship is deleted meanwhile (its supporter's account is gone on
    // PostgreSQL; on SQLite the first delete was rolled back with the write).
    const again = await refusedMeanwhile('mentorships', mentorshipId, 'mentoring_reports', 'mentorship_id', send);
    expect(again.statusCode, again.body).toBe(409);
    const body = again.json() as { error: { code: string; safety?: { showCrisisResponse: boolean; firstStep: string } } };
    expect(body.error.code).toBe('gone_meanwhile');
    // The notice is the same: the supporter promised is the first alert's.
    expect(body.error.safety).toMatchObject({ showCrisisResponse: true });
    expect(body.error.safety!.firstStep).toMatch(/A supporter here will also check in with you soon/);
    expect(await alertsAbout(member.id)).toEqual(raised);
    expect(await unsavedScreenings(member.id)).toHaveLength(1);
    const after = await settledCounts();
    for (const [table, n] of Object.entries(after)) expect(n, table).toBeLessThanOrEqual(before[table]!);
  });

  it('crisis words refused meanwhile, their alert resolved, then refused again: a new alert', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
    const send = mentoringReportSender(member, mentorshipId, 'I want to kill myself.');
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', send)).statusCode).toBe(409);
    const [first] = await alertsAbout(member.id);
    await ok(await supervisor.client.post(`/api/safety/alerts/${first!.id}/acknowledge`, {}));
    await ok(await supervisor.client.post(`/api/safety/alerts/${first!.id}/resolve`, { outcome: 'member_safe_and_supported' }));
    const again = await refusedMeanwhile('mentorships', mentorshipId, 'mentoring_reports', 'mentorship_id', send);
    expect(again.statusCode, again.body).toBe(409);
    expect((again.json() as { error: { safety?: { firstStep: string } } }).error.safety!.firstStep).toMatch(/A supporter here will also check in with you soon/);
    const alerts = await alertsAbout(member.id);
    expect(alerts.map((al) => [al.status, al.object_type])).toEqual([
      ['resolved', 'unsaved_write'],
      ['open', 'unsaved_write'],
    ]);
  });

  it('crisis words refused meanwhile and sent again, stored this time: one alert, now naming the stored words', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
    const send = mentoringReportSender(member, mentorshipId, 'I want to kill myself.');
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', send)).statusCode).toBe(409);
    const raised = await alertsAbout(member.id);
    expect(raised).toEqual([expect.objectContaining({ status: 'open', object_type: 'unsaved_write' })]);
    // Pressed again: nothing deleted meanwhile this time (PostgreSQL: the supporter's account is gone
    // and the mentorship stays; SQLite: the first delete was rolled back). The report is stored.
    const stored = await ok<{ id: string; notice: { firstStep: string } | null }>(await send(), 201);
    expect(stored.notice?.firstStep).toMatch(/A supporter here will also check in with you soon/);
    const alerts = await alertsAbout(member.id);
    expect(alerts).toEqual([{ id: raised[0]!.id, status: 'open', object_type: 'mentoring_report_note', object_id: stored.id }]);
    // The supervisors' queue shows it where the words now are.
    const queue = await ok<{ alerts: { id: string; objectType: string }[] }>(await supervisor.client.get('/api/safety/alerts?status=open&limit=100'));
    expect(queue.alerts.find((al) => al.id === raised[0]!.id)).toMatchObject({ objectType: 'mentoring_report_note' });
  });

  /** A report sent without a clientId (an API client, or a form without one). */
  function mentoringReportWithoutKey(member: BuiltUser, mentorshipId: string, note: string) {
    return () => member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note });
  }

  it('crisis words refused meanwhile, their alert acknowledged, then different crisis words stored (no clientId, same verdict columns): a new open alert, the acknowledged one left as it was', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', mentoringReportWithoutKey(member, mentorshipId, 'I want to kill myself.'))).statusCode).toBe(409);
    const [first] = await alertsAbout(member.id);
    await ok(await supervisor.client.post(`/api/safety/alerts/${first!.id}/acknowledge`, {}));
    // Later, other words (their verdict's codes and spans are the same): stored this time.
    const stored = await ok<{ id: string }>(await mentoringReportWithoutKey(member, mentorshipId, 'I want to kill myself. He keeps messaging me at night.')(), 201);
    expect(await alertsAbout(member.id)).toEqual([
      { id: first!.id, status: 'acknowledged', object_type: 'unsaved_write', object_id: first!.object_id },
      expect.objectContaining({ status: 'open', object_type: 'mentoring_report_note', object_id: stored.id }),
    ]);
  });

  it('crisis words refused meanwhile (clientId A), then different crisis words stored with another clientId: the first alert stays on the refused words, the new words alert on their own', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', mentoringReportSender(member, mentorshipId, 'I want to kill myself.'))).statusCode).toBe(409);
    const [first] = await alertsAbout(member.id);
    expect(first).toMatchObject({ status: 'open', object_type: 'unsaved_write' });
    const stored = await ok<{ id: string }>(await mentoringReportSender(member, mentorshipId, 'I want to kill myself. He keeps messaging me at night.')(), 201);
    expect(await alertsAbout(member.id)).toEqual([first, expect.objectContaining({ status: 'open', object_type: 'mentoring_report_note', object_id: stored.id })]);
  });

  it.runIf(database.name === 'postgres')('two crisis writes stored at once, both finding the open alert of the same words refused: one takes it over, the other raises its own (every stored crisis screening has an alert)', async () => {
    const db = a.app.kindred.database.db;
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', mentoringReportWithoutKey(member, mentorshipId, 'I want to kill myself.'))).statusCode).toBe(409);
    const [first] = await alertsAbout(member.id);
    const { threadId } = await someonesThread();
    // A reply and a report (no row lock in common): both read the open alert, then queue behind
    // another connection's lock on it before moving it.
    const [r1, r2] = await queuedBehindRowLock(
      db,
      'safety_alerts',
      first!.id,
      () => member.client.post(`/api/threads/${threadId}/posts`, { body: 'I want to kill myself.' }),
      mentoringReportWithoutKey(member, mentorshipId, 'I want to kill myself.'),
    );
    const ids = [(await ok<{ post: { id: string } }>(r1, 201)).post.id, (await ok<{ id: string }>(r2, 201)).id];
    const alerts = await alertsAbout(member.id);
    expect(alerts).toHaveLength(2);
    expect(alerts.map((al) => al.object_id).sort()).toEqual([...ids].sort());
    expect(alerts.map((al) => al.object_type).sort()).toEqual(['mentoring_report_note', 'post']);
  });

  it('a calm report in a mentorship whose supporter\'s account goes meanwhile: 409, no notice, no alert', async () => {
    const db = a.app.kindred.database.db;
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const before = await settledCounts();
    const res = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', () =>
      member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'They stopped answering my messages.' }),
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'gone_meanwhile', message: GONE_MEANWHILE } });
    const after = await settledCounts();
    for (const [table, n] of Object.entries(after)) expect(n, table).toBeLessThanOrEqual(before[table]!);
    if (database.name === 'sqlite') expect(after).toEqual(before);
    expect(await db.selectFrom('users').select('id').where('id', '=', member.id).execute()).toEqual([{ id: member.id }]);
  });

  /** Every alert and screening there is, by id (what a refused write that screened nothing must leave as it was). */
  async function alertsAndScreenings() {
    const db = a.app.kindred.database.db;
    await a.app.kindred.dispatcher.idle();
    return {
      alerts: (await db.selectFrom('safety_alerts').select('id').orderBy('id').execute()).map((r) => r.id),
      screenings: (await db.selectFrom('screenings').select('id').orderBy('id').execute()).map((r) => r.id),
    };
  }

  it('a supervisor\'s note, quoting a member\'s crisis words, on an alert deleted meanwhile: 409, no notice, no alert naming the supervisor (the route screens no words)', async () => {
    const db = a.app.kindred.database.db;
    const { threadId } = await someonesThread();
    const member = await buildUser(a.app, { region: 'GB' });
    await ok(await member.client.post(`/api/threads/${threadId}/posts`, { body: 'I want to kill myself.' }), 201);
    const alert = await db.selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).executeTakeFirstOrThrow();
    const supervisor = await buildUser(a.app, { roles: ['supervisor'] });
    const before = await alertsAndScreenings();
    const res = await refusedMeanwhile('safety_alerts', alert.id, 'safety_alert_notes', 'alert_id', () =>
      supervisor.client.post(`/api/safety/alerts/${alert.id}/notes`, { body: 'They wrote "I am going to kill myself tonight, I have the pills ready". Called, no answer.' }),
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'gone_meanwhile', message: GONE_MEANWHILE } });
    const after = await alertsAndScreenings();
    // No screening or alert gained (PostgreSQL: the alert's delete committed, one fewer).
    for (const id of after.alerts) expect(before.alerts).toContain(id);
    for (const id of after.screenings) expect(before.screenings).toContain(id);
    expect(await db.selectFrom('safety_alerts').select('id').where('user_id', '=', supervisor.id).execute()).toEqual([]);
    expect(logs.text).not.toContain('pills ready');
  });

  it('a report whose note quotes someone else\'s crisis, on a post deleted meanwhile: 409 answered as the route\'s own screen answers a stored note (its notice, its alerts), no more', async () => {
    const db = a.app.kindred.database.db;
    const { threadId } = await someonesThread();
    const other = await buildUser(a.app);
    const replyOf = async () => (await ok<{ post: { id: string } }>(await other.client.post(`/api/threads/${threadId}/posts`, { body: 'A reply someone reports.' }), 201)).post.id;
    const note = 'He says he is going to kill himself tonight with the gun in his house.';
    const reporterAlerts = (id: string) => db.selectFrom('safety_alerts').select('id').where('user_id', '=', id).execute();
    // The route's own path, a note stored (report notes are screened since `report-notes-screened`).
    const stored = await buildUser(a.app, { region: 'GB' });
    const storedAnswer = await ok<{ notice: { level: number; headline: string; firstStep: string; showCrisisResponse: boolean } | null }>(await stored.client.post(`/api/posts/${await replyOf()}/reports`, { reason: 'other', note }), 201);
    const storedAlerts = (await reporterAlerts(stored.id)).length;
    const postId = await replyOf();
    const reporter = await buildUser(a.app, { region: 'GB' });
    const before = await alertsAndScreenings();
    const res = await refusedMeanwhile('posts', postId, 'post_reports', 'post_id', () => reporter.client.post(`/api/posts/${postId}/reports`, { reason: 'other', note }));
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { error: { code: string; safety?: { level: number; headline: string; firstStep: string } } };
    expect(body.error.code).toBe('gone_meanwhile');
    const own = storedAnswer.notice;
    expect(own?.showCrisisResponse).toBe(true);
    if (own?.showCrisisResponse) expect(body.error.safety).toMatchObject({ level: own.level, headline: own.headline, firstStep: own.firstStep });
    else expect(body.error.safety).toBeUndefined();
    const after = await alertsAndScreenings();
    // As many alerts naming the reporter as the route's own path raised (one per screening it kept), each on an `unsaved_write` screening.
    expect((await reporterAlerts(reporter.id)).length).toBe(storedAlerts);
    const newScreenings = after.screenings.filter((id) => !before.screenings.includes(id));
    expect(newScreenings.length).toBe(storedAlerts);
    if (newScreenings.length > 0) expect(await db.selectFrom('screenings').select('object_type').where('id', 'in', newScreenings).execute()).toEqual(newScreenings.map(() => ({ object_type: 'unsaved_write' })));
  });

  it.runIf(database.name === 'sqlite')('SQLite: the alert for a refused crisis note cannot be written: 409, the crisis lines, no check-in promised, the failure logged by kind without the words', async () => {
    const db = a.app.kindred.database.db;
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const alertsBefore = await db.selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).execute();
    // The alert raised on its own (on an `unsaved_write` screening) is refused; the route's own screen is not.
    await sql`create trigger no_unsaved_alerts before insert on safety_alerts for each row when (select object_type from screenings where id = new.screening_id) = 'unsaved_write' begin select raise(abort, 'alerts refused'); end`.execute(db);
    try {
      const res = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', () =>
        member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'I want to kill myself.' }),
      );
      expect(res.statusCode, res.body).toBe(409);
      const body = res.json() as { error: { code: string; safety?: { showCrisisResponse: boolean; firstStep: string } } };
      expect(body.error.code).toBe('gone_meanwhile');
      expect(body.error.safety).toMatchObject({ showCrisisResponse: true });
      expect(body.error.safety!.firstStep).not.toMatch(/check in/);
    } finally {
      await sql`drop trigger no_unsaved_alerts`.execute(db);
    }
    expect(await db.selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).execute()).toEqual(alertsBefore);
    const failed = logs.lines.filter((l) => l.includes('could not be raised')).map((l) => JSON.parse(l) as { level: number; reqId?: string });
    expect(failed.at(-1)).toMatchObject({ level: 50, reqId: expect.any(String) });
    expect(logs.text).not.toContain('kill myself');
  });

  it('answering the refused write fails itself (the crisis lines cannot be read): still 409, without a notice; the database unavailable: 503', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const safety = a.app.kindred.safety;
    const answer = safety.answerRefusedWrite.bind(safety);
    // An injected fault in the one step after the write failed (nothing else of the app replaced).
    safety.answerRefusedWrite = async () => {
      throw new Error('crisis lines unreadable');
    };
    try {
      const res = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', () =>
        member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'I want to kill myself.' }),
      );
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toEqual({ error: { code: 'gone_meanwhile', message: GONE_MEANWHILE } });
      const pair = await matchedPair(a.app);
      safety.answerRefusedWrite = async () => {
        throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
      };
      const busy = await refusedMeanwhile('users', pair.supporter.id, 'mentoring_reports', 'reported_id', () =>
        pair.member.client.post(`/api/mentoring/mentorships/${pair.mentorshipId}/reports`, { reason: 'other', note: 'They stopped answering.' }),
      );
      expect(busy.statusCode, busy.body).toBe(503);
      expect(busy.json()).toMatchObject({ error: { code: 'unavailable' } });
      expect(busy.headers['retry-after']).toBe('2');
    } finally {
      safety.answerRefusedWrite = answer;
    }
    expect(logs.text).not.toContain('kill myself');
  });

  it('/metrics counts the 409s gone_meanwhile by route', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const metric = async () => {
      const text = (await a.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
      const line = text.split('\n').find((l) => l.startsWith('kindred_http_gone_meanwhile_total{method="POST",route="/api/mentoring/mentorships/:id/reports"}'));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await metric();
    const res = await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', () =>
      member.client.post(`/api/mentoring/mentorships/${mentorshipId}/reports`, { reason: 'other', note: 'They stopped answering my messages.' }),
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(await metric()).toBe(before + 1);
  });

  /** `x` on instance A with a second device (the phone) and an idle third (the tablet, whose session row a test holds). */
  async function withDevices(): Promise<{ x: BuiltUser; phone: TestClient; tabletSession: string }> {
    const x = await buildUser(a.app, { region: 'GB' });
    const device = async (ip: string) => {
      const c = new TestClient(a.app, ip);
      await ok(await c.post('/api/auth/sign-in', { handle: x.handle, password: x.password }));
      await c.csrfToken();
      return c;
    };
    const [phone, tablet] = await Promise.all([device(`10.7.${randomBytes(1)[0]}.1`), device(`10.7.${randomBytes(1)[0]}.2`)]);
    const tabletSession = (await a.app.kindred.accounts.resolveSession(tablet.sessionToken()!))!.sessionId;
    return { x, phone, tabletSession };
  }

  it.runIf(database.name === 'postgres')('PostgreSQL: a reply or a journal entry sent while the erasure holds the account waits for it, then answers 401, nothing stored', async () => {
    const db = a.app.kindred.database.db;
    const { threadId } = await someonesThread();
    const writes = [
      (phone: TestClient) => phone.post(`/api/threads/${threadId}/posts`, { body: 'A reply sent from my phone while my account was going.' }),
      (phone: TestClient) => phone.post('/api/me/journal', { title: 'Leaving', body: 'Written on my phone while my account was going.' }),
    ];
    for (const write of writes) {
      const { x, phone, tabletSession } = await withDevices();
      const erase = () => x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' });
      await a.app.kindred.dispatcher.idle();
      const before = await counts();
      // The erasure locks x's row, then waits at the tablet's session (held here); the phone's write,
      // started then, waits for x's row; the hold ends, the erasure commits, the write finds x gone.
      const [erased, written] = await queuedBehindRowLock(db, 'sessions', tabletSession, erase, () => write(phone));
      expect(erased.statusCode, erased.body).toBe(200);
      expect(written.statusCode, written.body).toBe(401);
      expect(written.json()).toMatchObject({ error: { code: 'account_gone', message: ACCOUNT_GONE } });
      const after = await counts();
      // The erasure took x's own rows (user, sessions, roles…); nothing the write tried is there.
      for (const table of ['posts', 'threads', 'journal_entries', 'screenings', 'safety_alerts']) expect(after[table], table).toBeLessThanOrEqual(before[table]!);
    }
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a facilitator\'s meeting note stored while the erasure ran (after groups were erased) undoes the erasure (409); asked again, it goes too', async () => {
    const db = a.app.kindred.database.db;
    const admin = await ensureAdmin(a.app);
    const x = await buildUser(a.app, { region: 'GB', roles: ['facilitator'] });
    const org = await ok<{ id: string }>(await admin.client.post('/api/admin/organizations', { name: 'Harbour Peer Support', description: 'A peer-run charity.' }), 201);
    const program = await ok<{ id: string }>(await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening groups', description: 'Small groups.', joinPolicy: 'open' }), 201);
    const group = await ok<{ id: string }>(
      await admin.client.post(`/api/programs/${program.id}/groups`, { name: 'Tuesday circle', description: 'A small group for carers.', timeZone: 'Europe/London', agreement: AGREEMENT, facilitatorIds: [x.id] }),
      201,
    );
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const meeting = await ok<{ id: string }>(await x.client.post(`/api/groups/${group.id}/meetings`, { title: 'Tuesday meeting', mode: 'in_person', place: 'Hall', startLocal: `${day}T18:00` }), 201);
    const occurrence = `${day}T18:00:00.000Z`;
    await ok(await x.client.post('/api/me/journal', { title: 'Before', body: 'An entry from before.' }), 201);
    const screening = (await db.selectFrom('screenings').select('id').where('user_id', '=', x.id).executeTakeFirstOrThrow()).id;
    const phone = new TestClient(a.app, `10.5.${randomBytes(1)[0]}.1`);
    await ok(await phone.post('/api/auth/sign-in', { handle: x.handle, password: x.password }));
    await phone.csrfToken();
    const erase = () => x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' });
    const notes = () => db.selectFrom('meeting_notes').select('author_id').where('meeting_id', '=', meeting.id).execute();
    // The erasure has erased groups (x's notes among them) and waits at x's screening (held here);
    // meanwhile the phone stores a note. Before, the erasure went on and the note stayed, anonymous.
    const answer = await queuedBehindRowWrite(db, 'screenings', screening, erase, async () => {
      await ok(await phone.put(`/api/groups/${group.id}/meetings/${meeting.id}/note`, { occurrence, body: 'Written on my phone while my account was going.' }));
    });
    expect(answer.statusCode, answer.body).toBe(409);
    expect(await notes()).toEqual([{ author_id: x.id }]);
    await ok(await erase());
    expect(await notes()).toEqual([]);
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a strategy or reply stored while the erasure ran (after its module was erased) undoes the erasure (409) instead of staying behind anonymous; asked again, it goes too', async () => {
    const db = a.app.kindred.database.db;
    const { threadId } = await someonesThread();
    const x = await buildUser(a.app, { region: 'GB' });
    // x follows the thread already (a follower's reply takes no lock of their row) and has words screened.
    await ok(await x.client.put(`/api/threads/${threadId}/follow`, { following: true }));
    await ok(await x.client.post('/api/me/journal', { title: 'Before', body: 'An entry from before.' }), 201);
    const screening = (await db.selectFrom('screenings').select('id').where('user_id', '=', x.id).executeTakeFirstOrThrow()).id;
    const phone = new TestClient(a.app, `10.6.${randomBytes(1)[0]}.1`);
    await ok(await phone.post('/api/auth/sign-in', { handle: x.handle, password: x.password }));
    await phone.csrfToken();
    const erase = () => x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' });
    let strategyId = '';
    let replyId = '';
    // The erasure has erased the library and the community, and waits at x's screening (held here);
    // meanwhile the phone's strategy and reply are stored. Before, the erasure went on: the account's
    // delete took only the strategy's author off (it stayed, anonymous, though x asked for deletion:
    // 200), and with the reply it ran into the dispatch of the reply's events (a deadlock, 503).
    const answer = await queuedBehindRowWrite(db, 'screenings', screening, erase, async () => {
      strategyId = (await ok<{ strategy: { id: string } }>(
        await phone.post('/api/library/strategies', { title: 'Cold water on the wrists', steps: ['Run the tap cold.', 'Hold my wrists under it.'], whenItHelps: 'When panic rises.', conditions: ['anxiety'], situations: ['lonely_evening'] }),
        201,
      )).strategy.id;
      replyId = (await ok<{ post: { id: string } }>(await phone.post(`/api/threads/${threadId}/posts`, { body: 'A reply sent from my phone while my account was going.' }), 201)).post.id;
    });
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('please try again') } });
    // Nothing was erased: the account and both, still theirs.
    expect(await db.selectFrom('users').select('id').where('id', '=', x.id).execute()).toEqual([{ id: x.id }]);
    expect(await db.selectFrom('coping_strategies').select('author_id').where('id', '=', strategyId).execute()).toEqual([{ author_id: x.id }]);
    expect(await db.selectFrom('posts').select('author_id').where('id', '=', replyId).execute()).toEqual([{ author_id: x.id }]);
    // Asked again, the erasure takes them too.
    await ok(await erase());
    expect(await db.selectFrom('coping_strategies').select('id').where('id', '=', strategyId).execute()).toEqual([]);
    expect(await db.selectFrom('posts').select('id').where('id', '=', replyId).execute()).toEqual([]);
  });

  // Last: it moves A's clock on.
  it('crisis words refused meanwhile, sent again (same clientId) more than UNSAVED_RETRY_WINDOW_MINUTES later and stored: a second alert, the first left on the refused words', async () => {
    const { supporter, member, mentorshipId } = await matchedPair(a.app);
    const send = mentoringReportSender(member, mentorshipId, 'I want to kill myself.');
    expect((await refusedMeanwhile('users', supporter.id, 'mentoring_reports', 'reported_id', send)).statusCode).toBe(409);
    const [first] = await alertsAbout(member.id);
    a.clock.advance((UNSAVED_RETRY_WINDOW_MINUTES + 1) * 60_000);
    const stored = await ok<{ id: string }>(await send(), 201);
    expect((await alertsAbout(member.id)).map((al) => [al.id === first!.id, al.object_type, al.object_id])).toEqual([
      [true, 'unsaved_write', first!.object_id],
      [false, 'mentoring_report_note', stored.id],
    ]);
  });
});
