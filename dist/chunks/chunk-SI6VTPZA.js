import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-B4QX6BYH.js";

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
  BudgetSpent,
  IN_FLIGHT_GRACE_MS,
  collectionStop,
  withCollectionStop
};
