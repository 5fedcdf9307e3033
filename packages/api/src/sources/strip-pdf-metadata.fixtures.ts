/**
 * PDFs for tests of metadata removal, built with pdf-lib: a witness's statement as a scanner app
 * or an editor might save it, its metadata naming the witness wherever a PDF keeps metadata, and
 * a way to read everything a PDF holds, compressed or not. Test-only; the witness is fictional.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import {
  concatTransformationMatrix,
  decodePDFRawStream,
  drawObject,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  type PDFObject,
} from 'pdf-lib';
import { JPEG_WITH_METADATA, text, WITNESS, XMP } from './strip-image-metadata.fixtures.ts';

/** The serial number of the witness's phone, which its scanner app writes as the Creator. */
export const PHONE_SERIAL = 'SN-35-209900-176148-1';

/**
 * What must never reach a partner from {@link pdfWithMetadata}: the witness's name, the phone's
 * serial, the place in the subject, the names of the attached files, XMP and EXIF themselves.
 */
export const PDF_TRACES = [
  WITNESS,
  'Petrosyan',
  PHONE_SERIAL,
  'Shushi',
  'contacts.txt',
  'recording.m4a',
  'xmpmeta',
  'Exif',
  'Adobe.PPKLite',
];

/** Text the statement's pages show, which a cleaned copy keeps. */
export const PAGE_TEXT = ['Statement, page 1', 'Statement, page 2'];

/** How pdf-lib writes `text` in a page's content stream: a hex string shown with `Tj`. */
export const shownText = (text: string) =>
  `<${Buffer.from(text, 'latin1').toString('hex').toUpperCase()}> Tj`;

/**
 * A two-page statement: document information (standard and custom keys) naming the witness;
 * XMP on the catalog, a page and a photo; the witness's phone photo (a JPEG with EXIF and GPS)
 * on page 1, and again Flate-compressed on page 2 (`[/FlateDecode /DCTDecode]`); an Illustrator
 * `PieceInfo`; an attached file, a file attachment annotation, a comment signed by the witness,
 * a page thumbnail, a digital signature and an XFA packet; and an object nothing refers to any more, as an
 * earlier revision leaves behind. `useObjectStreams` (pdf-lib's default) hides most of it in
 * compressed object streams.
 */
export async function pdfWithMetadata(
  options: { useObjectStreams?: boolean } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const { context } = pdf;
  pdf.setTitle(`Statement of ${WITNESS}`);
  pdf.setAuthor(WITNESS);
  pdf.setSubject('Detention near Shushi');
  pdf.setKeywords(['Petrosyan', 'Shushi']);
  pdf.setCreator(`Scanner app on phone ${PHONE_SERIAL}`);
  pdf.setProducer(`PDF kit ${PHONE_SERIAL}`);
  pdf.setCreationDate(new Date('2023-09-20T08:15:00Z'));
  pdf.setModificationDate(new Date('2023-09-21T10:00:00Z'));
  context
    .lookup(context.trailerInfo.Info, PDFDict)
    .set(PDFName.of('Witness'), PDFString.of(`${WITNESS}, phone ${PHONE_SERIAL}`));
  const xmp = () => context.register(context.stream(XMP, { Type: 'Metadata', Subtype: 'XML' }));
  pdf.catalog.set(PDFName.of('Metadata'), xmp());

  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const photo = await pdf.embedJpg(new Uint8Array(JPEG_WITH_METADATA));
  await photo.embed();
  context.lookup(photo.ref, PDFStream).dict.set(PDFName.of('Metadata'), xmp());

  const first = pdf.addPage([200, 200]);
  first.drawText(PAGE_TEXT[0]!, { font, x: 10, y: 180, size: 10 });
  first.drawImage(photo, { x: 10, y: 10, width: 80, height: 80 });
  first.node.set(PDFName.of('Metadata'), xmp());
  first.node.set(
    PDFName.of('PieceInfo'),
    context.obj({
      Illustrator: {
        LastModified: PDFString.of('D:20230921100000Z'),
        Private: context.register(context.flateStream(`Artboard by ${WITNESS}`)),
      },
    }),
  );
  first.node.set(PDFName.of('LastModified'), PDFString.of('D:20230921100000Z'));

  const second = pdf.addPage([200, 200]);
  second.drawText(PAGE_TEXT[1]!, { font, x: 10, y: 180, size: 10 });
  const compressedPhoto = context.register(
    context.stream(deflateSync(JPEG_WITH_METADATA), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 8,
      Height: 8,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: ['FlateDecode', 'DCTDecode'],
    }),
  );
  second.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(80, 0, 0, 80, 10, 10),
    drawObject(second.node.newXObject('Im', compressedPhoto)),
    popGraphicsState(),
  );
  second.node.set(
    PDFName.of('Thumb'),
    context.register(context.flateStream(`thumbnail before ${WITNESS} was cropped out`)),
  );

  await pdf.attach(text(`Contacts of ${WITNESS}`), 'contacts.txt', {
    mimeType: 'text/plain',
    description: `Phone book of ${WITNESS}`,
  });
  const attachment = context.obj({
    Type: 'Annot',
    Subtype: 'FileAttachment',
    Rect: [100, 100, 120, 120],
    T: PDFString.of(WITNESS),
    Contents: PDFString.of('A recording'),
    FS: {
      Type: 'Filespec',
      F: PDFString.of('recording.m4a'),
      EF: { F: context.register(context.flateStream(`voice of ${WITNESS}`)) },
    },
  });
  const comment = context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [150, 150, 170, 170],
    T: PDFHexString.fromText(WITNESS),
    Contents: PDFString.of('Checked against the list'),
    M: PDFString.of('D:20230921100000Z'),
  });
  first.node.set(
    PDFName.of('Annots'),
    context.obj([context.register(attachment), context.register(comment)]),
  );
  const signature = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of('Signature1'),
      Rect: [0, 0, 0, 0],
      P: second.ref,
      V: context.register(
        context.obj({
          Type: 'Sig',
          Filter: 'Adobe.PPKLite',
          SubFilter: 'adbe.pkcs7.detached',
          Name: PDFString.of(WITNESS),
          Location: PDFString.of('Shushi'),
          ByteRange: [0, 0, 0, 0],
          Contents: PDFHexString.of(Buffer.from(`certificate of ${WITNESS}`).toString('hex')),
        }),
      ),
    }),
  );
  second.node.set(PDFName.of('Annots'), context.obj([signature]));
  pdf.catalog.set(
    PDFName.of('AcroForm'),
    context.obj({
      Fields: [signature],
      SigFlags: 3,
      XFA: context.register(context.flateStream(`<xdp:xdp>${XMP}</xdp:xdp>`)),
    }),
  );
  context.register(context.obj({ Author: PDFString.of(`${WITNESS}, an earlier revision`) }));

  return pdf.save({ useObjectStreams: options.useObjectStreams ?? true });
}

/**
 * A PDF whose trailer says it is encrypted (RC4, 40 bits), as a password-protected one does.
 * With `useObjectStreams`, its object streams are scrambled as a cipher leaves them, so that
 * nothing in them (the Encrypt dictionary included) can be parsed.
 */
export async function encryptedPdf(
  options: { useObjectStreams?: boolean } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.addPage([200, 200]);
  pdf.setAuthor(WITNESS);
  const { context } = pdf;
  context.trailerInfo.Encrypt = context.register(
    context.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      O: PDFHexString.of('00'.repeat(32)),
      U: PDFHexString.of('00'.repeat(32)),
      P: -44,
    }),
  );
  const bytes = Buffer.from(
    await pdf.save({ useObjectStreams: options.useObjectStreams ?? false }),
  );
  for (const match of bytes.toString('latin1').matchAll(/\/Type \/ObjStm[^]*?stream\n/g)) {
    const start = match.index + match[0].length;
    const end = bytes.indexOf('\nendstream', start, 'latin1');
    for (let at = start; at < end; at++) bytes[at] = bytes[at]! ^ 0x5a;
  }
  return bytes;
}

/** A one-page PDF with one image: `bytes` under `filter` (a JPEG is `DCTDecode`). */
export async function pdfWithImage(bytes: Uint8Array, filter: string | string[]) {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([200, 200]);
  const image = pdf.context.register(
    pdf.context.stream(bytes, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 8,
      Height: 8,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: filter,
    }),
  );
  page.node.newXObject('Im', image);
  return pdf.save({ useObjectStreams: false });
}

/** A PDF whose single image says it is a JPEG (`DCTDecode`) but is one cut short. */
export const pdfWithBrokenJpeg = () =>
  pdfWithImage(JPEG_WITH_METADATA.subarray(0, 60), 'DCTDecode');

/**
 * Everything a PDF holds, as one buffer to search: its bytes; every stream inflated by zlib
 * straight from the bytes (object streams included); and, as pdf-lib reads it, every string
 * decoded (UTF-16 and hex strings too), every name and every stream decoded through its filters.
 */
export async function everythingIn(bytes: Uint8Array): Promise<Buffer> {
  const raw = Buffer.from(bytes);
  const parts: Buffer[] = [raw];
  for (const match of raw.toString('latin1').matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start, 'latin1');
    try {
      parts.push(inflateSync(raw.subarray(start, end)));
    } catch {
      // not Flate: the bytes themselves are searched already
    }
  }
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const pending: PDFObject[] = pdf.context.enumerateIndirectObjects().map(([, object]) => object);
  for (const value of Object.values(pdf.context.trailerInfo)) if (value) pending.push(value);
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFString || object instanceof PDFHexString)
      parts.push(Buffer.from(object.decodeText()));
    else if (object instanceof PDFName) parts.push(Buffer.from(object.decodeText()));
    else if (object instanceof PDFDict) pending.push(...object.keys(), ...object.values());
    else if (object instanceof PDFArray) pending.push(...object.asArray());
    else if (object instanceof PDFRawStream) {
      pending.push(object.dict);
      parts.push(Buffer.from(object.contents));
      try {
        parts.push(Buffer.from(decodePDFRawStream(object).decode()));
      } catch {
        // DCTDecode, which pdf-lib does not decode: its bytes are searched as they are
      }
    }
  }
  return Buffer.concat(parts);
}

/** The image streams of a PDF, as pdf-lib reads them. */
export async function imagesIn(bytes: Uint8Array): Promise<PDFRawStream[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (object): object is PDFRawStream =>
        object instanceof PDFRawStream &&
        object.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Image'),
    );
}
