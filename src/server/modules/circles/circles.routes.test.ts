import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { TestClient } from '../../../../test/client.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { drained, TestSocket } from '../../../../test/realtime.js';
import { answeredWhileRequestPaused, answeredWhileRowLocked, queuedBehindRowLock, queuedBehindRowWrite } from '../../../../test/row-lock.js';
import type { KindredApp } from '../../app.js';

const ACTIVE = 'I want to kill myself.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function circleWith(app: KindredApp, owner: BuiltUser, others: BuiltUser[], name = 'Family and close friends') {
  const circle = await ok<{ id: string }>(await owner.client.post('/api/circles', { name }), 201);
  for (const o of others) {
    const inv = await ok<{ token: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, {}), 201);
    await ok(await o.client.post('/api/circle-invitations/accept', { token: inv.token }));
  }
  void app;
  return circle.id;
}

describe.each(testDatabases)('circles on $name', (database) => {
  const t = useTestApp(database);

  it('joins by single-use link; links expire and can be revoked; a circle holds at most 12', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const late = await buildUser(t.app);
    const circle = await ok<{ id: string; isOwner: boolean; maxMembers: number }>(await owner.client.post('/api/circles', { name: 'Close friends' }), 201);
    expect(circle).toMatchObject({ isOwner: true, maxMembers: 12 });
    const inv = await ok<{ id: string; token: string; path: string; status: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, { expiresInHours: 48 }), 201);
    expect(inv.path).toBe(`/circles/join#${inv.token}`);
    expect(inv.status).toBe('active');
    expect((await friend.client.post(`/api/circles/${circle.id}/invitations`, {})).statusCode).toBe(404);
    const joined = await ok<{ members: { id: string }[] }>(await friend.client.post('/api/circle-invitations/accept', { token: inv.token }));
    expect(joined.members.map((m) => m.id)).toEqual([owner.id, friend.id]);
    const again = await late.client.post('/api/circle-invitations/accept', { token: inv.token });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('invitation_used');
    expect((await owner.client.get(`/api/circles/${circle.id}/invitations`)).json().invitations[0].status).toBe('used');
    const stored = await t.app.kindred.database.db.selectFrom('circle_invitations').select('token_digest').execute();
    expect(JSON.stringify(stored)).not.toContain(inv.token);

    const revoked = await ok<{ id: string; token: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, {}), 201);
    await ok(await owner.client.delete(`/api/circles/${circle.id}/invitations/${revoked.id}`));
    expect((await late.client.post('/api/circle-invitations/accept', { token: revoked.token })).json().error.code).toBe('invitation_revoked');

    const short = await ok<{ token: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, { expiresInHours: 1 }), 201);
    t.clock.advanceMinutes(61);
    expect((await late.client.post('/api/circle-invitations/accept', { token: short.token })).json().error.code).toBe('invitation_expired');
    expect((await late.client.post('/api/circle-invitations/accept', { token: 'x'.repeat(43) })).statusCode).toBe(404);

    // Ten more fill it to 12; the thirteenth is refused even with a fresh link.
    const tokens: string[] = [];
    for (let i = 0; i < 11; i += 1) tokens.push((await ok<{ token: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, {}), 201)).token);
    const people = await Promise.all(Array.from({ length: 11 }, () => buildUser(t.app)));
    const results = await Promise.all(people.map((p, i) => p.client.post('/api/circle-invitations/accept', { token: tokens[i] })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(1);
    expect((await owner.client.get(`/api/circles/${circle.id}`)).json().members).toHaveLength(12);
    expect((await owner.client.post(`/api/circles/${circle.id}/invitations`, {})).statusCode).toBe(409);
  });

  it('keeps a circle invisible to everyone outside it, admins and supervisors included, in every API, search and realtime path', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, owner, [friend], 'Walnut grove circle');
    const msg = await ok<{ message: { id: string } }>(await owner.client.post(`/api/circles/${circleId}/messages`, { body: 'The walnut tree in the garden is where I feel calm.' }), 201);
    const checkin = await ok<{ checkin: { id: string } }>(await owner.client.post('/api/me/circle-checkins', { mood: 3, note: 'Walnut day, feeling steady.', shareWith: [circleId] }), 201);
    const inv = await ok<{ id: string }>(await owner.client.post(`/api/circles/${circleId}/invitations`, {}), 201);
    const admin = await ensureAdmin(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const stranger = await buildUser(t.app);
    const paths: [string, string, unknown?][] = [
      ['GET', `/api/circles/${circleId}`],
      ['PATCH', `/api/circles/${circleId}`, { name: 'Taken over' }],
      ['DELETE', `/api/circles/${circleId}`],
      ['DELETE', `/api/circles/${circleId}/membership`],
      ['DELETE', `/api/circles/${circleId}/members/${friend.id}`],
      ['POST', `/api/circles/${circleId}/invitations`, {}],
      ['GET', `/api/circles/${circleId}/invitations`],
      ['DELETE', `/api/circles/${circleId}/invitations/${inv.id}`],
      ['GET', `/api/circles/${circleId}/messages`],
      ['POST', `/api/circles/${circleId}/messages`, { body: 'hello?' }],
      ['GET', `/api/circles/${circleId}/messages/${msg.message.id}`],
      ['DELETE', `/api/circles/${circleId}/messages/${msg.message.id}`],
      ['GET', `/api/circles/${circleId}/checkins`],
      ['DELETE', `/api/circles/${circleId}/checkins/${checkin.checkin.id}`],
      ['POST', '/api/me/circle-checkins', { mood: 2, shareWith: [circleId] }],
    ];
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    for (const outsider of [admin, supervisor, stranger]) {
      for (const [method, url, body] of paths) {
        const res = await outsider.client.request(method as 'GET', url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.body).not.toMatch(/walnut/i);
      }
      expect((await outsider.client.get('/api/circles')).json().circles).toEqual([]);
      expect(JSON.stringify((await outsider.client.get('/api/search?q=walnut')).json())).not.toMatch(/walnut/i);
      const socket = await TestSocket.open(t.app, outsider.client);
      try {
        expect(await socket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'denied' });
      } finally {
        socket.close();
      }
    }
    // Without an alert, the escalation path is shut too.
    expect((await supervisor.client.get(`/api/safety/alerts/${msg.message.id}/circle-context`)).statusCode).toBe(404);
    // Members see it all, live.
    const socket = await TestSocket.open(t.app, friend.client);
    try {
      expect(await socket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'subscribed' });
      const sent = await ok<{ message: { id: string } }>(await owner.client.post(`/api/circles/${circleId}/messages`, { body: 'Are you around this weekend?' }), 201);
      await t.app.kindred.dispatcher.idle();
      expect(await socket.next((m) => m.type === 'event' && m.event.type === 'circle.message_created')).toMatchObject({ event: { data: { circleId, messageId: sent.message.id } } });
    } finally {
      socket.close();
    }
    expect((await friend.client.get(`/api/circles/${circleId}/messages/${msg.message.id}`)).json().body).toMatch(/walnut tree/);
  });

  it('shows members, live, a held message a supervisor released by editing it', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const circleId = await circleWith(t.app, owner, [friend]);
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const socket = await TestSocket.open(t.app, friend.client);
    try {
      expect(await socket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'subscribed' });
      const held = await ok<{ message: { id: string; state: string } }>(await owner.client.post(`/api/circles/${circleId}/messages`, { body: METHOD }), 201);
      expect(held.message.state).toBe('pending');
      await t.app.kindred.dispatcher.idle();
      // Everything the server sent before a ping answered now (else the check could pass with the event on its way).
      expect(JSON.stringify(await drained(socket))).not.toContain(held.message.id);
      const item = ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).find((i) => i.objectId === held.message.id)!;
      await ok(await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'I am having a really hard night.' }));
      await t.app.kindred.dispatcher.idle();
      // The page fetches by id on either event and adds a message it never had (CircleScreen, upsertCircleMessage).
      const isCircleMessageEvent = (m: (typeof socket.messages)[number]) => m.type === 'event' && (m.event.type === 'circle.message_created' || m.event.type === 'circle.message_updated');
      expect(await socket.next(isCircleMessageEvent)).toMatchObject({ event: { data: { circleId, messageId: held.message.id } } });
      expect((await friend.client.get(`/api/circles/${circleId}/messages/${held.message.id}`)).json()).toMatchObject({ state: 'visible', body: 'I am having a really hard night.' });
    } finally {
      socket.close();
    }
  });

  it('keeps a held message its author took back removed: its item leaves the queue (withdrawn), and a decision on it is refused (ADR 052, 055)', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const circleId = await circleWith(t.app, owner, [friend]);
    const held = await ok<{ message: { id: string } }>(await owner.client.post(`/api/circles/${circleId}/messages`, { body: METHOD }), 201);
    const queue = async () => ((await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string }[]).filter((i) => i.objectId === held.message.id);
    const [item] = await queue();
    await ok(await owner.client.delete(`/api/circles/${circleId}/messages/${held.message.id}`));
    expect(await queue()).toEqual([]);
    expect(await t.app.kindred.database.db.selectFrom('held_content').select(['status', 'decided_by']).where('id', '=', item!.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn', decided_by: null });
    for (const body of [{ action: 'edit', text: 'I am having a really hard night.' }, { action: 'release' }]) {
      const res = await supervisor.client.post(`/api/safety/held/${item!.id}/decision`, body);
      expect({ status: res.statusCode, message: res.json().error.message }).toEqual({
        status: 409,
        message: 'The writer deleted it (or took it back) before anyone decided: these words will never be shown, and the item has left the list. There is nothing to decide.',
      });
    }
    for (const who of [owner, friend]) expect((await who.client.get(`/api/circles/${circleId}/messages/${held.message.id}`)).json()).toMatchObject({ state: 'removed', body: null });
    expect(JSON.stringify((await friend.client.get(`/api/circles/${circleId}/messages`)).json())).not.toContain('hard night');
  });

  it('drops someone removed from a circle from its live room', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, owner, [friend]);
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const ownerSocket = await TestSocket.open(t.app, owner.client);
    const friendSocket = await TestSocket.open(t.app, friend.client);
    try {
      expect(await ownerSocket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'subscribed' });
      expect(await friendSocket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'subscribed' });
      await ok(await owner.client.delete(`/api/circles/${circleId}/members/${friend.id}`));
      await t.app.kindred.dispatcher.idle();
      await friendSocket.next((m) => m.type === 'event' && m.event.type === 'circle.changed');
      const sent = await ok<{ message: { id: string } }>(await owner.client.post(`/api/circles/${circleId}/messages`, { body: 'Just the two of us now? No, just me.' }), 201);
      await t.app.kindred.dispatcher.idle();
      await ownerSocket.next((m) => m.type === 'event' && m.event.type === 'circle.message_created');
      // The server answers a ping after anything it sent before it on the same socket.
      const from = friendSocket.messages.length;
      friendSocket.send({ type: 'ping' });
      await friendSocket.next((m) => m.type === 'pong', 5000, from);
      expect(JSON.stringify(friendSocket.messages)).not.toContain(sent.message.id);
      expect((await friend.client.get(`/api/circles/${circleId}/messages`)).statusCode).toBe(404);
    } finally {
      ownerSocket.close();
      friendSocket.close();
    }
  });

  it('shares a check-in only into the circles named for it, and stores no plaintext words', async () => {
    const me = await buildUser(t.app);
    const mum = await buildUser(t.app);
    const mate = await buildUser(t.app);
    const family = await circleWith(t.app, me, [mum], 'Family');
    const friends = await circleWith(t.app, me, [mate], 'Friends');
    const shared = await ok<{ checkin: { id: string; sharedWith: string[] }; safety: unknown }>(await me.client.post('/api/me/circle-checkins', { mood: 4, note: 'Slept well, saw the sea.', shareWith: [family] }), 201);
    expect(shared.checkin.sharedWith).toEqual([family]);
    await ok(await me.client.post('/api/me/circle-checkins', { mood: 2, note: 'A private low evening.' }), 201);
    const inFamily = await ok<{ checkins: { mood: number; note: string; isMe: boolean; sharedWith: unknown }[] }>(await mum.client.get(`/api/circles/${family}/checkins`));
    expect(inFamily.checkins).toEqual([expect.objectContaining({ mood: 4, note: 'Slept well, saw the sea.', isMe: false, sharedWith: null })]);
    expect((await mate.client.get(`/api/circles/${friends}/checkins`)).json().checkins).toEqual([]);
    expect((await mate.client.get(`/api/circles/${family}/checkins`)).statusCode).toBe(404);
    const mine = await ok<{ checkins: { note: string }[] }>(await me.client.get('/api/me/circle-checkins'));
    expect(mine.checkins.map((c) => c.note)).toEqual(['A private low evening.', 'Slept well, saw the sea.']);
    // Sharing into a circle one is not in is refused the same way as a missing one.
    expect((await mate.client.post('/api/me/circle-checkins', { mood: 3, shareWith: [family] })).statusCode).toBe(404);
    await ok(await me.client.delete(`/api/circles/${family}/checkins/${shared.checkin.id}`));
    expect((await mum.client.get(`/api/circles/${family}/checkins`)).json().checkins).toEqual([]);

    await ok(await me.client.post(`/api/circles/${family}/messages`, { body: 'Thank you for the soup yesterday.' }), 201);
    await t.app.kindred.dispatcher.idle();
    const db = t.app.kindred.database.db;
    const dump = JSON.stringify([
      await db.selectFrom('circles').selectAll().execute(),
      await db.selectFrom('circle_messages').selectAll().execute(),
      await db.selectFrom('circle_checkins').selectAll().execute(),
      await db.selectFrom('screenings').selectAll().execute(),
      await db.selectFrom('outbox').selectAll().execute(),
      await db.selectFrom('notifications').selectAll().execute(),
    ]);
    for (const words of ['soup', 'the sea', 'low evening', 'Family', 'Friends']) expect(dump).not.toContain(words);
  });

  it('lets only the supervisor working an alert read the circle message that raised it, audited for each person shown', async () => {
    const me = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, me, [friend]);
    await ok(await friend.client.post(`/api/circles/${circleId}/messages`, { body: 'How are you doing tonight?' }), 201);
    const flagged = await ok<{ message: { id: string }; safety: { level: number } }>(await me.client.post(`/api/circles/${circleId}/messages`, { body: ACTIVE }), 201);
    expect(flagged.safety.level).toBeGreaterThanOrEqual(3);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const colleague = await buildUser(t.app, { roles: ['supervisor'] });
    // Other tests' circle alerts stay open on PostgreSQL: find this message's by its detail.
    const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string; objectType: string }[];
    const details = await Promise.all(alerts.filter((a) => a.objectType === 'circle_message').map(async (a) => (await supervisor.client.get(`/api/safety/alerts/${a.id}`)).json() as { id: string; objectId: string }));
    const alert = details.find((a) => a.objectId === flagged.message.id)!;
    expect(alert).toBeDefined();
    const early = await supervisor.client.get(`/api/safety/alerts/${alert.id}/circle-context`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/Acknowledge/);
    await ok(await supervisor.client.post(`/api/safety/alerts/${alert.id}/acknowledge`));
    const ctx = await ok<{ flagged: { id: string; body: string }; context: { body: string }[]; circleId: string }>(await supervisor.client.get(`/api/safety/alerts/${alert.id}/circle-context`));
    expect(ctx.flagged).toMatchObject({ id: flagged.message.id, body: ACTIVE });
    expect(ctx.context.map((c) => c.body)).toEqual(['How are you doing tonight?']);
    expect((await colleague.client.get(`/api/safety/alerts/${alert.id}/circle-context`)).statusCode).toBe(409);
    expect((await friend.client.get(`/api/safety/alerts/${alert.id}/circle-context`)).statusCode).toBe(404);
    // Still nothing else of the circle.
    expect((await supervisor.client.get(`/api/circles/${circleId}`)).statusCode).toBe(404);
    const myAudit = (await me.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string }[];
    expect(myAudit).toContainEqual(expect.objectContaining({ action: 'circles.escalation_read', actorHandle: supervisor.handle }));
    const friendAudit = (await friend.client.get('/api/me/audit')).json().entries as { action: string }[];
    expect(friendAudit.map((e) => e.action)).toContain('circles.escalation_read');
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a message or shared check-in queued behind the circle’s close answers 404 and stores nothing (no 500)', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const close = (circleId: string) => async (trx: typeof db) => void (await trx.deleteFrom('circles').where('id', '=', circleId).execute());
    // The circle's row held `for update` as the close holds it, the write queued behind it, then the
    // circle deleted in that transaction (cascading to its messages and shares) and committed.
    const first = await circleWith(t.app, owner, [friend]);
    const message = await queuedBehindRowWrite(db, 'circles', first, () => friend.client.post(`/api/circles/${first}/messages`, { body: 'See you all on Sunday?' }), close(first));
    expect(message.statusCode).toBe(404);
    expect(message.json().error).toMatchObject({ code: 'not_found', message: 'That circle was not found.' });
    expect(await db.selectFrom('circle_messages').select('id').where('author_id', '=', friend.id).execute()).toEqual([]);
    const second = await circleWith(t.app, owner, [friend]);
    const checkin = await queuedBehindRowWrite(db, 'circles', second, () => friend.client.post('/api/me/circle-checkins', { mood: 4, note: 'A calm morning.', shareWith: [second] }), close(second));
    expect(checkin.statusCode).toBe(404);
    expect(checkin.json().error).toMatchObject({ code: 'not_found', message: 'That circle was not found.' });
    expect(await db.selectFrom('circle_checkins').select('id').where('user_id', '=', friend.id).execute()).toEqual([]);
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: writes into one circle do not wait for each other', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, owner, [friend]);
    const db = t.app.kindred.database.db;
    // Another writer's hold on the circle's row (`for key share`) does not stop a message or a check-in.
    const message = await answeredWhileRowLocked(db, 'circles', circleId, () => owner.client.post(`/api/circles/${circleId}/messages`, { body: 'Morning, everyone.' }), 'key share');
    expect(message).toMatchObject({ waited: false, answer: { statusCode: 201 } });
    const checkin = await answeredWhileRowLocked(db, 'circles', circleId, () => owner.client.post('/api/me/circle-checkins', { mood: 3, shareWith: [circleId] }), 'key share');
    expect(checkin).toMatchObject({ waited: false, answer: { statusCode: 201 } });
    const both = await Promise.all([owner.client.post(`/api/circles/${circleId}/messages`, { body: 'Tea at four?' }), friend.client.post(`/api/circles/${circleId}/messages`, { body: 'Yes please.' })]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect((await friend.client.get(`/api/circles/${circleId}/messages`)).json().messages).toHaveLength(3);
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a rename and writes into the circle do not wait for each other; a close waits for a write', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, owner, [friend]);
    const db = t.app.kindred.database.db;
    // A rename in flight holds the row as its UPDATE of the name does (`for no key update`): a message
    // and a check-in shared into the circle go ahead (they rest on the circle being there, not on its name).
    const message = await answeredWhileRowLocked(db, 'circles', circleId, () => friend.client.post(`/api/circles/${circleId}/messages`, { body: 'Morning, everyone.' }), 'no key update');
    expect(message).toMatchObject({ waited: false, answer: { statusCode: 201 } });
    const checkin = await answeredWhileRowLocked(db, 'circles', circleId, () => friend.client.post('/api/me/circle-checkins', { mood: 3, shareWith: [circleId] }), 'no key update');
    expect(checkin).toMatchObject({ waited: false, answer: { statusCode: 201 } });
    // Real locks, not stand-ins: a check-in paused mid-write (at its own row, after sharing the
    // circle's) does not stop a rename; a rename paused mid-write (at the screening of its name, after
    // taking the circle's row) does not stop a check-in. Either would wait if its lock were `for update`.
    const renamed = await answeredWhileRequestPaused(
      db,
      'circle_checkins',
      () => friend.client.post('/api/me/circle-checkins', { mood: 2, shareWith: [circleId] }),
      () => owner.client.patch(`/api/circles/${circleId}`, { name: 'Sunday walkers' }),
    );
    expect(renamed).toMatchObject({ waited: false, answeredWhilePaused: true, held: { statusCode: 201 }, answer: { statusCode: 200 } });
    const shared = await answeredWhileRequestPaused(
      db,
      'screenings',
      () => owner.client.patch(`/api/circles/${circleId}`, { name: 'Sunday runners' }),
      () => friend.client.post('/api/me/circle-checkins', { mood: 4, shareWith: [circleId] }),
    );
    expect(shared).toMatchObject({ waited: false, answeredWhilePaused: true, held: { statusCode: 200 }, answer: { statusCode: 201 } });
    // A write in flight holds the row as writers do (`for key share`): a close waits for it.
    const closing = await answeredWhileRowLocked(db, 'circles', circleId, () => owner.client.delete(`/api/circles/${circleId}`), 'key share');
    expect(closing).toMatchObject({ waited: true, answer: { statusCode: 200 } });
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a rename queued behind the circle’s close answers 404, behind its owner leaving is refused (no 500, no rename by a non-member)', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const db = t.app.kindred.database.db;
    const rename = (circleId: string) => () => owner.client.patch(`/api/circles/${circleId}`, { name: 'Sunday walkers' });
    // The circle's row held `for update` as a close or a leave holds it, the rename queued behind it,
    // then the close or the leave done in that transaction and committed.
    const first = await circleWith(t.app, owner, [friend]);
    const closed = await queuedBehindRowWrite(db, 'circles', first, rename(first), async (trx) => void (await trx.deleteFrom('circles').where('id', '=', first).execute()));
    expect(closed.statusCode).toBe(404);
    expect(closed.json().error).toMatchObject({ code: 'not_found', message: 'That circle was not found.' });
    const second = await circleWith(t.app, owner, [friend]);
    const left = await queuedBehindRowWrite(db, 'circles', second, rename(second), async (trx) => {
      await trx.deleteFrom('circle_members').where('circle_id', '=', second).where('user_id', '=', owner.id).execute();
      await trx.updateTable('circles').set({ owner_id: friend.id }).where('id', '=', second).execute();
    });
    expect(left.statusCode).toBe(404);
    expect(left.json().error).toMatchObject({ code: 'not_found', message: 'That circle was not found.' });
    expect(await ok(await friend.client.get(`/api/circles/${second}`))).toMatchObject({ name: 'Family and close friends', isOwner: true });
  });

  it('erases a member who did not make the circle as their leaving: the others hear of it live, and the circle passes or closes as on a leave', async () => {
    const owner = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const other = await buildUser(t.app);
    const circleId = await circleWith(t.app, owner, [friend, other]);
    await ok(await friend.client.post(`/api/circles/${circleId}/messages`, { body: 'See you all on Sunday.' }), 201);
    // The joins' own circle.changed events delivered first, so the count below is the erasure's alone (a join's late
    // delivery after the subscription made this test flaky).
    await t.app.kindred.dispatcher.idle();
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const socket = await TestSocket.open(t.app, owner.client);
    try {
      expect(await socket.subscribe(`circle:${circleId}`)).toMatchObject({ type: 'subscribed' });
      const from = socket.messages.length;
      await ok(await friend.client.post('/api/me/erase', { password: friend.password, publicPosts: 'delete', confirm: 'DELETE' }));
      await t.app.kindred.dispatcher.idle();
      // The server answers a ping after anything it sent before it on the same socket.
      socket.send({ type: 'ping' });
      await socket.next((m) => m.type === 'pong', 5000, from);
      expect(socket.messages.slice(from).filter((m) => m.type === 'event' && m.event.type === 'circle.changed')).toHaveLength(1);
    } finally {
      socket.close();
    }
    expect(await ok(await owner.client.get(`/api/circles/${circleId}`))).toMatchObject({ isOwner: true, members: [{ id: owner.id }, { id: other.id }] });
    expect((await owner.client.get(`/api/circles/${circleId}/messages`)).json().messages).toEqual([]);
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: the last two leaving at once, one by erasing their account, close the circle (the erasure waits for the circle, either order)', async () => {
    const db = t.app.kindred.database.db;
    const left = async (circleId: string) => ({
      circle: await db.selectFrom('circles').select('id').where('id', '=', circleId).execute(),
      members: await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', circleId).execute(),
    });
    // Its maker leaves (the circle passes to the friend), then the friend's erasure, queued behind the
    // leave, finds itself the last one in and closes it. Without the circle's lock the erasure deleted
    // the friend's membership while the leave handed them the circle: an empty circle was left.
    for (const erasureFirst of [false, true]) {
      const owner = await buildUser(t.app);
      const friend = await buildUser(t.app);
      const circleId = await circleWith(t.app, owner, [friend]);
      const leave = () => owner.client.delete(`/api/circles/${circleId}/membership`);
      const erase = () => friend.client.post('/api/me/erase', { password: friend.password, publicPosts: 'delete', confirm: 'DELETE' });
      const answers = erasureFirst ? await queuedBehindRowLock(db, 'circles', circleId, erase, leave) : await queuedBehindRowLock(db, 'circles', circleId, leave, erase);
      expect(answers.map((a) => a.statusCode), `erasure first: ${erasureFirst}`).toEqual([200, 200]);
      expect(await left(circleId), `erasure first: ${erasureFirst}`).toEqual({ circle: [], members: [] });
    }
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a circle joined, passed on or made while an erasure waits for another circle undoes the erasure (409), and the next one leaves them all', async () => {
    const db = t.app.kindred.database.db;
    const o1 = await buildUser(t.app);
    const o2 = await buildUser(t.app);
    const x = await buildUser(t.app);
    const c1 = await circleWith(t.app, o1, [x]);
    const c2 = await circleWith(t.app, o2, []);
    const inv = await ok<{ token: string }>(await o2.client.post(`/api/circles/${c2}/invitations`, {}), 201);
    let c3 = '';
    const erase = () => x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' });
    const left = async (id: string) => ({
      circle: await db.selectFrom('circles').select(['id', 'owner_id']).where('id', '=', id).execute(),
      members: await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', id).execute(),
    });
    // The erasure read its circles (c1 only) and waits at c1's lock; meanwhile x joins c2 (from another
    // device), o2 leaves it (c2 passes to x), and x makes c3. Then the erasure goes on. Before, it left
    // c1 only and the account's delete cascaded: c2 empty and owned by nobody, c3 kept x's circle name.
    const answer = await queuedBehindRowWrite(db, 'circles', c1, erase, async () => {
      await ok(await x.client.post('/api/circle-invitations/accept', { token: inv.token }));
      await ok(await o2.client.delete(`/api/circles/${c2}/membership`));
      c3 = (await ok<{ id: string }>(await x.client.post('/api/circles', { name: 'My private name for it' }), 201)).id;
    });
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json()).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('try again') } });
    // Nothing was deleted: the account, c1 with both, c2 passed to x, and x's c3.
    expect(await db.selectFrom('users').select('id').where('id', '=', x.id).execute()).toEqual([{ id: x.id }]);
    expect((await left(c1)).members).toHaveLength(2);
    expect(await left(c2)).toEqual({ circle: [{ id: c2, owner_id: x.id }], members: [{ user_id: x.id }] });
    expect(await left(c3)).toEqual({ circle: [{ id: c3, owner_id: x.id }], members: [{ user_id: x.id }] });
    // Asked again, the erasure leaves all three: c2 and c3 close, c1 stays o1's.
    await ok(await erase());
    expect(await db.selectFrom('users').select('id').where('id', '=', x.id).execute()).toEqual([]);
    expect(await left(c1)).toEqual({ circle: [{ id: c1, owner_id: o1.id }], members: [{ user_id: o1.id }] });
    expect(await left(c2)).toEqual({ circle: [], members: [] });
    expect(await left(c3)).toEqual({ circle: [], members: [] });
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a circle made or joined while the erasure holds the account waits for it, then answers 401, not a 500', async () => {
    const db = t.app.kindred.database.db;
    const o2 = await buildUser(t.app);
    const x = await buildUser(t.app);
    const c2 = await circleWith(t.app, o2, []);
    const signedInElsewhere = async (u: BuiltUser, ip: string) => {
      const device = new TestClient(t.app, ip);
      await ok(await device.post('/api/auth/sign-in', { handle: u.handle, password: u.password }));
      return device;
    };
    const sessionOf = async (device: TestClient) => (await t.app.kindred.accounts.resolveSession(device.sessionToken()!))!.sessionId;
    // x signed in on two more devices: the phone writes, the tablet sits idle. The erasure deletes the
    // tablet's session after it has locked x's row: that session's row held elsewhere keeps it there.
    const [phone, tablet] = await Promise.all([signedInElsewhere(x, '10.9.0.1'), signedInElsewhere(x, '10.9.0.2')]);
    const erase = () => x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' });
    const create = () => phone.post('/api/circles', { name: 'Made while leaving' });
    const [erased, created] = await queuedBehindRowLock(db, 'sessions', await sessionOf(tablet), erase, create);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(created.statusCode, created.body).toBe(401);
    expect(created.json()).toMatchObject({ error: { message: 'Your account has been deleted, so nothing was saved.' } });

    const y = await buildUser(t.app);
    const inv = await ok<{ token: string }>(await o2.client.post(`/api/circles/${c2}/invitations`, {}), 201);
    const [yPhone, yTablet] = await Promise.all([signedInElsewhere(y, '10.9.0.3'), signedInElsewhere(y, '10.9.0.4')]);
    const [yErased, joined] = await queuedBehindRowLock(
      db,
      'sessions',
      await sessionOf(yTablet),
      () => y.client.post('/api/me/erase', { password: y.password, publicPosts: 'delete', confirm: 'DELETE' }),
      () => yPhone.post('/api/circle-invitations/accept', { token: inv.token }),
    );
    expect(yErased.statusCode, yErased.body).toBe(200);
    expect(joined.statusCode, joined.body).toBe(401);
    expect(await db.selectFrom('circle_members').select('user_id').where('circle_id', '=', c2).execute()).toEqual([{ user_id: o2.id }]);
  });

  it('a circle made or joined by a person whose account is gone (a request let in before the erasure) answers 401, not a 500', async () => {
    const o2 = await buildUser(t.app);
    const x = await buildUser(t.app);
    const c2 = await circleWith(t.app, o2, []);
    const inv = await ok<{ token: string }>(await o2.client.post(`/api/circles/${c2}/invitations`, {}), 201);
    await ok(await x.client.post('/api/me/erase', { password: x.password, publicPosts: 'delete', confirm: 'DELETE' }));
    // x.actor was resolved from x's session before the erasure, as a request under way was.
    await expect(t.app.kindred.circles.create(x.actor, 'Made while leaving')).rejects.toMatchObject({ statusCode: 401 });
    await expect(t.app.kindred.circles.accept(x.actor, inv.token)).rejects.toMatchObject({ statusCode: 401 });
    // A check-in, shared or not, too (it was a foreign-key failure, a 500).
    await expect(t.app.kindred.circles.checkIn(x.actor, { mood: 3, note: 'late', shareWith: [] })).rejects.toMatchObject({ statusCode: 401 });
    await expect(t.app.kindred.circles.checkIn(x.actor, { mood: 3, shareWith: [] })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('exports and erases a member’s circle data; a circle passes to the next member when its maker leaves', async () => {
    const me = await buildUser(t.app);
    const friend = await buildUser(t.app);
    const circleId = await circleWith(t.app, me, [friend], 'Book club');
    await ok(await me.client.post(`/api/circles/${circleId}/messages`, { body: 'Chapter three made me cry.' }), 201);
    await ok(await me.client.post('/api/me/circle-checkins', { mood: 5, note: 'Great day.', shareWith: [circleId] }), 201);
    const exported = (await me.client.get('/api/me/export')).json() as { circles: { circles: { name: string }[]; messages: { body: string }[]; checkins: { note: string; sharedWith: string[] }[] } };
    expect(exported.circles.circles.map((c) => c.name)).toEqual(['Book club']);
    expect(exported.circles.messages.map((m) => m.body)).toEqual(['Chapter three made me cry.']);
    expect(exported.circles.checkins).toEqual([expect.objectContaining({ note: 'Great day.', sharedWith: [circleId] })]);
    await ok(await me.client.post('/api/me/erase', { password: me.password, publicPosts: 'delete', confirm: 'DELETE' }));
    const view = await ok<{ isOwner: boolean; members: { id: string }[] }>(await friend.client.get(`/api/circles/${circleId}`));
    expect(view).toMatchObject({ isOwner: true, members: [{ id: friend.id }] });
    expect((await friend.client.get(`/api/circles/${circleId}/messages`)).json().messages).toEqual([]);
    expect((await friend.client.get(`/api/circles/${circleId}/checkins`)).json().checkins).toEqual([]);
    await ok(await friend.client.delete(`/api/circles/${circleId}/membership`));
    expect(await t.app.kindred.database.db.selectFrom('circles').selectAll().where('id', '=', circleId).execute()).toEqual([]);
  });
});
