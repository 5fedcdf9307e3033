import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { issueFor } from './form.tsx';

/** A refusal as the server sends it for bad input. */
function refused(issues: { field: string; message: string }[]) {
  return TRPCClientError.from({
    error: {
      code: -32600,
      message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
      data: { code: 'BAD_REQUEST', httpStatus: 400, issues },
    },
  });
}

describe('issueFor', () => {
  it('finds the message about a field, and about anything inside it', () => {
    const error = refused([
      { field: 'title', message: 'must not be empty' },
      { field: 'names.0.value', message: 'must not be empty' },
      { field: 'text (line 3)', message: 'the name is empty' },
    ]);
    expect(issueFor(error, 'title')).toBe('must not be empty');
    expect(issueFor(error, 'names')).toBe('must not be empty');
    expect(issueFor(error, 'text')).toBe('the name is empty');
    expect(issueFor(error, 'url')).toBeUndefined();
  });

  it('finds nothing in a failure that is not about the input', () => {
    expect(issueFor(new Error('offline'), 'title')).toBeUndefined();
    expect(issueFor(null, 'title')).toBeUndefined();
  });
});
