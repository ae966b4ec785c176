import type { RunSummary } from './run-summary.js';

/** One data quality figure as shown. */
export interface QualityRow {
  measure: string;
  value: string;
}

function numberAt(record: Record<string, unknown>, group: string, key?: string): number | null {
  const outer = record[group];
  const value = key === undefined ? outer : (outer as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'number' ? value : null;
}

const percent = (value: number | null): string =>
  value === null ? 'n/a' : `${(value * 100).toFixed(1)} %`;

/**
 * The quality figures store-mongo recorded on the latest run that has them: completeness per
 * source, validity, duplicates merged, listings linked, freshness of the refresh cycle, integrity.
 */
export function qualityRows(runs: readonly RunSummary[]): QualityRow[] {
  const latest = [...runs].reverse().find((run) => run.quality !== undefined);
  const q = latest?.quality;
  if (!latest || !q) return [];
  const duplicates = numberAt(q, 'duplicatesMerged');
  return [
    { measure: 'Completeness (county)', value: percent(numberAt(q, 'completeness', 'county')) },
    { measure: 'Completeness (listings)', value: percent(numberAt(q, 'completeness', 'mls')) },
    { measure: 'Completeness (enrichment)', value: percent(numberAt(q, 'completeness', 'llm')) },
    { measure: 'Validity', value: percent(numberAt(q, 'validity', 'share')) },
    { measure: 'Duplicates merged', value: duplicates === null ? 'n/a' : String(duplicates) },
    {
      measure: 'Listings linked to a parcel',
      value: percent(numberAt(q, 'listingsLinked', 'share')),
    },
    {
      measure: `Parcels refreshed within ${numberAt(q, 'freshness', 'days') ?? 7} days`,
      value: percent(numberAt(q, 'freshness', 'share')),
    },
    { measure: 'Integrity', value: latest.integrity ?? 'n/a' },
  ];
}
