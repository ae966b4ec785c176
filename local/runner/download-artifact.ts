import { appendFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { downloadArtifactChecked, matchArtifacts } from '../../shared/io/artifact.js';
import { errorMessage } from '../../shared/errors.js';

/**
 * What the local runner runs for `actions/download-artifact`: a node process with the step's
 * `INPUT_*` variables and the artifact service's token (scoped to `run-id`'s run when given), so
 * the download goes through the Results service exactly as the real action's does.
 * With `name`, that artifact is extracted into `path`; otherwise every artifact `pattern` matches
 * (all of them without one) goes into `path/<name>`, or straight into `path` with `merge-multiple`.
 */
async function main(): Promise<void> {
  const input = (name: string) => (process.env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const path = resolve(workspace, input('path').replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
  const client = new DefaultArtifactClient();
  const name = input('name');
  if (name !== '') {
    await downloadArtifactChecked(client, name, path);
    process.stdout.write(`Artifact '${name}' downloaded to ${path}\n`);
  } else {
    const { names } = await matchArtifacts(client, [input('pattern') || '*']);
    const merge = input('merge-multiple') === 'true';
    for (const artifact of names) {
      const dest = merge ? path : join(path, artifact);
      await mkdir(dest, { recursive: true });
      await downloadArtifactChecked(client, artifact, dest);
      process.stdout.write(`Artifact '${artifact}' downloaded to ${dest}\n`);
    }
    process.stdout.write(`${names.length} artifact(s) downloaded\n`);
  }
  const output = process.env.GITHUB_OUTPUT;
  if (output) await appendFile(output, `download-path=${path}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`::error::Unable to download artifact(s): ${errorMessage(error)}\n`);
  process.exit(1);
});
