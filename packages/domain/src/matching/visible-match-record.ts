import { personFields } from '../persons/person.schema.ts';
import { isFieldCleared, type Sensitivity } from '../sensitivity/sensitivity.ts';
import type { MatchRecord } from './match-record.schema.ts';

/** The person field each part of a match record is read from. */
const PERSON_FIELD_OF = {
  birthDate: 'birthDate',
  place: 'birthPlace',
  fatherName: 'fatherName',
  identifiers: 'identifiers',
} as const satisfies Partial<Record<keyof MatchRecord, string>>;

function cleared(clearance: Sensitivity, field: keyof typeof PERSON_FIELD_OF): boolean {
  return isFieldCleared(personFields, PERSON_FIELD_OF[field], clearance);
}

/**
 * A match record cut down to the person fields a caller with `clearance` may see. Matching for
 * a caller compares only these, so that a score, its features or a decision never tell them what
 * they may not read: "the father's name agrees" would tell a partner-cleared caller the father's
 * name. Apply it to both sides of a comparison, the list row too, or a row's father's name would
 * still find the persons whose hidden father's name is the same.
 *
 * @example
 * matchRecordVisibleTo({ id: 'p1', name: 'Aram Petrosyan', fatherName: 'Armen' }, 'partner')
 * // { id: 'p1', name: 'Aram Petrosyan', fatherName: null }
 */
export function matchRecordVisibleTo(record: MatchRecord, clearance: Sensitivity): MatchRecord {
  return {
    ...record,
    birthDate: cleared(clearance, 'birthDate') ? record.birthDate : null,
    place: cleared(clearance, 'place') ? record.place : null,
    fatherName: cleared(clearance, 'fatherName') ? record.fatherName : null,
    identifiers: cleared(clearance, 'identifiers') ? record.identifiers : [],
  };
}
