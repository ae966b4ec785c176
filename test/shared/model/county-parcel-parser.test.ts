import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../shared/errors.js';
import { parseCountyParcel } from '../../../shared/model/county-parcel-parser.js';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { validateRecord } from '../../../shared/model/validate.js';
import { parcelBody, withChanges } from './samples.js';

const residential = parcelBody('parcel-residential-pool');
const meta = {
  zip: '85031',
  collectedAt: '2025-01-31T10:00:00.000Z',
  sourceUrl: 'https://mcassessor.maricopa.gov/parcel/10229045A',
};

/** The residential fixture with `changes` (see `withChanges`), parsed as 102-29-045A. */
function parseChanged(changes: Record<string, unknown>): CountyParcel {
  return parseCountyParcel('102-29-045A', withChanges(residential, changes), meta);
}

describe('parseCountyParcel: fixtures shaped like GET /parcel/{apn}', () => {
  it.each<[string, string, Record<string, unknown>]>([
    [
      'parcel-residential-pool',
      '10229045a',
      {
        apn: '102-29-045A',
        zip: '85031',
        jurisdiction: 'PHOENIX',
        propertyType: 'Residential',
        useCode: '0131',
        subdivision: 'MARYVALE TERRACE NO. 25',
        zoning: ['R1-6'],
        lotSizeSqft: 6011,
        livingAreaSqft: 1364,
        constructionYear: 1972,
        pool: true,
        poolAreaSqft: 336,
        garageSpaces: 2,
        carportSpaces: 0,
        parkingType: 'Garage',
        parkingSpaces: 2,
        coveredPatios: 1,
        uncoveredPatios: 0,
        bathFixtures: 7,
        exteriorWalls: 'Fs - Frame Stucco',
        qualityGrade: 'CLASS R3',
        locationalFactors: ['Greenbelt'],
        legalClassCode: '3.1',
        legalClass: 'PRIMARY RESIDENCE',
        isRental: false,
        rental: null,
        lastSale: {
          recordingNumber: '20190794301',
          deedDate: '2019-10-11',
          saleMonth: '2019-09',
          salePrice: 288816,
          deedType: 'WD',
        },
      },
    ],
    [
      'parcel-redacted-owner',
      '102.33.112',
      {
        apn: '102-33-112',
        zip: '85033',
        propertyType: 'Condo',
        zoning: [],
        pool: false,
        poolAreaSqft: null,
        parkingSpaces: null,
        coveredPatios: 0,
        uncoveredPatios: 1,
        carportSpaces: 1,
        owner: {
          name: null,
          coOwners: null,
          inCareOf: null,
          mailingAddress: null,
          mailingCity: null,
          mailingState: null,
          mailingZip: null,
          mailingCountry: null,
          redacted: true,
        },
        lastSale: {
          recordingNumber: null,
          deedDate: null,
          saleMonth: '2021-03',
          salePrice: 245000,
          deedType: null,
        },
      },
    ],
    [
      'parcel-rental',
      '103-13-208',
      {
        apn: '103-13-208',
        isRental: true,
        legalClassCode: '4.2',
        legalClass: 'RESIDENTIAL RENTAL',
        locationalFactors: ['Corner', 'MajInter'],
        rental: {
          ownershipType: 'Limited Liability Company (LLC)',
          ownerName: 'PROGRESS RESIDENTIAL BORROWER 11 LLC',
          agentName: 'CORPORATION SERVICE COMPANY',
          registeredOn: '2019-07-16',
          updatedOn: '2021-06-22',
        },
        lastSale: {
          recordingNumber: '20210391057',
          deedDate: '2021-04-12',
          saleMonth: null,
          salePrice: null,
          deedType: 'SD',
        },
      },
    ],
    [
      'parcel-empty-parking',
      '104 58 019',
      {
        apn: '104-58-019',
        zip: '85015',
        zoning: null,
        livingAreaSqft: null,
        pool: false,
        garageSpaces: null,
        carportSpaces: 0,
        parkingType: null,
        parkingSpaces: null,
        coveredPatios: 0,
        patios: 0,
        patioType: null,
        roofType: null,
        cooling: null,
        bathFixtures: 0,
        locationalFactors: [],
        lastSale: null,
      },
    ],
  ])('%s', (fixture, apn, expected) => {
    const body = parcelBody(fixture);
    const parcel = parseCountyParcel(apn, body, meta);
    expect(parcel).toMatchObject(expected);
    expect(parcel.raw).toEqual(parcelBody(fixture));
    expect(validateRecord('county-parcel', parcel, fixture)).toEqual(parcel);
  });

  it('trims padded valuation strings and keeps the newest year first', () => {
    const parcel = parseChanged({
      Valuations: [...(residential.Valuations as unknown[])].reverse(),
    });
    expect(parcel.valuations.map((v) => v.taxYear)).toEqual([2024, 2023, 2022, 2021]);
    expect(parcel.valuations[0]).toEqual({
      taxYear: 2024,
      fullCashValue: 345000,
      limitedPropertyValue: 135279,
      assessedLimitedValue: 13527,
      legalClassCode: '3.1',
      legalClass: 'PRIMARY RESIDENCE',
      assessmentRatio: 0.1,
    });
    expect(parcel.legalClassCode).toBe('3.1');
  });

  it('normalises the situs address for joining', () => {
    expect(parseChanged({}).situs).toEqual({
      raw: '4827 W EARLL DR PHOENIX 85031',
      line: '4827 W EARLL DR',
      parts: expect.objectContaining({ city: 'PHOENIX', zip: '85031' }) as unknown,
      key: '4827 W EARLL DR 85031',
    });
  });
});

describe('parseCountyParcel: quirks', () => {
  const home = 'ResidentialPropertyData';
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['Pool false', { [`${home}.Pool`]: false }, { pool: false, poolAreaSqft: null }],
    ['Pool area " 507 "', { [`${home}.Pool`]: ' 507 ' }, { pool: true, poolAreaSqft: 507 }],
    ['Pool absent', { [`${home}.Pool`]: undefined }, { pool: null, poolAreaSqft: null }],
    [
      'no ResidentialPropertyData',
      { [home]: undefined },
      { livingAreaSqft: null, pool: null, bathFixtures: null, lotSizeSqft: 6011 },
    ],
    ['ResidentialPropertyData []', { [home]: [] }, { livingAreaSqft: null, coveredParking: null }],
    [
      'ParkingDetails []',
      { [`${home}.ParkingDetails`]: [] },
      { parkingSpaces: null, parkingType: 'Garage' },
    ],
    [
      'zeros as ints',
      {
        [`${home}.NumberOfCoveredPatios`]: 0,
        [`${home}.BathFixtures`]: 0,
        [`${home}.NumberOfGarages`]: 0,
      },
      { coveredPatios: 0, bathFixtures: 0, garageSpaces: 0 },
    ],
    ['construction year 0', { [`${home}.ConstructionYear`]: 0 }, { constructionYear: null }],
    ['LivableSpace as an int', { [`${home}.LivableSpace`]: 1650 }, { livingAreaSqft: 1650 }],
    ['Zoning "PAD"', { Zoning: 'PAD' }, { zoning: ['PAD'] }],
    ['Zoning ["RL-5", "PAD"]', { Zoning: ['RL-5', 'PAD'] }, { zoning: ['RL-5', 'PAD'] }],
    ['Zoning []', { Zoning: [] }, { zoning: [] }],
    ['Zoning absent', { Zoning: undefined }, { zoning: null }],
    [
      'SubdivisonName (misspelled) only',
      { SubdivisionName: undefined, SubdivisonName: 'ACOMA COURT' },
      { subdivision: 'ACOMA COURT' },
    ],
    [
      'PropertyAddress absent: Geo.address used',
      { PropertyAddress: undefined },
      { zip: '85031', situs: { line: '4827 W EARLL DR' } },
    ],
    [
      'no address at all: the search ZIP is kept, nothing invented',
      { PropertyAddress: undefined, 'Geo.address': '' },
      { situs: null, zip: '85031' },
    ],
    [
      'SalePrice "$288,816"',
      { 'Owner.SalePrice': '$288,816' },
      { lastSale: { salePrice: 288816 } },
    ],
    [
      'no Redacted key but a real owner',
      { 'Owner.Redacted': undefined },
      { owner: { name: 'GARCIA MARIA L', redacted: false } },
    ],
    ['Redacted: true', { 'Owner.Redacted': true }, { owner: { redacted: true } }],
    ['Owner []', { Owner: [] }, { owner: null, lastSale: null }],
    ['IsPending and unknown keys', { IsPending: true, Unexpected: { a: 1 } }, { isRental: false }],
    ['no Treasurer link', { TreasurersTransitionUrl: undefined }, { apn: '102-29-045A' }],
    ['Valuations []', { Valuations: [] }, { valuations: [], legalClassCode: null }],
  ])('%s', (_name, changes, expected) => {
    expect(parseChanged(changes)).toMatchObject(expected);
  });
});

describe('parseCountyParcel: errors name the APN and the field', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['an HTML page', '<html><body>Not found</body></html>'],
    ['an empty array', []],
    ['a search envelope', { Results: [], TOTAL: 0 }],
  ])('body is %s', (_name, body) => {
    const parse = () => parseCountyParcel('102-29-045A', body, meta);
    expect(parse).toThrow(NonRetryableError);
    expect(parse).toThrow('county parcel 102-29-045A: field body: expected a parcel object');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['Valuations', { Valuations: 'none' }, 'field Valuations: expected an array, got "none"'],
    [
      'Valuations[1].TaxYear',
      { 'Valuations.1.TaxYear': undefined },
      'field Valuations[1]: expected a tax year',
    ],
    [
      'LimitedPropertyValue',
      { 'Valuations.0.LimitedPropertyValue': '12a4' },
      'field Valuations[0].LimitedPropertyValue: expected a whole number, got "12a4"',
    ],
    [
      'LivableSpace',
      { 'ResidentialPropertyData.LivableSpace': 'large' },
      'field ResidentialPropertyData.LivableSpace: expected a whole number',
    ],
    [
      'Pool',
      { 'ResidentialPropertyData.Pool': 'yes' },
      'field ResidentialPropertyData.Pool: expected a whole number',
    ],
    ['Owner', { Owner: 'GARCIA' }, 'field Owner: expected an object, got "GARCIA"'],
    [
      'Owner.DeedDate',
      { 'Owner.DeedDate': 'last week' },
      'field Owner.DeedDate: expected a date MM/DD/YYYY',
    ],
    ['IsRental', { IsRental: 'maybe' }, 'field IsRental: expected true or false'],
    ['PropertyType', { PropertyType: { name: 'x' } }, 'field PropertyType: expected a string'],
    [
      'TreasurersTransitionUrl',
      {
        TreasurersTransitionUrl:
          'https://treasurer.maricopa.gov/parcel/default.aspx?Parcel=50179677',
      },
      'field TreasurersTransitionUrl: the body is for parcel 501-79-677',
    ],
  ])('%s', (_field, changes, message) => {
    expect(() => parseChanged(changes)).toThrow(NonRetryableError);
    expect(() => parseChanged(changes)).toThrow(`county parcel 102-29-045A: ${message}`);
  });

  it('rejects a bad APN argument', () => {
    expect(() => parseCountyParcel('102-29', parcelBody('parcel-rental'), meta)).toThrow(
      "invalid APN '102-29'",
    );
  });

  it('keeps raw exactly as the schema gives it, for a JSON body and for any other object', () => {
    const json = JSON.parse('{"__proto__": {"polluted": true}, "$where": "1"}') as object;
    const bodies: Array<Record<string, unknown>> = [
      parcelBody('parcel-rental'),
      { ...parcelBody('parcel-rental'), ...json },
      Object.assign(Object.create(null) as object, parcelBody('parcel-rental')),
      Object.defineProperty(parcelBody('parcel-rental'), 'hidden', { value: 1 }),
      { ...parcelBody('parcel-rental'), [Symbol('tag')]: 1 },
    ];
    for (const body of bodies) {
      const expected = countyParcelSchema.shape.raw.safeParse(body);
      if (!expected.success) {
        expect(() => parseCountyParcel('103-13-208', body, meta)).toThrow(
          'county parcel 103-13-208: raw',
        );
        continue;
      }
      const { raw } = parseCountyParcel('103-13-208', body, meta);
      expect(raw).not.toBe(body);
      expect(raw).toStrictEqual(expected.data);
      expect(Object.keys(raw)).toEqual(Object.keys(expected.data));
    }
  });

  it('rejects a bad collectedAt through the schema', () => {
    expect(() =>
      parseCountyParcel('103-13-208', parcelBody('parcel-rental'), { ...meta, collectedAt: 'now' }),
    ).toThrow('county parcel 103-13-208: collectedAt: Invalid ISO datetime');
  });
});
