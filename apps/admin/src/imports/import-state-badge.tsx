import { IMPORT_STATE_LABELS, labelOf } from '../labels.ts';
import { Badge } from '../ui/badges.tsx';

const TONES: Record<string, 'good' | 'warn' | 'bad' | 'info' | 'muted'> = {
  matching: 'info',
  previewed: 'muted',
  queued: 'info',
  applying: 'info',
  applied: 'good',
  failed: 'bad',
  cancelled: 'muted',
};

export function ImportStateBadge({ state }: { state: string }) {
  return <Badge tone={TONES[state] ?? 'neutral'}>{labelOf(IMPORT_STATE_LABELS, state)}</Badge>;
}
