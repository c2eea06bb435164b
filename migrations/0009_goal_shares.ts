import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * A personal recovery goal shared, explicitly and one at a time, into a support group (issue 8).
 * Only the link is stored: the title stays sealed in recovery_goals, and deleting the goal (or the
 * group, or the member) takes the share with it.
 */
export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('goal_shares')
    .addColumn('goal_id', 'text', (c) => c.notNull().references('recovery_goals.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('support_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('goal_shares_pk', ['goal_id', 'group_id'])
    .execute();
  await db.schema.createIndex('goal_shares_group_idx').on('goal_shares').columns(['group_id', 'shared_at']).execute();
  await db.schema.createIndex('goal_shares_user_idx').on('goal_shares').columns(['user_id']).execute();
}
