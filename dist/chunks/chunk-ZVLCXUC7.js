import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  normalizedAddressSchema
} from "./chunk-IOBXINTM.js";
import {
  apnSchema,
  calendarDateSchema,
  countSchema,
  httpUrlSchema,
  propertyKeySchema,
  sha256Schema,
  timestampSchema,
  zip5Schema
} from "./chunk-W4XHDAZ2.js";
import {
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/model/county-parcel-parts.ts
var valuationSchema = external_exports.object({
  taxYear: external_exports.number().int().min(1900).describe("Tax year of the notice (TaxYear)"),
  fullCashValue: countSchema.nullable().describe("Full cash value in dollars (FullCashValue)"),
  limitedPropertyValue: countSchema.nullable().describe("Limited property value in dollars, the taxable base (LimitedPropertyValue)"),
  assessedLimitedValue: countSchema.nullable().describe("Assessed LPV: limited value times the assessment ratio (AssessedLPV)"),
  legalClassCode: external_exports.string().nullable().describe(
    "Legal class code: 3.1 primary residence, 4.2 rental, 1.12, M mixed (LegalClassificationCode)"
  ),
  legalClass: external_exports.string().nullable().describe("Legal class name, e.g. PRIMARY RESIDENCE (LegalClassification)"),
  assessmentRatio: external_exports.number().min(0).max(1).nullable().describe("Assessment ratio as a fraction, e.g. 0.1 (AssessmentRatioPercentage)")
});
var ownerSchema = external_exports.object({
  name: external_exports.string().nullable().describe("Owner name (Ownership); null when redacted"),
  coOwners: external_exports.string().nullable().describe("Other owners as the county lists them (ContoOwnership)"),
  inCareOf: external_exports.string().nullable().describe("In care of (InCareOf)"),
  mailingAddress: external_exports.string().nullable().describe("Full mailing address on one line (FullMailingAddress); null when redacted"),
  mailingCity: external_exports.string().nullable().describe("Mailing city (MailingCity)"),
  mailingState: external_exports.string().nullable().describe("Mailing state (MailingState)"),
  mailingZip: external_exports.string().nullable().describe('Mailing ZIP as served (MailingZip); null for "0"'),
  mailingCountry: external_exports.string().nullable().describe("Mailing country (MailingCountry)"),
  redacted: external_exports.boolean().describe(
    'True when the county withholds the owner (Redacted, or "NA" values with no Redacted key)'
  )
});
var lastSaleSchema = external_exports.object({
  recordingNumber: external_exports.string().nullable().describe("Recorder document number (MostCurrentDeed)"),
  deedDate: calendarDateSchema.nullable().describe("Date the deed was recorded (DeedDate)"),
  saleMonth: external_exports.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM").nullable().describe("Month of the sale, YYYY-MM; the county gives no day (SaleDate)"),
  salePrice: countSchema.nullable().describe("Sale price in dollars (SalePrice)"),
  deedType: external_exports.string().nullable().describe("Deed type code, e.g. WD, SD (DeedType)")
});
var rentalRegistrationSchema = external_exports.object({
  ownershipType: external_exports.string().nullable().describe('Kind of owner, e.g. "Limited Liability Company (LLC)" (OwnershipType)'),
  ownerName: external_exports.string().nullable().describe("Registered owner (OwnerName)"),
  agentName: external_exports.string().nullable().describe("Statutory agent (AgentName)"),
  registeredOn: calendarDateSchema.nullable().describe("Registration date (DateRegistered)"),
  updatedOn: calendarDateSchema.nullable().describe("Last update of the registration (LastUpdate)")
});

// shared/model/county-parcel.ts
var COUNTY_PARCEL_SCHEMA_VERSION = 1;
var text = (description) => external_exports.string().nullable().describe(description);
var whole = (description) => countSchema.nullable().describe(description);
var countyParcelSchema = external_exports.object({
  schemaVersion: external_exports.literal(COUNTY_PARCEL_SCHEMA_VERSION).describe("Version of this record shape"),
  apn: apnSchema.describe("Assessor parcel number, canonical (102-29-045A)"),
  zip: zip5Schema.nullable().describe("ZIP5 of the situs address, else the search row ZIP"),
  situs: normalizedAddressSchema.nullable().describe("Situs address (PropertyAddress) as served and normalised"),
  jurisdiction: text("Local jurisdiction, e.g. PHOENIX (LocalJusidiction, misspelled as served)"),
  propertyType: text("Property type as served: Residential, Condo, Commercial (PropertyType)"),
  useCode: text("Four-digit property use code, e.g. 0131 (PropertyUseCode)"),
  useDescription: text("Property use, e.g. Single Family Residence (PEPropUseDesc)"),
  subdivision: text("Subdivision name (SubdivisionName)"),
  lot: text("Lot number in the subdivision (Lot)"),
  mcr: text("Maricopa County Recorder map book reference (MCR)"),
  legalDescription: text("Legal description (PropertyDescription)"),
  taxAreaCode: text("Tax area code (TaxAreaCode)"),
  zoning: external_exports.array(external_exports.string()).nullable().describe(
    'Zoning codes, e.g. ["RL-5"] (Zoning: a string, or [] when none); null when absent'
  ),
  lotSizeSqft: whole("Lot area in square feet (LotSize)"),
  livingAreaSqft: whole("Livable area in square feet (LivableSpace); null on commercial parcels"),
  constructionYear: whole("Effective construction year (ConstructionYear)"),
  originalConstructionYear: whole("Original construction year (OriginalConstructionYear)"),
  pool: external_exports.boolean().nullable().describe("Whether there is a pool (Pool is false or an area)"),
  poolAreaSqft: whole("Pool area in square feet (Pool); null without a pool"),
  garageSpaces: whole("Garage spaces (NumberOfGarages)"),
  carportSpaces: whole("Carport spaces (NumberOfCarports)"),
  parkingType: text("Parking, e.g. Garage, Garage and Carport (ParkingType)"),
  parkingSpaces: whole("Parking spaces (ParkingDetails.ParkingCount)"),
  coveredParking: external_exports.boolean().nullable().describe("Whether parking is covered (CoveredParking)"),
  coveredPatios: whole("Covered patios (NumberOfCoveredPatios)"),
  uncoveredPatios: whole("Uncovered patios (NumberOfUncoveredPatios)"),
  patios: whole("Patios in all (NumberOfPatios)"),
  patioType: text("Patio type, e.g. Covered (PatioType)"),
  exteriorWalls: text('Exterior wall code and name, e.g. "Fs - Frame Stucco" (ExteriorWalls)'),
  roofType: text('Roof code and name, e.g. "Ct - Concrete Tile" (RoofType)'),
  cooling: text('Cooling, e.g. "RF - REFRIGERATION" (Cooling)'),
  heating: text("Heating (Heating)"),
  bathFixtures: whole("Plumbing fixtures in baths, NOT a bathroom count (BathFixtures)"),
  qualityGrade: text("Improvement quality grade, e.g. CLASS R3 (ImprovementQualityGrade)"),
  locationalFactors: external_exports.array(external_exports.string()).nullable().describe('Location factors, e.g. ["Greenbelt", "Corner"]; [] when none (LocationalFactors)'),
  valuations: external_exports.array(valuationSchema).describe("Valuation notices, newest tax year first (Valuations)"),
  legalClassCode: text(
    "Legal class code of the newest tax year: 3.1 primary residence, 4.2 rental"
  ),
  legalClass: text("Legal class name of the newest tax year"),
  isRental: external_exports.boolean().nullable().describe("Whether the parcel is a registered rental (IsRental)"),
  rental: rentalRegistrationSchema.nullable().describe("Rental registration (RentalInformation); null when not a rental"),
  owner: ownerSchema.nullable().describe("Owner of record (Owner)"),
  lastSale: lastSaleSchema.nullable().describe("Latest deed and sale (Owner deed fields); null when the county lists none"),
  collectedAt: timestampSchema.describe("When the response was received"),
  sourceUrl: httpUrlSchema.describe("URL the response came from"),
  raw: external_exports.record(external_exports.string(), external_exports.unknown()).describe(
    "The whole API response, unchanged, for replay; without owner and rental contacts in an artifact of a public repository"
  ),
  personal: external_exports.object({
    sealed: external_exports.string().nullable().describe(
      "Owner, mailing address and rental contacts, AES-256-GCM sealed with the artifact passphrase; null when none was set"
    )
  }).optional().describe(
    "Present only in artifacts of a public repository: the personal fields above are null and held here instead (see docs/security.md)"
  )
}).meta({ title: "CountyParcel" });

// shared/model/enrichment.ts
var ENRICHMENT_SCHEMA_VERSION = 1;
var PROPERTY_SUBTYPES = [
  "single-family",
  "townhouse",
  "condo",
  "mobile-home",
  "multi-family",
  "land",
  "other"
];
var CONDITIONS = ["poor", "fair", "average", "good", "excellent"];
var ROOF_TYPES = ["tile", "shingle", "foam", "built-up", "metal", "other"];
var COOLING_TYPES = [
  "central-ac",
  "heat-pump",
  "evaporative",
  "mini-split",
  "none",
  "other"
];
var VIEWS = ["mountain", "city-lights", "golf-course", "park", "water", "other"];
var LOT_FEATURES = [
  "corner-lot",
  "cul-de-sac",
  "rv-gate",
  "rv-parking",
  "large-lot",
  "alley-access",
  "desert-landscaping",
  "grass",
  "mature-trees",
  "north-south-exposure",
  "fenced"
];
var ENRICHMENT_RANGES = {
  bedrooms: { min: 0, max: 20 },
  bathrooms: { min: 0, max: 20 },
  livingAreaSqft: { min: 400, max: 2e4 },
  garageSpaces: { min: 0, max: 20 },
  hoaMonthlyFee: { min: 0, max: 5e3 },
  renovationYear: { min: 1900 }
};
var R = ENRICHMENT_RANGES;
var yesNo = (description) => external_exports.boolean().nullable().describe(description);
var listingSignalsSchema = external_exports.object({
  priceReduced: external_exports.boolean().describe("The text says the price was reduced or dropped"),
  cashOnly: external_exports.boolean().describe("Cash offers only"),
  asIs: external_exports.boolean().describe("Sold as-is, no repairs"),
  investorSpecial: external_exports.boolean().describe("Fixer-upper, investor special, handyman special"),
  seniorCommunity: external_exports.boolean().describe("Age-restricted (55+) community")
});
var enrichmentFieldsSchema = external_exports.object({
  propertySubtype: external_exports.enum(PROPERTY_SUBTYPES).nullable().describe("Kind of property"),
  bedrooms: external_exports.number().int().min(R.bedrooms.min).max(R.bedrooms.max).nullable().describe("Bedrooms"),
  bathrooms: external_exports.number().min(R.bathrooms.min).max(R.bathrooms.max).multipleOf(0.25).nullable().describe("Bathrooms as a decimal, e.g. 2.5"),
  livingAreaSqft: external_exports.number().int().min(R.livingAreaSqft.min).max(R.livingAreaSqft.max).nullable().describe("Living area in square feet"),
  condition: external_exports.enum(CONDITIONS).nullable().describe("Overall condition as the text describes it"),
  renovated: yesNo("Whether the text says the home was renovated, remodelled or updated"),
  renovationYear: external_exports.number().int().min(R.renovationYear.min).nullable().describe("Year of the renovation or update, if stated"),
  stories: external_exports.number().int().min(1).max(10).nullable().describe("Number of stories (levels)"),
  pool: yesNo("Whether there is a private pool"),
  garageSpaces: external_exports.number().int().min(R.garageSpaces.min).max(R.garageSpaces.max).nullable().describe("Garage spaces (a 2-car garage is 2)"),
  hoa: yesNo("Whether a homeowners association applies"),
  hoaMonthlyFee: external_exports.number().min(R.hoaMonthlyFee.min).max(R.hoaMonthlyFee.max).nullable().describe("HOA fee per month in dollars"),
  roof: external_exports.enum(ROOF_TYPES).nullable().describe("Roof covering"),
  cooling: external_exports.enum(COOLING_TYPES).nullable().describe("How the home is cooled"),
  solar: yesNo("Whether the home has solar panels"),
  solarLeased: yesNo("Whether the solar panels are leased (null when not said or no solar)"),
  views: external_exports.array(external_exports.enum(VIEWS)).max(VIEWS.length).describe("Views the text names"),
  lotFeatures: external_exports.array(external_exports.enum(LOT_FEATURES)).max(LOT_FEATURES.length).describe("Lot features"),
  features: external_exports.array(external_exports.string().min(1).max(60)).max(30).describe('Notable features in a few words each, e.g. "solar panels", "rv gate"'),
  signals: listingSignalsSchema.describe("Listing signals"),
  summary: external_exports.string().min(1).max(300).nullable().describe("One or two neutral sentences about the property, no selling language")
});
var ENRICHMENT_FIELD_NAMES = enrichmentFieldsSchema.keyof().options;
var fieldConfidence = external_exports.number().min(0).max(1);
var fieldConfidenceSchema = external_exports.object(
  Object.fromEntries(
    ENRICHMENT_FIELD_NAMES.map((name) => [
      name,
      fieldConfidence.optional().describe(`Confidence in ${name}`)
    ])
  )
);
function enrichmentRangeProblems(fields, now = /* @__PURE__ */ new Date()) {
  const nextYear = now.getUTCFullYear() + 1;
  return fields.renovationYear !== null && fields.renovationYear > nextYear ? [`renovationYear ${fields.renovationYear} is above ${nextYear}`] : [];
}
var enrichmentObjectSchema = external_exports.object({
  schemaVersion: external_exports.literal(ENRICHMENT_SCHEMA_VERSION).describe("Version of this record shape"),
  key: propertyKeySchema.describe("Property the fields belong to: APN or addr:<address key>"),
  fields: enrichmentFieldsSchema.describe("Extracted fields"),
  fieldConfidence: fieldConfidenceSchema.describe("Confidence per extracted field, 0 to 1"),
  method: external_exports.enum(["llm", "rules"]).describe("llm: a language model; rules: the rules extractor"),
  model: external_exports.string().min(1).nullable().describe("Model name and tag for llm (llama3.2:latest); null for rules"),
  confidence: external_exports.number().min(0).max(1).describe("Extractor confidence, 0 to 1"),
  extractedAt: timestampSchema.describe("When the fields were extracted"),
  inputSha256: sha256Schema.describe(
    "SHA-256 of the extractor input with the model and prompt version; same input, same output (cache key)"
  )
});
var enrichmentSchema = enrichmentObjectSchema.refine((record) => record.method === "llm" === (record.model !== null), {
  message: "model is required for method llm and must be null for rules",
  path: ["model"]
}).meta({ title: "Enrichment" });

export {
  COUNTY_PARCEL_SCHEMA_VERSION,
  countyParcelSchema,
  ENRICHMENT_SCHEMA_VERSION,
  ENRICHMENT_RANGES,
  listingSignalsSchema,
  enrichmentFieldsSchema,
  ENRICHMENT_FIELD_NAMES,
  fieldConfidenceSchema,
  enrichmentRangeProblems,
  enrichmentObjectSchema,
  enrichmentSchema
};
