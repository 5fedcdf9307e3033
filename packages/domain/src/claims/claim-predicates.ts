import { CLAIM_PREDICATES } from './claim.schema.ts';
import { personFields } from '../persons/person.schema.ts';
import { isFieldCleared, type Sensitivity } from '../sensitivity/sensitivity.ts';

type PersonClaimPredicate = (typeof CLAIM_PREDICATES.person)[number];

/** The field of a person record whose value a claim with this predicate gives. */
const PERSON_FIELD_OF_PREDICATE: Partial<Record<PersonClaimPredicate, string>> = {
  name: 'names',
  birth_date: 'birthDate',
  identifier: 'identifiers',
};

/**
 * Predicates of claims that say what a field of a person above `clearance` holds: a claim that
 * gives a service number tells as much as the person's `identifiers`, so a caller who may not
 * read the field may not read such a claim either.
 *
 * @example
 * claimPredicatesAbove('partner') // ['identifier']
 * claimPredicatesAbove('staff') // []
 */
export function claimPredicatesAbove(clearance: Sensitivity): PersonClaimPredicate[] {
  return CLAIM_PREDICATES.person.filter((predicate) => {
    const field = PERSON_FIELD_OF_PREDICATE[predicate];
    return field !== undefined && !isFieldCleared(personFields, field, clearance);
  });
}
