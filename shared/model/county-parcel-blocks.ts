import { NonRetryableError } from '../errors.js';
import type { CountyFieldReader } from './county-fields.js';
import type { LastSale, Owner, RentalRegistration, Valuation } from './county-parcel-parts.js';

/** Readers for the nested blocks of `GET /parcel/{apn}`: valuations, owner and deed, rental. */

/** `Valuations[]`, newest tax year first (the county's order, enforced). */
export function readValuations(read: CountyFieldReader, apn: string, value: unknown): Valuation[] {
  const valuations = read.array(value, 'Valuations').map((item, index): Valuation => {
    const field = `Valuations[${index}]`;
    const notice = read.object(item, field);
    const taxYear = read.integer(notice?.TaxYear, `${field}.TaxYear`);
    if (notice === null || taxYear === null) {
      throw new NonRetryableError(`county parcel ${apn}: field ${field}: expected a tax year`);
    }
    return {
      taxYear,
      fullCashValue: read.integer(notice.FullCashValue, `${field}.FullCashValue`),
      limitedPropertyValue: read.integer(
        notice.LimitedPropertyValue,
        `${field}.LimitedPropertyValue`,
      ),
      assessedLimitedValue: read.integer(notice.AssessedLPV, `${field}.AssessedLPV`),
      legalClassCode: read.text(notice.LegalClassificationCode, `${field}.LegalClassificationCode`),
      legalClass: read.text(notice.LegalClassification, `${field}.LegalClassification`),
      assessmentRatio: read.decimal(
        notice.AssessmentRatioPercentage,
        `${field}.AssessmentRatioPercentage`,
      ),
    };
  });
  return valuations.sort((a, b) => b.taxYear - a.taxYear);
}

/**
 * `Owner` and the deed fields it carries. A redacted owner has `"NA"` values, `MailingZip` `"0"`
 * and no `Redacted` key at all; those become nulls and `redacted: true`. Sale fields survive
 * redaction, so `lastSale` is read either way.
 */
export function readOwner(
  read: CountyFieldReader,
  value: unknown,
): { owner: Owner | null; lastSale: LastSale | null } {
  const block = read.object(value, 'Owner');
  if (block === null) return { owner: null, lastSale: null };
  const field = (key: string): string | null => {
    const text = read.text(block[key], `Owner.${key}`);
    return text === 'NA' ? null : text;
  };
  const redacted =
    'Redacted' in block
      ? read.flag(block.Redacted, 'Owner.Redacted') === true
      : read.text(block.Ownership, 'Owner.Ownership') === 'NA';
  const mailingZip = field('MailingZip');
  const owner: Owner = {
    name: field('Ownership'),
    coOwners: field('ContoOwnership'),
    inCareOf: field('InCareOf'),
    mailingAddress: field('FullMailingAddress'),
    mailingCity: field('MailingCity'),
    mailingState: field('MailingState'),
    mailingZip: mailingZip === '0' ? null : mailingZip,
    mailingCountry: field('MailingCountry'),
    redacted,
  };
  const lastSale: LastSale = {
    recordingNumber: field('MostCurrentDeed'),
    deedDate: read.date(block.DeedDate, 'Owner.DeedDate'),
    saleMonth: read.month(block.SaleDate, 'Owner.SaleDate'),
    salePrice: read.integer(block.SalePrice, 'Owner.SalePrice'),
    deedType: field('DeedType'),
  };
  const hasSale = Object.values(lastSale).some((part) => part !== null);
  return { owner, lastSale: hasSale ? lastSale : null };
}

/** `RentalInformation`, which the county serves only when `IsRental` is true. */
export function readRental(read: CountyFieldReader, value: unknown): RentalRegistration | null {
  const block = read.object(value, 'RentalInformation');
  if (block === null) return null;
  const field = (key: string) => read.text(block[key], `RentalInformation.${key}`);
  return {
    ownershipType: field('OwnershipType'),
    ownerName: field('OwnerName'),
    agentName: field('AgentName'),
    registeredOn: read.date(block.DateRegistered, 'RentalInformation.DateRegistered'),
    updatedOn: read.date(block.LastUpdate, 'RentalInformation.LastUpdate'),
  };
}
