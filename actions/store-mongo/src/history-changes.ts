import { createHash } from 'node:crypto';
import type { HistoryField, HistoryRow, PropertyDocument } from '../../../shared/db/collections.js';
import type { PropertyInput } from './link.js';
import { sameValue } from './stable-json.js';

/** A history row as stored; its id makes a rerun of the same change write nothing. */
export type HistoryChange = HistoryRow;

type Doc = Pick<PropertyDocument, 'county' | 'listing'>;

interface Tracked {
  field: HistoryField;
  source: 'county' | 'mls';
  value: (doc: Doc) => unknown;
}

function newestValuation(doc: Doc): unknown {
  const valuations = doc.county?.valuations ?? [];
  const newest = [...valuations].sort((a, b) => b.taxYear - a.taxYear)[0];
  return newest ? { taxYear: newest.taxYear, fullCashValue: newest.fullCashValue } : null;
}

const TRACKED: readonly Tracked[] = [
  { field: 'price', source: 'mls', value: (doc) => doc.listing?.listPrice ?? null },
  { field: 'status', source: 'mls', value: (doc) => doc.listing?.status ?? null },
  { field: 'valuation', source: 'county', value: newestValuation },
  { field: 'owner', source: 'county', value: (doc) => doc.county?.owner?.name ?? null },
];

/**
 * Changes of price, status, newest valuation and owner between the stored document and the
 * merged one. A source seen for the first time is not a change. The id hashes the property, the
 * field, the stored document's `updatedAt` and the new value: storing the same change again (a
 * rerun after a failure) gives the same id, while a later change gives a new one.
 */
export function historyChanges(
  before: PropertyDocument,
  after: PropertyDocument,
  input: PropertyInput,
  runId: string,
  now: string,
): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const tracked of TRACKED) {
    const present = tracked.source === 'mls' ? 'listing' : 'county';
    if (before[present] === null || after[present] === null) continue;
    const from = tracked.value(before);
    const to = tracked.value(after);
    if (sameValue(from, to)) continue;
    const observed = tracked.source === 'mls' ? input.listing : input.parcel;
    const _id = createHash('sha256')
      .update(`${after._id}\n${tracked.field}\n${before.updatedAt}\n${JSON.stringify(to)}`)
      .digest('hex')
      .slice(0, 32);
    changes.push({
      ...{ _id, propertyKey: after._id, field: tracked.field, from, to, source: tracked.source },
      ...{ observedAt: observed?.observedAt ?? now, runId, recordedAt: now },
    });
  }
  return changes;
}
