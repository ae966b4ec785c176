import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../shared/logger.js';
import { HttpClient, type HttpClientOptions } from '../../../shared/http/client.js';
import {
  isHttpError,
  NonRetryableHttpError,
  RetryableHttpError,
} from '../../../shared/http/http-error.js';
import {
  countyUnauthorized,
  delayed,
  hang,
  html,
  json,
  reset,
  startFaultServer,
  text,
  truncatedJson,
  type FaultServer,
} from '../../support/fault-server.js';

let server: FaultServer;
beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  await server.close();
});

const fast = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 };
const client = (options: HttpClientOptions = {}): HttpClient =>
  new HttpClient({ timeoutMs: 2000, retry: fast, ...options });
const failure = async (pending: Promise<unknown>): Promise<Error> => {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected the call to fail');
  return error;
};
/** The county's token failure: 500 text/html "...Unauthorized access...", which is auth, not a 5xx. */
const countyHook: HttpClientOptions['classifyResponse'] = (response, body) =>
  response.status === 500 && body.includes('Unauthorized access') ? 'auth' : undefined;

describe('HttpClient against a fault server', () => {
  it('waits out a 429 Retry-After of 2 seconds before trying again', async () => {
    server.script('/parcel/1', [
      text(429, 'slow down', 'text/plain', { 'retry-after': '2' }),
      json({ ok: 1 }),
    ]);
    const http = client();
    await expect(http.getJson(`${server.url}/parcel/1`)).resolves.toEqual({ ok: 1 });
    const [first, second] = server.requestsTo('/parcel/1');
    expect(server.requestsTo('/parcel/1')).toHaveLength(2);
    expect((second?.at ?? 0) - (first?.at ?? Infinity)).toBeGreaterThanOrEqual(1900);
    expect(http.stats()).toMatchObject({ requests: 2, retries: 1, succeeded: 1 });
    expect(http.stats().errorsByClass['rate-limited']).toBe(1);
  });

  it('rides out a burst of 5xx and records every attempt', async () => {
    server.script('/s', [text(500, 'x'), text(502, 'x'), text(503, 'x'), json([1, 2])]);
    const http = client();
    await expect(http.getJson(`${server.url}/s`)).resolves.toEqual([1, 2]);
    expect(server.requestsTo('/s')).toHaveLength(4);
    expect(http.stats()).toMatchObject({ requests: 4, retries: 3, succeeded: 1 });
    expect(http.stats().errorsByClass.server).toBe(3);
    expect(http.stats().bytes).toBe(5);
  });

  it('gives up after maxAttempts with the last 5xx as a retryable server error', async () => {
    server.script('/down', [text(503, 'maintenance')]);
    const error = await failure(client().getJson(`${server.url}/down`));
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect(error).toMatchObject({ failureClass: 'server', status: 503 });
    expect(server.requestsTo('/down')).toHaveLength(4);
  });

  it('retries a connection reset', async () => {
    server.script('/r', [reset(), json({ ok: true })]);
    const http = client();
    await expect(http.getJson(`${server.url}/r`)).resolves.toEqual({ ok: true });
    expect(server.requestsTo('/r')).toHaveLength(2);
    expect(http.stats().errorsByClass.network).toBe(1);
  });

  it('classifies a refused connection as network', async () => {
    const closed = await startFaultServer();
    await closed.close();
    const error = await failure(client({ retry: { maxAttempts: 1 } }).getJson(`${closed.url}/x`));
    expect(error).toMatchObject({ failureClass: 'network' });
  });

  it('ends a hanging request at the per-request timeout, classified timeout', async () => {
    server.script('/hang', [hang()]);
    const started = performance.now();
    const error = await failure(
      client({ retry: { ...fast, maxAttempts: 2 } }).getJson(`${server.url}/hang`, {
        timeoutMs: 150,
      }),
    );
    expect(error).toBeInstanceOf(RetryableHttpError);
    expect(error).toMatchObject({ failureClass: 'timeout' });
    expect(error.message).toContain('no response within 150 ms');
    expect(server.requestsTo('/hang')).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('times out a slow answer too (latency past the timeout)', async () => {
    // undici checks its timeouts every half second: the answer comes well after the last check.
    server.script('/slow', [delayed(1600, json({})), json({ fast: true })]);
    await expect(client().getJson(`${server.url}/slow`, { timeoutMs: 150 })).resolves.toEqual({
      fast: true,
    });
  });

  it('retries HTML served with 200 on a JSON URL, and broken JSON, then succeeds', async () => {
    server.script('/parcel/2', [
      html(200),
      truncatedJson({ PropertyAddress: '1 MAIN ST' }),
      json({ ok: 2 }),
    ]);
    const http = client();
    await expect(http.getJson(`${server.url}/parcel/2`)).resolves.toEqual({ ok: 2 });
    expect(server.requestsTo('/parcel/2')).toHaveLength(3);
    expect(http.stats().errorsByClass['bad-body']).toBe(2);
  });

  it('getText accepts HTML', async () => {
    server.script('/page', [html(200, '<html>hi</html>')]);
    await expect(client().getText(`${server.url}/page`)).resolves.toBe('<html>hi</html>');
  });

  it('fails fast on 401 after exactly one request', async () => {
    server.script('/a', [text(401, 'who are you'), json({})]);
    const error = await failure(client().getJson(`${server.url}/a`));
    expect(error).toBeInstanceOf(NonRetryableHttpError);
    expect(error).toMatchObject({ failureClass: 'auth', status: 401 });
    expect(server.requestsTo('/a')).toHaveLength(1);
  });

  it("fails fast on the county's 500 'Unauthorized access' through the hook", async () => {
    server.script('/parcel/3', [countyUnauthorized('parcel'), json({})]);
    const error = await failure(
      client({ classifyResponse: countyHook }).getJson(`${server.url}/parcel/3`),
    );
    expect(error).toMatchObject({ failureClass: 'auth', status: 500 });
    expect(error.message).toContain('Unauthorized access');
    expect(server.requestsTo('/parcel/3')).toHaveLength(1);
  });

  it('without the hook the same page is a 5xx and is retried', async () => {
    server.script('/parcel/4', [countyUnauthorized('parcel')]);
    const error = await failure(client().getJson(`${server.url}/parcel/4`));
    expect(error).toMatchObject({ failureClass: 'server' });
    expect(server.requestsTo('/parcel/4')).toHaveLength(4);
  });

  it('does not retry a 404', async () => {
    const error = await failure(client().getJson(`${server.url}/nowhere`));
    expect(error).toMatchObject({ failureClass: 'client', status: 404 });
    expect(server.requestsTo('/nowhere')).toHaveLength(1);
  });

  it('stops waiting between attempts when the caller aborts', async () => {
    server.script('/busy', [text(503, 'busy', 'text/plain', { 'retry-after': '30' })]);
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const pending = client().getJson(`${server.url}/busy`, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    await expect(pending).rejects.toBe(reason);
    expect(server.requestsTo('/busy')).toHaveLength(1);
  });

  it('never puts a header token or a token= query value into errors or logs', async () => {
    const token = 'tok-4f2a9c81e7';
    const queryToken = 'q-secret-77aa91';
    server.script('/leak', [
      text(500, `echo ${token} ${queryToken}`),
      text(403, `denied ${token}`),
    ]);
    const logger = memoryLogger();
    const http = client({ logger, headers: { AUTHORIZATION: token, 'user-agent': 'null' } });
    const error = await failure(http.getJson(`${server.url}/leak?token=${queryToken}&q=85031`));
    expect(server.requests[0]?.headers.authorization).toBe(token);
    expect(server.requests[0]?.url).toContain(queryToken);

    const closed = await startFaultServer();
    await closed.close();
    const networkError = await failure(
      client({ retry: { maxAttempts: 1 }, headers: { AUTHORIZATION: token } }).getJson(
        `${closed.url}/p?token=${queryToken}`,
      ),
    );
    for (const seen of [error, networkError]) {
      expect(isHttpError(seen)).toBe(true);
      const visible = [seen.message, String(seen), JSON.stringify(seen), seen.stack ?? ''].join(
        '\n',
      );
      expect(visible).not.toContain(token);
      expect(visible).not.toContain(queryToken);
    }
    expect(error.message).toContain('token=***');
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toMatch(new RegExp(`${token}|${queryToken}`));
  });
});
