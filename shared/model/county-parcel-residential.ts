import type { CountyFieldReader } from './county-fields.js';
import { isAbsent } from './county-fields.js';
import type { CountyParcel } from './county-parcel.js';

/** The facts of `ResidentialPropertyData` as county-parcel fields. */
export type ResidentialFacts = Pick<
  CountyParcel,
  | 'livingAreaSqft'
  | 'constructionYear'
  | 'originalConstructionYear'
  | 'pool'
  | 'poolAreaSqft'
  | 'garageSpaces'
  | 'carportSpaces'
  | 'parkingType'
  | 'parkingSpaces'
  | 'coveredParking'
  | 'coveredPatios'
  | 'uncoveredPatios'
  | 'patios'
  | 'patioType'
  | 'exteriorWalls'
  | 'roofType'
  | 'cooling'
  | 'heating'
  | 'bathFixtures'
  | 'qualityGrade'
  | 'locationalFactors'
>;

/** `"PAD"`, `"Corner,MajInter,"`, `["RL-5"]` or PHP's `[]` as a list; null when absent. */
export function readList(read: CountyFieldReader, value: unknown, field: string): string[] | null {
  if (value === undefined || value === null) return null;
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item, index) =>
    (read.text(item, `${field}[${index}]`) ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code !== ''),
  );
}

/**
 * Reads `ResidentialPropertyData` (`{}` when the parcel has none). No bedrooms, bathrooms or
 * stories exist here; `BathFixtures` counts fixtures. Zeros arrive as ints, other numbers as
 * strings, and an empty `ParkingDetails` as `[]`.
 */
export function readResidential(
  read: CountyFieldReader,
  home: Record<string, unknown>,
): ResidentialFacts {
  const field = (key: string) => `ResidentialPropertyData.${key}`;
  const text = (key: string) => read.text(home[key], field(key));
  const whole = (key: string) => read.integer(home[key], field(key));
  const year = (key: string) => {
    const value = whole(key);
    // The county's default 0 for a year means none was recorded.
    return value === 0 ? null : value;
  };
  const parking = read.object(home.ParkingDetails, field('ParkingDetails')) ?? {};
  const poolArea = typeof home.Pool === 'boolean' || isAbsent(home.Pool) ? null : whole('Pool');
  const pool = typeof home.Pool === 'boolean' ? home.Pool : poolArea === null ? null : poolArea > 0;
  return {
    livingAreaSqft: whole('LivableSpace'),
    constructionYear: year('ConstructionYear'),
    originalConstructionYear: year('OriginalConstructionYear'),
    pool,
    poolAreaSqft: poolArea === 0 ? null : poolArea,
    garageSpaces: whole('NumberOfGarages'),
    carportSpaces: whole('NumberOfCarports'),
    parkingType:
      text('ParkingType') ?? read.text(parking.ParkingType, field('ParkingDetails.ParkingType')),
    parkingSpaces: read.integer(parking.ParkingCount, field('ParkingDetails.ParkingCount')),
    coveredParking: read.flag(home.CoveredParking, field('CoveredParking')),
    coveredPatios: whole('NumberOfCoveredPatios'),
    uncoveredPatios: whole('NumberOfUncoveredPatios'),
    patios: whole('NumberOfPatios'),
    patioType: text('PatioType'),
    exteriorWalls: text('ExteriorWalls'),
    roofType: text('RoofType'),
    cooling: text('Cooling'),
    heating: text('Heating'),
    bathFixtures: whole('BathFixtures'),
    qualityGrade: text('ImprovementQualityGrade'),
    locationalFactors: readList(read, home.LocationalFactors, field('LocationalFactors')),
  };
}
