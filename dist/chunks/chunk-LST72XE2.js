import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  require_lib
} from "./chunk-UK4VE3HP.js";
import {
  __toESM
} from "./chunk-Z67Z3DOX.js";

// shared/db/insert-new.ts
var import_mongodb = __toESM(require_lib(), 1);
var INSERT_CHUNK = 1e3;
var DUPLICATE_KEY = 11e3;
function writeErrors(error) {
  const errors = error.writeErrors;
  return Array.isArray(errors) ? errors : [errors];
}
async function insertNew(collection, documents) {
  let inserted = 0;
  const duplicates = [];
  for (let start = 0; start < documents.length; start += INSERT_CHUNK) {
    const chunk = documents.slice(start, start + INSERT_CHUNK);
    const operations = chunk.map(
      (document) => ({ insertOne: { document } })
    );
    try {
      inserted += (await collection.bulkWrite(operations, { ordered: false })).insertedCount;
    } catch (error) {
      if (!(error instanceof import_mongodb.MongoBulkWriteError)) throw error;
      const failures = writeErrors(error);
      if (failures.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
      inserted += error.result.insertedCount;
      for (const failure of failures) {
        const id = chunk[failure.index]?._id;
        if (id !== void 0) duplicates.push(id);
      }
    }
  }
  return { inserted, duplicates };
}

export {
  DUPLICATE_KEY,
  insertNew
};
