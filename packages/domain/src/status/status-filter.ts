import type { LegalCategory } from '../claims/claim.schema.ts';
import type { PersonStatus } from './status.schema.ts';

/**
 * Whether a person's status answers the registry's status filter: `value` is the value of its
 * liberty (held, released…) or of its life (alive_confirmed, reported_dead…).
 *
 * @example
 * hasStatusValue({ liberty: { value: 'held' }, life: { value: 'unknown' } }, 'held') // true
 */
export function hasStatusValue(
  status: {
    liberty: Pick<PersonStatus['liberty'], 'value'>;
    life: Pick<PersonStatus['life'], 'value'>;
  },
  value: string,
): boolean {
  return status.liberty.value === value || status.life.value === value;
}

/**
 * Whether a person's status answers the registry's legal-category filter: an accepted claim
 * behind the status asserts `category`, whether or not it is the organisation's assessment
 * (several categories can hold at once). A status derived for a caller rests only on sources
 * they may see, so the answer does too.
 *
 * @example
 * hasLegalCategory({ legal: { asserted: [{ category: 'hostage' }] } }, 'hostage') // true
 */
export function hasLegalCategory(
  status: {
    legal: { asserted: readonly Pick<PersonStatus['legal']['asserted'][number], 'category'>[] };
  },
  category: LegalCategory,
): boolean {
  return status.legal.asserted.some((assertion) => assertion.category === category);
}
