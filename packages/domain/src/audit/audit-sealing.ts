import type { AuditAction } from './audit-entry.schema.ts';

/**
 * The records whose audit entries can hold what Vigil knows about a person: the person, their
 * names, claims, events, the review tasks and match judgements about them. The values in these
 * entries are sealed under a key of the record itself, so that purging the record (destroying its
 * key) erases them from the append-only, hash-chained log without breaking the chain.
 */
export const SEALED_AUDIT_ENTITIES = [
  'person',
  'name',
  'claim',
  'event',
  'review_task',
  'match_judgement',
] as const;

/**
 * Entries that carry only ids and counts stay readable: a merge names the records it moved (the
 * history of a person is rebuilt from them), and a purge says what was erased, by whom and why.
 */
const PLAIN_ACTIONS: ReadonlySet<AuditAction> = new Set(['merge', 'unmerge', 'purge']);

const sealed: ReadonlySet<string> = new Set(SEALED_AUDIT_ENTITIES);

/**
 * Whether an audit entry's values are sealed under its record's key.
 *
 * @example
 * sealsAuditValues('name', 'create')    // true
 * sealsAuditValues('person', 'purge')   // false: the purge's own entry stays readable
 * sealsAuditValues('source', 'update')  // false
 */
export function sealsAuditValues(entity: string, action: AuditAction): boolean {
  return sealed.has(entity) && !PLAIN_ACTIONS.has(action);
}
