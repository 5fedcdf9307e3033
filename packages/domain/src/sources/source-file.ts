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

/** Photos whose metadata (EXIF, XMP, IPTC, text chunks) Vigil can remove. */
export const METADATA_STRIPPED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MetadataStrippedImageType = (typeof METADATA_STRIPPED_IMAGE_TYPES)[number];

/**
 * Types whose metadata Vigil can remove: the photos, and PDF (its Info dictionary, XMP streams,
 * attachments, and the EXIF of the JPEG photos inside it).
 */
export const METADATA_STRIPPED_TYPES = [
  ...METADATA_STRIPPED_IMAGE_TYPES,
  'application/pdf',
] as const;
export type MetadataStrippedType = (typeof METADATA_STRIPPED_TYPES)[number];

/**
 * Text types that hold nothing but what a reader sees when they open them, so they reach a reader
 * cleared below staff as stored. No program adds hidden metadata to plain text, CSV, TSV or
 * JSON, and whatever they hold shows when they are opened: the staff member who shares one has
 * read everything a partner will.
 *
 * XML is not among them, nor are HTML, SVG, RTF, Markdown, vCard, iCalendar or WebVTT, though
 * they are text too: their viewers hide part of what they hold (comments, `<meta>` and
 * `<metadata>` elements, an RTF `\info` group with its author, a vCard's photo with its EXIF, an
 * editor's attributes with the path and user name it was saved under, images inlined as base64),
 * so a staff member who looked at the rendered file has not seen all a partner would get. XMP
 * itself is XML. Vigil does not rewrite them, so they are withheld below staff.
 */
export const PLAIN_TEXT_TYPES = [
  'text/plain',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
] as const;

/** Which copy of a stored file a caller gets. */
export type FileCopy =
  | { kind: 'original' }
  | { kind: 'without_metadata'; format: MetadataStrippedType }
  | { kind: 'withheld' };

/**
 * Whether a caller gets files as stored; below staff clearance, files come without their
 * metadata, or not at all (see {@link fileCopyFor}).
 */
export function receivesOriginalFiles(clearance: Sensitivity): boolean {
  return isCleared(clearance, 'staff');
}

/**
 * The copy of a file of `mediaType` that a reader cleared below staff (a partner, the public, a
 * partner's API key) may receive, by the type alone:
 * - `original` — plain text, CSV, TSV and JSON ({@link PLAIN_TEXT_TYPES}): nothing hidden;
 * - `without_metadata` — JPEG, PNG, WebP and PDF ({@link METADATA_STRIPPED_TYPES}), cleaned;
 * - `withheld` — every other type: other images, video, audio, office documents, archives, XML,
 *   HTML and unknown binary (`application/octet-stream`). Their metadata (a video's GPS track, a
 *   document's author and revision history, an archive's file names and owners) can expose a
 *   witness and Vigil cannot remove it, so only staff may download them.
 *
 * A file's content decides in the end: see {@link fileCopyFor}.
 *
 * @example
 * belowStaffCopyOf('application/pdf') // { kind: 'without_metadata', format: 'application/pdf' }
 * belowStaffCopyOf('text/csv; charset=utf-8') // { kind: 'original' }
 * belowStaffCopyOf('video/mp4') // { kind: 'withheld' }
 */
export function belowStaffCopyOf(mediaType: string): FileCopy {
  const type = canonicalMediaType(mediaType);
  const format = METADATA_STRIPPED_TYPES.find((stripped) => stripped === type);
  if (format) return { kind: 'without_metadata', format };
  if (PLAIN_TEXT_TYPES.some((plain) => plain === type)) return { kind: 'original' };
  return { kind: 'withheld' };
}

/**
 * The copy of a stored file a caller would get, as a source's list of files says it before
 * anyone asks for the file: by its stored type, which the upload checked against its content
 * (the download decides again by the content itself, {@link fileCopyFor}).
 *
 * @example
 * listedFileCopy('video/mp4', 'partner') // 'withheld'
 * listedFileCopy('video/mp4', 'staff') // 'original'
 */
export function listedFileCopy(mediaType: string, clearance: Sensitivity): FileCopy['kind'] {
  return receivesOriginalFiles(clearance) ? 'original' : belowStaffCopyOf(mediaType).kind;
}

/** A stored file as a reader's copy is chosen for it: its declared type and what its bytes are. */
export interface FileContent {
  /** The media type the file was stored under. */
  declared: string;
  /** The media type its magic bytes show, or null when they show none. */
  detected: string | null;
  /** Whether its bytes are text (see {@link isTextContent}). */
  isText: boolean;
}

/**
 * Which copy of a file a caller may download. Staff and above get the original bytes, which are
 * the evidence. Below staff, metadata can expose the witness who made a file (GPS position,
 * camera serial, author): the copy is {@link belowStaffCopyOf} the type the content shows, so an
 * image or a PDF declared as something else is still cleaned, and a video declared as text is
 * still withheld. Content with no magic bytes gets the declared type's copy only when that is a
 * plain text type and the content is text; a file declared as a photo or a PDF whose bytes are
 * not one cannot be cleaned, and is withheld.
 *
 * @example
 * fileCopyFor({ declared: 'image/jpeg', detected: 'image/jpeg', isText: false }, 'partner')
 * // { kind: 'without_metadata', format: 'image/jpeg' }
 */
export function fileCopyFor(file: FileContent, clearance: Sensitivity): FileCopy {
  if (receivesOriginalFiles(clearance)) return { kind: 'original' };
  if (file.detected) return belowStaffCopyOf(file.detected);
  const copy = belowStaffCopyOf(file.declared);
  return copy.kind === 'original' && file.isText ? copy : { kind: 'withheld' };
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
