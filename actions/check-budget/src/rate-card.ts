import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../../../shared/errors.js';
import { USAGE_SERVICES, USAGE_UNITS } from '../../../shared/model/usage.js';
import defaultRateCardJson from '../../../config/rate-card.json' with { type: 'json' };

/** A price in dollars: a finite number of at least 0. */
const priceSchema = z
  .number({ error: 'expected a price in dollars (a number)' })
  .finite()
  .min(0, 'expected a price of at least 0');

/** Where a price comes from and when it was read; an assumption must say so here. */
const provenance = {
  source: z.string().min(1, 'expected where the price comes from'),
  date: z.iso.date('expected the date the price was read, YYYY-MM-DD'),
};

/** GitHub-hosted (or self-hosted) runners priced per started minute, matched by job label. */
const runnerRateSchema = z.strictObject({
  /** Name shown in the summary, e.g. `Linux 2-core`. */
  name: z.string().min(1),
  /** Job labels this rate applies to; a trailing `*` matches a prefix (`ubuntu-*`). */
  labels: z.array(z.string().min(1)).min(1),
  /** Dollars per minute, each job rounded up to the whole minute. */
  perMinute: priceSchema,
  ...provenance,
});

/** Metered consumption priced per `per` units of `unit`. */
const usagePriceSchema = z.strictObject({
  unit: z.enum(USAGE_UNITS),
  /** How many units `price` buys (1000 for "per 1,000 solves"). */
  per: z.number().positive().default(1),
  price: priceSchema,
  /**
   * False when the service is paid by a flat plan (its `monthly` entry) and this price is what the
   * consumption would cost on a metered plan: shown, not charged. Default true.
   */
  metered: z.boolean().default(true),
  ...provenance,
});

/** A flat monthly charge (a proxy plan, a database tier), counted once per month. */
const monthlyPriceSchema = z.strictObject({ price: priceSchema, ...provenance });

/** The versioned price list `check-budget` applies. */
export const rateCardSchema = z.strictObject({
  /** Version of the card, recorded with every ledger entry. */
  version: z.string().min(1),
  currency: z.literal('USD'),
  githubActions: z.strictObject({
    /** GitHub bills no minutes for jobs in public repositories on its standard runners. */
    publicRepositoryFree: z.boolean(),
    runners: z.array(runnerRateSchema).min(1),
    /** Rate (by name) for jobs whose labels match no runner entry. */
    defaultRunner: z.string().min(1),
  }),
  usage: z.partialRecord(z.enum(USAGE_SERVICES), usagePriceSchema),
  monthly: z.partialRecord(z.enum(USAGE_SERVICES), monthlyPriceSchema),
});

/** A parsed rate card. */
export type RateCard = z.output<typeof rateCardSchema>;
/** The price of one runner type. */
export type RunnerRate = RateCard['githubActions']['runners'][number];

/**
 * Validates a rate card; every problem names the entry (`usage.captcha.price`) and what was
 * expected. `origin` says where the card came from, for the message.
 */
export function parseRateCard(value: unknown, origin: string): RateCard {
  const result = rateCardSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(card)'}: ${issue.message}`,
    );
    throw new ConfigurationError(`input 'rate-card' (${origin}): ${problems.join('; ')}`);
  }
  const card = result.data;
  const { runners, defaultRunner } = card.githubActions;
  if (!runners.some((runner) => runner.name === defaultRunner)) {
    throw new ConfigurationError(
      `input 'rate-card' (${origin}): githubActions.defaultRunner: expected the name of a runner entry, got '${defaultRunner}'`,
    );
  }
  return card;
}

/**
 * The rate card from the `rate-card` input: empty for the default card in the repository,
 * text starting with `{` for an inline card, otherwise a path relative to `workspace`.
 */
export async function loadRateCard(input: string, workspace: string): Promise<RateCard> {
  if (input === '') return parseRateCard(defaultRateCardJson, 'config/rate-card.json');
  if (input.startsWith('{')) return parseRateCard(parseJson(input, 'inline JSON'), 'inline');
  const path = isAbsolute(input) ? input : resolve(workspace, input);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `input 'rate-card': expected a readable JSON file or inline JSON, cannot read ${path}`,
      { cause: error },
    );
  }
  return parseRateCard(parseJson(text, path), path);
}

function parseJson(text: string, origin: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigurationError(`input 'rate-card' (${origin}): expected JSON, ${String(error)}`);
  }
}
