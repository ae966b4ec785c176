import { z } from 'zod';
import { RECORD_TYPES, recordSchemas } from './registry.js';

/**
 * The published JSON Schema of every record type: file name (`county-parcel.schema.json`) ->
 * text, pretty-printed with a trailing newline. Output mode: the schemas describe records as
 * writers emit them, with no extra keys.
 */
export function renderJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const type of RECORD_TYPES) {
    const jsonSchema = z.toJSONSchema(recordSchemas[type].schema, {
      io: 'output',
      target: 'draft-2020-12',
    });
    files.set(`${type}.schema.json`, `${JSON.stringify(jsonSchema, null, 2)}\n`);
  }
  return files;
}
