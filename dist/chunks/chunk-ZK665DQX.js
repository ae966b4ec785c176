import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  pipelineCollections
} from "./chunk-IS5MHUJV.js";

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
  stageRunFields,
  runLedgerId,
  recordRun
};
