/**
 * Images for tests of metadata removal: real 8 × 8 images, and a JPEG as a phone might save it,
 * its EXIF carrying the witness's name and GPS position, built byte by byte. Test-only.
 */
// 8 × 8 images as Chromium's encoders wrote them (canvas.toDataURL): JFIF + ICC profile + the
// image for the JPEG, IHDR/IDAT/IEND for the PNG, VP8X + ICCP + VP8 for the WebP. No metadata.
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAdEQACAQUBAQAAAAAAAAAAAAABAwQAAhExQSHx/9oADAMBAAIRAxEAPwCWADyJDJLC1pzcfnKp8WKqIoIQMWjQ9Ozntf/Z',
  'base64',
);
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAYAAADED76LAAAANElEQVR4AayNsQ0AQAgCjSux0/9M7qQzaUtobCS5goRwjpfNJNCM25KDQdQ3Ro0HCr3UPgAAAP//8OOtwwAAAAZJREFUAwBBUxmZ6eNGJwAAAABJRU5ErkJggg==',
  'base64',
);
export const WEBP = Buffer.from(
  'UklGRjICAABXRUJQVlA4WAoAAAAgAAAABwAABwAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggRAAAANABAJ0BKggACAABQCYlsAJ0ugCGAAcgAP7u/5X5CU2pR/8rty6anFufpQf/Pf/75rzrn/0Xcf8Mfj/7Bx/2Dj90wAAA',
  'base64',
);

/** Who took the photo: must never reach a partner. */
export const WITNESS = 'Witness Anna Petrosyan';

export const text = (s: string) => Buffer.from(s, 'latin1');
/** Whether `needle` occurs anywhere in `bytes`. */
export const contains = (bytes: Uint8Array, needle: string | Uint8Array) =>
  Buffer.from(bytes).includes(typeof needle === 'string' ? text(needle) : Buffer.from(needle));

export function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
export function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** One IFD entry: tag, type, count and a 4-byte value or offset (big-endian TIFF). */
const ifdEntry = (tag: number, type: number, count: number, value: Buffer) =>
  Buffer.concat([
    u16(tag),
    u16(type),
    u32(count),
    Buffer.concat([value, Buffer.alloc(4)]).subarray(0, 4),
  ]);
const rationals = (...pairs: [number, number][]) =>
  Buffer.concat(pairs.flatMap(([n, d]) => [u32(n), u32(d)]));

const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;

/** Latitude 40°10'30.12" N, longitude 44°30'50" E: where the photo was taken. */
export const GPS_LATITUDE = rationals([40, 1], [10, 1], [3012, 100]);
export const GPS_LONGITUDE = rationals([44, 1], [30, 1], [5000, 100]);

/**
 * A TIFF structure as cameras write in EXIF: IFD0 with the artist's name and a pointer to a GPS
 * IFD holding latitude and longitude with their references.
 */
export function exifTiff(): Buffer {
  const artist = Buffer.concat([text(WITNESS), Buffer.alloc(1)]); // 23 bytes
  const ifd0At = 8;
  const artistAt = ifd0At + 2 + 2 * 12 + 4; // 38
  const gpsAt = artistAt + artist.length + 1; // 62, even
  const latitudeAt = gpsAt + 2 + 4 * 12 + 4; // 116
  const longitudeAt = latitudeAt + GPS_LATITUDE.length;
  return Buffer.concat([
    text('MM'),
    u16(42),
    u32(ifd0At),
    u16(2),
    ifdEntry(0x013b, ASCII, artist.length, u32(artistAt)),
    ifdEntry(0x8825, LONG, 1, u32(gpsAt)),
    u32(0),
    artist,
    Buffer.alloc(1),
    u16(4),
    ifdEntry(0x0001, ASCII, 2, text('N\0')),
    ifdEntry(0x0002, RATIONAL, 3, u32(latitudeAt)),
    ifdEntry(0x0003, ASCII, 2, text('E\0')),
    ifdEntry(0x0004, RATIONAL, 3, u32(longitudeAt)),
    u32(0),
    GPS_LATITUDE,
    GPS_LONGITUDE,
  ]);
}

export const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" exif:GPSLatitude="40,10.502N" exif:GPSLongitude="44,30.833E" dc:creator="${WITNESS}"/></rdf:RDF></x:xmpmeta>`;

// ── JPEG segments ───────────────────────────────────────────────────────────────────────────────────

export const segment = (marker: number, payload: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);

export const EXIF_APP1 = segment(0xe1, Buffer.concat([text('Exif\0\0'), exifTiff()]));
export const XMP_APP1 = segment(
  0xe1,
  Buffer.concat([text('http://ns.adobe.com/xap/1.0/\0'), text(XMP)]),
);
/** Photoshop's image resources with an IPTC record whose By-line (2:80) names the witness. */
export const IPTC_APP13 = segment(
  0xed,
  Buffer.concat([
    text('Photoshop 3.0\0'),
    text('8BIM'),
    u16(0x0404),
    Buffer.alloc(2),
    u32(5 + WITNESS.length),
    Buffer.from([0x1c, 0x02, 0x50]),
    u16(WITNESS.length),
    text(WITNESS),
    Buffer.alloc(WITNESS.length % 2 ? 0 : 1),
  ]),
);
export const COMMENT = segment(0xfe, text(`Taken by ${WITNESS}`));

/** Where the first segment after the JFIF header starts in {@link JPEG}. */
export const AFTER_JFIF = 2 + 2 + JPEG.readUInt16BE(4);

/** {@link JPEG} as a phone might save it: EXIF with GPS first, then XMP, IPTC, a comment, and a trailer. */
export const JPEG_WITH_METADATA = Buffer.concat([
  JPEG.subarray(0, 2),
  EXIF_APP1,
  JPEG.subarray(2, AFTER_JFIF),
  XMP_APP1,
  IPTC_APP13,
  COMMENT,
  JPEG.subarray(AFTER_JFIF),
  text(`motion photo trailer by ${WITNESS}`),
]);
