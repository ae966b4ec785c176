import { parseSmtpUrl } from '../../../shared/smtp-url.js';
import { fail, pass, skip, warn, type CheckResult } from './check.js';
import type { PreflightInputs } from './inputs.js';
import { SECRET_INPUTS, secretLabel, type SecretInput } from './secrets.js';
import {
  captchaKeyShape,
  countyTokenShape,
  mongoUriShape,
  proxiesShape,
  reportToProblems,
} from './shapes.js';

const SHAPES: Record<SecretInput, (value: string) => string | undefined> = {
  'mongodb-uri': mongoUriShape,
  'county-api-token': countyTokenShape,
  'smtp-url': (value) => {
    const target = parseSmtpUrl(value);
    return typeof target === 'string' ? target : undefined;
  },
  'captcha-api-key': captchaKeyShape,
  proxies: proxiesShape,
};

/** The value of a secret input. */
export function secretValue(inputs: PreflightInputs, input: SecretInput): string {
  const values: Record<SecretInput, string> = {
    'mongodb-uri': inputs.mongodbUri,
    'county-api-token': inputs.countyApiToken,
    'smtp-url': inputs.smtpUrl,
    'captcha-api-key': inputs.captchaApiKey,
    proxies: inputs.proxies,
  };
  return values[input];
}

const row = (name: string, outcome: Pick<CheckResult, 'status' | 'message'>): CheckResult => ({
  name,
  ...outcome,
  durationMs: 0,
});

/**
 * Presence and shape of every secret input: a required one that is missing and a malformed one
 * are errors naming the secret and what was expected; an optional one that is missing is skipped.
 */
export function secretChecks(inputs: PreflightInputs): CheckResult[] {
  return SECRET_INPUTS.map((input) => {
    const name = `${secretLabel(input).replace(/ \(input .*\)$/, '')} set and well-formed`;
    const value = secretValue(inputs, input);
    if (value === '') {
      return inputs.required.includes(input)
        ? row(
            name,
            fail(`${secretLabel(input)} is not set; it is required (see the 'required' input)`),
          )
        : row(name, skip('not set (optional)'));
    }
    const problem = SHAPES[input](value);
    return row(
      name,
      problem ? fail(`${secretLabel(input)}: ${problem}`) : pass('set; shape as expected'),
    );
  });
}

/** The report recipients: empty is a warning (the report stays an artifact), a bad address an error. */
export function reportToCheck(inputs: PreflightInputs): CheckResult {
  const name = 'report recipients';
  if (inputs.reportTo === '')
    return row(name, warn("input 'report-to' is empty: the report is kept as an artifact only"));
  const problems = reportToProblems(inputs.reportTo);
  if (problems.length > 0) return row(name, fail(`input 'report-to': ${problems.join('; ')}`));
  if (inputs.smtpUrl === '')
    return row(name, warn('no smtp-url: the report for report-to is kept as an artifact only'));
  return row(name, pass('recipients well-formed'));
}
