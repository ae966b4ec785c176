import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError } from '../../shared/errors.js';

const execute = promisify(execFile);

/** The folders a job instance gets, all new and empty, as on a fresh GitHub-hosted runner. */
export interface JobFolders {
  /** `GITHUB_WORKSPACE`: empty until `actions/checkout` fills it. */
  workspace: string;
  /** `RUNNER_TEMP`. */
  temp: string;
  /** `HOME`. */
  home: string;
  /** `RUNNER_TOOL_CACHE`. */
  toolCache: string;
}

/** Makes a job instance's fresh folders under `dir`. */
export async function makeJobFolders(dir: string): Promise<JobFolders> {
  const folders = {
    workspace: join(dir, 'workspace'),
    temp: join(dir, 'temp'),
    home: join(dir, 'home'),
    toolCache: join(dir, 'tool-cache'),
  };
  await Promise.all(Object.values(folders).map((folder) => mkdir(folder, { recursive: true })));
  return folders;
}

/** Removes a finished job's folders (its logs stay), as a hosted runner is thrown away. */
export async function removeJobFolders(folders: JobFolders): Promise<void> {
  const paths = [folders.workspace, folders.temp, folders.home, folders.toolCache];
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true, maxRetries: 3 })));
}

/**
 * Copies what `actions/checkout` would give, the repository's tracked files as they are in the
 * working tree (plus new files git does not ignore, so local edits count), into `dest` once per
 * run: never `node_modules`, ignored build output or anything a job writes later.
 */
export async function snapshotTree(repository: string, dest: string): Promise<number> {
  const listed = await execute(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repository, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: Error) => {
    throw new ConfigurationError(
      `the local runner checks out the repository at ${repository} with git, which failed: ${error.message}`,
    );
  });
  const files = [...new Set(listed.stdout.split('\0').filter((file) => file !== ''))];
  let copied = 0;
  for (const file of files) {
    const source = join(repository, file);
    // A tracked file deleted in the working tree is not checked out.
    if (!(await stat(source).catch(() => undefined))?.isFile()) continue;
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await copyFile(source, join(dest, file));
    copied += 1;
  }
  return copied;
}

/**
 * `actions/checkout`: the run's snapshot of the tree into the job's workspace (or `path` in it).
 * The system's `cp -a` (GNU or BSD) copies the ~800 files in a fifth of the time Node's `fs.cp`
 * takes, a few tenths of a second per job; `fs.cp` where there is no `cp`.
 */
export async function checkout(snapshot: string, workspace: string, path = ''): Promise<string> {
  const target = join(workspace, path);
  await mkdir(target, { recursive: true });
  try {
    await execute('cp', ['-a', `${snapshot}/.`, target]);
  } catch {
    await cp(snapshot, target, { recursive: true });
  }
  return target;
}
