import { ENV } from '../../shared/env.js';
import { makeRuntimeToken } from './token.js';

/**
 * The variables `@actions/artifact` (6.x) needs; runners give them to JavaScript actions only,
 * not to `run:` steps. The client reads `process.env` at call time, not at import.
 *
 * It also reads, when set:
 * - `GITHUB_SERVER_URL`: must be unset, `https://github.com`, a `*.ghe.com` or a `*.localhost`
 *   host, else every call fails with GHESNotSupportedError;
 * - `GITHUB_WORKSPACE`: default download folder when `downloadArtifact` gets no `path`;
 * - `GITHUB_RETENTION_DAYS`: the repository's cap on `retentionDays`;
 * - `ACTIONS_ARTIFACT_UPLOAD_CONCURRENCY` (default 5 parallel blocks),
 *   `ACTIONS_ARTIFACT_UPLOAD_TIMEOUT_MS` (stall timeout, default 300000);
 * - `ACTIONS_ARTIFACT_MAX_ARTIFACT_COUNT` (list cap, read once when the module is imported).
 */
export interface ArtifactClientEnv {
  /** JWT whose `scp` claim names the run and job (`Actions.Results:<run>:<job>`). */
  ACTIONS_RUNTIME_TOKEN: string;
  /** Base URL of the Results service; the client uses only its origin. */
  ACTIONS_RESULTS_URL: string;
  [name: string]: string;
}

/** The environment that points `@actions/artifact` at the service at `origin`, as job `jobBackendId` of run `runBackendId`. */
export function artifactClientEnv(
  origin: string,
  runBackendId: string,
  jobBackendId: string,
): ArtifactClientEnv {
  return {
    [ENV.actionsRuntimeToken]: makeRuntimeToken(runBackendId, jobBackendId),
    [ENV.actionsResultsUrl]: `${origin}/`,
  };
}
