import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountyApi } from '../../../actions/collect-county/src/county-api.js';
import { ConfigurationError } from '../../../shared/errors.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';
import { json, startFaultServer } from '../../support/fault-server.js';

describe('CountyApi against the sandbox', () => {
  let sandbox: CountySandbox;
  const api = (options: Partial<ConstructorParameters<typeof CountyApi>[0]> = {}) =>
    new CountyApi({
      baseUrl: sandbox.url,
      token: sandbox.token,
      requestsPerHour: 0,
      logger: memoryLogger(),
      retryBaseDelayMs: 20,
      ...options,
    });

  beforeAll(async () => {
    sandbox = await startCountySandbox({ parcelsPerZip: 30, seed: 'api-client' });
  });
  afterAll(() => sandbox.close());

  it('gives up on an unanswered request after its timeout and gets the parcel on the next try', async () => {
    const client = api({ timeoutMs: 250 });
    await client.searchPage('85031', 1);
    sandbox.setFaults({ timeouts: { every: 2 } });
    try {
      const parcel = await client.parcel('102-10-001', '85031');
      expect(parcel.apn).toBe('102-10-001');
      expect(client.stats()).toMatchObject({
        requests: 3,
        retries: 1,
        errorsByClass: { timeout: 1 },
      });
    } finally {
      sandbox.setFaults({});
    }
  });

  it('reads the ZIP search envelope; names api-base-url when a server answers something else', async () => {
    const page = await api().searchPage('85031', 2);
    expect(page.total).toBe(31);
    expect(page.rows).toHaveLength(6);
    const other = await startFaultServer();
    try {
      other.script('/search/property/', [json({ results: [], count: 0 })]);
      const error = (await api({ baseUrl: other.url })
        .searchPage('85031', 1)
        .catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toBe(
        `input 'api-base-url': ${other.url} did not answer a county search (expected Results and TOTAL)`,
      );
    } finally {
      await other.close();
    }
  });

  it('retries HTML where JSON belongs, then reports it as a bad body', async () => {
    const client = api({ baseUrl: `${sandbox.url}/not-the-api` });
    const error = (await client.searchPage('85031', 1).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/HTTP 200 text\/html.*bad-body/);
    expect(client.stats()).toMatchObject({ requests: 5, retries: 4 });
  });

  it('sends the raw token as AUTHORIZATION and never puts it in an error', async () => {
    const refused = api({ token: 'wrong-token-value' });
    const error = (await refused.parcel('102-10-001', '85031').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).not.toContain('wrong-token-value');
    expect(refused.stats().requests).toBe(1);
  });
});
