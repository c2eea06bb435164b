import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp, useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import { InProcessBus, type BusEvent } from '../../platform/bus.js';
import { newId } from '../../platform/ids.js';
import { ESCALATION_BATCH } from './safety.repository.js';

const PASSIVE = 'Lately I wish I could just go to sleep and not wake up.';
const ACTIVE = 'I want to kill myself.';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

describe.each(testDatabases)('safety module on $name', (database) => {
  const t = useTestApp(database);

  describe('crisis resources', () => {
    it('answers signed out, by region, with the emergency number first and the international directory', async () => {
      const anon = new TestClient(t.app);
      const gb = (await anon.get('/api/crisis-resources?region=gb')).json();
      expect(gb.region).toBe('GB');
      expect(gb.lines[0]).toMatchObject({ kind: 'emergency', phone: '999' });
      expect(gb.lines.map((l: { name: string; phone: string }) => `${l.name} ${l.phone}`)).toContain('Samaritans 116 123');
      expect(gb.directory.map((l: { web: string }) => l.web)).toContain('https://findahelpline.com');
      expect(gb.notice).toMatch(/not an emergency service/);
      for (const [region, phone] of [['US', '988'], ['CA', '988'], ['IE', '116 123'], ['AU', '13 11 14'], ['NZ', '1737'], ['FR', '3114'], ['DE', '0800 111 0 111']]) {
        const res = (await anon.get(`/api/crisis-resources?region=${region}`)).json();
        expect(res.lines.map((l: { phone: string | null }) => l.phone), region).toContain(phone);
      }
      const us = (await anon.get('/api/crisis-resources?region=US')).json();
      expect(us.lines.find((l: { name: string }) => l.name === 'Crisis Text Line').sms).toBe('741741');
      const unknown = (await anon.get('/api/crisis-resources?region=ZZ')).json();
      expect(unknown.lines).toEqual([]);
      expect(unknown.directory.length).toBeGreaterThan(0);
      expect((await anon.get('/api/crisis-resources?region=Britain')).statusCode).toBe(400);
    });

    it("uses the signed-in person's region when none is asked for", async () => {
      const u = await buildUser(t.app, { region: 'AU' });
      const res = (await u.client.get('/api/crisis-resources')).json();
      expect(res.region).toBe('AU');
      expect(res.lines.map((l: { phone: string }) => l.phone)).toContain('13 11 14');
    });
  });

  describe('the writer', () => {
    it('gets a warm crisis response with their region’s lines at level 2, without being blocked', async () => {
      const u = await buildUser(t.app, { region: 'GB' });
      const res = await u.client.patch('/api/me/profile', { bio: PASSIVE });
      expect(res.statusCode).toBe(200);
      const { safety, bio, bioPending } = res.json();
      expect(bio).toBe(PASSIVE);
      expect(bioPending).toBe(false);
      expect(safety).toMatchObject({ level: 2, showCrisisResponse: true, held: false, region: 'GB' });
      expect(safety.headline.length).toBeGreaterThan(10);
      expect(safety.firstStep.length).toBeGreaterThan(10);
      expect(safety.resources.map((l: { phone: string | null }) => l.phone)).toContain('116 123');
      expect(safety.resources.at(-1).region).toBe('INTL');
    });

    it('gets guidance for the helper when the worry is about someone else', async () => {
      const u = await buildUser(t.app, { region: 'US' });
      const { safety } = (await u.client.patch('/api/me/profile', { bio: 'My sister said she wants to die and I do not know what to do.' })).json();
      expect(safety.showCrisisResponse).toBe(true);
      expect(safety.helperGuidance).toMatch(/ask/i);
    });

    it('sees no crisis response for everyday language', async () => {
      const u = await buildUser(t.app);
      const { safety } = (await u.client.patch('/api/me/profile', { bio: 'This exam is killing me, but I would die for a pizza.' })).json();
      expect(safety).toMatchObject({ level: 0, showCrisisResponse: false, resources: [] });
    });

    it('sees method details held for review, marked pending, hidden from others until a supervisor releases them', async () => {
      const u = await buildUser(t.app, { region: 'GB' });
      const res = (await u.client.patch('/api/me/profile', { bio: METHOD })).json();
      expect(res.safety.held).toBe(true);
      expect(res.safety.heldReason).toMatch(/supervisor/);
      expect(res.bioPending).toBe(true);
      expect(res.bio).toBe(METHOD);
      const other = await buildUser(t.app);
      expect((await other.client.get(`/api/users/${u.id}`)).json().bio).toBeNull();

      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const held = (await supervisor.client.get('/api/safety/held')).json().items as { id: string; objectId: string; reason: string }[];
      const item = held.find((h) => h.objectId === u.id)!;
      expect(item.reason).toBe('method_detail');
      expect((await other.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' })).statusCode).toBe(403);
      const edited = await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'edit', text: 'Things have been very hard lately.' });
      expect(edited.statusCode).toBe(200);
      expect((await other.client.get(`/api/users/${u.id}`)).json().bio).toBe('Things have been very hard lately.');
      expect((await u.client.get('/api/me')).json().bioPending).toBe(false);
      expect((await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' })).statusCode).toBe(409);
    });

    it('shows the reviewer the held words, but never unmasks an anonymous author', async () => {
      const author = await buildUser(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const spaces = (await author.client.get('/api/spaces')).json().spaces as { id: string; allowAnonymous: boolean }[];
      const space = spaces.find((sp) => sp.allowAnonymous)!;
      const res = await author.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Where I am tonight', body: METHOD, anonymous: true });
      expect(res.statusCode).toBe(201);
      const items = (await supervisor.client.get('/api/safety/held')).json().items as { objectType: string; text: string; authorHandle: string | null; anonymous: boolean }[];
      const item = items.find((i) => i.objectType === 'post' && i.text?.includes('40 pills'))!;
      expect(item).toMatchObject({ anonymous: true, authorHandle: null });
      expect(JSON.stringify(items)).not.toContain(author.handle);
      const bioItem = items.find((i) => i.objectType === 'profile_bio');
      if (bioItem) expect(bioItem.anonymous).toBe(false);
    });

    it('keeps harassment of others hidden pending review', async () => {
      const u = await buildUser(t.app);
      const res = (await u.client.patch('/api/me/profile', { bio: 'kys loser' })).json();
      expect(res.safety.held).toBe(true);
      expect(res.bioPending).toBe(true);
    });
  });

  describe('alerts', () => {
    it('raises an alert at level 3 with a 30-minute limit; supervisors acknowledge, note and resolve it; the member sees who opened it', async () => {
      const member = await buildUser(t.app, { region: 'GB' });
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const res = (await member.client.patch('/api/me/profile', { bio: ACTIVE })).json();
      expect(res.safety.level).toBe(3);
      expect(res.safety.showCrisisResponse).toBe(true);

      const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string; level: number; dueAt: string; createdAt: string; objectType: string }[];
      const alert = alerts.find((a) => a.objectType === 'profile_bio' && a.level === 3 && Date.parse(a.dueAt) - Date.parse(a.createdAt) === 30 * 60_000);
      expect(alert).toBeDefined();

      expect((await member.client.get('/api/safety/alerts')).statusCode).toBe(403);
      expect((await new TestClient(t.app).get('/api/safety/alerts')).statusCode).toBe(401);
      expect((await member.client.get(`/api/safety/alerts/${alert!.id}`)).statusCode).toBe(403);

      const detail = (await supervisor.client.get(`/api/safety/alerts/${alert!.id}`)).json();
      expect(detail.member).toMatchObject({ id: member.id, handle: member.handle, region: 'GB' });
      expect(detail.reasons.length).toBeGreaterThan(0);
      const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string; reason: string }[];
      expect(audit[0]).toMatchObject({ action: 'safety.alert_opened', actorHandle: supervisor.handle, actorRole: 'supervisor' });
      expect(audit[0]!.reason).toMatch(/supervisor was alerted/);

      expect((await supervisor.client.post(`/api/safety/alerts/${alert!.id}/acknowledge`)).statusCode).toBe(200);
      expect((await supervisor.client.post(`/api/safety/alerts/${alert!.id}/acknowledge`)).statusCode).toBe(409);
      expect((await supervisor.client.post(`/api/safety/alerts/${alert!.id}/notes`, { body: 'Reached out by message; they replied and are with a friend.' })).statusCode).toBe(201);
      expect((await supervisor.client.post(`/api/safety/alerts/${alert!.id}/resolve`, { outcome: 'not_an_outcome' })).statusCode).toBe(400);
      expect((await supervisor.client.post(`/api/safety/alerts/${alert!.id}/resolve`, { outcome: 'member_safe_and_supported', note: 'Shared Samaritans.' })).statusCode).toBe(200);
      const after = (await supervisor.client.get(`/api/safety/alerts/${alert!.id}`)).json();
      expect(after.status).toBe('resolved');
      expect(after.outcome).toBe('member_safe_and_supported');
      expect(after.notes.map((n: { body: string }) => n.body)).toEqual(['Reached out by message; they replied and are with a friend.', 'Shared Samaritans.']);
      const rawNotes = await t.app.kindred.database.db.selectFrom('safety_alert_notes').select('body_enc').execute();
      expect(rawNotes.every((n) => n.body_enc.startsWith('enc1.') && !n.body_enc.includes('friend'))).toBe(true);
      expect((await supervisor.client.get('/api/safety/alerts?status=resolved')).json().alerts.map((a: { id: string }) => a.id)).toContain(alert!.id);
    });

    it('uses the shorter limits for levels 4 and 5', async () => {
      const member = await buildUser(t.app);
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      await member.client.patch('/api/me/profile', { bio: METHOD });
      const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { level: number; dueAt: string; createdAt: string }[];
      const high = alerts.filter((a) => a.level >= 4);
      expect(high.length).toBeGreaterThan(0);
      for (const a of high) expect(Date.parse(a.dueAt) - Date.parse(a.createdAt)).toBe((a.level === 4 ? 10 : 5) * 60_000);
    });
  });
});

describe.each(testDatabases)('alert escalation and delivery on $name', (database) => {
  it('escalates an alert nobody acknowledged in time to every supervisor and the admin, and tells the member', async () => {
    const bus = new InProcessBus();
    const events: BusEvent[] = [];
    bus.subscribe((e) => events.push(e));
    const { app, clock, close } = await buildTestApp(database, { bus });
    try {
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
      const member = await buildUser(app);
      const other = await buildUser(app);
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      await other.client.patch('/api/me/profile', { bio: 'I keep thinking about killing myself.' });
      await app.kindred.dispatcher.idle();
      const raised = events.filter((e) => e.type === 'safety.alert_raised');
      expect(raised).toHaveLength(2);
      // A supervisor is on duty: the alert goes to the duty room only, not yet to everyone.
      expect(raised[0]!.rooms).toEqual(['safety:duty']);
      const [first, second] = raised.map((e) => (e.data as { alertId: string }).alertId) as [string, string];
      await supervisor.client.post(`/api/safety/alerts/${second}/acknowledge`);

      clock.advanceMinutes(29);
      expect(await app.kindred.safety.sweep()).toBe(0);
      clock.advanceMinutes(2);
      // Sweeps racing (as on several instances) read the same overdue list; only one escalates.
      const racing = await Promise.all([app.kindred.safety.sweep(), app.kindred.safety.sweep(), app.kindred.safety.sweep()]);
      expect(racing.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await app.kindred.safety.sweep()).toBe(0);
      await app.kindred.dispatcher.idle();

      const escalated = events.filter((e) => e.type === 'safety.alert_escalated');
      expect(escalated).toHaveLength(1);
      expect((escalated[0]!.data as { alertId: string }).alertId).toBe(first);
      expect(escalated[0]!.rooms).toEqual(expect.arrayContaining(['safety:all']));
      const queue = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string; escalated: boolean; overdue: boolean }[];
      expect(queue.find((a) => a.id === first)).toMatchObject({ escalated: true, overdue: true });
      expect(queue.find((a) => a.id === second)).toMatchObject({ escalated: false, overdue: false });
      const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorRole: string }[];
      expect(audit.map((a) => a.action)).toContain('safety.alert_escalated');
      expect((await other.client.get('/api/me/audit')).json().entries.map((a: { action: string }) => a.action)).not.toContain('safety.alert_escalated');
    } finally {
      await close();
    }
  });

  it('escalates every overdue alert in one sweep, past a full batch, each audited once (issue #3)', async () => {
    const bus = new InProcessBus();
    const escalatedIds: string[] = [];
    bus.subscribe((e) => void (e.type === 'safety.alert_escalated' && escalatedIds.push((e.data as { alertId: string }).alertId)));
    const { app, clock, close } = await buildTestApp(database, { bus });
    try {
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
      const member = await buildUser(app);
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      const db = app.kindred.database.db;
      const raised = await db.selectFrom('safety_alerts').selectAll().where('user_id', '=', member.id).executeTakeFirstOrThrow();
      // More than a batch of alerts on the same screening, all due at the same instant (the batches
      // go on by id within one due time), none acknowledged.
      const copies = Array.from({ length: ESCALATION_BATCH + 5 }, () => ({ ...raised, id: newId() }));
      for (let i = 0; i < copies.length; i += 50) await db.insertInto('safety_alerts').values(copies.slice(i, i + 50)).execute();
      const all = [raised.id, ...copies.map((c) => c.id)];
      clock.advanceMinutes(31);
      expect(await app.kindred.safety.sweep()).toBe(all.length);
      expect(await app.kindred.safety.sweep()).toBe(0);
      await app.kindred.dispatcher.idle();
      expect(new Set(escalatedIds)).toEqual(new Set(all));
      expect(escalatedIds).toHaveLength(all.length);
      const open = await db.selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).where('escalated', '=', 0).execute();
      expect(open).toEqual([]);
      const audited = await db.selectFrom('audit_log').select('object_id').where('subject_user_id', '=', member.id).where('action', '=', 'safety.alert_escalated').execute();
      expect(audited).toHaveLength(all.length);
      expect(new Set(audited.map((a) => a.object_id))).toEqual(new Set(all));
    } finally {
      await close();
    }
  });

  it('one escalation that fails does not stop the others; the sweep throws the first error at the end, and the next run escalates it', async () => {
    const bus = new InProcessBus();
    const escalatedIds: string[] = [];
    bus.subscribe((e) => void (e.type === 'safety.alert_escalated' && escalatedIds.push((e.data as { alertId: string }).alertId)));
    const { app, clock, close } = await buildTestApp(database, { bus });
    const db = app.kindred.database.db;
    // A real failure inside two escalations' transactions: the database refuses their audit rows
    // (a trigger each, by alert id, on this test app's own database or schema).
    const refuse = async (name: string, alertId: string) => {
      if (database.name === 'postgres') {
        await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin if new.object_id = '${alertId}' then raise exception 'audit refused: ${name}'; end if; return new; end $$`).execute(db);
        await sql.raw(`create trigger ${name} before insert on audit_log for each row execute function ${name}()`).execute(db);
      } else {
        await sql.raw(`create trigger ${name} before insert on audit_log when new.object_id = '${alertId}' begin select raise(abort, 'audit refused: ${name}'); end`).execute(db);
      }
    };
    const allow = async (name: string) => {
      await sql.raw(`drop trigger ${name}${database.name === 'postgres' ? ' on audit_log' : ''}`).execute(db);
      if (database.name === 'postgres') await sql.raw(`drop function ${name}()`).execute(db);
    };
    try {
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      expect((await supervisor.client.put('/api/safety/duty', { onDuty: true })).statusCode).toBe(200);
      const member = await buildUser(app);
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      const raised = await db.selectFrom('safety_alerts').selectAll().where('user_id', '=', member.id).executeTakeFirstOrThrow();
      const copies = Array.from({ length: 4 }, () => ({ ...raised, id: newId() }));
      await db.insertInto('safety_alerts').values(copies).execute();
      // The sweep goes in (due_at, id) order: all are due at once, so by id.
      const inOrder = [raised.id, ...copies.map((c) => c.id)].sort();
      const [firstFailing, secondFailing] = [inOrder[1]!, inOrder[3]!];
      await refuse('tidy_refuse_first', firstFailing);
      await refuse('tidy_refuse_second', secondFailing);
      clock.advanceMinutes(31);
      await expect(app.kindred.safety.sweep()).rejects.toThrow(/audit refused: tidy_refuse_first/);
      const unescalated = async () => (await db.selectFrom('safety_alerts').select('id').where('user_id', '=', member.id).where('escalated', '=', 0).execute()).map((a) => a.id).sort();
      // The other three (before, between and after them) went through; the two failed ones are untouched.
      expect(await unescalated()).toEqual([firstFailing, secondFailing].sort());
      await app.kindred.dispatcher.idle();
      expect(new Set(escalatedIds)).toEqual(new Set(inOrder.filter((id) => id !== firstFailing && id !== secondFailing)));
      const audited = await db.selectFrom('audit_log').select('object_id').where('subject_user_id', '=', member.id).where('action', '=', 'safety.alert_escalated').execute();
      expect(audited.map((a) => a.object_id).sort()).toEqual(inOrder.filter((id) => id !== firstFailing && id !== secondFailing).sort());
      // The database takes them again: the next run escalates the two, and only them.
      await allow('tidy_refuse_first');
      await allow('tidy_refuse_second');
      expect(await app.kindred.safety.sweep()).toBe(2);
      expect(await unescalated()).toEqual([]);
      await app.kindred.dispatcher.idle();
      expect(escalatedIds).toHaveLength(inOrder.length);
      expect(new Set(escalatedIds)).toEqual(new Set(inOrder));
    } finally {
      await close();
    }
  });

  it('goes wide at once when no supervisor is on duty', async () => {
    const bus = new InProcessBus();
    const events: BusEvent[] = [];
    bus.subscribe((e) => events.push(e));
    const { app, close } = await buildTestApp(database, { bus });
    try {
      const member = await buildUser(app);
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      await app.kindred.dispatcher.idle();
      const raised = events.find((e) => e.type === 'safety.alert_raised')!;
      expect(raised.rooms).toEqual(['safety:duty', 'safety:all']);
      expect((raised.data as { escalated: boolean }).escalated).toBe(true);
    } finally {
      await close();
    }
  });

  it('delivers an alert raised just before a crash once the server is back', async () => {
    const db = await database.create({ persistent: true });
    const reuse = { ...database, create: async () => ({ ...db, cleanup: async () => undefined }) };
    const config = { databaseUrl: db.url, secret: 'restart-secret-restart-secret-restart-secret', logLevel: 'silent' as const };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    try {
      const first = await buildTestApp(reuse, { dispatchEvents: false, config, ...pg });
      const member = await buildUser(first.app);
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      await first.app.close();

      const bus = new InProcessBus();
      const events: BusEvent[] = [];
      bus.subscribe((e) => events.push(e));
      const second = await buildTestApp(reuse, { bus, config, ...pg });
      await second.app.kindred.dispatcher.idle();
      const raised = events.filter((e) => e.type === 'safety.alert_raised');
      expect(raised).toHaveLength(1);
      expect((raised[0]!.data as { level: number }).level).toBe(3);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });

  it("shows a new alert live on a supervisor's WebSocket, and refuses the room to members", async () => {
    const { app, close } = await buildTestApp(database);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      const member = await buildUser(app);
      const supervisorSocket = await TestSocket.open(app, supervisor.client);
      const memberSocket = await TestSocket.open(app, member.client);
      expect(await supervisorSocket.subscribe('safety:all')).toMatchObject({ type: 'subscribed' });
      // New alerts go to supervisors on duty; this one is not on duty yet.
      expect(await supervisorSocket.subscribe('safety:duty')).toMatchObject({ type: 'denied' });
      await supervisor.client.put('/api/safety/duty', { onDuty: true });
      expect(await supervisorSocket.subscribe('safety:duty')).toMatchObject({ type: 'subscribed' });
      expect(await memberSocket.subscribe('safety:all')).toMatchObject({ type: 'denied' });
      expect(await memberSocket.subscribe('safety:duty')).toMatchObject({ type: 'denied' });
      await member.client.patch('/api/me/profile', { bio: ACTIVE });
      const msg = await supervisorSocket.next((m) => m.type === 'event' && m.event.type === 'safety.alert_raised');
      expect(msg).toMatchObject({ type: 'event', room: 'safety:duty', event: { type: 'safety.alert_raised', data: { level: 3, escalated: false } } });
      // The event names the alert, never the words written.
      expect(JSON.stringify(msg)).not.toContain('kill');
      expect(memberSocket.messages.some((m) => m.type === 'event' && m.event.type === 'safety.alert_raised')).toBe(false);
      supervisorSocket.close();
      memberSocket.close();
    } finally {
      await close();
    }
  });
});
