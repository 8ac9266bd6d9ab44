import { redisUrlProblem } from './redis-url';

describe(redisUrlProblem.name, () => {
  it('takes a redis:// or rediss:// URL with no database, or a database number', () => {
    for (const url of ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379/', 'redis://127.0.0.1:6379/13', 'rediss://:pw@r:6380/0', 'redis://r?db=2']) {
      expect(`${url} ${redisUrlProblem(url)}`).toBe(`${url} null`);
    }
  });

  it('refuses a database that is not a number, which ioredis would select as NaN', () => {
    for (const url of ['redis://127.0.0.1:6379/abc', 'redis://127.0.0.1:6379/1/2', 'redis://r?db=x']) {
      expect(`${url} ${redisUrlProblem(url)}`).toBe(`${url} must name a database by its number, as redis://host:6379/0`);
    }
  });

  it('refuses what is not a Redis URL', () => {
    expect(redisUrlProblem('http://redis')).toBe('must be a redis:// or rediss:// URL');
  });
});
