import { readFile } from 'node:fs/promises';

/**
 * Parses a `GITHUB_OUTPUT` / `GITHUB_ENV` file: `name=value` lines and `name<<DELIMITER`
 * blocks. A missing file is empty.
 */
export async function readFileCommands(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const lines = text.split(/\r?\n/);
  const result: Record<string, string> = {};
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const body: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) body.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`${path}: '${name}' has no closing ${delimiter}`);
      result[name] = body.join('\n');
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`${path}: line '${line.slice(0, 40)}' is not name=value`);
    result[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return result;
}
