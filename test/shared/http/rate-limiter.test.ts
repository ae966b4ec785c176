import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import { ConfigurationError } from '../../../shared/errors.js';

// Lower bounds only: a slow machine may take longer, never shorter.
describe('RateLimiter', () => {
  it('really waits: 6 acquisitions at 5/s with capacity 1 take at least a second', async () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 5 });
    const started = performance.now();
    const times: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await limiter.acquire();
      times.push(performance.now() - started);
    }
    expect(times[5]).toBeGreaterThanOrEqual(990);
    for (let i = 1; i < times.length; i += 1) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(190);
    }
  });

  it('serves concurrent waiters in arrival order', async () => {
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 50 });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, index) => limiter.acquire().then(() => order.push(index))),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('a newcomer does not jump the queue when a token frees up', async () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 20 });
    await limiter.acquire();
    const order: string[] = [];
    const first = limiter.acquire().then(() => order.push('first'));
    // Block the event loop past the refill so the token is free before the waiter's timer runs.
    const until = performance.now() + 80;
    while (performance.now() < until) order.length += 0;
    const second = limiter.acquire().then(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('pause holds back every caller, even an unlimited limiter', async () => {
    const limiter = new RateLimiter({ capacity: 10, refillPerSecond: 0 });
    await limiter.acquire();
    limiter.pause(300);
    const started = performance.now();
    const waits = await Promise.all(
      [0, 1, 2].map(() => limiter.acquire().then(() => performance.now() - started)),
    );
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(290);
  });

  it('after a pause, lets one request through and then paces the rest', async () => {
    const limiter = new RateLimiter({ capacity: 5, refillPerSecond: 10 });
    limiter.pause(200);
    const started = performance.now();
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await limiter.acquire();
      times.push(performance.now() - started);
    }
    expect(times[0]).toBeGreaterThanOrEqual(190);
    expect(times[2]).toBeGreaterThanOrEqual(390);
  });

  it('an aborted waiter leaves the queue with the abort reason', async () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.waiting).toBe(1);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(limiter.waiting).toBe(0);
  });

  it('perHour(0) is unlimited; bad settings are configuration errors', async () => {
    const limiter = RateLimiter.perHour(0);
    const granted = async (): Promise<string> =>
      Promise.race([
        limiter.acquire().then(() => 'granted'),
        new Promise<string>((resolve) => setImmediate(() => resolve('queued'))),
      ]);
    for (let i = 0; i < 100; i += 1) expect(await granted()).toBe('granted');
    expect(() => new RateLimiter({ capacity: 0, refillPerSecond: 1 })).toThrow(ConfigurationError);
    expect(() => new RateLimiter({ capacity: 1, refillPerSecond: -1 })).toThrow(ConfigurationError);
  });
});
