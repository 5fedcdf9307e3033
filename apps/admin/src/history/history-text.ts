import {
  AFFILIATION_LABELS,
  IDENTIFIER_KIND_LABELS,
  labelOf,
  NAME_KIND_LABELS,
  partialDateText,
  SCRIPT_LABELS,
  SENSITIVITY_LABELS,
  SEX_LABELS,
} from '../labels.ts';

/** The words for the fields a person's history shows, by the part of the record they belong to. */
const FIELD_LABELS: Record<string, Record<string, string>> = {
  person: {
    sex: 'Sex',
    birthDate: 'Born',
    birthPlace: 'Place of birth',
    fatherName: 'Father’s name',
    citizenship: 'Citizenship',
    affiliation: 'Affiliation',
    unit: 'Unit',
    rank: 'Rank',
    identifiers: 'Identifiers',
    familyContact: 'Family contact',
    notes: 'Notes',
    sensitivity: 'Who may see this person',
    names: 'Names',
    mergedInto: 'Merged into',
  },
  name: {
    value: 'Name',
    script: 'Script of a name',
    language: 'Language of a name',
    kind: 'Kind of name',
  },
};

/**
 * What a changed field is called: `Rank`, `Name` for a spelling of a name. A field with no
 * words here (one added on the server later) is shown as its own name, in words.
 *
 * @example
 * changeFieldLabel('name', 'value') // 'Name'
 */
export function changeFieldLabel(entity: string, field: string): string {
  return FIELD_LABELS[entity]?.[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const ACTION_LABELS: Record<string, string> = {
  create: 'Entered',
  update: 'Changed',
  decide: 'Decided',
  merge: 'Merged into another record',
  unmerge: 'Merge undone',
  delete: 'Hidden',
  purge: 'Purged',
};

/** What a change did, in words: `Entered`, `Changed`, `Name added`. */
export function changeActionText(entity: string, action: string): string {
  if (entity === 'name' && action === 'create') return 'Name added';
  if (entity === 'name' && action === 'update') return 'Name changed';
  return ACTION_LABELS[action] ?? action.replaceAll('_', ' ');
}

/**
 * A value before or after a change, as staff read it: vocabularies in words, partial dates at
 * their own precision, lists joined, and `—` for no value.
 *
 * @example
 * changeValueText('person', 'birthDate', '1994-03') // 'Mar 1994'
 */
export function changeValueText(entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value === '[secret]') return '(not kept in the history)';
  if (typeof value === 'string') {
    if (field === 'sex') return labelOf(SEX_LABELS, value);
    if (field === 'affiliation') return labelOf(AFFILIATION_LABELS, value);
    if (field === 'sensitivity') return labelOf(SENSITIVITY_LABELS, value);
    if (field === 'birthDate' || field === 'date') return partialDateText(value);
    if (entity === 'name' && field === 'script') return labelOf(SCRIPT_LABELS, value);
    if (entity === 'name' && field === 'kind') return labelOf(NAME_KIND_LABELS, value);
    return value;
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((item) => itemText(item)).join('; ');
  }
  return JSON.stringify(value);
}

/** One item of a list value: an identifier as `Passport: AM123`, a name as itself. */
function itemText(item: unknown): string {
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (item !== null && typeof item === 'object' && 'kind' in item && 'value' in item)
    return `${labelOf(IDENTIFIER_KIND_LABELS, String(item.kind))}: ${String(item.value)}`;
  return JSON.stringify(item);
}
