import type { z } from 'zod';
import { IntegrityError } from '../errors.js';
import { recordSchemas, type RecordOf, type RecordType } from './registry.js';

/** Zod issues as one line: `apn: expected ...; valuations[0].taxYear: ...`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((key, index) =>
          typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`,
        )
        .join('');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Checks `value` against the schema of `type`; throws an IntegrityError naming `where` (a file
 * and line, a request) and every problem, for instance
 * `county-parcel record at data.ndjson:12 is invalid: apn: expected a canonical APN ...`.
 */
export function validateRecord<T extends RecordType>(
  type: T,
  value: unknown,
  where: string,
): RecordOf<T> {
  const result = recordSchemas[type].schema.safeParse(value);
  if (!result.success) {
    throw new IntegrityError(
      `${type} record at ${where} is invalid: ${formatIssues(result.error)}`,
    );
  }
  return result.data as RecordOf<T>;
}
