import { z } from 'zod';
import { ConfigurationError } from '../../../shared/errors.js';

/** check-budget's outputs as the report uses them. */
export interface BudgetFigures {
  level: string;
  /** Percent of the monthly budget spent this month. */
  utilization: number | null;
  monthToDate: number | null;
  projected: number | null;
  /** `warning` when the projection is above 80 % of the budget; `unknown` when not given. */
  projectionLevel: string;
  runCost: number | null;
  costPerProperty: number | null;
  severity: string;
  /** Month-to-date dollars per service. */
  breakdown: Record<string, number>;
}

// Runners pass every output as a string (`toJSON(steps.budget.outputs)`), so numbers and the
// breakdown object may arrive as text.
const number = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number().finite().nullable().optional(),
);
const breakdown = z.preprocess(
  (value) =>
    typeof value === 'string' && value.trim() !== '' ? (JSON.parse(value) as unknown) : value,
  z.record(z.string(), z.coerce.number()).optional(),
);
const budgetSchema = z.object({
  level: z.string().optional(),
  utilization: number,
  'month-to-date': number,
  projected: number,
  'projection-level': z.string().optional(),
  'run-cost': number,
  'cost-per-property': number,
  severity: z.string().optional(),
  breakdown,
});

/** Parses the `budget` input; undefined when empty, a ConfigurationError when malformed. */
export function parseBudget(text: string): BudgetFigures | undefined {
  if (text.trim() === '') return undefined;
  let parsed;
  try {
    parsed = budgetSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success)
    throw new ConfigurationError(
      'input \'budget\': expected check-budget\'s outputs as a JSON object, e.g. {"level":"ok","month-to-date":"4.2"}',
    );
  const data = parsed.data;
  return {
    level: data.level ?? 'unknown',
    utilization: data.utilization ?? null,
    monthToDate: data['month-to-date'] ?? null,
    projected: data.projected ?? null,
    projectionLevel: data['projection-level'] || 'unknown',
    runCost: data['run-cost'] ?? null,
    costPerProperty: data['cost-per-property'] ?? null,
    severity: data.severity ?? 'none',
    breakdown: data.breakdown ?? {},
  };
}
