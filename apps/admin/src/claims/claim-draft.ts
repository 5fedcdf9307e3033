import { IDENTIFIER_KINDS, type CREDIBILITY } from '@vigil/domain';

type Credibility = (typeof CREDIBILITY)[number];
type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** The fields of a claim that `claims.update` corrects, as the API names them. */
export const CLAIM_FIELDS = ['value', 'excerpt', 'locator', 'credibility'] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

/**
 * A claim as its correction form holds it: texts as typed, and an identifier's kind apart from
 * its number. `value` is `null` when the form cannot show the value for correction (a row of an
 * imported list, say): it is then left as it is, and never sent.
 */
export interface ClaimDraft {
  value: string | null;
  identifierKind: IdentifierKind;
  excerpt: string;
  locator: string;
  credibility: Credibility;
}

/** A stored claim as the API gives it; a field above the reader's clearance is missing. */
interface StoredClaim {
  predicate?: string | null;
  value?: unknown;
  excerpt?: string | null;
  locator?: string | null;
  credibility?: number;
}

function isIdentifier(value: unknown): value is { kind: IdentifierKind; value: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    'value' in value &&
    (IDENTIFIER_KINDS as readonly unknown[]).includes(value.kind) &&
    typeof value.value === 'string'
  );
}

function isCredibility(grade: unknown): grade is Credibility {
  return typeof grade === 'number' && Number.isInteger(grade) && grade >= 1 && grade <= 6;
}

/**
 * The draft of a stored claim, for its correction. The value is a text as the claim form types
 * it (an identifier as its kind and number); any other value is not offered for correction.
 *
 * @example
 * claimDraftOf({ predicate: 'legal_category', value: 'hostage', excerpt: null, locator: 'p. 2', credibility: 3 })
 * // { value: 'hostage', identifierKind: 'national_id', excerpt: '', locator: 'p. 2', credibility: 3 }
 */
export function claimDraftOf(claim: StoredClaim): ClaimDraft {
  const { predicate, value } = claim;
  const identifier = predicate === 'identifier' && isIdentifier(value) ? value : null;
  return {
    value: identifier
      ? identifier.value
      : value === null || value === undefined
        ? ''
        : typeof value === 'string' && predicate !== 'identifier'
          ? value
          : null,
    identifierKind: identifier?.kind ?? IDENTIFIER_KINDS[0],
    excerpt: claim.excerpt ?? '',
    locator: claim.locator ?? '',
    credibility: isCredibility(claim.credibility) ? claim.credibility : 6,
  };
}

/**
 * A draft as `claims.update` takes it: texts trimmed, an empty one `null`, an identifier as
 * `{ kind, value }`, and no `value` at all where the form left it alone, so that comparing what
 * was read with what is to be saved (`changesOf`) sends only what the user changed.
 *
 * @example
 * claimValuesOf('identifier', { value: ' SN-1 ', identifierKind: 'service_number', excerpt: '', locator: ' ', credibility: 2 })
 * // { value: { kind: 'service_number', value: 'SN-1' }, excerpt: null, locator: null, credibility: 2 }
 */
export function claimValuesOf(predicate: string, draft: ClaimDraft) {
  const text = (typed: string) => (typed.trim() === '' ? null : typed.trim());
  const value =
    draft.value === null
      ? undefined
      : predicate === 'identifier' && text(draft.value) !== null
        ? { kind: draft.identifierKind, value: draft.value.trim() }
        : text(draft.value);
  return {
    value,
    excerpt: text(draft.excerpt),
    locator: text(draft.locator),
    credibility: draft.credibility,
  };
}
