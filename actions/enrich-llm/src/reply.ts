import { z } from 'zod';
import { describeIssues } from '../../../shared/io/ndjson-reader.js';
import {
  enrichmentFieldsSchema,
  enrichmentRangeProblems,
  fieldConfidenceSchema,
  type EnrichmentFields,
  type FieldConfidence,
} from '../../../shared/model/enrichment.js';

/** One property in the model's reply, matched back to the prompt by `id`. */
export const replyItemSchema = z.object({
  id: z.string().describe('The id the property had in the prompt'),
  fields: enrichmentFieldsSchema,
  confidence: fieldConfidenceSchema.describe('Confidence per field you filled, 0 to 1'),
});

/** The whole reply to one batch prompt. */
export const batchReplySchema = z.object({
  items: z.array(replyItemSchema).describe('One item per property, with its id'),
});

/** The JSON Schema sent as Ollama's `format`, built once from the zod schema. */
export const replyFormat = z.toJSONSchema(batchReplySchema, { io: 'output' });

/** What the model said about one property, validated. */
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

/**
 * Checks a batch reply: parses the JSON, validates each item on its own (so one bad item does not
 * sink its batch), rejects out-of-range values, and matches items to `ids`. A missing id, an id
 * given twice, or an invalid item becomes a problem for that id only.
 */
export function checkReply(
  content: string,
  ids: readonly string[],
  now = new Date(),
): CheckedReply {
  const result: CheckedReply = { valid: new Map(), problems: new Map(), extraIds: [] };
  const items = itemsOf(content);
  if (typeof items === 'string') {
    for (const id of ids) result.problems.set(id, items);
    return result;
  }
  const seen = new Map<string, number>();
  for (const item of items) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  for (const item of items) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') continue;
    if (!ids.includes(id)) {
      if (!result.extraIds.includes(id)) result.extraIds.push(id);
      continue;
    }
    if ((seen.get(id) ?? 0) > 1) {
      result.problems.set(id, `id ${id} appears ${seen.get(id)} times`);
      continue;
    }
    const parsed = replyItemSchema.safeParse(item);
    const problems = parsed.success
      ? enrichmentRangeProblems(parsed.data.fields, now)
      : [describeIssues(parsed.error.issues)];
    if (parsed.success && problems.length === 0) {
      const { fields, confidence } = parsed.data;
      result.valid.set(id, {
        fields,
        fieldConfidence: confidence,
        confidence: overallConfidence(confidence),
      });
    } else {
      result.problems.set(id, problems.join('; '));
    }
  }
  for (const id of ids) {
    if (!result.valid.has(id) && !result.problems.has(id))
      result.problems.set(id, `no item with id ${id}`);
  }
  return result;
}
