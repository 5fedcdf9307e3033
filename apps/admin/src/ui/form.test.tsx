import { TRPCClientError } from '@trpc/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ChoiceField,
  choiceOf,
  FilterChoice,
  FormProblem,
  issueFor,
  lengthProblem,
  problemText,
  sendOnce,
  TextAreaField,
  TextField,
  type GuardedMutation,
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

describe('FormProblem', () => {
  it('counts the fields to correct, not the messages about them', () => {
    const error = refused([
      { field: 'username', message: 'must be at least 2 characters' },
      { field: 'username', message: 'may contain only lowercase letters' },
      { field: 'password', message: 'must be at least 10 characters' },
    ]);
    expect(problemText(error, ['username', 'displayName', 'password', 'role'])).toBe(
      '2 fields need correcting, as marked below.',
    );
  });

  it('counts one field when its two messages are both about something inside it', () => {
    const error = refused([
      { field: 'names.0.value', message: 'must not be empty' },
      { field: 'names.0.value', message: 'must contain letters' },
    ]);
    expect(problemText(error, ['names.0', 'names.1', 'sex'])).toBe(
      'one field needs correcting, as marked below.',
    );
    const html = renderToStaticMarkup(
      <FormProblem error={error} fields={['names.0', 'names.1', 'sex']} />,
    );
    expect(html).toBe(
      '<p class="form-error" role="alert"><strong>Not saved: </strong>' +
        'one field needs correcting, as marked below.</p>',
    );
  });

  it('names an issue about a field the form does not mark, beside the count of the others', () => {
    const error = refused([
      { field: 'reason', message: 'must not be empty' },
      { field: 'reason', message: 'say in a few words why' },
      { field: 'version', message: 'must be a whole number' },
    ]);
    expect(problemText(error, ['reason'])).toBe(
      'one field needs correcting, as marked below; version: must be a whole number',
    );
    expect(problemText(error, [])).toBe(
      'reason: must not be empty; reason: say in a few words why; version: must be a whole number',
    );
  });

  it('gives the server’s message for a refusal that is not about fields, and nothing without one', () => {
    const conflict = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'Someone else saved this person meanwhile',
        data: { code: 'CONFLICT', httpStatus: 409 },
      },
    });
    expect(problemText(conflict, ['reason'])).toBe('Someone else saved this person meanwhile');
    expect(renderToStaticMarkup(<FormProblem error={null} fields={['reason']} />)).toBe('');
  });
});

/** A mutation that records what it was sent and settles when the test says so. */
function fakeMutation() {
  const sent: string[] = [];
  const settle: (() => void)[] = [];
  const mutation: GuardedMutation<string> = {
    isPending: false,
    mutate: (variables, options) => {
      sent.push(variables);
      settle.push(() => options?.onSettled?.());
    },
  };
  return { mutation, sent, settle };
}

describe('sendOnce', () => {
  it('refuses a second submit until the first has settled, though the form still shows idle', () => {
    const { mutation, sent, settle } = fakeMutation();
    const sending = { current: false };
    expect(sendOnce(sending, mutation, 'first click')).toBe(true);
    expect(sendOnce(sending, mutation, 'second click')).toBe(false);
    expect(sent).toEqual(['first click']);
    settle[0]!();
    expect(sendOnce(sending, mutation, 'after a refusal')).toBe(true);
    expect(sent).toEqual(['first click', 'after a refusal']);
  });

  it('sends nothing while the mutation is pending', () => {
    const { mutation, sent } = fakeMutation();
    expect(sendOnce({ current: false }, { ...mutation, isPending: true }, 'again')).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('lengthProblem', () => {
  it('says how long a text is once it is longer than the server takes, spaces around left out', () => {
    expect(lengthProblem('a'.repeat(200), 200)).toBeUndefined();
    expect(lengthProblem(` ${'a'.repeat(200)} `, 200)).toBeUndefined();
    expect(lengthProblem('a'.repeat(250), 200)).toBe('must be at most 200 characters (now 250)');
    expect(lengthProblem('a'.repeat(250), undefined)).toBeUndefined();
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
        spellCheck={false}
      />,
    );
    const id = controlId(html);
    expect(html).toBe(
      `<div class="field span-2"><label class="field-label" for="${id}">Web address</label>` +
        `<input id="${id}" type="url" spellCheck="false" value="https://example.org"/></div>`,
    );
  });

  it('take a text longer than the limit whole, and say it is too long', () => {
    const pasted = 'Z'.repeat(230);
    const html = renderToStaticMarkup(
      <TextField label="Name" value={pasted} onChange={() => {}} maxLength={200} />,
    );
    const id = controlId(html);
    expect(html).not.toContain('maxLength');
    expect(html).toContain(
      `<input id="${id}" aria-invalid="true" aria-describedby="${id}-error" value="${pasted}"/>`,
    );
    expect(html).toContain(
      `<span id="${id}-error" class="field-error">must be at most 200 characters (now 230)</span>`,
    );
    const area = renderToStaticMarkup(
      <TextAreaField
        label="Why"
        error="must not be empty"
        value={'Z'.repeat(501)}
        onChange={() => {}}
        maxLength={500}
      />,
    );
    expect(area).toContain('must be at most 500 characters (now 501)</span>');
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
