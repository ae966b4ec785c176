import { createHash } from 'node:crypto';

/**
 * What makes two failures "the same problem": the signature with everything that varies from run
 * to run (URLs, ids, timestamps, numbers) replaced by placeholders, in lower case.
 */
const VARIABLE_PARTS: Array<[RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]>"'`]+/gi, '<url>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [
    /\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b/gi,
    '<time>',
  ],
  [/\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b/g, '<time>'],
  // Hex ids (request ids, object ids, hashes) contain at least one digit and one letter.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<id>'],
  [/\d+(?:[.,]\d+)*/g, '<n>'],
];

/** The signature reduced to what stays the same between occurrences of one problem. */
export function normaliseSignature(signature: string): string {
  let text = signature.toLowerCase();
  for (const [pattern, placeholder] of VARIABLE_PARTS) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A stable 16-hex-digit fingerprint of a component's failure: SHA-256 of the component and the
 * normalised signature. The same problem in another component is another incident.
 */
export function fingerprintOf(component: string, signature: string): string {
  return createHash('sha256')
    .update(`${component}\n${normaliseSignature(signature)}`)
    .digest('hex')
    .slice(0, 16);
}
