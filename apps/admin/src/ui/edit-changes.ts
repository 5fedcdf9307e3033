/**
 * Whether a field has the same value in two versions of a record: a text or a choice as it is,
 * a list (a person's identifiers) by what it holds, since each read makes a new one.
 *
 * @example
 * sameValue([{ kind: 'icrc_case', value: 'X1' }], [{ kind: 'icrc_case', value: 'X1' }]) // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof b === 'object' &&
    b !== null &&
    JSON.stringify(a) === JSON.stringify(b)
  );
}

/**
 * The values among `fields` that differ between what was read and what is to be saved: the
 * patch an update sends, so that a field nobody touched is never written back.
 *
 * @example
 * changesOf({ publisher: 'A', notes: null }, { publisher: 'B', notes: null }, ['publisher', 'notes'])
 * // { publisher: 'B' }
 */
export function changesOf<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T)[],
): Partial<T> {
  const changes: Partial<T> = {};
  for (const field of fields)
    if (!sameValue(after[field], before[field])) changes[field] = after[field];
  return changes;
}

/** A form's draft laid over a record that someone else changed meanwhile. */
export interface RebasedDraft<D> {
  /** The record as it is now, with the user's own changes kept on top. */
  draft: D;
  /** Fields someone else changed since the form was opened. */
  theirs: (keyof D)[];
  /** Fields both changed: the draft keeps the user's value, which they should check. */
  both: (keyof D)[];
}

/**
 * After a save refused as stale: the record as it is now (`now`), with the changes the user
 * made to what they had read (`read` → `mine`) laid over it. Saving the result again changes
 * only what the user changed, and nothing someone else saved in between is lost silently.
 *
 * @example
 * rebaseDraft({ a: '1', b: '1' }, { a: '2', b: '1' }, { a: '1', b: '3' })
 * // { draft: { a: '2', b: '3' }, theirs: ['b'], both: [] }
 */
export function rebaseDraft<D extends object>(read: D, mine: D, now: D): RebasedDraft<D> {
  const fields = Object.keys(now) as (keyof D)[];
  const changedByMe = fields.filter((field) => !sameValue(mine[field], read[field]));
  const theirs = fields.filter((field) => !sameValue(now[field], read[field]));
  const draft = { ...now };
  for (const field of changedByMe) draft[field] = mine[field];
  return { draft, theirs, both: theirs.filter((field) => changedByMe.includes(field)) };
}
