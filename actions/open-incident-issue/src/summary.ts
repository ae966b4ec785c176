import type { IncidentOutcome } from './incident.js';
import type { NightOutcome } from './night-run.js';

const verbs: Record<IncidentOutcome['action'], string> = {
  opened: 'Opened',
  commented: 'Commented on',
  reopened: 'Reopened',
  closed: 'Closed',
  none: 'No change to',
};

/** A table cell of text that came from a failing step: no pipes or line breaks to break the table. */
const cell = (text: string): string =>
  text.replace(/[|\r\n]+/g, ' ').replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The step summary: what happened to which issue, and why (one row per component on a night). */
export function incidentSummary(outcome: IncidentOutcome): string {
  if ('components' in outcome) {
    const rows = (outcome as NightOutcome).components;
    return [
      `### Incidents tonight${outcome.dryRun ? ' (dry run: nothing written)' : ''}`,
      '',
      '| component | tonight | action | issue | severity | why |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        (row) =>
          `| ${row.component} | ${row.status === 'failure' ? 'failed' : 'worked'} | ${row.action} | ${row.issueNumber ? `#${row.issueNumber}` : '-'} | ${row.severity ?? '-'} | ${cell(row.reason)} |`,
      ),
      ...(rows.length === 0 ? ['| - | nothing ran | none | - | - | - |'] : []),
      '',
    ].join('\n');
  }
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
