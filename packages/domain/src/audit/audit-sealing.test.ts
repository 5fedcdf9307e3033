import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from './audit-entry.schema.ts';
import { SEALED_AUDIT_ENTITIES, sealsAuditValues } from './audit-sealing.ts';

describe('sealsAuditValues', () => {
  it('seals what a change to a person, their names, claims, events and tasks says', () => {
    for (const entity of SEALED_AUDIT_ENTITIES) {
      expect(sealsAuditValues(entity, 'create')).toBe(true);
      expect(sealsAuditValues(entity, 'update')).toBe(true);
      expect(sealsAuditValues(entity, 'read_restricted')).toBe(true);
    }
  });

  it('keeps merges and purges readable: they hold ids, counts and the reason', () => {
    for (const action of ['merge', 'unmerge', 'purge'] as const)
      expect(sealsAuditValues('person', action)).toBe(false);
  });

  it('never seals records that are not about one person', () => {
    for (const entity of ['source', 'source_file', 'count_claim', 'user', 'api_key', 'import'])
      for (const action of AUDIT_ACTIONS) expect(sealsAuditValues(entity, action)).toBe(false);
  });
});
