import { z } from 'zod';
import { IdSchema, longText, shortText } from '../common.ts';
import {
  comparePartialDateTexts,
  describePartialDate,
  parsePartialDate,
} from '../dates/partial-date.ts';
import type { EventType } from '../events/event-types.ts';
import { personFields } from '../persons/person.schema.ts';
import { isFieldCleared, type Sensitivity } from '../sensitivity/sensitivity.ts';

/**
 * What a user may add to a case file beyond the six elements, each read from the person record.
 * Nothing here is added unless the user names it; family contacts and notes are never offered.
 */
export const WGEID_OPTIONAL_FIELDS = {
  otherNames: { label: 'Other spellings of the name', personField: 'names' },
  sex: { label: 'Sex', personField: 'sex' },
  birthDate: { label: 'Date of birth', personField: 'birthDate' },
  birthPlace: { label: 'Place of birth', personField: 'birthPlace' },
  fatherName: { label: "Father's name", personField: 'fatherName' },
  citizenship: { label: 'Citizenship', personField: 'citizenship' },
  affiliation: { label: 'Civilian or military', personField: 'affiliation' },
  unit: { label: 'Military unit', personField: 'unit' },
  rank: { label: 'Rank', personField: 'rank' },
  identifiers: { label: 'Identity documents and case numbers', personField: 'identifiers' },
} as const satisfies Record<string, { label: string; personField: string }>;

export type WgeidOptionalField = keyof typeof WGEID_OPTIONAL_FIELDS;
const OPTIONAL_FIELD_NAMES = Object.keys(WGEID_OPTIONAL_FIELDS) as [
  WgeidOptionalField,
  ...WgeidOptionalField[],
];

/** What the user gives when asking for a case file of one person. */
export const WgeidCaseFileRequestSchema = z.object({
  personId: IdSchema,
  /** Steps taken by the family or others to find the person, and their outcome (element 5). */
  stepsTaken: longText(5000),
  submitter: z.object({
    name: shortText(200),
    organisation: shortText(200).nullable().default(null),
    /** How the Working Group can reach the submitting party. */
    contact: shortText(300),
    relationship: shortText(200).nullable().default(null),
    /** Whether the submitting party asks that its identity be kept confidential. */
    confidential: z.boolean().default(true),
  }),
  include: z
    .array(z.enum(OPTIONAL_FIELD_NAMES))
    .max(OPTIONAL_FIELD_NAMES.length)
    .default([])
    .refine((fields) => new Set(fields).size === fields.length, 'names a field twice'),
});
export type WgeidCaseFileRequest = z.infer<typeof WgeidCaseFileRequestSchema>;

/** The person as the case file reads them: only what the caller may see. */
export interface WgeidPerson {
  names: string[];
  sex?: string | null | undefined;
  birthDate?: string | null | undefined;
  birthPlace?: string | null | undefined;
  fatherName?: string | null | undefined;
  citizenship?: string | null | undefined;
  affiliation?: string | null | undefined;
  unit?: string | null | undefined;
  rank?: string | null | undefined;
  identifiers?: { kind: string; value: string }[] | undefined;
}

/** An event of the person's timeline that the caller may see. */
export interface WgeidEvent {
  /** An {@link EventType}; other types are not read. */
  type: string;
  date: string | null;
  place: string | null;
  actingParty: string | null;
}

export type WgeidElementKey = 'identity' | 'date' | 'place' | 'forces' | 'stepsTaken' | 'submitter';

/** One of the six elements the Working Group needs before it can take up a case. */
export interface WgeidElement {
  key: WgeidElementKey;
  title: string;
  /** The element's text, or null when the record does not hold it. */
  value: string | null;
  /** Why the element is missing or falls short of what the Working Group needs. */
  problem: string | null;
}

export interface WgeidCaseFile {
  elements: WgeidElement[];
  /** The fields the user chose to add, in the order of {@link WGEID_OPTIONAL_FIELDS}. */
  additional: { field: WgeidOptionalField; label: string; value: string }[];
  /** Whether all six elements are present and sufficient. */
  complete: boolean;
}

/** The event that marks the disappearance: the first capture, else contact lost, else detention. */
const DISAPPEARANCE_EVENTS: EventType[] = ['capture', 'contact_lost', 'detention'];

function disappearanceEvent(events: WgeidEvent[]): WgeidEvent | null {
  for (const type of DISAPPEARANCE_EVENTS) {
    const [first] = events
      .filter((e) => e.type === type)
      .sort((a, b) =>
        a.date && b.date ? comparePartialDateTexts(a.date, b.date) : a.date ? -1 : b.date ? 1 : 0,
      );
    if (first) return first;
  }
  return null;
}

function dateElement(event: WgeidEvent | null): Pick<WgeidElement, 'value' | 'problem'> {
  if (!event)
    return { value: null, problem: 'No capture, detention or loss of contact is recorded' };
  const parsed = event.date ? parsePartialDate(event.date) : null;
  if (!parsed?.ok) return { value: null, problem: 'The date is not recorded' };
  const date = parsed.value;
  const yearOnly =
    date.kind === 'point'
      ? date.precision === 'year'
      : date.from.precision === 'year' || date.to.precision === 'year';
  return {
    value: describePartialDate(date),
    problem: yearOnly ? 'The Working Group needs at least the month and year' : null,
  };
}

function missingUnless(value: string | null | undefined, problem: string) {
  return value ? { value, problem: null } : { value: null, problem };
}

function optionalValue(field: WgeidOptionalField, person: WgeidPerson): string | null {
  if (field === 'otherNames') return person.names.slice(1).join('; ') || null;
  if (field === 'identifiers')
    return person.identifiers?.map((i) => `${i.kind}: ${i.value}`).join('; ') || null;
  if (field === 'birthDate') {
    const parsed = person.birthDate ? parsePartialDate(person.birthDate) : null;
    return parsed?.ok ? describePartialDate(parsed.value) : null;
  }
  return person[field] ?? null;
}

/**
 * The optional fields a caller with `clearance` may add to a case file; the others would put in
 * a document what the caller may not read.
 *
 * @example
 * wgeidFieldsAllowed('partner') // no 'fatherName', 'birthPlace' or 'identifiers' (staff fields)
 */
export function wgeidFieldsAllowed(clearance: Sensitivity): WgeidOptionalField[] {
  return OPTIONAL_FIELD_NAMES.filter((field) =>
    isFieldCleared(personFields, WGEID_OPTIONAL_FIELDS[field].personField, clearance),
  );
}

/**
 * A case file for the UN Working Group on Enforced or Involuntary Disappearances: its six
 * minimum elements (identity; date of arrest or disappearance; place of arrest or last seen;
 * forces believed responsible; steps taken by the family; the submitting party, confidential on
 * request), each with what the record holds or why it falls short, and only the optional fields
 * the user chose.
 */
export function buildWgeidCaseFile(
  person: WgeidPerson,
  events: WgeidEvent[],
  request: Pick<WgeidCaseFileRequest, 'stepsTaken' | 'submitter' | 'include'>,
): WgeidCaseFile {
  const event = disappearanceEvent(events);
  const { submitter } = request;
  const submitterText = [
    submitter.name,
    submitter.organisation,
    submitter.relationship && `relationship to the person: ${submitter.relationship}`,
    `contact: ${submitter.contact}`,
    submitter.confidential
      ? 'The submitting party asks that its identity be kept confidential.'
      : 'The submitting party does not ask for confidentiality.',
  ]
    .filter(Boolean)
    .join('\n');
  const elements: WgeidElement[] = [
    {
      key: 'identity',
      title: '1. Identity of the person',
      ...missingUnless(person.names[0], 'The person has no recorded name'),
    },
    { key: 'date', title: '2. Date of arrest, abduction or disappearance', ...dateElement(event) },
    {
      key: 'place',
      title: '3. Place of arrest or abduction, or where last seen',
      ...missingUnless(event?.place, 'The place is not recorded'),
    },
    {
      key: 'forces',
      title: '4. Forces believed responsible',
      ...missingUnless(event?.actingParty, 'The detaining or acting party is not recorded'),
    },
    {
      key: 'stepsTaken',
      title: '5. Steps taken to locate the person, and their outcome',
      ...missingUnless(
        request.stepsTaken,
        'Say what the family or others did to find the person (inquiries, complaints, habeas corpus) and what came of it',
      ),
    },
    { key: 'submitter', title: '6. The submitting party', value: submitterText, problem: null },
  ];
  const additional = OPTIONAL_FIELD_NAMES.filter((field) =>
    request.include.includes(field),
  ).flatMap((field) => {
    const value = optionalValue(field, person);
    return value ? [{ field, label: WGEID_OPTIONAL_FIELDS[field].label, value }] : [];
  });
  return { elements, additional, complete: elements.every((e) => e.value && !e.problem) };
}

/** The case file as plain text, to read over, print or paste into the Working Group's form. */
export function renderWgeidCaseFile(file: WgeidCaseFile): string {
  const sections = file.elements.map(
    (e) =>
      `${e.title}\n${e.value ?? '(not recorded)'}${e.problem ? `\n[to complete: ${e.problem}]` : ''}`,
  );
  if (file.additional.length)
    sections.push(
      `Additional information\n${file.additional.map((a) => `${a.label}: ${a.value}`).join('\n')}`,
    );
  return [
    'Case file for the Working Group on Enforced or Involuntary Disappearances',
    ...sections,
  ].join('\n\n');
}

/**
 * Why a case file for the Working Group on Enforced or Involuntary Disappearances may not be
 * what a person's case needs, from their derived status, or null when nothing speaks against it.
 * The Working Group takes persons deprived of liberty by agents of a state that then refuses to
 * acknowledge it or conceals their fate or whereabouts; a person the detaining state says it
 * holds, or who is free again, is a case for other bodies (the ICRC, a court, a treaty body).
 * Advice only: the file can still be made.
 *
 * @example
 * wgeidCaveat({ liberty: { value: 'held' }, acknowledgement: { value: 'acknowledged' } })
 * // 'The detaining state acknowledges holding this person: …'
 */
export function wgeidCaveat(status: {
  liberty: { value: string };
  acknowledgement: { value: string };
}): string | null {
  if (['released', 'repatriated', 'escaped'].includes(status.liberty.value))
    return 'This person is reported free: the Working Group takes persons whose fate or whereabouts are still concealed.';
  if (status.acknowledgement.value === 'acknowledged')
    return 'The detaining state acknowledges holding this person: the Working Group takes persons whose detention is denied or whose fate or whereabouts are concealed. A court, a treaty body or the ICRC may be the better way.';
  return null;
}
