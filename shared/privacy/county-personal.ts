import type { TextOpener, TextSealer } from '../crypto/sealed-text.js';
import type { CountyParcel } from '../model/county-parcel.js';

/**
 * Owner names, mailing addresses and rental contacts of a county-parcel record: what must not be
 * in the clear in an artifact of a public repository. The normalised fields are sealed (encrypted
 * with the artifact passphrase) into `personal.sealed` so that store-mongo can put them back; the
 * copies in `raw` are dropped, keeping only the keys listed here (deed and sale facts, the rental
 * registration's dates and kind).
 */
const RAW_OWNER_KEPT = [
  'MostCurrentDeed',
  'DeedDate',
  'SaleDate',
  'SalePrice',
  'DeedType',
  'Redacted',
];
const RAW_RENTAL_KEPT = [
  'ParcelNumber',
  'SitusAddress',
  'PropertyType',
  'YearBuilt',
  'OwnershipType',
  'DateRegistered',
  'LastUpdate',
];

type Json = Record<string, unknown>;

/** What `personal.sealed` holds once opened. */
interface SealedPersonal {
  owner: CountyParcel['owner'];
  rentalOwnerName: string | null;
  rentalAgentName: string | null;
}

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function keepOnly(block: unknown, kept: readonly string[]): unknown {
  if (!isObject(block)) return block;
  return Object.fromEntries(Object.entries(block).filter(([key]) => kept.includes(key)));
}

/**
 * A copy of county-parcel `record` (a parsed artifact line) without its personal data: owner name,
 * co-owners, in-care-of and mailing fields null (`redacted` kept), rental owner and agent null,
 * `raw` trimmed; `personal.sealed` holds the normalised fields when a sealer is given, else null.
 * A record withheld already is returned as it is.
 */
export function withholdPersonal(record: Json, sealer: TextSealer | null): Json {
  if (isObject(record.personal)) return record;
  const owner = isObject(record.owner) ? record.owner : null;
  const rental = isObject(record.rental) ? record.rental : null;
  const personal: SealedPersonal = {
    owner: owner as CountyParcel['owner'],
    rentalOwnerName: (rental?.ownerName as string | null | undefined) ?? null,
    rentalAgentName: (rental?.agentName as string | null | undefined) ?? null,
  };
  const raw = isObject(record.raw) ? { ...record.raw } : record.raw;
  if (isObject(raw)) {
    if ('Owner' in raw) raw.Owner = keepOnly(raw.Owner, RAW_OWNER_KEPT);
    if ('RentalInformation' in raw) {
      raw.RentalInformation = keepOnly(raw.RentalInformation, RAW_RENTAL_KEPT);
    }
  }
  return {
    ...record,
    owner: owner && {
      ...owner,
      ...{ name: null, coOwners: null, inCareOf: null, mailingAddress: null },
      ...{ mailingCity: null, mailingState: null, mailingZip: null, mailingCountry: null },
    },
    rental: rental && { ...rental, ownerName: null, agentName: null },
    raw,
    personal: { sealed: sealer ? sealer.seal(JSON.stringify(personal)) : null },
  };
}

/**
 * The parcel with its sealed personal data put back when `opener` is given and the record has
 * any; a record with nothing sealed (no passphrase when it was collected) keeps its `personal`
 * marker, so that the owner already stored is not overwritten with nulls.
 */
export async function revealPersonal(
  parcel: CountyParcel,
  opener: TextOpener | null,
): Promise<CountyParcel> {
  const sealed = parcel.personal?.sealed;
  if (sealed == null || opener === null) return parcel;
  const personal = JSON.parse(await opener.open(sealed)) as SealedPersonal;
  const revealed: CountyParcel = { ...parcel, owner: personal.owner };
  if (parcel.rental) {
    revealed.rental = {
      ...parcel.rental,
      ownerName: personal.rentalOwnerName,
      agentName: personal.rentalAgentName,
    };
  }
  delete revealed.personal;
  return revealed;
}

/**
 * What store-mongo keeps of a parcel that still carries a `personal` marker: the stored owner and
 * rental contacts of `stored` (the county facts in the database), not the nulls of the artifact.
 */
export function keepStoredPersonal<T extends Partial<CountyParcel>>(
  parcel: T,
  stored: Partial<CountyParcel> | null,
): T {
  if (parcel.personal === undefined) return parcel;
  const kept: T = { ...parcel, owner: stored?.owner ?? parcel.owner ?? null };
  if (parcel.rental) {
    kept.rental = {
      ...parcel.rental,
      ownerName: stored?.rental?.ownerName ?? null,
      agentName: stored?.rental?.agentName ?? null,
    };
  }
  delete kept.personal;
  return kept;
}
