import { labelOf, NAME_KIND_LABELS } from '../labels.ts';
import type { ApiOutputs } from '../trpc.ts';
import { ScriptBadge } from '../ui/badges.tsx';
import { NameText } from './name-text.tsx';

type PersonName = ApiOutputs['persons']['get']['names'][number];

/** Every spelling of the person's name, in the order they were recorded. */
export function PersonNames({ names }: { names: PersonName[] }) {
  return (
    <section className="panel" aria-labelledby="names-heading">
      <div className="panel-header">
        <h2 id="names-heading">Names</h2>
      </div>
      <div className="table-scroll">
        <table className="table table-compact" data-testid="person-names">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Script</th>
              <th scope="col">Kind</th>
              <th scope="col">Language</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <tr key={name.id}>
                <td className="cell-name">
                  <NameText name={name} />
                </td>
                <td>
                  <ScriptBadge script={name.script} />
                </td>
                <td>{labelOf(NAME_KIND_LABELS, name.kind)}</td>
                <td className="muted">{name.language ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
