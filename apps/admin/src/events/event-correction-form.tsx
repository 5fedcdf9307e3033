import { EVENT_TYPE_DEFS, PARTICIPANT_ROLES } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { changesOf } from '../ui/edit-changes.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
import { PARTICIPANT_ROLE_LABELS } from '../labels.ts';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../trpc.ts';
import {
  ChoiceField,
  choiceOf,
  FormActions,
  FormProblem,
  issueFor,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import { useVersionedEdit, type ReadRecord } from '../ui/versioned-edit.ts';
import {
  EVENT_FIELDS,
  eventDraftOf,
  eventValuesOf,
  type EventDraft,
  type EventField,
} from './event-draft.ts';
import { EventFields } from './event-fields.tsx';

type StoredEvent = ApiOutputs['events']['get'];
type Role = (typeof PARTICIPANT_ROLES)[number];

/** How the form names each field in its notices, as its labels do. */
const FIELD_LABELS: Record<EventField, string> = {
  type: 'Type of event',
  subtype: 'Kind',
  date: 'Date',
  place: 'Place',
  actingParty: 'Acting party',
  mediator: 'Mediator',
  description: 'Description',
  sensitivity: 'Who may see it',
};

/** The event as the form read it, with the person's role in it and everyone else's. */
interface ReadEvent extends ReadRecord<EventDraft> {
  /** The role in the event of the person whose page it is on. */
  role: Role;
  /** Every person the caller sees in the event, with their role. */
  participants: StoredEvent['participants'];
}

/** The role the person has in the event, as the form offers it. */
function roleIn(event: StoredEvent, personId: string): Role {
  const role = event.participants.find((p) => p.personId === personId)?.role ?? '';
  return choiceOf(PARTICIPANT_ROLES, role) ?? 'subject';
}

type Patch = ApiInputs['events']['update']['patch'];

/** What the form reads of a stored event. */
function readOf(event: StoredEvent, personId: string): ReadEvent {
  return {
    version: event.version,
    draft: eventDraftOf(event),
    role: roleIn(event, personId),
    participants: event.participants,
  };
}

/**
 * Corrects what is recorded about an event (`events.update`): its type, date, place, parties,
 * description, and the role in it of the person whose page it is on. Only the fields changed
 * are sent, with the version the form read: when someone else saved in between, the server
 * refuses with a conflict, nothing changes, and the form offers to reload the event with the
 * user's changes kept on top. The other persons involved keep their roles (those the caller may
 * not see too, which the server keeps), and the sources behind the event stay as they are; the
 * earlier values stay in its history.
 */
export function EventCorrectionForm({
  personId,
  event,
  onClose,
}: {
  /** The person whose timeline the event is on. */
  personId: string;
  event: StoredEvent;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A field the caller is not cleared to see is absent from the event: it is not offered.
  const shown = EVENT_FIELDS.filter((field) => event[field] !== undefined);
  const [role, setRole] = useState<Role>(() => readOf(event, personId).role);

  const update = useMutation(
    trpc.events.update.mutationOptions({
      onSuccess: async () => {
        // The person's status is recomputed from the corrected event by a job, so the person
        // is read again too; the event's history and the person's are both kept in `history`.
        await Promise.all([
          queryClient.invalidateQueries(trpc.events.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.history.pathFilter()),
          queryClient.invalidateQueries(trpc.submissions.pathFilter()),
        ]);
        onClose();
      },
    }),
  );
  const send = useSubmitGuard(update);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  const { draft, setDraft, rebased, submit, reload } = useVersionedEdit({
    initial: () => readOf(event, personId),
    patchOf: (read: ReadEvent, now: EventDraft) => {
      const patch: Patch = changesOf(eventValuesOf(read.draft), eventValuesOf(now), shown);
      if (role !== read.role)
        patch.participants = read.participants.map((p) => ({
          personId: p.personId,
          role: p.personId === personId ? role : (choiceOf(PARTICIPANT_ROLES, p.role) ?? 'other'),
        }));
      return patch;
    },
    save: (version, patch) => send({ id: event.id, version, patch }),
    readAgain: async () =>
      readOf(
        await queryClient.fetchQuery(
          trpc.events.get.queryOptions({ id: event.id }, { staleTime: 0 }),
        ),
        personId,
      ),
    // A role the user did not change follows what was saved meanwhile.
    onReadAgain: (before, fresh) => {
      if (role === before.role) setRole(fresh.role);
    },
    onUnchanged: onClose,
    resetError: () => update.reset(),
  });

  const error = update.error;
  const hasKinds = EVENT_TYPE_DEFS[draft.type].subtypes.length > 0;
  const marked = shown.filter((field) => field !== 'subtype' || hasKinds);
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Correct the event"
      noValidate
    >
      <h3 className="form-title">Correct the event</h3>
      <FormProblem
        error={error}
        fields={[...marked, 'participants'].map((field) => `patch.${field}`)}
      />
      <ConflictReload error={error} what="the event" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={rebased.theirs.filter((field) => shown.includes(field))}
          both={rebased.both.filter((field) => shown.includes(field))}
          now={rebased.now}
          labelOf={(field) => FIELD_LABELS[field]}
        />
      ) : null}
      <EventFields
        draft={draft}
        onChange={setDraft}
        issueOf={(field) => issueFor(error, `patch.${field}`)}
        shown={shown}
      >
        <ChoiceField
          label="Role of this person"
          error={issueFor(error, 'patch.participants')}
          value={role}
          onChange={setRole}
          choices={PARTICIPANT_ROLES}
          labels={PARTICIPANT_ROLE_LABELS}
        />
      </EventFields>
      <FormActions
        pending={update.isPending}
        submit="Save the correction"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
