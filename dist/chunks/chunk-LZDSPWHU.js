import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  pipelineCollections
} from "./chunk-IBKVQVMI.js";

// shared/db/store-state.ts
import { createHash } from "node:crypto";
var STATE_BUCKETS = 64;
var PROPERTIES_COVERED = "properties-covered";
function bucketName(kind, n) {
  return `${kind}:${String(n).padStart(2, "0")}`;
}
function bucketId(kind, key) {
  const hash = createHash("sha256").update(key).digest();
  return bucketName(kind, (hash[0] ?? 0) % STATE_BUCKETS);
}
function bucketIds(kind) {
  return [...Array(STATE_BUCKETS).keys()].map((n) => bucketName(kind, n));
}
function unpack(bucket) {
  if (bucket.packed === void 0) return Object.entries(bucket.entries ?? {});
  let packed;
  try {
    packed = JSON.parse(bucket.packed);
  } catch (error) {
    throw new Error(
      `store_state document ${bucket._id}: packed entries are not JSON (${String(error)}); delete the store_state documents to re-merge`,
      { cause: error }
    );
  }
  if (packed === null || typeof packed !== "object" || Array.isArray(packed))
    throw new Error(
      `store_state document ${bucket._id}: packed entries are not an object of [digest, seen, conflicts, merged]`
    );
  return Object.entries(packed).map(([key, [d, s, c, m]]) => [
    key,
    m === void 0 ? { d, s, c } : { d, s, c, m }
  ]);
}
async function forEachStateEntry(collection, kind, visit) {
  for await (const bucket of collection.find({ _id: { $in: bucketIds(kind) } }))
    for (const [key, entry] of unpack(bucket)) visit(key, entry);
}
async function propertiesCovered(collection) {
  return await collection?.findOne({ _id: PROPERTIES_COVERED }) != null;
}
async function accuracyFromState(collection) {
  if (!await propertiesCovered(collection)) return null;
  const accuracy = { merged: 0, withConflict: 0 };
  await forEachStateEntry(collection, "property", (_key, entry) => {
    if (entry.m !== 1) return;
    accuracy.merged += 1;
    if (entry.c > 0) accuracy.withConflict += 1;
  });
  return accuracy;
}

// shared/db/runs.ts
function stageRunFields(stats, usage) {
  return {
    runId: stats.runId,
    stage: stats.action,
    shard: stats.shard,
    outcome: stats.outcome,
    startedAt: new Date(stats.startedAt).toISOString(),
    finishedAt: new Date(stats.finishedAt).toISOString(),
    durationMs: stats.durationMs,
    counts: stats.counts,
    errorsByClass: { ...stats.errorsByClass },
    retries: stats.retries,
    usage: usage.map(({ service, unit, quantity }) => ({ service, unit, quantity }))
  };
}
function runLedgerId(runId, stage, shard) {
  return `${runId}:${stage}:${shard}`;
}
async function recordRun(db, entry) {
  const _id = runLedgerId(entry.runId, entry.stage, entry.shard);
  await pipelineCollections(db).runs.replaceOne({ _id }, entry, { upsert: true });
}

export {
  PROPERTIES_COVERED,
  bucketId,
  unpack,
  forEachStateEntry,
  propertiesCovered,
  accuracyFromState,
  stageRunFields,
  runLedgerId,
  recordRun
};
