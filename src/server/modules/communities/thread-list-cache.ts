import { ByteBoundedLru } from '../../platform/byte-bounded-lru.js';
import type { ArrayBytes, ThreadTemplate } from './communities.presenter.js';
import type { ThreadRow } from './communities.repository.js';

/** A shared list: its rows and, for each, its JSON as readers other than its author get it (ADR 020), made from that row. */
export interface SharedList {
  rows: ThreadRow[];
  templates: ReadonlyMap<ThreadRow, ThreadTemplate>;
  /**
   * The threads array's bytes as recent readers got it (ADR 037, amendment): made from `templates`
   * and these rows, so it lives exactly as long as they do. Null for a list that is not the shared
   * one (a reader's own held threads merged in).
   */
  arrays: ArrayBytes | null;
}

/** The default bound on what the cache keeps (`KINDRED_THREAD_LIST_CACHE_MB`): 16 MiB. */
export const DEFAULT_THREAD_LIST_CACHE_BYTES = 16 * 1024 * 1024;

/** What an entry costs besides its texts (the Map entry, the list and map objects), and a row besides its texts. */
const ENTRY_OVERHEAD = 256;
const ROW_OVERHEAD = 320;

/**
 * Approximate bytes an entry holds: its key, each row's texts and its JSON template, two bytes a
 * UTF-16 code unit (V8 keeps Latin-1 text in one, so this errs on the safe side), plus a fixed
 * overhead for the objects around them. An estimate for a bound, not a measurement.
 */
export function approximateBytes(key: string, list: SharedList): number {
  let units = key.length;
  for (const row of list.rows) {
    for (const value of Object.values(row)) if (typeof value === 'string') units += value.length;
    units += list.templates.get(row)?.json.length ?? 0;
  }
  return 2 * units + ENTRY_OVERHEAD + ROW_OVERHEAD * list.rows.length + (list.arrays?.heldBytes ?? 0);
}

/**
 * The shared part of thread lists (latest, top, unanswered: visible threads of the spaces a reader
 * may see, minus the warnings they hide), in this process, for a few seconds. Any community change
 * empties it: at commit on the instance that made it (UnitOfWork.onCommit), on the others when its
 * event arrives over the bus; the TTL only bounds what a lost message could leave behind (ADR 015).
 * A read that began before an emptying does not store what it read.
 *
 * Bounded by the approximate bytes it holds, not by a count of entries: a list page holds 1 to 100
 * threads and its key every space id a reader may see, so a count bound of 1000 meant anything from
 * a few hundred kilobytes to over 100 MB. Oldest entries go first; an entry larger than the whole
 * bound is not kept at all (it would only push out everything else).
 */
export class ThreadListCache {
  /** Every entry lives as long, so the order entries were put in is also their expiry order: read with `peek`. */
  private readonly entries: ByteBoundedLru<string, { list: SharedList; until: number }>;
  private generation = 0;

  constructor(
    private readonly ttlMs = 5_000,
    maxBytes = DEFAULT_THREAD_LIST_CACHE_BYTES,
  ) {
    this.entries = new ByteBoundedLru({ maxBytes });
  }

  /** What the cache holds now: entries and their approximate bytes (tests, and to size the bound). */
  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes, maxBytes: this.entries.maxBytes };
  }

  mark(): number {
    return this.generation;
  }

  get(key: string, nowMs: number): SharedList | null {
    const hit = this.entries.peek(key);
    if (!hit) return null;
    if (hit.until <= nowMs) {
      this.entries.delete(key);
      return null;
    }
    return hit.list;
  }

  put(key: string, list: SharedList, nowMs: number, mark: number): void {
    if (mark !== this.generation) return;
    const entry = { list, until: nowMs + this.ttlMs };
    if (!this.entries.set(key, entry, approximateBytes(key, list))) return;
    // What the list's kept bytes hold (arrays, responses, their compressed copies) counts as it is made (ADR 037, amendment of 2026-11-27).
    list.arrays?.countedBy((grown) => this.entries.grow(key, entry, grown));
  }

  /**
   * `list`'s kept bytes grew (or shrank) by `bytes`: counted against the bound, as
   * long as it is still the list kept at `key`. As `put`: an entry now larger than the whole bound
   * is dropped alone; else the oldest others go first.
   */
  grew(key: string, list: SharedList, bytes: number): void {
    const entry = this.entries.peek(key);
    if (entry?.list === list) this.entries.grow(key, entry, bytes);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
