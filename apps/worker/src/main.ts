import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { redisDatabaseProblem } from '@drawback/jobs';
import { ConfigError, readWorkerConfig } from './config/worker-config';
import { createWorkerApp } from './worker-app';

async function main(): Promise<void> {
  const config = readWorkerConfig(process.env);
  const redisProblem = await redisDatabaseProblem(config.redisUrl);
  if (redisProblem) throw new ConfigError([redisProblem]);
  const app = await createWorkerApp(config);
  // SIGTERM/SIGINT: the current job finishes, then connections close.
  app.enableShutdownHooks();
  new Logger('Worker').log(`processing queues with prefix "${config.queuePrefix}"`);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `drawback worker: ${error.message}\n` : `drawback worker: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
