import { useId, type ReactNode } from 'react';
import { describeError, fieldIssuesOf, type FieldIssue } from '../trpc.ts';

/** What a form control needs to be tied to its label's help and error text. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled form control with its help text and the server's message about it, if any.
 * The control is rendered by `children` so that it gets the ids that tie it to both.
 *
 * @example
 * <FormField label="Title" error={issueFor(error, 'title')}>
 *   {(control) => <input {...control} value={title} onChange={…} />}
 * </FormField>
 */
export function FormField({
  label,
  help,
  error,
  className,
  children,
}: {
  label: string;
  help?: ReactNode;
  error?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${className ? ` ${className}` : ''}${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {help ? (
        <span id={helpId} className="field-help">
          {help}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Whether an issue is about `field` or something inside it: `names` covers `names.0.value`,
 * and `text` covers `text (line 3)`.
 */
function concerns(issue: FieldIssue, field: string): boolean {
  return (
    issue.field === field ||
    issue.field.startsWith(`${field}.`) ||
    issue.field.startsWith(`${field} (`)
  );
}

/** The server's message about one field of the input, if it had one. */
export function issueFor(error: unknown, ...fields: string[]): string | undefined {
  const issues = fieldIssuesOf(error).filter((i) => fields.some((f) => concerns(i, f)));
  return issues.length > 0 ? issues.map((i) => i.message).join('; ') : undefined;
}

/**
 * The server's answer to a refused form, above the form. Issues about fields the form shows
 * are put beside those fields; anything else (a refusal, a conflict, a field the form does not
 * show) is shown here, in the server's own words.
 */
export function FormProblem({
  error,
  fields,
  what = 'Not saved',
}: {
  error: unknown;
  fields: readonly string[];
  what?: string;
}) {
  if (!error) return null;
  const issues = fieldIssuesOf(error);
  const elsewhere = issues.filter((i) => !fields.some((f) => concerns(i, f)));
  const text =
    issues.length === 0
      ? describeError(error)
      : elsewhere.length > 0
        ? elsewhere.map((i) => `${i.field}: ${i.message}`).join('; ')
        : `${issues.length === 1 ? 'one field needs' : `${issues.length} fields need`} correcting, as marked below.`;
  return (
    <p className="form-error" role="alert">
      <strong>{what}: </strong>
      {text}
    </p>
  );
}

/** Turns an empty text field into `null`, as the API wants for "not recorded". */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
