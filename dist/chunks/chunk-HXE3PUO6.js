import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  retryDelay,
  sleep
} from "./chunk-B4QX6BYH.js";
import {
  isRetryable
} from "./chunk-24OGRAKZ.js";

// shared/http/retry.ts
async function retry(operation, options = {}) {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const sleep2 = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      const delayMs = retryDelay(attempt - 1, retryAfterOf(error), options);
      if (delayMs === void 0) throw error;
      options.onRetry?.({ attempt, maxAttempts, error, delayMs });
      await sleep2(delayMs, options.signal);
    }
  }
}
function retryAfterOf(error) {
  if (typeof error !== "object" || error === null || !("retryAfterMs" in error)) return void 0;
  const value = error.retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) ? value : void 0;
}

export {
  retry
};
