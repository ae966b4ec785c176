import { zipGeography } from './geography.js';
import type { SandboxParcel } from './parcel-facts.js';

/** The owner and residential blocks of a sandbox parcel, as the county serves them. */

type Json = Record<string, unknown>;

// PHP serialises a default 0 as an int and everything else as a string.
const countOrZero = (value: number): string | 0 => (value === 0 ? 0 : String(value));

/** The `Owner` object (also what `/owner-details` serves). */
export function ownerBody(parcel: SandboxParcel): Json {
  const sale = parcel.lastSale;
  const deed = {
    MostCurrentDeed: parcel.redacted ? null : (sale?.recordingNumber ?? null),
    DeedDate: parcel.redacted ? null : (sale?.deedDate ?? null),
    DeedType: parcel.redacted ? null : (sale?.deedType ?? null),
    SalePrice: sale ? String(sale.price) : null,
    SaleDate: sale ? `${sale.saleMonth.slice(5)}/01/${sale.saleMonth.slice(0, 4)}` : null,
  };
  const id = `${parcel.apn.replace(/\D/g, '').padEnd(8, '0')}-${parcel.index.toString(16).padStart(4, '0')}-4a1e-9c2b-5d3f7e1a0b6c`;
  if (parcel.redacted) {
    // Redacted owners lose the Redacted and DeedTypeID keys altogether (16 keys, not 18).
    return {
      OwnerID: id,
      Ownership: 'NA',
      InCareOf: '',
      ContoOwnership: '',
      MailingAddress1: 'NA',
      MailingAddress2: '',
      MailingCity: 'NA',
      MailingState: 'NA',
      MailingZip: '0',
      MailingCountry: 'NA',
      ...deed,
      FullMailingAddress: 'NA',
    };
  }
  const mail = parcel.mailing;
  return {
    OwnerID: id,
    Ownership: parcel.ownerName,
    InCareOf: null,
    ContoOwnership: '',
    MailingAddress1: mail.line,
    MailingAddress2: null,
    MailingCity: mail.city,
    MailingState: mail.state,
    MailingZip: mail.zip,
    MailingCountry: 'USA',
    ...deed,
    Redacted: false,
    FullMailingAddress: `${mail.line}, ${mail.city}, ${mail.state} ${mail.zip}`,
    DeedTypeID: null,
  };
}

/** `ResidentialPropertyData` (also what `/residential-details` serves). */
export function residentialBody(parcel: SandboxParcel): Json {
  const geo = zipGeography(parcel.zip);
  const { garageSpaces: garage, carportSpaces: carport } = parcel;
  const parkingType =
    garage > 0 && carport > 0
      ? 'Garage and Carport'
      : garage > 0
        ? 'Garage'
        : carport > 0
          ? 'Carport'
          : null;
  const patios = parcel.coveredPatios + parcel.uncoveredPatios;
  return {
    ConstructionYear: String(parcel.constructionYear),
    OriginalConstructionYear: String(parcel.constructionYear),
    LotSize: String(parcel.lotSizeSqft),
    LivableSpace: String(parcel.livingAreaSqft),
    Detached_Livable_sqft: null,
    AssessorMarket: '08',
    AreaNeighborhood: String(geo.avenues[0]).padStart(3, '0'),
    Pool: parcel.poolAreaSqft === null ? false : String(parcel.poolAreaSqft),
    PEImprovementQualityGrade: 'Comparable',
    ImprovementQualityGrade: parcel.qualityGrade,
    NumberOfCoveredPatios: countOrZero(parcel.coveredPatios),
    NumberOfUncoveredPatios: countOrZero(parcel.uncoveredPatios),
    NumberOfPatios: countOrZero(patios),
    PatioType: parcel.coveredPatios > 0 ? 'Covered' : parcel.uncoveredPatios > 0 ? 'Uncovered' : '',
    ExteriorWalls: parcel.exteriorWalls,
    RoofType: parcel.roofType,
    BathFixtures: countOrZero(parcel.bathFixtures),
    Cooling: 'RF - REFRIGERATION',
    Heating: 'Yes',
    NumberOfGarages: garage === 0 ? null : String(garage),
    NumberOfCarports: countOrZero(carport),
    ParkingDetails:
      parkingType === null
        ? []
        : { ParkingType: parkingType, ParkingCount: String(garage + carport) },
    LocationalFactors: parcel.locationalFactors.map((factor) => `${factor},`).join(''),
    OtherStructures: '',
    ParkingType: parkingType,
    CoveredParking: parkingType !== null,
    LocationalCharacteristics: parcel.locationalFactors[0] ?? '',
    PhysicalCondition: null,
  };
}
