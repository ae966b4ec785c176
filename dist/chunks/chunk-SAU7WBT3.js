import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  MAX_TIMER_MS,
  abortReason
} from "./chunk-B4QX6BYH.js";
import {
  ConfigurationError,
  scrubSecrets
} from "./chunk-WV6SG3Z4.js";

// shared/resume-from.ts
function chooseResume(options) {
  const { resumeFrom, artifactName, runAttempt } = options;
  if (resumeFrom !== "") return { name: resumeFrom, required: true };
  if (runAttempt <= 1 || !options.canDownload) return null;
  options.logger.info(
    `attempt ${runAttempt}: continuing from what earlier attempts uploaded as ${artifactName}-<zip>`
  );
  return { name: artifactName, required: false };
}

// shared/http/rate-limiter.ts
var RateLimiter = class _RateLimiter {
  #capacity;
  #perMs;
  #tokens;
  #refilledAt = performance.now();
  #pausedUntil = 0;
  #queue = [];
  #timer;
  constructor(options) {
    const { capacity, refillPerSecond } = options;
    if (!(capacity >= 1) || !(refillPerSecond >= 0)) {
      throw new ConfigurationError(
        `rate limit: expected capacity >= 1 and refillPerSecond >= 0, got ${capacity} and ${refillPerSecond}`
      );
    }
    this.#capacity = capacity;
    this.#perMs = refillPerSecond / 1e3;
    this.#tokens = capacity;
  }
  /** A limiter for a budget such as the county's 1,000 requests/hour; `0` = unlimited. */
  static perHour(requestsPerHour, burst = 5) {
    const capacity = Math.max(1, Math.min(burst, requestsPerHour));
    return new _RateLimiter({ capacity, refillPerSecond: requestsPerHour / 3600 });
  }
  /** Callers currently waiting for a token. */
  get waiting() {
    return this.#queue.length;
  }
  /** Resolves when the caller may send one request; rejects with the signal's reason on abort. */
  acquire(signal) {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.#queue.length === 0 && this.#take()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, signal, onAbort: () => this.#abandon(waiter) };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#schedule();
    });
  }
  /**
   * Holds every caller back for `ms` (a server's 429 `Retry-After`), then lets one request
   * through, so the whole shard backs off rather than only the caller that was refused. A pause
   * is at most `MAX_TIMER_MS` (callers cap it far lower: see `HttpClient`).
   */
  pause(ms) {
    const until = performance.now() + Math.min(Math.max(0, ms), MAX_TIMER_MS);
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    this.#tokens = 0;
    this.#refilledAt = this.#perMs > 0 ? until - 1 / this.#perMs : until;
    clearTimeout(this.#timer);
    this.#timer = void 0;
    this.#schedule();
  }
  #take() {
    const now = performance.now();
    if (now < this.#pausedUntil) return false;
    if (this.#perMs === 0) return true;
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#refilledAt) * this.#perMs);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
  #drain() {
    this.#timer = void 0;
    while (this.#queue.length > 0 && this.#take()) {
      const waiter = this.#queue.shift();
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
    }
    this.#schedule();
  }
  #schedule() {
    if (this.#queue.length === 0 || this.#timer !== void 0) return;
    const now = performance.now();
    const readyAt = this.#perMs === 0 ? now : this.#refilledAt + (1 - this.#tokens) / this.#perMs;
    const wait = Math.max(this.#pausedUntil - now, readyAt - now, 1);
    this.#timer = setTimeout(() => this.#drain(), Math.min(Math.ceil(wait), MAX_TIMER_MS));
  }
  #abandon(waiter) {
    const index = this.#queue.indexOf(waiter);
    if (index >= 0) this.#queue.splice(index, 1);
    if (this.#queue.length === 0) {
      clearTimeout(this.#timer);
      this.#timer = void 0;
    }
    if (waiter.signal) waiter.reject(abortReason(waiter.signal));
  }
};

// shared/source-verdict.ts
var SOURCE_FAILURES = /* @__PURE__ */ new Set([
  "network",
  "timeout",
  "server",
  "auth",
  "rate-limited",
  "bad-body",
  // A block page or 403: the site refuses us (scrape-mls counts these apart).
  "blocked"
]);
function describeErrors(errors) {
  const counted = Object.entries(errors).filter(([, count]) => count > 0);
  if (counted.length === 0) return "no error class recorded";
  return counted.sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${count}`).join(", ");
}
function isOutage(tally) {
  const tried = tally.failed > 0 || tally.stopped !== null;
  const bySource = Object.entries(tally.errors).some(
    ([name, count]) => count > 0 && SOURCE_FAILURES.has(name)
  );
  return tally.collected === 0 && tried && bySource;
}
function sourceVerdict(tally, maxFailureRate, secrets = []) {
  const { zip, unit, collected, failed } = tally;
  const stopped = tally.stopped === null ? "" : `; ${tally.stopped}`;
  let message;
  if (isOutage(tally)) {
    message = `ZIP ${zip}: ${tally.source} failed: 0 ${unit} collected, ${failed} failed (${describeErrors(tally.errors)})${stopped}`;
  } else if (failed > 0 && failed / (collected + failed) > maxFailureRate) {
    const share = Math.round(failed * 100 / (collected + failed));
    message = `ZIP ${zip}: ${failed} of ${collected + failed} ${unit} from ${tally.source} failed (${share} %, above max-failure-rate ${maxFailureRate}; ${describeErrors(tally.errors)})${stopped}`;
  }
  return message === void 0 ? void 0 : scrubSecrets(message, secrets);
}

// shared/normalize/address-tables.ts
function spellingTable(text) {
  const entries = text.trim().split("\n").flatMap((line) => {
    const [standard = "", ...spellings] = line.trim().split(/\s+/);
    return [standard, ...spellings].map((spelling) => [spelling, standard]);
  });
  return new Map(entries);
}
var DIRECTIONALS = spellingTable(`
  N NORTH
  S SOUTH
  E EAST
  W WEST
  NE NORTHEAST
  NW NORTHWEST
  SE SOUTHEAST
  SW SOUTHWEST
`);
var UNIT_DESIGNATORS = spellingTable(`
  #
  APT APARTMENT
  BLDG BUILDING
  DEPT DEPARTMENT
  FL FLOOR
  HNGR HANGAR
  LOT
  PIER
  RM ROOM
  SLIP
  SPC SPACE
  STOP
  STE SUITE
  TRLR TRAILER
  UNIT
`);
var BARE_UNITS = spellingTable(`
  BSMT BASEMENT
  FRNT FRONT
  LBBY LOBBY
  LOWR LOWER
  OFC OFFICE
  PH PENTHOUSE
  REAR
  SIDE
  UPPR UPPER
`);
var STATES = new Map([
  ...`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
      NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP`.split(/\s+/).map((code) => [code, code]),
  ["ARIZONA", "AZ"]
]);

// shared/normalize/maricopa-places.ts
var MARICOPA_PLACES = `
  AGUILA
  AHWATUKEE
  ANTHEM
  APACHE JUNCTION
  ARLINGTON
  AVONDALE
  BUCKEYE
  CAREFREE
  CAVE CREEK
  CHANDLER
  EL MIRAGE
  FORT MCDOWELL
  FOUNTAIN HILLS
  GILA BEND
  GILBERT
  GLENDALE
  GOODYEAR
  GUADALUPE
  HIGLEY
  LAVEEN
  LITCHFIELD PARK
  MESA
  MORRISTOWN
  NEW RIVER
  PALO VERDE
  PARADISE VALLEY
  PEORIA
  PHOENIX
  QUEEN CREEK
  RIO VERDE
  SCOTTSDALE
  SUN CITY
  SUN CITY WEST
  SUN LAKES
  SURPRISE
  TEMPE
  TOLLESON
  TONOPAH
  TORTILLA FLAT
  WADDELL
  WICKENBURG
  WITTMANN
  YOUNGTOWN
`.trim().split("\n").map((place) => place.trim()).sort((a, b) => b.length - a.length || a.localeCompare(b));

// shared/normalize/street-suffixes.ts
var STREET_SUFFIXES = spellingTable(`
  ALY ALLEY ALLEE ALLY
  ANX ANNEX ANNX
  ARC ARCADE
  AVE AVENUE AV AVEN AVENU AVN AVNUE
  BCH BEACH
  BND BEND
  BLF BLUFF
  BLVD BOULEVARD BOUL BOULV
  BR BRANCH BRNCH
  BRG BRIDGE BRDGE
  BRK BROOK
  BYP BYPASS BYPA BYPAS BYPS
  CYN CANYON CANYN CNYN
  CPE CAPE
  CSWY CAUSEWAY CAUSWA
  CTR CENTER CEN CENT CENTR CENTRE CNTER CNTR
  CIR CIRCLE CIRC CIRCL CRCL CRCLE
  CLF CLIFF
  CLB CLUB
  CMN COMMON
  COR CORNER
  CRSE COURSE
  CT COURT CRT
  CV COVE
  CRK CREEK
  CRES CRESCENT CRSENT CRSNT
  CRST CREST
  XING CROSSING CRSSNG
  CURV CURVE
  DL DALE
  DR DRIVE DRIV DRV
  EST ESTATE
  ESTS ESTATES
  EXPY EXPRESSWAY EXP EXPR EXPRESS EXPW
  EXT EXTENSION EXTN EXTNSN
  FLS FALLS
  FRY FERRY FRRY
  FLD FIELD
  FLDS FIELDS
  FLT FLAT
  FRST FOREST FORESTS
  FRK FORK
  FWY FREEWAY FREEWY FRWAY FRWY
  GDN GARDEN GARDN GRDEN GRDN
  GDNS GARDENS
  GTWY GATEWAY GATEWY GATWAY GTWAY
  GLN GLEN
  GRN GREEN
  GRV GROVE GROV
  HBR HARBOR HARB HARBR HRBOR
  HVN HAVEN
  HTS HEIGHTS HT
  HWY HIGHWAY HIGHWY HIWAY HIWY HWAY
  HL HILL
  HLS HILLS
  HOLW HOLLOW HLLW HOLLOWS HOLWS
  IS ISLAND ISLND
  JCT JUNCTION JCTION JCTN JUNCTN JUNCTON
  KNL KNOLL KNOL
  LK LAKE
  LNDG LANDING LNDNG
  LN LANE
  LOOP LOOPS
  MALL
  MNR MANOR
  MDW MEADOW
  MDWS MEADOWS MEDOWS
  ML MILL
  MT MOUNT MNT
  MTN MOUNTAIN MNTAIN MNTN MOUNTIN MTIN
  ORCH ORCHARD ORCHRD
  OVAL OVL
  PARK PRK
  PKWY PARKWAY PARKWY PKWAY PKY
  PASS
  PATH PATHS
  PIKE PIKES
  PNES PINES
  PL PLACE
  PLN PLAIN
  PLZ PLAZA PLZA
  PT POINT
  PRT PORT
  PR PRAIRIE PRR
  RNCH RANCH RANCHES RNCHS
  RDG RIDGE RDGE
  RIV RIVER RVR RIVR
  RD ROAD
  RTE ROUTE
  ROW
  RUN
  SHR SHORE SHOAR
  SKWY SKYWAY
  SPG SPRING SPNG SPRNG
  SPGS SPRINGS SPNGS SPRNGS
  SQ SQUARE SQR SQRE SQU
  STA STATION STATN STN
  ST STREET STRT STR
  STRM STREAM STREME
  SMT SUMMIT SUMIT SUMITT
  TER TERRACE TERR
  TRCE TRACE TRACES
  TRL TRAIL TRAILS TRLS
  TUNL TUNNEL TUNEL TUNLS TUNNELS TUNNL
  TPKE TURNPIKE TRNPK TURNPK
  UN UNION
  VLY VALLEY VALLY VLLY
  VW VIEW
  VLG VILLAGE VILL VILLAG VILLG
  VIS VISTA VIST VST VSTA
  WALK WALKS
  WAY WY
  WLS WELLS
`);
var ROUTE_WORDS = /* @__PURE__ */ new Set(["HWY", "RTE", "FWY"]);

// shared/normalize/street-line.ts
var HOUSE_NUMBER = /^\d+(-\d+)?(-?[A-Z])?$/;
var FRACTION = /^\d\/\d$/;
function isUnitLike(token) {
  return /\d/.test(token) || /^[A-Z]$/.test(token) && !DIRECTIONALS.has(token);
}
function unitId(token) {
  return BARE_UNITS.get(token) ?? token.replace(/-/g, "");
}
function routeWord(token, next) {
  const standard = STREET_SUFFIXES.get(token);
  return standard && ROUTE_WORDS.has(standard) && /^\d+$/.test(next ?? "") ? standard : token;
}
function isSuffixAt(words, at) {
  const standard = STREET_SUFFIXES.get(words[at] ?? "");
  return standard !== void 0 && !(ROUTE_WORDS.has(standard) && /^\d+$/.test(words[at + 1] ?? ""));
}
function splitNumber(tokens) {
  if (tokens[0] === void 0 || !HOUSE_NUMBER.test(tokens[0]))
    return { number: null, words: tokens };
  if (tokens[1] !== void 0 && FRACTION.test(tokens[1])) {
    return { number: `${tokens[0]} ${tokens[1]}`, words: tokens.slice(2) };
  }
  return { number: tokens[0], words: tokens.slice(1) };
}
function splitDesignatedUnit(words, cityMayFollow) {
  const at = words.findIndex((word, index) => index > 0 && UNIT_DESIGNATORS.has(word));
  if (at < 0) return { street: words, unit: null, rest: [] };
  const after = words.slice(at);
  const cityAt = cityMayFollow ? after.findIndex((word, i) => i > 1 && !isUnitLike(word) && !UNIT_DESIGNATORS.has(word)) : -1;
  const ids = (cityAt > 0 ? after.slice(0, cityAt) : after).filter((word) => !UNIT_DESIGNATORS.has(word)).map(unitId).filter((id) => id !== "");
  return {
    street: words.slice(0, at),
    unit: ids.join(" ") || null,
    rest: cityAt > 0 ? after.slice(cityAt) : []
  };
}
function splitSuffix(street, unit, cityMayFollow) {
  const none = { street, suffix: null, postdir: null, unit, rest: [] };
  let at = street.length - 1;
  while (at >= 1 && !isSuffixAt(street, at)) at -= 1;
  if (at < 1) {
    const last = street.at(-1) ?? "";
    if (unit !== null || street.length < 2 || !BARE_UNITS.has(last)) return none;
    return { ...none, street: street.slice(0, -1), unit: unitId(last) };
  }
  let after = street.slice(at + 1);
  const postdir = DIRECTIONALS.get(after[0] ?? "") ?? null;
  if (postdir !== null) after = after.slice(1);
  let trailingUnit = unit;
  if (unit === null && after[0] !== void 0 && (isUnitLike(after[0]) || BARE_UNITS.has(after[0]))) {
    trailingUnit = unitId(after[0]);
    after = after.slice(1);
  }
  if (after.length > 0 && !cityMayFollow) return none;
  const suffix = STREET_SUFFIXES.get(street[at] ?? "") ?? null;
  return { street: street.slice(0, at), suffix, postdir, unit: trailingUnit, rest: after };
}
function parseStreetTokens(tokens, cityMayFollow) {
  const { number, words } = splitNumber(tokens);
  const named = words.map((word, index) => routeWord(word, words[index + 1]));
  const designated = splitDesignatedUnit(named, cityMayFollow);
  const tail = splitSuffix(designated.street, designated.unit, cityMayFollow);
  const predir = tail.street.length > 1 ? DIRECTIONALS.get(tail.street[0] ?? "") ?? null : null;
  const name = predir === null ? tail.street : tail.street.slice(1);
  return {
    number,
    predir,
    street: name.join(" ") || null,
    suffix: tail.suffix,
    postdir: tail.postdir,
    unit: tail.unit,
    rest: [...tail.rest, ...designated.rest]
  };
}

// shared/normalize/address.ts
function normalizeZip(input) {
  const match = /^(\d{5})(-?\d{4})?$/.exec((input ?? "").trim());
  return match?.[1] ?? null;
}
function normalizeCity(input) {
  const city = tokenize(input ?? "").join(" ");
  return city === "" || city === "NO CITY" ? null : city;
}
function tokenize(text) {
  return text.toUpperCase().replace(/['.’]/g, "").replace(/#/g, " # ").replace(/(?<!\d)\/|\/(?!\d)/g, " ").replace(/[^A-Z0-9#/\s-]/g, " ").replace(/(?<=[A-Z])-(?=[A-Z])|(?<!\w)-|-(?!\w)/g, " ").split(/\s+/).filter((token) => token !== "");
}
function isUnambiguousState(token) {
  return !STREET_SUFFIXES.has(token) && !DIRECTIONALS.has(token) && !UNIT_DESIGNATORS.has(token);
}
function isUnitSegment(tokens) {
  const first = tokens[0] ?? "";
  return UNIT_DESIGNATORS.has(first) || BARE_UNITS.has(first) || tokens.some((t) => /\d/.test(t));
}
function takePlace(tokens) {
  const line = tokens.join(" ");
  for (const place of MARICOPA_PLACES) {
    if (!line.endsWith(` ${place}`)) continue;
    const street = tokens.slice(0, tokens.length - place.split(" ").length);
    if (street.length < 2 || DIRECTIONALS.has(street.at(-1) ?? "")) return null;
    tokens.splice(street.length);
    return place;
  }
  return null;
}
function takeTail(segments) {
  const dropEmpty = () => segments.at(-1)?.length === 0 && segments.pop();
  const zip = normalizeZip(segments.at(-1)?.at(-1));
  if (zip !== null) segments.at(-1)?.pop();
  dropEmpty();
  const token = segments.at(-1)?.at(-1) ?? "";
  let state = null;
  if (STATES.has(token) && (zip !== null || segments.length > 1 || isUnambiguousState(token))) {
    state = STATES.get(token) ?? null;
    segments.at(-1)?.pop();
    dropEmpty();
  }
  const last = segments.at(-1);
  const city = segments.length > 1 && last && !isUnitSegment(last) ? last.join(" ") : null;
  if (city !== null) segments.pop();
  return { zip, state, city };
}
function parseAddress(text, context = {}) {
  const segments = text.split(",").map(tokenize).filter((segment) => segment.length > 0);
  const tail = context.streetOnly ? { zip: null, state: null, city: null } : takeTail(segments);
  const tokens = segments.flat();
  let city = tail.city;
  if (!context.streetOnly && city === null && segments.length === 1) city = takePlace(tokens);
  const cityMayFollow = city === null && (tail.zip !== null || tail.state !== null) && segments.length === 1;
  const { rest, ...street } = parseStreetTokens(tokens, cityMayFollow);
  if (city === null && rest.length > 0) city = rest.join(" ");
  return {
    ...street,
    city: normalizeCity(city) ?? normalizeCity(context.city),
    state: tail.state,
    zip: tail.zip ?? normalizeZip(context.zip)
  };
}

// shared/normalize/address-key.ts
function formatStreetLine(parts) {
  if (parts.street === null) return null;
  const unit = parts.unit === null ? null : `UNIT ${parts.unit}`;
  return [parts.number, parts.predir, parts.street, parts.suffix, parts.postdir, unit].filter((part) => part !== null).join(" ");
}
function addressKey(parts) {
  const line = formatStreetLine(parts);
  if (line === null || parts.number === null || parts.zip === null) return null;
  return `${line} ${parts.zip}`;
}
function normalizeAddress(raw, context = {}) {
  const parts = parseAddress(raw, context);
  return { raw, line: formatStreetLine(parts), parts, key: addressKey(parts) };
}

export {
  chooseResume,
  RateLimiter,
  normalizeZip,
  normalizeAddress,
  sourceVerdict
};
