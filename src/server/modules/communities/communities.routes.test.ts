import { sql, type KyselyPlugin } from 'kysely';
import { screen } from '../../../safety/index.js';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { ownTables, testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';
import { openDatabase } from '../../platform/db.js';
import { communitiesRepository, MARK_START } from './communities.repository.js';

const PASSIVE = 'Lately I wish I could just go to sleep and not wake up.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

interface ThreadJson {
  thread: { id: string; spaceId: string; title: string; author: { user: { id: string; handle: string } | null; label: string; anonymous: boolean; isMe: boolean } };
  post: { id: string; state: string; bodyHtml: string | null; warnings: string[]; collapsed: boolean };
  safety: { level: number; held: boolean; showCrisisResponse: boolean };
}

/**
 * A Kysely plugin that runs a change once, right after the first non-empty result whose rows carry
 * `column` (a search walk's), and no more until `once` sets another: the moment between a search's
 * walk and its read of the hits, where a concurrent edit lands.
 */
function changeAfterFirstResultWith(column: string) {
  let change: (() => Promise<void>) | null = null;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    async transformResult({ result }) {
      const first = result.rows[0] as Record<string, unknown> | undefined;
      if (change && first && column in first) {
        const run = change;
        change = null;
        await run();
      }
      return result;
    },
  };
  return {
    plugin,
    once(run: () => Promise<void>) {
      change = run;
    },
    /** Whether the change set last has not run yet. */
    get pending() {
      return change !== null;
    },
  };
}

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  const row = await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

async function newThread(u: BuiltUser, space: string, over: Record<string, unknown> = {}): Promise<ThreadJson> {
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'A small win this week', body: 'I went for a short walk every morning and it helped a little.', ...over });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json() as ThreadJson;
}

async function replyTo(u: BuiltUser, threadId: string, over: Record<string, unknown> = {}) {
  const res = await u.client.post(`/api/threads/${threadId}/posts`, { body: 'Thank you for sharing this, it sounds like a real step.', ...over });
  if (res.statusCode !== 201) throw new Error(`reply: ${res.statusCode} ${res.body}`);
  return res.json() as { post: { id: string; state: string; author: { label: string; user: unknown } }; safety: { held: boolean } };
}

describe.each(testDatabases)('community on $name', (database) => {
  const t = useTestApp(database);

  describe('spaces and programs', () => {
    it('seeds ten kind spaces with house rules; admins create and edit; members and strangers cannot', async () => {
      const member = await buildUser(t.app);
      const spaces = (await member.client.get('/api/spaces')).json().spaces as { slug: string; description: string; houseRules: string }[];
      expect(spaces.map((s) => s.slug)).toEqual(['anxiety', 'depression', 'grief-and-loss', 'bipolar', 'ptsd-and-trauma', 'eating-difficulties', 'substance-use', 'carers', 'lgbtq', 'students']);
      for (const s of spaces) {
        expect(s.description.length).toBeGreaterThan(30);
        expect(s.houseRules).toMatch(/not an emergency service/);
      }
      expect((await new TestClient(t.app).get('/api/spaces')).statusCode).toBe(401);
      const body = { slug: 'new-parents', name: 'New parents', description: 'Sleepless nights and big feelings.', houseRules: 'Be kind.' };
      expect((await member.client.post('/api/admin/spaces', body)).statusCode).toBe(403);
      const admin = await ensureAdmin(t.app);
      const created = await admin.client.post('/api/admin/spaces', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ slug: 'new-parents', visibility: 'members', allowAnonymous: true });
      expect((await admin.client.post('/api/admin/spaces', body)).statusCode).toBe(409);
      const bad = await admin.client.post('/api/admin/spaces', { ...body, slug: 'Bad Slug', extra: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/slug|extra/);
      const edited = await admin.client.patch(`/api/admin/spaces/${created.json().id}`, { name: 'Parents', allowAnonymous: false });
      expect(edited.json()).toMatchObject({ name: 'Parents', allowAnonymous: false });
      const noProgram = await admin.client.patch(`/api/admin/spaces/${created.json().id}`, { visibility: 'program' });
      expect(noProgram.statusCode).toBe(400);
      expect(noProgram.json().error.message).toMatch(/programId/);
    });

    it('keeps a program-only space invisible to outsiders in spaces, lists, threads, search, related threads and realtime', async () => {
      const admin = await ensureAdmin(t.app);
      const insider = await buildUser(t.app);
      const outsider = await buildUser(t.app);
      const program = (await admin.client.post('/api/admin/programs', { name: 'Riverside peer program' })).json() as { id: string };
      expect((await insider.client.post('/api/admin/programs', { name: 'x y' })).statusCode).toBe(403);
      expect((await admin.client.post(`/api/admin/programs/${program.id}/members`, { userId: insider.id })).statusCode).toBe(201);
      const space = (await admin.client.post('/api/admin/spaces', {
        slug: 'riverside', name: 'Riverside group', description: 'For Riverside members.', houseRules: 'What is said here stays here.', visibility: 'program', programId: program.id,
      })).json() as { id: string };
      const open = await spaceId(t.app, 'students');
      const secret = await newThread(insider, space.id, { title: 'Riverside marmalade gathering notes', body: 'We talked about marmalade and winter routines.' });
      await newThread(insider, open, { title: 'Public marmalade recipe for calm', body: 'Making marmalade calms me down, the routine of it.' });

      expect((await outsider.client.get('/api/spaces')).json().spaces.map((s: { id: string }) => s.id)).not.toContain(space.id);
      expect((await insider.client.get('/api/spaces')).json().spaces.map((s: { id: string }) => s.id)).toContain(space.id);
      expect((await outsider.client.get(`/api/spaces/${space.id}`)).statusCode).toBe(404);
      expect((await outsider.client.get(`/api/threads/${secret.thread.id}`)).statusCode).toBe(404);
      expect((await outsider.client.post(`/api/threads/${secret.thread.id}/posts`, { body: 'hello' })).statusCode).toBe(404);
      expect((await outsider.client.put(`/api/posts/${secret.post.id}/reactions/relate`)).statusCode).toBe(404);
      expect((await outsider.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'sneaky post', body: 'hi' })).statusCode).toBe(404);
      expect((await outsider.client.get(`/api/threads?space=${space.id}`)).statusCode).toBe(404);
      const latest = (await outsider.client.get('/api/threads?limit=100')).json().threads.map((th: { id: string }) => th.id);
      expect(latest).not.toContain(secret.thread.id);
      expect((await insider.client.get('/api/threads?limit=100')).json().threads.map((th: { id: string }) => th.id)).toContain(secret.thread.id);
      const search = JSON.stringify((await outsider.client.get('/api/search?q=marmalade')).json());
      expect(search).toContain('Public marmalade');
      expect(search).not.toContain('Riverside');
      expect(JSON.stringify((await insider.client.get('/api/search?q=marmalade')).json())).toContain('Riverside');
      const pub = (await outsider.client.get('/api/search?q=marmalade')).json().hits[0].thread.id as string;
      expect(JSON.stringify((await outsider.client.get(`/api/threads/${pub}/related`)).json())).not.toContain('Riverside');
      expect(JSON.stringify((await insider.client.get(`/api/threads/${pub}/related`)).json())).toContain('Riverside');

      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const socket = await TestSocket.open(t.app, outsider.client);
      try {
        expect(await socket.subscribe(`thread:${secret.thread.id}`)).toMatchObject({ type: 'denied' });
        expect(await socket.subscribe(`space:${space.id}`)).toMatchObject({ type: 'denied' });
        expect(await socket.subscribe(`space:${open}`)).toMatchObject({ type: 'subscribed' });
      } finally {
        socket.close();
      }
    });
  });

  describe('threads, replies and Markdown', () => {
    it('renders Markdown safely, models the opening post as a post, and keeps replies after a soft delete', async () => {
      const author = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const th = await newThread(author, space, {
        kind: 'story',
        title: 'What the evenings are like',
        body: 'Some **evenings** are hard. <script>alert(1)</script> <img src=x onerror=alert(1)> [bad](javascript:alert(1)) [good](https://example.org) ![pic](https://example.org/p.png) <mailto:hi@example.org>',
      });
      const html = th.post.bodyHtml!;
      expect(html).toContain('<strong>evenings</strong>');
      expect(html).not.toMatch(/<script|<img|<[^>]* onerror=|href="javascript/);
      expect(html).toContain('&lt;script&gt;');
      expect(html).toContain('<a href="https://example.org" rel="nofollow ugc noopener noreferrer" target="_blank">good</a>');
      expect(html).toContain('href="mailto:hi@example.org" rel="nofollow ugc noopener noreferrer" target="_blank"');
      for (const a of html.match(/<a [^>]*>/g) ?? []) expect(a).toMatch(/rel="nofollow ugc noopener noreferrer" target="_blank"/);

      const r1 = await replyTo(reader, th.thread.id);
      const r2 = await replyTo(author, th.thread.id, { body: 'Thanks, that means a lot.' });
      const detail = (await reader.client.get(`/api/threads/${th.thread.id}`)).json();
      expect(detail.posts.map((p: { id: string; isOpening: boolean }) => [p.id, p.isOpening])).toEqual([[th.post.id, true], [r1.post.id, false], [r2.post.id, false]]);
      expect(detail.thread).toMatchObject({ replyCount: 2, kind: 'story' });
      // The Markdown source goes to its author (to edit) only.
      expect(detail.posts[1].bodySource).toBe('Thank you for sharing this, it sounds like a real step.');
      expect(detail.posts[2].bodySource).toBeNull();

      expect((await reader.client.delete(`/api/posts/${th.post.id}`)).statusCode).toBe(403);
      const deleted = await author.client.delete(`/api/posts/${th.post.id}`);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toMatchObject({ state: 'deleted', bodyHtml: null });
      const after = (await reader.client.get(`/api/threads/${th.thread.id}`)).json();
      expect(after.posts).toHaveLength(3);
      expect(after.posts[0]).toMatchObject({ state: 'deleted', bodyHtml: null });
      expect(after.posts[1].bodyHtml).toContain('Thank you for sharing');
      expect((await author.client.patch(`/api/posts/${th.post.id}`, { body: 'again' })).statusCode).toBe(403);
    });

    it('keeps edit history for moderators only, and lets the asker mark the reply that helped most', async () => {
      const asker = await buildUser(t.app);
      const helper = await buildUser(t.app, { roles: ['peer_supporter'] });
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const space = await spaceId(t.app, 'students');
      const q = await newThread(asker, space, { kind: 'question', title: 'How do you study when tired?', body: 'Exams soon and I am always tired.' });
      const edit = await asker.client.patch(`/api/posts/${q.post.id}`, { body: 'Exams are in two weeks and I feel tired all the time.', title: 'How do you study when you are tired?' });
      expect(edit.statusCode).toBe(200);
      expect(edit.json().post).toMatchObject({ edited: true });
      expect(edit.json().safety.level).toBe(0);
      expect((await helper.client.patch(`/api/posts/${q.post.id}`, { body: 'hijack' })).statusCode).toBe(403);
      expect((await asker.client.get(`/api/moderation/posts/${q.post.id}/history`)).statusCode).toBe(403);
      const history = (await supervisor.client.get(`/api/moderation/posts/${q.post.id}/history`)).json().edits;
      expect(history).toEqual([expect.objectContaining({ editorRole: 'author', editorHandle: null, previousBody: 'Exams soon and I am always tired.', previousTitle: 'How do you study when tired?' })]);

      const a = await replyTo(helper, q.thread.id, { body: 'Short sessions of 25 minutes with a walk between them.' });
      expect((await helper.client.put(`/api/threads/${q.thread.id}/helped`, { postId: a.post.id })).statusCode).toBe(403);
      const marked = await asker.client.put(`/api/threads/${q.thread.id}/helped`, { postId: a.post.id });
      expect(marked.statusCode).toBe(200);
      expect(marked.json().helpedPostId).toBe(a.post.id);
      const posts = (await helper.client.get(`/api/threads/${q.thread.id}`)).json().posts as { id: string; helpedMost: boolean }[];
      expect(posts.find((p) => p.id === a.post.id)!.helpedMost).toBe(true);
      expect((await asker.client.put(`/api/threads/${q.thread.id}/helped`, { postId: q.post.id })).statusCode).toBe(400);
      const story = await newThread(asker, space);
      expect((await asker.client.put(`/api/threads/${story.thread.id}/helped`, { postId: null })).statusCode).toBe(409);
      const invalid = await asker.client.post(`/api/threads/${q.thread.id}/posts`, { body: '' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toMatch(/^body/);
      expect((await asker.client.post(`/api/spaces/${space}/threads`, { kind: 'rant', title: 'abcd', body: 'x' })).json().error.message).toMatch(/^kind/);
    });
  });

  describe('reactions', () => {
    it('shows counts to all, who reacted only to the author, toggles, and survives 20 concurrent identical clicks', async () => {
      const author = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const th = await newThread(author, await spaceId(t.app, 'grief-and-loss'));
      const clicks = await Promise.all(Array.from({ length: 20 }, () => reader.client.put(`/api/posts/${th.post.id}/reactions/strength`)));
      expect(clicks.map((r) => r.statusCode).every((s) => s === 200)).toBe(true);
      const rows = await t.app.kindred.database.db.selectFrom('reactions').selectAll().where('post_id', '=', th.post.id).execute();
      expect(rows).toHaveLength(1);
      await reader.client.put(`/api/posts/${th.post.id}/reactions/relate`);
      const other = await buildUser(t.app);
      const seen = (await other.client.get(`/api/threads/${th.thread.id}`)).json().posts[0];
      expect(seen.reactions).toEqual({ relate: 1, strength: 1, helped: 0 });
      expect(seen.myReactions).toEqual([]);
      expect((await other.client.get(`/api/posts/${th.post.id}/reactions`)).statusCode).toBe(403);
      const who = (await author.client.get(`/api/posts/${th.post.id}/reactions`)).json().reactors;
      expect(who.map((r: { kind: string; user: { handle: string } }) => `${r.kind}:${r.user.handle}`).sort()).toEqual([`relate:${reader.handle}`, `strength:${reader.handle}`]);
      const off = await reader.client.delete(`/api/posts/${th.post.id}/reactions/strength`);
      expect(off.json()).toMatchObject({ reactions: { relate: 1, strength: 0, helped: 0 }, myReactions: ['relate'] });
      expect((await reader.client.put(`/api/posts/${th.post.id}/reactions/hug`)).statusCode).toBe(400);
      const list = (await other.client.get('/api/threads?list=top&limit=100')).json().threads.find((x: { id: string }) => x.id === th.thread.id);
      expect(list.reactionCount).toBe(1);
    });
  });

  describe('content warnings', () => {
    it('carries the warnings, collapses by the reader’s choice, hides from lists and search, and adds one the screen finds', async () => {
      const author = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'eating-difficulties');
      const tagged = await newThread(author, space, { title: 'Mealtimes with my family quokka', body: 'Mealtimes are a struggle for me lately, quokka.', warnings: ['eating'] });
      expect(tagged.post.warnings).toEqual(['eating']);
      const auto = await newThread(author, await spaceId(t.app, 'depression'), { title: 'A heavy quokka week', body: PASSIVE });
      expect(auto.safety.level).toBe(2);
      expect(auto.safety.showCrisisResponse).toBe(true);
      expect(auto.post.warnings).toContain('suicide');

      // The learned signal alone shows the writer the crisis lines but tags nothing for readers
      // (despair without a rule's words; the model's weights decide, so keep it far above threshold).
      const modelOnlyText = 'I keep thinking everyone would be fine without me around, nothing is ever going to change';
      const verdict = screen(modelOnlyText);
      expect(verdict.level).toBe(2);
      expect(verdict.reasons.every((r) => r.code.startsWith('model.') || r.level < 2)).toBe(true);
      const modelOnly = await newThread(author, await spaceId(t.app, 'depression'), { title: 'A long week', body: modelOnlyText });
      expect(modelOnly.safety.showCrisisResponse).toBe(true);
      expect(modelOnly.post.warnings).toEqual([]);

      const view = async () => (await reader.client.get(`/api/threads/${tagged.thread.id}`)).json().posts[0];
      expect(await view()).toMatchObject({ warnings: ['eating'], collapsed: true });
      expect((await reader.client.get('/api/me/content-warnings')).json().prefs.eating).toBe('ask');
      await reader.client.put('/api/me/content-warnings', { prefs: { eating: 'show' } });
      expect((await view()).collapsed).toBe(false);
      expect((await reader.client.put('/api/me/content-warnings', { prefs: { eating: 'sometimes' } })).statusCode).toBe(400);
      await reader.client.put('/api/me/content-warnings', { prefs: { eating: 'hide', suicide: 'hide' } });
      const ids = (await reader.client.get('/api/threads?limit=100')).json().threads.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(tagged.thread.id);
      expect(ids).not.toContain(auto.thread.id);
      expect((await reader.client.get('/api/search?q=quokka')).json().hits).toEqual([]);
      expect((await author.client.get('/api/search?q=quokka')).json().hits.length).toBe(2);
      // Reached directly, a hidden-warning post is collapsed rather than refused.
      expect((await view()).collapsed).toBe(true);
    });
  });

  describe('safety in the write path', () => {
    it('holds a post with method details as pending for its author and moderators, and releases it on a supervisor’s decision', async () => {
      const author = await buildUser(t.app, { region: 'GB' });
      const reader = await buildUser(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const open = await newThread(reader, await spaceId(t.app, 'depression'), { title: 'Checking in tonight' });
      const held = await replyTo(author, open.thread.id, { body: METHOD });
      expect(held.safety.held).toBe(true);
      expect(held.post.state).toBe('pending');
      const rows = await t.app.kindred.database.db.selectFrom('screenings').selectAll().where('object_type', '=', 'post').where('object_id', '=', held.post.id).execute();
      expect(rows).toHaveLength(1);

      const readerView = (await reader.client.get(`/api/threads/${open.thread.id}`)).json().posts.map((p: { id: string }) => p.id);
      expect(readerView).not.toContain(held.post.id);
      const authorView = (await author.client.get(`/api/threads/${open.thread.id}`)).json().posts.find((p: { id: string }) => p.id === held.post.id);
      expect(authorView).toMatchObject({ state: 'pending', pendingReason: 'safety' });
      const modView = (await supervisor.client.get(`/api/threads/${open.thread.id}`)).json().posts.find((p: { id: string }) => p.id === held.post.id);
      expect(modView.state).toBe('pending');
      expect((await reader.client.get(`/api/threads/${open.thread.id}`)).json().thread.replyCount).toBe(0);

      const item = (await supervisor.client.get('/api/safety/held')).json().items.find((h: { objectId: string }) => h.objectId === held.post.id);
      expect(item.objectType).toBe('post');
      const edited = await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'Tonight is really hard and I could use some company here.' });
      expect(edited.statusCode).toBe(200);
      const now = (await reader.client.get(`/api/threads/${open.thread.id}`)).json();
      const released = now.posts.find((p: { id: string }) => p.id === held.post.id);
      expect(released.state).toBe('visible');
      expect(released.bodyHtml).toContain('could use some company');
      expect(now.thread.replyCount).toBe(1);

      const heldThread = await newThread(author, await spaceId(t.app, 'depression'), { title: 'Tonight', body: METHOD });
      expect(heldThread.safety.held).toBe(true);
      expect((await reader.client.get(`/api/threads/${heldThread.thread.id}`)).statusCode).toBe(404);
      expect((await author.client.get(`/api/threads/${heldThread.thread.id}`)).json().thread.state).toBe('pending');
      const item2 = (await supervisor.client.get('/api/safety/held')).json().items.find((h: { objectId: string }) => h.objectId === heldThread.post.id);
      await supervisor.client.post(`/api/safety/held/${item2.id}/decision`, { action: 'remove' });
      expect((await reader.client.get(`/api/threads/${heldThread.thread.id}`)).statusCode).toBe(404);
      expect((await author.client.get(`/api/threads/${heldThread.thread.id}`)).json().posts[0]).toMatchObject({ state: 'removed', bodyHtml: null });
    });
  });

  describe('anonymous posting', () => {
    it('never reveals an anonymous author to members, supporters or moderators in responses, lists, search, related, notifications, realtime or exports', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const anon = await buildUser(t.app, { handle: `anon_${Date.now().toString(36)}` });
      const reader = await buildUser(t.app);
      const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const space = await spaceId(t.app, 'lgbtq');
      const readerThread = await newThread(reader, space, { title: 'Coming out to my grandmother pelican', body: 'I told my grandmother last weekend, pelican.' });
      const readerSocket = await TestSocket.open(t.app, reader.client);
      await readerSocket.subscribe(`thread:${readerThread.thread.id}`);
      await readerSocket.subscribe(`space:${space}`);

      const th = await newThread(anon, space, { anonymous: true, title: 'Telling my family pelican', body: `Has anyone told family? @${reader.handle} you said you did, pelican.` });
      expect(th.thread.author).toMatchObject({ label: 'you (anonymous)', anonymous: true, isMe: true });
      const rep = await replyTo(anon, readerThread.thread.id, { anonymous: true, body: 'I relate so much to this, pelican.' });
      expect(rep.post.author.label).toBe('you (anonymous)');
      await reader.client.put(`/api/posts/${th.post.id}/reactions/relate`);
      await t.app.kindred.dispatcher.idle();
      await readerSocket.next((m) => m.type === 'event' && m.event.type === 'community.post_created');

      const secrets = [anon.id, anon.handle];
      const mustNotLeak = (label: string, payload: unknown) => {
        const text = JSON.stringify(payload);
        for (const s of secrets) expect(text.includes(s), `${label} reveals the anonymous author`).toBe(false);
      };
      for (const viewer of [reader, supporter, supervisor]) {
        const detail = (await viewer.client.get(`/api/threads/${th.thread.id}`)).json();
        expect(detail.thread.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
        mustNotLeak('thread', detail);
        mustNotLeak('reply thread', (await viewer.client.get(`/api/threads/${readerThread.thread.id}`)).json());
        mustNotLeak('latest', (await viewer.client.get('/api/threads?limit=100')).json());
        mustNotLeak('space list', (await viewer.client.get(`/api/threads?space=${space}&limit=100`)).json());
        mustNotLeak('search', (await viewer.client.get('/api/search?q=pelican')).json());
        expect((await viewer.client.get('/api/search?q=pelican')).json().hits.length).toBeGreaterThanOrEqual(2);
        mustNotLeak('related', (await viewer.client.get(`/api/threads/${readerThread.thread.id}/related`)).json());
        mustNotLeak('export', (await viewer.client.get('/api/me/export')).json());
      }
      mustNotLeak('moderation queue', (await supervisor.client.get('/api/moderation/queue')).json());
      const notes = (await reader.client.get('/api/notifications')).json();
      expect(notes.notifications.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['mention', 'reply']));
      for (const n of notes.notifications.filter((x: { kind: string }) => x.kind !== 'reaction')) expect(n).toMatchObject({ actor: null, actorLabel: 'Anonymous member' });
      mustNotLeak('notifications', notes);
      mustNotLeak('realtime', readerSocket.messages);
      readerSocket.close();
      // The author is told who reacted to their anonymous post; the reactor is not anonymous.
      expect((await anon.client.get(`/api/posts/${th.post.id}/reactions`)).json().reactors[0].user.handle).toBe(reader.handle);
      expect((await anon.client.get('/api/threads?list=mine')).json().threads.map((x: { id: string }) => x.id)).toContain(th.thread.id);

      expect((await reader.client.post(`/api/moderation/posts/${th.post.id}/reveal-author`, { reason: 'I am curious who this is' })).statusCode).toBe(403);
      expect((await supervisor.client.post(`/api/moderation/posts/${th.post.id}/reveal-author`, { reason: 'short' })).statusCode).toBe(400);
      const revealed = await supervisor.client.post(`/api/moderation/posts/${th.post.id}/reveal-author`, { reason: 'A report says this post may be from someone at risk.' });
      expect(revealed.json()).toEqual({ postId: th.post.id, user: { id: anon.id, handle: anon.handle }, notice: null });
      const audit = (await anon.client.get('/api/me/audit')).json().entries;
      expect(audit[0]).toMatchObject({ action: 'community.anonymous_author_revealed', actorHandle: supervisor.handle, actorRole: 'supervisor' });
      expect(audit[0].reason).toMatch(/someone at risk/);

      const admin = await ensureAdmin(t.app);
      const closed = (await admin.client.post('/api/admin/spaces', { slug: `named-${Date.now()}`, name: 'Named only', description: 'Names only.', houseRules: 'Be kind.', allowAnonymous: false })).json();
      const refused = await anon.client.post(`/api/spaces/${closed.id}/threads`, { kind: 'story', title: 'hello there', body: 'hi', anonymous: true });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toMatch(/^anonymous/);
    });
  });

  describe('lists', () => {
    it('pages every list with opaque keyset cursors, each thread exactly once', async () => {
      const admin = await ensureAdmin(t.app);
      const space = (await admin.client.post('/api/admin/spaces', { slug: `paging-${Date.now()}`, name: 'Paging', description: 'For paging.', houseRules: 'Be kind.' })).json().id as string;
      const author = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const made: string[] = [];
      for (let i = 0; i < 23; i++) {
        const th = await newThread(author, space, { kind: i % 2 ? 'question' : 'story', title: `Thread number ${i} here` });
        made.push(th.thread.id);
        if (i % 3 === 0) await reader.client.put(`/api/posts/${th.post.id}/reactions/relate`);
        if (i % 4 === 0) await replyTo(reader, th.thread.id);
        if (i % 5 === 0) t.clock.advance(1000);
      }
      const pageAll = async (query: string, as = reader) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 20; guard++) {
          const res = await as.client.get(`/api/threads?space=${space}&limit=4&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          expect(res.statusCode, res.body).toBe(200);
          const body = res.json() as { threads: { id: string }[]; nextCursor: string | null };
          seen.push(...body.threads.map((x) => x.id));
          cursor = body.nextCursor;
          if (!cursor) break;
        }
        return seen;
      };
      for (const q of ['list=latest', 'list=top&period=all', 'list=top&period=week', 'list=mine']) {
        const seen = await pageAll(q, author);
        expect(new Set(seen).size, q).toBe(seen.length);
        expect([...seen].sort(), q).toEqual([...made].sort());
      }
      const unanswered = await pageAll('list=unanswered');
      const expected = made.filter((_, i) => i % 2 === 1 && i % 4 !== 0);
      expect(unanswered).toEqual(expected);
      const latest = await pageAll('list=latest');
      // Threads 20–22 share the latest activity time (the clock stood still): the id breaks the tie.
      expect(latest.slice(0, 3)).toEqual([made[22], made[21], made[20]]);
      await reader.client.put(`/api/threads/${made[1]}/follow`);
      expect(await pageAll('list=followed')).toEqual(expect.arrayContaining([made[0], made[1], made[4]]));
      await reader.client.delete(`/api/threads/${made[1]}/follow`);
      expect(await pageAll('list=followed')).not.toContain(made[1]);
      const top = await pageAll('list=top');
      expect(made.indexOf(top[0]!) % 12).toBe(0);
      const bad = await reader.client.get('/api/threads?cursor=not-a-cursor');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/cursor/);
      expect((await reader.client.get('/api/threads?list=popular')).statusCode).toBe(400);
      t.clock.advance(2 * 86_400_000);
      expect(await pageAll('list=top&period=day')).toEqual([]);
      expect((await pageAll('list=top&period=week')).length).toBe(23);
    });
  });

  describe('search and related threads', () => {
    it('finds titles and posts with highlighted ranges (never HTML), filters by space and kind, and suggests related threads', async () => {
      const a = await buildUser(t.app);
      const anxiety = await spaceId(t.app, 'anxiety');
      const students = await spaceId(t.app, 'students');
      const one = await newThread(a, anxiety, { kind: 'what_helped', title: 'Gardening calmed my anxious mornings', body: 'Repotting seedlings every morning gave my anxious mind something gentle to do. <b>soil</b>' });
      const two = await newThread(a, students, { kind: 'question', title: 'Does gardening help with exam stress?', body: 'Thinking of getting seedlings for my window.' });
      const three = await newThread(a, anxiety, { kind: 'story', title: 'Bus journeys', body: 'Long bus journeys used to frighten me.' });
      await replyTo(a, three.thread.id, { body: 'I garden too, seedlings on the balcony.' });

      const res = (await a.client.get('/api/search?q=seedlings')).json().hits as { thread: { id: string }; postId: string; snippet: { text: string; ranges: [number, number][] }; title: { text: string; ranges: [number, number][] } }[];
      expect(new Set(res.map((h) => h.thread.id))).toEqual(new Set([one.thread.id, two.thread.id, three.thread.id]));
      for (const h of res) {
        expect(h.snippet.ranges.length).toBeGreaterThan(0);
        for (const [s, e] of h.snippet.ranges) expect(h.snippet.text.slice(s, e).toLowerCase()).toMatch(/^seedling/);
        expect(h.snippet.text).not.toMatch(/[\u0001\u0002]/);
      }
      const byTitle = (await a.client.get('/api/search?q=gardening')).json().hits as typeof res;
      const titled = byTitle.find((h) => h.thread.id === one.thread.id)!;
      expect(titled.title.text).toBe('Gardening calmed my anxious mornings');
      expect(titled.title.text.slice(...titled.title.ranges[0]!)).toBe('Gardening');
      // User text that looks like HTML comes back as text with ranges (PostgreSQL's parser drops the tag itself).
      const soil = (await a.client.get('/api/search?q=soil')).json().hits[0];
      expect(soil.snippet.text.slice(...soil.snippet.ranges[0])).toBe('soil');
      expect((await a.client.get(`/api/search?q=seedlings&space=${students}`)).json().hits.map((h: { thread: { id: string } }) => h.thread.id)).toEqual([two.thread.id]);
      expect((await a.client.get('/api/search?q=seedlings&kind=story')).json().hits.map((h: { thread: { id: string } }) => h.thread.id)).toEqual([three.thread.id]);
      expect((await a.client.get('/api/search?q=%22%27%20OR%20*')).statusCode).toBe(200);
      expect((await a.client.get('/api/search?q=')).statusCode).toBe(400);
      await a.client.delete(`/api/posts/${three.post.id}`);
      expect((await a.client.get('/api/search?q=frighten')).json().hits).toEqual([]);

      const related = (await a.client.get(`/api/threads/${one.thread.id}/related`)).json().threads.map((x: { id: string }) => x.id);
      expect(related).toContain(two.thread.id);
      expect(related).not.toContain(one.thread.id);
    });
  });

  describe('search results', () => {
    it('list each thread once, and fold a hit whose matched reply carries a warning', async () => {
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const busy = await newThread(a, space, { title: 'Cormorant mornings', body: 'Watching the cormorant at dawn helps me.' });
      for (let i = 0; i < 3; i++) await replyTo(a, busy.thread.id, { body: `The cormorant came back again, day ${i + 2}.` });
      const warned = await newThread(a, space, { title: 'Harbour walks', body: 'Walking by the harbour.' });
      await replyTo(a, warned.thread.id, { body: 'A cormorant reminded me of the day I hurt myself.', warnings: ['self_harm'] });
      const hits = (await reader.client.get('/api/search?q=cormorant')).json().hits as { thread: { id: string }; warnings: string[]; collapsed: boolean }[];
      expect(hits.map((h) => h.thread.id).sort()).toEqual([busy.thread.id, warned.thread.id].sort());
      expect(hits.find((h) => h.thread.id === warned.thread.id)).toMatchObject({ warnings: ['self_harm'], collapsed: true });
      expect(hits.find((h) => h.thread.id === busy.thread.id)).toMatchObject({ warnings: [], collapsed: false });
    });
  });

  describe('search order (ADR 016)', () => {
    type Hit = { thread: { id: string }; postId: string; title: { text: string; ranges: [number, number][] }; snippet: { text: string; ranges: [number, number][] } };
    const search = async (u: BuiltUser, q: string) => (await u.client.get(`/api/search?q=${encodeURIComponent(q)}`)).json().hits as Hit[];

    it("shows a title hit's opening words as its snippet even when the post says the word too, on both engines", async () => {
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const body = 'A slow start to the season here. Later on, the marramgrass came back by itself.';
      const titled = await newThread(a, space, { title: 'Marramgrass again', body });
      const hits = await search(reader, 'marramgrass');
      expect(hits.map((h) => h.postId)).toEqual([titled.post.id]);
      expect(hits[0]!.snippet).toEqual({ text: body, ranges: [] });
      expect(hits[0]!.title.text.slice(...hits[0]!.title.ranges[0]!)).toBe('Marramgrass');
    });

    it('lists threads whose title has every word first, newest first, then threads where a post says them, by their newest such post', async () => {
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const oldTitled = await newThread(a, space, { title: 'Quillwort in the pond', body: 'Watching the pond every evening.' });
      const mentioned = await newThread(a, space, { title: 'Evening routines', body: 'Tea, a book, and quillwort on the windowsill.' });
      const newTitled = await newThread(a, space, { title: 'More quillwort questions', body: 'Does anyone else keep water plants?' });
      // A later post that says the word moves its thread's hit to that post, not the thread up the title list.
      await replyTo(a, oldTitled.thread.id, { body: 'The quillwort flowered today.' });
      const newestMention = await replyTo(a, mentioned.thread.id, { body: 'My quillwort survived the frost.' });

      const hits = await search(reader, 'quillwort');
      expect(hits.map((h) => h.thread.id)).toEqual([newTitled.thread.id, oldTitled.thread.id, mentioned.thread.id]);
      // Title hits: the title highlighted, the opening post's first words as the snippet.
      expect(hits[0]!.postId).toBe(newTitled.post.id);
      expect(hits[0]!.title.text.slice(...hits[0]!.title.ranges[0]!)).toBe('quillwort');
      expect(hits[0]!.snippet.text).toBe('Does anyone else keep water plants?');
      // A thread found through its posts: the newest of them, highlighted.
      expect(hits[2]!.postId).toBe(newestMention.post.id);
      expect(hits[2]!.snippet.text.slice(...hits[2]!.snippet.ranges[0]!)).toBe('quillwort');

      // Every word must be in the title for the title rank; the other threads follow by their posts.
      const pond = await search(reader, 'quillwort pond');
      expect(pond.map((h) => h.thread.id)).toEqual([oldTitled.thread.id]);
      expect((await search(reader, 'quillwort questions')).map((h) => h.thread.id)).toEqual([newTitled.thread.id]);

      // A new post is found at once, and a title hit still comes before it.
      const fresh = await newThread(a, space, { title: 'Frost', body: 'Covered the quillwort tonight.' });
      expect((await search(reader, 'quillwort')).map((h) => h.thread.id)).toEqual([newTitled.thread.id, oldTitled.thread.id, fresh.thread.id, mentioned.thread.id]);
      expect((await reader.client.get('/api/search?q=quillwort&limit=2')).json().hits.map((h: Hit) => h.thread.id)).toEqual([newTitled.thread.id, oldTitled.thread.id]);
    });

    it('finds an older thread behind a busy one: a thread with 3,000 newer matches counts once (SQLite walk bound)', async () => {
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const [spaceA, spaceB] = [await spaceId(t.app, 'anxiety'), await spaceId(t.app, 'students')];
      const older = await newThread(a, spaceB, { title: 'Notes from the window', body: 'A zephyr came through the curtains.' });
      const busy = await newThread(a, spaceA, { title: 'Windy days', body: 'Who else likes the wind?' });
      const reply = await replyTo(a, busy.thread.id, { body: 'Another zephyr this morning.' });
      // 3,000 more replies saying the word, newer than the older thread: copies of the reply, in
      // SQL (the FTS triggers index them on SQLite; PostgreSQL's search_vector is generated).
      const db = t.app.kindred.database.db;
      const { search_key: _key, search_vector: _vector, ...copy } = (await db.selectFrom('posts').selectAll().where('id', '=', reply.post.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
      for (let start = 0; start < 3_000; start += 150) {
        const rows = Array.from({ length: 150 }, (_, i) => ({ ...copy, id: `${reply.post.id}-${String(start + i).padStart(4, '0')}` }));
        await db.insertInto('posts').values(rows as never).execute();
      }
      const found = (await reader.client.get('/api/search?q=zephyr&limit=50')).json() as { hits: Hit[]; truncated: boolean };
      expect(found.hits.map((h) => h.thread.id)).toEqual([busy.thread.id, older.thread.id]);
      expect(found.truncated).toBe(false);
      const inB = (await reader.client.get(`/api/search?q=zephyr&space=${spaceB}`)).json() as { hits: Hit[]; truncated: boolean };
      expect(inB.hits.map((h) => h.thread.id)).toEqual([older.thread.id]);
      expect(inB.hits[0]!.snippet.text.slice(...inB.hits[0]!.snippet.ranges[0]!)).toBe('zephyr');
    });

    it('says when the SQLite walk stopped before older matches: 3,000 newer threads the reader hides', async () => {
      const author = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'eating-difficulties');
      const older = await newThread(author, space, { title: 'Dune walks', body: 'The marram grass was tall this year.' });
      const warned = await newThread(author, space, { title: 'Mealtimes lately', body: 'Sat among the marram grass instead of eating.', warnings: ['eating'] });
      await reader.client.put('/api/me/content-warnings', { prefs: { eating: 'hide' } });
      // 3,000 more such threads (copies of the warned one and its opening post), in SQL.
      const db = t.app.kindred.database.db;
      const thread = (await db.selectFrom('threads').selectAll().where('id', '=', warned.thread.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
      const { search_key: _key, search_vector: _vector, ...post } = (await db.selectFrom('posts').selectAll().where('id', '=', warned.post.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
      for (let start = 0; start < 3_000; start += 150) {
        const n = Array.from({ length: 150 }, (_, i) => String(start + i).padStart(4, '0'));
        await db.insertInto('threads').values(n.map((k) => ({ ...thread, id: `${warned.thread.id}-${k}` })) as never).execute();
        await db.insertInto('posts').values(n.map((k) => ({ ...post, id: `${warned.post.id}-${k}`, thread_id: `${warned.thread.id}-${k}` })) as never).execute();
      }
      // On SQLite a new post is keyed and indexed before its transaction commits (migration 0032).
      if (database.name === 'sqlite') await communitiesRepository.indexNewPosts(db);
      const res = (await reader.client.get('/api/search?q=marram')).json() as { hits: Hit[]; truncated: boolean };
      if (database.name === 'sqlite') {
        // Past SEARCH_SCAN_THREADS threads met, the walk stops, and the answer says it may be partial.
        expect(res).toEqual({ hits: [], truncated: true });
      } else {
        // PostgreSQL reads every match: nothing is cut short.
        expect(res).toEqual({ hits: [expect.objectContaining({ thread: expect.objectContaining({ id: older.thread.id }) })], truncated: false });
      }
      // A narrower search reaches it on both.
      expect((await reader.client.get('/api/search?q=marram%20dune')).json()).toMatchObject({ hits: [{ thread: { id: older.thread.id } }], truncated: false });
    });

    it('with a space or kind filter, reaches threads behind 600 newer matches elsewhere, in order, for those who may see them (ADR 022)', async () => {
      const admin = await ensureAdmin(t.app);
      const a = await buildUser(t.app);
      const insider = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const program = (await admin.client.post('/api/admin/programs', { name: 'Estuary program' })).json().id as string;
      for (const u of [a, insider]) expect((await admin.client.post(`/api/admin/programs/${program}/members`, { userId: u.id })).statusCode).toBe(201);
      const closed = (await admin.client.post('/api/admin/spaces', { slug: `estuary-${Date.now()}`, name: 'Estuary', description: 'Program only.', houseRules: 'Kind.', visibility: 'program', programId: program })).json().id as string;
      const [spaceA, spaceB] = [await spaceId(t.app, 'anxiety'), await spaceId(t.app, 'students')];
      const helpedOld = await newThread(a, spaceB, { kind: 'what_helped', anonymous: true, title: 'Tide tables', body: 'Reading the tide tables calmed me.' });
      const helpedOldReply = await replyTo(a, helpedOld.thread.id, { body: 'I counted a wrasse in every pool.' });
      const question = await newThread(a, spaceB, { kind: 'question', title: 'Anyone watch fish?', body: 'Has anyone seen a wrasse up close?' });
      const helpedNew = await newThread(a, spaceB, { kind: 'what_helped', title: 'Rock pools', body: 'Watching a wrasse in the rock pools slowed my breathing.' });
      const inClosed = await newThread(a, closed, { kind: 'what_helped', title: 'Harbour notes', body: 'A wrasse by the harbour wall.' });
      // 600 newer matches in one busy thread of another space (copies of a reply, in SQL): the
      // walk crosses several batches and a bound check before it meets the filtered threads.
      const busy = await newThread(a, spaceA, { kind: 'what_helped', title: 'Sea days', body: 'Who else likes the sea?' });
      const reply = await replyTo(a, busy.thread.id, { body: 'Another wrasse this morning.' });
      const db = t.app.kindred.database.db;
      const { search_key: _key, search_vector: _vector, ...copy } = (await db.selectFrom('posts').selectAll().where('id', '=', reply.post.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
      for (let start = 0; start < 600; start += 150) {
        await db.insertInto('posts').values(Array.from({ length: 150 }, (_, i) => ({ ...copy, id: `${reply.post.id}-${String(start + i).padStart(4, '0')}` })) as never).execute();
      }
      const search = async (u: BuiltUser, query: string) => {
        const res = await u.client.get(`/api/search?q=wrasse${query}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { hits: (Hit & { thread: { author: unknown } })[]; truncated: boolean };
        expect(body.truncated).toBe(false);
        // Every hit is marked where the word is, however deep the walk found it.
        for (const h of body.hits) expect(h.snippet.text.slice(...h.snippet.ranges[0]!).toLowerCase()).toBe('wrasse');
        return body.hits;
      };

      const helped = await search(reader, `&space=${spaceB}&kind=what_helped`);
      expect(helped.map((h) => h.thread.id)).toEqual([helpedNew.thread.id, helpedOld.thread.id]);
      expect(helped.map((h) => h.postId)).toEqual([helpedNew.post.id, helpedOldReply.post.id]);
      expect(helped[1]!.thread.author).toEqual({ user: null, label: 'Anonymous member', anonymous: true, isMe: false });
      expect((await search(reader, `&space=${spaceB}`)).map((h) => h.thread.id)).toEqual([helpedNew.thread.id, question.thread.id, helpedOld.thread.id]);
      expect((await search(reader, '&kind=question')).map((h) => h.thread.id)).toEqual([question.thread.id]);
      // The program-only space: its members find its thread, others do not, even by naming it.
      expect((await search(reader, '&kind=what_helped')).map((h) => h.thread.id)).toEqual([busy.thread.id, helpedNew.thread.id, helpedOld.thread.id]);
      expect((await search(insider, '&kind=what_helped')).map((h) => h.thread.id)).toEqual([busy.thread.id, inClosed.thread.id, helpedNew.thread.id, helpedOld.thread.id]);
      expect(await search(reader, `&space=${closed}`)).toEqual([]);
      expect((await search(insider, `&space=${closed}`)).map((h) => h.thread.id)).toEqual([inClosed.thread.id]);
      // A hidden hit gives way to the thread's next visible match, or takes the thread out.
      const mod = await buildUser(t.app, { roles: ['supervisor'] });
      expect((await mod.client.post(`/api/moderation/posts/${helpedNew.post.id}/hide`, { note: 'Off-topic.' })).statusCode).toBeLessThan(300);
      expect((await search(reader, `&space=${spaceB}&kind=what_helped`)).map((h) => h.thread.id)).toEqual([helpedOld.thread.id]);
    });

    it('gives every page size the same threads in the same order across the walk\'s batches: each thread once, by its newest visible match (ADR 032)', async () => {
      const admin = await ensureAdmin(t.app);
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const mod = await buildUser(t.app, { roles: ['supervisor'] });
      const program = (await admin.client.post('/api/admin/programs', { name: 'Shore program' })).json().id as string;
      expect((await admin.client.post(`/api/admin/programs/${program}/members`, { userId: a.id })).statusCode).toBe(201);
      const closed = (await admin.client.post('/api/admin/spaces', { slug: `shore-${Date.now()}`, name: 'Shore', description: 'Program only.', houseRules: 'Kind.', visibility: 'program', programId: program })).json().id as string;
      const space = await spaceId(t.app, 'anxiety');
      await reader.client.put('/api/me/content-warnings', { prefs: { eating: 'hide' } });
      const titled = await newThread(a, space, { title: 'Sandpiper notes', body: 'Seen by the shore.' });
      const threads = [];
      for (let i = 0; i < 8; i++) threads.push(await newThread(a, space, { title: `Shore diary ${i}`, body: 'Nothing to report today.' }));
      const hidden = await newThread(a, closed, { title: 'Closed shore', body: 'Quiet here.' });
      // Replies saying the word, oldest first: a busy thread (0) with most of them, the title hit's
      // thread and a space the reader cannot see among them, so the page sizes below end their
      // walk in the first batch, the second, or the rest.
      const order: (number | 'titled' | 'hidden')[] = [1, 2, 0, 3, 'hidden', 4, 0, 5, 'titled', 6, 0, 7, 'hidden', 1, 0, 0, 2, 0, 'hidden', 0, 'titled', 0, 0, 3, 0, 0];
      const newest = new Map<string, { post: string; n: number }>();
      for (const [n, i] of order.entries()) {
        const thread = i === 'titled' ? titled : i === 'hidden' ? hidden : threads[i]!;
        const reply = await replyTo(a, thread.thread.id, { body: `A sandpiper again, note ${n}.` });
        newest.set(thread.thread.id, { post: reply.post.id, n });
      }
      // 200 more matches in the busy thread, newer than the rest (copies of its last reply, in SQL, as
      // above): a page of two or more threads reads past them into the walk's last step.
      const busiest = newest.get(threads[0]!.thread.id)!;
      const db = t.app.kindred.database.db;
      const { search_key: _key, search_vector: _vector, ...copy } = (await db.selectFrom('posts').selectAll().where('id', '=', busiest.post).executeTakeFirstOrThrow()) as Record<string, unknown>;
      await db.insertInto('posts').values(Array.from({ length: 200 }, (_, i) => ({ ...copy, id: `${busiest.post}-${String(i).padStart(4, '0')}` })) as never).execute();
      newest.set(threads[0]!.thread.id, { post: `${busiest.post}-0199`, n: order.length });
      // Thread 3's newest match is hidden by a moderator, thread 4's newest carries a warning the
      // reader hides: each is listed by its previous match.
      const previousOf3 = newest.get(threads[3]!.thread.id)!;
      const last3 = await replyTo(a, threads[3]!.thread.id, { body: 'One more sandpiper, later hidden.' });
      expect((await mod.client.post(`/api/moderation/posts/${last3.post.id}/hide`, { note: 'Off-topic.' })).statusCode).toBeLessThan(300);
      await replyTo(a, threads[4]!.thread.id, { body: 'A sandpiper at mealtime.', warnings: ['eating'] });
      newest.set(threads[3]!.thread.id, previousOf3);
      const byPost = [...newest.entries()].filter(([id]) => id !== titled.thread.id && id !== hidden.thread.id).sort((x, y) => y[1].n - x[1].n);
      const expected = [{ thread: titled.thread.id, post: titled.post.id }, ...byPost.map(([thread, { post }]) => ({ thread, post }))];
      expect(expected).toHaveLength(9);
      for (let limit = 1; limit <= 10; limit++) {
        const res = await reader.client.get(`/api/search?q=sandpiper&limit=${limit}`);
        expect(res.statusCode, res.body).toBe(200);
        expect((res.json().hits as Hit[]).map((h) => ({ thread: h.thread.id, post: h.postId })), `limit ${limit}`).toEqual(expected.slice(0, limit));
        // Narrowed to the one space all of them are in: one statement on PostgreSQL, the same answer.
        const narrowed = await reader.client.get(`/api/search?q=sandpiper&limit=${limit}&space=${space}`);
        expect(narrowed.statusCode, narrowed.body).toBe(200);
        expect((narrowed.json().hits as Hit[]).map((h) => ({ thread: h.thread.id, post: h.postId })), `limit ${limit}, one space`).toEqual(expected.slice(0, limit));
      }
    });

    it('follows title edits and deletions at once', async () => {
      const a = await buildUser(t.app);
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const th = await newThread(a, space, { title: 'Samphire season', body: 'Picked some by the estuary.' });
      expect((await search(reader, 'samphire')).map((h) => h.thread.id)).toEqual([th.thread.id]);
      const edited = await a.client.patch(`/api/posts/${th.post.id}`, { title: 'Glasswort season', body: 'Picked some by the estuary.' });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(await search(reader, 'samphire')).toEqual([]);
      const found = await search(reader, 'glasswort');
      expect(found.map((h) => h.thread.id)).toEqual([th.thread.id]);
      expect(found[0]!.title.text.slice(...found[0]!.title.ranges[0]!)).toBe('Glasswort');
      await a.client.delete(`/api/posts/${th.post.id}`);
      expect(await search(reader, 'glasswort')).toEqual([]);
    });

    it('keeps hidden opening posts and hidden replies out of both tiers', async () => {
      const a = await buildUser(t.app);
      const mod = await buildUser(t.app, { roles: ['supervisor'] });
      const reader = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const titled = await newThread(a, space, { title: 'Bladderwrack on the beach', body: 'Collected some today.' });
      const other = await newThread(a, space, { title: 'Beach days', body: 'Sand and sea.' });
      const reply = await replyTo(a, other.thread.id, { body: 'Bladderwrack everywhere this morning.' });
      expect((await search(reader, 'bladderwrack')).map((h) => h.thread.id)).toEqual([titled.thread.id, other.thread.id]);
      for (const id of [titled.post.id, reply.post.id]) {
        const res = await mod.client.post(`/api/moderation/posts/${id}/hide`, { note: 'Off-topic.' });
        expect(res.statusCode, res.body).toBeLessThan(300);
      }
      expect(await search(reader, 'bladderwrack')).toEqual([]);
    });
    // SQLite reads a title hit's post in a statement after the walk that found it, and other
    // requests run in between; a post tier hit's post and marks are read by the statement that
    // picked it (ADR 063). The walk's result passes through a Kysely plugin, which changes the posts
    // through a second connection to the same database file before the search reads on: a title
    // hit whose title dropped the word must not show; a post tier hit shows as that statement read
    // it (marked: its snippet is of the text that matched), and the next search sees the change.
    it.runIf(database.name === 'sqlite')('re-checks a title hit when reading its post; a post tier hit is read with its walk, a change after it seen by the next search', async () => {
      const made = await database.create({ persistent: true });
      const built = await buildTestApp({ ...database, create: async () => made });
      const other = openDatabase(made.url);
      try {
        const app = built.app;
        const a = await buildUser(app);
        const [space, elsewhere] = [await spaceId(app, 'students'), await spaceId(app, 'anxiety')];
        const db = app.kindred.database.db;
        // A walk's rows say whether each candidate is visible: the first non-empty one fires.
        const walk = changeAfterFirstResultWith('visible');
        const search = async (word: string, plugged: boolean) =>
          (await communitiesRepository.search(plugged ? db.withPlugin(walk.plugin) : db, 'sqlite', {
            terms: [word], match: 'all', order: 'newest', spaceIds: [space], hiddenWarnings: [], limit: 10,
          })).rows.map((r) => ({ post: r.post_id, thread: r.thread_id, marked: r.snippet_marked.toLowerCase().includes(`${MARK_START}${word}`) }));

        // Hidden after the walk that picked it: listed as read; left out by the next search.
        const shore = await newThread(a, space, { title: 'Shore walk', body: 'Down to the water.' });
        const kelp = await replyTo(a, shore.thread.id, { body: 'Kelp piled up by the steps.' });
        const kelpHit = [{ post: kelp.post.id, thread: shore.thread.id, marked: true }];
        expect(await search('kelp', false)).toEqual(kelpHit);
        walk.once(async () => {
          await other.db.updateTable('posts').set({ state: 'hidden' }).where('id', '=', kelp.post.id).execute();
        });
        expect(await search('kelp', true)).toEqual(kelpHit);
        expect(walk.pending).toBe(false);
        expect(await search('kelp', false)).toEqual([]);

        // Deleted between the walk and the read, its key (the newest, max + 1) taken at once by a
        // post in a thread of a space the search does not cover.
        const away = await newThread(a, elsewhere, { title: 'Elsewhere', body: 'Somewhere else.' });
        const harbour = await newThread(a, space, { title: 'Harbour', body: 'Boats in.' });
        const eelgrass = await replyTo(a, harbour.thread.id, { body: 'Eelgrass under the pontoon.' });
        const eelgrassHit = [{ post: eelgrass.post.id, thread: harbour.thread.id, marked: true }];
        expect(await search('eelgrass', false)).toEqual(eelgrassHit);
        const replacement = `${eelgrass.post.id}-x`;
        walk.once(async () => {
          const row = await other.db.selectFrom('posts').selectAll().where('id', '=', eelgrass.post.id).executeTakeFirstOrThrow();
          const { search_key: key, ...copy } = row as Record<string, unknown>;
          await other.db.deleteFrom('posts').where('id', '=', eelgrass.post.id).execute();
          await other.db.insertInto('posts').values({ ...copy, id: replacement, thread_id: away.thread.id, body_text: 'Not for this reader.' } as never).execute();
          // Keyed as a transaction of the app keys its new posts before it commits (migration 0032).
          await communitiesRepository.indexNewPosts(other.db);
          const taken = await sql<{ search_key: number }>`select search_key from posts where id = ${replacement}`.execute(other.db);
          expect(taken.rows[0]?.search_key).toBe(key);
        });
        expect(await search('eelgrass', true)).toEqual(eelgrassHit);
        expect(walk.pending).toBe(false);
        expect(await search('eelgrass', false)).toEqual([]);

        // Edited after the walk to drop the word: listed with the snippet its walk read, marked
        // (never an unmarked snippet: the marks are of the row that matched); gone next time.
        const limpet = await replyTo(a, shore.thread.id, { body: 'A limpet on the rock.' });
        const limpetHit = [{ post: limpet.post.id, thread: shore.thread.id, marked: true }];
        expect(await search('limpet', false)).toEqual(limpetHit);
        walk.once(async () => {
          await other.db.updateTable('posts').set({ body_text: 'A barnacle on the rock.' }).where('id', '=', limpet.post.id).execute();
        });
        expect(await search('limpet', true)).toEqual(limpetHit);
        expect(walk.pending).toBe(false);
        expect(await search('limpet', false)).toEqual([]);

        // A title hit whose title drops the word in between (its body still says it): not listed as a title hit.
        const cove = await newThread(a, space, { title: 'Samphire by the path', body: 'The samphire is back.' });
        // (A title hit's snippet is its text's start, unmarked.)
        expect(await search('samphire', false)).toEqual([{ post: cove.post.id, thread: cove.thread.id, marked: false }]);
        walk.once(async () => {
          await other.db.updateTable('posts').set({ search_title: 'Sea beet by the path' }).where('id', '=', cove.post.id).execute();
        });
        expect(await search('samphire', true)).toEqual([]);
        expect(walk.pending).toBe(false);
        // Read afresh, it is found through its post.
        expect(await search('samphire', false)).toEqual([{ post: cove.post.id, thread: cove.thread.id, marked: true }]);

        // A post between two hits edited in between to say the word: the hits, read by their walk, stay.
        const older = await newThread(a, space, { title: 'Cliffs at dawn', body: 'A guillemot on the ledge.' });
        const between = await newThread(a, space, { title: 'Cliffs at noon', body: 'Nothing on the ledge.' });
        const newer = await newThread(a, space, { title: 'Cliffs at dusk', body: 'A guillemot again.' });
        const both = [{ post: newer.post.id, thread: newer.thread.id, marked: true }, { post: older.post.id, thread: older.thread.id, marked: true }];
        expect(await search('guillemot', false)).toEqual(both);
        walk.once(async () => {
          await other.db.updateTable('posts').set({ body_text: 'A guillemot on the ledge too.' }).where('id', '=', between.post.id).execute();
        });
        expect(await search('guillemot', true)).toEqual(both);
        expect(walk.pending).toBe(false);
      } finally {
        await other.close();
        await built.close();
      }
    });

    // PostgreSQL reads the texts of its walk's hits in a statement of their own (ADR 032). A post
    // edited in between so that it no longer says the words (or a title hit's title no longer
    // holds them) must not come back with an unmarked snippet: the read checks the match again.
    it.runIf(database.name === 'postgres')('re-checks the match when reading the hits: a post or title edited since the walk is left out', async () => {
      const a = await buildUser(t.app);
      // Two spaces: not narrowed to one, so the search walks (a one-space search is one statement).
      const spaces = [await spaceId(t.app, 'students'), await spaceId(t.app, 'anxiety')];
      // The post tier's walk (its rows say how many matches the batch read) fires the change.
      const walk = changeAfterFirstResultWith('rows_read');
      const db = t.app.kindred.database.db;
      const search = async (word: string, plugged: boolean) =>
        (await communitiesRepository.search(plugged ? db.withPlugin(walk.plugin) : db, 'postgres', {
          terms: [word], match: 'all', order: 'newest', spaceIds: spaces, hiddenWarnings: [], limit: 10,
        })).rows.map((r) => ({ post: r.post_id, thread: r.thread_id }));
      const edit = async (postId: string, body: Record<string, string>) => {
        const res = await a.client.patch(`/api/posts/${postId}`, body);
        expect(res.statusCode, res.body).toBeLessThan(300);
      };

      // A reply that said the word, edited between the walk and the read.
      const shore = await newThread(a, spaces[0]!, { title: 'Shore walk', body: 'Down to the water.' });
      const kelp = await replyTo(a, shore.thread.id, { body: 'Kelp piled up by the steps.' });
      expect(await search('kelp', false)).toEqual([{ post: kelp.post.id, thread: shore.thread.id }]);
      walk.once(() => edit(kelp.post.id, { body: 'Seaweed piled up by the steps.' }));
      expect(await search('kelp', true)).toEqual([]);
      expect(walk.pending).toBe(false);

      // A title hit whose title drops the word in between (its body still says it): not listed as a title hit.
      const bay = await newThread(a, spaces[1]!, { title: 'Eelgrass in the bay', body: 'The eelgrass is back.' });
      expect(await search('eelgrass', false)).toEqual([{ post: bay.post.id, thread: bay.thread.id }]);
      walk.once(() => edit(bay.post.id, { title: 'Seagrass in the bay', body: 'The eelgrass is back.' }));
      expect(await search('eelgrass', true)).toEqual([]);
      expect(walk.pending).toBe(false);
      // Read afresh, it is found through its post.
      expect((await search('eelgrass', false))).toEqual([{ post: bay.post.id, thread: bay.thread.id }]);
    });

  });

  describe('live updates', () => {
    it('sends new threads to the space room and replies and reactions to the thread room, presented', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const author = await buildUser(t.app);
      const watcher = await buildUser(t.app);
      const space = await spaceId(t.app, 'carers');
      const socket = await TestSocket.open(t.app, watcher.client);
      try {
        expect(await socket.subscribe(`space:${space}`)).toMatchObject({ type: 'subscribed' });
        const th = await newThread(author, space, { title: 'Caring for my dad' });
        const created = await socket.next((m) => m.type === 'event' && m.event.type === 'community.thread_created');
        expect(created).toMatchObject({ room: `space:${space}`, event: { data: { thread: { id: th.thread.id, title: 'Caring for my dad' } } } });
        expect(await socket.subscribe(`thread:${th.thread.id}`)).toMatchObject({ type: 'subscribed' });
        expect(await socket.subscribe('thread:00000000-0000-7000-8000-000000000999')).toMatchObject({ type: 'denied' });
        const r = await replyTo(author, th.thread.id, { body: 'Update: he is settling in well.' });
        const ev = await socket.next((m) => m.type === 'event' && m.event.type === 'community.post_created');
        expect(ev).toMatchObject({ room: `thread:${th.thread.id}`, event: { data: { post: { id: r.post.id, bodySource: null, myReactions: [] } } } });
        await watcher.client.put(`/api/posts/${r.post.id}/reactions/strength`);
        const re = await socket.next((m) => m.type === 'event' && m.event.type === 'community.reactions_changed');
        expect(re).toMatchObject({ event: { data: { postId: r.post.id, reactions: { strength: 1 } } } });
        expect(JSON.stringify(re)).not.toContain(watcher.id);
        await socket.next((m) => m.type === 'event' && m.event.type === 'community.thread_activity' && m.room === `space:${space}`);
      } finally {
        socket.close();
      }
    });
  });

  describe('notifications', () => {
    it('tells me about replies, mentions, reactions and followed threads, live, with unread counts, read marks and preferences', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const me = await buildUser(t.app);
      const other = await buildUser(t.app);
      const third = await buildUser(t.app);
      const space = await spaceId(t.app, 'bipolar');
      const socket = await TestSocket.open(t.app, me.client);
      try {
        const mine = await newThread(me, space, { title: 'Routines that keep me steady' });
        const theirs = await newThread(other, space, { title: 'Sleep and mood' });
        await me.client.put(`/api/threads/${theirs.thread.id}/follow`);
        await replyTo(other, mine.thread.id);
        await replyTo(third, theirs.thread.id, { body: 'Sleep is everything for me too.' });
        await replyTo(third, theirs.thread.id, { body: `@${me.handle} what do you think about this?` });
        await other.client.put(`/api/posts/${mine.post.id}/reactions/helped`);
        await t.app.kindred.dispatcher.idle();
        const live = await socket.next((m) => m.type === 'event' && m.event.type === 'notification.created');
        expect(live).toMatchObject({ room: `user:${me.id}` });
        const page = (await me.client.get('/api/notifications')).json();
        expect(page.notifications.map((n: { kind: string }) => n.kind).sort()).toEqual(['followed', 'mention', 'reaction', 'reply']);
        expect(page.unreadCount).toBe(4);
        const reaction = page.notifications.find((n: { kind: string }) => n.kind === 'reaction');
        expect(reaction).toMatchObject({ reaction: 'helped', actor: { id: other.id, handle: other.handle }, threadTitle: 'Routines that keep me steady', read: false });
        expect((await me.client.post('/api/notifications/read', { ids: [reaction.id] })).json().unreadCount).toBe(3);
        expect((await me.client.post('/api/notifications/read', { all: true })).json().unreadCount).toBe(0);
        expect((await other.client.get('/api/notifications')).json().notifications.map((n: { id: string }) => n.id)).not.toContain(reaction.id);

        expect((await me.client.get('/api/me/notification-preferences')).json().prefs).toEqual({ reply: true, mention: true, reaction: true, followed: true, meeting_reminder: true });
        await me.client.put('/api/me/notification-preferences', { prefs: { reaction: false } });
        await third.client.put(`/api/posts/${mine.post.id}/reactions/relate`);
        await replyTo(third, mine.thread.id);
        await t.app.kindred.dispatcher.idle();
        const after = (await me.client.get('/api/notifications?unread=true')).json().notifications.map((n: { kind: string }) => n.kind);
        expect(after).toEqual(['reply']);
        expect((await me.client.put('/api/me/notification-preferences', { prefs: { moderation: false } })).statusCode).toBe(400);
      } finally {
        socket.close();
      }
    });

    it('fans a reply out to every follower of a busy thread in batches: one each, their own unread count, opt-outs respected', async () => {
      const author = await buildUser(t.app);
      const space = await spaceId(t.app, 'carers');
      const th = await newThread(author, space, { title: 'Looking after mum this winter' });
      // More followers than one insert batch (200 rows), so the batching's seams are crossed.
      const followers = await Promise.all(Array.from({ length: 230 }, () => buildUser(t.app)));
      for (const f of followers) expect((await f.client.put(`/api/threads/${th.thread.id}/follow`)).statusCode).toBe(200);
      const quiet = followers[7]!;
      await quiet.client.put('/api/me/notification-preferences', { prefs: { followed: false } });
      // One follower has an unread notification already (from another thread): counts are each person's own.
      const earlier = followers[3]!;
      const elsewhere = await newThread(author, space, { title: 'Respite care, a first try' });
      await earlier.client.put(`/api/threads/${elsewhere.thread.id}/follow`);
      await replyTo(author, elsewhere.thread.id, { body: 'A first update, before the busy evening.' });
      await t.app.kindred.dispatcher.idle();
      await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
      const socket = await TestSocket.open(t.app, earlier.client);
      const replier = await buildUser(t.app);
      const reply = await replyTo(replier, th.thread.id, { body: 'Thinking of you both; the evenings are the hardest.' });
      await t.app.kindred.dispatcher.idle();
      try {
        const live = await socket.next((m) => m.type === 'event' && m.event.type === 'notification.created' && (m.event.data as { notification: { postId: string } }).notification.postId === reply.post.id);
        expect(live).toMatchObject({ room: `user:${earlier.id}`, event: { data: { unreadCount: 2 } } });
      } finally {
        socket.close();
      }
      const db = t.app.kindred.database.db;
      const rowsFor = (postId: string) => db.selectFrom('notifications').select(['user_id', 'kind']).where('post_id', '=', postId).execute();
      const rows = await rowsFor(reply.post.id);
      const expected = new Set([author.id, ...followers.filter((f) => f !== quiet).map((f) => f.id)]);
      expect(rows.length).toBe(expected.size);
      expect(new Set(rows.map((r) => r.user_id))).toEqual(expected);
      expect(rows.find((r) => r.user_id === author.id)?.kind).toBe('reply');
      const page = (await earlier.client.get('/api/notifications')).json();
      expect(page.unreadCount).toBe(2);
      expect(page.notifications[0]).toMatchObject({ kind: 'followed', threadTitle: 'Looking after mum this winter', postId: reply.post.id, actor: { id: replier.id } });
      expect((await quiet.client.get('/api/notifications')).json().notifications).toEqual([]);

      // More replies while that notice is unread: no second notice for followers (it points at the
      // first new reply, where reading starts), but each reply to the author's own thread is told.
      const more = await replyTo(replier, th.thread.id, { body: 'And the mornings, some days.' });
      await t.app.kindred.dispatcher.idle();
      expect(await rowsFor(more.post.id)).toEqual([{ user_id: author.id, kind: 'reply' }]);
      expect((await followers[0]!.client.get('/api/notifications')).json().unreadCount).toBe(1);
      // Once read, the next reply is news again.
      await earlier.client.post('/api/notifications/read', { all: true });
      const later = await replyTo(replier, th.thread.id, { body: 'Checking in again tonight.' });
      await t.app.kindred.dispatcher.idle();
      expect(new Set((await rowsFor(later.post.id)).map((r) => `${r.kind} ${r.user_id}`))).toEqual(new Set([`reply ${author.id}`, `followed ${earlier.id}`]));
      expect((await earlier.client.get('/api/notifications?unread=true')).json().notifications).toMatchObject([{ kind: 'followed', postId: later.post.id }]);
    });

    it('does not notify a mention in a program-only space to someone outside it', async () => {
      const admin = await ensureAdmin(t.app);
      const insider = await buildUser(t.app);
      const outsider = await buildUser(t.app);
      const program = (await admin.client.post('/api/admin/programs', { name: 'Closed group' })).json().id as string;
      await admin.client.post(`/api/admin/programs/${program}/members`, { userId: insider.id });
      const space = (await admin.client.post('/api/admin/spaces', { slug: `closed-${Date.now()}`, name: 'Closed', description: 'Closed.', houseRules: 'Kind.', visibility: 'program', programId: program })).json().id as string;
      await newThread(insider, space, { title: 'Hello closed group', body: `Hi @${outsider.handle}, hope you can join` });
      await t.app.kindred.dispatcher.idle();
      expect((await outsider.client.get('/api/notifications')).json().notifications).toEqual([]);
    });
  });

  describe('moderation', () => {
    it('takes reports to a review queue; moderators hide, restore, edit with a note, warn and suspend; reporters hear the outcome', async () => {
      const author = await buildUser(t.app);
      const reporter = await buildUser(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const space = await spaceId(t.app, 'substance-use');
      const th = await newThread(author, space, { title: 'Buy my stuff', body: 'Visit my shop for cheap supplements, great deals.' });
      expect((await reporter.client.post(`/api/posts/${th.post.id}/reports`, { reason: 'gossip' })).statusCode).toBe(400);
      const rep = await reporter.client.post(`/api/posts/${th.post.id}/reports`, { reason: 'spam', note: 'Advertising.' });
      expect(rep.statusCode).toBe(201);
      expect((await reporter.client.get('/api/moderation/queue')).statusCode).toBe(403);
      const queue = (await supervisor.client.get('/api/moderation/queue')).json();
      const item = queue.reports.find((r: { id: string }) => r.id === rep.json().id);
      expect(item).toMatchObject({ reason: 'spam', note: 'Advertising.', status: 'open', threadTitle: 'Buy my stuff', post: { id: th.post.id } });

      expect((await reporter.client.post(`/api/moderation/reports/${item.id}/resolve`, { action: 'dismiss' })).statusCode).toBe(403);
      const resolved = await supervisor.client.post(`/api/moderation/reports/${item.id}/resolve`, { action: 'hide', note: 'Advertising is not allowed.' });
      expect(resolved.json().outcome).toBe('the post was hidden');
      expect((await supervisor.client.post(`/api/moderation/reports/${item.id}/resolve`, { action: 'dismiss' })).statusCode).toBe(409);
      expect((await reporter.client.get(`/api/threads/${th.thread.id}`)).statusCode).toBe(404);
      expect((await reporter.client.get('/api/threads?limit=100')).json().threads.map((x: { id: string }) => x.id)).not.toContain(th.thread.id);
      await t.app.kindred.dispatcher.idle();
      const told = (await reporter.client.get('/api/notifications')).json().notifications.find((n: { kind: string }) => n.kind === 'moderation');
      expect(told.message).toMatch(/the post was hidden/);
      expect((await author.client.get('/api/notifications')).json().notifications[0].message).toMatch(/Advertising is not allowed/);

      expect((await supervisor.client.post(`/api/moderation/posts/${th.post.id}/restore`)).statusCode).toBe(200);
      expect((await reporter.client.get(`/api/threads/${th.thread.id}`)).statusCode).toBe(200);
      expect((await supervisor.client.post(`/api/moderation/posts/${th.post.id}/edit`, { body: 'Supplements helped me a bit.', note: 'Removed the advert.' })).statusCode).toBe(200);
      const history = (await supervisor.client.get(`/api/moderation/posts/${th.post.id}/history`)).json().edits;
      expect(history.at(-1)).toMatchObject({ editorRole: 'moderator', editorHandle: supervisor.handle, note: 'Removed the advert.', previousBody: 'Visit my shop for cheap supplements, great deals.' });
      expect((await reporter.client.get(`/api/threads/${th.thread.id}`)).json().posts[0].bodyHtml).toContain('Supplements helped me a bit.');
      expect((await supervisor.client.post(`/api/moderation/posts/${th.post.id}/warn`, { note: 'Please no adverts.' })).statusCode).toBe(200);

      const sus = await supervisor.client.post(`/api/moderation/users/${author.id}/suspend`, { days: 3, reason: 'Repeated adverts.' });
      expect(sus.statusCode).toBe(200);
      const until = sus.json().until as string;
      const blocked = await author.client.post(`/api/threads/${th.thread.id}/posts`, { body: 'one more' });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error).toMatchObject({ code: 'suspended', until });
      expect((await reporter.client.post(`/api/moderation/users/${author.id}/suspend`, { days: 3, reason: 'x' })).statusCode).toBe(403);
      t.clock.advance(3 * 86_400_000 + 1000);
      expect((await author.client.post(`/api/threads/${th.thread.id}/posts`, { body: 'I am back and will follow the rules.' })).statusCode).toBe(201);
    });

    it('a suspension refuses every way of putting text in the community (thread, reply, edit of a thread or a reply) and nothing else: the member stays signed in', async () => {
      const author = await buildUser(t.app);
      const other = await buildUser(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const space = await spaceId(t.app, 'anxiety');
      const th = await newThread(author, space);
      const mine = await replyTo(author, th.thread.id);
      const theirs = await newThread(other, space, { title: 'Mornings are hard' });
      const postsOf = async (threadId: string) => (await other.client.get(`/api/threads/${threadId}`)).json().posts as { id: string; bodyHtml: string }[];
      const before = await postsOf(th.thread.id);
      const sus = await supervisor.client.post(`/api/moderation/users/${author.id}/suspend`, { days: 2, reason: 'Repeated adverts.' });
      expect(sus.statusCode).toBe(200);

      const writes = [
        () => author.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title: 'Cheap supplements', body: 'Visit my shop for cheap supplements.' }),
        () => author.client.post(`/api/threads/${th.thread.id}/posts`, { body: 'Visit my shop for cheap supplements.' }),
        () => author.client.post(`/api/threads/${theirs.thread.id}/posts`, { body: 'Visit my shop for cheap supplements.' }),
        () => author.client.patch(`/api/posts/${th.post.id}`, { body: 'Visit my shop for cheap supplements.', title: 'Cheap supplements' }),
        () => author.client.patch(`/api/posts/${mine.post.id}`, { body: 'Visit my shop for cheap supplements.' }),
      ];
      for (const write of writes) {
        const res = await write();
        expect(res.statusCode).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'suspended', until: sus.json().until });
      }
      expect(await postsOf(th.thread.id)).toEqual(before);
      expect((await postsOf(theirs.thread.id)).map((p) => p.id)).toEqual([theirs.post.id]);
      expect((await other.client.get(`/api/threads?space=${space}&limit=100`)).json().threads.map((x: { title: string }) => x.title)).not.toContain('Cheap supplements');

      // A suspension from posting, not from the platform: still signed in (a mentor, a circle, the
      // journal and crisis resources stay within reach), and still able to take back their own
      // words and to report a post.
      expect((await author.client.get('/api/me')).statusCode).toBe(200);
      expect((await author.client.delete(`/api/posts/${mine.post.id}`)).statusCode).toBe(200);
      expect((await author.client.post(`/api/posts/${theirs.post.id}/reports`, { reason: 'spam' })).statusCode).toBe(201);
    });

    it('slows a thread down with 429 and Retry-After, and holds new accounts’ first posts when the admin asks', async () => {
      const admin = await ensureAdmin(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const member = await buildUser(t.app);
      const th = await newThread(member, await spaceId(t.app, 'ptsd-and-trauma'), { title: 'Grounding ideas' });
      expect((await member.client.put(`/api/moderation/threads/${th.thread.id}/slow-mode`, { seconds: 60 })).statusCode).toBe(403);
      expect((await supervisor.client.put(`/api/moderation/threads/${th.thread.id}/slow-mode`, { seconds: 60 })).json().slowModeSeconds).toBe(60);
      t.clock.advance(61_000);
      await replyTo(member, th.thread.id);
      const slow = await member.client.post(`/api/threads/${th.thread.id}/posts`, { body: 'and another thought' });
      expect(slow.statusCode).toBe(429);
      expect(slow.headers['retry-after']).toBe('60');
      t.clock.advance(61_000);
      await replyTo(member, th.thread.id);

      expect((await member.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).statusCode).toBe(403);
      expect((await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 1 })).json()).toEqual({ holdFirstPosts: 1 });
      const newcomer = await buildUser(t.app);
      const first = await newThread(newcomer, await spaceId(t.app, 'ptsd-and-trauma'), { title: 'Hello, I am new here' });
      expect(first.post.state).toBe('pending');
      expect(first.safety.held).toBe(false);
      expect((await member.client.get(`/api/threads/${first.thread.id}`)).statusCode).toBe(404);
      const queue = (await supervisor.client.get('/api/moderation/queue')).json();
      expect(queue.pendingPosts.find((p: { id: string }) => p.id === first.post.id)).toMatchObject({ pendingReason: 'first_post', threadTitle: 'Hello, I am new here' });
      expect((await supervisor.client.post(`/api/moderation/posts/${first.post.id}/approve`)).statusCode).toBe(200);
      expect((await member.client.get(`/api/threads/${first.thread.id}`)).statusCode).toBe(200);
      const second = await newThread(newcomer, await spaceId(t.app, 'ptsd-and-trauma'), { title: 'My second post' });
      expect(second.post.state).toBe('visible');
      await admin.client.put('/api/admin/community-settings', { holdFirstPosts: 0 });
    });
  });
});

describe.each(testDatabases)('community data on erasure on $name', (database) => {
  const t = useTestApp(database);

  for (const publicPosts of ['delete', 'anonymize'] as const) {
    it(`removes the member's community data (public posts: ${publicPosts})`, async () => {
      await ensureAdmin(t.app);
      const handle = `Leaving_${publicPosts}`;
      const leaving = await buildUser(t.app, { handle, password: 'a long enough password' });
      const other = await buildUser(t.app);
      const space = await spaceId(t.app, 'anxiety');
      const own = await newThread(leaving, space, { title: `Private-ish words ${publicPosts} zanzibar`, body: `Body words ${publicPosts} quetzal-harbour` });
      const alone = await newThread(leaving, space, { title: 'Nobody replied to this one', body: `lonely words ${publicPosts} marzipan-lighthouse`, anonymous: true });
      await leaving.client.patch(`/api/posts/${own.post.id}`, { body: `Edited body ${publicPosts} quetzal-harbour` });
      const theirs = await newThread(other, space, { title: 'Someone else’s thread' });
      await replyTo(leaving, theirs.thread.id, { body: `Reply words ${publicPosts} okapi-lantern @${other.handle}` });
      await replyTo(other, own.thread.id, { body: 'A reply that should stay.' });
      await leaving.client.put(`/api/posts/${theirs.post.id}/reactions/relate`);
      await other.client.put(`/api/posts/${own.post.id}/reactions/strength`);
      await leaving.client.post(`/api/posts/${theirs.post.id}/reports`, { reason: 'other', note: `report note ${publicPosts}` });
      await leaving.client.put('/api/me/content-warnings', { prefs: { loss: 'hide' } });
      await leaving.client.put('/api/me/notification-preferences', { prefs: { followed: false } });
      await leaving.client.put(`/api/threads/${theirs.thread.id}/follow`);
      await t.app.kindred.dispatcher.idle();
      expect((await leaving.client.get('/api/notifications')).json().notifications.length).toBeGreaterThan(0);
      expect((await other.client.get('/api/notifications')).json().notifications.some((n: { actor: { id: string } | null }) => n.actor?.id === leaving.id)).toBe(true);
      const exported = (await leaving.client.get('/api/me/export')).json();
      expect(exported.community.posts.length).toBe(3);
      expect(exported.community.reactions).toHaveLength(1);
      expect(exported.community.reportsMade).toHaveLength(1);
      expect(exported.notifications.notifications.length).toBeGreaterThan(0);

      const res = await leaving.client.post('/api/me/erase', { password: 'a long enough password', publicPosts, confirm: 'DELETE' });
      expect(res.statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();

      const db = t.app.kindred.database.db;
      const tables = await ownTables(db);
      expect(tables).toEqual(expect.arrayContaining(['threads', 'posts', 'reactions', 'notifications', 'post_reports', 'post_edits', 'warning_prefs']));
      const needles = [leaving.id, handle.toLowerCase(), `report note ${publicPosts}`];
      if (publicPosts === 'delete') needles.push('quetzal-harbour', 'okapi-lantern', 'marzipan-lighthouse', 'zanzibar');
      for (const table of tables) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
        const dump = JSON.stringify(rows.rows).toLowerCase();
        for (const needle of needles) expect(dump.includes(needle.toLowerCase()), `${table} still holds ${needle}`).toBe(false);
      }
      const thread = (await other.client.get(`/api/threads/${own.thread.id}`)).json();
      expect(thread.posts.map((p: { bodyHtml: string | null }) => p.bodyHtml).join()).toContain('A reply that should stay.');
      expect(thread.thread.author).toMatchObject({ user: null, label: 'former member' });
      if (publicPosts === 'delete') {
        expect(thread.posts[0]).toMatchObject({ state: 'deleted', bodyHtml: null });
        expect((await other.client.get(`/api/threads/${alone.thread.id}`)).statusCode).toBe(404);
        expect((await other.client.get(`/api/threads/${theirs.thread.id}`)).json().posts).toHaveLength(1);
      } else {
        expect(thread.posts[0].bodyHtml).toContain('quetzal-harbour');
        // Anonymous stays anonymous: "former member" at the moment their signed posts became it would tie it to them.
        const anonymousThread = (await other.client.get(`/api/threads/${alone.thread.id}`)).json();
        expect(anonymousThread.thread.author).toMatchObject({ user: null, label: 'Anonymous member' });
        expect(anonymousThread.posts[0].author).toMatchObject({ user: null, label: 'Anonymous member' });
        expect((await other.client.get('/api/search?q=okapi')).json().hits[0].thread.author).toBeDefined();
      }
    });
  }
});
