import { describe, expect, it } from 'vitest';
import { ProfileCache } from './profile-cache.js';

const profile = (id: string) => ({ bytes: Buffer.from(`{"id":"${id}"}`), user: { id, handle: id, pronouns: null, experience_tags: '[]', bio: null, bio_state: 'visible' as const }, roles: ['member' as const] });

describe('ProfileCache', () => {
  it('keeps a profile until its TTL, and forgets it when told', () => {
    const cache = new ProfileCache(5_000);
    cache.put('u1', profile('u1'), 1_000, cache.mark());
    expect(cache.get('u1', 5_999)?.bytes.toString()).toBe('{"id":"u1"}');
    expect(cache.get('u1', 6_000)).toBeNull();
    cache.put('u1', profile('u1'), 7_000, cache.mark());
    cache.forget('u1');
    expect(cache.get('u1', 7_001)).toBeNull();
  });

  it('does not keep what a read that began before a forget read (it may be the old profile)', () => {
    const cache = new ProfileCache();
    const mark = cache.mark();
    cache.forget('u1');
    const answered = cache.put('u1', profile('u1'), 0, mark);
    expect(answered.bytes.toString()).toBe('{"id":"u1"}');
    expect(cache.get('u1', 1)).toBeNull();
  });

  it('holds at most its bound, the one kept longest going first', () => {
    const cache = new ProfileCache(5_000, 2);
    for (const id of ['u1', 'u2', 'u3']) cache.put(id, profile(id), 0, cache.mark());
    expect(cache.size).toBe(2);
    expect(cache.get('u1', 1)).toBeNull();
    expect(cache.get('u3', 1)).not.toBeNull();
  });
});
