import { AFFILIATIONS, SEXES } from '@vigil/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMay } from '../auth/permissions.ts';
import { AFFILIATION_LABELS, partialDateText, SEX_LABELS, labelOf } from '../labels.ts';
import { Link, navigate, paths } from '../router.tsx';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { FilterChoice } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { NameText } from './name-text.tsx';
import { PersonForm } from './person-form.tsx';

export type RegistryFilters = {
  q: string;
  sex: '' | (typeof SEXES)[number];
  affiliation: '' | (typeof AFFILIATIONS)[number];
};

export const NO_REGISTRY_FILTERS: RegistryFilters = { q: '', sex: '', affiliation: '' };

type RegistryPerson = ApiOutputs['persons']['list']['items'][number];

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/**
 * The registry: every person the caller may see, searched by name in any script and filtered.
 * The filters live in the app (not in the address or in storage), so they survive a visit to
 * a person's page and vanish with the tab.
 */
export function RegistryPage({
  filters,
  onFiltersChange,
}: {
  filters: RegistryFilters;
  onFiltersChange: (f: RegistryFilters) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState(filters.q);
  const searchHelpId = useId();
  const mayWrite = useMay('write');
  const mayAdminister = useMay('admin');
  const [adding, setAdding] = useState(false);

  // Search as the user types, once they pause.
  useEffect(() => {
    const q = text.trim();
    if (q === filters.q) return;
    const timer = window.setTimeout(() => onFiltersChange({ ...filters, q }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, filters, onFiltersChange]);

  const persons = useInfiniteQuery(
    trpc.persons.list.infiniteQueryOptions(
      {
        q: filters.q || undefined,
        sex: filters.sex || undefined,
        affiliation: filters.affiliation || undefined,
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

  function clear() {
    setText('');
    onFiltersChange(NO_REGISTRY_FILTERS);
  }

  const items = persons.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.q !== '' || filters.sex !== '' || filters.affiliation !== '';

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Registry</h1>
          <p className="page-lead">
            Persons documented as captured, detained, disappeared or missing.
          </p>
        </div>
        <div className="page-actions">
          {mayAdminister ? <Link to={paths.deletedPersons()}>Deleted records</Link> : null}
          {mayWrite && !adding ? (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              New person
            </button>
          ) : null}
        </div>
      </div>

      {adding ? <PersonForm onClose={() => setAdding(false)} /> : null}

      <form className="filters" role="search" aria-label="Search the registry" onSubmit={submit}>
        <label className="field field-grow">
          <span className="field-label">Search names</span>
          <input
            type="search"
            name="q"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Any script: Հայկ, Айк, Hayk"
            aria-describedby={searchHelpId}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
          />
          <span id={searchHelpId} className="field-help">
            Armenian, Cyrillic and Latin spellings find each other.
          </span>
        </label>
        <FilterChoice
          label="Sex"
          value={filters.sex}
          onChange={(sex) => onFiltersChange({ ...filters, sex })}
          choices={SEXES}
          labels={SEX_LABELS}
        />
        <FilterChoice
          label="Affiliation"
          value={filters.affiliation}
          onChange={(affiliation) => onFiltersChange({ ...filters, affiliation })}
          choices={AFFILIATIONS}
          labels={AFFILIATION_LABELS}
        />
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {filtered || text !== '' ? (
            <button type="button" className="button button-secondary" onClick={clear}>
              Clear
            </button>
          ) : null}
        </div>
      </form>

      {persons.isPending ? (
        <Loading label="Loading the registry…" />
      ) : persons.isError && items.length === 0 ? (
        <ErrorNotice
          what="The registry could not be loaded"
          error={persons.error}
          onRetry={() => void persons.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState>
          {filtered ? (
            <>
              <p>No person matches {filters.q ? <>“{filters.q}”</> : 'these filters'}.</p>
              <p className="muted">Try another spelling or fewer filters.</p>
            </>
          ) : (
            <p>The registry is empty.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {items.length} {items.length === 1 ? 'person' : 'persons'}
            {persons.hasNextPage ? ' shown, more available' : filtered ? ' found' : ''}
            {persons.isFetching && !persons.isFetchingNextPage ? (
              <span className="muted"> · updating…</span>
            ) : null}
          </p>
          <div className="table-wrap">
            <table
              className="table table-rows-link"
              aria-label="Persons in the registry"
              aria-busy={persons.isFetching}
            >
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Other names</th>
                  <th scope="col">Sex</th>
                  <th scope="col">Born</th>
                  <th scope="col">Affiliation</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((person) => (
                  <RegistryRow key={person.id} person={person} />
                ))}
              </tbody>
            </table>
          </div>
          {persons.isError ? (
            <ErrorNotice what="More persons could not be loaded" error={persons.error} />
          ) : null}
          {persons.hasNextPage ? (
            <div className="load-more">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void persons.fetchNextPage()}
                disabled={persons.isFetchingNextPage}
              >
                {persons.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

function RegistryRow({ person }: { person: RegistryPerson }) {
  const [first, ...others] = person.names;
  const href = paths.person(person.id);
  return (
    <tr
      onClick={(event) => {
        // The name cell holds a real link; a click anywhere else on the row follows it too.
        if ((event.target as HTMLElement).closest('a')) return;
        if (window.getSelection()?.toString()) return;
        navigate(href);
      }}
    >
      <td className="cell-primary">
        <Link to={href} lang={first?.language ?? undefined}>
          {person.primaryName}
        </Link>
      </td>
      <td>
        <ul className="inline-list">
          {others.map((name) => (
            <li key={name.id}>
              <NameText name={name} />
            </li>
          ))}
        </ul>
      </td>
      <td>{labelOf(SEX_LABELS, person.sex)}</td>
      <td className="nowrap">{partialDateText(person.birthDate)}</td>
      <td>{labelOf(AFFILIATION_LABELS, person.affiliation)}</td>
      <td>
        {person.statusSummary ? (
          person.statusSummary
        ) : (
          <span className="muted">Not derived yet</span>
        )}
      </td>
    </tr>
  );
}
