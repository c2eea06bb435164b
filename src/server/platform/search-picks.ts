/**
 * SQLite search (ADR 063): the post tier's walk decides its picks inside its own statement, so that
 * FTS5 computes a pick's snippet while its cursor is on the row, instead of a second walk over the
 * same matches for the marks. A pick is the first visible row of a thread not yet listed, up to the
 * page's need: state carried from row to row, which SQL has no way to say, hence this function,
 * defined on every SQLite connection (`search_pick` in db.ts) and given the walk's id as a bound value.
 */
export interface SearchPicking {
  /** Threads already listed (the title tier's, earlier batches'); a pick adds its thread. */
  seen: Set<string>;
  /** Picks wanted by this walk, and made so far. */
  need: number;
  picked: number;
}

const walks = new Map<number, SearchPicking>();
let lastId = 0;

/** Runs `read` with `picking` reachable from `search_pick(<id>, …)` in its statements. */
export async function withSearchPicking<T>(picking: SearchPicking, read: (id: number) => Promise<T>): Promise<T> {
  lastId = lastId >= Number.MAX_SAFE_INTEGER ? 1 : lastId + 1;
  const id = lastId;
  walks.set(id, picking);
  try {
    return await read(id);
  } finally {
    walks.delete(id);
  }
}

/**
 * `search_pick(walk, thread_id, visible)`: 1 when the row is a pick (visible, its thread not yet
 * listed, the page not yet full), and then it counts: called once per row, in the walk's order.
 * Visibility is an argument, not an AND around the call: SQLite may evaluate the cheaper side of
 * an AND first, which would count rows that are not visible.
 */
export function searchPick(id: unknown, threadId: unknown, visible: unknown): number {
  const walk = walks.get(Number(id));
  // A walk not found is a bug (a wrong id bound, a second copy of this module): fail the statement
  // rather than return an empty post tier that looks like "no results".
  if (!walk) throw new Error(`search_pick: no walk ${String(id)}`);
  if (typeof threadId !== 'string' || !visible || walk.picked >= walk.need || walk.seen.has(threadId)) return 0;
  walk.seen.add(threadId);
  walk.picked += 1;
  return 1;
}
