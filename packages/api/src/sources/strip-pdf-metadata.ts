import { constants as zlibConstants, inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { ImageMetadataError, stripImageMetadata } from './strip-image-metadata.ts';

/**
 * The bytes are not a PDF Vigil can clean: encrypted, unreadable, or holding a JPEG it cannot
 * rewrite. A caller must then withhold the file rather than send it with its metadata. The
 * message says why in words a user may read.
 */
export class PdfMetadataError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfMetadataError';
  }
}

const name = (key: string) => PDFName.of(key);

/**
 * Keys dropped from every dictionary, with what they point to: XMP (`Metadata`, on the catalog
 * or any page, image or font), an application's private data (`PieceInfo`, which can hold the
 * whole source file, and its `LastModified`), embedded and related files (`EmbeddedFiles` in
 * the names tree, `EF` and `RF` of a file specification, PDF 2.0's associated files `AF`), page
 * thumbnails (which can show what a later edit removed), a portfolio's layout (`Collection`,
 * whose files are gone), web-capture records with the addresses a page came from (`SpiderInfo`),
 * the signature permissions (`Perms`) of signatures that are removed, and XFA form packets
 * (which carry an XMP packet and the form designer's details of their own; the AcroForm fields
 * still show the form).
 */
const DROPPED_KEYS = new Set(
  [
    'Metadata',
    'PieceInfo',
    'LastModified',
    'EmbeddedFiles',
    'EF',
    'RF',
    'AF',
    'Thumb',
    'Collection',
    'SpiderInfo',
    'Perms',
    'XFA',
  ].map(name),
);

/** What a markup annotation (a comment, a highlight) says about who made it and when. */
const ANNOTATION_AUTHORSHIP = ['T', 'M', 'CreationDate'].map(name);
/** Signature dictionaries: the signer's name, place, contact and certificate. */
const SIGNATURE_TYPES = new Set(['Sig', 'DocTimeStamp'].map(name));
const DCT = name('DCTDecode');
/** The abbreviation meant for inline images, which some producers write on streams too. */
const DCT_SHORT = name('DCT');
const FLATE = name('FlateDecode');
/** The largest JPEG a compressed image stream may inflate to. */
const MAX_PHOTO_BYTES = 64 * 1024 * 1024;
const FILTER = name('Filter');
const DECODE_PARMS = name('DecodeParms');

/**
 * Removes from a PDF what can expose the person who made it, and keeps what it shows: the
 * document information (Author, Creator, Producer, Title, Subject, Keywords, dates, custom keys)
 * and file identifier, every XMP stream, applications' private data, attachments (embedded files,
 * file attachment annotations), page thumbnails, the author and dates of comments, digital
 * signatures (the signer's name and certificate; a rewritten file's signatures no longer hold
 * anyway), and the EXIF, XMP, IPTC and comments of every JPEG photo in it (`DCTDecode` image
 * streams, cleaned by {@link stripImageMetadata}; their scan data is kept byte for byte). The file is then written anew from the objects its pages still reach, so objects an
 * earlier revision left behind (an old Info dictionary of an incremental update), comments and
 * anything after the end of the file go too, and pdf-lib adds no Producer or dates of its own.
 *
 * Not removed (see README): what pages show, including hidden text and layers; JPEG 2000
 * (`JPXDecode`) images and inline images in content streams, which are written as they are.
 *
 * Throws {@link PdfMetadataError} when the bytes are not a PDF that can be read and cleaned:
 * encrypted (its metadata cannot be read, nor removed), malformed (pdf-lib would otherwise copy
 * an object it could not parse as it is), or with a JPEG that is not well formed.
 *
 * @example
 * const clean = await stripPdfMetadata(report);
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await loadPdf(bytes);
  const { context } = pdf;
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;
  for (const dict of allDictionaries(context)) cleanDictionary(dict);
  for (const thread of pdf.catalog.lookupMaybe(name('Threads'), PDFArray)?.asArray() ?? [])
    context.lookupMaybe(thread, PDFDict)?.delete(name('I'));
  dropUnreachable(context);
  for (const [ref, object] of context.enumerateIndirectObjects())
    if (object instanceof PDFRawStream) {
      const cleaned = withoutJpegMetadata(object);
      if (cleaned) context.assign(ref, cleaned);
    }
  // Without object streams every dictionary stays readable text: a cleaned copy is for reading,
  // and anyone can check it with a text search.
  return pdf.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    // `updateMetadata: false`: pdf-lib would otherwise write its own Producer, Creator and dates.
    // Encryption is checked below: pdf-lib's own error cannot be told apart by its class.
    pdf = await PDFDocument.load(bytes, {
      updateMetadata: false,
      throwOnInvalidObject: true,
      ignoreEncryption: true,
    });
  } catch (error) {
    // An encrypted PDF's object streams cannot be parsed; its trailer still says /Encrypt.
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(
      '/Encrypt',
    );
    throw new PdfMetadataError(encrypted ? 'the PDF is encrypted' : 'the PDF could not be read', {
      cause: error,
    });
  }
  if (pdf.isEncrypted) throw new PdfMetadataError('the PDF is encrypted');
  let pages = 0;
  try {
    if (pdf.catalog instanceof PDFDict) pages = pdf.getPageCount();
  } catch (error) {
    throw new PdfMetadataError('the PDF could not be read', { cause: error });
  }
  if (pages === 0)
    throw new PdfMetadataError('the PDF could not be read', { cause: new Error('no pages') });
  return pdf;
}

/** Every dictionary of the document, direct ones inside others and those of streams included. */
function* allDictionaries(context: PDFContext): Generator<PDFDict> {
  const pending: PDFObject[] = context.enumerateIndirectObjects().map(([, object]) => object);
  while (pending.length > 0) {
    const object = pending.pop();
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict instanceof PDFDict) {
      yield dict;
      pending.push(...dict.values());
    } else if (object instanceof PDFArray) pending.push(...object.asArray());
  }
}

function cleanDictionary(dict: PDFDict) {
  const { context } = dict;
  for (const [key, value] of dict.entries()) {
    const target = context.lookup(value);
    if (DROPPED_KEYS.has(key) || (target instanceof PDFDict && isSignature(target)))
      dict.delete(key);
  }
  if (dict.lookup(name('FT')) === name('Sig')) dict.delete(name('V'));
  const annotations = dict.lookupMaybe(name('Annots'), PDFArray);
  if (!annotations) return;
  for (let index = annotations.size() - 1; index >= 0; index--) {
    const annotation = annotations.lookup(index);
    if (!(annotation instanceof PDFDict)) continue;
    const subtype = annotation.lookup(name('Subtype'));
    if (subtype === name('FileAttachment')) annotations.remove(index);
    else if (subtype !== name('Widget'))
      for (const key of ANNOTATION_AUTHORSHIP) annotation.delete(key);
  }
}

/** A signature dictionary (its `Type` is optional: `ByteRange` and `Contents` mark it too). */
function isSignature(dict: PDFDict) {
  const type = dict.lookup(name('Type'));
  if (type instanceof PDFName && SIGNATURE_TYPES.has(type)) return true;
  return dict.has(name('ByteRange')) && dict.has(name('Contents')) && dict.has(name('Filter'));
}

/** Deletes every object the catalog no longer reaches, directly or through others. */
function dropUnreachable(context: PDFContext) {
  const reached = new Set<PDFRef>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reached.has(object)) continue;
      reached.add(object);
      pending.push(context.lookup(object));
    } else if (object instanceof PDFRawStream) pending.push(...object.dict.values());
    else if (object instanceof PDFDict) pending.push(...object.values());
    else if (object instanceof PDFArray) pending.push(...object.asArray());
  }
  for (const [ref] of context.enumerateIndirectObjects())
    if (!reached.has(ref)) context.delete(ref);
}

/**
 * A stream holding a JPEG (`DCTDecode`, or `[/FlateDecode /DCTDecode]`: a JPEG compressed again)
 * rewritten without the JPEG's metadata, with `DCTDecode` as its only filter; null for any other
 * stream. A JPEG under other filters, which no producer writes, is refused rather than passed on.
 */
function withoutJpegMetadata(stream: PDFRawStream): PDFRawStream | null {
  const { dict, contents } = stream;
  const { context } = dict;
  const filter = dict.lookup(FILTER);
  const filters = (filter instanceof PDFArray ? filter.asArray() : [filter])
    .map((f) => context.lookup(f))
    .map((f) => (f === DCT_SHORT ? DCT : f));
  if (!filters.includes(DCT)) return null;
  const parms = dict.lookup(DECODE_PARMS);
  const parmsOf = (index: number) =>
    context.lookup(parms instanceof PDFArray ? parms.get(index) : parms);

  let jpeg: Uint8Array;
  if (filters.length === 1) jpeg = contents;
  else if (filters.length === 2 && filters[0] === FLATE && filters[1] === DCT) {
    const flateParms = parmsOf(0);
    if (flateParms instanceof PDFDict && flateParms.has(name('Predictor')))
      throw new PdfMetadataError('the PDF has a photo encoded in a way Vigil cannot clean');
    try {
      // Sync flush: a stream cut short still gives what it holds (stripImageMetadata then
      // refuses a JPEG cut short); the cap stops a small stream that inflates to gigabytes.
      jpeg = inflateSync(contents, {
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
        maxOutputLength: MAX_PHOTO_BYTES,
      });
    } catch (error) {
      throw new PdfMetadataError('the PDF has a photo that could not be read', { cause: error });
    }
  } else throw new PdfMetadataError('the PDF has a photo encoded in a way Vigil cannot clean');

  let cleaned: Uint8Array;
  try {
    cleaned = stripImageMetadata(jpeg, 'image/jpeg');
  } catch (error) {
    if (!(error instanceof ImageMetadataError)) throw error;
    throw new PdfMetadataError('the PDF has a photo that is not a well-formed JPEG', {
      cause: error,
    });
  }
  const rewritten = dict.clone();
  rewritten.set(FILTER, DCT);
  const dctParms = parmsOf(filters.length - 1);
  if (dctParms instanceof PDFDict) rewritten.set(DECODE_PARMS, dctParms);
  else rewritten.delete(DECODE_PARMS);
  return PDFRawStream.of(rewritten, cleaned);
}
