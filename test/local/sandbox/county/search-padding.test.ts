import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountySandbox, type CountySandbox } from '../../../../local/sandbox/county/server.js';
import { ZipDirectory, type SearchRow } from '../../../../local/sandbox/county/search.js';

/** What a collector keeps of a ZIP search: the ZIP's residential rows (as collect-county filters). */
const kept = (zip: string) => (row: SearchRow) =>
  row.PropertyType === 'RESIDENTIAL' && row.SitusZip === zip;

function allRows(directory: ZipDirectory): SearchRow[] {
  const rows: SearchRow[] = [];
  for (let page = 1; ; page += 1) {
    const batch = directory.page(page);
    if (batch.length === 0) return rows;
    rows.push(...batch);
  }
}

describe('sandbox county search: padding with other rows', () => {
  it('keeps the default layout: one noise row after every 19 residential ones', () => {
    const directory = new ZipDirectory('pad', '85031', 2_000, 2026);
    const rows = allRows(directory);
    // The layout before the share was configurable: TOTAL = floor(n/19)*20 + n%19.
    expect(directory.total).toBe(Math.floor(2_000 / 19) * 20 + (2_000 % 19));
    expect(rows).toHaveLength(directory.total);
    const noise = rows.flatMap((row, position) => (kept('85031')(row) ? [] : [position]));
    expect(noise).toEqual(Array.from({ length: noise.length }, (_, block) => block * 20 + 19));
    for (const count of [0, 1, 18, 19, 20, 38, 60, 99_999]) {
      const sized = new ZipDirectory('pad', '85031', count, 2026);
      expect(sized.total).toBe(Math.floor(count / 19) * 20 + (count % 19));
    }
  });

  it('pads a realistic ZIP with a quarter of other rows, spread over every page, which filter out to exactly its parcels', () => {
    const directory = new ZipDirectory('pad', '85033', 12_000, 2026, 0.25);
    const rows = allRows(directory);
    expect(directory.total).toBe(16_000);
    expect(rows).toHaveLength(16_000);
    const residential = rows.filter(kept('85033'));
    expect(residential.map((row) => row.APN)).toEqual(
      Array.from({ length: 12_000 }, (_, index) => directory.parcel(index).apn.replace(/-/g, '')),
    );
    const others = rows.filter((row) => !kept('85033')(row));
    expect(others).toHaveLength(4_000);
    // Both kinds of noise: commercial parcels of the ZIP and homes of another ZIP.
    expect(others.filter((row) => row.PropertyType === 'COMMERCIAL')).toHaveLength(2_000);
    expect(others.filter((row) => row.SitusZip !== '85033')).toHaveLength(2_000);
    expect(new Set(others.map((row) => row.APN)).size).toBe(4_000);
    // Every page of 25 carries 6 or 7 of them: a collector pages through all of it.
    const perPage = Array.from(
      { length: 640 },
      (_, page) =>
        rows.slice(page * 25, page * 25 + 25).filter((row) => !kept('85033')(row)).length,
    );
    expect(new Set(perPage)).toEqual(new Set([6, 7]));
  });

  it('maps each residential parcel to its own row and back at any share', () => {
    for (const share of [0, 0.05, 0.2, 0.3, 0.333, 0.9]) {
      const directory = new ZipDirectory('pad', '85035', 700, 2026, share);
      const rows = allRows(directory);
      expect(rows.length).toBe(directory.total);
      expect(rows.filter((row) => !kept('85035')(row)).length / rows.length).toBeCloseTo(share, 2);
      for (const index of [0, 1, 2, 57, 698, 699]) {
        const row = directory.row(directory.positionOf(index));
        expect(row.APN).toBe(directory.parcel(index).apn.replace(/-/g, ''));
      }
    }
  });

  describe('served over HTTP', () => {
    let sandbox: CountySandbox;
    const json = async (path: string) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        headers: { AUTHORIZATION: sandbox.token },
      });
      return (await response.json()) as { TOTAL: number; Results: SearchRow[] };
    };

    beforeAll(async () => {
      sandbox = await startCountySandbox({
        seed: 'pad',
        parcelsPerZip: { '85033': 12_000 },
        parcelsElsewhere: 8_000,
        noiseShare: 0.25,
      });
    });
    afterAll(() => sandbox.close());

    it('serves the realistic TOTAL, padded pages, other ZIPs at their own size, and finds a parcel by APN', async () => {
      const first = await json('/search/property/?q=85033');
      expect(first.TOTAL).toBe(16_000);
      expect(first.Results.filter((row) => !kept('85033')(row)).length).toBeGreaterThanOrEqual(6);
      expect((await json('/search/property/?q=85033&page=640')).Results).toHaveLength(25);
      expect((await json('/search/property/?q=85033&page=641')).Results).toEqual([]);
      expect((await json('/search/property/?q=85099')).TOTAL).toBe(Math.floor(8_000 / 0.75));

      const last = sandbox.directory('85033').parcel(11_999);
      const found = await json(`/search/property/?q=${last.apn}`);
      expect(found.Results.map((row) => [row.APN, row.SitusZip, row.PropertyType])).toEqual([
        [last.apn.replace(/-/g, ''), '85033', 'RESIDENTIAL'],
      ]);
    });

    it('refuses a share it cannot serve, naming it', async () => {
      await expect(startCountySandbox({ noiseShare: 1 })).rejects.toThrow(
        /noiseShare 1: expected the share of search rows that are noise, from 0 to 0\.9/,
      );
    });
  });
});
