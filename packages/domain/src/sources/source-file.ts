import { isCleared, type Sensitivity } from '../sensitivity/sensitivity.ts';

/** Other names of the same media type, folded to one so that `image/jpg` is `image/jpeg`. */
const MEDIA_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'text/xml': 'application/xml',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
};

/**
 * A media type in lower case, without parameters, under its usual name.
 *
 * @example
 * canonicalMediaType('Image/JPG; q=1') // 'image/jpeg'
 */
export function canonicalMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPE_ALIASES[bare] ?? bare;
}

/**
 * Types whose content is text, which has no magic bytes to recognise it by: `text/*`, JSON,
 * XML (SVG included) and their `+json` / `+xml` variants.
 */
export function isTextMediaType(mediaType: string): boolean {
  const type = canonicalMediaType(mediaType);
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are text: valid UTF-8 with no NUL character. */
export function isTextContent(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the bytes of an upload look like, as found by a detector of magic bytes. */
export interface DetectedContent {
  /** The media type the content's magic bytes show, or null when they show none. */
  detected: string | null;
  /** Whether the content is text (see {@link isTextContent}). */
  isText: boolean;
  /** The media types the detector can recognise: a declared type outside it cannot be checked. */
  recognizable: ReadonlySet<string>;
}

/**
 * Whether an upload's declared media type matches its content, and if not, what is wrong in
 * words for the `mediaType` field. A text type needs text content; a type with magic bytes needs
 * those bytes; content whose magic bytes show another type is refused whatever was declared. A
 * declared type no detector recognises (`application/octet-stream`) is accepted unless the
 * content is recognisably something else.
 *
 * @example
 * checkDeclaredMediaType('image/jpeg', { detected: 'image/png', isText: false, recognizable })
 * // 'is image/jpeg, but the content is image/png'
 */
export function checkDeclaredMediaType(declared: string, content: DetectedContent): string | null {
  const type = canonicalMediaType(declared);
  const detected = content.detected ? canonicalMediaType(content.detected) : null;
  if (isTextMediaType(type)) {
    if (content.isText) return null;
    return detected
      ? `is ${type}, a text type, but the content is ${detected}`
      : `is ${type}, a text type, but the content is not text (not UTF-8, or it holds NUL bytes)`;
  }
  if (detected) return detected === type ? null : `is ${type}, but the content is ${detected}`;
  if (!content.recognizable.has(type)) return null;
  return content.isText
    ? `is ${type}, but the content is text`
    : `is ${type}, but the content does not look like ${type}`;
}

/** Images whose metadata (EXIF, XMP, IPTC, text chunks) Vigil can remove. */
export const METADATA_STRIPPED_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MetadataStrippedType = (typeof METADATA_STRIPPED_TYPES)[number];

/** Which copy of a stored file a caller gets. */
export type FileCopy =
  | { kind: 'original' }
  | { kind: 'without_metadata'; format: MetadataStrippedType }
  | { kind: 'withheld' };

/**
 * Whether a caller gets files as stored; below staff clearance, photos come without their
 * metadata, or not at all (see {@link fileCopyFor}).
 */
export function receivesOriginalFiles(clearance: Sensitivity): boolean {
  return isCleared(clearance, 'staff');
}

/**
 * Which copy of a file a caller may download. Staff and above get the original bytes, which are
 * the evidence. Below staff (partners, the public), a photo's metadata can expose the witness who
 * took it (GPS position, camera serial, names): a JPEG, PNG or WebP comes without it, and any
 * other image, whose metadata Vigil cannot remove, is withheld. The content's own type decides,
 * so an image declared as something else is still cleaned.
 *
 * @example
 * fileCopyFor({ declared: 'image/jpeg', detected: 'image/jpeg' }, 'partner')
 * // { kind: 'without_metadata', format: 'image/jpeg' }
 */
export function fileCopyFor(
  file: { declared: string; detected: string | null },
  clearance: Sensitivity,
): FileCopy {
  if (receivesOriginalFiles(clearance)) return { kind: 'original' };
  const detected = file.detected ? canonicalMediaType(file.detected) : null;
  const format = METADATA_STRIPPED_TYPES.find((type) => type === detected);
  if (format) return { kind: 'without_metadata', format };
  const declared = canonicalMediaType(file.declared);
  if (detected?.startsWith('image/') || declared.startsWith('image/')) return { kind: 'withheld' };
  return { kind: 'original' };
}

/** What a check of a stored file found. */
export type StoredFileState = 'intact' | 'changed' | 'missing';

/** The deduplication key of the review task about one damaged or missing file. */
export const fileIntegrityTaskKey = (fileId: string) => `file_integrity:${fileId}`;

/**
 * The detail of a `file_integrity` review task: which file, what is wrong, what to do.
 *
 * @example
 * fileDamageDetail('missing', 'photo.jpg') // 'The stored copy of "photo.jpg" is missing. …'
 */
export function fileDamageDetail(state: Exclude<StoredFileState, 'intact'>, filename: string) {
  const what =
    state === 'missing'
      ? 'is missing'
      : 'no longer matches its SHA-256: its bytes were changed or damaged';
  return `The stored copy of "${filename}" ${what}. Nobody can download it until its original bytes are put back (from a backup) or it is uploaded again.`;
}
