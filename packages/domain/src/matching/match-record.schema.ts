import { z } from 'zod';

/**
 * A person as one list or the registry describes them, reduced to what matching compares.
 * Names may be in any script; the birth date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 */
export const MatchRecordSchema = z.object({
  id: z.string().trim().min(1, 'must not be empty'),
  name: z.string().trim().min(1, 'must not be empty'),
  birthDate: z
    .string()
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be written YYYY, YYYY-MM or YYYY-MM-DD')
    .nullish(),
  place: z.string().nullish(),
  fatherName: z.string().nullish(),
  identifiers: z.array(z.string()).optional(),
});
export type MatchRecord = z.infer<typeof MatchRecordSchema>;
