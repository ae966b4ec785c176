import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  external_exports
} from "./chunk-24OGRAKZ.js";

// shared/io/artifact-name.ts
var ARTIFACT_NAME_RULE = 'a plain name of letters, digits, ".", "_" or "-" that starts with a letter or digit, has no "..", at most 100 characters';
var PLAIN_NAME = /^[A-Za-z0-9][\w.-]{0,99}$/;
function isPlainArtifactName(name) {
  return PLAIN_NAME.test(name) && !name.includes("..");
}
function artifactNameSchema(options = {}) {
  return external_exports.string().refine((name) => options.optional === true && name === "" || isPlainArtifactName(name), {
    message: `expected ${ARTIFACT_NAME_RULE}`
  });
}

export {
  isPlainArtifactName,
  artifactNameSchema
};
