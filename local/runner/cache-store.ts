import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execute = promisify(execFile);

/** One saved cache: its key, the paths it holds (its version) and when it was saved. */
interface CacheEntry {
  key: string;
  version: string;
  id: string;
  createdAt: string;
  /** Per path: whether it was a folder (restored into it) or a file (restored beside it). */
  kinds: Array<'dir' | 'file' | 'missing'>;
}

/** A cache request: `actions/cache`'s `key`, `restore-keys` and `path` lines, paths resolved. */
export interface CacheRequest {
  key: string;
  restoreKeys: string[];
  /** The `path` lines as written: with the same lines, a cache matches (GitHub's version). */
  paths: string[];
  /** Each path line resolved against the job (`~` is its HOME, relative is its workspace). */
  resolved: string[];
}

/**
 * The local store behind `actions/cache`, kept under `root` between runs as GitHub keeps caches
 * between workflow runs: exact key first, then `restore-keys` as prefixes (newest first), only
 * among caches of the same paths; a key once saved is never overwritten.
 */
export class CacheStore {
  readonly #root: string;
  #lock: Promise<unknown> = Promise.resolve();

  constructor(root: string) {
    this.#root = root;
  }

  /** Restores the best match into the job's paths; says which key it restored, if any. */
  async restore(request: CacheRequest): Promise<{ matchedKey?: string; exact: boolean }> {
    const entry = this.#match(await this.#index(), request);
    if (!entry) return { exact: false };
    for (const [index, target] of request.resolved.entries()) {
      const kind = entry.kinds[index];
      if (kind === 'missing' || kind === undefined) continue;
      const into = kind === 'dir' ? target : dirname(target);
      await mkdir(into, { recursive: true });
      await execute('tar', ['-xzf', join(this.#root, entry.id, `${index}.tar.gz`), '-C', into]);
    }
    return { matchedKey: entry.key, exact: entry.key === request.key };
  }

  /** Saves the job's paths under `request.key` unless that key exists already. */
  save(request: CacheRequest): Promise<'saved' | 'exists' | 'empty'> {
    const next = this.#lock.then(() => this.#save(request));
    this.#lock = next.catch(() => undefined);
    return next;
  }

  async #save(request: CacheRequest): Promise<'saved' | 'exists' | 'empty'> {
    const entries = await this.#index();
    const version = versionOf(request.paths);
    if (entries.some((entry) => entry.key === request.key && entry.version === version)) {
      return 'exists';
    }
    const id = randomUUID();
    const dir = join(this.#root, id);
    await mkdir(dir, { recursive: true });
    const kinds: CacheEntry['kinds'] = [];
    for (const [index, source] of request.resolved.entries()) {
      const info = await stat(source).catch(() => undefined);
      const kind = info?.isDirectory() ? 'dir' : info ? 'file' : 'missing';
      kinds.push(kind);
      if (kind === 'missing') continue;
      const [cwd, member] = kind === 'dir' ? [source, '.'] : [dirname(source), basename(source)];
      await execute('tar', ['-czf', join(dir, `${index}.tar.gz`), '-C', cwd, member]);
    }
    if (kinds.every((kind) => kind === 'missing')) {
      await rm(dir, { recursive: true, force: true });
      return 'empty';
    }
    const createdAt = new Date().toISOString();
    await this.#write([...entries, { key: request.key, version, id, createdAt, kinds }]);
    return 'saved';
  }

  #match(entries: CacheEntry[], request: CacheRequest): CacheEntry | undefined {
    const version = versionOf(request.paths);
    const candidates = entries
      .filter((entry) => entry.version === version)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const exact = candidates.find((entry) => entry.key === request.key);
    if (exact) return exact;
    for (const prefix of request.restoreKeys) {
      const found = candidates.find((entry) => entry.key.startsWith(prefix));
      if (found) return found;
    }
    return undefined;
  }

  async #index(): Promise<CacheEntry[]> {
    const text = await readFile(join(this.#root, 'index.json'), 'utf8').catch(() => '[]');
    return JSON.parse(text) as CacheEntry[];
  }

  async #write(entries: CacheEntry[]): Promise<void> {
    await mkdir(this.#root, { recursive: true });
    const temp = join(this.#root, `index.json.${process.pid}.tmp`);
    await writeFile(temp, `${JSON.stringify(entries, null, 2)}\n`);
    await rename(temp, join(this.#root, 'index.json'));
  }
}

function versionOf(paths: string[]): string {
  return createHash('sha256').update(paths.join('\n')).digest('hex');
}
