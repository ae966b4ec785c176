import { z } from 'zod';

/**
 * A US street address split into USPS parts, each upper case and standardised, null when the
 * source did not give it (nothing is inferred). Produced by `shared/normalize/address.ts`.
 */
export const addressPartsSchema = z.object({
  number: z.string().nullable().describe('House number as written, e.g. "3301"; null when absent'),
  predir: z
    .string()
    .nullable()
    .describe('Directional before the street name, abbreviated (N, S, E, W, NE, NW, SE, SW)'),
  street: z
    .string()
    .nullable()
    .describe('Street name without directionals or suffix, e.g. "67TH", "INDIAN SCHOOL"'),
  suffix: z
    .string()
    .nullable()
    .describe('USPS Publication 28 street suffix abbreviation, e.g. AVE, RD, ST'),
  postdir: z.string().nullable().describe('Directional after the suffix, abbreviated'),
  unit: z
    .string()
    .nullable()
    .describe(
      'Unit identifier alone ("12" for Apt 12, #12, Unit 12, Ste 12); written as UNIT <id> in keys',
    ),
  city: z.string().nullable().describe('City as written, upper case'),
  state: z.string().nullable().describe('Two-letter state abbreviation'),
  zip: z.string().nullable().describe('Five-digit ZIP (ZIP+4 is cut to ZIP5)'),
});
export type AddressParts = z.output<typeof addressPartsSchema>;

/** An address as a source gave it plus its normalised forms. */
export const normalizedAddressSchema = z.object({
  raw: z.string().describe('The address exactly as the source gave it'),
  line: z
    .string()
    .nullable()
    .describe('Normalised street line, e.g. "3301 N 67TH AVE UNIT 12"; null when no street'),
  parts: addressPartsSchema.describe('The address split into USPS parts'),
  key: z
    .string()
    .nullable()
    .describe(
      'Join key "<street line> <ZIP5>" that matches listings to parcels; null without number, street or ZIP',
    ),
});
export type NormalizedAddress = z.output<typeof normalizedAddressSchema>;
