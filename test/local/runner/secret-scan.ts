import { execFileSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { simpleParser } from 'mailparser';

/** One place a pipeline run left text: a file (an archive member too), an issue, an email. */
export interface Place {
  where: string;
  text: string;
}

const isZip = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;

function opened(where: string, bytes: Buffer): Place[] {
  if (isGzip(bytes)) return opened(`${where} (gunzipped)`, gunzipSync(bytes));
  return [{ where, text: bytes.toString('utf8') }];
}

/** Every member of a zip file, each opened (gzip members unpacked), read with the system unzip. */
function zipMembers(path: string): Place[] {
  const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' })
    .split('\n')
    .filter((name) => name !== '' && !name.endsWith('/'));
  return names.flatMap((name) =>
    opened(
      `${path}!${name}`,
      execFileSync('unzip', ['-p', path, name], { maxBuffer: 256 * 1024 * 1024 }),
    ),
  );
}

/**
 * Every file under `dir` as text: logs, step summaries, result.json, and each artifact (the
 * artifact service keeps zips: their members are unzipped, gzip files unpacked).
 */
export async function filesUnder(dir: string): Promise<Place[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const places: Place[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    places.push(...opened(path, bytes));
    if (isZip(bytes)) places.push(...zipMembers(path));
  }
  return places;
}

/** An email as sent and as read: the raw message, its decoded text, HTML and attachments. */
export async function emailPlaces(name: string, raw: Buffer): Promise<Place[]> {
  const mail = await simpleParser(raw);
  return [
    { where: `${name} (raw)`, text: raw.toString('utf8') },
    { where: `${name} (subject, text)`, text: `${mail.subject ?? ''}\n${mail.text ?? ''}` },
    { where: `${name} (html)`, text: typeof mail.html === 'string' ? mail.html : '' },
    ...mail.attachments.map((attachment) => ({
      where: `${name} attachment ${attachment.filename ?? attachment.cid ?? ''}`,
      text: attachment.content.toString('utf8'),
    })),
  ];
}

/** `form name: where` for each planted form found in a place; empty when none leaked. */
export function leaks(places: readonly Place[], forms: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, form] of Object.entries(forms))
    for (const place of places)
      if (place.text.includes(form)) found.push(`${name}: ${place.where}`);
  return found;
}
