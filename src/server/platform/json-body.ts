import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.js';

/** Largest request body accepted, in bytes; larger ones are refused with 413 before they are read. */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** Deepest nesting of arrays and objects accepted; no Kindred request comes close to it. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when the JSON text nests arrays/objects deeper than `max`. One linear pass over the
 * characters with no recursion, run before parsing: later stages (validation, logging, error
 * formatting) may walk a value recursively, and 10,000 levels must never reach them.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * True when a parsed JSON value holds the NUL character in a key or a string. PostgreSQL's text
 * cannot store it (a 500 on insert) and no person types it, so it is refused for every route on
 * both databases alike. Only walked when the raw text spells the escape (JSON can carry NUL no
 * other way); depth is already bounded by the nesting check.
 */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) if (key.includes('\u0000') || holdsNul(inner)) return true;
  }
  return false;
}

/**
 * The JSON body parser: Fastify's own (which refuses `__proto__` and `constructor.prototype`
 * keys), behind the nesting check, then the NUL check. Size is limited by the app's bodyLimit (413).
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
    const body = raw.toString();
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(badRequest(`The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels of arrays or objects).`), undefined);
      return;
    }
    if (!/\\u0000/i.test(body)) {
      parse(req, body, done);
      return;
    }
    parse(req, body, (err: Error | null, value?: unknown) => {
      if (err) done(err, undefined);
      else if (holdsNul(value)) done(badRequest('The text holds a NUL character (\\u0000), which Kindred cannot store; remove it and send again.'), undefined);
      else done(null, value);
    });
  });
}
