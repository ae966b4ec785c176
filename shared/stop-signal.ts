/**
 * Why work stopped early on purpose (a time budget spent, the runner asking the step to stop):
 * the reason of the AbortSignal the work was given, so code that catches it can tell it from a
 * failure.
 */
export class StopRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopRequest';
  }
}

/** True when `signal` was aborted by a `StopRequest` (not by an error that stops the work). */
export function stopRequested(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && signal.reason instanceof StopRequest;
}

/** The part of `process` that delivers signals. */
export type SignalSource = Pick<NodeJS.Process, 'once' | 'removeListener'>;

const RUNNER_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * An AbortSignal that aborts with a `StopRequest` when the runner asks the step to stop. GitHub's
 * runner sends SIGINT when a step or job runs out of time or the run is cancelled, SIGTERM 7.5 s
 * later and SIGKILL 2.5 s after that. The first of SIGINT or SIGTERM aborts the signal and removes
 * both listeners, so the next one ends the process as Node does by default: by then the grace
 * period is over and what was not saved is lost anyway.
 */
export function runnerStopSignal(source: SignalSource = process): AbortSignal {
  const controller = new AbortController();
  const handlers = RUNNER_SIGNALS.map((name) => {
    const handler = (): void => {
      for (const [index, other] of RUNNER_SIGNALS.entries())
        source.removeListener(other, handlers[index] as () => void);
      controller.abort(
        new StopRequest(`${name} from the runner (the job was cancelled or ran out of time)`),
      );
    };
    source.once(name, handler);
    return handler;
  });
  return controller.signal;
}
