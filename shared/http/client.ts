import { Agent, interceptors, type Dispatcher } from 'undici';
import type { Logger } from '../logger.js';
import { attemptGet, type AttemptResult, type ResponseClassifier } from './attempt.js';
import { DEFAULT_MAX_BYTES } from './body-limit.js';
import { CircuitBreaker, CircuitOpenError, type CircuitBreakerOptions } from './circuit-breaker.js';
import { isHttpError, isSourceFailure } from './http-error.js';
import type { RateLimiter } from './rate-limiter.js';
import { redactUrl } from './redact.js';
import { retry, type RetryEvent, type RetryOptions } from './retry.js';
import { SourcePausedError } from './source-paused.js';
import { copyHttpStats, emptyHttpStats, type HttpStats } from './stats.js';

/** How an `HttpClient` talks to one source. */
export interface HttpClientOptions {
  /** Debug lines per request (redacted URL, status, timing; never header values). */
  logger?: Logger;
  /** Headers sent with every request (e.g. the county's `AUTHORIZATION`). */
  headers?: Record<string, string>;
  /**
   * Per-attempt timeout, in ms: the longest wait for the response head, and the longest silence
   * while the body arrives (undici's `headersTimeout` and `bodyTimeout`, checked every half
   * second, so they fire up to a second late); connecting gets at most 10 s. Default 30 000.
   */
  timeoutMs?: number;
  /**
   * Attempts and backoff. Default: 4 attempts, 500 ms base, 30 s cap, Retry-After up to 60 s; a
   * 429 asking for more than `maxRetryAfterMs` fails at once with `SourcePausedError`.
   */
  retry?: Omit<RetryOptions, 'signal' | 'onRetry' | 'shouldRetry'>;
  /** Shared limiter awaited before every attempt; a 429 pauses it for every caller. */
  rateLimiter?: RateLimiter;
  /**
   * Options for a breaker that counts only source failures (`isSourceFailure`), or a breaker
   * to share, used as is (give it `isFailure: isSourceFailure` so 404s do not open it).
   */
  circuitBreaker?: CircuitBreaker | CircuitBreakerOptions;
  /** Caller's classification of a response, applied before the defaults. */
  classifyResponse?: ResponseClassifier;
  /** Limiter pause after a 429 that carries no `Retry-After`, in ms. Default 1 000. */
  rateLimitedPauseMs?: number;
  /** Called before each retry wait, after the client's own bookkeeping. */
  onRetry?: (event: RetryEvent) => void;
  /** Largest response body read, in bytes; a larger one fails, not retried. Default 20 MiB. */
  maxBytes?: number;
}

/** Options of one call. */
export interface GetOptions {
  /** Extra headers for this call; they override the client's. */
  headers?: Record<string, string>;
  /** Per-attempt timeout for this call, in ms (as `HttpClientOptions.timeoutMs`). */
  timeoutMs?: number;
  /** Aborts the call, including any wait for a token or a retry. */
  signal?: AbortSignal;
  /**
   * Stops the call from sending anything more: a wait for a token or before a retry ends at once
   * with the signal's reason, but an attempt already sent may finish (`signal` cuts it short).
   */
  stop?: AbortSignal;
  /** `json` (the default for `getJson`) checks the content type and parses the body. */
  expect?: 'json' | 'text';
  /** Largest response body read for this call, in bytes (as `HttpClientOptions.maxBytes`). */
  maxBytes?: number;
}

/**
 * GET with everything a collector needs around it: rate limit before each attempt, a circuit
 * breaker around attempts, retry with backoff around all, timeouts, content-type checks and
 * statistics. Failures are `HttpError`s (or `CircuitOpenError`) with secret-free messages.
 * Requests go through a keep-alive connection pool of the client's own (undici's `request`,
 * which costs a fraction of `fetch`'s CPU); `close` it when done.
 */
export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #breaker: CircuitBreaker | undefined;
  readonly #stats = emptyHttpStats();
  readonly #agent: Agent;
  // Follows redirects as fetch did (at most 20; undici drops AUTHORIZATION on a cross-origin hop).
  readonly #dispatcher: Dispatcher;

  constructor(options: HttpClientOptions = {}) {
    this.#options = options;
    this.#agent = new Agent({ connectTimeout: Math.min(10_000, options.timeoutMs ?? 30_000) });
    this.#dispatcher = this.#agent.compose(interceptors.redirect({ maxRedirections: 20 }));
    const breaker = options.circuitBreaker;
    this.#breaker =
      breaker === undefined || breaker instanceof CircuitBreaker
        ? breaker
        : new CircuitBreaker({ isFailure: isSourceFailure, ...breaker });
  }

  /** The circuit breaker in use, if any (to read its state). */
  get circuitBreaker(): CircuitBreaker | undefined {
    return this.#breaker;
  }

  /**
   * Closes the connection pool once the requests in flight are done, freeing the keep-alive
   * sockets now instead of at their idle timeout. Later calls fail as `network`.
   */
  async close(): Promise<void> {
    if (!this.#agent.closed) await this.#agent.close();
  }

  /** A snapshot of what this client has done so far. */
  stats(): HttpStats {
    return copyHttpStats(this.#stats);
  }

  /** GETs `url` and parses its JSON body; HTML or broken JSON is a retryable `bad-body`. */
  async getJson<T = unknown>(url: string, options: GetOptions = {}): Promise<T> {
    return (await this.get(url, { expect: 'json', ...options })) as T;
  }

  /**
   * GETs `url` and parses its JSON body like `getJson`, returning the body text as well (to store
   * the response as received without serialising the parsed value again).
   */
  async getJsonWithText<T = unknown>(
    url: string,
    options: GetOptions = {},
  ): Promise<{ value: T; text: string }> {
    const result = await this.#send(url, { expect: 'json', ...options });
    return { value: result.value as T, text: result.text };
  }

  /** GETs `url` and returns its body as text, whatever its content type. */
  async getText(url: string, options: GetOptions = {}): Promise<string> {
    return (await this.get(url, { ...options, expect: 'text' })) as string;
  }

  /** GETs `url`, returning parsed JSON (`expect: 'json'`, the default) or text. */
  async get(url: string, options: GetOptions = {}): Promise<unknown> {
    return (await this.#send(url, options)).value;
  }

  async #send(url: string, options: GetOptions): Promise<AttemptResult> {
    const onRetry = (event: RetryEvent): void => {
      this.#stats.retries += 1;
      const why = isHttpError(event.error) ? event.error.failureClass : 'error';
      this.#options.logger?.debug(
        `GET ${redactUrl(url)}: ${why} on attempt ${event.attempt}/${event.maxAttempts}; retrying in ${event.delayMs} ms`,
      );
      this.#options.onRetry?.(event);
    };
    // Waits (for a token, before a retry) end on either signal; an attempt sent ends only on `signal`.
    const waits =
      options.stop && options.signal
        ? AbortSignal.any([options.signal, options.stop])
        : (options.stop ?? options.signal);
    try {
      return await retry(
        () =>
          this.#breaker
            ? this.#breaker.execute(() => this.#attempt(url, options, waits))
            : this.#attempt(url, options, waits),
        { ...this.#options.retry, signal: waits, onRetry },
      );
    } catch (error) {
      if (error instanceof CircuitOpenError) this.#stats.circuitRejections += 1;
      throw error;
    }
  }

  async #attempt(
    url: string,
    options: GetOptions,
    waits: AbortSignal | undefined,
  ): Promise<AttemptResult> {
    const { logger, rateLimiter } = this.#options;
    await rateLimiter?.acquire(waits);
    this.#stats.requests += 1;
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const result = await attemptGet({
        dispatcher: this.#dispatcher,
        url,
        headers: { ...this.#options.headers, ...options.headers },
        timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 30_000,
        expect: options.expect ?? 'json',
        signal: options.signal,
        classifyResponse: this.#options.classifyResponse,
        maxBytes: options.maxBytes ?? this.#options.maxBytes ?? DEFAULT_MAX_BYTES,
      });
      this.#stats.succeeded += 1;
      this.#stats.bytes += result.bytes;
      logger?.debug(
        `GET ${redactUrl(url)} -> ${result.status} in ${elapsed()} ms (${result.bytes} B)`,
      );
      return result;
    } catch (error) {
      if (isHttpError(error)) {
        this.#stats.errorsByClass[error.failureClass] += 1;
        logger?.debug(`${error.message} (${elapsed()} ms)`);
        if (error.failureClass === 'rate-limited') {
          const cap = this.#options.retry?.maxRetryAfterMs ?? 60_000;
          const asked = error.retryAfterMs ?? this.#options.rateLimitedPauseMs ?? 1000;
          // The whole source waits at most what one caller would; a longer ask closes it for the run.
          rateLimiter?.pause(Math.min(asked, cap));
          if (asked > cap)
            throw new SourcePausedError(`GET ${redactUrl(url)}`, asked, cap, { cause: error });
        }
      }
      throw error;
    } finally {
      this.#stats.latencyMsTotal += performance.now() - started;
    }
  }
}
