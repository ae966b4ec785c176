import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  RateLimiter,
  chooseResume,
  normalizeAddress,
  sourceVerdict
} from "../chunks/chunk-SAU7WBT3.js";
import {
  IN_FLIGHT_GRACE_MS,
  runnerStopSignal,
  withCollectionStop
} from "../chunks/chunk-SI6VTPZA.js";
import {
  formatIssues
} from "../chunks/chunk-TDKOKBYD.js";
import {
  artifactNameSchema
} from "../chunks/chunk-NRKIZQAU.js";
import "../chunks/chunk-MQRJ2QYQ.js";
import {
  PROXY_ENTRY_EXPECTED,
  parseProxyUrl,
  proxyEntries,
  webShareKey
} from "../chunks/chunk-5X3AZRGW.js";
import {
  markdownText
} from "../chunks/chunk-T3DYMKLJ.js";
import {
  sleep
} from "../chunks/chunk-B4QX6BYH.js";
import "../chunks/chunk-WQ47WIVJ.js";
import {
  USAGE_SCHEMA_VERSION
} from "../chunks/chunk-653C26QP.js";
import {
  LISTING_STATUSES,
  MLS_LISTING_SCHEMA_VERSION,
  listingRangeProblems,
  mlsListingSchema
} from "../chunks/chunk-G63B4O4I.js";
import {
  COLLECTIONS
} from "../chunks/chunk-7A7WSH6Y.js";
import {
  expectRecordType,
  readStages,
  writeStageOutput
} from "../chunks/chunk-TIB54KGB.js";
import {
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-LDHJLM63.js";
import {
  runnerArtifactClient,
  uploadStage
} from "../chunks/chunk-ZMR2UW6N.js";
import {
  readRunContext
} from "../chunks/chunk-AQL23QRD.js";
import {
  connectDatabase,
  databaseInput,
  describeDatabase
} from "../chunks/chunk-NCQYB2KM.js";
import {
  ConfigurationError,
  ENV,
  NonRetryableError,
  RetryableError,
  booleanInput,
  decimalInput,
  dryRunInput,
  errorMessage,
  external_exports,
  integerInput,
  isRetryable,
  listInput,
  maskProxyLogin,
  mongodbUriInput,
  rateInput,
  readEnv,
  redactUrl,
  runAction,
  stringInput,
  withGroup
} from "../chunks/chunk-WV6SG3Z4.js";
import "../chunks/chunk-Z67Z3DOX.js";

// actions/scrape-mls/src/inputs.ts
var LISTING_SITE_BASE = "https://www.phoenixmlssearch.com";
var CAPTCHA_SERVICE_BASE = "https://2captcha.com";
var DEFAULT_SELECTORS = "config/selectors/listing-site.json";
var zip = external_exports.string().regex(/^\d{5}$/, "expected a 5-digit ZIP code such as 85031");
var httpUrl = (example) => external_exports.string().refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
  message: `expected an http(s) URL such as ${example}`
});
var scrapeMlsInputs = external_exports.object({
  /** ZIP codes to scrape, one artifact each. */
  zipCodes: listInput(zip, { min: 1 }),
  /** Base URL of the listing site. */
  baseUrl: stringInput({ default: LISTING_SITE_BASE }).pipe(httpUrl(LISTING_SITE_BASE)),
  /** Path of the selectors file (JSON, with fallbacks). */
  selectors: stringInput({ default: DEFAULT_SELECTORS }),
  /** Most listing pages per ZIP; 0 = all. */
  maxListings: integerInput({ default: 0, min: 0 }),
  /** Browser contexts (sessions) working at once. */
  concurrency: integerInput({ default: 2, min: 1, max: 16 }),
  /**
   * Page loads per minute over all sessions; 0 = no cap. 16 keeps the 3.6 s between requests that
   * the blocking runbook asks for.
   */
  requestsPerMinute: integerInput({ default: 16, min: 0 }),
  /**
   * Minutes after which no new page is taken and every ZIP is uploaded with what it has
   * (`complete=false`); fractions allowed; 0 = no budget. Keep it inside the job's timeout.
   */
  timeBudgetMinutes: decimalInput({ default: 0, unit: "of minutes" }),
  /** Proxies (a secret): URLs `http://user:pass@host:port`, or `webshare:<API key>`. */
  proxies: stringInput(),
  /** 2captcha API key (a secret); without it a CAPTCHA page is a failure. */
  captchaApiKey: stringInput(),
  /** Base URL of the 2captcha-protocol service. */
  captchaServiceUrl: stringInput({ default: CAPTCHA_SERVICE_BASE }).pipe(
    httpUrl(CAPTCHA_SERVICE_BASE)
  ),
  /** Chromium to run; default CHROMIUM_PATH, /usr/bin/chromium, then Playwright's browser. */
  browserPath: stringInput(),
  /** The budget gate: false does nothing. */
  enabled: booleanInput(true),
  /** `artifact-name` of an earlier attempt whose listings are kept and not fetched again. */
  resumeFrom: stringInput().pipe(artifactNameSchema({ optional: true })),
  /** MongoDB holding the listing frontier (a secret); empty: search order, no frontier. */
  mongodbUri: mongodbUriInput,
  /** Database of the frontier; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Prefix of the artifacts: one per ZIP, `<artifact-name>-<zip>`. */
  artifactName: stringInput({ default: "mls-listings" }).pipe(artifactNameSchema()),
  /** Share of the pages tried in this run that may fail before the run fails (0 to 1). */
  maxFailureRate: rateInput(0.25),
  /** Scrape and write locally, upload nothing. */
  /** Days GitHub keeps the artifacts: long enough for store-mongo and a re-run. */
  retentionDays: integerInput({ default: 7, min: 1, max: 90 }),
  dryRun: dryRunInput
});

// actions/scrape-mls/src/outcome.ts
function shardFailure(shard, result) {
  const { stats } = shard;
  const verdict = sourceVerdict(
    {
      source: `the listing site at ${result.source}`,
      zip: shard.zip,
      unit: "pages",
      collected: stats.listingsScraped,
      failed: stats.failed,
      // Blocks are retried on a fresh session; they count as the site refusing us.
      errors: { ...stats.errorsByClass, blocked: stats.blocked },
      stopped: stats.stoppedBecause === null ? null : `stopped early: ${stats.stoppedBecause}`
    },
    result.maxFailureRate
  );
  const where = shard.uploaded ? "uploaded as" : "written to";
  return verdict && `${verdict}; ${shard.listings} listings ${where} ${shard.artifact}`;
}
function scrapeFailure(result) {
  const reasons = result.shards.map((shard) => shardFailure(shard, result)).filter((reason) => reason !== void 0);
  return reasons.length > 0 ? reasons.join("; ") : void 0;
}

// actions/scrape-mls/src/scrape.ts
import { isAbsolute, join as join6, resolve } from "node:path";

// actions/scrape-mls/src/admit-url.ts
import { isIP } from "node:net";
var MAX_URL_CHARS = 2048;
function siteScope(baseUrl) {
  const base = new URL(baseUrl);
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new Error(`base URL scheme '${base.protocol}' is not http(s)`);
  return {
    origin: base.origin,
    pathPrefix: base.pathname.slice(0, base.pathname.lastIndexOf("/") + 1)
  };
}
function isPrivateAddress(host) {
  const bare = host.startsWith("[") ? host.slice(1, -1).toLowerCase() : host;
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  const version = isIP(bare);
  if (version === 4) {
    const [a = 0, b = 0] = bare.split(".").map(Number);
    return a === 0 || a === 10 || a === 127 || a === 100 && b >= 64 && b <= 127 || a === 169 && b === 254 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168;
  }
  if (version === 6) {
    if (bare === "::" || bare === "::1") return true;
    if (bare.startsWith("::ffff:")) return true;
    return /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
  }
  return false;
}
function admitUrl(href, pageUrl, scope) {
  if (href.length > MAX_URL_CHARS) return { ok: false, reason: "unparseable" };
  let url;
  try {
    url = new URL(href, pageUrl);
  } catch {
    return { ok: false, reason: "unparseable" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: "scheme" };
  if (url.origin !== scope.origin)
    return { ok: false, reason: isPrivateAddress(url.hostname) ? "private-address" : "off-site" };
  if (url.username !== "" || url.password !== "") return { ok: false, reason: "off-site" };
  if (!url.pathname.startsWith(scope.pathPrefix)) return { ok: false, reason: "off-path" };
  url.hash = "";
  return { ok: true, url: url.href };
}
function onSite(url, scope) {
  try {
    return new URL(url).origin === scope.origin;
  } catch {
    return false;
  }
}

// actions/scrape-mls/src/browser.ts
import { existsSync } from "node:fs";
var SYSTEM_CHROMIUM = "/usr/bin/chromium";
function resolveBrowserPath(input, env = process.env) {
  if (input !== "") {
    if (!existsSync(input))
      throw new ConfigurationError(`input 'browser-path': no file at '${input}'`);
    return input;
  }
  const fromEnv = env[ENV.chromiumPath]?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new ConfigurationError(`CHROMIUM_PATH: no file at '${fromEnv}'`);
    return fromEnv;
  }
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : void 0;
}
async function launchBrowser(executablePath, logger) {
  const args = process.getuid?.() === 0 ? ["--no-sandbox"] : [];
  args.push("--blink-settings=imagesEnabled=false");
  logger.info(`browser: ${executablePath ?? "Playwright's managed Chromium"}`);
  const { chromium } = await import("../chunks/playwright-core-RY3OSPNU.js");
  try {
    return await chromium.launch({
      executablePath,
      args,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false
    });
  } catch (error) {
    throw new ConfigurationError(
      `cannot start Chromium (${executablePath ?? "managed"}): set input 'browser-path' or CHROMIUM_PATH, or run 'npx playwright install chromium': ${error.message.split("\n")[0]}`
    );
  }
}

// actions/scrape-mls/src/frontier.ts
var WRITE_BATCH = 50;
var READ_BATCH = 500;
var ListingFrontier = class _ListingFrontier {
  constructor(collection, writable, close, logger) {
    this.collection = collection;
    this.writable = writable;
    this.close = close;
    this.logger = logger;
  }
  collection;
  writable;
  close;
  logger;
  /** Connects as `mongodb-uri` and `database` say; `dryRun` reads the frontier but never writes it. */
  static async open(inputs, logger) {
    const none = new _ListingFrontier(null, false, () => Promise.resolve(), logger);
    if (inputs.mongodbUri === "") {
      logger.info("no mongodb-uri: listing pages in search order, no frontier kept");
      return none;
    }
    try {
      const connection = await connectDatabase(inputs.mongodbUri, inputs.database);
      logger.info(`listing frontier in database ${describeDatabase(connection.database)}`);
      const collection = connection.db.collection(
        COLLECTIONS.listingFrontier
      );
      return new _ListingFrontier(collection, !inputs.dryRun, () => connection.close(), logger);
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      logger.warning(
        `mongodb-uri: cannot open the listing frontier (${errorMessage(error)}); listing pages in search order`
      );
      return none;
    }
  }
  /** What the frontier knows of `urls`; empty when there is none or it cannot be read. */
  async entries(urls) {
    const known = /* @__PURE__ */ new Map();
    if (!this.collection) return known;
    try {
      for (let start = 0; start < urls.length; start += READ_BATCH) {
        const batch = urls.slice(start, start + READ_BATCH);
        for await (const doc of this.collection.find({ _id: { $in: batch } })) {
          known.set(doc._id, doc);
        }
      }
    } catch (error) {
      this.logger.warning(
        `listing frontier unreadable (${errorMessage(error)}); listing pages in search order`
      );
      known.clear();
    }
    return known;
  }
  /**
   * Records the rows the search showed (seen now) and the listing pages read in this run (visited
   * at their `scrapedAt`), one upsert per URL in batches. Returns the documents written.
   */
  async record(zip2, rows, visits) {
    if (!this.collection || !this.writable) return 0;
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const byUrl = new Map(rows.map((row) => [row.url, row]));
    const urls = [.../* @__PURE__ */ new Set([...byUrl.keys(), ...visits.keys()])];
    const operations = urls.map(
      (url) => frontierUpdate(zip2, url, byUrl.get(url), visits.get(url), now)
    );
    try {
      for (let start = 0; start < operations.length; start += WRITE_BATCH) {
        await this.collection.bulkWrite(operations.slice(start, start + WRITE_BATCH), {
          ordered: false
        });
      }
    } catch (error) {
      this.logger.warning(
        `${zip2}: listing frontier not updated (${errorMessage(error)}); the next run orders by what it knew before`
      );
      return 0;
    }
    return operations.length;
  }
};
function frontierUpdate(zip2, url, row, visitedAt, now) {
  const seen = row ? { lastSeenAt: now, price: row.price, status: row.status } : {};
  const unseen = row ? {} : { lastSeenAt: now, price: null, status: null };
  if (visitedAt === void 0) {
    return {
      updateOne: {
        filter: { _id: url },
        update: {
          $set: { zip: zip2, ...seen },
          $setOnInsert: {
            ...unseen,
            firstSeenAt: now,
            lastVisitedAt: null,
            priceAtVisit: null,
            statusAtVisit: null,
            visits: 0
          }
        },
        upsert: true
      }
    };
  }
  return {
    updateOne: {
      filter: { _id: url },
      update: {
        $set: {
          zip: zip2,
          ...seen,
          lastVisitedAt: visitedAt,
          priceAtVisit: row?.price ?? null,
          statusAtVisit: row?.status ?? null
        },
        $setOnInsert: { ...unseen, firstSeenAt: now },
        $inc: { visits: 1 }
      },
      upsert: true
    }
  };
}

// actions/scrape-mls/src/proxies.ts
var WEBSHARE_API = "https://proxy.webshare.io";
function webShareBase() {
  return readEnv(ENV.webshareApiUrl) ?? WEBSHARE_API;
}
async function fetchWebShareProxies(apiKey, base = webShareBase()) {
  const proxies = [];
  let url = `${base}/api/v2/proxy/list/?mode=direct&page=1&page_size=100`;
  for (let page = 0; url !== null && page < 20; page += 1) {
    const response = await fetch(url, {
      headers: { authorization: `Token ${apiKey}` },
      signal: AbortSignal.timeout(3e4)
    });
    if (response.status === 401 || response.status === 403) {
      throw new ConfigurationError("input 'proxies': WebShare refused the API key");
    }
    if (!response.ok) throw new NonRetryableError(`WebShare proxy list: HTTP ${response.status}`);
    const body = await response.json();
    for (const proxy of body.results) maskProxyLogin(proxy.username, proxy.password);
    for (const proxy of body.results.filter((entry) => entry.valid)) {
      proxies.push({
        server: `http://${proxy.proxy_address}:${proxy.port}`,
        username: proxy.username,
        password: proxy.password,
        label: `${proxy.proxy_address}:${proxy.port}`
      });
    }
    url = body.next;
  }
  return proxies;
}
async function resolveProxies(input, webShareApi = webShareBase()) {
  const proxies = [];
  for (const entry of proxyEntries(input)) {
    const key = webShareKey(entry);
    if (key !== void 0) {
      proxies.push(...await fetchWebShareProxies(key, webShareApi));
      continue;
    }
    const proxy = parseProxyUrl(entry);
    if (!proxy) throw new ConfigurationError(`input 'proxies': ${PROXY_ENTRY_EXPECTED}`);
    proxies.push(proxy);
  }
  return proxies;
}

// actions/scrape-mls/src/proxy-pool.ts
var ProxyPool = class {
  constructor(proxies, options = {}) {
    this.proxies = proxies;
    this.options = options;
    for (const proxy of proxies) this.#health.set(proxy, { failures: 0, coolUntil: 0 });
  }
  proxies;
  options;
  #health = /* @__PURE__ */ new Map();
  #next = 0;
  /** Times a proxy was retired. */
  retired = 0;
  /** Whether the run uses proxies at all. */
  get enabled() {
    return this.proxies.length > 0;
  }
  /** The next healthy proxy in turn, or null when every proxy is cooling down. */
  take() {
    const now = (this.options.now ?? Date.now)();
    for (let tried = 0; tried < this.proxies.length; tried += 1) {
      const proxy = this.proxies[this.#next % this.proxies.length];
      this.#next += 1;
      if ((this.#health.get(proxy)?.coolUntil ?? 0) <= now) return proxy;
    }
    return null;
  }
  /** Counts a failure that was the proxy's fault; retires it after too many. */
  markFailure(proxy, count = 1) {
    const health = this.#health.get(proxy);
    if (!health) return;
    health.failures += count;
    if (health.failures >= (this.options.maxFailures ?? 3)) {
      health.failures = 0;
      health.coolUntil = (this.options.now ?? Date.now)() + (this.options.cooldownMs ?? 3e5);
      this.retired += 1;
    }
  }
  /** Retires a proxy at once: it is dead, rejects its credentials, or its address is blocked. */
  retire(proxy) {
    this.markFailure(proxy, this.options.maxFailures ?? 3);
  }
  /** A page came through: the failure streak ends. */
  markSuccess(proxy) {
    const health = this.#health.get(proxy);
    if (health) health.failures = 0;
  }
};

// actions/scrape-mls/src/robots.ts
var MAX_ROBOTS_CHARS = 512e3;
function parseRobots(text2) {
  const rules = { allow: [], disallow: [] };
  let agents = [];
  let inRules = false;
  for (const raw of text2.slice(0, MAX_ROBOTS_CHARS).split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const field = (match[1] ?? "").toLowerCase();
    const value = (match[2] ?? "").trim();
    if (field === "user-agent") {
      if (inRules) agents = [];
      inRules = false;
      agents.push(value);
      continue;
    }
    inRules = true;
    if (!agents.includes("*") || value === "") continue;
    if (field === "allow") rules.allow.push(value);
    if (field === "disallow") rules.disallow.push(value);
  }
  return rules;
}
function ruleMatches(rule, path) {
  const anchored = rule.endsWith("$");
  const pieces = (anchored ? rule.slice(0, -1) : rule).split("*");
  const first = pieces[0] ?? "";
  if (!path.startsWith(first)) return false;
  if (pieces.length === 1) return !anchored || path.length === first.length;
  let at = first.length;
  const last = pieces.length - 1;
  for (let index = 1; index < last; index += 1) {
    const found = path.indexOf(pieces[index] ?? "", at);
    if (found < 0) return false;
    at = found + (pieces[index] ?? "").length;
  }
  const tail = pieces[last] ?? "";
  if (!anchored) return path.indexOf(tail, at) >= 0;
  return path.length - tail.length >= at && path.endsWith(tail);
}
function robotsAllow(rules, url) {
  const parsed = new URL(url);
  const path = parsed.pathname + parsed.search;
  const longest = (list) => list.reduce((most, rule) => ruleMatches(rule, path) ? Math.max(most, rule.length) : most, -1);
  return longest(rules.allow) >= longest(rules.disallow);
}
async function fetchRobots(browser, baseUrl, logger) {
  const context = await browser.newContext();
  try {
    const response = await context.request.get(new URL("/robots.txt", baseUrl).href, {
      timeout: 15e3
    });
    if (response.status() >= 400) return { allow: [], disallow: [] };
    const rules = parseRobots(await response.text());
    logger.info(`robots.txt: ${rules.disallow.length} disallowed path(s)`);
    return rules;
  } catch (error) {
    logger.warning(`robots.txt unavailable (${error.message.split("\n")[0]}); going on`);
    return { allow: [], disallow: [] };
  } finally {
    await context.close();
  }
}

// actions/scrape-mls/src/scrape-shard.ts
import { join as join5 } from "node:path";

// actions/scrape-mls/src/crawl-stats.ts
function emptyCrawlStats() {
  return {
    pages: 0,
    listingsScraped: 0,
    blocked: 0,
    captchasSolved: 0,
    failed: 0,
    retries: 0,
    gone: 0,
    robotsSkipped: 0,
    linksRefused: 0,
    unresponsive: 0,
    errorsByClass: {
      network: 0,
      "rate-limited": 0,
      server: 0,
      auth: 0,
      client: 0,
      parse: 0,
      other: 0
    },
    stoppedBecause: null,
    stopRequest: null
  };
}

// actions/scrape-mls/src/bounded.ts
var PageUnresponsiveError = class extends Error {
  constructor(what, timeoutMs) {
    super(
      `the page did not answer ${what} within ${timeoutMs / 1e3} s (a script that never yields?)`
    );
    this.what = what;
    this.timeoutMs = timeoutMs;
    this.name = "PageUnresponsiveError";
  }
  what;
  timeoutMs;
};
async function within(work, timeoutMs, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new PageUnresponsiveError(what, timeoutMs)), timeoutMs);
  });
  work.catch(() => void 0);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
function evaluateWithin(page, expression, timeoutMs) {
  return within(page.evaluate(expression), timeoutMs, "page.evaluate");
}
function contentWithin(page, timeoutMs) {
  return within(page.content(), timeoutMs, "page.content");
}

// actions/scrape-mls/src/listing-record.ts
import { createHash } from "node:crypto";

// actions/scrape-mls/src/json-ld.ts
var SQFT_PER_SQM = 10.7639;
var object = (value) => typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
var number = (value) => {
  const parsed = typeof value === "string" ? Number(value.replace(/[$,]/g, "")) : value;
  return typeof parsed === "number" && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
};
var text = (value) => typeof value === "string" && value.trim() !== "" ? value.trim() : null;
function candidates(blocks) {
  const found = [];
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    const node = object(value);
    if (!node) return;
    found.push(node);
    if (Array.isArray(node["@graph"])) visit(node["@graph"]);
  };
  blocks.forEach(visit);
  return found;
}
function area(value) {
  const size = object(value);
  if (!size) return number(value);
  const amount = number(size.value);
  if (amount === null) return null;
  return size.unitCode === "MTK" ? Math.round(amount * SQFT_PER_SQM) : Math.round(amount);
}
function addressLine(value) {
  const postal = object(value);
  if (!postal) return text(value);
  const street = text(postal.streetAddress);
  if (!street) return null;
  const region = [text(postal.addressRegion), text(postal.postalCode)].filter(Boolean).join(" ");
  return [street, text(postal.addressLocality), region].filter(Boolean).join(", ");
}
function readJsonLd(blocks) {
  const listing = candidates(blocks).find(
    (node) => ["RealEstateListing", "Offer", "Product"].includes(String(node["@type"]))
  );
  if (!listing) return null;
  const offer = object(listing.offers) ?? listing;
  const home = object(listing.mainEntity) ?? object(listing.about) ?? listing;
  return {
    price: number(offer.price),
    address: addressLine(home.address),
    bedrooms: number(home.numberOfBedrooms) ?? number(home.numberOfRooms),
    fullBaths: number(home.numberOfFullBathrooms),
    halfBaths: number(home.numberOfPartialBathrooms),
    totalBaths: number(home.numberOfBathroomsTotal),
    livingAreaSqft: area(home.floorSize),
    yearBuilt: number(home.yearBuilt),
    listedOn: text(listing.datePosted),
    mlsNumber: text(listing.identifier),
    description: text(listing.description)
  };
}

// actions/scrape-mls/src/parse-values.ts
var MAX_VALUE_CHARS = 2e3;
var clip = (text2) => (text2 ?? "").slice(0, MAX_VALUE_CHARS);
var SQFT_PER_ACRE = 43560;
var MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
function parsePrice(text2) {
  const match = /(?<!\d)(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([KkMm])?\b/.exec(clip(text2));
  if (!match) return null;
  const value = Number((match[1] ?? "").replace(/,/g, ""));
  const scale = { k: 1e3, m: 1e6 }[(match[2] ?? "").toLowerCase()] ?? 1;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}
function parseCount(text2) {
  const match = /\d{1,3}(?:,\d{3})+|\d+/.exec(clip(text2));
  return match ? Number(match[0].replace(/,/g, "")) : null;
}
function parseBedrooms(text2) {
  if (/\bstudio\b/i.test(clip(text2))) return 0;
  return parseCount(text2);
}
function parseBaths(text2, halfText) {
  const source = clip(text2);
  const full = /(?<!\d)(\d+)\s*full/i.exec(source);
  const half = /(?<!\d)(\d+)\s*(?:half|partial)/i.exec(source);
  if (full) {
    const halves = half ? Number(half[1]) : 0;
    return { full: Number(full[1]), half: halves, total: Number(full[1]) + halves / 2 };
  }
  const number3 = /\d+(?:\.\d+)?/.exec(source);
  if (!number3) return { total: null, full: null, half: null };
  const value = Number(number3[0]);
  const separateHalf = parseCount(halfText);
  if (separateHalf !== null && Number.isInteger(value)) {
    return { full: value, half: separateHalf, total: value + separateHalf / 2 };
  }
  return { total: Math.round(value * 4) / 4, full: null, half: null };
}
function parseArea(text2) {
  return parseCount(text2);
}
function parseLot(text2) {
  const acres = /(?<!\d)(\d+(?:\.\d+)?)\s*(?:acres?|ac)\b/i.exec(clip(text2));
  if (acres) return Math.round(Number(acres[1]) * SQFT_PER_ACRE);
  return parseCount(text2);
}
function parseYear(text2) {
  const match = /\b(1[89]\d\d|2\d\d\d)\b/.exec(clip(text2));
  return match ? Number(match[1]) : null;
}
function parseStatus(text2) {
  const words = clip(text2).toLowerCase().replace(/[^a-z ]+/g, " ").replace(/\s+/g, " ").trim();
  if (words === "") return null;
  const exact = LISTING_STATUSES.find((status) => status.toLowerCase() === words);
  if (exact) return exact;
  if (/contingent/.test(words) && /backup/.test(words)) return "CCBS";
  if (/under contract/.test(words) && /backup/.test(words)) return "UCB";
  if (/coming soon/.test(words)) return "Coming Soon";
  if (/temp(orarily)? off/.test(words)) return "Temp Off Market";
  if (/\b(pending|under contract)\b/.test(words)) return "Pending";
  if (/\b(sold|closed)\b/.test(words)) return "Closed";
  if (/\bcancel+ed\b/.test(words)) return "Cancelled";
  if (/\bexpired\b/.test(words)) return "Expired";
  if (/\bwithdrawn\b/.test(words)) return "Withdrawn";
  if (/\b(active|for sale|new)\b/.test(words)) return "Active";
  return null;
}
function parseDate(text2) {
  const source = clip(text2);
  let parts = null;
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(source);
  const us = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(source);
  const words = /\b([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4})\b/.exec(source);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) parts = [Number(us[3]), Number(us[1]), Number(us[2])];
  else if (words) {
    const month2 = MONTHS.indexOf((words[1] ?? "").toLowerCase()) + 1;
    if (month2 > 0) parts = [Number(words[3]), month2, Number(words[2])];
  }
  if (!parts) return null;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
function parseMlsNumber(text2) {
  return /(?<![A-Za-z0-9-])[A-Za-z0-9-]*\d[A-Za-z0-9-]*/.exec(clip(text2))?.[0] ?? null;
}

// actions/scrape-mls/src/listing-record.ts
var ListingParseError = class extends Error {
  constructor(message, field) {
    super(message);
    this.field = field;
    this.name = "ListingParseError";
  }
  field;
};
var MAX_DESCRIPTION_CHARS = 1e4;
var MAX_ADDRESS_CHARS = 300;
var MAX_MLS_NUMBER_CHARS = 40;
var whole = (value) => value === null || !Number.isFinite(value) ? null : Math.round(value);
function listingRecord(reading, page) {
  const fields = reading.fields;
  const ld = readJsonLd(reading.jsonLd);
  const status = parseStatus(fields.status);
  if (status === null) throw new ListingParseError(`no listing status on ${page.url}`, "status");
  const addressText = ld?.address ?? fields.address;
  if (!addressText) throw new ListingParseError(`no address on ${page.url}`, "address");
  if (addressText.length > MAX_ADDRESS_CHARS)
    throw new ListingParseError(
      `the address on ${page.url} is ${addressText.length} characters long, expected at most ${MAX_ADDRESS_CHARS}`,
      "address"
    );
  const mlsNumber = (ld?.mlsNumber ?? parseMlsNumber(fields.mlsNumber)) || null;
  if (!mlsNumber) throw new ListingParseError(`no MLS number on ${page.url}`, "mlsNumber");
  if (mlsNumber.length > MAX_MLS_NUMBER_CHARS)
    throw new ListingParseError(
      `the MLS number on ${page.url} is ${mlsNumber.length} characters long, expected at most ${MAX_MLS_NUMBER_CHARS}`,
      "mlsNumber"
    );
  const address = normalizeAddress(addressText);
  const pageBaths = parseBaths(fields.baths, fields.halfBaths);
  const ldFull = ld?.fullBaths ?? null;
  const bathrooms = ldFull !== null ? { full: ldFull, half: ld?.halfBaths ?? 0, total: ldFull + (ld?.halfBaths ?? 0) / 2 } : ld?.totalBaths != null ? { total: Math.round(ld.totalBaths * 4) / 4, full: null, half: null } : pageBaths;
  const record = {
    schemaVersion: MLS_LISTING_SCHEMA_VERSION,
    mlsNumber,
    status,
    listPrice: whole(ld?.price ?? parsePrice(fields.price)),
    bedrooms: whole(ld?.bedrooms ?? parseBedrooms(fields.bedrooms)),
    bathrooms,
    livingAreaSqft: whole(ld?.livingAreaSqft ?? parseArea(fields.livingArea)),
    lotSizeSqft: parseLot(fields.lotSize),
    yearBuilt: whole(ld?.yearBuilt ?? parseYear(fields.yearBuilt)),
    propertyType: fields.propertyType === void 0 ? null : clip(fields.propertyType),
    address,
    zip: address.parts.zip,
    apn: null,
    daysOnMarket: parseCount(fields.daysOnMarket),
    listedOn: parseDate(ld?.listedOn ?? fields.listedOn),
    photoCount: parseCount(fields.photoCount),
    description: (ld?.description ?? fields.description)?.slice(0, MAX_DESCRIPTION_CHARS) ?? null,
    sourceUrl: page.url,
    scrapedAt: page.scrapedAt.toISOString(),
    rawHtmlSha256: createHash("sha256").update(page.html).digest("hex")
  };
  const result = mlsListingSchema.safeParse(record);
  if (!result.success) {
    const field = String(result.error.issues[0]?.path[0] ?? "record");
    throw new ListingParseError(
      `listing at ${page.url} is invalid: ${formatIssues(result.error)}`,
      field
    );
  }
  return result.data;
}

// actions/scrape-mls/src/captcha.ts
var FATAL = /^ERROR_(WRONG_USER_KEY|KEY_DOES_NOT_EXIST|ZERO_BALANCE|IP_NOT_ALLOWED|IP_BANNED)/;
async function call(url, init, abandon) {
  let response;
  const timeout = AbortSignal.timeout(3e4);
  try {
    response = await fetch(url, {
      ...init,
      signal: abandon ? AbortSignal.any([timeout, abandon]) : timeout
    });
  } catch (error) {
    throw new RetryableError(`CAPTCHA service unreachable: ${error.message}`);
  }
  if (!response.ok) throw new RetryableError(`CAPTCHA service answered HTTP ${response.status}`);
  return await response.json();
}
function failure(code) {
  return FATAL.test(code) ? new NonRetryableError(`CAPTCHA service refused the request: ${code}`) : new RetryableError(`CAPTCHA service failed: ${code}`);
}
async function solveRecaptcha(service, siteKey, pageUrl, abandon) {
  const form = new URLSearchParams({
    key: service.apiKey,
    method: "userrecaptcha",
    googlekey: siteKey,
    pageurl: pageUrl,
    json: "1"
  });
  const submitted = await call(`${service.url}/in.php`, { method: "POST", body: form }, abandon);
  if (submitted.status !== 1) throw failure(submitted.request);
  const deadline = Date.now() + service.timeoutMs;
  const poll = new URLSearchParams({
    key: service.apiKey,
    action: "get",
    id: submitted.request,
    json: "1"
  });
  while (Date.now() < deadline) {
    await sleep(service.pollMs, abandon);
    const reply = await call(`${service.url}/res.php?${poll.toString()}`, void 0, abandon);
    if (reply.status === 1) return reply.request;
    if (reply.request !== "CAPCHA_NOT_READY") throw failure(reply.request);
  }
  throw new RetryableError(`CAPTCHA not solved within ${Math.round(service.timeoutMs / 1e3)} s`);
}
var SUBMIT = String.raw`(token) => {
  const widget = document.querySelector('[data-sitekey]');
  let field = document.querySelector('[name="g-recaptcha-response"]');
  const form = (widget && widget.closest('form')) || (field && field.closest('form'));
  if (!field && form) { field = document.createElement('textarea'); field.name = 'g-recaptcha-response'; form.appendChild(field); }
  if (field) field.value = token;
  const callback = widget && widget.getAttribute('data-callback');
  if (callback && typeof window[callback] === 'function') { window[callback](token); return true; }
  if (form) { form.submit(); return true; }
  return false;
}`;
async function submitCaptchaToken(page, token, timeoutMs) {
  const navigation = page.waitForNavigation({ timeout: timeoutMs, waitUntil: "domcontentloaded" });
  const submitted = await page.evaluate(`(${SUBMIT})(${JSON.stringify(token)})`);
  if (submitted !== true) {
    void navigation.catch(() => void 0);
    throw new NonRetryableError("CAPTCHA page has no form or callback to take the token");
  }
  await navigation;
}

// actions/scrape-mls/src/page-script.ts
var SOURCE = String.raw`(config) => {
  const text = (el) => (el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '');
  const first = (selectors) => {
    for (const s of selectors) { const el = document.querySelector(s); if (el) return el; }
    return null;
  };
  // Trailing colons and spaces cut by hand: /[:\s]+$/ rescans every run of them (quadratic).
  const norm = (s) => {
    let end = s.length;
    while (end > 0 && (s[end - 1] === ':' || s[end - 1].trim() === '')) end -= 1;
    return s.slice(0, end).replace(/\s+/g, ' ').trim().toLowerCase();
  };
  const byLabel = (label) => {
    const want = norm(label);
    for (const el of document.querySelectorAll('dt, th, .fact-label, [class*="label"]')) {
      if (norm(text(el)) === want && el.nextElementSibling) return text(el.nextElementSibling);
    }
    for (const el of document.querySelectorAll('li')) {
      const t = text(el); const i = t.indexOf(':');
      if (i > 0 && norm(t.slice(0, i)) === want) return t.slice(i + 1).trim();
    }
    return null;
  };
  const read = (strategy) => {
    if (strategy.label) return byLabel(strategy.label);
    const list = Array.isArray(strategy.css) ? strategy.css : [strategy.css];
    if (strategy.count) { const n = document.querySelectorAll(list[0]).length; return n > 0 ? String(n) : null; }
    const parts = [];
    for (const s of list) {
      const el = document.querySelector(s);
      if (!el) return null;
      parts.push(strategy.attr ? el.getAttribute(strategy.attr) || '' : text(el));
    }
    const joined = parts.join(', ').trim();
    return joined === '' ? null : joined;
  };
  const fields = {};
  for (const [field, strategies] of Object.entries(config.listing)) {
    for (const strategy of strategies) { const v = read(strategy); if (v !== null) { fields[field] = v; break; } }
  }
  const widget = first(config.captcha);
  const jsonLd = [];
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { jsonLd.push(JSON.parse(el.textContent || '')); } catch (e) { /* skipped */ }
  }
  const links = [];
  const rows = [];
  const inRow = (row, selectors) => {
    for (const s of selectors) { const el = row.querySelector(s); if (el) return text(el) || null; }
    return null;
  };
  for (const s of config.results.listingLink) {
    for (const a of document.querySelectorAll(s)) {
      if (!a.href || links.includes(a.href)) continue;
      links.push(a.href);
      const row = a.closest(config.results.row.join(', '));
      rows.push({
        url: a.href,
        price: row ? inRow(row, config.results.price) : null,
        status: row ? inRow(row, config.results.status) : null,
      });
    }
    if (links.length > 0) break;
  }
  const next = first(config.results.nextPage);
  return {
    captchaSiteKey: widget ? widget.getAttribute('data-sitekey') || '' : null,
    blockPage: first(config.blockPage) !== null,
    listingLinks: links,
    resultRows: rows,
    nextPage: next && next.href ? next.href : null,
    fields,
    jsonLd,
  };
}`;
function pageReadingScript(selectors) {
  return `(${SOURCE})(${JSON.stringify(selectors)})`;
}

// actions/scrape-mls/src/visit.ts
var PROXY_FAILURE = /ERR_(PROXY_\w+|TUNNEL_CONNECTION_FAILED|HTTP_RESPONSE_CODE_FAILURE|CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|CONNECTION_REFUSED|CONNECTION_FAILED|SOCKET_NOT_CONNECTED|ADDRESS_UNREACHABLE|SOCKS_\w+)/;
function retryAfter(response) {
  const seconds = Number(response.headers()["retry-after"]);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1e3 : 1e4;
}
function pageVerdict(status, reading) {
  if (status === 403 || reading.blockPage) return { kind: "blocked", status };
  if (reading.captchaSiteKey !== null)
    return { kind: "captcha", status, siteKey: reading.captchaSiteKey };
  if (status >= 500)
    return { kind: "error", retryable: true, message: `HTTP ${status}`, errorClass: "server" };
  if (status >= 400 || status === 0)
    return {
      kind: "error",
      retryable: false,
      message: `HTTP ${status}`,
      errorClass: "client",
      gone: status === 404 || status === 410
    };
  return null;
}
async function classifyPage(page, response, selectors, options) {
  if (!onSite(page.url(), options.scope)) {
    return {
      kind: "error",
      retryable: false,
      message: `the page left the site for ${originOf(page.url())}`,
      errorClass: "client",
      offSite: true
    };
  }
  const status = response?.status() ?? 0;
  if (status === 429 && response)
    return { kind: "rate-limited", retryAfterMs: retryAfter(response) };
  const reading = await evaluateWithin(
    page,
    pageReadingScript(selectors),
    options.pageTimeoutMs
  );
  const verdict = pageVerdict(status, reading);
  if (verdict !== null) return verdict;
  const html = response ? await within(response.text(), options.pageTimeoutMs, "response.text").catch(
    () => contentWithin(page, options.pageTimeoutMs)
  ) : await contentWithin(page, options.pageTimeoutMs);
  return { kind: "ok", status, reading, html };
}
async function visitPage(page, url, selectors, options) {
  let response;
  try {
    response = await page.goto(url, { waitUntil: "domcontentloaded", timeout: options.timeoutMs });
  } catch (error) {
    const message = error.message.split("\n")[0] ?? "navigation failed";
    if (options.proxied && PROXY_FAILURE.test(message))
      return { kind: "proxy-error", message, fatal: true };
    if (options.proxied && /Timeout/i.test(message))
      return { kind: "proxy-error", message, fatal: false };
    return { kind: "error", retryable: true, message, errorClass: "network" };
  }
  return classifyPage(page, response, selectors, options);
}
function originOf(url) {
  try {
    const { protocol, origin } = new URL(url);
    return origin === "null" ? protocol : origin;
  } catch {
    return "an unreadable URL";
  }
}

// actions/scrape-mls/src/page-handlers.ts
async function passCaptchas(ctx, session, outcome, stats, abandon) {
  for (let round = 0; outcome.kind === "captcha" && round < 2; round += 1) {
    if (!ctx.captcha)
      return {
        kind: "error",
        retryable: false,
        message: "CAPTCHA page and no captcha-api-key",
        errorClass: "auth"
      };
    const token = await solveRecaptcha(ctx.captcha, outcome.siteKey, session.page.url(), abandon);
    stats.captchasSolved += 1;
    ctx.logger.info(`session ${session.id}: CAPTCHA solved, continuing`);
    const navigation = session.page.waitForEvent("response", {
      predicate: (response) => response.request().isNavigationRequest() && response.status() !== 303,
      timeout: ctx.navigationTimeoutMs
    });
    const landed = navigation.catch(() => null);
    await submitCaptchaToken(session.page, token, ctx.navigationTimeoutMs);
    outcome = await classifyPage(session.page, await landed, ctx.selectors, ctx);
  }
  return outcome;
}
async function harvest(ctx, request, outcome, stats) {
  if (request.kind === "listing") {
    await ctx.store.add(
      listingRecord(outcome.reading, {
        url: request.url,
        html: outcome.html,
        scrapedAt: /* @__PURE__ */ new Date()
      })
    );
    stats.listingsScraped += 1;
    return;
  }
  for (const row of outcome.reading.resultRows) {
    const url = admitted(ctx, row.url, request.url, stats);
    if (url) await ctx.rows.add({ ...row, url });
  }
  const next = outcome.reading.nextPage && admitted(ctx, outcome.reading.nextPage, request.url, stats);
  if (next && robotsAllow(ctx.robots, next)) await ctx.queue.add(next, "search");
}
function admitted(ctx, href, pageUrl, stats) {
  const admission = admitUrl(href, pageUrl, ctx.scope);
  if (admission.ok) return admission.url;
  stats.linksRefused += 1;
  ctx.logger.debug(`link refused (${admission.reason}) on ${pageUrl}`);
  return null;
}

// actions/scrape-mls/src/sessions.ts
var BLOCKED_URLS = [
  "*.jpg",
  "*.jpeg",
  "*.png",
  "*.gif",
  "*.webp",
  "*.avif",
  "*.svg",
  "*.ico",
  "*.woff",
  "*.woff2",
  "*.ttf",
  "*.otf",
  "*.eot",
  "*.mp4",
  "*.webm",
  "*.m3u8",
  "*.mp3",
  "*.ogg"
];
var USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
async function guard(route, scope) {
  const request = route.request();
  const url = request.url();
  let allowed = onSite(url, scope);
  if (!allowed && request.resourceType() !== "document") {
    try {
      const parsed = new URL(url);
      allowed = parsed.protocol === "data:" || parsed.protocol === "blob:" || (parsed.protocol === "http:" || parsed.protocol === "https:") && !isPrivateAddress(parsed.hostname);
    } catch {
      allowed = false;
    }
  }
  await (allowed ? route.continue() : route.abort("blockedbyclient")).catch(() => void 0);
}
var CLOSE_TIMEOUT_MS = 1e4;
var MAX_ERROR_SCORE = 3;
var SessionPool = class {
  constructor(browser, proxies, scope) {
    this.browser = browser;
    this.proxies = proxies;
    this.scope = scope;
  }
  browser;
  proxies;
  scope;
  #created = 0;
  /** Sessions retired after a block, a 429 or proxy failures. */
  retired = 0;
  /** Bytes through proxies of closed sessions. */
  closedBytes = 0;
  /** A new session, or null when proxies are configured and every one is cooling down. */
  async create() {
    const proxy = this.proxies.enabled ? this.proxies.take() : null;
    if (this.proxies.enabled && proxy === null) return null;
    const context = await this.browser.newContext({
      userAgent: USER_AGENT,
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      timezoneId: "America/Phoenix",
      proxy: proxy ? { server: proxy.server, username: proxy.username, password: proxy.password } : void 0
    });
    await context.route("**/*", (route) => guard(route, this.scope));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: BLOCKED_URLS });
    this.#created += 1;
    const session = { id: this.#created, proxy, context, page, bytes: 0, errorScore: 0 };
    if (proxy) {
      context.on("requestfinished", (request) => {
        void request.sizes().then(
          (sizes) => {
            session.bytes += sizes.requestHeadersSize + sizes.requestBodySize + sizes.responseHeadersSize + sizes.responseBodySize;
          },
          () => void 0
        );
      });
    }
    return session;
  }
  /** Closes a session; `retire` counts it as retired (blocked or failing). */
  async close(session, retire) {
    if (retire) this.retired += 1;
    this.closedBytes += session.bytes;
    await within(session.context.close(), CLOSE_TIMEOUT_MS, "context.close").catch(() => void 0);
  }
};

// actions/scrape-mls/src/stop-grace.ts
function stopGrace(stop, options) {
  const abandon = new AbortController();
  let timer;
  const onStop = () => {
    const inFlight = options.inFlight();
    if (inFlight === 0) return;
    options.logger.info(
      `${errorMessage(stop.reason)}: taking no more pages; ${inFlight} under way get ${IN_FLIGHT_GRACE_MS / 1e3} s`
    );
    timer = setTimeout(() => {
      abandon.abort(stop.reason);
      options.onAbandon();
    }, IN_FLIGHT_GRACE_MS);
  };
  stop.addEventListener("abort", onStop, { once: true });
  return {
    abandon: abandon.signal,
    dispose() {
      stop.removeEventListener("abort", onStop);
      clearTimeout(timer);
    }
  };
}

// actions/scrape-mls/src/crawl.ts
async function crawl(ctx, stats = emptyCrawlStats()) {
  let inFlight = 0;
  const active = /* @__PURE__ */ new Set();
  const grace = stopGrace(ctx.stop, {
    inFlight: () => inFlight,
    // Closing the contexts ends their navigations at once; their pages stay queued.
    onAbandon: () => {
      for (const session of active) void session.context.close().catch(() => void 0);
    },
    logger: ctx.logger
  });
  const abandon = grace.abandon;
  const giveUp = async (request, errorClass, reason, session) => {
    stats.failed += 1;
    stats.errorsByClass[errorClass] += 1;
    ctx.logger.warning(`gave up on ${request.url}: ${reason}`);
    if (session) await ctx.snapshots.take(session.page, `${errorClass}`, ctx.pageTimeoutMs);
    await ctx.queue.markFailed(request);
  };
  const again = async (request, errorClass, reason, session) => {
    if (request.retries >= ctx.maxRetries) return giveUp(request, errorClass, reason, session);
    stats.retries += 1;
    ctx.logger.debug(`retrying ${request.url}: ${reason}`);
    ctx.queue.retry(request);
  };
  const worker = async () => {
    let session = null;
    const retire = async () => {
      if (session) {
        active.delete(session);
        await ctx.sessions.close(session, true);
      }
      session = null;
    };
    try {
      for (; ; ) {
        if (stats.stoppedBecause || ctx.stop.aborted) return;
        const request = ctx.queue.next();
        if (!request) {
          if (inFlight === 0) return;
          await sleep(25);
          continue;
        }
        inFlight += 1;
        try {
          session ??= await ctx.sessions.create();
          if (!session) {
            stats.stoppedBecause = "every proxy is cooling down";
            ctx.queue.retry({ ...request, retries: request.retries - 1 });
            return;
          }
          const current = session;
          active.add(current);
          await ctx.limiter.acquire(ctx.stop);
          stats.pages += 1;
          let outcome = await visitPage(current.page, request.url, ctx.selectors, {
            scope: ctx.scope,
            timeoutMs: ctx.navigationTimeoutMs,
            pageTimeoutMs: ctx.pageTimeoutMs,
            proxied: current.proxy !== null
          });
          if (outcome.kind === "captcha")
            outcome = await passCaptchas(ctx, current, outcome, stats, abandon);
          if (abandon.aborted) {
            ctx.queue.putBack(request);
            return;
          }
          if (outcome.kind === "ok") {
            current.errorScore = 0;
            if (current.proxy) ctx.proxies.markSuccess(current.proxy);
            await harvest(ctx, request, outcome, stats);
            await ctx.queue.markDone(request);
          } else if (outcome.kind === "blocked" || outcome.kind === "rate-limited") {
            stats.blocked += 1;
            if (current.proxy && outcome.kind === "blocked") ctx.proxies.retire(current.proxy);
            else if (current.proxy) ctx.proxies.markFailure(current.proxy);
            else if (outcome.kind === "rate-limited") ctx.limiter.pause(outcome.retryAfterMs);
            ctx.logger.info(
              `session ${current.id} retired: ${outcome.kind}${current.proxy ? ` via ${current.proxy.label}` : ""}`
            );
            await retire();
            await again(
              request,
              outcome.kind === "blocked" ? "auth" : "rate-limited",
              outcome.kind,
              null
            );
          } else if (outcome.kind === "proxy-error") {
            if (current.proxy && outcome.fatal) ctx.proxies.retire(current.proxy);
            else if (current.proxy) ctx.proxies.markFailure(current.proxy);
            ctx.logger.info(
              `session ${current.id} retired: proxy ${current.proxy?.label ?? ""} failed (${outcome.message})`
            );
            await retire();
            await again(request, "network", outcome.message, null);
          } else if (outcome.kind === "error" && outcome.gone && request.kind === "listing") {
            stats.gone += 1;
            await ctx.queue.markDone(request);
          } else if (outcome.kind === "error" && outcome.offSite) {
            await giveUp(request, outcome.errorClass, outcome.message, null);
            await retire();
          } else if (outcome.kind === "error" && !outcome.retryable) {
            await giveUp(request, outcome.errorClass, outcome.message, current);
          } else if (outcome.kind === "error") {
            await again(request, outcome.errorClass, outcome.message, current);
            current.errorScore += 1;
            if (current.errorScore >= MAX_ERROR_SCORE) {
              ctx.logger.info(
                `session ${current.id} retired: ${current.errorScore} failures in a row`
              );
              await retire();
            }
          } else {
            await again(request, "auth", "the CAPTCHA kept coming back", current);
          }
        } catch (error) {
          if (abandon.aborted || error === ctx.stop.reason) {
            ctx.queue.putBack(request);
            return;
          }
          if (error instanceof ListingParseError)
            await giveUp(request, "parse", error.message, session);
          else if (error instanceof PageUnresponsiveError) {
            stats.unresponsive += 1;
            await giveUp(request, "other", `abandoned: ${error.message}`, null);
            await retire();
          } else {
            if (isRetryable(error)) await again(request, "other", errorMessage(error), session);
            else await giveUp(request, "other", errorMessage(error), session);
            await retire();
          }
        } finally {
          inFlight -= 1;
        }
      }
    } finally {
      if (session) {
        active.delete(session);
        await ctx.sessions.close(session, false);
      }
    }
  };
  try {
    if (!ctx.stop.aborted) await Promise.all(Array.from({ length: ctx.concurrency }, worker));
  } finally {
    grace.dispose();
  }
  if (ctx.stop.aborted && ctx.queue.pending > 0)
    stats.stopRequest ??= errorMessage(ctx.stop.reason);
  return stats;
}

// actions/scrape-mls/src/listing-store.ts
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
var ListingStore = class _ListingStore {
  constructor(path) {
    this.path = path;
  }
  path;
  #byMls = /* @__PURE__ */ new Map();
  /** Opens the store at `path`, keeping what an earlier run wrote (a cut-off last line is dropped). */
  static async open(path) {
    await mkdir(dirname(path), { recursive: true });
    const store = new _ListingStore(path);
    const text2 = await readFile(path, "utf8").catch(() => "");
    for (const line of text2.split("\n")) {
      try {
        const listing = JSON.parse(line);
        store.#byMls.set(listing.mlsNumber, listing);
      } catch {
        continue;
      }
    }
    return store;
  }
  /** Listings held. */
  get size() {
    return this.#byMls.size;
  }
  /** Adds a listing; a listing seen again replaces the earlier copy. */
  async add(listing) {
    this.#byMls.set(listing.mlsNumber, listing);
    await appendFile(this.path, `${JSON.stringify(listing)}
`);
  }
  /** The listings, one per MLS number, in MLS number order. */
  listings() {
    return [...this.#byMls.values()].sort((a, b) => a.mlsNumber.localeCompare(b.mlsNumber));
  }
};

// actions/scrape-mls/src/publish.ts
import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
async function publishShard(listings, companions, target, logger) {
  await rm(target.dir, { recursive: true, force: true });
  if (companions.snapshots.files.length > 0) {
    await cp(companions.snapshots.dir, join(target.dir, "snapshots"), { recursive: true });
  }
  const manifest = await writeStageOutput(
    target.dir,
    {
      runId: companions.runId,
      stage: "scrape-mls",
      shard: companions.zip,
      recordType: "mls-listing",
      recordSchemaVersion: MLS_LISTING_SCHEMA_VERSION,
      gzip: true
    },
    listings,
    {
      records: { "run-stats": [companions.runStats], usage: companions.usage },
      files: companions.snapshots.files
    }
  );
  if (target.client === null) {
    logger.info(
      `${companions.zip}: ${manifest.recordCount} listings written to ${target.dir} (not uploaded)`
    );
    return { uploaded: false };
  }
  await uploadStage(target.client, target.artifactName, target.dir, logger, {
    compressionLevel: 0,
    retentionDays: target.retentionDays
  });
  return { uploaded: true };
}

// actions/scrape-mls/src/visit-plan.ts
var RANK = { new: 0, changed: 1, revisit: 2 };
var differs = (now, atVisit) => now !== null && atVisit !== null && now !== atVisit;
function visitReason(row, entry) {
  if (!entry || entry.lastVisitedAt === null) return "new";
  if (differs(row.price, entry.priceAtVisit) || differs(row.status, entry.statusAtVisit))
    return "changed";
  return "revisit";
}
function planVisits(rows, frontier) {
  return rows.map((row) => ({ row, entry: frontier.get(row.url) })).map(({ row, entry }) => ({
    url: row.url,
    order: row.order,
    reason: visitReason(row, entry),
    visitedAt: entry?.lastVisitedAt ?? ""
  })).sort(
    (a, b) => RANK[a.reason] - RANK[b.reason] || (a.reason === "revisit" ? a.visitedAt.localeCompare(b.visitedAt) : 0) || a.order - b.order
  ).map(({ url, reason }) => ({ url, reason }));
}

// actions/scrape-mls/src/queue-visits.ts
async function queueVisits(ctx, stats) {
  const rows = ctx.rows.all();
  const plan = planVisits(rows, await ctx.frontier.entries(rows.map((row) => row.url)));
  let room = ctx.maxListings > 0 ? ctx.maxListings - ctx.queue.countOf("listing") : Infinity;
  for (const visit of plan) {
    if (room <= 0) break;
    if (ctx.queue.has(visit.url)) continue;
    if (!robotsAllow(ctx.robots, visit.url)) stats.robotsSkipped += 1;
    else if (await ctx.queue.add(visit.url, "listing")) room -= 1;
  }
  return new Map(plan.map((visit) => [visit.url, visit.reason]));
}
function frontierCounts(reasons, queue, robots) {
  const counts = {
    "listings-known": reasons.size,
    "listings-new": 0,
    "listings-changed": 0,
    "listings-revisited": 0,
    "listings-left": 0
  };
  const key = {
    new: "listings-new",
    changed: "listings-changed",
    revisit: "listings-revisited"
  };
  for (const [url, reason] of reasons) {
    if (queue.doneNow(url)) counts[key[reason]] += 1;
    else if (!queue.isDone(url) && robotsAllow(robots, url)) counts["listings-left"] += 1;
  }
  return counts;
}

// actions/scrape-mls/src/request-queue.ts
import { appendFile as appendFile2, mkdir as mkdir2, readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
function uniqueKey(url) {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}
var RequestQueue = class _RequestQueue {
  #known = /* @__PURE__ */ new Map();
  #done = /* @__PURE__ */ new Set();
  #doneNow = /* @__PURE__ */ new Set();
  #failed = /* @__PURE__ */ new Set();
  #pending = [];
  #path;
  constructor(dir) {
    this.#path = join2(dir, "queue.ndjson");
  }
  /** Opens the queue in `dir`, replaying what an earlier run recorded there. */
  static async open(dir) {
    await mkdir2(dir, { recursive: true });
    const queue = new _RequestQueue(dir);
    const text2 = await readFile2(queue.#path, "utf8").catch(() => "");
    for (const line of text2.split("\n")) {
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        continue;
      }
      if (event.op === "add") queue.#known.set(event.url, event.kind);
      else if (event.op === "done") queue.#done.add(event.url);
    }
    for (const [url, kind] of queue.#known) {
      if (!queue.#done.has(url)) queue.#pending.push({ url, kind, retries: 0 });
    }
    return queue;
  }
  /** Requests recorded as finished, in this run or an earlier one. */
  get done() {
    return this.#done.size;
  }
  /** Requests that failed for good in this run. */
  get failed() {
    return this.#failed.size;
  }
  /** Requests waiting. */
  get pending() {
    return this.#pending.length;
  }
  /** Requests of `kind` the queue has seen, finished or not. */
  countOf(kind) {
    let count = 0;
    for (const known of this.#known.values()) if (known === kind) count += 1;
    return count;
  }
  /** Whether the queue has ever seen `url`. */
  has(url) {
    return this.#known.has(uniqueKey(url));
  }
  /** Adds a request unless the queue has seen its page already; true when added. */
  async add(url, kind) {
    const key = uniqueKey(url);
    if (this.#known.has(key)) return false;
    this.#known.set(key, kind);
    this.#pending.push({ url: key, kind, retries: 0 });
    await this.#record({ op: "add", url: key, kind });
    return true;
  }
  /** The next request to work on, or undefined when none waits. Result pages go first. */
  next() {
    for (; ; ) {
      const search = this.#pending.findIndex((request2) => request2.kind === "search");
      const request = this.#pending.splice(search >= 0 ? search : 0, 1)[0];
      if (request === void 0 || !this.#done.has(request.url)) return request;
    }
  }
  /** Whether `url` is recorded as finished, in this run or an earlier one. */
  isDone(url) {
    return this.#done.has(uniqueKey(url));
  }
  /** Whether `url` was finished by this process (not kept from an earlier run or attempt). */
  doneNow(url) {
    return this.#doneNow.has(uniqueKey(url));
  }
  /** Puts a request back untried, first in line: a stop left it for a later run. */
  putBack(request) {
    this.#pending.unshift(request);
  }
  /** Puts a request back after a retryable failure. */
  retry(request) {
    this.#pending.push({ ...request, retries: request.retries + 1 });
  }
  /** Records a request as finished: it is never fetched again, even after a restart. */
  async markDone(request) {
    this.#done.add(request.url);
    this.#doneNow.add(request.url);
    await this.#record({ op: "done", url: request.url });
  }
  /** Records a listing page as finished by an earlier attempt whose listing was kept. */
  async markKept(url) {
    await this.add(url, "listing");
    const key = uniqueKey(url);
    this.#done.add(key);
    await this.#record({ op: "done", url: key });
  }
  /** Records a request as failed for good in this run. */
  async markFailed(request) {
    this.#failed.add(request.url);
    await this.#record({ op: "failed", url: request.url });
  }
  async #record(event) {
    await appendFile2(this.#path, `${JSON.stringify(event)}
`);
  }
};

// actions/scrape-mls/src/result-rows.ts
import { appendFile as appendFile3, mkdir as mkdir3, readFile as readFile3 } from "node:fs/promises";
import { dirname as dirname2 } from "node:path";
var ResultRows = class _ResultRows {
  constructor(path) {
    this.path = path;
  }
  path;
  #rows = /* @__PURE__ */ new Map();
  /** Opens the rows at `path`, keeping what an earlier run wrote (a cut-off last line is dropped). */
  static async open(path) {
    await mkdir3(dirname2(path), { recursive: true });
    const rows = new _ResultRows(path);
    const text2 = await readFile3(path, "utf8").catch(() => "");
    for (const line of text2.split("\n")) {
      try {
        const row = JSON.parse(line);
        if (!rows.#rows.has(row.url)) rows.#rows.set(row.url, row);
      } catch {
        continue;
      }
    }
    return rows;
  }
  /** Records a row unless its listing was seen already; its price and status text are parsed. */
  async add(row) {
    const url = uniqueKey(row.url);
    if (this.#rows.has(url)) return;
    const parsed = {
      url,
      order: this.#rows.size,
      price: parsePrice(row.price ?? void 0),
      status: parseStatus(row.status ?? void 0)
    };
    this.#rows.set(url, parsed);
    await appendFile3(this.path, `${JSON.stringify(parsed)}
`);
  }
  /** Whether a row showed `url`. */
  has(url) {
    return this.#rows.has(uniqueKey(url));
  }
  /** The rows in search order. */
  all() {
    return [...this.#rows.values()].sort((a, b) => a.order - b.order);
  }
};

// actions/scrape-mls/src/resume.ts
import { join as join3 } from "node:path";
async function previousListings(source, logger) {
  const { name, client, automatic } = source;
  const read = await readStages([name], {
    client,
    baseDir: source.outDir,
    downloadDir: source.downloadDir,
    logger,
    onUnreadable: (_, error) => logger.warning(
      `resume-from: artifact '${name}' unreadable (${errorMessage(error)}); scraping it whole`
    )
  });
  const stage = read.stages[0];
  if (!stage) {
    if (read.unreadable.length > 0) return [];
    if (client && automatic)
      logger.info(`re-run: no artifact '${name}' from an earlier attempt; scraping it whole`);
    else if (client)
      logger.warning(`resume-from: no artifact '${name}' in this run; scraping it whole`);
    else if (!automatic)
      logger.warning(`resume-from: no folder ${join3(source.outDir, name)}; scraping it whole`);
    return [];
  }
  expectRecordType(stage, "mls-listing");
  const listings = [];
  for await (const listing of stage.records("mls-listing", mlsListingSchema))
    listings.push(listing);
  return listings;
}

// actions/scrape-mls/src/snapshots.ts
import { mkdir as mkdir4, readdir, writeFile } from "node:fs/promises";
import { join as join4 } from "node:path";
var FailureSnapshots = class _FailureSnapshots {
  constructor(dir, limit) {
    this.dir = dir;
    this.limit = limit;
  }
  dir;
  limit;
  #taken = 0;
  /** Snapshots kept earlier in the folder (a resumed run keeps counting from there). */
  static async open(dir, limit) {
    await mkdir4(dir, { recursive: true });
    const snapshots = new _FailureSnapshots(dir, limit);
    snapshots.#taken = (await readdir(dir)).filter((name) => name.endsWith(".html")).length;
    return snapshots;
  }
  /**
   * Saves the page unless the limit is reached; never throws (a snapshot is a nicety) and never
   * waits on the page longer than `timeoutMs` for each of its HTML and its screenshot.
   */
  async take(page, reason, timeoutMs = 1e4) {
    if (this.#taken >= this.limit) return;
    this.#taken += 1;
    const base = join4(this.dir, `${this.#taken}-${reason.replace(/[^\w-]+/g, "-").slice(0, 40)}`);
    try {
      await writeFile(`${base}.html`, await contentWithin(page, timeoutMs));
      await page.screenshot({ path: `${base}.png`, timeout: timeoutMs });
    } catch {
    }
  }
  /** Files kept, relative to the folder's parent (`snapshots/1-parse.html`, ...). */
  async files() {
    return (await readdir(this.dir)).sort().map((name) => `snapshots/${name}`);
  }
};

// actions/scrape-mls/src/scrape-shard.ts
function usageRecords(plan, zip2, solves, bytes) {
  const base = {
    schemaVersion: USAGE_SCHEMA_VERSION,
    runId: plan.runId,
    action: "scrape-mls",
    shard: zip2,
    recordedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  const usage = [];
  if (plan.proxies.enabled)
    usage.push({ ...base, service: "proxy", unit: "gb", quantity: bytes / 1e9 });
  if (plan.captcha) usage.push({ ...base, service: "captcha", unit: "solve", quantity: solves });
  return usage;
}
async function scrapeShard(plan, zip2, logger) {
  const startedAt = /* @__PURE__ */ new Date();
  const name = `${plan.artifactPrefix}-${zip2}`;
  const work = join5(plan.workRoot, name);
  const queue = await RequestQueue.open(work);
  const store = await ListingStore.open(join5(work, "listings.ndjson"));
  const rows = await ResultRows.open(join5(work, "rows.ndjson"));
  const snapshots = await FailureSnapshots.open(join5(work, "snapshots"), plan.maxSnapshots);
  const sessions = new SessionPool(plan.browser, plan.proxies, plan.scope);
  if (plan.resumeFrom !== "") {
    const source = {
      name: `${plan.resumeFrom}-${zip2}`,
      client: plan.client,
      outDir: plan.outDir,
      downloadDir: join5(plan.workRoot, "resume"),
      automatic: plan.resumeAutomatic
    };
    const kept = await previousListings(source, logger);
    for (const listing of kept) {
      if (queue.has(listing.sourceUrl)) continue;
      await store.add(listing);
      await queue.markKept(listing.sourceUrl);
    }
    if (kept.length > 0 || !plan.resumeAutomatic)
      logger.info(`${zip2}: ${kept.length} listings kept from '${source.name}'`);
  }
  await queue.add(
    new URL(plan.selectors.searchPath.replace("{zip}", zip2), plan.baseUrl).href,
    "search"
  );
  if (queue.done > 0)
    logger.info(`${zip2}: resuming: ${queue.done} pages done before, ${queue.pending} waiting`);
  const context = { ...plan, queue, store, rows, sessions, snapshots, logger, maxRetries: 3 };
  const stats = await crawl(context);
  const reasons = await queueVisits({ ...plan, queue, rows }, stats);
  await crawl(context, stats);
  const frontier = frontierCounts(reasons, queue, plan.robots);
  const listings = store.listings();
  const implausible = listings.filter((listing) => listingRangeProblems(listing).length > 0).length;
  const complete = queue.pending === 0 && stats.failed === 0 && stats.stoppedBecause === null;
  const finishedAt = /* @__PURE__ */ new Date();
  logger.info(
    `${zip2}: ${stats.listingsScraped} listings scraped, ${listings.length} in all, ${stats.pages} pages, ${stats.blocked} blocked, ${stats.failed} failed`
  );
  logger.info(
    `${zip2}: ${frontier["listings-known"]} listings on the result pages: ${frontier["listings-new"]} new, ${frontier["listings-changed"]} changed and ${frontier["listings-revisited"]} revisited in this run; ${frontier["listings-left"]} left for the next`
  );
  if (stats.stopRequest !== null)
    logger.info(`${zip2}: stopped early (${stats.stopRequest}); uploading what it has`);
  const { uploaded } = await publishShard(
    listings,
    {
      runId: plan.runId,
      zip: zip2,
      runStats: {
        schemaVersion: RUN_STATS_SCHEMA_VERSION,
        runId: plan.runId,
        action: "scrape-mls",
        shard: zip2,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        counts: {
          pages: stats.pages,
          "listings-scraped": stats.listingsScraped,
          listings: listings.length,
          "listings-implausible": implausible,
          blocked: stats.blocked,
          "captchas-solved": stats.captchasSolved,
          "sessions-retired": sessions.retired,
          "robots-skipped": stats.robotsSkipped,
          "links-refused": stats.linksRefused,
          "pages-unresponsive": stats.unresponsive,
          "listings-gone": stats.gone,
          failed: stats.failed,
          ...frontier
        },
        errorsByClass: stats.errorsByClass,
        retries: stats.retries,
        // A stop is a normal end of a night: partial, unless the site failed what was asked.
        outcome: complete ? "success" : listings.length > 0 || stats.stopRequest !== null && stats.failed === 0 ? "partial" : "failure"
      },
      usage: usageRecords(plan, zip2, stats.captchasSolved, sessions.closedBytes),
      snapshots: { dir: snapshots.dir, files: await snapshots.files() }
    },
    {
      ...{ dir: join5(plan.outDir, name), artifactName: name },
      ...{ client: plan.client, retentionDays: plan.retentionDays }
    },
    logger
  );
  const visits = new Map(
    listings.filter((listing) => queue.doneNow(listing.sourceUrl)).map((listing) => [listing.sourceUrl, listing.scrapedAt])
  );
  const written = await plan.frontier.record(zip2, rows.all(), visits);
  if (written > 0) logger.info(`${zip2}: listing frontier: ${written} listings recorded`);
  return {
    zip: zip2,
    listings: listings.length,
    implausible,
    stats,
    proxyBytes: sessions.closedBytes,
    sessionsRetired: sessions.retired,
    complete,
    frontier,
    artifact: uploaded ? name : join5(plan.outDir, name),
    uploaded,
    elapsedMs: finishedAt.getTime() - startedAt.getTime()
  };
}

// actions/scrape-mls/src/selectors.ts
import { readFile as readFile4 } from "node:fs/promises";
var strategySchema = external_exports.union([
  external_exports.object({
    /** A selector, or several whose texts are joined with ", " (street + locality). */
    css: external_exports.union([external_exports.string().min(1), external_exports.array(external_exports.string().min(1)).min(1)]),
    /** Read this attribute instead of the text. */
    attr: external_exports.string().optional(),
    /** The value is the number of matching elements. */
    count: external_exports.boolean().optional()
  }),
  external_exports.object({
    /** A label (`Beds`, `MLS ID`): the value beside a `dt`/`th`/label span, or after `Label:` in a list item. */
    label: external_exports.string().min(1)
  })
]);
var LISTING_FIELDS = [
  "address",
  "price",
  "status",
  "bedrooms",
  "baths",
  "halfBaths",
  "livingArea",
  "lotSize",
  "yearBuilt",
  "propertyType",
  "mlsNumber",
  "listedOn",
  "daysOnMarket",
  "description",
  "photoCount"
];
var fallbacks = external_exports.array(strategySchema).min(1);
var selectorsSchema = external_exports.object({
  version: external_exports.literal(1),
  /** Search results of a ZIP, relative to the base URL; `{zip}` is replaced. */
  searchPath: external_exports.string().includes("{zip}"),
  results: external_exports.object({
    listingLink: external_exports.array(external_exports.string().min(1)).min(1),
    nextPage: external_exports.array(external_exports.string().min(1)).min(1),
    /** The result row around a listing link (its price and status are read inside it). */
    row: external_exports.array(external_exports.string().min(1)).min(1).default(["li.result", "tr.result", ".result"]),
    /** The price a result row shows, if any: a change puts the listing before unchanged ones. */
    price: external_exports.array(external_exports.string().min(1)).min(1).default([".result-price", ".price"]),
    /** The status a result row shows, if any. */
    status: external_exports.array(external_exports.string().min(1)).min(1).default([".result-status", ".status"])
  }),
  listing: external_exports.object(
    Object.fromEntries(LISTING_FIELDS.map((field) => [field, fallbacks]))
  ),
  /** A CAPTCHA widget; a match with `data-sitekey` gives the site key. Words on a page never count. */
  captcha: external_exports.array(external_exports.string().min(1)).min(1),
  /** Elements only a block page has. */
  blockPage: external_exports.array(external_exports.string().min(1)).min(1)
});
async function loadSelectors(path) {
  let text2;
  try {
    text2 = await readFile4(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `input 'selectors': cannot read '${path}': ${errorMessage(error)}`
    );
  }
  let json;
  try {
    json = JSON.parse(text2);
  } catch (error) {
    throw new ConfigurationError(
      `input 'selectors': '${path}' is not JSON: ${errorMessage(error)}`
    );
  }
  const result = selectorsSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigurationError(
    `input 'selectors': '${path}' at ${issue?.path.join(".") || "(top)"}: ${issue?.message ?? "invalid"}`
  );
}

// actions/scrape-mls/src/scrape.ts
var DEFAULT_TUNING = {
  captchaPollMs: 5e3,
  captchaTimeoutMs: 15e4,
  navigationTimeoutMs: 3e4,
  pageTimeoutMs: 15e3,
  proxyCooldownMs: 3e5,
  maxSnapshots: 5
};
async function scrapeMls(inputs, deps) {
  return withCollectionStop(
    {
      minutes: inputs.timeBudgetMinutes,
      runner: deps.stop,
      sleep: deps.sleep,
      logger: deps.logger,
      then: "no new pages, and what was scraped is uploaded"
    },
    (stop) => scrapeZips(inputs, deps, stop)
  );
}
async function scrapeZips(inputs, deps, stop) {
  const { logger, tuning } = deps;
  const run2 = readRunContext();
  const outDir = join6(run2.tempDir, "out");
  const judged = { source: redactUrl(inputs.baseUrl), maxFailureRate: inputs.maxFailureRate };
  if (!inputs.enabled) {
    logger.info("scrape-mls is switched off by the budget gate (enabled: false)");
    return {
      enabled: false,
      shards: [],
      proxiesRetired: 0,
      artifactName: "",
      outDir,
      dryRun: inputs.dryRun,
      ...judged
    };
  }
  const selectorsPath = isAbsolute(inputs.selectors) ? inputs.selectors : resolve(run2.workspace, inputs.selectors);
  const selectors = await loadSelectors(selectorsPath);
  const proxies = new ProxyPool(await resolveProxies(inputs.proxies), {
    cooldownMs: tuning.proxyCooldownMs
  });
  logger.info(`${proxies.proxies.length} proxies${proxies.enabled ? "" : " (direct connection)"}`);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const resume = chooseResume({
    resumeFrom: inputs.resumeFrom,
    artifactName: inputs.artifactName,
    runAttempt: run2.runAttempt,
    canDownload: true,
    logger
  });
  const frontier = await ListingFrontier.open(inputs, logger);
  const browser = await launchBrowser(resolveBrowserPath(inputs.browserPath), logger).catch(
    async (error) => {
      await frontier.close();
      throw error;
    }
  );
  try {
    const plan = {
      runId: run2.runId,
      workRoot: join6(run2.tempDir, "scrape-mls", run2.runId),
      outDir: client ? join6(run2.tempDir, "scrape-mls", run2.runId, "stage") : outDir,
      baseUrl: inputs.baseUrl,
      artifactPrefix: inputs.artifactName,
      client,
      retentionDays: inputs.retentionDays,
      browser,
      selectors,
      proxies,
      // Capacity 1: requests are spaced evenly, never sent in a burst.
      limiter: new RateLimiter({ capacity: 1, refillPerSecond: inputs.requestsPerMinute / 60 }),
      robots: await fetchRobots(browser, inputs.baseUrl, logger),
      captcha: inputs.captchaApiKey ? {
        url: inputs.captchaServiceUrl.replace(/\/$/, ""),
        apiKey: inputs.captchaApiKey,
        pollMs: tuning.captchaPollMs,
        timeoutMs: tuning.captchaTimeoutMs
      } : null,
      concurrency: inputs.concurrency,
      maxListings: inputs.maxListings,
      maxSnapshots: tuning.maxSnapshots,
      navigationTimeoutMs: tuning.navigationTimeoutMs,
      pageTimeoutMs: tuning.pageTimeoutMs,
      scope: siteScope(inputs.baseUrl),
      resumeFrom: resume?.name ?? "",
      resumeAutomatic: resume !== null && !resume.required,
      frontier,
      stop
    };
    const shards = [];
    for (const zip2 of inputs.zipCodes) {
      shards.push(await withGroup(logger, `ZIP ${zip2}`, () => scrapeShard(plan, zip2, logger)));
    }
    return {
      enabled: true,
      shards,
      proxiesRetired: proxies.retired,
      artifactName: client ? inputs.artifactName : "",
      outDir: plan.outDir,
      dryRun: inputs.dryRun,
      ...judged
    };
  } finally {
    await browser.close();
    await frontier.close();
  }
}

// actions/scrape-mls/src/summary.ts
var number2 = (value) => value.toLocaleString("en-US");
function pagesPerMinute(pages, elapsedMs) {
  return elapsedMs > 0 ? Math.round(pages * 6e4 / elapsedMs) : 0;
}
function scrapeSummary(result) {
  if (!result.enabled) {
    return "## MLS listings\n\nSkipped: the budget gate switched scraping off (`enabled: false`). Nothing was fetched.\n";
  }
  const rows = result.shards.map(
    (shard) => `| ${shard.zip} | ${number2(shard.listings)} | ${number2(shard.stats.listingsScraped)} | ${number2(shard.stats.pages)} | ${number2(shard.stats.blocked)} | ${number2(shard.stats.captchasSolved)} | ${number2(shard.stats.failed)} | ${number2(shard.implausible)} | ${number2(pagesPerMinute(shard.stats.pages, shard.elapsedMs))}/min | ${shard.complete ? "yes" : "no"} |`
  );
  const notes = result.shards.flatMap((shard) => {
    const { stoppedBecause, stopRequest } = shard.stats;
    const reason = stoppedBecause ?? stopRequest;
    const f = shard.frontier;
    const { linksRefused, unresponsive } = shard.stats;
    return [
      ...reason === null ? [] : [`- ${shard.zip}: stopped early: ${markdownText(reason)}`],
      ...linksRefused === 0 ? [] : [
        `- ${shard.zip}: ${number2(linksRefused)} links refused (not http(s), another site or a private address: never loaded)`
      ],
      ...unresponsive === 0 ? [] : [`- ${shard.zip}: ${number2(unresponsive)} pages abandoned: their script never yielded`],
      `- ${shard.zip}: ${number2(f["listings-known"])} listings on the result pages; visited ${number2(f["listings-new"])} new, ${number2(f["listings-changed"])} changed, ${number2(f["listings-revisited"])} again; ${number2(f["listings-left"])} left for the next run`
    ];
  });
  const where = result.artifactName ? `Artifacts: ${result.shards.map((shard) => `\`${shard.artifact}\``).join(", ")}.` : `Stage folders written to \`${result.outDir}\`${result.dryRun ? " (dry run: nothing uploaded)" : " (no artifact service: not uploaded)"}.`;
  const complete = result.shards.every((shard) => shard.complete);
  const failure2 = scrapeFailure(result);
  return [
    "## MLS listings",
    "",
    ...failure2 === void 0 ? [] : [`**Failed**: ${markdownText(failure2)}`, ""],
    complete ? "Complete." : "**Partial run**: some pages failed or the run stopped early. Re-running the job continues from these artifacts (it reads the result pages again and fetches only the listing pages they lack); with `mongodb-uri`, the next night visits the listings left here before those read more recently.",
    "",
    "| ZIP | in artifact | scraped now | pages | blocked | CAPTCHAs | failed | implausible | rate | complete |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    ...notes,
    `Proxies retired: ${result.proxiesRetired}.`,
    "",
    where,
    ""
  ].join("\n");
}

// actions/scrape-mls/src/main.ts
var total = (result, pick) => result.shards.reduce((sum, shard) => sum + pick(shard), 0);
function scrapeMlsAction(tuning = DEFAULT_TUNING, outside = {}) {
  return {
    name: "scrape-mls",
    inputs: scrapeMlsInputs,
    secrets: ["proxies", "captchaApiKey", "mongodbUri"],
    execute: (inputs, logger) => scrapeMls(inputs, {
      ...outside,
      logger,
      tuning,
      artifactClient: runnerArtifactClient()
    }),
    outputs: (result) => ({
      listings: total(result, (shard) => shard.listings),
      pages: total(result, (shard) => shard.stats.pages),
      blocked: total(result, (shard) => shard.stats.blocked),
      "captchas-solved": total(result, (shard) => shard.stats.captchasSolved),
      "proxies-retired": result.proxiesRetired,
      complete: result.shards.every((shard) => shard.complete),
      "artifact-name": result.artifactName
    }),
    failureOutputs: {
      listings: 0,
      pages: 0,
      blocked: 0,
      "captchas-solved": 0,
      "proxies-retired": 0,
      complete: false,
      "artifact-name": ""
    },
    summary: scrapeSummary,
    failure: scrapeFailure
  };
}
var action = scrapeMlsAction();
var run = () => runAction(scrapeMlsAction(DEFAULT_TUNING, { stop: runnerStopSignal() }));

// actions/scrape-mls/src/index.ts
await run();
