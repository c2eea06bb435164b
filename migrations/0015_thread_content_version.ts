import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `threads.content_version` moves on every change to a thread's posts or their reactions, whatever
 * writes it (a reply, an edit, a moderator, a held post released, an erasure): the thread page's
 * cache of rendered posts (ADR 015) is valid while the version it was built at is the thread's.
 * Triggers rather than application code, so that no write path can forget it, on every instance.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('threads').addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  if (ctx.dialect === 'sqlite') {
    const bump = (thread: string) => `update threads set content_version = content_version + 1 where id = ${thread};`;
    const postThread = (ref: string) => `(select thread_id from posts where id = ${ref})`;
    await sql.raw(`create trigger threads_version_post_ai after insert on posts begin ${bump('new.thread_id')} end`).execute(db);
    await sql.raw(`create trigger threads_version_post_au after update on posts begin ${bump('new.thread_id')} end`).execute(db);
    await sql.raw(`create trigger threads_version_post_ad after delete on posts begin ${bump('old.thread_id')} end`).execute(db);
    await sql.raw(`create trigger threads_version_reaction_ai after insert on reactions begin ${bump(postThread('new.post_id'))} end`).execute(db);
    await sql.raw(`create trigger threads_version_reaction_ad after delete on reactions begin ${bump(postThread('old.post_id'))} end`).execute(db);
    return;
  }
  await sql`create function threads_version_from_post() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update threads set content_version = content_version + 1 where id = old.thread_id;
      else
        update threads set content_version = content_version + 1 where id = new.thread_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create function threads_version_from_reaction() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        update threads set content_version = content_version + 1 where id = (select thread_id from posts where id = old.post_id);
      else
        update threads set content_version = content_version + 1 where id = (select thread_id from posts where id = new.post_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger threads_version_post after insert or update or delete on posts for each row execute function threads_version_from_post()`.execute(db);
  await sql`create trigger threads_version_reaction after insert or delete on reactions for each row execute function threads_version_from_reaction()`.execute(db);
}
