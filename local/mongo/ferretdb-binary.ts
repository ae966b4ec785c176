import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ENV } from '../../shared/env.js';
import { ConfigurationError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { envValue, executableName, type Environment } from './environment.js';
import { runCommand } from './run-command.js';

/** A `ferretdb` program that answered `--version`, and why it was chosen. */
export interface FerretdbBinary {
  path: string;
  /** The `version:` line it printed, e.g. `v1.24.2`. */
  version: string;
  /** Where it was found: `FERRETDB_PATH`, `PATH`, the cache folder, or a fresh build. */
  source: string;
}

/** Where the project keeps the `ferretdb` it builds: `<cache>/bin/ferretdb`. */
export function cachedFerretdbPath(cacheDir: string): string {
  return path.join(cacheDir, 'bin', executableName('ferretdb'));
}

/**
 * Looks for a working `ferretdb`: `FERRETDB_PATH`, then PATH, then the cache folder.
 * A bad `FERRETDB_PATH` is the user's mistake and throws; a broken binary elsewhere is skipped
 * with a warning.
 * Each place looked at is added to `tried` for the final error message.
 */
export async function findFerretdb(options: {
  env: Environment;
  cacheDir: string;
  logger: Logger;
  tried: string[];
}): Promise<FerretdbBinary | undefined> {
  const { env, cacheDir, logger, tried } = options;
  const explicit = envValue(env, ENV.ferretdbPath);
  if (explicit !== undefined) {
    const candidate = path.resolve(explicit);
    if (!(await isExecutable(candidate))) {
      throw new ConfigurationError(
        `${ENV.ferretdbPath} is ${candidate}, but no executable file is there; expected the path of a ferretdb v1.24 binary, or unset it to let the project find or build one`,
      );
    }
    const checked = await checkFerretdb(candidate);
    if ('problem' in checked) {
      throw new ConfigurationError(`${ENV.ferretdbPath} is ${candidate}, but ${checked.problem}`);
    }
    return { path: candidate, version: checked.version, source: ENV.ferretdbPath };
  }
  tried.push(`${ENV.ferretdbPath}: unset`);

  const places = [
    { candidate: await findOnPath(env), source: 'PATH', where: 'on PATH' },
    {
      candidate: cachedFerretdbPath(cacheDir),
      source: `the cache folder ${cacheDir}`,
      where: `in the cache folder ${cacheDir}`,
    },
  ];
  for (const { candidate, source, where } of places) {
    if (candidate === undefined || !(await isExecutable(candidate))) {
      tried.push(`ferretdb ${where}: none`);
      continue;
    }
    const checked = await checkFerretdb(candidate);
    if ('version' in checked) return { path: candidate, version: checked.version, source };
    logger.warning(`Skipping ${candidate}: ${checked.problem}`);
    tried.push(`ferretdb ${where}: ${checked.problem}`);
  }
  return undefined;
}

/** Runs `ferretdb --version`; a plain `go install` build panics here, lacking `version.txt`. */
export async function checkFerretdb(
  file: string,
): Promise<{ version: string } | { problem: string }> {
  const result = await runCommand(file, ['--version'], { timeoutMs: 15_000 });
  const version = /^version:\s*(\S+)/m.exec(result.stdout)?.[1];
  if (result.ok && version !== undefined) return { version };
  const output = [result.stdout, result.stderr]
    .join('\n')
    .trim()
    .split('\n')
    .slice(0, 4)
    .join('\n');
  const hint = output.includes('version.txt')
    ? '\n(built by a plain `go install`, which cannot run; see local/mongo/ferretdb-build.ts)'
    : '';
  return {
    problem: `\`${file} --version\` ${result.failure ?? 'printed no version'}:\n${output}${hint}`,
  };
}

async function findOnPath(env: Environment): Promise<string | undefined> {
  const dirs = (envValue(env, 'PATH') ?? '').split(path.delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    const candidate = path.join(dir, executableName('ferretdb'));
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
