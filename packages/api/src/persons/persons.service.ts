import {
  AppError,
  CUSTODY_EVENT_TYPES,
  DateFilterSchema,
  dateFilterDays,
  detectScript,
  hasLegalCategory,
  hasStatusValue,
  LEGAL_CATEGORIES,
  mayPurgePersons,
  purgeRefusal,
  registryFiltersAbove,
  nameSoundKeys,
  placeMatcher,
  searchKey,
  SENSITIVITIES,
  TAKEN_EVENT_TYPES,
  type PersonStatus,
  type NameInput,
  type PersonCreateSchema,
  type PersonDeleteSchema,
  type PersonPurgeSchema,
  type PersonRestoreSchema,
  type PersonUpdateSchema,
  type Sensitivity,
} from '@vigil/domain';
import {
  appendAudit,
  auditEntries,
  claims,
  computePersonStatus,
  computePersonStatuses,
  personMatchKeys,
  personNames,
  persons,
  countMergesInto,
  eventParticipants,
  events,
  openAuditDiffs,
  purgePersonRecords,
  refreshMatchKeys,
  sources,
  type DbOrTx,
} from '@vigil/db';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, escapeLike, pageOf } from '../paging.ts';
import {
  assertVisible,
  redactRecord,
  restrictedFieldsPresent,
  visibleLevels,
} from '../redaction.ts';

export const PersonListInputSchema = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  sex: z.enum(['male', 'female', 'unknown']).optional(),
  affiliation: z.enum(['military', 'civilian', 'unknown']).optional(),
  status: z.string().trim().max(50).optional(),
  category: z
    .enum(LEGAL_CATEGORIES, { error: `must be one of ${LEGAL_CATEGORIES.join(', ')}` })
    .optional()
    .describe('A legal category some accepted source the caller may see asserts for the person'),
  takenFrom: DateFilterSchema.optional().describe(
    'Taken or last seen on or after this date (YYYY, YYYY-MM or YYYY-MM-DD): a capture, detention or loss of contact whose date can fall in the range',
  ),
  takenTo: DateFilterSchema.optional().describe(
    'Taken or last seen on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)',
  ),
  place: z
    .string()
    .trim()
    .max(300, 'must be at most 300 characters')
    .optional()
    .describe(
      'Text in the place of any of the person’s events, in any case and across Armenian, Cyrillic and Latin letters (Shushi finds Շուշի and Шуши)',
    ),
  side: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe(
      'Text in the acting party of a capture, detention or transfer of the person (any case)',
    ),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
});

type PersonRow = typeof persons.$inferSelect;
type NameRow = typeof personNames.$inferSelect;

export function nameRow(personId: string, name: NameInput) {
  return {
    personId,
    value: name.value,
    script: name.script ?? detectScript(name.value),
    language: name.language ?? null,
    kind: name.kind,
    searchKey: searchKey(name.value),
    claimId: name.claimId ?? null,
  };
}

function present(row: PersonRow, names: NameRow[], clearance: Sensitivity) {
  const {
    sortName: _sortName,
    mergedInto: _merged,
    hiddenAt: _hidden,
    statusComputedAt: _at,
    ...person
  } = row;
  return {
    ...redactRecord('person', person, clearance),
    id: row.id,
    version: row.version,
    names: names.map((n) => ({
      id: n.id,
      value: n.value,
      script: n.script,
      language: n.language,
      kind: n.kind,
      claimId: n.claimId,
      version: n.version,
    })),
    primaryName: names[0]?.value ?? '(no name)',
  };
}

async function namesOf(db: DbOrTx, personIds: string[]) {
  if (personIds.length === 0) return new Map<string, NameRow[]>();
  const rows = await db
    .select()
    .from(personNames)
    .where(inArray(personNames.personId, personIds))
    .orderBy(asc(personNames.seq));
  const byPerson = new Map<string, NameRow[]>();
  for (const row of rows) byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
  return byPerson;
}

/**
 * Refuses what a caller may not write about a person: a field above their clearance would be
 * written blind (a family contact overwritten unseen), and a record set above it would vanish
 * from them as it is saved. `prefix` is where the fields sit in the input (`patch.` for an edit).
 */
function assertWritableByCaller(
  ctx: ServiceContext,
  fields: Record<string, unknown> & { sensitivity?: Sensitivity | undefined },
  prefix = '',
) {
  const { clearance } = ctx.actor;
  const cleared = redactRecord('person', fields, clearance);
  const issues = Object.keys(fields)
    .filter((field) => fields[field] !== undefined && !(field in cleared))
    .map((field) => ({
      field: `${prefix}${field}`,
      message: 'you are not cleared to change this',
    }));
  if (fields.sensitivity && !visibleLevels(clearance).includes(fields.sensitivity))
    issues.push({
      field: `${prefix}sensitivity`,
      message: `must not be above your own clearance (${clearance})`,
    });
  if (issues.length > 0) throw AppError.badInput(issues);
}

/** Creates a person with their names, in one transaction with its audit entry. */
export async function createPerson(ctx: ServiceContext, input: z.infer<typeof PersonCreateSchema>) {
  const { names, ...fields } = input;
  // A new record's fields overwrite nothing, so a field the creator may not read back (the
  // family contact the family gave them) may still be entered; the record itself must stay
  // within their sight.
  assertWritableByCaller(ctx, { sensitivity: fields.sensitivity });
  const id = await ctx.db.transaction(async (tx) => {
    const [person] = await tx
      .insert(persons)
      .values({ ...fields, sortName: searchKey(names[0]!.value) })
      .returning();
    const inserted = await tx
      .insert(personNames)
      .values(names.map((n) => nameRow(person!.id, n)))
      .returning();
    await auditChange(tx, ctx, 'create', 'person', person!.id, null, {
      ...fields,
      names: inserted.map((n) => n.value),
    });
    await refreshMatchKeys(tx, [person!.id]);
    return person!.id;
  });
  return getPerson(ctx, id);
}

/**
 * One person with all their names, cut to the caller's clearance. Restricted fields that are
 * returned (family contacts) are audited as a read.
 */
export async function getPerson(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(persons)
    .where(and(eq(persons.id, id), isNull(persons.hiddenAt)));
  assertVisible(row, ctx.actor.clearance, 'Person');
  const names = (await namesOf(ctx.db, [id])).get(id) ?? [];
  const status = await computePersonStatus(ctx.db, id, new Date(), {
    levels: visibleLevels(ctx.actor.clearance),
  });
  const person = {
    ...present(row!, names, ctx.actor.clearance),
    status,
    statusSummary: status.summary,
  };
  const restricted = restrictedFieldsPresent('person', person);
  if (restricted.length > 0) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, {
        actorId: ctx.actor.id,
        action: 'read_restricted',
        entity: 'person',
        entityId: id,
        ip: ctx.ip,
        diff: { fields: restricted },
      }),
    );
  }
  return person;
}

/** The registry's filters, without the list's paging: what `persons.count` takes. */
export const PersonCountInputSchema = PersonListInputSchema.omit({ cursor: true, limit: true });
export type PersonFilters = z.infer<typeof PersonCountInputSchema>;

/**
 * The persons the registry's filters select for the caller: SQL conditions on `persons` (a first
 * cut when filtering by `status` or `category`), and the final check of a person's status as the
 * caller may know it, which `byStatus` says is needed. The list and the count both read it, so a
 * count never holds a person the list would not show.
 *
 * Every filter answers as the caller may know the person. `status` and `category` are checked
 * against the status derived from what the caller may see; the filters on events (`takenFrom`,
 * `takenTo`, `place`, `side`) read only events the caller may see, and are refused to a caller
 * who may not read the event fields they read.
 */
async function registrySelection(ctx: ServiceContext, input: PersonFilters) {
  const levels = visibleLevels(ctx.actor.clearance);
  const refused = registryFiltersAbove(ctx.actor.clearance).filter((filter) => input[filter]);
  if (refused.length > 0)
    throw AppError.badInput(
      refused.map((field) => ({
        field,
        message: 'you are not cleared to filter by the events’ dates, places or sides',
      })),
    );
  const taken = dateFilterDays(input.takenFrom, input.takenTo);
  if (!taken)
    throw AppError.badInput([
      { field: 'takenFrom', message: `must not be after takenTo (${input.takenTo})` },
    ]);
  const conditions = [isNull(persons.hiddenAt), inArray(persons.sensitivity, levels)];
  if (input.sex) conditions.push(eq(persons.sex, input.sex));
  if (input.affiliation) conditions.push(eq(persons.affiliation, input.affiliation));
  const { status: wantedStatus, category: wantedCategory } = input;
  if (wantedStatus || wantedCategory) {
    // A first cut on the stored status, derived from everything: it keeps every person it may
    // answer for the caller too (or who has no stored status yet). Those whose status may rest
    // on something above the caller's clearance are kept whatever it says, and the final check
    // below is made on the status as the caller may know it.
    const stored: SQL[] = [];
    if (wantedStatus)
      stored.push(
        // `or` brackets the two: a bare OR inside `and` would let either side escape the clearance.
        or(
          sql`${persons.status} -> 'liberty' ->> 'value' = ${wantedStatus}`,
          sql`${persons.status} -> 'life' ->> 'value' = ${wantedStatus}`,
        )!,
      );
    if (wantedCategory)
      stored.push(
        sql`${persons.status} -> 'legal' -> 'asserted' @> ${JSON.stringify([{ category: wantedCategory }])}::jsonb`,
      );
    conditions.push(
      or(and(...stored), isNull(persons.status), statusMayRestOnHidden(ctx.db, levels))!,
    );
  }
  if (taken.earliest || taken.latest) {
    conditions.push(
      personTookPartIn(
        ctx.db,
        levels,
        and(
          eq(eventParticipants.role, 'subject'),
          inArray(events.type, [...TAKEN_EVENT_TYPES]),
          // An undated event can fall in no range: its bounds are null, and so the comparison.
          taken.earliest ? sql`${events.dateLatest} >= ${taken.earliest}` : undefined,
          taken.latest ? sql`${events.dateEarliest} <= ${taken.latest}` : undefined,
        )!,
      ),
    );
  }
  if (input.place) {
    conditions.push(
      personTookPartIn(ctx.db, levels, await eventsAtPlace(ctx.db, levels, input.place)),
    );
  }
  if (input.side) {
    conditions.push(
      personTookPartIn(
        ctx.db,
        levels,
        and(
          eq(eventParticipants.role, 'subject'),
          inArray(events.type, [...CUSTODY_EVENT_TYPES]),
          sql`lower(${events.actingParty}) LIKE lower(${`%${escapeLike(input.side)}%`})`,
        )!,
      ),
    );
  }
  if (input.q) {
    const key = searchKey(input.q);
    const raw = `%${escapeLike(input.q.toLowerCase())}%`;
    const byKey = key
      ? sql`(${personNames.searchKey} LIKE ${`%${escapeLike(key)}%`} OR ${key} <% ${personNames.searchKey})`
      : sql`false`;
    // Or by sound: every word of the query is a given name or surname the person bears, in
    // whatever spelling (Haik, Gayk and Айк find Hayk; Hakobian finds Акопян).
    const bySound = nameSoundKeys(input.q).map((keys) =>
      inArray(
        persons.id,
        ctx.db
          .select({ id: personMatchKeys.personId })
          .from(personMatchKeys)
          .where(inArray(personMatchKeys.key, keys)),
      ),
    );
    conditions.push(
      or(
        inArray(
          persons.id,
          ctx.db
            .select({ id: personNames.personId })
            .from(personNames)
            .where(or(byKey, sql`lower(${personNames.value}) LIKE ${raw}`)),
        ),
        bySound.length > 0 ? and(...bySound) : undefined,
      )!,
    );
  }
  const answers = (status: PersonStatus) =>
    (!wantedStatus || hasStatusValue(status, wantedStatus)) &&
    (!wantedCategory || hasLegalCategory(status, wantedCategory));
  return { levels, conditions, answers, byStatus: Boolean(wantedStatus || wantedCategory) };
}

/**
 * The registry: persons in alphabetical order of their first name, filtered, and searched by
 * name in any script (the query is reduced to the same Latin key as every stored name, and
 * matched by substring or trigram similarity). The filters are those of `registrySelection`.
 * A page holds only persons that answer the filters, and its cursor names the last of them, so
 * neither tells of a person left out.
 */
export async function listPersons(
  ctx: ServiceContext,
  input: z.infer<typeof PersonListInputSchema>,
) {
  const { levels, conditions, answers } = await registrySelection(ctx, input);
  const cursor = decodeCursor(input.cursor, ['text', 'uuid']) as [string, string] | null;
  // Rows are read a batch at a time until the page and one more person answer the filters:
  // without `status` or `category`, every row does and one batch is enough. Each batch re-runs
  // the first cut's subqueries, so batches double (to 2,000) while few rows answer: a status
  // nobody has costs a dozen queries rather than one per 100 persons (`pnpm bench:registry`).
  const found: { row: PersonRow; status: PersonStatus }[] = [];
  let after = cursor;
  for (
    let batch = input.limit + 1;
    found.length <= input.limit;
    batch = Math.min(Math.max(batch * 2, 100), 2000)
  ) {
    const rows = await ctx.db
      .select()
      .from(persons)
      .where(
        and(
          ...conditions,
          after
            ? or(
                gt(persons.sortName, after[0]),
                and(eq(persons.sortName, after[0]), gt(persons.id, after[1])),
              )
            : undefined,
        ),
      )
      .orderBy(asc(persons.sortName), asc(persons.id))
      .limit(batch);
    // Each status as the caller may know it: the stored one rests on every source and event,
    // some of which may be above their clearance.
    const [statuses = []] = await computePersonStatuses(
      ctx.db,
      rows.map((r) => r.id),
      [{ now: new Date() }],
      { levels },
    );
    rows.forEach((row, i) => {
      if (answers(statuses[i]!)) found.push({ row, status: statuses[i]! });
    });
    const last = rows.at(-1);
    if (!last || rows.length < batch) break;
    after = [last.sortName, last.id];
  }
  const page = pageOf(found, input.limit, ({ row }) => [row.sortName, row.id]);
  const names = await namesOf(
    ctx.db,
    page.items.map(({ row }) => row.id),
  );
  return {
    items: page.items.map(({ row, status }) => {
      const { familyContact: _contact, ...person } = present(
        row,
        names.get(row.id) ?? [],
        ctx.actor.clearance,
      );
      return { ...person, status, statusSummary: status.summary };
    }),
    nextCursor: page.nextCursor,
  };
}

/** Persons read at a time when counting by status: each batch's statuses are derived. */
const COUNT_BATCH = 2000;

/**
 * How many persons the registry holds for these filters, as the caller may know them: the
 * persons `listPersons` would page through, no more. Persons above the caller's clearance and
 * deleted records are not counted, and with `status` or `category` a person counts only when
 * the status derived from what the caller may see answers them (TRUST 1: the number tells
 * nothing the list does not).
 *
 * @example
 * await countPersons(ctx, { place: 'Shushi' }) // { count: 42 }
 */
export async function countPersons(ctx: ServiceContext, input: PersonFilters) {
  const { levels, conditions, answers, byStatus } = await registrySelection(ctx, input);
  if (!byStatus) {
    const [row] = await ctx.db
      .select({ n: count() })
      .from(persons)
      .where(and(...conditions));
    return { count: row?.n ?? 0 };
  }
  let counted = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await ctx.db
      .select({ id: persons.id })
      .from(persons)
      .where(and(...conditions, after ? gt(persons.id, after) : undefined))
      .orderBy(asc(persons.id))
      .limit(COUNT_BATCH);
    const [statuses = []] = await computePersonStatuses(
      ctx.db,
      rows.map((r) => r.id),
      [{ now: new Date() }],
      { levels },
    );
    counted += statuses.filter(answers).length;
    if (rows.length < COUNT_BATCH) break;
    after = rows.at(-1)!.id;
  }
  return { count: counted };
}

/**
 * Which events the place filter finds: those the caller may see (of `levels`) whose place
 * answers `placeMatcher`, which romanizes and folds places the way names are searched, so that
 * "Shushi" finds «Շուշի» and «Шуши». SQL cannot romanize without a stored key, so the distinct
 * places of those events are read and matched here, and the events are then found by place.
 */
async function eventsAtPlace(db: DbOrTx, levels: Sensitivity[], place: string): Promise<SQL> {
  const rows = await db
    .selectDistinct({ place: events.place })
    .from(events)
    .where(and(isNotNull(events.place), inArray(events.sensitivity, levels)));
  const matches = placeMatcher(place);
  const found = rows.flatMap((row) =>
    row.place !== null && matches(row.place) ? [row.place] : [],
  );
  // One array parameter, however many places answer (an IN list takes one parameter each).
  return found.length > 0 ? sql`${events.place} = ANY(${sql.param(found)}::text[])` : sql`false`;
}

/**
 * The persons who took part in an event the caller may see (of `levels`) that meets `where`, a
 * condition on `events` and `event_participants`: an event above the caller's clearance never
 * finds anyone.
 */
function personTookPartIn(db: DbOrTx, levels: Sensitivity[], where: SQL) {
  return inArray(
    persons.id,
    db
      .select({ id: eventParticipants.personId })
      .from(eventParticipants)
      .innerJoin(events, eq(events.id, eventParticipants.eventId))
      .where(and(inArray(events.sensitivity, levels), where)),
  );
}

/**
 * The persons whose status may be derived otherwise for a caller cleared for `levels` than it
 * is stored: those who took part in an event above that clearance, or about whom (or about whose
 * events) a source above it says something. Nobody, for a caller who may see everything.
 */
function statusMayRestOnHidden(db: DbOrTx, levels: Sensitivity[]): SQL {
  const hidden = SENSITIVITIES.filter((level) => !levels.includes(level));
  if (hidden.length === 0) return sql`false`;
  return or(
    inArray(
      persons.id,
      db
        .select({ id: eventParticipants.personId })
        .from(eventParticipants)
        .innerJoin(events, eq(events.id, eventParticipants.eventId))
        .leftJoin(claims, eq(claims.eventId, events.id))
        .leftJoin(sources, eq(sources.id, claims.sourceId))
        .where(or(inArray(events.sensitivity, hidden), inArray(sources.sensitivity, hidden))),
    ),
    inArray(
      persons.id,
      db
        .select({ id: claims.personId })
        .from(claims)
        .innerJoin(sources, eq(sources.id, claims.sourceId))
        .where(and(isNotNull(claims.personId), inArray(sources.sensitivity, hidden))),
    ),
  )!;
}

/**
 * Changes a person's fields. The caller names the version it read; when someone else saved
 * in between, nothing changes and the caller gets CONFLICT.
 */
export async function updatePerson(ctx: ServiceContext, input: z.infer<typeof PersonUpdateSchema>) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, input.id), isNull(persons.hiddenAt)));
    assertVisible(before, ctx.actor.clearance, 'Person');
    assertWritableByCaller(ctx, input.patch, 'patch.');
    const [after] = await tx
      .update(persons)
      .set({ ...input.patch, version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(and(eq(persons.id, input.id), eq(persons.version, input.version)))
      .returning();
    if (!after) throw AppError.conflict('Person');
    await auditChange(tx, ctx, 'update', 'person', input.id, before!, after);
    await refreshMatchKeys(tx, [input.id]);
  });
  return getPerson(ctx, input.id);
}

/**
 * Deletes a person record the only way Vigil deletes (TRUST 14): it is hidden from every list,
 * page, search, match and export, for every caller, and nothing of it is erased: its names,
 * claims, events and history stay, and an admin can restore it. Audited with the reason.
 */
export async function deletePerson(ctx: ServiceContext, input: z.infer<typeof PersonDeleteSchema>) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.id, input.id), isNull(persons.hiddenAt)));
    assertVisible(before, ctx.actor.clearance, 'Person');
    const [after] = await tx
      .update(persons)
      .set({ hiddenAt: new Date(), version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(and(eq(persons.id, input.id), eq(persons.version, input.version)))
      .returning({ id: persons.id });
    if (!after) throw AppError.conflict('Person');
    await auditChange(
      tx,
      ctx,
      'delete',
      'person',
      input.id,
      { deleted: false },
      { deleted: true, reason: input.reason },
    );
  });
  return { id: input.id, deleted: true as const };
}

/** Brings back a deleted person record as it was; a record merged into another is not one. */
export async function restorePerson(
  ctx: ServiceContext,
  input: z.infer<typeof PersonRestoreSchema>,
) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(persons)
      .where(
        and(eq(persons.id, input.id), isNotNull(persons.hiddenAt), isNull(persons.mergedInto)),
      );
    assertVisible(before, ctx.actor.clearance, 'Deleted person');
    const [after] = await tx
      .update(persons)
      .set({ hiddenAt: null, version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(and(eq(persons.id, input.id), eq(persons.version, input.version)))
      .returning({ id: persons.id });
    if (!after) throw AppError.conflict('Person');
    await auditChange(tx, ctx, 'update', 'person', input.id, { deleted: true }, { deleted: false });
    await ctx.queue.enqueue(tx, 'persons.recompute-status', { personId: input.id });
  });
  return getPerson(ctx, input.id);
}

/**
 * Erases a deleted person record for good (TRUST 14's deliberate purge): the record, its names,
 * the claims about it, the events only it took part in, its review tasks and judgements, and
 * — by destroying their keys — every value its audit entries held. The purge is itself audited,
 * with the admin's reason and what it erased; it cannot be undone.
 */
export async function purgePerson(ctx: ServiceContext, input: z.infer<typeof PersonPurgeSchema>) {
  if (!mayPurgePersons(ctx.actor.role, ctx.actor.clearance))
    throw new AppError(
      'FORBIDDEN',
      'Only an admin cleared for restricted data can purge a record: it erases restricted claims too',
    );
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select().from(persons).where(eq(persons.id, input.id)).for('update');
    if (!person) throw AppError.notFound('Deleted person');
    if (person.version !== input.version) throw AppError.conflict('Person');
    const refusal = purgeRefusal({
      hiddenAt: person.hiddenAt,
      mergedInto: person.mergedInto,
      mergedIntoThis: await countMergesInto(tx, person.id),
    });
    if (refusal) throw new AppError('CONFLICT', refusal);
    const erased = await purgePersonRecords(tx, person.id);
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      action: 'purge',
      entity: 'person',
      entityId: person.id,
      ip: ctx.ip,
      diff: { reason: [null, input.reason], erased: [null, erased] },
    });
    return { id: person.id, purged: true as const, erased };
  });
}

/** The deleted person records the caller may see, newest first, to restore one. */
export async function listDeletedPersons(ctx: ServiceContext) {
  const rows = await ctx.db
    .select()
    .from(persons)
    .where(
      and(
        isNotNull(persons.hiddenAt),
        isNull(persons.mergedInto),
        inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
      ),
    )
    .orderBy(desc(persons.hiddenAt))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const names = await namesOf(ctx.db, ids);
  // The reason is in the deletion's audit entry (the latest, should a record be deleted twice).
  const deletions = ids.length
    ? await openAuditDiffs(
        ctx.db,
        await ctx.db
          .select({
            entity: auditEntries.entity,
            entityId: auditEntries.entityId,
            diff: auditEntries.diff,
          })
          .from(auditEntries)
          .where(
            and(
              eq(auditEntries.action, 'delete'),
              eq(auditEntries.entity, 'person'),
              inArray(auditEntries.entityId, ids),
            ),
          )
          .orderBy(asc(auditEntries.seq)),
      )
    : [];
  const reasons = new Map(
    deletions.map(({ entityId: id, diff }) => {
      const reason = (diff?.reason as unknown[] | undefined)?.[1];
      return [id, typeof reason === 'string' ? reason : null] as const;
    }),
  );
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    primaryName: names.get(row.id)?.[0]?.value ?? '(no name)',
    deletedAt: row.hiddenAt!,
    reason: reasons.get(row.id) ?? null,
  }));
}
