import { comparePartialDateTexts } from '@vigil/domain';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { EventCorrectionForm } from '../events/event-correction-form.tsx';
import {
  eventSubtypeLabel,
  eventTypeLabel,
  labelOf,
  PARTICIPANT_ROLE_LABELS,
  partialDateText,
} from '../labels.ts';
import { Link, paths } from '../router.tsx';
import type { ApiOutputs } from '../trpc.ts';
import {
  Badge,
  CredibilityBadge,
  ReliabilityBadge,
  ReviewStateBadge,
  SideBadge,
} from '../ui/badges.tsx';
import { EmptyState } from '../ui/query-states.tsx';
import { PersonLink } from './person-link.tsx';

type PersonEvent = ApiOutputs['events']['list']['items'][number];
type Evidence = PersonEvent['evidence'][number];

/** Dated events by their earliest possible day, undated ones last, in the order given otherwise. */
function inDateOrder(events: PersonEvent[]): PersonEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => {
      if (a.event.date && b.event.date)
        return comparePartialDateTexts(a.event.date, b.event.date) || a.index - b.index;
      if (!a.event.date !== !b.event.date) return a.event.date ? -1 : 1;
      return a.index - b.index;
    })
    .map(({ event }) => event);
}

/**
 * The person's events in date order, each with the sources that report it. Staff who may write
 * correct an event in place, one at a time.
 */
export function PersonTimeline({ personId, events }: { personId: string; events: PersonEvent[] }) {
  const mayWrite = useMay('write');
  const [correcting, setCorrecting] = useState<string | null>(null);
  if (events.length === 0) {
    return (
      <EmptyState>
        <p>No events are recorded for this person yet.</p>
      </EmptyState>
    );
  }
  return (
    <ol className="timeline" data-testid="timeline">
      {inDateOrder(events).map((event) => (
        <TimelineEvent
          key={event.id}
          personId={personId}
          event={event}
          correcting={correcting === event.id}
          onCorrect={mayWrite ? () => setCorrecting(event.id) : undefined}
          onClose={() => setCorrecting(null)}
        />
      ))}
    </ol>
  );
}

function TimelineEvent({
  personId,
  event,
  correcting,
  onCorrect,
  onClose,
}: {
  personId: string;
  event: PersonEvent;
  /** Whether the event's correction form is open in its place. */
  correcting: boolean;
  /** Opens the correction form; absent for a user who may not write. */
  onCorrect: (() => void) | undefined;
  onClose: () => void;
}) {
  const own = event.participants.find((p) => p.personId === personId);
  const others = event.participants.filter((p) => p.personId !== personId);
  return (
    <li className={`timeline-item timeline-${event.type}`} data-testid="timeline-event">
      <div className="timeline-date">
        {event.date ? partialDateText(event.date) : <span className="muted">Date unknown</span>}
      </div>
      <div className="timeline-body">
        {correcting ? (
          <EventCorrectionForm personId={personId} event={event} onClose={onClose} />
        ) : (
          <EventFacts event={event} own={own} onCorrect={onCorrect} />
        )}
        {others.length > 0 ? (
          <div className="participants">
            <span className="muted">
              With {others.length} other {others.length === 1 ? 'person' : 'persons'}:
            </span>{' '}
            <ul className="inline-list">
              {others.map((p) => (
                <li key={p.personId}>
                  <PersonLink personId={p.personId} />
                  <span className="muted">
                    {' '}
                    ({labelOf(PARTICIPANT_ROLE_LABELS, p.role).toLowerCase()})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <EvidenceList evidence={event.evidence} />
      </div>
    </li>
  );
}

function EventFacts({
  event,
  own,
  onCorrect,
}: {
  event: PersonEvent;
  own: PersonEvent['participants'][number] | undefined;
  onCorrect: (() => void) | undefined;
}) {
  return (
    <>
      <div className="timeline-heading">
        <h3 className="timeline-title">
          {eventTypeLabel(event.type)}
          {event.subtype ? (
            <span className="timeline-subtype"> · {eventSubtypeLabel(event.subtype)}</span>
          ) : null}
        </h3>
        {onCorrect ? (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Correct the event: ${eventTypeLabel(event.type)}${event.date ? `, ${partialDateText(event.date)}` : ''}`}
            onClick={onCorrect}
          >
            Correct
          </button>
        ) : null}
      </div>
      <dl className="facts">
        {event.place ? (
          <div>
            <dt>Place</dt>
            <dd>{event.place}</dd>
          </div>
        ) : null}
        {event.actingParty ? (
          <div>
            <dt>Acting party</dt>
            <dd>{event.actingParty}</dd>
          </div>
        ) : null}
        {event.mediator ? (
          <div>
            <dt>Mediator</dt>
            <dd>{event.mediator}</dd>
          </div>
        ) : null}
        {own ? (
          <div>
            <dt>Role</dt>
            <dd>{labelOf(PARTICIPANT_ROLE_LABELS, own.role)}</dd>
          </div>
        ) : null}
      </dl>
      {event.description ? <p className="timeline-description">{event.description}</p> : null}
    </>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (evidence.length === 0) {
    return <p className="evidence-none">No source is recorded for this event.</p>;
  }
  return (
    <div className="evidence">
      <h4 className="evidence-heading">
        {evidence.length === 1 ? 'Source' : `Sources (${evidence.length})`}
      </h4>
      <ul className="evidence-list">
        {evidence.map((e) => (
          <li key={e.claimId} className="evidence-item">
            <div className="evidence-source">
              <Link to={paths.source(e.sourceId)}>{e.title}</Link>
              {e.publisher ? <span className="muted"> — {e.publisher}</span> : null}
            </div>
            <div className="badges">
              <ReliabilityBadge grade={e.reliability} />
              <CredibilityBadge grade={e.credibility} />
              <SideBadge side={e.side} />
              {e.stance === 'contradicts' ? <Badge tone="bad">Contradicts</Badge> : null}
              <ReviewStateBadge state={e.reviewState} />
            </div>
            {e.excerpt ? <blockquote className="excerpt">{e.excerpt}</blockquote> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
