import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * PostgreSQL only: the GIN index of `search_vector` for opening posts alone, which search's title
 * tier reads (ADR 032: "threads whose title has every word", `is_opening = 1 and search_vector @@
 * <words:A>`). From the index of every post, a common word gave every post that says it (16 % of
 * them), each read and rechecked for its weight; here, about one in eleven. New threads pay one
 * more GIN entry for their opening post; replies none. SQLite has its own title index (0016).
 * `if not exists`: a database where it was built by hand (it takes a while on a large table:
 * ADR 032 says how to build it concurrently first) keeps it. One left invalid by a failed
 * `create index concurrently` is kept up to date but never read: it is dropped and built again.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  const { rows } = await sql<{ indisvalid: boolean }>`select indisvalid from pg_index where indexrelid = to_regclass('posts_opening_search_idx')`.execute(db);
  if (rows[0] && !rows[0].indisvalid) await sql`drop index posts_opening_search_idx`.execute(db);
  await sql`create index if not exists posts_opening_search_idx on posts using gin (search_vector) where is_opening = 1`.execute(db);
}
