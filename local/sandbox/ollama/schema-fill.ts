/**
 * Builds a value that obeys a JSON Schema, as Ollama's grammar-constrained decoding does with
 * `format`: known values where the schema has a place for them, otherwise the plainest value the
 * schema allows (null where it may be null, `[]`, `false`, the minimum, the first enum member).
 */

/** The parts of a JSON Schema (as zod's `toJSONSchema` writes them) the sandbox understands. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minLength?: number;
}

function allows(schema: JsonSchema, type: string): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes(type) || (schema.anyOf ?? []).some((option) => allows(option, type));
}

function fits(schema: JsonSchema, value: unknown): boolean {
  if (schema.anyOf) return schema.anyOf.some((option) => fits(option, value));
  if (schema.enum) return schema.enum.includes(value);
  if (value === null) return allows(schema, 'null');
  if (Array.isArray(value)) return allows(schema, 'array');
  if (typeof value === 'object') return allows(schema, 'object');
  if (typeof value === 'number') return allows(schema, 'number') || allows(schema, 'integer');
  return allows(schema, typeof value);
}

/** The plainest value `schema` allows. */
function plainest(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (allows(schema, 'null')) return null;
  const option = schema.anyOf?.[0];
  if (option) return plainest(option);
  if (allows(schema, 'object')) return fill(schema, {});
  if (allows(schema, 'array')) return [];
  if (allows(schema, 'boolean')) return false;
  if (allows(schema, 'number') || allows(schema, 'integer')) return schema.minimum ?? 0;
  return 'x'.repeat(schema.minLength ?? 0);
}

/** An object for `schema`: each required property from `values` when it fits, else plainest. */
export function fill(schema: JsonSchema, values: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = values[name];
    const required = (schema.required ?? []).includes(name);
    const nested = property.properties !== undefined && value && typeof value === 'object';
    if (nested) result[name] = fill(property, value as Record<string, unknown>);
    else if (value !== undefined && fits(property, value)) result[name] = value;
    else if (required) result[name] = plainest(property);
  }
  return result;
}
