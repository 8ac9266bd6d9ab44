import { isAbsolute, resolve } from 'node:path';
import { folderProblem } from '@drawback/application';
import { redisUrlProblem } from '@drawback/jobs';
import { withPasswordHidden } from '@drawback/persistence';

/** The worker's configuration, read once from the environment (nobody else reads process.env). */
export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  logLevel: LogLevelName;
  /** Redis key prefix of the queues; the API must use the same. */
  queuePrefix: string;
  /** Where record packs are written; the API serves them from the same folder. */
  packDir: string;
  /**
   * How long a job's lock lasts without renewal (renewed at half of it while the job runs): a worker killed
   * mid-job holds its job for at most this long before another may take it.
   */
  lockDurationMs: number;
  /** How often a worker looks for jobs whose lock expired (stalled: their worker died) and puts them back. */
  stalledIntervalMs: number;
  /** How many times a job may stall and be put back; one more and BullMQ fails it. */
  maxStalledCount: number;
  /**
   * How often a running worker puts back on their queue jobs recorded in PostgreSQL that Redis does not
   * hold (an upload answered 503 while Redis was down, a Redis restart) — as it does at start.
   */
  requeueIntervalMs: number;
  /**
   * Test only (DRAWBACK_TEST_JOB_DELAY_MS, default 0): claim jobs (estimate, record pack) wait this long
   * after their attempt starts and before they write, so a test can kill the worker mid-job. Never set in
   * production.
   */
  testJobDelayMs: number;
}

export const LOG_LEVEL_NAMES = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Check = (value: string) => string | null;

const whole = (min: number, max: number): Check => (v) =>
  /^[0-9]{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `must be a whole number from ${min} to ${max}`;

const CHECKS: Record<'postgres' | 'redis' | 'logLevel' | 'prefix', Check> = {
  postgres: (v) => (/^postgres(ql)?:\/\/\S+$/.test(v) && URL.canParse(v) ? null : 'must be a postgres:// or postgresql:// URL'),
  // Its database, when it names one, a number too (ioredis would send SELECT NaN).
  redis: redisUrlProblem,
  logLevel: (v) => ((LOG_LEVEL_NAMES as readonly string[]).includes(v) ? null : `must be one of ${LOG_LEVEL_NAMES.join(', ')}`),
  // `:` is BullMQ's key separator.
  prefix: (v) => (/^[A-Za-z0-9_-]{1,64}$/.test(v) ? null : 'may hold only letters, digits, "_" and "-"'),
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates every variable and reports every problem at once. */
export function readWorkerConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): Readonly<WorkerConfig> {
  const problems: string[] = [];
  const read = (name: string, check: Check, fallback?: string): string => {
    const value = env[name]?.trim() || fallback;
    if (value === undefined) {
      problems.push(`${name} is required`);
      return '';
    }
    const problem = check(value);
    // The value is shown so the mistake can be seen, but never a connection URL's password.
    if (problem) problems.push(`${name} ${problem}, not "${withPasswordHidden(value)}"`);
    return value;
  };
  const config: WorkerConfig = {
    databaseUrl: read('DATABASE_URL', CHECKS.postgres),
    redisUrl: read('REDIS_URL', CHECKS.redis),
    logLevel: read('LOG_LEVEL', CHECKS.logLevel, 'log') as LogLevelName,
    queuePrefix: read('QUEUE_PREFIX', CHECKS.prefix, 'drawback'),
    // Absolute against the working folder, as the API reads it, so that both name the same folder; refused at
    // start when it is a file or under one, not in the first record-pack job.
    packDir: folder(read('PACK_DIR', (v) => folderProblem(folder(v, cwd)), './.drawback/packs'), cwd),
    lockDurationMs: Number.parseInt(read('JOB_LOCK_DURATION_MS', whole(500, DAY_MS), '30000'), 10),
    stalledIntervalMs: Number.parseInt(read('JOB_STALLED_INTERVAL_MS', whole(100, DAY_MS), '30000'), 10),
    maxStalledCount: Number.parseInt(read('JOB_MAX_STALLED_COUNT', whole(0, 100), '1'), 10),
    requeueIntervalMs: Number.parseInt(read('JOB_REQUEUE_INTERVAL_MS', whole(100, DAY_MS), '30000'), 10),
    testJobDelayMs: Number.parseInt(read('DRAWBACK_TEST_JOB_DELAY_MS', whole(0, 10 * 60 * 1000), '0'), 10),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

const folder = (value: string, cwd: string) => (isAbsolute(value) ? value : resolve(cwd, value));

/** Nest logs every level at and above the one chosen. */
export function nestLogLevels(level: LogLevelName): Array<'fatal' | LogLevelName> {
  return ['fatal', ...LOG_LEVEL_NAMES.slice(0, LOG_LEVEL_NAMES.indexOf(level) + 1)];
}
