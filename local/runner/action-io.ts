import { appendFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

/** An `INPUT_<NAME>` value as a runner passes a step's `with:`, trimmed; '' when absent. */
export function actionInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}

/** A multi-line input (`path:`, `restore-keys:`) as its non-empty lines. */
export function inputLines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A path as the marketplace actions read it: `~` is the job's HOME, relative is its workspace. */
export function jobPath(path: string, home: string, workspace: string): string {
  const expanded = path.replace(/^~(?=\/|$)/, home);
  return isAbsolute(expanded) ? expanded : resolve(workspace, expanded);
}

/** Sets a step output through `GITHUB_OUTPUT`, when the runner gave one. */
export async function setStepOutput(name: string, value: string | number): Promise<void> {
  const output = process.env.GITHUB_OUTPUT;
  if (output) await appendFile(output, `${name}=${value}\n`);
}
