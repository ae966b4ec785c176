import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountyApi } from '../../../actions/collect-county/src/county-api.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { SandboxParcel } from '../../../local/sandbox/county/parcel-facts.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';

/** Real-shaped quirks, each found among the sandbox's generated parcels. */
const CASES: Array<
  [
    string,
    (parcel: SandboxParcel) => boolean,
    (parsed: CountyParcel, parcel: SandboxParcel) => void,
  ]
> = [
  [
    'redacted owner: "NA" values, MailingZip "0", no Redacted key; the sale survives',
    (parcel) => parcel.redacted && parcel.lastSale !== null,
    (parsed, parcel) => {
      expect(parsed.owner).toEqual({
        name: null,
        coOwners: null,
        inCareOf: null,
        mailingAddress: null,
        mailingCity: null,
        mailingState: null,
        mailingZip: null,
        mailingCountry: null,
        redacted: true,
      });
      expect(parsed.lastSale).toEqual({
        recordingNumber: null,
        deedDate: null,
        deedType: null,
        saleMonth: parcel.lastSale?.saleMonth,
        salePrice: parcel.lastSale?.price,
      });
    },
  ],
  [
    'pool served as its area in square feet',
    (parcel) => parcel.poolAreaSqft !== null,
    (parsed, parcel) =>
      expect([parsed.pool, parsed.poolAreaSqft]).toEqual([true, parcel.poolAreaSqft]),
  ],
  [
    'no pool served as false',
    (parcel) => parcel.poolAreaSqft === null,
    (parsed) => expect([parsed.pool, parsed.poolAreaSqft]).toEqual([false, null]),
  ],
  [
    'no parking: ParkingDetails [] and NumberOfCarports int 0',
    (parcel) => parcel.garageSpaces === 0 && parcel.carportSpaces === 0,
    (parsed) => {
      expect(parsed).toMatchObject({
        parkingType: null,
        parkingSpaces: null,
        garageSpaces: null,
        carportSpaces: 0,
        coveredParking: false,
      });
    },
  ],
  [
    'garage and carport together',
    (parcel) => parcel.garageSpaces > 0 && parcel.carportSpaces > 0,
    (parsed, parcel) =>
      expect(parsed).toMatchObject({
        parkingType: 'Garage and Carport',
        garageSpaces: parcel.garageSpaces,
        carportSpaces: parcel.carportSpaces,
        parkingSpaces: parcel.garageSpaces + parcel.carportSpaces,
      }),
  ],
  [
    'padded LPV and class strings, newest year first, AssessedFCV "na"',
    (parcel) => parcel.legalClassCode === '4.2',
    (parsed, parcel) => {
      expect(parsed.valuations).toHaveLength(5);
      expect(parsed.valuations[0]).toEqual({
        taxYear: 2026,
        fullCashValue: parcel.valuations[0]?.fullCashValue,
        limitedPropertyValue: parcel.valuations[0]?.limitedPropertyValue,
        assessedLimitedValue: Math.round((parcel.valuations[0]?.limitedPropertyValue ?? 0) / 10),
        legalClassCode: '4.2',
        legalClass: 'RESIDENTIAL RENTAL',
        assessmentRatio: 0.1,
      });
      // 2024 and older notices pad the class name to 128 characters.
      expect(parsed.valuations[3]?.legalClass).toBe('RESIDENTIAL RENTAL');
    },
  ],
  [
    'registered rental with RentalInformation',
    (parcel) => parcel.isRental && parcel.ownerIsCompany,
    (parsed, parcel) => {
      expect(parsed.isRental).toBe(true);
      expect(parsed.rental).toMatchObject({
        ownershipType: 'Limited Liability Company (LLC)',
        ownerName: parcel.ownerName,
        registeredOn: '2019-07-16',
      });
      expect(parsed.owner?.mailingZip).toBe(parcel.mailing.zip);
    },
  ],
  [
    'zoning served as [] when there is none',
    (parcel) => parcel.zoning === null,
    (parsed) => expect(parsed.zoning).toEqual([]),
  ],
  [
    'zeros as ints: no covered patio, "Corner," locational factor with its trailing comma',
    (parcel) =>
      parcel.coveredPatios === 0 &&
      parcel.uncoveredPatios === 0 &&
      parcel.locationalFactors[0] === 'Corner',
    (parsed) =>
      expect(parsed).toMatchObject({
        coveredPatios: 0,
        uncoveredPatios: 0,
        patios: 0,
        patioType: null,
        locationalFactors: ['Corner'],
      }),
  ],
];

describe('parcels served by the sandbox parse to the facts they were generated from', () => {
  let sandbox: CountySandbox;
  let api: CountyApi;
  const parcels: SandboxParcel[] = [];

  beforeAll(async () => {
    sandbox = await startCountySandbox({ parcelsPerZip: 400, seed: 'quirks' });
    api = new CountyApi({
      baseUrl: sandbox.url,
      token: sandbox.token,
      requestsPerHour: 0,
      logger: memoryLogger(),
    });
    for (let index = 0; index < 400; index += 1)
      parcels.push(sandbox.directory('85033').parcel(index));
  });
  afterAll(() => sandbox.close());

  it.each(CASES)('%s', async (_name, wanted, check) => {
    const parcel = parcels.find(wanted);
    if (parcel === undefined) throw new Error('the generator produced no such parcel');
    const parsed = await api.parcel(parcel.apn, '85033');
    expect(parsed).toMatchObject({
      apn: parcel.apn,
      zip: '85033',
      livingAreaSqft: parcel.livingAreaSqft,
      lotSizeSqft: parcel.lotSizeSqft,
      constructionYear: parcel.constructionYear,
      bathFixtures: parcel.bathFixtures,
      legalClassCode: parcel.legalClassCode,
      jurisdiction: 'PHOENIX',
      useCode: '0131',
      subdivision: parcel.subdivision,
    });
    expect(parsed.situs?.line).toBe(parcel.street);
    check(parsed, parcel);
    // The body is kept whole for replay, and it has no APN key, as served.
    expect(parsed.raw).not.toHaveProperty('APN');
    expect(parsed.raw).toHaveProperty('LocalJusidiction', 'PHOENIX');
  });
});
