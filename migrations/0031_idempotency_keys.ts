import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `idempotency_keys` (ADR 042): a person's key for one create (a thread, a reply, a report, …),
 * written in the same transaction as what it created. The primary key (user_id, client_id) makes
 * a second request with the same key fail its insert, so a retry, or two racing, store one row.
 * `request_digest` is a keyed digest of what was asked (never the words themselves): the same key
 * with a different request is refused. Rows live 24 hours (`created_at`, swept) and go with
 * their person.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_digest', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'client_id'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').columns(['created_at']).execute();
  void ctx;
}
