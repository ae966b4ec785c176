import { z } from 'zod';
import { calendarDateSchema, countSchema } from './common.js';

/** One tax year's valuation notice (`Valuations[]`); the county gives no land/improvement split. */
export const valuationSchema = z.object({
  taxYear: z.number().int().min(1900).describe('Tax year of the notice (TaxYear)'),
  fullCashValue: countSchema.nullable().describe('Full cash value in dollars (FullCashValue)'),
  limitedPropertyValue: countSchema
    .nullable()
    .describe('Limited property value in dollars, the taxable base (LimitedPropertyValue)'),
  assessedLimitedValue: countSchema
    .nullable()
    .describe('Assessed LPV: limited value times the assessment ratio (AssessedLPV)'),
  legalClassCode: z
    .string()
    .nullable()
    .describe(
      'Legal class code: 3.1 primary residence, 4.2 rental, 1.12, M mixed (LegalClassificationCode)',
    ),
  legalClass: z
    .string()
    .nullable()
    .describe('Legal class name, e.g. PRIMARY RESIDENCE (LegalClassification)'),
  assessmentRatio: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('Assessment ratio as a fraction, e.g. 0.1 (AssessmentRatioPercentage)'),
});
export type Valuation = z.output<typeof valuationSchema>;

/** The owner of record (`Owner`); personal fields are null when the county redacts them. */
export const ownerSchema = z.object({
  name: z.string().nullable().describe('Owner name (Ownership); null when redacted'),
  coOwners: z
    .string()
    .nullable()
    .describe('Other owners as the county lists them (ContoOwnership)'),
  inCareOf: z.string().nullable().describe('In care of (InCareOf)'),
  mailingAddress: z
    .string()
    .nullable()
    .describe('Full mailing address on one line (FullMailingAddress); null when redacted'),
  mailingCity: z.string().nullable().describe('Mailing city (MailingCity)'),
  mailingState: z.string().nullable().describe('Mailing state (MailingState)'),
  mailingZip: z.string().nullable().describe('Mailing ZIP as served (MailingZip); null for "0"'),
  mailingCountry: z.string().nullable().describe('Mailing country (MailingCountry)'),
  redacted: z
    .boolean()
    .describe(
      'True when the county withholds the owner (Redacted, or "NA" values with no Redacted key)',
    ),
});
export type Owner = z.output<typeof ownerSchema>;

/** The most recent recorded deed and sale (from `Owner`); sale dates have month precision only. */
export const lastSaleSchema = z.object({
  recordingNumber: z.string().nullable().describe('Recorder document number (MostCurrentDeed)'),
  deedDate: calendarDateSchema.nullable().describe('Date the deed was recorded (DeedDate)'),
  saleMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')
    .nullable()
    .describe('Month of the sale, YYYY-MM; the county gives no day (SaleDate)'),
  salePrice: countSchema.nullable().describe('Sale price in dollars (SalePrice)'),
  deedType: z.string().nullable().describe('Deed type code, e.g. WD, SD (DeedType)'),
});
export type LastSale = z.output<typeof lastSaleSchema>;

/** The rental registration (`RentalInformation`), present only for registered rentals. */
export const rentalRegistrationSchema = z.object({
  ownershipType: z
    .string()
    .nullable()
    .describe('Kind of owner, e.g. "Limited Liability Company (LLC)" (OwnershipType)'),
  ownerName: z.string().nullable().describe('Registered owner (OwnerName)'),
  agentName: z.string().nullable().describe('Statutory agent (AgentName)'),
  registeredOn: calendarDateSchema.nullable().describe('Registration date (DateRegistered)'),
  updatedOn: calendarDateSchema.nullable().describe('Last update of the registration (LastUpdate)'),
});
export type RentalRegistration = z.output<typeof rentalRegistrationSchema>;
