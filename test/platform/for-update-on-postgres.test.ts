import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circlesRepository } from '../../src/server/modules/circles/circles.repository.js';
import { communitiesRepository } from '../../src/server/modules/communities/communities.repository.js';
import { groupsRepository } from '../../src/server/modules/groups/groups.repository.js';
import { mentoringRepository } from '../../src/server/modules/mentoring/mentoring.repository.js';
import { forUpdateOnPostgres, openDatabase, type DatabaseHandle, type Dialect, type Executor, type ExecutedQuery } from '../../src/server/platform/db.js';
import { migrateToLatest } from '../../src/server/platform/migrator.js';
import type { Database } from '../../src/server/platform/schema.js';
import { testDatabases } from '../databases.js';

// The repositories' row locks (ADR 052) are one helper: the same read on both databases, with
// `for update` (of the named tables only) on PostgreSQL and nothing on SQLite; a circle's writers
// share its row instead (`forKeyShareOnPostgres`, `for key share`, so a rename does not wait for them), and a
// rename holds it `for no key update` (`forNoKeyUpdateOnPostgres`, as its UPDATE would). Each of the ten lock methods that use
// them is pinned here by the exact SQL it sends on each dialect (a driver that records the statement
// and returns no rows: compiled, not run), and each is then run once in a
// transaction on a real migrated database, which must accept it. A lock that left out its `of`
// where it left-joins users ("FOR UPDATE cannot be applied to the nullable side of an outer join"
// on PostgreSQL) fails both.

/** A Kysely instance whose driver records every statement and answers it with no rows. */
function recording(dialect: Dialect): { db: Kysely<Database>; sent: ExecutedQuery[] } {
  const sent: ExecutedQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      sent.push({ sql: q.sql, parameters: q.parameters });
      return { rows: [] };
    },
    streamQuery() {
      throw new Error('the recording driver does not stream');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const postgres = dialect === 'postgres';
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => driver,
      createIntrospector: (k) => (postgres ? new PostgresIntrospector(k) : new SqliteIntrospector(k)),
      createQueryCompiler: () => (postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
  });
  return { db, sent };
}

interface LockSite {
  name: string;
  lock(db: Executor, dialect: Dialect): Promise<unknown>;
  /** The statement it sends on each database. */
  sql: Record<Dialect, string>;
  parameters: unknown[];
}

const sites: LockSite[] = [
  {
    name: 'circles.lockCircle',
    lock: (db, dialect) => circlesRepository.lockCircle(db, dialect, 'c1'),
    sql: {
      postgres: 'select * from "circles" where "id" = $1 for update',
      sqlite: 'select * from "circles" where "id" = ?',
    },
    parameters: ['c1'],
  },
  {
    name: 'circles.lockCircleForEdit',
    lock: (db, dialect) => circlesRepository.lockCircleForEdit(db, dialect, 'c1'),
    sql: {
      postgres: 'select * from "circles" where "id" = $1 for no key update',
      sqlite: 'select * from "circles" where "id" = ?',
    },
    parameters: ['c1'],
  },
  {
    name: 'circles.shareCircle',
    lock: (db, dialect) => circlesRepository.shareCircle(db, dialect, 'c1'),
    sql: {
      postgres: 'select * from "circles" where "id" = $1 for key share',
      sqlite: 'select * from "circles" where "id" = ?',
    },
    parameters: ['c1'],
  },
  {
    name: 'circles.lockMessage',
    lock: (db, dialect) => circlesRepository.lockMessage(db, dialect, 'm1'),
    sql: {
      postgres:
        'select "circle_messages".*, "users"."handle" as "author_handle" from "circle_messages" left join "users" on "users"."id" = "circle_messages"."author_id" where "circle_messages"."id" = $1 for update of "circle_messages"',
      sqlite:
        'select "circle_messages".*, "users"."handle" as "author_handle" from "circle_messages" left join "users" on "users"."id" = "circle_messages"."author_id" where "circle_messages"."id" = ?',
    },
    parameters: ['m1'],
  },
  {
    name: 'groups.lockGroup',
    lock: (db, dialect) => groupsRepository.lockGroup(db, dialect, 'g1'),
    sql: {
      postgres: 'select * from "support_groups" where "id" = $1 for update',
      sqlite: 'select * from "support_groups" where "id" = ?',
    },
    parameters: ['g1'],
  },
  {
    name: 'groups.lockMessage',
    lock: (db, dialect) => groupsRepository.lockMessage(db, dialect, 'm1'),
    sql: {
      postgres:
        'select "group_messages".*, "users"."handle" as "author_handle" from "group_messages" left join "users" on "users"."id" = "group_messages"."author_id" where "group_messages"."id" = $1 for update of "group_messages"',
      sqlite:
        'select "group_messages".*, "users"."handle" as "author_handle" from "group_messages" left join "users" on "users"."id" = "group_messages"."author_id" where "group_messages"."id" = ?',
    },
    parameters: ['m1'],
  },
  {
    name: 'communities.lockPost',
    lock: (db, dialect) => communitiesRepository.lockPost(db, dialect, 'p1'),
    sql: {
      postgres:
        'select "posts".*, "users"."handle" as "author_handle" from "posts" left join "users" on "users"."id" = "posts"."author_id" where "posts"."id" = $1 for update of "posts"',
      sqlite: 'select "posts".*, "users"."handle" as "author_handle" from "posts" left join "users" on "users"."id" = "posts"."author_id" where "posts"."id" = ?',
    },
    parameters: ['p1'],
  },
  {
    name: 'communities.lockPostsBy',
    lock: (db, dialect) => communitiesRepository.lockPostsBy(db, dialect, 'u1'),
    sql: {
      postgres: 'select * from "posts" where "author_id" = $1 order by "id" for update of "posts"',
      sqlite: 'select * from "posts" where "author_id" = ? order by "id"',
    },
    parameters: ['u1'],
  },
  {
    name: 'mentoring.lockProfile',
    lock: (db, dialect) => mentoringRepository.lockProfile(db, dialect, 'u1'),
    sql: {
      postgres: 'select "capacity" from "supporter_profiles" where "user_id" = $1 for update',
      sqlite: 'select "capacity" from "supporter_profiles" where "user_id" = ?',
    },
    parameters: ['u1'],
  },
  {
    name: 'mentoring.lockMentorship',
    lock: (db, dialect) => mentoringRepository.lockMentorship(db, dialect, 'ms1'),
    sql: {
      postgres: 'select * from "mentorships" where "id" = $1 for update',
      sqlite: 'select * from "mentorships" where "id" = ?',
    },
    parameters: ['ms1'],
  },
];

describe.each(['postgres', 'sqlite'] as const)('the row-lock reads compiled for %s', (dialect) => {
  it.each(sites)('$name sends its pinned statement', async (site) => {
    const { db, sent } = recording(dialect);
    await site.lock(db, dialect);
    expect(sent).toEqual([{ sql: site.sql[dialect], parameters: site.parameters }]);
  });
});

describe.each(testDatabases)('the row-lock reads run on $name', (database) => {
  let handle: DatabaseHandle;
  const sent: ExecutedQuery[] = [];

  beforeAll(async () => {
    const created = await database.create();
    handle = openDatabase(created.url, { schema: created.pgSchema, onQuery: (q) => void sent.push(q) });
    await migrateToLatest(handle.db, handle.dialect, created.pgSchema);
  });
  afterAll(async () => {
    await handle?.close();
  });

  // PostgreSQL checks a row-lock clause when it plans the statement, rows or none: an empty table
  // is enough for it to accept the statement or refuse it.
  it.each(sites)('$name: the database accepts the pinned statement in a transaction', async (site) => {
    expect(handle.dialect).toBe(database.name);
    sent.length = 0;
    await handle.db.transaction().execute((trx) => site.lock(trx, handle.dialect));
    expect(sent.filter((q) => !/^(begin|commit|rollback)\b/i.test(q.sql))).toEqual([{ sql: site.sql[handle.dialect], parameters: site.parameters }]);
  });
});

describe('forUpdateOnPostgres', () => {
  it('takes a list of tables for `of`, each quoted', async () => {
    const { db, sent } = recording('postgres');
    await forUpdateOnPostgres(
      db.selectFrom('posts').innerJoin('threads', 'threads.id', 'posts.thread_id').select('posts.id').where('posts.id', '=', 'p1'),
      'postgres',
      ['posts', 'threads'],
    ).execute();
    expect(sent.map((q) => q.sql)).toEqual(['select "posts"."id" from "posts" inner join "threads" on "threads"."id" = "posts"."thread_id" where "posts"."id" = $1 for update of "posts", "threads"']);
  });
});
