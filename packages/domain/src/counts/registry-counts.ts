import type { PersonStatus } from '../status/status.schema.ts';

/**
 * What the registry itself can prove about a population, bucket by bucket, to set beside
 * the numbers sources claim. Every named person falls in exactly one bucket.
 */
export const REGISTRY_BUCKETS = [
  'held_alive',
  'contact_lost',
  'held_other',
  'released',
  'dead',
  'unknown',
] as const;
export type RegistryBucket = (typeof REGISTRY_BUCKETS)[number];

export const REGISTRY_BUCKET_LABELS: Record<RegistryBucket, string> = {
  held_alive: 'held, proof of life within the window',
  contact_lost: 'contact lost (held, no recent proof of life)',
  held_other: 'held, no proof of life yet',
  released: 'released or repatriated',
  dead: 'dead (reported, confirmed or remains returned)',
  unknown: 'fate unknown',
};

/**
 * The bucket of one person's status. Death outranks liberty; a held person with no proof of
 * life within the window, or whose contact is lost, counts as contact lost.
 *
 * @example
 * registryBucket(status) // 'held_alive'
 */
export function registryBucket(
  status: Pick<PersonStatus, 'liberty' | 'life' | 'flags'>,
): RegistryBucket {
  const life = status.life.value;
  if (life === 'reported_dead' || life === 'confirmed_dead' || life === 'remains_returned')
    return 'dead';
  const liberty = status.liberty.value;
  if (liberty === 'released' || liberty === 'repatriated' || liberty === 'escaped')
    return 'released';
  if (liberty === 'held') {
    if (status.flags.contactLost || life === 'no_recent_proof_of_life') return 'contact_lost';
    if (life === 'alive_confirmed') return 'held_alive';
    return 'held_other';
  }
  return 'unknown';
}

/** Counts statuses per bucket; `named` is how many persons were counted. */
export function countRegistry(
  statuses: readonly Pick<PersonStatus, 'liberty' | 'life' | 'flags'>[],
) {
  const counts = Object.fromEntries(REGISTRY_BUCKETS.map((b) => [b, 0])) as Record<
    RegistryBucket,
    number
  >;
  for (const status of statuses) counts[registryBucket(status)]++;
  return { named: statuses.length, ...counts };
}
