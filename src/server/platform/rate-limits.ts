import fastifyRateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { tooManyRequests } from './errors.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Rate limits, in two layers:
 *  - per client address, on every request (`KINDRED_RATE_LIMIT_PER_MINUTE`; routes such as sign-in
 *    set their own stricter limit in `config.rateLimit`), checked by the plugin's own hook;
 *  - per signed-in account, on every state change (`KINDRED_WRITE_RATE_LIMIT_PER_MINUTE`), whatever
 *    address it comes from, so one account cannot flood spaces or inboxes from many addresses.
 * With `REDIS_URL` the counters live in Redis, so every instance behind a load balancer counts
 * together; otherwise in this process's memory. While Redis is unreachable each instance counts in
 * its own memory (the same limits, per instance) and logs one warning; when Redis answers again the
 * shared counters take over. The crisis resources and the load balancer's probes (`/api/health`, `/api/ready`) are never limited (`rateLimit: false`).
 *
 * Call `registerRateLimits` before the routes (the plugin hooks the routes registered after it) and
 * `limitWritesPerAccount` after the hook that resolves `req.actor`: app-level onRequest hooks run
 * in the order they were added.
 */
export async function registerRateLimits(app: FastifyInstance, config: Pick<Config, 'rateLimitPerMinute' | 'redisUrl'>): Promise<void> {
  // A command times out rather than waits on a Redis that stopped answering (the fallback counts it).
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, commandTimeout: 1000 }) : null;
  // Connected before the first request: without an offline queue, a command sent earlier fails.
  if (redis) await redis.connect();
  if (redis) redis.on('error', () => undefined); // reported once by the store below; ioredis reconnects by itself
  await app.register(fastifyRateLimit, {
    global: true,
    // Should a store still fail, the request goes through rather than fail: a person in crisis must
    // still reach the crisis lines. /api/ready reports Redis unreachable meanwhile.
    skipOnError: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(redis ? { store: resilientStoreClass(redis, app.log) } : {}),
    errorResponseBuilder: (_req, ctx) => tooManyRequests(`You are going a little fast. Please wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`, ctx.ttl / 1000),
  });
  if (redis) app.addHook('onClose', async () => redis.disconnect());
}

/** The per-account limit on state changes; see `registerRateLimits`. */
export function limitWritesPerAccount(app: FastifyInstance, maxPerMinute: number): void {
  // The plugin's store (memory or Redis) with keys of our own, `account:<user id>` (in Redis the
  // plugin prefixes a child store's keys with a route, which a manual limiter lacks: the key reads
  // `kindred-rl:undefinedundefined-account:<id>`).
  const check = app.createRateLimit({ max: maxPerMinute, timeWindow: '1 minute', keyGenerator: (req) => `account:${req.actor!.userId}` });
  app.addHook('onRequest', async (req) => {
    if (!req.actor || READS.has(req.method)) return;
    const result = await check(req);
    if (result.isAllowed || !result.isExceeded) return;
    throw tooManyRequests(
      `You have made a lot of changes in a short time, so Kindred is pausing new ones from your account for a moment. Please wait ${result.ttlInSeconds} seconds and try again. Reading still works meanwhile.`,
      result.ttl / 1000,
    );
  });
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
  return class extends ResilientStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = params.continueExceeding ?? false;
      const exponentialBackoff = params.exponentialBackoff ?? false;
      super(redis, new RedisStore(continueExceeding, exponentialBackoff, redis, 'kindred-rl:'), new LocalStore(continueExceeding, exponentialBackoff), new RedisHealth(log));
    }
  };
}
