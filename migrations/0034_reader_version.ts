import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * `users.reader_version` moves on every change to what a thread list needs to know about its reader
 * (ADR 048): their programs (which program-only spaces they see), their content-warning choices,
 * the threads they follow, and their own held threads (a thread becoming `pending`, or a held one
 * changing author: the old and the new author). A list keeps those facts in memory while the version it
 * read them at is the reader's, and reads one integer per request instead of four statements. Triggers
 * rather than application code, as `threads.content_version` (migration 0015): no write path (the API,
 * a moderator, an erasure, a cascade, a direct SQL fix) can forget it, on every instance.
 *
 * Two writes move nothing, so that they lock no one's `users` row (on PostgreSQL a trigger's update
 * holds that row until commit):
 * - A held thread ceasing to be held (approved, hidden, removed, deleted): the kept held ids are read
 *   per request with their current state (`pendingThreadsAmong`), so it drops out on the next read;
 *   the list then forgets the kept facts. A moderator's decision would otherwise lock the thread and
 *   then its author, the reverse of an erasure's order (its follows, then its threads): a deadlock.
 * - A follow deleted with its thread (the cascade of a thread's deletion): a deleted thread is in no
 *   list, and bumping would lock every follower's row until a long erasure commits.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('reader_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  const becameHeld = `new.state = 'pending' and (old.state is not new.state or old.author_id is not new.author_id)`;
  const threadKept = `exists (select 1 from threads where threads.id = old.thread_id)`;
  if (ctx.dialect === 'sqlite') {
    const bump = (user: string) => `update users set reader_version = reader_version + 1 where id = ${user};`;
    for (const table of ['program_members', 'warning_prefs', 'thread_follows']) {
      // The cascade of a thread's deletion runs after the thread row is gone (checked by test).
      const when = table === 'thread_follows' ? ` when ${threadKept}` : '';
      await sql.raw(`create trigger ${table}_reader_ai after insert on ${table} begin ${bump('new.user_id')} end`).execute(db);
      await sql.raw(`create trigger ${table}_reader_au after update on ${table} begin ${bump('old.user_id')} ${bump('new.user_id')} end`).execute(db);
      await sql.raw(`create trigger ${table}_reader_ad after delete on ${table}${when} begin ${bump('old.user_id')} end`).execute(db);
    }
    await sql.raw(`create trigger threads_reader_ai after insert on threads when new.state = 'pending' begin ${bump('new.author_id')} end`).execute(db);
    await sql.raw(`create trigger threads_reader_au after update of state, author_id on threads when ${becameHeld} begin ${bump('old.author_id')} ${bump('new.author_id')} end`).execute(db);
    return;
  }
  // One function for all: the user column's name is the trigger's argument.
  await sql`create function users_reader_version_bump() returns trigger language plpgsql as $$
    begin
      -- A follow deleted with its thread (the cascade runs after the thread row is gone).
      if tg_op = 'DELETE' and tg_table_name = 'thread_follows' then
        if not ${sql.raw(threadKept)} then
          return null;
        end if;
      end if;
      if tg_op <> 'INSERT' then
        update users set reader_version = reader_version + 1 where id = to_jsonb(old) ->> tg_argv[0];
      end if;
      if tg_op <> 'DELETE' then
        update users set reader_version = reader_version + 1 where id = to_jsonb(new) ->> tg_argv[0];
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['program_members', 'warning_prefs', 'thread_follows']) {
    await sql.raw(`create trigger ${table}_reader after insert or update or delete on ${table} for each row execute function users_reader_version_bump('user_id')`).execute(db);
  }
  await sql.raw(`create trigger threads_reader_ai after insert on threads for each row when (new.state = 'pending') execute function users_reader_version_bump('author_id')`).execute(db);
  await sql
    .raw(`create trigger threads_reader_au after update of state, author_id on threads for each row when (${becameHeld.replaceAll(' is not ', ' is distinct from ')}) execute function users_reader_version_bump('author_id')`)
    .execute(db);
}
