import {
  LEGAL_CATEGORIES,
  LegalCategorySchema,
  type LegalCategory,
} from '../claims/claim.schema.ts';
import { corroboration } from '../grading/corroboration.ts';
import { distinctSources, listSources } from '../grading/describe-source.ts';
import type { EvidenceClaim } from '../grading/evidence.schema.ts';
import type { LegalAssertion, LegalDimension, StatusReason } from './status.schema.ts';

export const LEGAL_CATEGORY_PHRASES: Record<LegalCategory, string> = {
  prisoner_of_war: 'Prisoner of war',
  civilian_internee: 'Civilian internee',
  hostage: 'Hostage',
  political_prisoner: 'Political prisoner',
  person_held_in_custody: '“Person held in custody”',
  enforced_disappearance: 'Victim of enforced disappearance',
  missing: 'Missing (fate unknown)',
};

const isCategory = (v: unknown): v is LegalCategory => LegalCategorySchema.safeParse(v).success;

/**
 * Legal categories from the accepted `legal_category` claims about the person.
 *
 * Every category an accepted claim asserts is listed with its sources, most independently
 * supported first (independence as in `corroboration`: one side's outlets count once). The
 * organisation's assessment is the category asserted by the most independent sources; to record
 * its own view, the organisation enters a claim from its own source, which then counts like any
 * other independent source. When two categories tie at the top there is no assessment and the
 * dimension is contested; it is contested too when an accepted claim disputes the assessed one.
 * Different categories asserted by different sources are not by themselves a conflict: several
 * can hold at once.
 */
export function deriveLegalCategory(personClaims: readonly EvidenceClaim[]): LegalDimension {
  const accepted = personClaims.filter(
    (c): c is EvidenceClaim & { value: LegalCategory } =>
      c.predicate === 'legal_category' && c.reviewState === 'accepted' && isCategory(c.value),
  );
  const asserted: LegalAssertion[] = LEGAL_CATEGORIES.flatMap((category) => {
    const claims = accepted.filter((c) => c.stance === 'supports' && c.value === category);
    if (claims.length === 0) return [];
    const sources = distinctSources(claims);
    return [
      {
        category,
        sourceIds: sources.map((s) => s.id),
        sourceTitles: sources.map((s) => s.title),
        independentSources: corroboration(claims).independentSources,
      },
    ];
  }).sort((a, b) => b.independentSources - a.independentSources);

  const [top, runnerUp] = asserted;
  const tied = !!top && !!runnerUp && runnerUp.independentSources === top.independentSources;
  const assessed = top && !tied ? top.category : null;
  const reasons: StatusReason[] = asserted.map((a) => ({
    kind:
      a.category === assessed
        ? 'basis'
        : tied && a.independentSources === top?.independentSources
          ? 'conflict'
          : 'note',
    sourceIds: a.sourceIds,
    text: `${LEGAL_CATEGORY_PHRASES[a.category]} — asserted by ${a.independentSources} independent source${a.independentSources === 1 ? '' : 's'}: ${listSources(distinctSources(accepted.filter((c) => c.stance === 'supports' && c.value === a.category)))}`,
  }));
  const disputes = accepted.filter((c) => c.stance === 'contradicts');
  for (const category of LEGAL_CATEGORIES) {
    const against = disputes.filter((c) => c.value === category);
    if (against.length === 0) continue;
    const sources = distinctSources(against);
    reasons.push({
      kind: category === assessed ? 'conflict' : 'note',
      sourceIds: sources.map((s) => s.id),
      text: `Not ${LEGAL_CATEGORY_PHRASES[category].toLowerCase()}, according to ${listSources(sources)}`,
    });
  }
  return {
    asserted,
    assessed,
    contested: tied || disputes.some((c) => c.value === assessed),
    reasons,
  };
}
