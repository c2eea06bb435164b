import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isUniqueViolationOf } from '../../src/server/platform/db.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { matchedPair } from '../supervision-factories.js';

// `isUniqueViolationOf` tells one unique index's violation from any other's, on the errors each
// database really raises: `proposeHandover` answers "already under way" (409) for
// `handovers_one_open_idx` (migration 0041) alone and lets any other violation through.

describe.each(testDatabases)('isUniqueViolationOf, on $name', (database) => {
  it('names the one-open-handover index, and not another unique index or key', async () => {
    const built = await buildTestApp(database);
    try {
      const { app } = built;
      const db = app.kindred.database.db;
      const { mentorshipId } = await matchedPair(app);
      const at = new Date().toISOString();
      const handover = (id: string) =>
        db
          .insertInto('handovers')
          .values({ id, mentorship_id: mentorshipId, from_supporter_id: null, to_supporter_id: null, note_enc: 'sealed', note_held: 0, status: 'proposed', created_at: at, updated_at: at })
          .execute();
      const refused = async (write: Promise<unknown>) => {
        try {
          await write;
        } catch (err) {
          return err;
        }
        throw new Error('the write was not refused');
      };
      const first = randomUUID();
      await handover(first);

      const secondOpen = await refused(handover(randomUUID()));
      expect(isUniqueViolationOf(secondOpen, 'handovers_one_open_idx', 'handovers.mentorship_id'), String(secondOpen)).toBe(true);

      // Another unique index (users.handle_key), and the handover's own primary key: unique
      // violations both, neither of them the open handover's.
      const handle = await db.selectFrom('users').select('handle_key').limit(1).executeTakeFirstOrThrow();
      const otherIndex = await refused(
        db.updateTable('users').set({ handle_key: handle.handle_key }).where('handle_key', '<>', handle.handle_key).execute(),
      );
      expect(isUniqueViolationOf(otherIndex, 'users_handle_key_key', 'users.handle_key'), String(otherIndex)).toBe(true);
      expect(isUniqueViolationOf(otherIndex, 'handovers_one_open_idx', 'handovers.mentorship_id'), String(otherIndex)).toBe(false);
      await db.updateTable('handovers').set({ status: 'cancelled' }).where('id', '=', first).execute();
      const sameId = await refused(handover(first));
      expect(isUniqueViolationOf(sameId, 'handovers_one_open_idx', 'handovers.mentorship_id'), String(sameId)).toBe(false);
    } finally {
      await built.close();
    }
  });
});
