import { Redis } from 'ioredis';
import type { EventType } from '../../contracts/events.js';

/** A domain event after commit, with the realtime rooms it may be shown in. */
export interface BusEvent {
  id: string;
  type: EventType | string;
  occurredAt: string;
  /** Realtime rooms to fan out to (e.g. "user:<id>", "supervisors"). Empty: server-side only. */
  rooms: string[];
  data: unknown;
}

export type BusHandler = (event: BusEvent) => void;

/**
 * Longest a publish waits for Redis: past it the publish fails and the outbox tries again later.
 * Timers run before socket reads, so an event loop stalled this long fails a publish a healthy
 * Redis took (then published twice; sockets drop the repeat): 5 s makes that rare, and the
 * outbox's breaker makes a frozen Redis cost this wait once per try, not once per batch (ADR 033).
 */
export const PUBLISH_TIMEOUT_MS = 5000;

/** A publish that did not reach the bus (Redis unreachable, or slower than PUBLISH_TIMEOUT_MS). */
export class BusUnavailableError extends Error {
  /** BUS_DOWN (no connection), BUS_TIMEOUT (no answer in time), BUS_BACKING_OFF (not tried: the outbox's breaker). */
  readonly code: 'BUS_DOWN' | 'BUS_TIMEOUT' | 'BUS_BACKING_OFF';
  constructor(reason: string, code: BusUnavailableError['code']) {
    super(`the event bus is unavailable: ${reason}`);
    this.name = 'BusUnavailableError';
    this.code = code;
  }
}

/**
 * Publish/subscribe between the instances of one deployment. Unordered across instances. The
 * dispatcher publishes an event after the commit that removed it from the outbox; a publish that
 * fails (Redis down: it fails at once, or after PUBLISH_TIMEOUT_MS at most) puts the event back in
 * the outbox to be published again later (ADR 033), so an event is not lost to a Redis outage, and
 * may rarely arrive twice (a publish that timed out yet reached Redis): receivers treat events as
 * hints, and a socket gets an event id once. One published while an instance (or its Redis
 * connection) is down is still missed by that instance. So nothing that must happen hangs on the
 * bus: consumers' work is done in the outbox transaction (exactly once); live pages refetch what
 * they show after a reconnect; the caches kept in step over the bus expire on their own (sessions
 * and lists within 5 s, ADR 015; public profiles within 5 s, ADR 053; the supporter index is reloaded whole every 10 minutes, and the
 * offers it ranks are checked against the database). A socket in several of an event's rooms gets
 * it once (its frame names the first of them it is in).
 */
export interface Bus {
  readonly kind: 'memory' | 'redis';
  publish(event: BusEvent): Promise<void>;
  subscribe(handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to the local subscribers. */
export class InProcessBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly handlers = new Set<BusHandler>();

  async publish(event: BusEvent): Promise<void> {
    for (const h of this.handlers) {
      try {
        h(event);
      } catch {
        // a failing subscriber must not stop the others
      }
    }
  }

  subscribe(handler: BusHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}

/** Many instances: events travel over one Redis pub/sub channel and reach every instance. */
export class RedisBus implements Bus {
  readonly kind = 'redis' as const;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Set<BusHandler>();
  private ready: Promise<unknown>;

  constructor(
    url: string,
    private readonly channel = 'kindred:events',
    private readonly publishTimeoutMs = PUBLISH_TIMEOUT_MS,
  ) {
    // No offline queue for publishing: while Redis is unreachable a publish fails at once instead
    // of waiting through the reconnection attempts (measured: ~20 s each with ioredis' defaults),
    // and the outbox publishes the event again later. Reconnection itself goes on in the background.
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    // Connection errors are expected while Redis is down (publishes report them): not unhandled.
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    // Ready once listening and once the publishing connection is up: a publish before that fails at
    // once (no offline queue), which a caller that waited for readiness should not see.
    const pubReady = new Promise<void>((resolve) => (this.pub.status === 'ready' ? resolve() : this.pub.once('ready', () => resolve())));
    this.ready = Promise.all([this.sub.subscribe(this.channel), pubReady]);
    this.sub.on('message', (ch: string, message: string) => {
      if (ch !== this.channel) return;
      let event: BusEvent;
      try {
        event = JSON.parse(message) as BusEvent;
      } catch {
        return;
      }
      for (const h of this.handlers) {
        try {
          h(event);
        } catch {
          // isolate subscribers
        }
      }
    });
  }

  /** Resolves once this instance is listening, so nothing published after it is missed. */
  async whenReady(): Promise<void> {
    await this.ready;
  }

  async publish(event: BusEvent): Promise<void> {
    if (this.pub.status !== 'ready') throw new BusUnavailableError(`redis connection ${this.pub.status}`, 'BUS_DOWN');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusUnavailableError(`no answer within ${this.publishTimeoutMs} ms`, 'BUS_TIMEOUT')), this.publishTimeoutMs);
    });
    try {
      await Promise.race([this.pub.publish(this.channel, JSON.stringify(event)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  subscribe(handler: BusHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.pub.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

export async function createBus(redisUrl: string | undefined, channel?: string, publishTimeoutMs?: number): Promise<Bus> {
  if (!redisUrl) return new InProcessBus();
  const bus = new RedisBus(redisUrl, channel, publishTimeoutMs);
  await bus.whenReady();
  return bus;
}
