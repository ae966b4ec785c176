import type { RunSummary } from './run-summary.js';

/** Collected per ZIP and source over the runs, with the total, by ZIP. */
export function byZipRows(
  runs: readonly RunSummary[],
): Array<{ zip: string; county: number; mls: number; total: number }> {
  const byZip = new Map<string, { county: number; mls: number }>();
  for (const run of runs)
    for (const [zip, counts] of Object.entries(run.byZip)) {
      const row = byZip.get(zip) ?? { county: 0, mls: 0 };
      row.county += counts.county;
      row.mls += counts.mls;
      byZip.set(zip, row);
    }
  return [...byZip]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zip, c]) => ({ zip, ...c, total: c.county + c.mls }));
}
