import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { installJsonCompression } from '../../platform/compression.js';
import { spaceListBytes } from './communities.presenter.js';
import type { SpaceRow } from './communities.repository.js';
import { SpacesRead } from './space-cache.js';

const space = (i: number): SpaceRow => ({
  id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  slug: `space-${i}`,
  name: `Space ${i}`,
  description: 'For people who want to talk about the week they had, whatever it was like.',
  house_rules: 'Be kind. Share what helped you, not what to do. No numbers, no methods. '.repeat(12),
  visibility: i % 2 ? 'program' : 'members',
  program_id: i % 2 ? `program-${i}` : null,
  allow_anonymous: 1,
  sort_order: i,
  created_at: '2026-11-27T00:00:00.000Z',
  updated_at: '2026-11-27T00:00:00.000Z',
});

const spaces = Array.from({ length: 24 }, (_, i) => space(i));
/** The n-th distinct set of spaces a reader may be shown: all of them but two (276 sets). */
const shownSet = (n: number): SpaceRow[] => {
  const pairs: [number, number][] = [];
  for (let a = 0; a < spaces.length; a++) for (let b = a + 1; b < spaces.length; b++) pairs.push([a, b]);
  const [a, b] = pairs[n % pairs.length]!;
  return spaces.filter((_, i) => i !== a && i !== b);
};

describe("the space list's kept copies (SpacesRead)", () => {
  it('keeps no more bytes than its bound however many distinct sets of spaces are asked for, the most recently used kept', () => {
    const maxBytes = 128 * 1024;
    const read = new SpacesRead(spaces, maxBytes);
    const oneList = spaceListBytes(shownSet(0)).length;
    // The bound holds a few lists, far fewer than the 64 a count bound kept.
    expect(Math.floor(maxBytes / oneList)).toBeGreaterThan(1);
    expect(Math.floor(maxBytes / oneList)).toBeLessThan(64);
    let writes = 0;
    const write = (visible: readonly SpaceRow[], counted: (copyBytes: number) => void) => {
      writes += 1;
      return spaceListBytes(visible, counted);
    };
    let kept = 0;
    for (let n = 0; n < 276; n++) {
      const visible = shownSet(n);
      const bytes = read.listBytes(visible, write);
      expect(JSON.parse(bytes.toString('utf8')).spaces.map((s: { id: string }) => s.id)).toEqual(visible.map((s) => s.id));
      expect(read.stats.bytes).toBeLessThanOrEqual(maxBytes);
      kept = Math.max(kept, read.stats.lists);
      // The one just written is kept: asked again, the same bytes, not written again.
      const before = writes;
      expect(read.listBytes(visible, write)).toBe(bytes);
      expect(writes).toBe(before);
    }
    expect(writes).toBe(276);
    expect(kept).toBeGreaterThan(1);
    expect(kept).toBeLessThanOrEqual(Math.floor(maxBytes / oneList));
  });

  it('writes a list larger than the whole bound for its reader without keeping it', () => {
    const read = new SpacesRead(spaces, 4 * 1024);
    const bytes = read.listBytes(spaces, spaceListBytes);
    expect(JSON.parse(bytes.toString('utf8')).spaces).toHaveLength(spaces.length);
    expect(read.stats).toEqual({ lists: 0, bytes: 0, maxBytes: 4 * 1024 });
    expect(read.listBytes(spaces, spaceListBytes)).not.toBe(bytes);
  });

  describe('with the compressed copies the responses keep', () => {
    const maxBytes = 96 * 1024;
    const read = new SpacesRead(spaces, maxBytes);
    const app = Fastify();
    installJsonCompression(app);
    app.get<{ Querystring: { n: string } }>('/spaces', (req, reply) => reply.type('application/json; charset=utf-8').send(read.listBytes(shownSet(Number(req.query.n)), spaceListBytes)));
    afterAll(() => app.close());

    it('counts each copy against the bound as it is kept, and stays within it under a flood of distinct sets', async () => {
      const get = (n: number, encoding: 'br' | 'gzip') => app.inject({ method: 'GET', url: `/spaces?n=${n}`, headers: { 'accept-encoding': encoding } });
      expect((await get(0, 'br')).headers['content-encoding']).toBe('br');
      const raw = read.stats.bytes;
      expect(read.stats.lists).toBe(1);
      // Brotli's copy kept with the list, then gzip's: each counted when it is made, once.
      expect((await get(0, 'gzip')).headers['content-encoding']).toBe('gzip');
      const withCopies = read.stats.bytes;
      expect(withCopies).toBeGreaterThan(raw);
      await get(0, 'br');
      expect(read.stats.bytes).toBe(withCopies);
      for (let n = 1; n < 120; n++) {
        const res = await get(n, n % 2 ? 'br' : 'gzip');
        expect(res.statusCode).toBe(200);
        expect(read.stats.bytes).toBeLessThanOrEqual(maxBytes);
      }
      expect(read.stats.lists).toBeGreaterThan(1);
    });
  });
});
