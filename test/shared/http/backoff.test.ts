import { describe, expect, it } from 'vitest';
import { NonRetryableError, RetryableError } from '../../../shared/errors.js';
import { backoffDelay, retryDelay, sleep } from '../../../shared/http/backoff.js';
import { retry, type RetryEvent } from '../../../shared/http/retry.js';

const options = { baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay (full jitter)', () => {
  it.each([
    // retry, random, expected: random * min(max, base * 2^retry)
    [0, 0.999, 99],
    [0, 0.5, 50],
    [1, 0.5, 100],
    [2, 0.5, 200],
    [3, 0.999, 799],
    [4, 0.999, 999],
    [10, 0.5, 500],
    [3, 0, 0],
  ])('retry %i, random %f -> %i ms', (retryIndex, value, expected) => {
    expect(backoffDelay(retryIndex, { ...options, random: () => value })).toBe(expected);
  });

  it('waits at least a Retry-After and gives up on one beyond the maximum', () => {
    const jitter = { ...options, random: () => 0.5, maxRetryAfterMs: 5000 };
    expect(retryDelay(0, 2000, jitter)).toBe(2000);
    expect(retryDelay(3, 10, jitter)).toBe(400);
    expect(retryDelay(0, 5000, jitter)).toBe(5000);
    expect(retryDelay(0, 5001, jitter)).toBeUndefined();
  });
});

describe('retry', () => {
  const failing = (errors: Error[]) => {
    let calls = 0;
    return (): Promise<string> => {
      const error = errors[calls];
      calls += 1;
      return error ? Promise.reject(error) : Promise.resolve(`ok after ${calls}`);
    };
  };

  it('retries retryable errors with the computed delays, then succeeds', async () => {
    const waits: number[] = [];
    const events: RetryEvent[] = [];
    const result = await retry(
      failing([new RetryableError('a'), new RetryableError('b', { retryAfterMs: 700 })]),
      {
        ...options,
        random: () => 0.5,
        sleep: (ms) => Promise.resolve(void waits.push(ms)),
        onRetry: (event) => events.push(event),
      },
    );
    expect(result).toBe('ok after 3');
    expect(waits).toEqual([50, 700]);
    expect(events.map((event) => [event.attempt, event.maxAttempts, event.delayMs])).toEqual([
      [1, 4, 50],
      [2, 4, 700],
    ]);
  });

  it('does not retry a non-retryable error, and stops at maxAttempts', async () => {
    const fatal = new NonRetryableError('no');
    await expect(retry(failing([fatal]), { sleep: () => Promise.resolve() })).rejects.toBe(fatal);
    const last = new RetryableError('third');
    const errors = [
      new RetryableError('1'),
      new RetryableError('2'),
      last,
      new RetryableError('4'),
    ];
    await expect(
      retry(failing(errors), { maxAttempts: 3, sleep: () => Promise.resolve() }),
    ).rejects.toBe(last);
  });

  it('rethrows at once when the server asks to wait longer than allowed', async () => {
    const waits: number[] = [];
    const error = new RetryableError('429', { retryAfterMs: 3_600_000 });
    await expect(
      retry(failing([error]), { sleep: (ms) => Promise.resolve(void waits.push(ms)) }),
    ).rejects.toBe(error);
    expect(waits).toEqual([]);
  });

  it('the default sleep really waits, and an abort ends the wait with its reason', async () => {
    const started = performance.now();
    await sleep(60);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);

    const controller = new AbortController();
    const reason = new Error('shutting down');
    setTimeout(() => controller.abort(reason), 20);
    const pending = retry(failing([new RetryableError('x')]), {
      baseDelayMs: 60_000,
      random: () => 0.99,
      signal: controller.signal,
    });
    await expect(pending).rejects.toBe(reason);
  });
});
