import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENSITIVITIES } from '../sensitivity/sensitivity.ts';
import {
  canonicalMediaType,
  checkDeclaredMediaType,
  fileCopyFor,
  receivesOriginalFiles,
  fileDamageDetail,
  fileIntegrityTaskKey,
  isTextContent,
  isTextMediaType,
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

describe('fileCopyFor', () => {
  const jpeg = { declared: 'image/jpeg', detected: 'image/jpeg' };

  it('gives staff and restricted clearance the original bytes of every file', () => {
    for (const clearance of ['staff', 'restricted'] as const) {
      expect(fileCopyFor(jpeg, clearance)).toEqual({ kind: 'original' });
      expect(fileCopyFor({ declared: 'image/tiff', detected: 'image/tiff' }, clearance)).toEqual({
        kind: 'original',
      });
    }
  });

  it('gives partner and public clearance JPEG, PNG and WebP without metadata', () => {
    for (const clearance of ['public', 'partner'] as const) {
      expect(fileCopyFor(jpeg, clearance)).toEqual({
        kind: 'without_metadata',
        format: 'image/jpeg',
      });
      expect(fileCopyFor({ declared: 'image/webp', detected: 'image/webp' }, clearance)).toEqual({
        kind: 'without_metadata',
        format: 'image/webp',
      });
    }
  });

  it('cleans an image by what its content is, not what it was declared', () => {
    expect(fileCopyFor({ declared: 'text/html', detected: 'image/png' }, 'partner')).toMatchObject({
      kind: 'without_metadata',
      format: 'image/png',
    });
  });

  it('withholds from partners an image whose metadata cannot be removed', () => {
    expect(fileCopyFor({ declared: 'image/tiff', detected: 'image/tiff' }, 'partner')).toEqual({
      kind: 'withheld',
    });
    expect(fileCopyFor({ declared: 'image/heic', detected: null }, 'public')).toEqual({
      kind: 'withheld',
    });
    expect(fileCopyFor({ declared: 'image/jpeg', detected: null }, 'partner')).toEqual({
      kind: 'withheld',
    });
  });

  it('gives partners other files as they are', () => {
    expect(fileCopyFor({ declared: 'text/csv', detected: null }, 'partner')).toEqual({
      kind: 'original',
    });
  });

  it('never gives a caller below staff an image with its metadata (property)', () => {
    const types = fc.constantFrom(
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/tiff',
      'image/gif',
      'text/plain',
      'application/pdf',
    );
    fc.assert(
      fc.property(
        types,
        fc.option(types, { nil: null }),
        fc.constantFrom(...SENSITIVITIES),
        (declared, detected, clearance) => {
          const copy = fileCopyFor({ declared, detected }, clearance);
          const image = declared.startsWith('image/') || !!detected?.startsWith('image/');
          if (clearance === 'public' || clearance === 'partner')
            expect(copy.kind === 'original' && image).toBe(false);
          else expect(copy.kind).toBe('original');
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
