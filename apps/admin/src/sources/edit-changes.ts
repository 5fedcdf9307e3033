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
  for (const field of fields) if (after[field] !== before[field]) changes[field] = after[field];
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
  const changedByMe = fields.filter((field) => mine[field] !== read[field]);
  const theirs = fields.filter((field) => now[field] !== read[field]);
  const draft = { ...now };
  for (const field of changedByMe) draft[field] = mine[field];
  return { draft, theirs, both: theirs.filter((field) => changedByMe.includes(field)) };
}
