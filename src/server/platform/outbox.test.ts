import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app.js';
import { TestClient } from '../../../test/client.js';
import { testDatabases } from '../../../test/databases.js';
import { InProcessBus, type BusEvent } from './bus.js';

describe.each(testDatabases)('outbox on $name', (database) => {
  it('commits an event with its change and delivers it after commit; a rolled-back change emits nothing', async () => {
    const bus = new InProcessBus();
    const seen: BusEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const { app, close } = await buildTestApp(database, { bus });
    try {
      await app.kindred.uow.run(async (tx) => {
        await tx.emit('account.roles_changed', { userId: 'u1', roles: ['member'] }, ['user:u1']);
      });
      await app.kindred.dispatcher.idle();
      expect(seen.map((e) => e.type)).toEqual(['account.roles_changed']);
      expect(seen[0]!.rooms).toEqual(['user:u1']);

      await expect(
        app.kindred.uow.run(async (tx) => {
          await tx.emit('account.roles_changed', { userId: 'u2', roles: [] }, ['user:u2']);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      await app.kindred.dispatcher.idle();
      expect(seen).toHaveLength(1);
      const left = await app.kindred.database.db.selectFrom('outbox').selectAll().execute();
      expect(left).toEqual([]);
    } finally {
      await close();
    }
  });

  it('delivers at the next start what a crash left undispatched', async () => {
    const db = await database.create({ persistent: true });
    const config = { databaseUrl: db.url, secret: 'restart-secret-restart-secret-restart-secret', logLevel: 'silent' as const };
    const pg = db.pgSchema ? { pgSchema: db.pgSchema } : {};
    try {
      // First life: the sign-up commits, but the process "dies" before dispatching.
      const first = await buildTestApp({ ...database, create: async () => ({ ...db, cleanup: async () => undefined }) }, { dispatchEvents: false, config, ...pg });
      const res = await new TestClient(first.app).post('/api/auth/sign-up', { handle: 'crash_test', password: 'a long enough password', ageConfirmed: true });
      expect(res.statusCode).toBe(201);
      const pending = await first.app.kindred.database.db.selectFrom('outbox').select('type').execute();
      expect(pending.map((p) => p.type)).toContain('account.created');
      await first.app.close();

      // Second life: the event goes out at start.
      const bus = new InProcessBus();
      const seen: BusEvent[] = [];
      bus.subscribe((e) => seen.push(e));
      const second = await buildTestApp({ ...database, create: async () => ({ ...db, cleanup: async () => undefined }) }, { bus, config, ...pg });
      await second.app.kindred.dispatcher.idle();
      expect(seen.filter((e) => e.type === 'account.created')).toHaveLength(1);
      expect((seen[0]!.data as { userId: string }).userId).toBe(res.json().id);
      expect(await second.app.kindred.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
      await second.app.close();
    } finally {
      await db.cleanup();
    }
  });
});
