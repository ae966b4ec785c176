import { z } from 'zod';

/**
 * One failed preflight check as the preflight's `failures` output carries it to the incident job:
 * the check, the component it speaks for, and its message (secrets already removed).
 */
export const checkFailureSchema = z.object({
  check: z.string(),
  component: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/),
  message: z.string(),
});

/** One failed check. */
export type CheckFailure = z.output<typeof checkFailureSchema>;
