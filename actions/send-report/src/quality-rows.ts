import type { MergedAccuracy } from './db-facts.js';
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
 * Accuracy: county/listing conflicts on the properties the period's runs stored (store-mongo's
 * `conflicts` count), and the share of merged properties (county and listing) without one.
 */
export function accuracyRows(
  runs: readonly RunSummary[],
  accuracy: MergedAccuracy | undefined,
): QualityRow[] {
  const stored = runs.filter((run) => run.conflicts !== null);
  const conflicts = stored.reduce((total, run) => total + (run.conflicts ?? 0), 0);
  const clean = accuracy ? accuracy.merged - accuracy.withConflict : 0;
  return [
    {
      measure: `County/listing conflicts on the properties stored ${runs.length > 1 ? 'this period' : 'tonight'}`,
      value:
        stored.length === 0
          ? 'n/a (store-mongo did not report)'
          : conflicts.toLocaleString('en-US'),
    },
    {
      measure: 'Merged properties without conflict',
      value: !accuracy
        ? 'n/a (database not read)'
        : accuracy.merged === 0
          ? 'n/a (no property has both county and listing facts)'
          : `${percent(clean / accuracy.merged)} (${clean.toLocaleString('en-US')} of ${accuracy.merged.toLocaleString('en-US')})`,
    },
  ];
}

/**
 * The quality figures store-mongo recorded on the latest run that has them: completeness per
 * source, validity, duplicates merged, listings linked, freshness of the refresh cycle,
 * integrity; then accuracy (see `accuracyRows`) whenever anything is known about it.
 */
export function qualityRows(runs: readonly RunSummary[], accuracy?: MergedAccuracy): QualityRow[] {
  const latest = [...runs].reverse().find((run) => run.quality !== undefined);
  const q = latest?.quality;
  const accurate =
    accuracy || runs.some((run) => run.conflicts !== null) ? accuracyRows(runs, accuracy) : [];
  if (!latest || !q) return accurate;
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
    ...accurate,
  ];
}
