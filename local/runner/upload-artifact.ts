import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { errorMessage } from '../../shared/errors.js';
import { replaceEarlierArtifact } from '../../shared/io/artifact.js';
import { consoleLogger } from '../console-logger.js';
import { actionInput, inputLines, jobPath, setStepOutput } from './action-io.js';

/**
 * What the local runner runs for `actions/upload-artifact`: a node process with the step's
 * `INPUT_*` variables and the artifact service's token, uploading through the Results service as
 * the real action does. `path` lines name files or folders (no globs); a name the run already has
 * is refused with the service's 409 unless `overwrite: true`.
 */
async function main(): Promise<void> {
  const input = (name: string) => actionInput(name);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const home = process.env.HOME ?? '~';
  const paths = inputLines(input('path')).map((line) => jobPath(line, home, workspace));
  const name = input('name') || 'artifact';
  const files = (await Promise.all(paths.map(filesUnder))).flat();
  if (files.length === 0) {
    const policy = input('if-no-files-found') || 'warn';
    const message = `No files were found with the provided path: ${paths.join(', ')}. No artifacts will be uploaded.`;
    if (policy === 'error') throw new Error(message);
    if (policy === 'warn') process.stdout.write(`::warning::${message}\n`);
    return;
  }
  const root =
    paths.length === 1 && (await stat(paths[0] ?? '')).isDirectory()
      ? (paths[0] ?? '')
      : commonFolder(files);
  const client = new DefaultArtifactClient();
  if (input('overwrite') === 'true') await replaceEarlierArtifact(client, name, consoleLogger());
  const retention = Number(input('retention-days')) || undefined;
  const { id, size } = await client.uploadArtifact(name, files, root, { retentionDays: retention });
  process.stdout.write(
    `Artifact ${name} uploaded: id ${id}, ${size} bytes, ${files.length} files\n`,
  );
  await setStepOutput('artifact-id', id ?? '');
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function commonFolder(files: string[]): string {
  let folder = dirname(files[0] ?? '/');
  while (files.some((file) => relative(folder, file).startsWith('..'))) folder = dirname(folder);
  return folder;
}

main().catch((error: unknown) => {
  process.stdout.write(`::error::${errorMessage(error)}\n`);
  process.exit(1);
});
