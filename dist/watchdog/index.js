import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  repositoryInput,
  splitRepository
} from "../chunks/chunk-GQW2DYBO.js";
import {
  GitHubRefusal,
  createGitHubClient
} from "../chunks/chunk-IM2OCGBN.js";
import {
  readRunContext
} from "../chunks/chunk-YMZZPAWV.js";
import {
  ConfigurationError,
  PipelineError,
  booleanInput,
  dryRunInput,
  external_exports,
  integerInput,
  listInput,
  runAction,
  stringInput,
  withGroup
} from "../chunks/chunk-24OGRAKZ.js";
import "../chunks/chunk-Z67Z3DOX.js";

// actions/watchdog/src/findings.ts
var FINDING_KINDS = [
  "disabled",
  "missed-run",
  "stuck-run",
  "failing-run",
  "keepalive-refused"
];
function severityOf(kind) {
  return kind === "stuck-run" ? "P1" : "auto";
}
var NIGHTLY_EVENTS = ["schedule", "workflow_dispatch"];
var FAILED = ["timed_out", "startup_failure", "cancelled", "action_required"];
function pauseReason(value) {
  const reason = value.replace(/[\r\n]+/g, " ").trim();
  return reason === "" || reason.toLowerCase() === "false" ? void 0 : reason;
}
var hoursBetween = (then, now) => Math.round((now.getTime() - then.getTime()) / 36e4) / 10;
function stateFinding(workflow) {
  if (workflow.state === "active") return void 0;
  return {
    kind: "disabled",
    message: workflow.state === "disabled_inactivity" ? "GitHub disabled the schedule after 60 days without repository activity" : `the workflow is ${workflow.state.replace("_", " ")}, so its schedule does not run`
  };
}
var isoTime = (date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
function missedFirst(first, now) {
  if (!first) return "no nightly run at all";
  if (now <= first.dueBy) return void 0;
  return `no nightly run since the workflow was enabled at ${isoTime(first.since)}; the first scheduled one (${isoTime(first.scheduledAt)}) was due by ${isoTime(first.dueBy)}`;
}
function runFindings(runs, policy, now, first) {
  const findings = [];
  const nightly = runs.filter((run2) => NIGHTLY_EVENTS.includes(run2.event));
  const newest = nightly[0];
  const missed = newest ? hoursBetween(newest.createdAt, now) > policy.maxAgeHours && `no nightly run in the last ${policy.maxAgeHours} h; the newest started ${hoursBetween(newest.createdAt, now)} h ago` : missedFirst(first, now);
  if (missed) findings.push({ kind: "missed-run", message: missed });
  const stuck = nightly.find(
    (run2) => run2.status !== "completed" && hoursBetween(run2.createdAt, now) > policy.stuckHours
  );
  if (stuck)
    findings.push({
      kind: "stuck-run",
      message: `run #${stuck.runNumber} has been ${stuck.status.replace("_", " ")} for ${hoursBetween(stuck.createdAt, now)} h (limit ${policy.stuckHours} h)`
    });
  const completed = nightly.find((run2) => run2.status === "completed");
  if (completed && FAILED.includes(completed.conclusion ?? ""))
    findings.push({
      kind: "failing-run",
      message: `the latest completed run #${completed.runNumber} ended ${completed.conclusion}`
    });
  return findings;
}
function mostSerious(findings) {
  return [...findings].sort(
    (a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind)
  )[0];
}

// actions/watchdog/src/report.ts
function pausedNote(result, check) {
  if (!result.paused || !check.watched) return void 0;
  const held = check.heldWhilePaused ? ` (not reported: ${check.heldWhilePaused.message})` : "";
  return `paused: ${result.paused}${held}`;
}
function headlineCheck(result) {
  const withFindings = result.checks.filter((check) => check.findings.length > 0);
  const worst = mostSerious(withFindings.flatMap((check) => check.findings));
  return withFindings.find((check) => worst && check.findings.includes(worst)) ?? result.checks[0];
}
var statusOf = (result) => result.checks.some((check) => check.findings.length > 0) ? "failure" : "success";
var conclusionOf = (check) => check.lastRun ? check.lastRun.conclusion ?? check.lastRun.status : "none";
function detailLines(result) {
  return result.checks.map((check) => {
    const run2 = !check.watched ? "runs not watched (keepalive only)" : check.lastRun ? `last run [#${check.lastRun.runNumber}](${check.lastRun.htmlUrl}) ${conclusionOf(check)}, ${check.hoursSinceLastRun} h ago` : check.firstRun ? `no nightly run yet: the first is scheduled at ${isoTime(check.firstRun.scheduledAt)}, due by ${isoTime(check.firstRun.dueBy)}` : "no nightly run found";
    const findings = check.findings.map((finding) => `${finding.kind}: ${finding.message}`);
    const paused = pausedNote(result, check);
    const state = [...findings, ...paused ? [paused] : []].join("; ") || "ok";
    return `- \`${check.file}\` (${check.workflow.state}): ${state}; ${run2}`;
  }).join("\n");
}
function watchdogOutputs(result) {
  const headline = headlineCheck(result);
  const worst = mostSerious(headline?.findings ?? []);
  return {
    status: statusOf(result),
    signature: worst?.kind ?? "",
    severity: severityOf(worst?.kind),
    details: detailLines(result),
    "last-run-url": headline?.lastRun?.htmlUrl ?? "",
    "last-conclusion": headline ? conclusionOf(headline) : "none",
    "hours-since-last-run": headline?.hoursSinceLastRun ?? -1,
    "kept-alive": result.checks.some((check) => check.keptAlive),
    paused: result.paused ?? ""
  };
}
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
function watchdogSummary(result) {
  const scope = result.branch ? `branch \`${result.branch}\`` : "every branch";
  const rows = result.checks.map((check) => {
    const run2 = check.lastRun ? `[#${check.lastRun.runNumber}](${check.lastRun.htmlUrl})` : "-";
    const paused = pausedNote(result, check);
    const findings = [
      ...check.findings.map((finding) => `**${finding.kind}**: ${finding.message}`),
      ...paused ? [`**${paused}**`] : []
    ];
    const keepalive = check.keptAlive ? "yes" : result.dryRun ? "dry run" : "no";
    return `| \`${cell(check.file)}\` | ${check.workflow.state} | ${run2} | ${conclusionOf(check)} | ${check.hoursSinceLastRun ?? "-"} | ${cell(findings.join("<br>")) || "ok"} | ${keepalive} |`;
  });
  const status = result.paused ? `${statusOf(result)}, paused` : statusOf(result);
  return [
    `### Watchdog: ${status} (${result.repository}, ${scope}, window ${result.maxAgeHours} h)`,
    "",
    ...result.paused ? [
      `**paused: ${cell(result.paused)}**: the repository variable \`PIPELINE_PAUSED\` is set, so a missed nightly run is not reported; delete the variable to resume.`,
      ""
    ] : [],
    "| workflow | state | last run | conclusion | age (h) | findings | kept alive |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    ""
  ].join("\n");
}

// actions/watchdog/src/cron.ts
var RANGES = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7]
];
function parseField(text, [min, max]) {
  const values = /* @__PURE__ */ new Set();
  for (const part of text.split(",")) {
    const match = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return void 0;
    const [, star, first, last, step] = match;
    const from = star ? min : Number(first);
    const to = star ? max : last !== void 0 ? Number(last) : step ? max : from;
    if (from < min || to > max || from > to || Number(step ?? 1) < 1) return void 0;
    for (let value = from; value <= to; value += Number(step ?? 1)) values.add(value);
  }
  return values;
}
function parseCron(text) {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return void 0;
  const sets = fields.map((field, index) => parseField(field, RANGES[index]));
  const [minutes, hours, days, months, weekdays] = sets;
  if (!minutes || !hours || !days || !months || !weekdays) return void 0;
  if (weekdays.delete(7)) weekdays.add(0);
  const eitherDay = fields[2] !== "*" && fields[4] !== "*";
  return { text: text.trim(), minutes, hours, days, months, weekdays, eitherDay };
}
function dayMatches(schedule, at) {
  if (!schedule.months.has(at.getUTCMonth() + 1)) return false;
  const day = schedule.days.has(at.getUTCDate());
  const weekday = schedule.weekdays.has(at.getUTCDay());
  return schedule.eitherDay ? day || weekday : day && weekday;
}
var MINUTE_MS = 6e4;
function nextFire(schedule, after) {
  const at = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = after.getTime() + 366 * 24 * 60 * MINUTE_MS;
  while (at.getTime() <= limit) {
    if (!dayMatches(schedule, at)) at.setUTCHours(24, 0, 0, 0);
    else if (!schedule.hours.has(at.getUTCHours())) at.setUTCHours(at.getUTCHours() + 1, 0, 0, 0);
    else if (!schedule.minutes.has(at.getUTCMinutes())) at.setTime(at.getTime() + MINUTE_MS);
    else return at;
  }
  return void 0;
}

// actions/watchdog/src/first-run.ts
var HOUR_MS = 36e5;
var SETTLE_MS = HOUR_MS;
var MIN_GRACE_MS = HOUR_MS;
function firstRun(since, schedule, maxAgeHours) {
  const scheduledAt = nextFire(schedule, new Date(since.getTime() + SETTLE_MS));
  if (!scheduledAt) return void 0;
  const interval = (nextFire(schedule, scheduledAt) ?? scheduledAt).getTime() - scheduledAt.getTime();
  const grace = Math.max(MIN_GRACE_MS, maxAgeHours * HOUR_MS - interval);
  return { since, scheduledAt, dueBy: new Date(scheduledAt.getTime() + grace) };
}

// actions/watchdog/src/watch.ts
async function keepAlive(api, check, options, logger) {
  const { state } = check.workflow;
  if (!options.keepalive || state !== "active" && state !== "disabled_inactivity") return;
  if (check.firstRun && state === "active")
    return logger.info(`${check.file} has not run yet: no keepalive until it has`);
  const verb = state === "active" ? "keep alive" : "re-enable";
  if (options.dryRun) return logger.info(`dry run: would ${verb} ${check.file} (PUT enable)`);
  try {
    await api.enable(check.file);
    check.keptAlive = true;
    logger.info(state === "active" ? `kept ${check.file} alive` : `re-enabled ${check.file}`);
    const disabled = check.findings.find((finding) => finding.kind === "disabled");
    if (disabled) disabled.message += "; the watchdog re-enabled it";
  } catch (error) {
    if (!(error instanceof PipelineError)) throw error;
    logger.error(error.message);
    check.findings.push({
      kind: "keepalive-refused",
      message: `could not ${verb}: ${error.message}`
    });
  }
}
async function checkWorkflow(api, file, watched, options, logger) {
  const workflow = await api.workflow(file, watched ? "workflows" : "keepalive-workflows");
  const runs = watched ? await api.recentRuns(file, options.branch) : [];
  logger.info(`${file}: state ${workflow.state}, ${runs.length} recent run(s) read`);
  logger.debug(JSON.stringify(runs.slice(0, 5)));
  const lastRun = runs.find((run2) => NIGHTLY_EVENTS.includes(run2.event));
  const first = watched && !lastRun ? firstRun(workflow.updatedAt, options.schedule, options.maxAgeHours) : void 0;
  const disabled = stateFinding(workflow);
  const found = watched ? runFindings(runs, options, options.now, first) : [];
  const held = options.paused ? found.find((finding) => finding.kind === "missed-run") : void 0;
  const check = {
    file,
    workflow,
    watched,
    lastRun,
    hoursSinceLastRun: lastRun ? hoursBetween(lastRun.createdAt, options.now) : void 0,
    firstRun: first,
    findings: [...disabled ? [disabled] : [], ...found.filter((finding) => finding !== held)],
    heldWhilePaused: held,
    keptAlive: false
  };
  await keepAlive(api, check, options, logger);
  for (const finding of check.findings)
    logger.warning(`${file}: ${finding.kind}: ${finding.message}`);
  return check;
}
async function watchWorkflows(api, options, logger) {
  const extra = options.keepaliveWorkflows.filter((file) => !options.workflows.includes(file));
  const checks = [];
  for (const [file, watched] of [
    ...options.workflows.map((file2) => [file2, true]),
    ...[...new Set(extra)].map((file2) => [file2, false])
  ])
    checks.push(
      await withGroup(
        logger,
        `Workflow ${file}`,
        () => checkWorkflow(api, file, watched, options, logger)
      )
    );
  return checks;
}

// actions/watchdog/src/workflow-api.ts
var RUNS_PER_WORKFLOW = 30;
var WorkflowApi = class {
  constructor(octokit, owner, repo) {
    this.octokit = octokit;
    this.owner = owner;
    this.repo = repo;
  }
  octokit;
  owner;
  repo;
  /** The repository's default branch. */
  async defaultBranch() {
    const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo });
    return data.default_branch;
  }
  /** The workflow of file `file`; a 404 names the file and `input`, the input that listed it. */
  async workflow(file, input) {
    try {
      const { data } = await this.octokit.rest.actions.getWorkflow({
        owner: this.owner,
        repo: this.repo,
        workflow_id: file
      });
      return {
        id: data.id,
        name: data.name,
        state: data.state,
        htmlUrl: data.html_url,
        createdAt: new Date(data.created_at),
        updatedAt: new Date(data.updated_at)
      };
    } catch (error) {
      if (error instanceof GitHubRefusal && error.status === 404)
        throw new ConfigurationError(
          `input '${input}': workflow file '${file}' was not found in ${this.owner}/${this.repo} (404); expected the file name of a workflow under .github/workflows, e.g. data-collection.yml`
        );
      throw error;
    }
  }
  /** The newest runs of `file`, newest first; only those on `branch` unless it is undefined. */
  async recentRuns(file, branch) {
    const { data } = await this.octokit.rest.actions.listWorkflowRuns({
      owner: this.owner,
      repo: this.repo,
      workflow_id: file,
      per_page: RUNS_PER_WORKFLOW,
      exclude_pull_requests: true,
      ...branch === void 0 ? {} : { branch }
    });
    return data.workflow_runs.map((run2) => ({
      id: run2.id,
      runNumber: run2.run_number,
      event: run2.event,
      status: run2.status ?? "unknown",
      conclusion: run2.conclusion,
      createdAt: new Date(run2.created_at),
      htmlUrl: run2.html_url
    }));
  }
  /** `PUT .../enable`: sets the workflow `active`; on an active one it only records activity. */
  async enable(file) {
    await this.octokit.rest.actions.enableWorkflow({
      owner: this.owner,
      repo: this.repo,
      workflow_id: file
    });
  }
};

// actions/watchdog/src/main.ts
var WATCHDOG_RETRY = { attempts: 4, baseDelayMs: 1e3, maxWaitMs: 6e4 };
var inputs = external_exports.object({
  githubToken: stringInput({ required: true }),
  repository: repositoryInput,
  workflows: listInput(
    external_exports.string().regex(/^[\w.-]+\.ya?ml$/, "expected a workflow file name such as data-collection.yml")
  ).transform((files) => files.length > 0 ? files : ["data-collection.yml"]),
  keepaliveWorkflows: listInput(
    external_exports.string().regex(/^[\w.-]+\.ya?ml$/, "expected a workflow file name such as reports.yml")
  ),
  maxAgeHours: integerInput({ default: 26, min: 1, max: 24 * 31 }),
  // The guide's P1: processing delays over 4 hours.
  stuckHours: integerInput({ default: 4, min: 1, max: 72 }),
  schedule: stringInput({ default: "17 10 * * *" }).transform((text, ctx) => {
    const schedule = parseCron(text);
    if (schedule) return schedule;
    ctx.addIssue({
      code: "custom",
      message: "expected the watched workflow's cron, five fields in UTC such as 17 10 * * *"
    });
    return external_exports.NEVER;
  }),
  branch: stringInput(),
  keepalive: booleanInput(true),
  /** The emergency stop (`vars.PIPELINE_PAUSED`): its reason, or undefined when not paused. */
  paused: stringInput().transform(pauseReason),
  dryRun: dryRunInput
});
async function execute(values, logger) {
  const { repository, owner, repo } = splitRepository(
    values.repository || readRunContext().repository
  );
  const octokit = createGitHubClient({
    token: values.githubToken,
    logger,
    userAgent: "phx-pipeline-watchdog",
    permission: (method) => method === "GET" ? "`permissions: actions: read`" : "`permissions: actions: write` (for keepalive; or set keepalive: false)",
    retry: WATCHDOG_RETRY
  });
  const api = new WorkflowApi(octokit, owner, repo);
  const branch = values.branch === "*" ? void 0 : values.branch || await api.defaultBranch();
  const keptOnly = values.keepaliveWorkflows.length ? `; keeping ${values.keepaliveWorkflows.join(", ")} alive` : "";
  logger.info(
    `watching ${values.workflows.join(", ")} in ${repository} on ${branch ?? "every branch"}${keptOnly}`
  );
  if (values.paused)
    logger.info(`paused: ${values.paused} (PIPELINE_PAUSED): a missed nightly run is not reported`);
  const checks = await watchWorkflows(api, { ...values, branch, now: /* @__PURE__ */ new Date() }, logger);
  const { maxAgeHours, dryRun, paused } = values;
  return { repository, branch, maxAgeHours, dryRun, paused, checks };
}
var action = {
  name: "watchdog",
  inputs,
  secrets: ["githubToken"],
  execute,
  outputs: watchdogOutputs,
  failureOutputs: {
    status: "failure",
    signature: "watchdog-error",
    severity: "auto",
    details: "The watchdog itself failed; its log says why.",
    "last-run-url": "",
    "last-conclusion": "unknown",
    "hours-since-last-run": -1,
    "kept-alive": false,
    paused: ""
  },
  summary: watchdogSummary
};
var run = () => runAction(action);

// actions/watchdog/src/index.ts
await run();
