import { z } from 'zod';
import { ConfigurationError } from './errors.js';

/**
 * Action inputs: one zod object per action whose camelCase keys map to kebab-case input names
 * (`zipCodes` <-> `zip-codes`). Raw values are strings as a runner passes them; empty means unset,
 * so the schema's default applies.
 */

/** Reads one raw input by its kebab-case name; `''` when unset (the runner's convention). */
export type InputReader = (name: string) => string;

/** `zipCodes` -> `zip-codes`. */
export function inputName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Trims a raw string; empty becomes undefined so that defaults apply. */
const raw = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

/** `true`/`false` as a runner spells them (YAML 1.2 core schema, as `core.getBooleanInput`). */
export function booleanInput(defaultValue: boolean) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return defaultValue;
    if (/^(true|True|TRUE)$/.test(value)) return true;
    if (/^(false|False|FALSE)$/.test(value)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got '${value}'` });
    return z.NEVER;
  });
}

/** A whole number, optionally bounded by `min` and `max`. */
export function integerInput(options: { default: number; min?: number; max?: number }) {
  const { min, max } = options;
  const expected =
    min !== undefined && max !== undefined
      ? `a whole number from ${min} to ${max}`
      : min !== undefined
        ? `a whole number of at least ${min}`
        : max !== undefined
          ? `a whole number of at most ${max}`
          : 'a whole number';
  return raw.transform((value, ctx) => {
    if (value === undefined) return options.default;
    const number = Number(value);
    if (!/^-?\d+$/.test(value) || number < (min ?? -Infinity) || number > (max ?? Infinity)) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}, got '${value}'` });
      return z.NEVER;
    }
    return number;
  });
}

/**
 * A decimal number such as `50` or `0.5`, at least `min` (default 0): durations in minutes that
 * tests and compressed-time runs give in fractions.
 */
export function decimalInput(options: { default: number; min?: number; unit?: string }) {
  const min = options.min ?? 0;
  const unit = options.unit ? ` ${options.unit}` : '';
  return raw.transform((value, ctx) => {
    if (value === undefined) return options.default;
    const number = Number(value);
    if (!/^\d*\.?\d+$/.test(value) || !Number.isFinite(number) || number < min) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a number${unit} of at least ${min} such as 50 or 0.5, got '${value}'`,
      });
      return z.NEVER;
    }
    return number;
  });
}

/** A share from 0 to 1 (`0.25` is a quarter), as a policy threshold. */
export function rateInput(defaultValue: number) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return defaultValue;
    const number = Number(value);
    if (!/^\d*\.?\d+$/.test(value) || number > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a share from 0 to 1 such as 0.25, got '${value}'`,
      });
      return z.NEVER;
    }
    return number;
  });
}

/** One of a fixed set of words. */
export function choiceInput<const T extends readonly [string, ...string[]]>(
  choices: T,
  defaultValue: T[number],
) {
  return raw.transform((value, ctx) => {
    if (value === undefined) return defaultValue;
    if ((choices as readonly string[]).includes(value)) return value;
    ctx.addIssue({
      code: 'custom',
      message: `expected one of ${choices.join(', ')}, got '${value}'`,
    });
    return z.NEVER;
  });
}

/** A list separated by commas, spaces or newlines; each item checked by `item`. */
export function listInput<T>(item: z.ZodType<T>, options: { min?: number } = {}) {
  return raw.transform((value, ctx) => {
    const parts = (value ?? '').split(/[\s,]+/).filter((part) => part !== '');
    const parsed: T[] = [];
    for (const part of parts) {
      const result = item.safeParse(part);
      if (!result.success) {
        ctx.addIssue({
          code: 'custom',
          message: `'${part}': ${result.error.issues[0]?.message ?? 'invalid'}`,
        });
        return z.NEVER;
      }
      parsed.push(result.data);
    }
    if (parsed.length < (options.min ?? 0)) {
      ctx.addIssue({ code: 'custom', message: `expected at least ${options.min} item(s)` });
      return z.NEVER;
    }
    return parsed;
  });
}

/** A plain string, optional unless `required`. */
export function stringInput(options: { default?: string; required?: boolean } = {}) {
  if (options.required) return raw.pipe(z.string().min(1));
  return raw.transform((value) => value ?? options.default ?? '');
}

/** Shared fragment: `dry-run`, which every action with side effects accepts. */
export const dryRunInput = booleanInput(false);

/** Shared fragment: the MongoDB connection string (a secret). */
export const mongodbUriInput = raw
  .transform((value) => value ?? '')
  .refine((value) => value === '' || /^mongodb(\+srv)?:\/\//.test(value), {
    message: 'expected a connection string starting with mongodb:// or mongodb+srv://',
  });

/**
 * Reads every key of `schema` through `read` and validates them together; all problems become one
 * ConfigurationError naming each input and what was expected.
 */
export function parseInputs<S extends z.ZodObject>(schema: S, read: InputReader): z.output<S> {
  const rawValues: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) rawValues[key] = read(inputName(key));
  const result = schema.safeParse(rawValues);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    if (issue.code === 'invalid_type') return `input '${inputName(key)}' is required`;
    return `input '${inputName(key)}': ${issue.message}`;
  });
  throw new ConfigurationError(`Invalid input: ${problems.join('; ')}`);
}
