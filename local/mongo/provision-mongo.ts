import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describeDatabase, resolveDatabase } from '../../shared/db/database-name.js';
import { ENV } from '../../shared/env.js';
import { ConfigurationError, errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { envValue, redactUri, resolveCacheDir, type Environment } from './environment.js';
import { resolveFerretdb } from './ferretdb-resolve.js';
import { startFerretdb } from './ferretdb-server.js';
import { startMemoryServer } from './memory-server.js';

/** Which kind of database was provisioned. */
export type MongoKind = 'uri' | 'ferretdb' | 'memory-server';

/** A MongoDB ready for connections. */
export interface ProvisionedMongo {
  /**
   * Connection string. A started server's names no database, as Atlas gives it, so the actions
   * resolve the same database as on GitHub (`phx_property` unless input `database` says otherwise).
   */
  uri: string;
  kind: MongoKind;
  /** What it is and why it was chosen, e.g. `FerretDB v1.24.2 from PATH (/usr/bin/ferretdb) on …`. */
  description: string;
  /** Ends what was started (nothing for `uri`); calling it twice is fine. */
  stop(): Promise<void>;
}

/**
 * What `provisionMongo` needs; `env` defaults to `process.env`, `cacheDir` to `PIPELINE_CACHE_DIR`
 * or `<repo>/.cache`.
 */
export interface ProvisionOptions {
  logger: Logger;
  cacheDir?: string;
  env?: Environment;
  /** How long a started FerretDB may take to answer a ping; default 30 s. */
  startTimeoutMs?: number;
  /** Where a started server keeps its data between starts; a temporary folder without it. */
  dataDir?: string;
}

/**
 * Finds or starts a MongoDB, in this order: `MONGODB_URI` (nothing started); a `ferretdb` binary
 * (`FERRETDB_PATH`, PATH, the cache folder); FerretDB built with Go; mongod from
 * mongodb-memory-server. Logs the choice and the reason; throws one error naming everything tried.
 */
export async function provisionMongo(options: ProvisionOptions): Promise<ProvisionedMongo> {
  const { logger } = options;
  const env = options.env ?? process.env;
  const cacheDir = resolveCacheDir(env, options.cacheDir);

  const uri = envValue(env, ENV.mongodbUri);
  if (uri !== undefined) {
    const database = describeDatabase(resolveDatabase(uri));
    const description = `MongoDB at ${redactUri(uri)} from ${ENV.mongodbUri}; nothing started; actions use database ${database}`;
    return announce(logger, { uri, kind: 'uri', description, stop: () => Promise.resolve() });
  }
  const tried = [`${ENV.mongodbUri}: unset`];

  const binary = await resolveFerretdb({ env, cacheDir, logger, tried });
  if (binary !== undefined) {
    const server = await startFerretdb({
      binary: binary.path,
      logger,
      startTimeoutMs: options.startTimeoutMs,
      dataDir: options.dataDir && path.join(options.dataDir, 'ferretdb'),
    });
    const description = `FerretDB ${binary.version} from ${binary.source} (${binary.path}) on 127.0.0.1:${server.port}, SQLite data in ${server.dir}`;
    return announce(logger, {
      uri: server.uri,
      kind: 'ferretdb',
      description,
      stop: () => server.stop(),
    });
  }

  try {
    const dataDir = options.dataDir && path.join(options.dataDir, 'mongod');
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const server = await startMemoryServer({ cacheDir, logger, dataDir });
    const description = `mongod from mongodb-memory-server at ${server.uri}, because no FerretDB could be found or built`;
    return announce(logger, { ...server, kind: 'memory-server', description });
  } catch (error) {
    tried.push(`mongodb-memory-server: ${errorMessage(error)}`);
    throw new ConfigurationError(noDatabaseMessage(tried, cacheDir));
  }
}

function announce(logger: Logger, mongo: ProvisionedMongo): ProvisionedMongo {
  logger.info(`Database: ${mongo.description}`);
  return mongo;
}

function noDatabaseMessage(tried: readonly string[], cacheDir: string): string {
  return [
    'No MongoDB to use. Tried:',
    ...tried.map((step) => `  - ${step}`),
    'Fix one of:',
    `  - set ${ENV.mongodbUri} to the connection string of a running MongoDB;`,
    `  - install Go 1.24 or newer, so FerretDB v1.24.2 is built into ${cacheDir}/bin;`,
    `  - put a ferretdb v1.24 binary on PATH or name it in ${ENV.ferretdbPath};`,
    '  - let mongodb-memory-server download mongod (needs the internet once).',
  ].join('\n');
}
