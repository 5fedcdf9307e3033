import {
  AppError,
  claimValueProblem,
  type ClaimCreateSchema,
  type ClaimUpdateSchema,
} from '@vigil/domain';
import { claims, events, persons, personsAffectedByClaim, sources, type DbOrTx } from '@vigil/db';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { redactRecord, visibleLevels } from '../redaction.ts';
import { openClaimTask } from '../review/review.service.ts';
import { visibleClaims } from './visible-claims.ts';
import { updateVersioned } from '../versioned.ts';

export const ClaimListInputSchema = z.object({
  personId: z.uuid('must be a valid id').optional(),
  eventId: z.uuid('must be a valid id').optional(),
  sourceId: z.uuid('must be a valid id').optional(),
  reviewState: z.enum(['pending', 'accepted', 'rejected', 'needs_evidence']).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(500, 'must be at most 500').default(100),
});

type ClaimRow = typeof claims.$inferSelect;

async function assertReferencesVisible(
  ctx: ServiceContext,
  tx: DbOrTx,
  input: { sourceId: string; personId?: string | null; eventId?: string | null },
) {
  const [source] = await tx
    .select({ sensitivity: sources.sensitivity })
    .from(sources)
    .where(eq(sources.id, input.sourceId));
  if (!source || !visibleLevels(ctx.actor.clearance).includes(source.sensitivity))
    throw AppError.badInput([{ field: 'sourceId', message: 'no such source' }]);
  if (input.personId) {
    const [person] = await tx
      .select({ sensitivity: persons.sensitivity })
      .from(persons)
      .where(and(eq(persons.id, input.personId), isNull(persons.hiddenAt)));
    if (!person || !visibleLevels(ctx.actor.clearance).includes(person.sensitivity))
      throw AppError.badInput([{ field: 'personId', message: 'no such person' }]);
  }
  if (input.eventId) {
    const [event] = await tx
      .select({ sensitivity: events.sensitivity })
      .from(events)
      .where(eq(events.id, input.eventId));
    if (!event || !visibleLevels(ctx.actor.clearance).includes(event.sensitivity))
      throw AppError.badInput([{ field: 'eventId', message: 'no such event' }]);
  }
}

const present = (ctx: ServiceContext, row: ClaimRow) => ({
  ...redactRecord('claim', row, ctx.actor.clearance),
  id: row.id,
  version: row.version,
  reviewState: row.reviewState,
});

/** Records what a source says. The claim starts `pending`: it changes nothing until reviewed. */
export async function createClaim(ctx: ServiceContext, input: z.infer<typeof ClaimCreateSchema>) {
  return ctx.db.transaction(async (tx) => {
    await assertReferencesVisible(ctx, tx, input);
    const [claim] = await tx
      .insert(claims)
      .values({
        ...input,
        value: input.value ?? null,
        reviewState: 'pending',
        enteredBy: ctx.actor.id,
      })
      .returning();
    await auditChange(tx, ctx, 'create', 'claim', claim!.id, null, claim!);
    await openClaimTask(tx, claim!.id, claim!.personId);
    await ctx.queue.enqueue(tx, 'claims.assess', { claimId: claim!.id });
    return present(ctx, claim!);
  });
}

export async function getClaim(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(and(eq(claims.id, id), visibleClaims(ctx)));
  if (!row) throw AppError.notFound('Claim');
  return present(ctx, row.claim);
}

/** Claims the caller may see, a page at a time, each with its source cut to their clearance. */
export async function listClaims(ctx: ServiceContext, input: z.infer<typeof ClaimListInputSchema>) {
  const cursor = decodeCursor(input.cursor, ['uuid']) as [string] | null;
  const conditions = [visibleClaims(ctx)];
  if (input.personId) conditions.push(eq(claims.personId, input.personId));
  if (input.eventId) conditions.push(eq(claims.eventId, input.eventId));
  if (input.sourceId) conditions.push(eq(claims.sourceId, input.sourceId));
  if (input.reviewState) conditions.push(eq(claims.reviewState, input.reviewState));
  if (cursor) conditions.push(gt(claims.id, cursor[0]));
  const rows = await ctx.db
    .select({
      claim: claims,
      sourceTitle: sources.title,
      sourcePublisher: sources.publisher,
      sourceReliability: sources.reliability,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(and(...conditions))
    .orderBy(asc(claims.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.claim.id]);
  return {
    items: page.items.map((r) => ({
      ...present(ctx, r.claim),
      source: {
        ...redactRecord(
          'source',
          { title: r.sourceTitle, publisher: r.sourcePublisher, reliability: r.sourceReliability },
          ctx.actor.clearance,
        ),
        id: r.claim.sourceId,
      },
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Edits what a claim records. A changed claim goes back to review: it is `pending` again,
 * gets an open review task, and the persons it concerns are recomputed without it.
 */
export async function updateClaim(ctx: ServiceContext, input: z.infer<typeof ClaimUpdateSchema>) {
  const claim = await getClaim(ctx, input.id);
  if (input.patch.value !== undefined) {
    const problem = claimValueProblem(claim.predicate ?? '', input.patch.value);
    if (problem) throw AppError.badInput([{ field: 'patch.value', message: problem }]);
  }
  return ctx.db.transaction(async (tx) => {
    const { before, after } = await updateVersioned<ClaimRow>(tx, ctx, {
      table: claims,
      entity: 'claim',
      what: 'Claim',
      id: input.id,
      version: input.version,
      // The claim as it now reads is the corrector's: they may not be the one who accepts it.
      patch: {
        ...input.patch,
        enteredBy: ctx.actor.id,
        reviewState: 'pending',
        reviewedBy: null,
        reviewReason: null,
      },
    });
    await openClaimTask(tx, after.id, after.personId);
    if (before.reviewState === 'accepted') {
      for (const personId of await personsAffectedByClaim(tx, after)) {
        await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId });
      }
    }
    return present(ctx, after);
  });
}
