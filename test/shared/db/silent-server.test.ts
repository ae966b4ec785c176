import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { useTestDatabase } from '../../support/database.js';

const database = useTestDatabase();

/**
 * A TCP relay in front of the test database that can go silent: it keeps every connection open
 * but stops passing bytes either way, as a server stuck on a lock or a dropped route does.
 */
async function relay(
  target: string,
): Promise<{ uri: string; silence(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  let silent = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.push(client, upstream);
    client.on('data', (chunk) => void (silent || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (silent || client.write(chunk)));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const local = (server.address() as AddressInfo).port;
  return {
    uri: target.replace(`${hostname}:${port}`, `127.0.0.1:${local}`),
    silence: () => void (silent = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

describe('connectDatabase against a server that stops answering', () => {
  let connection: DatabaseConnection | undefined;
  let proxy: Awaited<ReturnType<typeof relay>> | undefined;
  afterEach(async () => {
    await connection?.close().catch(() => undefined);
    await proxy?.close();
  });

  it('fails the operation after its timeout instead of waiting for ever', async () => {
    proxy = await relay(database.uri);
    connection = await connectDatabase(proxy.uri, 'silent_server', {
      operationTimeoutMs: 1_500,
      serverSelectionTimeoutMs: 2_000,
    });
    await connection.db.collection('probe').insertOne({ ok: 1 });
    proxy.silence();
    const began = performance.now();
    const error = await connection.db
      .collection('probe')
      .findOne({ ok: 1 })
      .then(
        () => undefined,
        (failure: unknown) => failure as Error,
      );
    expect(error?.message).toMatch(/timed out|timeout/i);
    // Bounded by the timeouts given (a read is retried once), not by the test's own limit.
    expect(performance.now() - began).toBeLessThan(20_000);
  }, 60_000);
});
