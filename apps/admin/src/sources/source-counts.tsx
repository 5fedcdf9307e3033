import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { partialDateText } from '../labels.ts';
import { CountClaimForm } from '../numbers/count-claim-form.tsx';
import type { Population } from '../numbers/count-draft.ts';
import { countText } from '../numbers/count-text.ts';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { Loading } from '../ui/query-states.tsx';

type Source = ApiOutputs['sources']['get'];
type CountClaim = Source['countClaims'][number];

/** The most count claims read to find the populations counted so far. */
const POPULATIONS_FROM = 500;

/**
 * Every population counted: this source's first (the likeliest for its next number), then the
 * others' in order, each once.
 */
function populationsOf(
  ...lists: { population?: string | undefined; populationLabel?: string | undefined }[][]
): Population[] {
  const byKey = new Map<string, Population>();
  for (const list of lists)
    for (const { population, populationLabel } of list)
      if (population && populationLabel && !byKey.has(population))
        byKey.set(population, { key: population, label: populationLabel });
  return [...byKey.values()];
}

/**
 * The numbers a source gives ("23", "223", "about 60"), each a claim by someone, on a date,
 * about a population; those who may write add one here, or edit one in its row.
 */
export function SourceCounts({ source, mayWrite }: { source: Source; mayWrite: boolean }) {
  const trpc = useTRPC();
  const [form, setForm] = useState<'add' | { edit: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const others = useQuery(
    trpc.counts.list.queryOptions({ limit: POPULATIONS_FROM }, { enabled: mayWrite }),
  );
  if (!mayWrite && source.countClaims.length === 0) return null;

  const populations = populationsOf(source.countClaims, others.data?.items ?? []);
  const open = (next: typeof form) => {
    setSaved(null);
    setForm(next);
  };
  const formProps = {
    sourceId: source.id,
    populations,
    onClose: () => setForm(null),
    onSaved: (number: string) => setSaved(number),
  };
  // The populations counted elsewhere are offered in the form: it waits for them, briefly.
  const ready = !others.isPending || !mayWrite;
  const columns = mayWrite ? 5 : 4;

  return (
    <section className="panel" aria-labelledby="counts-heading">
      <div className="panel-header">
        <h2 id="counts-heading">Numbers given by this source</h2>
        <span className="muted small">
          Each number is a claim by someone, on a date, about a population
        </span>
        {mayWrite && form !== 'add' ? (
          <button
            type="button"
            className="button button-secondary button-small panel-action"
            onClick={() => open('add')}
          >
            Add a number
          </button>
        ) : null}
      </div>
      {saved ? (
        <p className="notice notice-good" role="status" data-testid="count-saved">
          Saved the number {saved}. It is on the Numbers page too.
        </p>
      ) : null}
      {form === 'add' ? (
        ready ? (
          <CountClaimForm {...formProps} />
        ) : (
          <Loading label="Loading the populations counted…" />
        )
      ) : null}
      {source.countClaims.length === 0 ? (
        <p className="muted" data-testid="no-counts">
          This source gives no number yet.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="source-counts">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Claimant</th>
                <th scope="col">As of</th>
                <th scope="col">Population</th>
                {mayWrite ? (
                  <th scope="col">
                    <span className="visually-hidden">Change</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {source.countClaims.map((c) =>
                typeof form === 'object' && form?.edit === c.id ? (
                  <tr key={c.id} className="row-form">
                    <td colSpan={columns}>
                      {ready ? (
                        <CountClaimForm {...formProps} countClaim={c} />
                      ) : (
                        <Loading label="Loading the populations counted…" />
                      )}
                    </td>
                  </tr>
                ) : (
                  <CountRow
                    key={c.id}
                    count={c}
                    onEdit={mayWrite ? () => open({ edit: c.id }) : undefined}
                  />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CountRow({ count: c, onEdit }: { count: CountClaim; onEdit?: (() => void) | undefined }) {
  return (
    <tr data-testid="source-count">
      <td className="count-number">{countText(c)}</td>
      <td>{c.claimant}</td>
      <td className="nowrap">{partialDateText(c.asOf)}</td>
      <td>
        {c.populationLabel}
        {c.note ? <blockquote className="excerpt">{c.note}</blockquote> : null}
      </td>
      {onEdit ? (
        <td className="nowrap">
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Edit the number ${countText(c)} (${c.claimant})`}
            onClick={onEdit}
          >
            Edit
          </button>
        </td>
      ) : null}
    </tr>
  );
}
