import { describe, expect, it } from 'vitest';
import { defaultClearance, roleAllows, UsernameSchema } from './user.schema.ts';

describe('roles', () => {
  it('lets only editors and admins write', () => {
    expect(roleAllows('viewer', 'write')).toBe(false);
    expect(roleAllows('reviewer', 'write')).toBe(false);
    expect(roleAllows('editor', 'write')).toBe(true);
    expect(roleAllows('admin', 'write')).toBe(true);
  });

  it('lets reviewers, editors and admins decide reviews, never viewers (four eyes is checked per claim)', () => {
    expect(roleAllows('viewer', 'review')).toBe(false);
    expect(roleAllows('editor', 'review')).toBe(true);
    expect(roleAllows('reviewer', 'review')).toBe(true);
  });

  it('gives admins restricted clearance and others staff', () => {
    expect(defaultClearance('admin')).toBe('restricted');
    expect(defaultClearance('viewer')).toBe('staff');
  });

  it('explains a bad username', () => {
    expect(UsernameSchema.safeParse('Ann Smith').error?.issues[0]?.message).toContain('lowercase');
  });
});
