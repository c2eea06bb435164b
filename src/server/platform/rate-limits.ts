import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
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
 * together; otherwise in this process's memory.
 *
 * Call `registerRateLimits` before the routes (the plugin hooks the routes registered after it) and
 * `limitWritesPerAccount` after the hook that resolves `req.actor`: app-level onRequest hooks run
 * in the order they were added.
 */
export async function registerRateLimits(app: FastifyInstance, config: Pick<Config, 'rateLimitPerMinute' | 'redisUrl'>): Promise<void> {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true }) : null;
  // Connected before the first request: without an offline queue, a command sent earlier fails.
  if (redis) await redis.connect();
  await app.register(fastifyRateLimit, {
    global: true,
    // If Redis goes away later, requests go through unlimited rather than fail: a person in crisis
    // must still reach the crisis lines. /api/ready reports Redis unreachable meanwhile.
    skipOnError: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    ...(redis ? { redis, nameSpace: 'kindred-rl:' } : {}),
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
