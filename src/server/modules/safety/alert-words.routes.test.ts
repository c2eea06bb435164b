import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, ensureAdmin, type BuiltUser } from '../../../../test/factories.js';
import { assignSupervisor } from '../../../../test/supervision-factories.js';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

const ACTIVE = 'Some days are fine, but tonight I want to kill myself.';

interface Source {
  state: string;
  text: string | null;
  title: string | null;
  flagged: { field: 'title' | 'text'; start: number; end: number }[];
  link: string | null;
  anonymous: boolean;
}

// The words that raised an alert, shown to the supervisor who opens it (and only then), audited for
// the member each time, never for anyone else, and never wider than the place's own rules.
describe.each(testDatabases)('the words behind an alert on $name', (database) => {
  const t = useTestApp(database);

  async function alertOn(supervisor: BuiltUser, objectType: string, objectId: string): Promise<string> {
    await t.app.kindred.dispatcher.idle();
    const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string; objectType: string }[];
    const ids = await t.app.kindred.database.db.selectFrom('safety_alerts').innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id').select('safety_alerts.id').where('screenings.object_type', '=', objectType).where('screenings.object_id', '=', objectId).execute();
    const alert = alerts.find((a) => ids.some((r) => r.id === a.id));
    expect(alert, `an alert on the ${objectType}`).toBeDefined();
    return alert!.id;
  }

  async function openedRows(memberId: string) {
    return t.app.kindred.database.db.selectFrom('audit_log').select(['actor_id', 'reason']).where('subject_user_id', '=', memberId).where('action', '=', 'safety.alert_opened').execute();
  }

  async function thread(author: BuiltUser, body: string, anonymous = false) {
    const spaces = (await author.client.get('/api/spaces')).json().spaces as { id: string }[];
    const res = await author.client.post(`/api/spaces/${spaces[0]!.id}/threads`, { kind: 'story', title: 'A long night', body, anonymous });
    expect(res.statusCode).toBe(201);
    return res.json() as { thread: { id: string }; post: { id: string } };
  }

  it('shows a supervisor the words with the flagged passage and a link to the thread, audited per read; 403 for the member and a peer supporter', async () => {
    const member = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
    const { thread: th, post } = await thread(member, ACTIVE);
    const id = await alertOn(supervisor, 'post', post.id);

    // The list never carries the words: only opening the alert reads them.
    expect(JSON.stringify((await supervisor.client.get('/api/safety/alerts')).json())).not.toContain('kill myself');
    expect(await openedRows(member.id)).toHaveLength(0);

    const res = await supervisor.client.get(`/api/safety/alerts/${id}`);
    expect(res.statusCode).toBe(200);
    const source = res.json().source as Source;
    expect(source).toMatchObject({ state: 'shown', text: ACTIVE, title: 'A long night', link: `/community/threads/${th.id}`, anonymous: false });
    const passages = source.flagged.filter((f) => f.field === 'text').map((f) => ACTIVE.slice(f.start, f.end));
    expect(passages.some((p) => /kill myself/.test(p))).toBe(true);

    const once = await openedRows(member.id);
    expect(once).toHaveLength(1);
    expect(once[0]).toMatchObject({ actor_id: supervisor.id });
    expect(once[0]!.reason).toMatch(/reading the words that raised it/);
    // The member's own "Who saw my data" shows it.
    const audit = (await member.client.get('/api/me/audit')).json().entries as { action: string; actorHandle: string; reason: string }[];
    expect(audit.find((a) => a.action === 'safety.alert_opened')).toMatchObject({ actorHandle: supervisor.handle });

    // Nobody else reads them: not the member, not a peer supporter; an unknown alert is 404.
    for (const other of [member, supporter]) {
      const denied = await other.client.get(`/api/safety/alerts/${id}`);
      expect(denied.statusCode).toBe(403);
      expect(denied.body).not.toContain('kill myself');
    }
    expect((await supervisor.client.get('/api/safety/alerts/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);

    // Every read is one more row.
    await supervisor.client.get(`/api/safety/alerts/${id}`);
    expect(await openedRows(member.id)).toHaveLength(2);
  });

  it('says the words are gone when their writer deleted them', async () => {
    const member = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const { post } = await thread(member, ACTIVE);
    const id = await alertOn(supervisor, 'post', post.id);
    expect((await member.client.delete(`/api/posts/${post.id}`)).statusCode).toBe(200);

    const res = await supervisor.client.get(`/api/safety/alerts/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toEqual({ state: 'gone', text: null, title: null, flagged: [], link: null, anonymous: false });
    expect(res.body).not.toContain('kill myself');
    const rows = await openedRows(member.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).not.toMatch(/reading the words/);
  });

  it('never shows a journal’s words: nobody but their writer reads them', async () => {
    const member = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const written = await member.client.post('/api/me/journal', { title: 'Tonight', body: ACTIVE });
    expect(written.statusCode).toBe(201);
    const id = await alertOn(supervisor, 'journal_entry', written.json().entry.id);

    const res = await supervisor.client.get(`/api/safety/alerts/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toEqual({ state: 'private', text: null, title: null, flagged: [], link: null, anonymous: false });
    expect(res.body).not.toContain('kill myself');
    expect((await openedRows(member.id))[0]!.reason).not.toMatch(/reading the words/);
  });

  it('flags an anonymous post as anonymous, so the panel never names its writer in the thread (ADR 005)', async () => {
    const member = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const { thread: th, post } = await thread(member, ACTIVE, true);
    const id = await alertOn(supervisor, 'post', post.id);

    const source = (await supervisor.client.get(`/api/safety/alerts/${id}`)).json().source as Source;
    expect(source).toMatchObject({ state: 'shown', text: ACTIVE, link: `/community/threads/${th.id}`, anonymous: true });
  });

  it('gives an admin (who works alerts too) no words, and tells the member an administrator opened it', async () => {
    const member = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const admin = await ensureAdmin(t.app);
    const { post } = await thread(member, ACTIVE);
    const id = await alertOn(supervisor, 'post', post.id);

    const res = await admin.client.get(`/api/safety/alerts/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toEqual({ state: 'unavailable', text: null, title: null, flagged: [], link: null, anonymous: false });
    expect(res.body).not.toContain('kill myself');
    const rows = await t.app.kindred.database.db.selectFrom('audit_log').select(['actor_id', 'actor_role', 'reason']).where('subject_user_id', '=', member.id).where('action', '=', 'safety.alert_opened').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: admin.id, actor_role: 'admin' });
    expect(rows[0]!.reason).toMatch(/an administrator opened the alert/);
    expect(rows[0]!.reason).not.toMatch(/A supervisor .*opened|reading the words/);
  });

  it('a 1:1 message shown under a grant is an opening of the conversation: both people are told, naming the grant', async () => {
    const lang = `en-x${randomBytes(3).toString('hex')}`;
    const supporter = await buildUser(t.app, { roles: ['peer_supporter'] });
    const profile = await supporter.client.put('/api/mentoring/supporter-profile', { experienceTags: ['anxiety'], languages: [lang], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 3 });
    expect(profile.statusCode).toBe(200);
    const member = await buildUser(t.app, { region: 'GB' });
    const asked = await member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: [lang] } });
    expect(asked.statusCode).toBe(201);
    const accepted = await supporter.client.post(`/api/mentoring/offers/${asked.json().request.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    const mentorshipId = accepted.json().id as string;
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    await assignSupervisor(t.app, supporter, supervisor);
    const base = `/api/mentoring/mentorships/${mentorshipId}`;
    const sent = await member.client.post(`${base}/messages`, { body: ACTIVE, clientId: randomUUID() });
    expect(sent.statusCode).toBe(201);
    expect((await member.client.post(`${base}/supervisor-consent`, { grant: true, days: 2 })).statusCode).toBe(200);
    const id = await alertOn(supervisor, 'mentorship_message', sent.json().message.id);

    const opened = () => t.app.kindred.database.db.selectFrom('audit_log').select(['subject_user_id', 'actor_id', 'reason']).where('action', '=', 'mentoring.conversation_opened').where('object_id', '=', mentorshipId).execute();
    expect(await opened()).toHaveLength(0);
    const res = await supervisor.client.get(`/api/safety/alerts/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().source).toMatchObject({ state: 'shown', text: ACTIVE });
    const rows = await opened();
    expect(rows.map((r) => r.subject_user_id).sort()).toEqual([member.id, supporter.id].sort());
    for (const r of rows) expect(r).toMatchObject({ actor_id: supervisor.id, reason: expect.stringMatching(/consent|at risk/) });
  });
});
