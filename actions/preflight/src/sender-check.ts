import { parseSmtpUrl } from '../../../shared/smtp-url.js';
import { fail, pass, skip, type CheckResult } from './check.js';
import type { PreflightInputs } from './inputs.js';
import { reportToProblems } from './shapes.js';

const NAME = 'report sender';

/** One bare address such as reports@example.com. */
const isAddress = (value: string): boolean =>
  value !== '' && !/[\s,;]/.test(value) && reportToProblems(value).length === 0;

const row = (outcome: Pick<CheckResult, 'status' | 'message'>): CheckResult => ({
  name: NAME,
  ...outcome,
  durationMs: 0,
});

/**
 * The report's sender: `report-from` (the REPORT_FROM variable) when set, else send-report sends
 * from the SMTP login, which must then be an email address. Without either, REPORT_FROM is
 * required together with SMTP_URL. The login is never quoted: it is part of the secret.
 */
export function reportFromCheck(inputs: PreflightInputs): CheckResult {
  if (inputs.reportFrom !== '') {
    return !isAddress(inputs.reportFrom.replace(/^.*<|>$/g, ''))
      ? row(
          fail(
            `variable REPORT_FROM (input report-from): '${inputs.reportFrom}' is not an email address such as reports@example.com`,
          ),
        )
      : row(pass('REPORT_FROM well-formed'));
  }
  const smtp = parseSmtpUrl(inputs.smtpUrl);
  if (inputs.smtpUrl === '' || typeof smtp === 'string')
    return row(skip('no usable smtp-url: nothing is sent'));
  if (isAddress(smtp.auth?.user ?? ''))
    return row(pass('REPORT_FROM not set: reports are sent from the SMTP login'));
  return row(
    fail(
      'variable REPORT_FROM (input report-from) is required together with SMTP_URL: the SMTP login is not an email address to send from; set REPORT_FROM to the sender, e.g. reports@example.com',
    ),
  );
}
