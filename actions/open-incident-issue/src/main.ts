import { z } from 'zod';
import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { createGitHubClient } from '../../../shared/github/client.js';
import { repositoryInput, splitRepository } from '../../../shared/github/repository.js';
import {
  choiceInput,
  dryRunInput,
  integerInput,
  listInput,
  stringInput,
} from '../../../shared/inputs.js';
import type { Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { secretForms } from '../../../shared/secret-forms.js';
import { handleFailure } from './failure.js';
import { handleNight, type ComponentOutcome, type NightOutcome } from './night-run.js';
import { nightStats } from './night-stats.js';
import type { IncidentOutcome, IncidentReport } from './incident.js';
import { IncidentRepo } from './incident-repo.js';
import { handleSuccess } from './recovery.js';
import { incidentSummary } from './summary.js';

/** Inputs of open-incident-issue; kebab-case names in action.yml. */
export const inputs = z.object({
  githubToken: stringInput({ required: true }),
  repository: repositoryInput,
  status: stringInput().pipe(
    z.enum(['failure', 'success', ''], { message: 'expected failure or success' }),
  ),
  component: stringInput().pipe(
    z.string().regex(/^(?:[a-z0-9][a-z0-9-]{0,49})?$/, {
      message: 'expected a kebab-case component name such as collect-county',
    }),
  ),
  night: stringInput(),
  components: stringInput(),
  runResults: listInput(z.string().regex(/^[\w.*-]+$/, 'expected an artifact name or pattern')),
  budget: stringInput(),
  signature: stringInput(),
  succeeded: stringInput().transform((text) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  ),
  severity: choiceInput(['auto', 'P0', 'P1', 'P2', 'P3'], 'auto'),
  details: stringInput(),
  threshold: integerInput({ default: 0, min: 0, max: 100 }),
  reopenWindowDays: integerInput({ default: 7, min: 0, max: 365 }),
  flapHours: integerInput({ default: 6, min: 0, max: 720 }),
  labels: listInput(z.string().regex(/^[^\s,]{1,50}$/, 'expected a label name')),
  dryRun: dryRunInput,
  redact: stringInput(),
});

/** Parsed inputs. */
export type IncidentInputs = z.output<typeof inputs>;

async function execute(values: IncidentInputs, logger: Logger): Promise<IncidentOutcome> {
  if (values.night.trim() === '' && (values.status === '' || values.component === ''))
    throw new ConfigurationError(
      "inputs 'status' and 'component' are required unless 'night' is given (the nightly's `toJSON(needs)`)",
    );
  const context = readRunContext();
  const { owner, repo } = splitRepository(values.repository || context.repository);
  const octokit = createGitHubClient({
    token: values.githubToken,
    logger,
    userAgent: 'phx-pipeline-open-incident-issue',
    permission: () => '`permissions: issues: write`',
  });
  // Every printable form (decoded passwords, proxy entries, Basic auth), longest first.
  const secrets = [...new Set([values.githubToken, values.redact].flatMap(secretForms))].sort(
    (a, b) => b.length - a.length,
  );
  const deps = {
    repo: new IncidentRepo(octokit, owner, repo, logger, values.dryRun),
    logger,
    now: () => new Date(),
  };
  const report: IncidentReport = {
    status: values.status || 'failure',
    component: values.component,
    signature: values.signature,
    succeeded: values.succeeded,
    details: values.details,
    threshold: values.threshold,
    reopenWindowDays: values.reopenWindowDays,
    flapHours: values.flapHours,
    labels: values.labels,
    severity: values.severity as IncidentReport['severity'],
    runId: context.runId,
    runUrl: context.runUrl,
    secrets,
  };
  const outcome =
    values.night.trim() !== ''
      ? await handleNight(
          {
            night: values.night,
            components: values.components,
            budget: values.budget,
            umbrella: values.component,
            stats: await nightStats(values.runResults, logger),
          },
          report,
          deps,
        )
      : values.status === 'failure'
        ? await handleFailure(report, deps)
        : await handleSuccess(report, deps);
  logger.info(`${outcome.action}: ${outcome.reason}`);
  return outcome;
}

/** One component's outcome as the `incidents` output lists it. */
const brief = (outcome: ComponentOutcome) => ({
  component: outcome.component,
  status: outcome.status,
  action: outcome.action,
  issue: outcome.issueNumber,
  severity: outcome.severity ?? null,
});

/** The open-incident-issue action: one incident issue per fingerprint, kept through its lifecycle. */
export const action: ActionDefinition<typeof inputs, IncidentOutcome> = {
  name: 'open-incident-issue',
  inputs,
  secrets: ['githubToken', 'redact'],
  execute,
  outputs: (outcome) => ({
    'issue-number': outcome.issueNumber,
    action: outcome.action,
    fingerprint: outcome.fingerprint,
    occurrences: outcome.occurrences,
    incidents:
      'components' in outcome
        ? (outcome as NightOutcome).components
            .filter((component) => component.status === 'failure' || component.action !== 'none')
            .map(brief)
        : [],
  }),
  failureOutputs: {
    'issue-number': 0,
    action: 'none',
    fingerprint: '',
    occurrences: 0,
    incidents: [],
  },
  summary: incidentSummary,
};

/** Entry point for the runner. */
export const run = (): Promise<IncidentOutcome | undefined> => runAction(action);
