import type { PropertyDocument } from '../../../shared/db/collections.js';
import { sanitizeKeys } from '../../../shared/db/sanitize.js';
import { PROPERTY_SCHEMA_VERSION } from '../../../shared/model/property.js';
import { detectConflicts } from './conflicts.js';
import { historyChanges, type HistoryChange } from './history-changes.js';
import type { Sourced } from './incoming.js';
import type { PropertyInput } from './link.js';
import { keepStoredPersonal } from '../../../shared/privacy/county-personal.js';
import { omit } from './omit.js';
import { sameValue } from './stable-json.js';

type Sighting = NonNullable<PropertyDocument['sources']['county']>;
type SourceName = keyof PropertyDocument['sources'];

/** Top-level fields compared to decide what changed; `updatedAt` follows them. */
export const MERGED_FIELDS = [
  'schemaVersion',
  'apn',
  'address',
  'zip',
  'county',
  'listing',
  'enrichment',
  'sources',
  'conflicts',
] as const satisfies ReadonlyArray<keyof PropertyDocument>;

/** The merged document, which of its fields differ from the stored one, and the history rows. */
export interface MergeResult {
  document: PropertyDocument;
  /** Fields that differ from the stored document; all of them for a new one. */
  changed: Array<(typeof MERGED_FIELDS)[number]>;
  /**
   * Whether any fact changed: false when only when-seen times moved (the same parcel or listing
   * collected again), which is still written but is not an update of the property.
   */
  factsChanged: boolean;
  history: HistoryChange[];
}

/** When and where a source record was observed: says nothing about the home itself. */
const OBSERVATION = new Set(['collectedAt', 'scrapedAt', 'extractedAt', 'sourceUrl']);

function withoutObservation(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !OBSERVATION.has(key)));
}

function sight(previous: Sighting | undefined, incoming: Sourced<unknown>): Sighting {
  if (previous === undefined)
    return {
      firstSeen: incoming.observedAt,
      lastSeen: incoming.observedAt,
      lastRunId: incoming.runId,
    };
  const newer = incoming.observedAt >= previous.lastSeen;
  return {
    firstSeen: incoming.observedAt < previous.firstSeen ? incoming.observedAt : previous.firstSeen,
    lastSeen: newer ? incoming.observedAt : previous.lastSeen,
    lastRunId: newer ? incoming.runId : previous.lastRunId,
  };
}

/** The stored document with an unmatched listing's document folded in (the later source wins). */
function absorb(
  existing: PropertyDocument | null,
  absorbed: PropertyDocument | null,
): PropertyDocument | null {
  if (absorbed === null) return existing;
  if (existing === null) return absorbed;
  const merged: PropertyDocument = { ...existing, sources: { ...existing.sources } };
  for (const [source, field] of [
    ['mls', 'listing'],
    ['llm', 'enrichment'],
  ] as const) {
    const theirs = absorbed.sources[source];
    const ours = existing.sources[source];
    if (theirs === undefined || (ours !== undefined && ours.lastSeen >= theirs.lastSeen)) continue;
    (merged as Record<string, unknown>)[field] = absorbed[field];
    merged.sources[source] = ours
      ? {
          ...theirs,
          firstSeen: ours.firstSeen < theirs.firstSeen ? ours.firstSeen : theirs.firstSeen,
        }
      : theirs;
  }
  return merged;
}

function take<T>(
  sources: PropertyDocument['sources'],
  source: SourceName,
  incoming: Sourced<T> | undefined,
): T | undefined {
  if (incoming === undefined) return undefined;
  const previous = sources[source];
  sources[source] = sight(previous, incoming);
  return previous === undefined || incoming.observedAt >= previous.lastSeen
    ? incoming.record
    : undefined;
}

/**
 * Merges what this run brings for one property into its stored document (and into the document
 * of its unmatched listing, when the parcel takes that over). A source's facts are replaced only
 * by an observation at least as recent as the stored one, so re-storing old artifacts changes
 * nothing. Keys are sanitised; `updatedAt` moves only when a fact changed, not when a record is
 * merely seen again.
 */
export function mergeProperty(
  input: PropertyInput,
  existing: PropertyDocument | null,
  absorbed: PropertyDocument | null,
  now: string,
  runId: string,
): MergeResult {
  const base = absorb(existing, absorbed);
  const sources: PropertyDocument['sources'] = { ...(base?.sources ?? {}) };
  const parcel = take(sources, 'county', input.parcel);
  const listing = take(sources, 'mls', input.listing);
  const enrichment = take(sources, 'llm', input.enrichment);
  const county = parcel
    ? keepStoredPersonal(omit(parcel, ['schemaVersion', 'raw']), base?.county ?? null)
    : (base?.county ?? null);
  const listingFacts = listing ? omit(listing, ['schemaVersion']) : (base?.listing ?? null);
  const enrichmentFacts = enrichment
    ? omit(enrichment, ['schemaVersion', 'key'])
    : (base?.enrichment ?? null);
  const address = county?.situs ?? listingFacts?.address ?? base?.address ?? null;
  const apn = /^\d{3}-\d{2}-\d{3}[A-Z]?$/.test(input.key) ? input.key : null;
  const document: PropertyDocument = sanitizeKeys({
    _id: input.key,
    schemaVersion: PROPERTY_SCHEMA_VERSION,
    apn,
    address,
    zip: county?.zip ?? listingFacts?.zip ?? address?.parts.zip ?? null,
    county,
    listing: listingFacts,
    enrichment: enrichmentFacts,
    sources,
    conflicts: detectConflicts(county, listingFacts, base?.conflicts ?? [], now),
    updatedAt: now,
  });
  const changed = MERGED_FIELDS.filter(
    (field) => existing === null || !sameValue(existing[field], document[field]),
  );
  const factsChanged =
    existing === null ||
    changed.some(
      (field) =>
        field !== 'sources' &&
        !sameValue(withoutObservation(existing[field]), withoutObservation(document[field])),
    );
  // `updatedAt` is when the facts last changed; a sighting alone moves `sources.*.lastSeen`.
  if (existing !== null && !factsChanged) document.updatedAt = existing.updatedAt;
  const history = base === null ? [] : historyChanges(base, document, input, runId, now);
  return { document, changed, factsChanged, history };
}
