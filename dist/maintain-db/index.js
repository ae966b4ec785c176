import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  SALT_BYTES,
  deriveKey,
  newSalt
} from "../chunks/chunk-KIOB4Y4M.js";
import {
  reconcileIndexes
} from "../chunks/chunk-NMOLWKBE.js";
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
  resolveVisibility
} from "../chunks/chunk-4VY4JSCD.js";
import {
  propertySchema,
  validateRecord
} from "../chunks/chunk-64UQQOMH.js";
import {
  artifactNameSchema,
  isPlainArtifactName
} from "../chunks/chunk-EYPTRFMZ.js";
import "../chunks/chunk-ZVLCXUC7.js";
import {
  pipelineCollections
} from "../chunks/chunk-IBKVQVMI.js";
import "../chunks/chunk-2A5BLYRJ.js";
import "../chunks/chunk-IOBXINTM.js";
import {
  COLLECTIONS,
  DATABASE_SCHEMA
} from "../chunks/chunk-4C3C67FH.js";
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-5A7CVTSE.js";
import {
  FOLDER_MANIFEST,
  clientFailure,
  describeFile,
  downloadArtifactChecked,
  openNdjsonWriter,
  readNdjson,
  runnerArtifactClient,
  verifyFolder,
  writeFolderManifest
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
  IntegrityError,
  NonRetryableError,
  choiceInput,
  dryRunInput,
  errorMessage,
  external_exports,
  integerInput,
  listInput,
  mongodbUriInput,
  runAction,
  stringInput,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import {
  __toESM
} from "../chunks/chunk-Z67Z3DOX.js";

// actions/maintain-db/src/inputs.ts
var TASKS = ["restore", "indexes", "backup", "export", "retention"];
var DEFAULT_TASKS = "indexes,retention,backup";
var zip = external_exports.string().regex(/^\d{5}$/, "expected a 5-digit ZIP");
var maintainDbInputs = external_exports.object({
  /** Connection string (a secret). */
  mongodbUri: mongodbUriInput.pipe(external_exports.string().min(1, "expected a connection string")),
  /** Database; empty: the connection string's, else `phx_property` (see `resolveDatabase`). */
  database: databaseInput,
  /** Tasks to run; restore only when named. */
  tasks: external_exports.preprocess(
    (value) => typeof value === "string" && value.trim() === "" ? DEFAULT_TASKS : value,
    listInput(external_exports.enum(TASKS), { min: 1 })
  ),
  /** `history` rows recorded longer ago are deleted; 0 keeps them all. */
  historyRetentionDays: integerInput({ default: 730, min: 0 }),
  /** `runs` ledger rows finished longer ago are deleted; 0 keeps them all. */
  runsRetentionDays: integerInput({ default: 400, min: 0 }),
  /** `enrichment_cache` entries extracted longer ago are deleted; 0 keeps them all. */
  cacheRetentionDays: integerInput({ default: 365, min: 0 }),
  /** `costs` ledger days older than this are deleted; 0 keeps them all. */
  costsRetentionDays: integerInput({ default: 730, min: 0 }),
  /** Documents deleted per command. */
  retentionBatchSize: integerInput({ default: 500, min: 1, max: 5e3 }),
  /** Storage the plan allows (the free Atlas tier: 512 MB); a warning above 80 %. */
  storageLimitMb: integerInput({ default: 512, min: 1 }),
  /** Formats of the property export. */
  exportFormat: choiceInput(["csv", "ndjson", "both"], "csv"),
  /** ZIPs to export; empty or `all` exports every ZIP. */
  exportZips: external_exports.preprocess(
    (value) => typeof value === "string" && value.trim().toLowerCase() === "all" ? "" : value,
    listInput(zip)
  ).transform((zips) => zips.length === 0 ? null : zips),
  /** Name of the backup artifact before its day: `<artifact-name>-<YYYY-MM-DD>`. */
  artifactName: stringInput({ default: "db-backup" }).pipe(artifactNameSchema()),
  /** Days GitHub keeps the backup and export artifacts. */
  retentionDays: integerInput({ default: 30, min: 1, max: 90 }),
  /** Passphrase (a secret) the backup and export files are encrypted with, and a restore opens them with. */
  backupPassphrase: passphraseInput,
  /** `public`, `private`, or `auto` (the event's `repository.private`). */
  repositoryVisibility: repositoryVisibilityInput,
  /** Opt-in: backups and exports in the clear even in a public repository. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** Backup to restore: an artifact of this run, or a folder holding a downloaded backup. */
  restoreFrom: stringInput(),
  /** Folder the backup and export are written to; default `<RUNNER_TEMP>/maintain-db`. */
  outputDir: stringInput(),
  dryRun: dryRunInput
});

// actions/maintain-db/src/maintain.ts
import { join as join9, resolve as resolve2 } from "node:path";

// actions/maintain-db/src/backup-privacy.ts
function backupPassphrase(inputs, logger) {
  if (inputs.backupPassphrase !== "") return inputs.backupPassphrase;
  const visibility = resolveVisibility(inputs.repositoryVisibility);
  if (visibility === "public" && !inputs.personalDataInArtifacts) {
    throw new ConfigurationError(
      "input 'backup-passphrase' is required in a public repository: backups and exports hold owner names and mailing addresses, and anyone signed in to GitHub can download artifacts. Set the ARTIFACT_PASSPHRASE secret (or 'personal-data-in-artifacts: true' to publish them in the clear)"
    );
  }
  logger.warning(
    `backup and export are written in the clear (${visibility} repository${visibility === "public" ? ", 'personal-data-in-artifacts: true'" : ""}); set 'backup-passphrase' to encrypt them`
  );
  return "";
}

// actions/maintain-db/src/publish.ts
import { join as join6 } from "node:path";

// actions/maintain-db/src/artifacts.ts
import { join } from "node:path";
async function uploadFolder(client, name, dir, retentionDays, logger) {
  const manifest = await verifyFolder(dir);
  const files = [FOLDER_MANIFEST, ...manifest.files.map((file) => file.path)];
  let response;
  try {
    response = await client.uploadArtifact(
      name,
      files.map((file) => join(dir, file)),
      dir,
      { compressionLevel: 0, retentionDays }
    );
  } catch (error) {
    throw clientFailure(`upload of artifact '${name}'`, error);
  }
  if (response.id === void 0) {
    throw new NonRetryableError(`upload of artifact '${name}' returned no artifact id`);
  }
  logger.info(
    `artifact '${name}': ${files.length} files, ${response.size ?? 0} bytes (id ${response.id})`
  );
  return { id: response.id, size: response.size ?? 0 };
}
async function downloadFolder(client, name, dir, logger) {
  await downloadArtifactChecked(client, name, dir);
  const manifest = await verifyFolder(dir);
  logger.info(`artifact '${name}': ${manifest.files.length} files verified`);
  return manifest;
}

// actions/maintain-db/src/backup.ts
var import_mongodb = __toESM(require_lib(), 1);
import { mkdir, rm, writeFile as writeFile2 } from "node:fs/promises";
import { join as join3 } from "node:path";

// actions/maintain-db/src/index-specs.ts
import { readFile, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var INDEX_FILE = "indexes.json";
var indexSpecSchema = external_exports.object({
  collection: external_exports.string().min(1),
  name: external_exports.string().min(1),
  key: external_exports.record(external_exports.string(), external_exports.union([external_exports.number(), external_exports.string()])),
  unique: external_exports.boolean().optional(),
  sparse: external_exports.boolean().optional()
});
async function listIndexSpecs(db, collection) {
  const listed = await db.collection(collection).listIndexes().toArray();
  return listed.filter((index) => index.name !== "_id_").map((index) => ({
    collection,
    name: String(index.name),
    key: index.key,
    ...index.unique === true ? { unique: true } : {},
    ...index.sparse === true ? { sparse: true } : {}
  }));
}
async function writeIndexSpecs(dir, specs) {
  await writeFile(join2(dir, INDEX_FILE), `${JSON.stringify(specs, null, 2)}
`);
}
async function readIndexSpecs(dir) {
  const path = join2(dir, INDEX_FILE);
  try {
    return external_exports.array(indexSpecSchema).parse(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    throw new IntegrityError(`${path}: not a list of indexes (${errorMessage(error)})`);
  }
}
async function restoreIndexSpecs(db, specs, logger) {
  for (const spec of specs) {
    const options = {
      name: spec.name,
      ...spec.unique ? { unique: true } : {},
      ...spec.sparse ? { sparse: true } : {}
    };
    await db.collection(spec.collection).createIndex(spec.key, options);
  }
  logger.info(`${specs.length} indexes restored`);
}

// actions/maintain-db/src/restore-guide.ts
function encryptionSection(input) {
  if (!input.encrypted) {
    return `This backup is not encrypted: keep it where only people allowed to see owner names and
mailing addresses can download it.

`;
  }
  return `## Encrypted

Each collection file is encrypted with the \`backup-passphrase\` secret and named \`<file>.enc\`:
the bytes \`PHXENC\`, version byte 1, a 16-byte scrypt salt (N 2^15, r 8, p 1, 32-byte key), a
12-byte nonce, the AES-256-GCM ciphertext and its 16-byte tag (the 35 header bytes are the
additional authenticated data). Without the passphrase nothing here can be read. The restore
task opens every file before it writes anything; a wrong passphrase fails with nothing written.
To get the plain files (for mongoimport), run the restore task with \`dry-run: true\` on the
downloaded folder: it decrypts each \`<file>.enc\` into \`<file>\` beside it and writes nothing.

`;
}
function restoreGuide(input) {
  const rows = input.files.filter((file) => file.collection !== null).map((file) => `| ${file.collection} | \`${file.path}\` | ${file.records} |`);
  const imports = input.files.filter((file) => file.collection !== null).map((file) => {
    const plain = file.path.replace(/\.gz$/, "");
    return `gunzip -k ${file.path}
mongoimport --uri "$MONGODB_URI" --db ${input.database} --collection ${file.collection} --mode upsert --file ${plain}`;
  });
  return `# Restoring backup \`${input.artifactName}\`

Database \`${input.database}\`, one gzip NDJSON file per collection: one document per line in
MongoDB Extended JSON v2, canonical mode, so dates, ObjectIds and number types come back as they
were. \`backup-manifest.json\` holds each file's document count and sha256, \`indexes.json\`
the indexes of every collection.

| collection | file | documents |
| --- | --- | --- |
${rows.join("\n")}

${encryptionSection(input)}A restore upserts every document by \`_id\`: documents missing from the database are inserted,
documents with the same \`_id\` are replaced by the backed-up version, and nothing is deleted.
Running it twice gives the same database as running it once.

## With the maintain-db action (checks every sha256 before writing)

\`\`\`yaml
- uses: ./actions/maintain-db
  with:
    mongodb-uri: \${{ secrets.MONGODB_URI }}
    database: ${input.database}
    tasks: restore
    restore-from: ${input.artifactName}${input.encrypted ? "\n    backup-passphrase: ${{ secrets.ARTIFACT_PASSPHRASE }}" : ""}
\`\`\`

\`restore-from\` names an artifact of the same workflow run. For a backup of an earlier run,
download it first (\`actions/download-artifact\` with \`name\`, \`run-id\` and \`github-token\`,
into a folder of the workspace) and pass that folder as \`restore-from\`. Set \`dry-run: true\`
to see how many documents would be inserted and replaced without writing.

## With mongoimport (MongoDB Database Tools)

Check the files first: \`sha256sum\` of each must equal its \`sha256\` in \`backup-manifest.json\`.
\`mongoimport\` reads one Extended JSON document per line and, with \`--mode upsert\`, replaces
documents matching on \`_id\` and inserts the rest. It does not read gzip, so unpack first.
It does not create indexes: run this action with \`tasks: indexes\` afterwards (or create the
ones in \`indexes.json\` by hand). If the connection string already names a database,
leave \`--db\` out and make sure it names \`${input.database}\`. Field names hold no \`$\` or \`.\` (the pipeline
replaces them before storing), which mongoimport could not read back.

\`\`\`sh
${imports.join("\n")}
\`\`\`

## How long backups are kept

The backup is a workflow artifact kept ${input.retentionDays} days (the \`retention-days\` input; the
repository's artifact retention setting caps it). Download a copy to keep it longer.
`;
}

// actions/maintain-db/src/backup.ts
var { EJSON } = import_mongodb.BSON;
function backupFileName(collection) {
  return `${collection}.ndjson.gz`;
}
async function collectionNames(db) {
  const listed = await db.listCollections({}, { nameOnly: true }).toArray();
  return listed.map((collection) => collection.name).filter((name) => !name.startsWith("system.")).sort();
}
async function writeBackup(db, target, runStats, logger) {
  await rm(target.dir, { recursive: true, force: true });
  await mkdir(target.dir, { recursive: true });
  const files = [];
  const indexes = [];
  let documents2 = 0;
  for (const collection of await collectionNames(db)) {
    indexes.push(...await listIndexSpecs(db, collection));
    const path = backupFileName(collection);
    const writer = await openNdjsonWriter(join3(target.dir, path));
    const cursor = db.collection(collection).find({}, { promoteValues: false, batchSize: 1e3 }).sort({ _id: 1 });
    for await (const document of cursor) {
      await writer.write(EJSON.serialize(document, { relaxed: false }));
    }
    const written = await writer.close();
    files.push({ path, collection, ...written });
    documents2 += written.records;
    logger.info(`${collection}: ${written.records} documents backed up (${written.bytes} bytes)`);
  }
  await writeIndexSpecs(target.dir, indexes);
  files.push({ ...await describeFile(target.dir, INDEX_FILE), collection: null });
  const guide = restoreGuide({
    database: db.databaseName,
    artifactName: target.artifactName,
    files,
    encrypted: target.encrypted,
    retentionDays: target.retentionDays
  });
  await writeFile2(join3(target.dir, "RESTORE.md"), guide);
  files.push({ ...await describeFile(target.dir, "RESTORE.md"), collection: null });
  const statsWriter = await openNdjsonWriter(join3(target.dir, "run-stats.ndjson"));
  await statsWriter.write(runStats(documents2));
  files.push({ path: "run-stats.ndjson", collection: null, ...await statsWriter.close() });
  const manifest = {
    kind: "db-backup",
    formatVersion: 1,
    database: db.databaseName,
    runId: target.runId,
    createdAt: target.now.toISOString(),
    files
  };
  await writeFolderManifest(target.dir, manifest);
  return { dir: target.dir, manifest, documents: documents2 };
}

// actions/maintain-db/src/export-task.ts
import { mkdir as mkdir2, rm as rm2 } from "node:fs/promises";
import { basename, join as join4 } from "node:path";

// shared/export/export-properties.ts
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { writeFile as writeFile3 } from "node:fs/promises";

// shared/export/csv.ts
var newestValuation = (p) => [...p.county?.valuations ?? []].sort((a, b) => b.taxYear - a.taxYear)[0];
var CSV_COLUMNS = [
  {
    name: "key",
    type: "string",
    description: "Property key: APN or addr:<address key>",
    value: (p) => p._id
  },
  { name: "apn", type: "string", description: "Canonical APN", value: (p) => p.apn },
  {
    name: "address",
    type: "string",
    description: "Normalised street line",
    value: (p) => p.address?.line ?? null
  },
  { name: "zip", type: "string", description: "ZIP5", value: (p) => p.zip },
  {
    name: "livingAreaSqft",
    type: "number",
    description: "County living area",
    value: (p) => p.county?.livingAreaSqft ?? null
  },
  {
    name: "lotSizeSqft",
    type: "number",
    description: "County lot area",
    value: (p) => p.county?.lotSizeSqft ?? null
  },
  {
    name: "constructionYear",
    type: "number",
    description: "County construction year",
    value: (p) => p.county?.constructionYear ?? null
  },
  {
    name: "pool",
    type: "boolean",
    description: "County: pool",
    value: (p) => p.county?.pool ?? null
  },
  {
    name: "garageSpaces",
    type: "number",
    description: "County garage spaces",
    value: (p) => p.county?.garageSpaces ?? null
  },
  {
    name: "legalClass",
    type: "string",
    description: "Legal class of the newest tax year",
    value: (p) => p.county?.legalClass ?? null
  },
  {
    name: "valuationTaxYear",
    type: "number",
    description: "Tax year of the newest valuation",
    value: (p) => newestValuation(p)?.taxYear ?? null
  },
  {
    name: "fullCashValue",
    type: "number",
    description: "Full cash value of the newest valuation",
    value: (p) => newestValuation(p)?.fullCashValue ?? null
  },
  {
    name: "owner",
    type: "string",
    description: "Owner of record; empty when redacted",
    value: (p) => p.county?.owner?.name ?? null
  },
  {
    name: "lastSalePrice",
    type: "number",
    description: "Last deed sale price",
    value: (p) => p.county?.lastSale?.salePrice ?? null
  },
  {
    name: "lastSaleMonth",
    type: "string",
    description: "Last sale month YYYY-MM",
    value: (p) => p.county?.lastSale?.saleMonth ?? null
  },
  {
    name: "mlsNumber",
    type: "string",
    description: "Latest listing number",
    value: (p) => p.listing?.mlsNumber ?? null
  },
  {
    name: "listingStatus",
    type: "string",
    description: "Latest listing status",
    value: (p) => p.listing?.status ?? null
  },
  {
    name: "listPrice",
    type: "number",
    description: "Asking price",
    value: (p) => p.listing?.listPrice ?? null
  },
  {
    name: "bedrooms",
    type: "number",
    description: "Bedrooms (listing)",
    value: (p) => p.listing?.bedrooms ?? null
  },
  {
    name: "bathrooms",
    type: "number",
    description: "Bathrooms (listing)",
    value: (p) => p.listing?.bathrooms.total ?? null
  },
  {
    name: "daysOnMarket",
    type: "number",
    description: "Days on market",
    value: (p) => p.listing?.daysOnMarket ?? null
  },
  {
    name: "condition",
    type: "string",
    description: "Condition (enrichment)",
    value: (p) => p.enrichment?.fields.condition ?? null
  },
  {
    name: "enrichmentMethod",
    type: "string",
    description: "llm or rules",
    value: (p) => p.enrichment?.method ?? null
  },
  {
    name: "conflicts",
    type: "string",
    description: "Fields on which sources disagree, separated by ;",
    value: (p) => p.conflicts.map((c) => c.field).join(";") || null
  },
  {
    name: "updatedAt",
    type: "string",
    description: "When the record last changed",
    value: (p) => p.updatedAt
  }
];
function csvCell(value) {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
function csvRow(property) {
  return CSV_COLUMNS.map((column) => csvCell(column.value(property))).join(",");
}
function csvJsonSchema() {
  const properties = Object.fromEntries(
    CSV_COLUMNS.map((column) => [
      column.name,
      { type: [column.type, "null"], description: column.description }
    ])
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "PropertyCsvRow",
    type: "object",
    properties,
    required: CSV_COLUMNS.map((c) => c.name)
  };
}

// shared/export/export-properties.ts
function exportFilter(args) {
  const filter = {};
  if (args.zips !== null) filter.zip = { $in: [...args.zips] };
  const updatedAt = {};
  if (args.since !== null) updatedAt.$gte = `${args.since}T00:00:00.000Z`;
  if (args.until !== null) {
    const end = /* @__PURE__ */ new Date(`${args.until}T00:00:00.000Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    updatedAt.$lt = end.toISOString();
  }
  if (Object.keys(updatedAt).length > 0) filter.updatedAt = updatedAt;
  return filter;
}
function toRecord(doc) {
  const record = { ...doc };
  delete record.zip;
  return validateRecord("property", record, `properties/${doc._id}`);
}
async function exportProperties(db, args) {
  const cursor = pipelineCollections(db).properties.find(exportFilter(args)).sort({ _id: 1 });
  let count = 0;
  if (args.format === "ndjson") {
    const writer = await openNdjsonWriter(args.out);
    for await (const doc of cursor) {
      await writer.write(toRecord(doc));
      count += 1;
    }
    await writer.close();
  } else {
    const stream = createWriteStream(args.out);
    const write = async (line) => {
      if (!stream.write(`${line}\r
`)) await once(stream, "drain");
    };
    await write(CSV_COLUMNS.map((column) => column.name).join(","));
    for await (const doc of cursor) {
      await write(csvRow(doc));
      count += 1;
    }
    stream.end();
    await once(stream, "finish");
  }
  const schema = args.format === "ndjson" ? external_exports.toJSONSchema(propertySchema, { io: "output", target: "draft-2020-12" }) : csvJsonSchema();
  const schemaFile = `${args.out}.schema.json`;
  await writeFile3(schemaFile, `${JSON.stringify(schema, null, 2)}
`);
  return { count, file: args.out, schemaFile };
}

// actions/maintain-db/src/export-task.ts
async function exportTask(db, options, logger) {
  await rm2(options.dir, { recursive: true, force: true });
  await mkdir2(options.dir, { recursive: true });
  const files = [];
  let properties = 0;
  for (const format of options.formats) {
    const out = join4(options.dir, format === "csv" ? "properties.csv" : "properties.ndjson.gz");
    const query = { zips: options.zips, since: null, until: null, format, out };
    const result = await exportProperties(db, query);
    properties = result.count;
    const data = await describeFile(options.dir, basename(result.file));
    files.push({ ...data, collection: COLLECTIONS.properties });
    files.push({
      ...await describeFile(options.dir, basename(result.schemaFile)),
      collection: null
    });
    logger.info(`${result.count} properties exported as ${format}`);
  }
  await writeFolderManifest(options.dir, {
    kind: "property-export",
    formatVersion: 1,
    database: db.databaseName,
    runId: options.runId,
    createdAt: options.now.toISOString(),
    files
  });
  return { dir: options.dir, properties, files: files.map((file) => file.path) };
}

// actions/maintain-db/src/sealed-folder.ts
import { rm as rm4 } from "node:fs/promises";
import { join as join5 } from "node:path";

// shared/crypto/sealed-file.ts
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream as createWriteStream2 } from "node:fs";
import { open, rename, rm as rm3, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
var MAGIC = Buffer.from("PHXENC", "latin1");
var VERSION = 1;
var NONCE_BYTES = 12;
var TAG_BYTES = 16;
var HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + NONCE_BYTES;
var SEALED_SUFFIX = ".enc";
async function sealFile(source, target, passphrase) {
  const salt = newSalt();
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), salt, nonce]);
  const cipher = createCipheriv("aes-256-gcm", await deriveKey(passphrase, salt), nonce);
  cipher.setAAD(header);
  const out = createWriteStream2(target);
  out.write(header);
  await pipeline(createReadStream(source), cipher, out, { end: false });
  await new Promise((resolve3, reject) => {
    out.end(cipher.getAuthTag(), () => resolve3());
    out.once("error", reject);
  });
}
async function readParts(path) {
  const { size } = await stat(path);
  const handle = await open(path, "r");
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    if (size < HEADER_BYTES + TAG_BYTES) return { header, tag, size };
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header, tag, size };
  } finally {
    await handle.close();
  }
}
async function openSealedFile(source, target, passphrase, input) {
  const { header, tag, size } = await readParts(source);
  if (!header.subarray(0, MAGIC.length).equals(MAGIC) || header[MAGIC.length] !== VERSION) {
    throw new ConfigurationError(`${source}: not a sealed file of version ${VERSION}`);
  }
  const salt = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
  const nonce = header.subarray(MAGIC.length + 1 + SALT_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", await deriveKey(passphrase, salt), nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const partial = `${target}.partial`;
  const body = { start: HEADER_BYTES, end: size - TAG_BYTES - 1 };
  try {
    const stream = body.end < body.start ? Readable.from([]) : createReadStream(source, body);
    await pipeline(stream, decipher, createWriteStream2(partial));
  } catch {
    await rm3(partial, { force: true });
    throw new ConfigurationError(
      `input '${input}': ${source} does not open with this passphrase (a wrong passphrase, or the file was changed); nothing was restored from it`
    );
  }
  await rename(partial, target);
}

// actions/maintain-db/src/sealed-folder.ts
async function sealFolder(dir, manifest, passphrase) {
  const files = [];
  for (const file of manifest.files) {
    if (file.collection === null) {
      files.push(file);
      continue;
    }
    const sealed = `${file.path}${SEALED_SUFFIX}`;
    await sealFile(join5(dir, file.path), join5(dir, sealed), passphrase);
    await rm4(join5(dir, file.path));
    const described = await describeFile(dir, sealed);
    files.push({ ...file, ...described });
  }
  const next = { ...manifest, files };
  await writeFolderManifest(dir, next);
  return next;
}
async function openFolder(dir, manifest, passphrase, input) {
  const sealed = manifest.files.filter((file) => file.path.endsWith(SEALED_SUFFIX));
  if (sealed.length === 0) return manifest;
  if (passphrase === "") {
    throw new ConfigurationError(
      `input '${input}' is required: ${dir} holds encrypted files (${sealed.map((file) => file.path).join(", ")})`
    );
  }
  const files = [];
  for (const file of manifest.files) {
    if (!file.path.endsWith(SEALED_SUFFIX)) {
      files.push(file);
      continue;
    }
    const plain = file.path.slice(0, -SEALED_SUFFIX.length);
    await openSealedFile(join5(dir, file.path), join5(dir, plain), passphrase, input);
    files.push({ ...file, path: plain });
  }
  return { ...manifest, files };
}

// actions/maintain-db/src/publish.ts
async function finish(name, dir, target, logger) {
  if (target.passphrase !== "") {
    await sealFolder(dir, await verifyFolder(dir), target.passphrase);
    logger.info(`${name}: data files encrypted with 'backup-passphrase'`);
  }
  if (target.uploader) {
    await uploadFolder(target.uploader, name, dir, target.retentionDays, logger);
  }
}
async function publishBackup(db, name, target, runStats, logger) {
  const where = { dir: join6(target.outputDir, name), runId: target.runId, now: target.now };
  const guide = { encrypted: target.passphrase !== "", retentionDays: target.retentionDays };
  const backup = await writeBackup(
    db,
    { ...where, ...guide, artifactName: name },
    runStats,
    logger
  );
  await finish(name, backup.dir, target, logger);
  const collections = backup.manifest.files.flatMap(
    (file) => file.collection === null ? [] : [{ collection: file.collection, documents: file.records }]
  );
  const artifact = target.uploader ? name : null;
  return { artifact, dir: backup.dir, count: backup.documents, collections };
}
async function publishExport(db, name, request, target, logger) {
  const dir = join6(target.outputDir, name);
  const exported = await exportTask(
    db,
    { ...request, dir, runId: target.runId, now: target.now },
    logger
  );
  await finish(name, exported.dir, target, logger);
  return { artifact: target.uploader ? name : null, dir, count: exported.properties };
}

// actions/maintain-db/src/run-stats.ts
function maintenanceCounts(result) {
  const counts = {};
  if (result.indexes) {
    counts["indexes-created"] = result.indexes.created.length;
    counts["indexes-extra"] = result.indexes.extra.length;
  }
  for (const row of result.retention) counts[`deleted-${row.collection}`] = row.deleted;
  if (result.backup) counts["documents-backed-up"] = result.backup.count;
  if (result.exported) counts.exported = result.exported.count;
  for (const row of result.restored ?? []) {
    counts[`restored-${row.collection}`] = result.dryRun ? 0 : row.inserted + row.replaced;
  }
  return counts;
}
function maintenanceRunStats(runId, startedAt, result, extra = {}, now = /* @__PURE__ */ new Date()) {
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId,
    action: "maintain-db",
    shard: "all",
    startedAt: startedAt.toISOString(),
    finishedAt: now.toISOString(),
    durationMs: now.getTime() - startedAt.getTime(),
    counts: { ...maintenanceCounts(result), ...extra },
    errorsByClass: Object.fromEntries(
      ERROR_CLASSES.map((name) => [name, 0])
    ),
    retries: 0,
    outcome: "success"
  };
}

// actions/maintain-db/src/retention.ts
function retentionPolicies(days) {
  return Object.values(DATABASE_SCHEMA).flatMap(
    ({ name, retention }) => retention === void 0 ? [] : [
      {
        collection: name,
        field: retention.field,
        days: days[retention.input],
        day: retention.day
      }
    ]
  );
}
function cutoff(policy, now) {
  const at = new Date(now.getTime() - policy.days * 864e5).toISOString();
  return policy.day ? at.slice(0, 10) : at;
}
async function applyRetention(db, policies, options, logger) {
  const results = [];
  for (const policy of policies) {
    if (policy.days === 0) continue;
    const before = cutoff(policy, options.now);
    const filter = { [policy.field]: { $lt: before } };
    const collection = db.collection(policy.collection);
    const old = await collection.countDocuments(filter);
    let deleted = 0;
    const batches = Math.ceil(old / options.batchSize);
    for (let batch = 0; batch < batches && !options.dryRun; batch += 1) {
      const ids = await collection.find(filter, { projection: { _id: 1 } }).limit(options.batchSize).map((row) => row._id).toArray();
      if (ids.length === 0) break;
      deleted += (await collection.deleteMany({ ...filter, _id: { $in: ids } })).deletedCount;
    }
    logger.info(
      `${policy.collection}: ${old} rows with ${policy.field} before ${before}, ${options.dryRun ? "none deleted (dry run)" : `${deleted} deleted`}`
    );
    results.push({ collection: policy.collection, before, old, deleted });
  }
  return results;
}

// actions/maintain-db/src/restore.ts
var import_mongodb3 = __toESM(require_lib(), 1);
import { join as join7 } from "node:path";

// actions/maintain-db/src/restore-writes.ts
var import_mongodb2 = __toESM(require_lib(), 1);
var { EJSON: EJSON2 } = import_mongodb2.BSON;
async function createCollection(db, name) {
  const exists = await db.listCollections({ name }, { nameOnly: true }).hasNext();
  if (!exists) await db.createCollection(name);
}
var canonical = (document) => EJSON2.stringify(document, { relaxed: false });
async function compareChunk(db, collection, chunk) {
  const ids = chunk.map((document) => document._id);
  const stored = /* @__PURE__ */ new Map();
  const cursor = db.collection(collection).find({ _id: { $in: ids } }, { promoteValues: false });
  for await (const document of cursor) {
    stored.set(canonical({ _id: document._id }), canonical(document));
  }
  const counts = { inserted: 0, replaced: 0, unchanged: 0 };
  for (const document of chunk) {
    const existing = stored.get(canonical({ _id: document._id }));
    if (existing === void 0) counts.inserted += 1;
    else if (existing === canonical(document)) counts.unchanged += 1;
    else counts.replaced += 1;
  }
  return counts;
}
async function writeChunk(db, collection, chunk, dryRun) {
  if (dryRun) return compareChunk(db, collection, chunk);
  const operations = chunk.map((document) => ({
    replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true }
  }));
  const result = await db.collection(collection).bulkWrite(operations, { ordered: false });
  return {
    inserted: result.upsertedCount,
    replaced: result.modifiedCount,
    unchanged: result.matchedCount - result.modifiedCount
  };
}

// actions/maintain-db/src/restore.ts
var { EJSON: EJSON3 } = import_mongodb3.BSON;
var CHUNK = 50;
async function* documents(dir, file) {
  const path = join7(dir, file.path);
  let line = 0;
  for await (const value of readNdjson(path)) {
    line += 1;
    let document;
    try {
      document = EJSON3.deserialize(value, { relaxed: false });
    } catch (error) {
      throw new IntegrityError(
        `${path} document ${line}: not Extended JSON (${errorMessage(error)})`
      );
    }
    if (document === null || typeof document !== "object" || !("_id" in document)) {
      throw new IntegrityError(`${path} document ${line}: expected a document with an _id`);
    }
    yield document;
  }
}
async function restoreBackup(db, dir, options, logger) {
  const { dryRun } = options;
  const manifest = await openFolder(
    dir,
    await verifyFolder(dir),
    options.passphrase,
    "backup-passphrase"
  );
  if (manifest.kind !== "db-backup") {
    throw new IntegrityError(`${dir}: a ${manifest.kind} folder, expected a db-backup`);
  }
  const files = manifest.files.filter(
    (file) => file.collection !== null
  );
  const indexes = manifest.files.some((file) => file.path === INDEX_FILE) ? await readIndexSpecs(dir) : [];
  let read = 0;
  for (const file of files) {
    for await (const document of documents(dir, file)) {
      void document;
      read += 1;
    }
  }
  logger.info(
    `backup of ${manifest.database} (run ${manifest.runId}) verified: ${read} documents in ${files.length} collections`
  );
  const counts = [];
  for (const file of files) {
    const count = {
      collection: file.collection,
      documents: 0,
      inserted: 0,
      replaced: 0,
      unchanged: 0
    };
    let chunk = [];
    const flush = async () => {
      const written = await writeChunk(db, file.collection, chunk, dryRun);
      count.inserted += written.inserted;
      count.replaced += written.replaced;
      count.unchanged += written.unchanged;
      count.documents += chunk.length;
      chunk = [];
    };
    for await (const document of documents(dir, file)) {
      chunk.push(document);
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    logger.info(
      `${file.collection}: ${count.documents} documents, ${count.inserted} ${dryRun ? "to insert" : "inserted"}, ${count.replaced} ${dryRun ? "to replace" : "replaced"}, ${count.unchanged} unchanged`
    );
    if (count.documents === 0 && !dryRun) await createCollection(db, file.collection);
    counts.push(count);
  }
  if (!dryRun) await restoreIndexSpecs(db, indexes, logger);
  return counts;
}

// actions/maintain-db/src/restore-source.ts
import { access } from "node:fs/promises";
import { join as join8, resolve } from "node:path";
async function locateBackup(restoreFrom, where, logger) {
  if (restoreFrom === "") {
    throw new ConfigurationError(
      "input 'restore-from' is required with the restore task: the backup artifact's name or a folder holding it"
    );
  }
  const folder = resolve(where.context.workspace, restoreFrom);
  const isFolder = await access(join8(folder, FOLDER_MANIFEST)).then(
    () => true,
    () => false
  );
  if (isFolder) {
    logger.info(`restoring from folder ${folder}`);
    return folder;
  }
  if (where.client === null || !isPlainArtifactName(restoreFrom)) {
    throw new ConfigurationError(
      `input 'restore-from': expected a backup artifact of this run or a folder with ${FOLDER_MANIFEST}, got '${restoreFrom}' (no such folder${where.client === null ? ", and no artifact service outside a runner" : ""})`
    );
  }
  const dir = join8(where.outputDir, "restore", restoreFrom);
  await downloadFolder(where.client, restoreFrom, dir, logger);
  return dir;
}

// actions/maintain-db/src/storage.ts
var MIB = 1024 * 1024;
var WARN_SHARE = 0.8;
function number(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}
async function collectionSize(db, name) {
  const documents2 = await db.collection(name).estimatedDocumentCount();
  try {
    const stats = await db.command({ collStats: name });
    const bytes = number(stats.storageSize) || number(stats.size);
    return { name, documents: documents2, bytes: bytes + number(stats.totalIndexSize) };
  } catch {
    return { name, documents: documents2, bytes: null };
  }
}
async function measureStorage(db, limitMb, logger) {
  const names = await collectionNames(db);
  const collections = [];
  for (const name of names) collections.push(await collectionSize(db, name));
  let usedMb = null;
  try {
    const stats = await db.command({ dbStats: 1 });
    const data = number(stats.storageSize) || number(stats.dataSize);
    usedMb = Math.round((data + number(stats.indexSize)) / MIB * 100) / 100;
  } catch (error) {
    logger.warning(`dbStats unavailable (${errorMessage(error)}): storage not measured`);
  }
  const share = usedMb === null ? null : usedMb / limitMb;
  for (const size of collections) logger.info(`${size.name}: ${size.documents} documents`);
  if (share !== null && share > WARN_SHARE) {
    logger.warning(
      `database uses ${usedMb} MB, ${Math.round(share * 100)} % of the ${limitMb} MB limit: lower the retention days or move to a larger plan`
    );
  } else if (usedMb !== null) logger.info(`database uses ${usedMb} MB of ${limitMb} MB`);
  return { collections, usedMb, limitMb, share };
}

// actions/maintain-db/src/maintain.ts
async function maintain(db, inputs, context, logger) {
  const startedAt = /* @__PURE__ */ new Date();
  const attempt = context.runAttempt > 1 ? `-attempt${context.runAttempt}` : "";
  const suffix = `${startedAt.toISOString().slice(0, 10)}${attempt}`;
  const has = (task) => inputs.tasks.includes(task);
  const client = runnerArtifactClient();
  const uploader = inputs.dryRun ? null : client;
  const outputDir = resolve2(
    context.workspace,
    inputs.outputDir || join9(context.tempDir, "maintain-db")
  );
  const result = {
    ...{ tasks: inputs.tasks, dryRun: inputs.dryRun, database: db.databaseName },
    ...{ indexes: null, retention: [], backup: null, exported: null, restored: null },
    storage: { collections: [], usedMb: null, limitMb: inputs.storageLimitMb, share: null }
  };
  const passphrase = has("backup") || has("export") ? backupPassphrase(inputs, logger) : "";
  if (has("restore")) {
    result.restored = await withGroup(logger, "Restore", async () => {
      const dir = await locateBackup(inputs.restoreFrom, { client, context, outputDir }, logger);
      const restore = { dryRun: inputs.dryRun, passphrase: inputs.backupPassphrase };
      return restoreBackup(db, dir, restore, logger);
    });
  }
  if (has("indexes")) {
    result.indexes = await withGroup(
      logger,
      "Indexes",
      () => reconcileIndexes(db, { dryRun: inputs.dryRun, logger })
    );
  }
  const target = {
    ...{ outputDir, uploader, runId: context.runId, now: startedAt },
    ...{ passphrase, retentionDays: inputs.retentionDays }
  };
  if (has("backup")) {
    const name = `${inputs.artifactName}-${suffix}`;
    const runStats = (documents2) => maintenanceRunStats(context.runId, startedAt, result, { "documents-backed-up": documents2 });
    result.backup = await withGroup(
      logger,
      "Backup",
      () => publishBackup(db, name, target, runStats, logger)
    );
  }
  if (has("export")) {
    const formats = inputs.exportFormat === "both" ? ["csv", "ndjson"] : [inputs.exportFormat];
    const request = { formats, zips: inputs.exportZips };
    result.exported = await withGroup(
      logger,
      "Export properties",
      () => publishExport(db, `property-export-${suffix}`, request, target, logger)
    );
  }
  if (has("retention")) {
    result.retention = await withGroup(logger, "Retention", () => {
      const policies = retentionPolicies({
        "history-retention-days": inputs.historyRetentionDays,
        "runs-retention-days": inputs.runsRetentionDays,
        "cache-retention-days": inputs.cacheRetentionDays,
        "costs-retention-days": inputs.costsRetentionDays
      });
      const options = {
        batchSize: inputs.retentionBatchSize,
        dryRun: inputs.dryRun,
        now: startedAt
      };
      return applyRetention(db, policies, options, logger);
    });
  }
  result.storage = await withGroup(
    logger,
    "Storage",
    () => measureStorage(db, inputs.storageLimitMb, logger)
  );
  return result;
}

// actions/maintain-db/src/summary.ts
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
function maintainSummary(result) {
  const parts = [
    `## Database maintenance${result.dryRun ? " (dry run: nothing changed)" : ""}`,
    `Database \`${result.database}\`, tasks: ${result.tasks.join(", ")}.`
  ];
  if (result.restored) {
    parts.push(
      "### Restore",
      table(
        [
          "collection",
          "documents",
          result.dryRun ? "would insert" : "inserted",
          result.dryRun ? "would replace" : "replaced",
          "unchanged"
        ],
        result.restored.map((row) => [
          row.collection,
          row.documents,
          row.inserted,
          row.replaced,
          row.unchanged
        ])
      )
    );
  }
  if (result.indexes) {
    const { created, extra, present } = result.indexes;
    parts.push(
      "### Indexes",
      `${present} declared indexes present, ${created.length} ${result.dryRun ? "missing" : "created"}${created.length ? `: ${created.join(", ")}` : ""}.`,
      extra.length ? `Not declared (kept): ${extra.join(", ")}.` : "No undeclared indexes."
    );
  }
  if (result.backup) {
    const where = result.backup.artifact ? `artifact \`${result.backup.artifact}\`` : `folder \`${result.backup.dir}\``;
    parts.push(
      "### Backup",
      `${result.backup.count} documents in ${where} (restore instructions in its RESTORE.md).`,
      table(
        ["collection", "documents"],
        result.backup.collections.map((row) => [row.collection, row.documents])
      )
    );
  }
  if (result.exported) {
    const where = result.exported.artifact ? `artifact \`${result.exported.artifact}\`` : `folder \`${result.exported.dir}\``;
    parts.push("### Export", `${result.exported.count} properties in ${where}.`);
  }
  if (result.tasks.includes("retention")) {
    parts.push(
      "### Retention",
      result.retention.length === 0 ? "Every retention period is 0: nothing deleted." : table(
        [
          "collection",
          "older than",
          "old rows",
          result.dryRun ? "deleted (dry run)" : "deleted"
        ],
        result.retention.map((row) => [row.collection, row.before, row.old, row.deleted])
      )
    );
  }
  const { usedMb, limitMb, share } = result.storage;
  parts.push(
    "### Storage",
    usedMb === null ? `Not measured (the server does not answer dbStats); limit ${limitMb} MB.` : `${usedMb} MB of ${limitMb} MB (${Math.round((share ?? 0) * 100)} %)${(share ?? 0) > 0.8 ? " \u2014 **above 80 %**" : ""}.`,
    table(
      ["collection", "documents", "bytes"],
      result.storage.collections.map((row) => [row.name, row.documents, row.bytes ?? "?"])
    )
  );
  return `${parts.join("\n\n")}
`;
}

// actions/maintain-db/src/main.ts
async function execute(inputs, logger) {
  const context = readRunContext();
  const connection = await withGroup(
    logger,
    "Connect",
    () => connectDatabase(inputs.mongodbUri, inputs.database)
  );
  try {
    return await maintain(connection.db, inputs, context, logger);
  } finally {
    await connection.close();
  }
}
var action = {
  name: "maintain-db",
  inputs: maintainDbInputs,
  secrets: ["mongodbUri", "backupPassphrase"],
  execute,
  outputs: (result) => ({
    "indexes-created": result.indexes?.created.length ?? 0,
    "indexes-extra": result.indexes?.extra.length ?? 0,
    deleted: Object.fromEntries(result.retention.map((row) => [row.collection, row.deleted])),
    "backup-artifact": result.backup?.artifact ?? "",
    "documents-backed-up": result.backup?.count ?? 0,
    exported: result.exported?.count ?? 0,
    restored: result.dryRun ? 0 : (result.restored ?? []).reduce((sum, row) => sum + row.inserted + row.replaced, 0),
    "storage-mb": result.storage.usedMb ?? ""
  }),
  failureOutputs: {
    "indexes-created": 0,
    "indexes-extra": 0,
    deleted: {},
    "backup-artifact": "",
    "documents-backed-up": 0,
    exported: 0,
    restored: 0,
    "storage-mb": ""
  },
  summary: maintainSummary
};
var run = () => runAction(action);

// actions/maintain-db/src/index.ts
await run();
