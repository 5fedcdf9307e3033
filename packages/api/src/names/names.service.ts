import {
  AppError,
  claimedName,
  detectScript,
  isSameSpelling,
  searchKey,
  type NameCreateSchema,
  type NameUpdateSchema,
} from '@vigil/domain';
import { personNames, persons, refreshMatchKeys, type DbOrTx } from '@vigil/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { nameRow } from '../persons/persons.service.ts';
import { assertVisible } from '../redaction.ts';
import { updateVersioned } from '../versioned.ts';

async function visiblePerson(ctx: ServiceContext, personId: string) {
  const [person] = await ctx.db
    .select({ sensitivity: persons.sensitivity })
    .from(persons)
    .where(and(eq(persons.id, personId), isNull(persons.hiddenAt)));
  assertVisible(person, ctx.actor.clearance, 'Person');
}

/**
 * Refuses a spelling the person already bears on another of their names: it would be the same
 * name twice, in the person's page and in every match. `field` is where the form shows it.
 */
async function assertNewSpelling(
  tx: DbOrTx,
  personId: string,
  value: string,
  field: string,
  exceptNameId?: string,
) {
  const borne = await tx
    .select({ id: personNames.id, value: personNames.value })
    .from(personNames)
    .where(eq(personNames.personId, personId));
  if (borne.some((name) => name.id !== exceptNameId && isSameSpelling(name.value, value)))
    throw AppError.badInput([{ field, message: 'the person already bears this spelling' }]);
}

/** Gives a person one more spelling of their name, in one transaction with its audit entry. */
export async function createName(ctx: ServiceContext, input: z.infer<typeof NameCreateSchema>) {
  await visiblePerson(ctx, input.personId);
  return ctx.db.transaction(async (tx) => {
    await assertNewSpelling(tx, input.personId, input.value, 'value');
    const [name] = await tx.insert(personNames).values(nameRow(input.personId, input)).returning();
    await auditChange(tx, ctx, 'create', 'name', name!.id, null, name!);
    await refreshMatchKeys(tx, [input.personId]);
    return name!;
  });
}

export async function getName(ctx: ServiceContext, id: string) {
  const [name] = await ctx.db.select().from(personNames).where(eq(personNames.id, id));
  if (!name) throw AppError.notFound('Name');
  await visiblePerson(ctx, name.personId);
  return name;
}

export async function listNames(ctx: ServiceContext, personId: string) {
  await visiblePerson(ctx, personId);
  return ctx.db
    .select()
    .from(personNames)
    .where(eq(personNames.personId, personId))
    .orderBy(asc(personNames.seq));
}

/**
 * Corrects a spelling, with the version the caller read (a stale one gets CONFLICT). A new
 * value is written in the script its letters say, as a new name is, unless the patch names one.
 */
export async function updateName(ctx: ServiceContext, input: z.infer<typeof NameUpdateSchema>) {
  const name = await getName(ctx, input.id);
  const patch: Record<string, unknown> = { ...input.patch };
  if (input.patch.value) {
    patch.searchKey = searchKey(input.patch.value);
    patch.script = input.patch.script ?? detectScript(input.patch.value);
  }
  return ctx.db.transaction(async (tx) => {
    if (input.patch.value)
      await assertNewSpelling(tx, name.personId, input.patch.value, 'patch.value', name.id);
    const { after } = await updateVersioned<typeof personNames.$inferSelect>(tx, ctx, {
      table: personNames,
      entity: 'name',
      what: 'Name',
      id: input.id,
      version: input.version,
      patch,
    });
    await refreshMatchKeys(tx, [after.personId]);
    return after;
  });
}

/**
 * A person's names are derived from accepted claims: once a reviewer accepts a claim that gives
 * a person a name, the person bears it (as an alias, with the claim behind it), unless they
 * already bear that spelling. Runs in the transaction of the decision, with its audit entry.
 */
export async function addNameFromAcceptedClaim(
  tx: DbOrTx,
  ctx: ServiceContext,
  claim: { id: string; personId: string | null; predicate: string; value: unknown },
): Promise<void> {
  const value = claimedName(claim.predicate, claim.value);
  if (!value || !claim.personId) return;
  const borne = await tx
    .select({ value: personNames.value })
    .from(personNames)
    .where(eq(personNames.personId, claim.personId));
  if (borne.some((name) => isSameSpelling(name.value, value))) return;
  const [name] = await tx
    .insert(personNames)
    .values(nameRow(claim.personId, { value, kind: 'alias', claimId: claim.id }))
    .returning();
  await auditChange(tx, ctx, 'create', 'name', name!.id, null, name!);
  await refreshMatchKeys(tx, [claim.personId]);
}
