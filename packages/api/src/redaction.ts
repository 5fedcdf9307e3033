import {
  AppError,
  claimFields,
  countClaimFields,
  eventFields,
  isCleared,
  personFields,
  redact,
  sourceFields,
  type FieldSensitivity,
  type Sensitivity,
} from '@vigil/domain';

/**
 * The one place outputs are cut down to what the caller is cleared for. Every service returns
 * records through one of these, so no endpoint can forget a field.
 */
const TABLES = {
  person: personFields,
  event: eventFields,
  source: sourceFields,
  claim: claimFields,
  countClaim: countClaimFields,
  name: { id: 'public' },
} satisfies Record<string, FieldSensitivity>;

export type RecordKind = keyof typeof TABLES;

export function redactRecord<T extends Record<string, unknown>>(
  kind: RecordKind,
  record: T,
  clearance: Sensitivity,
): Partial<T> {
  return redact(record, TABLES[kind], clearance);
}

/** Whether a caller may know that a record exists at all (its record-level sensitivity). */
export function maySeeRecord(
  record: { sensitivity?: string | null },
  clearance: Sensitivity,
): boolean {
  return isCleared(clearance, (record.sensitivity as Sensitivity | undefined) ?? 'partner');
}

/** NOT_FOUND for a record above the caller's clearance: the same answer as for no record. */
export function assertVisible(
  record: { sensitivity?: string | null } | undefined,
  clearance: Sensitivity,
  what: string,
) {
  if (!record || !maySeeRecord(record, clearance)) throw AppError.notFound(what);
}

/** Fields of `kind` at `restricted` level that hold a value: their read must be audited. */
export function restrictedFieldsPresent(
  kind: RecordKind,
  record: Record<string, unknown>,
): string[] {
  const table: FieldSensitivity = TABLES[kind];
  return Object.entries(table)
    .filter(
      ([field, level]) =>
        level === 'restricted' && record[field] !== null && record[field] !== undefined,
    )
    .map(([field]) => field);
}

/** Sensitivity levels at or below a clearance, for SQL filters (the rule lives in the domain). */
export { visibleLevels } from '@vigil/domain';
