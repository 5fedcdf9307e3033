export {
  StatusEventSchema,
  StatusInputSchema,
  StatusPolicySchema,
  DEFAULT_STATUS_POLICY,
  LIBERTY_VALUES,
  HELD_STATES,
  LIFE_VALUES,
  ACKNOWLEDGEMENT_VALUES,
  STATUS_REASON_KINDS,
  StatusReasonSchema,
  LibertyDimensionSchema,
  LifeDimensionSchema,
  AcknowledgementDimensionSchema,
  LegalAssertionSchema,
  LegalDimensionSchema,
  StatusFlagsSchema,
  PersonStatusSchema,
} from './status.schema.ts';
export type {
  StatusEvent,
  StatusInput,
  StatusPolicy,
  LibertyValue,
  HeldState,
  LifeValue,
  AcknowledgementValue,
  StatusReason,
  Dimension,
  LibertyDimension,
  LifeDimension,
  AcknowledgementDimension,
  LegalAssertion,
  LegalDimension,
  StatusFlags,
  PersonStatus,
} from './status.schema.ts';
export { deriveStatus } from './derive-status.ts';
export { summaryLabel } from './summary-label.ts';
export { deriveAcknowledgement } from './acknowledgement.ts';
export { deriveLegalCategory } from './legal-category.ts';
export { hasStatusValue } from './status-filter.ts';
export { hasLegalCategory } from './status-filter.ts';
