/** Listing facts from schema.org JSON-LD (`RealEstateListing` with an `Offer` and a residence). */
export interface JsonLdListing {
  price: number | null;
  address: string | null;
  bedrooms: number | null;
  fullBaths: number | null;
  halfBaths: number | null;
  totalBaths: number | null;
  livingAreaSqft: number | null;
  yearBuilt: number | null;
  listedOn: string | null;
  mlsNumber: string | null;
  description: string | null;
}

type Json = Record<string, unknown>;
const SQFT_PER_SQM = 10.7639;

const object = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const number = (value: unknown): number | null => {
  const parsed = typeof value === 'string' ? Number(value.replace(/[$,]/g, '')) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= 0 ? parsed : null;
};
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** Every object in the blocks, `@graph` members included. */
function candidates(blocks: unknown[]): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    const node = object(value);
    if (!node) return;
    found.push(node);
    if (Array.isArray(node['@graph'])) visit(node['@graph']);
  };
  blocks.forEach(visit);
  return found;
}

function area(value: unknown): number | null {
  const size = object(value);
  if (!size) return number(value);
  const amount = number(size.value);
  if (amount === null) return null;
  return size.unitCode === 'MTK' ? Math.round(amount * SQFT_PER_SQM) : Math.round(amount);
}

function addressLine(value: unknown): string | null {
  const postal = object(value);
  if (!postal) return text(value);
  const street = text(postal.streetAddress);
  if (!street) return null;
  const region = [text(postal.addressRegion), text(postal.postalCode)].filter(Boolean).join(' ');
  return [street, text(postal.addressLocality), region].filter(Boolean).join(', ');
}

/** The listing in the page's JSON-LD, or null when there is none (scraped text: values only, never trusted). */
export function readJsonLd(blocks: unknown[]): JsonLdListing | null {
  const listing = candidates(blocks).find((node) =>
    ['RealEstateListing', 'Offer', 'Product'].includes(String(node['@type'])),
  );
  if (!listing) return null;
  const offer = object(listing.offers) ?? listing;
  const home = object(listing.mainEntity) ?? object(listing.about) ?? listing;
  return {
    price: number(offer.price),
    address: addressLine(home.address),
    bedrooms: number(home.numberOfBedrooms) ?? number(home.numberOfRooms),
    fullBaths: number(home.numberOfFullBathrooms),
    halfBaths: number(home.numberOfPartialBathrooms),
    totalBaths: number(home.numberOfBathroomsTotal),
    livingAreaSqft: area(home.floorSize),
    yearBuilt: number(home.yearBuilt),
    listedOn: text(listing.datePosted),
    mlsNumber: text(listing.identifier),
    description: text(listing.description),
  };
}
