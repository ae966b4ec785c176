import type { PageReading } from './page-script.js';
import type { QueuedRequest } from './request-queue.js';

/** The ways a page is loaded: in Chromium, or its served HTML over plain HTTP. */
export const RENDER_MODES = ['browser', 'http'] as const;
/** How one page is loaded: in Chromium, or its served HTML over plain HTTP. */
export type RenderMode = (typeof RENDER_MODES)[number];

/** A page type: search results or a listing's own page. */
export type PageType = QueuedRequest['kind'];

/** Values of the `rendering` input: learn per page type, or always one way. */
export const RENDERING_SETTINGS = ['adaptive', ...RENDER_MODES] as const;
/** The `rendering` input: learn per page type, or always one way. */
export type RenderingSetting = (typeof RENDERING_SETTINGS)[number];

/** How the adaptive choice learns. */
export interface RenderingPolicy {
  setting: RenderingSetting;
  /** Browser pages in a row whose served HTML read the same before a type moves to HTTP. */
  agreementsToSwitch: number;
  /** Share of a type's HTTP pages also loaded in the browser to compare (0 to 1). */
  recheckShare: number;
}

/**
 * Defaults: adaptive, 3 agreeing pages to switch, 1 HTTP page in 100 checked in the browser (a
 * browser page costs about what 10 to 20 HTTP pages do; a page type that starts needing its
 * script is caught at its first HTTP page anyway, by its incomplete reading).
 */
export const DEFAULT_RENDERING: RenderingPolicy = {
  setting: 'adaptive',
  agreementsToSwitch: 3,
  recheckShare: 0.01,
};

/** Why an HTTP reading cannot stand for the page. */
export type HttpShortfall = 'incomplete' | 'captcha' | 'blocked';

/** The plan for one page: how to load it, and whether to load it in the browser too, to compare. */
export interface PagePlan {
  mode: RenderMode;
  recheck: boolean;
}

/** What a page type has learned, as kept between nights. */
export interface LearnedMode {
  mode: RenderMode;
  agreements: number;
}

interface TypeState {
  mode: RenderMode;
  agreements: number;
  httpPages: number;
  switches: number;
}

/**
 * Decides, per page type, whether a page is loaded in the browser or over HTTP, the way an adaptive
 * crawler does: every type starts in the browser; a browser page is compared with what its own
 * served HTML reads (free: the same response); after `agreementsToSwitch` agreements in a row the
 * type moves to HTTP. On HTTP, every 1/`recheckShare`-th page is also loaded in the browser; a
 * disagreement, or an HTTP reading that is incomplete, moves the type back to the browser.
 * A CAPTCHA or block page goes to the browser for that page only.
 */
export class RenderingPlan {
  readonly #policy: RenderingPolicy;
  readonly #types = new Map<PageType, TypeState>();

  /** `learned`: where earlier nights left each page type (a type not named starts in the browser). */
  constructor(
    policy: RenderingPolicy = DEFAULT_RENDERING,
    learned: Partial<Record<PageType, LearnedMode>> = {},
  ) {
    if (
      !(policy.agreementsToSwitch >= 1) ||
      !(policy.recheckShare >= 0 && policy.recheckShare <= 1)
    )
      throw new RangeError(
        `rendering: expected agreementsToSwitch >= 1 and recheckShare in [0, 1], got ${policy.agreementsToSwitch} and ${policy.recheckShare}`,
      );
    this.#policy = policy;
    for (const [type, { mode, agreements }] of Object.entries(learned))
      this.#types.set(type as PageType, { mode, agreements, httpPages: 0, switches: 0 });
  }

  /** The `rendering` input: adaptive, or always one way. */
  get setting(): RenderingSetting {
    return this.#policy.setting;
  }

  /** How to load the next page of `type`. */
  planFor(type: PageType): PagePlan {
    const { setting, recheckShare } = this.#policy;
    if (setting !== 'adaptive') return { mode: setting, recheck: false };
    const state = this.#state(type);
    if (state.mode === 'browser') return { mode: 'browser', recheck: false };
    state.httpPages += 1;
    const every = recheckShare > 0 ? Math.max(1, Math.round(1 / recheckShare)) : 0;
    return { mode: 'http', recheck: every > 0 && state.httpPages % every === 0 };
  }

  /**
   * A page of `type` was read both ways (a browser page and its served HTML, or a recheck):
   * agreement moves the type towards HTTP, a difference sends it back to the browser.
   */
  compared(type: PageType, agreed: boolean): void {
    if (this.#policy.setting !== 'adaptive') return;
    const state = this.#state(type);
    if (!agreed) return this.#toBrowser(state);
    state.agreements += 1;
    if (state.mode === 'browser' && state.agreements >= this.#policy.agreementsToSwitch) {
      state.mode = 'http';
      state.switches += 1;
    }
  }

  /** An HTTP reading of `type` fell short: this page goes to the browser; an incomplete one moves the type back. */
  fellShort(type: PageType, why: HttpShortfall): void {
    if (why === 'incomplete' && this.#policy.setting === 'adaptive')
      this.#toBrowser(this.#state(type));
  }

  /** Each type's mode now and how often it changed, for the summary. */
  modes(): Partial<Record<PageType, { mode: RenderMode; switches: number }>> {
    return Object.fromEntries(
      [...this.#types].map(([type, state]) => [
        type,
        { mode: state.mode, switches: state.switches },
      ]),
    );
  }

  /** Where each page type stands now, to be kept for the next night. */
  learned(): Partial<Record<PageType, LearnedMode>> {
    return Object.fromEntries(
      [...this.#types].map(([type, { mode, agreements }]) => [type, { mode, agreements }]),
    );
  }

  #toBrowser(state: TypeState): void {
    state.agreements = 0;
    if (state.mode === 'http') {
      state.mode = 'browser';
      state.switches += 1;
    }
  }

  #state(type: PageType): TypeState {
    let state = this.#types.get(type);
    if (!state) {
      state = { mode: 'browser', agreements: 0, httpPages: 0, switches: 0 };
      this.#types.set(type, state);
    }
    return state;
  }
}

/**
 * Whether two readings of one page say the same for what the crawl uses of `type`: the listing
 * links and next page of a results page; the fields and JSON-LD of a listing page.
 */
export function readingsAgree(type: PageType, a: PageReading, b: PageReading): boolean {
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
  if (a.captchaSiteKey !== b.captchaSiteKey || a.blockPage !== b.blockPage) return false;
  if (type === 'search')
    return (
      same(a.listingLinks, b.listingLinks) &&
      a.nextPage === b.nextPage &&
      same(a.resultRows, b.resultRows)
    );
  return same(sorted(a.fields), sorted(b.fields)) && same(a.jsonLd, b.jsonLd);
}

function sorted(fields: PageReading['fields']): Array<[string, string | undefined]> {
  return Object.entries(fields).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Whether an HTTP reading of `type` has what the crawl needs without the browser: listing links
 * on a results page; on a listing page an MLS number, a price and an address (from the selectors
 * or from JSON-LD).
 */
export function httpReadingComplete(type: PageType, reading: PageReading): boolean {
  if (type === 'search') return reading.listingLinks.length > 0;
  const { fields } = reading;
  return (
    (fields.mlsNumber !== undefined &&
      fields.price !== undefined &&
      fields.address !== undefined) ||
    reading.jsonLd.length > 0
  );
}
