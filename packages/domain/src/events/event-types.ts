/**
 * The controlled vocabulary of event types. To add one, add a row here: the schema, the
 * admin app's forms and the timeline all read from this table.
 */
export const EVENT_TYPE_DEFS = {
  capture: { label: 'Capture or abduction', subtypes: [] },
  detention: { label: 'Detention', subtypes: [] },
  transfer: { label: 'Transfer', subtypes: [] },
  proof_of_life: {
    label: 'Proof of life',
    subtypes: ['video', 'photo', 'letter', 'call', 'message'],
  },
  visit: { label: 'Visit', subtypes: ['icrc', 'cpt', 'consular', 'lawyer'] },
  ill_treatment_allegation: { label: 'Ill-treatment allegation', subtypes: [] },
  charge: { label: 'Charge', subtypes: [] },
  trial_hearing: { label: 'Trial hearing', subtypes: [] },
  sentence: { label: 'Sentence', subtypes: [] },
  appeal: { label: 'Appeal', subtypes: [] },
  court_measure: { label: 'Court measure', subtypes: ['interim_measure', 'judgment', 'other'] },
  release: { label: 'Release', subtypes: [] },
  exchange: { label: 'Exchange', subtypes: [] },
  repatriation: { label: 'Repatriation', subtypes: [] },
  contact_lost: { label: 'Contact lost', subtypes: [] },
  death_reported: { label: 'Death reported', subtypes: [] },
  remains_returned: { label: 'Remains returned', subtypes: [] },
  remains_identified: { label: 'Identification of remains', subtypes: [] },
} as const satisfies Record<string, { label: string; subtypes: readonly string[] }>;

export type EventType = keyof typeof EVENT_TYPE_DEFS;
export const EVENT_TYPES = Object.keys(EVENT_TYPE_DEFS) as [EventType, ...EventType[]];

/** How a person took part in an event. */
export const PARTICIPANT_ROLES = [
  'subject',
  'exchanged_for',
  'witness',
  'alleged_perpetrator',
  'other',
] as const;
