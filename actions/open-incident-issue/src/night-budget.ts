import { z } from 'zod';
import { ConfigurationError } from '../../../shared/errors.js';
import type { ComponentFailure } from './night.js';

/** The budget levels at which the month is inside its budget: the incident closes. */
const INSIDE = new Set(['ok', 'info', 'warning']);

/** What the `budget` input says for the `budget` component. */
export interface BudgetVerdict {
  failure?: ComponentFailure;
  /** The month is inside the budget (a new month starts so): an open budget incident closes. */
  worked: boolean;
  /** check-budget's overrun severity output (`P0`..`P2` or `none`). */
  severity?: string;
}

const budgetOutputs = z.record(z.string(), z.string());

/**
 * The budget record's outputs (`toJSON(steps.record.outputs)` through a job output) as a verdict:
 * the critical level (95 % of the month's budget) or any overrun is a failure of `budget`; `ok`,
 * `info` and `warning` mean the month is inside it, so an open budget incident closes (as it does
 * when a new month starts); an empty input or an `unknown` level (the record failed) says nothing.
 */
export function budgetVerdict(text: string): BudgetVerdict {
  if (text.trim() === '' || text.trim() === 'null') return { worked: false };
  let parsed: z.output<typeof budgetOutputs>;
  try {
    parsed = budgetOutputs.parse(JSON.parse(text));
  } catch {
    throw new ConfigurationError(
      "input 'budget': expected the JSON of check-budget's outputs (e.g. `${{ needs.budget-record.outputs.budget }}`), with string values",
    );
  }
  const level = parsed.level ?? '';
  const over = Number(parsed['over-budget-percent'] ?? '0');
  const severity = parsed.severity;
  if (level === 'critical' || over > 0) {
    const utilization = parsed.utilization ? `${parsed.utilization} % of the monthly budget` : '';
    const spent = parsed['month-to-date'] ? `$${Number(parsed['month-to-date']).toFixed(2)}` : '';
    return {
      worked: false,
      severity,
      failure: {
        component: 'budget',
        signature: 'monthly budget at the critical level or over',
        message: [
          `Month to date ${spent}${utilization ? ` (${utilization})` : ''}${over > 0 ? `, ${over.toFixed(1)} % over the budget` : ''}.`,
          parsed.reason ?? '',
        ]
          .filter((part) => part.trim() !== '')
          .join(' '),
        jobs: [],
      },
    };
  }
  return { worked: INSIDE.has(level), severity };
}
