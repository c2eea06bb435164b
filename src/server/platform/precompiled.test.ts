import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, precompiled } from './db.js';

describe('precompiled statements (ADR 020)', () => {
  const handle = openDatabase('sqlite::memory:');
  const db = handle.db;
  afterAll(() => handle.close());

  it("runs the statement built once with each call's values, in a transaction too", async () => {
    // Just the one table this test reads, shaped as the app's.
    await db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').execute();
    await db
      .insertInto('warning_prefs')
      .values([
        { user_id: 'x', warning: 'eating', mode: 'show' },
        { user_id: 'y', warning: 'loss', mode: 'hide' },
        { user_id: 'x', warning: 'loss', mode: 'ask' },
      ])
      .execute();
    let built = 0;
    const prefsOf = precompiled((d, userId: string) => {
      built += 1;
      return d.selectFrom('warning_prefs').select('warning').where('user_id', '=', userId).where('mode', '!=', 'ask').orderBy('warning');
    });
    expect(await prefsOf(db, 'x')).toEqual([{ warning: 'eating' }]);
    expect(await prefsOf(db, 'y')).toEqual([{ warning: 'loss' }]);
    expect(await db.transaction().execute((trx) => prefsOf(trx, 'x'))).toEqual([{ warning: 'eating' }]);
    expect(await prefsOf(db, "x' or '1'='1")).toEqual([]);
    expect(built).toBe(1);
  });

  it('refuses a builder that writes an argument into the SQL text instead of binding it', async () => {
    const unsafe = precompiled((d, column: string) => d.selectFrom('warning_prefs').select(sql.ref<string>(column).as('v')));
    await expect(unsafe(db, 'warning')).rejects.toThrow(/every argument must be a bound value/);
  });
});
