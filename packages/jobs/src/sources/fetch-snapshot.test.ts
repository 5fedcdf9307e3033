import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSnapshot, SnapshotError } from './fetch-snapshot.ts';

describe('fetchSnapshot', () => {
  let server: Server;
  let base = '';
  const local = { timeoutMs: 2000, maxBytes: 1000, allowPrivateNetwork: true };

  beforeAll(async () => {
    server = createServer((request, response) => {
      switch (request.url) {
        case '/article':
          response
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end('<h1>Exchange of prisoners</h1>');
          return;
        case '/moved':
          response.writeHead(302, { location: '/article' }).end();
          return;
        case '/loop':
          response.writeHead(302, { location: '/loop' }).end();
          return;
        case '/large':
          response
            .writeHead(200, { 'content-type': 'text/plain', 'content-length': '5000' })
            .end('x'.repeat(5000));
          return;
        case '/large-unannounced':
          response.writeHead(200, { 'content-type': 'text/plain' });
          for (let i = 0; i < 10; i++) response.write('x'.repeat(500));
          response.end();
          return;
        case '/slow':
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.write('the first words…');
          return; // never ends
        case undefined:
        default:
          response.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches a page with its media type, following redirects', async () => {
    const page = await fetchSnapshot(`${base}/moved`, local);
    expect(new TextDecoder().decode(page.bytes)).toBe('<h1>Exchange of prisoners</h1>');
    expect(page).toMatchObject({ mediaType: 'text/html', url: `${base}/article` });
  });

  it('gives up on a page that redirects without end', async () => {
    await expect(fetchSnapshot(`${base}/loop`, local)).rejects.toThrow(
      'it redirects more than 5 times',
    );
  });

  it.each(['/large', '/large-unannounced'])(
    'refuses a page larger than the limit (%s)',
    async (path) => {
      await expect(fetchSnapshot(`${base}${path}`, local)).rejects.toThrow(
        /larger than 1 KB, the archiving limit/,
      );
    },
  );

  it('gives up when the page does not arrive within the time limit', async () => {
    await expect(fetchSnapshot(`${base}/slow`, { ...local, timeoutMs: 300 })).rejects.toThrow(
      'no complete answer within 0.3 seconds',
    );
  });

  it('says what the server answered when there is no page', async () => {
    await expect(fetchSnapshot(`${base}/gone`, local)).rejects.toThrow(
      'the server answered 404 Not Found',
    );
  });

  it.each([
    'http://127.0.0.1:9/',
    'http://localhost:9/',
    'http://10.1.2.3/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:192.168.0.1]/',
  ])('refuses a local or private address such as %s unless allowed', async (address) => {
    const refusal = fetchSnapshot(address, { timeoutMs: 1000, maxBytes: 1000 });
    await expect(refusal).rejects.toBeInstanceOf(SnapshotError);
    await expect(refusal).rejects.toThrow(/is on a private or local network/);
  });

  it.each(['file:///etc/passwd', 'ftp://example.org/list.csv', 'not an address'])(
    'refuses %s',
    async (address) => {
      await expect(fetchSnapshot(address, local)).rejects.toBeInstanceOf(SnapshotError);
    },
  );

  it('rethrows the abort of the job’s own signal as it is', async () => {
    const controller = new AbortController();
    const fetching = fetchSnapshot(`${base}/slow`, { ...local, signal: controller.signal });
    controller.abort(new Error('the job’s claim lapsed'));
    await expect(fetching).rejects.not.toBeInstanceOf(SnapshotError);
  });
});
