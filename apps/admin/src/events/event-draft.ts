import { EVENT_TYPES, SENSITIVITIES, type EventType } from '@vigil/domain';

type Sensitivity = (typeof SENSITIVITIES)[number];

/** The fields of an event that staff enter and correct, as the API names them. */
export const EVENT_FIELDS = [
  'type',
  'subtype',
  'date',
  'place',
  'actingParty',
  'mediator',
  'description',
  'sensitivity',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/** An event as its form holds it: every text as typed, `''` for "not recorded". */
export interface EventDraft {
  type: EventType;
  subtype: string;
  date: string;
  place: string;
  actingParty: string;
  mediator: string;
  description: string;
  sensitivity: Sensitivity;
}

/** What the form of a new event starts from. */
export const NEW_EVENT_DRAFT: EventDraft = {
  type: 'proof_of_life',
  subtype: '',
  date: '',
  place: '',
  actingParty: '',
  mediator: '',
  description: '',
  sensitivity: 'partner',
};

/** A stored event as the API gives it: a field the caller may not see is absent. */
interface StoredEvent {
  type: string;
  subtype?: string | null;
  date: string | null;
  place?: string | null;
  actingParty?: string | null;
  mediator?: string | null;
  description?: string | null;
  sensitivity?: string;
}

/** `text` if it is one of `choices`, else `fallback`. */
function oneOf<T extends string>(choices: readonly T[], text: string | undefined, fallback: T): T {
  return choices.find((choice) => choice === text) ?? fallback;
}

/** The draft of a stored event, for its correction. */
export function eventDraftOf(event: StoredEvent): EventDraft {
  return {
    type: oneOf(EVENT_TYPES, event.type, NEW_EVENT_DRAFT.type),
    subtype: event.subtype ?? '',
    date: event.date ?? '',
    place: event.place ?? '',
    actingParty: event.actingParty ?? '',
    mediator: event.mediator ?? '',
    description: event.description ?? '',
    sensitivity: oneOf(SENSITIVITIES, event.sensitivity, NEW_EVENT_DRAFT.sensitivity),
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * A draft as the API takes it: texts trimmed, an empty one `null` ("not recorded").
 *
 * @example
 * eventValuesOf({ ...NEW_EVENT_DRAFT, date: ' 2020-11 ' }).date // '2020-11'
 */
export function eventValuesOf(draft: EventDraft) {
  return {
    type: draft.type,
    subtype: orNull(draft.subtype),
    date: orNull(draft.date),
    place: orNull(draft.place),
    actingParty: orNull(draft.actingParty),
    mediator: orNull(draft.mediator),
    description: orNull(draft.description),
    sensitivity: draft.sensitivity,
  };
}
