import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/markdown.ts
function markdownText(text, maxLength = 1e3) {
  const line = text.replace(/\r\n|\r|\n/g, " ");
  const cut = line.length > maxLength ? `${line.slice(0, maxLength - 1)}\u2026` : line;
  return cut.replace(/[\\`*[\]|]/g, "\\$&").replace(/^#/, "\\#").replace(/[&<>]/g, (char) => ENTITIES[char]).replace(/@(?=\w)/g, "@\u200B");
}
var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

export {
  markdownText
};
