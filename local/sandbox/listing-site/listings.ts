import { seededRandom, type Random } from '../county/random.js';
import { sandboxParcel, type SandboxParcel } from '../county/parcel-facts.js';
import type { ListingStatus } from '../../../shared/model/mls-listing.js';
import { sandboxRemarks } from './remarks.js';

/** The page layouts the sandbox site uses, as real sites differ. */
export type ListingLayout = 'a' | 'b' | 'c';

/** One listing as the sandbox site shows it on a given day: the truth tests compare against. */
export interface SandboxListing {
  mlsNumber: string;
  zip: string;
  /** The county parcel the listing is for (same seed and index). */
  parcel: SandboxParcel;
  /** The street line written the way listings write it ("5123 West Earll Drive"). */
  streetLine: string;
  /** Unit as the page writes it ("Unit 203", "#203"), or null. */
  unit: string | null;
  listPrice: number;
  bedrooms: number;
  fullBaths: number;
  halfBaths: number;
  livingAreaSqft: number;
  lotSizeSqft: number;
  yearBuilt: number;
  propertyType: string;
  status: ListingStatus;
  listedOn: string;
  daysOnMarket: number;
  description: string;
  features: string[];
  photoCount: number;
  agent: string;
  office: string;
  layout: ListingLayout;
  /** Whether the page carries schema.org JSON-LD. */
  jsonLd: boolean;
}

const DAY_MS = 86_400_000;
const WORDS: Record<string, string> = {
  N: 'North',
  S: 'South',
  E: 'East',
  W: 'West',
  DR: 'Drive',
  AVE: 'Avenue',
  RD: 'Road',
  ST: 'Street',
  LN: 'Lane',
  BLVD: 'Boulevard',
};
const STATUSES: ListingStatus[] = ['Active', 'Active', 'Active', 'UCB', 'CCBS', 'Pending'];
const FEATURES = ['Pool', 'RV Gate', 'Covered Patio', 'Tile Floors', 'Ceiling Fans', 'Block Fence'];
const AGENTS = ['Maria Lopez', 'Dan Whitfield', 'Priya Raman', 'Tom Becker'];
const OFFICES = ['Desert Sun Realty', 'Valley Homes Group', 'Maryvale Realty LLC'];

/** A county street line as a listing writes it: words spelled out or not, title or upper case. */
function listingStreet(street: string, random: Random): string {
  const style = random.int(0, 2);
  if (style === 0) return street;
  const title = (word: string): string =>
    /^\d/.test(word) ? word.toLowerCase() : word.charAt(0) + word.slice(1).toLowerCase();
  return street
    .split(' ')
    .map((word) => (style === 1 ? (WORDS[word] ?? title(word)) : title(word)))
    .join(' ');
}

/** Day number (UTC) of an ISO date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/**
 * The listing of parcel `index` of `zip` on `date`, or null when it is not on the market that day.
 * Each parcel's listing cycles: it appears, cuts its price weekly, goes under contract, and
 * leaves the market, so consecutive days differ.
 */
export function sandboxListing(
  seed: string,
  zip: string,
  index: number,
  date: string,
): SandboxListing | null {
  const random = seededRandom(seed, 'listing', zip, index);
  const cycle = random.int(30, 90);
  const offset = random.int(0, cycle - 1);
  const day = dayNumber(date);
  const age = (day + offset) % cycle;
  const onMarketDays = Math.floor(cycle * 0.7);
  if (age >= onMarketDays) return null;
  const round = Math.floor((day + offset) / cycle);
  const parcel = sandboxParcel(seed, zip, index);
  const listed = new Date((day - age) * DAY_MS).toISOString().slice(0, 10);
  const base = (parcel.valuations[0]?.fullCashValue ?? 300_000) * (1.05 + random.next() * 0.3);
  const cuts = Math.floor(age / 7);
  const condo = random.chance(0.15);
  const unitNumber = condo ? random.int(101, 320) : null;
  const unit =
    unitNumber === null ? null : random.chance(0.5) ? `Unit ${unitNumber}` : `#${unitNumber}`;
  const bedrooms = random.int(2, 5);
  const fullBaths = random.int(1, 3);
  const features = FEATURES.filter(() => random.chance(0.4));
  return {
    mlsNumber: mlsNumberOf(zip, index, round),
    zip,
    parcel,
    streetLine: listingStreet(parcel.street, random),
    unit,
    listPrice: Math.round((base * 0.98 ** cuts) / 100) * 100,
    bedrooms,
    fullBaths,
    halfBaths: random.chance(0.3) ? 1 : 0,
    livingAreaSqft: parcel.livingAreaSqft,
    lotSizeSqft: parcel.lotSizeSqft,
    yearBuilt: parcel.constructionYear,
    propertyType: condo ? 'Condominium' : 'Single Family Residence',
    status: age < 21 ? 'Active' : random.pick(STATUSES),
    listedOn: listed,
    daysOnMarket: age,
    description: `${bedrooms} bedroom, ${fullBaths} bath home in ${parcel.subdivision.toLowerCase()}. ${features.join(', ') || 'Move-in ready'}.${sandboxRemarks(seed, zip, index, parcel)}`,
    features,
    photoCount: random.int(8, 40),
    agent: random.pick(AGENTS),
    office: random.pick(OFFICES),
    layout: random.pick(['a', 'b', 'c'] as const),
    jsonLd: random.chance(0.5),
  };
}

/** `6` + the ZIP's last two digits + the parcel index + the listing round: unique per listing. */
function mlsNumberOf(zip: string, index: number, round: number): string {
  return `6${zip.slice(3)}${String(index).padStart(5, '0')}${round % 10}`;
}

/** The ZIP suffix and parcel index encoded in a sandbox MLS number, or null. */
export function decodeMlsNumber(mls: string): { zipSuffix: string; index: number } | null {
  const match = /^6(\d{2})(\d{5})\d$/.exec(mls);
  return match ? { zipSuffix: match[1] as string, index: Number(match[2]) } : null;
}

/** Every listing of `zip` on `date` among the first `parcels` parcels, in index order. */
export function listingsOn(
  seed: string,
  zip: string,
  parcels: number,
  date: string,
): SandboxListing[] {
  const listings: SandboxListing[] = [];
  for (let index = 0; index < parcels; index += 1) {
    const listing = sandboxListing(seed, zip, index, date);
    if (listing) listings.push(listing);
  }
  return listings;
}
