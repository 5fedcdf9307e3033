import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClaimUpdateSchema } from './claims/claim.schema.ts';
import { patchOf } from './common.ts';
import { CountClaimUpdateSchema } from './counts/count-claim.schema.ts';
import { EventUpdateSchema } from './events/event.schema.ts';
import { NameUpdateSchema } from './names/name.schema.ts';
import { PersonUpdateSchema } from './persons/person.schema.ts';
import { SourceUpdateSchema } from './sources/source.schema.ts';

const id = '11111111-1111-4111-8111-111111111111';

describe('patchOf', () => {
  it('leaves a field out of the patch when the input leaves it out, default or not', () => {
    const schema = patchOf(
      z.object({
        rank: z.string().nullable().default(null),
        sensitivity: z.string().default('partner'),
      }),
    );
    expect(schema.parse({ rank: 'sergeant' })).toEqual({ rank: 'sergeant' });
    expect(schema.parse({})).toEqual({});
  });

  it.each([
    ['persons', PersonUpdateSchema, { rank: 'sergeant' }],
    ['names', NameUpdateSchema, { value: 'Aram' }],
    ['sources', SourceUpdateSchema, { publisher: 'An NGO' }],
    ['events', EventUpdateSchema, { place: 'Goris' }],
    ['count claims', CountClaimUpdateSchema, { min: 3 }],
    ['claims', ClaimUpdateSchema, { excerpt: 'He was seen.' }],
  ] as const)(
    'an update of %s changes only the fields it names, never resets the others to their defaults',
    (_what, schema, patch) => {
      expect(schema.parse({ id, version: 1, patch }).patch).toEqual(patch);
    },
  );

  it('keeps the checks of a field inside its default', () => {
    const huge = { id, version: 1, patch: { value: 'x'.repeat(20_000) } };
    expect(ClaimUpdateSchema.safeParse(huge).success).toBe(false);
  });
});
