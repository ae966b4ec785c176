import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../../shared/errors.js';
import {
  booleanInput,
  choiceInput,
  decimalInput,
  dryRunInput,
  inputName,
  integerInput,
  listInput,
  mongodbUriInput,
  parseInputs,
  stringInput,
} from '../../shared/inputs.js';

const schema = z.object({
  zipCodes: listInput(z.string().regex(/^\d{5}$/, 'expected a 5-digit ZIP'), { min: 1 }),
  maxParcels: integerInput({ default: 500, min: 0, max: 100_000 }),
  mode: choiceInput(['full', 'incremental'] as const, 'incremental'),
  dryRun: dryRunInput,
  apiToken: stringInput({ required: true }),
  mongodbUri: mongodbUriInput,
  verbose: booleanInput(true),
});

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('parseInputs', () => {
  it('maps camelCase keys to kebab-case input names', () => {
    expect(inputName('zipCodes')).toBe('zip-codes');
    expect(inputName('mongodbUri')).toBe('mongodb-uri');
  });

  it('applies defaults for unset inputs and parses the rest', () => {
    const inputs = parseInputs(
      schema,
      reader({ 'zip-codes': '85031, 85033\n85035', 'api-token': ' t ' }),
    );
    expect(inputs).toEqual({
      zipCodes: ['85031', '85033', '85035'],
      maxParcels: 500,
      mode: 'incremental',
      dryRun: false,
      apiToken: 't',
      mongodbUri: '',
      verbose: true,
    });
  });

  it.each([
    [
      { 'zip-codes': '8503', 'api-token': 't' },
      "input 'zip-codes': '8503': expected a 5-digit ZIP",
    ],
    [{ 'zip-codes': '', 'api-token': 't' }, "input 'zip-codes': expected at least 1 item(s)"],
    [
      { 'zip-codes': '85031', 'api-token': 't', 'max-parcels': '1e3' },
      "input 'max-parcels': expected a whole number from 0 to 100000, got '1e3'",
    ],
    [
      { 'zip-codes': '85031', 'api-token': 't', mode: 'fast' },
      "input 'mode': expected one of full, incremental, got 'fast'",
    ],
    [
      { 'zip-codes': '85031', 'api-token': 't', 'dry-run': 'yes' },
      "input 'dry-run': expected true or false, got 'yes'",
    ],
    [{ 'zip-codes': '85031' }, "input 'api-token' is required"],
    [
      { 'zip-codes': '85031', 'api-token': 't', 'mongodb-uri': 'http://x' },
      "input 'mongodb-uri': expected a connection string",
    ],
  ])('rejects %o naming the input', (values, message) => {
    expect(() => parseInputs(schema, reader(values))).toThrow(ConfigurationError);
    expect(() => parseInputs(schema, reader(values))).toThrow(message);
  });

  it('reads decimal minutes and names the input when one is not a number', () => {
    const minutes = z.object({
      timeBudgetMinutes: decimalInput({ default: 0, unit: 'of minutes' }),
    });
    expect(parseInputs(minutes, reader({})).timeBudgetMinutes).toBe(0);
    expect(parseInputs(minutes, reader({ 'time-budget-minutes': '50' })).timeBudgetMinutes).toBe(
      50,
    );
    expect(parseInputs(minutes, reader({ 'time-budget-minutes': '0.25' })).timeBudgetMinutes).toBe(
      0.25,
    );
    for (const bad of ['-1', '1e3', 'soon', 'Infinity'])
      expect(() => parseInputs(minutes, reader({ 'time-budget-minutes': bad }))).toThrow(
        `input 'time-budget-minutes': expected a number of minutes of at least 0 such as 50 or 0.5, got '${bad}'`,
      );
  });

  it('reports every bad input at once', () => {
    const read = reader({ 'zip-codes': 'x', 'max-parcels': '-1' });
    expect(() => parseInputs(schema, read)).toThrow(/zip-codes.*max-parcels.*api-token/);
  });
});
