import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';

const ACTIVE = 'I want to kill myself.';
const DAY = 86_400_000;

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

describe.each(testDatabases)('recovery on $name', (database) => {
  const t = useTestApp(database);

  /** Every table a word could leak into: the private tables, and what screening, alerts, outbox and notifications keep. */
  async function storedText(): Promise<string> {
    const db = t.app.kindred.database.db;
    const tables = ['journal_entries', 'mood_checkins', 'safety_plans', 'recovery_goals', 'recovery_goal_steps', 'screenings', 'safety_alerts', 'held_content', 'outbox', 'notifications', 'audit_log'] as const;
    const dumps = await Promise.all(tables.map((name) => db.selectFrom(name).selectAll().execute()));
    return JSON.stringify(dumps);
  }

  async function fill(owner: BuiltUser) {
    const goal = await ok<{ goal: { id: string; steps: { id: string }[] } }>(await owner.client.post('/api/me/recovery/goals', { title: 'Pelican walk every morning', targetDate: '2026-03-01', steps: ['Buy pelican shoes'] }), 201);
    await ok(await owner.client.put('/api/me/recovery/safety-plan', { warningSigns: ['Pelican silence'], internalCoping: ['Box breathing'], helpers: [{ name: 'Sam', phone: '+44 7700 900123' }] }));
    const checkin = await ok<{ checkin: { id: string } }>(await owner.client.post('/api/me/checkins', { mood: 2, feelings: ['tired'], note: 'Pelican day, heavy.' }), 201);
    const entry = await ok<{ entry: { id: string } }>(await owner.client.post('/api/me/journal', { title: 'Pelican thoughts', body: 'The pelican at the lake made me smile today.' }), 201);
    return { goalId: goal.goal.id, stepId: goal.goal.steps[0]!.id, checkinId: checkin.checkin.id, entryId: entry.entry.id };
  }

  it('keeps plan, safety plan, check-ins and journal invisible to everyone else, supervisors and admins included, on every route', async () => {
    const owner = await buildUser(t.app);
    const ids = await fill(owner);
    const others = [await buildUser(t.app), await buildUser(t.app, { roles: ['supervisor'] }), await ensureAdmin(t.app)];
    const byId: [string, string, unknown?][] = [
      ['PATCH', `/api/me/recovery/goals/${ids.goalId}`, { title: 'taken' }],
      ['DELETE', `/api/me/recovery/goals/${ids.goalId}`],
      ['POST', `/api/me/recovery/goals/${ids.goalId}/steps`, { text: 'x' }],
      ['PATCH', `/api/me/recovery/goals/${ids.goalId}/steps/${ids.stepId}`, { done: true }],
      ['DELETE', `/api/me/recovery/goals/${ids.goalId}/steps/${ids.stepId}`],
      ['GET', `/api/me/checkins/${ids.checkinId}`],
      ['DELETE', `/api/me/checkins/${ids.checkinId}`],
      ['GET', `/api/me/journal/${ids.entryId}`],
      ['PUT', `/api/me/journal/${ids.entryId}`, { body: 'overwritten' }],
      ['DELETE', `/api/me/journal/${ids.entryId}`],
      ['POST', '/api/me/recovery/summary', { from: '2026-01-01', to: '2026-01-31', include: { journalEntryIds: [ids.entryId] } }],
    ];
    const lists = ['/api/me/recovery/goals', '/api/me/recovery/safety-plan', '/api/me/checkins', '/api/me/checkins/trend?range=week', '/api/me/journal', '/api/me/journal?q=pelican', '/api/me/recovery/strategies'];
    for (const other of others) {
      for (const [method, url, body] of byId) {
        const res = await other.client.request(method as 'GET', url, body);
        expect(res.statusCode, `${other.roles.join(',')} ${method} ${url}`).toBe(404);
        expect(res.body).not.toMatch(/pelican/i);
      }
      for (const url of lists) {
        const res = await ok<unknown>(await other.client.get(url));
        expect(JSON.stringify(res), url).not.toMatch(/pelican/i);
      }
      expect((await other.client.get('/api/me/checkins/trend?range=week')).json().days.every((d: { mood: number | null }) => d.mood === null)).toBe(true);
      expect(JSON.stringify((await other.client.get('/api/search?q=pelican')).json())).not.toMatch(/pelican/i);
      expect(JSON.stringify((await other.client.get('/api/library/strategies?q=pelican')).json())).not.toMatch(/pelican/i);
    }
    // Still all there for the owner.
    expect((await ok<{ goals: unknown[] }>(await owner.client.get('/api/me/recovery/goals'))).goals).toHaveLength(1);
    expect((await ok<{ body: string }>(await owner.client.get(`/api/me/journal/${ids.entryId}`))).body).toContain('pelican');
    expect((await ok<{ note: string }>(await owner.client.get(`/api/me/checkins/${ids.checkinId}`))).note).toBe('Pelican day, heavy.');
    // Signed out: 401 everywhere.
    const anon = new (owner.client.constructor as new (app: typeof t.app) => typeof owner.client)(t.app);
    expect((await anon.get('/api/me/journal')).statusCode).toBe(401);
    expect((await anon.post('/api/me/checkins', { mood: 3 })).statusCode).toBe(401);
  });

  it('never stores journal, check-in, goal or safety-plan words in plaintext (screenings, alerts, outbox included)', async () => {
    const owner = await buildUser(t.app);
    await ok(await owner.client.post('/api/me/journal', { title: 'Marmalade', body: `Marmalade morning. ${ACTIVE}` }), 201);
    await ok(await owner.client.post('/api/me/checkins', { mood: 1, note: 'Marmalade note' }), 201);
    await ok(await owner.client.post('/api/me/recovery/goals', { title: 'Marmalade goal', steps: ['Marmalade step'] }), 201);
    await ok(await owner.client.put('/api/me/recovery/safety-plan', { warningSigns: ['Marmalade sign'], reasonForLiving: 'Marmalade cat' }));
    await t.app.kindred.dispatcher.idle();
    const stored = await storedText();
    expect(stored).not.toMatch(/marmalade/i);
    expect(stored).not.toContain('kill myself');
    const rows = await t.app.kindred.database.db.selectFrom('journal_entries').select(['title_enc', 'body_enc']).where('user_id', '=', owner.id).execute();
    expect(rows[0]!.body_enc.startsWith('enc1.')).toBe(true);
    expect(rows[0]!.title_enc!.startsWith('enc1.')).toBe(true);
  });

  it('screens private text: crisis resources for the writer, an alert at level 3 for the journal (never held), none for the safety plan', async () => {
    const owner = await buildUser(t.app, { region: 'GB' });
    const db = t.app.kindred.database.db;
    const entry = await ok<{ entry: { id: string }; safety: { level: number; held: boolean; resources: unknown[] } }>(await owner.client.post('/api/me/journal', { body: ACTIVE }), 201);
    expect(entry.safety.level).toBeGreaterThanOrEqual(3);
    expect(entry.safety.held).toBe(false);
    expect(entry.safety.resources.length).toBeGreaterThan(0);
    const alerts = await db.selectFrom('safety_alerts').innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id').select(['screenings.object_type', 'screenings.object_id']).where('safety_alerts.user_id', '=', owner.id).execute();
    expect(alerts).toEqual([{ object_type: 'journal_entry', object_id: entry.entry.id }]);
    expect(await db.selectFrom('held_content').select('id').where('user_id', '=', owner.id).execute()).toEqual([]);
    // The supervisor reading the alert learns the level, not the words.
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const alertList = await ok<{ alerts: { id: string }[] }>(await supervisor.client.get('/api/safety/alerts'));
    expect(JSON.stringify(alertList)).not.toContain('kill myself');

    const plan = await ok<{ safety: { level: number; resources: unknown[] }; plan: { warningSigns: string[] } }>(
      await owner.client.put('/api/me/recovery/safety-plan', { warningSigns: [ACTIVE], professionals: [{ name: 'Samaritans', phone: '116 123' }], safeEnvironment: ['Give my spare keys to Sam'] }),
    );
    expect(plan.safety.level).toBeGreaterThanOrEqual(3);
    expect(plan.safety.resources.length).toBeGreaterThan(0);
    expect(plan.plan.warningSigns).toEqual([ACTIVE]);
    expect((await db.selectFrom('safety_alerts').select('id').where('user_id', '=', owner.id).execute()).length).toBe(1);
    expect((await ok<{ professionals: { name: string; phone: string }[] }>(await owner.client.get('/api/me/recovery/safety-plan'))).professionals).toEqual([{ name: 'Samaritans', phone: '116 123', note: null }]);
  });

  it('searches my journal only: every word, prefixes, accents folded; edits and deletes', async () => {
    const me = await buildUser(t.app);
    const other = await buildUser(t.app);
    const a = (await ok<{ entry: { id: string } }>(await me.client.post('/api/me/journal', { body: 'Walked to the café by the river. Felt lighter.' }), 201)).entry;
    const b = (await ok<{ entry: { id: string } }>(await me.client.post('/api/me/journal', { title: 'Rivers', body: 'Session with my therapist about sleep.' }), 201)).entry;
    await ok(await other.client.post('/api/me/journal', { body: 'Another river, another person.' }), 201);
    const ids = async (q: string) => (await ok<{ entries: { id: string }[] }>(await me.client.get(`/api/me/journal?q=${encodeURIComponent(q)}`))).entries.map((e) => e.id);
    expect(await ids('river')).toEqual([b.id, a.id]);
    expect(await ids('cafe river')).toEqual([a.id]);
    expect(await ids('therap')).toEqual([b.id]);
    expect(await ids('person')).toEqual([]);
    await ok(await me.client.put(`/api/me/journal/${a.id}`, { title: null, body: 'Rewritten about the sea.' }));
    expect(await ids('cafe')).toEqual([]);
    expect(await ids('sea')).toEqual([a.id]);
    await ok(await me.client.delete(`/api/me/journal/${a.id}`));
    expect((await me.client.get(`/api/me/journal/${a.id}`)).statusCode).toBe(404);
    expect((await me.client.get('/api/me/journal?cursor=nope')).statusCode).toBe(400);
  });

  it('takes a quick check-in and draws per-day averages in my zone, with gaps as null', async () => {
    const me = await buildUser(t.app);
    await ok(await me.client.patch('/api/me/profile', { timeZone: 'America/New_York' }));
    const start = t.clock.now().getTime();
    // Today at the clock is 2026-01-15 12:00Z = 07:00 in New York.
    await ok(await me.client.post('/api/me/checkins', { mood: 2, sleepHours: 6.5 }), 201);
    await ok(await me.client.post('/api/me/checkins', { mood: 4 }), 201);
    t.clock.advance(-2 * DAY); // two days earlier
    await ok(await me.client.post('/api/me/checkins', { mood: 5, sleepHours: 8, sleepQuality: 4, feelings: ['calm', 'hopeful'] }), 201);
    t.clock.advance(-12 * 3_600_000 + 2 * DAY); // 2026-01-15 00:00Z = 14 Jan 19:00 in New York
    await ok(await me.client.post('/api/me/checkins', { mood: 1 }), 201);
    t.clock.advance(start - t.clock.now().getTime());
    const trend = await ok<{ timeZone: string; from: string; to: string; days: { date: string; mood: number | null; checkins: number; sleepHours: number | null }[] }>(await me.client.get('/api/me/checkins/trend?range=week'));
    expect(trend).toMatchObject({ timeZone: 'America/New_York', from: '2026-01-09', to: '2026-01-15' });
    expect(trend.days.map((d) => d.mood)).toEqual([null, null, null, null, 5, 1, 3]);
    expect(trend.days.map((d) => d.checkins)).toEqual([0, 0, 0, 0, 1, 1, 2]);
    expect(trend.days[6]!.sleepHours).toBe(6.5);
    expect((await ok<{ days: unknown[] }>(await me.client.get('/api/me/checkins/trend?range=month'))).days).toHaveLength(30);
    expect((await ok<{ days: unknown[] }>(await me.client.get('/api/me/checkins/trend?range=quarter'))).days).toHaveLength(90);
    const page = await ok<{ checkins: { mood: number; feelings: string[] }[] }>(await me.client.get('/api/me/checkins?limit=10'));
    expect(page.checkins).toHaveLength(4);
    expect(page.checkins.find((c) => c.mood === 5)!.feelings).toEqual(['calm', 'hopeful']);
    for (const bad of [{ mood: 0 }, { mood: 6 }, { mood: 3, feelings: ['elated_beyond_list'] }, { mood: 3, sleepHours: 30 }, { mood: '3' }, {}]) {
      const res = await me.client.post('/api/me/checkins', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await me.client.get('/api/me/checkins/trend?range=year')).statusCode).toBe(400);
  });

  it('sends the check-in reminder once a day at my chosen local time, not when I already checked in', async () => {
    const me = await buildUser(t.app);
    const base = t.clock.now().getTime();
    const unread = async () => (await ok<{ notifications: { kind: string }[] }>(await me.client.get('/api/notifications'))).notifications.filter((n) => n.kind === 'checkin_reminder').length;
    expect(await ok(await me.client.put('/api/me/checkins/reminder', { enabled: true, time: '20:30', timeZone: 'Europe/Paris' }))).toEqual({ enabled: true, time: '20:30', timeZone: 'Europe/Paris' });
    const sweep = () => t.app.kindred.recovery.sweepReminders();
    // Clock: 12:00Z = 13:00 in Paris, before 20:30.
    await sweep();
    expect(await unread()).toBe(0);
    t.clock.advance(Date.parse('2026-01-15T19:31:00Z') - t.clock.now().getTime()); // 20:31 in Paris
    await sweep();
    await sweep();
    expect(await unread()).toBe(1);
    // Next day: I check in first, so no reminder that day.
    t.clock.advance(DAY - 3_600_000);
    await ok(await me.client.post('/api/me/checkins', { mood: 3 }), 201);
    t.clock.advance(3_600_000);
    await sweep();
    expect(await unread()).toBe(1);
    // The day after: one more. Turned off: none.
    t.clock.advance(DAY);
    await sweep();
    expect(await unread()).toBe(2);
    await ok(await me.client.put('/api/me/checkins/reminder', { enabled: false, time: '20:30' }));
    t.clock.advance(DAY);
    await sweep();
    expect(await unread()).toBe(2);
    expect((await me.client.put('/api/me/checkins/reminder', { enabled: true, time: '25:00' })).statusCode).toBe(400);
    expect((await me.client.put('/api/me/checkins/reminder', { enabled: true, time: '08:00', timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
    t.clock.advance(base - t.clock.now().getTime());
  });

  it('keeps goals with steps, saves library strategies to my plan', async () => {
    const me = await buildUser(t.app);
    const created = await ok<{ goal: { id: string; steps: { id: string; done: boolean }[]; stepsDone: number } }>(
      await me.client.post('/api/me/recovery/goals', { title: 'Sleep before midnight', targetDate: '2026-02-28', steps: ['Phone out of bedroom', 'Read ten pages'] }),
      201,
    );
    const goal = created.goal;
    expect(goal.steps).toHaveLength(2);
    const stepped = await ok<{ stepsDone: number; steps: { done: boolean }[] }>(await me.client.patch(`/api/me/recovery/goals/${goal.id}/steps/${goal.steps[0]!.id}`, { done: true }));
    expect(stepped.stepsDone).toBe(1);
    await ok(await me.client.post(`/api/me/recovery/goals/${goal.id}/steps`, { text: 'Warm drink at ten' }), 201);
    const done = await ok<{ goal: { done: boolean; steps: unknown[] } }>(await me.client.patch(`/api/me/recovery/goals/${goal.id}`, { done: true }));
    expect(done.goal).toMatchObject({ done: true });
    expect(done.goal.steps).toHaveLength(3);
    expect((await me.client.post('/api/me/recovery/goals', { title: 'Bad date', targetDate: '2026-02-30' })).statusCode).toBe(400);

    const box = (await ok<{ strategies: { id: string; title: string }[] }>(await me.client.get('/api/library/strategies?q=box%20breathing'))).strategies[0]!;
    const saved = await ok<{ strategies: { id: string; savedByMe: boolean }[] }>(await me.client.put(`/api/me/recovery/strategies/${box.id}`));
    expect(saved.strategies).toEqual([expect.objectContaining({ id: box.id, savedByMe: true })]);
    await ok(await me.client.put(`/api/me/recovery/strategies/${box.id}`));
    expect((await ok<{ strategies: unknown[] }>(await me.client.get('/api/me/recovery/strategies'))).strategies).toHaveLength(1);
    expect((await me.client.put('/api/me/recovery/strategies/00000000-0000-7000-8000-999999999999')).statusCode).toBe(404);
    expect((await ok<{ strategies: unknown[] }>(await me.client.delete(`/api/me/recovery/strategies/${box.id}`))).strategies).toEqual([]);
  });

  it('makes a therapist summary of exactly what I chose, and nothing else', async () => {
    const me = await buildUser(t.app);
    await ok(await me.client.post('/api/me/checkins', { mood: 4, note: 'Quiet note' }), 201);
    await ok(await me.client.post('/api/me/recovery/goals', { title: 'Walk daily', steps: ['Shoes by the door'] }), 201);
    await ok(await me.client.put('/api/me/recovery/safety-plan', { warningSigns: ['Skipping meals'] }));
    const chosen = (await ok<{ entry: { id: string } }>(await me.client.post('/api/me/journal', { body: 'Chosen entry about the week.' }), 201)).entry;
    await ok(await me.client.post('/api/me/journal', { body: 'Left-out entry, very personal.' }), 201);
    const period = { from: '2026-01-01', to: '2026-01-31' };

    const onlyJournal = await ok<Record<string, unknown>>(await me.client.post('/api/me/recovery/summary', { ...period, include: { journalEntryIds: [chosen.id] } }));
    expect(Object.keys(onlyJournal).sort()).toEqual(['generatedAt', 'journalEntries', 'member', 'period']);
    expect(JSON.stringify(onlyJournal)).not.toMatch(/Left-out|Walk daily|Skipping meals|Quiet note/);
    expect((onlyJournal.journalEntries as { id: string }[]).map((e) => e.id)).toEqual([chosen.id]);

    const moodAndPlan = await ok<Record<string, unknown>>(await me.client.post('/api/me/recovery/summary', { ...period, include: { moodTrend: true, safetyPlan: true } }));
    expect(Object.keys(moodAndPlan).sort()).toEqual(['generatedAt', 'member', 'moodTrend', 'period', 'safetyPlan']);
    expect(JSON.stringify(moodAndPlan)).not.toMatch(/Chosen entry|Left-out|Walk daily|Quiet note/);
    expect((moodAndPlan.moodTrend as { days: unknown[]; checkins: number }).days).toHaveLength(31);

    const goalsOnly = await ok<Record<string, unknown>>(await me.client.post('/api/me/recovery/summary', { ...period, include: { goals: true } }));
    expect(Object.keys(goalsOnly).sort()).toEqual(['generatedAt', 'goals', 'member', 'period']);

    const nothing = await ok<Record<string, unknown>>(await me.client.post('/api/me/recovery/summary', { ...period, include: {} }));
    expect(Object.keys(nothing).sort()).toEqual(['generatedAt', 'member', 'period']);
    expect((await me.client.post('/api/me/recovery/summary', { from: '2026-02-01', to: '2026-01-01', include: {} })).statusCode).toBe(400);
    expect((await me.client.post('/api/me/recovery/summary', { from: '2024-01-01', to: '2026-01-01', include: {} })).statusCode).toBe(400);
    expect((await me.client.post('/api/me/recovery/summary', { ...period, include: { everything: true } })).statusCode).toBe(400);
  });

  it('exports all of it, opened, and erases all of it', async () => {
    const me = await buildUser(t.app);
    await fill(me);
    await ok(await me.client.put('/api/me/checkins/reminder', { enabled: true, time: '09:00' }));
    const exported = await ok<{ recovery: { goals: { title: string }[]; safetyPlan: { warningSigns: string[] }; checkins: { note: string }[]; journal: { body: string }[]; checkinReminder: { time: string } } }>(await me.client.get('/api/me/export'));
    expect(exported.recovery.goals[0]!.title).toBe('Pelican walk every morning');
    expect(exported.recovery.safetyPlan.warningSigns).toEqual(['Pelican silence']);
    expect(exported.recovery.checkins[0]!.note).toBe('Pelican day, heavy.');
    expect(exported.recovery.journal[0]!.body).toContain('pelican');
    expect(exported.recovery.checkinReminder.time).toBe('09:00');
    await ok(await me.client.post('/api/me/erase', { password: me.password, publicPosts: 'delete', confirm: 'DELETE' }));
    const db = t.app.kindred.database.db;
    for (const table of ['journal_entries', 'mood_checkins', 'safety_plans', 'recovery_goals', 'recovery_goal_steps', 'checkin_reminders', 'recovery_saved_strategies'] as const) {
      expect(await db.selectFrom(table).selectAll().where('user_id', '=', me.id).execute(), table).toEqual([]);
    }
  });
});
