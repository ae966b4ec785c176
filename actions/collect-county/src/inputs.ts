import { z } from 'zod';
import { databaseInput } from '../../../shared/db/database-input.js';
import {
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
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
} from '../../../shared/privacy/visibility.js';

/** The county's real API; tests and the local runner point `api-base-url` at the sandbox. */
export const COUNTY_API_BASE = 'https://mcassessor.maricopa.gov';

const zip = z.string().regex(/^\d{5}$/, 'expected a 5-digit ZIP code such as 85031');

/** Inputs of collect-county (kebab-case in action.yml). */
export const collectCountyInputs = z.object({
  /** ZIP codes to collect, one artifact each. */
  zipCodes: listInput(zip, { min: 1 }),
  /** Base URL of the county API. */
  apiBaseUrl: stringInput({ default: COUNTY_API_BASE }).refine(
    (url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol),
    { message: 'expected an http(s) URL such as https://mcassessor.maricopa.gov' },
  ),
  /** The Assessor API token (a secret). */
  apiToken: stringInput({ required: true }),
  /** `full` collects every parcel; `incremental` puts new and stale parcels first. */
  mode: choiceInput(['full', 'incremental'], 'incremental'),
  /** Most parcels to fetch per ZIP in this run; 0 = all. */
  maxParcels: integerInput({ default: 0, min: 0 }),
  /** Parcel requests in flight at once. */
  concurrency: integerInput({ default: 4, min: 1, max: 32 }),
  /**
   * Minutes after which no new parcel is taken and what was collected is uploaded as a partial
   * shard; 0 = no budget. Keep it inside the job's `timeout-minutes`.
   */
  timeBudgetMinutes: decimalInput({ default: 0, unit: 'of minutes' }),
  /** Requests per hour the collector allows itself; 0 = no limit. */
  requestsPerHour: integerInput({ default: 1000, min: 0 }),
  /**
   * Shards that use the same token at the same time (the matrix's `max-parallel`): each paces at
   * `requests-per-hour` ÷ this, so together they stay inside the token's limit.
   */
  shardsAtOnce: integerInput({ default: 1, min: 1, max: 64 }),
  /** A parcel refreshed within this many days counts as fresh in the coverage figures. */
  freshDays: integerInput({ default: 30, min: 1, max: 3650 }),
  /** Days after which a complete parcel index is searched again even if the county's TOTAL is unchanged. */
  indexMaxAgeDays: integerInput({ default: 30, min: 1, max: 3650 }),
  /** `artifact-name` of a previous run whose parcels to keep. */
  resumeFrom: stringInput().pipe(artifactNameSchema({ optional: true })),
  /** MongoDB with the `properties` collection, for incremental priorities (a secret). */
  mongodbUri: mongodbUriInput,
  /** Database holding `properties`; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Prefix of the artifacts: one per ZIP, `<artifact-name>-<zip>`. */
  artifactName: stringInput({ default: 'county-parcels' }).pipe(artifactNameSchema()),
  /** Days GitHub keeps the artifacts: long enough for store-mongo and a re-run. */
  retentionDays: integerInput({ default: 7, min: 1, max: 90 }),
  /** `public`, `private`, or `auto` (the event's `repository.private`). */
  repositoryVisibility: repositoryVisibilityInput,
  /** Opt-in: owner names and mailing addresses in the clear even in a public repository. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** Passphrase (a secret) sealing the owner fields in artifacts of a public repository. */
  artifactPassphrase: passphraseInput,
  /** Share of the parcels tried in this run that may fail before the run fails (0 to 1). */
  maxFailureRate: rateInput(0.25),
  /** Collect and write locally, but upload nothing. */
  dryRun: dryRunInput,
});

/** Parsed inputs. */
export type CollectCountyInputs = z.output<typeof collectCountyInputs>;
