import type { CountyFaults } from './faults.js';
import type { SandboxParcel } from './parcel-facts.js';
import type { ZipDirectory } from './search.js';

/** How to run the sandbox county API. */
export interface CountySandboxOptions {
  /** Seed of the parcel generator; the same seed serves the same parcels. Default `phx`. */
  seed?: string;
  /** The token the `AUTHORIZATION` header must carry. Default: a random one. */
  token?: string;
  /**
   * Residential parcels per ZIP: one number for all, or per ZIP (others get `parcelsElsewhere`).
   * Default 300.
   */
  parcelsPerZip?: number | Record<string, number>;
  /** Residential parcels of a ZIP that a per-ZIP `parcelsPerZip` leaves out. Default 300. */
  parcelsElsewhere?: number;
  /**
   * Share of a ZIP search's rows that are noise (commercial parcels and parcels of another ZIP, as
   * the real full-text search returns), 0 to 0.9. Default 0.05: one row in 20. The real search is
   * nearer 0.25.
   */
  noiseShare?: number;
  /** Newest tax year of the valuation notices. Default 2026. */
  latestTaxYear?: number;
  /** Faults to inject; change them later with `setFaults`. */
  faults?: CountyFaults;
  /** JSON bodies kept to answer repeated requests without generating them again. Default 4096. */
  cachedBodies?: number;
  /** Keep a log of every request (default true; a benchmark of 100k parcels may turn it off). */
  logRequests?: boolean;
}

/** One request as the sandbox saw and answered it. */
export interface CountyRequest {
  /** Path and query string. */
  url: string;
  path: string;
  endpoint: 'search' | 'parcel' | null;
  /** Whether the `AUTHORIZATION` header carried the right token. */
  authorized: boolean;
  /** Status sent, or 0 for a request left unanswered (timeout fault). */
  status: number;
  /** The fault injected, if any. */
  fault: string | null;
  /** `performance.now()` when the request arrived (the test's clock). */
  at: number;
}

/** A running sandbox county API on 127.0.0.1. */
export interface CountySandbox {
  /** Base URL, `http://127.0.0.1:<port>`, to use as `api-base-url`. */
  url: string;
  /** The token it accepts. */
  token: string;
  /** Every request so far, in arrival order. */
  requestLog: CountyRequest[];
  /** Replaces the fault configuration (counters keep running). */
  setFaults(faults: CountyFaults): void;
  /** The ZIP's rows and parcels, as the server serves them. */
  directory(zip: string): ZipDirectory;
  /** The parcel behind an APN among the ZIPs served so far. */
  parcel(apn: string): SandboxParcel | null;
  /** Stops the server, unanswered requests included. */
  close(): Promise<void>;
}
