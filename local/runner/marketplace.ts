import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '../../shared/errors.js';
import { inputLines, jobPath } from './action-io.js';
import type { CacheRequest, CacheStore } from './cache-store.js';
import { checkout, type JobFolders } from './workspace.js';

/** A step the runner runs after the job's steps, as an action's `post:` (e.g. the cache save). */
export interface PostStep {
  label: string;
  /** GitHub runs `actions/cache`'s save only when the job has succeeded so far. */
  onlyOnSuccess: boolean;
  /** Does the work; returns a note for the step line. */
  run(): Promise<string>;
}

/** What the marketplace emulations work with in a job. */
export interface MarketplaceHost {
  /** The run's snapshot of the repository, which `actions/checkout` copies. */
  snapshot: string;
  folders: JobFolders;
  cache: CacheStore;
  addPost(post: PostStep): void;
}

/** A marketplace step's outcome: its outputs and a note saying what it did. */
export interface NativeResult {
  outputs: Record<string, string>;
  note: string;
}

/**
 * The programs the runner runs (as node processes, like the real JavaScript actions, with the
 * artifact service's token) for the artifact actions.
 */
export const ARTIFACT_PROGRAMS: Record<string, string> = {
  'actions/download-artifact': fileURLToPath(new URL('./download-artifact.ts', import.meta.url)),
  'actions/upload-artifact': fileURLToPath(new URL('./upload-artifact.ts', import.meta.url)),
};

/** Marketplace actions the runner emulates in-process, by `owner/name`. */
const native: Record<
  string,
  (inputs: Record<string, string>, host: MarketplaceHost) => Promise<NativeResult>
> = {
  'actions/checkout': async (inputs, host) => {
    const target = await checkout(host.snapshot, host.folders.workspace, inputs.path ?? '');
    return {
      outputs: {},
      note: `checked out the working tree's tracked files${inputs.path ? ` into ${target}` : ''}`,
    };
  },
  'actions/setup-node': () =>
    Promise.resolve({
      outputs: { 'node-version': process.version },
      note: 'uses this machine\u2019s node',
    }),
  'actions/setup-go': () => Promise.resolve({ outputs: {}, note: 'uses this machine\u2019s Go' }),
  'actions/cache': async (inputs, host) => {
    const request = cacheRequest(inputs, host.folders);
    const restored = await host.cache.restore(request);
    if (!restored.exact) {
      host.addPost({
        label: `Post cache ${request.key}`,
        onlyOnSuccess: true,
        run: async () => `cache ${request.key}: ${await host.cache.save(request)}`,
      });
    }
    const note = restored.matchedKey
      ? `restored cache ${restored.matchedKey}`
      : `no cache for ${request.key}`;
    return { outputs: { 'cache-hit': String(restored.exact) }, note };
  },
};

/** Names the marketplace actions the runner can run, for the error about one it cannot. */
export const KNOWN_ACTIONS = [...Object.keys(native), ...Object.keys(ARTIFACT_PROGRAMS)];

/** Runs an emulated marketplace action, or undefined when it is not one run in-process. */
export function runNative(
  uses: string,
  inputs: Record<string, string>,
  host: MarketplaceHost,
): Promise<NativeResult> | undefined {
  return native[uses.split('@')[0] ?? '']?.(inputs, host);
}

function cacheRequest(inputs: Record<string, string>, folders: JobFolders): CacheRequest {
  const paths = inputLines(inputs.path);
  const key = inputs.key?.trim() ?? '';
  if (key === '' || paths.length === 0) {
    throw new ConfigurationError('actions/cache needs the inputs `key` and `path`');
  }
  const globbed = paths.find((path) => /[*?[]/.test(path) || path.startsWith('!'));
  if (globbed) {
    throw new ConfigurationError(
      `actions/cache path '${globbed}': the local runner takes no globs`,
    );
  }
  const resolved = paths.map((path) => jobPath(path, folders.home, folders.workspace));
  return { key, restoreKeys: inputLines(inputs['restore-keys']), paths, resolved };
}
