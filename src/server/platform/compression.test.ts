import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { compressionCount, ENCODING_HEADER_MAX_KEPT_LENGTH, ENCODING_HEADERS_KEPT, encodingFor, installJsonCompression, keepCompressedCopies, keptEncodingHeaders } from './compression.js';

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

/** Bytes sent again and again (kept responses, ADR 037) are compressed once per encoding; other bytes every time. */
describe('compressed copies of kept bytes', () => {
  const json = Buffer.from(JSON.stringify({ posts: Array.from({ length: 60 }, (_, i) => ({ id: i, bodyHtml: '<p>A walk after dinner, every day.</p>' })) }));
  // Incompressible: its copies would not be at most half its length.
  const noise = Buffer.from(JSON.stringify({ noise: randomBytes(3000).toString('base64') }));
  const fresh = () => Buffer.from(json);
  const app = Fastify();
  installJsonCompression(app);
  const keptJson = keepCompressedCopies(Buffer.from(json));
  const keptNoise = keepCompressedCopies(Buffer.from(noise));
  app.get('/kept', (_req, reply) => reply.type('application/json; charset=utf-8').send(keptJson));
  app.get('/noise', (_req, reply) => reply.type('application/json; charset=utf-8').send(keptNoise));
  app.get('/fresh', (_req, reply) => reply.type('application/json; charset=utf-8').send(fresh()));
  const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
  const decoded = (res: Awaited<ReturnType<typeof get>>) =>
    res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload;

  it('compresses kept bytes once per encoding, also for requests made while the first is compressing, and sends what compressing them again would', async () => {
    const before = compressionCount();
    const [first, ...others] = await Promise.all([get('/kept', 'br'), get('/kept', 'br'), get('/kept', 'gzip, br')]);
    expect(compressionCount() - before).toBe(1);
    const again = await get('/kept', 'br');
    expect(compressionCount() - before).toBe(1);
    const fromFresh = await get('/fresh', 'br');
    expect(compressionCount() - before).toBe(2);
    for (const res of [first!, ...others, again]) {
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers.vary).toBe('accept-encoding');
      expect(res.headers['content-length']).toBe(String(res.rawPayload.length));
      expect(res.rawPayload.equals(fromFresh.rawPayload)).toBe(true);
      expect(decoded(res).equals(json)).toBe(true);
    }
    // gzip is a copy of its own; no encoding asked, the bytes as they are.
    const gz = await get('/kept', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decoded(gz).equals(json)).toBe(true);
    expect((await get('/kept', 'gzip')).rawPayload.equals(gz.rawPayload)).toBe(true);
    expect(compressionCount() - before).toBe(3);
    const plain = await get('/kept');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(json)).toBe(true);
    expect(compressionCount() - before).toBe(3);
  });

  it('compresses bytes that are not kept on every request, and kept bytes whose copy would be over half their length too', async () => {
    const before = compressionCount();
    for (let i = 0; i < 2; i++) expect(decoded(await get('/fresh', 'br')).equals(json)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const res = await get('/noise', 'br');
      expect(res.headers['content-encoding']).toBe('br');
      expect(decoded(res).equals(noise)).toBe(true);
    }
    expect(compressionCount() - before).toBe(5);
  });
});
