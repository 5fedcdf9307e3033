import { REGISTRY_BUCKETS } from '@vigil/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { labelOf, partialDateText, SIDE_LABELS, SIDE_SHORT_LABELS } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { ReliabilityBadge } from '../ui/badges.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { countText } from './count-text.ts';

/** The chart library is large: it is loaded only when this page is opened. */
const NumbersChart = lazy(() =>
  import('./numbers-chart.tsx').then((module) => ({ default: module.NumbersChart })),
);

type Series = ApiOutputs['counts']['series'];
type RegistryDay = Series['registry'][number];

const dayText = (iso: string) => partialDateText(iso);

/** Persons the registry shows held on a day, whatever is known of their life. */
const heldOn = (day: RegistryDay) => day.held_alive + day.contact_lost + day.held_other;

/**
 * The numbers: every count claim over time — "23", "223", "about 60" are claims by someone, on
 * a date, about a population — beside what the registry itself can prove on the same days.
 */
export function NumbersPage() {
  const trpc = useTRPC();
  const [population, setPopulation] = useState('');
  const series = useQuery(
    trpc.counts.series.queryOptions(
      { population: population || undefined },
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Numbers</h1>
          <p className="page-lead">
            Every number a source gives, beside what the registry itself can prove on the same day.
            Disagreement is data: each number is a claim by someone, on a date.
          </p>
          <WhereNumbersAreEntered />
        </div>
      </div>

      {series.isPending ? (
        <Loading label="Counting…" />
      ) : series.isError ? (
        <ErrorNotice
          what="The numbers could not be loaded"
          error={series.error}
          onRetry={() => void series.refetch()}
        />
      ) : series.data.claims.length === 0 && series.data.registry.length === 0 ? (
        <EmptyState>
          <p>No source has given a number yet.</p>
        </EmptyState>
      ) : (
        <>
          {series.data.populations.length > 1 || population ? (
            <div className="filters">
              <label className="field field-grow">
                <span className="field-label">Population</span>
                <select value={population} onChange={(e) => setPopulation(e.target.value)}>
                  <option value="">Every population</option>
                  {series.data.populations.map((p) => (
                    <option key={p.key} value={p.key}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : series.data.populations[0] ? (
            <p className="population">
              <span className="muted">Population counted: </span>
              {series.data.populations[0].label}
            </p>
          ) : null}

          <section className="panel" aria-labelledby="chart-heading">
            <div className="panel-header">
              <h2 id="chart-heading">Over time</h2>
              <span className="muted small">Claimed numbers against the registry’s own counts</span>
            </div>
            <Suspense fallback={<Loading label="Drawing the chart…" />}>
              <NumbersChart series={series.data} />
            </Suspense>
          </section>

          <ClaimedNumbers series={series.data} />
          <RegistryCounts series={series.data} />
        </>
      )}
    </>
  );
}

/** Numbers are entered on the page of the source that gives them, not here. */
function WhereNumbersAreEntered() {
  return (
    <p className="muted small" data-testid="where-numbers-are-entered">
      A number is entered on the page of the source that gives it: open the source in{' '}
      <Link to={paths.sources()}>Sources</Link> and choose “Add a number”.
    </p>
  );
}

function ClaimedNumbers({ series }: { series: Series }) {
  const populationLabel = (key: string) =>
    series.populations.find((p) => p.key === key)?.label ?? key;
  return (
    <section className="panel" aria-labelledby="claimed-heading">
      <div className="panel-header">
        <h2 id="claimed-heading">Numbers claimed by sources</h2>
        <span className="muted small">Oldest first, each beside the registry on that day</span>
      </div>
      {series.claims.length === 0 ? (
        <p className="muted">No source has given a number for this population.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="count-claims">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Claimant</th>
                <th scope="col">As of</th>
                <th scope="col">Registry that day</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {series.claims.map((c) => {
                const day = series.registry.find((r) => r.asOf === c.asOfEarliest);
                return (
                  <tr key={c.id} data-testid="count-claim">
                    <td className="count-number">{countText(c)}</td>
                    <td>
                      {c.claimant}
                      {series.populations.length > 1 ? (
                        <div className="muted small">{populationLabel(c.population)}</div>
                      ) : null}
                      {c.note ? <blockquote className="excerpt">{c.note}</blockquote> : null}
                    </td>
                    <td className="nowrap">{partialDateText(c.asOf)}</td>
                    <td className="registry-beside" data-testid="registry-that-day">
                      {day ? (
                        <>
                          <strong>{day.named}</strong> named
                          <div className="small">
                            {heldOn(day)} held ({day.held_alive} with recent proof of life)
                          </div>
                          <div className="small muted">
                            {day.released} released · {day.dead} dead
                          </div>
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <Link to={paths.source(c.source.id)}>{c.source.title}</Link>
                      {c.source.publisher ? (
                        <div className="muted small">{c.source.publisher}</div>
                      ) : null}
                      <div className="badges">
                        <ReliabilityBadge grade={c.source.reliability} />
                        <span
                          className="badge badge-muted"
                          title={labelOf(SIDE_LABELS, c.source.side)}
                        >
                          {labelOf(SIDE_SHORT_LABELS, c.source.side)}
                        </span>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The registry's counts, one column per day, one row per bucket, in the words of the server. */
function RegistryCounts({ series }: { series: Series }) {
  return (
    <section className="panel" aria-labelledby="registry-counts-heading">
      <div className="panel-header">
        <h2 id="registry-counts-heading">What the registry can prove</h2>
        <span className="muted small">
          Persons with an accepted capture or detention, by their status on each day
        </span>
      </div>
      <div className="table-scroll">
        <table className="table table-compact table-numbers" data-testid="registry-counts">
          <thead>
            <tr>
              <th scope="col">On</th>
              {series.registry.map((day) => (
                <th key={day.asOf} scope="col" className="number">
                  {dayText(day.asOf)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="row-total">
              <th scope="row">named in the registry</th>
              {series.registry.map((day) => (
                <td key={day.asOf} className="number">
                  {day.named}
                </td>
              ))}
            </tr>
            {REGISTRY_BUCKETS.map((bucket) => (
              <tr key={bucket}>
                <th scope="row">{series.buckets[bucket] ?? bucket}</th>
                {series.registry.map((day) => (
                  <td key={day.asOf} className="number">
                    {day[bucket]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
