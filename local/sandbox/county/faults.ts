/**
 * Faults the sandbox county API injects, by configuration. Counters run over the requests that
 * reach a real endpoint with a good token, so a test knows exactly which requests fail.
 */
export interface CountyFaults {
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Every `every`-th request is refused with 429 and `Retry-After: retryAfterSeconds` (default 1). */
  tooManyRequests?: { every: number; retryAfterSeconds?: number };
  /** The last `burst` requests of every `every` answer `status` (default 503) with an HTML page. */
  serverErrors?: { every: number; burst: number; status?: number };
  /** Every `every`-th request is never answered (the client must time out). */
  timeouts?: { every: number };
  /** Every `every`-th JSON answer is cut off half way. */
  truncatedBodies?: { every: number };
  /** Every `every`-th JSON answer is an HTML page with status 200 (the county's occasional non-JSON body). */
  htmlBodies?: { every: number };
  /** A limit the server enforces: past `requests` accepted in any `windowMs`, it answers 429. */
  rateLimit?: { requests: number; windowMs: number };
  /** After this many requests with the good token, the token is refused (revoked mid-run). */
  tokenRevokedAfter?: number;
}

/** What the sandbox does with one request instead of (or before) answering it normally. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'timeout' }
  | { kind: 'truncated' }
  | { kind: 'html' };

const hits = (n: number, rule: { every: number } | undefined): boolean =>
  rule !== undefined && rule.every > 0 && n % rule.every === 0;

/** Decides the fate of each request from the fault configuration and its own counters. */
export class FaultPlan {
  #count = 0;
  #accepted: number[] = [];

  constructor(public faults: CountyFaults = {}) {}

  /** Whether the token has been revoked by now (`tokenRevokedAfter`). */
  get tokenRevoked(): boolean {
    const after = this.faults.tokenRevokedAfter;
    return after !== undefined && this.#count >= after;
  }

  /** The decision for the next request arriving at `now` (ms, monotonic). */
  next(now: number): FaultDecision {
    const limit = this.faults.rateLimit;
    if (limit) {
      while (this.#accepted.length > 0 && (this.#accepted[0] as number) <= now - limit.windowMs) {
        this.#accepted.shift();
      }
      if (this.#accepted.length >= limit.requests) {
        const wait = (this.#accepted[0] as number) + limit.windowMs - now;
        return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
      }
      this.#accepted.push(now);
    }
    this.#count += 1;
    const n = this.#count;
    const { serverErrors, tooManyRequests } = this.faults;
    if (
      serverErrors &&
      serverErrors.every > 0 &&
      (n - 1) % serverErrors.every >= serverErrors.every - serverErrors.burst
    ) {
      return { kind: 'server-error', status: serverErrors.status ?? 503 };
    }
    if (hits(n, tooManyRequests)) {
      return { kind: 'rate-limited', retryAfterSeconds: tooManyRequests?.retryAfterSeconds ?? 1 };
    }
    if (hits(n, this.faults.timeouts)) return { kind: 'timeout' };
    if (hits(n, this.faults.htmlBodies)) return { kind: 'html' };
    if (hits(n, this.faults.truncatedBodies)) return { kind: 'truncated' };
    return { kind: 'none' };
  }
}
