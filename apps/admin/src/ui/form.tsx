import { useId, useRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { describeError, fieldIssuesOf, type FieldIssue } from '../trpc.ts';

/** What a form control needs to be tied to its label's help and error text. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** What every field shows around its control. */
export interface FieldProps {
  label: string;
  help?: ReactNode;
  /** The server's message about the field, usually `issueFor(error, 'field')`. */
  error?: string;
  /** Classes for the field as a whole (`span-2`), not for its control. */
  className?: string;
}

/**
 * A labelled form control with its help text and the server's message about it, if any.
 * The control is rendered by `children` so that it gets the ids that tie it to both.
 * For a plain text box or choice, use `TextField`, `TextAreaField` or `ChoiceField`.
 *
 * @example
 * <FormField label="Source" error={issueFor(error, 'sourceId')}>
 *   {(control) => <SourcePicker control={control} selected={source} onSelect={setSource} />}
 * </FormField>
 */
export function FormField({
  label,
  help,
  error,
  className,
  children,
}: FieldProps & { children: (control: ControlProps) => ReactNode }) {
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
 * A text field's props: its text, and any attribute of the control that the field does not set
 * itself (`maxLength`, `type`, `rows`…).
 */
type TextFieldProps<Tag extends 'input' | 'textarea'> = FieldProps & {
  value: string;
  onChange: (text: string) => void;
} & Omit<
    ComponentPropsWithoutRef<Tag>,
    keyof ControlProps | 'className' | 'value' | 'onChange' | 'children'
  >;

/**
 * What is wrong with a text longer than the server takes, in the server's words, with its
 * length: shown as the user types or pastes, instead of cutting the text with `maxlength`
 * (a pasted name cut silently would be saved wrong).
 */
export function lengthProblem(text: string, maxLength: number | undefined): string | undefined {
  // Counted as the server counts: without the spaces around the text.
  const length = text.trim().length;
  return maxLength !== undefined && length > maxLength
    ? `must be at most ${maxLength} characters (now ${length})`
    : undefined;
}

/**
 * A labelled one-line text box. `onChange` gets the text; any other attribute goes to the
 * `<input>`, except `maxLength`: a longer text is taken whole and the field says it is too long.
 *
 * @example
 * <TextField label="Unit" error={issueFor(error, 'unit')} value={unit} onChange={setUnit} maxLength={200} />
 */
export function TextField({
  label,
  help,
  error,
  className,
  value,
  onChange,
  maxLength,
  ...attributes
}: TextFieldProps<'input'>) {
  return (
    <FormField
      label={label}
      help={help}
      error={lengthProblem(value, maxLength) ?? error}
      className={className}
    >
      {(control) => (
        <input
          {...control}
          {...attributes}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/**
 * A labelled text box of several lines. `onChange` gets the text; any other attribute goes to
 * the `<textarea>`, except `maxLength`, which is told as `TextField` tells it.
 *
 * @example
 * <TextAreaField label="Notes" className="span-2" rows={2} value={notes} onChange={setNotes} />
 */
export function TextAreaField({
  label,
  help,
  error,
  className,
  value,
  onChange,
  maxLength,
  ...attributes
}: TextFieldProps<'textarea'>) {
  return (
    <FormField
      label={label}
      help={help}
      error={lengthProblem(value, maxLength) ?? error}
      className={className}
    >
      {(control) => (
        <textarea
          {...control}
          {...attributes}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/**
 * A labelled choice of one value of a vocabulary (`SEXES`, `CREDIBILITY`…), each option worded
 * by `labels`. `onChange` gets the chosen value with the vocabulary's type.
 *
 * @example
 * <ChoiceField label="Sex" error={issueFor(error, 'sex')} value={sex} onChange={setSex}
 *   choices={SEXES} labels={SEX_LABELS} />
 */
export function ChoiceField<T extends string | number>({
  label,
  help,
  error,
  className,
  value,
  onChange,
  choices,
  labels,
  disabled,
}: FieldProps & {
  value: T;
  onChange: (choice: T) => void;
  choices: readonly T[];
  labels: ChoiceLabels<T>;
  disabled?: boolean;
}) {
  return (
    <FormField label={label} help={help} error={error} className={className}>
      {(control) => (
        <select
          {...control}
          disabled={disabled}
          value={value}
          onChange={(e) => {
            const chosen = choiceOf(choices, e.target.value);
            if (chosen !== undefined) onChange(chosen);
          }}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {wordFor(labels, choice)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/**
 * A filter of a list by one vocabulary, in a bar of filters: the select sits inside its label,
 * and a first option (`any`) filters nothing. `onChange` gets `''` for that option, or the
 * chosen value with the vocabulary's type.
 *
 * @example
 * <FilterChoice label="Sex" value={filters.sex} onChange={(sex) => onFiltersChange({ ...filters, sex })}
 *   choices={SEXES} labels={SEX_LABELS} />
 */
export function FilterChoice<T extends string>({
  label,
  any = 'Any',
  value,
  onChange,
  choices,
  labels,
}: {
  label: string;
  /** The words of the option that filters nothing. */
  any?: string;
  value: T | '';
  onChange: (choice: T | '') => void;
  choices: readonly T[];
  labels: ChoiceLabels<T>;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        value={value}
        onChange={(e) => {
          const chosen = e.target.value === '' ? '' : choiceOf(choices, e.target.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        <option value="">{any}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {wordFor(labels, choice)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The words for the values of a vocabulary: its table of labels (`SEX_LABELS`), or a function
 * where the words are made otherwise (`` (grade) => `${grade} — ${CREDIBILITY_LABELS[grade]}` ``).
 */
/**
 * One choice out of a few, all in sight: radio buttons drawn as a segmented bar, under a legend.
 *
 * @example
 * <SegmentedChoice legend="Format" name="format" value={format} onChange={setFormat}
 *   choices={LIST_FORMATS} labels={LIST_FORMAT_LABELS} />
 */
export function SegmentedChoice<T extends string>({
  legend,
  name,
  value,
  onChange,
  choices,
  labels,
  className = '',
}: {
  legend: string;
  /** The radio group's name, unique in its form. */
  name: string;
  value: T;
  onChange: (choice: T) => void;
  choices: readonly T[];
  labels: ChoiceLabels<T>;
  className?: string;
}) {
  return (
    <fieldset className={`segmented ${className}`.trim()}>
      <legend className="field-label">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice} className="segmented-option">
          <input
            type="radio"
            name={name}
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          <span>{wordFor(labels, choice)}</span>
        </label>
      ))}
    </fieldset>
  );
}

export type ChoiceLabels<T extends string | number> =
  Readonly<Record<T, string>> | ((choice: T) => string);

function wordFor<T extends string | number>(labels: ChoiceLabels<T>, choice: T): string {
  return typeof labels === 'function' ? labels(choice) : labels[choice];
}

/**
 * The choice whose `<option>` value is `text` (the DOM gives `'3'` for the choice 3), or
 * `undefined` when none is.
 */
export function choiceOf<T extends string | number>(
  choices: readonly T[],
  text: string,
): T | undefined {
  return choices.find((choice) => String(choice) === text);
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
 * The server's answer to a refused form, above the form. `fields` names the input fields the
 * form marks beside their controls, one entry a control. Issues about those are counted by
 * field (a field with two messages is one field to correct); anything else (a refusal, a
 * conflict, a field the form does not show) is shown here, in the server's own words.
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
  return (
    <p className="form-error" role="alert">
      <strong>{what}: </strong>
      {problemText(error, fields)}
    </p>
  );
}

/** What {@link FormProblem} says about a refused form whose controls show `fields`. */
export function problemText(error: unknown, fields: readonly string[]): string {
  const issues = fieldIssuesOf(error);
  if (issues.length === 0) return describeError(error);
  const marked = new Set<string>();
  const elsewhere: FieldIssue[] = [];
  for (const issue of issues) {
    const field = fields.find((f) => concerns(issue, f));
    if (field === undefined) elsewhere.push(issue);
    else marked.add(field);
  }
  const parts = elsewhere.map((i) => `${i.field}: ${i.message}`);
  if (marked.size > 0)
    parts.unshift(
      `${marked.size === 1 ? 'one field needs' : `${marked.size} fields need`} correcting, as marked below`,
    );
  return elsewhere.length === 0 ? `${parts[0]}.` : parts.join('; ');
}

/** Turns an empty text field into `null`, as the API wants for "not recorded". */
export function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** The part of a mutation (`useMutation`'s result) that {@link useSubmitGuard} uses. */
export interface GuardedMutation<TVariables> {
  isPending: boolean;
  mutate: (variables: TVariables, options?: { onSettled?: () => void }) => void;
}

/**
 * Sends `variables` unless a send through `sending` has not settled yet; says whether it sent.
 * The flag is set before the mutation starts and cleared when it succeeds or fails.
 */
export function sendOnce<TVariables>(
  sending: { current: boolean },
  mutation: GuardedMutation<TVariables>,
  variables: TVariables,
): boolean {
  if (sending.current || mutation.isPending) return false;
  sending.current = true;
  mutation.mutate(variables, {
    onSettled: () => {
      sending.current = false;
    },
  });
  return true;
}

/**
 * A form's mutation, sent at most once at a time. `isPending` changes only when the form draws
 * again, so the second click of a double click still finds it false and would send the form
 * twice (two person records); the flag here is set at once on the first submit.
 *
 * @example
 * const create = useMutation(trpc.persons.create.mutationOptions());
 * const send = useSubmitGuard(create);
 * function submit(event: FormEvent<HTMLFormElement>) {
 *   event.preventDefault();
 *   send({ names, sex });
 * }
 */
export function useSubmitGuard<TVariables>(
  mutation: GuardedMutation<TVariables>,
): (variables: TVariables) => boolean {
  const sending = useRef(false);
  return (variables) => sendOnce(sending, mutation, variables);
}

/**
 * A form's submit and cancel buttons. The submit button is disabled, and says what is
 * happening, while the form's request runs.
 *
 * @example
 * <FormActions pending={save.isPending} submit="Save the changes" pendingLabel="Saving…" onCancel={onClose} />
 */
export function FormActions({
  pending,
  submit,
  pendingLabel,
  onCancel,
  cancel = 'Cancel',
  className = 'span-2',
  disabled = false,
}: {
  pending: boolean;
  /** Keeps the submit button off until the form may be sent (e.g. not yet confirmed). */
  disabled?: boolean;
  submit: string;
  pendingLabel: string;
  onCancel?: (() => void) | undefined;
  cancel?: string;
  className?: string;
}) {
  return (
    <div className={`form-actions ${className}`.trim()}>
      <button type="submit" className="button button-primary" disabled={pending || disabled}>
        {pending ? pendingLabel : submit}
      </button>
      {onCancel ? (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {cancel}
        </button>
      ) : null}
    </div>
  );
}
