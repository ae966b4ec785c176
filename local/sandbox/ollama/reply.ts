import type { OllamaFault } from './faults.js';
import { readListing } from './listing-reading.js';
import { fill, type JsonSchema } from './schema-fill.js';

/** A chat message as Ollama receives it. */
interface Message {
  role?: string;
  content?: string;
}

/** The text a request carries: every message for chat, system plus prompt for generate. */
export function promptText(body: Record<string, unknown>): string {
  if (Array.isArray(body.messages)) {
    return (body.messages as Message[]).map((message) => message.content ?? '').join('\n');
  }
  return [body.system, body.prompt].filter((part) => typeof part === 'string').join('\n');
}

/** Ollama counts tokens; about four characters each is close enough for usage figures. */
export const tokenCount = (text: string): number => Math.ceil(text.length / 4);

interface Subject {
  id: string;
  description: string;
}

/** The properties a prompt lists: the JSON object in the last user turn, `{properties: [...]}`. */
function subjectsOf(body: Record<string, unknown>): Subject[] {
  const users = Array.isArray(body.messages)
    ? (body.messages as Message[]).filter((message) => message.role === 'user')
    : [{ content: typeof body.prompt === 'string' ? body.prompt : '' }];
  const text = users.at(-1)?.content ?? '';
  try {
    const payload = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as {
      properties?: Array<{ id?: unknown; description?: unknown }>;
    };
    return (payload.properties ?? []).map((property, index) => ({
      id: typeof property.id === 'string' ? property.id : String(index + 1),
      description: typeof property.description === 'string' ? property.description : '',
    }));
  } catch {
    return [];
  }
}

/** The property of `schema` that holds one item per id, if it has one. */
function itemsKey(schema: JsonSchema): string | undefined {
  return Object.entries(schema.properties ?? {}).find(
    ([, property]) => property.items?.properties?.id !== undefined,
  )?.[0];
}

function answerItems(subjects: Subject[], itemSchema: JsonSchema | undefined, blank = false) {
  return subjects.map(({ id, description }) => {
    const hints = blank ? {} : readListing(description, description);
    const confidence = Object.fromEntries(Object.keys(hints).map((key) => [key, 0.9]));
    const values = { ...hints, id, fields: hints, confidence };
    return itemSchema ? fill(itemSchema, values) : { id, ...hints };
  });
}

function applyItemFault(items: Array<Record<string, unknown>>, fault: OllamaFault | undefined) {
  if (fault?.kind === 'drop-item') items.pop();
  if (fault?.kind === 'duplicate-item' && items[0]) items.push(structuredClone(items[0]));
  if (fault?.kind === 'extra-item')
    items.push({ ...structuredClone(items[0] ?? {}), id: 'extra-1' });
  if (fault?.kind === 'override') {
    for (const item of items.filter((each) => fault.id === undefined || each.id === fault.id)) {
      const target = (item.fields ?? item) as Record<string, unknown>;
      Object.assign(target, fault.values);
    }
  }
}

/**
 * The assistant's reply to a generation request: JSON obeying `format` (or plain JSON for
 * `format: "json"` and none), one item per property the prompt lists, altered by `fault`.
 */
export function replyContent(body: Record<string, unknown>, fault?: OllamaFault): string {
  const subjects = subjectsOf(body);
  if (fault?.kind === 'ignore-format') {
    const lines = subjects.map((subject) => `- ${subject.id}: ${subject.description.slice(0, 80)}`);
    return `Sure! Here is a summary of the properties you sent:\n${lines.join('\n')}`;
  }
  const format = typeof body.format === 'object' && body.format ? (body.format as JsonSchema) : {};
  const key = itemsKey(format);
  const blank = fault?.kind === 'blank';
  let reply: Record<string, unknown>;
  if (key !== undefined) {
    const items = answerItems(subjects, format.properties?.[key]?.items, blank);
    applyItemFault(items, fault);
    reply = fill(format, { [key]: [] });
    reply[key] = items;
  } else if (format.properties) {
    reply = fill(format, answerItems(subjects.slice(0, 1), undefined, blank)[0] ?? {});
  } else {
    const items = answerItems(subjects, undefined, blank);
    applyItemFault(items, fault);
    reply = { items };
  }
  const json = JSON.stringify(reply);
  return fault?.kind === 'invalid-json' ? json.slice(0, Math.floor(json.length / 2)) : json;
}
