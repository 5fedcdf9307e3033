import type { MetadataStrippedImageType } from '@vigil/domain';

/**
 * Removes from a JPEG, PNG or WebP everything but what a viewer needs to draw it: the metadata a
 * camera or an editor adds (EXIF with its GPS position and camera serial, XMP, IPTC, comments,
 * text chunks, embedded thumbnails, anything after the end of the image) can expose the person
 * who took the photo. The pixels are not decoded or re-encoded: segments and chunks are copied
 * or dropped by an allow-list, so what nobody anticipated is dropped too.
 *
 * Written here rather than taken from a package: the small, offline candidates (exif-be-gone)
 * drop only a JPEG's APP1 segments, not its IPTC (APP13) or comments, keep a WebP's XMP and leave
 * its RIFF sizes wrong; the complete ones (sharp, exiftool) need a native or Perl download.
 *
 * Throws {@link ImageMetadataError} when the bytes are not a well-formed image of `format`: a
 * caller must then withhold the file rather than send it with its metadata.
 *
 * @example
 * const clean = stripImageMetadata(photo, 'image/jpeg');
 */
export function stripImageMetadata(
  bytes: Uint8Array,
  format: MetadataStrippedImageType,
): Uint8Array {
  switch (format) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
  }
}

/** The bytes are not a well-formed image of the format they were read as. */
export class ImageMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageMetadataError';
  }
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, prefix: string) => ascii(bytes, 0, prefix.length) === prefix;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ── JPEG ───────────────────────────────────────────────────────────────────────────────────

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;

/** Markers without a length: start of image, restart markers, TEM. */
const standalone = (marker: number) =>
  marker === SOI || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * A segment to keep, as it should be written, or null to drop it. Application segments are
 * kept only when decoding needs them: JFIF (without its thumbnail), the ICC colour profile and
 * Adobe's colour transform. EXIF and XMP (APP1), IPTC (APP13), every other APPn and comments go.
 */
function keptSegment(marker: number, segment: Uint8Array): Uint8Array | null {
  const payload = segment.subarray(4);
  if (marker === APP0) {
    if (!startsWith(payload, 'JFIF\0') || payload.length < 14) return null;
    // JFIF header up to the thumbnail's size, which becomes 0 × 0: a thumbnail can show what a
    // crop removed.
    const jfif = segment.slice(0, 18);
    jfif[2] = 0;
    jfif[3] = 16;
    jfif[16] = 0;
    jfif[17] = 0;
    return jfif;
  }
  if (marker === APP2) return startsWith(payload, 'ICC_PROFILE\0') ? segment : null;
  if (marker === APP14) return startsWith(payload, 'Adobe') ? segment : null;
  if ((marker >= 0xe0 && marker <= 0xef) || marker === COM) return null;
  return segment;
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new ImageMetadataError('not a JPEG');
  const out: Uint8Array[] = [];
  let at = 0;
  let ended = false;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new ImageMetadataError(`JPEG: no marker at byte ${at}`);
    while (bytes[at + 1] === 0xff) at++; // fill bytes before a marker
    const marker = bytes[at + 1];
    if (marker === undefined) throw new ImageMetadataError('JPEG: cut short');
    if (marker === EOI) {
      out.push(bytes.subarray(at, at + 2));
      ended = true;
      break; // anything after the end of the image (a second image, a video) goes
    }
    if (standalone(marker)) {
      out.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new ImageMetadataError('JPEG: cut short');
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length)
      throw new ImageMetadataError(`JPEG: segment at byte ${at} is cut short`);
    const kept = keptSegment(marker, bytes.subarray(at, end));
    if (kept) out.push(kept);
    at = end;
    if (marker === SOS) {
      // Entropy-coded data: a 0xFF in it is followed by 0x00 (a stuffed byte) or a restart
      // marker; any other marker ends it.
      const start = at;
      while (at < bytes.length) {
        if (bytes[at] === 0xff) {
          const next = bytes[at + 1];
          if (next === 0x00 || (next !== undefined && next >= 0xd0 && next <= 0xd7)) {
            at += 2;
            continue;
          }
          break;
        }
        at++;
      }
      out.push(bytes.subarray(start, at));
    }
  }
  if (!ended) throw new ImageMetadataError('JPEG: no end of image');
  return concat(out);
}

// ── PNG ────────────────────────────────────────────────────────────────────────────────────

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Chunks that say how to draw the image (PNG 3rd edition, APNG included). Text (tEXt, zTXt,
 * iTXt, where XMP lives), eXIf, tIME and any private chunk are dropped.
 */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

function stripPng(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new ImageMetadataError('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw new ImageMetadataError('PNG: no IEND chunk');
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw new ImageMetadataError(`PNG: chunk ${type} is cut short`);
    if (PNG_KEPT.has(type)) out.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break; // anything after the end of the image goes
  }
  return concat(out);
}

// ── WebP ───────────────────────────────────────────────────────────────────────────────────

/** Chunks that hold the image, its alpha, animation and colour profile; EXIF and XMP are dropped. */
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(bytes: Uint8Array): Uint8Array {
  if (!startsWith(bytes, 'RIFF') || ascii(bytes, 8, 4) !== 'WEBP')
    throw new ImageMetadataError('not a WebP');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) throw new ImageMetadataError('WebP: cut short');
  const chunks: Uint8Array[] = [];
  let at = 12;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new ImageMetadataError('WebP: cut short');
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) throw new ImageMetadataError(`WebP: chunk ${type} is cut short`);
    if (WEBP_KEPT.has(type)) {
      const chunk = bytes.slice(at, end);
      // The extended header's flags say which chunks follow: EXIF and XMP no longer do.
      if (type === 'VP8X' && size > 0) chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    }
    at = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, 4 + body.length, true);
  return concat([header, body]);
}
