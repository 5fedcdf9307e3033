import { REVIEW_OUTCOMES } from '@vigil/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import {
  CLAIM_PREDICATE_LABELS,
  claimValueText,
  dateTimeText,
  eventSubtypeLabel,
  eventTypeLabel,
  labelOf,
  partialDateText,
  REVIEW_OUTCOME_LABELS,
  REVIEW_STATE_LABELS,
  REVIEW_TASK_KIND_LABELS,
} from '../labels.ts';
import { useSession } from '../auth/session.ts';
import { PersonLink } from '../persons/person-link.tsx';
import { Link, paths } from '../router.tsx';
import { describeError, useTRPC, type ApiOutputs } from '../trpc.ts';
import {
  Badge,
  CredibilityBadge,
  ReliabilityBadge,
  ReviewStateBadge,
  SideBadge,
} from '../ui/badges.tsx';
import { FormProblem, issueFor, TextAreaField, useSubmitGuard } from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

export type ReviewTask = ApiOutputs['review']['list']['items'][number];
type Outcome = (typeof REVIEW_OUTCOMES)[number];

/** What the page says after a decision: the outcome, and the person whose status it may change. */
export interface DecidedTask {
  taskId: string;
  outcome: Outcome;
  personId: string | null;
}

const KIND_TONES: Record<string, 'info' | 'warn' | 'bad' | 'neutral'> = {
  claim: 'info',
  duplicate: 'warn',
  conflict: 'bad',
  contact_lost: 'bad',
  archive_source: 'neutral',
  file_integrity: 'bad',
};

const OUTCOME_TONES: Record<string, 'good' | 'bad' | 'info'> = {
  accepted: 'good',
  rejected: 'bad',
  needs_evidence: 'info',
};

/** One task of the review queue: what it is about, who holds it, and the decision. */
export function ReviewTaskCard({
  task,
  mayReview,
  onDecided,
  headingLevel = 2,
}: {
  task: ReviewTask;
  mayReview: boolean;
  onDecided: (decision: DecidedTask) => void;
  /** 3 where the card sits in a page's section rather than in the queue itself. */
  headingLevel?: 2 | 3;
}) {
  const headingId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const [deciding, setDeciding] = useState(false);
  const open = task.state === 'open';
  return (
    <li
      className={`task task-${task.kind}`}
      data-testid="review-task"
      data-task-id={task.id}
      aria-labelledby={headingId}
    >
      <div className="task-header">
        <Badge tone={KIND_TONES[task.kind] ?? 'neutral'}>
          {labelOf(REVIEW_TASK_KIND_LABELS, task.kind)}
        </Badge>
        <Heading id={headingId} className="task-title">
          <TaskTitle task={task} />
        </Heading>
        <span className="muted small task-meta">
          opened {dateTimeText(task.createdAt)}
          {' · '}
          {task.assignee ? `assigned to ${task.assignee.displayName}` : 'unassigned'}
        </span>
        {open && mayReview ? <AssignButton task={task} /> : null}
      </div>

      {task.claim ? <ClaimSubject task={task} /> : null}
      {open && task.claim?.reviewState === 'needs_evidence' ? (
        <p className="notice" data-testid="needs-evidence">
          A reviewer asked for more evidence
          {task.claim.reviewReason ? <>: “{task.claim.reviewReason}”</> : null}. Decide again once
          it is there.
        </p>
      ) : null}
      {open && task.claim?.enteredByMe ? (
        <p className="notice task-four-eyes" data-testid="four-eyes">
          You entered this claim, so another reviewer must decide it (four eyes).
        </p>
      ) : null}

      <div className="task-footer">
        {task.claim ? null : <TaskLinks task={task} />}
        {!open ? (
          <p className="task-decided">
            <Badge tone={OUTCOME_TONES[task.outcome ?? ''] ?? 'neutral'}>
              {labelOf(REVIEW_STATE_LABELS, task.outcome)}
            </Badge>{' '}
            {task.reason}
          </p>
        ) : task.kind === 'duplicate' && task.person && task.otherPerson ? (
          <Link
            className="button button-primary button-small task-action"
            // An import names its new row first and the registry's record second; the record
            // already in the registry is the one to keep, so it goes first (`a` survives a merge).
            to={paths.duplicates(task.otherPerson.id, task.person.id)}
          >
            Compare the two records
          </Link>
        ) : mayReview && !deciding ? (
          <button
            type="button"
            className="button button-primary button-small task-action"
            onClick={() => setDeciding(true)}
          >
            Decide…
          </button>
        ) : null}
      </div>
      {open && mayReview && deciding ? (
        <DecideForm task={task} onDecided={onDecided} onCancel={() => setDeciding(false)} />
      ) : null}
    </li>
  );
}

/** The task in a few words: for a claim, whom it is about; otherwise what the server says. */
function TaskTitle({ task }: { task: ReviewTask }) {
  if (!task.claim) return <>{task.detail ?? labelOf(REVIEW_TASK_KIND_LABELS, task.kind)}</>;
  if (task.claim.subjectType === 'event') return <>A source reports an event</>;
  if (!task.person) return <>Claim about a person</>;
  return (
    <>
      Claim about <Link to={paths.person(task.person.id)}>{task.person.name ?? 'a person'}</Link>
    </>
  );
}

/** The claim to assess, with its source and grades. */
function ClaimSubject({ task }: { task: ReviewTask }) {
  const { claim, source } = task;
  if (!claim) return null;
  return (
    <div className="task-body">
      <div className="task-assertion">
        <div className="claim-predicate">
          {claim.subjectType === 'event'
            ? 'Event reported'
            : labelOf(CLAIM_PREDICATE_LABELS, claim.predicate)}
        </div>
        {claim.subjectType === 'event' && claim.eventId ? (
          <EventSummary eventId={claim.eventId} />
        ) : (
          <div className="claim-value">
            {claim.stance === 'contradicts' ? <Badge tone="bad">Disputes</Badge> : null}{' '}
            {claimValueText(claim.predicate, claim.value)}
          </div>
        )}
        {claim.excerpt ? <blockquote className="excerpt">{claim.excerpt}</blockquote> : null}
        {claim.locator ? <div className="muted small">At: {claim.locator}</div> : null}
      </div>
      {source ? (
        <div className="task-source">
          <div className="muted small">Source</div>
          <Link to={paths.source(source.id)}>{source.title}</Link>
          {source.publisher ? <div className="muted small">{source.publisher}</div> : null}
          <div className="badges">
            <ReliabilityBadge grade={source.reliability} />
            <CredibilityBadge grade={claim.credibility} />
            <SideBadge side={source.side} />
            <ReviewStateBadge state={claim.reviewState} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** For tasks without a claim: the records the task is about. */
function TaskLinks({ task }: { task: ReviewTask }) {
  if (task.kind === 'duplicate' && task.person && task.otherPerson) {
    return (
      <p className="task-links">
        <Link to={paths.person(task.person.id)}>{task.person.name ?? 'one record'}</Link>
        <span className="muted"> and </span>
        <Link to={paths.person(task.otherPerson.id)}>
          {task.otherPerson.name ?? 'another record'}
        </Link>
        {task.sourceId ? (
          <>
            <span className="muted"> · from </span>
            <Link to={paths.source(task.sourceId)}>the imported list</Link>
          </>
        ) : null}
      </p>
    );
  }
  return (
    <p className="task-links">
      {task.person ? (
        <>
          <span className="muted">Person: </span>
          <Link to={paths.person(task.person.id)}>{task.person.name ?? 'open the record'}</Link>
        </>
      ) : null}
      {task.sourceId ? <Link to={paths.source(task.sourceId)}>Open the source</Link> : null}
    </p>
  );
}

/** The event a claim says occurred, with the persons it involves. */
function EventSummary({ eventId }: { eventId: string }) {
  const trpc = useTRPC();
  const event = useQuery(trpc.events.get.queryOptions({ id: eventId }));
  if (event.isPending) return <div className="muted small">Loading the event…</div>;
  if (event.isError) return <div className="muted small">{describeError(event.error)}</div>;
  const e = event.data;
  return (
    <div className="claim-value">
      {eventTypeLabel(e.type)}
      {e.subtype ? ` · ${eventSubtypeLabel(e.subtype)}` : ''}
      {e.date ? `, ${partialDateText(e.date)}` : ''}
      {e.place ? `, ${e.place}` : ''}
      {e.participants.length > 0 ? (
        <div className="small">
          <span className="muted">Involving </span>
          <ul className="inline-list">
            {e.participants.map((p) => (
              <li key={p.personId}>
                <PersonLink personId={p.personId} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function AssignButton({ task }: { task: ReviewTask }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSession().data;
  const mine = !!me && task.assignee?.id === me.id;
  const assign = useMutation(
    trpc.review.assign.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.review.pathFilter()),
    }),
  );
  const send = useSubmitGuard(assign);
  return (
    <span className="task-assign">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={assign.isPending}
        onClick={() => send({ taskId: task.id, assign: !mine })}
      >
        {mine ? 'Give back' : task.assignee ? 'Take over' : 'Assign to me'}
      </button>
      {assign.isError ? (
        <span className="field-error" role="alert">
          {describeError(assign.error)}
        </span>
      ) : null}
    </span>
  );
}

/** Accept, reject or ask for more evidence, always with a reason. */
function DecideForm({
  task,
  onDecided,
  onCancel,
}: {
  task: ReviewTask;
  onDecided: (decision: DecidedTask) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [reason, setReason] = useState('');
  const decide = useMutation(
    trpc.review.decide.mutationOptions({
      onSuccess: async (result) => {
        onDecided({
          taskId: task.id,
          outcome: result.outcome ?? (outcome as Outcome),
          personId: task.person?.id ?? null,
        });
        await Promise.all([
          queryClient.invalidateQueries(trpc.review.pathFilter()),
          queryClient.invalidateQueries(trpc.persons.pathFilter()),
          queryClient.invalidateQueries(trpc.claims.pathFilter()),
          queryClient.invalidateQueries(trpc.events.pathFilter()),
        ]);
      },
      // Someone changed the claim or decided the task meanwhile: show the task as it is now.
      onError: async (error) => {
        if (error.data?.code === 'CONFLICT')
          await queryClient.invalidateQueries(trpc.review.pathFilter());
      },
    }),
  );
  const send = useSubmitGuard(decide);
  const inline = useInlineForm<HTMLFormElement>(onCancel);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // An unchosen outcome is left to the server, which names the field.
    send({
      taskId: task.id,
      outcome: outcome as Outcome,
      reason,
      claimVersion: task.claim?.version ?? undefined,
    });
  }

  const error = decide.error;
  return (
    <form {...inline} className="decide" onSubmit={submit} aria-label="Decide this task" noValidate>
      <FormProblem error={error} fields={['outcome', 'reason']} what="Not decided" />
      <fieldset className="segmented" aria-invalid={issueFor(error, 'outcome') ? true : undefined}>
        <legend className="field-label">Decision</legend>
        {REVIEW_OUTCOMES.map((o) => (
          <label key={o} className={`segmented-option segmented-${o}`}>
            <input
              type="radio"
              name={`outcome-${task.id}`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            <span>{REVIEW_OUTCOME_LABELS[o]}</span>
          </label>
        ))}
        {issueFor(error, 'outcome') ? (
          <span className="field-error">{issueFor(error, 'outcome')}</span>
        ) : null}
      </fieldset>
      <TextAreaField
        label="Reason"
        className="field-grow"
        error={issueFor(error, 'reason')}
        rows={2}
        value={reason}
        onChange={setReason}
        maxLength={2000}
        placeholder="Why, in a few words: what you checked, what is missing"
      />
      <div className="decide-actions">
        <button type="submit" className="button button-primary" disabled={decide.isPending}>
          {decide.isPending ? 'Recording…' : 'Record the decision'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
