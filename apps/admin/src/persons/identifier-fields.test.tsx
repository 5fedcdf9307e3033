import { TRPCClientError } from '@trpc/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { problemText } from '../ui/form.tsx';
import { IdentifierFields, identifierFieldsOf } from './identifier-fields.tsx';

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

const identifiers = [
  { kind: 'service_number' as const, value: 'SN-0001' },
  { kind: 'icrc_case' as const, value: '' },
];

const markup = (error: unknown) =>
  renderToStaticMarkup(
    <IdentifierFields
      identifiers={identifiers}
      onChange={() => undefined}
      error={error}
      field="patch.identifiers"
    />,
  );

describe('IdentifierFields', () => {
  it('shows the server’s message about a row’s number beside that row only', () => {
    const html = markup(
      refused([{ field: 'patch.identifiers.1.value', message: 'must not be empty' }]),
    );
    const rows = html.split('data-testid="identifier-row"');
    expect(rows).toHaveLength(3);
    expect(rows[1]).not.toContain('must not be empty');
    expect(rows[2]).toContain('must not be empty');
    expect(rows[2]).toContain('aria-invalid="true"');
  });

  it('shows a message about the list as a whole below the rows', () => {
    const html = markup(
      refused([{ field: 'patch.identifiers', message: 'at most 50 identifiers' }]),
    );
    const [rows, below] = html.split('</ol>');
    expect(rows).not.toContain('at most 50');
    expect(below).toContain('<span class="field-error">at most 50 identifiers</span>');
  });

  it('labels each row’s controls with its number', () => {
    const html = markup(null);
    for (const label of ['Kind of identifier 1', 'Identifier 2', 'Remove identifier 2'])
      expect(html).toContain(label);
  });

  it('lets the form count a row’s problem as marked beside it', () => {
    const error = refused([{ field: 'patch.identifiers.0.value', message: 'must not be empty' }]);
    expect(problemText(error, identifierFieldsOf(identifiers, 'patch.identifiers'))).toBe(
      'one field needs correcting, as marked below.',
    );
  });
});
