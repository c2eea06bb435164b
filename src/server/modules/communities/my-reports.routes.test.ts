import { describe, expect, it } from 'vitest';
import { REPORT_EXCERPT_CHARS, type MyReportView } from '../../../contracts/communities.js';
import { useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import type { KindredApp } from '../../app.js';

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newThread(u: BuiltUser, space: string, over: Record<string, unknown> = {}) {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A small win this week', body: 'I went for a short walk every morning and it helped a little.', ...over });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json() as { thread: { id: string }; post: { id: string } };
}

async function report(u: BuiltUser, postId: string, body: Record<string, unknown> = { reason: 'spam' }): Promise<string> {
  const res = await u.client.post(`/api/posts/${postId}/reports`, body);
  if (res.statusCode !== 201) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

async function myReports(u: BuiltUser, query = ''): Promise<{ reports: MyReportView[]; nextCursor: string | null }> {
  const res = await u.client.get(`/api/me/reports${query}`);
  if (res.statusCode !== 200) throw new Error(`my reports: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe.each(testDatabases)('my reports on $name', (database) => {
  const t = useTestApp(database);

  it("lists the reader's own reports only, newest first, with the post's place and excerpt and never its author", async () => {
    const author = await buildUser(t.app, { handle: `anonwriter_${Date.now().toString(36)}` });
    const reporter = await buildUser(t.app);
    const other = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const named = await newThread(author, space, { title: 'Buy my calm tea kestrel', body: 'Visit my shop for calm tea, kestrel deals every day.' });
    const anon = await newThread(author, space, { anonymous: true, title: 'Something anonymous kestrel', body: 'An anonymous post about kestrels and worry.' });
    const mine1 = await report(reporter, named.post.id, { reason: 'spam', note: 'Advertising again.' });
    const mine2 = await report(reporter, anon.post.id, { reason: 'harassment' });
    const theirs = await report(other, named.post.id, { reason: 'other', note: 'Someone else’s note.' });

    const page = await myReports(reporter);
    expect(page.reports.map((r) => r.id)).toEqual([mine2, mine1]);
    expect(page.nextCursor).toBeNull();
    expect(page.reports[1]).toEqual({
      id: mine1,
      reason: 'spam',
      note: 'Advertising again.',
      createdAt: expect.any(String),
      status: 'open',
      outcome: null,
      decidedAt: null,
      post: { id: named.post.id, threadId: named.thread.id, threadTitle: 'Buy my calm tea kestrel', excerpt: 'Visit my shop for calm tea, kestrel deals every day.', warnings: [], collapsed: false },
    });
    expect(page.reports[0]!.post).toMatchObject({ id: anon.post.id, excerpt: 'An anonymous post about kestrels and worry.' });
    // No author at all: not the anonymous one, not the named one.
    const raw = JSON.stringify(page);
    expect(raw).not.toContain(author.handle);
    expect(raw).not.toContain(author.id);
    expect(raw).not.toMatch(/"author/);

    const others = await myReports(other);
    expect(others.reports.map((r) => r.id)).toEqual([theirs]);
    expect(JSON.stringify(others)).not.toContain('Advertising again.');
    expect((await myReports(author)).reports).toEqual([]);
    expect((await new TestClient(t.app).get('/api/me/reports')).statusCode).toBe(401);
  });

  it('shows the outcome once a moderator decides, in the notification’s terms: no moderator, no moderator’s note', async () => {
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const space = await spaceId(t.app, 'students');
    const warned = await newThread(author, space, { title: 'Exam stress osprey', body: 'You are all lazy, osprey.' });
    const fine = await newThread(author, space, { title: 'Exam tips osprey', body: 'Sleep before exams helps, osprey.' });
    const warnedReport = await report(reporter, warned.post.id, { reason: 'harassment' });
    const fineReport = await report(reporter, fine.post.id, { reason: 'misinformation' });
    t.clock.advance(60_000);

    expect((await supervisor.client.post(`/api/moderation/reports/${warnedReport}/resolve`, { action: 'warn', note: 'Private osprey note for the author.' })).statusCode).toBe(200);
    expect((await supervisor.client.post(`/api/moderation/reports/${fineReport}/resolve`, { action: 'dismiss', note: 'Private osprey note: it is fine.' })).statusCode).toBe(200);
    const reports = new Map((await myReports(reporter)).reports.map((r) => [r.id, r]));
    expect(reports.get(warnedReport)).toMatchObject({ status: 'resolved', outcome: 'author_warned', decidedAt: t.clock.now().toISOString(), post: { id: warned.post.id } });
    expect(reports.get(fineReport)).toMatchObject({ status: 'resolved', outcome: 'no_action', post: { excerpt: 'Sleep before exams helps, osprey.' } });
    const raw = JSON.stringify([...reports.values()]);
    expect(raw).not.toContain('Private osprey note');
    expect(raw).not.toContain(supervisor.handle);
    expect(raw).not.toContain(supervisor.id);

    // The notification that told them points at the list.
    await t.app.kindred.dispatcher.idle();
    const told = (await reporter.client.get('/api/notifications')).json().notifications.filter((n: { kind: string }) => n.kind === 'moderation');
    expect(told).toHaveLength(2);
    for (const n of told) expect(n).toMatchObject({ about: 'my_reports', message: expect.stringMatching(/^Thank you for your report/) });
    // Notices of other kinds point nowhere in particular.
    const authorNotices = (await author.client.get('/api/notifications')).json().notifications as { about: string | null; message: string }[];
    expect(authorNotices.find((n) => /Private osprey note for the author/.test(n.message))).toMatchObject({ about: null });
  });

  it('leaves the post out once the reader may not read it: hidden, deleted, or in a space made program-only', async () => {
    const admin = await ensureAdmin(t.app);
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const open = await spaceId(t.app, 'carers');
    const hidden = await newThread(author, open, { title: 'Caring heron one', body: 'A heron post a moderator will hide.' });
    const deleted = await newThread(author, open, { title: 'Caring heron two', body: 'A heron post its author will delete.' });
    const space = (await admin.client.post('/api/admin/spaces', { slug: `herons-${Date.now().toString(36)}`, name: 'Herons', description: 'Herons and carers.', houseRules: 'Be kind.' })).json() as { id: string };
    const moved = await newThread(author, space.id, { title: 'Caring heron three', body: 'A heron post in a space that becomes program-only.' });
    const hiddenReport = await report(reporter, hidden.post.id);
    const deletedReport = await report(reporter, deleted.post.id);
    const movedReport = await report(reporter, moved.post.id);
    for (const r of (await myReports(reporter)).reports) expect(r.post).not.toBeNull();

    expect((await supervisor.client.post(`/api/moderation/reports/${hiddenReport}/resolve`, { action: 'hide', note: 'Not for this space.' })).statusCode).toBe(200);
    expect((await author.client.delete(`/api/posts/${deleted.post.id}`)).statusCode).toBe(200);
    const program = (await admin.client.post('/api/admin/programs', { name: 'Heron program' })).json() as { id: string };
    expect((await admin.client.patch(`/api/admin/spaces/${space.id}`, { visibility: 'program', programId: program.id })).statusCode).toBe(200);

    const reports = new Map((await myReports(reporter)).reports.map((r) => [r.id, r]));
    expect(reports.get(hiddenReport)).toMatchObject({ status: 'resolved', outcome: 'post_hidden', post: null });
    expect(reports.get(deletedReport)).toMatchObject({ status: 'open', post: null });
    expect(reports.get(movedReport)).toMatchObject({ status: 'open', post: null });
    const raw = JSON.stringify([...reports.values()]);
    expect(raw).not.toContain('heron');
    expect(raw).not.toContain('Caring heron');
    // The thread page agrees: these are exactly the ones the reader can no longer open.
    expect((await reporter.client.get(`/api/threads/${hidden.thread.id}`)).statusCode).toBe(404);
    expect((await reporter.client.get(`/api/threads/${moved.thread.id}`)).statusCode).toBe(404);

    // A member of the program reads the moved post again, and so sees it in their own report of it.
    expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: reporter.id })).statusCode).toBe(201);
    expect((await myReports(reporter)).reports.find((r) => r.id === movedReport)?.post).toMatchObject({ id: moved.post.id, threadTitle: 'Caring heron three' });
  });

  it('cuts a long post to a short excerpt and keeps a warned post behind a click, by the reader’s choices', async () => {
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const space = await spaceId(t.app, 'grief-and-loss');
    const body = `${'Every word here is a plover word. '.repeat(30)}The end.`;
    const long = await newThread(author, space, { title: 'A long one', body });
    const warned = await newThread(author, space, { title: 'A warned one', body: 'My plover grandmother died last spring.', warnings: ['loss'] });
    await report(reporter, long.post.id);
    await report(reporter, warned.post.id);
    const byPost = new Map((await myReports(reporter)).reports.map((r) => [r.post!.id, r.post!]));
    const excerpt = byPost.get(long.post.id)!.excerpt;
    expect(excerpt.length).toBeLessThanOrEqual(REPORT_EXCERPT_CHARS);
    // Cut at a word boundary, with an ellipsis: the start of the text as written.
    expect(excerpt.endsWith('…')).toBe(true);
    expect(body.startsWith(`${excerpt.slice(0, -1)} `)).toBe(true);
    expect(byPost.get(warned.post.id)).toMatchObject({ warnings: ['loss'], collapsed: true });
    expect((await reporter.client.put('/api/me/content-warnings', { prefs: { loss: 'show' } })).statusCode).toBe(200);
    expect((await myReports(reporter)).reports.find((r) => r.post?.id === warned.post.id)?.post).toMatchObject({ collapsed: false });
  });

  it('pages newest first by cursor, and answers bad input with a 400 a person can act on', async () => {
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const space = await spaceId(t.app, 'bipolar');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const th = await newThread(author, space, { title: `Paged thread egret ${i}` });
      ids.push(await report(reporter, th.post.id));
    }
    const first = await myReports(reporter, '?limit=2');
    expect(first.reports.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toBe(ids[1]);
    const second = await myReports(reporter, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.reports.map((r) => r.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();

    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      ['?limit=many', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      ['?status=open', 'status'],
    ] as const) {
      const res = await reporter.client.get(`/api/me/reports${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
  });

  it('pages reports made in the same millisecond without repeating or skipping one, and promises no empty page', async () => {
    const author = await buildUser(t.app);
    const reporter = await buildUser(t.app);
    const space = await spaceId(t.app, 'anxiety');
    const th = await newThread(author, space, { title: 'Same instant thread plover' });
    // The test clock stands still: every report carries the same timestamp, so a cursor by time
    // alone would repeat or skip the ones either side of a page boundary.
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await report(reporter, th.post.id, { reason: 'spam', note: `plover ${i}` }));
    for (const limit of [1, 2, 3, 4]) {
      const seen: MyReportView[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { reports: MyReportView[]; nextCursor: string | null } = await myReports(reporter, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        pages += 1;
        // Every page promised holds something.
        expect(page.reports.length, `limit ${limit}, page ${pages}`).toBeGreaterThan(0);
        seen.push(...page.reports);
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen.map((r) => r.createdAt)).size).toBe(1);
      expect(seen.map((r) => r.id), `limit ${limit}`).toEqual([...made].reverse());
      expect(pages, `limit ${limit}`).toBe(Math.ceil(5 / limit));
    }
    // Exactly a page's worth: no next page to offer.
    expect((await myReports(reporter, '?limit=5')).nextCursor).toBeNull();
    const four = await myReports(reporter, '?limit=4');
    expect(four.nextCursor).toBe(made[1]);
    expect(await myReports(reporter, `?limit=1&cursor=${four.nextCursor}`)).toMatchObject({ reports: [{ id: made[0] }], nextCursor: null });
  });
});
