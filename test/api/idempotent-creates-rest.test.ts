import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser } from '../factories.js';
import { DatabaseUnavailableError, isUniqueViolation } from '../../src/server/platform/db.js';

// ADR 042, amendment "the rest of the creates": a create's own unique violation is its own answer,
// not the key's 503.

describe.each(testDatabases)('a keyed create that meets another unique index on $name', (database) => {
  const t = useTestApp(database);

  it('gets the unique violation it would get without a key (not 503), and leaves no key', async () => {
    const { creates, database: handle } = t.app.kindred;
    const a = await buildUser(t.app);
    const circle = (await a.client.post('/api/circles', { name: 'Close friends' })).json() as { id: string };
    const at = new Date().toISOString();
    const invitation = () => ({ id: randomUUID(), circle_id: circle.id, token_digest: `same-${circle.id}`, created_by: a.id, created_at: at, expires_at: at });
    await handle.db.insertInto('circle_invitations').values(invitation()).execute();
    const key = randomUUID();
    const failed = await creates
      .run(
        a.id,
        key,
        { kind: 'test.duplicate', target: circle.id, body: {} },
        async (tx) => {
          await tx.trx.insertInto('circle_invitations').values(invitation()).execute();
          return 'never';
        },
        (id) => id,
        async () => 'never',
      )
      .then(
        () => expect.fail('the duplicate was accepted'),
        (err: unknown) => err,
      );
    expect(failed).not.toBeInstanceOf(DatabaseUnavailableError);
    expect(isUniqueViolation(failed)).toBe(true);
    expect(await handle.db.selectFrom('idempotency_keys').select('client_id').where('user_id', '=', a.id).where('client_id', '=', key).execute()).toEqual([]);
  });
});
