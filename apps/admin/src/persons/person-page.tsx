import { mayExportSubjectAccess, RoleSchema, SensitivitySchema } from '@vigil/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { ClaimForm } from '../claims/claim-form.tsx';
import { LoadedClaims } from '../claims/claims-table.tsx';
import { EventForm } from '../events/event-form.tsx';
import { Link, paths } from '../router.tsx';
import { WgeidCaseFilePanel } from '../submissions/wgeid-case-file-panel.tsx';
import { errorCodeOf, useTRPC } from '../trpc.ts';
import { SensitivityBadge } from '../ui/badges.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { NameText } from './name-text.tsx';
import { PersonClaims } from './person-claims.tsx';
import { PersonDetailsForm } from './person-details-form.tsx';
import { PersonDetails } from './person-details.tsx';
import { PersonDocuments } from './person-documents.tsx';
import { PersonHistory } from './person-history.tsx';
import { PersonMerges } from './person-merges.tsx';
import { PersonNames } from './person-names.tsx';
import { PersonOpenQuestions } from './person-open-questions.tsx';
import { PersonStatusPanel } from './person-status-panel.tsx';
import { DeletePerson } from './delete-person.tsx';
import { PersonTimeline } from './person-timeline.tsx';
import { SubjectAccessExport } from './subject-access-export.tsx';

/** Largest page the API gives; a person with more events or claims gets a notice. */
const MAX_ROWS = 500;

/**
 * One person: names, details, status, the timeline of events with sources, the open questions
 * about them, claims, the documents behind them, and the history of every change with its earlier values.
 */
export function PersonPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const person = useQuery(trpc.persons.get.queryOptions({ id }));
  const events = useQuery(trpc.events.list.queryOptions({ personId: id, limit: MAX_ROWS }));
  const claims = useQuery(trpc.claims.list.queryOptions({ personId: id, limit: MAX_ROWS }));
  const mayWrite = useMay('write');
  const mayAdminister = useMay('admin');
  const session = useSession().data;
  const mayExport =
    !!session &&
    mayExportSubjectAccess(
      RoleSchema.catch('viewer').parse(session.role),
      SensitivitySchema.catch('public').parse(session.clearance),
    );
  const [form, setForm] = useState<'details' | 'event' | 'claim' | null>(null);

  if (person.isPending) return <Loading label="Loading the person…" />;
  if (person.isError) {
    return (
      <>
        <BackToRegistry />
        {errorCodeOf(person.error) === 'NOT_FOUND' ? (
          <EmptyState>
            <h1>Person not found</h1>
            <p className="muted">
              There is no such person in the registry, or you are not cleared to see them.
            </p>
          </EmptyState>
        ) : (
          <ErrorNotice
            what="This person could not be loaded"
            error={person.error}
            onRetry={() => void person.refetch()}
          />
        )}
      </>
    );
  }

  const p = person.data;
  const [first, ...otherNames] = p.names;
  return (
    <article className="person">
      <BackToRegistry />
      <header className="page-header">
        <div>
          <h1 lang={first?.language ?? undefined}>{p.primaryName}</h1>
          {otherNames.length > 0 ? (
            <p className="page-lead name-line">
              {otherNames.map((name, i) => (
                <span key={name.id}>
                  {i > 0 ? <span aria-hidden="true"> · </span> : null}
                  <NameText name={name} />
                </span>
              ))}
            </p>
          ) : null}
        </div>
        {p.sensitivity && p.sensitivity !== 'partner' ? (
          <SensitivityBadge level={p.sensitivity} />
        ) : null}
      </header>

      <PersonMerges personId={p.id} />
      <PersonStatusPanel status={p.status} />

      <div className="columns">
        <PersonNames personId={p.id} names={p.names} />
        {form === 'details' ? (
          <PersonDetailsForm person={p} onClose={() => setForm(null)} />
        ) : (
          <PersonDetails person={p} onEdit={mayWrite ? () => setForm('details') : undefined} />
        )}
      </div>

      <section className="panel" aria-labelledby="timeline-heading">
        <div className="panel-header">
          <h2 id="timeline-heading">Timeline</h2>
          <span className="muted small">
            Events in date order, each with the sources that report it
          </span>
          {mayWrite && form !== 'event' ? (
            <button
              type="button"
              className="button button-secondary button-small panel-action"
              onClick={() => setForm('event')}
            >
              Add an event
            </button>
          ) : null}
        </div>
        {form === 'event' ? (
          <EventForm person={{ id: p.id, label: p.primaryName }} onClose={() => setForm(null)} />
        ) : null}
        {events.isPending ? (
          <Loading label="Loading events…" />
        ) : events.isError ? (
          <ErrorNotice
            what="Events could not be loaded"
            error={events.error}
            onRetry={() => void events.refetch()}
          />
        ) : (
          <>
            <PersonTimeline personId={p.id} events={events.data.items} />
            {events.data.nextCursor ? (
              <p className="notice">Only the first {MAX_ROWS} events are shown.</p>
            ) : null}
          </>
        )}
      </section>

      <PersonOpenQuestions personId={p.id} />

      <section className="panel" aria-labelledby="claims-heading">
        <div className="panel-header">
          <h2 id="claims-heading">Claims about this person</h2>
          <span className="muted small">
            Legal category, acknowledgement and other assertions, each by one source
          </span>
          {mayWrite && form !== 'claim' ? (
            <button
              type="button"
              className="button button-secondary button-small panel-action"
              onClick={() => setForm('claim')}
            >
              Add a claim
            </button>
          ) : null}
        </div>
        {form === 'claim' ? (
          <ClaimForm person={{ id: p.id, label: p.primaryName }} onClose={() => setForm(null)} />
        ) : null}
        <LoadedClaims query={claims} limit={MAX_ROWS}>
          {(items) => <PersonClaims claims={items} />}
        </LoadedClaims>
      </section>

      <PersonDocuments personId={p.id} />

      {mayWrite ? <WgeidCaseFilePanel personId={p.id} status={p.status} /> : null}

      <PersonHistory personId={p.id} />

      {mayExport ? <SubjectAccessExport personId={p.id} /> : null}

      {mayAdminister ? <DeletePerson person={p} /> : null}
    </article>
  );
}

function BackToRegistry() {
  return (
    <p className="breadcrumb">
      <Link to={paths.registry()}>← Registry</Link>
    </p>
  );
}
