import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  COLLECTION_COUNTS,
  sumCounts
} from "../chunks/chunk-HWLRJFE3.js";
import {
  repositoryInput,
  splitRepository
} from "../chunks/chunk-GQW2DYBO.js";
import {
  GitHubNoAnswer,
  GitHubRefusal,
  createGitHubClient
} from "../chunks/chunk-IM2OCGBN.js";
import {
  readStageRecords,
  readStages
} from "../chunks/chunk-ZOFQZNG2.js";
import {
  ERROR_CLASSES,
  runStatsSchema
} from "../chunks/chunk-5A7CVTSE.js";
import {
  runnerArtifactClient,
  verifyManifest
} from "../chunks/chunk-W4XHDAZ2.js";
import {
  readRunContext
} from "../chunks/chunk-YMZZPAWV.js";
import {
  ConfigurationError,
  choiceInput,
  dryRunInput,
  errorMessage,
  external_exports,
  integerInput,
  listInput,
  runAction,
  scrub,
  secretForms,
  stringInput,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import "../chunks/chunk-Z67Z3DOX.js";

// actions/open-incident-issue/src/details.ts
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
async function isDirectory(path2) {
  return stat(path2).then(
    (info) => info.isDirectory(),
    () => false
  );
}
async function stageFolders(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && entry.name === "manifest.json")) return [dir];
  const folders = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory())) {
    const names = await readdir(join(dir, entry.name));
    if (names.includes("manifest.json")) folders.push(join(dir, entry.name));
  }
  return folders;
}
async function readDetails(details2) {
  const path2 = details2.trim();
  if (path2 === "" || path2.includes("\n") || !await isDirectory(path2))
    return { markdown: details2, stats: [], unreadable: [] };
  const stats = [];
  const unreadable = [];
  for (const folder of await stageFolders(path2)) {
    try {
      const manifest = await verifyManifest(folder);
      for await (const record of readStageRecords(folder, manifest, "run-stats", runStatsSchema))
        stats.push(record);
    } catch (error) {
      unreadable.push(`${folder}: ${errorMessage(error)}`);
    }
  }
  return { markdown: "", stats, unreadable };
}
function errorCount(stats) {
  return ERROR_CLASSES.reduce((sum, name) => sum + stats.errorsByClass[name], 0);
}
function runMetrics(stats) {
  if (stats.length === 0) return void 0;
  let processed = 0;
  let errors = 0;
  for (const record of stats) {
    processed += Math.max(0, ...Object.values(record.counts));
    errors += errorCount(record);
  }
  const failing = new Set(stats.filter((s) => s.outcome === "failure").map((s) => s.action));
  return {
    successRate: processed + errors === 0 ? 1 : processed / (processed + errors),
    failingComponents: failing.size
  };
}

// actions/open-incident-issue/src/fingerprint.ts
import { createHash } from "node:crypto";
var VARIABLE_PARTS = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]>"'`]+/gi, "<url>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>"],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/gi,
    "<time>"
  ],
  [/\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b/g, "<time>"],
  // Hex ids (request ids, object ids, hashes) contain at least one digit and one letter.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<id>"],
  [/\d+(?:[.,]\d+)*/g, "<n>"]
];
function normaliseSignature(signature) {
  let text = signature.toLowerCase();
  for (const [pattern, placeholder] of VARIABLE_PARTS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, " ").trim();
}
function fingerprintOf(component, signature) {
  return createHash("sha256").update(`${component}
${normaliseSignature(signature)}`).digest("hex").slice(0, 16);
}

// actions/open-incident-issue/src/incident.ts
var HOUR_MS = 36e5;
function hoursSince(since, now) {
  return since ? (now.getTime() - Date.parse(since)) / HOUR_MS : Infinity;
}
function incidentsOf(issues, fingerprint) {
  return issues.filter((issue) => issue.fingerprint === fingerprint).filter(
    (issue) => issue.stateReason !== "duplicate" && issue.incident?.duplicateOf === void 0
  ).sort((a, b) => a.number - b.number);
}

// actions/open-incident-issue/src/severity.ts
var SEVERITIES = ["P0", "P1", "P2", "P3"];
var SEVERITY_TERMS = {
  P0: {
    label: "P0 critical",
    meaning: "system down, data loss or security breach",
    respond: "15 minutes",
    resolve: "4 hours",
    escalation: "immediately to the technical lead; updates every 30 minutes",
    threshold: 1,
    color: "b60205"
  },
  P1: {
    label: "P1 high",
    meaning: "a major function impaired",
    respond: "1 hour",
    resolve: "24 hours",
    escalation: "technical lead after 4 hours; updates every 2 hours",
    threshold: 1,
    color: "d93f0b"
  },
  P2: {
    label: "P2 medium",
    meaning: "a minor function impaired",
    respond: "4 hours",
    resolve: "72 hours",
    escalation: "supervisor if not resolved in 24 hours; daily updates",
    threshold: 1,
    color: "fbca04"
  },
  P3: {
    label: "P3 low",
    meaning: "optimisation or cosmetic",
    respond: "24 hours",
    resolve: "the next release",
    escalation: "standard project management; weekly updates",
    threshold: 3,
    color: "0e8a16"
  }
};
function moreSevere(a, b) {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}
function severityFromMetrics(metrics) {
  if (metrics.successRate === 0) return "P0";
  if (metrics.failingComponents >= 2 || metrics.successRate < 0.5) return "P1";
  if (metrics.successRate < 0.9) return "P2";
  if (metrics.successRate < 0.95) return "P3";
  return void 0;
}

// actions/open-incident-issue/src/labels.ts
var INCIDENT_LABEL = "incident";
var TRACKER_LABEL = "incident-tracker";
var severityLabel = (severity) => `severity:${severity.toLowerCase()}`;
var componentLabel = (component) => `component:${component}`;
function incidentLabels(severity, component, extra) {
  const terms = SEVERITY_TERMS[severity];
  return [
    {
      name: INCIDENT_LABEL,
      color: "d73a4a",
      description: "Pipeline incident kept by open-incident-issue"
    },
    {
      name: severityLabel(severity),
      color: terms.color,
      description: `${terms.label}: respond within ${terms.respond}, resolve within ${terms.resolve}`
    },
    {
      name: componentLabel(component),
      color: "1d76db",
      description: `Pipeline component ${component}`
    },
    ...extra.map((name) => ({ name, color: "ededed", description: "" }))
  ];
}
function withSeverity(labels, severity) {
  return [...labels.filter((name) => !/^severity:p\d$/i.test(name)), severityLabel(severity)];
}

// actions/open-incident-issue/src/redact.ts
function redact(text, secrets) {
  return scrub(text, secrets);
}
function untrusted(text, secrets) {
  return redact(text, secrets).replaceAll("<!--", "&lt;!--").replaceAll("-->", "--&gt;").replace(/(^|[^\w`])@([A-Za-z0-9][\w-]*)/g, "$1`@$2`");
}
function codeBlock(text) {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run2) => run2[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text
${text}
${fence}`;
}

// actions/open-incident-issue/src/markers.ts
var incidentStateSchema = external_exports.object({
  v: external_exports.literal(1),
  fingerprint: external_exports.string(),
  component: external_exports.string(),
  severity: external_exports.enum(SEVERITIES),
  /** Failing runs seen, the ones before the issue opened included. */
  occurrences: external_exports.number().int().nonnegative(),
  firstSeen: external_exports.string(),
  lastSeen: external_exports.string(),
  firstRunUrl: external_exports.string().optional(),
  lastRunId: external_exports.string().optional(),
  /** Errors counted in the last occurrence's run-stats, to say what changed. */
  lastErrorCount: external_exports.number().int().nonnegative().optional(),
  closedAt: external_exports.string().optional(),
  reopenedAt: external_exports.string().optional(),
  /** Issue this one was closed as a duplicate of (a race between two jobs). */
  duplicateOf: external_exports.number().int().optional()
});
var FINGERPRINT = /<!-- phx-incident:fingerprint=([0-9a-f]{16}) -->/;
var STATE = /<!-- phx-incident:state=(\{.*?\}) -->/;
function commentSafeJson(value) {
  return JSON.stringify(value).replaceAll("<", "\\u003c").replaceAll(">", "\\u003e");
}
function incidentMarkers(state) {
  return [
    `<!-- phx-incident:fingerprint=${state.fingerprint} -->`,
    `<!-- phx-incident:state=${commentSafeJson(state)} -->`
  ].join("\n");
}
function readFingerprint(body) {
  return FINGERPRINT.exec(body ?? "")?.[1];
}
function readIncidentState(body) {
  const json = STATE.exec(body ?? "")?.[1];
  if (!json) return void 0;
  try {
    const parsed = incidentStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : void 0;
  } catch {
    return void 0;
  }
}
var pendingSchema = external_exports.object({
  component: external_exports.string(),
  signature: external_exports.string(),
  /** Distinct failing runs in a row, oldest first (a run's jobs and reruns count once). */
  runs: external_exports.array(external_exports.string()),
  firstSeen: external_exports.string(),
  lastSeen: external_exports.string()
});
var TRACKER = /<!-- phx-incident:tracker=(\{.*?\}) -->/;
function trackerMarker(pending) {
  return `<!-- phx-incident:tracker=${commentSafeJson(pending)} -->`;
}
function readTracker(body) {
  const json = TRACKER.exec(body ?? "")?.[1];
  if (!json) return {};
  try {
    const parsed = external_exports.record(external_exports.string(), pendingSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
function withIncidentState(body, state) {
  const marker = `<!-- phx-incident:state=${commentSafeJson(state)} -->`;
  return STATE.test(body) ? body.replace(STATE, () => marker) : `${incidentMarkers(state)}
${body}`;
}

// actions/open-incident-issue/src/runbooks.ts
var RUNBOOKS = {
  "database-unreachable": {
    title: "Database connection failure",
    symptoms: [
      "MongoDB connection timeouts, server selection errors or authentication failures",
      "store-mongo failing consistently; nothing new in the `property` collection"
    ],
    immediate: [
      "Check the MongoDB service (Atlas status page or the server) and that it accepts connections",
      "Check the `MONGODB_URI` secret: host, user, password, database; rotate it if it leaked",
      "Check the Atlas network access list allows GitHub-hosted runners",
      "Read the database logs for the error pattern of this run"
    ],
    resolution: [
      "Restart the database service or resume a paused Atlas cluster",
      "Re-run the failed jobs: stage artifacts are kept, so store-mongo resumes from them",
      "Switch `MONGODB_URI` to a backup database if the primary stays down",
      "After recovery, check the integrity report of store-mongo (counts, duplicate keys)"
    ],
    prevention: [
      "Keep the connection health check at the start of the nightly run",
      "Watch Atlas storage (M0 is 512 MB) and connection limits",
      "Validate the maintenance workflow backups regularly"
    ]
  },
  "llm-down": {
    title: "LLM processing service failure",
    symptoms: [
      "Ollama unavailable or not answering; enrichment requests timing out",
      "Model loading failures or out-of-memory errors; enrichment falling back to rules"
    ],
    immediate: [
      "Check that `ollama serve` started in the job and answers on `/api/tags`",
      "Check the model (`llama3.2:latest`) is present and the model cache restored",
      "Check the runner memory and CPU in the job log",
      "Try one small request against the service"
    ],
    resolution: [
      "Restart Ollama and pull the model again; clear a corrupted model cache",
      "Lower the batch size or `num_ctx` if memory runs out",
      "Let the rules extractor carry the night: enrichment records say which method made them"
    ],
    prevention: [
      "Keep the health check and model pull before enrichment",
      "Keep the model folder in the Actions cache",
      "Keep the rules fallback tested"
    ]
  },
  "budget-exceeded": {
    title: "Cost budget exceeded",
    symptoms: [
      "Month-to-date cost over 95 % of the $25 budget, or a projection above it",
      "An unexpected spike in daily cost; usage of a service beyond its plan"
    ],
    immediate: [
      "Stop non-essential collection: check-budget already gates the scraper and LLM jobs",
      "Read the cost breakdown in the budget summary and find the service that spiked",
      "Apply emergency controls: fewer ZIPs or runs, no proxies or CAPTCHA solving",
      "Tell the budget owner"
    ],
    resolution: [
      "Cut the usage that spiked (rate limits, batch sizes, retries)",
      "Switch to free alternatives (rules instead of LLM, county data only)",
      "Change service plans if the budget no longer fits the workload"
    ],
    prevention: [
      "Keep the 60/80/95 % budget levels and the daily projection",
      "Review cost per property weekly (target under $0.01)"
    ]
  },
  "county-auth-refused": {
    title: "County API refusing authentication",
    symptoms: [
      'Every Assessor API request answered with "Unauthorized access" (HTTP 500 text/html)',
      "collect-county stops at its first requests; no parcels collected"
    ],
    immediate: [
      "Check the county API token secret is set for this workflow and not expired",
      "Try one request with the token by hand (header `AUTHORIZATION: <token>`)",
      "Do not rerun in a loop: a refused token will not pass by retrying"
    ],
    resolution: [
      "Ask the Assessor for a new token through its contact form and update the secret",
      "Re-run the collection: it resumes from parcels already collected"
    ],
    prevention: [
      "Keep the token in one secret, never in workflow files",
      "Note the token's issue date and renew before it lapses"
    ]
  },
  "listing-site-blocking": {
    title: "Listing site blocking the scraper",
    symptoms: [
      "HTTP 403/429, CAPTCHA or WAF challenge pages instead of listings",
      "Listing counts drop to near zero while the county collection is normal"
    ],
    immediate: [
      "Open the failure snapshots in the scrape-mls artifact to see what the site served",
      "Check the proxy pool (valid proxies, cooldowns) and the CAPTCHA solver balance",
      "Slow down: lower requests per minute and max-parallel of the scrape matrix"
    ],
    resolution: [
      "Rotate to fresh proxies; retire sessions that were blocked",
      "Update the selectors file if the page structure changed",
      "Skip the listing source for a night: county data still flows"
    ],
    prevention: [
      "Keep the politeness limits (at least 3.6 s between requests per site)",
      "Watch the block rate in run-stats and raise an incident before it reaches zero listings"
    ]
  },
  "source-outage": {
    title: "Data source outage",
    symptoms: [
      "The county API or the listing site answering 5xx, timing out or refusing connections on every request",
      "A collection shard failing with nothing collected after a preflight that passed"
    ],
    immediate: [
      "Check the source by hand from a browser or curl: is it down for everyone, or only for the runners' addresses?",
      "Read the error classes in the shard summary: server (5xx), network or timeout",
      "Do not re-run in a loop: the shard keeps what it had and tomorrow continues from it"
    ],
    resolution: [
      "Wait for the source to come back; re-run the failed shards once it answers",
      "If only the runners are refused, rotate proxies (listing site) or contact the Assessor (county)"
    ],
    prevention: [
      "Keep the time budget and checkpoints so a partial night keeps what it collected",
      "Watch the success-rate incidents: a source that degrades before it fails shows there first"
    ]
  },
  "missed-nightly-run": {
    title: "Nightly run missed",
    symptoms: [
      "No data-collection run started at 10:00 UTC (3:00 AM Phoenix), or it never finished",
      "No report email by 8:00 AM Phoenix"
    ],
    immediate: [
      "Open the Actions tab: is the workflow disabled, queued or cancelled?",
      "Start the run by hand with workflow_dispatch",
      "Check the GitHub status page for Actions incidents"
    ],
    resolution: [
      "Re-enable the workflow if GitHub disabled it (60 days without repository activity)",
      "Check the `concurrency` group did not cancel the run"
    ],
    prevention: [
      "Keep the watchdog workflow; keep the repository active",
      "Do not put two workflows on the same cron"
    ]
  },
  other: {
    title: "Pipeline failure",
    symptoms: ["A pipeline job failed; see what failed above"],
    immediate: [
      "Assess scope and impact: which ZIPs, stages and data are affected",
      "Stop non-essential processes if data is at risk; collected artifacts are kept",
      "Collect the job logs and artifacts of the run"
    ],
    resolution: [
      "Find the root cause in the logs and error classes",
      "Fix or work around it, re-run the failed jobs and check the run succeeds"
    ],
    prevention: ["Write down the root cause and what would have caught it earlier"]
  }
};

// actions/open-incident-issue/src/issue-body.ts
var MAX_DETAILS = 2e4;
function incidentTitle(component, signature, secrets) {
  const line = redact(signature, secrets).split("\n")[0]?.trim() ?? "";
  return `Incident: ${component}: ${line.length > 100 ? `${line.slice(0, 99)}\u2026` : line}`;
}
var lastMessage = (occurrence) => occurrence.message?.trim() ? occurrence.message : occurrence.signature;
var runLink = (runId, url) => url ? `[${runId}](${url})` : runId;
function statsTable(stats) {
  const rows = stats.map((s) => {
    const errors = Object.entries(s.errorsByClass).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
    const counts = Object.entries(s.counts).map(([k, n]) => `${k} ${n}`);
    return `| ${s.action} | ${s.shard} | ${s.outcome} | ${errorCount(s)} (${errors.join(", ") || "none"}) | ${counts.join(", ")} |`;
  });
  return [
    "| action | shard | outcome | errors | counts |",
    "| --- | --- | --- | --- | --- |",
    ...rows
  ];
}
function whatFailed(occurrence) {
  const { details: details2, secrets } = occurrence;
  const lines = [
    "### What failed",
    "",
    `Signature, normalised: \`${normaliseSignature(redact(occurrence.signature, secrets)).replaceAll("`", "'")}\``,
    ...occurrence.check ? ["", `Failing check: **${untrusted(occurrence.check, secrets).replace(/[*_`[\]]/g, "")}**`] : [],
    "",
    "Last message:",
    "",
    codeBlock(untrusted(lastMessage(occurrence), secrets).slice(0, 2e3))
  ];
  if (details2.stats.length) lines.push("", ...statsTable(details2.stats.slice(0, 100)));
  if (details2.stats.length > 100)
    lines.push("", `\u2026 and ${details2.stats.length - 100} more run-stats`);
  for (const problem of details2.unreadable)
    lines.push(
      "",
      `> Run-stats left out, the artifact did not verify: ${untrusted(problem, secrets)}`
    );
  if (details2.markdown.trim()) {
    const markdown = untrusted(details2.markdown, secrets);
    lines.push(
      "",
      markdown.length > MAX_DETAILS ? `${markdown.slice(0, MAX_DETAILS)}

\u2026 (cut)` : markdown
    );
  }
  return lines;
}
function runbookSection(runbook) {
  const list = (items) => items.map((item, index) => `${index + 1}. ${item}`);
  return [
    `### Runbook: ${runbook.title}`,
    "",
    "**Symptoms**",
    "",
    ...runbook.symptoms.map((item) => `- ${item}`),
    "",
    "**Immediate actions**",
    "",
    ...list(runbook.immediate),
    "",
    "**Resolution**",
    "",
    ...list(runbook.resolution),
    "",
    "**Prevention**",
    "",
    ...runbook.prevention.map((item) => `- ${item}`)
  ];
}
function incidentBody(state, occurrence) {
  const terms = SEVERITY_TERMS[state.severity];
  const runbook = RUNBOOKS[occurrence.scenario];
  return [
    incidentMarkers(state),
    `## ${terms.label}: ${state.component}`,
    "",
    "| | |",
    "| --- | --- |",
    `| Severity | **${terms.label}**: ${terms.meaning}. Respond within **${terms.respond}**, resolve within **${terms.resolve}**; escalation: ${terms.escalation} |`,
    `| Component | \`${state.component}\` |`,
    `| Scenario | ${runbook.title} |`,
    `| First seen | ${state.firstSeen}${state.firstRunUrl ? ` ([run](${state.firstRunUrl}))` : ""} |`,
    `| Last seen | ${state.lastSeen} (run ${runLink(occurrence.runId, occurrence.runUrl)}) |`,
    `| Occurrences | ${state.occurrences} |`,
    `| Fingerprint | \`${state.fingerprint}\` |`,
    "",
    ...whatFailed(occurrence),
    "",
    "### Links",
    "",
    `- Run: ${runLink(occurrence.runId, occurrence.runUrl)}`,
    ...occurrence.runUrl ? [`- Artifacts: [run artifacts](${occurrence.runUrl}#artifacts)`] : [],
    "",
    ...runbookSection(runbook),
    "",
    "<sub>Kept by the open-incident-issue action: it comments on repeats, closes on recovery and reopens on regression. Comment freely; leave the hidden markers in this body.</sub>"
  ].join("\n");
}

// actions/open-incident-issue/src/occurrence.ts
var errorsOf = (failure) => failure.occurrence.details.stats.reduce((sum, stats) => sum + errorCount(stats), 0);
function priorState(issue, report, failure, now) {
  return issue.incident ?? {
    v: 1,
    fingerprint: failure.fingerprint,
    component: report.component,
    severity: failure.severity,
    occurrences: 1,
    firstSeen: issue.closedAt ?? now,
    lastSeen: now
  };
}
function nextState(previous, report, failure, now) {
  return {
    ...previous,
    severity: moreSevere(previous.severity, failure.severity),
    occurrences: previous.occurrences + 1,
    lastSeen: now,
    lastRunId: report.runId,
    lastErrorCount: failure.occurrence.details.stats.length ? errorsOf(failure) : previous.lastErrorCount
  };
}
function changes(previous, next, failure) {
  const lines = [
    next.severity === previous.severity ? `- Severity: ${next.severity}, unchanged` : `- Severity: raised from ${previous.severity} to ${next.severity}`,
    `- Previous occurrence: ${previous.lastSeen}`
  ];
  if (failure.occurrence.details.stats.length) {
    const before = previous.lastErrorCount === void 0 ? "" : ` (previous occurrence: ${previous.lastErrorCount})`;
    lines.push(`- Errors in this run: ${errorsOf(failure)}${before}`);
  }
  return lines;
}
var runText = (report) => report.runUrl ? `[${report.runId}](${report.runUrl})` : report.runId;
async function recordOccurrence(issue, report, failure, deps, change) {
  const now = deps.now().toISOString();
  const previous = priorState(issue, report, failure, now);
  const next = nextState(previous, report, failure, now);
  if (change.reopen) {
    next.reopenedAt = now;
    delete next.closedAt;
  }
  const labels = next.severity === previous.severity ? void 0 : withSeverity(issue.labels, next.severity);
  if (labels)
    await deps.repo.ensureLabels(incidentLabels(next.severity, report.component, []).slice(1, 2));
  await deps.repo.update(issue.number, {
    body: incidentBody(next, failure.occurrence),
    ...labels ? { labels } : {},
    ...change.reopen ? { state: "open" } : {}
  });
  return { previous, next };
}

// actions/open-incident-issue/src/repeat.ts
async function commentRepeat(issue, report, failure, deps) {
  const { previous, next } = await recordOccurrence(issue, report, failure, deps, {
    reopen: false
  });
  const message = untrusted(lastMessage(failure.occurrence), report.secrets).slice(0, 2e3);
  await deps.repo.comment(
    issue.number,
    [
      `**Occurrence ${next.occurrences}** in run ${runText(report)}.`,
      "",
      "What changed:",
      ...changes(previous, next, failure),
      "",
      codeBlock(message)
    ].join("\n")
  );
  return {
    action: "commented",
    issueNumber: issue.number,
    fingerprint: failure.fingerprint,
    occurrences: next.occurrences,
    severity: next.severity,
    reason: `issue #${issue.number} was already open`,
    dryRun: deps.repo.dryRun
  };
}
async function reopenIssue(issue, report, failure, deps) {
  const closedHours = hoursSince(issue.closedAt, deps.now());
  const { previous, next } = await recordOccurrence(issue, report, failure, deps, { reopen: true });
  const flapping = closedHours < report.flapHours;
  await deps.repo.comment(
    issue.number,
    [
      `**Regressed** in run ${runText(report)}: occurrence ${next.occurrences}, ${closedHours.toFixed(1)} h after it was closed.`,
      ...flapping ? [
        "",
        `Flapping: it recovered and failed again within ${report.flapHours} h, so it stays open for at least ${report.flapHours} h.`
      ] : [],
      "",
      "What changed:",
      ...changes(previous, next, failure)
    ].join("\n")
  );
  return {
    action: "reopened",
    issueNumber: issue.number,
    fingerprint: failure.fingerprint,
    occurrences: next.occurrences,
    severity: next.severity,
    reason: `issue #${issue.number} closed ${closedHours.toFixed(1)} h ago, within the reopen window`,
    dryRun: deps.repo.dryRun
  };
}

// actions/open-incident-issue/src/open-issue.ts
async function openIssue(report, failure, seen, deps) {
  const now = deps.now().toISOString();
  const state = {
    v: 1,
    fingerprint: failure.fingerprint,
    component: report.component,
    severity: failure.severity,
    occurrences: seen.runs,
    firstSeen: seen.firstSeen,
    lastSeen: now,
    lastRunId: report.runId,
    ...report.runUrl ? { firstRunUrl: report.runUrl } : {},
    ...failure.occurrence.details.stats.length ? { lastErrorCount: failure.occurrence.details.stats.reduce((n, s) => n + errorCount(s), 0) } : {}
  };
  const labels = incidentLabels(failure.severity, report.component, report.labels);
  await deps.repo.ensureLabels(labels);
  const title = incidentTitle(report.component, report.signature, report.secrets);
  const created = await deps.repo.create(
    title,
    incidentBody(state, failure.occurrence),
    labels.map((label) => label.name)
  );
  const opened = {
    action: "opened",
    issueNumber: created.number,
    fingerprint: failure.fingerprint,
    occurrences: seen.runs,
    severity: failure.severity,
    reason: seen.runs > 1 ? `${seen.runs} failing runs in a row reached the threshold` : "first failure",
    dryRun: deps.repo.dryRun
  };
  if (deps.repo.dryRun) return opened;
  const first = incidentsOf(await deps.repo.listByLabel(INCIDENT_LABEL), failure.fingerprint).find(
    (issue) => issue.state === "open"
  );
  if (!first || first.number >= created.number) return opened;
  deps.logger.info(
    `issue #${first.number} was opened concurrently for the same fingerprint; closing #${created.number} as its duplicate`
  );
  await deps.repo.update(created.number, {
    body: withIncidentState(created.body, { ...state, duplicateOf: first.number }),
    state: "closed",
    state_reason: "duplicate",
    duplicate_issue_id: first.id
  });
  const outcome = await commentRepeat(first, report, failure, deps);
  return {
    ...outcome,
    reason: `a concurrent job opened #${first.number} first; #${created.number} closed as its duplicate`
  };
}

// actions/open-incident-issue/src/scenario.ts
var rules = [
  {
    // No collection for over an hour is the guide's first P0 example.
    scenario: "missed-nightly-run",
    severity: "P0",
    matches: (component, text) => component === "watchdog" || /missed|did not (?:run|start)|no (?:nightly )?run/.test(text)
  },
  {
    scenario: "budget-exceeded",
    severity: "P1",
    matches: (component, text) => component === "budget" || component === "check-budget" || /budget|cost overrun/.test(text)
  },
  {
    // The guide lists a database failure as P0: nothing is stored while it lasts.
    scenario: "database-unreachable",
    severity: "P0",
    matches: (component, text) => component === "database" || /mongo|database|server selection|27017|ferretdb/.test(text) || component === "store-mongo" && /network|timeout|refused|auth/.test(text)
  },
  {
    scenario: "llm-down",
    severity: "P2",
    matches: (component, text) => /ollama|llm|model .*not found/.test(text) || component === "enrich-llm"
  },
  {
    scenario: "county-auth-refused",
    severity: "P1",
    matches: (component, text) => component === "collect-county" && /auth|401|403|unauthori[sz]ed|forbidden|token/.test(text)
  },
  {
    scenario: "listing-site-blocking",
    severity: "P2",
    matches: (component, text) => component === "scrape-mls" && /block|captcha|403|429|waf|cloudflare|challenge/.test(text)
  },
  {
    // A source that stopped answering after the preflight: a single component failing, P2.
    scenario: "source-outage",
    severity: "P2",
    matches: (component, text) => (component === "collect-county" || component === "scrape-mls") && /outage|unavailable|\b5\d\d\b|server error|timed? ?out|econnrefused|econnreset|did not answer|not reachable|unreachable|network|\bserver \d|\b0 (?:parcels|pages|listings) collected/.test(
      text
    )
  }
];
function detectScenario(component, signature) {
  const text = signature.toLowerCase();
  const rule = rules.find((candidate) => candidate.matches(component, text));
  return rule ? { scenario: rule.scenario, severity: rule.severity } : { scenario: "other", severity: "P2" };
}

// actions/open-incident-issue/src/tracker.ts
var MAX_RUNS = 20;
var MAX_WRITES = 3;
function trackerBody(pending) {
  const rows = Object.entries(pending).map(
    ([fingerprint, entry]) => `| \`${fingerprint}\` | ${entry.component} | ${entry.runs.length} | ${entry.firstSeen} | ${entry.lastSeen} |`
  );
  return [
    trackerMarker(pending),
    "Failures seen fewer times in a row than their threshold. The open-incident-issue action keeps",
    "this issue, closed on purpose, and opens an incident issue when a threshold is reached; a",
    "successful run of the component clears its rows. Leave the hidden marker in this body.",
    "",
    "| fingerprint | component | failing runs in a row | first seen | last seen |",
    "| --- | --- | --- | --- | --- |",
    ...rows
  ].join("\n");
}
var FailureTracker = class {
  constructor(repo) {
    this.repo = repo;
  }
  repo;
  issue;
  pending = {};
  /** Reads the tracker issue, if there is one. */
  async load() {
    const issues = await this.repo.listByLabel(TRACKER_LABEL);
    this.issue = issues.sort((a, b) => a.number - b.number)[0];
    this.pending = readTracker(this.issue?.body);
    return this.pending;
  }
  /**
   * Records a failing run of `fingerprint`; returns its entry (runs in a row, first seen). GitHub
   * has no conditional update, so the write is read back: when a concurrent job overwrote it (or
   * created a second tracker), the entry is merged into the lowest tracker again, a few times.
   */
  async recordFailure(failure) {
    for (let attempt = 1; ; attempt += 1) {
      const entry = this.pending[failure.fingerprint] ?? {
        component: failure.component,
        signature: failure.signature,
        runs: [],
        firstSeen: failure.now,
        lastSeen: failure.now
      };
      if (!entry.runs.includes(failure.runId))
        entry.runs = [...entry.runs, failure.runId].slice(-MAX_RUNS);
      entry.lastSeen = failure.now;
      this.pending[failure.fingerprint] = entry;
      await this.save();
      if (this.repo.dryRun || attempt >= MAX_WRITES) return entry;
      const stored = (await this.load())[failure.fingerprint];
      if (stored?.runs.includes(failure.runId)) return stored;
    }
  }
  /** Forgets the entries `matches` selects; saves only when something changed. */
  async clear(matches) {
    const before = Object.keys(this.pending).length;
    this.pending = Object.fromEntries(
      Object.entries(this.pending).filter(
        ([fingerprint, entry]) => !matches(fingerprint, entry.component)
      )
    );
    if (Object.keys(this.pending).length !== before) await this.save();
  }
  async save() {
    const body = trackerBody(this.pending);
    if (this.issue) return this.repo.update(this.issue.number, { body });
    this.issue = await this.repo.create("PHX pipeline: incident tracker", body, [TRACKER_LABEL]);
    if (this.issue.number > 0)
      await this.repo.update(this.issue.number, { state: "closed", state_reason: "not_planned" });
  }
};

// actions/open-incident-issue/src/failure.ts
async function assess(report) {
  const details2 = await readDetails(report.details);
  const { scenario, severity: base } = detectScenario(
    report.component,
    `${report.signature}
${report.message ?? ""}`
  );
  const metrics = runMetrics(details2.stats);
  const measured = metrics ? severityFromMetrics(metrics) : void 0;
  const severity = report.severity !== "auto" ? report.severity : moreSevere(base, measured ?? base);
  return {
    fingerprint: fingerprintOf(report.component, report.signature),
    severity,
    occurrence: {
      signature: report.signature,
      ...report.message ? { message: report.message } : {},
      ...report.check ? { check: report.check } : {},
      scenario,
      details: details2,
      runId: report.runId,
      runUrl: report.runUrl,
      secrets: report.secrets
    }
  };
}
function reopenable(incidents, report, now) {
  const closed = incidents.filter((issue) => issue.state === "closed" && issue.closedAt).sort((a, b) => Date.parse(b.closedAt ?? "") - Date.parse(a.closedAt ?? ""))[0];
  return closed && hoursSince(closed.closedAt, now) <= report.reopenWindowDays * 24 ? closed : void 0;
}
async function handleFailure(report, deps) {
  if (report.signature.trim() === "")
    throw new ConfigurationError(
      "input 'signature' is required when status is failure: the error class and step, e.g. 'MongoServerSelectionError in store'"
    );
  const failure = await assess(report);
  deps.logger.info(
    `fingerprint ${failure.fingerprint}, severity ${failure.severity}, scenario ${failure.occurrence.scenario}`
  );
  const incidents = await withGroup(
    deps.logger,
    "Find the incident issue",
    async () => incidentsOf(await deps.repo.listByLabel(INCIDENT_LABEL), failure.fingerprint)
  );
  const open = incidents.find((issue) => issue.state === "open");
  if (open)
    return withGroup(
      deps.logger,
      `Comment on #${open.number}`,
      () => commentRepeat(open, report, failure, deps)
    );
  const closed = reopenable(incidents, report, deps.now());
  if (closed)
    return withGroup(
      deps.logger,
      `Reopen #${closed.number}`,
      () => reopenIssue(closed, report, failure, deps)
    );
  const threshold = report.threshold || SEVERITY_TERMS[failure.severity].threshold;
  const now = deps.now().toISOString();
  if (threshold <= 1)
    return withGroup(
      deps.logger,
      "Open an issue",
      () => openIssue(report, failure, { runs: 1, firstSeen: now }, deps)
    );
  return withGroup(deps.logger, "Count towards the threshold", async () => {
    const tracker = new FailureTracker(deps.repo);
    await tracker.load();
    const entry = await tracker.recordFailure({
      fingerprint: failure.fingerprint,
      component: report.component,
      signature: redact(report.signature, report.secrets),
      runId: report.runId,
      now
    });
    if (entry.runs.length < threshold)
      return {
        action: "none",
        issueNumber: 0,
        fingerprint: failure.fingerprint,
        occurrences: entry.runs.length,
        severity: failure.severity,
        reason: `failing run ${entry.runs.length} of ${threshold} in a row before an issue opens`,
        dryRun: deps.repo.dryRun
      };
    const outcome = await openIssue(
      report,
      failure,
      { runs: entry.runs.length, firstSeen: entry.firstSeen },
      deps
    );
    await tracker.clear((fingerprint) => fingerprint === failure.fingerprint);
    return outcome;
  });
}

// shared/model/check-failure.ts
var checkFailureSchema = external_exports.object({
  check: external_exports.string(),
  component: external_exports.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/),
  message: external_exports.string()
});

// actions/open-incident-issue/src/night.ts
var nightJobSchema = external_exports.object({
  result: external_exports.string(),
  outputs: external_exports.record(external_exports.string(), external_exports.string()).default({})
});
function parseNight(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ConfigurationError(
      "input 'night': expected the JSON of the `needs` context (`${{ toJSON(needs) }}`), got text that is not JSON"
    );
  }
  const parsed = external_exports.record(external_exports.string(), nightJobSchema).safeParse(value);
  if (!parsed.success)
    throw new ConfigurationError(
      `input 'night': expected the JSON of the \`needs\` context, each job with a result and outputs: ${parsed.error.issues[0]?.message ?? ""}`
    );
  return parsed.data;
}
function parseComponents(text) {
  const map = /* @__PURE__ */ new Map();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z_][\w-]*)\s*:\s*([a-z0-9][a-z0-9-]{0,49})$/.exec(line);
    if (!match)
      throw new ConfigurationError(
        `input 'components': expected 'job-id: component' per line (e.g. 'county: collect-county'), got '${line.slice(0, 80)}'`
      );
    map.set(match[1] ?? "", match[2] ?? "");
  }
  return map;
}
function checkFailures(outputs) {
  const text = outputs.failures?.trim();
  if (!text) return [];
  try {
    const parsed = external_exports.array(checkFailureSchema).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
var failed = (result) => result === "failure" || result === "cancelled";
function silentFailure(job, result) {
  return result === "cancelled" ? `job '${job}' was cancelled: it ran past the job's time limit or the run was cancelled; the job log says which step it was in` : `job '${job}' failed before its action reported an error (a setup step such as checkout, an install or a cache); the job log says which`;
}
function judgeNight(jobs, components) {
  const failures = [];
  const worked = /* @__PURE__ */ new Set();
  for (const [id, job] of Object.entries(jobs)) {
    const component = components.get(id) ?? id;
    const checks = checkFailures(job.outputs);
    for (const check of checks)
      failures.push({
        component: check.component,
        signature: `preflight check '${check.check}' failed`,
        message: check.message,
        check: check.check,
        jobs: [`${id} (${job.result})`]
      });
    for (const name of (job.outputs.healthy ?? "").split(/\s+/)) if (name) worked.add(name);
    if (failed(job.result) && checks.length === 0) {
      const message = job.outputs.error?.trim() || silentFailure(id, job.result);
      failures.push({
        component,
        signature: job.result === "cancelled" ? `${id} cancelled` : `${id} failed: ${message}`,
        message,
        jobs: [`${id} (${job.result})`]
      });
    }
    if (job.result === "success" && job.outputs.worked !== "false") worked.add(component);
  }
  const failing = new Set(failures.map((failure) => failure.component));
  return { failures: mergeFailures(failures), worked: [...worked].filter((c) => !failing.has(c)) };
}
function mergeFailures(failures) {
  const merged = /* @__PURE__ */ new Map();
  for (const failure of failures) {
    const key = `${failure.component}
${failure.signature}`;
    const known = merged.get(key);
    if (known) known.jobs.push(...failure.jobs.filter((job) => !known.jobs.includes(job)));
    else merged.set(key, { ...failure, jobs: [...failure.jobs] });
  }
  return [...merged.values()];
}

// actions/open-incident-issue/src/night-budget.ts
var INSIDE = /* @__PURE__ */ new Set(["ok", "info", "warning"]);
var budgetOutputs = external_exports.record(external_exports.string(), external_exports.string());
function budgetVerdict(text) {
  if (text.trim() === "" || text.trim() === "null") return { worked: false };
  let parsed;
  try {
    parsed = budgetOutputs.parse(JSON.parse(text));
  } catch {
    throw new ConfigurationError(
      "input 'budget': expected the JSON of check-budget's outputs (e.g. `${{ needs.budget-record.outputs.budget }}`), with string values"
    );
  }
  const level = parsed.level ?? "";
  const over = Number(parsed["over-budget-percent"] ?? "0");
  const severity = parsed.severity;
  if (level === "critical" || over > 0) {
    const utilization = parsed.utilization ? `${parsed.utilization} % of the monthly budget` : "";
    const spent = parsed["month-to-date"] ? `$${Number(parsed["month-to-date"]).toFixed(2)}` : "";
    return {
      worked: false,
      severity,
      failure: {
        component: "budget",
        signature: "monthly budget at the critical level or over",
        message: [
          `Month to date ${spent}${utilization ? ` (${utilization})` : ""}${over > 0 ? `, ${over.toFixed(1)} % over the budget` : ""}.`,
          parsed.reason ?? ""
        ].filter((part) => part.trim() !== "").join(" "),
        jobs: []
      }
    };
  }
  return { worked: INSIDE.has(level), severity };
}

// actions/open-incident-issue/src/night-rates.ts
function collectionRates(stats) {
  const rates = /* @__PURE__ */ new Map();
  for (const record of stats) {
    const counts = COLLECTION_COUNTS[record.action];
    if (!counts) continue;
    const entry = rates.get(record.action) ?? {
      component: record.action,
      collected: 0,
      failed: 0,
      rate: null,
      shards: 0
    };
    entry.collected += sumCounts(record.counts, counts.collected);
    entry.failed += sumCounts(record.counts, counts.failed);
    entry.shards += 1;
    rates.set(record.action, entry);
  }
  for (const entry of rates.values()) {
    const attempted = entry.collected + entry.failed;
    entry.rate = attempted === 0 ? null : entry.collected / attempted;
  }
  return [...rates.values()];
}
var severityOfRate = (rate) => severityFromMetrics({ successRate: rate, failingComponents: 1 });
var percent = (rate) => `${(rate * 100).toFixed(1)} %`;
function degradedFailure(entry) {
  if (entry.rate === null || severityOfRate(entry.rate) === void 0) return void 0;
  const noun = entry.component === "scrape-mls" ? "listing pages" : "parcels";
  return {
    component: entry.component,
    signature: `${entry.component} success rate below the 95 % target`,
    message: `${percent(entry.rate)} of ${noun} collected tonight: ${entry.collected.toLocaleString("en-US")} collected, ${entry.failed.toLocaleString("en-US")} given up after retries, over ${entry.shards} shard(s)`,
    jobs: [],
    rate: entry.rate
  };
}

// actions/open-incident-issue/src/night-severity.ts
var COLLECTORS = ["collect-county", "scrape-mls"];
var isSeverity = (value) => SEVERITIES.includes(value ?? "");
var budgetSeverityOf = (value) => isSeverity(value) ? value : void 0;
function rateFailures(failures, facts) {
  const components = new Set(
    failures.map((failure) => failure.component).filter((c) => c !== "budget")
  );
  const collected = facts.rates.some((rate) => rate.collected > 0) || COLLECTORS.some((collector) => facts.worked.includes(collector));
  return failures.map((failure) => {
    if (failure.component === "budget")
      return {
        ...failure,
        severity: facts.budgetSeverity ?? "P2",
        why: "the month is at the critical level or over budget"
      };
    const { severity: base } = detectScenario(
      failure.component,
      `${failure.signature}
${failure.message}`
    );
    const reasons = [];
    let severity = failure.rate === void 0 ? base : severityOfRate(failure.rate) ?? "P3";
    const raise = (to, why) => {
      if (!to || moreSevere(severity, to) === severity) return;
      severity = to;
      reasons.push(why);
    };
    if (!collected) raise("P0", "nothing was collected tonight: all data collection stopped");
    if (components.size >= 2) raise("P1", `${components.size} components failed in the same night`);
    const rate = facts.rates.find((entry) => entry.component === failure.component)?.rate;
    if (rate !== null && rate !== void 0)
      raise(severityOfRate(rate), `${(rate * 100).toFixed(1)} % collection success`);
    return { ...failure, severity, why: reasons.join("; ") || "the scenario" };
  });
}

// actions/open-incident-issue/src/recovery.ts
function recovered(issues, report, fingerprint) {
  const candidates = fingerprint ? incidentsOf(issues, fingerprint) : [...new Set(issues.map((issue) => issue.fingerprint))].flatMap(
    (print) => print ? incidentsOf(issues, print) : []
  );
  return candidates.filter(
    (issue) => issue.state === "open" && (issue.incident?.component === report.component || issue.labels.includes(componentLabel(report.component)))
  );
}
function workedThisRun(report) {
  if (report.succeeded.length === 0) return void 0;
  return new Set(report.succeeded.map((signature) => fingerprintOf(report.component, signature)));
}
var numbers = (issues) => issues.map((issue) => `#${issue.number}`).join(", ");
function recoveryReason(closed, held, idle, flapHours) {
  const parts = [
    closed.length ? `recovered: closed ${numbers(closed)}` : "",
    held.length ? `recovered, but ${numbers(held)} reopened less than ${flapHours} h ago stays open (flap suppression)` : "",
    idle.length ? `not a recovery for ${numbers(idle)}: its step did not succeed in this run` : ""
  ].filter((part) => part !== "");
  return parts.length ? parts.join("; ") : "no open incident for this component";
}
async function handleSuccess(report, deps) {
  const fingerprint = report.signature.trim() ? fingerprintOf(report.component, report.signature) : void 0;
  const now = deps.now();
  const worked = workedThisRun(report);
  const candidates = await withGroup(
    deps.logger,
    "Find open incidents",
    async () => recovered(await deps.repo.listByLabel(INCIDENT_LABEL), report, fingerprint)
  );
  const open = candidates.filter((issue) => !worked || worked.has(issue.fingerprint ?? ""));
  const idle = candidates.filter((issue) => !open.includes(issue));
  for (const issue of idle)
    deps.logger.info(`#${issue.number} left open: its step did not succeed in this run`);
  const closed = [];
  const held = [];
  await withGroup(deps.logger, "Close recovered incidents", async () => {
    for (const issue of open) {
      const reopened = hoursSince(issue.incident?.reopenedAt, now);
      if (reopened < report.flapHours) {
        deps.logger.info(
          `#${issue.number} reopened ${reopened.toFixed(1)} h ago; left open for now (flap-hours ${report.flapHours})`
        );
        held.push(issue);
        continue;
      }
      const state = issue.incident;
      const run2 = report.runUrl ? `[${report.runId}](${report.runUrl})` : report.runId;
      const occurrences = state ? ` after ${state.occurrences} failing run(s) since ${state.firstSeen}` : "";
      await deps.repo.comment(
        issue.number,
        `**Recovered** in run ${run2}${occurrences}. Closing; a failure within ${report.reopenWindowDays} day(s) reopens this issue.`
      );
      await deps.repo.update(issue.number, {
        ...state ? { body: withIncidentState(issue.body, { ...state, closedAt: now.toISOString() }) } : {},
        state: "closed",
        state_reason: "completed"
      });
      closed.push(issue);
    }
  });
  await withGroup(deps.logger, "Reset failure counts", async () => {
    const tracker = new FailureTracker(deps.repo);
    await tracker.load();
    await tracker.clear(
      (print, component) => component === report.component && (!fingerprint || print === fingerprint) && (!worked || worked.has(print))
    );
  });
  const subject = closed[0] ?? held[0] ?? idle[0];
  return {
    action: closed.length ? "closed" : "none",
    issueNumber: subject?.number ?? 0,
    fingerprint: fingerprint ?? subject?.fingerprint ?? "",
    occurrences: subject?.incident?.occurrences ?? 0,
    severity: subject?.incident?.severity,
    reason: recoveryReason(closed, held, idle, report.flapHours),
    dryRun: deps.repo.dryRun
  };
}

// actions/open-incident-issue/src/night-run.ts
function details(failure, rates, runUrl) {
  const lines = [
    `**Severity reason:** ${failure.why}.`,
    ...failure.jobs.length ? [`**Jobs:** ${failure.jobs.join(", ")}`] : []
  ];
  const rate = rates.find((entry) => entry.component === failure.component);
  if (rate && rate.rate !== null)
    lines.push(
      `**Collection tonight:** ${rate.collected} collected, ${rate.failed} given up (${(rate.rate * 100).toFixed(1)} %) over ${rate.shards} shard(s).`
    );
  if (runUrl) lines.push(`**Run:** ${runUrl}`);
  return lines.join("\n\n");
}
function headline(outcomes) {
  const rank = (outcome) => outcome.status === "failure" ? SEVERITIES.indexOf(outcome.severity ?? "P3") : 10;
  const sorted = [...outcomes].sort((a, b) => rank(a) - rank(b));
  const pick = sorted.find((o) => o.status === "failure") ?? sorted.find((o) => o.action !== "none");
  return pick ?? {
    action: "none",
    issueNumber: 0,
    fingerprint: "",
    occurrences: 0,
    severity: void 0,
    reason: "every component that ran tonight worked; no open incident to close",
    dryRun: false
  };
}
function assessNight(request) {
  const verdicts = judgeNight(parseNight(request.night), parseComponents(request.components));
  const rates = collectionRates(request.stats);
  const failures = [...verdicts.failures];
  const worked = new Set(verdicts.worked);
  for (const rate of rates) {
    const degraded = worked.has(rate.component) ? degradedFailure(rate) : void 0;
    if (degraded) {
      failures.push(degraded);
      worked.delete(rate.component);
    }
  }
  const budget = budgetVerdict(request.budget);
  if (budget.failure) failures.push(budget.failure);
  if (budget.worked) worked.add("budget");
  const rated = rateFailures(failures, {
    rates,
    worked: [...worked],
    budgetSeverity: budgetSeverityOf(budget.severity)
  });
  return { failures: rated, worked: [...worked], rates };
}
async function handleNight(request, base, deps) {
  const { failures, worked, rates } = assessNight(request);
  const outcomes = [];
  for (const failure of failures) {
    const report = {
      ...base,
      status: "failure",
      component: failure.component,
      signature: failure.signature,
      message: failure.message,
      ...failure.check ? { check: failure.check } : {},
      severity: failure.severity,
      details: details(failure, rates, base.runUrl),
      succeeded: []
    };
    const outcome = await withGroup(
      deps.logger,
      `${failure.component}: failed`,
      () => handleFailure(report, deps)
    );
    outcomes.push({ ...outcome, component: failure.component, status: "failure" });
  }
  const clean = failures.every((failure) => failure.component === "budget");
  const recovered2 = [...worked, ...clean && request.umbrella ? [request.umbrella] : []];
  for (const component of recovered2) {
    const report = {
      ...base,
      status: "success",
      component,
      signature: "",
      succeeded: []
    };
    const outcome = await withGroup(
      deps.logger,
      `${component}: worked`,
      () => handleSuccess(report, deps)
    );
    outcomes.push({ ...outcome, component, status: "success" });
  }
  return { ...headline(outcomes), dryRun: deps.repo.dryRun, components: outcomes };
}

// actions/open-incident-issue/src/night-stats.ts
import { tmpdir } from "node:os";
import path from "node:path";
async function nightStats(patterns, logger) {
  if (patterns.length === 0) return [];
  const client = runnerArtifactClient();
  if (!client) {
    logger.warning(
      "run-results: no artifact service here (not on a runner); success rates are not read"
    );
    return [];
  }
  const leftOut = (name, error) => logger.warning(`artifact '${name}' left out of the success rates: ${errorMessage(error)}`);
  const base = path.join(process.env.RUNNER_TEMP || tmpdir(), "open-incident-issue-inputs");
  const stats = [];
  try {
    const options = { client, baseDir: base, downloadDir: base, logger, onUnreadable: leftOut };
    for (const stage of (await readStages(patterns, options)).stages) {
      try {
        const own = [];
        for await (const record of stage.records("run-stats", runStatsSchema)) own.push(record);
        stats.push(...own);
      } catch (error) {
        leftOut(stage.name, error);
      }
    }
  } catch (error) {
    logger.warning(`run-results could not be listed: ${errorMessage(error)}`);
  }
  logger.info(`run-stats read: ${stats.length} record(s)`);
  return stats;
}

// actions/open-incident-issue/src/post-once.ts
import { randomBytes } from "node:crypto";
var POST_MARK = /<!-- phx-post:([0-9a-f]{16}) -->/;
function newPostMark() {
  return `<!-- phx-post:${randomBytes(8).toString("hex")} -->`;
}
function readPostMark(body) {
  const id = POST_MARK.exec(body ?? "")?.[1];
  return id === void 0 ? void 0 : `<!-- phx-post:${id} -->`;
}
async function postOnce(options) {
  try {
    return await options.send();
  } catch (error) {
    if (!(error instanceof GitHubNoAnswer)) throw error;
    options.logger.info(
      `${options.what}: ${error.message}; looking for it before sending it again`
    );
    const found = await options.find();
    if (found !== void 0) {
      options.logger.info(`${options.what}: GitHub did it; not sending it again`);
      return found;
    }
    return options.send();
  }
}

// actions/open-incident-issue/src/incident-repo.ts
var MAX_PAGES = 50;
function toIncident(issue) {
  return {
    number: issue.number,
    id: issue.id,
    state: issue.state === "closed" ? "closed" : "open",
    stateReason: issue.state_reason ?? null,
    closedAt: issue.closed_at,
    body: issue.body ?? "",
    labels: issue.labels.map((label) => typeof label === "string" ? label : label.name ?? ""),
    fingerprint: readFingerprint(issue.body),
    incident: readIncidentState(issue.body)
  };
}
var IncidentRepo = class {
  constructor(octokit, owner, repo, logger, dryRun) {
    this.octokit = octokit;
    this.owner = owner;
    this.repo = repo;
    this.logger = logger;
    this.dryRun = dryRun;
  }
  octokit;
  owner;
  repo;
  logger;
  dryRun;
  /** Every issue, open or closed, carrying `label`: looked up by label, never by title search. */
  async listByLabel(label) {
    const issues = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      owner: this.owner,
      repo: this.repo,
      labels: label,
      state: "all",
      per_page: 100
    });
    for await (const page of this.pages(iterator)) {
      issues.push(...page.data.filter((issue) => !issue.pull_request).map(toIncident));
      pages += 1;
      if (pages >= MAX_PAGES) {
        this.logger.warning(
          `more than ${MAX_PAGES * 100} issues labelled ${label}; older ones not searched`
        );
        break;
      }
    }
    this.logger.debug(`${issues.length} issue(s) labelled ${label}`);
    return issues;
  }
  /** `iterator` with a 404 (no such repository, or hidden from the token) named as the input's fault. */
  async *pages(iterator) {
    try {
      yield* iterator;
    } catch (error) {
      if (error instanceof GitHubRefusal && error.status === 404)
        throw new ConfigurationError(
          `input 'repository': GitHub answered 404 for ${this.owner}/${this.repo}; expected a repository the token can see`
        );
      throw error;
    }
  }
  /** Creates each label that does not exist; a concurrent creation (422 already_exists) is fine. */
  async ensureLabels(labels) {
    for (const label of labels) {
      const exists = await this.octokit.rest.issues.getLabel({ owner: this.owner, repo: this.repo, name: label.name }).then(
        () => true,
        (error) => {
          if (error instanceof GitHubRefusal && error.status === 404) return false;
          throw error;
        }
      );
      if (exists) continue;
      if (this.dryRun) {
        this.logger.info(`dry run: would create label ${label.name}`);
        continue;
      }
      await this.octokit.rest.issues.createLabel({ owner: this.owner, repo: this.repo, ...label }).catch((error) => {
        if (!(error instanceof GitHubRefusal && error.status === 422)) throw error;
      });
    }
  }
  /**
   * Opens an issue; a lost answer is checked before it is sent again (`postOnce`). In dry-run
   * returns a stand-in numbered 0.
   */
  async create(title, body, labels) {
    if (this.dryRun) {
      this.logger.info(`dry run: would open "${title}" labelled ${labels.join(", ")}`);
      const state = readIncidentState(body);
      return {
        number: 0,
        id: 0,
        state: "open",
        stateReason: null,
        closedAt: null,
        body,
        labels,
        fingerprint: state?.fingerprint,
        incident: state
      };
    }
    const mark = newPostMark();
    const marked = `${body}
${mark}`;
    const issue = await postOnce({
      what: `opening "${title}"`,
      send: async () => toIncident(
        (await this.octokit.rest.issues.create({
          owner: this.owner,
          repo: this.repo,
          title,
          body: marked,
          labels
        })).data
      ),
      find: async () => {
        const { data } = await this.octokit.rest.issues.listForRepo({
          owner: this.owner,
          repo: this.repo,
          ...labels[0] === void 0 ? {} : { labels: labels[0] },
          state: "all",
          sort: "created",
          direction: "desc",
          per_page: 30
        });
        const made = data.find((found) => readPostMark(found.body) === mark);
        return made && toIncident(made);
      },
      logger: this.logger
    });
    this.logger.info(`opened issue #${issue.number}`);
    return issue;
  }
  /** Changes an issue's body, state or labels. */
  async update(number, change) {
    const what = Object.keys(change).join(", ");
    if (this.dryRun) return void this.logger.info(`dry run: would update #${number} (${what})`);
    await this.octokit.rest.issues.update({
      owner: this.owner,
      repo: this.repo,
      issue_number: number,
      ...change
    });
    this.logger.info(`updated issue #${number} (${what})`);
  }
  /** Adds a comment to an issue; a lost answer is checked before the comment is sent again. */
  async comment(number, body) {
    if (this.dryRun) return void this.logger.info(`dry run: would comment on #${number}`);
    const mark = newPostMark();
    const since = new Date(Date.now() - 10 * 6e4).toISOString();
    await postOnce({
      what: `commenting on #${number}`,
      send: async () => {
        await this.octokit.rest.issues.createComment({
          owner: this.owner,
          repo: this.repo,
          issue_number: number,
          body: `${body}
${mark}`
        });
        return true;
      },
      find: async () => {
        const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
          owner: this.owner,
          repo: this.repo,
          issue_number: number,
          since,
          per_page: 100
        });
        return comments.some((comment) => readPostMark(comment.body) === mark) ? true : void 0;
      },
      logger: this.logger
    });
    this.logger.info(`commented on issue #${number}`);
  }
};

// actions/open-incident-issue/src/summary.ts
var verbs = {
  opened: "Opened",
  commented: "Commented on",
  reopened: "Reopened",
  closed: "Closed",
  none: "No change to"
};
var cell = (text) => text.replace(/[|\r\n]+/g, " ").replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
function incidentSummary(outcome) {
  if ("components" in outcome) {
    const rows = outcome.components;
    return [
      `### Incidents tonight${outcome.dryRun ? " (dry run: nothing written)" : ""}`,
      "",
      "| component | tonight | action | issue | severity | why |",
      "| --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (row) => `| ${row.component} | ${row.status === "failure" ? "failed" : "worked"} | ${row.action} | ${row.issueNumber ? `#${row.issueNumber}` : "-"} | ${row.severity ?? "-"} | ${cell(row.reason)} |`
      ),
      ...rows.length === 0 ? ["| - | nothing ran | none | - | - | - |"] : [],
      ""
    ].join("\n");
  }
  const issue = outcome.issueNumber ? `issue #${outcome.issueNumber}` : "any issue";
  return [
    `### Incident: ${outcome.dryRun ? "dry run, would have: " : ""}${verbs[outcome.action]} ${issue}`,
    "",
    "| action | fingerprint | severity | occurrences | why |",
    "| --- | --- | --- | --- | --- |",
    `| ${outcome.action} | \`${outcome.fingerprint || "-"}\` | ${outcome.severity ?? "-"} | ${outcome.occurrences} | ${outcome.reason} |`,
    ""
  ].join("\n");
}

// actions/open-incident-issue/src/main.ts
var inputs = external_exports.object({
  githubToken: stringInput({ required: true }),
  repository: repositoryInput,
  status: stringInput().pipe(
    external_exports.enum(["failure", "success", ""], { message: "expected failure or success" })
  ),
  component: stringInput().pipe(
    external_exports.string().regex(/^(?:[a-z0-9][a-z0-9-]{0,49})?$/, {
      message: "expected a kebab-case component name such as collect-county"
    })
  ),
  night: stringInput(),
  components: stringInput(),
  runResults: listInput(external_exports.string().regex(/^[\w.*-]+$/, "expected an artifact name or pattern")),
  budget: stringInput(),
  signature: stringInput(),
  succeeded: stringInput().transform(
    (text) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "")
  ),
  severity: choiceInput(["auto", "P0", "P1", "P2", "P3"], "auto"),
  details: stringInput(),
  threshold: integerInput({ default: 0, min: 0, max: 100 }),
  reopenWindowDays: integerInput({ default: 7, min: 0, max: 365 }),
  flapHours: integerInput({ default: 6, min: 0, max: 720 }),
  labels: listInput(external_exports.string().regex(/^[^\s,]{1,50}$/, "expected a label name")),
  dryRun: dryRunInput,
  redact: stringInput()
});
async function execute(values, logger) {
  if (values.night.trim() === "" && (values.status === "" || values.component === ""))
    throw new ConfigurationError(
      "inputs 'status' and 'component' are required unless 'night' is given (the nightly's `toJSON(needs)`)"
    );
  const context = readRunContext();
  const { owner, repo } = splitRepository(values.repository || context.repository);
  const octokit = createGitHubClient({
    token: values.githubToken,
    logger,
    userAgent: "phx-pipeline-open-incident-issue",
    permission: () => "`permissions: issues: write`"
  });
  const secrets = [...new Set([values.githubToken, values.redact].flatMap(secretForms))].sort(
    (a, b) => b.length - a.length
  );
  const deps = {
    repo: new IncidentRepo(octokit, owner, repo, logger, values.dryRun),
    logger,
    now: () => /* @__PURE__ */ new Date()
  };
  const report = {
    status: values.status || "failure",
    component: values.component,
    signature: values.signature,
    succeeded: values.succeeded,
    details: values.details,
    threshold: values.threshold,
    reopenWindowDays: values.reopenWindowDays,
    flapHours: values.flapHours,
    labels: values.labels,
    severity: values.severity,
    runId: context.runId,
    runUrl: context.runUrl,
    secrets
  };
  const outcome = values.night.trim() !== "" ? await handleNight(
    {
      night: values.night,
      components: values.components,
      budget: values.budget,
      umbrella: values.component,
      stats: await nightStats(values.runResults, logger)
    },
    report,
    deps
  ) : values.status === "failure" ? await handleFailure(report, deps) : await handleSuccess(report, deps);
  logger.info(`${outcome.action}: ${outcome.reason}`);
  return outcome;
}
var brief = (outcome) => ({
  component: outcome.component,
  status: outcome.status,
  action: outcome.action,
  issue: outcome.issueNumber,
  severity: outcome.severity ?? null
});
var action = {
  name: "open-incident-issue",
  inputs,
  secrets: ["githubToken", "redact"],
  execute,
  outputs: (outcome) => ({
    "issue-number": outcome.issueNumber,
    action: outcome.action,
    fingerprint: outcome.fingerprint,
    occurrences: outcome.occurrences,
    incidents: "components" in outcome ? outcome.components.filter((component) => component.status === "failure" || component.action !== "none").map(brief) : []
  }),
  failureOutputs: {
    "issue-number": 0,
    action: "none",
    fingerprint: "",
    occurrences: 0,
    incidents: []
  },
  summary: incidentSummary
};
var run = () => runAction(action);

// actions/open-incident-issue/src/index.ts
await run();
