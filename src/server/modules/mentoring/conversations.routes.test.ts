import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../contracts/events.js';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { assignSupervisor } from '../../../../test/supervision-factories.js';
import type { KindredApp } from '../../app.js';
import { availableAt, nextAvailableAt } from './matching.js';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));
const PASSIVE = 'Lately I wish I could just go to sleep and not wake up.';
const ACTIVE = 'I have been thinking about killing myself every day.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

interface ProfileOpts {
  timeZone?: string;
  availability?: { day: number; start: string; end: string }[];
  capacity?: number;
  autoReply?: string;
}

interface MessageJson {
  id: string;
  kind: string;
  mine: boolean;
  body: string | null;
  state: string;
  heldReason: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  clientId: string | null;
  sender: { id: string; handle: string } | null;
  screen: { level: number; callSupervisor: string; supervisorAlerted: boolean; tone: string; guidance: { key: string }[] } | null;
}

/** A supporter in a language pool of their own (matching filters on language), matched with a new member. */
async function matched(app: KindredApp, opts: ProfileOpts = {}) {
  const lang = `en-x${randomBytes(3).toString('hex')}`;
  const supporter = await buildUser(app, { roles: ['peer_supporter'] });
  const profile = await supporter.client.put('/api/mentoring/supporter-profile', {
    experienceTags: ['anxiety'],
    languages: [lang],
    timeZone: opts.timeZone ?? 'Europe/London',
    availability: opts.availability ?? ALL_WEEK,
    capacity: opts.capacity ?? 3,
    ...(opts.autoReply ? { autoReply: opts.autoReply } : {}),
  });
  if (profile.statusCode !== 200) throw new Error(`profile: ${profile.statusCode} ${profile.body}`);
  const member = await buildUser(app, { region: 'GB' });
  const asked = await member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: [lang] } });
  if (asked.statusCode !== 201) throw new Error(`request: ${asked.statusCode} ${asked.body}`);
  const accepted = await supporter.client.post(`/api/mentoring/offers/${asked.json().request.id}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { supporter, member, id: accepted.json().id as string };
}

async function send(u: BuiltUser, mentorshipId: string, body: string, clientId: string = randomUUID()) {
  return u.client.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body, clientId });
}

async function sent(u: BuiltUser, mentorshipId: string, body: string) {
  const res = await send(u, mentorshipId, body);
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${res.body}`);
  return res.json() as { message: MessageJson; notice: { showCrisisResponse: boolean; resources: unknown[] } | null; held: { reason: string; message: string; found: string[] } | null; autoReply: MessageJson | null };
}

async function history(u: BuiltUser, mentorshipId: string, query = '') {
  const res = await u.client.get(`/api/mentoring/mentorships/${mentorshipId}/messages${query}`);
  if (res.statusCode !== 200) throw new Error(`history: ${res.statusCode} ${res.body}`);
  return res.json() as { conversation: Record<string, unknown>; messages: MessageJson[]; nextCursor: string | null };
}

async function listening(app: KindredApp): Promise<void> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
}

const isEvent = (type: string, pred: (data: Record<string, unknown>) => boolean = () => true) => (m: ServerMessage) =>
  m.type === 'event' && m.event.type === type && pred(m.event.data as Record<string, unknown>);

/** Every row of every table, as text: what someone holding a copy of the database could read. */
async function wholeDatabase(app: KindredApp): Promise<string> {
  const { db, dialect } = app.kindred.database;
  const tables =
    dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db)).rows.map((r) => r.name);
  expect(tables).toEqual(expect.arrayContaining(['mentorship_messages', 'screenings', 'outbox', 'held_content', 'audit_log']));
  let all = '';
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    all += `\n${table}: ${JSON.stringify(rows)}`;
  }
  return all;
}

describe.each(testDatabases)('mentoring conversations on $name', (database) => {
  const t = useTestApp(database);

  it('sends a message over two real WebSockets with delivery and read receipts, and counts unread', async () => {
    await listening(t.app);
    const { supporter, member, id } = await matched(t.app);
    const toMember = await TestSocket.open(t.app, member.client);
    const toSupporter = await TestSocket.open(t.app, supporter.client);
    try {
      expect(await toMember.subscribe(`mentorship:${id}`)).toMatchObject({ type: 'subscribed' });
      expect(await toSupporter.subscribe(`mentorship:${id}`)).toMatchObject({ type: 'subscribed' });

      const first = await sent(member, id, 'Hello, thank you for taking my request.');
      expect(first.message).toMatchObject({ mine: true, body: 'Hello, thank you for taking my request.', state: 'visible', deliveredAt: null, readAt: null, screen: null });
      expect(first.notice).toBeNull();
      const arrived = await toSupporter.next(isEvent('mentoring.message_created', (d) => d.messageId === first.message.id));
      // The event names the message; its words are fetched through the presenter, never sent in the event.
      expect(JSON.stringify(arrived)).not.toContain('thank you for taking');
      const fetched = (await supporter.client.get(`/api/mentoring/mentorships/${id}/messages/${first.message.id}`)).json().message as MessageJson;
      expect(fetched).toMatchObject({ mine: false, body: 'Hello, thank you for taking my request.', sender: { id: member.id, handle: member.handle }, clientId: null });

      const summaryBefore = (await supporter.client.get('/api/mentoring/conversations')).json();
      expect(summaryBefore.conversations.find((c: { mentorshipId: string }) => c.mentorshipId === id)).toMatchObject({ role: 'supporter', unread: 1 });
      expect(summaryBefore.totalUnread).toBeGreaterThanOrEqual(1);

      const delivered = await supporter.client.post(`/api/mentoring/mentorships/${id}/delivered`, { upTo: first.message.id });
      expect(delivered.json()).toMatchObject({ updated: 1, upTo: first.message.id });
      const tick1 = await toMember.next(isEvent('mentoring.messages_delivered', (d) => d.upTo === first.message.id));
      expect(tick1).toMatchObject({ event: { data: { mentorshipId: id, byUserId: supporter.id } } });
      expect((await history(member, id)).messages[0]).toMatchObject({ id: first.message.id, deliveredAt: expect.any(String), readAt: null });

      expect((await supporter.client.post(`/api/mentoring/mentorships/${id}/read`, { upTo: first.message.id })).json()).toMatchObject({ updated: 1 });
      await toMember.next(isEvent('mentoring.messages_read', (d) => d.upTo === first.message.id && d.byUserId === supporter.id));
      const mine = await history(member, id);
      expect(mine.messages[0]!.readAt).toEqual(expect.any(String));
      expect(mine.conversation).toMatchObject({ role: 'member', status: 'active', readOnly: false, otherDeliveredUpTo: first.message.id, otherReadUpTo: first.message.id });
      expect((await supporter.client.get('/api/mentoring/conversations')).json().conversations.find((c: { mentorshipId: string }) => c.mentorshipId === id).unread).toBe(0);
      // Receipts only ever stamp the other side's messages: my own read of my own message changes nothing.
      expect((await member.client.post(`/api/mentoring/mentorships/${id}/read`, { upTo: first.message.id })).json().updated).toBe(0);

      const reply = await sent(supporter, id, 'I am glad you reached out. How has this week been?');
      await toMember.next(isEvent('mentoring.message_created', (d) => d.messageId === reply.message.id && d.senderId === supporter.id));
      expect((await history(member, id)).conversation.unread).toBe(1);
      const bad = await member.client.post(`/api/mentoring/mentorships/${id}/read`, { upTo: randomUUID() });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/^upTo/);
    } finally {
      toMember.close();
      toSupporter.close();
    }
  });

  it('pages history by keyset, newest first, without gaps or repeats while messages keep arriving', async () => {
    const { supporter, member, id } = await matched(t.app);
    const original: string[] = [];
    for (let i = 0; i < 25; i++) original.push((await sent(i % 2 ? supporter : member, id, `message number ${i}`)).message.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await history(member, id, `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      if (pages === 0) expect(page.messages[0]!.id).toBe(original.at(-1));
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor;
      pages += 1;
      // Someone writes between page loads: the new message is newer than any cursor, so it never lands in a later page.
      await sent(pages % 2 ? supporter : member, id, `written while paging ${pages}`);
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual([...original].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await member.client.get(`/api/mentoring/mentorships/${id}/messages?cursor=not-a-cursor`)).statusCode).toBe(400);
    expect((await member.client.get(`/api/mentoring/mentorships/${id}/messages?limit=500`)).json().error.message).toMatch(/limit/);
  });

  it('answers a retry with the first message and stores it once, even when retries race', async () => {
    const { supporter, member, id } = await matched(t.app);
    const clientId = randomUUID();
    const first = await send(member, id, 'Is it okay if I talk about my exams today?', clientId);
    expect(first.statusCode).toBe(201);
    const again = await send(member, id, 'Is it okay if I talk about my exams today?', clientId);
    // Answered as every create's retry is (ADR 042): 201, marked as a replay.
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.json()).toMatchObject({ created: false, message: { id: first.json().message.id, clientId } });

    // The same key with other words is another message: refused, nothing stored.
    const changed = await send(member, id, 'Actually, can we talk about sleep instead?', clientId);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('idempotency_key_reused');

    const racing = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => send(member, id, PASSIVE, racing)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
    const ids = new Set(results.map((r) => r.json().message.id as string));
    expect(ids.size).toBe(1);
    // Every answer, the first or a replay, carries the crisis notice the message called for.
    for (const r of results) expect(r.json().notice).toMatchObject({ showCrisisResponse: true });
    const db = t.app.kindred.database.db;
    const rows = await db.selectFrom('mentorship_messages').select('id').where('mentorship_id', '=', id).where('client_id', 'in', [clientId, racing]).execute();
    expect(rows).toHaveLength(2);
    const screenings = await db.selectFrom('screenings').select('id').where('object_id', '=', [...ids][0]!).execute();
    expect(screenings).toHaveLength(1);
    // Someone else's clientId is not a way to read their message.
    const stolen = await send(supporter, id, 'hello', clientId);
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.message).toMatch(/clientId/);
  });

  it('holds a message with contact details: not delivered, explained to the sender, shown to them as held, reviewed by a supervisor (audited)', async () => {
    await listening(t.app);
    const { supporter, member, id } = await matched(t.app);
    const toSupporter = await TestSocket.open(t.app, supporter.client);
    try {
      await toSupporter.subscribe(`mentorship:${id}`);
      const held = await sent(member, id, 'this is easier on snap, add me: sam_j22 or text 07700 900123');
      expect(held.message).toMatchObject({ state: 'held', heldReason: 'contact_details', mine: true, body: expect.stringContaining('07700') });
      expect(held.held).toMatchObject({ reason: 'contact_details', found: expect.arrayContaining(['phone', 'social_handle']) });
      expect(held.held!.message).toBe(
        'To keep you both safe, contact details like phone numbers, emails, social handles or addresses can’t be shared in 1:1 chat. Your message was not sent. You can edit it and send it without them.',
      );
      expect(held.autoReply).toBeNull();
      const after = await sent(member, id, 'Sorry, I will keep it here then.');
      await toSupporter.next(isEvent('mentoring.message_created', (d) => d.messageId === after.message.id));
      // Events arrive in order: the held message would have come first. It never did.
      expect(toSupporter.messages.some((m) => m.type === 'event' && (m.event.data as { messageId?: string }).messageId === held.message.id)).toBe(false);
      expect((await history(supporter, id)).messages.map((m) => m.id)).not.toContain(held.message.id);
      expect((await supporter.client.get(`/api/mentoring/mentorships/${id}/messages/${held.message.id}`)).statusCode).toBe(404);
      expect((await supporter.client.post(`/api/mentoring/mentorships/${id}/read`, { upTo: held.message.id })).statusCode).toBe(400);
      const own = (await history(member, id)).messages.find((m) => m.id === held.message.id)!;
      expect(own).toMatchObject({ state: 'held', heldReason: 'contact_details', body: expect.stringContaining('sam_j22') });
      // A line from the crisis directory may always be shared.
      expect((await sent(supporter, id, 'If it gets too much, Samaritans are on 116 123, and in Germany TelefonSeelsorge is on 0800 111 0 111.')).message.state).toBe('visible');
      const supporterHeld = await sent(supporter, id, 'Or call my friend, she is a counsellor: 0800 123 4567.');
      expect(supporterHeld.message.state).toBe('held');

      // The supervisors' queue sees it (a pattern of such attempts matters); reading it is audited for the writer.
      const reviewer = await buildUser(t.app, { roles: ['supervisor'] });
      const queue = (await reviewer.client.get('/api/safety/held')).json().items as { id: string; objectType: string; objectId: string; reason: string; text: string }[];
      const item = queue.find((i) => i.objectId === held.message.id)!;
      expect(item).toMatchObject({ objectType: 'mentorship_message', reason: 'contact_details', text: expect.stringContaining('07700 900123') });
      await reviewer.client.get('/api/safety/held');
      const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string }[];
      expect(audit.filter((e) => e.action === 'mentoring.held_message_reviewed')).toEqual([expect.objectContaining({ actorHandle: reviewer.handle })]);
      expect((await reviewer.client.post(`/api/safety/held/${item.id}/decision`, { action: 'remove' })).statusCode).toBe(200);
      expect((await history(member, id)).messages.find((m) => m.id === held.message.id)).toMatchObject({ state: 'removed', body: null });
      expect((await history(supporter, id)).messages.map((m) => m.id)).not.toContain(held.message.id);
      // A supervisor may also judge a held message fine: then it reaches the other side, live.
      const toMember = await TestSocket.open(t.app, member.client);
      try {
        await toMember.subscribe(`mentorship:${id}`);
        const other = (await reviewer.client.get('/api/safety/held')).json().items.find((i: { objectId: string }) => i.objectId === supporterHeld.message.id);
        expect((await reviewer.client.post(`/api/safety/held/${other.id}/decision`, { action: 'release' })).statusCode).toBe(200);
        await toMember.next(isEvent('mentoring.message_created', (d) => d.messageId === supporterHeld.message.id));
        expect((await history(member, id)).messages.find((m) => m.id === supporterHeld.message.id)).toMatchObject({ state: 'visible', body: expect.stringContaining('0800 123 4567') });
      } finally {
        toMember.close();
      }
      const stored = await t.app.kindred.database.db.selectFrom('mentorship_messages').select('body_enc').where('id', '=', held.message.id).executeTakeFirstOrThrow();
      expect(t.app.kindred.keyring.field.decrypt(stored.body_enc, `mentorship_messages:${id}`)).toBe('');
    } finally {
      toSupporter.close();
    }
  });

  it('still tells the supporter, without the words, when a held message with contact details is also a cry for help', async () => {
    const { supporter, member, id } = await matched(t.app);
    const r = await sent(member, id, `${ACTIVE} Please just call me on 07700 900123.`);
    expect(r.held).toMatchObject({ reason: 'contact_details', found: ['phone'] });
    expect(r.notice).toMatchObject({ showCrisisResponse: true });
    const seen = (await history(supporter, id)).messages.find((m) => m.id === r.message.id)!;
    expect(seen).toMatchObject({ state: 'held', heldReason: 'contact_details', body: null, screen: { level: 3, callSupervisor: 'now', supervisorAlerted: true } });
    expect((await supporter.client.get(`/api/mentoring/mentorships/${id}/messages/${r.message.id}`)).json().message.body).toBeNull();
  });

  it('shows the screen’s verdict with guidance to the supporter only, and the crisis notice to the member', async () => {
    const { supporter, member, id } = await matched(t.app);
    const low = await sent(member, id, PASSIVE);
    expect(low.notice).toMatchObject({ showCrisisResponse: true, resources: expect.arrayContaining([expect.objectContaining({ region: 'GB' })]) });
    expect(low.message.screen).toBeNull();
    const calm = await sent(member, id, 'I went for a walk today and it helped a bit.');
    const theirs = await sent(supporter, id, 'Thank you for telling me. Are you thinking about suicide?');
    expect(theirs.notice).toBeNull();

    const bySupporter = (await history(supporter, id)).messages;
    const verdict = bySupporter.find((m) => m.id === low.message.id)!.screen!;
    expect(verdict).toMatchObject({ level: 2, callSupervisor: 'consider', supervisorAlerted: false, tone: 'warm' });
    expect(verdict.guidance.map((g) => g.key)).toEqual(expect.arrayContaining(['validate', 'askDirectly', 'noSecrecy', 'shareCrisisLine', 'supervisorConsider']));
    expect(bySupporter.find((m) => m.id === calm.message.id)!.screen).toBeNull();
    expect(bySupporter.find((m) => m.id === theirs.message.id)!.screen).toBeNull();
    for (const m of (await history(member, id)).messages) expect(m.screen).toBeNull();
    expect((await member.client.get(`/api/mentoring/mentorships/${id}/messages/${low.message.id}`)).json().message.screen).toBeNull();
  });

  it('a level ≥ 3 message raises an alert and opens the conversation to supervisors; each opening is audited for the member', async () => {
    const { supporter, member, id } = await matched(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const stranger = await buildUser(t.app);
    await sent(member, id, 'Can we talk about my week?');
    expect((await supervisor.client.get(`/api/mentoring/mentorships/${id}/messages`)).statusCode).toBe(403);
    expect((await stranger.client.get(`/api/mentoring/mentorships/${id}/messages`)).statusCode).toBe(404);

    const crisis = await sent(member, id, ACTIVE);
    expect(crisis.notice).toMatchObject({ showCrisisResponse: true });
    const db = t.app.kindred.database.db;
    const alert = await db.selectFrom('safety_alerts').select(['id', 'level']).where('user_id', '=', member.id).executeTakeFirstOrThrow();
    expect(alert.level).toBeGreaterThanOrEqual(3);
    const grant = await db.selectFrom('supervisor_access_grants').select(['kind', 'alert_id']).where('mentorship_id', '=', id).executeTakeFirstOrThrow();
    expect(grant).toEqual({ kind: 'escalation', alert_id: alert.id });
    const verdict = (await history(supporter, id)).messages.find((m) => m.id === crisis.message.id)!.screen!;
    expect(verdict).toMatchObject({ level: 3, callSupervisor: 'now', supervisorAlerted: true, tone: 'urgent' });
    expect(verdict.guidance.map((g) => g.key)).toEqual(expect.arrayContaining(['askDirectly', 'askSafeNow', 'noSecrecy', 'supervisorAlerted', 'supervisorNow']));

    const auditBefore = (await member.client.get('/api/me/audit')).json().entries.length as number;
    await history(member, id);
    await history(supporter, id);
    expect((await member.client.get('/api/me/audit')).json().entries).toHaveLength(auditBefore);
    const opened = await history(supervisor, id);
    expect(opened.conversation).toMatchObject({ role: 'supervisor', readOnly: true });
    expect(opened.messages.find((m) => m.id === crisis.message.id)).toMatchObject({ body: ACTIVE, screen: { level: 3 } });
    const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string; reason: string }[];
    expect(audit.filter((e) => e.action === 'mentoring.conversation_opened')).toEqual([expect.objectContaining({ actorHandle: supervisor.handle, reason: expect.stringMatching(/at risk/) })]);
    // Supervisors read; they do not write in someone else's conversation.
    expect((await send(supervisor, id, 'hello')).statusCode).toBe(403);
  });

  it('a consented supervisor reads (audited); a supervisor without a grant gets 403 and a stranger or an admin 404 everywhere, the room included', async () => {
    await listening(t.app);
    const { member, supporter, id } = await matched(t.app);
    const m1 = await sent(member, id, 'A quiet week, mostly.');
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    await assignSupervisor(t.app, supporter, supervisor);
    const stranger = await buildUser(t.app);
    const admin = await ensureAdmin(t.app);
    const base = `/api/mentoring/mentorships/${id}`;
    expect((await supervisor.client.get(`${base}/messages/${m1.message.id}`)).statusCode).toBe(403);
    // An admin runs the deployment, not the care: like the mentorship itself, the conversation is not found.
    expect((await admin.client.get(`/api/mentoring/mentorships/${id}`)).statusCode).toBe(404);
    for (const res of [await admin.client.get(`${base}/messages`), await admin.client.get(`${base}/messages/${m1.message.id}`), await send(admin, id, 'hi'), await admin.client.post(`${base}/typing`)]) {
      expect(res.statusCode).toBe(404);
    }
    for (const [status, res] of [
      [404, await stranger.client.get(`${base}/messages`)],
      [404, await stranger.client.get(`${base}/messages/${m1.message.id}`)],
      [404, await send(stranger, id, 'hi')],
      [404, await stranger.client.post(`${base}/delivered`, { upTo: m1.message.id })],
      [404, await stranger.client.post(`${base}/read`, { upTo: m1.message.id })],
      [404, await stranger.client.post(`${base}/typing`)],
      [404, await stranger.client.get(`/api/mentoring/mentorships/${randomUUID()}/messages`)],
      [403, await supervisor.client.post(`${base}/typing`)],
    ] as const) {
      expect(res.statusCode).toBe(status);
    }
    expect((await stranger.client.get('/api/mentoring/conversations')).json()).toEqual({ conversations: [], totalUnread: 0 });
    const socket = await TestSocket.open(t.app, stranger.client);
    const supervisorSocket = await TestSocket.open(t.app, supervisor.client);
    try {
      expect(await socket.subscribe(`mentorship:${id}`)).toMatchObject({ type: 'denied' });
      expect(await supervisorSocket.subscribe(`mentorship:${id}`)).toMatchObject({ type: 'denied' });
    } finally {
      socket.close();
      supervisorSocket.close();
    }
    expect((await member.client.post(`${base}/supervisor-consent`, { grant: true, days: 2 })).statusCode).toBe(200);
    expect((await supervisor.client.get(`${base}/messages/${m1.message.id}`)).json().message).toMatchObject({ body: 'A quiet week, mostly.' });
    const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string; reason: string }[];
    expect(audit.find((e) => e.action === 'mentoring.conversation_opened')).toMatchObject({ actorHandle: supervisor.handle, reason: expect.stringMatching(/consent/) });
  });

  it('keeps an ended conversation readable to both and closed to new messages and typing', async () => {
    const { supporter, member, id } = await matched(t.app);
    const m = await sent(member, id, 'Thank you for these weeks.');
    expect((await member.client.post(`/api/mentoring/mentorships/${id}/end`, { closingMessage: 'Take care.' })).statusCode).toBe(200);
    const refused = await send(supporter, id, 'One more thing');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/ended/);
    expect((await supporter.client.post(`/api/mentoring/mentorships/${id}/typing`)).statusCode).toBe(409);
    for (const u of [member, supporter]) {
      const page = await history(u, id);
      expect(page.conversation).toMatchObject({ status: 'ended', readOnly: true });
      expect(page.messages.map((x) => x.body)).toEqual(expect.arrayContaining(['Thank you for these weeks.', 'Take care.']));
    }
    expect((await supporter.client.post(`/api/mentoring/mentorships/${id}/read`, { upTo: m.message.id })).statusCode).toBe(200);
  });

  it('holds a message the safety screen holds, showing the supporter that it waits without its words', async () => {
    const { supporter, member, id } = await matched(t.app);
    const r = await sent(member, id, METHOD);
    expect(r.message).toMatchObject({ state: 'held', heldReason: 'safety', body: METHOD });
    expect(r.held).toMatchObject({ reason: 'safety' });
    expect(r.notice).toMatchObject({ showCrisisResponse: true });
    const seen = (await history(supporter, id)).messages.find((m) => m.id === r.message.id)!;
    expect(seen).toMatchObject({ state: 'held', heldReason: 'safety', body: null, screen: { callSupervisor: 'now', supervisorAlerted: true } });
  });

  it('tells the member when a reply is likely, and sends the auto-reply once per gap in the supporter’s hours', async () => {
    const hours = [{ day: 1, start: '09:00', end: '10:00' }];
    const { supporter, member, id } = await matched(t.app, { availability: hours, autoReply: 'Thanks for writing. I read messages on Monday mornings.' });
    const zoneHours = { timeZone: 'Europe/London', availability: hours };
    if (availableAt(zoneHours, t.clock.now())) t.clock.advanceMinutes(120);
    const windowStart = nextAvailableAt(zoneHours, t.clock.now())!;

    const first = await sent(member, id, 'Hi, are you around this week?');
    expect(first.autoReply).toMatchObject({ kind: 'auto_reply', body: 'Thanks for writing. I read messages on Monday mornings.', sender: { id: supporter.id }, mine: false });
    const page = await history(member, id);
    expect(page.conversation).toMatchObject({ supporterAvailableNow: false, replyLikelyAfter: windowStart.toISOString(), supporterAway: null });
    expect(page.messages[0]!.id).toBe(first.autoReply!.id);
    expect((await history(supporter, id)).conversation).toMatchObject({ supporterAvailableNow: null, replyLikelyAfter: null });
    expect((await sent(member, id, 'No rush.')).autoReply).toBeNull();

    t.clock.advance(windowStart.getTime() - t.clock.now().getTime() + 30 * 60_000);
    expect((await history(member, id)).conversation).toMatchObject({ supporterAvailableNow: true, replyLikelyAfter: null });
    expect((await sent(member, id, 'Morning!')).autoReply).toBeNull();
    t.clock.advanceMinutes(90);
    expect((await sent(member, id, 'Missed you, talk next week.')).autoReply).not.toBeNull();
    const autoReplies = await t.app.kindred.database.db.selectFrom('mentorship_messages').select('id').where('mentorship_id', '=', id).where('kind', '=', 'auto_reply').execute();
    expect(autoReplies).toHaveLength(2);
    // The supporter does not get their own auto-reply when they write.
    expect((await sent(supporter, id, 'Hello! Sorry I missed you.')).autoReply).toBeNull();

    // Away mode: the member sees the return date (and the away message) as when a reply is likely.
    const until = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString();
    expect((await supporter.client.put('/api/mentoring/supporter-profile/away', { away: { until, message: 'Resting for a few days.' } })).statusCode).toBe(200);
    const away = (await history(member, id)).conversation as { supporterAvailableNow: boolean; replyLikelyAfter: string; supporterAway: { until: string; message: string } };
    expect(away.supporterAvailableNow).toBe(false);
    expect(away.supporterAway).toEqual({ until, message: 'Resting for a few days.' });
    expect(new Date(away.replyLikelyAfter).getTime()).toBeGreaterThanOrEqual(new Date(until).getTime());
  });

  it('measures the supporter’s load in their own time zone, with a gentle prompt when it is high', async () => {
    const { supporter, member, id } = await matched(t.app, { timeZone: 'America/New_York', capacity: 1 });
    expect((await member.client.get('/api/mentoring/me/load')).statusCode).toBe(403);
    expect((await supporter.client.get('/api/mentoring/me/load')).json()).toMatchObject({ activeMentees: 1, capacity: 1, messagesLast7Days: 0, lateNightMessagesLast7Days: 0, high: false, reasons: [], prompt: null });
    // To the next 03:30 UTC: 22:30 in New York (EST, January).
    const now = t.clock.now().getTime();
    const day = 86_400_000;
    let target = Math.floor(now / day) * day + 3.5 * 3_600_000;
    if (target <= now) target += day;
    t.clock.advance(target - now);
    for (let i = 0; i < 5; i++) {
      await sent(supporter, id, `Still here if you want to talk (${i}).`);
      t.clock.advanceMinutes(20);
    }
    t.clock.advanceMinutes(12 * 60); // mid-morning in New York
    await sent(supporter, id, 'Good morning, how did you sleep?');
    await sent(member, id, 'Better, thanks.');
    const load = (await supporter.client.get('/api/mentoring/me/load')).json();
    expect(load).toMatchObject({ messagesLast7Days: 6, lateNightMessagesLast7Days: 5, high: true, reasons: ['late_nights'], prompt: 'prompt_high' });
    expect(load.thresholds.lateNightPerWeek).toBe(5);
    t.clock.advanceMinutes(8 * 24 * 60);
    expect((await supporter.client.get('/api/mentoring/me/load')).json()).toMatchObject({ messagesLast7Days: 0, lateNightMessagesLast7Days: 0, high: false });
  });

  it('rejects bad input with a message a person can act on', async () => {
    const { member, id } = await matched(t.app);
    const empty = await member.client.post(`/api/mentoring/mentorships/${id}/messages`, { body: '   ', clientId: randomUUID() });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/^body/);
    const long = await member.client.post(`/api/mentoring/mentorships/${id}/messages`, { body: 'x'.repeat(4001), clientId: randomUUID() });
    expect(long.json().error.message).toMatch(/4000/);
    expect((await member.client.post(`/api/mentoring/mentorships/${id}/messages`, { body: 'hi', clientId: 'abc' })).json().error.message).toMatch(/clientId/);
    expect((await member.client.post(`/api/mentoring/mentorships/${id}/messages`, { body: 'hi' })).statusCode).toBe(400);
    expect((await member.client.post(`/api/mentoring/mentorships/not-an-id/messages`, { body: 'hi', clientId: randomUUID() })).statusCode).toBe(400);
  });
});

describe.each(testDatabases)('mentoring conversations with events left in the outbox on $name', (database) => {
  // No dispatch: every event stays in the outbox table, as after a crash, so we can read what it holds.
  const t = useTestApp(database, { dispatchEvents: false });

  it('stores no message text anywhere in the database, the outbox included', async () => {
    const { supporter, member, id } = await matched(t.app);
    const markers = ['quokka-plain-7731', 'quokka-held-5521', 'quokka-risk-9042', 'quokka-reply-3318'];
    await sent(member, id, `Today was long, ${markers[0]} and all.`);
    await sent(member, id, `add me on snap ${markers[1]} or call 07700 900123`);
    await sent(member, id, `${PASSIVE} ${markers[2]}`);
    await sent(supporter, id, `Thank you for telling me, ${markers[3]}.`);
    const outbox = await t.app.kindred.database.db.selectFrom('outbox').select(['type', 'payload']).execute();
    expect(outbox.filter((r) => r.type === 'mentoring.message_created').length).toBeGreaterThanOrEqual(3);
    const everything = await wholeDatabase(t.app);
    for (const marker of markers) expect(everything).not.toContain(marker);
    expect(everything).not.toContain('07700 900123');
    expect(everything).not.toContain('wish I could just go to sleep');
    // …while the participants read them back.
    const bodies = (await history(member, id)).messages.map((m) => m.body).join(' ');
    for (const marker of markers) expect(bodies).toContain(marker);
  });

  it('sends typing straight over the bus, rate-limited, and never stores it', async () => {
    await listening(t.app);
    const { supporter, member, id } = await matched(t.app);
    const toSupporter = await TestSocket.open(t.app, supporter.client);
    try {
      await toSupporter.subscribe(`mentorship:${id}`);
      const db = t.app.kindred.database.db;
      const count = async (table: 'outbox' | 'mentorship_messages') => Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      const before = { outbox: await count('outbox'), messages: await count('mentorship_messages') };
      expect((await member.client.post(`/api/mentoring/mentorships/${id}/typing`)).json()).toEqual({ forwarded: true });
      const typing = await toSupporter.next(isEvent('mentoring.typing'));
      expect(typing).toMatchObject({ room: `mentorship:${id}`, event: { data: { mentorshipId: id, userId: member.id, handle: member.handle } } });
      expect((await member.client.post(`/api/mentoring/mentorships/${id}/typing`)).json()).toEqual({ forwarded: false });
      t.clock.advance(3_000);
      const from = toSupporter.messages.indexOf(typing) + 1;
      expect((await member.client.post(`/api/mentoring/mentorships/${id}/typing`)).json()).toEqual({ forwarded: true });
      await toSupporter.next(isEvent('mentoring.typing'), 5000, from);
      expect({ outbox: await count('outbox'), messages: await count('mentorship_messages') }).toEqual(before);
      expect(toSupporter.messages.filter(isEvent('mentoring.typing'))).toHaveLength(2);
    } finally {
      toSupporter.close();
    }
  });
});
