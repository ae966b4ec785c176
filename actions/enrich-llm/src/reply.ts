import { describeIssues } from '../../../shared/io/ndjson-reader.js';
import {
  ENRICHMENT_FIELD_NAMES,
  enrichmentFieldsSchema,
  enrichmentRangeProblems,
  type EnrichmentFields,
  type FieldConfidence,
} from '../../../shared/model/enrichment.js';
import { FACT_CONFIDENCE, type KnownFields } from './known-fields.js';
import { REPLY_KEYS, SIGNAL_NAMES, replyItemSchema } from './reply-schema.js';

/** What the model said about one property, merged with what the facts say, validated. */
export interface Extraction {
  fields: EnrichmentFields;
  fieldConfidence: FieldConfidence;
  /** Mean of the field confidences given, 0.5 when none. */
  confidence: number;
}

/** A reply checked against the ids asked for. */
export interface CheckedReply {
  /** Valid extractions by id. */
  valid: Map<string, Extraction>;
  /** Why each remaining asked-for id has no valid extraction (invalid, missing, duplicated). */
  problems: Map<string, string>;
  /** Ids in the reply that were never asked for. */
  extraIds: string[];
}

/** Mean of the confidences given, rounded to 3 places. */
export function overallConfidence(confidence: FieldConfidence): number {
  const values = Object.values(confidence).filter((value) => value !== undefined);
  if (values.length === 0) return 0.5;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 1000) / 1000;
}

function itemsOf(content: string): unknown[] | string {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return `the reply is not valid JSON (${(error as Error).message})`;
  }
  const items = (json as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : 'the reply has no "items" array';
}

const filled = (value: unknown): boolean =>
  value !== null && !(Array.isArray(value) && value.length === 0);

/**
 * One property's record: the facts' fields as they are (confidence 0.9), the rest from the
 * model's lean item (short keys, signals as a list, one confidence `c` for what it filled).
 */
function merge(item: Record<string, unknown>, known: KnownFields, now: Date): Extraction | string {
  const fields: Record<string, unknown> = {};
  const fieldConfidence: FieldConfidence = {};
  const c = typeof item.c === 'number' ? item.c : 0.5;
  for (const name of ENRICHMENT_FIELD_NAMES) {
    if (name in known) {
      fields[name] = known[name];
      fieldConfidence[name] = FACT_CONFIDENCE;
      continue;
    }
    let value = item[REPLY_KEYS[name]];
    if (name === 'signals') {
      const named = Array.isArray(value) ? value : [];
      value = Object.fromEntries(SIGNAL_NAMES.map((signal) => [signal, named.includes(signal)]));
      if (named.length > 0) fieldConfidence[name] = c;
    } else if (filled(value)) fieldConfidence[name] = c;
    fields[name] = value;
  }
  const parsed = enrichmentFieldsSchema.safeParse(fields);
  if (!parsed.success) return describeIssues(parsed.error.issues);
  const problems = enrichmentRangeProblems(parsed.data, now);
  if (problems.length > 0) return problems.join('; ');
  return {
    fields: parsed.data,
    fieldConfidence,
    confidence: overallConfidence(fieldConfidence),
  };
}

/**
 * Checks a batch reply against the lean schema asked for (`asked` fields) and merges each item
 * with the facts known for its id: parses the JSON, validates each item on its own (so one bad
 * item does not sink its batch), rejects out-of-range values, and matches items to the ids. A
 * missing id, an id given twice, or an invalid item becomes a problem for that id only.
 */
export function checkReply(
  content: string,
  known: ReadonlyMap<string, KnownFields>,
  asked: readonly (typeof ENRICHMENT_FIELD_NAMES)[number][],
  now = new Date(),
): CheckedReply {
  const ids = [...known.keys()];
  const result: CheckedReply = { valid: new Map(), problems: new Map(), extraIds: [] };
  const items = itemsOf(content);
  if (typeof items === 'string') {
    for (const id of ids) result.problems.set(id, items);
    return result;
  }
  const schema = replyItemSchema(asked);
  const idOf = (item: unknown) => (item as { id?: unknown } | null)?.id;
  const seen = new Map<string, number>();
  for (const id of items.map(idOf))
    if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const item of items) {
    const id = idOf(item);
    if (typeof id !== 'string') continue;
    const facts = known.get(id);
    if (facts === undefined) {
      if (!result.extraIds.includes(id)) result.extraIds.push(id);
      continue;
    }
    if ((seen.get(id) ?? 0) > 1) {
      result.problems.set(id, `id ${id} appears ${seen.get(id)} times`);
      continue;
    }
    const parsed = schema.safeParse(item);
    const merged = parsed.success
      ? merge(parsed.data, facts, now)
      : describeIssues(parsed.error.issues);
    if (typeof merged === 'string') result.problems.set(id, merged);
    else result.valid.set(id, merged);
  }
  for (const id of ids) {
    if (!result.valid.has(id) && !result.problems.has(id))
      result.problems.set(id, `no item with id ${id}`);
  }
  return result;
}
