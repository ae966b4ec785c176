import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { NonRetryableError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { logTail, spawnFerretdb, terminate, type FerretdbProcess } from './ferretdb-process.js';
import { pickFreePort } from './free-port.js';

/** A FerretDB answering on loopback, with its own temporary SQLite folder. */
export interface FerretdbServer {
  uri: string;
  port: number;
  /** The folder holding its data, state and log; removed by `stop()` unless it was given. */
  dir: string;
  /** Ends FerretDB and removes its folder; calling it again does nothing. */
  stop(): Promise<void>;
}

/** Raised when the chosen port was taken between picking and binding; the caller picks another. */
class PortTakenError extends Error {}

const ATTEMPTS = 3;

/** Starts `binary` on a free port and waits (up to `startTimeoutMs`) until it answers a `ping`. */
export async function startFerretdb(options: {
  binary: string;
  logger: Logger;
  startTimeoutMs?: number;
  /** A folder whose data outlives the server (the local runner's database); temporary without it. */
  dataDir?: string;
}): Promise<FerretdbServer> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await pickFreePort();
    try {
      const timeout = options.startTimeoutMs ?? 30_000;
      return await startOnPort(options.binary, port, timeout, options.dataDir);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === ATTEMPTS) throw error;
      options.logger.debug(`Port ${port} was taken before FerretDB bound it; picking another`);
    }
  }
}

async function startOnPort(
  binary: string,
  port: number,
  timeoutMs: number,
  dataDir: string | undefined,
): Promise<FerretdbServer> {
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'ferretdb-')));
  await mkdir(path.join(dir, 'data'), { recursive: true });
  const server = spawnFerretdb(binary, dir, port);
  // Vitest or the local runner may exit without calling stop(); do not leave FerretDB behind.
  const killOnExit = (): void => void server.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      await terminate(server);
      if (dataDir === undefined) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    })());
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await waitUntilReady(server, uri, port, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { uri, port, dir, stop };
}

async function waitUntilReady(
  server: FerretdbProcess,
  uri: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.ended !== undefined) {
      const tail = await logTail(server);
      if (tail.includes('address already in use')) throw new PortTakenError(tail);
      throw new NonRetryableError(
        `FerretDB exited (${server.ended}) before it answered on 127.0.0.1:${port}; last lines of its log:\n${tail}`,
      );
    }
    if ((await accepts(port)) && (await answersPing(uri, server.child.pid))) return;
    await sleep(50);
  }
  throw new NonRetryableError(
    `FerretDB did not answer a ping on 127.0.0.1:${port} within ${Math.round(timeoutMs / 1000)} s; last lines of its log:\n${await logTail(server)}`,
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Checking the pid guards against a port race: another server that took the port would answer too.
async function answersPing(uri: string, pid: number | undefined): Promise<boolean> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000, directConnection: true });
  try {
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const status = await admin.command({ serverStatus: 1 });
    return status.pid === pid;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}
