import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { tokenDigest } from '../../platform/crypto.js';

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
 * A cached snapshot with its times as numbers, parsed once when stored: a request served from the
 * cache compares numbers instead of parsing two ISO strings (ADR 030).
 */
export interface CachedSession {
  snapshot: SessionSnapshot;
  /** When this entry is forgotten (the cache's TTL). */
  until: number;
  expiresMs: number;
  lastSeenMs: number;
  /** What every request served from this entry is given: built once, frozen with its roles, shared (its fields never change). */
  request: { readonly actor: Actor };
}

/** The request's actor made of a session snapshot. */
export function actorOf(s: SessionSnapshot): Actor {
  return { userId: s.userId, handle: s.handle, roles: s.roles, sessionId: s.sessionId, region: s.region };
}

/**
 * Resolved sessions kept for a few seconds in this process, by token digest, so that a member
 * reading page after page costs no session and role queries. Correctness does not rest on the TTL:
 * every change to a person's sessions, roles, region or account forgets their entries here at
 * commit (`forgetUser`, through `Tx.afterCommit`) and on every other instance when the
 * SESSIONS_CHANGED event arrives over the bus; the TTL only bounds the damage of a lost message.
 */
export class SessionCache {
  private readonly byDigest = new Map<string, CachedSession>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Bumped by every forget: a read that began before it must not store what it read. */
  private epoch = 0;
  /**
   * The digests of the tokens whose sessions were served from this cache lately (`entryForToken`):
   * a signed-in read looks its token up here instead of hashing it (SHA-256 was the largest part of
   * the session step over HTTP, ADR 060). Only a token whose digest found a live entry is kept; it
   * goes when its user is forgotten (a sign-out, a revocation, any change to their sessions), when a
   * lookup finds none (the TTL), and the whole map is emptied at the first lookup after each TTL.
   */
  private readonly digestOfToken = new Map<string, string>();
  private tokensUntil = 0;

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
    return this.entry(digest, nowMs)?.snapshot ?? null;
  }

  /** The live entry for `digest`, or null (none, or its TTL or the session's expiry has passed). */
  entry(digest: string, nowMs: number): CachedSession | null {
    const hit = this.byDigest.get(digest);
    if (!hit) return null;
    if (hit.until <= nowMs || hit.expiresMs <= nowMs) {
      this.drop(digest, hit.snapshot.userId);
      return null;
    }
    return hit;
  }

  /**
   * `entry` for a request's session token: the same entry `entry(tokenDigest(token))` gives, the
   * digest remembered for a token served lately. Which entry answers is decided by the digest map
   * alone, so a forget (`forgetUser`) ends the session here at once, remembered token or not.
   */
  entryForToken(token: string, nowMs: number): CachedSession | null {
    if (nowMs >= this.tokensUntil) {
      this.digestOfToken.clear();
      this.tokensUntil = nowMs + this.ttlMs;
    }
    const known = this.digestOfToken.get(token);
    const digest = known ?? tokenDigest(token);
    const hit = this.entry(digest, nowMs);
    if (!hit) {
      if (known !== undefined) this.digestOfToken.delete(token);
    } else if (known === undefined && this.digestOfToken.size < this.maxEntries) {
      this.digestOfToken.set(token, digest);
    }
    return hit;
  }

  /** How many tokens' digests are remembered now (tests: only live sessions' tokens, none after the TTL). */
  get tokensKept(): number {
    return this.digestOfToken.size;
  }

  put(digest: string, snapshot: SessionSnapshot, nowMs: number, mark: number): void {
    if (mark !== this.epoch) return;
    if (this.byDigest.size >= this.maxEntries) {
      const oldest = this.byDigest.entries().next().value;
      if (oldest) this.drop(oldest[0], oldest[1].snapshot.userId);
    }
    // The shared frozen actor hands out the snapshot's own roles array: frozen too, so no request can
    // change another's roles (nothing in src/server sorts or pushes into an actor's roles in place).
    Object.freeze(snapshot.roles);
    this.byDigest.set(digest, {
      snapshot,
      until: nowMs + this.ttlMs,
      expiresMs: Date.parse(snapshot.expiresAt),
      lastSeenMs: Date.parse(snapshot.lastSeenAt),
      request: { actor: Object.freeze(actorOf(snapshot)) },
    });
    let digests = this.byUser.get(snapshot.userId);
    if (!digests) this.byUser.set(snapshot.userId, (digests = new Set()));
    digests.add(digest);
  }

  /** Keeps the entry, with the time its expiry was last slid (so it slides once a minute, as before). */
  touched(digest: string, lastSeenAt: string, expiresAt: string): void {
    const hit = this.byDigest.get(digest);
    if (!hit) return;
    hit.snapshot = { ...hit.snapshot, lastSeenAt, expiresAt };
    hit.expiresMs = Date.parse(expiresAt);
    hit.lastSeenMs = Date.parse(lastSeenAt);
  }

  forgetUser(userId: string): void {
    this.epoch += 1;
    const digests = this.byUser.get(userId);
    if (!digests) return;
    for (const digest of digests) this.byDigest.delete(digest);
    this.byUser.delete(userId);
    // The raw tokens of the forgotten sessions go now, not at the next lookup: an idle instance
    // would otherwise keep a signed-out bearer token in its heap. Forgets are rare (sign-out,
    // revocation, role or account changes), so a walk of at most `maxEntries` tokens is fine.
    for (const [token, digest] of this.digestOfToken) {
      if (digests.has(digest)) this.digestOfToken.delete(token);
    }
  }

  clear(): void {
    this.epoch += 1;
    this.digestOfToken.clear();
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
