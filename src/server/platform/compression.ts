import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The content codings we send, in our order of preference when a client weighs them the same. */
type Coding = 'br' | 'gzip';
const CODINGS: readonly Coding[] = ['br', 'gzip'];

/** A weight as RFC 9110 §12.4.2 writes it: 0 to 1, at most three decimals. */
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The weight (q) an Accept-Encoding header gives each of our codings, `identity` and `*`, by RFC
 * 9110 §12.5.3: names are case-insensitive (`x-gzip` is gzip), an entry without q weighs 1, one
 * whose q is not a valid weight (`q=2`, `q=high`, a parameter without a value) weighs 0 (not
 * acceptable, never an error), codings we do not send are ignored, and of an entry given twice
 * the lower weight counts.
 */
function weightsOf(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [rawName, ...params] = entry.split(';');
    let name = rawName!.trim().toLowerCase();
    if (name === 'x-gzip') name = 'gzip';
    if (name !== 'br' && name !== 'gzip' && name !== 'identity' && name !== '*') continue;
    let q = 1;
    for (const param of params) {
      if (param.trim() === '') continue;
      const eq = param.indexOf('=');
      if (eq < 0) q = 0;
      else if (param.slice(0, eq).trim().toLowerCase() === 'q') {
        const value = param.slice(eq + 1).trim();
        q = QVALUE.test(value) ? Number(value) : 0;
      }
    }
    weights.set(name, Math.min(q, weights.get(name) ?? 1));
  }
  return weights;
}

/** A coding's weight: its own entry's, else `*`'s, else 0 (a non-empty header names what it accepts). */
const weightOf = (weights: Map<string, number>, coding: Coding): number => weights.get(coding) ?? weights.get('*') ?? 0;

/** Our codings an Accept-Encoding header accepts (weight above 0). */
export function acceptedEncodings(header: string | string[] | undefined): Set<Coding> {
  const weights = weightsOf(Array.isArray(header) ? header.join(',') : (header ?? ''));
  return new Set(CODINGS.filter((coding) => weightOf(weights, coding) > 0));
}

/**
 * The coding to answer with (null: the bytes as they are), by RFC 9110 §12.5.3: the acceptable one
 * of highest weight, br before gzip at equal weight; none when the client weighs `identity` higher
 * than both (named, or through `*`). No header, or an empty one: none (a client that did not ask
 * is not sent what it may not decode). When nothing is acceptable, `identity` included
 * (`*;q=0`), the bytes go as they are: an answer the client may refuse rather than a 406/415 for
 * every JSON response.
 */
function chooseEncoding(header: string): Coding | null {
  const weights = weightsOf(header);
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const coding of CODINGS) {
    const weight = weightOf(weights, coding);
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  const identity = weights.get('identity') ?? weights.get('*');
  return identity !== undefined && identity > bestWeight ? null : best;
}

/**
 * The encoding to answer with for an Accept-Encoding header, kept by header: browsers send one of
 * a handful of texts, and parsing one costs ≈ 0.7 µs (ADR 030). Bounded like the rate limit's
 * address keys (cleared when full; a long header is parsed, never kept), so a client sending ever
 * new headers cannot grow it.
 */
const encodingByHeader = new Map<string, Coding | null>();
export const ENCODING_HEADERS_KEPT = 1_000;
export const ENCODING_HEADER_MAX_KEPT_LENGTH = 256;
/** How many header texts are kept now: lets the tests check the bounds above. */
export function keptEncodingHeaders(): number {
  return encodingByHeader.size;
}
export function encodingFor(header: string | string[] | undefined): Coding | null {
  const key = Array.isArray(header) ? header.join(',') : (header ?? '');
  let encoding = encodingByHeader.get(key);
  if (encoding === undefined) {
    encoding = chooseEncoding(key);
    if (key.length <= ENCODING_HEADER_MAX_KEPT_LENGTH) {
      if (encodingByHeader.size >= ENCODING_HEADERS_KEPT) encodingByHeader.clear();
      encodingByHeader.set(key, encoding);
    }
  }
  return encoding;
}

/**
 * The compressed copies of response bytes that are sent again and again (a thread page's or a list's
 * kept response, ADR 037), by encoding, made once and kept as long as those bytes are (a WeakMap:
 * they go with them). Brotli and gzip give the same output for the same input and parameters, so a
 * kept copy is exactly what compressing the bytes again would send. While a copy is being made,
 * the Promise is kept: requests in the meantime wait for the same one. A copy is kept only when it
 * is at most half the bytes' length and in an allocation of its own (zlib's short results are
 * slices of Node's shared pool, which a kept slice would keep alive: ADR 053); otherwise every
 * request compresses, as for other bytes. Each kept copy's length is told once, when it is kept,
 * to the `counted` its bytes were marked with: their owner counts it against its bound (ADR 037,
 * amendment of 2026-11-27), and releases it with the bytes.
 */
type KeptCopy = Buffer | Promise<Buffer> | 'not kept';
interface KeptCopies {
  br?: KeptCopy;
  gzip?: KeptCopy;
  counted?: ((copyBytes: number) => void) | undefined;
}
const compressedCopies = new WeakMap<Buffer, KeptCopies>();

/**
 * Marks `bytes` as sent again and again, unchanged: their compressed copies are kept with them, and
 * `counted` is given each copy's length when it is kept. Returns `bytes`.
 */
export function keepCompressedCopies(bytes: Buffer, counted?: (copyBytes: number) => void): Buffer {
  if (!compressedCopies.has(bytes)) compressedCopies.set(bytes, { counted });
  return bytes;
}

let compressionsStarted = 0;
/** How many compressions the hook has started since the process began (tests: a kept copy starts none). */
export function compressionCount(): number {
  return compressionsStarted;
}

/** Makes the compressed bytes of a payload (zlib's; the tests pass one that fails to show a failure is not kept). */
export type Compressor = (payload: string | Buffer, encoding: Coding) => Promise<Buffer>;

const zlibCompressor: Compressor = (payload, encoding) =>
  encoding === 'br'
    ? brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(payload, { level: 6 });

/**
 * `payload` compressed: from its kept copy when it is marked (`keepCompressedCopies`), else made now.
 * `failed` is told of each compression that fails, once however many requests waited for it.
 */
function compressed(payload: string | Buffer, encoding: Coding, compressor: Compressor, failed: (err: unknown) => void): Buffer | Promise<Buffer> {
  const compress = (): Promise<Buffer> => {
    compressionsStarted++;
    return compressor(payload, encoding).catch((err: unknown) => {
      failed(err);
      throw err;
    });
  };
  const copies = typeof payload === 'string' ? undefined : compressedCopies.get(payload);
  if (copies === undefined) return compress();
  const kept = copies[encoding];
  if (kept !== undefined && kept !== 'not kept') return kept;
  if (kept === 'not kept') return compress();
  const making = compress().then(
    (body) => {
      if (body.length > payload.length / 2) {
        copies[encoding] = 'not kept';
        return body;
      }
      // A result in an allocation of its own (zlib's longer ones) is kept as it is; a slice of the shared pool is copied out.
      let own = body;
      if (body.byteOffset !== 0 || body.buffer.byteLength !== body.length) {
        own = Buffer.allocUnsafeSlow(body.length);
        body.copy(own);
      }
      copies[encoding] = own;
      // Once per copy: the requests that waited for this one share it, and it is never made again.
      copies.counted?.(own.length);
      return own;
    },
    (err: unknown) => {
      // Not kept: the next request compresses again rather than getting the bytes uncompressed.
      delete copies[encoding];
      throw err;
    },
  );
  copies[encoding] = making;
  return making;
}

/** Below this a response fits in the first packets anyway; compressing it costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * JSON responses compressed for a browser that accepts it: a thread or a conversation is tens of
 * kilobytes of repetitive JSON, most of a slow phone link's wait for the page's words (issue 9).
 * Brotli at a quick level (gzip if that is all the client takes), off the event loop (zlib's
 * threads). Small responses stay as they are: among them the CSRF token's, which no compressed
 * response ever carries beside someone's words (BREACH). A compression that fails sends the bytes
 * as they are (Vary kept): a slower answer, not a 500 for every request waiting on it.
 */
export function installJsonCompression(app: FastifyInstance, options: { compressor?: Compressor } = {}): void {
  const compressor = options.compressor ?? zlibCompressor;
  // A callback hook: what is not compressed (most API answers to a client that is not a browser,
  // and every small one) goes on at once, without a Promise (ADR 026).
  app.addHook('onSend', (req, reply, payload, done) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    if (reply.hasHeader('content-encoding') || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return done(null, payload);
    // A string's UTF-8 bytes are at least its UTF-16 units: a long one needs no byte count (ADR 030).
    if ((typeof payload === 'string' ? payload.length < COMPRESS_MIN_BYTES : true) && Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return done(null, payload);
    // A download (the data export) holds the person's email beside words others wrote, and a
    // cross-site navigation can fetch it with the cookie: never compressed (BREACH), and not read on a slow page.
    if (reply.hasHeader('content-disposition')) return done(null, payload);
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
    const encoding = encodingFor(req.headers['accept-encoding']);
    if (!encoding) return done(null, payload);
    const body = compressed(payload, encoding, compressor, (err) =>
      // The error's kind only: a compressor's message could quote what it was given (someone's words).
      app.log.warn({ encoding, error: err instanceof Error ? err.name : typeof err, code: (err as { code?: unknown } | null)?.code }, 'compression failed: sent uncompressed'),
    );
    const send = (bytes: Buffer) => {
      // A throw here (after a Promise) would be an unhandled rejection, which ends the process on Node 20: hand it to Fastify.
      try {
        reply.header('content-encoding', encoding);
        reply.removeHeader('content-length');
      } catch (err) {
        return done(err as Error);
      }
      done(null, bytes);
    };
    // A kept copy goes out at once, without a Promise (ADR 026).
    if (Buffer.isBuffer(body)) return send(body);
    body.then(send, () => done(null, payload));
  });
}
