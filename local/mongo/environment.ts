import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV } from '../../shared/env.js';

/** The variables provisioning reads; `process.env` unless a caller passes its own (tests do). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The value of `name` in `env`, or undefined when it is unset or blank. */
export function envValue(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * The project's folder for tools it builds or downloads: `explicit`, `PIPELINE_CACHE_DIR`, or
 * `<repo>/.cache`.
 */
export function resolveCacheDir(env: Environment, explicit?: string): string {
  const chosen = explicit ?? envValue(env, ENV.cacheDir);
  return path.resolve(chosen ?? path.join(repositoryRoot(), '.cache'));
}

/** The file name of a program on this platform (`ferretdb` or `ferretdb.exe`). */
export function executableName(name: string): string {
  return process.platform === 'win32' ? `${name}.exe` : name;
}

/** Hides the credentials of a connection string so it can be logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

// Walk up instead of a fixed `../..` so the answer survives bundling into another folder.
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
