import { EVENT_TYPE_DEFS, EVENT_TYPES, SENSITIVITIES } from '@vigil/domain';
import type { ReactNode } from 'react';
import { eventSubtypeLabel, SENSITIVITY_LABELS } from '../labels.ts';
import { ChoiceField, TextAreaField, TextField } from '../ui/form.tsx';
import { EVENT_FIELDS, type EventDraft, type EventField } from './event-draft.ts';

/**
 * The fields of an event's form, shared by the form of a new event and the correction of one,
 * each with the server's message about it beside it. `subtype` is offered only for types that
 * have kinds, and changing the type forgets the kind.
 *
 * @example
 * <EventFields draft={draft} onChange={setDraft} issueOf={(field) => issueFor(error, field)} />
 */
export function EventFields({
  draft,
  onChange,
  issueOf,
  shown = EVENT_FIELDS,
  disabled = false,
  children,
}: {
  draft: EventDraft;
  onChange: (draft: EventDraft) => void;
  /** The server's message about a field, if it had one. */
  issueOf: (field: EventField) => string | undefined;
  /** The fields to offer; a field the caller may not see is left out. Every one by default. */
  shown?: readonly EventField[];
  disabled?: boolean;
  /** Fields of the form's own, placed before the description. */
  children?: ReactNode;
}) {
  const set =
    <F extends EventField>(field: F) =>
    (value: EventDraft[F]) =>
      onChange({ ...draft, [field]: value });
  const offers = (field: EventField) => shown.includes(field);
  const subtypes: readonly string[] = EVENT_TYPE_DEFS[draft.type].subtypes;
  return (
    <>
      {offers('type') ? (
        <ChoiceField
          label="Type of event"
          error={issueOf('type')}
          disabled={disabled}
          value={draft.type}
          onChange={(type) => onChange({ ...draft, type, subtype: '' })}
          choices={EVENT_TYPES}
          labels={(t) => EVENT_TYPE_DEFS[t].label}
        />
      ) : null}
      {offers('subtype') && subtypes.length > 0 ? (
        <ChoiceField
          label="Kind"
          error={issueOf('subtype')}
          disabled={disabled}
          value={draft.subtype}
          onChange={set('subtype')}
          choices={['', ...subtypes]}
          labels={(s) => (s === '' ? 'Not said' : eventSubtypeLabel(s))}
        />
      ) : null}
      {offers('date') ? (
        <TextField
          label="Date"
          error={issueOf('date')}
          help="YYYY, YYYY-MM or YYYY-MM-DD; a range as 2020-10/2020-11."
          disabled={disabled}
          value={draft.date}
          onChange={set('date')}
          maxLength={30}
          spellCheck={false}
        />
      ) : null}
      {offers('place') ? (
        <TextField
          label="Place"
          error={issueOf('place')}
          disabled={disabled}
          value={draft.place}
          onChange={set('place')}
          maxLength={300}
        />
      ) : null}
      {offers('actingParty') ? (
        <TextField
          label="Acting party"
          error={issueOf('actingParty')}
          help="Who detained, held, released or acted."
          disabled={disabled}
          value={draft.actingParty}
          onChange={set('actingParty')}
          maxLength={200}
        />
      ) : null}
      {offers('mediator') ? (
        <TextField
          label="Mediator"
          error={issueOf('mediator')}
          help="Who mediated, as in an exchange."
          disabled={disabled}
          value={draft.mediator}
          onChange={set('mediator')}
          maxLength={200}
        />
      ) : null}
      {offers('sensitivity') ? (
        <ChoiceField
          label="Who may see it"
          error={issueOf('sensitivity')}
          disabled={disabled}
          value={draft.sensitivity}
          onChange={set('sensitivity')}
          choices={SENSITIVITIES}
          labels={SENSITIVITY_LABELS}
        />
      ) : null}
      {children}
      {offers('description') ? (
        <TextAreaField
          label="Description"
          className="span-2"
          error={issueOf('description')}
          disabled={disabled}
          rows={2}
          value={draft.description}
          onChange={set('description')}
          maxLength={5000}
        />
      ) : null}
    </>
  );
}
