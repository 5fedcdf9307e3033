import {
  AppError,
  detectScript,
  hasStatusValue,
  mayPurgePersons,
  purgeRefusal,
  searchKey,
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
  computePersonStatus,
  computePersonStatuses,
  personNames,
  persons,
  countMergesInto,
  openAuditDiffs,
  purgePersonRecords,
  refreshMatchKeys,
  type DbOrTx,
} from '@vigil/db';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
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

/** Creates a person with their names, in one transaction with its audit entry. */
export async function createPerson(ctx: ServiceContext, input: z.infer<typeof PersonCreateSchema>) {
  const { names, ...fields } = input;
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

/**
 * The registry: persons in alphabetical order of their first name, filtered, and searched by
 * name in any script (the query is reduced to the same Latin key as every stored name, and
 * matched by substring or trigram similarity).
 */
export async function listPersons(
  ctx: ServiceContext,
  input: z.infer<typeof PersonListInputSchema>,
) {
  const cursor = decodeCursor(input.cursor, ['text', 'uuid']) as [string, string] | null;
  const conditions = [
    isNull(persons.hiddenAt),
    inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
  ];
  if (input.sex) conditions.push(eq(persons.sex, input.sex));
  if (input.affiliation) conditions.push(eq(persons.affiliation, input.affiliation));
  if (input.status) {
    // `or` brackets the two: a bare OR inside `and` would let either side escape the clearance.
    conditions.push(
      or(
        sql`${persons.status} -> 'liberty' ->> 'value' = ${input.status}`,
        sql`${persons.status} -> 'life' ->> 'value' = ${input.status}`,
      )!,
    );
  }
  if (input.q) {
    const key = searchKey(input.q);
    const raw = `%${escapeLike(input.q.toLowerCase())}%`;
    const byKey = key
      ? sql`(${personNames.searchKey} LIKE ${`%${escapeLike(key)}%`} OR ${key} <% ${personNames.searchKey})`
      : sql`false`;
    conditions.push(
      inArray(
        persons.id,
        ctx.db
          .select({ id: personNames.personId })
          .from(personNames)
          .where(or(byKey, sql`lower(${personNames.value}) LIKE ${raw}`)),
      ),
    );
  }
  if (cursor) {
    conditions.push(
      or(
        gt(persons.sortName, cursor[0]),
        and(eq(persons.sortName, cursor[0]), gt(persons.id, cursor[1])),
      )!,
    );
  }
  const rows = await ctx.db
    .select()
    .from(persons)
    .where(and(...conditions))
    .orderBy(asc(persons.sortName), asc(persons.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.sortName, r.id]);
  const names = await namesOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  // Each status as the caller may know it: the stored one rests on every source and event,
  // some of which may be above their clearance.
  const [statuses = []] = await computePersonStatuses(
    ctx.db,
    page.items.map((r) => r.id),
    [{ now: new Date() }],
    { levels: visibleLevels(ctx.actor.clearance) },
  );
  const items = page.items.map((r, i) => {
    const { familyContact: _contact, ...person } = present(
      r,
      names.get(r.id) ?? [],
      ctx.actor.clearance,
    );
    const status = statuses[i]!;
    return { ...person, status, statusSummary: status.summary };
  });
  const wanted = input.status;
  return {
    // The filter above read the stored status; a person whose status the caller knows otherwise
    // is left out, so that the filter never tells what a hidden source says.
    items: wanted ? items.filter(({ status }) => hasStatusValue(status, wanted)) : items,
    nextCursor: page.nextCursor,
  };
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
