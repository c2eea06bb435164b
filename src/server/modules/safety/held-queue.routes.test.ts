import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../../../../test/app.js';
import { testDatabases, type TestDatabase } from '../../../../test/databases.js';
import { TestClient } from '../../../../test/client.js';
import { buildUser, postAs, replyInNewThread, type BuiltUser } from '../../../../test/factories.js';
import { drained, TestSocket, withSockets } from '../../../../test/realtime.js';
import type { ServerMessage } from '../../../contracts/events.js';
import type { KindredApp } from '../../app.js';
import { HELD_QUEUE_EDIT_NOTE } from '../communities/communities.service.js';

/** Words the safety screen holds for a supervisor (a method detail). */
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
/** Words the screen answers with an alert (level 3, about the writer), but does not hold. */
const ACTIVE = 'I want to kill myself.';
const CALM = 'Tonight is hard and I could use some company.';
/** The 409 of a decision on an item whose object its writer deleted or took back (ADR 055, amendment). */
const WITHDRAWN = 'The writer deleted it (or took it back) before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.';

async function ok(res: { statusCode: number; body: string }, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}

async function cast(app: KindredApp) {
  const [author, reader, supervisor] = await Promise.all([buildUser(app), buildUser(app), buildUser(app, { roles: ['supervisor'] })]);
  const space = ((await reader.client.get('/api/spaces')).json().spaces as { id: string }[])[0]!.id;
  return { author, reader, supervisor, space };
}
type Cast = Awaited<ReturnType<typeof cast>>;

async function write(c: Cast, kind: 'opening post' | 'reply', body: string, title = `Evening walk ${Math.random().toString(36).slice(2, 8)}`) {
  if (kind === 'opening post') {
    const res = await c.author.client.post(`/api/spaces/${c.space}/threads`, { kind: 'story', title, body });
    await ok(res, 201);
    return { threadId: res.json().thread.id as string, postId: res.json().post.id as string };
  }
  return replyInNewThread(c.reader, c.author, c.space, body);
}

async function heldItemOf(supervisor: BuiltUser, objectId: string): Promise<{ id: string; status: string }> {
  const items = (await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string; status: string }[];
  const item = items.find((i) => i.objectId === objectId);
  if (!item) throw new Error(`no held item for ${objectId}`);
  return item;
}

/** A coping strategy whose "when it helps" screens at level 2: the library holds it for review (`library_review`). */
async function heldStrategy(c: Cast): Promise<{ id: string; item: { id: string; status: string } }> {
  const res = await c.author.client.post('/api/library/strategies', {
    title: `Slow evenings ${Math.random().toString(36).slice(2, 8)}`,
    steps: ['Sit down somewhere quiet.', 'Name three colours you can see.'],
    whenItHelps: 'I feel hopeless and worthless and like such a burden',
    conditions: ['anxiety'],
    situations: ['lonely_evening'],
  });
  await ok(res, 201);
  const id = res.json().strategy.id as string;
  return { id, item: await heldItemOf(c.supervisor, id) };
}

/** A change to the queue heard in `safety:all`: its status, and its item when given. */
const queueEvent = (status: string, heldId?: string) => (m: ServerMessage) =>
  m.type === 'event' && m.room === 'safety:all' && m.event.type === 'safety.held_queue_changed' && (m.event.data as { status: string }).status === status && (heldId === undefined || (m.event.data as { heldId: string }).heldId === heldId);

interface LiveQueue {
  app: KindredApp;
  c: Cast;
  /** The cast's supervisor, subscribed to `safety:all`. */
  supervisorSocket: TestSocket;
  /** Another socket, closed with the others when the test ends. */
  open(client: TestClient): Promise<TestSocket>;
}

/**
 * A fresh app on a real port with its cast, and the supervisor's socket in the queue's room; every
 * socket is closed, then the app, whatever `fn` does.
 */
async function withLiveQueue(database: TestDatabase, fn: (live: LiveQueue) => Promise<void>): Promise<void> {
  const { app, close } = await buildTestApp(database);
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    await withSockets(async (open) => {
      const c = await cast(app);
      const supervisorSocket = await open(app, c.supervisor.client);
      expect(await supervisorSocket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
      await fn({ app, c, supervisorSocket, open: (client) => open(app, client) });
    });
  } finally {
    await close();
  }
}

/**
 * A supervisor's edit from the held queue is text a person submits: it is screened before it is stored
 * (an opening post as its title with its body), refused while the screen would still hold it unless the
 * supervisor publishes it anyway (audited), kept in the post's edit history, and raises no alert (ADR 055).
 */
describe.each(testDatabases)('the held queue on $name', (database) => {
  const t = useTestApp(database);
  const db = () => t.app.kindred.database.db;
  const decide = (c: Cast, heldId: string, body: unknown) => c.supervisor.client.post(`/api/safety/held/${heldId}/decision`, body);
  const screeningsOf = (objectId: string) => db().selectFrom('screenings').selectAll().where('object_id', '=', objectId).orderBy('id').execute();
  const alertCount = async () => Number((await db().selectFrom('safety_alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  for (const kind of ['opening post', 'reply'] as const) {
    describe(kind === 'reply' ? 'a reply' : 'an opening post', () => {
      it('refuses an edit the screen would still hold (422 naming the words to take out), deciding and storing nothing', async () => {
        const c = await cast(t.app);
        const p = await write(c, kind, METHOD);
        const item = await heldItemOf(c.supervisor, p.postId);
        const before = await screeningsOf(p.postId);
        const text = `It has been a long week. I have saved up 40 pills and I am going to take them all tonight.`;
        const res = await decide(c, item.id, { action: 'edit', text });
        expect(res.statusCode).toBe(422);
        const error = res.json().error as { code: string; message: string; reason: string; flagged: { field: string; words: string; start: number; end: number }[] };
        expect(error).toMatchObject({ code: 'still_held', reason: 'method_detail' });
        // The passage is named by its words and where they are in the text the supervisor sent (after
        // "It has been a long week. I ", 27 characters in).
        expect(error.flagged).toEqual([{ field: 'text', words: 'have saved up 40 pills', start: 27, end: 49, code: 'method.stockpile', level: 5 }]);
        expect(error.message).toContain('“have saved up 40 pills” (text)');
        expect(error.message).toMatch(/publishAnyway/);
        // Nothing decided, nothing written: the item waits, the post keeps its words and stays held.
        expect((await heldItemOf(c.supervisor, p.postId)).status).toBe('pending');
        expect(await screeningsOf(p.postId)).toHaveLength(before.length);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'pending', bodyHtml: expect.stringContaining('40 pills') });
        expect(await postAs(c.reader, p)).toBeNull();
        const edits = (await c.supervisor.client.get(`/api/moderation/posts/${p.postId}/history`)).json().edits as unknown[];
        expect(edits).toHaveLength(0);
      });

      it('screens an edit the screen passes before storing it: the screening is the author’s, no alert is raised, and the edit is in the post’s history as the supervisor’s', async () => {
        const c = await cast(t.app);
        const p = await write(c, kind, METHOD);
        const item = await heldItemOf(c.supervisor, p.postId);
        const before = await screeningsOf(p.postId);
        const alerts = await alertCount();
        // Level 3 about the writer: an alert if its writer had written it; here a supervisor rewrote someone else's words.
        await ok(await decide(c, item.id, { action: 'edit', text: ACTIVE }));
        await t.app.kindred.dispatcher.idle();
        const after = await screeningsOf(p.postId);
        expect(after).toHaveLength(before.length + 1);
        expect(after.at(-1)).toMatchObject({ user_id: c.author.id, object_type: 'post', level: 3, method_detail: 0 });
        expect(await alertCount()).toBe(alerts);
        const bySupervisor = await db().selectFrom('screenings').select('id').where('user_id', '=', c.supervisor.id).execute();
        expect(bySupervisor).toHaveLength(0);
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining('kill myself') });

        const edits = (await c.supervisor.client.get(`/api/moderation/posts/${p.postId}/history`)).json().edits as { editorRole: string; editorHandle: string | null; previousBody: string; note: string | null }[];
        expect(edits).toEqual([expect.objectContaining({ editorRole: 'moderator', editorHandle: c.supervisor.handle, previousBody: METHOD, note: HELD_QUEUE_EDIT_NOTE })]);
        const row = await db().selectFrom('post_edits').selectAll().where('post_id', '=', p.postId).executeTakeFirstOrThrow();
        expect(row.editor_id).toBe(c.supervisor.id);
      });

      it('publishes words the screen still holds only when asked to, and records who did it in the audit log', async () => {
        const c = await cast(t.app);
        const p = await write(c, kind, METHOD);
        const item = await heldItemOf(c.supervisor, p.postId);
        // Only a boolean: anything else is a 400, nothing decided.
        expect((await decide(c, item.id, { action: 'edit', text: METHOD, publishAnyway: 'yes' })).statusCode).toBe(400);
        expect((await decide(c, item.id, { action: 'edit', text: METHOD, publishAnyway: false })).statusCode).toBe(422);
        expect((await heldItemOf(c.supervisor, p.postId)).status).toBe('pending');
        const alerts = await alertCount();
        await ok(await decide(c, item.id, { action: 'edit', text: METHOD, publishAnyway: true }));
        expect(await alertCount()).toBe(alerts);
        expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible', bodyHtml: expect.stringContaining('40 pills') });
        expect((await screeningsOf(p.postId)).at(-1)).toMatchObject({ user_id: c.author.id, method_detail: 1 });
        const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'safety.held_published_anyway').where('object_id', '=', p.postId).execute();
        expect(audit).toEqual([expect.objectContaining({ subject_user_id: c.author.id, actor_id: c.supervisor.id, actor_role: 'supervisor', object_type: 'post' })]);
        // The author sees it on "Who saw my data", with the supervisor named.
        const entries = (await c.author.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string | null }[];
        expect(entries).toContainEqual(expect.objectContaining({ action: 'safety.held_published_anyway', actorHandle: c.supervisor.handle }));
      });
    });
  }

  it('refuses a body-only edit of an opening post whose held words are in its title (the title is screened with the body)', async () => {
    const c = await cast(t.app);
    const title = METHOD;
    const p = await write(c, 'opening post', 'Checking in.', title);
    const item = await heldItemOf(c.supervisor, p.postId);
    const res = await decide(c, item.id, { action: 'edit', text: CALM });
    expect(res.statusCode).toBe(422);
    // Placed in the title, with offsets in the title (not in the title-and-body text that was screened).
    expect(res.json().error.flagged).toEqual([{ field: 'title', words: 'have saved up 40 pills', start: 2, end: 24, code: 'method.stockpile', level: 5 }]);
    expect(res.json().error.message).toContain('“have saved up 40 pills” (title)');
    await ok(await decide(c, item.id, { action: 'edit', text: CALM, title: 'A hard evening' }));
    expect(await postAs(c.reader, p)).toMatchObject({ state: 'visible' });
    const edits = (await c.supervisor.client.get(`/api/moderation/posts/${p.postId}/history`)).json().edits as { previousTitle: string | null; previousBody: string }[];
    expect(edits).toEqual([expect.objectContaining({ previousTitle: title, previousBody: 'Checking in.' })]);
  });

  it('screens a profile text’s edit too (any object type): a held edit is refused, a passing one stored with the author’s screening', async () => {
    const c = await cast(t.app);
    await ok(await c.author.client.patch('/api/me/profile', { bio: METHOD }));
    const item = await heldItemOf(c.supervisor, c.author.id);
    expect((await decide(c, item.id, { action: 'edit', text: METHOD })).statusCode).toBe(422);
    await ok(await decide(c, item.id, { action: 'edit', text: CALM }));
    expect((await screeningsOf(c.author.id)).at(-1)).toMatchObject({ user_id: c.author.id, object_type: 'profile_bio', level: expect.any(Number), method_detail: 0 });
    expect((await c.reader.client.get(`/api/users/${c.author.id}`)).json().bio).toBe(CALM);
  });

  it('refuses (409) every decision on a held reply its author deleted meanwhile (its item was withdrawn): nothing screened, audited or decided; it stays deleted', async () => {
    const c = await cast(t.app);
    const p = await write(c, 'reply', METHOD);
    const item = await heldItemOf(c.supervisor, p.postId);
    await ok(await c.author.client.delete(`/api/posts/${p.postId}`));
    const before = await screeningsOf(p.postId);
    const audited = () => db().selectFrom('audit_log').select('id').where('action', '=', 'safety.held_published_anyway').where('object_id', '=', p.postId).execute();
    // Words the screen passes, words it holds published anyway, a release, a removal: none reaches a post that is gone.
    for (const body of [{ action: 'edit', text: CALM }, { action: 'edit', text: METHOD, publishAnyway: true }, { action: 'release' }, { action: 'remove' }]) {
      const res = await decide(c, item.id, body);
      expect({ status: res.statusCode, message: res.json().error.message }).toEqual({ status: 409, message: WITHDRAWN });
    }
    expect(await screeningsOf(p.postId)).toHaveLength(before.length);
    expect(await audited()).toEqual([]);
    expect(await db().selectFrom('post_edits').select('id').where('post_id', '=', p.postId).execute()).toEqual([]);
    expect(await db().selectFrom('held_content').select('status').where('id', '=', item.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn' });
    expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
  });

  it('words the audit entry by who published and whose log it is in: an admin is named as one; the reviewer’s own log when the item has no author left', async () => {
    const c = await cast(t.app);
    const admin = await buildUser(t.app, { roles: ['admin'] });
    const p = await write(c, 'reply', METHOD);
    await ok(await admin.client.post(`/api/safety/held/${(await heldItemOf(c.supervisor, p.postId)).id}/decision`, { action: 'edit', text: METHOD, publishAnyway: true }));
    const reasonOf = async (objectId: string) =>
      (await db().selectFrom('audit_log').select(['subject_user_id', 'actor_role', 'reason']).where('action', '=', 'safety.held_published_anyway').where('object_id', '=', objectId).executeTakeFirstOrThrow());
    expect(await reasonOf(p.postId)).toEqual({
      subject_user_id: c.author.id,
      actor_role: 'admin',
      reason: 'An admin edited words of yours held for review and published the edit, although the safety check still flagged it (method detail).',
    });
    // An item whose person is gone (`user_id` null, as an erased author's leaves the object behind).
    const q = await write(c, 'reply', METHOD);
    const second = await heldItemOf(c.supervisor, q.postId);
    await db().updateTable('held_content').set({ user_id: null }).where('id', '=', second.id).execute();
    await ok(await decide(c, second.id, { action: 'edit', text: METHOD, publishAnyway: true }));
    expect(await reasonOf(q.postId)).toEqual({
      subject_user_id: c.supervisor.id,
      actor_role: 'supervisor',
      reason: 'You edited words held for review, whose author no longer has an account here, and published the edit, although the safety check still flagged it (method detail).',
    });
  });
});

/**
 * The review queue is live: every supervisor and admin in `safety:all` hears when an item is held and
 * when it is decided; a member may not join that room.
 */
describe.each(testDatabases)('the live held queue on $name', (database) => {
  it("tells a supervisor's socket when a post is held and when it is decided, and refuses the room to a member", async () => {
    await withLiveQueue(database, async ({ c, supervisorSocket, open }) => {
      const memberSocket = await open(c.reader.client);
      expect(await memberSocket.subscribe('safety:all')).toMatchObject({ type: 'denied' });

      const p = await write(c, 'reply', METHOD);
      const item = await heldItemOf(c.supervisor, p.postId);
      const held = await supervisorSocket.next(queueEvent('pending', item.id));
      expect(held).toMatchObject({ event: { data: { heldId: item.id, objectType: 'post', status: 'pending' } } });
      // Ids only: never the words, nor who wrote them.
      expect(JSON.stringify(held)).not.toContain('pills');
      expect(JSON.stringify(held)).not.toContain(c.author.id);

      await ok(await c.supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' }));
      await supervisorSocket.next(queueEvent('released', item.id));

      // An edit decided in the queue too, for another item.
      const q = await write(c, 'opening post', METHOD);
      const second = await heldItemOf(c.supervisor, q.postId);
      await supervisorSocket.next(queueEvent('pending', second.id));
      await ok(await c.supervisor.client.post(`/api/safety/held/${second.id}/decision`, { action: 'edit', text: CALM }));
      await supervisorSocket.next(queueEvent('edited', second.id));

      // Its author's own edit the screen passes ends the hold: the item is superseded.
      const r = await write(c, 'reply', METHOD);
      const third = await heldItemOf(c.supervisor, r.postId);
      await supervisorSocket.next(queueEvent('pending', third.id));
      await ok(await c.author.client.patch(`/api/posts/${r.postId}`, { body: CALM }));
      await supervisorSocket.next(queueEvent('superseded', third.id));

      // A module's own hold (`holdForReview`: a library entry that screens at level 2) is heard too.
      const fourth = (await heldStrategy(c)).item;
      expect(fourth).toMatchObject({ reason: 'library_review' });
      await supervisorSocket.next(queueEvent('pending', fourth.id));

      // An erased author's waiting items leave the queue with them.
      const s = await write(c, 'reply', METHOD);
      const fifth = await heldItemOf(c.supervisor, s.postId);
      await supervisorSocket.next(queueEvent('pending', fifth.id));
      await ok(await c.author.client.post('/api/me/erase', { password: c.author.password, publicPosts: 'delete', confirm: 'DELETE' }));
      await supervisorSocket.next(queueEvent('removed', fourth.id));
      await supervisorSocket.next(queueEvent('removed', fifth.id));

      // The member's socket heard none of it (everything sent to it so far, up to a ping).
      memberSocket.send({ type: 'ping' });
      await memberSocket.next((m) => m.type === 'pong');
      expect(memberSocket.messages.some((m) => m.type === 'event' && m.event.type === 'safety.held_queue_changed')).toBe(false);
    });
  });
});

/**
 * Words held for review whose object its writer deletes (or a supervisor removes) before anyone decides
 * leave the queue at that moment, in the delete's transaction: `withdrawn`, heard live by supervisors, not
 * told to the author as a decision, and any alert the words raised stays open (ADR 055, amendment).
 */
describe.each(testDatabases)('withdrawn held items on $name', (database) => {
  for (const kind of ['reply', 'opening post'] as const) {
    it(`${kind === 'reply' ? 'a held reply' : 'a held opening post'} its author deletes leaves the queue as withdrawn, heard live; the author is told no decision; the alert stays open; a decision is 409`, async () => {
      await withLiveQueue(database, async ({ app, c, supervisorSocket, open }) => {
        const db = app.kindred.database.db;
        const authorSocket = await open(c.author.client);

        const p = await write(c, kind, METHOD);
        const item = await heldItemOf(c.supervisor, p.postId);
        await supervisorSocket.next(queueEvent('pending', item.id));
        // The same words raised an alert about their writer.
        const alert = await db
          .selectFrom('safety_alerts')
          .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
          .select('safety_alerts.id')
          .where('screenings.object_id', '=', p.postId)
          .executeTakeFirstOrThrow();

        await ok(await c.author.client.delete(`/api/posts/${p.postId}`));
        const heard = await supervisorSocket.next(queueEvent('withdrawn', item.id));
        expect(heard).toMatchObject({ event: { data: { heldId: item.id, objectType: 'post', status: 'withdrawn' } } });
        expect(JSON.stringify(heard)).not.toContain(c.author.id);

        // Off the list (and its count); the row says when, and that no one decided it.
        const items = (await c.supervisor.client.get('/api/safety/held')).json().items as { objectId: string }[];
        expect(items.filter((i) => i.objectId === p.postId)).toEqual([]);
        const row = await db.selectFrom('held_content').select(['status', 'decided_by', 'decided_at']).where('id', '=', item.id).executeTakeFirstOrThrow();
        expect(row).toMatchObject({ status: 'withdrawn', decided_by: null });
        expect(row.decided_at).not.toBeNull();
        // The person may still be at risk: the alert is open, in the open list.
        expect((await c.supervisor.client.get(`/api/safety/alerts/${alert.id}`)).json()).toMatchObject({ status: 'open' });
        const open_ = (await c.supervisor.client.get('/api/safety/alerts?status=open&limit=200')).json().alerts as { id: string }[];
        expect(open_.map((a) => a.id)).toContain(alert.id);

        // A decision meets the withdrawal.
        const res = await c.supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' });
        expect({ status: res.statusCode, message: res.json().error.message }).toEqual({ status: 409, message: WITHDRAWN });
        await app.kindred.dispatcher.idle();
        // The author heard no decision on words they withdrew themselves (everything sent to them up to a ping).
        const decided = (heldId: string) => (m: ServerMessage) => m.type === 'event' && m.event.type === 'safety.held_content_decided' && (m.event.data as { heldId: string }).heldId === heldId;
        expect((await drained(authorSocket)).some(decided(item.id))).toBe(false);
        expect(await postAs(c.author, p)).toMatchObject({ state: 'deleted', bodyHtml: null });
        // Their own room does carry a supervisor's decision (its own room, joined on connecting).
        const q = await write(c, 'reply', METHOD);
        const second = await heldItemOf(c.supervisor, q.postId);
        await ok(await c.supervisor.client.post(`/api/safety/held/${second.id}/decision`, { action: 'release' }));
        expect(await authorSocket.next(decided(second.id))).toMatchObject({ room: `user:${c.author.id}`, event: { data: { status: 'released' } } });
      });
    });
  }

  for (const how of ['closed by its owner', 'left by its last member'] as const) {
    it(`held messages of a circle ${how} leave the queue as withdrawn, heard live, a decision 409; a held check-in note shared there still waits`, async () => {
      await withLiveQueue(database, async ({ app, c, supervisorSocket }) => {
        const db = app.kindred.database.db;
        // The author's circle with the reader in it; each holds words there, and the reader says something calm.
        const circleId = ((await c.author.client.post('/api/circles', { name: 'Evening people' })).json() as { id: string }).id;
        const link = (await c.author.client.post(`/api/circles/${circleId}/invitations`, {})).json() as { token: string };
        await ok(await c.reader.client.post('/api/circle-invitations/accept', { token: link.token }));
        const say = async (who: BuiltUser, body: string) => {
          const res = await who.client.post(`/api/circles/${circleId}/messages`, { body });
          await ok(res, 201);
          return res.json().message.id as string;
        };
        const held = [await say(c.author, METHOD), await say(c.reader, METHOD)];
        await say(c.reader, CALM);
        const checkin = await c.author.client.post('/api/me/circle-checkins', { mood: 1, note: METHOD, shareWith: [circleId] });
        await ok(checkin, 201);
        const checkinId = checkin.json().checkin.id as string;
        const [first, second, note] = await Promise.all([heldItemOf(c.supervisor, held[0]!), heldItemOf(c.supervisor, held[1]!), heldItemOf(c.supervisor, checkinId)]);
        for (const item of [first, second, note]) await supervisorSocket.next(queueEvent('pending', item.id));

        if (how === 'closed by its owner') {
          await ok(await c.author.client.delete(`/api/circles/${circleId}`));
        } else {
          // The reader leaving keeps the circle (the author is in it): their held words still wait.
          await ok(await c.reader.client.delete(`/api/circles/${circleId}/membership`));
          expect(await heldItemOf(c.supervisor, held[1]!)).toMatchObject({ id: second.id, status: 'pending' });
          await ok(await c.author.client.delete(`/api/circles/${circleId}/membership`));
        }
        expect(await db.selectFrom('circles').select('id').where('id', '=', circleId).executeTakeFirst()).toBeUndefined();
        for (const item of [first, second]) {
          expect(await supervisorSocket.next(queueEvent('withdrawn', item.id))).toMatchObject({ event: { data: { heldId: item.id, objectType: 'circle_message', status: 'withdrawn' } } });
          expect(await db.selectFrom('held_content').select(['status', 'decided_by']).where('id', '=', item.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn', decided_by: null });
          const res = await c.supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' });
          expect({ status: res.statusCode, message: res.json().error.message }).toEqual({ status: 409, message: WITHDRAWN });
        }
        const listed = (await c.supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string; status: string }[];
        expect(listed.filter((i) => held.includes(i.objectId))).toEqual([]);
        // The check-in is its author's and stays (only its share into the circle went): its note still waits.
        expect(listed.find((i) => i.objectId === checkinId)).toMatchObject({ id: note.id, status: 'pending' });
        expect((await c.author.client.get('/api/me/circle-checkins')).json().checkins.map((x: { id: string }) => x.id)).toContain(checkinId);
      });
    });
  }

  it('a held library entry: deleted by its author, or removed by a supervisor, leaves the queue as withdrawn (the supervisor named as who removed it)', async () => {
    await withLiveQueue(database, async ({ app, c, supervisorSocket }) => {
      const db = app.kindred.database.db;
      const rowOf = (id: string) => db.selectFrom('held_content').select(['status', 'decided_by']).where('id', '=', id).executeTakeFirstOrThrow();

      const own = await heldStrategy(c);
      await ok(await c.author.client.delete(`/api/library/strategies/${own.id}`));
      await supervisorSocket.next(queueEvent('withdrawn', own.item.id));
      expect(await rowOf(own.item.id)).toEqual({ status: 'withdrawn', decided_by: null });
      const res = await c.supervisor.client.post(`/api/safety/held/${own.item.id}/decision`, { action: 'remove' });
      expect({ status: res.statusCode, message: res.json().error.message }).toEqual({ status: 409, message: WITHDRAWN });

      const other = await heldStrategy(c);
      await ok(await c.supervisor.client.delete(`/api/library/strategies/${other.id}`));
      await supervisorSocket.next(queueEvent('withdrawn', other.item.id));
      expect(await rowOf(other.item.id)).toEqual({ status: 'withdrawn', decided_by: c.supervisor.id });
      const items = (await c.supervisor.client.get('/api/safety/held')).json().items as { objectId: string }[];
      expect(items.filter((i) => i.objectId === own.id || i.objectId === other.id)).toEqual([]);
      const release = await c.supervisor.client.post(`/api/safety/held/${other.item.id}/decision`, { action: 'release' });
      expect({ status: release.statusCode, message: release.json().error.message }).toEqual({
        status: 409,
        message: 'It was removed by a moderator or supervisor before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.',
      });
      // A release would have brought it back: it stays removed.
      expect((await db.selectFrom('coping_strategies').select('state').where('id', '=', other.id).executeTakeFirstOrThrow()).state).toBe('removed');
    });
  });
});
