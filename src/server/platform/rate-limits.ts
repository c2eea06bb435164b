import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { tooManyRequests, type HttpError } from './errors.js';

/** Methods that change nothing: never counted against an account. */
export const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The per-account check on a state change: resolves to the 429 to answer with, or null to go on. */
export type AccountWriteCheck = (req: FastifyRequest) => Promise<HttpError | null>;

/**
 * The per-address limit on every request, as a callback the request pipeline calls (ADR 026):
 * `done()` to go on, `done(err)` with the 429. Sets the `x-ratelimit-*` headers either way.
 */
export type AddressCheck = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

export interface RateLimits {
  perAddress: AddressCheck;
  perAccount: AccountWriteCheck;
}

const WINDOW_MS = 60_000;

/**
 * Rate limits, in two layers:
 *  - per client address, on every request (`KINDRED_RATE_LIMIT_PER_MINUTE`; routes such as sign-in
 *    set their own stricter limit in `config.rateLimit`, counted by the plugin's route hook);
 *  - per signed-in account, on every state change (`KINDRED_WRITE_RATE_LIMIT_PER_MINUTE`), whatever
 *    address it comes from, so one account cannot flood spaces or inboxes from many addresses.
 * With `REDIS_URL` the counters live in Redis, so every instance behind a load balancer counts
 * together; otherwise in this process's memory. While Redis is unreachable each instance counts in
 * its own memory (the same limits, per instance) and logs one warning; when Redis answers again the
 * shared counters take over. The crisis resources and the load balancer's probes (`/api/health`, `/api/ready`) are never limited (`rateLimit: false`).
 *
 * Both checks are called by the request pipeline's one onRequest hook (request-pipeline.ts), in
 * the order the separate hooks ran before (ADR 026): session, CSRF, per-account, per-address. The
 * per-address limit is the plugin's global limit done by hand: same store, key (the normalized
 * address), window, headers and 429, but counted synchronously from the in-memory store instead
 * of through two awaits and a Promise per request. Routes with their own `config.rateLimit`
 * object keep the plugin's route hook; `rateLimit: false` and unknown paths (404) are not counted,
 * as before. Register before the routes (the plugin hooks the routes registered after it).
 */
export async function registerRateLimits(app: FastifyInstance, config: Pick<Config, 'rateLimitPerMinute' | 'writeRateLimitPerMinute' | 'redisUrl'>): Promise<RateLimits> {
  // A command times out rather than waits on a Redis that stopped answering (the fallback counts it).
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, commandTimeout: 1000 }) : null;
  // Connected before the first request: without an offline queue, a command sent earlier fails.
  if (redis) await redis.connect();
  if (redis) redis.on('error', () => undefined); // reported once by the store below; ioredis reconnects by itself
  const Store = redis ? resilientStoreClass(redis, app.log) : null;
  const errorResponseBuilder = (ttlMs: number) => tooManyRequests(`You are going a little fast. Please wait ${Math.ceil(ttlMs / 1000)} seconds and try again.`, ttlMs / 1000);
  await app.register(fastifyRateLimit, {
    // The global limit is counted by `perAddress` below; the plugin keeps the per-route limits.
    global: false,
    // Should a store still fail, the request goes through rather than fail: a person in crisis must
    // still reach the crisis lines. /api/ready reports Redis unreachable meanwhile.
    skipOnError: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(Store ? { store: Store } : {}),
    errorResponseBuilder: (_req, ctx) => errorResponseBuilder(ctx.ttl),
  });
  if (redis) app.addHook('onClose', async () => redis.disconnect());

  // The per-address store: what the plugin's global limit used (its root store, keys `kindred-rl:<address>` in Redis).
  const store: FastifyRateLimitStore = Store ? new Store({ continueExceeding: false, exponentialBackoff: false }) : new LocalStore(false, false);
  const max = config.rateLimitPerMinute;
  const maxText = String(max);
  // normalizeIP tests the address against an IPv6 pattern (and parses an IPv6 one) on every call;
  // the same few addresses come again and again (ADR 030). Pure, so kept by address, bounded.
  const normalized = new Map<string, string>();
  const keyOf = (ip: string): string => {
    let key = normalized.get(ip);
    if (key === undefined) {
      if (normalized.size >= 10_000) normalized.clear();
      normalized.set(ip, (key = normalizeIP(ip)));
    }
    return key;
  };
  const perAddress: AddressCheck = (req, reply, done) => {
    // Routes with a limit of their own (or none: `rateLimit: false`) and unknown paths are not counted here.
    if (req.is404 || req.routeOptions.config.rateLimit != null) return done();
    // A client gone while its session was read has no address left (normalizeIP would throw); its answer goes nowhere.
    const ip = req.ip;
    if (!ip) return done();
    store.incr(
      keyOf(ip),
      (err, res) => {
        // skipOnError: as if nothing had been counted.
        const current = err || !res ? 0 : res.current;
        const ttl = err || !res ? 0 : res.ttl;
        const ttlInSeconds = Math.ceil(ttl / 1000);
        reply.header('x-ratelimit-limit', maxText);
        if (current <= max) {
          reply.header('x-ratelimit-remaining', String(max - current));
          reply.header('x-ratelimit-reset', String(ttlInSeconds));
          return done();
        }
        reply.header('x-ratelimit-remaining', '0');
        reply.header('x-ratelimit-reset', String(ttlInSeconds));
        reply.header('retry-after', String(ttlInSeconds));
        done(errorResponseBuilder(ttl));
      },
      WINDOW_MS,
      max,
    );
  };

  // The plugin's store (memory or Redis) with keys of our own, `account:<user id>` (in Redis the
  // plugin prefixes a child store's keys with a route, which a manual limiter lacks: the key reads
  // `kindred-rl:undefinedundefined-account:<id>`).
  const check = app.createRateLimit({ max: config.writeRateLimitPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `account:${req.actor!.userId}` });
  const perAccount: AccountWriteCheck = async (req) => {
    const result = await check(req);
    if (result.isAllowed || !result.isExceeded) return null;
    return tooManyRequests(
      `You have made a lot of changes in a short time, so Kindred is pausing new ones from your account for a moment. Please wait ${result.ttlInSeconds} seconds and try again. Reading still works meanwhile.`,
      result.ttl / 1000,
    );
  };
  return { perAddress, perAccount };
}

/** Whether Redis is counting, shared by a store and its per-route children; logs each change once. */
class RedisHealth {
  private down = false;
  constructor(private readonly log: FastifyBaseLogger) {}

  get usable(): boolean {
    return !this.down;
  }

  failed(err: Error & { code?: string }): void {
    if (this.down) return;
    this.down = true;
    // The error's code only: a message could carry the Redis address.
    this.log.warn({ code: err.code ?? err.name }, 'Rate limits: Redis is unreachable; counting in this process until it answers again.');
  }

  answered(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info('Rate limits: Redis answers again; counting in Redis.');
  }
}

/**
 * Counts in Redis, and in this process's memory for as long as Redis does not answer (a request
 * is counted in one place, never lost). While down, Redis is asked again once it reports ready
 * (ioredis reconnects by itself), so the shared counters return without a restart.
 */
class ResilientStore implements FastifyRateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly shared: FastifyRateLimitStore,
    private readonly local: FastifyRateLimitStore,
    private readonly health: RedisHealth,
  ) {}

  incr(key: string, cb: (err: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void {
    if (!this.health.usable && this.redis.status !== 'ready') return this.local.incr(key, cb, timeWindow, max);
    this.shared.incr(
      key,
      (err, result) => {
        if (err) {
          this.health.failed(err);
          this.local.incr(key, cb, timeWindow, max);
          return;
        }
        this.health.answered();
        cb(null, result);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    return new ResilientStore(this.redis, this.shared.child(routeOptions), this.local.child(routeOptions), this.health);
  }
}

/** The plugin builds its store from a class: this one closes over the connection and the logger. */
function resilientStoreClass(redis: Redis, log: FastifyBaseLogger) {
  // One health for every store of the connection (the plugin's and the per-address one): one warning per outage.
  const health = new RedisHealth(log);
  return class extends ResilientStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = params.continueExceeding ?? false;
      const exponentialBackoff = params.exponentialBackoff ?? false;
      super(redis, new RedisStore(continueExceeding, exponentialBackoff, redis, 'kindred-rl:'), new LocalStore(continueExceeding, exponentialBackoff), health);
    }
  };
}
