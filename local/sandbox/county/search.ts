import { decodeApn, noiseApn } from './apn-plan.js';
import { zipGeography } from './geography.js';
import { SearchPadding } from './padding.js';
import { sandboxParcel, type SandboxParcel } from './parcel-facts.js';

/** Rows per search page, as the county serves them. */
export const PAGE_SIZE = 25;

/** One `Results` item of `/search/property/` (10 keys, the county's order and spelling). */
export interface SearchRow {
  MCR: string;
  SubdivisonName: string;
  SectionTownshipRange: string;
  APN: string;
  Ownership: string;
  SitusAddress: string;
  SitusCity: string;
  SitusZip: string;
  PropertyType: string;
  RentalID: null;
}

/** A neighbouring ZIP whose parcels a full-text ZIP search also hits (an owner mailing there). */
const neighbour = (zip: string): string => String((Number(zip) + 2) % 100000).padStart(5, '0');

/** Share of a ZIP search's rows that are noise unless configured: one row in 20. */
export const DEFAULT_NOISE_SHARE = 0.05;

/**
 * The rows a full-text search for `zip` returns: the ZIP's residential parcels in APN order, with
 * "noise" rows (a commercial parcel, or a parcel of another ZIP) spread evenly among them, which a
 * collector must page through and filter out: by default one after every 19 residential rows.
 * Rows are computed on demand, so 100k parcels cost no memory.
 */
export class ZipDirectory {
  readonly #padding: SearchPadding;

  /** `noiseShare`: the part of all rows that is noise (0 to 0.9). */
  constructor(
    readonly seed: string,
    readonly zip: string,
    readonly residentialCount: number,
    readonly latestTaxYear: number,
    noiseShare = DEFAULT_NOISE_SHARE,
  ) {
    this.#padding = new SearchPadding(noiseShare);
  }

  /** Rows in all, noise included (`TOTAL`). */
  get total(): number {
    return this.#padding.positionOf(this.residentialCount);
  }

  /** Position of residential parcel `index` in the full result list. */
  positionOf(index: number): number {
    return this.#padding.positionOf(index);
  }

  /** Residential parcel `index`. */
  parcel(index: number): SandboxParcel {
    return sandboxParcel(this.seed, this.zip, index, this.latestTaxYear);
  }

  /** The parcel behind a canonical APN, or null (noise rows and unknown APNs have no body here). */
  lookup(apn: string): SandboxParcel | null {
    const decoded = decodeApn(this.zip, apn);
    if (decoded?.kind !== 'residential' || decoded.index >= this.residentialCount) return null;
    return this.parcel(decoded.index);
  }

  /** Row at `position` of the full result list. */
  row(position: number): SearchRow {
    const noiseBefore = this.#padding.noiseBefore(position);
    if (this.#padding.isNoise(position)) return this.#noiseRow(noiseBefore);
    const parcel = this.parcel(position - noiseBefore);
    return this.#row(parcel.apn, parcel.subdivision, parcel, this.zip, 'RESIDENTIAL');
  }

  /** Page `page` (from 1) of the result list. */
  page(page: number): SearchRow[] {
    const rows: SearchRow[] = [];
    const end = Math.min(this.total, page * PAGE_SIZE);
    for (let position = (page - 1) * PAGE_SIZE; position < end; position += 1)
      rows.push(this.row(position));
    return rows;
  }

  #noiseRow(index: number): SearchRow {
    const commercial = index % 2 === 0;
    const owner = this.parcel(index);
    return this.#row(
      noiseApn(this.zip, index),
      commercial ? 'WESTRIDGE COMMERCIAL CENTER' : owner.subdivision,
      owner,
      commercial ? this.zip : neighbour(this.zip),
      commercial ? 'COMMERCIAL' : 'RESIDENTIAL',
    );
  }

  #row(
    apn: string,
    subdivision: string,
    parcel: SandboxParcel,
    zip: string,
    type: string,
  ): SearchRow {
    // Search spells the section-township-range without spaces ("192N2E").
    const str = zipGeography(this.zip).sectionTownshipRange.replace(/\s+/g, '');
    return {
      MCR: parcel.mcr,
      SubdivisonName: subdivision,
      SectionTownshipRange: str,
      APN: apn.replace(/-/g, ''),
      Ownership: parcel.redacted ? 'NA' : parcel.ownerName,
      SitusAddress: parcel.street,
      SitusCity: 'PHOENIX',
      SitusZip: zip,
      PropertyType: type,
      RentalID: null,
    };
  }
}
