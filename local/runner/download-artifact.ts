import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { downloadArtifactChecked } from '../../shared/io/artifact.js';
import { matchArtifacts } from '../../shared/io/stage-names.js';
import { errorMessage } from '../../shared/errors.js';
import { actionInput, jobPath, setStepOutput } from './action-io.js';

/**
 * What the local runner runs for `actions/download-artifact`: a node process with the step's
 * `INPUT_*` variables and the artifact service's token (scoped to `run-id`'s run when given), so
 * the download goes through the Results service exactly as the real action's does.
 * With `name`, that artifact is extracted into `path`; otherwise every artifact `pattern` matches
 * (all of them without one) goes into `path/<name>`, or straight into `path` with `merge-multiple`.
 */
async function main(): Promise<void> {
  const input = (name: string) => actionInput(name);
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const path = jobPath(input('path'), process.env.HOME ?? '~', workspace);
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
  await setStepOutput('download-path', path);
}

main().catch((error: unknown) => {
  process.stdout.write(`::error::Unable to download artifact(s): ${errorMessage(error)}\n`);
  process.exit(1);
});
