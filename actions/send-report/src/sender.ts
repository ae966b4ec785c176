import { isEmailAddress } from './inputs.js';
import type { SmtpSettings } from './smtp-config.js';

/** Who the report comes from, or why it cannot be sent. */
export type Sender = { from: string } | { problem: string };

/**
 * The sender: `from` (the REPORT_FROM variable), else the SMTP login when it is an email address,
 * as most providers require anyway. With SMTP and neither, the problem names REPORT_FROM; the
 * login itself is never quoted (it is part of a secret).
 */
export function reportSender(from: string, smtp: SmtpSettings | undefined): Sender {
  if (from !== '') return { from };
  const login = smtp?.auth?.user ?? '';
  if (!smtp || isEmailAddress(login)) return { from: login };
  const why = login === '' ? 'SMTP has no login' : 'the SMTP login is not an email address';
  return {
    problem: `input 'from' (variable REPORT_FROM) is required with SMTP when there is no sender to default to (${why}); set REPORT_FROM to the sender, e.g. reports@example.com`,
  };
}
