import { buildTestApp, LogCapture, type TestAppOptions } from './app.js';
import type { testDatabases } from './databases.js';
import { buildUser } from './factories.js';
import { InProcessBus, type Bus, type BusEvent, type BusHandler } from '../src/server/platform/bus.js';
import type { OutboxConsumer } from '../src/server/platform/outbox.js';

export const OUTBOX_METRICS_TOKEN = 'outbox-metrics-token-0123456789-abcdef';
/** Words the safety screen raises an alert for. */
export const CRISIS_TEXT = 'I want to kill myself.';

/**
 * The real in-process bus, except that publishing the events `fails` picks throws, as a Redis
 * publish does when Redis is down or slower than its retries. The Bus interface is the seam the app
 * already takes (`build({ bus })`); a real Redis connection cut for one event, and only that one,
 * could not be timed without racing the dispatcher.
 */
export class BusFailingFor implements Bus {
  readonly kind = 'memory' as const;
  private readonly inner = new InProcessBus();
  constructor(private readonly fails: (e: BusEvent) => boolean) {}
  async publish(event: BusEvent): Promise<void> {
    if (this.fails(event)) throw Object.assign(new Error(`Reached the max retries per request limit: ${JSON.stringify(event.data)}`), { name: 'MaxRetriesPerRequestError' });
    await this.inner.publish(event);
  }
  subscribe(handler: BusHandler): () => void {
    return this.inner.subscribe(handler);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * An app whose dispatcher starts once the test's consumers are registered (ADR 024): events written
 * before are taken in one drain, in commit order, like those a crash or a busy minute leaves.
 */
export async function outboxApp(
  database: (typeof testDatabases)[number],
  consumers: OutboxConsumer[] = [],
  bus: Bus = new InProcessBus(),
  opts: Omit<TestAppOptions, 'bus' | 'dispatchEvents' | 'logStream'> = {},
) {
  const published: BusEvent[] = [];
  bus.subscribe((e) => void published.push(e));
  const logStream = new LogCapture();
  const built = await buildTestApp(database, { ...opts, bus, dispatchEvents: false, logStream, config: { metricsToken: OUTBOX_METRICS_TOKEN, ...opts.config } });
  const dispatcher = built.app.kindred.dispatcher;
  for (const consumer of consumers) dispatcher.register(consumer);
  const options = (dispatcher as unknown as { opts: { maxAttempts?: number; enabled: boolean } }).opts;
  const start = () => {
    options.enabled = true;
  };
  const drain = async () => {
    dispatcher.kick();
    await dispatcher.idle();
  };
  const db = built.app.kindred.database.db;
  const outbox = () => db.selectFrom('outbox').select(['id', 'type', 'payload', 'attempts', 'failed_at', 'retry_at', 'dead_at', 'consumed_at']).orderBy('id').execute();
  const stored = async (prefix: string) => (await db.selectFrom('settings').select('key').where('key', 'like', `${prefix}%`).orderBy('key').execute()).map((r) => r.key);
  const metric = async (name: string) => {
    const text = (await built.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${OUTBOX_METRICS_TOKEN}` } })).body;
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };
  /** Starts the dispatcher as the app does at boot (its start pass, what the tests' drain does not do). */
  const boot = async () => {
    start();
    dispatcher.start();
    await dispatcher.idle();
  };
  /** One tick of the dispatcher's poll timer, as `start` sets it (the test drives the clock). */
  const poll = async () => {
    dispatcher.poll();
    await dispatcher.idle();
  };
  /** A real crisis alert: the safety screen raising one on a member's own words. Returns its outbox row. */
  const raiseCrisisAlert = async () => {
    const member = await buildUser(built.app);
    await member.client.patch('/api/me/profile', { bio: CRISIS_TEXT });
    const row = (await outbox()).find((r) => r.type === 'safety.alert_raised');
    if (!row) throw new Error('no alert was raised');
    return row;
  };
  return { ...built, published, logStream, start, drain, boot, poll, options, outbox, stored, metric, raiseCrisisAlert };
}

export type OutboxApp = Awaited<ReturnType<typeof outboxApp>>;
