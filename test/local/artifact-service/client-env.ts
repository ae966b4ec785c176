/**
 * Points `@actions/artifact` in this process at an emulator: sets the variables it reads at call
 * time (and unsets `GITHUB_SERVER_URL`, which would make it refuse a non-GitHub host). Returns a
 * function that restores the previous values.
 */
export function useClientEnv(env: Record<string, string>): () => void {
  const names = [...Object.keys(env), 'GITHUB_SERVER_URL'];
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  delete process.env['GITHUB_SERVER_URL'];
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
