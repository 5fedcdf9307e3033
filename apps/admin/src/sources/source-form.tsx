import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { navigate, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { useInlineForm } from '../ui/inline-form.ts';
import { FormActions, FormProblem, issueFor, useSubmitGuard } from '../ui/form.tsx';
import {
  NEW_SOURCE_DRAFT,
  SOURCE_FIELDS,
  SourceFields,
  sourceValuesOf,
  type SourceDraft,
} from './source-fields.tsx';

/** Enters a new source; on success the app opens it, ready for its claims. */
export function SourceForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SourceDraft>(NEW_SOURCE_DRAFT);

  const create = useMutation(
    trpc.sources.create.mutationOptions({
      onSuccess: async (source) => {
        await queryClient.invalidateQueries(trpc.sources.pathFilter());
        navigate(paths.source(source.id));
      },
    }),
  );
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(sourceValuesOf(draft));
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="New source"
      noValidate
    >
      <h2 className="form-title">New source</h2>
      <FormProblem error={error} fields={SOURCE_FIELDS} />
      <SourceFields draft={draft} onChange={setDraft} issueOf={(field) => issueFor(error, field)} />
      <FormActions
        pending={create.isPending}
        submit="Save the source"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
