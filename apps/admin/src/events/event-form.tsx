import { EVENT_TYPE_DEFS, PARTICIPANT_ROLES } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { CredibilityField, type Credibility } from '../claims/claim-form.tsx';
import { PARTICIPANT_ROLE_LABELS } from '../labels.ts';
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
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import type { PickerOption } from '../ui/record-picker.tsx';
import {
  EVENT_FIELDS,
  eventValuesOf,
  NEW_EVENT_DRAFT,
  type EventDraft,
  type EventField,
} from './event-draft.ts';
import { EventFields } from './event-fields.tsx';

/** The event's fields the form offers: a new event is seen by partners, as the API defaults. */
const SHOWN: readonly EventField[] = EVENT_FIELDS.filter((field) => field !== 'sensitivity');

/** The fields of the source's claim, and the person's role, below the event's own. */
const CLAIM_FIELDS = ['participants', 'sourceId', 'credibility', 'excerpt'] as const;

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
  const [draft, setDraft] = useState<EventDraft>(NEW_EVENT_DRAFT);
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
        const { sensitivity: _default, ...event } = eventValuesOf(draft);
        const created = await client.events.create.mutate({
          ...event,
          participants: [{ personId: person.id, role }],
        });
        eventId = created.id;
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

  const subtypes: readonly string[] = EVENT_TYPE_DEFS[draft.type].subtypes;
  const marked = SHOWN.filter((field) => field !== 'subtype' || subtypes.length > 0);

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
      <FormProblem error={error} fields={[...marked, ...CLAIM_FIELDS]} />
      {locked ? (
        <p className="notice span-2">
          The event is saved; only its source’s claim is missing. Correct it and send again.
        </p>
      ) : null}
      <EventFields
        draft={draft}
        onChange={setDraft}
        issueOf={(field) => issueFor(error, field)}
        shown={SHOWN}
        disabled={locked}
      >
        <ChoiceField
          label="Role of this person"
          error={issueFor(error, 'participants')}
          disabled={locked}
          value={role}
          onChange={setRole}
          choices={PARTICIPANT_ROLES}
          labels={PARTICIPANT_ROLE_LABELS}
        />
      </EventFields>
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
