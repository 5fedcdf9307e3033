import {
  HISTORY_ENTITY,
  HistoryKindSchema,
  historyReferences,
  historyVisibleTo,
  IdSchema,
  restrictedFieldsShown,
  type HistoryKind,
} from '@vigil/domain';
import { appendAudit, findRecordHistory, findRecordSensitivities } from '@vigil/db';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, pageOf } from '../paging.ts';
import { assertVisible } from '../redaction.ts';

export const HistoryListInputSchema = z.object({
  entity: HistoryKindSchema,
  id: IdSchema,
  cursor: z.string().max(100).optional(),
  limit: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
});

/** What a missing record is called in NOT_FOUND, the same whether it is missing or hidden. */
const WHAT: Record<HistoryKind, string> = {
  person: 'Person',
  source: 'Source',
  event: 'Event',
  claim: 'Claim',
  countClaim: 'Count claim',
};

/**
 * The changes of one record (for a person, of their names too), newest first, each with when,
 * who and every changed field's value before and after — built from the record's audit
 * entries and cut to the caller's clearance by `historyVisibleTo` in `@vigil/domain`: a record
 * above it is NOT_FOUND like a missing one (so is a person hidden by a merge, as for
 * `persons.get`; a claim or count claim is as sensitive as its source), a field above it is left
 * out of every entry, and who made a change is named only to staff clearance and above.
 * Showing a restricted field's values (family contacts) is audited as a restricted read, as
 * `persons.get` is. A record's history is small, so it is cut and paged in memory: which entries
 * a caller may see depends on how sensitive the record was at each moment, which the whole
 * history tells.
 */
export async function listHistory(
  ctx: ServiceContext,
  input: z.infer<typeof HistoryListInputSchema>,
) {
  const cursor = decodeCursor(input.cursor, ['seq']);
  const found = await findRecordHistory(ctx.db, input.entity, input.id);
  assertVisible(found ?? undefined, ctx.actor.clearance, WHAT[input.entity]);
  const history = found!;
  const references = await findRecordSensitivities(ctx.db, historyReferences(history));
  const items = historyVisibleTo({ ...history, references }, ctx.actor.clearance);
  const older = cursor ? items.filter((item) => item.seq < Number(cursor[0])) : items;
  const page = pageOf(older.slice(0, input.limit + 1), input.limit, (item) => [String(item.seq)]);
  const restricted = restrictedFieldsShown(input.entity, page.items);
  if (restricted.length > 0) {
    await ctx.db.transaction((tx) =>
      appendAudit(tx, {
        actorId: ctx.actor.id,
        action: 'read_restricted',
        entity: HISTORY_ENTITY[input.entity],
        entityId: input.id,
        ip: ctx.ip,
        diff: { fields: restricted, via: 'history' },
      }),
    );
  }
  return page;
}
