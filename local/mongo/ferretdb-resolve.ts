import { errorMessage, NonRetryableError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Environment } from './environment.js';
import { checkFerretdb, findFerretdb, type FerretdbBinary } from './ferretdb-binary.js';
import { buildFerretdb, goVersion } from './ferretdb-build.js';

/**
 * A working `ferretdb`: one already here (`FERRETDB_PATH`, PATH, the cache folder), else one
 * built with Go into the cache folder. Undefined when neither works; `tried` then says why.
 */
export async function resolveFerretdb(options: {
  env: Environment;
  cacheDir: string;
  logger: Logger;
  tried: string[];
}): Promise<FerretdbBinary | undefined> {
  const found = await findFerretdb(options);
  if (found !== undefined) return found;

  const { logger, tried } = options;
  const go = await goVersion(options.env);
  if (go === undefined) {
    tried.push('Go: `go version` did not run, so FerretDB could not be built');
    return undefined;
  }
  try {
    const built = await buildFerretdb(options);
    const checked = await checkFerretdb(built);
    if ('problem' in checked) {
      throw new NonRetryableError(`the FerretDB just built does not run: ${checked.problem}`);
    }
    return { path: built, version: checked.version, source: `a fresh build with ${go}` };
  } catch (error) {
    logger.warning(`Could not build FerretDB: ${errorMessage(error)}`);
    tried.push(`Go (${go}): ${errorMessage(error)}`);
    return undefined;
  }
}
