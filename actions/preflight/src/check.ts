/** How a check ended: `pass`, `warning` (the step continues), `error` (the step fails), `skipped`. */
export type CheckStatus = 'pass' | 'warning' | 'error' | 'skipped';

/** The outcome of one check, as the summary table shows it. */
export interface CheckResult {
  /** What was checked, e.g. `database reachable`. */
  name: string;
  status: CheckStatus;
  /** One sentence; never a secret value. */
  message: string;
  durationMs: number;
}

/** What a check's body returns; the runner adds the name and the duration. */
export type CheckOutcome = Pick<CheckResult, 'status' | 'message'>;

/** One check to run: its body gets a signal that aborts when the time is up. */
export interface CheckSpec {
  name: string;
  /** What did not answer, for the timeout message: `county API`, `secret SMTP_URL (...): SMTP server`. */
  subject: string;
  /** Status when the check runs past its time or throws: how much an unreachable server matters. */
  onTimeout: 'warning' | 'error';
  run(signal: AbortSignal): Promise<CheckOutcome>;
}

/** A check that passed. */
export const pass = (message: string): CheckOutcome => ({ status: 'pass', message });
/** A problem the run can live with: an annotation, the step continues. */
export const warn = (message: string): CheckOutcome => ({ status: 'warning', message });
/** A problem that fails the step once outputs and summary are set. */
export const fail = (message: string): CheckOutcome => ({ status: 'error', message });
/** A check not run: nothing configured, or not needed by this run. */
export const skip = (message: string): CheckOutcome => ({ status: 'skipped', message });

/**
 * Runs every check at once, each bounded by `timeoutMs`: a check that has not answered by then
 * counts as unreachable and is left behind (its signal is aborted). Never throws.
 */
export async function runChecks(
  specs: readonly CheckSpec[],
  timeoutMs: number,
): Promise<CheckResult[]> {
  return Promise.all(
    specs.map(async (spec): Promise<CheckResult> => {
      const started = performance.now();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<CheckOutcome>((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve({
            status: spec.onTimeout,
            message: `${spec.subject} unreachable: no answer within ${timeoutMs / 1000} s`,
          });
        }, timeoutMs);
      });
      const body = spec.run(controller.signal).catch((error: unknown): CheckOutcome => ({
        status: spec.onTimeout,
        message: `check failed: ${error instanceof Error ? error.name : 'unknown error'}`,
      }));
      const outcome = await Promise.race([body, expired]);
      clearTimeout(timer);
      return { name: spec.name, ...outcome, durationMs: Math.round(performance.now() - started) };
    }),
  );
}
