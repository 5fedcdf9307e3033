import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { countText } from '../labels.ts';
import { useTRPC } from '../trpc.ts';
import { FormActions, FormProblem, issueFor, TextField, useSubmitGuard } from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

/** What the admin types to confirm an erasure that cannot be undone. */
const CONFIRMATION = 'PURGE';

/**
 * For admins cleared for restricted data: erases a deleted record for good — its names, claims,
 * own events, tasks, judgements and every earlier value in the audit log. Asks for a reason and
 * for the word PURGE typed out, and reports what was erased.
 */
export function PurgePerson({
  person,
  onClose,
}: {
  person: { id: string; version: number; primaryName: string };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const purge = useMutation(
    trpc.persons.purge.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.persons.pathFilter()),
    }),
  );
  const send = useSubmitGuard(purge);
  const inline = useInlineForm<HTMLFormElement>(onClose);
  const confirmed = typed.trim() === CONFIRMATION;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirmed) send({ id: person.id, version: person.version, reason });
  }

  if (purge.data) {
    const erased = purge.data.erased;
    return (
      <div className="notice notice-good" role="status" onKeyDown={inline.onKeyDown}>
        <p>
          <strong>{person.primaryName}</strong> was purged:{' '}
          {[
            countText(erased.names, 'name'),
            countText(erased.claims, 'claim'),
            countText(erased.events, 'event'),
            countText(erased.reviewTasks, 'review task'),
            countText(erased.judgements, 'match judgement'),
          ].join(', ')}{' '}
          erased, with every earlier value of them in the audit log.
        </p>
        {erased.unsealedAuditEntries > 0 ? (
          <p>
            {erased.unsealedAuditEntries} audit entries were written before audit values were sealed
            and still hold their values.
          </p>
        ) : null}
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label={`Purge ${person.primaryName}`}
    >
      <div className="span-2 notice">
        <p>
          <strong>This cannot be undone.</strong> Purging erases the record, its names, the claims
          about it, the events only this person took part in, its review tasks and match judgements,
          and every earlier value of them in the audit log. Events shared with others stay, without
          this person. Sources and their documents are not changed. Backups made before today still
          hold the record until they are destroyed.
        </p>
      </div>
      <FormProblem error={purge.error} fields={['reason']} what="Not purged" />
      <TextField
        label="Why"
        className="span-2"
        help="Kept readable in the audit log with the purge: do not name the person"
        error={issueFor(purge.error, 'reason')}
        value={reason}
        onChange={setReason}
        maxLength={500}
      />
      <TextField
        label={`Type ${CONFIRMATION} to confirm`}
        value={typed}
        onChange={setTyped}
        maxLength={20}
      />
      <FormActions
        pending={purge.isPending}
        submit="Purge for good"
        pendingLabel="Purging…"
        disabled={!confirmed}
        onCancel={onClose}
      />
    </form>
  );
}
