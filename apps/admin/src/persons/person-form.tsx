import { AFFILIATIONS, SEXES, type Sensitivity } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AFFILIATION_LABELS, SENSITIVITY_LABELS, SEX_LABELS } from '../labels.ts';
import { useClearance } from '../auth/session.ts';
import { navigate, paths } from '../router.tsx';
import { sensitivityChoices } from './person-draft.ts';
import { useTRPC } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  orNull,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';
import { SimilarPersons } from './similar-persons.tsx';

/** The input's fields, one a control: each spelling is a field of its own. */
const FIELDS = [
  'names.0',
  'names.1',
  'sex',
  'birthDate',
  'birthPlace',
  'fatherName',
  'affiliation',
  'unit',
  'sensitivity',
] as const;

type Sex = (typeof SEXES)[number];
type Affiliation = (typeof AFFILIATIONS)[number];

/**
 * Enters a new person with one or two spellings of their name (the script is detected by the
 * server). Status is never entered: it is derived from events and claims added afterwards.
 */
export function PersonForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [otherName, setOtherName] = useState('');
  const [sex, setSex] = useState<Sex>('unknown');
  const [birthDate, setBirthDate] = useState('');
  const [birthPlace, setBirthPlace] = useState('');
  const [fatherName, setFatherName] = useState('');
  const [affiliation, setAffiliation] = useState<Affiliation>('unknown');
  const [unit, setUnit] = useState('');
  const [sensitivity, setSensitivity] = useState<Sensitivity>('partner');
  const clearance = useClearance();

  const create = useMutation(
    trpc.persons.create.mutationOptions({
      onSuccess: async (person) => {
        await queryClient.invalidateQueries(trpc.persons.pathFilter());
        navigate(paths.person(person.id));
      },
    }),
  );
  const send = useSubmitGuard(create);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const names: { value: string; kind: 'legal' | 'transliteration' }[] = [
      { value: name.trim(), kind: 'legal' },
    ];
    if (otherName.trim() !== '') names.push({ value: otherName.trim(), kind: 'transliteration' });
    send({
      names,
      sex,
      birthDate: orNull(birthDate),
      birthPlace: orNull(birthPlace),
      fatherName: orNull(fatherName),
      affiliation,
      unit: orNull(unit),
      sensitivity,
    });
  }

  const error = create.error;
  return (
    <form
      {...inline}
      className="form-panel form-grid"
      onSubmit={submit}
      aria-label="New person"
      noValidate
    >
      <h2 className="form-title">New person</h2>
      <FormProblem error={error} fields={FIELDS} />
      <TextField
        label="Name"
        error={issueFor(error, 'names.0')}
        help="As the family or the source writes it, in any script."
        value={name}
        onChange={setName}
        maxLength={200}
      />
      <TextField
        label="Another spelling"
        error={issueFor(error, 'names.1')}
        value={otherName}
        onChange={setOtherName}
        maxLength={200}
      />
      <SimilarPersons name={name || otherName} birthDate={birthDate} fatherName={fatherName} />
      <ChoiceField
        label="Sex"
        error={issueFor(error, 'sex')}
        value={sex}
        onChange={setSex}
        choices={SEXES}
        labels={SEX_LABELS}
      />
      <TextField
        label="Born"
        error={issueFor(error, 'birthDate')}
        help="YYYY, YYYY-MM or YYYY-MM-DD"
        value={birthDate}
        onChange={setBirthDate}
        maxLength={30}
        spellCheck={false}
      />
      <TextField
        label="Place of birth"
        error={issueFor(error, 'birthPlace')}
        value={birthPlace}
        onChange={setBirthPlace}
        maxLength={200}
      />
      <TextField
        label="Father’s name"
        error={issueFor(error, 'fatherName')}
        value={fatherName}
        onChange={setFatherName}
        maxLength={200}
      />
      <ChoiceField
        label="Affiliation"
        error={issueFor(error, 'affiliation')}
        value={affiliation}
        onChange={setAffiliation}
        choices={AFFILIATIONS}
        labels={AFFILIATION_LABELS}
      />
      <TextField
        label="Unit"
        error={issueFor(error, 'unit')}
        value={unit}
        onChange={setUnit}
        maxLength={200}
      />
      <ChoiceField
        label="Who may see this person"
        error={issueFor(error, 'sensitivity')}
        help="Publishing a name can endanger a detainee: never public by default."
        value={sensitivity}
        onChange={setSensitivity}
        choices={sensitivityChoices(clearance, 'partner')}
        labels={SENSITIVITY_LABELS}
      />
      <FormActions
        pending={create.isPending}
        submit="Save the person"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
