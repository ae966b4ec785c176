import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NonRetryableError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Environment } from './environment.js';
import { cachedFerretdbPath } from './ferretdb-binary.js';
import { outputTail, runCommand } from './run-command.js';

/** The Go module and version of FerretDB the project builds: the last v1 release. */
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

/** The `go version` line when Go can run here, otherwise undefined. */
export async function goVersion(env: Environment): Promise<string | undefined> {
  const result = await runCommand('go', ['version'], { env, timeoutMs: 30_000 });
  return result.ok ? result.stdout.trim() : undefined;
}

/**
 * Builds FerretDB into `<cache>/bin/ferretdb` and returns that path.
 * A plain `go install …@v1.24.2` gives a binary that panics at start-up: the release embeds
 * `build/version/version.txt`, which only its own build scripts write. So the module source is
 * copied out of the module cache, the file is added, and `go build` runs on the copy.
 * The result is renamed into place, so two processes building at once both end with a whole binary.
 */
export async function buildFerretdb(options: {
  env: Environment;
  cacheDir: string;
  logger: Logger;
}): Promise<string> {
  const { cacheDir, logger } = options;
  const env = { ...options.env, GOWORK: 'off' };
  const target = cachedFerretdbPath(cacheDir);
  logger.info(
    `Building FerretDB ${FERRETDB_VERSION} with Go into ${target}; this takes a few minutes the first time`,
  );
  const workDir = await mkdtemp(path.join(tmpdir(), 'ferretdb-build-'));
  const partial = path.join(path.dirname(target), `.ferretdb-${randomBytes(6).toString('hex')}`);
  try {
    const moduleDir = await downloadModule(env, workDir);
    const source = path.join(workDir, 'src');
    await cp(moduleDir, source, { recursive: true });
    await makeWritable(source);
    await writeFile(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await mkdir(path.dirname(target), { recursive: true });
    const build = await runCommand(
      'go',
      ['build', '-buildvcs=false', '-o', partial, './cmd/ferretdb'],
      { cwd: source, env, timeoutMs: 20 * 60_000 },
    );
    if (!build.ok) throw buildError(`go build ${build.failure ?? ''}`, build.stderr);
    await rename(partial, target);
    logger.info(`Built FerretDB ${FERRETDB_VERSION} at ${target}`);
    return target;
  } finally {
    await rm(partial, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

async function downloadModule(env: Environment, workDir: string): Promise<string> {
  const spec = `${FERRETDB_MODULE}@${FERRETDB_VERSION}`;
  const result = await runCommand('go', ['mod', 'download', '-json', spec], {
    cwd: workDir,
    env,
    timeoutMs: 20 * 60_000,
  });
  const info = parseJson(result.stdout);
  if (!result.ok || typeof info.Dir !== 'string') {
    const reason = typeof info.Error === 'string' ? info.Error : result.stderr;
    throw buildError(`go mod download ${spec} ${result.failure ?? 'gave no folder'}`, reason);
  }
  return info.Dir;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

// The module cache is read-only; the copy must be writable to add a file and to be removed.
async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    await chmod(file, entry.isDirectory() ? 0o755 : 0o644);
  }
}

function buildError(step: string, output: string): NonRetryableError {
  return new NonRetryableError(
    `Building FerretDB ${FERRETDB_VERSION} failed: ${step}\n${outputTail(output)}`,
  );
}
