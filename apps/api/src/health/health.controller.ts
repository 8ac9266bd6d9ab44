import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { pingDatabase } from '@drawback/persistence';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../access/access.decorator';
import { RedisHealth } from '../infrastructure/redis-health';
import { DATA_SOURCE } from '../infrastructure/tokens';
import { HealthDto } from '../openapi/jobs.dto';

const CHECK_TIMEOUT_MS = 3000;

type Status = 'up' | 'down';

async function check(probe: () => Promise<void>): Promise<Status> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(RedisHealth) private readonly redis: RedisHealth,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto, description: 'PostgreSQL answers SELECT 1 and Redis answers PING' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The checks that failed are "down"' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([check(() => pingDatabase(this.dataSource)), check(() => this.redis.ping())]);
    const status: Status = database === 'up' && redis === 'up' ? 'up' : 'down';
    response.status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, checks: { database, redis } };
  }
}
