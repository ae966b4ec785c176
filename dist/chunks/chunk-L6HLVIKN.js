import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  COLLECTIONS
} from "./chunk-H5SBE6EG.js";

// shared/db/indexes.ts
var INDEXES = [
  {
    collection: COLLECTIONS.properties,
    name: "address_key",
    key: { "address.key": 1 },
    serves: "linking listings to parcels by normalised address"
  },
  {
    collection: COLLECTIONS.properties,
    name: "zip_updated",
    key: { zip: 1, updatedAt: 1 },
    serves: "exports and reports by ZIP and date range"
  },
  {
    collection: COLLECTIONS.properties,
    name: "county_last_seen",
    key: { "sources.county.lastSeen": 1 },
    serves: "freshness: parcels refreshed within the last days"
  },
  {
    collection: COLLECTIONS.listings,
    name: "property_key",
    key: { propertyKey: 1 },
    serves: "listings of a property, and relinking when its parcel appears"
  },
  {
    collection: COLLECTIONS.history,
    name: "property_recorded",
    key: { propertyKey: 1, recordedAt: 1 },
    serves: "history of one property"
  },
  {
    collection: COLLECTIONS.history,
    name: "field_recorded",
    key: { field: 1, recordedAt: 1 },
    serves: "price changes and other changes over a period (reports)"
  },
  {
    collection: COLLECTIONS.runs,
    name: "stage_finished",
    key: { stage: 1, finishedAt: 1 },
    serves: "recent runs of a stage (reports, budget, incidents)"
  },
  {
    collection: COLLECTIONS.runs,
    name: "run_id",
    key: { runId: 1 },
    serves: "every stage of one run"
  }
];
async function ensureIndexes(db) {
  for (const index of INDEXES) {
    await db.collection(index.collection).createIndex(index.key, { name: index.name });
  }
}
async function checkIndexes(db) {
  const missing = [];
  const existing = /* @__PURE__ */ new Map();
  for (const index of INDEXES) {
    let names = existing.get(index.collection);
    if (names === void 0) {
      const listed = await db.collection(index.collection).listIndexes().toArray().catch(() => []);
      names = new Set(listed.map((entry) => String(entry.name)));
      existing.set(index.collection, names);
    }
    if (!names.has(index.name)) missing.push(`${index.collection}.${index.name}`);
  }
  return missing;
}

export {
  INDEXES,
  ensureIndexes,
  checkIndexes
};
