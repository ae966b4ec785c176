/**
 * `::add-mask::` as GitHub's runner reads it (ActionCommand.TryParse and AddMaskCommandExtension):
 * the line, leading white space ignored, is `::add-mask[ properties]::data`; the data is
 * un-escaped (`%0D` -> CR, `%0A` -> LF, then `%25` -> `%`, as `@actions/core` escapes it), and the
 * value is masked whole and line by line. Property values un-escape `%3A` and `%2C` too.
 */

const DATA_ESCAPES: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];

const PROPERTY_ESCAPES: ReadonlyArray<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];

function unescape(text: string, escapes: ReadonlyArray<[string, string]>): string {
  let result = text;
  for (const [escaped, plain] of escapes) result = result.replaceAll(escaped, plain);
  return result;
}

/** A workflow command's data as the runner un-escapes it. */
export function unescapeCommandData(data: string): string {
  return unescape(data, DATA_ESCAPES);
}

/** A workflow command's property value as the runner un-escapes it. */
export function unescapeCommandProperty(value: string): string {
  return unescape(value, PROPERTY_ESCAPES);
}

/**
 * The values a `::add-mask::` line masks: the un-escaped data and each of its trimmed lines;
 * undefined when `line` is no add-mask command (empty data masks nothing, as on GitHub).
 */
export function addMaskValues(line: string): string[] | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const name = info.split(' ', 1)[0];
  if (name !== 'add-mask') return undefined;
  // The runner reads the line without its line break; a CR of a CRLF stream is no data.
  const data = unescapeCommandData(message.slice(end + 2).replace(/\r$/, ''));
  if (data.trim() === '') return [];
  const lines = data
    .split(/[\r\n]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set([data, ...lines])];
}
