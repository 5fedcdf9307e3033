import {
  ACKNOWLEDGEMENTS,
  CLAIM_PREDICATES,
  CREDIBILITY,
  IDENTIFIER_KINDS,
  LEGAL_CATEGORIES,
  STANCES,
} from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  ACKNOWLEDGEMENT_LABELS,
  CLAIM_PREDICATE_LABELS,
  CREDIBILITY_LABELS,
  IDENTIFIER_KIND_LABELS,
  LEGAL_CATEGORY_LABELS,
  STANCE_LABELS,
} from '../labels.ts';
import { PersonPicker } from '../persons/person-picker.tsx';
import { Link, paths } from '../router.tsx';
import { SourcePicker } from '../sources/source-picker.tsx';
import { useTRPC, type ApiInputs } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormField,
  FormProblem,
  issueFor,
  orNull,
  TextAreaField,
  lengthProblem,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import type { PickerOption } from '../ui/record-picker.tsx';

type PersonPredicate = (typeof CLAIM_PREDICATES.person)[number];
export type Credibility = (typeof CREDIBILITY)[number];

/** The fields every claim form shows; the person and the source are chosen only where not fixed. */
const FIELDS = ['predicate', 'value', 'stance', 'credibility', 'excerpt', 'locator'] as const;

/** The longest value typed in words, and the longest identifier, the form sends. */
const MAX_VALUE_LENGTH = 300;
const MAX_IDENTIFIER_LENGTH = 100;

/** Where the value is typed in words, a hint of what the server expects. */
const VALUE_HELP: Partial<Record<PersonPredicate, string>> = {
  name: 'The spelling as the source writes it, in its own script.',
  birth_date: 'YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is.',
  other: 'What the source says, in a few words.',
};

/**
 * Records what a source says about a person. Used on a source's page (the source is fixed, the
 * person is chosen) and on a person's page (the other way round). The claim enters as pending
 * and opens a review task: it changes nothing about the person until another reviewer accepts it.
 */
export function ClaimForm({
  source,
  person,
  onClose,
}: {
  /** The source, when the form is on its page. */
  source?: PickerOption;
  /** The person, when the form is on their page. */
  person?: PickerOption;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [chosenPerson, setChosenPerson] = useState<PickerOption | null>(null);
  const [chosenSource, setChosenSource] = useState<PickerOption | null>(null);
  const [predicate, setPredicate] = useState<PersonPredicate>('legal_category');
  const [value, setValue] = useState('');
  const [identifierKind, setIdentifierKind] = useState<(typeof IDENTIFIER_KINDS)[number]>(
    IDENTIFIER_KINDS[0],
  );
  const [stance, setStance] = useState<(typeof STANCES)[number]>('supports');
  const [credibility, setCredibility] = useState<Credibility>(6);
  const [excerpt, setExcerpt] = useState('');
  const [locator, setLocator] = useState('');

  const subject = person ?? chosenPerson;
  const from = source ?? chosenSource;
  // Records are chosen, not typed: an unchosen one is named here rather than sent as an empty id.
  const [checked, setChecked] = useState(false);

  const create = useMutation(
    trpc.claims.create.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.claims.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.sources.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
        ]);
      },
    }),
  );
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function claimValue(): ApiInputs['claims']['create']['value'] {
    const text = value.trim();
    if (text === '') return null;
    if (predicate === 'identifier') return { kind: identifierKind, value: text };
    return text;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (!from || !subject) return;
    send({
      sourceId: from.id,
      subjectType: 'person',
      personId: subject.id,
      predicate,
      value: claimValue(),
      stance,
      credibility,
      excerpt: orNull(excerpt),
      locator: orNull(locator),
    });
  }

  function choosePredicate(next: PersonPredicate) {
    setPredicate(next);
    setValue('');
  }

  if (create.isSuccess) {
    return (
      <div
        className="form-panel form-done"
        role="status"
        data-testid="claim-entered"
        onKeyDown={inline.onKeyDown}
      >
        <p>
          <strong>Claim entered.</strong> It is <em>awaiting review</em> and changes nothing about{' '}
          {subject?.label ?? 'the person'} until another reviewer accepts it. A review task is open
          in the <Link to={paths.review()}>review queue</Link>.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => create.reset()}>
            Enter another claim
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Add a claim"
      noValidate
    >
      <h3 className="form-title">Add a claim</h3>
      <FormProblem
        error={error}
        fields={[...(person ? [] : ['personId']), ...(source ? [] : ['sourceId']), ...FIELDS]}
      />
      {person ? null : (
        <FormField
          label="Person"
          className="span-2"
          error={checked && !subject ? 'Choose the person.' : issueFor(error, 'personId')}
          help="Search the registry in any script."
        >
          {(control) => (
            <PersonPicker control={control} selected={chosenPerson} onSelect={setChosenPerson} />
          )}
        </FormField>
      )}
      {source ? null : (
        <FormField
          label="Source"
          className="span-2"
          error={checked && !from ? 'Choose the source.' : issueFor(error, 'sourceId')}
        >
          {(control) => (
            <SourcePicker control={control} selected={chosenSource} onSelect={setChosenSource} />
          )}
        </FormField>
      )}
      <ChoiceField
        label="What the source asserts"
        error={issueFor(error, 'predicate')}
        value={predicate}
        onChange={choosePredicate}
        choices={CLAIM_PREDICATES.person}
        labels={(p) => CLAIM_PREDICATE_LABELS[p] ?? p}
      />
      <FormField
        label="Value"
        error={
          lengthProblem(
            value,
            predicate === 'identifier' ? MAX_IDENTIFIER_LENGTH : MAX_VALUE_LENGTH,
          ) ?? issueFor(error, 'value')
        }
        help={VALUE_HELP[predicate]}
      >
        {(control) =>
          predicate === 'legal_category' || predicate === 'acknowledgement' ? (
            <select {...control} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              {predicate === 'legal_category'
                ? LEGAL_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {LEGAL_CATEGORY_LABELS[c]}
                    </option>
                  ))
                : ACKNOWLEDGEMENTS.map((a) => (
                    <option key={a} value={a}>
                      {ACKNOWLEDGEMENT_LABELS[a]}
                    </option>
                  ))}
            </select>
          ) : predicate === 'identifier' ? (
            <div className="input-pair">
              <select
                aria-label="Kind of identifier"
                value={identifierKind}
                onChange={(e) =>
                  setIdentifierKind(e.target.value as (typeof IDENTIFIER_KINDS)[number])
                }
              >
                {IDENTIFIER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {IDENTIFIER_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <input {...control} value={value} onChange={(e) => setValue(e.target.value)} />
            </div>
          ) : (
            <input {...control} value={value} onChange={(e) => setValue(e.target.value)} />
          )
        }
      </FormField>
      <ChoiceField
        label="Stance"
        error={issueFor(error, 'stance')}
        value={stance}
        onChange={setStance}
        choices={STANCES}
        labels={STANCE_LABELS}
      />
      <CredibilityField
        error={issueFor(error, 'credibility')}
        value={credibility}
        onChange={setCredibility}
      />
      <TextAreaField
        label="Excerpt"
        className="span-2"
        error={issueFor(error, 'excerpt')}
        help="The words of the source that say it."
        rows={3}
        value={excerpt}
        onChange={setExcerpt}
        maxLength={10_000}
      />
      <TextField
        label="Where in the source"
        error={issueFor(error, 'locator')}
        help="Page, paragraph or timestamp."
        value={locator}
        onChange={setLocator}
        maxLength={200}
      />
      <FormActions
        pending={create.isPending}
        submit="Enter the claim"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}

/**
 * How credible what a claim says is, on the Admiralty grades from 1 (confirmed by other sources)
 * to 6 (cannot be judged).
 */
export function CredibilityField({
  error,
  value,
  onChange,
}: {
  error: string | undefined;
  value: Credibility;
  onChange: (grade: Credibility) => void;
}) {
  return (
    <ChoiceField
      label="Credibility"
      error={error}
      value={value}
      onChange={onChange}
      choices={CREDIBILITY}
      labels={(grade) => `${grade} — ${CREDIBILITY_LABELS[grade]}`}
    />
  );
}
