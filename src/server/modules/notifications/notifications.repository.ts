import { PostgresAdapter, sql, type Compilable } from 'kysely';
import { FOLLOWED_NOTICE_COUNT_CAP } from '../../../contracts/notifications.js';
import { precompiledPerShape, type Executor } from '../../platform/db.js';
import type { NotificationsTable } from '../../platform/schema.js';

/** `new_replies`: for a followed-thread notice read from the list, the replies it stands for (see `list`). */
export type NotificationRow = NotificationsTable & { thread_title: string | null; actor_handle: string | null; new_replies?: number | string | null };

/** Slices of a list, for `in (…)` and multi-row inserts within bound-parameter limits. */
function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Replies read past a followed-thread notice's reply to count it: the cap plus as many again for
 * the ones not counted (the follower's own, hidden or held). The range of `posts_thread_idx` is cut
 * at this many rows before they are filtered, so that a count costs at most this many index rows
 * whatever the thread's length; when more than WINDOW - CAP of them are not counted, the count is
 * a lower bound (never more than the replies there are).
 */
const FOLLOWED_COUNT_WINDOW = 2 * FOLLOWED_NOTICE_COUNT_CAP;

/**
 * The new replies an unread followed-thread notice (the enclosing `notifications` row) stands for:
 * the visible replies from the one it points at on, not the follower's own, up to
 * FOLLOWED_NOTICE_COUNT_CAP ("that many or more").
 */
const unreadFollowedCount = sql<number>`(
  select count(*) from (
    select 1 from (
      select posts.state, posts.author_id from posts
      where posts.thread_id = notifications.thread_id
        and posts.id >= notifications.post_id
      order by posts.id
      limit ${sql.lit(FOLLOWED_COUNT_WINDOW)}
    ) as next_replies
    where next_replies.state = ${sql.lit('visible')}
      and (next_replies.author_id is null or next_replies.author_id <> notifications.user_id)
    limit ${sql.lit(FOLLOWED_NOTICE_COUNT_CAP)}
  ) as counted
)`;

// What a reply's dispatch runs for its notices, compiled once per list length (ADR 031): a batch's
// lists hold a few ids, and its rows are a few too (a busy thread's followers mostly hold a notice).
/** Values a statement's lists hold at most to be precompiled. */
const BATCH_VALUES = 32;
/** Inserted columns, in order. */
const INSERTED = ['id', 'user_id', 'kind', 'thread_id', 'post_id', 'actor_id', 'actor_anonymous', 'data', 'read_at', 'created_at'] as const;
const insertRows = precompiledPerShape(16 * INSERTED.length, (db, rows) =>
  db.insertInto('notifications').values(rows.map((v) => Object.fromEntries(INSERTED.map((c, i) => [c, v[i]])) as never)),
);
const unreadCountsOf = precompiledPerShape(BATCH_VALUES, (db, [userIds]) =>
  db
    .selectFrom('notifications')
    .select(['user_id', sql<number>`count(*)`.as('n'), sql<string>`max(id)`.as('newest')])
    .where('user_id', 'in', userIds as string[])
    .where('read_at', 'is', null)
    .groupBy('user_id'),
);
/**
 * On SQLite the index is named: with statistics taken while `notifications` was empty (an `ANALYZE`
 * on a young file, the bench seed's) the planner read each member's unread notices
 * (`notifications_unread_newest_idx`) instead of probing (thread, member), as it does without
 * statistics or with current ones (see `followersWithoutNotice`).
 */
const unreadFollowedOf = precompiledPerShape(BATCH_VALUES, (db, [threadIds, userIds]): Compilable<{ user_id: string; thread_id: string }> => {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    const read = sql<{ user_id: string; thread_id: string }>`select "user_id", "thread_id" from "notifications" indexed by "notifications_followed_unread_idx"
      where "thread_id" in (${sql.join(threadIds!)}) and "user_id" in (${sql.join(userIds!)}) and "kind" = 'followed' and "read_at" is null`;
    return { compile: () => read.compile(db) };
  }
  return db
    .selectFrom('notifications')
    .select(['user_id', 'thread_id'])
    .where('thread_id', 'in', threadIds as string[])
    .where('user_id', 'in', userIds as string[])
    .where(sql.ref('kind'), '=', sql.lit('followed'))
    .where('read_at', 'is', null);
});
const disabledKindsOf = precompiledPerShape(BATCH_VALUES, (db, [userIds]) =>
  db
    .selectFrom('notification_prefs')
    .select(['user_id', 'kind'])
    .where('user_id', 'in', userIds as string[])
    .where('enabled', '=', 0),
);

/** Kysely only: notifications and per-kind preferences. */
export const notificationsRepository = {
  async insert(db: Executor, row: NotificationsTable): Promise<void> {
    await db.insertInto('notifications').values(row).execute();
  },

  /**
   * A page of someone's notifications. A followed-thread notice stands for every reply since the
   * one it points at (ADR 012: one notice a thread until read). An unread one is counted here, on
   * read, within a bounded index range (see `unreadFollowedCount`); a read one shows the count
   * stored when it was marked read (`read_replies`) and is never counted again. No row is written
   * per reply.
   */
  list(db: Executor, userId: string, o: { beforeId: string | null; limit: number; unreadOnly: boolean; ids?: string[] }): Promise<NotificationRow[]> {
    const newReplies = sql<number | string | null>`case when ${sql.ref('notifications.kind')} = ${sql.lit('followed')} and ${sql.ref('notifications.post_id')} is not null then (
      case when ${sql.ref('notifications.read_at')} is null then ${unreadFollowedCount} else ${sql.ref('notifications.read_replies')} end
    ) end`;
    let q = db
      .selectFrom('notifications')
      .leftJoin('threads', 'threads.id', 'notifications.thread_id')
      .leftJoin('users', 'users.id', 'notifications.actor_id')
      .selectAll('notifications')
      .select(['threads.title as thread_title', 'users.handle as actor_handle', newReplies.as('new_replies')])
      .where('notifications.user_id', '=', userId)
      .orderBy('notifications.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('notifications.id', '<', o.beforeId);
    if (o.unreadOnly) q = q.where('notifications.read_at', 'is', null);
    if (o.ids) q = q.where('notifications.id', 'in', o.ids);
    return q.execute();
  },

  /** The thread titles and actor handles that notifications name, by id (null: gone, or no one named). */
  async labels(db: Executor, o: { threadIds: (string | null)[]; actorIds: (string | null)[] }) {
    const distinct = (ids: (string | null)[]) => [...new Set(ids.filter((id): id is string => id !== null))];
    const titles = new Map<string, string>();
    const handles = new Map<string, string>();
    for (const part of chunks(distinct(o.threadIds))) {
      for (const t of await db.selectFrom('threads').select(['id', 'title']).where('id', 'in', part).execute()) titles.set(t.id, t.title);
    }
    for (const part of chunks(distinct(o.actorIds))) {
      for (const u of await db.selectFrom('users').select(['id', 'handle']).where('id', 'in', part).execute()) handles.set(u.id, u.handle);
    }
    return {
      threadTitle: (id: string | null) => (id === null ? null : (titles.get(id) ?? null)),
      actorHandle: (id: string | null) => (id === null ? null : (handles.get(id) ?? null)),
    };
  },

  async insertMany(db: Executor, rows: Omit<NotificationsTable, 'read_replies'>[]): Promise<void> {
    // Eleven columns a row: 200 rows stay below every driver's bound-parameter limit.
    for (const part of chunks(rows, 200)) await insertRows(db, part.map((r) => INSERTED.map((c) => r[c])));
  },

  /**
   * Unread counts of many recipients in one query (0 for those with none), each with the newest
   * unread notice it counted (ids are UUIDv7: time-ordered, so they order the counts; ADR 046).
   */
  async unreadCounts(db: Executor, userIds: string[]): Promise<Map<string, { n: number; newest: string | null }>> {
    const counts = new Map(userIds.map((id) => [id, { n: 0, newest: null as string | null }]));
    for (const part of chunks(userIds)) {
      for (const r of await unreadCountsOf(db, [part])) counts.set(r.user_id, { n: Number(r.n), newest: r.newest });
    }
    return counts;
  },

  /**
   * The (user, thread) pairs, among these threads and members, whose person has an unread notice of new
   * replies. The literal kind and `read_at is null` let both engines use the partial index.
   */
  async unreadFollowed(db: Executor, threadIds: string[], userIds: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    // Of these members only: a busy thread's followers nearly all hold one (tens of thousands at
    // 1M replies), and only the few being notified need asking (the index is (thread, user)).
    for (const threads of chunks(threadIds))
      for (const users of chunks(userIds)) {
        for (const r of await unreadFollowedOf(db, [threads, users])) out.add(`${r.user_id} ${r.thread_id}`);
      }
    return out;
  },

  /** The (user, kind) pairs turned off, among these users. */
  async disabledKinds(db: Executor, userIds: string[]): Promise<Set<string>> {
    const off = new Set<string>();
    for (const part of chunks(userIds)) {
      for (const r of await disabledKindsOf(db, [part])) off.add(`${r.user_id} ${r.kind}`);
    }
    return off;
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

  /** The threads (up to `limit`) whose followed-thread notice this person has not read yet: one notice a thread (ADR 012). */
  async unreadFollowedThreadIds(db: Executor, userId: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('notifications')
      .select('thread_id')
      .where('user_id', '=', userId)
      .where(sql.ref('kind'), '=', sql.lit('followed'))
      .where('read_at', 'is', null)
      .where('thread_id', 'is not', null)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return [...new Set(rows.map((r) => r.thread_id!))];
  },

  /** Marks notices read; a followed-thread notice keeps the count it has now (`read_replies`), so it is never counted again. */
  async markRead(db: Executor, userId: string, ids: string[] | 'all', at: string): Promise<void> {
    const readReplies = sql<number | null>`case when ${sql.ref('notifications.kind')} = ${sql.lit('followed')} and ${sql.ref('notifications.post_id')} is not null then ${unreadFollowedCount} end`;
    let q = db.updateTable('notifications').set({ read_at: at, read_replies: readReplies }).where('user_id', '=', userId).where('read_at', 'is', null);
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
