import { AFFILIATIONS, SEXES } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AFFILIATION_LABELS, SEX_LABELS } from '../labels.ts';
import { useTRPC, type ApiInputs, type ApiOutputs } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  orNull,
  TextAreaField,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

type Person = ApiOutputs['persons']['get'];
type Patch = ApiInputs['persons']['update']['patch'];
type Sex = (typeof SEXES)[number];
type Affiliation = (typeof AFFILIATIONS)[number];

/** The free-text details the form edits; a field the caller may not see is not offered. */
const TEXT_FIELDS = [
  'birthDate',
  'birthPlace',
  'fatherName',
  'citizenship',
  'unit',
  'rank',
  'notes',
] as const;
type TextFieldName = (typeof TEXT_FIELDS)[number];

const TEXT_LABELS: Record<TextFieldName, string> = {
  birthDate: 'Born',
  birthPlace: 'Place of birth',
  fatherName: 'Father’s name',
  citizenship: 'Citizenship',
  unit: 'Unit',
  rank: 'Rank',
  notes: 'Notes',
};

/**
 * Edits a person's details. Only the fields changed are sent, with the version the page read:
 * when someone else saved in between, the server refuses with a conflict and nothing changes.
 * Every earlier value stays in the person's history.
 */
export function PersonDetailsForm({ person, onClose }: { person: Person; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shown = TEXT_FIELDS.filter((field) => person[field] !== undefined);
  const [sex, setSex] = useState<Sex>(person.sex ?? 'unknown');
  const [affiliation, setAffiliation] = useState<Affiliation>(person.affiliation ?? 'unknown');
  const [texts, setTexts] = useState<Record<TextFieldName, string>>(
    () =>
      Object.fromEntries(TEXT_FIELDS.map((field) => [field, person[field] ?? ''])) as Record<
        TextFieldName,
        string
      >,
  );

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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch: Patch = {};
    if (sex !== person.sex) patch.sex = sex;
    if (affiliation !== person.affiliation) patch.affiliation = affiliation;
    for (const field of shown) {
      const value = orNull(texts[field]);
      if (value !== (person[field] ?? null)) patch[field] = value;
    }
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    send({ id: person.id, version: person.version, patch });
  }

  const error = update.error;
  const setText = (field: TextFieldName) => (text: string) =>
    setTexts((current) => ({ ...current, [field]: text }));
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="Edit the details"
      noValidate
    >
      <h2 className="form-title">Edit the details</h2>
      <FormProblem
        error={error}
        fields={['sex', 'affiliation', ...shown].map((field) => `patch.${field}`)}
      />
      <ChoiceField
        label="Sex"
        error={issueFor(error, 'patch.sex')}
        value={sex}
        onChange={setSex}
        choices={SEXES}
        labels={SEX_LABELS}
      />
      <ChoiceField
        label="Affiliation"
        error={issueFor(error, 'patch.affiliation')}
        value={affiliation}
        onChange={setAffiliation}
        choices={AFFILIATIONS}
        labels={AFFILIATION_LABELS}
      />
      {shown.map((field) =>
        field === 'notes' ? (
          <TextAreaField
            key={field}
            label={TEXT_LABELS[field]}
            className="span-2"
            rows={3}
            error={issueFor(error, `patch.${field}`)}
            value={texts[field]}
            onChange={setText(field)}
            maxLength={20_000}
          />
        ) : (
          <TextField
            key={field}
            label={TEXT_LABELS[field]}
            help={field === 'birthDate' ? 'YYYY, YYYY-MM or YYYY-MM-DD' : undefined}
            error={issueFor(error, `patch.${field}`)}
            value={texts[field]}
            onChange={setText(field)}
            maxLength={200}
            spellCheck={field === 'birthDate' ? false : undefined}
          />
        ),
      )}
      <FormActions
        pending={update.isPending}
        submit="Save the changes"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
