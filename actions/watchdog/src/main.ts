import { z } from 'zod';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { ENV, readEnv } from '../../../shared/env.js';
import { ConfigurationError } from '../../../shared/errors.js';
import {
  booleanInput,
  dryRunInput,
  integerInput,
  listInput,
  stringInput,
} from '../../../shared/inputs.js';
import type { Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { createGitHubClient } from './github-client.js';
import { watchdogOutputs, watchdogSummary, type WatchdogResult } from './report.js';
import { watchWorkflows } from './watch.js';
import { WorkflowApi } from './workflow-api.js';

const repositoryPattern = /^[\w.-]+\/[\w.-]+$/;

/** Inputs of watchdog; kebab-case names in action.yml. */
export const inputs = z.object({
  githubToken: stringInput({ required: true }),
  repository: stringInput().refine((value) => value === '' || repositoryPattern.test(value), {
    message: 'expected owner/name, e.g. octo-org/phx-pipeline',
  }),
  workflows: listInput(
    z
      .string()
      .regex(/^[\w.-]+\.ya?ml$/, 'expected a workflow file name such as data-collection.yml'),
  ).transform((files) => (files.length > 0 ? files : ['data-collection.yml'])),
  keepaliveWorkflows: listInput(
    z.string().regex(/^[\w.-]+\.ya?ml$/, 'expected a workflow file name such as reports.yml'),
  ),
  maxAgeHours: integerInput({ default: 26, min: 1, max: 24 * 31 }),
  stuckHours: integerInput({ default: 6, min: 1, max: 72 }),
  branch: stringInput(),
  keepalive: booleanInput(true),
  dryRun: dryRunInput,
});

/** Parsed inputs. */
export type WatchdogInputs = z.output<typeof inputs>;

async function execute(values: WatchdogInputs, logger: Logger): Promise<WatchdogResult> {
  const repository = values.repository || (readRunContext().repository ?? '');
  if (!repositoryPattern.test(repository))
    throw new ConfigurationError(
      "input 'repository': expected owner/name; it is empty and GITHUB_REPOSITORY is not set",
    );
  const [owner = '', repo = ''] = repository.split('/');
  const octokit = createGitHubClient({
    token: values.githubToken,
    baseUrl: readEnv(ENV.githubApiUrl) ?? 'https://api.github.com',
    logger,
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
  const checks = await watchWorkflows(api, { ...values, branch, now: new Date() }, logger);
  return { repository, branch, maxAgeHours: values.maxAgeHours, dryRun: values.dryRun, checks };
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
    details: 'The watchdog itself failed; its log says why.',
    'last-run-url': '',
    'last-conclusion': 'unknown',
    'hours-since-last-run': -1,
    'kept-alive': false,
  },
  summary: watchdogSummary,
};

/** Entry point for the runner. */
export const run = (): Promise<WatchdogResult | undefined> => runAction(action);
