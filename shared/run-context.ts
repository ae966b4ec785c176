import { ConfigurationError } from './errors.js';

/** Where an action runs: the workflow run and the runner's folders, from the runner's variables. */
export interface RunContext {
  /** `GITHUB_RUN_ID`; the local runner sets one too. */
  runId: string;
  /** `GITHUB_RUN_ATTEMPT`, 1 for the first attempt. */
  runAttempt: number;
  /** `owner/name` from `GITHUB_REPOSITORY`, or undefined outside a runner. */
  repository: string | undefined;
  /** Link to the run page, or undefined when the repository is unknown. */
  runUrl: string | undefined;
  /** `GITHUB_WORKSPACE`, else the current folder. */
  workspace: string;
  /** `RUNNER_TEMP`, else the system's temp folder. */
  tempDir: string;
}

/**
 * Reads the run context from `env` (default `process.env`). `GITHUB_RUN_ID` is required: artifacts
 * and ledgers are keyed by it, so a missing one is a configuration error, not a silent default.
 * Not @actions/github's `context`: it reads `process.env` once, at import, and lacks the folders.
 */
export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const runId = env.GITHUB_RUN_ID?.trim();
  if (!runId || !/^[\w.-]+$/.test(runId)) {
    throw new ConfigurationError(
      `GITHUB_RUN_ID: expected the workflow run id (set by runners and by the local runner), got '${runId ?? ''}'`,
    );
  }
  const repository = env.GITHUB_REPOSITORY?.trim() || undefined;
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/$/, '');
  return {
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    repository,
    runUrl: repository ? `${server}/${repository}/actions/runs/${runId}` : undefined,
    workspace: env.GITHUB_WORKSPACE?.trim() || process.cwd(),
    tempDir: env.RUNNER_TEMP?.trim() || (env.TMPDIR ?? '/tmp'),
  };
}
