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
 * Publish/subscribe between the instances of one deployment. Delivery is at most once, and
 * unordered across instances: the dispatcher publishes an event once, after the commit that
 * removed it from the outbox, and never again; one published while an instance (or its Redis
 * connection) is down, or while Redis itself is, is simply missed. So nothing that must happen
 * hangs on the bus: consumers' work is done in the outbox transaction (exactly once); live pages
 * treat events as hints and refetch what they show after a reconnect; the caches kept in step over
 * the bus expire on their own (sessions and lists within 5 s, ADR 015), except the supporter index,
 * which stays behind on an instance that missed a change until that supporter's next change or a
 * restart (the database stays the authority for capacity). A socket in several of an event's rooms
 * gets it once per room (each frame names its room).
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

  constructor(url: string, private readonly channel = 'kindred:events') {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.ready = this.sub.subscribe(this.channel);
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
    await this.pub.publish(this.channel, JSON.stringify(event));
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

export async function createBus(redisUrl: string | undefined, channel?: string): Promise<Bus> {
  if (!redisUrl) return new InProcessBus();
  const bus = new RedisBus(redisUrl, channel);
  await bus.whenReady();
  return bus;
}
