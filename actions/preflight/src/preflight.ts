import { scrubSecrets } from '../../../shared/http/redact.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { ENV, readEnv } from '../../../shared/env.js';
import { fail, pass, runChecks, type CheckResult } from './check.js';
import type { PreflightInputs } from './inputs.js';
import { issuesCheck } from './issues-check.js';
import { planRun, type RunPlan } from './plan.js';
import { reachabilityChecks } from './reachability.js';
import { privacyCheck } from './privacy-check.js';
import { reportToCheck, secretChecks, secretValue } from './secret-checks.js';
import { reportFromCheck } from './sender-check.js';
import { SECRET_INPUTS, secretParts, type SecretInput } from './secrets.js';

/** Whether Ollama answered: `not-configured` when no host was given. */
export type OllamaState = 'reachable' | 'unreachable' | 'not-configured';

/** Everything the preflight found. */
export interface PreflightResult {
  /** The plan, or undefined when a planning input is wrong. */
  plan: RunPlan | undefined;
  checks: CheckResult[];
  ollama: OllamaState;
  /** Checks with status `error`. */
  problems: number;
  warnings: number;
}

const planRows = (outcome: ReturnType<typeof planRun>): CheckResult[] =>
  outcome.plan
    ? [
        {
          name: 'run plan',
          ...pass(
            `${outcome.plan.zips.length} ZIP(s) ${outcome.plan.zips.join(' ')}; county ${outcome.plan.county}, mls ${outcome.plan.mls}; mode ${outcome.plan.mode}; max-parcels ${outcome.plan.maxParcels}`,
          ),
          durationMs: 0,
        },
      ]
    : outcome.problems.map((problem) => ({ name: 'run plan', ...fail(problem), durationMs: 0 }));

function log(logger: Logger, check: CheckResult): void {
  const line = `${check.name}: ${check.message} (${check.durationMs} ms)`;
  if (check.status === 'error') logger.error(line);
  else if (check.status === 'warning') logger.warning(line);
  else logger.info(`${check.status === 'pass' ? 'ok' : 'skipped'} ${line}`);
}

/**
 * Plans the run and checks every secret's presence and shape and every configured server's
 * reachability, all at once, each bounded by `timeout-seconds`. Never stops at the first
 * problem; no message holds any part of a secret value.
 */
export async function preflight(inputs: PreflightInputs, logger: Logger): Promise<PreflightResult> {
  const planned = planRun(inputs);
  const shapes = secretChecks(inputs);
  const shapeOk = (input: SecretInput): boolean =>
    shapes[SECRET_INPUTS.indexOf(input)]?.status === 'pass';
  let ollama: OllamaState = inputs.ollamaHost === '' ? 'not-configured' : 'unreachable';
  const specs = [
    ...reachabilityChecks(inputs, planned.plan, shapeOk, (reachable) => {
      ollama = reachable ? 'reachable' : 'unreachable';
    }),
    issuesCheck(inputs.githubToken, readEnv(ENV.githubRepository)),
  ];
  const reached = await withGroup(logger, `Checking ${specs.length} server(s)`, () =>
    runChecks(specs, inputs.timeoutSeconds * 1000),
  );
  const secrets = [
    ...SECRET_INPUTS.flatMap((input) => secretParts(secretValue(inputs, input))),
    ...secretParts(inputs.githubToken),
  ];
  const addressing = [reportToCheck(inputs), reportFromCheck(inputs), privacyCheck(inputs)];
  const checks = [...planRows(planned), ...shapes, ...addressing, ...reached].map((check) => ({
    ...check,
    message: scrubSecrets(check.message, secrets),
  }));
  await withGroup(logger, 'Preflight results', () => {
    for (const check of checks) log(logger, check);
    return Promise.resolve();
  });
  const count = (status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
  return {
    plan: planned.plan,
    checks,
    ollama,
    problems: count('error'),
    warnings: count('warning'),
  };
}
