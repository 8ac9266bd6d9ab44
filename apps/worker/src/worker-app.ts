import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels, WorkerConfig } from './config/worker-config';
import { PROCESSORS } from './processors';
import { WorkerModule } from './worker.module';

/** The worker as a Nest application context, started: main keeps it running, the e2e test starts it in-process. */
export async function createWorkerApp(config: Readonly<WorkerConfig>): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: nestLogLevels(config.logLevel) });
  await app.init();
  // The processors' workers are created on init; wait until they are connected and taking jobs.
  await Promise.all(app.get<WorkerHost[]>(PROCESSORS).map((processor) => processor.worker.waitUntilReady()));
  return app;
}
