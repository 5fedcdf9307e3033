import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainZodMessage } from './plain-zod-messages.ts';

/** The message of the first issue of parsing `input` with `schema`. */
const messageOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`${JSON.stringify(input)} was accepted`);
  return result.error.issues[0]!.message;
};

describe('plain messages for zod issues without their own', () => {
  beforeAll(() => z.config({ customError: plainZodMessage }));
  afterAll(() => z.config({ customError: undefined }));

  it('says a missing field is required, and which type a wrong one must have', () => {
    const schema = z.object({ name: z.string(), age: z.number(), list: z.array(z.string()) });
    expect(messageOf(schema, {})).toBe('is required');
    expect(messageOf(schema.shape.name, 42)).toBe('must be text, not a number');
    expect(messageOf(schema.shape.age, 'forty')).toBe('must be a number, not text');
    expect(messageOf(schema.shape.list, { a: 1 })).toBe('must be a list, not an object');
    expect(messageOf(z.object({}), null)).toBe('must be an object, not empty');
    expect(messageOf(z.boolean(), [])).toBe('must be true or false, not a list');
  });

  it('names the values a field may take', () => {
    expect(messageOf(z.enum(['open', 'done']), 'shut')).toBe('must be one of "open", "done"');
    expect(messageOf(z.literal('PURGE'), 'purge')).toBe('must be "PURGE"');
    const many = z.enum(Array.from({ length: 20 }, (_, i) => `v${i}`) as [string, ...string[]]);
    expect(messageOf(many, 'x')).toMatch(/^must be one of "v0", .*"v11", …$/);
  });

  it('says sizes in characters, items or plain numbers', () => {
    expect(messageOf(z.string().max(200), 'x'.repeat(201))).toBe('must be at most 200 characters');
    expect(messageOf(z.string().min(1), '')).toBe('must not be empty');
    expect(messageOf(z.string().min(3), 'ab')).toBe('must be at least 3 characters');
    expect(messageOf(z.string().length(1), 'ab')).toBe('must be exactly 1 character');
    expect(messageOf(z.array(z.string()).min(1), [])).toBe('must have at least 1 item');
    expect(messageOf(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe(
      'must have at most 2 items',
    );
    expect(messageOf(z.number().int().max(200), 201)).toBe('must be at most 200');
    expect(messageOf(z.number().positive(), 0)).toBe('must be more than 0');
    expect(messageOf(z.number().int(), 1.5)).toBe('must be a whole number');
  });

  it('says which form text must have', () => {
    expect(messageOf(z.uuid(), 'not-an-id')).toBe('must be a valid id');
    expect(messageOf(z.email(), 'nobody')).toBe('must be an email address');
    expect(messageOf(z.string().regex(/^\d+$/), 'abc')).toBe('is not in the expected form');
    expect(messageOf(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toBe(
      'has a field Vigil does not know: b',
    );
    expect(messageOf(z.union([z.string(), z.number()]), true)).toBe(
      'matches none of the forms this field takes',
    );
  });

  it('gives way to a schema’s own message', () => {
    expect(messageOf(z.string().max(2, 'is too long for a grade'), 'abc')).toBe(
      'is too long for a grade',
    );
    expect(messageOf(z.uuid('must be the id of a person'), 'x')).toBe('must be the id of a person');
  });
});
