import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPortInUse } from '../../../local/mongo/free-port.js';
import { startFerretdb } from '../../../local/mongo/ferretdb-server.js';
import { memoryLogger } from '../../../shared/logger.js';
import { realFerretdb } from '../../support/ferretdb.js';

async function withClient<T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

describe('startFerretdb', () => {
  let binary: string;
  beforeAll(async () => {
    binary = await realFerretdb();
  });

  it('runs two instances at once, each on its own port with its own data', async () => {
    const [first, second] = await Promise.all([
      startFerretdb({ binary, logger: memoryLogger() }),
      startFerretdb({ binary, logger: memoryLogger() }),
    ]);
    try {
      expect(first.port).not.toBe(second.port);
      await withClient(first.uri, (client) =>
        client.db('pipeline').collection('runs').insertOne({ run: 1 }),
      );
      const counts = await Promise.all(
        [first, second].map((server) =>
          withClient(server.uri, (client) =>
            client.db('pipeline').collection('runs').countDocuments(),
          ),
        ),
      );
      expect(counts).toEqual([1, 0]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('stop() ends FerretDB with a client still connected, frees the port and removes its folder', async () => {
    const server = await startFerretdb({ binary, logger: memoryLogger() });
    const client = new MongoClient(server.uri);
    await client.db('pipeline').command({ ping: 1 });
    expect(await isPortInUse(server.port)).toBe(true);

    await server.stop();
    await server.stop();
    await client.close();

    expect(await isPortInUse(server.port)).toBe(false);
    await expect(access(server.dir)).rejects.toThrow(/ENOENT/);
  });

  it("keeps the data of a given folder from one start to the next (the local runner's nights)", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferretdb-nights-'));
    const night = async (write: boolean) => {
      const server = await startFerretdb({ binary, logger: memoryLogger(), dataDir });
      try {
        return await withClient(server.uri, async (client) => {
          const runs = client.db('phx_property').collection('runs');
          if (write) await runs.insertOne({ night: 1 });
          return runs.countDocuments();
        });
      } finally {
        await server.stop();
      }
    };
    expect(await night(true)).toBe(1);
    expect(await night(false)).toBe(1);
    await access(dataDir);
  });
});
