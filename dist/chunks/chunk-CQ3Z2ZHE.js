import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/http/redact.ts
var SECRET_NAME = /token|key|secret|passw|auth|sig|session|cookie|credential/i;
var REDACTED = "***";
function redactUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return String(url).split("?")[0] ?? "";
  }
  if (parsed.username !== "") parsed.username = REDACTED;
  if (parsed.password !== "") parsed.password = REDACTED;
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_NAME.test(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
}
function secretHeaderValues(headers) {
  return Object.entries(headers ?? {}).filter(([name, value]) => SECRET_NAME.test(name) && value.trim() !== "").map(([, value]) => value.trim());
}
function secretQueryValues(url) {
  try {
    return [...new URL(url).searchParams].filter(([name, value]) => SECRET_NAME.test(name) && value !== "").map(([, value]) => value);
  } catch {
    return [];
  }
}
function scrubSecrets(text, secrets) {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 4) scrubbed = scrubbed.replaceAll(secret, REDACTED);
  }
  return scrubbed;
}

export {
  REDACTED,
  redactUrl,
  secretHeaderValues,
  secretQueryValues,
  scrubSecrets
};
