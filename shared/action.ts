import * as core from '@actions/core';
import type { z } from 'zod';
import { errorMessage } from './errors.js';
import { scrub } from './http/redact.js';
import { inputName, parseInputs } from './inputs.js';
import { coreLogger, type Logger } from './logger.js';
import { maskSecret, maskedSecrets, startSecretMask } from './secret-mask.js';

/** Values an action can emit; structured values go out as JSON strings. */
export type OutputValue = string | number | boolean | object;

/** What `runAction` needs from the runner; `@actions/core` on runners, a recorder in tests. */
export interface ActionRuntime {
  getInput(name: string): string;
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  setFailed(message: string): void;
  /** Appends Markdown to the step summary. */
  appendSummary(markdown: string): Promise<void>;
  logger: Logger;
}

/** The runner as `@actions/core` exposes it. */
export const coreRuntime: ActionRuntime = {
  getInput: (name) => core.getInput(name),
  setSecret: (value) => core.setSecret(value),
  setOutput: (name, value) => core.setOutput(name, value),
  setFailed: (message) => core.setFailed(message),
  appendSummary: async (markdown) => {
    // Outside a runner there is no summary file; the text is already in the log then.
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
  },
  logger: coreLogger,
};

/** One action: its input schema, the domain work, and how its result becomes outputs. */
export interface ActionDefinition<S extends z.ZodObject, R> {
  /** The action's folder name, used in the failure message: `<name> failed: ...`. */
  name: string;
  inputs: S;
  /** Keys of inputs that are secrets: every printable form masked before anything is logged. */
  secrets?: ReadonlyArray<keyof z.output<S> & string>;
  execute(inputs: z.output<S>, logger: Logger): Promise<R>;
  /** Outputs from the result, kebab-case; any not returned keep their `failureOutputs` value. */
  outputs(result: R): Record<string, OutputValue>;
  /**
   * Every output the action declares with the value it has when `execute` fails, so that later
   * steps always see every output. The drift test checks these names against `action.yml`.
   */
  failureOutputs: Record<string, OutputValue>;
  /** Markdown for the step summary. */
  summary?(result: R): string;
  /**
   * Why a finished run still fails the step (e.g. an integrity check that did not pass), or
   * undefined. Outputs and summary are set first, so later steps can read what happened.
   */
  failure?(result: R): string | undefined;
}

/** Serialises an output value: strings as they are, the rest as JSON. */
export function formatOutput(value: OutputValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function setOutputs(runtime: ActionRuntime, outputs: Record<string, OutputValue>): void {
  for (const [name, value] of Object.entries(outputs)) runtime.setOutput(name, formatOutput(value));
}

/** The longest `error` output: a sentence or two for an incident issue, not a log. */
const MAX_ERROR_OUTPUT = 1000;

/**
 * The failure message as the `error` output every action has (set only when it fails): one line,
 * scrubbed by the shared scrubber (every masked secret form, URL credentials, token shapes become
 * `***`: GitHub drops an output holding a masked value whole, and the incident job reads this one
 * to say what went wrong), cut to 1,000 characters.
 */
export function errorOutput(message: string, secrets: readonly string[]): string {
  const scrubbed = scrub(message, secrets).replace(/\s+/g, ' ').trim();
  return scrubbed.length > MAX_ERROR_OUTPUT
    ? `${scrubbed.slice(0, MAX_ERROR_OUTPUT - 1)}…`
    : scrubbed;
}

/**
 * The only code that talks to the runner: masks secrets, parses inputs, runs the domain work,
 * sets outputs and the summary, and turns any error into one `<name> failed: <message>`.
 */
export async function runAction<S extends z.ZodObject, R>(
  action: ActionDefinition<S, R>,
  runtime: ActionRuntime = coreRuntime,
): Promise<R | undefined> {
  startSecretMask((value) => runtime.setSecret(value));
  try {
    // Every printable form of each secret input: whole, line by line, each proxy entry, decoded
    // and encoded passwords, Basic auth (see secretForms). Run-time secrets are added later.
    for (const key of action.secrets ?? []) maskSecret(runtime.getInput(inputName(key)));
    const inputs = parseInputs(action.inputs, (name) => runtime.getInput(name));
    const result = await action.execute(inputs, runtime.logger);
    const failure = action.failure?.(result);
    // `error` is left unset on success: a matrix leg that worked must not blank a failed leg's.
    setOutputs(runtime, {
      ...action.failureOutputs,
      ...action.outputs(result),
      ...(failure === undefined ? {} : { error: errorOutput(failure, maskedSecrets()) }),
    });
    if (action.summary) await runtime.appendSummary(action.summary(result));
    if (failure !== undefined) runtime.setFailed(`${action.name} failed: ${failure}`);
    return result;
  } catch (error) {
    const message = errorMessage(error);
    setOutputs(runtime, { ...action.failureOutputs, error: errorOutput(message, maskedSecrets()) });
    runtime.setFailed(`${action.name} failed: ${message}`);
    return undefined;
  }
}
