import type { PersonStatus } from './status.schema.ts';

const FATE_UNKNOWN: Record<PersonStatus['acknowledgement']['value'], string> = {
  unknown: 'captured — fate unknown, never acknowledged',
  denied: 'captured — fate unknown, detention denied',
  cannot_identify: 'captured — fate unknown, detaining state “cannot identify” them',
  no_reply: 'captured — fate unknown, detaining state does not reply',
  acknowledged: 'captured — fate unknown',
};

/**
 * The one label the registry shows for a person, from their derived status. Death comes first,
 * then disappearance, then loss of contact, then liberty with the last proof of life; `(contested)`
 * is added when liberty or life is contested.
 *
 * @example
 * summaryLabel(status) // 'held — alive, confirmed 2025-06-14'
 * summaryLabel(status) // 'held — no proof of life since 2024-11-02'
 * summaryLabel(status) // 'captured — fate unknown, never acknowledged'
 * summaryLabel(status) // 'deceased — remains returned'
 */
export function summaryLabel(status: Omit<PersonStatus, 'summary' | 'notCounted'>): string {
  const label = baseLabel(status);
  return status.liberty.contested || status.life.contested ? `${label} (contested)` : label;
}

function baseLabel({
  liberty,
  life,
  acknowledgement,
  flags,
}: Omit<PersonStatus, 'summary' | 'notCounted'>): string {
  if (life.value === 'remains_returned') return 'deceased — remains returned';
  if (life.value === 'confirmed_dead') return 'deceased — death confirmed';
  if (life.value === 'reported_dead') return 'reported dead';
  if (flags.disappeared) return FATE_UNKNOWN[acknowledgement.value];
  if (flags.contactLost && life.value !== 'no_recent_proof_of_life') return 'contact lost';
  switch (liberty.value) {
    case 'held':
      if (life.value === 'alive_confirmed')
        return `held — alive, confirmed ${life.since ?? '(undated)'}`;
      if (life.value === 'no_recent_proof_of_life') {
        return life.since
          ? `held — no proof of life since ${life.since}`
          : 'held — no proof of life';
      }
      return 'held';
    case 'released':
    case 'repatriated':
    case 'escaped':
      return liberty.value;
    case 'unknown':
      return life.value === 'alive_confirmed' && life.since
        ? `alive, confirmed ${life.since}`
        : 'unknown';
  }
}
