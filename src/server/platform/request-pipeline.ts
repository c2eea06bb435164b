import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from './actor.js';
import { READS, type RateLimits } from './rate-limits.js';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie.js';
import { badRequest } from './errors.js';

/** What the pipeline asks of the accounts module: the request's session, from the cache when it can. */
export interface RequestSessions {
  /** The session without a Promise when the cache holds it and nothing needs writing; `undefined` otherwise. */
  cachedRequestSession(token: string): { actor: Actor } | null | undefined;
  resolveRequestSession(token: string, opts: { mayRotate: boolean; fresh?: boolean }): Promise<{ actor: Actor; newToken?: string } | null>;
}

export interface RequestPipelineDeps {
  /** Set on every response, answers and errors alike: helmet's headers and the instance's name. */
  headers: Record<string, string>;
  sessions: RequestSessions;
  limits: RateLimits;
  /** Whether this person already holds this create key (ADR 042): its request is a retry, answered from what it stored. */
  holdsKey(userId: string, clientId: string): Promise<boolean>;
}

/**
 * A create a retry of which is answered from what its first request stored (ADR 042). Its
 * per-account write limit is counted once the body is parsed (preValidation), and not at all for
 * a retry: a person on a flaky network who presses Send again stores nothing and must not be
 * paused for it. `true` looks the body's `clientId` up in the platform's keys; a function answers
 * for a create with a key of its own (1:1 messages).
 */
export type IdempotentCreateConfig = true | ((req: FastifyRequest, clientId: string) => Promise<boolean>);

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotentCreate?: IdempotentCreateConfig;
  }
}

/** The shape `ClientId` (contracts/common.ts) accepts; anything else is not a key and is counted (its 400 comes from the route's schema). */
const CLIENT_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Fastify's own map of a reply's headers (a plain object per reply, `{}` when made), found by its
 * symbol in Fastify's module (the same instance its replies use; Fastify exports none of its
 * symbols). Should a version of Fastify not have it, or keep something else there, the headers are
 * set the public way; `test/platform/response-headers.test.ts` pins every header of every kind of
 * answer, so a change that lost one would fail there (and `response-headers-fallback.test.ts` the
 * same through the public way).
 */
const replyHeaders: symbol | undefined = (() => {
  try {
    const { kReplyHeaders } = createRequire(import.meta.url)('fastify/lib/symbols.js') as { kReplyHeaders?: unknown };
    return typeof kReplyHeaders === 'symbol' && kReplyHeaders.description === 'fastify.reply.headers' ? kReplyHeaders : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Sets `headers` on `reply` as `reply.headers` would (lower-case names; `set-cookie` aside, each
 * header replaces any value of that name) with one `Object.assign` into Fastify's map, instead of
 * one `reply.header` call per header, each lower-casing its name again (ADR 043: 13 headers and
 * what a read adds after them, 3.1 → 1.2 µs in isolation). Not a fresh object spread from the
 * prepared one: the headers a route adds after it made that 26.4 µs against 3.1 µs (ADR 043).
 */
export function headerSetter(headers: Record<string, string>): (reply: FastifyReply) => void {
  const prepared: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) prepared[name.toLowerCase()] = value;
  const key = replyHeaders;
  if (!key || 'set-cookie' in prepared) return (reply) => void reply.headers(prepared);
  return (reply) => {
    const map = (reply as unknown as Record<symbol, Record<string, unknown> | undefined>)[key];
    if (map && Object.getPrototypeOf(map) === Object.prototype) Object.assign(map, prepared);
    else reply.headers(prepared);
  };
}

/**
 * Kindred's work on every request before its route's own, as one onRequest hook (ADR 026), in the
 * order the separate hooks it replaces ran:
 *  1. the response headers every answer carries (security headers, instance name), in one go;
 *  2. the session from its cookie (`req.actor`), rotated when due; a WebSocket handshake never
 *     rotates (it cannot set a cookie) and reads the session from the database, never the cache:
 *     a socket outlives its one check, and another instance may not have heard of a revocation yet;
 *  3. for a state change: the CSRF check, then the per-account write limit;
 *  4. the per-address limit (not for routes with a limit of their own or none, nor unknown paths).
 * A signed-in read whose session is cached runs all of it synchronously: no Promise, no closure;
 * the session lookup, a write's checks and a limit counted in Redis continue from their callback.
 * Call after @fastify/cookie (which parses `req.cookies`) and the rate-limit plugin are registered.
 */
export function installRequestPipeline(app: FastifyInstance, deps: RequestPipelineDeps): void {
  const { sessions, limits } = deps;
  const setHeaders = headerSetter(deps.headers);
  app.decorateRequest('actor', null);

  /**
   * Continues after a Promise. A throw in `next` would otherwise be an unhandled rejection, which
   * ends the process on Node 20 (a client gone before its session was read did that: `req.ip` was
   * undefined); here it goes to Fastify as an error answer.
   */
  function resume(done: (err?: Error) => void, next: () => void): void {
    try {
      next();
    } catch (err) {
      done(err as Error);
    }
  }

  function afterChecks(req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    limits.perAddress(req, reply, done);
  }

  function afterSession(req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
    if (READS.has(req.method)) return afterChecks(req, reply, done);
    app.csrfProtection(req, reply, (err?: Error) => {
      if (err) return done(err);
      // A create with a key is counted once its body is read (below), unless it is a retry.
      if (!req.actor || req.routeOptions.config.idempotentCreate) return afterChecks(req, reply, done);
      limits.perAccount(req).then((refused) => (refused ? done(refused) : resume(done, () => afterChecks(req, reply, done))), done);
    });
  }

  // Only the routes that take a key get the hook: every other request keeps its one onRequest hook.
  app.addHook('onRoute', (route) => {
    const config = (route.config as { idempotentCreate?: IdempotentCreateConfig } | undefined)?.idempotentCreate;
    if (!config) return;
    const isRetry = config === true ? (req: FastifyRequest, clientId: string) => deps.holdsKey(req.actor!.userId, clientId) : config;
    const countUnlessRetry = async (req: FastifyRequest) => {
      if (!req.actor || READS.has(req.method)) return;
      const clientId = (req.body as { clientId?: unknown } | undefined)?.clientId;
      if (typeof clientId === 'string' && CLIENT_ID.test(clientId) && (await isRetry(req, clientId))) return;
      const refused = await limits.perAccount(req);
      if (refused) throw refused;
    };
    const existing = route.preValidation;
    route.preValidation = existing ? [...(Array.isArray(existing) ? existing : [existing]), countUnlessRetry] : [countUnlessRetry];
  });

  app.addHook('onRequest', (req, reply, done) => {
    setHeaders(reply);
    // A NUL (%00) in a path or query value would reach PostgreSQL, whose text cannot hold it (a 500);
    // no link Kindred makes carries one. JSON bodies are checked by their parser (json-body.ts).
    if (req.url.includes('%00')) return done(badRequest('The address holds a NUL character (%00); remove it and try again.'));
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      req.actor = null;
      return afterSession(req, reply, done);
    }
    const upgrade = !!req.headers.upgrade;
    const cached = upgrade ? undefined : sessions.cachedRequestSession(token);
    if (cached !== undefined) {
      req.actor = cached?.actor ?? null;
      return afterSession(req, reply, done);
    }
    sessions.resolveRequestSession(token, upgrade ? { mayRotate: false, fresh: true } : { mayRotate: true }).then(
      (session) =>
        resume(done, () => {
          req.actor = session?.actor ?? null;
          if (session?.newToken) setSessionCookie(reply, req, session.newToken);
          afterSession(req, reply, done);
        }),
      done,
    );
  });
}
