import { resolveCacheDir } from '../local/mongo/environment.js';
import { resolveFerretdb } from '../local/mongo/ferretdb-resolve.js';
import { consoleLogger } from '../local/console-logger.js';

/**
 * `npm run db:install`: finds a working FerretDB or builds one into the cache folder, ahead of a
 * test run, so the first `npm test` on a fresh machine does not spend minutes in its setup.
 */
const env = { ...process.env, MONGODB_URI: undefined };
const tried: string[] = [];
const binary = await resolveFerretdb({
  env,
  cacheDir: resolveCacheDir(env),
  logger: consoleLogger(),
  tried,
});
if (binary === undefined) {
  console.error(
    `No FerretDB could be found or built:\n${tried.map((step) => `  - ${step}`).join('\n')}`,
  );
  process.exit(1);
}
console.log(`FerretDB ${binary.version} ready: ${binary.path} (${binary.source})`);
