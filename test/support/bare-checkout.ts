import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A copy of the repository as a runner checks it out, and the folder holding it and its jobs. */
export interface BareCheckout {
  workspace: string;
  /** Removes the copy and every job folder. */
  remove(): Promise<void>;
}

/**
 * Copies what a checkout of `root` would hold (tracked files and new ones git does not ignore,
 * as they are in the working tree) into a fresh folder under the OS temp dir, where no parent
 * folder has a `node_modules`.
 */
export async function bareCheckout(root: string): Promise<BareCheckout> {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  // A file deleted in the working tree but still in the index is not part of the next commit.
  const files = listed.split('\0').filter((file) => file !== '' && existsSync(join(root, file)));
  const folder = await mkdtemp(join(tmpdir(), 'bare-checkout-'));
  const workspace = join(folder, 'workspace');
  for (const file of files) {
    await mkdir(dirname(join(workspace, file)), { recursive: true });
    await copyFile(join(root, file), join(workspace, file));
  }
  return { workspace, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** Folders from `dir` up to the file system root that hold a `node_modules` (none, for a test to mean anything). */
export function nodeModulesAbove(dir: string): string[] {
  const found: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) found.push(current);
    if (dirname(current) === current) return found;
  }
}

/** Names of the actions with a bundle, `dist/<name>/index.js`, in `checkout`. */
export async function bundledActions(checkout: string): Promise<string[]> {
  const entries = await readdir(join(checkout, 'dist'), { withFileTypes: true });
  return entries
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(checkout, 'dist', entry.name, 'index.js')),
    )
    .map((entry) => entry.name)
    .sort();
}
