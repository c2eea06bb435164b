import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Search narrowed to a space or a kind (ADR 025): each post carries its thread's space and kind as
 * two words (`search_scope`, e.g. `s0197…0 kquestion0`, built by `searchScopeTokens` in the
 * communities repository the same way) and the full-text indexes hold them, so the filter is
 * part of the full-text match: the engine intersects it with the query's words instead of search
 * walking every match in other spaces and dropping it afterwards. The words are letters and
 * digits only (dashes and underscores dropped, as the tokenizers would split there) and end in a
 * digit, so no stemmer changes them.
 *
 * SQLite: `posts_fts` and `posts_title_fts` get a `search_scope` column and are rebuilt (FTS5
 * cannot add one). One update trigger per index keeps it in step with all of its inputs (key,
 * texts, scope), as migration 0018 did for titles; a post is given its key and scope by one
 * update after its insert; a thread whose space or kind changes re-scopes its posts. That update
 * changes nothing a reader sees, so it does not move the thread's `content_version` (0021's rule,
 * extended). The title index reads titled posts only (the view `posts_title_source`): 0016's
 * took every reply in as an empty document, and with a scope they would no longer be empty.
 *
 * PostgreSQL: `search_vector` (generated, migration 0002) gains the scope words (config `simple`:
 * no stemming), so the GIN index that serves search answers the filter too. A trigger fills the
 * scope of a new post from its thread, another re-scopes a thread's posts when it moves.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  // PostgreSQL runs every migration in a transaction; on SQLite the migrator does not (Kysely's
  // adapter), so this one takes its own: the indexes are never dropped without their rebuild.
  if (ctx.dialect === 'sqlite') return db.transaction().execute((trx) => sqlite(trx));
  return postgres(db);
}

/** The scope words of thread `t` (SQLite and PostgreSQL alike). Keep in step with `searchScopeTokens`. */
const scopeOf = (t: string) =>
  sql.raw(`'s' || replace(replace(lower(${t}.space_id), '-', ''), '_', '') || '0 k' || replace(replace(lower(${t}.kind), '-', ''), '_', '') || '0'`);

async function sqlite(db: Kysely<any>): Promise<void> {
  // Everything that writes the indexes or reacts to a post's update goes first: the scope is
  // filled for every row below, and the thread version trigger would otherwise fire a million times.
  for (const name of ['posts_fts_ai', 'posts_fts_ad', 'posts_fts_au', 'posts_title_fts_ad', 'posts_title_fts_au', 'threads_version_post_au']) {
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
  }
  await sql`drop table posts_fts`.execute(db);
  await sql`drop table posts_title_fts`.execute(db);

  await sql`alter table posts add column search_scope text`.execute(db);
  await sql`update posts set search_scope = (select ${scopeOf('t')} from threads t where t.id = posts.thread_id)`.execute(db);

  await sql`create virtual table posts_fts using fts5(search_title, body_text, search_scope, content='posts', content_rowid='search_key', tokenize='porter unicode61')`.execute(db);
  await sql`insert into posts_fts(posts_fts) values ('rebuild')`.execute(db);
  // Titled posts only, through a view: a reply's scope words are no title's, and the index's own
  // check against its content ('integrity-check') reads the view.
  await sql`create view posts_title_source as select search_key, search_title, search_scope from posts where search_title <> ''`.execute(db);
  await sql`create virtual table posts_title_fts using fts5(search_title, search_scope, content='posts_title_source', content_rowid='search_key', tokenize='porter unicode61', columnsize=0)`.execute(db);
  await sql`insert into posts_title_fts(posts_title_fts) values ('rebuild')`.execute(db);

  // A new post: its key (the next one, migration 0013) and its thread's scope, in one update; the
  // update triggers below put it in the indexes.
  await sql`create trigger posts_fts_ai after insert on posts begin
    update posts set search_key = (select coalesce(max(search_key), 0) + 1 from posts),
      search_scope = (select ${scopeOf('t')} from threads t where t.id = new.thread_id)
      where rowid = new.rowid;
  end`.execute(db);
  // Each change takes out exactly what went in (an external-content delete must repeat the indexed
  // values) and puts in the new, once, whichever of the inputs the statement set.
  await sql`create trigger posts_fts_au after update of search_key, search_title, body_text, search_scope on posts
    when old.search_key is not new.search_key or old.search_title is not new.search_title or old.body_text is not new.body_text or old.search_scope is not new.search_scope begin
    insert into posts_fts(posts_fts, rowid, search_title, body_text, search_scope) select 'delete', old.search_key, old.search_title, old.body_text, old.search_scope where old.search_key is not null;
    insert into posts_fts(rowid, search_title, body_text, search_scope) select new.search_key, new.search_title, new.body_text, new.search_scope where new.search_key is not null;
  end`.execute(db);
  await sql`create trigger posts_fts_ad after delete on posts when old.search_key is not null begin
    insert into posts_fts(posts_fts, rowid, search_title, body_text, search_scope) values ('delete', old.search_key, old.search_title, old.body_text, old.search_scope);
  end`.execute(db);
  await sql`create trigger posts_title_fts_au after update of search_key, search_title, search_scope on posts
    when old.search_key is not new.search_key or old.search_title is not new.search_title or old.search_scope is not new.search_scope begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title, search_scope) select 'delete', old.search_key, old.search_title, old.search_scope where old.search_key is not null and old.search_title <> '';
    insert into posts_title_fts(rowid, search_title, search_scope) select new.search_key, new.search_title, new.search_scope where new.search_key is not null and new.search_title <> '';
  end`.execute(db);
  await sql`create trigger posts_title_fts_ad after delete on posts when old.search_key is not null and old.search_title <> '' begin
    insert into posts_title_fts(posts_title_fts, rowid, search_title, search_scope) values ('delete', old.search_key, old.search_title, old.search_scope);
  end`.execute(db);

  // A thread moved to another space or kind: its posts' scope follows (the indexes through the
  // trigger above), and the thread's version moves once.
  await sql`create trigger posts_scope_thread_au after update of space_id, kind on threads
    when old.space_id is not new.space_id or old.kind is not new.kind begin
    update posts set search_scope = ${scopeOf('new')} where thread_id = new.id;
    update threads set content_version = content_version + 1 where id = new.id;
  end`.execute(db);
  // 0021's rule, and the same for a scope set by the triggers above (nothing a reader sees).
  await sql`create trigger threads_version_post_au after update on posts
    when not (old.search_key is null and new.search_key is not null) and old.search_scope is new.search_scope
    begin update threads set content_version = content_version + 1 where id = new.thread_id; end`.execute(db);
}

async function postgres(db: Kysely<any>): Promise<void> {
  // The backfill below changes nothing a reader sees: no thread version moves for it.
  await sql`alter table posts disable trigger threads_version_post`.execute(db);
  await sql`alter table posts drop column search_vector`.execute(db);
  await sql`alter table posts add column search_scope text not null default ''`.execute(db);
  await sql`update posts p set search_scope = ${scopeOf('t')} from threads t where t.id = p.thread_id`.execute(db);
  await sql`alter table posts add column search_vector tsvector generated always as (
    setweight(to_tsvector('english', search_title), 'A') || setweight(to_tsvector('english', body_text), 'B') || to_tsvector('simple', search_scope)
  ) stored`.execute(db);
  await sql`create index posts_search_idx on posts using gin (search_vector)`.execute(db);
  await sql`alter table posts enable trigger threads_version_post`.execute(db);

  // A re-scope (a thread moved) is not a change of the posts a reader sees: skip the version bump
  // per post, the thread trigger below bumps it once.
  await sql`create or replace function threads_version_from_post() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update threads set content_version = content_version + 1 where id = old.thread_id;
      elsif tg_op = 'UPDATE' and new.search_scope is distinct from old.search_scope then
        return null;
      else
        update threads set content_version = content_version + 1 where id = new.thread_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function posts_search_scope() returns trigger language plpgsql as $$
    begin
      select ${scopeOf('t')} into new.search_scope from threads t where t.id = new.thread_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger posts_search_scope_bi before insert on posts for each row execute function posts_search_scope()`.execute(db);
  await sql`create function posts_rescope_thread() returns trigger language plpgsql as $$
    begin
      update posts set search_scope = ${scopeOf('new')} where thread_id = new.id;
      update threads set content_version = content_version + 1 where id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger posts_rescope_thread_au after update of space_id, kind on threads for each row
    when (old.space_id is distinct from new.space_id or old.kind is distinct from new.kind)
    execute function posts_rescope_thread()`.execute(db);
}
