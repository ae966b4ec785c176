import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-24OGRAKZ.js";

// shared/run-context.ts
function readRunContext(env = process.env) {
  const runId = env.GITHUB_RUN_ID?.trim();
  if (!runId || !/^[\w.-]+$/.test(runId)) {
    throw new ConfigurationError(
      `GITHUB_RUN_ID: expected the workflow run id (set by runners and by the local runner), got '${runId ?? ""}'`
    );
  }
  const repository = env.GITHUB_REPOSITORY?.trim() || void 0;
  const server = (env.GITHUB_SERVER_URL?.trim() || "https://github.com").replace(/\/$/, "");
  return {
    runId,
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT) || 1,
    repository,
    runUrl: repository ? `${server}/${repository}/actions/runs/${runId}` : void 0,
    workspace: env.GITHUB_WORKSPACE?.trim() || process.cwd(),
    tempDir: env.RUNNER_TEMP?.trim() || (env.TMPDIR ?? "/tmp")
  };
}

export {
  readRunContext
};
