import { once } from 'node:events';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** How the proxy behaves: `slow` delays every request, `dead` drops connections, `reject` refuses any credentials. */
export type ProxyMode = 'ok' | 'slow' | 'dead' | 'reject';

/** Options of the sandbox forward proxy. */
export interface ProxyOptions {
  username?: string;
  password?: string;
  /** Sent upstream as `X-Forwarded-For`, so the listing site can tell the proxies apart. */
  clientAddress?: string;
  mode?: ProxyMode;
  /** Delay in `slow` mode, in milliseconds. */
  slowMs?: number;
}

/** What went through the proxy. */
export interface ProxyStats {
  /** Requests forwarded (plain HTTP) or tunnels opened (CONNECT). */
  forwarded: number;
  /** Requests refused with 407. */
  authFailures: number;
  /** Connections dropped in `dead` mode. */
  dropped: number;
  /** Bytes relayed in both directions. */
  bytes: number;
}

/** A running sandbox proxy. */
export interface SandboxProxy {
  /** `http://127.0.0.1:<port>`: the `server` a client configures. */
  server: string;
  username: string;
  password: string;
  /** The proxy as a `proxies` input line: `http://user:pass@127.0.0.1:<port>`. */
  url: string;
  stats: ProxyStats;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * Starts a forward proxy on loopback speaking HTTP (absolute-form requests) and CONNECT, with
 * Basic proxy authentication, that can be made slow, dead or rejecting, and counts its traffic.
 */
export async function startProxy(options: ProxyOptions = {}): Promise<SandboxProxy> {
  const username = options.username ?? 'proxy-user';
  const password = options.password ?? 'proxy-pass';
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let mode: ProxyMode = options.mode ?? 'ok';
  const stats: ProxyStats = { forwarded: 0, authFailures: 0, dropped: 0, bytes: 0 };
  const sockets = new Set<Socket>();
  const delay = (): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, mode === 'slow' ? (options.slowMs ?? 2000) : 0));
  const authorized = (request: IncomingMessage): boolean =>
    mode !== 'reject' && request.headers['proxy-authorization'] === expected;

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (mode === 'dead') {
      // A kept-alive connection from before the proxy died goes down too.
      stats.dropped += 1;
      request.socket.destroy();
      return;
    }
    if (!authorized(request)) {
      stats.authFailures += 1;
      response.writeHead(407, {
        'proxy-authenticate': 'Basic realm="sandbox"',
        'content-length': '0',
      });
      response.end();
      return;
    }
    void delay().then(() => {
      stats.forwarded += 1;
      const target = new URL(request.url ?? '/');
      const headers = { ...request.headers };
      delete headers['proxy-authorization'];
      delete headers['proxy-connection'];
      headers['x-forwarded-for'] = options.clientAddress ?? '127.0.0.1';
      const upstream = httpRequest(target, { method: request.method, headers }, (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
        reply.pipe(response);
      });
      upstream.on('error', () => {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      });
      request.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
      request.pipe(upstream);
    });
  });
  server.on('connection', (socket: Socket) => {
    if (mode === 'dead') {
      stats.dropped += 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: IncomingMessage, client: Socket) => {
    if (!authorized(request)) {
      stats.authFailures += 1;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="sandbox"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    void delay().then(() => {
      stats.forwarded += 1;
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port) || 443, host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
      client.on('data', (chunk: Buffer) => (stats.bytes += chunk.length));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => sockets.delete(upstream));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    server: base,
    username,
    password,
    url: `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    stats,
    setMode: (next) => void (mode = next),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
