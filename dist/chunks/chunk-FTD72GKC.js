import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  MANIFEST_SCHEMA_VERSION,
  digestFile,
  openNdjsonWriter,
  readNdjson,
  verifyManifest,
  writeManifest
} from "./chunk-UZQLGLHM.js";
import {
  IntegrityError
} from "./chunk-3KN6ANL6.js";

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
async function* readStageRecords(dir, manifest, recordType, schema) {
  for (const file of manifest.files) {
    if (file.recordType === recordType) yield* readNdjson(join(dir, file.path), schema);
  }
}
async function readStageOutput(dir, options = {}) {
  const manifest = await verifyManifest(dir);
  if (options.expectRecordType && manifest.recordType !== options.expectRecordType) {
    throw new IntegrityError(
      `${join(dir, "manifest.json")}: recordType expected ${options.expectRecordType}, actual ${manifest.recordType}`
    );
  }
  return {
    manifest,
    records: readStageRecords(dir, manifest, manifest.recordType, options.schema)
  };
}

export {
  writeStageOutput,
  readStageRecords,
  readStageOutput
};
