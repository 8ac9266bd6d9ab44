import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { redisDatabaseProblem } from '@drawback/jobs';
import { createApiApp } from './api-app';
import { readApiConfig } from './config/api-config';
import { ConfigError } from './config/env-reader';

async function main(): Promise<void> {
  const config = readApiConfig(process.env, process.cwd());
  const redisProblem = await redisDatabaseProblem(config.redisUrl);
  if (redisProblem) throw new ConfigError([redisProblem]);
  const app = await createApiApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port);
  new Logger('Api').log(`listening on port ${config.port}; OpenAPI at /docs`);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `drawback api: ${error.message}\n` : `drawback api: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
