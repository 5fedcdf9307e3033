import type { SourceFileCopy } from './source-files.service.ts';

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/**
 * A `Content-Disposition` that makes the browser save the file rather than show it, under its
 * stored name made safe: no path, no control characters, no quotes; an ASCII `filename` for old
 * clients and the full name as UTF-8 in `filename*` (RFC 6266).
 *
 * @example
 * attachmentDisposition('../фото "1".jpg')
 * // `attachment; filename="_ _1_.jpg"; filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE%20_1_.jpg`
 */
export function attachmentDisposition(filename: string): string {
  const name =
    filename
      .replace(/[\p{Cc}\p{Cf}"\\/:*?<>|]+/gu, '_')
      .replace(/^[\s._]+|[\s.]+$/g, '')
      .slice(0, 200) || 'file';
  const ascii = name.replace(/[^\w.() -]+/g, '_').trim();
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The HTTP response of a file download: the bytes as an attachment, under the stored media type
 * (`application/octet-stream` if it is not a plain type/subtype), never sniffed, never cached.
 */
export function fileDownloadResponse(copy: SourceFileCopy): Response {
  // A copy on its own ArrayBuffer, which every Response type (Node's and the DOM's) takes.
  return new Response(new Uint8Array(copy.bytes), {
    headers: {
      'Content-Type': MEDIA_TYPE.test(copy.mediaType) ? copy.mediaType : 'application/octet-stream',
      'Content-Length': String(copy.bytes.byteLength),
      'Content-Disposition': attachmentDisposition(copy.filename),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}
