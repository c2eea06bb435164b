import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, LogCapture } from '../app.js';
import { testDatabases } from '../databases.js';

/**
 * A PostgreSQL connection the server ends (a restart, an administrator, a network drop) is logged,
 * idle or in use, with its error class only: no statement, no values, no connection string. The
 * pool replaces it and the app keeps answering.
 */
const postgres = testDatabases.find((d) => d.name === 'postgres');

describe.skipIf(!postgres)('PostgreSQL connection failures', () => {
  const appName = `kindred-connerr-${randomBytes(4).toString('hex')}`;
  const logs = new LogCapture();
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: pg.Client;

  beforeAll(async () => {
    // The app's database, named with an application_name this test's admin session can find it by.
    const made = await postgres!.create({ migrated: true });
    const databaseUrl = `${made.url}${made.url.includes('?') ? '&' : '?'}application_name=${appName}`;
    t = await buildTestApp({ ...postgres!, create: async () => made }, { logStream: logs, config: { databaseUrl } });
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  const failures = () => logs.lines.filter((l) => l.includes('database connection failed')).map((l) => JSON.parse(l) as { level: number; database: { code?: string; message: string } });
  /** Ends every connection of this app's pool from another session; returns how many. */
  const endConnections = async () => (await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [appName])).rowCount ?? 0;
  /** Until the app has heard of `n` failures (each connection's error arrives on its socket). */
  const heard = async (n: number) => {
    for (let i = 0; i < 200 && failures().length < n; i++) await new Promise((r) => setTimeout(r, 10));
    return failures();
  };

  it('logs an idle connection the server ended, without the statements it ran, and answers again', async () => {
    const word = `quokka${randomBytes(3).toString('hex')}`;
    const db = t.app.kindred.database.db;
    await sql`select ${word}::text as w`.execute(db);
    expect(failures()).toEqual([]);
    const ended = await endConnections();
    expect(ended).toBeGreaterThan(0);
    const logged = await heard(ended);
    expect(logged).toHaveLength(ended);
    for (const l of logged) {
      expect(l.level).toBe(50);
      // 57P01: terminating connection due to administrator command.
      expect(l.database.code).toBe('57P01');
      expect(l.database.message).toMatch(/terminating connection/);
    }
    expect(logs.text).not.toContain(word);
    expect(logs.text).not.toMatch(/select/i);
    expect(logs.text).not.toContain(process.env.TEST_DATABASE_URL!);
    expect(logs.text).not.toContain(t.app.kindred.config.databaseUrl);
    // The pool replaced them.
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });

  it('logs a connection ended while a transaction held it', async () => {
    const db = t.app.kindred.database.db;
    const before = failures().length;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        expect(await endConnections()).toBeGreaterThan(0);
        await heard(before + 1);
        await sql`select 2`.execute(trx);
      }),
    ).rejects.toThrow();
    const logged = await heard(before + 1);
    expect(logged.length).toBeGreaterThan(before);
    expect(logged[before]!.database.code).toBe('57P01');
    expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});
