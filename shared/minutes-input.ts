import { z } from 'zod';
import { stringInput } from './inputs.js';

/**
 * Shared fragment: a time budget in minutes, fractions allowed (`0.5` is 30 s, which tests and
 * short runs use); empty or `0` means no budget.
 */
export const minutesInput = stringInput().transform((value, ctx) => {
  if (value === '') return 0;
  if (!/^\d*\.?\d+$/.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected minutes as a number of at least 0 such as 50 or 0.5, got '${value}'`,
    });
    return z.NEVER;
  }
  return Number(value);
});
