import { residentialApn } from './apn-plan.js';
import { zipGeography } from './geography.js';
import {
  COMPANIES,
  FACTORS,
  GIVEN,
  MAIL_ELSEWHERE,
  ROOFS,
  SURNAMES,
  WALLS,
} from './parcel-names.js';
import { seededRandom, type Random } from './random.js';

/** The last recorded sale of a sandbox parcel. */
export interface SandboxSale {
  recordingNumber: string;
  /** `MM/DD/YYYY`, as the county serves it. */
  deedDate: string;
  /** `YYYY-MM`: the county serves the sale date as `MM/01/YYYY`. */
  saleMonth: string;
  price: number;
  deedType: string;
}

/** One valuation notice: full cash and limited property value in dollars. */
export interface SandboxValuation {
  taxYear: number;
  fullCashValue: number;
  limitedPropertyValue: number;
}

/** The facts of one generated parcel, from which every endpoint's body is built. */
export interface SandboxParcel {
  zip: string;
  index: number;
  /** Canonical APN (`102-29-045A`). */
  apn: string;
  /** Street line, e.g. `5123 W EARLL DR`. */
  street: string;
  subdivision: string;
  lot: string;
  mcr: string;
  constructionYear: number;
  livingAreaSqft: number;
  lotSizeSqft: number;
  /** Pool area in square feet, null without a pool. */
  poolAreaSqft: number | null;
  garageSpaces: number;
  carportSpaces: number;
  coveredPatios: number;
  uncoveredPatios: number;
  bathFixtures: number;
  exteriorWalls: string;
  roofType: string;
  qualityGrade: string;
  locationalFactors: string[];
  zoning: string | null;
  /** `3.1` primary residence or `4.2` rental. */
  legalClassCode: '3.1' | '4.2';
  isRental: boolean;
  ownerName: string;
  ownerIsCompany: boolean;
  /** True when the county withholds the owner (served as "NA" values). */
  redacted: boolean;
  mailing: { line: string; city: string; state: string; zip: string };
  lastSale: SandboxSale | null;
  /** Newest tax year first. */
  valuations: SandboxValuation[];
}

/** A build year: mostly 1950s-1980s, a few newer infill homes. */
function buildYear(random: Random): number {
  return random.chance(0.9) ? random.int(1952, 1986) : random.int(1990, 2006);
}

function street(zip: string, index: number, random: Random): string {
  const geo = zipGeography(zip);
  const [west, east] = [geo.avenues[1], geo.avenues[0]];
  const avenueCount = west - east + 1;
  const names = [...geo.streets];
  const slot = index % (names.length + 2);
  const round = Math.floor(index / (names.length + 2));
  if (slot < names.length) {
    // East-west streets: house numbers follow the avenue grid (5100 block = 51st Ave).
    const avenue = east + (round % avenueCount);
    return `${avenue * 100 + ((Math.floor(round / avenueCount) * 2) % 98) + (slot % 2) + 1} ${names[slot]}`;
  }
  const avenue = east + random.int(0, avenueCount - 1);
  const [low, high] = geo.northRange;
  const number = low + ((round * 2 + (slot % 2)) % (high - low));
  const suffix =
    avenue % 10 === 1 && avenue !== 11
      ? 'ST'
      : avenue % 10 === 2
        ? 'ND'
        : avenue % 10 === 3
          ? 'RD'
          : 'TH';
  return `${number} N ${avenue}${suffix} AVE`;
}

function sale(random: Random, latestTaxYear: number, fcv: number): SandboxSale | null {
  if (random.chance(0.08)) return null;
  const year = random.int(1996, latestTaxYear - 1);
  const month = random.int(1, 12);
  const mm = String(month).padStart(2, '0');
  // Prices follow the valley's curve loosely: cheap in the 1990s, a dip after 2008.
  const level =
    year < 2004 ? 0.35 : year < 2008 ? 0.7 : year < 2013 ? 0.4 : year < 2020 ? 0.6 : 0.95;
  return {
    recordingNumber: `${year}${String(random.int(100000, 999999)).padStart(7, '0')}`,
    deedDate: `${mm}/${String(random.int(2, 28)).padStart(2, '0')}/${year}`,
    saleMonth: `${year}-${mm}`,
    price: Math.round((fcv * level * (0.9 + random.next() * 0.2)) / 100) * 100,
    deedType: random.pick(['WD', 'WD', 'WD', 'SD', 'JT', 'QC']),
  };
}

/** The generated parcel `index` of `zip` for `seed`: the same inputs always give the same parcel. */
export function sandboxParcel(
  seed: string,
  zip: string,
  index: number,
  latestTaxYear = 2026,
): SandboxParcel {
  const random = seededRandom(seed, zip, index);
  const geo = zipGeography(zip);
  const rental = random.chance(0.35);
  const company = rental && random.chance(0.45);
  const fcv =
    Math.round((220_000 + random.next() * 160_000 + (random.chance(0.1) ? 60_000 : 0)) / 100) * 100;
  const valuations: SandboxValuation[] = [];
  let [full, limited] = [fcv, Math.round(fcv * (0.5 + random.next() * 0.15))];
  for (let year = latestTaxYear; year > latestTaxYear - 5; year -= 1) {
    valuations.push({ taxYear: year, fullCashValue: full, limitedPropertyValue: limited });
    full = Math.round(full / (1.04 + random.next() * 0.1) / 100) * 100;
    limited = Math.round(limited / 1.05);
  }
  const garage = random.chance(0.55) ? random.int(1, 2) : 0;
  const carport =
    garage === 0 && random.chance(0.8) ? random.int(1, 2) : random.chance(0.05) ? 1 : 0;
  const covered = random.chance(0.7) ? 1 : 0;
  const name = company ? random.pick(COMPANIES) : `${random.pick(SURNAMES)} ${random.pick(GIVEN)}`;
  const situs = street(zip, index, random);
  const elsewhere = random.pick(MAIL_ELSEWHERE);
  return {
    zip,
    index,
    apn: residentialApn(zip, index),
    street: situs,
    subdivision: geo.subdivisions[Math.floor(index / 250) % geo.subdivisions.length] as string,
    lot: String((index % 250) + 1),
    mcr: String(40 + (Math.floor(index / 250) % 90)).padStart(3, '0') + String(10 + (index % 40)),
    constructionYear: buildYear(random),
    livingAreaSqft: random.int(900, 2000),
    lotSizeSqft: random.int(5000, 9000),
    poolAreaSqft: random.chance(0.25) ? random.int(300, 620) : null,
    garageSpaces: garage,
    carportSpaces: carport,
    coveredPatios: covered,
    uncoveredPatios: random.chance(0.15) ? 1 : 0,
    bathFixtures: random.int(5, 12),
    exteriorWalls: random.pick(WALLS),
    roofType: random.pick(ROOFS),
    qualityGrade: random.pick(['CLASS R2', 'CLASS R3', 'CLASS R3', 'CLASS R4']),
    locationalFactors: [...random.pick(FACTORS)],
    zoning: random.chance(0.06) ? null : random.pick(['R1-6', 'R1-6', 'R1-6', 'R-3', 'R1-8']),
    legalClassCode: rental ? '4.2' : '3.1',
    isRental: rental && random.chance(0.85),
    ownerName: name,
    ownerIsCompany: company,
    redacted: !company && random.chance(0.1),
    mailing: rental
      ? { line: elsewhere[0], city: elsewhere[1], state: elsewhere[2], zip: elsewhere[3] }
      : { line: situs, city: 'PHOENIX', state: 'AZ', zip },
    lastSale: sale(random, latestTaxYear, fcv),
    valuations,
  };
}
