import { ByteBoundedLru } from '../../platform/byte-bounded-lru.js';

/** The internal event every change to what a public profile shows emits (ADR 053). */
export const PROFILE_CHANGED = 'account.profile_changed';

/**
 * A public profile as it is sent: its response bytes only. Not the row they were written from,
 * which holds a held bio's text (ADR 053, amendment); the test suite's serializer check reads the
 * object back from the bytes.
 */
export interface KeptProfile {
  /** UTF-8 in an allocation of its own (`utf8ToKeep`): a slice of Node's shared pool would pin all 8 KB of it. */
  readonly bytes: Buffer;
  /** When this entry is forgotten (the cache's TTL). */
  readonly until: number;
}

/** The default bound on what the cache keeps, in approximate bytes: 8 MiB (≈ 10,000 profiles of 300 bytes with their overhead is ≈ 6 MB). */
export const DEFAULT_PROFILE_CACHE_BYTES = 8 * 1024 * 1024;

/** What an entry costs besides its bytes and key: the Map entry, the entry object, the Buffer and its ArrayBuffer. */
const ENTRY_OVERHEAD = 256;

/** Approximate bytes an entry holds: its bytes, its key (two bytes a UTF-16 code unit, erring on the safe side), the objects around them. */
function approximateBytes(userId: string, bytes: Buffer): number {
  return bytes.length + 2 * userId.length + ENTRY_OVERHEAD;
}

/**
 * Public profiles (`GET /api/users/:id`) kept for a few seconds in this process as their response
 * bytes, by account id: a profile is the same for every reader (no viewer decides any of it), and
 * reading it was one statement per request, most of the route's own cost (ADR 053). Correctness
 * does not rest on the TTL: every change to what a profile shows (pronouns, experience tags, the bio
 * and whether it is held, roles, the account's erasure) forgets the account here at commit and on
 * every other instance when PROFILE_CHANGED arrives over the bus; the TTL only bounds what a lost
 * message could leave behind, as for sessions (ADR 015). A missing account is never kept.
 *
 * Bounded by entries and by approximate bytes (a bio may be long), as the thread list cache is
 * (ADR 037, amendment): the entry kept longest goes first. Every entry lives as long, so the Map's
 * insertion order is also expiry order: a put drops the expired entries at the front.
 */
export class ProfileCache {
  /** Every entry lives as long, so the order entries were put in is also their expiry order: read with `peek`. */
  private readonly byUser: ByteBoundedLru<string, KeptProfile>;
  /** Bumped by every forget: a read that began before it must not store what it read. */
  private epoch = 0;

  constructor(
    private readonly ttlMs = 5_000,
    maxEntries = 10_000,
    maxBytes = DEFAULT_PROFILE_CACHE_BYTES,
  ) {
    this.byUser = new ByteBoundedLru({ maxBytes, maxEntries });
  }

  get size(): number {
    return this.byUser.size;
  }

  /** What the cache holds now: entries and their approximate bytes (tests, and to size the bound). */
  get stats(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.byUser.size, bytes: this.byUser.bytes, maxBytes: this.byUser.maxBytes };
  }

  /** A mark to hand back to `put`: the entry is stored only when nothing was forgotten meanwhile. */
  mark(): number {
    return this.epoch;
  }

  get(userId: string, nowMs: number): KeptProfile | null {
    const hit = this.byUser.peek(userId);
    if (!hit) return null;
    if (hit.until > nowMs) return hit;
    this.byUser.delete(userId);
    return null;
  }

  /** Keeps `bytes` unless something was forgotten since `mark`; returns the profile either way. */
  put(userId: string, bytes: Buffer, nowMs: number, mark: number): KeptProfile {
    const kept: KeptProfile = { bytes, until: nowMs + this.ttlMs };
    if (mark !== this.epoch) return kept;
    this.byUser.delete(userId);
    for (const key of this.byUser.keys()) {
      if (this.byUser.peek(key)!.until > nowMs) break;
      this.byUser.delete(key);
    }
    // An entry larger than the whole bound is not kept: it would only push out everything else.
    this.byUser.set(userId, kept, approximateBytes(userId, bytes));
    return kept;
  }

  forget(userId: string): void {
    this.epoch += 1;
    this.byUser.delete(userId);
  }
}
