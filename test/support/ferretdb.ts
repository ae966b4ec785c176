import { resolveCacheDir } from '../../local/mongo/environment.js';
import { resolveFerretdb } from '../../local/mongo/ferretdb-resolve.js';
import { memoryLogger } from '../../shared/logger.js';

/** Path of a working ferretdb, found or built the way provisioning does; throws what was tried. */
export async function realFerretdb(): Promise<string> {
  const env = { ...process.env, MONGODB_URI: undefined };
  const tried: string[] = [];
  const logger = memoryLogger();
  const binary = await resolveFerretdb({ env, cacheDir: resolveCacheDir(env), logger, tried });
  if (binary === undefined) throw new Error(`These tests need FerretDB:\n${tried.join('\n')}`);
  return binary.path;
}
