import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  COLLECTIONS
} from "./chunk-4C3C67FH.js";

// shared/db/collections.ts
function pipelineCollections(db) {
  return {
    properties: db.collection(COLLECTIONS.properties),
    listings: db.collection(COLLECTIONS.listings),
    history: db.collection(COLLECTIONS.history),
    runs: db.collection(COLLECTIONS.runs),
    storeState: db.collection(COLLECTIONS.storeState)
  };
}

export {
  pipelineCollections
};
