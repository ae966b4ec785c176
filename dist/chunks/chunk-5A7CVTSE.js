import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  actionNameSchema,
  countSchema,
  runIdSchema,
  shardSchema,
  timestampSchema
} from "./chunk-W4XHDAZ2.js";
import {
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/model/run-stats.ts
var RUN_STATS_SCHEMA_VERSION = 1;
var ERROR_CLASSES = [
  "network",
  "rate-limited",
  "server",
  "auth",
  "client",
  "parse",
  "other"
];
var RUN_OUTCOMES = ["success", "partial", "failure", "skipped"];
var errorsByClassSchema = external_exports.object(
  Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, countSchema.describe(`Errors of class ${name}`)])
  )
);
var runStatsSchema = external_exports.object({
  schemaVersion: external_exports.literal(RUN_STATS_SCHEMA_VERSION).describe("Version of this record shape"),
  runId: runIdSchema.describe("Workflow run id"),
  action: actionNameSchema.describe("Action that ran"),
  shard: shardSchema.describe("Shard worked on: a ZIP, or all"),
  startedAt: timestampSchema.describe("When the action started"),
  finishedAt: timestampSchema.describe("When the action finished"),
  durationMs: countSchema.describe("Wall-clock duration in milliseconds"),
  counts: external_exports.record(external_exports.string(), countSchema).describe('Named counts, e.g. {"parcels-fetched": 812, "parcels-skipped": 3}'),
  errorsByClass: errorsByClassSchema.describe("Errors that ended an operation, by class"),
  retries: countSchema.describe("Attempts repeated after a retryable error"),
  outcome: external_exports.enum(RUN_OUTCOMES).describe("How the action ended")
}).refine((stats) => Date.parse(stats.finishedAt) >= Date.parse(stats.startedAt), {
  message: "finishedAt is before startedAt",
  path: ["finishedAt"]
}).meta({ title: "RunStats" });

export {
  RUN_STATS_SCHEMA_VERSION,
  ERROR_CLASSES,
  runStatsSchema
};
