import { describe, expect, it } from 'vitest';
import { ROLES } from './user.schema.ts';
import { mustEnrolSecondFactor, TotpCodeSchema } from './second-factor.ts';

describe('mustEnrolSecondFactor', () => {
  it('holds back an admin without a second factor', () => {
    expect(mustEnrolSecondFactor('admin', false)).toBe(true);
  });

  it('lets an admin with a second factor act', () => {
    expect(mustEnrolSecondFactor('admin', true)).toBe(false);
  });

  it('leaves enrolment voluntary for every other role', () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      expect(mustEnrolSecondFactor(role, false), role).toBe(false);
      expect(mustEnrolSecondFactor(role, true), role).toBe(false);
    }
  });
});

describe('TotpCodeSchema', () => {
  it('takes six digits, with the spaces apps show them with dropped', () => {
    expect(TotpCodeSchema.parse('123456')).toBe('123456');
    expect(TotpCodeSchema.parse(' 123 456 ')).toBe('123456');
  });

  it('refuses anything but six digits, saying what a code looks like', () => {
    for (const code of ['', '12345', '1234567', '12345a', '１２３４５６']) {
      expect(TotpCodeSchema.safeParse(code).error?.issues[0]?.message, code).toContain('6 digits');
    }
    expect(TotpCodeSchema.safeParse('1'.repeat(17)).success).toBe(false);
  });
});
