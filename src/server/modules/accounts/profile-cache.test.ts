import { describe, expect, it } from 'vitest';
import { writePublicProfile } from './accounts.presenter.js';
import { ProfileCache } from './profile-cache.js';

const profile = (id: string) => Buffer.from(`{"id":"${id}"}`);
const row = { id: 'u1', handle: 'willow', pronouns: null, experience_tags: '["grief"]', bio: 'Held text stays here.', bio_state: 'pending' as const };

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

  it('holds at most its bound in approximate bytes, the oldest going first, and never one profile larger than the bound', () => {
    const probe = new ProfileCache(5_000, 10_000);
    probe.put('u1', Buffer.alloc(1_000), 0, probe.mark());
    const cost = probe.stats.bytes;
    expect(cost).toBeGreaterThan(1_000);

    const cache = new ProfileCache(5_000, 10_000, 3 * cost);
    for (const id of ['u1', 'u2', 'u3', 'u4']) cache.put(id, Buffer.alloc(1_000), 0, cache.mark());
    expect(cache.stats).toMatchObject({ entries: 3, bytes: 3 * cost });
    expect(cache.get('u1', 1)).toBeNull();
    expect(cache.get('u4', 1)).not.toBeNull();

    cache.put('u5', Buffer.alloc(4 * cost), 0, cache.mark());
    expect(cache.get('u5', 1)).toBeNull();
    expect(cache.stats.entries).toBe(3);
    cache.forget('u4');
    expect(cache.stats.bytes).toBe(2 * cost);
  });

  it('drops expired profiles when it keeps another, not only when they are read', () => {
    const cache = new ProfileCache(5_000);
    cache.put('u1', profile('u1'), 0, cache.mark());
    cache.put('u2', profile('u2'), 4_000, cache.mark());
    cache.put('u3', profile('u3'), 5_000, cache.mark());
    // u1 ran out at 5,000 and went; u2 still holds.
    expect(cache.stats.entries).toBe(2);
    expect(cache.get('u2', 5_001)).not.toBeNull();
  });
});

describe('writePublicProfile', () => {
  it('writes bytes in an allocation of their own, not a slice of the shared pool a kept profile would pin', () => {
    const bytes = writePublicProfile(row, ['member']);
    expect(bytes.length).toBeLessThan(4_096);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
    expect(bytes.byteOffset).toBe(0);
  });

  it('writes what the schema declares, and refuses a value of the wrong type rather than sending it', () => {
    expect(JSON.parse(writePublicProfile(row, ['member']).toString('utf8'))).toEqual({ id: 'u1', handle: 'willow', pronouns: null, experienceTags: ['grief'], bio: null, roles: ['member'] });
    expect(() => writePublicProfile({ ...row, experience_tags: '"grief"' }, ['member'])).toThrow(/does not match its schema/);
  });
});
