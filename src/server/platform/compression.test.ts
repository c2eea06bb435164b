import { randomBytes } from 'node:crypto';
import { brotliCompress, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../../../test/raw-http.js';
import { type Compressor, compressionCount, ENCODING_HEADER_MAX_KEPT_LENGTH, ENCODING_HEADERS_KEPT, encodingFor, installJsonCompression, keepCompressedCopies, keptEncodingHeaders } from './compression.js';

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
      // RFC 9110 §12.5.3: the highest weight wins; br before gzip at equal weight; q=0 excludes.
      ['gzip;q=0.5, br;q=1', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['br;q=0.8, gzip;q=0.8', 'br'],
      ['GZip;Q=0.9, Br;q=0.1', 'gzip'],
      ['  gzip ; q=0.3 ,br ;q=0.2  ', 'gzip'],
      ['x-gzip', 'gzip'],
      // `*` stands for every coding not named; `identity` weighed above both means none.
      ['*', 'br'],
      ['br;q=0, *', 'gzip'],
      ['*;q=0', null],
      ['*;q=0, gzip', 'gzip'],
      ['identity;q=0', null],
      ['identity;q=0, br;q=0.1', 'br'],
      ['identity, br;q=0.5', null],
      ['gzip, identity', 'gzip'],
      // Unknown codings are ignored; a weight that is not one makes its entry not acceptable.
      ['zstd, deflate', null],
      ['zstd, gzip;q=0.1', 'gzip'],
      ['br;q=high, gzip', 'gzip'],
      ['br;q=2, gzip;q=0.5', 'gzip'],
      ['br;q=0.5000, gzip;q=0.4', 'gzip'],
      ['br;q, gzip', 'gzip'],
      ['br;q=1.0', 'br'],
      [';;, ,', null],
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

/**
 * What a client is sent for its Accept-Encoding, over a real socket: the coding RFC 9110 §12.5.3
 * makes it prefer, never one it excluded, and `Vary: Accept-Encoding` whatever it is sent.
 */
describe('Accept-Encoding weights over HTTP', () => {
  const json = Buffer.from(JSON.stringify({ posts: Array.from({ length: 60 }, (_, i) => ({ id: i, bodyHtml: '<p>Some days are quieter than others.</p>' })) }));
  const app = Fastify();
  installJsonCompression(app);
  const kept = keepCompressedCopies(Buffer.from(json));
  app.get('/kept', (_req, reply) => reply.type('application/json; charset=utf-8').send(kept));
  app.get('/fresh', (_req, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(JSON.parse(json.toString('utf8')))));
  beforeAll(() => app.listen({ port: 0, host: '127.0.0.1' }));
  afterAll(() => app.close());

  const cases: [string, 'br' | 'gzip' | undefined][] = [
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0', undefined],
    ['gzip;q=0.5, br;q=1', 'br'],
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['identity;q=0, gzip;q=0.1', 'gzip'],
    ['BR, GZIP', 'br'],
    ['  gzip ;  q=0.9 , br ; q=0.2 ', 'gzip'],
    ['br;q=oops, gzip', 'gzip'],
    ['br;q=7', undefined],
    ['zstd', undefined],
  ];
  it.each(cases)('%j is sent %s', async (acceptEncoding, expected) => {
    for (const path of ['/kept', '/fresh']) {
      const res = await rawGet(app, path, { 'accept-encoding': acceptEncoding });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-encoding'], path).toBe(expected);
      expect(res.headers.vary, path).toMatch(/accept-encoding/i);
      const body = expected === 'br' ? brotliDecompressSync(res.body) : expected === 'gzip' ? gunzipSync(res.body) : res.body;
      expect(body.equals(json), path).toBe(true);
    }
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

/**
 * A compression that fails sends the bytes uncompressed to every request waiting for it (Vary kept,
 * no Content-Encoding), is logged once at warn without the words it was given, and is not kept: the
 * next requests compress again. The failure is made by the compressor the hook is given (zlib's
 * Brotli otherwise), over a real socket.
 */
describe('a failed compression', () => {
  const words = 'A walk after dinner, every day.';
  const json = Buffer.from(JSON.stringify({ posts: Array.from({ length: 60 }, (_, i) => ({ id: i, bodyHtml: `<p>${words}</p>` })) }));
  const brotli = promisify(brotliCompress);
  let failures = 0;
  let calls = 0;
  // Holds a compression back until the requests that should wait for it have come.
  let gate: Promise<void> | null = null;
  const compressor: Compressor = async (payload, encoding) => {
    calls++;
    if (gate) await gate;
    if (failures > 0) {
      failures--;
      // A message quoting what it was given: the log must not carry it.
      throw new Error(`could not compress ${payload.toString().slice(0, 200)}`);
    }
    expect(encoding).toBe('br');
    return brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
  };
  const logLines: string[] = [];
  const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logLines.push(line) } } });
  installJsonCompression(app, { compressor });
  const kept = keepCompressedCopies(Buffer.from(json));
  let keptServed = 0;
  app.get('/kept', (_req, reply) => {
    keptServed++;
    return reply.type('application/json; charset=utf-8').header('vary', 'cookie').send(kept);
  });
  app.get('/fresh', (_req, reply) => reply.type('application/json; charset=utf-8').send(json.toString('utf8')));
  beforeAll(() => app.listen({ port: 0, host: '127.0.0.1' }));
  afterAll(() => app.close());
  const get = (path = '/kept') => rawGet(app, path, { 'accept-encoding': 'br' });
  const warnings = () => logLines.map((line) => JSON.parse(line) as { level: number; msg: string; encoding?: string }).filter((entry) => entry.level === 40);

  it('sends kept bytes uncompressed to the requests waiting for it, logs it once, and the next requests compress again and get the right Brotli', async () => {
    failures = 1;
    calls = 0;
    logLines.length = 0;
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const sent = Promise.all([get(), get(), get()]);
    // All three in the hook (the handler sends, the hook runs with it), waiting for the one compression.
    while (keptServed < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setImmediate(resolve));
    gate = null;
    open();
    const failed = await sent;
    expect(calls).toBe(1);
    for (const res of failed) {
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toBe('cookie, accept-encoding');
      expect(res.body.equals(json)).toBe(true);
    }
    expect(warnings()).toMatchObject([{ msg: 'compression failed: sent uncompressed', encoding: 'br' }]);
    expect(logLines.join('')).not.toContain(words);
    const [first, ...others] = await Promise.all([get(), get()]);
    const again = await get();
    // One more compression, kept for the requests after it.
    expect(calls).toBe(2);
    for (const res of [first!, ...others, again]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).equals(json)).toBe(true);
    }
    expect(warnings()).toHaveLength(1);
  });

  it('sends bytes that are not kept uncompressed when their compression fails', async () => {
    failures = 1;
    logLines.length = 0;
    const res = await get('/fresh');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.body.equals(json)).toBe(true);
    expect(warnings()).toHaveLength(1);
    expect(logLines.join('')).not.toContain(words);
    expect(brotliDecompressSync((await get('/fresh')).body).equals(json)).toBe(true);
  });
});
