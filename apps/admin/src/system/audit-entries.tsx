import { AUDIT_ACTIONS, AUDIT_ENTITIES, type AuditEntity } from '@vigil/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dateTimeText } from '../labels.ts';
import { useTRPC } from '../trpc.ts';
import { FilterChoice } from '../ui/form.tsx';
import { ErrorNotice, Loading, LoadMore } from '../ui/query-states.tsx';

const PAGE_SIZE = 50;

const words = (value: string) => value.replaceAll('_', ' ');

/**
 * Who did what to which record, and when, newest first (`system.auditLog`): sign-ins and failed
 * ones, exports, restricted reads, changes. Only what identifies each entry; its values are on
 * the record's own history, cut to the reader's clearance.
 */
export function AuditEntries() {
  const trpc = useTRPC();
  const [action, setAction] = useState<'' | (typeof AUDIT_ACTIONS)[number]>('');
  const [entity, setEntity] = useState<'' | AuditEntity>('');
  const entries = useInfiniteQuery(
    trpc.system.auditLog.infiniteQueryOptions(
      { action: action || undefined, entity: entity || undefined, limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
        staleTime: 0,
      },
    ),
  );
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby="audit-entries-heading">
      <div className="panel-header">
        <h2 id="audit-entries-heading">Audit entries</h2>
        <span className="muted small">
          Who did what, newest first; the values are on each record’s history
        </span>
      </div>
      <form
        className="filters"
        aria-label="Filter the audit entries"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterChoice
          label="Action"
          any="Every action"
          value={action}
          onChange={setAction}
          choices={AUDIT_ACTIONS}
          labels={words}
        />
        <FilterChoice
          label="Record"
          any="Every kind"
          value={entity}
          onChange={setEntity}
          choices={AUDIT_ENTITIES}
          labels={words}
        />
      </form>
      {entries.isPending ? (
        <Loading label="Loading the audit entries…" />
      ) : entries.isError && items.length === 0 ? (
        <ErrorNotice
          what="The audit entries could not be loaded"
          error={entries.error}
          onRetry={() => void entries.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="muted">No entry matches these filters.</p>
      ) : (
        <>
          <div className="table-wrap">
            <table
              className="table table-compact"
              aria-label="Audit entries"
              aria-busy={entries.isFetching}
              data-testid="audit-entries"
            >
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Record</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.seq}>
                    <td className="nowrap muted">{entry.seq}</td>
                    <td className="nowrap">{dateTimeText(entry.at)}</td>
                    <td>
                      {entry.actor.kind === 'system' ? (
                        <span className="muted">Vigil</span>
                      ) : (
                        entry.actor.name
                      )}
                      {entry.actor.kind === 'partner_key' ? (
                        <span className="muted small"> (API key)</span>
                      ) : null}
                    </td>
                    <td>{words(entry.action)}</td>
                    <td>
                      {words(entry.entity)}
                      {entry.entityId ? (
                        <div className="muted small break">
                          <code>{entry.entityId}</code>
                        </div>
                      ) : null}
                    </td>
                    <td className="nowrap small">{entry.ip ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore query={entries} label="Show older entries" />
        </>
      )}
    </section>
  );
}
