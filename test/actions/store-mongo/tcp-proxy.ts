import { createConnection, createServer, type Socket } from 'node:net';

/** A loopback TCP proxy to a database that can cut every connection, as a network failure does. */
export interface TcpProxy {
  /** Connection string that goes through the proxy. */
  uri: string;
  /** Cuts once this many bytes went from client to server (counted from now). */
  cutAfterBytes(bytes: number): void;
  /** True once the proxy has cut. */
  readonly cut: boolean;
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 in front of the host and port of `uri`. After a cut it destroys every
 * connection and refuses new ones, so the driver's retries fail too.
 */
export async function startTcpProxy(uri: string): Promise<TcpProxy> {
  const target = new URL(uri.replace(/^mongodb:/, 'http:'));
  const sockets = new Set<Socket>();
  let budget = Infinity;
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      budget -= chunk.length;
      if (budget < 0) cutAll();
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  const cutAll = (): void => {
    cut = true;
    for (const socket of sockets) socket.destroy();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
    cutAfterBytes: (bytes) => (budget = bytes),
    get cut() {
      return cut;
    },
    close: () => {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
