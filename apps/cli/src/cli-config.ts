/** The command line's environment, read once and validated (nobody else reads process.env). */
export interface CliConfig {
  databaseUrl?: string;
  embeddedDir: string;
}

export class UsageError extends Error {}

export function readCliConfig(env: NodeJS.ProcessEnv, cwd: string): CliConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(`DATABASE_URL must be a postgres:// or postgresql:// URL, not "${databaseUrl}"`);
  }
  return Object.freeze({ databaseUrl, embeddedDir: `${cwd}/.drawback` });
}
