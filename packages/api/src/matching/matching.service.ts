import {
  AppError,
  matchRecordVisibleTo,
  scorePair,
  VERDICTS,
  type MatchRecord,
} from '@vigil/domain';
import {
  matchJudgements,
  matchRecordsOf,
  mergePersons,
  pairKey,
  personMerges,
  personNames,
  persons,
  reviewTasks,
  undoMerge,
} from '@vigil/db';
import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { getPerson } from '../persons/persons.service.ts';
import { countDuplicateTasksOpened } from '../review/review.service.ts';
import { assertVisible, visibleLevels } from '../redaction.ts';

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
    verdict: z.enum(VERDICTS, 'choose same person, different persons or unsure'),
    reason: z.string().trim().min(3, 'say in a few words why').max(2000),
    taskId: z.uuid().optional(),
  })
  .refine((p) => p.a !== p.b, { path: ['b'], message: 'must be another person than a' });

/**
 * One record of a pair: the person as the caller may see them, or, once a merge folded the
 * record into another, that merge (for "Undo") and the names the record had, which now belong
 * to the survivor, and `current`, the record it lives on in now (the end of a chain of merges).
 * A merge is told only to a caller cleared for every record of it; anyone else gets NOT_FOUND,
 * as for an id that does not exist.
 */
async function readPairSide(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select({ sensitivity: persons.sensitivity, mergedInto: persons.mergedInto })
    .from(persons)
    .where(eq(persons.id, id));
  if (!row?.mergedInto) {
    return { ...(await getPerson(ctx, id)), mergedInto: null, merge: null };
  }
  assertVisible(row, ctx.actor.clearance, 'Person');
  const current = await currentRecordOf(ctx, row.mergedInto);
  const [merge] = await ctx.db
    .select()
    .from(personMerges)
    .where(and(eq(personMerges.mergedId, id), isNull(personMerges.undoneAt)))
    .orderBy(desc(personMerges.createdAt))
    .limit(1);
  if (!merge) {
    throw new AppError('INTERNAL', 'This record could not be read', {
      logMessage: `person ${id} is merged into ${row.mergedInto} but has no open merge`,
    });
  }
  const names = merge.moved.names.length
    ? await ctx.db
        .select({
          id: personNames.id,
          value: personNames.value,
          script: personNames.script,
          language: personNames.language,
        })
        .from(personNames)
        .where(inArray(personNames.id, merge.moved.names))
        .orderBy(asc(personNames.seq))
    : [];
  return {
    id,
    mergedInto: row.mergedInto,
    current,
    merge: { id: merge.id, judgementId: merge.judgementId, mergedAt: merge.createdAt },
    names,
    primaryName: names[0]?.value ?? '(no name)',
  };
}

/** How many merges into merged records `currentRecordOf` follows before it gives up. */
const MAX_MERGE_CHAIN = 50;

/**
 * The record a merged record lives on in now: the one it was merged into, or, when that one was
 * merged too, the end of the chain. Every record along the way must be visible to the caller.
 */
async function currentRecordOf(ctx: ServiceContext, mergedInto: string): Promise<string> {
  let id = mergedInto;
  for (let step = 0; step < MAX_MERGE_CHAIN; step++) {
    const [record] = await ctx.db
      .select({ sensitivity: persons.sensitivity, mergedInto: persons.mergedInto })
      .from(persons)
      .where(eq(persons.id, id));
    assertVisible(record, ctx.actor.clearance, 'Person');
    if (!record!.mergedInto) return id;
    id = record!.mergedInto;
  }
  throw new AppError('INTERNAL', 'This record could not be read', {
    logMessage: `merge chain from ${mergedInto} longer than ${MAX_MERGE_CHAIN}`,
  });
}

/**
 * The best score over two persons' names and the features behind it, from the fields the caller
 * may read: a partner-cleared reviewer learns nothing of a father's name from "father agrees".
 */
async function scorePersons(ctx: ServiceContext, a: string, b: string) {
  const visible = (records: MatchRecord[] = []) =>
    records.map((r) => matchRecordVisibleTo(r, ctx.actor.clearance));
  const records = await matchRecordsOf(ctx.db, [a, b]);
  let best = {
    score: 0,
    features: {} as Record<string, number>,
    names: ['', ''] as [string, string],
  };
  for (const ra of visible(records.get(a))) {
    for (const rb of visible(records.get(b))) {
      const s = scorePair(ra, rb);
      if (s.score > best.score) best = { ...s, names: [ra.name, rb.name] };
    }
  }
  return best;
}

/**
 * Two persons side by side, with how alike they are: the best score over their names and the
 * features behind it (name parts, birth date, father's name, place), and every judgement of
 * the pair. A record merged into another is shown as merged (`mergedInto`, `merge`); then there
 * is nothing left to score, and `score` and `comparedNames` are null.
 */
export async function comparePair(ctx: ServiceContext, input: z.infer<typeof PairInputSchema>) {
  const [a, b] = await Promise.all([readPairSide(ctx, input.a), readPairSide(ctx, input.b)]);
  const compared =
    a.mergedInto === null && b.mergedInto === null
      ? await scorePersons(ctx, input.a, input.b)
      : null;
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
    score: compared?.score ?? null,
    features: compared?.features ?? {},
    comparedNames: compared?.names ?? null,
    judgements,
  };
}

/**
 * The records merged into a person and not unmerged, newest first: when, and the judgement
 * behind each, so that the person's page can say the record holds another and lead to where the
 * merge is undone. A merged record above the caller's clearance is left out, as the record is.
 *
 * @example
 * await listMergesInto(ctx, personId) // [{ mergedId, judgementId, mergedAt }]
 */
export async function listMergesInto(ctx: ServiceContext, personId: string) {
  const [survivor] = await ctx.db
    .select({ sensitivity: persons.sensitivity })
    .from(persons)
    .where(and(eq(persons.id, personId), isNull(persons.hiddenAt)));
  assertVisible(survivor, ctx.actor.clearance, 'Person');
  return ctx.db
    .select({
      mergedId: personMerges.mergedId,
      judgementId: personMerges.judgementId,
      mergedAt: personMerges.createdAt,
    })
    .from(personMerges)
    .innerJoin(persons, eq(persons.id, personMerges.mergedId))
    .where(
      and(
        eq(personMerges.survivorId, personId),
        isNull(personMerges.undoneAt),
        inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
      ),
    )
    .orderBy(desc(personMerges.createdAt));
}

/**
 * Records a reviewer's judgement of a pair. "same" merges b into a (undoably); "different" and
 * "unsure" stop the pair from being suggested again. The pair's open duplicate task closes.
 * A pair one of whose records was merged away cannot be judged until that merge is undone.
 */
export async function judgePair(ctx: ServiceContext, input: z.infer<typeof JudgeInputSchema>) {
  const compared = await comparePair(ctx, { a: input.a, b: input.b });
  return ctx.db.transaction(async (tx) => {
    // Locked, so that two reviewers cannot merge the same record at once.
    const unmerged = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(inArray(persons.id, [input.a, input.b]), isNull(persons.mergedInto)))
      .for('update');
    if (unmerged.length < 2) {
      throw new AppError(
        'CONFLICT',
        'One of the two records has been merged into another; undo that merge to judge this pair',
      );
    }
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
    // The pair's own task closes with the reviewer's words before a merge closes the merged
    // record's other duplicate tasks.
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
    // A reviewer not cleared for both records may not learn the judgement exists, let alone undo it.
    const pair = await tx
      .select({ sensitivity: persons.sensitivity })
      .from(persons)
      .where(inArray(persons.id, [judgement.personA, judgement.personB]));
    if (pair.length < 2) throw AppError.notFound('Judgement');
    for (const person of pair) assertVisible(person, ctx.actor.clearance, 'Judgement');
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

/** How long a requested scan for duplicates stands for every further request. */
const SCAN_REQUEST_SECONDS = 60;

/**
 * Starts the search for duplicate persons now instead of waiting for the nightly run. Requests
 * within the same minute share one scan: `queued` is false when this one was folded into it.
 */
export async function scanForDuplicates(ctx: ServiceContext) {
  return ctx.db.transaction(async (tx) => {
    const queued = await ctx.queue.enqueue(
      tx,
      'matching.find-duplicates',
      {},
      { singletonSeconds: SCAN_REQUEST_SECONDS },
    );
    await auditChange(tx, ctx, 'create', 'job', 'matching.find-duplicates', null, {
      requested: true,
      queued,
    });
    return { queued };
  });
}

/** Where the latest scan for duplicates stands, as a reviewer sees it. */
export interface ScanStatus {
  /** `none` when no scan is on record (finished scans are kept a week). */
  state: 'none' | 'queued' | 'running' | 'finished' | 'failed';
  requestedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Review tasks for possible duplicates the scan opened, only those the caller may see; null until it finished. */
  opened: number | null;
}

/**
 * The latest scan for duplicates, nightly or requested: waiting, running, finished with how many
 * pairs it put in the caller's review queue, or failed.
 */
export async function getScanStatus(ctx: ServiceContext): Promise<ScanStatus> {
  const job = await ctx.queue.latestJob('matching.find-duplicates');
  if (!job)
    return { state: 'none', requestedAt: null, startedAt: null, endedAt: null, opened: null };
  const opened =
    job.state === 'finished' && job.startedAt && job.endedAt
      ? await countDuplicateTasksOpened(ctx, job.startedAt, job.endedAt)
      : null;
  return {
    state: job.state,
    requestedAt: job.createdAt,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    opened,
  };
}
