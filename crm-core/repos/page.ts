import type { Page } from '../types.js';
import type { Row } from './rows.js';

/**
 * One page from `limit + 1` rows fetched in order: the extra row only says a next page exists,
 * and the cursor is the last returned item's key.
 */
export function pageOf<T>(
  rows: readonly Row[],
  limit: number,
  map: (r: Row) => T,
  cursorOf: (item: T) => string,
): Page<T> {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
