import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, appErrorHttpStatus } from './app-error.ts';
import { fieldIssuesFromZod } from './zod-issues.ts';

describe('AppError', () => {
  it('names every field and problem in its safe message', () => {
    const error = AppError.badInput([
      { field: 'sex', message: 'must be one of male, female, unknown' },
      { field: 'names.0.value', message: 'must not be empty' },
    ]);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.safeMessage).toContain('sex: must be one of');
    expect(error.safeMessage).toContain('names.0.value: must not be empty');
    expect(appErrorHttpStatus[error.code]).toBe(400);
  });

  it('maps a conflict to 409', () => {
    expect(appErrorHttpStatus[AppError.conflict('Person').code]).toBe(409);
  });

  it('turns zod paths into dotted field names', () => {
    const result = z.object({ names: z.array(z.object({ value: z.string().min(1) })) }).safeParse({
      names: [{ value: '' }],
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(fieldIssuesFromZod(result.error.issues)[0]?.field).toBe('names.0.value');
  });
});
