import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  ENV,
  booleanInput,
  choiceInput,
  external_exports,
  readEnv,
  stringInput
} from "./chunk-24OGRAKZ.js";

// shared/privacy/visibility.ts
import { readFileSync } from "node:fs";
var VISIBILITIES = ["auto", "public", "private"];
var repositoryVisibilityInput = choiceInput(VISIBILITIES, "auto").pipe(
  external_exports.enum(VISIBILITIES)
);
var personalDataInArtifactsInput = booleanInput(false);
var passphraseInput = stringInput();
function eventSaysPrivate() {
  const path = readEnv(ENV.githubEventPath);
  if (path === void 0) return void 0;
  try {
    const event = JSON.parse(readFileSync(path, "utf8"));
    const flag = event.repository?.private;
    return typeof flag === "boolean" ? flag : void 0;
  } catch {
    return void 0;
  }
}
function resolveVisibility(choice) {
  if (choice !== "auto") return choice;
  const isPrivate = eventSaysPrivate();
  if (isPrivate !== void 0) return isPrivate ? "private" : "public";
  return readEnv(ENV.githubActions) === "true" ? "public" : "private";
}

export {
  repositoryVisibilityInput,
  personalDataInArtifactsInput,
  passphraseInput,
  resolveVisibility
};
