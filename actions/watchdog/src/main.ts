import { z } from 'zod';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { createGitHubClient, type GitHubRetryPolicy } from '../../../shared/github/client.js';
import { repositoryInput, splitRepository } from '../../../shared/github/repository.js';
import {
  booleanInput,
  dryRunInput,
  integerInput,
  listInput,
  stringInput,
} from '../../../shared/inputs.js';
import type { Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { pauseReason } from './findings.js';
import { watchdogOutputs, watchdogSummary, type WatchdogResult } from './report.js';
import { parseCron } from './cron.js';
import { watchWorkflows } from './watch.js';
import { WorkflowApi } from './workflow-api.js';

/** Four tries and at most a minute's wait for a rate limit: the next schedule comes soon. */
const WATCHDOG_RETRY: GitHubRetryPolicy = { attempts: 4, baseDelayMs: 1000, maxWaitMs: 60_000 };

/** Inputs of watchdog; kebab-case names in action.yml. */
export const inputs = z.object({
  githubToken: stringInput({ required: true }),
  repository: repositoryInput,
  workflows: listInput(
    z
      .string()
      .regex(/^[\w.-]+\.ya?ml$/, 'expected a workflow file name such as data-collection.yml'),
  ).transform((files) => (files.length > 0 ? files : ['data-collection.yml'])),
  keepaliveWorkflows: listInput(
    z.string().regex(/^[\w.-]+\.ya?ml$/, 'expected a workflow file name such as reports.yml'),
  ),
  maxAgeHours: integerInput({ default: 26, min: 1, max: 24 * 31 }),
  // The guide's P1: processing delays over 4 hours.
  stuckHours: integerInput({ default: 4, min: 1, max: 72 }),
  schedule: stringInput({ default: '17 10 * * *' }).transform((text, ctx) => {
    const schedule = parseCron(text);
    if (schedule) return schedule;
    ctx.addIssue({
      code: 'custom',
      message: "expected the watched workflow's cron, five fields in UTC such as 17 10 * * *",
    });
    return z.NEVER;
  }),
  branch: stringInput(),
  keepalive: booleanInput(true),
  /** The emergency stop (`vars.PIPELINE_PAUSED`): its reason, or undefined when not paused. */
  paused: stringInput().transform(pauseReason),
  dryRun: dryRunInput,
});

/** Parsed inputs. */
export type WatchdogInputs = z.output<typeof inputs>;

async function execute(values: WatchdogInputs, logger: Logger): Promise<WatchdogResult> {
  const { repository, owner, repo } = splitRepository(
    values.repository || readRunContext().repository,
  );
  const octokit = createGitHubClient({
    token: values.githubToken,
    logger,
    userAgent: 'phx-pipeline-watchdog',
    permission: (method) =>
      method === 'GET'
        ? '`permissions: actions: read`'
        : '`permissions: actions: write` (for keepalive; or set keepalive: false)',
    retry: WATCHDOG_RETRY,
  });
  const api = new WorkflowApi(octokit, owner, repo);
  // Empty means the default branch (where schedules run); `*` counts runs on any branch.
  const branch = values.branch === '*' ? undefined : values.branch || (await api.defaultBranch());
  const keptOnly = values.keepaliveWorkflows.length
    ? `; keeping ${values.keepaliveWorkflows.join(', ')} alive`
    : '';
  logger.info(
    `watching ${values.workflows.join(', ')} in ${repository} on ${branch ?? 'every branch'}${keptOnly}`,
  );
  if (values.paused)
    logger.info(`paused: ${values.paused} (PIPELINE_PAUSED): a missed nightly run is not reported`);
  const checks = await watchWorkflows(api, { ...values, branch, now: new Date() }, logger);
  const { maxAgeHours, dryRun, paused } = values;
  return { repository, branch, maxAgeHours, dryRun, paused, checks };
}

/** The watchdog action: notices missed, failing, stuck or disabled nightly runs; keeps schedules alive. */
export const action: ActionDefinition<typeof inputs, WatchdogResult> = {
  name: 'watchdog',
  inputs,
  secrets: ['githubToken'],
  execute,
  outputs: watchdogOutputs,
  failureOutputs: {
    status: 'failure',
    signature: 'watchdog-error',
    severity: 'auto',
    details: 'The watchdog itself failed; its log says why.',
    'last-run-url': '',
    'last-conclusion': 'unknown',
    'hours-since-last-run': -1,
    'kept-alive': false,
    paused: '',
  },
  summary: watchdogSummary,
};

/** Entry point for the runner. */
export const run = (): Promise<WatchdogResult | undefined> => runAction(action);
