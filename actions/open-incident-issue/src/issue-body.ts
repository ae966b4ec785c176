import type { RunStats } from '../../../shared/model/run-stats.js';
import { errorCount, type FailureDetails } from './details.js';
import { normaliseSignature } from './fingerprint.js';
import { incidentMarkers, type IncidentState } from './markers.js';
import { codeBlock, redact, untrusted } from './redact.js';
import { RUNBOOKS, type Runbook } from './runbooks.js';
import type { Scenario } from './scenario.js';
import { SEVERITY_TERMS } from './severity.js';

/** One failing occurrence as the body shows it. */
export interface Occurrence {
  signature: string;
  /** What the failing step said; the signature stands in when it is empty. */
  message?: string;
  /** The preflight check that failed, when one did. */
  check?: string;
  scenario: Scenario;
  details: FailureDetails;
  runId: string;
  runUrl: string | undefined;
  /** Secret values to strip, besides those recognised by shape. */
  secrets: readonly string[];
}

/** GitHub refuses bodies over 65,536 characters; details are cut well before that. */
const MAX_DETAILS = 20_000;

/** The issue title: component and the first line of the signature, secrets stripped. */
export function incidentTitle(
  component: string,
  signature: string,
  secrets: readonly string[],
): string {
  const line = redact(signature, secrets).split('\n')[0]?.trim() ?? '';
  return `Incident: ${component}: ${line.length > 100 ? `${line.slice(0, 99)}…` : line}`;
}

/** The failing step's own message, or the signature when the caller gave none. */
export const lastMessage = (occurrence: Pick<Occurrence, 'message' | 'signature'>): string =>
  occurrence.message?.trim() ? occurrence.message : occurrence.signature;

const runLink = (runId: string, url: string | undefined): string =>
  url ? `[${runId}](${url})` : runId;

function statsTable(stats: RunStats[]): string[] {
  const rows = stats.map((s) => {
    const errors = Object.entries(s.errorsByClass)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`);
    const counts = Object.entries(s.counts).map(([k, n]) => `${k} ${n}`);
    return `| ${s.action} | ${s.shard} | ${s.outcome} | ${errorCount(s)} (${errors.join(', ') || 'none'}) | ${counts.join(', ')} |`;
  });
  return [
    '| action | shard | outcome | errors | counts |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ];
}

/** The "what failed" section: signature, run-stats and the caller's Markdown, secrets stripped. */
export function whatFailed(occurrence: Occurrence): string[] {
  const { details, secrets } = occurrence;
  const lines = [
    '### What failed',
    '',
    `Signature, normalised: \`${normaliseSignature(redact(occurrence.signature, secrets)).replaceAll('`', "'")}\``,
    ...(occurrence.check
      ? ['', `Failing check: **${untrusted(occurrence.check, secrets).replace(/[*_`[\]]/g, '')}**`]
      : []),
    '',
    'Last message:',
    '',
    codeBlock(untrusted(lastMessage(occurrence), secrets).slice(0, 2000)),
  ];
  // A table row per shard; past 100 rows the body would near GitHub's 65,536-character limit.
  if (details.stats.length) lines.push('', ...statsTable(details.stats.slice(0, 100)));
  if (details.stats.length > 100)
    lines.push('', `… and ${details.stats.length - 100} more run-stats`);
  for (const problem of details.unreadable)
    lines.push(
      '',
      `> Run-stats left out, the artifact did not verify: ${untrusted(problem, secrets)}`,
    );
  if (details.markdown.trim()) {
    const markdown = untrusted(details.markdown, secrets);
    lines.push(
      '',
      markdown.length > MAX_DETAILS ? `${markdown.slice(0, MAX_DETAILS)}\n\n… (cut)` : markdown,
    );
  }
  return lines;
}

function runbookSection(runbook: Runbook): string[] {
  const list = (items: string[]): string[] => items.map((item, index) => `${index + 1}. ${item}`);
  return [
    `### Runbook: ${runbook.title}`,
    '',
    '**Symptoms**',
    '',
    ...runbook.symptoms.map((item) => `- ${item}`),
    '',
    '**Immediate actions**',
    '',
    ...list(runbook.immediate),
    '',
    '**Resolution**',
    '',
    ...list(runbook.resolution),
    '',
    '**Prevention**',
    '',
    ...runbook.prevention.map((item) => `- ${item}`),
  ];
}

/** The whole issue body, rebuilt from the state and the latest occurrence on every update. */
export function incidentBody(state: IncidentState, occurrence: Occurrence): string {
  const terms = SEVERITY_TERMS[state.severity];
  const runbook = RUNBOOKS[occurrence.scenario];
  return [
    incidentMarkers(state),
    `## ${terms.label}: ${state.component}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Severity | **${terms.label}**: ${terms.meaning}. Respond within **${terms.respond}**, resolve within **${terms.resolve}**; escalation: ${terms.escalation} |`,
    `| Component | \`${state.component}\` |`,
    `| Scenario | ${runbook.title} |`,
    `| First seen | ${state.firstSeen}${state.firstRunUrl ? ` ([run](${state.firstRunUrl}))` : ''} |`,
    `| Last seen | ${state.lastSeen} (run ${runLink(occurrence.runId, occurrence.runUrl)}) |`,
    `| Occurrences | ${state.occurrences} |`,
    `| Fingerprint | \`${state.fingerprint}\` |`,
    '',
    ...whatFailed(occurrence),
    '',
    '### Links',
    '',
    `- Run: ${runLink(occurrence.runId, occurrence.runUrl)}`,
    ...(occurrence.runUrl ? [`- Artifacts: [run artifacts](${occurrence.runUrl}#artifacts)`] : []),
    '',
    ...runbookSection(runbook),
    '',
    '<sub>Kept by the open-incident-issue action: it comments on repeats, closes on recovery and reopens on regression. Comment freely; leave the hidden markers in this body.</sub>',
  ].join('\n');
}
