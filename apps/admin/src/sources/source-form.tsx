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
import {
  ChoiceField,
  FormActions,
  FormProblem,
  issueFor,
  orNull,
  TextAreaField,
  TextField,
} from '../ui/form.tsx';

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
      <TextField
        label="Title"
        className="span-2"
        error={issueFor(error, 'title')}
        value={title}
        onChange={setTitle}
        maxLength={500}
      />
      <ChoiceField
        label="Kind"
        error={issueFor(error, 'kind')}
        value={kind}
        onChange={setKind}
        choices={SOURCE_KINDS}
        labels={SOURCE_KIND_LABELS}
      />
      <TextField
        label="Publisher"
        error={issueFor(error, 'publisher')}
        value={publisher}
        onChange={setPublisher}
        maxLength={200}
      />
      <ChoiceField
        label="Speaks for"
        error={issueFor(error, 'side')}
        value={side}
        onChange={setSide}
        choices={SIDES}
        labels={SIDE_LABELS}
      />
      <ChoiceField
        label="Reliability"
        error={issueFor(error, 'reliability')}
        value={reliability}
        onChange={setReliability}
        choices={RELIABILITY}
        labels={(grade) => `${grade} — ${RELIABILITY_LABELS[grade]}`}
      />
      <TextField
        label="Published"
        error={issueFor(error, 'publishedDate')}
        help="YYYY, YYYY-MM or YYYY-MM-DD"
        value={publishedDate}
        onChange={setPublishedDate}
        maxLength={30}
        spellCheck={false}
      />
      <TextField
        label="Language"
        error={issueFor(error, 'language')}
        help="A code: hy, ru, en, az"
        value={language}
        onChange={setLanguage}
        maxLength={3}
        spellCheck={false}
      />
      <TextField
        label="Web address"
        className="span-2"
        error={issueFor(error, 'url')}
        type="url"
        value={url}
        onChange={setUrl}
        maxLength={2000}
        spellCheck={false}
      />
      <ChoiceField
        label="Who may see it"
        error={issueFor(error, 'sensitivity')}
        help="Sources are staff-only unless you choose otherwise."
        value={sensitivity}
        onChange={setSensitivity}
        choices={SENSITIVITIES}
        labels={SENSITIVITY_LABELS}
      />
      <TextAreaField
        label="Notes"
        className="span-2"
        error={issueFor(error, 'notes')}
        rows={2}
        value={notes}
        onChange={setNotes}
      />
      <FormActions
        pending={create.isPending}
        submit="Save the source"
        pendingLabel="Saving…"
        onCancel={onClose}
      />
    </form>
  );
}
