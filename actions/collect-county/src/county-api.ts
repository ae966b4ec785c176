import { z } from 'zod';
import { ConfigurationError } from '../../../shared/errors.js';
import { CircuitBreaker } from '../../../shared/http/circuit-breaker.js';
import type { ResponseHead } from '../../../shared/http/attempt.js';
import { HttpClient, type GetOptions } from '../../../shared/http/client.js';
import {
  isHttpError,
  isSourceFailure,
  type FailureClass,
} from '../../../shared/http/http-error.js';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import type { HttpStats } from '../../../shared/http/stats.js';
import type { Logger } from '../../../shared/logger.js';
import { parseCountyParcel } from '../../../shared/model/county-parcel-parser.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import { compactApn } from '../../../shared/normalize/apn.js';

/** How to reach the county and how hard to push it. */
export interface CountyApiOptions {
  baseUrl: string;
  token: string;
  /** 0 = no limit. */
  requestsPerHour: number;
  logger: Logger;
  /** Per-attempt timeout, ms. Default 30 000. */
  timeoutMs?: number;
  /** Backoff base, ms. Default 500. */
  retryBaseDelayMs?: number;
  /** How long an open circuit stays open, ms. Default 30 000. */
  circuitOpenMs?: number;
}

/** One page of `/search/property/`; rows are checked only for the keys the collector reads. */
const searchPageSchema = z
  .object({
    TOTAL: z.coerce.number().optional(),
    // No hits may come back without `Results` at all, but never without both keys.
    Results: z
      .array(
        z.looseObject({
          APN: z.string(),
          SitusZip: z.string().nullable().optional(),
          PropertyType: z.string().nullable().optional(),
        }),
      )
      .optional(),
  })
  .refine((page) => page.TOTAL !== undefined || page.Results !== undefined);

/** One search page: the county's row count and this page's rows. */
export type SearchPage = {
  total: number | undefined;
  rows: z.output<typeof searchPageSchema>['Results'] & object;
};

// The county answers a missing or wrong token with HTTP 500 text/html "[parcel]:Unauthorized access!".
const classifyCounty = (response: ResponseHead, body: string): FailureClass | undefined =>
  response.status === 500 && /unauthori[sz]ed access/i.test(body) ? 'auth' : undefined;

/** The token was refused: fail at once, naming the input, instead of retrying a 500. */
function tokenRefused(): ConfigurationError {
  return new ConfigurationError(
    'input \'api-token\': the county API refused the token (HTTP 500 "Unauthorized access"); expected a valid Maricopa County Assessor API token in the secret passed as api-token',
  );
}

/**
 * The Maricopa County Assessor API as the collector uses it: ZIP search pages and parcel bodies,
 * through one HttpClient (rate limit, retries honouring Retry-After, circuit breaker, timeouts).
 */
export class CountyApi {
  readonly #http: HttpClient;
  readonly #base: string;
  /** Set once the county refused the token: later calls fail without asking again. */
  #refused = false;

  constructor(options: CountyApiOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#http = new HttpClient({
      logger: options.logger,
      // The raw token, no "Bearer"; the county's own clients send `user-agent: null`.
      headers: { AUTHORIZATION: options.token, 'user-agent': 'null' },
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { maxAttempts: 5, baseDelayMs: options.retryBaseDelayMs ?? 500 },
      // Burst 1, and 2 % under the budget: a server counting a sliding window must not see the
      // limit exceeded when one request is held up in transit and the next is not.
      rateLimiter:
        options.requestsPerHour > 0
          ? RateLimiter.perHour(options.requestsPerHour * 0.98, 1)
          : undefined,
      circuitBreaker: new CircuitBreaker({
        name: 'county API',
        failureThreshold: 8,
        openMs: options.circuitOpenMs ?? 30_000,
        isFailure: isSourceFailure,
      }),
      classifyResponse: classifyCounty,
    });
  }

  /** Closes the client's connections (idle keep-alive sockets would hold the process open). */
  async close(): Promise<void> {
    await this.#http.close();
  }

  /** What the client has done so far. */
  stats(): HttpStats {
    return this.#http.stats();
  }

  /** Page `page` (from 1) of the full-text search for `query`. */
  async searchPage(query: string, page: number, signal?: AbortSignal): Promise<SearchPage> {
    const url = `${this.#base}/search/property/?q=${encodeURIComponent(query)}&page=${page}`;
    const body = await this.#get(url, signal);
    // PHP's empty array: a search with no hits.
    if (Array.isArray(body) && body.length === 0) return { total: 0, rows: [] };
    const parsed = searchPageSchema.safeParse(body);
    if (!parsed.success) {
      throw new ConfigurationError(
        `input 'api-base-url': ${this.#base} did not answer a county search (expected Results and TOTAL)`,
      );
    }
    return { total: parsed.data.TOTAL, rows: parsed.data.Results ?? [] };
  }

  /** `GET /parcel/{apn}` normalised into a county-parcel record (the body kept whole in `raw`). */
  async parcel(apn: string, zip: string, signal?: AbortSignal): Promise<CountyParcel> {
    return (await this.parcelWithBody(apn, zip, { signal })).parcel;
  }

  /**
   * Like `parcel`, with the body's text as received (what `raw` was parsed from). `stop` ends
   * waits for a token or a retry, `signal` the request itself (see `GetOptions`).
   */
  async parcelWithBody(
    apn: string,
    zip: string,
    signals: Pick<GetOptions, 'signal' | 'stop'> = {},
  ): Promise<{ parcel: CountyParcel; body: string }> {
    const url = `${this.#base}/parcel/${compactApn(apn)}`;
    const { value, text } = await this.#call(() => this.#http.getJsonWithText(url, signals));
    const parcel = parseCountyParcel(apn, value, {
      zip,
      collectedAt: new Date().toISOString(),
      sourceUrl: url,
    });
    return { parcel, body: text };
  }

  async #get(url: string, signal: AbortSignal | undefined): Promise<unknown> {
    return this.#call(() => this.#http.getJson(url, { signal }));
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    if (this.#refused) throw tokenRefused();
    try {
      return await request();
    } catch (error) {
      if (isHttpError(error) && error.failureClass === 'auth') {
        this.#refused = true;
        throw tokenRefused();
      }
      throw error;
    }
  }
}
