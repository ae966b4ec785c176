import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/http/backoff.ts
function backoffDelay(retry, options = {}) {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 3e4;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}
function retryDelay(retry, retryAfterMs, options = {}) {
  const backoff = backoffDelay(retry, options);
  if (retryAfterMs === void 0) return backoff;
  if (retryAfterMs > (options.maxRetryAfterMs ?? 6e4)) return void 0;
  return Math.max(backoff, retryAfterMs);
}
var MAX_TIMER_MS = 2147483647;
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      if (signal) reject(abortReason(signal));
    };
    if (!(ms >= 0 && ms <= MAX_TIMER_MS)) {
      reject(new RangeError(`sleep: expected 0 to ${MAX_TIMER_MS} ms, got ${ms}`));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
function abortReason(signal) {
  const reason = signal.reason;
  return reason instanceof Error ? reason : new Error(`aborted: ${String(reason)}`, { cause: reason });
}

export {
  retryDelay,
  MAX_TIMER_MS,
  sleep,
  abortReason
};
