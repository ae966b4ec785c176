import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);
import {
  ConfigurationError,
  stringInput
} from "./chunk-24OGRAKZ.js";

// shared/github/repository.ts
var repositoryPattern = /^[\w.-]+\/[\w.-]+$/;
var repositoryInput = stringInput().refine(
  (value) => value === "" || repositoryPattern.test(value),
  { message: "expected owner/name, e.g. octo-org/phx-pipeline" }
);
function splitRepository(repository) {
  if (!repository || !repositoryPattern.test(repository))
    throw new ConfigurationError(
      "input 'repository': expected owner/name; it is empty and GITHUB_REPOSITORY is not set"
    );
  const [owner = "", repo = ""] = repository.split("/");
  return { repository, owner, repo };
}

export {
  repositoryInput,
  splitRepository
};
