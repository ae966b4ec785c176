import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  textSealer,
  withholdPersonal
} from "../chunks/chunk-3ZZ3D7YM.js";
import {
  CircuitBreaker,
  CircuitOpenError
} from "../chunks/chunk-ZASFJUZT.js";
import "../chunks/chunk-KIOB4Y4M.js";
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
  resolveVisibility
} from "../chunks/chunk-4VY4JSCD.js";
import {
  DEFAULT_MAX_BYTES,
  RateLimiter,
  attemptGet,
  chooseResume,
  normalizeAddress,
  normalizeZip,
  require_undici,
  sourceVerdict
} from "../chunks/chunk-VI4FYOOM.js";
import {
  BudgetSpent,
  FAILURE_CLASSES,
  IN_FLIGHT_GRACE_MS,
  isHttpError,
  isSourceFailure,
  runnerStopSignal,
  stopRequested,
  withCollectionStop
} from "../chunks/chunk-PRPKK5Y6.js";
import {
  formatIssues
} from "../chunks/chunk-64UQQOMH.js";
import {
  artifactNameSchema
} from "../chunks/chunk-EYPTRFMZ.js";
import {
  COUNTY_PARCEL_SCHEMA_VERSION,
  countyParcelSchema
} from "../chunks/chunk-ZVLCXUC7.js";
import {
  markdownText
} from "../chunks/chunk-T3DYMKLJ.js";
import {
  retry
} from "../chunks/chunk-HXE3PUO6.js";
import "../chunks/chunk-B4QX6BYH.js";
import "../chunks/chunk-IBKVQVMI.js";
import {
  USAGE_SCHEMA_VERSION
} from "../chunks/chunk-2A5BLYRJ.js";
import "../chunks/chunk-IOBXINTM.js";
import {
  COLLECTIONS
} from "../chunks/chunk-4C3C67FH.js";
import {
  expectRecordType,
  readStages,
  writeStageOutput
} from "../chunks/chunk-ZOFQZNG2.js";
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-5A7CVTSE.js";
import {
  JsonLine,
  MANIFEST_FILE,
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
  IntegrityError,
  NonRetryableError,
  choiceInput,
  decimalInput,
  dryRunInput,
  errorMessage,
  external_exports,
  integerInput,
  listInput,
  mongodbUriInput,
  rateInput,
  redactUrl,
  runAction,
  stringInput,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import {
  __toESM
} from "../chunks/chunk-Z67Z3DOX.js";

// actions/collect-county/src/collect.ts
import { join as join2 } from "node:path";

// shared/privacy/artifact-privacy.ts
async function artifactPrivacy(inputs, logger) {
  const visibility = resolveVisibility(inputs.repositoryVisibility);
  if (visibility === "private") return { visibility, withhold: false, sealer: null };
  if (inputs.personalDataInArtifacts) {
    logger.warning(
      "public repository with 'personal-data-in-artifacts: true': owner names and mailing addresses are in the artifacts, which anyone signed in to GitHub can download"
    );
    return { visibility, withhold: false, sealer: null };
  }
  if (inputs.passphrase === "") {
    logger.warning(
      `public repository and no '${inputs.passphraseInput}': owner names and mailing addresses are dropped from the artifacts, so store-mongo keeps the owners it has; set the secret to carry them sealed`
    );
    return { visibility, withhold: true, sealer: null };
  }
  logger.info("public repository: owner names and mailing addresses are sealed in the artifacts");
  return { visibility, withhold: true, sealer: await textSealer(inputs.passphrase) };
}

// actions/collect-county/src/checkpoint.ts
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rm, stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
var APN_AT_START = /^\{"schemaVersion":\d+,"apn":"([^"]+)"/;
var FLUSH_MS = 20;
var FLUSH_BYTES = 256 * 1024;
async function completeLength(path) {
  let offset = 0;
  let complete = 0;
  for await (const chunk of createReadStream(path)) {
    const last = chunk.lastIndexOf(10);
    if (last >= 0) complete = offset + last + 1;
    offset += chunk.length;
  }
  return complete;
}
async function* linesOf(path) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== "") yield line;
}
var Checkpoint = class _Checkpoint {
  constructor(path) {
    this.path = path;
  }
  path;
  #done = /* @__PURE__ */ new Set();
  #stream;
  #pending = "";
  #timer;
  /** Opens (or creates) the checkpoint at `path`, dropping a last line a kill cut short. */
  static async open(path) {
    const checkpoint = new _Checkpoint(path);
    await mkdir(dirname(path), { recursive: true });
    const size = await stat(path).then(
      (info) => info.size,
      () => -1
    );
    if (size >= 0) {
      const complete = await completeLength(path);
      if (complete < size) await truncate(path, complete);
      for await (const line of linesOf(path))
        checkpoint.#remember(apnOfLine(line) ?? JSON.parse(line));
    }
    return checkpoint;
  }
  /** Parcels recorded. */
  get size() {
    return this.#done.size;
  }
  /** Whether `apn` (canonical) is already recorded. */
  has(apn) {
    return this.#done.has(apn);
  }
  /**
   * Records a parcel unless it is there already; resolves once the file can take more. `rawText`,
   * the response text `parcel.raw` was parsed from, is written as it came instead of serialising
   * `raw` again (the bulk of the record).
   */
  async append(parcel, rawText) {
    if (this.#done.has(parcel.apn)) return false;
    this.#done.add(parcel.apn);
    this.#pending += `${recordLine(parcel, rawText)}
`;
    if (this.#pending.length >= FLUSH_BYTES) await this.#flush();
    else this.#timer ??= setTimeout(() => void this.#flush(), FLUSH_MS);
    return true;
  }
  /** Writes the gathered lines; resolves once the file can take more. */
  async #flush() {
    clearTimeout(this.#timer);
    this.#timer = void 0;
    if (this.#pending === "") return;
    const text = this.#pending;
    this.#pending = "";
    this.#stream ??= createWriteStream(this.path, { flags: "a" });
    if (!this.#stream.write(text)) await once(this.#stream, "drain");
  }
  /** Flushes and closes the file. */
  async close() {
    await this.#flush();
    const stream = this.#stream;
    this.#stream = void 0;
    if (stream)
      await new Promise(
        (resolve, reject) => stream.end((error) => error ? reject(error) : resolve())
      );
  }
  /** The recorded parcels as the JSON lines written (call after `close`); nothing is re-parsed. */
  async *lines() {
    if (!existsSync(this.path)) return;
    for await (const line of linesOf(this.path)) yield new JsonLine(line);
  }
  /** Deletes the file and its folder (once its parcels are safely elsewhere). */
  async remove() {
    await this.close();
    await rm(dirname(this.path), { recursive: true, force: true });
  }
  #remember(record) {
    const apn = typeof record === "string" ? record : record.apn;
    if (typeof apn === "string") this.#done.add(apn);
  }
};
function recordLine(parcel, rawText) {
  const usable = rawText !== void 0 && rawText.startsWith("{") && rawText.endsWith("}") && !rawText.includes("\n") && !rawText.includes("\r");
  if (!usable) return JSON.stringify(parcel);
  const rest = JSON.stringify({ ...parcel, raw: void 0 });
  return `${rest.slice(0, -1)},"raw":${rawText}}`;
}
function apnOfLine(line) {
  return APN_AT_START.exec(line)?.[1] ?? null;
}

// shared/http/client.ts
var import_undici = __toESM(require_undici(), 1);

// shared/http/source-paused.ts
function waitText(ms) {
  if (ms < 12e4) return `${Math.ceil(ms / 1e3)} s`;
  if (ms < 2 * 36e5) return `${Math.round(ms / 6e4)} min`;
  return `${Math.round(ms / 36e5)} h`;
}
var SourcePausedError = class extends NonRetryableError {
  /** The pause the source asked for, in ms. */
  retryAfterMs;
  constructor(what, askedMs, capMs, options) {
    super(
      `${what}: the source asked for a pause of ${waitText(askedMs)} (Retry-After), longer than the ${waitText(capMs)} this run waits; stopping`,
      options
    );
    this.retryAfterMs = askedMs;
  }
};

// shared/http/stats.ts
function emptyHttpStats() {
  const errorsByClass = Object.fromEntries(FAILURE_CLASSES.map((name) => [name, 0]));
  return {
    requests: 0,
    succeeded: 0,
    retries: 0,
    errorsByClass,
    circuitRejections: 0,
    bytes: 0,
    latencyMsTotal: 0
  };
}
function copyHttpStats(stats) {
  return { ...stats, errorsByClass: { ...stats.errorsByClass } };
}

// shared/http/client.ts
var HttpClient = class {
  #options;
  #breaker;
  #stats = emptyHttpStats();
  #agent;
  // Follows redirects as fetch did (at most 20; undici drops AUTHORIZATION on a cross-origin hop).
  #dispatcher;
  constructor(options = {}) {
    this.#options = options;
    this.#agent = new import_undici.Agent({ connectTimeout: Math.min(1e4, options.timeoutMs ?? 3e4) });
    this.#dispatcher = this.#agent.compose(import_undici.interceptors.redirect({ maxRedirections: 20 }));
    const breaker = options.circuitBreaker;
    this.#breaker = breaker === void 0 || breaker instanceof CircuitBreaker ? breaker : new CircuitBreaker({ isFailure: isSourceFailure, ...breaker });
  }
  /** The circuit breaker in use, if any (to read its state). */
  get circuitBreaker() {
    return this.#breaker;
  }
  /**
   * Closes the connection pool once the requests in flight are done, freeing the keep-alive
   * sockets now instead of at their idle timeout. Later calls fail as `network`.
   */
  async close() {
    if (!this.#agent.closed) await this.#agent.close();
  }
  /** A snapshot of what this client has done so far. */
  stats() {
    return copyHttpStats(this.#stats);
  }
  /** GETs `url` and parses its JSON body; HTML or broken JSON is a retryable `bad-body`. */
  async getJson(url, options = {}) {
    return await this.get(url, { expect: "json", ...options });
  }
  /**
   * GETs `url` and parses its JSON body like `getJson`, returning the body text as well (to store
   * the response as received without serialising the parsed value again).
   */
  async getJsonWithText(url, options = {}) {
    const result = await this.#send(url, { expect: "json", ...options });
    return { value: result.value, text: result.text };
  }
  /** GETs `url` and returns its body as text, whatever its content type. */
  async getText(url, options = {}) {
    return await this.get(url, { ...options, expect: "text" });
  }
  /** GETs `url`, returning parsed JSON (`expect: 'json'`, the default) or text. */
  async get(url, options = {}) {
    return (await this.#send(url, options)).value;
  }
  async #send(url, options) {
    const onRetry = (event) => {
      this.#stats.retries += 1;
      const why = isHttpError(event.error) ? event.error.failureClass : "error";
      this.#options.logger?.debug(
        `GET ${redactUrl(url)}: ${why} on attempt ${event.attempt}/${event.maxAttempts}; retrying in ${event.delayMs} ms`
      );
      this.#options.onRetry?.(event);
    };
    const waits = options.stop && options.signal ? AbortSignal.any([options.signal, options.stop]) : options.stop ?? options.signal;
    try {
      return await retry(
        () => this.#breaker ? this.#breaker.execute(() => this.#attempt(url, options, waits)) : this.#attempt(url, options, waits),
        { ...this.#options.retry, signal: waits, onRetry }
      );
    } catch (error) {
      if (error instanceof CircuitOpenError) this.#stats.circuitRejections += 1;
      throw error;
    }
  }
  async #attempt(url, options, waits) {
    const { logger, rateLimiter } = this.#options;
    await rateLimiter?.acquire(waits);
    this.#stats.requests += 1;
    const started = performance.now();
    const elapsed2 = () => Math.round(performance.now() - started);
    try {
      const result = await attemptGet({
        dispatcher: this.#dispatcher,
        url,
        headers: { ...this.#options.headers, ...options.headers },
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 3e4,
        expect: options.expect ?? "json",
        signal: options.signal,
        classifyResponse: this.#options.classifyResponse,
        maxBytes: options.maxBytes ?? this.#options.maxBytes ?? DEFAULT_MAX_BYTES
      });
      this.#stats.succeeded += 1;
      this.#stats.bytes += result.bytes;
      logger?.debug(
        `GET ${redactUrl(url)} -> ${result.status} in ${elapsed2()} ms (${result.bytes} B)`
      );
      return result;
    } catch (error) {
      if (isHttpError(error)) {
        this.#stats.errorsByClass[error.failureClass] += 1;
        logger?.debug(`${error.message} (${elapsed2()} ms)`);
        if (error.failureClass === "rate-limited") {
          const cap = this.#options.retry?.maxRetryAfterMs ?? 6e4;
          const asked = error.retryAfterMs ?? this.#options.rateLimitedPauseMs ?? 1e3;
          rateLimiter?.pause(Math.min(asked, cap));
          if (asked > cap)
            throw new SourcePausedError(`GET ${redactUrl(url)}`, asked, cap, { cause: error });
        }
      }
      throw error;
    } finally {
      this.#stats.latencyMsTotal += performance.now() - started;
    }
  }
};

// shared/normalize/apn.ts
var COMPACT = /^(\d{3})(\d{2})(\d{3})([A-Z]?)$/;
var SEPARATED = /^(\d{1,3})[-. ]+(\d{1,2})[-. ]+(\d{1,3})[-. ]*([A-Z]?)$/;
function tryNormalizeApn(input) {
  const text = input.trim().toUpperCase();
  const match = COMPACT.exec(text) ?? SEPARATED.exec(text);
  if (!match) return null;
  const [, book = "", map = "", parcel = "", suffix = ""] = match;
  return `${book.padStart(3, "0")}-${map.padStart(2, "0")}-${parcel.padStart(3, "0")}${suffix}`;
}
function normalizeApn(input) {
  const apn = tryNormalizeApn(input);
  if (apn === null) {
    throw new NonRetryableError(
      `invalid APN '${input}': expected book (3 digits), map (2), parcel (3) and an optional letter, e.g. 102-29-045A`
    );
  }
  return apn;
}
function compactApn(input) {
  return normalizeApn(input).replace(/-/g, "");
}

// shared/model/county-fields.ts
function isAbsent(value) {
  return value === void 0 || value === null || Array.isArray(value) && value.length === 0;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function shown(value) {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
function countyFieldReader(apn) {
  const fail = (field, expected, value) => {
    throw new NonRetryableError(
      `county parcel ${apn}: field ${field}: expected ${expected}, got ${shown(value)}`
    );
  };
  const text = (value, field) => {
    if (isAbsent(value)) return null;
    if (typeof value === "number") return String(value);
    if (typeof value !== "string") return fail(field, "a string", value);
    return value.trim() === "" ? null : value.trim();
  };
  const numeric = (value, field, pattern, expected) => {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    const raw = text(value, field);
    if (raw === null || /^na$/i.test(raw)) return null;
    const digits = raw.replace(/^\$/, "").replace(/,(?=\d{3}\b)/g, "");
    return pattern.test(digits) ? Number(digits) : fail(field, expected, value);
  };
  const usDate = (value, field) => {
    const raw = text(value, field);
    if (raw === null) return null;
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
    if (us) return `${us[3]}-${us[1]?.padStart(2, "0")}-${us[2]?.padStart(2, "0")}`;
    return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : fail(field, "a date MM/DD/YYYY", value);
  };
  return {
    text,
    integer: (value, field) => {
      const number2 = numeric(value, field, /^-?\d+(\.0+)?$/, "a whole number");
      return number2 === null || Number.isInteger(number2) ? number2 : fail(field, "a whole number", value);
    },
    decimal: (value, field) => numeric(value, field, /^-?\d+(\.\d+)?$/, "a number"),
    flag: (value, field) => {
      if (value === void 0 || value === null || typeof value === "boolean") return value ?? null;
      if (value === 1 || value === 0 || value === "1" || value === "0") return Number(value) === 1;
      return fail(field, "true or false", value);
    },
    object: (value, field) => {
      if (isAbsent(value)) return null;
      return isRecord(value) ? value : fail(field, "an object", value);
    },
    array: (value, field) => {
      if (value === void 0 || value === null) return [];
      return Array.isArray(value) ? value : fail(field, "an array", value);
    },
    date: usDate,
    month: (value, field) => usDate(value, field)?.slice(0, 7) ?? null
  };
}

// shared/model/county-parcel-blocks.ts
function readValuations(read, apn, value) {
  const valuations = read.array(value, "Valuations").map((item, index) => {
    const field = `Valuations[${index}]`;
    const notice = read.object(item, field);
    const taxYear = read.integer(notice?.TaxYear, `${field}.TaxYear`);
    if (notice === null || taxYear === null) {
      throw new NonRetryableError(`county parcel ${apn}: field ${field}: expected a tax year`);
    }
    return {
      taxYear,
      fullCashValue: read.integer(notice.FullCashValue, `${field}.FullCashValue`),
      limitedPropertyValue: read.integer(
        notice.LimitedPropertyValue,
        `${field}.LimitedPropertyValue`
      ),
      assessedLimitedValue: read.integer(notice.AssessedLPV, `${field}.AssessedLPV`),
      legalClassCode: read.text(notice.LegalClassificationCode, `${field}.LegalClassificationCode`),
      legalClass: read.text(notice.LegalClassification, `${field}.LegalClassification`),
      assessmentRatio: read.decimal(
        notice.AssessmentRatioPercentage,
        `${field}.AssessmentRatioPercentage`
      )
    };
  });
  return valuations.sort((a, b) => b.taxYear - a.taxYear);
}
function readOwner(read, value) {
  const block = read.object(value, "Owner");
  if (block === null) return { owner: null, lastSale: null };
  const field = (key) => {
    const text = read.text(block[key], `Owner.${key}`);
    return text === "NA" ? null : text;
  };
  const redacted = "Redacted" in block ? read.flag(block.Redacted, "Owner.Redacted") === true : read.text(block.Ownership, "Owner.Ownership") === "NA";
  const mailingZip = field("MailingZip");
  const owner = {
    name: field("Ownership"),
    coOwners: field("ContoOwnership"),
    inCareOf: field("InCareOf"),
    mailingAddress: field("FullMailingAddress"),
    mailingCity: field("MailingCity"),
    mailingState: field("MailingState"),
    mailingZip: mailingZip === "0" ? null : mailingZip,
    mailingCountry: field("MailingCountry"),
    redacted
  };
  const lastSale = {
    recordingNumber: field("MostCurrentDeed"),
    deedDate: read.date(block.DeedDate, "Owner.DeedDate"),
    saleMonth: read.month(block.SaleDate, "Owner.SaleDate"),
    salePrice: read.integer(block.SalePrice, "Owner.SalePrice"),
    deedType: field("DeedType")
  };
  const hasSale = Object.values(lastSale).some((part) => part !== null);
  return { owner, lastSale: hasSale ? lastSale : null };
}
function readRental(read, value) {
  const block = read.object(value, "RentalInformation");
  if (block === null) return null;
  const field = (key) => read.text(block[key], `RentalInformation.${key}`);
  return {
    ownershipType: field("OwnershipType"),
    ownerName: field("OwnerName"),
    agentName: field("AgentName"),
    registeredOn: read.date(block.DateRegistered, "RentalInformation.DateRegistered"),
    updatedOn: read.date(block.LastUpdate, "RentalInformation.LastUpdate")
  };
}

// shared/model/county-parcel-residential.ts
function readList(read, value, field) {
  if (value === void 0 || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap(
    (item, index) => (read.text(item, `${field}[${index}]`) ?? "").split(",").map((code) => code.trim()).filter((code) => code !== "")
  );
}
function readResidential(read, home) {
  const field = (key) => `ResidentialPropertyData.${key}`;
  const text = (key) => read.text(home[key], field(key));
  const whole = (key) => read.integer(home[key], field(key));
  const year = (key) => {
    const value = whole(key);
    return value === 0 ? null : value;
  };
  const parking = read.object(home.ParkingDetails, field("ParkingDetails")) ?? {};
  const poolArea = typeof home.Pool === "boolean" || isAbsent(home.Pool) ? null : whole("Pool");
  const pool = typeof home.Pool === "boolean" ? home.Pool : poolArea === null ? null : poolArea > 0;
  return {
    livingAreaSqft: whole("LivableSpace"),
    constructionYear: year("ConstructionYear"),
    originalConstructionYear: year("OriginalConstructionYear"),
    pool,
    poolAreaSqft: poolArea === 0 ? null : poolArea,
    garageSpaces: whole("NumberOfGarages"),
    carportSpaces: whole("NumberOfCarports"),
    parkingType: text("ParkingType") ?? read.text(parking.ParkingType, field("ParkingDetails.ParkingType")),
    parkingSpaces: read.integer(parking.ParkingCount, field("ParkingDetails.ParkingCount")),
    coveredParking: read.flag(home.CoveredParking, field("CoveredParking")),
    coveredPatios: whole("NumberOfCoveredPatios"),
    uncoveredPatios: whole("NumberOfUncoveredPatios"),
    patios: whole("NumberOfPatios"),
    patioType: text("PatioType"),
    exteriorWalls: text("ExteriorWalls"),
    roofType: text("RoofType"),
    cooling: text("Cooling"),
    heating: text("Heating"),
    bathFixtures: whole("BathFixtures"),
    qualityGrade: text("ImprovementQualityGrade"),
    locationalFactors: readList(read, home.LocationalFactors, field("LocationalFactors"))
  };
}

// shared/model/county-parcel-parser.ts
var PARCEL_KEYS = ["PropertyAddress", "Owner", "Valuations", "ResidentialPropertyData"];
function isPlainJsonObject(raw) {
  return Object.getPrototypeOf(raw) === Object.prototype && !Object.hasOwn(raw, "__proto__") && Reflect.ownKeys(raw).length === Object.keys(raw).length;
}
function linkedApn(read, value) {
  const url = read.text(value, "TreasurersTransitionUrl");
  const parcel = url === null ? void 0 : /[?&]Parcel=([0-9A-Za-z.-]+)/i.exec(url)?.[1];
  return parcel === void 0 ? null : tryNormalizeApn(parcel);
}
function parseCountyParcel(apn, body, meta) {
  const canonical = normalizeApn(apn);
  const read = countyFieldReader(canonical);
  if (!isRecord(body) || !PARCEL_KEYS.some((key) => key in body)) {
    throw new NonRetryableError(
      `county parcel ${canonical}: field body: expected a parcel object with ${PARCEL_KEYS.join(", ")}`
    );
  }
  const linked = linkedApn(read, body.TreasurersTransitionUrl);
  if (linked !== null && linked !== canonical) {
    throw new NonRetryableError(
      `county parcel ${canonical}: field TreasurersTransitionUrl: the body is for parcel ${linked}`
    );
  }
  const home = read.object(body.ResidentialPropertyData, "ResidentialPropertyData") ?? {};
  const geo = read.object(body.Geo, "Geo");
  const situsRaw = read.text(body.PropertyAddress, "PropertyAddress") ?? read.text(geo?.address, "Geo.address");
  const situs = situsRaw === null ? null : normalizeAddress(situsRaw, { zip: meta.zip ?? null });
  const valuations = readValuations(read, canonical, body.Valuations);
  const plainRaw = isPlainJsonObject(body);
  const parcel = {
    schemaVersion: COUNTY_PARCEL_SCHEMA_VERSION,
    apn: canonical,
    zip: situs?.parts.zip ?? normalizeZip(meta.zip),
    situs,
    jurisdiction: read.text(body.LocalJusidiction, "LocalJusidiction"),
    propertyType: read.text(body.PropertyType, "PropertyType"),
    useCode: read.text(body.PropertyUseCode, "PropertyUseCode"),
    useDescription: read.text(body.PEPropUseDesc, "PEPropUseDesc"),
    subdivision: read.text(body.SubdivisionName, "SubdivisionName") ?? read.text(body.SubdivisonName, "SubdivisonName"),
    lot: read.text(body.Lot, "Lot"),
    mcr: read.text(body.MCR, "MCR"),
    legalDescription: read.text(body.PropertyDescription, "PropertyDescription"),
    taxAreaCode: read.text(body.TaxAreaCode, "TaxAreaCode"),
    zoning: readList(read, body.Zoning, "Zoning"),
    lotSizeSqft: read.integer(home.LotSize, "ResidentialPropertyData.LotSize") ?? read.integer(body.LotSize, "LotSize"),
    ...readResidential(read, home),
    valuations,
    legalClassCode: valuations[0]?.legalClassCode ?? null,
    legalClass: valuations[0]?.legalClass ?? null,
    isRental: read.flag(body.IsRental, "IsRental"),
    rental: readRental(read, body.RentalInformation),
    ...readOwner(read, body.Owner),
    collectedAt: meta.collectedAt,
    sourceUrl: meta.sourceUrl,
    raw: plainRaw ? {} : body
  };
  const checked = countyParcelSchema.safeParse(parcel);
  if (!checked.success) {
    throw new NonRetryableError(`county parcel ${canonical}: ${formatIssues(checked.error)}`);
  }
  if (plainRaw) checked.data.raw = { ...body };
  return checked.data;
}

// actions/collect-county/src/county-api.ts
var searchPageSchema = external_exports.object({
  TOTAL: external_exports.coerce.number().optional(),
  // No hits may come back without `Results` at all, but never without both keys.
  Results: external_exports.array(
    external_exports.looseObject({
      APN: external_exports.string(),
      SitusZip: external_exports.string().nullable().optional(),
      PropertyType: external_exports.string().nullable().optional()
    })
  ).optional()
}).refine((page) => page.TOTAL !== void 0 || page.Results !== void 0);
var classifyCounty = (response, body) => response.status === 500 && /unauthori[sz]ed access/i.test(body) ? "auth" : void 0;
function tokenRefused() {
  return new ConfigurationError(
    `input 'api-token': the county API refused the token (HTTP 500 "Unauthorized access"); expected a valid Maricopa County Assessor API token in the secret passed as api-token`
  );
}
var CountyApi = class {
  #http;
  #base;
  /** Set once the county refused the token: later calls fail without asking again. */
  #refused = false;
  constructor(options) {
    this.#base = options.baseUrl.replace(/\/+$/, "");
    this.#http = new HttpClient({
      logger: options.logger,
      // The raw token, no "Bearer"; the county's own clients send `user-agent: null`.
      headers: { AUTHORIZATION: options.token, "user-agent": "null" },
      timeoutMs: options.timeoutMs ?? 3e4,
      retry: { maxAttempts: 5, baseDelayMs: options.retryBaseDelayMs ?? 500 },
      // Burst 1, and 2 % under the budget: a server counting a sliding window must not see the
      // limit exceeded when one request is held up in transit and the next is not.
      rateLimiter: options.requestsPerHour > 0 ? RateLimiter.perHour(options.requestsPerHour * 0.98, 1) : void 0,
      circuitBreaker: new CircuitBreaker({
        name: "county API",
        failureThreshold: 8,
        openMs: options.circuitOpenMs ?? 3e4,
        isFailure: isSourceFailure
      }),
      classifyResponse: classifyCounty
    });
  }
  /** Closes the client's connections (idle keep-alive sockets would hold the process open). */
  async close() {
    await this.#http.close();
  }
  /** What the client has done so far. */
  stats() {
    return this.#http.stats();
  }
  /** Page `page` (from 1) of the full-text search for `query`. */
  async searchPage(query, page, signal) {
    const url = `${this.#base}/search/property/?q=${encodeURIComponent(query)}&page=${page}`;
    const body = await this.#get(url, signal);
    if (Array.isArray(body) && body.length === 0) return { total: 0, rows: [] };
    const parsed = searchPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new ConfigurationError(
        `input 'api-base-url': ${this.#base} did not answer a county search (expected Results and TOTAL)`
      );
    }
    return { total: parsed.data.TOTAL, rows: parsed.data.Results ?? [] };
  }
  /** `GET /parcel/{apn}` normalised into a county-parcel record (the body kept whole in `raw`). */
  async parcel(apn, zip2, signal) {
    return (await this.parcelWithBody(apn, zip2, { signal })).parcel;
  }
  /**
   * Like `parcel`, with the body's text as received (what `raw` was parsed from). `stop` ends
   * waits for a token or a retry, `signal` the request itself (see `GetOptions`).
   */
  async parcelWithBody(apn, zip2, signals = {}) {
    const url = `${this.#base}/parcel/${compactApn(apn)}`;
    const { value, text } = await this.#call(() => this.#http.getJsonWithText(url, signals));
    const parcel = parseCountyParcel(apn, value, {
      zip: zip2,
      collectedAt: (/* @__PURE__ */ new Date()).toISOString(),
      sourceUrl: url
    });
    return { parcel, body: text };
  }
  async #get(url, signal) {
    return this.#call(() => this.#http.getJson(url, { signal }));
  }
  async #call(request) {
    if (this.#refused) throw tokenRefused();
    try {
      return await request();
    } catch (error) {
      if (isHttpError(error) && error.failureClass === "auth") {
        this.#refused = true;
        throw tokenRefused();
      }
      throw error;
    }
  }
};

// actions/collect-county/src/fetch-parcels.ts
import { setMaxListeners } from "node:events";
function errorClassOf(error) {
  if (!isHttpError(error))
    return error instanceof Error && /county parcel/.test(error.message) ? "parse" : "other";
  switch (error.failureClass) {
    case "network":
    case "timeout":
      return "network";
    case "bad-body":
      return "parse";
    case "rate-limited":
    case "server":
    case "auth":
    case "client":
      return error.failureClass;
    default:
      return "other";
  }
}
async function fetchParcels(apns, options) {
  const { api, checkpoint, zip: zip2, logger, stop } = options;
  const outcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  const abort = new AbortController();
  setMaxListeners(Math.max(10, 4 * options.concurrency), abort.signal);
  const progressEvery = Math.max(100, Math.ceil(apns.length / 10));
  let next = 0;
  let inFlight = 0;
  let fatal;
  let grace;
  const onStop = () => {
    if (next >= apns.length && inFlight === 0) return;
    logger.info(
      `${zip2}: ${errorMessage(stop?.reason)}: taking no more parcels; ${inFlight} under way get ${IN_FLIGHT_GRACE_MS / 1e3} s to arrive`
    );
    grace = setTimeout(() => abort.abort(stop?.reason), IN_FLIGHT_GRACE_MS);
  };
  const worker = async () => {
    while (!abort.signal.aborted && !stop?.aborted && next < apns.length) {
      const apn = apns[next++];
      inFlight += 1;
      try {
        const { parcel, body } = await api.parcelWithBody(apn, zip2, {
          signal: abort.signal,
          stop
        });
        await checkpoint.append(parcel, body);
        outcome.fetched += 1;
        if (outcome.fetched % progressEvery === 0) {
          logger.info(
            `${zip2}: ${outcome.fetched} of ${apns.length} parcels fetched, ${outcome.failed} failed`
          );
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        if (stopRequested(stop) && !(error instanceof ConfigurationError)) return;
        if (error instanceof ConfigurationError) {
          fatal = error;
          abort.abort(error);
        } else if (error instanceof CircuitOpenError || error instanceof SourcePausedError) {
          if (!outcome.stoppedEarly)
            logger.warning(
              `${zip2}: ${error.message}; stopping with ${outcome.fetched} parcels fetched`
            );
          outcome.stoppedEarly = true;
          outcome.stopReason ??= error instanceof CircuitOpenError ? "the county API kept failing (circuit open)" : `the county API asked for a pause of ${waitText(error.retryAfterMs)} (Retry-After)`;
          abort.abort(error);
        } else {
          const errorClass = errorClassOf(error);
          outcome.failed += 1;
          outcome.errorsByClass[errorClass] = (outcome.errorsByClass[errorClass] ?? 0) + 1;
          const message = `${zip2}: parcel ${apn} not collected: ${errorMessage(error)}`;
          if (outcome.failed <= 10) logger.warning(message);
          else logger.debug(message);
        }
      } finally {
        inFlight -= 1;
      }
    }
  };
  stop?.addEventListener("abort", onStop, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  } finally {
    stop?.removeEventListener("abort", onStop);
    clearTimeout(grace);
  }
  if (fatal !== void 0) throw fatal;
  return outcome;
}

// actions/collect-county/src/coverage.ts
function coverageOf(options) {
  const now = options.now ?? /* @__PURE__ */ new Date();
  const cutoff = new Date(now.getTime() - options.freshDays * 864e5).toISOString();
  const lastSeen = options.priorities?.lastSeen ?? /* @__PURE__ */ new Map();
  let [collected, fresh] = [0, 0];
  for (const apn of options.apns) {
    const tonight = options.checkpoint.has(apn);
    const seen = lastSeen.get(apn);
    if (tonight || seen !== void 0) collected += 1;
    if (tonight || seen !== void 0 && seen >= cutoff) fresh += 1;
  }
  const known = options.apns.length;
  const capacity = Math.min(options.requestBudget, options.measuredRequests ?? Infinity);
  const perNight = Number.isFinite(capacity) ? Math.max(1, capacity - 1) : null;
  const nights = (parcels) => parcels === 0 ? 0 : perNight === null ? 1 : Math.ceil(parcels / perNight);
  return {
    known,
    collected,
    fresh,
    freshDays: options.freshDays,
    perNight,
    nightsLeft: nights(known - fresh),
    cycleNights: nights(known),
    indexPagesLeft: options.indexPagesLeft
  };
}

// actions/collect-county/src/priorities.ts
var CHUNK = 500;
var later = (a, b) => a === void 0 ? b : b === void 0 || a >= b ? a : b;
async function prioritise(db, apns, logger) {
  const lastSeen = /* @__PURE__ */ new Map();
  const activity = /* @__PURE__ */ new Map();
  const properties = db.collection(COLLECTIONS.properties);
  const history = db.collection(COLLECTIONS.history);
  for (let start = 0; start < apns.length; start += CHUNK) {
    const chunk = apns.slice(start, start + CHUNK);
    const cursor = properties.find(
      { _id: { $in: chunk } },
      { projection: { "sources.county.lastSeen": 1, "sources.mls.firstSeen": 1 } }
    ).sort({ _id: 1 });
    for await (const property of cursor) {
      const seen2 = property.sources?.county?.lastSeen;
      if (typeof seen2 === "string") lastSeen.set(property._id, seen2);
      const listed = property.sources?.mls?.firstSeen;
      if (typeof listed === "string") activity.set(property._id, listed);
    }
    const changes = history.find(
      { propertyKey: { $in: chunk }, source: "mls", field: { $in: ["price", "status"] } },
      { projection: { propertyKey: 1, observedAt: 1 } }
    );
    for await (const change of changes) {
      const at = later(activity.get(change.propertyKey), change.observedAt);
      if (at !== void 0) activity.set(change.propertyKey, at);
    }
  }
  const isActive = (apn) => {
    const at = activity.get(apn);
    const seen2 = lastSeen.get(apn);
    return at !== void 0 && (seen2 === void 0 || at > seen2);
  };
  const active = apns.filter(isActive).sort((a, b) => activity.get(b) > activity.get(a) ? 1 : -1);
  const never = apns.filter((apn) => !lastSeen.has(apn) && !isActive(apn));
  const seen = apns.filter((apn) => lastSeen.has(apn) && !isActive(apn)).sort((a, b) => Date.parse(lastSeen.get(a)) - Date.parse(lastSeen.get(b)));
  let oldest = null;
  for (const date of lastSeen.values()) if (oldest === null || date < oldest) oldest = date;
  const neverSeen = apns.filter((apn) => !lastSeen.has(apn)).length;
  logger.info(
    `${active.length} with listing activity since their last county fetch, ${never.length} never collected, ${seen.length} to refresh (stalest from ${oldest ?? "never"})`
  );
  return {
    apns: [...active, ...never, ...seen],
    cycle: { listed: apns.length, neverSeen, active: active.length, oldestLastSeen: oldest },
    lastSeen
  };
}

// actions/collect-county/src/publish.ts
import { rm as rm2 } from "node:fs/promises";
async function* stageLines(checkpoint, privacy) {
  for await (const line of checkpoint.lines()) {
    if (!privacy.withhold) yield line;
    else yield withholdPersonal(JSON.parse(line.json), privacy.sealer);
  }
}
async function publishShard(checkpoint, companions, target, logger) {
  await rm2(target.dir, { recursive: true, force: true });
  const manifest = await writeStageOutput(
    target.dir,
    {
      runId: companions.runId,
      stage: "collect-county",
      shard: companions.zip,
      recordType: "county-parcel",
      recordSchemaVersion: COUNTY_PARCEL_SCHEMA_VERSION,
      gzip: true
    },
    // In the clear the checkpoint's lines go into the artifact as they are: no parse and re-serialise.
    stageLines(checkpoint, target.privacy),
    { records: { "run-stats": [companions.runStats], usage: [companions.usage] } }
  );
  if (target.client === null) {
    logger.info(
      `${companions.zip}: ${manifest.recordCount} parcels written to ${target.dir} (not uploaded)`
    );
    return { records: manifest.recordCount, uploaded: false };
  }
  await uploadStage(target.client, target.artifactName, target.dir, logger, {
    compressionLevel: 0,
    retentionDays: target.retentionDays
  });
  if (companions.complete) await checkpoint.remove();
  return { records: manifest.recordCount, uploaded: true };
}

// actions/collect-county/src/parcel-index.ts
var EMPTY_INDEX = {
  known: [],
  found: [],
  ignored: 0,
  total: null,
  nextPage: null,
  startedAt: null,
  completedAt: null
};
function indexedParcels(state) {
  if (state.found.length === 0) return state.known;
  const all = new Set(state.known);
  for (const apn of state.found) all.add(apn);
  return [...all];
}
async function readParcelIndex(db, zip2, logger) {
  try {
    const stored = await db.collection(COLLECTIONS.parcelIndex).findOne({ _id: zip2 });
    if (stored === null) return EMPTY_INDEX;
    return {
      known: stored.known,
      found: stored.found,
      ignored: stored.ignored,
      total: stored.total,
      nextPage: stored.nextPage,
      startedAt: stored.startedAt,
      completedAt: stored.completedAt
    };
  } catch (error) {
    logger.warning(`${zip2}: cannot read the parcel index (${errorMessage(error)}); searching`);
    return EMPTY_INDEX;
  }
}
async function writeParcelIndex(db, zip2, state, logger) {
  const document = {
    _id: zip2,
    known: state.known,
    found: state.found,
    ignored: state.ignored,
    total: state.total,
    nextPage: state.nextPage,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
    updatedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  try {
    await db.collection(COLLECTIONS.parcelIndex).replaceOne({ _id: zip2 }, document, { upsert: true });
  } catch (error) {
    logger.warning(
      `${zip2}: cannot store the parcel index (${errorMessage(error)}); the next run searches again`
    );
  }
}

// actions/collect-county/src/search-zip.ts
var PAGE_SIZE = 25;
var MAX_PAGES = 1e4;
var RESIDENTIAL = /* @__PURE__ */ new Set(["RESIDENTIAL", "TOWNHOUSE", "CONDO", "CONDOMINIUM"]);
async function searchZip(api, zip2, logger, signal, options = {}) {
  const seen = new Set(options.progress?.found ?? []);
  let ignored = options.progress?.ignored ?? 0;
  let total;
  const first = options.progress?.fromPage ?? 1;
  const last = Math.min(MAX_PAGES, first + (options.maxPages ?? MAX_PAGES) - 1);
  let page = first;
  let done = false;
  let pages = 0;
  for (; page <= last; page += 1) {
    let result;
    try {
      result = await api.searchPage(zip2, page, signal);
    } catch (error) {
      if (stopRequested(signal)) break;
      throw error;
    }
    pages += 1;
    total ??= result.total;
    for (const row of result.rows) {
      const apn = tryNormalizeApn(row.APN);
      const residential = RESIDENTIAL.has((row.PropertyType ?? "").trim().toUpperCase());
      if (apn === null || !residential || (row.SitusZip ?? "").trim() !== zip2) ignored += 1;
      else seen.add(apn);
    }
    logger.debug(`search ${zip2} page ${page}: ${result.rows.length} rows`);
    if (result.rows.length < PAGE_SIZE || total !== void 0 && page * PAGE_SIZE >= total) {
      done = true;
      break;
    }
  }
  const nextPage = done || page > MAX_PAGES ? null : page;
  if (nextPage === null)
    logger.info(
      `${zip2}: ${seen.size} residential parcels in ${Math.min(page, MAX_PAGES)} search pages (${ignored} other rows left out)`
    );
  else logger.debug(`${zip2}: search paused before page ${nextPage}: ${seen.size} parcels so far`);
  return { apns: [...seen], ignored, pages, total, nextPage };
}

// actions/collect-county/src/refresh-plan.ts
var PACE = 0.98;
var SEARCH_SHARE = 0.5;
function shardRate(inputs) {
  return inputs.requestsPerHour / inputs.shardsAtOnce;
}
function requestBudget(inputs) {
  if (inputs.requestsPerHour <= 0 || inputs.timeBudgetMinutes <= 0) return Infinity;
  return Math.floor(shardRate(inputs) * PACE * inputs.timeBudgetMinutes / 60);
}
var pagesOf = (total) => total === null ? null : Math.max(1, Math.ceil(total / 25));
var ageDays = (iso, now) => (now.getTime() - Date.parse(iso)) / 864e5;
async function searchWithIndex(options) {
  const { api, zip: zip2, db, logger, stop } = options;
  const now = options.now ?? /* @__PURE__ */ new Date();
  const stored = db === null ? null : await readParcelIndex(db, zip2, logger);
  const allowance = Math.max(1, options.pageAllowance);
  let pages = 0;
  let ignoredTonight = 0;
  let index = stored ?? EMPTY_INDEX;
  let note;
  const run2 = async (from, found, ignored, limit) => {
    const result = await searchZip(api, zip2, logger, stop, {
      maxPages: limit,
      progress: { fromPage: from, found, ignored }
    });
    pages += result.pages;
    ignoredTonight += result.ignored - ignored;
    return result;
  };
  const finish = (result, startedAt, total) => result.nextPage === null ? {
    known: result.apns,
    found: [],
    ignored: 0,
    total: result.total ?? total,
    nextPage: null,
    startedAt: null,
    completedAt: now.toISOString()
  } : {
    ...index,
    found: result.apns,
    ignored: result.ignored,
    total: total ?? result.total ?? null,
    nextPage: result.nextPage,
    startedAt
  };
  if (index.nextPage !== null) {
    const result = await run2(index.nextPage, index.found, index.ignored, allowance);
    index = finish(result, index.startedAt ?? now.toISOString(), index.total);
    note = `continued the search from page ${stored?.nextPage}`;
  } else if (index.completedAt !== null && ageDays(index.completedAt, now) <= options.inputs.indexMaxAgeDays) {
    const first = await run2(1, [], 0, 1);
    if (first.total === void 0 || first.total === index.total) {
      note = `index of ${index.known.length} parcels from ${index.completedAt.slice(0, 10)}; TOTAL unchanged`;
      const plan = new Set(index.known);
      for (const apn of first.apns) plan.add(apn);
      return { apns: [...plan], index, pages, ignored: ignoredTonight, note, pagesLeft: 0 };
    }
    note = `TOTAL changed from ${index.total ?? "unknown"} to ${first.total}: searching again`;
    index = finish(first, now.toISOString(), first.total);
    if (index.nextPage !== null && allowance > 1) {
      const result = await run2(index.nextPage, index.found, index.ignored, allowance - 1);
      index = finish(result, index.startedAt ?? now.toISOString(), index.total);
    }
  } else {
    note = index.completedAt === null ? "no parcel index yet: searching" : `index from ${index.completedAt.slice(0, 10)} is older than ${options.inputs.indexMaxAgeDays} days: searching again`;
    const result = await run2(1, [], 0, allowance);
    index = finish(result, now.toISOString(), null);
  }
  if (db !== null && !options.inputs.dryRun) await writeParcelIndex(db, zip2, index, logger);
  let pagesLeft = 0;
  if (index.nextPage !== null) {
    const total = pagesOf(index.total);
    pagesLeft = total === null ? null : Math.max(0, total - index.nextPage + 1);
    note += `; stopped at page ${index.nextPage - 1} to leave requests for parcels, continues next run`;
  } else note += `; index complete: ${index.known.length} parcels`;
  return { apns: indexedParcels(index), index, pages, ignored: ignoredTonight, note, pagesLeft };
}

// actions/collect-county/src/shard-result.ts
function httpDelta(before, after) {
  const errorsByClass = { ...after.errorsByClass };
  for (const key of Object.keys(errorsByClass)) {
    errorsByClass[key] -= before.errorsByClass[key];
  }
  return {
    requests: after.requests - before.requests,
    succeeded: after.succeeded - before.succeeded,
    retries: after.retries - before.retries,
    errorsByClass,
    circuitRejections: after.circuitRejections - before.circuitRejections,
    bytes: after.bytes - before.bytes,
    latencyMsTotal: after.latencyMsTotal - before.latencyMsTotal
  };
}
function coverageCounts(result) {
  const coverage = result.coverage;
  if (coverage === null) return {};
  return {
    "parcels-known": coverage.known,
    "parcels-collected": coverage.collected,
    "parcels-fresh": coverage.fresh,
    "fresh-days": coverage.freshDays,
    "refresh-nights-left": coverage.nightsLeft,
    "refresh-cycle-nights": coverage.cycleNights,
    ...coverage.perNight === null ? {} : { "parcels-per-night": coverage.perNight },
    ...result.requestBudget === null ? {} : { "request-budget": result.requestBudget },
    ...result.cycle === null ? {} : { "parcels-with-listing-activity": result.cycle.active },
    ...coverage.indexPagesLeft === null || coverage.indexPagesLeft === 0 ? {} : { "index-pages-left": coverage.indexPagesLeft }
  };
}
function shardRunStats(result, runId, startedAt) {
  const errorsByClass = Object.fromEntries(
    ERROR_CLASSES.map((name) => [name, result.errorsByClass[name] ?? 0])
  );
  const collected = result.resumed + result.fetched;
  return {
    schemaVersion: RUN_STATS_SCHEMA_VERSION,
    runId,
    action: "collect-county",
    shard: result.zip,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + result.elapsedMs).toISOString(),
    durationMs: Math.round(result.elapsedMs),
    counts: {
      "parcels-found": result.found,
      "parcels-resumed": result.resumed,
      "parcels-fetched": result.fetched,
      "parcels-failed": result.failed,
      "parcels-skipped": result.skipped,
      "parcels-abandoned": result.abandoned,
      "rows-ignored": result.ignored,
      "search-pages": result.searchPages,
      requests: result.requests,
      // County API response time: attempts sent and their summed durations (mean = total / requests).
      "api-requests": result.http.requests,
      "api-latency-ms-total": Math.round(result.http.latencyMsTotal),
      ...coverageCounts(result)
    },
    errorsByClass,
    retries: result.http.retries,
    outcome: collected === 0 && (!result.complete || result.failed > 0) ? "failure" : !result.complete || result.failed > 0 ? "partial" : "success"
  };
}
function shardUsage(zip2, requests, runId) {
  return {
    schemaVersion: USAGE_SCHEMA_VERSION,
    runId,
    action: "collect-county",
    shard: zip2,
    service: "county-api",
    unit: "request",
    quantity: requests,
    recordedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
}

// actions/collect-county/src/collect-shard.ts
async function collectShard(zip2, context) {
  const { api, checkpoint, inputs, logger, stop } = context;
  const startedAt = /* @__PURE__ */ new Date();
  const started = performance.now();
  const before = api.stats();
  const resumed = checkpoint.size;
  const budget = requestBudget(inputs);
  const stoppedAtStart = stop?.aborted === true;
  let search = { found: 0, ignored: 0, pages: 0, note: null };
  let outcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  let [skipped, complete, note, cycle] = [
    0,
    true,
    null,
    null
  ];
  let fatal = null;
  let planned = [];
  let priorities = null;
  let indexPagesLeft = null;
  try {
    const listed = await withGroup(
      logger,
      `${zip2}: search`,
      () => searchWithIndex({
        api,
        zip: zip2,
        db: context.db,
        inputs,
        pageAllowance: context.db === null ? Infinity : Math.floor(budget * SEARCH_SHARE),
        logger,
        stop
      })
    );
    search = {
      found: listed.apns.length,
      ignored: listed.ignored,
      pages: listed.pages,
      note: listed.note
    };
    indexPagesLeft = listed.pagesLeft;
    logger.info(`${zip2}: ${listed.note}`);
    planned = listed.apns;
    let order = listed.apns;
    if (inputs.mode === "incremental" && context.db !== null) {
      const db = context.db;
      priorities = await withGroup(
        logger,
        `${zip2}: priorities`,
        () => prioritise(db, order, logger)
      );
      ({ apns: order, cycle } = priorities);
    }
    const missing = order.filter((apn) => !checkpoint.has(apn));
    const todo = inputs.maxParcels > 0 ? missing.slice(0, inputs.maxParcels) : missing;
    outcome = await withGroup(
      logger,
      `${zip2}: fetch ${todo.length} parcels`,
      () => fetchParcels(todo, { api, checkpoint, zip: zip2, concurrency: inputs.concurrency, logger, stop })
    );
    skipped = missing.length - outcome.fetched - outcome.failed;
    if (outcome.stoppedEarly) {
      [complete, note] = [
        false,
        `stopped early: ${outcome.stopReason ?? "the county API closed"}; ${skipped} parcels left for a later run`
      ];
    } else if (outcome.fetched + outcome.failed < todo.length) {
      [complete, note] = [
        false,
        `stopped early: ${errorMessage(stop?.reason)}; ${skipped} parcels left for a later run`
      ];
    } else if (listed.index.nextPage !== null && stopRequested(stop)) {
      [complete, note] = [
        false,
        `stopped before the search finished: ${errorMessage(stop?.reason)}${context.db === null ? "" : `; it continues at page ${listed.index.nextPage} next run`}`
      ];
      logger.info(`${zip2}: ${note}`);
    } else if (listed.index.nextPage !== null && context.db !== null) {
      [complete, note] = [
        false,
        `the parcel index is not complete yet (continues at search page ${listed.index.nextPage} next run)`
      ];
    }
  } catch (error) {
    const hint = isHttpError(error) && error.failureClass === "bad-body" ? " (is input 'api-base-url' the county API?)" : "";
    if (error instanceof ConfigurationError) {
      [fatal, complete, note] = [error.message, false, `stopped: ${error.message}`];
      outcome = { ...outcome, fetched: checkpoint.size - resumed };
      logger.warning(`${zip2}: ${note}`);
    } else if (stopRequested(stop)) {
      [complete, note] = [
        false,
        `stopped before the search finished: ${errorMessage(stop?.reason)}`
      ];
      logger.info(`${zip2}: ${note}`);
    } else {
      [complete, note] = [false, `search failed: ${errorMessage(error)}${hint}`];
      logger.warning(`${zip2}: ${note}`);
    }
  } finally {
    await checkpoint.close();
  }
  const http = httpDelta(before, api.stats());
  const coverage = priorities !== null && planned.length > 0 ? coverageOf({
    apns: planned,
    priorities,
    checkpoint,
    freshDays: inputs.freshDays,
    requestBudget: budget,
    measuredRequests: !stoppedAtStart && stop?.reason instanceof BudgetSpent ? http.requests : null,
    indexPagesLeft
  }) : null;
  const partial = {
    zip: zip2,
    found: search.found,
    resumed,
    fetched: outcome.fetched,
    failed: outcome.failed,
    skipped,
    abandoned: outcome.stoppedEarly ? skipped : 0,
    ignored: search.ignored,
    searchPages: search.pages,
    requests: http.requests,
    http,
    errorsByClass: outcome.errorsByClass,
    elapsedMs: performance.now() - started,
    complete,
    note,
    fatal,
    cycle,
    coverage,
    requestBudget: Number.isFinite(budget) ? budget : null,
    searchNote: search.note,
    dir: context.target.dir
  };
  const runStats = shardRunStats(partial, context.runId, startedAt);
  const usage = shardUsage(zip2, http.requests, context.runId);
  const published = await withGroup(
    logger,
    `${zip2}: write artifact`,
    () => publishShard(
      checkpoint,
      { runId: context.runId, zip: zip2, runStats, usage, complete: runStats.outcome === "success" },
      context.target,
      logger
    )
  );
  return {
    ...partial,
    parcels: published.records,
    artifact: published.uploaded ? context.target.artifactName : null
  };
}

// actions/collect-county/src/priority-database.ts
async function openPriorityDatabase(inputs, logger) {
  if (inputs.mongodbUri === "" || inputs.mode !== "incremental") {
    if (inputs.mode === "incremental") logger.info("incremental without mongodb-uri: search order");
    return { db: null, close: () => Promise.resolve() };
  }
  try {
    const connection = await connectDatabase(inputs.mongodbUri, inputs.database);
    logger.info(`incremental priorities from database ${describeDatabase(connection.database)}`);
    return connection;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    logger.warning(
      `mongodb-uri: cannot read properties (${errorMessage(error)}); collecting in search order`
    );
    return { db: null, close: () => Promise.resolve() };
  }
}

// actions/collect-county/src/resume.ts
import { join } from "node:path";
async function previousStage(source, zip2, logger) {
  const name = `${source.name}-${zip2}`;
  const where = source.kind === "artifact" ? { client: source.client, baseDir: source.downloadDir, downloadDir: source.downloadDir } : { client: null, baseDir: source.dir, downloadDir: source.dir };
  const { stages } = await readStages([name], { ...where, logger });
  return stages[0] ?? null;
}
async function importPreviousRun(source, zip2, checkpoint, logger) {
  const stage = await previousStage(source, zip2, logger);
  if (stage === null) return null;
  const { manifest } = stage;
  const manifestPath = join(stage.dir, MANIFEST_FILE);
  expectRecordType(stage, "county-parcel");
  if (manifest.shard !== zip2) {
    throw new IntegrityError(`${manifestPath}: shard expected ${zip2}, actual ${manifest.shard}`);
  }
  let added = 0;
  for await (const parcel of stage.records("county-parcel", countyParcelSchema))
    if (await checkpoint.append(parcel)) added += 1;
  logger.info(`${zip2}: ${added} parcels kept from ${source.name}-${zip2} (run ${manifest.runId})`);
  return added;
}
async function importPreviousRuns(source, checkpoints, logger, options = { required: true }) {
  const found = await withGroup(logger, `resume from ${source.name}`, async () => {
    let shards = 0;
    for (const [zip2, checkpoint] of checkpoints) {
      const added = await importPreviousRun(source, zip2, checkpoint, logger);
      if (added === null && options.required)
        logger.warning(
          `resume-from: no output '${source.name}-${zip2}'; collecting ${zip2} from the start`
        );
      else if (added === null)
        logger.info(`${zip2}: no earlier attempt uploaded '${source.name}-${zip2}'; from the start`);
      else shards += 1;
    }
    return shards;
  });
  if (found === 0 && options.required) {
    throw new ConfigurationError(
      `input 'resume-from': expected the artifact-name of a previous run, but no '${source.name}-<zip>' output exists for ${[...checkpoints.keys()].join(", ")}`
    );
  }
}

// actions/collect-county/src/collect.ts
async function collectCounty(inputs, deps) {
  return withCollectionStop(
    {
      minutes: inputs.timeBudgetMinutes,
      runner: deps.stop,
      sleep: deps.sleep,
      logger: deps.logger,
      then: "no new parcels, and what was collected is uploaded"
    },
    (stop) => collectZips(inputs, deps, stop)
  );
}
async function collectZips(inputs, deps, stop) {
  const { logger } = deps;
  const run2 = readRunContext(deps.env);
  const workRoot = join2(run2.tempDir, "collect-county", run2.runId);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const outDir = client ? join2(workRoot, "stage") : join2(run2.tempDir, "out");
  const api = new CountyApi({
    baseUrl: inputs.apiBaseUrl,
    token: inputs.apiToken,
    requestsPerHour: shardRate(inputs),
    logger,
    ...deps.api
  });
  const checkpoints = /* @__PURE__ */ new Map();
  for (const zip2 of inputs.zipCodes) {
    checkpoints.set(
      zip2,
      await Checkpoint.open(join2(workRoot, `${inputs.artifactName}-${zip2}`, "checkpoint.ndjson"))
    );
  }
  const resume = chooseResume({
    resumeFrom: inputs.resumeFrom,
    artifactName: inputs.artifactName,
    runAttempt: run2.runAttempt,
    canDownload: client !== null,
    logger
  });
  if (resume !== null) {
    const source = deps.artifactClient ? {
      kind: "artifact",
      client: deps.artifactClient,
      name: resume.name,
      downloadDir: join2(workRoot, "resume")
    } : { kind: "folder", dir: join2(run2.tempDir, "out"), name: resume.name };
    await importPreviousRuns(source, checkpoints, logger, { required: resume.required });
  }
  const privacy = await artifactPrivacy(
    { ...inputs, passphrase: inputs.artifactPassphrase, passphraseInput: "artifact-passphrase" },
    logger
  );
  const publish = { client, retentionDays: inputs.retentionDays, privacy };
  const database = await openPriorityDatabase(inputs, logger);
  const shards = [];
  try {
    for (const [zip2, checkpoint] of checkpoints) {
      const name = `${inputs.artifactName}-${zip2}`;
      shards.push(
        await collectShard(zip2, {
          api,
          db: database.db,
          inputs,
          runId: run2.runId,
          checkpoint,
          logger,
          target: { dir: join2(outDir, name), artifactName: name, ...publish },
          stop
        })
      );
    }
  } finally {
    await api.close();
    await database.close();
    for (const checkpoint of checkpoints.values()) await checkpoint.close();
  }
  if (!client)
    logger.info(
      `stage folders are in ${outDir}${inputs.dryRun ? " (dry run: nothing uploaded)" : ""}`
    );
  return {
    shards,
    mode: inputs.mode,
    dryRun: inputs.dryRun,
    artifactName: client ? inputs.artifactName : "",
    outDir,
    source: redactUrl(inputs.apiBaseUrl),
    maxFailureRate: inputs.maxFailureRate
  };
}

// actions/collect-county/src/inputs.ts
var COUNTY_API_BASE = "https://mcassessor.maricopa.gov";
var zip = external_exports.string().regex(/^\d{5}$/, "expected a 5-digit ZIP code such as 85031");
var collectCountyInputs = external_exports.object({
  /** ZIP codes to collect, one artifact each. */
  zipCodes: listInput(zip, { min: 1 }),
  /** Base URL of the county API. */
  apiBaseUrl: stringInput({ default: COUNTY_API_BASE }).refine(
    (url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol),
    { message: "expected an http(s) URL such as https://mcassessor.maricopa.gov" }
  ),
  /** The Assessor API token (a secret). */
  apiToken: stringInput({ required: true }),
  /** `full` collects every parcel; `incremental` puts new and stale parcels first. */
  mode: choiceInput(["full", "incremental"], "incremental"),
  /** Most parcels to fetch per ZIP in this run; 0 = all. */
  maxParcels: integerInput({ default: 0, min: 0 }),
  /** Parcel requests in flight at once. */
  concurrency: integerInput({ default: 4, min: 1, max: 32 }),
  /**
   * Minutes after which no new parcel is taken and what was collected is uploaded as a partial
   * shard; 0 = no budget. Keep it inside the job's `timeout-minutes`.
   */
  timeBudgetMinutes: decimalInput({ default: 0, unit: "of minutes" }),
  /** Requests per hour the collector allows itself; 0 = no limit. */
  requestsPerHour: integerInput({ default: 1e3, min: 0 }),
  /**
   * Shards that use the same token at the same time (the matrix's `max-parallel`): each paces at
   * `requests-per-hour` ÷ this, so together they stay inside the token's limit.
   */
  shardsAtOnce: integerInput({ default: 1, min: 1, max: 64 }),
  /** A parcel refreshed within this many days counts as fresh in the coverage figures. */
  freshDays: integerInput({ default: 30, min: 1, max: 3650 }),
  /** Days after which a complete parcel index is searched again even if the county's TOTAL is unchanged. */
  indexMaxAgeDays: integerInput({ default: 30, min: 1, max: 3650 }),
  /** `artifact-name` of a previous run whose parcels to keep. */
  resumeFrom: stringInput().pipe(artifactNameSchema({ optional: true })),
  /** MongoDB with the `properties` collection, for incremental priorities (a secret). */
  mongodbUri: mongodbUriInput,
  /** Database holding `properties`; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Prefix of the artifacts: one per ZIP, `<artifact-name>-<zip>`. */
  artifactName: stringInput({ default: "county-parcels" }).pipe(artifactNameSchema()),
  /** Days GitHub keeps the artifacts: long enough for store-mongo and a re-run. */
  retentionDays: integerInput({ default: 7, min: 1, max: 90 }),
  /** `public`, `private`, or `auto` (the event's `repository.private`). */
  repositoryVisibility: repositoryVisibilityInput,
  /** Opt-in: owner names and mailing addresses in the clear even in a public repository. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** Passphrase (a secret) sealing the owner fields in artifacts of a public repository. */
  artifactPassphrase: passphraseInput,
  /** Share of the parcels tried in this run that may fail before the run fails (0 to 1). */
  maxFailureRate: rateInput(0.25),
  /** Collect and write locally, but upload nothing. */
  dryRun: dryRunInput
});

// actions/collect-county/src/outcome.ts
var kept = (shard) => shard.artifact ? `${shard.parcels} parcels uploaded as ${shard.artifact}` : `${shard.parcels} parcels written to ${shard.dir}`;
function outage(shard, result) {
  const verdict = sourceVerdict(
    {
      source: `the county API at ${result.source}`,
      zip: shard.zip,
      unit: "parcels",
      collected: shard.fetched,
      // Parcels left because the county kept failing (circuit open) are its failures too.
      failed: shard.failed + shard.abandoned,
      // Failed requests by class: a search that never answered has no failed parcels.
      errors: shard.http.errorsByClass,
      stopped: shard.note
    },
    result.maxFailureRate
  );
  return verdict === void 0 ? void 0 : `${verdict}; ${kept(shard)}`;
}
function collectFailure(result) {
  const fatal = /* @__PURE__ */ new Map();
  for (const shard of result.shards) {
    if (shard.fatal !== null)
      fatal.set(shard.fatal, [
        ...fatal.get(shard.fatal) ?? [],
        `ZIP ${shard.zip}: ${kept(shard)}`
      ]);
  }
  const reasons = [
    ...[...fatal].map(([message, shards]) => `${message} (${shards.join("; ")})`),
    ...result.shards.filter((shard) => shard.fatal === null).map((shard) => outage(shard, result)).filter((reason) => reason !== void 0)
  ];
  return reasons.length > 0 ? reasons.join("; ") : void 0;
}

// actions/collect-county/src/summary.ts
var number = (value) => value.toLocaleString("en-US");
function elapsed(ms) {
  const seconds = ms / 1e3;
  return seconds < 90 ? `${seconds.toFixed(1)} s` : `${(seconds / 60).toFixed(1)} min`;
}
function effectiveRate(shard) {
  return shard.elapsedMs > 0 ? Math.round(shard.requests * 36e5 / shard.elapsedMs) : 0;
}
function cycleLine(shard) {
  if (shard.cycle === null) return null;
  const { listed, neverSeen, active, oldestLastSeen } = shard.cycle;
  const share = listed === 0 ? 100 : Math.round((listed - neverSeen) * 100 / listed);
  const oldest = oldestLastSeen ? `, the stalest refreshed ${oldestLastSeen.slice(0, 10)}` : "";
  const activity = active > 0 ? `; ${number(active)} with listing activity went first` : "";
  return `- ${shard.zip}: refresh cycle at ${share} % (${number(listed - neverSeen)} of ${number(listed)} parcels collected before this run${oldest})${activity}; ${number(shard.skipped)} wait for later runs`;
}
function coverageLine(shard) {
  const coverage = shard.coverage;
  if (coverage === null) return null;
  const pace = coverage.perNight === null ? "no request budget (no rate limit or no time budget): every due parcel is tried each run" : `at ${number(coverage.perNight)} parcels a night a full refresh takes ${number(coverage.cycleNights)} nights; ${number(coverage.nightsLeft)} until every parcel is fresh`;
  const index = coverage.indexPagesLeft !== null && coverage.indexPagesLeft > 0 ? ` (the parcel index is still being built: about ${number(coverage.indexPagesLeft)} search pages left, so more parcels will be known)` : "";
  return `- ${shard.zip}: ${number(coverage.fresh)} of ${number(coverage.known)} known parcels fresh (refreshed within ${coverage.freshDays} days), ${number(coverage.collected)} ever collected; ${pace}${index}`;
}
function planLine(shard) {
  if (shard.searchNote === null) return null;
  const budget = shard.requestBudget === null ? "no request budget" : `${number(shard.requestBudget)} requests`;
  return `- ${shard.zip}: ${budget}; search: ${markdownText(shard.searchNote)} (${number(shard.searchPages)} pages)`;
}
function collectSummary(result) {
  const complete = result.shards.every((shard) => shard.complete);
  const failed = result.shards.reduce((total, shard) => total + shard.failed, 0);
  const rows = result.shards.map(
    (shard) => `| ${shard.zip} | ${number(shard.found)} | ${number(shard.fetched)} | ${number(shard.resumed)} | ${number(shard.failed)} | ${number(shard.skipped)} | ${number(shard.parcels)} | ${number(shard.requests)} | ${elapsed(shard.elapsedMs)} | ${number(effectiveRate(shard))}/h |`
  );
  const notes = result.shards.filter((shard) => shard.note !== null).map((shard) => `- ${shard.zip}: ${markdownText(shard.note ?? "")}`);
  const cycles = result.shards.map(cycleLine).filter((line) => line !== null);
  const coverage = result.shards.map(coverageLine).filter((line) => line !== null);
  const plans = result.shards.map(planLine).filter((line) => line !== null);
  const where = result.artifactName ? `Artifacts: ${result.shards.map((shard) => `\`${shard.artifact}\``).join(", ")}.` : `Stage folders written to \`${result.outDir}\`${result.dryRun ? " (dry run: nothing uploaded)" : " (no artifact service: not uploaded)"}.`;
  const failure = collectFailure(result);
  return [
    `## County parcels (${result.mode})`,
    "",
    ...failure === void 0 ? [] : [`**Failed**: ${markdownText(failure)}`, ""],
    complete ? failed === 0 ? "Complete." : `Complete, but ${number(failed)} parcels could not be collected after retries; the next run tries them again.` : "**Partial run**: stopped before the work was done (why is below); what was collected is in the artifacts, and the next run continues (or resume with `resume-from`).",
    "",
    "| ZIP | found | fetched | kept | failed | skipped | in artifact | requests | elapsed | rate |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    ...notes.length > 0 ? [...notes, ""] : [],
    ...plans.length > 0 ? ["Plan:", ...plans, ""] : [],
    ...cycles.length > 0 ? ["Incremental refresh:", ...cycles, ""] : [],
    ...coverage.length > 0 ? ["Coverage:", ...coverage, ""] : [],
    where,
    ""
  ].join("\n");
}

// actions/collect-county/src/main.ts
var sum = (result, pick) => result.shards.reduce((total, shard) => total + pick(shard), 0);
function createCollectCountyAction(outside = {}) {
  return {
    name: "collect-county",
    inputs: collectCountyInputs,
    secrets: ["apiToken", "mongodbUri", "artifactPassphrase"],
    execute: (inputs, logger) => collectCounty(inputs, { ...outside, logger, artifactClient: runnerArtifactClient() }),
    outputs: (result) => {
      const fetched = sum(result, (shard) => shard.fetched);
      const failed = sum(result, (shard) => shard.failed);
      return {
        parcels: sum(result, (shard) => shard.parcels),
        failed,
        requests: sum(result, (shard) => shard.requests),
        "success-rate": fetched + failed === 0 ? 1 : Number((fetched / (fetched + failed)).toFixed(4)),
        "artifact-name": result.artifactName,
        complete: result.shards.every((shard) => shard.complete)
      };
    },
    failureOutputs: {
      parcels: 0,
      failed: 0,
      requests: 0,
      "success-rate": 0,
      "artifact-name": "",
      complete: false
    },
    summary: collectSummary,
    failure: collectFailure
  };
}
var action = createCollectCountyAction();
var run = () => runAction(createCollectCountyAction({ stop: runnerStopSignal() }));

// actions/collect-county/src/index.ts
await run();
