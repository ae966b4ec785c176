import { z } from 'zod';
import {
  booleanInput,
  choiceInput,
  decimalInput,
  dryRunInput,
  integerInput,
  listInput,
  mongodbUriInput,
  stringInput,
} from '../../../shared/inputs.js';
import { artifactNameSchema } from '../../../shared/io/artifact-name.js';
import { databaseInput } from '../../../shared/db/database-input.js';

/** What happens to a property the model could not enrich. */
export const FALLBACKS = ['rules', 'skip', 'fail'] as const;
export type Fallback = (typeof FALLBACKS)[number];

const httpUrl = z.string().refine((value) => /^https?:\/\/[^\s/]+/.test(value), {
  message: 'expected an http(s) URL such as http://127.0.0.1:11434',
});

/** The inputs of `enrich-llm`; keys map to kebab-case input names. */
export const enrichInputsSchema = z.object({
  /** Stage artifacts to read: county-parcel, mls-listing, and earlier enrichment (a cache). */
  inputArtifacts: listInput(z.string().min(1), { min: 1 }),
  /** Base URL of the Ollama server. */
  ollamaHost: stringInput({ default: 'http://127.0.0.1:11434' }).pipe(httpUrl),
  /** Model name, with or without a tag (`llama3.2` means `llama3.2:latest`). */
  model: stringInput({ default: 'llama3.2' }).pipe(
    z.string().regex(/^[\w.\-/]+(:[\w.-]+)?$/, 'expected a model name such as llama3.2:latest'),
  ),
  /** Properties per prompt. */
  batchSize: integerInput({ default: 10, min: 1, max: 20 }),
  /** Prompts in flight at once. */
  concurrency: integerInput({ default: 1, min: 1, max: 8 }),
  /** Time allowed per property in a prompt; a call of 10 properties gets 10 times this. */
  timeoutSeconds: integerInput({ default: 30, min: 1, max: 600 }),
  /** Context window (`num_ctx`) asked of the model. */
  numCtx: integerInput({ default: 8192, min: 2048, max: 131_072 }),
  /** What a property the model could not enrich gets: rules, nothing, or a failed run. */
  fallback: choiceInput(FALLBACKS, 'rules').pipe(z.enum(FALLBACKS)),
  /** Whether to reuse and store extractions by input hash. */
  cache: booleanInput(true),
  /** MongoDB for the cache (collection `enrichment_cache`); without it the artifact chain is the cache. */
  mongodbUri: mongodbUriInput,
  /** Database of the cache; empty: the connection string's, else `phx_property`. */
  database: databaseInput,
  /** The budget gate: false means no model call; cache hits still count, rules do the rest. */
  enabled: booleanInput(true),
  /** Name of the enrichment artifact to upload. */
  artifactName: stringInput({ default: 'enrichment' }).pipe(artifactNameSchema()),
  /**
   * Minutes (decimals allowed) after which no new batch goes to the model; what it did not get to is
   * carried to the next night. 0: no limit.
   */
  timeBudgetMinutes: decimalInput({ default: 0, unit: 'of minutes' }),
  /** Write the stage folder but upload nothing and store nothing in the cache. */
  /** Days GitHub keeps the artifact: long enough for store-mongo and the next night's chain. */
  retentionDays: integerInput({ default: 7, min: 1, max: 90 }),
  dryRun: dryRunInput,
});

/** Parsed inputs. */
export type EnrichInputs = z.output<typeof enrichInputsSchema>;
