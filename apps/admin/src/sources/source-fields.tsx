import { RELIABILITY, SENSITIVITIES, SIDES, SOURCE_KINDS } from '@vigil/domain';
import {
  RELIABILITY_LABELS,
  SENSITIVITY_LABELS,
  SIDE_LABELS,
  SOURCE_KIND_LABELS,
} from '../labels.ts';
import { ChoiceField, choiceOf, orNull, TextAreaField, TextField } from '../ui/form.tsx';

/** The fields of a source that staff enter and edit, as the API names them. */
export const SOURCE_FIELDS = [
  'title',
  'kind',
  'side',
  'publisher',
  'author',
  'reliability',
  'sensitivity',
  'publishedDate',
  'accessedDate',
  'language',
  'url',
  'notes',
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

type Kind = (typeof SOURCE_KINDS)[number];
type Side = (typeof SIDES)[number];
type Reliability = (typeof RELIABILITY)[number];
type Sensitivity = (typeof SENSITIVITIES)[number];

/** A source as its form holds it: every text as typed, every choice from its vocabulary. */
export interface SourceDraft {
  title: string;
  kind: Kind;
  side: Side;
  publisher: string;
  author: string;
  reliability: Reliability;
  sensitivity: Sensitivity;
  publishedDate: string;
  accessedDate: string;
  language: string;
  url: string;
  notes: string;
}

/** What the form of a new source starts from: staff-only and not yet graded. */
export const NEW_SOURCE_DRAFT: SourceDraft = {
  title: '',
  kind: 'news_article',
  side: 'unknown',
  publisher: '',
  author: '',
  reliability: 'F',
  sensitivity: 'staff',
  publishedDate: '',
  accessedDate: '',
  language: '',
  url: '',
  notes: '',
};

/** A stored source as the API gives it: a field the caller may not see is absent. */
type StoredSource = { [F in SourceField]?: string | null };

/** The draft of a stored source, for its edit form. */
export function sourceDraftOf(source: StoredSource): SourceDraft {
  const text = (field: Exclude<SourceField, 'kind' | 'side' | 'reliability' | 'sensitivity'>) =>
    source[field] ?? '';
  return {
    title: text('title'),
    kind: choiceOf(SOURCE_KINDS, source.kind ?? '') ?? NEW_SOURCE_DRAFT.kind,
    side: choiceOf(SIDES, source.side ?? '') ?? NEW_SOURCE_DRAFT.side,
    publisher: text('publisher'),
    author: text('author'),
    reliability: choiceOf(RELIABILITY, source.reliability ?? '') ?? NEW_SOURCE_DRAFT.reliability,
    sensitivity: choiceOf(SENSITIVITIES, source.sensitivity ?? '') ?? NEW_SOURCE_DRAFT.sensitivity,
    publishedDate: text('publishedDate'),
    accessedDate: text('accessedDate'),
    language: text('language'),
    url: text('url'),
    notes: text('notes'),
  };
}

/** A draft as the API takes it: texts trimmed, an empty one `null` ("not recorded"). */
export function sourceValuesOf(draft: SourceDraft) {
  return {
    title: draft.title.trim(),
    kind: draft.kind,
    side: draft.side,
    publisher: orNull(draft.publisher),
    author: orNull(draft.author),
    reliability: draft.reliability,
    sensitivity: draft.sensitivity,
    publishedDate: orNull(draft.publishedDate),
    accessedDate: orNull(draft.accessedDate),
    language: orNull(draft.language),
    url: orNull(draft.url),
    notes: orNull(draft.notes),
  };
}

/**
 * The fields of a source's form, shared by the form of a new source and the edit of one, each
 * with the server's message about it beside it.
 *
 * @example
 * <SourceFields draft={draft} onChange={setDraft} issueOf={(field) => issueFor(error, field)} />
 */
export function SourceFields({
  draft,
  onChange,
  issueOf,
  shown = SOURCE_FIELDS,
}: {
  draft: SourceDraft;
  onChange: (draft: SourceDraft) => void;
  /** The server's message about a field, if it had one. */
  issueOf: (field: SourceField) => string | undefined;
  /** The fields to offer; a field the caller may not see is left out. Every one by default. */
  shown?: readonly SourceField[];
}) {
  const set =
    <F extends SourceField>(field: F) =>
    (value: SourceDraft[F]) =>
      onChange({ ...draft, [field]: value });
  const offers = (field: SourceField) => shown.includes(field);
  return (
    <>
      {offers('title') ? (
        <TextField
          label="Title"
          className="span-2"
          error={issueOf('title')}
          value={draft.title}
          onChange={set('title')}
          maxLength={500}
        />
      ) : null}
      {offers('kind') ? (
        <ChoiceField
          label="Kind"
          error={issueOf('kind')}
          value={draft.kind}
          onChange={set('kind')}
          choices={SOURCE_KINDS}
          labels={SOURCE_KIND_LABELS}
        />
      ) : null}
      {offers('side') ? (
        <ChoiceField
          label="Speaks for"
          error={issueOf('side')}
          value={draft.side}
          onChange={set('side')}
          choices={SIDES}
          labels={SIDE_LABELS}
        />
      ) : null}
      {offers('publisher') ? (
        <TextField
          label="Publisher"
          error={issueOf('publisher')}
          value={draft.publisher}
          onChange={set('publisher')}
          maxLength={200}
        />
      ) : null}
      {offers('author') ? (
        <TextField
          label="Author"
          error={issueOf('author')}
          help="Seen by staff only: naming who wrote a testimony can endanger them."
          value={draft.author}
          onChange={set('author')}
          maxLength={200}
        />
      ) : null}
      {offers('reliability') ? (
        <ChoiceField
          label="Reliability"
          error={issueOf('reliability')}
          value={draft.reliability}
          onChange={set('reliability')}
          choices={RELIABILITY}
          labels={(grade) => `${grade} — ${RELIABILITY_LABELS[grade]}`}
        />
      ) : null}
      {offers('sensitivity') ? (
        <ChoiceField
          label="Who may see it"
          error={issueOf('sensitivity')}
          help="Sources are staff-only unless you choose otherwise."
          value={draft.sensitivity}
          onChange={set('sensitivity')}
          choices={SENSITIVITIES}
          labels={SENSITIVITY_LABELS}
        />
      ) : null}
      {offers('publishedDate') ? (
        <TextField
          label="Published"
          error={issueOf('publishedDate')}
          help="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known"
          value={draft.publishedDate}
          onChange={set('publishedDate')}
          maxLength={30}
          spellCheck={false}
        />
      ) : null}
      {offers('accessedDate') ? (
        <TextField
          label="Accessed"
          error={issueOf('accessedDate')}
          help="The day you read or saved it: YYYY-MM-DD"
          value={draft.accessedDate}
          onChange={set('accessedDate')}
          maxLength={10}
          spellCheck={false}
        />
      ) : null}
      {offers('language') ? (
        <TextField
          label="Language"
          error={issueOf('language')}
          help="A code: hy, ru, en, az"
          value={draft.language}
          onChange={set('language')}
          maxLength={3}
          spellCheck={false}
        />
      ) : null}
      {offers('url') ? (
        <TextField
          label="Web address"
          error={issueOf('url')}
          type="url"
          value={draft.url}
          onChange={set('url')}
          maxLength={2000}
          spellCheck={false}
        />
      ) : null}
      {offers('notes') ? (
        <TextAreaField
          label="Notes"
          className="span-2"
          error={issueOf('notes')}
          help="Seen by staff only."
          rows={2}
          value={draft.notes}
          onChange={set('notes')}
        />
      ) : null}
    </>
  );
}
