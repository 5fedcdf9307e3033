import { IDENTIFIER_KINDS } from '@vigil/domain';
import { useEffect, useRef } from 'react';
import { IDENTIFIER_KIND_LABELS } from '../labels.ts';
import { fieldIssuesOf } from '../trpc.ts';
import { ChoiceField, issueFor, TextField } from '../ui/form.tsx';
import { NEW_IDENTIFIER, type IdentifierDraft } from './person-draft.ts';

/** The server's longest identifier, as `IdentifierSchema` says. */
const MAX_IDENTIFIER_LENGTH = 100;

/**
 * The input fields the rows of identifiers mark beside their controls, for `FormProblem`: each
 * row's kind and number, then the list as a whole (at most 50).
 */
export function identifierFieldsOf(identifiers: readonly IdentifierDraft[], field: string) {
  return [...identifiers.flatMap((_, i) => [`${field}.${i}.kind`, `${field}.${i}.value`]), field];
}

/**
 * A person's identifiers (national ID, service number, case numbers of the ICRC, a court or the
 * UN), one row each: its kind and its number, with the server's message about either beside it
 * (`patch.identifiers.1.value` beside row 2), and its message about the list below the rows.
 * A row added takes the focus; a row removed leaves it on the row that took its place.
 *
 * @example
 * <IdentifierFields identifiers={draft.identifiers} onChange={setIdentifiers}
 *   error={update.error} field="patch.identifiers" />
 */
export function IdentifierFields({
  identifiers,
  onChange,
  error,
  field,
}: {
  identifiers: readonly IdentifierDraft[];
  onChange: (identifiers: IdentifierDraft[]) => void;
  /** The server's refusal of the form, if any. */
  error: unknown;
  /** The input field of the list, as the server names it in its messages. */
  field: string;
}) {
  const area = useRef<HTMLFieldSetElement>(null);
  // Where focus goes once the rows are drawn again: a row's first control, or the add button.
  const focusNext = useRef<{ row: number; control: 'select' | 'button' } | null>(null);
  useEffect(() => {
    const next = focusNext.current;
    if (!next || !area.current) return;
    focusNext.current = null;
    const row = area.current.querySelector(`[data-row="${next.row}"]`);
    const target =
      row?.querySelector<HTMLElement>(next.control === 'select' ? 'select' : 'button') ??
      area.current.querySelector<HTMLElement>('[data-add-identifier]');
    target?.focus();
  }, [identifiers.length]);

  const change = (index: number, identifier: IdentifierDraft) =>
    onChange(identifiers.map((current, i) => (i === index ? identifier : current)));
  // What the server says about the list, or a row as a whole, rather than one control of a row.
  const controls = identifierFieldsOf(identifiers, field).slice(0, -1);
  const listIssue = fieldIssuesOf(error)
    .filter(
      ({ field: f }) =>
        (f === field || f.startsWith(`${field}.`)) &&
        !controls.some((control) => f === control || f.startsWith(`${control}.`)),
    )
    .map((issue) => issue.message)
    .join('; ');
  return (
    <fieldset
      ref={area}
      className={`identifier-fields span-2${listIssue ? ' field-invalid' : ''}`}
      data-testid="identifier-fields"
    >
      <legend className="field-label">Identifiers</legend>
      {identifiers.length === 0 ? (
        <p className="muted small identifier-none">None recorded.</p>
      ) : (
        <ol className="identifier-rows">
          {identifiers.map((identifier, i) => (
            <li key={i} className="identifier-row" data-row={i} data-testid="identifier-row">
              <ChoiceField
                label={`Kind of identifier ${i + 1}`}
                error={issueFor(error, `${field}.${i}.kind`)}
                value={identifier.kind}
                onChange={(kind) => change(i, { ...identifier, kind })}
                choices={IDENTIFIER_KINDS}
                labels={IDENTIFIER_KIND_LABELS}
              />
              <TextField
                label={`Identifier ${i + 1}`}
                error={issueFor(error, `${field}.${i}.value`)}
                value={identifier.value}
                onChange={(value) => change(i, { ...identifier, value })}
                maxLength={MAX_IDENTIFIER_LENGTH}
                spellCheck={false}
              />
              <button
                type="button"
                className="button button-secondary button-small identifier-remove"
                aria-label={`Remove identifier ${i + 1}`}
                onClick={() => {
                  focusNext.current = { row: i, control: 'button' };
                  onChange(identifiers.filter((_, j) => j !== i));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div>
        <button
          type="button"
          className="button button-secondary button-small"
          data-add-identifier
          onClick={() => {
            focusNext.current = { row: identifiers.length, control: 'select' };
            onChange([...identifiers, NEW_IDENTIFIER]);
          }}
        >
          Add an identifier
        </button>
      </div>
      {listIssue ? <span className="field-error">{listIssue}</span> : null}
    </fieldset>
  );
}
