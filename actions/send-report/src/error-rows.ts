import type { RunSummary } from './run-summary.js';

/** An error class with how it was dealt with. */
export interface ErrorRow {
  errorClass: string;
  count: number;
  resolution: string;
}

/** An open incident issue. */
export interface Incident {
  number: number;
  url: string | undefined;
}

const WORST: ReadonlyArray<string> = ['skipped', 'success', 'partial', 'failure'];

function resolution(
  outcome: string,
  retries: number,
  stillFailed: number,
  incident: string,
): string {
  const tracked = incident === '' ? '' : `; incident ${incident}`;
  if (outcome === 'failure') return `not resolved: the stage failed${tracked}`;
  if (outcome === 'partial')
    return `partly resolved: retried (${retries} retries), ${stillFailed.toLocaleString('en-US')} records still failed${tracked}`;
  return `resolved: retried (${retries} retries)`;
}

/**
 * Errors of the runs grouped by class, with how they were dealt with: resolved by retries,
 * partly resolved (records still failed), or not (the stage failed), naming the incidents; plus
 * the listings the LLM could not handle and the rules extractor did.
 */
export function errorRows(runs: readonly RunSummary[], incidents: readonly Incident[]): ErrorRow[] {
  const byClass = new Map<string, { count: number; outcome: string }>();
  for (const run of runs)
    for (const [name, count] of Object.entries(run.errorsByClass)) {
      const row = byClass.get(name) ?? { count: 0, outcome: 'skipped' };
      const outcome = run.errorOutcomes[name] ?? 'success';
      byClass.set(name, {
        count: row.count + count,
        outcome: WORST.indexOf(outcome) > WORST.indexOf(row.outcome) ? outcome : row.outcome,
      });
    }
  const retries = runs.reduce((total, run) => total + run.retries, 0);
  const stillFailed = runs.reduce((total, run) => total + run.failed.county + run.failed.mls, 0);
  const incident = incidents.map((i) => `#${i.number}`).join(', ');
  const rows = [...byClass].map(([errorClass, row]) => ({
    errorClass,
    count: row.count,
    resolution: resolution(row.outcome, retries, stillFailed, incident),
  }));
  const fallback = runs.reduce((total, run) => total + run.llmFallback, 0);
  if (fallback > 0)
    rows.push({
      errorClass: 'llm',
      count: fallback,
      resolution: 'fallback: extracted by the rules extractor',
    });
  return rows;
}
