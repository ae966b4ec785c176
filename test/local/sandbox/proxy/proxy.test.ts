import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type SandboxProxy } from '../../../../local/sandbox/proxy/server.js';

const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

function viaProxy(
  proxy: SandboxProxy,
  target: string,
  auth?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(proxy.server);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: target,
        headers: auth ? { 'proxy-authorization': auth } : {},
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('sandbox forward proxy', () => {
  let origin: Server;
  let originUrl: string;
  let proxy: SandboxProxy;

  beforeAll(async () => {
    origin = createServer((req, res) =>
      res.end(`hello from ${String(req.headers['x-forwarded-for'])}`),
    );
    origin.listen(0, '127.0.0.1');
    await once(origin, 'listening');
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    proxy = await startProxy({ username: 'u', password: 'p', clientAddress: '10.9.9.9' });
  });
  afterAll(async () => {
    await proxy.close();
    origin.close();
  });

  it('forwards absolute-form requests with the right credentials and counts bytes', async () => {
    const reply = await viaProxy(proxy, `${originUrl}/x`, basic('u', 'p'));
    expect(reply).toEqual({ status: 200, body: 'hello from 10.9.9.9' });
    expect(proxy.stats.bytes).toBeGreaterThan(0);
  });

  it('answers 407 with a Basic challenge to missing or wrong credentials', async () => {
    expect((await viaProxy(proxy, `${originUrl}/x`)).status).toBe(407);
    expect((await viaProxy(proxy, `${originUrl}/x`, basic('u', 'wrong'))).status).toBe(407);
  });

  it('tunnels CONNECT', async () => {
    const url = new URL(proxy.server);
    const socket = connect(Number(url.port), url.hostname);
    await once(socket, 'connect');
    const port = new URL(originUrl).port;
    socket.write(
      `CONNECT 127.0.0.1:${port} HTTP/1.1\r\nProxy-Authorization: ${basic('u', 'p')}\r\n\r\n`,
    );
    const [established] = (await once(socket, 'data')) as [Buffer];
    expect(established.toString()).toMatch(/^HTTP\/1.1 200/);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    let text = '';
    for await (const chunk of socket) text += (chunk as Buffer).toString();
    expect(text).toMatch(/hello from undefined/);
  });

  it('can be made to reject all credentials or drop every connection', async () => {
    proxy.setMode('reject');
    expect((await viaProxy(proxy, `${originUrl}/x`, basic('u', 'p'))).status).toBe(407);
    proxy.setMode('dead');
    await expect(viaProxy(proxy, `${originUrl}/x`, basic('u', 'p'))).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(proxy.stats.dropped).toBe(1);
    proxy.setMode('ok');
  });
});
