/** The run and job a runtime token was issued for. */
export interface BackendIds {
  /** Backend id of the workflow run; artifacts are scoped to it. */
  runBackendId: string;
  /** Backend id of the job within the run. */
  jobBackendId: string;
}

const resultsScope = 'Actions.Results';

function base64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/**
 * An unsigned JWT (`alg: none`) like the runner's `ACTIONS_RUNTIME_TOKEN`: its `scp` claim holds
 * `Actions.Results:<runBackendId>:<jobBackendId>`, which `@actions/artifact` decodes (it never
 * verifies the signature). Ids must not contain `:` or spaces, the claim's separators.
 */
export function makeRuntimeToken(
  runBackendId: string,
  jobBackendId: string,
  now: Date = new Date(),
): string {
  for (const id of [runBackendId, jobBackendId]) {
    if (!/^[^\s:]+$/.test(id))
      throw new TypeError(`backend id '${id}' must not contain ':' or spaces`);
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims = {
    iss: 'local-artifact-service',
    scp: `Actions.GenericRead:${runBackendId} ${resultsScope}:${runBackendId}:${jobBackendId}`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + 6 * 3600,
  };
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.`;
}

/** Reads the backend ids from an `Authorization: Bearer <jwt>` header; undefined when absent or malformed. */
export function backendIdsFromAuthorization(header: string | undefined): BackendIds | undefined {
  const token = /^Bearer (\S+)$/i.exec(header ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  let scp: unknown;
  try {
    scp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { scp?: unknown }).scp;
  } catch {
    return undefined;
  }
  if (typeof scp !== 'string') return undefined;
  for (const scope of scp.split(' ')) {
    const [name, runBackendId, jobBackendId, ...rest] = scope.split(':');
    if (name === resultsScope && runBackendId && jobBackendId && rest.length === 0) {
      return { runBackendId, jobBackendId };
    }
  }
  return undefined;
}
