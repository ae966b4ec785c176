import { runRecorded, type RecordedRun } from '../../support/recording-runtime.js';
import { action } from '../../../actions/watchdog/src/main.js';
import type { GitHubEmulator, WorkflowRunInput } from '../../../local/sandbox/github/server.js';
import { githubTime } from '../../../local/sandbox/github/github-time.js';

/** The repository the tests watch. */
export const OWNER = 'phx';
export const REPO = 'pipeline';
export const NIGHTLY = 'data-collection.yml';

/** What one run of the action did, as a runner would see it. */
export type ActionRun = RecordedRun;

/** Points the action at `github` the way a runner's variables would; returns the restore. */
export function useRunnerEnv(github: GitHubEmulator): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, {
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '7001',
  });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

/** Runs the watchdog's `run()` path with `inputs` (kebab-case) through a recording runtime. */
export async function runWatchdog(inputs: Record<string, string>): Promise<ActionRun> {
  return runRecorded(action, inputs);
}

/** GitHub's timestamp of `hours` ago. */
export const hoursAgo = (hours: number): string =>
  githubTime(new Date(Date.now() - hours * 3_600_000));

/** Adds a nightly run of `workflow` created `hours` ago; returns its id. */
export function addRun(
  github: GitHubEmulator,
  hours: number,
  run: Omit<WorkflowRunInput, 'createdAt'> = {},
): number {
  return github.state.addWorkflowRun(OWNER, REPO, {
    workflow: NIGHTLY,
    ...run,
    createdAt: hoursAgo(hours),
  });
}

/** The `PUT .../enable` requests the emulator answered, with their status. */
export const enableCalls = (github: GitHubEmulator) =>
  github.state.requests.filter(
    (request) => request.method === 'PUT' && request.path.endsWith('/enable'),
  );
