import type { z } from 'zod';
import type {
  CommunitySettingsBody,
  ContentWarning,
  EditPostBody,
  MyReportsQuery,
  NewPostBody,
  NewThreadBody,
  ProgramMemberBody,
  ReactionKind,
  ReportBody,
  ResolveReportBody,
  SpaceBody,
  SpacePatchBody,
  ThreadListQuery,
  WarningMode,
} from '../../../contracts/communities.js';
import { CONTENT_WARNINGS } from '../../../contracts/communities.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import type { Screening } from '../../../safety/types.js';
import { hasRole, type Actor, type RoomAsk } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Bus, BusEvent } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Dialect, Executor } from '../../platform/db.js';
import { badRequest, conflict, HttpError, notFound, forbidden, tooManyRequests } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { Created, IdempotentCreates } from '../../platform/idempotency.js';
import type { OutboxConsumer, Tx, UnitOfWork } from '../../platform/outbox.js';
import { nothingWrittenMeanwhile, type PersonalDataContributor } from '../../platform/privacy.js';
import type { AlertWordsSource, HeldContentHandler, SafetyService, TextScreener } from '../safety/safety.service.js';
import type { NotificationsService, NotifyInput } from '../notifications/notifications.service.js';
import { communitiesPolicy, isModerator, type CommunityAction } from './communities.policy.js';
import { ArrayBytes, parseWarnings, postTemplate, presentMyReport, presentPost, presentThread, REPORT_OUTCOME_TEXT, REPORT_TEXT_READ, ROOM_VIEWER, spaceListBytes, threadDetailJson, threadTemplate, writePosts, writeThread, writeThreads, type PostTemplate, type ThreadDetailAnswer, type ThreadDetailParts, type Viewer } from './communities.presenter.js';
import { communitiesRepository as repo, type Keyset, type ListReader, type PostRow, type SpaceRow, type ThreadListOptions, type ThreadRow } from './communities.repository.js';
import { cursorAfter, decodeCursor } from './cursor.js';
import { mentionedHandles, renderMarkdown } from './markdown.js';
import { SpaceCache, SpacesRead } from './space-cache.js';
import { ThreadListCache, type SharedList } from './thread-list-cache.js';
import { ReaderCache } from './reader-cache.js';
import { KeptAnswers, ThreadPageCache, type SharedPostPage } from './thread-page-cache.js';
import { offReadersPages, withHold } from './post-state.js';

/** A suspended member's 403: the web client shows the end date from `until`. */
export function suspendedError(until: string): HttpError {
  return new HttpError(403, 'suspended', `You cannot post in the community until ${until}.`, { until });
}

export interface CommunitiesDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  /** `supersedeHeld`: an edit whose words the screen passes ends the hold on older words (ADR 052). */
  screener: TextScreener & Pick<SafetyService, 'supersedeHeld' | 'withdrawHeld' | 'heldNow'>;
  /** Creates a retry must not repeat: threads, replies, reports (ADR 042). */
  creates: IdempotentCreates;
  notifications: NotificationsService;
  /** Bound on the thread list cache, in approximate bytes (`KINDRED_THREAD_LIST_CACHE_MB`). */
  threadListCacheBytes?: number;
  /** Thread rooms an erasure tells at most (ERASURE_THREAD_ROOMS_MAX; tests set fewer). */
  erasureThreadRoomsMax?: number;
}

/** Screening categories → the content warning a reader would want in front of such text. */
const WARNING_FOR_CATEGORY: Partial<Record<Screening['categories'][number], ContentWarning>> = {
  suicide: 'suicide',
  self_harm: 'self_harm',
  eating_disorder: 'eating',
  abuse_or_unsafe_home: 'abuse',
  substances: 'substance_use',
  harm_to_others: 'violence',
};

/** Server-side events (never sent to a browser) that the notification consumer turns into notifications. */
const INTERNAL = {
  postPublished: 'community.post_published',
  reactionAdded: 'community.reaction_added',
  reportsResolved: 'community.reports_resolved',
  authorNotified: 'community.author_notified',
  /** Threads changed in a way only lists show (helped mark, slow mode, an erased author): lists are read afresh. */
  threadsChanged: 'community.threads_changed',
} as const;

/** A space was created or changed: every instance forgets the spaces it keeps (ADR 019). Internal: never reaches a browser. */
export const SPACES_CHANGED = 'community.spaces_changed';

/**
 * A thread fewer people may read now: its opening post was hidden, held or removed (the thread
 * takes its state), or the thread was deleted. Internal: every instance authorizes the live rooms
 * of these threads again (app.ts), so sockets of readers who lost it leave them.
 *
 * NARROWED_AFTER_EVENT: emitted after the change's event to the thread's room (`post_updated`,
 * `thread_changed`), never before. Rows publish in emit order and every gateway sends an event to its
 * room's sockets as it arrives, but a recheck this event starts ends a member's room once its reads
 * answer: emitted first, a later batch or Redis message could carry the update after the member left
 * the room, and the web client does not refetch on `denied`, so their page kept the taken-down words
 * (ADR 059, amendment 2026-11-28, "the order of the narrowing").
 */
export const THREADS_NARROWED = 'community.threads_narrowed';
/** Thread states only the author and moderators read (see communitiesPolicy `thread.read`). */
const NARROW_STATES: ReadonlySet<string> = new Set(['pending', 'hidden', 'removed']);
/** The note on a post's edit made in the safety review queue (its history names the supervisor, as a moderator's edit). */
/** What a community report's note is screened (and, if held, reviewed) as. */
export const REPORT_NOTE = 'community_report_note';
/**
 * Staff text about someone else, screened by `screenStaffText` (ADR 064): the object type of each one's
 * screening. A moderator's note (hide, edit, warn, a report's resolution) is recorded against the post.
 */
export const STAFF_TEXT = {
  moderatorNote: 'moderator_note',
  suspensionReason: 'suspension_reason',
  revealReason: 'reveal_author_reason',
  spaceName: 'space_name',
  spaceDescription: 'space_description',
  spaceHouseRules: 'space_house_rules',
  programName: 'program_name',
} as const;
export const HELD_QUEUE_EDIT_NOTE = 'Edited in the safety review queue.';

/** A shared thread page keeps who reacted up to this many reactions (ADR 019); beyond, each reader's own are read per request. */
const PAGE_REACTIONS_KEPT = 2_000;
const NO_REACTIONS: ReadonlyMap<string, ReactionKind[]> = new Map();

/** Counts per post and reactions per reactor, from a page's reaction rows (in key order: kinds sorted as the database sorts them). */
function byReactor(reactions: { post_id: string; user_id: string; kind: ReactionKind }[]): Pick<SharedPostPage, 'counts' | 'reactionsByUser' | 'reactionCount'> {
  const counts = new Map<string, Record<ReactionKind, number>>();
  const reactionsByUser = new Map<string, Map<string, ReactionKind[]>>();
  for (const r of reactions) {
    let c = counts.get(r.post_id);
    if (!c) counts.set(r.post_id, (c = { relate: 0, strength: 0, helped: 0 }));
    c[r.kind] += 1;
    let mine = reactionsByUser.get(r.user_id);
    if (!mine) reactionsByUser.set(r.user_id, (mine = new Map()));
    const kinds = mine.get(r.post_id);
    if (kinds) kinds.push(r.kind);
    else mine.set(r.post_id, [r.kind]);
  }
  return { counts, reactionsByUser, reactionCount: reactions.length };
}

/** Every community event means lists may have changed (thread created, activity, state, counts…). */
const isCommunityEvent = (type: string) => type.startsWith('community.');
/** A thread's counts and activity time as room events carry them (`community.post_created`, `community.post_updated`, `community.thread_activity`). */
const countsOf = (t: Pick<ThreadRow, 'reply_count' | 'reaction_count' | 'last_activity_at'>) => ({ replyCount: t.reply_count, reactionCount: t.reaction_count, lastActivityAt: t.last_activity_at });

/**
 * A post waits for a supervisor because the safety screen held it (not a new member's first post):
 * also while a moderator hides it, since the hide does not decide the hold (ADR 052).
 */
const heldBySafety = (post: Pick<PostRow, 'state' | 'pending_reason'>) => (post.state === 'pending' || post.state === 'hidden') && post.pending_reason === 'safety';

/**
 * The warnings a reader chose to hide, sorted (a shared list's cache key holds them): the one place
 * their choices become what lists, search, related threads and the home's count leave out.
 */
function hiddenWarningsOf(prefs: ReadonlyMap<string, 'hide' | 'show' | 'ask'>): string[] {
  return [...prefs].filter(([, m]) => m === 'hide').map(([w]) => w).sort();
}

const PERIOD_MS = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;

const STOPWORDS = new Set(
  'about above after again against also been before being below between both could does doing down during each from further have having here hers herself himself into itself just like more most myself once only other ourselves over same should some such than that their theirs them themselves then there these they this those through under until very want what when where which while will with would your yours yourself yourselves really feel felt still because anyone someone something things thing know think going make made much many even ever every time times today been week weeks year years back just want need'.split(
    ' ',
  ),
);

export interface WriteResult {
  thread: ThreadRow;
  post: PostRow;
  safety: SafetyNotice;
  /** The post was just created: it has no reactions yet (nothing to count). */
  fresh?: boolean;
}

/**
 * The online community: spaces, threads and replies (Markdown, screened before they are stored),
 * reactions, content warnings, anonymous posting, lists, search, related threads, moderation.
 */
export class CommunitiesService {
  /** Thread pages as every reader's page is cut from them, valid while the thread's content version holds (ADR 015). */
  private readonly pages = new ThreadPageCache();
  /** The shared part of thread lists, emptied by any community change (ADR 015), bounded by approximate bytes. */
  private readonly lists: ThreadListCache;
  /** Every space, emptied by any change to spaces (ADR 019). */
  private readonly spaces = new SpaceCache();
  /** What lists need to know about each reader, valid while their `reader_version` holds (ADR 048). */
  private readonly readers = new ReaderCache();

  constructor(private readonly deps: CommunitiesDeps) {
    this.lists = new ThreadListCache(5_000, deps.threadListCacheBytes);
    deps.uow.onCommit((types) => {
      if (types.has(SPACES_CHANGED)) this.spaces.clear();
      for (const type of types) if (isCommunityEvent(type)) return this.lists.clear();
    });
  }

  /**
   * Other instances' community changes empty this one's list and space caches when their events
   * arrive. An event of this instance's own commit whose commit listeners have already run here is
   * skipped: the commit listener above emptied the same caches for the same types then, and a read
   * that began before it kept nothing (the caches' marks), so emptying them again would only throw
   * away lists read since. One heard before that listener ran, or whose commit's answer was lost
   * (no listener ran), empties them as on any instance (ADR 062). Returns the unsubscribe function.
   */
  followListChanges(bus: Bus): () => void {
    this.deps.uow.skipOwnEvents(isCommunityEvent);
    return bus.subscribe((event) => {
      if (this.deps.uow.commitHooksRan(event)) return;
      if (event.type === SPACES_CHANGED) this.spaces.clear();
      if (isCommunityEvent(event.type)) this.lists.clear();
    });
  }

  /** Every space in order: from the cache for reads, from the transaction inside one (a write sees its own state). */
  private async allSpaces(db: Executor): Promise<SpacesRead> {
    if (db !== this.deps.db) return new SpacesRead(await repo.listSpaces(db));
    const nowMs = this.deps.clock.now().getTime();
    const cached = this.spaces.get(nowMs);
    if (cached) return cached;
    const mark = this.spaces.mark();
    return this.spaces.put(await repo.listSpaces(db), nowMs, mark);
  }

  private async spaceById(db: Executor, id: string): Promise<SpaceRow | undefined> {
    if (db !== this.deps.db) return repo.findSpace(db, id);
    return (await this.allSpaces(db)).byId.get(id);
  }

  // ── who sees what ───────────────────────────────────────────────────────────
  async viewer(db: Executor, actor: Actor): Promise<Viewer> {
    return { userId: actor.userId, moderator: isModerator(actor), prefs: await repo.warningPrefs(db, actor.userId) };
  }

  private async can(db: Executor, actor: Actor, action: CommunityAction, space: SpaceRow | undefined, extra: { authorId?: string | null; state?: string } = {}) {
    const programs = space?.visibility === 'program' ? await repo.programIdsOf(db, actor.userId) : [];
    return communitiesPolicy.can(actor, action, {
      ...(space ? { space: { visibility: space.visibility, programId: space.program_id } } : {}),
      actorPrograms: programs,
      ...extra,
    });
  }

  /** The spaces this member may see (program-only spaces need membership). */
  async visibleSpaces(db: Executor, actor: Actor, knownPrograms?: string[]): Promise<SpaceRow[]> {
    return this.visibleOf(db, actor, (await this.allSpaces(db)).spaces, knownPrograms);
  }

  private async visibleOf(db: Executor, actor: Actor, spaces: readonly SpaceRow[], knownPrograms?: string[]): Promise<SpaceRow[]> {
    // The reader's programs decide only program-only spaces: none, nothing to read (ADR 030).
    const programs = knownPrograms ?? (spaces.some((s) => s.visibility === 'program') ? await repo.programIdsOf(db, actor.userId) : []);
    return spaces.filter((s) => communitiesPolicy.can(actor, 'space.read', { space: { visibility: s.visibility, programId: s.program_id }, actorPrograms: programs }));
  }

  /**
   * Which of these users (not the actor of a request: notification recipients) see the thread?
   * One query for the accounts, one for their roles, one for program memberships (program-only
   * spaces only), then the same policy in memory. Measured: per-recipient look-ups made the
   * fan-out of a reply in a busy thread (hundreds of followers) 3 queries per follower
   * (`npm run bench`, reply scenario); batched it is 2–3 queries per reply.
   */
  private async usersWhoMaySee(db: Executor, userIds: string[], thread: ThreadRow, space: Pick<SpaceRow, 'visibility' | 'program_id'>): Promise<Set<string>> {
    // Roles and programs only ever widen what one may read: when a member with neither may read
    // the thread (a visible thread in an open space, the usual case), every recipient may, and
    // there is nothing to look up (they come from rows whose keys reference existing accounts).
    const anyone: Actor = { userId: '', handle: '', roles: [], sessionId: '', region: null };
    if (communitiesPolicy.can(anyone, 'thread.read', { space: { visibility: space.visibility, programId: space.program_id }, actorPrograms: [], authorId: thread.author_id, state: thread.state })) {
      return new Set(userIds);
    }
    const [users, roles, programs] = await Promise.all([
      repo.usersByIds(db, userIds),
      repo.rolesOfMany(db, userIds),
      space.visibility === 'program' ? repo.programIdsOfMany(db, userIds) : Promise.resolve(new Map<string, string[]>()),
    ]);
    const out = new Set<string>();
    for (const user of users) {
      const actor: Actor = { userId: user.id, handle: user.handle, roles: (roles.get(user.id) ?? []) as Actor['roles'], sessionId: '', region: user.region };
      const ok = communitiesPolicy.can(actor, 'thread.read', {
        space: { visibility: space.visibility, programId: space.program_id },
        actorPrograms: programs.get(user.id) ?? [],
        authorId: thread.author_id,
        state: thread.state,
      });
      if (ok) out.add(user.id);
    }
    return out;
  }

  /** The thread and its space when the actor may read it; 404 otherwise (existence is not revealed). */
  private async readableThread(db: Executor, actor: Actor, threadId: string, read?: { thread: ThreadRow | undefined }): Promise<{ thread: ThreadRow; space: SpaceRow }> {
    const thread = read ? read.thread : await repo.findThread(db, threadId);
    const space = thread ? await this.spaceById(db, thread.space_id) : undefined;
    if (!thread || !space || !(await this.can(db, actor, 'thread.read', space, { authorId: thread.author_id, state: thread.state }))) {
      throw notFound('That thread was not found.');
    }
    return { thread, space };
  }

  private async readablePost(db: Executor, actor: Actor, postId: string): Promise<{ post: PostRow; thread: ThreadRow; space: SpaceRow }> {
    const post = await repo.findPost(db, postId);
    if (!post) throw notFound('That post was not found.');
    const { thread, space } = await this.readableThread(db, actor, post.thread_id).catch(() => {
      throw notFound('That post was not found.');
    });
    if (offReadersPages(post) && post.author_id !== actor.userId && !isModerator(actor)) throw notFound('That post was not found.');
    return { post, thread, space };
  }

  async mayJoinThreadRoom(actor: Actor, threadId: string): Promise<boolean> {
    try {
      await this.readableThread(this.deps.db, actor, threadId);
      return true;
    } catch {
      return false;
    }
  }

  async mayJoinSpaceRoom(actor: Actor, spaceId: string): Promise<boolean> {
    const space = await this.spaceById(this.deps.db, spaceId);
    return !!space && (await this.can(this.deps.db, actor, 'space.read', space));
  }

  /**
   * mayJoinSpaceRoom for many sockets at once (the periodic recheck): the spaces asked read afresh
   * (the recheck looks for changes whose event was lost, which the space cache could still hide),
   * and the programs of those asking about program-only ones: two statements.
   */
  async mayStayInSpaceRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const spaces = new Map((await repo.spacesByIds(this.deps.db, [...new Set(asked.map((a) => a.id))])).map((s) => [s.id, s]));
    return this.mayReadIn(asked.map((a) => ({ actor: a.actor, space: spaces.get(a.id) })), 'space.read');
  }

  /** mayJoinThreadRoom for many sockets at once (the periodic recheck): the threads, their spaces (afresh, as above), programs: three statements. */
  async mayStayInThreadRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const db = this.deps.db;
    const threads = new Map((await repo.threadAccessRows(db, [...new Set(asked.map((a) => a.id))])).map((t) => [t.id, t]));
    const spaces = new Map((await repo.spacesByIds(db, [...new Set([...threads.values()].map((t) => t.space_id))])).map((s) => [s.id, s]));
    return this.mayReadIn(
      asked.map((a) => {
        const thread = threads.get(a.id);
        return { actor: a.actor, space: thread && spaces.get(thread.space_id), thread };
      }),
      'thread.read',
    );
  }

  /** The policy's answer for each (a missing space or thread: no), with one read of the programs of those asking about program-only spaces. */
  private async mayReadIn(asked: { actor: Actor; space: SpaceRow | undefined; thread?: Pick<ThreadRow, 'author_id' | 'state'> | undefined }[], action: 'space.read' | 'thread.read'): Promise<boolean[]> {
    const needPrograms = [...new Set(asked.filter((a) => a.space?.visibility === 'program').map((a) => a.actor.userId))];
    const programs = needPrograms.length > 0 ? await repo.programIdsOfMany(this.deps.db, needPrograms) : new Map<string, string[]>();
    return asked.map(({ actor, space, thread }) => {
      if (!space || (action === 'thread.read' && !thread)) return false;
      return communitiesPolicy.can(actor, action, {
        space: { visibility: space.visibility, programId: space.program_id },
        actorPrograms: programs.get(actor.userId) ?? [],
        ...(thread ? { authorId: thread.author_id, state: thread.state } : {}),
      });
    });
  }

  /** Of these threads, the ones this member may read now (a notice about a thread no longer readable says nothing of it). */
  async readableThreadIds(actor: Actor, threadIds: string[]): Promise<Set<string>> {
    const db = this.deps.db;
    const [threads, { byId }, programs] = await Promise.all([repo.threadAccessRows(db, [...new Set(threadIds)]), this.allSpaces(db), repo.programIdsOf(db, actor.userId)]);
    const readable = new Set<string>();
    for (const t of threads) {
      const space = byId.get(t.space_id);
      if (!space) continue;
      const ok = communitiesPolicy.can(actor, 'thread.read', { space: { visibility: space.visibility, programId: space.program_id }, actorPrograms: programs, authorId: t.author_id, state: t.state });
      if (ok) readable.add(t.id);
    }
    return readable;
  }

  /**
   * The live rooms to authorize again after a space changed (its visibility or program may have):
   * the space's own room and the rooms, among those open on this instance, of its threads. Forgets
   * the spaces this instance keeps first (ADR 019), so that the check reads the space as it is now
   * whichever listener of the event runs first, on the writer too: its commit may not have emptied
   * them yet, or ever (ADR 062). Spaces change rarely; this check's being right matters more.
   */
  async roomsOfChangedSpace(event: { type: string; data: unknown }, openRooms: string[]): Promise<string[]> {
    if (event.type !== SPACES_CHANGED) return [];
    this.spaces.clear();
    const spaceId = (event.data as { spaceId?: string } | null)?.spaceId;
    if (!spaceId) return [];
    const threadIds = openRooms.filter((r) => r.startsWith('thread:')).map((r) => r.slice('thread:'.length));
    const inSpace = threadIds.length > 0 ? await repo.threadIdsInSpace(this.deps.db, spaceId, threadIds) : [];
    return [`space:${spaceId}`, ...inSpace.map((id) => `thread:${id}`)];
  }

  /** The live rooms to authorize again after threads narrowed (THREADS_NARROWED): those of them open on this instance. */
  roomsOfNarrowedThreads(event: { type: string; data: unknown }, openRooms: string[]): string[] {
    if (event.type !== THREADS_NARROWED) return [];
    const named = new Set(((event.data as { threadIds?: string[] } | null)?.threadIds ?? []).map((id) => `thread:${id}`));
    return openRooms.filter((room) => named.has(room));
  }

  // ── spaces, programs, settings ──────────────────────────────────────────────
  listSpaces(actor: Actor) {
    return this.visibleSpaces(this.deps.db, actor);
  }

  /** GET /api/spaces: the spaces this member may see, and the list's response bytes, kept with the spaces read (ADR 053). */
  async spaceList(actor: Actor): Promise<{ spaces: SpaceRow[]; bytes: Buffer }> {
    const read = await this.allSpaces(this.deps.db);
    const spaces = await this.visibleOf(this.deps.db, actor, read.spaces);
    return { spaces, bytes: read.listBytes(spaces, spaceListBytes) };
  }

  async getSpace(actor: Actor, id: string): Promise<SpaceRow> {
    const space = await this.spaceById(this.deps.db, id);
    if (!space || !(await this.can(this.deps.db, actor, 'space.read', space))) throw notFound('That space was not found.');
    return space;
  }

  async createSpace(actor: Actor, input: z.infer<typeof SpaceBody>): Promise<SpaceRow> {
    if (!communitiesPolicy.can(actor, 'space.manage')) throw forbidden('Only an admin can create spaces.');
    return this.deps.uow.run(async (tx) => {
      await this.checkProgramVisibility(tx, input.visibility, input.programId);
      if ((await repo.listSpaces(tx.trx)).some((s) => s.slug === input.slug)) {
        throw conflict('A space with that slug exists.', { fields: [{ path: 'slug', message: 'is taken' }] });
      }
      const iso = tx.now.toISOString();
      const id = newId(tx.now.getTime());
      await this.screenSpaceTexts(tx, actor, id, input);
      const row: SpaceRow = {
        id,
        slug: input.slug,
        name: input.name,
        description: input.description,
        house_rules: input.houseRules,
        visibility: input.visibility,
        program_id: input.visibility === 'program' ? input.programId : null,
        allow_anonymous: input.allowAnonymous ? 1 : 0,
        sort_order: (await repo.maxSpaceOrder(tx.trx)) + 1,
        created_at: iso,
        updated_at: iso,
      };
      await repo.insertSpace(tx.trx, row);
      await tx.emitInternal(SPACES_CHANGED, { spaceId: row.id });
      return row;
    });
  }

  async updateSpace(actor: Actor, id: string, input: z.infer<typeof SpacePatchBody>): Promise<SpaceRow> {
    if (!communitiesPolicy.can(actor, 'space.manage')) throw forbidden('Only an admin can edit spaces.');
    return this.deps.uow.run(async (tx) => {
      const space = await repo.findSpace(tx.trx, id);
      if (!space) throw notFound('That space was not found.');
      const visibility = input.visibility ?? space.visibility;
      const programId = input.programId !== undefined ? input.programId : space.program_id;
      await this.checkProgramVisibility(tx, visibility, programId);
      await this.screenSpaceTexts(tx, actor, id, {
        ...(input.name !== undefined && input.name !== space.name ? { name: input.name } : {}),
        ...(input.description !== undefined && input.description !== space.description ? { description: input.description } : {}),
        ...(input.houseRules !== undefined && input.houseRules !== space.house_rules ? { houseRules: input.houseRules } : {}),
      });
      const patch: Partial<SpaceRow> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.houseRules !== undefined ? { house_rules: input.houseRules } : {}),
        ...(input.allowAnonymous !== undefined ? { allow_anonymous: input.allowAnonymous ? 1 : 0 } : {}),
        visibility,
        program_id: visibility === 'program' ? programId : null,
        updated_at: tx.now.toISOString(),
      };
      await repo.updateSpace(tx.trx, id, patch);
      await tx.emitInternal(SPACES_CHANGED, { spaceId: id });
      return { ...space, ...patch };
    });
  }

  /**
   * A space's name, description and house rules are an admin's words shown to every member: screened
   * field by field (ADR 064), held words refused naming the field, no alert and no crisis notice (a
   * space named "Suicide loss support" is a topic, not its writer's crisis). Unchanged fields are not
   * screened again.
   */
  private async screenSpaceTexts(tx: Tx, actor: Actor, spaceId: string, texts: { name?: string; description?: string; houseRules?: string }): Promise<void> {
    const fields = [
      { field: 'name', label: 'The space’s name', objectType: STAFF_TEXT.spaceName, text: texts.name },
      { field: 'description', label: 'The space’s description', objectType: STAFF_TEXT.spaceDescription, text: texts.description },
      { field: 'houseRules', label: 'The house rules', objectType: STAFF_TEXT.spaceHouseRules, text: texts.houseRules },
    ] as const;
    for (const f of fields) {
      if (f.text === undefined) continue;
      await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: f.objectType, objectId: spaceId, text: f.text, region: actor.region, field: f.field, label: f.label, notice: false });
    }
  }

  /**
   * A moderator's edit of a post's words (direct or from a report): screened as the post's words, held
   * as its author's (ADR 052, 055), but with no alert: the words are mostly the author's, already
   * screened (and alerted on) when written, and an alert here would name the moderator as at risk (ADR 064).
   */
  private moderatorEditScreened(tx: Tx, actor: Actor, post: PostRow, text: string) {
    return this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType: 'post', objectId: post.id, text, surface: post.is_opening ? 'post' : 'reply', region: actor.region, heldFor: post.author_id, alerts: false });
  }

  /** A moderator's note or reason (ADR 064): screened before it is stored or sent; the writer's notice when it reads as their own crisis. */
  private moderatorText(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, field: 'note' | 'reason'): Promise<SafetyNotice | null> {
    const label = field === 'note' ? 'The note' : 'The reason';
    return this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType, objectId, text, region: actor.region, field, label, notice: true });
  }

  private async checkProgramVisibility(tx: Tx, visibility: 'members' | 'program', programId: string | null): Promise<void> {
    if (visibility !== 'program') return;
    if (!programId) throw badRequest('programId: is required for a program-only space', { fields: [{ path: 'programId', message: 'is required for a program-only space' }] });
    if (!(await repo.findProgram(tx.trx, programId))) throw badRequest('programId: no such program', { fields: [{ path: 'programId', message: 'no such program' }] });
  }

  async createProgram(actor: Actor, name: string) {
    if (!communitiesPolicy.can(actor, 'program.manage')) throw forbidden('Only an admin can create programs.');
    return this.deps.uow.run(async (tx) => {
      const row = { id: newId(tx.now.getTime()), name, created_at: tx.now.toISOString() };
      // Shown to its members and on its spaces: screened as a space's name is (ADR 064).
      await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: STAFF_TEXT.programName, objectId: row.id, text: name, region: actor.region, field: 'name', label: 'The program’s name', notice: false });
      await repo.insertProgram(tx.trx, row);
      return row;
    });
  }

  async addProgramMember(actor: Actor, programId: string, input: z.infer<typeof ProgramMemberBody>) {
    if (!communitiesPolicy.can(actor, 'program.manage')) throw forbidden('Only an admin can add program members.');
    return this.deps.uow.run(async (tx) => {
      if (!(await repo.findProgram(tx.trx, programId))) throw notFound('That program was not found.');
      if (!(await repo.findUser(tx.trx, input.userId))) throw notFound('That account was not found.');
      const row = { program_id: programId, user_id: input.userId, role: input.role, joined_at: tx.now.toISOString() };
      await repo.upsertProgramMember(tx.trx, row);
      return row;
    });
  }

  async settings(actor: Actor) {
    if (!communitiesPolicy.can(actor, 'settings.manage')) throw forbidden('Only an admin can see community settings.');
    return { holdFirstPosts: Number((await repo.setting(this.deps.db, 'hold_first_posts')) ?? 0) };
  }

  async saveSettings(actor: Actor, input: z.infer<typeof CommunitySettingsBody>) {
    if (!communitiesPolicy.can(actor, 'settings.manage')) throw forbidden('Only an admin can change community settings.');
    await this.deps.uow.run((tx) => repo.saveSetting(tx.trx, 'hold_first_posts', String(input.holdFirstPosts), tx.now.toISOString()));
    return { holdFirstPosts: input.holdFirstPosts };
  }

  // ── content-warning preferences ─────────────────────────────────────────────
  async warningPrefs(actor: Actor): Promise<Record<ContentWarning, WarningMode>> {
    const stored = await repo.warningPrefs(this.deps.db, actor.userId);
    return Object.fromEntries(CONTENT_WARNINGS.map((w) => [w, stored.get(w) ?? 'ask'])) as Record<ContentWarning, WarningMode>;
  }

  async setWarningPrefs(actor: Actor, prefs: Partial<Record<ContentWarning, WarningMode>>) {
    await this.deps.uow.run(async (tx) => {
      for (const [w, mode] of Object.entries(prefs)) if (mode) await repo.setWarningPref(tx.trx, actor.userId, w, mode);
    });
    return this.warningPrefs(actor);
  }

  // ── writing ─────────────────────────────────────────────────────────────────
  /** Suspended members cannot post: 403 with the end date. */
  private async assertMayPost(tx: Tx, actor: Actor): Promise<void> {
    const until = await this.suspendedUntil(tx, actor.userId);
    if (until) throw suspendedError(until);
  }

  /** The end of this person's suspension if one runs now: other shared writing (the library) asks it too. */
  async suspendedUntil(tx: Tx, userId: string): Promise<string | null> {
    return repo.suspendedUntil(tx.trx, userId, tx.now.toISOString());
  }

  /** New accounts' first posts wait for a moderator when the admin turned `hold_first_posts` on. */
  private async holdsFirstPost(tx: Tx, actor: Actor): Promise<boolean> {
    const n = Number((await repo.setting(tx.trx, 'hold_first_posts')) ?? 0);
    if (!n || actor.roles.some((r) => r !== 'member')) return false;
    return (await repo.countPostsBy(tx.trx, actor.userId)) < n;
  }

  /** The same rule, on the setting `replyContext` read. */
  private async holdsFirstPostOf(tx: Tx, actor: Actor, setting: string | null): Promise<boolean> {
    const n = Number(setting ?? 0);
    if (!n || actor.roles.some((r) => r !== 'member')) return false;
    return (await repo.countPostsBy(tx.trx, actor.userId)) < n;
  }

  private warningsFor(chosen: readonly ContentWarning[], screening: Screening): string {
    const set = new Set<ContentWarning>(chosen);
    // A warning names what the words are about, so it comes from the rules that fired at level ≥ 2;
    // the learned despair signal may show the writer crisis lines, but it cannot say what a reader
    // would be warned about (and it misfires on ordinary words more often than the rules).
    for (const r of screening.reasons) {
      if (r.level < 2 || r.code.startsWith('model.') || !r.category) continue;
      const w = WARNING_FOR_CATEGORY[r.category];
      if (w) set.add(w);
    }
    return JSON.stringify(CONTENT_WARNINGS.filter((w) => set.has(w)));
  }

  /**
   * The write path every new post takes before it is stored: the safety screen, then whether it
   * waits for review (held by the screen, or a new member's first post), its warnings, its HTML.
   */
  private async screenNewPost(
    tx: Tx,
    actor: Actor,
    postId: string,
    input: { text: string; surface: 'post' | 'reply'; body: string; warnings: readonly ContentWarning[] },
    firstPostHold: () => Promise<boolean> = () => this.holdsFirstPost(tx, actor),
  ) {
    const verdict = await this.deps.screener.screenAndRecord(tx, {
      userId: actor.userId,
      objectType: 'post',
      objectId: postId,
      text: input.text,
      surface: input.surface,
      region: actor.region,
    });
    // Checked even when the screen holds the post: the first-post hold is a fact of its own, which a
    // decision on the safety hold must not lift (ADR 052, amendment "the first-post hold").
    const firstHold = await firstPostHold();
    const pendingReason: 'safety' | 'first_post' | null = verdict.notice.held ? 'safety' : firstHold ? 'first_post' : null;
    return {
      verdict,
      pendingReason,
      firstPostHold: firstHold ? 1 : 0,
      state: pendingReason ? ('pending' as const) : ('visible' as const),
      warnings: this.warningsFor(input.warnings, verdict.screening),
      rendered: renderMarkdown(input.body),
    };
  }

  /**
   * Stores a new post. On SQLite it enters the search indexes just before its transaction commits,
   * with the other posts of the group (ADR 031, amendment of 2026-11-27): search finds it once the
   * request that wrote it has its answer, as before.
   */
  private async storePost(tx: Tx, row: Omit<PostRow, 'author_handle'>): Promise<void> {
    await repo.insertPost(tx.trx, row);
    if (this.deps.dialect === 'sqlite') tx.beforeCommit(repo.indexNewPosts);
  }

  /** A new thread with its opening post; a retry with the thread's `clientId` stores nothing (ADR 042). */
  async createThread(actor: Actor, spaceId: string, input: z.infer<typeof NewThreadBody>): Promise<Created<WriteResult>> {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'community.thread', target: spaceId, body: request },
      (tx) => this.writeThread(tx, actor, spaceId, request),
      (written) => written.thread.id,
      async (threadId) => {
        const [thread, post] = await Promise.all([repo.findThread(this.deps.db, threadId), repo.openingPost(this.deps.db, threadId)]);
        if (!thread || !post || post.state === 'deleted') return undefined;
        const safety = await this.deps.screener.noticeAgain({ text: `${request.title}\n\n${request.body}`, surface: 'post', region: actor.region }, heldBySafety(post));
        return { thread, post: { ...post, author_handle: actor.handle }, safety };
      },
    );
  }

  private async writeThread(tx: Tx, actor: Actor, spaceId: string, input: Omit<z.infer<typeof NewThreadBody>, 'clientId'>): Promise<WriteResult> {
    const space = await repo.findSpace(tx.trx, spaceId);
    if (!space || !(await this.can(tx.trx, actor, 'space.read', space))) throw notFound('That space was not found.');
    if (input.anonymous && space.allow_anonymous !== 1) {
      throw badRequest('anonymous: this space does not allow anonymous posts', { fields: [{ path: 'anonymous', message: 'is not allowed in this space' }] });
    }
    await this.assertMayPost(tx, actor);
    const iso = tx.now.toISOString();
    const threadId = newId(tx.now.getTime());
    const postId = newId(tx.now.getTime());
    // Screened before anything is stored, title and body together.
    const { verdict, state, pendingReason, firstPostHold, warnings, rendered } = await this.screenNewPost(tx, actor, postId, {
      text: `${input.title}\n\n${input.body}`,
      surface: 'post',
      body: input.body,
      warnings: input.warnings,
    });
    await repo.insertThread(tx.trx, {
      id: threadId,
      space_id: space.id,
      author_id: actor.userId,
      anonymous: input.anonymous ? 1 : 0,
      kind: input.kind,
      title: input.title,
      state,
      warnings,
      reply_count: 0,
      reaction_count: 0,
      score: 0,
      helped_post_id: null,
      slow_mode_seconds: 0,
      last_activity_at: iso,
      created_at: iso,
      updated_at: iso,
    });
    await this.storePost(tx, {
      id: postId,
      thread_id: threadId,
      space_id: space.id,
      author_id: actor.userId,
      anonymous: input.anonymous ? 1 : 0,
      is_opening: 1,
      body_source: input.body,
      body_html: rendered.html,
      body_text: rendered.text,
      search_title: input.title,
      warnings,
      state,
      pending_reason: pendingReason,
      first_post_hold: firstPostHold,
      // Set by publish(), just below when it shows now: it announces the thread once.
      published_at: null,
      edited_at: null,
      created_at: iso,
      updated_at: iso,
    });
    await repo.follow(tx.trx, threadId, actor.userId, iso);
    if (state === 'visible') await this.publish(tx, postId);
    return { thread: (await repo.findThread(tx.trx, threadId))!, post: (await repo.findPost(tx.trx, postId))!, safety: verdict.notice };
  }

  /**
   * A reply. What decides on it (the thread, its space, program membership, suspension, slow mode,
   * the first-post hold) is read in one statement, and its writes are built once (ADR 027); the
   * checks run in the same order, with the same answers, as the separate reads did.
   */
  async reply(actor: Actor, threadId: string, input: z.infer<typeof NewPostBody>): Promise<Created<WriteResult>> {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'community.reply', target: threadId, body: request },
      (tx) => this.writeReply(tx, actor, threadId, request),
      (written) => written.post.id,
      async (postId) => {
        const post = await repo.findPost(this.deps.db, postId);
        const thread = post && post.state !== 'deleted' ? await repo.findThread(this.deps.db, post.thread_id) : undefined;
        if (!post || !thread) return undefined;
        const safety = await this.deps.screener.noticeAgain({ text: request.body, surface: 'reply', region: actor.region }, heldBySafety(post));
        return { thread, post, safety };
      },
    );
  }

  private async writeReply(tx: Tx, actor: Actor, threadId: string, input: Omit<z.infer<typeof NewPostBody>, 'clientId'>): Promise<WriteResult> {
    const iso = tx.now.toISOString();
    // Locks go users → posts → threads (ADR 052, amendment on replies): a reply that will insert
    // its writer's follow moves their reader version, so their `users` row is taken before the
    // thread's (PostgreSQL; `replyContext` locks the thread), or it deadlocks with their own edit
    // of the opening post (users, post, thread). Whether they follow is asked again under the
    // thread's lock; a follow removed in between is not written back (the reply counts as made
    // before that unfollow), since the `users` row was not taken.
    const mayFollow = await repo.lockReaderToFollow(tx.trx, this.deps.dialect, threadId, actor.userId);
    const ctx = await repo.replyContext(tx.trx, this.deps.dialect, threadId, actor.userId, iso);
    const space = ctx?.space_visibility ? { visibility: ctx.space_visibility, programId: ctx.space_program_id } : undefined;
    const actorPrograms = ctx?.space_program_id && ctx.in_program ? [ctx.space_program_id] : [];
    if (!ctx || !space || !communitiesPolicy.can(actor, 'thread.read', { space, actorPrograms, authorId: ctx.author_id, state: ctx.state })) {
      throw notFound('That thread was not found.');
    }
    if (!communitiesPolicy.can(actor, 'thread.reply', { space, actorPrograms, state: ctx.state })) throw forbidden('This thread is not open for replies.');
    if (input.anonymous && ctx.space_allow_anonymous !== 1) {
      throw badRequest('anonymous: this space does not allow anonymous posts', { fields: [{ path: 'anonymous', message: 'is not allowed in this space' }] });
    }
    if (ctx.suspended_until) throw suspendedError(ctx.suspended_until);
    if (ctx.slow_mode_seconds > 0 && !isModerator(actor)) {
      const last = await repo.lastPostAtBy(tx.trx, ctx.id, actor.userId);
      const waitMs = last ? new Date(last).getTime() + ctx.slow_mode_seconds * 1000 - tx.now.getTime() : 0;
      if (waitMs > 0) {
        throw tooManyRequests(`This thread is in slow mode. You can post again in ${Math.ceil(waitMs / 1000)} seconds.`, waitMs / 1000);
      }
    }
    const {
      space_visibility: _v,
      space_program_id: _p,
      space_allow_anonymous: _a,
      in_program: _i,
      suspended_until: _s,
      following,
      hold_first_posts: holdSetting,
      ...thread
    } = ctx;
    const postId = newId(tx.now.getTime());
    const { verdict, state, pendingReason, firstPostHold, warnings, rendered } = await this.screenNewPost(
      tx,
      actor,
      postId,
      { text: input.body, surface: 'reply', body: input.body, warnings: input.warnings },
      () => this.holdsFirstPostOf(tx, actor, holdSetting),
    );
    const row: Omit<PostRow, 'author_handle'> = {
      id: postId,
      thread_id: thread.id,
      space_id: thread.space_id,
      author_id: actor.userId,
      anonymous: input.anonymous ? 1 : 0,
      is_opening: 0,
      body_source: input.body,
      body_html: rendered.html,
      body_text: rendered.text,
      search_title: '',
      warnings,
      state,
      pending_reason: pendingReason,
      first_post_hold: firstPostHold,
      published_at: state === 'visible' ? iso : null,
      edited_at: null,
      created_at: iso,
      updated_at: iso,
    };
    await this.storePost(tx, row);
    // Already following: nothing to write (the insert would do nothing). Not `mayFollow`: they
    // followed when the reply began and have unfollowed since (PostgreSQL only; see above).
    if (!following && mayFollow) await repo.follow(tx.trx, thread.id, actor.userId, iso);
    // What was just written is answered from memory, not read back (the author's handle is the actor's).
    const post: PostRow = { ...row, author_handle: actor.handle };
    if (state !== 'visible') return { thread, post, safety: verdict.notice, fresh: true };
    const counted: ThreadRow = await repo.countNewReplyKnown(tx.trx, thread, iso);
    await this.announce(tx, post, counted);
    return { thread: counted, post, safety: verdict.notice, fresh: true };
  }

  /**
   * A post became visible (released, approved, or restored after its hold was released): the thread
   * follows an opening post. The first time, it is new: activity and counts move, rooms hear about it
   * (presented for any member), notifications follow, and `published_at` records it. A post readers
   * had already (a held edit released) is only updated: no one is told of it again (ADR 052, amendment).
   */
  private async publish(tx: Tx, postId: string): Promise<void> {
    const post = (await repo.findPost(tx.trx, postId))!;
    const iso = tx.now.toISOString();
    if (post.is_opening === 1) await repo.updateThread(tx.trx, post.thread_id, { state: 'visible', updated_at: iso });
    if (post.published_at !== null) {
      await this.postChanged(tx, post, 'visible');
      return;
    }
    await repo.updatePost(tx.trx, post.id, { published_at: iso });
    if (post.is_opening !== 1) await repo.updateThread(tx.trx, post.thread_id, { last_activity_at: iso, updated_at: iso });
    await repo.refreshThreadStats(tx.trx, post.thread_id);
    await this.announce(tx, { ...post, published_at: iso }, (await repo.findThread(tx.trx, post.thread_id))!);
  }

  /**
   * Rooms hear about a visible post (presented for any member); its notifications follow after commit.
   * A reply is one event a room: its thread's watchers get the post with the thread's counts in one
   * `community.post_created` (they used to get a second event, the counts, a frame more each: ADR
   * 059), and the space's lists get `community.thread_activity` only when the thread is one they list.
   */
  private async announce(tx: Tx, post: PostRow, thread: ThreadRow): Promise<void> {
    if (post.is_opening === 1) {
      await tx.emit('community.thread_created', { spaceId: thread.space_id, thread: presentThread(thread, ROOM_VIEWER) }, [`space:${thread.space_id}`]);
    } else {
      await tx.emit(
        'community.post_created',
        { threadId: thread.id, spaceId: thread.space_id, post: presentPost(post, ROOM_VIEWER), ...countsOf(thread) },
        [`thread:${thread.id}`],
      );
      await this.spaceActivity(tx, thread, thread);
    }
    await tx.emitInternal(INTERNAL.postPublished, { postId: post.id });
  }

  /**
   * The space's room hears a thread's counts moved (lists re-sort), only for a thread its lists show
   * every reader (`visible`). A thread held for review, removed or deleted is listed to no one but its
   * author (a held one) and the moderators, yet a moderator may reply in it and its posts may be
   * reacted to or edited: an event in the space's room would tell every member there that a hidden
   * thread exists, its id and its activity (ADR 059). The author's own list of a held thread catches
   * up on its next fetch. A thread that was `visible` before this change (`wasVisible`: hidden,
   * removed or put back on hold just now) is told too: every member there had it in their lists, and
   * their lists must drop it. The event holds its id, space, counts and activity time, nothing of what
   * the change was (no title, no author).
   */
  private async spaceActivity(
    tx: Tx,
    thread: Pick<ThreadRow, 'id' | 'space_id' | 'state' | 'last_activity_at'>,
    counts: { reply_count: number; reaction_count: number },
    wasVisible = false,
  ): Promise<void> {
    if (thread.state !== 'visible' && !wasVisible) return;
    await tx.emit(
      'community.thread_activity',
      { threadId: thread.id, spaceId: thread.space_id, replyCount: counts.reply_count, reactionCount: counts.reaction_count, lastActivityAt: thread.last_activity_at },
      [`space:${thread.space_id}`],
    );
  }

  /**
   * Rooms hear that a post changed (clients refetch it) and its thread's counts: its thread's watchers
   * in one `community.post_updated` carrying the counts (they used to get a second event, the counts'
   * `thread_activity`, a frame more each: ADR 059, amendment "one event a room for every change"), the
   * space's lists `community.thread_activity` as for a reply. Not of a post readers
   * never had (`published_at` null: held from its creation, then hidden, removed, deleted or put back
   * on hold): an event in its thread's or space's room would tell every reader there that something was
   * written and taken down (ADR 052, amendment "published once"). Its author hears of a moderator's or
   * the safety queue's action in their own room (a notification, `held_content_decided`).
   * `threadWasVisible`: the thread's state was `visible` before the caller changed it (an opening post
   * hidden, removed or held): its space's room hears it leave (`spaceActivity`).
   */
  private async postChanged(tx: Tx, post: PostRow, state: PostRow['state'], threadWasVisible = false): Promise<void> {
    await repo.refreshThreadStats(tx.trx, post.thread_id);
    if (post.published_at === null) return;
    // Read after the recount, in this transaction: the row holds the counts it wrote.
    const thread = (await repo.findThread(tx.trx, post.thread_id))!;
    await tx.emit('community.post_updated', { threadId: thread.id, spaceId: thread.space_id, postId: post.id, state, ...countsOf(thread) }, [`thread:${thread.id}`]);
    await this.spaceActivity(tx, thread, thread, threadWasVisible);
  }

  async editPost(actor: Actor, postId: string, input: z.infer<typeof EditPostBody>): Promise<WriteResult> {
    return this.deps.uow.run(async (tx) => {
      const { post, thread } = await this.readablePost(tx.trx, actor, postId);
      if (!communitiesPolicy.can(actor, 'post.edit', { authorId: post.author_id, state: post.state })) throw forbidden('Only the author can edit this post.');
      if (input.title !== undefined && post.is_opening !== 1) {
        throw badRequest('title: only the opening post has a title', { fields: [{ path: 'title', message: 'only the opening post has a title' }] });
      }
      await this.assertMayPost(tx, actor);
      // Locks go users → posts → held_content (ADR 052, amendment). Putting their thread back on hold
      // moves the author's reader version (migration 0034's trigger): their `users` row is taken
      // before the post's and the thread's, in an erasure's order, or the two deadlock on PostgreSQL
      // (review of ADR 048). Whether the words are held is known only after the screen, which must
      // run under the post's lock, so the version moves for every edit of an opening post.
      if (post.is_opening === 1 && post.author_id) await repo.bumpReaderVersion(tx.trx, post.author_id);
      // The post is locked before its words are screened: two held edits of it then serialize, the
      // second superseding the first's held item (never two pending items), and a decision on its
      // hold (post, then held_content) cannot deadlock with this edit. The state is decided from the
      // locked row: a hide or a delete committed since the read above is kept, not overwritten.
      const now = await this.lockedPost(tx, post.id);
      if (!now) throw notFound('That post was not found.');
      if (!communitiesPolicy.can(actor, 'post.edit', { authorId: now.author_id, state: now.state })) throw forbidden('Only the author can edit this post.');
      const { title, text } = await this.editedText(tx, now, input.body, input.title);
      const verdict = await this.deps.screener.screenAndRecord(tx, {
        userId: actor.userId,
        objectType: 'post',
        objectId: post.id,
        text,
        surface: post.is_opening === 1 ? 'post' : 'reply',
        region: actor.region,
      });
      const chosen = input.warnings ?? (JSON.parse(post.warnings) as ContentWarning[]);
      const warnings = this.warningsFor(chosen, verdict.screening);
      await this.rewriteScreened(tx, now, verdict.notice.held, { editorId: actor.userId, editorRole: 'author', body: input.body, title, warnings, note: null });
      return { thread: (await repo.findThread(tx.trx, thread.id))!, post: (await repo.findPost(tx.trx, post.id))!, safety: verdict.notice };
    });
  }

  /**
   * An edit's new words, screened, written into a post whose row this unit of work holds locked, by
   * its author or a moderator alike (ADR 052 and its amendments). Held words put a shown post on hold
   * (`visible` → `pending`: neither its old words, which someone chose to replace, nor the held new
   * ones stay in front of readers) and only note the hold on a hidden one. Words the screen passes end
   * a safety hold on older words: their item still waiting is superseded (a decision on it is then a
   * conflict) and the hold is lifted as a release lifts it (a held post is published: as new if readers
   * never had it, as an update if they had). A new member's first-post hold is a moderator's, and stays.
   * An opening post's author's reader version must have moved before the post was locked (users →
   * posts → threads): putting its thread on hold moves it (migration 0034's trigger).
   */
  private async rewriteScreened(
    tx: Tx,
    post: PostRow,
    held: boolean,
    o: { editorId: string | null; editorRole: 'author' | 'moderator'; body: string; title: string | null; warnings: string; note: string | null },
  ): Promise<void> {
    if (held) {
      await this.rewrite(tx, post, { ...o, state: withHold(post.state, true) });
      await repo.updatePost(tx.trx, post.id, { pending_reason: 'safety' });
      return;
    }
    await this.rewrite(tx, post, { ...o, state: post.state });
    // A moderator's words decide the older item: the audit trail names them (an author's do not decide).
    await this.deps.screener.supersedeHeld(tx, 'post', post.id, o.editorRole === 'moderator' ? o.editorId : null);
    if (post.pending_reason !== 'safety') return;
    await this.liftSafetyHold(tx, post);
  }

  /**
   * The words an edit of a post is screened as, whoever edits it: an opening post's title (the new one,
   * or its thread's as it is now) with its body, as when it was written; a reply's body. A moderator's
   * edit keeps the title, and the title is screened with it: an opening post held for its title must not
   * be lifted by a body the screen passes alone (ADR 052, amendment "the first-post hold"). Read under
   * the post's lock: an author's title change holds the same lock.
   */
  private async editedText(tx: Tx, post: PostRow, body: string, newTitle?: string): Promise<{ title: string | null; text: string }> {
    if (post.is_opening !== 1) return { title: null, text: body };
    const title = newTitle ?? (await repo.findThread(tx.trx, post.thread_id))!.title;
    return { title, text: `${title}\n\n${body}` };
  }

  /**
   * Ends the safety screen's hold on a post whose row this unit of work holds locked (a release, the
   * safety queue's edit, newer words the screen passed), with `patch` written in the same update. The
   * hold is lifted and nothing else: a hidden post stays hidden (ADR 052), and a new member's first post
   * still waits for a moderator's approval (`first_post_hold`: `pending_reason` becomes `first_post`, in
   * the moderators' queue, unpublished). Otherwise a held post is published (as new if readers never had
   * it, as an update if they had).
   */
  private async liftSafetyHold(tx: Tx, post: PostRow, patch: Partial<Omit<PostRow, 'author_handle'>> = {}): Promise<PostRow['state']> {
    const waitsFirst = post.first_post_hold === 1;
    const state = withHold(post.state, waitsFirst);
    await repo.updatePost(tx.trx, post.id, { ...patch, state, pending_reason: waitsFirst ? 'first_post' : null, updated_at: tx.now.toISOString() });
    if (post.state === 'pending' && state === 'visible') await this.publish(tx, post.id);
    return state;
  }

  /** Replaces a post's text, keeping the previous version in the history moderators can read. */
  private async rewrite(
    tx: Tx,
    post: PostRow,
    o: { editorId: string | null; editorRole: 'author' | 'moderator'; body: string; title: string | null; warnings: string; state: PostRow['state']; note: string | null },
  ): Promise<void> {
    const iso = tx.now.toISOString();
    const thread = (await repo.findThread(tx.trx, post.thread_id))!;
    await repo.insertEdit(tx.trx, {
      id: newId(tx.now.getTime()),
      post_id: post.id,
      editor_id: o.editorId,
      editor_role: o.editorRole,
      previous_source: post.body_source,
      previous_title: post.is_opening === 1 && o.title !== null && o.title !== thread.title ? thread.title : null,
      note: o.note,
      created_at: iso,
    });
    const rendered = renderMarkdown(o.body);
    await repo.updatePost(tx.trx, post.id, {
      body_source: o.body,
      body_html: rendered.html,
      body_text: rendered.text,
      search_title: post.is_opening === 1 ? (o.title ?? thread.title) : '',
      warnings: o.warnings,
      state: o.state,
      edited_at: iso,
      updated_at: iso,
    });
    if (post.is_opening === 1) {
      await repo.updateThread(tx.trx, thread.id, {
        title: o.title ?? thread.title,
        warnings: o.warnings,
        state: o.state === 'deleted' ? thread.state : o.state,
        updated_at: iso,
      });
    }
    // `thread` was read before the update above: its state is the one the thread had.
    if (post.state === 'visible' || o.state === 'visible') await this.postChanged(tx, post, o.state, post.is_opening === 1 && thread.state === 'visible');
    // An author's edit held by the screen: the thread is theirs and the moderators' until decided. After
    // the event (NARROWED_AFTER_EVENT): members taken out of the thread's room by the recheck hear it first.
    if (post.is_opening === 1 && o.state !== thread.state && NARROW_STATES.has(o.state)) await tx.emitInternal(THREADS_NARROWED, { threadIds: [thread.id] });
  }

  /** The author deletes their post: the body goes, a "deleted" placeholder stays, replies stay. */
  async deletePost(actor: Actor, postId: string): Promise<PostRow> {
    return this.deps.uow.run(async (tx) => {
      await this.readablePost(tx.trx, actor, postId);
      // Decided from the locked row: a decision on its hold committed meanwhile is seen, not overwritten.
      const post = await this.lockedPost(tx, postId);
      if (!post) throw notFound('That post was not found.');
      if (!communitiesPolicy.can(actor, 'post.delete', { authorId: post.author_id, state: post.state })) throw forbidden('Only the author can delete this post.');
      // Its words held for review go with it: the safety hold ends as a queue removal of a deleted post
      // ends it (a new member's first-post hold is kept), and its item waiting leaves the queue below.
      const hold = post.pending_reason === 'safety' ? { pending_reason: post.first_post_hold === 1 ? ('first_post' as const) : null } : {};
      await repo.updatePost(tx.trx, post.id, { body_source: '', body_html: '', body_text: '', state: 'deleted', ...hold, updated_at: tx.now.toISOString() });
      await repo.deleteEditsOf(tx.trx, [post.id]);
      await repo.clearHelpedMark(tx.trx, post.id);
      await this.postChanged(tx, post, 'deleted');
      // Last, in the order every write takes (users → posts → threads → held_content, ADR 052): supervisors
      // no longer review words that will never be shown; an alert they raised stays open (ADR 055, amendment).
      await this.deps.screener.withdrawHeld(tx, 'post', post.id);
      return (await repo.findPost(tx.trx, post.id))!;
    });
  }

  async markHelped(actor: Actor, threadId: string, postId: string | null): Promise<ThreadRow> {
    return this.deps.uow.run(async (tx) => {
      const { thread, space } = await this.readableThread(tx.trx, actor, threadId);
      if (!(await this.can(tx.trx, actor, 'thread.mark_helped', space, { authorId: thread.author_id }))) {
        throw forbidden('Only the person who asked can mark the reply that helped most.');
      }
      if (thread.kind !== 'question') throw conflict('Only a question has a reply that helped most.');
      if (postId) {
        const notAReply = () => badRequest('postId: must be a visible reply in this thread', { fields: [{ path: 'postId', message: 'must be a visible reply in this thread' }] });
        const markable = (p: PostRow | undefined): p is PostRow => !!p && p.thread_id === thread.id && p.is_opening !== 1 && p.state === 'visible';
        // Read unlocked first: any id may be asked, and only a visible reply of this thread is
        // locked (a post of another thread, or one its readers cannot see, is refused untouched).
        if (!markable(await repo.findPost(tx.trx, postId))) throw notAReply();
        // Then decided from the locked row (posts, then the thread: the one order): a delete, hide
        // or removal committed since the mark was asked is seen: only a reply still visible is marked.
        if (!markable(await this.lockedPost(tx, postId))) throw notAReply();
      }
      await repo.updateThread(tx.trx, thread.id, { helped_post_id: postId, updated_at: tx.now.toISOString() });
      await tx.emitInternal(INTERNAL.threadsChanged, { threadIds: [thread.id] });
      return (await repo.findThread(tx.trx, thread.id))!;
    });
  }

  async setSlowMode(actor: Actor, threadId: string, seconds: number): Promise<ThreadRow> {
    if (!communitiesPolicy.can(actor, 'thread.slow_mode')) throw forbidden('Only moderators set slow mode.');
    return this.deps.uow.run(async (tx) => {
      const { thread } = await this.readableThread(tx.trx, actor, threadId);
      await repo.updateThread(tx.trx, thread.id, { slow_mode_seconds: seconds, updated_at: tx.now.toISOString() });
      await tx.emitInternal(INTERNAL.threadsChanged, { threadIds: [thread.id] });
      return (await repo.findThread(tx.trx, thread.id))!;
    });
  }

  async setFollowing(actor: Actor, threadId: string, follow: boolean): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      await this.readableThread(tx.trx, actor, threadId);
      // Their `users` row first (PostgreSQL), as a reply that follows takes it before the thread's:
      // the trigger of either write updates it, and a follow's foreign-key check waits for the thread.
      await repo.lockReader(tx.trx, this.deps.dialect, actor.userId);
      if (follow) await repo.follow(tx.trx, threadId, actor.userId, tx.now.toISOString());
      else await repo.unfollow(tx.trx, threadId, actor.userId);
    });
  }

  // ── reactions ───────────────────────────────────────────────────────────────
  /** Adds or removes one reaction; repeating either is harmless (also when concurrent). */
  async react(actor: Actor, postId: string, kind: ReactionKind, on: boolean) {
    return this.deps.uow.run(async (tx) => {
      const { post, space } = await this.readablePost(tx.trx, actor, postId);
      if (!(await this.can(tx.trx, actor, 'post.react', space, { state: post.state }))) throw forbidden('You cannot react to this post.');
      const changed = on
        ? await repo.addReaction(tx.trx, { post_id: post.id, user_id: actor.userId, kind, created_at: tx.now.toISOString() })
        : await repo.removeReaction(tx.trx, post.id, actor.userId, kind);
      const counts = (await repo.reactionCounts(tx.trx, [post.id])).get(post.id) ?? { relate: 0, strength: 0, helped: 0 };
      if (changed) {
        const stats = await repo.refreshThreadStats(tx.trx, post.thread_id);
        await tx.emit('community.reactions_changed', { threadId: post.thread_id, postId: post.id, reactions: counts }, [`thread:${post.thread_id}`]);
        await this.spaceActivity(tx, (await repo.findThread(tx.trx, post.thread_id))!, stats);
        if (on) await tx.emitInternal(INTERNAL.reactionAdded, { postId: post.id, userId: actor.userId, kind });
      }
      const mine = (await repo.reactionsBy(tx.trx, [post.id], actor.userId)).get(post.id) ?? [];
      return { postId: post.id, reactions: counts, myReactions: mine };
    });
  }

  /** Who reacted: for the post's author only. */
  async reactors(actor: Actor, postId: string) {
    const { post } = await this.readablePost(this.deps.db, actor, postId);
    if (!communitiesPolicy.can(actor, 'post.reactors', { authorId: post.author_id })) throw forbidden('Only the author sees who reacted.');
    return repo.reactorsOf(this.deps.db, post.id);
  }

  // ── reading ─────────────────────────────────────────────────────────────────
  /**
   * How many questions nobody has answered yet in the spaces this person may read, without those
   * carrying a warning they hide, with their own still held for review: what their unanswered list
   * shows (the supporters' worklist), counted up to `cap`.
   */
  async unansweredQuestionCount(actor: Actor, cap: number): Promise<number> {
    const db = this.deps.db;
    const [spaces, prefs] = await Promise.all([this.visibleSpaces(db, actor), repo.warningPrefs(db, actor.userId)]);
    return repo.unansweredCount(db, { spaceIds: spaces.map((s) => s.id), viewerId: actor.userId, hiddenWarnings: hiddenWarningsOf(prefs), cap });
  }

  async listThreads(actor: Actor, q: z.infer<typeof ThreadListQuery>) {
    const db = this.deps.db;
    // What the list needs to know about its reader, in one read (ADR 028).
    const reader = await this.listReader(actor.userId);
    let spaces = await this.visibleSpaces(db, actor, reader.programs);
    if (q.space) {
      spaces = spaces.filter((s) => s.id === q.space);
      if (spaces.length === 0) throw notFound('That space was not found.');
    }
    const viewer: Viewer = { userId: actor.userId, moderator: isModerator(actor), prefs: reader.prefs };
    const now = this.deps.clock.now().getTime();
    const options: ThreadListOptions = {
      list: q.list,
      spaceIds: spaces.map((s) => s.id),
      viewerId: actor.userId,
      hiddenWarnings: hiddenWarningsOf(viewer.prefs),
      since: q.list === 'top' && q.period !== 'all' ? new Date(now - PERIOD_MS[q.period]).toISOString() : null,
      after: decodeCursor(q.cursor),
      limit: q.limit,
    };
    // The member's own lists are theirs alone; "top" of a period moves with the clock.
    const shared = q.list === 'latest' || q.list === 'unanswered' || (q.list === 'top' && options.since === null);
    const list = shared ? await this.sharedListWithOwnPending(options, reader.pendingIds) : { rows: await repo.listThreads(db, options), templates: undefined, arrays: null };
    const rows = list.rows;
    const last = rows[rows.length - 1];
    const following = reader.follows ?? (await repo.followedAmong(db, rows.map((r) => r.id), actor.userId));
    // Folds and follows are this reader's, read above; the kept bytes are keyed by them (ADR 037, amendment).
    const { threads, kept } = writeThreads(rows, list.templates, viewer, following, list.arrays);
    return {
      threads,
      threadsBytes: kept,
      nextCursor: last && rows.length === q.limit ? cursorAfter(q.list, last, () => listKeyset(q.list, last)) : null,
    };
  }

  /**
   * What a list needs to know about its reader: kept while their `reader_version` holds (ADR 048),
   * so a request reads that one integer; else read with the version it is true at, and kept.
   */
  private async listReader(userId: string): Promise<ListReader> {
    const db = this.deps.db;
    const kept = this.readers.versionOf(userId);
    if (kept !== undefined) {
      const version = await repo.readerVersion(db, userId);
      const reader = version === null ? undefined : this.readers.get(userId, version);
      if (reader) return reader;
    }
    const { version, reader } = await repo.listReader(db, userId);
    if (version !== null) this.readers.put(userId, version, reader);
    return reader;
  }

  /**
   * The visible threads of a list, shared by every reader with the same spaces and hidden warnings
   * (cached), merged with the reader's own held threads, which they alone see there: the page is
   * what the one query with "or mine and pending" read before.
   */
  private async sharedListWithOwnPending(o: ThreadListOptions, pendingIds: string[]): Promise<SharedList> {
    const nowMs = this.deps.clock.now().getTime();
    const key = JSON.stringify([o.list, o.spaceIds, o.hiddenWarnings, o.since, o.after, o.limit]);
    let visible = this.lists.get(key, nowMs);
    const [fresh, pending] = await Promise.all([
      visible ? null : this.readSharedList(key, o, nowMs),
      repo.pendingThreadsAmong(this.deps.db, pendingIds, o.viewerId),
    ]);
    // One of the reader's held threads no longer is (approved, hidden, removed, deleted: those move no
    // version, migration 0034): their facts are read afresh next time rather than asking for it again.
    if (pending.length < pendingIds.length) this.readers.forget(o.viewerId);
    visible ??= fresh!;
    const spaceIds = new Set(o.spaceIds);
    const mine = pending.filter(
      (t) =>
        spaceIds.has(t.space_id) &&
        !parseWarnings(t.warnings).some((w) => o.hiddenWarnings.includes(w)) &&
        (o.list !== 'unanswered' || (t.kind === 'question' && t.reply_count === 0)) &&
        (!o.since || t.created_at >= o.since) &&
        (!o.after || listOrder(o.list, keysetRow(o.list, o.after), t) < 0),
    );
    if (mine.length === 0) return visible;
    // The reader's own held threads have no template: they are presented for their author. Not the
    // shared rows, so none of the shared list's kept bytes.
    return { rows: [...visible.rows, ...mine].sort((a, b) => listOrder(o.list, a, b)).slice(0, o.limit), templates: visible.templates, arrays: null };
  }

  private async readSharedList(key: string, o: ThreadListOptions, nowMs: number): Promise<SharedList> {
    const mark = this.lists.mark();
    // No viewer: visible threads only (the reader's own held ones are merged in by the caller).
    const rows = await repo.listThreads(this.deps.db, { ...o, viewerId: '' });
    const list: SharedList = { rows, templates: new Map(rows.map((t) => [t, threadTemplate(t)])), arrays: new ArrayBytes() };
    this.lists.put(key, list, nowMs, mark);
    return list;
  }

  async getThread(actor: Actor, threadId: string, page: { cursor?: string | undefined; limit: number }): Promise<ThreadDetailAnswer> {
    const db = this.deps.db;
    // The thread with what the page needs to know about its reader, in one read (ADR 028).
    const read = await repo.threadForReader(db, threadId, actor.userId);
    const { thread, space } = await this.readableThread(db, actor, threadId, read);
    const viewer: Viewer = { userId: actor.userId, moderator: isModerator(actor), prefs: read.prefs };
    const following = read.following;
    const afterId = decodeCursor(page.cursor)?.id ?? null;
    const shared = await this.sharedPostPage(thread, afterId, page.limit);
    // A reader whom every template fits, on a page with no held post: the whole response may be kept
    // for the values that decide its bytes (ADR 058). Their own reactions are the page's (exact: a
    // reaction moves the version), so a reader with reactions of their own has a key of their own.
    const personal = shared.reactionsByUser?.has(actor.userId) ?? false;
    const key =
      !viewer.moderator && !shared.offReaders && shared.reactionsByUser && thread.author_id !== actor.userId && !shared.authors.has(actor.userId)
        ? `${following ? 'f' : '-'}${personal ? actor.userId : ''}\u0000${read.prefsText}`
        : null;
    if (key !== null) {
      const bytes = shared.answers.get(key, personal, thread, space);
      if (bytes) return { bytes, parts: () => this.sharedPageParts(actor, viewer, thread, space, following, shared, afterId, page.limit) };
    }
    const posts = await this.postsPage(actor, viewer, thread, page, shared, afterId);
    const parts: ThreadDetailParts = { thread: writeThread(thread, undefined, viewer, following), space, ...posts };
    const json = threadDetailJson(parts);
    if (key !== null && typeof json !== 'string') shared.answers.put(key, personal, thread, space, json);
    return { bytes: json, parts: () => parts };
  }

  /** The parts of a thread page written from the shared page alone (no read): what a kept answer was written from, for the test suite's check. */
  private sharedPageParts(actor: Actor, viewer: Viewer, thread: ThreadRow, space: SpaceRow, following: boolean, shared: SharedPostPage, afterId: string | null, limit: number): ThreadDetailParts {
    const mine = shared.reactionsByUser?.get(actor.userId) ?? NO_REACTIONS;
    return { thread: writeThread(thread, undefined, viewer, following), space, ...this.writtenPosts(thread, shared.rows, shared.templates, viewer, shared.counts, mine, shared, afterId, limit) };
  }

  async listPosts(actor: Actor, threadId: string, page: { cursor?: string | undefined; limit: number }) {
    const { thread } = await this.readableThread(this.deps.db, actor, threadId);
    const afterId = decodeCursor(page.cursor)?.id ?? null;
    return this.postsPage(actor, await this.viewer(this.deps.db, actor), thread, page, await this.sharedPostPage(thread, afterId, page.limit), afterId);
  }

  private async postsPage(actor: Actor, viewer: Viewer, thread: ThreadRow, page: { limit: number }, shared: SharedPostPage, afterId: string | null) {
    const db = this.deps.db;
    // Someone else's held (or never published) post on the page: this reader's page is not the shared
    // one (their own held posts and everything else are the same for them), so it is read for them alone.
    const personal =
      !viewer.moderator && shared.offReaders && shared.rows.some((p) => offReadersPages(p) && p.author_id !== actor.userId)
        ? await repo.listPosts(db, thread.id, { viewerId: actor.userId, all: false, afterId, limit: page.limit })
        : null;
    const rows = personal ?? shared.rows;
    const templates = personal ? [] : shared.templates;
    const ids = rows.map((r) => r.id);
    // The reader's own reactions come with the shared page (exact: a reaction moves the version).
    const mineOnShared = personal ? null : (shared.reactionsByUser?.get(actor.userId) ?? (shared.reactionsByUser ? NO_REACTIONS : null));
    const [counts, mine] = await Promise.all([personal ? repo.reactionCounts(db, ids) : shared.counts, mineOnShared ?? repo.reactionsBy(db, ids, actor.userId)]);
    return this.writtenPosts(thread, rows, templates, viewer, counts, mine, personal ? null : shared, afterId, page.limit);
  }

  /** A page's posts written for this reader (with the shared page's kept bytes when `shared`), and its next cursor. */
  private writtenPosts(
    thread: ThreadRow,
    rows: readonly PostRow[],
    templates: readonly PostTemplate[],
    viewer: Viewer,
    counts: ReadonlyMap<string, Record<ReactionKind, number>>,
    mine: ReadonlyMap<string, ReactionKind[]>,
    shared: SharedPostPage | null,
    afterId: string | null,
    limit: number,
  ) {
    const last = rows[rows.length - 1];
    const helpedPostId = thread.helped_post_id;
    const { posts, kept } = writePosts(rows, templates, viewer, (p) => ({ counts: counts.get(p.id), mine: mine.get(p.id), helpedPostId }), shared ? shared.arrays : null);
    return {
      posts,
      postsBytes: kept,
      nextCursor: last && rows.length === limit ? cursorAfter('posts', last, () => ({ value: 0, id: last.id })) : null,
    };
  }

  /** A page of the thread with every post and its reaction counts, from the cache while the thread's content version holds. */
  private async sharedPostPage(thread: ThreadRow, afterId: string | null, limit: number): Promise<SharedPostPage> {
    const cached = this.pages.get(thread.id, thread.content_version, afterId, limit);
    if (cached) return cached;
    const db = this.deps.db;
    // Read after the version (in the thread row): a write in between makes the page newer than
    // its version, never older, and the next read at the new version reads it again.
    const rows = await repo.listPosts(db, thread.id, { viewerId: '', all: true, afterId, limit });
    const ids = rows.map((r) => r.id);
    // Who reacted, kept with the page unless there are too many to keep (a few very popular posts).
    const reactions = await repo.reactionsOn(db, ids, PAGE_REACTIONS_KEPT + 1);
    const shared =
      reactions.length > PAGE_REACTIONS_KEPT
        ? { counts: await repo.reactionCounts(db, ids), reactionsByUser: null, reactionCount: 0 }
        : byReactor(reactions);
    const page: SharedPostPage = {
      rows,
      templates: rows.map((p) => postTemplate(p, shared.counts.get(p.id))),
      ...shared,
      arrays: new ArrayBytes(),
      answers: new KeptAnswers(),
      offReaders: rows.some(offReadersPages),
      authors: new Set(rows.flatMap((p) => (p.author_id ? [p.author_id] : []))),
    };
    this.pages.put(thread.id, thread.content_version, afterId, limit, page);
    return page;
  }

  async presentWritten(actor: Actor, r: WriteResult) {
    // The reader's warning preferences only decide whether something with warnings is folded.
    const viewer: Viewer = r.post.warnings === '[]' && r.thread.warnings === '[]' ? { userId: actor.userId, moderator: isModerator(actor), prefs: new Map() } : await this.viewer(this.deps.db, actor);
    const counts = r.fresh ? undefined : (await repo.reactionCounts(this.deps.db, [r.post.id])).get(r.post.id);
    return { thread: presentThread(r.thread, viewer, true), post: presentPost(r.post, viewer, { counts, helpedPostId: r.thread.helped_post_id }), safety: r.safety };
  }

  async presentThreadFor(actor: Actor, thread: ThreadRow) {
    const viewer = await this.viewer(this.deps.db, actor);
    return presentThread(thread, viewer, (await repo.followedAmong(this.deps.db, [thread.id], actor.userId)).has(thread.id));
  }

  async presentOne(actor: Actor, post: PostRow) {
    const viewer = await this.viewer(this.deps.db, actor);
    return presentPost(post, viewer);
  }

  // ── search and related threads ──────────────────────────────────────────────
  async search(actor: Actor, q: { q: string; space?: string | undefined; kind?: string | undefined; limit: number }) {
    const db = this.deps.db;
    let spaces = await this.visibleSpaces(db, actor);
    if (q.space) spaces = spaces.filter((s) => s.id === q.space);
    const viewer = await this.viewer(db, actor);
    const terms = (q.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length <= 40).slice(0, 12);
    // Each thread once: threads whose title has every term, then other matching posts, newest first (ADR 016).
    const { rows, truncated } = await repo.search(db, this.deps.dialect, {
      terms,
      match: 'all',
      order: 'newest',
      spaceIds: spaces.map((s) => s.id),
      kind: q.kind,
      hiddenWarnings: hiddenWarningsOf(viewer.prefs),
      limit: q.limit,
    });
    const threads = new Map((await repo.threadsByIds(db, [...new Set(rows.map((r) => r.thread_id))])).map((t) => [t.id, t]));
    return { rows, truncated, threads, viewer };
  }

  /** "People also shared": threads whose text shares this one's most distinctive words. */
  async related(actor: Actor, threadId: string, limit = 5) {
    const db = this.deps.db;
    const { thread } = await this.readableThread(db, actor, threadId);
    const opening = await repo.openingPost(db, thread.id);
    const viewer = await this.viewer(db, actor);
    const terms = distinctiveTerms(thread.title, opening?.state === 'visible' ? opening.body_text : '');
    const spaces = await this.visibleSpaces(db, actor);
    const { rows } = await repo.search(db, this.deps.dialect, {
      terms,
      match: 'any',
      order: 'relevance',
      spaceIds: spaces.map((s) => s.id),
      hiddenWarnings: hiddenWarningsOf(viewer.prefs),
      excludeThreadId: thread.id,
      limit,
    });
    const ids = rows.map((r) => r.thread_id);
    const byId = new Map((await repo.threadsByIds(db, ids)).map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id)!).filter(Boolean).map((t) => presentThread(t, viewer));
  }

  // ── reports and moderation ──────────────────────────────────────────────────
  async report(actor: Actor, postId: string, input: z.infer<typeof ReportBody>): Promise<Created<{ id: string; notice: SafetyNotice | null }>> {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'community.report', target: postId, body: request },
      (tx) => this.writeReport(tx, actor, postId, request),
      (written) => written.id,
      async (id) => {
        if ((await repo.findReport(this.deps.db, id))?.reporter_id !== actor.userId) return undefined;
        // The report keeps no state of its own: whether its note is still held is the hold's.
        const notice = request.note ? await this.deps.screener.noticeAgain({ text: request.note, surface: 'other', region: actor.region }, await this.deps.screener.heldNow(REPORT_NOTE, id)) : null;
        return { id, notice };
      },
    );
  }

  /** A report's note is screened before it is stored, like every text a person writes: the writer gets the crisis response, supervisors an alert. */
  private async writeReport(tx: Tx, actor: Actor, postId: string, input: Omit<z.infer<typeof ReportBody>, 'clientId'>): Promise<{ id: string; notice: SafetyNotice | null }> {
    const { post, space } = await this.readablePost(tx.trx, actor, postId);
    if (!(await this.can(tx.trx, actor, 'post.report', space, { state: post.state }))) throw forbidden('This post cannot be reported.');
    const id = newId(tx.now.getTime());
    const notice = input.note ? (await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType: REPORT_NOTE, objectId: id, text: input.note, surface: 'other', region: actor.region })).notice : null;
    await repo.insertReport(tx.trx, {
      id,
      post_id: post.id,
      reporter_id: actor.userId,
      reason: input.reason,
      note: input.note ?? null,
      status: 'open',
      outcome: null,
      resolved_by: null,
      resolved_at: null,
      created_at: tx.now.toISOString(),
    });
    return { id, notice };
  }

  /**
   * The reader's own reports, newest first, and where each stands. The reported post (where it is,
   * the start of its text) only while the reader may still read it as the thread page would show
   * it: a space made program-only, a thread or post hidden, removed or deleted since, and the list
   * says no more than the report itself. (The community has no blocks of its own; mentoring's do
   * not change what the thread page shows, so they do not change this either.)
   */
  async myReports(actor: Actor, q: z.infer<typeof MyReportsQuery>) {
    const db = this.deps.db;
    // One more than a page: a next page is promised only when there is something on it (a page
    // that ended exactly at the last report used to lead to an empty one). The cursor is the last
    // report's id, unique even among reports made in the same millisecond, so none repeats or is skipped.
    const fetched = await repo.reportsOfReporter(db, actor.userId, { beforeId: q.cursor ?? null, limit: q.limit + 1, textChars: REPORT_TEXT_READ });
    const rows = fetched.slice(0, q.limit);
    if (rows.length === 0) return { reports: [], nextCursor: null };
    const [{ byId }, programs, viewer] = await Promise.all([this.allSpaces(db), repo.programIdsOf(db, actor.userId), this.viewer(db, actor)]);
    const reports = rows.map((r) => {
      const space = byId.get(r.space_id);
      const threadReadable =
        !!space &&
        communitiesPolicy.can(actor, 'thread.read', { space: { visibility: space.visibility, programId: space.program_id }, actorPrograms: programs, authorId: r.thread_author_id, state: r.thread_state });
      // As presentPost shows a body: visible, or held/hidden to its author and moderators; never removed or deleted.
      const bodyShown = r.post_state === 'visible' || ((r.post_author_id === actor.userId || viewer.moderator) && r.post_state !== 'removed' && r.post_state !== 'deleted');
      return presentMyReport(r, threadReadable && bodyShown, viewer);
    });
    return { reports, nextCursor: fetched.length > q.limit ? rows[rows.length - 1]!.id : null };
  }

  private requireModerator(actor: Actor, action: CommunityAction = 'queue.work'): void {
    if (!communitiesPolicy.can(actor, action)) throw forbidden('Only supervisors and admins moderate the community.');
  }

  async queue(actor: Actor, status: 'open' | 'resolved', limit: number) {
    this.requireModerator(actor);
    const db = this.deps.db;
    const viewer = await this.viewer(db, actor);
    const reports = await repo.listReports(db, status, limit);
    const pending = status === 'open' ? await repo.pendingPosts(db, limit) : [];
    const posts = new Map((await repo.postsByIds(db, [...new Set(reports.map((r) => r.post_id))])).map((p) => [p.id, p]));
    const counts = await repo.reactionCounts(db, [...posts.keys()]);
    return {
      reports: reports.map((r) => ({ report: r, post: presentPost(posts.get(r.post_id)!, viewer, { counts: counts.get(r.post_id) }) })),
      pendingPosts: pending.map((p) => ({ ...presentPost(p, viewer), pendingReason: p.pending_reason, threadTitle: p.thread_title })),
    };
  }

  /** The post a moderator acts on, its row locked (`lockPost`): they decide from its state. */
  private async moderatedPost(tx: Tx, actor: Actor, postId: string): Promise<PostRow> {
    this.requireModerator(actor, 'post.moderate');
    const post = await this.lockedPost(tx, postId);
    if (!post) throw notFound('That post was not found.');
    return post;
  }

  /** The post as it is now, its row locked on PostgreSQL until the unit of work ends (`repo.lockPost`). */
  private lockedPost(tx: Tx, postId: string): Promise<PostRow | undefined> {
    return repo.lockPost(tx.trx, this.deps.dialect, postId);
  }

  private async setPostState(tx: Tx, post: PostRow, state: PostRow['state']): Promise<void> {
    const iso = tx.now.toISOString();
    // Back on hold: the author's row before the thread's, the order an erasure takes them in.
    if (post.is_opening === 1 && state === 'pending' && post.author_id) await repo.bumpReaderVersion(tx.trx, post.author_id);
    await repo.updatePost(tx.trx, post.id, { state, updated_at: iso, ...(state === 'visible' ? { pending_reason: null } : {}) });
    if (post.is_opening === 1) await repo.updateThread(tx.trx, post.thread_id, { state, updated_at: iso });
    // `post` is the row before this change: an opening post's state was its thread's (only a deleted
    // one leaves its thread as it was, and a deleted post is never hidden nor restored).
    await this.postChanged(tx, post, state, post.is_opening === 1 && post.state === 'visible');
    // After the event (NARROWED_AFTER_EVENT): members taken out of the thread's room by the recheck hear it first.
    if (post.is_opening === 1 && NARROW_STATES.has(state)) await tx.emitInternal(THREADS_NARROWED, { threadIds: [post.thread_id] });
  }

  async hidePost(actor: Actor, postId: string, note: string): Promise<SafetyNotice | null> {
    return this.deps.uow.run(async (tx) => {
      const post = await this.moderatedPost(tx, actor, postId);
      if (post.state !== 'visible' && post.state !== 'pending') throw conflict(`This post is ${post.state}; it cannot be hidden.`);
      const notice = await this.moderatorText(tx, actor, STAFF_TEXT.moderatorNote, post.id, note, 'note');
      await this.setPostState(tx, post, 'hidden');
      await this.notifyAuthor(tx, post, `A moderator hid one of your posts. Note from the moderator: ${note}`);
      return notice;
    });
  }

  async restorePost(actor: Actor, postId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      this.requireModerator(actor, 'post.moderate');
      // A restored opening post may go back on hold, which moves its author's reader version: take
      // their `users` row before the post's (locks go users → posts → threads). Whether it will is
      // known only from the locked row, so the version moves for every restored opening post.
      const opening = await repo.findPost(tx.trx, postId);
      if (opening?.is_opening === 1 && opening.author_id) await repo.bumpReaderVersion(tx.trx, opening.author_id);
      const post = await this.moderatedPost(tx, actor, postId);
      if (post.state !== 'hidden') throw conflict('Only a hidden post can be restored.');
      // A post whose text waits for review (the safety screen's hold, a first post's, also an edit
      // held while it was hidden) goes back to waiting: restoring must not publish what the safety
      // queue has not decided (ADR 052).
      const state = withHold('visible', post.pending_reason !== null);
      if (state === 'visible' && post.published_at === null) {
        // Held from its creation and hidden before its hold was released: this is its first showing.
        await repo.updatePost(tx.trx, post.id, { state, updated_at: tx.now.toISOString() });
        await this.publish(tx, post.id);
      } else await this.setPostState(tx, post, state);
    });
  }

  /** Approves a new member's first post held for review (safety holds are decided in the safety queue). */
  async approvePost(actor: Actor, postId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const post = await this.moderatedPost(tx, actor, postId);
      if (post.state !== 'pending') throw conflict('This post is not waiting for review.');
      if (post.pending_reason === 'safety') throw conflict('The safety screen held this post: decide it in the safety review queue.');
      await repo.updatePost(tx.trx, post.id, { state: 'visible', pending_reason: null, first_post_hold: 0, updated_at: tx.now.toISOString() });
      await this.publish(tx, post.id);
    });
  }

  async moderatorEdit(actor: Actor, postId: string, body: string, note: string): Promise<SafetyNotice | null> {
    return this.deps.uow.run(async (tx) => {
      this.requireModerator(actor, 'post.moderate');
      await this.openingAuthorFirst(tx, postId);
      const post = await this.moderatedPost(tx, actor, postId);
      if (post.state === 'deleted' || post.state === 'removed') throw conflict(`This post is ${post.state}; there is nothing to edit.`);
      // The note (kept in the edit history, sent to the author) before the body: a refused note leaves the post as it was.
      const notice = await this.moderatorText(tx, actor, STAFF_TEXT.moderatorNote, post.id, note, 'note');
      const { text } = await this.editedText(tx, post, body);
      const verdict = await this.moderatorEditScreened(tx, actor, post, text);
      const warnings = this.warningsFor(JSON.parse(post.warnings) as ContentWarning[], verdict.screening);
      // As an author's edit (ADR 052, amendment): held words put a shown post on hold.
      await this.rewriteScreened(tx, post, verdict.notice.held, { editorId: actor.userId, editorRole: 'moderator', body, title: null, warnings, note });
      await this.notifyAuthor(tx, post, `A moderator edited one of your posts. Note from the moderator: ${note}`);
      return notice;
    });
  }

  /**
   * Before a moderator's edit locks a post: an opening post's author's `users` row (their reader
   * version moves), since the edit's words may put its thread on hold, known only after the screen
   * under the post's lock. Locks go users → posts → threads; a needless move only makes that author's
   * lists read afresh.
   */
  private async openingAuthorFirst(tx: Tx, postId: string): Promise<void> {
    const opening = await repo.findPost(tx.trx, postId);
    if (opening?.is_opening === 1 && opening.author_id) await repo.bumpReaderVersion(tx.trx, opening.author_id);
  }

  async warnAuthor(actor: Actor, postId: string, note: string): Promise<SafetyNotice | null> {
    return this.deps.uow.run(async (tx) => {
      const post = await this.moderatedPost(tx, actor, postId);
      const notice = await this.moderatorText(tx, actor, STAFF_TEXT.moderatorNote, post.id, note, 'note');
      await this.notifyAuthor(tx, post, `A message from the moderators about one of your posts: ${note}`);
      return notice;
    });
  }

  async suspendUser(actor: Actor, userId: string, days: number, reason: string): Promise<{ userId: string; until: string; notice: SafetyNotice | null }> {
    this.requireModerator(actor, 'user.moderate');
    return this.deps.uow.run((tx) => this.suspend(tx, actor, userId, days, reason, null));
  }

  private async suspend(tx: Tx, actor: Actor, userId: string, days: number, reason: string, post: PostRow | null) {
    if (!(await repo.findUser(tx.trx, userId))) throw notFound('That account was not found.');
    if (userId === actor.userId) throw conflict('You cannot suspend yourself.');
    const until = new Date(tx.now.getTime() + days * 86_400_000).toISOString();
    const id = newId(tx.now.getTime());
    // Sent to the member and kept with the suspension: screened first (ADR 064). From a report it is the resolution's note.
    const notice = await this.moderatorText(tx, actor, STAFF_TEXT.suspensionReason, id, reason, post ? 'note' : 'reason');
    await repo.insertSuspension(tx.trx, { id, user_id: userId, until, reason, created_by: actor.userId, created_at: tx.now.toISOString() });
    await tx.emitInternal(INTERNAL.authorNotified, {
      userId,
      threadId: post?.thread_id ?? null,
      postId: post?.id ?? null,
      message: `You cannot post in the community until ${until}. Reason from the moderators: ${reason}`,
    });
    return { userId, until, notice };
  }

  private async notifyAuthor(tx: Tx, post: PostRow, message: string): Promise<void> {
    if (!post.author_id) return;
    await tx.emitInternal(INTERNAL.authorNotified, { userId: post.author_id, threadId: post.thread_id, postId: post.id, message });
  }

  /** Resolves a report (and any other open report on the same post) with an action; reporters are told. */
  async resolveReport(actor: Actor, reportId: string, input: z.infer<typeof ResolveReportBody>): Promise<{ outcome: string; notice: SafetyNotice | null }> {
    this.requireModerator(actor);
    return this.deps.uow.run(async (tx) => {
      const report = await repo.findReport(tx.trx, reportId);
      if (!report) throw notFound('That report was not found.');
      if (report.status !== 'open') throw conflict('This report is already resolved.');
      if (input.action === 'edit') await this.openingAuthorFirst(tx, report.post_id);
      // Locked: a hide or an edit here decides from the post's state, which a decision on its hold may be changing.
      const post = (await this.lockedPost(tx, report.post_id))!;
      // The note goes to the author: screened before anything is done (ADR 064). A dismissal's note is
      // ignored (never stored nor sent, so not screened); a suspension's is its reason, screened as one
      // (with the suspension's id) below.
      let notice = input.note !== undefined && input.action !== 'suspend' && input.action !== 'dismiss' ? await this.moderatorText(tx, actor, STAFF_TEXT.moderatorNote, post.id, input.note, 'note') : null;
      let outcome: string;
      switch (input.action) {
        case 'dismiss':
          outcome = REPORT_OUTCOME_TEXT.no_action;
          break;
        case 'hide':
          if (post.state === 'visible' || post.state === 'pending') {
            await this.setPostState(tx, post, 'hidden');
            await this.notifyAuthor(tx, post, `A moderator hid one of your posts. Note from the moderator: ${input.note}`);
          }
          outcome = REPORT_OUTCOME_TEXT.post_hidden;
          break;
        case 'edit': {
          // As a moderator's edit: a deleted or removed post's words are gone for good.
          if (post.state === 'deleted' || post.state === 'removed') throw conflict(`This post is ${post.state}; there is nothing to edit.`);
          const { text } = await this.editedText(tx, post, input.body);
          const verdict = await this.moderatorEditScreened(tx, actor, post, text);
          const warnings = this.warningsFor(JSON.parse(post.warnings) as ContentWarning[], verdict.screening);
          await this.rewriteScreened(tx, post, verdict.notice.held, { editorId: actor.userId, editorRole: 'moderator', body: input.body, title: null, warnings, note: input.note });
          await this.notifyAuthor(tx, post, `A moderator edited one of your posts. Note from the moderator: ${input.note}`);
          outcome = REPORT_OUTCOME_TEXT.post_edited;
          break;
        }
        case 'warn':
          await this.notifyAuthor(tx, post, `A message from the moderators about one of your posts: ${input.note}`);
          outcome = REPORT_OUTCOME_TEXT.author_warned;
          break;
        case 'suspend':
          if (post.author_id) notice = (await this.suspend(tx, actor, post.author_id, input.days, input.note, post)).notice;
          else notice = await this.moderatorText(tx, actor, STAFF_TEXT.moderatorNote, post.id, input.note, 'note');
          outcome = REPORT_OUTCOME_TEXT.author_suspended;
          break;
      }
      // Every open report of the post (this one included), found by index: it used to be looked for in
      // the first 1000 of the open queue, so past that it (and this report) stayed open.
      const open = await repo.resolveOpenReportsOfPost(tx.trx, post.id, outcome, actor.userId, tx.now.toISOString());
      // Another moderator resolved it meanwhile: what this one did to the post is undone with the throw.
      if (!open.includes(report.id)) throw conflict('This report is already resolved.');
      await tx.emitInternal(INTERNAL.reportsResolved, { reportIds: open });
      return { outcome, notice };
    });
  }

  async history(actor: Actor, postId: string) {
    this.requireModerator(actor, 'post.history');
    const post = await repo.findPost(this.deps.db, postId);
    if (!post) throw notFound('That post was not found.');
    return repo.listEdits(this.deps.db, post.id);
  }

  /** Names an anonymous author to a moderator, with a reason the author reads on "Who saw my data". */
  async revealAuthor(actor: Actor, postId: string, reason: string) {
    this.requireModerator(actor, 'post.reveal_author');
    return this.deps.uow.run(async (tx) => {
      const post = await repo.findPost(tx.trx, postId);
      if (!post) throw notFound('That post was not found.');
      if (post.anonymous !== 1) throw conflict('This post is not anonymous.');
      // The reason reaches the author's "Who saw my data": screened as a moderator's note (ADR 064).
      const notice = await this.moderatorText(tx, actor, STAFF_TEXT.revealReason, post.id, reason, 'reason');
      if (post.author_id) {
        await recordAccess(
          tx.trx,
          {
            subjectUserId: post.author_id,
            actorId: actor.userId,
            actorRole: hasRole(actor, 'supervisor') ? 'supervisor' : 'admin',
            action: 'community.anonymous_author_revealed',
            objectType: 'post',
            objectId: post.id,
            reason: `A moderator looked up who wrote one of your anonymous posts. Their reason: ${reason}`,
          },
          tx.now,
        );
      }
      return { postId: post.id, user: post.author_id && post.author_handle ? { id: post.author_id, handle: post.author_handle } : null, notice };
    });
  }

  // ── held content (safety) ───────────────────────────────────────────────────
  /** How a supervisor's decision on a post held by the safety screen is applied. */
  /**
   * A report's note, held when it names methods: it is read only by its writer and by moderators
   * (supervisors and admins, who review held content anyway), as a mentoring report's note. Releasing
   * changes nothing; removing drops the words (the report stays); an edit replaces them.
   */
  heldReportNoteHandler(): HeldContentHandler {
    return {
      objectType: REPORT_NOTE,
      surface: 'other',
      preview: async (tx, id) => {
        const note = (await repo.findReport(tx.trx, id))?.note;
        return note ? { text: note, anonymous: false } : null;
      },
      release: async () => undefined,
      remove: (tx, id) => repo.setReportNote(tx.trx, id, null),
      replaceText: (tx, id, text) => repo.setReportNote(tx.trx, id, text),
    };
  }

  /**
   * A post's words for the supervisor who opens an alert raised on it (the alert names its writer, so
   * an anonymous post's too, flagged `anonymous` so the panel never names them in the thread: ADR 005):
   * an opening post with its thread's title; deleted or removed words are gone. The link to its thread
   * only when the supervisor may read the thread.
   */
  alertSource(): AlertWordsSource {
    return {
      objectType: 'post',
      words: async (tx, postId) => {
        const post = await repo.findPost(tx.trx, postId);
        if (!post || post.state === 'deleted' || post.state === 'removed') return { state: 'gone' };
        const title = post.is_opening === 1 ? ((await repo.findThread(tx.trx, post.thread_id))?.title ?? null) : null;
        return { state: 'shown', text: post.body_source, title, link: `/community/threads/${post.thread_id}`, anonymous: post.anonymous === 1 };
      },
      mayOpen: async (reader, _postId, link) => {
        const threadId = link.slice('/community/threads/'.length);
        return (await this.readableThreadIds(reader, [threadId])).has(threadId);
      },
    };
  }

  heldPostHandler(): HeldContentHandler {
    return {
      objectType: 'post',
      lock: async (tx, postId) => {
        await this.lockedPost(tx, postId);
      },
      // An opening post is screened as its thread's title with its body (`editedText`), so either may be
      // what was held: the reviewer reads both. A held title edit is already the thread's title (`rewrite`
      // writes it, the thread waits with the post), as a held body is already the post's.
      preview: async (tx, postId) => {
        const post = await repo.findPost(tx.trx, postId);
        if (!post) return null;
        const title = post.is_opening === 1 ? (await repo.findThread(tx.trx, post.thread_id))?.title : undefined;
        return { text: post.body_source, anonymous: post.anonymous === 1, ...(title !== undefined ? { title } : {}) };
      },
      acceptsTitle: async (tx, postId) => (await repo.findPost(tx.trx, postId))?.is_opening === 1,
      // Removed or deleted: its words went for good, and new ones would bring it back (ADR 052).
      refusesWords: async (tx, postId) => {
        const post = await repo.findPost(tx.trx, postId);
        if (!post) return 'This post no longer exists.';
        if (post.state === 'deleted') return 'This post was deleted by its author.';
        if (post.state === 'removed') return 'This post was removed.';
        return null;
      },
      // A reviewer's edit is screened as every other edit of the post (ADR 055): an opening post's title
      // (the reviewer's new one, or its thread's) with the body, under the post's lock (`lock` ran first).
      screenedAs: async (tx, postId, text, title) => {
        const post = await repo.findPost(tx.trx, postId);
        if (!post) return { text, title: null, surface: 'reply' };
        const edited = await this.editedText(tx, post, text, title);
        return { ...edited, surface: post.is_opening === 1 ? 'post' : 'reply' };
      },
      // A decision lifts the hold and nothing else: a post a moderator hid stays hidden (and a
      // restore then shows it), a removed or deleted one stays so (ADR 052). Each decides from the
      // locked row, so a hide, restore or delete committed meanwhile is seen, not overwritten.
      release: async (tx, postId) => {
        const post = await this.lockedPost(tx, postId);
        if (!post || (post.state !== 'pending' && post.pending_reason === null)) return;
        await this.liftSafetyHold(tx, post);
      },
      remove: async (tx, postId) => {
        const post = await this.lockedPost(tx, postId);
        if (!post) return;
        // Deleted by its author (or removed already): it stays as it is, its words are gone already; only
        // the hold ends (as a release's: nothing is published). A removal would overwrite the author's
        // delete, and an opening post's would take its thread, with everyone's replies, off the pages.
        if (post.state === 'deleted' || post.state === 'removed') {
          await this.liftSafetyHold(tx, post);
          return;
        }
        const iso = tx.now.toISOString();
        await repo.updatePost(tx.trx, post.id, { state: 'removed', pending_reason: null, body_source: '', body_html: '', body_text: '', updated_at: iso });
        if (post.is_opening === 1) await repo.updateThread(tx.trx, post.thread_id, { state: 'removed', updated_at: iso });
        // Like a moderator's hide: open thread pages and every instance's cached lists must hear of it.
        // `post` is the row before the removal (neither deleted nor removed: its thread's state was its own).
        await this.postChanged(tx, post, 'removed', post.is_opening === 1 && post.state === 'visible');
        // After the event (NARROWED_AFTER_EVENT): members taken out of the thread's room by the recheck hear it first.
        if (post.is_opening === 1) await tx.emitInternal(THREADS_NARROWED, { threadIds: [post.thread_id] });
      },
      replaceText: async (tx, postId, text, title, by) => {
        const post = await this.lockedPost(tx, postId);
        // Removed or deleted: its words went for good, and new ones would bring it back.
        if (!post || post.state === 'removed' || post.state === 'deleted') return;
        if (title !== undefined && post.is_opening !== 1) throw badRequest('title: only an opening post has a title', { fields: [{ path: 'title', message: 'only an opening post has a title' }] });
        const iso = tx.now.toISOString();
        const thread = (await repo.findThread(tx.trx, post.thread_id))!;
        // The words replaced stay in the history moderators read, as every other edit's: the reviewer is
        // its editor, recorded as a moderator's edit is (named to moderators), with a note saying where.
        await repo.insertEdit(tx.trx, {
          id: newId(tx.now.getTime()),
          post_id: post.id,
          editor_id: by.reviewerId,
          editor_role: 'moderator',
          previous_source: post.body_source,
          previous_title: post.is_opening === 1 && title !== undefined && title !== thread.title ? thread.title : null,
          note: HELD_QUEUE_EDIT_NOTE,
          created_at: iso,
        });
        // The post's warnings kept (chosen and drawn by its held words alike: the row does not tell them
        // apart) with those the reviewer's words draw added: never taken off (ADR 055).
        const warnings = this.warningsFor(JSON.parse(post.warnings) as ContentWarning[], by.screening);
        const rendered = renderMarkdown(text);
        // The reviewer's title replaces the held one before the hold is lifted, so a publish announces it.
        if (post.is_opening === 1) await repo.updateThread(tx.trx, post.thread_id, { ...(title !== undefined ? { title } : {}), warnings, updated_at: iso });
        const searchTitle = title !== undefined ? { search_title: title } : {};
        const state = await this.liftSafetyHold(tx, post, { body_source: text, body_html: rendered.html, body_text: rendered.text, ...searchTitle, warnings, edited_at: iso });
        if (post.state !== 'pending' && state === 'visible') await this.postChanged(tx, post, 'visible');
        // Hidden, or still waiting as a first post: only its author and moderators read it, afresh (its
        // thread's content version moved).
      },
    };
  }

  // ── notifications (outbox consumer) ─────────────────────────────────────────
  /** Turns community events into notifications, once per event, inside the dispatch transaction. */
  consumers(): OutboxConsumer[] {
    return [
      {
        name: 'community-notifications',
        types: Object.values(INTERNAL),
        handle: (event, tx) => this.notifyFor(event, tx),
        handleBatch: async (events, tx) => {
          if (events[0]?.type === INTERNAL.postPublished) return this.notifyPublished(tx, events.map((e) => (e.data as { postId: string }).postId));
          for (const event of events) await this.notifyFor(event, tx);
        },
      },
    ];
  }

  /**
   * Posts became visible: their mentions, the thread's author and its followers hear of them, all
   * the posts of a dispatch batch in one pass (ADR 021): the posts (with their authors' handles),
   * their threads (with who may read their spaces, ADR 031), the people mentioned and the
   * followers are each one query, and the notifications one `notifyMany`,
   * where a follower gets one notice for the first of several replies to a thread (ADR 012), as
   * when the posts came one by one. Recipients are in post order, so notices keep that order.
   */
  private async notifyPublished(tx: Tx, postIds: readonly string[]): Promise<void> {
    const found = new Map((await repo.postsToAnnounce(tx.trx, [...new Set(postIds)])).map((p) => [p.id, p]));
    const posts = postIds.flatMap((id) => {
      const p = found.get(id);
      return p && p.state === 'visible' ? [p] : [];
    });
    if (posts.length === 0) return;
    // Each thread with who may read its space, in one read (ADR 031).
    const threads = new Map((await repo.threadsToAnnounce(tx.trx, [...new Set(posts.map((p) => p.thread_id))])).map((t) => [t.id, t]));
    const handles = posts.map((p) => mentionedHandles(p.body_source));
    const mentioned = await repo.usersByHandleKeys(tx.trx, [...new Set(handles.flat())]);
    const replied = [...new Set(posts.filter((p) => p.is_opening !== 1).map((p) => p.thread_id))];
    // Followers who already hold an unread notice of this thread are not even read (ADR 012, 027).
    const followers = await repo.followersWithoutNotice(tx.trx, replied);
    const inputs: NotifyInput[] = [];
    for (const [i, post] of posts.entries()) {
      const thread = threads.get(post.thread_id);
      if (!thread?.space_visibility) continue;
      const space = { visibility: thread.space_visibility, program_id: thread.space_program_id };
      const keys = new Set(handles[i]);
      const recipients = new Map<string, 'mention' | 'reply' | 'followed'>();
      for (const u of mentioned) if (keys.has(u.handle_key)) recipients.set(u.id, 'mention');
      if (post.is_opening !== 1) {
        if (thread.author_id && !recipients.has(thread.author_id)) recipients.set(thread.author_id, 'reply');
        for (const f of followers.get(thread.id) ?? []) if (!recipients.has(f)) recipients.set(f, 'followed');
      }
      recipients.delete(post.author_id ?? '');
      // Never tell someone about a thread they cannot open (program-only spaces, held threads).
      const maySee = await this.usersWhoMaySee(tx.trx, [...recipients.keys()], thread, space);
      for (const [userId, kind] of recipients) {
        if (!maySee.has(userId)) continue;
        // The labels its notice shows, read here already: not read again (ADR 031).
        const labels = { threadTitle: thread.title, actorHandle: post.anonymous === 1 ? null : post.author_handle };
        inputs.push({ userId, kind, threadId: thread.id, postId: post.id, actorId: post.author_id, actorAnonymous: post.anonymous === 1, labels });
      }
    }
    await this.deps.notifications.notifyMany(tx, inputs);
  }

  private async notifyFor(event: BusEvent, tx: Tx): Promise<void> {
    const n = this.deps.notifications;
    if (event.type === INTERNAL.postPublished) {
      await this.notifyPublished(tx, [(event.data as { postId: string }).postId]);
    } else if (event.type === INTERNAL.reactionAdded) {
      const { postId, userId, kind } = event.data as { postId: string; userId: string; kind: ReactionKind };
      const post = await repo.findPost(tx.trx, postId);
      if (!post?.author_id || post.author_id === userId) return;
      await n.notify(tx, { userId: post.author_id, kind: 'reaction', threadId: post.thread_id, postId, actorId: userId, actorAnonymous: false, reaction: kind });
    } else if (event.type === INTERNAL.reportsResolved) {
      const { reportIds } = event.data as { reportIds: string[] };
      for (const id of reportIds) {
        const r = await repo.findReport(tx.trx, id);
        if (!r?.reporter_id) continue;
        const post = await repo.findPost(tx.trx, r.post_id);
        await n.notify(tx, {
          userId: r.reporter_id,
          kind: 'moderation',
          threadId: post?.thread_id ?? null,
          postId: r.post_id,
          actorId: null,
          actorAnonymous: false,
          message: `Thank you for your report. A moderator reviewed it: ${r.outcome}.`,
          about: 'my_reports',
        });
      }
    } else if (event.type === INTERNAL.authorNotified) {
      const d = event.data as { userId: string; threadId: string | null; postId: string | null; message: string };
      await n.notify(tx, { userId: d.userId, kind: 'moderation', threadId: d.threadId, postId: d.postId, actorId: null, actorAnonymous: false, message: d.message });
    }
  }

  // ── personal data ───────────────────────────────────────────────────────────
  contributor(): PersonalDataContributor {
    return {
      name: 'community',
      export: async (tx, userId) => ({
        threads: (await repo.threadsBy(tx.trx, userId)).map((t) => ({ id: t.id, spaceId: t.space_id, kind: t.kind, title: t.title, anonymous: t.anonymous === 1, state: t.state, createdAt: t.created_at })),
        posts: (await repo.postsBy(tx.trx, userId)).map((p) => ({
          id: p.id,
          threadId: p.thread_id,
          isOpening: p.is_opening === 1,
          body: p.body_source,
          warnings: JSON.parse(p.warnings) as string[],
          anonymous: p.anonymous === 1,
          state: p.state,
          createdAt: p.created_at,
          editedAt: p.edited_at,
        })),
        reactions: (await repo.reactionsOf(tx.trx, userId)).map((r) => ({ postId: r.post_id, kind: r.kind, at: r.created_at })),
        following: (await repo.followsOf(tx.trx, userId)).map((f) => ({ threadId: f.thread_id, since: f.created_at })),
        contentWarningPreferences: Object.fromEntries(await repo.warningPrefs(tx.trx, userId)),
        reportsMade: (await repo.reportsBy(tx.trx, userId)).map((r) => ({ postId: r.post_id, reason: r.reason, note: r.note, status: r.status, outcome: r.outcome, at: r.created_at })),
        suspensions: (await repo.suspensionsOf(tx.trx, userId)).map((s) => ({ until: s.until, reason: s.reason, at: s.created_at })),
      }),
      erase: (tx, userId, publicPosts) => this.erase(tx, userId, publicPosts),
      // A post or message of theirs that arrived while the erasure ran: 409, not left behind anonymous (ADR 061).
      erased: (tx, userId) => nothingWrittenMeanwhile(tx, userId, [['posts', 'author_id'], ['threads', 'author_id']]),
      // An anonymous post's events carry its words but no author: erasure finds them by the post's
      // id, and an anonymous thread's by its title (notices name it), not by the thread's id, so
      // others' replies in it are still delivered (ADR 035). Kept words (`anonymize`) may stay.
      outboxKeys: async (tx, userId, publicPosts) => {
        if (publicPosts === 'anonymize') return { ids: [], titles: [] };
        const ids = (await repo.postsBy(tx.trx, userId)).filter((p) => p.anonymous === 1).map((p) => p.id);
        const titles = (await repo.threadsBy(tx.trx, userId)).filter((t) => t.anonymous === 1).map((t) => t.title);
        return { ids, titles };
      },
    };
  }

  /**
   * After an erasure changed their posts: each thread whose readers had words of theirs hears it once
   * (`community.thread_changed`: refetch, or `gone`), up to ERASURE_THREAD_ROOMS_MAX: those threads
   * (`words`) first, the most recently active first, then those where only reaction counts fell, the
   * most recently active first (a fallen count must not push out words that vanished); each space whose lists showed one of those threads hears it once
   * (`community.space_lists_changed`). Two outbox rows (fan-outs), however many posts, written with the
   * erasure: a crash cannot lose them, a rollback takes them back. Ids only: nothing of the person, their
   * words or which posts were theirs. A post off readers' pages (held from its creation, or edited into a
   * hold), and under `anonymize` an anonymous one (kept as readers had it), tells no one: its page does
   * not change, and an event would tie it to the person's other rooms (`erase` picks them).
   */
  private async erasureRooms(tx: Tx, shown: Pick<ThreadRow, 'id' | 'space_id' | 'state' | 'last_activity_at'>[], words: ReadonlySet<string>, deleted: ReadonlySet<string>): Promise<void> {
    if (shown.length === 0) return;
    const told = [...shown]
      .sort((a, b) => Number(words.has(b.id)) - Number(words.has(a.id)) || (a.last_activity_at < b.last_activity_at ? 1 : a.last_activity_at > b.last_activity_at ? -1 : 0))
      .slice(0, this.deps.erasureThreadRoomsMax ?? ERASURE_THREAD_ROOMS_MAX);
    await tx.emitMany(
      'community.thread_changed',
      told.map((t) => ({ data: { threadId: t.id, spaceId: t.space_id, gone: deleted.has(t.id) }, rooms: [`thread:${t.id}`] })),
    );
    // Every space whose lists showed one of them, capped or not: a space's room is one event, and spaces are few.
    const spaces = [...new Set(shown.filter((t) => t.state === 'visible').map((t) => t.space_id))];
    await tx.emitMany(
      'community.space_lists_changed',
      spaces.map((spaceId) => ({ data: { spaceId }, rooms: [`space:${spaceId}`] })),
    );
  }

  /**
   * Private things go (reactions, follows, preferences, reports, suspensions, edit history).
   * Public posts: `anonymize` keeps the words with no author; `delete` removes them — an opening
   * post others replied to becomes a "deleted" placeholder so their replies stay.
   */
  private async erase(tx: Tx, userId: string, publicPosts: 'delete' | 'anonymize'): Promise<void> {
    tx.afterCommit(() => this.readers.forget(userId));
    // Their `users` row, then all their posts' rows, before any thread's (PostgreSQL; users → posts
    // → threads, ADR 052, amendment on follows): removing their reactions moves threads' content
    // versions (migration 0015), and the loop below clears a thread's helped mark before it deletes
    // the next post; a mark of that post (post, then thread) waiting meanwhile deadlocked with it.
    // Their follows' and programs' removal moves their reader version (migration 0034): `users` first.
    await repo.lockReader(tx.trx, this.deps.dialect, userId);
    const posts = await repo.lockPostsBy(tx.trx, this.deps.dialect, userId);
    // Read before `erasePrivate` takes them: the threads where their reactions to others' posts were on
    // readers' pages. Those counts drop with the erasure: recounted below, and their rooms told.
    const reactedIn = await repo.threadsReactedIn(tx.trx, userId);
    await repo.erasePrivate(tx.trx, userId);
    await repo.deleteEditsOf(tx.trx, posts.map((p) => p.id));
    const threads = await repo.threadsBy(tx.trx, userId);
    const touched = new Set<string>([...posts.map((p) => p.thread_id), ...reactedIn]);
    // Read after `erasePrivate` (which changes no post or thread row) and before the posts and threads
    // change: the threads whose readers see a change (`erasureRooms` tells them after), and whether each
    // thread's lists showed it. A post changes what readers see when it is on their
    // pages (as `listPosts` shows them: not pending, published once) and, kept (`anonymize`), when it
    // was signed: an anonymous one keeps its words and its "Anonymous member". Telling the room of a
    // post whose page does not change would only tie it (perhaps anonymous) to the person's other rooms.
    // A thread where they only reacted changes too: its reaction counts drop (pages and lists). Not for
    // reactions to their own posts: under `anonymize` an anonymous post's count dropping at this moment
    // would tie it to them (under `delete` their shown posts' threads are told by the posts themselves).
    // Nor, under `anonymize`, a thread holding an anonymous post of theirs kept on readers' pages (a
    // reply, or the opening post of an anonymous thread they started), whatever else they reacted to
    // there: its refetch would show that post's count, or the thread's, falling at the moment their
    // signed words vanish elsewhere. Those are recounted silently, as the rest.
    const changesOnPages = (p: (typeof posts)[number]) => !offReadersPages(p) && (publicPosts === 'delete' || p.anonymous !== 1);
    const words = new Set(posts.filter(changesOnPages).map((p) => p.thread_id));
    const keptAnonymous = new Set(publicPosts === 'anonymize' ? posts.filter((p) => p.anonymous === 1 && !offReadersPages(p)).map((p) => p.thread_id) : []);
    const countsOnly = reactedIn.filter((id) => !words.has(id) && !keptAnonymous.has(id));
    const shown = await repo.threadPlaces(tx.trx, [...words, ...new Set(countsOnly)]);
    const iso = tx.now.toISOString();
    const deleted: string[] = [];
    if (publicPosts === 'anonymize') {
      // The words stay without their author. An anonymous post or thread stays anonymous: turned into
      // "former member" at the moment their signed posts were, it would be tied to them.
      for (const p of posts) await repo.updatePost(tx.trx, p.id, { author_id: null });
      for (const t of threads) await repo.updateThread(tx.trx, t.id, { author_id: null });
    } else {
      for (const p of posts.filter((p) => p.is_opening !== 1)) {
        await repo.clearHelpedMark(tx.trx, p.id);
        await repo.deletePost(tx.trx, p.id);
      }
      for (const t of threads) {
        if ((await repo.otherAuthorsIn(tx.trx, t.id, userId)) === 0) {
          await repo.deleteThread(tx.trx, t.id);
          deleted.push(t.id);
          touched.delete(t.id);
          continue;
        }
        const opening = await repo.openingPost(tx.trx, t.id);
        if (opening) {
          await repo.updatePost(tx.trx, opening.id, { author_id: null, anonymous: 0, body_source: '', body_html: '', body_text: '', search_title: '', state: 'deleted', updated_at: iso });
        }
        await repo.updateThread(tx.trx, t.id, { author_id: null, anonymous: 0, title: '[deleted]', updated_at: iso });
      }
    }
    // One statement per 500 threads, however many they reacted in (a deleted thread matches no row).
    await repo.refreshThreadsStats(tx.trx, [...touched]);
    // Before THREADS_NARROWED (NARROWED_AFTER_EVENT): a deleted thread's watchers hear it is gone before the recheck takes them out of its room.
    await this.erasureRooms(tx, shown, words, new Set(deleted));
    if (deleted.length > 0) await tx.emitInternal(THREADS_NARROWED, { threadIds: deleted });
    if (touched.size > 0 || threads.length > 0) await tx.emitInternal(INTERNAL.threadsChanged, { threadIds: [...new Set([...touched, ...threads.map((t) => t.id)])] });
  }
}

/**
 * An erasure tells at most this many thread rooms (ADR 059, amendment 2026-11-28): those of the threads
 * most recently active, the likeliest to be open; the others' readers catch up on their next fetch.
 */
export const ERASURE_THREAD_ROOMS_MAX = 200;

/** The words that say most about a text: longer, rarer-looking words, title words first. */
export function distinctiveTerms(title: string, body: string, max = 8): string[] {
  const words = (s: string) => (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 4 && w.length <= 40 && !STOPWORDS.has(w));
  const score = new Map<string, number>();
  for (const w of words(title)) score.set(w, (score.get(w) ?? 0) + 3 + w.length / 4);
  for (const w of words(body)) score.set(w, (score.get(w) ?? 0) + 1 + w.length / 8);
  return [...score].sort((a, b) => b[1] - a[1]).slice(0, max).map(([w]) => w);
}

type ListKind = ThreadListOptions['list'];

/** The keyset a list pages by (see `communitiesRepository.listThreads`). */
function listKeyset(list: ListKind, t: ThreadRow): Keyset {
  return list === 'top' ? { value: t.score, id: t.id } : list === 'unanswered' || list === 'mine' ? { value: 0, id: t.id } : { value: t.last_activity_at, id: t.id };
}

/** A stand-in row at a keyset position, to compare rows with it. */
function keysetRow(list: ListKind, k: Keyset): Pick<ThreadRow, 'id' | 'score' | 'last_activity_at'> {
  return { id: k.id, score: list === 'top' ? Number(k.value) : 0, last_activity_at: list === 'top' ? '' : String(k.value) };
}

/** The order of a list, as `listThreads` sorts it: negative when `a` comes first. */
function listOrder(list: ListKind, a: Pick<ThreadRow, 'id' | 'score' | 'last_activity_at'>, b: Pick<ThreadRow, 'id' | 'score' | 'last_activity_at'>): number {
  const byIdDesc = a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  if (list === 'top') return a.score !== b.score ? b.score - a.score : byIdDesc;
  if (list === 'unanswered') return -byIdDesc;
  if (list === 'mine') return byIdDesc;
  return a.last_activity_at !== b.last_activity_at ? (a.last_activity_at < b.last_activity_at ? 1 : -1) : byIdDesc;
}
