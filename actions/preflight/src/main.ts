import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { checkFailures, healthyComponents } from './components.js';
import { preflightInputs } from './inputs.js';
import { preflight, type PreflightResult } from './preflight.js';
import { preflightFailure, preflightSummary } from './summary.js';

/** The `preflight` action: plans the run and checks secrets and servers before anything starts. */
export const action: ActionDefinition<typeof preflightInputs, PreflightResult> = {
  name: 'preflight',
  inputs: preflightInputs,
  secrets: [
    'mongodbUri',
    'countyApiToken',
    'proxies',
    'captchaApiKey',
    'smtpUrl',
    'githubToken',
    'artifactPassphrase',
  ],
  execute: preflight,
  outputs: ({ plan, checks, ollama, problems, warnings }) => ({
    // A failed plan keeps the empty matrix, so no shard job starts even if the step is ignored.
    ...(plan && {
      zips: plan.zips,
      'county-artifacts': plan.zips.map((zip) => `county-parcels-${zip}`).join(' '),
      'mls-artifacts': plan.zips.map((zip) => `mls-listings-${zip}`).join(' '),
      county: plan.county,
      mls: plan.mls,
      mode: plan.mode,
      'max-parcels': plan.maxParcels,
    }),
    ollama,
    problems,
    warnings,
    failures: checkFailures(checks),
    healthy: healthyComponents(checks).join(' '),
  }),
  failureOutputs: {
    zips: [],
    'county-artifacts': '',
    'mls-artifacts': '',
    county: false,
    mls: false,
    mode: '',
    'max-parcels': 0,
    ollama: 'not-configured',
    problems: 1,
    warnings: 0,
    failures: [],
    healthy: '',
  },
  summary: preflightSummary,
  failure: preflightFailure,
};

/** Entry point for the bundle. */
export const run = () => runAction(action);
