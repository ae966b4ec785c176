import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../../shared/normalize/address.js';
import {
  addressKey,
  formatStreetLine,
  normalizeAddress,
  unmatchedListingKey,
} from '../../../shared/normalize/address-key.js';

describe('addressKey: spellings of one address share a key', () => {
  it.each([
    [
      '3301 N 67TH AVE UNIT 12 85033',
      [
        '3301 N 67th Avenue #12, Phoenix, AZ 85033',
        '3301 North 67th Ave., Apt. 12, Phoenix, Arizona 85033-4411',
        '3301 n. 67th ave # 12 phoenix az 85033',
        '3301 N 67TH AVE UNIT 12 PHOENIX, AZ 85033',
        '3301 N 67TH AVE 12 PHOENIX 85033',
        '3301 N 67th Ave, Suite 12,, Phoenix,, AZ, 85033',
      ],
    ],
    [
      '5110 W INDIAN SCHOOL RD 85031',
      [
        '5110 W Indian School Rd, Phoenix, AZ 85031',
        '5110 WEST INDIAN SCHOOL ROAD PHOENIX 85031',
        '5110 W. Indian School Rd., Phoenix AZ 85031-2210',
      ],
    ],
    [
      '2040 W THOMAS RD UNIT 104 85015',
      ['2040 W Thomas Road Unit 104, Phoenix, AZ 85015', '2040 W THOMAS RD #104 PHOENIX AZ 85015'],
    ],
  ])('%s', (key, spellings) => {
    for (const spelling of spellings) expect(addressKey(parseAddress(spelling))).toBe(key);
  });

  it('joins the county street-only form with its separate ZIP to a listing line', () => {
    const county = parseAddress('901 S SMITH RD UNIT 1070', { streetOnly: true, zip: '85281' });
    const listing = parseAddress('901 S Smith Road Apt 1070, Tempe, AZ 85281');
    expect(addressKey(county)).toBe('901 S SMITH RD UNIT 1070 85281');
    expect(addressKey(listing)).toBe(addressKey(county));
  });

  it.each([
    ['3301 N 67th Ave #12, Phoenix, AZ 85033', '3301 N 67th Ave #14, Phoenix, AZ 85033'],
    ['3301 N 67th Ave, Phoenix, AZ 85033', '3301 S 67th Ave, Phoenix, AZ 85033'],
    ['3301 N 67th Ave, Phoenix, AZ 85033', '3301 N 67th Dr, Phoenix, AZ 85033'],
    ['3301 N 67th Ave, Phoenix, AZ 85033', '3301 N 67th Ave, Phoenix, AZ 85035'],
  ])('%j and %j differ', (one, other) => {
    expect(addressKey(parseAddress(one))).not.toBe(addressKey(parseAddress(other)));
  });

  it.each([
    ['5110 W Indian School Rd, Phoenix, AZ'],
    ['W Indian School Rd, Phoenix, AZ 85031'],
    [''],
  ])('is null without a house number, street or ZIP: %j', (line) => {
    expect(addressKey(parseAddress(line))).toBeNull();
    expect(unmatchedListingKey(parseAddress(line))).toBeNull();
  });
});

describe('unmatchedListingKey, formatStreetLine, normalizeAddress', () => {
  it('prefixes the key with addr:', () => {
    expect(unmatchedListingKey(parseAddress('1122 S Smith Rd, Tempe, AZ 85281-1234'))).toBe(
      'addr:1122 S SMITH RD 85281',
    );
  });

  it('formats the street line without city or ZIP', () => {
    expect(formatStreetLine(parseAddress('123 Main St NW Rear, Phoenix, AZ 85001'))).toBe(
      '123 MAIN ST NW UNIT REAR',
    );
    expect(formatStreetLine(parseAddress(''))).toBeNull();
  });

  it('keeps the raw text beside its normalised forms', () => {
    expect(normalizeAddress('4600 N 68TH ST 371 SCOTTSDALE, AZ 85251')).toEqual({
      raw: '4600 N 68TH ST 371 SCOTTSDALE, AZ 85251',
      line: '4600 N 68TH ST UNIT 371',
      parts: {
        number: '4600',
        predir: 'N',
        street: '68TH',
        suffix: 'ST',
        postdir: null,
        unit: '371',
        city: 'SCOTTSDALE',
        state: 'AZ',
        zip: '85251',
      },
      key: '4600 N 68TH ST UNIT 371 85251',
    });
  });
});
