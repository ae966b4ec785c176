import { z } from 'zod';
import { databaseInput } from '../../../shared/db/database-input.js';
import { integerInput, stringInput } from '../../../shared/inputs.js';
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
} from '../../../shared/privacy/visibility.js';
import { SECRET_INPUTS, type SecretInput } from './secrets.js';

const requiredList = z.string().transform((value, ctx): SecretInput[] => {
  if (value === 'none') return [];
  const names = value.split(/[\s,]+/).filter((name) => name !== '');
  for (const name of names) {
    if ((SECRET_INPUTS as readonly string[]).includes(name)) continue;
    ctx.addIssue({
      code: 'custom',
      message: `'${name}' is not a secret input; expected some of ${SECRET_INPUTS.join(', ')}, or none`,
    });
    return z.NEVER;
  }
  return [...new Set(names as SecretInput[])];
});

/**
 * The inputs of `preflight`. Planning inputs (ZIPs, sources, mode, max-parcels) are plain strings
 * here and checked with the secrets and servers, so that every problem is reported in one run.
 */
export const preflightInputs = z.object({
  /** ZIP codes separated by commas, spaces or newlines; each a 5-digit Maricopa ZIP (85xxx). */
  zipCodes: stringInput(),
  /** Sources to collect: `county`, `mls` or both. */
  sources: stringInput({ default: 'county,mls' }),
  /** `incremental`, `full`, or `test` (full, 5 parcels per ZIP). */
  mode: stringInput({ default: 'incremental' }),
  /** Most parcels and listings per ZIP; 0 means all. */
  maxParcels: stringInput({ default: '0' }),
  /** MongoDB connection string (a secret). */
  mongodbUri: stringInput(),
  /** Database the stages use; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** Base URL of the county Assessor API. */
  countyApiUrl: stringInput({ default: 'https://mcassessor.maricopa.gov' }),
  /** The county Assessor API token (a secret). */
  countyApiToken: stringInput(),
  /** Base URL of the listing site. */
  listingSiteUrl: stringInput(),
  /** Proxies (a secret): URL lines or `webshare:<API key>`. */
  proxies: stringInput(),
  /** 2captcha API key (a secret). */
  captchaApiKey: stringInput(),
  /** Base URL of the 2captcha-protocol service. */
  captchaServiceUrl: stringInput({ default: 'https://2captcha.com' }),
  /** Base URL of the Ollama server; empty when the enrichment job starts its own. */
  ollamaHost: stringInput(),
  /** Ollama model the enrichment uses. */
  ollamaModel: stringInput({ default: 'llama3.2' }),
  /** SMTP server URL with credentials (a secret). */
  smtpUrl: stringInput(),
  /** Report recipients, separated by commas, spaces or newlines. */
  reportTo: stringInput(),
  /** Report sender (REPORT_FROM); empty sends from the SMTP login, which must be an address then. */
  reportFrom: stringInput(),
  /** Token for GitHub's REST API (a secret), to check that the repository has Issues turned on. */
  githubToken: stringInput(),
  /** `public`, `private`, or `auto` (the event payload says): who can download artifacts. */
  repositoryVisibility: repositoryVisibilityInput,
  /** The operator's opt-in to owner data in the clear in a public repository's artifacts. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** ARTIFACT_PASSPHRASE (a secret), only checked for being set. */
  artifactPassphrase: passphraseInput,
  /** Secret inputs that must be set (`none` for none); others are checked only when set. */
  required: stringInput({ default: 'mongodb-uri,county-api-token' }).pipe(requiredList),
  /** Seconds each check may take. */
  timeoutSeconds: integerInput({ default: 10, min: 1, max: 120 }),
});

/** Parsed inputs. */
export type PreflightInputs = z.output<typeof preflightInputs>;
