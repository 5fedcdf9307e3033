import { mayPurgePersons, RoleSchema, SensitivitySchema } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../auth/session.ts';
import { dateTimeText } from '../labels.ts';
import { Link, navigate, paths } from '../router.tsx';
import { describeError, useTRPC, type ApiOutputs } from '../trpc.ts';
import { useSubmitGuard } from '../ui/form.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { PurgePerson } from './purge-person.tsx';

type DeletedPerson = ApiOutputs['persons']['listDeleted'][number];

/**
 * For admins: person records deleted (hidden), newest first, each of which can be restored, or
 * purged for good by an admin cleared for restricted data.
 */
export function DeletedPersonsPage() {
  const trpc = useTRPC();
  const deleted = useQuery(trpc.persons.listDeleted.queryOptions(undefined, { staleTime: 0 }));
  const session = useSession().data;
  const mayPurge =
    !!session &&
    mayPurgePersons(
      RoleSchema.catch('viewer').parse(session.role),
      SensitivitySchema.catch('public').parse(session.clearance),
    );
  // The purged record leaves the list; what was erased stays on screen until the next purge.
  const [purging, setPurging] = useState<DeletedPerson | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.registry()}>← Registry</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Deleted records</h1>
          <p className="page-lead">
            Person records deleted by an admin: hidden from everyone, with their names, claims and
            history kept. Restoring one brings it back as it was.
            {mayPurge
              ? ' Purging one erases it for good, with every earlier value in the audit log.'
              : null}
          </p>
        </div>
      </div>
      {purging ? (
        <section className="panel" aria-labelledby="purge-heading">
          <div className="panel-header">
            <h2 id="purge-heading">Purge {purging.primaryName}</h2>
          </div>
          <PurgePerson key={purging.id} person={purging} onClose={() => setPurging(null)} />
        </section>
      ) : null}
      {deleted.isPending ? (
        <Loading label="Loading deleted records…" />
      ) : deleted.isError ? (
        <ErrorNotice
          what="Deleted records could not be loaded"
          error={deleted.error}
          onRetry={() => void deleted.refetch()}
        />
      ) : deleted.data.length === 0 ? (
        <p className="muted">No person record is deleted.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Deleted person records">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Deleted</th>
                <th scope="col">Why</th>
                <th scope="col">
                  <span className="visually-hidden">Restore or purge</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deleted.data.map((person) => (
                <DeletedRow
                  key={person.id}
                  person={person}
                  onPurge={mayPurge ? () => setPurging(person) : undefined}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function DeletedRow({
  person,
  onPurge,
}: {
  person: DeletedPerson;
  onPurge: (() => void) | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const restore = useMutation(
    trpc.persons.restore.mutationOptions({
      onSuccess: async (restored) => {
        await queryClient.invalidateQueries(trpc.persons.pathFilter());
        navigate(paths.person(restored.id));
      },
    }),
  );
  const sendRestore = useSubmitGuard(restore);
  return (
    <tr>
      <td className="name">{person.primaryName}</td>
      <td className="nowrap small">{dateTimeText(person.deletedAt)}</td>
      <td>{person.reason ?? <span className="muted">Not recorded</span>}</td>
      <td>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={restore.isPending}
          onClick={() => sendRestore({ id: person.id, version: person.version })}
        >
          {restore.isPending ? 'Restoring…' : 'Restore'}
        </button>{' '}
        {onPurge ? (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Purge ${person.primaryName}…`}
            onClick={onPurge}
          >
            Purge…
          </button>
        ) : null}
        {restore.error ? (
          <span className="field-error" role="alert">
            {describeError(restore.error)}
          </span>
        ) : null}
      </td>
    </tr>
  );
}
