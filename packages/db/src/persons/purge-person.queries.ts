import { sealsAuditValues, type AuditAction } from '@vigil/domain';
import { and, eq, inArray, isNotNull, isNull, ne, notExists, or, sql } from 'drizzle-orm';
import { destroyRecordKeys, SEALED_DIFF_KEY, type RecordRef } from '../audit/audit-sealing.ts';
import type { DbOrTx } from '../client.ts';
import {
  auditEntries,
  claims,
  eventParticipants,
  events,
  matchJudgements,
  personMatchKeys,
  personMerges,
  personNames,
  persons,
  reviewTasks,
} from '../schema.ts';

/** What a purge erased, by kind of record. */
export interface PurgedRecords {
  names: number;
  claims: number;
  events: number;
  reviewTasks: number;
  judgements: number;
  /**
   * Audit entries of the erased records whose values were written in clear, before audit values
   * were sealed (migration 0007): the purge cannot erase those without breaking the chain.
   */
  unsealedAuditEntries: number;
}

// `inArray` with an empty list is `false` in drizzle: no record of that kind is touched.

/** How many merges that are not undone fold other records into this person. */
export async function countMergesInto(db: DbOrTx, personId: string): Promise<number> {
  const rows = await db
    .select({ id: personMerges.id })
    .from(personMerges)
    .where(and(eq(personMerges.survivorId, personId), isNull(personMerges.undoneAt)));
  return rows.length;
}

const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id);

/**
 * Erases a person and everything recorded only about them, in foreign-key order: their names,
 * the claims about them, the events no one else took part in (with those events' claims), the
 * review tasks and match judgements about them, undone merges, blocking keys; then destroys the
 * keys of every erased record, so that the values in their audit entries are unreadable too.
 * Events shared with others stay, without this person. Run inside the caller's transaction,
 * after checking `purgeRefusal`.
 */
export async function purgePersonRecords(tx: DbOrTx, personId: string): Promise<PurgedRecords> {
  const otherParticipant = tx
    .select({ one: sql`1` })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, events.id), ne(eventParticipants.personId, personId)));
  const soloEvents = ids(
    await tx
      .select({ id: events.id })
      .from(events)
      .innerJoin(eventParticipants, eq(eventParticipants.eventId, events.id))
      .where(and(eq(eventParticipants.personId, personId), notExists(otherParticipant))),
  );
  const names = ids(
    await tx
      .select({ id: personNames.id })
      .from(personNames)
      .where(eq(personNames.personId, personId)),
  );
  const claimIds = ids(
    await tx
      .select({ id: claims.id })
      .from(claims)
      .where(or(eq(claims.personId, personId), inArray(claims.eventId, soloEvents))),
  );
  const tasks = ids(
    await tx
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(
        or(
          eq(reviewTasks.personId, personId),
          eq(reviewTasks.otherPersonId, personId),
          inArray(reviewTasks.claimId, claimIds),
        ),
      ),
  );
  const judgements = ids(
    await tx
      .select({ id: matchJudgements.id })
      .from(matchJudgements)
      .where(or(eq(matchJudgements.personA, personId), eq(matchJudgements.personB, personId))),
  );

  const records: RecordRef[] = [
    { entity: 'person', entityId: personId },
    ...names.map((id) => ({ entity: 'name', entityId: id })),
    ...claimIds.map((id) => ({ entity: 'claim', entityId: id })),
    ...soloEvents.map((id) => ({ entity: 'event', entityId: id })),
    ...tasks.map((id) => ({ entity: 'review_task', entityId: id })),
    ...judgements.map((id) => ({ entity: 'match_judgement', entityId: id })),
  ];
  const unsealedAuditEntries = await countUnsealedEntries(tx, records);

  await tx.delete(reviewTasks).where(inArray(reviewTasks.id, tasks));
  await tx
    .delete(personMerges)
    .where(
      or(
        eq(personMerges.survivorId, personId),
        eq(personMerges.mergedId, personId),
        inArray(personMerges.judgementId, judgements),
      ),
    );
  await tx.delete(matchJudgements).where(inArray(matchJudgements.id, judgements));
  await tx.delete(personNames).where(eq(personNames.personId, personId));
  await tx.delete(claims).where(inArray(claims.id, claimIds));
  await tx.delete(eventParticipants).where(eq(eventParticipants.personId, personId));
  await tx.delete(events).where(inArray(events.id, soloEvents));
  await tx.delete(personMatchKeys).where(eq(personMatchKeys.personId, personId));
  await tx.delete(persons).where(eq(persons.id, personId));
  await destroyRecordKeys(tx, records);
  return {
    names: names.length,
    claims: claimIds.length,
    events: soloEvents.length,
    reviewTasks: tasks.length,
    judgements: judgements.length,
    unsealedAuditEntries,
  };
}

async function countUnsealedEntries(tx: DbOrTx, records: RecordRef[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < records.length; i += 1000) {
    const batch = records.slice(i, i + 1000);
    const entries = await tx
      .select({
        entity: auditEntries.entity,
        action: auditEntries.action,
        sealed: sql<boolean>`${auditEntries.diff} ? ${SEALED_DIFF_KEY}`,
      })
      .from(auditEntries)
      .where(
        and(
          inArray(
            auditEntries.entityId,
            batch.map((r) => r.entityId),
          ),
          isNotNull(auditEntries.diff),
        ),
      );
    count += entries.filter(
      (e) => !e.sealed && sealsAuditValues(e.entity, e.action as AuditAction),
    ).length;
  }
  return count;
}
