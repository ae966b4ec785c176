import type { ArtifactClient } from '@actions/artifact';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV } from '../../../shared/env.js';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import type { RunContext } from '../../../shared/run-context.js';
import { fetchRunJobs } from './github-jobs.js';
import { priceJobs } from './job-minutes.js';
import { priceUsage, type CostLine } from './pricing.js';
import type { RateCard } from './rate-card.js';
import { collectUsage } from './usage-artifacts.js';

/** What the run consumed, priced. */
export interface RunCost {
  lines: CostLine[];
  /** Usage records read from artifacts. */
  usageRecords: number;
  artifacts: string[];
  missingArtifacts: string[];
  /** Jobs whose minutes were priced; undefined when they were not read. */
  jobs: number | undefined;
  /** Why reading the job minutes failed, when a token was given and it did. */
  jobsProblem: string | undefined;
}

/** Where the run's consumption is read from. */
export interface RunCostSources {
  artifactClient: ArtifactClient | null;
  usageArtifacts: readonly string[];
  githubToken: string;
  apiUrl: string;
  publicRepository: boolean;
  context: RunContext;
  now: Date;
}

/**
 * Prices the current run: usage records from its stage artifacts, plus the minutes of its jobs in
 * every attempt from the REST API when a token is given (those replace any `github-actions` usage
 * the actions reported). The run's one `github-actions` entry thus holds all its attempts, so the
 * record stage of a re-run replaces it without dropping or doubling an earlier attempt.
 * A failure to read the jobs is a warning: the rest of the run's cost is still recorded.
 */
export async function priceRun(
  card: RateCard,
  sources: RunCostSources,
  logger: Logger,
): Promise<RunCost> {
  const workDir = await mkdtemp(join(sources.context.tempDir, 'check-budget-'));
  try {
    const usage = await withGroup(logger, 'Usage from stage artifacts', () =>
      readUsage(sources, workDir, logger),
    );
    for (const pattern of usage.missing) {
      logger.warning(`usage artifact '${pattern}' not found in this run; its cost is not counted`);
    }
    const jobs = await withGroup(logger, 'Actions minutes', () => readJobs(card, sources, logger));
    const metered = jobs.lines
      ? usage.records.filter((record) => record.service !== 'github-actions')
      : usage.records;
    const lines = [...priceUsage(metered, card), ...(jobs.lines ?? [])];
    logger.info(`priced ${lines.length} cost lines from ${usage.records.length} usage records`);
    return {
      lines,
      usageRecords: usage.records.length,
      artifacts: usage.artifacts,
      missingArtifacts: usage.missing,
      jobs: jobs.count,
      jobsProblem: jobs.problem,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function readUsage(sources: RunCostSources, workDir: string, logger: Logger) {
  if (sources.usageArtifacts.length === 0) {
    logger.info('no usage-artifacts given');
    return Promise.resolve({ records: [], artifacts: [], missing: [] });
  }
  if (!sources.artifactClient) {
    throw new ConfigurationError(
      `input 'usage-artifacts': artifacts can only be read on a runner (${ENV.actionsRuntimeToken} is not set)`,
    );
  }
  return collectUsage(sources.artifactClient, sources.usageArtifacts, workDir, logger);
}

async function readJobs(
  card: RateCard,
  sources: RunCostSources,
  logger: Logger,
): Promise<{ lines?: CostLine[]; count?: number; problem?: string }> {
  const { githubToken, context } = sources;
  if (githubToken === '') {
    logger.info('no github-token: job minutes are not read');
    return {};
  }
  if (!context.repository) {
    logger.warning('GITHUB_REPOSITORY is not set: job minutes are not read');
    return { problem: 'GITHUB_REPOSITORY not set' };
  }
  try {
    const request = {
      token: githubToken,
      apiUrl: sources.apiUrl,
      repository: context.repository,
      runId: context.runId,
    };
    const jobs = await fetchRunJobs(request, logger);
    const priced = priceJobs(jobs, card, sources);
    if (priced.unmatchedLabels.length > 0) {
      logger.warning(
        `runner labels ${priced.unmatchedLabels.join(', ')} match no rate-card entry; priced as ${card.githubActions.defaultRunner}`,
      );
    }
    const minutes = priced.lines.reduce((sum, line) => sum + line.quantity, 0);
    const attempts =
      priced.attempts.length > 1 ? ` over attempts ${priced.attempts.join(', ')}` : '';
    logger.info(`${priced.jobs} jobs${attempts}, ${minutes} billed minutes`);
    return { lines: priced.lines, count: priced.jobs };
  } catch (error) {
    logger.warning(`job minutes not counted: ${errorMessage(error)}`);
    return { problem: errorMessage(error) };
  }
}
