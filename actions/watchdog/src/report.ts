import { isoTime, mostSerious, severityOf } from './findings.js';
import type { WorkflowCheck } from './watch.js';

/** What one watchdog run found, as the outputs and the summary show it. */
export interface WatchdogResult {
  repository: string;
  /** The branch whose runs counted, or undefined for every branch. */
  branch: string | undefined;
  maxAgeHours: number;
  dryRun: boolean;
  /** The emergency stop's reason (`PIPELINE_PAUSED`), or undefined when the pipeline runs. */
  paused: string | undefined;
  checks: WorkflowCheck[];
}

/** `paused: <reason>` for a watched workflow while paused, with the missed run not reported. */
function pausedNote(result: WatchdogResult, check: WorkflowCheck): string | undefined {
  if (!result.paused || !check.watched) return undefined;
  const held = check.heldWhilePaused ? ` (not reported: ${check.heldWhilePaused.message})` : '';
  return `paused: ${result.paused}${held}`;
}

/** The workflow behind the signature: the one with the most serious finding, else the first. */
function headlineCheck(result: WatchdogResult): WorkflowCheck | undefined {
  const withFindings = result.checks.filter((check) => check.findings.length > 0);
  const worst = mostSerious(withFindings.flatMap((check) => check.findings));
  return withFindings.find((check) => worst && check.findings.includes(worst)) ?? result.checks[0];
}

/** `success`, or `failure` when any workflow has a finding. */
export const statusOf = (result: WatchdogResult): 'success' | 'failure' =>
  result.checks.some((check) => check.findings.length > 0) ? 'failure' : 'success';

/** The conclusion of the last run, its status while it has none, `none` without a run. */
const conclusionOf = (check: WorkflowCheck): string =>
  check.lastRun ? (check.lastRun.conclusion ?? check.lastRun.status) : 'none';

/** One Markdown line per workflow: what was found, the last run with link, conclusion and age. */
export function detailLines(result: WatchdogResult): string {
  return result.checks
    .map((check) => {
      const run = !check.watched
        ? 'runs not watched (keepalive only)'
        : check.lastRun
          ? `last run [#${check.lastRun.runNumber}](${check.lastRun.htmlUrl}) ${conclusionOf(check)}, ${check.hoursSinceLastRun} h ago`
          : check.firstRun
            ? `no nightly run yet: the first is scheduled at ${isoTime(check.firstRun.scheduledAt)}, due by ${isoTime(check.firstRun.dueBy)}`
            : 'no nightly run found';
      const findings = check.findings.map((finding) => `${finding.kind}: ${finding.message}`);
      const paused = pausedNote(result, check);
      const state = [...findings, ...(paused ? [paused] : [])].join('; ') || 'ok';
      return `- \`${check.file}\` (${check.workflow.state}): ${state}; ${run}`;
    })
    .join('\n');
}

/** The action's outputs, from the most serious workflow (or the first when all are fine). */
export function watchdogOutputs(result: WatchdogResult): Record<string, string | number | boolean> {
  const headline = headlineCheck(result);
  const worst = mostSerious(headline?.findings ?? []);
  return {
    status: statusOf(result),
    signature: worst?.kind ?? '',
    severity: severityOf(worst?.kind),
    details: detailLines(result),
    'last-run-url': headline?.lastRun?.htmlUrl ?? '',
    'last-conclusion': headline ? conclusionOf(headline) : 'none',
    'hours-since-last-run': headline?.hoursSinceLastRun ?? -1,
    'kept-alive': result.checks.some((check) => check.keptAlive),
    paused: result.paused ?? '',
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The step summary: one table row per workflow. */
export function watchdogSummary(result: WatchdogResult): string {
  const scope = result.branch ? `branch \`${result.branch}\`` : 'every branch';
  const rows = result.checks.map((check) => {
    const run = check.lastRun ? `[#${check.lastRun.runNumber}](${check.lastRun.htmlUrl})` : '-';
    const paused = pausedNote(result, check);
    const findings = [
      ...check.findings.map((finding) => `**${finding.kind}**: ${finding.message}`),
      ...(paused ? [`**${paused}**`] : []),
    ];
    const keepalive = check.keptAlive ? 'yes' : result.dryRun ? 'dry run' : 'no';
    return `| \`${cell(check.file)}\` | ${check.workflow.state} | ${run} | ${conclusionOf(check)} | ${check.hoursSinceLastRun ?? '-'} | ${cell(findings.join('<br>')) || 'ok'} | ${keepalive} |`;
  });
  const status = result.paused ? `${statusOf(result)}, paused` : statusOf(result);
  return [
    `### Watchdog: ${status} (${result.repository}, ${scope}, window ${result.maxAgeHours} h)`,
    '',
    ...(result.paused
      ? [
          `**paused: ${cell(result.paused)}**: the repository variable \`PIPELINE_PAUSED\` is set, so a missed nightly run is not reported; delete the variable to resume.`,
          '',
        ]
      : []),
    '| workflow | state | last run | conclusion | age (h) | findings | kept alive |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
