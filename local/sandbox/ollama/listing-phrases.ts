/**
 * The phrase tables the sandbox "model" reads listings with: the wording the sandbox listing site
 * writes and the way Phoenix remarks say the same things. A table row is a pattern and the value
 * it states; the first row that matches wins for a single value, every row that matches counts
 * for a list.
 */

type Table<T> = ReadonlyArray<readonly [RegExp, T]>;

/** The first value of `table` whose pattern `text` matches. */
export const firstOf = <T>(table: Table<T>, text: string): T | undefined =>
  table.find(([pattern]) => pattern.test(text))?.[1];

/** Every value of `table` whose pattern `text` matches, once each, in table order. */
export const allOf = <T>(table: Table<T>, text: string): T[] => [
  ...new Set(table.filter(([pattern]) => pattern.test(text)).map(([, value]) => value)),
];

/** Kinds of property the text names. */
export const SUBTYPE_PHRASES: Table<string> = [
  [/\b(mobile|manufactured) home\b/i, 'mobile-home'],
  [/\btown ?(home|house)\b/i, 'townhouse'],
  [/\bcondo(minium)?\b/i, 'condo'],
  [/\b(duplex|triplex|fourplex|multi[- ]?family)\b/i, 'multi-family'],
  [/\bsingle[- ]family\b/i, 'single-family'],
];

/** Condition, worst first. */
export const CONDITION_PHRASES: Table<string> = [
  [/\b(fixer|needs (a lot of )?work|tear ?down)\b/i, 'poor'],
  [/\bneeds (some )?(tlc|updating|repairs)\b/i, 'fair'],
  [/\b(immaculate|pristine|like new)\b/i, 'excellent'],
  [/\b(move[- ]in ready|turn[- ]?key|well[- ](maintained|kept))\b/i, 'good'],
];

/** Levels. */
export const STORY_PHRASES: Table<number> = [
  [/\b(single|one|1)[- ](story|level)\b/i, 1],
  [/\b(two|2)[- ]story\b/i, 2],
  [/\b(three|3)[- ]story\b/i, 3],
];

/** Views. */
export const VIEW_PHRASES: Table<string> = [
  [/\bmountain views?\b|\bviews? of the mountains\b/i, 'mountain'],
  [/\bcity[- ]lights?\b/i, 'city-lights'],
  [/\bgolf course views?\b|\bon the golf course\b/i, 'golf-course'],
  [/\bviews? of the park\b|\bpark views?\b/i, 'park'],
  [/\b(lake|water) ?(front|views?)\b/i, 'water'],
];

/** Lot features. */
export const LOT_PHRASES: Table<string> = [
  [/\bcorner lot\b/i, 'corner-lot'],
  [/\bcul[- ]de[- ]sac\b/i, 'cul-de-sac'],
  [/\brv gate\b/i, 'rv-gate'],
  [/\brv parking\b/i, 'rv-parking'],
  [/\blarge lot\b/i, 'large-lot'],
  [/\balley access\b/i, 'alley-access'],
  [/\bdesert landscap/i, 'desert-landscaping'],
  [/\bmature trees\b/i, 'mature-trees'],
  [/\bnorth[- ]south exposure\b/i, 'north-south-exposure'],
  [/\b(block fence|fenced)\b/i, 'fenced'],
];

/** Features the other fields do not cover, as the summary of a listing would name them. */
export const FEATURE_PHRASES: Table<string> = [
  [/\bcovered patio\b/i, 'covered patio'],
  [/\btile floors?\b/i, 'tile floors'],
  [/\bceiling fans?\b/i, 'ceiling fans'],
  [/\bfireplace\b/i, 'fireplace'],
  [/\bgranite\b/i, 'granite counters'],
  [/\bkitchen island\b/i, 'kitchen island'],
  [/\bcasita\b/i, 'casita'],
  [/\bwalk[- ]in closets?\b/i, 'walk-in closet'],
  [/\bvaulted ceilings?\b/i, 'vaulted ceilings'],
];

/** Whether solar panels are leased (true) or owned (false). */
export const SOLAR_LEASE_PHRASES: Table<boolean> = [
  [/\bleased solar\b|\bsolar (panels )?(are )?leased\b|\bsolar lease\b/i, true],
  [/\b(owned|paid[- ]off) solar\b|\bsolar (panels )?(are )?(owned|paid off)\b/i, false],
];
