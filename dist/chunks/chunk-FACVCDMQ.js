import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  NonRetryableError,
  RetryableError
} from "./chunk-WV6SG3Z4.js";

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

// shared/http/circuit-breaker.ts
var CircuitOpenError = class extends NonRetryableError {
  /** Time left until the circuit lets a probe through, in ms. */
  retryAfterMs;
  constructor(name, retryAfterMs) {
    super(`${name}: circuit open after repeated failures; next probe in ${retryAfterMs} ms`);
    this.retryAfterMs = retryAfterMs;
  }
};
var CircuitBreaker = class {
  #options;
  #now;
  #state = "closed";
  #failures = 0;
  #openedAt = 0;
  #probesStarted = 0;
  #probeSuccesses = 0;
  // Outcomes of calls started before the last state change are ignored.
  #generation = 0;
  constructor(options = {}) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }
  /** The current state (an open circuit whose time is up reads `half-open`). */
  get state() {
    if (this.#state === "open" && this.#remainingOpenMs() <= 0) this.#moveTo("half-open");
    return this.#state;
  }
  /** Runs `operation` unless the circuit is open; throws `CircuitOpenError` when it is. */
  async execute(operation) {
    const state = this.state;
    const probes = this.#options.halfOpenProbes ?? 1;
    if (state === "open" || state === "half-open" && this.#probesStarted >= probes) {
      throw new CircuitOpenError(
        this.#options.name ?? "http",
        Math.max(0, this.#remainingOpenMs())
      );
    }
    if (state === "half-open") this.#probesStarted += 1;
    const generation = this.#generation;
    try {
      const result = await operation();
      if (generation === this.#generation) this.#onSuccess(probes);
      return result;
    } catch (error) {
      if (generation === this.#generation) {
        if ((this.#options.isFailure ?? (() => true))(error)) this.#onFailure();
        else if (this.#state === "half-open") this.#probesStarted -= 1;
      }
      throw error;
    }
  }
  #onSuccess(probes) {
    this.#failures = 0;
    if (this.#state !== "half-open") return;
    this.#probeSuccesses += 1;
    if (this.#probeSuccesses >= probes) this.#moveTo("closed");
  }
  #onFailure() {
    this.#failures += 1;
    const threshold = this.#options.failureThreshold ?? 5;
    if (this.#state === "half-open" || this.#failures >= threshold) {
      this.#openedAt = this.#now();
      this.#moveTo("open");
    }
  }
  #remainingOpenMs() {
    return this.#openedAt + (this.#options.openMs ?? 3e4) - this.#now();
  }
  #moveTo(to) {
    const from = this.#state;
    this.#state = to;
    this.#generation += 1;
    this.#failures = 0;
    this.#probesStarted = 0;
    this.#probeSuccesses = 0;
    this.#options.onStateChange?.(from, to);
  }
};

export {
  CircuitOpenError,
  CircuitBreaker,
  classifyStatus,
  classifyException,
  isJsonContentType,
  looksLikeHtml,
  FAILURE_CLASSES,
  createHttpError,
  isHttpError,
  isSourceFailure
};
