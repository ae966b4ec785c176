import { NonRetryableError } from '../errors.js';
import { normalizeZip } from '../normalize/address.js';
import { normalizeAddress } from '../normalize/address-key.js';
import { normalizeApn, tryNormalizeApn } from '../normalize/apn.js';
import { countyFieldReader, isRecord, type CountyFieldReader } from './county-fields.js';
import { readOwner, readRental, readValuations } from './county-parcel-blocks.js';
import { readList, readResidential } from './county-parcel-residential.js';
import {
  COUNTY_PARCEL_SCHEMA_VERSION,
  countyParcelSchema,
  type CountyParcel,
} from './county-parcel.js';
import { formatIssues } from './validate.js';

/** Where and when a parcel body was fetched. */
export interface ParcelFetch {
  /** ZIP of the search row that listed the parcel (`SitusZip`); used when the address has none. */
  zip?: string;
  /** When the response arrived, ISO 8601. */
  collectedAt: string;
  /** URL the body came from. */
  sourceUrl: string;
}

const PARCEL_KEYS = ['PropertyAddress', 'Owner', 'Valuations', 'ResidentialPropertyData'];

/**
 * True when `raw` can only pass the schema's `record(string, unknown)` check, which would then copy
 * it key by key (over a third of the record's validation): a JSON object, whose own keys are all
 * enumerable strings and none `__proto__` (a key the check drops).
 */
function isPlainJsonObject(raw: Record<string, unknown>): boolean {
  return (
    Object.getPrototypeOf(raw) === Object.prototype &&
    !Object.hasOwn(raw, '__proto__') &&
    Reflect.ownKeys(raw).length === Object.keys(raw).length
  );
}

/** The body's own APN, from the Treasurer link (`...?Parcel=50179677`): the body has no APN key. */
function linkedApn(read: CountyFieldReader, value: unknown): string | null {
  const url = read.text(value, 'TreasurersTransitionUrl');
  const parcel = url === null ? undefined : /[?&]Parcel=([0-9A-Za-z.-]+)/i.exec(url)?.[1];
  return parcel === undefined ? null : tryNormalizeApn(parcel);
}

/**
 * Normalises one `GET /parcel/{apn}` body into a county-parcel record, keeping the body in `raw`.
 * Throws a NonRetryableError naming the APN and the field when the body is not a parcel, belongs
 * to another parcel, or holds a value of a type the county never serves.
 */
export function parseCountyParcel(apn: string, body: unknown, meta: ParcelFetch): CountyParcel {
  const canonical = normalizeApn(apn);
  const read = countyFieldReader(canonical);
  if (!isRecord(body) || !PARCEL_KEYS.some((key) => key in body)) {
    throw new NonRetryableError(
      `county parcel ${canonical}: field body: expected a parcel object with ${PARCEL_KEYS.join(', ')}`,
    );
  }
  const linked = linkedApn(read, body.TreasurersTransitionUrl);
  if (linked !== null && linked !== canonical) {
    throw new NonRetryableError(
      `county parcel ${canonical}: field TreasurersTransitionUrl: the body is for parcel ${linked}`,
    );
  }
  const home = read.object(body.ResidentialPropertyData, 'ResidentialPropertyData') ?? {};
  const geo = read.object(body.Geo, 'Geo');
  const situsRaw =
    read.text(body.PropertyAddress, 'PropertyAddress') ?? read.text(geo?.address, 'Geo.address');
  const situs = situsRaw === null ? null : normalizeAddress(situsRaw, { zip: meta.zip ?? null });
  const valuations = readValuations(read, canonical, body.Valuations);
  // A plain body is validated as {} and copied in after: the same result without the per-key walk.
  const plainRaw = isPlainJsonObject(body);

  const parcel: CountyParcel = {
    schemaVersion: COUNTY_PARCEL_SCHEMA_VERSION,
    apn: canonical,
    zip: situs?.parts.zip ?? normalizeZip(meta.zip),
    situs,
    jurisdiction: read.text(body.LocalJusidiction, 'LocalJusidiction'),
    propertyType: read.text(body.PropertyType, 'PropertyType'),
    useCode: read.text(body.PropertyUseCode, 'PropertyUseCode'),
    useDescription: read.text(body.PEPropUseDesc, 'PEPropUseDesc'),
    subdivision:
      read.text(body.SubdivisionName, 'SubdivisionName') ??
      read.text(body.SubdivisonName, 'SubdivisonName'),
    lot: read.text(body.Lot, 'Lot'),
    mcr: read.text(body.MCR, 'MCR'),
    legalDescription: read.text(body.PropertyDescription, 'PropertyDescription'),
    taxAreaCode: read.text(body.TaxAreaCode, 'TaxAreaCode'),
    zoning: readList(read, body.Zoning, 'Zoning'),
    lotSizeSqft:
      read.integer(home.LotSize, 'ResidentialPropertyData.LotSize') ??
      read.integer(body.LotSize, 'LotSize'),
    ...readResidential(read, home),
    valuations,
    legalClassCode: valuations[0]?.legalClassCode ?? null,
    legalClass: valuations[0]?.legalClass ?? null,
    isRental: read.flag(body.IsRental, 'IsRental'),
    rental: readRental(read, body.RentalInformation),
    ...readOwner(read, body.Owner),
    collectedAt: meta.collectedAt,
    sourceUrl: meta.sourceUrl,
    raw: plainRaw ? {} : body,
  };
  const checked = countyParcelSchema.safeParse(parcel);
  if (!checked.success) {
    throw new NonRetryableError(`county parcel ${canonical}: ${formatIssues(checked.error)}`);
  }
  if (plainRaw) checked.data.raw = { ...body };
  return checked.data;
}
