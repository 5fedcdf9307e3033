import {
  claimedName,
  describePartialDate,
  EVENT_TYPE_DEFS,
  parsePartialDate,
  roleAllows,
  type EvidenceFeature,
  type Permission,
  type Role,
  type ACKNOWLEDGEMENT_VALUES,
  type ACKNOWLEDGEMENTS,
  type HELD_STATES,
  type LIBERTY_VALUES,
  type LIFE_VALUES,
  type LIST_FORMATS,
  type REVIEW_OUTCOMES,
  type REVIEW_TASK_KINDS,
  type ROLES,
  type VERDICTS,
  type AFFILIATIONS,
  type ARCHIVE_STATES,
  type CREDIBILITY,
  type IDENTIFIER_KINDS,
  type LEGAL_CATEGORIES,
  type NAME_KINDS,
  type PARTICIPANT_ROLES,
  type RELIABILITY,
  type REVIEW_STATES,
  type SCRIPTS,
  type SENSITIVITIES,
  type SEXES,
  type SIDES,
  type SOURCE_KINDS,
  type STANCES,
} from '@vigil/domain';

/**
 * Words the admin app shows for the domain's controlled vocabularies. Each table is typed by
 * its vocabulary, so adding a value in `@vigil/domain` fails the typecheck until it has a label.
 */
type Labels<T extends readonly (string | number)[]> = Record<T[number], string>;

export const SEX_LABELS: Labels<typeof SEXES> = {
  male: 'Male',
  female: 'Female',
  unknown: 'Unknown',
};

export const AFFILIATION_LABELS: Labels<typeof AFFILIATIONS> = {
  military: 'Military',
  civilian: 'Civilian',
  unknown: 'Unknown',
};

export const SCRIPT_LABELS: Labels<typeof SCRIPTS> = {
  armenian: 'Armenian',
  cyrillic: 'Cyrillic',
  latin: 'Latin',
  other: 'Other script',
};

export const NAME_KIND_LABELS: Labels<typeof NAME_KINDS> = {
  legal: 'Legal name',
  transliteration: 'Transliteration',
  alias: 'Alias',
  patronymic: 'Patronymic',
};

export const SIDE_LABELS: Labels<typeof SIDES> = {
  state_a: 'State A (nationals held)',
  state_b: 'State B (detaining state)',
  third_party: 'Third party',
  independent: 'Independent',
  unknown: 'Side unknown',
};

/** For narrow table columns; the full label goes in the title. */
export const SIDE_SHORT_LABELS: Labels<typeof SIDES> = {
  state_a: 'State A',
  state_b: 'State B',
  third_party: 'Third party',
  independent: 'Independent',
  unknown: 'Unknown',
};

export const SOURCE_KIND_LABELS: Labels<typeof SOURCE_KINDS> = {
  news_article: 'News article',
  official_statement: 'Official statement',
  official_list: 'Official list',
  ngo_report: 'NGO report',
  testimony: 'Testimony',
  video: 'Video',
  photo: 'Photo',
  court_document: 'Court document',
  social_media_post: 'Social-media post',
  government_reply: 'Government reply',
};

/** The Admiralty grades of source reliability. */
export const RELIABILITY_LABELS: Labels<typeof RELIABILITY> = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
};

/** The Admiralty grades of information credibility. */
export const CREDIBILITY_LABELS: Labels<typeof CREDIBILITY> = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Cannot be judged',
};

export const REVIEW_STATE_LABELS: Labels<typeof REVIEW_STATES> = {
  pending: 'Awaiting review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  needs_evidence: 'Needs more evidence',
};

export const STANCE_LABELS: Labels<typeof STANCES> = {
  supports: 'Supports',
  contradicts: 'Contradicts',
};

export const LEGAL_CATEGORY_LABELS: Labels<typeof LEGAL_CATEGORIES> = {
  prisoner_of_war: 'Prisoner of war',
  civilian_internee: 'Civilian internee',
  hostage: 'Hostage',
  political_prisoner: 'Political prisoner',
  person_held_in_custody: '“Person held in custody”',
  enforced_disappearance: 'Victim of enforced disappearance',
  missing: 'Missing (fate unknown)',
};

export const ACKNOWLEDGEMENT_LABELS: Labels<typeof ACKNOWLEDGEMENTS> = {
  acknowledged: 'Acknowledged by the detaining state',
  denied: 'Denied by the detaining state',
  cannot_identify: 'Detaining state “cannot identify”',
  no_reply: 'No reply from the detaining state',
};

export const PARTICIPANT_ROLE_LABELS: Labels<typeof PARTICIPANT_ROLES> = {
  subject: 'Subject',
  exchanged_for: 'Exchanged for',
  witness: 'Witness',
  alleged_perpetrator: 'Alleged perpetrator',
  other: 'Other role',
};

export const IDENTIFIER_KIND_LABELS: Labels<typeof IDENTIFIER_KINDS> = {
  national_id: 'National ID',
  passport: 'Passport',
  service_number: 'Service number',
  icrc_case: 'ICRC case',
  court_case: 'Court case',
  un_case: 'UN case',
  other: 'Other identifier',
};

export const SENSITIVITY_LABELS: Labels<typeof SENSITIVITIES> = {
  public: 'Public',
  partner: 'Partners',
  staff: 'Staff only',
  restricted: 'Restricted',
};

export const ARCHIVE_STATE_LABELS: Labels<typeof ARCHIVE_STATES> = {
  pending: 'Archiving pending',
  archived: 'Archived',
  not_applicable: 'No web address to archive',
};

export const CLAIM_PREDICATE_LABELS: Record<string, string> = {
  name: 'Name',
  birth_date: 'Birth date',
  legal_category: 'Legal category',
  acknowledgement: 'Acknowledgement',
  identifier: 'Identifier',
  occurred: 'Event occurred',
  date: 'Date of the event',
  place: 'Place of the event',
  acting_party: 'Acting party',
  participated: 'Took part',
  other: 'Other',
};

export const LIBERTY_LABELS: Labels<typeof LIBERTY_VALUES> = {
  held: 'Held',
  released: 'Released',
  repatriated: 'Repatriated',
  escaped: 'Escaped',
  unknown: 'Unknown',
};

export const HELD_STATE_LABELS: Labels<typeof HELD_STATES> = {
  under_investigation: 'under investigation',
  on_trial: 'on trial',
  serving_sentence: 'serving a sentence',
  no_process_known: 'no legal process known',
};

export const LIFE_LABELS: Labels<typeof LIFE_VALUES> = {
  alive_confirmed: 'Alive, confirmed',
  no_recent_proof_of_life: 'No recent proof of life',
  reported_dead: 'Reported dead',
  confirmed_dead: 'Death confirmed',
  remains_returned: 'Remains returned',
  unknown: 'Unknown',
};

export const ACKNOWLEDGEMENT_VALUE_LABELS: Labels<typeof ACKNOWLEDGEMENT_VALUES> = {
  ...ACKNOWLEDGEMENT_LABELS,
  unknown: 'Unknown',
};

export const REVIEW_TASK_KIND_LABELS: Labels<typeof REVIEW_TASK_KINDS> = {
  claim: 'Claim to assess',
  duplicate: 'Possible duplicate',
  conflict: 'Conflicting claims',
  contact_lost: 'No proof of life',
  archive_source: 'Source to archive',
  file_integrity: 'Damaged file',
};

export const REVIEW_OUTCOME_LABELS: Labels<typeof REVIEW_OUTCOMES> = {
  accepted: 'Accept',
  rejected: 'Reject',
  needs_evidence: 'Needs more evidence',
};

export const ROLE_LABELS: Labels<typeof ROLES> = {
  viewer: 'Viewer',
  reviewer: 'Reviewer',
  editor: 'Editor',
  admin: 'Administrator',
};

const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'reads',
  write: 'enters data',
  review: 'reviews',
  admin: 'manages users and the system',
};

/**
 * What a role may do, from the same table the server checks (`roleAllows`), so the words stay
 * true when the table changes.
 *
 * @example
 * roleGrantsText('reviewer') // 'reads, reviews'
 */
export function roleGrantsText(role: Role): string {
  return (Object.keys(PERMISSION_WORDS) as Permission[])
    .filter((p) => roleAllows(role, p))
    .map((p) => PERMISSION_WORDS[p])
    .join(', ');
}

/** A role with what it may do: `Reviewer: reads, reviews`. */
export function roleText(role: Role): string {
  return `${ROLE_LABELS[role]}: ${roleGrantsText(role)}`;
}

export const VERDICT_LABELS: Labels<typeof VERDICTS> = {
  same: 'Same person',
  different: 'Different persons',
  unsure: 'Unsure',
};

export const LIST_FORMAT_LABELS: Labels<typeof LIST_FORMATS> = {
  csv: 'CSV with a header row',
  lines: 'One name per line',
};

export const IMPORT_DECISION_LABELS: Record<'new' | 'match' | 'review', string> = {
  new: 'New person',
  match: 'Matches a person',
  review: 'Needs review',
};

/** Evidence besides the name that a list row and a registry person agree or differ on. */
export const EVIDENCE_LABELS: Record<EvidenceFeature, string> = {
  birthDate: 'birth date',
  father: 'father’s name',
  place: 'place',
  identifiers: 'identifiers',
};

export const IMPORT_STATE_LABELS: Record<string, string> = {
  matching: 'Dry run in progress',
  previewed: 'Dry run, not confirmed',
  queued: 'Waiting for the worker',
  applying: 'Applying',
  applied: 'Applied',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A moment (ISO timestamp from the server) in the reader's words, to the minute. */
/**
 * A count with its noun, singular for one.
 *
 * @example
 * countText(1, 'name') // '1 name'
 * countText(3, 'review task') // '3 review tasks'
 */
export function countText(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

export function dateTimeText(at: string | Date | null | undefined): string {
  if (!at) return '—';
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return String(at);
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * A label from one of the tables above for a value the server sent as a plain string; an
 * unknown value (say, one added on the server after this app was built) is shown as it is.
 */
export function labelOf<K extends string | number>(
  labels: Record<K, string>,
  value: string | number | null | undefined,
): string {
  if (value === null || value === undefined) return '—';
  return Object.prototype.hasOwnProperty.call(labels, value)
    ? labels[value as K]
    : String(value).replaceAll('_', ' ');
}

export function eventTypeLabel(type: string): string {
  return labelOf<string>(
    Object.fromEntries(Object.entries(EVENT_TYPE_DEFS).map(([key, def]) => [key, def.label])),
    type,
  );
}

const SUBTYPE_LABELS: Record<string, string> = {
  icrc: 'ICRC',
  cpt: 'Council of Europe anti-torture committee (CPT)',
  consular: 'Consular',
  lawyer: 'Lawyer',
  interim_measure: 'Interim measure',
};

export function eventSubtypeLabel(subtype: string): string {
  return (
    SUBTYPE_LABELS[subtype] ??
    subtype.charAt(0).toUpperCase() + subtype.slice(1).replaceAll('_', ' ')
  );
}

/** A partial date for reading (`Dec 2020`, `between Oct 2020 and Nov 2020`); stored text if it does not parse. */
export function partialDateText(text: string | null | undefined): string {
  if (!text) return '—';
  const parsed = parsePartialDate(text);
  return parsed.ok ? describePartialDate(parsed.value) : text;
}

/** The value of a claim, in words where the vocabulary has them. */
export function claimValueText(predicate: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (predicate === 'legal_category' && typeof value === 'string')
    return labelOf(LEGAL_CATEGORY_LABELS, value);
  if (predicate === 'acknowledgement' && typeof value === 'string')
    return labelOf(ACKNOWLEDGEMENT_LABELS, value);
  if (predicate === 'birth_date' && typeof value === 'string') return partialDateText(value);
  const name = claimedName(predicate, value);
  // A row of an imported list: the name, with what the list said besides it.
  if (name && typeof value === 'object') {
    const row = value as { birthDate?: unknown; place?: unknown; fatherName?: unknown };
    const besides = [
      typeof row.birthDate === 'string' && row.birthDate
        ? `born ${partialDateText(row.birthDate)}`
        : null,
      typeof row.place === 'string' && row.place ? row.place : null,
      typeof row.fatherName === 'string' && row.fatherName
        ? `father’s name ${row.fatherName}`
        : null,
    ].filter((part) => part !== null);
    return besides.length ? `${name} (${besides.join('; ')})` : name;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}
