import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/model/collection-counts.ts
var COLLECTION_COUNTS = {
  "collect-county": {
    source: "county",
    collected: ["parcels-fetched", "parcels-resumed"],
    // Abandoned: left because the county kept failing (its circuit opened), not by the plan.
    failed: ["parcels-failed", "parcels-abandoned"]
  },
  // `failed` counts the pages (search and listing) given up after retries.
  "scrape-mls": { source: "mls", collected: ["listings-scraped"], failed: ["failed"] }
};
function sumCounts(counts, names) {
  return names.reduce((total, name) => total + (counts[name] ?? 0), 0);
}

export {
  COLLECTION_COUNTS,
  sumCounts
};
