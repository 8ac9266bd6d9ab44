import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags,
} from '@nestjs/swagger';
import { ClaimService, EstimateJobService, RecordPackFiles, RecordPackJobService } from '@drawback/application';
import { ClaimsRead } from '@drawback/persistence';
import type { Response } from 'express';
import { Access, CHANGE_DATA, READ } from '../access/access.decorator';
import { Caller, CurrentCaller, requesterOf } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { JobQueues } from '../infrastructure/job-queues';
import { ErrorDto } from '../openapi/common.dto';
import { JobAcceptedDto } from '../openapi/rules.dto';

const QUEUE_UNAVAILABLE = { type: ErrorDto, description: 'QUEUE_UNAVAILABLE: recorded, queued when a worker starts' };

/** A claim's estimate and record pack: each computed by a job, then read back; another claimant's claim is not found. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims/:id')
export class ClaimJobsController {
  constructor(
    @Inject(ClaimService) private readonly claims: ClaimService,
    @Inject(ClaimsRead) private readonly read: ClaimsRead,
    @Inject(EstimateJobService) private readonly estimateJobs: EstimateJobService,
    @Inject(RecordPackJobService) private readonly recordPackJobs: RecordPackJobService,
    @Inject(RecordPackFiles) private readonly packs: RecordPackFiles,
    @Inject(JobQueues) private readonly queues: JobQueues,
  ) {}

  @Post('estimate')
  @Access(CHANGE_DATA)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'An estimate job computes and stores the estimate (poll GET /jobs/{jobId})' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiServiceUnavailableResponse(QUEUE_UNAVAILABLE)
  async estimate(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobAcceptedDto> {
    const job = await this.estimateJobs.submit(id, this.queues.enqueueEstimate, requesterOf(caller));
    return { jobId: job.id };
  }

  @Get('estimate')
  @Access(READ)
  @ApiOkResponse({
    schema: { type: 'object', description: 'The estimate (matching-and-estimates.md §6) exactly as computed: the stored JSON text; money as strings' },
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'NOT_FOUND: no such claim, or no estimate computed yet' })
  async storedEstimate(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res() response: Response): Promise<void> {
    const stored = await this.read.estimateJson(id, caller.claimants);
    if (!stored) throw await this.missing(id, caller, 'estimate', 'POST /claims/{id}/estimate computes it');
    // The text as written, not re-serialised: its bytes are what the record pack and the sha256 are of.
    response.status(HttpStatus.OK).type('application/json').setHeader('ETag', `"${stored.sha256}"`);
    response.send(stored.json);
  }

  @Post('record-pack')
  @Access(CHANGE_DATA)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'A record-pack job builds the zip (poll GET /jobs/{jobId})' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiServiceUnavailableResponse(QUEUE_UNAVAILABLE)
  async buildRecordPack(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<JobAcceptedDto> {
    const job = await this.recordPackJobs.submit(id, this.queues.enqueueRecordPack, requesterOf(caller));
    return { jobId: job.id };
  }

  @Get('record-pack')
  @Access(READ)
  @ApiProduces('application/zip')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The record pack (matching-and-estimates.md §7)' })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'NOT_FOUND: no such claim, or no record pack built yet' })
  async recordPack(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    // The pack is a file named by the claim: the claim must be the key's to see before the file is opened.
    if (!(await this.claims.get(id, caller.claimants))) throw ApiError.notFound('claim', id);
    const pack = await this.packs.open(id);
    if (!pack) throw await this.missing(id, caller, 'record pack', 'POST /claims/{id}/record-pack builds it');
    return new StreamableFile(pack.stream, {
      type: 'application/zip', length: pack.size, disposition: `attachment; filename="record-pack-${id.toLowerCase()}.zip"`,
    });
  }

  private async missing(id: string, caller: Caller, what: string, how: string): Promise<ApiError> {
    if (!(await this.claims.get(id, caller.claimants))) return ApiError.notFound('claim', id);
    return new ApiError('NOT_FOUND', `claim ${id} has no ${what} yet: ${how}`);
  }
}
