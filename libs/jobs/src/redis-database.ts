import { Redis } from 'ioredis';
import { redisDatabaseOf } from './redis-url';

/**
 * Why the Redis database REDIS_URL names cannot be used, or null when it can — or when Redis cannot be reached
 * now (it may come back; jobs wait in PostgreSQL meanwhile). A server refuses `SELECT 99` when it keeps 16
 * databases, and ioredis then stays on database 0 with a warning: the apps would put their jobs where nobody
 * configured them, and another deployment's worker could take them. So the apps ask at start.
 */
export async function redisDatabaseProblem(redisUrl: string, timeoutMs = 3000): Promise<string | null> {
  const database = redisDatabaseOf(redisUrl);
  if (database === 0) return null;
  const url = new URL(redisUrl);
  url.pathname = '/';
  url.searchParams.delete('db');
  const client = new Redis(url.toString(), {
    lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: timeoutMs, retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    client.disconnect();
    return null;
  }
  try {
    await client.select(database);
    return null;
  } catch (error) {
    return `REDIS_URL names Redis database ${database}, which the server refuses (${(error as Error).message}): `
      + 'name one it keeps (0 to 15 by default; the server\'s `databases` setting)';
  } finally {
    client.disconnect();
  }
}
