import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
  resolveVisibility
} from "../chunks/chunk-4VY4JSCD.js";
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
  nodemailer_default,
  parseSmtpUrl,
  starttlsRefused
} from "../chunks/chunk-XDIT74ST.js";
import {
  splitRepository
} from "../chunks/chunk-GQW2DYBO.js";
import {
  ISSUES_DISABLED_FIX,
  createGitHubClient
} from "../chunks/chunk-IM2OCGBN.js";
import {
  connectDatabase,
  databaseInput,
  describeDatabase,
  require_lib
} from "../chunks/chunk-UK4VE3HP.js";
import {
  ConfigurationError,
  ENV,
  RetryableError,
  errorMessage,
  external_exports,
  integerInput,
  memoryLogger,
  readEnv,
  runAction,
  scrubSecrets,
  secretForms,
  stringInput,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import {
  __toESM
} from "../chunks/chunk-Z67Z3DOX.js";

// actions/preflight/src/components.ts
var COMPONENT_OF_CHECK = [
  [/MONGODB_URI|^database/i, "database"],
  [/COUNTY_API_TOKEN|^county/i, "collect-county"],
  [/PROXIES|CAPTCHA|^listing site/i, "scrape-mls"],
  [/^Ollama/i, "enrich-llm"],
  [/SMTP|^report /i, "send-report"],
  [/^GitHub Issues/i, "open-incident-issue"]
];
function componentOfCheck(name) {
  return COMPONENT_OF_CHECK.find(([pattern]) => pattern.test(name))?.[1] ?? "preflight";
}
function checkFailures(checks) {
  return checks.filter((check) => check.status === "error").map((check) => ({
    check: check.name,
    component: componentOfCheck(check.name),
    message: check.message
  }));
}
var PROVEN_BY_PREFLIGHT = /* @__PURE__ */ new Set(["database"]);
function healthyComponents(checks) {
  return [...PROVEN_BY_PREFLIGHT].filter((component) => {
    const own = checks.filter(
      (check) => check.status !== "skipped" && componentOfCheck(check.name) === component
    );
    return own.length > 0 && own.every((c) => c.status === "pass" || c.status === "warning");
  });
}

// actions/preflight/src/secrets.ts
var SECRET_INPUTS = [
  "mongodb-uri",
  "county-api-token",
  "smtp-url",
  "captcha-api-key",
  "proxies"
];
var SECRET_NAMES = {
  "mongodb-uri": "MONGODB_URI",
  "county-api-token": "COUNTY_API_TOKEN",
  "smtp-url": "SMTP_URL",
  "captcha-api-key": "CAPTCHA_API_KEY",
  proxies: "PROXIES"
};
function secretLabel(input) {
  return `secret ${SECRET_NAMES[input]} (input ${input})`;
}
function decoded(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
function secretParts(value) {
  const parts = /* @__PURE__ */ new Set();
  const add = (part) => {
    if (part === void 0 || part === "") return;
    parts.add(part);
    parts.add(decoded(part));
  };
  const pieces = value.split(/[\s,]+/).filter((piece) => piece.length >= 8);
  for (const entry of [value.trim(), ...pieces]) {
    add(entry);
    add(entry.replace(/^webshare:/, ""));
    const match = /^[a-z][\w+.-]*:\/\/(?:([^@/]*)@)?([^/?#]*)/i.exec(entry);
    if (!match) continue;
    const [, userInfo, hosts] = match;
    add(userInfo);
    const [user, ...password] = (userInfo ?? "").split(":");
    add(user);
    add(password.join(":"));
    for (const host of (hosts ?? "").split(",")) if (!/^[a-z][\w+.-]*:$/i.test(host)) add(host);
  }
  for (const form of secretForms(value)) parts.add(form);
  return [...parts].sort((a, b) => b.length - a.length);
}

// actions/preflight/src/inputs.ts
var requiredList = external_exports.string().transform((value, ctx) => {
  if (value === "none") return [];
  const names = value.split(/[\s,]+/).filter((name) => name !== "");
  for (const name of names) {
    if (SECRET_INPUTS.includes(name)) continue;
    ctx.addIssue({
      code: "custom",
      message: `'${name}' is not a secret input; expected some of ${SECRET_INPUTS.join(", ")}, or none`
    });
    return external_exports.NEVER;
  }
  return [...new Set(names)];
});
var preflightInputs = external_exports.object({
  /** ZIP codes separated by commas, spaces or newlines; each a 5-digit Maricopa ZIP (85xxx). */
  zipCodes: stringInput(),
  /** Sources to collect: `county`, `mls` or both. */
  sources: stringInput({ default: "county,mls" }),
  /** `incremental`, `full`, or `test` (full, 5 parcels per ZIP). */
  mode: stringInput({ default: "incremental" }),
  /** Most parcels and listings per ZIP; 0 means all. */
  maxParcels: stringInput({ default: "0" }),
  /** MongoDB connection string (a secret). */
  mongodbUri: stringInput(),
  /** Database the stages use; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Base URL of the county Assessor API. */
  countyApiUrl: stringInput({ default: "https://mcassessor.maricopa.gov" }),
  /** The county Assessor API token (a secret). */
  countyApiToken: stringInput(),
  /** Base URL of the listing site. */
  listingSiteUrl: stringInput(),
  /** Proxies (a secret): URL lines or `webshare:<API key>`. */
  proxies: stringInput(),
  /** 2captcha API key (a secret). */
  captchaApiKey: stringInput(),
  /** Base URL of the 2captcha-protocol service. */
  captchaServiceUrl: stringInput({ default: "https://2captcha.com" }),
  /** Base URL of the Ollama server; empty when the enrichment job starts its own. */
  ollamaHost: stringInput(),
  /** Ollama model the enrichment uses. */
  ollamaModel: stringInput({ default: "llama3.2" }),
  /** SMTP server URL with credentials (a secret). */
  smtpUrl: stringInput(),
  /** Report recipients, separated by commas, spaces or newlines. */
  reportTo: stringInput(),
  /** Report sender (REPORT_FROM); empty sends from the SMTP login, which must be an address then. */
  reportFrom: stringInput(),
  /** Token for GitHub's REST API (a secret), to check that the repository has Issues turned on. */
  githubToken: stringInput(),
  /** `public`, `private`, or `auto` (the event payload says): who can download artifacts. */
  repositoryVisibility: repositoryVisibilityInput,
  /** The operator's opt-in to owner data in the clear in a public repository's artifacts. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** ARTIFACT_PASSPHRASE (a secret), only checked for being set. */
  artifactPassphrase: passphraseInput,
  /** Secret inputs that must be set (`none` for none); others are checked only when set. */
  required: stringInput({ default: "mongodb-uri,county-api-token" }).pipe(requiredList),
  /** Seconds each check may take. */
  timeoutSeconds: integerInput({ default: 10, min: 1, max: 120 })
});

// actions/preflight/src/check.ts
var pass = (message) => ({ status: "pass", message });
var warn = (message) => ({ status: "warning", message });
var fail = (message) => ({ status: "error", message });
var skip = (message) => ({ status: "skipped", message });
async function runChecks(specs, timeoutMs) {
  return Promise.all(
    specs.map(async (spec) => {
      const started = performance.now();
      const controller = new AbortController();
      let timer;
      const expired = new Promise((resolve) => {
        timer = setTimeout(() => {
          controller.abort();
          resolve({
            status: spec.onTimeout,
            message: `${spec.subject} unreachable: no answer within ${timeoutMs / 1e3} s`
          });
        }, timeoutMs);
      });
      const body = spec.run(controller.signal).catch((error) => ({
        status: spec.onTimeout,
        message: `check failed: ${error instanceof Error ? error.name : "unknown error"}`
      }));
      const outcome = await Promise.race([body, expired]);
      clearTimeout(timer);
      return { name: spec.name, ...outcome, durationMs: Math.round(performance.now() - started) };
    })
  );
}

// actions/preflight/src/issues-check.ts
var ONE_TRY = { attempts: 1, baseDelayMs: 0, maxWaitMs: 0 };
async function checkIssues(token, repository, signal) {
  const { owner, repo } = splitRepository(repository);
  const octokit = createGitHubClient({
    token,
    logger: memoryLogger(),
    userAgent: "phx-pipeline-preflight",
    permission: () => "`permissions: contents: read`",
    retry: ONE_TRY
  });
  try {
    const { data } = await octokit.rest.repos.get({ owner, repo, request: { signal } });
    return data.has_issues ? pass(`Issues are enabled in ${repository}: incidents can be filed`) : fail(`${ISSUES_DISABLED_FIX} (the incident jobs file incidents as issues)`);
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message);
    return warn(`could not read ${repository} to check its Issues: ${errorMessage(error)}`);
  }
}
function issuesCheck(token, repository) {
  const spec = {
    name: "GitHub Issues enabled",
    subject: "GitHub API",
    onTimeout: "warning"
  };
  const skipped2 = (why) => ({ ...spec, run: () => Promise.resolve(skip(why)) });
  if (token === "") return skipped2("no github-token: not checked");
  if (!repository) return skipped2("GITHUB_REPOSITORY is not set: not checked");
  return { ...spec, run: (signal) => checkIssues(token, repository, signal) };
}

// actions/preflight/src/plan.ts
var SOURCES = ["county", "mls"];
var MODES = ["incremental", "full", "test"];
function planRun(inputs) {
  const problems = [];
  const zips = [...new Set(inputs.zipCodes.split(/[\s,]+/).filter((zip) => zip !== ""))].sort();
  if (zips.length === 0) problems.push("input 'zip-codes': expected at least one ZIP code");
  for (const zip of zips) {
    if (!/^85\d{3}$/.test(zip))
      problems.push(`input 'zip-codes': '${zip}' is not a 5-digit Maricopa County ZIP (85xxx)`);
  }
  const sources = inputs.sources.split(/[\s,]+/).filter((source) => source !== "");
  for (const source of sources) {
    if (!SOURCES.includes(source))
      problems.push(`input 'sources': '${source}' is not a source; expected county, mls or both`);
  }
  if (sources.length === 0) problems.push("input 'sources': expected county, mls or both");
  if (!MODES.includes(inputs.mode))
    problems.push(`input 'mode': expected incremental, full or test, got '${inputs.mode}'`);
  if (!/^\d+$/.test(inputs.maxParcels))
    problems.push(`input 'max-parcels': expected a whole number, got '${inputs.maxParcels}'`);
  if (problems.length > 0) return { plan: void 0, problems };
  const test = inputs.mode === "test";
  return {
    plan: {
      zips,
      county: sources.includes("county"),
      mls: sources.includes("mls"),
      mode: test || inputs.mode === "full" ? "full" : "incremental",
      maxParcels: test ? 5 : Number(inputs.maxParcels)
    },
    problems: []
  };
}

// actions/preflight/src/network.ts
function networkReason(error) {
  const cause = error.cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError"))
    return "no answer in time";
  return error instanceof Error ? error.name : "network error";
}

// actions/preflight/src/captcha-check.ts
var KEY_REFUSED = /* @__PURE__ */ new Set(["ERROR_KEY_DOES_NOT_EXIST", "ERROR_WRONG_USER_KEY"]);
async function checkCaptchaBalance(serviceUrl, key, signal) {
  const url = new URL("res.php", serviceUrl.replace(/\/?$/, "/"));
  url.search = new URLSearchParams({ key, action: "getbalance", json: "1" }).toString();
  let body;
  try {
    const response = await fetch(url, { signal });
    if (!response.ok)
      return warn(`CAPTCHA service at ${url.origin} answered HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    return warn(`CAPTCHA service unreachable at ${url.origin} (${networkReason(error)})`);
  }
  const answer = typeof body.request === "string" || typeof body.request === "number" ? String(body.request) : "";
  if (body.status !== 1) {
    if (KEY_REFUSED.has(answer))
      return fail(
        `${secretLabel("captcha-api-key")}: the CAPTCHA service refused the key (${answer})`
      );
    return warn(`CAPTCHA service answered ${/^[A-Z_]{3,40}$/.test(answer) ? answer : "an error"}`);
  }
  const balance = Number(answer);
  if (!Number.isFinite(balance))
    return warn("CAPTCHA service answered a balance that is not a number");
  if (balance <= 0)
    return warn(`CAPTCHA balance is ${balance.toFixed(2)} USD: CAPTCHAs cannot be solved`);
  return pass(`key accepted; balance ${balance.toFixed(2)} USD`);
}

// actions/preflight/src/county-check.ts
async function checkCountyApi(baseUrl, token, zip, signal) {
  const url = new URL(`search/property/?q=${zip}&page=1`, baseUrl.replace(/\/?$/, "/"));
  let response;
  try {
    response = await fetch(url, {
      headers: { AUTHORIZATION: token, "user-agent": "null" },
      signal
    });
  } catch (error) {
    return fail(`county API unreachable at ${url.origin}: ${networkReason(error)}`);
  }
  const type = response.headers.get("content-type") ?? "";
  const body = await response.text();
  if (response.status === 500 && /unauthorized access/i.test(body))
    return fail(
      `${secretLabel("county-api-token")}: the county API refused the token (HTTP 500 "Unauthorized access"); expected a valid Maricopa County Assessor API token`
    );
  if (response.status === 429)
    return warn("county API answered HTTP 429 (rate limited); it is reachable");
  if (response.status >= 500)
    return fail(`county API unreachable at ${url.origin}: HTTP ${response.status}`);
  if (!response.ok || !type.includes("json"))
    return fail(
      `input 'county-api-url': ${url.origin} answered HTTP ${response.status} ${type.split(";")[0] || "without a type"}, not the Assessor's JSON search API`
    );
  try {
    const results = JSON.parse(body).Results;
    if (!Array.isArray(results)) throw new Error("no Results");
    return pass(`token accepted; search for ${zip} returned ${results.length} row(s)`);
  } catch {
    return fail(`input 'county-api-url': ${url.origin} answered JSON without a Results list`);
  }
}

// actions/preflight/src/database-check.ts
function reason(error, timeoutMs) {
  const text = error.message ?? "";
  if (error.code === 18 || error.codeName === "AuthenticationFailed" || /auth/i.test(text))
    return "the server refused the user name or password";
  if (/ENOTFOUND|querySrv|getaddrinfo/i.test(text)) return "the host name does not resolve";
  if (/ECONNREFUSED/.test(text)) return "the server refused the connection";
  if (error.name === "MongoServerSelectionError")
    return `no server could be selected within ${timeoutMs / 1e3} s`;
  return `${error.name ?? "error"}${error.codeName ? ` ${error.codeName}` : ""}`;
}
async function checkDatabase(uri, database, timeoutMs) {
  const started = performance.now();
  try {
    const connection = await connectDatabase(uri, database, {
      serverSelectionTimeoutMs: timeoutMs
    });
    await connection.close().catch(() => void 0);
    const elapsed = Math.round(performance.now() - started);
    return pass(
      `ping answered in ${elapsed} ms; database ${describeDatabase(connection.database)}`
    );
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message);
    const cause = error instanceof RetryableError ? error.cause : error;
    return fail(
      `${secretLabel("mongodb-uri")}: cannot reach the database: ${reason(cause, timeoutMs)}`
    );
  }
}

// actions/preflight/src/listing-site-check.ts
async function checkListingSite(baseUrl, signal) {
  const url = new URL(baseUrl);
  try {
    const response = await fetch(url, { signal, redirect: "follow" });
    await response.body?.cancel();
    if (response.ok) return pass(`${url.origin} answered HTTP ${response.status}`);
    return warn(`listing site ${url.origin} answered HTTP ${response.status}`);
  } catch (error) {
    return warn(`listing site unreachable at ${url.origin} (${networkReason(error)})`);
  }
}

// actions/preflight/src/ollama-check.ts
function fullModelName(model) {
  return model.includes(":") ? model : `${model}:latest`;
}
async function getJson(url, signal) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
async function checkOllama(host, model, signal) {
  const base = host.replace(/\/?$/, "/");
  let version;
  try {
    const body = await getJson(new URL("api/version", base), signal);
    version = typeof body.version === "string" ? body.version : "unknown";
  } catch (error) {
    const why = error instanceof Error && error.message.startsWith("HTTP") ? error.message : networkReason(error);
    return {
      ...warn(
        `Ollama unreachable at ${new URL(base).origin} (${why}); enrichment will fall back to rules`
      ),
      reachable: false
    };
  }
  try {
    const body = await getJson(new URL("api/tags", base), signal);
    const wanted = fullModelName(model);
    const installed = (body.models ?? []).map(
      (entry) => fullModelName(entry.name ?? entry.model ?? "")
    );
    if (!installed.includes(wanted))
      return {
        ...warn(`Ollama ${version} is up but model ${wanted} is not installed; it will be pulled`),
        reachable: true
      };
    return { ...pass(`Ollama ${version} is up with model ${wanted}`), reachable: true };
  } catch (error) {
    return {
      ...warn(`Ollama ${version} is up but listing its models failed (${networkReason(error)})`),
      reachable: true
    };
  }
}

// actions/preflight/src/smtp-check.ts
async function checkSmtp(target, timeoutMs) {
  const transport = nodemailer_default.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: target.requireTls,
    auth: target.auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs
  });
  try {
    await transport.verify();
    return pass(target.auth ? "connected and logged in" : "connected (no login configured)");
  } catch (error) {
    const refused = starttlsRefused(error, `${target.host}:${target.port}`);
    if (refused) return fail(`${secretLabel("smtp-url")}: ${refused}`);
    const { code, responseCode, message } = error;
    if (code === "EAUTH" || responseCode === 535)
      return fail(`${secretLabel("smtp-url")}: the SMTP server refused the user name or password`);
    const system = /\bE[A-Z]{4,}\b/.exec(message ?? "")?.[0];
    const why = responseCode ? `SMTP ${responseCode}` : system ?? code ?? "error";
    return fail(
      `${secretLabel("smtp-url")}: SMTP server unreachable (${why}); the report would not be delivered`
    );
  } finally {
    transport.close();
  }
}

// actions/preflight/src/reachability.ts
function urlCheck(spec, input, value, run2) {
  const ok = /^https?:\/\/[^\s/?#]+/.test(value) && URL.canParse(value);
  const problem = `input '${input}': expected an http(s) URL such as https://host.example, got '${value}'`;
  return { ...spec, run: ok ? run2 : () => Promise.resolve(fail(problem)) };
}
var skipped = (name, why) => ({
  name,
  subject: name,
  onTimeout: "warning",
  run: () => Promise.resolve(skip(why))
});
function reachabilityChecks(inputs, plan, shapeOk, onOllama) {
  const innerMs = Math.max(inputs.timeoutSeconds * 1e3 - 500, inputs.timeoutSeconds * 800);
  const county = plan?.county ?? true;
  const mls = plan?.mls ?? true;
  const checks = [];
  if (inputs.mongodbUri !== "" && shapeOk("mongodb-uri"))
    checks.push({
      name: "database reachable",
      subject: `${secretLabel("mongodb-uri")}: database`,
      onTimeout: "error",
      run: () => checkDatabase(inputs.mongodbUri, inputs.database, innerMs)
    });
  if (!county) checks.push(skipped("county API reachable", "county not collected in this run"));
  else if (inputs.countyApiToken !== "" && shapeOk("county-api-token"))
    checks.push(
      urlCheck(
        { name: "county API reachable", subject: "county API", onTimeout: "error" },
        "county-api-url",
        inputs.countyApiUrl,
        (signal) => checkCountyApi(
          inputs.countyApiUrl,
          inputs.countyApiToken,
          plan?.zips[0] ?? "85031",
          signal
        )
      )
    );
  const smtp = parseSmtpUrl(inputs.smtpUrl);
  if (inputs.smtpUrl !== "" && typeof smtp !== "string" && shapeOk("smtp-url"))
    checks.push({
      name: "SMTP server reachable",
      subject: `${secretLabel("smtp-url")}: SMTP server`,
      onTimeout: "error",
      run: () => checkSmtp(smtp, innerMs)
    });
  if (!mls) checks.push(skipped("listing site reachable", "listings not collected in this run"));
  else if (inputs.listingSiteUrl !== "")
    checks.push(
      urlCheck(
        { name: "listing site reachable", subject: "listing site", onTimeout: "warning" },
        "listing-site-url",
        inputs.listingSiteUrl,
        (signal) => checkListingSite(inputs.listingSiteUrl, signal)
      )
    );
  if (mls && inputs.captchaApiKey !== "" && shapeOk("captcha-api-key"))
    checks.push(
      urlCheck(
        { name: "CAPTCHA balance", subject: "CAPTCHA service", onTimeout: "warning" },
        "captcha-service-url",
        inputs.captchaServiceUrl,
        (signal) => checkCaptchaBalance(inputs.captchaServiceUrl, inputs.captchaApiKey, signal)
      )
    );
  if (inputs.ollamaHost === "")
    checks.push(
      skipped("Ollama reachable", "no ollama-host: the enrichment job starts its own Ollama")
    );
  else
    checks.push(
      urlCheck(
        {
          name: "Ollama reachable",
          subject: "Ollama (enrichment falls back to rules)",
          onTimeout: "warning"
        },
        "ollama-host",
        inputs.ollamaHost,
        async (signal) => {
          const outcome = await checkOllama(inputs.ollamaHost, inputs.ollamaModel, signal);
          onOllama(outcome.reachable);
          return outcome;
        }
      )
    );
  return checks;
}

// actions/preflight/src/privacy-check.ts
var NAME = "owner data kept out of public artifacts";
function privacyCheck(inputs) {
  const outcome = (() => {
    if (resolveVisibility(inputs.repositoryVisibility) === "private")
      return pass("private repository: artifacts are visible to its members only");
    if (inputs.personalDataInArtifacts)
      return warn(
        "public repository with PERSONAL_DATA_IN_ARTIFACTS=true: owner names and mailing addresses are published in the county artifacts, downloadable by anyone signed in to GitHub"
      );
    if (inputs.artifactPassphrase !== "")
      return pass(
        "public repository: owner names and mailing addresses are sealed with ARTIFACT_PASSPHRASE"
      );
    return warn(
      'public repository without the secret ARTIFACT_PASSPHRASE: owner names and mailing addresses are left out of the artifacts, so new owners are not stored, and maintain-db refuses to back up; set ARTIFACT_PASSPHRASE (see "What a public fork exposes" in the README)'
    );
  })();
  return { name: NAME, ...outcome, durationMs: 0 };
}

// actions/preflight/src/shapes.ts
var import_mongodb = __toESM(require_lib(), 1);
var MONGO_PARSE_HINTS = [
  [
    /unescaped characters/i,
    "the user name or password has characters that must be percent-encoded (@ : / ? # [ ] %)"
  ],
  [/port number|multiple service names/i, "a mongodb+srv:// string names one host and no port"],
  [/host|hostname|domain/i, "it names no valid host"],
  [/empty userinfo/i, "it has an empty user:password@ part"],
  [
    /^Invalid connection string$/i,
    "it is malformed (an @ : / in the user name or password must be percent-encoded)"
  ]
];
function mongoUriShape(uri) {
  const match = /^mongodb(\+srv)?:\/\/(?:[^@/]*@)?([^/?]*)/.exec(uri);
  if (!match) return "expected a connection string starting with mongodb:// or mongodb+srv://";
  if ((match[2] ?? "").split(",").some((host) => host === "" || host.startsWith(":")))
    return "expected at least one host after mongodb:// (host[:port][,host[:port]...])";
  try {
    new import_mongodb.MongoClient(uri);
    return void 0;
  } catch (error) {
    const text = error instanceof Error ? error.message : "";
    const hint = MONGO_PARSE_HINTS.find(([pattern]) => pattern.test(text))?.[1];
    return `the MongoDB driver cannot parse it: ${hint ?? "check the options after ?"}`;
  }
}
function countyTokenShape(token) {
  if (/^bearer\s/i.test(token))
    return "expected the raw token without a 'Bearer ' prefix (the county takes it as is)";
  if (/^["']|["']$/.test(token)) return "expected the token without quotes";
  if (!/^[\x21-\x7e]+$/.test(token))
    return "expected one word of printable characters (no spaces, line breaks or other characters)";
  if (token.length < 8 || token.length > 256) return "expected a token of 8 to 256 characters";
  return void 0;
}
function captchaKeyShape(key) {
  return /^[0-9a-f]{32}$/i.test(key) ? void 0 : "expected a 2captcha API key of 32 hexadecimal characters";
}
function proxiesShape(value) {
  const entries = proxyEntries(value);
  const bad = entries.flatMap((entry, index) => {
    const key = webShareKey(entry);
    const ok = key === void 0 ? parseProxyUrl(entry) !== void 0 : /^[\w-]{8,}$/.test(key);
    return ok ? [] : [index + 1];
  });
  if (bad.length === 0) return void 0;
  return `entr${bad.length === 1 ? "y" : "ies"} ${bad.join(", ")} of ${entries.length}: ${PROXY_ENTRY_EXPECTED}`;
}
function reportToProblems(value) {
  const addresses = value.split(/[\s,;]+/).filter((address) => address !== "");
  return addresses.filter((address) => !/^[^\s@<>()"]+@[^\s@<>()"]+\.[a-z]{2,}$/i.test(address)).map((address) => `'${address}' is not an email address such as ops@example.com`);
}

// actions/preflight/src/secret-checks.ts
var SHAPES = {
  "mongodb-uri": mongoUriShape,
  "county-api-token": countyTokenShape,
  "smtp-url": (value) => {
    const target = parseSmtpUrl(value);
    return typeof target === "string" ? target : void 0;
  },
  "captcha-api-key": captchaKeyShape,
  proxies: proxiesShape
};
function secretValue(inputs, input) {
  const values = {
    "mongodb-uri": inputs.mongodbUri,
    "county-api-token": inputs.countyApiToken,
    "smtp-url": inputs.smtpUrl,
    "captcha-api-key": inputs.captchaApiKey,
    proxies: inputs.proxies
  };
  return values[input];
}
var row = (name, outcome) => ({
  name,
  ...outcome,
  durationMs: 0
});
function secretChecks(inputs) {
  return SECRET_INPUTS.map((input) => {
    const name = `${secretLabel(input).replace(/ \(input .*\)$/, "")} set and well-formed`;
    const value = secretValue(inputs, input);
    if (value === "") {
      return inputs.required.includes(input) ? row(
        name,
        fail(`${secretLabel(input)} is not set; it is required (see the 'required' input)`)
      ) : row(name, skip("not set (optional)"));
    }
    const problem = SHAPES[input](value);
    return row(
      name,
      problem ? fail(`${secretLabel(input)}: ${problem}`) : pass("set; shape as expected")
    );
  });
}
function reportToCheck(inputs) {
  const name = "report recipients";
  if (inputs.reportTo === "")
    return row(name, warn("input 'report-to' is empty: the report is kept as an artifact only"));
  const problems = reportToProblems(inputs.reportTo);
  if (problems.length > 0) return row(name, fail(`input 'report-to': ${problems.join("; ")}`));
  if (inputs.smtpUrl === "")
    return row(name, warn("no smtp-url: the report for report-to is kept as an artifact only"));
  return row(name, pass("recipients well-formed"));
}

// actions/preflight/src/sender-check.ts
var NAME2 = "report sender";
var isAddress = (value) => value !== "" && !/[\s,;]/.test(value) && reportToProblems(value).length === 0;
var row2 = (outcome) => ({
  name: NAME2,
  ...outcome,
  durationMs: 0
});
function reportFromCheck(inputs) {
  if (inputs.reportFrom !== "") {
    return !isAddress(inputs.reportFrom.replace(/^.*<|>$/g, "")) ? row2(
      fail(
        `variable REPORT_FROM (input report-from): '${inputs.reportFrom}' is not an email address such as reports@example.com`
      )
    ) : row2(pass("REPORT_FROM well-formed"));
  }
  const smtp = parseSmtpUrl(inputs.smtpUrl);
  if (inputs.smtpUrl === "" || typeof smtp === "string")
    return row2(skip("no usable smtp-url: nothing is sent"));
  if (isAddress(smtp.auth?.user ?? ""))
    return row2(pass("REPORT_FROM not set: reports are sent from the SMTP login"));
  return row2(
    fail(
      "variable REPORT_FROM (input report-from) is required together with SMTP_URL: the SMTP login is not an email address to send from; set REPORT_FROM to the sender, e.g. reports@example.com"
    )
  );
}

// actions/preflight/src/preflight.ts
var planRows = (outcome) => outcome.plan ? [
  {
    name: "run plan",
    ...pass(
      `${outcome.plan.zips.length} ZIP(s) ${outcome.plan.zips.join(" ")}; county ${outcome.plan.county}, mls ${outcome.plan.mls}; mode ${outcome.plan.mode}; max-parcels ${outcome.plan.maxParcels}`
    ),
    durationMs: 0
  }
] : outcome.problems.map((problem) => ({ name: "run plan", ...fail(problem), durationMs: 0 }));
function log(logger, check) {
  const line = `${check.name}: ${check.message} (${check.durationMs} ms)`;
  if (check.status === "error") logger.error(line);
  else if (check.status === "warning") logger.warning(line);
  else logger.info(`${check.status === "pass" ? "ok" : "skipped"} ${line}`);
}
async function preflight(inputs, logger) {
  const planned = planRun(inputs);
  const shapes = secretChecks(inputs);
  const shapeOk = (input) => shapes[SECRET_INPUTS.indexOf(input)]?.status === "pass";
  let ollama = inputs.ollamaHost === "" ? "not-configured" : "unreachable";
  const specs = [
    ...reachabilityChecks(inputs, planned.plan, shapeOk, (reachable) => {
      ollama = reachable ? "reachable" : "unreachable";
    }),
    issuesCheck(inputs.githubToken, readEnv(ENV.githubRepository))
  ];
  const reached = await withGroup(
    logger,
    `Checking ${specs.length} server(s)`,
    () => runChecks(specs, inputs.timeoutSeconds * 1e3)
  );
  const secrets = [
    ...SECRET_INPUTS.flatMap((input) => secretParts(secretValue(inputs, input))),
    ...secretParts(inputs.githubToken)
  ];
  const addressing = [reportToCheck(inputs), reportFromCheck(inputs), privacyCheck(inputs)];
  const checks = [...planRows(planned), ...shapes, ...addressing, ...reached].map((check) => ({
    ...check,
    message: scrubSecrets(check.message, secrets)
  }));
  await withGroup(logger, "Preflight results", () => {
    for (const check of checks) log(logger, check);
    return Promise.resolve();
  });
  const count = (status) => checks.filter((c) => c.status === status).length;
  return {
    plan: planned.plan,
    checks,
    ollama,
    problems: count("error"),
    warnings: count("warning")
  };
}

// actions/preflight/src/summary.ts
var ICONS = {
  pass: "\u2705 pass",
  warning: "\u26A0\uFE0F warning",
  error: "\u274C error",
  skipped: "\u23ED\uFE0F skipped"
};
var cell = (text) => markdownText(text);
function preflightSummary(result) {
  const verdict = result.problems > 0 ? `\u274C ${result.problems} problem(s), ${result.warnings} warning(s): the run cannot start` : `\u2705 ready, ${result.warnings} warning(s)`;
  const rows = result.checks.map(
    (check) => `| ${cell(check.name)} | ${ICONS[check.status]} | ${check.durationMs} ms | ${cell(check.message)} |`
  );
  return [
    "## Preflight",
    "",
    verdict,
    "",
    "| Check | Status | Duration | Message |",
    "| --- | --- | ---: | --- |",
    ...rows,
    ""
  ].join("\n");
}
function preflightFailure(result) {
  const errors = result.checks.filter((check) => check.status === "error");
  if (errors.length === 0) return void 0;
  return `${errors.length} problem(s): ${errors.map((check) => check.message).join("; ")}`;
}

// actions/preflight/src/main.ts
var action = {
  name: "preflight",
  inputs: preflightInputs,
  secrets: [
    "mongodbUri",
    "countyApiToken",
    "proxies",
    "captchaApiKey",
    "smtpUrl",
    "githubToken",
    "artifactPassphrase"
  ],
  execute: preflight,
  outputs: ({ plan, checks, ollama, problems, warnings }) => ({
    // A failed plan keeps the empty matrix, so no shard job starts even if the step is ignored.
    ...plan && {
      zips: plan.zips,
      "county-artifacts": plan.zips.map((zip) => `county-parcels-${zip}`).join(" "),
      "mls-artifacts": plan.zips.map((zip) => `mls-listings-${zip}`).join(" "),
      county: plan.county,
      mls: plan.mls,
      mode: plan.mode,
      "max-parcels": plan.maxParcels
    },
    ollama,
    problems,
    warnings,
    failures: checkFailures(checks),
    healthy: healthyComponents(checks).join(" ")
  }),
  failureOutputs: {
    zips: [],
    "county-artifacts": "",
    "mls-artifacts": "",
    county: false,
    mls: false,
    mode: "",
    "max-parcels": 0,
    ollama: "not-configured",
    problems: 1,
    warnings: 0,
    failures: [],
    healthy: ""
  },
  summary: preflightSummary,
  failure: preflightFailure
};
var run = () => runAction(action);

// actions/preflight/src/index.ts
await run();
