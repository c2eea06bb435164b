import type { ThreadTemplate } from './communities.presenter.js';
import type { ThreadRow } from './communities.repository.js';

/** A shared list: its rows and, for each, its JSON as readers other than its author get it (ADR 020), made from that row. */
export interface SharedList {
  rows: ThreadRow[];
  templates: ReadonlyMap<ThreadRow, ThreadTemplate>;
}

/**
 * The shared part of thread lists (latest, top, unanswered: visible threads of the spaces a reader
 * may see, minus the warnings they hide), in this process, for a few seconds. Any community change
 * empties it: at commit on the instance that made it (UnitOfWork.onCommit), on the others when its
 * event arrives over the bus; the TTL only bounds what a lost message could leave behind (ADR 015).
 * A read that began before an emptying does not store what it read.
 */
export class ThreadListCache {
  private readonly entries = new Map<string, { list: SharedList; until: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 1_000,
  ) {}

  mark(): number {
    return this.generation;
  }

  get(key: string, nowMs: number): SharedList | null {
    const hit = this.entries.get(key);
    if (!hit) return null;
    if (hit.until <= nowMs) {
      this.entries.delete(key);
      return null;
    }
    return hit.list;
  }

  put(key: string, list: SharedList, nowMs: number, mark: number): void {
    if (mark !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { list, until: nowMs + this.ttlMs });
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
