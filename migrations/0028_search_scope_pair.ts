import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Search narrowed to a space and a kind matches one index word for the pair (ADR 029): each post's
 * `search_scope` (migration 0024: `s<space>0 k<kind>0`) gains `x<space><kind>0`. The two words of
 * 0024 are each in a large share of all posts (the busiest space's in ~20 %, a kind's in up to
 * ~50 %), and FTS5 decodes their doclists over the whole stretch of keys a walk covers; the pair's
 * is in only the posts of that space and kind. The space and kind words stay, for a search narrowed
 * by one of them.
 *
 * SQLite: the scope of every post is rewritten and both FTS5 indexes rebuilt (in one transaction),
 * with the triggers that fill the scope (a new post, a thread moved) writing the new form; the
 * index triggers of 0024 are re-created as they were. PostgreSQL: the scope of every post is
 * rewritten (the generated `search_vector` follows) and the two trigger functions write the new
 * form. Keep `scopeOf` in step with `searchScopeToken` in the communities repository.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect === 'sqlite') return db.transaction().execute((trx) => sqlite(trx));
  return postgres(db);
}

/** Letters and digits of a column, as `searchScopeToken` keeps them. */
const bare = (c: string) => `replace(replace(lower(${c}), '-', ''), '_', '')`;

/**
 * The scope words of thread `t` as SQL text (SQLite and PostgreSQL alike). Exported for the bench's
 * SQLite loader (bench/seed.ts), which fills the scope of rows it inserts with the triggers off,
 * and for `KEY_NEW_POSTS` in communities.repository.ts, which scopes every new post on SQLite
 * (migration 0032). Frozen with this migration: a later migration that changes the scope format
 * brings its own copy, and must point `KEY_NEW_POSTS` (and bench/seed.ts) at it, or new posts
 * would get the old form.
 */
export const searchScopeSqlOf = (t: string): string =>
  `'s' || ${bare(`${t}.space_id`)} || '0 k' || ${bare(`${t}.kind`)} || '0 x' || ${bare(`${t}.space_id`)} || ${bare(`${t}.kind`)} || '0'`;
const scopeOf = (t: string) => sql.raw(searchScopeSqlOf(t));

async function sqlite(db: Kysely<any>): Promise<void> {
  // The triggers that index a changed scope go first (the indexes are rebuilt below, once), and
  // the two that write the old form are replaced.
  for (const name of ['posts_fts_ai', 'posts_fts_au', 'posts_title_fts_au', 'posts_scope_thread_au']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  // threads_version_post_au (0024) moves no thread version for a scope change.
  await sql`update posts set search_scope = (select ${scopeOf('t')} from threads t where t.id = posts.thread_id)`.execute(db);
  await sql`insert into posts_fts(posts_fts) values ('rebuild')`.execute(db);
  await sql`insert into posts_title_fts(posts_title_fts) values ('rebuild')`.execute(db);

  // As 0024, with the new scope.
  await sql`create trigger posts_fts_ai after insert on posts begin
    update posts set search_key = (select coalesce(max(search_key), 0) + 1 from posts),
      search_scope = (select ${scopeOf('t')} from threads t where t.id = new.thread_id)
      where rowid = new.rowid;
  end`.execute(db);
  await sql`create trigger posts_fts_au after update of search_key, search_title, body_text, search_scope on posts
    when old.search_key is not new.search_key or old.search_title is not new.search_title or old.body_text is not new.body_text or old.search_scope is not new.search_scope begin
    insert into posts_fts(posts_fts, rowid, search_title, body_text, search_scope) select 'delete', old.search_key, old.search_title, old.body_text, old.search_scope where old.search_key is not null;
    insert into posts_fts(rowid, search_title, body_text, search_scope) select new.search_key, new.search_title, new.body_text, new.search_scope where new.search_key is not null;
  end`.execute(db);
  await sql`create trigger posts_title_fts_au after update of search_key, search_title, search_scope on posts
    when old.search_key is not new.search_key or old.search_title is not new.search_title or old.search_scope is not new.search_scope begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title, search_scope) select 'delete', old.search_key, old.search_title, old.search_scope where old.search_key is not null and old.search_title <> '';
    insert into posts_title_fts(rowid, search_title, search_scope) select new.search_key, new.search_title, new.search_scope where new.search_key is not null and new.search_title <> '';
  end`.execute(db);
  await sql`create trigger posts_scope_thread_au after update of space_id, kind on threads
    when old.space_id is not new.space_id or old.kind is not new.kind begin
    update posts set search_scope = ${scopeOf('new')} where thread_id = new.id;
    update threads set content_version = content_version + 1 where id = new.id;
  end`.execute(db);
}

async function postgres(db: Kysely<any>): Promise<void> {
  await sql`create or replace function posts_search_scope() returns trigger language plpgsql as $$
    begin
      select ${scopeOf('t')} into new.search_scope from threads t where t.id = new.thread_id;
      return new;
    end $$`.execute(db);
  await sql`create or replace function posts_rescope_thread() returns trigger language plpgsql as $$
    begin
      update posts set search_scope = ${scopeOf('new')} where thread_id = new.id;
      update threads set content_version = content_version + 1 where id = new.id;
      return null;
    end $$`.execute(db);
  // No thread version moves for it (threads_version_from_post skips a scope change, 0024).
  await sql`update posts p set search_scope = ${scopeOf('t')} from threads t where t.id = p.thread_id`.execute(db);
}
