import { hash32 } from './random.js';

/** Where a ZIP's parcels lie: the street grid, books and subdivisions of the sandbox's data. */
export interface ZipGeography {
  zip: string;
  /** Lowest and highest avenue number west of Central (43 = 43RD AVE). */
  avenues: readonly [number, number];
  /** House numbers north of Van Buren along the avenues. */
  northRange: readonly [number, number];
  /** Residential east-west streets, e.g. `W EARLL DR`. */
  streets: readonly string[];
  subdivisions: readonly string[];
  /** Tax area code printed on every valuation notice. */
  taxAreaCode: string;
  elementaryDistrict: string;
  /** Section-township-range as the parcel endpoint spells it ("19 2N 2E"). */
  sectionTownshipRange: string;
}

const WEST_PHOENIX: Record<string, Omit<ZipGeography, 'zip'>> = {
  '85031': {
    avenues: [43, 59],
    northRange: [2800, 3999],
    streets: [
      'W EARLL DR',
      'W WHITTON AVE',
      'W OSBORN RD',
      'W CLARENDON AVE',
      'W WELDON AVE',
      'W MONTEROSA ST',
      'W GLENROSA AVE',
      'W HEATHERBRAE DR',
      'W AMELIA AVE',
      'W CATALINA DR',
      'W MULBERRY DR',
      'W FLOWER ST',
      'W CAMPBELL AVE',
      'W INDIANOLA AVE',
      'W PIERSON ST',
    ],
    subdivisions: [
      'MARYVALE TERRACE NO. 25',
      'MARYVALE TERRACE NO. 27',
      'CORONADO PARK WEST',
      'SUNSET ESTATES UNIT 3',
      'WESTWOOD ESTATES',
      'ROYAL PALM GARDENS',
    ],
    taxAreaCode: '080300',
    elementaryDistrict: 'CARTWRIGHT ELEMENTARY DISTRICT',
    sectionTownshipRange: '19 2N 2E',
  },
  '85033': {
    avenues: [59, 83],
    northRange: [1600, 3899],
    streets: [
      'W CAMPBELL AVE',
      'W HEATHERBRAE DR',
      'W TURNEY AVE',
      'W VIRGINIA AVE',
      'W PALM LN',
      'W CORONADO RD',
      'W ENCANTO BLVD',
      'W HOLLY ST',
      'W EDGEMONT AVE',
      'W CYPRESS ST',
      'W WILLETTA ST',
      'W MONTECITO AVE',
      'W OCOTILLO RD',
      'W HAZELWOOD ST',
      'W MARSHALL AVE',
    ],
    subdivisions: [
      'MARYVALE TERRACE NO. 29',
      'MARYVALE PARKWAY TERRACE',
      'CAMELOT VILLAGE',
      'SUNRISE TERRACE 2',
      'PALM GROVE ESTATES',
      'DESERT COVE UNIT 4',
    ],
    taxAreaCode: '081700',
    elementaryDistrict: 'PENDERGAST ELEMENTARY DISTRICT',
    sectionTownshipRange: '23 2N 1E',
  },
  '85035': {
    avenues: [43, 75],
    northRange: [100, 1599],
    streets: [
      'W POLK ST',
      'W FILLMORE ST',
      'W TAYLOR ST',
      'W PIERCE ST',
      'W ROOSEVELT ST',
      'W PORTLAND ST',
      'W MCKINLEY ST',
      'W GARFIELD ST',
      'W LYNWOOD ST',
      'W ALMERIA RD',
      'W WILLETTA ST',
      'W LATHAM ST',
      'W MORELAND ST',
      'W CULVER ST',
      'W VAN BUREN ST',
    ],
    subdivisions: [
      'ESTRELLA VILLAGE',
      'WEST PLAZA 12',
      'RIVIERA ESTATES',
      'DUNCAN ACRES',
      'GRAND TERRACE UNIT 2',
      'VILLA DE PAZ',
    ],
    taxAreaCode: '081400',
    elementaryDistrict: 'FOWLER ELEMENTARY DISTRICT',
    sectionTownshipRange: '5 1N 1E',
  },
};

const GENERIC_STREETS = [
  'W SAGUARO DR',
  'W MESQUITE LN',
  'W PALO VERDE DR',
  'W DESERT COVE AVE',
  'W CHOLLA ST',
  'W SUNNYSLOPE LN',
  'W IRONWOOD DR',
  'W JUNIPER AVE',
  'W OCOTILLO RD',
  'W CACTUS RD',
];

/** The sandbox geography of `zip`: west Phoenix for 85031/85033/85035, a plausible grid otherwise. */
export function zipGeography(zip: string): ZipGeography {
  const known = WEST_PHOENIX[zip];
  if (known) return { zip, ...known };
  const h = hash32(zip);
  const low = 20 + (h % 60);
  return {
    zip,
    avenues: [low, low + 16],
    northRange: [1000 + (h % 50) * 100, 2999 + (h % 50) * 100],
    streets: GENERIC_STREETS,
    subdivisions: [`DESERT VIEW ${zip}`, `PARADISE GARDENS ${h % 9}`, 'SUN VALLEY ESTATES'],
    taxAreaCode: String(100000 + (h % 800000)).padStart(6, '0'),
    elementaryDistrict: 'ELEMENTARY DISTRICT NO. 7',
    sectionTownshipRange: `${1 + (h % 36)} 2N 1E`,
  };
}
