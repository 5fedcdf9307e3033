import { describe, expect, it } from 'vitest';
import { countRegistry, registryBucket } from './registry-counts.ts';

const status = (liberty: string, life: string, contactLost = false) =>
  ({
    liberty: { value: liberty },
    life: { value: life },
    flags: { contactLost, disappeared: false },
  }) as Parameters<typeof registryBucket>[0];

describe('registry counts', () => {
  it('counts a held person with recent proof of life as held alive', () => {
    expect(registryBucket(status('held', 'alive_confirmed'))).toBe('held_alive');
  });

  it('counts contact lost before proof of life', () => {
    expect(registryBucket(status('held', 'alive_confirmed', true))).toBe('contact_lost');
    expect(registryBucket(status('held', 'no_recent_proof_of_life'))).toBe('contact_lost');
  });

  it('lets death outrank liberty', () => {
    expect(registryBucket(status('repatriated', 'remains_returned'))).toBe('dead');
    expect(registryBucket(status('held', 'reported_dead'))).toBe('dead');
  });

  it('puts released and repatriated together', () => {
    expect(registryBucket(status('released', 'alive_confirmed'))).toBe('released');
    expect(registryBucket(status('repatriated', 'unknown'))).toBe('released');
  });

  it('puts every person in exactly one bucket', () => {
    const counts = countRegistry([
      status('held', 'alive_confirmed'),
      status('unknown', 'unknown'),
      status('held', 'unknown'),
    ]);
    expect(counts).toMatchObject({ named: 3, held_alive: 1, unknown: 1, held_other: 1 });
    const { named, ...buckets } = counts;
    expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(named);
  });
});
