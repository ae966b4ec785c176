import type { Db } from 'mongodb';
import { pipelineCollections, type PropertyDocument } from '../../../shared/db/collections.js';
import type { RecordIndex } from './record-index.js';
import { forEachStateEntry } from '../../../shared/db/store-state.js';
import { MERGED_FIELDS } from './merge.js';

/** Days within which a parcel counts as fresh. */
export const FRESHNESS_DAYS = 7;

/** Share of stored parcels the county refreshed within FRESHNESS_DAYS. */
export interface Freshness {
  days: number;
  parcels: number;
  refreshed: number;
  share: number | null;
}

/** Integrity (`ok` or `failed: <reason>`) and freshness. */
export interface Audit {
  integrity: string;
  /** Null without a database. */
  freshness: Freshness | null;
}

const APN = /^\d{3}-\d{2}-\d{3}[A-Z]?$/;
/** Every merged field but `apn` (checked on its own below), and `updatedAt`. */
const REQUIRED = [...MERGED_FIELDS.filter((field) => field !== 'apn'), 'updatedAt'] as const;
const SHOWN = 5;

/** Why a merged property must not be stored as it is: a required field missing, a wrong key. */
export function documentProblems(doc: PropertyDocument): string[] {
  const absent = REQUIRED.filter((field) => doc[field] === undefined);
  if (absent.length) return [`property ${doc._id} lacks ${absent.join(', ')}`];
  if (APN.test(doc._id) ? doc.apn !== doc._id : doc.apn !== null || !doc._id.startsWith('addr:'))
    return [`property ${doc._id} has apn ${String(doc.apn)}`];
  return [];
}

/** Share of parcels in store-state whose county data is at most FRESHNESS_DAYS old at `now`. */
async function measureFreshness(db: Db, now: string): Promise<Freshness> {
  const cutoff = new Date(Date.parse(now) - FRESHNESS_DAYS * 86_400_000).toISOString();
  let parcels = 0;
  let refreshed = 0;
  await forEachStateEntry(pipelineCollections(db).storeState, 'property', (_key, entry) => {
    if (entry.s === null) return;
    parcels += 1;
    if (entry.s >= cutoff) refreshed += 1;
  });
  const share = parcels === 0 ? null : Math.round((refreshed / parcels) * 10_000) / 10_000;
  return { days: FRESHNESS_DAYS, parcels, refreshed, share };
}

/**
 * The integrity of a store run: every record the manifests list was read, every merged property
 * had its required fields and the right key, and the database acknowledged every write as sent
 * (`writeProblems`: updates matching, unmatched listings taken over deleted). Duplicate APNs
 * cannot be stored: the APN is the key. Reading everything back would cost FerretDB as much as
 * writing it, so the check rests on the acknowledgements. Also measures freshness.
 */
export async function auditStore(
  db: Db | undefined,
  index: RecordIndex,
  writeProblems: readonly string[],
  now: string,
): Promise<Audit> {
  const problems = index.stages.flatMap((stage, at) => {
    const read = index.readPerStage[at] ?? 0;
    return read === stage.manifest.recordCount
      ? []
      : [`${stage.source}: read ${read} records, manifest says ${stage.manifest.recordCount}`];
  });
  problems.push(...writeProblems);
  const freshness = db ? await measureFreshness(db, now) : null;
  if (problems.length === 0) return { integrity: 'ok', freshness };
  const more = problems.length > SHOWN ? ` (and ${problems.length - SHOWN} more)` : '';
  return { integrity: `failed: ${problems.slice(0, SHOWN).join('; ')}${more}`, freshness };
}
