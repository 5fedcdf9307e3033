import { claimPredicatesAbove } from '@vigil/domain';
import { claims, events, persons, sources } from '@vigil/db';
import { and, inArray, isNull, notInArray, or, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { visibleLevels } from '../redaction.ts';

/**
 * The claims a caller may see: from a source, and about a person or event, of a sensitivity they
 * are cleared for. A claim about a restricted person says something of that person, and its
 * `personId` would name them, however open its source. A claim about a deleted (hidden) person
 * is hidden with them. A claim that gives a field of a person above the caller's clearance (an
 * identifier, staff only) tells as much as the field, and is left out too. For claim queries and
 * review tasks alike.
 */
export function visibleClaims(ctx: Pick<ServiceContext, 'db' | 'actor'>): SQL {
  const levels = visibleLevels(ctx.actor.clearance);
  return and(
    notInArray(claims.predicate, claimPredicatesAbove(ctx.actor.clearance)),
    inArray(
      claims.sourceId,
      ctx.db.select({ id: sources.id }).from(sources).where(inArray(sources.sensitivity, levels)),
    ),
    or(
      isNull(claims.personId),
      inArray(
        claims.personId,
        ctx.db
          .select({ id: persons.id })
          .from(persons)
          .where(and(inArray(persons.sensitivity, levels), isNull(persons.hiddenAt))),
      ),
    ),
    or(
      isNull(claims.eventId),
      inArray(
        claims.eventId,
        ctx.db.select({ id: events.id }).from(events).where(inArray(events.sensitivity, levels)),
      ),
    ),
  )!;
}
