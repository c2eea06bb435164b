import type { SpaceRow } from './communities.repository.js';

/**
 * Every space as read at one moment, with the space list's response bytes for each set of them a
 * reader was shown (ADR 053): most readers see every space, so most requests send the same bytes.
 * The bytes live and die with the rows they were written from: a change to spaces empties the
 * cache, and with it every kept list.
 */
export class SpacesRead {
  readonly byId: ReadonlyMap<string, SpaceRow>;
  /** By the ids of the spaces shown ('' for all of them, the usual case): few keys (readers differ only by their program-only spaces). */
  private readonly lists = new Map<string, Buffer>();

  constructor(readonly spaces: SpaceRow[]) {
    this.byId = new Map(spaces.map((s) => [s.id, s]));
  }

  /**
   * The space list's bytes for a reader shown `visible` (these very rows, a subset of `spaces` in
   * their order, as the policy filtered them for this reader): written by `write` the first time.
   */
  listBytes(visible: readonly SpaceRow[], write: (visible: readonly SpaceRow[]) => Buffer): Buffer {
    const key = visible.length === this.spaces.length ? '' : visible.map((s) => s.id).join(',');
    let bytes = this.lists.get(key);
    if (bytes === undefined) {
      // Bounded: a pathological number of program combinations only costs writing again.
      if (this.lists.size >= 64) this.lists.clear();
      this.lists.set(key, (bytes = write(visible)));
    }
    return bytes;
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

  constructor(private readonly ttlMs = 5_000) {}

  mark(): number {
    return this.generation;
  }

  get(nowMs: number): SpacesRead | null {
    if (!this.entry || this.entry.until <= nowMs) return null;
    return this.entry.read;
  }

  put(spaces: SpaceRow[], nowMs: number, mark: number): SpacesRead {
    const read = new SpacesRead(spaces);
    if (mark === this.generation) this.entry = { read, until: nowMs + this.ttlMs };
    return read;
  }

  clear(): void {
    this.generation += 1;
    this.entry = null;
  }
}
