import { z } from 'zod';
import { IdSchema, isoDayText, longText, patchOf, shortText, VersionSchema } from '../common.ts';
import { PartialDateSchema } from '../dates/partial-date.ts';
import { SensitivitySchema, type FieldSensitivity } from '../sensitivity/sensitivity.ts';

export const SOURCE_KINDS = [
  'news_article',
  'official_statement',
  'official_list',
  'ngo_report',
  'testimony',
  'video',
  'photo',
  'court_document',
  'social_media_post',
  'government_reply',
] as const;

/**
 * The side a source speaks for. `state_a` is the state whose nationals are held, `state_b`
 * the detaining state; labels are shown by the admin app.
 */
export const SIDES = ['state_a', 'state_b', 'third_party', 'independent', 'unknown'] as const;
export const SideSchema = z.enum(SIDES);
export type Side = z.infer<typeof SideSchema>;

/** Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const ReliabilitySchema = z.enum(RELIABILITY);

export const ARCHIVE_STATES = ['pending', 'archived', 'not_applicable'] as const;

const SourceFields = z.object({
  kind: z.enum(SOURCE_KINDS),
  title: shortText(500),
  publisher: shortText(200).nullable().default(null),
  author: shortText(200).nullable().default(null),
  // Only the web: a `javascript:` or `data:` address would run or show anything in a reader
  // that follows it, here or in a partner's application.
  url: z
    .url({ protocol: /^https?$/, error: 'must be a full http(s) address' })
    .max(2000)
    .nullable()
    .default(null),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}$/, 'must be a language code such as hy, ru, en')
    .nullable()
    .default(null),
  publishedDate: PartialDateSchema.nullable().default(null),
  accessedDate: isoDayText.nullable().default(null),
  side: SideSchema.default('unknown'),
  reliability: ReliabilitySchema.default('F'),
  /** The text of the source, when it is a document. */
  content: longText(1_000_000).nullable().default(null),
  notes: longText().nullable().default(null),
  sensitivity: SensitivitySchema.default('staff'),
});

export const SourceCreateSchema = SourceFields;
export type SourceCreate = z.input<typeof SourceCreateSchema>;
export const SourceUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  patch: patchOf(SourceFields),
});

export const SourceFileSchema = z.object({
  id: IdSchema,
  filename: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  /** Whether a check found the stored copy changed or missing (an open `file_integrity` task). */
  damaged: z.boolean(),
  createdAt: z.date(),
});

export const SourceSchema = SourceFields.extend({
  id: IdSchema,
  version: VersionSchema,
  archiveStatus: z.enum(ARCHIVE_STATES),
  files: z.array(SourceFileSchema),
  createdAt: z.date(),
});
export type Source = z.infer<typeof SourceSchema>;

/** Who wrote a testimony can endanger them: authors are staff-only, notes too. */
export const sourceFields: FieldSensitivity = {
  id: 'public',
  author: 'staff',
  notes: 'staff',
  content: 'staff',
};

/** Upload of one file to a source, as base64 (documents and photos up to 20 MB). */
export const SourceFileUploadSchema = z.object({
  sourceId: IdSchema,
  filename: shortText(255),
  mediaType: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as text/plain'),
  contentBase64: z
    .string()
    .max(28_000_000, 'the file is larger than 20 MB')
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'must be base64'),
});
