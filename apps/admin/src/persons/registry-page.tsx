import {
  AFFILIATIONS,
  LEGAL_CATEGORIES,
  registryFiltersAbove,
  SensitivitySchema,
  SEXES,
} from '@vigil/domain';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMay } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import {
  AFFILIATION_LABELS,
  LEGAL_CATEGORY_LABELS,
  partialDateText,
  SEX_LABELS,
  labelOf,
} from '../labels.ts';
import { Link, navigate, paths } from '../router.tsx';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { FilterChoice, issueFor, TextField } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading, LoadMore } from '../ui/query-states.tsx';
import { NameText } from './name-text.tsx';
import { PersonForm } from './person-form.tsx';
import { RegistryExport } from './registry-export.tsx';
import {
  dateRangeProblems,
  isFiltered,
  NO_REGISTRY_FILTERS,
  registryCountText,
  STATUS_CHOICES,
  statusChoiceLabel,
  registryListInput,
  settledTextFilters,
  TEXT_FILTERS,
  textFiltersOf,
  type RegistryFilters,
  type TextFilters,
} from './registry-filters.ts';

export { NO_REGISTRY_FILTERS, type RegistryFilters } from './registry-filters.ts';

type RegistryPerson = ApiOutputs['persons']['list']['items'][number];

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/**
 * The registry: every person the caller may see, searched by name in any script and filtered
 * by status, sex, affiliation, legal category, when and where they were taken and by whom. The filters
 * live in the app (not in the address or in storage), so they survive a visit to a person's
 * page and vanish with the tab. Filters on events the user's clearance does not reach are not
 * offered (the server would refuse them).
 */
export function RegistryPage({
  filters,
  onFiltersChange,
}: {
  filters: RegistryFilters;
  onFiltersChange: (f: RegistryFilters) => void;
}) {
  const trpc = useTRPC();
  const session = useSession();
  const refused: readonly string[] = registryFiltersAbove(
    SensitivitySchema.catch('public').parse(session.data?.clearance),
  );
  const [typed, setTyped] = useState<TextFilters>(() => textFiltersOf(filters));
  const [dateProblems, setDateProblems] = useState<ReturnType<typeof dateRangeProblems>>({});
  const searchHelpId = useId();
  const mayWrite = useMay('write');
  const mayAdminister = useMay('admin');
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);

  /** Applies the text filters as typed; dates that are not valid yet keep their last value. */
  function applyTyped(next: TextFilters) {
    const problems = dateRangeProblems(next);
    setDateProblems(problems);
    const settled = settledTextFilters(next, refused);
    if (problems.takenFrom || problems.takenTo) {
      settled.takenFrom = filters.takenFrom;
      settled.takenTo = filters.takenTo;
    }
    if (TEXT_FILTERS.some((field) => settled[field] !== filters[field]))
      onFiltersChange({ ...filters, ...settled });
  }

  // Search and filter as the user types, once they pause.
  useEffect(() => {
    const timer = window.setTimeout(() => applyTyped(typed), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
    // `applyTyped` reads `filters` and `onFiltersChange`, and `refused`, which follows the session.
  }, [typed, filters, onFiltersChange]);

  const persons = useInfiniteQuery(
    trpc.persons.list.infiniteQueryOptions(
      { ...registryListInput(filters), limit: PAGE_SIZE },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
      },
    ),
  );

  // How many persons the filters find: counted once per set of filters, not with every page.
  // Until the count for these filters is in, the page says what it shows, not an older number.
  const total = useQuery(trpc.persons.count.queryOptions(registryListInput(filters)));

  function typeInto(field: keyof TextFilters, text: string) {
    setTyped((earlier) => ({ ...earlier, [field]: text }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyTyped(typed);
  }

  function clear() {
    setTyped(textFiltersOf(NO_REGISTRY_FILTERS));
    setDateProblems({});
    onFiltersChange(NO_REGISTRY_FILTERS);
  }

  const items = persons.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = isFiltered(filters);
  const typedAnything = TEXT_FILTERS.some((field) => typed[field] !== '');
  const offered = (field: string) => !refused.includes(field);

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
          {mayWrite && !exporting ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setExporting(true)}
            >
              Export…
            </button>
          ) : null}
          {mayWrite && !adding ? (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              New person
            </button>
          ) : null}
        </div>
      </div>

      {adding ? <PersonForm onClose={() => setAdding(false)} /> : null}
      {exporting ? (
        <RegistryExport filters={registryListInput(filters)} onClose={() => setExporting(false)} />
      ) : null}

      <form className="filters" role="search" aria-label="Search the registry" onSubmit={submit}>
        <label className="field field-grow">
          <span className="field-label">Search names</span>
          <input
            type="search"
            name="q"
            value={typed.q}
            onChange={(e) => typeInto('q', e.target.value)}
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
          label="Status"
          value={filters.status}
          onChange={(status) => onFiltersChange({ ...filters, status })}
          choices={STATUS_CHOICES}
          labels={statusChoiceLabel}
        />
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
        <FilterChoice
          label="Legal category"
          value={filters.category}
          onChange={(category) => onFiltersChange({ ...filters, category })}
          choices={LEGAL_CATEGORIES}
          labels={LEGAL_CATEGORY_LABELS}
        />
        {offered('takenFrom') ? (
          <TextField
            label="Taken from"
            help="Captured, detained or last seen"
            error={dateProblems.takenFrom ?? issueFor(persons.error, 'takenFrom')}
            value={typed.takenFrom}
            onChange={(text) => typeInto('takenFrom', text)}
            name="takenFrom"
            maxLength={10}
            size={11}
            autoComplete="off"
            spellCheck={false}
          />
        ) : null}
        {offered('takenTo') ? (
          <TextField
            label="Taken to"
            help="YYYY, YYYY-MM or YYYY-MM-DD"
            error={dateProblems.takenTo ?? issueFor(persons.error, 'takenTo')}
            value={typed.takenTo}
            onChange={(text) => typeInto('takenTo', text)}
            name="takenTo"
            maxLength={10}
            size={11}
            autoComplete="off"
            spellCheck={false}
          />
        ) : null}
        {offered('place') ? (
          <TextField
            label="Place"
            help="Of any of their events, in any script"
            error={issueFor(persons.error, 'place')}
            value={typed.place}
            onChange={(text) => typeInto('place', text)}
            name="place"
            maxLength={300}
            autoComplete="off"
          />
        ) : null}
        {offered('side') ? (
          <TextField
            label="Side"
            help="Who captured, detained or moved them"
            error={issueFor(persons.error, 'side')}
            value={typed.side}
            onChange={(text) => typeInto('side', text)}
            name="side"
            maxLength={200}
            autoComplete="off"
          />
        ) : null}
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {filtered || typedAnything ? (
            <button type="button" className="button button-secondary" onClick={clear}>
              Clear filters
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
              <p>
                No person matches{' '}
                {filters.q === '' ? (
                  'these filters'
                ) : isFiltered({ ...filters, q: '' }) ? (
                  <>“{filters.q}” with these filters</>
                ) : (
                  <>“{filters.q}”</>
                )}
                .
              </p>
              <p className="muted">Try another spelling or fewer filters.</p>
            </>
          ) : (
            <p>The registry is empty.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <p className="result-count" aria-live="polite" data-testid="registry-count">
            {total.data ? (
              registryCountText(total.data.count, items.length, filtered)
            ) : (
              <>
                {items.length} {items.length === 1 ? 'person' : 'persons'}
                {persons.hasNextPage ? ' shown, more available' : filtered ? ' found' : ''}
              </>
            )}
            {(persons.isFetching && !persons.isFetchingNextPage) || total.isFetching ? (
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
          <LoadMore query={persons} />
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
