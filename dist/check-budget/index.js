import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  ensureIndexes
} from "../chunks/chunk-NMOLWKBE.js";
import {
  createGitHubClient
} from "../chunks/chunk-IM2OCGBN.js";
import {
  USAGE_SCHEMA_VERSION,
  USAGE_SERVICES,
  USAGE_UNITS,
  usageSchema
} from "../chunks/chunk-2A5BLYRJ.js";
import {
  COLLECTIONS
} from "../chunks/chunk-4C3C67FH.js";
import {
  readStages,
  writeStageOutput
} from "../chunks/chunk-ZOFQZNG2.js";
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-5A7CVTSE.js";
import {
  readNdjson,
  runnerArtifactClient,
  uploadStage
} from "../chunks/chunk-W4XHDAZ2.js";
import {
  readRunContext
} from "../chunks/chunk-YMZZPAWV.js";
import {
  connectDatabase,
  databaseInput,
  describeDatabase
} from "../chunks/chunk-UK4VE3HP.js";
import {
  ConfigurationError,
  ENV,
  NonRetryableError,
  RetryableError,
  booleanInput,
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
import "../chunks/chunk-Z67Z3DOX.js";

// actions/check-budget/src/check-budget.ts
import { performance } from "node:perf_hooks";

// actions/check-budget/src/levels.ts
var LEVELS = ["ok", "info", "warning", "critical"];
var LEVEL_THRESHOLDS = [
  ["critical", 0.95],
  ["warning", 0.8],
  ["info", 0.6]
];
function levelFor(utilization) {
  for (const [level, threshold] of LEVEL_THRESHOLDS) if (utilization >= threshold) return level;
  return "ok";
}
var PROJECTION_WARNING = 0.8;
function projectionLevelFor(projected, budget) {
  return projected > budget * PROJECTION_WARNING ? "warning" : "ok";
}
var GATED_STAGES = ["scrape", "llm"];
var DEFAULT_POLICY = { scrape: "critical", llm: "critical" };
function stageAllowed(stage, level, policy) {
  const off = policy[stage];
  return off === "never" || LEVELS.indexOf(level) < LEVELS.indexOf(off);
}
function severityFor(overBudgetPercent) {
  if (overBudgetPercent > 50) return "P0";
  if (overBudgetPercent > 20) return "P1";
  if (overBudgetPercent > 10) return "P2";
  return "none";
}

// actions/check-budget/src/phoenix-time.ts
var PHOENIX_OFFSET_MS = -7 * 60 * 60 * 1e3;
function phoenixDate(instant) {
  const shifted = new Date(instant.getTime() + PHOENIX_OFFSET_MS);
  const iso = shifted.toISOString();
  const year = shifted.getUTCFullYear();
  const monthIndex = shifted.getUTCMonth();
  return {
    day: iso.slice(0, 10),
    month: iso.slice(0, 7),
    dayOfMonth: shifted.getUTCDate(),
    // Day 0 of the next month is the last day of this one; leap years come out right.
    daysInMonth: new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()
  };
}

// actions/check-budget/src/pricing.ts
function roundMicros(dollars2) {
  return Math.round(dollars2 * 1e6) / 1e6;
}
function priceUsage(records, card) {
  const totals = /* @__PURE__ */ new Map();
  for (const record of records) {
    const units = totals.get(record.service) ?? /* @__PURE__ */ new Map();
    units.set(record.unit, (units.get(record.unit) ?? 0) + record.quantity);
    totals.set(record.service, units);
  }
  const lines = [];
  for (const [service, units] of totals) {
    const metered = [...units].map(([unit, quantity2]) => `${quantity2} ${unit}`).join(", ");
    const entry = card.usage[service];
    if (!entry) {
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}: expected a price, the run consumed ${metered} of ${service}`
      );
    }
    const quantity = units.get(entry.unit);
    if (quantity === void 0) {
      const expected = [...units.keys()].map((unit) => `'${unit}'`).join(" or ");
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}.unit: expected ${expected} (the units the run metered), got '${entry.unit}'`
      );
    }
    const cost = entry.metered ? roundMicros(quantity / entry.per * entry.price) : 0;
    lines.push({
      service,
      item: service,
      unit: entry.unit,
      quantity,
      price: entry.price,
      per: entry.per,
      cost,
      metered: entry.metered
    });
  }
  return lines;
}
function totalCost(lines) {
  let total = 0;
  for (const line of lines) total += line.cost;
  return total;
}

// actions/check-budget/src/budget.ts
function assessBudget(options) {
  const { budget, card, policy } = options;
  const date = phoenixDate(options.now);
  const entries = options.entries.filter((entry) => entry.month === date.month);
  const breakdown = {};
  let metered = 0;
  let today = 0;
  for (const entry of entries) {
    metered += entry.cost;
    if (entry.day === date.day) today += entry.cost;
    breakdown[entry.service] = (breakdown[entry.service] ?? 0) + entry.cost;
  }
  let fixed = 0;
  for (const [service, charge] of Object.entries(card.monthly)) {
    fixed += charge.price;
    breakdown[service] = (breakdown[service] ?? 0) + charge.price;
  }
  const monthToDate = roundMicros(metered + fixed);
  const projected = roundMicros(fixed + metered / date.dayOfMonth * date.daysInMonth);
  const utilization = monthToDate / budget;
  const level = levelFor(utilization);
  const overBudgetPercent = Math.max(0, (monthToDate - budget) * 100 / budget);
  const allowScrape = stageAllowed("scrape", level, policy);
  const allowLlm = stageAllowed("llm", level, policy);
  return {
    budget,
    month: date.month,
    monthToDate,
    today: roundMicros(today),
    projected,
    projectionLevel: projectionLevelFor(projected, budget),
    utilization,
    level,
    overBudgetPercent,
    severity: severityFor(overBudgetPercent),
    allowScrape,
    allowLlm,
    gated: [...allowScrape ? [] : ["scrape"], ...allowLlm ? [] : ["llm"]],
    breakdown: Object.fromEntries(
      Object.entries(breakdown).sort(([a], [b]) => a.localeCompare(b)).map(([service, cost]) => [service, roundMicros(cost)])
    ),
    runs: new Set(entries.map((entry) => entry.runId)).size
  };
}
function budgetReason(status) {
  const spent = `month to date $${status.monthToDate.toFixed(2)} is ${(status.utilization * 100).toFixed(1)} % of the $${status.budget.toFixed(2)} budget (${status.level})`;
  const gates = status.gated.length ? `${status.gated.join(" and ")} switched off by policy; the county collection continues` : "all stages allowed";
  const over = status.overBudgetPercent > 0 ? `, ${status.overBudgetPercent.toFixed(1)} % over budget (${status.severity})` : "";
  return `${spent}${over}; ${gates}`;
}
function projectionText(status) {
  const projected = `$${status.projected.toFixed(2)} by month end`;
  if (status.projectionLevel === "ok") return projected;
  const edge = status.budget * PROJECTION_WARNING;
  return `${projected}, above $${edge.toFixed(2)} (${PROJECTION_WARNING * 100} % of the $${status.budget.toFixed(2)} budget): warning`;
}

// actions/check-budget/src/ledger.ts
var ledgerItemSchema = external_exports.object({
  item: external_exports.string(),
  quantity: external_exports.number().nonnegative(),
  price: external_exports.number().nonnegative(),
  per: external_exports.number().positive(),
  cost: external_exports.number().nonnegative()
});
var ledgerEntrySchema = external_exports.object({
  _id: external_exports.string().min(1).describe("<run id>:<service>"),
  runId: external_exports.string().min(1).describe("Workflow run id"),
  service: external_exports.enum(USAGE_SERVICES).describe("Service consumed"),
  unit: external_exports.enum(USAGE_UNITS).describe("Unit of quantity"),
  quantity: external_exports.number().nonnegative().describe("Units consumed in the run"),
  cost: external_exports.number().nonnegative().describe("Dollars"),
  day: external_exports.iso.date().describe("Phoenix day the run was first recorded"),
  month: external_exports.string().regex(/^\d{4}-\d{2}$/).describe("Phoenix month the run was first recorded"),
  recordedAt: external_exports.iso.datetime({ offset: true }).describe("When this entry was last written"),
  rateCardVersion: external_exports.string().describe("Version of the rate card that priced it"),
  items: external_exports.array(ledgerItemSchema).describe("Priced items that make up the cost")
});
function ledgerEntriesFor(runId, lines, now, rateCardVersion) {
  const { day, month } = phoenixDate(now);
  const byService = /* @__PURE__ */ new Map();
  for (const line of lines) {
    const entry = byService.get(line.service) ?? {
      _id: `${runId}:${line.service}`,
      runId,
      service: line.service,
      unit: line.unit,
      quantity: 0,
      cost: 0,
      day,
      month,
      recordedAt: now.toISOString(),
      rateCardVersion,
      items: []
    };
    entry.quantity += line.quantity;
    entry.cost = roundMicros(entry.cost + line.cost);
    const { item, quantity, price, per, cost } = line;
    entry.items.push({ item, quantity, price, per, cost: roundMicros(cost) });
    byService.set(line.service, entry);
  }
  return [...byService.values()];
}
function mergeEntries(existing, incoming) {
  const merged = new Map(existing.map((entry) => [entry._id, entry]));
  for (const entry of incoming) {
    const previous = merged.get(entry._id);
    merged.set(
      entry._id,
      previous ? { ...entry, day: previous.day, month: previous.month } : entry
    );
  }
  return [...merged.values()];
}

// actions/check-budget/src/ledger-phase.ts
import { isAbsolute, resolve } from "node:path";

// actions/check-budget/src/ledger-file.ts
import { mkdir, rename, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname } from "node:path";
var FileLedger = class {
  constructor(path) {
    this.path = path;
    this.name = `file ${path}`;
  }
  path;
  name;
  async readAll() {
    if (!existsSync(this.path)) return [];
    const entries = [];
    for await (const entry of readNdjson(this.path, ledgerEntrySchema)) entries.push(entry);
    return entries;
  }
  async record(entries) {
    const merged = mergeEntries(await this.readAll(), entries);
    const text = merged.map((entry) => JSON.stringify(entry)).join("\n");
    await mkdir(dirname(this.path), { recursive: true });
    const partial = `${this.path}.partial`;
    await writeFile(partial, text === "" ? "" : `${text}
`);
    await rename(partial, this.path);
  }
  async entriesForMonth(month) {
    return (await this.readAll()).filter((entry) => entry.month === month);
  }
  close() {
    return Promise.resolve();
  }
};

// actions/check-budget/src/ledger-mongo.ts
var COSTS_COLLECTION = COLLECTIONS.costs;
var CHUNK = 50;
var MongoLedger = class _MongoLedger {
  constructor(connection, costs) {
    this.connection = connection;
    this.costs = costs;
    this.name = `MongoDB ${connection.db.databaseName}.${COSTS_COLLECTION}`;
  }
  connection;
  costs;
  name;
  /**
   * Connects to `uri`, in the database every action resolves from `database` and the connection
   * string (see `resolveDatabase`), and makes sure its declared indexes exist.
   */
  static async open(uri, database, logger) {
    const connection = await connectDatabase(uri, database, { serverSelectionTimeoutMs: 15e3 });
    try {
      const costs = connection.db.collection(COSTS_COLLECTION);
      await ensureIndexes(connection.db, [COSTS_COLLECTION]);
      logger.info(`ledger: database ${describeDatabase(connection.database)}`);
      return new _MongoLedger(connection, costs);
    } catch (error) {
      await connection.close().catch(() => void 0);
      throw new RetryableError(`ledger: cannot use MongoDB: ${errorMessage(error)}`, {
        cause: error
      });
    }
  }
  async record(entries) {
    const operations = entries.map((entry) => {
      const { _id, day, month, ...rest } = entry;
      return {
        updateOne: {
          filter: { _id },
          update: { $set: rest, $setOnInsert: { day, month } },
          upsert: true
        }
      };
    });
    for (let start = 0; start < operations.length; start += CHUNK) {
      await this.costs.bulkWrite(operations.slice(start, start + CHUNK), { ordered: false });
    }
  }
  async entriesForMonth(month) {
    const documents = await this.costs.find({ month }).toArray();
    return documents.map((document) => ledgerEntrySchema.parse(document));
  }
  async close() {
    await this.connection.close();
  }
};

// actions/check-budget/src/ledger-phase.ts
function ledgerPath({ ledgerFile, workspace, mongodbUri }) {
  if (mongodbUri !== "" || ledgerFile === "") return void 0;
  return isAbsolute(ledgerFile) ? ledgerFile : resolve(workspace, ledgerFile);
}
async function openLedger(choice, logger) {
  if (choice.mongodbUri !== "") return MongoLedger.open(choice.mongodbUri, choice.database, logger);
  const file = ledgerPath(choice);
  if (file) return new FileLedger(file);
  logger.warning("no mongodb-uri and no ledger-file: month to date counts this run only");
  return void 0;
}
async function syncLedger(choice, incoming, options, logger) {
  const ledger = await openLedger(choice, logger);
  if (!ledger) return { entries: [...incoming], recorded: 0, name: void 0, file: void 0 };
  try {
    let recorded = 0;
    if (incoming.length > 0 && options.dryRun) {
      logger.info(`dry run: ${incoming.length} entries for run ${options.runId} not recorded`);
    } else if (incoming.length > 0) {
      await ledger.record(incoming);
      recorded = incoming.length;
      logger.info(`recorded ${recorded} entries for run ${options.runId} in ${ledger.name}`);
    }
    const month = await ledger.entriesForMonth(options.month);
    logger.info(`${month.length} entries for ${options.month} in ${ledger.name}`);
    const entries = mergeEntries(month, incoming);
    return { entries, recorded, name: ledger.name, file: ledgerPath(choice) };
  } finally {
    await ledger.close();
  }
}

// actions/check-budget/src/publish.ts
import { existsSync as existsSync2 } from "node:fs";
import { copyFile, mkdir as mkdir2, rm } from "node:fs/promises";
import { join } from "node:path";
var LEDGER_ARTIFACT_FILE = "budget-ledger.jsonl";
function budgetRunStats(step) {
  const run2 = step.run;
  const errorsByClass = Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, 0])
  );
  const jobsFailed = run2?.jobsProblem !== void 0;
  if (jobsFailed) errorsByClass.other = 1;
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId: step.runId,
    action: "check-budget",
    shard: step.stage,
    startedAt: step.startedAt.toISOString(),
    finishedAt: new Date(step.startedAt.getTime() + step.durationMs).toISOString(),
    durationMs: Math.round(step.durationMs),
    counts: {
      "usage-records": run2?.usageRecords ?? 0,
      "artifacts-read": run2?.artifacts.length ?? 0,
      "artifacts-missing": run2?.missingArtifacts.length ?? 0,
      jobs: run2?.jobs ?? 0,
      "ledger-entries-written": step.recorded
    },
    errorsByClass,
    retries: 0,
    outcome: jobsFailed || (run2?.missingArtifacts.length ?? 0) > 0 ? "partial" : "success"
  };
}
function measuredMinutes(step, recordedAt) {
  const lines = step.run?.jobs === void 0 ? [] : step.run.lines.filter((line) => line.service === "github-actions");
  if (lines.length === 0) return [];
  const minutes = lines.reduce((sum, line) => sum + line.quantity, 0);
  return [
    {
      schemaVersion: USAGE_SCHEMA_VERSION,
      runId: step.runId,
      action: "check-budget",
      shard: "all",
      service: "github-actions",
      unit: "minute",
      quantity: minutes,
      recordedAt: recordedAt.toISOString()
    }
  ];
}
async function carryLedger(step, folder) {
  if (step.stage !== "record" || !step.ledgerFile || !existsSync2(step.ledgerFile)) return [];
  await mkdir2(folder, { recursive: true });
  await copyFile(step.ledgerFile, join(folder, LEDGER_ARTIFACT_FILE));
  return [LEDGER_ARTIFACT_FILE];
}
async function publishBudgetStage(step, dir, client, logger) {
  const folder = join(dir, `budget-${step.stage}`);
  await rm(folder, { recursive: true, force: true });
  const finished = new Date(step.startedAt.getTime() + step.durationMs);
  await writeStageOutput(
    folder,
    {
      runId: step.runId,
      stage: "check-budget",
      shard: step.stage,
      recordType: "usage",
      recordSchemaVersion: USAGE_SCHEMA_VERSION
    },
    measuredMinutes(step, finished),
    { records: { "run-stats": [budgetRunStats(step)] }, files: await carryLedger(step, folder) }
  );
  if (!client) {
    logger.info(`stage folder written to ${folder} (no artifact service: not uploaded)`);
    return null;
  }
  try {
    await uploadStage(client, `budget-${step.stage}`, folder, logger, { retentionDays: 7 });
    return `budget-${step.stage}`;
  } catch (error) {
    logger.warning(`artifact 'budget-${step.stage}' not uploaded: ${errorMessage(error)}`);
    return null;
  }
}

// actions/check-budget/src/rate-card.ts
import { readFile } from "node:fs/promises";
import { isAbsolute as isAbsolute2, resolve as resolve2 } from "node:path";

// config/rate-card.json
var rate_card_default = {
  version: "2026-12-04",
  currency: "USD",
  githubActions: {
    publicRepositoryFree: true,
    runners: [
      {
        name: "self-hosted",
        labels: ["self-hosted"],
        perMinute: 0,
        source: "GitHub bills no per-minute rate for self-hosted runners (the machine is yours to pay for)",
        date: "2026-10-30"
      },
      {
        name: "Linux 1-core (ubuntu-slim)",
        labels: ["ubuntu-slim"],
        perMinute: 2e-3,
        source: "docs.github.com/en/billing/reference/actions-runner-pricing, Linux 1-core, as cited on 2026-10-30; not re-checked offline",
        date: "2026-10-30"
      },
      {
        name: "Linux 2-core",
        labels: ["ubuntu-*", "linux"],
        perMinute: 6e-3,
        source: "docs.github.com/en/billing/reference/actions-runner-pricing, Linux 2-core x64, as cited on 2026-10-30; not re-checked offline",
        date: "2026-10-30"
      },
      {
        name: "Windows 2-core",
        labels: ["windows-*", "windows"],
        perMinute: 0.01,
        source: "docs.github.com/en/billing/reference/actions-runner-pricing, Windows 2-core after the January 2026 price cut; from memory, not re-checked offline",
        date: "2026-01-01"
      },
      {
        name: "macOS 3/4-core",
        labels: ["macos-*", "macos"],
        perMinute: 0.062,
        source: "docs.github.com/en/billing/reference/actions-runner-pricing, macOS 3-4 core, as cited on 2026-10-30; not re-checked offline",
        date: "2026-10-30"
      }
    ],
    defaultRunner: "Linux 2-core"
  },
  usage: {
    "github-actions": {
      unit: "minute",
      per: 1,
      price: 6e-3,
      source: "minutes an action reports itself, priced as Linux 2-core (docs.github.com/en/billing/reference/actions-runner-pricing, as cited on 2026-10-30)",
      date: "2026-10-30"
    },
    proxy: {
      unit: "gb",
      per: 1,
      price: 3.5,
      metered: false,
      source: "assumption, not read from a price list: bandwidth-billed (residential) proxy plans cost a few dollars per GB of traffic. The operations guide's plan is flat (monthly.proxy, traffic included), so metered is false and the price only shows what the night's traffic would cost; on a plan billed by traffic set metered true and the plan's price per GB",
      date: "2026-12-04"
    },
    captcha: {
      unit: "solve",
      per: 1e3,
      price: 3,
      source: "assumption of the operations guide: CAPTCHA solving about $1-3 per 1,000 solves; the upper end is used",
      date: "2026-11-28"
    },
    llm: {
      unit: "token",
      per: 1e3,
      price: 0,
      source: "local Ollama (the guide's setup): no per-token charge; for a hosted model set its price per 1,000 tokens here",
      date: "2026-11-28"
    },
    "county-api": {
      unit: "request",
      per: 1e3,
      price: 0,
      source: "Maricopa County Assessor API: a token from the Assessor's contact form, no published per-request charge (reference/mcao-api.md); assumed free",
      date: "2026-11-28"
    },
    email: {
      unit: "message",
      per: 1e3,
      price: 0,
      source: "assumption of the operations guide: plain SMTP is free, a premium email service up to $1/month is budgeted",
      date: "2026-11-28"
    },
    database: {
      unit: "request",
      per: 1e3,
      price: 0,
      source: "assumption of the operations guide: MongoDB Atlas M0 free tier (512 MB), no per-request charge",
      date: "2026-11-28"
    }
  },
  monthly: {
    proxy: {
      price: 2.5,
      source: "assumption of the operations guide: WebShare, about 10 datacenter proxies for about $2.50/month",
      date: "2026-11-28"
    },
    database: {
      price: 0,
      source: "assumption of the operations guide: MongoDB Atlas M0 free tier (512 MB); set the tier's monthly price when it grows",
      date: "2026-11-28"
    }
  }
};

// actions/check-budget/src/rate-card.ts
var priceSchema = external_exports.number({ error: "expected a price in dollars (a number)" }).finite().min(0, "expected a price of at least 0");
var provenance = {
  source: external_exports.string().min(1, "expected where the price comes from"),
  date: external_exports.iso.date("expected the date the price was read, YYYY-MM-DD")
};
var runnerRateSchema = external_exports.strictObject({
  /** Name shown in the summary, e.g. `Linux 2-core`. */
  name: external_exports.string().min(1),
  /** Job labels this rate applies to; a trailing `*` matches a prefix (`ubuntu-*`). */
  labels: external_exports.array(external_exports.string().min(1)).min(1),
  /** Dollars per minute, each job rounded up to the whole minute. */
  perMinute: priceSchema,
  ...provenance
});
var usagePriceSchema = external_exports.strictObject({
  unit: external_exports.enum(USAGE_UNITS),
  /** How many units `price` buys (1000 for "per 1,000 solves"). */
  per: external_exports.number().positive().default(1),
  price: priceSchema,
  /**
   * False when the service is paid by a flat plan (its `monthly` entry) and this price is what the
   * consumption would cost on a metered plan: shown, not charged. Default true.
   */
  metered: external_exports.boolean().default(true),
  ...provenance
});
var monthlyPriceSchema = external_exports.strictObject({ price: priceSchema, ...provenance });
var rateCardSchema = external_exports.strictObject({
  /** Version of the card, recorded with every ledger entry. */
  version: external_exports.string().min(1),
  currency: external_exports.literal("USD"),
  githubActions: external_exports.strictObject({
    /** GitHub bills no minutes for jobs in public repositories on its standard runners. */
    publicRepositoryFree: external_exports.boolean(),
    runners: external_exports.array(runnerRateSchema).min(1),
    /** Rate (by name) for jobs whose labels match no runner entry. */
    defaultRunner: external_exports.string().min(1)
  }),
  usage: external_exports.partialRecord(external_exports.enum(USAGE_SERVICES), usagePriceSchema),
  monthly: external_exports.partialRecord(external_exports.enum(USAGE_SERVICES), monthlyPriceSchema)
});
function parseRateCard(value, origin) {
  const result = rateCardSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "(card)"}: ${issue.message}`
    );
    throw new ConfigurationError(`input 'rate-card' (${origin}): ${problems.join("; ")}`);
  }
  const card = result.data;
  const { runners, defaultRunner } = card.githubActions;
  if (!runners.some((runner) => runner.name === defaultRunner)) {
    throw new ConfigurationError(
      `input 'rate-card' (${origin}): githubActions.defaultRunner: expected the name of a runner entry, got '${defaultRunner}'`
    );
  }
  return card;
}
async function loadRateCard(input, workspace) {
  if (input === "") return parseRateCard(rate_card_default, "config/rate-card.json");
  if (input.startsWith("{")) return parseRateCard(parseJson(input, "inline JSON"), "inline");
  const path = isAbsolute2(input) ? input : resolve2(workspace, input);
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `input 'rate-card': expected a readable JSON file or inline JSON, cannot read ${path}`,
      { cause: error }
    );
  }
  return parseRateCard(parseJson(text, path), path);
}
function parseJson(text, origin) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`input 'rate-card' (${origin}): expected JSON, ${String(error)}`);
  }
}

// actions/check-budget/src/run-cost.ts
import { mkdtemp, rm as rm2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// actions/check-budget/src/github-jobs.ts
var DEFAULT_RETRY = { attempts: 3, baseDelayMs: 2e3, maxWaitMs: 3e4 };
async function fetchRunJobs(request, logger, retry = DEFAULT_RETRY) {
  const [owner, repo] = request.repository.split("/");
  if (!owner || !repo)
    throw new NonRetryableError(
      `GITHUB_REPOSITORY: expected owner/name, got '${request.repository}'`
    );
  const octokit = createGitHubClient({
    token: request.token,
    baseUrl: request.apiUrl.replace(/\/$/, ""),
    logger,
    userAgent: "phx-pipeline-check-budget",
    permission: () => "`permissions: actions: read`",
    retry
  });
  const jobs = await octokit.paginate(octokit.rest.actions.listJobsForWorkflowRun, {
    owner,
    repo,
    run_id: Number(request.runId),
    filter: "all",
    per_page: 100
  });
  logger.debug(`jobs of run ${request.runId}: ${JSON.stringify(jobs.map((job) => job.name))}`);
  return jobs.map((job) => ({
    id: job.id,
    runAttempt: job.run_attempt ?? 1,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    startedAt: job.started_at,
    completedAt: job.completed_at,
    labels: job.labels
  }));
}

// actions/check-budget/src/job-minutes.ts
function billedMinutes(job, now) {
  if (!job.startedAt) return 0;
  const start = Date.parse(job.startedAt);
  const end = job.completedAt ? Date.parse(job.completedAt) : now.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return 0;
  return Math.ceil((end - start) / 6e4);
}
function labelMatches(pattern, label) {
  const p = pattern.toLowerCase();
  const l = label.toLowerCase();
  return p.endsWith("*") ? l.startsWith(p.slice(0, -1)) : l === p;
}
function runnerRateFor(labels, card) {
  const { runners, defaultRunner } = card.githubActions;
  for (const rate of runners) {
    if (rate.labels.some((pattern) => labels.some((label) => labelMatches(pattern, label))))
      return { rate, matched: true };
  }
  return { rate: runners.find((rate) => rate.name === defaultRunner), matched: false };
}
function priceJobs(jobs, card, options) {
  const free = options.publicRepository && card.githubActions.publicRepositoryFree;
  const byRunner = /* @__PURE__ */ new Map();
  const unmatched = /* @__PURE__ */ new Set();
  const seen = /* @__PURE__ */ new Set();
  const attempts = /* @__PURE__ */ new Set();
  for (const job of jobs) {
    if (seen.has(job.id)) continue;
    seen.add(job.id);
    attempts.add(job.runAttempt);
    const minutes = billedMinutes(job, options.now);
    const { rate, matched } = runnerRateFor(job.labels, card);
    if (!matched) for (const label of job.labels) unmatched.add(label);
    const price = free ? 0 : rate.perMinute;
    const item = free ? `${rate.name} (public repository)` : rate.name;
    const line = byRunner.get(item) ?? {
      service: "github-actions",
      item,
      unit: "minute",
      quantity: 0,
      price,
      per: 1,
      cost: 0
    };
    line.quantity += minutes;
    line.cost = roundMicros(line.quantity * price);
    byRunner.set(item, line);
  }
  return {
    lines: [...byRunner.values()],
    unmatchedLabels: [...unmatched].sort(),
    jobs: seen.size,
    attempts: [...attempts].sort((a, b) => a - b)
  };
}

// actions/check-budget/src/usage-artifacts.ts
async function collectUsage(client, patterns, workDir, logger) {
  const options = { client, baseDir: workDir, downloadDir: workDir, logger };
  const { stages, missing } = await readStages(patterns, options);
  const records = [];
  for (const stage of stages) {
    let count = 0;
    for await (const record of stage.records("usage", usageSchema)) {
      records.push(record);
      count += 1;
    }
    logger.info(`artifact '${stage.name}': ${count} usage records`);
  }
  return { records, artifacts: stages.map((stage) => stage.name), missing };
}

// actions/check-budget/src/run-cost.ts
async function priceRun(card, sources, logger) {
  const workDir = await mkdtemp(join2(sources.context.tempDir, "check-budget-"));
  try {
    const usage = await withGroup(
      logger,
      "Usage from stage artifacts",
      () => readUsage(sources, workDir, logger)
    );
    for (const pattern of usage.missing) {
      logger.warning(`usage artifact '${pattern}' not found in this run; its cost is not counted`);
    }
    const jobs = await withGroup(logger, "Actions minutes", () => readJobs(card, sources, logger));
    const metered = jobs.lines ? usage.records.filter((record) => record.service !== "github-actions") : usage.records;
    const lines = [...priceUsage(metered, card), ...jobs.lines ?? []];
    logger.info(`priced ${lines.length} cost lines from ${usage.records.length} usage records`);
    return {
      lines,
      usageRecords: usage.records.length,
      artifacts: usage.artifacts,
      missingArtifacts: usage.missing,
      jobs: jobs.count,
      jobsProblem: jobs.problem
    };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
function readUsage(sources, workDir, logger) {
  if (sources.usageArtifacts.length === 0) {
    logger.info("no usage-artifacts given");
    return Promise.resolve({ records: [], artifacts: [], missing: [] });
  }
  if (!sources.artifactClient) {
    throw new ConfigurationError(
      `input 'usage-artifacts': artifacts can only be read on a runner (${ENV.actionsRuntimeToken} is not set)`
    );
  }
  return collectUsage(sources.artifactClient, sources.usageArtifacts, workDir, logger);
}
async function readJobs(card, sources, logger) {
  const { githubToken, context } = sources;
  if (githubToken === "") {
    logger.info("no github-token: job minutes are not read");
    return {};
  }
  if (!context.repository) {
    logger.warning("GITHUB_REPOSITORY is not set: job minutes are not read");
    return { problem: "GITHUB_REPOSITORY not set" };
  }
  try {
    const request = {
      token: githubToken,
      apiUrl: sources.apiUrl,
      repository: context.repository,
      runId: context.runId
    };
    const jobs = await fetchRunJobs(request, logger);
    const priced = priceJobs(jobs, card, sources);
    if (priced.unmatchedLabels.length > 0) {
      logger.warning(
        `runner labels ${priced.unmatchedLabels.join(", ")} match no rate-card entry; priced as ${card.githubActions.defaultRunner}`
      );
    }
    const minutes = priced.lines.reduce((sum, line) => sum + line.quantity, 0);
    const attempts = priced.attempts.length > 1 ? ` over attempts ${priced.attempts.join(", ")}` : "";
    logger.info(`${priced.jobs} jobs${attempts}, ${minutes} billed minutes`);
    return { lines: priced.lines, count: priced.jobs };
  } catch (error) {
    logger.warning(`job minutes not counted: ${errorMessage(error)}`);
    return { problem: errorMessage(error) };
  }
}

// actions/check-budget/src/check-budget.ts
async function checkBudget(inputs, deps, logger) {
  const started = performance.now();
  const context = readRunContext(deps.env);
  const stage = inputs.stage === "record" ? "record" : "gate";
  const now = deps.now();
  const card = await withGroup(logger, "Rate card", async () => {
    const loaded = await loadRateCard(inputs.rateCard, context.workspace);
    logger.info(`rate card ${loaded.version}`);
    return loaded;
  });
  const run2 = stage === "record" ? await priceRun(
    card,
    {
      artifactClient: deps.artifactClient,
      usageArtifacts: inputs.usageArtifacts,
      githubToken: inputs.githubToken,
      apiUrl: deps.env[ENV.githubApiUrl]?.trim() || "https://api.github.com",
      publicRepository: inputs.publicRepository,
      context,
      now
    },
    logger
  ) : void 0;
  const incoming = run2 ? ledgerEntriesFor(context.runId, run2.lines, now, card.version) : [];
  const ledger = await withGroup(
    logger,
    "Ledger",
    () => syncLedger(
      { ...inputs, workspace: context.workspace },
      incoming,
      { month: phoenixDate(now).month, runId: context.runId, dryRun: inputs.dryRun },
      logger
    )
  );
  const { policy, monthlyBudget: budget, propertyCount } = inputs;
  const status = assessBudget({ budget, entries: ledger.entries, card, policy, now });
  const runCost = totalCost(run2?.lines ?? []);
  const { recorded, file: ledgerFile } = ledger;
  const step = { runId: context.runId, stage, startedAt: now, run: run2, recorded, ledgerFile };
  const artifact = await withGroup(
    logger,
    "Stage artifact",
    () => publishBudgetStage(
      { ...step, durationMs: performance.now() - started },
      context.tempDir,
      inputs.dryRun ? null : deps.artifactClient,
      logger
    )
  );
  const result = {
    stage,
    dryRun: inputs.dryRun,
    status,
    reason: budgetReason(status),
    run: run2,
    runCost,
    costPerProperty: propertyCount > 0 ? runCost / propertyCount : 0,
    propertyCount,
    rateCardVersion: card.version,
    ledger: ledger.name,
    recorded: ledger.recorded,
    artifact
  };
  annotate(result, logger);
  return result;
}
function annotate(result, logger) {
  const { status } = result;
  logger.info(`budget: ${result.reason}`);
  if (status.level === "critical") logger.error(`Budget critical: ${result.reason}`);
  else if (status.level === "warning") logger.warning(`Budget warning: ${result.reason}`);
  if (status.projectionLevel === "warning" && status.level !== "critical") {
    logger.warning(`Budget projection: ${projectionText(status)}`);
  }
}

// actions/check-budget/src/inputs.ts
var blankToUndefined = (value) => typeof value === "string" && value.trim() === "" ? void 0 : value;
function dollarsInput(defaultValue) {
  return external_exports.preprocess(
    blankToUndefined,
    external_exports.string().trim().optional().transform((value, ctx) => {
      if (value === void 0) return defaultValue;
      if (!/^\d+(\.\d{1,2})?$/.test(value) || Number(value) <= 0) {
        ctx.addIssue({
          code: "custom",
          message: `expected dollars above 0 such as 25 or 37.50, got '${value}'`
        });
        return external_exports.NEVER;
      }
      return Number(value);
    })
  );
}
var policyEntry = external_exports.string().regex(
  new RegExp(`^(${GATED_STAGES.join("|")})=(${[...LEVELS.slice(1), "never"].join("|")})$`),
  `expected <stage>=<level> with stage ${GATED_STAGES.join(" or ")} and level info, warning, critical or never`
);
var policyInput = listInput(policyEntry).transform((entries) => {
  const policy = { ...DEFAULT_POLICY };
  for (const entry of entries) {
    const [stage, level] = entry.split("=");
    policy[stage] = level;
  }
  return policy;
});
var checkBudgetInputs = external_exports.object({
  monthlyBudget: dollarsInput(25),
  rateCard: stringInput(),
  usageArtifacts: listInput(external_exports.string().min(1)),
  githubToken: stringInput(),
  mongodbUri: mongodbUriInput,
  database: databaseInput,
  ledgerFile: stringInput(),
  policy: policyInput,
  stage: choiceInput(["gate", "record"], "gate"),
  publicRepository: booleanInput(false),
  propertyCount: integerInput({ default: 0, min: 0 }),
  dryRun: dryRunInput
});

// actions/check-budget/src/summary.ts
function dollars(amount) {
  return amount !== 0 && Math.abs(amount) < 0.01 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}
function cell(text) {
  return text.replace(/[|\\<>]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}
function budgetBar(utilization) {
  const filled = Math.min(20, Math.max(0, Math.round(utilization * 20)));
  return `${"\u2588".repeat(filled)}${"\u2591".repeat(20 - filled)}`;
}
function runTable(result) {
  const run2 = result.run;
  if (!run2) return ["The gate reads the ledger only; this run is priced at the record stage."];
  const rows = run2.lines.map(
    (line) => `| ${cell(line.service)} | ${cell(line.item)} | ${line.quantity} ${line.unit} | ${dollars(line.price)} per ${line.per === 1 ? "" : `${line.per} `}${line.unit}${line.metered !== false ? "" : ` (flat plan: ${dollars(line.quantity / line.per * line.price)} if metered)`} | ${dollars(line.cost)} |`
  );
  const notes = [
    ...run2.jobsProblem ? [`- Actions minutes not counted: ${cell(run2.jobsProblem)}.`] : [],
    ...run2.jobs === void 0 && !run2.jobsProblem ? ["- Actions minutes not read: no github-token given."] : [],
    ...run2.missingArtifacts.length ? [`- Usage artifacts not found: ${run2.missingArtifacts.map(cell).join(", ")}.`] : []
  ];
  return [
    `### This run: ${dollars(result.runCost)}`,
    "",
    "| service | item | units | unit price | cost |",
    "| --- | --- | --- | --- | --- |",
    ...rows.length ? rows : ["| (no usage) | | 0 | | $0.00 |"],
    "",
    ...notes
  ];
}
function budgetSummary(result) {
  const { status } = result;
  const breakdown = Object.entries(status.breakdown).sort(([, a], [, b]) => b - a).map(([service, cost]) => `| ${cell(service)} | ${dollars(cost)} |`);
  const perProperty = result.propertyCount > 0 ? `${dollars(result.costPerProperty)} over ${result.propertyCount} properties` : "n/a (no property count given)";
  return [
    `## Budget: ${status.level}${result.dryRun ? " (dry run)" : ""}`,
    "",
    `\`${budgetBar(status.utilization)}\` ${dollars(status.monthToDate)} of ${dollars(status.budget)} (${(status.utilization * 100).toFixed(1)} %) in ${status.month}, Phoenix time`,
    "",
    `- Projected: ${projectionText(status)}`,
    `- Today: ${dollars(status.today)}; runs this month: ${status.runs}`,
    `- Cost per property: ${perProperty}`,
    `- Scraping: ${status.allowScrape ? "allowed" : "**off**"}; LLM enrichment: ${status.allowLlm ? "allowed" : "**off**"}`,
    ...status.severity !== "none" ? [
      `- Over budget by ${status.overBudgetPercent.toFixed(1)} %: severity **${status.severity}**`
    ] : [],
    `- Ledger: ${result.ledger ? cell(result.ledger) : "none (this run only)"}; rate card ${cell(result.rateCardVersion)}`,
    "",
    ...runTable(result),
    "",
    "### Month to date by service",
    "",
    "| service | cost |",
    "| --- | --- |",
    ...breakdown,
    ""
  ].join("\n");
}

// actions/check-budget/src/main.ts
var round = (value, digits) => Number(value.toFixed(digits));
function createCheckBudgetAction(deps) {
  return {
    name: "check-budget",
    inputs: checkBudgetInputs,
    secrets: ["githubToken", "mongodbUri"],
    execute: (inputs, logger) => checkBudget(inputs, deps, logger),
    outputs: ({ status, reason, runCost, costPerProperty }) => ({
      level: status.level,
      utilization: round(status.utilization * 100, 2),
      "month-to-date": round(status.monthToDate, 4),
      projected: round(status.projected, 4),
      "projection-level": status.projectionLevel,
      "run-cost": round(runCost, 4),
      "cost-per-property": round(costPerProperty, 6),
      "allow-scrape": status.allowScrape,
      "allow-llm": status.allowLlm,
      reason,
      "over-budget-percent": round(status.overBudgetPercent, 2),
      severity: status.severity,
      breakdown: Object.fromEntries(
        Object.entries(status.breakdown).map(([service, cost]) => [service, round(cost, 4)])
      )
    }),
    // A budget check that fails keeps the costly stages off: spending blind is the risk to avoid.
    failureOutputs: {
      level: "unknown",
      utilization: 0,
      "month-to-date": 0,
      projected: 0,
      "projection-level": "unknown",
      "run-cost": 0,
      "cost-per-property": 0,
      "allow-scrape": false,
      "allow-llm": false,
      reason: "budget check failed",
      "over-budget-percent": 0,
      severity: "none",
      breakdown: {}
    },
    summary: budgetSummary
  };
}
var action = createCheckBudgetAction({
  now: () => /* @__PURE__ */ new Date(),
  env: process.env,
  // Outside a runner there is no artifact service: usage artifacts cannot be read, nothing uploads.
  artifactClient: runnerArtifactClient()
});
var run = () => runAction(action);

// actions/check-budget/src/index.ts
await run();
