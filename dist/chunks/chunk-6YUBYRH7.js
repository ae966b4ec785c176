import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  IntegrityError,
  errorMessage,
  external_exports
} from "./chunk-ZZ4HYO33.js";

// shared/io/manifest.ts
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

// shared/model/common.ts
var ACTION_NAMES = [
  "collect-county",
  "scrape-mls",
  "enrich-llm",
  "store-mongo",
  "check-budget",
  "open-incident-issue",
  "send-report",
  "maintain-db"
];
var actionNameSchema = external_exports.enum(ACTION_NAMES);
var timestampSchema = external_exports.iso.datetime({ offset: true });
var calendarDateSchema = external_exports.iso.date();
var sha256Schema = external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a lower-case hex SHA-256");
var countSchema = external_exports.number().int().nonnegative();
var httpUrlSchema = external_exports.url({ protocol: /^https?$/ });
var zip5Schema = external_exports.string().regex(/^\d{5}$/, "expected a 5-digit ZIP");
var apnSchema = external_exports.string().regex(/^\d{3}-\d{2}-\d{3}[A-Z]?$/, "expected a canonical APN such as 102-29-045A");
var propertyKeySchema = external_exports.string().regex(
  /^(\d{3}-\d{2}-\d{3}[A-Z]?|addr:\S.*)$/,
  "expected a canonical APN (102-29-045A) or addr:<normalised address>"
);
var runIdSchema = external_exports.string().min(1);
var shardSchema = external_exports.string().min(1);
var DATA_RECORD_TYPES = [
  "county-parcel",
  "mls-listing",
  "property",
  "enrichment",
  "run-stats",
  "usage"
];
var dataRecordTypeSchema = external_exports.enum(DATA_RECORD_TYPES);

// shared/model/manifest.ts
var MANIFEST_SCHEMA_VERSION = 1;
var manifestFileSchema = external_exports.object({
  path: external_exports.string().regex(/^[^/\\][^\\]*$/, "expected a relative path with forward slashes").refine((path) => !path.split("/").includes(".."), "expected a path inside the artifact").describe("Path inside the artifact, e.g. data.ndjson.gz"),
  sha256: sha256Schema.describe("SHA-256 of the file bytes as stored (compressed if gzip)"),
  bytes: countSchema.describe("Size of the file in bytes as stored"),
  records: countSchema.describe("Records (NDJSON lines) in the file; 0 for other files"),
  recordType: dataRecordTypeSchema.nullable().describe(
    "Record type of every line of the file (run-stats and usage travel beside the data); null for a file that holds no records, e.g. a failure snapshot"
  )
});
var manifestSchema = external_exports.object({
  schemaVersion: external_exports.literal(MANIFEST_SCHEMA_VERSION).describe("Version of the manifest shape"),
  runId: runIdSchema.describe("Workflow run id that wrote the artifact"),
  stage: actionNameSchema.describe("Action (stage) that wrote the artifact"),
  shard: shardSchema.describe("Shard: a ZIP, or all"),
  recordType: dataRecordTypeSchema.describe(
    "Record type of the stage's data: the files whose recordType is this one"
  ),
  recordSchemaVersion: external_exports.number().int().min(1).describe("schemaVersion of the records in the data files"),
  recordCount: countSchema.describe("Records of the data record type, in all its files together"),
  createdAt: timestampSchema.describe("When the manifest was written"),
  files: external_exports.array(manifestFileSchema).min(1).describe("Data files of the artifact")
}).refine(
  (manifest) => manifest.files.filter((file) => file.recordType === manifest.recordType).reduce((sum, file) => sum + file.records, 0) === manifest.recordCount,
  {
    message: "recordCount differs from the sum of records in the files of the data record type",
    path: ["recordCount"]
  }
).meta({ title: "Manifest" });

// shared/io/file-digest.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { Writable } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
import { createGunzip as createGunzip2 } from "node:zlib";

// shared/io/measure.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";
function measuringStream() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    }
  });
  return { stream, result: () => ({ bytes, sha256: hash.copy().digest("hex") }) };
}

// shared/io/ndjson-reader.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline as pipeline2 } from "node:stream";
import { createGunzip } from "node:zlib";

// shared/io/ndjson-writer.ts
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
var JsonLine = class {
  /** Wraps `json`; it must be one JSON value on one line. */
  constructor(json) {
    this.json = json;
  }
  json;
};
function isGzipPath(path) {
  return path.endsWith(".gz");
}
async function openNdjsonWriter(path) {
  let records = 0;
  const measure = measuringStream();
  const file = createWriteStream(path);
  const gzip = isGzipPath(path) ? createGzip() : void 0;
  const head = gzip ?? measure.stream;
  const finished = gzip ? pipeline(gzip, measure.stream, file) : pipeline(measure.stream, file);
  let failure;
  finished.catch((error) => {
    failure = error instanceof Error ? error : new Error(String(error));
  });
  await Promise.race([once(file, "open"), finished]);
  return {
    async write(record) {
      if (failure !== void 0) throw failure;
      const json = record instanceof JsonLine ? record.json : JSON.stringify(record);
      if (json === void 0) throw new TypeError(`${path}: a record must be JSON-serialisable`);
      if (record instanceof JsonLine && (json === "" || json.includes("\n") || json.includes("\r")))
        throw new TypeError(`${path}: a JsonLine must hold one line of JSON`);
      records += 1;
      if (!head.write(`${json}
`)) await Promise.race([once(head, "drain"), finished]);
    },
    async close() {
      head.end();
      await finished;
      return { records, ...measure.result() };
    }
  };
}

// shared/io/ndjson-reader.ts
var shownIssues = 3;
function fieldName(path) {
  return path.map(
    (key, index) => typeof key === "number" ? `[${key}]` : `${index ? "." : ""}${String(key)}`
  ).join("");
}
function describeIssues(issues) {
  const described = issues.slice(0, shownIssues).map((issue) => {
    const reason = issue.message.replace(/^Invalid input: /, "");
    return issue.path.length ? `field '${fieldName(issue.path)}': ${reason}` : `record: ${reason}`;
  });
  const more = issues.length - shownIssues;
  return more > 0 ? `${described.join("; ")} (and ${more} more)` : described.join("; ");
}
function openText(path) {
  const file = createReadStream(path);
  return isGzipPath(path) ? pipeline2(file, createGunzip(), () => void 0) : file;
}
function readFailure(path, error) {
  const code = error.code;
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new IntegrityError(`${path}: truncated or corrupt gzip (${errorMessage(error)})`, {
      cause: error
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}
async function* readNdjson(path, schema) {
  const text = openText(path);
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === "") continue;
      let value;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new IntegrityError(
          `${path} line ${lineNumber}: invalid JSON (${errorMessage(error)})`
        );
      }
      if (!schema) {
        yield value;
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        throw new IntegrityError(
          `${path} line ${lineNumber}: ${describeIssues(parsed.error.issues)}`
        );
      }
      yield parsed.data;
    }
  } catch (error) {
    if (error instanceof IntegrityError) throw error;
    throw readFailure(path, error);
  } finally {
    lines.close();
    text.destroy();
  }
}

// shared/io/file-digest.ts
var newline = 10;
var blank = /* @__PURE__ */ new Set([32, 9, 13]);
function recordCounter() {
  let records = 0;
  let lineHasContent = false;
  const counter = new Writable({
    write(chunk, _encoding, callback) {
      for (let index = 0; index < chunk.length; index += 1) {
        const byte = chunk[index];
        if (byte === newline) {
          if (lineHasContent) records += 1;
          lineHasContent = false;
        } else if (byte !== void 0 && !blank.has(byte)) {
          lineHasContent = true;
        }
      }
      callback();
    }
  });
  return Object.assign(counter, { records: () => records + (lineHasContent ? 1 : 0) });
}
async function digestFile(path, options = {}) {
  const measure = measuringStream();
  const file = createReadStream2(path);
  if (!options.countRecords) {
    const discard = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await pipeline3(file, measure.stream, discard);
    return measure.result();
  }
  const counter = recordCounter();
  try {
    await (isGzipPath(path) ? pipeline3(file, measure.stream, createGunzip2(), counter) : pipeline3(file, measure.stream, counter));
  } catch (error) {
    throw readFailure(path, error);
  }
  return { ...measure.result(), records: counter.records() };
}

// shared/io/manifest.ts
var MANIFEST_FILE = "manifest.json";
function isNdjsonPath(path) {
  return /\.ndjson(\.gz)?$/.test(path);
}
async function writeManifest(dir, manifest) {
  const checked = manifestSchema.parse(manifest);
  const target = join(dir, MANIFEST_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(checked, null, 2)}
`);
  await rename(`${target}.tmp`, target);
  return checked;
}
async function readManifest(dir) {
  const path = join(dir, MANIFEST_FILE);
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new IntegrityError(`${path}: cannot read manifest (${errorMessage(error)})`, {
      cause: error
    });
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new IntegrityError(`${path}: invalid JSON (${errorMessage(error)})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new IntegrityError(`${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
async function fileDifferences(dir, entry) {
  const path = join(dir, entry.path);
  let actual;
  try {
    actual = await digestFile(path, { countRecords: isNdjsonPath(entry.path) });
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new IntegrityError(`${path}: missing (listed in ${MANIFEST_FILE})`, { cause: error });
    }
    throw error;
  }
  const differences = [];
  if (actual.bytes !== entry.bytes)
    differences.push(`bytes: expected ${entry.bytes}, actual ${actual.bytes}`);
  if (actual.sha256 !== entry.sha256)
    differences.push(`sha256: expected ${entry.sha256}, actual ${actual.sha256}`);
  const records = actual.records ?? 0;
  if (records !== entry.records)
    differences.push(`records: expected ${entry.records}, actual ${records}`);
  return differences;
}
async function verifyManifest(dir) {
  const manifest = await readManifest(dir);
  for (const entry of manifest.files) {
    const differences = await fileDifferences(dir, entry);
    if (differences.length) {
      throw new IntegrityError(`${join(dir, entry.path)}: ${differences.join("; ")}`);
    }
  }
  return manifest;
}

export {
  actionNameSchema,
  timestampSchema,
  calendarDateSchema,
  sha256Schema,
  countSchema,
  httpUrlSchema,
  zip5Schema,
  apnSchema,
  propertyKeySchema,
  runIdSchema,
  shardSchema,
  MANIFEST_SCHEMA_VERSION,
  manifestSchema,
  JsonLine,
  openNdjsonWriter,
  describeIssues,
  readNdjson,
  digestFile,
  MANIFEST_FILE,
  isNdjsonPath,
  writeManifest,
  verifyManifest
};
