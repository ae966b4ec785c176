import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-B4QX6BYH.js";
import {
  NonRetryableError,
  RetryableError
} from "./chunk-24OGRAKZ.js";

// shared/stop-signal.ts
var StopRequest = class extends Error {
  constructor(message) {
    super(message);
    this.name = "StopRequest";
  }
};
function stopRequested(signal) {
  return signal?.aborted === true && signal.reason instanceof StopRequest;
}
var RUNNER_SIGNALS = ["SIGINT", "SIGTERM"];
function runnerStopSignal(source = process) {
  const controller = new AbortController();
  const handlers = RUNNER_SIGNALS.map((name) => {
    const handler = () => {
      for (const [index, other] of RUNNER_SIGNALS.entries())
        source.removeListener(other, handlers[index]);
      controller.abort(
        new StopRequest(`${name} from the runner (the job was cancelled or ran out of time)`)
      );
    };
    source.once(name, handler);
    return handler;
  });
  return controller.signal;
}

// shared/http/classify.ts
var NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "UND_ERR_HEADERS_OVERFLOW",
  "UND_ERR_INFO",
  "EPROTO"
]);
var TIMEOUT_CODES = /* @__PURE__ */ new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
var NETWORK_MESSAGE = /socket hang up|other side closed|terminated|network|ssl|tls|certificate/i;
function classifyStatus(status) {
  if (status < 400) return void 0;
  if (status === 429) return "rate-limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 408) return "timeout";
  if (status >= 500) return "server";
  return "client";
}
function classifyException(error) {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") break;
    const { name, code, message: message2 } = current;
    if (name === "TimeoutError") return "timeout";
    if (name === "HTTPParserError") return "network";
    if (typeof code === "string") {
      if (TIMEOUT_CODES.has(code)) return "timeout";
      if (NETWORK_CODES.has(code) || code.startsWith("HPE_") || code.startsWith("ERR_TLS") || code.includes("CERT")) {
        return "network";
      }
    }
    if (typeof message2 === "string" && NETWORK_MESSAGE.test(message2) && depth > 0) return "network";
    current = current.cause;
  }
  const message = error instanceof Error ? error.message : "";
  return /fetch failed|terminated/i.test(message) ? "network" : "other";
}
function isJsonContentType(contentType) {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}
function looksLikeHtml(body) {
  return /^\s*</.test(body);
}

// shared/http/http-error.ts
var FAILURE_CLASSES = [
  "network",
  "timeout",
  "rate-limited",
  "server",
  "auth",
  "client",
  "bad-body",
  "other"
];
var RETRYABLE = /* @__PURE__ */ new Set([
  "network",
  "timeout",
  "rate-limited",
  "server",
  "bad-body"
]);
function isRetryableClass(failureClass) {
  return RETRYABLE.has(failureClass);
}
var RetryableHttpError = class extends RetryableError {
  /** The failure's class. */
  failureClass;
  /** HTTP status, when a response arrived. */
  status;
  /** Redacted request URL. */
  url;
  constructor(message, details) {
    super(message, { cause: details.cause, retryAfterMs: details.retryAfterMs });
    this.failureClass = details.failureClass;
    this.status = details.status;
    this.url = details.url;
  }
};
var NonRetryableHttpError = class extends NonRetryableError {
  /** The failure's class. */
  failureClass;
  /** HTTP status, when a response arrived. */
  status;
  /** Redacted request URL. */
  url;
  /** Delay the server asked for, kept for callers that schedule a later run. */
  retryAfterMs;
  constructor(message, details) {
    super(message, { cause: details.cause });
    this.failureClass = details.failureClass;
    this.status = details.status;
    this.url = details.url;
    this.retryAfterMs = details.retryAfterMs;
  }
};
function createHttpError(message, details) {
  return isRetryableClass(details.failureClass) ? new RetryableHttpError(message, details) : new NonRetryableHttpError(message, details);
}
function isHttpError(error) {
  return error instanceof RetryableHttpError || error instanceof NonRetryableHttpError;
}
var SOURCE_FAILURES = /* @__PURE__ */ new Set([
  "network",
  "timeout",
  "server",
  "bad-body"
]);
function isSourceFailure(error) {
  return isHttpError(error) && SOURCE_FAILURES.has(error.failureClass);
}

// shared/collection-stop.ts
var BudgetSpent = class extends StopRequest {
};
var IN_FLIGHT_GRACE_MS = 2e3;
function minutesText(minutes) {
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
function collectionStop(options) {
  const { minutes } = options;
  const signals = options.runner ? [options.runner] : [];
  const finished = new AbortController();
  if (minutes > 0) {
    const budget = new AbortController();
    signals.push(budget.signal);
    void (options.sleep ?? sleep)(minutes * 6e4, finished.signal).then(
      () => budget.abort(new BudgetSpent(`time budget of ${minutesText(minutes)} spent`)),
      // Disposed: the work ended inside the budget.
      () => void 0
    );
  }
  return { signal: AbortSignal.any(signals), dispose: () => finished.abort() };
}
async function withCollectionStop(options, work) {
  const stop = collectionStop(options);
  if (options.minutes > 0)
    options.logger.info(`time budget: ${options.minutes} min; then ${options.then}`);
  try {
    return await work(stop.signal);
  } finally {
    stop.dispose();
  }
}

export {
  stopRequested,
  runnerStopSignal,
  classifyStatus,
  classifyException,
  isJsonContentType,
  looksLikeHtml,
  FAILURE_CLASSES,
  createHttpError,
  isHttpError,
  isSourceFailure,
  BudgetSpent,
  IN_FLIGHT_GRACE_MS,
  collectionStop,
  withCollectionStop
};
