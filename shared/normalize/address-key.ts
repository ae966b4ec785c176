import type { AddressParts, NormalizedAddress } from '../model/address.js';
import { parseAddress, type AddressContext } from './address.js';

/**
 * Join keys for addresses. The unit is written `UNIT <id>` whatever designator the source used
 * (`Apt 5`, `#5`, `Suite 5` all become `UNIT 5`): sources disagree on designators far more often
 * than two units of one building share an identifier. The city is left out because the county's
 * jurisdiction and the postal city differ; the ZIP5 stands in for it.
 */

/** The normalised street line (`3301 N 67TH AVE UNIT 12`), or null when there is no street. */
export function formatStreetLine(parts: AddressParts): string | null {
  if (parts.street === null) return null;
  const unit = parts.unit === null ? null : `UNIT ${parts.unit}`;
  return [parts.number, parts.predir, parts.street, parts.suffix, parts.postdir, unit]
    .filter((part): part is string => part !== null)
    .join(' ');
}

/**
 * The key that joins a listing to a parcel: `<street line> <ZIP5>`. Null when the house number,
 * street or ZIP is missing, because such an address could match a parcel in another place.
 */
export function addressKey(parts: AddressParts): string | null {
  const line = formatStreetLine(parts);
  if (line === null || parts.number === null || parts.zip === null) return null;
  return `${line} ${parts.zip}`;
}

/** The property key of a listing no parcel matches yet: `addr:<address key>`, or null without one. */
export function unmatchedListingKey(parts: AddressParts): string | null {
  const key = addressKey(parts);
  return key === null ? null : `addr:${key}`;
}

/** Parses `raw` (see `parseAddress`) and returns it with its street line, parts and join key. */
export function normalizeAddress(raw: string, context: AddressContext = {}): NormalizedAddress {
  const parts = parseAddress(raw, context);
  return { raw, line: formatStreetLine(parts), parts, key: addressKey(parts) };
}
