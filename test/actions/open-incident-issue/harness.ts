import { runRecorded, type RecordedRun } from '../../support/recording-runtime.js';
import { action } from '../../../actions/open-incident-issue/src/main.js';
import type { GitHubEmulator } from '../../../local/sandbox/github/server.js';

/** The repository the tests file issues in. */
export const OWNER = 'phx';
export const REPO = 'pipeline';

/** What one run of the action did, as a runner would see it. */
export type ActionRun = RecordedRun;

/**
 * Points the action at `github` the way a runner's variables would (API URL, repository, run id)
 * and returns a function that restores the previous environment.
 */
export function useRunnerEnv(github: GitHubEmulator, runId = '1001'): (runId?: string) => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: runId,
  });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

/** Sets the run id later runs report, as the next nightly run would have. */
export function setRunId(runId: string): void {
  process.env.GITHUB_RUN_ID = runId;
}

/** Runs the action's `run()` path with `inputs` (kebab-case) through a recording runtime. */
export async function runIncident(inputs: Record<string, string>): Promise<ActionRun> {
  return runRecorded(action, inputs);
}

/** Every text the emulator holds for the repository: titles, bodies and comments of all issues. */
export function everythingPosted(github: GitHubEmulator): string {
  return github.state
    .issues(OWNER, REPO)
    .flatMap((issue) => [
      issue.title,
      issue.body ?? '',
      ...github.state.comments(OWNER, REPO, issue.number).map((comment) => comment.body),
    ])
    .join('\n');
}

/** Open issues labelled `incident`. */
export function openIncidents(github: GitHubEmulator) {
  return github.state
    .issues(OWNER, REPO)
    .filter((issue) => issue.state === 'open' && issue.labels.includes('incident'));
}
