import { detectScript, NAME_KINDS, SCRIPTS, type Script } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { NAME_KIND_LABELS, SCRIPT_LABELS } from '../labels.ts';
import { changesOf } from '../ui/edit-changes.ts';
import { useVersionedEdit } from '../ui/versioned-edit.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import {
  NAME_FIELDS,
  nameDraftOf,
  nameValuesOf,
  NEW_NAME_DRAFT,
  type NameDraft,
  type NameField,
} from './name-draft.ts';

type PersonName = ApiOutputs['persons']['get']['names'][number];

/** How the form names each field in its notices, as its labels do. */
const FIELD_LABELS: Record<NameField, string> = {
  value: 'Name',
  script: 'Script',
  kind: 'Kind',
  language: 'Language',
};

/** What a saved name changes on the page: the person, their history, links and matches. */
function useNameSaved(onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.persons.pathFilter()),
      queryClient.invalidateQueries(trpc.names.pathFilter()),
      queryClient.invalidateQueries(trpc.history.pathFilter()),
      queryClient.invalidateQueries(trpc.events.pathFilter()),
      queryClient.invalidateQueries(trpc.matching.pathFilter()),
    ]);
    onClose();
  };
}

/**
 * The fields of a spelling, shared by the form that adds one and the one that corrects one,
 * each with the server's message about it beside it. The script follows the letters typed
 * unless one is chosen.
 */
function NameFields({
  draft,
  onChange,
  issueOf,
}: {
  draft: NameDraft;
  onChange: (draft: NameDraft) => void;
  issueOf: (field: NameField) => string | undefined;
}) {
  const set =
    <F extends NameField>(field: F) =>
    (value: NameDraft[F]) =>
      onChange({ ...draft, [field]: value });
  const detected = SCRIPT_LABELS[detectScript(draft.value)];
  return (
    <>
      <TextField
        label="Name"
        className="span-2"
        error={issueOf('value')}
        help="As the source spells it, in its own script."
        value={draft.value}
        onChange={set('value')}
        maxLength={200}
        spellCheck={false}
      />
      <ChoiceField<Script | ''>
        label="Script"
        error={issueOf('script')}
        value={draft.script}
        onChange={set('script')}
        choices={['', ...SCRIPTS]}
        labels={(script) =>
          script === ''
            ? `As the letters say${draft.value.trim() ? ` (${detected})` : ''}`
            : SCRIPT_LABELS[script]
        }
      />
      <ChoiceField
        label="Kind"
        error={issueOf('kind')}
        value={draft.kind}
        onChange={set('kind')}
        choices={NAME_KINDS}
        labels={NAME_KIND_LABELS}
      />
      <TextField
        label="Language"
        error={issueOf('language')}
        help="A code: hy, ru, en, az. Empty if not known."
        value={draft.language}
        onChange={set('language')}
        maxLength={3}
        spellCheck={false}
      />
    </>
  );
}

/** Gives the person one more spelling of their name, typed in by hand (`names.create`). */
export function AddNameForm({ personId, onClose }: { personId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<NameDraft>(NEW_NAME_DRAFT);
  const saved = useNameSaved(onClose);
  const create = useMutation(trpc.names.create.mutationOptions({ onSuccess: saved }));
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { value, kind, language } = nameValuesOf(draft);
    // A script left to the letters is left to the server, which reads them the same way.
    send({
      personId,
      value,
      kind,
      script: draft.script === '' ? undefined : draft.script,
      language: language ?? undefined,
    });
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Add a spelling"
      noValidate
    >
      <h3 className="form-title">Add a spelling</h3>
      <FormProblem error={error} fields={NAME_FIELDS} />
      <NameFields draft={draft} onChange={setDraft} issueOf={(field) => issueFor(error, field)} />
      <FormActions
        pending={create.isPending}
        submit="Add the spelling"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}

/**
 * Corrects one spelling (`names.update`). Only the fields changed are sent, with the version
 * the form read: when someone else saved in between, the server refuses with a conflict,
 * nothing changes, and the form offers to reload the name with the user's changes kept on top.
 * The earlier spelling stays in the person's history.
 */
export function CorrectNameForm({ name, onClose }: { name: PersonName; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useNameSaved(onClose);
  const update = useMutation(trpc.names.update.mutationOptions({ onSuccess: saved }));
  const send = useSubmitGuard(update);
  const inline = useInlineForm<HTMLFormElement>(onClose);
  const { draft, setDraft, rebased, submit, reload } = useVersionedEdit({
    initial: () => ({ version: name.version, draft: nameDraftOf(name) }),
    patchOf: (read, after: NameDraft) =>
      changesOf(nameValuesOf(read.draft), nameValuesOf(after), NAME_FIELDS),
    save: (version, patch) => send({ id: name.id, version, patch }),
    readAgain: async () => {
      const fresh = await queryClient.fetchQuery(
        trpc.names.get.queryOptions({ id: name.id }, { staleTime: 0 }),
      );
      return { version: fresh.version, draft: nameDraftOf(fresh) };
    },
    onUnchanged: onClose,
    resetError: () => update.reset(),
  });

  const error = update.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Correct the name"
      noValidate
    >
      <h3 className="form-title">Correct the name</h3>
      <FormProblem error={error} fields={NAME_FIELDS.map((field) => `patch.${field}`)} />
      <ConflictReload error={error} what="the name" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={rebased.theirs}
          both={rebased.both}
          now={rebased.now}
          labelOf={(field) => FIELD_LABELS[field]}
        />
      ) : null}
      <NameFields
        draft={draft}
        onChange={setDraft}
        issueOf={(field) => issueFor(error, `patch.${field}`)}
      />
      <FormActions
        pending={update.isPending}
        submit="Save the correction"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
