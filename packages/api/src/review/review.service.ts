import { AppError, REVIEW_OUTCOMES, REVIEW_TASK_KINDS, VersionSchema } from '@vigil/domain';
import {
  claims,
  eventParticipants,
  personNames,
  persons,
  personsAffectedByClaim,
  reviewTasks,
  sources,
  users,
  type DbOrTx,
} from '@vigil/db';
import { and, asc, count, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { visibleLevels } from '../redaction.ts';
import { visibleClaims } from '../claims/visible-claims.ts';
import { addNameFromAcceptedClaim } from '../names/names.service.ts';

export const ReviewListInputSchema = z.object({
  kind: z.enum(REVIEW_TASK_KINDS).optional(),
  state: z.enum(['open', 'done']).default('open'),
  assignedToMe: z.boolean().optional(),
  /**
   * Only tasks about this person: the person (or one of a pair), or a claim about them or about
   * an event they took part in.
   */
  personId: z.uuid('must be a valid id').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200, 'must be at most 200').default(50),
});

export const ReviewDecideInputSchema = z.object({
  taskId: z.uuid('must be a valid id'),
  outcome: z.enum(REVIEW_OUTCOMES, 'choose a decision: accept, reject or needs more evidence'),
  reason: z
    .string()
    .trim()
    .min(3, 'say in a few words why')
    .max(2000, 'must be at most 2000 characters'),
  /**
   * The version of the claim the reviewer read (`claim.version` in `review.list`); needed for a
   * task about one claim. A claim edited since gets CONFLICT: nobody accepts what they never saw.
   */
  claimVersion: VersionSchema.optional(),
});

export const ReviewAssignInputSchema = z.object({
  taskId: z.uuid('must be a valid id'),
  /** `false` gives the task back to the queue. */
  assign: z.boolean().default(true),
});

/** Opens the review task of a newly entered claim (at most one open task per claim). */
export async function openClaimTask(tx: DbOrTx, claimId: string, personId: string | null) {
  await tx
    .insert(reviewTasks)
    .values({
      kind: 'claim',
      claimId,
      personId,
      dedupeKey: `claim:${claimId}`,
      detail: 'New claim waiting for review',
    })
    .onConflictDoNothing();
}

/**
 * NOT_FOUND for a task the caller may not see: about a person, a source, or a claim's source,
 * above their clearance. The same answer as for a task that does not exist.
 */
async function assertTaskVisible(
  tx: DbOrTx,
  ctx: ServiceContext,
  task: typeof reviewTasks.$inferSelect,
) {
  const levels = visibleLevels(ctx.actor.clearance);
  const personIds = [task.personId, task.otherPersonId].filter((id): id is string => !!id);
  if (personIds.length) {
    const seen = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(inArray(persons.id, personIds), inArray(persons.sensitivity, levels)));
    if (seen.length < personIds.length) throw AppError.notFound('Review task');
  }
  if (task.claimId) {
    const [claim] = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.id, task.claimId), visibleClaims(ctx)));
    if (!claim) throw AppError.notFound('Review task');
  }
  if (task.sourceId) {
    const [source] = await tx
      .select({ id: sources.id })
      .from(sources)
      .where(and(eq(sources.id, task.sourceId), inArray(sources.sensitivity, levels)));
    if (!source) throw AppError.notFound('Review task');
  }
}

const person = alias(persons, 'task_person');
const otherPerson = alias(persons, 'task_other_person');

/** Conditions, on `person` and `otherPerson` joined to a task, that the caller may see both. */
function taskPersonsVisible(ctx: ServiceContext) {
  const levels = visibleLevels(ctx.actor.clearance);
  return [
    or(
      isNull(reviewTasks.personId),
      and(inArray(person.sensitivity, levels), isNull(person.hiddenAt)),
    )!,
    or(
      isNull(reviewTasks.otherPersonId),
      and(inArray(otherPerson.sensitivity, levels), isNull(otherPerson.hiddenAt)),
    )!,
  ];
}

/**
 * How many `duplicate` tasks the caller may see were opened between two moments: what a scan
 * for duplicates found for them, without counting pairs above their clearance.
 */
export async function countDuplicateTasksOpened(ctx: ServiceContext, from: Date, to: Date) {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(reviewTasks)
    .leftJoin(person, eq(person.id, reviewTasks.personId))
    .leftJoin(otherPerson, eq(otherPerson.id, reviewTasks.otherPersonId))
    .where(
      and(
        eq(reviewTasks.kind, 'duplicate'),
        gte(reviewTasks.createdAt, from),
        lte(reviewTasks.createdAt, to),
        ...taskPersonsVisible(ctx),
      ),
    );
  return row?.n ?? 0;
}

/**
 * The review queue, oldest first, with what a reviewer needs to decide: the claim and its
 * source, the person's first name, who entered it and who holds the task.
 */
export async function listReviewTasks(
  ctx: ServiceContext,
  input: z.infer<typeof ReviewListInputSchema>,
) {
  const cursor = decodeCursor(input.cursor, ['text']) as [string] | null;
  const conditions = [eq(reviewTasks.state, input.state)];
  if (input.kind) conditions.push(eq(reviewTasks.kind, input.kind));
  if (input.assignedToMe) conditions.push(eq(reviewTasks.assigneeId, ctx.actor.id));
  if (input.personId)
    conditions.push(
      or(
        eq(reviewTasks.personId, input.personId),
        eq(reviewTasks.otherPersonId, input.personId),
        inArray(
          reviewTasks.claimId,
          ctx.db
            .select({ id: claims.id })
            .from(claims)
            .where(
              or(
                eq(claims.personId, input.personId),
                inArray(
                  claims.eventId,
                  ctx.db
                    .select({ id: eventParticipants.eventId })
                    .from(eventParticipants)
                    .where(eq(eventParticipants.personId, input.personId)),
                ),
              ),
            ),
        ),
      )!,
    );
  if (cursor)
    conditions.push(gt(sql`${reviewTasks.createdAt}::text || ${reviewTasks.id}::text`, cursor[0]));
  // A task about a claim the caller may not see (its source, person or event) is not shown.
  conditions.push(
    or(
      isNull(reviewTasks.claimId),
      inArray(
        reviewTasks.claimId,
        ctx.db.select({ id: claims.id }).from(claims).where(visibleClaims(ctx)),
      ),
    )!,
  );
  // Nor is a task about a person, or a pair, above the caller's clearance.
  conditions.push(...taskPersonsVisible(ctx));
  // Nor one about a source above it (its archiving, a damaged file, an imported list).
  conditions.push(
    or(
      isNull(reviewTasks.sourceId),
      inArray(
        reviewTasks.sourceId,
        ctx.db
          .select({ id: sources.id })
          .from(sources)
          .where(inArray(sources.sensitivity, visibleLevels(ctx.actor.clearance))),
      ),
    )!,
  );
  const rows = await ctx.db
    .select({
      task: reviewTasks,
      sortKey: sql<string>`${reviewTasks.createdAt}::text || ${reviewTasks.id}::text`,
      claim: {
        id: claims.id,
        version: claims.version,
        predicate: claims.predicate,
        subjectType: claims.subjectType,
        value: claims.value,
        excerpt: claims.excerpt,
        locator: claims.locator,
        stance: claims.stance,
        credibility: claims.credibility,
        reviewState: claims.reviewState,
        /** Why a reviewer asked for more evidence, while the claim waits for it. */
        reviewReason: claims.reviewReason,
        eventId: claims.eventId,
        enteredBy: claims.enteredBy,
      },
      source: {
        id: sources.id,
        title: sources.title,
        publisher: sources.publisher,
        reliability: sources.reliability,
        side: sources.side,
      },
      assignee: { id: users.id, displayName: users.displayName },
    })
    .from(reviewTasks)
    .leftJoin(claims, eq(claims.id, reviewTasks.claimId))
    .leftJoin(sources, eq(sources.id, claims.sourceId))
    .leftJoin(users, eq(users.id, reviewTasks.assigneeId))
    .leftJoin(person, eq(person.id, reviewTasks.personId))
    .leftJoin(otherPerson, eq(otherPerson.id, reviewTasks.otherPersonId))
    .where(and(...conditions))
    .orderBy(asc(sql`${reviewTasks.createdAt}::text || ${reviewTasks.id}::text`))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.sortKey]);
  const personIds = [
    ...new Set(
      page.items
        .flatMap((r) => [r.task.personId, r.task.otherPersonId])
        .filter((id): id is string => !!id),
    ),
  ];
  const names = personIds.length
    ? await ctx.db
        .select({ personId: personNames.personId, value: personNames.value })
        .from(personNames)
        .where(inArray(personNames.personId, personIds))
        .orderBy(asc(personNames.seq))
    : [];
  const nameOf = (id: string | null) =>
    id ? (names.find((n) => n.personId === id)?.value ?? null) : null;
  return {
    items: page.items.map(({ task, claim, source, assignee }) => ({
      id: task.id,
      kind: task.kind,
      state: task.state,
      detail: task.detail,
      outcome: task.outcome,
      reason: task.reason,
      version: task.version,
      createdAt: task.createdAt,
      person: task.personId ? { id: task.personId, name: nameOf(task.personId) } : null,
      otherPerson: task.otherPersonId
        ? { id: task.otherPersonId, name: nameOf(task.otherPersonId) }
        : null,
      sourceId: task.sourceId,
      claim: claim?.id ? { ...claim, enteredByMe: claim.enteredBy === ctx.actor.id } : null,
      source: source?.id ? source : null,
      assignee: assignee?.id ? assignee : null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function assignReviewTask(
  ctx: ServiceContext,
  input: z.infer<typeof ReviewAssignInputSchema>,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(reviewTasks).where(eq(reviewTasks.id, input.taskId));
    if (!before) throw AppError.notFound('Review task');
    await assertTaskVisible(tx, ctx, before);
    if (before.state !== 'open')
      throw new AppError('CONFLICT', 'This task has already been decided');
    const [after] = await tx
      .update(reviewTasks)
      .set({
        assigneeId: input.assign ? ctx.actor.id : null,
        version: sql`${reviewTasks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(reviewTasks.id, input.taskId), eq(reviewTasks.version, before.version)))
      .returning();
    if (!after) throw AppError.conflict('Review task');
    await auditChange(tx, ctx, 'update', 'review_task', input.taskId, before, after);
    return { id: after.id, assigneeId: after.assigneeId, version: after.version };
  });
}

/**
 * Decides a review task. For a claim: four eyes — whoever entered the claim cannot decide it;
 * the claim takes the outcome as its review state, and the status of every person it concerns
 * is recomputed by a job enqueued in the same transaction. Claim, task, audit entries and jobs
 * commit together or not at all.
 */
export async function decideReviewTask(
  ctx: ServiceContext,
  input: z.infer<typeof ReviewDecideInputSchema>,
) {
  return ctx.db.transaction(async (tx) => {
    const [task] = await tx
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.id, input.taskId))
      .for('update');
    if (!task) throw AppError.notFound('Review task');
    await assertTaskVisible(tx, ctx, task);
    if (task.state !== 'open')
      throw new AppError('CONFLICT', 'This task has already been decided by someone else');
    if (task.kind === 'claim' && task.claimId) {
      const [claim] = await tx
        .select()
        .from(claims)
        .where(eq(claims.id, task.claimId))
        .for('update');
      if (!claim) throw AppError.notFound('Claim');
      if (claim.enteredBy === ctx.actor.id) {
        throw new AppError(
          'FORBIDDEN',
          'You entered this claim, so another reviewer must decide it (four eyes)',
        );
      }
      if (input.claimVersion === undefined)
        throw AppError.badInput([
          { field: 'claimVersion', message: 'give the version of the claim you reviewed' },
        ]);
      if (input.claimVersion !== claim.version)
        throw new AppError(
          'CONFLICT',
          'This claim was changed after you opened it; read it again before deciding',
        );
      const [after] = await tx
        .update(claims)
        .set({
          reviewState: input.outcome,
          reviewedBy: ctx.actor.id,
          reviewReason: input.reason,
          version: sql`${claims.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(claims.id, claim.id))
        .returning();
      await auditChange(tx, ctx, 'decide', 'claim', claim.id, claim, after!);
      if (after!.reviewState === 'accepted') await addNameFromAcceptedClaim(tx, ctx, after!);
      for (const personId of await personsAffectedByClaim(tx, claim)) {
        await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId });
      }
      await ctx.queue.enqueue(tx, 'claims.assess', { claimId: claim.id });
    }
    if (task.kind === 'claim' && !task.claimId && task.sourceId) {
      // The claims of an imported list, decided together.
      const pending = await tx
        .select({ id: claims.id, enteredBy: claims.enteredBy })
        .from(claims)
        .where(
          and(
            eq(claims.sourceId, task.sourceId),
            inArray(claims.reviewState, ['pending', 'needs_evidence']),
          ),
        )
        .for('update');
      if (pending.some((c) => c.enteredBy === ctx.actor.id)) {
        throw new AppError(
          'FORBIDDEN',
          'You imported this list, so another reviewer must decide its claims (four eyes)',
        );
      }
      if (pending.length > 0) {
        await tx
          .update(claims)
          .set({
            reviewState: input.outcome,
            reviewedBy: ctx.actor.id,
            reviewReason: input.reason,
            version: sql`${claims.version} + 1`,
            updatedAt: new Date(),
          })
          .where(
            inArray(
              claims.id,
              pending.map((c) => c.id),
            ),
          );
      }
      await auditChange(tx, ctx, 'decide', 'source_claims', task.sourceId, null, {
        claims: pending.length,
        outcome: input.outcome,
      });
    }
    const [done] = await tx
      .update(reviewTasks)
      .set({
        state: 'done',
        outcome: input.outcome,
        reason: input.reason,
        assigneeId: task.assigneeId ?? ctx.actor.id,
        version: sql`${reviewTasks.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(reviewTasks.id, task.id))
      .returning();
    await auditChange(tx, ctx, 'decide', 'review_task', task.id, task, done!);
    return { id: done!.id, state: done!.state, outcome: done!.outcome };
  });
}
