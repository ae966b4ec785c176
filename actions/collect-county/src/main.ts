import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { collectCounty, type CollectResult } from './collect.js';
import { collectCountyInputs } from './inputs.js';
import { collectFailure } from './outcome.js';
import { collectSummary } from './summary.js';

const sum = (
  result: CollectResult,
  pick: (shard: CollectResult['shards'][number]) => number,
): number => result.shards.reduce((total, shard) => total + pick(shard), 0);

/** collect-county: Maricopa County Assessor parcels by ZIP into one artifact per ZIP. */
export const action: ActionDefinition<typeof collectCountyInputs, CollectResult> = {
  name: 'collect-county',
  inputs: collectCountyInputs,
  secrets: ['apiToken', 'mongodbUri'],
  execute: (inputs, logger) =>
    collectCounty(inputs, {
      logger,
      artifactClient: runnerArtifactClient(),
    }),
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

/** Entry point: reads inputs from the runner and runs the action. */
export const run = () => runAction(action);
