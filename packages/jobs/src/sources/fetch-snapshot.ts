import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** How the worker fetches a source's web page to keep a copy of it. */
export interface SnapshotFetchOptions {
  /** Give up when the whole answer has not arrived within this time. */
  timeoutMs: number;
  /** Give up on pages larger than this. */
  maxBytes: number;
  /**
   * Allow addresses on loopback and private networks. Off in production, so that a source's URL
   * cannot make the worker read internal services; tests turn it on for a local server.
   */
  allowPrivateNetwork?: boolean | undefined;
}

/** What the worker uses when network archiving is turned on: 30 seconds, 20 MB (as for uploads). */
export const DEFAULT_SNAPSHOT_FETCH: SnapshotFetchOptions = Object.freeze({
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
});

/** A page as fetched, to be stored by its SHA-256 as one of the source's files. */
export interface WebSnapshot {
  bytes: Uint8Array;
  /** The media type the server declared, without parameters. */
  mediaType: string;
  /** Where the page was finally found, after redirects. */
  url: string;
}

/** Why a page could not be archived, in words a reviewer understands. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

const MAX_REDIRECTS = 5;

/** Addresses a source URL must not reach: loopback, private, link-local, shared and reserved ranges. */
const INTERNAL_ADDRESSES = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [
    ['::', 127],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

function isInternal(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL_ADDRESSES.check(mapped, 'ipv4');
  return INTERNAL_ADDRESSES.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((a) => a.address),
        () => {
          throw new SnapshotError(`the host ${host} could not be found`);
        },
      );
  if (addresses.some(isInternal)) {
    throw new SnapshotError(
      `${host} is on a private or local network, which the worker does not archive`,
    );
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = () =>
    new SnapshotError(
      `the page is larger than ${Math.round(maxBytes / 1024)} KB, the archiving limit`,
    );
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Fetches a web page for archiving: http(s) only, redirects followed by hand (at most five, each
 * checked), no local or private addresses unless allowed, within a time and a size limit.
 * Failures that a reviewer should know about throw {@link SnapshotError}; an abort of `signal`
 * (the job's claim lapsed) is rethrown as it is.
 *
 * The address check resolves the host before connecting; a host whose DNS answer changes
 * between the check and the connection is not caught.
 *
 * @example
 * const page = await fetchSnapshot('https://news.example/article', { timeoutMs: 20_000, maxBytes: 20_000_000 });
 */
export async function fetchSnapshot(
  address: string,
  options: SnapshotFetchOptions & { signal?: AbortSignal | undefined },
): Promise<WebSnapshot> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new SnapshotError(`${address} is not a web address`);
  }
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  try {
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new SnapshotError(
          `only http and https addresses can be archived, not ${url.protocol}`,
        );
      }
      if (!options.allowPrivateNetwork) await assertPublicHost(url);
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: {
          accept: 'text/html,application/xhtml+xml,application/pdf,*/*;q=0.8',
          'user-agent': 'Vigil source archiver',
        },
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= MAX_REDIRECTS)
          throw new SnapshotError(`it redirects more than ${MAX_REDIRECTS} times`);
        url = new URL(location, url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new SnapshotError(
          `the server answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      const bytes = await readLimited(response, options.maxBytes);
      const mediaType = (response.headers.get('content-type') ?? 'application/octet-stream')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      return { bytes, mediaType: mediaType || 'application/octet-stream', url: url.toString() };
    }
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    if (options.signal?.aborted) throw error;
    if (timeout.aborted)
      throw new SnapshotError(`no complete answer within ${options.timeoutMs / 1000} seconds`);
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new SnapshotError(`it could not be reached (${cause})`);
  }
}
