import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { provisionMongo } from '../../../local/mongo/provision-mongo.js';
import { uriDatabase } from '../../../shared/db/database-name.js';
import { ConfigurationError, NonRetryableError } from '../../../shared/errors.js';
import { memoryLogger } from '../../../shared/logger.js';
import { realFerretdb } from '../../support/ferretdb.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'provision-mongo-test-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A shell script standing in for ferretdb; `--version` prints `version`, anything else runs `body`. */
async function fakeFerretdb(name: string, version: string, body: string): Promise<string> {
  const file = path.join(scratch, name);
  const script = `#!/bin/sh\nif [ "$1" = --version ]; then ${version}; fi\n${body}\n`;
  await writeFile(file, script);
  await chmod(file, 0o755);
  return file;
}

describe('provisionMongo', () => {
  it('uses MONGODB_URI as given, starts nothing, and keeps its password out of the log', async () => {
    const logger = memoryLogger();
    const uri = 'mongodb://reader:s3cret@db.internal:27017/pipeline';
    // A FERRETDB_PATH that would fail proves the binary lookup never ran.
    const env = { MONGODB_URI: uri, FERRETDB_PATH: path.join(scratch, 'missing') };

    const mongo = await provisionMongo({ logger, env, cacheDir: scratch });
    await mongo.stop();

    expect(mongo).toMatchObject({ uri, kind: 'uri' });
    expect(logger.lines.join('\n')).toContain(
      "from MONGODB_URI; nothing started; actions use database 'pipeline' (named by the connection string)",
    );
    expect(logger.lines.join('\n')).not.toContain('s3cret');
  });

  it('rejects a FERRETDB_PATH that names no file, saying so', async () => {
    const missing = path.join(scratch, 'no-such-ferretdb');
    const provisioning = provisionMongo({
      logger: memoryLogger(),
      env: { FERRETDB_PATH: missing },
    });

    await expect(provisioning).rejects.toThrow(ConfigurationError);
    await expect(provisioning).rejects.toThrow(
      `FERRETDB_PATH is ${missing}, but no executable file is there`,
    );
  });

  it('rejects a FERRETDB_PATH whose binary fails `--version` (a plain go install build), with its output', async () => {
    const broken = await fakeFerretdb(
      'panicking-ferretdb',
      'echo "panic: Invalid build/version/version.txt file content." >&2; exit 2',
      'exit 2',
    );
    const provisioning = provisionMongo({ logger: memoryLogger(), env: { FERRETDB_PATH: broken } });

    await expect(provisioning).rejects.toThrow(ConfigurationError);
    await expect(provisioning).rejects.toThrow(
      /exited with status 2:\npanic: Invalid build\/version/,
    );
  });

  it('reports the end of the log when FerretDB exits before answering', async () => {
    const dying = await fakeFerretdb(
      'dying-ferretdb',
      'echo "version: v1.24.2"; exit 0',
      'echo "FATAL failed to open data folder: disk on fire" >&2; exit 3',
    );
    const provisioning = provisionMongo({ logger: memoryLogger(), env: { FERRETDB_PATH: dying } });

    await expect(provisioning).rejects.toThrow(NonRetryableError);
    await expect(provisioning).rejects.toThrow(/exited \(status 3\)[\s\S]*disk on fire/);
  });

  it.each(['PATH', 'cache folder'])('finds ferretdb in the %s and starts it', async (place) => {
    const binary = await realFerretdb();
    const bin = path.join(scratch, place.replace(' ', '-'), 'bin');
    await mkdir(bin, { recursive: true });
    await symlink(binary, path.join(bin, 'ferretdb'));
    const env = place === 'PATH' ? { PATH: bin } : { PATH: '' };
    const logger = memoryLogger();

    const mongo = await provisionMongo({ logger, env, cacheDir: path.dirname(bin) });
    await mongo.stop();

    expect(mongo.kind).toBe('ferretdb');
    // As Atlas gives it: no database in the path, so every action resolves `phx_property`.
    expect(uriDatabase(mongo.uri)).toBeUndefined();
    expect(mongo.description).toContain(`from ${place === 'PATH' ? 'PATH' : 'the cache folder'}`);
    expect(logger.lines.join('\n')).toContain(`Database: FerretDB v1.24.2 from`);
  });

  it('names everything it tried when no database can be had', async () => {
    // The last resort must fail without the network: no download, no mongod found elsewhere.
    vi.stubEnv('MONGOMS_RUNTIME_DOWNLOAD', 'false');
    vi.stubEnv('MONGOMS_PREFER_GLOBAL_PATH', 'false');
    vi.stubEnv('MONGOMS_SYSTEM_BINARY', '');
    try {
      const emptyCache = await mkdtemp(path.join(scratch, 'cache-'));
      const provisioning = provisionMongo({
        logger: memoryLogger(),
        env: { PATH: '' },
        cacheDir: emptyCache,
      });

      await expect(provisioning).rejects.toThrow(ConfigurationError);
      const message = await provisioning.catch((error: Error) => error.message);
      for (const expected of [
        'MONGODB_URI: unset',
        'FERRETDB_PATH: unset',
        'ferretdb on PATH: none',
        'ferretdb in the cache folder',
        'Go:',
        'mongodb-memory-server:',
        'Fix one of',
      ]) {
        expect(message).toContain(expected);
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
