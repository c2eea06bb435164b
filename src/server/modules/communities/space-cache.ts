import { ByteBoundedLru } from '../../platform/byte-bounded-lru.js';
import type { SpaceRow } from './communities.repository.js';

/**
 * The default bound on the space lists one read keeps (`SpacesRead`): 1 MiB. Most readers see every
 * space (one list); the others differ by their program-only spaces, a few lists of a few kilobytes.
 */
export const DEFAULT_SPACE_LISTS_BYTES = 1024 * 1024;

/** What a kept list costs besides its key and bytes (the Map entry and the objects around them). */
const LIST_OVERHEAD = 256;

/** A kept list's bytes; given each compressed copy's length as it is kept (`keepCompressedCopies`). */
export type SpaceListWriter = (visible: readonly SpaceRow[], counted: (copyBytes: number) => void) => Buffer;

/**
 * Every space as read at one moment, with the space list's response bytes for each set of them a
 * reader was shown (ADR 053): most readers see every space, so most requests send the same bytes.
 * The bytes live and die with the rows they were written from: a change to spaces empties the
 * cache, and with it every kept list.
 *
 * Bounded by the bytes the lists hold, as the thread list cache is: each list's key (two bytes a
 * UTF-16 unit), its response and that response's compressed copies (counted as they are made), and
 * a fixed overhead. A count bound (64 lists) let as many sets of spaces as readers' program
 * combinations keep 64 whole lists and their copies, whatever their size. The least recently used
 * go first; a list larger than the whole bound is written for its reader and not kept.
 */
export class SpacesRead {
  readonly byId: ReadonlyMap<string, SpaceRow>;
  /** By the ids of the spaces shown ('' for all of them, the usual case). */
  private readonly lists: ByteBoundedLru<string, { bytes: Buffer }>;

  constructor(
    readonly spaces: SpaceRow[],
    maxBytes = DEFAULT_SPACE_LISTS_BYTES,
  ) {
    this.byId = new Map(spaces.map((s) => [s.id, s]));
    this.lists = new ByteBoundedLru({ maxBytes });
  }

  /** What it keeps now: lists and their bytes as counted (tests, and to size the bound). */
  get stats(): { lists: number; bytes: number; maxBytes: number } {
    return { lists: this.lists.size, bytes: this.lists.bytes, maxBytes: this.lists.maxBytes };
  }

  /**
   * The space list's bytes for a reader shown `visible` (these very rows, a subset of `spaces` in
   * their order, as the policy filtered them for this reader): written by `write` the first time.
   */
  listBytes(visible: readonly SpaceRow[], write: SpaceListWriter): Buffer {
    const key = visible.length === this.spaces.length ? '' : visible.map((s) => s.id).join(',');
    const hit = this.lists.get(key);
    if (hit !== undefined) return hit.bytes;
    const entry: { bytes: Buffer } = { bytes: Buffer.alloc(0) };
    // A copy made once the list is no longer kept (or never was) is not counted: it dies with the bytes.
    entry.bytes = write(visible, (copyBytes) => this.lists.grow(key, entry, copyBytes));
    this.lists.set(key, entry, 2 * key.length + entry.bytes.length + LIST_OVERHEAD);
    return entry.bytes;
  }
}

/**
 * Every space (a handful of rows an admin changes a few times a year, read by every list, thread
 * page and space list), in this process, for a few seconds. A change to spaces empties it: at
 * commit on the instance that made it (UnitOfWork.onCommit), on the others when its event arrives
 * over the bus; the TTL only bounds what a lost message could leave behind (ADR 019, the pattern
 * of ADR 015's thread lists). A read that began before an emptying does not store what it read.
 * Who may see a space is still decided per request from these rows and the reader's programs.
 */
export class SpaceCache {
  private entry: { read: SpacesRead; until: number } | null = null;
  private generation = 0;

  constructor(
    private readonly ttlMs = 5_000,
    /** What each read's kept space lists may hold (`SpacesRead`). */
    private readonly listsMaxBytes = DEFAULT_SPACE_LISTS_BYTES,
  ) {}

  mark(): number {
    return this.generation;
  }

  get(nowMs: number): SpacesRead | null {
    if (!this.entry || this.entry.until <= nowMs) return null;
    return this.entry.read;
  }

  put(spaces: SpaceRow[], nowMs: number, mark: number): SpacesRead {
    const read = new SpacesRead(spaces, this.listsMaxBytes);
    if (mark === this.generation) this.entry = { read, until: nowMs + this.ttlMs };
    return read;
  }

  clear(): void {
    this.generation += 1;
    this.entry = null;
  }
}
