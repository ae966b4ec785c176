import { z } from 'zod';
import { normalizedAddressSchema } from './address.js';
import { apnSchema, countSchema, httpUrlSchema, timestampSchema, zip5Schema } from './common.js';
import {
  lastSaleSchema,
  ownerSchema,
  rentalRegistrationSchema,
  valuationSchema,
} from './county-parcel-parts.js';

/** Version of the `county-parcel` record; raise it on any change that breaks a reader. */
export const COUNTY_PARCEL_SCHEMA_VERSION = 1;

const text = (description: string) => z.string().nullable().describe(description);
const whole = (description: string) => countSchema.nullable().describe(description);

/**
 * One parcel from the Maricopa County Assessor (`GET /parcel/{apn}`), normalised, with the whole
 * response kept in `raw` for replay. The county has no bedrooms, bathroom count or stories; those
 * come from listings. Every field is null when the county did not give it.
 */
export const countyParcelSchema = z
  .object({
    schemaVersion: z.literal(COUNTY_PARCEL_SCHEMA_VERSION).describe('Version of this record shape'),
    apn: apnSchema.describe('Assessor parcel number, canonical (102-29-045A)'),
    zip: zip5Schema.nullable().describe('ZIP5 of the situs address, else the search row ZIP'),
    situs: normalizedAddressSchema
      .nullable()
      .describe('Situs address (PropertyAddress) as served and normalised'),
    jurisdiction: text('Local jurisdiction, e.g. PHOENIX (LocalJusidiction, misspelled as served)'),
    propertyType: text('Property type as served: Residential, Condo, Commercial (PropertyType)'),
    useCode: text('Four-digit property use code, e.g. 0131 (PropertyUseCode)'),
    useDescription: text('Property use, e.g. Single Family Residence (PEPropUseDesc)'),
    subdivision: text('Subdivision name (SubdivisionName)'),
    lot: text('Lot number in the subdivision (Lot)'),
    mcr: text('Maricopa County Recorder map book reference (MCR)'),
    legalDescription: text('Legal description (PropertyDescription)'),
    taxAreaCode: text('Tax area code (TaxAreaCode)'),
    zoning: z
      .array(z.string())
      .nullable()
      .describe(
        'Zoning codes, e.g. ["RL-5"] (Zoning: a string, or [] when none); null when absent',
      ),
    lotSizeSqft: whole('Lot area in square feet (LotSize)'),
    livingAreaSqft: whole('Livable area in square feet (LivableSpace); null on commercial parcels'),
    constructionYear: whole('Effective construction year (ConstructionYear)'),
    originalConstructionYear: whole('Original construction year (OriginalConstructionYear)'),
    pool: z.boolean().nullable().describe('Whether there is a pool (Pool is false or an area)'),
    poolAreaSqft: whole('Pool area in square feet (Pool); null without a pool'),
    garageSpaces: whole('Garage spaces (NumberOfGarages)'),
    carportSpaces: whole('Carport spaces (NumberOfCarports)'),
    parkingType: text('Parking, e.g. Garage, Garage and Carport (ParkingType)'),
    parkingSpaces: whole('Parking spaces (ParkingDetails.ParkingCount)'),
    coveredParking: z.boolean().nullable().describe('Whether parking is covered (CoveredParking)'),
    coveredPatios: whole('Covered patios (NumberOfCoveredPatios)'),
    uncoveredPatios: whole('Uncovered patios (NumberOfUncoveredPatios)'),
    patios: whole('Patios in all (NumberOfPatios)'),
    patioType: text('Patio type, e.g. Covered (PatioType)'),
    exteriorWalls: text('Exterior wall code and name, e.g. "Fs - Frame Stucco" (ExteriorWalls)'),
    roofType: text('Roof code and name, e.g. "Ct - Concrete Tile" (RoofType)'),
    cooling: text('Cooling, e.g. "RF - REFRIGERATION" (Cooling)'),
    heating: text('Heating (Heating)'),
    bathFixtures: whole('Plumbing fixtures in baths, NOT a bathroom count (BathFixtures)'),
    qualityGrade: text('Improvement quality grade, e.g. CLASS R3 (ImprovementQualityGrade)'),
    locationalFactors: z
      .array(z.string())
      .nullable()
      .describe('Location factors, e.g. ["Greenbelt", "Corner"]; [] when none (LocationalFactors)'),
    valuations: z
      .array(valuationSchema)
      .describe('Valuation notices, newest tax year first (Valuations)'),
    legalClassCode: text(
      'Legal class code of the newest tax year: 3.1 primary residence, 4.2 rental',
    ),
    legalClass: text('Legal class name of the newest tax year'),
    isRental: z
      .boolean()
      .nullable()
      .describe('Whether the parcel is a registered rental (IsRental)'),
    rental: rentalRegistrationSchema
      .nullable()
      .describe('Rental registration (RentalInformation); null when not a rental'),
    owner: ownerSchema.nullable().describe('Owner of record (Owner)'),
    lastSale: lastSaleSchema
      .nullable()
      .describe('Latest deed and sale (Owner deed fields); null when the county lists none'),
    collectedAt: timestampSchema.describe('When the response was received'),
    sourceUrl: httpUrlSchema.describe('URL the response came from'),
    raw: z
      .record(z.string(), z.unknown())
      .describe(
        'The whole API response, unchanged, for replay; without owner and rental contacts in an artifact of a public repository',
      ),
    personal: z
      .object({
        sealed: z
          .string()
          .nullable()
          .describe(
            'Owner, mailing address and rental contacts, AES-256-GCM sealed with the artifact passphrase; null when none was set',
          ),
      })
      .optional()
      .describe(
        'Present only in artifacts of a public repository: the personal fields above are null and held here instead (see docs/security.md)',
      ),
  })
  .meta({ title: 'CountyParcel' });

/** A normalised county parcel. */
export type CountyParcel = z.output<typeof countyParcelSchema>;
