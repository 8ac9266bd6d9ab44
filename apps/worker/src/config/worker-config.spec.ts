import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, nestLogLevels, readWorkerConfig } from './worker-config';

describe(readWorkerConfig.name, () => {
  it('reads the database and Redis URLs and fills the defaults', () => {
    const config = readWorkerConfig({ DATABASE_URL: 'postgresql://u@db/drawback', REDIS_URL: 'redis://redis:6379' }, '/srv/drawback');
    expect(config).toEqual({
      databaseUrl: 'postgresql://u@db/drawback', redisUrl: 'redis://redis:6379', logLevel: 'log', queuePrefix: 'drawback',
      packDir: '/srv/drawback/.drawback/packs', lockDurationMs: 30000, stalledIntervalMs: 30000, maxStalledCount: 1, requeueIntervalMs: 30000,
      testJobDelayMs: 0,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once', () => {
    expect(() => readWorkerConfig({ DATABASE_URL: 'mysql://db', LOG_LEVEL: 'chatty', QUEUE_PREFIX: 'a:b' })).toThrow(ConfigError);
    try {
      readWorkerConfig({ DATABASE_URL: 'mysql://db', LOG_LEVEL: 'chatty', QUEUE_PREFIX: 'a:b' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL must be a postgres:// or postgresql:// URL, not "mysql://db"',
        'REDIS_URL is required',
        'LOG_LEVEL must be one of error, warn, log, debug, verbose, not "chatty"',
        'QUEUE_PREFIX may hold only letters, digits, "_" and "-", not "a:b"',
      ]);
    }
  });
});

describe('PACK_DIR and the Redis database, checked at start', () => {
  const root = mkdtempSync(join(tmpdir(), 'worker-config-'));
  const file = join(root, 'passwd');
  writeFileSync(file, 'x');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a PACK_DIR that is a file or under one, and a Redis database that is not a number, with every other problem', () => {
    expect(() => readWorkerConfig({ REDIS_URL: 'redis://127.0.0.1:6379/abc', PACK_DIR: file, LOG_LEVEL: 'loud' }))
      .toThrow(new ConfigError([
        'DATABASE_URL is required',
        'REDIS_URL must name a database by its number, as redis://host:6379/0, not "redis://127.0.0.1:6379/abc"',
        'LOG_LEVEL must be one of error, warn, log, debug, verbose, not "loud"',
        `PACK_DIR must be a folder (it is a file), not "${file}"`,
      ]));
    expect(() => readWorkerConfig({ DATABASE_URL: 'postgres://db/d', REDIS_URL: 'redis://r/0', PACK_DIR: join(file, 'x') }))
      .toThrow(new ConfigError([`PACK_DIR must be a folder (it lies under the file "${file}"), not "${join(file, 'x')}"`]));
  });

  it('takes a PACK_DIR still to be made, relative to the working folder', () => {
    expect(readWorkerConfig({ DATABASE_URL: 'postgres://db/d', REDIS_URL: 'redis://r/13', PACK_DIR: 'packs/new' }, root))
      .toMatchObject({ packDir: join(root, 'packs/new'), redisUrl: 'redis://r/13' });
  });
});

describe('a refused connection URL', () => {
  it('is shown without its password', () => {
    expect(() => readWorkerConfig({ DATABASE_URL: 'postgresql://u:s3cret@db:port/d', REDIS_URL: 'redis://:s3cret@r:6379 /0' }))
      .toThrow(new ConfigError([
        'DATABASE_URL must be a postgres:// or postgresql:// URL, not "postgresql://u:***@db:port/d"',
        'REDIS_URL must be a redis:// or rediss:// URL, not "redis://:***@r:6379 /0"',
      ]));
  });
});

describe('the job timing settings', () => {
  const base = { DATABASE_URL: 'postgres://db/d', REDIS_URL: 'redis://r' };

  it('reads short lock and stall intervals and the test-only delay, as the crash tests set them', () => {
    const config = readWorkerConfig({
      ...base, PACK_DIR: '/data/packs', JOB_LOCK_DURATION_MS: '1000', JOB_STALLED_INTERVAL_MS: '500', JOB_MAX_STALLED_COUNT: '0',
      DRAWBACK_TEST_JOB_DELAY_MS: '20000',
    });
    expect(config).toMatchObject({ packDir: '/data/packs', lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 0, testJobDelayMs: 20000 });
  });

  it('refuses settings that are not whole numbers in range, naming each', () => {
    expect(() => readWorkerConfig({ ...base, JOB_LOCK_DURATION_MS: '10', JOB_STALLED_INTERVAL_MS: '1.5', DRAWBACK_TEST_JOB_DELAY_MS: '-1' }))
      .toThrow(expect.objectContaining({
        problems: [
          'JOB_LOCK_DURATION_MS must be a whole number from 500 to 86400000, not "10"',
          'JOB_STALLED_INTERVAL_MS must be a whole number from 100 to 86400000, not "1.5"',
          'DRAWBACK_TEST_JOB_DELAY_MS must be a whole number from 0 to 600000, not "-1"',
        ],
      }));
  });
});

describe(nestLogLevels.name, () => {
  it('logs the chosen level and every more severe one', () => {
    expect(nestLogLevels('warn')).toEqual(['fatal', 'error', 'warn']);
    expect(nestLogLevels('verbose')).toEqual(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']);
  });
});
