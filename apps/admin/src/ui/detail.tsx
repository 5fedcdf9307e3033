import type { ReactNode } from 'react';

/**
 * A row of a details list (`<dl className="details">`) for a field the server sent: `children`
 * show its value where plain text will not do, and an empty one reads "Not recorded". A field
 * cut by redaction is absent from the response and gets no row at all: the page does not hint
 * at what the caller may not see.
 *
 * @example
 * <Detail label="Born" value={person.birthDate}>{partialDateText(person.birthDate)}</Detail>
 */
export function Detail({
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
