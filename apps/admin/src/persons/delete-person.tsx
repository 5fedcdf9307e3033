import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { navigate, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { FormActions, FormProblem, issueFor, TextField, useSubmitGuard } from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

/**
 * For admins: deletes a person record entered by mistake. Deleting hides it from everyone and
 * erases nothing; it can be restored from the deleted records.
 */
export function DeletePerson({ person }: { person: { id: string; version: number } }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="delete-heading">
      <div className="panel-header">
        <h2 id="delete-heading">Delete this record</h2>
        <span className="muted small">
          For a record entered by mistake: it is hidden from everyone, nothing is erased, and it can
          be restored
        </span>
        {!open ? (
          <button
            type="button"
            className="button button-secondary button-small panel-action"
            onClick={() => setOpen(true)}
          >
            Delete…
          </button>
        ) : null}
      </div>
      {open ? <DeleteForm person={person} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

function DeleteForm({
  person,
  onClose,
}: {
  person: { id: string; version: number };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const remove = useMutation(
    trpc.persons.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.persons.pathFilter());
        navigate(paths.deletedPersons());
      },
    }),
  );
  const send = useSubmitGuard(remove);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ id: person.id, version: person.version, reason });
  }

  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Delete the record"
    >
      <FormProblem error={remove.error} fields={['reason']} what="Not deleted" />
      <TextField
        label="Why"
        className="span-2"
        help="Kept in the audit log with the deletion"
        error={issueFor(remove.error, 'reason')}
        value={reason}
        onChange={setReason}
        maxLength={500}
      />
      <FormActions
        pending={remove.isPending}
        submit="Delete the record"
        pendingLabel="Deleting…"
        onCancel={onClose}
      />
    </form>
  );
}
