import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';
import { downloadText } from '../ui/download.ts';
import { FormProblem, useSubmitGuard } from '../ui/form.tsx';

/**
 * The answer to a subject-access request: everything held about the person, as JSON, with
 * third parties withheld. Offered to admins cleared for restricted data; making one is audited.
 */
export function SubjectAccessExport({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const make = useMutation(
    trpc.persons.exportSubjectAccess.mutationOptions({
      onSuccess: (exported) =>
        downloadText(
          'subject-access-export.json',
          JSON.stringify(exported, null, 2),
          'application/json',
        ),
    }),
  );
  const send = useSubmitGuard(make);
  return (
    <section className="panel" aria-labelledby="subject-access-heading">
      <div className="panel-header">
        <h2 id="subject-access-heading">Subject-access request</h2>
        <span className="muted small">
          Everything held about this person, with other people withheld; the export is audited
        </span>
        <button
          type="button"
          className="button button-secondary button-small panel-action"
          disabled={make.isPending}
          onClick={() => send({ id: personId })}
        >
          {make.isPending ? 'Preparing the export…' : 'Download the export (JSON)'}
        </button>
      </div>
      <FormProblem error={make.error} fields={[]} what="No export" />
      {make.isSuccess ? (
        <p className="notice notice-good" role="status">
          The export was downloaded. Read its notes, descriptions and excerpts before sending it:
          they are given as recorded and may mention other people.
        </p>
      ) : null}
    </section>
  );
}
