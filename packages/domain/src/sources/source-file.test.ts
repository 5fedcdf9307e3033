import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENSITIVITIES } from '../sensitivity/sensitivity.ts';
import {
  belowStaffCopyOf,
  canonicalMediaType,
  checkDeclaredMediaType,
  fileCopyFor,
  listedFileCopy,
  receivesOriginalFiles,
  fileDamageDetail,
  fileIntegrityTaskKey,
  isTextContent,
  isTextMediaType,
  PLAIN_TEXT_TYPES,
} from './source-file.ts';

const recognizable = new Set(['image/jpeg', 'image/png', 'application/pdf', 'application/xml']);
const binary = { isText: false, recognizable };
const text = { isText: true, recognizable };
const bytes = (...values: number[]) => new Uint8Array(values);

describe('canonicalMediaType', () => {
  it('lower-cases, drops parameters and folds other names of the same type', () => {
    expect(canonicalMediaType('Image/JPG')).toBe('image/jpeg');
    expect(canonicalMediaType('text/plain; charset=utf-8')).toBe('text/plain');
    expect(canonicalMediaType('text/xml')).toBe('application/xml');
  });
});

describe('isTextMediaType', () => {
  it('counts text/*, JSON, XML and their +json/+xml variants as text', () => {
    for (const type of [
      'text/plain',
      'text/csv',
      'text/html',
      'application/json',
      'application/xml',
      'image/svg+xml',
      'application/ld+json',
    ])
      expect(isTextMediaType(type), type).toBe(true);
    for (const type of ['image/jpeg', 'application/pdf', 'application/octet-stream', 'video/mp4'])
      expect(isTextMediaType(type), type).toBe(false);
  });
});

describe('isTextContent', () => {
  it('accepts UTF-8 in any script', () => {
    expect(isTextContent(new TextEncoder().encode('Արման Պետրոսյան, Арман, 1990\n'))).toBe(true);
    expect(isTextContent(bytes())).toBe(true);
  });

  it('refuses a NUL byte, invalid UTF-8 and the start of a JPEG', () => {
    expect(isTextContent(bytes(0x61, 0x00, 0x62))).toBe(false);
    expect(isTextContent(bytes(0xc3, 0x28))).toBe(false);
    expect(isTextContent(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(false);
  });

  it('accepts every string encoded as UTF-8 without NUL (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(isTextContent(new TextEncoder().encode(s.replaceAll('\u0000', '')))).toBe(true);
      }),
    );
  });
});

describe('checkDeclaredMediaType', () => {
  it('accepts content whose magic bytes show the declared type, under any of its names', () => {
    expect(checkDeclaredMediaType('image/jpeg', { ...binary, detected: 'image/jpeg' })).toBeNull();
    expect(checkDeclaredMediaType('image/jpg', { ...binary, detected: 'image/jpeg' })).toBeNull();
    expect(checkDeclaredMediaType('IMAGE/PNG', { ...binary, detected: 'image/png' })).toBeNull();
  });

  it('refuses content of another type, saying what the content is', () => {
    expect(checkDeclaredMediaType('image/jpeg', { ...binary, detected: 'image/png' })).toBe(
      'is image/jpeg, but the content is image/png',
    );
    expect(
      checkDeclaredMediaType('application/octet-stream', {
        ...binary,
        detected: 'application/x-msdownload',
      }),
    ).toBe('is application/octet-stream, but the content is application/x-msdownload');
  });

  it('refuses a recognisable type whose magic bytes are missing', () => {
    expect(checkDeclaredMediaType('application/pdf', { ...binary, detected: null })).toBe(
      'is application/pdf, but the content does not look like application/pdf',
    );
    expect(checkDeclaredMediaType('image/png', { ...text, detected: null })).toBe(
      'is image/png, but the content is text',
    );
  });

  it('accepts a text type only with text content', () => {
    expect(checkDeclaredMediaType('text/csv', { ...text, detected: null })).toBeNull();
    expect(checkDeclaredMediaType('text/xml', { ...text, detected: 'application/xml' })).toBeNull();
    expect(checkDeclaredMediaType('text/plain', { ...binary, detected: 'image/jpeg' })).toBe(
      'is text/plain, a text type, but the content is image/jpeg',
    );
    expect(checkDeclaredMediaType('application/json', { ...binary, detected: null })).toBe(
      'is application/json, a text type, but the content is not text (not UTF-8, or it holds NUL bytes)',
    );
  });

  it('accepts a type no detector recognises when the content is not recognisably another', () => {
    expect(
      checkDeclaredMediaType('application/octet-stream', { ...binary, detected: null }),
    ).toBeNull();
    expect(checkDeclaredMediaType('video/x-unknown', { ...text, detected: null })).toBeNull();
  });
});

describe('belowStaffCopyOf', () => {
  it('cleans JPEG, PNG, WebP and PDF, under any of their names', () => {
    for (const [type, format] of [
      ['image/jpeg', 'image/jpeg'],
      ['image/jpg', 'image/jpeg'],
      ['image/png', 'image/png'],
      ['image/webp', 'image/webp'],
      ['application/pdf', 'application/pdf'],
      ['application/x-pdf', 'application/pdf'],
      ['Application/PDF; version=1.7', 'application/pdf'],
    ])
      expect(belowStaffCopyOf(type!), type).toEqual({ kind: 'without_metadata', format });
  });

  it('gives plain text, CSV, TSV and JSON as they are: they hold nothing a reader does not see', () => {
    for (const type of [
      'text/plain',
      'text/plain; charset=utf-8',
      'text/csv',
      'text/tab-separated-values',
      'application/json',
    ])
      expect(belowStaffCopyOf(type), type).toEqual({ kind: 'original' });
  });

  it('withholds text whose viewers hide part of it: XML, SVG, HTML, RTF, Markdown, vCard, iCalendar', () => {
    for (const type of [
      'application/xml',
      'text/xml',
      'image/svg+xml',
      'application/xhtml+xml',
      'application/rdf+xml',
      'text/html',
      'application/rtf',
      'text/rtf',
      'text/markdown',
      'text/vcard',
      'text/calendar',
      'text/vtt',
      'application/ld+json',
    ])
      expect(belowStaffCopyOf(type), type).toEqual({ kind: 'withheld' });
  });

  it('withholds what Vigil cannot clean: other images, video, audio, office documents, archives, unknown binary', () => {
    for (const type of [
      'image/tiff',
      'image/heic',
      'image/gif',
      'video/mp4',
      'video/quicktime',
      'audio/mpeg',
      'audio/wav',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.oasis.opendocument.text',
      'application/zip',
      'application/x-7z-compressed',
      'application/octet-stream',
      'application/postscript',
      '',
    ])
      expect(belowStaffCopyOf(type), type).toEqual({ kind: 'withheld' });
  });
});

describe('fileCopyFor', () => {
  const jpeg = { declared: 'image/jpeg', detected: 'image/jpeg', isText: false };
  const pdf = { declared: 'application/pdf', detected: 'application/pdf', isText: false };
  const csv = { declared: 'text/csv', detected: null, isText: true };
  const video = { declared: 'video/mp4', detected: 'video/mp4', isText: false };

  it('gives staff and restricted clearance the original bytes of every file', () => {
    for (const clearance of ['staff', 'restricted'] as const)
      for (const file of [
        jpeg,
        pdf,
        csv,
        video,
        { declared: 'image/tiff', detected: 'image/tiff', isText: false },
        { declared: 'application/pdf', detected: null, isText: false },
      ])
        expect(fileCopyFor(file, clearance)).toEqual({ kind: 'original' });
  });

  it('gives partner and public clearance JPEG, PNG, WebP and PDF without metadata', () => {
    for (const clearance of ['public', 'partner'] as const) {
      expect(fileCopyFor(jpeg, clearance)).toEqual({
        kind: 'without_metadata',
        format: 'image/jpeg',
      });
      expect(
        fileCopyFor({ declared: 'image/webp', detected: 'image/webp', isText: false }, clearance),
      ).toEqual({ kind: 'without_metadata', format: 'image/webp' });
      expect(fileCopyFor(pdf, clearance)).toEqual({
        kind: 'without_metadata',
        format: 'application/pdf',
      });
    }
  });

  it('cleans a file by what its content is, not what it was declared', () => {
    expect(
      fileCopyFor({ declared: 'text/html', detected: 'image/png', isText: false }, 'partner'),
    ).toEqual({ kind: 'without_metadata', format: 'image/png' });
    expect(
      fileCopyFor(
        { declared: 'application/octet-stream', detected: 'application/pdf', isText: false },
        'partner',
      ),
    ).toEqual({ kind: 'without_metadata', format: 'application/pdf' });
  });

  it('withholds from partners a file whose metadata cannot be removed, whatever it was declared', () => {
    for (const file of [
      { declared: 'image/tiff', detected: 'image/tiff', isText: false },
      { declared: 'image/heic', detected: null, isText: false },
      video,
      { declared: 'text/plain', detected: 'video/mp4', isText: false },
      { declared: 'text/plain', detected: 'application/xml', isText: true },
      { declared: 'application/octet-stream', detected: null, isText: false },
    ])
      expect(fileCopyFor(file, 'partner'), file.declared).toEqual({ kind: 'withheld' });
  });

  it('withholds a photo or PDF whose bytes are not one, as they cannot be cleaned', () => {
    expect(
      fileCopyFor({ declared: 'image/jpeg', detected: null, isText: false }, 'partner'),
    ).toEqual({ kind: 'withheld' });
    expect(
      fileCopyFor({ declared: 'application/pdf', detected: null, isText: true }, 'public'),
    ).toEqual({ kind: 'withheld' });
  });

  it('gives partners plain text as it is, but only when the content is text', () => {
    expect(fileCopyFor(csv, 'partner')).toEqual({ kind: 'original' });
    expect(fileCopyFor({ ...csv, isText: false }, 'partner')).toEqual({ kind: 'withheld' });
  });

  it('never gives a caller below staff a file as stored unless it is plain text (property)', () => {
    const types = fc.constantFrom(
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/tiff',
      'image/gif',
      'text/plain',
      'text/csv',
      'application/json',
      'application/xml',
      'text/html',
      'application/pdf',
      'video/mp4',
      'audio/mpeg',
      'application/zip',
      'application/octet-stream',
    );
    fc.assert(
      fc.property(
        types,
        fc.option(types, { nil: null }),
        fc.boolean(),
        fc.constantFrom(...SENSITIVITIES),
        (declared, detected, isText, clearance) => {
          const copy = fileCopyFor({ declared, detected, isText }, clearance);
          if (receivesOriginalFiles(clearance)) {
            expect(copy.kind).toBe('original');
            return;
          }
          const content = detected ?? declared;
          if (copy.kind === 'original') {
            expect(PLAIN_TEXT_TYPES).toContain(content);
            expect(detected === null && !isText).toBe(false);
          }
          if (copy.kind === 'without_metadata') expect(copy.format).toBe(content);
          if (content.startsWith('image/') || content === 'application/pdf')
            expect(copy.kind).not.toBe('original');
        },
      ),
    );
  });
});

describe('receivesOriginalFiles', () => {
  it('gives staff and restricted clearance the files as stored, and nobody below', () => {
    expect(SENSITIVITIES.filter(receivesOriginalFiles)).toEqual(['staff', 'restricted']);
  });
});

describe('file integrity tasks', () => {
  it('opens one task per file, saying what is wrong', () => {
    expect(fileIntegrityTaskKey('f1')).toBe('file_integrity:f1');
    expect(fileDamageDetail('missing', 'photo.jpg')).toMatch(
      /^The stored copy of "photo.jpg" is missing\./,
    );
    expect(fileDamageDetail('changed', 'photo.jpg')).toMatch(/no longer matches its SHA-256/);
  });
});

describe('listedFileCopy', () => {
  it('tells a source page which files the caller may download, and in which form', () => {
    expect(listedFileCopy('video/mp4', 'partner')).toBe('withheld');
    expect(listedFileCopy('application/pdf', 'public')).toBe('without_metadata');
    expect(listedFileCopy('text/csv', 'partner')).toBe('original');
    for (const type of ['video/mp4', 'application/pdf', 'image/tiff'])
      expect(listedFileCopy(type, 'staff')).toBe('original');
  });
});
