import type { GitHubRetryPolicy } from '../../../shared/github/client.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import type { Incident } from './error-rows.js';
import type { GitHubAccess } from './github-access.js';
import { readOpenIncidents, type OpenIncidents } from './open-incidents.js';
import { addDays, phoenixDate } from './phoenix-day.js';
import { UPTIME_DAYS, type ReportKind } from './report-kind.js';
import { readWorkflowRuns, type WorkflowHistory } from './workflow-runs.js';

/** What the report reads from GitHub: open incidents and the collection workflow's nights. */
export interface GitHubFacts {
  openIncidents: OpenIncidents;
  nights: WorkflowHistory;
}

/**
 * Reads the open incidents and the workflow's runs since the first day uptime covers. Neither
 * throws: without a token, or when GitHub refuses or fails, each says why.
 */
export async function readGitHubFacts(
  inputs: { kind: ReportKind; githubToken: string; repository: string; workflow: string },
  run: {
    env: NodeJS.ProcessEnv;
    runRepository: string | undefined;
    now: Date;
    retry?: GitHubRetryPolicy;
  },
  logger: Logger,
): Promise<GitHubFacts> {
  const access: GitHubAccess = {
    token: inputs.githubToken,
    repository: inputs.repository,
    runRepository: run.runRepository,
    apiUrl: run.env.GITHUB_API_URL?.trim() || undefined,
    ...(run.retry ? { retry: run.retry } : {}),
  };
  const fromDay = addDays(phoenixDate(run.now.getTime()), 1 - UPTIME_DAYS[inputs.kind]);
  return withGroup(logger, 'Incidents and nights', async () => ({
    openIncidents: await readOpenIncidents(access, logger),
    nights: await readWorkflowRuns(access, inputs.workflow, fromDay, logger),
  }));
}

/** The `incidents` input's issue numbers with their links on the run's GitHub server. */
export function incidentLinks(
  numbers: readonly string[],
  env: NodeJS.ProcessEnv,
  repository: string | undefined,
): Incident[] {
  const server = (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/$/, '');
  return numbers.map((value) => {
    const number = Number(value.replace('#', ''));
    return { number, url: repository ? `${server}/${repository}/issues/${number}` : undefined };
  });
}
