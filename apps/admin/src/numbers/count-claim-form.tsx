import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { changesOf, rebaseDraft, type RebasedDraft } from '../ui/edit-changes.ts';
import { ConflictReload, RebasedNotice } from '../ui/edit-conflict.tsx';
import { useTRPC } from '../trpc.ts';
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  SegmentedChoice,
  TextAreaField,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import {
  COUNT_FIELDS,
  countDraftOf,
  countValuesOf,
  populationKeyOf,
  SHAPES,
  type CountDraft,
  type Population,
  type Shape,
  type StoredCountClaim,
} from './count-draft.ts';
import { countText } from './count-text.ts';

/** The fields whose problems the form shows beside them; any other is shown above. */
const FIELDS_BESIDE = COUNT_FIELDS.filter((name) => name !== 'approximate');

const SHAPE_LABELS: Record<Shape, string> = { exact: 'One number', range: 'A range' };

/** The choice of population that opens the fields of a population not counted before. */
const NEW_POPULATION = '+new';

const DRAFT_LABELS: Record<keyof CountDraft, string> = {
  claimant: 'Claimant',
  asOf: 'As of',
  population: 'Population',
  populationLabel: 'Population',
  shape: 'One number or a range',
  min: 'Number',
  max: 'At most',
  approximate: 'Approximate',
  note: 'Note',
};

/** A population's key changes with its words: a notice names the words only. */
const byLabel = (fields: (keyof CountDraft)[]) =>
  fields.filter((name) => name !== 'population' || !fields.includes('populationLabel'));

/**
 * Enters a number a source gives ("23", "223", "about 60"), or edits one: who claims it, as of
 * when, about which population, and the number itself or a range. An edit sends only what
 * changed, with the version it read; a stale one is refused and can be reloaded.
 */
export function CountClaimForm({
  sourceId,
  countClaim,
  populations,
  onClose,
  onSaved,
}: {
  sourceId: string;
  /** The count claim to edit; a new one is entered without it. */
  countClaim?: StoredCountClaim;
  /** The populations already counted, offered first. */
  populations: readonly Population[];
  onClose: () => void;
  /** Told the number saved, in words, once the lists show it. */
  onSaved: (number: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shapeName = useId();
  const editing = countClaim !== undefined;
  const [read, setRead] = useState(() => ({
    version: countClaim?.version ?? 0,
    draft: countDraftOf(countClaim, populations[0]),
  }));
  const [draft, setDraft] = useState<CountDraft>(read.draft);
  const [newPopulation, setNewPopulation] = useState(
    () => !populations.some((p) => p.key === read.draft.population),
  );
  const [keyTyped, setKeyTyped] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<'min' | 'max', string>>>({});
  const [rebased, setRebased] = useState<(RebasedDraft<CountDraft> & { now: CountDraft }) | null>(
    null,
  );

  // The number as sent, for the confirmation: an edit's answer need not repeat it.
  const sentNumber = useRef('');
  const afterSave = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.sources.pathFilter()),
      queryClient.invalidateQueries(trpc.counts.pathFilter()),
      queryClient.invalidateQueries(trpc.history.pathFilter()),
    ]);
    onSaved(sentNumber.current);
    onClose();
  };
  const create = useMutation(trpc.counts.create.mutationOptions({ onSuccess: afterSave }));
  const update = useMutation(trpc.counts.update.mutationOptions({ onSuccess: afterSave }));
  const sendCreate = useSubmitGuard(create);
  const sendUpdate = useSubmitGuard(update);
  const save = editing ? update : create;
  const error = save.error;
  const field = (name: (typeof COUNT_FIELDS)[number]) => (editing ? `patch.${name}` : name);
  const issue = (...names: (typeof COUNT_FIELDS)[number][]) => issueFor(error, ...names.map(field));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const input = countValuesOf(draft);
    setProblems(input.problems);
    if (!input.values) {
      // Only the problems with the numbers are shown, not an earlier answer of the server.
      save.reset();
      return;
    }
    sentNumber.current = countText(input.values);
    if (!countClaim) {
      sendCreate({ sourceId, ...input.values });
      return;
    }
    const before = countValuesOf(read.draft).values;
    const patch = before ? changesOf(before, input.values, COUNT_FIELDS) : input.values;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    sendUpdate({ id: countClaim.id, version: read.version, patch });
  }

  async function reload() {
    if (!countClaim) return;
    const fresh = await queryClient.fetchQuery(
      trpc.counts.get.queryOptions({ id: countClaim.id }, { staleTime: 0 }),
    );
    const now = countDraftOf(fresh);
    const next = rebaseDraft(read.draft, draft, now);
    setRead({ version: fresh.version, draft: now });
    setDraft(next.draft);
    setNewPopulation(!populations.some((p) => p.key === next.draft.population));
    setRebased({ ...next, now });
    update.reset();
    await queryClient.invalidateQueries(trpc.sources.pathFilter());
  }

  const set =
    <F extends keyof CountDraft>(name: F) =>
    (value: CountDraft[F]) =>
      setDraft((current) => ({ ...current, [name]: value }));

  function choosePopulation(key: string) {
    if (key === NEW_POPULATION) {
      setNewPopulation(true);
      setKeyTyped(false);
      setDraft((current) => ({ ...current, population: '', populationLabel: '' }));
      return;
    }
    const chosen = populations.find((p) => p.key === key);
    if (!chosen) return;
    setNewPopulation(false);
    setDraft((current) => ({ ...current, population: chosen.key, populationLabel: chosen.label }));
  }

  const populationChoices = [...populations.map((p) => p.key), NEW_POPULATION];
  const title = editing ? 'Edit the number' : 'Add a number';
  return (
    <form className="form-panel form-grid" onSubmit={submit} aria-label={title} noValidate>
      <h3 className="form-title">{title}</h3>
      <FormProblem error={error} fields={FIELDS_BESIDE.map(field)} />
      <ConflictReload error={error} what="the number" onReload={reload} />
      {rebased && !error ? (
        <RebasedNotice
          theirs={byLabel(rebased.theirs)}
          both={byLabel(rebased.both)}
          now={rebased.now}
          labelOf={(name) => DRAFT_LABELS[name]}
        />
      ) : null}
      <TextField
        label="Claimant"
        error={issue('claimant')}
        help="Who gives the number: “Officials of State B”, “A lawyer for the families”"
        value={draft.claimant}
        onChange={set('claimant')}
        maxLength={200}
      />
      <TextField
        label="As of"
        error={issue('asOf')}
        help="The day the number is about: YYYY, YYYY-MM or YYYY-MM-DD"
        value={draft.asOf}
        onChange={set('asOf')}
        maxLength={30}
        spellCheck={false}
      />
      <ChoiceField
        label="Population"
        className="span-2"
        error={newPopulation ? undefined : issue('population', 'populationLabel')}
        help="Who is counted. Numbers about the same population line up on the Numbers page."
        value={newPopulation ? NEW_POPULATION : draft.population}
        onChange={choosePopulation}
        choices={populationChoices}
        labels={(key) =>
          key === NEW_POPULATION
            ? 'Another population…'
            : (populations.find((p) => p.key === key)?.label ?? key)
        }
      />
      {newPopulation ? (
        <>
          <TextField
            label="Population in words"
            error={issue('populationLabel')}
            help="e.g. Civilians of State A held by State B"
            value={draft.populationLabel}
            onChange={(label) =>
              setDraft((current) => ({
                ...current,
                populationLabel: label,
                population: keyTyped ? current.population : populationKeyOf(label),
              }))
            }
            maxLength={300}
          />
          <TextField
            label="Population key"
            error={issue('population')}
            help="Lower-case letters, digits and _, e.g. civilians_held_by_state_b"
            value={draft.population}
            onChange={(key) => {
              setKeyTyped(true);
              set('population')(key);
            }}
            maxLength={100}
            spellCheck={false}
          />
        </>
      ) : null}
      <SegmentedChoice
        legend="The source gives"
        name={shapeName}
        className="span-2"
        value={draft.shape}
        onChange={set('shape')}
        choices={SHAPES}
        labels={SHAPE_LABELS}
      />
      {draft.shape === 'exact' ? (
        <TextField
          label="Number"
          error={problems.min ?? issue('min', 'max')}
          value={draft.min}
          onChange={set('min')}
          inputMode="numeric"
          maxLength={10}
          spellCheck={false}
        />
      ) : (
        <>
          <TextField
            label="At least"
            error={problems.min ?? issue('min')}
            value={draft.min}
            onChange={set('min')}
            inputMode="numeric"
            maxLength={10}
            spellCheck={false}
          />
          <TextField
            label="At most"
            error={problems.max ?? issue('max')}
            value={draft.max}
            onChange={set('max')}
            inputMode="numeric"
            maxLength={10}
            spellCheck={false}
          />
        </>
      )}
      <label className="checkbox span-2">
        <input
          type="checkbox"
          checked={draft.approximate}
          onChange={(e) => set('approximate')(e.target.checked)}
        />
        Approximate: the source says “about”
      </label>
      <TextAreaField
        label="Note"
        className="span-2"
        error={issue('note')}
        help="The source’s own words, quoted, or what the number leaves out"
        rows={2}
        value={draft.note}
        onChange={set('note')}
        maxLength={5000}
      />
      <FormActions
        pending={save.isPending}
        submit={editing ? 'Save the changes' : 'Save the number'}
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
