import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, newThread, post, type BuiltUser } from '../../../../test/factories.js';
import type { KindredApp } from '../../app.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';
import type { ExecutedQuery } from '../../platform/db.js';

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

interface LiveNotice {
  notification: { kind: string; threadId: string | null; postId: string | null; threadTitle: string | null; actor: { handle: string } | null; actorLabel: string };
  unreadCount: number;
}

/**
 * The dispatch's reads of `threads`: the posts' threads with their spaces, once a batch (one read
 * of the new posts a batch, too); the notices' titles come from it, never from a second read (ADR 031).
 */
function expectThreadsReadOnceABatch(queries: ExecutedQuery[]): void {
  const threadReads = queries.filter((q) => /\bfrom "threads"/.test(q.sql)).map((q) => q.sql);
  const batches = queries.filter((q) => / as "author_handle" from "posts" where "posts"\."id" in/.test(q.sql));
  expect(batches.length).toBeGreaterThan(0);
  expect(threadReads).toHaveLength(batches.length);
  for (const read of threadReads) expect(read).toMatch(/^select "threads"\."id", .* as "space_program_id" from "threads" where "threads"\."id" in/);
}

/** Lets the dispatcher of an app built with `dispatchEvents: false` run from now on (every event so far waits in the outbox). */
async function dispatchNow(app: KindredApp): Promise<void> {
  (app.kindred.dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = true;
  await app.kindred.dispatcher.idle();
}

/** An app with its dispatcher off, recording every bus event and every executed statement. */
async function appRecordingEventsAndQueries(database: (typeof testDatabases)[number]) {
  const bus = new InProcessBus();
  const seen: BusEvent[] = [];
  bus.subscribe((e) => void seen.push(e));
  const queries: ExecutedQuery[] = [];
  const built = await buildTestApp(database, { bus, dispatchEvents: false, onQuery: (q) => queries.push(q) });
  return { ...built, seen, queries };
}

describe.each(testDatabases)('reply fan-out in dispatch batches on $name (ADR 021)', (database) => {
  it('notifies every recipient exactly once, in reply order, for replies to several threads and a safety event in one drain', async () => {
    // Dispatching off while writing: every reply's events wait, then go out in a few batches.
    const { app, close, seen, queries } = await appRecordingEventsAndQueries(database);
    try {
      const [authorA, authorB, follower, replier, other, mentioned] = await Promise.all(Array.from({ length: 6 }, () => buildUser(app)));
      const threadA = await newThread(app, authorA!, 'Nights caring for mum');
      const threadB = await newThread(app, authorB!, 'Starting at a new school');
      for (const t of [threadA, threadB]) expect((await follower!.client.put(`/api/threads/${t}/follow`)).statusCode).toBe(200);

      const a1 = await post(replier!, `/api/threads/${threadA}/posts`, { body: 'The nights are the hardest; I keep a flask of tea by the bed.' });
      const b1 = await post(other!, `/api/threads/${threadB}/posts`, { body: 'The first week is the longest, it gets easier.' });
      const a2 = await post(other!, `/api/threads/${threadA}/posts`, { body: 'A neighbour sits with mine one evening a week.' });
      const held = await post(replier!, `/api/threads/${threadB}/posts`, { body: METHOD });
      expect(held.safety.held).toBe(true);
      const b2 = await post(replier!, `/api/threads/${threadB}/posts`, { body: 'Finding one friendly face at lunch helped me.' });
      const a3 = await post(replier!, `/api/threads/${threadA}/posts`, { body: `@${mentioned!.handle} went through this last year, maybe they can say more.` });
      const before = queries.length;
      expect(await app.kindred.database.db.selectFrom('notifications').select('id').execute()).toEqual([]);

      await dispatchNow(app);

      const rows = await app.kindred.database.db.selectFrom('notifications').select(['id', 'user_id', 'kind', 'thread_id', 'post_id']).orderBy('id').execute();
      const of = (u: BuiltUser) => rows.filter((r) => r.user_id === u.id).map((r) => [r.kind, r.thread_id, r.post_id]);
      // The thread's author hears of every reply, one by one, in order; a follower once a thread,
      // at its first new reply (ADR 012), as when each reply was dispatched on its own.
      expect(of(authorA!)).toEqual([['reply', threadA, a1.post.id], ['reply', threadA, a2.post.id], ['reply', threadA, a3.post.id]]);
      expect(of(authorB!)).toEqual([['reply', threadB, b1.post.id], ['reply', threadB, b2.post.id]]);
      expect(of(follower!)).toEqual([['followed', threadA, a1.post.id], ['followed', threadB, b1.post.id]]);
      expect(of(mentioned!)).toEqual([['mention', threadA, a3.post.id]]);
      // Repliers follow what they replied to (the held reply too), and the followers are read when
      // the events are dispatched: `other` hears of a1 and b2, `replier` of b1 and a2, not of their
      // own replies. The held reply is nobody's news.
      expect(of(other!)).toEqual([['followed', threadA, a1.post.id], ['followed', threadB, b2.post.id]]);
      expect(of(replier!)).toEqual([['followed', threadB, b1.post.id], ['followed', threadA, a2.post.id]]);
      expect(rows.some((r) => r.post_id === held.post.id)).toBe(false);

      // Live: one event a notification, each with the recipient's unread count as its row made it.
      const live = seen.filter((e) => e.type === 'notification.created');
      expect(live).toHaveLength(rows.length);
      const liveFor = (u: BuiltUser) => live.filter((e) => e.rooms.includes(`user:${u.id}`)).map((e) => e.data as LiveNotice);
      expect(liveFor(authorA!).map((d) => [d.notification.postId, d.unreadCount])).toEqual([[a1.post.id, 1], [a2.post.id, 2], [a3.post.id, 3]]);
      expect(liveFor(follower!).map((d) => [d.notification.threadId, d.unreadCount])).toEqual([[threadA, 1], [threadB, 2]]);
      // Each names its thread and who replied (labels the dispatch read with the posts, ADR 031).
      const title = 'Nights caring for mum';
      expect(liveFor(authorA!).map((d) => [d.notification.threadTitle, d.notification.actor?.handle])).toEqual([[title, replier!.handle], [title, other!.handle], [title, replier!.handle]]);
      expect(liveFor(follower!).map((d) => d.notification.threadTitle)).toEqual([title, 'Starting at a new school']);
      // The crisis alert went out, and the rooms heard every visible reply once, in order.
      expect(seen.filter((e) => e.type === 'safety.alert_raised')).toHaveLength(1);
      const created = seen.filter((e) => e.type === 'community.post_created').map((e) => (e.data as { post: { id: string } }).post.id);
      expect(created).toEqual([a1.post.id, b1.post.id, a2.post.id, b2.post.id, a3.post.id]);
      expect(await app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);

      // Batched: the followers of the threads were read in fewer statements than there are replies.
      const followerReads = queries.slice(before).filter((q) => /from "thread_follows" where "(thread_follows"\.")?thread_id" in/.test(q.sql));
      expect(followerReads.length).toBeGreaterThan(0);
      expect(followerReads.length).toBeLessThan(5);
      expectThreadsReadOnceABatch(queries.slice(before));
    } finally {
      await close();
    }
  });

  it('an anonymous reply is announced live without its author: no actor, the anonymous label, the thread named', async () => {
    const { app, close, seen, queries } = await appRecordingEventsAndQueries(database);
    try {
      const [author, follower, replier] = await Promise.all(Array.from({ length: 3 }, () => buildUser(app)));
      const title = 'Asking for help with my brother';
      const threadId = await newThread(app, author!, title);
      expect((await follower!.client.put(`/api/threads/${threadId}/follow`)).statusCode).toBe(200);
      const reply = await post(replier!, `/api/threads/${threadId}/posts`, { body: 'I went through the same with my sister; it does get lighter.', anonymous: true });
      const before = queries.length;

      await dispatchNow(app);

      const live = seen.filter((e) => e.type === 'notification.created');
      expect(live.map((e) => e.rooms)).toEqual([[`user:${author!.id}`], [`user:${follower!.id}`]]);
      for (const e of live) {
        const { notification } = e.data as LiveNotice;
        expect(notification).toMatchObject({ threadId, postId: reply.post.id, threadTitle: title, actor: null, actorLabel: 'Anonymous member' });
        // Nothing in the event names who wrote it.
        expect(JSON.stringify(e.data)).not.toContain(replier!.handle);
        expect(JSON.stringify(e.data)).not.toContain(replier!.id);
      }
      expect(live.map((e) => (e.data as LiveNotice).notification.kind)).toEqual(['reply', 'followed']);
      const stored = await app.kindred.database.db.selectFrom('notifications').select(['actor_id', 'actor_anonymous']).where('post_id', '=', reply.post.id).execute();
      expect(stored).toEqual([
        { actor_id: null, actor_anonymous: 1 },
        { actor_id: null, actor_anonymous: 1 },
      ]);
      expectThreadsReadOnceABatch(queries.slice(before));
    } finally {
      await close();
    }
  });

  it('a reply moves its thread content version once', async () => {
    const { app, close } = await buildTestApp(database);
    try {
      const [author, replier] = [await buildUser(app), await buildUser(app)];
      const threadId = await newThread(app, author, 'Small wins this week');
      const version = async () => Number((await app.kindred.database.db.selectFrom('threads').select('content_version').where('id', '=', threadId).executeTakeFirstOrThrow()).content_version);
      const v0 = await version();
      await post(replier, `/api/threads/${threadId}/posts`, { body: 'I made it to the shop and back today.' });
      expect(await version()).toBe(v0 + 1);
      // Every other change of a post still moves it (an edit here).
      const { post: p } = await post(replier, `/api/threads/${threadId}/posts`, { body: 'And I called my sister.' });
      const v1 = await version();
      expect((await replier.client.patch(`/api/posts/${p.id}`, { body: 'And I called my sister, finally.' })).statusCode).toBe(200);
      expect(await version()).toBe(v1 + 1);
    } finally {
      await close();
    }
  });
});
