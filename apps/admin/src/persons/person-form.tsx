import { AFFILIATIONS, SENSITIVITIES, SEXES } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AFFILIATION_LABELS, SENSITIVITY_LABELS, SEX_LABELS } from '../labels.ts';
import { navigate, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { FormField, FormProblem, issueFor, orNull } from '../ui/form.tsx';

const FIELDS = [
  'names',
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
type Sensitivity = (typeof SENSITIVITIES)[number];

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

  const create = useMutation(
    trpc.persons.create.mutationOptions({
      onSuccess: async (person) => {
        await queryClient.invalidateQueries(trpc.persons.pathFilter());
        navigate(paths.person(person.id));
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const names: { value: string; kind: 'legal' | 'transliteration' }[] = [
      { value: name.trim(), kind: 'legal' },
    ];
    if (otherName.trim() !== '') names.push({ value: otherName.trim(), kind: 'transliteration' });
    create.mutate({
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
    <form className="form-panel form-grid" onSubmit={submit} aria-label="New person" noValidate>
      <h2 className="form-title">New person</h2>
      <FormProblem error={error} fields={FIELDS} />
      <FormField
        label="Name"
        error={issueFor(error, 'names.0', 'names')}
        help="As the family or the source writes it, in any script."
      >
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField label="Another spelling" error={issueFor(error, 'names.1')}>
        {(control) => (
          <input
            {...control}
            value={otherName}
            onChange={(e) => setOtherName(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField label="Sex" error={issueFor(error, 'sex')}>
        {(control) => (
          <select {...control} value={sex} onChange={(e) => setSex(e.target.value as Sex)}>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {SEX_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Born"
        error={issueFor(error, 'birthDate')}
        help="YYYY, YYYY-MM or YYYY-MM-DD"
      >
        {(control) => (
          <input
            {...control}
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            maxLength={30}
            spellCheck={false}
          />
        )}
      </FormField>
      <FormField label="Place of birth" error={issueFor(error, 'birthPlace')}>
        {(control) => (
          <input
            {...control}
            value={birthPlace}
            onChange={(e) => setBirthPlace(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField label="Father’s name" error={issueFor(error, 'fatherName')}>
        {(control) => (
          <input
            {...control}
            value={fatherName}
            onChange={(e) => setFatherName(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField label="Affiliation" error={issueFor(error, 'affiliation')}>
        {(control) => (
          <select
            {...control}
            value={affiliation}
            onChange={(e) => setAffiliation(e.target.value as Affiliation)}
          >
            {AFFILIATIONS.map((a) => (
              <option key={a} value={a}>
                {AFFILIATION_LABELS[a]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Unit" error={issueFor(error, 'unit')}>
        {(control) => (
          <input
            {...control}
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField
        label="Who may see this person"
        error={issueFor(error, 'sensitivity')}
        help="Publishing a name can endanger a detainee: never public by default."
      >
        {(control) => (
          <select
            {...control}
            value={sensitivity}
            onChange={(e) => setSensitivity(e.target.value as Sensitivity)}
          >
            {SENSITIVITIES.map((s) => (
              <option key={s} value={s}>
                {SENSITIVITY_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div className="form-actions span-2">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Save the person'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
