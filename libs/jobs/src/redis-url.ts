/**
 * Why a REDIS_URL cannot be used, or null when it can. Beyond the scheme, the database: ioredis reads the
 * path as a database number and sends `SELECT NaN` for `/abc`, which Redis refuses only once connected.
 */
export function redisUrlProblem(value: string): string | null {
  if (!/^rediss?:\/\/\S+$/.test(value) || !URL.canParse(value)) return 'must be a redis:// or rediss:// URL';
  const url = new URL(value);
  const database = url.searchParams.get('db') ?? (url.pathname === '/' ? '' : url.pathname.slice(1));
  if (database !== '' && !/^[0-9]{1,5}$/.test(database)) return 'must name a database by its number, as redis://host:6379/0';
  return null;
}

/** The database a usable REDIS_URL names (`/3` or `?db=3`); 0 when it names none. */
export function redisDatabaseOf(value: string): number {
  const url = new URL(value);
  const database = url.searchParams.get('db') ?? (url.pathname === '/' ? '' : url.pathname.slice(1));
  return database === '' ? 0 : Number(database);
}
