import { roundMicros, type CostLine } from './pricing.js';
import type { RateCard, RunnerRate } from './rate-card.js';

/** One job of the workflow run, as the REST API's jobs list reports it. */
export interface RunJob {
  /** GitHub's job id: a re-run of a job is a new job with its own id. */
  id: number;
  /** The run attempt the job ran in, 1 for the first. */
  runAttempt: number;
  name: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  /** Null while the job runs (the job calling `check-budget`, for one). */
  completedAt: string | null;
  labels: string[];
}

/** Minutes GitHub bills for a job: its duration rounded up to the whole minute, 0 if it never ran. */
export function billedMinutes(job: RunJob, now: Date): number {
  if (!job.startedAt) return 0;
  const start = Date.parse(job.startedAt);
  const end = job.completedAt ? Date.parse(job.completedAt) : now.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return 0;
  return Math.ceil((end - start) / 60_000);
}

function labelMatches(pattern: string, label: string): boolean {
  const p = pattern.toLowerCase();
  const l = label.toLowerCase();
  return p.endsWith('*') ? l.startsWith(p.slice(0, -1)) : l === p;
}

/** The runner rate for a job's labels: the first entry any label matches, else the card's default. */
export function runnerRateFor(
  labels: readonly string[],
  card: RateCard,
): { rate: RunnerRate; matched: boolean } {
  const { runners, defaultRunner } = card.githubActions;
  for (const rate of runners) {
    if (rate.labels.some((pattern) => labels.some((label) => labelMatches(pattern, label))))
      return { rate, matched: true };
  }
  // parseRateCard guarantees the default names an entry.
  return { rate: runners.find((rate) => rate.name === defaultRunner)!, matched: false };
}

/** Priced Actions minutes, one line per runner type, and the labels no entry matched. */
export interface JobMinutes {
  lines: CostLine[];
  unmatchedLabels: string[];
  /** Distinct jobs priced. */
  jobs: number;
  /** The run attempts those jobs ran in, ascending. */
  attempts: number[];
}

/**
 * Prices a run's jobs by runner type, each job id once (jobs of every attempt are billed, and a
 * job listed twice is still one job). In a public repository GitHub bills nothing for its
 * standard runners when the card says so; the minutes are still counted.
 */
export function priceJobs(
  jobs: readonly RunJob[],
  card: RateCard,
  options: { publicRepository: boolean; now: Date },
): JobMinutes {
  const free = options.publicRepository && card.githubActions.publicRepositoryFree;
  const byRunner = new Map<string, CostLine>();
  const unmatched = new Set<string>();
  const seen = new Set<number>();
  const attempts = new Set<number>();
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    attempts.add(job.runAttempt);
    const minutes = billedMinutes(job, options.now);
    const { rate, matched } = runnerRateFor(job.labels, card);
    if (!matched) for (const label of job.labels) unmatched.add(label);
    const price = free ? 0 : rate.perMinute;
    const item = free ? `${rate.name} (public repository)` : rate.name;
    const line = byRunner.get(item) ?? {
      service: 'github-actions' as const,
      item,
      unit: 'minute' as const,
      quantity: 0,
      price,
      per: 1,
      cost: 0,
    };
    line.quantity += minutes;
    line.cost = roundMicros(line.quantity * price);
    byRunner.set(item, line);
  }
  return {
    lines: [...byRunner.values()],
    unmatchedLabels: [...unmatched].sort(),
    jobs: seen.size,
    attempts: [...attempts].sort((a, b) => a - b),
  };
}
