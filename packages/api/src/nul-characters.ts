import { AppError } from '@vigil/domain';

/** Where in an input a string holds a NUL character (`''` for the input itself), or null. */
function nulCharacterAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulCharacterAt(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold a NUL character, in a stored field or a search alike: such input
 * is refused as bad input naming the field, instead of failing in the database as a 500. Every
 * input surface applies it: tRPC procedures and the partner API's paths and queries.
 *
 * @example
 * refuseNulCharacters({ q: 'Ga\u0000ik' }) // throws BAD_INPUT "q: contains a NUL character…"
 */
export function refuseNulCharacters(input: unknown): void {
  const field = nulCharacterAt(input);
  if (field !== null)
    throw AppError.badInput([
      { field: field || 'input', message: 'contains a NUL character, which cannot be stored' },
    ]);
}
