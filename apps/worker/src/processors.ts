import { Provider, Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QueueName, QUEUES } from '@drawback/jobs';
import { WorkerConfig } from './config/worker-config';
import { EstimateProcessor } from './estimate.processor';
import { IngestProcessor } from './ingest.processor';
import { RecordPackProcessor } from './record-pack.processor';
import { RetagProcessor } from './retag.processor';

/** Every processor of the worker, one per queue. */
export const PROCESSORS = Symbol('PROCESSORS');

const QUEUE_OF: ReadonlyArray<[Type<WorkerHost>, QueueName]> = [
  [IngestProcessor, QUEUES.ingest],
  [RetagProcessor, QUEUES.retag],
  [EstimateProcessor, QUEUES.estimate],
  [RecordPackProcessor, QUEUES.recordPack],
];

export const QUEUES_PROCESSED: readonly QueueName[] = QUEUE_OF.map(([, queue]) => queue);

/**
 * Lock and stall timings (how soon a job whose worker died is taken again). One job at a time per queue and
 * process: run more workers for more throughput.
 */
export function workerOptions(config: Readonly<WorkerConfig>): NonNullable<Parameters<typeof Processor>[1]> {
  return { concurrency: 1, lockDuration: config.lockDurationMs, stalledInterval: config.stalledIntervalMs, maxStalledCount: config.maxStalledCount };
}

/**
 * The processors as providers, with the configured worker options. @Processor takes worker options where the
 * class is declared, before any configuration is read, so each start declares a subclass of its own with them
 * (two worker apps in one process then never share options).
 */
export function processorProviders(config: Readonly<WorkerConfig>): Provider[] {
  const options = workerOptions(config);
  const providers: Provider[] = QUEUE_OF.map(([type, queue]) => {
    // A mixin: TypeScript requires the any[] constructor signature to extend a class given as a value.
    const configured = class extends (type as new (...args: any[]) => object) {};
    Object.defineProperty(configured, 'name', { value: type.name });
    Processor(queue, options)(configured);
    return { provide: type, useClass: configured };
  });
  providers.push({ provide: PROCESSORS, useFactory: (...hosts: WorkerHost[]) => hosts, inject: QUEUE_OF.map(([type]) => type) });
  return providers;
}
