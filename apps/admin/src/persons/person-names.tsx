import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { labelOf, NAME_KIND_LABELS } from '../labels.ts';
import type { ApiOutputs } from '../trpc.ts';
import { ScriptBadge } from '../ui/badges.tsx';
import { AddNameForm, CorrectNameForm } from './name-form.tsx';
import { NameText } from './name-text.tsx';

type PersonName = ApiOutputs['persons']['get']['names'][number];

/**
 * Every spelling of the person's name, in the order they were recorded. Staff who may write
 * add a spelling by hand or correct one in place, one form at a time.
 */
export function PersonNames({ personId, names }: { personId: string; names: PersonName[] }) {
  const mayWrite = useMay('write');
  // The form open in the panel: `'new'` for a new spelling, or the id of the name corrected.
  const [open, setOpen] = useState<string | null>(null);
  const close = () => setOpen(null);
  const columns = mayWrite ? 5 : 4;
  return (
    <section className="panel" aria-labelledby="names-heading">
      <div className="panel-header">
        <h2 id="names-heading">Names</h2>
        {mayWrite && open !== 'new' ? (
          <button
            type="button"
            className="button button-secondary button-small panel-action"
            onClick={() => setOpen('new')}
          >
            Add a spelling
          </button>
        ) : null}
      </div>
      {open === 'new' ? <AddNameForm personId={personId} onClose={close} /> : null}
      <div className="table-scroll">
        <table className="table table-compact table-names" data-testid="person-names">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Script</th>
              <th scope="col">Kind</th>
              <th scope="col">Language</th>
              {mayWrite ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {names.map((name) =>
              open === name.id ? (
                <tr key={name.id} data-testid="name-correction">
                  <td colSpan={columns}>
                    <CorrectNameForm name={name} onClose={close} />
                  </td>
                </tr>
              ) : (
                <tr key={name.id}>
                  <td className="cell-name">
                    <NameText name={name} />
                  </td>
                  <td>
                    <ScriptBadge script={name.script} />
                  </td>
                  <td>{labelOf(NAME_KIND_LABELS, name.kind)}</td>
                  <td className="muted">{name.language ?? '—'}</td>
                  {mayWrite ? (
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Correct ${name.value}`}
                        onClick={() => setOpen(name.id)}
                      >
                        Correct
                      </button>
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
