import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EVIDENCE_FEATURES,
  importRowOutcome,
  MIN_SHOWN_SCORE,
  type ImportRowChoice,
  type ImportRowOutcome,
} from '@vigil/domain';
import { useState, type FormEvent } from 'react';
import {
  dateTimeText,
  EVIDENCE_LABELS,
  IMPORT_DECISION_LABELS,
  LIST_FORMAT_LABELS,
  labelOf,
  partialDateText,
} from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { errorCodeOf, useTRPC, type ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import { FilterChoice, FormProblem, useSubmitGuard } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { ImportStateBadge } from './import-state-badge.tsx';

type ImportJob = ApiOutputs['imports']['get'];
type ImportRow = NonNullable<ImportJob['rows']>[number];

/** How often progress is asked for while the worker matches or applies an import. */
const PROGRESS_POLL_MS = 600;
const RUNNING = new Set(['matching', 'queued', 'applying']);

const DECISION_TONES = { new: 'info', match: 'good', review: 'warn' } as const;

/** A match score as the matcher gives it, 0 to 1, to two decimals. */
const scoreText = (score: number) => score.toFixed(2);

/**
 * One import: the dry run's decision for every row and the confirmation; once confirmed, the
 * worker's progress until the list is applied (or failed), then where its results went.
 */
export function ImportPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const job = useQuery(
    trpc.imports.get.queryOptions(
      { id },
      {
        staleTime: 0,
        refetchInterval: (query) =>
          query.state.data && RUNNING.has(query.state.data.state) ? PROGRESS_POLL_MS : false,
      },
    ),
  );

  if (job.isPending) return <Loading label="Loading the import…" />;
  if (job.isError) {
    return (
      <>
        <BackToImports />
        {errorCodeOf(job.error) === 'NOT_FOUND' ? (
          <EmptyState>
            <h1>Import not found</h1>
          </EmptyState>
        ) : (
          <ErrorNotice
            what="This import could not be loaded"
            error={job.error}
            onRetry={() => void job.refetch()}
          />
        )}
      </>
    );
  }
  const j = job.data;
  return (
    <article className="import">
      <BackToImports />
      <header className="page-header">
        <div>
          <p className="eyebrow">Import · {labelOf(LIST_FORMAT_LABELS, j.format)}</p>
          <h1>{j.sourceTitle}</h1>
          <p className="page-lead">
            {rowsText(j.total)}
            {j.filename ? ` from ${j.filename}` : ' pasted'}
          </p>
        </div>
        <ImportStateBadge state={j.state} />
      </header>
      {j.state === 'previewed' ? <DryRun job={j} /> : <Progress job={j} />}
    </article>
  );
}

function DecisionCounts({ counts, repeated }: { counts: ImportJob['counts']; repeated: number }) {
  return (
    <ul className="stat-tiles" aria-label="Rows by decision" data-testid="import-counts">
      {(['new', 'match', 'review'] as const).map((decision) => (
        <li key={decision} className={`stat-tile stat-${DECISION_TONES[decision]}`}>
          <span className="stat-number">{counts[decision]}</span>
          <span className="stat-label">{IMPORT_DECISION_LABELS[decision]}</span>
        </li>
      ))}
      {repeated ? (
        <li className="stat-tile stat-warn" data-testid="import-repeats">
          <span className="stat-number">{repeated}</span>
          <span className="stat-label">may repeat another row</span>
        </li>
      ) : null}
    </ul>
  );
}

/** A row's own choice, by line; rows without one follow the matcher and the automatic setting. */
type RowChoices = ReadonlyMap<number, ImportRowChoice>;

/** What the import will do with a row, as `importRowOutcome` decides it on the server. */
function outcomeOf(row: ImportRow, acceptAutomatic: boolean, choices: RowChoices) {
  return importRowOutcome(
    { decision: row.decision, match: row.match ?? undefined, candidates: row.candidates },
    acceptAutomatic,
    choices.get(row.line),
  );
}

/** The dry run: every row with its decision, and the confirmation. */
function DryRun({ job }: { job: ImportJob }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [acceptAutomatic, setAcceptAutomatic] = useState(false);
  const [choices, setChoices] = useState<RowChoices>(new Map());
  const rows = useQuery(trpc.imports.get.queryOptions({ id: job.id, withRows: true }));
  const repeated = rows.data?.rows?.filter((r) => r.repeats?.length).length ?? 0;
  const confirm = useMutation(
    trpc.imports.confirm.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.imports.pathFilter());
      },
    }),
  );
  const send = useSubmitGuard(confirm);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ importId: job.id, acceptAutomatic, choices: [...choices.values()] });
  }

  function choose(choice: ImportRowChoice) {
    setChoices((before) => new Map(before).set(choice.line, choice));
  }

  function clear(line: number) {
    setChoices((before) => {
      const after = new Map(before);
      after.delete(line);
      return after;
    });
  }

  return (
    <>
      <section className="panel" aria-labelledby="dry-run-heading">
        <div className="panel-header">
          <h2 id="dry-run-heading">Dry run</h2>
          <span className="muted small">
            Nothing has changed yet. Each row was matched against the registry as it is now.
          </span>
        </div>
        {job.importedBefore ? (
          <p className="notice" role="status" data-testid="imported-before">
            This list was imported before, on {dateTimeText(job.importedBefore.at)}, as{' '}
            <Link to={paths.importJob(job.importedBefore.id)}>
              “{job.importedBefore.sourceTitle}”
            </Link>
            . Importing it again adds every row again, as claims of a new source.
          </p>
        ) : null}
        <DecisionCounts counts={job.counts} repeated={repeated} />
        {rows.isPending ? (
          <Loading label="Loading the rows…" />
        ) : rows.isError ? (
          <ErrorNotice
            what="The rows could not be loaded"
            error={rows.error}
            onRetry={() => void rows.refetch()}
          />
        ) : (
          <ImportRows
            rows={rows.data.rows ?? []}
            acceptAutomatic={acceptAutomatic}
            choices={choices}
            onChoose={choose}
            onClear={clear}
          />
        )}
      </section>
      <form className="form-panel confirm-import" onSubmit={submit} aria-label="Confirm the import">
        <FormProblem error={confirm.error} fields={['choices']} what="Not confirmed" />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={acceptAutomatic}
            onChange={(e) => setAcceptAutomatic(e.target.checked)}
          />
          Link confident matches automatically
        </label>
        <p className="field-help">
          {acceptAutomatic
            ? `The ${job.counts.match} matched ${job.counts.match === 1 ? 'row is' : 'rows are'} linked to the person found, as a new spelling of their name.`
            : 'Matched rows also become new records with a duplicate task, so that a reviewer judges each pair.'}{' '}
          {choices.size
            ? `${choices.size} ${choices.size === 1 ? 'row follows' : 'rows follow'} your own choice instead. `
            : 'Choose “Import as” on a row to decide it yourself. '}
          {repeated
            ? 'Rows that may name one person twice are put to a reviewer as possible duplicates. '
            : ''}
          Every row is kept as a claim of the list, pending review.
        </p>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={confirm.isPending}>
            {confirm.isPending ? 'Confirming…' : `Confirm and import ${rowsText(job.total)}`}
          </button>
          <Link to={paths.imports()} className="button button-secondary">
            Start over
          </Link>
        </div>
      </form>
    </>
  );
}

/** Rows drawn at a time: a list of thousands is read by decision, a page at a time. */
const ROWS_SHOWN = 200;

interface RowChoiceProps {
  acceptAutomatic: boolean;
  choices: RowChoices;
  onChoose: (choice: ImportRowChoice) => void;
  /** The row follows the matcher again. */
  onClear: (line: number) => void;
}

/** The dry run's rows, filtered by decision, drawn a page at a time. */
function ImportRows({ rows, ...choosing }: { rows: ImportRow[] } & RowChoiceProps) {
  const [decision, setDecision] = useState<ImportRow['decision'] | ''>('');
  const [shown, setShown] = useState(ROWS_SHOWN);
  const chosen = decision ? rows.filter((r) => r.decision === decision) : rows;
  return (
    <>
      {rows.length > ROWS_SHOWN ? (
        <div className="filters">
          <FilterChoice
            label="Decision"
            any="Every row"
            value={decision}
            onChange={(choice) => {
              setDecision(choice);
              setShown(ROWS_SHOWN);
            }}
            choices={IMPORT_DECISIONS}
            labels={IMPORT_DECISION_LABELS}
          />
        </div>
      ) : null}
      {chosen.length === 0 ? (
        <p className="muted" data-testid="no-rows-with-decision">
          No row of the list has this decision.
        </p>
      ) : (
        <RowsTable rows={chosen.slice(0, shown)} {...choosing} />
      )}
      {chosen.length > shown ? (
        <div className="load-more">
          <span className="muted small">
            {shown} of {chosen.length} rows shown
          </span>{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setShown(shown + ROWS_SHOWN * 5)}
          >
            Show more
          </button>
        </div>
      ) : null}
    </>
  );
}

const IMPORT_DECISIONS = ['review', 'match', 'new'] as const;

function RowsTable({ rows, ...choosing }: { rows: ImportRow[] } & RowChoiceProps) {
  return (
    <div className="table-scroll">
      <table className="table table-compact" data-testid="import-rows">
        <thead>
          <tr>
            <th scope="col" className="number">
              Line
            </th>
            <th scope="col">Name, as the list gives it</th>
            <th scope="col">Decision</th>
            <th scope="col">In the registry</th>
            <th scope="col">Import as</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.line}-${row.id}`} data-decision={row.decision}>
              <td className="number muted">{row.line}</td>
              <td className="cell-name">
                <span>{row.name}</span>
                <RowDetails row={row} />
                {row.repeats?.length ? (
                  <span className="row-repeats">
                    <Badge tone="warn">May be line {linesText(row.repeats)} again</Badge>
                  </span>
                ) : null}
              </td>
              <td>
                <Badge tone={DECISION_TONES[row.decision]}>
                  {IMPORT_DECISION_LABELS[row.decision]}
                </Badge>
              </td>
              <td>
                <Candidates row={row} />
              </td>
              <td>
                <RowChoice row={row} {...choosing} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the list gives besides the name: birth date, place, father's name. */
function RowDetails({ row }: { row: ImportRow }) {
  const details = [
    row.birthDate ? `born ${partialDateText(row.birthDate)}` : null,
    row.place,
    row.fatherName ? `father ${row.fatherName}` : null,
  ].filter(Boolean);
  return details.length ? <span className="row-details muted">{details.join(' · ')}</span> : null;
}

/** Lines as a person reads them: "5", "5 or 10", "5, 8 or 10". */
function linesText(lines: readonly number[]): string {
  return lines.length < 2 ? lines.join('') : `${lines.slice(0, -1).join(', ')} or ${lines.at(-1)}`;
}

/** A number of rows: "1 row", "2 rows". */
const rowsText = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

/** The matched person, or the candidates a reviewer will choose among, with their scores. */
function Candidates({ row }: { row: ImportRow }) {
  if (row.decision === 'match' && row.match) {
    const matched = row.candidates.find((c) => c.id === row.match);
    return (
      <span>
        <Link to={paths.person(row.match)}>{matched?.name ?? 'the matched person'}</Link>
        {matched ? <span className="score"> score {scoreText(matched.score)}</span> : null}
        {matched ? <Evidence candidate={matched} /> : null}
      </span>
    );
  }
  const worth = row.candidates.filter((c) => c.score >= MIN_SHOWN_SCORE);
  if (row.decision === 'new' || worth.length === 0)
    return <span className="muted">No likely match</span>;
  return (
    <ul className="plain-list candidates">
      {worth.map((c) => (
        <li key={c.id}>
          <Link to={paths.person(c.id)}>{c.name ?? 'a person'}</Link>
          <span className="score"> score {scoreText(c.score)}</span>
          <Evidence candidate={c} />
        </li>
      ))}
    </ul>
  );
}

/** What besides the name agrees or differs between a row and a candidate. */
function Evidence({ candidate }: { candidate: ImportRow['candidates'][number] }) {
  const said = EVIDENCE_FEATURES.filter((key) => candidate.evidence?.[key]);
  if (said.length === 0) return <span className="match-evidence muted">name only</span>;
  return (
    <span className="match-evidence">
      {said.map((key, i) => (
        <span key={key} className={`match-evidence-${candidate.evidence![key]}`}>
          {i ? ' · ' : ''}
          {EVIDENCE_LABELS[key]} {candidate.evidence![key]}
        </span>
      ))}
    </span>
  );
}

/** The value of a row's "Import as" choice: `link:<person id>`, `new` or `review`. */
function choiceValue(outcome: ImportRowOutcome): string {
  return outcome.action === 'link' ? `link:${outcome.personId}` : outcome.action;
}

/**
 * What the import will do with a row, which the importer may change: add it to one of the
 * persons found for it, make a new person of it, or have a reviewer compare it with them.
 */
function RowChoice({
  row,
  acceptAutomatic,
  choices,
  onChoose,
  onClear,
}: { row: ImportRow } & RowChoiceProps) {
  const outcome = outcomeOf(row, acceptAutomatic, choices);
  const shown = row.candidates.filter((c) => c.score >= MIN_SHOWN_SCORE);
  function change(value: string) {
    // Choosing what the matcher would do anyway is no choice of one's own.
    if (value === choiceValue(outcomeOf(row, acceptAutomatic, new Map()))) onClear(row.line);
    else if (value.startsWith('link:'))
      onChoose({ line: row.line, action: 'link', personId: value.slice('link:'.length) });
    else onChoose({ line: row.line, action: value === 'review' ? 'review' : 'new' });
  }
  return (
    <div className="row-choice">
      <select
        aria-label={`Import line ${row.line} as`}
        value={choiceValue(outcome)}
        onChange={(e) => change(e.target.value)}
      >
        {shown.map((c) => (
          <option key={c.id} value={`link:${c.id}`}>
            Add to {c.name ?? 'a person'}
          </option>
        ))}
        <option value="new">New person</option>
        {shown.length ? <option value="review">Reviewer decides</option> : null}
      </select>
      {outcome.chosen ? <span className="muted small">your choice</span> : null}
    </div>
  );
}

/** The worker's progress, then the result: a real progress bar from `processed` of `total`. */
function Progress({ job }: { job: ImportJob }) {
  const done = job.state === 'applied';
  const value = done ? job.total : job.processed;
  const phase =
    job.state === 'matching'
      ? job.phase === 'repeats'
        ? 'Dry run: looking for rows that name one person twice. Nothing changes until you confirm.'
        : `Dry run: matching rows against the registry, ${job.processed} of ${job.total}. Nothing changes until you confirm.`
      : job.state === 'queued'
        ? 'Waiting for the worker to start…'
        : job.state === 'applying'
          ? job.phase === 'writing'
            ? 'Writing every row in one transaction…'
            : `Matching rows against the registry: ${job.processed} of ${job.total}`
          : job.state === 'applied'
            ? job.total === 1
              ? 'Done: the row was applied.'
              : `Done: all ${job.total} rows applied.`
            : job.state === 'failed'
              ? 'Failed: nothing was imported.'
              : job.state;
  const summary = job.summary as Partial<
    Record<'created' | 'linked' | 'toReview' | 'claims' | 'chosen' | 'repeats', number>
  > | null;
  return (
    <section className="panel" aria-labelledby="progress-heading">
      <div className="panel-header">
        <h2 id="progress-heading">Progress</h2>
      </div>
      <div className="progress-block">
        <progress
          data-testid="import-progress"
          data-state={job.state}
          max={Math.max(job.total, 1)}
          // Waiting for the worker has no amount yet: an indeterminate bar says so.
          value={job.state === 'queued' ? undefined : value}
          aria-describedby="progress-phase"
        />
        <p id="progress-phase" className="progress-phase" aria-live="polite">
          {phase}
        </p>
      </div>
      {job.state === 'failed' && job.error ? (
        <p className="form-error" role="alert">
          {job.error}
        </p>
      ) : null}
      {done && summary ? (
        <>
          <ul className="stat-tiles" aria-label="Result" data-testid="import-summary">
            <li className="stat-tile stat-info">
              <span className="stat-number">{summary.created ?? 0}</span>
              <span className="stat-label">new {summary.created === 1 ? 'person' : 'persons'}</span>
            </li>
            <li className="stat-tile stat-good">
              <span className="stat-number">{summary.linked ?? 0}</span>
              <span className="stat-label">linked to a person</span>
            </li>
            <li className="stat-tile stat-warn">
              <span className="stat-number">{summary.toReview ?? 0}</span>
              <span className="stat-label">to review as duplicates</span>
            </li>
            {summary.repeats ? (
              <li className="stat-tile stat-warn">
                <span className="stat-number">{summary.repeats}</span>
                <span className="stat-label">pairs of rows to review as one person</span>
              </li>
            ) : null}
            <li className="stat-tile stat-muted">
              <span className="stat-number">{summary.claims ?? 0}</span>
              <span className="stat-label">claims, pending review</span>
            </li>
          </ul>
          {summary.chosen ? (
            <p className="muted small">
              {summary.chosen} {summary.chosen === 1 ? 'row was' : 'rows were'} imported as you
              chose.
            </p>
          ) : null}
          <p className="form-actions">
            {job.sourceId ? (
              <Link to={paths.source(job.sourceId)} className="button button-secondary">
                Open the list as a source
              </Link>
            ) : null}
            <Link to={paths.review()} className="button button-secondary">
              Go to the review queue
            </Link>
          </p>
        </>
      ) : null}
    </section>
  );
}

function BackToImports() {
  return (
    <p className="breadcrumb">
      <Link to={paths.imports()}>← Imports</Link>
    </p>
  );
}
