import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { FormActions, FormProblem, issueFor, useSubmitGuard } from '../ui/form.tsx';
import { useVersionedEdit } from '../ui/versioned-edit.ts';
import { changesOf } from '../ui/edit-changes.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
import {
  SOURCE_FIELDS,
  SourceFields,
  sourceDraftOf,
  sourceValuesOf,
  type SourceDraft,
  type SourceField,
} from './source-fields.tsx';

type Source = ApiOutputs['sources']['get'];

/** How the form names each field in its notices, as its labels do. */
const FIELD_LABELS: Record<SourceField, string> = {
  title: 'Title',
  kind: 'Kind',
  side: 'Speaks for',
  publisher: 'Publisher',
  author: 'Author',
  reliability: 'Reliability',
  sensitivity: 'Who may see it',
  publishedDate: 'Published',
  accessedDate: 'Accessed',
  language: 'Language',
  url: 'Web address',
  notes: 'Notes',
};

/**
 * Edits what is recorded about a source. Only the fields changed are sent, with the version the
 * form read: when someone else saved in between, the server refuses with a conflict, nothing
 * changes, and the form offers to reload the source with the user's changes kept on top.
 * Every earlier value stays in the source's history.
 */
export function SourceEditForm({ source, onClose }: { source: Source; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A field the caller is not cleared to see is absent from the source: it is not offered.
  const shown = SOURCE_FIELDS.filter((field) => source[field] !== undefined);
  const update = useMutation(
    trpc.sources.update.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sources.pathFilter()),
          queryClient.invalidateQueries(trpc.counts.pathFilter()),
          queryClient.invalidateQueries(trpc.claims.pathFilter()),
          queryClient.invalidateQueries(trpc.history.pathFilter()),
        ]);
        onClose();
      },
    }),
  );
  const send = useSubmitGuard(update);
  const { draft, setDraft, rebased, submit, reload } = useVersionedEdit({
    initial: () => ({ version: source.version, draft: sourceDraftOf(source) }),
    patchOf: (read, after: SourceDraft) =>
      changesOf(sourceValuesOf(read.draft), sourceValuesOf(after), shown),
    save: (version, patch) => send({ id: source.id, version, patch }),
    readAgain: async () => {
      const fresh = await queryClient.fetchQuery(
        trpc.sources.get.queryOptions({ id: source.id }, { staleTime: 0 }),
      );
      return { version: fresh.version, draft: sourceDraftOf(fresh) };
    },
    onUnchanged: onClose,
    resetError: () => update.reset(),
  });

  const error = update.error;
  return (
    <form
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Edit the source"
      noValidate
    >
      <h2 className="form-title">Edit the source</h2>
      <FormProblem error={error} fields={shown.map((field) => `patch.${field}`)} />
      <ConflictReload error={error} what="the source" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={rebased.theirs.filter((field) => shown.includes(field))}
          both={rebased.both.filter((field) => shown.includes(field))}
          now={rebased.now}
          labelOf={(field) => FIELD_LABELS[field]}
        />
      ) : null}
      <SourceFields
        draft={draft}
        onChange={setDraft}
        issueOf={(field) => issueFor(error, `patch.${field}`)}
        shown={shown}
      />
      <FormActions
        pending={update.isPending}
        submit="Save the changes"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
