import { escapeHtml as e, grouped, page } from './html.js';
import type { ListingLayout, SandboxListing } from './listings.js';

const LONG_STATUS: Record<string, string> = {
  UCB: 'Under Contract - Taking Backups',
  CCBS: 'Contingent - Taking Backups',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function address(listing: SandboxListing, unitStyle: 'comma' | 'space'): string {
  const unit =
    listing.unit === null ? '' : unitStyle === 'comma' ? `, ${listing.unit}` : ` ${listing.unit}`;
  return `${listing.streetLine}${unit}`;
}

function photos(listing: SandboxListing): string {
  const images = Array.from(
    { length: listing.photoCount },
    (_, n) => `<img class="photo" src="/photos/${listing.mlsNumber}/${n + 1}.jpg" alt="">`,
  );
  return `<div class="gallery">${images.join('')}</div><link rel="preload" as="font" href="/static/site.woff2" crossorigin>`;
}

function layoutA(listing: SandboxListing): string {
  const [year, month, day] = listing.listedOn.split('-');
  const fact = (label: string, value: string) =>
    `<span class="fact"><span class="fact-label">${label}</span> <span class="fact-value">${e(value)}</span></span>`;
  return `<article class="listing">
<h1 class="address">${e(address(listing, 'comma'))}, Phoenix, AZ ${listing.zip}</h1>
<div class="price">$${grouped(listing.listPrice)}</div>
<span class="status">${listing.status}</span>
<div class="facts">${fact('Beds', String(listing.bedrooms))}${fact('Baths', `${listing.fullBaths} full, ${listing.halfBaths} half`)}
${fact('Living Area', `${grouped(listing.livingAreaSqft)} sq ft`)}${fact('Lot', `${grouped(listing.lotSizeSqft)} sq ft`)}
${fact('Year Built', String(listing.yearBuilt))}${fact('Type', listing.propertyType)}
${fact('MLS #', listing.mlsNumber)}${fact('Listed', `${month}/${day}/${year}`)}${fact('Days on Market', String(listing.daysOnMarket))}</div>
<p class="remarks">${e(listing.description)}</p>
<ul class="features">${listing.features.map((f) => `<li>${e(f)}</li>`).join('')}</ul>
<div class="agent">${e(listing.agent)}, ${e(listing.office)}</div>${photos(listing)}</article>`;
}

function layoutB(listing: SandboxListing): string {
  const date = new Date(`${listing.listedOn}T00:00:00Z`);
  const listed = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
  // Split currency spans: the text reads "$389,900" only when the spans are joined.
  const price = grouped(listing.listPrice)
    .split(',')
    .map((part) => `<span class="amt">${part}</span>`)
    .join('<span class="sep">,</span>');
  const item = (label: string, value: string | number) => `<li>${label}: ${e(String(value))}</li>`;
  return `<div id="property">
<div class="street">${e(address(listing, 'space'))}</div><div class="locality">PHOENIX, AZ ${listing.zip}</div>
<div class="price-block"><span class="currency">$</span>${price}</div>
<ul class="details">${item('Status', LONG_STATUS[listing.status] ?? listing.status)}${item('Bedrooms', listing.bedrooms)}
${item('Full Baths', listing.fullBaths)}${item('Half Baths', listing.halfBaths)}${item('Square Feet', grouped(listing.livingAreaSqft))}
${item('Lot Size', `${grouped(listing.lotSizeSqft)} sqft`)}${item('Built', listing.yearBuilt)}${item('Property Type', listing.propertyType)}
${item('MLS Number', listing.mlsNumber)}${item('List Date', listed)}${item('Days on Market', listing.daysOnMarket)}</ul>
<section class="description"><h3>About this home</h3><p>${e(listing.description)}</p></section>
<p class="courtesy">Courtesy of ${e(listing.office)} (${e(listing.agent)})</p>${photos(listing)}</div>`;
}

function layoutC(listing: SandboxListing): string {
  const row = (term: string, value: string | number) =>
    `<dt>${term}</dt><dd>${e(String(value))}</dd>`;
  return `<section class="home">
<h2>${e(address(listing, 'comma').toUpperCase())}, PHOENIX AZ ${listing.zip}</h2>
<p class="asking">Asking $${grouped(listing.listPrice)}</p>
<dl>${row('Status', listing.status.toUpperCase())}${row('Beds', `${listing.bedrooms} BR`)}${row('Baths', `${listing.fullBaths} BA`)}
${row('Half Baths', listing.halfBaths)}${row('Size', `${grouped(listing.livingAreaSqft)} SF`)}${row('Lot Size', `${grouped(listing.lotSizeSqft)} SF`)}
${row('Year', listing.yearBuilt)}${row('Style', listing.propertyType)}${row('MLS ID:', listing.mlsNumber)}${row('Listed', listing.listedOn)}
${row('DOM', listing.daysOnMarket)}</dl>
<div class="remarks-c">${e(listing.description)}</div><div class="office">${e(listing.agent)} - ${e(listing.office)}</div>${photos(listing)}</section>`;
}

function jsonLd(listing: SandboxListing, url: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'RealEstateListing',
    url,
    datePosted: listing.listedOn,
    identifier: listing.mlsNumber,
    description: listing.description,
    offers: { '@type': 'Offer', price: listing.listPrice, priceCurrency: 'USD' },
    mainEntity: {
      '@type': listing.propertyType === 'Condominium' ? 'Apartment' : 'SingleFamilyResidence',
      address: {
        '@type': 'PostalAddress',
        streetAddress: address(listing, 'space'),
        addressLocality: 'Phoenix',
        addressRegion: 'AZ',
        postalCode: listing.zip,
      },
      numberOfBedrooms: listing.bedrooms,
      numberOfFullBathrooms: listing.fullBaths,
      numberOfPartialBathrooms: listing.halfBaths,
      floorSize: { '@type': 'QuantitativeValue', value: listing.livingAreaSqft, unitCode: 'FTK' },
      yearBuilt: listing.yearBuilt,
    },
  };
  // `<` escaped so remarks can never close the script element.
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

/**
 * The listing page in `layout` (default: the listing's own), with JSON-LD when the listing has
 * it, and `script` (trusted, the sandbox's own) at the top of its head.
 */
export function listingPage(
  listing: SandboxListing,
  url: string,
  options: { layout?: ListingLayout; jsonLd?: boolean; extraText?: string; script?: string } = {},
): string {
  const layout = options.layout ?? listing.layout;
  const body =
    layout === 'a' ? layoutA(listing) : layout === 'b' ? layoutB(listing) : layoutC(listing);
  const script = options.script ? `<script>${options.script}</script>` : '';
  const head = `${script}${(options.jsonLd ?? listing.jsonLd) ? jsonLd(listing, url) : ''}`;
  const extra = options.extraText ? `<p class="notice">${e(options.extraText)}</p>` : '';
  return page(`${listing.streetLine} | Phoenix MLS Search`, `${body}${extra}`, head);
}
