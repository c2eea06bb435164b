import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { matchedPair } from '../supervision-factories.js';

// Migration 0041: one open handover per mentorship, on a live database that already holds
// duplicates (written while proposals could race past the "already under way" check).

type Status = 'proposed' | 'accepted_by_supporter' | 'declined' | 'cancelled';

describe.each(testDatabases)('migration 0041 on a database with two open handovers of one mentorship, on $name', (database) => {
  it('keeps the one furthest along (oldest among equals), cancels the others, leaves closed ones alone, then refuses a second', async () => {
    const made = await database.create({ persistent: true });
    // The first app must leave the database behind for the second: only the last one cleans up.
    const testDb = { ...database, create: async () => ({ ...made, cleanup: async () => undefined }) };
    let built = await buildTestApp(testDb);
    const rows: Record<string, string> = {};
    const mentorships: string[] = [];
    const before: Record<string, string> = {};
    try {
      const [first, second] = [await matchedPair(built.app), await matchedPair(built.app)];
      mentorships.push(first.mentorshipId, second.mentorshipId);
      const db = built.app.kindred.database.db;

      // The table as it was before 0041, with the duplicates a race left. (Later migrations may have
      // run on this database and cannot be undone, so 0041 is run again by hand below, not by a restart.)
      await sql`drop index handovers_one_open_idx`.execute(db);
      const insert = async (name: string, mentorshipId: string, status: Status, createdAt: string) => {
        rows[name] = randomUUID();
        before[name] = createdAt;
        await db
          .insertInto('handovers')
          .values({ id: rows[name], mentorship_id: mentorshipId, from_supporter_id: null, to_supporter_id: null, note_enc: 'sealed', note_held: 0, status, created_at: createdAt, updated_at: createdAt })
          .execute();
      };
      // First mentorship: a colleague accepted a later proposal; the member may be deciding on it.
      await insert('oldestProposed', first.mentorshipId, 'proposed', '2026-01-01T00:00:00.000Z');
      await insert('accepted', first.mentorshipId, 'accepted_by_supporter', '2026-01-01T00:00:01.000Z');
      await insert('laterProposed', first.mentorshipId, 'proposed', '2026-01-01T00:00:02.000Z');
      await insert('declined', first.mentorshipId, 'declined', '2025-01-01T00:00:00.000Z');
      // Second mentorship: two proposals, neither accepted: the first made stays.
      await insert('secondOldest', second.mentorshipId, 'proposed', '2026-01-01T00:00:00.000Z');
      await insert('secondLater', second.mentorshipId, 'proposed', '2099-01-01T00:00:00.000Z');
      await migrations['0041_one_open_handover']!.up(db, { dialect: built.app.kindred.database.dialect });
    } finally {
      await built.close();
    }

    // A later start finds it whole.
    built = await buildTestApp(testDb);
    try {
      const db = built.app.kindred.database.db;
      const left = await db.selectFrom('handovers').select(['id', 'status', 'updated_at']).where('mentorship_id', 'in', mentorships).execute();
      const statusOf = Object.fromEntries(Object.entries(rows).map(([name, id]) => [name, left.find((r) => r.id === id)?.status]));
      expect(statusOf).toEqual({
        oldestProposed: 'cancelled',
        accepted: 'accepted_by_supporter',
        laterProposed: 'cancelled',
        declined: 'declined',
        secondOldest: 'proposed',
        secondLater: 'cancelled',
      });
      // Cancelled ones say when; the others are untouched.
      for (const name of ['accepted', 'declined', 'secondOldest']) expect(left.find((r) => r.id === rows[name])!.updated_at).toBe(before[name]);
      for (const name of ['oldestProposed', 'laterProposed', 'secondLater']) expect(left.find((r) => r.id === rows[name])!.updated_at).not.toBe(before[name]);
      const again = { id: randomUUID(), mentorship_id: mentorships[1]!, from_supporter_id: null, to_supporter_id: null, note_enc: 'sealed', note_held: 0, status: 'proposed' as const, created_at: new Date().toISOString(), updated_at: new Date().toISOString() };
      await expect(db.insertInto('handovers').values(again).execute()).rejects.toThrow(/unique/i);
      // A closed one beside the open one is fine.
      await db.insertInto('handovers').values({ ...again, status: 'declined' }).execute();
    } finally {
      await built.close();
      await made.cleanup();
    }
  });
});
