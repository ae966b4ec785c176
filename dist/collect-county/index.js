import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  CircuitBreaker,
  CircuitOpenError,
  FAILURE_CLASSES,
  classifyException,
  classifyStatus,
  createHttpError,
  isHttpError,
  isJsonContentType,
  isSourceFailure,
  looksLikeHtml,
  retry
} from "../chunks/chunk-E3XINBQO.js";
import {
  RateLimiter,
  normalizeAddress,
  normalizeZip
} from "../chunks/chunk-YIXYKKPJ.js";
import {
  abortReason
} from "../chunks/chunk-DZ53HVQ5.js";
import {
  formatIssues
} from "../chunks/chunk-YR5VG2O6.js";
import {
  COUNTY_PARCEL_SCHEMA_VERSION,
  countyParcelSchema
} from "../chunks/chunk-AXPBDK5O.js";
import {
  require_lib
} from "../chunks/chunk-SSC6FHVY.js";
import {
  redactUrl,
  scrubSecrets,
  secretHeaderValues,
  secretQueryValues
} from "../chunks/chunk-CQ3Z2ZHE.js";
import {
  USAGE_SCHEMA_VERSION
} from "../chunks/chunk-2UQ2MNHY.js";
import "../chunks/chunk-STSIISIV.js";
import {
  DefaultArtifactClient,
  downloadStage,
  uploadStage
} from "../chunks/chunk-DXWM4BLK.js";
import {
  ERROR_CLASSES,
  RUN_STATS_SCHEMA_VERSION
} from "../chunks/chunk-6TLMVTW5.js";
import {
  ConfigurationError,
  ENV,
  IntegrityError,
  NonRetryableError,
  __toESM,
  choiceInput,
  dryRunInput,
  errorMessage,
  external_exports,
  integerInput,
  listInput,
  mongodbUriInput,
  readEnv,
  readNdjson,
  readRunContext,
  readStageOutput,
  runAction,
  stringInput,
  withGroup,
  writeStageOutput
} from "../chunks/chunk-BLSOV3SF.js";

// actions/collect-county/src/collect.ts
var import_mongodb = __toESM(require_lib(), 1);
import { join as join2 } from "node:path";

// actions/collect-county/src/checkpoint.ts
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, stat, truncate } from "node:fs/promises";
import { dirname } from "node:path";
import { createInterface } from "node:readline";
var APN_AT_START = /^\{"schemaVersion":\d+,"apn":"([^"]+)"/;
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
var Checkpoint = class _Checkpoint {
  constructor(path) {
    this.path = path;
  }
  path;
  #done = /* @__PURE__ */ new Set();
  #stream;
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
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() !== "") checkpoint.#remember(apnOfLine(line) ?? JSON.parse(line));
      }
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
  /** Records a parcel unless it is there already; resolves once the file can take more. */
  async append(parcel) {
    if (this.#done.has(parcel.apn)) return false;
    this.#done.add(parcel.apn);
    this.#stream ??= createWriteStream(this.path, { flags: "a" });
    if (!this.#stream.write(`${JSON.stringify(parcel)}
`)) await once(this.#stream, "drain");
    return true;
  }
  /** Flushes and closes the file. */
  async close() {
    const stream = this.#stream;
    this.#stream = void 0;
    if (stream)
      await new Promise(
        (resolve, reject) => stream.end((error) => error ? reject(error) : resolve())
      );
  }
  /** Streams the recorded parcels (call after `close`). */
  async *records() {
    if (existsSync(this.path)) yield* readNdjson(this.path);
  }
  #remember(record) {
    const apn = typeof record === "string" ? record : record.apn;
    if (typeof apn === "string") this.#done.add(apn);
  }
};
function apnOfLine(line) {
  return APN_AT_START.exec(line)?.[1] ?? null;
}

// shared/http/retry-after.ts
function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value === void 0) return void 0;
  const text = value.trim();
  if (text === "") return void 0;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1e3);
  if (!/[a-z]/i.test(text)) return void 0;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return void 0;
  return Math.max(0, at - now);
}

// shared/http/attempt.ts
async function attemptGet(request) {
  const url = redactUrl(request.url);
  const secrets = [...secretHeaderValues(request.headers), ...secretQueryValues(request.url)];
  const fail = (failureClass2, detail, more = {}) => createHttpError(`GET ${url}: ${scrubSecrets(detail, secrets)}`, { failureClass: failureClass2, url, ...more });
  if (!URL.canParse(request.url)) throw fail("other", "not a valid URL");
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response;
  let buffer;
  try {
    response = await fetch(request.url, { headers: request.headers, signal });
    buffer = await response.arrayBuffer();
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    const failureClass2 = timeout.aborted ? "timeout" : classifyException(error);
    const detail = timeout.aborted ? `no response within ${request.timeoutMs} ms` : causeText(error);
    throw fail(failureClass2, `${failureClass2} (${detail})`, { cause: error });
  }
  const body = new TextDecoder().decode(buffer);
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  const contentType = response.headers.get("content-type");
  const failureClass = request.classifyResponse?.(response, body) ?? classifyStatus(status) ?? (request.expect === "json" && !isJsonContentType(contentType) && (contentType !== null || looksLikeHtml(body)) ? "bad-body" : void 0);
  if (failureClass !== void 0) {
    const detail = `HTTP ${status} ${contentType ?? "no content type"}, ${failureClass}: ${excerpt(body)}`;
    throw fail(failureClass, detail, { status, retryAfterMs });
  }
  if (request.expect === "text") return { value: body, status, bytes: buffer.byteLength };
  try {
    return { value: JSON.parse(body), status, bytes: buffer.byteLength };
  } catch {
    throw fail("bad-body", `HTTP ${status}, bad-body: not valid JSON: ${excerpt(body)}`, {
      status
    });
  }
}
function excerpt(body) {
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 120)}...` : text || "(empty body)";
}
function causeText(error) {
  const parts = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    const code = current.code;
    parts.push(typeof code === "string" ? `${current.message} [${code}]` : current.message);
    current = current.cause;
  }
  return parts.join(": ") || String(error);
}

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
  constructor(options = {}) {
    this.#options = options;
    const breaker = options.circuitBreaker;
    this.#breaker = breaker === void 0 || breaker instanceof CircuitBreaker ? breaker : new CircuitBreaker({ isFailure: isSourceFailure, ...breaker });
  }
  /** The circuit breaker in use, if any (to read its state). */
  get circuitBreaker() {
    return this.#breaker;
  }
  /** A snapshot of what this client has done so far. */
  stats() {
    return copyHttpStats(this.#stats);
  }
  /** GETs `url` and parses its JSON body; HTML or broken JSON is a retryable `bad-body`. */
  async getJson(url, options = {}) {
    return await this.get(url, { expect: "json", ...options });
  }
  /** GETs `url` and returns its body as text, whatever its content type. */
  async getText(url, options = {}) {
    return await this.get(url, { ...options, expect: "text" });
  }
  /** GETs `url`, returning parsed JSON (`expect: 'json'`, the default) or text. */
  async get(url, options = {}) {
    const safeUrl = redactUrl(url);
    const onRetry = (event) => {
      this.#stats.retries += 1;
      const why = isHttpError(event.error) ? event.error.failureClass : "error";
      this.#options.logger?.debug(
        `GET ${safeUrl}: ${why} on attempt ${event.attempt}/${event.maxAttempts}; retrying in ${event.delayMs} ms`
      );
      this.#options.onRetry?.(event);
    };
    try {
      const { signal } = options;
      return await retry(
        () => this.#breaker ? this.#breaker.execute(() => this.#attempt(url, options)) : this.#attempt(url, options),
        { ...this.#options.retry, signal, onRetry }
      );
    } catch (error) {
      if (error instanceof CircuitOpenError) this.#stats.circuitRejections += 1;
      throw error;
    }
  }
  async #attempt(url, options) {
    const { logger, rateLimiter } = this.#options;
    await rateLimiter?.acquire(options.signal);
    this.#stats.requests += 1;
    const started = performance.now();
    const elapsed2 = () => Math.round(performance.now() - started);
    try {
      const result = await attemptGet({
        url,
        headers: { ...this.#options.headers, ...options.headers },
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 3e4,
        expect: options.expect ?? "json",
        signal: options.signal,
        classifyResponse: this.#options.classifyResponse
      });
      this.#stats.succeeded += 1;
      this.#stats.bytes += result.bytes;
      logger?.debug(
        `GET ${redactUrl(url)} -> ${result.status} in ${elapsed2()} ms (${result.bytes} B)`
      );
      return result.value;
    } catch (error) {
      if (isHttpError(error)) {
        this.#stats.errorsByClass[error.failureClass] += 1;
        if (error.failureClass === "rate-limited") {
          rateLimiter?.pause(error.retryAfterMs ?? this.#options.rateLimitedPauseMs ?? 1e3);
        }
        logger?.debug(`${error.message} (${elapsed2()} ms)`);
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
    raw: body
  };
  const checked = countyParcelSchema.safeParse(parcel);
  if (!checked.success) {
    throw new NonRetryableError(`county parcel ${canonical}: ${formatIssues(checked.error)}`);
  }
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
    const url = `${this.#base}/parcel/${compactApn(apn)}`;
    const body = await this.#get(url, signal);
    return parseCountyParcel(apn, body, {
      zip: zip2,
      collectedAt: (/* @__PURE__ */ new Date()).toISOString(),
      sourceUrl: url
    });
  }
  async #get(url, signal) {
    try {
      return await this.#http.getJson(url, { signal });
    } catch (error) {
      if (isHttpError(error) && error.failureClass === "auth") throw tokenRefused();
      throw error;
    }
  }
};

// actions/collect-county/src/fetch-parcels.ts
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
  const { api, checkpoint, zip: zip2, logger } = options;
  const outcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  const abort = new AbortController();
  const progressEvery = Math.max(100, Math.ceil(apns.length / 10));
  let next = 0;
  let fatal;
  const worker = async () => {
    while (!abort.signal.aborted && next < apns.length) {
      const apn = apns[next++];
      try {
        await checkpoint.append(await api.parcel(apn, zip2, abort.signal));
        outcome.fetched += 1;
        if (outcome.fetched % progressEvery === 0) {
          logger.info(
            `${zip2}: ${outcome.fetched} of ${apns.length} parcels fetched, ${outcome.failed} failed`
          );
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        if (error instanceof ConfigurationError) {
          fatal = error;
          abort.abort(error);
        } else if (error instanceof CircuitOpenError) {
          logger.warning(
            `${zip2}: ${error.message}; stopping with ${outcome.fetched} parcels fetched`
          );
          outcome.stoppedEarly = true;
          abort.abort(error);
        } else {
          const errorClass = errorClassOf(error);
          outcome.failed += 1;
          outcome.errorsByClass[errorClass] = (outcome.errorsByClass[errorClass] ?? 0) + 1;
          const message = `${zip2}: parcel ${apn} not collected: ${errorMessage(error)}`;
          if (outcome.failed <= 10) logger.warning(message);
          else logger.debug(message);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  if (fatal !== void 0) throw fatal;
  return outcome;
}

// actions/collect-county/src/priorities.ts
var CHUNK = 500;
async function prioritise(db, apns, logger) {
  const lastSeen = /* @__PURE__ */ new Map();
  const properties = db.collection(
    "properties"
  );
  for (let start = 0; start < apns.length; start += CHUNK) {
    const chunk = apns.slice(start, start + CHUNK);
    const cursor = properties.find({ _id: { $in: chunk } }, { projection: { "sources.county.lastSeen": 1 } }).sort({ _id: 1 });
    for await (const property of cursor) {
      const seen2 = property.sources?.county?.lastSeen;
      if (typeof seen2 === "string") lastSeen.set(property._id, seen2);
    }
  }
  const never = apns.filter((apn) => !lastSeen.has(apn));
  const seen = apns.filter((apn) => lastSeen.has(apn)).sort((a, b) => Date.parse(lastSeen.get(a)) - Date.parse(lastSeen.get(b)));
  const oldest = seen[0] === void 0 ? null : lastSeen.get(seen[0]) ?? null;
  logger.info(
    `${never.length} never collected, ${seen.length} to refresh (stalest from ${oldest ?? "never"})`
  );
  return {
    apns: [...never, ...seen],
    cycle: { listed: apns.length, neverSeen: never.length, oldestLastSeen: oldest }
  };
}

// actions/collect-county/src/publish.ts
import { rm } from "node:fs/promises";
async function publishShard(checkpoint, companions, target, logger) {
  await rm(target.dir, { recursive: true, force: true });
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
    checkpoint.records(),
    { records: { "run-stats": [companions.runStats], usage: [companions.usage] } }
  );
  if (target.client === null) {
    logger.info(
      `${companions.zip}: ${manifest.recordCount} parcels written to ${target.dir} (not uploaded)`
    );
    return { records: manifest.recordCount, uploaded: false };
  }
  await uploadStage(target.client, target.artifactName, target.dir, logger, {
    compressionLevel: 0
  });
  return { records: manifest.recordCount, uploaded: true };
}

// actions/collect-county/src/search-zip.ts
var PAGE_SIZE = 25;
var MAX_PAGES = 1e4;
var RESIDENTIAL = /* @__PURE__ */ new Set(["RESIDENTIAL", "TOWNHOUSE", "CONDO", "CONDOMINIUM"]);
async function searchZip(api, zip2, logger, signal) {
  const seen = /* @__PURE__ */ new Set();
  let ignored = 0;
  let total;
  let page = 1;
  for (; page <= MAX_PAGES; page += 1) {
    const result = await api.searchPage(zip2, page, signal);
    total ??= result.total;
    for (const row of result.rows) {
      const apn = tryNormalizeApn(row.APN);
      const residential = RESIDENTIAL.has((row.PropertyType ?? "").trim().toUpperCase());
      if (apn === null || !residential || (row.SitusZip ?? "").trim() !== zip2) ignored += 1;
      else seen.add(apn);
    }
    logger.debug(`search ${zip2} page ${page}: ${result.rows.length} rows`);
    if (result.rows.length < PAGE_SIZE || total !== void 0 && page * PAGE_SIZE >= total) break;
  }
  logger.info(
    `${zip2}: ${seen.size} residential parcels in ${page} search pages (${ignored} other rows left out)`
  );
  return { apns: [...seen], ignored, pages: Math.min(page, MAX_PAGES), total };
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
      "rows-ignored": result.ignored,
      "search-pages": result.searchPages,
      requests: result.requests
    },
    errorsByClass,
    retries: result.http.retries,
    outcome: !result.complete && collected === 0 ? "failure" : !result.complete || result.failed > 0 ? "partial" : "success"
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
  const { api, checkpoint, inputs, logger } = context;
  const startedAt = /* @__PURE__ */ new Date();
  const started = performance.now();
  const before = api.stats();
  const resumed = checkpoint.size;
  let search = { found: 0, ignored: 0, pages: 0 };
  let outcome = { fetched: 0, failed: 0, errorsByClass: {}, stoppedEarly: false };
  let [skipped, complete, note, cycle] = [
    0,
    true,
    null,
    null
  ];
  try {
    const listed = await withGroup(logger, `${zip2}: search`, () => searchZip(api, zip2, logger));
    search = { found: listed.apns.length, ignored: listed.ignored, pages: listed.pages };
    let order = listed.apns;
    if (inputs.mode === "incremental" && context.db !== null) {
      const db = context.db;
      ({ apns: order, cycle } = await withGroup(
        logger,
        `${zip2}: priorities`,
        () => prioritise(db, order, logger)
      ));
    }
    const missing = order.filter((apn) => !checkpoint.has(apn));
    const todo = inputs.maxParcels > 0 ? missing.slice(0, inputs.maxParcels) : missing;
    outcome = await withGroup(
      logger,
      `${zip2}: fetch ${todo.length} parcels`,
      () => fetchParcels(todo, { api, checkpoint, zip: zip2, concurrency: inputs.concurrency, logger })
    );
    skipped = missing.length - outcome.fetched - outcome.failed;
    if (outcome.stoppedEarly) {
      [complete, note] = [
        false,
        `stopped early: the county API kept failing (circuit open); ${skipped} parcels left for a resumed run`
      ];
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const hint = isHttpError(error) && error.failureClass === "bad-body" ? " (is input 'api-base-url' the county API?)" : "";
    [complete, note] = [false, `search failed: ${errorMessage(error)}${hint}`];
    logger.warning(`${zip2}: ${note}`);
  } finally {
    await checkpoint.close();
  }
  const http = httpDelta(before, api.stats());
  const partial = {
    zip: zip2,
    found: search.found,
    resumed,
    fetched: outcome.fetched,
    failed: outcome.failed,
    skipped,
    ignored: search.ignored,
    searchPages: search.pages,
    requests: http.requests,
    http,
    errorsByClass: outcome.errorsByClass,
    elapsedMs: performance.now() - started,
    complete,
    note,
    cycle,
    dir: context.target.dir
  };
  const runStats = shardRunStats(partial, context.runId, startedAt);
  const usage = shardUsage(zip2, http.requests, context.runId);
  const published = await withGroup(
    logger,
    `${zip2}: write artifact`,
    () => publishShard(
      checkpoint,
      { runId: context.runId, zip: zip2, runStats, usage },
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

// actions/collect-county/src/resume.ts
import { existsSync as existsSync2 } from "node:fs";
import { join } from "node:path";
async function stageFolder(source, zip2, logger) {
  const name = `${source.name}-${zip2}`;
  if (source.kind === "folder") {
    const dir = join(source.dir, name);
    return existsSync2(join(dir, "manifest.json")) ? dir : null;
  }
  try {
    return (await downloadStage(source.client, name, join(source.downloadDir, name), logger)).dir;
  } catch (error) {
    if (error instanceof NonRetryableError && /^lookup of artifact/.test(error.message))
      return null;
    throw error;
  }
}
async function importPreviousRun(source, zip2, checkpoint, logger) {
  const dir = await stageFolder(source, zip2, logger);
  if (dir === null) return null;
  const stage = await readStageOutput(dir, {
    schema: countyParcelSchema,
    expectRecordType: "county-parcel"
  });
  if (stage.manifest.shard !== zip2) {
    throw new IntegrityError(
      `${join(dir, "manifest.json")}: shard expected ${zip2}, actual ${stage.manifest.shard}`
    );
  }
  let added = 0;
  for await (const parcel of stage.records) if (await checkpoint.append(parcel)) added += 1;
  logger.info(
    `${zip2}: ${added} parcels kept from ${source.name}-${zip2} (run ${stage.manifest.runId})`
  );
  return added;
}

// actions/collect-county/src/collect.ts
async function openDatabase(inputs, logger) {
  if (inputs.mongodbUri === "" || inputs.mode !== "incremental") {
    if (inputs.mode === "incremental") logger.info("incremental without mongodb-uri: search order");
    return { db: null, close: () => Promise.resolve() };
  }
  const client = new import_mongodb.MongoClient(inputs.mongodbUri, { serverSelectionTimeoutMS: 1e4 });
  try {
    await client.connect();
    return { db: client.db(), close: () => client.close() };
  } catch (error) {
    logger.warning(
      `mongodb-uri: cannot read properties (${errorMessage(error)}); collecting in search order`
    );
    await client.close().catch(() => void 0);
    return { db: null, close: () => Promise.resolve() };
  }
}
async function collectCounty(inputs, deps) {
  const { logger } = deps;
  const run2 = readRunContext(deps.env);
  const workRoot = join2(run2.tempDir, "collect-county", run2.runId);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const outDir = client ? join2(workRoot, "stage") : join2(run2.tempDir, "out");
  const api = new CountyApi({
    baseUrl: inputs.apiBaseUrl,
    token: inputs.apiToken,
    requestsPerHour: inputs.requestsPerHour,
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
  if (inputs.resumeFrom !== "") {
    const source = deps.artifactClient ? {
      kind: "artifact",
      client: deps.artifactClient,
      name: inputs.resumeFrom,
      downloadDir: join2(workRoot, "resume")
    } : { kind: "folder", dir: join2(run2.tempDir, "out"), name: inputs.resumeFrom };
    const found = await withGroup(logger, `resume from ${inputs.resumeFrom}`, async () => {
      let shards2 = 0;
      for (const [zip2, checkpoint] of checkpoints) {
        const added = await importPreviousRun(source, zip2, checkpoint, logger);
        if (added === null)
          logger.warning(
            `resume-from: no output '${inputs.resumeFrom}-${zip2}'; collecting ${zip2} from the start`
          );
        else shards2 += 1;
      }
      return shards2;
    });
    if (found === 0) {
      throw new ConfigurationError(
        `input 'resume-from': expected the artifact-name of a previous run, but no '${inputs.resumeFrom}-<zip>' output exists for ${inputs.zipCodes.join(", ")}`
      );
    }
  }
  const database = await openDatabase(inputs, logger);
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
          target: { dir: join2(outDir, name), artifactName: name, client }
        })
      );
    }
  } finally {
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
    outDir
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
  /** Requests per hour the collector allows itself; 0 = no limit. */
  requestsPerHour: integerInput({ default: 1e3, min: 0 }),
  /** `artifact-name` of a previous run whose parcels to keep. */
  resumeFrom: stringInput().refine((name) => /^[\w.-]*$/.test(name), {
    message: 'expected an artifact name of letters, digits, ".", "_" or "-"'
  }),
  /** MongoDB with the `properties` collection, for incremental priorities (a secret). */
  mongodbUri: mongodbUriInput,
  /** Prefix of the artifacts: one per ZIP, `<artifact-name>-<zip>`. */
  artifactName: stringInput({ default: "county-parcels" }).refine(
    (name) => /^[\w.-]+$/.test(name),
    {
      message: 'expected letters, digits, ".", "_" or "-"'
    }
  ),
  /** Collect and write locally, but upload nothing. */
  dryRun: dryRunInput
});

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
  const { listed, neverSeen, oldestLastSeen } = shard.cycle;
  const share = listed === 0 ? 100 : Math.round((listed - neverSeen) * 100 / listed);
  const oldest = oldestLastSeen ? `, the stalest refreshed ${oldestLastSeen.slice(0, 10)}` : "";
  return `- ${shard.zip}: refresh cycle at ${share} % (${number(listed - neverSeen)} of ${number(listed)} parcels collected before this run${oldest}); ${number(shard.skipped)} wait for later runs`;
}
function collectSummary(result) {
  const complete = result.shards.every((shard) => shard.complete);
  const failed = result.shards.reduce((total, shard) => total + shard.failed, 0);
  const rows = result.shards.map(
    (shard) => `| ${shard.zip} | ${number(shard.found)} | ${number(shard.fetched)} | ${number(shard.resumed)} | ${number(shard.failed)} | ${number(shard.skipped)} | ${number(shard.parcels)} | ${number(shard.requests)} | ${elapsed(shard.elapsedMs)} | ${number(effectiveRate(shard))}/h |`
  );
  const notes = result.shards.filter((shard) => shard.note !== null).map((shard) => `- ${shard.zip}: ${shard.note}`);
  const cycles = result.shards.map(cycleLine).filter((line) => line !== null);
  const where = result.artifactName ? `Artifacts: ${result.shards.map((shard) => `\`${shard.artifact}\``).join(", ")}.` : `Stage folders written to \`${result.outDir}\`${result.dryRun ? " (dry run: nothing uploaded)" : " (no artifact service: not uploaded)"}.`;
  return [
    `## County parcels (${result.mode})`,
    "",
    complete ? failed === 0 ? "Complete." : `Complete, but ${number(failed)} parcels could not be collected after retries; the next run tries them again.` : "**Partial run**: the county API stopped answering before the work was done; resume with `resume-from`.",
    "",
    "| ZIP | found | fetched | kept | failed | skipped | in artifact | requests | elapsed | rate |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    ...notes.length > 0 ? [...notes, ""] : [],
    ...cycles.length > 0 ? ["Incremental refresh:", ...cycles, ""] : [],
    where,
    ""
  ].join("\n");
}

// actions/collect-county/src/main.ts
var sum = (result, pick) => result.shards.reduce((total, shard) => total + pick(shard), 0);
var action = {
  name: "collect-county",
  inputs: collectCountyInputs,
  secrets: ["apiToken", "mongodbUri"],
  execute: (inputs, logger) => collectCounty(inputs, {
    logger,
    // Outside a runner there is no artifact service: the folders stay on disk.
    artifactClient: readEnv(ENV.actionsRuntimeToken) ? new DefaultArtifactClient() : null
  }),
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
  summary: collectSummary
};
var run = () => runAction(action);

// actions/collect-county/src/index.ts
await run();
