import { describe, expect, it } from 'vitest';
import type { ListReader } from './communities.repository.js';
import { ReaderCache, readerBytes } from './reader-cache.js';

const reader = (follows: number): ListReader => ({
  programs: [],
  prefs: new Map(),
  pendingIds: [],
  follows: new Set(Array.from({ length: follows }, (_, i) => `thread-${i}`)),
});

describe('ReaderCache', () => {
  it('hands out a user’s facts only at the version they were kept at', () => {
    const cache = new ReaderCache();
    const r = reader(1);
    cache.put('u1', 3, r);
    expect(cache.get('u1', 3)).toBe(r);
    expect(cache.get('u1', 4)).toBeUndefined();
    expect(cache.get('u2', 3)).toBeUndefined();
    expect(cache.versionOf('u1')).toBe(3);
  });

  it('keeps the newer version when a slower read of an older one comes back last', () => {
    const cache = new ReaderCache();
    const newer = reader(2);
    cache.put('u1', 5, newer);
    cache.put('u1', 4, reader(1));
    expect(cache.get('u1', 5)).toBe(newer);
    expect(cache.get('u1', 4)).toBeUndefined();
    const newest = reader(3);
    cache.put('u1', 6, newest);
    expect(cache.get('u1', 6)).toBe(newest);
    expect(cache.stats).toEqual({ entries: 1, bytes: readerBytes(newest) });
  });

  it('is bounded by approximate bytes, least recently used out first, and keeps nothing larger than the bound', () => {
    const one = readerBytes(reader(10));
    const cache = new ReaderCache(3 * one);
    cache.put('a', 1, reader(10));
    cache.put('b', 1, reader(10));
    cache.put('c', 1, reader(10));
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recently used
    cache.put('d', 1, reader(10));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.stats).toEqual({ entries: 3, bytes: 3 * one });
    cache.put('huge', 1, reader(1_000));
    expect(cache.get('huge', 1)).toBeUndefined();
    expect(cache.stats.entries).toBe(3);
  });
});
