import { describePartialDate, parsePartialDate } from '@vigil/domain';
import {
  events,
  findClaimsOnSameSubject,
  findClaimWithSource,
  toEvidenceClaim,
  type Tx,
} from '@vigil/db';
import { eq } from 'drizzle-orm';
import { runFenced } from '../fencing.ts';
import type { Handler } from '../handler.ts';
import { openOrExtendTask, openOrUpdateTask, updateOpenTaskDetail } from '../review-tasks.ts';
import { assessClaimEvidence, type ClaimSubject } from './claim-assessment.ts';

/** `capture on 13 Dec 2020`: how an assessment names an event. */
async function eventLabel(tx: Tx, eventId: string): Promise<string> {
  const [event] = await tx
    .select({ type: events.type, date: events.date })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return 'event';
  const type = event.type.replaceAll('_', ' ');
  const parsed = event.date ? parsePartialDate(event.date) : null;
  return parsed?.ok ? `${type} on ${describePartialDate(parsed.value)}` : type;
}

/**
 * `claims.assess`: grades a claim against the other claims on the same subject, writes the
 * assessment in words into the claim's open review task (opening it when a claim still awaiting
 * review has none), and opens a `conflict` task (`conflict:<personId or eventId>`) when accepted
 * claims disagree. Reads and writes in one fenced transaction; a second run writes nothing new.
 */
export const assessClaimJob: Handler<'claims.assess'> = async ({ db }, { claimId }, attempt) =>
  runFenced(db, attempt, async (tx) => {
    const row = await findClaimWithSource(tx, claimId);
    if (!row) return { skipped: 'the claim no longer exists' };
    const { claim } = row;
    const onSubject = (await findClaimsOnSameSubject(tx, claim)).map(toEvidenceClaim);
    const subject: ClaimSubject =
      claim.subjectType === 'person' || !claim.eventId
        ? { kind: 'person' }
        : { kind: claim.subjectType, eventLabel: await eventLabel(tx, claim.eventId) };
    const assessment = assessClaimEvidence(toEvidenceClaim(row), subject, onSubject);

    const claimTaskKey = `claim:${claimId}`;
    const awaitsReview = claim.reviewState === 'pending' || claim.reviewState === 'needs_evidence';
    const claimTask = awaitsReview
      ? (
          await openOrUpdateTask(tx, {
            kind: 'claim',
            claimId,
            personId: claim.personId,
            sourceId: claim.sourceId,
            dedupeKey: claimTaskKey,
            detail: assessment.text,
          })
        ).change
      : await updateOpenTaskDetail(tx, claimTaskKey, assessment.text);

    let conflictTask = null;
    if (assessment.conflict) {
      const about =
        claim.subjectType === 'event' ? claim.eventId : (claim.personId ?? claim.eventId);
      conflictTask = await openOrExtendTask(tx, {
        kind: 'conflict',
        claimId,
        personId: claim.subjectType === 'event' ? null : claim.personId,
        dedupeKey: `conflict:${about}`,
        detail: assessment.conflict,
      });
    }
    return { claimTask, conflictTask, conflict: assessment.conflict !== null };
  });
