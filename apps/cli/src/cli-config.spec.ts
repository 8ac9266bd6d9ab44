import { readCliConfig, UsageError } from './cli-config';

describe(readCliConfig.name, () => {
  it('runs on the embedded database under the working folder when DATABASE_URL is unset or blank', () => {
    expect(readCliConfig({ DATABASE_URL: ' ' }, '/srv/work')).toEqual({ databaseUrl: undefined, embeddedDir: '/srv/work/.drawback' });
  });

  it('refuses a DATABASE_URL that is no postgres URL, showing it without its password', () => {
    expect(() => readCliConfig({ DATABASE_URL: 'mysql://drawback:s3cret@db/drawback' }, '/srv/work'))
      .toThrow(new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL, not "mysql://drawback:***@db/drawback"'));
  });
});
