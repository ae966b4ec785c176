import { describe, expect, it } from 'vitest';
import { extractByRules } from '../../../actions/enrich-llm/src/rules-extractor.js';
import { enrichmentFieldsSchema, type EnrichmentFields } from '../../../shared/model/enrichment.js';

const now = new Date('2026-11-28T12:00:00Z');
const read = (description: string, facts: Record<string, string | number | boolean> = {}) =>
  extractByRules({ facts, description }, now);

describe('rules extractor', () => {
  it.each<[string, Partial<EnrichmentFields>]>([
    [
      'Charming 3BR/2BA single level home with diving pool and 2-car garage. HOA $85/mo. Updated in 2019!',
      {
        bedrooms: 3,
        bathrooms: 2,
        stories: 1,
        pool: true,
        garageSpaces: 2,
        hoa: true,
        hoaMonthlyFee: 85,
        renovated: true,
        renovationYear: 2019,
      },
    ],
    [
      'Investor special! 4 bed 2.5 bath, 1,850 sq ft, sold as-is, cash only. Needs work. No HOA.',
      {
        bedrooms: 4,
        bathrooms: 2.5,
        livingAreaSqft: 1850,
        condition: 'poor',
        hoa: false,
        hoaMonthlyFee: null,
        signals: {
          priceReduced: false,
          cashOnly: true,
          asIs: true,
          investorSpecial: true,
          seniorCommunity: false,
        },
      },
    ],
    [
      'Price reduced! Townhome in a 55+ community with community pool. $255 quarterly HOA. Mountain views.',
      {
        propertySubtype: 'townhouse',
        pool: null,
        hoa: true,
        hoaMonthlyFee: 85,
        views: ['mountain'],
        signals: {
          priceReduced: true,
          cashOnly: false,
          asIs: false,
          investorSpecial: false,
          seniorCommunity: true,
        },
      },
    ],
    [
      'Two-story home, 2 full baths and 1 half bath, three car garage, leased solar, evap cooler, foam roof.',
      {
        stories: 2,
        bathrooms: 2.5,
        garageSpaces: 3,
        solar: true,
        solarLeased: true,
        cooling: 'evaporative',
        roof: 'foam',
      },
    ],
    [
      'Remodeled 2021 with new AC, quartz countertops and a heated pool on a corner lot with RV gate and desert landscaping.',
      {
        renovationYear: 2021,
        cooling: 'central-ac',
        pool: true,
        lotFeatures: ['corner-lot', 'rv-gate', 'desert-landscaping'],
        features: ['heated pool', 'rv gate', 'new ac', 'stone countertops'],
      },
    ],
    [
      'Immaculate condo, owned solar, HOA fee $1,200 per year.',
      { condition: 'excellent', propertySubtype: 'condo', solarLeased: false, hoaMonthlyFee: 100 },
    ],
    [
      'No pool, no garage. Renovated in 2031 per the seller.',
      { pool: false, garageSpaces: 0, renovated: true, renovationYear: null },
    ],
    ['Huge 45 bedroom compound, 99 baths.', { bedrooms: null, bathrooms: null }],
  ])('reads %j', (description, expected) => {
    const extraction = read(description);
    expect(extraction.fields).toMatchObject(expected);
    expect(enrichmentFieldsSchema.safeParse(extraction.fields).success).toBe(true);
  });

  it('falls back to the listing and county facts where the text is silent', () => {
    const extraction = read('Lovely home close to schools.', {
      listingPropertyType: 'Single Family - Detached',
      bedrooms: 3,
      bathrooms: 1.75,
      countyPool: true,
      countyGarageSpaces: 2,
      countyRoof: 'As - Asphalt Shingle',
      countyCooling: 'RF - REFRIGERATION',
    });
    expect(extraction.fields).toMatchObject({
      propertySubtype: 'single-family',
      bedrooms: 3,
      bathrooms: 1.75,
      pool: true,
      garageSpaces: 2,
      roof: 'shingle',
      cooling: 'central-ac',
      summary: '3 bed, 1.75 bath single-family home with a pool and a 2-car garage.',
    });
    expect(extraction.fieldConfidence).toMatchObject({ bedrooms: 0.9, pool: 0.7, summary: 0.5 });
  });

  it('says nothing it did not read', () => {
    const extraction = read('Great location!');
    expect(extraction.fields.summary).toBeNull();
    expect(extraction.fieldConfidence).toEqual({});
    expect(extraction.confidence).toBe(0.3);
  });
});
