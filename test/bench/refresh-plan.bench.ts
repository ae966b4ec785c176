import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectCounty } from '../../actions/collect-county/src/collect.js';
import { collectCountyInputs } from '../../actions/collect-county/src/inputs.js';
import { requestBudget } from '../../actions/collect-county/src/refresh-plan.js';
import { memoryLogger } from '../../shared/logger.js';
import { consoleLogger } from '../../local/console-logger.js';
import { provisionMongo } from '../../local/mongo/provision-mongo.js';
import { startCountySandbox } from '../../local/sandbox/county/server.js';

/**
 * The county rolling refresh at the county's real proportions with time compressed 60 times
 * (an hour is 60 s): the sandbox enforces 1,000 requests per hour per token and the collector
 * gets a 50-minute budget at that pace, as one nightly shard with the token to itself. Measured
 * in one run:
 * - request efficiency, parcels per county request, on a night with the parcel index in the
 *   database, against a night that must search the whole ZIP first (no index: the baseline);
 * - use of the rate limit: requests sent in the budget against those the limit allows, and the
 *   429s our own pacing caused;
 * - nights to a full refresh of the default ZIPs at 1,000 requests an hour, from the measured
 *   parcels per night, beside the physical limit (parcels ÷ requests per night).
 */
const SCALE = 60;
const TOKEN_PER_HOUR = 1000;
const BUDGET_MINUTES = 50;
const PARCELS = 3000;
const ZIP = '85033';
/** The default ZIPs at the sizes the realistic sandbox profile gives them. */
const DEFAULT_ZIPS: Record<string, number> = { '85031': 9000, '85033': 12000, '85035': 6500 };

const silent = memoryLogger();

const mongo = await provisionMongo({ logger: consoleLogger() });
const sandbox = await startCountySandbox({
  seed: 'bench-refresh',
  parcelsPerZip: PARCELS,
  faults: { rateLimit: { requests: TOKEN_PER_HOUR, windowMs: 3_600_000 / SCALE } },
});
const root = await mkdtemp(path.join(tmpdir(), 'bench-refresh-plan-'));
let runs = 0;

async function night(withIndex: boolean) {
  runs += 1;
  const uri = new URL(mongo.uri);
  uri.pathname = '/bench_refresh_plan';
  const inputs = collectCountyInputs.parse({
    zipCodes: ZIP,
    apiBaseUrl: sandbox.url,
    apiToken: sandbox.token,
    mode: 'incremental',
    requestsPerHour: String(TOKEN_PER_HOUR * SCALE),
    timeBudgetMinutes: String(BUDGET_MINUTES / SCALE),
    mongodbUri: withIndex ? uri.toString() : '',
    concurrency: '4',
    artifactName: `bench${runs}`,
  });
  const from = sandbox.requestLog.length;
  const result = await collectCounty(inputs, {
    logger: silent,
    artifactClient: null,
    env: { GITHUB_RUN_ID: String(runs), RUNNER_TEMP: root },
  });
  const shard = result.shards[0];
  if (shard === undefined) throw new Error('no shard');
  const log = sandbox.requestLog.slice(from);
  return {
    shard,
    budget: requestBudget(inputs),
    refused: log.filter((request) => request.status === 429).length,
    sent: log.length,
  };
}

try {
  const baseline = await night(false);
  // Night 1 with a database builds the index (and fetches); night 2 is a normal night.
  await night(true);
  const indexed = await night(true);
  const efficiency = (n: typeof baseline) => n.shard.fetched / n.shard.requests;
  console.log(
    `request efficiency: ${efficiency(indexed).toFixed(3)} parcels per request with the parcel index (${indexed.shard.searchPages} search page, ${indexed.shard.fetched} parcels), ` +
      `${efficiency(baseline).toFixed(3)} searching the whole ZIP first (${baseline.shard.searchPages} pages, ${baseline.shard.fetched} parcels): ${(efficiency(indexed) / efficiency(baseline)).toFixed(2)}x (target >= 0.95 parcels per request)`,
  );
  // What the token allows in the budget at full rate; the collector keeps 2 % below it.
  const allowed = (TOKEN_PER_HOUR * SCALE * BUDGET_MINUTES) / SCALE / 60;
  console.log(
    `rate limit use: ${indexed.sent} requests sent in the ${BUDGET_MINUTES}-minute budget of ${allowed.toFixed(0)} the limit allows (${((indexed.sent / allowed) * 100).toFixed(1)} %, target >= 95 %); ` +
      `429s from our own pacing: ${indexed.refused + baseline.refused} over ${runs} nights`,
  );
  // Per real night: one shard at half the token (two run at once) for 50 minutes.
  const realBudget = Math.floor(((TOKEN_PER_HOUR / 2) * 0.98 * BUDGET_MINUTES) / 60);
  const perNight = Math.floor(realBudget * efficiency(indexed));
  for (const [zip, parcels] of Object.entries(DEFAULT_ZIPS)) {
    console.log(
      `${zip} (${parcels} parcels) at ${TOKEN_PER_HOUR}/h shared by 2 shards: ${Math.ceil(parcels / perNight)} nights to a full refresh (${perNight} parcels a night); physical limit ${Math.ceil(parcels / realBudget)} nights (${realBudget} requests a night)`,
    );
  }
} finally {
  await sandbox.close();
  await mongo.stop();
  await rm(root, { recursive: true, force: true });
}
