import path from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import type { ComposedMessage } from './message.js';
import { REPORT_FILES } from './report-files.js';
import type { SmtpSettings } from './smtp-config.js';
import { deliver, failureClass, type DeliveryOptions } from './smtp-send.js';

/** What happened to the message. */
export interface SendOutcome {
  sent: boolean;
  attempts: number;
  /** The permanent (or last transient) failure, when delivery failed. */
  failure: Error | undefined;
  failureClass: 'auth' | 'network' | 'server' | undefined;
  /** Lines for the summary. */
  lines: string[];
}

/**
 * Sends the message when SMTP is configured and this is not a dry run; otherwise says where the
 * `.eml` and `.html` are. A failure is returned, not thrown, so the report can still be published.
 */
export async function sendStep(
  message: ComposedMessage,
  smtp: SmtpSettings | undefined,
  options: { dryRun: boolean; folder: string; secrets: string[]; delivery?: DeliveryOptions },
  logger: Logger,
): Promise<SendOutcome> {
  const outcome: SendOutcome = {
    sent: false,
    attempts: 0,
    failure: undefined,
    failureClass: undefined,
    lines: [],
  };
  const eml = path.join(options.folder, REPORT_FILES.message);
  if (!smtp) {
    const html = path.join(options.folder, REPORT_FILES.html);
    outcome.lines.push(`No SMTP configured: message written to ${eml} and ${html}`);
    return outcome;
  }
  if (options.dryRun) {
    outcome.lines.push(
      `Dry run: not sent to ${message.envelope.to.length} recipient(s); message at ${eml}`,
    );
    return outcome;
  }
  try {
    const done = await withGroup(logger, 'Send', () =>
      deliver(
        message,
        smtp,
        { ...options.delivery, secrets: options.secrets, onAttempt: (n) => (outcome.attempts = n) },
        logger,
      ),
    );
    outcome.sent = true;
    outcome.lines.push(
      `Sent to ${done.accepted.length} recipient(s) via ${smtp.display} (try ${done.attempts}); message id ${message.messageId}`,
    );
  } catch (error) {
    outcome.failure = error instanceof Error ? error : new Error(errorMessage(error));
    outcome.failureClass = failureClass(error);
    outcome.lines.push(`Not sent: ${errorMessage(error)}`);
  }
  return outcome;
}
