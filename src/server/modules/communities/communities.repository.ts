import { CompiledQuery, PostgresAdapter, sql, type Compilable, type ExpressionBuilder, type Insertable, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { searchScopeSqlOf } from '../../../../migrations/0028_search_scope_pair.js';
import { everyColumn, forUpdateOnPostgres, precompiled, precompiledInsert, precompiledPerShape, precompiledTogether, qualified, type Executor, type Dialect } from '../../platform/db.js';
import { withSearchPicking } from '../../platform/search-picks.js';
import type {
  Database,
  PostsTable,
  ProgramsTable,
  SpacesTable,
  ThreadsTable,
} from '../../platform/schema.js';

export type SpaceRow = Selectable<SpacesTable>;
export type ThreadRow = Selectable<ThreadsTable> & { author_handle: string | null };
export type PostRow = Selectable<PostsTable> & { author_handle: string | null };

/** A keyset position: the sort value of the last item seen and its id (the tie-breaker). */
export interface Keyset {
  value: string | number;
  id: string;
}

export interface ThreadListOptions {
  list: 'latest' | 'top' | 'unanswered' | 'mine' | 'followed';
  spaceIds: string[];
  viewerId: string;
  hiddenWarnings: string[];
  since: string | null;
  after: Keyset | null;
  limit: number;
}

export interface SearchOptions {
  /** Sanitised terms (letters and digits only). */
  terms: string[];
  /** all: every term must match (search); any: at least one (related threads). */
  match: 'all' | 'any';
  /** newest: title hits, then other hits, newest first, highlighted (search); relevance: bm25 / ts_rank (related threads). ADR 016. */
  order: 'newest' | 'relevance';
  spaceIds: string[];
  kind?: string | undefined;
  hiddenWarnings: string[];
  excludeThreadId?: string | undefined;
  /** Threads: each thread comes back once, by its first matching post in the order. */
  limit: number;
}

export interface SearchRow {
  post_id: string;
  thread_id: string;
  /** The matched post's own warnings (JSON), so a hit from a warned reply folds too. */
  post_warnings: string;
  /** Marked title (empty for a reply, and in `relevance` order). */
  title_marked: string;
  /** Marked snippet of the post (empty in `relevance` order). */
  snippet_marked: string;
}

export interface SearchResult {
  rows: SearchRow[];
  /** SQLite `newest` only: the walk stopped at its bound (SEARCH_SCAN_THREADS/ROWS) before the page was full. */
  truncated: boolean;
}

/**
 * Related threads rank the most recent matches of their words by bm25 on SQLite, this many at
 * most: exact for rarer words, recent-first relevance for very common ones.
 */
export const SEARCH_WINDOW = 2000;

/** Markers the search engines put around matches; stripped from stored text so users cannot forge them. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const threadColumns = (eb: ExpressionBuilder<Database, 'threads' | 'users'>) => [eb.ref('users.handle').as('author_handle')];

/** Threads with their author's handle: what every thread read starts from. */
const threadsWithAuthor = (db: Executor) => db.selectFrom('threads').leftJoin('users', 'users.id', 'threads.author_id').select(THREAD_COLUMNS_QUALIFIED).select(threadColumns);

/**
 * Leaves out threads carrying any of the warnings the reader chose to hide (JSON array text): the
 * one place a list of threads and the count of one (the home's unanswered questions) apply them.
 */
function withoutHiddenWarnings<TB extends keyof Database, O>(q: SelectQueryBuilder<Database, TB, O>, hidden: string[]): SelectQueryBuilder<Database, TB, O> {
  if (hidden.length === 0) return q;
  return q.where(sql<SqlBool>`(${sql.join(
    hidden.map((w) => sql`${sql.ref('threads.warnings')} not like ${`%"${w}"%`}`),
    sql` and `,
  )})`);
}

/**
 * A question with no reply yet: the terms of the partial indexes of the unanswered list and count
 * (migration 0045), as literals, so that SQLite matches them and PostgreSQL proves them even in a
 * generic plan (it cannot from `reply_count = $1`).
 */
const unansweredQuestion = sql<SqlBool>`(${sql.ref('threads.kind')} = ${sql.lit('question')} and ${sql.ref('threads.reply_count')} = ${sql.lit(0)})`;

/** A member following at most this many threads has them read whole to mark a list's followed threads. */
const FOLLOWS_READ_WHOLE = 200;

/**
 * A thread row's columns, named: the precompiled statements are prepared on PostgreSQL, where a
 * `threads.*` would change their result type when a migration adds a column (ADR 028, second amendment).
 */
const THREAD_COLUMNS = everyColumn<ThreadsTable>()([
  'id',
  'space_id',
  'author_id',
  'anonymous',
  'kind',
  'title',
  'state',
  'warnings',
  'reply_count',
  'reaction_count',
  'score',
  'helped_post_id',
  'slow_mode_seconds',
  'last_activity_at',
  'created_at',
  'updated_at',
  'content_version',
]);
const THREAD_COLUMNS_QUALIFIED = qualified('threads', THREAD_COLUMNS);

// The statements every thread page or list runs, built and compiled once (ADR 020).
const threadByIdQuery = (db: Executor, id: string) =>
  db
    .selectFrom('threads')
    .select(THREAD_COLUMNS_QUALIFIED)
    .select((eb) => eb.selectFrom('users').select('users.handle').whereRef('users.id', '=', 'threads.author_id').as('author_handle'))
    .where('threads.id', '=', id);
const programIdsQuery = (db: Executor, userId: string) => db.selectFrom('program_members').select('program_id').where('user_id', '=', userId);
const warningPrefsQuery = (db: Executor, userId: string) => db.selectFrom('warning_prefs').select(['warning', 'mode']).where('user_id', '=', userId);
const followsQuery = (db: Executor, userId: string) => db.selectFrom('thread_follows').select('thread_id').where('user_id', '=', userId).limit(FOLLOWS_READ_WHOLE + 1);
const followQuery = (db: Executor, threadId: string, userId: string) => db.selectFrom('thread_follows').select('thread_id').where('thread_id', '=', threadId).where('user_id', '=', userId);
const pendingIdsQuery = (db: Executor, userId: string) => db.selectFrom('threads').select('id').where('author_id', '=', userId).where('state', '=', 'pending');
const threadById = precompiled(threadByIdQuery);
/** A search's page of threads (up to 50 hits), or related threads: compiled once per count (ADR 039). */
const threadsOfIds = precompiledPerShape(50, (db, [ids]) => threadsWithAuthor(db).where('threads.id', 'in', ids as string[]));
const programIdsOfUser = precompiled(programIdsQuery);
const warningPrefsOfUser = precompiled(warningPrefsQuery);
const followsOfUser = precompiled(followsQuery);
const followOfUser = precompiled(followQuery);
// What a list reads about the reader: one round trip on PostgreSQL (ADR 028).
// The thread page's thread with what it needs to know about the reader, in one statement on both
// databases (ADR 037: on SQLite, three statements cost about twice one): the warning choices as
// `warning=mode,…` (enum values, neither holds `=` or `,`), and whether they follow it.
const threadForReader = precompiled((db, threadId: string, userId: string) =>
  threadByIdQuery(db, threadId).select((eb) => [
    eb
      .selectFrom('warning_prefs')
      .select(sql<string | null>`string_agg("warning_prefs"."warning" || '=' || "warning_prefs"."mode", ',')`.as('prefs'))
      .where('warning_prefs.user_id', '=', userId)
      .as('reader_prefs'),
    eb.exists(eb.selectFrom('thread_follows').select('thread_follows.user_id').whereRef('thread_follows.thread_id', '=', 'threads.id').where('thread_follows.user_id', '=', userId)).as('reader_following'),
  ]),
);
// The reader's version first: the facts after it are read in the same snapshot (one read
// transaction on SQLite, one statement on PostgreSQL), so they are exactly those of that version.
const readerVersionQuery = (db: Executor, userId: string) => db.selectFrom('users').select('reader_version').where('id', '=', userId);
const readerVersionOf = precompiled(readerVersionQuery);
const listReader = precompiledTogether(
  (db, userId: string) => [readerVersionQuery(db, userId), programIdsQuery(db, userId), warningPrefsQuery(db, userId), pendingIdsQuery(db, userId), followsQuery(db, userId)] as const,
);

/** What a list needs to know about its reader (`repo.listReader`). */
export interface ListReader {
  programs: string[];
  prefs: Map<string, 'hide' | 'show' | 'ask'>;
  pendingIds: string[];
  /** The threads they follow, when they follow at most FOLLOWS_READ_WHOLE (else null: asked per list). */
  follows: Set<string> | null;
}

/**
 * A thread's author handle and its space's visibility and program, as scalar subqueries: measured
 * on SQLite, a join made the reply's one-row thread read ~4× slower.
 */
function threadAuthorAndSpace(eb: ExpressionBuilder<Database, 'threads'>) {
  const space = () => eb.selectFrom('spaces').whereRef('spaces.id', '=', 'threads.space_id');
  return [
    eb.selectFrom('users').select('users.handle').whereRef('users.id', '=', 'threads.author_id').as('author_handle'),
    space().select('spaces.visibility').as('space_visibility'),
    space().select('spaces.program_id').as('space_program_id'),
  ] as const;
}

// The reply's write path, built and compiled once (ADR 027).
/** A new reply's thread with what deciding on the reply needs: see `replyContext`. */
const replyContextRead = (db: Executor, threadId: string, userId: string, nowIso: string) =>
  db
    .selectFrom('threads')
    .select(THREAD_COLUMNS_QUALIFIED)
    .select((eb) => {
      const space = () => eb.selectFrom('spaces').whereRef('spaces.id', '=', 'threads.space_id');
      return [
        ...threadAuthorAndSpace(eb),
        space().select('spaces.allow_anonymous').as('space_allow_anonymous'),
        eb
          .exists(
            eb
              .selectFrom('program_members')
              .select('program_members.user_id')
              .where('program_members.user_id', '=', userId)
              .where('program_members.program_id', '=', space().select('spaces.program_id')),
          )
          .as('in_program'),
        eb
          .selectFrom('community_suspensions')
          .select(sql<string | null>`max(community_suspensions.until)`.as('until'))
          .where('community_suspensions.user_id', '=', userId)
          .where('community_suspensions.until', '>', nowIso)
          .as('suspended_until'),
        eb.exists(eb.selectFrom('thread_follows').select('thread_follows.user_id').whereRef('thread_follows.thread_id', '=', 'threads.id').where('thread_follows.user_id', '=', userId)).as('following'),
        eb.selectFrom('settings').select('settings.value').where('settings.key', '=', 'hold_first_posts').as('hold_first_posts'),
      ];
    })
    .where('threads.id', '=', threadId);
const replyContextOf = {
  sqlite: precompiled(replyContextRead),
  // The thread's row locked as the reply's count update would lock it (`no key update`: posts'
  // foreign-key checks still pass), so the row read is the row the reply counts on until it commits:
  // the new counts are known without `returning`, and the writes go with the commit (ADR 028,
  // amendment of 2026-11-27 morning). Concurrent replies to one thread wait here instead of at the update.
  postgres: precompiled((db, threadId: string, userId: string, nowIso: string) => replyContextRead(db, threadId, userId, nowIso).forNoKeyUpdate()),
};
/**
 * SQLite: every post stored without its search key (all new ones since migration 0032) gets one,
 * above every key in use and in the order the rows were stored, with its thread's scope words (as
 * `posts_fts_ai` of 0028 did one insert at a time); the update triggers of 0028 then put it in
 * both full-text indexes. A window over the keyless rows, materialized before the update, numbers
 * them. On the unique index `posts_search_key_idx`, which keeps the keyless rows first.
 * The scope words come from migration 0028's `searchScopeSqlOf`, the form the update triggers of
 * 0028 write too: a migration that changes that form must make this use its new copy as well.
 */
const KEY_NEW_POSTS = CompiledQuery.raw(
  `update posts set search_key = k.base + k.n, search_scope = (select ${searchScopeSqlOf('t')} from threads t where t.id = posts.thread_id)
  from (select rowid as r, row_number() over (order by rowid) as n, (select coalesce(max(search_key), 0) from posts) as base from posts where search_key is null) as k
  where posts.rowid = k.r`,
);

const insertPostRow = precompiledInsert<Omit<PostRow, 'author_handle'>>('posts', [
  'id',
  'thread_id',
  'space_id',
  'author_id',
  'anonymous',
  'is_opening',
  'body_source',
  'body_html',
  'body_text',
  'search_title',
  'warnings',
  'state',
  'pending_reason',
  'first_post_hold',
  'published_at',
  'edited_at',
  'created_at',
  'updated_at',
]);
/**
 * PostgreSQL: locks the member's `users` row (`no key update`, as the follow trigger's update of
 * it would) when they do not follow the thread yet, and answers whether it did. See `lockReaderToFollow`.
 */
const lockReaderToFollowOf = precompiled((db, threadId: string, userId: string) =>
  db
    .selectFrom('users')
    .select('users.id')
    .where('users.id', '=', userId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('thread_follows').select('thread_follows.user_id').where('thread_follows.thread_id', '=', threadId).where('thread_follows.user_id', '=', userId))))
    .forNoKeyUpdate('users'),
);
/** PostgreSQL: locks the member's `users` row (`no key update`, as the follow trigger's update of it would). See `lockReader`. */
const lockReaderOf = precompiled((db, userId: string) => db.selectFrom('users').select('users.id').where('users.id', '=', userId).forNoKeyUpdate('users'));
const insertFollow = precompiled((db, threadId: string, userId: string, at: string) =>
  db
    .insertInto('thread_follows')
    .values({ thread_id: threadId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doNothing()),
);
const countReply = precompiled((db, threadId: string, at: string) =>
  db
    .updateTable('threads')
    .set((eb) => ({ reply_count: eb('reply_count', '+', 1), score: eb('score', '+', 1), last_activity_at: at, updated_at: at }))
    .where('id', '=', threadId),
);

/** What `replyContext` reads: the thread (with its author's handle) and what decides on a reply to it. */
export type ReplyContext = ThreadRow & {
  /** Null only if the space were gone (its key forbids that). */
  space_visibility: SpacesTable['visibility'] | null;
  space_program_id: string | null;
  space_allow_anonymous: number | null;
  /** The member belongs to the space's program (true or 1; false or 0). */
  in_program: boolean | number;
  suspended_until: string | null;
  following: boolean | number;
  /** The `hold_first_posts` setting. */
  hold_first_posts: string | null;
};

// A reply's dispatch (notifications of a batch of new posts), compiled once per list length (ADR 031).
/** Ids a batch's lists hold at most to be precompiled: a dispatch batch consumes up to 10 events. */
const BATCH_IDS = 32;
const postsToAnnounceOf = precompiledPerShape(BATCH_IDS, (db, [ids]) =>
  db
    .selectFrom('posts')
    .select((eb) => [
      'posts.id',
      'posts.thread_id',
      'posts.author_id',
      'posts.anonymous',
      'posts.is_opening',
      'posts.state',
      'posts.body_source',
      eb.selectFrom('users').select('users.handle').whereRef('users.id', '=', 'posts.author_id').as('author_handle'),
    ])
    .where('posts.id', 'in', ids as string[]),
);
const threadsToAnnounceOf = precompiledPerShape(BATCH_IDS, (db, [ids]) =>
  db
    .selectFrom('threads')
    .select(THREAD_COLUMNS_QUALIFIED)
    .select((eb) => threadAuthorAndSpace(eb))
    .where('threads.id', 'in', ids as string[]),
);
/**
 * SQLite: the anti-join names its index. With no statistics (`sqlite_stat1`) or current ones, the
 * planner takes `notifications_followed_unread_idx` (thread, member: one probe a follower), but with
 * statistics taken while `notifications` was empty (an `ANALYZE` or `pragma optimize` on a young
 * file, or the bench seed's) both partial indexes look free and it took `notifications_unread_newest_idx`
 * (member, read_at): every unread notice of each follower read to find one of this thread, three times the
 * time in a busy thread on the bench's seed (1.5 against 0.5 ms a batch of ten). `indexed by` fails the statement should the index ever not serve it.
 */
const FOLLOWED_NOTICE_PROBE = sql<SqlBool>`not exists (
  select 1 from "notifications" indexed by "notifications_followed_unread_idx"
  where "notifications"."thread_id" = "thread_follows"."thread_id" and "notifications"."user_id" = "thread_follows"."user_id"
    and "notifications"."kind" = 'followed' and "notifications"."read_at" is null)`;
const followersWithoutNoticeOf = precompiledPerShape(BATCH_IDS, (db, [threadIds]) =>
  db
    .selectFrom('thread_follows')
    .select(['thread_follows.thread_id', 'thread_follows.user_id'])
    .where('thread_follows.thread_id', 'in', threadIds as string[])
    .where((eb) =>
      db.getExecutor().adapter instanceof PostgresAdapter
        ? eb.not(
            eb.exists(
              eb
                .selectFrom('notifications')
                .select('notifications.user_id')
                .whereRef('notifications.thread_id', '=', 'thread_follows.thread_id')
                .whereRef('notifications.user_id', '=', 'thread_follows.user_id')
                .where(sql.ref('notifications.kind'), '=', sql.lit('followed'))
                .where('notifications.read_at', 'is', null),
            ),
          )
        : FOLLOWED_NOTICE_PROBE,
    ),
);

/** Splits an IN list so no statement carries more than 500 bind parameters. */
function chunks<T>(xs: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Kysely only: spaces, programs, threads, posts, edits, reactions, follows, reports, settings, search. */
function postById(db: Executor, id: string) {
  return db
    .selectFrom('posts')
    .leftJoin('users', 'users.id', 'posts.author_id')
    .selectAll('posts')
    .select((eb) => [eb.ref('users.handle').as('author_handle')])
    .where('posts.id', '=', id);
}

export const communitiesRepository = {
  // ── programs ────────────────────────────────────────────────────────────────
  async insertProgram(db: Executor, row: Insertable<ProgramsTable>): Promise<void> {
    await db.insertInto('programs').values(row).execute();
  },
  findProgram(db: Executor, id: string) {
    return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async upsertProgramMember(db: Executor, row: { program_id: string; user_id: string; role: string; joined_at: string }): Promise<void> {
    await db
      .insertInto('program_members')
      .values(row)
      .onConflict((oc) => oc.columns(['program_id', 'user_id']).doUpdateSet({ role: row.role }))
      .execute();
  },
  async programIdsOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await programIdsOfUser(db, userId);
    return rows.map((r) => r.program_id);
  },
  async rolesOf(db: Executor, userId: string): Promise<string[]> {
    const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
    return rows.map((r) => r.role);
  },
  findUser(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'handle', 'region', 'created_at']).where('id', '=', id).executeTakeFirst();
  },
  /** Accounts by id, in chunks (bounded bind parameters on both engines). */
  async usersByIds(db: Executor, ids: string[]): Promise<{ id: string; handle: string; region: string | null }[]> {
    const out: { id: string; handle: string; region: string | null }[] = [];
    for (const chunk of chunks(ids)) out.push(...(await db.selectFrom('users').select(['id', 'handle', 'region']).where('id', 'in', chunk).execute()));
    return out;
  },
  async rolesOfMany(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const chunk of chunks(userIds)) {
      const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', chunk).orderBy('user_id').orderBy('role').execute();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
    }
    return out;
  },
  async programIdsOfMany(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const chunk of chunks(userIds)) {
      const rows = await db.selectFrom('program_members').select(['user_id', 'program_id']).where('user_id', 'in', chunk).execute();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.program_id]);
    }
    return out;
  },
  async usersByHandleKeys(db: Executor, keys: string[]): Promise<{ id: string; handle: string; handle_key: string }[]> {
    const out: { id: string; handle: string; handle_key: string }[] = [];
    for (const chunk of chunks(keys)) out.push(...(await db.selectFrom('users').select(['id', 'handle', 'handle_key']).where('handle_key', 'in', chunk).execute()));
    return out;
  },

  // ── spaces ──────────────────────────────────────────────────────────────────
  listSpaces(db: Executor) {
    return db.selectFrom('spaces').selectAll().orderBy('sort_order').orderBy('id').execute();
  },
  findSpace(db: Executor, id: string) {
    return db.selectFrom('spaces').selectAll().where('id', '=', id).executeTakeFirst();
  },
  spacesByIds(db: Executor, ids: string[]): Promise<SpaceRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('spaces').selectAll().where('id', 'in', ids).execute();
  },
  async insertSpace(db: Executor, row: SpaceRow): Promise<void> {
    await db.insertInto('spaces').values(row).execute();
  },
  async updateSpace(db: Executor, id: string, patch: Partial<SpaceRow>): Promise<void> {
    await db.updateTable('spaces').set(patch).where('id', '=', id).execute();
  },
  async maxSpaceOrder(db: Executor): Promise<number> {
    const row = await db.selectFrom('spaces').select(sql<number>`coalesce(max(sort_order), 0)`.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // ── threads ─────────────────────────────────────────────────────────────────
  async insertThread(db: Executor, row: Omit<ThreadRow, 'author_handle' | 'content_version'>): Promise<void> {
    await db.insertInto('threads').values(row).execute();
  },
  /**
   * One thread with its author's handle. The handle by a scalar subquery, not the join of the
   * lists: measured on SQLite, the join made this one-row read of every thread request 3× slower
   * (25 µs against 8 µs), the subquery reads the same row.
   */
  /** What deciding who may read these threads needs (space, author, state), in slices within bound-parameter limits. */
  async threadAccessRows(db: Executor, ids: string[]): Promise<Pick<ThreadRow, 'id' | 'space_id' | 'author_id' | 'state'>[]> {
    const out: Pick<ThreadRow, 'id' | 'space_id' | 'author_id' | 'state'>[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(...(await db.selectFrom('threads').select(['id', 'space_id', 'author_id', 'state']).where('id', 'in', ids.slice(i, i + 500)).execute()));
    }
    return out;
  },

  /** Of these threads, the ones in this space. */
  async threadIdsInSpace(db: Executor, spaceId: string, ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('threads').select('id').where('space_id', '=', spaceId).where('id', 'in', ids.slice(i, i + 500)).execute();
      out.push(...rows.map((r) => r.id));
    }
    return out;
  },

  /**
   * A reply's thread with what deciding on the reply needs, in one statement (ADR 027): its
   * space's visibility, program and anonymity rule, whether the member belongs to that program, is
   * suspended now, follows the thread, and the first-post setting. (Slow mode's last post and the
   * first-post count stay separate reads, made only when they apply: as subqueries here, SQLite
   * ran them for every reply whatever a CASE or WHERE around them said.) Undefined when the
   * thread is not there.
   */
  /**
   * PostgreSQL, before `replyContext`: a reply that makes its writer follow the thread moves their
   * reader version (migration 0034's trigger updates their `users` row), so that row is taken
   * first, before the thread's, in the community's one order (users → posts → threads; ADR 052,
   * amendment on replies). Locks it only when they do not follow the thread yet (a follower's
   * reply writes no follow and takes no `users` lock); true when it did: only then may the reply
   * insert the follow. SQLite runs one writer at a time: true, without a statement.
   */
  async lockReaderToFollow(db: Executor, dialect: Dialect, threadId: string, userId: string): Promise<boolean> {
    if (dialect !== 'postgres') return true;
    return (await lockReaderToFollowOf(db, threadId, userId)).length > 0;
  },
  /**
   * PostgreSQL, before a follow or an unfollow: either write moves the member's reader version
   * (migration 0034's trigger updates their `users` row), and a follow's insert first waits for the
   * thread's row (its foreign-key check), so the `users` row is taken first, whether or not they
   * follow yet, in the one order (users → posts → threads; ADR 052, amendment on follows). Else a
   * Follow click and the same member's reply (users, then thread, then the follow) deadlock: the
   * reply waits for the click's uncommitted follow row, the click for the reply's `users` row.
   * SQLite runs one writer at a time: no statement.
   */
  async lockReader(db: Executor, dialect: Dialect, userId: string): Promise<void> {
    if (dialect === 'postgres') await lockReaderOf(db, userId);
  },
  async replyContext(db: Executor, dialect: Dialect, threadId: string, userId: string, nowIso: string): Promise<ReplyContext | undefined> {
    return (await replyContextOf[dialect](db, threadId, userId, nowIso))[0] as ReplyContext | undefined;
  },
  async findThread(db: Executor, id: string): Promise<ThreadRow | undefined> {
    return (await threadById(db, id))[0];
  },
  /** The thread, with its reader's warning preferences and whether they follow it (a thread page). */
  async threadForReader(db: Executor, id: string, userId: string): Promise<{ thread: ThreadRow | undefined; prefs: Map<string, 'hide' | 'show' | 'ask'>; prefsText: string; following: boolean }> {
    const row = (await threadForReader(db, id, userId))[0];
    if (!row) return { thread: undefined, prefs: new Map(), prefsText: '', following: false };
    const { reader_prefs, reader_following, ...thread } = row;
    const prefs = new Map<string, 'hide' | 'show' | 'ask'>();
    for (const pair of reader_prefs ? reader_prefs.split(',') : []) {
      const at = pair.indexOf('=');
      prefs.set(pair.slice(0, at), pair.slice(at + 1) as 'hide' | 'show' | 'ask');
    }
    // `exists` is 0/1 on SQLite, a boolean on PostgreSQL.
    // `prefsText`: the choices as read, a key for what they decide (the same choices may come in another order: another key, never a wrong one).
    return { thread, prefs, prefsText: reader_prefs ?? '', following: !!reader_following };
  },
  /** A list's reader: their programs, warning preferences, held threads' ids and (most often all) follows. */
  /** What a list needs to know about its reader, with the reader's version it is true at (null: no such user). */
  async listReader(db: Executor, userId: string): Promise<{ version: number | null; reader: ListReader }> {
    const [version, programs, prefs, pending, follows] = await listReader(db, userId);
    return {
      version: version[0] ? Number(version[0].reader_version) : null,
      reader: {
        programs: programs.map((r) => r.program_id),
        prefs: new Map(prefs.map((r) => [r.warning, r.mode])),
        pendingIds: pending.map((r) => r.id),
        follows: follows.length <= FOLLOWS_READ_WHOLE ? new Set(follows.map((r) => r.thread_id)) : null,
      },
    };
  },
  /** The reader's version (migration 0034): moves whenever anything `listReader` reads of them changes. */
  async readerVersion(db: Executor, userId: string): Promise<number | null> {
    const row = (await readerVersionOf(db, userId))[0];
    return row ? Number(row.reader_version) : null;
  },
  /** Where these threads are and whether their lists show them, 500 ids a statement (an erasure's rooms). */
  async threadPlaces(db: Executor, ids: string[]): Promise<Pick<ThreadRow, 'id' | 'space_id' | 'state' | 'last_activity_at'>[]> {
    const out: Pick<ThreadRow, 'id' | 'space_id' | 'state' | 'last_activity_at'>[] = [];
    for (const chunk of chunks(ids)) out.push(...(await db.selectFrom('threads').select(['id', 'space_id', 'state', 'last_activity_at']).where('id', 'in', chunk).execute()));
    return out;
  },
  threadsByIds(db: Executor, ids: string[]): Promise<ThreadRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return threadsOfIds(db, [ids]);
  },
  /**
   * Moves a member's reader version, taking their `users` row first (on PostgreSQL, held until commit):
   * for a write that will put a thread of theirs back on hold, whose trigger would otherwise lock
   * that row after the thread's, the reverse of an erasure's order (migration 0034).
   */
  async bumpReaderVersion(db: Executor, userId: string): Promise<void> {
    await db.updateTable('users').set((eb) => ({ reader_version: eb('reader_version', '+', 1) })).where('id', '=', userId).execute();
  },
  async updateThread(db: Executor, id: string, patch: Partial<Omit<ThreadRow, 'author_handle' | 'content_version'>>): Promise<void> {
    await db.updateTable('threads').set(patch).where('id', '=', id).execute();
  },

  /** Recounts visible replies and reactions on visible posts (and the "top" score from them). */
  async refreshThreadStats(db: Executor, threadId: string): Promise<{ reply_count: number; reaction_count: number }> {
    const replies = await db
      .selectFrom('posts')
      .select(sql<number>`count(*)`.as('n'))
      .where('thread_id', '=', threadId)
      .where('is_opening', '=', 0)
      .where('state', '=', 'visible')
      .executeTakeFirstOrThrow();
    const reactions = await db
      .selectFrom('reactions')
      .innerJoin('posts', 'posts.id', 'reactions.post_id')
      .select(sql<number>`count(*)`.as('n'))
      .where('posts.thread_id', '=', threadId)
      .where('posts.state', '=', 'visible')
      .executeTakeFirstOrThrow();
    const reply_count = Number(replies.n);
    const reaction_count = Number(reactions.n);
    await db.updateTable('threads').set({ reply_count, reaction_count, score: reply_count + reaction_count }).where('id', '=', threadId).execute();
    return { reply_count, reaction_count };
  },

  /**
   * `refreshThreadStats` for many threads: one statement per 500 ids (an erasure recounts every thread it
   * touched, those where the person only reacted included: unbounded in number, ADR 059, amendment
   * 2026-11-28, "Bound"). Each row's counts are read by correlated subqueries from the same rows and
   * filters as the one-thread recount; an id with no thread (deleted meanwhile) matches no row.
   */
  async refreshThreadsStats(db: Executor, threadIds: string[]): Promise<void> {
    const replies = sql<number>`(select count(*) from posts p where p.thread_id = threads.id and p.is_opening = 0 and p.state = 'visible')`;
    const reactions = sql<number>`(select count(*) from reactions r inner join posts p on p.id = r.post_id where p.thread_id = threads.id and p.state = 'visible')`;
    for (const chunk of chunks(threadIds)) {
      await db
        .updateTable('threads')
        .set({ reply_count: replies, reaction_count: reactions, score: sql<number>`${replies} + ${reactions}` })
        .where('id', 'in', chunk)
        .execute();
    }
  },

  /**
   * A new visible reply: one more reply (and score point, the "top" rule being replies + reactions)
   * and the thread's last activity. Not a recount: a count read every post of a busy thread (or
   * its index, ~100k entries at 1M replies) per reply, and an increment stays exact when replies
   * commit concurrently. Moderation and erasure still recount from the rows (`refreshThreadStats`).
   * The caller read `thread` earlier in this transaction (`replyContext`) and inserted the reply
   * since; nothing else can write the row in between (on SQLite the one connection; on PostgreSQL
   * `replyContext` locked the row), so the row written is `thread` with the counts moved by one,
   * the activity at `at`, and its content version moved once by the reply (the posts' insert
   * trigger; migration 0021 keeps it to once on SQLite). Not read back (ADR 027); on PostgreSQL
   * the update is sent `later`, with the commit (ADR 028, amendment of 2026-11-27 morning; it used
   * `returning`, one round trip of its own).
   */
  async countNewReplyKnown<T extends Selectable<ThreadsTable>>(db: Executor, thread: T, at: string): Promise<T> {
    await countReply.later(db, thread.id, at);
    return {
      ...thread,
      reply_count: thread.reply_count + 1,
      score: thread.score + 1,
      last_activity_at: at,
      updated_at: at,
      content_version: thread.content_version + 1,
    };
  },

  /**
   * How many questions in these spaces have no reply yet, without the warnings the reader hides:
   * the visible ones and the reader's own held ones, as the "unanswered" list shows them (ADR 045),
   * up to `cap`: a count over a limited subquery stops after `cap` rows, where a plain count read
   * every unanswered question on each home visit. `threads_unanswered_count_idx` holds every column
   * the visible part filters on, so it reads no row; the reader's held ones are few, almost always none.
   */
  async unansweredCount(db: Executor, o: { spaceIds: string[]; viewerId: string; hiddenWarnings: string[]; cap: number }): Promise<number> {
    if (o.spaceIds.length === 0) return 0;
    const questions = (state: 'visible' | 'pending') =>
      withoutHiddenWarnings(
        db
          .selectFrom('threads')
          .select('threads.space_id')
          .where(unansweredQuestion)
          .where('threads.state', '=', state)
          .where('threads.space_id', 'in', o.spaceIds),
        o.hiddenWarnings,
      );
    const unanswered = questions('visible').unionAll(questions('pending').where('threads.author_id', '=', o.viewerId));
    const r = await db
      .selectFrom(unanswered.limit(o.cap).as('unanswered'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  /** One page of a thread list, keyset-ordered; never OFFSET. */
  listThreads(db: Executor, o: ThreadListOptions): Promise<ThreadRow[]> {
    if (o.spaceIds.length === 0) return Promise.resolve([]);
    let q = threadsWithAuthor(db).where('threads.space_id', 'in', o.spaceIds).limit(o.limit);
    if (o.list === 'mine') {
      q = q.where('threads.author_id', '=', o.viewerId);
    } else {
      q = q.where((eb) =>
        eb.or([eb('threads.state', '=', 'visible'), eb.and([eb('threads.state', '=', 'pending'), eb('threads.author_id', '=', o.viewerId)])]),
      );
      q = withoutHiddenWarnings(q, o.hiddenWarnings);
    }
    if (o.list === 'followed') {
      q = q.where('threads.id', 'in', (eb) => eb.selectFrom('thread_follows').select('thread_id').where('user_id', '=', o.viewerId));
    }
    if (o.list === 'unanswered') q = q.where(unansweredQuestion);
    if (o.list === 'top' && o.since) q = q.where('threads.created_at', '>=', o.since);

    const a = o.after;
    switch (o.list) {
      case 'top':
        if (a) q = q.where((eb) => eb.or([eb('threads.score', '<', Number(a.value)), eb.and([eb('threads.score', '=', Number(a.value)), eb('threads.id', '<', a.id)])]));
        return q.orderBy('threads.score', 'desc').orderBy('threads.id', 'desc').execute();
      case 'unanswered':
        // Oldest first: the supporters' worklist starts with whoever has waited longest.
        if (a) q = q.where('threads.id', '>', a.id);
        return q.orderBy('threads.id', 'asc').execute();
      case 'mine':
        if (a) q = q.where('threads.id', '<', a.id);
        return q.orderBy('threads.id', 'desc').execute();
      default:
        if (a) {
          q = q.where((eb) =>
            eb.or([
              eb('threads.last_activity_at', '<', String(a.value)),
              eb.and([eb('threads.last_activity_at', '=', String(a.value)), eb('threads.id', '<', a.id)]),
            ]),
          );
        }
        return q.orderBy('threads.last_activity_at', 'desc').orderBy('threads.id', 'desc').execute();
    }
  },

  /**
   * These threads (a member's held ones, by `listReader`: their ids by the author index; a member
   * has few, almost always none), if still held. Their ids come first because, on SQLite, a
   * statement's cost grows with the columns it may return even when no row matches (20 against 6 µs).
   */
  async pendingThreadsAmong(db: Executor, ids: string[], authorId: string): Promise<ThreadRow[]> {
    if (ids.length === 0) return [];
    // Still theirs too: a kept id whose thread changed hands (which moves only the new author's
    // version) must never show another member's held thread (review of ADR 048).
    return threadsWithAuthor(db).where('threads.id', 'in', ids).where('threads.state', '=', 'pending').where('threads.author_id', '=', authorId).execute();
  },

  // ── posts ───────────────────────────────────────────────────────────────────
  /**
   * A new post. On SQLite it is not searchable until `indexNewPosts` has run in its transaction
   * (migration 0032): the service asks for that before the commit (`Tx.beforeCommit`).
   */
  /** Sent `later` on PostgreSQL: every later statement of the transaction still sees it (ADR 028, amendment of 2026-11-27 morning). */
  insertPost(db: Executor, row: Omit<PostRow, 'author_handle'>): Promise<void> {
    return insertPostRow.later(db, row);
  },
  /**
   * SQLite: puts the posts stored in this transaction in the full-text indexes, all at once (one
   * FTS5 segment for them, not one per unit of work: ADR 031, amendment of 2026-11-27). A function
   * of its own (not a method), so that `Tx.beforeCommit` runs it once however many ask.
   */
  indexNewPosts: async (db: Executor): Promise<void> => {
    await db.executeQuery(KEY_NEW_POSTS);
  },
  findPost(db: Executor, id: string): Promise<PostRow | undefined> {
    return postById(db, id).executeTakeFirst();
  },
  /**
   * Reads the post and, on PostgreSQL, locks its row until the transaction ends, for a write that
   * decides the post's state from what it read (a hide, a restore, a decision on its hold, a delete,
   * an edit): two of them at once would each overwrite the other's (ADR 052, amendment). Take it
   * after any `bumpReaderVersion` of the same unit of work: locks go users → posts → threads.
   * SQLite runs one writer at a time already.
   */
  lockPost(db: Executor, dialect: Dialect, id: string): Promise<PostRow | undefined> {
    return forUpdateOnPostgres(postById(db, id), dialect, 'posts').executeTakeFirst();
  },
  /** What a new post's notifications need of it (its words only for the mentions in them). */
  async postsToAnnounce(db: Executor, ids: string[]) {
    const out: Pick<PostRow, 'id' | 'thread_id' | 'author_id' | 'anonymous' | 'is_opening' | 'state' | 'body_source' | 'author_handle'>[] = [];
    for (const chunk of chunks(ids)) out.push(...(await postsToAnnounceOf(db, [chunk])));
    return out;
  },
  /** The threads of posts to announce, with their author's handle and who may read their space (`visibility`, `program_id`). */
  async threadsToAnnounce(db: Executor, ids: string[]): Promise<(ThreadRow & { space_visibility: SpaceRow['visibility'] | null; space_program_id: string | null })[]> {
    const out: (ThreadRow & { space_visibility: SpaceRow['visibility'] | null; space_program_id: string | null })[] = [];
    for (const chunk of chunks(ids)) out.push(...(await threadsToAnnounceOf(db, [chunk])));
    return out;
  },
  postsByIds(db: Executor, ids: string[]): Promise<PostRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('posts')
      .leftJoin('users', 'users.id', 'posts.author_id')
      .selectAll('posts')
      .select((eb) => [eb.ref('users.handle').as('author_handle')])
      .where('posts.id', 'in', ids)
      .execute();
  },
  async updatePost(db: Executor, id: string, patch: Partial<Omit<PostRow, 'author_handle'>>): Promise<void> {
    await db.updateTable('posts').set(patch).where('id', '=', id).execute();
  },
  /** A thread's posts in order; pending and never-published posts only for their author (or everyone when `all`), as `offReadersPages`. */
  listPosts(db: Executor, threadId: string, o: { viewerId: string; all: boolean; afterId: string | null; limit: number }): Promise<PostRow[]> {
    let q = db
      .selectFrom('posts')
      .leftJoin('users', 'users.id', 'posts.author_id')
      .selectAll('posts')
      .select((eb) => [eb.ref('users.handle').as('author_handle')])
      .where('posts.thread_id', '=', threadId)
      .orderBy('posts.id')
      .limit(o.limit);
    if (!o.all) {
      q = q.where((eb) => eb.or([eb.and([eb('posts.state', '!=', 'pending'), eb('posts.published_at', 'is not', null)]), eb('posts.author_id', '=', o.viewerId)]));
    }
    if (o.afterId) q = q.where('posts.id', '>', o.afterId);
    return q.execute();
  },
  openingPost(db: Executor, threadId: string) {
    return db.selectFrom('posts').selectAll().where('thread_id', '=', threadId).where('is_opening', '=', 1).executeTakeFirst();
  },
  async lastPostAtBy(db: Executor, threadId: string, userId: string): Promise<string | null> {
    const row = await db
      .selectFrom('posts')
      .select('created_at')
      .where('thread_id', '=', threadId)
      .where('author_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.created_at ?? null;
  },
  async countPostsBy(db: Executor, userId: string): Promise<number> {
    const row = await db.selectFrom('posts').select(sql<number>`count(*)`.as('n')).where('author_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.n);
  },
  pendingPosts(db: Executor, limit: number): Promise<(PostRow & { thread_title: string })[]> {
    return db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .leftJoin('users', 'users.id', 'posts.author_id')
      .selectAll('posts')
      .select((eb) => [eb.ref('users.handle').as('author_handle'), eb.ref('threads.title').as('thread_title')])
      .where('posts.state', '=', 'pending')
      .orderBy('posts.id')
      .limit(limit)
      .execute();
  },

  // ── edits ───────────────────────────────────────────────────────────────────
  async insertEdit(db: Executor, row: Database['post_edits']): Promise<void> {
    await db.insertInto('post_edits').values(row).execute();
  },
  listEdits(db: Executor, postId: string) {
    return db
      .selectFrom('post_edits')
      .leftJoin('users', 'users.id', 'post_edits.editor_id')
      .selectAll('post_edits')
      .select((eb) => [eb.ref('users.handle').as('editor_handle')])
      .where('post_edits.post_id', '=', postId)
      .orderBy('post_edits.id')
      .execute();
  },

  // ── reactions ───────────────────────────────────────────────────────────────
  /** Adds a reaction once: a repeated or concurrent add is a no-op (primary key + upsert). Returns true when new. */
  async addReaction(db: Executor, row: { post_id: string; user_id: string; kind: 'relate' | 'strength' | 'helped'; created_at: string }): Promise<boolean> {
    const res = await db
      .insertInto('reactions')
      .values(row)
      .onConflict((oc) => oc.columns(['post_id', 'user_id', 'kind']).doNothing())
      .returning('post_id')
      .execute();
    return res.length > 0;
  },
  async removeReaction(db: Executor, postId: string, userId: string, kind: string): Promise<boolean> {
    const res = await db.deleteFrom('reactions').where('post_id', '=', postId).where('user_id', '=', userId).where('kind', '=', kind as never).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  async reactionCounts(db: Executor, postIds: string[]): Promise<Map<string, Record<'relate' | 'strength' | 'helped', number>>> {
    const out = new Map<string, Record<'relate' | 'strength' | 'helped', number>>();
    if (postIds.length === 0) return out;
    const rows = await db
      .selectFrom('reactions')
      .select(['post_id', 'kind', sql<number>`count(*)`.as('n')])
      .where('post_id', 'in', postIds)
      .groupBy(['post_id', 'kind'])
      .execute();
    for (const r of rows) {
      const c = out.get(r.post_id) ?? { relate: 0, strength: 0, helped: 0 };
      c[r.kind] = Number(r.n);
      out.set(r.post_id, c);
    }
    return out;
  },
  /**
   * Every reaction on these posts (who and which kind), at most `limit` of them, in key order: what
   * a shared thread page keeps so each reader's own reactions need no query (see ThreadPageCache).
   */
  reactionsOn(db: Executor, postIds: string[], limit: number): Promise<{ post_id: string; user_id: string; kind: 'relate' | 'strength' | 'helped' }[]> {
    if (postIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('reactions').select(['post_id', 'user_id', 'kind']).where('post_id', 'in', postIds).orderBy('post_id').orderBy('user_id').orderBy('kind').limit(limit).execute();
  },
  async reactionsBy(db: Executor, postIds: string[], userId: string): Promise<Map<string, ('relate' | 'strength' | 'helped')[]>> {
    const out = new Map<string, ('relate' | 'strength' | 'helped')[]>();
    if (postIds.length === 0) return out;
    const rows = await db.selectFrom('reactions').select(['post_id', 'kind']).where('post_id', 'in', postIds).where('user_id', '=', userId).execute();
    for (const r of rows) out.set(r.post_id, [...(out.get(r.post_id) ?? []), r.kind]);
    return out;
  },
  reactorsOf(db: Executor, postId: string) {
    return db
      .selectFrom('reactions')
      .leftJoin('users', 'users.id', 'reactions.user_id')
      .select(['reactions.kind', 'reactions.user_id', 'reactions.created_at', 'users.handle'])
      .where('reactions.post_id', '=', postId)
      .orderBy('reactions.created_at')
      .execute();
  },

  // ── follows ─────────────────────────────────────────────────────────────────
  /** Sent `later` on PostgreSQL, as `insertPost`. */
  async follow(db: Executor, threadId: string, userId: string, at: string): Promise<void> {
    await insertFollow.later(db, threadId, userId, at);
  },
  async unfollow(db: Executor, threadId: string, userId: string): Promise<void> {
    await db.deleteFrom('thread_follows').where('thread_id', '=', threadId).where('user_id', '=', userId).execute();
  },
  /**
   * Which of these threads the member follows. For a list (many threads) the member's follows are
   * read in one range of (user_id, thread_id) when they are not too many (migration 0017): one seek
   * instead of one per thread; a member following more threads gets the seeks.
   */
  async followedAmong(db: Executor, threadIds: string[], userId: string): Promise<Set<string>> {
    if (threadIds.length === 0) return new Set();
    if (threadIds.length === 1) return new Set((await followOfUser(db, threadIds[0]!, userId)).map((r) => r.thread_id));
    const follows = await followsOfUser(db, userId);
    if (follows.length <= FOLLOWS_READ_WHOLE) {
      const wanted = new Set(threadIds);
      return new Set(follows.map((r) => r.thread_id).filter((id) => wanted.has(id)));
    }
    const rows = await db.selectFrom('thread_follows').select('thread_id').where('thread_id', 'in', threadIds).where('user_id', '=', userId).execute();
    return new Set(rows.map((r) => r.thread_id));
  },
  async followersOf(db: Executor, threadId: string): Promise<string[]> {
    const rows = await db.selectFrom('thread_follows').select('user_id').where('thread_id', '=', threadId).execute();
    return rows.map((r) => r.user_id);
  },
  /**
   * The followers of each of these threads who hold no unread notice of new replies in it: the
   * only ones a new reply can notify as followers (ADR 012: one notice a thread until it is read).
   * The others are left out in the database (an anti-join on `notifications_followed_unread_idx`),
   * not read and then dropped: in a thread with tens of thousands of followers, nearly all of them
   * already hold one (ADR 027).
   */
  async followersWithoutNotice(db: Executor, threadIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const chunk of chunks(threadIds)) {
      const rows = await followersWithoutNoticeOf(db, [chunk]);
      for (const r of rows) {
        const list = out.get(r.thread_id);
        if (list) list.push(r.user_id);
        else out.set(r.thread_id, [r.user_id]);
      }
    }
    return out;
  },
  // ── content-warning preferences ─────────────────────────────────────────────
  async warningPrefs(db: Executor, userId: string): Promise<Map<string, 'hide' | 'show' | 'ask'>> {
    const rows = await warningPrefsOfUser(db, userId);
    return new Map(rows.map((r) => [r.warning, r.mode]));
  },
  async setWarningPref(db: Executor, userId: string, warning: string, mode: 'hide' | 'show' | 'ask'): Promise<void> {
    await db
      .insertInto('warning_prefs')
      .values({ user_id: userId, warning, mode })
      .onConflict((oc) => oc.columns(['user_id', 'warning']).doUpdateSet({ mode }))
      .execute();
  },

  // ── reports, suspensions, settings ──────────────────────────────────────────
  async insertReport(db: Executor, row: Database['post_reports']): Promise<void> {
    await db.insertInto('post_reports').values(row).execute();
  },
  async setReportNote(db: Executor, id: string, note: string | null): Promise<void> {
    await db.updateTable('post_reports').set({ note }).where('id', '=', id).execute();
  },
  findReport(db: Executor, id: string) {
    return db.selectFrom('post_reports').selectAll().where('id', '=', id).executeTakeFirst();
  },
  listReports(db: Executor, status: 'open' | 'resolved', limit: number) {
    return db
      .selectFrom('post_reports')
      .innerJoin('posts', 'posts.id', 'post_reports.post_id')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .selectAll('post_reports')
      .select(['threads.title as thread_title', 'posts.thread_id'])
      .where('post_reports.status', '=', status)
      .orderBy('post_reports.id', status === 'open' ? 'asc' : 'desc')
      .limit(limit)
      .execute();
  },
  /**
   * A member's own reports, newest first, with what the reader's access check needs of the post
   * and thread (no author name: the list never names one) and the start of the post's text.
   */
  reportsOfReporter(db: Executor, reporterId: string, o: { beforeId: string | null; limit: number; textChars: number }) {
    let q = db
      .selectFrom('post_reports')
      .innerJoin('posts', 'posts.id', 'post_reports.post_id')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .select([
        'post_reports.id',
        'post_reports.reason',
        'post_reports.note',
        'post_reports.status',
        'post_reports.outcome',
        'post_reports.resolved_at',
        'post_reports.created_at',
        'posts.id as post_id',
        'posts.state as post_state',
        'posts.author_id as post_author_id',
        'posts.warnings as post_warnings',
        sql<string>`substr(${sql.ref('posts.body_text')}, 1, ${sql.lit(o.textChars)})`.as('post_text'),
        'threads.id as thread_id',
        'threads.title as thread_title',
        'threads.space_id',
        'threads.state as thread_state',
        'threads.author_id as thread_author_id',
      ])
      .where('post_reports.reporter_id', '=', reporterId)
      .orderBy('post_reports.id', 'desc')
      .limit(o.limit);
    if (o.beforeId) q = q.where('post_reports.id', '<', o.beforeId);
    return q.execute();
  },
  /**
   * Resolves every open report of one post with one outcome, and returns their ids: an index search
   * on `post_reports(post_id, status)` (migration 0027), however many other reports are open.
   */
  async resolveOpenReportsOfPost(db: Executor, postId: string, outcome: string, by: string, at: string): Promise<string[]> {
    const rows = await db
      .updateTable('post_reports')
      .set({ status: 'resolved', outcome, resolved_by: by, resolved_at: at })
      .where('post_id', '=', postId)
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    return rows.map((r) => r.id).sort();
  },
  async insertSuspension(db: Executor, row: Database['community_suspensions']): Promise<void> {
    await db.insertInto('community_suspensions').values(row).execute();
  },
  async suspendedUntil(db: Executor, userId: string, nowIso: string): Promise<string | null> {
    const row = await db
      .selectFrom('community_suspensions')
      .select(sql<string>`max(until)`.as('until'))
      .where('user_id', '=', userId)
      .where('until', '>', nowIso)
      .executeTakeFirst();
    return row?.until ?? null;
  },
  async setting(db: Executor, key: string): Promise<string | null> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  },
  async saveSetting(db: Executor, key: string, value: string, at: string): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
      .execute();
  },

  // ── search ──────────────────────────────────────────────────────────────────
  /**
   * Full-text search, one function for both engines: SQLite FTS5 or PostgreSQL tsvector + GIN.
   * Only visible posts of visible threads in the given spaces, without the hidden warnings; each
   * thread once, by its first post in the chosen order (ADR 016):
   * - `newest` (search): threads whose title holds every term, newest first, then the other
   *   matching posts, newest first, with the title highlighted and a snippet of the post. Matches
   *   come back wrapped in MARK_START/MARK_END, never as HTML.
   * - `relevance` (related threads): bm25 / ts_rank, no highlighting.
   */
  async search(db: Executor, dialect: Dialect, o: SearchOptions): Promise<SearchResult> {
    if (o.spaceIds.length === 0 || o.terms.length === 0 || o.limit <= 0) return { rows: [], truncated: false };
    const spaceIn = sql.join(o.spaceIds.map((s) => sql`${s}`));
    // Visibility: of the post (p) and of its thread (t), the same for every post of the thread.
    const postFilters = [sql`p.state = 'visible'`, ...o.hiddenWarnings.map((w) => sql`p.warnings not like ${`%"${w}"%`}`)];
    const threadFilters = [
      sql`t.state = 'visible'`,
      sql`t.space_id in (${spaceIn})`,
      ...(o.kind ? [sql`t.kind = ${o.kind}`] : []),
      ...(o.excludeThreadId ? [sql`t.id <> ${o.excludeThreadId}`] : []),
      ...o.hiddenWarnings.map((w) => sql`t.warnings not like ${`%"${w}"%`}`),
    ];
    const [postWhere, threadWhere] = [sql.join(postFilters, sql` and `), sql.join(threadFilters, sql` and `)];
    const where = sql.join([...postFilters, ...threadFilters], sql` and `);
    // A search narrowed to a few spaces, or to a kind, names them in the full-text match too
    // (ADR 025): the index intersects them with the words. The SQL filters above still decide.
    // One space and a kind: the one word of the pair (migration 0028, ADR 029).
    const pair = o.spaceIds.length === 1 && o.kind;
    const scope = {
      spaces: pair ? [searchScopeToken('x', `${o.spaceIds[0]}${o.kind}`)] : o.spaceIds.length <= SEARCH_SCOPE_SPACES ? o.spaceIds.map((id) => searchScopeToken('s', id)) : [],
      kind: o.kind && !pair ? searchScopeToken('k', o.kind) : null,
    };
    if (dialect === 'sqlite') {
      const words = o.terms.map((t) => `"${t}"`).join(o.match === 'all' ? ' ' : ' OR ');
      if (o.order === 'relevance') return { rows: await sqliteRelevance(db, `{search_title body_text} : (${words})`, where, o.limit), truncated: false };
      const scoped = sqliteScope(scope);
      return sqliteNewest(db, {
        titles: `search_title : (${words})${scoped}`,
        posts: `{search_title body_text} : (${words})${scoped}`,
      }, sqliteFilter(o), o.limit);
    }
    // PostgreSQL walks its matches newest first too (ADR 032), but to the end if need be: never cut short.
    return { rows: await (o.order === 'newest' ? postgresNewest(db, o, scope, postWhere, threadWhere) : postgresRelevance(db, o, where)), truncated: false };
  },

  // ── personal data ───────────────────────────────────────────────────────────
  threadsBy(db: Executor, userId: string) {
    return db.selectFrom('threads').selectAll().where('author_id', '=', userId).orderBy('id').execute();
  },
  postsBy(db: Executor, userId: string) {
    return db.selectFrom('posts').selectAll().where('author_id', '=', userId).orderBy('id').execute();
  },
  /**
   * `postsBy`, their rows locked on PostgreSQL (in id order) until the transaction ends: an erasure
   * takes all of its person's posts before any thread (it clears a helped mark, deletes a thread, or
   * edits one after a post), in the one order users → posts → threads (ADR 052, amendment on follows).
   */
  lockPostsBy(db: Executor, dialect: Dialect, userId: string) {
    return forUpdateOnPostgres(db.selectFrom('posts').selectAll().where('author_id', '=', userId).orderBy('id'), dialect, 'posts').execute();
  },
  reactionsOf(db: Executor, userId: string) {
    return db.selectFrom('reactions').select(['post_id', 'kind', 'created_at']).where('user_id', '=', userId).execute();
  },
  /**
   * The threads where this person reacted to someone else's post that readers have on their pages (not
   * pending, published once: `offReadersPages`), each once: an erasure takes those reactions, and the
   * counts readers see there drop (ADR 059, amendment 2026-11-28, "reactions").
   */
  async threadsReactedIn(db: Executor, userId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('reactions')
      .innerJoin('posts', 'posts.id', 'reactions.post_id')
      .select('posts.thread_id')
      .distinct()
      .where('reactions.user_id', '=', userId)
      .where('posts.state', '!=', 'pending')
      .where('posts.published_at', 'is not', null)
      .where((eb) => eb.or([eb('posts.author_id', 'is', null), eb('posts.author_id', '!=', userId)]))
      .execute();
    return rows.map((r) => r.thread_id);
  },
  followsOf(db: Executor, userId: string) {
    return db.selectFrom('thread_follows').select(['thread_id', 'created_at']).where('user_id', '=', userId).execute();
  },
  reportsBy(db: Executor, userId: string) {
    return db.selectFrom('post_reports').select(['post_id', 'reason', 'note', 'status', 'outcome', 'created_at']).where('reporter_id', '=', userId).execute();
  },
  suspensionsOf(db: Executor, userId: string) {
    return db.selectFrom('community_suspensions').select(['until', 'reason', 'created_at']).where('user_id', '=', userId).execute();
  },
  async otherAuthorsIn(db: Executor, threadId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('posts')
      .select(sql<number>`count(*)`.as('n'))
      .where('thread_id', '=', threadId)
      .where((eb) => eb.or([eb('author_id', '!=', userId), eb('author_id', 'is', null)]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async deleteThread(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('threads').where('id', '=', id).execute();
  },
  async deletePost(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('posts').where('id', '=', id).execute();
  },
  async clearHelpedMark(db: Executor, postId: string): Promise<void> {
    await db.updateTable('threads').set({ helped_post_id: null }).where('helped_post_id', '=', postId).execute();
  },
  async deleteEditsOf(db: Executor, postIds: string[]): Promise<void> {
    if (postIds.length) await db.deleteFrom('post_edits').where('post_id', 'in', postIds).execute();
  },
  async erasePrivate(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('reactions').where('user_id', '=', userId).execute();
    await db.deleteFrom('thread_follows').where('user_id', '=', userId).execute();
    await db.deleteFrom('warning_prefs').where('user_id', '=', userId).execute();
    await db.deleteFrom('post_reports').where('reporter_id', '=', userId).execute();
    await db.deleteFrom('community_suspensions').where('user_id', '=', userId).execute();
    await db.deleteFrom('program_members').where('user_id', '=', userId).execute();
    await db.updateTable('post_edits').set({ editor_id: null }).where('editor_id', '=', userId).execute();
    await db.updateTable('post_reports').set({ resolved_by: null }).where('resolved_by', '=', userId).execute();
    await db.updateTable('community_suspensions').set({ created_by: null }).where('created_by', '=', userId).execute();
  },
};

// ── search, per engine (ADR 016) ────────────────────────────────────────────────
type Filter = ReturnType<typeof sql.join>;

/**
 * A search over at most this many spaces names them in its full-text match (ADR 025); over more
 * (a member's unfiltered search sees every space or all but a few) the SQL filter alone is cheaper
 * than intersecting the words with most of the index.
 */
export const SEARCH_SCOPE_SPACES = 1;

/**
 * The word that stands for a thread's space (`s`), kind (`k`) or both (`x`, the space's id then the
 * kind) in the full-text indexes: each post carries its thread's (`posts.search_scope`, migrations
 * 0024 and 0028, which build them in SQL the same way): letters and digits (the tokenizers split at
 * dashes and underscores) and a final digit, so no stemmer changes it.
 */
export function searchScopeToken(prefix: 's' | 'k' | 'x', value: string): string {
  return `${prefix}${value.toLowerCase().replace(/[-_]/g, '')}0`;
}

interface SearchScope {
  /** Space words (or the one word of a space and kind), any of which (empty: no space in the match). */
  spaces: string[];
  /** Kind word, or none. */
  kind: string | null;
}

/** SQLite: the scope as an FTS5 column filter to AND with the words (empty when there is none). */
function sqliteScope(scope: SearchScope): string {
  const q = (w: string) => `"${w.replace(/"/g, '""')}"`;
  // FTS5 has no implicit AND between a group and a phrase: each part is ANDed by name.
  const parts = [...(scope.spaces.length ? [`(${scope.spaces.map(q).join(' OR ')})`] : []), ...(scope.kind ? [q(scope.kind)] : [])];
  return parts.map((p) => ` AND search_scope : ${p}`).join('');
}

/** A visible matching post: its key in the full-text indexes (`search_key`), its thread, and its place in the newest-first order of the query's matches (1 = newest). */
interface SqliteHit {
  key: number;
  depth: number;
  thread_id: string;
  /** The post tier's hits: what the walk read of the pick with its marks, in the same statement (ADR 063). */
  marked?: SqliteMarked;
}

/** What a hit shows of its post, read for the hits only. */
interface SqlitePostFields {
  post_id: string;
  post_warnings: string;
  /** The first 400 characters of the post's text (24 words but for the rarest texts). */
  body_lead: string;
}

/**
 * SQLite: a search's visibility filters (the post's state and warnings; the thread's state,
 * space, kind, warnings and the thread left out) as bound values in a fixed order, and the counts
 * that fix their SQL text, so each statement of the walk is compiled once per shape
 * (`sqliteSearchStatement`). The lists are padded to a power of two (`paddedTo`) with values that
 * match nothing, so that their lengths give a few shapes, not one per count (ADR 039, amendment).
 */
interface SqliteFilter {
  /** The values, in the order `sqliteFilterWhere` binds them: hidden warnings' patterns, spaces, the kind if any, the thread left out if any. */
  values: string[];
  /** Hidden warnings' patterns, spaces, kind (0 or 1), thread left out (0 or 1): what the SQL text of the filters depends on. */
  shape: string;
}

/**
 * `values`, then `filler` up to the next power of two (none stays none): 1, 2, 4, 8… values.
 * A filler must match nothing where the list is used.
 */
function paddedToPowerOfTwo<T>(values: readonly T[], filler: T): T[] {
  if (values.length === 0) return [];
  return [...values, ...Array<T>(2 ** Math.ceil(Math.log2(values.length)) - values.length).fill(filler)];
}

/**
 * Fillers of the lists: a warnings text is a JSON array (`[]` at least), which the empty pattern
 * never matches, so `not like ''` holds for every row; no space has the empty id.
 */
const NO_WARNING_PATTERN = '';
const NO_SPACE_ID = '';

function sqliteFilter(o: SearchOptions): SqliteFilter {
  const hidden = paddedToPowerOfTwo(o.hiddenWarnings.map((w) => `%"${w}"%`), NO_WARNING_PATTERN);
  const spaces = paddedToPowerOfTwo(o.spaceIds, NO_SPACE_ID);
  const kind = o.kind ? [o.kind] : [];
  const excluded = o.excludeThreadId ? [o.excludeThreadId] : [];
  return { values: [...hidden, ...spaces, ...kind, ...excluded], shape: `${hidden.length},${spaces.length},${kind.length},${excluded.length}` };
}

/** The post's and the thread's conditions of `sqliteFilter`, from its values (or `precompiled`'s placeholders for them). */
function sqliteFilterWhere(shape: string, values: readonly unknown[]): { postWhere: Filter; threadWhere: Filter } {
  const [hiddenCount, spaceCount, kindCount, excludedCount] = shape.split(',').map(Number) as [number, number, number, number];
  const hidden = values.slice(0, hiddenCount);
  const spaces = values.slice(hiddenCount, hiddenCount + spaceCount);
  const kind = values.slice(hiddenCount + spaceCount, hiddenCount + spaceCount + kindCount);
  const excluded = values.slice(hiddenCount + spaceCount + kindCount, hiddenCount + spaceCount + kindCount + excludedCount);
  return {
    postWhere: sql.join([sql`p.state = 'visible'`, ...hidden.map((w) => sql`p.warnings not like ${w}`)], sql` and `),
    threadWhere: sql.join([
      sql`t.state = 'visible'`,
      sql`t.space_id in (${sql.join(spaces.map((id) => sql`${id}`))})`,
      ...kind.map((k) => sql`t.kind = ${k}`),
      ...excluded.map((id) => sql`t.id <> ${id}`),
      ...hidden.map((w) => sql`t.warnings not like ${w}`),
    ], sql` and `),
  };
}

/**
 * Search statements kept compiled: the most recently used shapes (table × statement × filter shape
 * × picks), the least recently used dropped past this many. Shapes are few by construction: the
 * filter's lists and the picks are padded to a few lengths (hidden warnings 0, 1, 2, 4 or 8; spaces
 * a power of two; picks 10, 20 or 50), so a member's searches (any warnings hidden, any limit,
 * narrowed to a space, a kind or both) make at most 5 × 2 × 2 filter shapes × 14 statements, and the
 * ones everybody runs stay kept whoever runs others (ADR 039, amendment).
 */
export const SQLITE_SEARCH_SHAPES = 128;
const sqliteSearchStatements = new Map<string, (db: Executor, ...args: unknown[]) => Promise<unknown[]>>();

/** The shapes of search statements kept compiled, least recently used first: for tests. */
export function sqliteSearchShapesKept(): string[] {
  return [...sqliteSearchStatements.keys()];
}

/**
 * A statement of the SQLite search, compiled once per `shape` (everything its SQL text depends on)
 * and run on the connection's cached statement (`precompiled`: outside a transaction, without
 * Kysely's executor). A search runs 3–7 of them; building and compiling one cost about what
 * SQLite takes to run it (ADR 039). `build` must use every argument only as a bound value. An
 * executor with Kysely plugins (tests) goes through Kysely, compiled each time.
 */
function sqliteSearchStatement<R>(shape: string, build: (db: Executor, ...args: unknown[]) => RawBuilder<R>) {
  return async (db: Executor, ...args: unknown[]): Promise<R[]> => {
    if (db.getExecutor().plugins.length > 0) return (await build(db, ...args).execute(db)).rows;
    let run = sqliteSearchStatements.get(shape);
    // The Map's order is recency: a hit moves its shape to the end, a miss past the bound drops the first.
    if (run) sqliteSearchStatements.delete(shape);
    else {
      // A raw statement compiles with its executor given (the SQL is the dialect's: SQLite here).
      // Not named for PostgreSQL: these texts are SQLite's only, and `preparedNames` keeps what it is given.
      run = precompiled((d: Executor, ...args: unknown[]): Compilable<R> => {
        const q = build(d, ...args);
        return { compile: () => q.compile(d) };
      }, { named: false }) as (db: Executor, ...args: unknown[]) => Promise<unknown[]>;
      if (sqliteSearchStatements.size >= SQLITE_SEARCH_SHAPES) sqliteSearchStatements.delete(sqliteSearchStatements.keys().next().value!);
    }
    sqliteSearchStatements.set(shape, run);
    return (await run(db, ...args)) as R[];
  };
}

/**
 * The lengths the marks statements' lists of keys are padded to (a tier picks at most a page: 50),
 * and the key they are padded with. Padding all to 20 cost ~3 % of a narrowed search's CPU
 * (`bench/search-tail.ts`): the title tier mostly picks a few.
 */
const MARKED_KEYS = [10, 20, 50] as const;
const NO_SEARCH_KEY = -1;

/** What a hit shows of its post, read with its marks, and whether post and thread are still visible. */
interface SqliteMarked extends SqlitePostFields {
  key: number;
  title_marked: string;
  snippet_marked: string | null;
  /** Null when no post has the key any more. */
  thread_id: string | null;
  visible: number | null;
}

/**
 * SQLite: thread titles (`posts_title_fts`, migration 0016), then all posts (`posts_fts`), each
 * walked newest first (FTS5 reads its doclists in rowid order and stops at the LIMIT: no ranking
 * function, which for a common word had to look at every match). Then highlighting for the
 * returned rows only, with their posts' fields.
 */
async function sqliteNewest(db: Executor, matches: { titles: string; posts: string }, filter: SqliteFilter, limit: number): Promise<SearchResult> {
  const seen = new Set<string>();
  const titleTier = await sqliteNewestVisible(db, 'posts_title_fts', matches.titles, filter, limit, seen);
  const titled = titleTier.hits;
  const postTier = titled.length < limit ? await sqliteNewestVisible(db, 'posts_fts', matches.posts, filter, limit - titled.length, seen) : { hits: [], truncated: false };
  const posts = postTier.hits;
  // Marks of the title tier (the post tier's picks carry theirs from their walk, ADR 063):
  // one more walk over the index, from its newest pick down to its oldest, computing
  // highlight() and snippet() for the picks only. FTS5 seeks to an upper rowid bound and stops at
  // the LIMIT; a lower bound on rowid in a descending walk, or a MATCH restricted to a list of
  // rowids, makes it read whole doclists. Posts written in between have newer keys, above the
  // walk; a pick deleted meanwhile is left out below. The walk's MATCH is also the re-check of the
  // match: a pick edited since to drop the words (or a title hit's title words) is not in it. A
  // post edited in between to say them pushes the window's end up, so picks the window missed are
  // looked up by key (only then: that read goes through whole doclists) before being left out.
  // The same statement reads the picks' posts (ADR 039; a statement of its own before): the walks
  // read only what decides visibility (ADR 022). Other requests run between these statements, so
  // it checks again what the walk checked: a post hidden since is left out, and so is one deleted,
  // whose key the next post written takes (keys are max + 1, migration 0013), maybe in another
  // thread or a space the reader cannot see.
  const marks = async (table: 'posts_title_fts' | 'posts_fts', hits: SqliteHit[]) => {
    if (hits.length === 0) return new Map<number, SqliteMarked>();
    const [first, last] = [hits[0]!, hits[hits.length - 1]!];
    const match = table === 'posts_fts' ? matches.posts : matches.titles;
    const marked = (hitsToMark: SqliteHit[], windowed: boolean) => {
      // Padded to a few lengths with a key no post has (keys count from 1): one shape each (a
      // caller's page longer than the API's 50 has its own).
      const length = MARKED_KEYS.find((n) => n >= hitsToMark.length) ?? hitsToMark.length;
      const keys = [...hitsToMark.map((h) => h.key), ...Array<number>(length - hitsToMark.length).fill(NO_SEARCH_KEY)];
      const run = sqliteSearchStatement(`marks ${table} ${filter.shape} ${keys.length} ${windowed}`, (_db, ...args) => {
        // Arguments: the match, the picks' keys, [the window's top key and length,] the filter's values.
        const picks = args.slice(1, 1 + keys.length);
        const window = windowed ? args.slice(1 + keys.length, 3 + keys.length) : [];
        const { postWhere, threadWhere } = sqliteFilterWhere(filter.shape, args.slice(1 + keys.length + window.length));
        const fts = sql.table(table);
        const snippet = table === 'posts_fts' ? sql`snippet(posts_fts, 1, char(1), char(2), '…', 24)` : sql`null`;
        const isPick = sql`rowid in (${sql.join(picks.map((k) => sql`${k}`))})`;
        const where = windowed ? sql`rowid <= ${window[0]} order by rowid desc limit ${window[1]}` : sql`${isPick}`;
        return sql<SqliteMarked>`
          select m.rowid as key, m.title_marked as title_marked, m.snippet_marked as snippet_marked,
            p.thread_id as thread_id, p.id as post_id, p.warnings as post_warnings, substr(p.body_text, 1, 400) as body_lead,
            (${postWhere} and exists (select 1 from threads t where t.id = p.thread_id and ${threadWhere})) as visible
          from (
            select rowid, title_marked, snippet_marked from (
              select rowid,
                case when ${isPick} then highlight(${fts}, 0, char(1), char(2)) end as title_marked,
                case when ${isPick} then ${snippet} end as snippet_marked
              from ${fts} where ${fts} match ${args[0]} and ${where}
            ) where title_marked is not null
          ) m
          left join posts p on p.search_key = m.rowid`;
      });
      return run(db, match, ...keys, ...(windowed ? [first.key, last.depth - first.depth + 1] : []), ...filter.values);
    };
    const byKey = new Map((await marked(hits, true)).map((m) => [Number(m.key), m]));
    const missed = hits.filter((h) => !byKey.has(h.key));
    if (missed.length > 0) for (const m of await marked(missed, false)) byKey.set(Number(m.key), m);
    return byKey;
  };
  // The post tier's picks come with their marks and fields from the walk's own statement (ADR 063).
  const titleMarks = await marks('posts_title_fts', titled);
  const postMarks = new Map(posts.map((h) => [h.key, h.marked]));
  const row = (h: SqliteHit, m: SqliteMarked | undefined): SearchRow[] => {
    // A hit hidden, deleted or edited not to match since its walk, or whose key another thread's
    // post now has, is left out, as the next search would leave it out.
    if (!m || !m.visible || m.thread_id !== h.thread_id) return [];
    return [{
      post_id: m.post_id,
      thread_id: h.thread_id,
      post_warnings: m.post_warnings,
      title_marked: m.title_marked,
      snippet_marked: m.snippet_marked ?? leadOf(m.body_lead),
    }];
  };
  return {
    rows: [...titled.flatMap((h) => row(h, titleMarks.get(h.key))), ...posts.flatMap((h) => row(h, postMarks.get(h.key)))],
    // Only the post tier can leave a match out: every title is in posts_fts too, so a thread the
    // title tier did not reach is still listed by the post tier (by its newest post).
    truncated: postTier.truncated,
  };
}

/**
 * How far one tier walks a query's matches, newest first. The work is bounded by the distinct
 * threads met, not by raw rows: a busy thread with thousands of matching replies counts once, so
 * it cannot hide older threads, and neither can posts the reader does not see (other spaces, hidden
 * warnings, held posts), which count per thread too. The bounds are checked where the walk has read
 * 40, 360, 2,920 and 23,400 rows (SEARCH_SCAN_STOPS): past SEARCH_SCAN_THREADS threads met there,
 * it reads no further; SEARCH_SCAN_ROWS caps the rows in any case (only reached by many busy
 * threads and narrow filters). A search cut short by either says so (`truncated`), so a person
 * knows to narrow it rather than believe nothing older exists.
 */
export const SEARCH_SCAN_THREADS = 2_920;
export const SEARCH_SCAN_STOPS = [40, 360, 2_920, 23_400] as const;
export const SEARCH_SCAN_ROWS = SEARCH_SCAN_STOPS[SEARCH_SCAN_STOPS.length - 1];

/**
 * The length of a walk's next batch: what the threads found so far say the rest of the page needs
 * (the rows per new thread read so far, times SEARCH_BATCH_MARGIN, plus SEARCH_BATCH_EXTRA rows: a
 * statement costs about what 10–20 rows do, and a page that never fills reads every match whatever
 * the batches, so a batch a little long costs less than one more), at least SEARCH_BATCH_MIN and
 * at most twice the last batch. ADR 022 doubled every time, so a page that filled early in a batch
 * of 80 or 160 still read all of it: in a search narrowed to one space and kind (the page filled
 * from the post tier, behind busy threads' many matches) about half of that batch, each row a
 * full-text match, a post and a thread read (ADR 039). Doubling stays the most, so a deep walk
 * still takes few statements; where the batches end changes nothing else: they are cut at the
 * same stops, where the same bounds are checked.
 */
export function nextBatch(last: number, read: number, found: number, need: number): number {
  return Math.max(SEARCH_BATCH_MIN, Math.min(2 * last, rowsStillNeeded(read, found, need)));
}

/**
 * The rows a walk should read next for the `need - found` threads a page still needs, at the rate
 * `read` rows gave `found` new ones, with SEARCH_BATCH_MARGIN and SEARCH_BATCH_EXTRA (Infinity when
 * none was found yet): both engines' walks size a batch after the first by it (ADR 039; ADR 028,
 * amendment of 2026-11-27, for PostgreSQL's).
 */
export function rowsStillNeeded(read: number, found: number, need: number): number {
  return found === 0 ? Infinity : Math.ceil(((need - found) * read * SEARCH_BATCH_MARGIN) / found) + SEARCH_BATCH_EXTRA;
}

/** The first batch of a walk, and the least of any other. */
export const SEARCH_BATCH_MIN = 40;
/** A next batch's rows beyond the estimate: half as many again, and 16 more (ADR 039). */
export const SEARCH_BATCH_MARGIN = 1.5;
export const SEARCH_BATCH_EXTRA = 16;

/**
 * The newest `need` visible matches of `table`, one per thread not in `seen` (which it extends).
 * Candidates come newest first in batches (`nextBatch`: SEARCH_BATCH_MIN, then what the page
 * still needs, at most double the last; cut at the stops above), each batch starting below the
 * last key read (FTS5 seeks there: nothing is read twice), with the visibility rules checked in
 * the same statement, on the post's walk index (migration 0020) and its thread; every thread a
 * candidate belongs to counts as met, once. The title tier's hits' own fields (id, warnings, the
 * start of the text) are read by the caller, for the hits only, with the same checks; the post
 * tier's picks come with them and their marks from the walk's statement (ADR 063). ADR 022: the batches used to grow eightfold from an offset, so a narrow filter read up to
 * eight times the rows it needed, each one a whole post row, and every batch walked the index
 * again from its start.
 */
async function sqliteNewestVisible(
  db: Executor, table: 'posts_title_fts' | 'posts_fts', match: string, filter: SqliteFilter, need: number, seen: Set<string>,
): Promise<{ hits: SqliteHit[]; truncated: boolean }> {
  // The post tier picks in its statement (`search_pick`, ADR 063) and reads a pick's marks and
  // fields there, while FTS5's cursor is on its row; the title tier is walked, then marked.
  const picking = table === 'posts_fts';
  // Arguments: [the walk's id,] the match, the key to start below, the batch's length, the filter's values.
  const walk = sqliteSearchStatement(`walk ${table} ${filter.shape}`, (_db, ...args) => {
    const [walkId, m, below, limit, ...values] = picking ? args : [null, ...args];
    const { postWhere, threadWhere } = sqliteFilterWhere(filter.shape, values);
    const fts = sql.table(table);
    const visible = sql`(${postWhere} and exists (select 1 from threads t where t.id = p.thread_id and ${threadWhere}))`;
    // The index's rowid is the post's `search_key` (migration 0013), never the post's own rowid.
    // The planner prefers the unique key index (then the whole row) unless told.
    if (!picking) {
      return sql<SqliteWalked>`
        select c.rowid as key, p.thread_id as thread_id, ${visible} as visible, null as marked
        from (select rowid from ${fts} where ${fts} match ${m} and rowid < ${below} order by rowid desc limit ${limit}) c
        left join posts p indexed by posts_search_walk_idx on p.search_key = c.rowid
        order by c.rowid desc`;
    }
    // FTS5 is the outer loop and gives its rows newest first (no sorter: the functions run on the
    // rows read, in order, and on no row past the LIMIT). A pick's post row is read from the
    // table only for the pick (the index covers the rest). The pick's marks as in the title tier's
    // marks statement; visibility is search_pick's argument (see there).
    return sql<SqliteWalked>`
      select f.rowid as key, p.thread_id as thread_id, null as visible,
        case when search_pick(${walkId}, p.thread_id, ${visible}) then json_array(
          highlight(${fts}, 0, char(1), char(2)), snippet(${fts}, 1, char(1), char(2), '…', 24),
          p.id, p.warnings, substr(p.body_text, 1, 400)) end as marked
      from ${fts} f left join posts p indexed by posts_search_walk_idx on p.search_key = f.rowid
      where ${fts} match ${m} and f.rowid < ${below}
      order by f.rowid desc limit ${limit}`;
  });
  const found: SqliteHit[] = [];
  const met = new Set<string>();
  let read = 0;
  let below = Number.MAX_SAFE_INTEGER;
  let batch = SEARCH_BATCH_MIN;
  let stop = 0;
  let truncated = false;
  await withSearchPicking({ seen, need, picked: 0 }, async (walkId) => {
    for (;;) {
      const limit = Math.min(batch, SEARCH_SCAN_STOPS[stop]! - read);
      const rows = await walk(db, ...(picking ? [walkId] : []), match, below, limit, ...filter.values);
      let full = false;
      for (const [i, r] of rows.entries()) {
        if (r.thread_id === null) continue;
        met.add(r.thread_id);
        if (picking) {
          // search_pick chose it (and added its thread to `seen`).
          if (r.marked === null) continue;
          found.push({ key: Number(r.key), depth: read + i + 1, thread_id: r.thread_id, marked: pickMarked(r) });
        } else {
          if (!r.visible || seen.has(r.thread_id)) continue;
          seen.add(r.thread_id);
          found.push({ key: Number(r.key), depth: read + i + 1, thread_id: r.thread_id });
        }
        if (found.length === need) {
          full = true;
          break;
        }
      }
      if (full || rows.length < limit) break;
      read += rows.length;
      below = Number(rows[rows.length - 1]!.key);
      batch = nextBatch(batch, read, found.length, need);
      if (read === SEARCH_SCAN_STOPS[stop]) {
        stop += 1;
        if (met.size >= SEARCH_SCAN_THREADS || stop === SEARCH_SCAN_STOPS.length) {
          truncated = true;
          break;
        }
      }
    }
  });
  return { hits: found, truncated };
}

/** A row of a walk: its key and post's thread (null: no post has the key now); the title tier's says whether it is visible, the post tier's carries a pick's marks. */
interface SqliteWalked {
  key: number;
  thread_id: string | null;
  visible: number | null;
  /** JSON: [title marked, snippet, post id, post warnings, the text's first 400 characters]. */
  marked: string | null;
}

/** A post tier's pick as `sqliteNewest` reads it: visible and of its thread, in the statement that picked it. */
function pickMarked(r: SqliteWalked): SqliteMarked {
  const [title_marked, snippet_marked, post_id, post_warnings, body_lead] = JSON.parse(r.marked!) as [string, string | null, string, string, string];
  return { key: Number(r.key), title_marked, snippet_marked, post_id, post_warnings, body_lead, thread_id: r.thread_id, visible: 1 };
}

/**
 * The start of a text for a hit found by its title: its first paragraph, at most 24 words (about
 * as FTS5's snippet() cuts), as written. Paragraphs are not run together, so a direction override
 * the writer left open reaches the end of their own paragraph and no further, as on the thread page.
 */
function leadOf(lead: string): string {
  const text = lead.trim().split('\n', 1)[0]!.trim();
  const word = /\S+/g;
  let end = 0;
  let words = 0;
  let next: RegExpExecArray | null;
  while ((next = word.exec(text)) !== null && words < 24) {
    end = next.index + next[0].length;
    words += 1;
  }
  // A 25th word, or the 400 characters read ended inside this paragraph.
  return next !== null || (lead.length >= 400 && !lead.includes('\n')) ? `${text.slice(0, end)}…` : text;
}

/**
 * SQLite, related threads: bm25 (titles weigh 4×) over the SEARCH_WINDOW most recent matches,
 * then the visibility filters on the best few first, and on the whole window only when too few
 * of them pass; each thread once.
 */
async function sqliteRelevance(db: Executor, match: string, where: Filter, limit: number): Promise<SearchRow[]> {
  const best = async (prefilter: number) => {
    const res = await sql<{ post_id: string; thread_id: string; post_warnings: string }>`
      select p.id as post_id, p.thread_id as thread_id, p.warnings as post_warnings
      from (
        select rowid, score from (select rowid, bm25(posts_fts, 4.0, 1.0) as score from posts_fts where posts_fts match ${match} order by rowid desc limit ${SEARCH_WINDOW})
        order by score limit ${prefilter}
      ) c
      join posts p on p.search_key = c.rowid
      join threads t on t.id = p.thread_id
      where ${where}
      order by c.score`.execute(db);
    return onePerThread(res.rows, limit);
  };
  let rows = await best(Math.max(100, limit * 20));
  if (rows.length < limit) rows = await best(SEARCH_WINDOW);
  return rows.map((r) => ({ ...r, title_marked: '', snippet_marked: '' }));
}

function onePerThread<T extends { thread_id: string }>(rows: T[], limit: number): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.thread_id) && (seen.add(r.thread_id), true)).slice(0, limit);
}

const HEADLINE_MARKS = sql`'StartSel=' || chr(1) || ', StopSel=' || chr(2)`;

/**
 * PostgreSQL: a query of a person's words made to match the text only: each lexeme labelled with
 * the text's weights (title A, body B, migration 0002), so it never matches the scope words
 * (weight D, migration 0024), which are letters and digits a person can type (`kquestion0`
 * would otherwise list every thread of that kind). The lexemes are the query's own, as the
 * engine normalized them, relabelled in its text form (`'sleep' & 'medic'` → `'sleep':AB &
 * 'medic':AB`). A weighted match is rechecked on each row the index returns; search already
 * evaluates the title query (`:A`) on each of them.
 */
function textWeighted(query: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`(regexp_replace((${query})::text, ${"'(?=[[:space:])]|$)"}, ${"':AB"}, 'g')::tsquery)`;
}

/**
 * Whether a person's words need `textWeighted` to stay off the scope words (ADR 051). Every scope
 * word ends in a digit (`searchScopeToken`), and a lexeme of words without any digit has none, so
 * such words can never be a scope word: unweighted, they match exactly what they match at `:AB`
 * (the title and body are the vector's only other lexemes). An unweighted query needs no recheck,
 * so the GIN index answers it without reading and decompressing each match's vector again.
 */
export function wordsNeedWeights(terms: readonly string[]): boolean {
  return terms.some((t) => /\p{N}/u.test(t));
}

/**
 * PostgreSQL's walk (ADR 032): the post tier reads matching posts newest first in batches of at
 * most this many rows per hit asked for (`order by p.id desc limit n`, each below the last key
 * read), then the rest at once. The planner serves a batch by walking the key backwards for a
 * common word (it stops after n matches) and through the GIN index for a rare word or a narrow
 * filter (which reads every match, so each further batch would read them again: hence few
 * batches, then the rest). The first batch is 2 rows per hit; the second is what the page still
 * needs at the rate the first gave new threads (`rowsStillNeeded`, as SQLite's walk sizes its
 * batches), at least the first's length and at most 16 rows per hit: 16 per hit made the planner
 * trade the key's walk for the GIN index, reading and rechecking every match (7–13 ms for
 * "lonely" and "boundaries manager" at 10k replies) when the first batch had already found most
 * of the page. When that guess comes back full with the page still short, a batch of 16 per hit
 * comes before the rest (ADR 028, amendment of 2026-11-27).
 */
export const PG_SEARCH_BATCHES = [2, 16] as const;

/**
 * A search of several words on PostgreSQL walks the newest posts by key for its bounded batches, at
 * most this many rows per match asked for (ADR 051): a walk of a post costs about a tenth of a match
 * read through the GIN index (which rereads the whole match), so a walk whose rows hold fewer than
 * one match in this many goes to the last step, the GIN read of the rest.
 */
export const PG_SEARCH_WALK_ROWS = 25;

/** One thread's matches in one batch of PostgreSQL's walk: its newest, whether the reader sees the thread, and the batch's size and last key. */
interface PgWalkGroup {
  thread_id: string;
  post_id: string;
  visible: boolean;
  rows_read: string;
  last_id: string;
}

/**
 * PostgreSQL: the same order as on SQLite. The title is weighted 'A' in the tsvector (migration
 * 0002), so "every term in the title" is the query with each term labelled :A; only an opening
 * post has a title, so only those are tested for it. The tiers are read newest first and stop when
 * the page is full (ADR 032): the title tier is one statement (an opening post is its thread's only
 * title hit); the post tier walks the matches in batches and keeps each thread's newest visible
 * match, skipping the title tier's threads. Nothing is cut short: the answer is the one a read of
 * every match would give (each thread's first post by title hit, then newest; threads by the same
 * order). The walks carry keys only; the texts and headlines are read for the hits, by key, with
 * the visibility and the match checked again there (a post hidden, or edited to drop the words or a
 * title hit's title words, between the statements is left out). A title
 * hit's snippet is the opening post's first words, as on SQLite (`leadOf`); ts_headline marks the
 * title, and the post of a hit found through its posts.
 */
async function postgresNewest(db: Executor, o: SearchOptions, scope: SearchScope, postWhere: Filter, threadWhere: Filter): Promise<SearchRow[]> {
  // The scope words (migration 0024: in the tsvector, config simple, weight D as every unweighted
  // lexeme) ANDed to the words, so the GIN index answers the filter with them. Asked at weight D
  // only, so a post whose text holds such a word (weight A or B) is not taken for the scope either.
  // Unweighted when the words hold no digit (wordsNeedWeights): the scope words then need no weight
  // either, since the SQL filters decide the scope and the words cannot be one of them.
  const weighted = wordsNeedWeights(o.terms);
  const word = (w: string) => (weighted ? sql`to_tsquery('simple', ${w}::text || ':D')` : sql`to_tsquery('simple', ${w}::text)`);
  const scoped = [
    ...(scope.spaces.length ? [sql`(${sql.join(scope.spaces.map(word), sql` || `)})`] : []),
    ...(scope.kind ? [word(scope.kind)] : []),
  ];
  const words = sql`plainto_tsquery('english', ${o.terms.join(' ')})`;
  const asked = weighted ? textWeighted(words) : words;
  // Words that are all stop words make an empty query, which matches nothing; ANDed with the
  // scope it would be the scope alone (every post there): it stays empty.
  const q = scoped.length ? sql`(case when numnode(${words}) = 0 then ${words} else ${sql.join([asked, ...scoped], sql` && `)} end)` : asked;
  const titleQ = sql`to_tsquery('english', ${o.terms.map((t) => `${t}:A`).join(' & ')})`;
  // The queries are written out where they are used (not read from a CTE), so the planner sees
  // them when it plans: the GIN index answers the match, words and scope in one condition.
  // A thread's rules are looked up for each candidate by its key (a subplan, not a semi-join the
  // planner could drive from the threads: the walk is the match's, newest first).
  // A search narrowed to one space (with or without a kind) has few matches, which the GIN index
  // gives all at once with the scope words: the one statement before ADR 032's walk reads them
  // fewer times than the walk's batches, then its last step, would.
  if (scope.spaces.length) return postgresNewestAtOnce(db, o, { q, titleQ, words }, postWhere, threadWhere);
  const visibleThread = (thread: RawBuilder<unknown>) => sql`coalesce((select true from threads t where t.id = ${thread} and ${threadWhere}), false)`;
  // The title tier (an opening post is its thread's only title hit), newest first.
  const titles = sql`
    select p.id as post_id, p.thread_id as thread_id
    from posts p
    where p.is_opening = 1 and p.search_vector @@ ${titleQ} and p.search_vector @@ ${q} and ${postWhere} and ${visibleThread(sql`p.thread_id`)}
    order by p.id desc
    limit ${o.limit}`;
  const seen = new Set<string>();
  const picks: { post_id: string; thread_id: string; in_title: boolean }[] = [];
  // The post tier: each batch's matches grouped by thread in SQL (its newest match there), and each
  // thread's rules checked once per batch. A thread met in an earlier batch has a newer match.
  let below: string | null = null;
  // The post tier's rows read so far, and the threads they gave the page.
  let read = 0;
  let found = 0;
  const [first, most] = PG_SEARCH_BATCHES;
  let lastBatch = 0;
  const several = o.terms.length > 1;
  let rest = false;
  for (const step of ['first', 'sized', 'most', 'rest'] as const) {
    if (picks.length === o.limit) break;
    if (rest && step !== 'rest') continue;
    const need = o.limit - picks.length;
    // The second: the `need` more threads at the rate the batches so far gave them, within the bounds
    // above. A guess that came back full with the page still short gets one bounded batch of the most
    // before the rest: the unbounded step groups every remaining match (a common word in busy
    // threads: 21–27 ms against 4–7 ms at 10k).
    const batch = step === 'rest' ? null
      : step === 'first' ? first * o.limit
      : step === 'sized' ? Math.max(first * o.limit, Math.min(most * o.limit, rowsStillNeeded(read, found, found + need)))
      : most * o.limit;
    if (step === 'most' && lastBatch === batch) continue;
    // Several words whose batches so far met so few threads that the sized batch would be cut to
    // the most (the words said again and again in one busy thread) go to the GIN read of the rest
    // (ADR 051, amendment): that rate says nothing of how dense the matches are below, and a walk
    // of 25 × 16 per hit read 8,000 posts (20,000 at 50 hits) before that read anyway.
    if (several && step === 'sized' && rowsStillNeeded(read, found, found + need) > most * o.limit) {
      rest = true;
      continue;
    }
    if (batch !== null) lastBatch = batch;
    // The first batch is read in the title tier's statement (ADR 051: one round trip fewer), and
    // only when the titles leave the page short: the condition on the titles' count is a constant
    // of the statement, checked once before the batch's scan runs.
    const gate = step === 'first' ? sql`(select count(*) from titled) < ${o.limit} and ` : sql``;
    // Several words: the batch walks the newest posts by key, at most PG_SEARCH_WALK_ROWS rows per
    // match asked for (ADR 051), and tests each one; the planner, estimating their matches as if
    // the words were independent, would read every match through the GIN index instead.
    const walked = several && batch !== null ? PG_SEARCH_WALK_ROWS * batch : null;
    const below_ = below === null ? sql`` : sql` and p.id < ${below}`;
    const from = walked === null ? sql`posts p where ${gate}p.search_vector @@ ${q} and ${postWhere}${below_}` : sql`(
            select p.id, p.thread_id, p.state, p.warnings, p.search_vector from posts p
            where ${gate}true${below_} order by p.id desc limit ${walked}
          ) p where p.search_vector @@ ${q} and ${postWhere}`;
    // The last step reads the rest at once, as the statement before ADR 032's walk did (a rare word
    // or a narrow filter has few matches, and the GIN index gives them all in one read anyway):
    // only the threads not met yet, visible, the newest `need`.
    const walk = sql`
      select g.thread_id, g.post_id, g.visible, sum(g.n) over () as rows_read, min(g.last_id) over () as last_id
      from (
        select c.thread_id, max(c.id) as post_id, count(*) as n, min(c.id) as last_id, ${visibleThread(sql`c.thread_id`)} as visible
        from (
          select p.id, p.thread_id from ${from}
          ${batch === null ? sql`` : sql`order by p.id desc limit ${batch}`}
        ) c
        ${batch === null && seen.size ? sql`where c.thread_id <> all(${[...seen]})` : sql``}
        group by c.thread_id
      ) g
      ${batch === null ? sql`where g.visible order by g.post_id desc limit ${need}` : sql``}`;
    let rows: PgWalkGroup[];
    if (step === 'first') {
      const both = (await sql<PgWalkGroup & { in_title: boolean }>`
        with titled as materialized (${titles})
        select true as in_title, thread_id, post_id, true as visible, null as rows_read, null as last_id from titled
        union all
        select false as in_title, w.* from (${walk}) w
        order by in_title desc, post_id desc`.execute(db)).rows;
      for (const r of both.filter((x) => x.in_title)) {
        seen.add(r.thread_id);
        picks.push({ post_id: r.post_id, thread_id: r.thread_id, in_title: true });
      }
      if (picks.length === o.limit) break;
      rows = both.filter((x) => !x.in_title);
    } else {
      rows = (await sql<PgWalkGroup>`${walk} ${batch === null ? sql`` : sql`order by g.post_id desc`}`.execute(db)).rows;
    }
    for (const r of rows) {
      if (seen.has(r.thread_id)) continue;
      seen.add(r.thread_id);
      if (r.visible) {
        picks.push({ post_id: r.post_id, thread_id: r.thread_id, in_title: false });
        found += 1;
      }
      if (picks.length === o.limit) break;
    }
    const head = rows[0];
    if (batch === null) break;
    if (walked !== null && (!head || Number(head.rows_read) < batch)) {
      // The walk's rows held fewer matches than asked for: the words are rare together, and the
      // rest is read through the GIN index below the last full batch's key. That read covers the
      // walk's rows again, whose threads were all met (none was cut off by the LIMIT), so are skipped.
      rest = true;
      continue;
    }
    if (!head || Number(head.rows_read) < batch) break;
    read += Number(head.rows_read);
    below = head.last_id;
  }
  if (picks.length === 0) return [];
  // Headlines mark the words only (the scope words are in no text, and a query no fragment
  // satisfies gets no marks). The match is checked again on the hits only, read by key: written as
  // a plain condition, several words (their matches underestimated) made the planner read every
  // match through the GIN index instead (ADR 051).
  const titleIds = sql.join([...picks.filter((h) => h.in_title).map((h) => sql`${h.post_id}`), sql`null`]);
  const texts = await sql<Omit<SearchRow, 'snippet_marked'> & { snippet_marked: string | null; body_lead: string | null }>`
    select p.id as post_id, p.thread_id as thread_id, p.warnings as post_warnings,
      ts_headline('english', p.search_title, ${words}, 'HighlightAll=true, ' || ${HEADLINE_MARKS}) as title_marked,
      case when p.id in (${titleIds}) then null else ts_headline('english', p.body_text, ${words}, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", ' || ${HEADLINE_MARKS}) end as snippet_marked,
      case when p.id in (${titleIds}) then substr(p.body_text, 1, 400) end as body_lead
    from posts p
    where p.id in (${sql.join(picks.map((h) => sql`${h.post_id}`))}) and coalesce(p.search_vector @@ ${q}, false)
      and (case when p.id in (${titleIds}) then p.search_vector @@ ${titleQ} else true end)
      and ${postWhere} and ${visibleThread(sql`p.thread_id`)}`.execute(db);
  const byId = new Map(texts.rows.map((r) => [r.post_id, r]));
  return picks.flatMap((h) => {
    const r = byId.get(h.post_id);
    return r && r.thread_id === h.thread_id ? [withSnippet(r, h.in_title)] : [];
  });
}

/** A hit's snippet: a title hit's opening words (as on SQLite), else the post's marked fragments. */
function withSnippet({ body_lead, snippet_marked, ...rest }: Omit<SearchRow, 'snippet_marked'> & { snippet_marked: string | null; body_lead: string | null }, inTitle: boolean): SearchRow {
  return { ...rest, snippet_marked: inTitle ? leadOf(body_lead ?? '') : (snippet_marked ?? '') };
}

/**
 * PostgreSQL, a search narrowed to one space: one statement, as before ADR 032's walk. Every match
 * (the GIN index answers words and scope together) gets its thread's pick, by title hit then
 * newest, carrying keys and flags only; the texts are read for the page's hits in the same statement.
 */
async function postgresNewestAtOnce(db: Executor, o: SearchOptions, queries: { q: RawBuilder<unknown>; titleQ: RawBuilder<unknown>; words: RawBuilder<unknown> }, postWhere: Filter, threadWhere: Filter): Promise<SearchRow[]> {
  const { q, titleQ, words } = queries;
  const inTitle = sql`(p.is_opening = 1 and p.search_vector @@ ${titleQ})`;
  const res = await sql<Omit<SearchRow, 'snippet_marked'> & { in_title: boolean; snippet_marked: string | null; body_lead: string | null }>`
    select h.post_id, h.thread_id, h.post_warnings, h.in_title,
      ts_headline('english', p.search_title, ${words}, 'HighlightAll=true, ' || ${HEADLINE_MARKS}) as title_marked,
      case when h.in_title then null else ts_headline('english', p.body_text, ${words}, 'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", ' || ${HEADLINE_MARKS}) end as snippet_marked,
      case when h.in_title then substr(p.body_text, 1, 400) end as body_lead
    from (
      select h.post_id, h.thread_id, h.post_warnings, h.in_title
      from (
        select p.id as post_id, p.thread_id as thread_id, p.warnings as post_warnings,
          ${inTitle} as in_title,
          row_number() over (partition by p.thread_id order by ${inTitle} desc, p.id desc) as nth
        from posts p
        where p.search_vector @@ ${q} and ${postWhere}
      ) h
      join threads t on t.id = h.thread_id
      where h.nth = 1 and ${threadWhere}
      order by h.in_title desc, h.post_id desc
      limit ${o.limit}
    ) h
    join posts p on p.id = h.post_id
    order by h.in_title desc, h.post_id desc`.execute(db);
  return res.rows.map(({ in_title, ...r }) => withSnippet(r, in_title));
}

/** PostgreSQL, related threads: ts_rank over the matches, each thread once by its best post. */
async function postgresRelevance(db: Executor, o: SearchOptions, where: Filter): Promise<SearchRow[]> {
  const res = await sql<{ post_id: string; thread_id: string; post_warnings: string }>`
    select post_id, thread_id, post_warnings from (
      select p.id as post_id, p.thread_id as thread_id, p.warnings as post_warnings, ts_rank(p.search_vector, q) as rank,
        row_number() over (partition by p.thread_id order by ts_rank(p.search_vector, q) desc, p.id desc) as nth
      from posts p
      join threads t on t.id = p.thread_id
      cross join (select ${textWeighted(sql`to_tsquery('english', ${o.terms.join(' | ')})`)} as q) w
      where p.search_vector @@ q and ${where}
    ) h
    where nth = 1
    order by rank desc, post_id desc
    limit ${o.limit}`.execute(db);
  return res.rows.map((r) => ({ ...r, title_marked: '', snippet_marked: '' }));
}
