import { z } from 'zod';
import { ConfigurationError } from '../../../shared/errors.js';
import { checkFailureSchema, type CheckFailure } from '../../../shared/model/check-failure.js';

/** One job of the night as `toJSON(needs)` gives it. */
const nightJobSchema = z.object({
  result: z.string(),
  outputs: z.record(z.string(), z.string()).default({}),
});

/** Every job the incident job `needs`, by job id. */
export type NightJobs = Record<string, z.output<typeof nightJobSchema>>;

/** What went wrong in one component tonight (one incident fingerprint). */
export interface ComponentFailure {
  component: string;
  /** Stable text the fingerprint is made of: the check or the job and its error's class. */
  signature: string;
  /** The error as the failing step said it (secrets already scrubbed by the action). */
  message: string;
  /** The preflight check that failed, when one did. */
  check?: string;
  /** Job ids and how they ended, e.g. `county (failure)`. */
  jobs: string[];
  /** A degraded night's success rate: its band alone gives the severity. */
  rate?: number;
}

/** The night as the incidents see it: who failed, who did their work, who did not run. */
export interface NightVerdicts {
  failures: ComponentFailure[];
  /** Components that did their work tonight and have no failure: their incidents may close. */
  worked: string[];
}

/** Parses `night` (toJSON(needs)); a clear error naming the input when it is not that. */
export function parseNight(text: string): NightJobs {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(
      "input 'night': expected the JSON of the `needs` context (`${{ toJSON(needs) }}`), got text that is not JSON",
    );
  }
  const parsed = z.record(z.string(), nightJobSchema).safeParse(value);
  if (!parsed.success)
    throw new ConfigurationError(
      `input 'night': expected the JSON of the \`needs\` context, each job with a result and outputs: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  return parsed.data;
}

/** Parses `components` (`job: component` per line) into a map; a clear error on a bad line. */
export function parseComponents(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][\w-]*)\s*:\s*([a-z0-9][a-z0-9-]{0,49})$/.exec(line);
    if (!match)
      throw new ConfigurationError(
        `input 'components': expected 'job-id: component' per line (e.g. 'county: collect-county'), got '${line.slice(0, 80)}'`,
      );
    map.set(match[1] ?? '', match[2] ?? '');
  }
  return map;
}

/** A preflight's `failures` output, or [] when the job has none (or it is not that shape). */
function checkFailures(outputs: Record<string, string>): CheckFailure[] {
  const text = outputs.failures?.trim();
  if (!text) return [];
  try {
    const parsed = z.array(checkFailureSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const failed = (result: string): boolean => result === 'failure' || result === 'cancelled';

/** What a job that ended without its action saying why is told as. */
function silentFailure(job: string, result: string): string {
  return result === 'cancelled'
    ? `job '${job}' was cancelled: it ran past the job's time limit or the run was cancelled; the job log says which step it was in`
    : `job '${job}' failed before its action reported an error (a setup step such as checkout, an install or a cache); the job log says which`;
}

/**
 * Each job's outcome as component verdicts: a preflight's failed checks each under their own
 * component (a refused county token is `collect-county`, an unreachable database `database`);
 * any other failed or cancelled job under its component with its `error` output as the message. A
 * component worked when one of its jobs succeeded and did not say `worked: false` (an enrichment
 * with the LLM gated off), or when the preflight found it `healthy`, and nothing of it failed.
 */
export function judgeNight(jobs: NightJobs, components: Map<string, string>): NightVerdicts {
  const failures: ComponentFailure[] = [];
  const worked = new Set<string>();
  for (const [id, job] of Object.entries(jobs)) {
    const component = components.get(id) ?? id;
    const checks = checkFailures(job.outputs);
    for (const check of checks)
      failures.push({
        component: check.component,
        signature: `preflight check '${check.check}' failed`,
        message: check.message,
        check: check.check,
        jobs: [`${id} (${job.result})`],
      });
    for (const name of (job.outputs.healthy ?? '').split(/\s+/)) if (name) worked.add(name);
    if (failed(job.result) && checks.length === 0) {
      const message = job.outputs.error?.trim() || silentFailure(id, job.result);
      failures.push({
        component,
        signature: job.result === 'cancelled' ? `${id} cancelled` : `${id} failed: ${message}`,
        message,
        jobs: [`${id} (${job.result})`],
      });
    }
    if (job.result === 'success' && job.outputs.worked !== 'false') worked.add(component);
  }
  const failing = new Set(failures.map((failure) => failure.component));
  return { failures: mergeFailures(failures), worked: [...worked].filter((c) => !failing.has(c)) };
}

/** One failure per component and signature (a matrix job's legs fail alike), jobs listed together. */
function mergeFailures(failures: ComponentFailure[]): ComponentFailure[] {
  const merged = new Map<string, ComponentFailure>();
  for (const failure of failures) {
    const key = `${failure.component}\n${failure.signature}`;
    const known = merged.get(key);
    if (known) known.jobs.push(...failure.jobs.filter((job) => !known.jobs.includes(job)));
    else merged.set(key, { ...failure, jobs: [...failure.jobs] });
  }
  return [...merged.values()];
}
