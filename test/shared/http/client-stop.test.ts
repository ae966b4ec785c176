import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../shared/http/client.js';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import { StopRequest } from '../../../shared/stop-signal.js';
import {
  delayed,
  json,
  startFaultServer,
  text,
  type FaultServer,
} from '../../support/fault-server.js';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  await server.close();
});

const stopAfter = (ms: number): AbortSignal => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new StopRequest('time budget spent')), ms);
  return controller.signal;
};

describe('HttpClient with a stop signal', () => {
  it('lets a request already sent finish', async () => {
    server.script('/parcel/1', [delayed(300, json({ ok: 1 }))]);
    const http = new HttpClient({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
    await expect(http.getJson(`${server.url}/parcel/1`, { stop: stopAfter(50) })).resolves.toEqual({
      ok: 1,
    });
    await http.close();
  });

  it('ends a wait for a token at once and sends nothing more', async () => {
    server.script('/parcel/2', [json({ ok: 2 })]);
    const http = new HttpClient({
      rateLimiter: new RateLimiter({ capacity: 1, refillPerSecond: 0.1 }),
    });
    await http.getJson(`${server.url}/parcel/2`);
    const started = performance.now();
    const error = await http
      .getJson(`${server.url}/parcel/2`, { stop: stopAfter(100) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StopRequest);
    // Not the 10 s the next token takes.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requestsTo('/parcel/2')).toHaveLength(1);
    await http.close();
  });

  it('does not retry an attempt that failed after the stop', async () => {
    server.script('/parcel/3', [delayed(200, text(503, 'down')), json({ ok: 3 })]);
    const http = new HttpClient({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
    await expect(
      http.getJson(`${server.url}/parcel/3`, { stop: stopAfter(50) }),
    ).rejects.toMatchObject({ failureClass: 'server' });
    expect(server.requestsTo('/parcel/3')).toHaveLength(1);
    await http.close();
  });
});
