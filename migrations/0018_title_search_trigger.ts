import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite only: one trigger keeps the title index (migration 0016) in step with both of its inputs.
 * 0016 had one trigger for `search_key` and one for `search_title`; an UPDATE that sets both
 * (even to the same key) fired both, and the second external-content 'delete' of a row no longer
 * in the index corrupts it. Nothing writes both at once today; this makes it safe to. Each change
 * takes out exactly what went in (the old key and title) and puts in the new, once. 0016 stays as
 * it ran (databases have applied it), this replaces its two update triggers.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`drop trigger if exists posts_title_fts_key`.execute(db);
  await sql`drop trigger if exists posts_title_fts_au`.execute(db);
  await sql`create trigger posts_title_fts_au after update of search_key, search_title on posts
    when old.search_key is not new.search_key or old.search_title is not new.search_title begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title) select 'delete', old.search_key, old.search_title where old.search_key is not null and old.search_title <> '';
    insert into posts_title_fts(rowid, search_title) select new.search_key, new.search_title where new.search_key is not null and new.search_title <> '';
  end`.execute(db);
}
