import { zipGeography } from './geography.js';
import { ownerBody, residentialBody } from './parcel-blocks.js';
import type { SandboxParcel } from './parcel-facts.js';

/**
 * The county's JSON for a sandbox parcel, quirks included: numbers as strings but zeros as ints,
 * `[]` for an empty object, space-padded valuation strings, misspelled keys, "NA" owners without
 * the `Redacted` key, `Pool` false or an area, and no APN key in the parcel body.
 */

type Json = Record<string, unknown>;

const compact = (apn: string): string => apn.replace(/-/g, '');
const pad = (text: string, width: number): string => text.padEnd(width, ' ');

/** `PropertyAddress` in the 2025 style (`5123 W EARLL DR PHOENIX, AZ 85031`). */
export function propertyAddress(parcel: SandboxParcel): string {
  return `${parcel.street} PHOENIX, AZ ${parcel.zip}`;
}

/** The `Valuations` array, newest first; 2023-era notices pad the class name to 128. */
export function valuationsBody(parcel: SandboxParcel): Json[] {
  const rental = parcel.legalClassCode === '4.2';
  const className = rental ? 'RESIDENTIAL RENTAL' : 'PRIMARY RESIDENCE';
  return parcel.valuations.map((notice) => ({
    TaxYear: String(notice.taxYear),
    FullCashValue: String(notice.fullCashValue),
    LimitedPropertyValue: pad(String(notice.limitedPropertyValue), 12),
    LegalClassificationCode: pad(parcel.legalClassCode, 4),
    LegalClassification: notice.taxYear <= 2024 ? pad(className, 128) : className,
    AssessmentRatioPercentage: '0.1000',
    AssessedFCV: 'na',
    AssessedLPV: pad(String(Math.round(notice.limitedPropertyValue / 10)), 12),
    ValuationSource: 'Notice',
    PEPropUseDesc: 'Single Family Residence',
    PropertyUseCode: '0131',
    TaxAreaCode: zipGeography(parcel.zip).taxAreaCode,
    NoticeOfChangeIndc: 'N',
  }));
}

/** The scalar top-level fields (also what `/propertyinfo` serves: an inferred shape). */
export function propertyInfoBody(parcel: SandboxParcel): Json {
  const geo = zipGeography(parcel.zip);
  return {
    MCR: parcel.mcr,
    AssociatedParcels: [],
    MoreAssociatedParcelsExist: false,
    PropertyAddress: propertyAddress(parcel),
    PropertyDescription: `${parcel.subdivision} MCR ${parcel.mcr.slice(0, 3)}-${parcel.mcr.slice(3)}`,
    LotSize: String(parcel.lotSizeSqft),
    IsResidential: true,
    MapidExists: true,
    SectionTownshipRange: geo.sectionTownshipRange,
    AssessorMarket: '08',
    AreaNeighborhood: String(geo.avenues[0]).padStart(3, '0'),
    SubdivisionName: parcel.subdivision,
    Lot: parcel.lot,
    HighSchoolDistrict: 'PHOENIX UNION HIGH SCHOOL #210',
    ElementarySchoolDistrict: geo.elementaryDistrict,
    LocalJusidiction: 'PHOENIX',
    PropertyType: 'Residential',
    ParcelStatus: 'A',
    APL_flag: '1',
  };
}

function rentalBody(parcel: SandboxParcel): Json {
  return {
    ParcelNumber: compact(parcel.apn),
    SitusAddress: `${parcel.street} PHOENIX AZ ${parcel.zip}`,
    AccountNumber: '',
    OwnerBusinessEntity: parcel.ownerIsCompany ? parcel.ownerName : '',
    PropertyType: 'Single Family Residence',
    YearBuilt: String(parcel.constructionYear),
    OwnershipType: parcel.ownerIsCompany ? 'Limited Liability Company (LLC)' : 'Property Owner(s)',
    OwnerName: parcel.redacted ? 'NA' : parcel.ownerName,
    OwnerAddress: '   ',
    OwnerPhone: null,
    BusinessContactName: '',
    BusinessContactAddress: '',
    BusinessContactPhone: '',
    AgentName: parcel.ownerIsCompany ? 'CORPORATION SERVICE COMPANY' : '',
    AgentAddress: '',
    AgentPhone: '',
    DateRegistered: '07/16/2019',
    LastUpdate: '06/22/2021',
  };
}

function mapList(parcel: SandboxParcel): Json[] {
  const file = `${parcel.apn.slice(0, 6).replace('-', '')}0000`;
  return [
    {
      FileName: file,
      UpdateDate: '04-APR-17',
      Url: `https://mcassessor.maricopa.gov/getmapid/${file}/`,
    },
  ];
}

/** The whole `GET /parcel/{apn}` body, keys in the server's order. */
export function parcelBody(parcel: SandboxParcel): Json {
  const sale = parcel.lastSale;
  const fcv = String(parcel.valuations[0]?.fullCashValue ?? 0);
  const similar = [1, 2, 2, 3, 5].map((step) => ({
    Parcel: parcel.apn.replace(
      /\d{3}([A-Z]?)$/,
      String((Number(parcel.apn.slice(7, 10)) + step) % 1000).padStart(3, '0'),
    ),
    LandSize: String(parcel.lotSizeSqft),
    SalesPriceDate: `$${fcv} / ${step} -2025`,
    FullCashValue: fcv,
    LivableSqFootage: String(parcel.livingAreaSqft),
    ConstructionYear: String(parcel.constructionYear),
    PoolArea: step % 2 === 0 ? [] : '448',
    SitusAddress: parcel.street,
    ForeClosed: [],
  }));
  return {
    ...propertyInfoBody(parcel),
    Owner: ownerBody(parcel),
    Geo: { lat: null, long: null, address: propertyAddress(parcel) },
    Zoning: parcel.zoning ?? [],
    IsRental: parcel.isRental,
    ...(parcel.isRental ? { RentalInformation: rentalBody(parcel) } : {}),
    IsPending: false,
    McrTransitionUrl: `https://recorder.maricopa.gov/recording/map-results.html?book=${Number(parcel.mcr.slice(0, 3))}&page=${parcel.mcr.slice(3)}`,
    TreasurersTransitionUrl: `https://treasurer.maricopa.gov/parcel/default.aspx?Parcel=${compact(parcel.apn)}`,
    DeedTransitionUrl: `https://recorder.maricopa.gov/recording/document-details.html?recordingNumber=${parcel.redacted ? '' : (sale?.recordingNumber ?? '')}&suffix=`,
    IsCancelled: false,
    NumberOfParcelsInSubdivision: 250,
    IsCommercial: false,
    Improvements: [],
    Valuations: valuationsBody(parcel),
    TaxAreaCode: zipGeography(parcel.zip).taxAreaCode,
    PropertyUseCode: '0131',
    PEPropUseDesc: 'Single Family Residence',
    NumberOfParcelsInMCR: 0,
    NumberOfParcelsInSTR: 2655,
    ResidentialPropertyData: residentialBody(parcel),
    SimilarParcels: similar,
    Sketches: { TotalPages: 0, Pages: [] },
    MapIDs: {
      'Parcel Maps': mapList(parcel),
      'Subdivision Maps': [],
      'MCR Maps': mapList(parcel),
      'S/T/R Maps': [],
      'Book/Map Maps': mapList(parcel),
    },
  };
}
