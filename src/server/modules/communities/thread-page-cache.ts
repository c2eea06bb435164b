import type { ReactionKind } from '../../../contracts/communities.js';
import type { ArrayBytes, PostTemplate } from './communities.presenter.js';
import type { PostRow } from './communities.repository.js';

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
}

interface Entry {
  version: number;
  page: SharedPostPage;
  bytes: number;
}

/**
 * The viewer-independent part of thread pages, in this process, by thread, cursor and page size.
 * An entry is used only while the thread's `content_version` (moved by database triggers on every
 * change to its posts and reactions, on any instance: migration 0015) is the one it was read at,
 * so a reply, an edit, a hidden or deleted post or a reaction shows on the very next read.
 * Least recently used pages go first once the entries or their text pass the bounds.
 */
export class ThreadPageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 2_000,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(threadId: string, version: number, afterId: string | null, limit: number): SharedPostPage | null {
    const key = keyOf(threadId, afterId, limit);
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.version !== version) {
      this.bytes -= entry.bytes;
      return null;
    }
    // Back to the end: the Map's order is the eviction order.
    this.entries.set(key, entry);
    return entry.page;
  }

  put(threadId: string, version: number, afterId: string | null, limit: number, page: SharedPostPage): void {
    const key = keyOf(threadId, afterId, limit);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    const bytes =
      page.rows.reduce((n, p) => n + p.body_html.length + p.body_source.length + p.body_text.length + 512, 0) +
      page.templates.reduce((n, t) => n + t.json.length, 0) +
      page.reactionCount * 128 +
      page.arrays.heldBytes;
    this.evict(bytes, 1);
    this.entries.set(key, { version, page, bytes });
    this.bytes += bytes;
    // What the page's kept bytes hold (arrays, responses, their compressed copies) counts as it is made (ADR 037, amendment of 2026-11-27).
    page.arrays.countedBy((grown) => this.grew(key, page, grown));
  }

  /** What the cache holds now: entries and their approximate bytes, kept bytes and their compressed copies included (tests). */
  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes };
  }

  /**
   * `page`'s kept bytes grew (or shrank) by `bytes`: counted against the bound, as long as it is
   * still the page kept at `key`. As the list cache: a page now larger than the whole bound is
   * dropped alone (it would only push out everything else); else the least recently used others go first.
   */
  private grew(key: string, page: SharedPostPage, bytes: number): void {
    const entry = this.entries.get(key);
    if (!entry || entry.page !== page) return;
    entry.bytes += bytes;
    this.bytes += bytes;
    if (entry.bytes > this.maxBytes) {
      this.entries.delete(key);
      this.bytes -= entry.bytes;
      return;
    }
    for (const [other, kept] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (other === key) continue;
      this.entries.delete(other);
      this.bytes -= kept.bytes;
    }
  }

  /** Least recently used first, until `bytes` more fit and `room` more entries. */
  private evict(bytes: number, room = 0): void {
    while (this.entries.size > 0 && (this.entries.size + room > this.maxEntries || this.bytes + bytes > this.maxBytes)) {
      const [oldestKey, oldest] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.bytes -= oldest.bytes;
    }
  }
}

const keyOf = (threadId: string, afterId: string | null, limit: number) => `${threadId}\u0000${afterId ?? ''}\u0000${limit}`;
