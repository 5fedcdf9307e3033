import type { EvidenceClaim } from '@vigil/domain';
import { and, eq, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { claims, reviewTasks, sources } from '../schema.ts';

/** A claim row with the source that makes it. */
export interface ClaimWithSource {
  claim: typeof claims.$inferSelect;
  source: typeof sources.$inferSelect;
}

export type ReviewTaskRow = typeof reviewTasks.$inferSelect;

/** A claim as evidence for the grading rules of `@vigil/domain`. */
export function toEvidenceClaim({ claim, source }: ClaimWithSource): EvidenceClaim {
  return {
    id: claim.id,
    predicate: claim.predicate,
    value: claim.value,
    stance: claim.stance,
    reviewState: claim.reviewState,
    credibility: claim.credibility as EvidenceClaim['credibility'],
    source: {
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      side: source.side as EvidenceClaim['source']['side'],
      reliability: source.reliability as EvidenceClaim['source']['reliability'],
      publishedDate: source.publishedDate,
    },
  };
}

/** One claim with its source, or `null` when there is no such claim. */
export async function findClaimWithSource(
  db: DbOrTx,
  claimId: string,
): Promise<ClaimWithSource | null> {
  const [row] = await db
    .select({ claim: claims, source: sources })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(eq(claims.id, claimId));
  return row ?? null;
}

/**
 * Every claim about the same subject as `claim`, itself included, whatever their review state:
 * - a person claim: the claims about the same person with the same predicate;
 * - an event claim: the claims about the same event;
 * - a participation claim: the claims about the event and about this person's part in it
 *   (what a person's status weighs, see `loadStatusInput`).
 */
export async function findClaimsOnSameSubject(
  db: DbOrTx,
  claim: Pick<typeof claims.$inferSelect, 'subjectType' | 'personId' | 'eventId' | 'predicate'>,
): Promise<ClaimWithSource[]> {
  const base = db
    .select({ claim: claims, source: sources })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId));
  switch (claim.subjectType) {
    case 'person':
      if (!claim.personId) return [];
      return base
        .where(
          and(
            eq(claims.subjectType, 'person'),
            eq(claims.personId, claim.personId),
            eq(claims.predicate, claim.predicate),
          ),
        )
        .orderBy(claims.id);
    case 'event':
      if (!claim.eventId) return [];
      return base
        .where(and(eq(claims.subjectType, 'event'), eq(claims.eventId, claim.eventId)))
        .orderBy(claims.id);
    case 'participation':
      if (!claim.eventId || !claim.personId) return [];
      return base
        .where(
          and(
            eq(claims.eventId, claim.eventId),
            or(
              eq(claims.subjectType, 'event'),
              and(eq(claims.subjectType, 'participation'), eq(claims.personId, claim.personId)),
            ),
          ),
        )
        .orderBy(claims.id);
  }
}

/** The open review task with this deduplication key, or `null`. */
export async function findOpenReviewTask(
  db: DbOrTx,
  dedupeKey: string,
): Promise<ReviewTaskRow | null> {
  const [task] = await db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.dedupeKey, dedupeKey), eq(reviewTasks.state, 'open')));
  return task ?? null;
}

/**
 * Opens a review task unless one with the same `dedupeKey` is already open, and says which
 * happened: an idempotent job can call it on every attempt and opens the task at most once.
 */
export async function openReviewTask(
  tx: DbOrTx,
  values: Omit<typeof reviewTasks.$inferInsert, 'dedupeKey' | 'state'> & { dedupeKey: string },
): Promise<{ task: ReviewTaskRow; opened: boolean }> {
  const [created] = await tx
    .insert(reviewTasks)
    .values({ ...values, state: 'open' })
    .onConflictDoNothing()
    .returning();
  if (created) return { task: created, opened: true };
  const existing = await findOpenReviewTask(tx, values.dedupeKey);
  if (!existing)
    throw new Error(`review task ${values.dedupeKey} was neither opened nor found open`);
  return { task: existing, opened: false };
}
