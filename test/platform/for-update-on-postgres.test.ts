import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from 'kysely';
import { describe, expect, it } from 'vitest';
import { forUpdateOnPostgres } from '../../src/server/platform/db.js';
import type { Database } from '../../src/server/platform/schema.js';

// The repositories' row locks (ADR 052) are one helper: the same read on both databases, with
// `for update` (of the named tables only) on PostgreSQL and nothing on SQLite. Compiled, not run:
// the races tests (post-state-races, reply-lock-order, the groups and mentoring routes tests) run
// the locks themselves on PostgreSQL.

const postgres = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new PostgresIntrospector(db), createQueryCompiler: () => new PostgresQueryCompiler() },
});
const sqlite = new Kysely<Database>({
  dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() },
});

describe('forUpdateOnPostgres', () => {
  it('locks the rows read on PostgreSQL, the joined tables left out when `of` names one', () => {
    const post = (db: Kysely<Database>) => db.selectFrom('posts').leftJoin('users', 'users.id', 'posts.author_id').selectAll('posts').where('posts.id', '=', 'p1');
    expect(forUpdateOnPostgres(post(postgres), 'postgres', 'posts').compile().sql).toBe(`${post(postgres).compile().sql} for update of "posts"`);
    const circle = (db: Kysely<Database>) => db.selectFrom('circles').selectAll().where('id', '=', 'c1');
    expect(forUpdateOnPostgres(circle(postgres), 'postgres').compile().sql).toBe(`${circle(postgres).compile().sql} for update`);
  });

  it('reads the same rows on SQLite, with no lock clause (its write transactions run one at a time)', () => {
    const post = sqlite.selectFrom('posts').selectAll().where('id', '=', 'p1');
    expect(forUpdateOnPostgres(post, 'sqlite', 'posts').compile()).toEqual(post.compile());
  });
});
