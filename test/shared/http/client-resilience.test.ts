import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../../../shared/http/circuit-breaker.js';
import { HttpClient } from '../../../shared/http/client.js';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import { json, startFaultServer, text, type FaultServer } from '../../support/fault-server.js';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  await server.close();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const gaps = (times: number[]): number[] => times.slice(1).map((time, i) => time - (times[i] ?? 0));

describe('HttpClient circuit breaker', () => {
  it('opens after N failures, refuses without reaching the server, then a probe closes it', async () => {
    server.script('/flaky', [text(503, 'down')]);
    const states: string[] = [];
    const http = new HttpClient({
      retry: { maxAttempts: 1 },
      circuitBreaker: {
        failureThreshold: 3,
        openMs: 300,
        onStateChange: (from, to) => states.push(`${from}->${to}`),
      },
    });
    const url = `${server.url}/flaky`;
    for (let i = 0; i < 3; i += 1)
      await expect(http.getJson(url)).rejects.toMatchObject({ failureClass: 'server' });
    expect(http.circuitBreaker?.state).toBe('open');
    for (let i = 0; i < 2; i += 1)
      await expect(http.getJson(url)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.requestsTo('/flaky')).toHaveLength(3);
    expect(http.stats().circuitRejections).toBe(2);

    server.script('/flaky', [json({ back: true })]);
    await pause(320);
    await expect(http.getJson(url)).resolves.toEqual({ back: true });
    expect(server.requestsTo('/flaky')).toHaveLength(4);
    expect(states).toEqual(['closed->open', 'open->half-open', 'half-open->closed']);
  });

  it('stops a retry loop as soon as the circuit opens', async () => {
    server.script('/dead', [text(500, 'x')]);
    const http = new HttpClient({
      retry: { maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 10 },
      circuitBreaker: { failureThreshold: 3, openMs: 60_000 },
    });
    await expect(http.getJson(`${server.url}/dead`)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(server.requestsTo('/dead')).toHaveLength(3);
  });

  it('404 and auth answers do not open the circuit', async () => {
    server.script('/gone', [text(404, 'no')]);
    server.script('/denied', [text(401, 'no')]);
    const http = new HttpClient({ circuitBreaker: { failureThreshold: 2, openMs: 60_000 } });
    for (const path of ['/gone', '/denied', '/gone', '/denied']) {
      await expect(http.getJson(`${server.url}${path}`)).rejects.toMatchObject({
        retryable: false,
      });
    }
    expect(http.circuitBreaker?.state).toBe('closed');
    expect(server.requests).toHaveLength(4);
  });
});

describe('HttpClient rate limit', () => {
  it('spaces requests at the server: 6 at 5/s with capacity 1 take at least a second, in order', async () => {
    for (let i = 0; i < 6; i += 1) server.script(`/p/${i}`, [json({ i })]);
    const http = new HttpClient({
      rateLimiter: new RateLimiter({ capacity: 1, refillPerSecond: 5 }),
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => http.getJson(`${server.url}/p/${i}`)),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5].map((i) => ({ i })));
    expect(server.requests.map((request) => request.path)).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => `/p/${i}`),
    );
    const times = server.requests.map((request) => request.at);
    // Loopback adds a little jitter per request, so each gap gets some slack; the total does not.
    expect((times[5] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(950);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(150);
  });

  it("a 429's Retry-After pauses every caller on the limiter, not only the one refused", async () => {
    server.script('/limited', [
      text(429, 'slow down', 'text/plain', { 'retry-after': '1' }),
      json({ a: 1 }),
    ]);
    server.script('/other', [json({ b: 2 })]);
    let refused: () => void = () => {};
    const sawRefusal = new Promise<void>((resolve) => (refused = resolve));
    const http = new HttpClient({
      rateLimiter: RateLimiter.perHour(0),
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
      onRetry: () => refused(),
    });
    const first = http.getJson(`${server.url}/limited`);
    await sawRefusal;
    const second = http.getJson(`${server.url}/other`);
    await expect(Promise.all([first, second])).resolves.toEqual([{ a: 1 }, { b: 2 }]);
    const refusedAt = server.requestsTo('/limited')[0]?.at ?? Infinity;
    expect((server.requestsTo('/other')[0]?.at ?? 0) - refusedAt).toBeGreaterThanOrEqual(990);
    expect((server.requestsTo('/limited')[1]?.at ?? 0) - refusedAt).toBeGreaterThanOrEqual(990);
  });
});
