import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatOutput, runAction } from '../../shared/action.js';
import { RetryableError } from '../../shared/errors.js';
import { integerInput, stringInput } from '../../shared/inputs.js';
import { recordingRuntime } from '../support/recording-runtime.js';

const countParcels = {
  name: 'count-parcels',
  inputs: z.object({
    apiToken: stringInput({ required: true }),
    limit: integerInput({ default: 3, min: 1 }),
  }),
  secrets: ['apiToken'] as const,
  execute: (inputs: { apiToken: string; limit: number }, logger: { info(m: string): void }) => {
    logger.info(`counting up to ${inputs.limit}`);
    if (inputs.limit === 13) throw new RetryableError('county API answered 503 three times');
    return Promise.resolve({ parcels: inputs.limit, zips: ['85031'] });
  },
  outputs: (result: { parcels: number; zips: string[] }) => ({
    parcels: result.parcels,
    zips: result.zips,
  }),
  failureOutputs: { parcels: 0, zips: [] },
  summary: (result: { parcels: number }) => `Collected **${result.parcels}** parcels`,
};

describe('runAction', () => {
  it('masks secrets, sets every output and writes the summary', async () => {
    const run = recordingRuntime({ 'api-token': 's3cret', limit: '5' });
    await runAction(countParcels, run.runtime);
    // The value and its base64 form (as an Authorization header would carry it).
    expect(run.secrets).toEqual(['czNjcmV0', 's3cret']);
    expect(run.outputs).toEqual({ parcels: '5', zips: '["85031"]' });
    expect(run.summaries).toEqual(['Collected **5** parcels']);
    expect(run.failures).toEqual([]);
  });

  it('fails once with the action name and the input named, still setting outputs', async () => {
    const run = recordingRuntime({ 'api-token': 's3cret', limit: 'lots' });
    await runAction(countParcels, run.runtime);
    expect(run.failures).toEqual([
      "count-parcels failed: Invalid input: input 'limit': expected a whole number of at least 1, got 'lots'",
    ]);
    expect(run.outputs).toEqual({
      parcels: '0',
      zips: '[]',
      error: "Invalid input: input 'limit': expected a whole number of at least 1, got 'lots'",
    });
  });

  it('turns an error from the domain work into a failure message', async () => {
    const run = recordingRuntime({ 'api-token': 's3cret', limit: '13' });
    await runAction(countParcels, run.runtime);
    expect(run.failures).toEqual(['count-parcels failed: county API answered 503 three times']);
    expect(run.summaries).toEqual([]);
  });

  it('fails a finished run whose result says so, after setting outputs and summary', async () => {
    const run = recordingRuntime({ 'api-token': 's3cret', limit: '7' });
    await runAction(
      {
        ...countParcels,
        failure: (result) => (result.parcels === 7 ? 'integrity: 7 of 8 stored' : undefined),
      },
      run.runtime,
    );
    expect(run.outputs).toEqual({
      parcels: '7',
      zips: '["85031"]',
      error: 'integrity: 7 of 8 stored',
    });
    expect(run.summaries).toEqual(['Collected **7** parcels']);
    expect(run.failures).toEqual(['count-parcels failed: integrity: 7 of 8 stored']);
  });

  it('says why in the error output, one line, without the secret or URL credentials', async () => {
    const run = recordingRuntime({ 'api-token': 's3cret-token', limit: '5' });
    await runAction(
      {
        ...countParcels,
        execute: () =>
          Promise.reject(
            new Error(
              'county refused s3cret-token\n  at mongodb://ops:hunter22@db.example:27017/phx',
            ),
          ),
      },
      run.runtime,
    );
    expect(run.outputs.error).toBe('county refused *** at mongodb://***:***@db.example:27017/phx');
    expect(run.failures[0]).toContain('s3cret-token');
  });

  it('masks every form of a secret: whole, line by line, each entry, each password decoded and in Basic auth', async () => {
    const value = 'http://ua:p%40one@a:1,http://ub:p%2Ftwo@b:2\nwebshare:ws-key-1\n';
    const run = recordingRuntime({ 'api-token': value, limit: '5' });
    await runAction(countParcels, run.runtime);
    const basic = (login: string) => Buffer.from(login).toString('base64');
    expect(run.secrets).toEqual(
      expect.arrayContaining([
        value.trim(),
        'http://ua:p%40one@a:1,http://ub:p%2Ftwo@b:2',
        'http://ua:p%40one@a:1',
        'http://ub:p%2Ftwo@b:2',
        'p%40one',
        'p@one',
        'p/two',
        basic('ua:p@one'),
        basic('ub:p/two'),
        'ws-key-1',
      ]),
    );
    // Each form is told to the runner once.
    expect(run.secrets).toEqual([...new Set(run.secrets)]);
  });

  it('scrubs a decoded password from the error output, though only the encoded one was given', async () => {
    const run = recordingRuntime({
      'api-token': 'mongodb://ops:hunter%2F22@db.example/phx',
      limit: '5',
    });
    await runAction(
      { ...countParcels, execute: () => Promise.reject(new Error('login hunter/22 refused')) },
      run.runtime,
    );
    expect(run.outputs.error).toBe('login *** refused');
  });

  it('formats structured outputs as JSON', () => {
    expect(formatOutput('a b')).toBe('a b');
    expect(formatOutput(0)).toBe('0');
    expect(formatOutput(false)).toBe('false');
    expect(formatOutput({ ok: true })).toBe('{"ok":true}');
  });
});
