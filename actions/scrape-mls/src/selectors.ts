import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';

/** One way to find a field: CSS (texts of several selectors joined), a label, or a count of matches. */
const strategySchema = z.union([
  z.object({
    /** A selector, or several whose texts are joined with ", " (street + locality). */
    css: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Read this attribute instead of the text. */
    attr: z.string().optional(),
    /** The value is the number of matching elements. */
    count: z.boolean().optional(),
  }),
  z.object({
    /** A label (`Beds`, `MLS ID`): the value beside a `dt`/`th`/label span, or after `Label:` in a list item. */
    label: z.string().min(1),
  }),
]);

/** The fields a listing page is read for; each has fallbacks tried in order. */
export const LISTING_FIELDS = [
  'address',
  'price',
  'status',
  'bedrooms',
  'baths',
  'halfBaths',
  'livingArea',
  'lotSize',
  'yearBuilt',
  'propertyType',
  'mlsNumber',
  'listedOn',
  'daysOnMarket',
  'description',
  'photoCount',
] as const;
/** A field of a listing page. */
export type ListingField = (typeof LISTING_FIELDS)[number];

const fallbacks = z.array(strategySchema).min(1);

/** The selectors file: how to search, read result pages and listing pages, and spot defences. */
export const selectorsSchema = z.object({
  version: z.literal(1),
  /** Search results of a ZIP, relative to the base URL; `{zip}` is replaced. */
  searchPath: z.string().includes('{zip}'),
  results: z.object({
    listingLink: z.array(z.string().min(1)).min(1),
    nextPage: z.array(z.string().min(1)).min(1),
    /** The result row around a listing link (its price and status are read inside it). */
    row: z.array(z.string().min(1)).min(1).default(['li.result', 'tr.result', '.result']),
    /** The price a result row shows, if any: a change puts the listing before unchanged ones. */
    price: z.array(z.string().min(1)).min(1).default(['.result-price', '.price']),
    /** The status a result row shows, if any. */
    status: z.array(z.string().min(1)).min(1).default(['.result-status', '.status']),
  }),
  listing: z.object(
    Object.fromEntries(LISTING_FIELDS.map((field) => [field, fallbacks])) as Record<
      ListingField,
      typeof fallbacks
    >,
  ),
  /** A CAPTCHA widget; a match with `data-sitekey` gives the site key. Words on a page never count. */
  captcha: z.array(z.string().min(1)).min(1),
  /** Elements only a block page has. */
  blockPage: z.array(z.string().min(1)).min(1),
});

/** A parsed selectors file. */
export type Selectors = z.output<typeof selectorsSchema>;

/** Reads and validates the selectors file; a bad file is a ConfigurationError naming the input. */
export async function loadSelectors(path: string): Promise<Selectors> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `input 'selectors': cannot read '${path}': ${errorMessage(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `input 'selectors': '${path}' is not JSON: ${errorMessage(error)}`,
    );
  }
  const result = selectorsSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigurationError(
    `input 'selectors': '${path}' at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`,
  );
}
