import {
  AppError,
  mayExportSubjectAccess,
  subjectAccessActivity,
  subjectAccessClaim,
  subjectAccessStatus,
  WITHHELD,
} from '@vigil/domain';
import {
  auditEntries,
  claims,
  computePersonStatus,
  eventParticipants,
  events,
  matchJudgements,
  openAuditDiffs,
  personNames,
  persons,
  reviewTasks,
  sources,
} from '@vigil/db';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';

/** Said at the top of every export: what was withheld, and what to read before sending it. */
const EXPLANATION =
  'Everything Vigil holds about this person. Values that would identify someone else (a witness, a confidential source, another detainee, a family contact, the staff who worked on the record) are withheld. Notes, descriptions and excerpts are given as recorded: read them before sending, as they may mention other people.';

/**
 * A subject-access export: everything held about one person (record, names, status, events,
 * claims with their sources, judgements, review tasks, and what was done with the record and
 * when), with third parties withheld by the rules in `@vigil/domain`. Only a caller cleared for
 * restricted data may make one, since anything less would not be everything; it is audited.
 * A deleted (hidden) record is exported like any other: deleting erases nothing.
 */
export async function exportSubjectAccess(ctx: ServiceContext, personId: string) {
  if (!mayExportSubjectAccess(ctx.actor.role, ctx.actor.clearance))
    throw new AppError(
      'FORBIDDEN',
      'Only a user cleared for restricted data can make a subject-access export: anything less would leave out what is held',
    );
  const [person] = await ctx.db
    .select()
    .from(persons)
    // A deleted record is still held, so it is exported too; a merged one lives on in another.
    .where(and(eq(persons.id, personId), isNull(persons.mergedInto)));
  if (!person) throw AppError.notFound('Person');
  const names = await ctx.db
    .select()
    .from(personNames)
    .where(eq(personNames.personId, personId))
    .orderBy(asc(personNames.seq));
  const participation = await ctx.db
    .select({ event: events, role: eventParticipants.role })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .where(eq(eventParticipants.personId, personId))
    .orderBy(asc(events.dateEarliest));
  const eventIds = participation.map((p) => p.event.id);
  const everyone = eventIds.length
    ? await ctx.db
        .select({ eventId: eventParticipants.eventId, personId: eventParticipants.personId })
        .from(eventParticipants)
        .where(inArray(eventParticipants.eventId, eventIds))
    : [];
  const claimRows = await ctx.db
    .select({ claim: claims, source: sources })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(
      eventIds.length
        ? or(eq(claims.personId, personId), inArray(claims.eventId, eventIds))
        : eq(claims.personId, personId),
    )
    .orderBy(asc(claims.createdAt));
  const judgements = await ctx.db
    .select()
    .from(matchJudgements)
    .where(or(eq(matchJudgements.personA, personId), eq(matchJudgements.personB, personId)))
    .orderBy(asc(matchJudgements.createdAt));
  const tasks = await ctx.db
    .select()
    .from(reviewTasks)
    .where(or(eq(reviewTasks.personId, personId), eq(reviewTasks.otherPersonId, personId)))
    .orderBy(asc(reviewTasks.createdAt));
  const recordIds = [personId, ...names.map((n) => n.id)];
  const activity = await openAuditDiffs(
    ctx.db,
    await ctx.db
      .select()
      .from(auditEntries)
      .where(inArray(auditEntries.entityId, recordIds))
      .orderBy(asc(auditEntries.seq)),
  );
  const status = await computePersonStatus(ctx.db, personId, new Date());

  const {
    sortName: _sortName,
    status: _storedStatus,
    statusSummary: _storedSummary,
    statusComputedAt: _computedAt,
    mergedInto: _mergedInto,
    hiddenAt: _hiddenAt,
    version: _version,
    familyContact,
    ...record
  } = person;
  const exported = {
    explanation: EXPLANATION,
    generatedAt: new Date(),
    person: { ...record, familyContact: familyContact ? WITHHELD : null },
    names: names.map((n) => ({ value: n.value, script: n.script, kind: n.kind })),
    status: subjectAccessStatus(status),
    events: participation.map(({ event, role }) => ({
      type: event.type,
      subtype: event.subtype,
      date: event.date,
      place: event.place,
      actingParty: event.actingParty,
      mediator: event.mediator,
      description: event.description,
      role,
      otherPersonsInvolved: everyone.filter(
        (p) => p.eventId === event.id && p.personId !== personId,
      ).length,
    })),
    claims: claimRows.map(({ claim, source }) =>
      subjectAccessClaim({ ...claim, aboutEvent: claim.personId !== personId, source }),
    ),
    matchJudgements: judgements.map((j) => ({
      verdict: j.verdict,
      otherRecord: WITHHELD,
      decidedAt: j.createdAt,
      undoneAt: j.undoneAt,
    })),
    reviewTasks: tasks.map((t) => ({
      kind: t.kind,
      state: t.state,
      outcome: t.outcome,
      openedAt: t.createdAt,
    })),
    activity: activity.map((entry) => subjectAccessActivity(entry)),
  };
  await ctx.db.transaction((tx) =>
    auditChange(tx, ctx, 'export', 'person', personId, null, { document: 'subject_access' }),
  );
  return exported;
}
