import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RetagJobService, RuleVersionsService } from '@drawback/application';
import type { Response } from 'express';
import { Access, ADMIN, READ } from '../access/access.decorator';
import { ActingServices } from '../access/acting-services';
import { Caller, CurrentCaller, requesterOf } from '../access/caller.decorator';
import { ApiError } from '../http/api-error';
import { JobQueues } from '../infrastructure/job-queues';
import { ErrorDto } from '../openapi/common.dto';
import { JobAcceptedDto, RulesOverviewDto, RuleVersionLoadedDto } from '../openapi/rules.dto';

const RULE_DATA_BODY = {
  description: 'A rule-data document (libs/rules/rule-data.schema.json) with a version string not stored before',
  schema: { type: 'object', required: ['version', 'rules', 'tradeAgreementPartners', 'qualifyingAnnexes', 'otherSubheadings', 'policyDefaults'] },
};

/** The rule data: read every version; load a new one; retag the view with the active one (a job). */
@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(
    @Inject(RuleVersionsService) private readonly versions: RuleVersionsService,
    @Inject(ActingServices) private readonly acting: ActingServices,
    @Inject(RetagJobService) private readonly retagJobs: RetagJobService,
    @Inject(JobQueues) private readonly queues: JobQueues,
  ) {}

  @Get()
  @Access(READ)
  @ApiOkResponse({ type: RulesOverviewDto })
  overview(): Promise<RulesOverviewDto> {
    return this.versions.overview();
  }

  @Get(':version')
  @Access(READ)
  @ApiOkResponse({ schema: { type: 'object', description: 'The rule-data document of that version, as loaded' } })
  @ApiNotFoundResponse({ type: ErrorDto })
  async document(@Param('version') version: string): Promise<unknown> {
    const document = await this.versions.document(version);
    if (document === null) throw ApiError.notFound('rule version', version);
    return document;
  }

  @Post()
  // Rule data is global: it decides every claimant's duties, so only a key for every claimant may change it.
  @Access(ADMIN, { everyClaimant: true })
  @ApiBody(RULE_DATA_BODY)
  @ApiCreatedResponse({ type: RuleVersionLoadedDto, description: 'Stored and made active; POST /rules/retag applies it to the view' })
  @ApiOkResponse({ type: RuleVersionLoadedDto, description: 'This very document was stored already: it is active again' })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: 'RULE_DATA_INVALID: refused whole, every problem listed' })
  @ApiConflictResponse({ type: ErrorDto, description: 'CONFLICT: the version is stored with other content' })
  async load(
    @Body() document: unknown, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response,
  ): Promise<RuleVersionLoadedDto> {
    const loaded = await this.acting.recoverability(caller).loadVersion(document);
    response.status(loaded.created ? HttpStatus.CREATED : HttpStatus.OK);
    return loaded;
  }

  @Post('retag')
  @Access(ADMIN, { everyClaimant: true })
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'A retag job recomputes the view with the active version' })
  @ApiServiceUnavailableResponse({ type: ErrorDto, description: 'QUEUE_UNAVAILABLE: recorded, queued when a worker starts' })
  async retag(@CurrentCaller() caller: Caller): Promise<JobAcceptedDto> {
    const job = await this.retagJobs.submit(this.queues.enqueueRetag, requesterOf(caller));
    return { jobId: job.id };
  }
}
