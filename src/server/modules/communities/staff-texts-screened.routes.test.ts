import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { CRISIS_TEXT } from '../../../../test/outbox.js';
import type { KindredApp } from '../../app.js';

// Staff text about someone else is screened before it is stored or sent (ADR 064): a moderator's note
// (hide, edit, warn, a report's resolution), a suspension's reason, a reveal's reason, and an admin's
// space and program names, descriptions and house rules. Words the screen would hold (method detail,
// harassment) are refused with 422 naming the field and what to take out, and nothing is stored; no
// alert is raised; the writer's own crisis gets the crisis response in the answer.

const METHOD = 'Hidden: the reply gives a lethal dose.';
const HARASSMENT = 'Go kill yourself';
const CALM = 'Please keep details of methods out of your posts, and be kind to each other.';
/** About the member, at a level that alerts when it is someone's own: no alert for a staff note. */
const ABOUT_MEMBER = 'The author may be at risk: they wrote they want to kill themselves tonight.';
/** Level 5, about someone else: never refused for the level alone (ADR 064). */
const REVEAL_AT_RISK = 'Revealing because the post says they plan to end their life tonight.';
const NOTE_AT_RISK = 'Hidden: the author says they will end their life tonight; we are reaching out.';

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newPost(app: KindredApp, author: BuiltUser, anonymous = false): Promise<string> {
  const res = await author.client.post(`/api/spaces/${await spaceId(app, 'anxiety')}/threads`, { kind: 'story', title: 'A small win this week', body: 'I went for a walk every morning and it helped.', anonymous });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return (res.json() as { post: { id: string } }).post.id;
}

async function newReport(app: KindredApp, postId: string): Promise<string> {
  const res = await (await buildUser(app)).client.post(`/api/posts/${postId}/reports`, { reason: 'spam' });
  if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

describe.each(testDatabases)('staff texts about someone else are screened on $name', (database) => {
  const t = useTestApp(database);
  const db = () => t.app.kindred.database.db;
  const screenings = (objectType: string, objectId: string) => db().selectFrom('screenings').select(['user_id', 'level', 'subject']).where('object_type', '=', objectType).where('object_id', '=', objectId).execute();
  const alertsOf = (userId: string) => db().selectFrom('safety_alerts').select('id').where('user_id', '=', userId).execute();
  const heldCount = async () => (await db().selectFrom('held_content').select('id').execute()).length;
  const postOf = (id: string) => db().selectFrom('posts').select(['state', 'body_source']).where('id', '=', id).executeTakeFirstOrThrow();
  async function notesTo(userId: string): Promise<string[]> {
    await t.app.kindred.dispatcher.idle();
    return (await db().selectFrom('notifications').select('data').where('user_id', '=', userId).execute()).map((n) => n.data);
  }
  function refused(res: { statusCode: number; body: string; json(): unknown }, field: string, words: string) {
    expect(res.statusCode, res.body).toBe(422);
    const error = (res.json() as { error: { code: string; field: string; message: string; flagged: { field: string; words: string }[] } }).error;
    expect(error).toMatchObject({ code: 'held_by_safety', field });
    expect(error.message).toContain(`take out “${words}”`);
    expect(error.flagged).toContainEqual(expect.objectContaining({ field, words }));
  }

  it('hide, edit and warn: a held note is refused 422 and nothing is done; a calm note passes with its screening; no alert', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author);
    const before = await heldCount();

    refused(await supervisor.client.post(`/api/moderation/posts/${post}/hide`, { note: METHOD }), 'note', 'lethal dose');
    refused(await supervisor.client.post(`/api/moderation/posts/${post}/warn`, { note: HARASSMENT }), 'note', 'Go kill yourself');
    refused(await supervisor.client.post(`/api/moderation/posts/${post}/edit`, { body: 'I went for a walk every morning.', note: METHOD }), 'note', 'lethal dose');
    // Nothing stored: the post as it was, no history, no notification, no screening, nothing held.
    expect(await postOf(post)).toEqual({ state: 'visible', body_source: 'I went for a walk every morning and it helped.' });
    expect(await db().selectFrom('post_edits').select('id').where('post_id', '=', post).execute()).toEqual([]);
    expect(await notesTo(author.id)).toEqual([]);
    expect(await screenings('moderator_note', post)).toEqual([]);
    expect(await heldCount()).toBe(before);

    const warned = await supervisor.client.post(`/api/moderation/posts/${post}/warn`, { note: CALM });
    expect(warned.statusCode, warned.body).toBe(200);
    expect(warned.json()).toEqual({ ok: true, notice: null });
    const hidden = await supervisor.client.post(`/api/moderation/posts/${post}/hide`, { note: ABOUT_MEMBER });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toEqual({ ok: true, notice: null });
    expect(await postOf(post)).toMatchObject({ state: 'hidden' });
    expect(await notesTo(author.id)).toEqual(expect.arrayContaining([expect.stringContaining(CALM), expect.stringContaining(ABOUT_MEMBER)]));
    const rows = await screenings('moderator_note', post);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.user_id === supervisor.id)).toBe(true);
    expect(rows.map((r) => r.level).sort()).toEqual([0, 4]);
    // A note about the member at an alerting level raises no alert, against the writer or the author.
    expect(await alertsOf(supervisor.id)).toEqual([]);
    expect(await alertsOf(author.id)).toEqual([]);
    expect(await heldCount()).toBe(before);
  });

  it('a note that reads as the writer’s own crisis is stored and answers the crisis response, without an alert', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const post = await newPost(t.app, await buildUser(t.app));
    const res = await supervisor.client.post(`/api/moderation/posts/${post}/edit`, { body: 'I went for a walk every morning.', note: CRISIS_TEXT });
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json().notice as { level: number; showCrisisResponse: boolean; firstStep: string };
    expect(notice).toMatchObject({ showCrisisResponse: true });
    expect(notice.level).toBeGreaterThanOrEqual(2);
    // No supporter is alerted, so none is promised.
    expect(notice.firstStep).not.toMatch(/check in with you/);
    expect(await screenings('moderator_note', post)).toEqual([expect.objectContaining({ user_id: supervisor.id, subject: 'self' })]);
    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(supervisor.id)).toEqual([]);
  });

  it('a note or reason about a member at imminent risk is saved, not refused (reveal, hide, warn); no alert', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author, true);
    // Level 5 about someone else: the main reason to reveal an anonymous author.
    const revealed = await supervisor.client.post(`/api/moderation/posts/${post}/reveal-author`, { reason: REVEAL_AT_RISK });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toMatchObject({ postId: post, user: { id: author.id }, notice: null });
    expect(await screenings('reveal_author_reason', post)).toEqual([expect.objectContaining({ user_id: supervisor.id, level: 5, subject: 'other' })]);
    const warned = await supervisor.client.post(`/api/moderation/posts/${post}/warn`, { note: NOTE_AT_RISK });
    expect(warned.statusCode, warned.body).toBe(200);
    const hidden = await supervisor.client.post(`/api/moderation/posts/${post}/hide`, { note: NOTE_AT_RISK });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toEqual({ ok: true, notice: null });
    expect(await postOf(post)).toMatchObject({ state: 'hidden' });
    expect(await notesTo(author.id)).toEqual(expect.arrayContaining([expect.stringContaining(NOTE_AT_RISK)]));
    expect((await screenings('moderator_note', post)).map((r) => r.level)).toEqual([5, 5]);
    expect(await alertsOf(supervisor.id)).toEqual([]);
  });

  it('the crisis notice only when the moderator speaks of themselves: a note naming a topic gets none, one in the first person gets it', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const post = await newPost(t.app, await buildUser(t.app));
    const topic = await supervisor.client.post(`/api/moderation/posts/${post}/warn`, { note: 'Please use the self-harm content warning when you talk about cutting.' });
    expect(topic.statusCode, topic.body).toBe(200);
    expect(topic.json()).toEqual({ ok: true, notice: null });
    const own = await supervisor.client.post(`/api/moderation/posts/${post}/warn`, { note: 'honestly I can’t do this anymore, I want to die' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().notice).toMatchObject({ showCrisisResponse: true, level: 3 });
    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(supervisor.id)).toEqual([]);
  });

  it('a refused note in the moderator’s own crisis carries their crisis response as `safety` in the 422; a quoted method carries none', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const post = await newPost(t.app, await buildUser(t.app));
    const own = await supervisor.client.post(`/api/moderation/posts/${post}/hide`, { note: 'I am going to take a lethal dose of my pills tonight.' });
    refused(own, 'note', 'lethal dose');
    expect(own.json().error).toMatchObject({ reason: 'method_detail', safety: { showCrisisResponse: true, level: 5 } });
    expect(own.json().error.message).toContain('(method detail)');
    expect(own.json().error.message).toContain('without naming the method, the substance or the dose');
    const quoted = await supervisor.client.post(`/api/moderation/posts/${post}/hide`, { note: METHOD });
    refused(quoted, 'note', 'lethal dose');
    expect(quoted.json().error.safety).toBeUndefined();
    expect(await postOf(post)).toMatchObject({ state: 'visible' });
  });

  it('a moderator’s edit of a post’s words (direct or from a report) raises no alert against the moderator; held words still wait in the review queue as the author’s', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author);
    const edited = await supervisor.client.post(`/api/moderation/posts/${post}/edit`, { body: 'I want to kill myself tonight. Edited to remove a link.', note: CALM });
    expect(edited.statusCode, edited.body).toBe(200);
    const report = await newReport(t.app, post);
    const viaReport = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'edit', note: CALM, body: 'I have saved up 40 pills and I am going to take them all tonight.' });
    expect(viaReport.statusCode, viaReport.body).toBe(200);
    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(supervisor.id)).toEqual([]);
    // The method detail still holds the post, as the author's words (ADR 052, 055).
    expect(await postOf(post)).toMatchObject({ state: 'pending' });
    const held = await db().selectFrom('held_content').select(['user_id', 'status']).where('object_type', '=', 'post').where('object_id', '=', post).execute();
    expect(held).toContainEqual(expect.objectContaining({ user_id: author.id, status: 'pending' }));
  });

  it('a dismissal’s note is ignored: neither screened nor stored, the report resolves', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const post = await newPost(t.app, await buildUser(t.app));
    const report = await newReport(t.app, post);
    const res = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'dismiss', note: METHOD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ notice: null });
    expect(await screenings('moderator_note', post)).toEqual([]);
    expect(await db().selectFrom('post_reports').select('status').where('id', '=', report).executeTakeFirstOrThrow()).toEqual({ status: 'resolved' });
  });

  it('a resolution that fails after its note was screened leaves no screening row', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author);
    const report = await newReport(t.app, post);
    expect((await author.client.delete(`/api/posts/${post}`)).statusCode).toBe(200);
    // The note is screened first, then the edit finds the post deleted: 409, the whole unit rolled back.
    const res = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'edit', note: CALM, body: 'Edited.' });
    expect(res.statusCode, res.body).toBe(409);
    expect(await screenings('moderator_note', post)).toEqual([]);
  });

  it('resolving a report: each action’s held note is refused and the report stays open; a calm one resolves', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author);
    const report = await newReport(t.app, post);
    const attempts = [
      { action: 'hide', note: METHOD },
      { action: 'edit', note: METHOD, body: 'Edited by a moderator.' },
      { action: 'warn', note: HARASSMENT },
      { action: 'suspend', note: METHOD, days: 3 },
    ];
    for (const input of attempts) {
      const res = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, input);
      refused(res, 'note', input.note === METHOD ? 'lethal dose' : 'Go kill yourself');
    }
    expect(await db().selectFrom('post_reports').select('status').where('id', '=', report).executeTakeFirstOrThrow()).toEqual({ status: 'open' });
    expect(await postOf(post)).toEqual({ state: 'visible', body_source: 'I went for a walk every morning and it helped.' });
    expect(await db().selectFrom('community_suspensions').select('id').where('user_id', '=', author.id).execute()).toEqual([]);
    expect(await notesTo(author.id)).toEqual([]);
    expect(await screenings('moderator_note', post)).toEqual([]);

    const ok = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'warn', note: CALM });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: expect.any(String), notice: null });
    expect(await screenings('moderator_note', post)).toEqual([expect.objectContaining({ user_id: supervisor.id, level: 0 })]);
  });

  it('a suspension’s reason (direct, and from a report) is screened: held words refused with no suspension; a calm one stored with its screening', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const member = await buildUser(t.app);
    const suspensions = () => db().selectFrom('community_suspensions').select(['id', 'reason']).where('user_id', '=', member.id).execute();
    refused(await supervisor.client.post(`/api/moderation/users/${member.id}/suspend`, { days: 2, reason: HARASSMENT }), 'reason', 'Go kill yourself');
    expect(await suspensions()).toEqual([]);
    expect(await notesTo(member.id)).toEqual([]);

    const ok = await supervisor.client.post(`/api/moderation/users/${member.id}/suspend`, { days: 2, reason: 'Repeated abuse towards other members after two warnings.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ userId: member.id, notice: null });
    const [row] = await suspensions();
    expect(await screenings('suspension_reason', row!.id)).toEqual([expect.objectContaining({ user_id: supervisor.id, level: 0 })]);

    const post = await newPost(t.app, await buildUser(t.app));
    const report = await newReport(t.app, post);
    const viaReport = await supervisor.client.post(`/api/moderation/reports/${report}/resolve`, { action: 'suspend', note: 'Spam links in several threads.', days: 1 });
    expect(viaReport.statusCode, viaReport.body).toBe(200);
    const author = (await db().selectFrom('posts').select('author_id').where('id', '=', post).executeTakeFirstOrThrow()).author_id!;
    const fromReport = await db().selectFrom('community_suspensions').select('id').where('user_id', '=', author).executeTakeFirstOrThrow();
    expect(await screenings('suspension_reason', fromReport.id)).toEqual([expect.objectContaining({ user_id: supervisor.id, level: 0 })]);
    // Screened once, as the suspension's reason, not also as a note.
    expect(await screenings('moderator_note', post)).toEqual([]);
  });

  it('revealing an anonymous author: a held reason is refused, nobody is named and the author’s access log is untouched', async () => {
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const author = await buildUser(t.app);
    const post = await newPost(t.app, author, true);
    const log = () => db().selectFrom('audit_log').select('action').where('subject_user_id', '=', author.id).where('action', '=', 'community.anonymous_author_revealed').execute();
    const res = await supervisor.client.post(`/api/moderation/posts/${post}/reveal-author`, { reason: 'Looking up who this is, the post gives a lethal dose.' });
    refused(res, 'reason', 'lethal dose');
    expect(res.body).not.toContain(author.handle);
    expect(await log()).toEqual([]);
    expect(await screenings('reveal_author_reason', post)).toEqual([]);

    const ok = await supervisor.client.post(`/api/moderation/posts/${post}/reveal-author`, { reason: 'A report says this post may be from someone at risk.' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ postId: post, user: { id: author.id }, notice: null });
    expect(await log()).toHaveLength(1);
    expect(await screenings('reveal_author_reason', post)).toEqual([expect.objectContaining({ user_id: supervisor.id })]);
    expect(await alertsOf(supervisor.id)).toEqual([]);
  });

  it('an admin’s space and program: names about suicide and self-harm are saved without alert or notice; held words are refused naming the field, nothing stored', async () => {
    const admin = await ensureAdmin(t.app);
    const alertsBefore = (await alertsOf(admin.id)).length;
    const body = {
      slug: 'suicide-loss',
      name: 'Suicide loss support',
      description: 'A space for people bereaved by suicide to share and support each other.',
      houseRules: 'Please don’t share details of methods, and be kind.',
    };
    const created = await admin.client.post('/api/admin/spaces', body);
    expect(created.statusCode, created.body).toBe(201);
    const space = created.json().id as string;
    expect((await screenings('space_name', space)).map((r) => r.level)).toEqual([3]);
    expect(await screenings('space_description', space)).toHaveLength(1);
    expect(await screenings('space_house_rules', space)).toHaveLength(1);
    const renamed = await admin.client.patch(`/api/admin/spaces/${space}`, { name: 'Self-harm recovery', description: 'Support for people recovering from self-harm. Talk about urges, scars and what helps.' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Self-harm recovery' });
    // Unchanged house rules are not screened again.
    expect(await screenings('space_house_rules', space)).toHaveLength(1);
    expect(await screenings('space_name', space)).toHaveLength(2);

    const refusedCreate = await admin.client.post('/api/admin/spaces', { ...body, slug: 'overdose', houseRules: METHOD });
    refused(refusedCreate, 'houseRules', 'lethal dose');
    expect(await db().selectFrom('spaces').select('id').where('slug', '=', 'overdose').execute()).toEqual([]);
    refused(await admin.client.patch(`/api/admin/spaces/${space}`, { name: 'Renamed', description: METHOD }), 'description', 'lethal dose');
    expect(await db().selectFrom('spaces').select(['name', 'description']).where('id', '=', space).executeTakeFirstOrThrow()).toMatchObject({ name: 'Self-harm recovery' });

    const program = await admin.client.post('/api/admin/programs', { name: 'Suicide loss support' });
    expect(program.statusCode, program.body).toBe(201);
    expect(await screenings('program_name', program.json().id)).toHaveLength(1);
    refused(await admin.client.post('/api/admin/programs', { name: HARASSMENT }), 'name', 'Go kill yourself');
    expect(await db().selectFrom('programs').select('id').where('name', '=', HARASSMENT).execute()).toEqual([]);

    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(admin.id)).toHaveLength(alertsBefore);
  });
});
