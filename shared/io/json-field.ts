const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = new Set([0x7b, 0x5b]);
const CLOSE = new Set([0x7d, 0x5d]);

/** Index of the quote closing the JSON string that opens at `start`; -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  let at = text.indexOf('"', start + 1);
  while (at !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

/** Index just past the JSON value that starts at or after `start` (skipping blanks); -1 if cut short. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = stringEnd(text, at);
      if (at === -1) return -1;
      if (depth === 0) return at + 1;
    } else if (OPEN.has(code)) depth += 1;
    else if (CLOSE.has(code)) {
      // A scalar (or nothing) before the object's end: the end is here.
      if (depth === 0) return at;
      depth -= 1;
      if (depth === 0) return at + 1;
    } else if (code === COMMA && depth === 0) return at;
  }
  return -1;
}

/**
 * `line` (the text of one JSON object) with the value of its top-level `field` replaced by
 * `null`, found by scanning the text: a large value that the reader does not need (a county
 * parcel's `raw` body) is then never parsed into objects. Fields of nested objects with the same
 * name are left alone. The line is returned as it is when it has no such field or is not an
 * object; JSON.parse still judges what is left.
 */
export function nullField(line: string, field: string): string {
  const key = JSON.stringify(field);
  let depth = 0;
  for (let at = 0; at < line.length; at += 1) {
    const code = line.charCodeAt(at);
    if (code === QUOTE) {
      const end = stringEnd(line, at);
      if (end === -1) return line;
      if (depth === 1 && end - at + 1 === key.length && line.startsWith(key, at)) {
        let colon = end + 1;
        while (colon < line.length && line.charCodeAt(colon) !== COLON) colon += 1;
        // A string value that happens to equal the key: not a key, go on after it.
        if (line.slice(end + 1, colon).trim() === '' && colon < line.length) {
          const stop = valueEnd(line, colon + 1);
          if (stop === -1) return line;
          return `${line.slice(0, colon + 1)}null${line.slice(stop)}`;
        }
      }
      at = end;
    } else if (OPEN.has(code)) depth += 1;
    else if (CLOSE.has(code)) depth -= 1;
  }
  return line;
}
