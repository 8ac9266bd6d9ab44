import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IngestRunsRead } from '@drawback/persistence';
import { Access, READ } from '../access/access.decorator';
import { Caller, CurrentCaller } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { ErrorDto } from '../openapi/common.dto';
import { IngestRunDto } from '../openapi/jobs.dto';

@ApiTags('ingest-runs')
@ApiBearerAuth()
@Controller('ingest-runs')
export class IngestRunsController {
  constructor(@Inject(IngestRunsRead) private readonly runs: IngestRunsRead) {}

  @Get(':id')
  @Access(READ)
  @ApiOkResponse({ type: IngestRunDto, description: 'Status, counts per file kind, and the errors of a rejected data set' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async find(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<IngestRunDto> {
    const run = await this.runs.find(id, caller.claimants);
    if (!run) throw ApiError.notFound('ingest run', id);
    return run;
  }
}
