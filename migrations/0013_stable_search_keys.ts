import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite only: the full-text indexes (FTS5, external content) of posts and coping strategies were
 * keyed on the implicit rowid of tables whose primary key is text. SQLite does not promise to keep
 * such rowids: VACUUM may renumber them (today's VACUUM happens to keep them for tables with an
 * index), and so does any copy that re-inserts the rows without their rowid (a table rebuild by a
 * migration, a restore from `.dump`). The index then points at the wrong rows: search finds
 * other people's posts, or nothing. Each table gets a real integer column, `search_key`, which
 * nothing renumbers; the FTS table uses it as its content rowid. PostgreSQL keeps its tsvector on
 * the row itself and needs nothing.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await keyed(db, { table: 'posts', fts: 'posts_fts', columns: ['search_title', 'body_text'] });
  await keyed(db, { table: 'coping_strategies', fts: 'coping_strategies_fts', columns: ['title', 'search_body'] });
}

async function keyed(db: Kysely<any>, o: { table: string; fts: string; columns: [string, string] }): Promise<void> {
  const t = sql.table(o.table);
  const fts = sql.table(o.fts);
  const ftsName = sql.raw(o.fts);
  const [a, b] = o.columns.map((c) => sql.raw(c)) as [ReturnType<typeof sql.raw>, ReturnType<typeof sql.raw>];
  for (const suffix of ['ai', 'ad', 'au']) await sql`drop trigger if exists ${sql.raw(`${o.fts}_${suffix}`)}`.execute(db);
  await sql`drop table if exists ${fts}`.execute(db);

  await sql`alter table ${t} add column search_key integer`.execute(db);
  await sql`update ${t} set search_key = rowid`.execute(db);
  await sql`create unique index ${sql.raw(`${o.table}_search_key_idx`)} on ${t} (search_key)`.execute(db);

  await sql`create virtual table ${fts} using fts5(${a}, ${b}, content=${sql.lit(o.table)}, content_rowid='search_key', tokenize='porter unicode61')`.execute(db);
  await sql`insert into ${fts}(${ftsName}) values ('rebuild')`.execute(db);
  // A new row takes the next key (never a reused rowid: after a renumbering the rowids restart
  // below keys in use), then enters the index under it, in the writing transaction.
  await sql`create trigger ${sql.raw(`${o.fts}_ai`)} after insert on ${t} begin
    update ${t} set search_key = (select coalesce(max(search_key), 0) + 1 from ${t}) where rowid = new.rowid;
    insert into ${fts}(rowid, ${a}, ${b}) select search_key, ${a}, ${b} from ${t} where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger ${sql.raw(`${o.fts}_ad`)} after delete on ${t} begin
    insert into ${fts}(${ftsName}, rowid, ${a}, ${b}) values ('delete', old.search_key, old.${a}, old.${b});
  end`.execute(db);
  await sql`create trigger ${sql.raw(`${o.fts}_au`)} after update of ${a}, ${b} on ${t} begin
    insert into ${fts}(${ftsName}, rowid, ${a}, ${b}) values ('delete', old.search_key, old.${a}, old.${b});
    insert into ${fts}(rowid, ${a}, ${b}) values (new.search_key, new.${a}, new.${b});
  end`.execute(db);
}
