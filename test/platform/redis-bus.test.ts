import { describe, expect, it } from 'vitest';
import { RedisBus, type BusEvent } from '../../src/server/platform/bus.js';

const redisUrl = process.env.TEST_REDIS_URL;

/** Needs a real Redis: CI sets TEST_REDIS_URL to the local server. Skipped (and said so) without it. */
describe.skipIf(!redisUrl)('Redis bus', () => {
  it('carries an event published on one instance to the subscribers of another', async () => {
    const channel = `kindred:test:${Date.now()}:${Math.random()}`;
    const a = new RedisBus(redisUrl!, channel);
    const b = new RedisBus(redisUrl!, channel);
    try {
      await Promise.all([a.whenReady(), b.whenReady()]);
      const received = new Promise<BusEvent>((resolve) => b.subscribe(resolve));
      const event: BusEvent = { id: 'e1', type: 'session.revoked', occurredAt: new Date().toISOString(), rooms: ['user:x'], data: { sessionId: 's1' } };
      await a.publish(event);
      expect(await received).toEqual(event);
      expect(await a.ping()).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
