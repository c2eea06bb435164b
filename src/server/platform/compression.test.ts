import { describe, expect, it } from 'vitest';
import { ENCODING_HEADER_MAX_KEPT_LENGTH, ENCODING_HEADERS_KEPT, encodingFor, keptEncodingHeaders } from './compression.js';

/** The encoding is kept by Accept-Encoding text (ADR 030): each text still gets its own answer. */
describe('encodingFor', () => {
  it('answers each header by what it allows, the same the first time and from the kept answers', () => {
    const cases: [string | string[] | undefined, 'br' | 'gzip' | null][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', null],
      ['identity', null],
      [undefined, null],
      ['', null],
      [['gzip', 'br'], 'br'],
      ['BR', 'br'],
    ];
    for (let round = 0; round < 2; round++) for (const [header, expected] of cases) expect([header, encodingFor(header)]).toEqual([header, expected]);
  });

  it('parses a long header without keeping it, and still answers short ones afterwards', () => {
    const long = `${'x-made-up, '.repeat(40)}gzip`;
    expect(long.length).toBeGreaterThan(ENCODING_HEADER_MAX_KEPT_LENGTH);
    const before = keptEncodingHeaders();
    expect(encodingFor(long)).toBe('gzip');
    expect(encodingFor(`${long};q=0`)).toBe(null);
    expect(keptEncodingHeaders()).toBe(before);
    // The longest kept text is kept.
    const longest = `${'x'.repeat(ENCODING_HEADER_MAX_KEPT_LENGTH - 4)}, br`;
    expect(encodingFor(longest)).toBe('br');
    expect(keptEncodingHeaders()).toBe(before + 1);
    for (let i = 0; i < 1_500; i++) expect(encodingFor(`x-${i}, br`)).toBe('br');
    expect(encodingFor('gzip;q=0.5')).toBe('gzip');
  });

  it('keeps at most ENCODING_HEADERS_KEPT texts, however many new ones arrive', () => {
    let largest = 0;
    for (let i = 0; i < ENCODING_HEADERS_KEPT * 3; i++) {
      expect(encodingFor(`y-${i}, gzip`)).toBe('gzip');
      largest = Math.max(largest, keptEncodingHeaders());
    }
    expect(largest).toBe(ENCODING_HEADERS_KEPT);
  });
});
