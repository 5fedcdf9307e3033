export {
  RELIABILITY_LABELS,
  CREDIBILITY_LABELS,
  describeReliability,
  describeCredibility,
  isStrongEvidence,
  isFairEvidence,
} from './grades.ts';
export type { ReliabilityGrade, CredibilityGrade } from './grades.ts';
export { EvidenceSourceSchema, EvidenceClaimSchema } from './evidence.schema.ts';
export type { EvidenceSource, EvidenceClaim } from './evidence.schema.ts';
export {
  CORROBORATION_LEVELS,
  corroboration,
  areSourcesIndependent,
  publisherKey,
} from './corroboration.ts';
export type { Corroboration, CorroborationLevel } from './corroboration.ts';
export {
  OCCURRENCE_PREDICATES,
  EVENT_GRADES,
  EVENT_STANDINGS,
  gradeEvent,
  assessEvent,
  isEventAccepted,
  isOccurrenceClaim,
} from './grade-event.ts';
export type { EventGrade, EventGrading, EventStanding, EventAssessment } from './grade-event.ts';
