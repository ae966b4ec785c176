import type {
  CONDITIONS,
  COOLING_TYPES,
  LOT_FEATURES,
  PROPERTY_SUBTYPES,
  ROOF_TYPES,
  VIEWS,
} from '../../../shared/model/enrichment.js';

/**
 * Phrase tables of the rules extractor, the way Phoenix listings word things. The first pattern
 * that matches wins, so more specific phrases come first.
 */

type Table<T> = ReadonlyArray<readonly [RegExp, T]>;

/** Number words listings use for small counts. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

/** A count written as digits or a word. */
export const COUNT = String.raw`(\d{1,2}|one|two|three|four|five|six)`;

/** Property types as listing pages and county use descriptions spell them. */
export const SUBTYPES: Table<(typeof PROPERTY_SUBTYPES)[number]> = [
  [/\b(mfg|manufactured|mobile)\b/i, 'mobile-home'],
  [/\b(town ?house|townhome|patio home)\b/i, 'townhouse'],
  [/\b(condo(minium)?|apartment)\b/i, 'condo'],
  [/\b(duplex|triplex|fourplex|4-plex|multi-?family|multiple family)\b/i, 'multi-family'],
  [/\b(vacant land|lots? and land|land)\b/i, 'land'],
  [/\b(single[- ]family|sfr|detached)\b/i, 'single-family'],
];

/** Condition words, worst first: a "fixer" that is also "move-in ready" is still a fixer. */
export const CONDITION_WORDS: Table<(typeof CONDITIONS)[number]> = [
  [/\b(fixer|needs (a lot of )?work|tear ?down|handyman special|uninhabitable)\b/i, 'poor'],
  [/\b(needs (some )?tlc|needs updating|original condition|dated)\b/i, 'fair'],
  [/\b(immaculate|pristine|like new|showroom|stunning (remodel|renovation))\b/i, 'excellent'],
  [
    /\b(move[- ]in ready|well[- ](maintained|kept|cared for)|turn[- ]?key|remodell?ed|renovated)\b/i,
    'good',
  ],
];

/** Roof coverings, from listing text or the county's roof code. */
export const ROOFS: Table<(typeof ROOF_TYPES)[number]> = [
  [/\b(concrete |clay )?tile roof|\bct - |roof:? tile/i, 'tile'],
  [/\bshingle|\bas - /i, 'shingle'],
  [/\bfoam roof|\bfoam\b/i, 'foam'],
  [/\bbuilt[- ]up|\bbu - /i, 'built-up'],
  [/\bmetal roof/i, 'metal'],
];

/** Cooling, from listing text or the county's cooling code. */
export const COOLING: Table<(typeof COOLING_TYPES)[number]> = [
  [/\bheat pump/i, 'heat-pump'],
  [/\bmini[- ]split/i, 'mini-split'],
  [/\b(evap(orative)?( cooler)?|swamp cooler)\b/i, 'evaporative'],
  [
    /\b(central (air|a\/?c)|a\/c|ac|ac units?|hvac|air condition\w*|refrigeration)\b/i,
    'central-ac',
  ],
];

/** Views. */
export const VIEW_WORDS: Table<(typeof VIEWS)[number]> = [
  [/\bmountain views?|views? of the mountains|\bmtn views?/i, 'mountain'],
  [/\bcity lights?/i, 'city-lights'],
  [/\b(golf course|on the course|fairway)/i, 'golf-course'],
  [/\b(across from|backs to|next to|views? of) (a |the )?park\b/i, 'park'],
  [/\b(lake|water) ?(front|views?)\b/i, 'water'],
];

/** Lot features. */
export const LOT_WORDS: Table<(typeof LOT_FEATURES)[number]> = [
  [/\bcorner lot/i, 'corner-lot'],
  [/\bcul[- ]de[- ]sac/i, 'cul-de-sac'],
  [/\brv gate/i, 'rv-gate'],
  [/\brv (parking|pad)/i, 'rv-parking'],
  [/\b(large|oversized|huge|big) (corner )?lot/i, 'large-lot'],
  [/\balley access/i, 'alley-access'],
  [/\b(desert|low[- ]maintenance) landscap/i, 'desert-landscaping'],
  [/\b(grass|lawn)\b/i, 'grass'],
  [/\bmature (trees|citrus)|\bcitrus trees/i, 'mature-trees'],
  [/\bnorth[- /]south (exposure|facing)|\bn\/s exposure/i, 'north-south-exposure'],
  [/\b(fenced|block fence|block wall)/i, 'fenced'],
];

/** Notable features worth naming, as a few words each. */
export const FEATURE_WORDS: Table<string> = [
  [/\bdiving pool/i, 'diving pool'],
  [/\bheated pool/i, 'heated pool'],
  [/\bsolar/i, 'solar panels'],
  [/\brv gate/i, 'rv gate'],
  [/\bnew roof/i, 'new roof'],
  [/\bnew (a\/?c|ac|hvac)\b/i, 'new ac'],
  [/\b(granite|quartz) (counter|countertops)/i, 'stone countertops'],
  [/\bstainless( steel)? appliances/i, 'stainless appliances'],
  [/\bfireplace/i, 'fireplace'],
  [/\bcovered patio/i, 'covered patio'],
  [/\b(guest house|casita)/i, 'guest house'],
  [/\b(workshop|shop building)/i, 'workshop'],
  [/\b(tile|wood|laminate|vinyl plank) floor/i, 'hard floors'],
  [/\bcarport/i, 'carport'],
];

/** Listing signals. */
export const SIGNAL_WORDS = {
  priceReduced: /\b(price (reduced|reduction|drop|improvement|adjust)|reduced price|just reduced)/i,
  cashOnly: /\bcash (only|offers only|buyers only)\b/i,
  asIs: /\b(sold )?as[- ]is\b/i,
  investorSpecial:
    /\b(investor'?s? special|fixer|handyman special|bring your (contractor|investors))/i,
  seniorCommunity:
    /\b55\s*\+|\b55 and (over|older)|\bage[- ]restricted|\b(senior|adult) community/i,
} as const;
