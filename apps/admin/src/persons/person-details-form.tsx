import { AFFILIATIONS, SEXES } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useClearance } from '../auth/session.ts';
import {
  AFFILIATION_LABELS,
  IDENTIFIER_KIND_LABELS,
  labelOf,
  SENSITIVITY_LABELS,
  SEX_LABELS,
} from '../labels.ts';
import { changesOf } from '../ui/edit-changes.ts';
import { useVersionedEdit } from '../ui/versioned-edit.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  TextAreaField,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import { IdentifierFields, identifierFieldsOf } from './identifier-fields.tsx';
import {
  personDraftOf,
  personFieldsShown,
  personValuesOf,
  sensitivityChoices,
  type PersonDraft,
  type PersonField,
  type PersonTextField,
} from './person-draft.ts';

type Person = ApiOutputs['persons']['get'];
type Patch = ApiInputs['persons']['update']['patch'];

/** How the form names each field, in its labels and its notices. */
const FIELD_LABELS: Record<PersonField, string> = {
  sex: 'Sex',
  affiliation: 'Affiliation',
  birthDate: 'Born',
  birthPlace: 'Place of birth',
  fatherName: 'Father’s name',
  citizenship: 'Citizenship',
  unit: 'Unit',
  rank: 'Rank',
  identifiers: 'Identifiers',
  familyContact: 'Family contact',
  notes: 'Notes',
  sensitivity: 'Who may see this person',
};

/** The one-line texts, in the order the form shows them; notes and the contact take lines. */
const LINE_FIELDS = [
  'birthDate',
  'birthPlace',
  'fatherName',
  'citizenship',
  'unit',
  'rank',
] as const satisfies readonly PersonTextField[];

/** What each level means for a person record, under the choice of who may see it. */
const SENSITIVITY_HELP = {
  public:
    'Anyone may learn that this person is in the registry: publishing a name can endanger a detainee.',
  partner: 'Staff, and partners cleared for partner data.',
  staff: 'Staff only: partners never learn that this person is in the registry.',
  restricted: 'Only users cleared for restricted data.',
} as const;

/** A field's value in the form's words, for the notice after a reload. */
function valueText(draft: PersonDraft, field: PersonField): string {
  if (field === 'sex') return SEX_LABELS[draft.sex];
  if (field === 'affiliation') return AFFILIATION_LABELS[draft.affiliation];
  if (field === 'sensitivity') return SENSITIVITY_LABELS[draft.sensitivity];
  if (field === 'identifiers')
    return draft.identifiers
      .map(
        (identifier) => `${labelOf(IDENTIFIER_KIND_LABELS, identifier.kind)}: ${identifier.value}`,
      )
      .join('; ');
  return draft[field];
}

/**
 * Edits a person's details: sex, affiliation, birth, citizenship, unit and rank, identifiers,
 * the family contact, notes, and who may see the record. A field the caller may not see (the
 * family contact, for a user not cleared for restricted data) is not offered, and never sent.
 * Only the fields changed are sent, with the version the form read: when someone else saved in
 * between, the server refuses with a conflict, nothing changes, and the form offers to reload
 * the person with the user's changes kept on top. Every earlier value stays in the history.
 */
export function PersonDetailsForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const clearance = useClearance();
  const shown = personFieldsShown(person);
  const offers = (field: PersonField) => shown.includes(field);
  const update = useMutation(
    trpc.persons.update.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.history.pathFilter()),
        ]);
        onClose();
      },
    }),
  );
  const send = useSubmitGuard(update);
  const inline = useInlineForm<HTMLFormElement>(onClose);
  const { read, draft, setDraft, rebased, submit, reload } = useVersionedEdit({
    initial: () => ({ version: person.version, draft: personDraftOf(person) }),
    patchOf: (before, now: PersonDraft): Patch =>
      changesOf(personValuesOf(before.draft), personValuesOf(now), shown),
    save: (version, patch) => send({ id: person.id, version, patch }),
    readAgain: async () => {
      const fresh = await queryClient.fetchQuery(
        trpc.persons.get.queryOptions({ id: person.id }, { staleTime: 0 }),
      );
      return { version: fresh.version, draft: personDraftOf(fresh) };
    },
    onUnchanged: onClose,
    resetError: () => update.reset(),
  });

  const error = update.error;
  const set =
    <F extends keyof PersonDraft>(field: F) =>
    (value: PersonDraft[F]) =>
      setDraft((current) => ({ ...current, [field]: value }));
  const fields = shown.flatMap((field) =>
    field === 'identifiers'
      ? identifierFieldsOf(draft.identifiers, 'patch.identifiers')
      : [`patch.${field}`],
  );
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Edit the details"
      noValidate
    >
      <h2 className="form-title">Edit the details</h2>
      <FormProblem error={error} fields={fields} />
      <ConflictReload error={error} what="the person" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={rebased.theirs.filter(offers)}
          both={rebased.both.filter(offers)}
          now={rebased.now}
          labelOf={(field) => FIELD_LABELS[field]}
          textOf={(field) => valueText(rebased.now, field)}
        />
      ) : null}
      {offers('sex') ? (
        <ChoiceField
          label={FIELD_LABELS.sex}
          error={issueFor(error, 'patch.sex')}
          value={draft.sex}
          onChange={set('sex')}
          choices={SEXES}
          labels={SEX_LABELS}
        />
      ) : null}
      {offers('affiliation') ? (
        <ChoiceField
          label={FIELD_LABELS.affiliation}
          error={issueFor(error, 'patch.affiliation')}
          value={draft.affiliation}
          onChange={set('affiliation')}
          choices={AFFILIATIONS}
          labels={AFFILIATION_LABELS}
        />
      ) : null}
      {LINE_FIELDS.filter(offers).map((field) => (
        <TextField
          key={field}
          label={FIELD_LABELS[field]}
          help={field === 'birthDate' ? 'YYYY, YYYY-MM or YYYY-MM-DD' : undefined}
          error={issueFor(error, `patch.${field}`)}
          value={draft[field]}
          onChange={set(field)}
          maxLength={200}
          spellCheck={field === 'birthDate' ? false : undefined}
        />
      ))}
      {offers('identifiers') ? (
        <IdentifierFields
          identifiers={draft.identifiers}
          onChange={set('identifiers')}
          error={error}
          field="patch.identifiers"
        />
      ) : null}
      {offers('familyContact') ? (
        <TextAreaField
          label={FIELD_LABELS.familyContact}
          className="span-2"
          rows={2}
          help={
            <>
              <Badge tone="bad">Restricted</Badge> Only users cleared for restricted data see it;
              every read is recorded in the audit log.
            </>
          }
          error={issueFor(error, 'patch.familyContact')}
          value={draft.familyContact}
          onChange={set('familyContact')}
          maxLength={2000}
        />
      ) : null}
      {offers('notes') ? (
        <TextAreaField
          label={FIELD_LABELS.notes}
          className="span-2"
          rows={3}
          error={issueFor(error, 'patch.notes')}
          value={draft.notes}
          onChange={set('notes')}
          maxLength={20_000}
        />
      ) : null}
      {offers('sensitivity') ? (
        <ChoiceField
          label={FIELD_LABELS.sensitivity}
          className="span-2"
          help={SENSITIVITY_HELP[draft.sensitivity]}
          error={issueFor(error, 'patch.sensitivity')}
          value={draft.sensitivity}
          onChange={set('sensitivity')}
          choices={sensitivityChoices(clearance, read.draft.sensitivity)}
          labels={SENSITIVITY_LABELS}
        />
      ) : null}
      <FormActions
        pending={update.isPending}
        submit="Save the changes"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
