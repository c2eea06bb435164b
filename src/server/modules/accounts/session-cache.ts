import type { Role } from '../../../contracts/accounts.js';

/** What a request's actor is made of, as read from `sessions` joined with `users` and `user_roles`. */
export interface SessionSnapshot {
  sessionId: string;
  userId: string;
  handle: string;
  region: string | null;
  roles: Role[];
  lastSeenAt: string;
  expiresAt: string;
}

/** The internal event every change to someone's sessions, roles or actor fields emits (ADR 015). */
export const SESSIONS_CHANGED = 'account.sessions_changed';

/**
 * Resolved sessions kept for a few seconds in this process, by token digest, so that a member
 * reading page after page costs no session and role queries. Correctness does not rest on the TTL:
 * every change to a person's sessions, roles, region or account forgets their entries here at
 * commit (`forgetUser`, through `Tx.afterCommit`) and on every other instance when the
 * SESSIONS_CHANGED event arrives over the bus; the TTL only bounds the damage of a lost message.
 */
export class SessionCache {
  private readonly byDigest = new Map<string, { snapshot: SessionSnapshot; until: number }>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped by every forget: a read that began before it must not store what it read. */
  private epoch = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get size(): number {
    return this.byDigest.size;
  }

  /** A mark to hand back to `put`: the entry is stored only when nothing was forgotten meanwhile. */
  mark(): number {
    return this.epoch;
  }

  get(digest: string, nowMs: number): SessionSnapshot | null {
    const hit = this.byDigest.get(digest);
    if (!hit) return null;
    if (hit.until <= nowMs || Date.parse(hit.snapshot.expiresAt) <= nowMs) {
      this.drop(digest, hit.snapshot.userId);
      return null;
    }
    return hit.snapshot;
  }

  put(digest: string, snapshot: SessionSnapshot, nowMs: number, mark: number): void {
    if (mark !== this.epoch) return;
    if (this.byDigest.size >= this.maxEntries) {
      const oldest = this.byDigest.entries().next().value;
      if (oldest) this.drop(oldest[0], oldest[1].snapshot.userId);
    }
    this.byDigest.set(digest, { snapshot, until: nowMs + this.ttlMs });
    let digests = this.byUser.get(snapshot.userId);
    if (!digests) this.byUser.set(snapshot.userId, (digests = new Set()));
    digests.add(digest);
  }

  /** Keeps the entry, with the time its expiry was last slid (so it slides once a minute, as before). */
  touched(digest: string, lastSeenAt: string, expiresAt: string): void {
    const hit = this.byDigest.get(digest);
    if (hit) hit.snapshot = { ...hit.snapshot, lastSeenAt, expiresAt };
  }

  forgetUser(userId: string): void {
    this.epoch += 1;
    for (const digest of this.byUser.get(userId) ?? []) this.byDigest.delete(digest);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.epoch += 1;
    this.byDigest.clear();
    this.byUser.clear();
  }

  private drop(digest: string, userId: string): void {
    this.byDigest.delete(digest);
    const digests = this.byUser.get(userId);
    digests?.delete(digest);
    if (digests?.size === 0) this.byUser.delete(userId);
  }
}
