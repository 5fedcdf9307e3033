import { z } from 'zod';

/**
 * How widely a field may be shown. A caller with clearance C sees a field of sensitivity S
 * only when S ≤ C. `public` is never a default: publishing a name can endanger a detainee.
 */
export const SENSITIVITIES = ['public', 'partner', 'staff', 'restricted'] as const;
export const SensitivitySchema = z.enum(SENSITIVITIES);
export type Sensitivity = z.infer<typeof SensitivitySchema>;

const RANK: Record<Sensitivity, number> = { public: 0, partner: 1, staff: 2, restricted: 3 };

/** Whether a caller with `clearance` may see something of `sensitivity`. */
export function isCleared(clearance: Sensitivity, sensitivity: Sensitivity): boolean {
  return RANK[clearance] >= RANK[sensitivity];
}

/**
 * The sensitivity levels a caller with `clearance` may see, lowest first: for filters that
 * keep records above a clearance out of a query.
 *
 * @example
 * visibleLevels('staff') // ['public', 'partner', 'staff']
 */
export function visibleLevels(clearance: Sensitivity): Sensitivity[] {
  return SENSITIVITIES.filter((level) => isCleared(clearance, level));
}

/**
 * Sensitivity of each field of a record. Fields not listed are `partner`, never `public`.
 * A record may also carry its own `sensitivity` field: a record above the caller's clearance
 * is withheld entirely (see {@link redact}).
 */
export type FieldSensitivity = Readonly<Record<string, Sensitivity>>;

/** The level of fields not declared in a record's field table. */
export const DEFAULT_FIELD_SENSITIVITY: Sensitivity = 'partner';

/**
 * Whether a caller with `clearance` may see one field of a record with this field table.
 *
 * @example
 * isFieldCleared({ familyContact: 'restricted' }, 'familyContact', 'staff') // false
 */
export function isFieldCleared(
  fields: FieldSensitivity,
  field: string,
  clearance: Sensitivity,
): boolean {
  return isCleared(clearance, fields[field] ?? DEFAULT_FIELD_SENSITIVITY);
}

/**
 * Removes every field above the caller's clearance from one record. Nested records are
 * redacted by the caller with their own table. Returns a new object; the input is untouched.
 *
 * @example
 * redact({ id: 'p1', familyContact: '+374…' }, { familyContact: 'restricted' }, 'staff')
 * // { id: 'p1' }
 */
export function redact<T extends Record<string, unknown>>(
  record: T,
  fields: FieldSensitivity,
  clearance: Sensitivity,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isFieldCleared(fields, key, clearance)) out[key] = value;
  }
  return out as Partial<T>;
}

/** The fields of a table that a caller with `clearance` may not see (for filters and sorts). */
export function hiddenFields(fields: FieldSensitivity, clearance: Sensitivity): string[] {
  return Object.entries(fields)
    .filter(([, level]) => !isCleared(clearance, level))
    .map(([key]) => key);
}
