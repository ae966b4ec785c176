import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ARTIFACT_PROGRAMS } from './marketplace.js';

const execute = promisify(execFile);

/**
 * Downloads every artifact of the run into `dest/<name>/`, as the run page on GitHub offers them,
 * so the report, stage data and backups of a local run can be opened without the service.
 * Runs the same download program as `actions/download-artifact`, with the run's own token.
 */
export async function downloadRunArtifacts(
  clientEnv: Record<string, string>,
  dest: string,
): Promise<string> {
  const program = ARTIFACT_PROGRAMS['actions/download-artifact'] ?? '';
  const { stdout } = await execute(process.execPath, [...process.execArgv, program], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...clientEnv,
      INPUT_PATH: dest,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim().split('\n').pop() ?? '';
}
