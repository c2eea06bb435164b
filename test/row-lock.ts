import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/platform/schema.js';

type LockedTable = 'sessions' | 'screenings' | 'circles' | 'posts' | 'threads' | 'users' | 'group_messages' | 'circle_messages' | 'mentorships' | 'handovers' | 'coping_strategies' | 'safety_alerts' | 'support_requests';

/**
 * PostgreSQL's row lock modes, as `select … for <mode>` takes them: `update` as a delete (or a read
 * deciding one) holds the row, `no key update` as an UPDATE of columns no foreign key points at does,
 * `share` and `key share` as readers resting on the row do (a foreign key's check takes `key share`).
 */
export type RowLockMode = 'update' | 'no key update' | 'share' | 'key share';

/**
 * PostgreSQL: another connection takes the row `for <mode>` and keeps it until `release()`; `pid` is
 * that connection's backend, `blocker` its transaction (settled once released).
 */
async function holdRowLock(
  db: Kysely<Database>,
  table: LockedTable,
  id: string,
  mode: RowLockMode = 'update',
  beforeCommit?: (trx: Kysely<Database>) => Promise<void>,
): Promise<{ pid: number; release: () => void; blocker: Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let lockedBy!: (pid: number) => void;
  const holder = new Promise<number>((r) => (lockedBy = r));
  const blocker = db.transaction().execute(async (trx) => {
    await sql`select id from ${sql.table(table)} where id = ${id} for ${sql.raw(mode)}`.execute(trx);
    lockedBy((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid);
    await gate;
    await beforeCommit?.(trx);
  });
  return { pid: await holder, release, blocker };
}

/**
 * PostgreSQL: runs `first` then `second` against a row another connection holds `for update`, each
 * started once the one before waits behind that lock, then lets the lock go, and returns both
 * answers. Two requests that each decide from the row then run into each other in a known order:
 * the second must see what the first committed (a race a test can repeat).
 */
export async function queuedBehindRowLock<A, B>(db: Kysely<Database>, table: LockedTable, id: string, first: () => Promise<A>, second: () => Promise<B>): Promise<readonly [A, B]> {
  const { pid, release, blocker } = await holdRowLock(db, table, id);
  // Waiters of this lock only (other test files share the server): the first queued request waits
  // for the holder, the next for the first (it holds the row's place in the queue), and so on.
  const waiting = async (n: number) => {
    for (let i = 0; i < 500; i += 1) {
      const r = await sql<{ n: number }>`
        with recursive queued(pid) as (
          select pid from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))
          union
          select a.pid from pg_stat_activity a join queued q on q.pid = any(pg_blocking_pids(a.pid))
        ) select count(*)::int as n from queued`.execute(db);
      if (r.rows[0]!.n >= n) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`fewer than ${n} requests waited for the row`);
  };
  try {
    const a = first();
    await waiting(1);
    const b = second();
    await waiting(2);
    release();
    await blocker;
    return [await a, await b] as const;
  } finally {
    release();
  }
}

/**
 * PostgreSQL: another connection takes the row `for update` as a delete deciding from it would,
 * `request` is started and waits behind it, then that connection runs `write` (the delete) and
 * commits; returns the request's answer. For a write that must see the row's change, not race it.
 */
export async function queuedBehindRowWrite<A>(db: Kysely<Database>, table: LockedTable, id: string, request: () => Promise<A>, write: (trx: Kysely<Database>) => Promise<void>): Promise<A> {
  const { pid, release, blocker } = await holdRowLock(db, table, id, 'update', write);
  try {
    const answer = request();
    for (let i = 0; ; i += 1) {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`.execute(db);
      if (r.rows[0]!.n > 0) break;
      if (i >= 500) throw new Error('the request did not wait for the row');
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await blocker;
    return await answer;
  } finally {
    release();
  }
}

/**
 * PostgreSQL: runs `request` while another connection holds the row `for update` (or in another
 * `mode`: `key share` as another writer into the row's children would), and answers
 * whether it had to wait for that row (it is let go as soon as the request waits, so the request
 * then finishes either way) and the request's answer. For a write that must not lock a row it
 * only reads to refuse.
 */
export async function answeredWhileRowLocked<A>(
  db: Kysely<Database>,
  table: LockedTable,
  id: string,
  request: () => Promise<A>,
  mode: RowLockMode = 'update',
): Promise<{ waited: boolean; answer: A }> {
  const { pid, release, blocker } = await holdRowLock(db, table, id, mode);
  try {
    let answered = false;
    const answer = request().finally(() => (answered = true));
    let waited = false;
    while (!answered && !waited) {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`.execute(db);
      waited = r.rows[0]!.n > 0;
      if (!waited) await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await blocker;
    return { waited, answer: await answer };
  } finally {
    release();
  }
}

/**
 * PostgreSQL: `holder` (a real request) is started while another connection holds `table` in
 * exclusive mode, so it waits at its first write there, mid-transaction, keeping the row locks it
 * took before; then `request` runs. Answers whether `request` waited for `holder` and whether it
 * answered while `holder` was still paused there (then both finish). For two writes that must not
 * wait for each other's real locks, not a stand-in's.
 */
export async function answeredWhileRequestPaused<H, A>(
  db: Kysely<Database>,
  table: 'screenings' | 'circle_checkins',
  holder: () => Promise<H>,
  request: () => Promise<A>,
): Promise<{ waited: boolean; answeredWhilePaused: boolean; held: H; answer: A }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let lockedBy!: (pid: number) => void;
  const tableHolder = new Promise<number>((r) => (lockedBy = r));
  const blocker = db.transaction().execute(async (trx) => {
    await sql`lock table ${sql.table(table)} in exclusive mode`.execute(trx);
    lockedBy((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid);
    await gate;
  });
  const blockedBy = async (pid: number) =>
    (await sql<{ pid: number }>`select pid from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`.execute(db)).rows.map((r) => r.pid);
  try {
    const tablePid = await tableHolder;
    const held = holder();
    let holderPid: number | undefined;
    for (let i = 0; holderPid === undefined; i += 1) {
      if (i >= 500) throw new Error(`the holder did not wait at ${table}`);
      holderPid = (await blockedBy(tablePid))[0];
      if (holderPid === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    let answered = false;
    const answer = request().finally(() => (answered = true));
    // Until it answers, or waits for anything (the holder, or the table itself).
    let waited = false;
    for (;;) {
      if (answered) break;
      // Other test files share the server: only waiters of the holder or of the table count.
      const waiters = (await sql<{ pid: number; blockers: number[] }>`select pid, pg_blocking_pids(pid) as blockers from pg_stat_activity where cardinality(pg_blocking_pids(pid)) > 0`.execute(db)).rows;
      const stuck = waiters.filter((w) => w.pid !== holderPid && (w.blockers.includes(holderPid!) || w.blockers.includes(tablePid)));
      if (stuck.length) {
        waited = stuck.some((w) => w.blockers.includes(holderPid!));
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    const answeredWhilePaused = answered;
    release();
    await blocker;
    return { waited, answeredWhilePaused, held: await held, answer: await answer };
  } finally {
    release();
  }
}
