import { createHash } from 'node:crypto';

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
  /**
   * A per-token limit the server enforces, as the county's (about 1,000 an hour): once `requests`
   * were accepted in the last `windowMs` (a sliding window), it answers 429 with `Retry-After` the
   * whole seconds until the oldest of them leaves the window. Only requests with the good token
   * count, and a 429 (this limit's or `tooManyRequests`') is not accepted, so it takes no slot.
   */
  rateLimit?: { requests: number; windowMs: number };
  /** After this many requests with the good token, the token is refused (revoked mid-run). */
  tokenRevokedAfter?: number;
  /**
   * An outage: after this many requests with the good token (counted from when these faults were
   * set, so a preflight's request can pass first), every request answers 503 with an HTML page.
   */
  outageAfter?: number;
  /**
   * Parcels the county cannot serve: every request for a parcel whose APN falls in this share
   * (chosen by a hash of the APN, so the same parcels every time) answers `status` (default 500).
   */
  brokenParcels?: { share: number; status?: number };
}

/** Whether `apn` is one of the `share` of parcels `brokenParcels` breaks: a stable hash of it. */
export function isBrokenParcel(apn: string, share: number): boolean {
  return createHash('sha256').update(apn).digest().readUInt32BE(0) / 0x1_0000_0000 < share;
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
  #countAtSet = 0;
  #accepted: number[] = [];
  #faults: CountyFaults;

  constructor(faults: CountyFaults = {}) {
    this.#faults = faults;
  }

  /** The faults in force; setting them starts `outageAfter`'s count afresh. */
  get faults(): CountyFaults {
    return this.#faults;
  }

  set faults(faults: CountyFaults) {
    this.#faults = faults;
    this.#countAtSet = this.#count;
  }

  /** Whether the token has been revoked by now (`tokenRevokedAfter`). */
  get tokenRevoked(): boolean {
    const after = this.faults.tokenRevokedAfter;
    return after !== undefined && this.#count >= after;
  }

  /** The decision for the next request arriving at `now` (ms, monotonic). */
  next(now: number): FaultDecision {
    const limit = this.faults.rateLimit;
    if (limit) {
      const waitMs = this.#limitWait(limit, now);
      // Seconds until the oldest accepted request leaves the window, rounded up: a client that
      // waits that long finds a free slot (unless another client takes it first).
      if (waitMs > 0) return { kind: 'rate-limited', retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
    this.#count += 1;
    const decision = this.#injected(this.#count);
    // A 429 is not an accepted request, so it takes no slot of the limit.
    if (limit && decision.kind !== 'rate-limited') this.#accepted.push(now);
    return decision;
  }

  /** How long a request arriving at `now` must wait for a slot of `limit` (0: none). */
  #limitWait(limit: { requests: number; windowMs: number }, now: number): number {
    while (this.#accepted.length > 0 && (this.#accepted[0] as number) <= now - limit.windowMs) {
      this.#accepted.shift();
    }
    const excess = this.#accepted.length - limit.requests;
    if (excess < 0) return 0;
    // After a lower limit is configured, more may be in the window than it allows; a limit of 0
    // requests lets none through.
    const freeing = this.#accepted[excess];
    return freeing === undefined ? limit.windowMs : freeing + limit.windowMs - now;
  }

  #injected(n: number): FaultDecision {
    const { serverErrors, tooManyRequests, outageAfter } = this.faults;
    if (outageAfter !== undefined && n - this.#countAtSet > outageAfter)
      return { kind: 'server-error', status: 503 };
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
