import type { ArtifactClient } from '@actions/artifact';
import path from 'node:path';
import { ConfigurationError, NonRetryableError, errorMessage } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { parseBudget } from './budget.js';
import { gather } from './gather.js';
import { incidentLinks, readGitHubFacts } from './github-facts.js';
import type { SendReportInputs } from './inputs.js';
import { publishReport } from './publish.js';
import { renderReport } from './render-report.js';
import { buildReport, type Report } from './report.js';
import { writeReportFiles } from './report-files.js';
import type { Section } from './sections.js';
import { sendStep } from './send-step.js';
import { reportSender } from './sender.js';
import { smtpSecrets, smtpSettings } from './smtp-config.js';
import type { DeliveryOptions } from './smtp-send.js';
import type { GitHubRetryPolicy } from '../../../shared/github/client.js';

/** What send-report needs besides its inputs; tests pass a fixed clock and short waits. */
export interface SendReportDeps {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** The run's artifact service; null outside a runner (stage folders are read from disk then). */
  artifactClient: ArtifactClient | null;
  delivery?: DeliveryOptions;
  /** GitHub retries; default the shared client's. */
  githubRetry?: GitHubRetryPolicy;
  /** How long to look for the database server; default connectDatabase's 10 s. */
  databaseTimeoutMs?: number;
}

/** The outcome of one send-report step. */
export interface SendReportResult {
  report: Report;
  sections: Section[];
  sent: boolean;
  messageId: string;
  /** Artifact name, '' when not uploaded. */
  artifact: string;
  /** Folder holding report.html, report.txt, message.eml, the CSV and the charts. */
  folder: string;
  /** Lines for the summary: where the message and the report went. */
  delivery: string[];
}

/** Delivery failed for good (auth refused, 5xx, retries spent); the report was saved first. */
export class DeliveryFailed extends NonRetryableError {}

/**
 * Gathers the period's figures, builds and renders the report (HTML, text, charts, CSV), writes
 * it to the output folder, sends it by SMTP when configured, and publishes the folder as an
 * artifact. A delivery that fails for good fails the step after the report is saved.
 */
export async function sendReport(
  inputs: SendReportInputs,
  deps: SendReportDeps,
  logger: Logger,
): Promise<SendReportResult> {
  const startedAt = deps.now();
  const context = readRunContext(deps.env);
  const smtp = smtpSettings(inputs);
  const budget = parseBudget(inputs.budget);
  // Without a sender or recipients the report is still built and saved; the step fails after.
  const sender = reportSender(inputs.from, smtp);
  const unsendable =
    smtp && inputs.to.length === 0
      ? "input 'to' (variable REPORT_TO) is required when SMTP is configured"
      : 'problem' in sender
        ? sender.problem
        : undefined;
  const gathered = await gather(
    {
      ...inputs,
      now: startedAt,
      runId: context.runId,
      artifactClient: deps.artifactClient,
      baseDir: deps.artifactClient ? context.tempDir : context.workspace,
      ...(deps.databaseTimeoutMs ? { databaseTimeoutMs: deps.databaseTimeoutMs } : {}),
    },
    logger,
  );
  const { openIncidents, nights } = await readGitHubFacts(
    inputs,
    {
      env: deps.env,
      runRepository: context.repository,
      now: startedAt,
      ...(deps.githubRetry ? { retry: deps.githubRetry } : {}),
    },
    logger,
  );
  const incidents = incidentLinks(inputs.incidents, deps.env, context.repository);
  const report = buildReport({
    kind: inputs.kind,
    now: startedAt,
    ...gathered,
    budget,
    incidents,
    openIncidents,
    nights,
    runUrl: context.runUrl,
    runId: context.runId,
    jobs: inputs.jobs,
  });
  const from = 'from' in sender ? sender.from : '';
  const {
    sections,
    files: rendered,
    message,
  } = await renderReport(report, { ...inputs, from }, logger);
  const folder = path.resolve(context.workspace, inputs.outputDir, `report-${inputs.kind}`);
  const files = await writeReportFiles(folder, rendered);
  logger.info(`report written to ${folder}`);
  const secrets = smtpSecrets(inputs, smtp);
  const send = await sendStep(
    message,
    unsendable ? undefined : smtp,
    { ...inputs, folder, secrets, delivery: deps.delivery },
    logger,
  );
  const step = {
    runId: context.runId,
    kind: inputs.kind,
    startedAt,
    runsReported: report.runs.length,
    charts: rendered.charts.length,
    recipients: inputs.to.length,
    sendAttempts: send.attempts,
    sent: send.sent,
    failure: send.failureClass,
  };
  const client = inputs.dryRun ? null : deps.artifactClient;
  const artifact = await withGroup(logger, 'Report artifact', () =>
    publishReport(folder, step, files, client, logger),
  );
  const delivery = [...send.lines];
  if (artifact) delivery.push(`Report artifact: ${artifact}`);
  const saved = `The report is saved in ${folder}${artifact ? ` and artifact '${artifact}'` : ''}`;
  if (unsendable) throw new ConfigurationError(`${unsendable}. ${saved}`);
  const failure = send.failure;
  if (failure) throw new DeliveryFailed(`${errorMessage(failure)}. ${saved}`, { cause: failure });
  return {
    report,
    sections,
    sent: send.sent,
    messageId: send.sent ? message.messageId : '',
    artifact,
    folder,
    delivery,
  };
}
