import { z } from 'zod';
import { databaseInput } from '../../../shared/db/database-input.js';
import {
  booleanInput,
  choiceInput,
  dryRunInput,
  integerInput,
  listInput,
  mongodbUriInput,
  stringInput,
} from '../../../shared/inputs.js';
import { DEFAULT_POLICY, GATED_STAGES, LEVELS, type GatePolicy } from './levels.js';

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** Dollars, more than 0, with at most two decimals (`25`, `37.50`). */
function dollarsInput(defaultValue: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return defaultValue;
        if (!/^\d+(\.\d{1,2})?$/.test(value) || Number(value) <= 0) {
          ctx.addIssue({
            code: 'custom',
            message: `expected dollars above 0 such as 25 or 37.50, got '${value}'`,
          });
          return z.NEVER;
        }
        return Number(value);
      }),
  );
}

const policyEntry = z
  .string()
  .regex(
    new RegExp(`^(${GATED_STAGES.join('|')})=(${[...LEVELS.slice(1), 'never'].join('|')})$`),
    `expected <stage>=<level> with stage ${GATED_STAGES.join(' or ')} and level info, warning, critical or never`,
  );

/** `scrape=critical llm=warning`: the level at which each costly stage is switched off. */
const policyInput = listInput(policyEntry).transform((entries): GatePolicy => {
  const policy: GatePolicy = { ...DEFAULT_POLICY };
  for (const entry of entries) {
    const [stage, level] = entry.split('=') as [keyof GatePolicy, GatePolicy[keyof GatePolicy]];
    policy[stage] = level;
  }
  return policy;
});

/** The inputs of `check-budget`; see action.yml for each one's meaning. */
export const checkBudgetInputs = z.object({
  monthlyBudget: dollarsInput(25),
  rateCard: stringInput(),
  usageArtifacts: listInput(z.string().min(1)),
  githubToken: stringInput(),
  mongodbUri: mongodbUriInput,
  database: databaseInput,
  ledgerFile: stringInput(),
  policy: policyInput,
  stage: choiceInput(['gate', 'record'] as const, 'gate'),
  publicRepository: booleanInput(false),
  propertyCount: integerInput({ default: 0, min: 0 }),
  dryRun: dryRunInput,
});

/** Parsed inputs of `check-budget`. */
export type CheckBudgetInputs = z.output<typeof checkBudgetInputs>;
