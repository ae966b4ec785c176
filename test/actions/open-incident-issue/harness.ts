import type { ActionRuntime } from '../../../shared/action.js';
import { runAction } from '../../../shared/action.js';
import { memoryLogger } from '../../../shared/logger.js';
import { action } from '../../../actions/open-incident-issue/src/main.js';
import type { GitHubEmulator } from '../../../local/sandbox/github/server.js';

/** The repository the tests file issues in. */
export const OWNER = 'phx';
export const REPO = 'pipeline';

/** What one run of the action did, as a runner would see it. */
export interface ActionRun {
  outputs: Record<string, string>;
  secrets: string[];
  failures: string[];
  summaries: string[];
  lines: string[];
}

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
  const logger = memoryLogger();
  const result: ActionRun = {
    outputs: {},
    secrets: [],
    failures: [],
    summaries: [],
    lines: logger.lines,
  };
  const runtime: ActionRuntime = {
    getInput: (name) => inputs[name] ?? '',
    setSecret: (value) => void result.secrets.push(value),
    setOutput: (name, value) => void (result.outputs[name] = value),
    setFailed: (message) => void result.failures.push(message),
    appendSummary: (markdown) => Promise.resolve(void result.summaries.push(markdown)),
    logger,
  };
  await runAction(action, runtime);
  return result;
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
