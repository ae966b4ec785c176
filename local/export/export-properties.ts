import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { Db, Filter } from 'mongodb';
import { z } from 'zod';
import { pipelineCollections, type PropertyDocument } from '../../shared/db/collections.js';
import { openNdjsonWriter } from '../../shared/io/ndjson-writer.js';
import { propertySchema, type Property } from '../../shared/model/property.js';
import { validateRecord } from '../../shared/model/validate.js';
import type { ExportArgs } from './args.js';
import { CSV_COLUMNS, csvJsonSchema, csvRow } from './csv.js';

/** What an export wrote. */
export interface ExportResult {
  /** Properties written. */
  count: number;
  file: string;
  schemaFile: string;
}

/** The query: properties in the ZIPs whose `updatedAt` falls in the days since..until (UTC). */
export function exportFilter(
  args: Pick<ExportArgs, 'zips' | 'since' | 'until'>,
): Filter<PropertyDocument> {
  const updatedAt: Record<string, string> = { $gte: `${args.since}T00:00:00.000Z` };
  if (args.until !== null) {
    const end = new Date(`${args.until}T00:00:00.000Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    updatedAt.$lt = end.toISOString();
  }
  return { zip: { $in: args.zips }, updatedAt };
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
export async function exportProperties(db: Db, args: ExportArgs): Promise<ExportResult> {
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
