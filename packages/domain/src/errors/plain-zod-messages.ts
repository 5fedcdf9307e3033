import type { z } from 'zod';

/** How a type zod expected reads in a message to a person. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  null: 'empty',
  undefined: 'left out',
};

/** How a format zod checked reads in a message to a person. */
const FORMAT_WORDS: Readonly<Record<string, string>> = {
  uuid: 'a valid id',
  guid: 'a valid id',
  email: 'an email address',
  url: 'a web address',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time (ISO 8601)',
  time: 'a time of day',
  base64: 'base64 text',
  base64url: 'base64url text',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

/** Most values an "one of" message lists before it stops. */
const MAX_LISTED_VALUES = 12;

const typeWord = (type: string) => TYPE_WORDS[type] ?? `a ${type}`;

function receivedWord(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number' && Number.isNaN(input)) return 'not a number';
  return typeWord(typeof input === 'number' && Number.isInteger(input) ? 'number' : typeof input);
}

const plural = (n: number | bigint, unit: string) =>
  `${n} ${unit}${n === 1 || n === 1n ? '' : 's'}`;

function sizeLimit(
  bound: 'at most' | 'at least',
  issue: { origin: string; exact?: boolean; inclusive?: boolean },
  limit: number | bigint,
): string {
  const exact = issue.exact ? 'exactly' : bound;
  switch (issue.origin) {
    case 'string':
      return `must be ${exact} ${plural(limit, 'character')}`;
    case 'array':
    case 'set':
      return `must have ${exact} ${plural(limit, 'item')}`;
    case 'file':
      return `must be ${exact} ${plural(limit, 'byte')}`;
    default: {
      if (issue.exact) return `must be exactly ${limit}`;
      if (issue.inclusive === false)
        return `must be ${bound === 'at most' ? 'less' : 'more'} than ${limit}`;
      return `must be ${bound} ${limit}`;
    }
  }
}

/**
 * The message a person reads for a zod issue whose schema gave none of its own, in the words of
 * Vigil's own messages ("is required", "must be at most 200 characters") rather than zod's
 * ("Invalid input: expected string, received undefined"). A message the schema gives wins over
 * this one; an issue this does not know gets zod's. For `z.config({ customError })`.
 *
 * @example
 * z.config({ customError: plainZodMessage });
 * z.object({ name: z.string() }).safeParse({}); // name: "is required"
 */
export function plainZodMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int' && typeof issue.input === 'number')
        return 'must be a whole number';
      return `must be ${typeWord(issue.expected)}, not ${receivedWord(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(typeof v === 'bigint' ? String(v) : v));
      if (values.length === 1) return `must be ${values[0]}`;
      const listed = values.slice(0, MAX_LISTED_VALUES).join(', ');
      return `must be one of ${listed}${values.length > MAX_LISTED_VALUES ? ', …' : ''}`;
    }
    case 'too_big':
      return sizeLimit('at most', issue, issue.maximum);
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && !issue.exact)
        return 'must not be empty';
      return sizeLimit('at least', issue, issue.minimum);
    case 'invalid_format':
      return issue.format === 'regex' || issue.format === 'template_literal'
        ? 'is not in the expected form'
        : `must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'has a field' : 'has fields'} Vigil does not know: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the forms this field takes';
    case 'invalid_key':
    case 'invalid_element':
      return 'holds a value that is not allowed';
    case 'custom':
      // A refinement without a message of its own: zod's "Invalid input" is as good as any.
      return undefined;
  }
}
