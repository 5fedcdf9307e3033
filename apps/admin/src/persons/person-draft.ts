import {
  AFFILIATIONS,
  IDENTIFIER_KINDS,
  isCleared,
  SENSITIVITIES,
  SEXES,
  type Sensitivity,
} from '@vigil/domain';

type Sex = (typeof SEXES)[number];
type Affiliation = (typeof AFFILIATIONS)[number];
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The fields of a person that the details form edits, as the API names them. */
export const PERSON_FIELDS = [
  'sex',
  'affiliation',
  'birthDate',
  'birthPlace',
  'fatherName',
  'citizenship',
  'unit',
  'rank',
  'identifiers',
  'familyContact',
  'notes',
  'sensitivity',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** The details typed as free text; an empty one is "not recorded". */
export const PERSON_TEXT_FIELDS = [
  'birthDate',
  'birthPlace',
  'fatherName',
  'citizenship',
  'unit',
  'rank',
  'familyContact',
  'notes',
] as const;
export type PersonTextField = (typeof PERSON_TEXT_FIELDS)[number];

/** One identifier as its row of the form holds it: the number as typed. */
export interface IdentifierDraft {
  kind: IdentifierKind;
  value: string;
}

/** A person's details as the form holds them: texts as typed, identifiers one a row. */
export type PersonDraft = Record<PersonTextField, string> & {
  sex: Sex;
  affiliation: Affiliation;
  identifiers: IdentifierDraft[];
  sensitivity: Sensitivity;
};

/** What a new row of identifiers starts from. */
export const NEW_IDENTIFIER: IdentifierDraft = { kind: 'national_id', value: '' };

/** A stored person as the API gives them: a field the caller may not see is absent. */
type StoredPerson = { [F in PersonTextField]?: string | null } & {
  sex?: string;
  affiliation?: string;
  identifiers?: readonly { kind: string; value: string }[];
  sensitivity?: string;
};

/** `text` if it is one of `choices`, else `fallback`. */
function oneOf<T extends string>(choices: readonly T[], text: string | undefined, fallback: T): T {
  return choices.find((choice) => choice === text) ?? fallback;
}

/**
 * The fields of `person` the caller may see, which are the only ones the form offers and sends:
 * a field cut by redaction (a family contact, for a user not cleared for restricted data) is
 * absent, and a form that showed it empty would blank it on save.
 */
export function personFieldsShown(person: StoredPerson): PersonField[] {
  return PERSON_FIELDS.filter((field) => person[field] !== undefined);
}

/** The draft of a stored person, for the form that edits their details. */
export function personDraftOf(person: StoredPerson): PersonDraft {
  const text = (field: PersonTextField) => person[field] ?? '';
  return {
    sex: oneOf(SEXES, person.sex, 'unknown'),
    affiliation: oneOf(AFFILIATIONS, person.affiliation, 'unknown'),
    birthDate: text('birthDate'),
    birthPlace: text('birthPlace'),
    fatherName: text('fatherName'),
    citizenship: text('citizenship'),
    unit: text('unit'),
    rank: text('rank'),
    identifiers: (person.identifiers ?? []).map((identifier) => ({
      kind: oneOf(IDENTIFIER_KINDS, identifier.kind, 'other'),
      value: identifier.value,
    })),
    familyContact: text('familyContact'),
    notes: text('notes'),
    // Never `public` for want of a value: publishing a name can endanger a detainee.
    sensitivity: oneOf(SENSITIVITIES, person.sensitivity, 'partner'),
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * A draft as the API takes it: texts trimmed, an empty one `null` ("not recorded"). Every row of
 * identifiers is kept, an empty one too, so that the server's message about row 2
 * (`identifiers.1.value`) is shown beside row 2.
 *
 * @example
 * personValuesOf({ ...draft, rank: ' ', identifiers: [{ kind: 'icrc_case', value: ' X1 ' }] })
 * // { …, rank: null, identifiers: [{ kind: 'icrc_case', value: 'X1' }] }
 */
export function personValuesOf(draft: PersonDraft) {
  return {
    sex: draft.sex,
    affiliation: draft.affiliation,
    birthDate: orNull(draft.birthDate),
    birthPlace: orNull(draft.birthPlace),
    fatherName: orNull(draft.fatherName),
    citizenship: orNull(draft.citizenship),
    unit: orNull(draft.unit),
    rank: orNull(draft.rank),
    identifiers: draft.identifiers.map((identifier) => ({
      kind: identifier.kind,
      value: identifier.value.trim(),
    })),
    familyContact: orNull(draft.familyContact),
    notes: orNull(draft.notes),
    sensitivity: draft.sensitivity,
  };
}

/**
 * The levels a user cleared for `clearance` may give a record: none above their own, which the
 * server refuses (the record would vanish from them as it is saved). The record's `current`
 * level is always among them.
 *
 * @example
 * sensitivityChoices('staff', 'partner') // ['public', 'partner', 'staff']
 */
export function sensitivityChoices(
  clearance: Sensitivity | undefined,
  current: Sensitivity,
): Sensitivity[] {
  return SENSITIVITIES.filter(
    (level) => level === current || (clearance !== undefined && isCleared(clearance, level)),
  );
}
