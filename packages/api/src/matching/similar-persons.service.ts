import { DUPLICATE_SUGGESTION_MIN_SCORE, PartialDateSchema } from '@vigil/domain';
import { createCandidateFinder, personNames, persons } from '@vigil/db';
import { and, asc, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import { redactRecord, visibleLevels } from '../redaction.ts';

export const SimilarPersonsInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  birthDate: PartialDateSchema.nullish(),
  fatherName: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
});

/**
 * The persons already in the registry who may be the one about to be entered, best first (at
 * most five): the matcher of list imports, over the persons and fields the caller may see. So
 * that a person entered by hand is not entered twice, as a duplicate to find later. Those below
 * the score of a possible duplicate worth a reviewer's time are left out. Reads only;
 * `likely` is the matcher's own "match", which an import would link without asking.
 *
 * @example
 * await findSimilarPersons(ctx, { name: 'Narek Hakobian', birthDate: '1987' })
 * // [{ id, name: 'Նարեկ Հակոբյան', birthDate: '1987-03-03', score: 0.97, likely: true }]
 */
export async function findSimilarPersons(
  ctx: ServiceContext,
  input: z.infer<typeof SimilarPersonsInputSchema>,
) {
  // A range or a partial date compares by what it starts with: the year, the month.
  const birthDate = input.birthDate?.split('/')[0] ?? null;
  const [found] = await createCandidateFinder(ctx.db, { clearance: ctx.actor.clearance }).find([
    { id: 'entered', name: input.name, birthDate, fatherName: input.fatherName ?? null },
  ]);
  const candidates = (found?.decision.candidates ?? []).filter(
    (c) => c.score >= DUPLICATE_SUGGESTION_MIN_SCORE,
  );
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const levels = visibleLevels(ctx.actor.clearance);
  const [rows, names] = await Promise.all([
    ctx.db
      .select({ id: persons.id, birthDate: persons.birthDate })
      .from(persons)
      .where(
        and(
          inArray(persons.id, ids),
          inArray(persons.sensitivity, levels),
          isNull(persons.hiddenAt),
        ),
      ),
    ctx.db
      .select({ personId: personNames.personId, value: personNames.value })
      .from(personNames)
      .where(inArray(personNames.personId, ids))
      .orderBy(asc(personNames.seq)),
  ]);
  const birthDates = new Map(
    rows.map((r) => [r.id, redactRecord('person', r, ctx.actor.clearance).birthDate ?? null]),
  );
  const firstName = new Map<string, string>();
  for (const n of names) if (!firstName.has(n.personId)) firstName.set(n.personId, n.value);
  return candidates
    .filter((c) => birthDates.has(c.id))
    .map((c) => ({
      id: c.id,
      name: firstName.get(c.id) ?? '',
      birthDate: birthDates.get(c.id) ?? null,
      score: c.score,
      likely: found?.decision.decision === 'match' && found.decision.match === c.id,
    }));
}
