import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LogCapture } from '../app.js';
import { loggerOptions, requestLoggerFactory } from '../../src/server/platform/logger.js';
import { requestIds } from '../../src/server/platform/request-ids.js';

/**
 * Each request's logger is made only when the request writes a line (ADR 060). What is written must
 * be what pino's own per-request child writes: the request id, the redaction, the serializers, the
 * route's own level. Two apps, one with Fastify's default factory and one with Kindred's, answer the
 * same requests; their lines must be the same but for the time.
 */
async function appWith(level: string, lazy: boolean): Promise<{ app: FastifyInstance; log: LogCapture; children: () => number }> {
  const log = new LogCapture();
  let children = 0;
  // pino's onChild counts every child it makes (the request's real one included).
  const logger = { ...(loggerOptions(level, log) as object), onChild: () => void children++ };
  const app = Fastify({ logger, genReqId: requestIds(), ...(lazy ? { childLoggerFactory: requestLoggerFactory } : {}) });
  app.get('/quiet', async (req) => {
    req.log.info('not written at warn');
    req.log.debug({ token: 'secret-token' }, 'nor this');
    return { ok: true };
  });
  app.get('/warns', async (req) => {
    req.log.warn({ token: 'secret-token', text: 'someone’s words', n: 3 }, 'a warning');
    req.log.child({ part: 'inner' }).error('from a grandchild');
    return { ok: true };
  });
  app.get('/throws', async () => {
    throw new Error('boom');
  });
  // A route with a level of its own: Fastify passes child options, and the request's info lines are written.
  app.get('/chatty', { logLevel: 'info' }, async (req) => {
    req.log.info({ password: 'hunter2' }, 'route info');
    return { ok: true };
  });
  await app.ready();
  return { app, log, children: () => children };
}

const lines = (log: LogCapture) =>
  log.lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter(Boolean)
    .map((line) => {
      // The ids differ between the apps by their random prefix only: their counters are compared.
      const { time: _time, pid: _pid, responseTime: _rt, ...rest } = JSON.parse(line.replace(/"[0-9a-f]{12}-/g, '"…-')) as Record<string, unknown>;
      return rest;
    });

describe('request loggers', () => {
  for (const level of ['warn', 'info']) {
    it(`write what pino's per-request child writes, at ${level}`, async () => {
      const plain = await appWith(level, false);
      const lazy = await appWith(level, true);
      for (const { app } of [plain, lazy]) {
        for (const url of ['/quiet', '/warns', '/throws', '/chatty', '/no-such-path']) await app.inject({ method: 'GET', url });
      }
      expect(lines(lazy.log)).toEqual(lines(plain.log));
      const written = lines(lazy.log);
      // The request id is on every request's line, the redaction holds, the grandchild keeps both bindings.
      expect(written.find((l) => l.msg === 'a warning')).toMatchObject({ reqId: '…-2', token: '[redacted]', text: '[redacted]', n: 3 });
      expect(written.find((l) => l.msg === 'from a grandchild')).toMatchObject({ reqId: '…-2', part: 'inner' });
      expect(written.find((l) => l.msg === 'route info')).toMatchObject({ reqId: '…-4', password: '[redacted]' });
      expect(written.some((l) => (l.err as { message?: string } | undefined)?.message === 'boom' && l.reqId === '…-3')).toBe(true);
      await plain.app.close();
      await lazy.app.close();
    });
  }

  it('makes no child for a request that writes nothing', async () => {
    const plain = await appWith('warn', false);
    const lazy = await appWith('warn', true);
    for (const { app } of [plain, lazy]) for (let i = 0; i < 5; i++) await app.inject({ method: 'GET', url: '/quiet' });
    expect(plain.children()).toBe(5);
    expect(lazy.children()).toBe(0);
    expect(lazy.log.lines).toEqual([]);
    // One that writes gets its child (and the grandchild it asks for).
    await lazy.app.inject({ method: 'GET', url: '/warns' });
    expect(lazy.children()).toBe(2);
    await plain.app.close();
    await lazy.app.close();
  });
});
