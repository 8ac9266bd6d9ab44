import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './env-reader';
import { readApiConfig } from './api-config';

describe(readApiConfig.name, () => {
  const valid = { DATABASE_URL: 'postgres://postgres@db:5432/drawback', REDIS_URL: 'redis://redis:6379/0' };

  it('fills the defaults and makes folders absolute against the working folder', () => {
    const config = readApiConfig(valid, '/srv/app');
    expect(config).toEqual({
      databaseUrl: valid.DATABASE_URL,
      redisUrl: valid.REDIS_URL,
      port: 3000,
      packDir: '/srv/app/.drawback/packs',
      uploadDir: '/srv/app/.drawback/uploads',
      logLevel: 'log',
      queuePrefix: 'drawback',
      bootstrapAdminKey: null,
      rateLimitPerMinute: 600,
      uploadMaxFileMb: 2048,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      readApiConfig({ REDIS_URL: 'http://redis', PORT: '70000', LOG_LEVEL: 'loud', BOOTSTRAP_ADMIN_KEY: 'hunter2', RATE_LIMIT_PER_MINUTE: '0',
        UPLOAD_MAX_FILE_MB: '2GB' }, '/srv/app');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_URL is required',
      'REDIS_URL must be a redis:// or rediss:// URL, not "http://redis"',
      'PORT must be a port number (1-65535), not "70000"',
      'LOG_LEVEL must be one of error, warn, log, debug, verbose, not "loud"',
      'BOOTSTRAP_ADMIN_KEY must be an API key: dbk_<32 hex digits>_<at least 43 base64url characters> (its value is not shown)',
      'RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not "0"',
      'UPLOAD_MAX_FILE_MB must be a whole number from 1 to 1048576, not "2GB"',
    ]);
    expect((error as ConfigError).message).not.toContain('hunter2');
  });

  it('shows a refused connection URL without its password', () => {
    expect(() => readApiConfig({ DATABASE_URL: 'postgres://drawback:s3cret@db:port/drawback', REDIS_URL: 'redis://:s3cret@redis:6379 /0' }, '/srv/app'))
      .toThrow(new ConfigError([
        'DATABASE_URL must be a postgres:// or postgresql:// URL, not "postgres://drawback:***@db:port/drawback"',
        'REDIS_URL must be a redis:// or rediss:// URL, not "redis://:***@redis:6379 /0"',
      ]));
  });

  it('takes a bootstrap admin key of the key format and a rate limit', () => {
    const key = `dbk_${'a'.repeat(32)}_${'B'.repeat(43)}`;
    expect(readApiConfig({ ...valid, BOOTSTRAP_ADMIN_KEY: key, RATE_LIMIT_PER_MINUTE: '60' }, '/srv'))
      .toMatchObject({ bootstrapAdminKey: key, rateLimitPerMinute: 60 });
  });

  it('takes the largest file an upload may hold, in MiB', () => {
    expect(readApiConfig({ ...valid, UPLOAD_MAX_FILE_MB: '64' }, '/srv')).toMatchObject({ uploadMaxFileMb: 64 });
  });

  it('refuses a PACK_DIR or UPLOAD_DIR that is a file or under one, and a Redis database that is not a number, with every other problem', () => {
    const root = mkdtempSync(join(tmpdir(), 'api-config-'));
    const file = join(root, 'passwd');
    writeFileSync(file, 'x');
    try {
      expect(() => readApiConfig({ REDIS_URL: 'redis://127.0.0.1:6379/abc', PACK_DIR: file, UPLOAD_DIR: join(file, 'x'), PORT: 'x' }, '/srv'))
        .toThrow(new ConfigError([
          'DATABASE_URL is required',
          'REDIS_URL must name a database by its number, as redis://host:6379/0, not "redis://127.0.0.1:6379/abc"',
          'PORT must be a port number (1-65535), not "x"',
          `PACK_DIR must be a folder (it is a file), not "${file}"`,
          `UPLOAD_DIR must be a folder (it lies under the file "${file}"), not "${join(file, 'x')}"`,
        ]));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps absolute folders as given', () => {
    const config = readApiConfig({ ...valid, UPLOAD_DIR: '/data/uploads', PACK_DIR: '/data/packs', PORT: '8080' }, '/srv');
    expect(config).toMatchObject({ uploadDir: '/data/uploads', packDir: '/data/packs', port: 8080 });
  });
});
