import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { dateTimeText } from '../labels.ts';
import { changeActionText, changeFieldLabel, changeValueText } from '../history/history-text.ts';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';

type HistoryItem = ApiOutputs['history']['list']['items'][number];

const PAGE_SIZE = 50;

/**
 * Every recorded change of the person and of their names, newest first: when, who, and each
 * changed field with its earlier and its new value, as far as the caller's clearance reaches
 * (the server leaves out what they may not see, and names who changed what only to staff).
 */
export function PersonHistory({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.history.list.infiniteQueryOptions(
      { entity: 'person', id: personId, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );

  return (
    <section className="panel" aria-labelledby="history-heading">
      <div className="panel-header">
        <h2 id="history-heading">History</h2>
        <span className="muted small">
          Every change to this person and their names, newest first, with the earlier value
        </span>
      </div>
      {history.isPending ? (
        <Loading label="Loading the history…" />
      ) : history.isError ? (
        <ErrorNotice
          what="The history could not be loaded"
          error={history.error}
          onRetry={() => void history.refetch()}
        />
      ) : (
        <HistoryTable
          items={history.data.pages.flatMap((page) => page.items)}
          more={
            history.hasNextPage ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void history.fetchNextPage()}
                disabled={history.isFetchingNextPage}
              >
                {history.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
              </button>
            ) : null
          }
        />
      )}
    </section>
  );
}

function HistoryTable({ items, more }: { items: HistoryItem[]; more: ReactNode }) {
  if (items.length === 0)
    return (
      <p className="muted" data-testid="history-empty">
        No changes recorded yet. Every change from now on is listed here with its earlier value.
      </p>
    );
  return (
    <>
      <div className="table-scroll">
        <table className="table table-compact" data-testid="person-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What changed</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.seq} data-testid="history-entry">
                <td className="nowrap small">{dateTimeText(item.at)}</td>
                <td className="small">{item.who ?? <span className="muted">—</span>}</td>
                <td>
                  <div className="history-action">{changeActionText(item.entity, item.action)}</div>
                  {item.changes.length > 0 ? (
                    <ul className="plain-list history-changes">
                      {item.changes.map((change) => (
                        <li key={change.field} data-field={change.field}>
                          <span className="history-field">
                            {changeFieldLabel(item.entity, change.field)}:
                          </span>{' '}
                          <del className="history-before">
                            {changeValueText(item.entity, change.field, change.before)}
                          </del>{' '}
                          <span aria-label="changed to">→</span>{' '}
                          <ins className="history-after">
                            {changeValueText(item.entity, change.field, change.after)}
                          </ins>
                          {change.field === 'familyContact' ? (
                            <>
                              {' '}
                              <Badge
                                tone="bad"
                                title="Every read of this field is recorded in the audit log"
                              >
                                Restricted
                              </Badge>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? <div className="load-more">{more}</div> : null}
    </>
  );
}
