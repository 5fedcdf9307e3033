import {
  DEFAULT_STATUS_POLICY,
  deriveStatus,
  StatusPolicySchema,
  type PersonStatus,
  type StatusInput,
  type StatusPolicy,
} from '@vigil/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  claims,
  eventParticipants,
  events,
  persons,
  reviewTasks,
  settings,
  sources,
} from '../schema.ts';
import { toEvidenceClaim } from '../review/review.queries.ts';

/**
 * Everything a person's status is derived from: the events they took part in with every claim
 * about each (and about their part in it), and the claims about the person themself.
 * `asOf` (a `YYYY-MM-DD` day) leaves out events that can only have happened later, to ask what
 * the registry could prove on that day.
 */
export interface StatusScope {
  /** Only events that can have happened by this day (`YYYY-MM-DD`). */
  asOf?: string | undefined;
  /**
   * Only what a caller cleared for these sensitivities may see: events of these sensitivities,
   * and claims from sources of them. A status derived for a caller never rests on, nor names,
   * a record above their clearance.
   */
  levels?: readonly string[] | undefined;
}

export async function loadStatusInput(
  db: DbOrTx,
  personId: string,
  { asOf, levels }: StatusScope = {},
): Promise<StatusInput> {
  const histories = await loadStatusHistories(db, [personId], { levels });
  return statusInputAsOf(histories.get(personId)!, asOf);
}

/** The organisation's status policy (the proof-of-life window), or the default. */
export async function getStatusPolicy(db: DbOrTx): Promise<StatusPolicy> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'status_policy'));
  const parsed = StatusPolicySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_STATUS_POLICY;
}

/**
 * A person's status input with every event they took part in, whatever its date, and each
 * event's earliest possible day, so that the input as of any day can be cut in memory
 * ({@link statusInputAsOf}) instead of being loaded again for each day.
 */
export interface StatusHistory {
  events: (StatusInput['events'][number] & { dateEarliest: string | null })[];
  personClaims: StatusInput['personClaims'];
}

/** Persons loaded per round of queries by {@link loadStatusHistories}. */
const HISTORY_BATCH = 500;

/**
 * The status histories of many persons in a few queries: every event each took part in with
 * the claims about it (and about their part in it), and the claims about the person themself
 * (only events and sources of `levels` when given), without the `asOf` cut. A person with
 * nothing recorded gets an empty history.
 */
export async function loadStatusHistories(
  db: DbOrTx,
  personIds: readonly string[],
  { levels }: Pick<StatusScope, 'levels'> = {},
): Promise<Map<string, StatusHistory>> {
  const histories = new Map<string, StatusHistory>();
  const ids = [...new Set(personIds)];
  for (const id of ids) histories.set(id, { events: [], personClaims: [] });
  const visible = levels ? inArray(sources.sensitivity, [...levels] as never[]) : undefined;
  const visibleEvent = levels ? inArray(events.sensitivity, [...levels] as never[]) : undefined;
  for (let i = 0; i < ids.length; i += HISTORY_BATCH) {
    const chunk = ids.slice(i, i + HISTORY_BATCH);
    const taken = await db
      .select({ event: events, role: eventParticipants.role, personId: eventParticipants.personId })
      .from(eventParticipants)
      .innerJoin(events, eq(events.id, eventParticipants.eventId))
      .where(and(inArray(eventParticipants.personId, chunk), visibleEvent));
    const eventIds = [...new Set(taken.map((t) => t.event.id))];
    const personRows = await db
      .select({ claim: claims, source: sources })
      .from(claims)
      .innerJoin(sources, eq(sources.id, claims.sourceId))
      .where(and(visible, inArray(claims.personId, chunk), eq(claims.subjectType, 'person')));
    const eventRows = eventIds.length
      ? await db
          .select({ claim: claims, source: sources })
          .from(claims)
          .innerJoin(sources, eq(sources.id, claims.sourceId))
          .where(
            and(
              visible,
              inArray(claims.eventId, eventIds),
              inArray(claims.subjectType, ['event', 'participation']),
            ),
          )
      : [];
    for (const row of personRows)
      histories.get(row.claim.personId!)!.personClaims.push(toEvidenceClaim(row));
    // A claim about an event counts for each of its persons; a claim about one person's part
    // in it only for that person, as in `loadStatusInput`.
    const byEvent = new Map<string, typeof eventRows>();
    for (const row of eventRows) {
      const rows = byEvent.get(row.claim.eventId!);
      if (rows) rows.push(row);
      else byEvent.set(row.claim.eventId!, [row]);
    }
    for (const { event, role, personId } of taken) {
      histories.get(personId)!.events.push({
        id: event.id,
        type: event.type as StatusInput['events'][number]['type'],
        subtype: event.subtype,
        date: event.date,
        role: role as StatusInput['events'][number]['role'],
        claims: (byEvent.get(event.id) ?? [])
          .filter((r) => r.claim.subjectType === 'event' || r.claim.personId === personId)
          .map(toEvidenceClaim),
        dateEarliest: event.dateEarliest,
      });
    }
  }
  return histories;
}

/**
 * A history cut to what {@link loadStatusInput} loads with `asOf`: only events that can have
 * happened by that day (or whose date is unknown). Without `asOf`, every event.
 *
 * @example
 * deriveStatus(statusInputAsOf(history, '2021-02-09'), new Date('2021-02-09T23:59:59Z'), policy)
 */
export function statusInputAsOf(history: StatusHistory, asOf?: string): StatusInput {
  return {
    events: history.events
      .filter((e) => !asOf || e.dateEarliest === null || e.dateEarliest <= asOf)
      .map(({ dateEarliest: _dateEarliest, ...event }) => event),
    personClaims: history.personClaims,
  };
}

/**
 * The statuses of many persons at several moments, as {@link computePersonStatus} derives each
 * one with `{ asOf, levels }`, but from one load of their histories: the result has one
 * array per moment, in the order of `personIds`.
 */
export async function computePersonStatuses(
  db: DbOrTx,
  personIds: readonly string[],
  moments: readonly { asOf?: string; now: Date }[],
  { levels }: Pick<StatusScope, 'levels'> = {},
): Promise<PersonStatus[][]> {
  const [histories, policy] = await Promise.all([
    loadStatusHistories(db, personIds, { levels }),
    getStatusPolicy(db),
  ]);
  return moments.map(({ asOf, now }) =>
    personIds.map((id) => deriveStatus(statusInputAsOf(histories.get(id)!, asOf), now, policy)),
  );
}

/** Derives a person's status now (or as of a day) from what is in the database. */
export async function computePersonStatus(
  db: DbOrTx,
  personId: string,
  now: Date,
  scope: StatusScope = {},
): Promise<PersonStatus> {
  const [input, policy] = await Promise.all([
    loadStatusInput(db, personId, scope),
    getStatusPolicy(db),
  ]);
  return deriveStatus(input, now, policy);
}

/**
 * Recomputes and stores a person's derived status, and opens the review tasks it calls for
 * (conflicting accepted claims; contact lost). Idempotent: running it twice stores the same
 * status and opens each task at most once (tasks are deduplicated while open).
 */
export async function recomputePersonStatus(
  db: DbOrTx,
  personId: string,
  now = new Date(),
): Promise<PersonStatus | null> {
  const [person] = await db
    .select({ id: persons.id })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;
  const status = await computePersonStatus(db, personId, now);
  await db
    .update(persons)
    .set({ status, statusSummary: status.summary, statusComputedAt: now })
    .where(eq(persons.id, personId));
  const contested = (['liberty', 'life', 'acknowledgement', 'legal'] as const).filter(
    (d) => status[d].contested,
  );
  if (contested.length > 0) {
    await db
      .insert(reviewTasks)
      .values({
        kind: 'conflict',
        personId,
        dedupeKey: `conflict:${personId}`,
        detail: `Accepted claims disagree on: ${contested.join(', ')}`,
      })
      .onConflictDoNothing();
  }
  if (status.flags.contactLost) {
    await db
      .insert(reviewTasks)
      .values({
        kind: 'contact_lost',
        personId,
        dedupeKey: `contact_lost:${personId}`,
        detail: status.life.lastProofOfLife
          ? `No proof of life since ${status.life.lastProofOfLife}`
          : 'No proof of life since the person was taken',
      })
      .onConflictDoNothing();
  }
  return status;
}

/** The persons an accepted claim can change the status of. */
export async function personsAffectedByClaim(
  db: DbOrTx,
  claim: { personId: string | null; eventId: string | null },
): Promise<string[]> {
  const ids = new Set<string>();
  if (claim.personId) ids.add(claim.personId);
  if (claim.eventId) {
    const rows = await db
      .select({ personId: eventParticipants.personId })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, claim.eventId));
    for (const r of rows) ids.add(r.personId);
  }
  return [...ids];
}
