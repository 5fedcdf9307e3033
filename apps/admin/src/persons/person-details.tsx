import {
  AFFILIATION_LABELS,
  IDENTIFIER_KIND_LABELS,
  labelOf,
  partialDateText,
  SENSITIVITY_LABELS,
  SEX_LABELS,
} from '../labels.ts';
import type { ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import { Detail } from '../ui/detail.tsx';

type Person = ApiOutputs['persons']['get'];

/** The person's details; `onEdit`, for those who may change them, offers to edit them. */
export function PersonDetails({ person, onEdit }: { person: Person; onEdit?: () => void }) {
  return (
    <section className="panel" aria-labelledby="details-heading">
      <div className="panel-header">
        <h2 id="details-heading">Details</h2>
        {onEdit ? (
          <button
            type="button"
            className="button button-secondary button-small panel-action"
            onClick={onEdit}
          >
            Edit the details
          </button>
        ) : null}
      </div>
      <dl className="details">
        <Detail label="Sex" value={person.sex}>
          {labelOf(SEX_LABELS, person.sex)}
        </Detail>
        <Detail label="Born" value={person.birthDate}>
          {partialDateText(person.birthDate)}
        </Detail>
        <Detail label="Place of birth" value={person.birthPlace} />
        <Detail label="Father’s name" value={person.fatherName} />
        <Detail label="Citizenship" value={person.citizenship} />
        <Detail label="Affiliation" value={person.affiliation}>
          {labelOf(AFFILIATION_LABELS, person.affiliation)}
        </Detail>
        <Detail label="Unit" value={person.unit} />
        <Detail label="Rank" value={person.rank} />
        <Detail
          label="Identifiers"
          value={
            person.identifiers === undefined
              ? undefined
              : person.identifiers.length === 0
                ? null
                : person.identifiers
          }
        >
          <ul className="plain-list">
            {person.identifiers?.map((identifier, i) => (
              <li key={i}>
                <span className="muted">{labelOf(IDENTIFIER_KIND_LABELS, identifier.kind)}:</span>{' '}
                {identifier.value}
              </li>
            ))}
          </ul>
        </Detail>
        <Detail label="Family contact" value={person.familyContact}>
          <span className="restricted-value">
            {person.familyContact}{' '}
            <Badge tone="bad" title="Every read of this field is recorded in the audit log">
              Restricted
            </Badge>
          </span>
        </Detail>
        <Detail label="Notes" value={person.notes}>
          <span className="prewrap">{person.notes}</span>
        </Detail>
        <Detail label="Who may see this person" value={person.sensitivity}>
          {labelOf(SENSITIVITY_LABELS, person.sensitivity)}
        </Detail>
      </dl>
    </section>
  );
}
