import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { logConnectionErrorsQuietly } from '@drawback/jobs';
import { PROCESSORS } from './processors';

/** Each processor's Redis connection errors, one line per queue every 30 s while Redis is down (not a stack per retry). */
@Injectable()
export class ConnectionErrorLogger implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConnectionErrorLogger.name);

  constructor(@Inject(PROCESSORS) private readonly processors: WorkerHost[]) {}

  onApplicationBootstrap(): void {
    for (const { worker } of this.processors) logConnectionErrorsQuietly(worker, (line) => this.logger.warn(`worker ${worker.name}: ${line}`));
  }
}
