import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, postAs, replyInNewThread, type BuiltUser } from '../../../../test/factories.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
const METHOD2 = 'I bought a rope and I am going to hang myself from the beam tonight.';
/** The events that put a post in front of readers: rooms, and its notifications (ADR 052 says a hide outlasts a decision on the hold). */
const PUBLISHING = new Set(['community.thread_created', 'community.post_created', 'community.post_published']);

/**
 * A moderator's hide and the review hold (the safety screen's) are two facts: a supervisor's decision
 * on the hold never undoes the hide, a restore never publishes words still held, in every order, for
 * opening posts and replies alike, and nothing leaks meanwhile (thread page, latest list, search,
 * notifications, live events).
 */
describe.each(testDatabases)('a hidden post and a held text on $name', (database) => {
  const bus = new InProcessBus();
  const events: BusEvent[] = [];
  bus.subscribe((e) => void events.push(e));
  const t = useTestApp(database, { bus });
  let words = 0;
  /** A word no other post of the run says, for search. */
  const unique = () => `quillwort${(words += 1)}x${Date.now().toString(36)}`;

  async function ok(res: { statusCode: number; body: string }, status = 200) {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  }

  async function cast() {
    const [author, reader, watcher, supervisor] = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app), buildUser(t.app, { roles: ['supervisor'] })]);
    const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
    return { author, reader, watcher, supervisor, space };
  }
  type Cast = Awaited<ReturnType<typeof cast>>;

  /** The author's post of this kind: a thread's opening post, or a reply in someone else's thread. */
  async function write(c: Cast, kind: 'opening post' | 'reply', body: string): Promise<{ threadId: string; postId: string }> {
    if (kind === 'opening post') {
      const res = await c.author.client.post(`/api/spaces/${c.space}/threads`, { kind: 'story', title: `Evening walk ${unique()}`, body });
      await ok(res, 201);
      return { threadId: res.json().thread.id, postId: res.json().post.id };
    }
    return replyInNewThread(c.reader, c.author, c.space, body);
  }

  /** How many events were published so far, once everything committed before has been dispatched. */
  async function eventsSoFar(): Promise<number> {
    await t.app.kindred.dispatcher.idle();
    return events.length;
  }

  const hide = (c: Cast, postId: string) => c.supervisor.client.post(`/api/moderation/posts/${postId}/hide`, { note: 'Taking this down while we check in with you.' });
  const restore = (c: Cast, postId: string) => c.supervisor.client.post(`/api/moderation/posts/${postId}/restore`);
  const edit = (who: BuiltUser, postId: string, body: string) => who.client.patch(`/api/posts/${postId}`, { body });

  /** The items waiting in the supervisors' review list for this post, with the words they show. */
  async function heldItems(c: Cast, postId: string) {
    const items = (await c.supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string; text: string | null }[];
    return items.filter((i) => i.objectId === postId);
  }

  /** The post's held items, oldest first, straight from the table (superseded ones are not listed). */
  async function heldRowsOf(postId: string) {
    return t.app.kindred.database.db.selectFrom('held_content').select(['id', 'status']).where('object_type', '=', 'post').where('object_id', '=', postId).orderBy('id').execute();
  }

  async function decide(c: Cast, postId: string, decision: { action: 'release' | 'remove' } | { action: 'edit'; text: string }) {
    const items = (await c.supervisor.client.get('/api/safety/held?limit=100')).json().items as { id: string; objectId: string }[];
    const item = items.find((i) => i.objectId === postId);
    if (!item) throw new Error(`no held item for post ${postId}`);
    await ok(await c.supervisor.client.post(`/api/safety/held/${item.id}/decision`, decision));
    await t.app.kindred.dispatcher.idle();
  }

  /**
   * Nothing of the post reaches a reader: not its words on its thread's page, the latest list (an opening post's
   * thread, or a reply counted), search for its word, a notification to the person it names, or an
   * event published since `since` that puts it in front of anyone.
   */
  async function nothingLeaks(c: Cast, p: { threadId: string; postId: string }, kind: 'opening post' | 'reply', word: string, since: number) {
    await t.app.kindred.dispatcher.idle();
    // A hidden or removed reply shows its readers a placeholder; a held one, or any post of a thread they may not read, nothing.
    const seen = await postAs(c.reader, p);
    if (seen) expect(seen).toMatchObject({ state: expect.not.stringMatching(/^(visible|pending)$/), bodyHtml: null });
    const latest = (await c.reader.client.get('/api/threads?list=latest&limit=50')).json().threads as { id: string; replyCount: number }[];
    if (kind === 'opening post') expect(latest.map((x) => x.id)).not.toContain(p.threadId);
    else expect(latest.find((x) => x.id === p.threadId)?.replyCount).toBe(0);
    expect(JSON.stringify((await c.reader.client.get(`/api/search?q=${word}`)).json())).not.toContain(word);
    expect(JSON.stringify((await c.watcher.client.get('/api/notifications')).json().notifications)).not.toContain(p.threadId);
    const published = events.slice(since).filter((e) => PUBLISHING.has(e.type));
    expect(JSON.stringify(published)).not.toContain(p.postId);
    if (kind === 'opening post') expect(JSON.stringify(published)).not.toContain(p.threadId);
  }

  for (const kind of ['opening post', 'reply'] as const) {
    describe(kind === 'reply' ? 'a reply' : 'an opening post', () => {
      it('hidden, then edited into words the screen holds: it stays hidden; the release lifts the hold, not the hide; a restore shows the released words', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        const word = unique();
        const edited = await edit(c.author, p.postId, `${METHOD} ${word} @${c.watcher.handle}`);
        await ok(edited);
        expect(edited.json()).toMatchObject({ post: { state: 'hidden' }, safety: { held: true } });
        // The author still reads their post as hidden, with the words they wrote.
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden', bodyHtml: expect.stringContaining(word) });

        const since = await eventsSoFar();
        await decide(c, p.postId, { action: 'release' });
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden' });
        expect(await postAs(c.supervisor, p)).toMatchObject({ state: 'hidden' });

        await ok(await restore(c, p.postId));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('hidden, then edited into words the screen passes: it stays hidden until restored', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        const since = await eventsSoFar();
        const word = unique();
        const edited = await edit(c.author, p.postId, `Better today, I walked to the ${word} pond.`);
        await ok(edited);
        expect(edited.json()).toMatchObject({ post: { state: 'hidden' }, safety: { held: false } });
        await nothingLeaks(c, p, kind, word, since);
        await ok(await restore(c, p.postId));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('held, then hidden, then released: it stays hidden, and a restore shows it (the hold was decided)', async () => {
        const c = await cast();
        const word = unique();
        const p = await write(c, kind, `${METHOD} ${word}`);
        await ok(await hide(c, p.postId));
        const since = await eventsSoFar();
        await decide(c, p.postId, { action: 'release' });
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden' });

        await ok(await restore(c, p.postId));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('held, then hidden, then given new words by the safety queue: it stays hidden until restored', async () => {
        const c = await cast();
        const p = await write(c, kind, METHOD);
        await ok(await hide(c, p.postId));
        const since = await eventsSoFar();
        const word = unique();
        await decide(c, p.postId, { action: 'edit', text: `Tonight is hard, ${word}, and I could use some company.` });
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden', bodyHtml: expect.stringContaining(word) });

        await ok(await restore(c, p.postId));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('hidden, then edited into held words, then removed by the safety queue: removed, its words gone', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        const word = unique();
        await ok(await edit(c.author, p.postId, `${METHOD} ${word}`));
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden' });
        const since = await eventsSoFar();
        await decide(c, p.postId, { action: 'remove' });
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'removed', bodyHtml: null });
        expect((await restore(c, p.postId)).statusCode).toBe(409);
      });

      it('hidden, then edited into held words, then restored before the decision: it waits for review, unpublished, until released', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        const word = unique();
        await ok(await edit(c.author, p.postId, `${METHOD} ${word}`));
        const since = await eventsSoFar();
        await ok(await restore(c, p.postId));
        await nothingLeaks(c, p, kind, word, since);
        // The author is told, as for any held post, that a supervisor reads it first.
        expect(await postAs(c.author, p)).toMatchObject({ state: 'pending', pendingReason: 'safety' });

        await decide(c, p.postId, { action: 'release' });
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('edited into held words twice: a decision on the first item is refused, the queue shows only the newest, and readers never get unreviewed words', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await edit(c.author, p.postId, METHOD));
        const [first] = await heldItems(c, p.postId);
        expect(first?.text).toContain('40 pills');
        const word = unique();
        const second = await edit(c.author, p.postId, `${METHOD2} ${word}`);
        await ok(second);
        expect(second.json()).toMatchObject({ safety: { held: true } });
        // The supervisor's list shows the newest words only, once.
        const waiting = await heldItems(c, p.postId);
        expect(waiting).toHaveLength(1);
        expect(waiting[0]!.text).toContain(word);

        const since = await eventsSoFar();
        for (const decision of [{ action: 'release' }, { action: 'edit', text: 'Tonight is hard.' }, { action: 'remove' }]) {
          const stale = await c.supervisor.client.post(`/api/safety/held/${first!.id}/decision`, decision);
          expect(stale.statusCode).toBe(409);
          expect(stale.json().error.message).toMatch(/newer words/);
        }
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'pending', bodyHtml: expect.stringContaining(word) });

        await ok(await c.supervisor.client.post(`/api/safety/held/${waiting[0]!.id}/decision`, { action: 'release' }));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      it('hidden, then edited into held words twice: a release of the first item, then a restore, shows nothing unreviewed', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        await ok(await edit(c.author, p.postId, METHOD));
        const [first] = await heldItems(c, p.postId);
        const word = unique();
        await ok(await edit(c.author, p.postId, `${METHOD2} ${word}`));
        const since = await eventsSoFar();
        expect((await c.supervisor.client.post(`/api/safety/held/${first!.id}/decision`, { action: 'release' })).statusCode).toBe(409);
        await ok(await restore(c, p.postId));
        await nothingLeaks(c, p, kind, word, since);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'pending', pendingReason: 'safety' });
      });

      it('edited into held words, then into words the screen passes: the waiting item is superseded, a decision on it is refused, the new words are shown', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await edit(c.author, p.postId, METHOD));
        const [first] = await heldItems(c, p.postId);
        const since = await eventsSoFar();
        const word = unique();
        const safe = await edit(c.author, p.postId, `Better today, I walked to the ${word} pond.`);
        await ok(safe);
        expect(safe.json()).toMatchObject({ post: { state: 'visible' }, safety: { held: false } });
        // Nothing is left to decide: the held words are gone from the post, and so is their item.
        expect(await heldItems(c, p.postId)).toEqual([]);
        expect((await heldRowsOf(p.postId)).map((r) => r.status)).toEqual(['superseded']);
        for (const decision of [{ action: 'release' }, { action: 'edit', text: 'Tonight is hard.' }, { action: 'remove' }]) {
          const stale = await c.supervisor.client.post(`/api/safety/held/${first!.id}/decision`, decision);
          expect(stale.statusCode).toBe(409);
          expect(stale.json().error.message).toMatch(/newer words/);
        }
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
        expect(JSON.stringify(await postAs(c.reader, p))).not.toContain('pills');
        // Readers had the post: its new words are an update, not a new post.
        await t.app.kindred.dispatcher.idle();
        expect(events.slice(since).filter((e) => PUBLISHING.has(e.type) && JSON.stringify(e.data).includes(kind === 'reply' ? p.postId : p.threadId))).toEqual([]);
      });

      it('held from its creation, then edited into words the screen passes: its item is superseded and the post is published once, as new', async () => {
        const c = await cast();
        const p = await write(c, kind, METHOD);
        const [first] = await heldItems(c, p.postId);
        const since = await eventsSoFar();
        const word = unique();
        await ok(await edit(c.author, p.postId, `Better today, I walked to the ${word} pond.`));
        expect(await heldItems(c, p.postId)).toEqual([]);
        expect((await c.supervisor.client.post(`/api/safety/held/${first!.id}/decision`, { action: 'release' })).statusCode).toBe(409);
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
        await t.app.kindred.dispatcher.idle();
        const created = kind === 'reply' ? 'community.post_created' : 'community.thread_created';
        expect(events.slice(since).filter((e) => e.type === created && JSON.stringify(e.data).includes(kind === 'reply' ? p.postId : p.threadId))).toHaveLength(1);
      });

      it('hidden, edited into held words, then into words the screen passes: still hidden, and a restore shows the new words', async () => {
        const c = await cast();
        const p = await write(c, kind, 'A quiet week, mostly good.');
        await ok(await hide(c, p.postId));
        await ok(await edit(c.author, p.postId, METHOD));
        const word = unique();
        await ok(await edit(c.author, p.postId, `Better today, I walked to the ${word} pond.`));
        expect(await heldItems(c, p.postId)).toEqual([]);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'hidden', pendingReason: null });
        await ok(await restore(c, p.postId));
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
      });

      for (const via of ['a moderator\'s edit', 'a report resolved with an edit'] as const) {
        it(`shown, then ${via} into words the screen holds: neither the old nor the held words stay in front of readers until a supervisor decides`, async () => {
          const c = await cast();
          const p = await write(c, kind, 'A quiet week, mostly good.');
          const since = await eventsSoFar();
          const word = unique();
          const body = `${METHOD} ${word}`;
          if (via === 'a moderator\'s edit') {
            await ok(await c.supervisor.client.post(`/api/moderation/posts/${p.postId}/edit`, { body, note: 'Trimmed the details.' }));
          } else {
            const report = await c.reader.client.post(`/api/posts/${p.postId}/reports`, { reason: 'spam' });
            await ok(report, 201);
            await ok(await c.supervisor.client.post(`/api/moderation/reports/${report.json().id}/resolve`, { action: 'edit', body, note: 'Trimmed the details.' }));
          }
          await nothingLeaks(c, p, kind, word, since);
          expect(JSON.stringify(await postAs(c.reader, p))).not.toContain('quiet week');
          // As an author's held edit: the post waits for review, its author reads it as held.
          expect(await postAs(c.author, p)).toMatchObject({ state: 'pending', pendingReason: 'safety' });
          await decide(c, p.postId, { action: 'release' });
          expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining(word) });
        });
      }

      it('held, then deleted by its author: new words from the safety queue do not bring it back', async () => {
        const c = await cast();
        const word = unique();
        const p = await write(c, kind, METHOD);
        await ok(await c.author.client.delete(`/api/posts/${p.postId}`));
        const since = await eventsSoFar();
        await decide(c, p.postId, { action: 'edit', text: `Feeling calmer, ${word}.` });
        await t.app.kindred.dispatcher.idle();
        expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
        const seen = await postAs(c.reader, p);
        expect(seen?.bodyHtml ?? null).toBeNull();
        expect(JSON.stringify((await c.reader.client.get(`/api/search?q=${word}`)).json())).not.toContain(word);
        expect(JSON.stringify(events.slice(since).filter((e) => PUBLISHING.has(e.type)))).not.toContain(p.postId);
      });
    });
  }
});
