import { ConfigurationError } from '../../shared/errors.js';
import type { LoadedWorkflow } from './workflow.js';

/**
 * The `inputs` context: for `workflow_dispatch` every declared input with its default, overridden
 * by `given` (booleans typed); an undeclared name is an error naming the declared ones.
 */
export function dispatchInputs(
  workflow: LoadedWorkflow,
  event: string,
  given: Record<string, string>,
): Record<string, unknown> {
  if (event !== 'workflow_dispatch') {
    const names = Object.keys(given);
    if (names.length > 0) {
      throw new ConfigurationError(
        `--input ${names.join(', ')}: a ${event} run has no inputs; use --event workflow_dispatch`,
      );
    }
    return {};
  }
  const dispatch = workflow.template.events.workflow_dispatch;
  if (dispatch === undefined) {
    throw new ConfigurationError(
      `workflow ${workflow.name} has no workflow_dispatch trigger; run it with --event schedule`,
    );
  }
  const declared = dispatch.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) {
      throw new ConfigurationError(
        `--input ${name}: the workflow has no such input; expected one of ${Object.keys(declared).join(', ')}`,
      );
    }
  }
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.default === undefined ? '' : String(spec.default));
    inputs[name] = String(spec.type) === 'boolean' ? value === 'true' : value;
  }
  return inputs;
}

/** The combinations of a job's `strategy.matrix`, with `exclude` and `include` applied. */
export function expandMatrix(strategy: Record<string, unknown>): Array<Record<string, unknown>> {
  const matrix = (strategy.matrix ?? {}) as Record<string, unknown>;
  let combos: Array<Record<string, unknown>> = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(values)) throw new ConfigurationError(`matrix.${key} is not a list`);
    combos = combos.flatMap((combo) =>
      (values as unknown[]).map((value) => ({ ...combo, [key]: value })),
    );
  }
  const exclude = (matrix.exclude ?? []) as Array<Record<string, unknown>>;
  combos = combos.filter(
    (combo) => !exclude.some((rule) => Object.entries(rule).every(([k, v]) => combo[k] === v)),
  );
  // Simplified `include`: each entry is an extra combination (GitHub also merges an entry into
  // the combinations it matches; the workflows here do not rely on that).
  const include = (matrix.include ?? []) as Array<Record<string, unknown>>;
  const expanded = combos.filter((combo) => Object.keys(combo).length > 0);
  const all = [...expanded, ...include];
  return all.length > 0 ? all : [{}];
}
