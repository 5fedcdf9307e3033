import { VERDICTS } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useMay } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import {
  AFFILIATION_LABELS,
  dateTimeText,
  labelOf,
  partialDateText,
  VERDICT_LABELS,
} from '../labels.ts';
import { NameText } from '../persons/name-text.tsx';
import { PersonLink } from '../persons/person-link.tsx';
import { Link, paths } from '../router.tsx';
import { describeError, errorCodeOf, useTRPC, type ApiOutputs } from '../trpc.ts';
import { Badge, ScriptBadge } from '../ui/badges.tsx';
import { FormField, FormProblem, issueFor, useSubmitGuard } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { describeFeatures, type Agreement } from './features.ts';
import { ScanForDuplicates } from './scan-for-duplicates.tsx';

type Pair = ApiOutputs['matching']['pair'];
type PairSide = Pair['a'];
/** A record of the pair that is in the registry. */
type PairPerson = Extract<PairSide, { mergedInto: null }>;
/** A record of the pair that a merge folded into another record. */
type MergedRecord = Exclude<PairSide, { mergedInto: null }>;
type Judgement = Pair['judgements'][number];
type Verdict = (typeof VERDICTS)[number];

function bothInRegistry(pair: Pair): pair is Pair & { a: PairPerson; b: PairPerson } {
  return pair.a.mergedInto === null && pair.b.mergedInto === null;
}

/**
 * Two person records side by side, with what the matcher compared, for a reviewer to judge
 * whether they are one human being. "Same" merges b into a; every judgement can be undone.
 * Once a record is merged, the server says so (`mergedInto`, with the merge to undo).
 */
export function DuplicatesPage({ a, b }: { a: string; b: string }) {
  const trpc = useTRPC();
  const pair = useQuery(trpc.matching.pair.queryOptions({ a, b }));

  return (
    <article className="duplicates">
      <p className="breadcrumb">
        <Link to={paths.review()}>← Review queue</Link>
      </p>
      <header className="page-header">
        <div>
          <p className="eyebrow">Possible duplicate</p>
          <h1>Are these the same person?</h1>
          <p className="page-lead">
            Nothing is merged without a judgement, and a merge can be undone.
          </p>
        </div>
        {pair.data?.score != null ? (
          <div className="score-box" data-testid="pair-score">
            <span className="score-number">{pair.data.score.toFixed(2)}</span>
            <span className="muted small">match score</span>
          </div>
        ) : null}
      </header>

      {pair.isPending ? (
        <Loading label="Comparing the two records…" />
      ) : pair.isError ? (
        errorCodeOf(pair.error) === 'NOT_FOUND' ? (
          <EmptyState>
            <p>One of these records is not in the registry, or you are not cleared to see it.</p>
          </EmptyState>
        ) : (
          <ErrorNotice
            what="The two records could not be compared"
            error={pair.error}
            onRetry={() => void pair.refetch()}
          />
        )
      ) : bothInRegistry(pair.data) ? (
        <Comparison pair={pair.data} />
      ) : (
        <MergedPair pair={pair.data} />
      )}

      <ScanForDuplicates />
    </article>
  );
}

function Comparison({ pair }: { pair: Pair & { a: PairPerson; b: PairPerson } }) {
  const mayReview = useMay('review');
  const features = describeFeatures(pair.features);
  const agreement = (key: string): Agreement | undefined =>
    features.find((f) => f.key === key)?.agreement;
  return (
    <>
      <div className="pair-columns">
        <PersonColumn
          label="Record A — kept if they are the same"
          person={pair.a}
          agreement={agreement}
        />
        <PersonColumn
          label="Record B — merged into A if they are the same"
          person={pair.b}
          agreement={agreement}
        />
      </div>

      <section className="panel" aria-labelledby="features-heading">
        <div className="panel-header">
          <h2 id="features-heading">What was compared</h2>
          {pair.comparedNames?.[0] ? (
            <span className="muted small">
              Best pair of names: <strong>{pair.comparedNames[0]}</strong> and{' '}
              <strong>{pair.comparedNames[1]}</strong>
            </span>
          ) : null}
        </div>
        <table className="table table-compact table-numbers" data-testid="pair-features">
          <tbody>
            {features.map((f) => (
              <tr key={f.key} className={`feature feature-${f.agreement}`}>
                <th scope="row">{f.label}</th>
                <td>
                  <Badge
                    tone={
                      f.agreement === 'agrees'
                        ? 'good'
                        : f.agreement === 'differs'
                          ? 'bad'
                          : 'muted'
                    }
                  >
                    {f.agreement === 'agrees'
                      ? 'Matches'
                      : f.agreement === 'differs'
                        ? 'Differs'
                        : f.key === 'swapped'
                          ? 'Noted'
                          : 'Not known for both'}
                  </Badge>
                </td>
                <td className="number">{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {mayReview ? (
        <JudgeForm a={pair.a.id} b={pair.b.id} />
      ) : (
        <p className="notice">
          Your role can compare the two records but not judge whether they are one person.
        </p>
      )}

      <PairJudgementList judgements={pair.judgements} a={pair.a.id} b={pair.b.id} />
    </>
  );
}

function PersonColumn({
  label,
  person,
  agreement,
}: {
  label: string;
  person: PairPerson;
  agreement: (key: string) => Agreement | undefined;
}) {
  return (
    <section className="panel pair-person" aria-label={label}>
      <p className="eyebrow">{label}</p>
      <h2>
        <Link to={paths.person(person.id)} lang={person.names[0]?.language ?? undefined}>
          {person.primaryName}
        </Link>
      </h2>
      <ul className="plain-list pair-names">
        {person.names.map((name) => (
          <li key={name.id}>
            <NameText name={name} /> <ScriptBadge script={name.script} />
          </li>
        ))}
      </ul>
      <dl className="details">
        <PairField label="Born" agreement={agreement('birthDate')}>
          {person.birthDate ? partialDateText(person.birthDate) : null}
        </PairField>
        <PairField label="Father’s name" agreement={agreement('father')}>
          {person.fatherName}
        </PairField>
        <PairField label="Place of birth" agreement={agreement('place')}>
          {person.birthPlace}
        </PairField>
        <PairField label="Unit">{person.unit}</PairField>
        <PairField label="Affiliation">{labelOf(AFFILIATION_LABELS, person.affiliation)}</PairField>
        <PairField label="Status">{person.statusSummary}</PairField>
      </dl>
    </section>
  );
}

function PairField({
  label,
  agreement,
  children,
}: {
  label: string;
  agreement?: Agreement;
  children: ReactNode;
}) {
  return (
    <div className={`detail${agreement ? ` detail-${agreement}` : ''}`}>
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">Not recorded</span>}</dd>
    </div>
  );
}

function JudgeForm({ a, b }: { a: string; b: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [reason, setReason] = useState('');
  const judge = useMutation(
    trpc.matching.judge.mutationOptions({
      // The pair is asked again: after "same" the server shows the merge and offers its undo.
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.matching.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
        ]),
    }),
  );
  const send = useSubmitGuard(judge);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({ a, b, verdict: verdict as Verdict, reason });
  }

  const error = judge.error;
  return (
    <form className="form-panel decide" onSubmit={submit} aria-label="Judge the pair" noValidate>
      <h2 className="form-title">Your judgement</h2>
      <FormProblem error={error} fields={['verdict', 'reason']} what="Not recorded" />
      <fieldset className="segmented">
        <legend className="field-label">These two records are</legend>
        {VERDICTS.map((v) => (
          <label key={v} className={`segmented-option segmented-${v}`}>
            <input
              type="radio"
              name="verdict"
              value={v}
              checked={verdict === v}
              onChange={() => setVerdict(v)}
            />
            <span>{VERDICT_LABELS[v]}</span>
          </label>
        ))}
        {issueFor(error, 'verdict') ? (
          <span className="field-error">{issueFor(error, 'verdict')}</span>
        ) : null}
      </fieldset>
      <FormField
        label="Reason"
        className="field-grow"
        error={issueFor(error, 'reason')}
        help={verdict === 'same' ? 'Record B will be merged into record A.' : undefined}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={2000}
          />
        )}
      </FormField>
      <div className="decide-actions">
        <button type="submit" className="button button-primary" disabled={judge.isPending}>
          {judge.isPending ? 'Recording…' : 'Record the judgement'}
        </button>
      </div>
    </form>
  );
}

/** A pair one or both of whose records were merged: each merge as the server tells it. */
function MergedPair({ pair }: { pair: Pair }) {
  const sides = [
    [pair.a, pair.b],
    [pair.b, pair.a],
  ] as const;
  return (
    <>
      {sides.map(([record, other]) =>
        record.mergedInto === null ? null : (
          <MergedNotice key={record.id} record={record} other={other} />
        ),
      )}
      <PairJudgementList
        judgements={pair.judgements}
        a={pair.a.id}
        b={pair.b.id}
        undoOfferedAbove={sides.flatMap(([record]) =>
          record.mergedInto === null ? [] : [record.merge.judgementId],
        )}
      />
    </>
  );
}

function MergedNotice({ record, other }: { record: MergedRecord; other: PairSide }) {
  const mayReview = useMay('review');
  const undo = useUndo();
  const sendUndo = useSubmitGuard(undo);
  const intoOther = record.mergedInto === other.id;
  return (
    <div
      className="panel merged-notice"
      role="status"
      data-testid="merged-notice"
      data-merged-into={record.mergedInto}
    >
      <p>
        <strong>{record.primaryName}</strong> was merged into{' '}
        {intoOther ? (
          <strong>{other.primaryName}</strong>
        ) : (
          <>
            another record, now part of <PersonLink personId={record.current} />
          </>
        )}{' '}
        on {dateTimeText(record.merge.mergedAt)}: its names, claims and events now belong to that
        record.
      </p>
      <p className="form-actions">
        <Link to={paths.person(record.current)} className="button button-secondary">
          Open the merged record
        </Link>
        {mayReview ? (
          <button
            type="button"
            className="button button-primary"
            disabled={undo.isPending}
            onClick={() => sendUndo({ judgementId: record.merge.judgementId })}
          >
            {undo.isPending ? 'Undoing…' : 'Undo the merge'}
          </button>
        ) : null}
      </p>
      {undo.isError ? (
        <p className="form-error" role="alert">
          {describeError(undo.error)}
        </p>
      ) : null}
    </div>
  );
}

/** Undoes a judgement (and the merge it made) and refreshes what depends on it. */
function useUndo() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.matching.undo.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.matching.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.review.pathFilter()),
        ]),
    }),
  );
}

function PairJudgementList({
  judgements,
  a,
  b,
  undoOfferedAbove = [],
}: {
  judgements: Judgement[];
  a: string;
  b: string;
  /** Judgements whose merge is shown above with its own "Undo" button. */
  undoOfferedAbove?: readonly string[];
}) {
  const mayReview = useMay('review');
  const me = useSession().data;
  const undo = useUndo();
  const sendUndo = useSubmitGuard(undo);
  return (
    <section className="panel" aria-labelledby="judgements-heading">
      <div className="panel-header">
        <h2 id="judgements-heading">Judgements of this pair</h2>
      </div>
      {judgements.length === 0 ? (
        <p className="muted">Nobody has judged this pair yet.</p>
      ) : (
        <>
          {undo.isError ? (
            <p className="form-error" role="alert">
              {describeError(undo.error)}
            </p>
          ) : null}
          <ul className="plain-list judgements" data-testid="pair-judgements">
            {judgements.map((j) => (
              <li key={j.id} className={`judgement${j.undoneAt ? ' judgement-undone' : ''}`}>
                <Badge
                  tone={
                    j.verdict === 'same' ? 'warn' : j.verdict === 'different' ? 'info' : 'muted'
                  }
                >
                  {labelOf(VERDICT_LABELS, j.verdict)}
                </Badge>{' '}
                {j.reason}
                <div className="muted small">
                  {j.decidedBy === me?.id ? 'by you' : 'by another reviewer'},{' '}
                  {dateTimeText(j.createdAt)}
                  {j.score !== null ? ` · score ${j.score.toFixed(2)}` : ''}
                  {j.personA !== a || j.personB !== b ? ' · records named the other way round' : ''}
                  {j.undoneAt ? ` · undone ${dateTimeText(j.undoneAt)}` : ''}
                </div>
                {!j.undoneAt && mayReview && !undoOfferedAbove.includes(j.id) ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={undo.isPending}
                    onClick={() => sendUndo({ judgementId: j.id })}
                  >
                    Undo{j.verdict === 'same' ? ' the merge' : ''}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
