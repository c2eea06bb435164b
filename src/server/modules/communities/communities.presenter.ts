import type { z } from 'zod';
import {
  PostView,
  SpaceView,
  ThreadView,
  type PostPage,
  type ThreadDetail,
  type ThreadPage,
  type AuthorView,
  type ContentWarning,
  type Highlighted,
  type PostEditView,
  type ProgramView,
  type ReactionKind,
  type ReportView,
  type WarningMode,
  type MyReportView,
  type ReportOutcome,
  REPORT_EXCERPT_CHARS,
} from '../../../contracts/communities.js';
import { keepCompressedCopies } from '../../platform/compression.js';
import { JsonTemplate, jsonSerializer, preSerialized, utf8ToKeep } from '../../platform/response-serializer.js';
import type { PostRow, SpaceRow, ThreadRow } from './communities.repository.js';
import { MARK_END, MARK_START } from './communities.repository.js';
import { excerptOf } from '../../platform/excerpt.js';

/**
 * The privacy boundary of the community. An anonymous author is `user: null`, "Anonymous member"
 * for every reader, moderators included (they use the audited reveal), except the author, who
 * sees "you (anonymous)". Nothing else in a response names them.
 */

export interface Viewer {
  userId: string;
  moderator: boolean;
  prefs: ReadonlyMap<string, WarningMode>;
}

/** The reader of an event sent to a room: any member who may join it; nobody's own view. */
export const ROOM_VIEWER: Viewer = { userId: '', moderator: false, prefs: new Map() };

export const ANONYMOUS_LABEL = 'Anonymous member';
export const SELF_ANONYMOUS_LABEL = 'you (anonymous)';
export const FORMER_MEMBER_LABEL = 'former member';

export function presentAuthor(
  row: { author_id: string | null; author_handle: string | null; anonymous: number },
  viewer: Viewer,
): z.infer<typeof AuthorView> {
  const isMe = !!row.author_id && row.author_id === viewer.userId;
  if (row.anonymous === 1) {
    return isMe
      ? { user: { id: row.author_id!, handle: row.author_handle ?? '' }, label: SELF_ANONYMOUS_LABEL, anonymous: true, isMe: true }
      : { user: null, label: ANONYMOUS_LABEL, anonymous: true, isMe: false };
  }
  if (!row.author_id || !row.author_handle) return { user: null, label: FORMER_MEMBER_LABEL, anonymous: false, isMe: false };
  return { user: { id: row.author_id, handle: row.author_handle }, label: row.author_handle, anonymous: false, isMe };
}

export const parseWarnings = (json: string) => JSON.parse(json) as ContentWarning[];

/** Collapsed unless the reader chose "always show" for every warning the text carries. */
export function isCollapsed(warnings: readonly string[], prefs: ReadonlyMap<string, WarningMode>): boolean {
  return warnings.some((w) => (prefs.get(w) ?? 'ask') !== 'show');
}

export function presentSpace(s: SpaceRow): SpaceView {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    houseRules: s.house_rules,
    visibility: s.visibility,
    programId: s.program_id,
    allowAnonymous: s.allow_anonymous === 1,
  };
}

export function presentThread(t: ThreadRow, viewer: Viewer, following = false): ThreadView {
  const warnings = parseWarnings(t.warnings);
  return {
    id: t.id,
    spaceId: t.space_id,
    kind: t.kind,
    title: t.title,
    author: presentAuthor(t, viewer),
    state: t.state,
    warnings,
    collapsed: isCollapsed(warnings, viewer.prefs),
    replyCount: t.reply_count,
    reactionCount: t.reaction_count,
    helpedPostId: t.helped_post_id,
    slowModeSeconds: t.slow_mode_seconds,
    following,
    lastActivityAt: t.last_activity_at,
    createdAt: t.created_at,
  };
}

export interface PostExtras {
  counts?: Record<ReactionKind, number> | undefined;
  mine?: ReactionKind[] | undefined;
  helpedPostId?: string | null | undefined;
}

export function presentPost(p: PostRow, viewer: Viewer, extras: PostExtras = {}): PostView {
  const warnings = parseWarnings(p.warnings);
  const own = !!p.author_id && p.author_id === viewer.userId;
  const bodyGone = p.state === 'removed' || p.state === 'deleted';
  const bodyVisible = !bodyGone && (p.state === 'visible' || own || viewer.moderator);
  return {
    id: p.id,
    threadId: p.thread_id,
    isOpening: p.is_opening === 1,
    author: presentAuthor(p, viewer),
    state: p.state,
    bodyHtml: bodyVisible ? p.body_html : null,
    bodySource: bodyVisible && (own || viewer.moderator) ? p.body_source : null,
    pendingReason: p.state === 'pending' && (own || viewer.moderator) ? p.pending_reason : null,
    warnings,
    collapsed: isCollapsed(warnings, viewer.prefs),
    reactions: extras.counts ?? { relate: 0, strength: 0, helped: 0 },
    myReactions: extras.mine ?? [],
    helpedMost: !!extras.helpedPostId && extras.helpedPostId === p.id,
    edited: p.edited_at !== null,
    createdAt: p.created_at,
    editedAt: p.edited_at,
  };
}

export function presentEdit(e: {
  id: string;
  created_at: string;
  editor_role: 'author' | 'moderator';
  editor_handle: string | null;
  previous_source: string;
  previous_title: string | null;
  note: string | null;
}): z.infer<typeof PostEditView> {
  return {
    id: e.id,
    at: e.created_at,
    editorRole: e.editor_role,
    // The author may be anonymous: only a moderator's own edits carry a name.
    editorHandle: e.editor_role === 'moderator' ? e.editor_handle : null,
    previousBody: e.previous_source,
    previousTitle: e.previous_title,
    note: e.note,
  };
}

export function presentReport(
  r: { id: string; reason: string; note: string | null; status: 'open' | 'resolved'; outcome: string | null; created_at: string; resolved_at: string | null; thread_id: string; thread_title: string },
  post: PostView,
): z.infer<typeof ReportView> {
  return {
    id: r.id,
    reason: r.reason as z.infer<typeof ReportView>['reason'],
    note: r.note,
    status: r.status,
    outcome: r.outcome,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    post,
    threadId: r.thread_id,
    threadTitle: r.thread_title,
  };
}

/**
 * A resolved report's outcome as stored, which is also how the outcome notification words it
 * ("A moderator reviewed it: the post was hidden."). One table for both, so that the reporter's
 * list can never say more than the notification did.
 */
export const REPORT_OUTCOME_TEXT: Record<Exclude<ReportOutcome, 'reviewed'>, string> = {
  no_action: 'reviewed: no action needed',
  post_hidden: 'the post was hidden',
  post_edited: 'the post was edited',
  author_warned: 'the author was warned',
  author_suspended: 'the author was suspended',
};
/** How much of a reported post's text is read for its excerpt: collapsing whitespace can shrink it a lot. */
export const REPORT_TEXT_READ = REPORT_EXCERPT_CHARS * 4;

const OUTCOME_BY_TEXT = new Map(Object.entries(REPORT_OUTCOME_TEXT).map(([code, text]) => [text, code as ReportOutcome]));

/**
 * One of the reader's own reports. No moderator, no moderator's note, no author: the reporter
 * learns what the outcome notification tells them. The post (where, a short excerpt) only when
 * `readable`: the service decides that with the thread page's rules.
 */
export function presentMyReport(
  r: {
    id: string;
    reason: string;
    note: string | null;
    status: 'open' | 'resolved';
    outcome: string | null;
    resolved_at: string | null;
    created_at: string;
    post_id: string;
    post_warnings: string;
    post_text: string;
    thread_id: string;
    thread_title: string;
  },
  readable: boolean,
  viewer: Viewer,
): MyReportView {
  const warnings = parseWarnings(r.post_warnings);
  return {
    id: r.id,
    reason: r.reason as MyReportView['reason'],
    note: r.note,
    createdAt: r.created_at,
    status: r.status,
    outcome: r.status === 'resolved' ? (OUTCOME_BY_TEXT.get(r.outcome ?? '') ?? 'reviewed') : null,
    decidedAt: r.status === 'resolved' ? r.resolved_at : null,
    post: readable
      ? { id: r.post_id, threadId: r.thread_id, threadTitle: r.thread_title, excerpt: excerptOf(r.post_text, REPORT_EXCERPT_CHARS, Array.from(r.post_text).length >= REPORT_TEXT_READ), warnings, collapsed: isCollapsed(warnings, viewer.prefs) }
      : null,
  };
}

export function presentProgram(p: { id: string; name: string; created_at: string }): z.infer<typeof ProgramView> {
  return { id: p.id, name: p.name, createdAt: p.created_at };
}

/** Turns engine-marked text into plain text plus match ranges: the client renders it safely. */
export function presentHighlighted(marked: string | null): z.infer<typeof Highlighted> {
  const ranges: [number, number][] = [];
  let text = '';
  let start = -1;
  for (const ch of marked ?? '') {
    if (ch === MARK_START) start = text.length;
    else if (ch === MARK_END) {
      if (start >= 0 && text.length > start) ranges.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text, ranges };
}

// ── JSON written ahead (ADR 020) ───────────────────────────────────────────────
// A post or a thread is the same text for every reader who is neither its author nor (for posts) a
// moderator, but for a few values of their own. Its template is that text, made once by the
// presenters above for a reader who is nobody (ROOM_VIEWER), with those values left open; a reader
// it is not exactly theirs (the author, a moderator) gets the post presented for them.

const postJson = jsonSerializer(PostView);
const threadJson = jsonSerializer(ThreadView);
const spaceJson = jsonSerializer(SpaceView);

/** A post's JSON for every reader but its author and moderators, open at `collapsed`, `myReactions`, `helpedMost`. */
export interface PostTemplate {
  json: JsonTemplate;
  warnings: ContentWarning[];
}

/** The template of a post with these reaction counts (the shared page's: both move the thread's content version). */
export function postTemplate(p: PostRow, counts: Record<ReactionKind, number> | undefined): PostTemplate {
  const view = presentPost(p, ROOM_VIEWER, { counts });
  const json = JsonTemplate.of(postJson(view), [
    ['collapsed', view.collapsed],
    ['myReactions', view.myReactions],
    ['helpedMost', view.helpedMost],
  ]);
  return { json, warnings: view.warnings };
}

/** A response part as JSON text, and the same part presented (for the test suite's check against zod). */
export interface Written<T> {
  readonly json: string;
  view(): T;
}

const REACTIONS_JSON = new Map<string, string>();
/** `["relate","helped"]`: few combinations, each written once. */
function reactionsJson(mine: readonly ReactionKind[] | undefined): string {
  if (!mine || mine.length === 0) return '[]';
  const key = mine.join(',');
  let json = REACTIONS_JSON.get(key);
  if (json === undefined) REACTIONS_JSON.set(key, (json = JSON.stringify(mine)));
  return json;
}

/** A post written for one reader (a class, not a closure per post: this runs for every post of every page). */
class WrittenPost implements Written<PostView> {
  constructor(
    readonly json: string,
    private readonly p: PostRow,
    private readonly viewer: Viewer,
    private readonly extras: PostExtras,
  ) {}
  view(): PostView {
    return presentPost(this.p, this.viewer, this.extras);
  }
}

/** A post from its template with this reader's values, written only when its text is asked for (a page's kept bytes may make it unneeded). */
class TemplatedPost implements Written<PostView> {
  constructor(
    private readonly template: PostTemplate,
    private readonly values: readonly string[],
    private readonly p: PostRow,
    private readonly viewer: Viewer,
    private readonly extras: PostExtras,
  ) {}
  get json(): string {
    return this.template.json.fill(this.values);
  }
  view(): PostView {
    return presentPost(this.p, this.viewer, this.extras);
  }
}

/** Whether the template is exactly this reader's post (not their own, and they are not a moderator). */
const templateIsTheirs = (p: PostRow, template: PostTemplate | undefined, viewer: Viewer): template is PostTemplate =>
  !!template && !viewer.moderator && !(p.author_id && p.author_id === viewer.userId);

/** The reader's values of a templated post, as JSON texts, in the template's order. */
const templateValues = (p: PostRow, template: PostTemplate, viewer: Viewer, extras: PostExtras): string[] => [
  String(isCollapsed(template.warnings, viewer.prefs)),
  reactionsJson(extras.mine),
  String(!!extras.helpedPostId && extras.helpedPostId === p.id),
];

/** Told how many bytes what a cache entry holds grew (or, negative, shrank) by: its owner counts them against its bound. */
export type BytesCounter = (bytes: number) => void;

/**
 * An array's UTF-8 bytes (a page's posts, a list's threads), and the last whole response written
 * around them: most readers of a page get the very same thread and space around it, and of a list
 * the same cursor, so the same bytes are sent again (ADR 037).
 * Never changed once made (a response being sent may hold them).
 */
export class KeptArray {
  private head = '';
  private tail = '';
  private whole: Buffer | null = null;
  /** `whole`'s bytes and its compressed copies' so far. */
  private wholeHeld = 0;
  /** What it holds, in bytes, as counted to `counted`: the key (UTF-16), the array, the response around it and that response's compressed copies. */
  private held: number;

  constructor(
    readonly bytes: Buffer,
    key: string,
    private counted: BytesCounter | null,
  ) {
    this.held = 2 * key.length + bytes.length;
  }

  /** The bytes it holds now (the owner's count of it). */
  get heldBytes(): number {
    return this.held;
  }

  /** Forgotten by its owner: returns the bytes it held, and counts nothing more (a copy made later is not the owner's). */
  release(): number {
    this.counted = null;
    return this.held;
  }

  /**
   * `head`, the array, `tail`, as bytes: the last ones again when `head` and `tail` are the same text.
   * Kept, so in an allocation of their own (as `utf8ToKeep`): `Buffer.concat` of a short response
   * (a list of a few threads) takes a slice of Node's shared 8 KB pool, which it would keep alive.
   * Counted when made; the response it replaces is released with its copies.
   */
  around(head: string, tail: string): Buffer {
    if (this.whole === null || head !== this.head || tail !== this.tail) {
      const headLength = Buffer.byteLength(head, 'utf8');
      const whole = Buffer.allocUnsafeSlow(headLength + this.bytes.length + Buffer.byteLength(tail, 'utf8'));
      whole.write(head, 0, 'utf8');
      this.bytes.copy(whole, headLength);
      whole.write(tail, headLength + this.bytes.length, 'utf8');
      // Sent again to every reader with the same values: its Brotli and gzip copies are made once,
      // each counted when it is made, while this is still the response kept.
      const copyKept = (copyBytes: number) => {
        if (this.whole !== whole) return;
        this.wholeHeld += copyBytes;
        this.grow(copyBytes);
      };
      const replaced = this.wholeHeld;
      this.whole = keepCompressedCopies(whole, copyKept);
      this.wholeHeld = whole.length;
      this.head = head;
      this.tail = tail;
      this.grow(whole.length - replaced);
    }
    return this.whole;
  }

  private grow(bytes: number): void {
    this.held += bytes;
    this.counted?.(bytes);
  }
}

/**
 * The bytes of a shared array of templated items (a page's posts, a list's threads), by the values
 * its readers fill in (ADR 037): the array's text is its templates (fixed for the shared page or
 * list object, which a change replaces with a new one) with those values, so the same values give
 * the same bytes. A few per array, the most recently used kept. What they hold is counted to the
 * cache entry that keeps this (`countedBy`) as it is made: arrays, responses and compressed copies
 * (ADR 037, amendment of 2026-11-27).
 */
export class ArrayBytes {
  static readonly KEPT = 4;
  private readonly byValues = new Map<string, KeptArray>();
  private counted: BytesCounter | null = null;
  private held = 0;

  /** The bytes it holds now (what an owner adds when it starts counting it). */
  get heldBytes(): number {
    return this.held;
  }

  /** From now on, every byte it keeps or lets go is told to `counted` (the cache entry that keeps it). */
  countedBy(counted: BytesCounter): void {
    this.counted = counted;
  }

  /** The array for these values. */
  get(values: string, items: readonly Written<unknown>[]): KeptArray {
    let kept = this.byValues.get(values);
    if (kept !== undefined) {
      // Back to the end: the Map's order is the eviction order.
      this.byValues.delete(values);
      this.byValues.set(values, kept);
      return kept;
    }
    if (this.byValues.size >= ArrayBytes.KEPT) {
      const [oldestKey, oldest] = this.byValues.entries().next().value!;
      this.byValues.delete(oldestKey);
      this.grow(-oldest.release());
    }
    // Kept until the array is replaced: its own allocation, not a slice of the shared pool (ADR 053).
    kept = new KeptArray(utf8ToKeep(jsonArray(items)), values, (bytes) => this.grow(bytes));
    this.byValues.set(values, kept);
    this.grow(kept.heldBytes);
    return kept;
  }

  private grow(bytes: number): void {
    this.held += bytes;
    this.counted?.(bytes);
  }
}

/**
 * A page's posts for this reader, each from its template when that is exactly theirs, else presented
 * for them; when every post is its template's (the reader wrote none of them
 * and is not a moderator), also the whole array's bytes from `arrays`, shared with every reader who
 * fills in the same values (most readers: nothing folded differently, no reaction of their own).
 */
export function writePosts(
  rows: readonly PostRow[],
  templates: readonly PostTemplate[],
  viewer: Viewer,
  extrasOf: (p: PostRow) => PostExtras,
  arrays: ArrayBytes | null,
): { posts: Written<PostView>[]; kept: KeptArray | null } {
  const posts: Written<PostView>[] = [];
  let key: string | null = arrays ? '' : null;
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    const template = templates[i];
    const extras = extrasOf(p);
    if (!templateIsTheirs(p, template, viewer)) {
      key = null;
      posts.push(new WrittenPost(postJson(presentPost(p, viewer, extras)), p, viewer, extras));
      continue;
    }
    const values = templateValues(p, template, viewer, extras);
    // The values are JSON booleans and arrays of reaction names: a space never occurs in them.
    if (key !== null) key += `${values[0]} ${values[1]} ${values[2]} `;
    posts.push(new TemplatedPost(template, values, p, viewer, extras));
  }
  return { posts, kept: key === null || !arrays ? null : arrays.get(key, posts) };
}

/** A thread's JSON for every reader but its author, open at `collapsed` and `following`. */
export interface ThreadTemplate {
  json: JsonTemplate;
  warnings: ContentWarning[];
}

export function threadTemplate(t: ThreadRow): ThreadTemplate {
  const view = presentThread(t, ROOM_VIEWER, false);
  return { json: JsonTemplate.of(threadJson(view), [['collapsed', view.collapsed], ['following', view.following]]), warnings: view.warnings };
}

class WrittenThread implements Written<ThreadView> {
  constructor(
    readonly json: string,
    private readonly t: ThreadRow,
    private readonly viewer: Viewer,
    private readonly following: boolean,
  ) {}
  view(): ThreadView {
    return presentThread(this.t, this.viewer, this.following);
  }
}

/** A thread from its template with this reader's values, written only when its text is asked for (a list's kept bytes may make it unneeded). */
class TemplatedThread implements Written<ThreadView> {
  constructor(
    private readonly template: ThreadTemplate,
    private readonly collapsed: boolean,
    private readonly t: ThreadRow,
    private readonly viewer: Viewer,
    private readonly following: boolean,
  ) {}
  get json(): string {
    return this.template.json.fill([String(this.collapsed), String(this.following)]);
  }
  view(): ThreadView {
    return presentThread(this.t, this.viewer, this.following);
  }
}

/** Whether the template is exactly this reader's thread (they are not its author; moderators read threads as anyone). */
const threadTemplateIsTheirs = (t: ThreadRow, template: ThreadTemplate | undefined, viewer: Viewer): template is ThreadTemplate =>
  !!template && !(t.author_id && t.author_id === viewer.userId);

/** The thread for this reader: from its template when that is exactly theirs (not the author), else presented for them. */
export function writeThread(t: ThreadRow, template: ThreadTemplate | undefined, viewer: Viewer, following: boolean): Written<ThreadView> {
  if (!threadTemplateIsTheirs(t, template, viewer)) return new WrittenThread(threadJson(presentThread(t, viewer, following)), t, viewer, following);
  return new TemplatedThread(template, isCollapsed(template.warnings, viewer.prefs), t, viewer, following);
}

/**
 * A list's threads for this reader, each from its template when that is exactly theirs, else
 * presented for them; when every thread is its template's (the reader wrote none of them), also
 * the whole array's bytes from `arrays`, shared with every reader who fills in the same values
 * (their folds and follows of these threads). The values are read per request (the reader's
 * warning choices and follows); which threads are in the list was decided before, per request.
 */
export function writeThreads(
  rows: readonly ThreadRow[],
  templates: ReadonlyMap<ThreadRow, ThreadTemplate> | undefined,
  viewer: Viewer,
  following: ReadonlySet<string>,
  arrays: ArrayBytes | null,
): { threads: Written<ThreadView>[]; kept: KeptArray | null } {
  const threads: Written<ThreadView>[] = [];
  // Two characters a thread, in the list's order (its rows are fixed for `arrays`' list object).
  let key: string | null = arrays ? '' : null;
  for (const t of rows) {
    const template = templates?.get(t);
    const follows = following.has(t.id);
    if (!threadTemplateIsTheirs(t, template, viewer)) {
      key = null;
      threads.push(new WrittenThread(threadJson(presentThread(t, viewer, follows)), t, viewer, follows));
      continue;
    }
    const collapsed = isCollapsed(template.warnings, viewer.prefs);
    if (key !== null) key += (collapsed ? 'c' : '-') + (follows ? 'f' : '-');
    threads.push(new TemplatedThread(template, collapsed, t, viewer, follows));
  }
  return { threads, kept: key === null || !arrays ? null : arrays.get(key, threads) };
}

/** `[a,b,c]` from JSON texts. */
export const jsonArray = (items: readonly Written<unknown>[]): string => {
  let out = '[';
  for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + items[i]!.json;
  return out + ']';
};

/**
 * A space's JSON, written once per row object (ADR 030). A space reads the same for every reader,
 * and the rows come from the space cache (ADR 019), shared by every request until a change to
 * spaces or its TTL replaces them with new objects, so the text lives exactly as long as the row
 * it was written from (rows are never changed in place). A row read inside a transaction is a new
 * object: written anew.
 */
const SPACE_JSON = new WeakMap<SpaceRow, string>();
export function writtenSpaceJson(s: SpaceRow): string {
  let json = SPACE_JSON.get(s);
  if (json === undefined) SPACE_JSON.set(s, (json = spaceJson(presentSpace(s))));
  return json;
}

/** An array's text: from the kept bytes when there are some (ADR 037), then the whole response is bytes; else text. */
function withItems(head: string, items: readonly Written<unknown>[], kept: KeptArray | null, tail: string): string | Buffer {
  return kept ? kept.around(head, tail) : head + jsonArray(items) + tail;
}

/** What a thread page is written from. */
export interface ThreadDetailParts {
  thread: Written<ThreadView>;
  space: SpaceRow;
  posts: Written<PostView>[];
  postsBytes: KeptArray | null;
  nextCursor: string | null;
}

/** A thread page's response (text, or bytes around kept posts, or a kept whole response: ADR 058), and its parts for the test suite's check. */
export interface ThreadDetailAnswer {
  bytes: string | Buffer;
  parts: () => ThreadDetailParts;
}

/** GET /api/threads/:id as JSON text, or as bytes when its posts are kept (the same bytes again while the thread and space around them are). */
export function threadDetailJson(d: ThreadDetailParts): string | Buffer {
  return withItems(`{"thread":${d.thread.json},"space":${writtenSpaceJson(d.space)},"posts":`, d.posts, d.postsBytes, `,"nextCursor":${JSON.stringify(d.nextCursor)}}`);
}

/** GET /api/threads/:id (checked against zod's text of its parts, presented afresh, in the test suite). */
export function writeThreadDetail(answer: ThreadDetailAnswer): z.infer<typeof ThreadDetail> {
  return preSerialized(answer.bytes, () => {
    const d = answer.parts();
    return { thread: d.thread.view(), space: presentSpace(d.space), posts: d.posts.map((p) => p.view()), nextCursor: d.nextCursor };
  });
}

/**
 * GET /api/spaces as UTF-8 bytes, written from each space's JSON text; kept per set of spaces shown
 * (ADR 053, within `SpacesRead`'s byte bound), so in an allocation of their own (`utf8ToKeep`), not
 * a slice of the shared pool.
 */
export function spaceListBytes(spaces: readonly SpaceRow[], counted?: (copyBytes: number) => void): Buffer {
  let out = '{"spaces":[';
  for (let i = 0; i < spaces.length; i++) out += (i ? ',' : '') + writtenSpaceJson(spaces[i]!);
  // Kept and sent again: its Brotli and gzip copies are made once (ADR 037, amendment of 2026-11-27),
  // each told to `counted` (the kept lists' bound) as it is made.
  return keepCompressedCopies(utf8ToKeep(`${out}]}`), counted);
}

/** GET /api/spaces: its kept bytes (checked against zod's text of the spaces in the test suite). */
export function writeSpaceList(d: { spaces: readonly SpaceRow[]; bytes: Buffer }): { spaces: SpaceView[] } {
  return preSerialized(d.bytes, () => ({ spaces: d.spaces.map(presentSpace) }));
}

/** GET /api/threads/:id/posts, written as JSON text. */
export function writePostPage(d: { posts: Written<PostView>[]; postsBytes: KeptArray | null; nextCursor: string | null }): z.infer<typeof PostPage> {
  return preSerialized(withItems('{"posts":', d.posts, d.postsBytes, `,"nextCursor":${JSON.stringify(d.nextCursor)}}`), () => ({ posts: d.posts.map((p) => p.view()), nextCursor: d.nextCursor }));
}

/** GET /api/threads, written as JSON text, or as bytes around a shared list's kept array. */
export function writeThreadPage(d: { threads: Written<ThreadView>[]; threadsBytes: KeptArray | null; nextCursor: string | null }): z.infer<typeof ThreadPage> {
  const json = withItems('{"threads":', d.threads, d.threadsBytes, `,"nextCursor":${JSON.stringify(d.nextCursor)}}`);
  return preSerialized(json, () => ({ threads: d.threads.map((t) => t.view()), nextCursor: d.nextCursor }));
}
