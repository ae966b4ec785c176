/** What happened in a run, as the runner tells its reporter (plain lines or the live view). */
export type RunEvent =
  | { type: 'job-started'; key: string; label: string }
  | {
      type: 'job-skipped';
      key: string;
      label: string;
      /** `skipped`, `cancelled`, or `kept from attempt N` on a re-run. */
      reason: string;
    }
  | { type: 'job-finished'; key: string; label: string; result: string; ms: number }
  | { type: 'step-started'; key: string; step: string }
  | {
      type: 'step-finished';
      key: string;
      step: string;
      outcome: 'success' | 'failure' | 'cancelled' | 'skipped';
      ms: number;
      /** What an emulated marketplace step did (restored a cache, checked out the tree). */
      note?: string;
      /** The last lines of a failed step's log (masked). */
      tail?: string[];
    };

/** Receives the run's events and free-form messages (start-up, the final line). */
export interface Reporter {
  event(event: RunEvent): void;
  message(line: string): void;
  /** Stops any redrawing; the last frame stays on the screen. */
  close(): void;
}

/** Seconds with one decimal, as every duration the runner prints. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** The line a plain reporter prints for an event (also what `progress` listeners receive). */
export function eventLine(event: RunEvent): string[] {
  switch (event.type) {
    case 'job-started':
      return [`job ${event.label}: started`];
    case 'job-skipped':
      return [`job ${event.label}: ${event.reason}`];
    case 'job-finished':
      return [`job ${event.label}: ${event.result} in ${seconds(event.ms)}`];
    case 'step-started':
      return [];
    case 'step-finished': {
      if (event.outcome === 'skipped') return [`  - [${event.key}] ${event.step}: skipped`];
      const note = event.note ? ` (${event.note})` : '';
      const head = `  - [${event.key}] ${event.step}: ${event.outcome} in ${seconds(event.ms)}${note}`;
      return [head, ...(event.tail ?? []).map((line) => `      | ${line}`)];
    }
  }
}

/** A reporter that writes one line per event: for logs, pipes and CI. */
export function plainReporter(write: (line: string) => void): Reporter {
  return {
    event: (event) => eventLine(event).forEach(write),
    message: write,
    close: () => undefined,
  };
}
