import { AppError, scorePair, VERDICTS } from '@vigil/domain';
import {
  matchJudgements,
  matchRecordsOf,
  mergePersons,
  pairKey,
  personMerges,
  reviewTasks,
  undoMerge,
} from '@vigil/db';
import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { getPerson } from '../persons/persons.service.ts';

export const PairInputSchema = z
  .object({ a: z.uuid('must be a valid id'), b: z.uuid('must be a valid id') })
  .refine((p) => p.a !== p.b, {
    path: ['b'],
    message: 'must be another person than a',
  });

export const JudgeInputSchema = z
  .object({
    a: z.uuid('must be a valid id'),
    b: z.uuid('must be a valid id'),
    verdict: z.enum(VERDICTS),
    reason: z.string().trim().min(3, 'say in a few words why').max(2000),
    taskId: z.uuid().optional(),
  })
  .refine((p) => p.a !== p.b, { path: ['b'], message: 'must be another person than a' });

/**
 * Two persons side by side, with how alike they are: the best score over their names and the
 * features behind it (name parts, birth date, father's name, place).
 */
export async function comparePair(ctx: ServiceContext, input: z.infer<typeof PairInputSchema>) {
  const [a, b] = await Promise.all([getPerson(ctx, input.a), getPerson(ctx, input.b)]);
  const records = await matchRecordsOf(ctx.db, [input.a, input.b]);
  let best = {
    score: 0,
    features: {} as Record<string, number>,
    names: ['', ''] as [string, string],
  };
  for (const ra of records.get(input.a) ?? []) {
    for (const rb of records.get(input.b) ?? []) {
      const s = scorePair(ra, rb);
      if (s.score > best.score) best = { ...s, names: [ra.name, rb.name] };
    }
  }
  const judgements = await ctx.db
    .select()
    .from(matchJudgements)
    .where(
      or(
        and(eq(matchJudgements.personA, input.a), eq(matchJudgements.personB, input.b)),
        and(eq(matchJudgements.personA, input.b), eq(matchJudgements.personB, input.a)),
      ),
    )
    .orderBy(desc(matchJudgements.createdAt));
  return {
    a,
    b,
    score: best.score,
    features: best.features,
    comparedNames: best.names,
    judgements,
  };
}

/**
 * Records a reviewer's judgement of a pair. "same" merges b into a (undoably); "different" and
 * "unsure" stop the pair from being suggested again. The pair's open duplicate task closes.
 */
export async function judgePair(ctx: ServiceContext, input: z.infer<typeof JudgeInputSchema>) {
  const compared = await comparePair(ctx, { a: input.a, b: input.b });
  return ctx.db.transaction(async (tx) => {
    const [judgement] = await tx
      .insert(matchJudgements)
      .values({
        personA: input.a,
        personB: input.b,
        verdict: input.verdict,
        reason: input.reason,
        score: compared.score,
        features: compared.features,
        decidedBy: ctx.actor.id,
      })
      .returning();
    await auditChange(tx, ctx, 'decide', 'match_judgement', judgement!.id, null, {
      a: input.a,
      b: input.b,
      verdict: input.verdict,
      reason: input.reason,
    });
    let mergeId: string | null = null;
    if (input.verdict === 'same') {
      const merge = await mergePersons(tx, {
        judgementId: judgement!.id,
        survivorId: input.a,
        mergedId: input.b,
      });
      mergeId = merge.id;
      await auditChange(
        tx,
        ctx,
        'merge',
        'person',
        input.b,
        { mergedInto: null },
        { mergedInto: input.a, moved: merge.moved },
      );
      await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId: input.a });
    }
    await tx
      .update(reviewTasks)
      .set({
        state: 'done',
        outcome: 'accepted',
        reason: `${input.verdict}: ${input.reason}`,
        assigneeId: ctx.actor.id,
      })
      .where(
        and(
          eq(reviewTasks.state, 'open'),
          eq(reviewTasks.kind, 'duplicate'),
          eq(reviewTasks.dedupeKey, `duplicate:${pairKey(input.a, input.b)}`),
        ),
      );
    return { judgementId: judgement!.id, verdict: judgement!.verdict, mergeId };
  });
}

/** Undoes a judgement; a merge it made is undone too, and the pair may be suggested again. */
export async function undoJudgement(ctx: ServiceContext, judgementId: string) {
  return ctx.db.transaction(async (tx) => {
    const [judgement] = await tx
      .select()
      .from(matchJudgements)
      .where(and(eq(matchJudgements.id, judgementId), isNull(matchJudgements.undoneAt)))
      .for('update');
    if (!judgement) throw AppError.notFound('Judgement');
    const [merge] = await tx
      .select()
      .from(personMerges)
      .where(and(eq(personMerges.judgementId, judgementId), isNull(personMerges.undoneAt)));
    if (merge) {
      await undoMerge(tx, merge.id);
      await auditChange(
        tx,
        ctx,
        'unmerge',
        'person',
        merge.mergedId,
        { mergedInto: merge.survivorId },
        { mergedInto: null },
      );
      await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId: merge.survivorId });
      await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId: merge.mergedId });
    }
    await tx
      .update(matchJudgements)
      .set({ undoneAt: new Date() })
      .where(eq(matchJudgements.id, judgementId));
    await auditChange(
      tx,
      ctx,
      'update',
      'match_judgement',
      judgementId,
      { undoneAt: null },
      { undoneAt: 'now' },
    );
    return { judgementId, unmerged: !!merge };
  });
}

export async function listJudgements(ctx: ServiceContext) {
  return ctx.db.select().from(matchJudgements).orderBy(desc(matchJudgements.createdAt)).limit(100);
}

/** Starts the search for duplicate persons now instead of waiting for the nightly run. */
export async function scanForDuplicates(ctx: ServiceContext) {
  await ctx.db.transaction(async (tx) => {
    await ctx.queue.enqueue(tx, 'matching.find-duplicates', {});
    await auditChange(tx, ctx, 'create', 'job', 'matching.find-duplicates', null, {
      requested: true,
    });
  });
  return { queued: true as const };
}
