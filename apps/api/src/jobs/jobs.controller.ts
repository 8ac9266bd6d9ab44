import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JobService } from '@drawback/application';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller, requesterOf } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { ErrorDto } from '../openapi/common.dto';
import { JobDto } from '../openapi/jobs.dto';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(@Inject(JobService) private readonly jobs: JobService) {}

  @Get(':id')
  @Access(READ)
  @ApiOkResponse({ type: JobDto, description: "The job's record in PostgreSQL: state, attempts, progress, result, error" })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such job, or not one the key asked for nor one on its claimants\' data' })
  async find(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobDto> {
    const job = await this.jobs.getVisible(id, requesterOf(caller));
    if (!job) throw ApiError.notFound('job', id);
    // The payload names server folders: it stays inside.
    const { payload: _payload, ...visible } = job;
    return visible;
  }
}
