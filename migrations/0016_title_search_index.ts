import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * SQLite only: a full-text index of thread titles (the opening posts' `search_title`), so search
 * can list the threads whose title has every word of the query first (ADR 016) at a cost that
 * grows with the matching titles, not with every post that mentions the word. `posts_fts` holds
 * titles too, but filtering it by column walks the doclist of every matching post: at 1M replies
 * ~4 ms a query for a word that is in no title. External content on `posts`, keyed on the stable
 * `search_key` (ADR 011); replies (empty title) are not indexed; no per-row sizes (nothing here
 * ranks by bm25). PostgreSQL weights the title 'A' in its tsvector and needs nothing.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'sqlite') return;
  await sql`create virtual table posts_title_fts using fts5(search_title, content='posts', content_rowid='search_key', tokenize='porter unicode61', columnsize=0)`.execute(db);
  await sql`insert into posts_title_fts(posts_title_fts) values ('rebuild')`.execute(db);
  // A new post gets its key from posts_fts_ai (migration 0013) just after the insert: index the
  // title when the key is set. Only titled rows with a key are ever in the index, and each change
  // takes out exactly what went in (an external-content delete must repeat the indexed values).
  await sql`create trigger posts_title_fts_key after update of search_key on posts begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title) select 'delete', old.search_key, old.search_title where old.search_key is not null and old.search_title <> '';
    insert into posts_title_fts(rowid, search_title) select new.search_key, new.search_title where new.search_key is not null and new.search_title <> '';
  end`.execute(db);
  await sql`create trigger posts_title_fts_ad after delete on posts when old.search_key is not null and old.search_title <> '' begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title) values ('delete', old.search_key, old.search_title);
  end`.execute(db);
  // A change of key is posts_title_fts_key's (it already moved the title); this one is for titles.
  await sql`create trigger posts_title_fts_au after update of search_title on posts when old.search_key is new.search_key begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title) select 'delete', old.search_key, old.search_title where old.search_key is not null and old.search_title <> '';
    insert into posts_title_fts(rowid, search_title) select new.search_key, new.search_title where new.search_key is not null and new.search_title <> '';
  end`.execute(db);
}
