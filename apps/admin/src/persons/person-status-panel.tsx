import type { PersonStatus, StatusReason } from '@vigil/domain';
import type { ReactNode } from 'react';
import {
  ACKNOWLEDGEMENT_VALUE_LABELS,
  HELD_STATE_LABELS,
  LEGAL_CATEGORY_LABELS,
  LIBERTY_LABELS,
  LIFE_LABELS,
  labelOf,
  partialDateText,
} from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { Badge } from '../ui/badges.tsx';

/**
 * The person's derived status: liberty, life, acknowledgement by the detaining state and legal
 * category, each with the reasons behind it. The server derives it from accepted events and
 * claims with the rules in `@vigil/domain`; this panel only shows it. A contested dimension
 * shows what supports its value beside what conflicts with it, so a reader sees both sides.
 */
export function PersonStatusPanel({ status }: { status: PersonStatus | null | undefined }) {
  return (
    <section
      className="panel status-panel"
      aria-labelledby="status-heading"
      data-testid="person-status-panel"
    >
      <div className="panel-header">
        <h2 id="status-heading">Status</h2>
        <span className="muted small">Derived from accepted events and claims</span>
      </div>
      {status ? (
        <>
          <p className="status-summary" data-testid="status-summary">
            {status.summary.charAt(0).toUpperCase() + status.summary.slice(1)}
          </p>
          <StatusFlags flags={status.flags} />
          <div className="status-dimensions">
            <Dimension
              name="liberty"
              label="Liberty"
              value={
                status.liberty.value === 'held' && status.liberty.heldState
                  ? `${LIBERTY_LABELS.held} — ${HELD_STATE_LABELS[status.liberty.heldState]}`
                  : labelOf(LIBERTY_LABELS, status.liberty.value)
              }
              detail={
                status.liberty.heldState &&
                status.liberty.detail === HELD_STATE_LABELS[status.liberty.heldState]
                  ? undefined
                  : status.liberty.detail
              }
              contested={status.liberty.contested}
              reasons={status.liberty.reasons}
            />
            <Dimension
              name="life"
              label="Life"
              value={labelOf(LIFE_LABELS, status.life.value)}
              detail={
                status.life.detail ??
                (status.life.lastProofOfLife
                  ? `last proof of life ${partialDateText(status.life.lastProofOfLife)}`
                  : undefined)
              }
              contested={status.life.contested}
              reasons={status.life.reasons}
            />
            <Dimension
              name="acknowledgement"
              label="Acknowledgement by the detaining state"
              value={labelOf(ACKNOWLEDGEMENT_VALUE_LABELS, status.acknowledgement.value)}
              detail={
                status.acknowledgement.detail ??
                (status.acknowledgement.since
                  ? `since ${partialDateText(status.acknowledgement.since)}`
                  : undefined)
              }
              contested={status.acknowledgement.contested}
              reasons={status.acknowledgement.reasons}
            />
            <Dimension
              name="legal"
              label="Legal category"
              value={
                status.legal.assessed
                  ? labelOf(LEGAL_CATEGORY_LABELS, status.legal.assessed)
                  : status.legal.asserted.length > 0
                    ? 'Not assessed: sources disagree'
                    : 'Unknown'
              }
              detail={
                status.legal.asserted.length > 0
                  ? `Asserted: ${status.legal.asserted
                      .map(
                        (a) =>
                          `${labelOf(LEGAL_CATEGORY_LABELS, a.category)} (${a.independentSources} independent ${a.independentSources === 1 ? 'source' : 'sources'})`,
                      )
                      .join('; ')}`
                  : undefined
              }
              contested={status.legal.contested}
              reasons={status.legal.reasons}
            />
          </div>
          {status.notCounted.length > 0 ? (
            <details className="status-not-counted">
              <summary>
                Not counted ({status.notCounted.length}): pending, rejected or contradicted
              </summary>
              <ReasonList reasons={status.notCounted} />
            </details>
          ) : null}
        </>
      ) : (
        <p className="muted">
          Not derived yet. The status will appear here, with the events and sources behind it, once
          it has been computed from accepted claims.
        </p>
      )}
    </section>
  );
}

function StatusFlags({ flags }: { flags: PersonStatus['flags'] }) {
  if (!flags.disappeared && !flags.contactLost) return null;
  return (
    <ul className="status-flags" aria-label="Warnings">
      {flags.disappeared ? (
        <li className="status-flag status-flag-bad" data-testid="flag-disappeared">
          <strong>Possibly forcibly disappeared.</strong> Held, not acknowledged by the detaining
          state, and no proof of life since the custody began.
        </li>
      ) : null}
      {flags.contactLost ? (
        <li className="status-flag status-flag-warn" data-testid="flag-contact-lost">
          <strong>Contact lost.</strong> No proof of life within the window while held, or contact
          was reported lost and nothing has answered since.
        </li>
      ) : null}
    </ul>
  );
}

function Dimension({
  name,
  label,
  value,
  detail,
  contested,
  reasons,
}: {
  name: string;
  label: string;
  value: string;
  detail: string | undefined;
  contested: boolean;
  reasons: StatusReason[];
}) {
  const basis = reasons.filter((r) => r.kind === 'basis');
  const conflicts = reasons.filter((r) => r.kind === 'conflict');
  const notes = reasons.filter((r) => r.kind === 'note');
  return (
    <div
      className={`status-dimension${contested ? ' status-dimension-contested' : ''}`}
      data-testid={`status-${name}`}
    >
      <h3>{label}</h3>
      <p className="status-value">
        {value}
        {contested ? (
          <Badge tone="bad" title="Accepted claims disagree on this">
            Contested
          </Badge>
        ) : null}
      </p>
      {detail ? <p className="status-detail">{detail}</p> : null}
      {contested && conflicts.length > 0 ? (
        <div className="reason-sides">
          <ReasonColumn heading="What this value rests on">
            {basis.length > 0 ? (
              <ReasonList reasons={basis} />
            ) : (
              <p className="muted small">No accepted event or claim.</p>
            )}
          </ReasonColumn>
          <ReasonColumn heading="What conflicts with it">
            <ReasonList reasons={conflicts} />
          </ReasonColumn>
        </div>
      ) : reasons.length - notes.length > 0 ? (
        <ReasonList reasons={[...basis, ...conflicts]} />
      ) : null}
      {notes.length > 0 ? <ReasonList reasons={notes} /> : null}
    </div>
  );
}

function ReasonColumn({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <div className="reason-side">
      <h4>{heading}</h4>
      {children}
    </div>
  );
}

function ReasonList({ reasons }: { reasons: StatusReason[] }) {
  return (
    <ul className="status-reasons">
      {reasons.map((reason, i) => (
        <li key={i} className={`reason reason-${reason.kind}`}>
          {reason.text}
          {reason.sourceIds.length > 0 ? (
            <span className="reason-sources">
              {reason.sourceIds.map((id, n) => (
                <Link key={id} to={paths.source(id)}>
                  {reason.sourceIds.length === 1 ? 'source' : `source ${n + 1}`}
                </Link>
              ))}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
