import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, gunzipSync, gzip } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../../../../test/raw-http.js';
import { compressionCount, type Compressor, installJsonCompression } from '../../platform/compression.js';
import { ArrayBytes, type Written } from './communities.presenter.js';
import type { ThreadRow } from './communities.repository.js';
import { approximateBytes, type SharedList, ThreadListCache } from './thread-list-cache.js';
import { KeptAnswers, ThreadPageCache, type SharedPostPage } from './thread-page-cache.js';

/**
 * A cache of kept bytes bounds what it holds truthfully, their compressed copies included (ADR 037,
 * amendment of 2026-11-27): each copy is counted when it is made, once however many requests
 * waited for it, and released with the entry that kept it. The copies are made by the real
 * compression hook, for requests over a real socket; `gate` holds a compression back when a test
 * needs something to happen while it runs.
 */
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
let gate: Promise<void> | null = null;
let compressions = 0;
const compressor: Compressor = async (payload, encoding) => {
  compressions++;
  if (gate) await gate;
  return encoding === 'br'
    ? brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(payload, { level: 6 });
};

/** Forty posts of words that compress well: a list's array of ~5 kB. */
const items: Written<unknown>[] = Array.from({ length: 40 }, (_, i) => ({ json: JSON.stringify({ id: `post-${i}`, bodyHtml: '<p>A short walk every morning helped a little, then a lot.</p>' }), view: () => ({}) }));
const row = { id: 't1', title: 'Mornings' } as unknown as ThreadRow;
const newList = (): SharedList => ({ rows: [row], templates: new Map(), arrays: new ArrayBytes() });
const HEAD = '{"threads":';
const TAIL = ',"nextCursor":null}';

describe('a kept-bytes cache counts the compressed copies it keeps', () => {
  let cache: ThreadListCache;
  const app = Fastify();
  installJsonCompression(app, { compressor });
  // The kept list at `key`, its array for the reader values `values`, in the response around it.
  // `?cursor=`: another response around the same array (another page's cursor), which replaces the one kept.
  app.get<{ Params: { key: string; values: string }; Querystring: { cursor?: string } }>('/lists/:key/:values', (req, reply) => {
    const list = cache.get(req.params.key, 0);
    if (!list?.arrays) return reply.code(404).send({ error: 'not kept' });
    const tail = req.query.cursor === undefined ? TAIL : `,"nextCursor":${JSON.stringify(req.query.cursor)}}`;
    return reply.type('application/json; charset=utf-8').send(list.arrays.get(req.params.values, items).around(HEAD, tail));
  });
  let pagesServed: ThreadPageCache | null = null;
  app.get<{ Params: { thread: string } }>('/pages/:thread', (req, reply) => {
    const page = pagesServed?.get(req.params.thread, 1, null, 20);
    if (!page) return reply.code(404).send({ error: 'not kept' });
    return reply.type('application/json; charset=utf-8').send(page.arrays.get('v', items).around(HEAD, TAIL));
  });
  beforeAll(() => app.listen({ port: 0, host: '127.0.0.1' }));
  afterAll(() => app.close());
  const get = (key: string, encoding: string, values = 'v') => rawGet(app, `/lists/${key}/${values}`, { 'accept-encoding': encoding });
  const put = (key: string, list: SharedList) => cache.put(key, list, 0, cache.mark());
  /** One list's bytes once read with br and gzip: its entry, array, response and both copies. */
  const whole = Buffer.from(`${HEAD}[${items.map((i) => i.json).join(',')}]${TAIL}`);
  let rawEntry = 0;
  let brLength = 0;
  let gzipLength = 0;

  beforeAll(async () => {
    cache = new ThreadListCache(60_000, 1024 * 1024);
    rawEntry = approximateBytes('k', newList());
    put('k', newList());
    brLength = (await get('k', 'br')).body.length;
    gzipLength = (await get('k', 'gzip')).body.length;
    expect(brLength).toBeLessThan(whole.length / 2);
    expect(gzipLength).toBeLessThan(whole.length / 2);
  });
  const arrayHeld = 2 * 'v'.length + whole.length - HEAD.length - TAIL.length;
  const fullEntry = () => rawEntry + arrayHeld + whole.length + brLength + gzipLength;

  it('counts the array and its response when made, each copy when it is made, and nothing for a copy already made', async () => {
    cache = new ThreadListCache(60_000, 1024 * 1024);
    put('a', newList());
    expect(cache.stats.bytes).toBe(rawEntry);
    const plain = await get('a', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + whole.length);
    const br = await get('a', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(whole)).toBe(true);
    expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + whole.length + brLength);
    const gz = await get('a', 'gzip');
    expect(gunzipSync(gz.body).equals(whole)).toBe(true);
    expect(cache.stats.bytes).toBe(fullEntry());
    // Sent from the kept copies: nothing more.
    await get('a', 'br');
    await get('a', 'gzip, br');
    expect(cache.stats.bytes).toBe(fullEntry());
  });

  it('counts a copy once when several requests wait for the same compression', async () => {
    cache = new ThreadListCache(60_000, 1024 * 1024);
    put('a', newList());
    await get('a', 'identity');
    const before = compressionCount();
    const responses = await Promise.all([get('a', 'br'), get('a', 'br'), get('a', 'gzip;q=0.5, br'), get('a', 'br')]);
    for (const res of responses) expect(brotliDecompressSync(res.body).equals(whole)).toBe(true);
    expect(compressionCount() - before).toBe(1);
    expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + whole.length + brLength);
  });

  it('stays within its bound counting the copies, the oldest entry going first', async () => {
    // Room for three entries with their responses, and for the copies of two of them, not of three.
    const withResponse = rawEntry + arrayHeld + whole.length;
    const bound = 3 * withResponse + 2 * (brLength + gzipLength) + Math.floor(brLength / 2);
    cache = new ThreadListCache(60_000, bound);
    const lists = { a: newList(), b: newList(), c: newList() };
    for (const [key, list] of Object.entries(lists)) put(key, list);
    for (const key of Object.keys(lists)) {
      await get(key, 'identity');
      expect(cache.stats.bytes).toBeLessThanOrEqual(bound);
    }
    expect(cache.stats.entries).toBe(3);
    for (const key of Object.keys(lists)) {
      for (const encoding of ['br', 'gzip']) {
        expect((await get(key, encoding)).status).toBe(200);
        expect(cache.stats.bytes).toBeLessThanOrEqual(bound);
      }
    }
    // The copies of b and c pushed out a, the oldest; b and c hold exactly what they were counted for.
    expect(cache.get('a', 0)).toBeNull();
    expect(cache.get('b', 0)).toBe(lists.b);
    expect(cache.get('c', 0)).toBe(lists.c);
    expect(cache.stats).toMatchObject({ entries: 2, bytes: 2 * fullEntry() });
  });

  it('releases the copies with the entry that kept them, and with an array or response it let go', async () => {
    cache = new ThreadListCache(60_000, 1024 * 1024);
    put('a', newList());
    put('b', newList());
    for (const key of ['a', 'b']) for (const encoding of ['br', 'gzip']) await get(key, encoding);
    expect(cache.stats.bytes).toBe(2 * fullEntry());
    // a read again (a change replaced it): its old copies are not counted any more.
    put('a', newList());
    expect(cache.stats.bytes).toBe(fullEntry() + rawEntry);
    // b's list lets go of its array for one reader's values once it keeps KEPT others: that array's response and copies go with it.
    const b = cache.get('b', 0)!;
    for (let i = 0; i < ArrayBytes.KEPT; i++) await get('b', 'br', `other-${i}`);
    const otherArray = 2 * 'other-0'.length + arrayHeld - 2 * 'v'.length;
    expect(b.arrays!.heldBytes).toBe(ArrayBytes.KEPT * (otherArray + whole.length + brLength));
    expect(cache.stats.bytes).toBe(rawEntry + rawEntry + b.arrays!.heldBytes);
    cache.clear();
    expect(cache.stats.bytes).toBe(0);
  });

  it('does not count a copy made after its entry, or the response it was made of, was let go', async () => {
    cache = new ThreadListCache(60_000, 1024 * 1024);
    put('a', newList());
    await get('a', 'identity');
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    try {
      const before = compressions;
      const sent = get('a', 'br');
      // Once the compression has started (the request is in the hook, its response made and counted), the entry is forgotten.
      while (compressions === before) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + whole.length);
      put('a', newList());
      expect(cache.stats.bytes).toBe(rawEntry);
      open();
      expect(brotliDecompressSync((await sent).body).equals(whole)).toBe(true);
      expect(cache.stats.bytes).toBe(rawEntry);

      // The same while the response is replaced by another around the same array (a reader with another cursor).
      await get('a', 'identity');
      gate = new Promise((resolve) => (open = resolve));
      const started = compressions;
      const replacedWhileCompressed = get('a', 'br');
      while (compressions === started) await new Promise((resolve) => setTimeout(resolve, 5));
      const other = await rawGet(app, '/lists/a/v?cursor=next', { 'accept-encoding': 'identity' });
      expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + other.body.length);
      open();
      expect(brotliDecompressSync((await replacedWhileCompressed).body).equals(whole)).toBe(true);
      expect(cache.stats.bytes).toBe(rawEntry + arrayHeld + other.body.length);
    } finally {
      gate = null;
    }
  });

  it('counts the copies of a thread page the same way, in the page cache', async () => {
    const pages = new ThreadPageCache(10, 1024 * 1024);
    const page: SharedPostPage = { rows: [], templates: [], counts: new Map(), reactionsByUser: null, reactionCount: 0, arrays: new ArrayBytes(), answers: new KeptAnswers(), offReaders: false, authors: new Set() };
    pages.put('t1', 1, null, 20, page);
    expect(pages.stats.bytes).toBe(0);
    pagesServed = pages;
    for (const encoding of ['identity', 'br', 'gzip', 'br']) expect((await rawGet(app, '/pages/t1', { 'accept-encoding': encoding })).status).toBe(200);
    expect(pages.stats.bytes).toBe(arrayHeld + whole.length + brLength + gzipLength);
    // A new version: the page is forgotten, and with it what its copies held.
    expect(pages.get('t1', 2, null, 20)).toBeNull();
    expect(pages.stats).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('drops only a page whose kept bytes grow past the whole bound, not the pages kept before it', async () => {
    const smallPage = (): SharedPostPage => ({
      rows: [{ body_html: '<p>Hi</p>', body_source: 'Hi', body_text: 'Hi' } as unknown as SharedPostPage['rows'][number]],
      templates: [],
      counts: new Map(),
      reactionsByUser: null,
      reactionCount: 0,
      arrays: new ArrayBytes(),
      answers: new KeptAnswers(),
      offReaders: false,
      authors: new Set(),
    });
    const probe = new ThreadPageCache();
    probe.put('probe', 1, null, 20, smallPage());
    // Room for the five small pages and a little more, less than the big page's array.
    const pages = new ThreadPageCache(10, 5 * probe.stats.bytes + 256);
    for (let i = 0; i < 5; i++) pages.put(`small-${i}`, 1, null, 20, smallPage());
    const smallBytes = pages.stats.bytes;
    expect(pages.stats.entries).toBe(5);
    const big: SharedPostPage = { rows: [], templates: [], counts: new Map(), reactionsByUser: null, reactionCount: 0, arrays: new ArrayBytes(), answers: new KeptAnswers(), offReaders: false, authors: new Set() };
    pages.put('big', 1, null, 20, big);
    expect(pages.stats).toMatchObject({ entries: 6, bytes: smallBytes });
    // Served once: its array alone is over the whole bound.
    expect(arrayHeld).toBeGreaterThan(pages.stats.maxBytes);
    pagesServed = pages;
    expect((await rawGet(app, '/pages/big', { 'accept-encoding': 'identity' })).status).toBe(200);
    expect(pages.stats).toMatchObject({ entries: 5, bytes: smallBytes });
    for (let i = 0; i < 5; i++) expect(pages.get(`small-${i}`, 1, null, 20)).not.toBeNull();
    expect(pages.get('big', 1, null, 20)).toBeNull();
  });
});
