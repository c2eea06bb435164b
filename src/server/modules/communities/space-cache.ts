import type { SpaceRow } from './communities.repository.js';

/**
 * Every space (a handful of rows an admin changes a few times a year, read by every list, thread
 * page and space list), in this process, for a few seconds. A change to spaces empties it: at
 * commit on the instance that made it (UnitOfWork.onCommit), on the others when its event arrives
 * over the bus; the TTL only bounds what a lost message could leave behind (ADR 019, the pattern
 * of ADR 015's thread lists). A read that began before an emptying does not store what it read.
 * Who may see a space is still decided per request from these rows and the reader's programs.
 */
export class SpaceCache {
  private entry: { spaces: SpaceRow[]; byId: Map<string, SpaceRow>; until: number } | null = null;
  private generation = 0;

  constructor(private readonly ttlMs = 5_000) {}

  mark(): number {
    return this.generation;
  }

  get(nowMs: number): { spaces: SpaceRow[]; byId: ReadonlyMap<string, SpaceRow> } | null {
    if (!this.entry || this.entry.until <= nowMs) return null;
    return this.entry;
  }

  put(spaces: SpaceRow[], nowMs: number, mark: number): { spaces: SpaceRow[]; byId: ReadonlyMap<string, SpaceRow> } {
    const entry = { spaces, byId: new Map(spaces.map((s) => [s.id, s])), until: nowMs + this.ttlMs };
    if (mark === this.generation) this.entry = entry;
    return entry;
  }

  clear(): void {
    this.generation += 1;
    this.entry = null;
  }
}
