import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  require_lib
} from "./chunk-ANORL7CF.js";
import {
  redactUrl,
  scrubSecrets
} from "./chunk-CQ3Z2ZHE.js";
import {
  RetryableError,
  errorMessage
} from "./chunk-7775BKJK.js";
import {
  __toESM
} from "./chunk-Z67Z3DOX.js";

// shared/db/connect.ts
var import_mongodb = __toESM(require_lib(), 1);
async function connectDatabase(uri, name, options = {}) {
  const timeout = options.serverSelectionTimeoutMs ?? 1e4;
  const client = new import_mongodb.MongoClient(uri, {
    .../[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: timeout },
    .../[?&]connectTimeoutMS=/i.test(uri) ? {} : { connectTimeoutMS: timeout },
    appName: "phx-property-pipeline",
    monitorCommands: options.monitorCommands ?? false
  });
  try {
    await client.connect();
    const db = client.db(name);
    await db.command({ ping: 1 });
    return { client, db, close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => void 0);
    const password = safePassword(uri);
    const reason = scrubSecrets(errorMessage(error), password ? [password, uri] : [uri]);
    throw new RetryableError(`cannot reach MongoDB at ${redactMongoUri(uri)}: ${reason}`, {
      cause: error
    });
  }
}
function redactMongoUri(uri) {
  return redactUrl(uri.replace(/\/\/[^@/]*@/, "//***@"));
}
function safePassword(uri) {
  try {
    return decodeURIComponent(new URL(uri).password) || void 0;
  } catch {
    return void 0;
  }
}

export {
  connectDatabase
};
