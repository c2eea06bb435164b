import type { Role } from '../../../contracts/accounts.js';
import type { PublicUserRow } from './accounts.repository.js';

/** The internal event every change to what a public profile shows emits (ADR 053). */
export const PROFILE_CHANGED = 'account.profile_changed';

/** A public profile as it is sent: its response bytes, and the rows they were written from (the test suite's serializer check). */
export interface KeptProfile {
  readonly bytes: Buffer;
  readonly user: PublicUserRow;
  readonly roles: Role[];
  /** When this entry is forgotten (the cache's TTL). */
  readonly until: number;
}

/**
 * Public profiles (`GET /api/users/:id`) kept for a few seconds in this process as their response
 * bytes, by account id: a profile is the same for every reader (no viewer decides any of it), and
 * reading it was one statement per request, most of the route's own cost (ADR 053). Correctness
 * does not rest on the TTL: every change to what a profile shows (pronouns, experience tags, the bio
 * and whether it is held, roles, the account's erasure) forgets the account here at commit and on
 * every other instance when PROFILE_CHANGED arrives over the bus; the TTL only bounds what a lost
 * message could leave behind, as for sessions (ADR 015). A missing account is never kept.
 */
export class ProfileCache {
  private readonly byUser = new Map<string, KeptProfile>();
  /** Bumped by every forget: a read that began before it must not store what it read. */
  private epoch = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get size(): number {
    return this.byUser.size;
  }

  /** A mark to hand back to `put`: the entry is stored only when nothing was forgotten meanwhile. */
  mark(): number {
    return this.epoch;
  }

  get(userId: string, nowMs: number): KeptProfile | null {
    const hit = this.byUser.get(userId);
    if (!hit) return null;
    if (hit.until > nowMs) return hit;
    this.byUser.delete(userId);
    return null;
  }

  /** Keeps `profile` unless something was forgotten since `mark`; returns it either way. */
  put(userId: string, profile: Omit<KeptProfile, 'until'>, nowMs: number, mark: number): KeptProfile {
    const kept = { ...profile, until: nowMs + this.ttlMs };
    if (mark !== this.epoch) return kept;
    this.byUser.delete(userId);
    // Full: the entry kept longest goes (a Map iterates in insertion order).
    if (this.byUser.size >= this.maxEntries) this.byUser.delete(this.byUser.keys().next().value!);
    this.byUser.set(userId, kept);
    return kept;
  }

  forget(userId: string): void {
    this.epoch += 1;
    this.byUser.delete(userId);
  }
}
