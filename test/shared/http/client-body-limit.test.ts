import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../shared/http/client.js';
import { isHttpError } from '../../../shared/http/http-error.js';

/** A loopback server that counts requests and answers with the handler the test writes. */
async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const done of cleanup.reverse()) await done();
  cleanup = [];
});
const fast = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 };
const json = (size: number) => JSON.stringify({ Padding: 'x'.repeat(size) });

describe('HttpClient response size cap', () => {
  it('fails a body over maxBytes naming the path and the limit, never the query, and does not retry', async () => {
    const server = await startServer((_req, res) => {
      // Chunked, no Content-Length: the cap must count what arrives.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(json(40_000));
      res.end();
    });
    const client = new HttpClient({ retry: fast, maxBytes: 10_000 });
    cleanup.push(
      () => server.close(),
      () => client.close(),
    );
    const error = await client
      .getJson(`${server.url}/parcel/10229045A?token=s3cret-value`)
      .catch((caught: unknown) => caught);
    expect(isHttpError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`${server.url}/parcel/10229045A`);
    expect(message).toContain('10000 bytes');
    expect(message).not.toContain('s3cret-value');
    expect(message).not.toContain('token');
    expect(server.requests()).toBe(1);
  });

  it('refuses at once a body whose Content-Length passes the limit of the call', async () => {
    const body = json(50_000);
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    const client = new HttpClient({ retry: fast });
    cleanup.push(
      () => server.close(),
      () => client.close(),
    );
    await expect(client.getJson(`${server.url}/big`, { maxBytes: 1_000 })).rejects.toThrow(
      /\/big: response body larger than the limit of 1000 bytes/,
    );
  });

  it('reads a body within the default limit whole', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json(2_000_000));
    });
    const client = new HttpClient({ retry: fast });
    cleanup.push(
      () => server.close(),
      () => client.close(),
    );
    const value = await client.getJson<{ Padding: string }>(`${server.url}/parcel/1`);
    expect(value.Padding).toHaveLength(2_000_000);
  });
});
