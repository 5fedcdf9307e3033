import { EVENT_TYPE_DEFS, EVENT_TYPES, PARTICIPANT_ROLES, type EventType } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CredibilityField, type Credibility } from '../claims/claim-form.tsx';
import { eventSubtypeLabel, PARTICIPANT_ROLE_LABELS } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { SourcePicker } from '../sources/source-picker.tsx';
import { useTRPC, useTRPCClient } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormField,
  FormProblem,
  issueFor,
  orNull,
  TextAreaField,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import type { PickerOption } from '../ui/record-picker.tsx';

/** The fields the form always shows; `subtype` only for types that have kinds. */
const FIELDS = [
  'type',
  'date',
  'place',
  'actingParty',
  'description',
  'participants',
  'sourceId',
  'credibility',
  'excerpt',
] as const;

type Role = (typeof PARTICIPANT_ROLES)[number];

/**
 * Records an event in a person's life together with the source that reports it: the event
 * (`events.create`), then the source's claim that it occurred (`claims.create`). An event never
 * stands without a source. The claim enters as pending, so the event counts for the person's
 * status only once a reviewer accepts it. If the claim is refused after the event was saved,
 * sending the form again adds only the claim.
 */
export function EventForm({ person, onClose }: { person: PickerOption; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [type, setType] = useState<EventType>('proof_of_life');
  const [subtype, setSubtype] = useState('');
  const [date, setDate] = useState('');
  const [place, setPlace] = useState('');
  const [actingParty, setActingParty] = useState('');
  const [description, setDescription] = useState('');
  const [role, setRole] = useState<Role>('subject');
  const [source, setSource] = useState<PickerOption | null>(null);
  const [credibility, setCredibility] = useState<Credibility>(6);
  const [excerpt, setExcerpt] = useState('');
  const [savedEventId, setSavedEventId] = useState<string | null>(null);
  // An event is never saved without its source, so the choice is checked before anything is sent.
  const [sourceMissing, setSourceMissing] = useState(false);

  const save = useMutation({
    mutationFn: async () => {
      let eventId = savedEventId;
      if (!eventId) {
        const event = await client.events.create.mutate({
          type,
          subtype: orNull(subtype),
          date: orNull(date),
          place: orNull(place),
          actingParty: orNull(actingParty),
          description: orNull(description),
          participants: [{ personId: person.id, role }],
        });
        eventId = event.id;
        setSavedEventId(eventId);
      }
      return client.claims.create.mutate({
        sourceId: source?.id ?? '',
        subjectType: 'event',
        eventId,
        predicate: 'occurred',
        credibility,
        excerpt: orNull(excerpt),
      });
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.events.pathFilter()),
        queryClient.invalidateQueries(trpc.persons.pathFilter()),
        queryClient.invalidateQueries(trpc.review.pathFilter()),
      ]);
    },
  });
  const send = useSubmitGuard(save);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSourceMissing(!source);
    if (source) send();
  }

  const subtypes: readonly string[] = EVENT_TYPE_DEFS[type].subtypes;

  if (save.isSuccess) {
    return (
      <div
        className="form-panel form-done"
        role="status"
        data-testid="event-entered"
        onKeyDown={inline.onKeyDown}
      >
        <p>
          <strong>Event entered</strong> with its source. The source’s claim is{' '}
          <em>awaiting review</em>; the event counts for the status once a reviewer accepts it (
          <Link to={paths.review()}>review queue</Link>).
        </p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }

  const error = save.error;
  const locked = savedEventId !== null;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Add an event"
      noValidate
    >
      <h3 className="form-title">Add an event</h3>
      <FormProblem error={error} fields={subtypes.length > 0 ? [...FIELDS, 'subtype'] : FIELDS} />
      {locked ? (
        <p className="notice span-2">
          The event is saved; only its source’s claim is missing. Correct it and send again.
        </p>
      ) : null}
      <ChoiceField
        label="Type of event"
        error={issueFor(error, 'type')}
        disabled={locked}
        value={type}
        onChange={(next) => {
          setType(next);
          setSubtype('');
        }}
        choices={EVENT_TYPES}
        labels={(t) => EVENT_TYPE_DEFS[t].label}
      />
      {subtypes.length > 0 ? (
        <ChoiceField
          label="Kind"
          error={issueFor(error, 'subtype')}
          disabled={locked}
          value={subtype}
          onChange={setSubtype}
          choices={['', ...subtypes]}
          labels={(s) => (s === '' ? 'Not said' : eventSubtypeLabel(s))}
        />
      ) : null}
      <TextField
        label="Date"
        error={issueFor(error, 'date')}
        help="YYYY, YYYY-MM or YYYY-MM-DD; a range as 2020-10/2020-11."
        disabled={locked}
        value={date}
        onChange={setDate}
        maxLength={30}
        spellCheck={false}
      />
      <TextField
        label="Place"
        error={issueFor(error, 'place')}
        disabled={locked}
        value={place}
        onChange={setPlace}
        maxLength={300}
      />
      <TextField
        label="Acting party"
        error={issueFor(error, 'actingParty')}
        disabled={locked}
        value={actingParty}
        onChange={setActingParty}
        maxLength={200}
      />
      <ChoiceField
        label="Role of this person"
        error={issueFor(error, 'participants')}
        disabled={locked}
        value={role}
        onChange={setRole}
        choices={PARTICIPANT_ROLES}
        labels={PARTICIPANT_ROLE_LABELS}
      />
      <TextAreaField
        label="Description"
        className="span-2"
        error={issueFor(error, 'description')}
        disabled={locked}
        rows={2}
        value={description}
        onChange={setDescription}
        maxLength={5000}
      />
      <FormField
        label="Source"
        className="span-2"
        error={
          sourceMissing && !source
            ? 'Choose the source that reports this event.'
            : issueFor(error, 'sourceId')
        }
        help="Who reports this event. Enter a new source on the Sources page first if needed."
      >
        {(control) => <SourcePicker control={control} selected={source} onSelect={setSource} />}
      </FormField>
      <CredibilityField
        error={issueFor(error, 'credibility')}
        value={credibility}
        onChange={setCredibility}
      />
      <TextAreaField
        label="Excerpt"
        className="span-2"
        error={issueFor(error, 'excerpt')}
        rows={2}
        value={excerpt}
        onChange={setExcerpt}
        maxLength={10_000}
      />
      <FormActions
        pending={save.isPending}
        submit={locked ? 'Add the source’s claim' : 'Enter the event'}
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
