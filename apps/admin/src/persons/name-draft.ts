import { detectScript, type NAME_KINDS, type Script } from '@vigil/domain';

type NameKind = (typeof NAME_KINDS)[number];

/** The fields of a name that staff enter and correct, as the API names them. */
export const NAME_FIELDS = ['value', 'script', 'kind', 'language'] as const;
export type NameField = (typeof NAME_FIELDS)[number];

/**
 * A spelling as its form holds it: texts as typed, and the script chosen, or `''` for "as the
 * letters say" (`detectScript`), which follows the value as it is typed.
 */
export interface NameDraft {
  value: string;
  script: Script | '';
  kind: NameKind;
  language: string;
}

/** What the form of a new spelling starts from: most added spellings are transliterations. */
export const NEW_NAME_DRAFT: NameDraft = {
  value: '',
  script: '',
  kind: 'transliteration',
  language: '',
};

/** A stored name as the API gives it. */
interface StoredName {
  value: string;
  script: Script;
  kind: NameKind;
  language: string | null;
}

/**
 * The draft of a stored name, for its correction: a script that its letters say anyway is
 * left to follow the letters, so that a value corrected into another script takes that one.
 *
 * @example
 * nameDraftOf({ value: 'Aram', script: 'latin', kind: 'legal', language: null })
 * // { value: 'Aram', script: '', kind: 'legal', language: '' }
 */
export function nameDraftOf(name: StoredName): NameDraft {
  return {
    value: name.value,
    script: name.script === detectScript(name.value) ? '' : name.script,
    kind: name.kind,
    language: name.language ?? '',
  };
}

/**
 * A draft as the API takes it: texts trimmed, no language `null`, and the script resolved.
 *
 * @example
 * nameValuesOf({ value: ' Арам ', script: '', kind: 'alias', language: '' })
 * // { value: 'Арам', script: 'cyrillic', kind: 'alias', language: null }
 */
export function nameValuesOf(draft: NameDraft) {
  const value = draft.value.trim();
  const language = draft.language.trim();
  return {
    value,
    script: draft.script === '' ? detectScript(value) : draft.script,
    kind: draft.kind,
    language: language === '' ? null : language,
  };
}
