import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ownTables, testDatabases } from '../../../../test/databases.js';
import { buildTestApp, LogCapture, useTestApp } from '../../../../test/app.js';
import { TestClient } from '../../../../test/client.js';
import { buildUser, ensureAdmin } from '../../../../test/factories.js';
import { THROTTLE } from './accounts.service.js';

describe.each(testDatabases)('accounts API on $name', (database) => {
  const t = useTestApp(database);

  describe('sign-up', () => {
    it('makes the first account the admin and later ones members, with a safe session cookie', async () => {
      const admin = await ensureAdmin(t.app);
      expect(admin.roles).toEqual(['admin', 'member']);
      const client = new TestClient(t.app);
      const res = await client.post('/api/auth/sign-up', { handle: 'Quiet.River', password: 'a long enough password', ageConfirmed: true, region: 'gb' });
      expect(res.statusCode).toBe(201);
      const me = res.json();
      expect(me).toMatchObject({ handle: 'Quiet.River', roles: ['member'], region: 'GB', email: null, bioPending: false });
      expect(me).not.toHaveProperty('password');
      expect(me).not.toHaveProperty('passwordHash');
      const cookie = res.headers['set-cookie'];
      const session = (Array.isArray(cookie) ? cookie : [cookie]).find((c) => c?.startsWith('kindred_session='))!;
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=Lax/i);
      expect(session).not.toMatch(/Secure/i);
      expect((await client.get('/api/me')).json().handle).toBe('Quiet.River');
    });

    it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
      const proxied = await buildTestApp(database, { config: { trustProxy: true } });
      try {
        const client = new TestClient(proxied.app);
        await client.post('/api/auth/sign-up', { handle: 'first_one', password: 'a long enough password', ageConfirmed: true });
        const res = await client.post(
          '/api/auth/sign-up',
          { handle: 'secure_one', password: 'a long enough password', ageConfirmed: true },
          { headers: { 'x-forwarded-proto': 'https' } },
        );
        expect(res.statusCode).toBe(201);
        const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
        expect(cookies.find((c) => c.startsWith('kindred_session='))).toMatch(/Secure/);
      } finally {
        await proxied.close();
      }
    });

    it('refuses a handle that is taken, whatever its case', async () => {
      await buildUser(t.app, { handle: 'SameName' });
      const res = await new TestClient(t.app).post('/api/auth/sign-up', { handle: 'samename', password: 'a long enough password', ageConfirmed: true });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.fields).toEqual([{ path: 'handle', message: 'is taken' }]);
    });

    it('answers bad input with 400 and a message naming the field', async () => {
      const c = new TestClient(t.app);
      const cases: [unknown, RegExp][] = [
        [{ password: 'a long enough password', ageConfirmed: true }, /^handle: /],
        [{ handle: 'ab', password: 'a long enough password', ageConfirmed: true }, /^handle: must be at least 3/],
        [{ handle: 'x'.repeat(25), password: 'a long enough password', ageConfirmed: true }, /^handle: must be at most 24/],
        [{ handle: 'has space', password: 'a long enough password', ageConfirmed: true }, /^handle: may use letters/],
        [{ handle: 'okhandle', password: 'short', ageConfirmed: true }, /^password: must be at least 10/],
        [{ handle: 'okhandle', password: 12345678901, ageConfirmed: true }, /^password: /],
        [{ handle: 'okhandle', password: 'a long enough password', ageConfirmed: false }, /^ageConfirmed: you must confirm you are 16/],
        [{ handle: 'okhandle', password: 'a long enough password', ageConfirmed: true, isAdmin: true }, /^isAdmin: is not a known field/],
        [{ handle: 'okhandle', password: 'a long enough password', ageConfirmed: true, email: 'not-an-email' }, /^email: must be a valid email/],
        [{ handle: 'okhandle', password: 'a long enough password', ageConfirmed: true, region: 'Britain' }, /^region: must be a two-letter/],
      ];
      for (const [body, message] of cases) {
        const res = await c.post('/api/auth/sign-up', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.message, JSON.stringify(body)).toMatch(message);
      }
      const malformed = await c.post('/api/auth/sign-up', undefined, { rawBody: '{"handle": "x",' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.message).toBe('The request body is not valid JSON.');
    });

    it('refuses a state change without the CSRF token', async () => {
      const res = await new TestClient(t.app).post('/api/auth/sign-up', { handle: 'nocsrf', password: 'a long enough password', ageConfirmed: true }, { csrf: false });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    });

    it('keeps the email encrypted at rest and shows it only to its owner', async () => {
      const c = new TestClient(t.app);
      const res = await c.post('/api/auth/sign-up', { handle: 'mailer', password: 'a long enough password', ageConfirmed: true, email: 'mailer@example.org' });
      expect(res.json().email).toBe('mailer@example.org');
      const row = await t.app.kindred.database.db.selectFrom('users').select('email_enc').where('handle', '=', 'mailer').executeTakeFirstOrThrow();
      expect(row.email_enc).toMatch(/^enc1\./);
      expect(row.email_enc).not.toContain('mailer@example.org');
      const other = await buildUser(t.app);
      const seen = await other.client.get(`/api/users/${res.json().id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).not.toHaveProperty('email');
      expect(seen.json()).not.toHaveProperty('region');
    });
  });

  describe('sign-in, sign-out and sessions', () => {
    it('signs in with the right password only, and signs out', async () => {
      const u = await buildUser(t.app);
      const c = new TestClient(t.app, '10.9.0.1');
      expect((await c.post('/api/auth/sign-in', { handle: u.handle, password: 'wrong password!' })).statusCode).toBe(401);
      const ok = await c.post('/api/auth/sign-in', { handle: u.handle.toUpperCase(), password: u.password });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().id).toBe(u.id);
      expect((await c.get('/api/me')).statusCode).toBe(200);
      expect((await c.post('/api/auth/sign-out')).statusCode).toBe(200);
      expect((await c.get('/api/me')).statusCode).toBe(401);
    });

    it('answers the session check with 200 whether or not someone is signed in (a visitor is not an error)', async () => {
      const u = await buildUser(t.app);
      const c = new TestClient(t.app, '10.9.0.2');
      const visitor = await c.get('/api/auth/session');
      expect(visitor.statusCode).toBe(200);
      expect(visitor.json()).toEqual({ signedIn: false, me: null });
      await c.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      const signedIn = await c.get('/api/auth/session');
      expect(signedIn.statusCode).toBe(200);
      expect(signedIn.json()).toEqual({ signedIn: true, me: (await c.get('/api/me')).json() });
      expect(signedIn.json().me).not.toHaveProperty('passwordHash');
      // Who is signed in (email, roles) is never kept by a shared cache, nor reused without asking.
      for (const res of [visitor, signedIn, await c.get('/api/me')]) {
        expect(res.headers['cache-control']).toBe('private, no-cache');
        expect(String(res.headers.vary)).toMatch(/cookie/i);
      }
      await c.post('/api/auth/sign-out');
      expect((await c.get('/api/auth/session')).json()).toEqual({ signedIn: false, me: null });
      // A session revoked elsewhere reads as signed out too; /api/me itself still answers 401.
      const other = new TestClient(t.app, '10.9.0.3');
      await other.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      expect((await u.client.post('/api/me/sessions/revoke-others')).statusCode).toBe(200);
      expect((await other.get('/api/auth/session')).json()).toEqual({ signedIn: false, me: null });
      expect((await other.get('/api/me')).statusCode).toBe(401);
    });

    it('issues a new session token at every sign-in', async () => {
      const u = await buildUser(t.app);
      const first = u.client.sessionToken();
      await u.client.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      expect(u.client.sessionToken()).toBeTruthy();
      expect(u.client.sessionToken()).not.toBe(first);
    });

    it('locks a handle after repeated failures, with Retry-After, and lets it in again later', async () => {
      const u = await buildUser(t.app);
      for (let i = 0; i < THROTTLE.handleMaxFailures; i++) {
        const c = new TestClient(t.app, `10.20.0.${i + 1}`);
        expect((await c.post('/api/auth/sign-in', { handle: u.handle, password: `wrong-${i}-password` })).statusCode).toBe(401);
      }
      const locked = await new TestClient(t.app, '10.20.1.1').post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(locked.json().error.message).toMatch(/paused/);
      t.clock.advanceMinutes(THROTTLE.lockMinutes + 1);
      const later = await new TestClient(t.app, '10.20.1.2').post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      expect(later.statusCode).toBe(200);
    });

    it('slows down one address trying many handles', async () => {
      const c = new TestClient(t.app, '10.30.0.1');
      for (let i = 0; i < THROTTLE.ipMaxFailures; i++) {
        await c.post('/api/auth/sign-in', { handle: `nobody${i}`, password: 'not a real password' });
      }
      const u = await buildUser(t.app);
      const blocked = await c.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      expect(blocked.statusCode).toBe(429);
      t.clock.advanceMinutes(THROTTLE.lockMinutes + 1);
    });

    it('lists my sessions and revokes another device, which is signed out at once', async () => {
      const u = await buildUser(t.app);
      const phone = new TestClient(t.app, '10.40.0.1');
      await phone.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      const list = (await u.client.get('/api/me/sessions')).json().sessions as { id: string; current: boolean; deviceLabel: string }[];
      expect(list).toHaveLength(2);
      expect(list.filter((s) => s.current)).toHaveLength(1);
      expect(list[0]!.deviceLabel).toBe('Chrome on Linux');
      const other = list.find((s) => !s.current)!;
      expect((await u.client.delete(`/api/me/sessions/${other.id}`)).statusCode).toBe(200);
      expect((await phone.get('/api/me')).statusCode).toBe(401);
      expect((await u.client.get('/api/me')).statusCode).toBe(200);
    });

    it("cannot revoke someone else's session", async () => {
      const a = await buildUser(t.app);
      const b = await buildUser(t.app);
      const bSession = ((await b.client.get('/api/me/sessions')).json().sessions as { id: string }[])[0]!.id;
      expect((await a.client.delete(`/api/me/sessions/${encodeURIComponent(bSession)}`)).statusCode).toBe(404);
      expect((await b.client.get('/api/me')).statusCode).toBe(200);
    });

    it('changes the password, ending every other session', async () => {
      const u = await buildUser(t.app);
      const laptop = new TestClient(t.app, '10.50.0.1');
      await laptop.post('/api/auth/sign-in', { handle: u.handle, password: u.password });
      const wrong = await u.client.post('/api/me/password', { currentPassword: 'not my password', newPassword: 'a brand new password' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields[0].path).toBe('currentPassword');
      expect((await u.client.post('/api/me/password', { currentPassword: u.password, newPassword: 'a brand new password' })).statusCode).toBe(200);
      expect((await laptop.get('/api/me')).statusCode).toBe(401);
      expect((await u.client.get('/api/me')).statusCode).toBe(200);
      const c = new TestClient(t.app, '10.50.0.2');
      expect((await c.post('/api/auth/sign-in', { handle: u.handle, password: u.password })).statusCode).toBe(401);
      expect((await c.post('/api/auth/sign-in', { handle: u.handle, password: 'a brand new password' })).statusCode).toBe(200);
    });
  });

  describe('profile', () => {
    it('saves every profile field and shows others only the public ones', async () => {
      const u = await buildUser(t.app);
      const res = await u.client.patch('/api/me/profile', {
        pronouns: 'they/them',
        region: 'nz',
        timeZone: 'Pacific/Auckland',
        languages: ['en', 'mi'],
        experienceTags: ['anxiety', 'grief_and_loss'],
        experienceNote: 'Lost my dad in 2023',
        bio: 'I like long walks and I am learning to be kinder to myself.',
        messagePolicy: 'members',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ pronouns: 'they/them', region: 'NZ', timeZone: 'Pacific/Auckland', languages: ['en', 'mi'], experienceTags: ['anxiety', 'grief_and_loss'], messagePolicy: 'members', bioPending: false });
      expect(res.json().safety.level).toBe(0);
      expect((await u.client.get('/api/me')).json().bio).toMatch(/long walks/);
      const viewer = await buildUser(t.app);
      const pub = (await viewer.client.get(`/api/users/${u.id}`)).json();
      expect(pub).toEqual({ id: u.id, handle: u.handle, pronouns: 'they/them', experienceTags: ['anxiety', 'grief_and_loss'], bio: expect.stringMatching(/long walks/), roles: ['member'] });
    });

    it('refuses unknown tags, bad time zones and over-long bios by name', async () => {
      const u = await buildUser(t.app);
      const cases: [unknown, RegExp][] = [
        [{ experienceTags: ['not_a_tag'] }, /^experienceTags\.0: /],
        [{ timeZone: 'Mars/Olympus' }, /^timeZone: must be an IANA time zone/],
        [{ bio: 'x'.repeat(601) }, /^bio: /],
        [{ messagePolicy: 'everyone' }, /^messagePolicy: /],
        [{ languages: 'en' }, /^languages: /],
      ];
      for (const [body, message] of cases) {
        const res = await u.client.patch('/api/me/profile', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.message, JSON.stringify(body)).toMatch(message);
      }
    });

    it('needs a session: 401 for anonymous requests', async () => {
      const anon = new TestClient(t.app);
      expect((await anon.get('/api/me')).statusCode).toBe(401);
      expect((await anon.patch('/api/me/profile', { pronouns: 'she/her' })).statusCode).toBe(401);
      expect((await anon.get('/api/me/export')).statusCode).toBe(401);
      expect((await anon.get('/api/me/audit')).statusCode).toBe(401);
    });
  });

  describe('roles', () => {
    it('lets only an admin grant roles, audits it, and tells the member', async () => {
      const admin = await ensureAdmin(t.app);
      const member = await buildUser(t.app);
      const other = await buildUser(t.app);
      expect((await new TestClient(t.app).put(`/api/admin/users/${member.id}/roles`, { roles: ['supervisor'] })).statusCode).toBe(401);
      expect((await other.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['supervisor'] })).statusCode).toBe(403);
      expect((await other.client.get('/api/admin/users')).statusCode).toBe(403);
      const res = await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['peer_supporter'] });
      expect(res.statusCode).toBe(200);
      expect(res.json().roles).toEqual(['member', 'peer_supporter']);
      expect((await member.client.get('/api/me')).json().roles).toEqual(['member', 'peer_supporter']);
      const audit = (await member.client.get('/api/me/audit')).json().entries;
      expect(audit[0]).toMatchObject({ action: 'account.roles_changed', actorHandle: admin.handle, actorRole: 'admin' });
      expect((await admin.client.put(`/api/admin/users/${member.id}/roles`, { roles: ['wizard'] })).statusCode).toBe(400);
    });

    it('finds accounts by a handle prefix that contains an underscore, treating it literally', async () => {
      const admin = await ensureAdmin(t.app);
      const wanted = await buildUser(t.app, { handle: 'willow_fern' });
      await buildUser(t.app, { handle: 'willowxfern' });
      const res = await admin.client.get('/api/admin/users?handle=willow_f');
      expect(res.statusCode).toBe(200);
      expect(res.json().users.map((u: { id: string }) => u.id)).toEqual([wanted.id]);
    });

    it('will not remove the last admin', async () => {
      const admin = await ensureAdmin(t.app);
      const res = await admin.client.put(`/api/admin/users/${admin.id}/roles`, { roles: [] });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/last admin/);
    });
  });

  describe('privacy: export and erasure', () => {
    it('exports everything about me and nothing about anyone else', async () => {
      const c = new TestClient(t.app);
      await ensureAdmin(t.app);
      await c.post('/api/auth/sign-up', { handle: 'exporter', password: 'a long enough password', ageConfirmed: true, email: 'exporter@example.org' });
      await c.patch('/api/me/profile', { bio: 'Gardening helps me.', experienceTags: ['depression'] });
      const other = await buildUser(t.app, { handle: 'someone_else' });
      const res = await c.get('/api/me/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="kindred-export-/);
      const data = res.json();
      expect(data.format).toBe('kindred-export/1');
      expect(data.account.profile).toMatchObject({ handle: 'exporter', email: 'exporter@example.org', bio: 'Gardening helps me.', experienceTags: ['depression'] });
      expect(data.account.sessions.length).toBeGreaterThan(0);
      expect(data.safety.screenings[0]).toMatchObject({ objectType: 'profile_bio', level: 0 });
      expect(JSON.stringify(data)).not.toContain(other.id);
      expect(JSON.stringify(data)).not.toContain('someone_else');
    });

    it('deletes the account and leaves nothing personal in any table', async () => {
      await ensureAdmin(t.app);
      const c = new TestClient(t.app, '10.60.0.1');
      const handle = 'Erase.Me.Please';
      const email = 'erase-me@example.org';
      const bio = 'Unique bio words zebra-quokka-lantern';
      const signUp = await c.post('/api/auth/sign-up', { handle, password: 'a long enough password', ageConfirmed: true, email });
      const id = signUp.json().id as string;
      await c.patch('/api/me/profile', { bio, pronouns: 'xe/xem' });
      // A level-3 text leaves a screening and an alert; a supervisor opening it leaves an audit entry.
      await c.patch('/api/me/profile', { bio: 'I want to kill myself' });
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const alerts = (await supervisor.client.get('/api/safety/alerts')).json().alerts as { id: string }[];
      for (const a of alerts) await supervisor.client.get(`/api/safety/alerts/${a.id}`);
      await new TestClient(t.app, '10.60.0.2').post('/api/auth/sign-in', { handle, password: 'wrong password!!' });
      await t.app.kindred.dispatcher.idle();

      const wrong = await c.post('/api/me/erase', { password: 'nope nope nope', publicPosts: 'delete', confirm: 'DELETE' });
      expect(wrong.statusCode).toBe(400);
      expect((await c.post('/api/me/erase', { password: 'a long enough password', publicPosts: 'delete', confirm: 'delete' })).statusCode).toBe(400);
      const res = await c.post('/api/me/erase', { password: 'a long enough password', publicPosts: 'anonymize', confirm: 'DELETE' });
      expect(res.statusCode).toBe(200);
      await t.app.kindred.dispatcher.idle();

      const db = t.app.kindred.database.db;
      const tables = await ownTables(db);
      expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'audit_log', 'screenings', 'safety_alerts', 'outbox', 'auth_throttle']));
      const needles = [id, handle, handle.toLowerCase(), email, bio, 'xe/xem', 'kill myself'];
      for (const table of tables) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
        const dump = JSON.stringify(rows.rows).toLowerCase();
        for (const needle of needles) expect(dump.includes(needle.toLowerCase()), `${table} still holds ${needle}`).toBe(false);
      }
      expect((await c.get('/api/me')).statusCode).toBe(401);
      expect((await new TestClient(t.app, '10.60.0.3').post('/api/auth/sign-in', { handle, password: 'a long enough password' })).statusCode).toBe(401);
    });
  });

  describe('operations', () => {
    it('answers health with the database reachable, and describes every route in OpenAPI', async () => {
      const health = await new TestClient(t.app).get('/api/health');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
      const doc = (await new TestClient(t.app).get('/api/openapi.json')).json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of ['/api/auth/sign-up', '/api/auth/sign-in', '/api/me/profile', '/api/me/export', '/api/me/erase', '/api/crisis-resources', '/api/safety/alerts/{id}']) {
        expect(Object.keys(doc.paths), path).toContain(path);
      }
      expect(doc.paths['/api/auth/sign-up'].post.requestBody.content['application/json'].schema.required).toEqual(
        expect.arrayContaining(['handle', 'password', 'ageConfirmed']),
      );
    });
  });
});

describe.each(testDatabases)('logs on $name', (database) => {
  it('never hold a password or a session token', async () => {
    const logs = new LogCapture();
    const { app, close } = await buildTestApp(database, { logStream: logs });
    try {
      const c = new TestClient(app);
      const password = 'Secret-Passphrase-4242';
      await c.post('/api/auth/sign-up', { handle: 'logged_person', password, ageConfirmed: true, email: 'logged@example.org' });
      const signIn = new TestClient(app, '10.70.0.1');
      await signIn.post('/api/auth/sign-in', { handle: 'logged_person', password });
      await signIn.post('/api/auth/sign-in', { handle: 'logged_person', password: `${password}-wrong` });
      await signIn.get('/api/me');
      expect(logs.lines.length).toBeGreaterThan(3);
      const tokens = [c.sessionToken(), signIn.sessionToken()].filter(Boolean) as string[];
      expect(tokens).toHaveLength(2);
      for (const secret of [password, ...tokens, 'logged@example.org']) expect(logs.text).not.toContain(secret);
      expect(logs.text).toContain('/api/auth/sign-in');
    } finally {
      await close();
    }
  });
});
