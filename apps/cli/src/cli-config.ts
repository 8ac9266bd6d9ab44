import { withPasswordHidden } from '@drawback/persistence';

/** The command line's environment, read once and validated (nobody else reads process.env). */
export interface CliConfig {
  databaseUrl?: string;
  embeddedDir: string;
  /** The API's and worker's record pack folder, when set: a claim deleted here takes its stored pack with it. */
  packDir?: string;
}

/** Bad usage (exit 2): each problem one line (interfaces.md), all of those found before any data is read. */
export class UsageError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('; '));
    this.problems = list;
  }
}

/**
 * An argument that names nothing — a path, a key id: bad usage (exit 2) said in one line, as for a claim id
 * that names no claim; the usage would only bury it.
 */
export class NamesNothingError extends UsageError {}

export function readCliConfig(env: NodeJS.ProcessEnv, cwd: string): CliConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(`DATABASE_URL must be a postgres:// or postgresql:// URL, not "${withPasswordHidden(databaseUrl)}"`);
  }
  const packDir = env.PACK_DIR?.trim() || undefined;
  return Object.freeze({ databaseUrl, embeddedDir: `${cwd}/.drawback`, ...(packDir ? { packDir } : {}) });
}
