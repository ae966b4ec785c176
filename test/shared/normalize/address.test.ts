import { describe, expect, it } from 'vitest';
import type { AddressParts } from '../../../shared/model/address.js';
import { normalizeCity, normalizeZip, parseAddress } from '../../../shared/normalize/address.js';

const none: AddressParts = {
  number: null,
  predir: null,
  street: null,
  suffix: null,
  postdir: null,
  unit: null,
  city: null,
  state: null,
  zip: null,
};
const parts = (given: Partial<AddressParts>): AddressParts => ({ ...none, ...given });

describe('parseAddress: one-line addresses', () => {
  it.each([
    [
      '5110 W Indian School Rd',
      parts({ number: '5110', predir: 'W', street: 'INDIAN SCHOOL', suffix: 'RD' }),
    ],
    [
      '3301 N 67th Avenue #12',
      parts({ number: '3301', predir: 'N', street: '67TH', suffix: 'AVE', unit: '12' }),
    ],
    [
      '2040 W Thomas Road Unit 104',
      parts({ number: '2040', predir: 'W', street: 'THOMAS', suffix: 'RD', unit: '104' }),
    ],
    [
      '4600 N 68TH ST 371 SCOTTSDALE, AZ 85251',
      parts({
        number: '4600',
        predir: 'N',
        street: '68TH',
        suffix: 'ST',
        unit: '371',
        city: 'SCOTTSDALE',
        state: 'AZ',
        zip: '85251',
      }),
    ],
    [
      '1122 S Smith Rd, Tempe, AZ 85281-1234',
      parts({
        number: '1122',
        predir: 'S',
        street: 'SMITH',
        suffix: 'RD',
        city: 'TEMPE',
        state: 'AZ',
        zip: '85281',
      }),
    ],
    [
      '15817 W LISBON LN SURPRISE 85379',
      parts({
        number: '15817',
        predir: 'W',
        street: 'LISBON',
        suffix: 'LN',
        city: 'SURPRISE',
        zip: '85379',
      }),
    ],
    [
      '301 W JEFFERSON ST PHOENIX, AZ 85003',
      parts({
        number: '301',
        predir: 'W',
        street: 'JEFFERSON',
        suffix: 'ST',
        city: 'PHOENIX',
        state: 'AZ',
        zip: '85003',
      }),
    ],
    [
      '3301 N. 67th Ave., Apt. #12,, Phoenix,, AZ 85033',
      parts({
        number: '3301',
        predir: 'N',
        street: '67TH',
        suffix: 'AVE',
        unit: '12',
        city: 'PHOENIX',
        state: 'AZ',
        zip: '85033',
      }),
    ],
    [
      '3301 n 67TH ave, #12, phoenix arizona 850331234',
      parts({
        number: '3301',
        predir: 'N',
        street: '67TH',
        suffix: 'AVE',
        unit: '12',
        city: 'PHOENIX',
        state: 'AZ',
        zip: '85033',
      }),
    ],
    [
      '  5110   West  Indian School  Road , Phoenix , AZ , 85031 ',
      parts({
        number: '5110',
        predir: 'W',
        street: 'INDIAN SCHOOL',
        suffix: 'RD',
        city: 'PHOENIX',
        state: 'AZ',
        zip: '85031',
      }),
    ],
    [
      '10401 W Coggins Dr Sun City AZ 85351',
      parts({
        number: '10401',
        predir: 'W',
        street: 'COGGINS',
        suffix: 'DR',
        city: 'SUN CITY',
        state: 'AZ',
        zip: '85351',
      }),
    ],
    [
      '19802 N Star Ridge Dr Sun City West 85375',
      parts({
        number: '19802',
        predir: 'N',
        street: 'STAR RIDGE',
        suffix: 'DR',
        city: 'SUN CITY WEST',
        zip: '85375',
      }),
    ],
    [
      '8801 N 43rd Ave Lot 12, Glendale, AZ 85302',
      parts({
        number: '8801',
        predir: 'N',
        street: '43RD',
        suffix: 'AVE',
        unit: '12',
        city: 'GLENDALE',
        state: 'AZ',
        zip: '85302',
      }),
    ],
    [
      '123 Main St Springfield IL 62701',
      parts({
        number: '123',
        street: 'MAIN',
        suffix: 'ST',
        city: 'SPRINGFIELD',
        state: 'IL',
        zip: '62701',
      }),
    ],
    [
      '1 N Central Avenue Suite 200, Phoenix AZ 85004',
      parts({
        number: '1',
        predir: 'N',
        street: 'CENTRAL',
        suffix: 'AVE',
        unit: '200',
        city: 'PHOENIX',
        state: 'AZ',
        zip: '85004',
      }),
    ],
    [
      '1 Avenue of the Americas, New York, NY 10020',
      parts({
        number: '1',
        street: 'AVENUE OF THE AMERICAS',
        city: 'NEW YORK',
        state: 'NY',
        zip: '10020',
      }),
    ],
  ])('%j', (line, expected) => {
    expect(parseAddress(line)).toEqual(expected);
  });
});

describe('parseAddress: street lines', () => {
  it.each([
    ['100 W Court St', parts({ number: '100', predir: 'W', street: 'COURT', suffix: 'ST' })],
    ['123 E North Ln', parts({ number: '123', predir: 'E', street: 'NORTH', suffix: 'LN' })],
    ['123 North St', parts({ number: '123', street: 'NORTH', suffix: 'ST' })],
    ['1200 N St NW', parts({ number: '1200', street: 'N', suffix: 'ST', postdir: 'NW' })],
    ['1 N Central Ave', parts({ number: '1', predir: 'N', street: 'CENTRAL', suffix: 'AVE' })],
    [
      '9 Northwest Grand Blvd',
      parts({ number: '9', predir: 'NW', street: 'GRAND', suffix: 'BLVD' }),
    ],
    ['123 Main St NW', parts({ number: '123', street: 'MAIN', suffix: 'ST', postdir: 'NW' })],
    ['1234 W Highway 60', parts({ number: '1234', predir: 'W', street: 'HWY 60' })],
    [
      '700 E Trail Ridge Trl',
      parts({ number: '700', predir: 'E', street: 'TRAIL RIDGE', suffix: 'TRL' }),
    ],
    ['23 Desert Cove Circle', parts({ number: '23', street: 'DESERT COVE', suffix: 'CIR' })],
    ['12 Vista View Pkwy', parts({ number: '12', street: 'VISTA VIEW', suffix: 'PKWY' })],
    ['5 Sunset Terrace', parts({ number: '5', street: 'SUNSET', suffix: 'TER' })],
    ['8 Palm Pl', parts({ number: '8', street: 'PALM', suffix: 'PL' })],
    ['16 Camino Way', parts({ number: '16', street: 'CAMINO', suffix: 'WAY' })],
    [
      '123 E Main St Rear',
      parts({ number: '123', predir: 'E', street: 'MAIN', suffix: 'ST', unit: 'REAR' }),
    ],
    [
      '901 S SMITH RD UNIT B-12',
      parts({ number: '901', predir: 'S', street: 'SMITH', suffix: 'RD', unit: 'B12' }),
    ],
    [
      '7 W Elm St Bldg 3 Apt 12',
      parts({ number: '7', predir: 'W', street: 'ELM', suffix: 'ST', unit: '3 12' }),
    ],
    ['12 Oak Ct Spc 40', parts({ number: '12', street: 'OAK', suffix: 'CT', unit: '40' })],
    ['1234 1/2 N 7th St', parts({ number: '1234 1/2', predir: 'N', street: '7TH', suffix: 'ST' })],
    ["33 O'Neil Dr", parts({ number: '33', street: 'ONEIL', suffix: 'DR' })],
    ['Indian School Rd', parts({ street: 'INDIAN SCHOOL', suffix: 'RD' })],
    ['', none],
  ])('%j', (line, expected) => {
    expect(parseAddress(line)).toEqual(expected);
  });

  it('treats a state-like suffix as the suffix when nothing follows', () => {
    expect(parseAddress('123 Oak Ct')).toEqual(
      parts({ number: '123', street: 'OAK', suffix: 'CT' }),
    );
  });
});

describe('parseAddress: county street-only SitusAddress with separate city and ZIP', () => {
  it.each([
    [
      '901 S SMITH RD UNIT 1070',
      { city: 'TEMPE', zip: '85281' },
      parts({
        number: '901',
        predir: 'S',
        street: 'SMITH',
        suffix: 'RD',
        unit: '1070',
        city: 'TEMPE',
        zip: '85281',
      }),
    ],
    [
      '9916 W TRUMBULL RD',
      { city: 'NO CITY', zip: '85353' },
      parts({ number: '9916', predir: 'W', street: 'TRUMBULL', suffix: 'RD', zip: '85353' }),
    ],
    [
      '15917 W CROCUS DR',
      {},
      parts({ number: '15917', predir: 'W', street: 'CROCUS', suffix: 'DR' }),
    ],
    [
      '6702 W MCDOWELL RD',
      { zip: '0' },
      parts({ number: '6702', predir: 'W', street: 'MCDOWELL', suffix: 'RD' }),
    ],
  ])('%j %j', (street, context, expected) => {
    expect(parseAddress(street, { ...context, streetOnly: true })).toEqual(expected);
  });

  it('prefers what the line says over the context', () => {
    const parsed = parseAddress('1122 S Smith Rd, Tempe, AZ 85281', { city: 'MESA', zip: '85201' });
    expect([parsed.city, parsed.zip]).toEqual(['TEMPE', '85281']);
  });

  it('never invents a ZIP or city', () => {
    const parsed = parseAddress('5110 W Indian School Rd');
    expect([parsed.city, parsed.state, parsed.zip]).toEqual([null, null, null]);
  });
});

describe('normalizeZip and normalizeCity', () => {
  it.each([
    ['85031', '85031'],
    ['85281-1234', '85281'],
    ['852811234', '85281'],
    [' 85033 ', '85033'],
    ['0', null],
    ['NA', null],
    ['8503', null],
    ['', null],
    [null, null],
  ])('zip %j -> %j', (input, zip) => {
    expect(normalizeZip(input)).toBe(zip);
  });

  it.each([
    ['Phoenix', 'PHOENIX'],
    [' sun  city west ', 'SUN CITY WEST'],
    ['NO CITY', null],
    ['', null],
    [undefined, null],
  ])('city %j -> %j', (input, city) => {
    expect(normalizeCity(input)).toBe(city);
  });
});
