import type { Sensitivity } from '../sensitivity/sensitivity.ts';
import type { PersonStatus } from '../status/status.schema.ts';
import { roleAllows, type Role } from '../users/user.schema.ts';

/**
 * Who may make a subject-access export: an admin cleared for restricted data, since a caller
 * cleared lower would leave out part of what is held.
 */
export function mayExportSubjectAccess(role: Role, clearance: Sensitivity): boolean {
  return roleAllows(role, 'admin') && clearance === 'restricted';
}

/**
 * What a subject-access export writes where a value would identify someone else: a witness, a
 * confidential source, another detainee, a staff member.
 */
export const WITHHELD = '[withheld: identifies a third party]';

/** Source kinds whose author or publisher may be a private person (a witness, a family). */
const PRIVATE_SOURCE_KINDS = new Set(['testimony', 'social_media_post']);

/** A source as the export reads it. */
export interface SubjectAccessSourceInput {
  kind: string;
  title: string;
  publisher: string | null;
  url: string | null;
  publishedDate: string | null;
  sensitivity: string;
}

/**
 * Whether a source's identity must be withheld from the person it is about: a testimony or a
 * private post names its witness, and a restricted source is confidential by decision.
 */
export function sourceIdentifiesThirdParty(
  source: Pick<SubjectAccessSourceInput, 'kind' | 'sensitivity'>,
) {
  return PRIVATE_SOURCE_KINDS.has(source.kind) || source.sensitivity === 'restricted';
}

/**
 * A source cut for its subject: a published source keeps its title, publisher, address and
 * date; one that would identify a third party keeps only its kind and date. Authors and the
 * source's text never leave (they may name others).
 */
export function subjectAccessSource(source: SubjectAccessSourceInput) {
  if (sourceIdentifiesThirdParty(source))
    return {
      kind: source.kind,
      title: WITHHELD,
      publisher: null,
      url: null,
      publishedDate: source.publishedDate,
    };
  return {
    kind: source.kind,
    title: source.title,
    publisher: source.publisher,
    url: source.url,
    publishedDate: source.publishedDate,
  };
}

/** A claim as the export reads it, with its source. */
export interface SubjectAccessClaimInput {
  predicate: string;
  value: unknown;
  stance: string;
  reviewState: string;
  credibility: number;
  excerpt: string | null;
  locator: string | null;
  createdAt: Date;
  /** Whether the claim is about one of the person's events rather than the person. */
  aboutEvent: boolean;
  source: SubjectAccessSourceInput;
}

/** A claim cut for its subject: a witness's words are withheld with the witness. */
export function subjectAccessClaim(claim: SubjectAccessClaimInput) {
  const privateSource = sourceIdentifiesThirdParty(claim.source);
  return {
    about: claim.aboutEvent ? ('an event' as const) : ('the person' as const),
    predicate: claim.predicate,
    value: claim.value,
    stance: claim.stance,
    reviewState: claim.reviewState,
    credibility: claim.credibility,
    excerpt: claim.excerpt && privateSource ? WITHHELD : claim.excerpt,
    locator: privateSource ? null : claim.locator,
    recordedAt: claim.createdAt,
    source: subjectAccessSource(claim.source),
  };
}

/** The status as its subject reads it: the values, not the sources behind them. */
export function subjectAccessStatus(status: PersonStatus) {
  return {
    summary: status.summary,
    liberty: status.liberty.value,
    life: status.life.value,
    acknowledgement: status.acknowledgement.value,
    legalCategoriesAsserted: status.legal.asserted.map((a) => a.category),
    legalCategoryAssessed: status.legal.assessed,
    contactLost: status.flags.contactLost,
    disappeared: status.flags.disappeared,
  };
}

/** An audit entry about the person's record, as the export reads it. */
export interface SubjectAccessAuditInput {
  at: Date;
  action: string;
  entity: string;
  diff: Record<string, unknown> | null;
}

/**
 * What was done with the person's record and when: each change with the fields it changed,
 * each read of restricted data and each export. Who did it is withheld (staff are third
 * parties); values are in the record itself.
 */
export function subjectAccessActivity(entry: SubjectAccessAuditInput) {
  const fields =
    entry.action === 'read_restricted' && Array.isArray(entry.diff?.fields)
      ? entry.diff.fields.filter((f): f is string => typeof f === 'string')
      : Object.keys(entry.diff ?? {});
  return { at: entry.at, action: entry.action, record: entry.entity, fields };
}
