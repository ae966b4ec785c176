import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountySandbox, type CountySandbox } from '../../../../local/sandbox/county/server.js';

/** Top-level keys of a real `/parcel/{apn}` body (2025 captures, with RentalInformation when a rental). */
const REAL_KEYS = [
  'MCR',
  'AssociatedParcels',
  'MoreAssociatedParcelsExist',
  'PropertyAddress',
  'PropertyDescription',
  'LotSize',
  'IsResidential',
  'MapidExists',
  'SectionTownshipRange',
  'AssessorMarket',
  'AreaNeighborhood',
  'SubdivisionName',
  'Lot',
  'HighSchoolDistrict',
  'ElementarySchoolDistrict',
  'LocalJusidiction',
  'PropertyType',
  'ParcelStatus',
  'APL_flag',
  'Owner',
  'Geo',
  'Zoning',
  'IsRental',
  'IsPending',
  'McrTransitionUrl',
  'TreasurersTransitionUrl',
  'DeedTransitionUrl',
  'IsCancelled',
  'NumberOfParcelsInSubdivision',
  'IsCommercial',
  'Improvements',
  'Valuations',
  'TaxAreaCode',
  'PropertyUseCode',
  'PEPropUseDesc',
  'NumberOfParcelsInMCR',
  'NumberOfParcelsInSTR',
  'ResidentialPropertyData',
  'SimilarParcels',
  'Sketches',
  'MapIDs',
];

describe('sandbox county API: endpoints and quirks', () => {
  let sandbox: CountySandbox;
  const get = (path: string, token: string | null = sandbox.token) =>
    fetch(`${sandbox.url}${path}`, { headers: token === null ? {} : { AUTHORIZATION: token } });
  const json = async (path: string) => (await (await get(path)).json()) as Record<string, unknown>;

  beforeAll(async () => {
    sandbox = await startCountySandbox({ parcelsPerZip: { '85031': 60 }, seed: 'api' });
  });
  afterAll(() => sandbox.close());

  it('pages a ZIP search 25 rows at a time with TOTAL, the short page last, then nothing', async () => {
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => json(`/search/property/?q=85031&page=${page}`)),
    );
    expect(pages.map((page) => page.TOTAL)).toEqual([63, 63, 63, 63]);
    expect(pages.map((page) => (page.Results as unknown[]).length)).toEqual([25, 25, 13, 0]);
    const row = (pages[0]?.Results as Array<Record<string, unknown>>)[0];
    expect(Object.keys(row ?? {})).toEqual([
      'MCR',
      'SubdivisonName',
      'SectionTownshipRange',
      'APN',
      'Ownership',
      'SitusAddress',
      'SitusCity',
      'SitusZip',
      'PropertyType',
      'RentalID',
    ]);
    expect(row).toMatchObject({
      APN: '10210000A',
      SectionTownshipRange: '192N2E',
      SitusCity: 'PHOENIX',
      SitusZip: '85031',
      PropertyType: 'RESIDENTIAL',
      RentalID: null,
    });
    const rows = pages.flatMap((page) => page.Results as Array<Record<string, unknown>>);
    // The full-text search also hits commercial parcels and parcels of another ZIP.
    expect(
      rows.filter((r) => r.PropertyType !== 'RESIDENTIAL' || r.SitusZip !== '85031'),
    ).toHaveLength(3);
  });

  it('serves the whole parcel for any spelling of its APN, without an APN key, slashes escaped', async () => {
    const spellings = ['102-10-001', '10210001', '102.10.001', '102 10 001', '102-10-001/'];
    const bodies = await Promise.all(
      spellings.map(async (apn) =>
        (await get(`/parcel/${encodeURIComponent(apn).replace('%2F', '/')}`)).text(),
      ),
    );
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain(
      '"TreasurersTransitionUrl":"https:\\/\\/treasurer.maricopa.gov\\/parcel\\/default.aspx?Parcel=10210001"',
    );
    const body = JSON.parse(bodies[0] as string) as Record<string, unknown>;
    expect(Object.keys(body).filter((key) => key !== 'RentalInformation')).toEqual(REAL_KEYS);
    const residential = body.ResidentialPropertyData as Record<string, unknown>;
    expect(typeof residential.LivableSpace).toBe('string');
    expect(residential.Pool === false || /^\d+$/.test(String(residential.Pool))).toBe(true);
    const valuation = (body.Valuations as Array<Record<string, unknown>>)[0];
    expect(valuation?.LimitedPropertyValue).toMatch(/^\d+ +$/);
    expect(String(valuation?.LimitedPropertyValue)).toHaveLength(12);
    expect(valuation?.AssessedFCV).toBe('na');
  });

  it('serves the sub-resources: valuations, residential details, owner, property info, address', async () => {
    const parcel = await json('/parcel/10210002');
    expect(await json('/parcel/102-10-002/valuations/')).toEqual(parcel.Valuations);
    expect(await json('/parcel/102-10-002/residential-details')).toEqual(
      parcel.ResidentialPropertyData,
    );
    expect(await json('/parcel/102-10-002/owner-details')).toEqual(parcel.Owner);
    expect(await json('/parcel/102-10-002/propertyinfo')).toMatchObject({
      PropertyAddress: parcel.PropertyAddress,
      LocalJusidiction: 'PHOENIX',
    });
    expect(await json('/parcel/102-10-002/address')).toEqual({
      PropertyAddress: parcel.PropertyAddress,
    });
    expect(await json('/parcel/999-99-999')).toEqual([]);
  });

  it('refuses a missing or wrong token with HTTP 500 text/html, and answers unknown paths 200 text/html', async () => {
    for (const [path, token, prefix] of [
      ['/search/property/?q=85031', null, 'search'],
      ['/parcel/10210001', 'wrong', 'parcel'],
    ] as const) {
      const response = await get(path, token);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(
        `[${prefix}]:Unauthorized access! Please contact support.`,
      );
    }
    const unknown = await get('/api/status');
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([
      200,
      'text/html; charset=UTF-8',
    ]);
    expect((await get('/search/property/?q=INVALID123!@%23')).status).toBe(500);
    expect(sandbox.requestLog.at(-1)).toMatchObject({
      endpoint: 'search',
      authorized: true,
      status: 500,
    });
  });

  it('is deterministic per seed', async () => {
    const other = await startCountySandbox({ seed: 'api', parcelsPerZip: 60 });
    const different = await startCountySandbox({ seed: 'other', parcelsPerZip: 60 });
    try {
      const text = async (box: CountySandbox) =>
        (
          await fetch(`${box.url}/parcel/10210007`, { headers: { AUTHORIZATION: box.token } })
        ).text();
      await json('/search/property/?q=85031');
      await fetch(`${other.url}/search/property/?q=85031`, {
        headers: { AUTHORIZATION: other.token },
      });
      await fetch(`${different.url}/search/property/?q=85031`, {
        headers: { AUTHORIZATION: different.token },
      });
      expect(await text(other)).toBe(await text(sandbox));
      expect(await text(different)).not.toBe(await text(sandbox));
    } finally {
      await other.close();
      await different.close();
    }
  });

  it('answers a repeated request with the same bytes, but not an APN served before its ZIP', async () => {
    const fresh = await startCountySandbox({ seed: 'api', parcelsPerZip: 60, cachedBodies: 2 });
    try {
      const answer = (path: string) =>
        fetch(`${fresh.url}${path}`, { headers: { AUTHORIZATION: fresh.token } });
      // Until its ZIP is searched the county knows no such parcel: PHP's empty array.
      expect(await (await answer('/parcel/10210007')).text()).toBe('[]');
      await answer('/search/property/?q=85031');
      const first = await answer('/parcel/10210007');
      expect(first.headers.get('content-length')).toBe(String((await first.clone().text()).length));
      const body = await first.text();
      expect(JSON.parse(body)).toHaveProperty('MCR');
      expect(await (await answer('/parcel/10210007')).text()).toBe(body);
      // Past its capacity the cache forgets the oldest; the body served is still the same.
      await answer('/parcel/10210008');
      await answer('/parcel/10210009');
      expect(await (await answer('/parcel/10210007')).text()).toBe(body);
    } finally {
      await fresh.close();
    }
  });
});
