import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { runnerStopSignal } from '../../../shared/stop-signal.js';
import { collectCounty, type CollectDependencies, type CollectResult } from './collect.js';
import { collectCountyInputs } from './inputs.js';
import { collectFailure } from './outcome.js';
import { collectSummary } from './summary.js';

const sum = (
  result: CollectResult,
  pick: (shard: CollectResult['shards'][number]) => number,
): number => result.shards.reduce((total, shard) => total + pick(shard), 0);

/**
 * collect-county: Maricopa County Assessor parcels by ZIP into one artifact per ZIP. `outside` is
 * the runner's stop signal and the budget's clock (tests give a faster one); the artifact client
 * is the runner's.
 */
export function createCollectCountyAction(
  outside: Pick<CollectDependencies, 'stop' | 'sleep'> = {},
): ActionDefinition<typeof collectCountyInputs, CollectResult> {
  return {
    name: 'collect-county',
    inputs: collectCountyInputs,
    secrets: ['apiToken', 'mongodbUri', 'artifactPassphrase'],
    execute: (inputs, logger) =>
      collectCounty(inputs, { ...outside, logger, artifactClient: runnerArtifactClient() }),
    outputs: (result) => {
      const fetched = sum(result, (shard) => shard.fetched);
      const failed = sum(result, (shard) => shard.failed);
      return {
        parcels: sum(result, (shard) => shard.parcels),
        failed,
        requests: sum(result, (shard) => shard.requests),
        'success-rate':
          fetched + failed === 0 ? 1 : Number((fetched / (fetched + failed)).toFixed(4)),
        'artifact-name': result.artifactName,
        complete: result.shards.every((shard) => shard.complete),
      };
    },
    failureOutputs: {
      parcels: 0,
      failed: 0,
      requests: 0,
      'success-rate': 0,
      'artifact-name': '',
      complete: false,
    },
    summary: collectSummary,
    failure: collectFailure,
  };
}

/** The action with no stop signal and real timers (the drift test and in-process tests). */
export const action = createCollectCountyAction();

/**
 * Entry point: reads inputs from the runner and runs the action. SIGINT or SIGTERM from the runner
 * (a timeout, a cancellation) stops the collection; what it has is uploaded before the process ends.
 */
export const run = () => runAction(createCollectCountyAction({ stop: runnerStopSignal() }));
