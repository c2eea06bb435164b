import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, precompiled } from './db.js';

describe('precompiled statements (ADR 020)', () => {
  const handle = openDatabase('sqlite::memory:');
  const db = handle.db;
  afterAll(() => handle.close());

  it("runs the statement built once with each call's values, in a transaction too", async () => {
    await db.schema.createTable('notes').addColumn('id', 'text').addColumn('owner', 'text').addColumn('n', 'integer').execute();
    await db.insertInto('notes').values([{ id: 'a', owner: 'x', n: 1 }, { id: 'b', owner: 'y', n: 2 }, { id: 'c', owner: 'x', n: 3 }]).execute();
    let built = 0;
    const ofOwner = precompiled((d, owner: string) => {
      built += 1;
      return d.selectFrom('notes' as never).select(['id' as never]).where('owner' as never, '=', owner).where('n' as never, '<', 10).orderBy('id' as never);
    });
    expect(await ofOwner(db, 'x')).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(await ofOwner(db, 'y')).toEqual([{ id: 'b' }]);
    expect(await db.transaction().execute((trx) => ofOwner(trx, 'x'))).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(await ofOwner(db, "x' or '1'='1")).toEqual([]);
    expect(built).toBe(1);
  });

  it('refuses a builder that writes an argument into the SQL text instead of binding it', async () => {
    const unsafe = precompiled((d, table: string) => d.selectFrom(sql.table(table).as('t') as never).selectAll());
    await expect(unsafe(db, 'notes')).rejects.toThrow(/every argument must be a bound value/);
  });
});
