import type { PropertyDocument } from '../db/collections.js';

/** One CSV column: its name, JSON type, meaning, and how it is read from a property. */
export interface CsvColumn {
  name: string;
  type: 'string' | 'number' | 'boolean';
  description: string;
  value(property: PropertyDocument): string | number | boolean | null;
}

const newestValuation = (p: PropertyDocument) =>
  [...(p.county?.valuations ?? [])].sort((a, b) => b.taxYear - a.taxYear)[0];

/** The columns of a CSV export, in order: one row per property, flat facts only. */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'key',
    type: 'string',
    description: 'Property key: APN or addr:<address key>',
    value: (p) => p._id,
  },
  { name: 'apn', type: 'string', description: 'Canonical APN', value: (p) => p.apn },
  {
    name: 'address',
    type: 'string',
    description: 'Normalised street line',
    value: (p) => p.address?.line ?? null,
  },
  { name: 'zip', type: 'string', description: 'ZIP5', value: (p) => p.zip },
  {
    name: 'livingAreaSqft',
    type: 'number',
    description: 'County living area',
    value: (p) => p.county?.livingAreaSqft ?? null,
  },
  {
    name: 'lotSizeSqft',
    type: 'number',
    description: 'County lot area',
    value: (p) => p.county?.lotSizeSqft ?? null,
  },
  {
    name: 'constructionYear',
    type: 'number',
    description: 'County construction year',
    value: (p) => p.county?.constructionYear ?? null,
  },
  {
    name: 'pool',
    type: 'boolean',
    description: 'County: pool',
    value: (p) => p.county?.pool ?? null,
  },
  {
    name: 'garageSpaces',
    type: 'number',
    description: 'County garage spaces',
    value: (p) => p.county?.garageSpaces ?? null,
  },
  {
    name: 'legalClass',
    type: 'string',
    description: 'Legal class of the newest tax year',
    value: (p) => p.county?.legalClass ?? null,
  },
  {
    name: 'valuationTaxYear',
    type: 'number',
    description: 'Tax year of the newest valuation',
    value: (p) => newestValuation(p)?.taxYear ?? null,
  },
  {
    name: 'fullCashValue',
    type: 'number',
    description: 'Full cash value of the newest valuation',
    value: (p) => newestValuation(p)?.fullCashValue ?? null,
  },
  {
    name: 'owner',
    type: 'string',
    description: 'Owner of record; empty when redacted',
    value: (p) => p.county?.owner?.name ?? null,
  },
  {
    name: 'lastSalePrice',
    type: 'number',
    description: 'Last deed sale price',
    value: (p) => p.county?.lastSale?.salePrice ?? null,
  },
  {
    name: 'lastSaleMonth',
    type: 'string',
    description: 'Last sale month YYYY-MM',
    value: (p) => p.county?.lastSale?.saleMonth ?? null,
  },
  {
    name: 'mlsNumber',
    type: 'string',
    description: 'Latest listing number',
    value: (p) => p.listing?.mlsNumber ?? null,
  },
  {
    name: 'listingStatus',
    type: 'string',
    description: 'Latest listing status',
    value: (p) => p.listing?.status ?? null,
  },
  {
    name: 'listPrice',
    type: 'number',
    description: 'Asking price',
    value: (p) => p.listing?.listPrice ?? null,
  },
  {
    name: 'bedrooms',
    type: 'number',
    description: 'Bedrooms (listing)',
    value: (p) => p.listing?.bedrooms ?? null,
  },
  {
    name: 'bathrooms',
    type: 'number',
    description: 'Bathrooms (listing)',
    value: (p) => p.listing?.bathrooms.total ?? null,
  },
  {
    name: 'daysOnMarket',
    type: 'number',
    description: 'Days on market',
    value: (p) => p.listing?.daysOnMarket ?? null,
  },
  {
    name: 'condition',
    type: 'string',
    description: 'Condition (enrichment)',
    value: (p) => p.enrichment?.fields.condition ?? null,
  },
  {
    name: 'enrichmentMethod',
    type: 'string',
    description: 'llm or rules',
    value: (p) => p.enrichment?.method ?? null,
  },
  {
    name: 'conflicts',
    type: 'string',
    description: 'Fields on which sources disagree, separated by ;',
    value: (p) => p.conflicts.map((c) => c.field).join(';') || null,
  },
  {
    name: 'updatedAt',
    type: 'string',
    description: 'When the record last changed',
    value: (p) => p.updatedAt,
  },
];

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so that a spreadsheet never
 * runs scraped text as a formula.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV line of one property, without the line break. */
export function csvRow(property: PropertyDocument): string {
  return CSV_COLUMNS.map((column) => csvCell(column.value(property))).join(',');
}

/** JSON Schema of a CSV row: each column with its type, null when empty. */
export function csvJsonSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    CSV_COLUMNS.map((column) => [
      column.name,
      { type: [column.type, 'null'], description: column.description },
    ]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'PropertyCsvRow',
    type: 'object',
    properties,
    required: CSV_COLUMNS.map((c) => c.name),
  };
}
