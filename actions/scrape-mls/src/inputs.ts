import { z } from 'zod';
import { databaseInput } from '../../../shared/db/database-input.js';
import {
  booleanInput,
  choiceInput,
  decimalInput,
  dryRunInput,
  integerInput,
  listInput,
  mongodbUriInput,
  rateInput,
  stringInput,
} from '../../../shared/inputs.js';
import { artifactNameSchema } from '../../../shared/io/artifact-name.js';
import { DEFAULT_RENDERING, RENDERING_SETTINGS } from './rendering-plan.js';

/** The listing site the old system targeted; tests and the local runner point at the sandbox. */
export const LISTING_SITE_BASE = 'https://www.phoenixmlssearch.com';
/** 2captcha's classic API. */
export const CAPTCHA_SERVICE_BASE = 'https://2captcha.com';
/** The selectors file in this repository, relative to the workspace. */
export const DEFAULT_SELECTORS = 'config/selectors/listing-site.json';

const zip = z.string().regex(/^\d{5}$/, 'expected a 5-digit ZIP code such as 85031');
const httpUrl = (example: string) =>
  z.string().refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
    message: `expected an http(s) URL such as ${example}`,
  });

/** Inputs of scrape-mls (kebab-case in action.yml). */
export const scrapeMlsInputs = z.object({
  /** ZIP codes to scrape, one artifact each. */
  zipCodes: listInput(zip, { min: 1 }),
  /** Base URL of the listing site. */
  baseUrl: stringInput({ default: LISTING_SITE_BASE }).pipe(httpUrl(LISTING_SITE_BASE)),
  /** Path of the selectors file (JSON, with fallbacks). */
  selectors: stringInput({ default: DEFAULT_SELECTORS }),
  /** Most listing pages per ZIP; 0 = all. */
  maxListings: integerInput({ default: 0, min: 0 }),
  /** Browser contexts (sessions) working at once. */
  concurrency: integerInput({ default: 2, min: 1, max: 16 }),
  /**
   * Page loads per minute over all sessions; 0 = no cap. 16 keeps the 3.6 s between requests that
   * the blocking runbook asks for.
   */
  requestsPerMinute: integerInput({ default: 16, min: 0 }),
  /**
   * Minutes after which no new page is taken and every ZIP is uploaded with what it has
   * (`complete=false`); fractions allowed; 0 = no budget. Keep it inside the job's timeout.
   */
  timeBudgetMinutes: decimalInput({ default: 0, unit: 'of minutes' }),
  /** Proxies (a secret): URLs `http://user:pass@host:port`, or `webshare:<API key>`. */
  proxies: stringInput(),
  /** 2captcha API key (a secret); without it a CAPTCHA page is a failure. */
  captchaApiKey: stringInput(),
  /** Base URL of the 2captcha-protocol service. */
  captchaServiceUrl: stringInput({ default: CAPTCHA_SERVICE_BASE }).pipe(
    httpUrl(CAPTCHA_SERVICE_BASE),
  ),
  /**
   * How pages are loaded: `adaptive` learns per page type (browser first, plain HTTP once the
   * served HTML reads the same), `browser` always Chromium, `http` always plain HTTP (the browser
   * only to pass a CAPTCHA).
   */
  rendering: choiceInput(RENDERING_SETTINGS, 'adaptive').pipe(z.enum(RENDERING_SETTINGS)),
  /** Share of a type's HTTP pages also loaded in the browser to compare (0 to 1). */
  renderingRecheck: rateInput(DEFAULT_RENDERING.recheckShare),
  /** Chromium to run; default CHROMIUM_PATH, /usr/bin/chromium-headless-shell, /usr/bin/chromium, then Playwright's browser. */
  browserPath: stringInput(),
  /** The budget gate: false does nothing. */
  enabled: booleanInput(true),
  /** `artifact-name` of an earlier attempt whose listings are kept and not fetched again. */
  resumeFrom: stringInput().pipe(artifactNameSchema({ optional: true })),
  /** MongoDB holding the listing frontier (a secret); empty: search order, no frontier. */
  mongodbUri: mongodbUriInput,
  /** Database of the frontier; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Prefix of the artifacts: one per ZIP, `<artifact-name>-<zip>`. */
  artifactName: stringInput({ default: 'mls-listings' }).pipe(artifactNameSchema()),
  /** Share of the pages tried in this run that may fail before the run fails (0 to 1). */
  maxFailureRate: rateInput(0.25),
  /** Scrape and write locally, upload nothing. */
  /** Days GitHub keeps the artifacts: long enough for store-mongo and a re-run. */
  retentionDays: integerInput({ default: 7, min: 1, max: 90 }),
  dryRun: dryRunInput,
});

/** Parsed inputs. */
export type ScrapeMlsInputs = z.output<typeof scrapeMlsInputs>;
