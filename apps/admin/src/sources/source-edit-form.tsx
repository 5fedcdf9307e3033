import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { FormActions, FormProblem, issueFor, useSubmitGuard } from '../ui/form.tsx';
import { changesOf, rebaseDraft, type RebasedDraft } from './edit-changes.ts';
import { ConflictReload, RebasedNotice } from './edit-conflict.tsx';
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

/** The source as the form read it: the version a save names, and the values it started from. */
interface ReadSource {
  version: number;
  draft: SourceDraft;
}

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
  const [read, setRead] = useState<ReadSource>(() => ({
    version: source.version,
    draft: sourceDraftOf(source),
  }));
  const [draft, setDraft] = useState<SourceDraft>(read.draft);
  const [rebased, setRebased] = useState<(RebasedDraft<SourceDraft> & { now: SourceDraft }) | null>(
    null,
  );

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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = changesOf(sourceValuesOf(read.draft), sourceValuesOf(draft), shown);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    send({ id: source.id, version: read.version, patch });
  }

  async function reload() {
    const fresh = await queryClient.fetchQuery(
      trpc.sources.get.queryOptions({ id: source.id }, { staleTime: 0 }),
    );
    const now = sourceDraftOf(fresh);
    const next = rebaseDraft(read.draft, draft, now);
    setRead({ version: fresh.version, draft: now });
    setDraft(next.draft);
    setRebased({ ...next, now });
    update.reset();
  }

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
