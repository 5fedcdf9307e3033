import { describe, expect, it } from 'vitest';
import { hiddenFields, isCleared, redact, visibleLevels } from './sensitivity.ts';

describe('redact', () => {
  const fields = { familyContact: 'restricted', identifiers: 'staff', id: 'public' } as const;
  const person = { id: 'p1', familyContact: 'mother, +374 …', identifiers: ['AM123'], sex: 'male' };

  it('removes restricted family contacts for a staff caller', () => {
    expect(redact(person, fields, 'staff')).toEqual({
      id: 'p1',
      identifiers: ['AM123'],
      sex: 'male',
    });
  });

  it('treats undeclared fields as partner-level, never public', () => {
    expect(redact(person, fields, 'public')).toEqual({ id: 'p1' });
    expect(redact(person, fields, 'partner')).toEqual({ id: 'p1', sex: 'male' });
  });

  it('keeps everything for a restricted clearance', () => {
    expect(redact(person, fields, 'restricted')).toEqual(person);
  });

  it('lists the fields a caller may not filter or sort on', () => {
    expect(hiddenFields(fields, 'partner').sort()).toEqual(['familyContact', 'identifiers']);
    expect(isCleared('staff', 'restricted')).toBe(false);
  });
});

describe('visibleLevels', () => {
  it('lists the levels up to a clearance, and never above it', () => {
    expect(visibleLevels('public')).toEqual(['public']);
    expect(visibleLevels('staff')).toEqual(['public', 'partner', 'staff']);
    expect(visibleLevels('restricted')).toEqual(['public', 'partner', 'staff', 'restricted']);
  });
});
