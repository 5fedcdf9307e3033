import { z } from 'zod';
import { IdSchema, isoDayText, shortText, VersionSchema } from '../common.ts';

/** What a partner's key may read; each partner route names the scope it needs. */
export const API_SCOPES = [
  'persons:read',
  'events:read',
  'claims:read',
  'sources:read',
  'counts:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What each scope opens, in words for the admin app. */
export const API_SCOPE_LABELS: Record<ApiScope, string> = {
  'persons:read': 'Persons: the registry and each person’s record and status',
  'events:read': 'Events: a person’s timeline with its sources',
  'claims:read': 'Claims: what sources say about a person, once a reviewer has accepted it',
  'sources:read':
    'Sources: a source’s record and its files (photos without their metadata below staff)',
  'counts:read': 'Numbers: count claims over time beside the registry’s own counts',
};

/**
 * The clearances a key may have. Restricted data (family contacts, witness identity, health)
 * never leaves through a key: it is read by staff in the app, where each read is audited.
 */
export const API_KEY_CLEARANCES = ['public', 'partner', 'staff'] as const;

export const ApiKeyCreateSchema = z.object({
  /** Who holds the key: the partner organisation and, if useful, the purpose. */
  name: shortText(200),
  clearance: z.enum(API_KEY_CLEARANCES).default('partner'),
  scopes: z
    .array(z.enum(API_SCOPES))
    .min(1, 'choose at least one scope')
    .max(API_SCOPES.length)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'names a scope twice'),
  /** The last day the key works; none means until revoked. */
  expiresOn: isoDayText.nullable().default(null),
});
export type ApiKeyCreate = z.input<typeof ApiKeyCreateSchema>;

export const ApiKeyRevokeSchema = z.object({ id: IdSchema, version: VersionSchema });

const TOKEN_PREFIX = 'vigil_';
const TOKEN = /^vigil_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/**
 * The token handed to a partner once: the key's id (to find it) and a random secret (of which
 * only a hash is stored).
 *
 * @example
 * apiKeyToken('0b1e…-…', 'N3x…') // 'vigil_0b1e…_N3x…'
 */
export function apiKeyToken(id: string, secret: string): string {
  return `${TOKEN_PREFIX}${id.replaceAll('-', '')}_${secret}`;
}

/** The key id and secret in a token, or null when it is not one of Vigil's tokens. */
export function parseApiKeyToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN.exec(token.trim());
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

/** What a key's holder may do right now. */
export type ApiKeyState = 'active' | 'revoked' | 'expired';

/**
 * Whether a key works on `today` (`YYYY-MM-DD`): a revoked key never does, and a key works
 * through its last day.
 */
export function apiKeyState(
  key: { revokedAt: Date | null; expiresOn: string | null },
  today: string,
): ApiKeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresOn && key.expiresOn < today) return 'expired';
  return 'active';
}
