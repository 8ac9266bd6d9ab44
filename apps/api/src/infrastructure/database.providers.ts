import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../config/api-config';
import { API_CONFIG, DATA_SOURCE } from './tokens';

/** Closes the pool after the HTTP server has stopped taking requests. */
@Injectable()
export class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export const DATABASE_PROVIDERS: Provider[] = [
  {
    provide: DATA_SOURCE,
    // Migrations are applied here too: a no-op when `drawback migrate` already ran, as in docker-compose.
    useFactory: (config: ApiConfig) => openDatabase({ databaseUrl: config.databaseUrl }),
    inject: [API_CONFIG],
  },
  DatabaseCloser,
];
