import { TRPCClientError } from '@trpc/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ChoiceField,
  choiceOf,
  FilterChoice,
  issueFor,
  TextAreaField,
  TextField,
} from './form.tsx';

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

describe('choiceOf', () => {
  it('gives back the choice an option stands for, numbers included', () => {
    expect(choiceOf(['legal', 'alias'] as const, 'alias')).toBe('alias');
    expect(choiceOf([1, 2, 3] as const, '3')).toBe(3);
  });

  it('gives nothing for text that is none of the choices', () => {
    expect(choiceOf(['legal', 'alias'] as const, 'Alias')).toBeUndefined();
    expect(choiceOf([1, 2, 3] as const, '')).toBeUndefined();
  });
});

/** The id React gave the field's control, read from its label. */
function controlId(html: string): string {
  const id = /<label class="field-label" for="([^"]+)">/.exec(html)?.[1];
  if (!id) throw new Error(`no labelled control in ${html}`);
  return id;
}

describe('ChoiceField', () => {
  it('ties the select to its label, help and error as FormField does', () => {
    const html = renderToStaticMarkup(
      <ChoiceField
        label="Sex"
        help="As the source says"
        error="must be one of the list"
        value="female"
        onChange={() => {}}
        choices={['male', 'female'] as const}
        labels={{ male: 'Male', female: 'Female' }}
      />,
    );
    const id = controlId(html);
    expect(html).toContain(
      `<select id="${id}" aria-invalid="true" aria-describedby="${id}-help ${id}-error">`,
    );
    expect(html).toContain(`<span id="${id}-help" class="field-help">As the source says</span>`);
    expect(html).toContain(
      `<span id="${id}-error" class="field-error">must be one of the list</span>`,
    );
    expect(html).toContain('<div class="field field-invalid">');
  });

  it('words each option from the table, or from a function', () => {
    const fromTable = renderToStaticMarkup(
      <ChoiceField
        label="Sex"
        value="male"
        onChange={() => {}}
        choices={['male', 'female'] as const}
        labels={{ male: 'Male', female: 'Female' }}
      />,
    );
    expect(fromTable).toContain('<option value="male" selected="">Male</option>');
    expect(fromTable).toContain('<option value="female">Female</option>');
    const fromFunction = renderToStaticMarkup(
      <ChoiceField
        label="Credibility"
        value={2}
        onChange={() => {}}
        choices={[1, 2] as const}
        labels={(grade) => `${grade} — grade ${grade}`}
        disabled
      />,
    );
    expect(fromFunction).toContain('<option value="2" selected="">2 — grade 2</option>');
    expect(fromFunction).toMatch(/<select id="[^"]+" disabled="">/);
  });
});

describe('TextField and TextAreaField', () => {
  it('give the control its other attributes and mark nothing when all is well', () => {
    const html = renderToStaticMarkup(
      <TextField
        label="Web address"
        className="span-2"
        type="url"
        value="https://example.org"
        onChange={() => {}}
        maxLength={2000}
      />,
    );
    const id = controlId(html);
    expect(html).toBe(
      `<div class="field span-2"><label class="field-label" for="${id}">Web address</label>` +
        `<input id="${id}" type="url" maxLength="2000" value="https://example.org"/></div>`,
    );
  });

  it('describe a text area by its help text', () => {
    const html = renderToStaticMarkup(
      <TextAreaField label="Excerpt" help="The words" rows={3} value="" onChange={() => {}} />,
    );
    const id = controlId(html);
    expect(html).toContain(
      `<textarea id="${id}" aria-describedby="${id}-help" rows="3"></textarea>`,
    );
  });
});

describe('FilterChoice', () => {
  it('offers first an option that filters nothing, chosen while the filter is off', () => {
    const html = renderToStaticMarkup(
      <FilterChoice
        label="Kind"
        any="Every kind"
        value=""
        onChange={() => {}}
        choices={['claim', 'duplicate'] as const}
        labels={{ claim: 'Claim', duplicate: 'Possible duplicate' }}
      />,
    );
    expect(html).toBe(
      '<label class="field"><span class="field-label">Kind</span><select>' +
        '<option value="" selected="">Every kind</option><option value="claim">Claim</option>' +
        '<option value="duplicate">Possible duplicate</option></select></label>',
    );
  });
});
