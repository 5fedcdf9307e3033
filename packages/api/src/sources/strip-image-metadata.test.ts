import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  AFTER_JFIF,
  COMMENT,
  contains,
  EXIF_APP1,
  exifTiff,
  GPS_LATITUDE,
  GPS_LONGITUDE,
  JPEG,
  JPEG_WITH_METADATA,
  PNG,
  segment,
  text,
  u32,
  WEBP,
  WITNESS,
  XMP,
} from './strip-image-metadata.fixtures.ts';
import { ImageMetadataError, stripImageMetadata } from './strip-image-metadata.ts';

describe('stripImageMetadata: JPEG', () => {
  it('removes EXIF with its GPS position, XMP, IPTC, comments and a trailer, and keeps the image byte for byte', () => {
    expect(contains(JPEG_WITH_METADATA, GPS_LATITUDE)).toBe(true);
    expect(contains(JPEG_WITH_METADATA, 'Exif\0\0')).toBe(true);
    const stripped = stripImageMetadata(JPEG_WITH_METADATA, 'image/jpeg');
    expect(Buffer.from(stripped).equals(JPEG)).toBe(true);
    for (const trace of [
      'Exif',
      'http://ns.adobe.com/xap',
      'Photoshop',
      '8BIM',
      WITNESS,
      'Petrosyan',
    ])
      expect(contains(stripped, trace), trace).toBe(false);
    expect(contains(stripped, GPS_LATITUDE)).toBe(false);
    expect(contains(stripped, GPS_LONGITUDE)).toBe(false);
  });

  it('keeps what decoding needs: the JFIF header, the ICC colour profile, the tables and the scan', () => {
    const stripped = Buffer.from(stripImageMetadata(JPEG, 'image/jpeg'));
    expect(stripped.equals(JPEG)).toBe(true);
    expect(stripped.includes(text('ICC_PROFILE'))).toBe(true);
  });

  it('drops the thumbnail a JFIF header carries, which can show what a crop removed', () => {
    const jfifWithThumbnail = segment(
      0xe0,
      Buffer.concat([
        text('JFIF\0'),
        Buffer.from([1, 1, 0, 0, 1, 0, 1, 1, 1]),
        Buffer.from([255, 0, 0]),
      ]),
    );
    const photo = Buffer.concat([
      JPEG.subarray(0, 2),
      jfifWithThumbnail,
      JPEG.subarray(AFTER_JFIF),
    ]);
    const stripped = Buffer.from(stripImageMetadata(photo, 'image/jpeg'));
    expect(stripped.subarray(2, 20)).toEqual(
      segment(0xe0, Buffer.concat([text('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    );
    expect(stripped.subarray(20).equals(JPEG.subarray(AFTER_JFIF))).toBe(true);
  });

  it('finds segments between the scans of a progressive JPEG, past stuffed bytes and restart markers', () => {
    const scanHeader = segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
    const scanData = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56]);
    const table = segment(0xc4, Buffer.from([0, ...Array<number>(16).fill(0)]));
    const image = (between: Buffer[]) =>
      Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        scanHeader,
        scanData,
        ...between,
        table,
        scanHeader,
        scanData,
        Buffer.from([0xff, 0xd9]),
      ]);
    const stripped = stripImageMetadata(image([EXIF_APP1, COMMENT]), 'image/jpeg');
    expect(Buffer.from(stripped).equals(image([]))).toBe(true);
  });

  it('refuses bytes that are not a whole JPEG, so that they are withheld rather than sent', () => {
    expect(() => stripImageMetadata(PNG, 'image/jpeg')).toThrow(ImageMetadataError);
    expect(() => stripImageMetadata(JPEG_WITH_METADATA.subarray(0, 40), 'image/jpeg')).toThrow(
      ImageMetadataError,
    );
    expect(() => stripImageMetadata(JPEG.subarray(0, JPEG.length - 2), 'image/jpeg')).toThrow(
      /no end of image/,
    );
  });
});

// ── PNG ────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const pngChunk = (type: string, data: Buffer) =>
  Buffer.concat([
    u32(data.length),
    text(type),
    data,
    u32(crc32(Buffer.concat([text(type), data]))),
  ]);

/** Where the chunk after IHDR starts in {@link PNG}. */
const AFTER_IHDR = 8 + 12 + PNG.readUInt32BE(8);

describe('stripImageMetadata: PNG', () => {
  it('removes eXIf, tEXt, zTXt, iTXt (XMP), tIME and a trailer, and keeps the image byte for byte', () => {
    const withMetadata = Buffer.concat([
      PNG.subarray(0, AFTER_IHDR),
      pngChunk('eXIf', exifTiff()),
      pngChunk('tEXt', text(`Author\0${WITNESS}`)),
      pngChunk(
        'zTXt',
        Buffer.concat([text('Comment\0\0'), deflateSync(text(`near Shushi, ${WITNESS}`))]),
      ),
      pngChunk('iTXt', Buffer.concat([text('XML:com.adobe.xmp\0\0\0\0\0'), text(XMP)])),
      pngChunk('tIME', Buffer.from([7, 234, 11, 29, 12, 0, 0])),
      pngChunk('prVt', text(WITNESS)),
      PNG.subarray(AFTER_IHDR),
      text(WITNESS),
    ]);
    expect(contains(withMetadata, GPS_LATITUDE)).toBe(true);
    const stripped = stripImageMetadata(withMetadata, 'image/png');
    expect(Buffer.from(stripped).equals(PNG)).toBe(true);
    expect(contains(stripped, WITNESS)).toBe(false);
    expect(contains(stripped, GPS_LATITUDE)).toBe(false);
  });

  it('refuses bytes that are not a whole PNG', () => {
    expect(() => stripImageMetadata(JPEG, 'image/png')).toThrow(ImageMetadataError);
    expect(() => stripImageMetadata(PNG.subarray(0, PNG.length - 12), 'image/png')).toThrow(
      /no IEND/,
    );
    expect(() => stripImageMetadata(PNG.subarray(0, 50), 'image/png')).toThrow(/cut short/);
  });
});

// ── WebP ───────────────────────────────────────────────────────────────────────────────────

function riffChunk(type: string, data: Buffer) {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([text(type), size, data, Buffer.alloc(data.length % 2)]);
}
function riff(chunks: Buffer) {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunks.length);
  return Buffer.concat([text('RIFF'), size, text('WEBP'), chunks]);
}

describe('stripImageMetadata: WebP', () => {
  it('removes the EXIF and XMP chunks, clears their flags and fixes the RIFF size, keeping the image byte for byte', () => {
    const chunks = Buffer.from(WEBP.subarray(12));
    expect(chunks.subarray(0, 4).toString('latin1')).toBe('VP8X');
    chunks[8] = chunks[8]! | 0x08 | 0x04; // EXIF and XMP present
    const withMetadata = riff(
      Buffer.concat([
        chunks,
        riffChunk('EXIF', exifTiff()),
        riffChunk('XMP ', text(`${XMP} `)), // an odd size, padded
      ]),
    );
    expect(contains(withMetadata, GPS_LATITUDE)).toBe(true);
    const stripped = stripImageMetadata(withMetadata, 'image/webp');
    expect(Buffer.from(stripped).equals(WEBP)).toBe(true);
    expect(contains(stripped, WITNESS)).toBe(false);
  });

  it('refuses bytes that are not a whole WebP', () => {
    expect(() => stripImageMetadata(PNG, 'image/webp')).toThrow(ImageMetadataError);
    expect(() => stripImageMetadata(WEBP.subarray(0, 100), 'image/webp')).toThrow(/cut short/);
  });
});
