import { z } from 'zod';
import { IdSchema, shortText, VersionSchema } from '../common.ts';
import type { Sensitivity } from '../sensitivity/sensitivity.ts';
import { roleAllows, type Role } from '../users/user.schema.ts';

/**
 * Who may purge a person: an admin cleared for restricted data, since a purge erases what every
 * source said about the person, the restricted ones included.
 */
export function mayPurgePersons(role: Role, clearance: Sensitivity): boolean {
  return roleAllows(role, 'admin') && clearance === 'restricted';
}

/** What decides whether a person record may be purged now. */
export interface PurgeCandidate {
  /** When it was deleted (hidden); a record in use is never purged in one step. */
  hiddenAt: Date | null;
  /** The record it was merged into, if a merge folded it into another. */
  mergedInto: string | null;
  /** How many merges that are not undone keep records folded into this one. */
  mergedIntoThis: number;
}

/**
 * Why a person record may not be purged, or `null` when it may: only a deleted record, and not
 * one that a merge ties to another (undo the merge first, or both records' claims would go).
 *
 * @example
 * purgeRefusal({ hiddenAt: null, mergedInto: null, mergedIntoThis: 0 })
 * // 'Delete the record first: only a deleted record can be purged'
 */
export function purgeRefusal(candidate: PurgeCandidate): string | null {
  if (!candidate.hiddenAt) return 'Delete the record first: only a deleted record can be purged';
  if (candidate.mergedInto)
    return 'This record was merged into another: undo the merge before purging it';
  if (candidate.mergedIntoThis > 0)
    return 'Other records were merged into this one: undo those merges before purging it';
  return null;
}

/** Confirms an erasure that cannot be undone; the reason goes into the audit log in clear. */
export const PersonPurgeSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  reason: shortText(500).refine((r) => r.length >= 3, 'say in a few words why'),
});
