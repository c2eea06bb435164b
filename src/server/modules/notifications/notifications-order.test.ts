import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases, type TestDatabase } from '../../../../test/databases.js';
import { buildUser, newThread, post } from '../../../../test/factories.js';
import type { KindredApp } from '../../app.js';
import { newId } from '../../platform/ids.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';
import { takesUnreadPush, type UnreadMark } from '../../../web/app/unread-order.js';

const setEnabled = (app: KindredApp, on: boolean) => ((app.kindred.dispatcher as unknown as { opts: { enabled: boolean } }).opts.enabled = on);

type Pushed = { notification: { kind: string }; unreadCount: number; unreadAsOf: string };
/** The count the bell ends with, pushes applied in the order the bus published them (src/web/app/realtime.tsx). */
function bellAfter(live: Pushed[]): number | null {
  let held: UnreadMark | null = null;
  for (const d of live) {
    expect(d.unreadAsOf).toMatch(/^[0-9a-f-]{36}$/);
    const push = { asOf: d.unreadAsOf, count: d.unreadCount };
    if (takesUnreadPush(held, push)) held = push;
  }
  return held?.count ?? null;
}

/** An app whose bus events are kept in `seen` (cleared once set-up is dispatched), an author with a thread, and a replier. */
async function authorWithAThread(database: TestDatabase) {
  const bus = new InProcessBus();
  const seen: BusEvent[] = [];
  bus.subscribe((e) => void seen.push(e));
  const { app, close } = await buildTestApp(database, { bus });
  try {
    const [author, replier] = await Promise.all(Array.from({ length: 2 }, () => buildUser(app)));
    const mine = await newThread(app, author!, 'Nights caring for mum');
    await app.kindred.dispatcher.idle();
    seen.length = 0;
    return { app, close, seen, author: author!, replier: replier!, mine };
  } catch (err) {
    await close();
    throw err;
  }
}

// Pushes are not published in the order their counts were taken (ADR 046): each carries the marker
// the client orders them by, and the client's rule, over them in arrival order, ends at the real count.
describe.each(testDatabases)('notification.created ordering on $name', (database) => {
  it('a request notice drained after a dispatch published newer ones does not lower the bell (backlog)', async () => {
    const bus = new InProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe((e) => void seen.push(e));
    const { app, close } = await buildTestApp(database, { bus, dispatchEvents: false });
    try {
      const [author, other, replier] = await Promise.all(Array.from({ length: 3 }, () => buildUser(app)));
      const mine = await newThread(app, author!, 'Nights caring for mum');
      const theirs = await newThread(app, other!, 'Starting at a new school');
      setEnabled(app, true);
      await app.kindred.dispatcher.idle();
      setEnabled(app, false);
      seen.length = 0;

      // A backlog (load): 10 replies to the author's thread, one elsewhere (the 11th consumed event cuts the batch)...
      for (let i = 0; i < 10; i++) await post(replier!, `/api/threads/${mine}/posts`, { body: `Reply number ${i} with some words.` });
      await post(replier!, `/api/threads/${theirs}/posts`, { body: 'A reply in another thread.' });
      // ...then a notice written by a request (as supervision, training, groups do), committed after them.
      await app.kindred.uow.run((tx) => app.kindred.notifications.notify(tx, { userId: author!.id, kind: 'moderation', threadId: null, postId: null, actorId: null, actorAnonymous: false, message: 'A note.' }));

      setEnabled(app, true);
      await app.kindred.dispatcher.idle();

      const live = seen.filter((e) => e.type === 'notification.created' && e.rooms.includes(`user:${author!.id}`)).map((e) => e.data as Pushed);
      const { unread } = await app.kindred.notifications.waiting({ userId: author!.id } as never);
      expect(unread).toBe(11);
      // The request's notice (count 1) is published last, after the dispatch's ten (counts 2..11).
      expect(live.at(-1)!.notification.kind).toBe('moderation');
      expect(live.at(-1)!.unreadCount).toBe(1);
      expect(bellAfter(live)).toBe(11);
    } finally {
      await close();
    }
  });

  it('a count covering a newer notice of another instance carries that notice as its marker, so the older-marked push of that instance cannot lower it', async () => {
    const { app, close, seen, author, replier, mine } = await authorWithAThread(database);
    try {
      // Another instance, its clock a minute ahead, committed a notice whose push it has not published
      // yet (its id made here by hand: this process's ids are monotonic, another's are only time-ordered).
      // A minute past this process's own newest id (not the wall clock: ids are monotonic per process, and
      // other tests in the same worker may have moved them on with a clock set ahead).
      const local = newId();
      const theirs = (parseInt(local.slice(0, 8) + local.slice(9, 13), 16) + 60_000).toString(16).padStart(12, '0');
      const elsewhere = `${theirs.slice(0, 8)}-${theirs.slice(8, 12)}${local.slice(13)}`;
      await app.kindred.database.db
        .insertInto('notifications')
        .values({ id: elsewhere, user_id: author!.id, kind: 'moderation', thread_id: null, post_id: null, actor_id: null, actor_anonymous: 0, data: '{}', read_at: null, created_at: new Date().toISOString() } as never)
        .execute();
      await post(replier!, `/api/threads/${mine}/posts`, { body: 'One reply, counted with it.' });
      await app.kindred.dispatcher.idle();
      const live = seen.filter((e) => e.type === 'notification.created' && e.rooms.includes(`user:${author!.id}`)).map((e) => e.data as Pushed);
      expect(live.map((d) => [d.notification.kind, d.unreadCount, d.unreadAsOf])).toEqual([['reply', 2, elsewhere]]);
      // That instance's push (count 1, its own notice as marker) arrives last.
      expect(bellAfter([...live, { notification: { kind: 'moderation' }, unreadCount: 1, unreadAsOf: elsewhere }])).toBe(2);
    } finally {
      await close();
    }
  });

  // SQLite runs one transaction at a time: the interleaving needs a second connection.
  it.runIf(database.name === 'postgres')('no backlog: a request notice committing on another connection while a dispatch runs, published after the dispatch notice that counted it, does not lower the bell', async () => {
    const { app, close, seen, author, replier, mine } = await authorWithAThread(database);
    try {
      // Holds the dispatch of the reply after its rows were taken (its select done), before the notifications consumer counts.
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let once = true;
      (app.kindred.dispatcher as unknown as { consumers: unknown[] }).consumers.unshift({
        name: 'gate',
        types: ['community.post_published'],
        handle: async () => {
          if (!once) return;
          once = false;
          entered();
          await gate;
        },
      });
      const replying = post(replier!, `/api/threads/${mine}/posts`, { body: 'One reply, no backlog.' });
      await inside;
      // A request's notice for the author commits now (another connection), with unread 1.
      await app.kindred.uow.run((tx) => app.kindred.notifications.notify(tx, { userId: author!.id, kind: 'moderation', threadId: null, postId: null, actorId: null, actorAnonymous: false, message: 'A note.' }));
      release();
      await replying;
      await app.kindred.dispatcher.idle();
      const live = seen.filter((e) => e.type === 'notification.created' && e.rooms.includes(`user:${author!.id}`)).map((e) => e.data as Pushed);
      expect(live.map((d) => `${d.notification.kind}:${d.unreadCount}`)).toEqual(['reply:2', 'moderation:1']);
      expect(bellAfter(live)).toBe(2);
    } finally {
      await close();
    }
  });
});
