import type { LabelSpec } from './incident-repo.js';
import { SEVERITY_TERMS, type Severity } from './severity.js';

/** The label every incident issue carries; lookups list issues by it. */
export const INCIDENT_LABEL = 'incident';

/** The label of the tracker issue that counts failures below their threshold. */
export const TRACKER_LABEL = 'incident-tracker';

/** `severity:p1` for P1. */
export const severityLabel = (severity: Severity): string => `severity:${severity.toLowerCase()}`;

/** `component:store-mongo` for store-mongo. */
export const componentLabel = (component: string): string => `component:${component}`;

/** The labels of an incident with their colours and descriptions, extra ones last. */
export function incidentLabels(
  severity: Severity,
  component: string,
  extra: string[],
): LabelSpec[] {
  const terms = SEVERITY_TERMS[severity];
  return [
    {
      name: INCIDENT_LABEL,
      color: 'd73a4a',
      description: 'Pipeline incident kept by open-incident-issue',
    },
    {
      name: severityLabel(severity),
      color: terms.color,
      description: `${terms.label}: respond within ${terms.respond}, resolve within ${terms.resolve}`,
    },
    {
      name: componentLabel(component),
      color: '1d76db',
      description: `Pipeline component ${component}`,
    },
    ...extra.map((name) => ({ name, color: 'ededed', description: '' })),
  ];
}

/** `labels` with any severity label replaced by the one for `severity`. */
export function withSeverity(labels: string[], severity: Severity): string[] {
  return [...labels.filter((name) => !/^severity:p\d$/i.test(name)), severityLabel(severity)];
}
