import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../actions/scrape-mls/src/json-ld.js';
import { listingRecord } from '../../../actions/scrape-mls/src/listing-record.js';
import type { PageReading } from '../../../actions/scrape-mls/src/page-script.js';
import {
  parseArea,
  parseBaths,
  parseBedrooms,
  parseCount,
  parseDate,
  parseLot,
  parseMlsNumber,
  parsePrice,
  parseStatus,
  parseYear,
} from '../../../actions/scrape-mls/src/parse-values.js';
import { parseRobots, robotsAllow } from '../../../actions/scrape-mls/src/robots.js';
import { LISTING_FIELDS } from '../../../actions/scrape-mls/src/selectors.js';
import { normalizeAddress } from '../../../shared/normalize/address-key.js';
import { tryNormalizeApn } from '../../../shared/normalize/apn.js';
import { describeSlow, slowParses, type ParserUnderTest } from '../../support/linear-time.js';

const attempt = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return error;
  }
};

/** A listing page whose every field says `text`, but the address (read first) when `keepAddress`. */
function reading(text: string, keepAddress: boolean): PageReading {
  const fields = Object.fromEntries(LISTING_FIELDS.map((field) => [field, text]));
  if (keepAddress) Object.assign(fields, { address: '3301 N 67th Ave, Phoenix, AZ 85033' });
  return {
    captchaSiteKey: null,
    blockPage: false,
    listingLinks: [],
    resultRows: [],
    nextPage: null,
    fields,
    jsonLd: [],
  };
}

const page = { url: 'http://site/listing/1', html: '<html></html>', scrapedAt: new Date() };

const PARSERS: ParserUnderTest[] = [
  { name: 'parsePrice', parse: parsePrice, normal: 'Asking $389,900' },
  { name: 'parseCount', parse: parseCount, normal: '1,450 sq ft' },
  { name: 'parseBedrooms', parse: parseBedrooms, normal: '3 beds' },
  { name: 'parseBaths', parse: (text) => parseBaths(text), normal: '2 full, 1 half' },
  { name: 'parseBaths (half count)', parse: (text) => parseBaths('2', text), normal: '1' },
  { name: 'parseArea', parse: parseArea, normal: '1,450 SF' },
  { name: 'parseLot', parse: parseLot, normal: '0.17 acres' },
  { name: 'parseYear', parse: parseYear, normal: 'Built 1998' },
  { name: 'parseStatus', parse: parseStatus, normal: 'Under Contract - Taking Backups' },
  { name: 'parseDate', parse: parseDate, normal: 'Nov 2, 2026' },
  { name: 'parseMlsNumber', parse: parseMlsNumber, normal: 'MLS # 6912345' },
  {
    name: 'readJsonLd',
    parse: (text) =>
      readJsonLd([
        {
          '@type': 'RealEstateListing',
          identifier: text,
          datePosted: text,
          description: text,
          offers: { price: text },
          mainEntity: { address: text, numberOfBedrooms: text, floorSize: { value: text } },
        },
      ]),
    normal: '389900',
  },
  {
    name: 'listingRecord (every value field)',
    parse: (text) => attempt(() => listingRecord(reading(text, true), page)),
    normal: 'Active',
  },
  {
    name: 'listingRecord (address too)',
    parse: (text) => attempt(() => listingRecord(reading(text, false), page)),
    normal: 'Active',
  },
  {
    name: 'normalizeAddress',
    parse: (text) => attempt(() => normalizeAddress(text)),
    normal: '3301 N 67th Ave Unit 12, Phoenix, AZ 85033',
  },
  { name: 'tryNormalizeApn', parse: tryNormalizeApn, normal: '102-29-045A' },
  {
    name: 'robots.txt read and applied',
    parse: (text) =>
      robotsAllow(
        parseRobots(`User-agent: *\nDisallow: /${'*a'.repeat(12)}b\nDisallow: /${text}\n${text}`),
        `http://site/${text.slice(0, 5_000)}`,
      ),
    normal: 'admin/',
  },
];

describe('parsers of scraped text', { timeout: 120_000 }, () => {
  it('read long adversarial text in time linear in its length', () => {
    expect(describeSlow(slowParses(PARSERS))).toEqual([]);
  });

  it('keep reading what listing pages say', () => {
    expect(parsePrice('$1.5M')).toBe(1_500_000);
    expect(parsePrice(`$389,900${' '.repeat(5_000)}`)).toBe(389_900);
    expect(parseMlsNumber('MLS # 6912345')).toBe('6912345');
    expect(parseMlsNumber('MLS#: AZ-6912345 (ARMLS)')).toBe('AZ-6912345');
    expect(parseLot('12 lots, 0.5 acres')).toBe(21_780);
    expect(
      robotsAllow(parseRobots('User-agent: *\nDisallow: /*/print$'), 'http://s/a/b/print'),
    ).toBe(false);
    expect(
      robotsAllow(parseRobots('User-agent: *\nDisallow: /*/print$'), 'http://s/a/print/x'),
    ).toBe(true);
    expect(robotsAllow(parseRobots('User-agent: *\nDisallow: /a*b*c'), 'http://s/aXbYcZ')).toBe(
      false,
    );
    expect(robotsAllow(parseRobots('User-agent: *\nDisallow: /a*b*c'), 'http://s/aXcYb')).toBe(
      true,
    );
  });

  it('would report a pattern that rescans its input (the old MLS-number pattern)', () => {
    const old: ParserUnderTest = {
      name: 'old MLS-number pattern',
      parse: (text) => /[A-Za-z0-9-]*\d[A-Za-z0-9-]*/.exec(text),
      normal: 'MLS # 6912345',
    };
    expect(slowParses([old]).map((slow) => slow.parser)).toEqual(['old MLS-number pattern']);
  });
});
