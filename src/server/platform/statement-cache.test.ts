import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './db.js';

/** SQLite's prepared statements kept by SQL text (SQLite only: PostgreSQL prepares by name, ADR 028). */
describe('the SQLite statement cache', () => {
  let cache: ReturnType<typeof withStatementCache>;
  beforeEach(() => {
    cache = withStatementCache(new SQLite(':memory:'), 8);
  });
  afterEach(() => cache.close());
  const numbered = (i: number) => `select ${i} as n`;

  it('gives back the statement prepared for the same SQL text, and keeps at most its bound', () => {
    const first = cache.prepare(numbered(0));
    expect(cache.prepare(numbered(0))).toBe(first);
    for (let i = 1; i < 50; i++) {
      cache.prepare(numbered(i));
      expect(cache.size).toBeLessThanOrEqual(8);
    }
    expect(cache.size).toBe(8);
    expect(cache.prepare(numbered(49))).toBe(cache.prepare(numbered(49)));
    // The first was dropped long ago: prepared anew.
    expect(cache.prepare(numbered(0))).not.toBe(first);
  });

  it('drops the least recently used first: one used again stays while the others go', () => {
    const kept = Array.from({ length: 8 }, (_, i) => cache.prepare(numbered(i)));
    expect(cache.prepare(numbered(0))).toBe(kept[0]);
    cache.prepare(numbered(100));
    expect(cache.prepare(numbered(0))).toBe(kept[0]);
    expect(cache.prepare(numbered(1))).not.toBe(kept[1]);
  });

  it('never drops a statement used within the last half of its span, however many new ones arrive', () => {
    const hot = cache.prepare('select 1 as hot');
    for (let i = 0; i < 200; i++) {
      cache.prepare(numbered(i));
      if (i % 3 === 2) expect(cache.prepare('select 1 as hot')).toBe(hot);
    }
    expect(cache.size).toBe(8);
  });

  it('a statement dropped while an iterator reads it goes on to the end (nothing is finalized)', () => {
    const statement = cache.prepare('select value from json_each(?)');
    const rows = statement.iterate(JSON.stringify([1, 2, 3, 4]));
    const read: unknown[] = [(rows.next().value as { value: number }).value];
    for (let i = 0; i < 20; i++) cache.prepare(numbered(i));
    expect(cache.prepare('select value from json_each(?)')).not.toBe(statement);
    for (const row of rows) read.push((row as { value: number }).value);
    expect(read).toEqual([1, 2, 3, 4]);
    expect(statement.all(JSON.stringify([5]))).toEqual([{ value: 5 }]);
  });
});
