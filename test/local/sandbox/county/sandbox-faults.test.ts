import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCountySandbox, type CountySandbox } from '../../../../local/sandbox/county/server.js';

describe('sandbox county API: injected faults', () => {
  let sandbox: CountySandbox;
  const get = (path: string, signal?: AbortSignal) =>
    fetch(`${sandbox.url}${path}`, { headers: { AUTHORIZATION: sandbox.token }, signal });

  beforeEach(async () => {
    sandbox = await startCountySandbox({ parcelsPerZip: 30, seed: 'faults' });
    await get('/search/property/?q=85035');
  });
  afterEach(() => sandbox.close());

  it('answers 429 with Retry-After, bursts of 5xx, HTML and truncated bodies on the requests configured', async () => {
    sandbox.setFaults({
      tooManyRequests: { every: 5, retryAfterSeconds: 7 },
      serverErrors: { every: 6, burst: 2, status: 502 },
      htmlBodies: { every: 7 },
      truncatedBodies: { every: 9 },
    });
    const answers: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await get('/parcel/10610001');
      const body = await response.text();
      const kind = response.headers.get('content-type')?.startsWith('application/json')
        ? body.endsWith('}')
          ? 'json'
          : 'cut'
        : `${response.status} html`;
      answers.push(
        response.status === 429 ? `429 after ${response.headers.get('retry-after')}` : kind,
      );
    }
    // Request n (the search above was 1) fails as configured: 5xx when (n-1) % 6 >= 4, 429 when
    // n % 5 == 0, HTML when n % 7 == 0, cut when n % 9 == 0; the 5xx burst wins a tie.
    expect(answers).toEqual([
      'json',
      'json',
      'json',
      '502 html',
      '502 html',
      '200 html',
      'json',
      'cut',
      '429 after 7',
      '502 html',
    ]);
    expect(sandbox.requestLog.slice(1).map((request) => request.fault)).toEqual([
      null,
      null,
      null,
      'server-error',
      'server-error',
      'html',
      null,
      'truncated',
      'rate-limited',
      'server-error',
    ]);
  });

  it('delays answers, leaves timeouts unanswered, and enforces a rate limit', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await get('/parcel/10610001');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    sandbox.setFaults({ timeouts: { every: 1 } });
    await expect(get('/parcel/10610001', AbortSignal.timeout(300))).rejects.toThrow(
      /abort|timeout/i,
    );
    expect(sandbox.requestLog.at(-1)).toMatchObject({ status: 0, fault: 'timeout' });

    sandbox.setFaults({ rateLimit: { requests: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await get('/parcel/10610001')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
