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
  claimValueText,
  CREDIBILITY_LABELS,
  IDENTIFIER_KIND_LABELS,
  labelOf,
  LEGAL_CATEGORY_LABELS,
  STANCE_LABELS,
} from '../labels.ts';
import { PersonPicker } from '../persons/person-picker.tsx';
import { Link, paths } from '../router.tsx';
import { changesOf } from '../ui/edit-changes.ts';
import { useVersionedEdit } from '../ui/versioned-edit.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
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
import {
  CLAIM_FIELDS,
  claimDraftOf,
  claimValuesOf,
  type ClaimDraft,
  type ClaimField,
} from './claim-draft.ts';
import type { ListedClaim } from './claims-table.tsx';

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
  const [identifierKind, setIdentifierKind] = useState<IdentifierKind>(IDENTIFIER_KINDS[0]);
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
      <ClaimValueField
        predicate={predicate}
        value={value}
        onChange={setValue}
        identifierKind={identifierKind}
        onIdentifierKind={setIdentifierKind}
        error={issueFor(error, 'value')}
      />
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

type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * The value a claim asserts, typed as its predicate wants it: a legal category or an
 * acknowledgement chosen from their vocabulary, an identifier as its kind and number, anything
 * else as text. The server's message about it, or a length it will refuse, shows beside it.
 */
function ClaimValueField({
  predicate,
  value,
  onChange,
  identifierKind,
  onIdentifierKind,
  error,
}: {
  predicate: string;
  value: string;
  onChange: (value: string) => void;
  identifierKind: IdentifierKind;
  onIdentifierKind: (kind: IdentifierKind) => void;
  error: string | undefined;
}) {
  return (
    <FormField
      label="Value"
      error={
        lengthProblem(
          value,
          predicate === 'identifier' ? MAX_IDENTIFIER_LENGTH : MAX_VALUE_LENGTH,
        ) ?? error
      }
      help={VALUE_HELP[predicate as PersonPredicate]}
    >
      {(control) =>
        predicate === 'legal_category' || predicate === 'acknowledgement' ? (
          <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
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
              onChange={(e) => onIdentifierKind(e.target.value as IdentifierKind)}
            >
              {IDENTIFIER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {IDENTIFIER_KIND_LABELS[k]}
                </option>
              ))}
            </select>
            <input {...control} value={value} onChange={(e) => onChange(e.target.value)} />
          </div>
        ) : (
          <input {...control} value={value} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </FormField>
  );
}

/** How the correction names each field of its draft in its notices, as its labels do. */
const DRAFT_LABELS: Record<keyof ClaimDraft, string> = {
  value: 'Value',
  identifierKind: 'Kind of identifier',
  excerpt: 'Excerpt',
  locator: 'Where in the source',
  credibility: 'Credibility',
};

/**
 * What a correction does to a claim already decided: it goes back to review. Shown on the
 * button that opens the correction and in the form; nothing for a claim still pending.
 */
export function correctionNote(reviewState: ListedClaim['reviewState']): string | null {
  switch (reviewState) {
    case 'accepted':
      return 'This claim was accepted. A correction sends it back to review: the person’s status stops resting on it until a reviewer accepts it again.';
    case 'rejected':
    case 'needs_evidence':
      return 'This claim was decided. A correction sends it back to review, with the earlier decision cleared.';
    case 'pending':
      return null;
  }
}

/**
 * Corrects what a claim records (`claims.update`): its value, excerpt, place in the source and
 * credibility. What the source asserts and its stance are not corrected: a claim saying
 * something else is a new claim. Only the fields changed are sent, with the version the form
 * read: when someone else saved in between, the server refuses with a conflict, nothing
 * changes, and the form offers to reload the claim with the user's changes kept on top. The
 * corrected claim is pending again, with a review task open.
 */
export function CorrectClaimForm({ claim, onClose }: { claim: ListedClaim; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const predicate = claim.predicate ?? '';
  const [reviewState, setReviewState] = useState(claim.reviewState);
  const update = useMutation(
    trpc.claims.update.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.claims.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.sources.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
          queryClient.invalidateQueries(trpc.history.pathFilter()),
        ]);
        onClose();
      },
    }),
  );
  const send = useSubmitGuard(update);
  const inline = useInlineForm<HTMLFormElement>(onClose);
  const { draft, setDraft, rebased, submit, reload } = useVersionedEdit({
    initial: () => ({ version: claim.version, draft: claimDraftOf(claim) }),
    patchOf: (read, now: ClaimDraft) =>
      changesOf(claimValuesOf(predicate, read.draft), claimValuesOf(predicate, now), CLAIM_FIELDS),
    save: (version, patch) => send({ id: claim.id, version, patch }),
    readAgain: async () => {
      const fresh = await queryClient.fetchQuery(
        trpc.claims.get.queryOptions({ id: claim.id }, { staleTime: 0 }),
      );
      setReviewState(fresh.reviewState);
      return { version: fresh.version, draft: claimDraftOf(fresh) };
    },
    onUnchanged: onClose,
    resetError: () => update.reset(),
  });

  const set =
    <F extends keyof ClaimDraft>(field: F) =>
    (value: ClaimDraft[F]) =>
      setDraft({ ...draft, [field]: value });

  const error = update.error;
  const note = correctionNote(reviewState);
  const issueOf = (field: ClaimField) => issueFor(error, `patch.${field}`);
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Correct the claim"
      noValidate
    >
      <h3 className="form-title">
        Correct the claim: {labelOf(CLAIM_PREDICATE_LABELS, predicate)}
        {claim.stance === 'contradicts' ? ' (disputed by the source)' : ''}
      </h3>
      {note ? (
        <p className="notice span-2" data-testid="correction-review-note">
          {note}
        </p>
      ) : null}
      <FormProblem error={error} fields={CLAIM_FIELDS.map((field) => `patch.${field}`)} />
      <ConflictReload error={error} what="the claim" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={rebased.theirs}
          both={rebased.both}
          now={rebased.now}
          labelOf={(field) => DRAFT_LABELS[field]}
          textOf={(field) =>
            field === 'identifierKind'
              ? IDENTIFIER_KIND_LABELS[rebased.now.identifierKind]
              : field === 'value' && rebased.now.value !== null
                ? claimValueText(predicate, rebased.now.value)
                : String(rebased.now[field] ?? '')
          }
        />
      ) : null}
      {draft.value === null ? (
        <div className="field span-2">
          <span className="field-label">Value</span>
          <span>{claimValueText(predicate, claim.value)}</span>
          <span className="field-help">
            Recorded from an imported list; it is kept as it is. Enter a new claim to assert
            something else.
          </span>
        </div>
      ) : (
        <ClaimValueField
          predicate={predicate}
          value={draft.value}
          onChange={set('value')}
          identifierKind={draft.identifierKind}
          onIdentifierKind={set('identifierKind')}
          error={issueOf('value')}
        />
      )}
      <CredibilityField
        error={issueOf('credibility')}
        value={draft.credibility}
        onChange={set('credibility')}
      />
      <TextAreaField
        label="Excerpt"
        className="span-2"
        error={issueOf('excerpt')}
        help="The words of the source that say it."
        rows={3}
        value={draft.excerpt}
        onChange={set('excerpt')}
        maxLength={10_000}
      />
      <TextField
        label="Where in the source"
        error={issueOf('locator')}
        help="Page, paragraph or timestamp."
        value={draft.locator}
        onChange={set('locator')}
        maxLength={200}
      />
      <FormActions
        pending={update.isPending}
        submit="Save the correction"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
