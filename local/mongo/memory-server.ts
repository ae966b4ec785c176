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
}): Promise<MemoryServer> {
  const downloadDir = path.join(options.cacheDir, 'mongodb-binaries');
  options.logger.info(
    `Starting mongod with mongodb-memory-server (downloads it into ${downloadDir} the first time)`,
  );
  // Loaded only here: most runs never reach this fallback.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create({ binary: { downloadDir } });
  let stopping: Promise<void> | undefined;
  return {
    uri: server.getUri(),
    stop: () => (stopping ??= server.stop({ doCleanup: true, force: true }).then(() => undefined)),
  };
}
