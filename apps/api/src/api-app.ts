import 'reflect-metadata';
import { mkdir } from 'node:fs/promises';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { ApiModule } from './api.module';
import { ApiConfig } from './config/api-config';
import { nestLogLevels } from './config/env-reader';
import { ApiErrorFilter } from './http/api-error.filter';

export const OPENAPI_PATH = 'docs';
/** A rule-data document is about 20 kB today; its lists may grow well past the parser's 100 kB default. */
const JSON_BODY_LIMIT = '2mb';

/** The API application, initialised but not listening: main listens, the e2e test drives it with supertest. */
export async function createApiApp(config: Readonly<ApiConfig>): Promise<INestApplication> {
  await mkdir(config.uploadDir, { recursive: true });
  await mkdir(config.packDir, { recursive: true });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { logger: nestLogLevels(config.logLevel) });
  // Helmet's defaults, but no upgrade-insecure-requests: over plain http (a local run) it would make the
  // browser ask for /docs' scripts over https and the page would stay blank.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useGlobalFilters(new ApiErrorFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Drawback API')
      .setDescription('Customs duty drawback: data sets, import entries with their duty buckets and recoverability, exports, '
        + 'production, the portfolio and what-ifs, rule-data versions, claims with their estimates and record packs (jobs), '
        + 'the trace of an export line and the ledger of an import line, jobs. '
        + 'Money is always a decimal string. Errors are { code, message, details? }. '
        + 'Every route but /health needs an API key (Authorization: Bearer <key>) of a role the route allows; a key sees only its claimants\' data.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'dbk_<id>_<secret>', description: 'An API key: dbk_<id>_<secret>' })
      .build(),
  );
  SwaggerModule.setup(OPENAPI_PATH, app, document);
  await app.init();
  return app;
}
