import { ByteBoundedLru } from '../../platform/byte-bounded-lru.js';
import type { ListReader } from './communities.repository.js';

/** The default bound on what the cache keeps: 4 MiB (a member with no follows ≈ 300 bytes, with 200 ≈ 20 kB). */
export const DEFAULT_READER_CACHE_BYTES = 4 * 1024 * 1024;

/** What an entry costs besides its ids (the Map entry, the reader's objects), and each id or choice. */
const ENTRY_OVERHEAD = 320;
const ITEM_OVERHEAD = 96;

/** Approximate bytes an entry holds: an estimate for a bound, not a measurement. */
export function readerBytes(r: ListReader): number {
  return ENTRY_OVERHEAD + ITEM_OVERHEAD * (r.programs.length + r.prefs.size + r.pendingIds.length + (r.follows?.size ?? 0));
}

/**
 * What a thread list needs to know about its reader (their programs, warning choices, own held
 * threads, follows), by user, each valid exactly while the reader's `users.reader_version` is the one
 * it was read at (ADR 048). Triggers move that version on every change to any of these, whatever
 * writes it (migration 0034), so a request reads the one integer and, when it matches, uses what is
 * kept here: nothing is staler than a read of the four, on every instance, and no bus is involved.
 * The facts of one user are only ever handed to requests of that user (the key is the session's
 * user id); they decide nothing alone (spaces and warnings are still applied per request from them).
 *
 * The objects handed out are shared by that user's requests and must not be changed by a caller.
 * Bounded by approximate bytes, least recently used out first.
 */
export class ReaderCache {
  private readonly entries: ByteBoundedLru<string, { version: number; reader: ListReader }>;

  constructor(maxBytes = DEFAULT_READER_CACHE_BYTES) {
    this.entries = new ByteBoundedLru({ maxBytes });
  }

  get stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.bytes };
  }

  /** The version kept for this user, if any (what a request compares with the one it reads). */
  versionOf(userId: string): number | undefined {
    return this.entries.peek(userId)?.version;
  }

  /** The facts kept for this user at exactly `version`, else undefined. */
  get(userId: string, version: number): ListReader | undefined {
    const entry = this.entries.peek(userId);
    if (!entry || entry.version !== version) return undefined;
    // Least recently used out first: a hit (and only a hit) moves the entry to the end.
    this.entries.get(userId);
    return entry.reader;
  }

  /** Drops what is kept for this user (an erased member; a kept held thread no longer held). */
  forget(userId: string): void {
    this.entries.delete(userId);
  }

  put(userId: string, version: number, reader: ListReader): void {
    const old = this.entries.peek(userId);
    // A slower request read an older version after a newer one was kept: keep the newer one.
    if (old !== undefined && old.version > version) return;
    this.entries.set(userId, { version, reader }, readerBytes(reader));
  }
}
