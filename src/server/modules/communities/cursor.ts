import { badRequest } from '../../platform/errors.js';
import type { Keyset } from './communities.repository.js';

/** Opaque keyset cursors: base64url of [sort value, id]. Clients pass them back untouched. */
export function encodeCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify([k.value, k.id]), 'utf8').toString('base64url');
}

/**
 * The cursor after `row` in an ordering named `order`, written once per row object and ordering: the
 * rows of a cached list or page are shared by every request while they are kept and never changed in
 * place (a change reads new rows), so the same last row gives the same text (`encodeCursor` of it).
 */
export function cursorAfter(order: string, row: object, keyset: () => Keyset): string {
  const kept = cursorsByRow.get(row);
  if (kept?.order === order) return kept.cursor;
  const cursor = encodeCursor(keyset());
  cursorsByRow.set(row, { order, cursor });
  return cursor;
}
const cursorsByRow = new WeakMap<object, { order: string; cursor: string }>();

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') &&
      typeof parsed[1] === 'string' &&
      parsed[1].length <= 64 &&
      String(parsed[0]).length <= 64
    ) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
}
