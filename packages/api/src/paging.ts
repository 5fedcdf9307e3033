import { AppError } from '@vigil/domain';

/** Opaque cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's sort key is, so a forged cursor cannot reach the SQL. */
export type CursorPart = 'text' | 'uuid' | 'day' | 'seq';

const PART: Record<CursorPart, RegExp> = {
  text: /^/,
  seq: /^[1-9]\d{0,14}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  day: /^\d{4}-\d{2}-\d{2}$/,
};

/**
 * Reads a cursor a list gave out; anything else (a forged or damaged cursor) is bad input
 * naming the `cursor` field.
 *
 * @example
 * decodeCursor(input.cursor, ['text', 'uuid']) // ['hayk martirosyan', '3f0c…'] or null
 */
export function decodeCursor(
  cursor: string | undefined,
  parts: readonly CursorPart[],
): string[] | null {
  if (!cursor) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((k, i) => typeof k === 'string' && k.length <= 1000 && PART[parts[i]!].test(k))
    ) {
      return key as string[];
    }
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

/** Escapes `%`, `_` and `\\` so that user text is matched literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
