import { OPTIONAL_NOTIFICATION_KINDS, type NotificationKind, type ReactionKind } from '../../../contracts/communities.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { newId } from '../../platform/ids.js';
import { TODAY_COUNT_CAP } from '../../../contracts/today.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import { presentNotification } from './notifications.presenter.js';
import { notificationsRepository as repo } from './notifications.repository.js';

/** Followed threads with new replies counted for the home page at most (then "this many or more"). */
export const TODAY_FOLLOWED_CAP = TODAY_COUNT_CAP;

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  threadId: string | null;
  postId: string | null;
  /** Who caused it; pass null when they acted anonymously (it is then never stored). */
  actorId: string | null;
  actorAnonymous: boolean;
  reaction?: ReactionKind;
  message?: string;
  /** A page the notice has more about (the client links to it). */
  about?: 'my_reports';
  /** What its notice shows of the thread and the actor, when the caller read them already (else read here). */
  labels?: { threadTitle: string | null; actorHandle: string | null };
}

/**
 * In-app notifications. Created by outbox consumers (exactly once per event, in the dispatch
 * transaction), shown live through `notification.created` to the recipient's `user:<id>` room.
 */
/** Who may read which threads: the community's rule, given after both services exist (the community notifies through this one). */
export interface ThreadAccess {
  readableThreadIds(actor: Actor, threadIds: string[]): Promise<Set<string>>;
}

export class NotificationsService {
  private threadAccess: ThreadAccess | null = null;

  constructor(private readonly deps: { db: Db; uow: UnitOfWork }) {}

  /** Until this is called, no followed-thread notice shows a count (none can be known to be readable). */
  useThreadAccess(access: ThreadAccess): void {
    this.threadAccess = access;
  }

  /** Stores one notification unless the recipient turned that kind off; moderation always arrives. */
  async notify(tx: Tx, input: NotifyInput): Promise<boolean> {
    return (await this.notifyMany(tx, [input])) === 1;
  }

  /**
   * Stores many notifications in a handful of statements, whatever their number (a reply in a
   * thread with thousands of followers): preferences, rows, unread counts and live events (one
   * outbox row) each in one batch; nothing is read back. Returns how many were stored.
   */
  async notifyMany(tx: Tx, inputs: NotifyInput[]): Promise<number> {
    if (inputs.length === 0) return 0;
    // New replies in a followed thread make one notice a thread until it is read (it points at the
    // first of them, where reading starts), not one a reply: a busy thread neither buries its
    // followers in notices nor writes a row per follower at every reply. Replies to one's own
    // thread and mentions still arrive one by one. (First, so that preferences are read only for
    // the few left: a thread can have tens of thousands of followers.)
    // Inputs of many replies at once (a dispatch batch, ADR 021) hold the same rule: the first new
    // reply of a thread makes the notice, the later ones find it there.
    const followed = inputs.filter((i) => i.kind === 'followed' && i.threadId);
    const pending =
      followed.length > 0
        ? await repo.unreadFollowed(tx.trx, [...new Set(followed.map((i) => i.threadId!))], [...new Set(followed.map((i) => i.userId))])
        : new Set<string>();
    const news = inputs.filter((i) => {
      if (i.kind !== 'followed') return true;
      const key = `${i.userId} ${i.threadId}`;
      if (pending.has(key)) return false;
      pending.add(key);
      return true;
    });
    const off = news.length > 0 ? await repo.disabledKinds(tx.trx, [...new Set(news.map((i) => i.userId))]) : new Set<string>();
    const wanted = news.filter((i) => i.kind === 'moderation' || !off.has(`${i.userId} ${i.kind}`));
    if (wanted.length === 0) return 0;
    const at = tx.now.toISOString();
    const rows = wanted.map((input) => ({
      id: newId(tx.now.getTime()),
      user_id: input.userId,
      kind: input.kind,
      thread_id: input.threadId,
      post_id: input.postId,
      actor_id: input.actorAnonymous ? null : input.actorId,
      actor_anonymous: input.actorAnonymous ? 1 : 0,
      data: JSON.stringify({ ...(input.reaction ? { reaction: input.reaction } : {}), ...(input.message ? { message: input.message } : {}), ...(input.about ? { about: input.about } : {}) }),
      read_at: null,
      created_at: at,
    }));
    await repo.insertMany(tx.trx, rows);
    // Presented from what was just written plus the labels it names (a thread's title, the actor's
    // handle): a few distinct ids, where reading every row back joined them once per recipient.
    const known = wanted.every((i) => i.labels);
    const labels = known ? null : await repo.labels(tx.trx, { threadIds: rows.map((r) => r.thread_id), actorIds: rows.map((r) => r.actor_id) });
    const unread = await repo.unreadCounts(tx.trx, [...new Set(rows.map((r) => r.user_id))]);
    // Each live event carries the count as it was once its own row was written: a recipient of
    // several rows here (replies of a batch) sees it go up one by one, as if they came one by one.
    // With it goes the newest unread notice the count covered (`unreadAsOf`): pushes are not
    // published in the order their counts were taken (a dispatch's right after its commit, a
    // request's at a later drain, other instances' any time; ADR 046), so the client keeps the
    // count of the newest one it saw, not of the last to arrive. Within this batch, a row's count
    // stops at its own row, and so does its marker (unless a newer notice of another transaction
    // was already counted: then every row of the batch carries that one, counts still rising).
    const later = new Map<string, number>();
    const counts = new Array<number>(rows.length);
    const asOf = new Array<string>(rows.length);
    const own = new Set(rows.map((r) => r.id));
    for (let i = rows.length - 1; i >= 0; i--) {
      const userId = rows[i]!.user_id;
      const after = later.get(userId) ?? 0;
      const counted = unread.get(userId);
      counts[i] = Math.max(0, (counted?.n ?? 0) - after);
      const newest = counted?.newest ?? rows[i]!.id;
      asOf[i] = own.has(newest) || newest < rows[i]!.id ? rows[i]!.id : newest;
      later.set(userId, after + 1);
    }
    await tx.emitMany(
      'notification.created',
      rows.map((r, i) => ({
        data: {
          notification: presentNotification({
            ...r,
            thread_title: labels ? labels.threadTitle(r.thread_id) : wanted[i]!.labels!.threadTitle,
            actor_handle: labels ? labels.actorHandle(r.actor_id) : wanted[i]!.labels!.actorHandle,
          }),
          unreadCount: counts[i]!,
          unreadAsOf: asOf[i]!,
        },
        rooms: [`user:${r.user_id}`],
      })),
    );
    return rows.length;
  }

  /**
   * The person's unread notices, and how many followed threads (up to `TODAY_FOLLOWED_CAP`) have
   * new replies they have not read: threads they may no longer read are not counted.
   */
  async waiting(actor: Actor): Promise<{ unread: number; followedThreads: number }> {
    const [unread, threadIds] = await Promise.all([repo.unreadCount(this.deps.db, actor.userId), repo.unreadFollowedThreadIds(this.deps.db, actor.userId, TODAY_FOLLOWED_CAP)]);
    const readable = threadIds.length > 0 && this.threadAccess ? await this.threadAccess.readableThreadIds(actor, threadIds) : new Set<string>();
    return { unread, followedThreads: threadIds.filter((id) => readable.has(id)).length };
  }

  async list(actor: Actor, o: { cursor?: string | undefined; limit: number; unreadOnly: boolean }) {
    const rows = await repo.list(this.deps.db, actor.userId, { beforeId: o.cursor ?? null, limit: o.limit, unreadOnly: o.unreadOnly });
    // A thread's title and how many replies it had say something of it: for a thread the reader may
    // no longer read (its space became program-only, it was removed), only the notice itself.
    const named = [...new Set(rows.flatMap((r) => (r.thread_id ? [r.thread_id] : [])))];
    if (named.length > 0) {
      const readable = this.threadAccess ? await this.threadAccess.readableThreadIds(actor, named) : new Set<string>();
      for (const r of rows) {
        if (!r.thread_id || readable.has(r.thread_id)) continue;
        r.thread_title = null;
        r.new_replies = null;
      }
    }
    return { rows, unreadCount: await repo.unreadCount(this.deps.db, actor.userId) };
  }

  async markRead(actor: Actor, ids: string[] | 'all'): Promise<number> {
    return this.deps.uow.run(async (tx) => {
      await repo.markRead(tx.trx, actor.userId, ids, tx.now.toISOString());
      return repo.unreadCount(tx.trx, actor.userId);
    });
  }

  async prefs(actor: Actor): Promise<Record<(typeof OPTIONAL_NOTIFICATION_KINDS)[number], boolean>> {
    const stored = await repo.prefs(this.deps.db, actor.userId);
    return Object.fromEntries(OPTIONAL_NOTIFICATION_KINDS.map((k) => [k, stored.get(k) ?? true])) as Record<(typeof OPTIONAL_NOTIFICATION_KINDS)[number], boolean>;
  }

  async setPrefs(actor: Actor, prefs: Partial<Record<(typeof OPTIONAL_NOTIFICATION_KINDS)[number], boolean>>) {
    await this.deps.uow.run(async (tx) => {
      for (const [kind, enabled] of Object.entries(prefs)) {
        if (typeof enabled === 'boolean') await repo.setPref(tx.trx, actor.userId, kind, enabled);
      }
    });
    return this.prefs(actor);
  }

  contributor(): PersonalDataContributor {
    return {
      name: 'notifications',
      export: async (tx, userId) => ({
        notifications: (await repo.list(tx.trx, userId, { beforeId: null, limit: 100_000, unreadOnly: false })).map(presentNotification),
        preferences: Object.fromEntries(await repo.prefs(tx.trx, userId)),
      }),
      erase: (tx, userId) => repo.eraseUser(tx.trx, userId),
    };
  }
}
