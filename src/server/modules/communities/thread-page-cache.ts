import type { ReactionKind } from '../../../contracts/communities.js';
import { ByteBoundedLru } from '../../platform/byte-bounded-lru.js';
import type { ArrayBytes, PostTemplate } from './communities.presenter.js';
import type { PostRow, SpaceRow, ThreadRow } from './communities.repository.js';

/** One page of a thread as every reader's page is cut from it: all its posts (held ones too) and their reaction counts. */
export interface SharedPostPage {
  rows: PostRow[];
  /** Each row's JSON as readers other than its author and moderators get it (ADR 020), made from these rows and counts. */
  templates: PostTemplate[];
  counts: Map<string, Record<ReactionKind, number>>;
  /**
   * Each reactor's reactions on the page (user id → post id → kinds), so a reader's own come from
   * here; null when the page has too many reactions to keep (then read per reader).
   */
  reactionsByUser: Map<string, Map<string, ReactionKind[]>> | null;
  /** How many reactions `reactionsByUser` holds (for the size bound). */
  reactionCount: number;
  /** The posts array's bytes as recent readers got it (ADR 037): made from `templates`, so it lives exactly as long as they do. */
  arrays: ArrayBytes;
  /** Whole thread-page responses around this page, by what a reader fills in (ADR 058). */
  answers: KeptAnswers;
  /** Whether any post of the page is held or unpublished (off readers' pages): then no answer is kept. */
  offReaders: boolean;
  /** The page's post authors: a reader who wrote one of its posts gets that post presented for them, never a kept answer. */
  authors: ReadonlySet<string>;
}

/** A whole thread-page response and what it was written from besides the shared page (ADR 058). */
interface KeptAnswer {
  bytes: Buffer;
  /** The thread row it was written from: valid while the fresh row has the same values. */
  thread: ThreadRow;
  /** The space row object (the space cache replaces it on any change: ADR 019). */
  space: SpaceRow;
}

/**
 * A shared page's whole responses, by the reader's values that decide their bytes (their warning
 * choices, whether they follow the thread, their own reactions on the page), each valid while the
 * thread row read for this request has exactly the values it was written from and the space row is
 * the same object (ADR 058). The page itself lives as long as the thread's content version, so the
 * posts' part is exact; only readers whom every post's and the thread's template fits (not a
 * moderator, not an author on the page) get one. Two sets, each least recently used first: shared
 * answers (no reader's id in the key: every reader without reactions on the page gets one of them)
 * and personal ones (a reactor's, serving that one reader), so reactors reading never push out the
 * answer everyone else shares.
 */
export class KeptAnswers {
  static readonly KEPT_SHARED = 4;
  static readonly KEPT_PERSONAL = 2;
  private readonly shared = new Map<string, KeptAnswer>();
  private readonly personal = new Map<string, KeptAnswer>();
  private counted: ((bytes: number) => void) | null = null;
  private held = 0;
  private used = 0;

  /** How many responses are kept (for tests). */
  get size(): number {
    return this.shared.size + this.personal.size;
  }

  /** How many times a kept response was given (for tests: a kept answer never reused is no gain). */
  get hits(): number {
    return this.used;
  }

  /**
   * The kept response for this reader key (`personal` when it holds the reader's id), when it was
   * written from a thread row equal to `thread` and the same `space`; a hit becomes the most recently used.
   */
  get(key: string, personal: boolean, thread: ThreadRow, space: SpaceRow): Buffer | null {
    const set = personal ? this.personal : this.shared;
    const kept = set.get(key);
    if (kept === undefined || kept.space !== space || !sameRow(kept.thread, thread)) return null;
    // Back to the end: the Map's order is the eviction order.
    set.delete(key);
    set.set(key, kept);
    this.used++;
    return kept.bytes;
  }

  /** Keeps `bytes` for `key` in its set, counted to the cache entry that keeps the page (`countedBy`). */
  put(key: string, personal: boolean, thread: ThreadRow, space: SpaceRow, bytes: Buffer): void {
    const set = personal ? this.personal : this.shared;
    let grown = KeptAnswers.size(bytes, key);
    const old = set.get(key);
    if (old !== undefined) {
      set.delete(key);
      grown -= KeptAnswers.size(old.bytes, key);
    } else if (set.size >= (personal ? KeptAnswers.KEPT_PERSONAL : KeptAnswers.KEPT_SHARED)) {
      const [lruKey, lru] = set.entries().next().value!;
      set.delete(lruKey);
      grown -= KeptAnswers.size(lru.bytes, lruKey);
    }
    set.set(key, { bytes, thread, space });
    this.held += grown;
    this.counted?.(grown);
  }

  /** The bytes it holds now (what an owner adds when it starts counting it). */
  get heldBytes(): number {
    return this.held;
  }

  /** From now on, every byte it keeps or lets go is told to `counted` (the cache entry that keeps the page). */
  countedBy(counted: (bytes: number) => void): void {
    this.counted = counted;
  }

  /**
   * What an entry may hold: the response (most often the posts array's kept response, counted there
   * too while it is that one), its compressed copies (together at most its length:
   * `keepCompressedCopies`), the key and the row.
   */
  static size(bytes: Buffer, key: string): number {
    return 2 * bytes.length + 2 * key.length + 1_024;
  }
}

/** Two reads of the same table's row with the same values (every column the statement read). */
function sameRow(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const key in x) if (x[key] !== y[key]) return false;
  return true;
}

interface Entry {
  version: number;
  page: SharedPostPage;
}

/**
 * The viewer-independent part of thread pages, in this process, by thread, cursor and page size.
 * An entry is used only while the thread's `content_version` (moved by database triggers on every
 * change to its posts and reactions, on any instance: migration 0015) is the one it was read at,
 * so a reply, an edit, a hidden or deleted post or a reaction shows on the very next read.
 * Least recently used pages go first once the entries or their text pass the bounds.
 */
export class ThreadPageCache {
  private readonly entries: ByteBoundedLru<string, Entry>;

  constructor(maxEntries = 2_000, maxBytes = 32 * 1024 * 1024) {
    // A page larger than the whole bound when put is kept alone, as it always was here (the list
    // caches refuse one); one that grows past it afterwards goes (`grow`).
    this.entries = new ByteBoundedLru({ maxBytes, maxEntries, oversized: 'alone' });
  }

  get(threadId: string, version: number, afterId: string | null, limit: number): SharedPostPage | null {
    const key = keyOf(threadId, afterId, limit);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.version !== version) {
      this.entries.delete(key);
      return null;
    }
    return entry.page;
  }

  put(threadId: string, version: number, afterId: string | null, limit: number, page: SharedPostPage): void {
    const key = keyOf(threadId, afterId, limit);
    const bytes =
      page.rows.reduce((n, p) => n + p.body_html.length + p.body_source.length + p.body_text.length + 512, 0) +
      page.templates.reduce((n, t) => n + t.json.length, 0) +
      page.reactionCount * 128 +
      page.arrays.heldBytes +
      page.answers.heldBytes;
    const entry: Entry = { version, page };
    this.entries.set(key, entry, bytes);
    // What the page's kept bytes hold (arrays, responses, their compressed copies) counts as it is made (ADR 037, amendment of 2026-11-27):
    // as long as it is still the page kept at `key`; a page grown past the whole bound is dropped alone (it would only push out everything else).
    page.arrays.countedBy((grown) => this.entries.grow(key, entry, grown));
    page.answers.countedBy((grown) => this.entries.grow(key, entry, grown));
  }

  /** What the cache holds now: entries and their approximate bytes, kept bytes and their compressed copies included (tests). */
  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.entries.maxBytes };
  }
}

const keyOf = (threadId: string, afterId: string | null, limit: number) => `${threadId}\u0000${afterId ?? ''}\u0000${limit}`;
