import path from 'node:path';
import type { Logger } from '../../shared/logger.js';

/** A mongod started by `mongodb-memory-server-core`. */
export interface MemoryServer {
  uri: string;
  stop(): Promise<void>;
}

/**
 * Starts a real mongod through `mongodb-memory-server-core`, which downloads it into
 * `<cache>/mongodb-binaries` the first time (so it needs the internet once).
 */
export async function startMemoryServer(options: {
  cacheDir: string;
  logger: Logger;
  /** A folder whose data outlives the server (wiredTiger); a temporary one without it. */
  dataDir?: string;
}): Promise<MemoryServer> {
  const downloadDir = path.join(options.cacheDir, 'mongodb-binaries');
  options.logger.info(
    `Starting mongod with mongodb-memory-server (downloads it into ${downloadDir} the first time)`,
  );
  // Loaded only here: most runs never reach this fallback.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const instance = options.dataDir
    ? { dbPath: options.dataDir, storageEngine: 'wiredTiger' as const }
    : undefined;
  const server = await MongoMemoryServer.create({ binary: { downloadDir }, instance });
  const doCleanup = options.dataDir === undefined;
  let stopping: Promise<void> | undefined;
  return {
    uri: server.getUri(),
    stop: () => (stopping ??= server.stop({ doCleanup, force: true }).then(() => undefined)),
  };
}
