import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { Db, Filter } from 'mongodb';
import { z } from 'zod';
import { pipelineCollections, type PropertyDocument } from '../db/collections.js';
import { openNdjsonWriter } from '../io/ndjson-writer.js';
import { propertySchema, type Property } from '../model/property.js';
import { validateRecord } from '../model/validate.js';
import { CSV_COLUMNS, csvJsonSchema, csvRow } from './csv.js';

/** Formats a property export writes. */
export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Which properties to export, in what format, to which file. */
export interface ExportQuery {
  /** ZIP5 codes; properties in any of them, or every ZIP when null. */
  zips: readonly string[] | null;
  /** First day (UTC, inclusive) of `updatedAt`, YYYY-MM-DD, or null for no start. */
  since: string | null;
  /** Last day (UTC, inclusive) of `updatedAt`, or null for no end. */
  until: string | null;
  format: ExportFormat;
  /** File to write; the JSON Schema goes beside it as `<out>.schema.json`. */
  out: string;
}

/** What an export wrote. */
export interface ExportResult {
  /** Properties written. */
  count: number;
  file: string;
  schemaFile: string;
}

/** The query: properties in the ZIPs whose `updatedAt` falls in the days since..until (UTC). */
export function exportFilter(
  args: Pick<ExportQuery, 'zips' | 'since' | 'until'>,
): Filter<PropertyDocument> {
  const filter: Filter<PropertyDocument> = {};
  if (args.zips !== null) filter.zip = { $in: [...args.zips] };
  const updatedAt: Record<string, string> = {};
  if (args.since !== null) updatedAt.$gte = `${args.since}T00:00:00.000Z`;
  if (args.until !== null) {
    const end = new Date(`${args.until}T00:00:00.000Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    updatedAt.$lt = end.toISOString();
  }
  if (Object.keys(updatedAt).length > 0) filter.updatedAt = updatedAt;
  return filter;
}

/** The stored document as a `property` record: the schema's fields, checked. */
function toRecord(doc: PropertyDocument): Property {
  const record: Partial<PropertyDocument> = { ...doc };
  delete record.zip;
  return validateRecord('property', record, `properties/${doc._id}`);
}

/**
 * Exports the matching properties, ordered by key, to `args.out`: NDJSON of `property` records
 * (gzip when the name ends in .gz), or CSV with the columns of `CSV_COLUMNS`; writes the JSON
 * Schema of what was written beside it as `<out>.schema.json`.
 */
export async function exportProperties(db: Db, args: ExportQuery): Promise<ExportResult> {
  const cursor = pipelineCollections(db).properties.find(exportFilter(args)).sort({ _id: 1 });
  let count = 0;
  if (args.format === 'ndjson') {
    const writer = await openNdjsonWriter(args.out);
    for await (const doc of cursor) {
      await writer.write(toRecord(doc));
      count += 1;
    }
    await writer.close();
  } else {
    const stream = createWriteStream(args.out);
    const write = async (line: string) => {
      if (!stream.write(`${line}\r\n`)) await once(stream, 'drain');
    };
    await write(CSV_COLUMNS.map((column) => column.name).join(','));
    for await (const doc of cursor) {
      await write(csvRow(doc));
      count += 1;
    }
    stream.end();
    await once(stream, 'finish');
  }
  const schema =
    args.format === 'ndjson'
      ? z.toJSONSchema(propertySchema, { io: 'output', target: 'draft-2020-12' })
      : csvJsonSchema();
  const schemaFile = `${args.out}.schema.json`;
  await writeFile(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
  return { count, file: args.out, schemaFile };
}
