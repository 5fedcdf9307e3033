import {
  AppError,
  countClaimFields,
  countRegistry,
  isFieldCleared,
  REGISTRY_BUCKET_LABELS,
  partialDateBounds,
  sourceFields,
  type CountClaimCreateSchema,
  type CountClaimUpdateSchema,
} from '@vigil/domain';
import {
  claims,
  computePersonStatuses,
  countClaims,
  eventParticipants,
  events,
  persons,
  sources,
} from '@vigil/db';
import { and, asc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { assertVisible, redactRecord, visibleLevels } from '../redaction.ts';
import { updateVersioned } from '../versioned.ts';

export const CountListInputSchema = z.object({
  population: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(500, 'must be at most 500').default(100),
});

type CountRow = typeof countClaims.$inferSelect;
const present = (ctx: ServiceContext, row: CountRow) => ({
  ...redactRecord('countClaim', row, ctx.actor.clearance),
  id: row.id,
  version: row.version,
});

async function assertSourceVisible(ctx: ServiceContext, sourceId: string) {
  const [source] = await ctx.db
    .select({ sensitivity: sources.sensitivity })
    .from(sources)
    .where(eq(sources.id, sourceId));
  if (!source || !visibleLevels(ctx.actor.clearance).includes(source.sensitivity))
    throw AppError.badInput([{ field: 'sourceId', message: 'no such source' }]);
}

export async function createCountClaim(
  ctx: ServiceContext,
  input: z.infer<typeof CountClaimCreateSchema>,
) {
  await assertSourceVisible(ctx, input.sourceId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(countClaims)
      .values({ ...input, asOfEarliest: partialDateBounds(input.asOf).earliest })
      .returning();
    await auditChange(tx, ctx, 'create', 'count_claim', row!.id, null, row!);
    return present(ctx, row!);
  });
}

export async function getCountClaim(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select({ count: countClaims, sensitivity: sources.sensitivity })
    .from(countClaims)
    .innerJoin(sources, eq(sources.id, countClaims.sourceId))
    .where(eq(countClaims.id, id));
  assertVisible(row, ctx.actor.clearance, 'Count claim');
  return present(ctx, row!.count);
}

export async function listCountClaims(
  ctx: ServiceContext,
  input: z.infer<typeof CountListInputSchema>,
) {
  const cursor = decodeCursor(input.cursor, ['day', 'uuid']) as [string, string] | null;
  const conditions = [inArray(sources.sensitivity, visibleLevels(ctx.actor.clearance))];
  if (input.population) conditions.push(eq(countClaims.population, input.population));
  if (cursor)
    conditions.push(
      or(
        gt(countClaims.asOfEarliest, cursor[0]),
        and(eq(countClaims.asOfEarliest, cursor[0]), gt(countClaims.id, cursor[1])),
      )!,
    );
  const rows = await ctx.db
    .select({ count: countClaims, sourceTitle: sources.title })
    .from(countClaims)
    .innerJoin(sources, eq(sources.id, countClaims.sourceId))
    .where(and(...conditions))
    .orderBy(asc(countClaims.asOfEarliest), asc(countClaims.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.count.asOfEarliest, r.count.id]);
  return {
    items: page.items.map((r) => ({ ...present(ctx, r.count), sourceTitle: r.sourceTitle })),
    nextCursor: page.nextCursor,
  };
}

export async function updateCountClaim(
  ctx: ServiceContext,
  input: z.infer<typeof CountClaimUpdateSchema>,
) {
  const current = await getCountClaim(ctx, input.id);
  const min = input.patch.min ?? current.min;
  const max = input.patch.max ?? current.max;
  if (min !== undefined && max !== undefined && max < min)
    throw AppError.badInput([{ field: 'patch.max', message: 'must be at least the minimum' }]);
  if (input.patch.sourceId) await assertSourceVisible(ctx, input.patch.sourceId);
  const patch: Record<string, unknown> = { ...input.patch };
  if (input.patch.asOf) patch.asOfEarliest = partialDateBounds(input.patch.asOf).earliest;
  return ctx.db.transaction(async (tx) => {
    const { after } = await updateVersioned<CountRow>(tx, ctx, {
      table: countClaims,
      entity: 'count_claim',
      what: 'Count claim',
      id: input.id,
      version: input.version,
      patch,
    });
    return present(ctx, after);
  });
}

export const CountSeriesInputSchema = z
  .object({ population: z.string().max(100).optional() })
  .default({});

/**
 * The numbers: for each population, every count claim over time (with its source) beside
 * what the registry itself can prove on the same days — the persons taken into custody
 * (subjects of an accepted capture or detention), bucketed by their status as it could be
 * derived on that day from accepted evidence the caller may see. Aggregates carry no names
 * and no submitter.
 */
export async function countSeries(
  ctx: ServiceContext,
  input: z.infer<typeof CountSeriesInputSchema>,
) {
  const levels = visibleLevels(ctx.actor.clearance);
  const rows = await ctx.db
    .select({
      count: countClaims,
      source: {
        id: sources.id,
        title: sources.title,
        publisher: sources.publisher,
        side: sources.side,
        reliability: sources.reliability,
      },
    })
    .from(countClaims)
    .innerJoin(sources, eq(sources.id, countClaims.sourceId))
    .where(
      and(
        inArray(sources.sensitivity, levels),
        input.population ? eq(countClaims.population, input.population) : undefined,
      ),
    )
    .orderBy(asc(countClaims.asOfEarliest), asc(countClaims.id));

  const taken = await ctx.db
    .selectDistinct({ personId: eventParticipants.personId })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .innerJoin(persons, eq(persons.id, eventParticipants.personId))
    .innerJoin(claims, and(eq(claims.eventId, events.id), eq(claims.reviewState, 'accepted')))
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(
      and(
        inArray(events.type, ['capture', 'detention']),
        eq(eventParticipants.role, 'subject'),
        isNull(persons.hiddenAt),
        inArray(persons.sensitivity, levels),
        inArray(sources.sensitivity, levels),
      ),
    );

  const today = new Date().toISOString().slice(0, 10);
  const days = [...new Set([...rows.map((r) => r.count.asOfEarliest), today])].sort();
  // Each person's events and claims are loaded once and cut to each day in memory: loading
  // them per person per day took a query pair for every one of them on every day.
  const statusesByDay = await computePersonStatuses(
    ctx.db,
    taken.map((t) => t.personId),
    days.map((day) => ({ asOf: day, now: new Date(`${day}T23:59:59Z`) })),
    { levels },
  );
  const registry = days.map((day, i) => {
    const inCustodyByThen = statusesByDay[i]!.filter(
      (s) => s.liberty.value !== 'unknown' || s.life.value !== 'unknown',
    );
    return { asOf: day, ...countRegistry(inCustodyByThen) };
  });

  // A count's numbers and claimant, and its source's title, are fields of their own clearance
  // (as counts.list and sources.get cut them): a caller cleared below them gets no count at all.
  const { clearance } = ctx.actor;
  const countsShown = ['min', 'max', 'claimant', 'note', 'population'].every((f) =>
    isFieldCleared(countClaimFields, f, clearance),
  );
  const sourcesShown = ['title', 'publisher', 'side', 'reliability'].every((f) =>
    isFieldCleared(sourceFields, f, clearance),
  );
  const shownRows = countsShown && sourcesShown ? rows : [];
  const populations = new Map<string, { key: string; label: string }>();
  for (const r of shownRows)
    populations.set(r.count.population, {
      key: r.count.population,
      label: r.count.populationLabel,
    });
  return {
    populations: [...populations.values()],
    claims: shownRows.map((r) => ({
      id: r.count.id,
      population: r.count.population,
      claimant: r.count.claimant,
      asOf: r.count.asOf,
      asOfEarliest: r.count.asOfEarliest,
      min: r.count.min,
      max: r.count.max,
      approximate: r.count.approximate,
      note: r.count.note,
      source: r.source,
    })),
    registry,
    buckets: REGISTRY_BUCKET_LABELS,
  };
}
