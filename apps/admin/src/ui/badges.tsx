import type { ReactNode } from 'react';
import {
  labelOf,
  RELIABILITY_LABELS,
  REVIEW_STATE_LABELS,
  SCRIPT_LABELS,
  SENSITIVITY_LABELS,
  SIDE_LABELS,
  CREDIBILITY_LABELS,
} from '../labels.ts';

type Tone = 'neutral' | 'good' | 'warn' | 'bad' | 'info' | 'muted';

export function Badge({
  tone = 'neutral',
  title,
  children,
}: {
  tone?: Tone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** The script a name is written in; the text is the script's name, so it reads well aloud too. */
export function ScriptBadge({ script }: { script: string }) {
  return (
    <span className={`badge badge-script badge-script-${script}`}>
      {labelOf(SCRIPT_LABELS, script)}
    </span>
  );
}

const REVIEW_TONES: Record<string, Tone> = {
  accepted: 'good',
  pending: 'warn',
  rejected: 'bad',
  needs_evidence: 'info',
};

export function ReviewStateBadge({ state }: { state: string }) {
  return (
    <Badge tone={REVIEW_TONES[state] ?? 'neutral'} title="Review state of the claim">
      {labelOf(REVIEW_STATE_LABELS, state)}
    </Badge>
  );
}

const RELIABILITY_TONES: Record<string, Tone> = {
  A: 'good',
  B: 'good',
  C: 'neutral',
  D: 'warn',
  E: 'bad',
  F: 'muted',
};

/** The Admiralty reliability grade of a source, with its meaning. */
export function ReliabilityBadge({ grade }: { grade: string }) {
  const meaning = labelOf(RELIABILITY_LABELS, grade);
  return (
    <Badge
      tone={RELIABILITY_TONES[grade] ?? 'neutral'}
      title={`Source reliability ${grade}: ${meaning}`}
    >
      <span aria-hidden="true">{grade}</span>
      <span className="visually-hidden">Reliability {grade}: </span>
      <span className="badge-detail">{meaning}</span>
    </Badge>
  );
}

/** The Admiralty credibility grade of one piece of information. */
export function CredibilityBadge({ grade }: { grade: number }) {
  const meaning = labelOf(CREDIBILITY_LABELS, grade);
  return (
    <Badge tone="neutral" title={`Information credibility ${grade}: ${meaning}`}>
      <span aria-hidden="true">{grade}</span>
      <span className="visually-hidden">Credibility {grade}: </span>
      <span className="badge-detail">{meaning}</span>
    </Badge>
  );
}

export function SideBadge({ side }: { side: string }) {
  return <Badge tone="muted">{labelOf(SIDE_LABELS, side)}</Badge>;
}

/** Who may see a record: shown on records above partner level, so staff know before sharing. */
export function SensitivityBadge({ level }: { level: string }) {
  const tone: Tone = level === 'restricted' ? 'bad' : level === 'staff' ? 'warn' : 'muted';
  return (
    <Badge tone={tone} title="Who may see this record">
      {labelOf(SENSITIVITY_LABELS, level)}
    </Badge>
  );
}
