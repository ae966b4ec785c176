import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  ConfigurationError,
  ENV,
  NonRetryableError,
  RetryableError,
  getOctokit,
  readEnv,
  require_light,
  retry
} from "./chunk-24OGRAKZ.js";
import {
  __toESM
} from "./chunk-Z67Z3DOX.js";

// node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var import_light = __toESM(require_light(), 1);
var VERSION = "0.0.0-development";
var noop = () => Promise.resolve();
function wrapRequest(state, request, options) {
  return state.retryLimiter.schedule(doRequest, state, request, options);
}
async function doRequest(state, request, options) {
  const { pathname } = new URL(options.url, "http://github.test");
  const isAuth = isAuthRequest(options.method, pathname);
  const isWrite = !isAuth && options.method !== "GET" && options.method !== "HEAD";
  const isSearch = options.method === "GET" && pathname.startsWith("/search/");
  const isGraphQL = pathname.startsWith("/graphql");
  const retryCount = ~~request.retryCount;
  const jobOptions = retryCount > 0 ? { priority: 0, weight: 0 } : {};
  if (state.clustering) {
    jobOptions.expiration = 1e3 * 60;
  }
  if (isWrite || isGraphQL) {
    await state.write.key(state.id).schedule(jobOptions, noop);
  }
  if (isWrite && state.triggersNotification(pathname)) {
    await state.notifications.key(state.id).schedule(jobOptions, noop);
  }
  if (isSearch) {
    await state.search.key(state.id).schedule(jobOptions, noop);
  }
  const req = (isAuth ? state.auth : state.global).key(state.id).schedule(jobOptions, request, options);
  if (isGraphQL) {
    const res = await req;
    if (res.data.errors != null && res.data.errors.some((error) => error.type === "RATE_LIMITED")) {
      const error = Object.assign(new Error("GraphQL Rate Limit Exceeded"), {
        response: res,
        data: res.data
      });
      throw error;
    }
  }
  return req;
}
function isAuthRequest(method, pathname) {
  return method === "PATCH" && // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-a-scoped-access-token
  /^\/applications\/[^/]+\/token\/scoped$/.test(pathname) || method === "POST" && // https://docs.github.com/en/rest/apps/oauth-applications?apiVersion=2022-11-28#reset-a-token
  (/^\/applications\/[^/]+\/token$/.test(pathname) || // https://docs.github.com/en/rest/apps/apps?apiVersion=2022-11-28#create-an-installation-access-token-for-an-app
  /^\/app\/installations\/[^/]+\/access_tokens$/.test(pathname) || // https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
  pathname === "/login/oauth/access_token");
}
var triggers_notification_paths_default = [
  "/orgs/{org}/invitations",
  "/orgs/{org}/invitations/{invitation_id}",
  "/orgs/{org}/teams/{team_slug}/discussions",
  "/orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments",
  "/repos/{owner}/{repo}/collaborators/{username}",
  "/repos/{owner}/{repo}/commits/{commit_sha}/comments",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issue",
  "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
  "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
  "/repos/{owner}/{repo}/pulls/{pull_number}/merge",
  "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
  "/repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "/repos/{owner}/{repo}/releases",
  "/teams/{team_id}/discussions",
  "/teams/{team_id}/discussions/{discussion_number}/comments"
];
function routeMatcher(paths) {
  const regexes = paths.map(
    (path) => path.split("/").map((c) => c.startsWith("{") ? "(?:.+?)" : c).join("/")
  );
  const regex2 = `^(?:${regexes.map((r) => `(?:${r})`).join("|")})[^/]*$`;
  return new RegExp(regex2, "i");
}
var regex = routeMatcher(triggers_notification_paths_default);
var triggersNotification = regex.test.bind(regex);
var groups = {};
var createGroups = function(Bottleneck, common) {
  groups.global = new Bottleneck.Group({
    id: "octokit-global",
    maxConcurrent: 10,
    ...common
  });
  groups.auth = new Bottleneck.Group({
    id: "octokit-auth",
    maxConcurrent: 1,
    ...common
  });
  groups.search = new Bottleneck.Group({
    id: "octokit-search",
    maxConcurrent: 1,
    minTime: 2e3,
    ...common
  });
  groups.write = new Bottleneck.Group({
    id: "octokit-write",
    maxConcurrent: 1,
    minTime: 1e3,
    ...common
  });
  groups.notifications = new Bottleneck.Group({
    id: "octokit-notifications",
    maxConcurrent: 1,
    minTime: 3e3,
    ...common
  });
};
function throttling(octokit, octokitOptions) {
  const {
    enabled = true,
    Bottleneck = import_light.default,
    id = "no-id",
    timeout = 1e3 * 60 * 2,
    // Redis TTL: 2 minutes
    connection
  } = octokitOptions.throttle || {};
  if (!enabled) {
    return {};
  }
  const common = { timeout };
  if (typeof connection !== "undefined") {
    common.connection = connection;
  }
  const state = Object.assign(
    {
      clustering: connection != null,
      triggersNotification,
      fallbackSecondaryRateRetryAfter: 60,
      retryAfterBaseValue: 1e3,
      id
    },
    octokitOptions.throttle
  );
  if (typeof state.onSecondaryRateLimit !== "function" || typeof state.onRateLimit !== "function") {
    throw new Error(`octokit/plugin-throttling error:
        You must pass the onSecondaryRateLimit and onRateLimit error handlers.
        See https://octokit.github.io/rest.js/#throttling

        const octokit = new Octokit({
          throttle: {
            onSecondaryRateLimit: (retryAfter, options) => {/* ... */},
            onRateLimit: (retryAfter, options) => {/* ... */}
          }
        })
    `);
  }
  let initialized = false;
  const initializeBottleneck = () => {
    if (initialized) {
      return;
    }
    initialized = true;
    if (groups.global == null) {
      createGroups(Bottleneck, common);
    }
    state.global = state.global ?? groups.global;
    state.auth = state.auth ?? groups.auth;
    state.search = state.search ?? groups.search;
    state.write = state.write ?? groups.write;
    state.notifications = state.notifications ?? groups.notifications;
    state.retryLimiter = state.retryLimiter ?? new Bottleneck();
    const events = {};
    const emitter = new Bottleneck.Events(events);
    events.on("secondary-limit", state.onSecondaryRateLimit);
    events.on("rate-limit", state.onRateLimit);
    events.on(
      "error",
      (e) => octokit.log.warn("Error in throttling-plugin limit handler", e)
    );
    state.retryLimiter.on("failed", async function(error, info) {
      const [state2, request, options] = info.args;
      const { pathname } = new URL(options.url, "http://github.test");
      const shouldRetryGraphQL = pathname.startsWith("/graphql") && error.status !== 401;
      if (!(shouldRetryGraphQL || error.status === 403 || error.status === 429)) {
        return;
      }
      const retryCount = ~~request.retryCount;
      request.retryCount = retryCount;
      options.request.retryCount = retryCount;
      const { wantRetry, retryAfter = 0 } = await (async function() {
        if (/\bsecondary rate\b/i.test(error.message)) {
          const retryAfter2 = Number(error.response.headers["retry-after"]) || state2.fallbackSecondaryRateRetryAfter;
          const wantRetry2 = await emitter.trigger(
            "secondary-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        if (error.response.headers != null && error.response.headers["x-ratelimit-remaining"] === "0" || (error.response.data?.errors ?? []).some(
          (error2) => error2.type === "RATE_LIMITED"
        )) {
          const rateLimitReset = new Date(
            ~~error.response.headers["x-ratelimit-reset"] * 1e3
          ).getTime();
          const retryAfter2 = Math.max(
            // Add one second so we retry _after_ the reset time
            // https://docs.github.com/en/rest/overview/resources-in-the-rest-api?apiVersion=2022-11-28#exceeding-the-rate-limit
            Math.ceil((rateLimitReset - Date.now()) / 1e3) + 1,
            0
          );
          const wantRetry2 = await emitter.trigger(
            "rate-limit",
            retryAfter2,
            options,
            octokit,
            retryCount
          );
          return { wantRetry: wantRetry2, retryAfter: retryAfter2 };
        }
        return {};
      })();
      if (wantRetry) {
        request.retryCount++;
        return retryAfter * state2.retryAfterBaseValue;
      }
    });
  };
  octokit.hook.wrap("request", (request, options) => {
    initializeBottleneck();
    return wrapRequest(state, request, options);
  });
  return {};
}
throttling.VERSION = VERSION;
throttling.triggersNotification = triggersNotification;

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

// shared/github/refusal.ts
var GitHubRefusal = class extends NonRetryableError {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
var GitHubNoAnswer = class extends RetryableError {
};
var header = (error, name) => {
  const value = error.response?.headers?.[name];
  return value === void 0 ? void 0 : String(value);
};
function describeRequest(endpoint) {
  const url = endpoint.url.replace(
    /\{(\w+)\}/g,
    (hole, key) => key in endpoint ? encodeURIComponent(String(endpoint[key])) : hole
  );
  return `${endpoint.method} ${new URL(url, "http://api").pathname}`;
}
function rateLimitOf(error, now = Date.now()) {
  if (error.status !== 403 && error.status !== 429) return void 0;
  if (/\bsecondary rate\b/i.test(error.message ?? ""))
    return {
      kind: "secondary rate limit",
      waitSeconds: Number(header(error, "retry-after")) || 60
    };
  if (header(error, "x-ratelimit-remaining") !== "0") return void 0;
  const reset = Number(header(error, "x-ratelimit-reset")) * 1e3;
  return { kind: "rate limit", waitSeconds: Math.max(0, Math.ceil((reset - now) / 1e3) + 1) };
}
function githubFailure(error, context) {
  const { what, tries } = context;
  const message = error.message ?? "no message";
  const limit = rateLimitOf(error);
  if (limit) {
    const why = limit.waitSeconds * 1e3 > context.maxWaitMs ? `asks to wait ${limit.waitSeconds} s, longer than the ${Math.round(context.maxWaitMs / 1e3)} s this job waits; run it again later` : `still in force after ${tries} tries`;
    return new RetryableError(`GitHub's ${limit.kind} on ${what} ${why} (${message})`, {
      cause: error,
      retryAfterMs: limit.waitSeconds * 1e3
    });
  }
  if (isIssuesDisabled(error.status, message)) return new IssuesDisabledError();
  if (error.status === 401)
    return new ConfigurationError(
      `input 'github-token': GitHub refused the token (401 ${message}); expected a valid token such as secrets.GITHUB_TOKEN`
    );
  if (error.status === 403 && /not accessible|permission|forbidden/i.test(message))
    return new ConfigurationError(
      `input 'github-token': the token may not ${what} (403 ${message}); give the job ${context.permission}`
    );
  if (error.status === void 0 || error.status >= 500) {
    const timedOut = /aborted due to timeout/i.test(message);
    const detail = timedOut ? `no answer within ${Math.round(context.timeoutMs / 1e3)} s` : `${error.status ?? ""} ${message}`.trim();
    return new GitHubNoAnswer(
      `GitHub ${tries > 1 ? `kept failing ${what} after ${tries} tries` : `failed ${what}`}: ${detail}`,
      { cause: error }
    );
  }
  return new GitHubRefusal(error.status, `GitHub answered ${error.status} to ${what}: ${message}`);
}

// shared/github/client.ts
var DEFAULT_TIMEOUT_MS = 3e4;
var DEFAULT_GITHUB_RETRY = {
  attempts: 5,
  baseDelayMs: 500,
  maxWaitMs: 6e4,
  timeoutMs: DEFAULT_TIMEOUT_MS
};
var DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
var UNSPACED = {
  key: () => ({
    schedule: (_job, task, ...args) => Promise.resolve(task(...args))
  })
};
function createGitHubClient(options) {
  const policy = options.retry ?? DEFAULT_GITHUB_RETRY;
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { logger } = options;
  const tries = /* @__PURE__ */ new WeakMap();
  const timeouts = /* @__PURE__ */ new WeakSet();
  const countTries = (octokit2) => {
    octokit2.hook.wrap("request", async (request, endpoint) => {
      const tried = (tries.get(endpoint) ?? 0) + 1;
      tries.set(endpoint, tried);
      const signal = endpoint.request?.signal;
      if (signal === void 0 || timeouts.has(signal)) {
        const timeout = AbortSignal.timeout(timeoutMs);
        timeouts.add(timeout);
        endpoint.request = { ...endpoint.request, signal: timeout };
      }
      try {
        return await request(endpoint);
      } catch (error) {
        const { status } = error;
        const retried = typeof error === "object" && error !== null && "request" in error && (status ?? 0) >= 400 && !DO_NOT_RETRY.includes(status ?? 0);
        if (retried && tried < policy.attempts)
          logger.info(
            `GitHub answered ${status} to ${describeRequest(endpoint)}; trying again (try ${tried + 1} of ${policy.attempts})`
          );
        throw error;
      }
    });
  };
  const onLimit = (kind) => (retryAfter, endpoint) => {
    const tried = tries.get(endpoint) ?? 1;
    const what = describeRequest(endpoint);
    if (retryAfter * 1e3 > policy.maxWaitMs || tried >= policy.attempts) {
      logger.warning(`GitHub's ${kind} on ${what} asks to wait ${retryAfter} s: giving up`);
      return false;
    }
    logger.info(
      `GitHub's ${kind} on ${what}: waiting ${retryAfter} s, then try ${tried + 1} of ${policy.attempts}`
    );
    return true;
  };
  const octokit = getOctokit(
    options.token,
    {
      // @actions/github reads GITHUB_API_URL once, on import; read it when the client is made.
      baseUrl: options.baseUrl ?? readEnv(ENV.githubApiUrl) ?? "https://api.github.com",
      userAgent: options.userAgent,
      retry: {
        retries: policy.attempts - 1,
        retryAfterBaseValue: policy.baseDelayMs,
        doNotRetry: DO_NOT_RETRY
      },
      throttle: {
        write: UNSPACED,
        notifications: UNSPACED,
        onRateLimit: onLimit("rate limit"),
        onSecondaryRateLimit: onLimit("secondary rate limit")
      },
      log: {
        debug: () => void 0,
        info: () => void 0,
        warn: (message) => logger.debug(message),
        error: (message) => logger.debug(message)
      }
    },
    countTries,
    retry,
    throttling
  );
  octokit.hook.wrap("request", async (request, endpoint) => {
    if (endpoint.method === "POST") endpoint.request = { ...endpoint.request, retries: 0 };
    try {
      return await request(endpoint);
    } catch (error) {
      throw githubFailure(error, {
        what: describeRequest(endpoint),
        tries: tries.get(endpoint) ?? 1,
        permission: options.permission(endpoint.method),
        maxWaitMs: policy.maxWaitMs,
        timeoutMs
      });
    }
  });
  return octokit;
}

export {
  ISSUES_DISABLED_FIX,
  GitHubRefusal,
  GitHubNoAnswer,
  createGitHubClient
};
