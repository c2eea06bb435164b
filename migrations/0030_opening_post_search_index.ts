import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * PostgreSQL only: the GIN index of `search_vector` for opening posts alone, which search's title
 * tier reads (ADR 032: "threads whose title has every word", `is_opening = 1 and search_vector @@
 * <words:A>`). From the index of every post, a common word gave every post that says it (16 % of
 * them), each read and rechecked for its weight; here, about one in eleven. New threads pay one
 * more GIN entry for their opening post; replies none. SQLite has its own title index (0016).
 * `if not exists`: a database where it was built by hand (it takes a while on a large table) keeps it.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  await sql`create index if not exists posts_opening_search_idx on posts using gin (search_vector) where is_opening = 1`.execute(db);
}
