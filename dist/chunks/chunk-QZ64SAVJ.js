import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  Octokit
} from "./chunk-4IUK4VYA.js";
import {
  ConfigurationError,
  ENV,
  NonRetryableError,
  RetryableError,
  readEnv,
  stringInput
} from "./chunk-3KN6ANL6.js";

// shared/github/client.ts
import { setTimeout as sleep } from "node:timers/promises";

// shared/github/issues-disabled.ts
var ISSUES_DISABLED_FIX = "Issues are disabled for this repository: enable them in Settings \u2192 General \u2192 Features \u2192 Issues";
var IssuesDisabledError = class extends ConfigurationError {
  constructor() {
    super(ISSUES_DISABLED_FIX);
  }
};
function isIssuesDisabled(status, message) {
  return status === 410 && /issues are disabled/i.test(message ?? "");
}

// shared/github/client.ts
var DEFAULT_GITHUB_RETRY = {
  attempts: 5,
  baseDelayMs: 1e3,
  maxWaitMs: 12e4
};
var GitHubRefusal = class extends NonRetryableError {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
var header = (error, name) => {
  const value = error.response?.headers?.[name];
  return value === void 0 ? void 0 : String(value);
};
function retryDelay(error, attempt, policy) {
  const { status } = error;
  const limited = status === 403 || status === 429;
  const retryAfter = header(error, "retry-after");
  if (limited && retryAfter !== void 0) return Number(retryAfter) * 1e3;
  if (limited && /secondary rate limit/i.test(error.message ?? "")) return 6e4;
  if (limited && header(error, "x-ratelimit-remaining") === "0")
    return Math.max(0, Number(header(error, "x-ratelimit-reset")) * 1e3 - Date.now());
  if (status === void 0 || status >= 500)
    return Math.random() * policy.baseDelayMs * 2 ** (attempt - 1);
  return void 0;
}
function refusal(error, what, permission) {
  const message = error.message ?? "no message";
  if (isIssuesDisabled(error.status, message)) return new IssuesDisabledError();
  if (error.status === 401)
    return new ConfigurationError(
      `input 'github-token': GitHub refused the token (401 ${message}); expected a valid token such as secrets.GITHUB_TOKEN`
    );
  if (error.status === 403 && /not accessible|permission|forbidden/i.test(message))
    return new ConfigurationError(
      `input 'github-token': the token may not ${what} (403 ${message}); give the job ${permission}`
    );
  return new GitHubRefusal(
    error.status ?? 0,
    `GitHub answered ${error.status} to ${what}: ${message}`
  );
}
function createGitHubClient(options) {
  const policy = options.retry ?? DEFAULT_GITHUB_RETRY;
  const { logger } = options;
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? readEnv(ENV.githubApiUrl) ?? "https://api.github.com",
    userAgent: options.userAgent,
    log: {
      debug: () => void 0,
      info: () => void 0,
      warn: (message) => logger.debug(message),
      error: (message) => logger.debug(message)
    }
  });
  octokit.hook.wrap("request", async (request, endpoint) => {
    const path = String(endpoint.url).replace(
      /\{(\w+)\}/g,
      (hole, key) => key in endpoint ? encodeURIComponent(String(endpoint[key])) : hole
    );
    const what = `${endpoint.method} ${path}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request(endpoint);
      } catch (caught) {
        const error = caught;
        const wait = retryDelay(error, attempt, policy);
        if (wait === void 0) throw refusal(error, what, options.permission(endpoint.method));
        if (attempt >= policy.attempts || wait > policy.maxWaitMs)
          throw new RetryableError(
            `GitHub kept failing ${what} after ${attempt} tries: ${error.status ?? ""} ${error.message ?? ""}`.trim()
          );
        logger.info(
          `GitHub answered ${error.status ?? "no response"} to ${what}; retrying in ${Math.round(wait)} ms`
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}

// shared/github/repository.ts
var repositoryPattern = /^[\w.-]+\/[\w.-]+$/;
var repositoryInput = stringInput().refine(
  (value) => value === "" || repositoryPattern.test(value),
  { message: "expected owner/name, e.g. octo-org/phx-pipeline" }
);
function splitRepository(repository) {
  if (!repository || !repositoryPattern.test(repository))
    throw new ConfigurationError(
      "input 'repository': expected owner/name; it is empty and GITHUB_REPOSITORY is not set"
    );
  const [owner = "", repo = ""] = repository.split("/");
  return { repository, owner, repo };
}

export {
  ISSUES_DISABLED_FIX,
  GitHubRefusal,
  createGitHubClient,
  repositoryInput,
  splitRepository
};
