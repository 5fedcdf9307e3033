import { describe, expect, it } from 'vitest';
import { auditDiff, canonicalJson, mayReadAuditLog } from './audit-entry.schema.ts';

describe('audit diff', () => {
  it('keeps only changed fields', () => {
    expect(auditDiff({ sex: 'unknown', rank: null }, { sex: 'male', rank: null })).toEqual({
      sex: ['unknown', 'male'],
    });
  });

  it('never holds a password or file body', () => {
    const diff = auditDiff(null, {
      username: 'ann',
      passwordHash: 'scrypt$…',
      contentBase64: 'AAAA',
    });
    expect(JSON.stringify(diff)).not.toContain('scrypt');
    expect(JSON.stringify(diff)).not.toContain('AAAA');
    expect(diff.username).toEqual([null, 'ann']);
  });
});

describe('canonical JSON', () => {
  it('is the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe('mayReadAuditLog', () => {
  it('lets only an admin cleared for restricted data read the entries, which name every record', () => {
    expect(mayReadAuditLog('admin', 'restricted')).toBe(true);
    expect(mayReadAuditLog('admin', 'staff')).toBe(false);
    expect(mayReadAuditLog('admin', 'partner')).toBe(false);
    expect(mayReadAuditLog('editor', 'restricted')).toBe(false);
  });
});
