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
