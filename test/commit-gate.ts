import type { KindredApp } from '../src/server/app.js';

/**
 * Holds an app's next unit of work between its COMMIT and its commit hooks (ADR 062), as a slow
 * COMMIT answer does while another instance already dispatched the row: `'heard'` waits there until
 * this app heard an event of `type` over its bus and its room rechecks for it are done, then runs
 * `meanwhile` (what a request served in that window sees) before the hooks run; `'lost'` throws
 * after COMMIT, as when its answer never came back (the caller gets an error, the rows are stored,
 * no hook runs). The real database and transaction underneath; only the point after COMMIT is held.
 * `dispatcher` is the other instance's, told after COMMIT that a row is waiting (as its poll would).
 */
export function holdAfterCommit(app: KindredApp, dispatcher: { kick(): void }) {
  const uow = app.kindred.uow as unknown as { db: { transaction(): { execute<T>(fn: (trx: unknown) => Promise<T>): Promise<T> } } };
  const real = uow.db;
  let armed: { how: 'heard'; type: string; meanwhile: () => Promise<void> } | { how: 'lost' } | null = null;
  uow.db = new Proxy(real, {
    get(target, p) {
      if (p !== 'transaction') return Reflect.get(target, p) as unknown;
      return () => {
        const builder = target.transaction();
        return {
          execute: async <T>(fn: (trx: unknown) => Promise<T>): Promise<T> => {
            const now = armed;
            if (now?.how === 'heard') {
              // Listening before COMMIT: the event cannot be published before its row is committed.
              armed = null;
              const heard = new Promise<void>((resolve) => {
                const stop = app.kindred.bus.subscribe((e) => {
                  if (e.type !== now.type) return;
                  stop();
                  resolve();
                });
              });
              const out = await builder.execute(fn);
              dispatcher.kick();
              await heard;
              await app.kindred.realtime.roomRechecksDone();
              await now.meanwhile();
              return out;
            }
            const out = await builder.execute(fn);
            if (now?.how === 'lost') {
              armed = null;
              throw new Error('Connection terminated unexpectedly');
            }
            return out;
          },
        };
      };
    },
  });
  return {
    /** The next unit of work hears `type` back before its hooks run; `meanwhile` runs in between. */
    heardFirst(type: string, meanwhile: () => Promise<void> = async () => undefined) {
      armed = { how: 'heard', type, meanwhile };
    },
    /** The next unit of work's COMMIT succeeds and its answer is lost. */
    lost() {
      armed = { how: 'lost' };
    },
    restore() {
      uow.db = real;
    },
  };
}
