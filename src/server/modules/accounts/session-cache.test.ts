import { describe, expect, it } from 'vitest';
import { tokenDigest } from '../../platform/crypto.js';
import { SessionCache, type SessionSnapshot } from './session-cache.js';

const T0 = Date.parse('2026-01-15T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const snapshot = (o: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  sessionId: 's1',
  userId: 'u1',
  handle: 'wren',
  region: null,
  roles: ['member'],
  lastSeenAt: iso(T0),
  expiresAt: iso(T0 + 30 * 86_400_000),
  ...o,
});

/** The cache's times are parsed once when an entry is stored (ADR 030); these pin what they decide. */
describe('SessionCache', () => {
  it('serves an entry until its TTL or the session expiry, whichever comes first', () => {
    const cache = new SessionCache(5_000);
    cache.put('a', snapshot(), T0, cache.mark());
    cache.put('b', snapshot({ sessionId: 's2', expiresAt: iso(T0 + 2_000) }), T0, cache.mark());
    expect(cache.entry('a', T0 + 4_999)?.snapshot.sessionId).toBe('s1');
    expect(cache.entry('b', T0 + 1_999)?.snapshot.sessionId).toBe('s2');
    expect(cache.entry('b', T0 + 2_000)).toBeNull(); // the session expired inside the TTL
    expect(cache.entry('a', T0 + 5_000)).toBeNull(); // the TTL passed
    expect(cache.size).toBe(0);
  });

  it('gives every request of an entry one frozen actor, and a new one once the entry is replaced', () => {
    const cache = new SessionCache(5_000);
    cache.put('a', snapshot(), T0, cache.mark());
    const first = cache.entry('a', T0 + 1)!.request;
    expect(cache.entry('a', T0 + 2)!.request).toBe(first);
    expect(first.actor).toEqual({ userId: 'u1', handle: 'wren', roles: ['member'], sessionId: 's1', region: null });
    expect(Object.isFrozen(first.actor)).toBe(true);
    // Its roles are the stored snapshot's own array, shared by every request: frozen as well.
    expect(Object.isFrozen(first.actor.roles)).toBe(true);
    expect(cache.get('a', T0 + 2)!.roles).toBe(first.actor.roles);
    expect(() => (first.actor.roles as string[]).push('admin')).toThrow(TypeError);
    expect(cache.entry('a', T0 + 2)!.request.actor.roles).toEqual(['member']);
    cache.forgetUser('u1'); // a role change, a sign-out…: forgotten at commit
    expect(cache.entry('a', T0 + 3)).toBeNull();
    cache.put('a', snapshot({ roles: ['member', 'facilitator'] }), T0 + 4, cache.mark());
    expect(cache.entry('a', T0 + 5)!.request.actor.roles).toEqual(['member', 'facilitator']);
  });

  it('keeps the slid expiry and last-seen time of a touched entry as numbers too', () => {
    const cache = new SessionCache(5_000);
    cache.put('a', snapshot({ expiresAt: iso(T0 + 1_000) }), T0, cache.mark());
    cache.touched('a', iso(T0 + 500), iso(T0 + 30 * 86_400_000));
    const hit = cache.entry('a', T0 + 2_000)!; // past the old expiry: still served
    expect(hit.lastSeenMs).toBe(T0 + 500);
    expect(hit.snapshot.lastSeenAt).toBe(iso(T0 + 500));
    expect(hit.expiresMs).toBe(T0 + 30 * 86_400_000);
  });

  it('does not store what was read before a forget', () => {
    const cache = new SessionCache(5_000);
    const mark = cache.mark();
    cache.forgetUser('u1');
    cache.put('a', snapshot(), T0, mark);
    expect(cache.entry('a', T0)).toBeNull();
  });

  /** ADR 060: a request's token is looked up by its remembered digest; the digest map still decides. */
  it('remembers the digest only of a token served from a live entry, and a forget ends the session at once', () => {
    const cache = new SessionCache(5_000);
    const token = 'tok-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    expect(cache.entryForToken(token, T0)).toBeNull(); // nothing cached: nothing remembered
    expect(cache.tokensKept).toBe(0);
    cache.put(tokenDigest(token), snapshot(), T0, cache.mark());
    expect(cache.entryForToken(token, T0 + 1)?.snapshot.sessionId).toBe('s1');
    expect(cache.tokensKept).toBe(1);
    expect(cache.entryForToken('tok-unknown', T0 + 2)).toBeNull(); // a token with no live entry is not kept
    expect(cache.tokensKept).toBe(1);
    // A sign-out or a role change forgets the person: their remembered token goes at once (an idle
    // instance keeps no signed-out bearer token in its heap), and a lookup finds nothing.
    cache.forgetUser('u1');
    expect(cache.tokensKept).toBe(0);
    expect(cache.entryForToken(token, T0 + 3)).toBeNull();
    expect(cache.tokensKept).toBe(0);
    // Read again with new roles: the token is served the new entry, never the forgotten one.
    cache.put(tokenDigest(token), snapshot({ roles: ['member', 'facilitator'] }), T0 + 4, cache.mark());
    expect(cache.entryForToken(token, T0 + 5)?.request.actor.roles).toEqual(['member', 'facilitator']);
    expect(cache.entryForToken(token, T0 + 6)?.request.actor.roles).toEqual(['member', 'facilitator']);
    // Another token of the same digest map is never answered with this one's entry.
    expect(cache.entryForToken(`${token}b`, T0 + 7)).toBeNull();
  });

  it('holds remembered tokens no longer than the TTL', () => {
    const cache = new SessionCache(5_000);
    const token = 'tok-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    cache.put(tokenDigest(token), snapshot(), T0, cache.mark());
    expect(cache.entryForToken(token, T0)).not.toBeNull();
    expect(cache.tokensKept).toBe(1);
    // Past the TTL the map is emptied before anything is looked up (and the entry has gone too).
    expect(cache.entryForToken('tok-other', T0 + 5_000)).toBeNull();
    expect(cache.tokensKept).toBe(0);
  });
});
