import { SIDES, SOURCE_KINDS } from '@vigil/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useMay } from '../auth/permissions.ts';
import {
  labelOf,
  partialDateText,
  SIDE_LABELS,
  SIDE_SHORT_LABELS,
  SOURCE_KIND_LABELS,
} from '../labels.ts';
import { Link, navigate, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { ReliabilityBadge, SensitivityBadge } from '../ui/badges.tsx';
import { FilterChoice } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading, LoadMore } from '../ui/query-states.tsx';
import { SourceForm } from './source-form.tsx';

export type SourceFilters = { q: string; kind: string; side: string };
export const NO_SOURCE_FILTERS: SourceFilters = { q: '', kind: '', side: '' };

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** Every source the caller may see: articles, lists, statements, testimony, court records. */
export function SourcesPage({
  filters,
  onFiltersChange,
}: {
  filters: SourceFilters;
  onFiltersChange: (f: SourceFilters) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState(filters.q);
  const mayWrite = useMay('write');
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const q = text.trim();
    if (q === filters.q) return;
    const timer = window.setTimeout(() => onFiltersChange({ ...filters, q }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, filters, onFiltersChange]);

  const sources = useInfiniteQuery(
    trpc.sources.list.infiniteQueryOptions(
      {
        q: filters.q || undefined,
        kind: filters.kind || undefined,
        side: filters.side || undefined,
        limit: PAGE_SIZE,
      },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onFiltersChange({ ...filters, q: text.trim() });
  }

  const items = sources.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.q !== '' || filters.kind !== '' || filters.side !== '';

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sources</h1>
          <p className="page-lead">
            Where information comes from, graded for reliability and the side it speaks for.
          </p>
        </div>
        {mayWrite && !adding ? (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            New source
          </button>
        ) : null}
      </div>

      {adding ? <SourceForm onClose={() => setAdding(false)} /> : null}

      <form className="filters" role="search" aria-label="Search sources" onSubmit={submit}>
        <label className="field field-grow">
          <span className="field-label">Search title or publisher</span>
          <input
            type="search"
            name="q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            maxLength={200}
          />
        </label>
        <FilterChoice
          label="Kind"
          value={filters.kind}
          onChange={(kind) => onFiltersChange({ ...filters, kind })}
          choices={SOURCE_KINDS}
          labels={SOURCE_KIND_LABELS}
        />
        <FilterChoice
          label="Side"
          value={filters.side}
          onChange={(side) => onFiltersChange({ ...filters, side })}
          choices={SIDES}
          labels={SIDE_LABELS}
        />
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {filtered || text !== '' ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setText('');
                onFiltersChange(NO_SOURCE_FILTERS);
              }}
            >
              Clear
            </button>
          ) : null}
        </div>
      </form>

      {sources.isPending ? (
        <Loading label="Loading sources…" />
      ) : sources.isError && items.length === 0 ? (
        <ErrorNotice
          what="Sources could not be loaded"
          error={sources.error}
          onRetry={() => void sources.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState>
          <p>{filtered ? 'No source matches these filters.' : 'No sources yet.'}</p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {items.length} {items.length === 1 ? 'source' : 'sources'}
            {sources.hasNextPage ? ' shown, more available' : ''}
          </p>
          <div className="table-wrap">
            <table
              className="table table-rows-link"
              aria-label="Sources"
              aria-busy={sources.isFetching}
            >
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Publisher</th>
                  <th scope="col">Side</th>
                  <th scope="col">Reliability</th>
                  <th scope="col">Published</th>
                </tr>
              </thead>
              <tbody>
                {items.map((source) => (
                  <tr
                    key={source.id}
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a')) return;
                      if (window.getSelection()?.toString()) return;
                      navigate(paths.source(source.id));
                    }}
                  >
                    <td className="cell-primary">
                      <Link to={paths.source(source.id)}>{source.title}</Link>
                      {source.sensitivity && source.sensitivity !== 'partner' ? (
                        <>
                          {' '}
                          <SensitivityBadge level={source.sensitivity} />
                        </>
                      ) : null}
                    </td>
                    <td>{labelOf(SOURCE_KIND_LABELS, source.kind)}</td>
                    <td>{source.publisher ?? <span className="muted">—</span>}</td>
                    <td className="nowrap" title={labelOf(SIDE_LABELS, source.side)}>
                      {labelOf(SIDE_SHORT_LABELS, source.side)}
                    </td>
                    <td>
                      {source.reliability ? <ReliabilityBadge grade={source.reliability} /> : null}
                    </td>
                    <td className="nowrap">{partialDateText(source.publishedDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sources.isError ? (
            <ErrorNotice what="More sources could not be loaded" error={sources.error} />
          ) : null}
          <LoadMore query={sources} />
        </>
      )}
    </>
  );
}
