import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  clientFailure,
  digestFile,
  downloadStage,
  openNdjsonWriter,
  readNdjson,
  verifyManifest,
  writeManifest
} from "./chunk-W4XHDAZ2.js";
import {
  ConfigurationError,
  IntegrityError,
  errorMessage
} from "./chunk-24OGRAKZ.js";

// shared/io/stage-output.ts
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
async function writeRecords(path, records) {
  const writer = await openNdjsonWriter(path);
  try {
    for await (const record of records) await writer.write(record);
  } catch (error) {
    await writer.close().catch(() => void 0);
    throw error;
  }
  return writer.close();
}
async function writeStageOutput(dir, info, records, companions = {}) {
  await mkdir(dir, { recursive: true });
  const dataFile = info.gzip ? "data.ndjson.gz" : "data.ndjson";
  const data = await writeRecords(join(dir, dataFile), records);
  const files = [{ path: dataFile, ...data, recordType: info.recordType }];
  for (const [type, companion] of Object.entries(companions.records ?? {})) {
    if (type === info.recordType || companion === void 0) continue;
    const path = `${type}.ndjson`;
    const written = await writeRecords(join(dir, path), companion);
    files.push({ path, ...written, recordType: type });
  }
  for (const path of companions.files ?? []) {
    const digest = await digestFile(join(dir, path), { countRecords: false });
    files.push({ path, sha256: digest.sha256, bytes: digest.bytes, records: 0, recordType: null });
  }
  return writeManifest(dir, {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: info.runId,
    stage: info.stage,
    shard: info.shard,
    recordType: info.recordType,
    recordSchemaVersion: info.recordSchemaVersion,
    recordCount: data.records,
    createdAt: (info.now?.() ?? /* @__PURE__ */ new Date()).toISOString(),
    files
  });
}
async function* readStageRecords(dir, manifest, recordType, schema, options) {
  for (const file of manifest.files) {
    if (file.recordType === recordType) yield* readNdjson(join(dir, file.path), schema, options);
  }
}

// shared/io/stage-reader.ts
import { existsSync } from "node:fs";
import { join as join2, resolve } from "node:path";

// shared/io/stage-names.ts
function artifactPattern(pattern) {
  const parts = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`);
}
async function matchArtifacts(client, patterns) {
  if (patterns.length === 0) return { names: [], unmatched: [] };
  let available;
  try {
    available = (await client.listArtifacts({ latest: true })).artifacts.map((a) => a.name);
  } catch (error) {
    throw clientFailure("listing the run's artifacts", error);
  }
  const names = /* @__PURE__ */ new Set();
  const unmatched = [];
  for (const pattern of patterns) {
    const matcher = artifactPattern(pattern);
    const matched = available.filter((name) => matcher.test(name)).sort();
    if (matched.length === 0) unmatched.push(pattern);
    for (const name of matched) names.add(name);
  }
  return { names: [...names], unmatched };
}
async function expandStageNames(client, entries, requiredBy, logger) {
  const matched = await matchArtifacts(client, entries);
  if (requiredBy === void 0) return matched;
  const { names, unmatched } = matched;
  const exact = unmatched.filter((entry) => !entry.includes("*"));
  if (exact.length > 0) {
    throw new ConfigurationError(
      `input '${requiredBy}': this run has no artifact ${exact.map((name) => `'${name}'`).join(", ")}`
    );
  }
  if (unmatched.length > 0) {
    logger.warning(
      `no artifact of this run matches ${unmatched.join(", ")} (a stage that did not run)`
    );
  }
  if (names.length === 0) {
    throw new ConfigurationError(
      `input '${requiredBy}': no artifact of this run matches ${entries.join(", ")}; nothing to read`
    );
  }
  return matched;
}

// shared/io/stage-reader.ts
function stageFolder(name, dir, manifest) {
  return {
    name,
    dir,
    manifest,
    records: (type, schema, options) => readStageRecords(dir, manifest, type, schema, options)
  };
}
async function openStage(name, options) {
  if (options.client) {
    const dir2 = join2(options.downloadDir, name.replace(/[^\w.-]/g, "_"));
    const stage = await downloadStage(options.client, name, dir2, options.logger);
    return stageFolder(name, dir2, stage.manifest);
  }
  const dir = resolve(options.baseDir, name);
  const manifest = await verifyManifest(dir);
  options.logger.debug(`stage folder ${dir}: ${manifest.recordCount} records verified`);
  return stageFolder(name, dir, manifest);
}
function expectRecordType(stage, type) {
  if (stage.manifest.recordType !== type) {
    throw new IntegrityError(
      `${join2(stage.dir, MANIFEST_FILE)}: recordType expected ${type}, actual ${stage.manifest.recordType}`
    );
  }
}
function localNames(names, options) {
  const unmatched = names.filter(
    (name) => !existsSync(join2(resolve(options.baseDir, name), MANIFEST_FILE))
  );
  const input = options.requiredBy;
  if (input !== void 0 && unmatched.length > 0) {
    throw new ConfigurationError(
      `input '${input}': '${unmatched[0]}' is not a stage folder with ${MANIFEST_FILE} (without ACTIONS_RUNTIME_TOKEN each entry is read as a local folder, not an artifact name)`
    );
  }
  return { names: names.filter((name) => !unmatched.includes(name)), unmatched };
}
async function readStages(names, options) {
  const { client, logger, requiredBy } = options;
  const expanded = client ? await expandStageNames(client, names, requiredBy, logger) : localNames(names, options);
  const stages = [];
  const unreadable = [];
  for (const name of expanded.names) {
    try {
      stages.push(await openStage(name, options));
    } catch (error) {
      if (!options.onUnreadable) throw error;
      unreadable.push({ name, reason: errorMessage(error) });
      options.onUnreadable(name, error);
    }
  }
  return {
    stages,
    missing: expanded.unmatched,
    unreadable,
    records: async function* (type, schema) {
      for (const stage of stages) yield* stage.records(type, schema);
    }
  };
}

export {
  writeStageOutput,
  readStageRecords,
  expectRecordType,
  readStages
};
