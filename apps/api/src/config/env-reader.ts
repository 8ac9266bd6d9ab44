import { isAbsolute, resolve } from 'node:path';
import { folderProblem } from '@drawback/application';
import { redisUrlProblem } from '@drawback/jobs';
import { withPasswordHidden } from '@drawback/persistence';

/** A refused variable, its value shown so the mistake can be seen — a connection URL's password hidden. */
const refused = (name: string, problem: string, value: string) => `${name} ${problem}, not "${withPasswordHidden(value)}"`;

export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads variables one by one, collecting every problem so that they are all reported at once. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Environment, private readonly cwd: string) {}

  private value(name: string): string | undefined {
    const raw = this.env[name]?.trim();
    return raw ? raw : undefined;
  }

  required(name: string, check: (value: string) => string | null): string {
    const value = this.value(name);
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    const problem = check(value);
    if (problem) this.problems.push(refused(name, problem, value));
    return value;
  }

  optional(name: string, fallback: string, check: (value: string) => string | null = () => null): string {
    const value = this.value(name) ?? fallback;
    const problem = check(value);
    if (problem) this.problems.push(refused(name, problem, value));
    return value;
  }

  port(name: string, fallback: number): number {
    const value = this.optional(name, String(fallback), (v) =>
      /^[0-9]{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? null : 'must be a port number (1-65535)');
    return Number.parseInt(value, 10);
  }

  /** A whole number from min to max. */
  wholeNumber(name: string, fallback: number, min: number, max: number): number {
    const value = this.optional(name, String(fallback), (v) =>
      /^[0-9]{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max ? null : `must be a whole number from ${min} to ${max}`);
    return Number.parseInt(value, 10);
  }

  /** An optional secret: a problem names the variable, never its value (it would end up in a log). */
  secret(name: string, check: (value: string) => string | null): string | null {
    const value = this.value(name);
    if (value === undefined) return null;
    const problem = check(value);
    if (problem) this.problems.push(`${name} ${problem} (its value is not shown)`);
    return problem ? null : value;
  }

  /**
   * A folder, made absolute against the working folder so that every component agrees on it; refused when
   * it is a file or lies under one, as the process would fail to make it.
   */
  folder(name: string, fallback: string): string {
    const value = this.optional(name, fallback);
    const path = isAbsolute(value) ? value : resolve(this.cwd, value);
    const problem = folderProblem(path);
    if (problem) this.problems.push(refused(name, problem, value));
    return path;
  }
}

export function postgresUrl(value: string): string | null {
  return /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value) ? null : 'must be a postgres:// or postgresql:// URL';
}

/** A Redis URL whose database, when it names one, is a number (ioredis would send SELECT NaN). */
export const redisUrl = redisUrlProblem;

export const LOG_LEVEL_NAMES = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

export function logLevel(value: string): string | null {
  return (LOG_LEVEL_NAMES as readonly string[]).includes(value) ? null : `must be one of ${LOG_LEVEL_NAMES.join(', ')}`;
}

/** Redis key prefix of the queues; `:` is BullMQ's separator. */
export function queuePrefix(value: string): string | null {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? null : 'may hold only letters, digits, "_" and "-"';
}

/** Nest logs every level at and above the one chosen. */
export function nestLogLevels(level: LogLevelName): Array<'fatal' | LogLevelName> {
  return ['fatal', ...LOG_LEVEL_NAMES.slice(0, LOG_LEVEL_NAMES.indexOf(level) + 1)];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
