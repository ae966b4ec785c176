import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../../../shared/errors.js';
import { RECORD_TYPES, recordSchemas, type RecordType } from '../../../shared/model/registry.js';
import { validateRecord } from '../../../shared/model/validate.js';
import { listingRangeProblems } from '../../../shared/model/mls-listing.js';
import { samples, withChanges } from './samples.js';

describe('record schemas', () => {
  it('registers every record type with its version', () => {
    expect(RECORD_TYPES).toEqual([
      'county-parcel',
      'mls-listing',
      'property',
      'enrichment',
      'run-stats',
      'usage',
      'manifest',
    ]);
    for (const type of RECORD_TYPES) {
      expect(samples[type].schemaVersion).toBe(recordSchemas[type].schemaVersion);
    }
  });

  it.each(RECORD_TYPES)('accepts a valid %s record', (type) => {
    expect(validateRecord(type, samples[type], 'sample')).toEqual(samples[type]);
  });

  it.each<[RecordType, string, unknown, string]>([
    ['county-parcel', 'apn', '10229045A', 'apn: expected a canonical APN such as 102-29-045A'],
    ['county-parcel', 'schemaVersion', 2, 'schemaVersion: Invalid input: expected 1'],
    [
      'county-parcel',
      'valuations.0.taxYear',
      '2024',
      'valuations[0].taxYear: Invalid input: expected number',
    ],
    ['county-parcel', 'owner.redacted', 'NA', 'owner.redacted: Invalid input: expected boolean'],
    ['county-parcel', 'lastSale.saleMonth', '2019-13', 'lastSale.saleMonth: expected YYYY-MM'],
    ['county-parcel', 'raw', undefined, 'raw: Invalid input: expected record'],
    ['mls-listing', 'status', 'Sold', 'status: Invalid option'],
    ['mls-listing', 'listPrice', -1, 'listPrice: Too small: expected number to be >=0'],
    ['mls-listing', 'bedrooms', 2.5, 'bedrooms: Invalid input: expected int'],
    [
      'mls-listing',
      'bathrooms.total',
      2.3,
      'bathrooms.total: Invalid number: must be a multiple of 0.25',
    ],
    ['mls-listing', 'rawHtmlSha256', 'ABC', 'rawHtmlSha256: expected a lower-case hex SHA-256'],
    ['mls-listing', 'zip', '85031-1234', 'zip: expected a 5-digit ZIP'],
    ['mls-listing', 'sourceUrl', 'file:///etc/passwd', 'sourceUrl: Invalid URL'],
    ['property', '_id', 'addr:4827 W EARLL DR 85031', '_id: a property with an APN is keyed by it'],
    ['property', '_id', '4827 W EARLL DR', '_id: expected a canonical APN (102-29-045A) or addr:'],
    ['property', 'apn', null, '_id: a property without an APN is keyed addr:<address key>'],
    ['property', 'county.apn', '102-29-45', 'county.apn: expected a canonical APN'],
    ['property', 'conflicts.0.values', { zillow: 1 }, 'conflicts[0].values'],
    [
      'enrichment',
      'method',
      'rules',
      'model: model is required for method llm and must be null for rules',
    ],
    ['enrichment', 'confidence', 1.5, 'confidence: Too big: expected number to be <=1'],
    ['enrichment', 'fields.condition', 'great', 'fields.condition: Invalid option'],
    ['enrichment', 'fields.hoa', undefined, 'fields.hoa: Invalid input'],
    [
      'run-stats',
      'errorsByClass.parse',
      undefined,
      'errorsByClass.parse: Invalid input: expected number',
    ],
    [
      'run-stats',
      'finishedAt',
      '2025-01-31T09:00:00Z',
      'finishedAt: finishedAt is before startedAt',
    ],
    ['run-stats', 'outcome', 'ok', 'outcome: Invalid option'],
    ['run-stats', 'counts.parcels', -1, 'counts.parcels: Too small'],
    ['run-stats', 'action', 'collect', 'action: Invalid option'],
    ['usage', 'unit', 'hour', 'unit: Invalid option'],
    ['usage', 'quantity', -1, 'quantity: Too small'],
    ['usage', 'recordedAt', '2025-01-31', 'recordedAt: Invalid ISO datetime'],
    [
      'manifest',
      'recordCount',
      811,
      'recordCount: recordCount differs from the sum of records in the files of the data record type',
    ],
    ['manifest', 'files.0.sha256', 'x', 'files[0].sha256: expected a lower-case hex SHA-256'],
    [
      'manifest',
      'files.0.path',
      '../data.ndjson',
      'files[0].path: expected a path inside the artifact',
    ],
    ['manifest', 'recordType', 'manifest', 'recordType: Invalid option'],
    ['manifest', 'files', [], 'files: Too small'],
  ])('rejects a %s record with a bad %s', (type, path, value, message) => {
    const record = withChanges(samples[type], { [path]: value });
    expect(() => validateRecord(type, record, 'data.ndjson:3')).toThrow(IntegrityError);
    expect(() => validateRecord(type, record, 'data.ndjson:3')).toThrow(
      `${type} record at data.ndjson:3 is invalid: ${message}`,
    );
  });
});

describe('listingRangeProblems', () => {
  const listing = samples['mls-listing'];
  const now = new Date('2026-11-28T00:00:00Z');

  it('finds nothing wrong with a plausible listing', () => {
    expect(listingRangeProblems(listing, now)).toEqual([]);
  });

  it.each([
    [{ listPrice: 30_000 }, 'listPrice 30000 is below 50000'],
    [{ listPrice: 6_500_000 }, 'listPrice 6500000 is above 5000000'],
    [{ livingAreaSqft: 250 }, 'livingAreaSqft 250 is below 400'],
    [{ bedrooms: 24 }, 'bedrooms 24 is above 20'],
    [{ yearBuilt: 1850 }, 'yearBuilt 1850 is below 1900'],
    [{ yearBuilt: 2028 }, 'yearBuilt 2028 is above 2027'],
  ])('reports %o without rejecting the record', (change, problem) => {
    const outlier = { ...listing, ...change };
    expect(validateRecord('mls-listing', outlier, 'test')).toEqual(outlier);
    expect(listingRangeProblems(outlier, now)).toEqual([problem]);
  });
});
