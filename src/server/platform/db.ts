import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Compilable, type CompiledQuery, type KyselyConfig, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything a repository can run on: the database or a transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * A statement Kysely builds and compiles once per dialect, then runs with each call's values: for
 * the few statements nearly every read runs (ADR 020), where building and compiling the query
 * (4–10 µs) costs about as much as SQLite running it. `build` is called once, with placeholders
 * (strings) for its arguments, whatever their type at run time (numbers and nulls too: the writes
 * of ADR 027): it must use each only as a value (a bind parameter) and build the same
 * statement whatever they are (no branching on an argument's value: the placeholders are never empty,
 * so such a branch cannot be detected). Anything else is refused when it is first run, and so is
 * an executor with Kysely plugins (`withSchema`, `withPlugin`): the cache is keyed by dialect only,
 * so one caller's plugin-rewritten SQL would otherwise be reused for everyone.
 */
export function precompiled<A extends unknown[], R>(build: (db: Executor, ...args: A) => Compilable<R>): (db: Executor, ...args: A) => Promise<R[]> {
  // By the adapter's class: the SQL depends on the dialect only (a transaction shares its database's).
  const compiled = new Map<unknown, { query: CompiledQuery<R>; slots: number[] }>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    if (executor.plugins.length > 0) throw new Error('precompiled: an executor with Kysely plugins (withSchema, withPlugin) would share SQL compiled without them');
    const dialect = executor.adapter.constructor;
    let entry = compiled.get(dialect);
    if (!entry) {
      const marks = args.map((_, i) => `\u0000precompiled argument ${i}\u0000`);
      const query = build(db, ...(marks as A)).compile();
      const slots = query.parameters.map((p) => marks.indexOf(p as string));
      if (query.sql.includes('\u0000') || marks.some((_, i) => !slots.includes(i))) throw new Error(`precompiled: every argument must be a bound value (${query.sql})`);
      compiled.set(dialect, (entry = { query, slots }));
    }
    const { query, slots } = entry;
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : query.parameters[i]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * An insert of one row into `table`, built and compiled once (a `precompiled` statement, ADR 027):
 * `columns` names every column a row gives, in order; a value may be a number or null as well.
 */
export function precompiledInsert<Row extends object>(table: keyof Database & string, columns: readonly (keyof Row & string)[]): (db: Executor, row: Row) => Promise<void> {
  const run = precompiled((db, ...values: unknown[]) => db.insertInto(table).values(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as never));
  return async (db, row) => {
    await run(db, ...columns.map((c) => row[c as keyof Row]));
  };
}

/** A unique index refused the row (PostgreSQL 23505, SQLite UNIQUE): the caller answers with a 409. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|duplicate key/.test(e?.message ?? '');
}

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL only: run in this schema (created if missing). Tests use a fresh one per run. */
  schema?: string;
  /** Called with every statement after it ran: tests of query plans read the hot paths' SQL from here. */
  onQuery?: (query: ExecutedQuery) => void;
}

export interface ExecutedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/** Opens the database named by a URL: `sqlite:<file>` (or `sqlite::memory:`) or `postgres://…`. */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const log = queryLogger(options.onQuery);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), log);
  return openPostgres(url, options.schema, log);
}

function queryLogger(onQuery: OpenDatabaseOptions['onQuery']): KyselyConfig['log'] {
  if (!onQuery) return undefined;
  return (event) => {
    if (event.level === 'query') onQuery({ sql: event.query.sql, parameters: event.query.parameters });
  };
}

function openSqlite(file: string, log: KyselyConfig['log']): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const checkpoints = file === ':memory:' ? null : checkpointInBackground(connection, file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }), ...(log ? { log } : {}) });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      // The thread's connection closes first: the last one to close checkpoints and removes the WAL.
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

/** Pages in the WAL at which the writing connection checkpoints itself (about 32 MiB): a backstop. */
const WAL_BACKSTOP_PAGES = 8000;
const CHECKPOINT_EVERY_MS = 500;

/**
 * WAL checkpoints (committed pages copied into the database file, with two fsyncs) run on a
 * thread with its own connection, every half second. Left to the writing connection, one in
 * every ~60 replies' commits stopped the event loop for 5–150 ms on a busy disk, about a quarter
 * of the time a reply costs (ADR 017). A passive checkpoint never blocks the writer. Under
 * sustained writes it may never catch up completely (the WAL restarts only after one that did);
 * then the writer checkpoints what is left itself, once the WAL holds WAL_BACKSTOP_PAGES.
 */
function checkpointInBackground(connection: SQLite.Database, file: string): { stop(): Promise<void> } {
  connection.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file: path.resolve(file), everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  // Should the thread fail (it cannot open the file, say), the backstop still bounds the WAL.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      // Held until it has closed (unreferenced, it would let a process that only waits for it end).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the next one tries again */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Kysely prepares every statement anew; on SQLite preparing costs about as much as running a small
 * query. Statements are reusable (Kysely runs them synchronously, one at a time on the one
 * connection), so keep the most recent ones by their SQL text.
 */
function withStatementCache(connection: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      connection.close();
    },
    prepare(sqlText: string): SQLite.Statement {
      let statement = cache.get(sqlText);
      if (statement) {
        // Refresh its place: the Map's order is the eviction order.
        cache.delete(sqlText);
      } else {
        statement = connection.prepare(sqlText);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

function openPostgres(url: string, schema: string | undefined, log: KyselyConfig['log']): DatabaseHandle {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
  return {
    db,
    dialect: 'postgres',
    close: () => db.destroy(),
  };
}

/** Creates a PostgreSQL schema if it does not exist (tests and multi-tenant set-ups). */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
}

export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** True when the database answers a trivial query. */
export async function databaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
