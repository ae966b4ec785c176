/** Severities npm audit reports, mildest first. */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One vulnerable production package as `npm audit --json` names it. */
export interface Finding {
  name: string;
  severity: Severity;
  titles: string[];
}

/** What an audit run means for CI: it could not ask, it found nothing at `level`, or it found some. */
export type AuditVerdict =
  | { kind: 'unavailable'; reason: string }
  | { kind: 'clean'; below: Finding[] }
  | { kind: 'vulnerable'; findings: Finding[]; below: Finding[] };

interface AuditJson {
  auditReportVersion?: number;
  vulnerabilities?: Record<
    string,
    { name?: string; severity?: string; via?: Array<string | { title?: string }> }
  >;
  error?: { code?: string | null; summary?: string };
  message?: string;
  statusCode?: number;
}

/**
 * Reads the JSON `npm audit --json` printed. A report (auditReportVersion 2) is judged against
 * `level`: findings at or above it fail, milder ones are listed. Anything else (the advisory
 * service unreachable or refusing the request, which npm also prints as JSON) is `unavailable`:
 * CI cannot tell, so it says so instead of passing silently or failing on the network.
 */
export function judgeAudit(text: string, level: Severity): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(text) as AuditJson;
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON: ${text.slice(0, 200)}` };
  }
  if (json.auditReportVersion !== 2 || json.vulnerabilities === undefined) {
    const why = json.error?.summary || json.message || json.error?.code || 'no audit report';
    return { kind: 'unavailable', reason: why.split('\n')[0] ?? why };
  }
  const findings: Finding[] = Object.entries(json.vulnerabilities).map(([name, entry]) => ({
    name: entry.name ?? name,
    severity: SEVERITIES.includes(entry.severity as Severity)
      ? (entry.severity as Severity)
      : 'critical', // an unknown severity is not taken as mild
    titles: (entry.via ?? []).flatMap((via) =>
      typeof via === 'string' ? [`through ${via}`] : via.title ? [via.title] : [],
    ),
  }));
  const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);
  const failing = findings.filter((finding) => rank(finding.severity) >= rank(level));
  const below = findings.filter((finding) => rank(finding.severity) < rank(level));
  return failing.length > 0
    ? { kind: 'vulnerable', findings: failing, below }
    : { kind: 'clean', below };
}
