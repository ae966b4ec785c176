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
} from "../chunks/chunk-OO7VZPB3.js";
import {
  artifactNameSchema
} from "../chunks/chunk-NRKIZQAU.js";
import "../chunks/chunk-GE3XZL2A.js";
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
import "../chunks/chunk-IS5MHUJV.js";
import {
  USAGE_SCHEMA_VERSION
} from "../chunks/chunk-5UKLJF5D.js";
import {
  LISTING_STATUSES,
  MLS_LISTING_SCHEMA_VERSION,
  listingRangeProblems,
  mlsListingSchema
} from "../chunks/chunk-RFAJF7OE.js";
import {
  COLLECTIONS
} from "../chunks/chunk-MLRQ2EMU.js";
import {
  expectRecordType,
  readStages,
  writeStageOutput
} from "../chunks/chunk-5YLVMEH3.js";
import {
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-4PFMMCOZ.js";
import {
  runnerArtifactClient,
  uploadStage
} from "../chunks/chunk-SPMA2ZHG.js";
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
  choiceInput,
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
import {
  __commonJS,
  __export,
  __require,
  __toESM
} from "../chunks/chunk-Z67Z3DOX.js";

// node_modules/linkedom/commonjs/canvas-shim.cjs
var require_canvas_shim = __commonJS({
  "node_modules/linkedom/commonjs/canvas-shim.cjs"(exports, module) {
    var Canvas2 = class {
      constructor(width, height) {
        this.width = width;
        this.height = height;
      }
      getContext() {
        return null;
      }
      toDataURL() {
        return "";
      }
    };
    module.exports = {
      createCanvas: (width, height) => new Canvas2(width, height)
    };
  }
});

// node_modules/linkedom/commonjs/canvas.cjs
var require_canvas = __commonJS({
  "node_modules/linkedom/commonjs/canvas.cjs"(exports, module) {
    try {
      module.exports = __require("canvas");
    } catch (fallback) {
      module.exports = require_canvas_shim();
    }
  }
});

// actions/scrape-mls/src/rendering-plan.ts
var RENDER_MODES = ["browser", "http"];
var RENDERING_SETTINGS = ["adaptive", ...RENDER_MODES];
var DEFAULT_RENDERING = {
  setting: "adaptive",
  agreementsToSwitch: 3,
  recheckShare: 0.01
};
var RenderingPlan = class {
  #policy;
  #types = /* @__PURE__ */ new Map();
  /** `learned`: where earlier nights left each page type (a type not named starts in the browser). */
  constructor(policy = DEFAULT_RENDERING, learned = {}) {
    if (!(policy.agreementsToSwitch >= 1) || !(policy.recheckShare >= 0 && policy.recheckShare <= 1))
      throw new RangeError(
        `rendering: expected agreementsToSwitch >= 1 and recheckShare in [0, 1], got ${policy.agreementsToSwitch} and ${policy.recheckShare}`
      );
    this.#policy = policy;
    for (const [type, { mode, agreements }] of Object.entries(learned))
      this.#types.set(type, { mode, agreements, httpPages: 0, switches: 0 });
  }
  /** The `rendering` input: adaptive, or always one way. */
  get setting() {
    return this.#policy.setting;
  }
  /** How to load the next page of `type`. */
  planFor(type) {
    const { setting, recheckShare } = this.#policy;
    if (setting !== "adaptive") return { mode: setting, recheck: false };
    const state = this.#state(type);
    if (state.mode === "browser") return { mode: "browser", recheck: false };
    state.httpPages += 1;
    const every = recheckShare > 0 ? Math.max(1, Math.round(1 / recheckShare)) : 0;
    return { mode: "http", recheck: every > 0 && state.httpPages % every === 0 };
  }
  /**
   * A page of `type` was read both ways (a browser page and its served HTML, or a recheck):
   * agreement moves the type towards HTTP, a difference sends it back to the browser.
   */
  compared(type, agreed) {
    if (this.#policy.setting !== "adaptive") return;
    const state = this.#state(type);
    if (!agreed) return this.#toBrowser(state);
    state.agreements += 1;
    if (state.mode === "browser" && state.agreements >= this.#policy.agreementsToSwitch) {
      state.mode = "http";
      state.switches += 1;
    }
  }
  /** An HTTP reading of `type` fell short: this page goes to the browser; an incomplete one moves the type back. */
  fellShort(type, why) {
    if (why === "incomplete" && this.#policy.setting === "adaptive")
      this.#toBrowser(this.#state(type));
  }
  /** Each type's mode now and how often it changed, for the summary. */
  modes() {
    return Object.fromEntries(
      [...this.#types].map(([type, state]) => [
        type,
        { mode: state.mode, switches: state.switches }
      ])
    );
  }
  /** Where each page type stands now, to be kept for the next night. */
  learned() {
    return Object.fromEntries(
      [...this.#types].map(([type, { mode, agreements }]) => [type, { mode, agreements }])
    );
  }
  #toBrowser(state) {
    state.agreements = 0;
    if (state.mode === "http") {
      state.mode = "browser";
      state.switches += 1;
    }
  }
  #state(type) {
    let state = this.#types.get(type);
    if (!state) {
      state = { mode: "browser", agreements: 0, httpPages: 0, switches: 0 };
      this.#types.set(type, state);
    }
    return state;
  }
};
function readingsAgree(type, a, b) {
  const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
  if (a.captchaSiteKey !== b.captchaSiteKey || a.blockPage !== b.blockPage) return false;
  if (type === "search")
    return same(a.listingLinks, b.listingLinks) && a.nextPage === b.nextPage && same(a.resultRows, b.resultRows);
  return same(sorted(a.fields), sorted(b.fields)) && same(a.jsonLd, b.jsonLd);
}
function sorted(fields) {
  return Object.entries(fields).sort(([x], [y]) => x < y ? -1 : x > y ? 1 : 0);
}
function httpReadingComplete(type, reading) {
  if (type === "search") return reading.listingLinks.length > 0;
  const { fields } = reading;
  return fields.mlsNumber !== void 0 && fields.price !== void 0 && fields.address !== void 0 || reading.jsonLd.length > 0;
}

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
  /**
   * How pages are loaded: `adaptive` learns per page type (browser first, plain HTTP once the
   * served HTML reads the same), `browser` always Chromium, `http` always plain HTTP (the browser
   * only to pass a CAPTCHA).
   */
  rendering: choiceInput(RENDERING_SETTINGS, "adaptive").pipe(external_exports.enum(RENDERING_SETTINGS)),
  /** Share of a type's HTTP pages also loaded in the browser to compare (0 to 1). */
  renderingRecheck: rateInput(DEFAULT_RENDERING.recheckShare),
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
function siteScope(baseUrl2) {
  const base = new URL(baseUrl2);
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
var LazyBrowser = class {
  constructor(executablePath, logger) {
    this.executablePath = executablePath;
    this.logger = logger;
  }
  executablePath;
  logger;
  #launching = null;
  /** Whether Chromium was started in this run. */
  get launched() {
    return this.#launching !== null;
  }
  /** The browser, launching it on the first call; a failed launch is thrown to every caller. */
  get() {
    this.#launching ??= launchBrowser(this.executablePath, this.logger);
    return this.#launching;
  }
  /** Closes Chromium if it was launched (and started). */
  async close() {
    const launching = this.#launching;
    if (launching === null) return;
    const browser = await launching.catch(() => null);
    await browser?.close();
  }
};

// actions/scrape-mls/src/frontier.ts
var WRITE_BATCH = 50;
var READ_BATCH = 500;
var ListingFrontier = class _ListingFrontier {
  constructor(db, collection, writable, close, logger) {
    this.db = db;
    this.collection = collection;
    this.writable = writable;
    this.close = close;
    this.logger = logger;
  }
  db;
  collection;
  writable;
  close;
  logger;
  /** Connects as `mongodb-uri` and `database` say; `dryRun` reads the frontier but never writes it. */
  static async open(inputs, logger) {
    const none = new _ListingFrontier(null, null, false, () => Promise.resolve(), logger);
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
      return new _ListingFrontier(
        connection.db,
        collection,
        !inputs.dryRun,
        () => connection.close(),
        logger
      );
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
    const key2 = webShareKey(entry);
    if (key2 !== void 0) {
      proxies.push(...await fetchWebShareProxies(key2, webShareApi));
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

// actions/scrape-mls/src/rendering-memory.ts
var PAGE_TYPES = ["search", "listing"];
var RenderingMemory = class {
  constructor(db, writable, baseUrl2, logger) {
    this.db = db;
    this.writable = writable;
    this.logger = logger;
    this.#site = redactUrl(baseUrl2);
  }
  db;
  writable;
  logger;
  #site;
  /** What earlier nights learned, by page type; empty without a database or when unreadable. */
  async recall() {
    if (!this.db) return {};
    try {
      const documents = await this.#collection().find({ _id: { $in: PAGE_TYPES.map((type) => this.#id(type)) } }).toArray();
      const learned = {};
      for (const doc of documents) {
        if (!PAGE_TYPES.includes(doc.pageType) || !RENDER_MODES.includes(doc.mode)) continue;
        const agreements = Number.isSafeInteger(doc.agreements) ? Math.max(0, doc.agreements) : 0;
        learned[doc.pageType] = { mode: doc.mode, agreements };
      }
      return learned;
    } catch (error) {
      this.logger.warning(
        `rendering modes unreadable (${errorMessage(error)}); every page type starts in the browser`
      );
      return {};
    }
  }
  /** Keeps where each page type stands now for the next night (not in a dry run). */
  async keep(learned) {
    if (!this.db || !this.writable) return;
    const updatedAt = (/* @__PURE__ */ new Date()).toISOString();
    try {
      for (const [type, { mode, agreements }] of Object.entries(learned)) {
        const pageType = type;
        await this.#collection().updateOne(
          { _id: this.#id(pageType) },
          { $set: { site: this.#site, pageType, mode, agreements, updatedAt } },
          { upsert: true }
        );
      }
    } catch (error) {
      this.logger.warning(
        `rendering modes not kept (${errorMessage(error)}); the next night learns them again`
      );
    }
  }
  #id(type) {
    return `${this.#site} ${type}`;
  }
  #collection() {
    return this.db.collection(COLLECTIONS.renderingModes);
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
async function fetchRobots(baseUrl2, logger) {
  const { request } = await import("../chunks/playwright-core-RY3OSPNU.js");
  const context = await request.newContext();
  try {
    const response = await context.get(new URL("/robots.txt", baseUrl2).href, {
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
    await context.dispose();
  }
}

// actions/scrape-mls/src/scrape-shard.ts
import { join as join5 } from "node:path";

// actions/scrape-mls/src/crawl-stats.ts
function emptyCrawlStats() {
  return {
    pages: 0,
    loads: { browser: 0, http: 0 },
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

// node_modules/linkedom/esm/shared/symbols.js
var CHANGED = /* @__PURE__ */ Symbol("changed");
var CLASS_LIST = /* @__PURE__ */ Symbol("classList");
var CUSTOM_ELEMENTS = /* @__PURE__ */ Symbol("CustomElements");
var CONTENT = /* @__PURE__ */ Symbol("content");
var DATASET = /* @__PURE__ */ Symbol("dataset");
var DOCTYPE = /* @__PURE__ */ Symbol("doctype");
var DOM_PARSER = /* @__PURE__ */ Symbol("DOMParser");
var END = /* @__PURE__ */ Symbol("end");
var EVENT_TARGET = /* @__PURE__ */ Symbol("EventTarget");
var GLOBALS = /* @__PURE__ */ Symbol("globals");
var IMAGE = /* @__PURE__ */ Symbol("image");
var MIME = /* @__PURE__ */ Symbol("mime");
var MUTATION_OBSERVER = /* @__PURE__ */ Symbol("MutationObserver");
var NEXT = /* @__PURE__ */ Symbol("next");
var OWNER_ELEMENT = /* @__PURE__ */ Symbol("ownerElement");
var PREV = /* @__PURE__ */ Symbol("prev");
var PRIVATE = /* @__PURE__ */ Symbol("private");
var SHEET = /* @__PURE__ */ Symbol("sheet");
var START = /* @__PURE__ */ Symbol("start");
var STYLE = /* @__PURE__ */ Symbol("style");
var UPGRADE = /* @__PURE__ */ Symbol("upgrade");
var VALUE = /* @__PURE__ */ Symbol("value");

// node_modules/htmlparser2/dist/esm/index.js
var esm_exports3 = {};
__export(esm_exports3, {
  DefaultHandler: () => DomHandler,
  DomHandler: () => DomHandler,
  DomUtils: () => esm_exports2,
  ElementType: () => esm_exports,
  Parser: () => Parser,
  QuoteType: () => QuoteType,
  Tokenizer: () => Tokenizer,
  createDocumentStream: () => createDocumentStream,
  createDomStream: () => createDomStream,
  getFeed: () => getFeed,
  parseDOM: () => parseDOM,
  parseDocument: () => parseDocument,
  parseFeed: () => parseFeed
});

// node_modules/htmlparser2/node_modules/entities/dist/esm/decode-codepoint.js
var _a;
var decodeMap = /* @__PURE__ */ new Map([
  [0, 65533],
  // C1 Unicode control character reference replacements
  [128, 8364],
  [130, 8218],
  [131, 402],
  [132, 8222],
  [133, 8230],
  [134, 8224],
  [135, 8225],
  [136, 710],
  [137, 8240],
  [138, 352],
  [139, 8249],
  [140, 338],
  [142, 381],
  [145, 8216],
  [146, 8217],
  [147, 8220],
  [148, 8221],
  [149, 8226],
  [150, 8211],
  [151, 8212],
  [152, 732],
  [153, 8482],
  [154, 353],
  [155, 8250],
  [156, 339],
  [158, 382],
  [159, 376]
]);
var fromCodePoint = (
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, n/no-unsupported-features/es-builtins
  (_a = String.fromCodePoint) !== null && _a !== void 0 ? _a : ((codePoint) => {
    let output = "";
    if (codePoint > 65535) {
      codePoint -= 65536;
      output += String.fromCharCode(codePoint >>> 10 & 1023 | 55296);
      codePoint = 56320 | codePoint & 1023;
    }
    output += String.fromCharCode(codePoint);
    return output;
  })
);
function replaceCodePoint(codePoint) {
  var _a3;
  if (codePoint >= 55296 && codePoint <= 57343 || codePoint > 1114111) {
    return 65533;
  }
  return (_a3 = decodeMap.get(codePoint)) !== null && _a3 !== void 0 ? _a3 : codePoint;
}

// node_modules/htmlparser2/node_modules/entities/dist/esm/internal/decode-shared.js
function decodeBase64(input) {
  const binary = (
    // eslint-disable-next-line n/no-unsupported-features/node-builtins
    typeof atob === "function" ? (
      // Browser (and Node >=16)
      // eslint-disable-next-line n/no-unsupported-features/node-builtins
      atob(input)
    ) : (
      // Older Node versions (<16)
      // eslint-disable-next-line n/no-unsupported-features/node-builtins
      typeof Buffer.from === "function" ? (
        // eslint-disable-next-line n/no-unsupported-features/node-builtins
        Buffer.from(input, "base64").toString("binary")
      ) : (
        // eslint-disable-next-line unicorn/no-new-buffer, n/no-deprecated-api
        new Buffer(input, "base64").toString("binary")
      )
    )
  );
  const evenLength = binary.length & ~1;
  const out = new Uint16Array(evenLength / 2);
  for (let index = 0, outIndex = 0; index < evenLength; index += 2) {
    const lo = binary.charCodeAt(index);
    const hi = binary.charCodeAt(index + 1);
    out[outIndex++] = lo | hi << 8;
  }
  return out;
}

// node_modules/htmlparser2/node_modules/entities/dist/esm/generated/decode-data-html.js
var htmlDecodeTree = /* @__PURE__ */ decodeBase64("QR08ALkAAgH6AYsDNQR2BO0EPgXZBQEGLAbdBxMISQrvCmQLfQurDKQNLw4fD4YPpA+6D/IPAAAAAAAAAAAAAAAAKhBMEY8TmxUWF2EYLBkxGuAa3RsJHDscWR8YIC8jSCSIJcMl6ie3Ku8rEC0CLjoupS7kLgAIRU1hYmNmZ2xtbm9wcnN0dVQAWgBeAGUAaQBzAHcAfgCBAIQAhwCSAJoAoACsALMAbABpAGcAO4DGAMZAUAA7gCYAJkBjAHUAdABlADuAwQDBQHIiZXZlAAJhAAFpeW0AcgByAGMAO4DCAMJAEGRyAADgNdgE3XIAYQB2AGUAO4DAAMBA8CFoYZFj4SFjcgBhZAAAoFMqAAFncIsAjgBvAG4ABGFmAADgNdg43fAlbHlGdW5jdGlvbgCgYSBpAG4AZwA7gMUAxUAAAWNzpACoAHIAAOA12Jzc6SFnbgCgVCJpAGwAZABlADuAwwDDQG0AbAA7gMQAxEAABGFjZWZvcnN1xQDYANoA7QDxAPYA+QD8AAABY3LJAM8AayNzbGFzaAAAoBYidgHTANUAAKDnKmUAZAAAoAYjeQARZIABY3J0AOAA5QDrAGEidXNlAACgNSLuI291bGxpcwCgLCFhAJJjcgAA4DXYBd1wAGYAAOA12Dnd5SF2ZdhiYwDyAOoAbSJwZXEAAKBOIgAHSE9hY2RlZmhpbG9yc3UXARoBHwE6AVIBVQFiAWQBZgGCAakB6QHtAfIBYwB5ACdkUABZADuAqQCpQIABY3B5ACUBKAE1AfUhdGUGYWmg0iJ0KGFsRGlmZmVyZW50aWFsRAAAoEUhbCJleXMAAKAtIQACYWVpb0EBRAFKAU0B8iFvbgxhZABpAGwAO4DHAMdAcgBjAAhhbiJpbnQAAKAwIm8AdAAKYQABZG5ZAV0BaSJsbGEAuGB0I2VyRG90ALdg8gA5AWkAp2NyImNsZQAAAkRNUFRwAXQBeQF9AW8AdAAAoJkiaSJudXMAAKCWIuwhdXMAoJUiaSJtZXMAAKCXIm8AAAFjc4cBlAFrKndpc2VDb250b3VySW50ZWdyYWwAAKAyImUjQ3VybHkAAAFEUZwBpAFvJXVibGVRdW90ZQAAoB0gdSJvdGUAAKAZIAACbG5wdbABtgHNAdgBbwBuAGWgNyIAoHQqgAFnaXQAvAHBAcUB8iJ1ZW50AKBhIm4AdAAAoC8i7yV1ckludGVncmFsAKAuIgABZnLRAdMBAKACIe8iZHVjdACgECJuLnRlckNsb2Nrd2lzZUNvbnRvdXJJbnRlZ3JhbAAAoDMi7yFzcwCgLypjAHIAAOA12J7ccABDoNMiYQBwAACgTSKABURKU1phY2VmaW9zAAsCEgIVAhgCGwIsAjQCOQI9AnMCfwNvoEUh9CJyYWhkAKARKWMAeQACZGMAeQAFZGMAeQAPZIABZ3JzACECJQIoAuchZXIAoCEgcgAAoKEhaAB2AACg5CoAAWF5MAIzAvIhb24OYRRkbAB0oAciYQCUY3IAAOA12AfdAAFhZkECawIAAWNtRQJnAvIjaXRpY2FsAAJBREdUUAJUAl8CYwJjInV0ZQC0YG8AdAFZAloC2WJiJGxlQWN1dGUA3WJyImF2ZQBgYGkibGRlANxi7yFuZACgxCJmJWVyZW50aWFsRAAAoEYhcAR9AgAAAAAAAIECjgIAABoDZgAA4DXYO91EoagAhQKJAm8AdAAAoNwgcSJ1YWwAAKBQIuIhbGUAA0NETFJVVpkCqAK1Au8C/wIRA28AbgB0AG8AdQByAEkAbgB0AGUAZwByAGEA7ADEAW8AdAKvAgAAAACwAqhgbiNBcnJvdwAAoNMhAAFlb7kC0AJmAHQAgAFBUlQAwQLGAs0CciJyb3cAAKDQIekkZ2h0QXJyb3cAoNQhZQDlACsCbgBnAAABTFLWAugC5SFmdAABQVLcAuECciJyb3cAAKD4J+kkZ2h0QXJyb3cAoPon6SRnaHRBcnJvdwCg+SdpImdodAAAAUFU9gL7AnIicm93AACg0iFlAGUAAKCoInAAQQIGAwAAAAALA3Iicm93AACg0SFvJHduQXJyb3cAAKDVIWUlcnRpY2FsQmFyAACgJSJuAAADQUJMUlRhJAM2AzoDWgNxA3oDciJyb3cAAKGTIUJVLAMwA2EAcgAAoBMpcCNBcnJvdwAAoPUhciJldmUAEWPlIWZ00gJDAwAASwMAAFIDaSVnaHRWZWN0b3IAAKBQKWUkZVZlY3RvcgAAoF4p5SJjdG9yQqC9IWEAcgAAoFYpaSJnaHQA1AFiAwAAaQNlJGVWZWN0b3IAAKBfKeUiY3RvckKgwSFhAHIAAKBXKWUAZQBBoKQiciJyb3cAAKCnIXIAcgBvAPcAtAIAAWN0gwOHA3IAAOA12J/c8iFvaxBhAAhOVGFjZGZnbG1vcHFzdHV4owOlA6kDsAO/A8IDxgPNA9ID8gP9AwEEFAQeBCAEJQRHAEphSAA7gNAA0EBjAHUAdABlADuAyQDJQIABYWl5ALYDuQO+A/Ihb24aYXIAYwA7gMoAykAtZG8AdAAWYXIAAOA12AjdcgBhAHYAZQA7gMgAyEDlIm1lbnQAoAgiAAFhcNYD2QNjAHIAEmF0AHkAUwLhAwAAAADpA20lYWxsU3F1YXJlAACg+yVlJ3J5U21hbGxTcXVhcmUAAKCrJQABZ3D2A/kDbwBuABhhZgAA4DXYPN3zImlsb26VY3UAAAFhaQYEDgRsAFSgdSppImxkZQAAoEIi7CNpYnJpdW0AoMwhAAFjaRgEGwRyAACgMCFtAACgcyphAJdjbQBsADuAywDLQAABaXApBC0E8yF0cwCgAyLvJG5lbnRpYWxFAKBHIYACY2Zpb3MAPQQ/BEMEXQRyBHkAJGRyAADgNdgJ3WwibGVkAFMCTAQAAAAAVARtJWFsbFNxdWFyZQAAoPwlZSdyeVNtYWxsU3F1YXJlAACgqiVwA2UEAABpBAAAAABtBGYAAOA12D3dwSFsbACgACLyI2llcnRyZgCgMSFjAPIAcQQABkpUYWJjZGZnb3JzdIgEiwSOBJMElwSkBKcEqwStBLIE5QTqBGMAeQADZDuAPgA+QO0hbWFkoJMD3GNyImV2ZQAeYYABZWl5AJ0EoASjBOQhaWwiYXIAYwAcYRNkbwB0ACBhcgAA4DXYCt0AoNkicABmAADgNdg+3eUiYXRlcgADRUZHTFNUvwTIBM8E1QTZBOAEcSJ1YWwATKBlIuUhc3MAoNsidSRsbEVxdWFsAACgZyJyI2VhdGVyAACgoirlIXNzAKB3IuwkYW50RXF1YWwAoH4qaSJsZGUAAKBzImMAcgAA4DXYotwAoGsiAARBYWNmaW9zdfkE/QQFBQgFCwUTBSIFKwVSIkRjeQAqZAABY3QBBQQFZQBrAMdiXmDpIXJjJGFyAACgDCFsJWJlcnRTcGFjZQAAoAsh8AEYBQAAGwVmAACgDSHpJXpvbnRhbExpbmUAoAAlAAFjdCYFKAXyABIF8iFvayZhbQBwAEQBMQU5BW8AdwBuAEgAdQBtAPAAAAFxInVhbAAAoE8iAAdFSk9hY2RmZ21ub3N0dVMFVgVZBVwFYwVtBXAFcwV6BZAFtgXFBckFzQVjAHkAFWTsIWlnMmFjAHkAAWRjAHUAdABlADuAzQDNQAABaXlnBWwFcgBjADuAzgDOQBhkbwB0ADBhcgAAoBEhcgBhAHYAZQA7gMwAzEAAoREhYXB/BYsFAAFjZ4MFhQVyACphaSNuYXJ5SQAAoEghbABpAGUA8wD6AvQBlQUAAKUFZaAsIgABZ3KaBZ4F8iFhbACgKyLzI2VjdGlvbgCgwiJpI3NpYmxlAAABQ1SsBbEFbyJtbWEAAKBjIGkibWVzAACgYiCAAWdwdAC8Bb8FwwVvAG4ALmFmAADgNdhA3WEAmWNjAHIAAKAQIWkibGRlAChh6wHSBQAA1QVjAHkABmRsADuAzwDPQIACY2Zvc3UA4QXpBe0F8gX9BQABaXnlBegFcgBjADRhGWRyAADgNdgN3XAAZgAA4DXYQd3jAfcFAAD7BXIAAOA12KXc8iFjeQhk6yFjeQRkgANISmFjZm9zAAwGDwYSBhUGHQYhBiYGYwB5ACVkYwB5AAxk8CFwYZpjAAFleRkGHAbkIWlsNmEaZHIAAOA12A7dcABmAADgNdhC3WMAcgAA4DXYptyABUpUYWNlZmxtb3N0AD0GQAZDBl4GawZkB2gHcAd0B80H2gdjAHkACWQ7gDwAPECAAmNtbnByAEwGTwZSBlUGWwb1IXRlOWHiIWRhm2NnAACg6ifsI2FjZXRyZgCgEiFyAACgniGAAWFleQBkBmcGagbyIW9uPWHkIWlsO2EbZAABZnNvBjQHdAAABUFDREZSVFVWYXKABp4GpAbGBssG3AYDByEHwQIqBwABbnKEBowGZyVsZUJyYWNrZXQAAKDoJ/Ihb3cAoZAhQlKTBpcGYQByAACg5CHpJGdodEFycm93AKDGIWUjaWxpbmcAAKAII28A9QGqBgAAsgZiJWxlQnJhY2tldAAAoOYnbgDUAbcGAAC+BmUkZVZlY3RvcgAAoGEp5SJjdG9yQqDDIWEAcgAAoFkpbCJvb3IAAKAKI2kiZ2h0AAABQVbSBtcGciJyb3cAAKCUIeUiY3RvcgCgTikAAWVy4AbwBmUAAKGjIkFW5gbrBnIicm93AACgpCHlImN0b3IAoFopaSNhbmdsZQBCorIi+wYAAAAA/wZhAHIAAKDPKXEidWFsAACgtCJwAIABRFRWAAoHEQcYB+8kd25WZWN0b3IAoFEpZSRlVmVjdG9yAACgYCnlImN0b3JCoL8hYQByAACgWCnlImN0b3JCoLwhYQByAACgUilpAGcAaAB0AGEAcgByAG8A9wDMAnMAAANFRkdMU1Q/B0cHTgdUB1gHXwfxJXVhbEdyZWF0ZXIAoNoidSRsbEVxdWFsAACgZiJyI2VhdGVyAACgdiLlIXNzAKChKuwkYW50RXF1YWwAoH0qaSJsZGUAAKByInIAAOA12A/dZaDYIuYjdGFycm93AKDaIWkiZG90AD9hgAFucHcAege1B7kHZwAAAkxSbHKCB5QHmwerB+UhZnQAAUFSiAeNB3Iicm93AACg9SfpJGdodEFycm93AKD3J+kkZ2h0QXJyb3cAoPYn5SFmdAABYXLcAqEHaQBnAGgAdABhAHIAcgBvAPcA5wJpAGcAaAB0AGEAcgByAG8A9wDuAmYAAOA12EPdZQByAAABTFK/B8YHZSRmdEFycm93AACgmSHpJGdodEFycm93AKCYIYABY2h0ANMH1QfXB/IAWgYAoLAh8iFva0FhAKBqIgAEYWNlZmlvc3XpB+wH7gf/BwMICQgOCBEIcAAAoAUpeQAcZAABZGzyB/kHaSR1bVNwYWNlAACgXyBsI2ludHJmAACgMyFyAADgNdgQ3e4jdXNQbHVzAKATInAAZgAA4DXYRN1jAPIA/gecY4AESmFjZWZvc3R1ACEIJAgoCDUIgQiFCDsKQApHCmMAeQAKZGMidXRlAENhgAFhZXkALggxCDQI8iFvbkdh5CFpbEVhHWSAAWdzdwA7CGEIfQjhInRpdmWAAU1UVgBECEwIWQhlJWRpdW1TcGFjZQAAoAsgaABpAAABY25SCFMIawBTAHAAYQBjAOUASwhlAHIAeQBUAGgAaQDuAFQI9CFlZAABR0xnCHUIcgBlAGEAdABlAHIARwByAGUAYQB0AGUA8gDrBGUAcwBzAEwAZQBzAPMA2wdMImluZQAKYHIAAOA12BHdAAJCbnB0jAiRCJkInAhyImVhawAAoGAgwiZyZWFraW5nU3BhY2WgYGYAAKAVIUOq7CqzCMIIzQgAAOcIGwkAAAAAAAAtCQAAbwkAAIcJAACdCcAJGQoAADQKAAFvdbYIvAjuI2dydWVudACgYiJwIkNhcAAAoG0ibyh1YmxlVmVydGljYWxCYXIAAKAmIoABbHF4ANII1wjhCOUibWVudACgCSL1IWFsVKBgImkibGRlAADgQiI4A2kic3RzAACgBCJyI2VhdGVyAACjbyJFRkdMU1T1CPoIAgkJCQ0JFQlxInVhbAAAoHEidSRsbEVxdWFsAADgZyI4A3IjZWF0ZXIAAOBrIjgD5SFzcwCgeSLsJGFudEVxdWFsAOB+KjgDaSJsZGUAAKB1IvUhbXBEASAJJwnvI3duSHVtcADgTiI4A3EidWFsAADgTyI4A2UAAAFmczEJRgn0JFRyaWFuZ2xlQqLqIj0JAAAAAEIJYQByAADgzyk4A3EidWFsAACg7CJzAICibiJFR0xTVABRCVYJXAlhCWkJcSJ1YWwAAKBwInIjZWF0ZXIAAKB4IuUhc3MA4GoiOAPsJGFudEVxdWFsAOB9KjgDaSJsZGUAAKB0IuUic3RlZAABR0x1CX8J8iZlYXRlckdyZWF0ZXIA4KIqOAPlI3NzTGVzcwDgoSo4A/IjZWNlZGVzAKGAIkVTjwmVCXEidWFsAADgryo4A+wkYW50RXF1YWwAoOAiAAFlaaAJqQl2JmVyc2VFbGVtZW50AACgDCLnJWh0VHJpYW5nbGVCousitgkAAAAAuwlhAHIAAODQKTgDcSJ1YWwAAKDtIgABcXXDCeAJdSNhcmVTdQAAAWJwywnVCfMhZXRF4I8iOANxInVhbAAAoOIi5SJyc2V0ReCQIjgDcSJ1YWwAAKDjIoABYmNwAOYJ8AkNCvMhZXRF4IIi0iBxInVhbAAAoIgi4yJlZWRzgKGBIkVTVAD6CQAKBwpxInVhbAAA4LAqOAPsJGFudEVxdWFsAKDhImkibGRlAADgfyI4A+UicnNldEXggyLSIHEidWFsAACgiSJpImxkZQCAoUEiRUZUACIKJwouCnEidWFsAACgRCJ1JGxsRXF1YWwAAKBHImkibGRlAACgSSJlJXJ0aWNhbEJhcgAAoCQiYwByAADgNdip3GkAbABkAGUAO4DRANFAnWMAB0VhY2RmZ21vcHJzdHV2XgphCmgKcgp2CnoKgQqRCpYKqwqtCrsKyArNCuwhaWdSYWMAdQB0AGUAO4DTANNAAAFpeWwKcQpyAGMAO4DUANRAHmRiImxhYwBQYXIAAOA12BLdcgBhAHYAZQA7gNIA0kCAAWFlaQCHCooKjQpjAHIATGFnAGEAqWNjInJvbgCfY3AAZgAA4DXYRt3lI25DdXJseQABRFGeCqYKbyV1YmxlUXVvdGUAAKAcIHUib3RlAACgGCAAoFQqAAFjbLEKtQpyAADgNdiq3GEAcwBoADuA2ADYQGkAbAHACsUKZABlADuA1QDVQGUAcwAAoDcqbQBsADuA1gDWQGUAcgAAAUJQ0wrmCgABYXLXCtoKcgAAoD4gYQBjAAABZWvgCuIKAKDeI2UAdAAAoLQjYSVyZW50aGVzaXMAAKDcI4AEYWNmaGlsb3JzAP0KAwsFCwkLCwsMCxELIwtaC3IjdGlhbEQAAKACInkAH2RyAADgNdgT3WkApmOgY/Ujc01pbnVzsWAAAWlwFQsgC24AYwBhAHIAZQBwAGwAYQBuAOUACgVmAACgGSGAobsqZWlvACoLRQtJC+MiZWRlc4CheiJFU1QANAs5C0ALcSJ1YWwAAKCvKuwkYW50RXF1YWwAoHwiaSJsZGUAAKB+Im0AZQAAoDMgAAFkcE0LUQv1IWN0AKAPIm8jcnRpb24AYaA3ImwAAKAdIgABY2leC2ILcgAA4DXYq9yoYwACVWZvc2oLbwtzC3cLTwBUADuAIgAiQHIAAOA12BTdcABmAACgGiFjAHIAAOA12KzcAAZCRWFjZWZoaW9yc3WPC5MLlwupC7YL2AvbC90LhQyTDJoMowzhIXJyAKAQKUcAO4CuAK5AgAFjbnIAnQugC6ML9SF0ZVRhZwAAoOsncgB0oKAhbAAAoBYpgAFhZXkArwuyC7UL8iFvblhh5CFpbFZhIGR2oBwhZSJyc2UAAAFFVb8LzwsAAWxxwwvIC+UibWVudACgCyL1JGlsaWJyaXVtAKDLIXAmRXF1aWxpYnJpdW0AAKBvKXIAAKAcIW8AoWPnIWh0AARBQ0RGVFVWYewLCgwQDDIMNwxeDHwM9gIAAW5y8Av4C2clbGVCcmFja2V0AACg6SfyIW93AKGSIUJM/wsDDGEAcgAAoOUhZSRmdEFycm93AACgxCFlI2lsaW5nAACgCSNvAPUBFgwAAB4MYiVsZUJyYWNrZXQAAKDnJ24A1AEjDAAAKgxlJGVWZWN0b3IAAKBdKeUiY3RvckKgwiFhAHIAAKBVKWwib29yAACgCyMAAWVyOwxLDGUAAKGiIkFWQQxGDHIicm93AACgpiHlImN0b3IAoFspaSNhbmdsZQBCorMiVgwAAAAAWgxhAHIAAKDQKXEidWFsAACgtSJwAIABRFRWAGUMbAxzDO8kd25WZWN0b3IAoE8pZSRlVmVjdG9yAACgXCnlImN0b3JCoL4hYQByAACgVCnlImN0b3JCoMAhYQByAACgUykAAXB1iQyMDGYAAKAdIe4kZEltcGxpZXMAoHAp6SRnaHRhcnJvdwCg2yEAAWNongyhDHIAAKAbIQCgsSHsJGVEZWxheWVkAKD0KYAGSE9hY2ZoaW1vcXN0dQC/DMgMzAzQDOIM5gwKDQ0NFA0ZDU8NVA1YDQABQ2PDDMYMyCFjeSlkeQAoZEYiVGN5ACxkYyJ1dGUAWmEAorwqYWVpedgM2wzeDOEM8iFvbmBh5CFpbF5hcgBjAFxhIWRyAADgNdgW3e8hcnQAAkRMUlXvDPYM/QwEDW8kd25BcnJvdwAAoJMhZSRmdEFycm93AACgkCHpJGdodEFycm93AKCSIXAjQXJyb3cAAKCRIechbWGjY+EkbGxDaXJjbGUAoBgicABmAADgNdhK3XICHw0AAAAAIg10AACgGiLhIXJlgKGhJUlTVQAqDTINSg3uJXRlcnNlY3Rpb24AoJMidQAAAWJwNw1ADfMhZXRFoI8icSJ1YWwAAKCRIuUicnNldEWgkCJxInVhbAAAoJIibiJpb24AAKCUImMAcgAA4DXYrtxhAHIAAKDGIgACYmNtcF8Nag2ODZANc6DQImUAdABFoNAicSJ1YWwAAKCGIgABY2huDYkNZSJlZHMAgKF7IkVTVAB4DX0NhA1xInVhbAAAoLAq7CRhbnRFcXVhbACgfSJpImxkZQAAoH8iVABoAGEA9ADHCwCgESIAodEiZXOVDZ8NciJzZXQARaCDInEidWFsAACghyJlAHQAAKDRIoAFSFJTYWNmaGlvcnMAtQ27Db8NyA3ODdsN3w3+DRgOHQ4jDk8AUgBOADuA3gDeQMEhREUAoCIhAAFIY8MNxg1jAHkAC2R5ACZkAAFidcwNzQ0JYKRjgAFhZXkA1A3XDdoN8iFvbmRh5CFpbGJhImRyAADgNdgX3QABZWnjDe4N8gHoDQAA7Q3lImZvcmUAoDQiYQCYYwABY27yDfkNayNTcGFjZQAA4F8gCiDTInBhY2UAoAkg7CFkZYChPCJFRlQABw4MDhMOcSJ1YWwAAKBDInUkbGxFcXVhbAAAoEUiaSJsZGUAAKBIInAAZgAA4DXYS93pI3BsZURvdACg2yAAAWN0Jw4rDnIAAOA12K/c8iFva2Zh4QpFDlYOYA5qDgAAbg5yDgAAAAAAAAAAAAB5DnwOqA6zDgAADg8RDxYPGg8AAWNySA5ODnUAdABlADuA2gDaQHIAb6CfIeMhaXIAoEkpcgDjAVsOAABdDnkADmR2AGUAbGEAAWl5Yw5oDnIAYwA7gNsA20AjZGIibGFjAHBhcgAA4DXYGN1yAGEAdgBlADuA2QDZQOEhY3JqYQABZGl/Dp8OZQByAAABQlCFDpcOAAFhcokOiw5yAF9gYQBjAAABZWuRDpMOAKDfI2UAdAAAoLUjYSVyZW50aGVzaXMAAKDdI28AbgBQoMMi7CF1cwCgjiIAAWdwqw6uDm8AbgByYWYAAOA12EzdAARBREVUYWRwc78O0g7ZDuEOBQPqDvMOBw9yInJvdwDCoZEhyA4AAMwOYQByAACgEilvJHduQXJyb3cAAKDFIW8kd25BcnJvdwAAoJUhcSV1aWxpYnJpdW0AAKBuKWUAZQBBoKUiciJyb3cAAKClIW8AdwBuAGEAcgByAG8A9wAQA2UAcgAAAUxS+Q4AD2UkZnRBcnJvdwAAoJYh6SRnaHRBcnJvdwCglyFpAGyg0gNvAG4ApWPpIW5nbmFjAHIAAOA12LDcaSJsZGUAaGFtAGwAO4DcANxAgAREYmNkZWZvc3YALQ8xDzUPNw89D3IPdg97D4AP4SFzaACgqyJhAHIAAKDrKnkAEmThIXNobKCpIgCg5ioAAWVyQQ9DDwCgwSKAAWJ0eQBJD00Paw9hAHIAAKAWIGmgFiDjIWFsAAJCTFNUWA9cD18PZg9hAHIAAKAjIukhbmV8YGUkcGFyYXRvcgAAoFgnaSJsZGUAAKBAItQkaGluU3BhY2UAoAogcgAA4DXYGd1wAGYAAOA12E3dYwByAADgNdix3GQiYXNoAACgqiKAAmNlZm9zAI4PkQ+VD5kPng/pIXJjdGHkIWdlAKDAInIAAOA12BrdcABmAADgNdhO3WMAcgAA4DXYstwAAmZpb3OqD64Prw+0D3IAAOA12BvdnmNwAGYAAOA12E/dYwByAADgNdiz3IAEQUlVYWNmb3N1AMgPyw/OD9EP2A/gD+QP6Q/uD2MAeQAvZGMAeQAHZGMAeQAuZGMAdQB0AGUAO4DdAN1AAAFpedwP3w9yAGMAdmErZHIAAOA12BzdcABmAADgNdhQ3WMAcgAA4DXYtNxtAGwAeGEABEhhY2RlZm9z/g8BEAUQDRAQEB0QIBAkEGMAeQAWZGMidXRlAHlhAAFheQkQDBDyIW9ufWEXZG8AdAB7YfIBFRAAABwQbwBXAGkAZAB0AOgAVAhhAJZjcgAAoCghcABmAACgJCFjAHIAAOA12LXc4QtCEEkQTRAAAGcQbRByEAAAAAAAAAAAeRCKEJcQ8hD9EAAAGxEhETIROREAAD4RYwB1AHQAZQA7gOEA4UByImV2ZQADYYCiPiJFZGl1eQBWEFkQWxBgEGUQAOA+IjMDAKA/InIAYwA7gOIA4kB0AGUAO4C0ALRAMGRsAGkAZwA7gOYA5kByoGEgAOA12B7dcgBhAHYAZQA7gOAA4EAAAWVwfBCGEAABZnCAEIQQ8yF5bQCgNSHoAIMQaABhALFjAAFhcI0QWwAAAWNskRCTEHIAAWFnAACgPypkApwQAAAAALEQAKInImFkc3ajEKcQqRCuEG4AZAAAoFUqAKBcKmwib3BlAACgWCoAoFoqAKMgImVsbXJzersQvRDAEN0Q5RDtEACgpCllAACgICJzAGQAYaAhImEEzhDQENIQ1BDWENgQ2hDcEACgqCkAoKkpAKCqKQCgqykAoKwpAKCtKQCgrikAoK8pdAB2oB8iYgBkoL4iAKCdKQABcHTpEOwQaAAAoCIixWDhIXJyAKB8IwABZ3D1EPgQbwBuAAVhZgAA4DXYUt0Ao0giRWFlaW9wBxEJEQ0RDxESERQRAKBwKuMhaXIAoG8qAKBKImQAAKBLInMAJ2DyIW94ZaBIIvEADhFpAG4AZwA7gOUA5UCAAWN0eQAmESoRKxFyAADgNdi23CpgbQBwAGWgSCLxAPgBaQBsAGQAZQA7gOMA40BtAGwAO4DkAORAAAFjaUERRxFvAG4AaQBuAPQA6AFuAHQAAKARKgAITmFiY2RlZmlrbG5vcHJzdWQRaBGXEZ8RpxGrEdIR1hErEjASexKKEn0RThNbE3oTbwB0AACg7SoAAWNybBGJEWsAAAJjZXBzdBF4EX0RghHvIW5nAKBMInAjc2lsb24A9mNyImltZQAAoDUgaQBtAGWgPSJxAACgzSJ2AY0RkRFlAGUAAKC9ImUAZABnoAUjZQAAoAUjcgBrAHSgtSPiIXJrAKC2IwABb3mjEaYRbgDnAHcRMWTxIXVvAKAeIIACY21wcnQAtBG5Eb4RwRHFEeEhdXPloDUi5ABwInR5dgAAoLApcwDpAH0RbgBvAPUA6gCAAWFodwDLEcwRzhGyYwCgNiHlIWVuAKBsInIAAOA12B/dZwCAA2Nvc3R1dncA4xHyEQUSEhIhEiYSKRKAAWFpdQDpEesR7xHwAKMFcgBjAACg7yVwAACgwyKAAWRwdAD4EfwRABJvAHQAAKAAKuwhdXMAoAEqaSJtZXMAAKACKnECCxIAAAAADxLjIXVwAKAGKmEAcgAAoAUm8iNpYW5nbGUAAWR1GhIeEu8hd24AoL0lcAAAoLMlcCJsdXMAAKAEKmUA5QBCD+UAkg9hInJvdwAAoA0pgAFha28ANhJoEncSAAFjbjoSZRJrAIABbHN0AEESRxJNEm8jemVuZ2UAAKDrKXEAdQBhAHIA5QBcBPIjaWFuZ2xlgKG0JWRscgBYElwSYBLvIXduAKC+JeUhZnQAoMIlaSJnaHQAAKC4JWsAAKAjJLEBbRIAAHUSsgFxEgAAcxIAoJIlAKCRJTQAAKCTJWMAawAAoIglAAFlb38ShxJx4D0A5SD1IWl2AOBhIuUgdAAAoBAjAAJwdHd4kRKVEpsSnxJmAADgNdhT3XSgpSJvAG0AAKClIvQhaWUAoMgiAAZESFVWYmRobXB0dXayEsES0RLgEvcS+xIKExoTHxMjEygTNxMAAkxSbHK5ErsSvRK/EgCgVyUAoFQlAKBWJQCgUyUAolAlRFVkdckSyxLNEs8SAKBmJQCgaSUAoGQlAKBnJQACTFJsctgS2hLcEt4SAKBdJQCgWiUAoFwlAKBZJQCjUSVITFJobHLrEu0S7xLxEvMS9RIAoGwlAKBjJQCgYCUAoGslAKBiJQCgXyVvAHgAAKDJKQACTFJscgITBBMGEwgTAKBVJQCgUiUAoBAlAKAMJQCiACVEVWR1EhMUExYTGBMAoGUlAKBoJQCgLCUAoDQlaSJudXMAAKCfIuwhdXMAoJ4iaSJtZXMAAKCgIgACTFJsci8TMRMzEzUTAKBbJQCgWCUAoBglAKAUJQCjAiVITFJobHJCE0QTRhNIE0oTTBMAoGolAKBhJQCgXiUAoDwlAKAkJQCgHCUAAWV2UhNVE3YA5QD5AGIAYQByADuApgCmQAACY2Vpb2ITZhNqE24TcgAA4DXYt9xtAGkAAKBPIG0A5aA9IogRbAAAoVwAYmh0E3YTAKDFKfMhdWIAoMgnbAF+E4QTbABloCIgdAAAoCIgcAAAoU4iRWWJE4sTAKCuKvGgTyI8BeEMqRMAAN8TABQDFB8UAAAjFDQUAAAAAIUUAAAAAI0UAAAAANcU4xT3FPsUAACIFQAAlhWAAWNwcgCuE7ET1RP1IXRlB2GAoikiYWJjZHMAuxO/E8QTzhPSE24AZAAAoEQqciJjdXAAAKBJKgABYXXIE8sTcAAAoEsqcAAAoEcqbwB0AACgQCoA4CkiAP4AAWVv2RPcE3QAAKBBIO4ABAUAAmFlaXXlE+8T9RP4E/AB6hMAAO0TcwAAoE0qbwBuAA1hZABpAGwAO4DnAOdAcgBjAAlhcABzAHOgTCptAACgUCpvAHQAC2GAAWRtbgAIFA0UEhRpAGwAO4C4ALhAcCJ0eXYAAKCyKXQAAIGiADtlGBQZFKJAcgBkAG8A9ABiAXIAAOA12CDdgAFjZWkAKBQqFDIUeQBHZGMAawBtoBMn4SFyawCgEyfHY3IAAKPLJUVjZWZtcz8UQRRHFHcUfBSAFACgwykAocYCZWxGFEkUcQAAoFciZQBhAlAUAAAAAGAUciJyb3cAAAFsclYUWhTlIWZ0AKC6IWkiZ2h0AACguyGAAlJTYWNkAGgUaRRrFG8UcxSuYACgyCRzAHQAAKCbIukhcmMAoJoi4SFzaACgnSJuImludAAAoBAqaQBkAACg7yrjIWlyAKDCKfUhYnN1oGMmaQB0AACgYybsApMUmhS2FAAAwxRvAG4AZaA6APGgVCKrAG0CnxQAAAAAoxRhAHSgLABAYAChASJmbKcUqRTuABMNZQAAAW14rhSyFOUhbnQAoAEiZQDzANIB5wG6FAAAwBRkoEUibwB0AACgbSpuAPQAzAGAAWZyeQDIFMsUzhQA4DXYVN1vAOQA1wEAgakAO3MeAdMUcgAAoBchAAFhb9oU3hRyAHIAAKC1IXMAcwAAoBcnAAFjdeYU6hRyAADgNdi43AABYnDuFPIUZaDPKgCg0SploNAqAKDSKuQhb3QAoO8igANkZWxwcnZ3AAYVEBUbFSEVRBVlFYQV4SFycgABbHIMFQ4VAKA4KQCgNSlwAhYVAAAAABkVcgAAoN4iYwAAoN8i4SFycnCgtiEAoD0pgKIqImJjZG9zACsVMBU6FT4VQRVyImNhcAAAoEgqAAFhdTQVNxVwAACgRipwAACgSipvAHQAAKCNInIAAKBFKgDgKiIA/gACYWxydksVURVuFXMVcgByAG2gtyEAoDwpeQCAAWV2dwBYFWUVaRVxAHACXxUAAAAAYxVyAGUA4wAXFXUA4wAZFWUAZQAAoM4iZSJkZ2UAAKDPImUAbgA7gKQApEBlI2Fycm93AAABbHJ7FX8V5SFmdACgtiFpImdodAAAoLchZQDkAG0VAAFjaYsVkRVvAG4AaQBuAPQAkwFuAHQAAKAxImwiY3R5AACgLSOACUFIYWJjZGVmaGlqbG9yc3R1d3oAuBW7Fb8V1RXgFegV+RUKFhUWHxZUFlcWZRbFFtsW7xb7FgUXChdyAPIAtAJhAHIAAKBlKQACZ2xyc8YVyhXOFdAV5yFlcgCgICDlIXRoAKA4IfIA9QxoAHagECAAoKMiawHZFd4VYSJyb3cAAKAPKWEA4wBfAgABYXnkFecV8iFvbg9hNGQAoUYhYW/tFfQVAAFnciEC8RVyAACgyiF0InNlcQAAoHcqgAFnbG0A/xUCFgUWO4CwALBAdABhALRjcCJ0eXYAAKCxKQABaXIOFhIW8yFodACgfykA4DXYId1hAHIAAAFschsWHRYAoMMhAKDCIYACYWVnc3YAKBauAjYWOhY+Fm0AAKHEIm9zLhY0Fm4AZABzoMQi9SFpdACgZiZhIm1tYQDdY2kAbgAAoPIiAKH3AGlvQxZRFmQAZQAAgfcAO29KFksW90BuI3RpbWVzAACgxyJuAPgAUBZjAHkAUmRjAG8CXhYAAAAAYhZyAG4AAKAeI28AcAAAoA0jgAJscHR1dwBuFnEWdRaSFp4W7CFhciRgZgAA4DXYVd0AotkCZW1wc30WhBaJFo0WcQBkoFAibwB0AACgUSJpIm51cwAAoDgi7CF1cwCgFCLxInVhcmUAoKEiYgBsAGUAYgBhAHIAdwBlAGQAZwDlANcAbgCAAWFkaAClFqoWtBZyAHIAbwD3APUMbwB3AG4AYQByAHIAbwB3APMA8xVhI3Jwb29uAAABbHK8FsAWZQBmAPQAHBZpAGcAaAD0AB4WYgHJFs8WawBhAHIAbwD3AJILbwLUFgAAAADYFnIAbgAAoB8jbwBwAACgDCOAAWNvdADhFukW7BYAAXJ55RboFgDgNdi53FVkbAAAoPYp8iFvaxFhAAFkcvMW9xZvAHQAAKDxImkA5qC/JVsSAAFhaP8WAhdyAPIANQNhAPIA1wvhIm5nbGUAoKYpAAFjaQ4XEBd5AF9k5yJyYXJyAKD/JwAJRGFjZGVmZ2xtbm9wcXJzdHV4MRc4F0YXWxcyBF4XaRd5F40XrBe0F78X2RcVGCEYLRg1GEAYAAFEbzUXgRZvAPQA+BUAAWNzPBdCF3UAdABlADuA6QDpQPQhZXIAoG4qAAJhaW95TRdQF1YXWhfyIW9uG2FyAGOgViI7gOoA6kDsIW9uAKBVIk1kbwB0ABdhAAFEcmIXZhdvAHQAAKBSIgDgNdgi3XKhmipuF3QXYQB2AGUAO4DoAOhAZKCWKm8AdAAAoJgqgKGZKmlscwCAF4UXhxfuInRlcnMAoOcjAKATIWSglSpvAHQAAKCXKoABYXBzAJMXlheiF2MAcgATYXQAeQBzogUinxcAAAAAoRdlAHQAAKAFInAAMaADIDMBqRerFwCgBCAAoAUgAAFnc7AXsRdLYXAAAKACIAABZ3C4F7sXbwBuABlhZgAA4DXYVt2AAWFscwDFF8sXzxdyAHOg1SJsAACg4yl1AHMAAKBxKmkAAKG1A2x21RfYF28AbgC1Y/VjAAJjc3V24BfoF/0XEBgAAWlv5BdWF3IAYwAAoFYiaQLuFwAAAADwF+0ADQThIW50AAFnbPUX+Rd0AHIAAKCWKuUhc3MAoJUqgAFhZWkAAxgGGAoYbABzAD1gcwB0AACgXyJ2AESgYSJEAACgeCrwImFyc2wAoOUpAAFEYRkYHRhvAHQAAKBTInIAcgAAoHEpgAFjZGkAJxgqGO0XcgAAoC8hbwD0AIwCAAFhaDEYMhi3YzuA8ADwQAABbXI5GD0YbAA7gOsA60BvAACgrCCAAWNpcABGGEgYSxhsACFgcwD0ACwEAAFlb08YVxhjAHQAYQB0AGkAbwDuABoEbgBlAG4AdABpAGEAbADlADME4Ql1GAAAgRgAAIMYiBgAAAAAoRilGAAAqhgAALsYvhjRGAAA1xgnGWwAbABpAG4AZwBkAG8AdABzAGUA8QBlF3kARGRtImFsZQAAoEAmgAFpbHIAjRiRGJ0Y7CFpZwCgA/tpApcYAAAAAJoYZwAAoAD7aQBnAACgBPsA4DXYI93sIWlnAKAB++whaWcA4GYAagCAAWFsdACvGLIYthh0AACgbSZpAGcAAKAC+24AcwAAoLElbwBmAJJh8AHCGAAAxhhmAADgNdhX3QABYWvJGMwYbADsAGsEdqDUIgCg2SphI3J0aW50AACgDSoAAWFv2hgiGQABY3PeGB8ZsQPnGP0YBRkSGRUZAAAdGbID7xjyGPQY9xj5GAAA+xg7gL0AvUAAoFMhO4C8ALxAAKBVIQCgWSEAoFshswEBGQAAAxkAoFQhAKBWIbQCCxkOGQAAAAAQGTuAvgC+QACgVyEAoFwhNQAAoFghtgEZGQAAGxkAoFohAKBdITgAAKBeIWwAAKBEIHcAbgAAoCIjYwByAADgNdi73IAIRWFiY2RlZmdpamxub3JzdHYARhlKGVoZXhlmGWkZkhmWGZkZnRmgGa0ZxhnLGc8Z4BkjGmygZyIAoIwqgAFjbXAAUBlTGVgZ9SF0ZfVhbQBhAOSgswM6FgCghipyImV2ZQAfYQABaXliGWUZcgBjAB1hM2RvAHQAIWGAoWUibHFzAMYEcBl6GfGhZSLOBAAAdhlsAGEAbgD0AN8EgKF+KmNkbACBGYQZjBljAACgqSpvAHQAb6CAKmyggioAoIQqZeDbIgD+cwAAoJQqcgAA4DXYJN3noGsirATtIWVsAKA3IWMAeQBTZIChdyJFYWoApxmpGasZAKCSKgCgpSoAoKQqAAJFYWVztBm2Gb0ZwhkAoGkicABwoIoq8iFveACgiipxoIgq8aCIKrUZaQBtAACg5yJwAGYAAOA12FjdYQB2AOUAYwIAAWNp0xnWGXIAAKAKIW0AAKFzImVs3BneGQCgjioAoJAqAIM+ADtjZGxxco0E6xn0GfgZ/BkBGgABY2nvGfEZAKCnKnIAAKB6Km8AdAAAoNci0CFhcgCglSl1ImVzdAAAoHwqgAJhZGVscwAKGvQZFhrVBCAa8AEPGgAAFBpwAHIAbwD4AFkZcgAAoHgpcQAAAWxxxAQbGmwAZQBzAPMASRlpAO0A5AQAAWVuJxouGnIjdG5lcXEAAOBpIgD+xQAsGgAFQWFiY2Vma29zeUAaQxpmGmoabRqDGocalhrCGtMacgDyAMwCAAJpbG1yShpOGlAaVBpyAHMA8ABxD2YAvWBpAGwA9AASBQABZHJYGlsaYwB5AEpkAKGUIWN3YBpkGmkAcgAAoEgpAKCtIWEAcgAAoA8h6SFyYyVhgAFhbHIAcxp7Gn8a8iF0c3WgZSZpAHQAAKBlJuwhaXAAoCYg4yFvbgCguSJyAADgNdgl3XMAAAFld4wakRphInJvdwAAoCUpYSJyb3cAAKAmKYACYW1vcHIAnxqjGqcauhq+GnIAcgAAoP8h9CFodACgOyJrAAABbHKsGrMaZSRmdGFycm93AACgqSHpJGdodGFycm93AKCqIWYAAOA12Fnd4iFhcgCgFSCAAWNsdADIGswa0BpyAADgNdi93GEAcwDoAGka8iFvaydhAAFicNca2xr1IWxsAKBDIOghZW4AoBAg4Qr2GgAA/RoAAAgbExsaGwAAIRs7GwAAAAA+G2IbmRuVG6sbAACyG80b0htjAHUAdABlADuA7QDtQAChYyBpeQEbBhtyAGMAO4DuAO5AOGQAAWN4CxsNG3kANWRjAGwAO4ChAKFAAAFmcssCFhsA4DXYJt1yAGEAdgBlADuA7ADsQIChSCFpbm8AJxsyGzYbAAFpbisbLxtuAHQAAKAMKnQAAKAtIuYhaW4AoNwpdABhAACgKSHsIWlnM2GAAWFvcABDG1sbXhuAAWNndABJG0sbWRtyACthgAFlbHAAcQVRG1UbaQBuAOUAyAVhAHIA9AByBWgAMWFmAACgtyJlAGQAtWEAoggiY2ZvdGkbbRt1G3kb4SFyZQCgBSFpAG4AdKAeImkAZQAAoN0pZABvAPQAWxsAoisiY2VscIEbhRuPG5QbYQBsAACguiIAAWdyiRuNG2UAcgDzACMQ4wCCG2EicmhrAACgFyryIW9kAKA8KgACY2dwdJ8boRukG6gbeQBRZG8AbgAvYWYAAOA12FrdYQC5Y3UAZQBzAHQAO4C/AL9AAAFjabUbuRtyAADgNdi+3G4AAKIIIkVkc3bCG8QbyBvQAwCg+SJvAHQAAKD1Inag9CIAoPMiaaBiIOwhZGUpYesB1hsAANkbYwB5AFZkbAA7gO8A70AAA2NmbW9zdeYb7hvyG/Ub+hsFHAABaXnqG+0bcgBjADVhOWRyAADgNdgn3eEhdGg3YnAAZgAA4DXYW93jAf8bAAADHHIAAOA12L/c8iFjeVhk6yFjeVRkAARhY2ZnaGpvcxUcGhwiHCYcKhwtHDAcNRzwIXBhdqC6A/BjAAFleR4cIRzkIWlsN2E6ZHIAAOA12CjdciJlZW4AOGFjAHkARWRjAHkAXGRwAGYAAOA12FzdYwByAADgNdjA3IALQUJFSGFiY2RlZmdoamxtbm9wcnN0dXYAXhxtHHEcdRx5HN8cBx0dHTwd3B3tHfEdAR4EHh0eLB5FHrwewx7hHgkfPR9LH4ABYXJ0AGQcZxxpHHIA8gBvB/IAxQLhIWlsAKAbKeEhcnIAoA4pZ6BmIgCgiyphAHIAAKBiKWMJjRwAAJAcAACVHAAAAAAAAAAAAACZHJwcAACmHKgcrRwAANIc9SF0ZTph7SJwdHl2AKC0KXIAYQDuAFoG4iFkYbtjZwAAoegnZGyhHKMcAKCRKeUAiwYAoIUqdQBvADuAqwCrQHIAgKOQIWJmaGxwc3QAuhy/HMIcxBzHHMoczhxmoOQhcwAAoB8pcwAAoB0p6wCyGnAAAKCrIWwAAKA5KWkAbQAAoHMpbAAAoKIhAKGrKmFl1hzaHGkAbAAAoBkpc6CtKgDgrSoA/oABYWJyAOUc6RztHHIAcgAAoAwpcgBrAACgcicAAWFr8Rz4HGMAAAFla/Yc9xx7YFtgAAFlc/wc/hwAoIspbAAAAWR1Ax0FHQCgjykAoI0pAAJhZXV5Dh0RHRodHB3yIW9uPmEAAWRpFR0YHWkAbAA8YewAowbiAPccO2QAAmNxcnMkHScdLB05HWEAAKA2KXUAbwDyoBwgqhEAAWR1MB00HeghYXIAoGcpcyJoYXIAAKBLKWgAAKCyIQCiZCJmZ3FzRB1FB5Qdnh10AIACYWhscnQATh1WHWUdbB2NHXIicm93AHSgkCFhAOkAzxxhI3Jwb29uAAABZHVeHWId7yF3bgCgvSFwAACgvCHlJGZ0YXJyb3dzAKDHIWkiZ2h0AIABYWhzAHUdex2DHXIicm93APOglCGdBmEAcgBwAG8AbwBuAPMAzgtxAHUAaQBnAGEAcgByAG8A9wBlGugkcmVldGltZXMAoMsi8aFkIk0HAACaHWwAYQBuAPQAXgcAon0qY2Rnc6YdqR2xHbcdYwAAoKgqbwB0AG+gfypyoIEqAKCDKmXg2iIA/nMAAKCTKoACYWRlZ3MAwB3GHcod1h3ZHXAAcAByAG8A+ACmHG8AdAAAoNYicQAAAWdxzx3SHXQA8gBGB2cAdADyAHQcdADyAFMHaQDtAGMHgAFpbHIA4h3mHeod8yFodACgfClvAG8A8gDKBgDgNdgp3UWgdiIAoJEqYQH1Hf4dcgAAAWR1YB35HWygvCEAoGopbABrAACghCVjAHkAWWQAomoiYWNodAweDx4VHhkecgDyAGsdbwByAG4AZQDyAGAW4SFyZACgaylyAGkAAKD6JQABaW8hHiQe5CFvdEBh9SFzdGGgsCPjIWhlAKCwIwACRWFlczMeNR48HkEeAKBoInAAcKCJKvIhb3gAoIkqcaCHKvGghyo0HmkAbQAAoOYiAARhYm5vcHR3elIeXB5fHoUelh6mHqsetB4AAW5yVh5ZHmcAAKDsJ3IAAKD9IXIA6wCwBmcAgAFsbXIAZh52Hnse5SFmdAABYXKIB2weaQBnAGgAdABhAHIAcgBvAPcAkwfhInBzdG8AoPwnaQBnAGgAdABhAHIAcgBvAPcAmgdwI2Fycm93AAABbHKNHpEeZQBmAPQAxhxpImdodAAAoKwhgAFhZmwAnB6fHqIecgAAoIUpAOA12F3ddQBzAACgLSppIm1lcwAAoDQqYQGvHrMecwB0AACgFyLhAIoOZaHKJbkeRhLuIWdlAKDKJWEAcgBsoCgAdAAAoJMpgAJhY2htdADMHs8e1R7bHt0ecgDyAJ0GbwByAG4AZQDyANYWYQByAGSgyyEAoG0pAKAOIHIAaQAAoL8iAANhY2hpcXTrHu8e1QfzHv0eBh/xIXVvAKA5IHIAAOA12MHcbQDloXIi+h4AAPweAKCNKgCgjyoAAWJ19xwBH28AcqAYIACgGiDyIW9rQmEAhDwAO2NkaGlscXJCBhcfxh0gHyQfKB8sHzEfAAFjaRsfHR8AoKYqcgAAoHkqcgBlAOUAkx3tIWVzAKDJIuEhcnIAoHYpdSJlc3QAAKB7KgABUGk1HzkfYQByAACglillocMlAgdfEnIAAAFkdUIfRx9zImhhcgAAoEop6CFhcgCgZikAAWVuTx9WH3IjdG5lcXEAAOBoIgD+xQBUHwAHRGFjZGVmaGlsbm9wc3VuH3Ifoh+rH68ftx+7H74f5h/uH/MfBwj/HwsgxCFvdACgOiIAAmNscHJ5H30fiR+eH3IAO4CvAK9AAAFldIEfgx8AoEImZaAgJ3MAZQAAoCAnc6CmIXQAbwCAoaYhZGx1AJQfmB+cH28AdwDuAHkDZQBmAPQA6gbwAOkO6yFlcgCgriUAAW95ph+qH+0hbWEAoCkqPGThIXNoAKAUIOElc3VyZWRhbmdsZQCgISJyAADgNdgq3W8AAKAnIYABY2RuAMQfyR/bH3IAbwA7gLUAtUBhoiMi0B8AANMf1x9zAPQAKxFpAHIAAKDwKm8AdAA7gLcAt0B1AHMA4qESIh4TAADjH3WgOCIAoCoqYwHqH+0fcAAAoNsq8gB+GnAAbAB1APMACAgAAWRw9x/7H+UhbHMAoKciZgAA4DXYXt0AAWN0AyAHIHIAAOA12MLc8CFvcwCgPiJsobwDECAVIPQiaW1hcACguCJhAPAAEyAADEdMUlZhYmNkZWZnaGlqbG1vcHJzdHV2dzwgRyBmIG0geSCqILgg2iDeIBEhFSEyIUMhTSFQIZwhnyHSIQAiIyKLIrEivyIUIwABZ3RAIEMgAODZIjgD9uBrItIgBwmAAWVsdABNIF8gYiBmAHQAAAFhclMgWCByInJvdwAAoM0h6SRnaHRhcnJvdwCgziEA4NgiOAP24Goi0iBfCekkZ2h0YXJyb3cAoM8hAAFEZHEgdSDhIXNoAKCvIuEhc2gAoK4igAJiY25wdACCIIYgiSCNIKIgbABhAACgByL1IXRlRGFnAADgICLSIACiSSJFaW9wlSCYIJwgniAA4HAqOANkAADgSyI4A3MASWFyAG8A+AAyCnUAcgBhoG4mbADzoG4mmwjzAa8gAACzIHAAO4CgAKBAbQBwAOXgTiI4AyoJgAJhZW91eQDBIMogzSDWINkg8AHGIAAAyCAAoEMqbwBuAEhh5CFpbEZhbgBnAGSgRyJvAHQAAOBtKjgDcAAAoEIqPWThIXNoAKATIACjYCJBYWRxc3jpIO0g+SD+IAIhDCFyAHIAAKDXIXIAAAFocvIg9SBrAACgJClvoJch9wAGD28AdAAA4FAiOAN1AGkA9gC7CAABZWkGIQohYQByAACgKCntAN8I6SFzdPOgBCLlCHIAAOA12CvdAAJFZXN0/wgcISshLiHxoXEiIiEAABMJ8aFxIgAJAAAnIWwAYQBuAPQAEwlpAO0AGQlyoG8iAKBvIoABQWFwADghOyE/IXIA8gBeIHIAcgAAoK4hYQByAACg8ipzogsiSiEAAAAAxwtkoPwiAKD6ImMAeQBaZIADQUVhZGVzdABcIV8hYiFmIWkhkyGWIXIA8gBXIADgZiI4A3IAcgAAoJohcgAAoCUggKFwImZxcwBwIYQhjiF0AAABYXJ1IXohcgByAG8A9wBlIWkAZwBoAHQAYQByAHIAbwD3AD4h8aFwImAhAACKIWwAYQBuAPQAZwlz4H0qOAMAoG4iaQDtAG0JcqBuImkA5aDqIkUJaQDkADoKAAFwdKMhpyFmAADgNdhf3YCBrAA7aW4AriGvIcchrEBuAIChCSJFZHYAtyG6Ib8hAOD5IjgDbwB0AADg9SI4A+EB1gjEIcYhAKD3IgCg9iJpAHagDCLhAagJzyHRIQCg/iIAoP0igAFhb3IA2CHsIfEhcgCAoSYiYXN0AOAh5SHpIWwAbABlAOwAywhsAADg/SrlIADgAiI4A2wiaW50AACgFCrjoYAi9yEAAPohdQDlAJsJY+CvKjgDZaCAIvEAkwkAAkFhaXQHIgoiFyIeInIA8gBsIHIAcgAAoZshY3cRIhQiAOAzKTgDAOCdITgDZyRodGFycm93AACgmyFyAGkA5aDrIr4JgANjaGltcHF1AC8iPCJHIpwhTSJQIloigKGBImNlcgA2Iv0JOSJ1AOUABgoA4DXYw9zvIXJ0bQKdIQAAAABEImEAcgDhAOEhbQBloEEi8aBEIiYKYQDyAMsIcwB1AAABYnBWIlgi5QDUCeUA3wmAAWJjcABgInMieCKAoYQiRWVzAGci7glqIgDgxSo4A2UAdABl4IIi0iBxAPGgiCJoImMAZaCBIvEA/gmAoYUiRWVzAH8iFgqCIgDgxio4A2UAdABl4IMi0iBxAPGgiSKAIgACZ2lscpIilCKaIpwi7AAMCWwAZABlADuA8QDxQOcAWwlpI2FuZ2xlAAABbHKkIqoi5SFmdGWg6iLxAEUJaSJnaHQAZaDrIvEAvgltoL0DAKEjAGVzuCK8InIAbwAAoBYhcAAAoAcggARESGFkZ2lscnMAziLSItYi2iLeIugi7SICIw8j4SFzaACgrSLhIXJyAKAEKXAAAOBNItIg4SFzaACgrCIAAWV04iLlIgDgZSLSIADgPgDSIG4iZmluAACg3imAAUFldADzIvci+iJyAHIAAKACKQDgZCLSIHLgPADSIGkAZQAA4LQi0iAAAUF0BiMKI3IAcgAAoAMp8iFpZQDgtSLSIGkAbQAA4Dwi0iCAAUFhbgAaIx4jKiNyAHIAAKDWIXIAAAFociMjJiNrAACgIylvoJYh9wD/DuUhYXIAoCcpUxJqFAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAVCMAAF4jaSN/I4IjjSOeI8AUAAAAAKYjwCMAANoj3yMAAO8jHiQvJD8kRCQAAWNzVyNsFHUAdABlADuA8wDzQAABaXlhI2cjcgBjoJoiO4D0APRAPmSAAmFiaW9zAHEjdCN3I3EBeiNzAOgAdhTsIWFjUWF2AACgOCrvIWxkAKC8KewhaWdTYQABY3KFI4kjaQByAACgvykA4DXYLN1vA5QjAAAAAJYjAACcI24A22JhAHYAZQA7gPIA8kAAoMEpAAFibaEjjAphAHIAAKC1KQACYWNpdKwjryO6I70jcgDyAFkUAAFpcrMjtiNyAACgvinvIXNzAKC7KW4A5QDZCgCgwCmAAWFlaQDFI8gjyyNjAHIATWFnAGEAyWOAAWNkbgDRI9Qj1iPyIW9uv2MAoLYpdQDzAHgBcABmAADgNdhg3YABYWVsAOQj5yPrI3IAAKC3KXIAcAAAoLkpdQDzAHwBAKMoImFkaW9zdvkj/CMPJBMkFiQbJHIA8gBeFIChXSplZm0AAyQJJAwkcgBvoDQhZgAAoDQhO4CqAKpAO4C6ALpA5yFvZgCgtiJyAACgVipsIm9wZQAAoFcqAKBbKoABY2xvACMkJSQrJPIACCRhAHMAaAA7gPgA+EBsAACgmCJpAGwBMyQ4JGQAZQA7gPUA9UBlAHMAYaCXInMAAKA2Km0AbAA7gPYA9kDiIWFyAKA9I+EKXiQAAHokAAB8JJQkAACYJKkkAAAAALUkEQsAAPAkAAAAAAQleiUAAIMlcgCAoSUiYXN0AGUkbyQBCwCBtgA7bGokayS2QGwAZQDsABgDaQJ1JAAAAAB4JG0AAKDzKgCg/Sp5AD9kcgCAAmNpbXB0AIUkiCSLJJkSjyRuAHQAJWBvAGQALmBpAGwAAKAwIOUhbmsAoDEgcgAA4DXYLd2AAWltbwCdJKAkpCR2oMYD1WNtAGEA9AD+B24AZQAAoA4m9KHAA64kAAC0JGMjaGZvcmsAAKDUItZjAAFhdbgkxCRuAAABY2u9JMIkawBooA8hAKAOIfYAaRpzAACkKwBhYmNkZW1zdNMkIRPXJNsk4STjJOck6yTjIWlyAKAjKmkAcgAAoCIqAAFvdYsW3yQAoCUqAKByKm4AO4CxALFAaQBtAACgJip3AG8AAKAnKoABaXB1APUk+iT+JO4idGludACgFSpmAADgNdhh3W4AZAA7gKMAo0CApHoiRWFjZWlub3N1ABMlFSUYJRslTCVRJVklSSV1JQCgsypwAACgtyp1AOUAPwtjoK8qgKJ6ImFjZW5zACclLSU0JTYlSSVwAHAAcgBvAPgAFyV1AHIAbAB5AGUA8QA/C/EAOAuAAWFlcwA8JUElRSXwInByb3gAoLkqcQBxAACgtSppAG0AAKDoImkA7QBEC20AZQDzoDIgIguAAUVhcwBDJVclRSXwAEAlgAFkZnAATwtfJXElgAFhbHMAZSVpJW0l7CFhcgCgLiPpIW5lAKASI/UhcmYAoBMjdKAdIu8AWQvyIWVsAKCwIgABY2l9JYElcgAA4DXYxdzIY24iY3NwAACgCCAAA2Zpb3BzdZElKxuVJZolnyWkJXIAAOA12C7dcABmAADgNdhi3XIiaW1lAACgVyBjAHIAAOA12MbcgAFhZW8AqiW6JcAldAAAAWVpryW2JXIAbgBpAG8AbgDzABkFbgB0AACgFipzAHQAZaA/APEACRj0AG0LgApBQkhhYmNkZWZoaWxtbm9wcnN0dXgA4yXyJfYl+iVpJpAmpia9JtUm5ib4JlonaCdxJ3UnnietJ7EnyCfiJ+cngAFhcnQA6SXsJe4lcgDyAJkM8gD6AuEhaWwAoBwpYQByAPIA3BVhAHIAAKBkKYADY2RlbnFydAAGJhAmEyYYJiYmKyZaJgABZXUKJg0mAOA9IjEDdABlAFVhaQDjACAN7SJwdHl2AKCzKWcAgKHpJ2RlbAAgJiImJCYAoJIpAKClKeUA9wt1AG8AO4C7ALtAcgAApZIhYWJjZmhscHN0dz0mQCZFJkcmSiZMJk4mUSZVJlgmcAAAoHUpZqDlIXMAAKAgKQCgMylzAACgHinrALka8ACVHmwAAKBFKWkAbQAAoHQpbAAAoKMhAKCdIQABYWleJmImaQBsAACgGilvAG6gNiJhAGwA8wB2C4ABYWJyAG8mciZ2JnIA8gAvEnIAawAAoHMnAAFha3omgSZjAAABZWt/JoAmfWBdYAABZXOFJocmAKCMKWwAAAFkdYwmjiYAoI4pAKCQKQACYWV1eZcmmiajJqUm8iFvbllhAAFkaZ4moSZpAGwAV2HsAA8M4gCAJkBkAAJjbHFzrSawJrUmuiZhAACgNylkImhhcgAAoGkpdQBvAPKgHSCjAWgAAKCzIYABYWNnAMMm0iaUC2wAgKEcIWlwcwDLJs4migxuAOUAoAxhAHIA9ADaC3QAAKCtJYABaWxyANsm3ybjJvMhaHQAoH0pbwBvAPIANgwA4DXYL90AAWFv6ib1JnIAAAFkde8m8SYAoMEhbKDAIQCgbCl2oMED8WOAAWducwD+Jk4nUCdoAHQAAANhaGxyc3QKJxInISc1Jz0nRydyInJvdwB0oJIhYQDpAFYmYSNycG9vbgAAAWR1GiceJ28AdwDuAPAmcAAAoMAh5SFmdAABYWgnJy0ncgByAG8AdwDzAAkMYQByAHAAbwBvAG4A8wATBGklZ2h0YXJyb3dzAACgySFxAHUAaQBnAGEAcgByAG8A9wBZJugkcmVldGltZXMAoMwiZwDaYmkAbgBnAGQAbwB0AHMAZQDxABwYgAFhaG0AYCdjJ2YncgDyAAkMYQDyABMEAKAPIG8idXN0AGGgsSPjIWhlAKCxI+0haWQAoO4qAAJhYnB0fCeGJ4knmScAAW5ygCeDJ2cAAKDtJ3IAAKD+IXIA6wAcDIABYWZsAI8nkieVJ3IAAKCGKQDgNdhj3XUAcwAAoC4qaSJtZXMAAKA1KgABYXCiJ6gncgBnoCkAdAAAoJQp7yJsaW50AKASKmEAcgDyADwnAAJhY2hxuCe8J6EMwCfxIXVvAKA6IHIAAOA12MfcAAFidYAmxCdvAPKgGSCoAYABaGlyAM4n0ifWJ3IAZQDlAE0n7SFlcwCgyiJpAIChuSVlZmwAXAxjEt4n9CFyaQCgzinsInVoYXIAoGgpAKAeIWENBSgJKA0oSyhVKIYoAACLKLAoAAAAAOMo5ygAABApJCkxKW0pcSmHKaYpAACYKgAAAACxKmMidXRlAFthcQB1AO8ABR+ApHsiRWFjZWlucHN5ABwoHignKCooLygyKEEoRihJKACgtCrwASMoAAAlKACguCpvAG4AYWF1AOUAgw1koLAqaQBsAF9hcgBjAF1hgAFFYXMAOCg6KD0oAKC2KnAAAKC6KmkAbQAAoOki7yJsaW50AKATKmkA7QCIDUFkbwB0AGKixSKRFgAAAABTKACgZiqAA0FhY21zdHgAYChkKG8ocyh1KHkogihyAHIAAKDYIXIAAAFocmkoayjrAJAab6CYIfcAzAd0ADuApwCnQGkAO2D3IWFyAKApKW0AAAFpbn4ozQBuAHUA8wDOAHQAAKA2J3IA7+A12DDdIxkAAmFjb3mRKJUonSisKHIAcAAAoG8mAAFoeZkonChjAHkASWRIZHIAdABtAqUoAAAAAKgoaQDkAFsPYQByAGEA7ABsJDuArQCtQAABZ22zKLsobQBhAAChwwNmdroouijCY4CjPCJkZWdsbnByAMgozCjPKNMo1yjaKN4obwB0AACgairxoEMiCw5FoJ4qAKCgKkWgnSoAoJ8qZQAAoEYi7CF1cwCgJCrhIXJyAKByKWEAcgDyAPwMAAJhZWl07Sj8KAEpCCkAAWxz8Sj4KGwAcwBlAHQAbQDpAH8oaABwAACgMyrwImFyc2wAoOQpAAFkbFoPBSllAACgIyNloKoqc6CsKgDgrCoA/oABZmxwABUpGCkfKfQhY3lMZGKgLwBhoMQpcgAAoD8jZgAA4DXYZN1hAAABZHIoKRcDZQBzAHWgYCZpAHQAAKBgJoABY3N1ADYpRilhKQABYXU6KUApcABzoJMiAOCTIgD+cABzoJQiAOCUIgD+dQAAAWJwSylWKQChjyJlcz4NUCllAHQAZaCPIvEAPw0AoZAiZXNIDVspZQB0AGWgkCLxAEkNAKGhJWFmZilbBHIAZQFrKVwEAKChJWEAcgDyAAMNAAJjZW10dyl7KX8pgilyAADgNdjI3HQAbQDuAM4AaQDsAAYpYQByAOYAVw0AAWFyiimOKXIA5qAGJhESAAFhbpIpoylpImdodAAAAWVwmSmgKXAAcwBpAGwAbwDuANkXaADpAKAkcwCvYIACYmNtbnAArin8KY4NJSooKgCkgiJFZGVtbnByc7wpvinCKcgpzCnUKdgp3CkAoMUqbwB0AACgvSpkoIYibwB0AACgwyr1IWx0AKDBKgABRWXQKdIpAKDLKgCgiiLsIXVzAKC/KuEhcnIAoHkpgAFlaXUA4inxKfQpdAAAoYIiZW7oKewpcQDxoIYivSllAHEA8aCKItEpbQAAoMcqAAFicPgp+ikAoNUqAKDTKmMAgKJ7ImFjZW5zAAcqDSoUKhYqRihwAHAAcgBvAPgAIyh1AHIAbAB5AGUA8QCDDfEAfA2AAWFlcwAcKiIqPShwAHAAcgBvAPgAPChxAPEAOShnAACgaiYApoMiMTIzRWRlaGxtbnBzPCo/KkIqRSpHKlIqWCpjKmcqaypzKncqO4C5ALlAO4CyALJAO4CzALNAAKDGKgABb3NLKk4qdAAAoL4qdQBiAACg2CpkoIcibwB0AACgxCpzAAABb3VdKmAqbAAAoMknYgAAoNcq4SFycgCgeyn1IWx0AKDCKgABRWVvKnEqAKDMKgCgiyLsIXVzAKDAKoABZWl1AH0qjCqPKnQAAKGDImVugyqHKnEA8aCHIkYqZQBxAPGgiyJwKm0AAKDIKgABYnCTKpUqAKDUKgCg1iqAAUFhbgCdKqEqrCpyAHIAAKDZIXIAAAFocqYqqCrrAJUab6CZIfcAxQf3IWFyAKAqKWwAaQBnADuA3wDfQOELzyrZKtwq6SrsKvEqAAD1KjQrAAAAAAAAAAAAAEwrbCsAAHErvSsAAAAAAADRK3IC1CoAAAAA2CrnIWV0AKAWI8RjcgDrAOUKgAFhZXkA4SrkKucq8iFvbmVh5CFpbGNhQmRvAPQAIg5sInJlYwAAoBUjcgAA4DXYMd0AAmVpa2/7KhIrKCsuK/IBACsAAAkrZQAAATRm6g0EK28AcgDlAOsNYQBzorgDECsAAAAAEit5AG0A0WMAAWNuFislK2sAAAFhcxsrIStwAHAAcgBvAPgAFw5pAG0AAKA8InMA8AD9DQABYXMsKyEr8AAXDnIAbgA7gP4A/kDsATgrOyswG2QA5QBnAmUAcwCAgdcAO2JkAEMrRCtJK9dAYaCgInIAAKAxKgCgMCqAAWVwcwBRK1MraSvhAAkh4qKkIlsrXysAAAAAYytvAHQAAKA2I2kAcgAAoPEqb+A12GXdcgBrAACg2irhAHgociJpbWUAAKA0IIABYWlwAHYreSu3K2QA5QC+DYADYWRlbXBzdACFK6MrmiunK6wrsCuzK24iZ2xlAACitSVkbHFykCuUK5ornCvvIXduAKC/JeUhZnRloMMl8QACBwCgXCJpImdodABloLkl8QBdDG8AdAAAoOwlaSJudXMAAKA6KuwhdXMAoDkqYgAAoM0p6SFtZQCgOyrlInppdW0AoOIjgAFjaHQAwivKK80rAAFyecYrySsA4DXYydxGZGMAeQBbZPIhb2tnYQABaW/UK9creAD0ANERaCJlYWQAAAFsct4r5ytlAGYAdABhAHIAcgBvAPcAXQbpJGdodGFycm93AKCgIQAJQUhhYmNkZmdobG1vcHJzdHV3CiwNLBEsHSwnLDEsQCxLLFIsYix6LIQsjyzLLOgs7Sz/LAotcgDyAAkDYQByAACgYykAAWNyFSwbLHUAdABlADuA+gD6QPIACQ1yAOMBIywAACUseQBeZHYAZQBtYQABaXkrLDAscgBjADuA+wD7QENkgAFhYmgANyw6LD0scgDyANEO7CFhY3FhYQDyAOAOAAFpckQsSCzzIWh0AKB+KQDgNdgy3XIAYQB2AGUAO4D5APlAYQFWLF8scgAAAWxyWixcLACgvyEAoL4hbABrAACggCUAAWN0Zix2LG8CbCwAAAAAcyxyAG4AZaAcI3IAAKAcI28AcAAAoA8jcgBpAACg+CUAAWFsfiyBLGMAcgBrYTuAqACoQAABZ3CILIssbwBuAHNhZgAA4DXYZt0AA2FkaGxzdZksniynLLgsuyzFLHIAcgBvAPcACQ1vAHcAbgBhAHIAcgBvAPcA2A5hI3Jwb29uAAABbHKvLLMsZQBmAPQAWyxpAGcAaAD0AF0sdQDzAKYOaQAAocUDaGzBLMIs0mNvAG4AxWPwI2Fycm93cwCgyCGAAWNpdADRLOEs5CxvAtcsAAAAAN4scgBuAGWgHSNyAACgHSNvAHAAAKAOI24AZwBvYXIAaQAAoPklYwByAADgNdjK3IABZGlyAPMs9yz6LG8AdAAAoPAi7CFkZWlhaQBmoLUlAKC0JQABYW0DLQYtcgDyAMosbAA7gPwA/EDhIm5nbGUAoKcpgAdBQkRhY2RlZmxub3Byc3oAJy0qLTAtNC2bLZ0toS2/LcMtxy3TLdgt3C3gLfwtcgDyABADYQByAHag6CoAoOkqYQBzAOgA/gIAAW5yOC08LechcnQAoJwpgANla25wcnN0AJkpSC1NLVQtXi1iLYItYQBwAHAA4QAaHG8AdABoAGkAbgDnAKEXgAFoaXIAoSmzJFotbwBwAPQAdCVooJUh7wD4JgABaXVmLWotZwBtAOEAuygAAWJwbi14LXMjZXRuZXEAceCKIgD+AODLKgD+cyNldG5lcQBx4IsiAP4A4MwqAP4AAWhyhi2KLWUAdADhABIraSNhbmdsZQAAAWxyki2WLeUhZnQAoLIiaSJnaHQAAKCzInkAMmThIXNoAKCiIoABZWxyAKcttC24LWKiKCKuLQAAAACyLWEAcgAAoLsicQAAoFoi7CFpcACg7iIAAWJ0vC1eD2EA8gBfD3IAAOA12DPddAByAOkAlS1zAHUAAAFicM0t0C0A4IIi0iAA4IMi0iBwAGYAAOA12GfdcgBvAPAAWQt0AHIA6QCaLQABY3XkLegtcgAA4DXYy9wAAWJw7C30LW4AAAFFZXUt8S0A4IoiAP5uAAABRWV/LfktAOCLIgD+6SJnemFnAKCaKYADY2Vmb3BycwANLhAuJS4pLiMuLi40LukhcmN1YQABZGkULiEuAAFiZxguHC5hAHIAAKBfKmUAcaAnIgCgWSLlIXJwAKAYIXIAAOA12DTdcABmAADgNdho3WWgQCJhAHQA6ABqD2MAcgAA4DXYzNzjCuQRUC4AAFQuAABYLmIuAAAAAGMubS5wLnQuAAAAAIguki4AAJouJxIqEnQAcgDpAB0ScgAA4DXYNd0AAUFhWy5eLnIA8gDnAnIA8gCTB75jAAFBYWYuaS5yAPIA4AJyAPIAjAdhAPAAeh5pAHMAAKD7IoABZHB0APgReS6DLgABZmx9LoAuAOA12GnddQDzAP8RaQBtAOUABBIAAUFhiy6OLnIA8gDuAnIA8gCaBwABY3GVLgoScgAA4DXYzdwAAXB0nS6hLmwAdQDzACUScgDpACASAARhY2VmaW9zdbEuvC7ELsguzC7PLtQu2S5jAAABdXm2LrsudABlADuA/QD9QE9kAAFpecAuwy5yAGMAd2FLZG4AO4ClAKVAcgAA4DXYNt1jAHkAV2RwAGYAAOA12GrdYwByAADgNdjO3AABY23dLt8ueQBOZGwAO4D/AP9AAAVhY2RlZmhpb3N38y73Lv8uAi8MLxAvEy8YLx0vIi9jInV0ZQB6YQABYXn7Lv4u8iFvbn5hN2RvAHQAfGEAAWV0Bi8KL3QAcgDmAB8QYQC2Y3IAAOA12DfdYwB5ADZk5yJyYXJyAKDdIXAAZgAA4DXYa91jAHIAAOA12M/cAAFqbiYvKC8AoA0gagAAoAwg");

// node_modules/htmlparser2/node_modules/entities/dist/esm/generated/decode-data-xml.js
var xmlDecodeTree = /* @__PURE__ */ decodeBase64("AAJhZ2xxBwARABMAFQBtAg0AAAAAAA8AcAAmYG8AcwAnYHQAPmB0ADxg9SFvdCJg");

// node_modules/htmlparser2/node_modules/entities/dist/esm/internal/bin-trie-flags.js
var BinTrieFlags;
(function(BinTrieFlags3) {
  BinTrieFlags3[BinTrieFlags3["VALUE_LENGTH"] = 49152] = "VALUE_LENGTH";
  BinTrieFlags3[BinTrieFlags3["FLAG13"] = 8192] = "FLAG13";
  BinTrieFlags3[BinTrieFlags3["BRANCH_LENGTH"] = 8064] = "BRANCH_LENGTH";
  BinTrieFlags3[BinTrieFlags3["JUMP_TABLE"] = 127] = "JUMP_TABLE";
})(BinTrieFlags || (BinTrieFlags = {}));

// node_modules/htmlparser2/node_modules/entities/dist/esm/decode.js
var CharCodes;
(function(CharCodes4) {
  CharCodes4[CharCodes4["NUM"] = 35] = "NUM";
  CharCodes4[CharCodes4["SEMI"] = 59] = "SEMI";
  CharCodes4[CharCodes4["EQUALS"] = 61] = "EQUALS";
  CharCodes4[CharCodes4["ZERO"] = 48] = "ZERO";
  CharCodes4[CharCodes4["NINE"] = 57] = "NINE";
  CharCodes4[CharCodes4["LOWER_A"] = 97] = "LOWER_A";
  CharCodes4[CharCodes4["LOWER_F"] = 102] = "LOWER_F";
  CharCodes4[CharCodes4["LOWER_X"] = 120] = "LOWER_X";
  CharCodes4[CharCodes4["LOWER_Z"] = 122] = "LOWER_Z";
  CharCodes4[CharCodes4["UPPER_A"] = 65] = "UPPER_A";
  CharCodes4[CharCodes4["UPPER_F"] = 70] = "UPPER_F";
  CharCodes4[CharCodes4["UPPER_Z"] = 90] = "UPPER_Z";
})(CharCodes || (CharCodes = {}));
var TO_LOWER_BIT = 32;
function isNumber(code) {
  return code >= CharCodes.ZERO && code <= CharCodes.NINE;
}
function isHexadecimalCharacter(code) {
  return code >= CharCodes.UPPER_A && code <= CharCodes.UPPER_F || code >= CharCodes.LOWER_A && code <= CharCodes.LOWER_F;
}
function isAsciiAlphaNumeric(code) {
  return code >= CharCodes.UPPER_A && code <= CharCodes.UPPER_Z || code >= CharCodes.LOWER_A && code <= CharCodes.LOWER_Z || isNumber(code);
}
function isEntityInAttributeInvalidEnd(code) {
  return code === CharCodes.EQUALS || isAsciiAlphaNumeric(code);
}
var EntityDecoderState;
(function(EntityDecoderState3) {
  EntityDecoderState3[EntityDecoderState3["EntityStart"] = 0] = "EntityStart";
  EntityDecoderState3[EntityDecoderState3["NumericStart"] = 1] = "NumericStart";
  EntityDecoderState3[EntityDecoderState3["NumericDecimal"] = 2] = "NumericDecimal";
  EntityDecoderState3[EntityDecoderState3["NumericHex"] = 3] = "NumericHex";
  EntityDecoderState3[EntityDecoderState3["NamedEntity"] = 4] = "NamedEntity";
})(EntityDecoderState || (EntityDecoderState = {}));
var DecodingMode;
(function(DecodingMode3) {
  DecodingMode3[DecodingMode3["Legacy"] = 0] = "Legacy";
  DecodingMode3[DecodingMode3["Strict"] = 1] = "Strict";
  DecodingMode3[DecodingMode3["Attribute"] = 2] = "Attribute";
})(DecodingMode || (DecodingMode = {}));
var EntityDecoder = class {
  constructor(decodeTree, emitCodePoint, errors) {
    this.decodeTree = decodeTree;
    this.emitCodePoint = emitCodePoint;
    this.errors = errors;
    this.state = EntityDecoderState.EntityStart;
    this.consumed = 1;
    this.result = 0;
    this.treeIndex = 0;
    this.excess = 1;
    this.decodeMode = DecodingMode.Strict;
    this.runConsumed = 0;
  }
  /** Resets the instance to make it reusable. */
  startEntity(decodeMode) {
    this.decodeMode = decodeMode;
    this.state = EntityDecoderState.EntityStart;
    this.result = 0;
    this.treeIndex = 0;
    this.excess = 1;
    this.consumed = 1;
    this.runConsumed = 0;
  }
  /**
   * Write an entity to the decoder. This can be called multiple times with partial entities.
   * If the entity is incomplete, the decoder will return -1.
   *
   * Mirrors the implementation of `getDecoder`, but with the ability to stop decoding if the
   * entity is incomplete, and resume when the next string is written.
   *
   * @param input The string containing the entity (or a continuation of the entity).
   * @param offset The offset at which the entity begins. Should be 0 if this is not the first call.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  write(input, offset) {
    switch (this.state) {
      case EntityDecoderState.EntityStart: {
        if (input.charCodeAt(offset) === CharCodes.NUM) {
          this.state = EntityDecoderState.NumericStart;
          this.consumed += 1;
          return this.stateNumericStart(input, offset + 1);
        }
        this.state = EntityDecoderState.NamedEntity;
        return this.stateNamedEntity(input, offset);
      }
      case EntityDecoderState.NumericStart: {
        return this.stateNumericStart(input, offset);
      }
      case EntityDecoderState.NumericDecimal: {
        return this.stateNumericDecimal(input, offset);
      }
      case EntityDecoderState.NumericHex: {
        return this.stateNumericHex(input, offset);
      }
      case EntityDecoderState.NamedEntity: {
        return this.stateNamedEntity(input, offset);
      }
    }
  }
  /**
   * Switches between the numeric decimal and hexadecimal states.
   *
   * Equivalent to the `Numeric character reference state` in the HTML spec.
   *
   * @param input The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericStart(input, offset) {
    if (offset >= input.length) {
      return -1;
    }
    if ((input.charCodeAt(offset) | TO_LOWER_BIT) === CharCodes.LOWER_X) {
      this.state = EntityDecoderState.NumericHex;
      this.consumed += 1;
      return this.stateNumericHex(input, offset + 1);
    }
    this.state = EntityDecoderState.NumericDecimal;
    return this.stateNumericDecimal(input, offset);
  }
  /**
   * Parses a hexadecimal numeric entity.
   *
   * Equivalent to the `Hexademical character reference state` in the HTML spec.
   *
   * @param input The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericHex(input, offset) {
    while (offset < input.length) {
      const char = input.charCodeAt(offset);
      if (isNumber(char) || isHexadecimalCharacter(char)) {
        const digit = char <= CharCodes.NINE ? char - CharCodes.ZERO : (char | TO_LOWER_BIT) - CharCodes.LOWER_A + 10;
        this.result = this.result * 16 + digit;
        this.consumed++;
        offset++;
      } else {
        return this.emitNumericEntity(char, 3);
      }
    }
    return -1;
  }
  /**
   * Parses a decimal numeric entity.
   *
   * Equivalent to the `Decimal character reference state` in the HTML spec.
   *
   * @param input The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericDecimal(input, offset) {
    while (offset < input.length) {
      const char = input.charCodeAt(offset);
      if (isNumber(char)) {
        this.result = this.result * 10 + (char - CharCodes.ZERO);
        this.consumed++;
        offset++;
      } else {
        return this.emitNumericEntity(char, 2);
      }
    }
    return -1;
  }
  /**
   * Validate and emit a numeric entity.
   *
   * Implements the logic from the `Hexademical character reference start
   * state` and `Numeric character reference end state` in the HTML spec.
   *
   * @param lastCp The last code point of the entity. Used to see if the
   *               entity was terminated with a semicolon.
   * @param expectedLength The minimum number of characters that should be
   *                       consumed. Used to validate that at least one digit
   *                       was consumed.
   * @returns The number of characters that were consumed.
   */
  emitNumericEntity(lastCp, expectedLength) {
    var _a3;
    if (this.consumed <= expectedLength) {
      (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.absenceOfDigitsInNumericCharacterReference(this.consumed);
      return 0;
    }
    if (lastCp === CharCodes.SEMI) {
      this.consumed += 1;
    } else if (this.decodeMode === DecodingMode.Strict) {
      return 0;
    }
    this.emitCodePoint(replaceCodePoint(this.result), this.consumed);
    if (this.errors) {
      if (lastCp !== CharCodes.SEMI) {
        this.errors.missingSemicolonAfterCharacterReference();
      }
      this.errors.validateNumericCharacterReference(this.result);
    }
    return this.consumed;
  }
  /**
   * Parses a named entity.
   *
   * Equivalent to the `Named character reference state` in the HTML spec.
   *
   * @param input The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNamedEntity(input, offset) {
    const { decodeTree } = this;
    let current = decodeTree[this.treeIndex];
    let valueLength = (current & BinTrieFlags.VALUE_LENGTH) >> 14;
    while (offset < input.length) {
      if (valueLength === 0 && (current & BinTrieFlags.FLAG13) !== 0) {
        const runLength = (current & BinTrieFlags.BRANCH_LENGTH) >> 7;
        if (this.runConsumed === 0) {
          const firstChar = current & BinTrieFlags.JUMP_TABLE;
          if (input.charCodeAt(offset) !== firstChar) {
            return this.result === 0 ? 0 : this.emitNotTerminatedNamedEntity();
          }
          offset++;
          this.excess++;
          this.runConsumed++;
        }
        while (this.runConsumed < runLength) {
          if (offset >= input.length) {
            return -1;
          }
          const charIndexInPacked = this.runConsumed - 1;
          const packedWord = decodeTree[this.treeIndex + 1 + (charIndexInPacked >> 1)];
          const expectedChar = charIndexInPacked % 2 === 0 ? packedWord & 255 : packedWord >> 8 & 255;
          if (input.charCodeAt(offset) !== expectedChar) {
            this.runConsumed = 0;
            return this.result === 0 ? 0 : this.emitNotTerminatedNamedEntity();
          }
          offset++;
          this.excess++;
          this.runConsumed++;
        }
        this.runConsumed = 0;
        this.treeIndex += 1 + (runLength >> 1);
        current = decodeTree[this.treeIndex];
        valueLength = (current & BinTrieFlags.VALUE_LENGTH) >> 14;
      }
      if (offset >= input.length)
        break;
      const char = input.charCodeAt(offset);
      if (char === CharCodes.SEMI && valueLength !== 0 && (current & BinTrieFlags.FLAG13) !== 0) {
        return this.emitNamedEntityData(this.treeIndex, valueLength, this.consumed + this.excess);
      }
      this.treeIndex = determineBranch(decodeTree, current, this.treeIndex + Math.max(1, valueLength), char);
      if (this.treeIndex < 0) {
        return this.result === 0 || // If we are parsing an attribute
        this.decodeMode === DecodingMode.Attribute && // We shouldn't have consumed any characters after the entity,
        (valueLength === 0 || // And there should be no invalid characters.
        isEntityInAttributeInvalidEnd(char)) ? 0 : this.emitNotTerminatedNamedEntity();
      }
      current = decodeTree[this.treeIndex];
      valueLength = (current & BinTrieFlags.VALUE_LENGTH) >> 14;
      if (valueLength !== 0) {
        if (char === CharCodes.SEMI) {
          return this.emitNamedEntityData(this.treeIndex, valueLength, this.consumed + this.excess);
        }
        if (this.decodeMode !== DecodingMode.Strict && (current & BinTrieFlags.FLAG13) === 0) {
          this.result = this.treeIndex;
          this.consumed += this.excess;
          this.excess = 0;
        }
      }
      offset++;
      this.excess++;
    }
    return -1;
  }
  /**
   * Emit a named entity that was not terminated with a semicolon.
   *
   * @returns The number of characters consumed.
   */
  emitNotTerminatedNamedEntity() {
    var _a3;
    const { result, decodeTree } = this;
    const valueLength = (decodeTree[result] & BinTrieFlags.VALUE_LENGTH) >> 14;
    this.emitNamedEntityData(result, valueLength, this.consumed);
    (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.missingSemicolonAfterCharacterReference();
    return this.consumed;
  }
  /**
   * Emit a named entity.
   *
   * @param result The index of the entity in the decode tree.
   * @param valueLength The number of bytes in the entity.
   * @param consumed The number of characters consumed.
   *
   * @returns The number of characters consumed.
   */
  emitNamedEntityData(result, valueLength, consumed) {
    const { decodeTree } = this;
    this.emitCodePoint(valueLength === 1 ? decodeTree[result] & ~(BinTrieFlags.VALUE_LENGTH | BinTrieFlags.FLAG13) : decodeTree[result + 1], consumed);
    if (valueLength === 3) {
      this.emitCodePoint(decodeTree[result + 2], consumed);
    }
    return consumed;
  }
  /**
   * Signal to the parser that the end of the input was reached.
   *
   * Remaining data will be emitted and relevant errors will be produced.
   *
   * @returns The number of characters consumed.
   */
  end() {
    var _a3;
    switch (this.state) {
      case EntityDecoderState.NamedEntity: {
        return this.result !== 0 && (this.decodeMode !== DecodingMode.Attribute || this.result === this.treeIndex) ? this.emitNotTerminatedNamedEntity() : 0;
      }
      // Otherwise, emit a numeric entity if we have one.
      case EntityDecoderState.NumericDecimal: {
        return this.emitNumericEntity(0, 2);
      }
      case EntityDecoderState.NumericHex: {
        return this.emitNumericEntity(0, 3);
      }
      case EntityDecoderState.NumericStart: {
        (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.absenceOfDigitsInNumericCharacterReference(this.consumed);
        return 0;
      }
      case EntityDecoderState.EntityStart: {
        return 0;
      }
    }
  }
};
function determineBranch(decodeTree, current, nodeIndex, char) {
  const branchCount = (current & BinTrieFlags.BRANCH_LENGTH) >> 7;
  const jumpOffset = current & BinTrieFlags.JUMP_TABLE;
  if (branchCount === 0) {
    return jumpOffset !== 0 && char === jumpOffset ? nodeIndex : -1;
  }
  if (jumpOffset) {
    const value = char - jumpOffset;
    return value < 0 || value >= branchCount ? -1 : decodeTree[nodeIndex + value] - 1;
  }
  const packedKeySlots = branchCount + 1 >> 1;
  let lo = 0;
  let hi = branchCount - 1;
  while (lo <= hi) {
    const mid = lo + hi >>> 1;
    const slot = mid >> 1;
    const packed = decodeTree[nodeIndex + slot];
    const midKey = packed >> (mid & 1) * 8 & 255;
    if (midKey < char) {
      lo = mid + 1;
    } else if (midKey > char) {
      hi = mid - 1;
    } else {
      return decodeTree[nodeIndex + packedKeySlots + mid];
    }
  }
  return -1;
}

// node_modules/htmlparser2/dist/esm/Tokenizer.js
var CharCodes2;
(function(CharCodes4) {
  CharCodes4[CharCodes4["Tab"] = 9] = "Tab";
  CharCodes4[CharCodes4["NewLine"] = 10] = "NewLine";
  CharCodes4[CharCodes4["FormFeed"] = 12] = "FormFeed";
  CharCodes4[CharCodes4["CarriageReturn"] = 13] = "CarriageReturn";
  CharCodes4[CharCodes4["Space"] = 32] = "Space";
  CharCodes4[CharCodes4["ExclamationMark"] = 33] = "ExclamationMark";
  CharCodes4[CharCodes4["Number"] = 35] = "Number";
  CharCodes4[CharCodes4["Amp"] = 38] = "Amp";
  CharCodes4[CharCodes4["SingleQuote"] = 39] = "SingleQuote";
  CharCodes4[CharCodes4["DoubleQuote"] = 34] = "DoubleQuote";
  CharCodes4[CharCodes4["Dash"] = 45] = "Dash";
  CharCodes4[CharCodes4["Slash"] = 47] = "Slash";
  CharCodes4[CharCodes4["Zero"] = 48] = "Zero";
  CharCodes4[CharCodes4["Nine"] = 57] = "Nine";
  CharCodes4[CharCodes4["Semi"] = 59] = "Semi";
  CharCodes4[CharCodes4["Lt"] = 60] = "Lt";
  CharCodes4[CharCodes4["Eq"] = 61] = "Eq";
  CharCodes4[CharCodes4["Gt"] = 62] = "Gt";
  CharCodes4[CharCodes4["Questionmark"] = 63] = "Questionmark";
  CharCodes4[CharCodes4["UpperA"] = 65] = "UpperA";
  CharCodes4[CharCodes4["LowerA"] = 97] = "LowerA";
  CharCodes4[CharCodes4["UpperF"] = 70] = "UpperF";
  CharCodes4[CharCodes4["LowerF"] = 102] = "LowerF";
  CharCodes4[CharCodes4["UpperZ"] = 90] = "UpperZ";
  CharCodes4[CharCodes4["LowerZ"] = 122] = "LowerZ";
  CharCodes4[CharCodes4["LowerX"] = 120] = "LowerX";
  CharCodes4[CharCodes4["OpeningSquareBracket"] = 91] = "OpeningSquareBracket";
})(CharCodes2 || (CharCodes2 = {}));
var State;
(function(State2) {
  State2[State2["Text"] = 1] = "Text";
  State2[State2["BeforeTagName"] = 2] = "BeforeTagName";
  State2[State2["InTagName"] = 3] = "InTagName";
  State2[State2["InSelfClosingTag"] = 4] = "InSelfClosingTag";
  State2[State2["BeforeClosingTagName"] = 5] = "BeforeClosingTagName";
  State2[State2["InClosingTagName"] = 6] = "InClosingTagName";
  State2[State2["AfterClosingTagName"] = 7] = "AfterClosingTagName";
  State2[State2["BeforeAttributeName"] = 8] = "BeforeAttributeName";
  State2[State2["InAttributeName"] = 9] = "InAttributeName";
  State2[State2["AfterAttributeName"] = 10] = "AfterAttributeName";
  State2[State2["BeforeAttributeValue"] = 11] = "BeforeAttributeValue";
  State2[State2["InAttributeValueDq"] = 12] = "InAttributeValueDq";
  State2[State2["InAttributeValueSq"] = 13] = "InAttributeValueSq";
  State2[State2["InAttributeValueNq"] = 14] = "InAttributeValueNq";
  State2[State2["BeforeDeclaration"] = 15] = "BeforeDeclaration";
  State2[State2["InDeclaration"] = 16] = "InDeclaration";
  State2[State2["InProcessingInstruction"] = 17] = "InProcessingInstruction";
  State2[State2["BeforeComment"] = 18] = "BeforeComment";
  State2[State2["CDATASequence"] = 19] = "CDATASequence";
  State2[State2["InSpecialComment"] = 20] = "InSpecialComment";
  State2[State2["InCommentLike"] = 21] = "InCommentLike";
  State2[State2["BeforeSpecialS"] = 22] = "BeforeSpecialS";
  State2[State2["BeforeSpecialT"] = 23] = "BeforeSpecialT";
  State2[State2["SpecialStartSequence"] = 24] = "SpecialStartSequence";
  State2[State2["InSpecialTag"] = 25] = "InSpecialTag";
  State2[State2["InEntity"] = 26] = "InEntity";
})(State || (State = {}));
function isWhitespace(c) {
  return c === CharCodes2.Space || c === CharCodes2.NewLine || c === CharCodes2.Tab || c === CharCodes2.FormFeed || c === CharCodes2.CarriageReturn;
}
function isEndOfTagSection(c) {
  return c === CharCodes2.Slash || c === CharCodes2.Gt || isWhitespace(c);
}
function isASCIIAlpha(c) {
  return c >= CharCodes2.LowerA && c <= CharCodes2.LowerZ || c >= CharCodes2.UpperA && c <= CharCodes2.UpperZ;
}
var QuoteType;
(function(QuoteType2) {
  QuoteType2[QuoteType2["NoValue"] = 0] = "NoValue";
  QuoteType2[QuoteType2["Unquoted"] = 1] = "Unquoted";
  QuoteType2[QuoteType2["Single"] = 2] = "Single";
  QuoteType2[QuoteType2["Double"] = 3] = "Double";
})(QuoteType || (QuoteType = {}));
var Sequences = {
  Cdata: new Uint8Array([67, 68, 65, 84, 65, 91]),
  // CDATA[
  CdataEnd: new Uint8Array([93, 93, 62]),
  // ]]>
  CommentEnd: new Uint8Array([45, 45, 62]),
  // `-->`
  ScriptEnd: new Uint8Array([60, 47, 115, 99, 114, 105, 112, 116]),
  // `</script`
  StyleEnd: new Uint8Array([60, 47, 115, 116, 121, 108, 101]),
  // `</style`
  TitleEnd: new Uint8Array([60, 47, 116, 105, 116, 108, 101]),
  // `</title`
  TextareaEnd: new Uint8Array([
    60,
    47,
    116,
    101,
    120,
    116,
    97,
    114,
    101,
    97
  ]),
  // `</textarea`
  XmpEnd: new Uint8Array([60, 47, 120, 109, 112])
  // `</xmp`
};
var Tokenizer = class {
  constructor({ xmlMode = false, decodeEntities = true }, cbs) {
    this.cbs = cbs;
    this.state = State.Text;
    this.buffer = "";
    this.sectionStart = 0;
    this.index = 0;
    this.entityStart = 0;
    this.baseState = State.Text;
    this.isSpecial = false;
    this.running = true;
    this.offset = 0;
    this.currentSequence = void 0;
    this.sequenceIndex = 0;
    this.xmlMode = xmlMode;
    this.decodeEntities = decodeEntities;
    this.entityDecoder = new EntityDecoder(xmlMode ? xmlDecodeTree : htmlDecodeTree, (cp2, consumed) => this.emitCodePoint(cp2, consumed));
  }
  reset() {
    this.state = State.Text;
    this.buffer = "";
    this.sectionStart = 0;
    this.index = 0;
    this.baseState = State.Text;
    this.currentSequence = void 0;
    this.running = true;
    this.offset = 0;
  }
  write(chunk) {
    this.offset += this.buffer.length;
    this.buffer = chunk;
    this.parse();
  }
  end() {
    if (this.running)
      this.finish();
  }
  pause() {
    this.running = false;
  }
  resume() {
    this.running = true;
    if (this.index < this.buffer.length + this.offset) {
      this.parse();
    }
  }
  stateText(c) {
    if (c === CharCodes2.Lt || !this.decodeEntities && this.fastForwardTo(CharCodes2.Lt)) {
      if (this.index > this.sectionStart) {
        this.cbs.ontext(this.sectionStart, this.index);
      }
      this.state = State.BeforeTagName;
      this.sectionStart = this.index;
    } else if (this.decodeEntities && c === CharCodes2.Amp) {
      this.startEntity();
    }
  }
  stateSpecialStartSequence(c) {
    const isEnd = this.sequenceIndex === this.currentSequence.length;
    const isMatch = isEnd ? (
      // If we are at the end of the sequence, make sure the tag name has ended
      isEndOfTagSection(c)
    ) : (
      // Otherwise, do a case-insensitive comparison
      (c | 32) === this.currentSequence[this.sequenceIndex]
    );
    if (!isMatch) {
      this.isSpecial = false;
    } else if (!isEnd) {
      this.sequenceIndex++;
      return;
    }
    this.sequenceIndex = 0;
    this.state = State.InTagName;
    this.stateInTagName(c);
  }
  /** Look for an end tag. For <title> tags, also decode entities. */
  stateInSpecialTag(c) {
    if (this.sequenceIndex === this.currentSequence.length) {
      if (c === CharCodes2.Gt || isWhitespace(c)) {
        const endOfText = this.index - this.currentSequence.length;
        if (this.sectionStart < endOfText) {
          const actualIndex = this.index;
          this.index = endOfText;
          this.cbs.ontext(this.sectionStart, endOfText);
          this.index = actualIndex;
        }
        this.isSpecial = false;
        this.sectionStart = endOfText + 2;
        this.stateInClosingTagName(c);
        return;
      }
      this.sequenceIndex = 0;
    }
    if ((c | 32) === this.currentSequence[this.sequenceIndex]) {
      this.sequenceIndex += 1;
    } else if (this.sequenceIndex === 0) {
      if (this.currentSequence === Sequences.TitleEnd) {
        if (this.decodeEntities && c === CharCodes2.Amp) {
          this.startEntity();
        }
      } else if (this.fastForwardTo(CharCodes2.Lt)) {
        this.sequenceIndex = 1;
      }
    } else {
      this.sequenceIndex = Number(c === CharCodes2.Lt);
    }
  }
  stateCDATASequence(c) {
    if (c === Sequences.Cdata[this.sequenceIndex]) {
      if (++this.sequenceIndex === Sequences.Cdata.length) {
        this.state = State.InCommentLike;
        this.currentSequence = Sequences.CdataEnd;
        this.sequenceIndex = 0;
        this.sectionStart = this.index + 1;
      }
    } else {
      this.sequenceIndex = 0;
      this.state = State.InDeclaration;
      this.stateInDeclaration(c);
    }
  }
  /**
   * When we wait for one specific character, we can speed things up
   * by skipping through the buffer until we find it.
   *
   * @returns Whether the character was found.
   */
  fastForwardTo(c) {
    while (++this.index < this.buffer.length + this.offset) {
      if (this.buffer.charCodeAt(this.index - this.offset) === c) {
        return true;
      }
    }
    this.index = this.buffer.length + this.offset - 1;
    return false;
  }
  /**
   * Comments and CDATA end with `-->` and `]]>`.
   *
   * Their common qualities are:
   * - Their end sequences have a distinct character they start with.
   * - That character is then repeated, so we have to check multiple repeats.
   * - All characters but the start character of the sequence can be skipped.
   */
  stateInCommentLike(c) {
    if (c === this.currentSequence[this.sequenceIndex]) {
      if (++this.sequenceIndex === this.currentSequence.length) {
        if (this.currentSequence === Sequences.CdataEnd) {
          this.cbs.oncdata(this.sectionStart, this.index, 2);
        } else {
          this.cbs.oncomment(this.sectionStart, this.index, 2);
        }
        this.sequenceIndex = 0;
        this.sectionStart = this.index + 1;
        this.state = State.Text;
      }
    } else if (this.sequenceIndex === 0) {
      if (this.fastForwardTo(this.currentSequence[0])) {
        this.sequenceIndex = 1;
      }
    } else if (c !== this.currentSequence[this.sequenceIndex - 1]) {
      this.sequenceIndex = 0;
    }
  }
  /**
   * HTML only allows ASCII alpha characters (a-z and A-Z) at the beginning of a tag name.
   *
   * XML allows a lot more characters here (@see https://www.w3.org/TR/REC-xml/#NT-NameStartChar).
   * We allow anything that wouldn't end the tag.
   */
  isTagStartChar(c) {
    return this.xmlMode ? !isEndOfTagSection(c) : isASCIIAlpha(c);
  }
  startSpecial(sequence, offset) {
    this.isSpecial = true;
    this.currentSequence = sequence;
    this.sequenceIndex = offset;
    this.state = State.SpecialStartSequence;
  }
  stateBeforeTagName(c) {
    if (c === CharCodes2.ExclamationMark) {
      this.state = State.BeforeDeclaration;
      this.sectionStart = this.index + 1;
    } else if (c === CharCodes2.Questionmark) {
      this.state = State.InProcessingInstruction;
      this.sectionStart = this.index + 1;
    } else if (this.isTagStartChar(c)) {
      const lower = c | 32;
      this.sectionStart = this.index;
      if (this.xmlMode) {
        this.state = State.InTagName;
      } else if (lower === Sequences.ScriptEnd[2]) {
        this.state = State.BeforeSpecialS;
      } else if (lower === Sequences.TitleEnd[2] || lower === Sequences.XmpEnd[2]) {
        this.state = State.BeforeSpecialT;
      } else {
        this.state = State.InTagName;
      }
    } else if (c === CharCodes2.Slash) {
      this.state = State.BeforeClosingTagName;
    } else {
      this.state = State.Text;
      this.stateText(c);
    }
  }
  stateInTagName(c) {
    if (isEndOfTagSection(c)) {
      this.cbs.onopentagname(this.sectionStart, this.index);
      this.sectionStart = -1;
      this.state = State.BeforeAttributeName;
      this.stateBeforeAttributeName(c);
    }
  }
  stateBeforeClosingTagName(c) {
    if (isWhitespace(c)) {
    } else if (c === CharCodes2.Gt) {
      this.state = State.Text;
    } else {
      this.state = this.isTagStartChar(c) ? State.InClosingTagName : State.InSpecialComment;
      this.sectionStart = this.index;
    }
  }
  stateInClosingTagName(c) {
    if (c === CharCodes2.Gt || isWhitespace(c)) {
      this.cbs.onclosetag(this.sectionStart, this.index);
      this.sectionStart = -1;
      this.state = State.AfterClosingTagName;
      this.stateAfterClosingTagName(c);
    }
  }
  stateAfterClosingTagName(c) {
    if (c === CharCodes2.Gt || this.fastForwardTo(CharCodes2.Gt)) {
      this.state = State.Text;
      this.sectionStart = this.index + 1;
    }
  }
  stateBeforeAttributeName(c) {
    if (c === CharCodes2.Gt) {
      this.cbs.onopentagend(this.index);
      if (this.isSpecial) {
        this.state = State.InSpecialTag;
        this.sequenceIndex = 0;
      } else {
        this.state = State.Text;
      }
      this.sectionStart = this.index + 1;
    } else if (c === CharCodes2.Slash) {
      this.state = State.InSelfClosingTag;
    } else if (!isWhitespace(c)) {
      this.state = State.InAttributeName;
      this.sectionStart = this.index;
    }
  }
  stateInSelfClosingTag(c) {
    if (c === CharCodes2.Gt) {
      this.cbs.onselfclosingtag(this.index);
      this.state = State.Text;
      this.sectionStart = this.index + 1;
      this.isSpecial = false;
    } else if (!isWhitespace(c)) {
      this.state = State.BeforeAttributeName;
      this.stateBeforeAttributeName(c);
    }
  }
  stateInAttributeName(c) {
    if (c === CharCodes2.Eq || isEndOfTagSection(c)) {
      this.cbs.onattribname(this.sectionStart, this.index);
      this.sectionStart = this.index;
      this.state = State.AfterAttributeName;
      this.stateAfterAttributeName(c);
    }
  }
  stateAfterAttributeName(c) {
    if (c === CharCodes2.Eq) {
      this.state = State.BeforeAttributeValue;
    } else if (c === CharCodes2.Slash || c === CharCodes2.Gt) {
      this.cbs.onattribend(QuoteType.NoValue, this.sectionStart);
      this.sectionStart = -1;
      this.state = State.BeforeAttributeName;
      this.stateBeforeAttributeName(c);
    } else if (!isWhitespace(c)) {
      this.cbs.onattribend(QuoteType.NoValue, this.sectionStart);
      this.state = State.InAttributeName;
      this.sectionStart = this.index;
    }
  }
  stateBeforeAttributeValue(c) {
    if (c === CharCodes2.DoubleQuote) {
      this.state = State.InAttributeValueDq;
      this.sectionStart = this.index + 1;
    } else if (c === CharCodes2.SingleQuote) {
      this.state = State.InAttributeValueSq;
      this.sectionStart = this.index + 1;
    } else if (!isWhitespace(c)) {
      this.sectionStart = this.index;
      this.state = State.InAttributeValueNq;
      this.stateInAttributeValueNoQuotes(c);
    }
  }
  handleInAttributeValue(c, quote) {
    if (c === quote || !this.decodeEntities && this.fastForwardTo(quote)) {
      this.cbs.onattribdata(this.sectionStart, this.index);
      this.sectionStart = -1;
      this.cbs.onattribend(quote === CharCodes2.DoubleQuote ? QuoteType.Double : QuoteType.Single, this.index + 1);
      this.state = State.BeforeAttributeName;
    } else if (this.decodeEntities && c === CharCodes2.Amp) {
      this.startEntity();
    }
  }
  stateInAttributeValueDoubleQuotes(c) {
    this.handleInAttributeValue(c, CharCodes2.DoubleQuote);
  }
  stateInAttributeValueSingleQuotes(c) {
    this.handleInAttributeValue(c, CharCodes2.SingleQuote);
  }
  stateInAttributeValueNoQuotes(c) {
    if (isWhitespace(c) || c === CharCodes2.Gt) {
      this.cbs.onattribdata(this.sectionStart, this.index);
      this.sectionStart = -1;
      this.cbs.onattribend(QuoteType.Unquoted, this.index);
      this.state = State.BeforeAttributeName;
      this.stateBeforeAttributeName(c);
    } else if (this.decodeEntities && c === CharCodes2.Amp) {
      this.startEntity();
    }
  }
  stateBeforeDeclaration(c) {
    if (c === CharCodes2.OpeningSquareBracket) {
      this.state = State.CDATASequence;
      this.sequenceIndex = 0;
    } else {
      this.state = c === CharCodes2.Dash ? State.BeforeComment : State.InDeclaration;
    }
  }
  stateInDeclaration(c) {
    if (c === CharCodes2.Gt || this.fastForwardTo(CharCodes2.Gt)) {
      this.cbs.ondeclaration(this.sectionStart, this.index);
      this.state = State.Text;
      this.sectionStart = this.index + 1;
    }
  }
  stateInProcessingInstruction(c) {
    if (c === CharCodes2.Gt || this.fastForwardTo(CharCodes2.Gt)) {
      this.cbs.onprocessinginstruction(this.sectionStart, this.index);
      this.state = State.Text;
      this.sectionStart = this.index + 1;
    }
  }
  stateBeforeComment(c) {
    if (c === CharCodes2.Dash) {
      this.state = State.InCommentLike;
      this.currentSequence = Sequences.CommentEnd;
      this.sequenceIndex = 2;
      this.sectionStart = this.index + 1;
    } else {
      this.state = State.InDeclaration;
    }
  }
  stateInSpecialComment(c) {
    if (c === CharCodes2.Gt || this.fastForwardTo(CharCodes2.Gt)) {
      this.cbs.oncomment(this.sectionStart, this.index, 0);
      this.state = State.Text;
      this.sectionStart = this.index + 1;
    }
  }
  stateBeforeSpecialS(c) {
    const lower = c | 32;
    if (lower === Sequences.ScriptEnd[3]) {
      this.startSpecial(Sequences.ScriptEnd, 4);
    } else if (lower === Sequences.StyleEnd[3]) {
      this.startSpecial(Sequences.StyleEnd, 4);
    } else {
      this.state = State.InTagName;
      this.stateInTagName(c);
    }
  }
  stateBeforeSpecialT(c) {
    const lower = c | 32;
    switch (lower) {
      case Sequences.TitleEnd[3]: {
        this.startSpecial(Sequences.TitleEnd, 4);
        break;
      }
      case Sequences.TextareaEnd[3]: {
        this.startSpecial(Sequences.TextareaEnd, 4);
        break;
      }
      case Sequences.XmpEnd[3]: {
        this.startSpecial(Sequences.XmpEnd, 4);
        break;
      }
      default: {
        this.state = State.InTagName;
        this.stateInTagName(c);
      }
    }
  }
  startEntity() {
    this.baseState = this.state;
    this.state = State.InEntity;
    this.entityStart = this.index;
    this.entityDecoder.startEntity(this.xmlMode ? DecodingMode.Strict : this.baseState === State.Text || this.baseState === State.InSpecialTag ? DecodingMode.Legacy : DecodingMode.Attribute);
  }
  stateInEntity() {
    const indexInBuffer = this.index - this.offset;
    const length = this.entityDecoder.write(this.buffer, indexInBuffer);
    if (length >= 0) {
      this.state = this.baseState;
      if (length === 0) {
        this.index -= 1;
      }
    } else {
      if (indexInBuffer < this.buffer.length && this.buffer.charCodeAt(indexInBuffer) === CharCodes2.Amp) {
        this.state = this.baseState;
        this.index -= 1;
        return;
      }
      this.index = this.offset + this.buffer.length - 1;
    }
  }
  /**
   * Remove data that has already been consumed from the buffer.
   */
  cleanup() {
    if (this.running && this.sectionStart !== this.index) {
      if (this.state === State.Text || this.state === State.InSpecialTag && this.sequenceIndex === 0) {
        this.cbs.ontext(this.sectionStart, this.index);
        this.sectionStart = this.index;
      } else if (this.state === State.InAttributeValueDq || this.state === State.InAttributeValueSq || this.state === State.InAttributeValueNq) {
        this.cbs.onattribdata(this.sectionStart, this.index);
        this.sectionStart = this.index;
      }
    }
  }
  shouldContinue() {
    return this.index < this.buffer.length + this.offset && this.running;
  }
  /**
   * Iterates through the buffer, calling the function corresponding to the current state.
   *
   * States that are more likely to be hit are higher up, as a performance improvement.
   */
  parse() {
    while (this.shouldContinue()) {
      const c = this.buffer.charCodeAt(this.index - this.offset);
      switch (this.state) {
        case State.Text: {
          this.stateText(c);
          break;
        }
        case State.SpecialStartSequence: {
          this.stateSpecialStartSequence(c);
          break;
        }
        case State.InSpecialTag: {
          this.stateInSpecialTag(c);
          break;
        }
        case State.CDATASequence: {
          this.stateCDATASequence(c);
          break;
        }
        case State.InAttributeValueDq: {
          this.stateInAttributeValueDoubleQuotes(c);
          break;
        }
        case State.InAttributeName: {
          this.stateInAttributeName(c);
          break;
        }
        case State.InCommentLike: {
          this.stateInCommentLike(c);
          break;
        }
        case State.InSpecialComment: {
          this.stateInSpecialComment(c);
          break;
        }
        case State.BeforeAttributeName: {
          this.stateBeforeAttributeName(c);
          break;
        }
        case State.InTagName: {
          this.stateInTagName(c);
          break;
        }
        case State.InClosingTagName: {
          this.stateInClosingTagName(c);
          break;
        }
        case State.BeforeTagName: {
          this.stateBeforeTagName(c);
          break;
        }
        case State.AfterAttributeName: {
          this.stateAfterAttributeName(c);
          break;
        }
        case State.InAttributeValueSq: {
          this.stateInAttributeValueSingleQuotes(c);
          break;
        }
        case State.BeforeAttributeValue: {
          this.stateBeforeAttributeValue(c);
          break;
        }
        case State.BeforeClosingTagName: {
          this.stateBeforeClosingTagName(c);
          break;
        }
        case State.AfterClosingTagName: {
          this.stateAfterClosingTagName(c);
          break;
        }
        case State.BeforeSpecialS: {
          this.stateBeforeSpecialS(c);
          break;
        }
        case State.BeforeSpecialT: {
          this.stateBeforeSpecialT(c);
          break;
        }
        case State.InAttributeValueNq: {
          this.stateInAttributeValueNoQuotes(c);
          break;
        }
        case State.InSelfClosingTag: {
          this.stateInSelfClosingTag(c);
          break;
        }
        case State.InDeclaration: {
          this.stateInDeclaration(c);
          break;
        }
        case State.BeforeDeclaration: {
          this.stateBeforeDeclaration(c);
          break;
        }
        case State.BeforeComment: {
          this.stateBeforeComment(c);
          break;
        }
        case State.InProcessingInstruction: {
          this.stateInProcessingInstruction(c);
          break;
        }
        case State.InEntity: {
          this.stateInEntity();
          break;
        }
      }
      this.index++;
    }
    this.cleanup();
  }
  finish() {
    if (this.state === State.InEntity) {
      this.entityDecoder.end();
      this.state = this.baseState;
    }
    this.handleTrailingData();
    this.cbs.onend();
  }
  /** Handle any trailing data. */
  handleTrailingData() {
    const endIndex = this.buffer.length + this.offset;
    if (this.sectionStart >= endIndex) {
      return;
    }
    if (this.state === State.InCommentLike) {
      if (this.currentSequence === Sequences.CdataEnd) {
        this.cbs.oncdata(this.sectionStart, endIndex, 0);
      } else {
        this.cbs.oncomment(this.sectionStart, endIndex, 0);
      }
    } else if (this.state === State.InTagName || this.state === State.BeforeAttributeName || this.state === State.BeforeAttributeValue || this.state === State.AfterAttributeName || this.state === State.InAttributeName || this.state === State.InAttributeValueSq || this.state === State.InAttributeValueDq || this.state === State.InAttributeValueNq || this.state === State.InClosingTagName) {
    } else {
      this.cbs.ontext(this.sectionStart, endIndex);
    }
  }
  emitCodePoint(cp2, consumed) {
    if (this.baseState !== State.Text && this.baseState !== State.InSpecialTag) {
      if (this.sectionStart < this.entityStart) {
        this.cbs.onattribdata(this.sectionStart, this.entityStart);
      }
      this.sectionStart = this.entityStart + consumed;
      this.index = this.sectionStart - 1;
      this.cbs.onattribentity(cp2);
    } else {
      if (this.sectionStart < this.entityStart) {
        this.cbs.ontext(this.sectionStart, this.entityStart);
      }
      this.sectionStart = this.entityStart + consumed;
      this.index = this.sectionStart - 1;
      this.cbs.ontextentity(cp2, this.sectionStart);
    }
  }
};

// node_modules/htmlparser2/dist/esm/Parser.js
var formTags = /* @__PURE__ */ new Set([
  "input",
  "option",
  "optgroup",
  "select",
  "button",
  "datalist",
  "textarea"
]);
var pTag = /* @__PURE__ */ new Set(["p"]);
var tableSectionTags = /* @__PURE__ */ new Set(["thead", "tbody"]);
var ddtTags = /* @__PURE__ */ new Set(["dd", "dt"]);
var rtpTags = /* @__PURE__ */ new Set(["rt", "rp"]);
var openImpliesClose = /* @__PURE__ */ new Map([
  ["tr", /* @__PURE__ */ new Set(["tr", "th", "td"])],
  ["th", /* @__PURE__ */ new Set(["th"])],
  ["td", /* @__PURE__ */ new Set(["thead", "th", "td"])],
  ["body", /* @__PURE__ */ new Set(["head", "link", "script"])],
  ["li", /* @__PURE__ */ new Set(["li"])],
  ["p", pTag],
  ["h1", pTag],
  ["h2", pTag],
  ["h3", pTag],
  ["h4", pTag],
  ["h5", pTag],
  ["h6", pTag],
  ["select", formTags],
  ["input", formTags],
  ["output", formTags],
  ["button", formTags],
  ["datalist", formTags],
  ["textarea", formTags],
  ["option", /* @__PURE__ */ new Set(["option"])],
  ["optgroup", /* @__PURE__ */ new Set(["optgroup", "option"])],
  ["dd", ddtTags],
  ["dt", ddtTags],
  ["address", pTag],
  ["article", pTag],
  ["aside", pTag],
  ["blockquote", pTag],
  ["details", pTag],
  ["div", pTag],
  ["dl", pTag],
  ["fieldset", pTag],
  ["figcaption", pTag],
  ["figure", pTag],
  ["footer", pTag],
  ["form", pTag],
  ["header", pTag],
  ["hr", pTag],
  ["main", pTag],
  ["nav", pTag],
  ["ol", pTag],
  ["pre", pTag],
  ["section", pTag],
  ["table", pTag],
  ["ul", pTag],
  ["rt", rtpTags],
  ["rp", rtpTags],
  ["tbody", tableSectionTags],
  ["tfoot", tableSectionTags]
]);
var voidElements = /* @__PURE__ */ new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr"
]);
var foreignContextElements = /* @__PURE__ */ new Set(["math", "svg"]);
var htmlIntegrationElements = /* @__PURE__ */ new Set([
  "mi",
  "mo",
  "mn",
  "ms",
  "mtext",
  "annotation-xml",
  "foreignobject",
  "desc",
  "title"
]);
var reNameEnd = /\s|\//;
var Parser = class {
  constructor(cbs, options = {}) {
    var _a3, _b, _c, _d, _e, _f;
    this.options = options;
    this.startIndex = 0;
    this.endIndex = 0;
    this.openTagStart = 0;
    this.tagname = "";
    this.attribname = "";
    this.attribvalue = "";
    this.attribs = null;
    this.stack = [];
    this.buffers = [];
    this.bufferOffset = 0;
    this.writeIndex = 0;
    this.ended = false;
    this.cbs = cbs !== null && cbs !== void 0 ? cbs : {};
    this.htmlMode = !this.options.xmlMode;
    this.lowerCaseTagNames = (_a3 = options.lowerCaseTags) !== null && _a3 !== void 0 ? _a3 : this.htmlMode;
    this.lowerCaseAttributeNames = (_b = options.lowerCaseAttributeNames) !== null && _b !== void 0 ? _b : this.htmlMode;
    this.recognizeSelfClosing = (_c = options.recognizeSelfClosing) !== null && _c !== void 0 ? _c : !this.htmlMode;
    this.tokenizer = new ((_d = options.Tokenizer) !== null && _d !== void 0 ? _d : Tokenizer)(this.options, this);
    this.foreignContext = [!this.htmlMode];
    (_f = (_e = this.cbs).onparserinit) === null || _f === void 0 ? void 0 : _f.call(_e, this);
  }
  // Tokenizer event handlers
  /** @internal */
  ontext(start, endIndex) {
    var _a3, _b;
    const data = this.getSlice(start, endIndex);
    this.endIndex = endIndex - 1;
    (_b = (_a3 = this.cbs).ontext) === null || _b === void 0 ? void 0 : _b.call(_a3, data);
    this.startIndex = endIndex;
  }
  /** @internal */
  ontextentity(cp2, endIndex) {
    var _a3, _b;
    this.endIndex = endIndex - 1;
    (_b = (_a3 = this.cbs).ontext) === null || _b === void 0 ? void 0 : _b.call(_a3, fromCodePoint(cp2));
    this.startIndex = endIndex;
  }
  /**
   * Checks if the current tag is a void element. Override this if you want
   * to specify your own additional void elements.
   */
  isVoidElement(name) {
    return this.htmlMode && voidElements.has(name);
  }
  /** @internal */
  onopentagname(start, endIndex) {
    this.endIndex = endIndex;
    let name = this.getSlice(start, endIndex);
    if (this.lowerCaseTagNames) {
      name = name.toLowerCase();
    }
    this.emitOpenTag(name);
  }
  emitOpenTag(name) {
    var _a3, _b, _c, _d;
    this.openTagStart = this.startIndex;
    this.tagname = name;
    const impliesClose = this.htmlMode && openImpliesClose.get(name);
    if (impliesClose) {
      while (this.stack.length > 0 && impliesClose.has(this.stack[0])) {
        const element = this.stack.shift();
        (_b = (_a3 = this.cbs).onclosetag) === null || _b === void 0 ? void 0 : _b.call(_a3, element, true);
      }
    }
    if (!this.isVoidElement(name)) {
      this.stack.unshift(name);
      if (this.htmlMode) {
        if (foreignContextElements.has(name)) {
          this.foreignContext.unshift(true);
        } else if (htmlIntegrationElements.has(name)) {
          this.foreignContext.unshift(false);
        }
      }
    }
    (_d = (_c = this.cbs).onopentagname) === null || _d === void 0 ? void 0 : _d.call(_c, name);
    if (this.cbs.onopentag)
      this.attribs = {};
  }
  endOpenTag(isImplied) {
    var _a3, _b;
    this.startIndex = this.openTagStart;
    if (this.attribs) {
      (_b = (_a3 = this.cbs).onopentag) === null || _b === void 0 ? void 0 : _b.call(_a3, this.tagname, this.attribs, isImplied);
      this.attribs = null;
    }
    if (this.cbs.onclosetag && this.isVoidElement(this.tagname)) {
      this.cbs.onclosetag(this.tagname, true);
    }
    this.tagname = "";
  }
  /** @internal */
  onopentagend(endIndex) {
    this.endIndex = endIndex;
    this.endOpenTag(false);
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  onclosetag(start, endIndex) {
    var _a3, _b, _c, _d, _e, _f, _g, _h;
    this.endIndex = endIndex;
    let name = this.getSlice(start, endIndex);
    if (this.lowerCaseTagNames) {
      name = name.toLowerCase();
    }
    if (this.htmlMode && (foreignContextElements.has(name) || htmlIntegrationElements.has(name))) {
      this.foreignContext.shift();
    }
    if (!this.isVoidElement(name)) {
      const pos = this.stack.indexOf(name);
      if (pos !== -1) {
        for (let index = 0; index <= pos; index++) {
          const element = this.stack.shift();
          (_b = (_a3 = this.cbs).onclosetag) === null || _b === void 0 ? void 0 : _b.call(_a3, element, index !== pos);
        }
      } else if (this.htmlMode && name === "p") {
        this.emitOpenTag("p");
        this.closeCurrentTag(true);
      }
    } else if (this.htmlMode && name === "br") {
      (_d = (_c = this.cbs).onopentagname) === null || _d === void 0 ? void 0 : _d.call(_c, "br");
      (_f = (_e = this.cbs).onopentag) === null || _f === void 0 ? void 0 : _f.call(_e, "br", {}, true);
      (_h = (_g = this.cbs).onclosetag) === null || _h === void 0 ? void 0 : _h.call(_g, "br", false);
    }
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  onselfclosingtag(endIndex) {
    this.endIndex = endIndex;
    if (this.recognizeSelfClosing || this.foreignContext[0]) {
      this.closeCurrentTag(false);
      this.startIndex = endIndex + 1;
    } else {
      this.onopentagend(endIndex);
    }
  }
  closeCurrentTag(isOpenImplied) {
    var _a3, _b;
    const name = this.tagname;
    this.endOpenTag(isOpenImplied);
    if (this.stack[0] === name) {
      (_b = (_a3 = this.cbs).onclosetag) === null || _b === void 0 ? void 0 : _b.call(_a3, name, !isOpenImplied);
      this.stack.shift();
    }
  }
  /** @internal */
  onattribname(start, endIndex) {
    this.startIndex = start;
    const name = this.getSlice(start, endIndex);
    this.attribname = this.lowerCaseAttributeNames ? name.toLowerCase() : name;
  }
  /** @internal */
  onattribdata(start, endIndex) {
    this.attribvalue += this.getSlice(start, endIndex);
  }
  /** @internal */
  onattribentity(cp2) {
    this.attribvalue += fromCodePoint(cp2);
  }
  /** @internal */
  onattribend(quote, endIndex) {
    var _a3, _b;
    this.endIndex = endIndex;
    (_b = (_a3 = this.cbs).onattribute) === null || _b === void 0 ? void 0 : _b.call(_a3, this.attribname, this.attribvalue, quote === QuoteType.Double ? '"' : quote === QuoteType.Single ? "'" : quote === QuoteType.NoValue ? void 0 : null);
    if (this.attribs && !Object.prototype.hasOwnProperty.call(this.attribs, this.attribname)) {
      this.attribs[this.attribname] = this.attribvalue;
    }
    this.attribvalue = "";
  }
  getInstructionName(value) {
    const index = value.search(reNameEnd);
    let name = index < 0 ? value : value.substr(0, index);
    if (this.lowerCaseTagNames) {
      name = name.toLowerCase();
    }
    return name;
  }
  /** @internal */
  ondeclaration(start, endIndex) {
    this.endIndex = endIndex;
    const value = this.getSlice(start, endIndex);
    if (this.cbs.onprocessinginstruction) {
      const name = this.getInstructionName(value);
      this.cbs.onprocessinginstruction(`!${name}`, `!${value}`);
    }
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  onprocessinginstruction(start, endIndex) {
    this.endIndex = endIndex;
    const value = this.getSlice(start, endIndex);
    if (this.cbs.onprocessinginstruction) {
      const name = this.getInstructionName(value);
      this.cbs.onprocessinginstruction(`?${name}`, `?${value}`);
    }
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  oncomment(start, endIndex, offset) {
    var _a3, _b, _c, _d;
    this.endIndex = endIndex;
    (_b = (_a3 = this.cbs).oncomment) === null || _b === void 0 ? void 0 : _b.call(_a3, this.getSlice(start, endIndex - offset));
    (_d = (_c = this.cbs).oncommentend) === null || _d === void 0 ? void 0 : _d.call(_c);
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  oncdata(start, endIndex, offset) {
    var _a3, _b, _c, _d, _e, _f, _g, _h, _j, _k;
    this.endIndex = endIndex;
    const value = this.getSlice(start, endIndex - offset);
    if (!this.htmlMode || this.options.recognizeCDATA) {
      (_b = (_a3 = this.cbs).oncdatastart) === null || _b === void 0 ? void 0 : _b.call(_a3);
      (_d = (_c = this.cbs).ontext) === null || _d === void 0 ? void 0 : _d.call(_c, value);
      (_f = (_e = this.cbs).oncdataend) === null || _f === void 0 ? void 0 : _f.call(_e);
    } else {
      (_h = (_g = this.cbs).oncomment) === null || _h === void 0 ? void 0 : _h.call(_g, `[CDATA[${value}]]`);
      (_k = (_j = this.cbs).oncommentend) === null || _k === void 0 ? void 0 : _k.call(_j);
    }
    this.startIndex = endIndex + 1;
  }
  /** @internal */
  onend() {
    var _a3, _b;
    if (this.cbs.onclosetag) {
      this.endIndex = this.startIndex;
      for (let index = 0; index < this.stack.length; index++) {
        this.cbs.onclosetag(this.stack[index], true);
      }
    }
    (_b = (_a3 = this.cbs).onend) === null || _b === void 0 ? void 0 : _b.call(_a3);
  }
  /**
   * Resets the parser to a blank state, ready to parse a new HTML document
   */
  reset() {
    var _a3, _b, _c, _d;
    (_b = (_a3 = this.cbs).onreset) === null || _b === void 0 ? void 0 : _b.call(_a3);
    this.tokenizer.reset();
    this.tagname = "";
    this.attribname = "";
    this.attribs = null;
    this.stack.length = 0;
    this.startIndex = 0;
    this.endIndex = 0;
    (_d = (_c = this.cbs).onparserinit) === null || _d === void 0 ? void 0 : _d.call(_c, this);
    this.buffers.length = 0;
    this.foreignContext.length = 0;
    this.foreignContext.unshift(!this.htmlMode);
    this.bufferOffset = 0;
    this.writeIndex = 0;
    this.ended = false;
  }
  /**
   * Resets the parser, then parses a complete document and
   * pushes it to the handler.
   *
   * @param data Document to parse.
   */
  parseComplete(data) {
    this.reset();
    this.end(data);
  }
  getSlice(start, end) {
    while (start - this.bufferOffset >= this.buffers[0].length) {
      this.shiftBuffer();
    }
    let slice = this.buffers[0].slice(start - this.bufferOffset, end - this.bufferOffset);
    while (end - this.bufferOffset > this.buffers[0].length) {
      this.shiftBuffer();
      slice += this.buffers[0].slice(0, end - this.bufferOffset);
    }
    return slice;
  }
  shiftBuffer() {
    this.bufferOffset += this.buffers[0].length;
    this.writeIndex--;
    this.buffers.shift();
  }
  /**
   * Parses a chunk of data and calls the corresponding callbacks.
   *
   * @param chunk Chunk to parse.
   */
  write(chunk) {
    var _a3, _b;
    if (this.ended) {
      (_b = (_a3 = this.cbs).onerror) === null || _b === void 0 ? void 0 : _b.call(_a3, new Error(".write() after done!"));
      return;
    }
    this.buffers.push(chunk);
    if (this.tokenizer.running) {
      this.tokenizer.write(chunk);
      this.writeIndex++;
    }
  }
  /**
   * Parses the end of the buffer and clears the stack, calls onend.
   *
   * @param chunk Optional final chunk to parse.
   */
  end(chunk) {
    var _a3, _b;
    if (this.ended) {
      (_b = (_a3 = this.cbs).onerror) === null || _b === void 0 ? void 0 : _b.call(_a3, new Error(".end() after done!"));
      return;
    }
    if (chunk)
      this.write(chunk);
    this.ended = true;
    this.tokenizer.end();
  }
  /**
   * Pauses parsing. The parser won't emit events until `resume` is called.
   */
  pause() {
    this.tokenizer.pause();
  }
  /**
   * Resumes parsing after `pause` was called.
   */
  resume() {
    this.tokenizer.resume();
    while (this.tokenizer.running && this.writeIndex < this.buffers.length) {
      this.tokenizer.write(this.buffers[this.writeIndex++]);
    }
    if (this.ended)
      this.tokenizer.end();
  }
  /**
   * Alias of `write`, for backwards compatibility.
   *
   * @param chunk Chunk to parse.
   * @deprecated
   */
  parseChunk(chunk) {
    this.write(chunk);
  }
  /**
   * Alias of `end`, for backwards compatibility.
   *
   * @param chunk Optional final chunk to parse.
   * @deprecated
   */
  done(chunk) {
    this.end(chunk);
  }
};

// node_modules/domelementtype/lib/esm/index.js
var esm_exports = {};
__export(esm_exports, {
  CDATA: () => CDATA,
  Comment: () => Comment,
  Directive: () => Directive,
  Doctype: () => Doctype,
  ElementType: () => ElementType,
  Root: () => Root,
  Script: () => Script,
  Style: () => Style,
  Tag: () => Tag,
  Text: () => Text,
  isTag: () => isTag
});
var ElementType;
(function(ElementType3) {
  ElementType3["Root"] = "root";
  ElementType3["Text"] = "text";
  ElementType3["Directive"] = "directive";
  ElementType3["Comment"] = "comment";
  ElementType3["Script"] = "script";
  ElementType3["Style"] = "style";
  ElementType3["Tag"] = "tag";
  ElementType3["CDATA"] = "cdata";
  ElementType3["Doctype"] = "doctype";
})(ElementType || (ElementType = {}));
function isTag(elem) {
  return elem.type === ElementType.Tag || elem.type === ElementType.Script || elem.type === ElementType.Style;
}
var Root = ElementType.Root;
var Text = ElementType.Text;
var Directive = ElementType.Directive;
var Comment = ElementType.Comment;
var Script = ElementType.Script;
var Style = ElementType.Style;
var Tag = ElementType.Tag;
var CDATA = ElementType.CDATA;
var Doctype = ElementType.Doctype;

// node_modules/domhandler/lib/esm/node.js
var Node = class {
  constructor() {
    this.parent = null;
    this.prev = null;
    this.next = null;
    this.startIndex = null;
    this.endIndex = null;
  }
  // Read-write aliases for properties
  /**
   * Same as {@link parent}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get parentNode() {
    return this.parent;
  }
  set parentNode(parent) {
    this.parent = parent;
  }
  /**
   * Same as {@link prev}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get previousSibling() {
    return this.prev;
  }
  set previousSibling(prev) {
    this.prev = prev;
  }
  /**
   * Same as {@link next}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get nextSibling() {
    return this.next;
  }
  set nextSibling(next) {
    this.next = next;
  }
  /**
   * Clone this node, and optionally its children.
   *
   * @param recursive Clone child nodes as well.
   * @returns A clone of the node.
   */
  cloneNode(recursive = false) {
    return cloneNode(this, recursive);
  }
};
var DataNode = class extends Node {
  /**
   * @param data The content of the data node
   */
  constructor(data) {
    super();
    this.data = data;
  }
  /**
   * Same as {@link data}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get nodeValue() {
    return this.data;
  }
  set nodeValue(data) {
    this.data = data;
  }
};
var Text2 = class extends DataNode {
  constructor() {
    super(...arguments);
    this.type = ElementType.Text;
  }
  get nodeType() {
    return 3;
  }
};
var Comment2 = class extends DataNode {
  constructor() {
    super(...arguments);
    this.type = ElementType.Comment;
  }
  get nodeType() {
    return 8;
  }
};
var ProcessingInstruction = class extends DataNode {
  constructor(name, data) {
    super(data);
    this.name = name;
    this.type = ElementType.Directive;
  }
  get nodeType() {
    return 1;
  }
};
var NodeWithChildren = class extends Node {
  /**
   * @param children Children of the node. Only certain node types can have children.
   */
  constructor(children) {
    super();
    this.children = children;
  }
  // Aliases
  /** First child of the node. */
  get firstChild() {
    var _a3;
    return (_a3 = this.children[0]) !== null && _a3 !== void 0 ? _a3 : null;
  }
  /** Last child of the node. */
  get lastChild() {
    return this.children.length > 0 ? this.children[this.children.length - 1] : null;
  }
  /**
   * Same as {@link children}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get childNodes() {
    return this.children;
  }
  set childNodes(children) {
    this.children = children;
  }
};
var CDATA2 = class extends NodeWithChildren {
  constructor() {
    super(...arguments);
    this.type = ElementType.CDATA;
  }
  get nodeType() {
    return 4;
  }
};
var Document = class extends NodeWithChildren {
  constructor() {
    super(...arguments);
    this.type = ElementType.Root;
  }
  get nodeType() {
    return 9;
  }
};
var Element = class extends NodeWithChildren {
  /**
   * @param name Name of the tag, eg. `div`, `span`.
   * @param attribs Object mapping attribute names to attribute values.
   * @param children Children of the node.
   */
  constructor(name, attribs, children = [], type = name === "script" ? ElementType.Script : name === "style" ? ElementType.Style : ElementType.Tag) {
    super(children);
    this.name = name;
    this.attribs = attribs;
    this.type = type;
  }
  get nodeType() {
    return 1;
  }
  // DOM Level 1 aliases
  /**
   * Same as {@link name}.
   * [DOM spec](https://dom.spec.whatwg.org)-compatible alias.
   */
  get tagName() {
    return this.name;
  }
  set tagName(name) {
    this.name = name;
  }
  get attributes() {
    return Object.keys(this.attribs).map((name) => {
      var _a3, _b;
      return {
        name,
        value: this.attribs[name],
        namespace: (_a3 = this["x-attribsNamespace"]) === null || _a3 === void 0 ? void 0 : _a3[name],
        prefix: (_b = this["x-attribsPrefix"]) === null || _b === void 0 ? void 0 : _b[name]
      };
    });
  }
};
function isTag2(node) {
  return isTag(node);
}
function isCDATA(node) {
  return node.type === ElementType.CDATA;
}
function isText(node) {
  return node.type === ElementType.Text;
}
function isComment(node) {
  return node.type === ElementType.Comment;
}
function isDirective(node) {
  return node.type === ElementType.Directive;
}
function isDocument(node) {
  return node.type === ElementType.Root;
}
function hasChildren(node) {
  return Object.prototype.hasOwnProperty.call(node, "children");
}
function cloneNode(node, recursive = false) {
  let result;
  if (isText(node)) {
    result = new Text2(node.data);
  } else if (isComment(node)) {
    result = new Comment2(node.data);
  } else if (isTag2(node)) {
    const children = recursive ? cloneChildren(node.children) : [];
    const clone = new Element(node.name, { ...node.attribs }, children);
    children.forEach((child) => child.parent = clone);
    if (node.namespace != null) {
      clone.namespace = node.namespace;
    }
    if (node["x-attribsNamespace"]) {
      clone["x-attribsNamespace"] = { ...node["x-attribsNamespace"] };
    }
    if (node["x-attribsPrefix"]) {
      clone["x-attribsPrefix"] = { ...node["x-attribsPrefix"] };
    }
    result = clone;
  } else if (isCDATA(node)) {
    const children = recursive ? cloneChildren(node.children) : [];
    const clone = new CDATA2(children);
    children.forEach((child) => child.parent = clone);
    result = clone;
  } else if (isDocument(node)) {
    const children = recursive ? cloneChildren(node.children) : [];
    const clone = new Document(children);
    children.forEach((child) => child.parent = clone);
    if (node["x-mode"]) {
      clone["x-mode"] = node["x-mode"];
    }
    result = clone;
  } else if (isDirective(node)) {
    const instruction = new ProcessingInstruction(node.name, node.data);
    if (node["x-name"] != null) {
      instruction["x-name"] = node["x-name"];
      instruction["x-publicId"] = node["x-publicId"];
      instruction["x-systemId"] = node["x-systemId"];
    }
    result = instruction;
  } else {
    throw new Error(`Not implemented yet: ${node.type}`);
  }
  result.startIndex = node.startIndex;
  result.endIndex = node.endIndex;
  if (node.sourceCodeLocation != null) {
    result.sourceCodeLocation = node.sourceCodeLocation;
  }
  return result;
}
function cloneChildren(childs) {
  const children = childs.map((child) => cloneNode(child, true));
  for (let i = 1; i < children.length; i++) {
    children[i].prev = children[i - 1];
    children[i - 1].next = children[i];
  }
  return children;
}

// node_modules/domhandler/lib/esm/index.js
var defaultOpts = {
  withStartIndices: false,
  withEndIndices: false,
  xmlMode: false
};
var DomHandler = class {
  /**
   * @param callback Called once parsing has completed.
   * @param options Settings for the handler.
   * @param elementCB Callback whenever a tag is closed.
   */
  constructor(callback, options, elementCB) {
    this.dom = [];
    this.root = new Document(this.dom);
    this.done = false;
    this.tagStack = [this.root];
    this.lastNode = null;
    this.parser = null;
    if (typeof options === "function") {
      elementCB = options;
      options = defaultOpts;
    }
    if (typeof callback === "object") {
      options = callback;
      callback = void 0;
    }
    this.callback = callback !== null && callback !== void 0 ? callback : null;
    this.options = options !== null && options !== void 0 ? options : defaultOpts;
    this.elementCB = elementCB !== null && elementCB !== void 0 ? elementCB : null;
  }
  onparserinit(parser) {
    this.parser = parser;
  }
  // Resets the handler back to starting state
  onreset() {
    this.dom = [];
    this.root = new Document(this.dom);
    this.done = false;
    this.tagStack = [this.root];
    this.lastNode = null;
    this.parser = null;
  }
  // Signals the handler that parsing is done
  onend() {
    if (this.done)
      return;
    this.done = true;
    this.parser = null;
    this.handleCallback(null);
  }
  onerror(error) {
    this.handleCallback(error);
  }
  onclosetag() {
    this.lastNode = null;
    const elem = this.tagStack.pop();
    if (this.options.withEndIndices) {
      elem.endIndex = this.parser.endIndex;
    }
    if (this.elementCB)
      this.elementCB(elem);
  }
  onopentag(name, attribs) {
    const type = this.options.xmlMode ? ElementType.Tag : void 0;
    const element = new Element(name, attribs, void 0, type);
    this.addNode(element);
    this.tagStack.push(element);
  }
  ontext(data) {
    const { lastNode } = this;
    if (lastNode && lastNode.type === ElementType.Text) {
      lastNode.data += data;
      if (this.options.withEndIndices) {
        lastNode.endIndex = this.parser.endIndex;
      }
    } else {
      const node = new Text2(data);
      this.addNode(node);
      this.lastNode = node;
    }
  }
  oncomment(data) {
    if (this.lastNode && this.lastNode.type === ElementType.Comment) {
      this.lastNode.data += data;
      return;
    }
    const node = new Comment2(data);
    this.addNode(node);
    this.lastNode = node;
  }
  oncommentend() {
    this.lastNode = null;
  }
  oncdatastart() {
    const text2 = new Text2("");
    const node = new CDATA2([text2]);
    this.addNode(node);
    text2.parent = node;
    this.lastNode = text2;
  }
  oncdataend() {
    this.lastNode = null;
  }
  onprocessinginstruction(name, data) {
    const node = new ProcessingInstruction(name, data);
    this.addNode(node);
  }
  handleCallback(error) {
    if (typeof this.callback === "function") {
      this.callback(error, this.dom);
    } else if (error) {
      throw error;
    }
  }
  addNode(node) {
    const parent = this.tagStack[this.tagStack.length - 1];
    const previousSibling2 = parent.children[parent.children.length - 1];
    if (this.options.withStartIndices) {
      node.startIndex = this.parser.startIndex;
    }
    if (this.options.withEndIndices) {
      node.endIndex = this.parser.endIndex;
    }
    parent.children.push(node);
    if (previousSibling2) {
      node.prev = previousSibling2;
      previousSibling2.next = node;
    }
    node.parent = parent;
    this.lastNode = null;
  }
};

// node_modules/domutils/lib/esm/index.js
var esm_exports2 = {};
__export(esm_exports2, {
  DocumentPosition: () => DocumentPosition,
  append: () => append,
  appendChild: () => appendChild,
  compareDocumentPosition: () => compareDocumentPosition,
  existsOne: () => existsOne,
  filter: () => filter,
  find: () => find,
  findAll: () => findAll,
  findOne: () => findOne,
  findOneChild: () => findOneChild,
  getAttributeValue: () => getAttributeValue,
  getChildren: () => getChildren,
  getElementById: () => getElementById,
  getElements: () => getElements,
  getElementsByClassName: () => getElementsByClassName,
  getElementsByTagName: () => getElementsByTagName,
  getElementsByTagType: () => getElementsByTagType,
  getFeed: () => getFeed,
  getInnerHTML: () => getInnerHTML,
  getName: () => getName,
  getOuterHTML: () => getOuterHTML,
  getParent: () => getParent,
  getSiblings: () => getSiblings,
  getText: () => getText,
  hasAttrib: () => hasAttrib,
  hasChildren: () => hasChildren,
  innerText: () => innerText,
  isCDATA: () => isCDATA,
  isComment: () => isComment,
  isDocument: () => isDocument,
  isTag: () => isTag2,
  isText: () => isText,
  nextElementSibling: () => nextElementSibling,
  prepend: () => prepend,
  prependChild: () => prependChild,
  prevElementSibling: () => prevElementSibling,
  removeElement: () => removeElement,
  removeSubsets: () => removeSubsets,
  replaceElement: () => replaceElement,
  testElement: () => testElement,
  textContent: () => textContent,
  uniqueSort: () => uniqueSort
});

// node_modules/entities/lib/esm/generated/decode-data-html.js
var decode_data_html_default = new Uint16Array(
  // prettier-ignore
  '\u1D41<\xD5\u0131\u028A\u049D\u057B\u05D0\u0675\u06DE\u07A2\u07D6\u080F\u0A4A\u0A91\u0DA1\u0E6D\u0F09\u0F26\u10CA\u1228\u12E1\u1415\u149D\u14C3\u14DF\u1525\0\0\0\0\0\0\u156B\u16CD\u198D\u1C12\u1DDD\u1F7E\u2060\u21B0\u228D\u23C0\u23FB\u2442\u2824\u2912\u2D08\u2E48\u2FCE\u3016\u32BA\u3639\u37AC\u38FE\u3A28\u3A71\u3AE0\u3B2E\u0800EMabcfglmnoprstu\\bfms\x7F\x84\x8B\x90\x95\x98\xA6\xB3\xB9\xC8\xCFlig\u803B\xC6\u40C6P\u803B&\u4026cute\u803B\xC1\u40C1reve;\u4102\u0100iyx}rc\u803B\xC2\u40C2;\u4410r;\uC000\u{1D504}rave\u803B\xC0\u40C0pha;\u4391acr;\u4100d;\u6A53\u0100gp\x9D\xA1on;\u4104f;\uC000\u{1D538}plyFunction;\u6061ing\u803B\xC5\u40C5\u0100cs\xBE\xC3r;\uC000\u{1D49C}ign;\u6254ilde\u803B\xC3\u40C3ml\u803B\xC4\u40C4\u0400aceforsu\xE5\xFB\xFE\u0117\u011C\u0122\u0127\u012A\u0100cr\xEA\xF2kslash;\u6216\u0176\xF6\xF8;\u6AE7ed;\u6306y;\u4411\u0180crt\u0105\u010B\u0114ause;\u6235noullis;\u612Ca;\u4392r;\uC000\u{1D505}pf;\uC000\u{1D539}eve;\u42D8c\xF2\u0113mpeq;\u624E\u0700HOacdefhilorsu\u014D\u0151\u0156\u0180\u019E\u01A2\u01B5\u01B7\u01BA\u01DC\u0215\u0273\u0278\u027Ecy;\u4427PY\u803B\xA9\u40A9\u0180cpy\u015D\u0162\u017Aute;\u4106\u0100;i\u0167\u0168\u62D2talDifferentialD;\u6145leys;\u612D\u0200aeio\u0189\u018E\u0194\u0198ron;\u410Cdil\u803B\xC7\u40C7rc;\u4108nint;\u6230ot;\u410A\u0100dn\u01A7\u01ADilla;\u40B8terDot;\u40B7\xF2\u017Fi;\u43A7rcle\u0200DMPT\u01C7\u01CB\u01D1\u01D6ot;\u6299inus;\u6296lus;\u6295imes;\u6297o\u0100cs\u01E2\u01F8kwiseContourIntegral;\u6232eCurly\u0100DQ\u0203\u020FoubleQuote;\u601Duote;\u6019\u0200lnpu\u021E\u0228\u0247\u0255on\u0100;e\u0225\u0226\u6237;\u6A74\u0180git\u022F\u0236\u023Aruent;\u6261nt;\u622FourIntegral;\u622E\u0100fr\u024C\u024E;\u6102oduct;\u6210nterClockwiseContourIntegral;\u6233oss;\u6A2Fcr;\uC000\u{1D49E}p\u0100;C\u0284\u0285\u62D3ap;\u624D\u0580DJSZacefios\u02A0\u02AC\u02B0\u02B4\u02B8\u02CB\u02D7\u02E1\u02E6\u0333\u048D\u0100;o\u0179\u02A5trahd;\u6911cy;\u4402cy;\u4405cy;\u440F\u0180grs\u02BF\u02C4\u02C7ger;\u6021r;\u61A1hv;\u6AE4\u0100ay\u02D0\u02D5ron;\u410E;\u4414l\u0100;t\u02DD\u02DE\u6207a;\u4394r;\uC000\u{1D507}\u0100af\u02EB\u0327\u0100cm\u02F0\u0322ritical\u0200ADGT\u0300\u0306\u0316\u031Ccute;\u40B4o\u0174\u030B\u030D;\u42D9bleAcute;\u42DDrave;\u4060ilde;\u42DCond;\u62C4ferentialD;\u6146\u0470\u033D\0\0\0\u0342\u0354\0\u0405f;\uC000\u{1D53B}\u0180;DE\u0348\u0349\u034D\u40A8ot;\u60DCqual;\u6250ble\u0300CDLRUV\u0363\u0372\u0382\u03CF\u03E2\u03F8ontourIntegra\xEC\u0239o\u0274\u0379\0\0\u037B\xBB\u0349nArrow;\u61D3\u0100eo\u0387\u03A4ft\u0180ART\u0390\u0396\u03A1rrow;\u61D0ightArrow;\u61D4e\xE5\u02CAng\u0100LR\u03AB\u03C4eft\u0100AR\u03B3\u03B9rrow;\u67F8ightArrow;\u67FAightArrow;\u67F9ight\u0100AT\u03D8\u03DErrow;\u61D2ee;\u62A8p\u0241\u03E9\0\0\u03EFrrow;\u61D1ownArrow;\u61D5erticalBar;\u6225n\u0300ABLRTa\u0412\u042A\u0430\u045E\u047F\u037Crrow\u0180;BU\u041D\u041E\u0422\u6193ar;\u6913pArrow;\u61F5reve;\u4311eft\u02D2\u043A\0\u0446\0\u0450ightVector;\u6950eeVector;\u695Eector\u0100;B\u0459\u045A\u61BDar;\u6956ight\u01D4\u0467\0\u0471eeVector;\u695Fector\u0100;B\u047A\u047B\u61C1ar;\u6957ee\u0100;A\u0486\u0487\u62A4rrow;\u61A7\u0100ct\u0492\u0497r;\uC000\u{1D49F}rok;\u4110\u0800NTacdfglmopqstux\u04BD\u04C0\u04C4\u04CB\u04DE\u04E2\u04E7\u04EE\u04F5\u0521\u052F\u0536\u0552\u055D\u0560\u0565G;\u414AH\u803B\xD0\u40D0cute\u803B\xC9\u40C9\u0180aiy\u04D2\u04D7\u04DCron;\u411Arc\u803B\xCA\u40CA;\u442Dot;\u4116r;\uC000\u{1D508}rave\u803B\xC8\u40C8ement;\u6208\u0100ap\u04FA\u04FEcr;\u4112ty\u0253\u0506\0\0\u0512mallSquare;\u65FBerySmallSquare;\u65AB\u0100gp\u0526\u052Aon;\u4118f;\uC000\u{1D53C}silon;\u4395u\u0100ai\u053C\u0549l\u0100;T\u0542\u0543\u6A75ilde;\u6242librium;\u61CC\u0100ci\u0557\u055Ar;\u6130m;\u6A73a;\u4397ml\u803B\xCB\u40CB\u0100ip\u056A\u056Fsts;\u6203onentialE;\u6147\u0280cfios\u0585\u0588\u058D\u05B2\u05CCy;\u4424r;\uC000\u{1D509}lled\u0253\u0597\0\0\u05A3mallSquare;\u65FCerySmallSquare;\u65AA\u0370\u05BA\0\u05BF\0\0\u05C4f;\uC000\u{1D53D}All;\u6200riertrf;\u6131c\xF2\u05CB\u0600JTabcdfgorst\u05E8\u05EC\u05EF\u05FA\u0600\u0612\u0616\u061B\u061D\u0623\u066C\u0672cy;\u4403\u803B>\u403Emma\u0100;d\u05F7\u05F8\u4393;\u43DCreve;\u411E\u0180eiy\u0607\u060C\u0610dil;\u4122rc;\u411C;\u4413ot;\u4120r;\uC000\u{1D50A};\u62D9pf;\uC000\u{1D53E}eater\u0300EFGLST\u0635\u0644\u064E\u0656\u065B\u0666qual\u0100;L\u063E\u063F\u6265ess;\u62DBullEqual;\u6267reater;\u6AA2ess;\u6277lantEqual;\u6A7Eilde;\u6273cr;\uC000\u{1D4A2};\u626B\u0400Aacfiosu\u0685\u068B\u0696\u069B\u069E\u06AA\u06BE\u06CARDcy;\u442A\u0100ct\u0690\u0694ek;\u42C7;\u405Eirc;\u4124r;\u610ClbertSpace;\u610B\u01F0\u06AF\0\u06B2f;\u610DizontalLine;\u6500\u0100ct\u06C3\u06C5\xF2\u06A9rok;\u4126mp\u0144\u06D0\u06D8ownHum\xF0\u012Fqual;\u624F\u0700EJOacdfgmnostu\u06FA\u06FE\u0703\u0707\u070E\u071A\u071E\u0721\u0728\u0744\u0778\u078B\u078F\u0795cy;\u4415lig;\u4132cy;\u4401cute\u803B\xCD\u40CD\u0100iy\u0713\u0718rc\u803B\xCE\u40CE;\u4418ot;\u4130r;\u6111rave\u803B\xCC\u40CC\u0180;ap\u0720\u072F\u073F\u0100cg\u0734\u0737r;\u412AinaryI;\u6148lie\xF3\u03DD\u01F4\u0749\0\u0762\u0100;e\u074D\u074E\u622C\u0100gr\u0753\u0758ral;\u622Bsection;\u62C2isible\u0100CT\u076C\u0772omma;\u6063imes;\u6062\u0180gpt\u077F\u0783\u0788on;\u412Ef;\uC000\u{1D540}a;\u4399cr;\u6110ilde;\u4128\u01EB\u079A\0\u079Ecy;\u4406l\u803B\xCF\u40CF\u0280cfosu\u07AC\u07B7\u07BC\u07C2\u07D0\u0100iy\u07B1\u07B5rc;\u4134;\u4419r;\uC000\u{1D50D}pf;\uC000\u{1D541}\u01E3\u07C7\0\u07CCr;\uC000\u{1D4A5}rcy;\u4408kcy;\u4404\u0380HJacfos\u07E4\u07E8\u07EC\u07F1\u07FD\u0802\u0808cy;\u4425cy;\u440Cppa;\u439A\u0100ey\u07F6\u07FBdil;\u4136;\u441Ar;\uC000\u{1D50E}pf;\uC000\u{1D542}cr;\uC000\u{1D4A6}\u0580JTaceflmost\u0825\u0829\u082C\u0850\u0863\u09B3\u09B8\u09C7\u09CD\u0A37\u0A47cy;\u4409\u803B<\u403C\u0280cmnpr\u0837\u083C\u0841\u0844\u084Dute;\u4139bda;\u439Bg;\u67EAlacetrf;\u6112r;\u619E\u0180aey\u0857\u085C\u0861ron;\u413Ddil;\u413B;\u441B\u0100fs\u0868\u0970t\u0500ACDFRTUVar\u087E\u08A9\u08B1\u08E0\u08E6\u08FC\u092F\u095B\u0390\u096A\u0100nr\u0883\u088FgleBracket;\u67E8row\u0180;BR\u0899\u089A\u089E\u6190ar;\u61E4ightArrow;\u61C6eiling;\u6308o\u01F5\u08B7\0\u08C3bleBracket;\u67E6n\u01D4\u08C8\0\u08D2eeVector;\u6961ector\u0100;B\u08DB\u08DC\u61C3ar;\u6959loor;\u630Aight\u0100AV\u08EF\u08F5rrow;\u6194ector;\u694E\u0100er\u0901\u0917e\u0180;AV\u0909\u090A\u0910\u62A3rrow;\u61A4ector;\u695Aiangle\u0180;BE\u0924\u0925\u0929\u62B2ar;\u69CFqual;\u62B4p\u0180DTV\u0937\u0942\u094CownVector;\u6951eeVector;\u6960ector\u0100;B\u0956\u0957\u61BFar;\u6958ector\u0100;B\u0965\u0966\u61BCar;\u6952ight\xE1\u039Cs\u0300EFGLST\u097E\u098B\u0995\u099D\u09A2\u09ADqualGreater;\u62DAullEqual;\u6266reater;\u6276ess;\u6AA1lantEqual;\u6A7Dilde;\u6272r;\uC000\u{1D50F}\u0100;e\u09BD\u09BE\u62D8ftarrow;\u61DAidot;\u413F\u0180npw\u09D4\u0A16\u0A1Bg\u0200LRlr\u09DE\u09F7\u0A02\u0A10eft\u0100AR\u09E6\u09ECrrow;\u67F5ightArrow;\u67F7ightArrow;\u67F6eft\u0100ar\u03B3\u0A0Aight\xE1\u03BFight\xE1\u03CAf;\uC000\u{1D543}er\u0100LR\u0A22\u0A2CeftArrow;\u6199ightArrow;\u6198\u0180cht\u0A3E\u0A40\u0A42\xF2\u084C;\u61B0rok;\u4141;\u626A\u0400acefiosu\u0A5A\u0A5D\u0A60\u0A77\u0A7C\u0A85\u0A8B\u0A8Ep;\u6905y;\u441C\u0100dl\u0A65\u0A6FiumSpace;\u605Flintrf;\u6133r;\uC000\u{1D510}nusPlus;\u6213pf;\uC000\u{1D544}c\xF2\u0A76;\u439C\u0480Jacefostu\u0AA3\u0AA7\u0AAD\u0AC0\u0B14\u0B19\u0D91\u0D97\u0D9Ecy;\u440Acute;\u4143\u0180aey\u0AB4\u0AB9\u0ABEron;\u4147dil;\u4145;\u441D\u0180gsw\u0AC7\u0AF0\u0B0Eative\u0180MTV\u0AD3\u0ADF\u0AE8ediumSpace;\u600Bhi\u0100cn\u0AE6\u0AD8\xEB\u0AD9eryThi\xEE\u0AD9ted\u0100GL\u0AF8\u0B06reaterGreate\xF2\u0673essLes\xF3\u0A48Line;\u400Ar;\uC000\u{1D511}\u0200Bnpt\u0B22\u0B28\u0B37\u0B3Areak;\u6060BreakingSpace;\u40A0f;\u6115\u0680;CDEGHLNPRSTV\u0B55\u0B56\u0B6A\u0B7C\u0BA1\u0BEB\u0C04\u0C5E\u0C84\u0CA6\u0CD8\u0D61\u0D85\u6AEC\u0100ou\u0B5B\u0B64ngruent;\u6262pCap;\u626DoubleVerticalBar;\u6226\u0180lqx\u0B83\u0B8A\u0B9Bement;\u6209ual\u0100;T\u0B92\u0B93\u6260ilde;\uC000\u2242\u0338ists;\u6204reater\u0380;EFGLST\u0BB6\u0BB7\u0BBD\u0BC9\u0BD3\u0BD8\u0BE5\u626Fqual;\u6271ullEqual;\uC000\u2267\u0338reater;\uC000\u226B\u0338ess;\u6279lantEqual;\uC000\u2A7E\u0338ilde;\u6275ump\u0144\u0BF2\u0BFDownHump;\uC000\u224E\u0338qual;\uC000\u224F\u0338e\u0100fs\u0C0A\u0C27tTriangle\u0180;BE\u0C1A\u0C1B\u0C21\u62EAar;\uC000\u29CF\u0338qual;\u62ECs\u0300;EGLST\u0C35\u0C36\u0C3C\u0C44\u0C4B\u0C58\u626Equal;\u6270reater;\u6278ess;\uC000\u226A\u0338lantEqual;\uC000\u2A7D\u0338ilde;\u6274ested\u0100GL\u0C68\u0C79reaterGreater;\uC000\u2AA2\u0338essLess;\uC000\u2AA1\u0338recedes\u0180;ES\u0C92\u0C93\u0C9B\u6280qual;\uC000\u2AAF\u0338lantEqual;\u62E0\u0100ei\u0CAB\u0CB9verseElement;\u620CghtTriangle\u0180;BE\u0CCB\u0CCC\u0CD2\u62EBar;\uC000\u29D0\u0338qual;\u62ED\u0100qu\u0CDD\u0D0CuareSu\u0100bp\u0CE8\u0CF9set\u0100;E\u0CF0\u0CF3\uC000\u228F\u0338qual;\u62E2erset\u0100;E\u0D03\u0D06\uC000\u2290\u0338qual;\u62E3\u0180bcp\u0D13\u0D24\u0D4Eset\u0100;E\u0D1B\u0D1E\uC000\u2282\u20D2qual;\u6288ceeds\u0200;EST\u0D32\u0D33\u0D3B\u0D46\u6281qual;\uC000\u2AB0\u0338lantEqual;\u62E1ilde;\uC000\u227F\u0338erset\u0100;E\u0D58\u0D5B\uC000\u2283\u20D2qual;\u6289ilde\u0200;EFT\u0D6E\u0D6F\u0D75\u0D7F\u6241qual;\u6244ullEqual;\u6247ilde;\u6249erticalBar;\u6224cr;\uC000\u{1D4A9}ilde\u803B\xD1\u40D1;\u439D\u0700Eacdfgmoprstuv\u0DBD\u0DC2\u0DC9\u0DD5\u0DDB\u0DE0\u0DE7\u0DFC\u0E02\u0E20\u0E22\u0E32\u0E3F\u0E44lig;\u4152cute\u803B\xD3\u40D3\u0100iy\u0DCE\u0DD3rc\u803B\xD4\u40D4;\u441Eblac;\u4150r;\uC000\u{1D512}rave\u803B\xD2\u40D2\u0180aei\u0DEE\u0DF2\u0DF6cr;\u414Cga;\u43A9cron;\u439Fpf;\uC000\u{1D546}enCurly\u0100DQ\u0E0E\u0E1AoubleQuote;\u601Cuote;\u6018;\u6A54\u0100cl\u0E27\u0E2Cr;\uC000\u{1D4AA}ash\u803B\xD8\u40D8i\u016C\u0E37\u0E3Cde\u803B\xD5\u40D5es;\u6A37ml\u803B\xD6\u40D6er\u0100BP\u0E4B\u0E60\u0100ar\u0E50\u0E53r;\u603Eac\u0100ek\u0E5A\u0E5C;\u63DEet;\u63B4arenthesis;\u63DC\u0480acfhilors\u0E7F\u0E87\u0E8A\u0E8F\u0E92\u0E94\u0E9D\u0EB0\u0EFCrtialD;\u6202y;\u441Fr;\uC000\u{1D513}i;\u43A6;\u43A0usMinus;\u40B1\u0100ip\u0EA2\u0EADncareplan\xE5\u069Df;\u6119\u0200;eio\u0EB9\u0EBA\u0EE0\u0EE4\u6ABBcedes\u0200;EST\u0EC8\u0EC9\u0ECF\u0EDA\u627Aqual;\u6AAFlantEqual;\u627Cilde;\u627Eme;\u6033\u0100dp\u0EE9\u0EEEuct;\u620Fortion\u0100;a\u0225\u0EF9l;\u621D\u0100ci\u0F01\u0F06r;\uC000\u{1D4AB};\u43A8\u0200Ufos\u0F11\u0F16\u0F1B\u0F1FOT\u803B"\u4022r;\uC000\u{1D514}pf;\u611Acr;\uC000\u{1D4AC}\u0600BEacefhiorsu\u0F3E\u0F43\u0F47\u0F60\u0F73\u0FA7\u0FAA\u0FAD\u1096\u10A9\u10B4\u10BEarr;\u6910G\u803B\xAE\u40AE\u0180cnr\u0F4E\u0F53\u0F56ute;\u4154g;\u67EBr\u0100;t\u0F5C\u0F5D\u61A0l;\u6916\u0180aey\u0F67\u0F6C\u0F71ron;\u4158dil;\u4156;\u4420\u0100;v\u0F78\u0F79\u611Cerse\u0100EU\u0F82\u0F99\u0100lq\u0F87\u0F8Eement;\u620Builibrium;\u61CBpEquilibrium;\u696Fr\xBB\u0F79o;\u43A1ght\u0400ACDFTUVa\u0FC1\u0FEB\u0FF3\u1022\u1028\u105B\u1087\u03D8\u0100nr\u0FC6\u0FD2gleBracket;\u67E9row\u0180;BL\u0FDC\u0FDD\u0FE1\u6192ar;\u61E5eftArrow;\u61C4eiling;\u6309o\u01F5\u0FF9\0\u1005bleBracket;\u67E7n\u01D4\u100A\0\u1014eeVector;\u695Dector\u0100;B\u101D\u101E\u61C2ar;\u6955loor;\u630B\u0100er\u102D\u1043e\u0180;AV\u1035\u1036\u103C\u62A2rrow;\u61A6ector;\u695Biangle\u0180;BE\u1050\u1051\u1055\u62B3ar;\u69D0qual;\u62B5p\u0180DTV\u1063\u106E\u1078ownVector;\u694FeeVector;\u695Cector\u0100;B\u1082\u1083\u61BEar;\u6954ector\u0100;B\u1091\u1092\u61C0ar;\u6953\u0100pu\u109B\u109Ef;\u611DndImplies;\u6970ightarrow;\u61DB\u0100ch\u10B9\u10BCr;\u611B;\u61B1leDelayed;\u69F4\u0680HOacfhimoqstu\u10E4\u10F1\u10F7\u10FD\u1119\u111E\u1151\u1156\u1161\u1167\u11B5\u11BB\u11BF\u0100Cc\u10E9\u10EEHcy;\u4429y;\u4428FTcy;\u442Ccute;\u415A\u0280;aeiy\u1108\u1109\u110E\u1113\u1117\u6ABCron;\u4160dil;\u415Erc;\u415C;\u4421r;\uC000\u{1D516}ort\u0200DLRU\u112A\u1134\u113E\u1149ownArrow\xBB\u041EeftArrow\xBB\u089AightArrow\xBB\u0FDDpArrow;\u6191gma;\u43A3allCircle;\u6218pf;\uC000\u{1D54A}\u0272\u116D\0\0\u1170t;\u621Aare\u0200;ISU\u117B\u117C\u1189\u11AF\u65A1ntersection;\u6293u\u0100bp\u118F\u119Eset\u0100;E\u1197\u1198\u628Fqual;\u6291erset\u0100;E\u11A8\u11A9\u6290qual;\u6292nion;\u6294cr;\uC000\u{1D4AE}ar;\u62C6\u0200bcmp\u11C8\u11DB\u1209\u120B\u0100;s\u11CD\u11CE\u62D0et\u0100;E\u11CD\u11D5qual;\u6286\u0100ch\u11E0\u1205eeds\u0200;EST\u11ED\u11EE\u11F4\u11FF\u627Bqual;\u6AB0lantEqual;\u627Dilde;\u627FTh\xE1\u0F8C;\u6211\u0180;es\u1212\u1213\u1223\u62D1rset\u0100;E\u121C\u121D\u6283qual;\u6287et\xBB\u1213\u0580HRSacfhiors\u123E\u1244\u1249\u1255\u125E\u1271\u1276\u129F\u12C2\u12C8\u12D1ORN\u803B\xDE\u40DEADE;\u6122\u0100Hc\u124E\u1252cy;\u440By;\u4426\u0100bu\u125A\u125C;\u4009;\u43A4\u0180aey\u1265\u126A\u126Fron;\u4164dil;\u4162;\u4422r;\uC000\u{1D517}\u0100ei\u127B\u1289\u01F2\u1280\0\u1287efore;\u6234a;\u4398\u0100cn\u128E\u1298kSpace;\uC000\u205F\u200ASpace;\u6009lde\u0200;EFT\u12AB\u12AC\u12B2\u12BC\u623Cqual;\u6243ullEqual;\u6245ilde;\u6248pf;\uC000\u{1D54B}ipleDot;\u60DB\u0100ct\u12D6\u12DBr;\uC000\u{1D4AF}rok;\u4166\u0AE1\u12F7\u130E\u131A\u1326\0\u132C\u1331\0\0\0\0\0\u1338\u133D\u1377\u1385\0\u13FF\u1404\u140A\u1410\u0100cr\u12FB\u1301ute\u803B\xDA\u40DAr\u0100;o\u1307\u1308\u619Fcir;\u6949r\u01E3\u1313\0\u1316y;\u440Eve;\u416C\u0100iy\u131E\u1323rc\u803B\xDB\u40DB;\u4423blac;\u4170r;\uC000\u{1D518}rave\u803B\xD9\u40D9acr;\u416A\u0100di\u1341\u1369er\u0100BP\u1348\u135D\u0100ar\u134D\u1350r;\u405Fac\u0100ek\u1357\u1359;\u63DFet;\u63B5arenthesis;\u63DDon\u0100;P\u1370\u1371\u62C3lus;\u628E\u0100gp\u137B\u137Fon;\u4172f;\uC000\u{1D54C}\u0400ADETadps\u1395\u13AE\u13B8\u13C4\u03E8\u13D2\u13D7\u13F3rrow\u0180;BD\u1150\u13A0\u13A4ar;\u6912ownArrow;\u61C5ownArrow;\u6195quilibrium;\u696Eee\u0100;A\u13CB\u13CC\u62A5rrow;\u61A5own\xE1\u03F3er\u0100LR\u13DE\u13E8eftArrow;\u6196ightArrow;\u6197i\u0100;l\u13F9\u13FA\u43D2on;\u43A5ing;\u416Ecr;\uC000\u{1D4B0}ilde;\u4168ml\u803B\xDC\u40DC\u0480Dbcdefosv\u1427\u142C\u1430\u1433\u143E\u1485\u148A\u1490\u1496ash;\u62ABar;\u6AEBy;\u4412ash\u0100;l\u143B\u143C\u62A9;\u6AE6\u0100er\u1443\u1445;\u62C1\u0180bty\u144C\u1450\u147Aar;\u6016\u0100;i\u144F\u1455cal\u0200BLST\u1461\u1465\u146A\u1474ar;\u6223ine;\u407Ceparator;\u6758ilde;\u6240ThinSpace;\u600Ar;\uC000\u{1D519}pf;\uC000\u{1D54D}cr;\uC000\u{1D4B1}dash;\u62AA\u0280cefos\u14A7\u14AC\u14B1\u14B6\u14BCirc;\u4174dge;\u62C0r;\uC000\u{1D51A}pf;\uC000\u{1D54E}cr;\uC000\u{1D4B2}\u0200fios\u14CB\u14D0\u14D2\u14D8r;\uC000\u{1D51B};\u439Epf;\uC000\u{1D54F}cr;\uC000\u{1D4B3}\u0480AIUacfosu\u14F1\u14F5\u14F9\u14FD\u1504\u150F\u1514\u151A\u1520cy;\u442Fcy;\u4407cy;\u442Ecute\u803B\xDD\u40DD\u0100iy\u1509\u150Drc;\u4176;\u442Br;\uC000\u{1D51C}pf;\uC000\u{1D550}cr;\uC000\u{1D4B4}ml;\u4178\u0400Hacdefos\u1535\u1539\u153F\u154B\u154F\u155D\u1560\u1564cy;\u4416cute;\u4179\u0100ay\u1544\u1549ron;\u417D;\u4417ot;\u417B\u01F2\u1554\0\u155BoWidt\xE8\u0AD9a;\u4396r;\u6128pf;\u6124cr;\uC000\u{1D4B5}\u0BE1\u1583\u158A\u1590\0\u15B0\u15B6\u15BF\0\0\0\0\u15C6\u15DB\u15EB\u165F\u166D\0\u1695\u169B\u16B2\u16B9\0\u16BEcute\u803B\xE1\u40E1reve;\u4103\u0300;Ediuy\u159C\u159D\u15A1\u15A3\u15A8\u15AD\u623E;\uC000\u223E\u0333;\u623Frc\u803B\xE2\u40E2te\u80BB\xB4\u0306;\u4430lig\u803B\xE6\u40E6\u0100;r\xB2\u15BA;\uC000\u{1D51E}rave\u803B\xE0\u40E0\u0100ep\u15CA\u15D6\u0100fp\u15CF\u15D4sym;\u6135\xE8\u15D3ha;\u43B1\u0100ap\u15DFc\u0100cl\u15E4\u15E7r;\u4101g;\u6A3F\u0264\u15F0\0\0\u160A\u0280;adsv\u15FA\u15FB\u15FF\u1601\u1607\u6227nd;\u6A55;\u6A5Clope;\u6A58;\u6A5A\u0380;elmrsz\u1618\u1619\u161B\u161E\u163F\u164F\u1659\u6220;\u69A4e\xBB\u1619sd\u0100;a\u1625\u1626\u6221\u0461\u1630\u1632\u1634\u1636\u1638\u163A\u163C\u163E;\u69A8;\u69A9;\u69AA;\u69AB;\u69AC;\u69AD;\u69AE;\u69AFt\u0100;v\u1645\u1646\u621Fb\u0100;d\u164C\u164D\u62BE;\u699D\u0100pt\u1654\u1657h;\u6222\xBB\xB9arr;\u637C\u0100gp\u1663\u1667on;\u4105f;\uC000\u{1D552}\u0380;Eaeiop\u12C1\u167B\u167D\u1682\u1684\u1687\u168A;\u6A70cir;\u6A6F;\u624Ad;\u624Bs;\u4027rox\u0100;e\u12C1\u1692\xF1\u1683ing\u803B\xE5\u40E5\u0180cty\u16A1\u16A6\u16A8r;\uC000\u{1D4B6};\u402Amp\u0100;e\u12C1\u16AF\xF1\u0288ilde\u803B\xE3\u40E3ml\u803B\xE4\u40E4\u0100ci\u16C2\u16C8onin\xF4\u0272nt;\u6A11\u0800Nabcdefiklnoprsu\u16ED\u16F1\u1730\u173C\u1743\u1748\u1778\u177D\u17E0\u17E6\u1839\u1850\u170D\u193D\u1948\u1970ot;\u6AED\u0100cr\u16F6\u171Ek\u0200ceps\u1700\u1705\u170D\u1713ong;\u624Cpsilon;\u43F6rime;\u6035im\u0100;e\u171A\u171B\u623Dq;\u62CD\u0176\u1722\u1726ee;\u62BDed\u0100;g\u172C\u172D\u6305e\xBB\u172Drk\u0100;t\u135C\u1737brk;\u63B6\u0100oy\u1701\u1741;\u4431quo;\u601E\u0280cmprt\u1753\u175B\u1761\u1764\u1768aus\u0100;e\u010A\u0109ptyv;\u69B0s\xE9\u170Cno\xF5\u0113\u0180ahw\u176F\u1771\u1773;\u43B2;\u6136een;\u626Cr;\uC000\u{1D51F}g\u0380costuvw\u178D\u179D\u17B3\u17C1\u17D5\u17DB\u17DE\u0180aiu\u1794\u1796\u179A\xF0\u0760rc;\u65EFp\xBB\u1371\u0180dpt\u17A4\u17A8\u17ADot;\u6A00lus;\u6A01imes;\u6A02\u0271\u17B9\0\0\u17BEcup;\u6A06ar;\u6605riangle\u0100du\u17CD\u17D2own;\u65BDp;\u65B3plus;\u6A04e\xE5\u1444\xE5\u14ADarow;\u690D\u0180ako\u17ED\u1826\u1835\u0100cn\u17F2\u1823k\u0180lst\u17FA\u05AB\u1802ozenge;\u69EBriangle\u0200;dlr\u1812\u1813\u1818\u181D\u65B4own;\u65BEeft;\u65C2ight;\u65B8k;\u6423\u01B1\u182B\0\u1833\u01B2\u182F\0\u1831;\u6592;\u65914;\u6593ck;\u6588\u0100eo\u183E\u184D\u0100;q\u1843\u1846\uC000=\u20E5uiv;\uC000\u2261\u20E5t;\u6310\u0200ptwx\u1859\u185E\u1867\u186Cf;\uC000\u{1D553}\u0100;t\u13CB\u1863om\xBB\u13CCtie;\u62C8\u0600DHUVbdhmptuv\u1885\u1896\u18AA\u18BB\u18D7\u18DB\u18EC\u18FF\u1905\u190A\u1910\u1921\u0200LRlr\u188E\u1890\u1892\u1894;\u6557;\u6554;\u6556;\u6553\u0280;DUdu\u18A1\u18A2\u18A4\u18A6\u18A8\u6550;\u6566;\u6569;\u6564;\u6567\u0200LRlr\u18B3\u18B5\u18B7\u18B9;\u655D;\u655A;\u655C;\u6559\u0380;HLRhlr\u18CA\u18CB\u18CD\u18CF\u18D1\u18D3\u18D5\u6551;\u656C;\u6563;\u6560;\u656B;\u6562;\u655Fox;\u69C9\u0200LRlr\u18E4\u18E6\u18E8\u18EA;\u6555;\u6552;\u6510;\u650C\u0280;DUdu\u06BD\u18F7\u18F9\u18FB\u18FD;\u6565;\u6568;\u652C;\u6534inus;\u629Flus;\u629Eimes;\u62A0\u0200LRlr\u1919\u191B\u191D\u191F;\u655B;\u6558;\u6518;\u6514\u0380;HLRhlr\u1930\u1931\u1933\u1935\u1937\u1939\u193B\u6502;\u656A;\u6561;\u655E;\u653C;\u6524;\u651C\u0100ev\u0123\u1942bar\u803B\xA6\u40A6\u0200ceio\u1951\u1956\u195A\u1960r;\uC000\u{1D4B7}mi;\u604Fm\u0100;e\u171A\u171Cl\u0180;bh\u1968\u1969\u196B\u405C;\u69C5sub;\u67C8\u016C\u1974\u197El\u0100;e\u1979\u197A\u6022t\xBB\u197Ap\u0180;Ee\u012F\u1985\u1987;\u6AAE\u0100;q\u06DC\u06DB\u0CE1\u19A7\0\u19E8\u1A11\u1A15\u1A32\0\u1A37\u1A50\0\0\u1AB4\0\0\u1AC1\0\0\u1B21\u1B2E\u1B4D\u1B52\0\u1BFD\0\u1C0C\u0180cpr\u19AD\u19B2\u19DDute;\u4107\u0300;abcds\u19BF\u19C0\u19C4\u19CA\u19D5\u19D9\u6229nd;\u6A44rcup;\u6A49\u0100au\u19CF\u19D2p;\u6A4Bp;\u6A47ot;\u6A40;\uC000\u2229\uFE00\u0100eo\u19E2\u19E5t;\u6041\xEE\u0693\u0200aeiu\u19F0\u19FB\u1A01\u1A05\u01F0\u19F5\0\u19F8s;\u6A4Don;\u410Ddil\u803B\xE7\u40E7rc;\u4109ps\u0100;s\u1A0C\u1A0D\u6A4Cm;\u6A50ot;\u410B\u0180dmn\u1A1B\u1A20\u1A26il\u80BB\xB8\u01ADptyv;\u69B2t\u8100\xA2;e\u1A2D\u1A2E\u40A2r\xE4\u01B2r;\uC000\u{1D520}\u0180cei\u1A3D\u1A40\u1A4Dy;\u4447ck\u0100;m\u1A47\u1A48\u6713ark\xBB\u1A48;\u43C7r\u0380;Ecefms\u1A5F\u1A60\u1A62\u1A6B\u1AA4\u1AAA\u1AAE\u65CB;\u69C3\u0180;el\u1A69\u1A6A\u1A6D\u42C6q;\u6257e\u0261\u1A74\0\0\u1A88rrow\u0100lr\u1A7C\u1A81eft;\u61BAight;\u61BB\u0280RSacd\u1A92\u1A94\u1A96\u1A9A\u1A9F\xBB\u0F47;\u64C8st;\u629Birc;\u629Aash;\u629Dnint;\u6A10id;\u6AEFcir;\u69C2ubs\u0100;u\u1ABB\u1ABC\u6663it\xBB\u1ABC\u02EC\u1AC7\u1AD4\u1AFA\0\u1B0Aon\u0100;e\u1ACD\u1ACE\u403A\u0100;q\xC7\xC6\u026D\u1AD9\0\0\u1AE2a\u0100;t\u1ADE\u1ADF\u402C;\u4040\u0180;fl\u1AE8\u1AE9\u1AEB\u6201\xEE\u1160e\u0100mx\u1AF1\u1AF6ent\xBB\u1AE9e\xF3\u024D\u01E7\u1AFE\0\u1B07\u0100;d\u12BB\u1B02ot;\u6A6Dn\xF4\u0246\u0180fry\u1B10\u1B14\u1B17;\uC000\u{1D554}o\xE4\u0254\u8100\xA9;s\u0155\u1B1Dr;\u6117\u0100ao\u1B25\u1B29rr;\u61B5ss;\u6717\u0100cu\u1B32\u1B37r;\uC000\u{1D4B8}\u0100bp\u1B3C\u1B44\u0100;e\u1B41\u1B42\u6ACF;\u6AD1\u0100;e\u1B49\u1B4A\u6AD0;\u6AD2dot;\u62EF\u0380delprvw\u1B60\u1B6C\u1B77\u1B82\u1BAC\u1BD4\u1BF9arr\u0100lr\u1B68\u1B6A;\u6938;\u6935\u0270\u1B72\0\0\u1B75r;\u62DEc;\u62DFarr\u0100;p\u1B7F\u1B80\u61B6;\u693D\u0300;bcdos\u1B8F\u1B90\u1B96\u1BA1\u1BA5\u1BA8\u622Arcap;\u6A48\u0100au\u1B9B\u1B9Ep;\u6A46p;\u6A4Aot;\u628Dr;\u6A45;\uC000\u222A\uFE00\u0200alrv\u1BB5\u1BBF\u1BDE\u1BE3rr\u0100;m\u1BBC\u1BBD\u61B7;\u693Cy\u0180evw\u1BC7\u1BD4\u1BD8q\u0270\u1BCE\0\0\u1BD2re\xE3\u1B73u\xE3\u1B75ee;\u62CEedge;\u62CFen\u803B\xA4\u40A4earrow\u0100lr\u1BEE\u1BF3eft\xBB\u1B80ight\xBB\u1BBDe\xE4\u1BDD\u0100ci\u1C01\u1C07onin\xF4\u01F7nt;\u6231lcty;\u632D\u0980AHabcdefhijlorstuwz\u1C38\u1C3B\u1C3F\u1C5D\u1C69\u1C75\u1C8A\u1C9E\u1CAC\u1CB7\u1CFB\u1CFF\u1D0D\u1D7B\u1D91\u1DAB\u1DBB\u1DC6\u1DCDr\xF2\u0381ar;\u6965\u0200glrs\u1C48\u1C4D\u1C52\u1C54ger;\u6020eth;\u6138\xF2\u1133h\u0100;v\u1C5A\u1C5B\u6010\xBB\u090A\u016B\u1C61\u1C67arow;\u690Fa\xE3\u0315\u0100ay\u1C6E\u1C73ron;\u410F;\u4434\u0180;ao\u0332\u1C7C\u1C84\u0100gr\u02BF\u1C81r;\u61CAtseq;\u6A77\u0180glm\u1C91\u1C94\u1C98\u803B\xB0\u40B0ta;\u43B4ptyv;\u69B1\u0100ir\u1CA3\u1CA8sht;\u697F;\uC000\u{1D521}ar\u0100lr\u1CB3\u1CB5\xBB\u08DC\xBB\u101E\u0280aegsv\u1CC2\u0378\u1CD6\u1CDC\u1CE0m\u0180;os\u0326\u1CCA\u1CD4nd\u0100;s\u0326\u1CD1uit;\u6666amma;\u43DDin;\u62F2\u0180;io\u1CE7\u1CE8\u1CF8\u40F7de\u8100\xF7;o\u1CE7\u1CF0ntimes;\u62C7n\xF8\u1CF7cy;\u4452c\u026F\u1D06\0\0\u1D0Arn;\u631Eop;\u630D\u0280lptuw\u1D18\u1D1D\u1D22\u1D49\u1D55lar;\u4024f;\uC000\u{1D555}\u0280;emps\u030B\u1D2D\u1D37\u1D3D\u1D42q\u0100;d\u0352\u1D33ot;\u6251inus;\u6238lus;\u6214quare;\u62A1blebarwedg\xE5\xFAn\u0180adh\u112E\u1D5D\u1D67ownarrow\xF3\u1C83arpoon\u0100lr\u1D72\u1D76ef\xF4\u1CB4igh\xF4\u1CB6\u0162\u1D7F\u1D85karo\xF7\u0F42\u026F\u1D8A\0\0\u1D8Ern;\u631Fop;\u630C\u0180cot\u1D98\u1DA3\u1DA6\u0100ry\u1D9D\u1DA1;\uC000\u{1D4B9};\u4455l;\u69F6rok;\u4111\u0100dr\u1DB0\u1DB4ot;\u62F1i\u0100;f\u1DBA\u1816\u65BF\u0100ah\u1DC0\u1DC3r\xF2\u0429a\xF2\u0FA6angle;\u69A6\u0100ci\u1DD2\u1DD5y;\u445Fgrarr;\u67FF\u0900Dacdefglmnopqrstux\u1E01\u1E09\u1E19\u1E38\u0578\u1E3C\u1E49\u1E61\u1E7E\u1EA5\u1EAF\u1EBD\u1EE1\u1F2A\u1F37\u1F44\u1F4E\u1F5A\u0100Do\u1E06\u1D34o\xF4\u1C89\u0100cs\u1E0E\u1E14ute\u803B\xE9\u40E9ter;\u6A6E\u0200aioy\u1E22\u1E27\u1E31\u1E36ron;\u411Br\u0100;c\u1E2D\u1E2E\u6256\u803B\xEA\u40EAlon;\u6255;\u444Dot;\u4117\u0100Dr\u1E41\u1E45ot;\u6252;\uC000\u{1D522}\u0180;rs\u1E50\u1E51\u1E57\u6A9Aave\u803B\xE8\u40E8\u0100;d\u1E5C\u1E5D\u6A96ot;\u6A98\u0200;ils\u1E6A\u1E6B\u1E72\u1E74\u6A99nters;\u63E7;\u6113\u0100;d\u1E79\u1E7A\u6A95ot;\u6A97\u0180aps\u1E85\u1E89\u1E97cr;\u4113ty\u0180;sv\u1E92\u1E93\u1E95\u6205et\xBB\u1E93p\u01001;\u1E9D\u1EA4\u0133\u1EA1\u1EA3;\u6004;\u6005\u6003\u0100gs\u1EAA\u1EAC;\u414Bp;\u6002\u0100gp\u1EB4\u1EB8on;\u4119f;\uC000\u{1D556}\u0180als\u1EC4\u1ECE\u1ED2r\u0100;s\u1ECA\u1ECB\u62D5l;\u69E3us;\u6A71i\u0180;lv\u1EDA\u1EDB\u1EDF\u43B5on\xBB\u1EDB;\u43F5\u0200csuv\u1EEA\u1EF3\u1F0B\u1F23\u0100io\u1EEF\u1E31rc\xBB\u1E2E\u0269\u1EF9\0\0\u1EFB\xED\u0548ant\u0100gl\u1F02\u1F06tr\xBB\u1E5Dess\xBB\u1E7A\u0180aei\u1F12\u1F16\u1F1Als;\u403Dst;\u625Fv\u0100;D\u0235\u1F20D;\u6A78parsl;\u69E5\u0100Da\u1F2F\u1F33ot;\u6253rr;\u6971\u0180cdi\u1F3E\u1F41\u1EF8r;\u612Fo\xF4\u0352\u0100ah\u1F49\u1F4B;\u43B7\u803B\xF0\u40F0\u0100mr\u1F53\u1F57l\u803B\xEB\u40EBo;\u60AC\u0180cip\u1F61\u1F64\u1F67l;\u4021s\xF4\u056E\u0100eo\u1F6C\u1F74ctatio\xEE\u0559nential\xE5\u0579\u09E1\u1F92\0\u1F9E\0\u1FA1\u1FA7\0\0\u1FC6\u1FCC\0\u1FD3\0\u1FE6\u1FEA\u2000\0\u2008\u205Allingdotse\xF1\u1E44y;\u4444male;\u6640\u0180ilr\u1FAD\u1FB3\u1FC1lig;\u8000\uFB03\u0269\u1FB9\0\0\u1FBDg;\u8000\uFB00ig;\u8000\uFB04;\uC000\u{1D523}lig;\u8000\uFB01lig;\uC000fj\u0180alt\u1FD9\u1FDC\u1FE1t;\u666Dig;\u8000\uFB02ns;\u65B1of;\u4192\u01F0\u1FEE\0\u1FF3f;\uC000\u{1D557}\u0100ak\u05BF\u1FF7\u0100;v\u1FFC\u1FFD\u62D4;\u6AD9artint;\u6A0D\u0100ao\u200C\u2055\u0100cs\u2011\u2052\u03B1\u201A\u2030\u2038\u2045\u2048\0\u2050\u03B2\u2022\u2025\u2027\u202A\u202C\0\u202E\u803B\xBD\u40BD;\u6153\u803B\xBC\u40BC;\u6155;\u6159;\u615B\u01B3\u2034\0\u2036;\u6154;\u6156\u02B4\u203E\u2041\0\0\u2043\u803B\xBE\u40BE;\u6157;\u615C5;\u6158\u01B6\u204C\0\u204E;\u615A;\u615D8;\u615El;\u6044wn;\u6322cr;\uC000\u{1D4BB}\u0880Eabcdefgijlnorstv\u2082\u2089\u209F\u20A5\u20B0\u20B4\u20F0\u20F5\u20FA\u20FF\u2103\u2112\u2138\u0317\u213E\u2152\u219E\u0100;l\u064D\u2087;\u6A8C\u0180cmp\u2090\u2095\u209Dute;\u41F5ma\u0100;d\u209C\u1CDA\u43B3;\u6A86reve;\u411F\u0100iy\u20AA\u20AErc;\u411D;\u4433ot;\u4121\u0200;lqs\u063E\u0642\u20BD\u20C9\u0180;qs\u063E\u064C\u20C4lan\xF4\u0665\u0200;cdl\u0665\u20D2\u20D5\u20E5c;\u6AA9ot\u0100;o\u20DC\u20DD\u6A80\u0100;l\u20E2\u20E3\u6A82;\u6A84\u0100;e\u20EA\u20ED\uC000\u22DB\uFE00s;\u6A94r;\uC000\u{1D524}\u0100;g\u0673\u061Bmel;\u6137cy;\u4453\u0200;Eaj\u065A\u210C\u210E\u2110;\u6A92;\u6AA5;\u6AA4\u0200Eaes\u211B\u211D\u2129\u2134;\u6269p\u0100;p\u2123\u2124\u6A8Arox\xBB\u2124\u0100;q\u212E\u212F\u6A88\u0100;q\u212E\u211Bim;\u62E7pf;\uC000\u{1D558}\u0100ci\u2143\u2146r;\u610Am\u0180;el\u066B\u214E\u2150;\u6A8E;\u6A90\u8300>;cdlqr\u05EE\u2160\u216A\u216E\u2173\u2179\u0100ci\u2165\u2167;\u6AA7r;\u6A7Aot;\u62D7Par;\u6995uest;\u6A7C\u0280adels\u2184\u216A\u2190\u0656\u219B\u01F0\u2189\0\u218Epro\xF8\u209Er;\u6978q\u0100lq\u063F\u2196les\xF3\u2088i\xED\u066B\u0100en\u21A3\u21ADrtneqq;\uC000\u2269\uFE00\xC5\u21AA\u0500Aabcefkosy\u21C4\u21C7\u21F1\u21F5\u21FA\u2218\u221D\u222F\u2268\u227Dr\xF2\u03A0\u0200ilmr\u21D0\u21D4\u21D7\u21DBrs\xF0\u1484f\xBB\u2024il\xF4\u06A9\u0100dr\u21E0\u21E4cy;\u444A\u0180;cw\u08F4\u21EB\u21EFir;\u6948;\u61ADar;\u610Firc;\u4125\u0180alr\u2201\u220E\u2213rts\u0100;u\u2209\u220A\u6665it\xBB\u220Alip;\u6026con;\u62B9r;\uC000\u{1D525}s\u0100ew\u2223\u2229arow;\u6925arow;\u6926\u0280amopr\u223A\u223E\u2243\u225E\u2263rr;\u61FFtht;\u623Bk\u0100lr\u2249\u2253eftarrow;\u61A9ightarrow;\u61AAf;\uC000\u{1D559}bar;\u6015\u0180clt\u226F\u2274\u2278r;\uC000\u{1D4BD}as\xE8\u21F4rok;\u4127\u0100bp\u2282\u2287ull;\u6043hen\xBB\u1C5B\u0AE1\u22A3\0\u22AA\0\u22B8\u22C5\u22CE\0\u22D5\u22F3\0\0\u22F8\u2322\u2367\u2362\u237F\0\u2386\u23AA\u23B4cute\u803B\xED\u40ED\u0180;iy\u0771\u22B0\u22B5rc\u803B\xEE\u40EE;\u4438\u0100cx\u22BC\u22BFy;\u4435cl\u803B\xA1\u40A1\u0100fr\u039F\u22C9;\uC000\u{1D526}rave\u803B\xEC\u40EC\u0200;ino\u073E\u22DD\u22E9\u22EE\u0100in\u22E2\u22E6nt;\u6A0Ct;\u622Dfin;\u69DCta;\u6129lig;\u4133\u0180aop\u22FE\u231A\u231D\u0180cgt\u2305\u2308\u2317r;\u412B\u0180elp\u071F\u230F\u2313in\xE5\u078Ear\xF4\u0720h;\u4131f;\u62B7ed;\u41B5\u0280;cfot\u04F4\u232C\u2331\u233D\u2341are;\u6105in\u0100;t\u2338\u2339\u621Eie;\u69DDdo\xF4\u2319\u0280;celp\u0757\u234C\u2350\u235B\u2361al;\u62BA\u0100gr\u2355\u2359er\xF3\u1563\xE3\u234Darhk;\u6A17rod;\u6A3C\u0200cgpt\u236F\u2372\u2376\u237By;\u4451on;\u412Ff;\uC000\u{1D55A}a;\u43B9uest\u803B\xBF\u40BF\u0100ci\u238A\u238Fr;\uC000\u{1D4BE}n\u0280;Edsv\u04F4\u239B\u239D\u23A1\u04F3;\u62F9ot;\u62F5\u0100;v\u23A6\u23A7\u62F4;\u62F3\u0100;i\u0777\u23AElde;\u4129\u01EB\u23B8\0\u23BCcy;\u4456l\u803B\xEF\u40EF\u0300cfmosu\u23CC\u23D7\u23DC\u23E1\u23E7\u23F5\u0100iy\u23D1\u23D5rc;\u4135;\u4439r;\uC000\u{1D527}ath;\u4237pf;\uC000\u{1D55B}\u01E3\u23EC\0\u23F1r;\uC000\u{1D4BF}rcy;\u4458kcy;\u4454\u0400acfghjos\u240B\u2416\u2422\u2427\u242D\u2431\u2435\u243Bppa\u0100;v\u2413\u2414\u43BA;\u43F0\u0100ey\u241B\u2420dil;\u4137;\u443Ar;\uC000\u{1D528}reen;\u4138cy;\u4445cy;\u445Cpf;\uC000\u{1D55C}cr;\uC000\u{1D4C0}\u0B80ABEHabcdefghjlmnoprstuv\u2470\u2481\u2486\u248D\u2491\u250E\u253D\u255A\u2580\u264E\u265E\u2665\u2679\u267D\u269A\u26B2\u26D8\u275D\u2768\u278B\u27C0\u2801\u2812\u0180art\u2477\u247A\u247Cr\xF2\u09C6\xF2\u0395ail;\u691Barr;\u690E\u0100;g\u0994\u248B;\u6A8Bar;\u6962\u0963\u24A5\0\u24AA\0\u24B1\0\0\0\0\0\u24B5\u24BA\0\u24C6\u24C8\u24CD\0\u24F9ute;\u413Amptyv;\u69B4ra\xEE\u084Cbda;\u43BBg\u0180;dl\u088E\u24C1\u24C3;\u6991\xE5\u088E;\u6A85uo\u803B\xAB\u40ABr\u0400;bfhlpst\u0899\u24DE\u24E6\u24E9\u24EB\u24EE\u24F1\u24F5\u0100;f\u089D\u24E3s;\u691Fs;\u691D\xEB\u2252p;\u61ABl;\u6939im;\u6973l;\u61A2\u0180;ae\u24FF\u2500\u2504\u6AABil;\u6919\u0100;s\u2509\u250A\u6AAD;\uC000\u2AAD\uFE00\u0180abr\u2515\u2519\u251Drr;\u690Crk;\u6772\u0100ak\u2522\u252Cc\u0100ek\u2528\u252A;\u407B;\u405B\u0100es\u2531\u2533;\u698Bl\u0100du\u2539\u253B;\u698F;\u698D\u0200aeuy\u2546\u254B\u2556\u2558ron;\u413E\u0100di\u2550\u2554il;\u413C\xEC\u08B0\xE2\u2529;\u443B\u0200cqrs\u2563\u2566\u256D\u257Da;\u6936uo\u0100;r\u0E19\u1746\u0100du\u2572\u2577har;\u6967shar;\u694Bh;\u61B2\u0280;fgqs\u258B\u258C\u0989\u25F3\u25FF\u6264t\u0280ahlrt\u2598\u25A4\u25B7\u25C2\u25E8rrow\u0100;t\u0899\u25A1a\xE9\u24F6arpoon\u0100du\u25AF\u25B4own\xBB\u045Ap\xBB\u0966eftarrows;\u61C7ight\u0180ahs\u25CD\u25D6\u25DErrow\u0100;s\u08F4\u08A7arpoon\xF3\u0F98quigarro\xF7\u21F0hreetimes;\u62CB\u0180;qs\u258B\u0993\u25FAlan\xF4\u09AC\u0280;cdgs\u09AC\u260A\u260D\u261D\u2628c;\u6AA8ot\u0100;o\u2614\u2615\u6A7F\u0100;r\u261A\u261B\u6A81;\u6A83\u0100;e\u2622\u2625\uC000\u22DA\uFE00s;\u6A93\u0280adegs\u2633\u2639\u263D\u2649\u264Bppro\xF8\u24C6ot;\u62D6q\u0100gq\u2643\u2645\xF4\u0989gt\xF2\u248C\xF4\u099Bi\xED\u09B2\u0180ilr\u2655\u08E1\u265Asht;\u697C;\uC000\u{1D529}\u0100;E\u099C\u2663;\u6A91\u0161\u2669\u2676r\u0100du\u25B2\u266E\u0100;l\u0965\u2673;\u696Alk;\u6584cy;\u4459\u0280;acht\u0A48\u2688\u268B\u2691\u2696r\xF2\u25C1orne\xF2\u1D08ard;\u696Bri;\u65FA\u0100io\u269F\u26A4dot;\u4140ust\u0100;a\u26AC\u26AD\u63B0che\xBB\u26AD\u0200Eaes\u26BB\u26BD\u26C9\u26D4;\u6268p\u0100;p\u26C3\u26C4\u6A89rox\xBB\u26C4\u0100;q\u26CE\u26CF\u6A87\u0100;q\u26CE\u26BBim;\u62E6\u0400abnoptwz\u26E9\u26F4\u26F7\u271A\u272F\u2741\u2747\u2750\u0100nr\u26EE\u26F1g;\u67ECr;\u61FDr\xEB\u08C1g\u0180lmr\u26FF\u270D\u2714eft\u0100ar\u09E6\u2707ight\xE1\u09F2apsto;\u67FCight\xE1\u09FDparrow\u0100lr\u2725\u2729ef\xF4\u24EDight;\u61AC\u0180afl\u2736\u2739\u273Dr;\u6985;\uC000\u{1D55D}us;\u6A2Dimes;\u6A34\u0161\u274B\u274Fst;\u6217\xE1\u134E\u0180;ef\u2757\u2758\u1800\u65CAnge\xBB\u2758ar\u0100;l\u2764\u2765\u4028t;\u6993\u0280achmt\u2773\u2776\u277C\u2785\u2787r\xF2\u08A8orne\xF2\u1D8Car\u0100;d\u0F98\u2783;\u696D;\u600Eri;\u62BF\u0300achiqt\u2798\u279D\u0A40\u27A2\u27AE\u27BBquo;\u6039r;\uC000\u{1D4C1}m\u0180;eg\u09B2\u27AA\u27AC;\u6A8D;\u6A8F\u0100bu\u252A\u27B3o\u0100;r\u0E1F\u27B9;\u601Arok;\u4142\u8400<;cdhilqr\u082B\u27D2\u2639\u27DC\u27E0\u27E5\u27EA\u27F0\u0100ci\u27D7\u27D9;\u6AA6r;\u6A79re\xE5\u25F2mes;\u62C9arr;\u6976uest;\u6A7B\u0100Pi\u27F5\u27F9ar;\u6996\u0180;ef\u2800\u092D\u181B\u65C3r\u0100du\u2807\u280Dshar;\u694Ahar;\u6966\u0100en\u2817\u2821rtneqq;\uC000\u2268\uFE00\xC5\u281E\u0700Dacdefhilnopsu\u2840\u2845\u2882\u288E\u2893\u28A0\u28A5\u28A8\u28DA\u28E2\u28E4\u0A83\u28F3\u2902Dot;\u623A\u0200clpr\u284E\u2852\u2863\u287Dr\u803B\xAF\u40AF\u0100et\u2857\u2859;\u6642\u0100;e\u285E\u285F\u6720se\xBB\u285F\u0100;s\u103B\u2868to\u0200;dlu\u103B\u2873\u2877\u287Bow\xEE\u048Cef\xF4\u090F\xF0\u13D1ker;\u65AE\u0100oy\u2887\u288Cmma;\u6A29;\u443Cash;\u6014asuredangle\xBB\u1626r;\uC000\u{1D52A}o;\u6127\u0180cdn\u28AF\u28B4\u28C9ro\u803B\xB5\u40B5\u0200;acd\u1464\u28BD\u28C0\u28C4s\xF4\u16A7ir;\u6AF0ot\u80BB\xB7\u01B5us\u0180;bd\u28D2\u1903\u28D3\u6212\u0100;u\u1D3C\u28D8;\u6A2A\u0163\u28DE\u28E1p;\u6ADB\xF2\u2212\xF0\u0A81\u0100dp\u28E9\u28EEels;\u62A7f;\uC000\u{1D55E}\u0100ct\u28F8\u28FDr;\uC000\u{1D4C2}pos\xBB\u159D\u0180;lm\u2909\u290A\u290D\u43BCtimap;\u62B8\u0C00GLRVabcdefghijlmoprstuvw\u2942\u2953\u297E\u2989\u2998\u29DA\u29E9\u2A15\u2A1A\u2A58\u2A5D\u2A83\u2A95\u2AA4\u2AA8\u2B04\u2B07\u2B44\u2B7F\u2BAE\u2C34\u2C67\u2C7C\u2CE9\u0100gt\u2947\u294B;\uC000\u22D9\u0338\u0100;v\u2950\u0BCF\uC000\u226B\u20D2\u0180elt\u295A\u2972\u2976ft\u0100ar\u2961\u2967rrow;\u61CDightarrow;\u61CE;\uC000\u22D8\u0338\u0100;v\u297B\u0C47\uC000\u226A\u20D2ightarrow;\u61CF\u0100Dd\u298E\u2993ash;\u62AFash;\u62AE\u0280bcnpt\u29A3\u29A7\u29AC\u29B1\u29CCla\xBB\u02DEute;\u4144g;\uC000\u2220\u20D2\u0280;Eiop\u0D84\u29BC\u29C0\u29C5\u29C8;\uC000\u2A70\u0338d;\uC000\u224B\u0338s;\u4149ro\xF8\u0D84ur\u0100;a\u29D3\u29D4\u666El\u0100;s\u29D3\u0B38\u01F3\u29DF\0\u29E3p\u80BB\xA0\u0B37mp\u0100;e\u0BF9\u0C00\u0280aeouy\u29F4\u29FE\u2A03\u2A10\u2A13\u01F0\u29F9\0\u29FB;\u6A43on;\u4148dil;\u4146ng\u0100;d\u0D7E\u2A0Aot;\uC000\u2A6D\u0338p;\u6A42;\u443Dash;\u6013\u0380;Aadqsx\u0B92\u2A29\u2A2D\u2A3B\u2A41\u2A45\u2A50rr;\u61D7r\u0100hr\u2A33\u2A36k;\u6924\u0100;o\u13F2\u13F0ot;\uC000\u2250\u0338ui\xF6\u0B63\u0100ei\u2A4A\u2A4Ear;\u6928\xED\u0B98ist\u0100;s\u0BA0\u0B9Fr;\uC000\u{1D52B}\u0200Eest\u0BC5\u2A66\u2A79\u2A7C\u0180;qs\u0BBC\u2A6D\u0BE1\u0180;qs\u0BBC\u0BC5\u2A74lan\xF4\u0BE2i\xED\u0BEA\u0100;r\u0BB6\u2A81\xBB\u0BB7\u0180Aap\u2A8A\u2A8D\u2A91r\xF2\u2971rr;\u61AEar;\u6AF2\u0180;sv\u0F8D\u2A9C\u0F8C\u0100;d\u2AA1\u2AA2\u62FC;\u62FAcy;\u445A\u0380AEadest\u2AB7\u2ABA\u2ABE\u2AC2\u2AC5\u2AF6\u2AF9r\xF2\u2966;\uC000\u2266\u0338rr;\u619Ar;\u6025\u0200;fqs\u0C3B\u2ACE\u2AE3\u2AEFt\u0100ar\u2AD4\u2AD9rro\xF7\u2AC1ightarro\xF7\u2A90\u0180;qs\u0C3B\u2ABA\u2AEAlan\xF4\u0C55\u0100;s\u0C55\u2AF4\xBB\u0C36i\xED\u0C5D\u0100;r\u0C35\u2AFEi\u0100;e\u0C1A\u0C25i\xE4\u0D90\u0100pt\u2B0C\u2B11f;\uC000\u{1D55F}\u8180\xAC;in\u2B19\u2B1A\u2B36\u40ACn\u0200;Edv\u0B89\u2B24\u2B28\u2B2E;\uC000\u22F9\u0338ot;\uC000\u22F5\u0338\u01E1\u0B89\u2B33\u2B35;\u62F7;\u62F6i\u0100;v\u0CB8\u2B3C\u01E1\u0CB8\u2B41\u2B43;\u62FE;\u62FD\u0180aor\u2B4B\u2B63\u2B69r\u0200;ast\u0B7B\u2B55\u2B5A\u2B5Flle\xEC\u0B7Bl;\uC000\u2AFD\u20E5;\uC000\u2202\u0338lint;\u6A14\u0180;ce\u0C92\u2B70\u2B73u\xE5\u0CA5\u0100;c\u0C98\u2B78\u0100;e\u0C92\u2B7D\xF1\u0C98\u0200Aait\u2B88\u2B8B\u2B9D\u2BA7r\xF2\u2988rr\u0180;cw\u2B94\u2B95\u2B99\u619B;\uC000\u2933\u0338;\uC000\u219D\u0338ghtarrow\xBB\u2B95ri\u0100;e\u0CCB\u0CD6\u0380chimpqu\u2BBD\u2BCD\u2BD9\u2B04\u0B78\u2BE4\u2BEF\u0200;cer\u0D32\u2BC6\u0D37\u2BC9u\xE5\u0D45;\uC000\u{1D4C3}ort\u026D\u2B05\0\0\u2BD6ar\xE1\u2B56m\u0100;e\u0D6E\u2BDF\u0100;q\u0D74\u0D73su\u0100bp\u2BEB\u2BED\xE5\u0CF8\xE5\u0D0B\u0180bcp\u2BF6\u2C11\u2C19\u0200;Ees\u2BFF\u2C00\u0D22\u2C04\u6284;\uC000\u2AC5\u0338et\u0100;e\u0D1B\u2C0Bq\u0100;q\u0D23\u2C00c\u0100;e\u0D32\u2C17\xF1\u0D38\u0200;Ees\u2C22\u2C23\u0D5F\u2C27\u6285;\uC000\u2AC6\u0338et\u0100;e\u0D58\u2C2Eq\u0100;q\u0D60\u2C23\u0200gilr\u2C3D\u2C3F\u2C45\u2C47\xEC\u0BD7lde\u803B\xF1\u40F1\xE7\u0C43iangle\u0100lr\u2C52\u2C5Ceft\u0100;e\u0C1A\u2C5A\xF1\u0C26ight\u0100;e\u0CCB\u2C65\xF1\u0CD7\u0100;m\u2C6C\u2C6D\u43BD\u0180;es\u2C74\u2C75\u2C79\u4023ro;\u6116p;\u6007\u0480DHadgilrs\u2C8F\u2C94\u2C99\u2C9E\u2CA3\u2CB0\u2CB6\u2CD3\u2CE3ash;\u62ADarr;\u6904p;\uC000\u224D\u20D2ash;\u62AC\u0100et\u2CA8\u2CAC;\uC000\u2265\u20D2;\uC000>\u20D2nfin;\u69DE\u0180Aet\u2CBD\u2CC1\u2CC5rr;\u6902;\uC000\u2264\u20D2\u0100;r\u2CCA\u2CCD\uC000<\u20D2ie;\uC000\u22B4\u20D2\u0100At\u2CD8\u2CDCrr;\u6903rie;\uC000\u22B5\u20D2im;\uC000\u223C\u20D2\u0180Aan\u2CF0\u2CF4\u2D02rr;\u61D6r\u0100hr\u2CFA\u2CFDk;\u6923\u0100;o\u13E7\u13E5ear;\u6927\u1253\u1A95\0\0\0\0\0\0\0\0\0\0\0\0\0\u2D2D\0\u2D38\u2D48\u2D60\u2D65\u2D72\u2D84\u1B07\0\0\u2D8D\u2DAB\0\u2DC8\u2DCE\0\u2DDC\u2E19\u2E2B\u2E3E\u2E43\u0100cs\u2D31\u1A97ute\u803B\xF3\u40F3\u0100iy\u2D3C\u2D45r\u0100;c\u1A9E\u2D42\u803B\xF4\u40F4;\u443E\u0280abios\u1AA0\u2D52\u2D57\u01C8\u2D5Alac;\u4151v;\u6A38old;\u69BClig;\u4153\u0100cr\u2D69\u2D6Dir;\u69BF;\uC000\u{1D52C}\u036F\u2D79\0\0\u2D7C\0\u2D82n;\u42DBave\u803B\xF2\u40F2;\u69C1\u0100bm\u2D88\u0DF4ar;\u69B5\u0200acit\u2D95\u2D98\u2DA5\u2DA8r\xF2\u1A80\u0100ir\u2D9D\u2DA0r;\u69BEoss;\u69BBn\xE5\u0E52;\u69C0\u0180aei\u2DB1\u2DB5\u2DB9cr;\u414Dga;\u43C9\u0180cdn\u2DC0\u2DC5\u01CDron;\u43BF;\u69B6pf;\uC000\u{1D560}\u0180ael\u2DD4\u2DD7\u01D2r;\u69B7rp;\u69B9\u0380;adiosv\u2DEA\u2DEB\u2DEE\u2E08\u2E0D\u2E10\u2E16\u6228r\xF2\u1A86\u0200;efm\u2DF7\u2DF8\u2E02\u2E05\u6A5Dr\u0100;o\u2DFE\u2DFF\u6134f\xBB\u2DFF\u803B\xAA\u40AA\u803B\xBA\u40BAgof;\u62B6r;\u6A56lope;\u6A57;\u6A5B\u0180clo\u2E1F\u2E21\u2E27\xF2\u2E01ash\u803B\xF8\u40F8l;\u6298i\u016C\u2E2F\u2E34de\u803B\xF5\u40F5es\u0100;a\u01DB\u2E3As;\u6A36ml\u803B\xF6\u40F6bar;\u633D\u0AE1\u2E5E\0\u2E7D\0\u2E80\u2E9D\0\u2EA2\u2EB9\0\0\u2ECB\u0E9C\0\u2F13\0\0\u2F2B\u2FBC\0\u2FC8r\u0200;ast\u0403\u2E67\u2E72\u0E85\u8100\xB6;l\u2E6D\u2E6E\u40B6le\xEC\u0403\u0269\u2E78\0\0\u2E7Bm;\u6AF3;\u6AFDy;\u443Fr\u0280cimpt\u2E8B\u2E8F\u2E93\u1865\u2E97nt;\u4025od;\u402Eil;\u6030enk;\u6031r;\uC000\u{1D52D}\u0180imo\u2EA8\u2EB0\u2EB4\u0100;v\u2EAD\u2EAE\u43C6;\u43D5ma\xF4\u0A76ne;\u660E\u0180;tv\u2EBF\u2EC0\u2EC8\u43C0chfork\xBB\u1FFD;\u43D6\u0100au\u2ECF\u2EDFn\u0100ck\u2ED5\u2EDDk\u0100;h\u21F4\u2EDB;\u610E\xF6\u21F4s\u0480;abcdemst\u2EF3\u2EF4\u1908\u2EF9\u2EFD\u2F04\u2F06\u2F0A\u2F0E\u402Bcir;\u6A23ir;\u6A22\u0100ou\u1D40\u2F02;\u6A25;\u6A72n\u80BB\xB1\u0E9Dim;\u6A26wo;\u6A27\u0180ipu\u2F19\u2F20\u2F25ntint;\u6A15f;\uC000\u{1D561}nd\u803B\xA3\u40A3\u0500;Eaceinosu\u0EC8\u2F3F\u2F41\u2F44\u2F47\u2F81\u2F89\u2F92\u2F7E\u2FB6;\u6AB3p;\u6AB7u\xE5\u0ED9\u0100;c\u0ECE\u2F4C\u0300;acens\u0EC8\u2F59\u2F5F\u2F66\u2F68\u2F7Eppro\xF8\u2F43urlye\xF1\u0ED9\xF1\u0ECE\u0180aes\u2F6F\u2F76\u2F7Approx;\u6AB9qq;\u6AB5im;\u62E8i\xED\u0EDFme\u0100;s\u2F88\u0EAE\u6032\u0180Eas\u2F78\u2F90\u2F7A\xF0\u2F75\u0180dfp\u0EEC\u2F99\u2FAF\u0180als\u2FA0\u2FA5\u2FAAlar;\u632Eine;\u6312urf;\u6313\u0100;t\u0EFB\u2FB4\xEF\u0EFBrel;\u62B0\u0100ci\u2FC0\u2FC5r;\uC000\u{1D4C5};\u43C8ncsp;\u6008\u0300fiopsu\u2FDA\u22E2\u2FDF\u2FE5\u2FEB\u2FF1r;\uC000\u{1D52E}pf;\uC000\u{1D562}rime;\u6057cr;\uC000\u{1D4C6}\u0180aeo\u2FF8\u3009\u3013t\u0100ei\u2FFE\u3005rnion\xF3\u06B0nt;\u6A16st\u0100;e\u3010\u3011\u403F\xF1\u1F19\xF4\u0F14\u0A80ABHabcdefhilmnoprstux\u3040\u3051\u3055\u3059\u30E0\u310E\u312B\u3147\u3162\u3172\u318E\u3206\u3215\u3224\u3229\u3258\u326E\u3272\u3290\u32B0\u32B7\u0180art\u3047\u304A\u304Cr\xF2\u10B3\xF2\u03DDail;\u691Car\xF2\u1C65ar;\u6964\u0380cdenqrt\u3068\u3075\u3078\u307F\u308F\u3094\u30CC\u0100eu\u306D\u3071;\uC000\u223D\u0331te;\u4155i\xE3\u116Emptyv;\u69B3g\u0200;del\u0FD1\u3089\u308B\u308D;\u6992;\u69A5\xE5\u0FD1uo\u803B\xBB\u40BBr\u0580;abcfhlpstw\u0FDC\u30AC\u30AF\u30B7\u30B9\u30BC\u30BE\u30C0\u30C3\u30C7\u30CAp;\u6975\u0100;f\u0FE0\u30B4s;\u6920;\u6933s;\u691E\xEB\u225D\xF0\u272El;\u6945im;\u6974l;\u61A3;\u619D\u0100ai\u30D1\u30D5il;\u691Ao\u0100;n\u30DB\u30DC\u6236al\xF3\u0F1E\u0180abr\u30E7\u30EA\u30EEr\xF2\u17E5rk;\u6773\u0100ak\u30F3\u30FDc\u0100ek\u30F9\u30FB;\u407D;\u405D\u0100es\u3102\u3104;\u698Cl\u0100du\u310A\u310C;\u698E;\u6990\u0200aeuy\u3117\u311C\u3127\u3129ron;\u4159\u0100di\u3121\u3125il;\u4157\xEC\u0FF2\xE2\u30FA;\u4440\u0200clqs\u3134\u3137\u313D\u3144a;\u6937dhar;\u6969uo\u0100;r\u020E\u020Dh;\u61B3\u0180acg\u314E\u315F\u0F44l\u0200;ips\u0F78\u3158\u315B\u109Cn\xE5\u10BBar\xF4\u0FA9t;\u65AD\u0180ilr\u3169\u1023\u316Esht;\u697D;\uC000\u{1D52F}\u0100ao\u3177\u3186r\u0100du\u317D\u317F\xBB\u047B\u0100;l\u1091\u3184;\u696C\u0100;v\u318B\u318C\u43C1;\u43F1\u0180gns\u3195\u31F9\u31FCht\u0300ahlrst\u31A4\u31B0\u31C2\u31D8\u31E4\u31EErrow\u0100;t\u0FDC\u31ADa\xE9\u30C8arpoon\u0100du\u31BB\u31BFow\xEE\u317Ep\xBB\u1092eft\u0100ah\u31CA\u31D0rrow\xF3\u0FEAarpoon\xF3\u0551ightarrows;\u61C9quigarro\xF7\u30CBhreetimes;\u62CCg;\u42DAingdotse\xF1\u1F32\u0180ahm\u320D\u3210\u3213r\xF2\u0FEAa\xF2\u0551;\u600Foust\u0100;a\u321E\u321F\u63B1che\xBB\u321Fmid;\u6AEE\u0200abpt\u3232\u323D\u3240\u3252\u0100nr\u3237\u323Ag;\u67EDr;\u61FEr\xEB\u1003\u0180afl\u3247\u324A\u324Er;\u6986;\uC000\u{1D563}us;\u6A2Eimes;\u6A35\u0100ap\u325D\u3267r\u0100;g\u3263\u3264\u4029t;\u6994olint;\u6A12ar\xF2\u31E3\u0200achq\u327B\u3280\u10BC\u3285quo;\u603Ar;\uC000\u{1D4C7}\u0100bu\u30FB\u328Ao\u0100;r\u0214\u0213\u0180hir\u3297\u329B\u32A0re\xE5\u31F8mes;\u62CAi\u0200;efl\u32AA\u1059\u1821\u32AB\u65B9tri;\u69CEluhar;\u6968;\u611E\u0D61\u32D5\u32DB\u32DF\u332C\u3338\u3371\0\u337A\u33A4\0\0\u33EC\u33F0\0\u3428\u3448\u345A\u34AD\u34B1\u34CA\u34F1\0\u3616\0\0\u3633cute;\u415Bqu\xEF\u27BA\u0500;Eaceinpsy\u11ED\u32F3\u32F5\u32FF\u3302\u330B\u330F\u331F\u3326\u3329;\u6AB4\u01F0\u32FA\0\u32FC;\u6AB8on;\u4161u\xE5\u11FE\u0100;d\u11F3\u3307il;\u415Frc;\u415D\u0180Eas\u3316\u3318\u331B;\u6AB6p;\u6ABAim;\u62E9olint;\u6A13i\xED\u1204;\u4441ot\u0180;be\u3334\u1D47\u3335\u62C5;\u6A66\u0380Aacmstx\u3346\u334A\u3357\u335B\u335E\u3363\u336Drr;\u61D8r\u0100hr\u3350\u3352\xEB\u2228\u0100;o\u0A36\u0A34t\u803B\xA7\u40A7i;\u403Bwar;\u6929m\u0100in\u3369\xF0nu\xF3\xF1t;\u6736r\u0100;o\u3376\u2055\uC000\u{1D530}\u0200acoy\u3382\u3386\u3391\u33A0rp;\u666F\u0100hy\u338B\u338Fcy;\u4449;\u4448rt\u026D\u3399\0\0\u339Ci\xE4\u1464ara\xEC\u2E6F\u803B\xAD\u40AD\u0100gm\u33A8\u33B4ma\u0180;fv\u33B1\u33B2\u33B2\u43C3;\u43C2\u0400;deglnpr\u12AB\u33C5\u33C9\u33CE\u33D6\u33DE\u33E1\u33E6ot;\u6A6A\u0100;q\u12B1\u12B0\u0100;E\u33D3\u33D4\u6A9E;\u6AA0\u0100;E\u33DB\u33DC\u6A9D;\u6A9Fe;\u6246lus;\u6A24arr;\u6972ar\xF2\u113D\u0200aeit\u33F8\u3408\u340F\u3417\u0100ls\u33FD\u3404lsetm\xE9\u336Ahp;\u6A33parsl;\u69E4\u0100dl\u1463\u3414e;\u6323\u0100;e\u341C\u341D\u6AAA\u0100;s\u3422\u3423\u6AAC;\uC000\u2AAC\uFE00\u0180flp\u342E\u3433\u3442tcy;\u444C\u0100;b\u3438\u3439\u402F\u0100;a\u343E\u343F\u69C4r;\u633Ff;\uC000\u{1D564}a\u0100dr\u344D\u0402es\u0100;u\u3454\u3455\u6660it\xBB\u3455\u0180csu\u3460\u3479\u349F\u0100au\u3465\u346Fp\u0100;s\u1188\u346B;\uC000\u2293\uFE00p\u0100;s\u11B4\u3475;\uC000\u2294\uFE00u\u0100bp\u347F\u348F\u0180;es\u1197\u119C\u3486et\u0100;e\u1197\u348D\xF1\u119D\u0180;es\u11A8\u11AD\u3496et\u0100;e\u11A8\u349D\xF1\u11AE\u0180;af\u117B\u34A6\u05B0r\u0165\u34AB\u05B1\xBB\u117Car\xF2\u1148\u0200cemt\u34B9\u34BE\u34C2\u34C5r;\uC000\u{1D4C8}tm\xEE\xF1i\xEC\u3415ar\xE6\u11BE\u0100ar\u34CE\u34D5r\u0100;f\u34D4\u17BF\u6606\u0100an\u34DA\u34EDight\u0100ep\u34E3\u34EApsilo\xEE\u1EE0h\xE9\u2EAFs\xBB\u2852\u0280bcmnp\u34FB\u355E\u1209\u358B\u358E\u0480;Edemnprs\u350E\u350F\u3511\u3515\u351E\u3523\u352C\u3531\u3536\u6282;\u6AC5ot;\u6ABD\u0100;d\u11DA\u351Aot;\u6AC3ult;\u6AC1\u0100Ee\u3528\u352A;\u6ACB;\u628Alus;\u6ABFarr;\u6979\u0180eiu\u353D\u3552\u3555t\u0180;en\u350E\u3545\u354Bq\u0100;q\u11DA\u350Feq\u0100;q\u352B\u3528m;\u6AC7\u0100bp\u355A\u355C;\u6AD5;\u6AD3c\u0300;acens\u11ED\u356C\u3572\u3579\u357B\u3326ppro\xF8\u32FAurlye\xF1\u11FE\xF1\u11F3\u0180aes\u3582\u3588\u331Bppro\xF8\u331Aq\xF1\u3317g;\u666A\u0680123;Edehlmnps\u35A9\u35AC\u35AF\u121C\u35B2\u35B4\u35C0\u35C9\u35D5\u35DA\u35DF\u35E8\u35ED\u803B\xB9\u40B9\u803B\xB2\u40B2\u803B\xB3\u40B3;\u6AC6\u0100os\u35B9\u35BCt;\u6ABEub;\u6AD8\u0100;d\u1222\u35C5ot;\u6AC4s\u0100ou\u35CF\u35D2l;\u67C9b;\u6AD7arr;\u697Bult;\u6AC2\u0100Ee\u35E4\u35E6;\u6ACC;\u628Blus;\u6AC0\u0180eiu\u35F4\u3609\u360Ct\u0180;en\u121C\u35FC\u3602q\u0100;q\u1222\u35B2eq\u0100;q\u35E7\u35E4m;\u6AC8\u0100bp\u3611\u3613;\u6AD4;\u6AD6\u0180Aan\u361C\u3620\u362Drr;\u61D9r\u0100hr\u3626\u3628\xEB\u222E\u0100;o\u0A2B\u0A29war;\u692Alig\u803B\xDF\u40DF\u0BE1\u3651\u365D\u3660\u12CE\u3673\u3679\0\u367E\u36C2\0\0\0\0\0\u36DB\u3703\0\u3709\u376C\0\0\0\u3787\u0272\u3656\0\0\u365Bget;\u6316;\u43C4r\xEB\u0E5F\u0180aey\u3666\u366B\u3670ron;\u4165dil;\u4163;\u4442lrec;\u6315r;\uC000\u{1D531}\u0200eiko\u3686\u369D\u36B5\u36BC\u01F2\u368B\0\u3691e\u01004f\u1284\u1281a\u0180;sv\u3698\u3699\u369B\u43B8ym;\u43D1\u0100cn\u36A2\u36B2k\u0100as\u36A8\u36AEppro\xF8\u12C1im\xBB\u12ACs\xF0\u129E\u0100as\u36BA\u36AE\xF0\u12C1rn\u803B\xFE\u40FE\u01EC\u031F\u36C6\u22E7es\u8180\xD7;bd\u36CF\u36D0\u36D8\u40D7\u0100;a\u190F\u36D5r;\u6A31;\u6A30\u0180eps\u36E1\u36E3\u3700\xE1\u2A4D\u0200;bcf\u0486\u36EC\u36F0\u36F4ot;\u6336ir;\u6AF1\u0100;o\u36F9\u36FC\uC000\u{1D565}rk;\u6ADA\xE1\u3362rime;\u6034\u0180aip\u370F\u3712\u3764d\xE5\u1248\u0380adempst\u3721\u374D\u3740\u3751\u3757\u375C\u375Fngle\u0280;dlqr\u3730\u3731\u3736\u3740\u3742\u65B5own\xBB\u1DBBeft\u0100;e\u2800\u373E\xF1\u092E;\u625Cight\u0100;e\u32AA\u374B\xF1\u105Aot;\u65ECinus;\u6A3Alus;\u6A39b;\u69CDime;\u6A3Bezium;\u63E2\u0180cht\u3772\u377D\u3781\u0100ry\u3777\u377B;\uC000\u{1D4C9};\u4446cy;\u445Brok;\u4167\u0100io\u378B\u378Ex\xF4\u1777head\u0100lr\u3797\u37A0eftarro\xF7\u084Fightarrow\xBB\u0F5D\u0900AHabcdfghlmoprstuw\u37D0\u37D3\u37D7\u37E4\u37F0\u37FC\u380E\u381C\u3823\u3834\u3851\u385D\u386B\u38A9\u38CC\u38D2\u38EA\u38F6r\xF2\u03EDar;\u6963\u0100cr\u37DC\u37E2ute\u803B\xFA\u40FA\xF2\u1150r\u01E3\u37EA\0\u37EDy;\u445Eve;\u416D\u0100iy\u37F5\u37FArc\u803B\xFB\u40FB;\u4443\u0180abh\u3803\u3806\u380Br\xF2\u13ADlac;\u4171a\xF2\u13C3\u0100ir\u3813\u3818sht;\u697E;\uC000\u{1D532}rave\u803B\xF9\u40F9\u0161\u3827\u3831r\u0100lr\u382C\u382E\xBB\u0957\xBB\u1083lk;\u6580\u0100ct\u3839\u384D\u026F\u383F\0\0\u384Arn\u0100;e\u3845\u3846\u631Cr\xBB\u3846op;\u630Fri;\u65F8\u0100al\u3856\u385Acr;\u416B\u80BB\xA8\u0349\u0100gp\u3862\u3866on;\u4173f;\uC000\u{1D566}\u0300adhlsu\u114B\u3878\u387D\u1372\u3891\u38A0own\xE1\u13B3arpoon\u0100lr\u3888\u388Cef\xF4\u382Digh\xF4\u382Fi\u0180;hl\u3899\u389A\u389C\u43C5\xBB\u13FAon\xBB\u389Aparrows;\u61C8\u0180cit\u38B0\u38C4\u38C8\u026F\u38B6\0\0\u38C1rn\u0100;e\u38BC\u38BD\u631Dr\xBB\u38BDop;\u630Eng;\u416Fri;\u65F9cr;\uC000\u{1D4CA}\u0180dir\u38D9\u38DD\u38E2ot;\u62F0lde;\u4169i\u0100;f\u3730\u38E8\xBB\u1813\u0100am\u38EF\u38F2r\xF2\u38A8l\u803B\xFC\u40FCangle;\u69A7\u0780ABDacdeflnoprsz\u391C\u391F\u3929\u392D\u39B5\u39B8\u39BD\u39DF\u39E4\u39E8\u39F3\u39F9\u39FD\u3A01\u3A20r\xF2\u03F7ar\u0100;v\u3926\u3927\u6AE8;\u6AE9as\xE8\u03E1\u0100nr\u3932\u3937grt;\u699C\u0380eknprst\u34E3\u3946\u394B\u3952\u395D\u3964\u3996app\xE1\u2415othin\xE7\u1E96\u0180hir\u34EB\u2EC8\u3959op\xF4\u2FB5\u0100;h\u13B7\u3962\xEF\u318D\u0100iu\u3969\u396Dgm\xE1\u33B3\u0100bp\u3972\u3984setneq\u0100;q\u397D\u3980\uC000\u228A\uFE00;\uC000\u2ACB\uFE00setneq\u0100;q\u398F\u3992\uC000\u228B\uFE00;\uC000\u2ACC\uFE00\u0100hr\u399B\u399Fet\xE1\u369Ciangle\u0100lr\u39AA\u39AFeft\xBB\u0925ight\xBB\u1051y;\u4432ash\xBB\u1036\u0180elr\u39C4\u39D2\u39D7\u0180;be\u2DEA\u39CB\u39CFar;\u62BBq;\u625Alip;\u62EE\u0100bt\u39DC\u1468a\xF2\u1469r;\uC000\u{1D533}tr\xE9\u39AEsu\u0100bp\u39EF\u39F1\xBB\u0D1C\xBB\u0D59pf;\uC000\u{1D567}ro\xF0\u0EFBtr\xE9\u39B4\u0100cu\u3A06\u3A0Br;\uC000\u{1D4CB}\u0100bp\u3A10\u3A18n\u0100Ee\u3980\u3A16\xBB\u397En\u0100Ee\u3992\u3A1E\xBB\u3990igzag;\u699A\u0380cefoprs\u3A36\u3A3B\u3A56\u3A5B\u3A54\u3A61\u3A6Airc;\u4175\u0100di\u3A40\u3A51\u0100bg\u3A45\u3A49ar;\u6A5Fe\u0100;q\u15FA\u3A4F;\u6259erp;\u6118r;\uC000\u{1D534}pf;\uC000\u{1D568}\u0100;e\u1479\u3A66at\xE8\u1479cr;\uC000\u{1D4CC}\u0AE3\u178E\u3A87\0\u3A8B\0\u3A90\u3A9B\0\0\u3A9D\u3AA8\u3AAB\u3AAF\0\0\u3AC3\u3ACE\0\u3AD8\u17DC\u17DFtr\xE9\u17D1r;\uC000\u{1D535}\u0100Aa\u3A94\u3A97r\xF2\u03C3r\xF2\u09F6;\u43BE\u0100Aa\u3AA1\u3AA4r\xF2\u03B8r\xF2\u09EBa\xF0\u2713is;\u62FB\u0180dpt\u17A4\u3AB5\u3ABE\u0100fl\u3ABA\u17A9;\uC000\u{1D569}im\xE5\u17B2\u0100Aa\u3AC7\u3ACAr\xF2\u03CEr\xF2\u0A01\u0100cq\u3AD2\u17B8r;\uC000\u{1D4CD}\u0100pt\u17D6\u3ADCr\xE9\u17D4\u0400acefiosu\u3AF0\u3AFD\u3B08\u3B0C\u3B11\u3B15\u3B1B\u3B21c\u0100uy\u3AF6\u3AFBte\u803B\xFD\u40FD;\u444F\u0100iy\u3B02\u3B06rc;\u4177;\u444Bn\u803B\xA5\u40A5r;\uC000\u{1D536}cy;\u4457pf;\uC000\u{1D56A}cr;\uC000\u{1D4CE}\u0100cm\u3B26\u3B29y;\u444El\u803B\xFF\u40FF\u0500acdefhiosw\u3B42\u3B48\u3B54\u3B58\u3B64\u3B69\u3B6D\u3B74\u3B7A\u3B80cute;\u417A\u0100ay\u3B4D\u3B52ron;\u417E;\u4437ot;\u417C\u0100et\u3B5D\u3B61tr\xE6\u155Fa;\u43B6r;\uC000\u{1D537}cy;\u4436grarr;\u61DDpf;\uC000\u{1D56B}cr;\uC000\u{1D4CF}\u0100jn\u3B85\u3B87;\u600Dj;\u600C'.split("").map((c) => c.charCodeAt(0))
);

// node_modules/entities/lib/esm/generated/decode-data-xml.js
var decode_data_xml_default = new Uint16Array(
  // prettier-ignore
  "\u0200aglq	\x1B\u026D\0\0p;\u4026os;\u4027t;\u403Et;\u403Cuot;\u4022".split("").map((c) => c.charCodeAt(0))
);

// node_modules/entities/lib/esm/decode_codepoint.js
var _a2;
var decodeMap2 = /* @__PURE__ */ new Map([
  [0, 65533],
  // C1 Unicode control character reference replacements
  [128, 8364],
  [130, 8218],
  [131, 402],
  [132, 8222],
  [133, 8230],
  [134, 8224],
  [135, 8225],
  [136, 710],
  [137, 8240],
  [138, 352],
  [139, 8249],
  [140, 338],
  [142, 381],
  [145, 8216],
  [146, 8217],
  [147, 8220],
  [148, 8221],
  [149, 8226],
  [150, 8211],
  [151, 8212],
  [152, 732],
  [153, 8482],
  [154, 353],
  [155, 8250],
  [156, 339],
  [158, 382],
  [159, 376]
]);
var fromCodePoint2 = (
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition, node/no-unsupported-features/es-builtins
  (_a2 = String.fromCodePoint) !== null && _a2 !== void 0 ? _a2 : function(codePoint) {
    let output = "";
    if (codePoint > 65535) {
      codePoint -= 65536;
      output += String.fromCharCode(codePoint >>> 10 & 1023 | 55296);
      codePoint = 56320 | codePoint & 1023;
    }
    output += String.fromCharCode(codePoint);
    return output;
  }
);
function replaceCodePoint2(codePoint) {
  var _a3;
  if (codePoint >= 55296 && codePoint <= 57343 || codePoint > 1114111) {
    return 65533;
  }
  return (_a3 = decodeMap2.get(codePoint)) !== null && _a3 !== void 0 ? _a3 : codePoint;
}

// node_modules/entities/lib/esm/decode.js
var CharCodes3;
(function(CharCodes4) {
  CharCodes4[CharCodes4["NUM"] = 35] = "NUM";
  CharCodes4[CharCodes4["SEMI"] = 59] = "SEMI";
  CharCodes4[CharCodes4["EQUALS"] = 61] = "EQUALS";
  CharCodes4[CharCodes4["ZERO"] = 48] = "ZERO";
  CharCodes4[CharCodes4["NINE"] = 57] = "NINE";
  CharCodes4[CharCodes4["LOWER_A"] = 97] = "LOWER_A";
  CharCodes4[CharCodes4["LOWER_F"] = 102] = "LOWER_F";
  CharCodes4[CharCodes4["LOWER_X"] = 120] = "LOWER_X";
  CharCodes4[CharCodes4["LOWER_Z"] = 122] = "LOWER_Z";
  CharCodes4[CharCodes4["UPPER_A"] = 65] = "UPPER_A";
  CharCodes4[CharCodes4["UPPER_F"] = 70] = "UPPER_F";
  CharCodes4[CharCodes4["UPPER_Z"] = 90] = "UPPER_Z";
})(CharCodes3 || (CharCodes3 = {}));
var TO_LOWER_BIT2 = 32;
var BinTrieFlags2;
(function(BinTrieFlags3) {
  BinTrieFlags3[BinTrieFlags3["VALUE_LENGTH"] = 49152] = "VALUE_LENGTH";
  BinTrieFlags3[BinTrieFlags3["BRANCH_LENGTH"] = 16256] = "BRANCH_LENGTH";
  BinTrieFlags3[BinTrieFlags3["JUMP_TABLE"] = 127] = "JUMP_TABLE";
})(BinTrieFlags2 || (BinTrieFlags2 = {}));
function isNumber2(code) {
  return code >= CharCodes3.ZERO && code <= CharCodes3.NINE;
}
function isHexadecimalCharacter2(code) {
  return code >= CharCodes3.UPPER_A && code <= CharCodes3.UPPER_F || code >= CharCodes3.LOWER_A && code <= CharCodes3.LOWER_F;
}
function isAsciiAlphaNumeric2(code) {
  return code >= CharCodes3.UPPER_A && code <= CharCodes3.UPPER_Z || code >= CharCodes3.LOWER_A && code <= CharCodes3.LOWER_Z || isNumber2(code);
}
function isEntityInAttributeInvalidEnd2(code) {
  return code === CharCodes3.EQUALS || isAsciiAlphaNumeric2(code);
}
var EntityDecoderState2;
(function(EntityDecoderState3) {
  EntityDecoderState3[EntityDecoderState3["EntityStart"] = 0] = "EntityStart";
  EntityDecoderState3[EntityDecoderState3["NumericStart"] = 1] = "NumericStart";
  EntityDecoderState3[EntityDecoderState3["NumericDecimal"] = 2] = "NumericDecimal";
  EntityDecoderState3[EntityDecoderState3["NumericHex"] = 3] = "NumericHex";
  EntityDecoderState3[EntityDecoderState3["NamedEntity"] = 4] = "NamedEntity";
})(EntityDecoderState2 || (EntityDecoderState2 = {}));
var DecodingMode2;
(function(DecodingMode3) {
  DecodingMode3[DecodingMode3["Legacy"] = 0] = "Legacy";
  DecodingMode3[DecodingMode3["Strict"] = 1] = "Strict";
  DecodingMode3[DecodingMode3["Attribute"] = 2] = "Attribute";
})(DecodingMode2 || (DecodingMode2 = {}));
var EntityDecoder2 = class {
  constructor(decodeTree, emitCodePoint, errors) {
    this.decodeTree = decodeTree;
    this.emitCodePoint = emitCodePoint;
    this.errors = errors;
    this.state = EntityDecoderState2.EntityStart;
    this.consumed = 1;
    this.result = 0;
    this.treeIndex = 0;
    this.excess = 1;
    this.decodeMode = DecodingMode2.Strict;
  }
  /** Resets the instance to make it reusable. */
  startEntity(decodeMode) {
    this.decodeMode = decodeMode;
    this.state = EntityDecoderState2.EntityStart;
    this.result = 0;
    this.treeIndex = 0;
    this.excess = 1;
    this.consumed = 1;
  }
  /**
   * Write an entity to the decoder. This can be called multiple times with partial entities.
   * If the entity is incomplete, the decoder will return -1.
   *
   * Mirrors the implementation of `getDecoder`, but with the ability to stop decoding if the
   * entity is incomplete, and resume when the next string is written.
   *
   * @param string The string containing the entity (or a continuation of the entity).
   * @param offset The offset at which the entity begins. Should be 0 if this is not the first call.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  write(str, offset) {
    switch (this.state) {
      case EntityDecoderState2.EntityStart: {
        if (str.charCodeAt(offset) === CharCodes3.NUM) {
          this.state = EntityDecoderState2.NumericStart;
          this.consumed += 1;
          return this.stateNumericStart(str, offset + 1);
        }
        this.state = EntityDecoderState2.NamedEntity;
        return this.stateNamedEntity(str, offset);
      }
      case EntityDecoderState2.NumericStart: {
        return this.stateNumericStart(str, offset);
      }
      case EntityDecoderState2.NumericDecimal: {
        return this.stateNumericDecimal(str, offset);
      }
      case EntityDecoderState2.NumericHex: {
        return this.stateNumericHex(str, offset);
      }
      case EntityDecoderState2.NamedEntity: {
        return this.stateNamedEntity(str, offset);
      }
    }
  }
  /**
   * Switches between the numeric decimal and hexadecimal states.
   *
   * Equivalent to the `Numeric character reference state` in the HTML spec.
   *
   * @param str The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericStart(str, offset) {
    if (offset >= str.length) {
      return -1;
    }
    if ((str.charCodeAt(offset) | TO_LOWER_BIT2) === CharCodes3.LOWER_X) {
      this.state = EntityDecoderState2.NumericHex;
      this.consumed += 1;
      return this.stateNumericHex(str, offset + 1);
    }
    this.state = EntityDecoderState2.NumericDecimal;
    return this.stateNumericDecimal(str, offset);
  }
  addToNumericResult(str, start, end, base) {
    if (start !== end) {
      const digitCount = end - start;
      this.result = this.result * Math.pow(base, digitCount) + parseInt(str.substr(start, digitCount), base);
      this.consumed += digitCount;
    }
  }
  /**
   * Parses a hexadecimal numeric entity.
   *
   * Equivalent to the `Hexademical character reference state` in the HTML spec.
   *
   * @param str The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericHex(str, offset) {
    const startIdx = offset;
    while (offset < str.length) {
      const char = str.charCodeAt(offset);
      if (isNumber2(char) || isHexadecimalCharacter2(char)) {
        offset += 1;
      } else {
        this.addToNumericResult(str, startIdx, offset, 16);
        return this.emitNumericEntity(char, 3);
      }
    }
    this.addToNumericResult(str, startIdx, offset, 16);
    return -1;
  }
  /**
   * Parses a decimal numeric entity.
   *
   * Equivalent to the `Decimal character reference state` in the HTML spec.
   *
   * @param str The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNumericDecimal(str, offset) {
    const startIdx = offset;
    while (offset < str.length) {
      const char = str.charCodeAt(offset);
      if (isNumber2(char)) {
        offset += 1;
      } else {
        this.addToNumericResult(str, startIdx, offset, 10);
        return this.emitNumericEntity(char, 2);
      }
    }
    this.addToNumericResult(str, startIdx, offset, 10);
    return -1;
  }
  /**
   * Validate and emit a numeric entity.
   *
   * Implements the logic from the `Hexademical character reference start
   * state` and `Numeric character reference end state` in the HTML spec.
   *
   * @param lastCp The last code point of the entity. Used to see if the
   *               entity was terminated with a semicolon.
   * @param expectedLength The minimum number of characters that should be
   *                       consumed. Used to validate that at least one digit
   *                       was consumed.
   * @returns The number of characters that were consumed.
   */
  emitNumericEntity(lastCp, expectedLength) {
    var _a3;
    if (this.consumed <= expectedLength) {
      (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.absenceOfDigitsInNumericCharacterReference(this.consumed);
      return 0;
    }
    if (lastCp === CharCodes3.SEMI) {
      this.consumed += 1;
    } else if (this.decodeMode === DecodingMode2.Strict) {
      return 0;
    }
    this.emitCodePoint(replaceCodePoint2(this.result), this.consumed);
    if (this.errors) {
      if (lastCp !== CharCodes3.SEMI) {
        this.errors.missingSemicolonAfterCharacterReference();
      }
      this.errors.validateNumericCharacterReference(this.result);
    }
    return this.consumed;
  }
  /**
   * Parses a named entity.
   *
   * Equivalent to the `Named character reference state` in the HTML spec.
   *
   * @param str The string containing the entity (or a continuation of the entity).
   * @param offset The current offset.
   * @returns The number of characters that were consumed, or -1 if the entity is incomplete.
   */
  stateNamedEntity(str, offset) {
    const { decodeTree } = this;
    let current = decodeTree[this.treeIndex];
    let valueLength = (current & BinTrieFlags2.VALUE_LENGTH) >> 14;
    for (; offset < str.length; offset++, this.excess++) {
      const char = str.charCodeAt(offset);
      this.treeIndex = determineBranch2(decodeTree, current, this.treeIndex + Math.max(1, valueLength), char);
      if (this.treeIndex < 0) {
        return this.result === 0 || // If we are parsing an attribute
        this.decodeMode === DecodingMode2.Attribute && // We shouldn't have consumed any characters after the entity,
        (valueLength === 0 || // And there should be no invalid characters.
        isEntityInAttributeInvalidEnd2(char)) ? 0 : this.emitNotTerminatedNamedEntity();
      }
      current = decodeTree[this.treeIndex];
      valueLength = (current & BinTrieFlags2.VALUE_LENGTH) >> 14;
      if (valueLength !== 0) {
        if (char === CharCodes3.SEMI) {
          return this.emitNamedEntityData(this.treeIndex, valueLength, this.consumed + this.excess);
        }
        if (this.decodeMode !== DecodingMode2.Strict) {
          this.result = this.treeIndex;
          this.consumed += this.excess;
          this.excess = 0;
        }
      }
    }
    return -1;
  }
  /**
   * Emit a named entity that was not terminated with a semicolon.
   *
   * @returns The number of characters consumed.
   */
  emitNotTerminatedNamedEntity() {
    var _a3;
    const { result, decodeTree } = this;
    const valueLength = (decodeTree[result] & BinTrieFlags2.VALUE_LENGTH) >> 14;
    this.emitNamedEntityData(result, valueLength, this.consumed);
    (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.missingSemicolonAfterCharacterReference();
    return this.consumed;
  }
  /**
   * Emit a named entity.
   *
   * @param result The index of the entity in the decode tree.
   * @param valueLength The number of bytes in the entity.
   * @param consumed The number of characters consumed.
   *
   * @returns The number of characters consumed.
   */
  emitNamedEntityData(result, valueLength, consumed) {
    const { decodeTree } = this;
    this.emitCodePoint(valueLength === 1 ? decodeTree[result] & ~BinTrieFlags2.VALUE_LENGTH : decodeTree[result + 1], consumed);
    if (valueLength === 3) {
      this.emitCodePoint(decodeTree[result + 2], consumed);
    }
    return consumed;
  }
  /**
   * Signal to the parser that the end of the input was reached.
   *
   * Remaining data will be emitted and relevant errors will be produced.
   *
   * @returns The number of characters consumed.
   */
  end() {
    var _a3;
    switch (this.state) {
      case EntityDecoderState2.NamedEntity: {
        return this.result !== 0 && (this.decodeMode !== DecodingMode2.Attribute || this.result === this.treeIndex) ? this.emitNotTerminatedNamedEntity() : 0;
      }
      // Otherwise, emit a numeric entity if we have one.
      case EntityDecoderState2.NumericDecimal: {
        return this.emitNumericEntity(0, 2);
      }
      case EntityDecoderState2.NumericHex: {
        return this.emitNumericEntity(0, 3);
      }
      case EntityDecoderState2.NumericStart: {
        (_a3 = this.errors) === null || _a3 === void 0 ? void 0 : _a3.absenceOfDigitsInNumericCharacterReference(this.consumed);
        return 0;
      }
      case EntityDecoderState2.EntityStart: {
        return 0;
      }
    }
  }
};
function getDecoder(decodeTree) {
  let ret = "";
  const decoder = new EntityDecoder2(decodeTree, (str) => ret += fromCodePoint2(str));
  return function decodeWithTrie(str, decodeMode) {
    let lastIndex = 0;
    let offset = 0;
    while ((offset = str.indexOf("&", offset)) >= 0) {
      ret += str.slice(lastIndex, offset);
      decoder.startEntity(decodeMode);
      const len = decoder.write(
        str,
        // Skip the "&"
        offset + 1
      );
      if (len < 0) {
        lastIndex = offset + decoder.end();
        break;
      }
      lastIndex = offset + len;
      offset = len === 0 ? lastIndex + 1 : lastIndex;
    }
    const result = ret + str.slice(lastIndex);
    ret = "";
    return result;
  };
}
function determineBranch2(decodeTree, current, nodeIdx, char) {
  const branchCount = (current & BinTrieFlags2.BRANCH_LENGTH) >> 7;
  const jumpOffset = current & BinTrieFlags2.JUMP_TABLE;
  if (branchCount === 0) {
    return jumpOffset !== 0 && char === jumpOffset ? nodeIdx : -1;
  }
  if (jumpOffset) {
    const value = char - jumpOffset;
    return value < 0 || value >= branchCount ? -1 : decodeTree[nodeIdx + value] - 1;
  }
  let lo = nodeIdx;
  let hi = lo + branchCount - 1;
  while (lo <= hi) {
    const mid = lo + hi >>> 1;
    const midVal = decodeTree[mid];
    if (midVal < char) {
      lo = mid + 1;
    } else if (midVal > char) {
      hi = mid - 1;
    } else {
      return decodeTree[mid + branchCount];
    }
  }
  return -1;
}
var htmlDecoder = getDecoder(decode_data_html_default);
var xmlDecoder = getDecoder(decode_data_xml_default);

// node_modules/entities/lib/esm/generated/encode-html.js
function restoreDiff(arr) {
  for (let i = 1; i < arr.length; i++) {
    arr[i][0] += arr[i - 1][0] + 1;
  }
  return arr;
}
var encode_html_default = new Map(/* @__PURE__ */ restoreDiff([[9, "&Tab;"], [0, "&NewLine;"], [22, "&excl;"], [0, "&quot;"], [0, "&num;"], [0, "&dollar;"], [0, "&percnt;"], [0, "&amp;"], [0, "&apos;"], [0, "&lpar;"], [0, "&rpar;"], [0, "&ast;"], [0, "&plus;"], [0, "&comma;"], [1, "&period;"], [0, "&sol;"], [10, "&colon;"], [0, "&semi;"], [0, { v: "&lt;", n: 8402, o: "&nvlt;" }], [0, { v: "&equals;", n: 8421, o: "&bne;" }], [0, { v: "&gt;", n: 8402, o: "&nvgt;" }], [0, "&quest;"], [0, "&commat;"], [26, "&lbrack;"], [0, "&bsol;"], [0, "&rbrack;"], [0, "&Hat;"], [0, "&lowbar;"], [0, "&DiacriticalGrave;"], [5, { n: 106, o: "&fjlig;" }], [20, "&lbrace;"], [0, "&verbar;"], [0, "&rbrace;"], [34, "&nbsp;"], [0, "&iexcl;"], [0, "&cent;"], [0, "&pound;"], [0, "&curren;"], [0, "&yen;"], [0, "&brvbar;"], [0, "&sect;"], [0, "&die;"], [0, "&copy;"], [0, "&ordf;"], [0, "&laquo;"], [0, "&not;"], [0, "&shy;"], [0, "&circledR;"], [0, "&macr;"], [0, "&deg;"], [0, "&PlusMinus;"], [0, "&sup2;"], [0, "&sup3;"], [0, "&acute;"], [0, "&micro;"], [0, "&para;"], [0, "&centerdot;"], [0, "&cedil;"], [0, "&sup1;"], [0, "&ordm;"], [0, "&raquo;"], [0, "&frac14;"], [0, "&frac12;"], [0, "&frac34;"], [0, "&iquest;"], [0, "&Agrave;"], [0, "&Aacute;"], [0, "&Acirc;"], [0, "&Atilde;"], [0, "&Auml;"], [0, "&angst;"], [0, "&AElig;"], [0, "&Ccedil;"], [0, "&Egrave;"], [0, "&Eacute;"], [0, "&Ecirc;"], [0, "&Euml;"], [0, "&Igrave;"], [0, "&Iacute;"], [0, "&Icirc;"], [0, "&Iuml;"], [0, "&ETH;"], [0, "&Ntilde;"], [0, "&Ograve;"], [0, "&Oacute;"], [0, "&Ocirc;"], [0, "&Otilde;"], [0, "&Ouml;"], [0, "&times;"], [0, "&Oslash;"], [0, "&Ugrave;"], [0, "&Uacute;"], [0, "&Ucirc;"], [0, "&Uuml;"], [0, "&Yacute;"], [0, "&THORN;"], [0, "&szlig;"], [0, "&agrave;"], [0, "&aacute;"], [0, "&acirc;"], [0, "&atilde;"], [0, "&auml;"], [0, "&aring;"], [0, "&aelig;"], [0, "&ccedil;"], [0, "&egrave;"], [0, "&eacute;"], [0, "&ecirc;"], [0, "&euml;"], [0, "&igrave;"], [0, "&iacute;"], [0, "&icirc;"], [0, "&iuml;"], [0, "&eth;"], [0, "&ntilde;"], [0, "&ograve;"], [0, "&oacute;"], [0, "&ocirc;"], [0, "&otilde;"], [0, "&ouml;"], [0, "&div;"], [0, "&oslash;"], [0, "&ugrave;"], [0, "&uacute;"], [0, "&ucirc;"], [0, "&uuml;"], [0, "&yacute;"], [0, "&thorn;"], [0, "&yuml;"], [0, "&Amacr;"], [0, "&amacr;"], [0, "&Abreve;"], [0, "&abreve;"], [0, "&Aogon;"], [0, "&aogon;"], [0, "&Cacute;"], [0, "&cacute;"], [0, "&Ccirc;"], [0, "&ccirc;"], [0, "&Cdot;"], [0, "&cdot;"], [0, "&Ccaron;"], [0, "&ccaron;"], [0, "&Dcaron;"], [0, "&dcaron;"], [0, "&Dstrok;"], [0, "&dstrok;"], [0, "&Emacr;"], [0, "&emacr;"], [2, "&Edot;"], [0, "&edot;"], [0, "&Eogon;"], [0, "&eogon;"], [0, "&Ecaron;"], [0, "&ecaron;"], [0, "&Gcirc;"], [0, "&gcirc;"], [0, "&Gbreve;"], [0, "&gbreve;"], [0, "&Gdot;"], [0, "&gdot;"], [0, "&Gcedil;"], [1, "&Hcirc;"], [0, "&hcirc;"], [0, "&Hstrok;"], [0, "&hstrok;"], [0, "&Itilde;"], [0, "&itilde;"], [0, "&Imacr;"], [0, "&imacr;"], [2, "&Iogon;"], [0, "&iogon;"], [0, "&Idot;"], [0, "&imath;"], [0, "&IJlig;"], [0, "&ijlig;"], [0, "&Jcirc;"], [0, "&jcirc;"], [0, "&Kcedil;"], [0, "&kcedil;"], [0, "&kgreen;"], [0, "&Lacute;"], [0, "&lacute;"], [0, "&Lcedil;"], [0, "&lcedil;"], [0, "&Lcaron;"], [0, "&lcaron;"], [0, "&Lmidot;"], [0, "&lmidot;"], [0, "&Lstrok;"], [0, "&lstrok;"], [0, "&Nacute;"], [0, "&nacute;"], [0, "&Ncedil;"], [0, "&ncedil;"], [0, "&Ncaron;"], [0, "&ncaron;"], [0, "&napos;"], [0, "&ENG;"], [0, "&eng;"], [0, "&Omacr;"], [0, "&omacr;"], [2, "&Odblac;"], [0, "&odblac;"], [0, "&OElig;"], [0, "&oelig;"], [0, "&Racute;"], [0, "&racute;"], [0, "&Rcedil;"], [0, "&rcedil;"], [0, "&Rcaron;"], [0, "&rcaron;"], [0, "&Sacute;"], [0, "&sacute;"], [0, "&Scirc;"], [0, "&scirc;"], [0, "&Scedil;"], [0, "&scedil;"], [0, "&Scaron;"], [0, "&scaron;"], [0, "&Tcedil;"], [0, "&tcedil;"], [0, "&Tcaron;"], [0, "&tcaron;"], [0, "&Tstrok;"], [0, "&tstrok;"], [0, "&Utilde;"], [0, "&utilde;"], [0, "&Umacr;"], [0, "&umacr;"], [0, "&Ubreve;"], [0, "&ubreve;"], [0, "&Uring;"], [0, "&uring;"], [0, "&Udblac;"], [0, "&udblac;"], [0, "&Uogon;"], [0, "&uogon;"], [0, "&Wcirc;"], [0, "&wcirc;"], [0, "&Ycirc;"], [0, "&ycirc;"], [0, "&Yuml;"], [0, "&Zacute;"], [0, "&zacute;"], [0, "&Zdot;"], [0, "&zdot;"], [0, "&Zcaron;"], [0, "&zcaron;"], [19, "&fnof;"], [34, "&imped;"], [63, "&gacute;"], [65, "&jmath;"], [142, "&circ;"], [0, "&caron;"], [16, "&breve;"], [0, "&DiacriticalDot;"], [0, "&ring;"], [0, "&ogon;"], [0, "&DiacriticalTilde;"], [0, "&dblac;"], [51, "&DownBreve;"], [127, "&Alpha;"], [0, "&Beta;"], [0, "&Gamma;"], [0, "&Delta;"], [0, "&Epsilon;"], [0, "&Zeta;"], [0, "&Eta;"], [0, "&Theta;"], [0, "&Iota;"], [0, "&Kappa;"], [0, "&Lambda;"], [0, "&Mu;"], [0, "&Nu;"], [0, "&Xi;"], [0, "&Omicron;"], [0, "&Pi;"], [0, "&Rho;"], [1, "&Sigma;"], [0, "&Tau;"], [0, "&Upsilon;"], [0, "&Phi;"], [0, "&Chi;"], [0, "&Psi;"], [0, "&ohm;"], [7, "&alpha;"], [0, "&beta;"], [0, "&gamma;"], [0, "&delta;"], [0, "&epsi;"], [0, "&zeta;"], [0, "&eta;"], [0, "&theta;"], [0, "&iota;"], [0, "&kappa;"], [0, "&lambda;"], [0, "&mu;"], [0, "&nu;"], [0, "&xi;"], [0, "&omicron;"], [0, "&pi;"], [0, "&rho;"], [0, "&sigmaf;"], [0, "&sigma;"], [0, "&tau;"], [0, "&upsi;"], [0, "&phi;"], [0, "&chi;"], [0, "&psi;"], [0, "&omega;"], [7, "&thetasym;"], [0, "&Upsi;"], [2, "&phiv;"], [0, "&piv;"], [5, "&Gammad;"], [0, "&digamma;"], [18, "&kappav;"], [0, "&rhov;"], [3, "&epsiv;"], [0, "&backepsilon;"], [10, "&IOcy;"], [0, "&DJcy;"], [0, "&GJcy;"], [0, "&Jukcy;"], [0, "&DScy;"], [0, "&Iukcy;"], [0, "&YIcy;"], [0, "&Jsercy;"], [0, "&LJcy;"], [0, "&NJcy;"], [0, "&TSHcy;"], [0, "&KJcy;"], [1, "&Ubrcy;"], [0, "&DZcy;"], [0, "&Acy;"], [0, "&Bcy;"], [0, "&Vcy;"], [0, "&Gcy;"], [0, "&Dcy;"], [0, "&IEcy;"], [0, "&ZHcy;"], [0, "&Zcy;"], [0, "&Icy;"], [0, "&Jcy;"], [0, "&Kcy;"], [0, "&Lcy;"], [0, "&Mcy;"], [0, "&Ncy;"], [0, "&Ocy;"], [0, "&Pcy;"], [0, "&Rcy;"], [0, "&Scy;"], [0, "&Tcy;"], [0, "&Ucy;"], [0, "&Fcy;"], [0, "&KHcy;"], [0, "&TScy;"], [0, "&CHcy;"], [0, "&SHcy;"], [0, "&SHCHcy;"], [0, "&HARDcy;"], [0, "&Ycy;"], [0, "&SOFTcy;"], [0, "&Ecy;"], [0, "&YUcy;"], [0, "&YAcy;"], [0, "&acy;"], [0, "&bcy;"], [0, "&vcy;"], [0, "&gcy;"], [0, "&dcy;"], [0, "&iecy;"], [0, "&zhcy;"], [0, "&zcy;"], [0, "&icy;"], [0, "&jcy;"], [0, "&kcy;"], [0, "&lcy;"], [0, "&mcy;"], [0, "&ncy;"], [0, "&ocy;"], [0, "&pcy;"], [0, "&rcy;"], [0, "&scy;"], [0, "&tcy;"], [0, "&ucy;"], [0, "&fcy;"], [0, "&khcy;"], [0, "&tscy;"], [0, "&chcy;"], [0, "&shcy;"], [0, "&shchcy;"], [0, "&hardcy;"], [0, "&ycy;"], [0, "&softcy;"], [0, "&ecy;"], [0, "&yucy;"], [0, "&yacy;"], [1, "&iocy;"], [0, "&djcy;"], [0, "&gjcy;"], [0, "&jukcy;"], [0, "&dscy;"], [0, "&iukcy;"], [0, "&yicy;"], [0, "&jsercy;"], [0, "&ljcy;"], [0, "&njcy;"], [0, "&tshcy;"], [0, "&kjcy;"], [1, "&ubrcy;"], [0, "&dzcy;"], [7074, "&ensp;"], [0, "&emsp;"], [0, "&emsp13;"], [0, "&emsp14;"], [1, "&numsp;"], [0, "&puncsp;"], [0, "&ThinSpace;"], [0, "&hairsp;"], [0, "&NegativeMediumSpace;"], [0, "&zwnj;"], [0, "&zwj;"], [0, "&lrm;"], [0, "&rlm;"], [0, "&dash;"], [2, "&ndash;"], [0, "&mdash;"], [0, "&horbar;"], [0, "&Verbar;"], [1, "&lsquo;"], [0, "&CloseCurlyQuote;"], [0, "&lsquor;"], [1, "&ldquo;"], [0, "&CloseCurlyDoubleQuote;"], [0, "&bdquo;"], [1, "&dagger;"], [0, "&Dagger;"], [0, "&bull;"], [2, "&nldr;"], [0, "&hellip;"], [9, "&permil;"], [0, "&pertenk;"], [0, "&prime;"], [0, "&Prime;"], [0, "&tprime;"], [0, "&backprime;"], [3, "&lsaquo;"], [0, "&rsaquo;"], [3, "&oline;"], [2, "&caret;"], [1, "&hybull;"], [0, "&frasl;"], [10, "&bsemi;"], [7, "&qprime;"], [7, { v: "&MediumSpace;", n: 8202, o: "&ThickSpace;" }], [0, "&NoBreak;"], [0, "&af;"], [0, "&InvisibleTimes;"], [0, "&ic;"], [72, "&euro;"], [46, "&tdot;"], [0, "&DotDot;"], [37, "&complexes;"], [2, "&incare;"], [4, "&gscr;"], [0, "&hamilt;"], [0, "&Hfr;"], [0, "&Hopf;"], [0, "&planckh;"], [0, "&hbar;"], [0, "&imagline;"], [0, "&Ifr;"], [0, "&lagran;"], [0, "&ell;"], [1, "&naturals;"], [0, "&numero;"], [0, "&copysr;"], [0, "&weierp;"], [0, "&Popf;"], [0, "&Qopf;"], [0, "&realine;"], [0, "&real;"], [0, "&reals;"], [0, "&rx;"], [3, "&trade;"], [1, "&integers;"], [2, "&mho;"], [0, "&zeetrf;"], [0, "&iiota;"], [2, "&bernou;"], [0, "&Cayleys;"], [1, "&escr;"], [0, "&Escr;"], [0, "&Fouriertrf;"], [1, "&Mellintrf;"], [0, "&order;"], [0, "&alefsym;"], [0, "&beth;"], [0, "&gimel;"], [0, "&daleth;"], [12, "&CapitalDifferentialD;"], [0, "&dd;"], [0, "&ee;"], [0, "&ii;"], [10, "&frac13;"], [0, "&frac23;"], [0, "&frac15;"], [0, "&frac25;"], [0, "&frac35;"], [0, "&frac45;"], [0, "&frac16;"], [0, "&frac56;"], [0, "&frac18;"], [0, "&frac38;"], [0, "&frac58;"], [0, "&frac78;"], [49, "&larr;"], [0, "&ShortUpArrow;"], [0, "&rarr;"], [0, "&darr;"], [0, "&harr;"], [0, "&updownarrow;"], [0, "&nwarr;"], [0, "&nearr;"], [0, "&LowerRightArrow;"], [0, "&LowerLeftArrow;"], [0, "&nlarr;"], [0, "&nrarr;"], [1, { v: "&rarrw;", n: 824, o: "&nrarrw;" }], [0, "&Larr;"], [0, "&Uarr;"], [0, "&Rarr;"], [0, "&Darr;"], [0, "&larrtl;"], [0, "&rarrtl;"], [0, "&LeftTeeArrow;"], [0, "&mapstoup;"], [0, "&map;"], [0, "&DownTeeArrow;"], [1, "&hookleftarrow;"], [0, "&hookrightarrow;"], [0, "&larrlp;"], [0, "&looparrowright;"], [0, "&harrw;"], [0, "&nharr;"], [1, "&lsh;"], [0, "&rsh;"], [0, "&ldsh;"], [0, "&rdsh;"], [1, "&crarr;"], [0, "&cularr;"], [0, "&curarr;"], [2, "&circlearrowleft;"], [0, "&circlearrowright;"], [0, "&leftharpoonup;"], [0, "&DownLeftVector;"], [0, "&RightUpVector;"], [0, "&LeftUpVector;"], [0, "&rharu;"], [0, "&DownRightVector;"], [0, "&dharr;"], [0, "&dharl;"], [0, "&RightArrowLeftArrow;"], [0, "&udarr;"], [0, "&LeftArrowRightArrow;"], [0, "&leftleftarrows;"], [0, "&upuparrows;"], [0, "&rightrightarrows;"], [0, "&ddarr;"], [0, "&leftrightharpoons;"], [0, "&Equilibrium;"], [0, "&nlArr;"], [0, "&nhArr;"], [0, "&nrArr;"], [0, "&DoubleLeftArrow;"], [0, "&DoubleUpArrow;"], [0, "&DoubleRightArrow;"], [0, "&dArr;"], [0, "&DoubleLeftRightArrow;"], [0, "&DoubleUpDownArrow;"], [0, "&nwArr;"], [0, "&neArr;"], [0, "&seArr;"], [0, "&swArr;"], [0, "&lAarr;"], [0, "&rAarr;"], [1, "&zigrarr;"], [6, "&larrb;"], [0, "&rarrb;"], [15, "&DownArrowUpArrow;"], [7, "&loarr;"], [0, "&roarr;"], [0, "&hoarr;"], [0, "&forall;"], [0, "&comp;"], [0, { v: "&part;", n: 824, o: "&npart;" }], [0, "&exist;"], [0, "&nexist;"], [0, "&empty;"], [1, "&Del;"], [0, "&Element;"], [0, "&NotElement;"], [1, "&ni;"], [0, "&notni;"], [2, "&prod;"], [0, "&coprod;"], [0, "&sum;"], [0, "&minus;"], [0, "&MinusPlus;"], [0, "&dotplus;"], [1, "&Backslash;"], [0, "&lowast;"], [0, "&compfn;"], [1, "&radic;"], [2, "&prop;"], [0, "&infin;"], [0, "&angrt;"], [0, { v: "&ang;", n: 8402, o: "&nang;" }], [0, "&angmsd;"], [0, "&angsph;"], [0, "&mid;"], [0, "&nmid;"], [0, "&DoubleVerticalBar;"], [0, "&NotDoubleVerticalBar;"], [0, "&and;"], [0, "&or;"], [0, { v: "&cap;", n: 65024, o: "&caps;" }], [0, { v: "&cup;", n: 65024, o: "&cups;" }], [0, "&int;"], [0, "&Int;"], [0, "&iiint;"], [0, "&conint;"], [0, "&Conint;"], [0, "&Cconint;"], [0, "&cwint;"], [0, "&ClockwiseContourIntegral;"], [0, "&awconint;"], [0, "&there4;"], [0, "&becaus;"], [0, "&ratio;"], [0, "&Colon;"], [0, "&dotminus;"], [1, "&mDDot;"], [0, "&homtht;"], [0, { v: "&sim;", n: 8402, o: "&nvsim;" }], [0, { v: "&backsim;", n: 817, o: "&race;" }], [0, { v: "&ac;", n: 819, o: "&acE;" }], [0, "&acd;"], [0, "&VerticalTilde;"], [0, "&NotTilde;"], [0, { v: "&eqsim;", n: 824, o: "&nesim;" }], [0, "&sime;"], [0, "&NotTildeEqual;"], [0, "&cong;"], [0, "&simne;"], [0, "&ncong;"], [0, "&ap;"], [0, "&nap;"], [0, "&ape;"], [0, { v: "&apid;", n: 824, o: "&napid;" }], [0, "&backcong;"], [0, { v: "&asympeq;", n: 8402, o: "&nvap;" }], [0, { v: "&bump;", n: 824, o: "&nbump;" }], [0, { v: "&bumpe;", n: 824, o: "&nbumpe;" }], [0, { v: "&doteq;", n: 824, o: "&nedot;" }], [0, "&doteqdot;"], [0, "&efDot;"], [0, "&erDot;"], [0, "&Assign;"], [0, "&ecolon;"], [0, "&ecir;"], [0, "&circeq;"], [1, "&wedgeq;"], [0, "&veeeq;"], [1, "&triangleq;"], [2, "&equest;"], [0, "&ne;"], [0, { v: "&Congruent;", n: 8421, o: "&bnequiv;" }], [0, "&nequiv;"], [1, { v: "&le;", n: 8402, o: "&nvle;" }], [0, { v: "&ge;", n: 8402, o: "&nvge;" }], [0, { v: "&lE;", n: 824, o: "&nlE;" }], [0, { v: "&gE;", n: 824, o: "&ngE;" }], [0, { v: "&lnE;", n: 65024, o: "&lvertneqq;" }], [0, { v: "&gnE;", n: 65024, o: "&gvertneqq;" }], [0, { v: "&ll;", n: new Map(/* @__PURE__ */ restoreDiff([[824, "&nLtv;"], [7577, "&nLt;"]])) }], [0, { v: "&gg;", n: new Map(/* @__PURE__ */ restoreDiff([[824, "&nGtv;"], [7577, "&nGt;"]])) }], [0, "&between;"], [0, "&NotCupCap;"], [0, "&nless;"], [0, "&ngt;"], [0, "&nle;"], [0, "&nge;"], [0, "&lesssim;"], [0, "&GreaterTilde;"], [0, "&nlsim;"], [0, "&ngsim;"], [0, "&LessGreater;"], [0, "&gl;"], [0, "&NotLessGreater;"], [0, "&NotGreaterLess;"], [0, "&pr;"], [0, "&sc;"], [0, "&prcue;"], [0, "&sccue;"], [0, "&PrecedesTilde;"], [0, { v: "&scsim;", n: 824, o: "&NotSucceedsTilde;" }], [0, "&NotPrecedes;"], [0, "&NotSucceeds;"], [0, { v: "&sub;", n: 8402, o: "&NotSubset;" }], [0, { v: "&sup;", n: 8402, o: "&NotSuperset;" }], [0, "&nsub;"], [0, "&nsup;"], [0, "&sube;"], [0, "&supe;"], [0, "&NotSubsetEqual;"], [0, "&NotSupersetEqual;"], [0, { v: "&subne;", n: 65024, o: "&varsubsetneq;" }], [0, { v: "&supne;", n: 65024, o: "&varsupsetneq;" }], [1, "&cupdot;"], [0, "&UnionPlus;"], [0, { v: "&sqsub;", n: 824, o: "&NotSquareSubset;" }], [0, { v: "&sqsup;", n: 824, o: "&NotSquareSuperset;" }], [0, "&sqsube;"], [0, "&sqsupe;"], [0, { v: "&sqcap;", n: 65024, o: "&sqcaps;" }], [0, { v: "&sqcup;", n: 65024, o: "&sqcups;" }], [0, "&CirclePlus;"], [0, "&CircleMinus;"], [0, "&CircleTimes;"], [0, "&osol;"], [0, "&CircleDot;"], [0, "&circledcirc;"], [0, "&circledast;"], [1, "&circleddash;"], [0, "&boxplus;"], [0, "&boxminus;"], [0, "&boxtimes;"], [0, "&dotsquare;"], [0, "&RightTee;"], [0, "&dashv;"], [0, "&DownTee;"], [0, "&bot;"], [1, "&models;"], [0, "&DoubleRightTee;"], [0, "&Vdash;"], [0, "&Vvdash;"], [0, "&VDash;"], [0, "&nvdash;"], [0, "&nvDash;"], [0, "&nVdash;"], [0, "&nVDash;"], [0, "&prurel;"], [1, "&LeftTriangle;"], [0, "&RightTriangle;"], [0, { v: "&LeftTriangleEqual;", n: 8402, o: "&nvltrie;" }], [0, { v: "&RightTriangleEqual;", n: 8402, o: "&nvrtrie;" }], [0, "&origof;"], [0, "&imof;"], [0, "&multimap;"], [0, "&hercon;"], [0, "&intcal;"], [0, "&veebar;"], [1, "&barvee;"], [0, "&angrtvb;"], [0, "&lrtri;"], [0, "&bigwedge;"], [0, "&bigvee;"], [0, "&bigcap;"], [0, "&bigcup;"], [0, "&diam;"], [0, "&sdot;"], [0, "&sstarf;"], [0, "&divideontimes;"], [0, "&bowtie;"], [0, "&ltimes;"], [0, "&rtimes;"], [0, "&leftthreetimes;"], [0, "&rightthreetimes;"], [0, "&backsimeq;"], [0, "&curlyvee;"], [0, "&curlywedge;"], [0, "&Sub;"], [0, "&Sup;"], [0, "&Cap;"], [0, "&Cup;"], [0, "&fork;"], [0, "&epar;"], [0, "&lessdot;"], [0, "&gtdot;"], [0, { v: "&Ll;", n: 824, o: "&nLl;" }], [0, { v: "&Gg;", n: 824, o: "&nGg;" }], [0, { v: "&leg;", n: 65024, o: "&lesg;" }], [0, { v: "&gel;", n: 65024, o: "&gesl;" }], [2, "&cuepr;"], [0, "&cuesc;"], [0, "&NotPrecedesSlantEqual;"], [0, "&NotSucceedsSlantEqual;"], [0, "&NotSquareSubsetEqual;"], [0, "&NotSquareSupersetEqual;"], [2, "&lnsim;"], [0, "&gnsim;"], [0, "&precnsim;"], [0, "&scnsim;"], [0, "&nltri;"], [0, "&NotRightTriangle;"], [0, "&nltrie;"], [0, "&NotRightTriangleEqual;"], [0, "&vellip;"], [0, "&ctdot;"], [0, "&utdot;"], [0, "&dtdot;"], [0, "&disin;"], [0, "&isinsv;"], [0, "&isins;"], [0, { v: "&isindot;", n: 824, o: "&notindot;" }], [0, "&notinvc;"], [0, "&notinvb;"], [1, { v: "&isinE;", n: 824, o: "&notinE;" }], [0, "&nisd;"], [0, "&xnis;"], [0, "&nis;"], [0, "&notnivc;"], [0, "&notnivb;"], [6, "&barwed;"], [0, "&Barwed;"], [1, "&lceil;"], [0, "&rceil;"], [0, "&LeftFloor;"], [0, "&rfloor;"], [0, "&drcrop;"], [0, "&dlcrop;"], [0, "&urcrop;"], [0, "&ulcrop;"], [0, "&bnot;"], [1, "&profline;"], [0, "&profsurf;"], [1, "&telrec;"], [0, "&target;"], [5, "&ulcorn;"], [0, "&urcorn;"], [0, "&dlcorn;"], [0, "&drcorn;"], [2, "&frown;"], [0, "&smile;"], [9, "&cylcty;"], [0, "&profalar;"], [7, "&topbot;"], [6, "&ovbar;"], [1, "&solbar;"], [60, "&angzarr;"], [51, "&lmoustache;"], [0, "&rmoustache;"], [2, "&OverBracket;"], [0, "&bbrk;"], [0, "&bbrktbrk;"], [37, "&OverParenthesis;"], [0, "&UnderParenthesis;"], [0, "&OverBrace;"], [0, "&UnderBrace;"], [2, "&trpezium;"], [4, "&elinters;"], [59, "&blank;"], [164, "&circledS;"], [55, "&boxh;"], [1, "&boxv;"], [9, "&boxdr;"], [3, "&boxdl;"], [3, "&boxur;"], [3, "&boxul;"], [3, "&boxvr;"], [7, "&boxvl;"], [7, "&boxhd;"], [7, "&boxhu;"], [7, "&boxvh;"], [19, "&boxH;"], [0, "&boxV;"], [0, "&boxdR;"], [0, "&boxDr;"], [0, "&boxDR;"], [0, "&boxdL;"], [0, "&boxDl;"], [0, "&boxDL;"], [0, "&boxuR;"], [0, "&boxUr;"], [0, "&boxUR;"], [0, "&boxuL;"], [0, "&boxUl;"], [0, "&boxUL;"], [0, "&boxvR;"], [0, "&boxVr;"], [0, "&boxVR;"], [0, "&boxvL;"], [0, "&boxVl;"], [0, "&boxVL;"], [0, "&boxHd;"], [0, "&boxhD;"], [0, "&boxHD;"], [0, "&boxHu;"], [0, "&boxhU;"], [0, "&boxHU;"], [0, "&boxvH;"], [0, "&boxVh;"], [0, "&boxVH;"], [19, "&uhblk;"], [3, "&lhblk;"], [3, "&block;"], [8, "&blk14;"], [0, "&blk12;"], [0, "&blk34;"], [13, "&square;"], [8, "&blacksquare;"], [0, "&EmptyVerySmallSquare;"], [1, "&rect;"], [0, "&marker;"], [2, "&fltns;"], [1, "&bigtriangleup;"], [0, "&blacktriangle;"], [0, "&triangle;"], [2, "&blacktriangleright;"], [0, "&rtri;"], [3, "&bigtriangledown;"], [0, "&blacktriangledown;"], [0, "&dtri;"], [2, "&blacktriangleleft;"], [0, "&ltri;"], [6, "&loz;"], [0, "&cir;"], [32, "&tridot;"], [2, "&bigcirc;"], [8, "&ultri;"], [0, "&urtri;"], [0, "&lltri;"], [0, "&EmptySmallSquare;"], [0, "&FilledSmallSquare;"], [8, "&bigstar;"], [0, "&star;"], [7, "&phone;"], [49, "&female;"], [1, "&male;"], [29, "&spades;"], [2, "&clubs;"], [1, "&hearts;"], [0, "&diamondsuit;"], [3, "&sung;"], [2, "&flat;"], [0, "&natural;"], [0, "&sharp;"], [163, "&check;"], [3, "&cross;"], [8, "&malt;"], [21, "&sext;"], [33, "&VerticalSeparator;"], [25, "&lbbrk;"], [0, "&rbbrk;"], [84, "&bsolhsub;"], [0, "&suphsol;"], [28, "&LeftDoubleBracket;"], [0, "&RightDoubleBracket;"], [0, "&lang;"], [0, "&rang;"], [0, "&Lang;"], [0, "&Rang;"], [0, "&loang;"], [0, "&roang;"], [7, "&longleftarrow;"], [0, "&longrightarrow;"], [0, "&longleftrightarrow;"], [0, "&DoubleLongLeftArrow;"], [0, "&DoubleLongRightArrow;"], [0, "&DoubleLongLeftRightArrow;"], [1, "&longmapsto;"], [2, "&dzigrarr;"], [258, "&nvlArr;"], [0, "&nvrArr;"], [0, "&nvHarr;"], [0, "&Map;"], [6, "&lbarr;"], [0, "&bkarow;"], [0, "&lBarr;"], [0, "&dbkarow;"], [0, "&drbkarow;"], [0, "&DDotrahd;"], [0, "&UpArrowBar;"], [0, "&DownArrowBar;"], [2, "&Rarrtl;"], [2, "&latail;"], [0, "&ratail;"], [0, "&lAtail;"], [0, "&rAtail;"], [0, "&larrfs;"], [0, "&rarrfs;"], [0, "&larrbfs;"], [0, "&rarrbfs;"], [2, "&nwarhk;"], [0, "&nearhk;"], [0, "&hksearow;"], [0, "&hkswarow;"], [0, "&nwnear;"], [0, "&nesear;"], [0, "&seswar;"], [0, "&swnwar;"], [8, { v: "&rarrc;", n: 824, o: "&nrarrc;" }], [1, "&cudarrr;"], [0, "&ldca;"], [0, "&rdca;"], [0, "&cudarrl;"], [0, "&larrpl;"], [2, "&curarrm;"], [0, "&cularrp;"], [7, "&rarrpl;"], [2, "&harrcir;"], [0, "&Uarrocir;"], [0, "&lurdshar;"], [0, "&ldrushar;"], [2, "&LeftRightVector;"], [0, "&RightUpDownVector;"], [0, "&DownLeftRightVector;"], [0, "&LeftUpDownVector;"], [0, "&LeftVectorBar;"], [0, "&RightVectorBar;"], [0, "&RightUpVectorBar;"], [0, "&RightDownVectorBar;"], [0, "&DownLeftVectorBar;"], [0, "&DownRightVectorBar;"], [0, "&LeftUpVectorBar;"], [0, "&LeftDownVectorBar;"], [0, "&LeftTeeVector;"], [0, "&RightTeeVector;"], [0, "&RightUpTeeVector;"], [0, "&RightDownTeeVector;"], [0, "&DownLeftTeeVector;"], [0, "&DownRightTeeVector;"], [0, "&LeftUpTeeVector;"], [0, "&LeftDownTeeVector;"], [0, "&lHar;"], [0, "&uHar;"], [0, "&rHar;"], [0, "&dHar;"], [0, "&luruhar;"], [0, "&ldrdhar;"], [0, "&ruluhar;"], [0, "&rdldhar;"], [0, "&lharul;"], [0, "&llhard;"], [0, "&rharul;"], [0, "&lrhard;"], [0, "&udhar;"], [0, "&duhar;"], [0, "&RoundImplies;"], [0, "&erarr;"], [0, "&simrarr;"], [0, "&larrsim;"], [0, "&rarrsim;"], [0, "&rarrap;"], [0, "&ltlarr;"], [1, "&gtrarr;"], [0, "&subrarr;"], [1, "&suplarr;"], [0, "&lfisht;"], [0, "&rfisht;"], [0, "&ufisht;"], [0, "&dfisht;"], [5, "&lopar;"], [0, "&ropar;"], [4, "&lbrke;"], [0, "&rbrke;"], [0, "&lbrkslu;"], [0, "&rbrksld;"], [0, "&lbrksld;"], [0, "&rbrkslu;"], [0, "&langd;"], [0, "&rangd;"], [0, "&lparlt;"], [0, "&rpargt;"], [0, "&gtlPar;"], [0, "&ltrPar;"], [3, "&vzigzag;"], [1, "&vangrt;"], [0, "&angrtvbd;"], [6, "&ange;"], [0, "&range;"], [0, "&dwangle;"], [0, "&uwangle;"], [0, "&angmsdaa;"], [0, "&angmsdab;"], [0, "&angmsdac;"], [0, "&angmsdad;"], [0, "&angmsdae;"], [0, "&angmsdaf;"], [0, "&angmsdag;"], [0, "&angmsdah;"], [0, "&bemptyv;"], [0, "&demptyv;"], [0, "&cemptyv;"], [0, "&raemptyv;"], [0, "&laemptyv;"], [0, "&ohbar;"], [0, "&omid;"], [0, "&opar;"], [1, "&operp;"], [1, "&olcross;"], [0, "&odsold;"], [1, "&olcir;"], [0, "&ofcir;"], [0, "&olt;"], [0, "&ogt;"], [0, "&cirscir;"], [0, "&cirE;"], [0, "&solb;"], [0, "&bsolb;"], [3, "&boxbox;"], [3, "&trisb;"], [0, "&rtriltri;"], [0, { v: "&LeftTriangleBar;", n: 824, o: "&NotLeftTriangleBar;" }], [0, { v: "&RightTriangleBar;", n: 824, o: "&NotRightTriangleBar;" }], [11, "&iinfin;"], [0, "&infintie;"], [0, "&nvinfin;"], [4, "&eparsl;"], [0, "&smeparsl;"], [0, "&eqvparsl;"], [5, "&blacklozenge;"], [8, "&RuleDelayed;"], [1, "&dsol;"], [9, "&bigodot;"], [0, "&bigoplus;"], [0, "&bigotimes;"], [1, "&biguplus;"], [1, "&bigsqcup;"], [5, "&iiiint;"], [0, "&fpartint;"], [2, "&cirfnint;"], [0, "&awint;"], [0, "&rppolint;"], [0, "&scpolint;"], [0, "&npolint;"], [0, "&pointint;"], [0, "&quatint;"], [0, "&intlarhk;"], [10, "&pluscir;"], [0, "&plusacir;"], [0, "&simplus;"], [0, "&plusdu;"], [0, "&plussim;"], [0, "&plustwo;"], [1, "&mcomma;"], [0, "&minusdu;"], [2, "&loplus;"], [0, "&roplus;"], [0, "&Cross;"], [0, "&timesd;"], [0, "&timesbar;"], [1, "&smashp;"], [0, "&lotimes;"], [0, "&rotimes;"], [0, "&otimesas;"], [0, "&Otimes;"], [0, "&odiv;"], [0, "&triplus;"], [0, "&triminus;"], [0, "&tritime;"], [0, "&intprod;"], [2, "&amalg;"], [0, "&capdot;"], [1, "&ncup;"], [0, "&ncap;"], [0, "&capand;"], [0, "&cupor;"], [0, "&cupcap;"], [0, "&capcup;"], [0, "&cupbrcap;"], [0, "&capbrcup;"], [0, "&cupcup;"], [0, "&capcap;"], [0, "&ccups;"], [0, "&ccaps;"], [2, "&ccupssm;"], [2, "&And;"], [0, "&Or;"], [0, "&andand;"], [0, "&oror;"], [0, "&orslope;"], [0, "&andslope;"], [1, "&andv;"], [0, "&orv;"], [0, "&andd;"], [0, "&ord;"], [1, "&wedbar;"], [6, "&sdote;"], [3, "&simdot;"], [2, { v: "&congdot;", n: 824, o: "&ncongdot;" }], [0, "&easter;"], [0, "&apacir;"], [0, { v: "&apE;", n: 824, o: "&napE;" }], [0, "&eplus;"], [0, "&pluse;"], [0, "&Esim;"], [0, "&Colone;"], [0, "&Equal;"], [1, "&ddotseq;"], [0, "&equivDD;"], [0, "&ltcir;"], [0, "&gtcir;"], [0, "&ltquest;"], [0, "&gtquest;"], [0, { v: "&leqslant;", n: 824, o: "&nleqslant;" }], [0, { v: "&geqslant;", n: 824, o: "&ngeqslant;" }], [0, "&lesdot;"], [0, "&gesdot;"], [0, "&lesdoto;"], [0, "&gesdoto;"], [0, "&lesdotor;"], [0, "&gesdotol;"], [0, "&lap;"], [0, "&gap;"], [0, "&lne;"], [0, "&gne;"], [0, "&lnap;"], [0, "&gnap;"], [0, "&lEg;"], [0, "&gEl;"], [0, "&lsime;"], [0, "&gsime;"], [0, "&lsimg;"], [0, "&gsiml;"], [0, "&lgE;"], [0, "&glE;"], [0, "&lesges;"], [0, "&gesles;"], [0, "&els;"], [0, "&egs;"], [0, "&elsdot;"], [0, "&egsdot;"], [0, "&el;"], [0, "&eg;"], [2, "&siml;"], [0, "&simg;"], [0, "&simlE;"], [0, "&simgE;"], [0, { v: "&LessLess;", n: 824, o: "&NotNestedLessLess;" }], [0, { v: "&GreaterGreater;", n: 824, o: "&NotNestedGreaterGreater;" }], [1, "&glj;"], [0, "&gla;"], [0, "&ltcc;"], [0, "&gtcc;"], [0, "&lescc;"], [0, "&gescc;"], [0, "&smt;"], [0, "&lat;"], [0, { v: "&smte;", n: 65024, o: "&smtes;" }], [0, { v: "&late;", n: 65024, o: "&lates;" }], [0, "&bumpE;"], [0, { v: "&PrecedesEqual;", n: 824, o: "&NotPrecedesEqual;" }], [0, { v: "&sce;", n: 824, o: "&NotSucceedsEqual;" }], [2, "&prE;"], [0, "&scE;"], [0, "&precneqq;"], [0, "&scnE;"], [0, "&prap;"], [0, "&scap;"], [0, "&precnapprox;"], [0, "&scnap;"], [0, "&Pr;"], [0, "&Sc;"], [0, "&subdot;"], [0, "&supdot;"], [0, "&subplus;"], [0, "&supplus;"], [0, "&submult;"], [0, "&supmult;"], [0, "&subedot;"], [0, "&supedot;"], [0, { v: "&subE;", n: 824, o: "&nsubE;" }], [0, { v: "&supE;", n: 824, o: "&nsupE;" }], [0, "&subsim;"], [0, "&supsim;"], [2, { v: "&subnE;", n: 65024, o: "&varsubsetneqq;" }], [0, { v: "&supnE;", n: 65024, o: "&varsupsetneqq;" }], [2, "&csub;"], [0, "&csup;"], [0, "&csube;"], [0, "&csupe;"], [0, "&subsup;"], [0, "&supsub;"], [0, "&subsub;"], [0, "&supsup;"], [0, "&suphsub;"], [0, "&supdsub;"], [0, "&forkv;"], [0, "&topfork;"], [0, "&mlcp;"], [8, "&Dashv;"], [1, "&Vdashl;"], [0, "&Barv;"], [0, "&vBar;"], [0, "&vBarv;"], [1, "&Vbar;"], [0, "&Not;"], [0, "&bNot;"], [0, "&rnmid;"], [0, "&cirmid;"], [0, "&midcir;"], [0, "&topcir;"], [0, "&nhpar;"], [0, "&parsim;"], [9, { v: "&parsl;", n: 8421, o: "&nparsl;" }], [44343, { n: new Map(/* @__PURE__ */ restoreDiff([[56476, "&Ascr;"], [1, "&Cscr;"], [0, "&Dscr;"], [2, "&Gscr;"], [2, "&Jscr;"], [0, "&Kscr;"], [2, "&Nscr;"], [0, "&Oscr;"], [0, "&Pscr;"], [0, "&Qscr;"], [1, "&Sscr;"], [0, "&Tscr;"], [0, "&Uscr;"], [0, "&Vscr;"], [0, "&Wscr;"], [0, "&Xscr;"], [0, "&Yscr;"], [0, "&Zscr;"], [0, "&ascr;"], [0, "&bscr;"], [0, "&cscr;"], [0, "&dscr;"], [1, "&fscr;"], [1, "&hscr;"], [0, "&iscr;"], [0, "&jscr;"], [0, "&kscr;"], [0, "&lscr;"], [0, "&mscr;"], [0, "&nscr;"], [1, "&pscr;"], [0, "&qscr;"], [0, "&rscr;"], [0, "&sscr;"], [0, "&tscr;"], [0, "&uscr;"], [0, "&vscr;"], [0, "&wscr;"], [0, "&xscr;"], [0, "&yscr;"], [0, "&zscr;"], [52, "&Afr;"], [0, "&Bfr;"], [1, "&Dfr;"], [0, "&Efr;"], [0, "&Ffr;"], [0, "&Gfr;"], [2, "&Jfr;"], [0, "&Kfr;"], [0, "&Lfr;"], [0, "&Mfr;"], [0, "&Nfr;"], [0, "&Ofr;"], [0, "&Pfr;"], [0, "&Qfr;"], [1, "&Sfr;"], [0, "&Tfr;"], [0, "&Ufr;"], [0, "&Vfr;"], [0, "&Wfr;"], [0, "&Xfr;"], [0, "&Yfr;"], [1, "&afr;"], [0, "&bfr;"], [0, "&cfr;"], [0, "&dfr;"], [0, "&efr;"], [0, "&ffr;"], [0, "&gfr;"], [0, "&hfr;"], [0, "&ifr;"], [0, "&jfr;"], [0, "&kfr;"], [0, "&lfr;"], [0, "&mfr;"], [0, "&nfr;"], [0, "&ofr;"], [0, "&pfr;"], [0, "&qfr;"], [0, "&rfr;"], [0, "&sfr;"], [0, "&tfr;"], [0, "&ufr;"], [0, "&vfr;"], [0, "&wfr;"], [0, "&xfr;"], [0, "&yfr;"], [0, "&zfr;"], [0, "&Aopf;"], [0, "&Bopf;"], [1, "&Dopf;"], [0, "&Eopf;"], [0, "&Fopf;"], [0, "&Gopf;"], [1, "&Iopf;"], [0, "&Jopf;"], [0, "&Kopf;"], [0, "&Lopf;"], [0, "&Mopf;"], [1, "&Oopf;"], [3, "&Sopf;"], [0, "&Topf;"], [0, "&Uopf;"], [0, "&Vopf;"], [0, "&Wopf;"], [0, "&Xopf;"], [0, "&Yopf;"], [1, "&aopf;"], [0, "&bopf;"], [0, "&copf;"], [0, "&dopf;"], [0, "&eopf;"], [0, "&fopf;"], [0, "&gopf;"], [0, "&hopf;"], [0, "&iopf;"], [0, "&jopf;"], [0, "&kopf;"], [0, "&lopf;"], [0, "&mopf;"], [0, "&nopf;"], [0, "&oopf;"], [0, "&popf;"], [0, "&qopf;"], [0, "&ropf;"], [0, "&sopf;"], [0, "&topf;"], [0, "&uopf;"], [0, "&vopf;"], [0, "&wopf;"], [0, "&xopf;"], [0, "&yopf;"], [0, "&zopf;"]])) }], [8906, "&fflig;"], [0, "&filig;"], [0, "&fllig;"], [0, "&ffilig;"], [0, "&ffllig;"]]));

// node_modules/entities/lib/esm/escape.js
var xmlReplacer = /["&'<>$\x80-\uFFFF]/g;
var xmlCodeMap = /* @__PURE__ */ new Map([
  [34, "&quot;"],
  [38, "&amp;"],
  [39, "&apos;"],
  [60, "&lt;"],
  [62, "&gt;"]
]);
var getCodePoint = (
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  String.prototype.codePointAt != null ? (str, index) => str.codePointAt(index) : (
    // http://mathiasbynens.be/notes/javascript-encoding#surrogate-formulae
    (c, index) => (c.charCodeAt(index) & 64512) === 55296 ? (c.charCodeAt(index) - 55296) * 1024 + c.charCodeAt(index + 1) - 56320 + 65536 : c.charCodeAt(index)
  )
);
function encodeXML(str) {
  let ret = "";
  let lastIdx = 0;
  let match;
  while ((match = xmlReplacer.exec(str)) !== null) {
    const i = match.index;
    const char = str.charCodeAt(i);
    const next = xmlCodeMap.get(char);
    if (next !== void 0) {
      ret += str.substring(lastIdx, i) + next;
      lastIdx = i + 1;
    } else {
      ret += `${str.substring(lastIdx, i)}&#x${getCodePoint(str, i).toString(16)};`;
      lastIdx = xmlReplacer.lastIndex += Number((char & 64512) === 55296);
    }
  }
  return ret + str.substr(lastIdx);
}
function getEscaper(regex, map) {
  return function escape4(data) {
    let match;
    let lastIdx = 0;
    let result = "";
    while (match = regex.exec(data)) {
      if (lastIdx !== match.index) {
        result += data.substring(lastIdx, match.index);
      }
      result += map.get(match[0].charCodeAt(0));
      lastIdx = match.index + 1;
    }
    return result + data.substring(lastIdx);
  };
}
var escapeUTF8 = getEscaper(/[&<>'"]/g, xmlCodeMap);
var escapeAttribute = getEscaper(/["&\u00A0]/g, /* @__PURE__ */ new Map([
  [34, "&quot;"],
  [38, "&amp;"],
  [160, "&nbsp;"]
]));
var escapeText = getEscaper(/[&<>\u00A0]/g, /* @__PURE__ */ new Map([
  [38, "&amp;"],
  [60, "&lt;"],
  [62, "&gt;"],
  [160, "&nbsp;"]
]));

// node_modules/entities/lib/esm/index.js
var EntityLevel;
(function(EntityLevel3) {
  EntityLevel3[EntityLevel3["XML"] = 0] = "XML";
  EntityLevel3[EntityLevel3["HTML"] = 1] = "HTML";
})(EntityLevel || (EntityLevel = {}));
var EncodingMode;
(function(EncodingMode3) {
  EncodingMode3[EncodingMode3["UTF8"] = 0] = "UTF8";
  EncodingMode3[EncodingMode3["ASCII"] = 1] = "ASCII";
  EncodingMode3[EncodingMode3["Extensive"] = 2] = "Extensive";
  EncodingMode3[EncodingMode3["Attribute"] = 3] = "Attribute";
  EncodingMode3[EncodingMode3["Text"] = 4] = "Text";
})(EncodingMode || (EncodingMode = {}));

// node_modules/dom-serializer/lib/esm/foreignNames.js
var elementNames = new Map([
  "altGlyph",
  "altGlyphDef",
  "altGlyphItem",
  "animateColor",
  "animateMotion",
  "animateTransform",
  "clipPath",
  "feBlend",
  "feColorMatrix",
  "feComponentTransfer",
  "feComposite",
  "feConvolveMatrix",
  "feDiffuseLighting",
  "feDisplacementMap",
  "feDistantLight",
  "feDropShadow",
  "feFlood",
  "feFuncA",
  "feFuncB",
  "feFuncG",
  "feFuncR",
  "feGaussianBlur",
  "feImage",
  "feMerge",
  "feMergeNode",
  "feMorphology",
  "feOffset",
  "fePointLight",
  "feSpecularLighting",
  "feSpotLight",
  "feTile",
  "feTurbulence",
  "foreignObject",
  "glyphRef",
  "linearGradient",
  "radialGradient",
  "textPath"
].map((val) => [val.toLowerCase(), val]));
var attributeNames = new Map([
  "definitionURL",
  "attributeName",
  "attributeType",
  "baseFrequency",
  "baseProfile",
  "calcMode",
  "clipPathUnits",
  "diffuseConstant",
  "edgeMode",
  "filterUnits",
  "glyphRef",
  "gradientTransform",
  "gradientUnits",
  "kernelMatrix",
  "kernelUnitLength",
  "keyPoints",
  "keySplines",
  "keyTimes",
  "lengthAdjust",
  "limitingConeAngle",
  "markerHeight",
  "markerUnits",
  "markerWidth",
  "maskContentUnits",
  "maskUnits",
  "numOctaves",
  "pathLength",
  "patternContentUnits",
  "patternTransform",
  "patternUnits",
  "pointsAtX",
  "pointsAtY",
  "pointsAtZ",
  "preserveAlpha",
  "preserveAspectRatio",
  "primitiveUnits",
  "refX",
  "refY",
  "repeatCount",
  "repeatDur",
  "requiredExtensions",
  "requiredFeatures",
  "specularConstant",
  "specularExponent",
  "spreadMethod",
  "startOffset",
  "stdDeviation",
  "stitchTiles",
  "surfaceScale",
  "systemLanguage",
  "tableValues",
  "targetX",
  "targetY",
  "textLength",
  "viewBox",
  "viewTarget",
  "xChannelSelector",
  "yChannelSelector",
  "zoomAndPan"
].map((val) => [val.toLowerCase(), val]));

// node_modules/dom-serializer/lib/esm/index.js
var unencodedElements = /* @__PURE__ */ new Set([
  "style",
  "script",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "plaintext",
  "noscript"
]);
function replaceQuotes(value) {
  return value.replace(/"/g, "&quot;");
}
function formatAttributes(attributes, opts) {
  var _a3;
  if (!attributes)
    return;
  const encode = ((_a3 = opts.encodeEntities) !== null && _a3 !== void 0 ? _a3 : opts.decodeEntities) === false ? replaceQuotes : opts.xmlMode || opts.encodeEntities !== "utf8" ? encodeXML : escapeAttribute;
  return Object.keys(attributes).map((key2) => {
    var _a4, _b;
    const value = (_a4 = attributes[key2]) !== null && _a4 !== void 0 ? _a4 : "";
    if (opts.xmlMode === "foreign") {
      key2 = (_b = attributeNames.get(key2)) !== null && _b !== void 0 ? _b : key2;
    }
    if (!opts.emptyAttrs && !opts.xmlMode && value === "") {
      return key2;
    }
    return `${key2}="${encode(value)}"`;
  }).join(" ");
}
var singleTag = /* @__PURE__ */ new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr"
]);
function render(node, options = {}) {
  const nodes = "length" in node ? node : [node];
  let output = "";
  for (let i = 0; i < nodes.length; i++) {
    output += renderNode(nodes[i], options);
  }
  return output;
}
var esm_default = render;
function renderNode(node, options) {
  switch (node.type) {
    case Root:
      return render(node.children, options);
    // @ts-expect-error We don't use `Doctype` yet
    case Doctype:
    case Directive:
      return renderDirective(node);
    case Comment:
      return renderComment(node);
    case CDATA:
      return renderCdata(node);
    case Script:
    case Style:
    case Tag:
      return renderTag(node, options);
    case Text:
      return renderText(node, options);
  }
}
var foreignModeIntegrationPoints = /* @__PURE__ */ new Set([
  "mi",
  "mo",
  "mn",
  "ms",
  "mtext",
  "annotation-xml",
  "foreignObject",
  "desc",
  "title"
]);
var foreignElements = /* @__PURE__ */ new Set(["svg", "math"]);
function renderTag(elem, opts) {
  var _a3;
  if (opts.xmlMode === "foreign") {
    elem.name = (_a3 = elementNames.get(elem.name)) !== null && _a3 !== void 0 ? _a3 : elem.name;
    if (elem.parent && foreignModeIntegrationPoints.has(elem.parent.name)) {
      opts = { ...opts, xmlMode: false };
    }
  }
  if (!opts.xmlMode && foreignElements.has(elem.name)) {
    opts = { ...opts, xmlMode: "foreign" };
  }
  let tag = `<${elem.name}`;
  const attribs = formatAttributes(elem.attribs, opts);
  if (attribs) {
    tag += ` ${attribs}`;
  }
  if (elem.children.length === 0 && (opts.xmlMode ? (
    // In XML mode or foreign mode, and user hasn't explicitly turned off self-closing tags
    opts.selfClosingTags !== false
  ) : (
    // User explicitly asked for self-closing tags, even in HTML mode
    opts.selfClosingTags && singleTag.has(elem.name)
  ))) {
    if (!opts.xmlMode)
      tag += " ";
    tag += "/>";
  } else {
    tag += ">";
    if (elem.children.length > 0) {
      tag += render(elem.children, opts);
    }
    if (opts.xmlMode || !singleTag.has(elem.name)) {
      tag += `</${elem.name}>`;
    }
  }
  return tag;
}
function renderDirective(elem) {
  return `<${elem.data}>`;
}
function renderText(elem, opts) {
  var _a3;
  let data = elem.data || "";
  if (((_a3 = opts.encodeEntities) !== null && _a3 !== void 0 ? _a3 : opts.decodeEntities) !== false && !(!opts.xmlMode && elem.parent && unencodedElements.has(elem.parent.name))) {
    data = opts.xmlMode || opts.encodeEntities !== "utf8" ? encodeXML(data) : escapeText(data);
  }
  return data;
}
function renderCdata(elem) {
  return `<![CDATA[${elem.children[0].data}]]>`;
}
function renderComment(elem) {
  return `<!--${elem.data}-->`;
}

// node_modules/domutils/lib/esm/stringify.js
function getOuterHTML(node, options) {
  return esm_default(node, options);
}
function getInnerHTML(node, options) {
  return hasChildren(node) ? node.children.map((node2) => getOuterHTML(node2, options)).join("") : "";
}
function getText(node) {
  if (Array.isArray(node))
    return node.map(getText).join("");
  if (isTag2(node))
    return node.name === "br" ? "\n" : getText(node.children);
  if (isCDATA(node))
    return getText(node.children);
  if (isText(node))
    return node.data;
  return "";
}
function textContent(node) {
  if (Array.isArray(node))
    return node.map(textContent).join("");
  if (hasChildren(node) && !isComment(node)) {
    return textContent(node.children);
  }
  if (isText(node))
    return node.data;
  return "";
}
function innerText(node) {
  if (Array.isArray(node))
    return node.map(innerText).join("");
  if (hasChildren(node) && (node.type === ElementType.Tag || isCDATA(node))) {
    return innerText(node.children);
  }
  if (isText(node))
    return node.data;
  return "";
}

// node_modules/domutils/lib/esm/traversal.js
function getChildren(elem) {
  return hasChildren(elem) ? elem.children : [];
}
function getParent(elem) {
  return elem.parent || null;
}
function getSiblings(elem) {
  const parent = getParent(elem);
  if (parent != null)
    return getChildren(parent);
  const siblings = [elem];
  let { prev, next } = elem;
  while (prev != null) {
    siblings.unshift(prev);
    ({ prev } = prev);
  }
  while (next != null) {
    siblings.push(next);
    ({ next } = next);
  }
  return siblings;
}
function getAttributeValue(elem, name) {
  var _a3;
  return (_a3 = elem.attribs) === null || _a3 === void 0 ? void 0 : _a3[name];
}
function hasAttrib(elem, name) {
  return elem.attribs != null && Object.prototype.hasOwnProperty.call(elem.attribs, name) && elem.attribs[name] != null;
}
function getName(elem) {
  return elem.name;
}
function nextElementSibling(elem) {
  let { next } = elem;
  while (next !== null && !isTag2(next))
    ({ next } = next);
  return next;
}
function prevElementSibling(elem) {
  let { prev } = elem;
  while (prev !== null && !isTag2(prev))
    ({ prev } = prev);
  return prev;
}

// node_modules/domutils/lib/esm/manipulation.js
function removeElement(elem) {
  if (elem.prev)
    elem.prev.next = elem.next;
  if (elem.next)
    elem.next.prev = elem.prev;
  if (elem.parent) {
    const childs = elem.parent.children;
    const childsIndex = childs.lastIndexOf(elem);
    if (childsIndex >= 0) {
      childs.splice(childsIndex, 1);
    }
  }
  elem.next = null;
  elem.prev = null;
  elem.parent = null;
}
function replaceElement(elem, replacement) {
  const prev = replacement.prev = elem.prev;
  if (prev) {
    prev.next = replacement;
  }
  const next = replacement.next = elem.next;
  if (next) {
    next.prev = replacement;
  }
  const parent = replacement.parent = elem.parent;
  if (parent) {
    const childs = parent.children;
    childs[childs.lastIndexOf(elem)] = replacement;
    elem.parent = null;
  }
}
function appendChild(parent, child) {
  removeElement(child);
  child.next = null;
  child.parent = parent;
  if (parent.children.push(child) > 1) {
    const sibling = parent.children[parent.children.length - 2];
    sibling.next = child;
    child.prev = sibling;
  } else {
    child.prev = null;
  }
}
function append(elem, next) {
  removeElement(next);
  const { parent } = elem;
  const currNext = elem.next;
  next.next = currNext;
  next.prev = elem;
  elem.next = next;
  next.parent = parent;
  if (currNext) {
    currNext.prev = next;
    if (parent) {
      const childs = parent.children;
      childs.splice(childs.lastIndexOf(currNext), 0, next);
    }
  } else if (parent) {
    parent.children.push(next);
  }
}
function prependChild(parent, child) {
  removeElement(child);
  child.parent = parent;
  child.prev = null;
  if (parent.children.unshift(child) !== 1) {
    const sibling = parent.children[1];
    sibling.prev = child;
    child.next = sibling;
  } else {
    child.next = null;
  }
}
function prepend(elem, prev) {
  removeElement(prev);
  const { parent } = elem;
  if (parent) {
    const childs = parent.children;
    childs.splice(childs.indexOf(elem), 0, prev);
  }
  if (elem.prev) {
    elem.prev.next = prev;
  }
  prev.parent = parent;
  prev.prev = elem.prev;
  prev.next = elem;
  elem.prev = prev;
}

// node_modules/domutils/lib/esm/querying.js
function filter(test, node, recurse = true, limit = Infinity) {
  return find(test, Array.isArray(node) ? node : [node], recurse, limit);
}
function find(test, nodes, recurse, limit) {
  const result = [];
  const nodeStack = [Array.isArray(nodes) ? nodes : [nodes]];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (indexStack.length === 1) {
        return result;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const elem = nodeStack[0][indexStack[0]++];
    if (test(elem)) {
      result.push(elem);
      if (--limit <= 0)
        return result;
    }
    if (recurse && hasChildren(elem) && elem.children.length > 0) {
      indexStack.unshift(0);
      nodeStack.unshift(elem.children);
    }
  }
}
function findOneChild(test, nodes) {
  return nodes.find(test);
}
function findOne(test, nodes, recurse = true) {
  const searchedNodes = Array.isArray(nodes) ? nodes : [nodes];
  for (let i = 0; i < searchedNodes.length; i++) {
    const node = searchedNodes[i];
    if (isTag2(node) && test(node)) {
      return node;
    }
    if (recurse && hasChildren(node) && node.children.length > 0) {
      const found = findOne(test, node.children, true);
      if (found)
        return found;
    }
  }
  return null;
}
function existsOne(test, nodes) {
  return (Array.isArray(nodes) ? nodes : [nodes]).some((node) => isTag2(node) && test(node) || hasChildren(node) && existsOne(test, node.children));
}
function findAll(test, nodes) {
  const result = [];
  const nodeStack = [Array.isArray(nodes) ? nodes : [nodes]];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (nodeStack.length === 1) {
        return result;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const elem = nodeStack[0][indexStack[0]++];
    if (isTag2(elem) && test(elem))
      result.push(elem);
    if (hasChildren(elem) && elem.children.length > 0) {
      indexStack.unshift(0);
      nodeStack.unshift(elem.children);
    }
  }
}

// node_modules/domutils/lib/esm/legacy.js
var Checks = {
  tag_name(name) {
    if (typeof name === "function") {
      return (elem) => isTag2(elem) && name(elem.name);
    } else if (name === "*") {
      return isTag2;
    }
    return (elem) => isTag2(elem) && elem.name === name;
  },
  tag_type(type) {
    if (typeof type === "function") {
      return (elem) => type(elem.type);
    }
    return (elem) => elem.type === type;
  },
  tag_contains(data) {
    if (typeof data === "function") {
      return (elem) => isText(elem) && data(elem.data);
    }
    return (elem) => isText(elem) && elem.data === data;
  }
};
function getAttribCheck(attrib, value) {
  if (typeof value === "function") {
    return (elem) => isTag2(elem) && value(elem.attribs[attrib]);
  }
  return (elem) => isTag2(elem) && elem.attribs[attrib] === value;
}
function combineFuncs(a, b) {
  return (elem) => a(elem) || b(elem);
}
function compileTest(options) {
  const funcs = Object.keys(options).map((key2) => {
    const value = options[key2];
    return Object.prototype.hasOwnProperty.call(Checks, key2) ? Checks[key2](value) : getAttribCheck(key2, value);
  });
  return funcs.length === 0 ? null : funcs.reduce(combineFuncs);
}
function testElement(options, node) {
  const test = compileTest(options);
  return test ? test(node) : true;
}
function getElements(options, nodes, recurse, limit = Infinity) {
  const test = compileTest(options);
  return test ? filter(test, nodes, recurse, limit) : [];
}
function getElementById(id, nodes, recurse = true) {
  if (!Array.isArray(nodes))
    nodes = [nodes];
  return findOne(getAttribCheck("id", id), nodes, recurse);
}
function getElementsByTagName(tagName19, nodes, recurse = true, limit = Infinity) {
  return filter(Checks["tag_name"](tagName19), nodes, recurse, limit);
}
function getElementsByClassName(className, nodes, recurse = true, limit = Infinity) {
  return filter(getAttribCheck("class", className), nodes, recurse, limit);
}
function getElementsByTagType(type, nodes, recurse = true, limit = Infinity) {
  return filter(Checks["tag_type"](type), nodes, recurse, limit);
}

// node_modules/domutils/lib/esm/helpers.js
function removeSubsets(nodes) {
  let idx = nodes.length;
  while (--idx >= 0) {
    const node = nodes[idx];
    if (idx > 0 && nodes.lastIndexOf(node, idx - 1) >= 0) {
      nodes.splice(idx, 1);
      continue;
    }
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      if (nodes.includes(ancestor)) {
        nodes.splice(idx, 1);
        break;
      }
    }
  }
  return nodes;
}
var DocumentPosition;
(function(DocumentPosition3) {
  DocumentPosition3[DocumentPosition3["DISCONNECTED"] = 1] = "DISCONNECTED";
  DocumentPosition3[DocumentPosition3["PRECEDING"] = 2] = "PRECEDING";
  DocumentPosition3[DocumentPosition3["FOLLOWING"] = 4] = "FOLLOWING";
  DocumentPosition3[DocumentPosition3["CONTAINS"] = 8] = "CONTAINS";
  DocumentPosition3[DocumentPosition3["CONTAINED_BY"] = 16] = "CONTAINED_BY";
})(DocumentPosition || (DocumentPosition = {}));
function compareDocumentPosition(nodeA, nodeB) {
  const aParents = [];
  const bParents = [];
  if (nodeA === nodeB) {
    return 0;
  }
  let current = hasChildren(nodeA) ? nodeA : nodeA.parent;
  while (current) {
    aParents.unshift(current);
    current = current.parent;
  }
  current = hasChildren(nodeB) ? nodeB : nodeB.parent;
  while (current) {
    bParents.unshift(current);
    current = current.parent;
  }
  const maxIdx = Math.min(aParents.length, bParents.length);
  let idx = 0;
  while (idx < maxIdx && aParents[idx] === bParents[idx]) {
    idx++;
  }
  if (idx === 0) {
    return DocumentPosition.DISCONNECTED;
  }
  const sharedParent = aParents[idx - 1];
  const siblings = sharedParent.children;
  const aSibling = aParents[idx];
  const bSibling = bParents[idx];
  if (siblings.indexOf(aSibling) > siblings.indexOf(bSibling)) {
    if (sharedParent === nodeB) {
      return DocumentPosition.FOLLOWING | DocumentPosition.CONTAINED_BY;
    }
    return DocumentPosition.FOLLOWING;
  }
  if (sharedParent === nodeA) {
    return DocumentPosition.PRECEDING | DocumentPosition.CONTAINS;
  }
  return DocumentPosition.PRECEDING;
}
function uniqueSort(nodes) {
  nodes = nodes.filter((node, i, arr) => !arr.includes(node, i + 1));
  nodes.sort((a, b) => {
    const relative = compareDocumentPosition(a, b);
    if (relative & DocumentPosition.PRECEDING) {
      return -1;
    } else if (relative & DocumentPosition.FOLLOWING) {
      return 1;
    }
    return 0;
  });
  return nodes;
}

// node_modules/domutils/lib/esm/feeds.js
function getFeed(doc) {
  const feedRoot = getOneElement(isValidFeed, doc);
  return !feedRoot ? null : feedRoot.name === "feed" ? getAtomFeed(feedRoot) : getRssFeed(feedRoot);
}
function getAtomFeed(feedRoot) {
  var _a3;
  const childs = feedRoot.children;
  const feed = {
    type: "atom",
    items: getElementsByTagName("entry", childs).map((item) => {
      var _a4;
      const { children } = item;
      const entry = { media: getMediaElements(children) };
      addConditionally(entry, "id", "id", children);
      addConditionally(entry, "title", "title", children);
      const href2 = (_a4 = getOneElement("link", children)) === null || _a4 === void 0 ? void 0 : _a4.attribs["href"];
      if (href2) {
        entry.link = href2;
      }
      const description = fetch2("summary", children) || fetch2("content", children);
      if (description) {
        entry.description = description;
      }
      const pubDate = fetch2("updated", children);
      if (pubDate) {
        entry.pubDate = new Date(pubDate);
      }
      return entry;
    })
  };
  addConditionally(feed, "id", "id", childs);
  addConditionally(feed, "title", "title", childs);
  const href = (_a3 = getOneElement("link", childs)) === null || _a3 === void 0 ? void 0 : _a3.attribs["href"];
  if (href) {
    feed.link = href;
  }
  addConditionally(feed, "description", "subtitle", childs);
  const updated = fetch2("updated", childs);
  if (updated) {
    feed.updated = new Date(updated);
  }
  addConditionally(feed, "author", "email", childs, true);
  return feed;
}
function getRssFeed(feedRoot) {
  var _a3, _b;
  const childs = (_b = (_a3 = getOneElement("channel", feedRoot.children)) === null || _a3 === void 0 ? void 0 : _a3.children) !== null && _b !== void 0 ? _b : [];
  const feed = {
    type: feedRoot.name.substr(0, 3),
    id: "",
    items: getElementsByTagName("item", feedRoot.children).map((item) => {
      const { children } = item;
      const entry = { media: getMediaElements(children) };
      addConditionally(entry, "id", "guid", children);
      addConditionally(entry, "title", "title", children);
      addConditionally(entry, "link", "link", children);
      addConditionally(entry, "description", "description", children);
      const pubDate = fetch2("pubDate", children) || fetch2("dc:date", children);
      if (pubDate)
        entry.pubDate = new Date(pubDate);
      return entry;
    })
  };
  addConditionally(feed, "title", "title", childs);
  addConditionally(feed, "link", "link", childs);
  addConditionally(feed, "description", "description", childs);
  const updated = fetch2("lastBuildDate", childs);
  if (updated) {
    feed.updated = new Date(updated);
  }
  addConditionally(feed, "author", "managingEditor", childs, true);
  return feed;
}
var MEDIA_KEYS_STRING = ["url", "type", "lang"];
var MEDIA_KEYS_INT = [
  "fileSize",
  "bitrate",
  "framerate",
  "samplingrate",
  "channels",
  "duration",
  "height",
  "width"
];
function getMediaElements(where) {
  return getElementsByTagName("media:content", where).map((elem) => {
    const { attribs } = elem;
    const media = {
      medium: attribs["medium"],
      isDefault: !!attribs["isDefault"]
    };
    for (const attrib of MEDIA_KEYS_STRING) {
      if (attribs[attrib]) {
        media[attrib] = attribs[attrib];
      }
    }
    for (const attrib of MEDIA_KEYS_INT) {
      if (attribs[attrib]) {
        media[attrib] = parseInt(attribs[attrib], 10);
      }
    }
    if (attribs["expression"]) {
      media.expression = attribs["expression"];
    }
    return media;
  });
}
function getOneElement(tagName19, node) {
  return getElementsByTagName(tagName19, node, true, 1)[0];
}
function fetch2(tagName19, where, recurse = false) {
  return textContent(getElementsByTagName(tagName19, where, recurse, 1)).trim();
}
function addConditionally(obj, prop2, tagName19, where, recurse = false) {
  const val = fetch2(tagName19, where, recurse);
  if (val)
    obj[prop2] = val;
}
function isValidFeed(value) {
  return value === "rss" || value === "feed" || value === "rdf:RDF";
}

// node_modules/htmlparser2/dist/esm/index.js
function parseDocument(data, options) {
  const handler4 = new DomHandler(void 0, options);
  new Parser(handler4, options).end(data);
  return handler4.root;
}
function parseDOM(data, options) {
  return parseDocument(data, options).children;
}
function createDocumentStream(callback, options, elementCallback) {
  const handler4 = new DomHandler((error) => callback(error, handler4.root), options, elementCallback);
  return new Parser(handler4, options);
}
function createDomStream(callback, options, elementCallback) {
  const handler4 = new DomHandler(callback, options, elementCallback);
  return new Parser(handler4, options);
}
var parseFeedDefaultOptions = { xmlMode: true };
function parseFeed(feed, options = parseFeedDefaultOptions) {
  return getFeed(parseDOM(feed, options));
}

// node_modules/linkedom/esm/shared/constants.js
var NODE_END = -1;
var ELEMENT_NODE = 1;
var ATTRIBUTE_NODE = 2;
var TEXT_NODE = 3;
var CDATA_SECTION_NODE = 4;
var COMMENT_NODE = 8;
var DOCUMENT_NODE = 9;
var DOCUMENT_TYPE_NODE = 10;
var DOCUMENT_FRAGMENT_NODE = 11;
var BLOCK_ELEMENTS = /* @__PURE__ */ new Set(["ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "BR", "BUTTON", "CANVAS", "CAPTION", "COL", "COLGROUP", "DD", "DIV", "DL", "DT", "EMBED", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "P"]);
var SHOW_ALL = -1;
var SHOW_ELEMENT = 1;
var SHOW_TEXT = 4;
var SHOW_CDATA_SECTION = 8;
var SHOW_COMMENT = 128;
var DOCUMENT_POSITION_DISCONNECTED = 1;
var DOCUMENT_POSITION_PRECEDING = 2;
var DOCUMENT_POSITION_FOLLOWING = 4;
var DOCUMENT_POSITION_CONTAINS = 8;
var DOCUMENT_POSITION_CONTAINED_BY = 16;
var DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC = 32;
var SVG_NAMESPACE = "http://www.w3.org/2000/svg";

// node_modules/linkedom/esm/shared/object.js
var {
  assign,
  create,
  defineProperties,
  entries,
  getOwnPropertyDescriptors,
  keys,
  setPrototypeOf
} = Object;

// node_modules/linkedom/esm/shared/utils.js
var $String = String;
var getEnd = (node) => node.nodeType === ELEMENT_NODE ? node[END] : node;
var ignoreCase = ({ ownerDocument }) => ownerDocument[MIME].ignoreCase;
var knownAdjacent = (prev, next) => {
  prev[NEXT] = next;
  next[PREV] = prev;
};
var knownBoundaries = (prev, current, next) => {
  knownAdjacent(prev, current);
  knownAdjacent(getEnd(current), next);
};
var knownSegment = (prev, start, end, next) => {
  knownAdjacent(prev, start);
  knownAdjacent(getEnd(end), next);
};
var knownSiblings = (prev, current, next) => {
  knownAdjacent(prev, current);
  knownAdjacent(current, next);
};
var localCase = ({ localName, ownerDocument }) => {
  return ownerDocument[MIME].ignoreCase ? localName.toUpperCase() : localName;
};
var setAdjacent = (prev, next) => {
  if (prev)
    prev[NEXT] = next;
  if (next)
    next[PREV] = prev;
};
var htmlToFragment = (ownerDocument, html) => {
  const fragment = ownerDocument.createDocumentFragment();
  const elem = ownerDocument.createElement("");
  elem.innerHTML = html;
  const { firstChild, lastChild } = elem;
  if (firstChild) {
    knownSegment(fragment, firstChild, lastChild, fragment[END]);
    let child = firstChild;
    do {
      child.parentNode = fragment;
    } while (child !== lastChild && (child = getEnd(child)[NEXT]));
  }
  return fragment;
};

// node_modules/linkedom/esm/shared/shadow-roots.js
var shadowRoots = /* @__PURE__ */ new WeakMap();

// node_modules/linkedom/esm/interface/custom-element-registry.js
var reactive = false;
var Classes = /* @__PURE__ */ new WeakMap();
var customElements = /* @__PURE__ */ new WeakMap();
var attributeChangedCallback = (element, attributeName, oldValue, newValue) => {
  if (reactive && customElements.has(element) && element.attributeChangedCallback && element.constructor.observedAttributes.includes(attributeName)) {
    element.attributeChangedCallback(attributeName, oldValue, newValue);
  }
};
var createTrigger = (method, isConnected2) => (element) => {
  if (customElements.has(element)) {
    const info = customElements.get(element);
    if (info.connected !== isConnected2 && element.isConnected === isConnected2) {
      info.connected = isConnected2;
      if (method in element)
        element[method]();
    }
  }
};
var triggerConnected = createTrigger("connectedCallback", true);
var connectedCallback = (element) => {
  if (reactive) {
    triggerConnected(element);
    if (shadowRoots.has(element))
      element = shadowRoots.get(element).shadowRoot;
    let { [NEXT]: next, [END]: end } = element;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE)
        triggerConnected(next);
      next = next[NEXT];
    }
  }
};
var triggerDisconnected = createTrigger("disconnectedCallback", false);
var disconnectedCallback = (element) => {
  if (reactive) {
    triggerDisconnected(element);
    if (shadowRoots.has(element))
      element = shadowRoots.get(element).shadowRoot;
    let { [NEXT]: next, [END]: end } = element;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE)
        triggerDisconnected(next);
      next = next[NEXT];
    }
  }
};
var CustomElementRegistry = class {
  /**
   * @param {Document} ownerDocument
   */
  constructor(ownerDocument) {
    this.ownerDocument = ownerDocument;
    this.registry = /* @__PURE__ */ new Map();
    this.waiting = /* @__PURE__ */ new Map();
    this.active = false;
  }
  /**
   * @param {string} localName the custom element definition name
   * @param {Function} Class the custom element **Class** definition
   * @param {object?} options the optional object with an `extends` property
   */
  define(localName, Class, options = {}) {
    const { ownerDocument, registry, waiting } = this;
    if (registry.has(localName))
      throw new Error("unable to redefine " + localName);
    if (Classes.has(Class))
      throw new Error("unable to redefine the same class: " + Class);
    this.active = reactive = true;
    const { extends: extend } = options;
    Classes.set(Class, {
      ownerDocument,
      options: { is: extend ? localName : "" },
      localName: extend || localName
    });
    const check = extend ? (element) => {
      return element.localName === extend && element.getAttribute("is") === localName;
    } : (element) => element.localName === localName;
    registry.set(localName, { Class, check });
    if (waiting.has(localName)) {
      for (const resolve2 of waiting.get(localName))
        resolve2(Class);
      waiting.delete(localName);
    }
    ownerDocument.querySelectorAll(
      extend ? `${extend}[is="${localName}"]` : localName
    ).forEach(this.upgrade, this);
  }
  /**
   * @param {Element} element
   */
  upgrade(element) {
    if (customElements.has(element))
      return;
    const { ownerDocument, registry } = this;
    const ce = element.getAttribute("is") || element.localName;
    if (registry.has(ce)) {
      const { Class, check } = registry.get(ce);
      if (check(element)) {
        const { attributes, isConnected: isConnected2 } = element;
        for (const attr of attributes)
          element.removeAttributeNode(attr);
        const values = entries(element);
        for (const [key2] of values)
          delete element[key2];
        setPrototypeOf(element, Class.prototype);
        ownerDocument[UPGRADE] = { element, values };
        new Class(ownerDocument, ce);
        customElements.set(element, { connected: isConnected2 });
        for (const attr of attributes)
          element.setAttributeNode(attr);
        if (isConnected2 && element.connectedCallback)
          element.connectedCallback();
      }
    }
  }
  /**
   * @param {string} localName the custom element definition name
   */
  whenDefined(localName) {
    const { registry, waiting } = this;
    return new Promise((resolve2) => {
      if (registry.has(localName))
        resolve2(registry.get(localName).Class);
      else {
        if (!waiting.has(localName))
          waiting.set(localName, []);
        waiting.get(localName).push(resolve2);
      }
    });
  }
  /**
   * @param {string} localName the custom element definition name
   * @returns {Function?} the custom element **Class**, if any
   */
  get(localName) {
    const info = this.registry.get(localName);
    return info && info.Class;
  }
  /**
   * @param {Function} Class **Class** of custom element
   * @returns {string?} found tag name or null
   */
  getName(Class) {
    if (Classes.has(Class)) {
      const { localName } = Classes.get(Class);
      return localName;
    }
    return null;
  }
};

// node_modules/linkedom/esm/shared/parse-from-string.js
var { Parser: Parser2 } = esm_exports3;
var notParsing = true;
var append2 = (self, node, active) => {
  const end = self[END];
  node.parentNode = self;
  knownBoundaries(end[PREV], node, end);
  if (active && node.nodeType === ELEMENT_NODE)
    connectedCallback(node);
  return node;
};
var attribute = (element, end, attribute2, value, active) => {
  attribute2[VALUE] = value;
  attribute2.ownerElement = element;
  knownSiblings(end[PREV], attribute2, end);
  if (attribute2.name === "class")
    element.className = value;
  if (active)
    attributeChangedCallback(element, attribute2.name, null, value);
};
var parseFromString = (document, isHTML, markupLanguage) => {
  const { active, registry } = document[CUSTOM_ELEMENTS];
  let node = document;
  let ownerSVGElement = null;
  let parsingCData = false;
  notParsing = false;
  const content = new Parser2({
    // <!DOCTYPE ...>
    onprocessinginstruction(name, data) {
      if (name.toLowerCase() === "!doctype")
        document.doctype = data.slice(name.length).trim();
    },
    // <tagName>
    onopentag(name, attributes) {
      let create3 = true;
      if (isHTML) {
        if (ownerSVGElement) {
          node = append2(node, document.createElementNS(SVG_NAMESPACE, name), active);
          node.ownerSVGElement = ownerSVGElement;
          create3 = false;
        } else if (name === "svg" || name === "SVG") {
          ownerSVGElement = document.createElementNS(SVG_NAMESPACE, name);
          node = append2(node, ownerSVGElement, active);
          create3 = false;
        } else if (active) {
          const ce = name.includes("-") ? name : attributes.is || "";
          if (ce && registry.has(ce)) {
            const { Class } = registry.get(ce);
            node = append2(node, new Class(), active);
            delete attributes.is;
            create3 = false;
          }
        }
      }
      if (create3)
        node = append2(node, document.createElement(name), false);
      let end = node[END];
      for (const name2 of keys(attributes))
        attribute(node, end, document.createAttribute(name2), attributes[name2], active);
    },
    // #text, #comment
    oncomment(data) {
      append2(node, document.createComment(data), active);
    },
    ontext(text2) {
      if (parsingCData) {
        append2(node, document.createCDATASection(text2), active);
      } else {
        append2(node, document.createTextNode(text2), active);
      }
    },
    // #cdata
    oncdatastart() {
      parsingCData = true;
    },
    oncdataend() {
      parsingCData = false;
    },
    // </tagName>
    onclosetag() {
      if (isHTML && node === ownerSVGElement)
        ownerSVGElement = null;
      node = node.parentNode;
    }
  }, {
    lowerCaseAttributeNames: false,
    decodeEntities: true,
    xmlMode: !isHTML
  });
  content.write(markupLanguage);
  content.end();
  notParsing = true;
  return document;
};

// node_modules/linkedom/esm/shared/register-html-class.js
var htmlClasses = /* @__PURE__ */ new Map();
var registerHTMLClass = (names, Class) => {
  for (const name of [].concat(names)) {
    htmlClasses.set(name, Class);
    htmlClasses.set(name.toUpperCase(), Class);
  }
};

// node_modules/linkedom/esm/shared/jsdon.js
var loopSegment = ({ [NEXT]: next, [END]: end }, json) => {
  while (next !== end) {
    switch (next.nodeType) {
      case ATTRIBUTE_NODE:
        attrAsJSON(next, json);
        break;
      case TEXT_NODE:
      case COMMENT_NODE:
      case CDATA_SECTION_NODE:
        characterDataAsJSON(next, json);
        break;
      case ELEMENT_NODE:
        elementAsJSON(next, json);
        next = getEnd(next);
        break;
      case DOCUMENT_TYPE_NODE:
        documentTypeAsJSON(next, json);
        break;
    }
    next = next[NEXT];
  }
  const last = json.length - 1;
  const value = json[last];
  if (typeof value === "number" && value < 0)
    json[last] += NODE_END;
  else
    json.push(NODE_END);
};
var attrAsJSON = (attr, json) => {
  json.push(ATTRIBUTE_NODE, attr.name);
  const value = attr[VALUE].trim();
  if (value)
    json.push(value);
};
var characterDataAsJSON = (node, json) => {
  const value = node[VALUE];
  if (value.trim())
    json.push(node.nodeType, value);
};
var nonElementAsJSON = (node, json) => {
  json.push(node.nodeType);
  loopSegment(node, json);
};
var documentTypeAsJSON = ({ name, publicId, systemId }, json) => {
  json.push(DOCUMENT_TYPE_NODE, name);
  if (publicId)
    json.push(publicId);
  if (systemId)
    json.push(systemId);
};
var elementAsJSON = (element, json) => {
  json.push(ELEMENT_NODE, element.localName);
  loopSegment(element, json);
};

// node_modules/linkedom/esm/interface/mutation-observer.js
var createRecord = (type, target, element, addedNodes, removedNodes, attributeName, oldValue) => ({
  type,
  target,
  addedNodes,
  removedNodes,
  attributeName,
  oldValue,
  previousSibling: element?.previousSibling || null,
  nextSibling: element?.nextSibling || null
});
var queueAttribute = (observer, target, attributeName, attributeFilter, attributeOldValue, oldValue) => {
  if (!attributeFilter || attributeFilter.includes(attributeName)) {
    const { callback, records, scheduled } = observer;
    records.push(createRecord(
      "attributes",
      target,
      null,
      [],
      [],
      attributeName,
      attributeOldValue ? oldValue : void 0
    ));
    if (!scheduled) {
      observer.scheduled = true;
      Promise.resolve().then(() => {
        observer.scheduled = false;
        callback(records.splice(0), observer);
      });
    }
  }
};
var attributeChangedCallback2 = (element, attributeName, oldValue) => {
  const { ownerDocument } = element;
  const { active, observers } = ownerDocument[MUTATION_OBSERVER];
  if (active) {
    for (const observer of observers) {
      for (const [
        target,
        {
          childList,
          subtree,
          attributes,
          attributeFilter,
          attributeOldValue
        }
      ] of observer.nodes) {
        if (childList) {
          if (subtree && (target === ownerDocument || target.contains(element)) || !subtree && target.children.includes(element)) {
            queueAttribute(
              observer,
              element,
              attributeName,
              attributeFilter,
              attributeOldValue,
              oldValue
            );
            break;
          }
        } else if (attributes && target === element) {
          queueAttribute(
            observer,
            element,
            attributeName,
            attributeFilter,
            attributeOldValue,
            oldValue
          );
          break;
        }
      }
    }
  }
};
var moCallback = (element, parentNode) => {
  const { ownerDocument } = element;
  const { active, observers } = ownerDocument[MUTATION_OBSERVER];
  if (active) {
    for (const observer of observers) {
      for (const [target, { subtree, childList, characterData }] of observer.nodes) {
        if (childList) {
          if (parentNode && (target === parentNode || /* c8 ignore next */
          subtree && target.contains(parentNode)) || !parentNode && (subtree && (target === ownerDocument || /* c8 ignore next */
          target.contains(element)) || !subtree && target[characterData ? "childNodes" : "children"].includes(element))) {
            const { callback, records, scheduled } = observer;
            records.push(createRecord(
              "childList",
              target,
              element,
              parentNode ? [] : [element],
              parentNode ? [element] : []
            ));
            if (!scheduled) {
              observer.scheduled = true;
              Promise.resolve().then(() => {
                observer.scheduled = false;
                callback(records.splice(0), observer);
              });
            }
            break;
          }
        }
      }
    }
  }
};
var MutationObserverClass = class {
  constructor(ownerDocument) {
    const observers = /* @__PURE__ */ new Set();
    this.observers = observers;
    this.active = false;
    this.class = class MutationObserver {
      constructor(callback) {
        this.callback = callback;
        this.nodes = /* @__PURE__ */ new Map();
        this.records = [];
        this.scheduled = false;
      }
      disconnect() {
        this.records.splice(0);
        this.nodes.clear();
        observers.delete(this);
        ownerDocument[MUTATION_OBSERVER].active = !!observers.size;
      }
      /**
       * @param {Element} target
       * @param {MutationObserverInit} options
       */
      observe(target, options = {
        subtree: false,
        childList: false,
        attributes: false,
        attributeFilter: null,
        attributeOldValue: false,
        characterData: false
        // TODO: not implemented yet
        // characterDataOldValue: false
      }) {
        if ("attributeOldValue" in options || "attributeFilter" in options)
          options.attributes = true;
        options.childList = !!options.childList;
        options.subtree = !!options.subtree;
        this.nodes.set(target, options);
        observers.add(this);
        ownerDocument[MUTATION_OBSERVER].active = true;
      }
      /**
       * @returns {MutationRecord[]}
       */
      takeRecords() {
        return this.records.splice(0);
      }
    };
  }
};

// node_modules/linkedom/esm/shared/attributes.js
var emptyAttributes = /* @__PURE__ */ new Set([
  "allowfullscreen",
  "allowpaymentrequest",
  "async",
  "autofocus",
  "autoplay",
  "checked",
  "class",
  "contenteditable",
  "controls",
  "default",
  "defer",
  "disabled",
  "draggable",
  "formnovalidate",
  "hidden",
  "id",
  "ismap",
  "itemscope",
  "loop",
  "multiple",
  "muted",
  "nomodule",
  "novalidate",
  "open",
  "playsinline",
  "readonly",
  "required",
  "reversed",
  "selected",
  "style",
  "truespeed"
]);
var setAttribute = (element, attribute2) => {
  const { [VALUE]: value, name } = attribute2;
  attribute2.ownerElement = element;
  knownSiblings(element, attribute2, element[NEXT]);
  if (name === "class")
    element.className = value;
  attributeChangedCallback2(element, name, null);
  attributeChangedCallback(element, name, null, value);
};
var removeAttribute = (element, attribute2) => {
  const { [VALUE]: value, name } = attribute2;
  knownAdjacent(attribute2[PREV], attribute2[NEXT]);
  attribute2.ownerElement = attribute2[PREV] = attribute2[NEXT] = null;
  if (name === "class")
    element[CLASS_LIST] = null;
  attributeChangedCallback2(element, name, value);
  attributeChangedCallback(element, name, value, null);
};
var booleanAttribute = {
  get(element, name) {
    return element.hasAttribute(name);
  },
  set(element, name, value) {
    if (value)
      element.setAttribute(name, "");
    else
      element.removeAttribute(name);
  }
};
var numericAttribute = {
  get(element, name) {
    return parseFloat(element.getAttribute(name) || 0);
  },
  set(element, name, value) {
    element.setAttribute(name, value);
  }
};
var stringAttribute = {
  get(element, name) {
    return element.getAttribute(name) || "";
  },
  set(element, name, value) {
    element.setAttribute(name, value);
  }
};

// node_modules/linkedom/esm/interface/event-target.js
var wm = /* @__PURE__ */ new WeakMap();
function dispatch(event, listener) {
  if (typeof listener === "function")
    listener.call(event.target, event);
  else
    listener.handleEvent(event);
  return event._stopImmediatePropagationFlag;
}
function invokeListeners({ currentTarget, target }) {
  const map = wm.get(currentTarget);
  if (map && map.has(this.type)) {
    const listeners = map.get(this.type);
    if (currentTarget === target) {
      this.eventPhase = this.AT_TARGET;
    } else {
      this.eventPhase = this.BUBBLING_PHASE;
    }
    this.currentTarget = currentTarget;
    this.target = target;
    for (const [listener, options] of listeners) {
      if (options && options.once)
        listeners.delete(listener);
      if (dispatch(this, listener))
        break;
    }
    delete this.currentTarget;
    delete this.target;
    return this.cancelBubble;
  }
}
var DOMEventTarget = class {
  constructor() {
    wm.set(this, /* @__PURE__ */ new Map());
  }
  /**
   * @protected
   */
  _getParent() {
    return null;
  }
  addEventListener(type, listener, options) {
    const map = wm.get(this);
    if (!map.has(type))
      map.set(type, /* @__PURE__ */ new Map());
    map.get(type).set(listener, options);
  }
  removeEventListener(type, listener) {
    const map = wm.get(this);
    if (map.has(type)) {
      const listeners = map.get(type);
      if (listeners.delete(listener) && !listeners.size)
        map.delete(type);
    }
  }
  dispatchEvent(event) {
    let node = this;
    event.eventPhase = event.CAPTURING_PHASE;
    while (node) {
      if (node.dispatchEvent)
        event._path.push({ currentTarget: node, target: this });
      node = event.bubbles && node._getParent && node._getParent();
    }
    event._path.some(invokeListeners, event);
    event._path = [];
    event.eventPhase = event.NONE;
    return !event.defaultPrevented;
  }
};

// node_modules/linkedom/esm/interface/node-list.js
var NodeList = class extends Array {
  item(i) {
    return i < this.length ? this[i] : null;
  }
};

// node_modules/linkedom/esm/interface/node.js
var getParentNodeCount = ({ parentNode }) => {
  let count = 0;
  while (parentNode) {
    count++;
    parentNode = parentNode.parentNode;
  }
  return count;
};
var Node2 = class extends DOMEventTarget {
  static get ELEMENT_NODE() {
    return ELEMENT_NODE;
  }
  static get ATTRIBUTE_NODE() {
    return ATTRIBUTE_NODE;
  }
  static get TEXT_NODE() {
    return TEXT_NODE;
  }
  static get CDATA_SECTION_NODE() {
    return CDATA_SECTION_NODE;
  }
  static get COMMENT_NODE() {
    return COMMENT_NODE;
  }
  static get DOCUMENT_NODE() {
    return DOCUMENT_NODE;
  }
  static get DOCUMENT_FRAGMENT_NODE() {
    return DOCUMENT_FRAGMENT_NODE;
  }
  static get DOCUMENT_TYPE_NODE() {
    return DOCUMENT_TYPE_NODE;
  }
  constructor(ownerDocument, localName, nodeType) {
    super();
    this.ownerDocument = ownerDocument;
    this.localName = localName;
    this.nodeType = nodeType;
    this.parentNode = null;
    this[NEXT] = null;
    this[PREV] = null;
  }
  get ELEMENT_NODE() {
    return ELEMENT_NODE;
  }
  get ATTRIBUTE_NODE() {
    return ATTRIBUTE_NODE;
  }
  get TEXT_NODE() {
    return TEXT_NODE;
  }
  get CDATA_SECTION_NODE() {
    return CDATA_SECTION_NODE;
  }
  get COMMENT_NODE() {
    return COMMENT_NODE;
  }
  get DOCUMENT_NODE() {
    return DOCUMENT_NODE;
  }
  get DOCUMENT_FRAGMENT_NODE() {
    return DOCUMENT_FRAGMENT_NODE;
  }
  get DOCUMENT_TYPE_NODE() {
    return DOCUMENT_TYPE_NODE;
  }
  get baseURI() {
    const ownerDocument = this.nodeType === DOCUMENT_NODE ? this : this.ownerDocument;
    if (ownerDocument) {
      const base = ownerDocument.querySelector("base");
      if (base)
        return base.getAttribute("href");
      const { location } = ownerDocument.defaultView;
      if (location)
        return location.href;
    }
    return null;
  }
  /* c8 ignore start */
  // mixin: node
  get isConnected() {
    return false;
  }
  get nodeName() {
    return this.localName;
  }
  get parentElement() {
    return null;
  }
  get previousSibling() {
    return null;
  }
  get previousElementSibling() {
    return null;
  }
  get nextSibling() {
    return null;
  }
  get nextElementSibling() {
    return null;
  }
  get childNodes() {
    return new NodeList();
  }
  get firstChild() {
    return null;
  }
  get lastChild() {
    return null;
  }
  // default values
  get nodeValue() {
    return null;
  }
  set nodeValue(value) {
  }
  get textContent() {
    return null;
  }
  set textContent(value) {
  }
  normalize() {
  }
  cloneNode() {
    return null;
  }
  contains() {
    return false;
  }
  /**
   * Inserts a node before a reference node as a child of this parent node.
   * @param {Node} newNode The node to be inserted.
   * @param {Node} referenceNode The node before which newNode is inserted. If this is null, then newNode is inserted at the end of node's child nodes.
   * @returns The added child
   */
  // eslint-disable-next-line no-unused-vars
  insertBefore(newNode, referenceNode) {
    return newNode;
  }
  /**
   * Adds a node to the end of the list of children of this node.
   * @param {Node} child The node to append to the given parent node.
   * @returns The appended child.
   */
  appendChild(child) {
    return child;
  }
  /**
   * Replaces a child node within this node
   * @param {Node} newChild The new node to replace oldChild.
   * @param {Node} oldChild The child to be replaced.
   * @returns The replaced Node. This is the same node as oldChild.
   */
  replaceChild(newChild, oldChild) {
    return oldChild;
  }
  /**
   * Removes a child node from the DOM.
   * @param {Node} child A Node that is the child node to be removed from the DOM.
   * @returns The removed node.
   */
  removeChild(child) {
    return child;
  }
  toString() {
    return "";
  }
  /* c8 ignore stop */
  hasChildNodes() {
    return !!this.lastChild;
  }
  isSameNode(node) {
    return this === node;
  }
  // TODO: attributes?
  compareDocumentPosition(target) {
    let result = 0;
    if (this !== target) {
      let self = getParentNodeCount(this);
      let other = getParentNodeCount(target);
      if (self < other) {
        result += DOCUMENT_POSITION_FOLLOWING;
        if (this.contains(target))
          result += DOCUMENT_POSITION_CONTAINED_BY;
      } else if (other < self) {
        result += DOCUMENT_POSITION_PRECEDING;
        if (target.contains(this))
          result += DOCUMENT_POSITION_CONTAINS;
      } else if (self && other) {
        const { childNodes } = this.parentNode;
        if (childNodes.indexOf(this) < childNodes.indexOf(target))
          result += DOCUMENT_POSITION_FOLLOWING;
        else
          result += DOCUMENT_POSITION_PRECEDING;
      }
      if (!self || !other) {
        result += DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC;
        result += DOCUMENT_POSITION_DISCONNECTED;
      }
    }
    return result;
  }
  isEqualNode(node) {
    if (this === node)
      return true;
    if (this.nodeType === node.nodeType) {
      switch (this.nodeType) {
        case DOCUMENT_NODE:
        case DOCUMENT_FRAGMENT_NODE: {
          const aNodes = this.childNodes;
          const bNodes = node.childNodes;
          return aNodes.length === bNodes.length && aNodes.every((node2, i) => node2.isEqualNode(bNodes[i]));
        }
      }
      return this.toString() === node.toString();
    }
    return false;
  }
  /**
   * @protected
   */
  _getParent() {
    return this.parentNode;
  }
  /**
   * Calling it on an element inside a standard web page will return an HTMLDocument object representing the entire page (or <iframe>).
   * Calling it on an element inside a shadow DOM will return the associated ShadowRoot.
   * @return {ShadowRoot | HTMLDocument}
   */
  getRootNode() {
    let root = this;
    while (root.parentNode)
      root = root.parentNode;
    return root;
  }
};

// node_modules/linkedom/esm/shared/text-escaper.js
var { replace } = "";
var ca = /[<>&\xA0]/g;
var esca = {
  "\xA0": "&#160;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;"
};
var pe = (m) => esca[m];
var escape2 = (es) => replace.call(es, ca, pe);

// node_modules/linkedom/esm/interface/attr.js
var QUOTE = /"/g;
var Attr = class _Attr extends Node2 {
  constructor(ownerDocument, name, value = "") {
    super(ownerDocument, name, ATTRIBUTE_NODE);
    this.ownerElement = null;
    this.name = $String(name);
    this[VALUE] = $String(value);
    this[CHANGED] = false;
  }
  get value() {
    return this[VALUE];
  }
  set value(newValue) {
    const { [VALUE]: oldValue, name, ownerElement } = this;
    this[VALUE] = $String(newValue);
    this[CHANGED] = true;
    if (ownerElement) {
      attributeChangedCallback2(ownerElement, name, oldValue);
      attributeChangedCallback(ownerElement, name, oldValue, this[VALUE]);
    }
  }
  cloneNode() {
    const { ownerDocument, name, [VALUE]: value } = this;
    return new _Attr(ownerDocument, name, value);
  }
  toString() {
    const { name, [VALUE]: value } = this;
    if (emptyAttributes.has(name) && !value) {
      return ignoreCase(this) ? name : `${name}=""`;
    }
    const escapedValue = (ignoreCase(this) ? value : escape2(value)).replace(QUOTE, "&quot;");
    return `${name}="${escapedValue}"`;
  }
  toJSON() {
    const json = [];
    attrAsJSON(this, json);
    return json;
  }
};

// node_modules/linkedom/esm/shared/node.js
var isConnected = ({ ownerDocument, parentNode }) => {
  while (parentNode) {
    if (parentNode === ownerDocument)
      return true;
    parentNode = parentNode.parentNode || parentNode.host;
  }
  return false;
};
var parentElement = ({ parentNode }) => {
  if (parentNode) {
    switch (parentNode.nodeType) {
      case DOCUMENT_NODE:
      case DOCUMENT_FRAGMENT_NODE:
        return null;
    }
  }
  return parentNode;
};
var previousSibling = ({ [PREV]: prev }) => {
  switch (prev ? prev.nodeType : 0) {
    case NODE_END:
      return prev[START];
    case TEXT_NODE:
    case COMMENT_NODE:
    case CDATA_SECTION_NODE:
      return prev;
  }
  return null;
};
var nextSibling = (node) => {
  const next = getEnd(node)[NEXT];
  return next && (next.nodeType === NODE_END ? null : next);
};

// node_modules/linkedom/esm/mixin/non-document-type-child-node.js
var nextElementSibling2 = (node) => {
  let next = nextSibling(node);
  while (next && next.nodeType !== ELEMENT_NODE)
    next = nextSibling(next);
  return next;
};
var previousElementSibling = (node) => {
  let prev = previousSibling(node);
  while (prev && prev.nodeType !== ELEMENT_NODE)
    prev = previousSibling(prev);
  return prev;
};

// node_modules/linkedom/esm/mixin/child-node.js
var asFragment = (ownerDocument, nodes) => {
  const fragment = ownerDocument.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
};
var before = (node, nodes) => {
  const { ownerDocument, parentNode } = node;
  if (parentNode)
    parentNode.insertBefore(
      asFragment(ownerDocument, nodes),
      node
    );
};
var after = (node, nodes) => {
  const { ownerDocument, parentNode } = node;
  if (parentNode)
    parentNode.insertBefore(
      asFragment(ownerDocument, nodes),
      getEnd(node)[NEXT]
    );
};
var replaceWith = (node, nodes) => {
  const { ownerDocument, parentNode } = node;
  if (parentNode) {
    if (nodes.includes(node))
      replaceWith(node, [node = node.cloneNode()]);
    parentNode.insertBefore(
      asFragment(ownerDocument, nodes),
      node
    );
    node.remove();
  }
};
var remove = (prev, current, next) => {
  const { parentNode, nodeType } = current;
  if (prev || next) {
    setAdjacent(prev, next);
    current[PREV] = null;
    getEnd(current)[NEXT] = null;
  }
  if (parentNode) {
    current.parentNode = null;
    moCallback(current, parentNode);
    if (nodeType === ELEMENT_NODE)
      disconnectedCallback(current);
  }
};

// node_modules/linkedom/esm/interface/character-data.js
var CharacterData = class extends Node2 {
  constructor(ownerDocument, localName, nodeType, data) {
    super(ownerDocument, localName, nodeType);
    this[VALUE] = $String(data);
  }
  // <Mixins>
  get isConnected() {
    return isConnected(this);
  }
  get parentElement() {
    return parentElement(this);
  }
  get previousSibling() {
    return previousSibling(this);
  }
  get nextSibling() {
    return nextSibling(this);
  }
  get previousElementSibling() {
    return previousElementSibling(this);
  }
  get nextElementSibling() {
    return nextElementSibling2(this);
  }
  before(...nodes) {
    before(this, nodes);
  }
  after(...nodes) {
    after(this, nodes);
  }
  replaceWith(...nodes) {
    replaceWith(this, nodes);
  }
  remove() {
    remove(this[PREV], this, this[NEXT]);
  }
  // </Mixins>
  // CharacterData only
  /* c8 ignore start */
  get data() {
    return this[VALUE];
  }
  set data(value) {
    this[VALUE] = $String(value);
    moCallback(this, this.parentNode);
  }
  get nodeValue() {
    return this.data;
  }
  set nodeValue(value) {
    this.data = value;
  }
  get textContent() {
    return this.data;
  }
  set textContent(value) {
    this.data = value;
  }
  get length() {
    return this.data.length;
  }
  substringData(offset, count) {
    return this.data.substr(offset, count);
  }
  appendData(data) {
    this.data += data;
  }
  insertData(offset, data) {
    const { data: t } = this;
    this.data = t.slice(0, offset) + data + t.slice(offset);
  }
  deleteData(offset, count) {
    const { data: t } = this;
    this.data = t.slice(0, offset) + t.slice(offset + count);
  }
  replaceData(offset, count, data) {
    const { data: t } = this;
    this.data = t.slice(0, offset) + data + t.slice(offset + count);
  }
  /* c8 ignore stop */
  toJSON() {
    const json = [];
    characterDataAsJSON(this, json);
    return json;
  }
};

// node_modules/linkedom/esm/interface/cdata-section.js
var CDATASection = class _CDATASection extends CharacterData {
  constructor(ownerDocument, data = "") {
    super(ownerDocument, "#cdatasection", CDATA_SECTION_NODE, data);
  }
  cloneNode() {
    const { ownerDocument, [VALUE]: data } = this;
    return new _CDATASection(ownerDocument, data);
  }
  toString() {
    return `<![CDATA[${this[VALUE]}]]>`;
  }
};

// node_modules/linkedom/esm/interface/comment.js
var Comment3 = class _Comment extends CharacterData {
  constructor(ownerDocument, data = "") {
    super(ownerDocument, "#comment", COMMENT_NODE, data);
  }
  cloneNode() {
    const { ownerDocument, [VALUE]: data } = this;
    return new _Comment(ownerDocument, data);
  }
  toString() {
    return `<!--${this[VALUE]}-->`;
  }
};

// node_modules/boolbase/dist/index.js
function trueFunc() {
  return true;
}
function falseFunc() {
  return false;
}

// node_modules/css-what/dist/types.js
var SelectorType;
(function(SelectorType2) {
  SelectorType2["Attribute"] = "attribute";
  SelectorType2["Pseudo"] = "pseudo";
  SelectorType2["PseudoElement"] = "pseudo-element";
  SelectorType2["Tag"] = "tag";
  SelectorType2["Universal"] = "universal";
  SelectorType2["Adjacent"] = "adjacent";
  SelectorType2["Child"] = "child";
  SelectorType2["Descendant"] = "descendant";
  SelectorType2["Parent"] = "parent";
  SelectorType2["Sibling"] = "sibling";
  SelectorType2["ColumnCombinator"] = "column-combinator";
})(SelectorType || (SelectorType = {}));
var AttributeAction;
(function(AttributeAction2) {
  AttributeAction2["Any"] = "any";
  AttributeAction2["Element"] = "element";
  AttributeAction2["End"] = "end";
  AttributeAction2["Equals"] = "equals";
  AttributeAction2["Exists"] = "exists";
  AttributeAction2["Hyphen"] = "hyphen";
  AttributeAction2["Not"] = "not";
  AttributeAction2["Start"] = "start";
})(AttributeAction || (AttributeAction = {}));

// node_modules/css-what/dist/parse.js
var reName = /^[^#\\]?(?:\\(?:[\da-f]{1,6}\s?|.)|[\w\u00B0-\uFFFF-])+/;
var reEscape = /\\([\da-f]{1,6}\s?|(\s)|.)/gi;
var CharCode;
(function(CharCode2) {
  CharCode2[CharCode2["LeftParenthesis"] = 40] = "LeftParenthesis";
  CharCode2[CharCode2["RightParenthesis"] = 41] = "RightParenthesis";
  CharCode2[CharCode2["LeftSquareBracket"] = 91] = "LeftSquareBracket";
  CharCode2[CharCode2["RightSquareBracket"] = 93] = "RightSquareBracket";
  CharCode2[CharCode2["Comma"] = 44] = "Comma";
  CharCode2[CharCode2["Period"] = 46] = "Period";
  CharCode2[CharCode2["Colon"] = 58] = "Colon";
  CharCode2[CharCode2["SingleQuote"] = 39] = "SingleQuote";
  CharCode2[CharCode2["DoubleQuote"] = 34] = "DoubleQuote";
  CharCode2[CharCode2["Plus"] = 43] = "Plus";
  CharCode2[CharCode2["Tilde"] = 126] = "Tilde";
  CharCode2[CharCode2["QuestionMark"] = 63] = "QuestionMark";
  CharCode2[CharCode2["ExclamationMark"] = 33] = "ExclamationMark";
  CharCode2[CharCode2["Slash"] = 47] = "Slash";
  CharCode2[CharCode2["Equal"] = 61] = "Equal";
  CharCode2[CharCode2["Dollar"] = 36] = "Dollar";
  CharCode2[CharCode2["Pipe"] = 124] = "Pipe";
  CharCode2[CharCode2["Circumflex"] = 94] = "Circumflex";
  CharCode2[CharCode2["Asterisk"] = 42] = "Asterisk";
  CharCode2[CharCode2["GreaterThan"] = 62] = "GreaterThan";
  CharCode2[CharCode2["LessThan"] = 60] = "LessThan";
  CharCode2[CharCode2["Hash"] = 35] = "Hash";
  CharCode2[CharCode2["LowerI"] = 105] = "LowerI";
  CharCode2[CharCode2["LowerS"] = 115] = "LowerS";
  CharCode2[CharCode2["BackSlash"] = 92] = "BackSlash";
  CharCode2[CharCode2["Space"] = 32] = "Space";
  CharCode2[CharCode2["Tab"] = 9] = "Tab";
  CharCode2[CharCode2["NewLine"] = 10] = "NewLine";
  CharCode2[CharCode2["FormFeed"] = 12] = "FormFeed";
  CharCode2[CharCode2["CarriageReturn"] = 13] = "CarriageReturn";
})(CharCode || (CharCode = {}));
var actionTypes = /* @__PURE__ */ new Map([
  [CharCode.Tilde, AttributeAction.Element],
  [CharCode.Circumflex, AttributeAction.Start],
  [CharCode.Dollar, AttributeAction.End],
  [CharCode.Asterisk, AttributeAction.Any],
  [CharCode.ExclamationMark, AttributeAction.Not],
  [CharCode.Pipe, AttributeAction.Hyphen]
]);
var unpackPseudos = /* @__PURE__ */ new Set([
  "has",
  "not",
  "matches",
  "is",
  "where",
  "host",
  "host-context"
]);
var pseudosToPseudoElements = /* @__PURE__ */ new Set([
  "before",
  "after",
  "first-line",
  "first-letter"
]);
function isTraversal(selector) {
  switch (selector.type) {
    case SelectorType.Adjacent:
    case SelectorType.Child:
    case SelectorType.Descendant:
    case SelectorType.Parent:
    case SelectorType.Sibling:
    case SelectorType.ColumnCombinator: {
      return true;
    }
    case SelectorType.Attribute:
    case SelectorType.Pseudo:
    case SelectorType.PseudoElement:
    case SelectorType.Tag:
    case SelectorType.Universal: {
      return false;
    }
  }
}
var stripQuotesFromPseudos = /* @__PURE__ */ new Set(["contains", "icontains"]);
function funescape(_, escaped, escapedWhitespace) {
  const high = Number.parseInt(escaped, 16) - 65536;
  return Number.isNaN(high) || escapedWhitespace ? escaped : high < 0 ? (
    // BMP codepoint
    String.fromCharCode(high + 65536)
  ) : (
    // Supplemental Plane codepoint (surrogate pair)
    String.fromCharCode(high >> 10 | 55296, high & 1023 | 56320)
  );
}
function unescapeCSS(cssString) {
  return cssString.replace(reEscape, funescape);
}
function isQuote(c) {
  return c === CharCode.SingleQuote || c === CharCode.DoubleQuote;
}
function isWhitespace2(c) {
  return c === CharCode.Space || c === CharCode.Tab || c === CharCode.NewLine || c === CharCode.FormFeed || c === CharCode.CarriageReturn;
}
function parse(selector) {
  const subselects2 = [];
  const endIndex = parseSelector(subselects2, `${selector}`, 0);
  if (endIndex < selector.length) {
    throw new Error(`Unmatched selector: ${selector.slice(endIndex)}`);
  }
  return subselects2;
}
function parseSelector(subselects2, selector, selectorIndex) {
  let tokens = [];
  function getName4(offset) {
    const match = selector.slice(selectorIndex + offset).match(reName);
    if (!match) {
      throw new Error(`Expected name, found ${selector.slice(selectorIndex)}`);
    }
    const [name] = match;
    selectorIndex += offset + name.length;
    return unescapeCSS(name);
  }
  function stripWhitespace(offset) {
    selectorIndex += offset;
    while (selectorIndex < selector.length && isWhitespace2(selector.charCodeAt(selectorIndex))) {
      selectorIndex++;
    }
  }
  function readValueWithParenthesis() {
    selectorIndex += 1;
    const start = selectorIndex;
    for (let counter = 1; selectorIndex < selector.length; selectorIndex++) {
      switch (selector.charCodeAt(selectorIndex)) {
        case CharCode.BackSlash: {
          selectorIndex += 1;
          break;
        }
        case CharCode.LeftParenthesis: {
          counter += 1;
          break;
        }
        case CharCode.RightParenthesis: {
          counter -= 1;
          if (counter === 0) {
            return unescapeCSS(selector.slice(start, selectorIndex++));
          }
          break;
        }
      }
    }
    throw new Error("Parenthesis not matched");
  }
  function ensureNotTraversal() {
    if (tokens.length > 0 && isTraversal(tokens[tokens.length - 1])) {
      throw new Error("Did not expect successive traversals.");
    }
  }
  function addTraversal(type) {
    if (tokens.length > 0 && tokens[tokens.length - 1].type === SelectorType.Descendant) {
      tokens[tokens.length - 1].type = type;
      return;
    }
    ensureNotTraversal();
    tokens.push({ type });
  }
  function addSpecialAttribute(name, action2) {
    tokens.push({
      type: SelectorType.Attribute,
      name,
      action: action2,
      value: getName4(1),
      namespace: null,
      ignoreCase: "quirks"
    });
  }
  function finalizeSubselector() {
    if (tokens.length > 0 && tokens[tokens.length - 1].type === SelectorType.Descendant) {
      tokens.pop();
    }
    if (tokens.length === 0) {
      throw new Error("Empty sub-selector");
    }
    subselects2.push(tokens);
  }
  stripWhitespace(0);
  if (selector.length === selectorIndex) {
    return selectorIndex;
  }
  loop: while (selectorIndex < selector.length) {
    const firstChar = selector.charCodeAt(selectorIndex);
    switch (firstChar) {
      // Whitespace
      case CharCode.Space:
      case CharCode.Tab:
      case CharCode.NewLine:
      case CharCode.FormFeed:
      case CharCode.CarriageReturn: {
        if (tokens.length === 0 || tokens[0].type !== SelectorType.Descendant) {
          ensureNotTraversal();
          tokens.push({ type: SelectorType.Descendant });
        }
        stripWhitespace(1);
        break;
      }
      // Traversals
      case CharCode.GreaterThan: {
        addTraversal(SelectorType.Child);
        stripWhitespace(1);
        break;
      }
      case CharCode.LessThan: {
        addTraversal(SelectorType.Parent);
        stripWhitespace(1);
        break;
      }
      case CharCode.Tilde: {
        addTraversal(SelectorType.Sibling);
        stripWhitespace(1);
        break;
      }
      case CharCode.Plus: {
        addTraversal(SelectorType.Adjacent);
        stripWhitespace(1);
        break;
      }
      // Special attribute selectors: .class, #id
      case CharCode.Period: {
        addSpecialAttribute("class", AttributeAction.Element);
        break;
      }
      case CharCode.Hash: {
        addSpecialAttribute("id", AttributeAction.Equals);
        break;
      }
      case CharCode.LeftSquareBracket: {
        stripWhitespace(1);
        let name;
        let namespace = null;
        if (selector.charCodeAt(selectorIndex) === CharCode.Pipe) {
          name = getName4(1);
        } else if (selector.startsWith("*|", selectorIndex)) {
          namespace = "*";
          name = getName4(2);
        } else {
          name = getName4(0);
          if (selector.charCodeAt(selectorIndex) === CharCode.Pipe && selector.charCodeAt(selectorIndex + 1) !== CharCode.Equal) {
            namespace = name;
            name = getName4(1);
          }
        }
        stripWhitespace(0);
        let action2 = AttributeAction.Exists;
        const possibleAction = actionTypes.get(selector.charCodeAt(selectorIndex));
        if (possibleAction) {
          action2 = possibleAction;
          if (selector.charCodeAt(selectorIndex + 1) !== CharCode.Equal) {
            throw new Error("Expected `=`");
          }
          stripWhitespace(2);
        } else if (selector.charCodeAt(selectorIndex) === CharCode.Equal) {
          action2 = AttributeAction.Equals;
          stripWhitespace(1);
        }
        let value = "";
        let ignoreCase2 = null;
        if (action2 !== "exists") {
          if (isQuote(selector.charCodeAt(selectorIndex))) {
            const quote = selector.charCodeAt(selectorIndex);
            selectorIndex += 1;
            const sectionStart = selectorIndex;
            while (selectorIndex < selector.length && selector.charCodeAt(selectorIndex) !== quote) {
              selectorIndex += // Skip next character if it is escaped
              selector.charCodeAt(selectorIndex) === CharCode.BackSlash ? 2 : 1;
            }
            if (selector.charCodeAt(selectorIndex) !== quote) {
              throw new Error("Attribute value didn't end");
            }
            value = unescapeCSS(selector.slice(sectionStart, selectorIndex));
            selectorIndex += 1;
          } else {
            const valueStart = selectorIndex;
            while (selectorIndex < selector.length && !isWhitespace2(selector.charCodeAt(selectorIndex)) && selector.charCodeAt(selectorIndex) !== CharCode.RightSquareBracket) {
              selectorIndex += // Skip next character if it is escaped
              selector.charCodeAt(selectorIndex) === CharCode.BackSlash ? 2 : 1;
            }
            value = unescapeCSS(selector.slice(valueStart, selectorIndex));
          }
          stripWhitespace(0);
          switch (selector.charCodeAt(selectorIndex) | 32) {
            // If the forceIgnore flag is set (either `i` or `s`), use that value
            case CharCode.LowerI: {
              ignoreCase2 = true;
              stripWhitespace(1);
              break;
            }
            case CharCode.LowerS: {
              ignoreCase2 = false;
              stripWhitespace(1);
              break;
            }
          }
        }
        if (selector.charCodeAt(selectorIndex) !== CharCode.RightSquareBracket) {
          throw new Error("Attribute selector didn't terminate");
        }
        selectorIndex += 1;
        const attributeSelector = {
          type: SelectorType.Attribute,
          name,
          action: action2,
          value,
          namespace,
          ignoreCase: ignoreCase2
        };
        tokens.push(attributeSelector);
        break;
      }
      case CharCode.Colon: {
        if (selector.charCodeAt(selectorIndex + 1) === CharCode.Colon) {
          tokens.push({
            type: SelectorType.PseudoElement,
            name: getName4(2).toLowerCase(),
            data: selector.charCodeAt(selectorIndex) === CharCode.LeftParenthesis ? readValueWithParenthesis() : null
          });
          break;
        }
        const name = getName4(1).toLowerCase();
        if (pseudosToPseudoElements.has(name)) {
          tokens.push({
            type: SelectorType.PseudoElement,
            name,
            data: null
          });
          break;
        }
        let data = null;
        if (selector.charCodeAt(selectorIndex) === CharCode.LeftParenthesis) {
          if (unpackPseudos.has(name)) {
            if (isQuote(selector.charCodeAt(selectorIndex + 1))) {
              throw new Error(`Pseudo-selector ${name} cannot be quoted`);
            }
            data = [];
            selectorIndex = parseSelector(data, selector, selectorIndex + 1);
            if (selector.charCodeAt(selectorIndex) !== CharCode.RightParenthesis) {
              throw new Error(`Missing closing parenthesis in :${name} (${selector})`);
            }
            selectorIndex += 1;
          } else {
            data = readValueWithParenthesis();
            if (stripQuotesFromPseudos.has(name)) {
              const quot = data.charCodeAt(0);
              if (quot === data.charCodeAt(data.length - 1) && isQuote(quot)) {
                data = data.slice(1, -1);
              }
            }
            data = unescapeCSS(data);
          }
        }
        tokens.push({ type: SelectorType.Pseudo, name, data });
        break;
      }
      case CharCode.Comma: {
        finalizeSubselector();
        tokens = [];
        stripWhitespace(1);
        break;
      }
      default: {
        if (selector.startsWith("/*", selectorIndex)) {
          const endIndex = selector.indexOf("*/", selectorIndex + 2);
          if (endIndex === -1) {
            throw new Error("Comment was not terminated");
          }
          selectorIndex = endIndex + 2;
          if (tokens.length === 0) {
            stripWhitespace(0);
          }
          break;
        }
        let namespace = null;
        let name;
        if (firstChar === CharCode.Asterisk) {
          selectorIndex += 1;
          name = "*";
        } else if (firstChar === CharCode.Pipe) {
          name = "";
          if (selector.charCodeAt(selectorIndex + 1) === CharCode.Pipe) {
            addTraversal(SelectorType.ColumnCombinator);
            stripWhitespace(2);
            break;
          }
        } else if (reName.test(selector.slice(selectorIndex))) {
          name = getName4(0);
        } else {
          break loop;
        }
        if (selector.charCodeAt(selectorIndex) === CharCode.Pipe && selector.charCodeAt(selectorIndex + 1) !== CharCode.Pipe) {
          namespace = name;
          if (selector.charCodeAt(selectorIndex + 1) === CharCode.Asterisk) {
            name = "*";
            selectorIndex += 2;
          } else {
            name = getName4(1);
          }
        }
        tokens.push(name === "*" ? { type: SelectorType.Universal, namespace } : { type: SelectorType.Tag, name, namespace });
      }
    }
  }
  finalizeSubselector();
  return selectorIndex;
}

// node_modules/css-select/node_modules/domelementtype/dist/index.js
var ElementType2;
(function(ElementType3) {
  ElementType3["Root"] = "root";
  ElementType3["Text"] = "text";
  ElementType3["Directive"] = "directive";
  ElementType3["Comment"] = "comment";
  ElementType3["Script"] = "script";
  ElementType3["Style"] = "style";
  ElementType3["Tag"] = "tag";
  ElementType3["CDATA"] = "cdata";
  ElementType3["Doctype"] = "doctype";
})(ElementType2 || (ElementType2 = {}));
function isTag3(element) {
  return element.type === ElementType2.Tag || element.type === ElementType2.Script || element.type === ElementType2.Style;
}
var Root2 = ElementType2.Root;
var Text3 = ElementType2.Text;
var Directive2 = ElementType2.Directive;
var Comment4 = ElementType2.Comment;
var Script2 = ElementType2.Script;
var Style2 = ElementType2.Style;
var Tag2 = ElementType2.Tag;
var CDATA3 = ElementType2.CDATA;
var Doctype2 = ElementType2.Doctype;

// node_modules/css-select/node_modules/domhandler/dist/node.js
function isTag4(node) {
  return isTag3(node);
}
function isCDATA2(node) {
  return node.type === ElementType2.CDATA;
}
function isText2(node) {
  return node.type === ElementType2.Text;
}
function isComment2(node) {
  return node.type === ElementType2.Comment;
}
function hasChildren2(node) {
  return Object.hasOwn(node, "children");
}

// node_modules/css-select/node_modules/domutils/dist/index.js
var dist_exports2 = {};
__export(dist_exports2, {
  DocumentPosition: () => DocumentPosition2,
  append: () => append3,
  appendChild: () => appendChild2,
  compareDocumentPosition: () => compareDocumentPosition2,
  existsOne: () => existsOne2,
  filter: () => filter2,
  find: () => find2,
  findAll: () => findAll2,
  findOne: () => findOne2,
  getAttributeValue: () => getAttributeValue2,
  getChildren: () => getChildren2,
  getElementById: () => getElementById2,
  getElements: () => getElements2,
  getElementsByClassName: () => getElementsByClassName2,
  getElementsByTagName: () => getElementsByTagName2,
  getElementsByTagType: () => getElementsByTagType2,
  getFeed: () => getFeed2,
  getInnerHTML: () => getInnerHTML2,
  getName: () => getName2,
  getOuterHTML: () => getOuterHTML2,
  getParent: () => getParent2,
  getSiblings: () => getSiblings2,
  getText: () => getText2,
  hasAttrib: () => hasAttrib2,
  innerText: () => innerText2,
  nextElementSibling: () => nextElementSibling3,
  prepend: () => prepend2,
  prependChild: () => prependChild2,
  prevElementSibling: () => prevElementSibling2,
  removeElement: () => removeElement2,
  removeSubsets: () => removeSubsets2,
  replaceElement: () => replaceElement2,
  testElement: () => testElement2,
  textContent: () => textContent2,
  uniqueSort: () => uniqueSort2
});

// node_modules/css-select/node_modules/domutils/dist/querying.js
function filter2(test, node, recurse = true, limit = Number.POSITIVE_INFINITY) {
  return find2(test, Array.isArray(node) ? node : [node], recurse, limit);
}
function find2(test, nodes, recurse, limit) {
  const result = [];
  const nodeStack = [Array.isArray(nodes) ? nodes : [nodes]];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (indexStack.length === 1) {
        return result;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const element = nodeStack[0][indexStack[0]++];
    if (test(element)) {
      result.push(element);
      if (--limit <= 0)
        return result;
    }
    if (recurse && hasChildren2(element) && element.children.length > 0) {
      indexStack.unshift(0);
      nodeStack.unshift(element.children);
    }
  }
}
function findOne2(test, nodes, recurse = true) {
  const searchedNodes = Array.isArray(nodes) ? nodes : [nodes];
  for (const node of searchedNodes) {
    if (isTag4(node) && test(node)) {
      return node;
    }
    if (recurse && hasChildren2(node) && node.children.length > 0) {
      const found = findOne2(test, node.children, true);
      if (found)
        return found;
    }
  }
  return null;
}
function existsOne2(test, nodes) {
  return (Array.isArray(nodes) ? nodes : [nodes]).some((node) => isTag4(node) && test(node) || hasChildren2(node) && existsOne2(test, node.children));
}
function findAll2(test, nodes) {
  const result = [];
  const nodeStack = [Array.isArray(nodes) ? nodes : [nodes]];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (nodeStack.length === 1) {
        return result;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const element = nodeStack[0][indexStack[0]++];
    if (isTag4(element) && test(element))
      result.push(element);
    if (hasChildren2(element) && element.children.length > 0) {
      indexStack.unshift(0);
      nodeStack.unshift(element.children);
    }
  }
}

// node_modules/css-select/node_modules/domutils/dist/legacy.js
var Checks2 = {
  tag_name(name) {
    if (typeof name === "function") {
      return (element) => isTag4(element) && name(element.name);
    }
    if (name === "*") {
      return isTag4;
    }
    return (element) => isTag4(element) && element.name === name;
  },
  tag_type(type) {
    if (typeof type === "function") {
      return (element) => type(element.type);
    }
    return (element) => element.type === type;
  },
  tag_contains(data) {
    if (typeof data === "function") {
      return (element) => isText2(element) && data(element.data);
    }
    return (element) => isText2(element) && element.data === data;
  }
};
function getAttribCheck2(attrib, value) {
  if (typeof value === "function") {
    return (element) => isTag4(element) && value(element.attribs[attrib]);
  }
  return (element) => isTag4(element) && element.attribs[attrib] === value;
}
function combineFuncs2(a, b) {
  return (element) => a(element) || b(element);
}
function compileTest2(options) {
  const funcs = Object.keys(options).map((key2) => {
    const value = options[key2];
    return Object.hasOwn(Checks2, key2) ? Checks2[key2](value) : getAttribCheck2(key2, value);
  });
  return funcs.length === 0 ? null : funcs.reduce(combineFuncs2);
}
function testElement2(options, node) {
  const test = compileTest2(options);
  return test ? test(node) : true;
}
function getElements2(options, nodes, recurse, limit = Number.POSITIVE_INFINITY) {
  const test = compileTest2(options);
  return test ? filter2(test, nodes, recurse, limit) : [];
}
function getElementById2(id, nodes, recurse = true) {
  if (!Array.isArray(nodes))
    nodes = [nodes];
  return findOne2(getAttribCheck2("id", id), nodes, recurse);
}
function getElementsByTagName2(tagName19, nodes, recurse = true, limit = Number.POSITIVE_INFINITY) {
  return filter2(Checks2["tag_name"](tagName19), nodes, recurse, limit);
}
function getElementsByClassName2(className, nodes, recurse = true, limit = Number.POSITIVE_INFINITY) {
  return filter2(getAttribCheck2("class", className), nodes, recurse, limit);
}
function getElementsByTagType2(type, nodes, recurse = true, limit = Number.POSITIVE_INFINITY) {
  return filter2(Checks2["tag_type"](type), nodes, recurse, limit);
}

// node_modules/css-select/node_modules/entities/dist/escape.js
function getEscape(char) {
  return char === 34 ? "&quot;" : char === 38 ? "&amp;" : char === 39 ? "&apos;" : char === 60 ? "&lt;" : char === 62 ? "&gt;" : "&nbsp;";
}
var XML_BITSET_VALUE = 1342177476;
var xmlEncodeRegex = /["&'<>\u0080-\uFFFF]/g;
function isXmlEscapable(code) {
  return code >= 128 || code >= 32 && code < 64 && (XML_BITSET_VALUE >>> code & 1) === 1;
}
function encodeXML2(input) {
  const { length } = input;
  let out;
  let last = 0;
  let index = 0;
  while (index < length) {
    const char = input.charCodeAt(index);
    if (!isXmlEscapable(char)) {
      const bound = Math.min(index + 32, length);
      let next = index + 1;
      while (next < bound && !isXmlEscapable(input.charCodeAt(next))) {
        next++;
      }
      if (next < bound) {
        index = next;
        continue;
      }
      if (next >= length)
        break;
      xmlEncodeRegex.lastIndex = next;
      if (!xmlEncodeRegex.test(input))
        break;
      index = xmlEncodeRegex.lastIndex - 1;
      continue;
    }
    if (out === void 0)
      out = input.substring(0, index);
    else if (last !== index)
      out += input.substring(last, index);
    if (char < 64) {
      out += getEscape(char);
      last = index += 1;
      continue;
    }
    const cp2 = input.codePointAt(index);
    out += `&#x${cp2.toString(16)};`;
    if (cp2 !== char)
      index++;
    last = index += 1;
  }
  if (out === void 0)
    return input;
  if (last < length)
    out += input.substr(last);
  return out;
}
function escapeWithRegex(re, data) {
  re.lastIndex = 0;
  if (!re.test(data))
    return data;
  let out = "";
  let last = 0;
  do {
    const index = re.lastIndex - 1;
    if (last !== index)
      out += data.substring(last, index);
    const char = data.charCodeAt(index);
    out += getEscape(char);
    last = index + 1;
  } while (re.test(data));
  return out + data.substring(last);
}
var attributeEscapeRegex = /["&\u{A0}]/gu;
function escapeAttribute2(data) {
  return escapeWithRegex(attributeEscapeRegex, data);
}
var textEscapeRegex = /[&<>\u{A0}]/gu;
function escapeText2(data) {
  return escapeWithRegex(textEscapeRegex, data);
}

// node_modules/css-select/node_modules/entities/dist/index.js
var EntityLevel2;
(function(EntityLevel3) {
  EntityLevel3[EntityLevel3["XML"] = 0] = "XML";
  EntityLevel3[EntityLevel3["HTML"] = 1] = "HTML";
})(EntityLevel2 || (EntityLevel2 = {}));
var EncodingMode2;
(function(EncodingMode3) {
  EncodingMode3[EncodingMode3["UTF8"] = 0] = "UTF8";
  EncodingMode3[EncodingMode3["ASCII"] = 1] = "ASCII";
  EncodingMode3[EncodingMode3["Extensive"] = 2] = "Extensive";
  EncodingMode3[EncodingMode3["Attribute"] = 3] = "Attribute";
  EncodingMode3[EncodingMode3["Text"] = 4] = "Text";
})(EncodingMode2 || (EncodingMode2 = {}));

// node_modules/css-select/node_modules/dom-serializer/dist/foreign-names.js
var elementNames2 = new Map("altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence foreignObject glyphRef linearGradient radialGradient textPath".split(" ").map((name) => [name.toLowerCase(), name]));
var attributeNames2 = new Map("definitionURL attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits diffuseConstant edgeMode filterUnits glyphRef gradientTransform gradientUnits kernelMatrix kernelUnitLength keyPoints keySplines keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits markerWidth maskContentUnits maskUnits numOctaves pathLength patternContentUnits patternTransform patternUnits pointsAtX pointsAtY pointsAtZ preserveAlpha preserveAspectRatio primitiveUnits refX refY repeatCount repeatDur requiredExtensions requiredFeatures specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget xChannelSelector yChannelSelector zoomAndPan".split(" ").map((name) => [name.toLowerCase(), name]));

// node_modules/css-select/node_modules/dom-serializer/dist/index.js
var unencodedElements2 = new Set("style script xmp iframe noembed noframes plaintext noscript".split(" "));
var voidElements2 = new Set("area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr".split(" "));
var foreignElements2 = /* @__PURE__ */ new Set(["svg", "math"]);
var foreignModeIntegrationPoints2 = new Set("mi mo mn ms mtext annotation-xml foreignObject desc title".split(" "));
function render2(node, options = {}) {
  const nodes = "length" in node ? node : [node];
  const xmlMode = options.xmlMode ?? false;
  let output = "";
  for (let index = 0; index < nodes.length; index++) {
    output += renderNode2(nodes[index], options, xmlMode);
  }
  return output;
}
var dist_default = render2;
function renderChildren(children, options, xmlMode) {
  let output = "";
  for (let index = 0; index < children.length; index++) {
    output += renderNode2(children[index], options, xmlMode);
  }
  return output;
}
function renderNode2(node, options, xmlMode) {
  switch (node.type) {
    case Root2: {
      return renderChildren(node.children, options, xmlMode);
    }
    case Directive2: {
      return `<${node.data}>`;
    }
    case Comment4: {
      return `<!--${node.data}-->`;
    }
    case CDATA3: {
      return `<![CDATA[${node.children[0].data}]]>`;
    }
    case Script2:
    case Style2:
    case Tag2: {
      return renderTag2(node, options, xmlMode);
    }
    case Text3: {
      const element = node;
      const data = element.data || "";
      if ((options.encodeEntities ?? options.decodeEntities) !== false && !(!xmlMode && element.parent && unencodedElements2.has(element.parent.name))) {
        return xmlMode || options.encodeEntities !== "utf8" ? encodeXML2(data) : escapeText2(data);
      }
      return data;
    }
  }
}
function renderTag2(element, options, xmlMode) {
  if (xmlMode === "foreign") {
    element.name = elementNames2.get(element.name) ?? element.name;
    if (element.parent && foreignModeIntegrationPoints2.has(element.parent.name)) {
      xmlMode = false;
    }
  }
  if (!xmlMode && foreignElements2.has(element.name)) {
    xmlMode = "foreign";
  }
  const { name, children } = element;
  const isVoid2 = !xmlMode && voidElements2.has(name);
  let tag = `<${name}${formatAttributes2(element.attribs, options, xmlMode)}`;
  if (children.length === 0 && (xmlMode ? options.selfClosingTags !== false : options.selfClosingTags && isVoid2)) {
    tag += xmlMode ? "/>" : " />";
  } else {
    tag += ">";
    if (children.length > 0) {
      tag += renderChildren(children, options, xmlMode);
    }
    if (!isVoid2) {
      tag += `</${name}>`;
    }
  }
  return tag;
}
function replaceQuotes2(value) {
  return value.replaceAll('"', "&quot;");
}
function formatAttributes2(attributes, options, xmlMode) {
  if (!attributes)
    return "";
  const encode = (options.encodeEntities ?? options.decodeEntities) === false ? replaceQuotes2 : xmlMode || options.encodeEntities !== "utf8" ? encodeXML2 : escapeAttribute2;
  const isForeign = xmlMode === "foreign";
  const showEmpty = !!(options.emptyAttrs ?? xmlMode);
  let result = "";
  for (const key2 in attributes) {
    if (!Object.hasOwn(attributes, key2))
      continue;
    const value = attributes[key2];
    const k = isForeign ? attributeNames2.get(key2) ?? key2 : key2;
    result += !showEmpty && (value == null || value === "") ? ` ${k}` : ` ${k}="${encode(value == null ? "" : String(value))}"`;
  }
  return result;
}

// node_modules/css-select/node_modules/domutils/dist/stringify.js
function getOuterHTML2(node, options) {
  return dist_default(node, options);
}
function getInnerHTML2(node, options) {
  return hasChildren2(node) ? node.children.map((node2) => getOuterHTML2(node2, options)).join("") : "";
}
function getText2(node) {
  if (Array.isArray(node))
    return node.map(getText2).join("");
  if (isTag4(node))
    return node.name === "br" ? "\n" : getText2(node.children);
  if (isCDATA2(node))
    return getText2(node.children);
  if (isText2(node))
    return node.data;
  return "";
}
function textContent2(node) {
  if (Array.isArray(node))
    return node.map(textContent2).join("");
  if (hasChildren2(node) && !isComment2(node)) {
    return textContent2(node.children);
  }
  if (isText2(node))
    return node.data;
  return "";
}
function innerText2(node) {
  if (Array.isArray(node))
    return node.map(innerText2).join("");
  if (hasChildren2(node) && (node.type === ElementType2.Tag || isCDATA2(node))) {
    return innerText2(node.children);
  }
  if (isText2(node))
    return node.data;
  return "";
}

// node_modules/css-select/node_modules/domutils/dist/feeds.js
function getFeed2(document) {
  const feedRoot = getOneElement2(isValidFeed2, document);
  return feedRoot ? feedRoot.name === "feed" ? getAtomFeed2(feedRoot) : getRssFeed2(feedRoot) : null;
}
function getAtomFeed2(feedRoot) {
  const childs = feedRoot.children;
  const feed = {
    type: "atom",
    items: getElementsByTagName2("entry", childs).map((item) => {
      const { children } = item;
      const entry = { media: getMediaElements2(children) };
      addConditionally2(entry, "id", "id", children);
      addConditionally2(entry, "title", "title", children);
      const href2 = getOneElement2("link", children)?.attribs["href"];
      if (href2) {
        entry.link = href2;
      }
      const description = fetch3("summary", children) || fetch3("content", children);
      if (description) {
        entry.description = description;
      }
      const pubDate = fetch3("updated", children);
      if (pubDate) {
        entry.pubDate = new Date(pubDate);
      }
      return entry;
    })
  };
  addConditionally2(feed, "id", "id", childs);
  addConditionally2(feed, "title", "title", childs);
  const href = getOneElement2("link", childs)?.attribs["href"];
  if (href) {
    feed.link = href;
  }
  addConditionally2(feed, "description", "subtitle", childs);
  const updated = fetch3("updated", childs);
  if (updated) {
    feed.updated = new Date(updated);
  }
  addConditionally2(feed, "author", "email", childs, true);
  return feed;
}
function getRssFeed2(feedRoot) {
  const childs = getOneElement2("channel", feedRoot.children)?.children ?? [];
  const feed = {
    type: feedRoot.name.substr(0, 3),
    id: "",
    items: getElementsByTagName2("item", feedRoot.children).map((item) => {
      const { children } = item;
      const entry = { media: getMediaElements2(children) };
      addConditionally2(entry, "id", "guid", children);
      addConditionally2(entry, "title", "title", children);
      addConditionally2(entry, "link", "link", children);
      addConditionally2(entry, "description", "description", children);
      const pubDate = fetch3("pubDate", children) || fetch3("dc:date", children);
      if (pubDate)
        entry.pubDate = new Date(pubDate);
      return entry;
    })
  };
  addConditionally2(feed, "title", "title", childs);
  addConditionally2(feed, "link", "link", childs);
  addConditionally2(feed, "description", "description", childs);
  const updated = fetch3("lastBuildDate", childs);
  if (updated) {
    feed.updated = new Date(updated);
  }
  addConditionally2(feed, "author", "managingEditor", childs, true);
  return feed;
}
var MEDIA_KEYS_STRING2 = ["url", "type", "lang"];
var MEDIA_KEYS_INT2 = [
  "fileSize",
  "bitrate",
  "framerate",
  "samplingrate",
  "channels",
  "duration",
  "height",
  "width"
];
function getMediaElements2(where) {
  return getElementsByTagName2("media:content", where).map((element) => {
    const { attribs } = element;
    const media = {
      medium: attribs["medium"],
      isDefault: !!attribs["isDefault"]
    };
    for (const attrib of MEDIA_KEYS_STRING2) {
      if (attribs[attrib]) {
        media[attrib] = attribs[attrib];
      }
    }
    for (const attrib of MEDIA_KEYS_INT2) {
      if (attribs[attrib]) {
        media[attrib] = Number.parseInt(attribs[attrib], 10);
      }
    }
    if (attribs["expression"]) {
      media.expression = attribs["expression"];
    }
    return media;
  });
}
function getOneElement2(tagName19, node) {
  return getElementsByTagName2(tagName19, node, true, 1)[0];
}
function fetch3(tagName19, where, recurse = false) {
  return textContent2(getElementsByTagName2(tagName19, where, recurse, 1)).trim();
}
function addConditionally2(object2, property, tagName19, where, recurse = false) {
  const value = fetch3(tagName19, where, recurse);
  if (value)
    object2[property] = value;
}
function isValidFeed2(value) {
  return value === "rss" || value === "feed" || value === "rdf:RDF";
}

// node_modules/css-select/node_modules/domutils/dist/helpers.js
function removeSubsets2(nodes) {
  let index = nodes.length;
  while (--index >= 0) {
    const node = nodes[index];
    if (index > 0 && nodes.lastIndexOf(node, index - 1) >= 0) {
      nodes.splice(index, 1);
      continue;
    }
    for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
      if (nodes.includes(ancestor)) {
        nodes.splice(index, 1);
        break;
      }
    }
  }
  return nodes;
}
var DocumentPosition2;
(function(DocumentPosition3) {
  DocumentPosition3[DocumentPosition3["DISCONNECTED"] = 1] = "DISCONNECTED";
  DocumentPosition3[DocumentPosition3["PRECEDING"] = 2] = "PRECEDING";
  DocumentPosition3[DocumentPosition3["FOLLOWING"] = 4] = "FOLLOWING";
  DocumentPosition3[DocumentPosition3["CONTAINS"] = 8] = "CONTAINS";
  DocumentPosition3[DocumentPosition3["CONTAINED_BY"] = 16] = "CONTAINED_BY";
})(DocumentPosition2 || (DocumentPosition2 = {}));
function compareDocumentPosition2(nodeA, nodeB) {
  const aParents = [];
  const bParents = [];
  if (nodeA === nodeB) {
    return 0;
  }
  let current = hasChildren2(nodeA) ? nodeA : nodeA.parent;
  while (current) {
    aParents.unshift(current);
    current = current.parent;
  }
  current = hasChildren2(nodeB) ? nodeB : nodeB.parent;
  while (current) {
    bParents.unshift(current);
    current = current.parent;
  }
  const maxIndex = Math.min(aParents.length, bParents.length);
  let index = 0;
  while (index < maxIndex && aParents[index] === bParents[index]) {
    index++;
  }
  if (index === 0) {
    return DocumentPosition2.DISCONNECTED;
  }
  const sharedParent = aParents[index - 1];
  const siblings = sharedParent.children;
  const aSibling = aParents[index];
  const bSibling = bParents[index];
  if (siblings.indexOf(aSibling) > siblings.indexOf(bSibling)) {
    if (sharedParent === nodeB) {
      return DocumentPosition2.FOLLOWING | DocumentPosition2.CONTAINED_BY;
    }
    return DocumentPosition2.FOLLOWING;
  }
  if (sharedParent === nodeA) {
    return DocumentPosition2.PRECEDING | DocumentPosition2.CONTAINS;
  }
  return DocumentPosition2.PRECEDING;
}
function uniqueSort2(nodes) {
  nodes = nodes.filter((node, index, array) => !array.includes(node, index + 1));
  nodes.sort((a, b) => {
    const relative = compareDocumentPosition2(a, b);
    if (relative & DocumentPosition2.PRECEDING) {
      return -1;
    }
    if (relative & DocumentPosition2.FOLLOWING) {
      return 1;
    }
    return 0;
  });
  return nodes;
}

// node_modules/css-select/node_modules/domutils/dist/manipulation.js
function removeElement2(element) {
  if (element.prev)
    element.prev.next = element.next;
  if (element.next)
    element.next.prev = element.prev;
  if (element.parent) {
    const childs = element.parent.children;
    const childsIndex = childs.lastIndexOf(element);
    if (childsIndex !== -1) {
      childs.splice(childsIndex, 1);
    }
  }
  element.next = null;
  element.prev = null;
  element.parent = null;
}
function replaceElement2(element, replacement) {
  replacement.prev = element.prev;
  if (replacement.prev) {
    replacement.prev.next = replacement;
  }
  replacement.next = element.next;
  if (replacement.next) {
    replacement.next.prev = replacement;
  }
  replacement.parent = element.parent;
  if (replacement.parent) {
    const { children } = replacement.parent;
    const elementIndex = children.lastIndexOf(element);
    if (elementIndex === -1) {
      return;
    }
    children[elementIndex] = replacement;
    element.parent = null;
  }
}
function appendChild2(parent, child) {
  removeElement2(child);
  child.next = null;
  child.parent = parent;
  if (parent.children.push(child) > 1) {
    const sibling = parent.children[parent.children.length - 2];
    sibling.next = child;
    child.prev = sibling;
  } else {
    child.prev = null;
  }
}
function append3(element, next) {
  removeElement2(next);
  const { parent } = element;
  const currentNext = element.next;
  next.next = currentNext;
  next.prev = element;
  element.next = next;
  next.parent = parent;
  if (currentNext) {
    currentNext.prev = next;
    if (parent) {
      const childs = parent.children;
      childs.splice(childs.lastIndexOf(currentNext), 0, next);
    }
  } else if (parent) {
    parent.children.push(next);
  }
}
function prependChild2(parent, child) {
  removeElement2(child);
  child.parent = parent;
  child.prev = null;
  if (parent.children.unshift(child) === 1) {
    child.next = null;
  } else {
    const sibling = parent.children[1];
    sibling.prev = child;
    child.next = sibling;
  }
}
function prepend2(element, previous) {
  removeElement2(previous);
  const { parent } = element;
  if (parent) {
    const childs = parent.children;
    childs.splice(childs.indexOf(element), 0, previous);
  }
  if (element.prev) {
    element.prev.next = previous;
  }
  previous.parent = parent;
  previous.prev = element.prev;
  previous.next = element;
  element.prev = previous;
}

// node_modules/css-select/node_modules/domutils/dist/traversal.js
function getChildren2(element) {
  return hasChildren2(element) ? element.children : [];
}
function getParent2(element) {
  return element.parent || null;
}
function getSiblings2(element) {
  const parent = getParent2(element);
  if (parent != null)
    return getChildren2(parent);
  const siblings = [element];
  let { prev, next } = element;
  while (prev != null) {
    siblings.unshift(prev);
    ({ prev } = prev);
  }
  while (next != null) {
    siblings.push(next);
    ({ next } = next);
  }
  return siblings;
}
function getAttributeValue2(element, name) {
  const { attribs } = element;
  return attribs?.[name];
}
function hasAttrib2(element, name) {
  const { attribs } = element;
  return attribs != null && Object.hasOwn(attribs, name) && attribs[name] != null;
}
function getName2(element) {
  return element.name;
}
function nextElementSibling3(element) {
  let { next } = element;
  while (next !== null && !isTag4(next))
    ({ next } = next);
  return next;
}
function prevElementSibling2(element) {
  let { prev } = element;
  while (prev !== null && !isTag4(prev))
    ({ prev } = prev);
  return prev;
}

// node_modules/css-select/dist/attributes.js
var reChars = /[-[\]{}()*+?.,\\^$|#\s]/g;
var whitespaceRe = /\s/;
function escapeRegex(value) {
  return value.replace(reChars, "\\$&");
}
var caseInsensitiveAttributes = /* @__PURE__ */ new Set([
  "accept",
  "accept-charset",
  "align",
  "alink",
  "axis",
  "bgcolor",
  "charset",
  "checked",
  "clear",
  "codetype",
  "color",
  "compact",
  "declare",
  "defer",
  "dir",
  "direction",
  "disabled",
  "enctype",
  "face",
  "frame",
  "hreflang",
  "http-equiv",
  "lang",
  "language",
  "link",
  "media",
  "method",
  "multiple",
  "nohref",
  "noresize",
  "noshade",
  "nowrap",
  "readonly",
  "rel",
  "rev",
  "rules",
  "scope",
  "scrolling",
  "selected",
  "shape",
  "target",
  "text",
  "type",
  "valign",
  "valuetype",
  "vlink"
]);
function shouldIgnoreCase(selector, options) {
  return typeof selector.ignoreCase === "boolean" ? selector.ignoreCase : selector.ignoreCase === "quirks" ? !!options.quirksMode : !options.xmlMode && caseInsensitiveAttributes.has(selector.name);
}
var attributeRules = {
  equals(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name } = data;
    let { value } = data;
    if (shouldIgnoreCase(data, options)) {
      value = value.toLowerCase();
      return (element) => {
        const attribute2 = adapter2.getAttributeValue(element, name);
        return attribute2 != null && attribute2.length === value.length && attribute2.toLowerCase() === value && next(element);
      };
    }
    return (element) => adapter2.getAttributeValue(element, name) === value && next(element);
  },
  hyphen(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name } = data;
    let { value } = data;
    const { length } = value;
    if (shouldIgnoreCase(data, options)) {
      value = value.toLowerCase();
      return function hyphenIC(element) {
        const attribute2 = adapter2.getAttributeValue(element, name);
        return attribute2 != null && (attribute2.length === length || attribute2.charAt(length) === "-") && attribute2.substr(0, length).toLowerCase() === value && next(element);
      };
    }
    return function hyphen(element) {
      const attribute2 = adapter2.getAttributeValue(element, name);
      return attribute2 != null && (attribute2.length === length || attribute2.charAt(length) === "-") && attribute2.substr(0, length) === value && next(element);
    };
  },
  element(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name, value } = data;
    if (whitespaceRe.test(value)) {
      return falseFunc;
    }
    const regex = new RegExp(`(?:^|\\s)${escapeRegex(value)}(?:$|\\s)`, shouldIgnoreCase(data, options) ? "i" : "");
    return function element(node) {
      const attribute2 = adapter2.getAttributeValue(node, name);
      return attribute2 != null && attribute2.length >= value.length && regex.test(attribute2) && next(node);
    };
  },
  exists(next, { name }, { adapter: adapter2 }) {
    return (element) => adapter2.hasAttrib(element, name) && next(element);
  },
  start(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name } = data;
    let { value } = data;
    const { length } = value;
    if (length === 0) {
      return falseFunc;
    }
    if (shouldIgnoreCase(data, options)) {
      value = value.toLowerCase();
      return (element) => {
        const attribute2 = adapter2.getAttributeValue(element, name);
        return attribute2 != null && attribute2.length >= length && attribute2.substr(0, length).toLowerCase() === value && next(element);
      };
    }
    return (element) => !!adapter2.getAttributeValue(element, name)?.startsWith(value) && next(element);
  },
  end(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name } = data;
    let { value } = data;
    const length = -value.length;
    if (length === 0) {
      return falseFunc;
    }
    if (shouldIgnoreCase(data, options)) {
      value = value.toLowerCase();
      return (element) => adapter2.getAttributeValue(element, name)?.substr(length).toLowerCase() === value && next(element);
    }
    return (element) => !!adapter2.getAttributeValue(element, name)?.endsWith(value) && next(element);
  },
  any(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name, value } = data;
    if (value === "") {
      return falseFunc;
    }
    if (shouldIgnoreCase(data, options)) {
      const regex = new RegExp(escapeRegex(value), "i");
      return function anyIC(element) {
        const attribute2 = adapter2.getAttributeValue(element, name);
        return attribute2 != null && attribute2.length >= value.length && regex.test(attribute2) && next(element);
      };
    }
    return (element) => !!adapter2.getAttributeValue(element, name)?.includes(value) && next(element);
  },
  not(next, data, options) {
    const { adapter: adapter2 } = options;
    const { name } = data;
    let { value } = data;
    if (value === "") {
      return (element) => !!adapter2.getAttributeValue(element, name) && next(element);
    }
    if (shouldIgnoreCase(data, options)) {
      value = value.toLowerCase();
      return (element) => {
        const attribute2 = adapter2.getAttributeValue(element, name);
        return (attribute2 == null || attribute2.length !== value.length || attribute2.toLowerCase() !== value) && next(element);
      };
    }
    return (element) => adapter2.getAttributeValue(element, name) !== value && next(element);
  }
};

// node_modules/css-select/dist/helpers/querying.js
function findAll3(query2, nodes, options) {
  const { adapter: adapter2, xmlMode = false } = options;
  const result = [];
  const nodeStack = [nodes];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (nodeStack.length === 1) {
        return result;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const element = nodeStack[0][indexStack[0]++];
    if (!adapter2.isTag(element)) {
      continue;
    }
    if (query2(element)) {
      result.push(element);
    }
    if (xmlMode || adapter2.getName(element) !== "template") {
      const children = adapter2.getChildren(element);
      if (children.length > 0) {
        nodeStack.unshift(children);
        indexStack.unshift(0);
      }
    }
  }
}
function findOne3(query2, nodes, options) {
  const { adapter: adapter2, xmlMode = false } = options;
  const nodeStack = [nodes];
  const indexStack = [0];
  for (; ; ) {
    if (indexStack[0] >= nodeStack[0].length) {
      if (nodeStack.length === 1) {
        return null;
      }
      nodeStack.shift();
      indexStack.shift();
      continue;
    }
    const element = nodeStack[0][indexStack[0]++];
    if (!adapter2.isTag(element)) {
      continue;
    }
    if (query2(element)) {
      return element;
    }
    if (xmlMode || adapter2.getName(element) !== "template") {
      const children = adapter2.getChildren(element);
      if (children.length > 0) {
        nodeStack.unshift(children);
        indexStack.unshift(0);
      }
    }
  }
}
function getNextSiblings(element, adapter2) {
  const siblings = adapter2.getSiblings(element);
  if (siblings.length <= 1) {
    return [];
  }
  const elementIndex = siblings.indexOf(element);
  if (elementIndex === -1 || elementIndex === siblings.length - 1) {
    return [];
  }
  return siblings.slice(elementIndex + 1).filter(adapter2.isTag);
}
function getElementParent(node, adapter2) {
  const parent = adapter2.getParent(node);
  return parent != null && adapter2.isTag(parent) ? parent : null;
}

// node_modules/css-select/dist/pseudo-selectors/aliases.js
var textControl = "input:is([type=text i],[type=search i],[type=url i],[type=tel i],[type=email i],[type=password i],[type=date i],[type=month i],[type=week i],[type=time i],[type=datetime-local i],[type=number i])";
var aliases = {
  // Links
  "any-link": ":is(a, area, link)[href]",
  link: ":any-link:not(:visited)",
  // Forms
  // https://html.spec.whatwg.org/multipage/scripting.html#disabled-elements
  disabled: `:is(
        :is(button, input, select, textarea, optgroup, option)[disabled],
        optgroup[disabled] > option,
        fieldset[disabled]:not(fieldset[disabled] legend:first-of-type *)
    )`,
  enabled: ":is(button, input, select, textarea, optgroup, option, fieldset):not(:disabled)",
  checked: ":is(:is(input[type=radio], input[type=checkbox])[checked], :selected)",
  required: ":is(input, select, textarea)[required]",
  optional: ":is(input, select, textarea):not([required])",
  "read-only": `[readonly]:is(textarea, ${textControl})`,
  "read-write": `:not([readonly]):is(textarea, ${textControl})`,
  // JQuery extensions
  /**
   * `:selected` matches option elements that have the `selected` attribute,
   * or are the first option element in a select element that does not have
   * the `multiple` attribute and does not have any option elements with the
   * `selected` attribute.
   * @see https://html.spec.whatwg.org/multipage/form-elements.html#concept-option-selectedness
   */
  selected: "option:is([selected], select:not([multiple]):not(:has(> option[selected])) > :first-of-type)",
  checkbox: "[type=checkbox]",
  file: "[type=file]",
  password: "[type=password]",
  radio: "[type=radio]",
  reset: "[type=reset]",
  image: "[type=image]",
  submit: "[type=submit]",
  parent: ":not(:empty)",
  header: ":is(h1, h2, h3, h4, h5, h6)",
  button: ":is(button, input[type=button])",
  input: ":is(input, textarea, select, button)",
  text: "input:is(:not([type!='']), [type=text])"
};

// node_modules/nth-check/dist/compile.js
function compile(parsed) {
  const a = parsed[0];
  const b = parsed[1] - 1;
  if (b < 0 && a <= 0)
    return falseFunc;
  if (a === -1)
    return (index) => index <= b;
  if (a === 0)
    return (index) => index === b;
  if (a === 1)
    return b < 0 ? trueFunc : (index) => index >= b;
  const absA = Math.abs(a);
  const bModulo = (b % absA + absA) % absA;
  return a > 1 ? (index) => index >= b && index % absA === bModulo : (index) => index <= b && index % absA === bModulo;
}

// node_modules/nth-check/dist/parse.js
var whitespace = /* @__PURE__ */ new Set([9, 10, 12, 13, 32]);
var ZERO = "0".charCodeAt(0);
var NINE = "9".charCodeAt(0);
function parse2(formula) {
  formula = formula.trim().toLowerCase();
  switch (formula) {
    case "even": {
      return [2, 0];
    }
    case "odd": {
      return [2, 1];
    }
  }
  let index = 0;
  let a = 0;
  let sign = readSign();
  let number3 = readNumber();
  if (index < formula.length && formula.charAt(index) === "n") {
    index++;
    a = sign * (number3 ?? 1);
    skipWhitespace();
    if (index < formula.length) {
      sign = readSign();
      skipWhitespace();
      number3 = readNumber();
    } else {
      sign = number3 = 0;
    }
  }
  if (number3 === null || index < formula.length) {
    throw new Error(`n-th rule couldn't be parsed ('${formula}')`);
  }
  return [a, sign * number3];
  function readSign() {
    switch (formula.charAt(index)) {
      case "-": {
        index++;
        return -1;
      }
      case "+": {
        index++;
        break;
      }
    }
    return 1;
  }
  function readNumber() {
    const start = index;
    let value = 0;
    while (index < formula.length && formula.charCodeAt(index) >= ZERO && formula.charCodeAt(index) <= NINE) {
      value = value * 10 + (formula.charCodeAt(index) - ZERO);
      index++;
    }
    return index === start ? null : value;
  }
  function skipWhitespace() {
    while (index < formula.length && whitespace.has(formula.charCodeAt(index))) {
      index++;
    }
  }
}

// node_modules/nth-check/dist/index.js
function nthCheck(formula) {
  return compile(parse2(formula));
}

// node_modules/css-select/dist/helpers/cache.js
function cacheParentResults(next, { adapter: adapter2, cacheResults }, matches2) {
  if (cacheResults === false || typeof WeakMap === "undefined") {
    return (element) => next(element) && matches2(element);
  }
  const resultCache = /* @__PURE__ */ new WeakMap();
  function addResultToCache(element) {
    const result = matches2(element);
    resultCache.set(element, result);
    return result;
  }
  return function cachedMatcher(element) {
    if (!next(element)) {
      return false;
    }
    if (resultCache.has(element)) {
      return resultCache.get(element) ?? false;
    }
    let node = element;
    do {
      const parent = getElementParent(node, adapter2);
      if (parent === null) {
        return addResultToCache(element);
      }
      node = parent;
    } while (!resultCache.has(node));
    return resultCache.get(node) ? addResultToCache(element) : false;
  };
}

// node_modules/css-select/dist/helpers/options.js
function copyOptions(options) {
  const { context: _, rootFunc: __, ...copied } = options;
  return copied;
}

// node_modules/css-select/dist/pseudo-selectors/filters.js
function extendedFilter(tag, range) {
  if (range[0] !== "*" && range[0] !== tag[0])
    return false;
  let tagIndex = 1;
  for (let rangeIndex = 1; rangeIndex < range.length; rangeIndex++) {
    if (range[rangeIndex] === "*")
      continue;
    while (tagIndex < tag.length && tag[tagIndex] !== range[rangeIndex]) {
      if (tag[tagIndex++].length <= 1)
        return false;
    }
    if (tagIndex >= tag.length)
      return false;
    tagIndex++;
  }
  return true;
}
var nthOfRegex = /^(.+?)\s+of\s+(.+)$/is;
function compileNth(reverse, ofType) {
  return function nth(next, rule, options, context, compileToken2) {
    const { adapter: adapter2, equals } = options;
    const ofMatch = ofType ? null : rule.match(nthOfRegex);
    const nthCheck2 = nthCheck(ofMatch ? ofMatch[1].trim() : rule);
    if (nthCheck2 === falseFunc)
      return falseFunc;
    const ofSelector = ofMatch && compileToken2 ? compileToken2(parse(ofMatch[2].trim()), copyOptions(options), context) : void 0;
    if (ofSelector === falseFunc)
      return falseFunc;
    if (nthCheck2 === trueFunc && !ofSelector) {
      return (element) => getElementParent(element, adapter2) !== null && next(element);
    }
    const shouldCount = ofSelector ? (_element, sibling) => ofSelector(sibling) : ofType ? (element, sibling) => adapter2.getName(sibling) === adapter2.getName(element) : trueFunc;
    if (reverse) {
      return function nthLast(element) {
        if (ofSelector && !ofSelector(element))
          return false;
        const siblings = adapter2.getSiblings(element);
        let pos = 0;
        for (let index = siblings.length - 1; index >= 0; index--) {
          const sibling = siblings[index];
          if (equals(element, sibling))
            break;
          if (adapter2.isTag(sibling) && shouldCount(element, sibling))
            pos++;
        }
        return nthCheck2(pos) && next(element);
      };
    }
    return function nth2(element) {
      if (ofSelector && !ofSelector(element))
        return false;
      const siblings = adapter2.getSiblings(element);
      let pos = 0;
      for (const sibling of siblings) {
        if (equals(element, sibling))
          break;
        if (adapter2.isTag(sibling) && shouldCount(element, sibling))
          pos++;
      }
      return nthCheck2(pos) && next(element);
    };
  };
}
var filters = {
  contains(next, text2, options) {
    const { getText: getText4 } = options.adapter;
    return cacheParentResults(next, options, (element) => getText4(element).includes(text2));
  },
  icontains(next, text2, options) {
    const itext = text2.toLowerCase();
    const { getText: getText4 } = options.adapter;
    return cacheParentResults(next, options, (element) => getText4(element).toLowerCase().includes(itext));
  },
  // Location specific methods
  "nth-child": compileNth(false, false),
  "nth-last-child": compileNth(true, false),
  "nth-of-type": compileNth(false, true),
  "nth-last-of-type": compileNth(true, true),
  // TODO determine the actual root element
  root(next, _rule, { adapter: adapter2 }) {
    return (element) => getElementParent(element, adapter2) === null && next(element);
  },
  scope(next, rule, options, context) {
    const { equals } = options;
    if (!context || context.length === 0) {
      return filters["root"](next, rule, options);
    }
    if (context.length === 1) {
      return (element) => equals(context[0], element) && next(element);
    }
    return (element) => context.includes(element) && next(element);
  },
  lang(next, code, { adapter: adapter2 }) {
    const ranges = code.split(",").map((r) => r.trim()).filter((r) => r.length > 0).map((r) => r.replace(/^['"]|['"]$/g, "").toLowerCase().split("-"));
    return function lang(element) {
      let node = element;
      while (node != null) {
        const value = adapter2.getAttributeValue(node, "xml:lang") ?? adapter2.getAttributeValue(node, "lang");
        if (value != null) {
          if (!value) {
            return ranges.some((r) => r[0] === "") && next(element);
          }
          const tag = value.toLowerCase().split("-");
          return ranges.some((r) => extendedFilter(tag, r)) && next(element);
        }
        const parent = adapter2.getParent(node);
        node = parent != null && adapter2.isTag(parent) ? parent : null;
      }
      return ranges.some((r) => r[0] === "") && next(element);
    };
  },
  hover: dynamicStatePseudo("isHovered"),
  visited: dynamicStatePseudo("isVisited"),
  active: dynamicStatePseudo("isActive")
};
function dynamicStatePseudo(name) {
  return function dynamicPseudo(next, _rule, { adapter: adapter2 }) {
    const filterFunction = adapter2[name];
    if (typeof filterFunction !== "function") {
      return falseFunc;
    }
    return function active(element) {
      return filterFunction(element) && next(element);
    };
  };
}

// node_modules/css-select/dist/pseudo-selectors/pseudos.js
var isDocumentWhiteSpace = /^[ \t\r\n]*$/;
var pseudos = {
  empty(element, { adapter: adapter2 }) {
    const children = adapter2.getChildren(element);
    return (
      // First, make sure the tag does not have any element children.
      children.every((element2) => !adapter2.isTag(element2)) && // Then, check that the text content is only whitespace.
      children.every((element2) => (
        // FIXME: `getText` call is potentially expensive.
        isDocumentWhiteSpace.test(adapter2.getText(element2))
      ))
    );
  },
  "first-child"(element, { adapter: adapter2, equals }) {
    if (adapter2.prevElementSibling) {
      return adapter2.prevElementSibling(element) == null;
    }
    const firstChild = adapter2.getSiblings(element).find((sibling) => adapter2.isTag(sibling));
    return firstChild != null && equals(element, firstChild);
  },
  "last-child"(element, { adapter: adapter2, equals }) {
    const siblings = adapter2.getSiblings(element);
    for (let index = siblings.length - 1; index >= 0; index--) {
      if (equals(element, siblings[index])) {
        return true;
      }
      if (adapter2.isTag(siblings[index])) {
        break;
      }
    }
    return false;
  },
  "first-of-type"(element, { adapter: adapter2, equals }) {
    const siblings = adapter2.getSiblings(element);
    const elementName = adapter2.getName(element);
    for (const currentSibling of siblings) {
      if (equals(element, currentSibling)) {
        return true;
      }
      if (adapter2.isTag(currentSibling) && adapter2.getName(currentSibling) === elementName) {
        break;
      }
    }
    return false;
  },
  "last-of-type"(element, { adapter: adapter2, equals }) {
    const siblings = adapter2.getSiblings(element);
    const elementName = adapter2.getName(element);
    for (let index = siblings.length - 1; index >= 0; index--) {
      const currentSibling = siblings[index];
      if (equals(element, currentSibling)) {
        return true;
      }
      if (adapter2.isTag(currentSibling) && adapter2.getName(currentSibling) === elementName) {
        break;
      }
    }
    return false;
  },
  "only-of-type"(element, { adapter: adapter2, equals }) {
    const elementName = adapter2.getName(element);
    return adapter2.getSiblings(element).every((sibling) => equals(element, sibling) || !adapter2.isTag(sibling) || adapter2.getName(sibling) !== elementName);
  },
  "only-child"(element, { adapter: adapter2, equals }) {
    return adapter2.getSiblings(element).every((sibling) => equals(element, sibling) || !adapter2.isTag(sibling));
  }
};
function verifyPseudoArguments(pseudoClassCondition, name, subselect, argumentIndex) {
  if (subselect === null) {
    if (pseudoClassCondition.length > argumentIndex) {
      throw new Error(`Pseudo-class :${name} requires an argument`);
    }
  } else if (pseudoClassCondition.length === argumentIndex) {
    throw new Error(`Pseudo-class :${name} doesn't have any arguments`);
  }
}

// node_modules/css-select/dist/helpers/selectors.js
function isTraversal2(token) {
  return token.type === "_flexibleDescendant" || isTraversal(token);
}
function sortRules(array) {
  const ratings = array.map(getQuality);
  for (let index = 1; index < array.length; index++) {
    const procNew = ratings[index];
    if (procNew < 0) {
      continue;
    }
    for (let currentIndex = index; currentIndex > 0 && procNew < ratings[currentIndex - 1]; currentIndex--) {
      const token = array[currentIndex];
      array[currentIndex] = array[currentIndex - 1];
      array[currentIndex - 1] = token;
      ratings[currentIndex] = ratings[currentIndex - 1];
      ratings[currentIndex - 1] = procNew;
    }
  }
}
function getAttributeQuality(token) {
  switch (token.action) {
    case AttributeAction.Exists: {
      return 10;
    }
    case AttributeAction.Equals: {
      return token.name === "id" ? 9 : 8;
    }
    case AttributeAction.Not: {
      return 7;
    }
    case AttributeAction.Start: {
      return 6;
    }
    case AttributeAction.End: {
      return 6;
    }
    case AttributeAction.Any: {
      return 5;
    }
    case AttributeAction.Hyphen: {
      return 4;
    }
    case AttributeAction.Element: {
      return 3;
    }
  }
}
function getQuality(token) {
  switch (token.type) {
    case SelectorType.Universal: {
      return 50;
    }
    case SelectorType.Tag: {
      return 30;
    }
    case SelectorType.Attribute: {
      return Math.floor(getAttributeQuality(token) / // `ignoreCase` adds some overhead, half the result if applicable.
      (token.ignoreCase ? 2 : 1));
    }
    case SelectorType.Pseudo: {
      return token.data ? token.name === "has" || token.name === "contains" || token.name === "icontains" ? (
        // Expensive in any case — run as late as possible.
        0
      ) : Array.isArray(token.data) ? (
        // Eg. `:is`, `:not`
        Math.max(
          // If we have traversals, try to avoid executing this selector
          0,
          Math.min(...token.data.map((d) => Math.min(...d.map(getQuality))))
        )
      ) : 2 : 3;
    }
    default: {
      return -1;
    }
  }
}
function includesScopePseudo(t) {
  return t.type === SelectorType.Pseudo && (t.name === "scope" || Array.isArray(t.data) && t.data.some((data) => data.some(includesScopePseudo)));
}

// node_modules/css-select/dist/pseudo-selectors/subselects.js
var PLACEHOLDER_ELEMENT = {};
function hasDependsOnCurrentElement(selector) {
  return selector.some((sel) => sel.length > 0 && (isTraversal2(sel[0]) || sel.some(includesScopePseudo)));
}
var is = (next, token, options, context, compileToken2) => {
  const compiledToken = compileToken2(token, copyOptions(options), context);
  return compiledToken === trueFunc ? next : compiledToken === falseFunc ? falseFunc : (element) => compiledToken(element) && next(element);
};
var subselects = {
  is,
  /**
   * `:matches` and `:where` are aliases for `:is`.
   */
  matches: is,
  where: is,
  not(next, token, options, context, compileToken2) {
    const compiledToken = compileToken2(token, copyOptions(options), context);
    return compiledToken === falseFunc ? next : compiledToken === trueFunc ? falseFunc : (element) => !compiledToken(element) && next(element);
  },
  has(next, subselect, options, _context, compileToken2) {
    const { adapter: adapter2 } = options;
    const copiedOptions = copyOptions(options);
    copiedOptions.relativeSelector = true;
    const context = subselect.some((s) => s.some(isTraversal2)) ? (
      // Used as a placeholder. Will be replaced with the actual element.
      [PLACEHOLDER_ELEMENT]
    ) : void 0;
    const skipCache = hasDependsOnCurrentElement(subselect);
    const compiled = compileToken2(subselect, copiedOptions, context);
    if (compiled === falseFunc) {
      return falseFunc;
    }
    if (context && compiled !== trueFunc) {
      return skipCache ? (element) => {
        if (!next(element)) {
          return false;
        }
        context[0] = element;
        const childs = adapter2.getChildren(element);
        return findOne3(compiled, compiled.shouldTestNextSiblings ? [
          ...childs,
          ...getNextSiblings(element, adapter2)
        ] : childs, options) !== null;
      } : cacheParentResults(next, options, (element) => {
        context[0] = element;
        return findOne3(compiled, adapter2.getChildren(element), options) !== null;
      });
    }
    const hasOne = (element) => findOne3(compiled, adapter2.getChildren(element), options) !== null;
    return skipCache ? (element) => next(element) && hasOne(element) : cacheParentResults(next, options, hasOne);
  }
};

// node_modules/css-select/dist/pseudo-selectors/index.js
function compilePseudoSelector(next, selector, options, context, compileToken2) {
  const { name, data } = selector;
  if (Array.isArray(data)) {
    if (!(name in subselects)) {
      throw new Error(`Unknown pseudo-class :${name}(${data})`);
    }
    return subselects[name](next, data, options, context, compileToken2);
  }
  const userPseudo = options.pseudos?.[name];
  const stringPseudo = typeof userPseudo === "string" ? userPseudo : aliases[name];
  if (typeof stringPseudo === "string") {
    if (data != null) {
      throw new Error(`Pseudo ${name} doesn't have any arguments`);
    }
    const alias = parse(stringPseudo);
    return subselects["is"](next, alias, options, context, compileToken2);
  }
  if (typeof userPseudo === "function") {
    verifyPseudoArguments(userPseudo, name, data, 1);
    return (element) => userPseudo(element, data) && next(element);
  }
  if (name in filters) {
    return filters[name](next, data, options, context, compileToken2);
  }
  if (name in pseudos) {
    const pseudo = pseudos[name];
    verifyPseudoArguments(pseudo, name, data, 2);
    return (element) => pseudo(element, options, data) && next(element);
  }
  throw new Error(`Unknown pseudo-class :${name}`);
}

// node_modules/css-select/dist/general.js
function compileGeneralSelector(next, selector, options, context, compileToken2, hasExpensiveSubselector) {
  const { adapter: adapter2, equals, cacheResults } = options;
  switch (selector.type) {
    case SelectorType.PseudoElement: {
      throw new Error("Pseudo-elements are not supported by css-select");
    }
    case SelectorType.ColumnCombinator: {
      throw new Error("Column combinators are not yet supported by css-select");
    }
    case SelectorType.Attribute: {
      if (selector.namespace != null) {
        throw new Error("Namespaced attributes are not yet supported by css-select");
      }
      if (!options.xmlMode || options.lowerCaseAttributeNames) {
        selector.name = selector.name.toLowerCase();
      }
      return attributeRules[selector.action](next, selector, options);
    }
    case SelectorType.Pseudo: {
      return compilePseudoSelector(next, selector, options, context, compileToken2);
    }
    // Tags
    case SelectorType.Tag: {
      if (selector.namespace != null) {
        throw new Error("Namespaced tag names are not yet supported by css-select");
      }
      let { name } = selector;
      if (!options.xmlMode || options.lowerCaseTags) {
        name = name.toLowerCase();
      }
      return function tag(element) {
        return adapter2.getName(element) === name && next(element);
      };
    }
    // Traversal
    case SelectorType.Descendant: {
      if (!hasExpensiveSubselector || cacheResults === false || typeof WeakMap === "undefined") {
        return function descendant(element) {
          let current = element;
          while (current = getElementParent(current, adapter2)) {
            if (next(current)) {
              return true;
            }
          }
          return false;
        };
      }
      const resultCache = /* @__PURE__ */ new WeakMap();
      return function cachedDescendant(element) {
        let current = element;
        let result;
        while (current = getElementParent(current, adapter2)) {
          const cached = resultCache.get(current);
          if (cached === void 0) {
            result ??= { matches: false };
            result.matches = next(current);
            resultCache.set(current, result);
            if (result.matches) {
              return true;
            }
          } else {
            if (result) {
              result.matches = cached.matches;
            }
            return cached.matches;
          }
        }
        return false;
      };
    }
    case "_flexibleDescendant": {
      return function flexibleDescendant(element) {
        let current = element;
        do {
          if (next(current)) {
            return true;
          }
          current = getElementParent(current, adapter2);
        } while (current);
        return false;
      };
    }
    case SelectorType.Parent: {
      return function parent(element) {
        return adapter2.getChildren(element).some((element2) => adapter2.isTag(element2) && next(element2));
      };
    }
    case SelectorType.Child: {
      return function child(element) {
        const parent = getElementParent(element, adapter2);
        return parent !== null && next(parent);
      };
    }
    case SelectorType.Sibling: {
      return function sibling(element) {
        const siblings = adapter2.getSiblings(element);
        for (const currentSibling of siblings) {
          if (equals(element, currentSibling)) {
            break;
          }
          if (adapter2.isTag(currentSibling) && next(currentSibling)) {
            return true;
          }
        }
        return false;
      };
    }
    case SelectorType.Adjacent: {
      if (adapter2.prevElementSibling) {
        return function adjacent(element) {
          const previous = adapter2.prevElementSibling(element);
          return previous != null && next(previous);
        };
      }
      return function adjacent(element) {
        const siblings = adapter2.getSiblings(element);
        let lastElement;
        for (const currentSibling of siblings) {
          if (equals(element, currentSibling)) {
            break;
          }
          if (adapter2.isTag(currentSibling)) {
            lastElement = currentSibling;
          }
        }
        return !!lastElement && next(lastElement);
      };
    }
    case SelectorType.Universal: {
      if (selector.namespace != null && selector.namespace !== "*") {
        throw new Error("Namespaced universal selectors are not yet supported by css-select");
      }
      return next;
    }
  }
}

// node_modules/css-select/dist/compile.js
var DESCENDANT_TOKEN = { type: SelectorType.Descendant };
var FLEXIBLE_DESCENDANT_TOKEN = {
  type: "_flexibleDescendant"
};
var SCOPE_TOKEN = {
  type: SelectorType.Pseudo,
  name: "scope",
  data: null
};
function absolutize(token, { adapter: adapter2 }, context) {
  const hasContext = !!context?.every((element) => element === PLACEHOLDER_ELEMENT || adapter2.isTag(element) && getElementParent(element, adapter2) !== null);
  for (const t of token) {
    if (t.length > 0 && isTraversal2(t[0]) && t[0].type !== SelectorType.Descendant) {
    } else if (hasContext && !t.some(includesScopePseudo)) {
      t.unshift(DESCENDANT_TOKEN);
    } else {
      continue;
    }
    t.unshift(SCOPE_TOKEN);
  }
}
function compileToken(token, options, compilationContext) {
  for (const rules of token) {
    sortRules(rules);
  }
  const { context = compilationContext, rootFunc: rootFunction = trueFunc } = options;
  const isArrayContext = Array.isArray(context);
  const finalContext = context && (Array.isArray(context) ? context : [context]);
  if (options.relativeSelector !== false) {
    absolutize(token, options, finalContext);
  } else if (token.some((t) => t.length > 0 && isTraversal2(t[0]))) {
    throw new Error("Relative selectors are not allowed when the `relativeSelector` option is disabled");
  }
  let shouldTestNextSiblings = false;
  let query2 = falseFunc;
  combineLoop: for (const rules of token) {
    if (rules.length >= 2) {
      const [first, second] = rules;
      if (first.type !== SelectorType.Pseudo || first.name !== "scope") {
      } else if (isArrayContext && second.type === SelectorType.Descendant) {
        rules[1] = FLEXIBLE_DESCENDANT_TOKEN;
      } else if (second.type === SelectorType.Adjacent || second.type === SelectorType.Sibling) {
        shouldTestNextSiblings = true;
      }
    }
    let next = rootFunction;
    let hasExpensiveSubselector = false;
    for (const rule of rules) {
      next = compileGeneralSelector(next, rule, options, finalContext, compileToken, hasExpensiveSubselector);
      const quality = getQuality(rule);
      if (quality === 0) {
        hasExpensiveSubselector = true;
      }
      if (next === falseFunc) {
        continue combineLoop;
      }
    }
    if (next === rootFunction) {
      return rootFunction;
    }
    query2 = query2 === falseFunc ? next : or(query2, next);
  }
  query2.shouldTestNextSiblings = shouldTestNextSiblings;
  return query2;
}
function or(a, b) {
  return (element) => a(element) || b(element);
}

// node_modules/css-select/dist/index.js
var defaultEquals = (a, b) => a === b;
var defaultOptions = {
  adapter: { ...dist_exports2, isTag: isTag4 },
  equals: defaultEquals
};
function convertOptionFormats(options) {
  const finalOptions = options ?? defaultOptions;
  finalOptions.adapter ??= defaultOptions.adapter;
  finalOptions.equals ??= finalOptions.adapter?.equals ?? defaultEquals;
  return finalOptions;
}
function compile2(selector, options, context) {
  const convertedOptions = convertOptionFormats(options);
  const next = _compileUnsafe(selector, convertedOptions, context);
  return next === falseFunc ? falseFunc : (element) => convertedOptions.adapter.isTag(element) && next(element);
}
function _compileUnsafe(selector, options, context) {
  return compileToken(typeof selector === "string" ? parse(selector) : selector, convertOptionFormats(options), context);
}
function getSelectorFunction(searchFunction) {
  return function select(query2, elements, options) {
    const convertedOptions = convertOptionFormats(options);
    if (typeof query2 !== "function") {
      query2 = _compileUnsafe(query2, convertedOptions, elements);
    }
    const filteredElements = prepareContext(elements, convertedOptions.adapter, query2.shouldTestNextSiblings);
    return searchFunction(query2, filteredElements, convertedOptions);
  };
}
function prepareContext(elements, adapter2, shouldTestNextSiblings = false) {
  if (shouldTestNextSiblings) {
    elements = appendNextSiblings(elements, adapter2);
  }
  return Array.isArray(elements) ? adapter2.removeSubsets(elements) : adapter2.getChildren(elements);
}
function appendNextSiblings(element, adapter2) {
  const elements = Array.isArray(element) ? [...element] : [element];
  const elementsLength = elements.length;
  for (let index = 0; index < elementsLength; index++) {
    const nextSiblings = getNextSiblings(elements[index], adapter2);
    elements.push(...nextSiblings);
  }
  return elements;
}
var selectAll = getSelectorFunction((query2, elements, options) => query2 === falseFunc || !elements || elements.length === 0 ? [] : findAll3(query2, elements, options));
var selectOne = getSelectorFunction((query2, elements, options) => query2 === falseFunc || !elements || elements.length === 0 ? null : findOne3(query2, elements, options));
function is2(element, query2, options) {
  return (typeof query2 === "function" ? query2 : compile2(query2, options))(element);
}

// node_modules/linkedom/esm/shared/matches.js
var { isArray } = Array;
var isTag5 = ({ nodeType }) => nodeType === ELEMENT_NODE;
var existsOne3 = (test, elements) => elements.some(
  (element) => isTag5(element) && (test(element) || existsOne3(test, getChildren3(element)))
);
var getAttributeValue3 = (element, name) => name === "class" ? element.getAttributeNode("class")?.value ?? null : element.getAttribute(name);
var getChildren3 = ({ childNodes }) => childNodes;
var getName3 = (element) => {
  const { localName } = element;
  return ignoreCase(element) ? localName.toLowerCase() : localName;
};
var getParent3 = ({ parentNode }) => parentNode;
var getSiblings3 = (element) => {
  const { parentNode } = element;
  return parentNode ? getChildren3(parentNode) : element;
};
var getText3 = (node) => {
  if (isArray(node))
    return node.map(getText3).join("");
  if (isTag5(node))
    return getText3(getChildren3(node));
  if (node.nodeType === TEXT_NODE)
    return node.data;
  return "";
};
var hasAttrib3 = (element, name) => element.hasAttribute(name);
var removeSubsets3 = (nodes) => {
  let { length } = nodes;
  while (length--) {
    const node = nodes[length];
    if (length && -1 < nodes.lastIndexOf(node, length - 1)) {
      nodes.splice(length, 1);
      continue;
    }
    for (let { parentNode } = node; parentNode; parentNode = parentNode.parentNode) {
      if (nodes.includes(parentNode)) {
        nodes.splice(length, 1);
        break;
      }
    }
  }
  return nodes;
};
var findAll4 = (test, nodes) => {
  const matches2 = [];
  for (const node of nodes) {
    if (isTag5(node)) {
      if (test(node))
        matches2.push(node);
      matches2.push(...findAll4(test, getChildren3(node)));
    }
  }
  return matches2;
};
var findOne4 = (test, nodes) => {
  for (let node of nodes)
    if (test(node) || (node = findOne4(test, getChildren3(node))))
      return node;
  return null;
};
var adapter = {
  isTag: isTag5,
  existsOne: existsOne3,
  getAttributeValue: getAttributeValue3,
  getChildren: getChildren3,
  getName: getName3,
  getParent: getParent3,
  getSiblings: getSiblings3,
  getText: getText3,
  hasAttrib: hasAttrib3,
  removeSubsets: removeSubsets3,
  findAll: findAll4,
  findOne: findOne4
};
var prepareMatch = (element, selectors) => compile2(
  selectors,
  {
    context: selectors.includes(":scope") ? element : void 0,
    xmlMode: !ignoreCase(element),
    adapter
  }
);
var matches = (element, selectors) => is2(
  element,
  selectors,
  {
    strict: true,
    context: selectors.includes(":scope") ? element : void 0,
    xmlMode: !ignoreCase(element),
    adapter
  }
);

// node_modules/linkedom/esm/interface/text.js
var Text4 = class _Text extends CharacterData {
  constructor(ownerDocument, data = "") {
    super(ownerDocument, "#text", TEXT_NODE, data);
  }
  get wholeText() {
    const text2 = [];
    let { previousSibling: previousSibling2, nextSibling: nextSibling2 } = this;
    while (previousSibling2) {
      if (previousSibling2.nodeType === TEXT_NODE)
        text2.unshift(previousSibling2[VALUE]);
      else
        break;
      previousSibling2 = previousSibling2.previousSibling;
    }
    text2.push(this[VALUE]);
    while (nextSibling2) {
      if (nextSibling2.nodeType === TEXT_NODE)
        text2.push(nextSibling2[VALUE]);
      else
        break;
      nextSibling2 = nextSibling2.nextSibling;
    }
    return text2.join("");
  }
  cloneNode() {
    const { ownerDocument, [VALUE]: data } = this;
    return new _Text(ownerDocument, data);
  }
  toString() {
    return escape2(this[VALUE]);
  }
};

// node_modules/linkedom/esm/mixin/parent-node.js
var isNode = (node) => node instanceof Node2;
var insert = (parentNode, child, nodes) => {
  const { ownerDocument } = parentNode;
  for (const node of nodes)
    parentNode.insertBefore(
      isNode(node) ? node : new Text4(ownerDocument, node),
      child
    );
};
var ParentNode = class extends Node2 {
  constructor(ownerDocument, localName, nodeType) {
    super(ownerDocument, localName, nodeType);
    this[PRIVATE] = null;
    this[NEXT] = this[END] = {
      [NEXT]: null,
      [PREV]: this,
      [START]: this,
      nodeType: NODE_END,
      ownerDocument: this.ownerDocument,
      parentNode: null
    };
  }
  get childNodes() {
    const childNodes = new NodeList();
    let { firstChild } = this;
    while (firstChild) {
      childNodes.push(firstChild);
      firstChild = nextSibling(firstChild);
    }
    return childNodes;
  }
  get children() {
    const children = new NodeList();
    let { firstElementChild } = this;
    while (firstElementChild) {
      children.push(firstElementChild);
      firstElementChild = nextElementSibling2(firstElementChild);
    }
    return children;
  }
  /**
   * @returns {NodeStruct | null}
   */
  get firstChild() {
    let { [NEXT]: next, [END]: end } = this;
    while (next.nodeType === ATTRIBUTE_NODE)
      next = next[NEXT];
    return next === end ? null : next;
  }
  /**
   * @returns {NodeStruct | null}
   */
  get firstElementChild() {
    let { firstChild } = this;
    while (firstChild) {
      if (firstChild.nodeType === ELEMENT_NODE)
        return firstChild;
      firstChild = nextSibling(firstChild);
    }
    return null;
  }
  get lastChild() {
    const prev = this[END][PREV];
    switch (prev.nodeType) {
      case NODE_END:
        return prev[START];
      case ATTRIBUTE_NODE:
        return null;
    }
    return prev === this ? null : prev;
  }
  get lastElementChild() {
    let { lastChild } = this;
    while (lastChild) {
      if (lastChild.nodeType === ELEMENT_NODE)
        return lastChild;
      lastChild = previousSibling(lastChild);
    }
    return null;
  }
  get childElementCount() {
    return this.children.length;
  }
  prepend(...nodes) {
    insert(this, this.firstChild, nodes);
  }
  append(...nodes) {
    insert(this, this[END], nodes);
  }
  replaceChildren(...nodes) {
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end && next.nodeType === ATTRIBUTE_NODE)
      next = next[NEXT];
    while (next !== end) {
      const after2 = getEnd(next)[NEXT];
      next.remove();
      next = after2;
    }
    if (nodes.length)
      insert(this, end, nodes);
  }
  getElementsByClassName(className) {
    const elements = new NodeList();
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && next.hasAttribute("class") && next.classList.has(className))
        elements.push(next);
      next = next[NEXT];
    }
    return elements;
  }
  getElementsByTagName(tagName19) {
    const elements = new NodeList();
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && (next.localName === tagName19 || localCase(next) === tagName19))
        elements.push(next);
      next = next[NEXT];
    }
    return elements;
  }
  querySelector(selectors) {
    const matches2 = prepareMatch(this, selectors);
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && matches2(next))
        return next;
      next = next.nodeType === ELEMENT_NODE && next.localName === "template" ? next[END] : next[NEXT];
    }
    return null;
  }
  querySelectorAll(selectors) {
    const matches2 = prepareMatch(this, selectors);
    const elements = new NodeList();
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && matches2(next))
        elements.push(next);
      next = next.nodeType === ELEMENT_NODE && next.localName === "template" ? next[END] : next[NEXT];
    }
    return elements;
  }
  appendChild(node) {
    return this.insertBefore(node, this[END]);
  }
  contains(node) {
    let parentNode = node;
    while (parentNode && parentNode !== this)
      parentNode = parentNode.parentNode;
    return parentNode === this;
  }
  insertBefore(node, before2 = null) {
    if (node === before2)
      return node;
    if (node === this)
      throw new Error("unable to append a node to itself");
    const next = before2 || this[END];
    switch (node.nodeType) {
      case ELEMENT_NODE:
        node.remove();
        node.parentNode = this;
        knownBoundaries(next[PREV], node, next);
        moCallback(node, null);
        connectedCallback(node);
        break;
      case DOCUMENT_FRAGMENT_NODE: {
        let { [PRIVATE]: parentNode, firstChild, lastChild } = node;
        if (firstChild) {
          knownSegment(next[PREV], firstChild, lastChild, next);
          knownAdjacent(node, node[END]);
          if (parentNode)
            parentNode.replaceChildren();
          do {
            firstChild.parentNode = this;
            moCallback(firstChild, null);
            if (firstChild.nodeType === ELEMENT_NODE)
              connectedCallback(firstChild);
          } while (firstChild !== lastChild && (firstChild = nextSibling(firstChild)));
        }
        break;
      }
      case TEXT_NODE:
      case COMMENT_NODE:
      case CDATA_SECTION_NODE:
        node.remove();
      /* eslint no-fallthrough:0 */
      // this covers DOCUMENT_TYPE_NODE too
      default:
        node.parentNode = this;
        knownSiblings(next[PREV], node, next);
        moCallback(node, null);
        break;
    }
    return node;
  }
  normalize() {
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      const { [NEXT]: $next, [PREV]: $prev, nodeType } = next;
      if (nodeType === TEXT_NODE) {
        if (!next[VALUE])
          next.remove();
        else if ($prev && $prev.nodeType === TEXT_NODE) {
          $prev.textContent += next.textContent;
          next.remove();
        }
      }
      next = $next;
    }
  }
  removeChild(node) {
    if (node.parentNode !== this)
      throw new Error("node is not a child");
    node.remove();
    return node;
  }
  replaceChild(node, replaced) {
    const next = getEnd(replaced)[NEXT];
    replaced.remove();
    this.insertBefore(node, next);
    return replaced;
  }
};

// node_modules/linkedom/esm/mixin/non-element-parent-node.js
var NonElementParentNode = class extends ParentNode {
  getElementById(id) {
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === ELEMENT_NODE && next.id === id)
        return next;
      next = next[NEXT];
    }
    return null;
  }
  cloneNode(deep) {
    const { ownerDocument, constructor } = this;
    const nonEPN = new constructor(ownerDocument);
    if (deep) {
      const { [END]: end } = nonEPN;
      for (const node of this.childNodes)
        nonEPN.insertBefore(node.cloneNode(deep), end);
    }
    return nonEPN;
  }
  toString() {
    const { childNodes, localName } = this;
    return `<${localName}>${childNodes.join("")}</${localName}>`;
  }
  toJSON() {
    const json = [];
    nonElementAsJSON(this, json);
    return json;
  }
};

// node_modules/linkedom/esm/interface/document-fragment.js
var DocumentFragment = class extends NonElementParentNode {
  constructor(ownerDocument) {
    super(ownerDocument, "#document-fragment", DOCUMENT_FRAGMENT_NODE);
  }
};

// node_modules/linkedom/esm/interface/document-type.js
var DocumentType = class _DocumentType extends Node2 {
  constructor(ownerDocument, name, publicId = "", systemId = "") {
    super(ownerDocument, "#document-type", DOCUMENT_TYPE_NODE);
    this.name = name;
    this.publicId = publicId;
    this.systemId = systemId;
  }
  cloneNode() {
    const { ownerDocument, name, publicId, systemId } = this;
    return new _DocumentType(ownerDocument, name, publicId, systemId);
  }
  toString() {
    const { name, publicId, systemId } = this;
    const hasPublic = 0 < publicId.length;
    const str = [name];
    if (hasPublic)
      str.push("PUBLIC", `"${publicId}"`);
    if (systemId.length) {
      if (!hasPublic)
        str.push("SYSTEM");
      str.push(`"${systemId}"`);
    }
    return `<!DOCTYPE ${str.join(" ")}>`;
  }
  toJSON() {
    const json = [];
    documentTypeAsJSON(this, json);
    return json;
  }
};

// node_modules/linkedom/esm/mixin/inner-html.js
var getInnerHtml = (node) => node.childNodes.join("");
var setInnerHtml = (node, html) => {
  const { ownerDocument } = node;
  const { constructor } = ownerDocument;
  const document = new constructor();
  document[CUSTOM_ELEMENTS] = ownerDocument[CUSTOM_ELEMENTS];
  const { childNodes } = parseFromString(document, ignoreCase(node), html);
  node.replaceChildren(...childNodes.map(setOwnerDocument, ownerDocument));
};
function setOwnerDocument(node) {
  node.ownerDocument = this;
  switch (node.nodeType) {
    case ELEMENT_NODE:
    case DOCUMENT_FRAGMENT_NODE:
      node.childNodes.forEach(setOwnerDocument, this);
      break;
  }
  return node;
}

// node_modules/uhyphen/esm/index.js
var esm_default2 = (camel) => camel.replace(/(([A-Z0-9])([A-Z0-9][a-z]))|(([a-z0-9]+)([A-Z]))/g, "$2$5-$3$6").toLowerCase();

// node_modules/linkedom/esm/dom/string-map.js
var refs = /* @__PURE__ */ new WeakMap();
var key = (name) => `data-${esm_default2(name)}`;
var prop = (name) => name.slice(5).replace(/-([a-z])/g, (_, $1) => $1.toUpperCase());
var handler = {
  get(dataset, name) {
    if (name in dataset)
      return refs.get(dataset).getAttribute(key(name));
  },
  set(dataset, name, value) {
    dataset[name] = value;
    refs.get(dataset).setAttribute(key(name), value);
    return true;
  },
  deleteProperty(dataset, name) {
    if (name in dataset)
      refs.get(dataset).removeAttribute(key(name));
    return delete dataset[name];
  }
};
var DOMStringMap = class {
  /**
   * @param {Element} ref
   */
  constructor(ref) {
    for (const { name, value } of ref.attributes) {
      if (/^data-/.test(name))
        this[prop(name)] = value;
    }
    refs.set(this, ref);
    return new Proxy(this, handler);
  }
};
setPrototypeOf(DOMStringMap.prototype, null);

// node_modules/linkedom/esm/dom/token-list.js
var { add } = Set.prototype;
var addTokens = (self, tokens) => {
  for (const token of tokens) {
    if (token)
      add.call(self, token);
  }
};
var update = ({ [OWNER_ELEMENT]: ownerElement, value }) => {
  const attribute2 = ownerElement.getAttributeNode("class");
  if (attribute2)
    attribute2.value = value;
  else
    setAttribute(
      ownerElement,
      new Attr(ownerElement.ownerDocument, "class", value)
    );
};
var DOMTokenList = class extends Set {
  constructor(ownerElement) {
    super();
    this[OWNER_ELEMENT] = ownerElement;
    const attribute2 = ownerElement.getAttributeNode("class");
    if (attribute2)
      addTokens(this, attribute2.value.split(/\s+/));
  }
  get length() {
    return this.size;
  }
  get value() {
    return [...this].join(" ");
  }
  /**
   * @param  {...string} tokens
   */
  add(...tokens) {
    addTokens(this, tokens);
    update(this);
  }
  /**
   * @param {string} token
   */
  contains(token) {
    return this.has(token);
  }
  /**
   * @param  {...string} tokens
   */
  remove(...tokens) {
    for (const token of tokens)
      this.delete(token);
    update(this);
  }
  /**
   * @param {string} token
   * @param {boolean?} force
   */
  toggle(token, force) {
    if (this.has(token)) {
      if (force)
        return true;
      this.delete(token);
      update(this);
    } else if (force || arguments.length === 1) {
      super.add(token);
      update(this);
      return true;
    }
    return false;
  }
  /**
   * @param {string} token
   * @param {string} newToken
   */
  replace(token, newToken) {
    if (this.has(token)) {
      this.delete(token);
      super.add(newToken);
      update(this);
      return true;
    }
    return false;
  }
  /**
   * @param {string} token
   */
  supports() {
    return true;
  }
};

// node_modules/linkedom/esm/interface/css-style-declaration.js
var refs2 = /* @__PURE__ */ new WeakMap();
var getKeys = (style) => [...style.keys()].filter((key2) => key2 !== PRIVATE);
var updateKeys = (style) => {
  const attr = refs2.get(style).getAttributeNode("style");
  if (!attr || attr[CHANGED] || style.get(PRIVATE) !== attr) {
    style.clear();
    if (attr) {
      style.set(PRIVATE, attr);
      for (const rule of attr[VALUE].split(/\s*;\s*/)) {
        let [key2, ...rest] = rule.split(":");
        if (rest.length > 0) {
          key2 = key2.trim();
          const value = rest.join(":").trim();
          if (key2 && value)
            style.set(key2, value);
        }
      }
    }
  }
  return attr;
};
var handler2 = {
  get(style, name) {
    if (name in prototype)
      return style[name];
    updateKeys(style);
    if (name === "length")
      return getKeys(style).length;
    if (/^\d+$/.test(name))
      return getKeys(style)[name];
    return style.get(esm_default2(name)) ?? "";
  },
  set(style, name, value) {
    if (name === "cssText")
      style[name] = value;
    else {
      let attr = updateKeys(style);
      if (value == null)
        style.delete(esm_default2(name));
      else
        style.set(esm_default2(name), value);
      if (!attr) {
        const element = refs2.get(style);
        attr = element.ownerDocument.createAttribute("style");
        element.setAttributeNode(attr);
        style.set(PRIVATE, attr);
      }
      attr[CHANGED] = false;
      attr[VALUE] = style.toString();
    }
    return true;
  }
};
var CSSStyleDeclaration = class extends Map {
  constructor(element) {
    super();
    refs2.set(this, element);
    return new Proxy(this, handler2);
  }
  get cssText() {
    return this.toString();
  }
  set cssText(value) {
    refs2.get(this).setAttribute("style", value);
  }
  getPropertyValue(name) {
    const self = this[PRIVATE];
    return handler2.get(self, name);
  }
  setProperty(name, value) {
    const self = this[PRIVATE];
    handler2.set(self, name, value);
  }
  removeProperty(name) {
    const self = this[PRIVATE];
    handler2.set(self, name, null);
  }
  [Symbol.iterator]() {
    const self = this[PRIVATE];
    updateKeys(self);
    const keys2 = getKeys(self);
    const { length } = keys2;
    let i = 0;
    return {
      next() {
        const done = i === length;
        return { done, value: done ? null : keys2[i++] };
      }
    };
  }
  get [PRIVATE]() {
    return this;
  }
  toString() {
    const self = this[PRIVATE];
    updateKeys(self);
    const cssText = [];
    self.forEach(push, cssText);
    return cssText.join(";");
  }
};
var { prototype } = CSSStyleDeclaration;
function push(value, key2) {
  if (key2 !== PRIVATE)
    this.push(`${key2}:${value}`);
}

// node_modules/linkedom/esm/interface/event.js
var BUBBLING_PHASE = 3;
var AT_TARGET = 2;
var CAPTURING_PHASE = 1;
var NONE = 0;
function getCurrentTarget(ev) {
  return ev.currentTarget;
}
var GlobalEvent = class {
  static get BUBBLING_PHASE() {
    return BUBBLING_PHASE;
  }
  static get AT_TARGET() {
    return AT_TARGET;
  }
  static get CAPTURING_PHASE() {
    return CAPTURING_PHASE;
  }
  static get NONE() {
    return NONE;
  }
  constructor(type, eventInitDict = {}) {
    this.type = type;
    this.bubbles = !!eventInitDict.bubbles;
    this.cancelBubble = false;
    this._stopImmediatePropagationFlag = false;
    this.cancelable = !!eventInitDict.cancelable;
    this.eventPhase = this.NONE;
    this.timeStamp = Date.now();
    this.defaultPrevented = false;
    this.originalTarget = null;
    this.returnValue = null;
    this.srcElement = null;
    this.target = null;
    this._path = [];
  }
  get BUBBLING_PHASE() {
    return BUBBLING_PHASE;
  }
  get AT_TARGET() {
    return AT_TARGET;
  }
  get CAPTURING_PHASE() {
    return CAPTURING_PHASE;
  }
  get NONE() {
    return NONE;
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
  // simplified implementation, should be https://dom.spec.whatwg.org/#dom-event-composedpath
  composedPath() {
    return this._path.map(getCurrentTarget);
  }
  stopPropagation() {
    this.cancelBubble = true;
  }
  stopImmediatePropagation() {
    this.stopPropagation();
    this._stopImmediatePropagationFlag = true;
  }
};

// node_modules/linkedom/esm/interface/named-node-map.js
var NamedNodeMap = class extends Array {
  constructor(ownerElement) {
    super();
    this.ownerElement = ownerElement;
  }
  getNamedItem(name) {
    return this.ownerElement.getAttributeNode(name);
  }
  setNamedItem(attr) {
    this.ownerElement.setAttributeNode(attr);
    this.unshift(attr);
  }
  removeNamedItem(name) {
    const item = this.getNamedItem(name);
    this.ownerElement.removeAttribute(name);
    this.splice(this.indexOf(item), 1);
  }
  item(index) {
    return index < this.length ? this[index] : null;
  }
  /* c8 ignore start */
  getNamedItemNS(_, name) {
    return this.getNamedItem(name);
  }
  setNamedItemNS(_, attr) {
    return this.setNamedItem(attr);
  }
  removeNamedItemNS(_, name) {
    return this.removeNamedItem(name);
  }
  /* c8 ignore stop */
};

// node_modules/linkedom/esm/interface/shadow-root.js
var ShadowRoot = class extends NonElementParentNode {
  constructor(host) {
    super(host.ownerDocument, "#shadow-root", DOCUMENT_FRAGMENT_NODE);
    this.host = host;
  }
  get innerHTML() {
    return getInnerHtml(this);
  }
  set innerHTML(html) {
    setInnerHtml(this, html);
  }
};

// node_modules/linkedom/esm/interface/element.js
var attributesHandler = {
  get(target, key2) {
    return key2 in target ? target[key2] : target.find(({ name }) => name === key2);
  }
};
var create2 = (ownerDocument, element, localName) => {
  if ("ownerSVGElement" in element) {
    const svg = ownerDocument.createElementNS(SVG_NAMESPACE, localName);
    svg.ownerSVGElement = element.ownerSVGElement;
    return svg;
  }
  return ownerDocument.createElement(localName);
};
var isVoid = ({ localName, ownerDocument }) => {
  return ownerDocument[MIME].voidElements.test(localName);
};
var Element2 = class extends ParentNode {
  constructor(ownerDocument, localName) {
    super(ownerDocument, localName, ELEMENT_NODE);
    this[CLASS_LIST] = null;
    this[DATASET] = null;
    this[STYLE] = null;
  }
  // <Mixins>
  get isConnected() {
    return isConnected(this);
  }
  get parentElement() {
    return parentElement(this);
  }
  get previousSibling() {
    return previousSibling(this);
  }
  get nextSibling() {
    return nextSibling(this);
  }
  get namespaceURI() {
    return "http://www.w3.org/1999/xhtml";
  }
  get previousElementSibling() {
    return previousElementSibling(this);
  }
  get nextElementSibling() {
    return nextElementSibling2(this);
  }
  before(...nodes) {
    before(this, nodes);
  }
  after(...nodes) {
    after(this, nodes);
  }
  replaceWith(...nodes) {
    replaceWith(this, nodes);
  }
  remove() {
    remove(this[PREV], this, this[END][NEXT]);
  }
  // </Mixins>
  // <specialGetters>
  get id() {
    return stringAttribute.get(this, "id");
  }
  set id(value) {
    stringAttribute.set(this, "id", value);
  }
  get className() {
    return this.classList.value;
  }
  set className(value) {
    const { classList } = this;
    classList.clear();
    classList.add(...$String(value).split(/\s+/));
  }
  get nodeName() {
    return localCase(this);
  }
  get tagName() {
    return localCase(this);
  }
  get classList() {
    return this[CLASS_LIST] || (this[CLASS_LIST] = new DOMTokenList(this));
  }
  get dataset() {
    return this[DATASET] || (this[DATASET] = new DOMStringMap(this));
  }
  getBoundingClientRect() {
    return {
      x: 0,
      y: 0,
      bottom: 0,
      height: 0,
      left: 0,
      right: 0,
      top: 0,
      width: 0
    };
  }
  get nonce() {
    return stringAttribute.get(this, "nonce");
  }
  set nonce(value) {
    stringAttribute.set(this, "nonce", value);
  }
  get style() {
    return this[STYLE] || (this[STYLE] = new CSSStyleDeclaration(this));
  }
  get tabIndex() {
    return numericAttribute.get(this, "tabindex") || -1;
  }
  set tabIndex(value) {
    numericAttribute.set(this, "tabindex", value);
  }
  get slot() {
    return stringAttribute.get(this, "slot");
  }
  set slot(value) {
    stringAttribute.set(this, "slot", value);
  }
  // </specialGetters>
  // <contentRelated>
  get innerText() {
    const text2 = [];
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      if (next.nodeType === TEXT_NODE) {
        text2.push(next.textContent.replace(/\s+/g, " "));
      } else if (text2.length && next[NEXT] != end && BLOCK_ELEMENTS.has(next.tagName)) {
        text2.push("\n");
      }
      next = next[NEXT];
    }
    return text2.join("");
  }
  /**
   * @returns {String}
   */
  get textContent() {
    const text2 = [];
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      const nodeType = next.nodeType;
      if (nodeType === TEXT_NODE || nodeType === CDATA_SECTION_NODE)
        text2.push(next.textContent);
      next = next[NEXT];
    }
    return text2.join("");
  }
  set textContent(text2) {
    this.replaceChildren();
    if (text2 != null && text2 !== "")
      this.appendChild(new Text4(this.ownerDocument, text2));
  }
  get innerHTML() {
    return getInnerHtml(this);
  }
  set innerHTML(html) {
    setInnerHtml(this, html);
  }
  get outerHTML() {
    return this.toString();
  }
  set outerHTML(html) {
    const template = this.ownerDocument.createElement("");
    template.innerHTML = html;
    this.replaceWith(...template.childNodes);
  }
  // </contentRelated>
  // <attributes>
  get attributes() {
    const attributes = new NamedNodeMap(this);
    let next = this[NEXT];
    while (next.nodeType === ATTRIBUTE_NODE) {
      attributes.push(next);
      next = next[NEXT];
    }
    return new Proxy(attributes, attributesHandler);
  }
  focus() {
    this.dispatchEvent(new GlobalEvent("focus"));
  }
  getAttribute(name) {
    if (name === "class")
      return this.className;
    const attribute2 = this.getAttributeNode(name);
    return attribute2 && (ignoreCase(this) ? attribute2.value : escape2(attribute2.value));
  }
  getAttributeNode(name) {
    let next = this[NEXT];
    while (next.nodeType === ATTRIBUTE_NODE) {
      if (next.name === name)
        return next;
      next = next[NEXT];
    }
    return null;
  }
  getAttributeNames() {
    const attributes = new NodeList();
    let next = this[NEXT];
    while (next.nodeType === ATTRIBUTE_NODE) {
      attributes.push(next.name);
      next = next[NEXT];
    }
    return attributes;
  }
  hasAttribute(name) {
    return !!this.getAttributeNode(name);
  }
  hasAttributes() {
    return this[NEXT].nodeType === ATTRIBUTE_NODE;
  }
  removeAttribute(name) {
    if (name === "class" && this[CLASS_LIST])
      this[CLASS_LIST].clear();
    let next = this[NEXT];
    while (next.nodeType === ATTRIBUTE_NODE) {
      if (next.name === name) {
        removeAttribute(this, next);
        return;
      }
      next = next[NEXT];
    }
  }
  removeAttributeNode(attribute2) {
    let next = this[NEXT];
    while (next.nodeType === ATTRIBUTE_NODE) {
      if (next === attribute2) {
        removeAttribute(this, next);
        return;
      }
      next = next[NEXT];
    }
  }
  setAttribute(name, value) {
    if (name === "class")
      this.className = value;
    else {
      const attribute2 = this.getAttributeNode(name);
      if (attribute2)
        attribute2.value = value;
      else
        setAttribute(this, new Attr(this.ownerDocument, name, value));
    }
  }
  setAttributeNode(attribute2) {
    const { name } = attribute2;
    const previously = this.getAttributeNode(name);
    if (previously !== attribute2) {
      if (previously)
        this.removeAttributeNode(previously);
      const { ownerElement } = attribute2;
      if (ownerElement)
        ownerElement.removeAttributeNode(attribute2);
      setAttribute(this, attribute2);
    }
    return previously;
  }
  toggleAttribute(name, force) {
    if (this.hasAttribute(name)) {
      if (!force) {
        this.removeAttribute(name);
        return false;
      }
      return true;
    } else if (force || arguments.length === 1) {
      this.setAttribute(name, "");
      return true;
    }
    return false;
  }
  // </attributes>
  // <ShadowDOM>
  get shadowRoot() {
    if (shadowRoots.has(this)) {
      const { mode, shadowRoot } = shadowRoots.get(this);
      if (mode === "open")
        return shadowRoot;
    }
    return null;
  }
  attachShadow(init) {
    if (shadowRoots.has(this))
      throw new Error("operation not supported");
    const shadowRoot = new ShadowRoot(this);
    shadowRoots.set(this, {
      mode: init.mode,
      shadowRoot
    });
    return shadowRoot;
  }
  // </ShadowDOM>
  // <selectors>
  matches(selectors) {
    return matches(this, selectors);
  }
  closest(selectors) {
    let parentElement2 = this;
    const matches2 = prepareMatch(parentElement2, selectors);
    while (parentElement2 && !matches2(parentElement2))
      parentElement2 = parentElement2.parentElement;
    return parentElement2;
  }
  // </selectors>
  // <insertAdjacent>
  insertAdjacentElement(position, element) {
    const { parentElement: parentElement2 } = this;
    switch (position) {
      case "beforebegin":
        if (parentElement2) {
          parentElement2.insertBefore(element, this);
          break;
        }
        return null;
      case "afterbegin":
        this.insertBefore(element, this.firstChild);
        break;
      case "beforeend":
        this.insertBefore(element, null);
        break;
      case "afterend":
        if (parentElement2) {
          parentElement2.insertBefore(element, this.nextSibling);
          break;
        }
        return null;
    }
    return element;
  }
  insertAdjacentHTML(position, html) {
    this.insertAdjacentElement(position, htmlToFragment(this.ownerDocument, html));
  }
  insertAdjacentText(position, text2) {
    const node = this.ownerDocument.createTextNode(text2);
    this.insertAdjacentElement(position, node);
  }
  // </insertAdjacent>
  cloneNode(deep = false) {
    const { ownerDocument, localName } = this;
    const addNext = (next2) => {
      next2.parentNode = parentNode;
      knownAdjacent($next, next2);
      $next = next2;
    };
    const clone = create2(ownerDocument, this, localName);
    let parentNode = clone, $next = clone;
    let { [NEXT]: next, [END]: prev } = this;
    while (next !== prev && (deep || next.nodeType === ATTRIBUTE_NODE)) {
      switch (next.nodeType) {
        case NODE_END:
          knownAdjacent($next, parentNode[END]);
          $next = parentNode[END];
          parentNode = parentNode.parentNode;
          break;
        case ELEMENT_NODE: {
          const node = create2(ownerDocument, next, next.localName);
          addNext(node);
          parentNode = node;
          break;
        }
        case ATTRIBUTE_NODE: {
          const attr = next.cloneNode(deep);
          attr.ownerElement = parentNode;
          addNext(attr);
          break;
        }
        case TEXT_NODE:
        case COMMENT_NODE:
        case CDATA_SECTION_NODE:
          addNext(next.cloneNode(deep));
          break;
      }
      next = next[NEXT];
    }
    knownAdjacent($next, clone[END]);
    return clone;
  }
  // <custom>
  toString() {
    const out = [];
    const { [END]: end } = this;
    let next = { [NEXT]: this };
    let isOpened = false;
    do {
      next = next[NEXT];
      switch (next.nodeType) {
        case ATTRIBUTE_NODE: {
          const attr = " " + next;
          switch (attr) {
            case " id":
            case " class":
            case " style":
              break;
            default:
              out.push(attr);
          }
          break;
        }
        case NODE_END: {
          const start = next[START];
          if (isOpened) {
            if ("ownerSVGElement" in start)
              out.push(" />");
            else if (isVoid(start))
              out.push(ignoreCase(start) ? ">" : " />");
            else
              out.push(`></${start.localName}>`);
            isOpened = false;
          } else
            out.push(`</${start.localName}>`);
          break;
        }
        case ELEMENT_NODE:
          if (isOpened)
            out.push(">");
          if (next.toString !== this.toString) {
            out.push(next.toString());
            next = next[END];
            isOpened = false;
          } else {
            out.push(`<${next.localName}`);
            isOpened = true;
          }
          break;
        case TEXT_NODE:
        case COMMENT_NODE:
        case CDATA_SECTION_NODE:
          out.push((isOpened ? ">" : "") + next);
          isOpened = false;
          break;
      }
    } while (next !== end);
    return out.join("");
  }
  toJSON() {
    const json = [];
    elementAsJSON(this, json);
    return json;
  }
  // </custom>
  /* c8 ignore start */
  getAttributeNS(_, name) {
    return this.getAttribute(name);
  }
  getElementsByTagNameNS(_, name) {
    return this.getElementsByTagName(name);
  }
  hasAttributeNS(_, name) {
    return this.hasAttribute(name);
  }
  removeAttributeNS(_, name) {
    this.removeAttribute(name);
  }
  setAttributeNS(_, name, value) {
    this.setAttribute(name, value);
  }
  setAttributeNodeNS(attr) {
    return this.setAttributeNode(attr);
  }
  /* c8 ignore stop */
};

// node_modules/linkedom/esm/svg/element.js
var classNames = /* @__PURE__ */ new WeakMap();
var handler3 = {
  get(target, name) {
    return target[name];
  },
  set(target, name, value) {
    target[name] = value;
    return true;
  }
};
var SVGElement = class extends Element2 {
  constructor(ownerDocument, localName, ownerSVGElement = null) {
    super(ownerDocument, localName);
    this.ownerSVGElement = ownerSVGElement;
  }
  get className() {
    if (!classNames.has(this))
      classNames.set(this, new Proxy({ baseVal: "", animVal: "" }, handler3));
    return classNames.get(this);
  }
  /* c8 ignore start */
  set className(value) {
    const { classList } = this;
    classList.clear();
    classList.add(...$String(value).split(/\s+/));
  }
  /* c8 ignore stop */
  get namespaceURI() {
    return "http://www.w3.org/2000/svg";
  }
  getAttribute(name) {
    return name === "class" ? [...this.classList].join(" ") : super.getAttribute(name);
  }
  setAttribute(name, value) {
    if (name === "class")
      this.className = value;
    else if (name === "style") {
      const { className } = this;
      className.baseVal = className.animVal = value;
    }
    super.setAttribute(name, value);
  }
};

// node_modules/linkedom/esm/shared/facades.js
var illegalConstructor = () => {
  throw new TypeError("Illegal constructor");
};
function Attr2() {
  illegalConstructor();
}
setPrototypeOf(Attr2, Attr);
Attr2.prototype = Attr.prototype;
function CDATASection2() {
  illegalConstructor();
}
setPrototypeOf(CDATASection2, CDATASection);
CDATASection2.prototype = CDATASection.prototype;
function CharacterData2() {
  illegalConstructor();
}
setPrototypeOf(CharacterData2, CharacterData);
CharacterData2.prototype = CharacterData.prototype;
function Comment5() {
  illegalConstructor();
}
setPrototypeOf(Comment5, Comment3);
Comment5.prototype = Comment3.prototype;
function DocumentFragment2() {
  illegalConstructor();
}
setPrototypeOf(DocumentFragment2, DocumentFragment);
DocumentFragment2.prototype = DocumentFragment.prototype;
function DocumentType2() {
  illegalConstructor();
}
setPrototypeOf(DocumentType2, DocumentType);
DocumentType2.prototype = DocumentType.prototype;
function Element3() {
  illegalConstructor();
}
setPrototypeOf(Element3, Element2);
Element3.prototype = Element2.prototype;
function Node3() {
  illegalConstructor();
}
setPrototypeOf(Node3, Node2);
Node3.prototype = Node2.prototype;
function ShadowRoot2() {
  illegalConstructor();
}
setPrototypeOf(ShadowRoot2, ShadowRoot);
ShadowRoot2.prototype = ShadowRoot.prototype;
function Text5() {
  illegalConstructor();
}
setPrototypeOf(Text5, Text4);
Text5.prototype = Text4.prototype;
function SVGElement2() {
  illegalConstructor();
}
setPrototypeOf(SVGElement2, SVGElement);
SVGElement2.prototype = SVGElement.prototype;
var Facades = {
  Attr: Attr2,
  CDATASection: CDATASection2,
  CharacterData: CharacterData2,
  Comment: Comment5,
  DocumentFragment: DocumentFragment2,
  DocumentType: DocumentType2,
  Element: Element3,
  Node: Node3,
  ShadowRoot: ShadowRoot2,
  Text: Text5,
  SVGElement: SVGElement2
};

// node_modules/linkedom/esm/html/element.js
var Level0 = /* @__PURE__ */ new WeakMap();
var level0 = {
  get(element, name) {
    return Level0.has(element) && Level0.get(element)[name] || null;
  },
  set(element, name, value) {
    if (!Level0.has(element))
      Level0.set(element, {});
    const handlers = Level0.get(element);
    const type = name.slice(2);
    if (handlers[name])
      element.removeEventListener(type, handlers[name], false);
    if (handlers[name] = value)
      element.addEventListener(type, value, false);
  }
};
var HTMLElement = class extends Element2 {
  static get observedAttributes() {
    return [];
  }
  constructor(ownerDocument = null, localName = "") {
    super(ownerDocument, localName);
    const ownerLess = !ownerDocument;
    let options;
    if (ownerLess) {
      const { constructor: Class } = this;
      if (!Classes.has(Class))
        throw new Error("unable to initialize this Custom Element");
      ({ ownerDocument, localName, options } = Classes.get(Class));
    }
    if (ownerDocument[UPGRADE]) {
      const { element, values } = ownerDocument[UPGRADE];
      ownerDocument[UPGRADE] = null;
      for (const [key2, value] of values)
        element[key2] = value;
      return element;
    }
    if (ownerLess) {
      this.ownerDocument = this[END].ownerDocument = ownerDocument;
      this.localName = localName;
      customElements.set(this, { connected: false });
      if (options.is)
        this.setAttribute("is", options.is);
    }
  }
  /* c8 ignore start */
  /* TODO: what about these?
  offsetHeight
  offsetLeft
  offsetParent
  offsetTop
  offsetWidth
  */
  blur() {
    this.dispatchEvent(new GlobalEvent("blur"));
  }
  click() {
    const clickEvent = new GlobalEvent("click", { bubbles: true, cancelable: true });
    clickEvent.button = 0;
    this.dispatchEvent(clickEvent);
  }
  // Boolean getters
  get accessKeyLabel() {
    const { accessKey } = this;
    return accessKey && `Alt+Shift+${accessKey}`;
  }
  get isContentEditable() {
    return this.hasAttribute("contenteditable");
  }
  // Boolean Accessors
  get contentEditable() {
    return booleanAttribute.get(this, "contenteditable");
  }
  set contentEditable(value) {
    booleanAttribute.set(this, "contenteditable", value);
  }
  get draggable() {
    return booleanAttribute.get(this, "draggable");
  }
  set draggable(value) {
    booleanAttribute.set(this, "draggable", value);
  }
  get hidden() {
    return booleanAttribute.get(this, "hidden");
  }
  set hidden(value) {
    booleanAttribute.set(this, "hidden", value);
  }
  get spellcheck() {
    return booleanAttribute.get(this, "spellcheck");
  }
  set spellcheck(value) {
    booleanAttribute.set(this, "spellcheck", value);
  }
  // String Accessors
  get accessKey() {
    return stringAttribute.get(this, "accesskey");
  }
  set accessKey(value) {
    stringAttribute.set(this, "accesskey", value);
  }
  get dir() {
    return stringAttribute.get(this, "dir");
  }
  set dir(value) {
    stringAttribute.set(this, "dir", value);
  }
  get lang() {
    return stringAttribute.get(this, "lang");
  }
  set lang(value) {
    stringAttribute.set(this, "lang", value);
  }
  get title() {
    return stringAttribute.get(this, "title");
  }
  set title(value) {
    stringAttribute.set(this, "title", value);
  }
  // DOM Level 0
  get onabort() {
    return level0.get(this, "onabort");
  }
  set onabort(value) {
    level0.set(this, "onabort", value);
  }
  get onblur() {
    return level0.get(this, "onblur");
  }
  set onblur(value) {
    level0.set(this, "onblur", value);
  }
  get oncancel() {
    return level0.get(this, "oncancel");
  }
  set oncancel(value) {
    level0.set(this, "oncancel", value);
  }
  get oncanplay() {
    return level0.get(this, "oncanplay");
  }
  set oncanplay(value) {
    level0.set(this, "oncanplay", value);
  }
  get oncanplaythrough() {
    return level0.get(this, "oncanplaythrough");
  }
  set oncanplaythrough(value) {
    level0.set(this, "oncanplaythrough", value);
  }
  get onchange() {
    return level0.get(this, "onchange");
  }
  set onchange(value) {
    level0.set(this, "onchange", value);
  }
  get onclick() {
    return level0.get(this, "onclick");
  }
  set onclick(value) {
    level0.set(this, "onclick", value);
  }
  get onclose() {
    return level0.get(this, "onclose");
  }
  set onclose(value) {
    level0.set(this, "onclose", value);
  }
  get oncontextmenu() {
    return level0.get(this, "oncontextmenu");
  }
  set oncontextmenu(value) {
    level0.set(this, "oncontextmenu", value);
  }
  get oncuechange() {
    return level0.get(this, "oncuechange");
  }
  set oncuechange(value) {
    level0.set(this, "oncuechange", value);
  }
  get ondblclick() {
    return level0.get(this, "ondblclick");
  }
  set ondblclick(value) {
    level0.set(this, "ondblclick", value);
  }
  get ondrag() {
    return level0.get(this, "ondrag");
  }
  set ondrag(value) {
    level0.set(this, "ondrag", value);
  }
  get ondragend() {
    return level0.get(this, "ondragend");
  }
  set ondragend(value) {
    level0.set(this, "ondragend", value);
  }
  get ondragenter() {
    return level0.get(this, "ondragenter");
  }
  set ondragenter(value) {
    level0.set(this, "ondragenter", value);
  }
  get ondragleave() {
    return level0.get(this, "ondragleave");
  }
  set ondragleave(value) {
    level0.set(this, "ondragleave", value);
  }
  get ondragover() {
    return level0.get(this, "ondragover");
  }
  set ondragover(value) {
    level0.set(this, "ondragover", value);
  }
  get ondragstart() {
    return level0.get(this, "ondragstart");
  }
  set ondragstart(value) {
    level0.set(this, "ondragstart", value);
  }
  get ondrop() {
    return level0.get(this, "ondrop");
  }
  set ondrop(value) {
    level0.set(this, "ondrop", value);
  }
  get ondurationchange() {
    return level0.get(this, "ondurationchange");
  }
  set ondurationchange(value) {
    level0.set(this, "ondurationchange", value);
  }
  get onemptied() {
    return level0.get(this, "onemptied");
  }
  set onemptied(value) {
    level0.set(this, "onemptied", value);
  }
  get onended() {
    return level0.get(this, "onended");
  }
  set onended(value) {
    level0.set(this, "onended", value);
  }
  get onerror() {
    return level0.get(this, "onerror");
  }
  set onerror(value) {
    level0.set(this, "onerror", value);
  }
  get onfocus() {
    return level0.get(this, "onfocus");
  }
  set onfocus(value) {
    level0.set(this, "onfocus", value);
  }
  get oninput() {
    return level0.get(this, "oninput");
  }
  set oninput(value) {
    level0.set(this, "oninput", value);
  }
  get oninvalid() {
    return level0.get(this, "oninvalid");
  }
  set oninvalid(value) {
    level0.set(this, "oninvalid", value);
  }
  get onkeydown() {
    return level0.get(this, "onkeydown");
  }
  set onkeydown(value) {
    level0.set(this, "onkeydown", value);
  }
  get onkeypress() {
    return level0.get(this, "onkeypress");
  }
  set onkeypress(value) {
    level0.set(this, "onkeypress", value);
  }
  get onkeyup() {
    return level0.get(this, "onkeyup");
  }
  set onkeyup(value) {
    level0.set(this, "onkeyup", value);
  }
  get onload() {
    return level0.get(this, "onload");
  }
  set onload(value) {
    level0.set(this, "onload", value);
  }
  get onloadeddata() {
    return level0.get(this, "onloadeddata");
  }
  set onloadeddata(value) {
    level0.set(this, "onloadeddata", value);
  }
  get onloadedmetadata() {
    return level0.get(this, "onloadedmetadata");
  }
  set onloadedmetadata(value) {
    level0.set(this, "onloadedmetadata", value);
  }
  get onloadstart() {
    return level0.get(this, "onloadstart");
  }
  set onloadstart(value) {
    level0.set(this, "onloadstart", value);
  }
  get onmousedown() {
    return level0.get(this, "onmousedown");
  }
  set onmousedown(value) {
    level0.set(this, "onmousedown", value);
  }
  get onmouseenter() {
    return level0.get(this, "onmouseenter");
  }
  set onmouseenter(value) {
    level0.set(this, "onmouseenter", value);
  }
  get onmouseleave() {
    return level0.get(this, "onmouseleave");
  }
  set onmouseleave(value) {
    level0.set(this, "onmouseleave", value);
  }
  get onmousemove() {
    return level0.get(this, "onmousemove");
  }
  set onmousemove(value) {
    level0.set(this, "onmousemove", value);
  }
  get onmouseout() {
    return level0.get(this, "onmouseout");
  }
  set onmouseout(value) {
    level0.set(this, "onmouseout", value);
  }
  get onmouseover() {
    return level0.get(this, "onmouseover");
  }
  set onmouseover(value) {
    level0.set(this, "onmouseover", value);
  }
  get onmouseup() {
    return level0.get(this, "onmouseup");
  }
  set onmouseup(value) {
    level0.set(this, "onmouseup", value);
  }
  get onmousewheel() {
    return level0.get(this, "onmousewheel");
  }
  set onmousewheel(value) {
    level0.set(this, "onmousewheel", value);
  }
  get onpause() {
    return level0.get(this, "onpause");
  }
  set onpause(value) {
    level0.set(this, "onpause", value);
  }
  get onplay() {
    return level0.get(this, "onplay");
  }
  set onplay(value) {
    level0.set(this, "onplay", value);
  }
  get onplaying() {
    return level0.get(this, "onplaying");
  }
  set onplaying(value) {
    level0.set(this, "onplaying", value);
  }
  get onprogress() {
    return level0.get(this, "onprogress");
  }
  set onprogress(value) {
    level0.set(this, "onprogress", value);
  }
  get onratechange() {
    return level0.get(this, "onratechange");
  }
  set onratechange(value) {
    level0.set(this, "onratechange", value);
  }
  get onreset() {
    return level0.get(this, "onreset");
  }
  set onreset(value) {
    level0.set(this, "onreset", value);
  }
  get onresize() {
    return level0.get(this, "onresize");
  }
  set onresize(value) {
    level0.set(this, "onresize", value);
  }
  get onscroll() {
    return level0.get(this, "onscroll");
  }
  set onscroll(value) {
    level0.set(this, "onscroll", value);
  }
  get onseeked() {
    return level0.get(this, "onseeked");
  }
  set onseeked(value) {
    level0.set(this, "onseeked", value);
  }
  get onseeking() {
    return level0.get(this, "onseeking");
  }
  set onseeking(value) {
    level0.set(this, "onseeking", value);
  }
  get onselect() {
    return level0.get(this, "onselect");
  }
  set onselect(value) {
    level0.set(this, "onselect", value);
  }
  get onshow() {
    return level0.get(this, "onshow");
  }
  set onshow(value) {
    level0.set(this, "onshow", value);
  }
  get onstalled() {
    return level0.get(this, "onstalled");
  }
  set onstalled(value) {
    level0.set(this, "onstalled", value);
  }
  get onsubmit() {
    return level0.get(this, "onsubmit");
  }
  set onsubmit(value) {
    level0.set(this, "onsubmit", value);
  }
  get onsuspend() {
    return level0.get(this, "onsuspend");
  }
  set onsuspend(value) {
    level0.set(this, "onsuspend", value);
  }
  get ontimeupdate() {
    return level0.get(this, "ontimeupdate");
  }
  set ontimeupdate(value) {
    level0.set(this, "ontimeupdate", value);
  }
  get ontoggle() {
    return level0.get(this, "ontoggle");
  }
  set ontoggle(value) {
    level0.set(this, "ontoggle", value);
  }
  get onvolumechange() {
    return level0.get(this, "onvolumechange");
  }
  set onvolumechange(value) {
    level0.set(this, "onvolumechange", value);
  }
  get onwaiting() {
    return level0.get(this, "onwaiting");
  }
  set onwaiting(value) {
    level0.set(this, "onwaiting", value);
  }
  get onauxclick() {
    return level0.get(this, "onauxclick");
  }
  set onauxclick(value) {
    level0.set(this, "onauxclick", value);
  }
  get ongotpointercapture() {
    return level0.get(this, "ongotpointercapture");
  }
  set ongotpointercapture(value) {
    level0.set(this, "ongotpointercapture", value);
  }
  get onlostpointercapture() {
    return level0.get(this, "onlostpointercapture");
  }
  set onlostpointercapture(value) {
    level0.set(this, "onlostpointercapture", value);
  }
  get onpointercancel() {
    return level0.get(this, "onpointercancel");
  }
  set onpointercancel(value) {
    level0.set(this, "onpointercancel", value);
  }
  get onpointerdown() {
    return level0.get(this, "onpointerdown");
  }
  set onpointerdown(value) {
    level0.set(this, "onpointerdown", value);
  }
  get onpointerenter() {
    return level0.get(this, "onpointerenter");
  }
  set onpointerenter(value) {
    level0.set(this, "onpointerenter", value);
  }
  get onpointerleave() {
    return level0.get(this, "onpointerleave");
  }
  set onpointerleave(value) {
    level0.set(this, "onpointerleave", value);
  }
  get onpointermove() {
    return level0.get(this, "onpointermove");
  }
  set onpointermove(value) {
    level0.set(this, "onpointermove", value);
  }
  get onpointerout() {
    return level0.get(this, "onpointerout");
  }
  set onpointerout(value) {
    level0.set(this, "onpointerout", value);
  }
  get onpointerover() {
    return level0.get(this, "onpointerover");
  }
  set onpointerover(value) {
    level0.set(this, "onpointerover", value);
  }
  get onpointerup() {
    return level0.get(this, "onpointerup");
  }
  set onpointerup(value) {
    level0.set(this, "onpointerup", value);
  }
  /* c8 ignore stop */
};

// node_modules/linkedom/esm/html/template-element.js
var tagName = "template";
var HTMLTemplateElement = class extends HTMLElement {
  constructor(ownerDocument) {
    super(ownerDocument, tagName);
    const content = this.ownerDocument.createDocumentFragment();
    (this[CONTENT] = content)[PRIVATE] = this;
  }
  get content() {
    if (this.hasChildNodes() && !this[CONTENT].hasChildNodes()) {
      for (const node of this.childNodes)
        this[CONTENT].appendChild(node.cloneNode(true));
    }
    return this[CONTENT];
  }
};
registerHTMLClass(tagName, HTMLTemplateElement);

// node_modules/linkedom/esm/html/html-element.js
var HTMLHtmlElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "html") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/text-element.js
var { toString } = HTMLElement.prototype;
var TextElement = class extends HTMLElement {
  get innerHTML() {
    return this.textContent;
  }
  set innerHTML(html) {
    this.textContent = html;
  }
  toString() {
    const outerHTML = toString.call(this.cloneNode());
    return outerHTML.replace("><", () => `>${this.textContent}<`);
  }
};

// node_modules/linkedom/esm/html/script-element.js
var tagName2 = "script";
var HTMLScriptElement = class extends TextElement {
  constructor(ownerDocument, localName = tagName2) {
    super(ownerDocument, localName);
  }
  get type() {
    return stringAttribute.get(this, "type");
  }
  set type(value) {
    stringAttribute.set(this, "type", value);
  }
  get src() {
    return stringAttribute.get(this, "src");
  }
  set src(value) {
    stringAttribute.set(this, "src", value);
  }
  get defer() {
    return booleanAttribute.get(this, "defer");
  }
  set defer(value) {
    booleanAttribute.set(this, "defer", value);
  }
  get crossOrigin() {
    return stringAttribute.get(this, "crossorigin");
  }
  set crossOrigin(value) {
    stringAttribute.set(this, "crossorigin", value);
  }
  get nomodule() {
    return booleanAttribute.get(this, "nomodule");
  }
  set nomodule(value) {
    booleanAttribute.set(this, "nomodule", value);
  }
  get referrerPolicy() {
    return stringAttribute.get(this, "referrerpolicy");
  }
  set referrerPolicy(value) {
    stringAttribute.set(this, "referrerpolicy", value);
  }
  get nonce() {
    return stringAttribute.get(this, "nonce");
  }
  set nonce(value) {
    stringAttribute.set(this, "nonce", value);
  }
  get async() {
    return booleanAttribute.get(this, "async");
  }
  set async(value) {
    booleanAttribute.set(this, "async", value);
  }
  get text() {
    return this.textContent;
  }
  set text(content) {
    this.textContent = content;
  }
};
registerHTMLClass(tagName2, HTMLScriptElement);

// node_modules/linkedom/esm/html/frame-element.js
var HTMLFrameElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "frame") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/i-frame-element.js
var tagName3 = "iframe";
var HTMLIFrameElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName3) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get src() {
    return stringAttribute.get(this, "src");
  }
  set src(value) {
    stringAttribute.set(this, "src", value);
  }
  get srcdoc() {
    return stringAttribute.get(this, "srcdoc");
  }
  set srcdoc(value) {
    stringAttribute.set(this, "srcdoc", value);
  }
  get name() {
    return stringAttribute.get(this, "name");
  }
  set name(value) {
    stringAttribute.set(this, "name", value);
  }
  get allow() {
    return stringAttribute.get(this, "allow");
  }
  set allow(value) {
    stringAttribute.set(this, "allow", value);
  }
  get allowFullscreen() {
    return booleanAttribute.get(this, "allowfullscreen");
  }
  set allowFullscreen(value) {
    booleanAttribute.set(this, "allowfullscreen", value);
  }
  get referrerPolicy() {
    return stringAttribute.get(this, "referrerpolicy");
  }
  set referrerPolicy(value) {
    stringAttribute.set(this, "referrerpolicy", value);
  }
  get loading() {
    return stringAttribute.get(this, "loading");
  }
  set loading(value) {
    stringAttribute.set(this, "loading", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName3, HTMLIFrameElement);

// node_modules/linkedom/esm/html/object-element.js
var HTMLObjectElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "object") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/head-element.js
var HTMLHeadElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "head") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/body-element.js
var HTMLBodyElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "body") {
    super(ownerDocument, localName);
  }
};

// node_modules/cssomnom/dist/CSSStyleDeclaration-D6HTs6vj.js
var SUPPORTED_PROPERTIES = /* @__PURE__ */ new Set("-webkit-align-content,-webkit-align-items,-webkit-align-self,-webkit-animation,-webkit-animation-delay,-webkit-animation-direction,-webkit-animation-duration,-webkit-animation-fill-mode,-webkit-animation-iteration-count,-webkit-animation-name,-webkit-animation-play-state,-webkit-animation-timing-function,-webkit-appearance,-webkit-backface-visibility,-webkit-background-clip,-webkit-background-origin,-webkit-background-size,-webkit-border-bottom-left-radius,-webkit-border-bottom-right-radius,-webkit-border-radius,-webkit-border-top-left-radius,-webkit-border-top-right-radius,-webkit-box-align,-webkit-box-flex,-webkit-box-ordinal-group,-webkit-box-orient,-webkit-box-pack,-webkit-box-shadow,-webkit-box-sizing,-webkit-filter,-webkit-flex,-webkit-flex-basis,-webkit-flex-direction,-webkit-flex-flow,-webkit-flex-grow,-webkit-flex-shrink,-webkit-flex-wrap,-webkit-justify-content,-webkit-line-clamp,-webkit-mask,-webkit-mask-box-image,-webkit-mask-box-image-outset,-webkit-mask-box-image-repeat,-webkit-mask-box-image-slice,-webkit-mask-box-image-source,-webkit-mask-box-image-width,-webkit-mask-clip,-webkit-mask-composite,-webkit-mask-image,-webkit-mask-origin,-webkit-mask-position,-webkit-mask-repeat,-webkit-mask-size,-webkit-order,-webkit-perspective,-webkit-perspective-origin,-webkit-text-fill-color,-webkit-text-size-adjust,-webkit-text-stroke,-webkit-text-stroke-color,-webkit-text-stroke-width,-webkit-transform,-webkit-transform-origin,-webkit-transform-style,-webkit-transition,-webkit-transition-delay,-webkit-transition-duration,-webkit-transition-property,-webkit-transition-timing-function,-webkit-user-select,accent-color,align-content,align-items,align-self,alignment-baseline,all,anchor-name,anchor-scope,animation,animation-composition,animation-delay,animation-delay-end,animation-delay-start,animation-direction,animation-duration,animation-fill-mode,animation-iteration-count,animation-name,animation-play-state,animation-range,animation-range-center,animation-range-end,animation-range-start,animation-timeline,animation-timing-function,animation-trigger,appearance,aspect-ratio,backdrop-filter,backface-visibility,background,background-attachment,background-blend-mode,background-clip,background-color,background-image,background-origin,background-position,background-position-block,background-position-inline,background-position-x,background-position-y,background-repeat,background-repeat-block,background-repeat-inline,background-repeat-x,background-repeat-y,background-size,background-tbd,baseline-shift,baseline-source,block-ellipsis,block-size,block-step,block-step-align,block-step-insert,block-step-round,block-step-size,bookmark-label,bookmark-level,bookmark-state,border,border-block,border-block-clip,border-block-color,border-block-end,border-block-end-clip,border-block-end-color,border-block-end-radius,border-block-end-style,border-block-end-width,border-block-start,border-block-start-clip,border-block-start-color,border-block-start-radius,border-block-start-style,border-block-start-width,border-block-style,border-block-width,border-bottom,border-bottom-clip,border-bottom-color,border-bottom-left-radius,border-bottom-radius,border-bottom-right-radius,border-bottom-style,border-bottom-width,border-boundary,border-clip,border-collapse,border-color,border-end-end-radius,border-end-start-radius,border-image,border-image-outset,border-image-repeat,border-image-slice,border-image-source,border-image-width,border-inline,border-inline-clip,border-inline-color,border-inline-end,border-inline-end-clip,border-inline-end-color,border-inline-end-radius,border-inline-end-style,border-inline-end-width,border-inline-start,border-inline-start-clip,border-inline-start-color,border-inline-start-radius,border-inline-start-style,border-inline-start-width,border-inline-style,border-inline-width,border-left,border-left-clip,border-left-color,border-left-radius,border-left-style,border-left-width,border-limit,border-radius,border-right,border-right-clip,border-right-color,border-right-radius,border-right-style,border-right-width,border-shape,border-spacing,border-start-end-radius,border-start-start-radius,border-style,border-top,border-top-clip,border-top-color,border-top-left-radius,border-top-radius,border-top-right-radius,border-top-style,border-top-width,border-width,bottom,box-decoration-break,box-shadow,box-shadow-blur,box-shadow-color,box-shadow-offset,box-shadow-position,box-shadow-spread,box-sizing,box-snap,break-after,break-before,break-inside,caption-side,caret,caret-animation,caret-color,caret-shape,clear,clip,clip-path,clip-rule,color,color-adjust,color-interpolation,color-interpolation-filters,color-scheme,column-count,column-fill,column-gap,column-height,column-rule,column-rule-break,column-rule-color,column-rule-inset,column-rule-inset-cap,column-rule-inset-cap-end,column-rule-inset-cap-start,column-rule-inset-end,column-rule-inset-junction,column-rule-inset-junction-end,column-rule-inset-junction-start,column-rule-inset-start,column-rule-style,column-rule-visibility-items,column-rule-width,column-span,column-width,column-wrap,columns,contain,contain-intrinsic-block-size,contain-intrinsic-height,contain-intrinsic-inline-size,contain-intrinsic-size,contain-intrinsic-width,container,container-name,container-type,content,content-visibility,continue,copy-into,corner,corner-block-end,corner-block-end-shape,corner-block-start,corner-block-start-shape,corner-bottom,corner-bottom-left,corner-bottom-left-shape,corner-bottom-right,corner-bottom-right-shape,corner-bottom-shape,corner-end-end,corner-end-end-shape,corner-end-start,corner-end-start-shape,corner-inline-end,corner-inline-end-shape,corner-inline-start,corner-inline-start-shape,corner-left,corner-left-shape,corner-right,corner-right-shape,corner-shape,corner-start-end,corner-start-end-shape,corner-start-start,corner-start-start-shape,corner-top,corner-top-left,corner-top-left-shape,corner-top-right,corner-top-right-shape,corner-top-shape,counter-increment,counter-reset,counter-set,cue,cue-after,cue-before,cursor,cx,cy,d,direction,display,dominant-baseline,dynamic-range-limit,empty-cells,event-trigger,event-trigger-name,event-trigger-source,field-sizing,fill,fill-break,fill-color,fill-image,fill-opacity,fill-origin,fill-position,fill-repeat,fill-rule,fill-size,filter,fit-tolerance,flex,flex-basis,flex-direction,flex-flow,flex-grow,flex-line-count,flex-shrink,flex-wrap,float,float-defer,float-offset,float-reference,flood-color,flood-opacity,flow-from,flow-into,font,font-family,font-feature-settings,font-kerning,font-language-override,font-optical-sizing,font-palette,font-presentation,font-size,font-size-adjust,font-stretch,font-style,font-synthesis,font-synthesis-position,font-synthesis-small-caps,font-synthesis-style,font-synthesis-weight,font-variant,font-variant-alternates,font-variant-caps,font-variant-east-asian,font-variant-emoji,font-variant-ligatures,font-variant-numeric,font-variant-position,font-variation-settings,font-weight,font-width,footnote-display,footnote-policy,forced-color-adjust,frame-sizing,gap,glyph-orientation-vertical,grid,grid-area,grid-auto-columns,grid-auto-flow,grid-auto-rows,grid-column,grid-column-end,grid-column-gap,grid-column-start,grid-gap,grid-row,grid-row-end,grid-row-gap,grid-row-start,grid-template,grid-template-areas,grid-template-columns,grid-template-rows,hanging-punctuation,height,hyphenate-character,hyphenate-limit-chars,hyphenate-limit-last,hyphenate-limit-lines,hyphenate-limit-zone,hyphens,image-animation,image-orientation,image-rendering,image-resolution,initial-letter,initial-letter-align,initial-letter-wrap,inline-size,inline-sizing,input-security,inset,inset-block,inset-block-end,inset-block-start,inset-inline,inset-inline-end,inset-inline-start,interactivity,interest-delay,interest-delay-end,interest-delay-start,interpolate-size,isolation,justify-content,justify-items,justify-self,left,letter-spacing,lighting-color,line-break,line-clamp,line-fit-edge,line-grid,line-height,line-height-step,line-padding,line-snap,link-parameters,list-style,list-style-image,list-style-position,list-style-type,margin,margin-block,margin-block-end,margin-block-start,margin-bottom,margin-break,margin-inline,margin-inline-end,margin-inline-start,margin-left,margin-right,margin-top,margin-trim,marker,marker-end,marker-mid,marker-side,marker-start,mask,mask-border,mask-border-mode,mask-border-outset,mask-border-repeat,mask-border-slice,mask-border-source,mask-border-width,mask-clip,mask-composite,mask-image,mask-mode,mask-origin,mask-position,mask-repeat,mask-size,mask-type,math-depth,math-shift,math-style,max-block-size,max-height,max-inline-size,max-lines,max-size,max-width,min-block-size,min-height,min-inline-size,min-intrinsic-sizing,min-size,min-width,mix-blend-mode,nav-down,nav-left,nav-right,nav-up,object-fit,object-position,object-view-box,offset,offset-anchor,offset-distance,offset-path,offset-position,offset-rotate,opacity,order,orphans,outline,outline-color,outline-offset,outline-style,outline-width,overflow,overflow-anchor,overflow-block,overflow-clip-margin,overflow-clip-margin-block,overflow-clip-margin-block-end,overflow-clip-margin-block-start,overflow-clip-margin-bottom,overflow-clip-margin-inline,overflow-clip-margin-inline-end,overflow-clip-margin-inline-start,overflow-clip-margin-left,overflow-clip-margin-right,overflow-clip-margin-top,overflow-inline,overflow-wrap,overflow-x,overflow-y,overlay,overscroll-behavior,overscroll-behavior-block,overscroll-behavior-inline,overscroll-behavior-x,overscroll-behavior-y,padding,padding-block,padding-block-end,padding-block-start,padding-bottom,padding-inline,padding-inline-end,padding-inline-start,padding-left,padding-right,padding-top,page,page-break-after,page-break-before,page-break-inside,paint-order,path-length,pause,pause-after,pause-before,perspective,perspective-origin,place-content,place-items,place-self,pointer-events,pointer-timeline,pointer-timeline-axis,pointer-timeline-name,position,position-anchor,position-area,position-try,position-try-fallbacks,position-try-order,position-visibility,print-color-adjust,quotes,r,reading-flow,reading-order,region-fragment,resize,rest,rest-after,rest-before,right,rotate,row-gap,row-rule,row-rule-break,row-rule-color,row-rule-inset,row-rule-inset-cap,row-rule-inset-cap-end,row-rule-inset-cap-start,row-rule-inset-end,row-rule-inset-junction,row-rule-inset-junction-end,row-rule-inset-junction-start,row-rule-inset-start,row-rule-style,row-rule-visibility-items,row-rule-width,ruby-align,ruby-merge,ruby-overhang,ruby-position,rule,rule-break,rule-color,rule-inset,rule-inset-cap,rule-inset-end,rule-inset-junction,rule-inset-start,rule-overlap,rule-style,rule-visibility-items,rule-width,rx,ry,scale,scroll-axis-lock,scroll-behavior,scroll-initial-target,scroll-margin,scroll-margin-block,scroll-margin-block-end,scroll-margin-block-start,scroll-margin-bottom,scroll-margin-inline,scroll-margin-inline-end,scroll-margin-inline-start,scroll-margin-left,scroll-margin-right,scroll-margin-top,scroll-marker-group,scroll-padding,scroll-padding-block,scroll-padding-block-end,scroll-padding-block-start,scroll-padding-bottom,scroll-padding-inline,scroll-padding-inline-end,scroll-padding-inline-start,scroll-padding-left,scroll-padding-right,scroll-padding-top,scroll-snap-align,scroll-snap-stop,scroll-snap-type,scroll-target-group,scroll-timeline,scroll-timeline-axis,scroll-timeline-name,scrollbar-color,scrollbar-gutter,scrollbar-width,shape-image-threshold,shape-inside,shape-margin,shape-outside,shape-padding,shape-rendering,size,slider-orientation,spatial-navigation-action,spatial-navigation-contain,spatial-navigation-function,speak,speak-as,stop-color,stop-opacity,string-set,stroke,stroke-align,stroke-alignment,stroke-break,stroke-color,stroke-dash-corner,stroke-dash-justify,stroke-dashadjust,stroke-dasharray,stroke-dashcorner,stroke-dashoffset,stroke-image,stroke-linecap,stroke-linejoin,stroke-miterlimit,stroke-opacity,stroke-origin,stroke-position,stroke-repeat,stroke-size,stroke-width,tab-size,table-layout,text-align,text-align-all,text-align-last,text-anchor,text-autospace,text-box,text-box-edge,text-box-trim,text-combine-upright,text-decoration,text-decoration-color,text-decoration-inset,text-decoration-line,text-decoration-skip,text-decoration-skip-box,text-decoration-skip-ink,text-decoration-skip-self,text-decoration-skip-spaces,text-decoration-style,text-decoration-thickness,text-emphasis,text-emphasis-color,text-emphasis-position,text-emphasis-skip,text-emphasis-style,text-fit,text-group-align,text-indent,text-justify,text-orientation,text-overflow,text-rendering,text-shadow,text-size-adjust,text-spacing,text-spacing-trim,text-transform,text-underline-offset,text-underline-position,text-wrap,text-wrap-mode,text-wrap-style,timeline-scope,timeline-trigger,timeline-trigger-activation-range,timeline-trigger-activation-range-end,timeline-trigger-activation-range-start,timeline-trigger-active-range,timeline-trigger-active-range-end,timeline-trigger-active-range-start,timeline-trigger-name,timeline-trigger-range,timeline-trigger-source,top,touch-action,transform,transform-box,transform-origin,transform-style,transition,transition-behavior,transition-delay,transition-duration,transition-property,transition-timing-function,translate,trigger-scope,unicode-bidi,user-select,vector-effect,vertical-align,view-timeline,view-timeline-axis,view-timeline-inset,view-timeline-name,view-transition-class,view-transition-group,view-transition-name,view-transition-scope,visibility,voice-balance,voice-duration,voice-family,voice-pitch,voice-range,voice-rate,voice-stress,voice-volume,white-space,white-space-collapse,white-space-trim,widows,width,will-change,window-drag,word-break,word-space-transform,word-spacing,word-wrap,wrap-after,wrap-before,wrap-flow,wrap-inside,wrap-through,writing-mode,x,y,z-index,zoom".split(","));
var CUSTOM_IDENT_PROPERTIES = /* @__PURE__ */ new Set("-webkit-animation,-webkit-animation-name,-webkit-transition,-webkit-transition-property,animation,animation-name,color-scheme,container,container-name,copy-into,counter-increment,counter-reset,counter-set,flow-from,flow-into,font,font-family,grid,grid-area,grid-column,grid-column-end,grid-column-start,grid-row,grid-row-end,grid-row-start,grid-template,grid-template-columns,grid-template-rows,list-style,list-style-type,page,string-set,transition,transition-property,view-transition-class,view-transition-group,view-transition-name,will-change".split(","));
var FONT_FACE_DESCRIPTORS = /* @__PURE__ */ new Set("ascent-override,descent-override,font-display,font-family,font-feature-settings,font-language-override,font-named-instance,font-size,font-stretch,font-style,font-variant,font-variation-settings,font-weight,font-width,line-gap-override,size-adjust,src,subscript-position-override,subscript-size-override,superscript-position-override,superscript-size-override,unicode-range".split(","));
var PAGE_ALLOWED_PROPERTIES = /* @__PURE__ */ new Set("bleed,break-after,break-before,break-inside,counter-increment,counter-reset,counter-set,margin,margin-block,margin-block-end,margin-block-start,margin-bottom,margin-inline,margin-inline-end,margin-inline-start,margin-left,margin-right,margin-top,marks,orphans,page,page-break-after,page-break-before,page-break-inside,page-margin-safety,page-orientation,quotes,size,widows".split(","));
var PAGE_DESCRIPTOR_PROPERTIES = [
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "size",
  "page-orientation",
  "marks",
  "bleed"
];
var POSITION_TRY_ALLOWED_PROPERTIES = /* @__PURE__ */ new Set("align-self,block-size,bottom,height,inline-size,inset,inset-area,inset-block,inset-block-end,inset-block-start,inset-inline,inset-inline-end,inset-inline-start,justify-self,left,margin,margin-block,margin-block-end,margin-block-start,margin-bottom,margin-inline,margin-inline-end,margin-inline-start,margin-left,margin-right,margin-top,max-block-size,max-height,max-inline-size,max-width,min-block-size,min-height,min-inline-size,min-width,place-self,position-anchor,position-area,right,top,width".split(","));
var COUNTER_STYLE_PROP_BY_DESCRIPTOR = /* @__PURE__ */ new Map([
  ["additive-symbols", "additiveSymbols"],
  ["fallback", "fallback"],
  ["negative", "negative"],
  ["pad", "pad"],
  ["prefix", "prefix"],
  ["range", "range"],
  ["speak-as", "speakAs"],
  ["suffix", "suffix"],
  ["symbols", "symbols"],
  ["system", "system"]
]);
var FONT_FEATURE_VALUE_MAP_DEFS = [
  ["annotation", "annotation"],
  ["ornaments", "ornaments"],
  ["stylistic", "stylistic"],
  ["swash", "swash"],
  ["character-variant", "characterVariant"],
  ["styleset", "styleset"],
  ["historical-forms", "historicalForms"]
];
var FONT_FEATURE_VALUE_BLOCKS = {
  "annotation": "annotation",
  "ornaments": "ornaments",
  "stylistic": "stylistic",
  "swash": "swash",
  "character-variant": "characterVariant",
  "charactervariant": "characterVariant",
  "styleset": "styleset",
  "historical-forms": "historicalForms",
  "historicalforms": "historicalForms"
};
var MARGIN_RULE_NAMES = /* @__PURE__ */ new Set("bottom-center,bottom-left,bottom-left-corner,bottom-right,bottom-right-corner,left-bottom,left-middle,left-top,right-bottom,right-middle,right-top,top-center,top-left,top-left-corner,top-right,top-right-corner".split(","));
var GENERIC_FONT_FAMILIES = /* @__PURE__ */ new Set("cursive,emoji,fangsong,fantasy,math,monospace,sans-serif,serif,system-ui,ui-monospace,ui-rounded,ui-sans-serif,ui-serif".split(","));
var FONT_VARIANT_LIGATURES_KEYWORDS = /* @__PURE__ */ new Set("common-ligatures,no-common-ligatures,discretionary-ligatures,no-discretionary-ligatures,historical-ligatures,no-historical-ligatures,contextual,no-contextual".split(","));
var FONT_VARIANT_CAPS_KEYWORDS = /* @__PURE__ */ new Set("small-caps,all-small-caps,petite-caps,all-petite-caps,unicase,titling-caps".split(","));
var FONT_VARIANT_NUMERIC_KEYWORDS = /* @__PURE__ */ new Set("lining-nums,oldstyle-nums,proportional-nums,tabular-nums,diagonal-fractions,stacked-fractions,ordinal,slashed-zero".split(","));
var FONT_VARIANT_EAST_ASIAN_KEYWORDS = /* @__PURE__ */ new Set("jis78,jis83,jis90,jis04,simplified,traditional,full-width,proportional-width,ruby".split(","));
var FONT_VARIANT_POSITION_KEYWORDS = /* @__PURE__ */ new Set("sub,super".split(","));
var FONT_VARIANT_EMOJI_KEYWORDS = /* @__PURE__ */ new Set("text,emoji,unicode".split(","));
var FONT_VARIANT_ALTERNATES_FUNCTIONS = /* @__PURE__ */ new Set("stylistic,styleset,character-variant,swash,ornaments,annotation".split(","));
var SYSTEM_FONT_KEYWORDS = /* @__PURE__ */ new Set("initial,inherit,unset,revert,revert-layer,default,caption,icon,menu,message-box,small-caption,status-bar".split(","));
var FONT_STRETCH_KEYWORDS = /* @__PURE__ */ new Set("ultra-condensed,extra-condensed,condensed,semi-condensed,semi-expanded,expanded,extra-expanded,ultra-expanded".split(","));
var FONT_SIZE_KEYWORDS = /* @__PURE__ */ new Set("xx-small,x-small,small,medium,large,x-large,xx-large,xxx-large,smaller,larger".split(","));
var FLEX_BASIS_KEYWORDS = /* @__PURE__ */ new Set("auto,content,max-content,min-content,fit-content".split(","));
function hideInternalFields(instance) {
  for (const key2 of Object.getOwnPropertyNames(instance)) if (key2.startsWith("_")) Object.defineProperty(instance, key2, { enumerable: false });
}
var appliedCtors = /* @__PURE__ */ new WeakSet();
function applyWebIDLInterface(ctor, options = {}) {
  const proto = ctor.prototype;
  if (!proto) return;
  if (appliedCtors.has(ctor)) return;
  appliedCtors.add(ctor);
  const brandCheck = options.brandCheck ?? true;
  const arityCheck = options.arityCheck ?? true;
  const interfaceName = options.interfaceName || ctor.name;
  const excludeSet = new Set(options.exclude || []);
  const rejectSet = new Set(options.rejectOperations || []);
  Object.defineProperty(ctor, "length", {
    value: 0,
    writable: false,
    enumerable: false,
    configurable: true
  });
  Object.defineProperty(proto, Symbol.toStringTag, {
    value: interfaceName,
    writable: false,
    enumerable: false,
    configurable: true
  });
  const names = Object.getOwnPropertyNames(proto);
  for (const name of names) {
    if (name === "constructor" || name.startsWith("_") || excludeSet.has(name)) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc) continue;
    if (desc.get || desc.set) {
      const origGet = desc.get;
      const origSet = desc.set;
      let get = origGet;
      if (origGet && brandCheck) {
        get = function() {
          if (!this || this === proto || !(this instanceof ctor)) throw new TypeError(`Failed to read the '${name}' property from '${interfaceName}': The provided value is not of type '${interfaceName}'.`);
          return origGet.call(this);
        };
        Object.defineProperty(get, "name", {
          value: `get ${name}`,
          configurable: true
        });
      }
      let set = origSet;
      if (origSet && brandCheck) {
        set = function(val) {
          if (!this || this === proto || !(this instanceof ctor)) throw new TypeError(`Failed to set the '${name}' property on '${interfaceName}': The provided value is not of type '${interfaceName}'.`);
          return origSet.call(this, val);
        };
        Object.defineProperty(set, "name", {
          value: `set ${name}`,
          configurable: true
        });
      }
      Object.defineProperty(proto, name, {
        get,
        set: origSet ? set : void 0,
        enumerable: true,
        configurable: true
      });
      continue;
    }
    if (typeof desc.value === "function") {
      const origFn = desc.value;
      const minArgs = origFn.length;
      let fn = origFn;
      if (brandCheck || arityCheck && minArgs > 0) {
        fn = function(...args) {
          if (brandCheck && (!this || this === proto || !(this instanceof ctor))) {
            const err = /* @__PURE__ */ new TypeError(`Failed to execute '${name}' on '${interfaceName}': The provided value is not of type '${interfaceName}'.`);
            if (rejectSet.has(name)) return Promise.reject(err);
            throw err;
          }
          if (arityCheck && arguments.length < minArgs) {
            const err = /* @__PURE__ */ new TypeError(`Failed to execute '${name}' on '${interfaceName}': ${minArgs} argument${minArgs === 1 ? "" : "s"} required, but only ${arguments.length} present.`);
            if (rejectSet.has(name)) return Promise.reject(err);
            throw err;
          }
          return origFn.apply(this, args);
        };
        Object.defineProperty(fn, "name", {
          value: origFn.name,
          configurable: true
        });
        Object.defineProperty(fn, "length", {
          value: minArgs,
          configurable: true
        });
      }
      Object.defineProperty(proto, name, {
        value: fn,
        writable: true,
        enumerable: true,
        configurable: true
      });
    }
  }
}
function applyWebIDLConstants(ctor, constants) {
  for (const [name, val] of Object.entries(constants)) {
    Object.defineProperty(ctor, name, {
      value: val,
      writable: false,
      enumerable: true,
      configurable: false
    });
    if (ctor.prototype) Object.defineProperty(ctor.prototype, name, {
      value: val,
      writable: false,
      enumerable: true,
      configurable: false
    });
  }
}
function camelToDashed(str) {
  return str.replace(/[A-Z]/g, (m) => "-" + m.toLowerCase()).replace(/^ms-/, "-ms-");
}
function createIndexedProxy(target, getArray, mapValue) {
  hideInternalFields(target);
  return new Proxy(target, {
    get(t, prop2, receiver) {
      if (typeof prop2 === "string") {
        const index = Number(prop2);
        if (Number.isInteger(index) && index >= 0) {
          const val = getArray(t)[index];
          return val !== void 0 ? mapValue ? mapValue(val) : val : void 0;
        }
      }
      return Reflect.get(t, prop2, receiver);
    },
    set(t, prop2, value) {
      return Reflect.set(t, prop2, value, t);
    }
  });
}
function deleteRuleFromArray(rules, index) {
  if (index < 0 || index >= rules.length) throw new DOMException("Index size error", "IndexSizeError");
  const oldRule = rules[index];
  rules.splice(index, 1);
  if (oldRule && typeof oldRule === "object") {
    if ("_parentRule" in oldRule) oldRule._parentRule = null;
    if ("_parentStyleSheet" in oldRule) oldRule._parentStyleSheet = null;
  }
  return oldRule;
}
var DEG_TO_RAD = Math.PI / 180;
var RAD_TO_DEG = 180 / Math.PI;
var ParseHooks = {
  parseMediaQueryList: (text2) => {
    return text2.split(",").map((s) => s.trim()).filter(Boolean).map((m) => ({
      type: "media-query",
      mediaType: m,
      tokens: [],
      raw: m
    }));
  },
  serializeMediaQuery: (query2) => {
    return query2.raw ?? query2.mediaType ?? "";
  },
  validatePropertyValue: (_property, _value, _rawValue) => {
    return true;
  },
  supports: (_conditionText) => {
    return false;
  },
  createStylePropertyMap: (_style) => {
    throw new Error("createStylePropertyMap not injected (import cssomnom/typed-om)");
  },
  validatePropertyRuleDescriptor: (_def) => {
    return true;
  },
  registerPropertyRule: (_def) => {
    return false;
  },
  unregisterPropertyRule: (_name) => {
  }
};
var StyleSheetList = class {
  /** @internal */
  _sheets;
  constructor(sheets) {
    this._sheets = sheets;
    return createIndexedProxy(this, (t) => t._sheets);
  }
  get length() {
    return this._sheets.length;
  }
  item(index) {
    return this._sheets[index] || null;
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this._sheets[i];
  }
};
var MediaList = class {
  /** @internal */
  _mediaQueries = [];
  constructor(mediaText = "") {
    this.mediaText = mediaText;
    return createIndexedProxy(this, (t) => t._mediaQueries.map((q) => ParseHooks.serializeMediaQuery(q)));
  }
  get mediaText() {
    return this._mediaQueries.map((q) => ParseHooks.serializeMediaQuery(q)).join(", ");
  }
  set mediaText(value) {
    if (!value) {
      this._mediaQueries = [];
      return;
    }
    this._mediaQueries = ParseHooks.parseMediaQueryList(value);
  }
  get length() {
    return this._mediaQueries.length;
  }
  item(index) {
    const q = this._mediaQueries[index];
    return q ? ParseHooks.serializeMediaQuery(q) : null;
  }
  toString() {
    return this.mediaText;
  }
  appendMedium(medium) {
    const parsed = ParseHooks.parseMediaQueryList(medium);
    if (parsed.length !== 1) return;
    const m = parsed[0];
    const mText = ParseHooks.serializeMediaQuery(m);
    if (this._mediaQueries.some((q) => ParseHooks.serializeMediaQuery(q) === mText)) return;
    this._mediaQueries.push(m);
  }
  deleteMedium(medium) {
    const parsed = ParseHooks.parseMediaQueryList(medium);
    if (parsed.length !== 1) return;
    const mText = ParseHooks.serializeMediaQuery(parsed[0]);
    let i = this._mediaQueries.length;
    let found = false;
    while (i--) if (ParseHooks.serializeMediaQuery(this._mediaQueries[i]) === mText) {
      this._mediaQueries.splice(i, 1);
      found = true;
    }
    if (!found) throw new DOMException(`The medium '${medium}' does not exist in the MediaList.`, "NotFoundError");
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield ParseHooks.serializeMediaQuery(this._mediaQueries[i]);
  }
};
var CSSRuleList = class {
  /** @internal */
  _getRules;
  constructor(rulesOrGetter) {
    this._getRules = typeof rulesOrGetter === "function" ? rulesOrGetter : () => rulesOrGetter;
    return createIndexedProxy(this, (t) => t._getRules(), (v) => v);
  }
  get length() {
    return this._getRules().length;
  }
  item(index) {
    return this._getRules()[index] || null;
  }
  *[Symbol.iterator]() {
    const rules = this._getRules();
    for (let i = 0; i < rules.length; i++) yield rules[i];
  }
};
function isImportRule(r) {
  return r.type === 3;
}
function isNamespaceRule(r) {
  return r.type === 10;
}
function isRegularRule(r) {
  return !isImportRule(r) && !isNamespaceRule(r);
}
function serializeGroupingRule(atKeyword, condition, rules) {
  const cond = condition ? " " + condition : "";
  const ruleTexts = rules.map((r) => r.cssText).filter((p) => p !== "");
  if (ruleTexts.length === 0) return atKeyword === "keyframes" ? `@${atKeyword}${cond} { }` : `@${atKeyword}${cond} {
}`;
  return `@${atKeyword}${cond} {
${ruleTexts.map((t) => "  " + t).join("\n")}
}`;
}
function findParentStyleSheet(rule) {
  let sheet = rule.parentStyleSheet;
  let curr = rule.parentRule;
  while (!sheet && curr) {
    sheet = curr.parentStyleSheet;
    curr = curr.parentRule;
  }
  return sheet;
}
function isGrammaticallyValidSupportsCondition(values) {
  const items = values.filter((v) => v.type !== "whitespace" && v.type !== "comment");
  if (items.length === 0) return false;
  const isSupportsInParens = (item) => {
    if (item.type === "function") return true;
    if (item.type === "simple-block" && item.associatedToken.value === "(") {
      const blockValues = item.value.filter((v) => v.type !== "whitespace" && v.type !== "comment");
      if (blockValues.length === 0) return true;
      const hasTopOp = blockValues.some((v) => v.type === "ident" && [
        "and",
        "or",
        "not"
      ].includes(String(v.value).toLowerCase()));
      const isNestedParenBlock = blockValues.length === 1 && blockValues[0].type === "simple-block" && blockValues[0].associatedToken.value === "(";
      if (hasTopOp || isNestedParenBlock) return isGrammaticallyValidSupportsCondition(item.value);
      return true;
    }
    return false;
  };
  const operands = [];
  const operators = [];
  let i = 0;
  while (i < items.length) {
    if (items[i].type === "ident" && String(items[i].value).toLowerCase() === "not") {
      if (i + 1 >= items.length) return false;
      if (!isSupportsInParens(items[i + 1])) return false;
      operands.push(true);
      i += 2;
    } else if (isSupportsInParens(items[i])) {
      operands.push(true);
      i += 1;
    } else return false;
    if (i < items.length) {
      if (items[i].type !== "ident") return false;
      const op = String(items[i].value).toLowerCase();
      if (op !== "and" && op !== "or") return false;
      operators.push(op);
      i += 1;
    }
  }
  if (operands.length === 0) return false;
  if (operands.length !== operators.length + 1) return false;
  if (operators.length > 0) {
    const firstOp = operators[0];
    if (!operators.every((op) => op === firstOp)) return false;
  }
  return true;
}
var RULE_CONSTANTS = {
  STYLE_RULE: 1,
  CHARSET_RULE: 2,
  IMPORT_RULE: 3,
  MEDIA_RULE: 4,
  FONT_FACE_RULE: 5,
  PAGE_RULE: 6,
  KEYFRAMES_RULE: 7,
  KEYFRAME_RULE: 8,
  MARGIN_RULE: 9,
  NAMESPACE_RULE: 10,
  COUNTER_STYLE_RULE: 11,
  SUPPORTS_RULE: 12,
  FONT_FEATURE_VALUES_RULE: 14
};
var CSSRule = class {
  /** @internal */
  _parentRule = null;
  /** @internal */
  _parentStyleSheet = null;
  /** @internal */
  _location;
  /** @internal */
  _assignedLayerName = null;
  constructor() {
    hideInternalFields(this);
  }
  get location() {
    return this._location;
  }
  get parentRule() {
    return this._parentRule;
  }
  get parentStyleSheet() {
    if (this._parentStyleSheet) return this._parentStyleSheet;
    if (this._parentRule) return this._parentRule.parentStyleSheet;
    return null;
  }
  get type() {
    return 0;
  }
  get cssText() {
    throw new Error("Not implemented");
  }
  set cssText(_value) {
  }
};
applyWebIDLConstants(CSSRule, RULE_CONSTANTS);
var CSSGroupingRule = class CSSGroupingRule2 extends CSSRule {
  /** @internal */
  static _parser = null;
  /** @internal */
  _cssRules;
  /** @internal */
  _rules;
  get cssRules() {
    if (!this._cssRules) this._cssRules = new CSSRuleList(() => this._rules);
    return this._cssRules;
  }
  constructor(rules, _parseRuleInBlock) {
    super();
    this._rules = rules;
    this._cssRules = new CSSRuleList(() => this._rules);
    for (const rule of rules) if (rule instanceof CSSRule) rule._parentRule = this;
    hideInternalFields(this);
  }
  insertRule(rule, index = 0) {
    if (index < 0 || index > this._rules.length) throw new DOMException("Index size error", "IndexSizeError");
    const isScopeRule = (r) => r[Symbol.toStringTag] === "CSSScopeRule";
    const isStyleRule = (r) => r[Symbol.toStringTag] === "CSSStyleRule";
    const isNested = isStyleRule(this) || isScopeRule(this) || this.parentRule !== null;
    let isInsideStyleRule = isStyleRule(this);
    let isDirectlyInScope = isScopeRule(this);
    for (let p = this.parentRule, seenStyle = isInsideStyleRule; p; p = p.parentRule) if (isStyleRule(p)) {
      isInsideStyleRule = true;
      seenStyle = true;
    } else if (!seenStyle && isScopeRule(p)) isDirectlyInScope = true;
    if (!CSSGroupingRule2._parser) throw new DOMException("Parser not initialized", "SyntaxError");
    const { parseRule: parseRule2, parseRuleInBlock: parseRuleInBlock2, parseRuleInScopeBlock: parseRuleInScopeBlock2 } = CSSGroupingRule2._parser;
    let topRule = null;
    try {
      topRule = parseRule2(rule);
    } catch {
    }
    if (topRule) {
      if (isImportRule(topRule) || isNamespaceRule(topRule)) throw new DOMException("HierarchyRequestError: @import and @namespace rules are not allowed inside grouping rules", "HierarchyRequestError");
      if (isInsideStyleRule && !(topRule instanceof CSSGroupingRule2)) throw new DOMException("HierarchyRequestError: This rule cannot be inserted inside a nested rule", "HierarchyRequestError");
    }
    const parsedRule = isDirectlyInScope ? parseRuleInScopeBlock2(rule) : parseRuleInBlock2(rule, isNested);
    if (!parsedRule) throw new DOMException("Syntax error", "SyntaxError");
    if (isImportRule(parsedRule) || isNamespaceRule(parsedRule)) throw new DOMException("HierarchyRequestError: @import and @namespace rules are not allowed inside grouping rules", "HierarchyRequestError");
    if (parsedRule[Symbol.toStringTag] === "CSSNestedDeclarations") {
      if (!isNested) throw new DOMException("Syntax error: CSSNestedDeclarations cannot be inserted into top-level grouping rule", "SyntaxError");
      if (parsedRule.style._declarations.filter((d) => {
        const name = d.name.toLowerCase();
        return name.startsWith("--") || SUPPORTED_PROPERTIES.has(name);
      }).length === 0) throw new DOMException("Syntax error: CSSNestedDeclarations contains no valid declarations", "SyntaxError");
    }
    if (parsedRule instanceof CSSRule) {
      parsedRule._parentRule = this;
      parsedRule._parentStyleSheet = null;
    }
    this._rules.splice(index, 0, parsedRule);
    return index;
  }
  deleteRule(index) {
    deleteRuleFromArray(this._rules, index);
  }
};
var SHORTHANDS_DATA = {
  "-webkit-animation": [
    "animation-name",
    "animation-duration",
    "animation-timing-function",
    "animation-delay",
    "animation-iteration-count",
    "animation-direction",
    "animation-fill-mode",
    "animation-play-state",
    "animation-timeline"
  ],
  "-webkit-border-radius": [
    "border-top-left-radius",
    "border-top-right-radius",
    "border-bottom-right-radius",
    "border-bottom-left-radius"
  ],
  "-webkit-box-shadow": [
    "box-shadow-color",
    "box-shadow-offset",
    "box-shadow-blur",
    "box-shadow-spread",
    "box-shadow-position"
  ],
  "-webkit-flex": [
    "flex-grow",
    "flex-shrink",
    "flex-basis"
  ],
  "-webkit-flex-flow": ["flex-direction", "flex-wrap"],
  "-webkit-line-clamp": [
    "max-lines",
    "block-ellipsis",
    "continue"
  ],
  "-webkit-mask": [
    "mask-image",
    "mask-position",
    "mask-size",
    "mask-repeat",
    "mask-origin",
    "mask-clip",
    "mask-composite",
    "mask-mode"
  ],
  "-webkit-mask-box-image": [
    "mask-border-source",
    "mask-border-slice",
    "mask-border-width",
    "mask-border-outset",
    "mask-border-repeat",
    "mask-border-mode"
  ],
  "-webkit-text-stroke": ["-webkit-text-stroke-width", "-webkit-text-stroke-color"],
  "-webkit-transition": [
    "transition-property",
    "transition-duration",
    "transition-timing-function",
    "transition-delay",
    "transition-behavior"
  ],
  "animation": [
    "animation-name",
    "animation-duration",
    "animation-timing-function",
    "animation-delay",
    "animation-iteration-count",
    "animation-direction",
    "animation-fill-mode",
    "animation-play-state",
    "animation-timeline"
  ],
  "animation-delay": ["animation-delay-start", "animation-delay-end"],
  "animation-range": ["animation-range-start", "animation-range-end"],
  "background": [
    "background-image",
    "background-position",
    "background-size",
    "background-repeat",
    "background-attachment",
    "background-origin",
    "background-clip",
    "background-color"
  ],
  "background-position": ["background-position-x", "background-position-y"],
  "block-step": [
    "block-step-size",
    "block-step-insert",
    "block-step-align",
    "block-step-round"
  ],
  "border": [
    "border-width",
    "border-style",
    "border-color"
  ],
  "border-block": ["border-block-start", "border-block-end"],
  "border-block-clip": ["border-block-start-clip", "border-block-end-clip"],
  "border-block-color": ["border-block-start-color", "border-block-end-color"],
  "border-block-end": [
    "border-block-end-width",
    "border-block-end-style",
    "border-block-end-color"
  ],
  "border-block-end-radius": ["border-end-start-radius", "border-end-end-radius"],
  "border-block-start": [
    "border-block-start-width",
    "border-block-start-style",
    "border-block-start-color"
  ],
  "border-block-start-radius": ["border-start-start-radius", "border-start-end-radius"],
  "border-block-style": ["border-block-start-style", "border-block-end-style"],
  "border-block-width": ["border-block-start-width", "border-block-end-width"],
  "border-bottom": [
    "border-bottom-width",
    "border-bottom-style",
    "border-bottom-color"
  ],
  "border-bottom-radius": ["border-bottom-left-radius", "border-bottom-right-radius"],
  "border-clip": [
    "border-top-clip",
    "border-right-clip",
    "border-bottom-clip",
    "border-left-clip"
  ],
  "border-color": [
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color"
  ],
  "border-image": [
    "border-image-source",
    "border-image-slice",
    "border-image-width",
    "border-image-outset",
    "border-image-repeat"
  ],
  "border-inline": ["border-inline-start", "border-inline-end"],
  "border-inline-clip": ["border-inline-start-clip", "border-inline-end-clip"],
  "border-inline-color": ["border-inline-start-color", "border-inline-end-color"],
  "border-inline-end": [
    "border-inline-end-width",
    "border-inline-end-style",
    "border-inline-end-color"
  ],
  "border-inline-end-radius": ["border-start-end-radius", "border-end-end-radius"],
  "border-inline-start": [
    "border-inline-start-width",
    "border-inline-start-style",
    "border-inline-start-color"
  ],
  "border-inline-start-radius": ["border-start-start-radius", "border-end-start-radius"],
  "border-inline-style": ["border-inline-start-style", "border-inline-end-style"],
  "border-inline-width": ["border-inline-start-width", "border-inline-end-width"],
  "border-left": [
    "border-left-width",
    "border-left-style",
    "border-left-color"
  ],
  "border-left-radius": ["border-top-left-radius", "border-bottom-left-radius"],
  "border-radius": [
    "border-top-left-radius",
    "border-top-right-radius",
    "border-bottom-right-radius",
    "border-bottom-left-radius"
  ],
  "border-right": [
    "border-right-width",
    "border-right-style",
    "border-right-color"
  ],
  "border-right-radius": ["border-top-right-radius", "border-bottom-right-radius"],
  "border-style": [
    "border-top-style",
    "border-right-style",
    "border-bottom-style",
    "border-left-style"
  ],
  "border-top": [
    "border-top-width",
    "border-top-style",
    "border-top-color"
  ],
  "border-top-radius": ["border-top-left-radius", "border-top-right-radius"],
  "border-width": [
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width"
  ],
  "box-shadow": [
    "box-shadow-color",
    "box-shadow-offset",
    "box-shadow-blur",
    "box-shadow-spread",
    "box-shadow-position"
  ],
  "caret": [
    "caret-color",
    "caret-animation",
    "caret-shape"
  ],
  "color-adjust": ["print-color-adjust"],
  "column-rule": [
    "column-rule-width",
    "column-rule-style",
    "column-rule-color"
  ],
  "column-rule-inset": [
    "column-rule-inset-cap-start",
    "column-rule-inset-cap-end",
    "column-rule-inset-junction-start",
    "column-rule-inset-junction-end"
  ],
  "column-rule-inset-cap": ["column-rule-inset-cap-start", "column-rule-inset-cap-end"],
  "column-rule-inset-end": ["column-rule-inset-cap-end", "column-rule-inset-junction-end"],
  "column-rule-inset-junction": ["column-rule-inset-junction-start", "column-rule-inset-junction-end"],
  "column-rule-inset-start": ["column-rule-inset-cap-start", "column-rule-inset-junction-start"],
  "columns": [
    "column-width",
    "column-count",
    "column-height"
  ],
  "contain-intrinsic-size": ["contain-intrinsic-width", "contain-intrinsic-height"],
  "container": ["container-name", "container-type"],
  "corner": ["corner-shape", "border-radius"],
  "corner-block-end": ["border-block-end-radius", "corner-block-end-shape"],
  "corner-block-end-shape": ["corner-end-start-shape", "corner-end-end-shape"],
  "corner-block-start": ["border-block-start-radius", "corner-block-start-shape"],
  "corner-block-start-shape": ["corner-start-start-shape", "corner-start-end-shape"],
  "corner-bottom": ["border-bottom-radius", "corner-bottom-shape"],
  "corner-bottom-left": ["border-bottom-left-radius", "corner-bottom-left-shape"],
  "corner-bottom-right": ["border-bottom-right-radius", "corner-bottom-right-shape"],
  "corner-bottom-shape": ["corner-bottom-left-shape", "corner-bottom-right-shape"],
  "corner-end-end": ["border-end-end-radius", "corner-end-end-shape"],
  "corner-end-start": ["border-end-start-radius", "corner-end-start-shape"],
  "corner-inline-end": ["border-inline-end-radius", "corner-inline-end-shape"],
  "corner-inline-end-shape": ["corner-start-end-shape", "corner-end-end-shape"],
  "corner-inline-start": ["border-inline-start-radius", "corner-inline-start-shape"],
  "corner-inline-start-shape": ["corner-start-start-shape", "corner-end-start-shape"],
  "corner-left": ["border-left-radius", "corner-left-shape"],
  "corner-left-shape": ["corner-top-left-shape", "corner-bottom-left-shape"],
  "corner-right": ["border-right-radius", "corner-right-shape"],
  "corner-right-shape": ["corner-top-right-shape", "corner-bottom-right-shape"],
  "corner-shape": [
    "corner-top-left-shape",
    "corner-top-right-shape",
    "corner-bottom-right-shape",
    "corner-bottom-left-shape"
  ],
  "corner-start-end": ["border-start-end-radius", "corner-start-end-shape"],
  "corner-start-start": ["border-start-start-radius", "corner-start-start-shape"],
  "corner-top": ["border-top-radius", "corner-top-shape"],
  "corner-top-left": ["border-top-left-radius", "corner-top-left-shape"],
  "corner-top-right": ["border-top-right-radius", "corner-top-right-shape"],
  "corner-top-shape": ["corner-top-left-shape", "corner-top-right-shape"],
  "cue": ["cue-before", "cue-after"],
  "flex": [
    "flex-grow",
    "flex-shrink",
    "flex-basis"
  ],
  "flex-flow": ["flex-direction", "flex-wrap"],
  "font": [
    "font-style",
    "font-variant",
    "font-weight",
    "font-stretch",
    "font-size",
    "line-height",
    "font-family"
  ],
  "font-synthesis": [
    "font-synthesis-weight",
    "font-synthesis-style",
    "font-synthesis-small-caps"
  ],
  "font-variant": [
    "font-variant-ligatures",
    "font-variant-caps",
    "font-variant-alternates",
    "font-variant-numeric",
    "font-variant-east-asian",
    "font-variant-position",
    "font-variant-emoji"
  ],
  "gap": ["row-gap", "column-gap"],
  "grid": [
    "grid-template-rows",
    "grid-template-columns",
    "grid-template-areas",
    "grid-auto-rows",
    "grid-auto-columns",
    "grid-auto-flow"
  ],
  "grid-area": [
    "grid-row-start",
    "grid-column-start",
    "grid-row-end",
    "grid-column-end"
  ],
  "grid-column": ["grid-column-start", "grid-column-end"],
  "grid-gap": ["row-gap", "column-gap"],
  "grid-row": ["grid-row-start", "grid-row-end"],
  "grid-template": [
    "grid-template-rows",
    "grid-template-columns",
    "grid-template-areas"
  ],
  "inset": [
    "top",
    "right",
    "bottom",
    "left"
  ],
  "inset-block": ["inset-block-start", "inset-block-end"],
  "inset-inline": ["inset-inline-start", "inset-inline-end"],
  "interest-delay": ["interest-delay-start", "interest-delay-end"],
  "line-clamp": [
    "max-lines",
    "block-ellipsis",
    "continue"
  ],
  "list-style": [
    "list-style-type",
    "list-style-position",
    "list-style-image"
  ],
  "margin": [
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left"
  ],
  "margin-block": ["margin-block-start", "margin-block-end"],
  "margin-inline": ["margin-inline-start", "margin-inline-end"],
  "marker": [
    "marker-start",
    "marker-mid",
    "marker-end"
  ],
  "mask": [
    "mask-image",
    "mask-position",
    "mask-size",
    "mask-repeat",
    "mask-origin",
    "mask-clip",
    "mask-composite",
    "mask-mode"
  ],
  "mask-border": [
    "mask-border-source",
    "mask-border-slice",
    "mask-border-width",
    "mask-border-outset",
    "mask-border-repeat",
    "mask-border-mode"
  ],
  "max-size": ["max-width", "max-height"],
  "min-size": ["min-width", "min-height"],
  "offset": [
    "offset-path",
    "offset-distance",
    "offset-rotate",
    "offset-anchor",
    "offset-position"
  ],
  "outline": [
    "outline-width",
    "outline-style",
    "outline-color"
  ],
  "overflow": ["overflow-x", "overflow-y"],
  "overflow-clip-margin": [
    "overflow-clip-margin-top",
    "overflow-clip-margin-right",
    "overflow-clip-margin-bottom",
    "overflow-clip-margin-left"
  ],
  "overflow-clip-margin-block": ["overflow-clip-margin-block-start", "overflow-clip-margin-block-end"],
  "overflow-clip-margin-inline": ["overflow-clip-margin-inline-start", "overflow-clip-margin-inline-end"],
  "overscroll-behavior": ["overscroll-behavior-x", "overscroll-behavior-y"],
  "padding": [
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left"
  ],
  "padding-block": ["padding-block-start", "padding-block-end"],
  "padding-inline": ["padding-inline-start", "padding-inline-end"],
  "pause": ["pause-before", "pause-after"],
  "place-content": ["align-content", "justify-content"],
  "place-items": ["align-items", "justify-items"],
  "place-self": ["align-self", "justify-self"],
  "pointer-timeline": ["pointer-timeline-name", "pointer-timeline-axis"],
  "position-try": ["position-try-order", "position-try-fallbacks"],
  "rest": ["rest-before", "rest-after"],
  "row-rule": [
    "row-rule-width",
    "row-rule-style",
    "row-rule-color"
  ],
  "row-rule-inset": [
    "row-rule-inset-cap-start",
    "row-rule-inset-cap-end",
    "row-rule-inset-junction-start",
    "row-rule-inset-junction-end"
  ],
  "row-rule-inset-cap": ["row-rule-inset-cap-start", "row-rule-inset-cap-end"],
  "row-rule-inset-end": ["row-rule-inset-cap-end", "row-rule-inset-junction-end"],
  "row-rule-inset-junction": ["row-rule-inset-junction-start", "row-rule-inset-junction-end"],
  "row-rule-inset-start": ["row-rule-inset-cap-start", "row-rule-inset-junction-start"],
  "rule": ["column-rule", "row-rule"],
  "rule-break": ["column-rule-break", "row-rule-break"],
  "rule-color": ["column-rule-color", "row-rule-color"],
  "rule-inset": ["column-rule-inset", "row-rule-inset"],
  "rule-inset-cap": ["column-rule-inset-cap"],
  "rule-inset-end": ["column-rule-inset-end", "row-rule-inset-end"],
  "rule-inset-junction": ["column-rule-inset-junction"],
  "rule-inset-start": ["column-rule-inset-start", "row-rule-inset-start"],
  "rule-style": ["column-rule-style", "row-rule-style"],
  "rule-visibility-items": ["column-rule-visibility-items"],
  "rule-width": ["column-rule-width", "row-rule-width"],
  "scroll-margin": [
    "scroll-margin-top",
    "scroll-margin-right",
    "scroll-margin-bottom",
    "scroll-margin-left"
  ],
  "scroll-margin-block": ["scroll-margin-block-start", "scroll-margin-block-end"],
  "scroll-margin-inline": ["scroll-margin-inline-start", "scroll-margin-inline-end"],
  "scroll-padding": [
    "scroll-padding-top",
    "scroll-padding-right",
    "scroll-padding-bottom",
    "scroll-padding-left"
  ],
  "scroll-padding-block": ["scroll-padding-block-start", "scroll-padding-block-end"],
  "scroll-padding-inline": ["scroll-padding-inline-start", "scroll-padding-inline-end"],
  "scroll-timeline": ["scroll-timeline-name", "scroll-timeline-axis"],
  "size": ["width", "height"],
  "text-align": ["text-align-all", "text-align-last"],
  "text-decoration": [
    "text-decoration-line",
    "text-decoration-thickness",
    "text-decoration-style",
    "text-decoration-color"
  ],
  "text-decoration-skip": [
    "text-decoration-skip-self",
    "text-decoration-skip-box",
    "text-decoration-skip-spaces",
    "text-decoration-skip-ink"
  ],
  "text-emphasis": ["text-emphasis-style", "text-emphasis-color"],
  "text-spacing": ["text-spacing-trim", "text-autospace"],
  "text-wrap": ["text-wrap-mode", "text-wrap-style"],
  "timeline-trigger": [
    "timeline-trigger-name",
    "timeline-trigger-source",
    "timeline-trigger-range"
  ],
  "timeline-trigger-activation-range": ["timeline-trigger-activation-range-start", "timeline-trigger-activation-range-end"],
  "timeline-trigger-active-range": ["timeline-trigger-active-range-start", "timeline-trigger-active-range-end"],
  "timeline-trigger-range": ["timeline-trigger-activation-range", "timeline-trigger-active-range"],
  "transition": [
    "transition-property",
    "transition-duration",
    "transition-timing-function",
    "transition-delay",
    "transition-behavior"
  ],
  "vertical-align": [
    "alignment-baseline",
    "baseline-shift",
    "baseline-source"
  ],
  "view-timeline": ["view-timeline-name", "view-timeline-axis"],
  "white-space": ["white-space-collapse", "text-wrap-mode"]
};
var LOGICAL_MAPPING = {
  "background-position-block": "background-position-y",
  "background-position-inline": "background-position-x",
  "background-repeat-block": "background-repeat-y",
  "background-repeat-inline": "background-repeat-x",
  "block-size": "height",
  "border-block-end-clip": "border-bottom-clip",
  "border-block-end-color": "border-bottom-color",
  "border-block-end-style": "border-bottom-style",
  "border-block-end-width": "border-bottom-width",
  "border-block-start-clip": "border-top-clip",
  "border-block-start-color": "border-top-color",
  "border-block-start-style": "border-top-style",
  "border-block-start-width": "border-top-width",
  "border-end-end-radius": "border-bottom-right-radius",
  "border-end-start-radius": "border-bottom-left-radius",
  "border-inline-end-clip": "border-right-clip",
  "border-inline-end-color": "border-right-color",
  "border-inline-end-style": "border-right-style",
  "border-inline-end-width": "border-right-width",
  "border-inline-start-clip": "border-left-clip",
  "border-inline-start-color": "border-left-color",
  "border-inline-start-style": "border-left-style",
  "border-inline-start-width": "border-left-width",
  "border-start-end-radius": "border-top-right-radius",
  "border-start-start-radius": "border-top-left-radius",
  "contain-intrinsic-block-size": "contain-intrinsic-height",
  "contain-intrinsic-inline-size": "contain-intrinsic-width",
  "corner-end-end-shape": "corner-bottom-right-shape",
  "corner-end-start-shape": "corner-bottom-left-shape",
  "corner-start-end-shape": "corner-top-right-shape",
  "corner-start-start-shape": "corner-top-left-shape",
  "inline-size": "width",
  "inset-block-end": "bottom",
  "inset-block-start": "top",
  "inset-inline-end": "right",
  "inset-inline-start": "left",
  "margin-block-end": "margin-bottom",
  "margin-block-start": "margin-top",
  "margin-inline-end": "margin-right",
  "margin-inline-start": "margin-left",
  "max-block-size": "max-height",
  "max-inline-size": "max-width",
  "min-block-size": "min-height",
  "min-inline-size": "min-width",
  "overflow-block": "overflow-y",
  "overflow-clip-margin-block-end": "overflow-clip-margin-bottom",
  "overflow-clip-margin-block-start": "overflow-clip-margin-top",
  "overflow-clip-margin-inline-end": "overflow-clip-margin-right",
  "overflow-clip-margin-inline-start": "overflow-clip-margin-left",
  "overflow-inline": "overflow-x",
  "overscroll-behavior-block": "overscroll-behavior-y",
  "overscroll-behavior-inline": "overscroll-behavior-x",
  "padding-block-end": "padding-bottom",
  "padding-block-start": "padding-top",
  "padding-inline-end": "padding-right",
  "padding-inline-start": "padding-left",
  "scroll-margin-block-end": "scroll-margin-bottom",
  "scroll-margin-block-start": "scroll-margin-top",
  "scroll-margin-inline-end": "scroll-margin-right",
  "scroll-margin-inline-start": "scroll-margin-left",
  "scroll-padding-block-end": "scroll-padding-bottom",
  "scroll-padding-block-start": "scroll-padding-top",
  "scroll-padding-inline-end": "scroll-padding-right",
  "scroll-padding-inline-start": "scroll-padding-left"
};
var PHYSICAL_TO_LOGICAL = {};
for (const [logical, physical] of Object.entries(LOGICAL_MAPPING)) {
  if (!PHYSICAL_TO_LOGICAL[physical]) PHYSICAL_TO_LOGICAL[physical] = [];
  PHYSICAL_TO_LOGICAL[physical].push(logical);
}
var LOGICAL_PROPERTY_INFO = {
  "background-position-block": {
    group: "background-position",
    logic: "logical"
  },
  "background-position-inline": {
    group: "background-position",
    logic: "logical"
  },
  "background-position-x": {
    group: "background-position",
    logic: "physical"
  },
  "background-position-y": {
    group: "background-position",
    logic: "physical"
  },
  "background-repeat-block": {
    group: "background-repeat",
    logic: "logical"
  },
  "background-repeat-inline": {
    group: "background-repeat",
    logic: "logical"
  },
  "background-repeat-x": {
    group: "background-repeat",
    logic: "physical"
  },
  "background-repeat-y": {
    group: "background-repeat",
    logic: "physical"
  },
  "block-size": {
    group: "size",
    logic: "logical"
  },
  "border-block-end-clip": {
    group: "border-clip",
    logic: "logical"
  },
  "border-block-end-color": {
    group: "border-color",
    logic: "logical"
  },
  "border-block-end-style": {
    group: "border-style",
    logic: "logical"
  },
  "border-block-end-width": {
    group: "border-width",
    logic: "logical"
  },
  "border-block-start-clip": {
    group: "border-clip",
    logic: "logical"
  },
  "border-block-start-color": {
    group: "border-color",
    logic: "logical"
  },
  "border-block-start-style": {
    group: "border-style",
    logic: "logical"
  },
  "border-block-start-width": {
    group: "border-width",
    logic: "logical"
  },
  "border-bottom-clip": {
    group: "border-clip",
    logic: "physical"
  },
  "border-bottom-color": {
    group: "border-color",
    logic: "physical"
  },
  "border-bottom-left-radius": {
    group: "border-radius",
    logic: "physical"
  },
  "border-bottom-right-radius": {
    group: "border-radius",
    logic: "physical"
  },
  "border-bottom-style": {
    group: "border-style",
    logic: "physical"
  },
  "border-bottom-width": {
    group: "border-width",
    logic: "physical"
  },
  "border-end-end-radius": {
    group: "border-radius",
    logic: "logical"
  },
  "border-end-start-radius": {
    group: "border-radius",
    logic: "logical"
  },
  "border-inline-end-clip": {
    group: "border-clip",
    logic: "logical"
  },
  "border-inline-end-color": {
    group: "border-color",
    logic: "logical"
  },
  "border-inline-end-style": {
    group: "border-style",
    logic: "logical"
  },
  "border-inline-end-width": {
    group: "border-width",
    logic: "logical"
  },
  "border-inline-start-clip": {
    group: "border-clip",
    logic: "logical"
  },
  "border-inline-start-color": {
    group: "border-color",
    logic: "logical"
  },
  "border-inline-start-style": {
    group: "border-style",
    logic: "logical"
  },
  "border-inline-start-width": {
    group: "border-width",
    logic: "logical"
  },
  "border-left-clip": {
    group: "border-clip",
    logic: "physical"
  },
  "border-left-color": {
    group: "border-color",
    logic: "physical"
  },
  "border-left-style": {
    group: "border-style",
    logic: "physical"
  },
  "border-left-width": {
    group: "border-width",
    logic: "physical"
  },
  "border-right-clip": {
    group: "border-clip",
    logic: "physical"
  },
  "border-right-color": {
    group: "border-color",
    logic: "physical"
  },
  "border-right-style": {
    group: "border-style",
    logic: "physical"
  },
  "border-right-width": {
    group: "border-width",
    logic: "physical"
  },
  "border-start-end-radius": {
    group: "border-radius",
    logic: "logical"
  },
  "border-start-start-radius": {
    group: "border-radius",
    logic: "logical"
  },
  "border-top-clip": {
    group: "border-clip",
    logic: "physical"
  },
  "border-top-color": {
    group: "border-color",
    logic: "physical"
  },
  "border-top-left-radius": {
    group: "border-radius",
    logic: "physical"
  },
  "border-top-right-radius": {
    group: "border-radius",
    logic: "physical"
  },
  "border-top-style": {
    group: "border-style",
    logic: "physical"
  },
  "border-top-width": {
    group: "border-width",
    logic: "physical"
  },
  "bottom": {
    group: "inset",
    logic: "physical"
  },
  "contain-intrinsic-block-size": {
    group: "contain-intrinsic-size",
    logic: "logical"
  },
  "contain-intrinsic-height": {
    group: "contain-intrinsic-size",
    logic: "physical"
  },
  "contain-intrinsic-inline-size": {
    group: "contain-intrinsic-size",
    logic: "logical"
  },
  "contain-intrinsic-width": {
    group: "contain-intrinsic-size",
    logic: "physical"
  },
  "corner-bottom-left-shape": {
    group: "corner-shape",
    logic: "physical"
  },
  "corner-bottom-right-shape": {
    group: "corner-shape",
    logic: "physical"
  },
  "corner-end-end-shape": {
    group: "corner-shape",
    logic: "logical"
  },
  "corner-end-start-shape": {
    group: "corner-shape",
    logic: "logical"
  },
  "corner-start-end-shape": {
    group: "corner-shape",
    logic: "logical"
  },
  "corner-start-start-shape": {
    group: "corner-shape",
    logic: "logical"
  },
  "corner-top-left-shape": {
    group: "corner-shape",
    logic: "physical"
  },
  "corner-top-right-shape": {
    group: "corner-shape",
    logic: "physical"
  },
  "height": {
    group: "size",
    logic: "physical"
  },
  "inline-size": {
    group: "size",
    logic: "logical"
  },
  "inset-block-end": {
    group: "inset",
    logic: "logical"
  },
  "inset-block-start": {
    group: "inset",
    logic: "logical"
  },
  "inset-inline-end": {
    group: "inset",
    logic: "logical"
  },
  "inset-inline-start": {
    group: "inset",
    logic: "logical"
  },
  "left": {
    group: "inset",
    logic: "physical"
  },
  "margin-block-end": {
    group: "margin",
    logic: "logical"
  },
  "margin-block-start": {
    group: "margin",
    logic: "logical"
  },
  "margin-bottom": {
    group: "margin",
    logic: "physical"
  },
  "margin-inline-end": {
    group: "margin",
    logic: "logical"
  },
  "margin-inline-start": {
    group: "margin",
    logic: "logical"
  },
  "margin-left": {
    group: "margin",
    logic: "physical"
  },
  "margin-right": {
    group: "margin",
    logic: "physical"
  },
  "margin-top": {
    group: "margin",
    logic: "physical"
  },
  "max-block-size": {
    group: "max-size",
    logic: "logical"
  },
  "max-height": {
    group: "max-size",
    logic: "physical"
  },
  "max-inline-size": {
    group: "max-size",
    logic: "logical"
  },
  "max-width": {
    group: "max-size",
    logic: "physical"
  },
  "min-block-size": {
    group: "min-size",
    logic: "logical"
  },
  "min-height": {
    group: "min-size",
    logic: "physical"
  },
  "min-inline-size": {
    group: "min-size",
    logic: "logical"
  },
  "min-width": {
    group: "min-size",
    logic: "physical"
  },
  "overflow-block": {
    group: "overflow",
    logic: "logical"
  },
  "overflow-clip-margin-block-end": {
    group: "overflow-clip-margin",
    logic: "logical"
  },
  "overflow-clip-margin-block-start": {
    group: "overflow-clip-margin",
    logic: "logical"
  },
  "overflow-clip-margin-bottom": {
    group: "overflow-clip-margin",
    logic: "physical"
  },
  "overflow-clip-margin-inline-end": {
    group: "overflow-clip-margin",
    logic: "logical"
  },
  "overflow-clip-margin-inline-start": {
    group: "overflow-clip-margin",
    logic: "logical"
  },
  "overflow-clip-margin-left": {
    group: "overflow-clip-margin",
    logic: "physical"
  },
  "overflow-clip-margin-right": {
    group: "overflow-clip-margin",
    logic: "physical"
  },
  "overflow-clip-margin-top": {
    group: "overflow-clip-margin",
    logic: "physical"
  },
  "overflow-inline": {
    group: "overflow",
    logic: "logical"
  },
  "overflow-x": {
    group: "overflow",
    logic: "physical"
  },
  "overflow-y": {
    group: "overflow",
    logic: "physical"
  },
  "overscroll-behavior-block": {
    group: "overscroll-behavior",
    logic: "logical"
  },
  "overscroll-behavior-inline": {
    group: "overscroll-behavior",
    logic: "logical"
  },
  "overscroll-behavior-x": {
    group: "overscroll-behavior",
    logic: "physical"
  },
  "overscroll-behavior-y": {
    group: "overscroll-behavior",
    logic: "physical"
  },
  "padding-block-end": {
    group: "padding",
    logic: "logical"
  },
  "padding-block-start": {
    group: "padding",
    logic: "logical"
  },
  "padding-bottom": {
    group: "padding",
    logic: "physical"
  },
  "padding-inline-end": {
    group: "padding",
    logic: "logical"
  },
  "padding-inline-start": {
    group: "padding",
    logic: "logical"
  },
  "padding-left": {
    group: "padding",
    logic: "physical"
  },
  "padding-right": {
    group: "padding",
    logic: "physical"
  },
  "padding-top": {
    group: "padding",
    logic: "physical"
  },
  "right": {
    group: "inset",
    logic: "physical"
  },
  "scroll-margin-block-end": {
    group: "scroll-margin",
    logic: "logical"
  },
  "scroll-margin-block-start": {
    group: "scroll-margin",
    logic: "logical"
  },
  "scroll-margin-bottom": {
    group: "scroll-margin",
    logic: "physical"
  },
  "scroll-margin-inline-end": {
    group: "scroll-margin",
    logic: "logical"
  },
  "scroll-margin-inline-start": {
    group: "scroll-margin",
    logic: "logical"
  },
  "scroll-margin-left": {
    group: "scroll-margin",
    logic: "physical"
  },
  "scroll-margin-right": {
    group: "scroll-margin",
    logic: "physical"
  },
  "scroll-margin-top": {
    group: "scroll-margin",
    logic: "physical"
  },
  "scroll-padding-block-end": {
    group: "scroll-padding",
    logic: "logical"
  },
  "scroll-padding-block-start": {
    group: "scroll-padding",
    logic: "logical"
  },
  "scroll-padding-bottom": {
    group: "scroll-padding",
    logic: "physical"
  },
  "scroll-padding-inline-end": {
    group: "scroll-padding",
    logic: "logical"
  },
  "scroll-padding-inline-start": {
    group: "scroll-padding",
    logic: "logical"
  },
  "scroll-padding-left": {
    group: "scroll-padding",
    logic: "physical"
  },
  "scroll-padding-right": {
    group: "scroll-padding",
    logic: "physical"
  },
  "scroll-padding-top": {
    group: "scroll-padding",
    logic: "physical"
  },
  "top": {
    group: "inset",
    logic: "physical"
  },
  "width": {
    group: "size",
    logic: "physical"
  }
};
function resolveLogicalProperty(name, writingMode = "horizontal-tb", direction = "ltr") {
  if (!(name in LOGICAL_MAPPING)) return name;
  let blockStart = "top";
  let blockEnd = "bottom";
  let inlineStart = "left";
  let inlineEnd = "right";
  let blockAxis = "y";
  let inlineAxis = "x";
  if (writingMode === "vertical-rl" || writingMode === "sideways-rl") {
    blockStart = "right";
    blockEnd = "left";
    inlineStart = "top";
    inlineEnd = "bottom";
    blockAxis = "x";
    inlineAxis = "y";
  } else if (writingMode === "vertical-lr") {
    blockStart = "left";
    blockEnd = "right";
    inlineStart = "top";
    inlineEnd = "bottom";
    blockAxis = "x";
    inlineAxis = "y";
  } else if (writingMode === "sideways-lr") {
    blockStart = "left";
    blockEnd = "right";
    inlineStart = "bottom";
    inlineEnd = "top";
    blockAxis = "x";
    inlineAxis = "y";
  }
  if (direction === "rtl") {
    const tmp = inlineStart;
    inlineStart = inlineEnd;
    inlineEnd = tmp;
  }
  if (name.startsWith("inset-block-start")) return blockStart;
  if (name.startsWith("inset-block-end")) return blockEnd;
  if (name.startsWith("inset-inline-start")) return inlineStart;
  if (name.startsWith("inset-inline-end")) return inlineEnd;
  const radius = (s1, s2) => {
    return `-${s1 === "top" || s1 === "bottom" ? s1 : s2}-${s1 === "left" || s1 === "right" ? s1 : s2}-radius`;
  };
  const shape = (s1, s2) => {
    return `-${s1 === "top" || s1 === "bottom" ? s1 : s2}-${s1 === "left" || s1 === "right" ? s1 : s2}-shape`;
  };
  const replacements = [
    {
      logical: "-block-start",
      physical: `-${blockStart}`
    },
    {
      logical: "-block-end",
      physical: `-${blockEnd}`
    },
    {
      logical: "-inline-start",
      physical: `-${inlineStart}`
    },
    {
      logical: "-inline-end",
      physical: `-${inlineEnd}`
    },
    {
      logical: "-start-start-radius",
      physical: radius(blockStart, inlineStart)
    },
    {
      logical: "-start-end-radius",
      physical: radius(blockStart, inlineEnd)
    },
    {
      logical: "-end-start-radius",
      physical: radius(blockEnd, inlineStart)
    },
    {
      logical: "-end-end-radius",
      physical: radius(blockEnd, inlineEnd)
    },
    {
      logical: "-start-start-shape",
      physical: shape(blockStart, inlineStart)
    },
    {
      logical: "-start-end-shape",
      physical: shape(blockStart, inlineEnd)
    },
    {
      logical: "-end-start-shape",
      physical: shape(blockEnd, inlineStart)
    },
    {
      logical: "-end-end-shape",
      physical: shape(blockEnd, inlineEnd)
    },
    {
      logical: "-block",
      physical: `-${blockAxis}`
    },
    {
      logical: "-inline",
      physical: `-${inlineAxis}`
    }
  ];
  let resolved = name;
  for (const { logical, physical } of replacements) if (resolved.includes(logical)) {
    resolved = resolved.replace(logical, physical);
    break;
  }
  const isVertical = writingMode.startsWith("vertical") || writingMode.startsWith("sideways");
  if (resolved === "block-size") return isVertical ? "width" : "height";
  if (resolved === "inline-size") return isVertical ? "height" : "width";
  if (resolved === "min-block-size") return isVertical ? "min-width" : "min-height";
  if (resolved === "min-inline-size") return isVertical ? "min-height" : "min-width";
  if (resolved === "max-block-size") return isVertical ? "max-width" : "max-height";
  if (resolved === "max-inline-size") return isVertical ? "max-height" : "max-width";
  if (resolved === "contain-intrinsic-block-size") return isVertical ? "contain-intrinsic-width" : "contain-intrinsic-height";
  if (resolved === "contain-intrinsic-inline-size") return isVertical ? "contain-intrinsic-height" : "contain-intrinsic-width";
  return resolved;
}
var NAMED_COLORS = /* @__PURE__ */ new Set("accentcolor,accentcolortext,activeborder,activecaption,activetext,aliceblue,antiquewhite,appworkspace,aqua,aquamarine,azure,background,beige,bisque,black,blanchedalmond,blue,blueviolet,brown,burlywood,buttonborder,buttonface,buttonhighlight,buttonshadow,buttontext,cadetblue,canvas,canvastext,captiontext,chartreuse,chocolate,coral,cornflowerblue,cornsilk,crimson,currentcolor,cyan,darkblue,darkcyan,darkgoldenrod,darkgray,darkgreen,darkgrey,darkkhaki,darkmagenta,darkolivegreen,darkorange,darkorchid,darkred,darksalmon,darkseagreen,darkslateblue,darkslategray,darkslategrey,darkturquoise,darkviolet,deeppink,deepskyblue,dimgray,dimgrey,dodgerblue,field,fieldtext,firebrick,floralwhite,forestgreen,fuchsia,gainsboro,ghostwhite,gold,goldenrod,gray,graytext,green,greenyellow,grey,highlight,highlighttext,honeydew,hotpink,inactiveborder,inactivecaption,inactivecaptiontext,indianred,indigo,infobackground,infotext,ivory,khaki,lavender,lavenderblush,lawngreen,lemonchiffon,lightblue,lightcoral,lightcyan,lightgoldenrodyellow,lightgray,lightgreen,lightgrey,lightpink,lightsalmon,lightseagreen,lightskyblue,lightslategray,lightslategrey,lightsteelblue,lightyellow,lime,limegreen,linen,linktext,magenta,mark,marktext,maroon,mediumaquamarine,mediumblue,mediumorchid,mediumpurple,mediumseagreen,mediumslateblue,mediumspringgreen,mediumturquoise,mediumvioletred,menu,menutext,midnightblue,mintcream,mistyrose,moccasin,navajowhite,navy,oldlace,olive,olivedrab,orange,orangered,orchid,palegoldenrod,palegreen,paleturquoise,palevioletred,papayawhip,peachpuff,peru,pink,plum,powderblue,purple,rebeccapurple,red,rosybrown,royalblue,saddlebrown,salmon,sandybrown,scrollbar,seagreen,seashell,selecteditem,selecteditemtext,sienna,silver,skyblue,slateblue,slategray,slategrey,snow,springgreen,steelblue,tan,teal,thistle,threeddarkshadow,threedface,threedhighlight,threedlightshadow,threedshadow,tomato,transparent,turquoise,violet,visitedtext,wheat,white,whitesmoke,window,windowframe,windowtext,yellow,yellowgreen".split(","));
var LENGTH_UNITS = /* @__PURE__ */ new Set("cap,ch,cm,cqb,cqh,cqi,cqmax,cqmin,cqw,dvb,dvh,dvi,dvmax,dvmin,dvw,em,ex,ic,in,lh,lvb,lvh,lvi,lvmax,lvmin,lvw,mm,pc,pt,px,q,rcap,rch,rem,rex,ric,rlh,svb,svh,svi,svmax,svmin,svw,vb,vh,vi,vmax,vmin,vw,%".split(","));
var LENGTH_UNIT_TO_PX = {
  px: 1,
  em: 16,
  rem: 16,
  ex: 8,
  ch: 8,
  ic: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  pt: 96 / 72,
  pc: 16,
  vw: 8,
  vh: 6,
  vi: 8,
  vb: 6,
  vmin: 6,
  vmax: 8
};
var CSS_WIDE_KEYWORDS$2 = /* @__PURE__ */ new Set("initial,inherit,unset,revert,revert-layer".split(","));
var REPEAT_KEYWORDS = /* @__PURE__ */ new Set("repeat,no-repeat,space,round,repeat-x,repeat-y".split(","));
var ATTACHMENT_KEYWORDS = /* @__PURE__ */ new Set("scroll,fixed,local".split(","));
var BOX_KEYWORDS = /* @__PURE__ */ new Set("border-box,padding-box,content-box,text,border-area".split(","));
var CLIP_ONLY_BOX_KEYWORDS = /* @__PURE__ */ new Set("text,border-area".split(","));
var COLOR_FUNCTIONS = /* @__PURE__ */ new Set("rgb,rgba,hsl,hsla,hwb,lab,lch,oklab,oklch,color".split(","));
var IMAGE_FUNCTIONS = /* @__PURE__ */ new Set("url,src,image,image-set,linear-gradient,radial-gradient,conic-gradient,repeating-linear-gradient,repeating-radial-gradient,repeating-conic-gradient".split(","));
var MATH_FUNCTIONS = /* @__PURE__ */ new Set("calc,min,max,clamp".split(","));
var POSITION_OR_SIZE_KEYWORDS = /* @__PURE__ */ new Set("left,right,top,bottom,center,auto,cover,contain".split(","));
var BORDER_WIDTH_KEYWORDS = /* @__PURE__ */ new Set("thin,medium,thick".split(","));
var BORDER_STYLE_KEYWORDS = /* @__PURE__ */ new Set("none,hidden,dotted,dashed,solid,double,groove,ridge,inset,outset".split(","));
function filterSignificantTokens(values) {
  return values.filter((v) => v.type !== "whitespace" && v.type !== "comment" && v.type !== "EOF");
}
function splitTokensByComma(tokens) {
  const res = [[]];
  for (const t of tokens) if (t.type === "comma") res.push([]);
  else res[res.length - 1].push(t);
  return res;
}
function expandUniformLonghands(longhands, val) {
  const res = {};
  for (const lh of longhands) res[lh] = val;
  return res;
}
function tryExpandCssWide(filtered, longhands, extraKeywords) {
  if (filtered.length === 1 && filtered[0].type === "ident") {
    const v = filtered[0].value.toLowerCase();
    if (CSS_WIDE_KEYWORDS$2.has(v) || extraKeywords?.has(v)) return expandUniformLonghands(longhands, [filtered[0]]);
  }
  return null;
}
function checkUniformCssWide(serializedVals, checkVar = false) {
  if (serializedVals.some((v) => CSS_WIDE_KEYWORDS$2.has(v.toLowerCase()) || checkVar && v.toLowerCase().startsWith("var("))) {
    const firstLower = serializedVals[0].toLowerCase();
    if (!serializedVals.every((v) => v.toLowerCase() === firstLower)) return null;
    return CSS_WIDE_KEYWORDS$2.has(firstLower) ? firstLower : serializedVals[0];
  }
}
function expandFourSides(data) {
  const s0 = [data[0]];
  const s1 = data.length > 1 ? [data[1]] : s0;
  return [
    s0,
    s1,
    data.length > 2 ? [data[2]] : s0,
    data.length > 3 ? [data[3]] : s1
  ];
}
function formatFourSides(a, b, c, d) {
  if (a === b && a === c && a === d) return a;
  if (a === c && b === d) return `${a} ${b}`;
  if (b === d) return `${a} ${b} ${c}`;
  return `${a} ${b} ${c} ${d}`;
}
function getFunctionName(token) {
  if (token.type === "function") {
    if ("name" in token && typeof token.name === "string") return token.name.toLowerCase();
    if ("value" in token && typeof token.value === "string") return token.value.toLowerCase();
  }
  return "";
}
function isRepeatKeyword(token) {
  return token.type === "ident" && REPEAT_KEYWORDS.has(token.value.toLowerCase());
}
function isAttachmentKeyword(token) {
  return token.type === "ident" && ATTACHMENT_KEYWORDS.has(token.value.toLowerCase());
}
function isBoxKeyword(token) {
  return token.type === "ident" && BOX_KEYWORDS.has(token.value.toLowerCase());
}
function isClipOnlyBoxKeyword(keyword) {
  return CLIP_ONLY_BOX_KEYWORDS.has(keyword.toLowerCase());
}
function isColorToken(token) {
  if (token.type === "hash") return true;
  if (token.type === "ident") return NAMED_COLORS.has(token.value.toLowerCase());
  if (token.type === "function") return COLOR_FUNCTIONS.has(getFunctionName(token));
  return false;
}
function isImageToken(token) {
  if (token.type === "ident" && token.value.toLowerCase() === "none") return true;
  if (token.type === "url") return true;
  if (token.type === "function") return IMAGE_FUNCTIONS.has(getFunctionName(token));
  return false;
}
function isPositionOrSizeValue(token) {
  if (token.type === "ident") return POSITION_OR_SIZE_KEYWORDS.has(token.value.toLowerCase());
  if (token.type === "percentage" || token.type === "dimension") return true;
  if (token.type === "number" && token.value === 0) return true;
  if (token.type === "function") return MATH_FUNCTIONS.has(getFunctionName(token));
  return false;
}
function extractSizeTokens(tokens, slashIdx) {
  if (slashIdx + 1 >= tokens.length) return null;
  const first = tokens[slashIdx + 1];
  if (first.type === "ident" && ["cover", "contain"].includes(first.value.toLowerCase())) return {
    size: [first],
    consumed: 1
  };
  const isSizeVal = (t) => t.type === "ident" && t.value.toLowerCase() === "auto" || t.type === "percentage" || t.type === "dimension" || t.type === "number" && t.value === 0 || t.type === "function" && MATH_FUNCTIONS.has(getFunctionName(t));
  if (!isSizeVal(first)) return null;
  if (slashIdx + 2 < tokens.length && isSizeVal(tokens[slashIdx + 2])) return {
    size: [first, tokens[slashIdx + 2]],
    consumed: 2
  };
  return {
    size: [first],
    consumed: 1
  };
}
function mapBoxKeywords(keywords) {
  if (keywords.length === 0) return {
    origin: "padding-box",
    clip: "border-box"
  };
  if (keywords.length === 1) {
    const a = keywords[0].toLowerCase();
    return isClipOnlyBoxKeyword(a) ? {
      origin: "border-box",
      clip: a
    } : {
      origin: a,
      clip: a
    };
  }
  if (keywords.length === 2) {
    const a = keywords[0].toLowerCase();
    const b = keywords[1].toLowerCase();
    const aClip = isClipOnlyBoxKeyword(a);
    const bClip = isClipOnlyBoxKeyword(b);
    if (aClip && bClip) return {
      origin: "border-box",
      clip: `${a} ${b}`
    };
    if (aClip) return {
      origin: b,
      clip: a
    };
    if (bClip) return {
      origin: a,
      clip: b
    };
    return {
      origin: a,
      clip: b
    };
  }
  if (keywords.length === 3) {
    const clips = keywords.filter(isClipOnlyBoxKeyword);
    const origins = keywords.filter((k) => !isClipOnlyBoxKeyword(k));
    return clips.length === 2 && origins.length === 1 ? {
      origin: origins[0],
      clip: clips.join(" ")
    } : null;
  }
  return null;
}
function parseRepeatTokens(tokens) {
  if (tokens.length === 1) {
    const val = tokens[0].value?.toString().toLowerCase();
    if (val === "repeat-x") return [{
      type: "ident",
      value: "repeat"
    }, {
      type: "ident",
      value: "no-repeat"
    }];
    if (val === "repeat-y") return [{
      type: "ident",
      value: "no-repeat"
    }, {
      type: "ident",
      value: "repeat"
    }];
    return [tokens[0]];
  }
  return tokens.length === 2 ? tokens : null;
}
function normalizePositionTokens(tokens) {
  if (tokens.length === 1) {
    const t0 = tokens[0];
    if (t0.type === "ident") {
      const v = t0.value.toLowerCase();
      if (v === "left" || v === "right") return [t0, {
        type: "ident",
        value: "center"
      }];
      if (v === "top" || v === "bottom") return [{
        type: "ident",
        value: "center"
      }, t0];
      if (v === "center") return [t0, t0];
    } else return [t0, {
      type: "percentage",
      value: 50,
      sign: null
    }];
  }
  if (tokens.length === 2 && tokens[0].type === "ident" && tokens[1].type === "ident") {
    const [t0, t1] = tokens;
    const v0 = t0.value.toLowerCase();
    const v1 = t1.value.toLowerCase();
    const isHoriz = (v) => v === "left" || v === "right";
    const isVert = (v) => v === "top" || v === "bottom";
    if (isVert(v0) && isHoriz(v1) || isVert(v0) && v1 === "center") return [t1, t0];
  }
  return tokens;
}
function normalizeSizeTokens(tokens) {
  if (tokens.length === 1) {
    const t0 = tokens[0];
    if (t0.type === "ident" && ["cover", "contain"].includes(t0.value.toLowerCase())) return [t0];
    return [t0, {
      type: "ident",
      value: "auto"
    }];
  }
  return tokens;
}
function joinWithWhitespace(tokens) {
  const res = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0) res.push({
      type: "whitespace",
      value: " "
    });
    res.push(tokens[i]);
  }
  return res;
}
function expandBackground(values) {
  const cssWide = tryExpandCssWide(filterSignificantTokens(values), SHORTHANDS_DATA["background"]);
  if (cssWide) return cssWide;
  const layers = splitTokensByComma(values);
  const numLayers = layers.length;
  if (numLayers === 0) return null;
  const imageLayers = [];
  const positionLayers = [];
  const sizeLayers = [];
  const repeatLayers = [];
  const attachmentLayers = [];
  const originLayers = [];
  const clipLayers = [];
  let parsedColor = null;
  for (let i = 0; i < numLayers; i++) {
    const layerClean = filterSignificantTokens(layers[i]);
    if (layerClean.length === 0) return null;
    const slashIdx = layerClean.findIndex((t) => t.type === "delim" && t.value === "/");
    let sizeTokens = null;
    if (slashIdx !== -1) {
      const sizeResult = extractSizeTokens(layerClean, slashIdx);
      if (!sizeResult) return null;
      sizeTokens = sizeResult.size;
      layerClean.splice(slashIdx, 1 + sizeResult.consumed);
    }
    const repeatTokens = [];
    const attachmentTokens = [];
    const boxKeywords = [];
    let colorTokens = null;
    let imageTokens = null;
    const positionTokens = [];
    for (const token of layerClean) if (isRepeatKeyword(token)) repeatTokens.push(token);
    else if (isAttachmentKeyword(token)) attachmentTokens.push(token);
    else if (isBoxKeyword(token)) boxKeywords.push(token.value);
    else if (isColorToken(token)) {
      if (i !== numLayers - 1 || colorTokens !== null) return null;
      colorTokens = [token];
    } else if (isImageToken(token)) {
      if (imageTokens !== null) return null;
      imageTokens = [token];
    } else if (isPositionOrSizeValue(token)) positionTokens.push(token);
    else return null;
    if (sizeTokens !== null && positionTokens.length === 0 || positionTokens.length > 4) return null;
    const boxMapped = mapBoxKeywords(boxKeywords);
    if (!boxMapped) return null;
    const repeatMapped = parseRepeatTokens(repeatTokens);
    imageLayers.push(imageTokens || [{
      type: "ident",
      value: "none"
    }]);
    positionLayers.push(positionTokens.length > 0 ? joinWithWhitespace(normalizePositionTokens(positionTokens)) : joinWithWhitespace([{
      type: "percentage",
      value: 0,
      sign: null
    }, {
      type: "percentage",
      value: 0,
      sign: null
    }]));
    sizeLayers.push(sizeTokens !== null ? joinWithWhitespace(normalizeSizeTokens(sizeTokens)) : [{
      type: "ident",
      value: "auto"
    }]);
    repeatLayers.push(repeatMapped ? joinWithWhitespace(repeatMapped) : [{
      type: "ident",
      value: "repeat"
    }]);
    attachmentLayers.push(attachmentTokens.length > 0 ? joinWithWhitespace(attachmentTokens) : [{
      type: "ident",
      value: "scroll"
    }]);
    originLayers.push([{
      type: "ident",
      value: boxMapped.origin
    }]);
    clipLayers.push(joinWithWhitespace(boxMapped.clip.split(" ").map((c) => ({
      type: "ident",
      value: c
    }))));
    if (colorTokens !== null) parsedColor = colorTokens;
  }
  const joinLayers = (layerList) => {
    const res = [];
    for (let i = 0; i < layerList.length; i++) {
      if (i > 0) res.push({
        type: "comma",
        value: ","
      }, {
        type: "whitespace",
        value: " "
      });
      res.push(...layerList[i]);
    }
    return res;
  };
  return {
    "background-image": joinLayers(imageLayers),
    "background-position": joinLayers(positionLayers),
    "background-size": joinLayers(sizeLayers),
    "background-repeat": joinLayers(repeatLayers),
    "background-attachment": joinLayers(attachmentLayers),
    "background-origin": joinLayers(originLayers),
    "background-clip": joinLayers(clipLayers),
    "background-color": parsedColor || [{
      type: "ident",
      value: "transparent"
    }]
  };
}
function contractBackground(longhands) {
  const image = longhands["background-image"];
  const position = longhands["background-position"];
  const size = longhands["background-size"];
  const repeat = longhands["background-repeat"];
  const attachment = longhands["background-attachment"];
  const origin = longhands["background-origin"];
  const clip2 = longhands["background-clip"];
  const color = longhands["background-color"];
  if (!image || !position || !size || !repeat || !attachment || !origin || !clip2 || !color) return null;
  const wide = checkUniformCssWide([
    image,
    position,
    size,
    repeat,
    attachment,
    origin,
    clip2,
    color
  ].map((v) => serialize(v).trim()));
  if (wide !== void 0) return wide;
  const imageLayers = splitTokensByComma(image);
  const positionLayers = splitTokensByComma(position);
  const sizeLayers = splitTokensByComma(size);
  const repeatLayers = splitTokensByComma(repeat);
  const attachmentLayers = splitTokensByComma(attachment);
  const originLayers = splitTokensByComma(origin);
  const clipLayers = splitTokensByComma(clip2);
  const numLayers = imageLayers.length;
  if (positionLayers.length !== numLayers || sizeLayers.length !== numLayers || repeatLayers.length !== numLayers || attachmentLayers.length !== numLayers || originLayers.length !== numLayers || clipLayers.length !== numLayers) return null;
  const layerStrings = [];
  for (let i = 0; i < numLayers; i++) {
    const imgVal = serialize(imageLayers[i]).trim();
    const posVal = serialize(positionLayers[i]).trim();
    const sizeVal = serialize(sizeLayers[i]).trim();
    const repVal = serialize(repeatLayers[i]).trim();
    const attVal = serialize(attachmentLayers[i]).trim();
    const origVal = serialize(originLayers[i]).trim();
    const clipVal = serialize(clipLayers[i]).trim();
    const parts = [];
    if (imgVal !== "none" && imgVal !== "") parts.push(imgVal);
    const isInitialPosition = posVal !== "" && [
      "0% 0%",
      "left top",
      "0% center",
      "center left",
      "left center"
    ].includes(posVal.toLowerCase());
    const isInitialSize = sizeVal !== "" && ["auto", "auto auto"].includes(sizeVal.toLowerCase());
    if (posVal !== "" && sizeVal !== "") {
      if (!isInitialSize) parts.push(`${posVal} / ${sizeVal}`);
      else if (!isInitialPosition) parts.push(posVal);
    }
    const isInitialRepeat = repVal !== "" && ["repeat", "repeat repeat"].includes(repVal.toLowerCase());
    if (repVal !== "" && !isInitialRepeat) {
      const tokens = repeatLayers[i].filter((t) => t.type !== "whitespace" && t.type !== "EOF");
      if (tokens.length === 2) {
        const v0 = tokens[0].value?.toString().toLowerCase();
        const v1 = tokens[1].value?.toString().toLowerCase();
        if (v0 === "repeat" && v1 === "no-repeat") parts.push("repeat-x");
        else if (v0 === "no-repeat" && v1 === "repeat") parts.push("repeat-y");
        else if (v0 === v1 && v0) parts.push(v0);
        else parts.push(`${v0} ${v1}`);
      } else parts.push(repVal);
    }
    if (attVal !== "" && attVal.toLowerCase() !== "scroll") parts.push(attVal);
    if (origVal !== "" && clipVal !== "") {
      const isClipOnly = ["text", "border-area"].includes(clipVal.toLowerCase()) || clipVal.toLowerCase().includes("text") || clipVal.toLowerCase().includes("border-area");
      const defaultOrigin = isClipOnly ? "border-box" : "padding-box";
      if (origVal.toLowerCase() !== "padding-box" || clipVal.toLowerCase() !== "border-box") {
        if (isClipOnly) parts.push(origVal.toLowerCase() === defaultOrigin ? clipVal : `${origVal} ${clipVal}`);
        else parts.push(origVal.toLowerCase() === clipVal.toLowerCase() ? origVal : `${origVal} ${clipVal}`);
      }
    }
    if (i === numLayers - 1) {
      const colVal = serialize(color).trim();
      if (colVal !== "" && colVal.toLowerCase() !== "transparent") parts.push(colVal);
    }
    if (parts.length === 0) parts.push("none");
    layerStrings.push(parts.join(" "));
  }
  return layerStrings.join(", ");
}
function isValidLengthOrPercentage(val, allowNegative = true) {
  if (val.type === "ident") {
    const kw = (val.value ?? "").toString().toLowerCase();
    return kw === "auto" || CSS_WIDE_KEYWORDS$2.has(kw);
  }
  if (val.type === "dimension") {
    if (!allowNegative && typeof val.value === "number" && val.value < 0) return false;
    return LENGTH_UNITS.has((val.unit ?? "").toLowerCase());
  }
  if (val.type === "percentage") return allowNegative || typeof val.value !== "number" || val.value >= 0;
  if (val.type === "number" && val.value === 0) return true;
  if (val.type === "function") {
    const fnName = getFunctionName(val);
    return MATH_FUNCTIONS.has(fnName) || fnName === "env";
  }
  return false;
}
var expandBox = (physical, logical) => (values) => {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  const isLogical = filtered[0].type === "ident" && filtered[0].value.toLowerCase() === "logical";
  const data = isLogical ? filtered.slice(1) : filtered;
  if (data.length < 1 || data.length > 4) return null;
  const isLengthBox = physical[0].startsWith("margin") || physical[0].startsWith("padding") || physical[0] === "top" || physical[0].startsWith("scroll-") || physical[0].startsWith("border-") && physical[0].endsWith("-width");
  const allowNegative = !physical[0].startsWith("padding") && !physical[0].startsWith("scroll-padding") && !(physical[0].startsWith("border-") && physical[0].endsWith("-width"));
  if (isLengthBox && !data.every((v) => isValidLengthOrPercentage(v, allowNegative))) return null;
  const target = isLogical ? logical : physical;
  const [s0, s1, s2, s3] = expandFourSides(data);
  return {
    [target[0]]: s0,
    [target[1]]: s1,
    [target[2]]: s2,
    [target[3]]: s3
  };
};
var contractBox = (physical, logical) => (values) => {
  const t = values[physical[0]];
  const r = values[physical[1]];
  const b = values[physical[2]];
  const l = values[physical[3]];
  if (t && r && b && l) {
    const serialized = [
      t,
      r,
      b,
      l
    ].map((v) => serialize(v).trim());
    const cssWide = checkUniformCssWide(serialized);
    if (cssWide !== void 0) return cssWide;
    return formatFourSides(serialized[0], serialized[1], serialized[2], serialized[3]);
  }
  const lbs = values[logical[0]];
  const lbe = values[logical[2]];
  const lis = values[logical[1]];
  const lie = values[logical[3]];
  if (lbs && lbe && lis && lie) {
    const [sbs, sis, sbe, sie] = [
      lbs,
      lis,
      lbe,
      lie
    ].map((v) => serialize(v).trim());
    const cssWide = checkUniformCssWide([
      sbs,
      sis,
      sbe,
      sie
    ]);
    if (cssWide !== void 0) return cssWide;
    return `logical ${formatFourSides(sbs, sis, sbe, sie)}`;
  }
  return null;
};
var expandTwoValue = (longhands) => (values) => {
  const filtered = filterSignificantTokens(values);
  if (filtered.length < 1 || filtered.length > 2) return null;
  if (longhands[0].startsWith("padding") || longhands[0].endsWith("-width")) {
    for (const v of filtered) if ((v.type === "dimension" || v.type === "percentage" || v.type === "number") && typeof v.value === "number" && v.value < 0) return null;
  }
  return {
    [longhands[0]]: [filtered[0]],
    [longhands[1]]: filtered.length > 1 ? [filtered[1]] : [filtered[0]]
  };
};
var contractTwoValue = (longhands) => (values) => {
  const v1 = values[longhands[0]];
  const v2 = values[longhands[1]];
  if (!v1 || !v2) return null;
  const s1 = serialize(v1).trim();
  const s2 = serialize(v2).trim();
  const cssWide = checkUniformCssWide([s1, s2]);
  if (cssWide !== void 0) return cssWide;
  return s1 === s2 ? s1 : `${s1} ${s2}`;
};
function formatBorderSideValue(widthVal, styleVal, colorVal) {
  const w = widthVal.trim();
  const s = styleVal.trim();
  const c = colorVal.trim();
  const cssWide = checkUniformCssWide([
    w,
    s,
    c
  ]);
  if (cssWide !== void 0) return cssWide;
  const isInitialWidth = w.toLowerCase() === "medium";
  const isInitialStyle = s.toLowerCase() === "none";
  const isInitialColor = c.toLowerCase() === "currentcolor";
  if (isInitialWidth && isInitialStyle && isInitialColor) return "none";
  const parts = [];
  if (!isInitialWidth) parts.push(w);
  if (!isInitialStyle) parts.push(s);
  if (!isInitialColor) parts.push(c);
  return parts.length === 0 ? "none" : parts.join(" ");
}
function parseBorderTriplet(filtered, allowAutoStyle = false) {
  let widthVal = [{
    type: "ident",
    value: "medium"
  }];
  let styleVal = [{
    type: "ident",
    value: "none"
  }];
  let colorVal = [{
    type: "ident",
    value: "currentcolor"
  }];
  for (const val of filtered) if (val.type === "ident") {
    const v = val.value.toLowerCase();
    if (BORDER_WIDTH_KEYWORDS.has(v)) widthVal = [val];
    else if (BORDER_STYLE_KEYWORDS.has(v) || allowAutoStyle && v === "auto") styleVal = [val];
    else colorVal = [val];
  } else if (val.type === "dimension" || val.type === "percentage" || val.type === "number") widthVal = [val];
  else colorVal = [val];
  return {
    widthVal,
    styleVal,
    colorVal
  };
}
var BORDER_IMAGE_LONGHANDS = [
  "border-image-source",
  "border-image-slice",
  "border-image-width",
  "border-image-outset",
  "border-image-repeat"
];
var BORDER_ALL_LONGHANDS = [
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-top-style",
  "border-right-style",
  "border-bottom-style",
  "border-left-style",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  ...BORDER_IMAGE_LONGHANDS
];
function createInitialBorderImageValues(source = [{
  type: "ident",
  value: "none"
}]) {
  return {
    "border-image-source": source,
    "border-image-slice": [{
      type: "percentage",
      value: 100,
      sign: null
    }],
    "border-image-width": [{
      type: "number",
      value: 1,
      sign: null,
      numberType: "integer"
    }],
    "border-image-outset": [{
      type: "number",
      value: 0,
      sign: null,
      numberType: "integer"
    }],
    "border-image-repeat": [{
      type: "ident",
      value: "stretch"
    }]
  };
}
function isInitialBorderImage(values) {
  const src = values["border-image-source"];
  const slice = values["border-image-slice"];
  const width = values["border-image-width"];
  const outset = values["border-image-outset"];
  const repeat = values["border-image-repeat"];
  if (!src || !slice || !width || !outset || !repeat) return false;
  const sSrc = serialize(src).trim().toLowerCase();
  const sSlice = serialize(slice).trim().toLowerCase();
  const sWidth = serialize(width).trim().toLowerCase();
  const sOutset = serialize(outset).trim().toLowerCase();
  const sRepeat = serialize(repeat).trim().toLowerCase();
  return (sSrc === "none" || sSrc === "") && (sSlice === "100%" || sSlice === "100% 100% 100% 100%" || sSlice === "") && (sWidth === "1" || sWidth === "1 1 1 1" || sWidth === "") && (sOutset === "0" || sOutset === "0px" || sOutset === "0s" || sOutset === "0 0 0 0" || sOutset === "") && (sRepeat === "stretch" || sRepeat === "stretch stretch" || sRepeat === "");
}
var expandBorderSide = (prefix) => (values) => {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0 || filtered.length > 3) return null;
  const longhands = [
    `${prefix}-width`,
    `${prefix}-style`,
    `${prefix}-color`
  ];
  const cssWide = tryExpandCssWide(filtered, longhands);
  if (cssWide) return cssWide;
  const { widthVal, styleVal, colorVal } = parseBorderTriplet(filtered);
  return {
    [longhands[0]]: widthVal,
    [longhands[1]]: styleVal,
    [longhands[2]]: colorVal
  };
};
var contractBorderSide = (prefix) => (values) => {
  const w = values[`${prefix}-width`];
  const s = values[`${prefix}-style`];
  const c = values[`${prefix}-color`];
  if (!w || !s || !c) return null;
  return formatBorderSideValue(serialize(w), serialize(s), serialize(c));
};
function expandBorder(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0 || filtered.length > 3) return null;
  const cssWide = tryExpandCssWide(filtered, BORDER_ALL_LONGHANDS);
  if (cssWide) return cssWide;
  const { widthVal, styleVal, colorVal } = parseBorderTriplet(filtered);
  return {
    "border-top-width": widthVal,
    "border-right-width": widthVal,
    "border-bottom-width": widthVal,
    "border-left-width": widthVal,
    "border-top-style": styleVal,
    "border-right-style": styleVal,
    "border-bottom-style": styleVal,
    "border-left-style": styleVal,
    "border-top-color": colorVal,
    "border-right-color": colorVal,
    "border-bottom-color": colorVal,
    "border-left-color": colorVal,
    ...createInitialBorderImageValues()
  };
}
function contractBorder(values) {
  for (const lh of BORDER_ALL_LONGHANDS) if (!values[lh]) return null;
  const allSerialized = BORDER_ALL_LONGHANDS.map((lh) => serialize(values[lh]).trim());
  const cssWide = checkUniformCssWide(allSerialized);
  if (cssWide !== void 0) return cssWide;
  if (!isInitialBorderImage(values)) return null;
  const [w0, w1, w2, w3, s0, s1, s2, s3, c0, c1, c2, c3] = allSerialized;
  if (w0 !== w1 || w0 !== w2 || w0 !== w3) return null;
  if (s0 !== s1 || s0 !== s2 || s0 !== s3) return null;
  if (c0 !== c1 || c0 !== c2 || c0 !== c3) return null;
  return formatBorderSideValue(w0, s0, c0);
}
function expandBorderImage(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  const cssWide = tryExpandCssWide(filtered, BORDER_IMAGE_LONGHANDS);
  if (cssWide) return cssWide;
  if (filtered.length === 1 && filtered[0].type === "ident" && filtered[0].value.toLowerCase() === "none") return createInitialBorderImageValues();
  if (filtered.some((t) => t.type === "function" && getFunctionName(t) === "var")) return expandUniformLonghands(BORDER_IMAGE_LONGHANDS, values);
  let source = [{
    type: "ident",
    value: "none"
  }];
  for (const token of filtered) if (token.type === "url" || token.type === "function" && [
    "linear-gradient",
    "radial-gradient",
    "conic-gradient",
    "image",
    "image-set"
  ].includes(getFunctionName(token))) source = [token];
  return createInitialBorderImageValues(source);
}
function contractBorderImage(values) {
  for (const lh of BORDER_IMAGE_LONGHANDS) if (!values[lh]) return null;
  const allVals = BORDER_IMAGE_LONGHANDS.map((lh) => serialize(values[lh]).trim());
  const cssWide = checkUniformCssWide(allVals, true);
  if (cssWide !== void 0) return cssWide;
  if (isInitialBorderImage(values)) return "none";
  const [sSrc, sSlice, sWidth, sOutset, sRepeat] = allVals;
  return (sSlice === "100%" || sSlice === "100% 100% 100% 100%") && (sWidth === "1" || sWidth === "1 1 1 1") && (sOutset === "0" || sOutset === "0px" || sOutset === "0s" || sOutset === "0 0 0 0") && (sRepeat === "stretch" || sRepeat === "stretch stretch") ? sSrc : null;
}
function expandOutline(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0 || filtered.length > 3) return null;
  const cssWide = tryExpandCssWide(filtered, [
    "outline-color",
    "outline-style",
    "outline-width"
  ]);
  if (cssWide) return cssWide;
  const { widthVal, styleVal, colorVal } = parseBorderTriplet(filtered, true);
  return {
    "outline-color": colorVal,
    "outline-style": styleVal,
    "outline-width": widthVal
  };
}
function contractOutline(values) {
  const c = values["outline-color"];
  const s = values["outline-style"];
  const w = values["outline-width"];
  if (!c || !s || !w) return null;
  const sc = serialize(c).trim();
  const ss = serialize(s).trim();
  const sw = serialize(w).trim();
  const cssWide = checkUniformCssWide([
    sc,
    ss,
    sw
  ]);
  if (cssWide !== void 0) return cssWide;
  const isInitialColor = sc.toLowerCase() === "currentcolor";
  const isInitialStyle = ss.toLowerCase() === "none";
  const isInitialWidth = sw.toLowerCase() === "medium";
  if (isInitialColor && isInitialStyle && isInitialWidth) return "none";
  const parts = [];
  if (!isInitialColor) parts.push(sc);
  if (!isInitialStyle) parts.push(ss);
  if (!isInitialWidth) parts.push(sw);
  return parts.length === 0 ? "none" : parts.join(" ");
}
var FONT_VARIANT_LONGHANDS = [
  "font-variant-ligatures",
  "font-variant-caps",
  "font-variant-alternates",
  "font-variant-numeric",
  "font-variant-east-asian",
  "font-variant-position",
  "font-variant-emoji"
];
function expandFontVariant(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  const wide = tryExpandCssWide(filtered, FONT_VARIANT_LONGHANDS);
  if (wide) return wide;
  if (filtered.length === 1 && filtered[0].type === "ident") {
    const v = filtered[0].value.toLowerCase();
    if (v === "normal") return expandUniformLonghands(FONT_VARIANT_LONGHANDS, [{
      type: "ident",
      value: "normal"
    }]);
    if (v === "none") {
      const res2 = expandUniformLonghands(FONT_VARIANT_LONGHANDS, [{
        type: "ident",
        value: "normal"
      }]);
      res2["font-variant-ligatures"] = [{
        type: "ident",
        value: "none"
      }];
      return res2;
    }
  }
  const buckets = {
    "font-variant-ligatures": [],
    "font-variant-caps": [],
    "font-variant-alternates": [],
    "font-variant-numeric": [],
    "font-variant-east-asian": [],
    "font-variant-position": [],
    "font-variant-emoji": []
  };
  for (const token of filtered) if (token.type === "ident") {
    const val = token.value.toLowerCase();
    if (val === "normal") continue;
    if (val === "none" || FONT_VARIANT_LIGATURES_KEYWORDS.has(val)) buckets["font-variant-ligatures"].push(token);
    else if (FONT_VARIANT_CAPS_KEYWORDS.has(val)) buckets["font-variant-caps"].push(token);
    else if (val === "historical-forms") buckets["font-variant-alternates"].push(token);
    else if (FONT_VARIANT_NUMERIC_KEYWORDS.has(val)) buckets["font-variant-numeric"].push(token);
    else if (FONT_VARIANT_EAST_ASIAN_KEYWORDS.has(val)) buckets["font-variant-east-asian"].push(token);
    else if (FONT_VARIANT_POSITION_KEYWORDS.has(val)) buckets["font-variant-position"].push(token);
    else if (FONT_VARIANT_EMOJI_KEYWORDS.has(val)) buckets["font-variant-emoji"].push(token);
    else return null;
  } else if (token.type === "function" && FONT_VARIANT_ALTERNATES_FUNCTIONS.has(getFunctionName(token))) buckets["font-variant-alternates"].push(token);
  else return null;
  const norm = [{
    type: "ident",
    value: "normal"
  }];
  const res = {};
  for (const lh of FONT_VARIANT_LONGHANDS) res[lh] = buckets[lh].length > 0 ? joinWithWhitespace(buckets[lh]) : norm;
  return res;
}
function contractFontVariant(values) {
  for (const lh of FONT_VARIANT_LONGHANDS) if (!values[lh]) return null;
  const allVals = FONT_VARIANT_LONGHANDS.map((lh) => serialize(values[lh]).trim());
  const wide = checkUniformCssWide(allVals);
  if (wide !== void 0) return wide;
  if (allVals.every((v) => v.toLowerCase() === "normal")) return "normal";
  if (allVals[0].toLowerCase() === "none") return allVals.slice(1).every((v) => v.toLowerCase() === "normal") ? "none" : null;
  const nonNormal = allVals.filter((v) => v.toLowerCase() !== "normal");
  return nonNormal.length === 0 ? "normal" : nonNormal.join(" ");
}
var FONT_LONGHANDS = [
  "font-style",
  "font-variant-caps",
  "font-variant-ligatures",
  "font-variant-alternates",
  "font-variant-numeric",
  "font-variant-east-asian",
  "font-variant-position",
  "font-variant-emoji",
  "font-weight",
  "font-stretch",
  "font-size",
  "line-height",
  "font-family"
];
function expandFont(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  if (filtered.length === 1 && filtered[0].type === "ident" && SYSTEM_FONT_KEYWORDS.has(filtered[0].value.toLowerCase())) return expandUniformLonghands(FONT_LONGHANDS, [filtered[0]]);
  const norm = [{
    type: "ident",
    value: "normal"
  }];
  let styleVal = norm;
  let capsVal = norm;
  let weightVal = norm;
  let stretchVal = norm;
  let lineHeightVal = norm;
  let i = 0;
  while (i < filtered.length) {
    const token = filtered[i];
    if (token.type === "ident") {
      const v = token.value.toLowerCase();
      if (v === "italic" || v === "oblique") {
        styleVal = [token];
        i++;
        continue;
      }
      if (v === "small-caps") {
        capsVal = [token];
        i++;
        continue;
      }
      if (v === "bold" || v === "bolder" || v === "lighter") {
        weightVal = [token];
        i++;
        continue;
      }
      if (FONT_STRETCH_KEYWORDS.has(v)) {
        stretchVal = [token];
        i++;
        continue;
      }
      if (v === "normal") {
        i++;
        continue;
      }
    } else if (token.type === "number" && typeof token.value === "number" && token.value >= 1 && token.value <= 1e3) {
      weightVal = [token];
      i++;
      continue;
    }
    break;
  }
  if (i >= filtered.length) return null;
  const sizeToken = filtered[i];
  if (!(sizeToken.type === "dimension" || sizeToken.type === "percentage" || sizeToken.type === "number" && sizeToken.value === 0 || sizeToken.type === "ident" && FONT_SIZE_KEYWORDS.has(sizeToken.value.toLowerCase()) || sizeToken.type === "function" && MATH_FUNCTIONS.has(getFunctionName(sizeToken)))) return null;
  const sizeVal = [sizeToken];
  i++;
  if (i < filtered.length && filtered[i].type === "delim" && filtered[i].value === "/") {
    i++;
    if (i >= filtered.length) return null;
    const lhToken = filtered[i];
    if (!(lhToken.type === "number" || lhToken.type === "dimension" || lhToken.type === "percentage" || lhToken.type === "ident" && lhToken.value.toLowerCase() === "normal" || lhToken.type === "function" && MATH_FUNCTIONS.has(getFunctionName(lhToken)))) return null;
    lineHeightVal = [lhToken];
    i++;
  }
  if (i >= filtered.length) return null;
  const lastConsumed = lineHeightVal !== norm ? lineHeightVal[0] : sizeToken;
  const lastIdx = values.indexOf(lastConsumed);
  let familyVal;
  if (lastIdx !== -1) {
    familyVal = values.slice(lastIdx + 1).filter((t) => t.type !== "EOF");
    while (familyVal.length > 0 && (familyVal[0].type === "whitespace" || familyVal[0].type === "comment")) familyVal.shift();
  } else familyVal = filtered.slice(i);
  const res = expandUniformLonghands(FONT_LONGHANDS, norm);
  res["font-style"] = styleVal;
  res["font-variant-caps"] = capsVal;
  res["font-weight"] = weightVal;
  res["font-stretch"] = stretchVal;
  res["font-size"] = sizeVal;
  res["line-height"] = lineHeightVal;
  res["font-family"] = familyVal;
  return res;
}
var FONT_PRIMARY_LONGHANDS = [
  "font-style",
  "font-variant-caps",
  "font-weight",
  "font-stretch",
  "font-size",
  "line-height",
  "font-family"
];
var FONT_OTHER_VARIANTS = [
  "font-variant-ligatures",
  "font-variant-alternates",
  "font-variant-numeric",
  "font-variant-east-asian",
  "font-variant-position",
  "font-variant-emoji"
];
function contractFont(values) {
  for (const lh of FONT_PRIMARY_LONGHANDS) if (!values[lh]) return null;
  const sStyle = serialize(values["font-style"]).trim();
  const sCaps = serialize(values["font-variant-caps"]).trim();
  const sWeight = serialize(values["font-weight"]).trim();
  const sStretch = serialize(values["font-stretch"]).trim();
  const sSize = serialize(values["font-size"]).trim();
  const sLineHeight = serialize(values["line-height"]).trim();
  const sFamily = serialize(values["font-family"], false, "font-family").trim();
  const wide = checkUniformCssWide([
    sStyle,
    sCaps,
    sWeight,
    sStretch,
    sSize,
    sLineHeight,
    sFamily,
    ...FONT_OTHER_VARIANTS.map((lh) => values[lh] ? serialize(values[lh]).trim() : sStyle)
  ]);
  if (wide !== void 0) return wide;
  for (const lh of FONT_OTHER_VARIANTS) if (values[lh] && serialize(values[lh]).trim().toLowerCase() !== "normal") return null;
  if (!sSize || !sFamily) return null;
  const parts = [];
  if (sStyle.toLowerCase() !== "normal") parts.push(sStyle);
  if (sCaps.toLowerCase() !== "normal") parts.push(sCaps);
  if (sWeight.toLowerCase() !== "normal" && sWeight !== "400") parts.push(sWeight);
  if (sStretch.toLowerCase() !== "normal") parts.push(sStretch);
  parts.push(sLineHeight.toLowerCase() !== "normal" ? `${sSize} / ${sLineHeight}` : sSize);
  parts.push(sFamily);
  return parts.join(" ");
}
var LIST_STYLE_LONGHANDS = [
  "list-style-type",
  "list-style-position",
  "list-style-image"
];
function expandListStyle(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0 || filtered.length > 3) return null;
  const wide = tryExpandCssWide(filtered, LIST_STYLE_LONGHANDS);
  if (wide) return wide;
  let typeVal = [{
    type: "ident",
    value: "disc"
  }];
  let posVal = [{
    type: "ident",
    value: "outside"
  }];
  let imgVal = [{
    type: "ident",
    value: "none"
  }];
  let hasType = false;
  let hasPos = false;
  let hasImg = false;
  for (const token of filtered) if (token.type === "ident") {
    const v = token.value.toLowerCase();
    if ((v === "inside" || v === "outside") && !hasPos) {
      posVal = [token];
      hasPos = true;
    } else if (v === "none") {
      if (!hasImg && !hasType) {
        imgVal = [token];
        typeVal = [token];
        hasImg = true;
        hasType = true;
      } else if (!hasImg) {
        imgVal = [token];
        hasImg = true;
      } else if (!hasType) {
        typeVal = [token];
        hasType = true;
      }
    } else if (!hasType) {
      typeVal = [token];
      hasType = true;
    } else return null;
  } else if ((token.type === "url" || token.type === "function" && IMAGE_FUNCTIONS.has(getFunctionName(token))) && !hasImg) {
    imgVal = [token];
    hasImg = true;
  } else return null;
  return {
    "list-style-type": typeVal,
    "list-style-position": posVal,
    "list-style-image": imgVal
  };
}
function contractListStyle(values) {
  const t = values["list-style-type"];
  const p = values["list-style-position"];
  const i = values["list-style-image"];
  if (!t || !p || !i) return null;
  const st = serialize(t).trim();
  const sp = serialize(p).trim();
  const si = serialize(i).trim();
  const wide = checkUniformCssWide([
    st,
    sp,
    si
  ]);
  if (wide !== void 0) return wide;
  const parts = [];
  if (sp.toLowerCase() !== "outside") parts.push(sp);
  if (si.toLowerCase() !== "none") parts.push(si);
  if (st.toLowerCase() !== "disc") parts.push(st);
  return parts.length === 0 ? "disc" : parts.join(" ");
}
var FLEX_LONGHANDS = [
  "flex-grow",
  "flex-shrink",
  "flex-basis"
];
function expandFlex(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0 || filtered.length > 3) return null;
  const wide = tryExpandCssWide(filtered, FLEX_LONGHANDS);
  if (wide) return wide;
  if (filtered.length === 1 && filtered[0].type === "ident") {
    const v = filtered[0].value.toLowerCase();
    if (v === "none") return {
      "flex-grow": [{
        type: "number",
        value: 0,
        sign: null,
        numberType: "integer"
      }],
      "flex-shrink": [{
        type: "number",
        value: 0,
        sign: null,
        numberType: "integer"
      }],
      "flex-basis": [{
        type: "ident",
        value: "auto"
      }]
    };
    if (v === "auto") return {
      "flex-grow": [{
        type: "number",
        value: 1,
        sign: null,
        numberType: "integer"
      }],
      "flex-shrink": [{
        type: "number",
        value: 1,
        sign: null,
        numberType: "integer"
      }],
      "flex-basis": [{
        type: "ident",
        value: "auto"
      }]
    };
  }
  let grow = null;
  let shrink = null;
  let basis = null;
  for (const token of filtered) if (token.type === "number") {
    if (grow === null) grow = [token];
    else if (shrink === null) shrink = [token];
    else return null;
  } else if (isValidLengthOrPercentage(token) || token.type === "ident" && FLEX_BASIS_KEYWORDS.has(token.value.toLowerCase())) {
    if (basis === null) basis = [token];
    else return null;
  } else return null;
  if (grow === null && basis === null) return null;
  const one = [{
    type: "number",
    value: 1,
    sign: null,
    numberType: "integer"
  }];
  return {
    "flex-grow": grow ?? one,
    "flex-shrink": shrink ?? one,
    "flex-basis": basis ?? (grow !== null ? [{
      type: "dimension",
      value: 0,
      unit: "px",
      sign: null,
      numberType: "integer"
    }] : [{
      type: "ident",
      value: "auto"
    }])
  };
}
function contractFlex(values) {
  const g = values["flex-grow"];
  const s = values["flex-shrink"];
  const b = values["flex-basis"];
  if (!g || !s || !b) return null;
  const sg = serialize(g).trim();
  const ss = serialize(s).trim();
  const sb = serialize(b).trim();
  const wide = checkUniformCssWide([
    sg,
    ss,
    sb
  ]);
  if (wide !== void 0) return wide;
  if (sg.includes("var(") || ss.includes("var(") || sb.includes("var(")) return sg === ss && sg === sb ? sg : null;
  if (sb.toLowerCase() === "auto") {
    if (sg === "0" && ss === "1") return "initial";
    if (sg === "1" && ss === "1") return "auto";
    if (sg === "0" && ss === "0") return "none";
  }
  if ((sb === "0px" || sb === "0%" || sb === "0") && ss === "1") return `${sg} 1 0px`;
  return `${sg} ${ss} ${sb}`;
}
function contractOverflow(values) {
  const x = values["overflow-x"];
  const y = values["overflow-y"];
  if (!x || !y) return null;
  const sx = serialize(x).trim();
  const sy = serialize(y).trim();
  const wide = checkUniformCssWide([sx, sy]);
  if (wide !== void 0) return wide;
  if (sx.includes("var(") || sy.includes("var(")) return sx === sy ? sx : null;
  return sx === sy ? sx : `${sx} ${sy}`;
}
var LINE_CLAMP_LONGHANDS = [
  "max-lines",
  "block-ellipsis",
  "continue"
];
function expandLineClamp(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  const wide = tryExpandCssWide(filtered, LINE_CLAMP_LONGHANDS);
  if (wide) return wide;
  const autoToken = [{
    type: "ident",
    value: "auto"
  }];
  if (filtered.length === 1 && filtered[0].type === "ident" && filtered[0].value.toLowerCase() === "none") return {
    "max-lines": [{
      type: "ident",
      value: "none"
    }],
    "block-ellipsis": autoToken,
    "continue": autoToken
  };
  return {
    "max-lines": filtered,
    "block-ellipsis": autoToken,
    "continue": autoToken
  };
}
function contractLineClamp(values) {
  const lines = values["max-lines"];
  if (!lines) return null;
  const sLines = serialize(lines).trim();
  const wide = checkUniformCssWide([sLines, ...[values["block-ellipsis"], values["continue"]].filter(Boolean).map((v) => serialize(v).trim())]);
  if (wide !== void 0) return wide;
  return sLines.toLowerCase() === "none" ? "none" : sLines;
}
var BORDER_RADIUS_PHYSICAL = [
  "border-top-left-radius",
  "border-top-right-radius",
  "border-bottom-right-radius",
  "border-bottom-left-radius"
];
function expandBorderRadius(values) {
  const filtered = filterSignificantTokens(values);
  if (filtered.length === 0) return null;
  if (filtered[0].type === "ident" && filtered[0].value.toLowerCase() === "logical") return null;
  const slashIndex = filtered.findIndex((v) => v.type === "delim" && v.value === "/");
  let hValues;
  let vValues;
  if (slashIndex !== -1) {
    hValues = filtered.slice(0, slashIndex);
    vValues = filtered.slice(slashIndex + 1);
    if (hValues.length === 0 || hValues.length > 4 || vValues.length === 0 || vValues.length > 4) return null;
    if (vValues.some((v) => v.type === "delim" && v.value === "/")) return null;
  } else {
    if (filtered.length > 4) return null;
    hValues = filtered;
    vValues = filtered;
  }
  const hExpanded = expandFourSides(hValues);
  const vExpanded = expandFourSides(vValues);
  const result = {};
  for (let i = 0; i < 4; i++) {
    const h = hExpanded[i];
    const v = vExpanded[i];
    result[BORDER_RADIUS_PHYSICAL[i]] = serialize(h) === serialize(v) ? h : [
      ...h,
      {
        type: "whitespace",
        value: " "
      },
      ...v
    ];
  }
  return result;
}
function contractBorderRadius(values) {
  if (!BORDER_RADIUS_PHYSICAL.every((prop2) => values[prop2] !== void 0)) return null;
  const longhands = BORDER_RADIUS_PHYSICAL.map((prop2) => values[prop2]);
  const wide = checkUniformCssWide(longhands.map((lh) => serialize(lh).trim()));
  if (wide !== void 0) return wide;
  const parsed = longhands.map((lh) => {
    const filtered = filterSignificantTokens(lh);
    return {
      h: serialize([filtered[0]]).trim(),
      v: serialize([filtered.length > 1 ? filtered[1] : filtered[0]]).trim()
    };
  });
  const hStr = formatFourSides(parsed[0].h, parsed[1].h, parsed[2].h, parsed[3].h);
  const vStr = formatFourSides(parsed[0].v, parsed[1].v, parsed[2].v, parsed[3].v);
  return hStr === vStr ? hStr : `${hStr} / ${vStr}`;
}
var logicalLonghands = [];
var physicalLonghands = [];
for (const prop2 of SUPPORTED_PROPERTIES) if (prop2 !== "all" && prop2 !== "direction" && prop2 !== "unicode-bidi" && !prop2.startsWith("--") && !(prop2 in SHORTHANDS_DATA)) {
  if (prop2 in LOGICAL_MAPPING) logicalLonghands.push(prop2);
  else physicalLonghands.push(prop2);
}
var ALL_SHORTHAND_LONGHANDS = Object.freeze([...logicalLonghands, ...physicalLonghands]);
function isCSSWideKeywordOrVar(tokens) {
  const nonWs = filterSignificantTokens(tokens);
  if (nonWs.length === 1 && nonWs[0].type === "ident" && CSS_WIDE_KEYWORDS$2.has(nonWs[0].value.toLowerCase())) return true;
  return nonWs.some((t) => t.type === "function" && getFunctionName(t) === "var");
}
function expandAll(value) {
  if (!value || value.length === 0 || !isCSSWideKeywordOrVar(value)) return null;
  return expandUniformLonghands(ALL_SHORTHAND_LONGHANDS, value);
}
function contractAll(longhands) {
  let firstVal = null;
  for (const lh of ALL_SHORTHAND_LONGHANDS) {
    const valTokens = longhands[lh];
    if (!valTokens || valTokens.length === 0) return null;
    const serialized = serialize(valTokens).trim();
    if (firstVal === null) firstVal = serialized;
    else if (serialized !== firstVal) return null;
  }
  if (!firstVal) return null;
  const lower = firstVal.toLowerCase();
  return CSS_WIDE_KEYWORDS$2.has(lower) || lower.startsWith("var(") ? firstVal : null;
}
function createBoxShorthand(name, physical, logical) {
  return {
    longhands: SHORTHANDS_DATA[name],
    logicalLonghands: logical,
    expand: expandBox(physical, logical),
    contract: contractBox(physical, logical)
  };
}
function createTwoValueShorthand(name, physicalLonghands2) {
  const longhands = SHORTHANDS_DATA[name];
  return {
    longhands,
    ...physicalLonghands2 ? { physicalLonghands: physicalLonghands2 } : {},
    expand: expandTwoValue(longhands),
    contract: contractTwoValue(longhands)
  };
}
function createBorderSideShorthand(prefix, longhands, physicalLonghands2) {
  return {
    longhands,
    ...physicalLonghands2 ? { physicalLonghands: physicalLonghands2 } : {},
    expand: expandBorderSide(prefix),
    contract: contractBorderSide(prefix)
  };
}
function createBorderAxisShorthand(name, startProp, endProp, physicalLonghands2, logicalLonghands2) {
  return {
    longhands: SHORTHANDS_DATA[name],
    physicalLonghands: physicalLonghands2,
    logicalLonghands: logicalLonghands2,
    expand: (values) => {
      if (filterSignificantTokens(values).length === 0) return null;
      return {
        [startProp]: values,
        [endProp]: values
      };
    },
    contract: (values) => {
      const sVal = values[startProp];
      const eVal = values[endProp];
      const start = sVal ? serialize(sVal).trim() : contractBorderSide(startProp)(values);
      const end = eVal ? serialize(eVal).trim() : contractBorderSide(endProp)(values);
      return start && end && start === end ? start : null;
    }
  };
}
var SHORTHANDS = {
  "border-block": createBorderAxisShorthand("border-block", "border-block-start", "border-block-end", [
    "border-top-width",
    "border-top-style",
    "border-top-color",
    "border-bottom-width",
    "border-bottom-style",
    "border-bottom-color"
  ], [
    "border-block-start-width",
    "border-block-start-style",
    "border-block-start-color",
    "border-block-end-width",
    "border-block-end-style",
    "border-block-end-color"
  ]),
  "border-block-color": createTwoValueShorthand("border-block-color", ["border-top-color", "border-bottom-color"]),
  "border-block-end": createBorderSideShorthand("border-block-end", SHORTHANDS_DATA["border-block-end"], [
    "border-bottom-width",
    "border-bottom-style",
    "border-bottom-color"
  ]),
  "border-block-start": createBorderSideShorthand("border-block-start", SHORTHANDS_DATA["border-block-start"], [
    "border-top-width",
    "border-top-style",
    "border-top-color"
  ]),
  "border-block-style": createTwoValueShorthand("border-block-style", ["border-top-style", "border-bottom-style"]),
  "border-block-width": createTwoValueShorthand("border-block-width", ["border-top-width", "border-bottom-width"]),
  "border": {
    longhands: BORDER_ALL_LONGHANDS,
    expand: expandBorder,
    contract: contractBorder
  },
  "border-top": createBorderSideShorthand("border-top", [
    "border-top-width",
    "border-top-style",
    "border-top-color"
  ]),
  "border-right": createBorderSideShorthand("border-right", [
    "border-right-width",
    "border-right-style",
    "border-right-color"
  ]),
  "border-bottom": createBorderSideShorthand("border-bottom", [
    "border-bottom-width",
    "border-bottom-style",
    "border-bottom-color"
  ]),
  "border-left": createBorderSideShorthand("border-left", [
    "border-left-width",
    "border-left-style",
    "border-left-color"
  ]),
  "border-image": {
    longhands: BORDER_IMAGE_LONGHANDS,
    expand: expandBorderImage,
    contract: contractBorderImage
  },
  "outline": {
    longhands: [
      "outline-color",
      "outline-style",
      "outline-width"
    ],
    expand: expandOutline,
    contract: contractOutline
  },
  "font-variant": {
    longhands: FONT_VARIANT_LONGHANDS,
    expand: expandFontVariant,
    contract: contractFontVariant
  },
  "font": {
    longhands: FONT_LONGHANDS,
    expand: expandFont,
    contract: contractFont
  },
  "list-style": {
    longhands: LIST_STYLE_LONGHANDS,
    expand: expandListStyle,
    contract: contractListStyle
  },
  "overflow": {
    longhands: SHORTHANDS_DATA["overflow"],
    expand: expandTwoValue(SHORTHANDS_DATA["overflow"]),
    contract: contractOverflow
  },
  "flex": {
    longhands: FLEX_LONGHANDS,
    expand: expandFlex,
    contract: contractFlex
  },
  "-webkit-flex": {
    longhands: FLEX_LONGHANDS,
    expand: expandFlex,
    contract: contractFlex
  },
  "line-clamp": {
    longhands: LINE_CLAMP_LONGHANDS,
    expand: expandLineClamp,
    contract: contractLineClamp
  },
  "-webkit-line-clamp": {
    longhands: LINE_CLAMP_LONGHANDS,
    expand: expandLineClamp,
    contract: contractLineClamp
  },
  "border-color": createBoxShorthand("border-color", [
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color"
  ], [
    "border-block-start-color",
    "border-inline-start-color",
    "border-block-end-color",
    "border-inline-end-color"
  ]),
  "border-inline": createBorderAxisShorthand("border-inline", "border-inline-start", "border-inline-end", [
    "border-left-width",
    "border-left-style",
    "border-left-color",
    "border-right-width",
    "border-right-style",
    "border-right-color"
  ], [
    "border-inline-start-width",
    "border-inline-start-style",
    "border-inline-start-color",
    "border-inline-end-width",
    "border-inline-end-style",
    "border-inline-end-color"
  ]),
  "border-inline-color": createTwoValueShorthand("border-inline-color", ["border-left-color", "border-right-color"]),
  "border-inline-end": createBorderSideShorthand("border-inline-end", SHORTHANDS_DATA["border-inline-end"], [
    "border-right-width",
    "border-right-style",
    "border-right-color"
  ]),
  "border-inline-start": createBorderSideShorthand("border-inline-start", SHORTHANDS_DATA["border-inline-start"], [
    "border-left-width",
    "border-left-style",
    "border-left-color"
  ]),
  "border-inline-style": createTwoValueShorthand("border-inline-style", ["border-left-style", "border-right-style"]),
  "border-inline-width": createTwoValueShorthand("border-inline-width", ["border-left-width", "border-right-width"]),
  "border-radius": {
    longhands: SHORTHANDS_DATA["border-radius"],
    logicalLonghands: [
      "border-start-start-radius",
      "border-start-end-radius",
      "border-end-end-radius",
      "border-end-start-radius"
    ],
    expand: expandBorderRadius,
    contract: contractBorderRadius
  },
  "border-style": createBoxShorthand("border-style", [
    "border-top-style",
    "border-right-style",
    "border-bottom-style",
    "border-left-style"
  ], [
    "border-block-start-style",
    "border-inline-start-style",
    "border-block-end-style",
    "border-inline-end-style"
  ]),
  "border-width": createBoxShorthand("border-width", [
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width"
  ], [
    "border-block-start-width",
    "border-inline-start-width",
    "border-block-end-width",
    "border-inline-end-width"
  ]),
  "inset": createBoxShorthand("inset", [
    "top",
    "right",
    "bottom",
    "left"
  ], [
    "inset-block-start",
    "inset-inline-start",
    "inset-block-end",
    "inset-inline-end"
  ]),
  "inset-block": createTwoValueShorthand("inset-block", ["top", "bottom"]),
  "inset-inline": createTwoValueShorthand("inset-inline", ["left", "right"]),
  "margin": createBoxShorthand("margin", [
    "margin-top",
    "margin-right",
    "margin-bottom",
    "margin-left"
  ], [
    "margin-block-start",
    "margin-inline-start",
    "margin-block-end",
    "margin-inline-end"
  ]),
  "margin-block": createTwoValueShorthand("margin-block", ["margin-top", "margin-bottom"]),
  "margin-inline": createTwoValueShorthand("margin-inline", ["margin-left", "margin-right"]),
  "padding": createBoxShorthand("padding", [
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left"
  ], [
    "padding-block-start",
    "padding-inline-start",
    "padding-block-end",
    "padding-inline-end"
  ]),
  "padding-block": createTwoValueShorthand("padding-block", ["padding-top", "padding-bottom"]),
  "padding-inline": createTwoValueShorthand("padding-inline", ["padding-left", "padding-right"]),
  "scroll-margin": createBoxShorthand("scroll-margin", [
    "scroll-margin-top",
    "scroll-margin-right",
    "scroll-margin-bottom",
    "scroll-margin-left"
  ], [
    "scroll-margin-block-start",
    "scroll-margin-inline-start",
    "scroll-margin-block-end",
    "scroll-margin-inline-end"
  ]),
  "scroll-padding": createBoxShorthand("scroll-padding", [
    "scroll-padding-top",
    "scroll-padding-right",
    "scroll-padding-bottom",
    "scroll-padding-left"
  ], [
    "scroll-padding-block-start",
    "scroll-padding-inline-start",
    "scroll-padding-block-end",
    "scroll-padding-inline-end"
  ]),
  "background": {
    longhands: SHORTHANDS_DATA["background"],
    expand: expandBackground,
    contract: contractBackground
  },
  "all": {
    longhands: ALL_SHORTHAND_LONGHANDS,
    expand: expandAll,
    contract: contractAll
  }
};
function getShorthandAllLonghands(shorthand) {
  if (shorthand.allLonghands) return shorthand.allLonghands;
  if (!shorthand.logicalLonghands && !shorthand.physicalLonghands) return shorthand.longhands;
  const combined = Object.freeze([
    ...shorthand.longhands,
    ...shorthand.logicalLonghands || [],
    ...shorthand.physicalLonghands || []
  ]);
  shorthand.allLonghands = combined;
  return combined;
}
var LONGHAND_TO_SHORTHAND = {};
for (const [shorthand, def] of Object.entries(SHORTHANDS)) {
  def.allLonghands = Object.freeze([
    ...def.longhands,
    ...def.logicalLonghands || [],
    ...def.physicalLonghands || []
  ]);
  if (shorthand === "all") continue;
  for (const longhand of def.longhands) {
    if (!LONGHAND_TO_SHORTHAND[longhand]) LONGHAND_TO_SHORTHAND[longhand] = [];
    LONGHAND_TO_SHORTHAND[longhand].push(shorthand);
  }
  if (def.logicalLonghands) for (const longhand of def.logicalLonghands) {
    if (!LONGHAND_TO_SHORTHAND[longhand]) LONGHAND_TO_SHORTHAND[longhand] = [];
    LONGHAND_TO_SHORTHAND[longhand].push(shorthand);
  }
  if (def.physicalLonghands) for (const longhand of def.physicalLonghands) {
    if (!LONGHAND_TO_SHORTHAND[longhand]) LONGHAND_TO_SHORTHAND[longhand] = [];
    if (!LONGHAND_TO_SHORTHAND[longhand].includes(shorthand)) LONGHAND_TO_SHORTHAND[longhand].push(shorthand);
  }
}
var formatter = new Intl.NumberFormat("en-US", {
  useGrouping: false,
  minimumFractionDigits: 0,
  maximumFractionDigits: 6
});
function formatNumber(val) {
  if (val === 0) return "0";
  if (!Number.isFinite(val)) {
    if (val === Infinity) return "infinity";
    if (val === -Infinity) return "-infinity";
    return "nan";
  }
  const formatted = formatter.format(val);
  return formatted === "-0" ? "0" : formatted;
}
var PSEUDO_CLASSES = /* @__PURE__ */ new Set("active,active-view-transition,active-view-transition-type,after,animated-image,any-link,autofill,before,blank,buffering,checked,current,default,defined,dir,disabled,empty,enabled,first,first-child,first-letter,first-line,first-of-page,first-of-type,focus,focus-visible,focus-within,fullscreen,future,has,has-slotted,heading,high-value,host,host-context,hover,in-range,indeterminate,interest-source,interest-target,invalid,is,lang,last-child,last-of-page,last-of-type,left,link,link-to,local-link,low-value,matches,modal,muted,navigation-source,not,nth,nth-child,nth-col,nth-last-child,nth-last-col,nth-last-of-type,nth-of-page,nth-of-type,only-child,only-of-type,open,optimal-value,optional,out-of-range,past,paused,picture-in-picture,placeholder-shown,playing,popover-open,read-only,read-write,required,right,root,scope,seeking,snapped,snapped-block,snapped-inline,snapped-x,snapped-y,stalled,start-of-page,state,target,target-after,target-before,target-current,target-within,unchecked,user-invalid,user-valid,valid,visited,volume-locked,where,xr-overlay".split(","));
var PSEUDO_ELEMENTS = /* @__PURE__ */ new Set("-moz-progress-bar,-moz-range-progress,-moz-range-thumb,-moz-range-track,-ms-browse,-ms-check,-ms-clear,-ms-expand,-ms-fill,-ms-fill-lower,-ms-fill-upper,-ms-reveal,-ms-thumb,-ms-ticks-after,-ms-ticks-before,-ms-tooltip,-ms-track,-ms-value,-webkit-progress-bar,-webkit-progress-inner-value,-webkit-progress-value,-webkit-slider-runnable-track,-webkit-slider-thumb,after,backdrop,before,checkmark,clear-icon,color-swatch,column,cue,cue-region,details-content,field-component,field-content,field-separator,file-selector-button,first-letter,first-line,grammar-error,highlight,interest-button,marker,nth-fragment,part,picker,picker-icon,placeholder,reveal-icon,scroll-button,scroll-marker,scroll-marker-group,search-text,selection,slider-fill,slider-thumb,slider-track,slotted,spelling-error,step-control,step-down,step-up,target-text,view-transition,view-transition-group,view-transition-group-children,view-transition-image-pair,view-transition-new,view-transition-old".split(","));
var KNOWN_PSEUDO_ELEMENTS = /* @__PURE__ */ new Set("after,backdrop,before,checkmark,clear-icon,color-swatch,column,cue,cue-region,details-content,field-component,field-content,field-separator,file-selector-button,first-letter,first-line,grammar-error,interest-button,marker,picker-icon,placeholder,reveal-icon,scroll-marker,scroll-marker-group,search-text,selection,slider-fill,slider-thumb,slider-track,spelling-error,step-control,step-down,step-up,target-text,view-transition".split(","));
var KNOWN_FUNCTIONAL_PSEUDO_ELEMENTS = /* @__PURE__ */ new Set("cue,cue-region,highlight,nth-fragment,part,picker,scroll-button,slotted,view-transition-group,view-transition-group-children,view-transition-image-pair,view-transition-new,view-transition-old".split(","));
function isIdentToken(val) {
  return val !== void 0 && val.type === "ident";
}
function isDelimToken(val, char) {
  return val !== void 0 && val.type === "delim" && (char === void 0 || val.value === char);
}
function isHashToken(val) {
  return val !== void 0 && val.type === "hash";
}
function isStringToken(val) {
  return val !== void 0 && (val.type === "string" || val.type === "bad-string");
}
function isNumberToken(val) {
  return val !== void 0 && val.type === "number";
}
function isDimensionToken(val) {
  return val !== void 0 && val.type === "dimension";
}
function isSimpleBlock(val, associatedType) {
  return val !== void 0 && val.type === "simple-block" && (associatedType === void 0 || val.associatedToken.type === associatedType);
}
function isCSSFunction(val, name) {
  return val !== void 0 && val.type === "function" && (name === void 0 || val.name.toLowerCase() === name.toLowerCase());
}
var ComponentValueCursor = class {
  values;
  _i = 0;
  constructor(values) {
    this.values = values;
  }
  get hasNext() {
    return this._i < this.values.length;
  }
  get i() {
    return this._i;
  }
  set i(pos) {
    this._i = pos;
  }
  get length() {
    return this.values.length;
  }
  get next() {
    return this.values[this._i];
  }
  peek(offset = 1) {
    return this.values[this._i + offset];
  }
  consume() {
    return this.values[this._i++] || { type: "EOF" };
  }
  skipWhitespace() {
    while (this._i < this.values.length && this.values[this._i].type === "whitespace") this._i++;
  }
  skipToNextComma() {
    const commaOffset = this.values.slice(this._i).findIndex((v) => v.type === "comma");
    this._i = commaOffset === -1 ? this.values.length : this._i + commaOffset;
  }
  slice(start, end) {
    return this.values.slice(start, end ?? this._i);
  }
};
var LEGACY_PSEUDO_CLASS_ALIASES = { "-webkit-autofill": "autofill" };
var SelectorParser = class SelectorParser2 {
  static PSEUDO_CLASSES = PSEUDO_CLASSES;
  static PSEUDO_ELEMENTS = PSEUDO_ELEMENTS;
  cursor;
  allowRelative;
  forgiving;
  insideHas;
  forbidPseudo;
  declaredNamespaces;
  strictSupports;
  allowVendorPseudos;
  allowUnknownPseudos;
  constructor(values, options = {}) {
    this.cursor = new ComponentValueCursor(values);
    this.allowRelative = options.allowRelative ?? false;
    this.forgiving = options.forgiving ?? false;
    this.insideHas = options.insideHas ?? false;
    this.forbidPseudo = options.forbidPseudo ?? false;
    this.declaredNamespaces = options.declaredNamespaces;
    this.strictSupports = options.strictSupports ?? false;
    this.allowVendorPseudos = options.allowVendorPseudos ?? false;
    this.allowUnknownPseudos = options.allowUnknownPseudos ?? false;
  }
  hasAmpersand(values) {
    return values.some((val) => {
      if (isDelimToken(val, "&")) return true;
      if (isSimpleBlock(val)) return this.hasAmpersand(val.value);
      if (isCSSFunction(val)) return this.hasAmpersand(val.value);
      return false;
    });
  }
  /**
  * Parses component values into a SelectorList.
  *
  * selectors-4 #grouping (<selector-list>)
  * selectors-4 #grammar (<complex-selector-list>)
  * selectors-4 #forgiving-selector (parsing forgiving selector list)
  * selectors-4 #parse-selector
  */
  parse() {
    const selectors = [];
    while (this.cursor.hasNext) {
      this.cursor.skipWhitespace();
      if (!this.cursor.hasNext || this.cursor.next?.type === "EOF") break;
      const start = this.cursor.i;
      try {
        const selector = this.consumeComplexSelector();
        this.cursor.skipWhitespace();
        const next = this.cursor.next;
        if (!next || next.type === "comma") selectors.push(selector);
        else throw new DOMException("Unexpected token in selector", "SyntaxError");
      } catch (e) {
        if (this.forgiving) {
          this.cursor.skipToNextComma();
          const rawSlice = this.cursor.slice(start, this.cursor.i);
          let trimmedStart = 0;
          while (trimmedStart < rawSlice.length && rawSlice[trimmedStart].type === "whitespace") trimmedStart++;
          let trimmedEnd = rawSlice.length - 1;
          while (trimmedEnd >= trimmedStart && rawSlice[trimmedEnd].type === "whitespace") trimmedEnd--;
          const failedTokens = rawSlice.slice(trimmedStart, trimmedEnd + 1);
          if (failedTokens.length > 0) selectors.push({
            type: "invalid-selector",
            tokens: failedTokens
          });
        } else throw e;
      }
      if (this.cursor.next?.type === "comma") this.cursor.consume();
    }
    if (!this.forgiving && selectors.length === 0) throw new DOMException("Selector list cannot be empty", "SyntaxError");
    return {
      type: "selector-list",
      selectors
    };
  }
  /**
  * Validates namespace prefixes against declared namespaces.
  *
  * selectors-4 #namespaces
  * selectors-4 #parse-selector step 2
  */
  validateNamespace(namespace) {
    if (this.declaredNamespaces !== void 0 && namespace !== void 0 && namespace !== "*" && namespace !== "") {
      if (!this.declaredNamespaces.has(namespace)) throw new DOMException(`Undeclared namespace prefix: "${namespace}"`, "SyntaxError");
    }
  }
  /**
  * Consumes a complex selector.
  *
  * selectors-4 #structure (<complex-selector>)
  * selectors-4 #grammar
  */
  consumeComplexSelector() {
    const items = [];
    const start = this.cursor.i;
    let seenPseudoElement = false;
    while (this.cursor.hasNext) {
      this.cursor.skipWhitespace();
      if (!this.cursor.hasNext || this.cursor.next?.type === "comma") break;
      const combinator = this.tryConsumeCombinator();
      if (combinator) {
        if (items.length === 0 && !this.allowRelative) throw new DOMException("Relative selector not allowed in this context", "SyntaxError");
        if (seenPseudoElement) throw new DOMException("Pseudo-element must be at the end of the selector", "SyntaxError");
        if (items.length > 0 && items[items.length - 1].type === "combinator") throw new DOMException("Consecutive combinators are not allowed", "SyntaxError");
        items.push(combinator);
        continue;
      }
      const compound = this.consumeCompoundSelector();
      if (compound.selectors.length > 0) {
        if (seenPseudoElement) throw new DOMException("Pseudo-element must be at the end of the selector", "SyntaxError");
        const hasPseudo = compound.selectors.some((s) => s.type === "pseudo-element-selector");
        if (items.length > 0 && items[items.length - 1].type === "compound-selector") items.push({
          type: "combinator",
          value: " "
        });
        items.push(compound);
        if (hasPseudo) seenPseudoElement = true;
      } else break;
    }
    if (items.length > 0 && items[items.length - 1].type === "combinator") throw new DOMException("Trailing combinator is not allowed", "SyntaxError");
    if (items.length === 0) throw new DOMException("Complex selector cannot be empty", "SyntaxError");
    const end = this.cursor.i;
    return {
      type: "complex-selector",
      items,
      tokens: this.cursor.slice(start, end)
    };
  }
  /**
  * selectors-4 #combinators
  * selectors-5 #the-column-combinator (||)
  */
  tryConsumeCombinator() {
    const token = this.cursor.next;
    if (!token) return null;
    if (isDelimToken(token)) {
      const val = token.value;
      if (val === ">" || val === "+" || val === "~") {
        this.cursor.consume();
        return {
          type: "combinator",
          value: val
        };
      }
      if (val === "|" && isDelimToken(this.cursor.peek(1), "|")) {
        this.cursor.consume();
        this.cursor.consume();
        return {
          type: "combinator",
          value: "||"
        };
      }
    }
    return null;
  }
  isUserActionPseudoClass(name) {
    const lower = name.toLowerCase();
    return [
      "hover",
      "active",
      "focus",
      "focus-visible",
      "focus-within"
    ].includes(lower);
  }
  validateSimpleSelectorAfterPseudo(selector) {
    if (selector.type === "pseudo-class-selector") {
      const lowerName = selector.name.toLowerCase();
      if ([
        "not",
        "is",
        "where",
        "has"
      ].includes(lowerName)) return;
      else if (!this.isUserActionPseudoClass(selector.name)) throw new DOMException("Only user-action pseudo-classes are allowed after a pseudo-element", "SyntaxError");
    } else throw new DOMException("Only user-action pseudo-classes are allowed after a pseudo-element", "SyntaxError");
  }
  consumeCompoundSelector() {
    const selectors = [];
    let lastPseudoElement = null;
    while (this.cursor.hasNext) {
      const token = this.cursor.next;
      if (!token || token.type === "whitespace" || token.type === "comma") break;
      if (isDelimToken(token)) {
        const val = token.value;
        if (val === ">" || val === "+" || val === "~") break;
        if (val === "|") {
          if (lastPseudoElement) break;
          if (isDelimToken(this.cursor.peek(1), "|")) break;
          if (selectors.length > 0) throw new DOMException("Type selector must be first in compound selector", "SyntaxError");
          selectors.push(this.consumeTypeOrUniversalSelector());
          continue;
        }
        if (val === "*") {
          if (lastPseudoElement) break;
          if (selectors.length > 0) throw new DOMException("Universal selector must be first in compound selector", "SyntaxError");
          selectors.push(this.consumeTypeOrUniversalSelector());
          continue;
        }
        if (val === ".") {
          if (lastPseudoElement) break;
          selectors.push(this.consumeClassSelector());
          continue;
        }
        if (val === "&") {
          if (lastPseudoElement) break;
          this.cursor.consume();
          selectors.push({ type: "nesting-selector" });
          continue;
        }
      }
      if (isHashToken(token)) {
        if (token.hashType !== "id") throw new DOMException("ID selector must be an identifier", "SyntaxError");
        if (lastPseudoElement) break;
        selectors.push({
          type: "id-selector",
          name: token.value
        });
        this.cursor.consume();
        continue;
      }
      if (isIdentToken(token)) {
        if (lastPseudoElement) break;
        if (selectors.length > 0) throw new DOMException("Type selector must be first in compound selector", "SyntaxError");
        selectors.push(this.consumeTypeOrUniversalSelector());
        continue;
      }
      if (isSimpleBlock(token, "[")) {
        if (lastPseudoElement) break;
        selectors.push(this.consumeAttributeSelector());
        continue;
      }
      if (token.type === "colon") {
        const selector = this.consumePseudoSelector();
        if (lastPseudoElement) {
          const isSlottedOrPart = ["slotted", "part"].includes(lastPseudoElement.toLowerCase());
          if (selector.type === "pseudo-element-selector") {
            if (!isSlottedOrPart) throw new DOMException("Pseudo-elements cannot be nested", "SyntaxError");
          } else if (selector.type === "pseudo-class-selector") {
            if (!isSlottedOrPart) this.validateSimpleSelectorAfterPseudo(selector);
          } else throw new DOMException("Unexpected selector after pseudo-element", "SyntaxError");
        }
        if (selector.type === "pseudo-element-selector") lastPseudoElement = selector.name;
        selectors.push(selector);
        continue;
      }
      break;
    }
    return {
      type: "compound-selector",
      selectors
    };
  }
  consumeTypeOrUniversalSelector() {
    let namespace = void 0;
    const token = this.cursor.next;
    if (!token) throw new DOMException("Unexpected EOF in type selector", "SyntaxError");
    const isNextPipe = isDelimToken(this.cursor.peek(1), "|");
    const isNextNextPipe = isDelimToken(this.cursor.peek(2), "|");
    const isColumnCombinator = isNextPipe && isNextNextPipe;
    if (isIdentToken(token) && isNextPipe && !isColumnCombinator) {
      namespace = token.value;
      this.cursor.i += 2;
    } else if (isDelimToken(token, "*") && isNextPipe && !isColumnCombinator) {
      namespace = "*";
      this.cursor.i += 2;
    } else if (isDelimToken(token, "|") && !isNextPipe) {
      namespace = "";
      this.cursor.i += 1;
    }
    const next = this.cursor.consume();
    if (isDelimToken(next, "*")) {
      this.validateNamespace(namespace);
      return {
        type: "universal-selector",
        namespace
      };
    }
    if (!isIdentToken(next)) throw new DOMException("Expected identifier or * after namespace pipe", "SyntaxError");
    this.validateNamespace(namespace);
    return {
      type: "type-selector",
      name: next.value,
      namespace
    };
  }
  consumeClassSelector() {
    this.cursor.consume();
    const ident = this.cursor.consume();
    if (!isIdentToken(ident)) return {
      type: "class-selector",
      name: ""
    };
    return {
      type: "class-selector",
      name: ident.value
    };
  }
  consumeAttributeSelector() {
    const block = this.cursor.consume();
    if (!isSimpleBlock(block, "[")) throw new DOMException("Expected attribute selector block", "SyntaxError");
    const subCursor = new ComponentValueCursor(block.value);
    let name = "";
    let namespace = void 0;
    let operator = "";
    let value = "";
    let flags = "";
    subCursor.skipWhitespace();
    if (subCursor.hasNext) {
      const v1 = subCursor.next;
      const v2 = subCursor.peek(1);
      const v3 = subCursor.peek(2);
      const isPipeFollowedByEquals = isDelimToken(v2, "|") && isDelimToken(v3, "=");
      if (isIdentToken(v1) && isDelimToken(v2, "|") && !isPipeFollowedByEquals) {
        namespace = v1.value;
        subCursor.i += 2;
      } else if (isDelimToken(v1, "*") && isDelimToken(v2, "|") && !isPipeFollowedByEquals) {
        namespace = "*";
        subCursor.i += 2;
      } else if (isDelimToken(v1, "|") && !isDelimToken(v2, "=")) {
        namespace = "";
        subCursor.i += 1;
      }
    }
    const valName = subCursor.next;
    if (isIdentToken(valName)) {
      name = valName.value;
      subCursor.consume();
    }
    subCursor.skipWhitespace();
    const valOp = subCursor.next;
    if (isDelimToken(valOp)) {
      operator = valOp.value;
      subCursor.consume();
      const valEq = subCursor.next;
      if (isDelimToken(valEq, "=")) {
        operator += valEq.value;
        subCursor.consume();
      }
    }
    subCursor.skipWhitespace();
    const valVal = subCursor.next;
    if (isStringToken(valVal) || isIdentToken(valVal)) {
      value = valVal.value;
      subCursor.consume();
    }
    subCursor.skipWhitespace();
    const valFlag = subCursor.next;
    if (isIdentToken(valFlag)) {
      const flagValue = valFlag.value;
      const lowerFlag = flagValue.toLowerCase();
      if (lowerFlag !== "i" && lowerFlag !== "s") throw new DOMException(`Invalid attribute selector flag: ${flagValue}`, "SyntaxError");
      flags = flagValue;
      subCursor.consume();
    }
    subCursor.skipWhitespace();
    if (subCursor.hasNext) throw new DOMException("Unexpected content in attribute selector", "SyntaxError");
    if (!name) throw new DOMException("Expected attribute name in attribute selector", "SyntaxError");
    this.validateNamespace(namespace);
    return {
      type: "attribute-selector",
      name,
      namespace,
      operator,
      value,
      flags
    };
  }
  consumePseudoSelector() {
    this.cursor.consume();
    let isPseudoElement = false;
    if (this.cursor.next?.type === "colon") {
      this.cursor.consume();
      isPseudoElement = true;
    }
    const token = this.cursor.consume();
    if (!token) return {
      type: "pseudo-class-selector",
      name: ""
    };
    if (isIdentToken(token)) {
      const originalName = token.value;
      const lowerName = originalName.toLowerCase();
      const name = LEGACY_PSEUDO_CLASS_ALIASES[lowerName] || originalName;
      const effectiveLowerName = name.toLowerCase();
      const isVendorPrefixed = /^-[a-zA-Z0-9]+-/.test(effectiveLowerName);
      if (isPseudoElement) {
        if (this.forbidPseudo || this.insideHas) throw new DOMException("Pseudo-elements are not allowed in this context", "SyntaxError");
        const isAllowedVendor2 = this.allowVendorPseudos && isVendorPrefixed || !this.strictSupports && effectiveLowerName.startsWith("-webkit-");
        if (!PSEUDO_ELEMENTS.has(effectiveLowerName) && !isAllowedVendor2 && !this.allowUnknownPseudos) throw new DOMException(`Unknown pseudo-element ::${name}`, "SyntaxError");
        return {
          type: "pseudo-element-selector",
          name
        };
      }
      if ([
        "before",
        "after",
        "first-line",
        "first-letter"
      ].includes(effectiveLowerName)) {
        if (this.forbidPseudo || this.insideHas) throw new DOMException("Pseudo-elements are not allowed in this context", "SyntaxError");
        return {
          type: "pseudo-element-selector",
          name
        };
      }
      const isAllowedVendor = this.allowVendorPseudos && isVendorPrefixed || !this.strictSupports && effectiveLowerName.startsWith("-webkit-");
      if (!PSEUDO_CLASSES.has(effectiveLowerName) && !isAllowedVendor && !this.allowUnknownPseudos) throw new DOMException(`Unknown pseudo-class :${name}`, "SyntaxError");
      return {
        type: "pseudo-class-selector",
        name
      };
    } else if (isCSSFunction(token)) {
      const func = token;
      const name = func.name;
      const lowerName = name.toLowerCase();
      const isVendorPrefixed = /^-[a-zA-Z0-9]+-/.test(lowerName);
      if (isPseudoElement) {
        if (this.forbidPseudo || this.insideHas) throw new DOMException("Pseudo-elements are not allowed in this context", "SyntaxError");
        if (!PSEUDO_ELEMENTS.has(lowerName) && !(this.allowVendorPseudos && isVendorPrefixed) && !this.allowUnknownPseudos) throw new DOMException(`Unknown pseudo-element ::${name}()`, "SyntaxError");
        if (lowerName === "slotted") {
          const subParser = new SelectorParser2(func.value, {
            insideHas: this.insideHas,
            forbidPseudo: true,
            declaredNamespaces: this.declaredNamespaces,
            strictSupports: this.strictSupports,
            allowVendorPseudos: this.allowVendorPseudos,
            allowUnknownPseudos: this.allowUnknownPseudos
          });
          subParser.cursor.skipWhitespace();
          const compound = subParser.consumeCompoundSelector();
          subParser.cursor.skipWhitespace();
          if (subParser.cursor.i !== func.value.length || compound.selectors.length === 0) throw new DOMException("Argument to ::slotted() must be a compound selector", "SyntaxError");
          return {
            type: "pseudo-element-selector",
            name,
            argument: {
              type: "selector-list",
              selectors: [{
                type: "complex-selector",
                items: [compound],
                tokens: func.value
              }]
            }
          };
        }
        return {
          type: "pseudo-element-selector",
          name,
          argument: func.value
        };
      }
      if (!PSEUDO_CLASSES.has(lowerName) && lowerName !== "matches" && !(this.allowVendorPseudos && isVendorPrefixed) && !this.allowUnknownPseudos) throw new DOMException(`Unknown pseudo-class :${name}()`, "SyntaxError");
      if ([
        "is",
        "not",
        "has",
        "where",
        "matches"
      ].includes(lowerName)) {
        const isHas = lowerName === "has";
        if (isHas && this.insideHas) throw new DOMException(":has() cannot be nested", "SyntaxError");
        const isForgiving = !this.strictSupports && [
          "is",
          "where",
          "matches"
        ].includes(lowerName);
        const isLogicalPseudo = [
          "is",
          "where",
          "not",
          "matches"
        ].includes(lowerName);
        return {
          type: "pseudo-class-selector",
          name,
          argument: new SelectorParser2(func.value, {
            allowRelative: isHas,
            forgiving: isForgiving,
            insideHas: isHas || this.insideHas,
            forbidPseudo: isLogicalPseudo || isHas || this.forbidPseudo,
            declaredNamespaces: this.declaredNamespaces,
            strictSupports: this.strictSupports,
            allowVendorPseudos: this.allowVendorPseudos,
            allowUnknownPseudos: this.allowUnknownPseudos
          }).parse()
        };
      }
      if (["host", "host-context"].includes(lowerName)) {
        const subParser = new SelectorParser2(func.value, {
          insideHas: this.insideHas,
          forbidPseudo: true,
          declaredNamespaces: this.declaredNamespaces,
          strictSupports: this.strictSupports,
          allowVendorPseudos: this.allowVendorPseudos,
          allowUnknownPseudos: this.allowUnknownPseudos
        });
        subParser.cursor.skipWhitespace();
        const compound = subParser.consumeCompoundSelector();
        subParser.cursor.skipWhitespace();
        if (subParser.cursor.i !== func.value.length || compound.selectors.length === 0) throw new DOMException(`Argument to :${name}() must be a compound selector`, "SyntaxError");
        return {
          type: "pseudo-class-selector",
          name,
          argument: {
            type: "selector-list",
            selectors: [{
              type: "complex-selector",
              items: [compound],
              tokens: func.value
            }]
          }
        };
      }
      if ([
        "nth-child",
        "nth-last-child",
        "nth-of-type",
        "nth-last-of-type"
      ].includes(lowerName)) {
        let ofIdx = -1;
        for (let k = 0; k < func.value.length; k++) {
          const v = func.value[k];
          if (isIdentToken(v) && v.value.toLowerCase() === "of") {
            ofIdx = k;
            break;
          }
        }
        if (ofIdx !== -1) {
          if (["nth-of-type", "nth-last-of-type"].includes(lowerName)) throw new DOMException(`'of' is not allowed in :${name}()`, "SyntaxError");
          const nth = func.value.slice(0, ofIdx);
          this.validateAnPlusB(nth);
          return {
            type: "pseudo-class-selector",
            name,
            argument: new SelectorParser2(func.value.slice(ofIdx + 1), {
              insideHas: this.insideHas,
              forbidPseudo: true,
              allowRelative: false,
              declaredNamespaces: this.declaredNamespaces,
              strictSupports: this.strictSupports,
              allowVendorPseudos: this.allowVendorPseudos,
              allowUnknownPseudos: this.allowUnknownPseudos
            }).parse(),
            nth
          };
        } else {
          this.validateAnPlusB(func.value);
          return {
            type: "pseudo-class-selector",
            name,
            argument: func.value,
            nth: func.value
          };
        }
      }
      if (lowerName === "dir") this.validateDir(func.value);
      if (lowerName === "heading") this.validateHeading(func.value);
      if (lowerName === "lang") this.validateLang(func.value);
      return {
        type: "pseudo-class-selector",
        name,
        argument: func.value
      };
    }
    throw new DOMException("Expected identifier or function after colon in pseudo-selector", "SyntaxError");
  }
  validateAnPlusB(values) {
    const res = parseAnPlusB(values);
    if (!res) {
      const text2 = getOriginalText(values).trim();
      throw new DOMException(`Invalid An+B expression: ${text2}`, "SyntaxError");
    }
    return res;
  }
  validateHeading(values) {
    const nonComment = values.filter((v) => v.type !== "comment");
    let start = 0;
    while (start < nonComment.length && nonComment[start].type === "whitespace") start++;
    let end = nonComment.length - 1;
    while (end >= start && nonComment[end].type === "whitespace") end--;
    if (start > end) throw new DOMException("Argument to :heading() cannot be empty", "SyntaxError");
    const tokens = nonComment.slice(start, end + 1);
    let expectInteger = true;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === "whitespace") continue;
      if (expectInteger) {
        if (t.type === "number" && t.numberType === "integer") expectInteger = false;
        else throw new DOMException("Argument to :heading() must be comma-separated integers", "SyntaxError");
      } else if (t.type === "comma" || t.type === "delim" && t.value === ",") expectInteger = true;
      else throw new DOMException("Expected comma in :heading() arguments", "SyntaxError");
    }
    if (expectInteger) throw new DOMException("Trailing comma in :heading() arguments", "SyntaxError");
  }
  validateDir(values) {
    const nonWs = values.filter((v) => v.type !== "whitespace" && v.type !== "comment");
    const firstToken = nonWs[0];
    if (nonWs.length !== 1 || !isIdentToken(firstToken)) throw new DOMException("Argument to :dir() must be a single identifier", "SyntaxError");
    const val = firstToken.value.toLowerCase();
    if (val !== "ltr" && val !== "rtl" && val !== "auto") throw new DOMException("Argument to :dir() must be ltr, rtl, or auto", "SyntaxError");
  }
  validateLang(values) {
    const nonWs = values.filter((v) => v.type !== "whitespace" && v.type !== "comment");
    if (nonWs.length === 0) throw new DOMException("Argument to :lang() cannot be empty", "SyntaxError");
    let expectItem = true;
    for (const v of nonWs) if (expectItem) {
      if (!isIdentToken(v) && !isStringToken(v)) throw new DOMException("Argument to :lang() must be identifiers or strings", "SyntaxError");
      expectItem = false;
    } else {
      if (v.type !== "comma") throw new DOMException("Expected comma in :lang() argument", "SyntaxError");
      expectItem = true;
    }
    if (expectItem) throw new DOMException("Trailing comma in :lang() argument", "SyntaxError");
  }
};
function parseAnPlusB(values) {
  const nonComment = values.filter((v) => v.type !== "comment");
  let start = 0;
  while (start < nonComment.length && nonComment[start].type === "whitespace") start++;
  let end = nonComment.length - 1;
  while (end >= start && nonComment[end].type === "whitespace") end--;
  if (start > end) return null;
  const tokens = nonComment.slice(start, end + 1);
  const isIntegerNumber = (t) => {
    return isNumberToken(t) && t.numberType === "integer";
  };
  if (tokens.length === 1) {
    const t = tokens[0];
    if (isIdentToken(t)) {
      const lower = t.value.toLowerCase();
      if (lower === "odd") return {
        a: 2,
        b: 1
      };
      if (lower === "even") return {
        a: 2,
        b: 0
      };
      if (lower === "n") return {
        a: 1,
        b: 0
      };
      if (lower === "-n") return {
        a: -1,
        b: 0
      };
      const matchNdashDigit = lower.match(/^n-(\d+)$/);
      if (matchNdashDigit) return {
        a: 1,
        b: -parseInt(matchNdashDigit[1], 10)
      };
      const matchDashNdashDigit = lower.match(/^-n-(\d+)$/);
      if (matchDashNdashDigit) return {
        a: -1,
        b: -parseInt(matchDashNdashDigit[1], 10)
      };
      return null;
    }
    if (isIntegerNumber(t)) return {
      a: 0,
      b: Number(t.value)
    };
    if (isDimensionToken(t) && t.numberType === "integer") {
      const unit = (t.unit || "").toLowerCase();
      if (unit === "n") return {
        a: Number(t.value),
        b: 0
      };
      const matchDim = unit.match(/^n-(\d+)$/);
      if (matchDim) return {
        a: Number(t.value),
        b: -parseInt(matchDim[1], 10)
      };
      return null;
    }
    return null;
  }
  let idx = 0;
  let plusPrefix = false;
  if (isDelimToken(tokens[0], "+")) {
    plusPrefix = true;
    idx = 1;
    if (tokens[1]?.type === "whitespace") return null;
  }
  const nextNonWs = (from) => {
    let p = from;
    while (p < tokens.length && tokens[p].type === "whitespace") p++;
    return p;
  };
  const t1 = tokens[idx];
  if (!t1) return null;
  let a = null;
  let hasDashAfterN = false;
  if (isIdentToken(t1)) {
    const lower = t1.value.toLowerCase();
    if (lower === "n") a = 1;
    else if (lower === "-n" && !plusPrefix) a = -1;
    else if (lower === "n-") {
      a = 1;
      hasDashAfterN = true;
    } else if (lower === "-n-" && !plusPrefix) {
      a = -1;
      hasDashAfterN = true;
    } else if (lower.startsWith("n-")) {
      const match = lower.match(/^n-(\d+)$/);
      if (match && idx === tokens.length - 1) return {
        a: 1,
        b: -parseInt(match[1], 10)
      };
    }
  } else if (isDimensionToken(t1) && t1.numberType === "integer" && !plusPrefix) {
    const unit = (t1.unit || "").toLowerCase();
    if (unit === "n") a = Number(t1.value);
    else if (unit === "n-") {
      a = Number(t1.value);
      hasDashAfterN = true;
    }
  }
  if (a === null) return null;
  const afterT1 = nextNonWs(idx + 1);
  if (afterT1 >= tokens.length) {
    if (!hasDashAfterN) return {
      a,
      b: 0
    };
    return null;
  }
  const t2 = tokens[afterT1];
  if (hasDashAfterN) {
    if (isIntegerNumber(t2) && !t2.sign) {
      if (nextNonWs(afterT1 + 1) < tokens.length) return null;
      return {
        a,
        b: -Number(t2.value)
      };
    }
    return null;
  }
  if (isIntegerNumber(t2) && t2.sign) {
    if (nextNonWs(afterT1 + 1) < tokens.length) return null;
    return {
      a,
      b: Number(t2.value)
    };
  }
  if (isDelimToken(t2, "+") || isDelimToken(t2, "-")) {
    const sign = t2.value === "+" ? 1 : -1;
    const afterT2 = nextNonWs(afterT1 + 1);
    if (afterT2 >= tokens.length) return null;
    const t3 = tokens[afterT2];
    if (isIntegerNumber(t3) && !t3.sign) {
      if (nextNonWs(afterT2 + 1) < tokens.length) return null;
      return {
        a,
        b: sign * Number(t3.value)
      };
    }
    return null;
  }
  return null;
}
function requiresTokenSeparator(t1, t2) {
  const isIdent1 = t1.type === "ident";
  const isAtKeyword1 = t1.type === "at-keyword";
  const isHash1 = t1.type === "hash";
  const isDimension1 = t1.type === "dimension";
  const isDelimHash1 = t1.type === "delim" && t1.value === "#";
  const isDelimDash1 = t1.type === "delim" && t1.value === "-";
  const isNumber1 = t1.type === "number";
  const isDelimAt1 = t1.type === "delim" && t1.value === "@";
  const isDelimDot1 = t1.type === "delim" && t1.value === ".";
  const isDelimPlus1 = t1.type === "delim" && t1.value === "+";
  const isDelimSlash1 = t1.type === "delim" && t1.value === "/";
  if (!isIdent1 && !isAtKeyword1 && !isHash1 && !isDimension1 && !isDelimHash1 && !isDelimDash1 && !isNumber1 && !isDelimAt1 && !isDelimDot1 && !isDelimPlus1 && !isDelimSlash1) return false;
  const isIdent2 = t2.type === "ident";
  const isFunction2 = t2.type === "function";
  const isUrl2 = t2.type === "url";
  const isBadUrl2 = t2.type === "bad-url";
  const isDelimDash2 = t2.type === "delim" && t2.value === "-";
  const isNumber22 = t2.type === "number";
  const isPercentage2 = t2.type === "percentage";
  const isDimension2 = t2.type === "dimension";
  const isCDC2 = t2.type === "CDC";
  const isOpenParen2 = t2.type === "(" || t2.type === "delim" && t2.value === "(";
  const isDelimStar2 = t2.type === "delim" && t2.value === "*";
  const isDelimPercent2 = t2.type === "delim" && t2.value === "%";
  const inGroupA = isIdent2 || isFunction2 || isUrl2 || isBadUrl2 || isDelimDash2 || isNumber22 || isPercentage2 || isDimension2 || isCDC2;
  if (isIdent1) return inGroupA || isOpenParen2;
  if (isAtKeyword1 || isHash1 || isDimension1 || isDelimHash1 || isDelimDash1) return inGroupA;
  if (isNumber1) return isIdent2 || isFunction2 || isUrl2 || isBadUrl2 || isNumber22 || isPercentage2 || isDimension2 || isCDC2 || isDelimPercent2;
  if (isDelimAt1) return isIdent2 || isFunction2 || isUrl2 || isBadUrl2 || isDelimDash2 || isCDC2;
  if (isDelimDot1 || isDelimPlus1) return isNumber22 || isPercentage2 || isDimension2;
  if (isDelimSlash1) return isDelimStar2;
  return false;
}
function getFirstToken(node) {
  if (typeof node !== "object" || node === null) return null;
  if (node.type === "simple-block") return node.associatedToken;
  if (node.type === "function" && "name" in node) return {
    type: "function",
    value: node.name
  };
  const t = node;
  if (t.type === "EOF") return null;
  return t;
}
function getLastToken(node) {
  if (typeof node !== "object" || node === null) return null;
  if (node.type === "simple-block") {
    const start = node.associatedToken?.value;
    const end = getMirrorToken(start);
    return {
      type: end || ")",
      value: end
    };
  }
  if (node.type === "function" && "name" in node) return {
    type: ")",
    value: ")"
  };
  const t = node;
  if (t.type === "EOF") return null;
  return t;
}
function serialize(nodes, preserveCase = false, propertyName) {
  if (propertyName === "font-family") return serializeFontFamily(nodes);
  let result = "";
  let prevLastToken = null;
  for (const node of nodes) {
    if (node.type === "EOF") continue;
    const firstToken = getFirstToken(node);
    if (prevLastToken && firstToken && requiresTokenSeparator(prevLastToken, firstToken)) result += "/**/";
    result += serializeNode(node, preserveCase);
    const last = getLastToken(node);
    if (last) prevLastToken = last;
  }
  return result;
}
function trimWhitespaceTokens(tokens) {
  let start = 0;
  while (start < tokens.length && tokens[start].type === "whitespace") start++;
  let end = tokens.length - 1;
  while (end >= start && tokens[end].type === "whitespace") end--;
  return start <= end ? tokens.slice(start, end + 1) : [];
}
function serializeNode(node, preserveCase) {
  if (typeof node !== "object" || node === null || !("type" in node)) return "";
  if (node.type === "simple-block") {
    const start = node.associatedToken.value;
    return start + serialize(node.value, preserveCase) + getMirrorToken(start);
  }
  if (node.type === "function" && "name" in node) {
    let args = node.value;
    const funcName = preserveCase ? node.name : node.name.toLowerCase();
    if (funcName === "counter") {
      let i = args.length - 1;
      while (i >= 0 && args[i].type === "whitespace") i--;
      if (i >= 0 && args[i].type === "ident" && args[i].value === "decimal") {
        let j = i - 1;
        while (j >= 0 && args[j].type === "whitespace") j--;
        if (j >= 0 && args[j].type === "comma") args = args.slice(0, j);
      }
    } else if (funcName === "url") args = trimWhitespaceTokens(args);
    else if (funcName === "attr") {
      let i = 0;
      while (i < args.length && args[i].type === "whitespace") i++;
      if (i < args.length && args[i].type === "delim" && args[i].value === "|") {
        args = args.slice(i + 1);
        let k = args.length - 1;
        while (k >= 0 && args[k].type === "whitespace") k--;
        if (k >= 0 && args[k].type === "string" && args[k].value === "") {
          let l = k - 1;
          while (l >= 0 && args[l].type === "whitespace") l--;
          if (l >= 0 && args[l].type === "comma") args = args.slice(0, l);
        }
      }
      args = trimWhitespaceTokens(args);
    }
    return `${funcName}(${serialize(args, preserveCase)})`;
  }
  return serializeToken(node, preserveCase);
}
function serializeToken(token, preserveCase = false) {
  switch (token.type) {
    case "ident":
      return serializeIdentifier(token.value);
    case "at-keyword":
      return "@" + serializeIdentifier(token.value);
    case "hash":
      return "#" + token.value;
    case "string":
      return preserveCase && token.originalText && !token.originalText.endsWith("\\") ? token.originalText : serializeString(token.value);
    case "url":
      return preserveCase ? serializeUrlToken(token.value, token.originalText) : serializeUrl(token.value);
    case "delim":
      return token.value === "\\" ? "\\\n" : token.value;
    case "number":
      return formatNumber(token.value);
    case "percentage":
      return formatNumber(token.value) + "%";
    case "dimension":
      return formatNumber(token.value) + (token.unit ? serializeIdentifier(token.unit) : "");
    case "whitespace":
      return preserveCase && token.originalText ? token.originalText : token.value;
    case "comment":
      return token.value || "/**/";
    case "CDO":
      return "<!--";
    case "CDC":
      return "-->";
    case "colon":
      return ":";
    case "semicolon":
      return ";";
    case "comma":
      return ",";
    case "[":
    case "]":
    case "{":
    case "}":
    case "(":
    case ")":
      return token.value;
    case "function":
      return serializeIdentifier(preserveCase ? token.value : token.value.toLowerCase()) + "(";
    case "unicode-range":
      return token.value;
    case "EOF":
      return "";
    default:
      return token.value || "";
  }
}
function getMirrorToken(start) {
  if (start === "{") return "}";
  if (start === "[") return "]";
  if (start === "(") return ")";
  return "";
}
function getOriginalText(values) {
  let text2 = "";
  for (const val of values) if (val.type === "simple-block") text2 += (val.associatedToken.originalText || "") + getOriginalText(val.value) + getMirrorToken(val.associatedToken.value);
  else if (val.type === "function") {
    const func = val;
    text2 += `${func.name}(${getOriginalText(func.value)})`;
  } else text2 += val.originalText || val.value;
  return text2;
}
function serializeIdentifier(id) {
  let result = "";
  for (let i = 0; i < id.length; i++) {
    const charCode = id.charCodeAt(i);
    const char = id[i];
    if (charCode === 0) {
      result += "\uFFFD";
      continue;
    }
    if (charCode >= 1 && charCode <= 31 || charCode === 127) {
      result += escapeAsCodePoint(charCode);
      continue;
    }
    if (i === 0 && charCode >= 48 && charCode <= 57) {
      result += escapeAsCodePoint(charCode);
      continue;
    }
    if (i === 1 && charCode >= 48 && charCode <= 57 && id.charCodeAt(0) === 45) {
      result += escapeAsCodePoint(charCode);
      continue;
    }
    if (i === 0 && charCode === 45 && id.length === 1) {
      result += "\\-";
      continue;
    }
    if (charCode >= 128 || charCode === 45 || charCode === 95 || charCode >= 48 && charCode <= 57 || charCode >= 65 && charCode <= 90 || charCode >= 97 && charCode <= 122) {
      result += char;
      continue;
    }
    result += "\\" + char;
  }
  return result;
}
function serializeString(s) {
  let result = '"';
  for (let i = 0; i < s.length; i++) {
    const charCode = s.charCodeAt(i);
    const char = s[i];
    if (charCode === 0) {
      result += "\uFFFD";
      continue;
    }
    if (charCode >= 1 && charCode <= 31 || charCode === 127) {
      result += escapeAsCodePoint(charCode);
      continue;
    }
    if (charCode === 34 || charCode === 92) {
      result += "\\" + char;
      continue;
    }
    result += char;
  }
  result += '"';
  return result;
}
function serializeUrl(val) {
  return `url(${serializeString(val)})`;
}
function serializeUrlToken(val, originalText) {
  if (originalText && !val.includes("\uFFFD") && originalText.endsWith(")")) return originalText;
  let result = "";
  for (let i = 0; i < val.length; i++) {
    const charCode = val.charCodeAt(i);
    const char = val[i];
    if (charCode === 34 || charCode === 39 || charCode === 40 || charCode === 41 || charCode === 92 || charCode <= 32 || charCode === 127) result += "\\" + char;
    else result += char;
  }
  return `url(${result})`;
}
function escapeAsCodePoint(charCode) {
  return "\\" + charCode.toString(16) + " ";
}
var logicalShorthandsEntries = Object.entries({
  "margin-inline": {
    start: "margin-inline-start",
    end: "margin-inline-end",
    allowDifferent: true
  },
  "padding-inline": {
    start: "padding-inline-start",
    end: "padding-inline-end",
    allowDifferent: true
  },
  "margin-block": {
    start: "margin-block-start",
    end: "margin-block-end",
    allowDifferent: true
  },
  "padding-block": {
    start: "padding-block-start",
    end: "padding-block-end",
    allowDifferent: true
  },
  "inset-inline": {
    start: "inset-inline-start",
    end: "inset-inline-end",
    allowDifferent: true
  },
  "inset-block": {
    start: "inset-block-start",
    end: "inset-block-end",
    allowDifferent: true
  },
  "border-inline-width": {
    start: "border-inline-start-width",
    end: "border-inline-end-width",
    allowDifferent: true
  },
  "border-block-width": {
    start: "border-block-start-width",
    end: "border-block-end-width",
    allowDifferent: true
  },
  "border-inline-style": {
    start: "border-inline-start-style",
    end: "border-inline-end-style",
    allowDifferent: true
  },
  "border-block-style": {
    start: "border-block-start-style",
    end: "border-block-end-style",
    allowDifferent: true
  },
  "border-inline-color": {
    start: "border-inline-start-color",
    end: "border-inline-end-color",
    allowDifferent: true
  },
  "border-block-color": {
    start: "border-block-start-color",
    end: "border-block-end-color",
    allowDifferent: true
  },
  "border-inline": {
    start: "border-inline-start",
    end: "border-inline-end",
    allowDifferent: false
  },
  "border-block": {
    start: "border-block-start",
    end: "border-block-end",
    allowDifferent: false
  },
  "overflow": {
    start: "overflow-x",
    end: "overflow-y",
    allowDifferent: true
  },
  "overscroll-behavior": {
    start: "overscroll-behavior-x",
    end: "overscroll-behavior-y",
    allowDifferent: true
  }
});
var propertyToGroup = {
  "margin-top": "margin",
  "margin-right": "margin",
  "margin-bottom": "margin",
  "margin-left": "margin",
  "margin-inline-start": "margin",
  "margin-inline-end": "margin",
  "margin-block-start": "margin",
  "margin-block-end": "margin",
  "padding-top": "padding",
  "padding-right": "padding",
  "padding-bottom": "padding",
  "padding-left": "padding",
  "padding-inline-start": "padding",
  "padding-inline-end": "padding",
  "padding-block-start": "padding",
  "padding-block-end": "padding",
  "top": "inset",
  "right": "inset",
  "bottom": "inset",
  "left": "inset",
  "inset-inline-start": "inset",
  "inset-inline-end": "inset",
  "inset-block-start": "inset",
  "inset-block-end": "inset",
  "border-top-width": "border-width",
  "border-right-width": "border-width",
  "border-bottom-width": "border-width",
  "border-left-width": "border-width",
  "border-inline-start-width": "border-width",
  "border-inline-end-width": "border-width",
  "border-block-start-width": "border-width",
  "border-block-end-width": "border-width",
  "border-top-style": "border-style",
  "border-right-style": "border-style",
  "border-bottom-style": "border-style",
  "border-left-style": "border-style",
  "border-inline-start-style": "border-style",
  "border-inline-end-style": "border-style",
  "border-block-start-style": "border-style",
  "border-block-end-style": "border-style",
  "border-top-color": "border-color",
  "border-right-color": "border-color",
  "border-bottom-color": "border-color",
  "border-left-color": "border-color",
  "border-inline-start-color": "border-color",
  "border-inline-end-color": "border-color",
  "border-block-start-color": "border-color",
  "border-block-end-color": "border-color",
  "width": "size",
  "height": "size",
  "inline-size": "size",
  "block-size": "size",
  "min-width": "min-size",
  "min-height": "min-size",
  "min-inline-size": "min-size",
  "min-block-size": "min-size",
  "max-width": "max-size",
  "max-height": "max-size",
  "max-inline-size": "max-size",
  "max-block-size": "max-size",
  "border-top-left-radius": "border-radius",
  "border-top-right-radius": "border-radius",
  "border-bottom-right-radius": "border-radius",
  "border-bottom-left-radius": "border-radius",
  "border-start-start-radius": "border-radius",
  "border-start-end-radius": "border-radius",
  "border-end-start-radius": "border-radius",
  "border-end-end-radius": "border-radius",
  "border-top": "border",
  "border-right": "border",
  "border-bottom": "border",
  "border-left": "border",
  "border-block-start": "border",
  "border-block-end": "border",
  "border-inline-start": "border",
  "border-inline-end": "border",
  "overflow-x": "overflow",
  "overflow-y": "overflow",
  "overflow-inline": "overflow",
  "overflow-block": "overflow",
  "overscroll-behavior-x": "overscroll-behavior",
  "overscroll-behavior-y": "overscroll-behavior",
  "overscroll-behavior-inline": "overscroll-behavior",
  "overscroll-behavior-block": "overscroll-behavior",
  "outline-color": "outline",
  "outline-style": "outline",
  "outline-width": "outline",
  "list-style-type": "list-style",
  "list-style-position": "list-style",
  "list-style-image": "list-style",
  "flex-grow": "flex",
  "flex-shrink": "flex",
  "flex-basis": "flex",
  "font-style": "font",
  "font-variant-caps": "font",
  "font-weight": "font",
  "font-stretch": "font",
  "font-size": "font",
  "line-height": "font",
  "font-family": "font",
  "font-variant-ligatures": "font-variant",
  "font-variant-alternates": "font-variant",
  "font-variant-numeric": "font-variant",
  "font-variant-east-asian": "font-variant",
  "font-variant-position": "font-variant",
  "font-variant-emoji": "font-variant"
};
var genericShorthands = {
  "border-top": [
    "border-top-width",
    "border-top-style",
    "border-top-color"
  ],
  "border-right": [
    "border-right-width",
    "border-right-style",
    "border-right-color"
  ],
  "border-bottom": [
    "border-bottom-width",
    "border-bottom-style",
    "border-bottom-color"
  ],
  "border-left": [
    "border-left-width",
    "border-left-style",
    "border-left-color"
  ],
  "border-block-start": [
    "border-block-start-width",
    "border-block-start-style",
    "border-block-start-color"
  ],
  "border-block-end": [
    "border-block-end-width",
    "border-block-end-style",
    "border-block-end-color"
  ],
  "border-inline-start": [
    "border-inline-start-width",
    "border-inline-start-style",
    "border-inline-start-color"
  ],
  "border-inline-end": [
    "border-inline-end-width",
    "border-inline-end-style",
    "border-inline-end-color"
  ],
  "outline": [
    "outline-color",
    "outline-style",
    "outline-width"
  ],
  "list-style": [
    "list-style-type",
    "list-style-position",
    "list-style-image"
  ],
  "flex": [
    "flex-grow",
    "flex-shrink",
    "flex-basis"
  ],
  "border-image": [
    "border-image-source",
    "border-image-slice",
    "border-image-width",
    "border-image-outset",
    "border-image-repeat"
  ],
  "line-clamp": [
    "max-lines",
    "block-ellipsis",
    "continue"
  ]
};
var genericShorthandsEntries = Object.entries(genericShorthands);
function checkIntervening(decls, allDecls, declIndices) {
  const indices = decls.map((d) => declIndices.get(d));
  const startIdx = Math.min(...indices);
  const endIdx = Math.max(...indices);
  const names = new Set(decls.map((d) => d.name));
  const groups = new Set(decls.map((d) => propertyToGroup[d.name]).filter(Boolean));
  const isSideShorthand = groups.size > 1;
  for (let i = startIdx + 1; i < endIdx; i++) {
    const intervening = allDecls[i];
    if (names.has(intervening.name)) continue;
    const interveningGroup = propertyToGroup[intervening.name];
    if (!interveningGroup) continue;
    if (isSideShorthand) {
      const sidePrefix = decls[0].name.replace(/-(width|style|color)$/, "");
      if (intervening.name.startsWith(sidePrefix + "-") || ["all", "border"].includes(intervening.name)) return true;
    } else {
      if (groups.has(interveningGroup)) return true;
      if (["all", "border"].includes(intervening.name)) return true;
    }
  }
  return false;
}
var BOX_SHORTHAND_NAMES = /* @__PURE__ */ new Set("margin,padding,border-width,border-style,border-color,scroll-margin,scroll-padding,inset,overflow-clip-margin,border-radius".split(","));
var BOX_SHORTHAND_ENTRIES = Object.entries(SHORTHANDS).filter(([shorthand, def]) => BOX_SHORTHAND_NAMES.has(shorthand) && def.logicalLonghands?.length === 4);
function tryCombineBoxShorthand(d, declMap, processed, declarations, declIndices) {
  for (const [shorthand, def] of BOX_SHORTHAND_ENTRIES) {
    const physical = def.longhands;
    const logical = def.logicalLonghands;
    const isPhysical = physical.includes(d.name);
    const isLogical = logical.includes(d.name);
    if (!isPhysical && !isLogical) continue;
    const allDecls = (isPhysical ? physical : logical).map((name) => declMap.get(name));
    if (!allDecls.every((other) => other && !processed.has(other) && other.important === d.important)) continue;
    if (checkIntervening(allDecls, declarations, declIndices)) continue;
    const valuesForContract = {};
    for (const other of allDecls) valuesForContract[other.name] = other.value;
    const value = def.contract(valuesForContract);
    if (value !== null) {
      for (const other of allDecls) processed.add(other);
      return `${shorthand}: ${value}${d.important ? " !important" : ""}`;
    }
  }
  return null;
}
function tryCombineLogicalShorthand(d, declMap, processed, declarations, declIndices) {
  for (const [shorthand, longhands] of logicalShorthandsEntries) {
    if (d.name !== longhands.start && d.name !== longhands.end) continue;
    const otherName = d.name === longhands.start ? longhands.end : longhands.start;
    const otherDecl = declMap.get(otherName);
    if (!otherDecl || processed.has(otherDecl) || d.important !== otherDecl.important) continue;
    if (checkIntervening([d, otherDecl], declarations, declIndices)) continue;
    const startDecl = d.name === longhands.start ? d : otherDecl;
    const endDecl = d.name === longhands.end ? d : otherDecl;
    const valS = serialize(startDecl.value).trim();
    const valE = serialize(endDecl.value).trim();
    if (valS === valE) {
      processed.add(startDecl);
      processed.add(endDecl);
      return `${shorthand}: ${valS}${d.important ? " !important" : ""}`;
    }
    if (longhands.allowDifferent && !valS.includes("var(") && !valE.includes("var(")) {
      processed.add(startDecl);
      processed.add(endDecl);
      return `${shorthand}: ${valS} ${valE}${d.important ? " !important" : ""}`;
    }
  }
  return null;
}
function tryCombineGenericShorthand(d, declMap, processed, declarations, declIndices) {
  for (const [shorthand, longhands] of genericShorthandsEntries) {
    if (!longhands.includes(d.name)) continue;
    const allDecls = longhands.map((name) => declMap.get(name));
    if (!allDecls.every((other) => other && !processed.has(other) && other.important === d.important)) continue;
    if (checkIntervening(allDecls, declarations, declIndices)) continue;
    const record = {};
    for (const other of allDecls) record[other.name] = other.value;
    const contracted = SHORTHANDS[shorthand]?.contract(record);
    if (contracted !== null && contracted !== void 0) {
      for (const other of allDecls) processed.add(other);
      return {
        name: shorthand,
        value: contracted,
        important: d.important
      };
    }
  }
  return null;
}
var BORDER_PHYSICAL_SIDE_LONGHANDS = [
  "border-top-width",
  "border-top-style",
  "border-top-color",
  "border-right-width",
  "border-right-style",
  "border-right-color",
  "border-bottom-width",
  "border-bottom-style",
  "border-bottom-color",
  "border-left-width",
  "border-left-style",
  "border-left-color"
];
var BORDER_IMAGE_LONGHAND_NAMES = [
  "border-image-source",
  "border-image-slice",
  "border-image-width",
  "border-image-outset",
  "border-image-repeat"
];
function tryCombineBorderFull(d, declMap, processed, declarations, declIndices) {
  if (!BORDER_PHYSICAL_SIDE_LONGHANDS.includes(d.name)) return null;
  const allDecls = BORDER_PHYSICAL_SIDE_LONGHANDS.map((name) => declMap.get(name));
  if (!allDecls.every((other) => other && !processed.has(other) && other.important === d.important)) return null;
  if (checkIntervening(allDecls, declarations, declIndices)) return null;
  const imageDecls = BORDER_IMAGE_LONGHAND_NAMES.map((name) => declMap.get(name)).filter((img) => Boolean(img && !processed.has(img)));
  if (imageDecls.length === 0) return null;
  const imageRecord = {
    "border-image-source": [{
      type: "ident",
      value: "none"
    }],
    "border-image-slice": [{
      type: "percentage",
      value: 100,
      sign: null
    }],
    "border-image-width": [{
      type: "number",
      value: 1,
      sign: null,
      numberType: "integer"
    }],
    "border-image-outset": [{
      type: "number",
      value: 0,
      sign: null,
      numberType: "integer"
    }],
    "border-image-repeat": [{
      type: "ident",
      value: "stretch"
    }]
  };
  for (const img of imageDecls) imageRecord[img.name] = img.value;
  if (!isInitialBorderImage(imageRecord)) return null;
  const record = { ...imageRecord };
  for (const other of allDecls) record[other.name] = other.value;
  const contracted = SHORTHANDS["border"]?.contract(record);
  if (contracted !== null && contracted !== void 0) {
    for (const other of allDecls) processed.add(other);
    for (const img of imageDecls) processed.add(img);
    return `border: ${contracted}${d.important ? " !important" : ""}`;
  }
  return null;
}
var ORDERED_SHORTHAND_COMBINERS = [
  {
    name: "font",
    longhands: SHORTHANDS["font"].longhands
  },
  {
    name: "font-variant",
    longhands: SHORTHANDS["font-variant"].longhands
  },
  {
    name: "background",
    longhands: [
      "background-image",
      "background-position",
      "background-size",
      "background-repeat",
      "background-attachment",
      "background-origin",
      "background-clip",
      "background-color"
    ]
  },
  {
    name: "border-block",
    longhands: [
      "border-block-start-width",
      "border-block-start-style",
      "border-block-start-color",
      "border-block-end-width",
      "border-block-end-style",
      "border-block-end-color"
    ]
  },
  {
    name: "border-inline",
    longhands: [
      "border-inline-start-width",
      "border-inline-start-style",
      "border-inline-start-color",
      "border-inline-end-width",
      "border-inline-end-style",
      "border-inline-end-color"
    ]
  }
];
function tryCombineNamedShorthand(shorthandName, longhands, d, declMap, processed, declarations, declIndices) {
  if (!longhands.includes(d.name)) return null;
  const allDecls = longhands.map((name) => declMap.get(name));
  if (!allDecls.every((other) => other && !processed.has(other) && other.important === d.important)) return null;
  if (checkIntervening(allDecls, declarations, declIndices)) return null;
  const record = {};
  for (const other of allDecls) record[other.name] = other.value;
  const contracted = SHORTHANDS[shorthandName]?.contract(record);
  if (contracted !== null && contracted !== void 0) {
    for (const other of allDecls) processed.add(other);
    return `${shorthandName}: ${contracted}${d.important ? " !important" : ""}`;
  }
  return null;
}
var CSS_WIDE_AND_DEFAULT = /* @__PURE__ */ new Set("initial,inherit,unset,revert,revert-layer,default".split(","));
function serializeFontFamilyItem(tokens) {
  const nonWs = tokens.filter((t) => t.type !== "whitespace" && t.type !== "comment" && t.type !== "EOF");
  if (nonWs.length === 1 && nonWs[0].type === "string") {
    let strVal = nonWs[0].value;
    if (strVal.startsWith("'") && strVal.endsWith("'") || strVal.startsWith('"') && strVal.endsWith('"')) strVal = strVal.slice(1, -1);
    const lower = strVal.toLowerCase();
    if (GENERIC_FONT_FAMILIES.has(lower) || CSS_WIDE_AND_DEFAULT.has(lower)) return `"${strVal}"`;
    if (strVal !== strVal.trim() || /\s{2,}|\t|\n|\r/.test(strVal)) return `"${strVal}"`;
    const words = strVal.split(" ");
    return words.length > 0 && words.every((word) => word.length > 0 && !/^[0-9]|^--|^-[0-9]/.test(word) && /^[a-zA-Z_-][a-zA-Z0-9_-]*$/.test(word)) ? strVal : `"${strVal}"`;
  }
  if (nonWs.every((t) => t.type === "ident")) return nonWs.map((t) => serializeNode(t, false)).join(" ");
  return tokens.map((t) => serializeNode(t, false)).join("");
}
function serializeFontFamily(values) {
  const groups = [];
  let current = [];
  for (const token of values) if (token.type === "comma") {
    groups.push(current);
    current = [];
  } else current.push(token);
  if (current.length > 0) groups.push(current);
  return groups.map((g) => serializeFontFamilyItem(g).trim()).filter((s) => s.length > 0).join(", ");
}
function serializeDeclarations(declarations) {
  if (declarations.length === 0) return "";
  const declMap = /* @__PURE__ */ new Map();
  const declIndices = /* @__PURE__ */ new Map();
  for (let i = 0; i < declarations.length; i++) {
    const d = declarations[i];
    declMap.set(d.name, d);
    declIndices.set(d, i);
  }
  if (declarations.length >= ALL_SHORTHAND_LONGHANDS.length) {
    const firstDecl = declMap.get(ALL_SHORTHAND_LONGHANDS[0]);
    if (firstDecl) {
      const firstValLower = serialize(firstDecl.value).trim().toLowerCase();
      const firstImportant = firstDecl.important;
      if (CSS_WIDE_AND_DEFAULT.has(firstValLower) || firstValLower.startsWith("var(")) {
        if (ALL_SHORTHAND_LONGHANDS.every((lh) => {
          const d = declMap.get(lh);
          return d && serialize(d.value).trim().toLowerCase() === firstValLower && d.important === firstImportant;
        })) {
          const allLonghandsSet = new Set(ALL_SHORTHAND_LONGHANDS);
          const allDecl = {
            type: "declaration",
            name: "all",
            value: firstDecl.value,
            important: firstImportant
          };
          const newDecls = [];
          let inserted = false;
          for (const d of declarations) if (allLonghandsSet.has(d.name)) {
            if (!inserted) {
              newDecls.push(allDecl);
              inserted = true;
            }
          } else newDecls.push(d);
          return serializeDeclarations(newDecls);
        }
      }
    }
  }
  const processed = /* @__PURE__ */ new Set();
  const result = [];
  for (const d of declarations) {
    if (processed.has(d)) continue;
    let combined = tryCombineBorderFull(d, declMap, processed, declarations, declIndices);
    if (!combined) for (const spec of ORDERED_SHORTHAND_COMBINERS) {
      combined = tryCombineNamedShorthand(spec.name, spec.longhands, d, declMap, processed, declarations, declIndices);
      if (combined) break;
    }
    if (!combined) combined = tryCombineBoxShorthand(d, declMap, processed, declarations, declIndices);
    if (!combined) {
      const generic = tryCombineGenericShorthand(d, declMap, processed, declarations, declIndices);
      if (generic) {
        const sides = [
          "border-top",
          "border-right",
          "border-bottom",
          "border-left"
        ];
        if (sides.includes(generic.name)) {
          const sideResults = sides.map((side) => {
            if (side === generic.name) return generic;
            const existing = declMap.get(side);
            if (existing && !processed.has(existing)) return {
              name: side,
              value: serialize(existing.value).trim(),
              important: existing.important,
              decl: existing
            };
            const longhands = genericShorthands[side];
            if (!longhands) return null;
            const sideLonghands = longhands.map((lh) => declMap.get(lh));
            if (sideLonghands.every((lh) => lh && !processed.has(lh) && lh.important === generic.important)) {
              if (checkIntervening(sideLonghands, declarations, declIndices)) return null;
              return {
                name: side,
                value: sideLonghands.map((lh) => serialize(lh.value).trim()).filter((v) => v !== "").join(" "),
                important: generic.important,
                longhands: sideLonghands
              };
            }
            return null;
          });
          if (sideResults.every((r) => r !== null && r.value === generic.value && r.important === generic.important)) {
            for (const r of sideResults) if (r && "longhands" in r) r.longhands.forEach((lh) => processed.add(lh));
            else if (r && "decl" in r) processed.add(r.decl);
            combined = `border: ${generic.value}${generic.important ? " !important" : ""}`;
          } else combined = `${generic.name}: ${generic.value}${generic.important ? " !important" : ""}`;
        } else combined = `${generic.name}: ${generic.value}${generic.important ? " !important" : ""}`;
      }
    }
    if (!combined) combined = tryCombineLogicalShorthand(d, declMap, processed, declarations, declIndices);
    if (combined) result.push(combined);
    else {
      const isCustom = d.name.startsWith("--");
      let val;
      if (d.name === "font-family") val = serializeFontFamily(d.value);
      else if (d.name === "flex-basis" && serialize(d.value).trim() === "0") val = "0px";
      else val = d.raw && !d.raw.includes("var(") ? d.raw : serialize(d.value, isCustom, d.name).trim();
      result.push(`${serializeIdentifier(d.name)}: ${val}${d.important ? " !important" : ""}`);
      processed.add(d);
    }
  }
  return result.join("; ") + ";";
}
function serializeSelectorList(list, nsContext) {
  const context = {
    hasDefaultNamespace: typeof nsContext === "boolean" ? nsContext : Boolean(nsContext?.hasDefaultNamespace),
    defaultNamespacePrefixes: typeof nsContext === "object" && nsContext !== null ? nsContext.defaultNamespacePrefixes : void 0
  };
  return list.selectors.map((s) => s.type === "invalid-selector" ? serialize(s.tokens) : serializeComplexSelector(s, context)).join(", ");
}
function serializeComplexSelector(complex, nsContext) {
  const { hasDefaultNamespace, defaultNamespacePrefixes } = nsContext;
  return complex.items.map((item, idx) => {
    if (item.type === "combinator") {
      if (item.value === " ") return " ";
      return idx === 0 ? `${item.value} ` : ` ${item.value} `;
    }
    return item.selectors.filter((s, sIdx) => {
      if (s.type === "universal-selector" && item.selectors.length > 1 && sIdx === 0) {
        const isDefaultNs = s.namespace !== void 0 && s.namespace !== "" && defaultNamespacePrefixes?.has(s.namespace);
        if (s.namespace === void 0 || isDefaultNs || s.namespace === "*" && !hasDefaultNamespace) return false;
      }
      return true;
    }).map((s) => serializeSimpleSelector(s, nsContext)).join("");
  }).join("");
}
function formatAnPlusB(tokens) {
  const parsed = parseAnPlusB(tokens);
  if (parsed === null) return serialize(tokens).trim();
  const { a, b } = parsed;
  if (a === 0) return b.toString();
  const partA = a === 1 ? "n" : a === -1 ? "-n" : `${a}n`;
  if (b === 0) return partA;
  return b > 0 ? `${partA}+${b}` : `${partA}${b}`;
}
function formatSelectorNamespacePrefix(namespace, nsContext, isElementSelector) {
  if (namespace === void 0) return "";
  if (isElementSelector && namespace !== "" && nsContext.defaultNamespacePrefixes?.has(namespace)) return "";
  if (namespace === "*") return !isElementSelector || nsContext.hasDefaultNamespace ? "*|" : "";
  if (namespace === "") return isElementSelector ? "|" : "";
  return `${serializeIdentifier(namespace)}|`;
}
var NTH_PSEUDO_CLASSES = /* @__PURE__ */ new Set("nth-child,nth-last-child,nth-of-type,nth-last-of-type".split(","));
function serializeSimpleSelector(simple, nsContext) {
  switch (simple.type) {
    case "type-selector":
      return formatSelectorNamespacePrefix(simple.namespace, nsContext, true) + serializeIdentifier(simple.name);
    case "universal-selector":
      return formatSelectorNamespacePrefix(simple.namespace, nsContext, true) + "*";
    case "id-selector":
      return "#" + serializeIdentifier(simple.name);
    case "class-selector":
      return "." + serializeIdentifier(simple.name);
    case "attribute-selector": {
      let attr = "[" + formatSelectorNamespacePrefix(simple.namespace, nsContext, false) + serializeIdentifier(simple.name);
      if (simple.operator) attr += simple.operator + serializeString(simple.value || "");
      if (simple.flags) attr += " " + simple.flags;
      return attr + "]";
    }
    case "pseudo-class-selector": {
      let pc = `:${simple.name}`;
      const isNth = NTH_PSEUDO_CLASSES.has(simple.name.toLowerCase());
      if (simple.argument) {
        if ("type" in simple.argument && simple.argument.type === "selector-list") {
          const selStr = serializeSelectorList(simple.argument, nsContext);
          pc += isNth && simple.nth ? `(${formatAnPlusB(simple.nth)} of ${selStr})` : `(${selStr})`;
        } else {
          const tokens = simple.argument;
          pc += `(${isNth ? formatAnPlusB(tokens) : serialize(tokens).trim()})`;
        }
      }
      return pc;
    }
    case "pseudo-element-selector": {
      let pe2 = `::${simple.name}`;
      if (simple.argument) pe2 += "type" in simple.argument && simple.argument.type === "selector-list" ? `(${serializeSelectorList(simple.argument, nsContext)})` : `(${serialize(simple.argument).trim()})`;
      return pe2;
    }
    case "nesting-selector":
      return "&";
    default:
      return "";
  }
}
var AbstractTokenizer = class {
  unicodeRangesAllowed = false;
  errors = [];
  parseError(message) {
    this.errors.push({ message });
    console.warn(`CSS Parse Error: ${message}`);
  }
  consumeToken() {
    while (true) {
      this.consumeComments();
      const cp2 = this.consume();
      if (cp2 === -1) return {
        type: "EOF",
        value: ""
      };
      if (this.isWhitespace(cp2)) {
        while (this.isWhitespace(this.cp)) this.consume();
        return {
          type: "whitespace",
          value: " "
        };
      }
      switch (cp2) {
        case 34:
          return this.consumeStringToken(34);
        case 35:
          if (this.isIdentCodePoint(this.cp) || this.isValidEscape(this.cp, this.peek(1))) {
            const token = {
              type: "hash",
              value: "",
              hashType: "unrestricted"
            };
            if (this.wouldStartIdentSequence(this.cp, this.peek(1), this.peek(2))) token.hashType = "id";
            token.value = this.consumeIdentSequence();
            return token;
          }
          return {
            type: "delim",
            value: String.fromCodePoint(cp2)
          };
        case 39:
          return this.consumeStringToken(39);
        case 40:
          return {
            type: "(",
            value: "("
          };
        case 41:
          return {
            type: ")",
            value: ")"
          };
        case 43:
          if (this.wouldStartNumber(cp2, this.cp, this.peek(1))) {
            this.reconsume();
            return this.consumeNumericToken();
          }
          return {
            type: "delim",
            value: "+"
          };
        case 44:
          return {
            type: "comma",
            value: ","
          };
        case 45:
          if (this.wouldStartNumber(cp2, this.cp, this.peek(1))) {
            this.reconsume();
            return this.consumeNumericToken();
          }
          if (this.cp === 45 && this.peek(1) === 62) {
            this.consume();
            this.consume();
            return {
              type: "CDC",
              value: "-->"
            };
          }
          if (this.wouldStartIdentSequence(cp2, this.cp, this.peek(1))) {
            this.reconsume();
            return this.consumeIdentLikeToken();
          }
          return {
            type: "delim",
            value: "-"
          };
        case 46:
          if (this.wouldStartNumber(cp2, this.cp, this.peek(1))) {
            this.reconsume();
            return this.consumeNumericToken();
          }
          return {
            type: "delim",
            value: "."
          };
        case 47:
          return {
            type: "delim",
            value: "/"
          };
        case 58:
          return {
            type: "colon",
            value: ":"
          };
        case 59:
          return {
            type: "semicolon",
            value: ";"
          };
        case 60:
          if (this.cp === 33 && this.peek(1) === 45 && this.peek(2) === 45) {
            this.consume();
            this.consume();
            this.consume();
            return {
              type: "CDO",
              value: "<!--"
            };
          }
          return {
            type: "delim",
            value: "<"
          };
        case 64:
          if (this.wouldStartIdentSequence(this.cp, this.peek(1), this.peek(2))) return {
            type: "at-keyword",
            value: this.consumeIdentSequence()
          };
          return {
            type: "delim",
            value: "@"
          };
        case 91:
          return {
            type: "[",
            value: "["
          };
        case 92:
          if (this.isValidEscape(cp2, this.cp)) {
            this.reconsume();
            return this.consumeIdentLikeToken();
          }
          this.parseError("Invalid escape sequence");
          return {
            type: "delim",
            value: "\\"
          };
        case 93:
          return {
            type: "]",
            value: "]"
          };
        case 123:
          return {
            type: "{",
            value: "{"
          };
        case 125:
          return {
            type: "}",
            value: "}"
          };
      }
      if (this.isDigit(cp2)) {
        this.reconsume();
        return this.consumeNumericToken();
      }
      if (this.isIdentStartCodePoint(cp2)) {
        this.reconsume();
        if (this.unicodeRangesAllowed && this.wouldStartUnicodeRange(this.cp, this.peek(1), this.peek(2))) {
          this.consume();
          this.consume();
          return this.consumeUnicodeRangeToken();
        }
        return this.consumeIdentLikeToken();
      }
      return {
        type: "delim",
        value: String.fromCodePoint(cp2)
      };
    }
  }
  consumeComments() {
    while (this.cp === 47 && this.peek(1) === 42) {
      this.consume();
      this.consume();
      while (true) {
        const cp2 = this.consume();
        if (cp2 === -1) {
          this.parseError("EOF reached before comment was closed");
          return;
        }
        if (cp2 === 42 && this.cp === 47) {
          this.consume();
          break;
        }
      }
    }
  }
  consumeNumericToken() {
    const number3 = this.consumeNumber();
    if (this.wouldStartIdentSequence(this.cp, this.peek(1), this.peek(2))) {
      const unit = this.consumeIdentSequence();
      return {
        type: "dimension",
        value: number3.value,
        unit,
        numberType: number3.type,
        sign: number3.sign
      };
    }
    if (this.cp === 37) {
      this.consume();
      return {
        type: "percentage",
        value: number3.value,
        sign: number3.sign
      };
    }
    return {
      type: "number",
      value: number3.value,
      numberType: number3.type,
      sign: number3.sign
    };
  }
  consumeIdentLikeToken() {
    const string = this.consumeIdentSequence();
    if (string.toLowerCase() === "url" && this.cp === 40) {
      this.consume();
      while (this.isWhitespace(this.cp) && this.isWhitespace(this.peek(1))) this.consume();
      const currentCp = this.cp;
      if (currentCp === 34 || currentCp === 39 || this.isWhitespace(currentCp) && (this.peek(1) === 34 || this.peek(1) === 39)) return {
        type: "function",
        value: string
      };
      return this.consumeUrlToken();
    }
    if (this.cp === 40) {
      this.consume();
      return {
        type: "function",
        value: string
      };
    }
    return {
      type: "ident",
      value: string
    };
  }
  consumeStringToken(endingCodePoint) {
    const startPos = this.getPosition();
    let hasEscapes = false;
    let result = "";
    while (true) {
      const cp2 = this.consume();
      if (cp2 === endingCodePoint || cp2 === -1) {
        if (cp2 === -1) this.parseError("EOF reached before string was closed");
        if (!hasEscapes) {
          const lengthOffset = cp2 === -1 ? 0 : 1;
          return {
            type: "string",
            value: this.slice(startPos, this.getPosition() - lengthOffset)
          };
        }
        return {
          type: "string",
          value: result
        };
      }
      if (this.isNewline(cp2)) {
        this.parseError("Newline reached before string was closed");
        this.reconsume();
        if (!hasEscapes) return {
          type: "bad-string",
          value: this.slice(startPos, this.getPosition())
        };
        return {
          type: "bad-string",
          value: result
        };
      }
      if (cp2 === 92) {
        if (!hasEscapes) {
          hasEscapes = true;
          this.reconsume();
          result = this.slice(startPos, this.getPosition());
          this.consume();
        }
        if (this.cp === -1) {
        } else if (this.isNewline(this.cp)) this.consume();
        else result += String.fromCodePoint(this.consumeEscapedCodePoint());
      } else if (hasEscapes) result += String.fromCodePoint(cp2);
    }
  }
  consumeUrlToken() {
    let value = "";
    while (this.isWhitespace(this.cp)) this.consume();
    while (true) {
      const cp2 = this.consume();
      if (cp2 === 41 || cp2 === -1) {
        if (cp2 === -1) this.parseError("EOF reached before URL was closed");
        return {
          type: "url",
          value
        };
      }
      if (this.isWhitespace(cp2)) {
        while (this.isWhitespace(this.cp)) this.consume();
        if (this.cp === 41 || this.cp === -1) {
          if (this.cp === -1) this.parseError("EOF reached before URL was closed");
          this.consume();
          return {
            type: "url",
            value
          };
        }
        this.consumeRemnantsOfBadUrl();
        return {
          type: "bad-url",
          value
        };
      }
      if (cp2 === 34 || cp2 === 39 || cp2 === 40 || this.isNonPrintable(cp2)) {
        this.parseError("Invalid character in URL");
        this.consumeRemnantsOfBadUrl();
        return {
          type: "bad-url",
          value
        };
      }
      if (cp2 === 92) {
        if (this.isValidEscape(cp2, this.cp)) value += String.fromCodePoint(this.consumeEscapedCodePoint());
        else {
          this.parseError("Invalid escape sequence in URL");
          this.consumeRemnantsOfBadUrl();
          return {
            type: "bad-url",
            value
          };
        }
      } else value += String.fromCodePoint(cp2);
    }
  }
  consumeEscapedCodePoint() {
    const cp2 = this.consume();
    if (this.isHexDigit(cp2)) {
      let hex = String.fromCodePoint(cp2);
      let count = 1;
      while (count < 6 && this.isHexDigit(this.cp)) {
        hex += String.fromCodePoint(this.consume());
        count++;
      }
      if (this.isWhitespace(this.cp)) this.consume();
      const value = parseInt(hex, 16);
      if (value === 0 || value >= 55296 && value <= 57343 || value > 1114111) return 65533;
      return value;
    }
    if (cp2 === -1) {
      this.parseError("EOF reached in escape sequence");
      return 65533;
    }
    return cp2;
  }
  isValidEscape(cp1, cp2) {
    if (cp1 !== 92) return false;
    if (this.isNewline(cp2)) return false;
    return true;
  }
  wouldStartIdentSequence(cp1, cp2, cp3) {
    if (cp1 === 45) {
      if (this.isIdentStartCodePoint(cp2) || cp2 === 45) return true;
      if (this.isValidEscape(cp2, cp3)) return true;
      return false;
    }
    if (this.isIdentStartCodePoint(cp1)) return true;
    if (cp1 === 92) {
      if (this.isValidEscape(cp1, cp2)) return true;
      return false;
    }
    return false;
  }
  wouldStartNumber(cp1, cp2, cp3) {
    if (cp1 === 43 || cp1 === 45) {
      if (this.isDigit(cp2)) return true;
      if (cp2 === 46 && this.isDigit(cp3)) return true;
      return false;
    }
    if (cp1 === 46) {
      if (this.isDigit(cp2)) return true;
      return false;
    }
    if (this.isDigit(cp1)) return true;
    return false;
  }
  consumeIdentSequence() {
    const startPos = this.getPosition();
    let hasEscapes = false;
    let result = "";
    while (true) {
      const cp2 = this.consume();
      if (this.isIdentCodePoint(cp2)) {
        if (hasEscapes) result += String.fromCodePoint(cp2);
      } else if (this.isValidEscape(cp2, this.cp)) {
        if (!hasEscapes) {
          hasEscapes = true;
          this.reconsume();
          result = this.slice(startPos, this.getPosition());
          this.consume();
        }
        result += String.fromCodePoint(this.consumeEscapedCodePoint());
      } else {
        if (cp2 !== -1) this.reconsume();
        break;
      }
    }
    if (!hasEscapes) return this.slice(startPos, this.getPosition());
    return result;
  }
  consumeNumber() {
    let type = "integer";
    let sign = null;
    if (this.cp === 43) {
      sign = "+";
      this.consume();
    } else if (this.cp === 45) {
      sign = "-";
      this.consume();
    }
    let value = 0;
    let power = 0;
    while (this.isDigit(this.cp)) {
      value = value * 10 + (this.cp - 48);
      this.consume();
    }
    if (this.cp === 46 && this.isDigit(this.peek(1))) {
      this.consume();
      type = "number";
      while (this.isDigit(this.cp)) {
        value = value * 10 + (this.cp - 48);
        power--;
        this.consume();
      }
    }
    let exp = 0;
    let expSign = 1;
    const currentCp = this.cp;
    if ((currentCp === 69 || currentCp === 101) && (this.isDigit(this.peek(1)) || (this.peek(1) === 43 || this.peek(1) === 45) && this.isDigit(this.peek(2)))) {
      this.consume();
      const nextCp = this.cp;
      if (nextCp === 43) this.consume();
      else if (nextCp === 45) {
        expSign = -1;
        this.consume();
      }
      while (this.isDigit(this.cp)) {
        exp = exp * 10 + (this.cp - 48);
        this.consume();
      }
      type = "number";
    }
    value = value * Math.pow(10, power + expSign * exp);
    if (sign === "-") value = -value;
    return {
      value,
      type,
      sign
    };
  }
  consumeRemnantsOfBadUrl() {
    while (true) {
      const cp2 = this.consume();
      if (cp2 === 41 || cp2 === -1) break;
      if (this.isValidEscape(cp2, this.cp)) this.consumeEscapedCodePoint();
    }
  }
  wouldStartUnicodeRange(cp1, cp2, cp3) {
    if (cp1 !== 85 && cp1 !== 117) return false;
    if (cp2 !== 43) return false;
    if (cp3 === 63 || this.isHexDigit(cp3)) return true;
    return false;
  }
  consumeUnicodeRangeToken() {
    let hex = "";
    let hasQuestionMarks = false;
    while (hex.length < 6 && this.isHexDigit(this.cp)) hex += String.fromCodePoint(this.consume());
    let questionMarks = "";
    while (hex.length + questionMarks.length < 6 && this.cp === 63) {
      questionMarks += String.fromCodePoint(this.consume());
      hasQuestionMarks = true;
    }
    if (hasQuestionMarks) {
      const startStr = hex + questionMarks.replace(/\?/g, "0");
      const endStr = hex + questionMarks.replace(/\?/g, "F");
      const start2 = parseInt(startStr, 16);
      const end = parseInt(endStr, 16);
      return {
        type: "unicode-range",
        value: `U+${start2.toString(16).toUpperCase()}-${end.toString(16).toUpperCase()}`,
        unicodeRangeStart: start2,
        unicodeRangeEnd: end
      };
    }
    const start = parseInt(hex, 16);
    if (this.cp === 45 && this.isHexDigit(this.peek(1))) {
      this.consume();
      let endHex = "";
      while (endHex.length < 6 && this.isHexDigit(this.cp)) endHex += String.fromCodePoint(this.consume());
      const end = parseInt(endHex, 16);
      return {
        type: "unicode-range",
        value: `U+${start.toString(16).toUpperCase()}-${end.toString(16).toUpperCase()}`,
        unicodeRangeStart: start,
        unicodeRangeEnd: end
      };
    }
    return {
      type: "unicode-range",
      value: `U+${start.toString(16).toUpperCase()}`,
      unicodeRangeStart: start,
      unicodeRangeEnd: start
    };
  }
  startsComment() {
    return this.cp === 47 && this.peek(1) === 42;
  }
  isWhitespace(cp2) {
    return cp2 === 10 || cp2 === 9 || cp2 === 32;
  }
  isNewline(cp2) {
    return cp2 === 10;
  }
  isDigit(cp2) {
    return cp2 >= 48 && cp2 <= 57;
  }
  isHexDigit(cp2) {
    return this.isDigit(cp2) || cp2 >= 65 && cp2 <= 70 || cp2 >= 97 && cp2 <= 102;
  }
  isIdentStartCodePoint(cp2) {
    return cp2 >= 65 && cp2 <= 90 || cp2 >= 97 && cp2 <= 122 || cp2 === 95 || this.isNonAsciiIdentCodePoint(cp2);
  }
  isIdentCodePoint(cp2) {
    return this.isIdentStartCodePoint(cp2) || this.isDigit(cp2) || cp2 === 45;
  }
  isNonAsciiIdentCodePoint(cp2) {
    return cp2 === 183 || cp2 >= 192 && cp2 <= 214 || cp2 >= 216 && cp2 <= 246 || cp2 >= 248 && cp2 <= 893 || cp2 >= 895 && cp2 <= 8191 || cp2 === 8204 || cp2 === 8205 || cp2 === 8255 || cp2 === 8256 || cp2 >= 8304 && cp2 <= 8591 || cp2 >= 11264 && cp2 <= 12271 || cp2 >= 12289 && cp2 <= 55295 || cp2 >= 63744 && cp2 <= 64975 || cp2 >= 65008 && cp2 <= 65533 || cp2 >= 65536;
  }
  isNonPrintable(cp2) {
    return cp2 >= 0 && cp2 <= 8 || cp2 === 11 || cp2 >= 14 && cp2 <= 31 || cp2 === 127;
  }
};
function tokenize(input, unicodeRangesAllowed = false, errors) {
  const tokenizer = new Tokenizer2(input);
  tokenizer.unicodeRangesAllowed = unicodeRangesAllowed;
  const tokens = tokenizer.tokenize();
  if (errors) errors.push(...tokenizer.errors);
  return tokens;
}
var Tokenizer2 = class extends AbstractTokenizer {
  input;
  pos = 0;
  constructor(input) {
    super();
    this.input = this.preprocess(input);
  }
  preprocess(input) {
    return input.replace(/\r\n/g, "\n").replace(/\r/g, "\n").replace(/\f/g, "\n").replace(/\0/g, "\uFFFD").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  }
  tokenize() {
    const tokens = [];
    while (true) {
      const start = this.getPosition();
      const token = this.consumeToken();
      token.startIndex = start;
      token.endIndex = this.getPosition();
      token.originalText = this.input.slice(start, token.endIndex);
      tokens.push(token);
      if (token.type === "EOF") break;
    }
    return tokens;
  }
  get cp() {
    return this.pos < this.input.length ? this.input.codePointAt(this.pos) : -1;
  }
  peek(offset) {
    let index = this.pos;
    for (let i = 0; i < offset; i++) {
      if (index >= this.input.length) return -1;
      const cp2 = this.input.codePointAt(index);
      index += cp2 > 65535 ? 2 : 1;
    }
    return index < this.input.length ? this.input.codePointAt(index) : -1;
  }
  consume() {
    const cp2 = this.cp;
    if (cp2 !== -1) this.pos += cp2 > 65535 ? 2 : 1;
    return cp2;
  }
  reconsume() {
    if (this.pos > 0) {
      this.pos--;
      const codeUnit = this.input.charCodeAt(this.pos);
      if (codeUnit >= 56320 && codeUnit <= 57343 && this.pos > 0) {
        const prevCodeUnit = this.input.charCodeAt(this.pos - 1);
        if (prevCodeUnit >= 55296 && prevCodeUnit <= 56319) this.pos--;
      }
    }
  }
  slice(start, end) {
    return this.input.slice(start, end);
  }
  getPosition() {
    return this.pos;
  }
};
var CSSStyleProperties = class {
};
Object.defineProperty(CSSStyleProperties.prototype, "cssFloat", {
  get() {
    const target = this;
    return typeof target.getPropertyValue === "function" ? target.getPropertyValue("float") : target._float ?? "";
  },
  set(val) {
    const target = this;
    const strVal = val === null || val === void 0 ? "" : String(val);
    if (typeof target.setProperty === "function") target.setProperty("float", strVal);
    else target._float = strVal;
  },
  enumerable: true,
  configurable: true
});
var StyleSheet = class {
  /** @internal */
  _type = "text/css";
  /** @internal */
  _href = null;
  /** @internal */
  _ownerNode = null;
  /** @internal */
  _parentStyleSheet = null;
  /** @internal */
  _titleVal = null;
  /** @internal */
  _media;
  /** @internal */
  _disabledFlag = false;
  get type() {
    return this._type;
  }
  get href() {
    return this._href;
  }
  get ownerNode() {
    return this._ownerNode;
  }
  get parentStyleSheet() {
    return this._parentStyleSheet;
  }
  get title() {
    if (this.ownerNode && "getAttribute" in this.ownerNode && typeof this.ownerNode.getAttribute === "function") {
      const t = this.ownerNode.getAttribute("title");
      return t === null || t === "" ? null : t;
    }
    return this._titleVal ?? null;
  }
  constructor(mediaText = "") {
    this._media = new MediaList(mediaText);
    hideInternalFields(this);
  }
  get media() {
    return this._media;
  }
  set media(value) {
    if (value === null) this._media.mediaText = "";
    else if (typeof value === "string") this._media.mediaText = value;
    else this._media.mediaText = value.mediaText;
  }
  get disabled() {
    return this._disabledFlag;
  }
  set disabled(value) {
    this._disabledFlag = value;
  }
};
var CSSStyleSheet = class CSSStyleSheet2 extends StyleSheet {
  /** @internal */
  _ownerRule = null;
  /** @internal */
  _cssRules;
  /** @internal */
  _rules = [];
  /** @internal */
  _registeredProperties = [];
  /** @internal */
  _originCleanFlag = true;
  /** @internal */
  _constructed = false;
  /** @internal */
  get _constructedFlag() {
    return this._constructed;
  }
  /** @internal */
  set _constructedFlag(val) {
    this._constructed = val;
  }
  /** @internal */
  _disallowModificationFlag = false;
  /** @internal */
  _baseURL = null;
  get ownerRule() {
    return this._ownerRule;
  }
  /** @internal */
  _initImportedSheet(ownerRule, parentStyleSheet, href) {
    this._ownerRule = ownerRule;
    this._parentStyleSheet = parentStyleSheet;
    this._href = href;
  }
  get parentStyleSheet() {
    if (this._ownerRule) return this._ownerRule.parentStyleSheet;
    return super.parentStyleSheet;
  }
  get cssRules() {
    if (!this._originCleanFlag) throw new DOMException("The stylesheet is not origin-clean", "SecurityError");
    return this._cssRules;
  }
  _registerRuleProperties(rule) {
    if (rule instanceof CSSPropertyRule) {
      if (ParseHooks.registerPropertyRule({
        name: rule.name,
        syntax: rule.syntax,
        inherits: rule.inherits,
        initialValue: rule.initialValue ?? void 0
      })) this._registeredProperties.push(rule.name);
    } else if (rule instanceof CSSGroupingRule || rule && typeof rule === "object" && "cssRules" in rule) {
      const childRules = rule.cssRules;
      if (childRules) for (let i = 0; i < childRules.length; i++) this._registerRuleProperties(childRules[i]);
    }
  }
  _unregisterProperties() {
    for (const name of this._registeredProperties) ParseHooks.unregisterPropertyRule(name);
    this._registeredProperties = [];
  }
  constructor(options = {}) {
    const mediaText = options.media instanceof MediaList ? options.media.mediaText : options.media || "";
    super(mediaText);
    this._rules = [];
    this._constructed = true;
    this._originCleanFlag = true;
    this.disabled = !!options.disabled;
    if (options.baseURL !== void 0 && options.baseURL !== null) {
      const baseURI = typeof globalThis.document !== "undefined" && globalThis.document.baseURI || typeof globalThis.location !== "undefined" && globalThis.location.href || "about:blank";
      try {
        const url = new URL(options.baseURL, baseURI);
        this._baseURL = url.href;
      } catch {
        throw new DOMException("Invalid baseURL", "NotAllowedError");
      }
    } else this._baseURL = null;
    this._cssRules = new CSSRuleList(() => this._rules);
    hideInternalFields(this);
  }
  /** @internal */
  static createInternal(rules, _parseRule, originClean = true) {
    const sheet = new CSSStyleSheet2();
    sheet._rules.push(...rules);
    sheet._constructed = false;
    sheet._originCleanFlag = originClean;
    for (const rule of rules) {
      if (rule instanceof CSSRule) rule._parentStyleSheet = sheet;
      sheet._registerRuleProperties(rule);
    }
    return sheet;
  }
  _replaceRulesFromText(text2) {
    const filteredRules = consumeListOfRules(tokenize(text2), true, { source: text2 }).filter((rule) => {
      if (isImportRule(rule)) {
        console.warn("CSS Parse Error: @import rules are not allowed in constructed stylesheets and were removed.");
        return false;
      }
      return true;
    });
    for (const rule of this._rules) if (rule instanceof CSSRule) {
      rule._parentRule = null;
      rule._parentStyleSheet = null;
    }
    this._unregisterProperties();
    this._rules = filteredRules;
    for (const rule of this._rules) {
      if (rule instanceof CSSRule) {
        rule._parentStyleSheet = this;
        rule._parentRule = null;
      }
      this._registerRuleProperties(rule);
    }
  }
  replace(text2) {
    if (!this._constructed || this._disallowModificationFlag) return Promise.reject(new DOMException("Can't call replace or replaceSync on non-constructed stylesheets.", "NotAllowedError"));
    this._disallowModificationFlag = true;
    return new Promise((resolve2, reject) => {
      queueMicrotask(() => {
        try {
          this._replaceRulesFromText(text2);
          this._disallowModificationFlag = false;
          resolve2(this);
        } catch (e) {
          this._disallowModificationFlag = false;
          reject(e);
        }
      });
    });
  }
  replaceSync(text2) {
    if (!this._constructed) throw new DOMException("Can't call replace or replaceSync on non-constructed stylesheets.", "NotAllowedError");
    if (this._disallowModificationFlag) throw new DOMException("Modification is disallowed", "NotAllowedError");
    this._replaceRulesFromText(text2);
  }
  insertRule(rule, index = 0) {
    if (this._disallowModificationFlag) throw new DOMException("Modification is disallowed", "NotAllowedError");
    if (!this._originCleanFlag) throw new DOMException("The style sheet is not origin-clean.", "SecurityError");
    if (index < 0 || index > this._rules.length) throw new DOMException("Index size error", "IndexSizeError");
    const parsedRule = parseRule(rule);
    if (!parsedRule) throw new DOMException("Syntax error", "SyntaxError");
    const isImport = isImportRule(parsedRule);
    const isNamespace = isNamespaceRule(parsedRule);
    if (isImport && this._constructed) throw new DOMException("HierarchyRequestError: @import rules are not allowed in constructed stylesheets", "SyntaxError");
    if (isImport) {
      for (let i = 0; i < index; i++) if (!isImportRule(this._rules[i])) throw new DOMException("HierarchyRequestError: @import rules must precede all other rules", "HierarchyRequestError");
    } else if (isNamespace) {
      if (this._rules.some((r) => isRegularRule(r))) throw new DOMException("InvalidStateError: @namespace rules must precede all regular rules", "InvalidStateError");
      for (let i = index; i < this._rules.length; i++) if (isImportRule(this._rules[i])) throw new DOMException("HierarchyRequestError: @namespace rules must follow all @import rules", "HierarchyRequestError");
    } else for (let i = index; i < this._rules.length; i++) if (isImportRule(this._rules[i]) || isNamespaceRule(this._rules[i])) throw new DOMException("HierarchyRequestError: Regular rules must follow all @import and @namespace rules", "HierarchyRequestError");
    if (parsedRule instanceof CSSRule) {
      parsedRule._parentStyleSheet = this;
      parsedRule._parentRule = null;
    }
    this._rules.splice(index, 0, parsedRule);
    this._registerRuleProperties(parsedRule);
    return index;
  }
  deleteRule(index) {
    if (this._disallowModificationFlag) throw new DOMException("Modification is disallowed", "NotAllowedError");
    if (!this._originCleanFlag) throw new DOMException("The style sheet is not origin-clean.", "SecurityError");
    if (index < 0 || index >= this._rules.length) throw new DOMException("Index size error", "IndexSizeError");
    const rule = this._rules[index];
    if (isNamespaceRule(rule) && this._rules.some((r) => isRegularRule(r))) throw new DOMException("InvalidStateError: Cannot remove @namespace rule when regular rules exist", "InvalidStateError");
    deleteRuleFromArray(this._rules, index);
    if (rule instanceof CSSPropertyRule) {
      ParseHooks.unregisterPropertyRule(rule.name);
      const idx = this._registeredProperties.indexOf(rule.name);
      if (idx !== -1) this._registeredProperties.splice(idx, 1);
    }
  }
  get rules() {
    return this.cssRules;
  }
  addRule(selector = "undefined", style = "undefined", optionalIndex) {
    let rule = "";
    rule += selector;
    rule += " { ";
    if (style !== "") rule += style + " ";
    rule += "}";
    const index = optionalIndex !== void 0 ? optionalIndex : this._rules.length;
    this.insertRule(rule, index);
    return -1;
  }
  removeRule(index = 0) {
    this.deleteRule(index);
  }
};
var CSSStyleRule = class CSSStyleRule2 extends CSSGroupingRule {
  /** @internal */
  _selectorText;
  /** @internal */
  _selectorAST = null;
  /** @internal */
  _style;
  /** @internal */
  _styleMap = null;
  constructor(selectorText, styleDeclarations, rules, parseRuleInBlock2, selectorAST = null) {
    super(rules, parseRuleInBlock2);
    this._selectorText = selectorText;
    this._selectorAST = selectorAST;
    this._style = new CSSStyleDeclaration2(styleDeclarations);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get styleMap() {
    if (!this || !(this instanceof CSSStyleRule2)) throw new TypeError("Value of 'this' is not a CSSStyleRule");
    if (!this._styleMap) this._styleMap = ParseHooks.createStylePropertyMap(this._style);
    return this._styleMap;
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  _getNamespaceContext() {
    let hasDefaultNamespace = false;
    const defaultNamespacePrefixes = /* @__PURE__ */ new Set();
    const sheet = this.parentStyleSheet || (this.parentRule ? findParentStyleSheet(this.parentRule) : null);
    if (sheet) {
      const nsRules = [];
      for (const r of sheet._rules) {
        if (isImportRule(r)) continue;
        if (isNamespaceRule(r)) nsRules.push(r);
        else break;
      }
      if (nsRules.length > 0) {
        const defaultNs = nsRules.find((ns) => ns.prefix === "");
        if (defaultNs) {
          hasDefaultNamespace = true;
          for (const ns of nsRules) if (ns.namespaceURI === defaultNs.namespaceURI && ns.prefix !== "") defaultNamespacePrefixes.add(ns.prefix);
        }
      }
    }
    return {
      hasDefaultNamespace,
      defaultNamespacePrefixes
    };
  }
  get selectorText() {
    if (this._selectorAST) {
      const nsContext = this._getNamespaceContext();
      return serializeSelectorList(this._selectorAST, nsContext);
    }
    return this._selectorText;
  }
  set selectorText(value) {
    const sheet = this.parentStyleSheet || (this.parentRule ? findParentStyleSheet(this.parentRule) : null);
    const declaredNamespaces = /* @__PURE__ */ new Set();
    if (sheet) for (const r of sheet._rules) {
      if (isImportRule(r)) continue;
      if (isNamespaceRule(r)) declaredNamespaces.add(r.prefix);
      else break;
    }
    const nsContext = this._getNamespaceContext();
    let isNested = false;
    let allowRelative = false;
    let currParent = this.parentRule;
    while (currParent !== null) {
      if (currParent.type === 1 || currParent[Symbol.toStringTag] === "CSSStyleRule") {
        isNested = true;
        allowRelative = true;
      }
      if (currParent[Symbol.toStringTag] === "CSSScopeRule") {
        allowRelative = true;
        break;
      }
      currParent = currParent.parentRule;
    }
    let selectorAST = null;
    try {
      selectorAST = parseSelectorAST(value, declaredNamespaces, allowRelative);
    } catch {
      return;
    }
    if (selectorAST !== null) {
      if (isNested) {
        for (const selector of selectorAST.selectors) if (selector.type === "complex-selector") {
          if (selector.items.length > 0 && selector.items[0].type === "combinator") selector.items.unshift({
            type: "compound-selector",
            selectors: [{ type: "nesting-selector" }]
          });
          else if (!selector.items.some((item) => {
            if (item.type === "compound-selector") return item.selectors.some((s) => s.type === "nesting-selector");
            return false;
          })) selector.items.unshift({
            type: "compound-selector",
            selectors: [{ type: "nesting-selector" }]
          }, {
            type: "combinator",
            value: " "
          });
        }
      }
      this._selectorAST = selectorAST;
      this._selectorText = serializeSelectorList(selectorAST, nsContext);
    }
  }
  get type() {
    return 1;
  }
  get cssText() {
    const declsStr = serializeDeclarations(this.style._declarations);
    if (this._rules.length > 0) {
      const bodyParts = [];
      if (declsStr) bodyParts.push("  " + declsStr);
      for (const r of this._rules) {
        const text2 = r.cssText;
        if (text2 !== "") bodyParts.push("  " + text2);
      }
      if (bodyParts.length === 0) return `${this.selectorText} { }`;
      return `${this.selectorText} {
${bodyParts.join("\n")}
}`;
    } else {
      const bodyText = declsStr.trim();
      return `${this.selectorText} {${bodyText ? " " + bodyText + " " : " "}}`;
    }
  }
  set cssText(_value) {
  }
};
Object.defineProperty(CSSStyleRule.prototype, "styleMap", { enumerable: true });
var cssomClasses = [
  StyleSheet,
  CSSStyleSheet,
  CSSRule,
  CSSGroupingRule,
  MediaList,
  StyleSheetList,
  CSSRuleList,
  CSSStyleRule,
  CSSStyleProperties
];
for (const ctor of cssomClasses) if (ctor === CSSStyleSheet) applyWebIDLInterface(ctor, { rejectOperations: ["replace"] });
else if (ctor === CSSRule) applyWebIDLInterface(ctor, { exclude: ["location"] });
else applyWebIDLInterface(ctor);
var INTERNAL_RULE_TOKEN = /* @__PURE__ */ Symbol("CSSRule.internal");
var CSSConditionRule = class extends CSSGroupingRule {
  get conditionText() {
    return "";
  }
};
var CSSMediaRule = class extends CSSConditionRule {
  /** @internal */
  _media;
  constructor(mediaText, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
    this._media = new MediaList(mediaText);
    hideInternalFields(this);
  }
  get media() {
    return this._media;
  }
  set media(val) {
    this._media.mediaText = val === null ? "" : String(val);
  }
  get conditionText() {
    return this._media.mediaText;
  }
  get type() {
    return 4;
  }
  get cssText() {
    return serializeGroupingRule("media", this._media.mediaText, this._rules);
  }
  set cssText(_value) {
  }
};
var CSSCustomMediaRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _query;
  constructor(name, query2) {
    super();
    this._name = name;
    this._query = query2;
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  get query() {
    return this._query;
  }
  get cssText() {
    const queryStr = typeof this._query === "boolean" ? String(this._query) : this._query.mediaText;
    return `@custom-media ${this._name}${queryStr ? " " + queryStr : ""};`;
  }
  set cssText(_value) {
  }
};
var CSSSupportsRule = class extends CSSConditionRule {
  /** @internal */
  _conditionText;
  constructor(conditionText, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
    this._conditionText = conditionText;
    hideInternalFields(this);
  }
  get conditionText() {
    return this._conditionText;
  }
  get matches() {
    return ParseHooks.supports(this._conditionText);
  }
  get type() {
    return 12;
  }
  get cssText() {
    return serializeGroupingRule("supports", this._conditionText, this._rules);
  }
  set cssText(_value) {
  }
};
var CONTAINER_KEYWORDS = /* @__PURE__ */ new Set("not,and,or,none".split(","));
function parseContainerPrelude(containerQuery, containerName) {
  if (containerName || !containerQuery) return {
    name: containerName,
    query: containerQuery
  };
  const trimmed = containerQuery.trim();
  const firstSpace = trimmed.indexOf(" ");
  if (firstSpace > 0) {
    const potentialName = trimmed.slice(0, firstSpace);
    if (!CONTAINER_KEYWORDS.has(potentialName.toLowerCase()) && !potentialName.startsWith("(")) return {
      name: potentialName,
      query: trimmed.slice(firstSpace + 1).trim()
    };
  } else if (!CONTAINER_KEYWORDS.has(trimmed.toLowerCase()) && !trimmed.startsWith("(")) return {
    name: trimmed,
    query: ""
  };
  return {
    name: "",
    query: trimmed
  };
}
var CSSContainerRule = class extends CSSConditionRule {
  /** @internal */
  _containerName;
  /** @internal */
  _containerQuery;
  constructor(containerQuery, rules, parseRuleInBlock2, containerName = "") {
    super(rules, parseRuleInBlock2);
    const parsed = parseContainerPrelude(containerQuery, containerName);
    this._containerName = parsed.name;
    this._containerQuery = parsed.query;
    hideInternalFields(this);
  }
  get containerName() {
    return this._containerName;
  }
  get containerQuery() {
    return this._containerQuery;
  }
  get conditionText() {
    if (this._containerName) return this._containerQuery ? `${this._containerName} ${this._containerQuery}` : this._containerName;
    return this._containerQuery;
  }
  get cssText() {
    return serializeGroupingRule("container", this.conditionText, this._rules);
  }
  set cssText(_value) {
  }
};
function serializeLayerName(name) {
  return name ? name.split(".").map((p) => serializeIdentifier(p)).join(".") : "";
}
function formatInlineStyleBlock(prefix, style) {
  const body = style.cssText.trim();
  return `${prefix} {${body ? " " + body + " " : ""}}`;
}
var CSSLayerBlockRule = class extends CSSGroupingRule {
  /** @internal */
  _name;
  constructor(name, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
    this._name = name;
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  get cssText() {
    return serializeGroupingRule("layer", serializeLayerName(this._name), this._rules);
  }
  set cssText(_value) {
  }
};
var CSSLayerStatementRule = class extends CSSRule {
  /** @internal */
  _nameList;
  constructor(nameList) {
    if (!nameList || arguments.length === 0) throw new TypeError("Illegal constructor");
    super();
    this._nameList = Object.freeze([...nameList]);
    hideInternalFields(this);
  }
  get nameList() {
    return this._nameList;
  }
  get cssText() {
    return `@layer ${this._nameList.map(serializeLayerName).join(", ")};`;
  }
  set cssText(_value) {
  }
};
var CSSStartingStyleRule = class extends CSSGroupingRule {
  constructor(_prelude, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
  }
  get cssText() {
    return serializeGroupingRule("starting-style", "", this._rules);
  }
  set cssText(_value) {
  }
};
var CSSScopeRule = class extends CSSGroupingRule {
  /** @internal */
  _startSelector;
  /** @internal */
  _endSelector;
  constructor(startSelector, endSelector, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
    this._startSelector = startSelector;
    this._endSelector = endSelector;
    hideInternalFields(this);
  }
  get start() {
    return this._startSelector ? this._startSelector.replace(/^\(/, "").replace(/\)$/, "").trim() || null : null;
  }
  get end() {
    return this._endSelector ? this._endSelector.replace(/^\(/, "").replace(/\)$/, "").trim() || null : null;
  }
  get cssText() {
    let prelude = this._startSelector || "";
    if (this._endSelector) prelude += `${prelude ? " " : ""}to ${this._endSelector}`;
    return serializeGroupingRule("scope", prelude, this._rules);
  }
  set cssText(_value) {
  }
};
var CSSViewTransitionRule = class extends CSSRule {
  /** @internal */
  _navigation;
  constructor(declarations) {
    super();
    const navDecl = declarations.findLast((d) => d.name === "navigation");
    this._navigation = navDecl ? serialize(navDecl.value).trim() : "none";
    hideInternalFields(this);
  }
  get navigation() {
    return this._navigation;
  }
  get cssText() {
    return `@view-transition { navigation: ${this._navigation}; }`;
  }
  set cssText(_value) {
  }
};
function normalizeKeyframeSelector(selector) {
  const normalized = [];
  for (const part of selector.split(",")) {
    const trimmed = part.trim().toLowerCase();
    if (trimmed === "from") normalized.push("0%");
    else if (trimmed === "to") normalized.push("100%");
    else {
      if (!trimmed.endsWith("%")) throw new DOMException("Invalid keyframe selector", "SyntaxError");
      const valStr = trimmed.slice(0, -1).trim();
      const val = Number(valStr);
      if (Number.isNaN(val) || valStr === "" || val < 0 || val > 100) throw new DOMException("Invalid keyframe selector", "SyntaxError");
      normalized.push(`${val}%`);
    }
  }
  if (normalized.length === 0) throw new DOMException("Invalid keyframe selector", "SyntaxError");
  return normalized.join(", ");
}
var DISALLOWED_KEYFRAME_NAMES = /* @__PURE__ */ new Set("none,initial,inherit,unset,revert,default".split(","));
var CSSKeyframesRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _rules;
  /** @internal */
  _cssRules;
  constructor(name, rules) {
    super();
    this._name = name;
    this._rules = rules;
    this._cssRules = new CSSRuleList(() => this._rules);
    const proxy = createIndexedProxy(this, (t) => t._rules);
    for (const rule of rules) if (rule instanceof CSSRule) rule._parentRule = proxy;
    return proxy;
  }
  get name() {
    return this._name;
  }
  set name(val) {
    this._name = val;
  }
  get cssRules() {
    return this._cssRules;
  }
  get type() {
    return 7;
  }
  get length() {
    return this._rules.length;
  }
  get cssText() {
    return serializeGroupingRule("keyframes", DISALLOWED_KEYFRAME_NAMES.has(this._name.toLowerCase()) ? JSON.stringify(this._name) : serializeIdentifier(this._name), this._rules);
  }
  set cssText(_value) {
  }
  _findRuleIndex(select) {
    let normalized;
    try {
      normalized = normalizeKeyframeSelector(select);
    } catch {
      return -1;
    }
    for (let i = this._rules.length - 1; i >= 0; i--) if (this._rules[i].keyText === normalized) return i;
    return -1;
  }
  findRule(select) {
    const idx = this._findRuleIndex(select);
    return idx !== -1 ? this._rules[idx] : null;
  }
  appendRule(ruleText) {
    const tokens = tokenize(ruleText);
    let openIdx = -1;
    let closeIdx = -1;
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      if (tok.type === "{") {
        if (openIdx === -1) openIdx = i;
        depth++;
      } else if (tok.type === "}") {
        depth--;
        if (depth === 0 && openIdx !== -1) {
          closeIdx = i;
          break;
        }
      }
    }
    if (openIdx === -1 || closeIdx === -1) return;
    const preludeText = serialize(tokens.slice(0, openIdx)).trim();
    let keyText;
    try {
      keyText = normalizeKeyframeSelector(preludeText);
    } catch {
      return;
    }
    const styleDecl = parseStyleAttribute(tokens.slice(openIdx + 1, closeIdx));
    const keyframe = new CSSKeyframeRule(keyText, styleDecl._declarations);
    keyframe._parentRule = this;
    this._rules.push(keyframe);
  }
  deleteRule(select) {
    const idx = this._findRuleIndex(select);
    if (idx !== -1) deleteRuleFromArray(this._rules, idx);
  }
};
var CSSKeyframeRule = class extends CSSRule {
  /** @internal */
  _keyText;
  /** @internal */
  _style;
  constructor(keyText, styleDeclarations) {
    super();
    this.keyText = keyText;
    this._style = new CSSKeyframeStyleDeclaration(styleDeclarations);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get keyText() {
    return this._keyText;
  }
  set keyText(value) {
    this._keyText = normalizeKeyframeSelector(value);
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get type() {
    return 8;
  }
  get cssText() {
    return formatInlineStyleBlock(this.keyText, this._style);
  }
  set cssText(_value) {
  }
};
var CSSNestedDeclarations = class extends CSSRule {
  /** @internal */
  _style;
  constructor(styleDeclarations) {
    super();
    this._style = new CSSStyleDeclaration2(styleDeclarations);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get cssText() {
    return this._style.cssText;
  }
  set cssText(_value) {
  }
};
var CSSFontFaceRule = class extends CSSRule {
  /** @internal */
  _style;
  constructor(styleDeclarations) {
    super();
    this._style = new CSSFontFaceDescriptors(styleDeclarations);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get type() {
    return 5;
  }
  get cssText() {
    return formatInlineStyleBlock("@font-face", this._style);
  }
  set cssText(_value) {
  }
};
var CSSMarginRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _style;
  constructor(name, declarations, internalToken) {
    if (internalToken !== INTERNAL_RULE_TOKEN) throw new TypeError("Illegal constructor");
    super();
    this._name = name;
    this._style = new CSSMarginDescriptors(declarations);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get type() {
    return 9;
  }
  get cssText() {
    return formatInlineStyleBlock(`@${this.name}`, this.style);
  }
  set cssText(_value) {
  }
};
function parseDataUrlRules(href) {
  if (!href || !href.startsWith("data:")) return [];
  const commaIdx = href.indexOf(",");
  if (commaIdx === -1) return [];
  const meta = href.slice(5, commaIdx).toLowerCase();
  const content = href.slice(commaIdx + 1);
  try {
    return consumeListOfRules(tokenize(meta.includes(";base64") ? typeof atob === "function" ? atob(content) : Buffer.from(content, "base64").toString("utf-8") : decodeURIComponent(content)), true);
  } catch {
    return [];
  }
}
var CSSImportRule = class extends CSSRule {
  /** @internal */
  _href;
  /** @internal */
  _media;
  /** @internal */
  _styleSheet = null;
  /** @internal */
  _layerName;
  /** @internal */
  _supportsText;
  /** @internal */
  _scopeStart;
  /** @internal */
  _scopeEnd;
  /** @internal */
  _isScoped;
  constructor(href, mediaText = "", layerName = null, supportsText = null, scopeStart = null, scopeEnd = null, isScoped = false, internalToken) {
    if (internalToken !== INTERNAL_RULE_TOKEN) throw new TypeError("Illegal constructor");
    super();
    this._href = href;
    this._media = new MediaList(mediaText);
    this._layerName = layerName;
    this._supportsText = supportsText;
    this._scopeStart = scopeStart;
    this._scopeEnd = scopeEnd;
    this._isScoped = isScoped || Boolean(scopeStart || scopeEnd);
    hideInternalFields(this);
  }
  get href() {
    return this._href;
  }
  get media() {
    return this._media;
  }
  set media(val) {
    this._media.mediaText = val === null ? "" : String(val);
  }
  get styleSheet() {
    if (!this._styleSheet) {
      this._styleSheet = CSSStyleSheet.createInternal(parseDataUrlRules(this._href), (text2) => consumeRule(tokenize(text2)));
      this._styleSheet._initImportedSheet(this, this.parentStyleSheet, this._href);
    }
    return this._styleSheet;
  }
  get layerName() {
    return this._layerName;
  }
  get supportsText() {
    return this._supportsText;
  }
  get type() {
    return 3;
  }
  get cssText() {
    let text2 = `@import url(${serializeString(this.href)})`;
    if (this.layerName !== null) text2 += this.layerName ? ` layer(${this.layerName})` : ` layer`;
    if (this.supportsText !== null) text2 += ` supports(${this.supportsText})`;
    if (this._isScoped) {
      if (this._scopeStart || this._scopeEnd) {
        const startPart = this._scopeStart ? `(${this._scopeStart})` : "";
        const endPart = this._scopeEnd ? ` to (${this._scopeEnd})` : "";
        text2 += ` scope(${(startPart + endPart).trim()})`;
      } else text2 += ` scope`;
    }
    const mediaStr = this.media.mediaText;
    if (mediaStr) text2 += ` ${mediaStr}`;
    return text2 + `;`;
  }
  set cssText(_value) {
  }
};
var CSSNamespaceRule = class extends CSSRule {
  /** @internal */
  _namespaceURI;
  /** @internal */
  _prefix;
  constructor(prefix, namespaceURI, internalToken) {
    if (internalToken !== INTERNAL_RULE_TOKEN) throw new TypeError("Illegal constructor");
    super();
    this._prefix = prefix;
    this._namespaceURI = namespaceURI;
    hideInternalFields(this);
  }
  get namespaceURI() {
    return this._namespaceURI;
  }
  get prefix() {
    return this._prefix;
  }
  get type() {
    return 10;
  }
  get cssText() {
    return `@namespace ${this._prefix ? `${serializeIdentifier(this._prefix)} ` : ""}url("${this._namespaceURI}");`;
  }
  set cssText(_value) {
  }
};
var VALID_PAGE_PSEUDOS = /* @__PURE__ */ new Set("left,right,first,blank".split(","));
function parsePageSelectorList(text2) {
  if (text2.trim() === "") return [""];
  const values = parseComponentValues(tokenize(text2));
  const selectorTokensList = [[]];
  for (const v of values) if (v.type === "comma") selectorTokensList.push([]);
  else selectorTokensList[selectorTokensList.length - 1].push(v);
  const results = [];
  for (const selTokens of selectorTokensList) {
    let start = 0;
    let end = selTokens.length;
    while (start < end && (selTokens[start].type === "whitespace" || selTokens[start].type === "comment")) start++;
    while (end > start && (selTokens[end - 1].type === "whitespace" || selTokens[end - 1].type === "comment")) end--;
    const trimmed = selTokens.slice(start, end);
    if (trimmed.length === 0 || trimmed.some((t) => t.type === "whitespace" || t.type === "comment")) return null;
    let pos = 0;
    let serialized = "";
    if (trimmed[0].type === "ident") {
      serialized += serializeIdentifier(trimmed[0].value);
      pos = 1;
    }
    while (pos < trimmed.length) {
      const colon = trimmed[pos];
      const ident = trimmed[pos + 1];
      if (colon?.type !== "colon" || ident?.type !== "ident") return null;
      const pseudoName = ident.value.toLowerCase();
      if (!VALID_PAGE_PSEUDOS.has(pseudoName)) return null;
      serialized += ":" + serializeIdentifier(pseudoName);
      pos += 2;
    }
    results.push(serialized);
  }
  return results;
}
function formatPageSelectorText(text2) {
  const parsed = parsePageSelectorList(text2);
  if (parsed === null) return null;
  return parsed.length === 1 && parsed[0] === "" ? "" : parsed.join(", ");
}
var CSSPageRule = class extends CSSGroupingRule {
  /** @internal */
  _selectorText;
  /** @internal */
  _style;
  constructor(selectorText, declarations, rules, parseRuleInBlock2) {
    super(rules, parseRuleInBlock2);
    this._selectorText = formatPageSelectorText(selectorText) ?? selectorText;
    this._style = new CSSPageDescriptors(declarations, PAGE_DESCRIPTORS_INTERNAL);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get selectorText() {
    return this._selectorText;
  }
  set selectorText(value) {
    const formatted = formatPageSelectorText(value);
    if (formatted !== null) this._selectorText = formatted;
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get type() {
    return 6;
  }
  get cssText() {
    const sel = this.selectorText ? this.selectorText + " " : "";
    const declsStr = this.style.cssText.trim();
    const rulesStr = this._rules.map((r) => r.cssText).join("\n").trim();
    const bodyText = declsStr && rulesStr ? `${declsStr}
${rulesStr}` : declsStr || rulesStr;
    if (!bodyText) return `@page ${sel}{ }`;
    return `@page ${sel}{
${bodyText.split("\n").map((line) => "  " + line).join("\n")}
}`;
  }
  set cssText(_value) {
  }
};
var CSSPropertyRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _syntax;
  /** @internal */
  _inherits;
  /** @internal */
  _initialValue;
  constructor(name, syntax, inherits, initialValue) {
    super();
    this._name = name;
    this._syntax = syntax;
    this._inherits = inherits;
    this._initialValue = initialValue;
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  get syntax() {
    return this._syntax;
  }
  get inherits() {
    return this._inherits;
  }
  get initialValue() {
    return this._initialValue;
  }
  get cssText() {
    let body = `syntax: ${serializeString(this._syntax)}; inherits: ${this._inherits};`;
    if (this._initialValue !== null) body += `initial-value: ${this._initialValue};`;
    return `@property ${serializeIdentifier(this._name)} {${body}}`;
  }
  set cssText(_value) {
  }
};
var AT_RULE_TYPE_MAP = {
  import: CSSRule.IMPORT_RULE,
  charset: CSSRule.CHARSET_RULE,
  namespace: CSSRule.NAMESPACE_RULE,
  page: CSSRule.PAGE_RULE,
  "font-face": CSSRule.FONT_FACE_RULE,
  supports: 12
};
var CSSAtRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _prelude;
  /** @internal */
  _block;
  /** @internal */
  _childRules;
  /** @internal */
  _declarations;
  constructor(name, prelude, block, childRules, declarations) {
    super();
    this._name = name;
    this._prelude = prelude;
    this._block = block;
    this._childRules = childRules;
    this._declarations = declarations;
    if (childRules) {
      for (const rule of childRules) if (rule instanceof CSSRule) rule._parentRule = this;
    }
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  set name(val) {
    this._name = val;
  }
  get prelude() {
    return this._prelude;
  }
  set prelude(val) {
    this._prelude = val;
  }
  get block() {
    return this._block;
  }
  set block(val) {
    this._block = val;
  }
  get childRules() {
    return this._childRules;
  }
  set childRules(val) {
    this._childRules = val;
  }
  get declarations() {
    return this._declarations;
  }
  set declarations(val) {
    this._declarations = val;
  }
  get type() {
    return AT_RULE_TYPE_MAP[this._name] ?? 0;
  }
  get cssText() {
    const serializedPrelude = serialize(this._prelude).trim();
    const cond = serializedPrelude.length > 0 ? " " + serializedPrelude : "";
    if (!this._block) return `@${this._name}${cond};`;
    const childRules = this._childRules || [];
    if (childRules.length > 0) return serializeGroupingRule(this._name, cond.trim(), childRules);
    const blockContentText = serialize(this._block.value).trim();
    if (!blockContentText) return `@${this._name}${cond} { }`;
    const indentedBody = blockContentText.split("\n").map((line) => "  " + line).join("\n");
    return `@${this._name}${cond} {
${indentedBody}
}`;
  }
};
var CSSCounterStyleRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _declarations = [];
  /** @internal */
  _descriptors = {
    system: "",
    symbols: "",
    additiveSymbols: "",
    negative: "",
    prefix: "",
    suffix: "",
    range: "",
    pad: "",
    speakAs: "",
    fallback: ""
  };
  constructor(name, declarations = []) {
    super();
    this._name = name;
    this._declarations = declarations;
    for (const d of declarations) {
      const prop2 = COUNTER_STYLE_PROP_BY_DESCRIPTOR.get(d.name);
      if (prop2) this._descriptors[prop2] = Array.isArray(d.value) ? serialize(d.value).trim() : typeof d.value === "string" ? d.value : "";
    }
    hideInternalFields(this);
  }
  get name() {
    return this._name;
  }
  set name(value) {
    this._name = value;
  }
  get type() {
    return 11;
  }
  get cssText() {
    const decls = this._declarations.map((d) => {
      const valStr = Array.isArray(d.value) ? serialize(d.value).trim() : typeof d.value === "string" ? d.value : "";
      return `${d.name}: ${valStr};`;
    }).join(" ");
    return decls.length > 0 ? `@counter-style ${this._name} { ${decls} }` : `@counter-style ${this._name} {}`;
  }
  set cssText(_value) {
  }
};
for (const prop2 of COUNTER_STYLE_PROP_BY_DESCRIPTOR.values()) Object.defineProperty(CSSCounterStyleRule.prototype, prop2, {
  get() {
    return this._descriptors[prop2];
  },
  set(value) {
    this._descriptors[prop2] = value;
  },
  enumerable: true,
  configurable: true
});
var CSSFontFeatureValuesMap = class {
  /** @internal */
  _map = /* @__PURE__ */ new Map();
  constructor() {
    hideInternalFields(this);
  }
  get size() {
    return this._map.size;
  }
  get(featureValueName) {
    return this._map.get(featureValueName);
  }
  set(featureValueName, values) {
    this._map.set(featureValueName, Array.isArray(values) ? values.map(Number) : [Number(values)]);
  }
  has(featureValueName) {
    return this._map.has(featureValueName);
  }
  delete(featureValueName) {
    return this._map.delete(featureValueName);
  }
  clear() {
    this._map.clear();
  }
  entries() {
    return this._map.entries();
  }
  keys() {
    return this._map.keys();
  }
  values() {
    return this._map.values();
  }
  forEach(callbackfn, thisArg) {
    this._map.forEach((value, key2) => callbackfn.call(thisArg, value, key2, this));
  }
  [Symbol.iterator]() {
    return this._map[Symbol.iterator]();
  }
};
var CSSFontFeatureValuesRule = class extends CSSRule {
  /** @internal */
  _fontFamily;
  constructor(fontFamily) {
    super();
    this._fontFamily = fontFamily;
    for (const [, prop2] of FONT_FEATURE_VALUE_MAP_DEFS) this[`_${prop2}`] = new CSSFontFeatureValuesMap();
    hideInternalFields(this);
  }
  get fontFamily() {
    return this._fontFamily;
  }
  set fontFamily(value) {
    this._fontFamily = value;
  }
  get type() {
    return 14;
  }
  get cssText() {
    const blocks = [];
    for (const [atName, prop2] of FONT_FEATURE_VALUE_MAP_DEFS) {
      const map = this[prop2];
      if (map && map.size > 0) {
        const entries2 = Array.from(map.entries(), ([k, v]) => `${k}: ${v.join(" ")};`).join(" ");
        blocks.push(`@${atName} { ${entries2} }`);
      }
    }
    const body = blocks.length > 0 ? ` { ${blocks.join(" ")} }` : " {}";
    return `@font-feature-values ${this._fontFamily}${body}`;
  }
  set cssText(_value) {
  }
};
for (const [, prop2] of FONT_FEATURE_VALUE_MAP_DEFS) Object.defineProperty(CSSFontFeatureValuesRule.prototype, prop2, {
  get() {
    return this[`_${prop2}`];
  },
  enumerable: true,
  configurable: true
});
var CSSPositionTryRule = class extends CSSRule {
  /** @internal */
  _name;
  /** @internal */
  _style;
  constructor(name, declarations, internalToken) {
    if (internalToken !== INTERNAL_RULE_TOKEN) throw new TypeError("Illegal constructor");
    super();
    this._name = name;
    this._style = new CSSPositionTryDescriptors(declarations, PAGE_DESCRIPTORS_INTERNAL);
    this._style._parentRule = this;
    hideInternalFields(this);
  }
  get name() {
    return serializeIdentifier(this._name);
  }
  get style() {
    return this._style;
  }
  set style(value) {
    this._style.cssText = value;
  }
  get cssText() {
    const body = this._style.cssText.trim();
    return `@position-try ${this.name} { ${body ? body + " " : ""}}`;
  }
  set cssText(_value) {
  }
};
for (const ctor of [
  CSSAtRule,
  CSSConditionRule,
  CSSFontFeatureValuesMap,
  CSSMediaRule,
  CSSSupportsRule,
  CSSContainerRule,
  CSSLayerBlockRule,
  CSSLayerStatementRule,
  CSSStartingStyleRule,
  CSSViewTransitionRule,
  CSSKeyframesRule,
  CSSKeyframeRule,
  CSSNestedDeclarations,
  CSSMarginRule,
  CSSImportRule,
  CSSNamespaceRule,
  CSSPropertyRule,
  CSSScopeRule,
  CSSCounterStyleRule,
  CSSFontFeatureValuesRule,
  CSSCustomMediaRule,
  CSSFontFaceRule,
  CSSPageRule,
  CSSPositionTryRule
]) applyWebIDLInterface(ctor);
var ArrayTokenStream = class {
  tokens;
  index = 0;
  constructor(tokens) {
    this.tokens = tokens;
  }
  next() {
    const token = this.peek();
    if (token.type !== "EOF") this.index++;
    return token;
  }
  peek() {
    return this.tokens[this.index] || {
      type: "EOF",
      value: ""
    };
  }
};
var ArrayComponentValueStream = class {
  values;
  index = 0;
  constructor(values) {
    this.values = values;
  }
  next() {
    const val = this.peek();
    if (val.type !== "EOF") this.index++;
    return val;
  }
  peek() {
    return this.values[this.index] || {
      type: "EOF",
      value: ""
    };
  }
  get position() {
    return this.index;
  }
  set position(pos) {
    this.index = pos;
  }
  slice(start, end) {
    return this.values.slice(start, end);
  }
};
var LazyComponentValueStream = class {
  fetchNext;
  mirrorToken;
  buffer = [];
  index = 0;
  done = false;
  terminator = null;
  constructor(fetchNext, mirrorToken) {
    this.fetchNext = fetchNext;
    this.mirrorToken = mirrorToken;
  }
  next() {
    const val = this.peek();
    if (val.type !== "EOF") this.index++;
    return val;
  }
  peek() {
    if (this.index < this.buffer.length) return this.buffer[this.index];
    if (this.done) return {
      type: "EOF",
      value: ""
    };
    const val = this.fetchNext();
    if (val.type === this.mirrorToken) {
      this.terminator = val;
      this.done = true;
      return {
        type: "EOF",
        value: ""
      };
    }
    if (val.type === "EOF") {
      this.done = true;
      return val;
    }
    this.buffer.push(val);
    return val;
  }
  get position() {
    return this.index;
  }
  set position(pos) {
    if (pos > this.buffer.length) throw new Error("Cannot seek past buffered content in LazyComponentValueStream");
    this.index = pos;
  }
  slice(start, end) {
    return this.buffer.slice(start, end);
  }
};
function getComponentValueStartIndex(item) {
  if (!item) return void 0;
  return item.type === "simple-block" ? item.associatedToken?.startIndex : "startIndex" in item && typeof item.startIndex === "number" ? item.startIndex : void 0;
}
function getComponentValueEndIndex(item) {
  if (!item) return void 0;
  return item.type === "simple-block" ? item.endIndex ?? item.associatedToken?.endIndex : "endIndex" in item && typeof item.endIndex === "number" ? item.endIndex : void 0;
}
function trimComponentValues(values, trimEof = false) {
  let start = 0;
  while (start < values.length && (values[start].type === "whitespace" || values[start].type === "comment")) start++;
  let end = values.length - 1;
  while (end >= start && (values[end].type === "whitespace" || values[end].type === "comment" || trimEof && values[end].type === "EOF")) end--;
  return start > end ? [] : values.slice(start, end + 1);
}
function splitComponentValuesByComma(values, allowDelimComma = false) {
  const result = [[]];
  for (const v of values) if (v.type === "comma" || allowDelimComma && v.type === "delim" && v.value === ",") result.push([]);
  else result[result.length - 1].push(v);
  return result;
}
function extractUriFromComponentValue(token) {
  if (token.type === "string") return token.value;
  if (token.type === "url") return token.value;
  if (token.type === "function" && token.name === "url") {
    const fn = token;
    const urlArg = fn.value.find((v) => v.type === "string");
    if (urlArg) return urlArg.value;
    return fn.value.map((v) => serialize([v])).join("").trim();
  }
  return null;
}
function splitLeadingDeclarations(blockContents) {
  const declarations = [];
  const nestedRules = [];
  for (let i = 0; i < blockContents.length; i++) {
    const item = blockContents[i];
    if (i === 0 && item instanceof CSSNestedDeclarations) declarations.push(...item.style._rawDeclarations);
    else nestedRules.push(item);
  }
  return {
    declarations,
    nestedRules
  };
}
var CSS_WIDE_KEYWORDS$1 = /* @__PURE__ */ new Set("initial,inherit,unset,revert,revert-layer,default".split(","));
var KEYFRAMES_DISALLOWED_NAMES = /* @__PURE__ */ new Set("none,initial,inherit,unset,revert,default".split(","));
function isValidDashedIdent(name) {
  return typeof name === "string" && name.startsWith("--") && name !== "--" && !/\s/.test(name);
}
function isCustomPropertyDeclaration(prelude) {
  let idx = 0;
  while (idx < prelude.length && prelude[idx].type === "whitespace") idx++;
  if (idx >= prelude.length) return false;
  const firstNonWs = prelude[idx++];
  while (idx < prelude.length && prelude[idx].type === "whitespace") idx++;
  if (idx >= prelude.length) return false;
  const secondNonWs = prelude[idx++];
  return firstNonWs.type === "ident" && firstNonWs.value.startsWith("--") && secondNonWs.type === "colon";
}
var Parser3 = class Parser4 {
  tokens;
  errors = [];
  declaredNamespaces = /* @__PURE__ */ new Set();
  static AT_RULE_HANDLERS = {
    media: (parser, rule, block, nested) => parser.handleGroupingAtRule(rule, block, nested || false, CSSMediaRule),
    "font-face": (parser, rule, block) => block ? parser.handleFontFaceRule(rule, block) : null,
    page: (parser, rule, block) => block ? parser.handlePageRule(rule, block) : null,
    property: (parser, rule, block) => block ? parser.handlePropertyRule(rule, block) : null,
    supports: (parser, rule, block, nested) => {
      if (!isGrammaticallyValidSupportsCondition(rule.prelude)) return null;
      return parser.handleGroupingAtRule(rule, block, nested || false, CSSSupportsRule);
    },
    container: (parser, rule, block, nested) => parser.handleGroupingAtRule(rule, block, nested || false, CSSContainerRule),
    layer: (parser, rule, block, nested) => parser.handleLayerRule(rule, block, nested || false),
    "starting-style": (parser, rule, block, nested) => parser.handleGroupingAtRule(rule, block, nested || false, CSSStartingStyleRule),
    scope: (parser, rule, block, nested) => parser.handleScopeRule(rule, block, nested || false),
    "view-transition": (parser, rule, block) => block ? parser.handleViewTransitionRule(rule, block) : null,
    import: (parser, rule) => parser.handleImportRule(rule),
    namespace: (parser, rule) => parser.handleNamespaceRule(rule),
    "counter-style": (parser, rule, block) => block ? parser.handleCounterStyleRule(rule, block) : null,
    "font-feature-values": (parser, rule, block) => block ? parser.handleFontFeatureValuesRule(rule, block) : null,
    "custom-media": (parser, rule) => parser.handleCustomMediaRule(rule),
    "position-try": (parser, rule, block) => block ? parser.handlePositionTryRule(rule, block) : null
  };
  getAtRuleHandler(name) {
    if (MARGIN_RULE_NAMES.has(name)) return (parser, rule, block) => block ? parser.handleMarginRule(rule, block) : null;
    if (name === "keyframes" || name.endsWith("-keyframes")) return (parser, rule, block) => block ? parser.handleKeyframesRule(rule, block) : null;
    return Parser4.AT_RULE_HANDLERS[name];
  }
  static NESTED_GROUP_AT_RULES = /* @__PURE__ */ new Set("media,supports,container,layer,scope,starting-style,keyframes,property,counter-style,font-feature-values,view-transition,position-try".split(","));
  isSupportedAtRule(name, nested = false) {
    const lower = name.toLowerCase();
    if (lower === "charset") return false;
    if (lower === "mediaall") return false;
    if (lower.startsWith("--")) return false;
    if (MARGIN_RULE_NAMES.has(lower)) return true;
    if (nested) {
      if (lower.endsWith("-keyframes")) return true;
      return Parser4.NESTED_GROUP_AT_RULES.has(lower);
    }
    return true;
  }
  options;
  lineStarts;
  constructor(tokens, options = {}) {
    this.options = options;
    this.tokens = Array.isArray(tokens) ? new ArrayTokenStream(tokens) : tokens;
  }
  getLineStarts() {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    if (this.options.source) {
      const s = this.options.source.replace(/\r\n|\r|\f/g, "\n");
      let pos = 0;
      while ((pos = s.indexOf("\n", pos)) !== -1) starts.push(++pos);
    }
    return this.lineStarts = starts;
  }
  getLineColumn(start) {
    if (start <= 0) return {
      line: 1,
      column: 1
    };
    const starts = this.getLineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const mid = low + high >> 1;
      if (starts[mid] <= start) low = mid + 1;
      else high = mid - 1;
    }
    const lineIdx = high >= 0 ? high : 0;
    return {
      line: lineIdx + 1,
      column: start - starts[lineIdx] + 1
    };
  }
  makeLocation(start, end, bodyStart, bodyEnd) {
    const getLineCol = (offset) => this.getLineColumn(offset);
    return {
      start,
      end,
      bodyStart,
      bodyEnd,
      get line() {
        return getLineCol(start).line;
      },
      get column() {
        return getLineCol(start).column;
      }
    };
  }
  createBlockLocation(start, block) {
    const end = block.endIndex ?? block.associatedToken.startIndex ?? start;
    const bodyStart = block.associatedToken.endIndex;
    const bodyEnd = block.endIndex !== void 0 ? block.isClosed ? block.endIndex - 1 : block.endIndex : void 0;
    return this.makeLocation(start, end, bodyStart, bodyEnd);
  }
  reportError(message, token) {
    this.errors.push({
      message,
      token
    });
  }
  get nextToken() {
    return this.tokens.peek();
  }
  /** @internal */
  consumeToken() {
    return this.tokens.next();
  }
  discardToken() {
    this.tokens.next();
  }
  skipWhitespace() {
    while (this.nextToken.type === "whitespace") this.discardToken();
  }
  parseComponentValues() {
    const values = [];
    while (this.nextToken.type !== "EOF") values.push(this.consumeComponentValue());
    return values;
  }
  parseCommaSeparatedListOfComponentValues() {
    return splitComponentValuesByComma(this.parseComponentValues());
  }
  parseStyleSheet() {
    const rules = this.consumeListOfRules(true);
    return CSSStyleSheet.createInternal(rules, (text2) => this.parseRule(text2));
  }
  parseRule(ruleString) {
    const errors = [];
    const tokens = tokenize(ruleString, false, errors);
    const parser = new Parser4(tokens, this.options);
    parser.errors.push(...errors);
    const rule = parser.consumeRule();
    parser.ensureEOF();
    return rule;
  }
  parseStyleAttribute() {
    return new CSSStyleDeclaration2(this.consumeDeclarationsFromBlockContents(this.parseComponentValues()));
  }
  parseStyleSheetContents() {
    return this.consumeListOfRules(true);
  }
  parseBlockContents() {
    return this.consumeBlockContents(new ArrayComponentValueStream(this.parseComponentValues()), true, false);
  }
  parseDeclaration() {
    this.skipWhitespace();
    if (this.nextToken.type !== "ident") return null;
    const stream = new LazyComponentValueStream(() => this.consumeComponentValue(), "EOF");
    const decl = this.consumeDeclarationFromStream(stream);
    if (!decl) return null;
    this.skipWhitespace();
    return this.nextToken.type === "EOF" ? decl : null;
  }
  parseComponentValue() {
    this.skipWhitespace();
    if (this.nextToken.type === "EOF") return null;
    const value = this.consumeComponentValue();
    this.skipWhitespace();
    return this.nextToken.type === "EOF" ? value : null;
  }
  consumeListOfRules(topLevel) {
    const rules = [];
    while (true) {
      const token = this.nextToken;
      if (token.type === "whitespace") this.discardToken();
      else if (token.type === "EOF") return rules;
      else if ((token.type === "CDO" || token.type === "CDC") && topLevel) this.discardToken();
      else {
        const rule = this.consumeRule();
        if (rule) rules.push(rule);
      }
    }
  }
  consumeRule(nested = false) {
    this.skipWhitespace();
    if (this.nextToken.type === "EOF") return null;
    return this.nextToken.type === "at-keyword" ? this.consumeAtRule(nested) : this.consumeQualifiedRule(nested);
  }
  finalizeAtRule(rule, block, nested, location, isTopLevelTokenStream) {
    if (!this.isSupportedAtRule(rule.name, nested)) return null;
    const handler4 = this.getAtRuleHandler(rule.name);
    if (handler4) {
      const res = handler4(this, rule, block, nested);
      if (res instanceof CSSRule && !res.location) res._location = location;
      return res;
    }
    if (nested) return null;
    if (block && isTopLevelTokenStream && this.options?.atRules?.[rule.name]) {
      const type = this.options.atRules[rule.name];
      if (type === "declaration") {
        const decls = this.consumeDeclarationsFromBlockContents(block.value);
        const atRule2 = new CSSAtRule(rule.name, rule.prelude, block, void 0, decls);
        atRule2._location = location;
        return atRule2;
      }
      if (type === "rule") {
        const childRules = this.consumeNestedRules(block, false);
        const atRule2 = new CSSAtRule(rule.name, rule.prelude, block, childRules);
        atRule2._location = location;
        return atRule2;
      }
    }
    let cssRules;
    if (block && !isTopLevelTokenStream) {
      rule.childRules = this.consumeBlockContents(new ArrayComponentValueStream(block.value), nested);
      cssRules = rule.childRules;
    }
    const atRule = new CSSAtRule(rule.name, rule.prelude, block, cssRules);
    atRule._location = location;
    return atRule;
  }
  consumeAtRule(nested = false) {
    const token = this.consumeToken();
    if (token.type !== "at-keyword") return null;
    const rule = {
      type: "at-rule",
      name: token.value,
      prelude: [],
      childRules: []
    };
    const start = token.startIndex ?? 0;
    while (true) {
      const next = this.nextToken;
      if (next.type === "semicolon" || next.type === "EOF") {
        const end = next.endIndex ?? next.startIndex ?? start;
        this.discardToken();
        return this.finalizeAtRule(rule, void 0, nested, this.makeLocation(start, end), true);
      } else if (next.type === "}") {
        if (nested) return null;
        this.consumeToken();
        rule.prelude.push(next);
      } else if (next.type === "{") {
        const block = this.consumeBlock(this.consumeToken());
        return this.finalizeAtRule(rule, block, nested, this.createBlockLocation(start, block), true);
      } else rule.prelude.push(this.consumeComponentValue());
    }
  }
  /** @internal */
  scopeContextDepth = 0;
  consumeNestedRules(block, isNestedStyleRule) {
    const allowRelative = !isNestedStyleRule && this.scopeContextDepth > 0;
    return this.consumeBlockContents(new ArrayComponentValueStream(block.value), isNestedStyleRule || allowRelative, isNestedStyleRule, allowRelative);
  }
  handleGroupingAtRule(rule, block, nested, ctor) {
    if (!block) return null;
    const childRules = this.consumeNestedRules(block, nested);
    return new ctor(serialize(rule.prelude).trim(), childRules, parseRuleInBlock);
  }
  parseLayerNameFromTokens(tokens, forbidCssWide = false) {
    const trimmed = trimComponentValues(tokens, true);
    if (trimmed.length === 0 || trimmed.length % 2 === 0) return null;
    const parts = [];
    for (let i = 0; i < trimmed.length; i++) {
      const t = trimmed[i];
      if (i % 2 === 0) {
        if (t.type !== "ident" || forbidCssWide && CSS_WIDE_KEYWORDS$1.has(t.value.toLowerCase())) return null;
        parts.push(t.value);
      } else {
        if (t.type !== "delim" || t.value !== ".") return null;
        parts.push(".");
      }
    }
    return parts.join("");
  }
  handleLayerRule(rule, block, nested = false) {
    if (block) {
      const trimmed = trimComponentValues(rule.prelude, true);
      let layerName = "";
      if (trimmed.length > 0) {
        const parsed = this.parseLayerNameFromTokens(trimmed);
        if (parsed === null) return null;
        layerName = parsed;
      }
      return new CSSLayerBlockRule(layerName, this.consumeNestedRules(block, nested), parseRuleInBlock);
    }
    const segments = splitComponentValuesByComma(rule.prelude);
    const nameList = [];
    for (const seg of segments) {
      const name = this.parseLayerNameFromTokens(seg);
      if (name === null) return null;
      nameList.push(name);
    }
    return nameList.length > 0 ? new CSSLayerStatementRule(nameList) : null;
  }
  parseScopeSelectorBlock(block) {
    try {
      new SelectorParser(block.value, {
        allowRelative: true,
        forbidPseudo: true,
        declaredNamespaces: this.declaredNamespaces
      }).parse();
      const text2 = serialize(block.value).trim();
      return text2 ? `(${text2})` : "";
    } catch {
      return null;
    }
  }
  handleScopeRule(rule, block, _nested = false) {
    if (!block) return null;
    this.scopeContextDepth++;
    let childRules;
    try {
      childRules = this.consumeBlockContents(new ArrayComponentValueStream(block.value), true, false, true);
    } finally {
      this.scopeContextDepth--;
    }
    let startSelector = null;
    let endSelector = null;
    const prelude = rule.prelude;
    let i = 0;
    while (i < prelude.length && prelude[i].type === "whitespace") i++;
    if (i < prelude.length && prelude[i].type === "simple-block" && prelude[i].associatedToken.type === "(") {
      startSelector = this.parseScopeSelectorBlock(prelude[i]);
      if (startSelector === null) return null;
      i++;
    }
    while (i < prelude.length && prelude[i].type === "whitespace") i++;
    if (i < prelude.length && prelude[i].type === "ident" && String(prelude[i].value).toLowerCase() === "to") {
      i++;
      while (i < prelude.length && prelude[i].type === "whitespace") i++;
      if (i < prelude.length && prelude[i].type === "simple-block" && prelude[i].associatedToken.type === "(") {
        endSelector = this.parseScopeSelectorBlock(prelude[i]);
        if (endSelector === null) return null;
        i++;
      } else return null;
    }
    while (i < prelude.length && prelude[i].type === "whitespace") i++;
    if (i < prelude.length) return null;
    return new CSSScopeRule(startSelector, endSelector, childRules, parseRuleInScopeBlock);
  }
  handleViewTransitionRule(_rule, block) {
    return new CSSViewTransitionRule(this.consumeDeclarationsFromBlockContents(block.value));
  }
  parseKeyframeSelector(prelude) {
    const lists = splitComponentValuesByComma(prelude);
    const normalizedParts = [];
    for (const list of lists) {
      const trimmed = trimComponentValues(list);
      if (trimmed.length !== 1) return null;
      const v = trimmed[0];
      if (v.type === "ident") {
        const valStr = v.value.toLowerCase();
        if (valStr === "from") normalizedParts.push("0%");
        else if (valStr === "to") normalizedParts.push("100%");
        else return null;
      } else if (v.type === "percentage") {
        const val = v.value;
        if (val < 0 || val > 100) return null;
        normalizedParts.push(`${val}%`);
      } else return null;
    }
    return normalizedParts.length > 0 ? normalizedParts.join(", ") : null;
  }
  handleKeyframesRule(rule, block) {
    const preludeClean = rule.prelude.filter((v) => v.type !== "whitespace" && v.type !== "comment");
    if (preludeClean.length !== 1) return null;
    const first = preludeClean[0];
    let keyframesName = "";
    if (first.type === "ident") {
      if (KEYFRAMES_DISALLOWED_NAMES.has(first.value.toLowerCase())) return null;
      keyframesName = first.value;
    } else if (first.type === "string" && first.value !== "") keyframesName = first.value;
    else return null;
    const keyframeRules = [];
    const stream = new ArrayComponentValueStream(block.value);
    while (true) {
      const val = stream.peek();
      if (val.type === "whitespace" || val.type === "semicolon") {
        stream.next();
        continue;
      }
      if (val.type === "EOF") break;
      const prelude = [];
      let blockVal = null;
      while (true) {
        const next = stream.peek();
        if (next.type === "EOF") break;
        if (next.type === "simple-block" && next.associatedToken.type === "{") {
          blockVal = stream.next();
          break;
        }
        prelude.push(stream.next());
      }
      if (!blockVal) break;
      const selectorText = this.parseKeyframeSelector(prelude);
      if (selectorText) {
        const keyframeRule = new CSSKeyframeRule(selectorText, this.consumeDeclarationsFromBlockContents(blockVal.value));
        const kfStart = getComponentValueStartIndex(prelude[0]) ?? blockVal.associatedToken.startIndex ?? 0;
        keyframeRule._location = this.createBlockLocation(kfStart, blockVal);
        keyframeRules.push(keyframeRule);
      }
    }
    return new CSSKeyframesRule(keyframesName, keyframeRules);
  }
  handleFontFaceRule(_rule, block) {
    return new CSSFontFaceRule(this.consumeDeclarationsFromBlockContents(block.value));
  }
  handlePageRule(rule, block) {
    const { declarations, nestedRules } = splitLeadingDeclarations(this.consumeBlockContents(new ArrayComponentValueStream(block.value), true));
    return new CSSPageRule(serialize(rule.prelude).trim(), declarations, nestedRules, parseRule);
  }
  handleMarginRule(rule, block) {
    return new CSSMarginRule(rule.name, this.consumeDeclarationsFromBlockContents(block.value), INTERNAL_RULE_TOKEN);
  }
  handleCounterStyleRule(rule, block) {
    return new CSSCounterStyleRule(serialize(rule.prelude).trim(), this.consumeDeclarationsFromBlockContents(block.value));
  }
  handleFontFeatureValuesRule(rule, block) {
    const fontFeatureRule = new CSSFontFeatureValuesRule(serialize(rule.prelude).trim());
    const stream = new ArrayComponentValueStream(block.value);
    while (stream.peek().type !== "EOF") {
      const token = stream.peek();
      if (token.type === "whitespace" || token.type === "comment") {
        stream.next();
        continue;
      }
      if (token.type === "at-keyword") {
        const atToken = stream.next();
        const target = FONT_FEATURE_VALUE_BLOCKS[atToken.value.toLowerCase()];
        while (stream.peek().type === "whitespace" || stream.peek().type === "comment") stream.next();
        const next = stream.peek();
        if (next.type === "simple-block" && next.associatedToken.type === "{") {
          const childBlock = stream.next();
          if (target) for (const d of this.consumeDeclarationsFromBlockContents(childBlock.value)) {
            const values = d.value.filter((v) => v.type === "number").map((v) => v.value);
            fontFeatureRule[target].set(d.name, values);
          }
        }
      } else stream.next();
    }
    return fontFeatureRule;
  }
  handlePropertyRule(rule, block) {
    const nonWsPrelude = trimComponentValues(rule.prelude, true);
    if (nonWsPrelude.length !== 1 || nonWsPrelude[0].type !== "ident") return null;
    const name = nonWsPrelude[0].value;
    if (!name.startsWith("--") || name === "--") return null;
    const declarations = this.consumeDeclarationsFromBlockContents(block.value);
    let syntax = null;
    let inherits = null;
    let initialValue = null;
    for (const d of declarations) {
      const val = serialize(d.value).trim();
      const descName = d.name.toLowerCase();
      if (descName === "syntax") {
        const nonWsTokens = trimComponentValues(d.value, true);
        if (nonWsTokens.length === 1 && nonWsTokens[0].type === "string") syntax = nonWsTokens[0].value;
      } else if (descName === "inherits") {
        if (val === "true") inherits = true;
        else if (val === "false") inherits = false;
      } else if (descName === "initial-value") initialValue = val;
    }
    if (syntax === null || inherits === null) return null;
    if (ParseHooks.validatePropertyRuleDescriptor) {
      if (!ParseHooks.validatePropertyRuleDescriptor({
        name,
        syntax,
        inherits,
        initialValue: initialValue ?? void 0
      })) return null;
    } else if (!isValidDashedIdent(name) || typeof syntax !== "string" || syntax.length === 0 || typeof inherits !== "boolean") return null;
    return new CSSPropertyRule(name, syntax, inherits, initialValue);
  }
  handlePositionTryRule(rule, block) {
    const nonWsPrelude = trimComponentValues(rule.prelude, true);
    if (nonWsPrelude.length !== 1 || nonWsPrelude[0].type !== "ident") return null;
    const name = nonWsPrelude[0].value;
    if (!isValidDashedIdent(name)) return null;
    return new CSSPositionTryRule(name, this.consumeDeclarationsFromBlockContents(block.value), INTERNAL_RULE_TOKEN);
  }
  parseImportScopeArgs(scopeArgs) {
    let scopeStart = null;
    let scopeEnd = null;
    let k = 0;
    while (k < scopeArgs.length && scopeArgs[k].type === "whitespace") k++;
    if (k < scopeArgs.length && scopeArgs[k].type === "simple-block" && scopeArgs[k].associatedToken.type === "(") {
      scopeStart = serialize(scopeArgs[k].value).trim();
      k++;
    } else {
      const startTokens = [];
      while (k < scopeArgs.length) {
        const tok = scopeArgs[k];
        if (tok.type === "ident" && String(tok.value).toLowerCase() === "to") break;
        startTokens.push(tok);
        k++;
      }
      const s = serialize(startTokens).trim();
      if (s) scopeStart = s;
    }
    while (k < scopeArgs.length && scopeArgs[k].type === "whitespace") k++;
    if (k < scopeArgs.length && scopeArgs[k].type === "ident" && String(scopeArgs[k].value).toLowerCase() === "to") {
      k++;
      while (k < scopeArgs.length && scopeArgs[k].type === "whitespace") k++;
      if (k < scopeArgs.length && scopeArgs[k].type === "simple-block" && scopeArgs[k].associatedToken.type === "(") scopeEnd = serialize(scopeArgs[k].value).trim();
      else {
        const e = serialize(scopeArgs.slice(k)).trim();
        if (e) scopeEnd = e;
      }
    }
    if (scopeStart) scopeStart = scopeStart.replace(/^\(/, "").replace(/\)$/, "").trim();
    if (scopeEnd) scopeEnd = scopeEnd.replace(/^\(/, "").replace(/\)$/, "").trim();
    return {
      scopeStart,
      scopeEnd
    };
  }
  handleImportRule(rule) {
    let href = "";
    let layerName = null;
    let supportsText = null;
    let isScoped = false;
    let scopeStart = null;
    let scopeEnd = null;
    const prelude = rule.prelude;
    let i = 0;
    while (i < prelude.length && prelude[i].type === "whitespace") i++;
    if (i < prelude.length) {
      const extracted = extractUriFromComponentValue(prelude[i]);
      if (extracted !== null) {
        href = extracted;
        i++;
      }
    }
    while (i < prelude.length) {
      while (i < prelude.length && prelude[i].type === "whitespace") i++;
      if (i >= prelude.length) break;
      const val = prelude[i];
      if (layerName === null && val.type === "ident" && val.value.toLowerCase() === "layer") {
        layerName = "";
        i++;
      } else if (layerName === null && val.type === "function" && val.name.toLowerCase() === "layer") {
        const fnTokens = val.value;
        if (fnTokens.some((t) => t.type === "whitespace")) break;
        const parsed = this.parseLayerNameFromTokens(fnTokens, true);
        if (parsed === null) break;
        layerName = parsed;
        i++;
      } else if (supportsText === null && val.type === "function" && val.name.toLowerCase() === "supports") {
        supportsText = serialize(val.value).trim();
        i++;
      } else if (!isScoped && val.type === "ident" && val.value.toLowerCase() === "scope") {
        isScoped = true;
        i++;
      } else if (!isScoped && val.type === "function" && val.name.toLowerCase() === "scope") {
        isScoped = true;
        ({ scopeStart, scopeEnd } = this.parseImportScopeArgs(val.value));
        i++;
      } else break;
    }
    const mediaText = serialize(prelude.slice(i)).trim();
    return new CSSImportRule(href, mediaText, layerName, supportsText, scopeStart, scopeEnd, isScoped, INTERNAL_RULE_TOKEN);
  }
  handleNamespaceRule(rule) {
    const tokens = rule.prelude.filter((t) => t.type !== "whitespace" && t.type !== "comment" && t.type !== "EOF");
    let prefix = "";
    let namespaceURI = "";
    if (tokens.length === 1) namespaceURI = extractUriFromComponentValue(tokens[0]) ?? "";
    else if (tokens.length >= 2) {
      if (tokens[0].type === "ident") {
        prefix = tokens[0].value;
        namespaceURI = extractUriFromComponentValue(tokens[1]) ?? "";
      } else namespaceURI = extractUriFromComponentValue(tokens[0]) ?? "";
    }
    const nsRule = new CSSNamespaceRule(prefix, namespaceURI, INTERNAL_RULE_TOKEN);
    this.declaredNamespaces.add(nsRule.prefix);
    return nsRule;
  }
  handleCustomMediaRule(rule) {
    const prelude = rule.prelude;
    let i = 0;
    while (i < prelude.length && prelude[i].type === "whitespace") i++;
    if (i >= prelude.length) return null;
    const nameToken = prelude[i];
    if (nameToken.type !== "ident" || !nameToken.value.startsWith("--")) return null;
    const name = nameToken.value;
    i++;
    const remainingTokens = prelude.slice(i).filter((v) => v.type !== "whitespace" && v.type !== "comment");
    let query2;
    if (remainingTokens.length === 0) query2 = new MediaList("");
    else if (remainingTokens.length === 1 && remainingTokens[0].type === "ident" && remainingTokens[0].value.toLowerCase() === "true") query2 = true;
    else if (remainingTokens.length === 1 && remainingTokens[0].type === "ident" && remainingTokens[0].value.toLowerCase() === "false") query2 = false;
    else {
      const mediaText = serialize(prelude.slice(i)).trim();
      const parsed = ParseHooks.parseMediaQueryList(mediaText);
      if (parsed.length === 0 || parsed.some((q) => q.invalid)) return null;
      query2 = new MediaList(mediaText);
    }
    return new CSSCustomMediaRule(name, query2);
  }
  consumeQualifiedRule(nested = false) {
    const prelude = [];
    while (true) {
      const next = this.nextToken;
      if (next.type === "EOF") {
        this.reportError("Unexpected EOF in qualified rule", next);
        return null;
      } else if (next.type === "}") {
        this.reportError("Unexpected } in qualified rule", next);
        if (nested) return null;
        this.consumeToken();
        prelude.push(next);
      } else if (next.type === "{") {
        if (isCustomPropertyDeclaration(prelude)) {
          this.reportError("Qualified rule prelude looks like a custom property", next);
          const blockToken2 = this.consumeToken();
          this.consumeBlock(blockToken2);
          return null;
        }
        const blockToken = this.consumeToken();
        const start = getComponentValueStartIndex(prelude[0]) ?? blockToken.startIndex ?? 0;
        const stream = new LazyComponentValueStream(() => this.consumeComponentValue(), "}");
        const blockContents = this.consumeBlockContents(stream, true);
        const term = stream.terminator;
        let end;
        if (term) end = term.endIndex ?? (term.startIndex !== void 0 ? term.startIndex + 1 : start);
        else {
          const eofPos = this.nextToken.startIndex ?? this.nextToken.endIndex;
          if (eofPos !== void 0) end = eofPos;
          else {
            const buffered = stream.slice(0, stream.position);
            end = (buffered.length > 0 ? getComponentValueEndIndex(buffered[buffered.length - 1]) : void 0) ?? blockToken.endIndex ?? blockToken.startIndex ?? start;
          }
        }
        const bodyStart = blockToken.endIndex;
        const bodyEnd = term ? term.startIndex ?? end : end;
        const location = this.makeLocation(start, end, bodyStart, bodyEnd);
        return this.createStyleRule(prelude, blockContents, nested, nested, location);
      } else prelude.push(this.consumeComponentValue());
    }
  }
  consumeDeclarationsFromBlockContents(values) {
    const stream = new ArrayComponentValueStream(values);
    const decls = [];
    while (true) {
      const val = stream.peek();
      if (val.type === "whitespace" || val.type === "semicolon") stream.next();
      else if (val.type === "EOF" || val.type === "}") break;
      else if (val.type === "at-keyword") this.consumeAtRuleFromStream(stream);
      else {
        const decl = this.consumeDeclarationFromStream(stream);
        if (decl) decls.push(decl);
        else while (true) {
          const next = stream.peek();
          if (next.type === "EOF" || next.type === "semicolon" || next.type === "}") break;
          stream.next();
        }
      }
    }
    return decls;
  }
  /** @internal */
  consumeBlockContents(stream, nested = false, isNestedStyleRule = nested, allowRelative = false) {
    const rules = [];
    let decls = [];
    const flushDecls = () => {
      if (decls.length > 0) {
        const nestedDecl = new CSSNestedDeclarations(decls);
        const start = decls[0].startIndex ?? 0;
        const end = decls[decls.length - 1].endIndex ?? start;
        nestedDecl._location = this.makeLocation(start, end, start, end);
        rules.push(nestedDecl);
        decls = [];
      }
    };
    while (true) {
      const val = stream.peek();
      if (val.type === "whitespace" || val.type === "semicolon") stream.next();
      else if (val.type === "EOF" || val.type === "}") break;
      else if (val.type === "at-keyword") {
        const atRule = this.consumeAtRuleFromStream(stream, isNestedStyleRule);
        if (atRule) {
          flushDecls();
          rules.push(atRule);
        }
      } else {
        const pos = stream.position;
        if (nested && this.isNestedDeclarationAhead(stream)) {
          const decl = this.consumeDeclarationFromStream(stream);
          if (decl) {
            if (stream.peek().type === "semicolon") {
              const semi = stream.next();
              if (semi.endIndex !== void 0) decl.endIndex = semi.endIndex;
            }
            decls.push(decl);
          }
        } else {
          stream.position = pos;
          const rule = this.consumeNestedQualifiedRuleFromStream(stream, isNestedStyleRule, "semicolon", allowRelative);
          flushDecls();
          if (rule) rules.push(rule);
        }
      }
    }
    flushDecls();
    return rules;
  }
  isNestedDeclarationAhead(stream) {
    const first = stream.peek();
    if (first.type !== "ident" || first.value === "--") return false;
    if (first.value.startsWith("--")) return true;
    const lookaheadPos = stream.position;
    try {
      stream.next();
      while (stream.peek().type === "whitespace") stream.next();
      if (stream.peek().type !== "colon") return false;
      stream.next();
      const lookaheadTokens = [first, {
        type: "colon",
        value: ":"
      }];
      while (true) {
        const next = stream.peek();
        if (next.type === "EOF" || next.type === "}" || next.type === "semicolon") return true;
        if (next.type === "simple-block" && next.associatedToken?.type === "{") {
          const selectorCandidate = serialize(lookaheadTokens).trim();
          return Parser4.parseSelectorAST(selectorCandidate, {
            allowVendorPseudos: Boolean(this.options.allowVendorPseudos),
            allowUnknownPseudos: Boolean(this.options.allowUnknownPseudos)
          }) === null;
        }
        lookaheadTokens.push(stream.next());
      }
    } finally {
      stream.position = lookaheadPos;
    }
  }
  consumeDeclarationFromStream(stream) {
    const firstValue = stream.peek();
    if (firstValue.type !== "ident") return null;
    const startIndex = getComponentValueStartIndex(firstValue) ?? firstValue.startIndex;
    stream.next();
    const name = firstValue.value;
    if (name === "--") return null;
    while (stream.peek().type === "whitespace") stream.next();
    if (stream.peek().type !== "colon") return null;
    stream.next();
    while (stream.peek().type === "whitespace") stream.next();
    const declValue = [];
    while (true) {
      const val = stream.peek();
      if (val.type === "EOF" || val.type === "semicolon") break;
      if (!name.startsWith("--") && val.type === "simple-block" && val.associatedToken?.type === "{" && declValue.some((v) => v.type !== "whitespace")) {
        declValue.push(stream.next());
        break;
      }
      declValue.push(stream.next());
    }
    let important = false;
    const lastNonWsIndex = (end) => {
      let j = end;
      while (j >= 0 && declValue[j].type === "whitespace") j--;
      return j;
    };
    const lastNonWs = declValue[lastNonWsIndex(declValue.length - 1)];
    const endIndex = (lastNonWs && (getComponentValueEndIndex(lastNonWs) ?? lastNonWs.endIndex)) ?? firstValue.endIndex;
    const i1 = lastNonWsIndex(declValue.length - 1);
    const t1 = declValue[i1];
    if (i1 >= 0 && t1?.type === "ident" && t1.value.toLowerCase() === "important") {
      const i2 = lastNonWsIndex(i1 - 1);
      const t2 = declValue[i2];
      if (i2 >= 0 && t2?.type === "delim" && t2.value === "!") {
        important = true;
        declValue.splice(i2);
      }
    }
    while (declValue.length > 0 && declValue[declValue.length - 1].type === "whitespace") declValue.pop();
    if (name.startsWith("--")) {
      if (!validateDeclarationValue(declValue, true, true)) return null;
    } else {
      if (declValue.some((v) => v.type === "simple-block" && v.associatedToken.type === "{") && declValue.reduce((count, v) => v.type !== "whitespace" ? count + 1 : count, 0) > 1) return null;
      if (!validateDeclarationValue(declValue, true, false)) return null;
    }
    if (name.toLowerCase() === "unicode-range") {
      const text2 = getOriginalText(declValue);
      const errors = [];
      const reParser = new Parser4(tokenize(text2, true, errors));
      reParser.errors.push(...errors);
      const reParsed = reParser.parseComponentValues();
      if (!isValidUnicodeRangeValue(reParsed)) return null;
      this.errors.push(...reParser.errors);
      declValue.splice(0, declValue.length, ...reParsed);
    }
    return {
      type: "declaration",
      name,
      value: declValue,
      important,
      raw: name.startsWith("--") ? getOriginalText(declValue) : void 0,
      startIndex,
      endIndex
    };
  }
  consumeNestedQualifiedRuleFromStream(stream, nested = true, stopToken, allowRelative = nested) {
    const prelude = [];
    while (true) {
      const val = stream.peek();
      if (val.type === "EOF" || val.type === "}" || stopToken && val.type === stopToken) return null;
      if (val.type === "simple-block" && val.associatedToken.type === "{") {
        stream.next();
        if (isCustomPropertyDeclaration(prelude)) {
          this.consumeRemnantsOfABadDeclaration(stream, nested);
          return null;
        }
        const block = val;
        const blockContents = this.consumeBlockContents(new ArrayComponentValueStream(block.value), true);
        const start = getComponentValueStartIndex(prelude[0]) ?? block.associatedToken.startIndex ?? 0;
        return this.createStyleRule(prelude, blockContents, nested, allowRelative, this.createBlockLocation(start, block));
      }
      prelude.push(stream.next());
    }
  }
  consumeAtRuleFromStream(stream, nested = false) {
    const token = stream.next();
    if (token.type !== "at-keyword") return null;
    const rule = {
      type: "at-rule",
      name: token.value,
      prelude: [],
      childRules: []
    };
    const start = token.startIndex ?? 0;
    while (true) {
      const val = stream.peek();
      if (val.type === "semicolon") {
        const semiToken = stream.next();
        const end = semiToken.endIndex ?? semiToken.startIndex ?? start;
        return this.finalizeAtRule(rule, void 0, nested, this.makeLocation(start, end), false);
      } else if (val.type === "EOF" || val.type === "}") {
        const end = val.startIndex ?? start;
        return this.finalizeAtRule(rule, void 0, nested, this.makeLocation(start, end), false);
      } else if (val.type === "simple-block" && val.associatedToken.type === "{") {
        const block = stream.next();
        return this.finalizeAtRule(rule, block, nested, this.createBlockLocation(start, block), false);
      } else rule.prelude.push(stream.next());
    }
  }
  consumeRemnantsOfABadDeclaration(stream, nested = false) {
    while (true) {
      const val = stream.peek();
      if (val.type === "EOF" || val.type === "semicolon") {
        stream.next();
        break;
      } else if (val.type === "}" && nested) break;
      else stream.next();
    }
  }
  isValidSelector(prelude) {
    const trimmed = trimComponentValues(prelude);
    if (trimmed.length === 0) return false;
    const lastToken = trimmed[trimmed.length - 1];
    if (lastToken.type === "delim" && (lastToken.value === "." || lastToken.value === "#") || lastToken.type === "colon") return false;
    for (let i = 0; i < trimmed.length; i++) {
      const val = trimmed[i];
      if (val.type === "number" || val.type === "dimension") return false;
      if (val.type === "delim") {
        if (val.value === "#") return false;
        if (val.value === "." && (i + 1 >= trimmed.length || trimmed[i + 1].type !== "ident")) return false;
      }
      if (val.type === "colon" && i + 1 < trimmed.length) {
        const nextVal = trimmed[i + 1];
        if (nextVal.type !== "ident" && nextVal.type !== "function" && nextVal.type !== "colon") return false;
      }
    }
    return true;
  }
  createStyleRule(prelude, blockContents, isNested = false, allowRelative = isNested, location) {
    const { declarations, nestedRules } = splitLeadingDeclarations(blockContents);
    let selectorText = "";
    let selectorAST = null;
    if (isNested) {
      selectorText = this.normalizeNestedSelector(prelude);
      if (selectorText === "") return null;
      selectorAST = Parser4.parseSelectorAST(selectorText, {
        declaredNamespaces: this.declaredNamespaces,
        allowRelative: true,
        allowVendorPseudos: Boolean(this.options.allowVendorPseudos),
        allowUnknownPseudos: Boolean(this.options.allowUnknownPseudos)
      });
      if (selectorAST === null) return null;
    } else {
      if (!this.isValidSelector(prelude)) return null;
      try {
        selectorAST = new SelectorParser(prelude, {
          declaredNamespaces: this.declaredNamespaces,
          allowRelative,
          allowVendorPseudos: Boolean(this.options.allowVendorPseudos),
          allowUnknownPseudos: Boolean(this.options.allowUnknownPseudos)
        }).parse();
      } catch {
        return null;
      }
      selectorText = serialize(prelude).trim();
    }
    const rule = new CSSStyleRule(selectorText, declarations, nestedRules, parseRuleInBlock, selectorAST);
    if (location) rule._location = location;
    return rule;
  }
  static #consumeSelectorTokens(parser) {
    const prelude = [];
    while (true) {
      const next = parser.nextToken;
      if (next.type === "EOF") break;
      if (next.type === "{" || next.type === "}" || next.type === "at-keyword") return null;
      prelude.push(parser.consumeComponentValue());
    }
    return prelude;
  }
  static parseSelectorAST(text2, declaredNamespacesOrOptions, allowRelative = false, allowVendorPseudos = false) {
    const isOptionsObj = declaredNamespacesOrOptions && !(declaredNamespacesOrOptions instanceof Set);
    const declaredNamespaces = isOptionsObj ? declaredNamespacesOrOptions.declaredNamespaces : declaredNamespacesOrOptions;
    const isRelative = isOptionsObj ? declaredNamespacesOrOptions.allowRelative ?? false : allowRelative;
    const vendorPseudos = isOptionsObj ? declaredNamespacesOrOptions.allowVendorPseudos ?? false : allowVendorPseudos;
    const unknownPseudos = isOptionsObj ? declaredNamespacesOrOptions.allowUnknownPseudos ?? false : false;
    const parser = new Parser4(tokenize(text2), {
      allowVendorPseudos: vendorPseudos,
      allowUnknownPseudos: unknownPseudos
    });
    const prelude = Parser4.#consumeSelectorTokens(parser);
    if (prelude === null) return null;
    try {
      return new SelectorParser(prelude, {
        allowRelative: isRelative,
        declaredNamespaces,
        allowVendorPseudos: vendorPseudos,
        allowUnknownPseudos: unknownPseudos
      }).parse();
    } catch {
      return null;
    }
  }
  normalizeNestedSelector(prelude) {
    const segments = splitComponentValuesByComma(prelude, true);
    if (segments.length === 1 && segments[0].length === 0) return "";
    const hasAmpersand = (values) => values.some((val) => val.type === "delim" && val.value === "&" || val.type === "simple-block" && hasAmpersand(val.value) || val.type === "function" && hasAmpersand(val.value));
    const normalizedSegments = [];
    for (const segment of segments) {
      const trimmed = trimComponentValues(segment);
      if (trimmed.length === 0) return "";
      const firstNode = trimmed[0];
      const secondNode = trimmed[1];
      const startsWithCombinator = firstNode.type === "delim" && [
        ">",
        "+",
        "~"
      ].includes(firstNode.value) || firstNode.type === "delim" && firstNode.value === "|" && secondNode?.type === "delim" && secondNode.value === "|";
      const serialized = serialize(trimmed);
      normalizedSegments.push(startsWithCombinator || !hasAmpersand(trimmed) ? `& ${serialized}` : serialized);
    }
    return normalizedSegments.join(", ");
  }
  /** @internal */
  consumeBlock(startToken) {
    const block = {
      type: "simple-block",
      associatedToken: startToken,
      value: []
    };
    const mirror = getMirrorToken(startToken.type);
    while (true) {
      const next = this.nextToken;
      if (next.type === mirror) {
        block.endIndex = next.endIndex ?? next.startIndex;
        block.isClosed = true;
        this.discardToken();
        return block;
      } else if (next.type === "EOF") {
        block.endIndex = next.startIndex;
        block.isClosed = false;
        this.reportError("Unexpected EOF in block", next);
        return block;
      } else block.value.push(this.consumeComponentValue());
    }
  }
  consumeFunction(nameToken) {
    const func = {
      type: "function",
      name: nameToken.value,
      value: []
    };
    while (true) {
      const next = this.nextToken;
      if (next.type === ")") {
        this.discardToken();
        return func;
      } else if (next.type === "EOF") {
        this.reportError("Unexpected EOF in function", next);
        return func;
      } else func.value.push(this.consumeComponentValue());
    }
  }
  consumeComponentValue() {
    const token = this.consumeToken();
    if (token.type === "{" || token.type === "[" || token.type === "(") return this.consumeBlock(token);
    if (token.type === "function") return this.consumeFunction(token);
    return token;
  }
  ensureEOF() {
    this.skipWhitespace();
    if (this.nextToken.type !== "EOF") throw new DOMException("Syntax error", "SyntaxError");
  }
  static parseSelector(text2) {
    const prelude = Parser4.#consumeSelectorTokens(new Parser4(tokenize(text2)));
    if (prelude === null) return null;
    return serialize(prelude).trim() || null;
  }
  static parseRuleText(text2) {
    const parser = new Parser4(tokenize(text2), { source: text2 });
    const rule = parser.consumeRule();
    if (!rule) throw new DOMException("Syntax error", "SyntaxError");
    parser.ensureEOF();
    return rule;
  }
  static parseStyleSheetText(text2) {
    return new Parser4(tokenize(text2), { source: text2 }).consumeListOfRules(true);
  }
};
function parseRuleInBlockText(text2, nested = true, inScope = false) {
  const parser = new Parser3(tokenize(`{ ${text2} }`));
  if (inScope) parser.scopeContextDepth = 1;
  const block = parser.consumeBlock(parser.consumeToken());
  const contents = parser.consumeBlockContents(new ArrayComponentValueStream(block.value), inScope ? true : nested, inScope ? false : nested, inScope);
  if (contents.length !== 1) throw new DOMException("Syntax error", "SyntaxError");
  return contents[0];
}
function parseRuleInScopeBlockText(text2) {
  return parseRuleInBlockText(text2, true, true);
}
function isValidVarArg(func) {
  if ((func.name || ("value" in func && typeof func.value === "string" ? func.value : "")).toLowerCase() !== "var" || !Array.isArray(func.value)) return true;
  const args = func.value;
  const commaIndex = args.findIndex((t) => t.type === "comma");
  const nameTokens = (commaIndex !== -1 ? args.slice(0, commaIndex) : args).filter((t) => t.type !== "whitespace" && t.type !== "comment");
  if (nameTokens.length === 0) return false;
  if (nameTokens.length === 1 && nameTokens[0].type === "simple-block" && nameTokens[0].associatedToken?.type === "{") return nameTokens[0].value.some((t) => t.type !== "whitespace" && t.type !== "comment");
  return !nameTokens.some((t) => t.type === "simple-block" && t.associatedToken?.type === "{");
}
function validateDeclarationValue(values, isTopLevel = true, isCustomProperty = false) {
  for (const v of values) {
    if (v.type === "bad-string" || v.type === "bad-url" || v.type === ")" || v.type === "]" || v.type === "}") return false;
    if (isTopLevel && (v.type === "semicolon" || v.type === "delim" && v.value === "!")) return false;
    if (v.type === "simple-block") {
      if (!validateDeclarationValue(v.value, false, isCustomProperty)) return false;
    } else if (v.type === "function") {
      const func = v;
      if (!isCustomProperty && !isValidVarArg(func)) return false;
      if (Array.isArray(func.value) && !validateDeclarationValue(func.value, false, isCustomProperty)) return false;
    }
  }
  return true;
}
function parseRule(text2) {
  return Parser3.parseRuleText(text2);
}
function parseRuleInBlock(text2, nested = true) {
  return parseRuleInBlockText(text2, nested);
}
function parseRuleInScopeBlock(text2) {
  return parseRuleInScopeBlockText(text2);
}
function assembleUnicodeRanges(values) {
  const result = [];
  let i = 0;
  while (i < values.length && (values[i].type === "whitespace" || values[i].type === "comment")) i++;
  if (i >= values.length) return null;
  while (i < values.length) {
    const v = values[i];
    if (v.type === "unicode-range") {
      const tok = v;
      const start = tok.unicodeRangeStart ?? parseInt(tok.value.slice(2).split("-")[0], 16);
      const end = tok.unicodeRangeEnd ?? (tok.value.includes("-") ? parseInt(tok.value.split("-")[1], 16) : start);
      if (start > 1114111 || end > 1114111 || start > end) return null;
      result.push(v);
      i++;
    } else if (v.type === "ident" && (v.value.toLowerCase() === "u" || v.value.toLowerCase().startsWith("u+"))) {
      let text2 = "";
      if (v.value.toLowerCase() === "u") {
        i++;
        while (i < values.length && values[i].type === "comment") i++;
        let hasPlus = false;
        if (i < values.length && values[i].type === "delim" && values[i].value === "+") {
          hasPlus = true;
          i++;
          while (i < values.length && values[i].type === "comment") i++;
        } else if (i < values.length && (values[i].type === "number" || values[i].type === "dimension") && values[i].sign === "+") hasPlus = true;
        if (hasPlus) {
          let hexPart = "";
          while (i < values.length) {
            const t = values[i];
            if (t.type === "dimension") {
              const signStr = t.sign === "-" ? "-" : "";
              hexPart += signStr + Math.abs(t.value).toString(16) + (t.unit || "");
              i++;
            } else if (t.type === "number") {
              const signStr = t.sign === "-" ? "-" : "";
              hexPart += signStr + Math.abs(t.value).toString(16);
              i++;
            } else if (t.type === "ident" || t.type === "delim" && ["?", "-"].includes(String(t.value))) {
              hexPart += String(t.value);
              i++;
            } else if (t.type === "comment") i++;
            else break;
          }
          text2 = `u+${hexPart}`;
        } else return null;
      } else {
        text2 = v.value;
        i++;
        while (i < values.length && values[i].type === "delim" && values[i].value === "?") {
          text2 += "?";
          i++;
        }
      }
      const match1 = /^u\+([0-9a-f]{1,6})(-([0-9a-f]{1,6}))?$/i.exec(text2);
      if (match1) {
        const startHex = match1[1];
        const endHex = match1[3];
        const startNum = parseInt(startHex, 16);
        if (startNum > 1114111) return null;
        if (endHex !== void 0) {
          const endNum = parseInt(endHex, 16);
          if (endNum > 1114111 || endNum < startNum) return null;
          result.push({
            type: "unicode-range",
            value: `U+${startNum.toString(16).toUpperCase()}-${endNum.toString(16).toUpperCase()}`
          });
        } else result.push({
          type: "unicode-range",
          value: `U+${startNum.toString(16).toUpperCase()}`
        });
      } else {
        const match2 = /^u\+([0-9a-f]{0,5})(\?{1,6})$/i.exec(text2);
        if (match2 && match2[1].length + match2[2].length <= 6) {
          const prefix = match2[1];
          const q = match2[2];
          const startHex = prefix + "0".repeat(q.length);
          const endHex = prefix + "F".repeat(q.length);
          const startNum = parseInt(startHex, 16);
          const endNum = parseInt(endHex, 16);
          if (startNum > 1114111 || endNum > 1114111) return null;
          result.push({
            type: "unicode-range",
            value: `U+${startNum.toString(16).toUpperCase()}-${endNum.toString(16).toUpperCase()}`
          });
        } else return null;
      }
    } else return null;
    while (i < values.length && (values[i].type === "whitespace" || values[i].type === "comment")) i++;
    if (i >= values.length || values[i].type === "EOF") break;
    if (values[i].type === "comma" || values[i].type === "delim" && values[i].value === ",") {
      result.push({
        type: "comma",
        value: ","
      });
      i++;
      while (i < values.length && (values[i].type === "whitespace" || values[i].type === "comment")) i++;
      if (i >= values.length) return null;
    } else return null;
  }
  return result;
}
function isValidUnicodeRangeValue(values) {
  return assembleUnicodeRanges(values) !== null;
}
function parseStyleAttribute(tokens) {
  return new Parser3(tokens).parseStyleAttribute();
}
function consumeRule(tokens) {
  return new Parser3(tokens).consumeRule();
}
function consumeListOfRules(tokens, topLevel, options) {
  return new Parser3(tokens, options).consumeListOfRules(topLevel);
}
function parseComponentValues(tokens, errors) {
  const p = new Parser3(tokens);
  const res = p.parseComponentValues();
  if (errors) errors.push(...p.errors);
  return res;
}
Parser3.parseSelector;
var parseSelectorAST = Parser3.parseSelectorAST;
function validateCustomPropertyValue(values) {
  return validateDeclarationValue(values, true, true);
}
function parse3(css, options) {
  return new Parser3(tokenize(css), {
    source: css,
    ...options
  }).parseStyleSheet();
}
CSSGroupingRule._parser = {
  parseRule,
  parseRuleInBlock,
  parseRuleInScopeBlock
};
var CSS_WIDE_KEYWORDS = /* @__PURE__ */ new Set("inherit,initial,unset,revert,revert-layer".split(","));
var LOGICAL_SHORTHANDS = /* @__PURE__ */ new Set("margin,padding,inset,scroll-margin,scroll-padding,border-width,border-style,border-color".split(","));
var proxyToTarget = /* @__PURE__ */ new WeakMap();
function unwrapStyle(style) {
  return proxyToTarget.get(style) ?? style;
}
function createStyleProxy(target) {
  const proxy = new Proxy(target, {
    get(t, prop2) {
      if (typeof prop2 === "string") {
        if (!isNaN(Number(prop2))) {
          const index = Number(prop2);
          const decl = t._declarations[index];
          return decl ? decl.name : void 0;
        }
        if (prop2 in t && (typeof t[prop2] !== "undefined" || prop2.startsWith("_"))) return t[prop2];
        if (prop2.startsWith("--")) return t._allowCustomProperties ? t.getPropertyValue(prop2) : void 0;
        const cssProp = prop2 === "cssFloat" ? "float" : camelToDashed(prop2);
        if (t._isPropertySupported(cssProp)) return t.getPropertyValue(cssProp);
      }
      return t[prop2];
    },
    set(t, prop2, value) {
      if (typeof prop2 === "string") {
        if (!isNaN(Number(prop2))) return false;
        if (prop2 in t && (typeof t[prop2] !== "undefined" || prop2.startsWith("_"))) {
          t[prop2] = value;
          return true;
        }
        if (prop2.startsWith("--")) {
          if (t._allowCustomProperties) t.setProperty(prop2, value);
          return true;
        }
        let cssProp = prop2;
        if (prop2 === "cssFloat") cssProp = "float";
        else cssProp = camelToDashed(prop2);
        if (t._isPropertySupported(cssProp)) {
          t.setProperty(cssProp, value);
          return true;
        }
      }
      t[prop2] = value;
      return true;
    },
    has(t, prop2) {
      if (typeof prop2 === "string") {
        if (!isNaN(Number(prop2))) {
          const index = Number(prop2);
          return index >= 0 && index < t._declarations.length;
        }
        if (prop2 in t) return true;
        if (prop2.startsWith("--")) return true;
        const dashed = camelToDashed(prop2);
        if (t._isPropertySupported(dashed)) return true;
        if (prop2 in SHORTHANDS) return true;
        if (prop2 in LONGHAND_TO_SHORTHAND) return true;
      }
      return Reflect.has(t, prop2);
    },
    ownKeys(t) {
      return Array.from({ length: t.length }, (_, i) => String(i));
    },
    getOwnPropertyDescriptor(t, prop2) {
      const i = typeof prop2 === "string" ? Number(prop2) : NaN;
      if (Number.isInteger(i) && i >= 0 && i < t.length && String(i) === prop2) return {
        value: t.item(i),
        writable: false,
        enumerable: true,
        configurable: true
      };
      const desc = Reflect.getOwnPropertyDescriptor(t, prop2);
      return desc ? {
        ...desc,
        enumerable: false
      } : void 0;
    }
  });
  proxyToTarget.set(proxy, target);
  return proxy;
}
var CSSStyleDeclaration2 = class extends CSSStyleProperties {
  /** @internal */
  _declarations;
  /** @internal */
  _rawDeclarations;
  /** @internal */
  _declMap;
  /** @internal */
  _readonly = false;
  /** @internal */
  _parentRule = null;
  /** @internal */
  _onChange = null;
  get parentRule() {
    return this._parentRule;
  }
  get onChange() {
    return this._onChange;
  }
  set onChange(fn) {
    this._onChange = fn ?? null;
  }
  /** @internal */
  get _filterDeclarationsInConstructor() {
    return false;
  }
  /** @internal */
  get _allowCustomProperties() {
    return true;
  }
  /** @internal */
  get _allowImportant() {
    return true;
  }
  /** @internal */
  get _useDirectDeclMap() {
    return true;
  }
  constructor(parentRuleOrDeclarations, onChangeOrReadonly) {
    super();
    this._declarations = [];
    this._rawDeclarations = [];
    this._declMap = /* @__PURE__ */ new Map();
    let declarations = [];
    if (Array.isArray(parentRuleOrDeclarations)) {
      declarations = parentRuleOrDeclarations;
      this._readonly = typeof onChangeOrReadonly === "boolean" ? onChangeOrReadonly : false;
      if (typeof onChangeOrReadonly === "function") this._onChange = onChangeOrReadonly;
    } else {
      this._parentRule = parentRuleOrDeclarations ?? null;
      this._readonly = typeof onChangeOrReadonly === "boolean" ? onChangeOrReadonly : false;
      if (typeof onChangeOrReadonly === "function") this._onChange = onChangeOrReadonly;
    }
    for (const d of declarations) this._ingestDeclaration(d, this._filterDeclarationsInConstructor, true);
    return createStyleProxy(this);
  }
  _ingestDeclaration(decl, filterSupported, isTopLevel) {
    if (decl.name === "--") return;
    if (decl.important && !this._allowImportant) return;
    const normalizedName = decl.name.startsWith("--") ? decl.name : decl.name.toLowerCase();
    if (normalizedName.startsWith("--") && !this._allowCustomProperties) return;
    if (filterSupported && !normalizedName.startsWith("--") && !this._isPropertySupported(normalizedName)) return;
    decl.name = normalizedName;
    if (isTopLevel) this._rawDeclarations.push(decl);
    const shorthand = SHORTHANDS[decl.name];
    if (shorthand) {
      const ser = serialize(decl.value);
      if (!(ser.includes("var(") || ser.includes("env("))) {
        const expanded = shorthand.expand(decl.value);
        if (expanded) {
          for (const [lh, val] of Object.entries(expanded)) this._ingestDeclaration({
            type: "declaration",
            name: lh,
            value: val,
            important: decl.important,
            fromAll: decl.name === "all" || decl.fromAll
          }, filterSupported, false);
          return;
        }
      }
    }
    this._addDeclaration(decl);
  }
  _addDeclaration(d) {
    const shorthand = SHORTHANDS[d.name];
    if (shorthand) for (const lh of shorthand.longhands) {
      const existing2 = this._declMap.get(lh);
      if (existing2 && (!existing2.important || d.important)) {
        const index = this._declarations.indexOf(existing2);
        if (index !== -1) this._declarations.splice(index, 1);
        this._declMap.delete(lh);
      }
    }
    const existing = this._declMap.get(d.name);
    if (existing) {
      if (existing.important && !d.important) return;
      const index = this._declarations.indexOf(existing);
      if (index !== -1) this._declarations.splice(index, 1);
    }
    this._declarations.push(d);
    this._declMap.set(d.name, d);
  }
  get length() {
    return this._declarations.length;
  }
  item(index) {
    return this._declarations[index]?.name || "";
  }
  /** @internal */
  _getLonghandForContraction(lh) {
    const decl = unwrapStyle(this)._getWinningDeclaration(lh);
    if (decl && decl.value.length > 0) return {
      value: decl.value,
      important: decl.important
    };
    return null;
  }
  _serializeDirectShorthand(property, shorthand) {
    const directDecl = this._getWinningDeclaration(property);
    if (directDecl) {
      const directIdx = this._declarations.indexOf(directDecl);
      const allLonghands = getShorthandAllLonghands(shorthand);
      if (this._declarations.some((d, idx) => {
        if (!allLonghands.includes(d.name)) return false;
        if (d.important && !directDecl.important) return true;
        if (d.important === directDecl.important && idx > directIdx) return true;
        return false;
      })) return "";
      return serialize(directDecl.value).trim();
    }
    return "";
  }
  getPropertyValue(property) {
    const self = unwrapStyle(this);
    if (!property.startsWith("--")) property = property.toLowerCase();
    else if (!isValidDashedIdent(property)) return "";
    const map = self._useDirectDeclMap ? self._declMap : null;
    const shorthand = SHORTHANDS[property];
    if (shorthand) {
      if (map && !map.has("all")) {
        const hasSubLonghands = (lh) => map.has(lh) || lh in SHORTHANDS && SHORTHANDS[lh].longhands.every((sub) => map.has(sub));
        let canContract = shorthand.longhands.every(hasSubLonghands);
        if (!canContract && shorthand.logicalLonghands) canContract = shorthand.logicalLonghands.every((lh) => map.has(lh));
        if (!canContract) {
          if (!map.has(property)) return "";
          return self._serializeDirectShorthand(property, shorthand);
        }
      }
      const longhandValues = {};
      let anySet = false;
      let important = null;
      let consistentImportant = true;
      const allLonghandsToCheck = getShorthandAllLonghands(shorthand);
      for (const lh of allLonghandsToCheck) {
        const item = self._getLonghandForContraction(lh);
        if (item && item.value.length > 0) {
          anySet = true;
          longhandValues[lh] = item.value;
          const isImp = item.important;
          if (important === null) important = isImp;
          else if (important !== isImp) consistentImportant = false;
        }
      }
      if (anySet && consistentImportant) {
        const lhKeys = Object.keys(longhandValues);
        const hasLogicalKey = lhKeys.some((lh) => lh in LOGICAL_MAPPING);
        let wm2 = "horizontal-tb";
        let dir = "ltr";
        if (hasLogicalKey) {
          wm2 = self.getPropertyValue("writing-mode") || "horizontal-tb";
          dir = self.getPropertyValue("direction") || "ltr";
          const physicalToLogicalSet = /* @__PURE__ */ new Map();
          for (const lh of lhKeys) {
            const physicalProp = resolveLogicalProperty(lh, wm2, dir);
            const decl = self._getWinningDeclaration(lh);
            if (physicalToLogicalSet.has(physicalProp)) {
              const other = physicalToLogicalSet.get(physicalProp);
              if (!(decl?.name === "all" || decl?.fromAll || other.decl?.name === "all" || other.decl?.fromAll)) {
                if (serialize(longhandValues[lh]).trim() !== serialize(longhandValues[other.lh]).trim()) return "";
              }
            }
            if (decl && decl.name !== "all" && !decl.fromAll) physicalToLogicalSet.set(physicalProp, {
              lh,
              decl
            });
            else if (!physicalToLogicalSet.has(physicalProp)) physicalToLogicalSet.set(physicalProp, {
              lh,
              decl
            });
          }
        }
        const valuesForContractor = {};
        let anyLogical = false;
        const allLonghands = shorthand.logicalLonghands ? [...shorthand.longhands, ...shorthand.logicalLonghands] : shorthand.longhands;
        for (const lh of allLonghands) {
          const val = longhandValues[lh];
          if (val) {
            valuesForContractor[lh] = val;
            if (hasLogicalKey && resolveLogicalProperty(lh, wm2, dir) !== lh) anyLogical = true;
            if (shorthand.logicalLonghands?.includes(lh)) anyLogical = true;
          }
        }
        const hasAllLonghands = shorthand.longhands.every((lh) => valuesForContractor[lh]);
        const hasAllLogicals = shorthand.logicalLonghands?.every((lh) => valuesForContractor[lh]);
        if (hasAllLonghands) {
          const res = shorthand.contract(valuesForContractor);
          if (res) return res;
        }
        if (hasAllLogicals && anyLogical) {
          let res = shorthand.contract(valuesForContractor);
          if (res && !res.startsWith("logical") && LOGICAL_SHORTHANDS.has(property) && !CSS_WIDE_KEYWORDS.has(res.trim().toLowerCase())) res = "logical " + res;
          return res || "";
        }
      }
      return self._serializeDirectShorthand(property, shorthand);
    } else if (property in SHORTHANDS_DATA) {
      const shorthandLonghands = SHORTHANDS_DATA[property];
      if (shorthandLonghands && shorthandLonghands.length > 0) {
        let allCssWide = null;
        let allMatch = true;
        let firstPrio = null;
        let allSamePriority = true;
        for (const lh of shorthandLonghands) {
          if (map && !map.has("all") && !map.has(lh) && !(lh in SHORTHANDS) && !(lh in SHORTHANDS_DATA)) {
            allMatch = false;
            break;
          }
          const val = self.getPropertyValue(lh);
          if (!val) {
            allMatch = false;
            break;
          }
          const trimmed = val.trim().toLowerCase();
          if (CSS_WIDE_KEYWORDS.has(trimmed)) {
            const prio = self.getPropertyPriority(lh);
            if (firstPrio === null) firstPrio = prio;
            else if (firstPrio !== prio) allSamePriority = false;
            if (allCssWide === null) allCssWide = trimmed;
            else if (allCssWide !== trimmed) {
              allMatch = false;
              break;
            }
          } else {
            allMatch = false;
            break;
          }
        }
        if (allMatch && allCssWide && allSamePriority) return allCssWide;
      }
    }
    const winner = self._getWinningDeclaration(property);
    if (winner) {
      if (winner.name === "all") return serialize(winner.value);
      const isCustom = winner.name.startsWith("--");
      if (isCustom) {
        if (winner.raw !== void 0 && winner.raw.includes("/*")) return winner.raw.trim();
        const serialized = serialize(winner.value, isCustom).trim();
        if (serialized === "") return " ";
        return serialized;
      }
      if (winner.name === "font-family") return serializeFontFamily(winner.value);
      if (winner.name === "flex-basis" && serialize(winner.value).trim() === "0") return "0px";
      return serialize(winner.value, isCustom);
    }
    return "";
  }
  /** @internal */
  _getExactWinningDeclaration(property) {
    const self = unwrapStyle(this);
    if (!property.startsWith("--")) property = property.toLowerCase();
    const exact = self._declMap.get(property);
    const allDecl = !property.startsWith("--") && property !== "direction" && property !== "unicode-bidi" && property !== "all" ? self._declMap.get("all") : void 0;
    if (!allDecl) return exact ?? null;
    if (!exact) return allDecl;
    if (exact.important !== allDecl.important) return exact.important ? exact : allDecl;
    return self._declarations.indexOf(allDecl) > self._declarations.indexOf(exact) ? allDecl : exact;
  }
  /** @internal */
  _getWinningDeclaration(property) {
    const self = unwrapStyle(this);
    const exact = self._getExactWinningDeclaration(property);
    if (!exact) return null;
    const shorthands = LONGHAND_TO_SHORTHAND[property];
    if (shorthands && !exact.important) {
      let exactIdx = -1;
      for (const sh of shorthands) {
        const shDecl = self._declMap.get(sh);
        if (shDecl) {
          if (shDecl.important) return null;
          if (exactIdx === -1) exactIdx = self._declarations.indexOf(exact);
          if (self._declarations.indexOf(shDecl) > exactIdx) return null;
        }
      }
    }
    return exact;
  }
  getPropertyPriority(property) {
    const self = unwrapStyle(this);
    if (!property.startsWith("--")) property = property.toLowerCase();
    const shorthand = SHORTHANDS[property];
    if (shorthand) {
      if (self.getPropertyValue(property) === "") return "";
      const checkSet = (longhands) => {
        let importantCount = 0;
        const values = {};
        for (const lh of longhands) {
          const item = self._getLonghandForContraction(lh);
          if (item && item.value.length > 0) {
            values[lh] = item.value;
            if (item.important) importantCount++;
          }
        }
        return {
          importantCount,
          values
        };
      };
      for (const set of [
        shorthand.longhands,
        shorthand.logicalLonghands,
        shorthand.physicalLonghands
      ]) if (set && set.length > 0) {
        const res = checkSet(set);
        if (res.importantCount === set.length && shorthand.contract(res.values)) return "important";
      }
      const directDecl = self._getWinningDeclaration(property);
      if (directDecl && directDecl.important) return "important";
      return "";
    }
    const winner = self._getWinningDeclaration(property);
    return winner && winner.important ? "important" : "";
  }
  setProperty(property, value, priority = "") {
    this._setPropertyInternal(property, value, priority, true, false);
  }
  /** @internal */
  _setPropertyInternal(property, value, priority = "", notify = true, fromAll = false) {
    if (this._readonly) throw new DOMException("Modification is disallowed", "NoModificationAllowedError");
    if (property === "--") return;
    if (property.startsWith("--") && !this._allowCustomProperties) return;
    if (!property.startsWith("--")) property = property.toLowerCase();
    if (!property.startsWith("--") && !this._isPropertySupported(property)) return;
    const normalizedPriority = (priority ?? "").trim().toLowerCase();
    if (normalizedPriority !== "" && normalizedPriority !== "important") return;
    const isImportant = normalizedPriority === "important";
    if (isImportant && !this._allowImportant) return;
    if (value === null || value === "") {
      this.removeProperty(property);
      return;
    }
    if (value === void 0 && !property.startsWith("--") && !CUSTOM_IDENT_PROPERTIES.has(property)) return;
    const valueStr = typeof value === "string" ? value : String(value);
    const tokens = tokenize(valueStr, property === "unicode-range");
    if (tokens.some((t) => t.type === "bad-string" || t.type === "bad-url")) return;
    const compVals = parseComponentValues(tokens);
    if (property.startsWith("--")) {
      if (!isValidDashedIdent(property) || !validateCustomPropertyValue(compVals)) return;
    } else {
      if (!validateDeclarationValue(compVals)) return;
      if (ParseHooks.validatePropertyValue && !ParseHooks.validatePropertyValue(property, valueStr, value)) return;
    }
    if (property === "all") {
      this._declarations = this._declarations.filter((d) => d.name !== "all");
      this._declMap.delete("all");
    }
    const shorthand = SHORTHANDS[property];
    if (shorthand) {
      const hasVar = valueStr.includes("var(") || valueStr.includes("env(");
      if (!hasVar) {
        const expanded = shorthand.expand(compVals);
        if (expanded) {
          if (ParseHooks.validatePropertyValue) {
            for (const [lh, val] of Object.entries(expanded)) if (!ParseHooks.validatePropertyValue(lh, serialize(val), val)) return;
          }
          for (const [lh, val] of Object.entries(expanded)) this._setPropertyInternal(lh, serialize(val), normalizedPriority, false, property === "all" || fromAll);
          if (notify) {
            const allLh = getShorthandAllLonghands(shorthand);
            this._rawDeclarations = this._rawDeclarations.filter((d) => d.name !== property && !allLh.includes(d.name));
            this._rawDeclarations.push({
              type: "declaration",
              name: property,
              value: compVals,
              important: isImportant
            });
            this._onChange?.();
          }
          return;
        }
      }
      if (hasVar && validateDeclarationValue(compVals)) for (const lh of shorthand.longhands) this.removeProperty(lh);
      else if (!shorthand.stub) return;
    }
    const existing = this._declMap.get(property);
    if (property === "unicode-range") {
      const assembled = assembleUnicodeRanges(compVals);
      if (!assembled) return;
      compVals.splice(0, compVals.length, ...assembled);
    }
    if (existing) {
      existing.value = compVals;
      existing.important = isImportant;
      existing.fromAll = fromAll;
      if (property.startsWith("--")) existing.raw = valueStr ?? void 0;
      const idx = this._declarations.indexOf(existing);
      if (idx !== -1) {
        const info = LOGICAL_PROPERTY_INFO[property];
        if (this._declarations.slice(idx + 1).some((d) => {
          if (d.name === "all") return true;
          if (!info) return false;
          const otherInfo = LOGICAL_PROPERTY_INFO[d.name];
          return otherInfo && otherInfo.group === info.group && otherInfo.logic !== info.logic;
        })) {
          this._declarations.splice(idx, 1);
          this._declarations.push(existing);
        }
      }
    } else {
      const decl = {
        type: "declaration",
        name: property,
        value: compVals,
        important: isImportant,
        fromAll: fromAll || void 0,
        raw: property.startsWith("--") ? valueStr ?? void 0 : void 0
      };
      this._declarations.push(decl);
      this._declMap.set(property, decl);
    }
    if (notify) {
      this._rawDeclarations = this._rawDeclarations.filter((d) => d.name !== property);
      this._rawDeclarations.push({
        type: "declaration",
        name: property,
        value: compVals,
        important: isImportant,
        raw: property.startsWith("--") ? valueStr ?? void 0 : void 0
      });
      this._onChange?.();
    }
  }
  removeProperty(property) {
    if (this._readonly) throw new DOMException("Modification is disallowed", "NoModificationAllowedError");
    if (!property.startsWith("--")) property = property.toLowerCase();
    if (property === "all") {
      const value2 = this.getPropertyValue("all");
      const isRetained = (name) => name === "direction" || name === "unicode-bidi" || name.startsWith("--");
      const prevLen = this._declarations.length;
      this._rawDeclarations = this._rawDeclarations.filter((d) => isRetained(d.name));
      this._declarations = this._declarations.filter((d) => {
        if (!isRetained(d.name)) {
          this._declMap.delete(d.name);
          return false;
        }
        return true;
      });
      if (this._declarations.length !== prevLen) this._onChange?.();
      return value2;
    }
    const shorthand = SHORTHANDS[property];
    const propsToRemove = shorthand ? [
      property,
      ...shorthand.longhands,
      ...shorthand.logicalLonghands ?? []
    ] : [property];
    const value = this.getPropertyValue(property);
    const removeSet = new Set(propsToRemove);
    this._rawDeclarations = this._rawDeclarations.filter((d) => !removeSet.has(d.name));
    let changed = false;
    for (const p of propsToRemove) {
      const decl = this._declMap.get(p);
      if (decl) {
        const idx = this._declarations.indexOf(decl);
        if (idx !== -1) this._declarations.splice(idx, 1);
        this._declMap.delete(p);
        changed = true;
      }
    }
    if (changed) this._onChange?.();
    return value;
  }
  get cssText() {
    if (this._declarations.length === 0) return "";
    return serializeDeclarations(this._declarations);
  }
  _applyCssText(value) {
    const tokens = tokenize(value);
    let newStyle;
    try {
      newStyle = parseStyleAttribute(tokens);
    } catch {
      return false;
    }
    if (!newStyle) return false;
    this._declarations.length = 0;
    this._rawDeclarations = newStyle._rawDeclarations.filter((d) => {
      if (d.important && !this._allowImportant) return false;
      if (d.name.startsWith("--")) return this._allowCustomProperties;
      return this._isPropertySupported(d.name.toLowerCase());
    });
    this._declMap.clear();
    for (const d of newStyle._declarations) this._ingestDeclaration(d, true, false);
    return true;
  }
  set cssText(value) {
    if (this._readonly) throw new DOMException("Modification is disallowed", "NoModificationAllowedError");
    if (this._applyCssText(value)) this._onChange?.(true);
  }
  /** @internal */
  _isPropertySupported(property) {
    return SUPPORTED_PROPERTIES.has(property);
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.item(i);
  }
};
applyWebIDLInterface(CSSStyleDeclaration2);
var CSSKeyframeStyleDeclaration = class extends CSSStyleDeclaration2 {
  /** @internal */
  get _filterDeclarationsInConstructor() {
    return true;
  }
  /** @internal */
  _isPropertySupported(property) {
    return property !== "animation-name" && super._isPropertySupported(property);
  }
};
var CSSFontFaceDescriptors = class extends CSSStyleDeclaration2 {
  /** @internal */
  _isPropertySupported(property) {
    return super._isPropertySupported(property) || FONT_FACE_DESCRIPTORS.has(property);
  }
};
var PAGE_DESCRIPTORS_INTERNAL = /* @__PURE__ */ Symbol("CSSPageDescriptors.internal");
var CSSPageDescriptors = class extends CSSStyleDeclaration2 {
  /** @internal */
  get _filterDeclarationsInConstructor() {
    return true;
  }
  constructor(declarations, internalToken) {
    if (internalToken !== PAGE_DESCRIPTORS_INTERNAL) throw new TypeError("Illegal constructor");
    super(declarations);
  }
  /** @internal */
  _isPropertySupported(property) {
    return PAGE_ALLOWED_PROPERTIES.has(property);
  }
};
function defineDescriptorProperties(proto, dashedProps, skip) {
  for (const cssProp of dashedProps) {
    if (cssProp === skip) continue;
    const desc = {
      get() {
        return this.getPropertyValue(cssProp);
      },
      set(val) {
        this.setProperty(cssProp, val === null || val === void 0 ? "" : String(val));
      },
      enumerable: true,
      configurable: true
    };
    Object.defineProperty(proto, cssProp, desc);
    if (cssProp.includes("-")) Object.defineProperty(proto, cssProp.replace(/-([a-z])/g, (_, c) => c.toUpperCase()), desc);
  }
}
defineDescriptorProperties(CSSPageDescriptors.prototype, PAGE_DESCRIPTOR_PROPERTIES);
var CSSPositionTryDescriptors = class extends CSSStyleDeclaration2 {
  /** @internal */
  get _filterDeclarationsInConstructor() {
    return true;
  }
  /** @internal */
  get _allowCustomProperties() {
    return false;
  }
  /** @internal */
  get _allowImportant() {
    return false;
  }
  constructor(declarations, internalToken) {
    if (internalToken !== PAGE_DESCRIPTORS_INTERNAL) throw new TypeError("Illegal constructor");
    super(declarations);
  }
  /** @internal */
  _isPropertySupported(property) {
    return POSITION_TRY_ALLOWED_PROPERTIES.has(property);
  }
};
defineDescriptorProperties(CSSPositionTryDescriptors.prototype, POSITION_TRY_ALLOWED_PROPERTIES, "inset-area");
var CSSMarginDescriptors = class extends CSSStyleDeclaration2 {
};
applyWebIDLInterface(CSSFontFaceDescriptors);
applyWebIDLInterface(CSSPageDescriptors);
applyWebIDLInterface(CSSPositionTryDescriptors);
applyWebIDLInterface(CSSMarginDescriptors);

// node_modules/linkedom/esm/html/style-element.js
var tagName4 = "style";
var HTMLStyleElement = class extends TextElement {
  constructor(ownerDocument, localName = tagName4) {
    super(ownerDocument, localName);
    this[SHEET] = null;
  }
  get sheet() {
    const sheet = this[SHEET];
    if (sheet !== null) {
      return sheet;
    }
    return this[SHEET] = parse3(this.textContent);
  }
  get innerHTML() {
    return super.innerHTML || "";
  }
  set innerHTML(value) {
    super.textContent = value;
    this[SHEET] = null;
  }
  get innerText() {
    return super.innerText || "";
  }
  set innerText(value) {
    super.textContent = value;
    this[SHEET] = null;
  }
  get textContent() {
    return super.textContent || "";
  }
  set textContent(value) {
    super.textContent = value;
    this[SHEET] = null;
  }
};
registerHTMLClass(tagName4, HTMLStyleElement);

// node_modules/linkedom/esm/html/time-element.js
var HTMLTimeElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "time") {
    super(ownerDocument, localName);
  }
  /**
   * @type {string}
   */
  get dateTime() {
    return stringAttribute.get(this, "datetime");
  }
  set dateTime(value) {
    stringAttribute.set(this, "datetime", value);
  }
};
registerHTMLClass("time", HTMLTimeElement);

// node_modules/linkedom/esm/html/field-set-element.js
var HTMLFieldSetElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "fieldset") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/embed-element.js
var HTMLEmbedElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "embed") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/hr-element.js
var HTMLHRElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "hr") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/progress-element.js
var HTMLProgressElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "progress") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/paragraph-element.js
var HTMLParagraphElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "p") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/table-element.js
var HTMLTableElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "table") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/frame-set-element.js
var HTMLFrameSetElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "frameset") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/li-element.js
var HTMLLIElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "li") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/base-element.js
var HTMLBaseElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "base") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/data-list-element.js
var HTMLDataListElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "datalist") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/input-element.js
var tagName5 = "input";
var HTMLInputElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName5) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get autofocus() {
    return booleanAttribute.get(this, "autofocus") || -1;
  }
  set autofocus(value) {
    booleanAttribute.set(this, "autofocus", value);
  }
  get disabled() {
    return booleanAttribute.get(this, "disabled");
  }
  set disabled(value) {
    booleanAttribute.set(this, "disabled", value);
  }
  get name() {
    return this.getAttribute("name");
  }
  set name(value) {
    this.setAttribute("name", value);
  }
  get placeholder() {
    return this.getAttribute("placeholder");
  }
  set placeholder(value) {
    this.setAttribute("placeholder", value);
  }
  get type() {
    return this.getAttribute("type");
  }
  set type(value) {
    this.setAttribute("type", value);
  }
  get value() {
    return stringAttribute.get(this, "value");
  }
  set value(value) {
    stringAttribute.set(this, "value", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName5, HTMLInputElement);

// node_modules/linkedom/esm/html/param-element.js
var HTMLParamElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "param") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/media-element.js
var HTMLMediaElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "media") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/audio-element.js
var HTMLAudioElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "audio") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/heading-element.js
var tagName6 = "h1";
var HTMLHeadingElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName6) {
    super(ownerDocument, localName);
  }
};
registerHTMLClass([tagName6, "h2", "h3", "h4", "h5", "h6"], HTMLHeadingElement);

// node_modules/linkedom/esm/html/directory-element.js
var HTMLDirectoryElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "dir") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/quote-element.js
var HTMLQuoteElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "quote") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/canvas-element.js
var import_canvas = __toESM(require_canvas(), 1);
var { createCanvas } = import_canvas.default;
var tagName7 = "canvas";
var HTMLCanvasElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName7) {
    super(ownerDocument, localName);
    this[IMAGE] = createCanvas(300, 150);
  }
  get width() {
    return this[IMAGE].width;
  }
  set width(value) {
    numericAttribute.set(this, "width", value);
    this[IMAGE].width = value;
  }
  get height() {
    return this[IMAGE].height;
  }
  set height(value) {
    numericAttribute.set(this, "height", value);
    this[IMAGE].height = value;
  }
  getContext(type) {
    return this[IMAGE].getContext(type);
  }
  toDataURL(...args) {
    return this[IMAGE].toDataURL(...args);
  }
};
registerHTMLClass(tagName7, HTMLCanvasElement);

// node_modules/linkedom/esm/html/legend-element.js
var HTMLLegendElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "legend") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/option-element.js
var tagName8 = "option";
var HTMLOptionElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName8) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get value() {
    return stringAttribute.get(this, "value");
  }
  set value(value) {
    stringAttribute.set(this, "value", value);
  }
  /* c8 ignore stop */
  get selected() {
    return booleanAttribute.get(this, "selected");
  }
  set selected(value) {
    const option = this.parentElement?.querySelector("option[selected]");
    if (option && option !== this)
      option.selected = false;
    booleanAttribute.set(this, "selected", value);
  }
};
registerHTMLClass(tagName8, HTMLOptionElement);

// node_modules/linkedom/esm/html/span-element.js
var HTMLSpanElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "span") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/meter-element.js
var HTMLMeterElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "meter") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/video-element.js
var HTMLVideoElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "video") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/table-cell-element.js
var HTMLTableCellElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "td") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/title-element.js
var tagName9 = "title";
var HTMLTitleElement = class extends TextElement {
  constructor(ownerDocument, localName = tagName9) {
    super(ownerDocument, localName);
  }
};
registerHTMLClass(tagName9, HTMLTitleElement);

// node_modules/linkedom/esm/html/output-element.js
var HTMLOutputElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "output") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/table-row-element.js
var HTMLTableRowElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "tr") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/data-element.js
var HTMLDataElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "data") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/menu-element.js
var HTMLMenuElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "menu") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/select-element.js
var tagName10 = "select";
var HTMLSelectElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName10) {
    super(ownerDocument, localName);
  }
  get options() {
    let children = new NodeList();
    let { firstElementChild } = this;
    while (firstElementChild) {
      if (firstElementChild.tagName === "OPTGROUP")
        children.push(...firstElementChild.children);
      else
        children.push(firstElementChild);
      firstElementChild = firstElementChild.nextElementSibling;
    }
    return children;
  }
  /* c8 ignore start */
  get disabled() {
    return booleanAttribute.get(this, "disabled");
  }
  set disabled(value) {
    booleanAttribute.set(this, "disabled", value);
  }
  get name() {
    return this.getAttribute("name");
  }
  set name(value) {
    this.setAttribute("name", value);
  }
  /* c8 ignore stop */
  get value() {
    return this.querySelector("option[selected]")?.value;
  }
};
registerHTMLClass(tagName10, HTMLSelectElement);

// node_modules/linkedom/esm/html/br-element.js
var HTMLBRElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "br") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/button-element.js
var tagName11 = "button";
var HTMLButtonElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName11) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get disabled() {
    return booleanAttribute.get(this, "disabled");
  }
  set disabled(value) {
    booleanAttribute.set(this, "disabled", value);
  }
  get name() {
    return this.getAttribute("name");
  }
  set name(value) {
    this.setAttribute("name", value);
  }
  get type() {
    return this.getAttribute("type");
  }
  set type(value) {
    this.setAttribute("type", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName11, HTMLButtonElement);

// node_modules/linkedom/esm/html/map-element.js
var HTMLMapElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "map") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/opt-group-element.js
var HTMLOptGroupElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "optgroup") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/d-list-element.js
var HTMLDListElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "dl") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/text-area-element.js
var tagName12 = "textarea";
var HTMLTextAreaElement = class extends TextElement {
  constructor(ownerDocument, localName = tagName12) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get disabled() {
    return booleanAttribute.get(this, "disabled");
  }
  set disabled(value) {
    booleanAttribute.set(this, "disabled", value);
  }
  get name() {
    return this.getAttribute("name");
  }
  set name(value) {
    this.setAttribute("name", value);
  }
  get placeholder() {
    return this.getAttribute("placeholder");
  }
  set placeholder(value) {
    this.setAttribute("placeholder", value);
  }
  get type() {
    return this.getAttribute("type");
  }
  set type(value) {
    this.setAttribute("type", value);
  }
  get value() {
    return this.textContent;
  }
  set value(content) {
    this.textContent = content;
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName12, HTMLTextAreaElement);

// node_modules/linkedom/esm/html/font-element.js
var HTMLFontElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "font") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/div-element.js
var HTMLDivElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "div") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/link-element.js
var tagName13 = "link";
var HTMLLinkElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName13) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  // copy paste from img.src, already covered
  get disabled() {
    return booleanAttribute.get(this, "disabled");
  }
  set disabled(value) {
    booleanAttribute.set(this, "disabled", value);
  }
  get href() {
    return stringAttribute.get(this, "href").trim();
  }
  set href(value) {
    stringAttribute.set(this, "href", value);
  }
  get hreflang() {
    return stringAttribute.get(this, "hreflang");
  }
  set hreflang(value) {
    stringAttribute.set(this, "hreflang", value);
  }
  get media() {
    return stringAttribute.get(this, "media");
  }
  set media(value) {
    stringAttribute.set(this, "media", value);
  }
  get rel() {
    return stringAttribute.get(this, "rel");
  }
  set rel(value) {
    stringAttribute.set(this, "rel", value);
  }
  get type() {
    return stringAttribute.get(this, "type");
  }
  set type(value) {
    stringAttribute.set(this, "type", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName13, HTMLLinkElement);

// node_modules/linkedom/esm/html/slot-element.js
var tagName14 = "slot";
var HTMLSlotElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName14) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get name() {
    return this.getAttribute("name");
  }
  set name(value) {
    this.setAttribute("name", value);
  }
  assign() {
  }
  assignedNodes(options) {
    const isNamedSlot = !!this.name;
    const hostChildNodes = this.getRootNode().host?.childNodes ?? [];
    let slottables;
    if (isNamedSlot) {
      slottables = [...hostChildNodes].filter((node) => node.slot === this.name);
    } else {
      slottables = [...hostChildNodes].filter((node) => !node.slot);
    }
    if (options?.flatten) {
      const result = [];
      for (let slottable of slottables) {
        if (slottable.localName === "slot") {
          result.push(...slottable.assignedNodes({ flatten: true }));
        } else {
          result.push(slottable);
        }
      }
      slottables = result;
    }
    return slottables.length ? slottables : [...this.childNodes];
  }
  assignedElements(options) {
    const slottables = this.assignedNodes(options).filter((n) => n.nodeType === 1);
    return slottables.length ? slottables : [...this.children];
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName14, HTMLSlotElement);

// node_modules/linkedom/esm/html/form-element.js
var HTMLFormElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "form") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/image-element.js
var tagName15 = "img";
var HTMLImageElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName15) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get alt() {
    return stringAttribute.get(this, "alt");
  }
  set alt(value) {
    stringAttribute.set(this, "alt", value);
  }
  get sizes() {
    return stringAttribute.get(this, "sizes");
  }
  set sizes(value) {
    stringAttribute.set(this, "sizes", value);
  }
  get src() {
    return stringAttribute.get(this, "src");
  }
  set src(value) {
    stringAttribute.set(this, "src", value);
  }
  get srcset() {
    return stringAttribute.get(this, "srcset");
  }
  set srcset(value) {
    stringAttribute.set(this, "srcset", value);
  }
  get title() {
    return stringAttribute.get(this, "title");
  }
  set title(value) {
    stringAttribute.set(this, "title", value);
  }
  get width() {
    return numericAttribute.get(this, "width");
  }
  set width(value) {
    numericAttribute.set(this, "width", value);
  }
  get height() {
    return numericAttribute.get(this, "height");
  }
  set height(value) {
    numericAttribute.set(this, "height", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName15, HTMLImageElement);

// node_modules/linkedom/esm/html/pre-element.js
var HTMLPreElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "pre") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/u-list-element.js
var HTMLUListElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "ul") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/meta-element.js
var tagName16 = "meta";
var HTMLMetaElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName16) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get name() {
    return stringAttribute.get(this, "name");
  }
  set name(value) {
    stringAttribute.set(this, "name", value);
  }
  get httpEquiv() {
    return stringAttribute.get(this, "http-equiv");
  }
  set httpEquiv(value) {
    stringAttribute.set(this, "http-equiv", value);
  }
  get content() {
    return stringAttribute.get(this, "content");
  }
  set content(value) {
    stringAttribute.set(this, "content", value);
  }
  get charset() {
    return stringAttribute.get(this, "charset");
  }
  set charset(value) {
    stringAttribute.set(this, "charset", value);
  }
  get media() {
    return stringAttribute.get(this, "media");
  }
  set media(value) {
    stringAttribute.set(this, "media", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName16, HTMLMetaElement);

// node_modules/linkedom/esm/html/picture-element.js
var HTMLPictureElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "picture") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/area-element.js
var HTMLAreaElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "area") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/o-list-element.js
var HTMLOListElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "ol") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/table-caption-element.js
var HTMLTableCaptionElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "caption") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/anchor-element.js
var tagName17 = "a";
var HTMLAnchorElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName17) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  // copy paste from img.src, already covered
  get href() {
    return encodeURI(decodeURI(stringAttribute.get(this, "href"))).trim();
  }
  set href(value) {
    stringAttribute.set(this, "href", decodeURI(value));
  }
  get download() {
    return encodeURI(decodeURI(stringAttribute.get(this, "download")));
  }
  set download(value) {
    stringAttribute.set(this, "download", decodeURI(value));
  }
  get target() {
    return stringAttribute.get(this, "target");
  }
  set target(value) {
    stringAttribute.set(this, "target", value);
  }
  get type() {
    return stringAttribute.get(this, "type");
  }
  set type(value) {
    stringAttribute.set(this, "type", value);
  }
  get rel() {
    return stringAttribute.get(this, "rel");
  }
  set rel(value) {
    stringAttribute.set(this, "rel", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName17, HTMLAnchorElement);

// node_modules/linkedom/esm/html/label-element.js
var HTMLLabelElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "label") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/unknown-element.js
var HTMLUnknownElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "unknown") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/mod-element.js
var HTMLModElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "mod") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/details-element.js
var HTMLDetailsElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "details") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/source-element.js
var tagName18 = "source";
var HTMLSourceElement = class extends HTMLElement {
  constructor(ownerDocument, localName = tagName18) {
    super(ownerDocument, localName);
  }
  /* c8 ignore start */
  get src() {
    return stringAttribute.get(this, "src");
  }
  set src(value) {
    stringAttribute.set(this, "src", value);
  }
  get srcset() {
    return stringAttribute.get(this, "srcset");
  }
  set srcset(value) {
    stringAttribute.set(this, "srcset", value);
  }
  get sizes() {
    return stringAttribute.get(this, "sizes");
  }
  set sizes(value) {
    stringAttribute.set(this, "sizes", value);
  }
  get type() {
    return stringAttribute.get(this, "type");
  }
  set type(value) {
    stringAttribute.set(this, "type", value);
  }
  /* c8 ignore stop */
};
registerHTMLClass(tagName18, HTMLSourceElement);

// node_modules/linkedom/esm/html/track-element.js
var HTMLTrackElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "track") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/html/marquee-element.js
var HTMLMarqueeElement = class extends HTMLElement {
  constructor(ownerDocument, localName = "marquee") {
    super(ownerDocument, localName);
  }
};

// node_modules/linkedom/esm/shared/html-classes.js
var HTMLClasses = {
  HTMLElement,
  HTMLTemplateElement,
  HTMLHtmlElement,
  HTMLScriptElement,
  HTMLFrameElement,
  HTMLIFrameElement,
  HTMLObjectElement,
  HTMLHeadElement,
  HTMLBodyElement,
  HTMLStyleElement,
  HTMLTimeElement,
  HTMLFieldSetElement,
  HTMLEmbedElement,
  HTMLHRElement,
  HTMLProgressElement,
  HTMLParagraphElement,
  HTMLTableElement,
  HTMLFrameSetElement,
  HTMLLIElement,
  HTMLBaseElement,
  HTMLDataListElement,
  HTMLInputElement,
  HTMLParamElement,
  HTMLMediaElement,
  HTMLAudioElement,
  HTMLHeadingElement,
  HTMLDirectoryElement,
  HTMLQuoteElement,
  HTMLCanvasElement,
  HTMLLegendElement,
  HTMLOptionElement,
  HTMLSpanElement,
  HTMLMeterElement,
  HTMLVideoElement,
  HTMLTableCellElement,
  HTMLTitleElement,
  HTMLOutputElement,
  HTMLTableRowElement,
  HTMLDataElement,
  HTMLMenuElement,
  HTMLSelectElement,
  HTMLBRElement,
  HTMLButtonElement,
  HTMLMapElement,
  HTMLOptGroupElement,
  HTMLDListElement,
  HTMLTextAreaElement,
  HTMLFontElement,
  HTMLDivElement,
  HTMLLinkElement,
  HTMLSlotElement,
  HTMLFormElement,
  HTMLImageElement,
  HTMLPreElement,
  HTMLUListElement,
  HTMLMetaElement,
  HTMLPictureElement,
  HTMLAreaElement,
  HTMLOListElement,
  HTMLTableCaptionElement,
  HTMLAnchorElement,
  HTMLLabelElement,
  HTMLUnknownElement,
  HTMLModElement,
  HTMLDetailsElement,
  HTMLSourceElement,
  HTMLTrackElement,
  HTMLMarqueeElement
};

// node_modules/linkedom/esm/shared/mime.js
var voidElements3 = { test: () => true };
var Mime = {
  "text/html": {
    docType: "<!DOCTYPE html>",
    ignoreCase: true,
    voidElements: /^(?:area|base|br|col|embed|hr|img|input|keygen|link|menuitem|meta|param|source|track|wbr)$/i
  },
  "image/svg+xml": {
    docType: '<?xml version="1.0" encoding="utf-8"?>',
    ignoreCase: false,
    voidElements: voidElements3
  },
  "text/xml": {
    docType: '<?xml version="1.0" encoding="utf-8"?>',
    ignoreCase: false,
    voidElements: voidElements3
  },
  "application/xml": {
    docType: '<?xml version="1.0" encoding="utf-8"?>',
    ignoreCase: false,
    voidElements: voidElements3
  },
  "application/xhtml+xml": {
    docType: '<?xml version="1.0" encoding="utf-8"?>',
    ignoreCase: false,
    voidElements: voidElements3
  }
};

// node_modules/linkedom/esm/interface/custom-event.js
var CustomEvent = class extends GlobalEvent {
  constructor(type, eventInitDict = {}) {
    super(type, eventInitDict);
    this.detail = eventInitDict.detail;
  }
};

// node_modules/linkedom/esm/interface/input-event.js
var InputEvent = class extends GlobalEvent {
  constructor(type, inputEventInit = {}) {
    super(type, inputEventInit);
    this.inputType = inputEventInit.inputType;
    this.data = inputEventInit.data;
    this.dataTransfer = inputEventInit.dataTransfer;
    this.isComposing = inputEventInit.isComposing || false;
    this.ranges = inputEventInit.ranges;
  }
};

// node_modules/linkedom/esm/interface/image.js
var ImageClass = (ownerDocument) => (
  /**
   * @implements globalThis.Image
   */
  class Image extends HTMLImageElement {
    constructor(width, height) {
      super(ownerDocument);
      switch (arguments.length) {
        case 1:
          this.height = width;
          this.width = width;
          break;
        case 2:
          this.height = height;
          this.width = width;
          break;
      }
    }
  }
);

// node_modules/linkedom/esm/interface/range.js
var deleteContents = ({ [START]: start, [END]: end }, fragment = null) => {
  setAdjacent(start[PREV], end[NEXT]);
  do {
    const after2 = getEnd(start);
    const next = after2 === end ? after2 : after2[NEXT];
    if (fragment)
      fragment.insertBefore(start, fragment[END]);
    else
      start.remove();
    start = next;
  } while (start !== end);
};
var Range = class _Range {
  constructor() {
    this[START] = null;
    this[END] = null;
    this.commonAncestorContainer = null;
  }
  /* TODO: this is more complicated than it looks
    setStart(node, offset) {
      this[START] = node.childNodes[offset];
    }
  
    setEnd(node, offset) {
      this[END] = getEnd(node.childNodes[offset]);
    }
    //*/
  insertNode(newNode) {
    this[END].parentNode.insertBefore(newNode, this[START]);
  }
  selectNode(node) {
    this[START] = node;
    this[END] = getEnd(node);
  }
  // TODO: SVG elements should then create contextual fragments
  //       that return SVG nodes
  selectNodeContents(node) {
    this.selectNode(node);
    this.commonAncestorContainer = node;
  }
  surroundContents(parentNode) {
    parentNode.replaceChildren(this.extractContents());
  }
  setStartBefore(node) {
    this[START] = node;
  }
  setStartAfter(node) {
    this[START] = node.nextSibling;
  }
  setEndBefore(node) {
    this[END] = getEnd(node.previousSibling);
  }
  setEndAfter(node) {
    this[END] = getEnd(node);
  }
  cloneContents() {
    let { [START]: start, [END]: end } = this;
    const fragment = start.ownerDocument.createDocumentFragment();
    while (start !== end) {
      fragment.insertBefore(start.cloneNode(true), fragment[END]);
      start = getEnd(start);
      if (start !== end)
        start = start[NEXT];
    }
    return fragment;
  }
  deleteContents() {
    deleteContents(this);
  }
  extractContents() {
    const fragment = this[START].ownerDocument.createDocumentFragment();
    deleteContents(this, fragment);
    return fragment;
  }
  createContextualFragment(html) {
    const { commonAncestorContainer: doc } = this;
    const isSVG = "ownerSVGElement" in doc;
    const document = isSVG ? doc.ownerDocument : doc;
    let content = htmlToFragment(document, html);
    if (isSVG) {
      const childNodes = [...content.childNodes];
      content = document.createDocumentFragment();
      Object.setPrototypeOf(content, SVGElement.prototype);
      content.ownerSVGElement = document;
      for (const child of childNodes) {
        Object.setPrototypeOf(child, SVGElement.prototype);
        child.ownerSVGElement = document;
        content.appendChild(child);
      }
    } else
      this.selectNode(content);
    return content;
  }
  cloneRange() {
    const range = new _Range();
    range[START] = this[START];
    range[END] = this[END];
    return range;
  }
};

// node_modules/linkedom/esm/interface/tree-walker.js
var isOK = ({ nodeType }, mask) => {
  switch (nodeType) {
    case ELEMENT_NODE:
      return mask & SHOW_ELEMENT;
    case TEXT_NODE:
      return mask & SHOW_TEXT;
    case COMMENT_NODE:
      return mask & SHOW_COMMENT;
    case CDATA_SECTION_NODE:
      return mask & SHOW_CDATA_SECTION;
  }
  return 0;
};
var TreeWalker = class {
  constructor(root, whatToShow = SHOW_ALL) {
    this.root = root;
    this.currentNode = root;
    this.whatToShow = whatToShow;
    let { [NEXT]: next, [END]: end } = root;
    if (root.nodeType === DOCUMENT_NODE) {
      const { documentElement } = root;
      next = documentElement;
      end = documentElement[END];
    }
    const nodes = [];
    while (next && next !== end) {
      if (isOK(next, whatToShow))
        nodes.push(next);
      next = next[NEXT];
    }
    this[PRIVATE] = { i: 0, nodes };
  }
  nextNode() {
    const $ = this[PRIVATE];
    this.currentNode = $.i < $.nodes.length ? $.nodes[$.i++] : null;
    return this.currentNode;
  }
};

// node_modules/linkedom/esm/interface/document.js
var query = (method, ownerDocument, selectors) => {
  let { [NEXT]: next, [END]: end } = ownerDocument;
  return method.call({ ownerDocument, [NEXT]: next, [END]: end }, selectors);
};
var globalExports = assign(
  {},
  Facades,
  HTMLClasses,
  {
    CustomEvent,
    Event: GlobalEvent,
    EventTarget: DOMEventTarget,
    InputEvent,
    NamedNodeMap,
    NodeList
  }
);
var window = /* @__PURE__ */ new WeakMap();
var Document2 = class extends NonElementParentNode {
  constructor(type) {
    super(null, "#document", DOCUMENT_NODE);
    this[CUSTOM_ELEMENTS] = { active: false, registry: null };
    this[MUTATION_OBSERVER] = { active: false, class: null };
    this[MIME] = Mime[type];
    this[DOCTYPE] = null;
    this[DOM_PARSER] = null;
    this[GLOBALS] = null;
    this[IMAGE] = null;
    this[UPGRADE] = null;
  }
  /**
   * @type {globalThis.Document['defaultView']}
   */
  get defaultView() {
    if (!window.has(this))
      window.set(this, new Proxy(globalThis, {
        set: (target, name, value) => {
          switch (name) {
            case "addEventListener":
            case "removeEventListener":
            case "dispatchEvent":
              this[EVENT_TARGET][name] = value;
              break;
            default:
              target[name] = value;
              break;
          }
          return true;
        },
        get: (globalThis2, name) => {
          switch (name) {
            case "addEventListener":
            case "removeEventListener":
            case "dispatchEvent":
              if (!this[EVENT_TARGET]) {
                const et = this[EVENT_TARGET] = new DOMEventTarget();
                et.dispatchEvent = et.dispatchEvent.bind(et);
                et.addEventListener = et.addEventListener.bind(et);
                et.removeEventListener = et.removeEventListener.bind(et);
              }
              return this[EVENT_TARGET][name];
            case "document":
              return this;
            /* c8 ignore start */
            case "navigator":
              return {
                userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0.4324.150 Safari/537.36"
              };
            /* c8 ignore stop */
            case "window":
              return window.get(this);
            case "customElements":
              if (!this[CUSTOM_ELEMENTS].registry)
                this[CUSTOM_ELEMENTS] = new CustomElementRegistry(this);
              return this[CUSTOM_ELEMENTS];
            case "performance":
              return globalThis2.performance;
            case "DOMParser":
              return this[DOM_PARSER];
            case "Image":
              if (!this[IMAGE])
                this[IMAGE] = ImageClass(this);
              return this[IMAGE];
            case "MutationObserver":
              if (!this[MUTATION_OBSERVER].class)
                this[MUTATION_OBSERVER] = new MutationObserverClass(this);
              return this[MUTATION_OBSERVER].class;
          }
          return this[GLOBALS] && this[GLOBALS][name] || globalExports[name] || globalThis2[name];
        }
      }));
    return window.get(this);
  }
  get doctype() {
    const docType = this[DOCTYPE];
    if (docType)
      return docType;
    const { firstChild } = this;
    if (firstChild && firstChild.nodeType === DOCUMENT_TYPE_NODE)
      return this[DOCTYPE] = firstChild;
    return null;
  }
  set doctype(value) {
    if (/^([a-z:]+)(\s+system|\s+public(\s+"([^"]+)")?)?(\s+"([^"]+)")?/i.test(value)) {
      const { $1: name, $4: publicId, $6: systemId } = RegExp;
      this[DOCTYPE] = new DocumentType(this, name, publicId, systemId);
      knownSiblings(this, this[DOCTYPE], this[NEXT]);
    }
  }
  get documentElement() {
    return this.firstElementChild;
  }
  get isConnected() {
    return true;
  }
  /**
   * @protected
   */
  _getParent() {
    return this[EVENT_TARGET];
  }
  createAttribute(name) {
    return new Attr(this, name);
  }
  createCDATASection(data) {
    return new CDATASection(this, data);
  }
  createComment(textContent3) {
    return new Comment3(this, textContent3);
  }
  createDocumentFragment() {
    return new DocumentFragment(this);
  }
  createDocumentType(name, publicId, systemId) {
    return new DocumentType(this, name, publicId, systemId);
  }
  createElement(localName) {
    return new Element2(this, localName);
  }
  createRange() {
    const range = new Range();
    range.commonAncestorContainer = this;
    return range;
  }
  createTextNode(textContent3) {
    return new Text4(this, textContent3);
  }
  createTreeWalker(root, whatToShow = -1) {
    return new TreeWalker(root, whatToShow);
  }
  createNodeIterator(root, whatToShow = -1) {
    return this.createTreeWalker(root, whatToShow);
  }
  createEvent(name) {
    const event = create(name === "Event" ? new GlobalEvent("") : new CustomEvent(""));
    event.initEvent = event.initCustomEvent = (type, canBubble = false, cancelable = false, detail) => {
      event.bubbles = !!canBubble;
      defineProperties(event, {
        type: { value: type },
        canBubble: { value: canBubble },
        cancelable: { value: cancelable },
        detail: { value: detail }
      });
    };
    return event;
  }
  cloneNode(deep = false) {
    const {
      constructor,
      [CUSTOM_ELEMENTS]: customElements2,
      [DOCTYPE]: doctype
    } = this;
    const document = new constructor();
    document[CUSTOM_ELEMENTS] = customElements2;
    if (deep) {
      const end = document[END];
      const { childNodes } = this;
      for (let { length } = childNodes, i = 0; i < length; i++)
        document.insertBefore(childNodes[i].cloneNode(true), end);
      if (doctype)
        document[DOCTYPE] = childNodes[0];
    }
    return document;
  }
  importNode(externalNode) {
    const deep = 1 < arguments.length && !!arguments[1];
    const node = externalNode.cloneNode(deep);
    const { [CUSTOM_ELEMENTS]: customElements2 } = this;
    const { active } = customElements2;
    const upgrade = (element) => {
      const { ownerDocument, nodeType } = element;
      element.ownerDocument = this;
      if (active && ownerDocument !== this && nodeType === ELEMENT_NODE)
        customElements2.upgrade(element);
    };
    upgrade(node);
    if (deep) {
      switch (node.nodeType) {
        case ELEMENT_NODE:
        case DOCUMENT_FRAGMENT_NODE: {
          let { [NEXT]: next, [END]: end } = node;
          while (next !== end) {
            if (next.nodeType === ELEMENT_NODE)
              upgrade(next);
            next = next[NEXT];
          }
          break;
        }
      }
    }
    return node;
  }
  toString() {
    return this.childNodes.join("");
  }
  querySelector(selectors) {
    return query(super.querySelector, this, selectors);
  }
  querySelectorAll(selectors) {
    return query(super.querySelectorAll, this, selectors);
  }
  /* c8 ignore start */
  getElementsByTagNameNS(_, name) {
    return this.getElementsByTagName(name);
  }
  createAttributeNS(_, name) {
    return this.createAttribute(name);
  }
  createElementNS(nsp, localName, options) {
    return nsp === SVG_NAMESPACE ? new SVGElement(this, localName, null) : this.createElement(localName, options);
  }
  /* c8 ignore stop */
};
setPrototypeOf(
  globalExports.Document = function Document3() {
    illegalConstructor();
  },
  Document2
).prototype = Document2.prototype;

// node_modules/linkedom/esm/html/document.js
var createHTMLElement = (ownerDocument, builtin, localName, options) => {
  if (!builtin && htmlClasses.has(localName)) {
    const Class = htmlClasses.get(localName);
    return new Class(ownerDocument, localName);
  }
  const { [CUSTOM_ELEMENTS]: { active, registry } } = ownerDocument;
  if (active) {
    const ce = builtin ? options.is : localName;
    if (registry.has(ce)) {
      const { Class } = registry.get(ce);
      const element = new Class(ownerDocument, localName);
      customElements.set(element, { connected: false });
      return element;
    }
  }
  return new HTMLElement(ownerDocument, localName);
};
var HTMLDocument = class extends Document2 {
  constructor() {
    super("text/html");
  }
  get all() {
    const nodeList = new NodeList();
    let { [NEXT]: next, [END]: end } = this;
    while (next !== end) {
      switch (next.nodeType) {
        case ELEMENT_NODE:
          nodeList.push(next);
          break;
      }
      next = next[NEXT];
    }
    return nodeList;
  }
  /**
   * @type HTMLHeadElement
   */
  get head() {
    const { documentElement } = this;
    let { firstElementChild } = documentElement;
    if (!firstElementChild || firstElementChild.tagName !== "HEAD") {
      firstElementChild = this.createElement("head");
      documentElement.prepend(firstElementChild);
    }
    return firstElementChild;
  }
  /**
   * @type HTMLBodyElement
   */
  get body() {
    const { head } = this;
    let { nextElementSibling: nextElementSibling4 } = head;
    if (!nextElementSibling4 || nextElementSibling4.tagName !== "BODY") {
      nextElementSibling4 = this.createElement("body");
      head.after(nextElementSibling4);
    }
    return nextElementSibling4;
  }
  /**
   * @type HTMLTitleElement
   */
  get title() {
    const { head } = this;
    return head.getElementsByTagName("title").at(0)?.textContent || "";
  }
  set title(textContent3) {
    const { head } = this;
    let title = head.getElementsByTagName("title").at(0);
    if (title)
      title.textContent = textContent3;
    else {
      head.insertBefore(
        this.createElement("title"),
        head.firstChild
      ).textContent = textContent3;
    }
  }
  createElement(localName, options) {
    const builtin = !!(options && options.is);
    const element = createHTMLElement(this, builtin, localName, options);
    if (builtin)
      element.setAttribute("is", options.is);
    return element;
  }
};

// node_modules/linkedom/esm/svg/document.js
var SVGDocument = class extends Document2 {
  constructor() {
    super("image/svg+xml");
  }
  toString() {
    return this[MIME].docType + super.toString();
  }
};

// node_modules/linkedom/esm/xml/document.js
var XMLDocument = class extends Document2 {
  constructor() {
    super("text/xml");
  }
  toString() {
    return this[MIME].docType + super.toString();
  }
};

// node_modules/linkedom/esm/dom/parser.js
var DOMParser = class _DOMParser {
  /** @typedef {{ "text/html": HTMLDocument, "image/svg+xml": SVGDocument, "text/xml": XMLDocument }} MimeToDoc */
  /**
   * @template {keyof MimeToDoc} MIME
   * @param {string} markupLanguage
   * @param {MIME} mimeType
   * @returns {MimeToDoc[MIME]}
   */
  parseFromString(markupLanguage, mimeType, globals = null) {
    let isHTML = false, document;
    if (mimeType === "text/html") {
      isHTML = true;
      document = new HTMLDocument();
    } else if (mimeType === "image/svg+xml")
      document = new SVGDocument();
    else
      document = new XMLDocument();
    document[DOM_PARSER] = _DOMParser;
    if (globals)
      document[GLOBALS] = globals;
    if (isHTML && markupLanguage === "...")
      markupLanguage = "<!doctype html><html><head></head><body></body></html>";
    return markupLanguage ? parseFromString(document, isHTML, markupLanguage) : document;
  }
};

// node_modules/linkedom/esm/shared/parse-json.js
var { parse: parse4 } = JSON;

// node_modules/linkedom/esm/index.js
var parseHTML = (html, globals = null) => new DOMParser().parseFromString(
  html,
  "text/html",
  globals
).defaultView;
function Document4() {
  illegalConstructor();
}
setPrototypeOf(Document4, Document2).prototype = Document2.prototype;

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
var PAGE_READER_SOURCE = SOURCE;
function pageReadingScript(selectors) {
  return `(${SOURCE})(${JSON.stringify(selectors)})`;
}

// actions/scrape-mls/src/served-html.ts
var reader = new Function("document", `return (${PAGE_READER_SOURCE});`);
function readServedHtml(html, url, selectors) {
  const { document } = parseHTML(html);
  const base = baseUrl(document, url);
  for (const anchor of document.querySelectorAll("a[href]")) {
    const href = anchor.getAttribute("href") ?? "";
    const resolved = URL.parse(href.trim(), base);
    if (resolved !== null) anchor.setAttribute("href", resolved.href);
  }
  return JSON.parse(JSON.stringify(reader(document)(selectors)));
}
function baseUrl(document, url) {
  const declared = document.querySelector("base[href]")?.getAttribute("href");
  if (!declared) return url;
  return URL.parse(declared.trim(), url)?.href ?? url;
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

// actions/scrape-mls/src/http-page.ts
var MAX_SERVED_BYTES = 5 * 1024 * 1024;
var MAX_REDIRECTS = 10;
var PROXY_FAILURE2 = /Proxy connection|ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|socket hang up/i;
function sizeOf(url, response, body) {
  const requestLine = `GET ${url} HTTP/1.1\r
`.length + 400;
  const headers = response.headersArray().reduce((sum, header) => sum + header.name.length + header.value.length + 4, 17);
  return requestLine + headers + body;
}
async function fetchServedPage(api, url, selectors, options) {
  let response;
  let bytes = 0;
  for (let hop = 0, next = url; hop <= MAX_REDIRECTS; hop += 1) {
    try {
      response = await api.get(next, {
        timeout: options.timeoutMs,
        failOnStatusCode: false,
        maxRedirects: 0
      });
    } catch (error) {
      const message = error.message.split("\n")[0] ?? "request failed";
      if (options.proxied && PROXY_FAILURE2.test(message))
        return { kind: "proxy-error", message, fatal: true, bytes };
      if (options.proxied && /Timeout/i.test(message))
        return { kind: "proxy-error", message, fatal: false, bytes };
      return { kind: "error", retryable: true, message, errorClass: "network", bytes };
    }
    if (options.proxied && response.status() === 407) {
      await response.dispose();
      const message = "the proxy refused its credentials (HTTP 407)";
      return { kind: "proxy-error", message, fatal: true, bytes };
    }
    const location = response.headers()["location"];
    if (response.status() < 300 || response.status() >= 400 || location === void 0) break;
    bytes += sizeOf(next, response, 0);
    await response.dispose();
    const admitted2 = admitUrl(location, next, options.scope);
    if (!admitted2.ok) {
      const message = `the page redirects off the site (${admitted2.reason}); not followed`;
      return {
        kind: "error",
        retryable: false,
        message,
        errorClass: "client",
        offSite: true,
        bytes
      };
    }
    next = admitted2.url;
    response = void 0;
  }
  if (response === void 0)
    return {
      kind: "error",
      retryable: false,
      message: `more than ${MAX_REDIRECTS} redirects`,
      errorClass: "client",
      bytes
    };
  const status = response.status();
  const declared = Number(response.headers()["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_SERVED_BYTES) {
    await response.dispose();
    const message = `HTTP ${status}: ${declared} bytes, more than the ${MAX_SERVED_BYTES} a page may have`;
    return { kind: "error", retryable: false, message, errorClass: "client", bytes };
  }
  const body = await response.body();
  bytes += sizeOf(url, response, body.length);
  await response.dispose();
  if (status === 429) return { kind: "rate-limited", retryAfterMs: retryAfter(response), bytes };
  const html = body.toString("utf8");
  const reading = readServedHtml(html, response.url(), selectors);
  const verdict = pageVerdict(status, reading);
  if (verdict !== null) return { ...verdict, bytes };
  return { kind: "ok", status, reading, html, bytes };
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

// actions/scrape-mls/src/page-handlers.ts
async function passCaptchas(ctx, session, page, outcome, stats, abandon) {
  for (let round = 0; outcome.kind === "captcha" && round < 2; round += 1) {
    if (!ctx.captcha)
      return {
        kind: "error",
        retryable: false,
        message: "CAPTCHA page and no captcha-api-key",
        errorClass: "auth"
      };
    const token = await solveRecaptcha(ctx.captcha, outcome.siteKey, page.url(), abandon);
    stats.captchasSolved += 1;
    ctx.logger.info(`session ${session.id}: CAPTCHA solved, continuing`);
    const navigation = page.waitForEvent("response", {
      predicate: (response) => response.request().isNavigationRequest() && response.status() !== 303,
      timeout: ctx.navigationTimeoutMs
    });
    const landed = navigation.catch(() => null);
    await submitCaptchaToken(page, token, ctx.navigationTimeoutMs);
    outcome = await classifyPage(page, await landed, ctx.selectors, ctx);
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

// actions/scrape-mls/src/load-page.ts
async function loadPage(ctx, session, request, stats, abandon) {
  const type = request.kind;
  const plan = ctx.rendering.planFor(type);
  if (plan.mode === "browser")
    return {
      via: "browser",
      outcome: await inBrowser(ctx, session, request, stats, abandon, true)
    };
  const fetched = await fetchServedPage(session.http, request.url, ctx.selectors, {
    timeoutMs: ctx.navigationTimeoutMs,
    scope: ctx.scope,
    proxied: session.proxy !== null
  });
  stats.loads.http += 1;
  ctx.sessions.countHttp(session, fetched.bytes);
  const outcome = fetched;
  const shortfall = shortfallOf(type, outcome);
  const forced = ctx.rendering.setting === "http";
  if (shortfall === null ? !plan.recheck : forced && shortfall !== "captcha")
    return { via: "http", outcome };
  if (shortfall !== null) {
    ctx.rendering.fellShort(type, shortfall);
    ctx.logger.debug(`${request.url}: ${shortfall} over HTTP; loading it in the browser`);
  }
  await ctx.limiter.acquire(ctx.stop);
  const browsed = await inBrowser(ctx, session, request, stats, abandon, false);
  if (shortfall === null && outcome.kind === "ok" && browsed.kind === "ok")
    ctx.rendering.compared(type, readingsAgree(type, outcome.reading, browsed.reading));
  return { via: "browser", outcome: browsed };
}
function shortfallOf(type, outcome) {
  if (outcome.kind === "captcha") return "captcha";
  if (outcome.kind === "blocked") return "blocked";
  if (outcome.kind === "ok" && !httpReadingComplete(type, outcome.reading)) return "incomplete";
  return null;
}
async function inBrowser(ctx, session, request, stats, abandon, learn) {
  const page = await ctx.sessions.page(session);
  stats.loads.browser += 1;
  let outcome = await visitPage(page, request.url, ctx.selectors, {
    scope: ctx.scope,
    timeoutMs: ctx.navigationTimeoutMs,
    pageTimeoutMs: ctx.pageTimeoutMs,
    proxied: session.proxy !== null
  });
  if (outcome.kind === "captcha")
    outcome = await passCaptchas(ctx, session, page, outcome, stats, abandon);
  if (learn && outcome.kind === "ok" && ctx.rendering.setting === "adaptive") {
    const served = readServedHtml(outcome.html, request.url, ctx.selectors);
    ctx.rendering.compared(
      request.kind,
      httpReadingComplete(request.kind, served) && readingsAgree(request.kind, served, outcome.reading)
    );
  }
  return outcome;
}

// actions/scrape-mls/src/page-guard.ts
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

// actions/scrape-mls/src/sessions.ts
var USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
var PAGE_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-language": "en-US,en;q=0.9"
};
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
  /** Bytes through proxies of closed sessions, by how the pages were loaded. */
  closedBytes = { browser: 0, http: 0 };
  /** A new session (no browser yet), or null when proxies are configured and every one is cooling down. */
  async create() {
    const proxy = this.proxies.enabled ? this.proxies.take() : null;
    if (this.proxies.enabled && proxy === null) return null;
    const { request } = await import("../chunks/playwright-core-RY3OSPNU.js");
    const http = await request.newContext({
      userAgent: USER_AGENT,
      extraHTTPHeaders: PAGE_HEADERS,
      proxy: proxyOption(proxy)
    });
    this.#created += 1;
    return {
      id: this.#created,
      proxy,
      http,
      browser: null,
      bytes: { browser: 0, http: 0 },
      errorScore: 0
    };
  }
  /**
   * The session's browser page, opened on first use (launching Chromium if no page has needed it
   * yet) with the cookies plain HTTP has gathered; HTTP then shares the page's cookies.
   */
  async page(session) {
    if (session.browser) return session.browser.page;
    const { proxy } = session;
    const context = await (await this.browser.get()).newContext({
      userAgent: USER_AGENT,
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
      timezoneId: "America/Phoenix",
      storageState: await session.http.storageState(),
      proxy: proxyOption(proxy)
    });
    await context.route("**/*", (route) => guard(route, this.scope));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: BLOCKED_URLS });
    if (proxy) {
      context.on("requestfinished", (request) => {
        void request.sizes().then(
          (sizes) => {
            session.bytes.browser += sizes.requestHeadersSize + sizes.requestBodySize + sizes.responseHeadersSize + sizes.responseBodySize;
          },
          () => void 0
        );
      });
    }
    const standalone = session.http;
    session.browser = { context, page };
    session.http = context.request;
    await standalone.dispose().catch(() => void 0);
    return page;
  }
  /** Counts bytes a page loaded over plain HTTP cost through the session's proxy. */
  countHttp(session, bytes) {
    if (session.proxy) session.bytes.http += bytes;
  }
  /** Ends what the session has under way at once (a stop's grace ran out); close it after. */
  abandon(session) {
    if (session.browser) void session.browser.context.close().catch(() => void 0);
    else void session.http.dispose().catch(() => void 0);
  }
  /** Closes a session; `retire` counts it as retired (blocked or failing). */
  async close(session, retire) {
    if (retire) this.retired += 1;
    this.closedBytes.browser += session.bytes.browser;
    this.closedBytes.http += session.bytes.http;
    const closing = session.browser ? session.browser.context.close() : session.http.dispose();
    await within(closing, CLOSE_TIMEOUT_MS, "context.close").catch(() => void 0);
  }
};
function proxyOption(proxy) {
  return proxy ? { server: proxy.server, username: proxy.username, password: proxy.password } : void 0;
}

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
      for (const session of active) ctx.sessions.abandon(session);
    },
    logger: ctx.logger
  });
  const abandon = grace.abandon;
  const giveUp = async (request, errorClass, reason, shown) => {
    stats.failed += 1;
    stats.errorsByClass[errorClass] += 1;
    ctx.logger.warning(`gave up on ${request.url}: ${reason}`);
    if (shown?.via === "browser" && shown.session.browser)
      await ctx.snapshots.take(shown.session.browser.page, errorClass, ctx.pageTimeoutMs);
    else if (shown?.via === "http" && shown.html !== void 0)
      await ctx.snapshots.keep(shown.html, errorClass);
    await ctx.queue.markFailed(request);
  };
  const again = async (request, errorClass, reason, shown) => {
    if (request.retries >= ctx.maxRetries) return giveUp(request, errorClass, reason, shown);
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
        let shown = null;
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
          const { via, outcome } = await loadPage(ctx, current, request, stats, abandon);
          shown = { session: current, via, html: outcome.kind === "ok" ? outcome.html : void 0 };
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
            await giveUp(request, outcome.errorClass, outcome.message, shown);
          } else if (outcome.kind === "error") {
            await again(request, outcome.errorClass, outcome.message, shown);
            current.errorScore += 1;
            if (current.errorScore >= MAX_ERROR_SCORE) {
              ctx.logger.info(
                `session ${current.id} retired: ${current.errorScore} failures in a row`
              );
              await retire();
            }
          } else {
            await again(request, "auth", "the CAPTCHA kept coming back", shown);
          }
        } catch (error) {
          if (abandon.aborted || error === ctx.stop.reason) {
            ctx.queue.putBack(request);
            return;
          }
          if (error instanceof ListingParseError)
            await giveUp(request, "parse", error.message, shown);
          else if (error instanceof PageUnresponsiveError) {
            stats.unresponsive += 1;
            await giveUp(request, "other", `abandoned: ${error.message}`, null);
            await retire();
          } else {
            const now = session ? { session, via: "browser" } : null;
            if (isRetryable(error)) await again(request, "other", errorMessage(error), now);
            else await giveUp(request, "other", errorMessage(error), now);
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
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";

// actions/scrape-mls/src/append-lines.ts
import { open } from "node:fs/promises";
var AppendLines = class {
  constructor(path) {
    this.path = path;
  }
  path;
  #handle = null;
  #last = Promise.resolve();
  /** Appends `line` (with its newline) after every earlier append. */
  append(line) {
    const written = this.#last.then(async () => {
      this.#handle ??= open(this.path, "a");
      await (await this.#handle).write(line);
    });
    this.#last = written.catch(() => void 0);
    return written;
  }
  /** Waits for the appends under way and closes the file; a later append opens it again. */
  async close() {
    await this.#last;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) await (await handle).close();
  }
};

// actions/scrape-mls/src/listing-store.ts
var ListingStore = class _ListingStore {
  constructor(path) {
    this.path = path;
    this.#log = new AppendLines(path);
  }
  path;
  #byMls = /* @__PURE__ */ new Map();
  #log;
  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close() {
    return this.#log.close();
  }
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
    await this.#log.append(`${JSON.stringify(listing)}
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

// actions/scrape-mls/src/usage-records.ts
function usageRecords(plan, zip2, stats, bytes) {
  const base = {
    schemaVersion: USAGE_SCHEMA_VERSION,
    runId: plan.runId,
    action: "scrape-mls",
    shard: zip2,
    recordedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  const usage = [];
  if (plan.proxies.enabled)
    for (const mode of RENDER_MODES) {
      usage.push({ ...base, service: "proxy", unit: "gb", quantity: bytes[mode] / 1e9, mode });
      const pages = stats.loads[mode];
      usage.push({ ...base, service: "proxy", unit: "request", quantity: pages, mode });
    }
  if (plan.captcha)
    usage.push({ ...base, service: "captcha", unit: "solve", quantity: stats.captchasSolved });
  return usage;
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
  const key2 = {
    new: "listings-new",
    changed: "listings-changed",
    revisit: "listings-revisited"
  };
  for (const [url, reason] of reasons) {
    if (queue.doneNow(url)) counts[key2[reason]] += 1;
    else if (!queue.isDone(url) && robotsAllow(robots, url)) counts["listings-left"] += 1;
  }
  return counts;
}

// actions/scrape-mls/src/request-queue.ts
import { mkdir as mkdir2, readFile as readFile2 } from "node:fs/promises";
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
  #log;
  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close() {
    return this.#log.close();
  }
  constructor(dir) {
    this.#path = join2(dir, "queue.ndjson");
    this.#log = new AppendLines(this.#path);
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
    const key2 = uniqueKey(url);
    if (this.#known.has(key2)) return false;
    this.#known.set(key2, kind);
    this.#pending.push({ url: key2, kind, retries: 0 });
    await this.#record({ op: "add", url: key2, kind });
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
    const key2 = uniqueKey(url);
    this.#done.add(key2);
    await this.#record({ op: "done", url: key2 });
  }
  /** Records a request as failed for good in this run. */
  async markFailed(request) {
    this.#failed.add(request.url);
    await this.#record({ op: "failed", url: request.url });
  }
  async #record(event) {
    await this.#log.append(`${JSON.stringify(event)}
`);
  }
};

// actions/scrape-mls/src/result-rows.ts
import { mkdir as mkdir3, readFile as readFile3 } from "node:fs/promises";
import { dirname as dirname2 } from "node:path";
var ResultRows = class _ResultRows {
  constructor(path) {
    this.path = path;
    this.#log = new AppendLines(path);
  }
  path;
  #rows = /* @__PURE__ */ new Map();
  #log;
  /** Closes its file (after the writes under way); the night's work on the ZIP is over. */
  close() {
    return this.#log.close();
  }
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
    await this.#log.append(`${JSON.stringify(parsed)}
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
    const base = this.#next(reason);
    if (base === null) return;
    try {
      await writeFile(`${base}.html`, await contentWithin(page, timeoutMs));
      await page.screenshot({ path: `${base}.png`, timeout: timeoutMs });
    } catch {
    }
  }
  /** Saves HTML read over plain HTTP (no screenshot: no browser drew it) unless the limit is reached. */
  async keep(html, reason) {
    const base = this.#next(reason);
    if (base !== null) await writeFile(`${base}.html`, html).catch(() => void 0);
  }
  /** The path (without extension) of the next snapshot, or null once the limit is reached. */
  #next(reason) {
    if (this.#taken >= this.limit) return null;
    this.#taken += 1;
    return join4(this.dir, `${this.#taken}-${reason.replace(/[^\w-]+/g, "-").slice(0, 40)}`);
  }
  /** Files kept, relative to the folder's parent (`snapshots/1-parse.html`, ...). */
  async files() {
    return (await readdir(this.dir)).sort().map((name) => `snapshots/${name}`);
  }
};

// actions/scrape-mls/src/scrape-shard.ts
async function scrapeShard(plan, zip2, logger) {
  const startedAt = /* @__PURE__ */ new Date();
  const name = `${plan.artifactPrefix}-${zip2}`;
  const work = join5(plan.workRoot, name);
  const queue = await RequestQueue.open(work);
  const store = await ListingStore.open(join5(work, "listings.ndjson"));
  const rows = await ResultRows.open(join5(work, "rows.ndjson"));
  try {
    return await scrapeOpened(plan, zip2, logger, { startedAt, name, work, queue, store, rows });
  } finally {
    await Promise.all([queue.close(), store.close(), rows.close()]);
  }
}
async function scrapeOpened(plan, zip2, logger, { startedAt, name, work, queue, store, rows }) {
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
          "pages-browser": stats.loads.browser,
          "pages-http": stats.loads.http,
          "listings-gone": stats.gone,
          failed: stats.failed,
          ...frontier
        },
        errorsByClass: stats.errorsByClass,
        retries: stats.retries,
        // A stop is a normal end of a night: partial, unless the site failed what was asked.
        outcome: complete ? "success" : listings.length > 0 || stats.stopRequest !== null && stats.failed === 0 ? "partial" : "failure"
      },
      usage: usageRecords(plan, zip2, stats, sessions.closedBytes),
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
    proxyBytes: { ...sessions.closedBytes },
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
      rendering: {},
      browserLaunched: false,
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
  const browser = new LazyBrowser(resolveBrowserPath(inputs.browserPath), logger);
  const memory = new RenderingMemory(frontier.db, !inputs.dryRun, inputs.baseUrl, logger);
  const rendering2 = new RenderingPlan(
    { ...DEFAULT_RENDERING, setting: inputs.rendering, recheckShare: inputs.renderingRecheck },
    inputs.rendering === "adaptive" ? await memory.recall() : {}
  );
  logger.info(`rendering: ${inputs.rendering}${describeModes(rendering2)}`);
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
      rendering: rendering2,
      selectors,
      proxies,
      // Capacity 1: requests are spaced evenly, never sent in a burst.
      limiter: new RateLimiter({ capacity: 1, refillPerSecond: inputs.requestsPerMinute / 60 }),
      robots: await fetchRobots(inputs.baseUrl, logger),
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
    if (inputs.rendering === "adaptive") await memory.keep(rendering2.learned());
    logger.info(
      `rendering at the end: ${describeModes(rendering2).slice(2) || "nothing loaded"}; Chromium ${browser.launched ? "was started" : "never started"}`
    );
    return {
      enabled: true,
      shards,
      rendering: rendering2.modes(),
      browserLaunched: browser.launched,
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
function describeModes(rendering2) {
  const parts = Object.entries(rendering2.learned()).map(
    ([type, learned]) => `${type} pages ${learned.mode === "http" ? "over HTTP" : "in the browser"}`
  );
  return parts.length > 0 ? `; ${parts.join(", ")}` : "";
}

// actions/scrape-mls/src/summary.ts
var number2 = (value) => value.toLocaleString("en-US");
function pagesPerMinute(pages, elapsedMs) {
  return elapsedMs > 0 ? Math.round(pages * 6e4 / elapsedMs) : 0;
}
var megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
function loads(shard) {
  const { browser, http } = shard.stats.loads;
  const bytes = shard.proxyBytes;
  const traffic = bytes.browser + bytes.http > 0 ? `; proxy traffic ${megabytes(bytes.browser)} in the browser, ${megabytes(bytes.http)} over HTTP` : "";
  return `pages loaded in the browser ${number2(browser)}, over plain HTTP ${number2(http)}${traffic}`;
}
function rendering(result) {
  const types = Object.entries(result.rendering).map(
    ([type, state]) => `${type} pages ${state.mode === "http" ? "over plain HTTP" : "in the browser"}${state.switches > 0 ? ` (changed ${state.switches}x in this run)` : ""}`
  );
  const browser = result.browserLaunched ? "Chromium was started" : "Chromium never started";
  return `${types.length > 0 ? `${types.join(", ")}; ` : ""}${browser}`;
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
      `- ${shard.zip}: ${loads(shard)}`,
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
    `Rendering: ${rendering(result)}. Proxies retired: ${result.proxiesRetired}.`,
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
