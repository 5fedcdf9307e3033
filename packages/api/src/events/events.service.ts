import {
  AppError,
  comparePartialDateTexts,
  partialDateBounds,
  type EventCreateSchema,
  type EventUpdateSchema,
} from '@vigil/domain';
import {
  claims,
  eventParticipants,
  events,
  personNames,
  persons,
  sources,
  type DbOrTx,
} from '@vigil/db';
import { and, asc, eq, gt, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { assertVisible, redactRecord, visibleLevels } from '../redaction.ts';
import { updateVersioned } from '../versioned.ts';

export const EventListInputSchema = z.object({
  personId: z.uuid('must be a valid id').optional(),
  type: z.string().max(50).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
    .optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(500, 'must be at most 500').default(100),
});

type EventRow = typeof events.$inferSelect;

function dateColumns(date: string | null | undefined) {
  if (date === undefined) return {};
  if (date === null) return { date: null, dateEarliest: null, dateLatest: null };
  const { earliest, latest } = partialDateBounds(date);
  return { date, dateEarliest: earliest, dateLatest: latest };
}

async function assertPersonsVisible(ctx: ServiceContext, tx: DbOrTx, personIds: string[]) {
  const unique = [...new Set(personIds)];
  const found = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        inArray(persons.id, unique),
        isNull(persons.hiddenAt),
        inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
      ),
    );
  const known = new Set(found.map((p) => p.id));
  const missing = unique.findIndex((id) => !known.has(id));
  if (missing >= 0) {
    const index = personIds.indexOf(unique[missing]!);
    throw AppError.badInput([
      { field: `participants.${index}.personId`, message: 'no such person' },
    ]);
  }
}

/**
 * The persons of an event whom the caller may not see (above their clearance, or deleted):
 * a list of participants the caller sends cannot name them, so it must not remove them.
 */
async function unseenParticipants(ctx: ServiceContext, tx: DbOrTx, eventId: string) {
  return tx
    .select({ personId: eventParticipants.personId, role: eventParticipants.role })
    .from(eventParticipants)
    .innerJoin(persons, eq(persons.id, eventParticipants.personId))
    .where(
      and(
        eq(eventParticipants.eventId, eventId),
        or(
          isNotNull(persons.hiddenAt),
          notInArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
        ),
      ),
    );
}

/** The claims about each event with the source behind each, for the timeline. */
async function evidenceOf(ctx: ServiceContext, eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, Evidence[]>();
  const rows = await ctx.db
    .select({
      eventId: claims.eventId,
      claimId: claims.id,
      predicate: claims.predicate,
      stance: claims.stance,
      reviewState: claims.reviewState,
      credibility: claims.credibility,
      excerpt: claims.excerpt,
      sourceId: sources.id,
      title: sources.title,
      publisher: sources.publisher,
      side: sources.side,
      reliability: sources.reliability,
      sourceSensitivity: sources.sensitivity,
    })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(inArray(claims.eventId, eventIds));
  const byEvent = new Map<string, Evidence[]>();
  for (const { sourceSensitivity, ...row } of rows) {
    if (!row.eventId || !visibleLevels(ctx.actor.clearance).includes(sourceSensitivity)) continue;
    byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
  }
  return byEvent;
}
type Evidence = {
  eventId: string | null;
  claimId: string;
  predicate: string;
  stance: string;
  reviewState: string;
  credibility: number;
  excerpt: string | null;
  sourceId: string;
  title: string;
  publisher: string | null;
  side: string;
  reliability: string;
};

async function present(ctx: ServiceContext, rows: EventRow[]) {
  const ids = rows.map((r) => r.id);
  const participants = ids.length
    ? await ctx.db
        .select({
          eventId: eventParticipants.eventId,
          personId: eventParticipants.personId,
          role: eventParticipants.role,
          name: sql<
            string | null
          >`(SELECT ${personNames.value} FROM ${personNames} WHERE ${personNames.personId} = ${persons.id} ORDER BY ${personNames.seq} LIMIT 1)`,
        })
        .from(eventParticipants)
        .innerJoin(persons, eq(persons.id, eventParticipants.personId))
        .where(
          and(
            inArray(eventParticipants.eventId, ids),
            inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
            // A deleted person is hidden from the events they took part in too.
            isNull(persons.hiddenAt),
          ),
        )
    : [];
  const evidence = await evidenceOf(ctx, ids);
  return rows.map((row) => {
    const { dateEarliest: _e, dateLatest: _l, ...event } = row;
    return {
      ...redactRecord('event', event, ctx.actor.clearance),
      id: row.id,
      version: row.version,
      type: row.type,
      date: row.date,
      participants: participants
        .filter((p) => p.eventId === row.id)
        .map(({ personId, role, name }) => ({ personId, role, name })),
      evidence: (evidence.get(row.id) ?? []).map(({ eventId: _id, ...e }) => e),
    };
  });
}

export async function createEvent(ctx: ServiceContext, input: z.infer<typeof EventCreateSchema>) {
  const { participants, date, ...fields } = input;
  const id = await ctx.db.transaction(async (tx) => {
    await assertPersonsVisible(
      ctx,
      tx,
      participants.map((p) => p.personId),
    );
    const [event] = await tx
      .insert(events)
      .values({ ...fields, ...dateColumns(date) })
      .returning();
    await tx
      .insert(eventParticipants)
      .values(participants.map((p) => ({ ...p, eventId: event!.id })));
    await auditChange(tx, ctx, 'create', 'event', event!.id, null, {
      ...fields,
      date,
      participants,
    });
    return event!.id;
  });
  return getEvent(ctx, id);
}

export async function getEvent(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db.select().from(events).where(eq(events.id, id));
  assertVisible(row, ctx.actor.clearance, 'Event');
  const [event] = await present(ctx, [row!]);
  return event!;
}

/**
 * Events in date order (undated last), optionally those of one person: the person page's
 * timeline, each event with the claims and sources behind it.
 */
export async function listEvents(ctx: ServiceContext, input: z.infer<typeof EventListInputSchema>) {
  const cursor = decodeCursor(input.cursor, ['day', 'uuid']) as [string, string] | null;
  const sortKey = sql<string>`coalesce(${events.dateEarliest}::text, '9999-12-31')`;
  const conditions = [inArray(events.sensitivity, visibleLevels(ctx.actor.clearance))];
  if (input.personId) {
    conditions.push(
      inArray(
        events.id,
        ctx.db
          .select({ id: eventParticipants.eventId })
          .from(eventParticipants)
          .where(eq(eventParticipants.personId, input.personId)),
      ),
    );
  }
  if (input.type) conditions.push(eq(events.type, input.type));
  if (input.from) conditions.push(sql`${events.dateLatest} >= ${input.from}`);
  if (input.to) conditions.push(sql`${events.dateEarliest} <= ${input.to}`);
  if (cursor)
    conditions.push(
      or(
        sql`${sortKey} > ${cursor[0]}`,
        and(sql`${sortKey} = ${cursor[0]}`, gt(events.id, cursor[1])),
      )!,
    );
  const rows = await ctx.db
    .select({ event: events, sortKey })
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(sortKey), asc(events.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.sortKey, r.event.id]);
  const items = await present(
    ctx,
    page.items.map((r) => r.event),
  );
  items.sort((a, b) => (a.date && b.date ? comparePartialDateTexts(a.date, b.date) : 0));
  return { items, nextCursor: page.nextCursor };
}

/**
 * Corrects an event, with the version the caller read (a stale one gets CONFLICT). What it
 * says about the persons involved may change their derived status, so each of them, before and
 * after the correction, is recomputed by a job enqueued in the same transaction.
 */
export async function updateEvent(ctx: ServiceContext, input: z.infer<typeof EventUpdateSchema>) {
  const { participants, date, ...fields } = input.patch;
  await ctx.db.transaction(async (tx) => {
    await updateVersioned(tx, ctx, {
      table: events,
      entity: 'event',
      what: 'Event',
      id: input.id,
      version: input.version,
      patch: { ...fields, ...dateColumns(date) },
    });
    const earlier = await tx
      .select({ personId: eventParticipants.personId, role: eventParticipants.role })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, input.id));
    let now = earlier;
    if (participants) {
      await assertPersonsVisible(
        ctx,
        tx,
        participants.map((p) => p.personId),
      );
      // The caller sends the persons they see; those they may not see stay as they were.
      const unseen = await unseenParticipants(ctx, tx, input.id);
      now = [
        ...participants,
        ...unseen.filter((p) => !participants.some((q) => q.personId === p.personId)),
      ];
      await tx.delete(eventParticipants).where(eq(eventParticipants.eventId, input.id));
      await tx.insert(eventParticipants).values(now.map((p) => ({ ...p, eventId: input.id })));
      // The earlier list goes into the audit entry too, so that the event's history shows it.
      await auditChange(
        tx,
        ctx,
        'update',
        'event_participants',
        input.id,
        { participants: earlier },
        { participants: now },
      );
    }
    const involved = new Set([...earlier, ...now].map((p) => p.personId));
    for (const personId of involved)
      await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId });
  });
  return getEvent(ctx, input.id);
}
