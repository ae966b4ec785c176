import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/proxies.ts
var PROXY_ENTRY_EXPECTED = "expected http://user:pass@host:port (or https://, socks5://), or webshare:<API key>";
var DEFAULT_PORTS = { "http:": "80", "https:": "443", "socks5:": "1080" };
function proxyEntries(value) {
  return value.split(/[\s,]+/).filter((entry) => entry !== "");
}
function webShareKey(entry) {
  return entry.startsWith("webshare:") ? entry.slice("webshare:".length) : void 0;
}
function parseProxyUrl(entry) {
  const url = URL.canParse(entry) ? new URL(entry) : void 0;
  const defaultPort = url && DEFAULT_PORTS[url.protocol];
  if (!url || defaultPort === void 0 || url.hostname === "") return void 0;
  try {
    return {
      server: `${url.protocol}//${url.host}`,
      username: url.username ? decodeURIComponent(url.username) : void 0,
      password: url.password ? decodeURIComponent(url.password) : void 0,
      label: `${url.hostname}:${url.port || defaultPort}`
    };
  } catch {
    return void 0;
  }
}

export {
  PROXY_ENTRY_EXPECTED,
  proxyEntries,
  webShareKey,
  parseProxyUrl
};
