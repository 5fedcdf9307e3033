import {
  AppError,
  buildWgeidCaseFile,
  wgeidFieldsAllowed,
  type WgeidCaseFileRequest,
  type WgeidPerson,
} from '@vigil/domain';
import { personNames, persons } from '@vigil/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { listEvents } from '../events/events.service.ts';
import { assertVisible, redactRecord } from '../redaction.ts';

/** Events a case file reads; a person with more has them paged by the timeline, not here. */
const CASE_FILE_EVENTS = 500;

/**
 * A WGEID case file of one person, from what the caller may read: the six elements and the
 * optional fields they chose. A field above their clearance cannot be chosen (refused, naming
 * it). Making the file is audited with the fields it carries, never the submitter's contact.
 */
export async function createWgeidCaseFile(ctx: ServiceContext, input: WgeidCaseFileRequest) {
  const allowed = wgeidFieldsAllowed(ctx.actor.clearance);
  const refused = input.include.findIndex((field) => !allowed.includes(field));
  if (refused >= 0)
    throw AppError.badInput([
      { field: `include.${refused}`, message: 'you are not cleared to add this field' },
    ]);
  const [row] = await ctx.db
    .select()
    .from(persons)
    .where(and(eq(persons.id, input.personId), isNull(persons.hiddenAt)));
  assertVisible(row, ctx.actor.clearance, 'Person');
  const names = await ctx.db
    .select({ value: personNames.value })
    .from(personNames)
    .where(eq(personNames.personId, input.personId))
    .orderBy(asc(personNames.seq));
  const { items: events } = await listEvents(ctx, {
    personId: input.personId,
    limit: CASE_FILE_EVENTS,
  });
  const person: WgeidPerson = {
    ...redactRecord('person', row!, ctx.actor.clearance),
    names: names.map((n) => n.value),
  };
  const file = buildWgeidCaseFile(
    person,
    events.map((e) => ({
      type: e.type,
      date: e.date,
      place: e.place ?? null,
      actingParty: e.actingParty ?? null,
    })),
    input,
  );
  await ctx.db.transaction((tx) =>
    auditChange(tx, ctx, 'export', 'person', input.personId, null, {
      document: 'wgeid_case_file',
      fields: input.include,
      complete: file.complete,
      confidential: input.submitter.confidential,
    }),
  );
  return { personName: names[0]?.value ?? '(no name)', ...file };
}
