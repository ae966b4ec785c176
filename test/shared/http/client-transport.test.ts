import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../shared/http/client.js';

/** A loopback server whose handler the test writes, counting connections and open sockets. */
async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer(handler);
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    openSockets: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
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
const fast = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 };

describe('HttpClient transport', () => {
  it('sends its headers as given, reuses keep-alive connections and closes them on close()', async () => {
    const seen: IncomingMessage['headers'][] = [];
    const server = await startServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"n":${seen.length}}`);
    });
    cleanup.push(server.close);
    const http = new HttpClient({ headers: { AUTHORIZATION: 'tok-1', 'user-agent': 'null' } });
    for (let i = 1; i <= 10; i += 1)
      await expect(http.getJson(`${server.url}/parcel/${i}`)).resolves.toEqual({ n: i });
    expect(seen[0]).toMatchObject({ authorization: 'tok-1', 'user-agent': 'null' });
    // The pool may open a second connection while the first is still being released.
    expect(server.connections()).toBeLessThanOrEqual(2);
    expect(server.openSockets()).toBeGreaterThan(0);

    await http.close();
    await expect.poll(() => server.openSockets(), { timeout: 2000 }).toBe(0);
    await expect(http.getJson(`${server.url}/parcel/11`)).rejects.toMatchObject({
      failureClass: 'network',
    });
  });

  it('times out a body that stalls half way, classified timeout, and retries', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (calls === 1) res.write('{"APN":"102-');
      else res.end('{"APN":"102-01-001"}');
    });
    cleanup.push(server.close);
    const http = new HttpClient({ timeoutMs: 150, retry: fast });
    cleanup.push(() => http.close());
    await expect(http.getJson(`${server.url}/parcel/1`)).resolves.toEqual({ APN: '102-01-001' });
    expect(calls).toBe(2);
    expect(http.stats().errorsByClass.timeout).toBe(1);

    calls = 0;
    const once = new HttpClient({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    cleanup.push(() => once.close());
    const stalled = once.getJson(`${server.url}/parcel/2`);
    await expect(stalled).rejects.toMatchObject({ failureClass: 'timeout' });
    await expect(stalled).rejects.toThrow('timeout (the body stalled for 150 ms)');
  });

  it('follows a redirect as fetch did, keeping the token on the same origin', async () => {
    const seen: Array<{ url: string | undefined; authorization: string | undefined }> = [];
    const server = await startServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"moved":true}');
    });
    cleanup.push(server.close);
    const http = new HttpClient({ headers: { AUTHORIZATION: 'tok-2' } });
    cleanup.push(() => http.close());
    await expect(http.getJson(`${server.url}/old`)).resolves.toEqual({ moved: true });
    expect(seen).toEqual([
      { url: '/old', authorization: 'tok-2' },
      { url: '/new', authorization: 'tok-2' },
    ]);
  });

  it('retries an answer that is not HTTP at all, classified network', async () => {
    let calls = 0;
    const server = createNetServer((socket) => {
      calls += 1;
      socket.once('data', () => {
        if (calls === 1) socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
        else
          socket.end(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`,
          );
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup.push(async () => void (server.close(), await once(server, 'close')));
    const { port } = server.address() as AddressInfo;
    const http = new HttpClient({ retry: fast });
    cleanup.push(() => http.close());
    await expect(http.getJson(`http://127.0.0.1:${port}/x`)).resolves.toEqual({});
    expect(calls).toBe(2);
    expect(http.stats().errorsByClass.network).toBe(1);
  });

  it('names a URL it cannot send', async () => {
    const http = new HttpClient();
    const pending = http.getJson('not a url');
    await expect(pending).rejects.toMatchObject({ failureClass: 'other' });
    await expect(pending).rejects.toThrow('GET not a url: not a valid URL');
    await expect(http.getJson('ftp://127.0.0.1/x')).rejects.toThrow('not a valid URL');
    const withPassword = http.getJson('http://user:pw-5521@127.0.0.1:9/x');
    await expect(withPassword).rejects.toMatchObject({ failureClass: 'other' });
    await expect(withPassword).rejects.toThrow('expected a URL without user name or password');
    await expect(withPassword).rejects.not.toThrow('pw-5521');
    await http.close();
  });
});
