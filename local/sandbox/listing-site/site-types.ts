import type { HostileOptions } from './hostile.js';
import type { ListingLayout, SandboxListing } from './listings.js';
import type { Rendering, RenderedKind } from './script-rendered.js';

/** Options of the sandbox listing site. */
export interface ListingSiteOptions {
  /** Seed shared with the county sandbox, so listings are for the same parcels. */
  seed?: string;
  /** Parcels per ZIP that may be listed (about half are on the market on a given day). */
  parcelsPerZip?: number;
  /** The market day, `YYYY-MM-DD`; default today (UTC). */
  date?: string;
  /** Requests per minute a client may make before getting 429; 0 = no cap. */
  requestsPerMinute?: number;
  /** `Retry-After` of the 429 page, in seconds (default 30). */
  retryAfterSeconds?: number;
  /** Client addresses (`X-Forwarded-For`, else the socket's) that get the 403 block page. */
  blockedClients?: string[];
  /** Paths robots.txt disallows for every user agent. */
  robotsDisallow?: string[];
  /** Listing pages that challenge a session with the CAPTCHA until it has passed one. */
  captcha?: {
    siteKey: string;
    verifyToken(token: string, siteKey: string): boolean;
    /** MLS numbers of the challenged listings, or a test of the MLS number. */
    listings: string[] | ((mlsNumber: string) => boolean);
  };
  /** Extra text on a listing page, by MLS number (e.g. a remark that says "verification"). */
  notices?: Record<string, string>;
  /** Serve every listing in this layout / with or without JSON-LD instead of the listing's own. */
  layout?: ListingLayout;
  jsonLd?: boolean;
  /**
   * How search and listing pages are delivered: `server` (the default: data in the served HTML)
   * or `script` (an empty page a script fills in, as a single-page app); listing pages also
   * `revised` (the served HTML shows a week-old copy of the listing, which a script replaces with
   * the current one). `?render=script` on a URL asks for one page that way. Change it mid-run with
   * `setRendering`.
   */
  rendering?: Partial<Record<RenderedKind, Rendering>>;
  /**
   * Serve a hostile site (see hostile.ts): off-site links and resources on the first result page,
   * an off-site next link on the last, a 200 kB adversarial description on the first listing of
   * each ZIP, a script that never yields on the second, and a redirect to another origin (the
   * site on a second port) from the third. Off by default.
   */
  hostile?: HostileOptions;
  /** An outage from the start; change it later with `setOutage`. */
  outage?: SiteOutage;
}

/** The site is down: pages of these kinds answer `status` with an error page. */
export interface SiteOutage {
  /** Default 503. */
  status?: number;
  /** Request kinds that fail (`search`, `listing`, `other`, ...); default every page but assets. */
  kinds?: string[];
}

/** One request the site answered. */
export interface SiteRequest {
  path: string;
  client: string;
  session: string;
  status: number;
  /** `listing`, `search`, `challenge`, `asset` or `other`. */
  kind: string;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** A running sandbox listing site. */
export interface ListingSite {
  url: string;
  /** The market day the site shows. */
  readonly date: string;
  /** Moves the site to another market day (a later night: new listings, price cuts). */
  setDate(date: string): void;
  requestLog: SiteRequest[];
  /** The listings of `zip` on the site's day, in the order search returns them. */
  listings(zip: string): SandboxListing[];
  /** Starts (or with null ends) an outage. */
  setOutage(outage: SiteOutage | null): void;
  /** Listing pages from now on answer after `ms` (0: at once), as a slow site does. */
  setListingDelay(ms: number): void;
  /** From now on delivers pages of `kind` rendered `how` (a site redesign mid-run). */
  setRendering(kind: RenderedKind, how: Rendering): void;
  close(): Promise<void>;
}
