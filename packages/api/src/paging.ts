import { AppError } from '@vigil/domain';

/** Opaque cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string'))
      return key;
  } catch {
    // fall through to the error below
  }
  throw AppError.badInput([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
}

/** Splits a page fetched with limit+1 rows into items and the cursor of the next page. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
