import type { ReactNode } from 'react';
import {
  AFFILIATION_LABELS,
  IDENTIFIER_KIND_LABELS,
  labelOf,
  partialDateText,
  SEX_LABELS,
} from '../labels.ts';
import type { ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';

type Person = ApiOutputs['persons']['get'];

/**
 * A row for a field the server sent. A field cut by redaction is absent from the response
 * and gets no row at all: the page does not hint at what the caller may not see.
 */
function Field({
  label,
  value,
  children,
}: {
  label: string;
  value: unknown;
  children?: ReactNode;
}) {
  if (value === undefined) return null;
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>
        {value === null || value === '' ? (
          <span className="muted">Not recorded</span>
        ) : (
          (children ?? (typeof value === 'string' || typeof value === 'number' ? value : null))
        )}
      </dd>
    </div>
  );
}

export function PersonDetails({ person }: { person: Person }) {
  return (
    <section className="panel" aria-labelledby="details-heading">
      <div className="panel-header">
        <h2 id="details-heading">Details</h2>
      </div>
      <dl className="details">
        <Field label="Sex" value={person.sex}>
          {labelOf(SEX_LABELS, person.sex)}
        </Field>
        <Field label="Born" value={person.birthDate}>
          {partialDateText(person.birthDate)}
        </Field>
        <Field label="Place of birth" value={person.birthPlace} />
        <Field label="Father’s name" value={person.fatherName} />
        <Field label="Citizenship" value={person.citizenship} />
        <Field label="Affiliation" value={person.affiliation}>
          {labelOf(AFFILIATION_LABELS, person.affiliation)}
        </Field>
        <Field label="Unit" value={person.unit} />
        <Field label="Rank" value={person.rank} />
        <Field
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
        </Field>
        <Field label="Family contact" value={person.familyContact}>
          <span className="restricted-value">
            {person.familyContact}{' '}
            <Badge tone="bad" title="Every read of this field is recorded in the audit log">
              Restricted
            </Badge>
          </span>
        </Field>
        <Field label="Notes" value={person.notes}>
          <span className="prewrap">{person.notes}</span>
        </Field>
      </dl>
    </section>
  );
}
