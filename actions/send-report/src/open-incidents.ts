import type { Logger } from '../../../shared/logger.js';
import { githubProblem, githubReader, type GitHubAccess } from './github-access.js';

/** Severities of the operations guide's incident matrix, most severe first. */
const SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** An open issue labelled `incident`, as the report lists it. */
export interface OpenIncident {
  number: number;
  title: string;
  /** From its `severity:pN` label; null when it has none. */
  severity: (typeof SEVERITIES)[number] | null;
  createdAt: string;
  url: string;
}

/** The open incidents, or why they could not be read (`problem`, scrubbed of the token). */
export interface OpenIncidents {
  incidents: OpenIncident[];
  problem: string | undefined;
}

interface IssueLabel {
  name?: string;
}

function severityOf(labels: ReadonlyArray<string | IssueLabel>): OpenIncident['severity'] {
  const names = labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
  const found = names
    .map((name) => /^severity:(p[0-3])$/i.exec(name)?.[1]?.toUpperCase())
    .filter((value): value is OpenIncident['severity'] & string => value !== undefined)
    .sort();
  return found[0] ?? null;
}

const rank = (incident: OpenIncident): number =>
  incident.severity === null ? SEVERITIES.length : SEVERITIES.indexOf(incident.severity);

/** Most severe first; among equals the oldest first. */
export const bySeverity = (a: OpenIncident, b: OpenIncident): number =>
  rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.number - b.number;

/**
 * Every open issue labelled `incident` (not the tracker, not pull requests), most severe first.
 * Without a token, or when GitHub refuses or fails, the problem says why; nothing is thrown.
 */
export async function readOpenIncidents(
  access: GitHubAccess,
  logger: Logger,
): Promise<OpenIncidents> {
  const reader = githubReader(access, 'issues: read', logger);
  if ('problem' in reader) return { incidents: [], problem: reader.problem };
  const { octokit, repo } = reader;
  try {
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      labels: 'incident',
      state: 'open',
      per_page: 100,
    });
    const incidents = issues
      .filter((issue) => !issue.pull_request)
      .filter((issue) =>
        issue.labels.every(
          (label) => (typeof label === 'string' ? label : label.name) !== 'incident-tracker',
        ),
      )
      .map((issue) => ({
        number: issue.number,
        title: issue.title,
        severity: severityOf(issue.labels),
        createdAt: issue.created_at,
        url: issue.html_url,
      }))
      .sort(bySeverity);
    logger.info(`${incidents.length} open incidents in ${repo.repository}`);
    return { incidents, problem: undefined };
  } catch (error) {
    const problem = githubProblem(error, access);
    logger.warning(`open incidents not read: ${problem}`);
    return { incidents: [], problem };
  }
}
