import { apiKeyFormatProblem } from '@drawback/application';
import { ConfigError, EnvReader, Environment, logLevel, LogLevelName, postgresUrl, queuePrefix, redisUrl } from './env-reader';

/** The API's configuration, read once from the environment (nobody else reads process.env). */
export interface ApiConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  /** Where record packs are kept. */
  packDir: string;
  /** Where uploaded data sets are written, one folder per upload; shared with the workers. */
  uploadDir: string;
  logLevel: LogLevelName;
  /** Redis key prefix of the queues; the worker must use the same. */
  queuePrefix: string;
  /** An admin key stored at start when no admin key for every claimant exists (README, Access). */
  bootstrapAdminKey: string | null;
  /** Requests a key may make in a minute, over every route. */
  rateLimitPerMinute: number;
  /** The largest file an upload may hold, in MiB (UPLOAD_MAX_FILE_MB): a larger one is refused with 413. */
  uploadMaxFileMb: number;
}

export function readApiConfig(env: Environment, cwd: string): Readonly<ApiConfig> {
  const read = new EnvReader(env, cwd);
  const config: ApiConfig = {
    databaseUrl: read.required('DATABASE_URL', postgresUrl),
    redisUrl: read.required('REDIS_URL', redisUrl),
    port: read.port('PORT', 3000),
    packDir: read.folder('PACK_DIR', './.drawback/packs'),
    uploadDir: read.folder('UPLOAD_DIR', './.drawback/uploads'),
    logLevel: read.optional('LOG_LEVEL', 'log', logLevel) as LogLevelName,
    queuePrefix: read.optional('QUEUE_PREFIX', 'drawback', queuePrefix),
    bootstrapAdminKey: read.secret('BOOTSTRAP_ADMIN_KEY', apiKeyFormatProblem),
    rateLimitPerMinute: read.wholeNumber('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    uploadMaxFileMb: read.wholeNumber('UPLOAD_MAX_FILE_MB', 2048, 1, 1_048_576),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return Object.freeze(config);
}
