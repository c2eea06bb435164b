import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, ensureAdmin } from '../factories.js';

// Migration 0038: one pending request to join a program per person, on a live database that
// already holds duplicates (written while requests could race past the check).

describe.each(testDatabases)('migration 0038 on a database with duplicate pending join requests, on $name', (database) => {
  it('keeps each person’s oldest pending request, leaves decided ones and others alone, then refuses a second', async () => {
    const made = await database.create({ persistent: true });
    // The first app must leave the database behind for the second: only the last one cleans up.
    const testDb = { ...database, create: async () => ({ ...made, cleanup: async () => undefined }) };
    let built = await buildTestApp(testDb);
    const rows: Record<string, string> = {};
    let programId = '';
    let asker = { id: '' };
    try {
      const admin = await ensureAdmin(built.app);
      const org = (await admin.client.post('/api/admin/organizations', { name: 'Riverside Wellbeing', description: 'A peer-run charity.' })).json() as { id: string };
      const program = (await admin.client.post(`/api/admin/organizations/${org.id}/programs`, { name: 'Evening support', description: 'Small groups after work.', joinPolicy: 'request' })).json() as { id: string };
      programId = program.id;
      const [a, b] = await Promise.all([buildUser(built.app), buildUser(built.app)]);
      asker = a;
      for (const u of [a, b]) expect((await u.client.post(`/api/programs/${program.id}/join`, {})).statusCode).toBe(200);
      const db = built.app.kindred.database.db;
      const request = async (userId: string) => (await db.selectFrom('program_join_requests').select('id').where('program_id', '=', program.id).where('user_id', '=', userId).executeTakeFirstOrThrow()).id;
      rows.aByApi = await request(a.id);
      rows.b = await request(b.id);

      // The table as it was before 0038, with the duplicates a race left. (Later migrations have run
      // on this database and cannot be undone, so 0038 is run again by hand below, not by a restart.)
      await sql`drop index program_join_requests_one_pending_idx`.execute(db);
      const insert = async (name: string, createdAt: string, status: 'pending' | 'declined' = 'pending') => {
        rows[name] = randomUUID();
        await db.insertInto('program_join_requests').values({ id: rows[name], program_id: program.id, user_id: a.id, note_enc: null, status, decided_by: null, decided_at: null, created_at: createdAt }).execute();
      };
      await insert('aOldest', '2026-01-01T00:00:00.000Z');
      await insert('aLater', '2099-01-01T00:00:00.000Z');
      await insert('aDeclined', '2025-01-01T00:00:00.000Z', 'declined');
      await migrations['0038_one_pending_join_request']!.up(db, { dialect: built.app.kindred.database.dialect });
    } finally {
      await built.close();
    }

    // A later start finds it whole.
    built = await buildTestApp(testDb);
    try {
      const db = built.app.kindred.database.db;
      const left = await db.selectFrom('program_join_requests').select(['id', 'status']).where('program_id', '=', programId).execute();
      expect(left).toHaveLength(3);
      expect(left).toEqual(expect.arrayContaining([
        { id: rows.aDeclined, status: 'declined' },
        { id: rows.aOldest, status: 'pending' },
        { id: rows.b, status: 'pending' },
      ]));
      const second = { id: randomUUID(), program_id: programId, user_id: asker.id, note_enc: null, status: 'pending' as const, decided_by: null, decided_at: null, created_at: new Date().toISOString() };
      await expect(db.insertInto('program_join_requests').values(second).execute()).rejects.toThrow(/unique/i);
    } finally {
      await built.close();
      await made.cleanup();
    }
  });
});
