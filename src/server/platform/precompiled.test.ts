import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import { openDatabase, precompiled, precompiledInsert, type DatabaseHandle } from './db.js';

describe.each(testDatabases)('precompiled statements (ADR 020) on $name', (database) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const created = await database.create();
    cleanup = created.cleanup;
    handle = openDatabase(created.url, { schema: created.pgSchema });
    // Just the one table this test reads, shaped as the app's.
    await handle.db.schema.createTable('warning_prefs').addColumn('user_id', 'text').addColumn('warning', 'text').addColumn('mode', 'text').execute();
    await handle.db
      .insertInto('warning_prefs')
      .values([
        { user_id: 'x', warning: 'eating', mode: 'show' },
        { user_id: 'y', warning: 'loss', mode: 'hide' },
        { user_id: 'x', warning: 'loss', mode: 'ask' },
        { user_id: "x' or '1'='1", warning: 'abuse', mode: 'show' },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
  });

  it("runs the statement built once with each call's values, in a transaction too", async () => {
    let built = 0;
    const prefsOf = precompiled((d, userId: string) => {
      built += 1;
      return d.selectFrom('warning_prefs').select('warning').where('user_id', '=', userId).where('mode', '!=', 'ask').orderBy('warning');
    });
    expect(await prefsOf(handle.db, 'x')).toEqual([{ warning: 'eating' }]);
    expect(await prefsOf(handle.db, 'y')).toEqual([{ warning: 'loss' }]);
    expect(await handle.db.transaction().execute((trx) => prefsOf(trx, 'x'))).toEqual([{ warning: 'eating' }]);
    // A value that would change the statement if it were written into the SQL matches only itself.
    expect(await prefsOf(handle.db, "x' or '1'='1")).toEqual([{ warning: 'abuse' }]);
    expect(built).toBe(1);
  });

  it('refuses a builder that writes an argument into the SQL text instead of binding it', async () => {
    const unsafe = precompiled((d, column: string) => d.selectFrom('warning_prefs').select(sql.ref<string>(column).as('v')));
    await expect(unsafe(handle.db, 'warning')).rejects.toThrow(/every argument must be a bound value/);
  });

  it('refuses an executor with plugins, whose SQL the per-dialect cache would share with everyone', async () => {
    const prefsOf = precompiled((d, userId: string) => d.selectFrom('warning_prefs').select('warning').where('user_id', '=', userId));
    await expect(prefsOf(handle.db.withSchema('elsewhere'), 'x')).rejects.toThrow(/plugins/);
  });

  it('inserts whole rows with numbers and nulls bound as they are, built once (ADR 027)', async () => {
    await handle.db.schema.createTable('settings').addColumn('key', 'text').addColumn('value', 'text').addColumn('updated_at', 'text').execute();
    await handle.db.schema.alterTable('settings').addColumn('n', 'integer').execute();
    const insert = precompiledInsert<{ key: string; value: string | null; updated_at: string; n: number | null }>('settings', ['key', 'value', 'updated_at', 'n']);
    await insert(handle.db, { key: 'a', value: null, updated_at: 't1', n: 3 });
    await handle.db.transaction().execute((trx) => insert(trx, { key: "b' ); drop table settings; --", value: 'v', updated_at: 't2', n: null }));
    const rows = (await handle.db.selectFrom('settings').selectAll().orderBy('key').execute()) as unknown as { key: string; value: string | null; updated_at: string; n: number | string | null }[];
    expect(rows.map((r) => ({ ...r, n: r.n === null ? null : Number(r.n) }))).toEqual([
      { key: 'a', value: null, updated_at: 't1', n: 3 },
      { key: "b' ); drop table settings; --", value: 'v', updated_at: 't2', n: null },
    ]);
  });
});
