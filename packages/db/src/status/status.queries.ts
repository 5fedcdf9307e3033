import {
  DEFAULT_STATUS_POLICY,
  deriveStatus,
  StatusPolicySchema,
  type PersonStatus,
  type StatusInput,
  type StatusPolicy,
} from '@vigil/domain';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
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
  /** Only claims from sources of these sensitivities (the caller's clearance). */
  sourceLevels?: readonly string[] | undefined;
}

export async function loadStatusInput(
  db: DbOrTx,
  personId: string,
  { asOf, sourceLevels }: StatusScope = {},
): Promise<StatusInput> {
  const taken = await db
    .select({ event: events, role: eventParticipants.role })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .where(
      and(
        eq(eventParticipants.personId, personId),
        asOf
          ? sql`(${events.dateEarliest} IS NULL OR ${events.dateEarliest} <= ${asOf})`
          : undefined,
      ),
    );
  const eventIds = taken.map((t) => t.event.id);
  const rows = await db
    .select({ claim: claims, source: sources })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(
      and(
        sourceLevels ? inArray(sources.sensitivity, [...sourceLevels] as never[]) : undefined,
        or(
          and(eq(claims.personId, personId), eq(claims.subjectType, 'person')),
          eventIds.length
            ? and(
                inArray(claims.eventId, eventIds),
                or(
                  eq(claims.subjectType, 'event'),
                  and(eq(claims.subjectType, 'participation'), eq(claims.personId, personId)),
                ),
              )
            : undefined,
        ),
      ),
    );
  return {
    events: taken.map(({ event, role }) => ({
      id: event.id,
      type: event.type as StatusInput['events'][number]['type'],
      subtype: event.subtype,
      date: event.date,
      role: role as StatusInput['events'][number]['role'],
      claims: rows
        .filter((r) => r.claim.eventId === event.id && r.claim.subjectType !== 'person')
        .map(toEvidenceClaim),
    })),
    personClaims: rows.filter((r) => r.claim.subjectType === 'person').map(toEvidenceClaim),
  };
}

/** The organisation's status policy (the proof-of-life window), or the default. */
export async function getStatusPolicy(db: DbOrTx): Promise<StatusPolicy> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'status_policy'));
  const parsed = StatusPolicySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_STATUS_POLICY;
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
