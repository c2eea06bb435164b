import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { buildTestApp, LogCapture } from '../app.js';
import { buildUser } from '../factories.js';

/**
 * SQLite's write lock held by another connection (a backup, an admin command, a second process):
 * the request could not be done now through no fault of its own, so 503 with Retry-After, never a
 * 500 (ADR 041, amendment), and it goes through once the lock is let go.
 */
it('a write while another connection holds the SQLite write lock answers 503 with Retry-After, and succeeds after', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-busy-'));
  const file = path.join(dir, 'kindred.db');
  const logs = new LogCapture();
  const t = await buildTestApp({ name: 'sqlite', create: async () => ({ url: `sqlite:${file}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) }) }, { logStream: logs });
  try {
    const author = await buildUser(t.app);
    const space = await t.app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'carers').executeTakeFirstOrThrow();
    const post = () => author.client.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Busy evening', body: 'Held elsewhere for a moment.' });
    const other = new SQLite(file);
    let res;
    try {
      other.exec('begin immediate');
      res = await post();
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect((res.json() as { error: { code: string } }).error.code).toBe('unavailable');
    const logged = logs.lines.filter((l) => l.includes('answered 503')).map((l) => JSON.parse(l) as { database: { code?: string } });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.database.code).toMatch(/^SQLITE_(BUSY|LOCKED)/);
    expect(logs.lines.some((l) => l.includes('Held elsewhere'))).toBe(false);

    expect((await post()).statusCode).toBe(201);
  } finally {
    await t.close();
  }
}, 30_000);
