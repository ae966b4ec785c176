import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  actionNameSchema,
  runIdSchema,
  shardSchema,
  timestampSchema
} from "./chunk-W4XHDAZ2.js";
import {
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/model/usage.ts
var USAGE_SCHEMA_VERSION = 1;
var USAGE_SERVICES = [
  "github-actions",
  "proxy",
  "captcha",
  "llm",
  "county-api",
  "email",
  "database"
];
var USAGE_UNITS = ["minute", "request", "gb", "solve", "token", "message"];
var usageSchema = external_exports.object({
  schemaVersion: external_exports.literal(USAGE_SCHEMA_VERSION).describe("Version of this record shape"),
  runId: runIdSchema.describe("Workflow run id"),
  action: actionNameSchema.describe("Action that consumed it"),
  shard: shardSchema.describe("Shard: a ZIP, or all"),
  service: external_exports.enum(USAGE_SERVICES).describe("Service consumed"),
  unit: external_exports.enum(USAGE_UNITS).describe("Unit of quantity"),
  quantity: external_exports.number().nonnegative().describe("Amount consumed, in unit"),
  mode: external_exports.enum(["browser", "http"]).optional().describe("How the pages behind it were loaded (scrape-mls): in Chromium or over plain HTTP"),
  recordedAt: timestampSchema.describe("When the consumption was recorded")
}).meta({ title: "Usage" });

export {
  USAGE_SCHEMA_VERSION,
  USAGE_SERVICES,
  USAGE_UNITS,
  usageSchema
};
