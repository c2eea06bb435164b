import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Compilable, type CompiledQuery, type KyselyConfig, type SelectQueryBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { searchPick } from './search-picks.js';

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
export function precompiled<A extends unknown[], R>(build: (db: Executor, ...args: A) => Compilable<R>, options: PrecompiledOptions = {}): Precompiled<A, R> {
  const run = precompiledStatements((db, ...args: A) => [build(db, ...args)], options.named ?? true);
  return Object.assign((db: Executor, ...args: A) => run(0, db, args) as Promise<R[]>, { later: (db: Executor, ...args: A) => run.later(0, db, args) });
}

/** A `precompiled` statement: run it now, or (a write whose result nobody reads) `later`. */
export interface Precompiled<A extends unknown[], R> {
  (db: Executor, ...args: A): Promise<R[]>;
  /**
   * A write whose result (rows, count) nobody reads, sent on PostgreSQL inside a transaction with
   * the next statement that has to go anyway, or at commit: in one statement with the writes
   * deferred beside it (`PreparingClient`, ADR 028 amendment of 2026-11-27 morning). Runs before any later
   * statement of the transaction, so what follows sees it as before; an error it meets fails that
   * later statement (or the commit), and with it the unit of work. On SQLite, and outside a
   * transaction, it runs at once.
   */
  later(db: Executor, ...args: A): Promise<void>;
}

export interface PrecompiledOptions {
  /**
   * Prepared by name on PostgreSQL (ADR 028): the default. False for a statement of a family whose
   * SQL text varies within bounds of its own (SQLite's search statements, one per shape, kept by
   * their caller for the shapes used most recently, ADR 039): `preparedNames` holds one entry per
   * text for the life of the process, so only a fixed set may enter it.
   */
  named?: boolean;
}

/**
 * Every column of a table's row type, spelled out, for a precompiled statement's select list: on
 * PostgreSQL those are prepared statements, and a `*` there (`selectAll`, `returningAll`) would
 * change a statement's result type when a migration adds a column, which PostgreSQL refuses for a
 * prepared plan (ADR 028, second amendment). A type error names a column of `Row` the list misses.
 * `everyColumn<ThreadsTable>()(['id', …])`; `qualified('threads', …)` for a statement with joins.
 */
export function everyColumn<Row>() {
  return <const C extends readonly (keyof Row & string)[]>(columns: C & ([Exclude<keyof Row & string, C[number]>] extends [never] ? unknown : { missing: Exclude<keyof Row & string, C[number]> })): C => columns;
}

/** `columns` named with their table (`threads.id`), for statements that read other tables too. */
export function qualified<T extends string, C extends string>(table: T, columns: readonly C[]): `${T}.${C}`[] {
  return columns.map((c) => `${table}.${c}` as const);
}

/**
 * A statement over lists of values (`in (…)` lists, the rows of a multi-row insert), `precompiled`
 * once per shape (the lists' lengths) while they hold at most `maxValues` values together, built
 * each time beyond, and for shapes past the first MAX_SHAPES. For the reads and writes of a reply's
 * dispatch (ADR 031): a batch's lists hold one to ten ids, and building and compiling such a
 * statement cost about what SQLite takes to run it. `build` must use every value only as a bound
 * value, as for `precompiled`. On PostgreSQL each shape is a prepared statement of its own. Every
 * list must hold a value (an empty one is refused: `in ()` is an error on PostgreSQL). An executor
 * with Kysely plugins is built each time too, with them (where `precompiled` refuses one).
 */
export function precompiledPerShape<R>(
  maxValues: number,
  build: (db: Executor, lists: readonly (readonly unknown[])[]) => Compilable<R>,
): ((db: Executor, lists: readonly (readonly unknown[])[]) => Promise<R[]>) & { later(db: Executor, lists: readonly (readonly unknown[])[]): Promise<void> } {
  const byShape = new Map<string, Precompiled<unknown[], R>>();
  const shaped = (lists: readonly (readonly unknown[])[]) => {
    const values = lists.flat();
    const shape = lists.map((l) => l.length).join(',');
    let run = byShape.get(shape);
    // Checked on a miss only: a shape kept passed it.
    if (!run && (lists.length === 0 || lists.some((l) => l.length === 0))) {
      throw new Error(`precompiledPerShape: every list must hold at least one value (shape ${shape || 'of no lists'}): an empty one would be \`in ()\`, which PostgreSQL refuses; skip the call instead`);
    }
    if (!run && values.length <= maxValues && byShape.size < MAX_SHAPES) {
      const lengths = lists.map((l) => l.length);
      run = precompiled((d, ...vs: unknown[]) => {
        let at = 0;
        return build(d, lengths.map((n) => vs.slice(at, (at += n))));
      });
      byShape.set(shape, run);
    }
    return { run, values };
  };
  // An executor with Kysely plugins (tests' `withPlugin`) is built each time, through them: the
  // statements kept were compiled without (`precompiled` refuses such an executor).
  return Object.assign(
    async (db: Executor, lists: readonly (readonly unknown[])[]) => {
      const { run, values } = shaped(lists);
      if (run && db.getExecutor().plugins.length === 0) return run(db, ...values);
      return (await db.executeQuery(build(db, lists).compile())).rows;
    },
    {
      /** As `Precompiled.later` for the shapes kept; any other goes at once. */
      async later(db: Executor, lists: readonly (readonly unknown[])[]) {
        const { run, values } = shaped(lists);
        if (run && db.getExecutor().plugins.length === 0) return run.later(db, ...values);
        await db.executeQuery(build(db, lists).compile());
      },
    },
  );
}

/** Shapes one `precompiledPerShape` call site keeps (each a prepared statement on every PostgreSQL connection). */
const MAX_SHAPES = 64;

/**
 * Statements `build` makes together (as for `precompiled`), each run alone; together they must
 * bind every argument (one of them may use only some).
 */
function precompiledStatements<A extends unknown[]>(
  build: (db: Executor, ...args: A) => readonly Compilable<unknown>[],
  named = true,
): ((index: number, db: Executor, args: A) => Promise<unknown[]>) & { all(db: Executor, args: A): unknown[][] | null; later(index: number, db: Executor, args: A): Promise<void> } {
  // By the adapter's class: the SQL depends on the dialect only (a transaction shares its database's).
  const compiled = new Map<unknown, { query: CompiledQuery<unknown>; slots: number[] }[]>();
  const entries = (db: Executor, args: A) => {
    const executor = db.getExecutor();
    if (executor.plugins.length > 0) throw new Error('precompiled: an executor with Kysely plugins (withSchema, withPlugin) would share SQL compiled without them');
    const dialect = executor.adapter.constructor;
    let list = compiled.get(dialect);
    if (!list) {
      const marks = args.map((_, i) => `\u0000precompiled argument ${i}\u0000`);
      list = build(db, ...(marks as A)).map((q) => {
        const query = q.compile();
        const slots = query.parameters.map((p) => marks.indexOf(p as string));
        if (query.sql.includes('\u0000')) throw new Error(`precompiled: every argument must be a bound value (${query.sql})`);
        if (readsEveryColumn(query.sql)) throw new Error(`precompiled: name the columns (everyColumn), never \`*\` (selectAll, returningAll): a column a migration adds would change the prepared statement's result type (${query.sql})`);
        return { query, slots };
      });
      if (marks.some((_, i) => !list!.some((e) => e.slots.includes(i)))) throw new Error(`precompiled: every argument must be a bound value (${list.map((e) => e.query.sql).join('; ')})`);
      compiled.set(dialect, list);
      // On PostgreSQL each is sent as a named prepared statement (ADR 028).
      if (named) for (const { query } of list) if (!preparedNames.has(query.sql)) preparedNames.set(query.sql, `kindred_${preparedNames.size + 1}`);
    }
    return list;
  };
  const parametersOf = ({ query, slots }: { query: CompiledQuery<unknown>; slots: number[] }, args: A) => slots.map((slot, i) => (slot >= 0 ? args[slot] : query.parameters[i]));
  const one = async (index: number, db: Executor, args: A) => {
    const entry = entries(db, args)[index]!;
    const parameters = parametersOf(entry, args);
    const direct = sqliteReads.get(db);
    if (direct) {
      const rows = direct.one(entry.query.sql, parameters);
      if (rows) return rows;
    }
    return (await db.executeQuery<unknown>({ ...entry.query, parameters })).rows;
  };
  /** All of them at once on SQLite, in one read transaction, when they can be run directly (else null). */
  const all = (db: Executor, args: A): unknown[][] | null => {
    const direct = sqliteReads.get(db);
    return direct ? direct.together(entries(db, args).map((entry) => ({ sql: entry.query.sql, parameters: parametersOf(entry, args) }))) : null;
  };
  /** `Precompiled.later`: on PostgreSQL marked for the client to defer (only in a transaction it does). */
  const later = async (index: number, db: Executor, args: A): Promise<void> => {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
      await one(index, db, args);
      return;
    }
    const entry = entries(db, args)[index]!;
    await db.executeQuery<unknown>({ ...entry.query, sql: `${DEFER_MARK}${entry.query.sql}`, parameters: parametersOf(entry, args) });
  };
  return Object.assign(one, { all, later });
}

/**
 * The statement reads or returns `*`: `"t".*`, `select *`, `returning *` (Kysely's `selectAll`,
 * `returningAll`), not `count(*)`. Checked when a precompiled statement is first compiled, on both
 * databases, so that the SQLite run of the tests catches it as well (ADR 028, second amendment).
 */
export function readsEveryColumn(sqlText: string): boolean {
  return /"\.\*|\b(select|returning)\s+(distinct\s+)?\*|,\s*\*\s*(,|from\b|$)/i.test(sqlText);
}

/** The SQL of every statement precompiled so far in this process and prepared by name on PostgreSQL (all but `named: false`): for tests. */
export function precompiledStatementTexts(): string[] {
  return [...preparedNames.keys()];
}

/**
 * A SQLite database's reads outside any transaction, run at once on its one connection (not through
 * Kysely): by the root Kysely instance of each SQLite database `openDatabase` opened (a transaction
 * object is another instance, never found here). See `directReads`.
 */
const sqliteReads = new WeakMap<object, DirectReads>();

interface DirectReads {
  one(sqlText: string, parameters: unknown[]): unknown[] | null;
  together(queries: readonly { sql: string; parameters: unknown[] }[]): unknown[][] | null;
}

/**
 * A precompiled read on SQLite, run synchronously on a statement of its own (rows as arrays, made
 * objects by `rowMaker`: ADR 058), without
 * Kysely's executor: its connection mutex, driver and logging chain cost a few Promises and
 * µs a statement, about what SQLite takes to run these key lookups (ADR 030). Only when the
 * connection has no transaction open (`inTransaction`): Kysely's mutex exists for that case, a read
 * from outside waiting until the transaction ends rather than seeing its uncommitted rows; then,
 * and for anything but a read, null (the caller goes through Kysely as before). Without an open
 * transaction a statement on the one connection is its own (autocommit) transaction, whoever holds
 * the mutex meanwhile: what Kysely would have run, a few microtasks earlier.
 */
function directReads(connection: SQLite.Database, onQuery: OpenDatabaseOptions['onQuery']): DirectReads {
  // By SQL text: one per precompiled read (a bounded set: each call site, each of its shapes at most MAX_SHAPES).
  const reads = new Map<string, DirectRead | null>();
  const readOf = (sqlText: string): DirectRead | null => {
    let read = reads.get(sqlText);
    if (read === undefined) {
      const statement = connection.prepare(sqlText);
      // `reader` is also true of INSERT/UPDATE … RETURNING: only a statement that writes nothing skips the mutex.
      read = statement.reader && statement.readonly ? { statement: statement.raw(true), row: rowMaker(statement.columns().map((c) => c.name)) } : null;
      reads.set(sqlText, read);
    }
    return read;
  };
  const rowsOf = (read: DirectRead, parameters: unknown[]) => (read.statement.all(parameters) as unknown[][]).map(read.row);
  // BEGIN (deferred) … COMMIT, rolled back should a statement throw; made once.
  const inOneTransaction = connection.transaction((list: DirectRead[], queries: readonly { parameters: unknown[] }[]) => list.map((read, i) => rowsOf(read, queries[i]!.parameters)));
  return {
    one(sqlText, parameters) {
      if (connection.inTransaction) return null;
      const read = readOf(sqlText);
      if (!read) return null;
      const rows = rowsOf(read, parameters);
      onQuery?.({ sql: sqlText, parameters });
      return rows;
    },
    /**
     * Several reads in one read transaction, run synchronously (ADR 030, amendment 2): each
     * statement alone is its own transaction, whose start and end (the WAL's read lock and index)
     * cost about 2 µs of a 3–6 µs key lookup. Nothing else runs on the connection in between (this
     * is one turn of the event loop), and the reads see one snapshot, as one statement would.
     */
    together(queries) {
      if (connection.inTransaction) return null;
      const list = queries.map((q) => readOf(q.sql));
      if (!list.every((read) => read !== null)) return null;
      const rows = inOneTransaction(list as DirectRead[], queries);
      if (onQuery) for (const q of queries) onQuery({ sql: q.sql, parameters: q.parameters });
      return rows;
    },
  };
}

/** A direct read's own statement, giving rows as arrays, and what makes each an object. */
interface DirectRead {
  statement: SQLite.Statement;
  row: (values: unknown[]) => unknown;
}

/**
 * A row object from a raw row (an array), for these column names: a function written for them, whose
 * object literal gives every row the same shape at once. better-sqlite3 makes each row object
 * through V8's API, a property at a time: for the thread page's 20 columns that was about a third of
 * the statement's CPU (ADR 058). The names come from the statement (our own SQL), each written as a
 * JSON string literal (a column named `__proto__`, which no read has, would set the prototype, not a property).
 */
function rowMaker(names: readonly string[]): (values: unknown[]) => unknown {
  return new Function('v', `return {${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')}};`) as (values: unknown[]) => unknown;
}

type RowsOf<Q extends readonly Compilable<unknown>[]> = { [K in keyof Q]: Q[K] extends Compilable<infer R> ? R[] : never };

/**
 * Several precompiled reads a request needs together (the thread, the reader's preferences and
 * follow, say), each built as for `precompiled`. On PostgreSQL they go as one statement, a row of
 * one JSON array per read (`json_agg` over each, in its own order): one round trip instead of one
 * each, which on two shared cores cost more than the reads themselves (ADR 028). On SQLite, where
 * a statement is a function call, one after another: outside a transaction all at once in one read
 * transaction (`DirectReads.together`), else through Kysely one by one. Only for reads of text and integer columns,
 * which JSON gives back exactly as pg does (a bigint, numeric, bytea or timestamp would not).
 */
export function precompiledTogether<A extends string[], Q extends readonly Compilable<unknown>[]>(build: (db: Executor, ...args: A) => Q): (db: Executor, ...args: A) => Promise<RowsOf<Q>> {
  const together = precompiled((db, ...args: A) =>
    db.selectNoFrom(build(db, ...args).map((q, i) => sql<unknown[]>`coalesce((select json_agg(r) from (${q}) as r), '[]'::json)`.as(`r${i}`))),
  );
  const apart = precompiledStatements(build);
  let count: number | undefined;
  return async (db, ...args) => {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const row = (await together(db, ...args))[0] as Record<string, unknown[]>;
      return Object.keys(row).map((_, i) => row[`r${i}`]) as RowsOf<Q>;
    }
    const direct = apart.all(db, args);
    if (direct) return direct as RowsOf<Q>;
    count ??= build(db, ...args).length;
    const out: unknown[][] = [];
    for (let i = 0; i < count; i++) out.push(await apart(i, db, args));
    return out as RowsOf<Q>;
  };
}

/**
 * The SQL text of every precompiled statement, with the name it is prepared under on each
 * PostgreSQL connection (ADR 028). Bounded: one entry per `precompiled` call site and dialect, and
 * per shape of a `precompiledPerShape` call site (at most MAX_SHAPES of them); statements
 * precompiled with `named: false` never enter it.
 */
const preparedNames = new Map<string, string>();

/** PostgreSQL refuses a prepared statement whose result columns changed (a column's type changed by a migration). */
function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

type QueryResult = pg.QueryResult<pg.QueryResultRow>;

/**
 * A pg client that sends the precompiled statements (known by their SQL text, as Kysely passes
 * it) as named prepared statements: PostgreSQL parses and plans each once per connection instead
 * of on every call, which was most of its CPU for these short reads (120 → 35 µs a thread row).
 * Every other statement goes as before (unnamed, parsed each time): its SQL varies (an IN list of
 * any length; `precompiledPerShape` names one per shape, within its bounds), and a connection keeps
 * what it prepares until it closes. A new connection (a reconnect, another schema in tests)
 * prepares them anew on first use. The statements name their columns (never `*`,
 * which `precompiled` refuses), so a migration adding a column changes none of them. Should one
 * change a column's type a statement returns (another instance's, in a rolling deploy), PostgreSQL
 * refuses the old statement (0A000): every connection of the process then prepares every statement under new
 * names (a connection that met it is likely not the only one holding old plans), and the statement
 * is run again if it was not inside a transaction. Inside one the error stands, as PostgreSQL has
 * aborted that transaction; the next use prepares anew (ADR 028, amendments: a belt since the
 * columns are named).
 */
class PreparingClient extends pg.Client {
  /**
   * Kysely's transaction on this connection (ADR 028, amendment of 2026-11-27 morning): `none`;
   * `pending`, its `begin` held back because no statement has had to go yet; `open`, begun on the
   * server. A transaction whose only statements are writes sent `later` ends as one statement, on
   * its own (atomic without begin and commit): a check-in is one round trip instead of four.
   */
  #tx: 'none' | 'pending' | 'open' = 'none';
  /** Writes sent `later` in this transaction, in order: they go as one statement before the next that must go. */
  #deferred: { text: string; values: unknown[] }[] = [];
  readonly #onQuery: ((query: ExecutedQuery) => void) | undefined;
  /**
   * Part of every statement's name: raised when PostgreSQL refuses a plan as stale. pg prepares a
   * name once per connection and never again (its `parsedStatements`), so a new name is how a
   * connection re-prepares; the old statements stay on the server until the connection closes
   * (at most the fixed set of names, once per migration that met one).
   */
  static #generation = 0;

  constructor(config?: pg.ClientConfig & { kindredOnQuery?: (query: ExecutedQuery) => void }) {
    super(config);
    this.#onQuery = config?.kindredOnQuery;
    // A connection the server ends while Kysely holds it (a restart) fails its query, and the pool
    // drops it when it is released; unheard, the client's own error event would end the process.
    this.on('error', () => undefined);
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    // Kysely's calls: the SQL text and its values.
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) return this.#statement(text, values) as never;
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  /** The pool took the connection back: nothing of a transaction may outlive its checkout. */
  forgetTransaction(): void {
    this.#tx = 'none';
    this.#deferred = [];
  }

  async #statement(text: string, values: unknown[]): Promise<QueryResult> {
    if (values.length === 0 && text === 'begin' && this.#tx === 'none') {
      this.#tx = 'pending';
      return done('BEGIN');
    }
    if (text.startsWith(DEFER_MARK)) {
      text = text.slice(DEFER_MARK.length);
      // Outside a transaction a statement is its own: it goes now.
      if (this.#tx !== 'none') {
        this.#deferred.push({ text, values });
        return done('INSERT');
      }
    }
    if (values.length === 0 && this.#tx !== 'none' && (text === 'commit' || text === 'rollback')) return this.#end(text);
    if (this.#tx === 'pending') {
      await this.#send('begin', []);
      this.#tx = 'open';
    }
    await this.#sendDeferred();
    return this.#send(text, values);
  }

  /**
   * Commit: the deferred writes go first (alone, atomic, when nothing else of the transaction was
   * sent: then there is no begin and no commit to send). Should they fail, the transaction stays
   * as it was, for Kysely's rollback. Rollback: the deferred writes are dropped.
   */
  async #end(verb: 'commit' | 'rollback'): Promise<QueryResult> {
    if (verb === 'rollback') {
      this.#deferred = [];
      const begun = this.#tx === 'open';
      this.#tx = 'none';
      return begun ? this.#send('rollback', []) : done('ROLLBACK');
    }
    await this.#sendDeferred();
    const begun = this.#tx === 'open';
    this.#tx = 'none';
    return begun ? this.#send('commit', []) : done('COMMIT');
  }

  async #sendDeferred(): Promise<void> {
    if (this.#deferred.length === 0) return;
    const { text, values } = together(this.#deferred);
    this.#deferred = [];
    await this.#send(text, values);
  }

  async #send(text: string, values: unknown[]): Promise<QueryResult> {
    const name = preparedNames.get(text);
    const result = name ? await this.#prepared(name, text, values) : await (super.query(text, values) as Promise<QueryResult>);
    this.#onQuery?.({ sql: text, parameters: values });
    return result;
  }

  async #prepared(name: string, text: string, values: unknown[]): Promise<QueryResult> {
    const generation = PreparingClient.#generation;
    try {
      return await super.query({ name: `${name}_${generation}`, text, values });
    } catch (err) {
      if (!isStalePlan(err)) throw err;
      // Once, though several connections may meet their old plans at the same time.
      if (PreparingClient.#generation === generation) PreparingClient.#generation += 1;
      // From the connection's last ReadyForQuery: before the statement, or after its error if that
      // came in the same read. 'I' (idle) either way means it ran outside a transaction.
      if (this.getTransactionStatus() !== 'I') throw err;
      return super.query({ name: `${name}_${PreparingClient.#generation}`, text, values });
    }
  }
}

/** A statement's result that was not sent to the server (a held-back begin, a deferred write). */
function done(command: string): QueryResult {
  return { command, rowCount: 0, rows: [], oid: 0, fields: [] };
}

/**
 * What `Precompiled.later` sends: the prefix tells `PreparingClient` to hold the write back until a
 * statement of the transaction has to go (or its commit), and to send the writes held together.
 */
const DEFER_MARK = '/* later */ ';

/** Texts of deferred writes sent together, by the texts joined: a bounded set, prepared by name like their parts. */
const togetherTexts = new Map<string, string>();
const MAX_TOGETHER = 64;

/**
 * Deferred writes as one statement: all but the last as data-modifying CTEs (`with w1 as (…)`),
 * their parameters renumbered after the ones before. PostgreSQL runs each exactly once, all in one
 * snapshot (so none of them may read what another writes: `later` is for inserts and updates whose
 * rows no other deferred write reads); foreign keys and AFTER triggers are checked and fired at the
 * end of the statement, after all of them.
 */
function together(parts: readonly { text: string; values: unknown[] }[]): { text: string; values: unknown[] } {
  if (parts.length === 1) return parts[0]!;
  const key = parts.map((p) => p.text).join('\u0000');
  let text = togetherTexts.get(key);
  if (text === undefined) {
    let offset = 0;
    const renumbered = parts.map((p) => {
      if (/^\s*with\b/i.test(p.text) || p.text.includes('$$')) throw new Error(`later: a deferred write cannot carry its own WITH or a dollar-quoted string (${p.text.slice(0, 80)})`);
      const out = renumber(p.text, offset);
      offset += p.values.length;
      return out;
    });
    text = `with ${renumbered.slice(0, -1).map((t, i) => `w${i + 1} as (${t})`).join(', ')} ${renumbered.at(-1)!}`;
    if (togetherTexts.size < MAX_TOGETHER) {
      togetherTexts.set(key, text);
      if (parts.every((p) => preparedNames.has(p.text)) && !preparedNames.has(text)) preparedNames.set(text, `kindred_${preparedNames.size + 1}`);
    }
  }
  return { text, values: parts.flatMap((p) => p.values) };
}

/** `$n` placeholders moved up by `offset`, outside quoted strings and identifiers. */
function renumber(text: string, offset: number): string {
  if (offset === 0) return text;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (m, n: string | undefined) => (n === undefined ? m : `$${Number(n) + offset}`));
}

/**
 * An insert of one row into `table`, built and compiled once (a `precompiled` statement, ADR 027):
 * `columns` names every column a row gives, in order; a value may be a number or null as well.
 */
export function precompiledInsert<Row extends object>(table: keyof Database & string, columns: readonly (keyof Row & string)[]): ((db: Executor, row: Row) => Promise<void>) & { later(db: Executor, row: Row): Promise<void> } {
  const run = precompiled((db, ...values: unknown[]) => db.insertInto(table).values(Object.fromEntries(columns.map((c, i) => [c, values[i]])) as never));
  const valuesOf = (row: Row) => columns.map((c) => row[c as keyof Row]);
  return Object.assign(
    async (db: Executor, row: Row) => {
      await run(db, ...valuesOf(row));
    },
    { later: (db: Executor, row: Row) => run.later(db, ...valuesOf(row)) },
  );
}

/**
 * No connection to the database could be had: none came free of the pool in time (every one busy)
 * or a new one could not be opened (the server down, refusing, too slow); or a write could not be
 * settled now for the database's own reasons (a twin's transaction did not commit, ADR 042). The
 * error handler answers 503 "try again". The cause is kept for its kind; its message is pg's or the socket's.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown, message = 'No database connection could be had') {
    super(message, { cause });
  }
}

/**
 * PostgreSQL's SQLSTATEs of a statement that failed for the server's own state, not for what was
 * asked: the same request may well succeed a moment later (ADR 041).
 */
const UNAVAILABLE_STATES = new Set([
  '57014', // query_canceled: our statement_timeout (or an administrator's pg_cancel_backend)
  '57P01', // admin_shutdown: the connection was ended (a restart, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or stopping
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout ended the connection
  '55P03', // lock_not_available: a lock_timeout an operator set
  // Two units of work each waiting for the other (one was rolled back) or a serialization failure:
  // e.g. another device's write while the person's account is being erased. Nothing was written;
  // the same request tried again succeeds or gets its real answer (401, 404).
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);

/**
 * The database could not do it now, through no fault of the request: a statement timed out or was
 * cancelled, the connection was ended, none could be had. The error handler answers 503 with a
 * "try again" (never a 500, never the input's fault); the unit of work was rolled back.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError || isSqliteBusy(err)) return true;
  const code = (err as { code?: unknown } | null)?.code;
  // Class 08: connection exceptions (the server went away mid-statement).
  return typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code));
}

/**
 * SQLite's "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes,
 * e.g. SQLITE_BUSY_SNAPSHOT): a backup, an admin command or a second process writing the file. The
 * busy_timeout does not always wait: a deferred BEGIN whose first write needs the lock another
 * holds (or whose snapshot another wrote past) fails at once (ADR 041, amendment).
 */
export function isSqliteBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}

/**
 * Raises the statement timeout for the rest of `trx`'s transaction only (`set_config(…, true)`, as
 * `SET LOCAL`): for the units of work that are long by nature (an account's erasure or export walks
 * everything a person wrote), which the requests' bound must not cut off. 0: no bound. Nothing on
 * SQLite, which has no statement timeout.
 */
export async function allowLongStatements(trx: Trx, dialect: Dialect, timeoutMs: number): Promise<void> {
  if (dialect !== 'postgres') return;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0) throw new Error(`allowLongStatements: ${timeoutMs} is not a whole number of milliseconds`);
  await sql`select set_config('statement_timeout', ${String(timeoutMs)}, true)`.execute(trx);
}

/**
 * A read that decides a write, its rows locked to the end of the transaction: `q … for update` on
 * PostgreSQL (`of` those tables only, for a read that joins others it does not mean to lock), `q`
 * as it is on SQLite, whose write transactions run one at a time, so there is nothing to lock. The
 * same rows either way. Callers keep the one lock order of ADR 052.
 */
export function forUpdateOnPostgres<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, dialect: Dialect, of?: (TB & string) | ReadonlyArray<TB & string>): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forUpdate(of) : q;
}

/**
 * A read that decides an UPDATE of the row's other columns (not its key): `q … for no key update` on
 * PostgreSQL, the lock that UPDATE itself takes, taken before the checks it decides from; `q` as it
 * is on SQLite. It waits for a `for update` (a delete, a change of owner deciding from the row) and
 * then reads the row as that left it; readers holding `for key share` (writers into its children)
 * and it do not wait for each other.
 */
export function forNoKeyUpdateOnPostgres<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, dialect: Dialect, of?: (TB & string) | ReadonlyArray<TB & string>): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forNoKeyUpdate(of) : q;
}

/**
 * A read that a write into the row's children rests on: `q … for key share` on PostgreSQL, `q` as it
 * is on SQLite (one writer at a time). Readers holding it do not wait for each other, nor for an
 * UPDATE of the row's other columns (a rename), nor it for them; a `for update` of the row (a delete
 * deciding from it) waits for them, and they for it, so a write queued behind the delete reads the
 * row gone instead of inserting a child that no longer has a parent. (The child's foreign key takes
 * the same lock at its insert: this takes it before the checks the write decides from.)
 */
export function forKeyShareOnPostgres<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, dialect: Dialect, of?: (TB & string) | ReadonlyArray<TB & string>): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? q.forKeyShare(of) : q;
}

/**
 * A unique index refused the row, and it is this one (`index`), not another: PostgreSQL's 23505 names
 * the index (`constraint`); SQLite names none, only the columns in its message (`UNIQUE constraint
 * failed: handovers.mentorship_id`), so `columns` is that list as SQLite writes it, matched whole.
 * PostgreSQL's `constraint` is the bare index name, never schema-qualified (the schema comes apart,
 * in `schema`): checked on a per-run test schema and on public, so `index` is the bare name on both.
 */
export function isUniqueViolationOf(err: unknown, index: string, columns: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (e?.code === '23505') return e.constraint === index;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message === `UNIQUE constraint failed: ${columns}`;
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
  /**
   * PostgreSQL only: told when a connection of the pool fails (the server ended it, the network
   * dropped it), idle or in use. The app logs it; the pool replaces the connection on next use.
   */
  onConnectionError?: (error: ConnectionError) => void;
  /** PostgreSQL only: bounds on a statement, an idle transaction and getting a connection (none when left out). */
  timeouts?: PostgresTimeouts;
  /**
   * SQLite only: SQL functions defined on the connection (by name). Tests only: a function a read
   * calls runs while its statement does, so a test can act between two statements of one read
   * transaction (precompiled.test.ts).
   */
  sqliteFunctions?: Record<string, (...args: unknown[]) => unknown>;
}

/**
 * How long the pool lets a connection be held up, in milliseconds; 0 or left out: no bound. The
 * app passes its configuration (README, "Configuration"); scripts and benches that open their own
 * database (the bench seed and its index rebuild) pass none, so their long statements are never cut.
 */
export interface PostgresTimeouts {
  /** PostgreSQL's `statement_timeout` on every connection: a statement running (or waiting for a lock) longer is cancelled (57014). */
  statementMs?: number;
  /** `idle_in_transaction_session_timeout`: a transaction left idle this long has its connection ended by the server (25P03). */
  idleInTransactionMs?: number;
  /** Waiting for a connection (a free one of the pool, or a new one) longer fails with `DatabaseUnavailableError`. */
  connectMs?: number;
}

/**
 * What is told of a failed connection: the error's class and PostgreSQL's or the socket's own
 * message, never a statement, its values or the connection string.
 */
export interface ConnectionError {
  /** SQLSTATE (`57P01`: ended by an administrator) or the socket's code (`ECONNRESET`). */
  code: string | undefined;
  message: string;
}

/** The parts of a pg connection error that may be logged: codes and the message, cut short. */
export function connectionError(err: unknown): ConnectionError {
  const e = err as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : undefined, message: String(e?.message ?? err).slice(0, 200) };
}

export interface ExecutedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/** Opens the database named by a URL: `sqlite:<file>` (or `sqlite::memory:`) or `postgres://…`. */
export function openDatabase(url: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const log = queryLogger(options.onQuery);
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), log, options.onQuery, options.sqliteFunctions);
  return openPostgres(url, options.schema, options.onQuery, options.onConnectionError, options.timeouts ?? {});
}

function queryLogger(onQuery: OpenDatabaseOptions['onQuery']): KyselyConfig['log'] {
  if (!onQuery) return undefined;
  return (event) => {
    if (event.level === 'query') onQuery({ sql: event.query.sql, parameters: event.query.parameters });
  };
}

function openSqlite(file: string, log: KyselyConfig['log'], onQuery?: OpenDatabaseOptions['onQuery'], functions: OpenDatabaseOptions['sqliteFunctions'] = {}): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const connection = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes in WAL mode.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  // Search's walk picks its page in its statement (ADR 063); not deterministic: it keeps state.
  connection.function('search_pick', { deterministic: false, directOnly: true }, searchPick);
  for (const [name, fn] of Object.entries(functions)) connection.function(name, fn);
  const checkpoints = file === ':memory:' ? null : checkpointInBackground(connection, file);
  const statements = withStatementCache(connection);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }), ...(log ? { log } : {}) });
  sqliteReads.set(db, directReads(connection, onQuery));
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

/**
 * SQLite: the connection's savepoint and statement journals (and temporary tables) kept in memory
 * (`temp_store = MEMORY`) from now on, for the app's requests once migrations are done (ADR 054).
 * Every unit of work of a group commit is a savepoint (ADR 017), and SQLite copies each page a unit
 * changes into that savepoint's journal; past 64 KiB (16 pages, less than one reply writes) the
 * journal spilled to a temporary file, opened, written a page a `pwrite` at a time and deleted in
 * every transaction: about a fifth of a reply's CPU. Only rolling back a savepoint or a statement
 * reads these journals; the WAL is what a commit writes and a crash recovers, unchanged. Not for
 * migrations: a migration rewriting a large table in its transaction would hold the old copy of
 * every page it changed in memory. Temporary b-trees and sorts no index serves stay in memory too
 * (a sort past the cache size no longer spills to a file).
 */
export async function keepTemporaryFilesInMemory(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'sqlite') await sql`pragma temp_store = memory`.execute(handle.db);
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
 * connection), so keep the most recently used ones by their SQL text. A statement dropped from the
 * cache is never finalized here: whoever still holds it (an iterator under way) goes on, and the
 * driver finalizes it once it is unreachable. Exported for its tests.
 */
export function withStatementCache(connection: SQLite.Database, max = 500) {
  // Map order is recency: each entry stamped with the count of entries placed (inserted or moved
  // to the end) when it was last placed. A hit moves its entry (a delete and a set by its SQL text,
  // costing more than the rest of the lookup) only when the stamp is older than half the cache's
  // span: so an entry used within the last max/2 placements is never the first, and a miss with a
  // full cache drops the Map's first key, each step O(1).
  const cache = new Map<string, { statement: SQLite.Statement; placed: number }>();
  const refreshAfter = Math.max(1, Math.floor(max / 2));
  let placements = 0;
  return {
    get size(): number {
      return cache.size;
    },
    close: () => {
      cache.clear();
      connection.close();
    },
    prepare(sqlText: string): SQLite.Statement {
      const hit = cache.get(sqlText);
      if (hit) {
        if (placements - hit.placed >= refreshAfter) {
          cache.delete(sqlText);
          cache.set(sqlText, hit);
          hit.placed = ++placements;
        }
        return hit.statement;
      }
      const statement = connection.prepare(sqlText);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sqlText, { statement, placed: ++placements });
      return statement;
    },
  };
}

function openPostgres(url: string, schema: string | undefined, onQuery: OpenDatabaseOptions['onQuery'], onConnectionError: OpenDatabaseOptions['onConnectionError'], timeouts: PostgresTimeouts): DatabaseHandle {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    Client: PreparingClient,
    // Told by the client of each statement it sends (a held-back begin or a deferred write is not one).
    ...(onQuery ? { kindredOnQuery: onQuery } : {}),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Sent with each connection's start-up (pg leaves out a 0): the session's defaults, which a
    // long unit of work raises for its own transaction only (`allowLongStatements`, ADR 041).
    ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    ...(timeouts.connectMs ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
  });
  // pg-pool fails a connection it could not get with a plain Error (no code): named here, so the
  // error handler can answer 503 without matching pg-pool's messages. Kysely calls `connect()` bare.
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  pool.connect = (async (...args: unknown[]) => {
    if (args.length > 0) return (connect as (...a: unknown[]) => unknown)(...args);
    try {
      return await connect();
    } catch (err) {
      throw new DatabaseUnavailableError(err);
    }
  }) as typeof pool.connect;
  // An idle connection the server ended (a restart, an administrator) is dropped by the pool and
  // replaced on next use; without a listener its error would end the process.
  pool.on('error', () => undefined);
  pool.on('release', (_err: unknown, client: pg.PoolClient) => (client as unknown as PreparingClient).forgetTransaction());
  // Each connection's own error event fires whether it was idle (the pool's listener above hears it
  // too) or in use. A connection ended while in use fires it twice (pg emits again, without a code,
  // when the socket ends): only its first is told.
  if (onConnectionError) {
    pool.on('connect', (client) => {
      let told = false;
      client.on('error', (err) => {
        if (told) return;
        told = true;
        onConnectionError(connectionError(err));
      });
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
