import { RELIABILITY, SENSITIVITIES, SIDES, SOURCE_KINDS } from '@vigil/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  RELIABILITY_LABELS,
  SENSITIVITY_LABELS,
  SIDE_LABELS,
  SOURCE_KIND_LABELS,
} from '../labels.ts';
import { navigate, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { FormField, FormProblem, issueFor, orNull } from '../ui/form.tsx';

const FIELDS = [
  'kind',
  'title',
  'publisher',
  'url',
  'language',
  'publishedDate',
  'side',
  'reliability',
  'sensitivity',
  'notes',
] as const;

type Kind = (typeof SOURCE_KINDS)[number];
type Side = (typeof SIDES)[number];
type Reliability = (typeof RELIABILITY)[number];
type Sensitivity = (typeof SENSITIVITIES)[number];

/** Enters a new source; on success the app opens it, ready for its claims. */
export function SourceForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('news_article');
  const [title, setTitle] = useState('');
  const [publisher, setPublisher] = useState('');
  const [url, setUrl] = useState('');
  const [language, setLanguage] = useState('');
  const [publishedDate, setPublishedDate] = useState('');
  const [side, setSide] = useState<Side>('unknown');
  const [reliability, setReliability] = useState<Reliability>('F');
  const [sensitivity, setSensitivity] = useState<Sensitivity>('staff');
  const [notes, setNotes] = useState('');

  const create = useMutation(
    trpc.sources.create.mutationOptions({
      onSuccess: async (source) => {
        await queryClient.invalidateQueries(trpc.sources.pathFilter());
        navigate(paths.source(source.id));
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate({
      kind,
      title: title.trim(),
      publisher: orNull(publisher),
      url: orNull(url),
      language: orNull(language),
      publishedDate: orNull(publishedDate),
      side,
      reliability,
      sensitivity,
      notes: orNull(notes),
    });
  }

  const error = create.error;
  return (
    <form className="form-panel form-grid" onSubmit={submit} aria-label="New source" noValidate>
      <h2 className="form-title">New source</h2>
      <FormProblem error={error} fields={FIELDS} />
      <FormField label="Title" className="span-2" error={issueFor(error, 'title')}>
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={500}
          />
        )}
      </FormField>
      <FormField label="Kind" error={issueFor(error, 'kind')}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SOURCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Publisher" error={issueFor(error, 'publisher')}>
        {(control) => (
          <input
            {...control}
            value={publisher}
            onChange={(e) => setPublisher(e.target.value)}
            maxLength={200}
          />
        )}
      </FormField>
      <FormField label="Speaks for" error={issueFor(error, 'side')}>
        {(control) => (
          <select {...control} value={side} onChange={(e) => setSide(e.target.value as Side)}>
            {SIDES.map((s) => (
              <option key={s} value={s}>
                {SIDE_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Reliability" error={issueFor(error, 'reliability')}>
        {(control) => (
          <select
            {...control}
            value={reliability}
            onChange={(e) => setReliability(e.target.value as Reliability)}
          >
            {RELIABILITY.map((r) => (
              <option key={r} value={r}>
                {r} — {RELIABILITY_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Published"
        error={issueFor(error, 'publishedDate')}
        help="YYYY, YYYY-MM or YYYY-MM-DD"
      >
        {(control) => (
          <input
            {...control}
            value={publishedDate}
            onChange={(e) => setPublishedDate(e.target.value)}
            maxLength={30}
            spellCheck={false}
          />
        )}
      </FormField>
      <FormField label="Language" error={issueFor(error, 'language')} help="A code: hy, ru, en, az">
        {(control) => (
          <input
            {...control}
            value={language}
            onChange={(e) => setLanguage(e.target.value)}
            maxLength={3}
            spellCheck={false}
          />
        )}
      </FormField>
      <FormField label="Web address" className="span-2" error={issueFor(error, 'url')}>
        {(control) => (
          <input
            {...control}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            maxLength={2000}
            spellCheck={false}
          />
        )}
      </FormField>
      <FormField
        label="Who may see it"
        error={issueFor(error, 'sensitivity')}
        help="Sources are staff-only unless you choose otherwise."
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
      <FormField label="Notes" className="span-2" error={issueFor(error, 'notes')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        )}
      </FormField>
      <div className="form-actions span-2">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Save the source'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
