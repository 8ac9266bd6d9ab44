import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  ApiKeyService, BasisFindingsService, ClaimService, EstimateJobService, IngestJobService, JobService, RecordPackFiles, RecordPackJobService,
  RecoverabilityService, RetagJobService, RuleVersionsService,
} from '@drawback/application';
import { QUEUES } from '@drawback/jobs';
import { AuditLog, ClaimsRead, EntriesRead, ExportsRead, IngestRunsRead, ProductionOrdersRead, TraceRead } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { AccessGuard } from './access/access.guard';
import { ActingServices } from './access/acting-services';
import { BootstrapAdminKey } from './access/bootstrap-admin-key';
import { KeyThrottlerGuard } from './access/key-throttler.guard';
import { AuditEventsController } from './audit-events/audit-events.controller';
import { ClaimJobsController } from './claims/claim-jobs.controller';
import { ClaimsController } from './claims/claims.controller';
import { ApiConfig } from './config/api-config';
import { DatasetsController } from './datasets/datasets.controller';
import { uploadOptions } from './datasets/upload-storage';
import { EntriesController } from './entries/entries.controller';
import { EntryRecoverabilityController } from './entries/entry-recoverability.controller';
import { ExportsController } from './exports/exports.controller';
import { HealthController } from './health/health.controller';
import { DATABASE_PROVIDERS } from './infrastructure/database.providers';
import { JobQueues } from './infrastructure/job-queues';
import { queueOptions } from './infrastructure/queue-connection';
import { RedisHealth } from './infrastructure/redis-health';
import { API_CONFIG, DATA_SOURCE } from './infrastructure/tokens';
import { IngestRunsController } from './ingest-runs/ingest-runs.controller';
import { JobsController } from './jobs/jobs.controller';
import { KeysController } from './keys/keys.controller';
import { PortfolioController } from './portfolio/portfolio.controller';
import { ProductionOrdersController } from './production-orders/production-orders.controller';
import { RulesController } from './rules/rules.controller';
import { TraceController } from './trace/trace.controller';

/** A plain class built on the DataSource (read repositories, application services) as a provider. */
const onDataSource = <T>(type: new (dataSource: DataSource) => T) => ({
  provide: type,
  useFactory: (dataSource: DataSource) => new type(dataSource),
  inject: [DATA_SOURCE],
});

/** The configuration, the database and the read side, shared by the controllers. */
@Global()
@Module({})
class ApiCoreModule {
  static forRoot(config: Readonly<ApiConfig>): DynamicModule {
    const providers = [
      { provide: API_CONFIG, useValue: config },
      ...DATABASE_PROVIDERS,
      RedisHealth,
      onDataSource(EntriesRead),
      onDataSource(ExportsRead),
      onDataSource(ProductionOrdersRead),
      onDataSource(IngestRunsRead),
      onDataSource(JobService),
      onDataSource(IngestJobService),
      onDataSource(RecoverabilityService),
      onDataSource(BasisFindingsService),
      onDataSource(RuleVersionsService),
      onDataSource(RetagJobService),
      onDataSource(ClaimService),
      onDataSource(ClaimsRead),
      onDataSource(TraceRead),
      onDataSource(EstimateJobService),
      onDataSource(ApiKeyService),
      onDataSource(AuditLog),
      ActingServices,
      { provide: RecordPackFiles, useValue: new RecordPackFiles(config.packDir) },
      {
        provide: RecordPackJobService,
        useFactory: (dataSource: DataSource, files: RecordPackFiles) => new RecordPackJobService(dataSource, files),
        inject: [DATA_SOURCE, RecordPackFiles],
      },
    ];
    return { module: ApiCoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}

/** The HTTP API: thin controllers over the application services and the read repositories. */
@Module({})
export class ApiModule {
  static forRoot(config: Readonly<ApiConfig>): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ApiCoreModule.forRoot(config),
        BullModule.forRoot(queueOptions(config.redisUrl, config.queuePrefix)),
        BullModule.registerQueue({ name: QUEUES.ingest }, { name: QUEUES.retag }, { name: QUEUES.estimate }, { name: QUEUES.recordPack }),
        MulterModule.register(uploadOptions(config.uploadDir, config.uploadMaxFileMb)),
        // In memory, per API process: behind several instances a key's limit is per instance.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }] }),
      ],
      controllers: [
        DatasetsController,
        JobsController,
        EntriesController,
        EntryRecoverabilityController,
        PortfolioController,
        RulesController,
        ClaimsController,
        ClaimJobsController,
        TraceController,
        ExportsController,
        ProductionOrdersController,
        IngestRunsController,
        HealthController,
        KeysController,
        AuditEventsController,
      ],
      providers: [
        JobQueues,
        BootstrapAdminKey,
        // In this order: the access guard finds the key that the rate limit then counts against.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: KeyThrottlerGuard },
      ],
    };
  }
}
