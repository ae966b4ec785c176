import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInputs, rateInput } from '../../shared/inputs.js';
import { sourceVerdict, type SourceTally } from '../../shared/source-verdict.js';

const tally = (part: Partial<SourceTally>): SourceTally => ({
  source: 'the county API at https://county.example/',
  zip: '85031',
  unit: 'parcels',
  collected: 0,
  failed: 0,
  errors: {},
  stopped: null,
  ...part,
});

describe('sourceVerdict', () => {
  it.each([
    ['a ZIP with nothing in it', tally({}), undefined],
    ['a ZIP whose work was all done before', tally({ collected: 0, failed: 0 }), undefined],
    [
      'a few failures under the policy',
      tally({ collected: 90, failed: 10, errors: { server: 30 } }),
      undefined,
    ],
    [
      'a stop that is not the source failing (nothing asked of it failed)',
      tally({ stopped: 'stopped: time budget spent' }),
      undefined,
    ],
    [
      'every request failing',
      tally({ failed: 3, errors: { server: 12, timeout: 3, client: 0 } }),
      'ZIP 85031: the county API at https://county.example/ failed: 0 parcels collected, 3 failed (server 12, timeout 3)',
    ],
    [
      'a search that never answered',
      tally({ errors: { network: 5 }, stopped: 'search failed: ECONNREFUSED' }),
      'ZIP 85031: the county API at https://county.example/ failed: 0 parcels collected, 0 failed (network 5); search failed: ECONNREFUSED',
    ],
    [
      'every item unreadable (not an outage, but over the policy)',
      tally({ failed: 4, errors: { parse: 4 } }),
      'ZIP 85031: 4 of 4 parcels from the county API at https://county.example/ failed (100 %, above max-failure-rate 0.25; parse 4)',
    ],
    [
      'more failures than the policy allows',
      tally({ collected: 6, failed: 4, errors: { server: 20 } }),
      'ZIP 85031: 4 of 10 parcels from the county API at https://county.example/ failed (40 %, above max-failure-rate 0.25; server 20)',
    ],
  ])('%s', (_case, input, expected) => {
    expect(sourceVerdict(input, 0.25)).toBe(expected);
  });

  it('fails an outage even when the policy allows every item to fail, and scrubs secrets', () => {
    const down = tally({
      errors: { auth: 1 },
      stopped: 'search failed: token s3cr3t-token refused',
    });
    expect(sourceVerdict(down, 1, ['s3cr3t-token'])).toBe(
      'ZIP 85031: the county API at https://county.example/ failed: 0 parcels collected, 0 failed (auth 1); search failed: token *** refused',
    );
    expect(sourceVerdict(tally({ collected: 1, failed: 9, errors: { server: 9 } }), 1)).toBe(
      undefined,
    );
  });
});

describe('rateInput', () => {
  const schema = z.object({ maxFailureRate: rateInput(0.25) });
  it.each([
    ['', 0.25],
    ['0', 0],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['1', 1],
  ])("reads '%s' as %s", (raw, expected) => {
    expect(parseInputs(schema, () => raw).maxFailureRate).toBe(expected);
  });
  it.each(['1.5', '-0.1', '25%', 'half'])("names the input for '%s'", (raw) => {
    expect(() => parseInputs(schema, () => raw)).toThrow(
      `input 'max-failure-rate': expected a share from 0 to 1 such as 0.25, got '${raw}'`,
    );
  });
});
