import type { z } from 'zod';
import type { FieldIssue } from './app-error.ts';

/**
 * Turns zod issues into field issues with a path a person can read.
 *
 * @example
 * fieldIssuesFromZod(err.issues) // [{ field: 'names.0.value', message: 'must not be empty' }]
 */
export function fieldIssuesFromZod(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}
