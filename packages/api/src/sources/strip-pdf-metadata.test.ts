import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  contains,
  GPS_LATITUDE,
  GPS_LONGITUDE,
  JPEG,
  JPEG_WITH_METADATA,
  text,
  WITNESS,
} from './strip-image-metadata.fixtures.ts';
import {
  encryptedPdf,
  everythingIn,
  imagesIn,
  PAGE_TEXT,
  PDF_TRACES,
  pdfWithBrokenJpeg,
  pdfWithImage,
  pdfWithMetadata,
  shownText,
} from './strip-pdf-metadata.fixtures.ts';
import { PdfMetadataError, stripPdfMetadata } from './strip-pdf-metadata.ts';

describe.each([
  { saved: 'with object streams', useObjectStreams: true },
  { saved: 'with a plain cross-reference table', useObjectStreams: false },
])('stripPdfMetadata: a PDF saved $saved', ({ useObjectStreams }) => {
  it('starts with the witness named in its metadata, compressed where object streams hide it', async () => {
    const original = await pdfWithMetadata({ useObjectStreams });
    const everything = await everythingIn(original);
    for (const trace of PDF_TRACES) expect(contains(everything, trace), trace).toBe(true);
    expect(contains(everything, GPS_LATITUDE)).toBe(true);
    if (useObjectStreams) expect(contains(original, `${WITNESS}, an earlier revision`)).toBe(false);
  });

  it('removes the document information, XMP, private data, attachments, comment authors, signatures and the photos’ EXIF, from every stream too', async () => {
    const cleaned = await stripPdfMetadata(await pdfWithMetadata({ useObjectStreams }));
    const everything = await everythingIn(cleaned);
    for (const trace of PDF_TRACES) expect(contains(everything, trace), trace).toBe(false);
    for (const key of [
      '/Metadata',
      '/PieceInfo',
      '/EmbeddedFiles',
      '/EF',
      '/Thumb',
      '/Info',
      '/XFA',
    ])
      expect(contains(everything, `${key}`), key).toBe(false);
    expect(contains(everything, GPS_LATITUDE)).toBe(false);
    expect(contains(everything, GPS_LONGITUDE)).toBe(false);
    expect(contains(everything, 'pdf-lib')).toBe(false);
  });

  it('keeps the pages, what they show and the photos’ image data byte for byte', async () => {
    const cleaned = await stripPdfMetadata(await pdfWithMetadata({ useObjectStreams }));
    const pdf = await PDFDocument.load(cleaned, {
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 200, height: 200 });
    const everything = await everythingIn(cleaned);
    for (const shown of PAGE_TEXT) expect(contains(everything, shownText(shown)), shown).toBe(true);
    expect(contains(everything, 'Checked against the list')).toBe(true);
    const images = await imagesIn(cleaned);
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.dict.lookup(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
      expect(Buffer.from(image.contents).equals(JPEG)).toBe(true);
    }
  });

  it('writes no document information or identifier at all, and no date or producer of its own', async () => {
    const cleaned = await stripPdfMetadata(await pdfWithMetadata({ useObjectStreams }));
    const pdf = await PDFDocument.load(cleaned, { updateMetadata: false });
    expect(pdf.context.trailerInfo.Info).toBeUndefined();
    expect(pdf.context.trailerInfo.ID).toBeUndefined();
    expect(pdf.getProducer()).toBeUndefined();
    expect(pdf.getCreationDate()).toBeUndefined();
    expect(Buffer.from(cleaned).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });
});

describe('stripPdfMetadata: PDFs it cannot clean, to be withheld', () => {
  it('refuses an encrypted PDF, whose metadata it cannot read, with object streams or without', async () => {
    for (const useObjectStreams of [false, true]) {
      const encrypted = stripPdfMetadata(await encryptedPdf({ useObjectStreams }));
      await expect(encrypted).rejects.toThrow(PdfMetadataError);
      await expect(encrypted).rejects.toThrow('the PDF is encrypted');
    }
  });

  it('refuses bytes that are not a whole PDF', async () => {
    const whole = await pdfWithMetadata({ useObjectStreams: false });
    for (const broken of [
      text(`%PDF-1.7\n${'garbage '.repeat(40)}`),
      text('not a PDF at all'),
      whole.subarray(0, 300),
      JPEG,
    ])
      await expect(stripPdfMetadata(broken)).rejects.toThrow(/^the PDF could not be read/);
  });

  it('cleans a JPEG under the abbreviated DCT filter, and refuses one under filters no producer writes', async () => {
    const abbreviated = await stripPdfMetadata(await pdfWithImage(JPEG_WITH_METADATA, 'DCT'));
    const [image] = await imagesIn(abbreviated);
    expect(image?.dict.lookup(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
    expect(Buffer.from(image!.contents).equals(JPEG)).toBe(true);
    const hex = text(JPEG_WITH_METADATA.toString('hex'));
    await expect(
      stripPdfMetadata(await pdfWithImage(hex, ['ASCIIHexDecode', 'DCTDecode'])),
    ).rejects.toThrow('the PDF has a photo encoded in a way Vigil cannot clean');
  });

  it('refuses a PDF whose photo is not a well-formed JPEG', async () => {
    await expect(stripPdfMetadata(await pdfWithBrokenJpeg())).rejects.toThrow(
      'the PDF has a photo that is not a well-formed JPEG',
    );
  });
});
