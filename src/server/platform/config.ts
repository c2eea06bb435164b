import path from 'node:path';
import { z } from 'zod';

/**
 * A duration in whole milliseconds, 0 (no bound) to `max`. Blank is refused: coerced, it would be
 * 0, turning a bound off by a `KINDRED_PG_…_MS=` left empty in an env file (unset it for the default).
 */
function millis(max: number) {
  return z
    .string()
    .regex(/\S/, 'must not be blank: unset it for the default, or 0 for no bound')
    .pipe(z.coerce.number<string>({ message: 'must be a number' }).int('must be a whole number of milliseconds').min(0, 'must be 0 (no bound) or more').max(max, `must be at most ${max}`));
}

/** Every environment variable Kindred reads, validated once at start. README lists the same table. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/kindred.db'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  KINDRED_SECRET: z.string().min(32, 'must be at least 32 characters (use `openssl rand -base64 48`)').optional(),
  KINDRED_OLD_SECRETS: z.string().optional(),
  KINDRED_KEY_FILE: z.string().default('./data/kindred.key'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SAFETY_ALERT_MINUTES: z
    .string()
    .regex(/^\d+,\d+,\d+$/, 'must be three whole numbers "L3,L4,L5", e.g. 30,10,5')
    .default('30,10,5'),
  KINDRED_RATE_LIMIT_PER_MINUTE: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(300),
  KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(120),
  MENTORING_OFFER_MINUTES: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1440, 'must be at most 1440').default(15),
  KINDRED_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters (use `openssl rand -hex 24`)').optional(),
  KINDRED_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(300, 'must be at most 300').default(10),
  TRAINING_REFRESHER_DAYS: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(180, 'must be at most 180').default(30),
  KINDRED_CURRICULUM_DIR: z.string().min(1).optional(),
  KINDRED_THREAD_LIST_CACHE_MB: z.coerce.number({ message: 'must be a number' }).min(0.25, 'must be at least 0.25').max(4096, 'must be at most 4096').default(16),
  KINDRED_PG_STATEMENT_TIMEOUT_MS: millis(3_600_000).default(15_000),
  KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS: millis(86_400_000).default(600_000),
  KINDRED_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(3_600_000).default(60_000),
  KINDRED_PG_CONNECT_TIMEOUT_MS: millis(600_000).default(10_000),
  KINDRED_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  secret: string | undefined;
  oldSecrets: string[];
  keyFile: string;
  trustProxy: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Minutes a supervisor has to acknowledge an alert, by level. */
  alertMinutes: { 3: number; 4: number; 5: number };
  /** General requests per minute per client IP (sign-up/sign-in keep their own, stricter limit). */
  rateLimitPerMinute: number;
  /** State changes (POST/PUT/PATCH/DELETE) per minute per signed-in account, from whatever addresses. */
  writeRateLimitPerMinute: number;
  /** Minutes one round of a support request's offers lasts before it widens to more supporters. */
  mentoringOfferMinutes: number;
  /** Bearer token for GET /metrics; undefined turns the route off (404). */
  metricsToken: string | undefined;
  /** Seconds a shutdown waits for in-flight requests before it cuts them off. */
  shutdownGraceSeconds: number;
  /** Names this process in an `x-kindred-instance` response header, to tell instances apart behind a load balancer. */
  instanceId: string | undefined;
  /** Days before a certificate expires when the refresher opens (and the holder is told). */
  trainingRefresherDays: number;
  /** Where the training curriculum is read from; undefined: `<repo>/curriculum`. */
  curriculumDir: string | undefined;
  /** Bound on the thread list cache of each instance, in approximate bytes (ADR 015). */
  threadListCacheBytes: number;
  /**
   * PostgreSQL's bounds, in milliseconds (0: none), ADR 041: a request's statement; a statement of
   * the long units of work (account erasure and export; migrations are never bounded); a
   * transaction left idle; waiting for a pooled connection.
   */
  pgStatementTimeoutMs: number;
  pgLongStatementTimeoutMs: number;
  pgIdleInTransactionTimeoutMs: number;
  pgConnectTimeoutMs: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  // A long unit of work's bound only ever raises the requests' one (no bound for requests: none for it either).
  if (e.KINDRED_PG_STATEMENT_TIMEOUT_MS > 0 && e.KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS > 0 && e.KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS < e.KINDRED_PG_STATEMENT_TIMEOUT_MS) {
    throw new ConfigError('Invalid environment variable KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS: must be 0 (no bound) or at least KINDRED_PG_STATEMENT_TIMEOUT_MS');
  }
  const [l3, l4, l5] = e.SAFETY_ALERT_MINUTES.split(',').map(Number) as [number, number, number];
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    secret: e.KINDRED_SECRET,
    oldSecrets: e.KINDRED_OLD_SECRETS ? e.KINDRED_OLD_SECRETS.split(',').filter(Boolean) : [],
    keyFile: path.resolve(e.KINDRED_KEY_FILE),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    alertMinutes: { 3: l3, 4: l4, 5: l5 },
    rateLimitPerMinute: e.KINDRED_RATE_LIMIT_PER_MINUTE,
    writeRateLimitPerMinute: e.KINDRED_WRITE_RATE_LIMIT_PER_MINUTE,
    mentoringOfferMinutes: e.MENTORING_OFFER_MINUTES,
    metricsToken: e.KINDRED_METRICS_TOKEN,
    shutdownGraceSeconds: e.KINDRED_SHUTDOWN_GRACE_SECONDS,
    instanceId: e.KINDRED_INSTANCE_ID,
    trainingRefresherDays: e.TRAINING_REFRESHER_DAYS,
    curriculumDir: e.KINDRED_CURRICULUM_DIR ? path.resolve(e.KINDRED_CURRICULUM_DIR) : undefined,
    threadListCacheBytes: Math.round(e.KINDRED_THREAD_LIST_CACHE_MB * 1024 * 1024),
    pgStatementTimeoutMs: e.KINDRED_PG_STATEMENT_TIMEOUT_MS,
    pgLongStatementTimeoutMs: e.KINDRED_PG_STATEMENT_TIMEOUT_MS === 0 ? 0 : e.KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS,
    pgIdleInTransactionTimeoutMs: e.KINDRED_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    pgConnectTimeoutMs: e.KINDRED_PG_CONNECT_TIMEOUT_MS,
  };
}
