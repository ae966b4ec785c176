import type { ListingFrontierDocument } from '../../../shared/db/collections.js';
import type { ResultRow } from './result-rows.js';

/** Why a listing page is due: never visited, its result row changed since the visit, or its turn. */
export type VisitReason = 'new' | 'changed' | 'revisit';

/** What the frontier knows of one listing, as the plan needs it. */
export type FrontierEntry = Pick<
  ListingFrontierDocument,
  'lastVisitedAt' | 'priceAtVisit' | 'statusAtVisit'
>;

/** A listing page to visit and why. */
export interface PlannedVisit {
  url: string;
  reason: VisitReason;
}

const RANK: Record<VisitReason, number> = { new: 0, changed: 1, revisit: 2 };

const differs = <T>(now: T | null, atVisit: T | null): boolean =>
  now !== null && atVisit !== null && now !== atVisit;

/** Why `row` is due, given what the frontier knows of it (undefined: never seen). */
export function visitReason(row: ResultRow, entry: FrontierEntry | undefined): VisitReason {
  if (!entry || entry.lastVisitedAt === null) return 'new';
  if (differs(row.price, entry.priceAtVisit) || differs(row.status, entry.statusAtVisit))
    return 'changed';
  return 'revisit';
}

/**
 * Every listing the search showed, in the order to visit them: new first, then changed, then the
 * least recently visited; search order among equals. Whatever a run cannot visit is left for the
 * next, which puts it first among its kind by then.
 */
export function planVisits(
  rows: readonly ResultRow[],
  frontier: ReadonlyMap<string, FrontierEntry>,
): PlannedVisit[] {
  return rows
    .map((row) => ({ row, entry: frontier.get(row.url) }))
    .map(({ row, entry }) => ({
      url: row.url,
      order: row.order,
      reason: visitReason(row, entry),
      visitedAt: entry?.lastVisitedAt ?? '',
    }))
    .sort(
      (a, b) =>
        RANK[a.reason] - RANK[b.reason] ||
        (a.reason === 'revisit' ? a.visitedAt.localeCompare(b.visitedAt) : 0) ||
        a.order - b.order,
    )
    .map(({ url, reason }) => ({ url, reason }));
}
