import { describe, expect, it } from 'vitest';
import { sandboxParcel } from '../../../../local/sandbox/county/parcel-facts.js';
import { ZipDirectory } from '../../../../local/sandbox/county/search.js';

const share = <T>(items: T[], test: (item: T) => boolean): number =>
  items.filter(test).length / items.length;

describe('sandbox parcel generator', () => {
  const parcels = Array.from({ length: 2000 }, (_, index) => sandboxParcel('dist', '85031', index));

  it('makes west Phoenix homes: mostly 1950s-1980s, 900-2,000 sq ft on 5,000-9,000 sq ft lots', () => {
    expect(
      share(parcels, (p) => p.constructionYear >= 1950 && p.constructionYear <= 1989),
    ).toBeGreaterThan(0.85);
    expect(parcels.every((p) => p.livingAreaSqft >= 900 && p.livingAreaSqft <= 2000)).toBe(true);
    expect(parcels.every((p) => p.lotSizeSqft >= 5000 && p.lotSizeSqft <= 9000)).toBe(true);
    expect(share(parcels, (p) => p.poolAreaSqft !== null)).toBeGreaterThan(0.2);
    expect(share(parcels, (p) => p.poolAreaSqft !== null)).toBeLessThan(0.3);
    expect(share(parcels, (p) => p.garageSpaces >= 1 && p.garageSpaces <= 2)).toBeGreaterThan(0.4);
    expect(share(parcels, (p) => p.carportSpaces > 0)).toBeGreaterThan(0.25);
  });

  it('values them mostly at $220k-$380k with five years of history, primary homes and rentals, LLC and redacted owners', () => {
    expect(
      share(
        parcels,
        (p) =>
          (p.valuations[0]?.fullCashValue ?? 0) >= 220_000 &&
          (p.valuations[0]?.fullCashValue ?? 0) <= 380_000,
      ),
    ).toBeGreaterThan(0.85);
    expect(
      parcels.every(
        (p) => p.valuations.map((v) => v.taxYear).join() === '2026,2025,2024,2023,2022',
      ),
    ).toBe(true);
    expect(
      parcels.every(
        (p) => (p.valuations[4]?.fullCashValue ?? 0) < (p.valuations[0]?.fullCashValue ?? 0),
      ),
    ).toBe(true);
    expect(share(parcels, (p) => p.legalClassCode === '4.2')).toBeGreaterThan(0.25);
    expect(share(parcels, (p) => p.legalClassCode === '4.2')).toBeLessThan(0.45);
    expect(share(parcels, (p) => p.ownerName.endsWith(' LLC'))).toBeGreaterThan(0.05);
    expect(share(parcels, (p) => p.redacted)).toBeGreaterThan(0.03);
    expect(
      share(
        parcels,
        (p) =>
          p.lastSale !== null && /^\d{4}-\d{2}$/.test(p.lastSale.saleMonth) && p.lastSale.price > 0,
      ),
    ).toBeGreaterThan(0.85);
  });

  it('puts them on west Phoenix streets and subdivisions, each address once', () => {
    expect(parcels[0]?.street).toMatch(/^4\d{3} W [A-Z ]+ (DR|AVE|RD|ST|LN|BLVD)$/);
    expect(parcels.some((p) => / N \d+(ST|ND|RD|TH) AVE$/.test(p.street))).toBe(true);
    expect(new Set(parcels.map((p) => p.subdivision)).has('MARYVALE TERRACE NO. 25')).toBe(true);
    expect(new Set(parcels.map((p) => p.street)).size).toBeGreaterThan(1990);
    expect(new Set(parcels.map((p) => p.apn)).size).toBe(2000);
  });

  it('is the same for the same seed and serves 100k parcels a ZIP without holding them', () => {
    expect(sandboxParcel('dist', '85031', 77)).toEqual(parcels[77]);
    const directory = new ZipDirectory('big', '85033', 100_000, 2026);
    const lastPage = Math.ceil(directory.total / 25);
    const rows = directory.page(lastPage);
    expect(rows.length).toBeGreaterThan(0);
    expect(directory.page(lastPage + 1)).toEqual([]);
    const last = directory.parcel(99_999);
    expect(directory.lookup(last.apn)).toEqual(last);
    expect(directory.lookup(directory.parcel(100).apn)?.index).toBe(100);
  });
});
