import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { redisDatabaseOf } from '@drawback/jobs';
import { Redis } from 'ioredis';
import { ApiConfig } from '../config/api-config';
import { API_CONFIG } from './tokens';

/**
 * Its own small Redis connection for `/health`: it must answer fast and fail fast, where the queue's
 * connection waits for Redis to come back.
 */
@Injectable()
export class RedisHealth implements OnApplicationShutdown {
  private readonly client: Redis;
  private readonly database: number;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.database = redisDatabaseOf(config.redisUrl);
    this.client = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Errors are reported by ping(); without a listener ioredis would log each reconnect failure.
    this.client.on('error', () => undefined);
  }

  async ping(): Promise<void> {
    if (this.client.status === 'wait') await this.client.connect();
    // A database the server refuses leaves ioredis on database 0, where PING still answers: ask for it.
    await this.client.select(this.database);
    const answer = await this.client.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
