import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule, WorkerHost } from '@nestjs/bullmq';
import {
  EstimateJobService, IngestJobService, JobService, RecordPackFiles, RecordPackJobService, RetagJobService,
} from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from './config/worker-config';
import { ConnectionErrorLogger } from './connection-error-logger';
import { FailedJobRecorder } from './failed-job-recorder';
import { JobRequeuer } from './job-requeuer';
import { PROCESSORS, processorProviders, QUEUES_PROCESSED } from './processors';
import { DATA_SOURCE, WORKER_CONFIG } from './tokens';

/**
 * Shutdown in order: the workers finish their current jobs (and take no more) before the database pool
 * closes under them.
 */
@Injectable()
class GracefulShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PROCESSORS) private readonly processors: WorkerHost[],
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.worker.close()));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const onDataSource = <T>(type: new (dataSource: DataSource) => T) => ({
  provide: type,
  useFactory: (dataSource: DataSource) => new type(dataSource),
  inject: [DATA_SOURCE],
});

/** The worker: one processor per queue, thin, over the application services. */
@Module({})
export class WorkerModule {
  static forRoot(config: Readonly<WorkerConfig>): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        // Workers block on Redis: their connections must retry forever (maxRetriesPerRequest: null).
        BullModule.forRoot({ connection: { url: config.redisUrl, maxRetriesPerRequest: null }, prefix: config.queuePrefix }),
        BullModule.registerQueue(...QUEUES_PROCESSED.map((name) => ({ name }))),
      ],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        {
          provide: DATA_SOURCE,
          // One job at a time per queue: a small pool suffices, with room for jobs of every queue at once, an
          // ingest or retag holding a transaction while it reads pages beside it.
          useFactory: () => openDatabase({ databaseUrl: config.databaseUrl, poolSize: 8 }),
        },
        onDataSource(JobService),
        onDataSource(IngestJobService),
        onDataSource(RetagJobService),
        onDataSource(EstimateJobService),
        {
          provide: RecordPackJobService,
          useFactory: (dataSource: DataSource) => new RecordPackJobService(dataSource, new RecordPackFiles(config.packDir)),
          inject: [DATA_SOURCE],
        },
        ...processorProviders(config),
        JobRequeuer,
        FailedJobRecorder,
        ConnectionErrorLogger,
        GracefulShutdown,
      ],
    };
  }
}
