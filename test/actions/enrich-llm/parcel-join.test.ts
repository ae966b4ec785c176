import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action } from '../../../actions/enrich-llm/src/main.js';
import { runAction } from '../../../shared/action.js';
import { readStageOutput } from '../../../shared/io/stage-output.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import { collect, listing, parcel, recordingRuntime, stageFolder } from './fixtures.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enrich-join-'));
  process.env.GITHUB_RUN_ID = '902';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('enrich-llm joining listings to parcels', () => {
  it('finds the parcel of a listing by address or APN in any county artifact, named before the listings', async () => {
    // Two county shards of parcels nobody lists, each with one parcel a listing joins.
    const apn = (shard: number, n: number) => `10${shard}-29-${String(n).padStart(3, '0')}`;
    const unlisted = (shard: number) =>
      Array.from({ length: 300 }, (_, n) => parcel(apn(shard, n), 500 + shard * 300 + n));
    const first = await stageFolder('county-parcel', [...unlisted(1), parcel('102-29-045A', 0)]);
    const second = await stageFolder('county-parcel', [...unlisted(2), parcel('103-10-001', 40)]);
    const listings = await stageFolder('mls-listing', [
      listing(0, 'Pool home, 3 bed 2 bath.'),
      listing(1, 'No parcel for this one.'),
      listing(7, 'Shows its APN.', '103-10-001'),
    ]);
    const run = recordingRuntime({
      'input-artifacts': [first, second, listings].join('\n'),
      enabled: 'false',
      cache: 'false',
    });
    await runAction(action, run.runtime);
    expect(run.failures).toEqual([]);
    const stage = await readStageOutput<Enrichment>(run.outputs['output-dir'] ?? '', {
      expectRecordType: 'enrichment',
    });
    const keys = (await collect(stage.records)).map((record) => record.key).sort();
    expect(keys).toEqual(['102-29-045A', '103-10-001', 'addr:101 W EARLL DR 85031']);
    expect(run.logger.lines.join('\n')).toMatch(/301 county-parcel records, 1 joined by a listing/);
  });
});
