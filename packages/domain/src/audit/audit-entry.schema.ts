import { z } from 'zod';
import type { Sensitivity } from '../sensitivity/sensitivity.ts';
import { roleAllows, type Role } from '../users/user.schema.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'read_restricted',
  'login',
  'logout',
  'login_failed',
  /** A user changed their own password; or gave a wrong current password trying to. */
  'change_password',
  'change_password_failed',
  /** An admin set a new password for another user. */
  'reset_password',
  'decide',
  'merge',
  'unmerge',
  'purge',
  /** A document made from records to leave Vigil: a case file, a subject-access export. */
  'export',
] as const;

/**
 * The kinds of record an audit entry can be about. A new kind is added here, so that whatever
 * lists or filters entries (the admin app's audit panel) knows it.
 */
export const AUDIT_ENTITIES = [
  'person',
  'name',
  'event',
  'event_participants',
  'source',
  'source_file',
  'source_claims',
  'claim',
  'count_claim',
  'review_task',
  'match_judgement',
  'match_keys',
  'import',
  'registry',
  'user',
  'api_key',
  'session',
  'job',
  'backup',
  'demo_data',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One append-only, hash-chained record of who did what, when, from where. */
export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.date(),
  actorId: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  diff: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Fields whose values never enter an audit diff. */
const SECRET_FIELDS = new Set([
  'password',
  'passwordHash',
  'totpSecret',
  'token',
  'contentBase64',
  'content',
]);

/**
 * The filtered before/after of a change: only fields that changed, secrets replaced by a
 * marker, so the audit trail shows what happened without holding raw bodies or secrets.
 *
 * @example
 * auditDiff({ sex: 'unknown', v: 1 }, { sex: 'male', v: 2 }) // { sex: ['unknown', 'male'], v: [1, 2] }
 */
export function auditDiff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, [unknown, unknown]> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of keys) {
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    diff[key] = SECRET_FIELDS.has(key) ? ['[secret]', '[secret]'] : [a, b];
  }
  return diff;
}

/**
 * The canonical text that an audit entry's hash covers: keys sorted at every depth, so the
 * same entry always hashes the same on any machine.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Who may read the audit log's entries: an admin cleared for restricted data. Entries name every
 * record, restricted ones too, so anyone cleared lower would learn of records hidden from them.
 */
export function mayReadAuditLog(role: Role, clearance: Sensitivity): boolean {
  return roleAllows(role, 'admin') && clearance === 'restricted';
}
