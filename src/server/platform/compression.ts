import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encodings an Accept-Encoding header allows (q > 0), lower-cased. */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (q === undefined || Number(q) > 0) accepted.add(name);
  }
  return accepted;
}

/**
 * The encoding to answer with for an Accept-Encoding header, kept by header: browsers send one of
 * a handful of texts, and parsing one costs ≈ 0.7 µs (ADR 030). Bounded like the rate limit's
 * address keys (cleared when full; a long header is parsed, never kept), so a client sending ever
 * new headers cannot grow it.
 */
const encodingByHeader = new Map<string, 'br' | 'gzip' | null>();
export const ENCODING_HEADERS_KEPT = 1_000;
export const ENCODING_HEADER_MAX_KEPT_LENGTH = 256;
/** How many header texts are kept now: lets the tests check the bounds above. */
export function keptEncodingHeaders(): number {
  return encodingByHeader.size;
}
export function encodingFor(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const key = Array.isArray(header) ? header.join(',') : (header ?? '');
  let encoding = encodingByHeader.get(key);
  if (encoding === undefined) {
    const accepted = acceptedEncodings(key);
    encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
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
 * is at most half the bytes' length (the owner counts that much for both, `KeptArray.size`) and in
 * an allocation of its own (zlib's short results are slices of Node's shared pool, which a kept
 * slice would keep alive: ADR 053); otherwise every request compresses, as for other bytes.
 */
type KeptCopy = Buffer | Promise<Buffer> | 'not kept';
const compressedCopies = new WeakMap<Buffer, { br?: KeptCopy; gzip?: KeptCopy }>();

/** Marks `bytes` as sent again and again, unchanged: their compressed copies are kept with them. Returns `bytes`. */
export function keepCompressedCopies(bytes: Buffer): Buffer {
  if (!compressedCopies.has(bytes)) compressedCopies.set(bytes, {});
  return bytes;
}

let compressionsStarted = 0;
/** How many compressions the hook has started since the process began (tests: a kept copy starts none). */
export function compressionCount(): number {
  return compressionsStarted;
}

function compress(payload: string | Buffer, encoding: 'br' | 'gzip'): Promise<Buffer> {
  compressionsStarted++;
  return encoding === 'br'
    ? brotli(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(payload, { level: 6 });
}

/** `payload` compressed: from its kept copy when it is marked (`keepCompressedCopies`), else made now. */
function compressed(payload: string | Buffer, encoding: 'br' | 'gzip'): Buffer | Promise<Buffer> {
  const copies = typeof payload === 'string' ? undefined : compressedCopies.get(payload);
  if (copies === undefined) return compress(payload, encoding);
  const kept = copies[encoding];
  if (kept !== undefined && kept !== 'not kept') return kept;
  if (kept === 'not kept') return compress(payload, encoding);
  const making = compress(payload, encoding).then(
    (body) => {
      if (body.length > payload.length / 2) {
        copies[encoding] = 'not kept';
        return body;
      }
      const own = Buffer.allocUnsafeSlow(body.length);
      body.copy(own);
      copies[encoding] = own;
      return own;
    },
    (err: unknown) => {
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
 * response ever carries beside someone's words (BREACH).
 */
export function installJsonCompression(app: FastifyInstance): void {
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
    const body = compressed(payload, encoding);
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
    body.then(send, (err: Error) => done(err));
  });
}
