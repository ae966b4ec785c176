import { eventLine, seconds, type Reporter, type RunEvent } from './report.js';

type JobStatus = 'running' | 'success' | 'failure' | 'skipped' | 'cancelled' | 'kept';

/** What the live view knows of one job instance. */
export interface LiveJob {
  label: string;
  status: JobStatus;
  startedAt: number;
  ms?: number;
  step?: string;
  stepStartedAt?: number;
  failedStep?: string;
  /** Why a job did not run (`kept from attempt 1` on a re-run). */
  reason?: string;
}

const icons: Record<JobStatus, string> = {
  running: '\u25cf',
  success: '\u2713',
  failure: '\u2717',
  skipped: '-',
  cancelled: '-',
  kept: '\u2713',
};

/** The live block for the jobs at `now`: one line per job, cut to `width` columns. */
export function renderLiveBlock(jobs: LiveJob[], now: number, width: number): string[] {
  const labelWidth = Math.min(32, Math.max(8, ...jobs.map((job) => job.label.length)));
  const lines = jobs.map((job) => {
    const time = job.status === 'running' ? seconds(now - job.startedAt) : seconds(job.ms ?? 0);
    let detail = '';
    if (job.status === 'running' && job.step) {
      detail = `${job.step} (${seconds(now - (job.stepStartedAt ?? now))})`;
    } else if (job.status === 'failure' && job.failedStep) {
      detail = `failed at: ${job.failedStep}`;
    } else if (['skipped', 'cancelled', 'kept'].includes(job.status)) {
      detail = job.reason ?? job.status;
    }
    const shown = ['skipped', 'cancelled', 'kept'].includes(job.status) ? '' : time;
    const line = ` ${icons[job.status]} ${job.label.padEnd(labelWidth)} ${shown.padStart(7)}  ${detail}`;
    return line.trimEnd().slice(0, Math.max(20, width - 1));
  });
  const running = jobs.filter((job) => job.status === 'running').length;
  const done = jobs.filter((job) => job.status !== 'running').length;
  return [...lines, ` ${running} running, ${done} done`];
}

/** Where the live view draws: a terminal's stream (columns may change while it runs). */
export interface LiveTarget {
  write(text: string): void;
  columns?: number;
}

/**
 * A reporter that keeps one line per job on the terminal, redrawn as jobs and steps move, with
 * messages and failed steps' log tails printed above it.
 */
export function liveReporter(
  target: LiveTarget,
  options: { now?: () => number; refreshMs?: number } = {},
): Reporter {
  const now = options.now ?? Date.now;
  const jobs = new Map<string, LiveJob>();
  let drawn = 0;
  const draw = (above: string[] = []) => {
    const clear = drawn > 0 ? `\x1b[${drawn}A\x1b[0J` : '';
    const block = renderLiveBlock([...jobs.values()], now(), target.columns || 100);
    const text = [...above, ...(jobs.size > 0 ? block : [])];
    drawn = jobs.size > 0 ? block.length : 0;
    target.write(`${clear}${text.map((line) => `${line}\n`).join('')}`);
  };
  const timer = setInterval(() => {
    if ([...jobs.values()].some((job) => job.status === 'running')) draw();
  }, options.refreshMs ?? 250);
  timer.unref();
  const apply = (event: RunEvent): string[] => {
    const job = jobs.get(event.key);
    switch (event.type) {
      case 'job-started':
        jobs.set(event.key, { label: event.label, status: 'running', startedAt: now() });
        return [];
      case 'job-skipped':
        jobs.set(event.key, {
          label: event.label,
          status: skippedStatus(event.reason),
          reason: event.reason,
          startedAt: now(),
        });
        return [];
      case 'job-finished':
        if (job) Object.assign(job, { status: event.result as JobStatus, ms: event.ms });
        return [];
      case 'step-started':
        if (job) Object.assign(job, { step: event.step, stepStartedAt: now() });
        return [];
      case 'step-finished':
        if (job && event.outcome === 'failure') job.failedStep ??= event.step;
        return event.outcome === 'failure' ? eventLine(event) : [];
    }
  };
  return {
    event: (event) => draw(apply(event)),
    message: (line) => draw([line]),
    close: () => {
      clearInterval(timer);
      draw();
      // The last frame stays; later messages go below it.
      jobs.clear();
      drawn = 0;
    },
  };
}

function skippedStatus(reason: string): JobStatus {
  if (reason === 'cancelled') return 'cancelled';
  return reason.startsWith('kept') ? 'kept' : 'skipped';
}
