import { LIST_COLUMNS, LIST_FORMATS, type ListFormat } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { dateTimeText, LIST_FORMAT_LABELS } from '../labels.ts';
import { Link, navigate, paths } from '../router.tsx';
import { fieldIssuesOf, useTRPC } from '../trpc.ts';
import {
  FormField,
  FormProblem,
  issueFor,
  SegmentedChoice,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { ImportStateBadge } from './import-state-badge.tsx';

/** Largest file read in the browser; the server refuses lists above 5 MB anyway. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Importing a published list: paste it or choose a file, say what it is, and see a dry run
 * (`imports.preview`) that matches every row against the registry before anything changes.
 */
export function ImportsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Import a list</h1>
          <p className="page-lead">
            Lists of names published by outlets, governments or families. Every row is matched
            against the registry in a dry run first; nothing changes until you confirm.
          </p>
        </div>
      </div>
      <ImportForm />
      <RecentImports />
    </>
  );
}

function ImportForm() {
  const trpc = useTRPC();
  const [format, setFormat] = useState<ListFormat>('csv');
  const [text, setText] = useState('');
  const [filename, setFilename] = useState<string | null>(null);
  const [sourceTitle, setSourceTitle] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const queryClient = useQueryClient();
  const preview = useMutation(
    trpc.imports.preview.mutationOptions({
      onSuccess: (job) => {
        // A finished dry run already carries every row: the import's page need not ask again.
        // A long list's is still running in the worker; its page follows the progress.
        if (job.state === 'previewed')
          queryClient.setQueryData(trpc.imports.get.queryKey({ id: job.id, withRows: true }), job);
        navigate(paths.importJob(job.id));
      },
    }),
  );
  const send = useSubmitGuard(preview);

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem(`${file.name} is larger than 5 MB; split the list and import it in parts.`);
      return;
    }
    try {
      setText(await file.text());
      setFilename(file.name);
      if (/\.csv$/i.test(file.name)) setFormat('csv');
      else if (/\.txt$/i.test(file.name)) setFormat('lines');
      if (!sourceTitle.trim()) setSourceTitle(file.name.replace(/\.[^.]+$/, ''));
    } catch {
      setFileProblem(`${file.name} could not be read.`);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({
      format,
      text,
      filename: filename ?? undefined,
      sourceTitle,
    });
  }

  const error = preview.error;
  const lineProblems = fieldIssuesOf(error).filter((i) => i.field.startsWith('text'));
  return (
    <form className="form-panel form-grid" onSubmit={submit} aria-label="Import a list" noValidate>
      <FormProblem error={error} fields={['text', 'sourceTitle']} what="The list was not read" />
      <SegmentedChoice
        legend="Format"
        name="format"
        className="span-2"
        value={format}
        onChange={setFormat}
        choices={LIST_FORMATS}
        labels={LIST_FORMAT_LABELS}
      />
      <TextField
        label="Title of the list"
        className="span-2"
        error={issueFor(error, 'sourceTitle')}
        help="Who published it and when; the list is kept as a source under this title."
        value={sourceTitle}
        onChange={setSourceTitle}
        maxLength={500}
      />
      <FormField
        label="The list"
        className="span-2"
        help={
          format === 'csv' ? (
            <>
              A header row with the columns <code>{LIST_COLUMNS.join(',')}</code>; only{' '}
              <code>name</code> is required.
            </>
          ) : (
            'One name per line, in any script. Numbering (“12.”) is dropped, and a birth date after the name (“, 1990”, “12.05.1990”, day first) is read as one.'
          )
        }
      >
        {(control) => (
          <textarea
            {...control}
            aria-invalid={lineProblems.length > 0 ? true : undefined}
            className="list-input"
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFilename(null);
            }}
            spellCheck={false}
          />
        )}
      </FormField>
      {lineProblems.length > 0 ? (
        <ul className="parse-problems span-2" data-testid="parse-problems">
          {lineProblems.map((problem, i) => (
            <li key={i}>
              <strong>
                {problem.field.replace(/^text \((.*)\)$/, '$1').replace(/^text$/, 'The list')}
              </strong>
              : {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
      <FormField label="Or read it from a file" error={fileProblem ?? undefined}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => void chooseFile(e)}
          />
        )}
      </FormField>
      <div className="form-actions span-2">
        <button type="submit" className="button button-primary" disabled={preview.isPending}>
          {preview.isPending ? 'Matching every row…' : 'Dry run'}
        </button>
        {filename ? <span className="muted small">Read from {filename}</span> : null}
      </div>
    </form>
  );
}

function RecentImports() {
  const trpc = useTRPC();
  const imports = useQuery(trpc.imports.list.queryOptions(undefined, { staleTime: 0 }));
  return (
    <section className="panel" aria-labelledby="recent-imports-heading">
      <div className="panel-header">
        <h2 id="recent-imports-heading">Recent imports</h2>
      </div>
      {imports.isPending ? (
        <Loading label="Loading imports…" />
      ) : imports.isError ? (
        <ErrorNotice
          what="Imports could not be loaded"
          error={imports.error}
          onRetry={() => void imports.refetch()}
        />
      ) : imports.data.length === 0 ? (
        <EmptyState>
          <p>No list has been imported yet.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="recent-imports">
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col">State</th>
                <th scope="col" className="number">
                  Rows
                </th>
                <th scope="col">Result</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((job) => (
                <tr key={job.id}>
                  <td>
                    <Link to={paths.importJob(job.id)}>{job.sourceTitle}</Link>
                  </td>
                  <td>
                    <ImportStateBadge state={job.state} />
                  </td>
                  <td className="number">{job.total}</td>
                  <td className="small">
                    {job.summary
                      ? `${job.summary.created ?? 0} new, ${job.summary.linked ?? 0} linked, ${job.summary.toReview ?? 0} to review`
                      : job.state === 'matching' || job.state === 'applying'
                        ? `${job.processed} of ${job.total} rows matched so far`
                        : '—'}
                  </td>
                  <td className="nowrap small">{dateTimeText(job.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
