import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  keepStoredPersonal,
  revealPersonal,
  textOpener
} from "../chunks/chunk-3ZZ3D7YM.js";
import {
  DUPLICATE_KEY,
  insertNew
} from "../chunks/chunk-LST72XE2.js";
import "../chunks/chunk-KIOB4Y4M.js";
import {
  checkIndexes,
  ensureIndexes
} from "../chunks/chunk-NMOLWKBE.js";
import {
  passphraseInput
} from "../chunks/chunk-4VY4JSCD.js";
import {
  PROPERTY_SCHEMA_VERSION,
  formatIssues
} from "../chunks/chunk-64UQQOMH.js";
import {
  countyParcelSchema,
  enrichmentSchema
} from "../chunks/chunk-ZVLCXUC7.js";
import {
  PROPERTIES_COVERED,
  bucketId,
  forEachStateEntry,
  propertiesCovered,
  recordRun,
  runLedgerId,
  stageRunFields,
  unpack
} from "../chunks/chunk-LZDSPWHU.js";
import {
  pipelineCollections
} from "../chunks/chunk-IBKVQVMI.js";
import {
  usageSchema
} from "../chunks/chunk-2A5BLYRJ.js";
import {
  listingRangeProblems,
  mlsListingSchema
} from "../chunks/chunk-IOBXINTM.js";
import {
  COLLECTIONS
} from "../chunks/chunk-4C3C67FH.js";
import {
  readStages
} from "../chunks/chunk-ZOFQZNG2.js";
import {
  runStatsSchema
} from "../chunks/chunk-5A7CVTSE.js";
import {
  DefaultArtifactClient
} from "../chunks/chunk-W4XHDAZ2.js";
import {
  readRunContext
} from "../chunks/chunk-YMZZPAWV.js";
import {
  connectDatabase,
  databaseInput,
  require_lib
} from "../chunks/chunk-UK4VE3HP.js";
import {
  ConfigurationError,
  ENV,
  RetryableError,
  dryRunInput,
  external_exports,
  integerInput,
  listInput,
  mongodbUriInput,
  readEnv,
  runAction,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import {
  __toESM
} from "../chunks/chunk-Z67Z3DOX.js";

// actions/store-mongo/src/load-stages.ts
import path from "node:path";
var STORED_RECORD_TYPES = ["county-parcel", "mls-listing", "enrichment"];
async function loadStages(names, source, logger) {
  const { stages: folders } = await readStages(names, {
    client: source.artifacts ? new DefaultArtifactClient() : null,
    baseDir: source.baseDir,
    downloadDir: path.join(source.baseDir, "store-mongo-inputs"),
    logger,
    requiredBy: "input-artifacts"
  });
  const stages = [];
  for (const { name, manifest, records: read } of folders) {
    if (!STORED_RECORD_TYPES.includes(manifest.recordType)) {
      throw new ConfigurationError(
        `input 'input-artifacts': '${name}' holds ${manifest.recordType} records, expected one of ${STORED_RECORD_TYPES.join(", ")}`
      );
    }
    logger.info(
      `${name}: ${manifest.recordCount} ${manifest.recordType} records (run ${manifest.runId}, shard ${manifest.shard})`
    );
    stages.push({
      source: name,
      manifest,
      records: (options) => read(manifest.recordType, void 0, options),
      runStats: await collect(read("run-stats", runStatsSchema)),
      usage: await collect(read("usage", usageSchema))
    });
  }
  return stages;
}
async function collect(records) {
  const all = [];
  for await (const record of records) all.push(record);
  return all;
}

// actions/store-mongo/src/own-run.ts
async function recordOwnRun(db, run2) {
  const shards = new Set(run2.stages.map((stage) => stage.manifest.shard));
  const shard = shards.size === 1 ? [...shards][0] : "all";
  const finishedAt = /* @__PURE__ */ new Date();
  const { result } = run2;
  await recordRun(db, {
    runId: run2.context.runId,
    stage: "store-mongo",
    shard,
    outcome: result.integrity === "ok" ? "success" : "partial",
    startedAt: run2.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - run2.startedAt.getTime(),
    counts: {
      records: result.records,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      "price-changes": result.priceChanges,
      "history-rows": result.historyRows,
      "linked-listings": result.linkedListings,
      conflicts: result.conflicts
    },
    usage: [{ service: "database", unit: "request", quantity: run2.commands }],
    quality: { ...result.quality },
    integrity: result.integrity,
    recordedAt: finishedAt.toISOString()
  });
}

// actions/store-mongo/src/reveal.ts
var ParcelRevealer = class {
  constructor(opener) {
    this.opener = opener;
  }
  opener;
  #sealed = 0;
  #opened = 0;
  /**
   * Opens `sealed` (the first sealed value the first pass met, see `RecordIndex.firstSealed`), so
   * that a wrong passphrase fails the step before anything is written (the artifacts of one run
   * share one salt and passphrase).
   */
  async checkPassphrase(sealed) {
    if (this.opener !== null && sealed !== null) await this.opener.open(sealed);
  }
  /** The parcel with its owner fields opened when it has any sealed and a passphrase is given. */
  async reveal(parcel) {
    if (parcel.personal === void 0) return parcel;
    this.#sealed += 1;
    const revealed = await revealPersonal(parcel, this.opener);
    if (revealed.personal === void 0) this.#opened += 1;
    return revealed;
  }
  /** Says how many parcels were opened, or kept their stored owners. */
  report(logger) {
    if (this.#sealed === 0) return;
    if (this.#opened === this.#sealed) {
      logger.info(`${this.#opened} parcels: owner fields opened with 'artifact-passphrase'`);
      return;
    }
    logger.warning(
      `${this.#sealed - this.#opened} parcels came without owner fields (an artifact of a public repository${this.opener ? " collected without a passphrase" : "; set 'artifact-passphrase'"}): their stored owners are kept`
    );
  }
};

// shared/db/sanitize.ts
function sanitizeKey(key) {
  return key.replaceAll("$", "\uFF04").replaceAll(".", "\uFF0E");
}
function sanitizeKeys(value) {
  if (Array.isArray(value)) return value.map((item) => sanitizeKeys(item));
  if (value === null || typeof value !== "object") return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy = {};
  for (const [key, item] of Object.entries(value)) {
    copy[sanitizeKey(key)] = sanitizeKeys(item);
  }
  return copy;
}

// actions/store-mongo/src/conflicts.ts
var AREA_TOLERANCE = 0.1;
var relative = (a, b) => Math.abs(a - b) > AREA_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
var CHECKS = [
  {
    field: "livingAreaSqft",
    county: (county) => county.livingAreaSqft,
    mls: (listing) => listing.livingAreaSqft,
    disagree: relative
  },
  {
    field: "lotSizeSqft",
    county: (county) => county.lotSizeSqft,
    mls: (listing) => listing.lotSizeSqft,
    disagree: relative
  },
  {
    field: "yearBuilt",
    county: (county) => county.originalConstructionYear ?? county.constructionYear,
    // Listings round and remodels shift the effective year; a year either way is not a dispute.
    mls: (listing) => listing.yearBuilt,
    disagree: (a, b) => Math.abs(a - b) > 1
  }
];
function detectConflicts(county, listing, previous, now) {
  if (county === null || listing === null) return [];
  const conflicts = [];
  for (const check of CHECKS) {
    const countyValue = check.county(county);
    const mlsValue = check.mls(listing);
    if (countyValue === null || mlsValue === null || !check.disagree(countyValue, mlsValue))
      continue;
    const known = previous.find(
      (conflict) => conflict.field === check.field && conflict.values.county === countyValue && conflict.values.mls === mlsValue
    );
    conflicts.push({
      field: check.field,
      values: { county: countyValue, mls: mlsValue },
      detectedAt: known?.detectedAt ?? now
    });
  }
  return conflicts;
}

// actions/store-mongo/src/history-changes.ts
import { createHash } from "node:crypto";

// actions/store-mongo/src/stable-json.ts
function stableJson(value) {
  return JSON.stringify(value, (_key, item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return item;
    const sorted = {};
    for (const key of Object.keys(item).sort())
      sorted[key] = item[key];
    return sorted;
  });
}
function sameValue(a, b) {
  return stableJson(a ?? null) === stableJson(b ?? null);
}

// actions/store-mongo/src/history-changes.ts
function newestValuation(doc) {
  const valuations = doc.county?.valuations ?? [];
  const newest = [...valuations].sort((a, b) => b.taxYear - a.taxYear)[0];
  return newest ? { taxYear: newest.taxYear, fullCashValue: newest.fullCashValue } : null;
}
var TRACKED = [
  { field: "price", source: "mls", value: (doc) => doc.listing?.listPrice ?? null },
  { field: "status", source: "mls", value: (doc) => doc.listing?.status ?? null },
  { field: "valuation", source: "county", value: newestValuation },
  { field: "owner", source: "county", value: (doc) => doc.county?.owner?.name ?? null }
];
function historyChanges(before, after, input, runId, now) {
  const changes = [];
  for (const tracked of TRACKED) {
    const present = tracked.source === "mls" ? "listing" : "county";
    if (before[present] === null || after[present] === null) continue;
    const from = tracked.value(before);
    const to = tracked.value(after);
    if (sameValue(from, to)) continue;
    const observed = tracked.source === "mls" ? input.listing : input.parcel;
    const _id = createHash("sha256").update(`${after._id}
${tracked.field}
${before.updatedAt}
${JSON.stringify(to)}`).digest("hex").slice(0, 32);
    changes.push({
      ...{ _id, propertyKey: after._id, field: tracked.field, from, to, source: tracked.source },
      ...{ observedAt: observed?.observedAt ?? now, runId, recordedAt: now }
    });
  }
  return changes;
}

// actions/store-mongo/src/omit.ts
function omit(value, keys) {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}

// actions/store-mongo/src/merge.ts
var MERGED_FIELDS = [
  "schemaVersion",
  "apn",
  "address",
  "zip",
  "county",
  "listing",
  "enrichment",
  "sources",
  "conflicts"
];
var OBSERVATION = /* @__PURE__ */ new Set(["collectedAt", "scrapedAt", "extractedAt", "sourceUrl"]);
function withoutObservation(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !OBSERVATION.has(key)));
}
function sight(previous, incoming) {
  if (previous === void 0)
    return {
      firstSeen: incoming.observedAt,
      lastSeen: incoming.observedAt,
      lastRunId: incoming.runId
    };
  const newer = incoming.observedAt >= previous.lastSeen;
  return {
    firstSeen: incoming.observedAt < previous.firstSeen ? incoming.observedAt : previous.firstSeen,
    lastSeen: newer ? incoming.observedAt : previous.lastSeen,
    lastRunId: newer ? incoming.runId : previous.lastRunId
  };
}
function absorb(existing, absorbed) {
  if (absorbed === null) return existing;
  if (existing === null) return absorbed;
  const merged = { ...existing, sources: { ...existing.sources } };
  for (const [source, field] of [
    ["mls", "listing"],
    ["llm", "enrichment"]
  ]) {
    const theirs = absorbed.sources[source];
    const ours = existing.sources[source];
    if (theirs === void 0 || ours !== void 0 && ours.lastSeen >= theirs.lastSeen) continue;
    merged[field] = absorbed[field];
    merged.sources[source] = ours ? {
      ...theirs,
      firstSeen: ours.firstSeen < theirs.firstSeen ? ours.firstSeen : theirs.firstSeen
    } : theirs;
  }
  return merged;
}
function take(sources, source, incoming) {
  if (incoming === void 0) return void 0;
  const previous = sources[source];
  sources[source] = sight(previous, incoming);
  return previous === void 0 || incoming.observedAt >= previous.lastSeen ? incoming.record : void 0;
}
function mergeProperty(input, existing, absorbed, now, runId) {
  const base = absorb(existing, absorbed);
  const sources = { ...base?.sources ?? {} };
  const parcel = take(sources, "county", input.parcel);
  const listing = take(sources, "mls", input.listing);
  const enrichment = take(sources, "llm", input.enrichment);
  const county = parcel ? keepStoredPersonal(omit(parcel, ["schemaVersion", "raw"]), base?.county ?? null) : base?.county ?? null;
  const listingFacts = listing ? omit(listing, ["schemaVersion"]) : base?.listing ?? null;
  const enrichmentFacts = enrichment ? omit(enrichment, ["schemaVersion", "key"]) : base?.enrichment ?? null;
  const address = county?.situs ?? listingFacts?.address ?? base?.address ?? null;
  const apn = /^\d{3}-\d{2}-\d{3}[A-Z]?$/.test(input.key) ? input.key : null;
  const document = sanitizeKeys({
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
    updatedAt: now
  });
  const changed = MERGED_FIELDS.filter(
    (field) => existing === null || !sameValue(existing[field], document[field])
  );
  const factsChanged = existing === null || changed.some(
    (field) => field !== "sources" && !sameValue(withoutObservation(existing[field]), withoutObservation(document[field]))
  );
  if (existing !== null && !factsChanged) document.updatedAt = existing.updatedAt;
  const history = base === null ? [] : historyChanges(base, document, input, runId, now);
  return { document, changed, factsChanged, history };
}

// actions/store-mongo/src/integrity.ts
var FRESHNESS_DAYS = 7;
var APN = /^\d{3}-\d{2}-\d{3}[A-Z]?$/;
var REQUIRED = [...MERGED_FIELDS.filter((field) => field !== "apn"), "updatedAt"];
var SHOWN = 5;
function documentProblems(doc) {
  const absent = REQUIRED.filter((field) => doc[field] === void 0);
  if (absent.length) return [`property ${doc._id} lacks ${absent.join(", ")}`];
  if (APN.test(doc._id) ? doc.apn !== doc._id : doc.apn !== null || !doc._id.startsWith("addr:"))
    return [`property ${doc._id} has apn ${String(doc.apn)}`];
  return [];
}
async function measureFreshness(db, now) {
  const cutoff = new Date(Date.parse(now) - FRESHNESS_DAYS * 864e5).toISOString();
  let parcels = 0;
  let refreshed = 0;
  await forEachStateEntry(pipelineCollections(db).storeState, "property", (_key, entry) => {
    if (entry.s === null) return;
    parcels += 1;
    if (entry.s >= cutoff) refreshed += 1;
  });
  const share2 = parcels === 0 ? null : Math.round(refreshed / parcels * 1e4) / 1e4;
  return { days: FRESHNESS_DAYS, parcels, refreshed, share: share2 };
}
async function auditStore(db, index, writeProblems, now) {
  const problems = index.stages.flatMap((stage, at) => {
    const read = index.readPerStage[at] ?? 0;
    return read === stage.manifest.recordCount ? [] : [`${stage.source}: read ${read} records, manifest says ${stage.manifest.recordCount}`];
  });
  problems.push(...writeProblems);
  const freshness = db ? await measureFreshness(db, now) : null;
  if (problems.length === 0) return { integrity: "ok", freshness };
  const more = problems.length > SHOWN ? ` (and ${problems.length - SHOWN} more)` : "";
  return { integrity: `failed: ${problems.slice(0, SHOWN).join("; ")}${more}`, freshness };
}

// actions/store-mongo/src/ledger.ts
function stageEntries(stages, now) {
  const usage = /* @__PURE__ */ new Map();
  for (const entry of stages.flatMap((stage) => stage.usage)) {
    const id = runLedgerId(entry.runId, entry.action, entry.shard);
    usage.set(id, [...usage.get(id) ?? [], entry]);
  }
  const entries = /* @__PURE__ */ new Map();
  for (const stats of stages.flatMap((stage) => stage.runStats)) {
    const id = runLedgerId(stats.runId, stats.action, stats.shard);
    entries.set(id, { ...stageRunFields(stats, usage.get(id) ?? []), recordedAt: now });
  }
  return [...entries.values()];
}
async function recordEntries(db, entries) {
  for (const entry of entries) await recordRun(db, entry);
}

// actions/store-mongo/src/store-state.ts
var import_mongodb = __toESM(require_lib(), 1);
import { createHash as createHash2 } from "node:crypto";

// actions/store-mongo/src/bulk.ts
var UPDATE_CHUNK = 50;
async function applyUpdates(collection, updates) {
  let matched = 0;
  for (let start = 0; start < updates.length; start += UPDATE_CHUNK) {
    const operations = updates.slice(start, start + UPDATE_CHUNK).map(
      (update) => ({
        updateOne: { filter: { _id: update._id }, update: { $set: update.set } }
      })
    );
    matched += (await collection.bulkWrite(operations, { ordered: false })).matchedCount;
  }
  return matched;
}
async function insertIdempotent(collection, rows) {
  const result = await insertNew(collection, rows);
  return result.inserted;
}

// actions/store-mongo/src/store-state.ts
var LISTINGS_COVERED = "listings-covered";
function recordDigest(record) {
  const rest = { ...record };
  delete rest.raw;
  return createHash2("sha256").update(JSON.stringify(rest)).digest().toString("hex", 0, 6);
}
function inputDigest(parts) {
  return createHash2("sha256").update(parts.map((part2) => String(part2 ?? "")).join("\n")).digest().toString("hex", 0, 12);
}
var SAVE_ATTEMPTS = 5;
function pack(entries) {
  const packed = {};
  for (const [key, { d, s, c, m }] of entries)
    packed[key] = m === void 0 ? [d, s, c] : [d, s, c, m];
  return JSON.stringify(packed);
}
function stateEntry(state, key) {
  return state.get(sanitizeKey(key));
}
async function readState(collection, kind) {
  const state = /* @__PURE__ */ new Map();
  if (collection !== void 0)
    await forEachStateEntry(collection, kind, (key, entry) => state.set(key, entry));
  return state;
}
async function saveState(collection, kind, entries, now) {
  const buckets = /* @__PURE__ */ new Map();
  for (const [key, entry] of entries) {
    const id = bucketId(kind, key);
    const bucket = buckets.get(id) ?? /* @__PURE__ */ new Map();
    bucket.set(sanitizeKey(key), entry);
    buckets.set(id, bucket);
  }
  const stored = /* @__PURE__ */ new Map();
  for await (const bucket of collection.find({ _id: { $in: [...buckets.keys()] } }))
    stored.set(bucket._id, bucket);
  for (const [id, bucket] of buckets)
    await saveBucket(collection, id, bucket, stored.get(id) ?? null, now);
}
async function saveBucket(collection, _id, entries, read, now) {
  for (let attempt = 1; attempt <= SAVE_ATTEMPTS; attempt += 1) {
    const stored = attempt === 1 ? read : await collection.findOne({ _id });
    const merged = new Map(stored ? unpack(stored) : []);
    for (const [key, entry] of entries) merged.set(key, entry);
    const next = { packed: pack(merged), version: (stored?.version ?? 0) + 1, updatedAt: now };
    if (stored === null) {
      try {
        await collection.insertOne({ _id, ...next });
        return;
      } catch (error) {
        if (!(error instanceof import_mongodb.MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
        continue;
      }
    }
    const version = stored.version === void 0 ? { $exists: false } : stored.version;
    const { matchedCount } = await collection.replaceOne({ _id, version }, next);
    if (matchedCount === 1) return;
  }
  throw new RetryableError(`store_state document ${_id} kept changing under another writer`);
}
async function listingsCovered(collection) {
  return await collection?.findOne({ _id: LISTINGS_COVERED }) != null;
}
async function markListingsCovered(collection, now) {
  await collection.replaceOne({ _id: LISTINGS_COVERED }, { updatedAt: now }, { upsert: true });
}
async function withdrawListingsCovered(collection) {
  await collection.deleteOne({ _id: LISTINGS_COVERED });
}
async function markPropertiesCovered(collection, now) {
  await collection.replaceOne({ _id: PROPERTIES_COVERED }, { updatedAt: now }, { upsert: true });
}
async function withdrawPropertiesCovered(collection) {
  await collection.deleteOne({ _id: PROPERTIES_COVERED });
}

// actions/store-mongo/src/link.ts
var ADDR = "addr:";
function absorbKeyOf(ref) {
  return ref.parcel?.address ? `${ADDR}${ref.parcel.address}` : void 0;
}
async function storedParcelsByAddress(db, addressKeys, batchSize) {
  const found = /* @__PURE__ */ new Map();
  if (db === void 0) return found;
  const { properties } = pipelineCollections(db);
  for (let start = 0; start < addressKeys.length; start += batchSize) {
    const batch = addressKeys.slice(start, start + batchSize);
    const cursor = properties.find(
      { "address.key": { $in: batch } },
      { projection: { apn: 1, "address.key": 1 } }
    );
    for await (const doc of cursor) {
      if (doc.apn !== null && doc.address?.key) found.set(doc.address.key, doc.apn);
    }
  }
  return found;
}
function propertyRef(plan, index, key) {
  let ref = plan.properties.get(key);
  if (ref === void 0) {
    ref = { key };
    const parcel = index.parcels.get(key);
    if (parcel) ref.parcel = parcel;
    plan.properties.set(key, ref);
  }
  return ref;
}
function propertyOf(plan, index, key) {
  const ref = plan.properties.get(key);
  if (ref !== void 0) return ref;
  const parcel = index.parcels.get(key);
  return parcel ? { key, parcel, pending: parcel.pending } : void 0;
}
function* propertyRefs(plan, index) {
  yield* plan.properties.values();
  for (const [key, parcel] of index.parcels)
    if (!plan.properties.has(key)) yield { key, parcel, pending: parcel.pending };
}
function markPending(plan, ref) {
  if (plan.properties.has(ref.key)) ref.pending = true;
  else if (ref.parcel) ref.parcel.pending = true;
}
async function planLinks(index, db, batchSize) {
  const plan = { properties: /* @__PURE__ */ new Map(), listingKeys: /* @__PURE__ */ new Map(), situs: /* @__PURE__ */ new Map() };
  const { situs } = plan;
  for (const [apn, parcel] of index.parcels) if (parcel.address) situs.set(parcel.address, apn);
  const unresolved = /* @__PURE__ */ new Set();
  for (const { apn, address } of index.listings.values()) {
    if (apn === null && address && !situs.has(address)) unresolved.add(address);
  }
  for (const key of index.enrichments.keys()) {
    if (key.startsWith(ADDR) && !situs.has(key.slice(ADDR.length)))
      unresolved.add(key.slice(ADDR.length));
  }
  const stored = await storedParcelsByAddress(db, [...unresolved], batchSize);
  const byAddress = (addressKey) => situs.get(addressKey) ?? stored.get(addressKey) ?? `${ADDR}${addressKey}`;
  for (const [mlsNumber, listing] of index.listings) {
    const key = listing.apn ?? (listing.address ? byAddress(listing.address) : null);
    plan.listingKeys.set(mlsNumber, key);
    listing.property = key;
    if (key === null) continue;
    const ref = propertyRef(plan, index, key);
    if (!ref.listing || ref.listing.t <= listing.t) ref.listing = listing;
  }
  for (const [enrichmentKey, enrichment] of index.enrichments) {
    const key = enrichmentKey.startsWith(ADDR) ? byAddress(enrichmentKey.slice(ADDR.length)) : enrichmentKey;
    enrichment.property = key;
    const ref = propertyRef(plan, index, key);
    if (!ref.enrichment || ref.enrichment.t <= enrichment.t) ref.enrichment = enrichment;
  }
  return plan;
}
function part(index, entry) {
  return entry ? `${entry.d}/${index.stages[entry.stage]?.manifest.runId}/${entry.t}` : "";
}
function propertyDigest(index, ref) {
  const parts = [ref.parcel, ref.listing, ref.enrichment].map((entry) => part(index, entry));
  return inputDigest([ref.key, absorbKeyOf(ref), ...parts]);
}
function listingDigest(index, entry) {
  return inputDigest([entry.key, entry.property, part(index, entry)]);
}
function lastPosition(ref) {
  return Math.max(ref.parcel?.pos ?? 0, ref.listing?.pos ?? 0, ref.enrichment?.pos ?? 0);
}

// shared/model/enrichment-evidence.ts
var FIELD_CUES = {
  propertySubtype: /\b(single[- ]family|town ?(home|house)|condo(minium)?|(mobile|manufactured) home|duplex|triplex|fourplex|multi[- ]?family|vacant land)\b/i,
  bedrooms: /\b\d{1,2}\s*(bed(room)?s?|br)\b/i,
  bathrooms: /\b\d{1,2}(\.\d{1,2})?\s*(bath(room)?s?|ba)\b/i,
  livingAreaSqft: /\b\d[\d,]{2,5}\s*(sq\.?\s*ft|sqft|square feet)/i,
  condition: /\b(move[- ]in ready|turn[- ]?key|well[- ](maintained|kept)|immaculate|pristine|like new|needs (some |a lot of )?(work|tlc|repairs|updating)|fixer|tear ?down)\b/i,
  renovated: /\b(renovated|remodell?ed|updated)\b/i,
  renovationYear: /\b(renovated|remodell?ed|updated)\s+(in\s+)?(19|20)\d{2}\b/i,
  stories: /\b(single|one|two|three|[1-3])[- ](story|level)\b/i,
  pool: /(?<!community )\bpool\b/i,
  garageSpaces: /\b(\d|one|two|three|four)[- ]car garage\b/i,
  hoa: /\bhoa\b|\bhome ?owners'? association\b/i,
  hoaMonthlyFee: /\bhoa\s*(fee\s*)?(is\s*)?\$\s*\d/i,
  roof: /\b(tile|shingle|foam|metal|built[- ]up) roof\b/i,
  cooling: /\b(central (air|a\/?c)|heat pump|evaporative cooler|swamp cooler|mini[- ]split|air conditioning)\b/i,
  solar: /\bsolar\b/i,
  solarLeased: /\b(leased|owned|paid[- ]off) solar\b|\bsolar (panels )?(are )?(leased|owned)\b/i,
  views: /\b(mountain|city[- ]lights?|golf course|park|lake|water)\s+views?\b|\bviews? of (the )?(mountains?|city|park|golf course|lake)\b/i,
  lotFeatures: /\b(corner lot|cul[- ]de[- ]sac|rv (gate|parking)|large lot|alley access|desert landscaping|mature trees|north[- ]south exposure|block fence|fenced)\b/i,
  features: /\b(covered patio|tile floors?|ceiling fans?|fireplace|granite|kitchen island|casita|walk[- ]in closets?|vaulted ceilings?)\b/i,
  summary: /\w/
};
function fieldsTheTextStates(text) {
  return Object.keys(FIELD_CUES).filter(
    (name) => FIELD_CUES[name].test(text)
  );
}

// actions/store-mongo/src/record-facts.ts
var filled = (value) => value !== null && value !== void 0 && !(Array.isArray(value) && value.length === 0);
var COUNTY_FIELDS = [
  (p) => p.situs?.key,
  (p) => p.livingAreaSqft,
  (p) => p.lotSizeSqft,
  (p) => p.constructionYear,
  (p) => p.pool,
  (p) => p.garageSpaces,
  (p) => p.valuations,
  (p) => p.legalClass,
  (p) => p.owner?.redacted ? "redacted" : p.owner?.name,
  (p) => p.lastSale
];
var MLS_FIELDS = [
  (l) => l.listPrice,
  (l) => l.bedrooms,
  (l) => l.bathrooms.total ?? l.bathrooms.full,
  (l) => l.livingAreaSqft,
  (l) => l.lotSizeSqft,
  (l) => l.yearBuilt,
  (l) => l.daysOnMarket,
  (l) => l.listedOn,
  (l) => l.address.key
];
var FIELDS_PER_RECORD = { county: COUNTY_FIELDS.length, mls: MLS_FIELDS.length };
function countyFilled(parcel) {
  return COUNTY_FIELDS.filter((field) => filled(field(parcel))).length;
}
function listingFilled(listing) {
  return MLS_FIELDS.filter((field) => filled(field(listing))).length;
}
var CUED = Object.keys(FIELD_CUES);
var BIT = new Map(CUED.map((name, index) => [name, 1 << index]));
function statedMask(description) {
  const text = description?.trim();
  if (!text) return 0;
  return fieldsTheTextStates(text).reduce((mask, name) => mask | (BIT.get(name) ?? 0), 0);
}
function enrichmentMask(fields) {
  return CUED.reduce(
    (mask, name) => filled(fields[name]) ? mask | (BIT.get(name) ?? 0) : mask,
    0
  );
}
function bitCount(mask) {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

// actions/store-mongo/src/quality.ts
function share(part2, whole) {
  return whole === 0 ? null : Math.round(part2 / whole * 1e4) / 1e4;
}
function completeness(entries, fields) {
  let present = 0;
  let total = 0;
  for (const entry of entries) {
    present += entry.filled;
    total += fields;
  }
  return share(present, total);
}
function enrichmentCompleteness(properties) {
  let stated = 0;
  let given = 0;
  for (const { enrichment, listing } of properties) {
    if (!enrichment || !listing) continue;
    stated += bitCount(listing.mask);
    given += bitCount(listing.mask & enrichment.mask);
  }
  return share(given, stated);
}
function measureQuality(index, properties, linked, freshness) {
  const records = Object.values(index.read).reduce((sum, count) => sum + count, 0);
  const valid = records - index.invalid - index.outOfRange;
  return {
    completeness: {
      county: completeness(index.parcels.values(), FIELDS_PER_RECORD.county),
      mls: completeness(index.listings.values(), FIELDS_PER_RECORD.mls),
      llm: enrichmentCompleteness(properties)
    },
    validity: { records, valid, share: share(valid, records) },
    duplicatesMerged: index.duplicates + linked.absorbed,
    listingsLinked: {
      listings: linked.listings,
      linked: linked.linked,
      share: share(linked.linked, linked.listings)
    },
    freshness
  };
}

// actions/store-mongo/src/read-back.ts
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var Spool = class {
  #dir = mkdtempSync(join(tmpdir(), "store-mongo-spool-"));
  #fd = openSync(join(this.#dir, "records.ndjson"), "w+");
  #end = 0;
  write(value) {
    const bytes = Buffer.from(JSON.stringify(value), "utf8");
    writeSync(this.#fd, bytes, 0, bytes.length, this.#end);
    const at = [this.#end, bytes.length];
    this.#end += bytes.length;
    return at;
  }
  read([offset, length]) {
    const bytes = Buffer.alloc(length);
    readSync(this.#fd, bytes, 0, length, offset);
    return JSON.parse(bytes.toString("utf8"));
  }
  close() {
    closeSync(this.#fd);
    rmSync(this.#dir, { recursive: true, force: true });
  }
};
function keyOf(type, record) {
  return type === "county-parcel" ? record.apn : type === "mls-listing" ? record.mlsNumber : record.key;
}
async function readBack(index, plan, handlers) {
  const spool = new Spool();
  const spooled = /* @__PURE__ */ new Map();
  let ready = [];
  let listings = [];
  let writing = Promise.resolve();
  const write = async (run2) => {
    await writing;
    writing = run2();
    writing.catch(() => {
    });
    if (!handlers.overlap) await writing;
  };
  const maps = {
    "county-parcel": index.parcels,
    "mls-listing": index.listings,
    enrichment: index.enrichments
  };
  try {
    let pos = 0;
    for (const stage of index.stages) {
      const type = stage.manifest.recordType;
      const runId = stage.manifest.runId;
      const options = type === "county-parcel" ? { unparsed: "raw" } : {};
      for await (const raw of stage.records(options)) {
        pos += 1;
        const value = raw;
        const entry = maps[type].get(String(keyOf(type, value)));
        if (entry?.pos !== pos) continue;
        const observedAt = new Date(entry.t).toISOString();
        let part2;
        let record;
        if (type === "county-parcel") {
          const parcel = countyParcelSchema.parse({ ...value, raw: {} });
          record = handlers.reveal ? await handlers.reveal(parcel) : parcel;
          part2 = "parcel";
        } else if (type === "mls-listing") {
          record = mlsListingSchema.parse(value);
          part2 = "listing";
          if (entry.pending) {
            const digest2 = listingDigest(index, entry);
            const listing = { record, runId, observedAt };
            listings.push({ listing, propertyKey: entry.property ?? null, digest: digest2 });
            if (listings.length >= handlers.groupSize) {
              const group = listings;
              await write(() => handlers.listings(group));
              listings = [];
            }
          }
        } else {
          record = enrichmentSchema.parse(value);
          part2 = "enrichment";
        }
        const propertyKey = type === "county-parcel" ? entry.key : entry.property;
        const ref = propertyKey ? propertyOf(plan, index, propertyKey) : void 0;
        if (ref === void 0 || ref[part2] !== entry || !ref.pending) continue;
        const sourced = { record, runId, observedAt };
        if (pos < lastPosition(ref)) {
          const parts = spooled.get(ref.key) ?? [];
          parts.push([part2, spool.write(sourced)]);
          spooled.set(ref.key, parts);
          continue;
        }
        const digest = propertyDigest(index, ref);
        const input = { key: ref.key, [part2]: sourced, digest };
        for (const [earlier, at] of spooled.get(ref.key) ?? [])
          input[earlier] = spool.read(at);
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
    await writing.catch(() => {
    });
    spool.close();
  }
}

// actions/store-mongo/src/read-stored.ts
var SCAN_SHARE = 0.25;
async function readByIds(collection, ids, batchSize, stored) {
  const wanted = new Set(ids);
  const found = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return found;
  const total = stored > 0 ? stored : await collection.estimatedDocumentCount();
  if (total === 0) return found;
  if (wanted.size >= total * SCAN_SHARE) {
    for await (const doc of collection.find({}))
      if (wanted.has(doc._id)) found.set(doc._id, doc);
    return found;
  }
  const list = [...wanted];
  for (let start = 0; start < list.length; start += batchSize) {
    const filter = { _id: { $in: list.slice(start, start + batchSize) } };
    for await (const doc of collection.find(filter)) found.set(doc._id, doc);
  }
  return found;
}
async function storedCount(collection, known) {
  if (collection === void 0 || known > 0) return known;
  return collection.estimatedDocumentCount();
}

// actions/store-mongo/src/record-index.ts
var IndexEntry = class {
  constructor(key, pos, stage, t, d, filled2, mask, address, apn) {
    this.key = key;
    this.pos = pos;
    this.stage = stage;
    this.t = t;
    this.d = d;
    this.filled = filled2;
    this.mask = mask;
    this.address = address;
    this.apn = apn;
  }
  key;
  pos;
  stage;
  t;
  d;
  filled;
  mask;
  address;
  apn;
  /** Listing and enrichment: the property the record belongs to, set by `planLinks`. */
  property = null;
  /**
   * Parcel: its property (when only the parcel makes it) must be merged. Listing: its document
   * must be written. Set when the digest differs from store-state's.
   */
  pending = false;
};
var SCHEMAS = {
  "county-parcel": countyParcelSchema,
  "mls-listing": mlsListingSchema,
  enrichment: enrichmentSchema
};
var MAX_WARNINGS = 5;
function orderStages(stages) {
  const last = (stage) => stage.manifest.recordType === "county-parcel" ? 1 : 0;
  return [...stages].sort((a, b) => last(a) - last(b));
}
function keep(map, entry) {
  const previous = map.get(entry.key);
  if (previous === void 0 || previous.t <= entry.t) map.set(entry.key, entry);
  return previous !== void 0;
}
function entryOf(type, record, pos, stage) {
  const d = recordDigest(record);
  if (type === "county-parcel") {
    const parcel = record;
    const t2 = Date.parse(parcel.collectedAt);
    const address = parcel.situs?.key ?? null;
    return new IndexEntry(parcel.apn, pos, stage, t2, d, countyFilled(parcel), 0, address, null);
  }
  if (type === "mls-listing") {
    const listing = record;
    const [t2, filled2] = [Date.parse(listing.scrapedAt), listingFilled(listing)];
    const [mask2, address] = [statedMask(listing.description), listing.address.key ?? null];
    return new IndexEntry(listing.mlsNumber, pos, stage, t2, d, filled2, mask2, address, listing.apn);
  }
  const enrichment = record;
  const t = Date.parse(enrichment.extractedAt);
  const mask = enrichmentMask(enrichment.fields);
  return new IndexEntry(enrichment.key, pos, stage, t, d, 0, mask, null, null);
}
async function indexStages(input, logger) {
  const stages = orderStages(input);
  const index = {
    ...{ stages, parcels: /* @__PURE__ */ new Map(), listings: /* @__PURE__ */ new Map(), enrichments: /* @__PURE__ */ new Map() },
    ...{ read: {}, readPerStage: [], invalid: 0, outOfRange: 0, duplicates: 0, firstSealed: null }
  };
  const maps = {
    "county-parcel": index.parcels,
    "mls-listing": index.listings,
    enrichment: index.enrichments
  };
  let pos = 0;
  for (const [stageIndex, stage] of stages.entries()) {
    const type = stage.manifest.recordType;
    let count = 0;
    for await (const raw of stage.records()) {
      count += 1;
      pos += 1;
      const parsed = SCHEMAS[type].safeParse(raw);
      if (!parsed.success) {
        index.invalid += 1;
        if (index.invalid <= MAX_WARNINGS)
          logger.warning(
            `${stage.source} record ${count} is not a valid ${type}: ${formatIssues(parsed.error)}`
          );
        continue;
      }
      if (type === "mls-listing" && listingRangeProblems(parsed.data).length > 0)
        index.outOfRange += 1;
      if (type === "county-parcel")
        index.firstSealed ??= parsed.data.personal?.sealed ?? null;
      if (keep(maps[type], entryOf(type, parsed.data, pos, stageIndex))) index.duplicates += 1;
    }
    index.read[type] = (index.read[type] ?? 0) + count;
    index.readPerStage.push(count);
  }
  return index;
}

// actions/store-mongo/src/store-listings.ts
var APN2 = /^\d{3}-\d{2}-\d{3}[A-Z]?$/;
var ADDR2 = "addr:";
function desiredListing(listing, propertyKey, existing, now) {
  const history = existing?.statusHistory ?? [];
  if (existing && listing.observedAt < new Date(existing.scrapedAt).toISOString()) {
    return { ...existing, propertyKey };
  }
  const status = listing.record.status;
  const known = history.at(-1)?.status === status || history.some((entry) => entry.status === status && entry.seenAt === listing.observedAt);
  const statusHistory = known ? history : [
    ...history,
    { status: listing.record.status, seenAt: listing.observedAt, runId: listing.runId }
  ];
  return sanitizeKeys({
    ...omit(listing.record, ["schemaVersion"]),
    _id: listing.record.mlsNumber,
    propertyKey,
    statusHistory,
    lastRunId: listing.runId,
    updatedAt: existing?.updatedAt ?? now
  });
}
function planWrites(batch, stored, now) {
  const inserts = [];
  const updates = [];
  let linked = 0;
  for (const { listing, propertyKey } of batch) {
    const existing = stored.get(listing.record.mlsNumber);
    const desired = desiredListing(listing, propertyKey, existing, now);
    if (propertyKey !== null && APN2.test(propertyKey) && existing?.propertyKey !== propertyKey)
      linked += 1;
    if (existing === void 0) inserts.push(desired);
    else {
      const set = {};
      for (const [field, value] of Object.entries(desired))
        if (!sameValue(value, existing[field])) set[field] = value;
      if (Object.keys(set).length > 0)
        updates.push({ _id: desired._id, set: { ...set, updatedAt: now } });
    }
  }
  return { inserts, updates, linked };
}
var ListingStore = class {
  /** `stored`: listings the collection held when the run began (see `storedCount`). */
  constructor(db, options, stored) {
    this.db = db;
    this.options = options;
    this.stored = stored;
    this.#collections = db ? pipelineCollections(db) : void 0;
  }
  db;
  options;
  stored;
  linked = 0;
  #collections;
  #entries = /* @__PURE__ */ new Map();
  #uncovered = false;
  /** Merges and writes one group of listings. */
  async store(group) {
    const collections = this.#collections;
    const { options } = this;
    const mlsNumber = (entry) => entry.listing.record.mlsNumber;
    await this.#uncover();
    const stored = collections && this.stored > 0 ? await readByIds(collections.listings, group.map(mlsNumber), group.length, this.stored) : /* @__PURE__ */ new Map();
    for (let start = 0; start < group.length; start += options.batchSize) {
      const batch = group.slice(start, start + options.batchSize);
      const planned = planWrites(batch, stored, options.now);
      this.linked += planned.linked;
      if (collections === void 0 || options.dryRun) continue;
      const { duplicates } = await insertNew(collections.listings, planned.inserts);
      const raced = batch.filter((entry) => duplicates.includes(mlsNumber(entry)));
      const known = await readByIds(
        collections.listings,
        raced.map(mlsNumber),
        options.batchSize,
        Number.MAX_SAFE_INTEGER
      );
      const merged = planWrites(raced, known, options.now);
      this.linked += merged.linked - raced.filter(({ propertyKey }) => APN2.test(propertyKey ?? "")).length;
      await applyUpdates(collections.listings, [...planned.updates, ...merged.updates]);
      for (const entry of batch)
        this.#entries.set(mlsNumber(entry), {
          d: entry.digest,
          s: entry.propertyKey?.startsWith(ADDR2) ? entry.propertyKey : null,
          c: 0
        });
    }
  }
  /**
   * Relinks stored unmatched listings whose parcel is in this run (`situs`: situs address key ->
   * APN), then saves the listings' store-state. `known` are the unmatched listings as store-state
   * has them (see `unmatchedListings`); null when it does not cover them all: the listings are
   * scanned, and their entries saved so that it does. Returns the listings linked in this run.
   */
  async finish(situs, known) {
    const collections = this.#collections;
    const relinked = known === null ? await this.#scanAndRelink(situs) : await this.#relink(situs, known);
    if (collections && !this.options.dryRun && (this.#uncovered || known === null)) {
      if (this.#entries.size > 0)
        await saveState(collections.storeState, "listing", this.#entries, this.options.now);
      await markListingsCovered(collections.storeState, this.options.now);
    }
    return this.linked + relinked;
  }
  /** Before the first listing write: store-state covers the listings again only once saved. */
  async #uncover() {
    if (this.#uncovered || this.#collections === void 0 || this.options.dryRun) return;
    await withdrawListingsCovered(this.#collections.storeState);
    this.#uncovered = true;
  }
  /** Relinks the known unmatched listings this run did not store, each only if still unmatched. */
  async #relink(situs, known) {
    let relinked = 0;
    for (const [mlsNumber, entry] of known) {
      const apn = entry.s === null ? void 0 : situs.get(entry.s.slice(ADDR2.length));
      if (apn === void 0 || this.#entries.has(mlsNumber)) continue;
      if (this.#collections === void 0 || this.options.dryRun) {
        relinked += 1;
        continue;
      }
      await this.#uncover();
      const { matchedCount } = await this.#collections.listings.updateOne(
        { _id: mlsNumber, propertyKey: entry.s },
        { $set: { propertyKey: apn, updatedAt: this.options.now } }
      );
      relinked += matchedCount;
      this.#entries.set(mlsNumber, { ...entry, s: null });
    }
    return relinked;
  }
  /**
   * Finds every stored unmatched listing by a scan (FerretDB evaluates the regex over every
   * document), relinks those whose parcel is in this run and gives the others an entry with
   * their key. An entry made here has no digest: if the listing comes again, it is merged again.
   */
  async #scanAndRelink(situs) {
    if (this.#collections === void 0) return 0;
    const projection = { _id: 1, propertyKey: 1 };
    const unmatched = await this.#collections.listings.find({ propertyKey: { $regex: "^addr:" } }, { projection }).toArray();
    const updates = [];
    for (const { _id, propertyKey } of unmatched) {
      if (this.#entries.has(_id) || propertyKey === null) continue;
      const apn = situs.get(propertyKey.slice(ADDR2.length));
      if (apn) updates.push({ _id, set: { propertyKey: apn, updatedAt: this.options.now } });
      this.#entries.set(_id, { d: "", s: apn ? null : propertyKey, c: 0 });
    }
    if (!this.options.dryRun) await applyUpdates(this.#collections.listings, updates);
    return updates.length;
  }
};
function unmatchedListings(state, situs, covered) {
  if (!covered) return null;
  const known = /* @__PURE__ */ new Map();
  for (const [mlsNumber, entry] of state)
    if (entry.s?.startsWith(ADDR2) && situs.has(entry.s.slice(ADDR2.length)))
      known.set(mlsNumber, entry);
  return known;
}

// actions/store-mongo/src/take-over.ts
async function takeOver(properties, history, absorbed) {
  if (absorbed.size === 0) return [];
  for (const [addrKey, apn] of absorbed)
    await history.updateMany({ propertyKey: addrKey }, { $set: { propertyKey: apn } });
  const keys = [...absorbed.keys()];
  const { deletedCount } = await properties.deleteMany({ _id: { $in: keys } });
  return deletedCount === keys.length ? [] : [`${keys.length - deletedCount} unmatched listings taken over were already gone`];
}

// actions/store-mongo/src/store-batch.ts
async function storeBatch(db, inputs, stored, options, counts, entries) {
  const inserts = [];
  const updates = [];
  const history = [];
  const absorbedHere = /* @__PURE__ */ new Map();
  let seenAgain = 0;
  for (const input of inputs) {
    const absorbed = input.absorbKey ? stored.get(input.absorbKey) ?? null : null;
    if (absorbed && input.absorbKey) {
      absorbedHere.set(input.absorbKey, input.key);
      counts.absorbed.set(input.absorbKey, input.key);
    }
    const existing = stored.get(input.key) ?? null;
    const {
      document,
      changed,
      factsChanged,
      history: rows
    } = mergeProperty(input, existing, absorbed, options.now, options.runId);
    counts.problems.push(...documentProblems(document));
    history.push(...rows);
    const conflicts = document.conflicts.length;
    entries.set(input.key, {
      d: input.digest ?? "",
      s: document.sources.county?.lastSeen ?? null,
      c: conflicts,
      m: document.county !== null && document.listing !== null ? 1 : 0
    });
    if (existing === null) inserts.push(document);
    else if (changed.length === 0) counts.unchanged += 1;
    else {
      const set = { updatedAt: document.updatedAt };
      for (const field of changed) set[field] = document[field];
      updates.push({ _id: input.key, set });
      if (!factsChanged) seenAgain += 1;
    }
  }
  if (db === void 0 || options.dryRun) {
    counts.inserted += inserts.length;
    counts.updated += updates.length - seenAgain;
    counts.unchanged += seenAgain;
    counts.historyRows += history.length;
    counts.priceChanges += history.filter((row) => row.field === "price").length;
    for (const input of inputs) counts.conflicts += entries.get(input.key)?.c ?? 0;
    return [];
  }
  const { properties, history: historyCollection } = pipelineCollections(db);
  counts.historyRows += await insertIdempotent(historyCollection, history);
  const { inserted, duplicates } = await insertNew(properties, inserts);
  const matched = await applyUpdates(properties, updates);
  if (matched !== updates.length)
    counts.problems.push(`${updates.length - matched} updated properties were no longer stored`);
  for (const [addrKey, apn] of absorbedHere)
    if (duplicates.includes(apn)) absorbedHere.delete(addrKey);
  counts.problems.push(...await takeOver(properties, historyCollection, absorbedHere));
  for (const key of duplicates) entries.delete(key);
  counts.inserted += inserted;
  counts.updated += updates.length - seenAgain;
  counts.unchanged += seenAgain;
  counts.priceChanges += history.filter((row) => row.field === "price").length;
  for (const input of inputs)
    if (!duplicates.includes(input.key)) counts.conflicts += entries.get(input.key)?.c ?? 0;
  return inputs.filter((input) => duplicates.includes(input.key));
}

// actions/store-mongo/src/store-properties.ts
var MAX_ROUNDS = 3;
var STATE_FLUSH = 2e4;
var PropertyStore = class {
  /**
   * `stored`: documents the collection held when the run began (see `storedCount`); `covered`:
   * whether store-state covered all of them then (see `propertiesCovered`).
   */
  constructor(db, options, stored, covered) {
    this.db = db;
    this.options = options;
    this.stored = stored;
    this.covered = covered;
    this.#collections = db ? pipelineCollections(db) : void 0;
    this.counts = {
      ...{ inserted: 0, updated: 0, unchanged: 0, absorbed: /* @__PURE__ */ new Map() },
      ...{ priceChanges: 0, historyRows: 0, conflicts: 0, problems: [] }
    };
  }
  db;
  options;
  stored;
  covered;
  counts;
  #collections;
  #entries = /* @__PURE__ */ new Map();
  /** This run withdrew PROPERTIES_COVERED before its first write. */
  #uncovered = false;
  /** Counts a property whose input digest matched its store-state entry: nothing to read or write. */
  countUnchanged(entry) {
    this.counts.unchanged += 1;
    this.counts.conflicts += entry.c;
  }
  async #read(batch, known) {
    if (this.#collections === void 0 || known === 0) return /* @__PURE__ */ new Map();
    const ids = batch.flatMap(
      (input) => input.absorbKey ? [input.key, input.absorbKey] : [input.key]
    );
    return readByIds(this.#collections.properties, ids, ids.length, known);
  }
  /** Merges and writes one group of complete properties. */
  async store(group) {
    const { options } = this;
    if (this.#collections && !options.dryRun && !this.#uncovered) {
      await withdrawPropertiesCovered(this.#collections.storeState);
      this.#uncovered = true;
    }
    const stored = await this.#read(group, this.stored);
    for (let start = 0; start < group.length; start += options.batchSize) {
      let batch = group.slice(start, start + options.batchSize);
      let known = stored;
      for (let round = 1; batch.length > 0; round += 1) {
        if (round > MAX_ROUNDS)
          throw new RetryableError(
            `properties ${batch.map((input) => input.key).join(", ")} kept colliding with another writer`
          );
        if (round > 1) known = await this.#read(batch, Number.MAX_SAFE_INTEGER);
        batch = await storeBatch(this.db, batch, known, options, this.counts, this.#entries);
      }
    }
    if (this.#entries.size >= STATE_FLUSH) await this.#saveState();
  }
  /** Saves the entries of what was written (nothing on a dry run) and forgets them. */
  async #saveState() {
    if (this.#collections && !this.options.dryRun && this.#entries.size > 0)
      await saveState(this.#collections.storeState, "property", this.#entries, this.options.now);
    this.#entries.clear();
  }
  /**
   * Saves the store-state of what was written and records that it covers every property, after
   * reading them all if it did not when the run began; returns the counts.
   */
  async finish() {
    await this.#saveState();
    const collections = this.#collections;
    if (collections === void 0 || this.options.dryRun) return this.counts;
    if (!this.covered && this.stored > 0) await this.#cover(collections);
    if (!this.covered || this.#uncovered)
      await markPropertiesCovered(collections.storeState, this.options.now);
    return this.counts;
  }
  /**
   * Gives every stored property an entry that says whether it is merged and its standing
   * conflicts, as its document has them (a read of every property: once after an upgrade, a
   * dropped store-state or a run stopped part way). A property that had no entry gets an empty
   * digest: if it comes again, it is merged again.
   */
  async #cover(collections) {
    const state = await readState(collections.storeState, "property");
    const projection = { conflicts: 1, sources: 1, county: 1, listing: 1 };
    for await (const doc of collections.properties.find({}, { projection })) {
      const saved = stateEntry(state, doc._id);
      const entry = {
        d: saved?.d ?? "",
        s: doc.sources?.county?.lastSeen ?? null,
        c: Array.isArray(doc.conflicts) ? doc.conflicts.length : 0,
        m: doc.county != null && doc.listing != null ? 1 : 0
      };
      if (saved === void 0 || saved.m !== entry.m || saved.c !== entry.c || saved.s !== entry.s)
        this.#entries.set(doc._id, entry);
    }
    state.clear();
    await this.#saveState();
  }
};

// actions/store-mongo/src/store.ts
var STORE_COLLECTIONS = [
  COLLECTIONS.properties,
  COLLECTIONS.listings,
  COLLECTIONS.history,
  COLLECTIONS.runs,
  COLLECTIONS.storeState
];
function withIndexes(integrity, missing) {
  if (missing.length === 0) return integrity;
  const indexes = `indexes missing: ${missing.join(", ")}`;
  return integrity === "ok" ? `failed: ${indexes}` : `${integrity}; ${indexes}`;
}
var GROUP_SIZE = 1e3;
var NEW_GROUP_SIZE = 50;
async function storeStages(options) {
  const { db, stages, logger, dryRun } = options;
  const now = (options.now ?? (() => /* @__PURE__ */ new Date()))().toISOString();
  const writeDb = dryRun ? void 0 : db;
  const missingIndexes = await withGroup(logger, "Indexes", async () => {
    if (writeDb) await ensureIndexes(writeDb, STORE_COLLECTIONS);
    return db ? await checkIndexes(db, STORE_COLLECTIONS) : [];
  });
  const index = await withGroup(logger, "Index input records", () => indexStages(stages, logger));
  const revealer = new ParcelRevealer(options.opener ?? null);
  await revealer.checkPassphrase(index.firstSealed);
  const plan = await withGroup(
    logger,
    "Link listings to parcels",
    () => planLinks(index, db, options.batchSize)
  );
  const write = { batchSize: options.batchSize, now, runId: options.runId, dryRun };
  const collections = db ? pipelineCollections(db) : void 0;
  const propertyState = await readState(collections?.storeState, "property");
  const listingState = await readState(collections?.storeState, "listing");
  const propertyStore = new PropertyStore(
    db,
    write,
    await storedCount(collections?.properties, propertyState.size),
    await propertiesCovered(collections?.storeState)
  );
  const listingStore = new ListingStore(
    db,
    write,
    await storedCount(collections?.listings, listingState.size)
  );
  let pending = 0;
  for (const ref of propertyRefs(plan, index)) {
    const saved = stateEntry(propertyState, ref.key);
    if (saved?.d === propertyDigest(index, ref)) propertyStore.countUnchanged(saved);
    else {
      pending += 1;
      markPending(plan, ref);
    }
  }
  for (const entry of index.listings.values()) {
    if (stateEntry(listingState, entry.key)?.d === listingDigest(index, entry)) continue;
    entry.pending = true;
    pending += 1;
  }
  const relink = unmatchedListings(
    listingState,
    plan.situs,
    listingStore.stored === 0 || await listingsCovered(collections?.storeState)
  );
  propertyState.clear();
  listingState.clear();
  await withGroup(logger, "Store listings and properties", async () => {
    if (pending === 0) return logger.info("nothing changed since the last store");
    const first = propertyStore.stored + listingStore.stored === 0;
    await readBack(index, plan, {
      groupSize: first ? NEW_GROUP_SIZE : Math.max(GROUP_SIZE, options.batchSize),
      overlap: first,
      properties: (group) => propertyStore.store(group),
      listings: (group) => listingStore.store(group),
      reveal: (parcel) => revealer.reveal(parcel)
    });
    revealer.report(logger);
  });
  const properties = await propertyStore.finish();
  logger.info(
    `${properties.inserted} inserted, ${properties.updated} updated, ${properties.unchanged} unchanged, ${properties.historyRows} history rows`
  );
  const linkedListings = await listingStore.finish(plan.situs, relink);
  const audit = await withGroup(
    logger,
    "Check integrity",
    () => auditStore(writeDb, index, properties.problems, now)
  );
  const integrity = withIndexes(audit.integrity, writeDb ? missingIndexes : []);
  let linkedNow = 0;
  for (const key of plan.listingKeys.values())
    if (key !== null && !key.startsWith("addr:")) linkedNow += 1;
  const linked = {
    listings: plan.listingKeys.size,
    linked: linkedNow,
    absorbed: properties.absorbed.size
  };
  const quality = measureQuality(index, plan.properties.values(), linked, audit.freshness);
  if (writeDb) await recordEntries(writeDb, stageEntries(stages, now));
  if (integrity !== "ok") logger.error(`integrity ${integrity}`);
  return {
    ...{
      inserted: properties.inserted,
      updated: properties.updated,
      unchanged: properties.unchanged
    },
    ...{
      priceChanges: properties.priceChanges,
      historyRows: properties.historyRows,
      linkedListings
    },
    ...{ conflicts: properties.conflicts, integrity, quality, missingIndexes, dryRun },
    records: Object.values(index.read).reduce((sum, count) => sum + count, 0)
  };
}

// actions/store-mongo/src/summary.ts
var percent = (share2) => share2 === null || share2 === void 0 ? "n/a" : `${(share2 * 100).toFixed(1)} %`;
function storeSummary(result) {
  const { quality } = result;
  const title = result.dryRun ? "### store-mongo (dry run: nothing written)" : "### store-mongo";
  return [
    title,
    "",
    `${result.records} records read. Integrity: **${result.integrity}**`,
    "",
    "| inserted | updated | unchanged | price changes | history rows | linked listings | conflicts |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| ${result.inserted} | ${result.updated} | ${result.unchanged} | ${result.priceChanges} | ${result.historyRows} | ${result.linkedListings} | ${result.conflicts} |`,
    "",
    "| quality | value |",
    "| --- | ---: |",
    `| completeness, county | ${percent(quality.completeness.county)} |`,
    `| completeness, listings | ${percent(quality.completeness.mls)} |`,
    `| completeness, enrichment | ${percent(quality.completeness.llm)} |`,
    `| validity (${quality.validity.valid} of ${quality.validity.records}) | ${percent(quality.validity.share)} |`,
    `| duplicates merged | ${quality.duplicatesMerged} |`,
    `| listings linked to parcels (${quality.listingsLinked.linked} of ${quality.listingsLinked.listings}) | ${percent(quality.listingsLinked.share)} |`,
    `| parcels refreshed within ${quality.freshness?.days ?? "-"} days | ${percent(quality.freshness?.share)} |`,
    ""
  ].join("\n");
}

// actions/store-mongo/src/main.ts
var storeMongoInputs = external_exports.object({
  /** Connection string; required unless `dry-run`. */
  mongodbUri: mongodbUriInput,
  /** Database; empty: the connection string's, else `phx_property` (see `resolveDatabase`). */
  database: databaseInput,
  /** Stage artifacts to store (names; folder paths outside a runner). */
  inputArtifacts: listInput(external_exports.string().min(1), { min: 1 }),
  /** Properties read and merged together. */
  batchSize: integerInput({ default: 500, min: 1, max: 5e3 }),
  /** Passphrase (a secret) that opens the owner fields collect-county sealed in a public repository. */
  artifactPassphrase: passphraseInput,
  dryRun: dryRunInput
});
async function execute(inputs, logger) {
  const context = readRunContext();
  const startedAt = /* @__PURE__ */ new Date();
  if (inputs.mongodbUri === "" && !inputs.dryRun)
    throw new ConfigurationError("input 'mongodb-uri' is required unless dry-run is true");
  let connection;
  if (inputs.mongodbUri !== "")
    connection = await withGroup(
      logger,
      "Connect",
      () => connectDatabase(inputs.mongodbUri, inputs.database, { monitorCommands: true })
    );
  try {
    let commands = 0;
    connection?.client.on("commandStarted", () => commands += 1);
    const artifacts = readEnv(ENV.actionsRuntimeToken) !== void 0;
    const stages = await withGroup(
      logger,
      "Read input artifacts",
      () => loadStages(
        inputs.inputArtifacts,
        { artifacts, baseDir: artifacts ? context.tempDir : context.workspace },
        logger
      )
    );
    const result = await storeStages({
      db: connection?.db,
      stages,
      runId: context.runId,
      batchSize: inputs.batchSize,
      dryRun: inputs.dryRun,
      logger,
      opener: inputs.artifactPassphrase ? textOpener(inputs.artifactPassphrase, "artifact-passphrase") : null
    });
    if (connection && !inputs.dryRun)
      await recordOwnRun(connection.db, { context, stages, result, startedAt, commands });
    return result;
  } finally {
    await connection?.close();
  }
}
var action = {
  name: "store-mongo",
  inputs: storeMongoInputs,
  secrets: ["mongodbUri", "artifactPassphrase"],
  execute,
  outputs: (result) => ({
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    "price-changes": result.priceChanges,
    "linked-listings": result.linkedListings,
    conflicts: result.conflicts,
    integrity: result.integrity,
    quality: result.quality
  }),
  failureOutputs: {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    "price-changes": 0,
    "linked-listings": 0,
    conflicts: 0,
    integrity: "failed: the step failed before checking",
    quality: {}
  },
  summary: storeSummary,
  failure: (result) => result.integrity === "ok" ? void 0 : `integrity check ${result.integrity}`
};
var run = () => runAction(action);

// actions/store-mongo/src/index.ts
await run();
