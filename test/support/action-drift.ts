import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { OutputValue } from '../../shared/action.js';
import { inputName } from '../../shared/inputs.js';

/** The parts of an `action.yml` the drift check compares. */
interface ActionYml {
  name?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string };
}

/**
 * Differences between an action's `action.yml` and its definition in code: inputs the schema
 * does not read (or reads but the file does not declare), outputs set but undeclared, and the
 * runtime settings GitHub needs. Empty when they agree.
 */
export function actionDrift(
  actionDir: string,
  ymlText: string,
  definition: { inputs: z.ZodObject; failureOutputs: Record<string, OutputValue> },
): string[] {
  const yml = parse(ymlText) as ActionYml;
  const problems: string[] = [];
  const declaredInputs = Object.keys(yml.inputs ?? {}).sort();
  const schemaInputs = Object.keys(definition.inputs.shape).map(inputName).sort();
  for (const name of schemaInputs.filter((input) => !declaredInputs.includes(input)))
    problems.push(`input '${name}' is read by the schema but not declared in action.yml`);
  for (const name of declaredInputs.filter((input) => !schemaInputs.includes(input)))
    problems.push(`input '${name}' is declared in action.yml but not read by the schema`);
  const declaredOutputs = Object.keys(yml.outputs ?? {}).sort();
  // `error` is set by runAction for every action.
  const setOutputs = [...Object.keys(definition.failureOutputs), 'error'].sort();
  for (const name of setOutputs.filter((output) => !declaredOutputs.includes(output)))
    problems.push(`output '${name}' is set but not declared in action.yml`);
  for (const name of declaredOutputs.filter((output) => !setOutputs.includes(output)))
    problems.push(`output '${name}' is declared in action.yml but never set`);
  for (const [name, spec] of [
    ...Object.entries(yml.inputs ?? {}),
    ...Object.entries(yml.outputs ?? {}),
  ])
    if (!spec.description) problems.push(`'${name}' has no description in action.yml`);
  if (yml.runs?.using !== 'node24')
    problems.push(`runs.using is '${yml.runs?.using}', expected 'node24'`);
  const main = yml.runs?.main ?? '';
  if (!existsSync(path.join(actionDir, main))) problems.push(`runs.main '${main}' does not exist`);
  return problems;
}
