import { and, asc, gt, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { persons } from '../schema.ts';

/**
 * One page of the persons whose status can change with the mere passing of time: those held,
 * those whose liberty is unknown, and those whose status was never computed. Hidden and merged
 * records are left out. Pages are in id order; pass the last id of a page as `after`.
 */
export async function findPersonsToSweep(
  db: DbOrTx,
  { after, limit }: { after: string | null; limit: number },
): Promise<string[]> {
  const liberty = sql<string | null>`${persons.status} -> 'liberty' ->> 'value'`;
  const rows = await db
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        isNull(persons.hiddenAt),
        isNull(persons.mergedInto),
        or(isNull(persons.status), sql`${liberty} IS NULL`, sql`${liberty} IN ('held', 'unknown')`),
        after ? gt(persons.id, after) : undefined,
      ),
    )
    .orderBy(asc(persons.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
