import { describe, expect, it } from 'vitest';
import { ByteBoundedLru } from './byte-bounded-lru.js';

/** The keys kept, least recently used first, and the bytes they are counted for. */
const state = <V>(lru: ByteBoundedLru<string, V>) => ({ keys: [...lru.keys()], bytes: lru.bytes });

/** An LRU of values named by their keys (`{ name: key }`, a new object each time). */
const filled = (maxBytes: number, entries: [string, number][], options: { maxEntries?: number } = {}) => {
  const lru = new ByteBoundedLru<string, { name: string }>({ maxBytes, ...options });
  for (const [key, bytes] of entries) lru.set(key, { name: key }, bytes);
  return lru;
};

describe('ByteBoundedLru', () => {
  it('keeps what fits, counts its bytes, and pushes out the least recently used first', () => {
    const lru = filled(100, [['a', 30], ['b', 30], ['c', 30]]);
    expect(state(lru)).toEqual({ keys: ['a', 'b', 'c'], bytes: 90 });
    expect(lru.size).toBe(3);
    // A hit becomes the most recently used: b, not a, is the oldest now.
    expect(lru.get('a')).toEqual({ name: 'a' });
    expect(state(lru).keys).toEqual(['b', 'c', 'a']);
    // 90 + 30 is over 100: the oldest (b) goes, and only it.
    expect(lru.set('d', { name: 'd' }, 30)).toBe(true);
    expect(state(lru)).toEqual({ keys: ['c', 'a', 'd'], bytes: 90 });
    expect(lru.get('b')).toBeUndefined();
    // As many go as must: 60 bytes more push out c and a, whatever their count.
    lru.set('e', { name: 'e' }, 70);
    expect(state(lru)).toEqual({ keys: ['d', 'e'], bytes: 100 });
    // Exactly at the bound is within it.
    expect(lru.bytes).toBe(lru.maxBytes);
  });

  it('leaves the order alone on peek', () => {
    const lru = filled(100, [['a', 10], ['b', 10]]);
    expect(lru.peek('a')).toEqual({ name: 'a' });
    expect(lru.peek('zz')).toBeUndefined();
    expect(state(lru).keys).toEqual(['a', 'b']);
    lru.set('c', { name: 'c' }, 85);
    expect(state(lru)).toEqual({ keys: ['b', 'c'], bytes: 95 });
  });

  it('replaces the entry at a key: its old bytes go, it becomes the most recently used', () => {
    const lru = filled(100, [['a', 40], ['b', 40]]);
    const replacement = { name: 'a2' };
    lru.set('a', replacement, 10);
    expect(state(lru)).toEqual({ keys: ['b', 'a'], bytes: 50 });
    expect(lru.peek('a')).toBe(replacement);
    // Grown in place by a larger replacement: counted once, not added to the old bytes.
    lru.set('a', { name: 'a3' }, 60);
    expect(state(lru)).toEqual({ keys: ['b', 'a'], bytes: 100 });
    // Its own old bytes do not push anything out: b stays for a replacement that fits beside it.
    lru.set('a', { name: 'a4' }, 55);
    expect(state(lru)).toEqual({ keys: ['b', 'a'], bytes: 95 });
  });

  it('refuses an entry larger than the whole bound, pushing nothing out for it (and letting go of what that key held)', () => {
    const lru = filled(100, [['a', 40], ['b', 40]]);
    expect(lru.set('huge', { name: 'huge' }, 101)).toBe(false);
    expect(state(lru)).toEqual({ keys: ['a', 'b'], bytes: 80 });
    expect(lru.set('a', { name: 'a2' }, 101)).toBe(false);
    expect(state(lru)).toEqual({ keys: ['b'], bytes: 40 });
  });

  it("keeps an entry larger than the whole bound alone when asked to ('alone')", () => {
    const lru = new ByteBoundedLru<string, number>({ maxBytes: 100, oversized: 'alone' });
    lru.set('a', 1, 40);
    expect(lru.set('huge', 2, 150)).toBe(true);
    expect(state(lru)).toEqual({ keys: ['huge'], bytes: 150 });
    // The next entry pushes it out.
    lru.set('b', 3, 10);
    expect(state(lru)).toEqual({ keys: ['b'], bytes: 10 });
  });

  it('bounds the count of entries too, when given one', () => {
    const lru = filled(1_000, [['a', 1], ['b', 1], ['c', 1]], { maxEntries: 2 });
    expect(state(lru)).toEqual({ keys: ['b', 'c'], bytes: 2 });
    lru.get('b');
    lru.set('d', { name: 'd' }, 1);
    expect(state(lru)).toEqual({ keys: ['b', 'd'], bytes: 2 });
    // Replacing an entry does not count it twice.
    lru.set('b', { name: 'b2' }, 1);
    expect(state(lru)).toEqual({ keys: ['d', 'b'], bytes: 2 });
  });

  it('counts growth after insertion: the least recently used others go; its place stays; it goes alone past the whole bound', () => {
    const lru = filled(100, [['a', 20], ['b', 20], ['c', 20]]);
    const b = lru.peek('b')!;
    const c = lru.peek('c')!;
    // Within the bound: counted, nothing pushed out, the order unchanged.
    lru.grow('b', b, 30);
    expect(state(lru)).toEqual({ keys: ['a', 'b', 'c'], bytes: 90 });
    // Past it: the oldest others go (a), not the one that grew, though it is older than c.
    lru.grow('b', b, 20);
    expect(state(lru)).toEqual({ keys: ['b', 'c'], bytes: 90 });
    // Past it again: c, the only other, goes.
    lru.grow('b', b, 20);
    expect(state(lru)).toEqual({ keys: ['b'], bytes: 90 });
    // Shrinking is counted down.
    lru.grow('b', b, -40);
    expect(state(lru)).toEqual({ keys: ['b'], bytes: 50 });
    lru.set('c', c, 10);
    // Over the whole bound on its own: it goes, and nothing else for it.
    lru.grow('b', b, 51);
    expect(state(lru)).toEqual({ keys: ['c'], bytes: 10 });
  });

  it('counts growth only for the value still kept at the key', () => {
    const lru = filled(100, [['a', 20]]);
    const first = lru.peek('a')!;
    lru.set('a', { name: 'a' }, 20);
    // An equal but other value: the one it replaced, whose growth is no longer this cache's.
    lru.grow('a', first, 30);
    expect(state(lru)).toEqual({ keys: ['a'], bytes: 20 });
    lru.delete('a');
    lru.grow('a', first, 30);
    expect(state(lru)).toEqual({ keys: [], bytes: 0 });
    lru.grow('missing', first, 30);
    expect(lru.bytes).toBe(0);
  });

  it('never counts an entry below nothing, so deleting it after a shrink past its bytes keeps the total true', () => {
    const lru = filled(100, [['a', 20], ['b', 30]]);
    lru.grow('a', lru.peek('a')!, -50);
    expect(lru.bytes).toBe(30);
    lru.delete('a');
    expect(state(lru)).toEqual({ keys: ['b'], bytes: 30 });
  });

  it('forgets an entry and its bytes on delete, and everything on clear', () => {
    const lru = filled(100, [['a', 20], ['b', 30], ['c', 40]]);
    expect(lru.delete('b')).toBe(true);
    expect(lru.delete('b')).toBe(false);
    expect(state(lru)).toEqual({ keys: ['a', 'c'], bytes: 60 });
    expect(lru.get('b')).toBeUndefined();
    // Its bytes are free again: 40 more fit without pushing anything out.
    lru.set('d', { name: 'd' }, 40);
    expect(state(lru)).toEqual({ keys: ['a', 'c', 'd'], bytes: 100 });
    lru.clear();
    expect(state(lru)).toEqual({ keys: [], bytes: 0 });
    expect(lru.size).toBe(0);
    expect(lru.peek('a')).toBeUndefined();
    // The whole bound is free after a clear.
    lru.set('e', { name: 'e' }, 100);
    expect(state(lru)).toEqual({ keys: ['e'], bytes: 100 });
  });

  it('lets its keys be walked while deleting the current one (oldest first)', () => {
    const lru = filled(100, [['a', 10], ['b', 10], ['c', 10]]);
    for (const key of lru.keys()) {
      if (key === 'c') break;
      lru.delete(key);
    }
    expect(state(lru)).toEqual({ keys: ['c'], bytes: 10 });
  });
});
