import type { IncidentOutcome } from './incident.js';

const verbs: Record<IncidentOutcome['action'], string> = {
  opened: 'Opened',
  commented: 'Commented on',
  reopened: 'Reopened',
  closed: 'Closed',
  none: 'No change to',
};

/** The step summary: what happened to which issue, and why. */
export function incidentSummary(outcome: IncidentOutcome): string {
  const issue = outcome.issueNumber ? `issue #${outcome.issueNumber}` : 'any issue';
  return [
    `### Incident: ${outcome.dryRun ? 'dry run, would have: ' : ''}${verbs[outcome.action]} ${issue}`,
    '',
    '| action | fingerprint | severity | occurrences | why |',
    '| --- | --- | --- | --- | --- |',
    `| ${outcome.action} | \`${outcome.fingerprint || '-'}\` | ${outcome.severity ?? '-'} | ${outcome.occurrences} | ${outcome.reason} |`,
    '',
  ].join('\n');
}
