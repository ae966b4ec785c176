import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { enrichmentSchema } from '../../../shared/model/enrichment.js';
import { mlsListingSchema, type MlsListing } from '../../../shared/model/mls-listing.js';
import type { Sourced } from './incoming.js';
import {
  absorbKeyOf,
  lastPosition,
  listingDigest,
  propertyDigest,
  propertyOf,
  type LinkPlan,
  type PropertyInput,
} from './link.js';
import type { RecordIndex } from './record-index.js';

type Part = 'parcel' | 'listing' | 'enrichment';

/** Records of properties not yet complete, on disk: only their offsets stay in memory. */
class Spool {
  readonly #dir = mkdtempSync(join(tmpdir(), 'store-mongo-spool-'));
  readonly #fd = openSync(join(this.#dir, 'records.ndjson'), 'w+');
  #end = 0;

  write(value: unknown): [number, number] {
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    writeSync(this.#fd, bytes, 0, bytes.length, this.#end);
    const at: [number, number] = [this.#end, bytes.length];
    this.#end += bytes.length;
    return at;
  }

  read([offset, length]: [number, number]): unknown {
    const bytes = Buffer.alloc(length);
    readSync(this.#fd, bytes, 0, length, offset);
    return JSON.parse(bytes.toString('utf8'));
  }

  close(): void {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** What the second pass hands on, a group at a time. */
export interface ReadBackHandlers {
  /** Records per group handed on. */
  groupSize: number;
  /** Read the next group while one is written (only one write at a time either way). */
  overlap?: boolean;
  /** Puts back a parcel's sealed owner fields (see `reveal.ts`); the parcel as is without it. */
  reveal?: (parcel: CountyParcel) => Promise<CountyParcel>;
  properties: (group: PropertyInput[]) => Promise<void>;
  listings: (
    group: Array<{ listing: Sourced<MlsListing>; propertyKey: string | null; digest: string }>,
  ) => Promise<void>;
}

function keyOf(type: string, record: Record<string, unknown>): unknown {
  return type === 'county-parcel'
    ? record.apn
    : type === 'mls-listing'
      ? record.mlsNumber
      : record.key;
}

/**
 * The second pass: streams the stages again in the same order and hands on, a group at a time,
 * the listings to store and the properties to merge (those with a `digest`), each as soon as its
 * last record is read. Only the records that won their key in the first pass are kept; a listing
 * or enrichment whose property is still waiting for a later record goes to a spool file on disk.
 * The parcel, always last (see `orderStages`), is never spooled, and its `raw` body is skipped
 * unparsed. Unless `overlap`, reading waits while a group is written: records read meanwhile
 * may outlive two collections of V8's young generation and be promoted to the old one, which
 * then grows to several times what is live before it is collected (see `NEW_GROUP_SIZE`).
 */
export async function readBack(
  index: RecordIndex,
  plan: LinkPlan,
  handlers: ReadBackHandlers,
): Promise<void> {
  const spool = new Spool();
  const spooled = new Map<string, Array<[Part, [number, number]]>>();
  let ready: PropertyInput[] = [];
  let listings: Parameters<ReadBackHandlers['listings']>[0] = [];
  // With `overlap`, a group is written while the next is read: the database and the parsing overlap.
  let writing: Promise<void> = Promise.resolve();
  const write = async (run: () => Promise<void>): Promise<void> => {
    await writing;
    writing = run();
    // Awaited before the next write, at the end, and on a failure (`finally`).
    writing.catch(() => {});
    if (!handlers.overlap) await writing;
  };
  const maps = {
    'county-parcel': index.parcels,
    'mls-listing': index.listings,
    enrichment: index.enrichments,
  };
  try {
    let pos = 0;
    for (const stage of index.stages) {
      const type = stage.manifest.recordType;
      const runId = stage.manifest.runId;
      // A parcel's `raw` body was validated in the first pass and is not stored: not parsed again.
      const options = type === 'county-parcel' ? { unparsed: 'raw' } : {};
      for await (const raw of stage.records(options)) {
        pos += 1;
        const value = raw as Record<string, unknown>;
        const entry = maps[type].get(String(keyOf(type, value)));
        if (entry?.pos !== pos) continue;
        const observedAt = new Date(entry.t).toISOString();
        let part: Part;
        let record: unknown;
        if (type === 'county-parcel') {
          const parcel = countyParcelSchema.parse({ ...value, raw: {} });
          record = handlers.reveal ? await handlers.reveal(parcel) : parcel;
          part = 'parcel';
        } else if (type === 'mls-listing') {
          record = mlsListingSchema.parse(value);
          part = 'listing';
          if (entry.pending) {
            const digest = listingDigest(index, entry);
            const listing = { record: record as MlsListing, runId, observedAt };
            listings.push({ listing, propertyKey: entry.property ?? null, digest });
            if (listings.length >= handlers.groupSize) {
              const group = listings;
              await write(() => handlers.listings(group));
              listings = [];
            }
          }
        } else {
          record = enrichmentSchema.parse(value);
          part = 'enrichment';
        }
        const propertyKey = type === 'county-parcel' ? entry.key : entry.property;
        const ref = propertyKey ? propertyOf(plan, index, propertyKey) : undefined;
        if (ref === undefined || ref[part] !== entry || !ref.pending) continue;
        const sourced = { record, runId, observedAt };
        if (pos < lastPosition(ref)) {
          const parts = spooled.get(ref.key) ?? [];
          parts.push([part, spool.write(sourced)]);
          spooled.set(ref.key, parts);
          continue;
        }
        const digest = propertyDigest(index, ref);
        const input: PropertyInput = { key: ref.key, [part]: sourced, digest };
        for (const [earlier, at] of spooled.get(ref.key) ?? [])
          (input as unknown as Record<string, unknown>)[earlier] = spool.read(at);
        spooled.delete(ref.key);
        const absorbKey = absorbKeyOf(ref);
        if (absorbKey) input.absorbKey = absorbKey;
        ready.push(input);
        if (ready.length >= handlers.groupSize) {
          const group = ready;
          await write(() => handlers.properties(group));
          ready = [];
        }
      }
    }
    if (listings.length > 0) await write(() => handlers.listings(listings));
    if (ready.length > 0) await write(() => handlers.properties(ready));
    await writing;
  } finally {
    await writing.catch(() => {});
    spool.close();
  }
}
