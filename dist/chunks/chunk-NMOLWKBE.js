import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  COLLECTION_NAMES,
  DATABASE_SCHEMA
} from "./chunk-4C3C67FH.js";

// shared/db/indexes.ts
var INDEXES = Object.values(DATABASE_SCHEMA).flatMap(
  (collection) => collection.indexes.map((index) => ({ collection: collection.name, ...index }))
);
async function indexNames(db, collection) {
  const listed = await db.collection(collection).listIndexes().toArray().catch(() => []);
  return new Set(listed.map((entry) => String(entry.name)));
}
async function reconcileIndexes(db, options = {}) {
  const { dryRun = false, collections = COLLECTION_NAMES, logger } = options;
  const report = { created: [], extra: [], present: 0 };
  for (const collection of collections) {
    const live = await indexNames(db, collection);
    const declared = INDEXES.filter((index) => index.collection === collection);
    for (const index of declared) {
      if (live.has(index.name)) {
        report.present += 1;
        continue;
      }
      const indexOptions = { name: index.name, ...index.unique ? { unique: true } : {} };
      if (!dryRun) await db.collection(collection).createIndex(index.key, indexOptions);
      report.created.push(`${collection}.${index.name}`);
      logger?.info(
        `${dryRun ? "would create" : "created"} index ${collection}.${index.name} (${index.serves})`
      );
    }
    const names = new Set(declared.map((index) => index.name));
    for (const name of live) {
      if (name !== "_id_" && !names.has(name)) report.extra.push(`${collection}.${name}`);
    }
  }
  for (const name of report.extra) logger?.warning(`index ${name} is not declared (kept)`);
  logger?.info(
    `indexes: ${report.present} present, ${report.created.length} ${dryRun ? "to create" : "created"}, ${report.extra.length} not declared`
  );
  return report;
}
async function ensureIndexes(db, collections = COLLECTION_NAMES) {
  return reconcileIndexes(db, { collections });
}
async function checkIndexes(db, collections = COLLECTION_NAMES) {
  return (await reconcileIndexes(db, { dryRun: true, collections })).created;
}

export {
  reconcileIndexes,
  ensureIndexes,
  checkIndexes
};
