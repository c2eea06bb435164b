import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, certify, ensureAdmin, post } from '../../../../test/factories.js';
import { BusFailingFor, CRISIS_TEXT, outboxApp, type OutboxApp } from '../../../../test/outbox.js';
import { InProcessBus, type Bus, type BusEvent, type BusHandler } from '../../platform/bus.js';
import { eraseFromOutbox } from '../../platform/outbox.js';

/** Words only the erased member wrote: none may be left in the outbox. */
const NAMED_TITLE = 'Walking helps me quokka-title';
const NAMED_BODY = 'Every morning I walk by the river quokka-named.';
const ANON_REPLY = 'I feel the same, quietly quokka-anon-reply.';
const ANON_TITLE = 'Something I never said quokka-anon-title';
const ANON_BODY = 'I have never told anyone this quokka-anon-body.';
/** Another member's words: their events stay. */
const OTHER_BODY = 'My own small win this week pelican-other.';

describe.each(testDatabases)('account erasure and the outbox, on $name', (database) => {
  it('leaves no words, handle or id of the member in any outbox row, pending or waiting to be published; others\' events and crisis alerts stay, and are delivered', async () => {
    let busDown = false;
    const t: OutboxApp = await outboxApp(database, [], new BusFailingFor(() => busDown));
    try {
      const space = (await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
      const member = await buildUser(t.app, { handle: 'Erase.Me.Outbox' });
      const other = await buildUser(t.app);
      const othersThread = await post(other, `/api/spaces/${space}/threads`, { kind: 'story', title: 'A thread of my own', body: 'Hello everyone.' });
      t.start();
      await t.drain();

      // Waiting to be published: consumed while Redis was down, their publish failed.
      busDown = true;
      await post(member, `/api/spaces/${space}/threads`, { kind: 'story', title: NAMED_TITLE, body: 'A first post.' });
      await post(member, `/api/threads/${othersThread.thread!.id}/posts`, { body: NAMED_BODY });
      await t.drain();
      const publishOnly = (await t.outbox()).filter((r) => r.consumed_at !== null);
      for (const words of [NAMED_TITLE, NAMED_BODY]) expect(publishOnly.some((r) => r.payload.includes(words)), words).toBe(true);
      expect(publishOnly.some((r) => r.payload.includes(member.handle))).toBe(true);

      // Pending: not yet taken by the dispatcher. Anonymous words carry neither handle nor id.
      t.options.enabled = false;
      await post(member, `/api/threads/${othersThread.thread!.id}/posts`, { body: ANON_REPLY, anonymous: true });
      await post(member, `/api/spaces/${space}/threads`, { kind: 'story', title: ANON_TITLE, body: ANON_BODY, anonymous: true });
      await post(other, `/api/threads/${othersThread.thread!.id}/posts`, { body: OTHER_BODY });
      await member.client.patch('/api/me/profile', { bio: CRISIS_TEXT });
      const before = await t.outbox();
      // (A thread's events carry its title; its opening post's words are fetched.)
      for (const words of [ANON_REPLY, ANON_TITLE, OTHER_BODY]) expect(before.some((r) => r.payload.includes(words)), words).toBe(true);
      const alert = before.find((r) => r.type === 'safety.alert_raised');
      expect(alert).toBeDefined();

      const erased = await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' });
      expect(erased.statusCode).toBe(200);

      const after = await t.outbox();
      const dump = JSON.stringify(after).toLowerCase();
      for (const needle of [member.handle, NAMED_TITLE, NAMED_BODY, ANON_REPLY, ANON_TITLE, ANON_BODY, CRISIS_TEXT]) {
        expect(dump.includes(needle.toLowerCase()), `the outbox still holds ${needle}`).toBe(false);
      }
      // Their id is left only in what the erasure itself tells the other instances (close their
      // sockets, drop their sessions, their kept profile (ADR 053) and caches).
      const written = new Set(before.map((r) => r.id));
      expect(after.filter((r) => written.has(r.id) && r.payload.includes(member.id))).toEqual([]);
      expect([...new Set(after.filter((r) => r.payload.includes(member.id)).map((r) => r.type))].sort()).toEqual([
        'account.profile_changed',
        'account.sessions_changed',
        'mentoring.supporter_changed',
        'session.revoked',
      ]);
      // Another member's words, and the crisis alert (no one's name in it: the alert itself is gone), stay.
      expect(after.some((r) => r.payload.includes(OTHER_BODY))).toBe(true);
      expect(after.find((r) => r.id === alert!.id)).toMatchObject({ type: 'safety.alert_raised', payload: alert!.payload });

      // Redis back, the dispatcher on: what is left is delivered, and nothing of theirs remains.
      busDown = false;
      t.options.enabled = true;
      t.clock.advance(60_000);
      await t.drain();
      expect(await t.outbox()).toEqual([]);
      expect(t.published.some((e) => e.id === alert!.id)).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe.each(testDatabases)('erasing from the outbox, on $name', (database) => {
  it('removes from a fan-out only the events that name the member; the others are still delivered', async () => {
    const t = await outboxApp(database);
    try {
      const member = await buildUser(t.app);
      const other = await buildUser(t.app);
      await t.app.kindred.database.db.deleteFrom('outbox').execute();
      await t.app.kindred.uow.run((tx) =>
        tx.emitMany('mentoring.supervisor_access_changed', [
          { data: { mentorshipId: 'm1' }, rooms: [`user:${member.id}`] },
          { data: { mentorshipId: 'm1' }, rooms: [`user:${other.id}`] },
        ]),
      );
      const removed = await t.app.kindred.uow.run((tx) => eraseFromOutbox(tx.trx, { userId: member.id, handle: member.handle }));
      expect(removed).toBe(1);
      const [row] = await t.outbox();
      expect(JSON.parse(row!.payload).fanOut).toMatchObject([{ rooms: [`user:${other.id}`] }]);
      t.start();
      await t.drain();
      expect(t.published.map((e) => e.rooms)).toEqual([[`user:${other.id}`]]);
      expect(await t.outbox()).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe.each(testDatabases)('a handle or a title that is a common word, on $name', (database) => {
  it('matches only where a handle or a title is held: others\' events holding the word as a role or a reason stay', async () => {
    const t = await outboxApp(database);
    try {
      const space = (await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
      const admin = await ensureAdmin(t.app);
      const other = await buildUser(t.app);
      const certificate = await certify(t.app, other, 'peer_supporter');
      // Their handle is a role's name; their anonymous thread's title is a certificate's lapse reason.
      const member = await buildUser(t.app, { handle: 'Member' });
      const othersThread = await post(other, `/api/spaces/${space}/threads`, { kind: 'story', title: 'A thread of my own', body: 'Hello everyone.' });
      t.start();
      await t.drain();

      t.options.enabled = false;
      await post(member, `/api/threads/${othersThread.thread!.id}/posts`, { body: NAMED_BODY });
      const anonymous = await post(member, `/api/spaces/${space}/threads`, { kind: 'story', title: 'Revoked', body: ANON_BODY, anonymous: true });
      await t.app.kindred.training.revoke(admin.actor, certificate.id, 'Not practising for now.');
      await t.app.kindred.accounts.setRoles(admin.actor, other.id, ['member']);
      const before = await t.outbox();
      const others = before.filter((r) => r.payload.includes(other.id) && !r.payload.includes(member.id));
      const roles = others.find((r) => r.type === 'account.roles_changed');
      const lapsed = others.find((r) => r.type === 'certificate.lapsed');
      expect(JSON.parse(roles!.payload).data).toEqual({ userId: other.id, roles: ['member'] });
      expect(JSON.parse(lapsed!.payload).data).toMatchObject({ userId: other.id, reason: 'revoked' });
      expect(before.some((r) => r.payload.includes(`"handle":"Member"`))).toBe(true);
      expect(before.some((r) => r.payload.includes(`"title":"Revoked"`))).toBe(true);

      const erased = await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'delete', confirm: 'DELETE' });
      expect(erased.statusCode).toBe(200);

      const after = await t.outbox();
      // Theirs go: their named reply (by id and handle), their anonymous thread (by its title). (The
      // erasure's own events name the thread: its replies' counts changed.)
      const written = new Set(before.map((r) => r.id));
      for (const needle of [`"handle":"Member"`, `"title":"Revoked"`, NAMED_BODY, anonymous.thread!.id]) {
        expect(after.some((r) => written.has(r.id) && r.payload.includes(needle)), needle).toBe(false);
      }
      // The other person's events, holding "member" as a role and "revoked" as a reason, are untouched.
      for (const row of others) expect(after.find((r) => r.id === row.id)).toEqual(row);

      t.options.enabled = true;
      await t.drain();
      expect(await t.outbox()).toEqual([]);
      expect(t.published.some((e) => e.id === roles!.id)).toBe(true);
    } finally {
      await t.close();
    }
  });
});

/**
 * The real in-process bus, except that publishing an event `during` picks runs `meanwhile` first (an
 * erasure committing between the dispatch and the publish's settling), then fails.
 */
class BusErasingDuring implements Bus {
  readonly kind = 'memory' as const;
  private readonly inner = new InProcessBus();
  constructor(
    private readonly during: (e: BusEvent) => boolean,
    private readonly meanwhile: () => Promise<unknown>,
  ) {}
  async publish(event: BusEvent): Promise<void> {
    if (!this.during(event)) return this.inner.publish(event);
    await this.meanwhile();
    throw Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' });
  }
  subscribe(handler: BusHandler): () => void {
    return this.inner.subscribe(handler);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

describe.each(testDatabases)('an erasure while a fan-out is being published, on $name', (database) => {
  it('is not undone by the publish settling what it read before: the erased event is never published', async () => {
    let erase = async (): Promise<unknown> => undefined;
    let room = '';
    const t = await outboxApp(database, [], new BusErasingDuring((e) => e.rooms.includes(room), () => erase()));
    try {
      const member = await buildUser(t.app);
      const other = await buildUser(t.app);
      room = `user:${member.id}`;
      erase = () => t.app.kindred.uow.run((tx) => eraseFromOutbox(tx.trx, { userId: member.id, handle: member.handle }));
      await t.app.kindred.database.db.deleteFrom('outbox').execute();
      await t.app.kindred.uow.run((tx) =>
        tx.emitMany('mentoring.supervisor_access_changed', [
          { data: { mentorshipId: 'm1' }, rooms: [room] },
          { data: { mentorshipId: 'm1' }, rooms: [`user:${other.id}`] },
        ]),
      );
      t.start();
      // The other event is published; the member's fails, after the erasure took it out of the row.
      await t.drain();
      expect(t.published.map((e) => e.rooms)).toEqual([[`user:${other.id}`]]);
      // The row is not written back with the member's event: it is gone, nothing is left to publish.
      expect(await t.outbox()).toEqual([]);
      t.clock.advance(120_000);
      await t.drain();
      expect(t.published.map((e) => e.rooms)).toEqual([[`user:${other.id}`]]);
    } finally {
      await t.close();
    }
  });
});
