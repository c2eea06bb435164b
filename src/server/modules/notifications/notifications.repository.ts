import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { NotificationsTable } from '../../platform/schema.js';

export type NotificationRow = NotificationsTable & { thread_title: string | null; actor_handle: string | null };

/** Kysely only: notifications and per-kind preferences. */
export const notificationsRepository = {
  async insert(db: Executor, row: NotificationsTable): Promise<void> {
    await db.insertInto('notifications').values(row).execute();
  },

  list(db: Executor, userId: string, o: { beforeId: string | null; limit: number; unreadOnly: boolean; ids?: string[] }): Promise<NotificationRow[]> {
    let q = db
      .selectFrom('notifications')
      .leftJoin('threads', 'threads.id', 'notifications.thread_id')
      .leftJoin('users', 'users.id', 'notifications.actor_id')
      .selectAll('notifications')
      .select(['threads.title as thread_title', 'users.handle as actor_handle'])
      .where('notifications.user_id', '=', userId)
      .orderBy('notifications.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('notifications.id', '<', o.beforeId);
    if (o.unreadOnly) q = q.where('notifications.read_at', 'is', null);
    if (o.ids) q = q.where('notifications.id', 'in', o.ids);
    return q.execute();
  },

  async unreadCount(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select(sql<number>`count(*)`.as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async markRead(db: Executor, userId: string, ids: string[] | 'all', at: string): Promise<void> {
    let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (ids !== 'all') q = q.where('id', 'in', ids);
    await q.execute();
  },

  async prefs(db: Executor, userId: string): Promise<Map<string, boolean>> {
    const rows = await db.selectFrom('notification_prefs').select(['kind', 'enabled']).where('user_id', '=', userId).execute();
    return new Map(rows.map((r) => [r.kind, r.enabled === 1]));
  },

  async setPref(db: Executor, userId: string, kind: string, enabled: boolean): Promise<void> {
    await db
      .insertInto('notification_prefs')
      .values({ user_id: userId, kind, enabled: enabled ? 1 : 0 })
      .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ enabled: enabled ? 1 : 0 }))
      .execute();
  },

  async eraseUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('notifications').where('user_id', '=', userId).execute();
    await db.updateTable('notifications').set({ actor_id: null }).where('actor_id', '=', userId).execute();
    await db.deleteFrom('notification_prefs').where('user_id', '=', userId).execute();
  },
};
