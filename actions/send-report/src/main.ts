import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { sendReportInputs } from './inputs.js';
import { sendReport, type SendReportDeps, type SendReportResult } from './send-report.js';
import { reportSummary } from './summary.js';

/** The `send-report` action with its outside world given by `deps`. */
export function createSendReportAction(
  deps: SendReportDeps,
): ActionDefinition<typeof sendReportInputs, SendReportResult> {
  return {
    name: 'send-report',
    inputs: sendReportInputs,
    secrets: ['smtpUrl', 'smtpPassword', 'mongodbUri', 'githubToken'],
    execute: (inputs, logger) => sendReport(inputs, deps, logger),
    outputs: (result) => ({
      sent: result.sent,
      'message-id': result.messageId,
      status: result.report.status,
      'report-artifact': result.artifact,
    }),
    failureOutputs: { sent: false, 'message-id': '', status: 'failure', 'report-artifact': '' },
    summary: reportSummary,
  };
}

/** The action as runners run it: the real clock, environment and artifact client. */
export const action = createSendReportAction({
  now: () => new Date(),
  env: process.env,
  // Outside a runner there is no artifact service: run results are stage folders on disk.
  artifactClient: runnerArtifactClient(),
});

/** Entry point for the bundle. */
export const run = () => runAction(action);
