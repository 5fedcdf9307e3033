import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('reads the partner keys’ budget, and names the variable when it is not a number', () => {
    expect(readEnv({}).partnerRateLimit).toBeUndefined();
    expect(readEnv({ VIGIL_PARTNER_RATE_LIMIT: '600' }).partnerRateLimit).toBe(600);
    for (const wrong of ['', 'many', '0', '1.5'])
      expect(() => readEnv({ VIGIL_PARTNER_RATE_LIMIT: wrong })).toThrow(
        /^VIGIL_PARTNER_RATE_LIMIT must be a whole number/,
      );
  });

  it('refuses a port that is not one', () => {
    expect(() => readEnv({ PORT: '70000' })).toThrow(/^PORT must be a port number/);
  });
});
